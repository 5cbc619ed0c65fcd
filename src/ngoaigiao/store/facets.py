"""Filtered event views with Datasette-style facets, and downloads of a view.

`filter_events(f, limit, offset)` is `query_events` for an `EventFilters`
(every filter of the web app, the API and the CLI); `event_facets(f)` counts,
for each filter, the values the other filters leave (so several values of one
filter can be picked); `iter_filtered_events(f)` walks every matching event
in the view's order, for downloads.

Levels (party, state, ...) of an event come from the titles its participants
hold in the reporting articles (`levels.title_level`), kept in `event_levels`,
a table this module creates and fills (from scratch once, then per event as
events are recomputed), with the indexes the facet counts need.
"""
from __future__ import annotations

import time

from ngoaigiao.filters import EventFilters, sources_values
from ngoaigiao.levels import title_level

INDEX_MAX_EVENTS = 3_000_000   # above this, facets and lists are SQL (slower, but no memory)
INDEX_MAX_STALE = 2.0          # seconds: a large index is rebuilt for another process's writes at most this late
FACETS = ("type", "country", "level", "place", "cameo", "plover", "sources")
_SETUP = [
    "CREATE TABLE IF NOT EXISTS event_levels (event_id BIGINT NOT NULL, level TEXT NOT NULL,"
    " PRIMARY KEY (event_id, level))",
    "CREATE INDEX IF NOT EXISTS ix_evlevels_level ON event_levels(level, event_id)",
    "CREATE INDEX IF NOT EXISTS ix_events_place ON events(place, date)",
    "CREATE INDEX IF NOT EXISTS ix_events_cameo ON events(cameo, date)",
    "CREATE INDEX IF NOT EXISTS ix_events_plover ON events(plover, date)",
    "CREATE INDEX IF NOT EXISTS ix_events_sources ON events(n_sources, date)",
]
_LEVELS_OF = ("SELECT DISTINCT p.event_id AS event_id, o.title AS title FROM event_participants p"
              " JOIN event_reports r ON r.event_id = p.event_id"
              " JOIN position_observations o ON o.article_id = r.article_id AND o.person_id = p.person_id")


