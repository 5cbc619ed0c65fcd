"""The web app's view of the store: one adapter so pages and API get the same
shapes whatever small differences the store's dicts have (a participant as a
name or as a dict, `part_of` as an id or a row, counts under `counts` or at the
top level...). The web app only reads through here; writes go through
`ingest_article`.
"""
from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

MAX_LIMIT = 200


def clean_str(value: str | None) -> str | None:
    """Query strings reach SQL only as parameters; NUL is the one character
    PostgreSQL refuses in a text parameter, so it goes here."""
    if value is None:
        return None
    value = value.replace("\x00", "").strip()
    return value or None


def _first(d: dict, *keys: str, default: Any = None) -> Any:
    for k in keys:
        if k in d and d[k] is not None:
            return d[k]
    return default


def person_ref(p: Any) -> dict:
    """{"id", "name", "country"} from a name, an id-bearing dict, or a {person: {...}} wrapper."""
    if isinstance(p, str):
        return {"id": p, "name": p, "country": None}
    if not isinstance(p, dict):
        return {"id": str(p), "name": str(p), "country": None}
    if isinstance(p.get("person"), dict):
        return {**person_ref(p["person"]), **{k: v for k, v in p.items() if k != "person"}}
    name = _first(p, "name", "person", "canonical", default="?")
    out = dict(p)
    out["id"] = _first(p, "id", "person_id", default=name)
    out["name"] = name
    out["country"] = _first(p, "country", "side")
    return out


def _ids(values: Iterable[Any] | None) -> list:
    return list(values or [])


def event_row(r: dict) -> dict:
    out = dict(r)
    out["id"] = _first(r, "id", "event_id")
    out["participants"] = [person_ref(p) for p in _ids(r.get("participants"))]
    out["countries"] = _ids(r.get("countries"))
    sources = r.get("sources")
    n = _first(r, "n_sources", "sources_count", "num_sources", "source_count")
    if n is None:
        n = len(sources) if isinstance(sources, list) else (sources if isinstance(sources, int) else 0)
    out["n_sources"] = n
    return out


def _event_link(x: Any) -> dict | None:
    if x is None:
        return None
    if isinstance(x, dict):
        return event_row(x)
    return {"id": x, "type": None, "date": None, "participants": [], "countries": [], "n_sources": 0}


def event_detail(e: dict) -> dict:
    out = event_row(e)
    out["documents"] = _ids(e.get("documents"))
    for p in out["participants"]:
        titles = _first(p, "titles", "titles_at_date", "positions", default=[])
        p["titles"] = [t["title"] if isinstance(t, dict) else t for t in titles]
    sources = []
    for s in e.get("sources") or []:
        s = dict(s)
        s["article_id"] = _first(s, "article_id", "article", "id")
        ev = s.get("evidence") or []
        s["evidence"] = [x if isinstance(x, dict) else {"start": None, "end": None, "text": str(x)} for x in ev]
        sources.append(s)
    out["sources"] = sources
    out["n_sources"] = len(sources) or out["n_sources"]
    out["part_of"] = _event_link(e.get("part_of"))
    out["parts"] = [_event_link(x) for x in e.get("parts") or []]
    return out


def person_detail(p: dict) -> dict:
    out = person_ref(p)
    out["aliases"] = [a for a in _ids(p.get("aliases")) if a != out["name"]]
    positions = []
    for pos in p.get("positions") or []:
        if isinstance(pos, str):
            pos = {"title": pos}
        pos = dict(pos)
        srcs = pos.get("sources")
        pos["n_sources"] = len(srcs) if isinstance(srcs, list) else (srcs or 0)
        positions.append(pos)
    out["positions"] = positions
    out["events"] = [event_row(e) for e in p.get("events") or []]
    cps = []
    for c in p.get("counterparts") or []:
        ref = person_ref(c.get("person", c) if isinstance(c, dict) else c)
        ref["n"] = _first(c, "n", "count", "events", default=1) if isinstance(c, dict) else 1
        cps.append(ref)
    out["counterparts"] = cps
    return out


def article_row(a: dict) -> dict:
    out = dict(a)
    out["id"] = _first(a, "id", "article_id")
    for k in ("raw", "text", "clean"):
        out.pop(k, None)
    return out


