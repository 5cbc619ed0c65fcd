"""The rows of the events table, written in Python rather than in a Jinja loop.

Every list page (events, timeline, person, search, dashboard) shows up to 50
events; in Jinja each row cost ~130 us (a dozen calls through the template
context and two dozen escapes), 6-7 ms of a 10 ms page. The same markup built
here costs a tenth of that. The table's frame (header, sort links) stays in
macros.html; only the repeated rows are here. Every value goes through
markupsafe's escape, as autoescaping would.
"""
from __future__ import annotations

from typing import Any, Callable
from urllib.parse import quote

from markupsafe import Markup, escape

PEOPLE_SHOWN = 4


def _s(value: Any) -> str:
    """A value as Jinja prints it, escaped as markupsafe escapes (most values have nothing
    to escape: returned as they are, without building a Markup object)."""
    s = str(value)
    if "&" in s or "<" in s or ">" in s or '"' in s or "'" in s:
        return str(escape(s))
    return s


def _seg(value: Any) -> str:
    """An id as one URL path segment, escaped (pages.seg; ids are mostly digits)."""
    s = str(value)
    return s if s.isascii() and s.isdigit() else _s(quote(s, safe=""))


def _date_cell(ev: dict, d: Callable, t) -> str:
    date, sort_date = ev.get("date"), ev.get("sort_date")
    if (date and len(date) == 10) or not sort_date:
        out = _s(d(date))
        end = ev.get("end_date")
        if end and end != date:
            out += " – " + _s(d(end))
        return out
    precision = ev.get("date_precision")
    return (f'<span class="approx" data-precision="{_s(precision)}">≈ {_s(d(sort_date))}</span>'
            f' <span class="precision muted small">({_s(t(f"precision.{precision}"))})</span>')


def _people_cell(parts: list[dict], t, english: bool) -> str:
    out = []
    for p in parts[:PEOPLE_SHOWN]:
        s = f'<a class="person-link" href="/persons/{_seg(p.get("id"))}">{_s(p.get("name"))}</a>'
        if english and p.get("pinyin"):
            s += f' <span class="pinyin muted">{_s(p["pinyin"])}</span>'
        if p.get("country"):
            s += f' <span class="cc" title="{_s(t.country(p["country"]))}">{_s(p["country"])}</span>'
        out.append(s)
    cell = ", ".join(out)
    if len(parts) > PEOPLE_SHOWN:
        cell += f' <span class="muted">+{len(parts) - PEOPLE_SHOWN}</span>'
    return cell


def event_rows(rows: list[dict], t, d: Callable, skip: Any = None) -> Markup:
    """<tr> of each event (date link, type badge with a low-confidence mark, up to four
    participants but `skip`, place, number of sources), or the empty-table row."""
    if not rows:
        return Markup(f'<tr><td colspan="5" class="empty">{_s(t("empty"))}</td></tr>\n')
    l_date, l_type, l_parts, l_place, l_sources = (
        _s(t(k)) for k in ("col.date", "col.type", "col.participants", "col.place", "col.sources"))
    low_label, conf_label = _s(t("event.low_confidence")), _s(t("event.confidence"))
    english = t.lang == "en"
    out = []
    for ev in rows:
        parts = ev.get("participants") or []
        if skip is not None:
            parts = [p for p in parts if p.get("id") != skip]
        typ = ev.get("type")
        conf = ev.get("confidence")
        low = (f' <span class="low-confidence" title="{conf_label} {_s(conf)}">{low_label}</span>'
               if conf is not None and conf < 0.5 else "")
        place = ev.get("place")
        place_cell = f'<span title="{_s(place)}">{_s(t.place(place))}</span>' if place else "—"
        out.append(
            f'<tr>\n  <td class="nowrap" data-label="{l_date}"><a href="/events/{_seg(ev.get("id"))}"'
            f' class="event-link">{_date_cell(ev, d, t)}</a></td>\n'
            f'  <td data-label="{l_type}"><span class="badge badge-{_s(typ or "other")}">{_s(t.type(typ))}</span>{low}</td>\n'
            f'  <td data-label="{l_parts}">{_people_cell(parts, t, english)}</td>\n'
            f'  <td data-label="{l_place}">{place_cell}</td>\n'
            f'  <td class="num" data-label="{l_sources}">{_s(ev.get("n_sources"))}</td>\n</tr>\n')
    return Markup("".join(out))