class FacetMixin:
    db: object
    _facets_ready = False

    # ------------------------------------------------------------ upkeep
    def ensure_facets(self) -> None:
        """Create event_levels and the facet indexes if missing, and fill event_levels once."""
        if self._facets_ready:
            return
        if getattr(self.db, "readonly", False):
            self._facets_ready = True
            return
        existed = self._has_table("event_levels")
        if existed and self._has_index("ix_events_sources"):
            self._facets_ready = True  # nothing to write (a write would reset every reader's caches)
            return
        with self.db.transaction():
            for stmt in _SETUP:
                self.db.execute(stmt)
            if not existed:
                self._fill_levels(_LEVELS_OF)
        self._facets_ready = True

    def _has_table(self, name: str) -> bool:
        if self.db.dialect == "sqlite":
            return bool(self.db.scalar("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?", (name,)))
        return bool(self.db.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name=?"
                                   " AND table_schema=current_schema()", (name,)))

    def _has_index(self, name: str) -> bool:
        if self.db.dialect == "sqlite":
            return bool(self.db.scalar("SELECT count(*) FROM sqlite_master WHERE type='index' AND name=?", (name,)))
        return bool(self.db.scalar("SELECT count(*) FROM pg_indexes WHERE indexname=?", (name,)))

    def _fill_levels(self, sql: str, params=()) -> None:
        rows = {(r["event_id"], lv) for r in self.db.query(sql, params) if (lv := title_level(r["title"]))}
        if rows:
            self.db.executemany("INSERT INTO event_levels (event_id, level) VALUES (?,?) ON CONFLICT DO NOTHING",
                                sorted(rows))

    def _derive_event_levels(self, event_id: int) -> None:
        """Called when an event is recomputed (ingest)."""
        self._derive_events_levels([event_id])

    def _derive_events_levels(self, event_ids: list[int]) -> None:
        """`_derive_event_levels` of several events (sorted ids: the rows go in in that
        order), in a few statements (a batch's events: three each were some of its SQL)."""
        if not event_ids:
            return
        if not self._facets_ready:
            tx = getattr(self, "_tx", None)  # ingest's per-transaction cache: no schema change inside it
            if tx is None:
                has = self._has_table("event_levels")
            else:
                has = tx.get("event_levels")
                if has is None:
                    has = tx["event_levels"] = self._has_table("event_levels")
            if not has:
                return  # filled from scratch the first time the facets are used
        self._facet_writes = getattr(self, "_facet_writes", 0) + len(event_ids)
        for i in range(0, len(event_ids), 500):
            chunk = event_ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM event_levels WHERE event_id IN ({marks})", chunk)
            self._fill_levels(_LEVELS_OF + f" WHERE p.event_id IN ({marks})", chunk)

    def _date_col(self) -> str:
        """The kb branch's sort_date (dates of any precision, sortable) when the store has it."""
        if not hasattr(self, "_date_col_cached"):
            cols = set()
            try:
                if self.db.dialect == "sqlite":
                    cols = {r["name"] for r in self.db.query("PRAGMA table_info(events)")}
                else:
                    cols = {r["column_name"] for r in self.db.query(
                        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'")}
            except Exception:  # noqa: BLE001 - the plain date is always there
                cols = set()
            self._date_col_cached = "sort_date" if "sort_date" in cols else "date"
        return self._date_col_cached

    # ------------------------------------------------------------ filters
    def _where(self, f: EventFilters, skip: str | None = None) -> tuple[list[str], list] | None:
        """SQL conditions on `events e` for every filter but `skip`; None when nothing can match."""
        where: list[str] = []
        params: list = []
        date = "e." + self._date_col()

        def among(col: str, values) -> None:
            where.append(f"{col} IN ({','.join('?' * len(values))})")
            params.extend(values)

        if f.country and skip != "country":
            if f.match == "all":
                for c in f.country:
                    where.append("EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = e.id AND c.country = ?)")
                    params.append(c)
            else:
                where.append(f"e.id IN (SELECT event_id FROM event_countries WHERE country IN"
                             f" ({','.join('?' * len(f.country))}))")
                params.extend(f.country)
        if f.type and skip != "type":
            among("e.type", f.type)
        if f.place and skip != "place":
            among("e.place", f.place)
        if f.cameo and skip != "cameo":
            conds = []
            for c in f.cameo:
                conds.append("e.cameo LIKE ?" if len(c) < 3 else "e.cameo = ?")
                params.append(c + "%" if len(c) < 3 else c)
            where.append("(" + " OR ".join(conds) + ")")
        if f.plover and skip != "plover":
            among("e.plover", f.plover)
        if f.level and skip != "level":
            where.append(f"e.id IN (SELECT event_id FROM event_levels WHERE level IN ({','.join('?' * len(f.level))}))")
            params.extend(f.level)
        if f.sources and skip != "sources":
            exact, five = sources_values(f.sources)
            conds = []
            if exact:
                conds.append(f"e.n_sources IN ({','.join('?' * len(exact))})")
                params.extend(exact)
            if five:
                conds.append("e.n_sources >= 5")
            where.append("(" + " OR ".join(conds) + ")")
        if f.min_confidence is not None:
            where.append("e.confidence >= ?")
            params.append(float(f.min_confidence))
        if f.since:
            where.append(f"{date} >= ?")
            params.append(f.since)
        if f.until:
            where.append(f"{date} <= ?")
            params.append(f.until + ("-99" if len(f.until) <= 7 else "") + "\uffff")
        if f.person:
            pids = self._person_ids(f.person)
            if not pids:
                return None
            where.append(f"e.id IN (SELECT event_id FROM event_participants WHERE person_id IN"
                         f" ({','.join('?' * len(pids))}))")
            params.extend(pids)
        if f.text:
            sub = self._search_ids("event", f.text)
            if sub is None:
                return None
            where.append(f"e.id IN ({sub[0]})")
            params.extend(sub[1])
        return where, params

    def _order(self, f: EventFilters) -> str:
        direction = "ASC" if f.order == "asc" else "DESC"
        col = {"date": "e." + self._date_col(), "type": "e.type", "sources": "e.n_sources"}[f.sort]
        sqlite = self.db.dialect == "sqlite"
        nulls = " NULLS LAST" if (sqlite and direction == "ASC") or (not sqlite and direction == "DESC") else ""
        return f" ORDER BY {col} {direction}{nulls}, e.id {direction}"

    def _sql_filter_events(self, f: EventFilters, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        """One page of the events matching `f`, in its order, and how many match in all."""
        self.ensure_facets()
        w = self._where(f)
        if w is None:
            return [], 0
        where, params = w
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        total = self.db.scalar(f"SELECT count(*) FROM events e{cond}", params)
        ids = [r["id"] for r in self.db.query(f"SELECT e.id AS id FROM events e{cond}{self._order(f)} LIMIT ? OFFSET ?",
                                              [*params, int(limit), int(offset)])]
        return self._event_summaries(ids), int(total or 0)

    def _sql_filtered_event_ids(self, f: EventFilters, limit: int | None = None) -> list[int]:
        """Every matching event id in the view's order (downloads)."""
        self.ensure_facets()
        w = self._where(f)
        if w is None:
            return []
        where, params = w
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        lim = f" LIMIT {int(limit)}" if limit else ""
        return [r["id"] for r in self.db.query(f"SELECT e.id AS id FROM events e{cond}{self._order(f)}{lim}", params)]

    # ------------------------------------------------------------- facets
    def _sql_event_facets(self, f: EventFilters, size: int = 12) -> dict[str, list[dict]]:
        """{facet: [{"value", "n"}]}: counts of each filter's values among the events the
        other filters select, most frequent first (`size` per facet; the chosen values always)."""
        self.ensure_facets()
        out: dict[str, list[dict]] = {}
        for name in FACETS:
            w = self._where(f, skip=name)
            if w is None:
                out[name] = []
                continue
            where, params = w
            cond = " AND ".join(where)
            if name in ("country", "level"):
                table, col = ("event_countries", "country") if name == "country" else ("event_levels", "level")
                sub = f" WHERE x.event_id IN (SELECT e.id FROM events e WHERE {cond})" if cond else ""
                sql = f"SELECT x.{col} AS v, count(*) AS n FROM {table} x{sub} GROUP BY x.{col}"
            else:
                # the buckets the sources filter takes (1..4, 5+); an event without sources is in none
                expr = {"sources": "CASE WHEN e.n_sources >= 5 THEN '5+' WHEN e.n_sources >= 1"
                                   " THEN CAST(e.n_sources AS TEXT) END"}.get(
                    name, f"e.{name}")
                sql = (f"SELECT {expr} AS v, count(*) AS n FROM events e"
                       f"{' WHERE ' + cond if cond else ''} GROUP BY {expr}")
            rows = [(str(r["v"]), int(r["n"])) for r in self.db.query(sql + " ORDER BY n DESC, v", params)
                    if r["v"] not in (None, "")]
            out[name] = _facet_list(rows, getattr(f, name), size)
        return out

    def _sql_place_counts(self, f: EventFilters) -> list[dict]:
        """[{"place", "n"}] of every place among the events `f` selects (the map)."""
        self.ensure_facets()
        w = self._where(f, skip="place")
        if w is None:
            return []
        where, params = w
        cond = (" AND " + " AND ".join(where)) if where else ""
        return [{"place": r["v"], "n": int(r["n"])} for r in self.db.query(
            f"SELECT e.place AS v, count(*) AS n FROM events e WHERE e.place IS NOT NULL{cond}"
            f" GROUP BY e.place ORDER BY n DESC, v", params)]

    def _sql_month_counts(self, f: EventFilters, by: str = "type") -> dict[str, dict[str, int]]:
        """{month: {type or country: n}} of the events `f` selects, all history (charts)."""
        self.ensure_facets()
        w = self._where(f)
        if w is None:
            return {}
        where, params = w
        date = "e." + self._date_col()
        cond = " AND ".join([f"{date} IS NOT NULL", f"length({date}) >= 7", *where])
        if by == "country":
            sql = (f"SELECT substr({date}, 1, 7) AS m, c.country AS k, count(*) AS n FROM events e"
                   f" JOIN event_countries c ON c.event_id = e.id WHERE {cond} AND c.country <> 'VN'"
                   f" GROUP BY substr({date}, 1, 7), c.country")
        else:
            sql = (f"SELECT substr({date}, 1, 7) AS m, e.type AS k, count(*) AS n FROM events e WHERE {cond}"
                   f" GROUP BY substr({date}, 1, 7), e.type")
        out: dict[str, dict[str, int]] = {}
        for r in self.db.query(sql, params):
            row = out.setdefault(r["m"], {})
            row[r["k"] or "other"] = row.get(r["k"] or "other", 0) + int(r["n"])  # untyped + "other"
        return dict(sorted(out.items()))

    # ------------------------------------------------- the in-memory index
    def event_index(self):
        """The EventIndex of the current data (rebuilt when it changed), or None for a
        store too large to hold one."""
        from ngoaigiao.store.event_index import EventIndex  # numpy only when used

        self.ensure_facets()
        writes = getattr(self, "_facet_writes", 0)
        if self.db.dialect == "sqlite":
            version = self.db.scalar("PRAGMA data_version")
        else:
            version = self._pg_data_version()
        cached = getattr(self, "_index_cache", None)
        now = time.monotonic()
        if cached is not None:
            idx, (v, w), built, cost = cached
            # A small index is rebuilt at once; a large one (seconds to build) not more often
            # than every few build times while another process keeps writing.
            grace = 0.0 if cost < 0.05 else min(INDEX_MAX_STALE, 2 * cost)
            if w == writes and (v == version or now - built < grace):
                return idx
        n = self.db.scalar("SELECT max(id) FROM events") or 0
        if n > INDEX_MAX_EVENTS and self.db.scalar("SELECT count(*) FROM events") > INDEX_MAX_EVENTS:
            return None
        idx = EventIndex(self, self._date_col())
        self._index_cache = (idx, (version, writes), time.monotonic(), time.monotonic() - now)
        return idx

    def _pg_data_version(self):
        """PostgreSQL: the write-ahead log position, which moves with every committed write
        (to any database of the server: at worst a rebuild too many), so an unchanged store
        keeps its index; where it cannot be read (a standby), a new version every 5 s."""
        if not getattr(self, "_no_wal_lsn", False):
            try:
                return str(self.db.scalar("SELECT pg_current_wal_lsn()"))
            except Exception:  # noqa: BLE001 - a standby, or an old server: time-based then
                self._no_wal_lsn = True
        return int(time.monotonic() // 5)

    def _id_sets(self, f: EventFilters) -> dict | None:
        """Person and text filters as sets of event ids (None: nothing can match)."""
        out = {}
        if f.person:
            pids = self._person_ids(f.person)
            if not pids:
                return None
            out["person"] = {r["event_id"] for r in self.db.query(
                f"SELECT event_id FROM event_participants WHERE person_id IN ({','.join('?' * len(pids))})", pids)}
        if f.text:
            if self._search_match("event", f.text) is None:
                return None
            out["text"] = {int(r) for r in self._search_refs("event", f.text)}
        return out

    def filter_events(self, f: EventFilters, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        """One page of the events matching `f`, in its order, and how many match in all."""
        idx = self.event_index()
        if idx is None:
            return self._sql_filter_events(f, limit, offset)
        sets = self._id_sets(f)
        if sets is None:
            return [], 0
        ids, total = idx.page(idx.mask(f, id_sets=sets), f.sort, f.order, int(limit), int(offset))
        return self._event_summaries(ids), total

    def filtered_event_ids(self, f: EventFilters, limit: int | None = None) -> list[int]:
        """Every matching event id in the view's order (downloads)."""
        idx = self.event_index()
        if idx is None:
            return self._sql_filtered_event_ids(f, limit)
        sets = self._id_sets(f)
        if sets is None:
            return []
        return idx.page(idx.mask(f, id_sets=sets), f.sort, f.order, limit)[0]

    def event_facets(self, f: EventFilters, size: int = 12) -> dict[str, list[dict]]:
        """{facet: [{"value", "n", "selected"}]}: counts of each filter's values among the
        events the other filters select, most frequent first (`size` per facet, plus the
        chosen values always)."""
        idx = self.event_index()
        if idx is None:
            return self._sql_event_facets(f, size)
        sets = self._id_sets(f)
        if sets is None:
            return {name: [] for name in FACETS}
        counts = idx.facet_counts(idx.masks_without_each(f, FACETS, id_sets=sets))
        return {name: _facet_list(sorted(counts[name], key=lambda r: (-r[1], r[0])), getattr(f, name), size)
                for name in FACETS}

    def place_counts(self, f: EventFilters) -> list[dict]:
        """[{"place", "n"}] of every place among the events `f` selects (the map)."""
        idx = self.event_index()
        if idx is None:
            return self._sql_place_counts(f)
        sets = self._id_sets(f)
        if sets is None:
            return []
        return [{"place": p, "n": n} for p, n in idx.places(idx.mask(f, skip="place", id_sets=sets))]

    def month_counts(self, f: EventFilters, by: str = "type") -> dict[str, dict[str, int]]:
        """{month: {type, or country other than VN: n}} of the events `f` selects, all history."""
        idx = self.event_index()
        if idx is None:
            return self._sql_month_counts(f, by)
        sets = self._id_sets(f)
        if sets is None:
            return {}
        return idx.months(idx.mask(f, id_sets=sets), by)

    def dashboard_stats(self) -> dict:
        """What the dashboard shows of stats(): counts, events per month by type, the latest
        events, Vietnam's top counterparts. From the index (~2 ms) rather than stats()'s
        GROUP BYs over every event (~300 ms on 100,000 events); the same numbers."""
        idx = self.event_index()
        if idx is None or idx.odd_dates or self._date_col() != "sort_date":
            return self.stats()
        counts = {t: self.db.scalar(f"SELECT count(*) FROM {t}") for t in ("articles", "persons", "events")}
        latest = self._event_summaries([r["id"] for r in self.db.query(
            "SELECT id FROM events WHERE sort_date IS NOT NULL ORDER BY sort_date DESC, id DESC LIMIT 10")])
        return {"counts": counts, "events_per_month_by_type": idx.months(None, "type", unknown=None),
                "latest_events": latest, "top_counterparts": idx.counterparts("VN", 20)}


def _facet_list(rows: list[tuple[str, int]], chosen_values, size: int) -> list[dict]:
    chosen = set(chosen_values)
    top = rows[:size] + [r for r in rows[size:] if r[0] in chosen]
    have = {r[0] for r in top}
    top += [(c, 0) for c in chosen_values if c not in have]
    return [{"value": v, "n": n, "selected": v in chosen} for v, n in top]
