"""The knowledge base's reading of one article's events: pure functions over a record.

Extraction keeps the strict date of SCHEMA.md (what the text says, or
nothing). The knowledge base needs more to sort, filter, merge and code
events, so for every event of a record `event_views` adds:

- a **time placement**, as ACLED does: `sort_date` (a full day) and
  `date_precision` -- `day` (the text gives the day), `range` (an undated
  event inside a dated visit: placed in the visit's days), `published` (no
  date in the text: the article's publication date), `month` / `year` (the
  text names only those). `window` is the span of days the event may have
  taken place in, which merging compares; a year is too wide to merge on.
- **sides**: each participant's country, from the article's persons (their
  title chain), else the name table, else the one country of the event no
  other participant stands for.
- **principals**: the head of each side (best title rank in
  data/kb_title_ranks.tsv, first listed among equals).
- **roles**: visitor / host (visits and what happens during them), sender /
  recipient (messages), party (talks, meetings, calls, signings) for the
  principals; attendee for everyone else.

`cameo_rows` builds Phoenix/ICEWS-style dyads from a merged event's roles.
The store and the Spark job both call these, so they agree.
"""
from __future__ import annotations

import functools
import re
from datetime import date as _date, timedelta

from ngoaigiao import resolve
from ngoaigiao.data import load_lines, load_tsv
from ngoaigiao.textnorm import key

PRECISIONS = ("day", "range", "published", "month", "year")
PRECISION_RANK = {p: i for i, p in enumerate(PRECISIONS)}
# An undated report may be printed up to this many days after the event.
PUBLISHED_WINDOW_DAYS = 3
# Roles a principal may take; a non-principal participant is an attendee.
ROLES = ("visitor", "host", "sender", "recipient", "attendee", "party")


# ---------------------------------------------------------------- time

def _day(s: str | None) -> _date | None:
    try:
        return _date.fromisoformat(s[:10]) if s and len(s) >= 10 else None
    except ValueError:
        return None


def _clamp(day: str | None, lo: str, hi: str) -> str:
    if not day:
        return lo
    return min(max(day, lo), hi)


def _year_guess(record: dict) -> str | None:
    from ngoaigiao.annotate.year import YEAR_GUESS_THRESHOLD

    yg = record.get("year_guess") or {}
    if yg.get("year") and (yg.get("confidence") or 0) >= YEAR_GUESS_THRESHOLD:
        return str(yg["year"])
    return None


def placement(ev: dict, record: dict, events: list[dict] | None = None) -> dict:
    """{sort_date, date_precision, window} of one event of `record` (`events`:
    the record's events, for the enclosing visit). All None when neither the
    event, its visit nor the article has a date."""
    events = events if events is not None else (record.get("events") or [])
    published = record.get("published") if _day(record.get("published")) else None
    d = ev.get("date") or ""
    rng = resolve.date_range(ev)
    if rng and len(d) == 10:
        return {"sort_date": d, "date_precision": "day", "window": [rng[0], rng[1]]}
    visit = None
    k = ev.get("part_of")
    if isinstance(k, int) and 0 <= k < len(events) and events[k] is not ev:
        visit = events[k]
    vrng = resolve.date_range(visit) if visit else None
    if vrng and visit is not None and len(visit.get("date") or "") == 10 and (rng is None or (rng[0] <= vrng[0] and vrng[1] <= rng[1])):
        # Inside a dated visit: one of its days; the publication day when it falls in them.
        return {"sort_date": _clamp(published, *vrng), "date_precision": "range", "window": [vrng[0], vrng[1]]}
    if rng:
        precision = "month" if len(d) == 7 else "year"
        window = [rng[0], rng[1]] if precision == "month" else None
        return {"sort_date": _clamp(published, *rng), "date_precision": precision, "window": window}
    pday = _day(published)
    if published and pday is not None:  # (a published date here is a day: tested above)
        lo = (pday - timedelta(days=PUBLISHED_WINDOW_DAYS)).isoformat()
        return {"sort_date": published[:10], "date_precision": "published", "window": [lo, published[:10]]}
    guess = _year_guess(record)
    if guess:
        return {"sort_date": f"{guess}-01-01", "date_precision": "year", "window": None}
    return {"sort_date": None, "date_precision": None, "window": None}


# ---------------------------------------------------------- sides, roles

@functools.cache
def _ranks() -> list[tuple[str, int]]:
    rows = [(key(r["title"]), int(r["rank"])) for r in load_tsv("kb_title_ranks.tsv") if r.get("rank")]
    return sorted(rows, key=lambda t: -len(t[0]))