def article_detail(a: dict) -> dict:
    out = dict(a)
    out["id"] = _first(a, "id", "article_id")
    out["raw"] = a.get("raw") or ""
    out["clean"] = _first(a, "clean", "text", "clean_text", default="")
    out.pop("text", None)
    out["blocks"] = [dict(b) for b in a.get("blocks") or []]
    out["persons"] = []
    for p in a.get("persons") or []:
        ref = person_ref(p)
        ref["mentions"] = [dict(m) for m in _first(p, "mentions", "spans", default=[])]
        titles, spans = [], []
        for t in _first(p, "titles", default=[]):
            if isinstance(t, dict) and isinstance(t.get("start"), int):
                spans.append({"start": t["start"], "end": t["end"], "title": t.get("title")})
            t = t.get("title") if isinstance(t, dict) else t
            if t and t not in titles:
                titles.append(t)
        ref["titles"] = titles
        ref["title_spans"] = spans
        out["persons"].append(ref)
    out["events"] = []
    for e in a.get("events") or []:
        row = event_row(e)
        row["evidence"] = [dict(x) for x in _first(e, "evidence", "spans", default=[]) if isinstance(x, dict)]
        out["events"].append(row)
    return out


def stats_view(s: dict) -> dict:
    counts = s.get("counts") or {k: s.get(k, 0) for k in ("articles", "events", "persons")}
    months: dict[str, dict[str, int]] = {}
    raw = s.get("events_per_month_by_type") or {}
    if isinstance(raw, dict):
        months = {str(m): dict(v) for m, v in raw.items()}
    else:  # rows like {"month": "2024-08", "type": "visit", "n": 3}
        for r in raw:
            months.setdefault(str(r["month"]), {})[r["type"]] = _first(r, "n", "count", default=0)
    tops = []
    for c in s.get("top_counterparts") or []:
        if isinstance(c, dict) and "person" not in c and "name" not in c and "country" in c:
            tops.append({"id": None, "name": None, "country": c["country"], "n": _first(c, "n", "count", default=0)})
        else:
            ref = person_ref(c)
            ref["n"] = _first(c, "n", "count", default=0) if isinstance(c, dict) else 0
            tops.append(ref)
    return {"counts": {k: int(counts.get(k) or 0) for k in ("articles", "events", "persons")},
            "events_per_month_by_type": dict(sorted(months.items())),
            "latest_events": [event_row(e) for e in s.get("latest_events") or []],
            "top_counterparts": tops}


def _key(value: str) -> Any:
    """Path ids arrive as text; stores keyed by integers want an int."""
    return int(value) if value.isdigit() and len(value) < 19 else value


