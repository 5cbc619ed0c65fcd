"""Geometry for the server-side drawings and the article view.

Functions here return plain numbers and strings; the templates turn them into
SVG/HTML with autoescaping on, so no text from the store is ever written into
markup by hand.
"""
from __future__ import annotations

import math
from datetime import date

# One colour per event type, the same on every page (legend, chart, badges).
TYPE_COLORS = {
    "talks": "#2563eb", "meeting": "#0891b2", "phone_call": "#7c3aed", "video_call": "#c026d3",
    "visit": "#059669", "signing": "#d97706", "message": "#64748b", "other": "#a8a29e",
}
COUNTRY_COLORS = ["#dc2626", "#2563eb", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d"]


def type_color(t: str | None) -> str:
    return TYPE_COLORS.get(t or "", "#a8a29e")


def country_color(code: str | None) -> str:
    if not code:
        return "#94a3b8"
    if code == "VN":
        return "#dc2626"
    return COUNTRY_COLORS[1 + sum(map(ord, code)) % (len(COUNTRY_COLORS) - 1)]


def _fill_months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def _nice_step(top: int) -> int:
    for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if top / s <= 5:
            return s
    return 10 ** len(str(top))


def _to_date(value: str | None, end: bool = False) -> date | None:
    """ISO date, or YYYY-MM / YYYY taken at the start (or end) of that period."""
    if not value:
        return None
    v = str(value)[:10]
    try:
        if len(v) == 10:
            return date.fromisoformat(v)
        if len(v) == 7:
            y, m = int(v[:4]), int(v[5:7])
            if end:  # the day before the first of the next month
                return date.fromordinal(date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1)
            return date(y, m, 1)
        if len(v) == 4:
            return date(int(v), 12, 31) if end else date(int(v), 1, 1)
    except ValueError:
        return None
    return None


def timeline(positions: list[dict], events: list[dict], width: int = 1100) -> dict | None:
    """Positions as bars from first to last seen, events as dots, on one time axis."""
    spans = []
    for p in positions:
        a, b = _to_date(p.get("first_seen")), _to_date(p.get("last_seen"), end=True)
        if a or b:
            spans.append((p, a or b, b or a))
    dots = [(e, _to_date(e.get("sort_date") or e.get("date"))) for e in events]
    dots = [(e, d) for e, d in dots if d]
    all_dates = [d for _, a, b in spans for d in (a, b)] + [d for _, d in dots]
    if not all_dates:
        return None
    lo, hi = min(all_dates), max(all_dates)
    # Pad to whole months on both sides so a single day still reads as a point in time.
    lo = date(lo.year - (lo.month == 1), (lo.month - 2) % 12 + 1, 1)
    hi_o = date(hi.year + (hi.month == 12), hi.month % 12 + 1, 28).toordinal()
    label_w = 260  # position titles sit in a column on the left, bars to their right
    left, right = label_w + 10, width - 20
    row_h, top = 22, 8

    def xpos(d: date) -> float:
        return round(left + (d.toordinal() - lo.toordinal()) / (hi_o - lo.toordinal()) * (right - left), 1)

    rows = []
    for i, (p, a, b) in enumerate(spans):
        x1, x2 = xpos(a), xpos(b)
        title = p.get("title") or ""
        rows.append({"y": top + i * row_h, "x": x1, "w": max(8.0, x2 - x1), "title": title,
                     "label": title if len(title) <= 40 else title[:39] + "…",
                     "first": p.get("first_seen"), "last": p.get("last_seen")})
    ev_y = top + len(rows) * row_h + 14
    lanes: dict[str, int] = {}
    marks = []
    radius = 5 if len(dots) <= 60 else 3.5  # dense timelines: smaller dots
    for e, d in dots:
        lane = lanes.setdefault(e.get("type") or "", len(lanes))
        marks.append({"x": xpos(d), "y": ev_y + lane * 14, "r": radius, "color": type_color(e.get("type")),
                      "id": e.get("id"), "date": e.get("date"), "type": e.get("type")})
    axis_y = ev_y + max(1, len(lanes)) * 14 + 4
    months = (date.fromordinal(hi_o).year - lo.year) * 12 + date.fromordinal(hi_o).month - lo.month
    every = 1 if months <= 14 else 3 if months <= 40 else 12
    ticks = []
    y, m = lo.year, lo.month
    while date(y, m, 1).toordinal() <= hi_o:
        if (m - 1) % every == 0:
            ticks.append({"x": xpos(date(y, m, 1)), "text": str(y) if every == 12 else f"{m:02d}/{y}"})
        m += 1
        if m == 13:
            y, m = y + 1, 1
    types = sorted(lanes, key=lambda t: lanes[t])
    return {"width": width, "height": axis_y + 22, "rows": rows, "marks": marks, "axis_y": axis_y, "types": types,
            "ticks": ticks, "ev_y": ev_y, "left": left, "right": right, "label_w": label_w}


def network(center: dict, counterparts: list[dict], size: int = 420, limit: int = 24) -> dict:
    """A star graph: the person in the middle, counterparts on a circle, edge width by count."""
    cps = counterparts[:limit]
    c = size / 2
    radius = size / 2 - 95 if cps else 0  # room for the labels
    top_n = max((int(x.get("n") or 1) for x in cps), default=1)
    nodes, edges = [], []
    for i, p in enumerate(cps):
        angle = -math.pi / 2 + 2 * math.pi * i / len(cps)
        x, y = c + radius * math.cos(angle), c + radius * math.sin(angle)
        n = int(p.get("n") or 1)
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        lx = x + (10 if anchor == "start" else -10 if anchor == "end" else 0)
        ly = y + (16 if math.sin(angle) > 0.3 and anchor == "middle" else -10 if anchor == "middle" else 4)
        nodes.append({"x": round(x, 1), "y": round(y, 1), "r": round(5 + 6 * n / top_n, 1), "id": p.get("id"),
                      "name": p.get("name"), "n": n, "color": country_color(p.get("country")),
                      "lx": round(lx, 1), "ly": round(ly, 1), "anchor": anchor})
        edges.append({"x1": c, "y1": c, "x2": round(x, 1), "y2": round(y, 1),
                      "w": round(1 + 5 * n / top_n, 1)})
    ys = [c, c + 34] + [n["y"] - n["r"] - 14 for n in nodes] + [n["y"] + n["r"] + 18 for n in nodes]
    top, bottom = max(0, min(ys) - 6), min(size, max(ys) + 6)  # crop empty space above and below
    return {"size": size, "vb_y": round(top, 1), "vb_h": round(bottom - top, 1),
            "cx": c, "cy": c, "center": center, "nodes": nodes, "edges": edges,
            "center_color": country_color(center.get("country"))}


def article_view(raw: str, blocks: list[dict], persons: list[dict], events: list[dict]) -> list[dict]:
    """The page cut into blocks, each block into pieces with the facts that cover them.

    Returns [{"kind", "reason", "pieces": [{"text", "person", "events", "ends"}]}]: `person` is
    the person whose mention covers the piece (for a link), `events` the ids of the events whose
    evidence covers it, `ends` the events whose evidence ends there (for a marker link).
    Text between blocks that is not blank is kept as a block of kind "gap".
    """
    n = len(raw)
    marks: list[tuple[int, int, str, object]] = []
    for p in persons:
        for m in p.get("mentions") or []:
            if _valid(m, n):
                marks.append((m["start"], m["end"], "person", p))
        for t in p.get("title_spans") or []:
            if _valid(t, n):
                marks.append((t["start"], t["end"], "title", {"person": p, "title": t.get("title")}))
    for i, e in enumerate(events):
        for s in e.get("evidence") or []:
            if _valid(s, n):
                marks.append((s["start"], s["end"], "event", {"id": e.get("id"), "type": e.get("type"), "i": i + 1}))
    cuts = {0, n}
    for b in blocks:
        if _valid(b, n):
            cuts.update((b["start"], b["end"]))
    for s, e, _, _ in marks:
        cuts.update((s, e))
    points = sorted(cuts)
    spans = sorted((b for b in blocks if _valid(b, n)), key=lambda b: b["start"])
    out: list[dict] = []
    pos = 0
    for b in spans + [{"start": n, "end": n, "kind": None}]:
        if b["start"] > pos and raw[pos:b["start"]].strip():
            out.append(_block(raw, pos, b["start"], "gap", None, points, marks))
        if b["kind"] is None:
            break
        start = max(b["start"], pos)
        if b["end"] > start:
            out.append(_block(raw, start, b["end"], b.get("kind") or "body", b.get("reason"), points, marks))
        pos = max(pos, b["end"])
    return out


def _valid(span: dict, n: int) -> bool:
    s, e = span.get("start"), span.get("end")
    return isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n


def _block(raw: str, start: int, end: int, kind: str, reason, points: list[int], marks) -> dict:
    pieces = []
    inside = [p for p in points if start < p < end]
    bounds = [start] + inside + [end]
    for a, b in zip(bounds, bounds[1:]):
        person, evs, ends, title = None, [], [], None
        for s, e, what, obj in marks:
            if s <= a and b <= e:
                if what == "person":
                    person = obj
                elif what == "title":
                    title = obj
                else:
                    evs.append(obj)
            if what == "event" and e == b:
                ends.append(obj)
        pieces.append({"text": raw[a:b], "person": person, "events": evs, "ends": ends, "title": title})
    return {"kind": kind, "reason": reason, "pieces": _merge(pieces)}


def _merge(pieces: list[dict]) -> list[dict]:
    """Join neighbours that carry the same facts, so the markup stays small."""
    out: list[dict] = []
    for p in pieces:
        if out and not out[-1]["ends"] and out[-1]["person"] is p["person"] and out[-1]["events"] == p["events"] \
                and out[-1]["title"] is p["title"]:
            out[-1] = {**out[-1], "text": out[-1]["text"] + p["text"], "ends": p["ends"]}
        else:
            out.append(p)
    return out