@functools.lru_cache(maxsize=1 << 14)
def title_rank(title: str) -> int:
    """Seniority of a title (1 = head of state or party); 9 when unknown."""
    k = key(title)
    for head, rank in _ranks():
        if k == head or k.startswith(head + " "):
            return rank
    return 9


def _name_table_country(name: str) -> str | None:
    try:
        from ngoaigiao.names import table
        return table.country_of(name)
    except Exception:  # the name table is an aid, never a reason for an ingest to fail
        return None


def _persons_by_key(record: dict) -> dict[str, dict]:
    out: dict[str, dict] = {}
    persons = record.get("persons") or []
    for p in persons:
        out.setdefault(resolve.name_key(p["name"]), p)
    for short, full in resolve.short_name_map(persons).items():
        if resolve.name_key(full) in out:
            out[resolve.name_key(short)] = out[resolve.name_key(full)]
    return out


def sides_of(ev: dict, persons: dict[str, dict]) -> list[str | None]:
    """The country of each participant (aligned with ev["participants"])."""
    names = ev.get("participants") or []
    sides = []
    for n in names:
        p = persons.get(resolve.name_key(n)) or {}
        c = (p.get("country") or _name_table_country(n) or "").upper() or None
        sides.append(c)
    missing = [i for i, s in enumerate(sides) if s is None]
    uncovered = [c.upper() for c in ev.get("countries") or [] if c and c.upper() not in sides]
    if len(missing) == 1 and len(uncovered) == 1:
        sides[missing[0]] = uncovered[0]  # the side of the event no one else stands for
    return sides


def principal_indexes(names: list[str], sides: list[str | None], ranks: list[int]) -> list[int]:
    """Index of the head of each known side (best rank, first listed among equals), in
    the order the sides first appear; participants of unknown country fill in, in
    order, while fewer than two sides are known."""
    heads: dict[str, int] = {}
    for i, s in enumerate(sides):
        if s is None:
            continue
        j = heads.get(s)
        if j is None or ranks[i] < ranks[j]:
            heads[s] = i
    out = sorted(heads.values(), key=lambda i: sides.index(sides[i]))
    for i, s in enumerate(sides):
        if len(out) >= 2:
            break
        if s is None:
            out.append(i)
    return out


def roles_of(ev: dict, names: list[str], sides: list[str | None], principals: list[int],
             visit: dict | None, visit_view: dict | None) -> dict[str, str]:
    """participant -> role. Principals take the role their part gives them; the
    others attend. `visit_view`: the enclosing visit's view, roles included."""
    given = ev.get("roles") or {}
    t = ev.get("type")
    roles: dict[str, str] = {}
    side_role: dict[str | None, str] = {}
    if t == "visit" or (visit is not None and visit_view is not None):
        src_roles, src_names, src_sides = (given, names, sides) if t == "visit" or visit is None \
            or visit_view is None else \
            ({**(visit.get("roles") or {}), **visit_view.get("roles", {})}, visit.get("participants") or [],
             visit_view["sides"])
        for n, s in zip(src_names, src_sides):
            r = src_roles.get(n)
            if r in ("visitor", "host") and s is not None:
                side_role.setdefault(s, r)
        if t == "visit" and not side_role:
            known = [s for s in sides if s]
            visitor_side = next((c.upper() for c in ev.get("countries") or [] if c and c.upper() in known), None)
            if visitor_side is None and known:
                visitor_side = known[0]
            if visitor_side:
                side_role[visitor_side] = "visitor"
                for s in known:
                    side_role.setdefault(s, "host")
        if side_role and "visitor" in side_role.values():
            for s in sides:
                if s is not None and s not in side_role:
                    side_role[s] = "host"
    elif t == "message":
        for n, s in zip(names, sides):
            r = given.get(n)
            if r in ("sender", "recipient"):
                side_role.setdefault(s, r)
        if not side_role and principals:
            side_role[sides[principals[0]]] = "sender"
    for i, n in enumerate(names):
        if i in principals:
            r = given.get(n) if given.get(n) in ROLES and given.get(n) != "attendee" else None
            r = r or side_role.get(sides[i])
            if r is None and t == "message":
                r = "recipient"
            roles[n] = r or "party"
        else:
            roles[n] = "attendee"
    return roles