class Repo:
    """Read access to a store, normalised and cached.

    Calls are serialised with a lock unless the store says it is safe to share
    between threads (one SQLite or psycopg connection is not). Results are kept
    in a small LRU cache that is emptied whenever the data may have changed:
    for SQLite when `PRAGMA data_version` moves (another process committed) or
    after an import through this app; for other databases after `CACHE_TTL`
    seconds. NGOAIGIAO_WEB_CACHE=0 turns the cache off.
    """

    CACHE_SIZE = 4096
    CACHE_TTL = 5.0

    def __init__(self, store: Any, cache: bool | None = None):
        self.store = store
        shared = getattr(store, "thread_safe", False)
        self._lock = threading.RLock() if not shared else None
        if cache is None:
            cache = os.environ.get("NGOAIGIAO_WEB_CACHE", "1") not in ("0", "false", "no")
        self._cache: OrderedDict | None = OrderedDict() if cache else None
        self._cache_lock = threading.Lock()
        self._seen: Any = None      # the data version the cached entries belong to
        self._ttl_token: Any = None
        self._checked = 0.0
        db = getattr(store, "db", None)
        self._sqlite = getattr(db, "dialect", None) == "sqlite" and hasattr(db, "scalar")

    def _call(self, name: str, *args, **kw):
        fn = getattr(self.store, name)
        if self._lock is None:
            return fn(*args, **kw)
        with self._lock:
            return fn(*args, **kw)

    def _data_version(self) -> Any:
        if self._sqlite:
            with self._lock or threading.Lock():
                return self.store.db.scalar("PRAGMA data_version")
        now = time.monotonic()
        if now - self._checked > self.CACHE_TTL:
            self._checked = now
            self._ttl_token = object()  # a new token expires everything
        return self._ttl_token

    def invalidate(self) -> None:
        with self._cache_lock:
            if self._cache is not None:
                self._cache.clear()

    def cached(self, key: tuple, compute):
        """Cache any value derived from the store only (a rendered page, say) under `key`."""
        return self._cached(("derived",) + key, compute)

    def _cached(self, key: tuple, compute):
        if self._cache is None:
            return compute()
        version = self._data_version()
        with self._cache_lock:
            if version != self._seen:
                self._cache.clear()
                self._seen = version
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        value = compute()
        with self._cache_lock:
            self._cache[key] = value
            while len(self._cache) > self.CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def events(self, **filters) -> tuple[list[dict], int]:
        def compute():
            rows, total = self._call("query_events", **filters)
            return [event_row(r) for r in rows], int(total)
        return self._cached(("events", tuple(sorted(filters.items()))), compute)

    def event(self, event_id: str) -> dict | None:
        return self._cached(("event", event_id), lambda: self._event(event_id)) or None

    def _event(self, event_id: str) -> dict | None:
        try:
            e = self._call("get_event", _key(event_id))
        except (ValueError, TypeError, LookupError):
            return {}
        if not e:
            return {}
        if e.get("part_of") is not None and not isinstance(e["part_of"], dict):
            # The store gives the containing visit as an id; the page wants its date and type.
            parent = self._call("get_event", e["part_of"])
            if parent:
                e = {**e, "part_of": {k: v for k, v in parent.items() if k not in ("sources", "parts")}}
        return event_detail(e)

    def persons(self, **filters) -> tuple[list[dict], int]:
        def compute():
            rows, total = self._call("query_persons", **filters)
            return [person_ref(r) for r in rows], int(total)
        return self._cached(("persons", tuple(sorted(filters.items()))), compute)

    def person(self, id_or_name: str) -> dict | None:
        return self._cached(("person", id_or_name), lambda: self._person(id_or_name)) or None

    def _person(self, id_or_name: str) -> dict:
        try:
            p = self._call("get_person", _key(id_or_name))
            if not p and _key(id_or_name) != id_or_name:
                p = self._call("get_person", id_or_name)
        except (ValueError, TypeError, LookupError):
            return {}
        return person_detail(p) if p else {}

    def articles(self, **filters) -> tuple[list[dict], int]:
        def compute():
            rows, total = self._call("query_articles", **filters)
            return [article_row(r) for r in rows], int(total)
        return self._cached(("articles", tuple(sorted(filters.items()))), compute)

    def article(self, article_id: str) -> dict | None:
        def compute():
            try:
                a = self._call("get_article", article_id)
            except (ValueError, TypeError, LookupError):
                return {}
            return article_detail(a) if a else {}
        return self._cached(("article", article_id), compute) or None

    def search(self, q: str, limit: int = 20) -> dict:
        def compute():
            res = self._call("search", q, limit=limit)
            return {"articles": [article_row(r) for r in res.get("articles", [])],
                    "persons": [person_ref(r) for r in res.get("persons", [])],
                    "events": [event_row(r) for r in res.get("events", [])]}
        return self._cached(("search", q, limit), compute)

    def stats(self) -> dict:
        # the store's dashboard_stats when it has one: the same numbers, from its event index
        name = "dashboard_stats" if hasattr(self.store, "dashboard_stats") else "stats"
        return self._cached(("stats",), lambda: stats_view(self._call(name)))

    def export(self, fmt: str, out: str) -> Any:
        return self._call("export", fmt, out)

    def check_writable(self) -> None:
        """StoreError when the database file fails SQLite's quick_check (before an import)."""
        db = getattr(self.store, "db", None)
        if db is not None:
            from ngoaigiao.store.integrity import refuse_if_damaged  # noqa: PLC0415
            with self._lock or threading.Lock():
                refuse_if_damaged(db)

    def stored_raw(self, record_id: str) -> str | None:
        """The page text stored under `record_id`, None when there is none (for import collisions)."""
        if not hasattr(self.store, "get_record"):
            return None
        rec = self._call("get_record", record_id)
        return rec.get("raw") if rec else None

    def ingest_article(self, article) -> Any:
        try:
            return self._call("ingest_article", article)
        finally:
            self.invalidate()  # our own commits do not move data_version


