"""Event filters: one parser for the CLI, the JSON API and the web pages, so a
view means the same thing everywhere and every filter lives in the URL.

`parse_event_filters(get)` takes a function name -> list of raw values (a
query string's getlist, or the CLI's arguments) and returns `EventFilters`,
or raises `FilterError` naming the parameter and the reason. Filters of the
same name are alternatives (country=CN&country=LA: either side); different
names all apply. Values may also be comma-separated ("CN,LA").
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Callable, Iterable

from ngoaigiao.countries import country_code
from ngoaigiao.levels import LEVELS

EVENT_TYPES = ("talks", "meeting", "phone_call", "video_call", "visit", "signing", "message", "other")
SORTS = ("date", "type", "sources")
SOURCE_BUCKETS = ("1", "2", "3", "4", "5+")
MULTI = ("country", "type", "place", "cameo", "plover", "level", "sources")
SINGLE = ("person", "since", "until", "text", "sort", "order", "match", "min_confidence")
PARAMS = MULTI + SINGLE
MAX_VALUES = 50


class FilterError(ValueError):
    """A filter value that cannot be used: `param` names it, the message says why."""

    def __init__(self, param: str, reason: str):
        super().__init__(f"{param}: {reason}")
        self.param = param
        self.reason = reason


@dataclass(frozen=True)
class EventFilters:
    country: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    cameo: tuple[str, ...] = ()
    plover: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    person: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    sort: str = "date"
    order: str = "desc"
    match: str = "any"          # countries: "any" of them is a side, or "all" of them are
    min_confidence: float | None = None  # the merged event's confidence (0..1); unscored events never pass
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def active(self) -> bool:
        return any(getattr(self, k) for k in MULTI + ("person", "since", "until", "text")) or \
            self.min_confidence is not None

    def key(self) -> tuple:
        """Hashable identity, for caches."""
        return tuple((k, getattr(self, k)) for k in PARAMS)

    def without(self, name: str) -> "EventFilters":
        empty = () if name in MULTI else None
        return replace(self, **{name: empty})

    def params(self) -> list[tuple[str, str]]:
        """(name, value) pairs for a URL, in a stable order; defaults left out."""
        out: list[tuple[str, str]] = []
        for k in MULTI:
            out.extend((k, v) for v in getattr(self, k))
        for k in ("person", "since", "until", "text"):
            if getattr(self, k):
                out.append((k, getattr(self, k)))
        if self.sort != "date":
            out.append(("sort", self.sort))
        if self.order != "desc":
            out.append(("order", self.order))
        if self.match != "any":
            out.append(("match", self.match))
        if self.min_confidence is not None:
            out.append(("min_confidence", f"{self.min_confidence:g}"))
        return out

    def as_dict(self) -> dict:
        d = asdict(self)
        d.pop("extra", None)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}


def parse_date(param: str, value: str, end: bool = False) -> str:
    """YYYY, YYYY-MM, YYYY-MM-DD (or DD/MM/YYYY) -> ISO prefix; impossible dates are errors."""
    v = value.strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", v)
    if m:
        v = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    from ngoaigiao.params import date_problem  # the CLI's and the API's wording of a bad date

    problem = date_problem(v)
    if problem:
        raise FilterError(param, problem if v == value.strip() else f"{value[:40]!r}: {problem}")
    return v


def _values(get: Callable[[str], list[str]], name: str) -> list[str]:
    out: list[str] = []
    for raw in get(name) or []:
        if raw is None:
            continue
        raw = str(raw).replace("\x00", "")
        parts = [raw] if name in ("place", "person", "text") else raw.split(",")
        out.extend(p.strip() for p in parts if p.strip())
    if len(out) > MAX_VALUES:
        raise FilterError(name, f"at most {MAX_VALUES} values")
    for v in out:
        if len(v) > 200:
            raise FilterError(name, "value longer than 200 characters")
    return list(dict.fromkeys(out))  # duplicates dropped, order kept


def _one(get, name: str) -> str | None:
    vals = _values(get, name) if name not in ("person", "text") else \
        [v.strip() for v in (get(name) or []) if v and str(v).strip()]
    if len(vals) > 1 and name not in ("person", "text"):
        raise FilterError(name, "give one value")
    v = vals[-1] if vals else None
    if v is not None and len(v) > 200:
        raise FilterError(name, "value longer than 200 characters")
    return str(v).replace("\x00", "") if v is not None else None


def parse_event_filters(get: Callable[[str], list[str]] | dict) -> EventFilters:
    """Parse and check every event filter. `get(name)` -> list of raw strings."""
    if isinstance(get, dict):
        d = get
        get = lambda name: ([d[name]] if isinstance(d.get(name), str) else list(d.get(name) or []))  # noqa: E731
    countries = []
    for v in _values(get, "country"):
        code = country_code(v)
        if not code:
            from ngoaigiao.params import resolve_country

            raise FilterError("country", resolve_country(v)[1] or f"unknown country {v[:40]!r}")
        countries.append(code)
    types = _values(get, "type")
    for v in types:
        if v not in EVENT_TYPES:
            from ngoaigiao.params import type_problem

            raise FilterError("type", type_problem(v[:40]) or f"unknown event type {v[:40]!r}")
    levels = _values(get, "level")
    for v in levels:
        if v not in LEVELS:
            raise FilterError("level", f"unknown level {v[:40]!r} (one of {', '.join(LEVELS)})")
    cameo = _values(get, "cameo")
    for v in cameo:
        if not re.fullmatch(r"\d{2,4}", v):
            raise FilterError("cameo", f"{v[:40]!r} is not a CAMEO code (2 to 4 digits)")
    plover = [v.upper() for v in _values(get, "plover")]
    for v in plover:
        if not re.fullmatch(r"[A-Z_-]{2,40}", v):
            raise FilterError("plover", f"{v[:40]!r} is not a PLOVER category")
    sources = _values(get, "sources")
    for v in sources:
        if v not in SOURCE_BUCKETS:
            raise FilterError("sources", f"{v[:40]!r}: give 1, 2, 3, 4 or 5+")
    since = _one(get, "since")
    until = _one(get, "until")
    since = parse_date("since", since) if since else None
    until = parse_date("until", until) if until else None
    if since and until and since[:len(until)] > until:
        raise FilterError("until", f"{until} is before since={since}")
    sort = _one(get, "sort") or "date"
    if sort not in SORTS:
        raise FilterError("sort", f"{sort[:40]!r} (one of {', '.join(SORTS)})")
    order = _one(get, "order") or "desc"
    if order not in ("asc", "desc"):
        raise FilterError("order", f"{order[:40]!r} (asc or desc)")
    match = _one(get, "match") or "any"
    if match not in ("any", "all"):
        raise FilterError("match", f"{match[:40]!r} (any or all)")
    conf = _one(get, "min_confidence")
    min_confidence = None
    if conf is not None:
        try:
            min_confidence = float(conf)
        except ValueError:
            raise FilterError("min_confidence", f"{conf[:40]!r} is not a number from 0 to 1") from None
        if not 0 <= min_confidence <= 1:
            raise FilterError("min_confidence", f"{conf[:40]!r} is not a number from 0 to 1")
    return EventFilters(min_confidence=min_confidence, country=tuple(dict.fromkeys(countries)), type=tuple(types), place=tuple(_values(get, "place")),
                        cameo=tuple(cameo), plover=tuple(plover), level=tuple(levels), sources=tuple(sources),
                        person=_one(get, "person"), since=since, until=until, text=_one(get, "text"),
                        sort=sort, order=order, match=match)


def from_query(query_params) -> EventFilters:
    """From a Starlette QueryParams (or any object with getlist)."""
    return parse_event_filters(lambda name: [v for v in query_params.getlist(name) if v is not None and v != ""])


def add_cli_arguments(parser) -> None:
    """The same filters as command-line options (repeatable where the URL repeats them)."""
    parser.add_argument("--country", action="append", help="a side: ISO code or name (Trung Quốc, China); repeat "
                                                            "or comma-separate for any of several")
    parser.add_argument("--type", action="append", help=", ".join(EVENT_TYPES) + " (repeatable)")
    parser.add_argument("--person", help="a participant's name or id")
    parser.add_argument("--since", help="first date (YYYY[-MM[-DD]])")
    parser.add_argument("--until", help="last date (YYYY[-MM[-DD]])")
    parser.add_argument("--text", help="words in participants, place or documents (diacritics optional)")
    parser.add_argument("--place", action="append", help="place as stored, e.g. 'Bắc Kinh' (repeatable)")
    parser.add_argument("--cameo", action="append", help="CAMEO code, e.g. 040 (repeatable)")
    parser.add_argument("--plover", action="append", help="PLOVER category, e.g. CONSULT (repeatable)")
    parser.add_argument("--level", action="append", help=", ".join(LEVELS) + " (repeatable)")
    parser.add_argument("--sources", action="append", help="number of source articles: 1, 2, 3, 4 or 5+")
    parser.add_argument("--sort", default=None, help="date (default), type or sources")
    parser.add_argument("--order", default=None, help="desc (default) or asc")
    parser.add_argument("--match", default=None, help="countries: any (default) or all of them as sides")
    parser.add_argument("--min-confidence", dest="min_confidence", default=None, metavar="X", type=_confidence_arg,
                        help="only events with confidence >= X (0..1; >= 0.8 are right about 95%% of the time)")


def _confidence_arg(value: str) -> float:
    """--min-confidence: a number from 0 to 1 (argparse's own error, exit 2, otherwise)."""
    import argparse

    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0.0 <= x <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return x


def from_cli(args) -> EventFilters:
    def get(name: str) -> list[str]:
        v = getattr(args, name, None)
        if v is None:
            return []
        return list(v) if isinstance(v, (list, tuple)) else [v]
    return parse_event_filters(get)


def sources_values(buckets: Iterable[str]) -> tuple[list[int], bool]:
    """Exact source counts, and whether '5+' (five or more) is among them."""
    exact = [int(b) for b in buckets if b.isdigit()]
    return exact, "5+" in buckets