def event_views(record: dict) -> list[dict]:
    """For each event of the record: placement, sides, principals (names) and roles."""
    events = record.get("events") or []
    persons = _persons_by_key(record)
    base = []
    for ev in events:
        names = list(ev.get("participants") or [])
        sides = sides_of(ev, persons)
        ranks = [min((title_rank(t) for t in (persons.get(resolve.name_key(n)) or {}).get("titles") or []),
                     default=9) for n in names]
        base.append({"names": names, "sides": sides, "principals": principal_indexes(names, sides, ranks)})
    out: list[dict | None] = [None] * len(events)
    # Visits first: what happens during one takes its visitor and host from it.
    for i in sorted(range(len(events)), key=lambda j: events[j].get("type") != "visit"):
        ev, b = events[i], base[i]
        k = ev.get("part_of")
        visit = events[k] if isinstance(k, int) and 0 <= k < len(events) and k != i \
            and events[k].get("type") == "visit" and ev.get("type") != "visit" else None
        view = dict(placement(ev, record, events))
        view["sides"] = b["sides"]
        view["principals"] = [[b["sides"][j], b["names"][j]] for j in b["principals"]]
        visit_view = out[k] if visit is not None else None
        view["roles"] = roles_of(ev, b["names"], b["sides"], b["principals"], visit,
                                 dict(base[k], roles=visit_view["roles"]) if visit_view is not None else None)
        out[i] = view
    return [v for v in out if v is not None]  # every index was filled: visits first, then the rest


def report(ev: dict, view: dict, pkey_of) -> dict:
    """The event as a report the merging compares: the record's event, its view,
    and `pkeys` (one per participant: `pkey_of(name)`, a resolved person id)."""
    rep = dict(ev)
    rep.pop("evidence", None)
    rep.update(sort_date=view["sort_date"], date_precision=view["date_precision"], window=view["window"],
               sides=view["sides"], roles=view["roles"])
    rep["pkeys"] = [pkey_of(n) for n in rep.get("participants") or []]
    rep["principals"] = [[s, pkey_of(n)] for s, n in view["principals"]]
    return rep


# ------------------------------------------------------------------ CAMEO

def cameo_rows(ev: dict) -> list[dict]:
    """Dyads of a merged event (participants with person_id/name/side/role, cameo,
    type, countries, sort_date): one row per pair of principals of different
    countries -- the visitor the source of 042, the host of 043, the sender
    first; attendees make none. A visit whose host is not named is coded
    against the host country. Rows without a date or two countries are dropped."""
    if not ev.get("sort_date"):
        return []
    heads = [p for p in ev.get("participants") or [] if p.get("role") and p["role"] != "attendee" and p.get("side")]
    rows = []

    def add(src, tgt, code):
        if src["side"] and tgt["side"] and src["side"] != tgt["side"]:
            rows.append({"source": src, "target": tgt, "cameo": code})

    if ev.get("type") == "visit":
        visitors = [p for p in heads if p["role"] == "visitor"]
        hosts = [p for p in heads if p["role"] == "host"]
        if visitors and not hosts:
            vs = {p["side"] for p in visitors}
            hosts = [{"person_id": None, "name": "", "side": c, "role": "host"}
                     for c in ev.get("countries") or [] if c not in vs][:1]
        for v in visitors:
            for h in hosts:
                add(v, h, "042")
                add(h, v, "043")
        return rows
    first = {"visitor": 0, "sender": 0, "party": 1, "host": 2, "recipient": 2}
    for i, a in enumerate(heads):
        for b in heads[i + 1:]:
            if first.get(b["role"], 1) < first.get(a["role"], 1):
                a, b = b, a
            code = ev.get("cameo") or ""
            if code == "043" and a["role"] == "visitor":
                a, b = b, a
            elif code == "042" and a["role"] == "host":
                a, b = b, a
            add(a, b, code)
    return rows


# ------------------------------------------------- mentions not in the news

@functools.cache
def _historical() -> frozenset[str]:
    return frozenset(resolve.name_key(n) for n in load_lines("kb_historical.txt"))


@functools.cache
def _inside_markers() -> frozenset[tuple[str, ...]]:
    # compared with diacritics (key): folded, "trưởng" would be "trường" (a school)
    return frozenset(t for t in (tuple(key(p).replace(".", " ").split())
                                 for p in load_lines("kb_name_inside.txt")) if t)


@functools.cache
def _skippable() -> frozenset[tuple[str, ...]]:
    return frozenset(t for t in (tuple(key(p).replace(".", " ").split())
                                 for p in load_lines("kb_name_prefixes.txt")) if t)


@functools.cache
def _phrase_ends() -> frozenset[str]:
    """The last word of every skippable title and inside-a-name marker."""
    return frozenset(t[-1] for t in _skippable() | _inside_markers())


def _ends_with(words: list[str], phrases: frozenset) -> int:
    """Length of the longest phrase of `phrases` the words end with (0: none)."""
    for n in range(min(6, len(words)), 0, -1):
        if tuple(words[-n:]) in phrases:
            return n
    return 0