class ViewRepo(Repo):
    """Repo plus the filtered views (web/filters.py's EventFilters): lists, facets,
    charts and the map, cached like the rest."""

    def _filter_events(self, f, limit: int, offset: int) -> tuple[list[dict], int]:
        def compute():
            rows, total = self._call("filter_events", f, limit=limit, offset=offset)
            return [event_row(r) for r in rows], int(total)
        return self._cached(("fevents", f.key(), limit, offset), compute)

    def event_facets(self, f) -> dict:
        return self._cached(("facets", f.key()), lambda: self._call("event_facets", f))

    def month_counts(self, f, by: str = "type") -> dict:
        return self._cached(("months", f.key(), by), lambda: self._call("month_counts", f, by))

    def place_counts(self, f) -> list[dict]:
        return self._cached(("places", f.key()), lambda: self._call("place_counts", f))

    def filtered_events(self, f) -> list[dict]:
        """Every event of the view, in its order, with documents and article ids (downloads)."""
        return self._call("filtered_event_records", f)

    def persons_view(self, **kw) -> tuple[list[dict], int, dict]:
        def compute():
            rows, total, facets = self._call("filter_persons", **kw)
            return [person_ref(r) for r in rows], int(total), facets
        return self._cached(("fpersons", tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                                                      for k, v in kw.items()))), compute)

    def articles_view(self, **kw) -> tuple[list[dict], int, dict]:
        def compute():
            rows, total, facets = self._call("filter_articles", **kw)
            return [article_row(r) for r in rows], int(total), facets
        return self._cached(("farticles", tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                                                       for k, v in kw.items()))), compute)

    def search_view(self, q: str, limit: int = 20) -> dict:
        def compute():
            res = self._call("search_view", q, limit=limit)
            return {**res, "articles": [article_row(r) for r in res["articles"]],
                    "persons": [person_ref(r) for r in res["persons"]],
                    "events": self.with_pinyin([event_row(r) for r in res["events"]])}
        return self._cached(("searchv", q, limit), compute)

    def suggest_names(self, q: str, limit: int = 8) -> list[dict]:
        return self._cached(("suggest", q, limit),
                            lambda: [person_ref(r) for r in self._call("suggest_names", q, limit=limit)])

    # Pinyin beside Chinese names wherever a participant is listed (English pages show it).
    def _pinyin(self) -> dict:
        def compute():
            return {r["id"]: r["pinyin"] for r in self._call_db(
                "SELECT id, pinyin FROM persons WHERE pinyin IS NOT NULL AND pinyin <> ''")}
        return self._cached(("pinyin-map",), compute)

    def _call_db(self, sql: str):
        db = self.store.db
        if self._lock is None:
            return db.query(sql)
        with self._lock:
            return db.query(sql)

    def with_pinyin(self, rows: list[dict]) -> list[dict]:
        py = self._pinyin() if hasattr(self.store, "db") else {}
        for e in rows:
            for p in e.get("participants") or []:
                pid = p.get("person_id", p.get("id"))
                if pid in py and not p.get("pinyin"):
                    p["pinyin"] = py[pid]
        return rows

    def filter_events(self, f, limit: int, offset: int) -> tuple[list[dict], int]:
        rows, total = self._filter_events(f, limit, offset)
        return self.with_pinyin(rows), total

    def event(self, event_id: str) -> dict | None:
        ev = super().event(event_id)
        if ev:
            self.with_pinyin([ev, *(ev.get("parts") or [])])
        return ev

    def person(self, id_or_name: str) -> dict | None:
        p = super().person(id_or_name)
        if p:
            self.with_pinyin(p["events"])
            py = self._pinyin() if hasattr(self.store, "db") else {}
            for c in p["counterparts"]:
                c.setdefault("pinyin", py.get(c.get("id")))
        return p

    def stats(self) -> dict:
        st = super().stats()
        self.with_pinyin(st["latest_events"])
        return st