# ------------------------------------------------------------------ facets
def facet_label(t, name: str, value: Any) -> Markup:
    """A facet value as the analyst reads it: the type, country (with its code), level or
    place in the page's language; codes (CAMEO, PLOVER, outlets, years) as code."""
    if name == "type":
        label = _s(t.type(value))
    elif name == "country":
        label = _s(t.country(value)) + (f' <span class="cc">{_s(value)}</span>' if t.named(value) else "")
    elif name == "level":
        label = _s(t.level(value))
    elif name == "place":
        label = _s(t.place(value))
    elif name == "sources":
        label = _s(value)
    else:
        label = f"<code>{_s(value)}</code>"
    return Markup(label)


def facet_items(t, name: str, values: list[dict], view) -> Markup:
    """The <li> of each value of one facet: a link adding (or removing, when picked) the
    value to the view, its label and its count."""
    out = []
    for v in values:
        value, selected = v["value"], v["selected"]
        picked, current, box = (" selected", 'aria-current="true"', "✓") if selected else ("", "", "")
        out.append(
            f'      <li><a class="fv{picked}" href="{_s(view.toggle(name, value))}"'
            f' data-facet="{_s(name)}" data-value="{_s(value)}" {current}>\n'
            f'        <span class="box" aria-hidden="true">{box}</span>'
            f'<span class="fl">{facet_label(t, name, value)}</span><span class="n">{v["n"]:,}</span></a></li>\n')
    return Markup("".join(out))


# ------------------------------------------------------------------ charts
def range_bars(chart: dict, by: str, view, t) -> Markup:
    """The linked bars of a range chart (charts.range_chart): each bar lists the events it
    counts (its type or side, its month or year). A chart has up to ~700 bars."""
    targets: dict[str, str] = {}
    out = []
    for b in chart["bars"]:
        key = b["key"]
        target = targets.get(key)
        if target is None:
            if by == "type":
                url = view.only("type", key)
            else:
                url = view.only("country", key) if key != "_other" else view.here()
            target = targets[key] = str(_s(url)) + ("&amp;" if "?" in url else "?")
        if by == "type":
            label = t.type(key)
        else:
            label = t("chart.other") if key == "_other" else t.country(key)
        out.append(
            f'  <a href="{target}since={_s(b["since"])}&amp;until={_s(b["until"])}" class="bar-link">\n'
            f'  <rect x="{b["x"]}" y="{b["y"]}" width="{b["w"]}" height="{b["h"]}" fill="{_s(b["color"])}"'
            f' data-bucket="{_s(b["bucket"])}" data-n="{b["n"]}"><title>{_s(b["bucket"])} · {_s(label)}: {b["n"]}'
            f'</title></rect>\n  </a>\n')
    return Markup("".join(out))


# ------------------------------------------------------------------ the map
def map_countries(base: dict, counts: dict, shade: dict, view, t) -> Markup:
    """Every country of the base map (web/geo.py) as a path: shaded by its events and
    linked to them when it has some, plain otherwise (~180 paths, 150 KB)."""
    out = []
    for c in base["countries"]:
        code = c["code"]
        if code and code in counts:
            out.append(f'  <a href="{_s(view.only("country", code))}" class="country-area"><path d="{_s(c["d"])}"'
                       f' class="land shade-{_s(shade[code])}"><title>{_s(t.country(code))}: {_s(counts[code])}'
                       f'</title></path></a>\n')
        else:
            out.append(f'  <path d="{_s(c["d"])}" class="land"><title>{_s(t.country(code) if code else c["name"])}'
                       f'</title></path>\n')
    return Markup("".join(out))


# ------------------------------------------------------------------ a person's timeline
def event_marks(marks: list[dict], d: Callable, t) -> Markup:
    """The events of a person's timeline (render.timeline's marks) as linked dots."""
    return Markup("".join(
        f'  <a href="/events/{_seg(m["id"])}"><circle cx="{m["x"]}" cy="{m["y"]}" r="{m["r"]}" fill="{_s(m["color"])}">'
        f'<title>{_s(d(m["date"]))} · {_s(t.type(m["type"]))}</title></circle></a>\n' for m in marks))