_STOPS = re.compile(r"[.;:!?\n\"“”(),]")
# up to and including the last of _STOPS: one match instead of a scan over all of them
_TO_LAST_STOP = re.compile(r"(?s).*" + _STOPS.pattern)


def _inside_a_name(raw: str, start: int) -> bool:
    """The mention starting at `start` follows an institution/ideology/place word
    ("Lăng Chủ tịch " + name), titles and honorifics in between skipped. Compared with
    diacritics: a text written without them is not told apart here."""
    before = raw[max(0, start - 80):start]
    last = _TO_LAST_STOP.match(before)
    cut = last.end() if last else 0
    words = key(before[cut:]).replace(".", " ").split()
    if words and words[-1] not in _phrase_ends():
        return False  # no title to skip, no marker to find: each would end with this word
    while words and (n := _ends_with(words, _skippable())):
        words = words[:-n]
    # "TP." before a name splits at the dot: look at the words before the cut too
    if not words and cut and before[cut - 1:cut] == ".":
        words = key(before[:cut]).split()[-1:]
    return _ends_with(words, _inside_markers()) > 0


@functools.lru_cache(maxsize=1 << 14)  # the name table does not change while running; names recur
def _died(name: str) -> str | None:
    try:
        from ngoaigiao.names import table
        row = table.person_by_name(name)
    except Exception:
        return None
    m = re.search(r"died (\d{4}(?:-\d{2})?)", (row or {}).get("note") or "")
    return m.group(1) if m else None


def _is_table_person(p: dict) -> bool:
    """The article's person is the name table's (not a namesake): no title, or a
    title naming one of the table person's offices."""
    if not p.get("titles"):
        return True
    from ngoaigiao import offices

    known = {t["office"]["key"] for t in offices.name_table_offices(p["name"])}
    return any((offices.office(t, p.get("country")) or {}).get("key") in known for t in p["titles"])


def not_in_the_news(record: dict) -> set[str]:
    """Name keys of the record's persons who are not people in the news: a
    historical figure (data/kb_historical.txt, or dead by the name table before
    the article's date), or named only inside an institution, an ideology or a
    place ("tư tưởng Hồ Chí Minh", "Lăng Chủ tịch Hồ Chí Minh")."""
    raw = record.get("raw") or ""
    when = record.get("published") or ""
    out = set()
    for p in record.get("persons") or []:
        k = resolve.name_key(p["name"])
        died = _died(p["name"])
        if k in _historical() or (died and when and when[:len(died)] > died and _is_table_person(p)):
            out.add(k)
            continue
        spans = [m for m in p.get("mentions") or [] if m.get("start") is not None]
        if spans and all(_inside_a_name(raw, m["start"]) for m in spans):
            out.add(k)
    return out


def news_only(record: dict) -> dict:
    """The record without its non-news mentions as participants or title holders:
    they stay persons of the article (searchable), with no titles, no role, no event."""
    gone = not_in_the_news(record)
    if not gone:
        return record
    persons = [dict(p, titles=[], title_evidence=[]) if resolve.name_key(p["name"]) in gone else p
               for p in record.get("persons") or []]
    events = []
    for ev in record.get("events") or []:
        keep = [n for n in ev.get("participants") or [] if resolve.name_key(n) not in gone]
        if len(keep) != len(ev.get("participants") or []):
            ev = dict(ev, participants=keep, roles={n: r for n, r in (ev.get("roles") or {}).items() if n in keep})
        events.append(ev)
    return dict(record, persons=persons, events=events)


def with_countries(record: dict) -> dict:
    """Persons without a country take the name table's, else the side the events
    put them on (the one country of an event no other participant stands for);
    "(?)" is left only when none of these says."""
    persons = record.get("persons") or []
    if all(p.get("country") for p in persons):
        return record
    by_key = _persons_by_key(record)
    found: dict[str, str] = {}
    for p in persons:
        if not p.get("country"):
            c = _name_table_country(p["name"])
            if c:
                found[resolve.name_key(p["name"])] = c
    for ev in record.get("events") or []:
        for n, side in zip(ev.get("participants") or [], sides_of(ev, by_key)):
            k = resolve.name_key(n)
            if side and k not in found and not (by_key.get(k) or {}).get("country"):
                found[k] = side
    if not found:
        return record
    return dict(record, persons=[dict(p, country=found.get(resolve.name_key(p["name"])))
                                 if not p.get("country") and resolve.name_key(p["name"]) in found else p
                                 for p in persons])


def kb_record(record: dict) -> dict:
    """What the knowledge base stores of a record: news mentions only, countries filled."""
    return with_countries(news_only(record))
