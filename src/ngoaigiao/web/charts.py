"""Charts of a filtered view over any range: events per month (or per year when
the range is long), stacked by type or by side, geometry computed here and
drawn by the template as SVG; each bar links to the events it counts."""
from __future__ import annotations

import math
from datetime import date

from ngoaigiao.web.render import COUNTRY_COLORS, TYPE_COLORS, _fill_months, _nice_step, type_color

MAX_BARS = 84          # months shown one bar each up to seven years; longer ranges go by year
TOP_KEYS = 8           # sides beyond the 8 most frequent are summed as "other"


def _months_between(a: str, b: str) -> int:
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7]) + 1


def range_chart(per_month: dict[str, dict[str, int]], by: str = "type", since: str | None = None,
                until: str | None = None, width: int = 1100, height: int = 260) -> dict | None:
    """Stacked bars over [since, until] (default: all the history there is)."""
    months = sorted(m for m in per_month if len(m) == 7)
    if since:
        months = [m for m in months if m >= since[:7]]
    if until:
        months = [m for m in months if m <= until[:7]]
    if not months:
        return None
    first = since[:7] if since and len(since) >= 7 else (since[:4] + "-01" if since else months[0])
    last = until[:7] if until and len(until) >= 7 else (until[:4] + "-12" if until else months[-1])
    first, last = min(first, months[0]), max(last, months[-1])
    yearly = _months_between(first, last) > MAX_BARS
    buckets: list[str]
    counts: dict[str, dict[str, int]] = {}
    if yearly:
        buckets = [str(y) for y in range(int(first[:4]), int(last[:4]) + 1)]
        for m, row in per_month.items():
            if m[:4] in buckets and (not since or m >= since[:7]) and (not until or m <= until[:7]):
                b = counts.setdefault(m[:4], {})
                for k, n in row.items():
                    b[k] = b.get(k, 0) + n
    else:
        buckets = _fill_months(first, last)
        counts = {m: per_month.get(m, {}) for m in buckets}
    totals_by_key: dict[str, int] = {}
    for row in counts.values():
        for k, n in row.items():
            totals_by_key[k] = totals_by_key.get(k, 0) + n
    if by == "type":
        keys = sorted(totals_by_key, key=lambda t: list(TYPE_COLORS).index(t) if t in TYPE_COLORS else 99)
        color = type_color
    else:
        ranked = sorted(totals_by_key, key=lambda k: (-totals_by_key[k], k))
        keys = ranked[:TOP_KEYS]
        if len(ranked) > TOP_KEYS:
            rest = set(ranked[TOP_KEYS:])
            for row in counts.values():
                n = sum(v for k, v in row.items() if k in rest)
                if n:
                    row["_other"] = n
            keys.append("_other")
        palette = {k: COUNTRY_COLORS[i % len(COUNTRY_COLORS)] for i, k in enumerate(keys)}
        palette["_other"] = "#a8a29e"
        color = palette.get
    totals = [sum(counts.get(b, {}).get(k, 0) for k in keys) for b in buckets]
    top = max(totals) or 1
    step = _nice_step(top)
    top = math.ceil(top / step) * step
    left, bottom, right, upper = 40, 30, 8, 10
    plot_w, plot_h = width - left - right, height - bottom - upper
    bw = plot_w / len(buckets)
    bar_w = min(bw * 0.8, 46)
    bars, labels = [], []
    every = max(1, math.ceil(len(buckets) / 12))
    for i, b in enumerate(buckets):
        x = left + i * bw
        y = upper + plot_h
        b_since, b_until = (f"{b}-01-01", f"{b}-12-31") if yearly else (f"{b}-01", _month_end(b))
        for k in keys:
            n = counts.get(b, {}).get(k, 0)
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            bars.append({"x": round(x + (bw - bar_w) / 2, 1), "y": round(y, 1), "w": round(bar_w, 1),
                         "h": round(max(h, 0.5), 1), "color": color(k), "key": k, "bucket": b, "n": n,
                         "since": b_since, "until": b_until})
        if i % every == 0:
            labels.append({"x": round(x + bw / 2, 1), "text": b if yearly or every < 12 else b[:4]})
    ticks = [{"y": round(upper + plot_h - v / top * plot_h, 1), "v": v} for v in range(0, top + 1, step)]
    return {"width": width, "height": height, "bars": bars, "labels": labels, "ticks": ticks, "left": left,
            "right": width - right, "base": upper + plot_h, "series": keys, "colors": {k: color(k) for k in keys},
            "label_y": height - 9, "yearly": yearly, "first": first, "last": last, "total": sum(totals),
            "by": by}


def _month_end(m: str) -> str:
    y, mo = int(m[:4]), int(m[5:7])
    nxt = date(y + (mo == 12), mo % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1).isoformat()
