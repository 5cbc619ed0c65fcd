"""Reading: the questions the CLI, the web app and the API ask.

Every function returns plain JSON-serialisable dicts. Ids: articles are
strings (the record id of their first source), persons and events are ints.
"""
from __future__ import annotations

import json

from ngoaigiao import offices, resolve
from ngoaigiao.params import looks_numeric, numeric_id
from ngoaigiao.resolve import fold_text as fold_q
from ngoaigiao.textnorm import fold

_EVENT_SORTS = {"date": "e.sort_date", "type": "e.type", "sources": "e.n_sources", "id": "e.id"}


def _fts_query(q: str) -> str:
    """Folded words as an FTS5 query: every word, the last one as a prefix."""
    words = [w for w in fold_q(q).replace('"', " ").split() if any(ch.isalnum() for ch in w)]
    if not words:
        return ""
    parts = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    return " ".join(parts)


class QueryMixin:
    db: object

    # --------------------------------------------------------------- search
    def _search_match(self, kind: str, q: str) -> tuple[str, list] | None:
        """SQL selecting `ref` (and `score`, lower is better) of the `kind` rows
        whose folded text holds every word of q; None when q has no word."""
        if self.db.dialect == "sqlite":
            fq = _fts_query(q)
            if not fq:
                return None
            return ("SELECT d.ref AS ref, f.rank AS score FROM search_fts f JOIN search_docs d ON d.id = f.rowid"
                    " WHERE search_fts MATCH ? AND d.kind = ?", [fq, kind])
        words = ["".join(ch for ch in w if ch.isalnum()) for w in fold_q(q).split()]
        words = [w for w in words if w]
        if not words:
            return None
        tsq = " & ".join(words[:-1] + [words[-1] + ":*"])
        return ("SELECT ref, -ts_rank(tsv, to_tsquery('simple', ?)) AS score FROM search_docs"
                " WHERE kind = ? AND tsv @@ to_tsquery('simple', ?)", [tsq, kind, tsq])

    def _search_refs(self, kind: str, q: str, limit: int | None = None) -> list[str]:
        """Refs of `kind` matching q, best first."""
        match = self._search_match(kind, q)
        if match is None:
            return []
        sql, params = match
        lim = f" LIMIT {int(limit)}" if limit else ""
        return [r["ref"] for r in self.db.query(f"SELECT ref FROM ({sql}) m ORDER BY score{lim}", params)]

    def _search_ids(self, kind: str, q: str) -> tuple[str, list] | None:
        """A subquery of the integer ids matching q, for `id IN (...)` filters of any size."""
        match = self._search_match(kind, q)
        if match is None:
            return None
        return f"SELECT CAST(ref AS INTEGER) FROM ({match[0]}) m", match[1]

    def search(self, q: str, limit: int = 20) -> dict:
        """Articles, persons and events matching q, diacritics ignored."""
        forms = _name_forms(q)  # "Xi Jinping" / "习近平" also search as "Tập Cận Bình"
        arts, pers, evs = [], [], []
        for form in forms:
            for kind, out in (("article", arts), ("person", pers), ("event", evs)):
                for r in self._search_refs(kind, form, limit):
                    if r not in out and len(out) < limit:
                        out.append(r)
        return {
            "articles": [a for a in (self._article_summary(r) for r in arts) if a],
            "persons": [p for p in (self._person_summary(int(r)) for r in pers) if p],
            "events": self._event_summaries([int(r) for r in evs]),
        }

    # --------------------------------------------------------------- events
    def query_events(self, country=None, type=None, person=None, since=None, until=None, text=None,
                     sort="date", order="desc", limit=50, offset=0,
                     min_confidence=None) -> tuple[list[dict], int]:
        """Events matching every filter given, one page, and how many match in all.
        The driving table is the most selective one that carries type and date
        (event_countries, event_participants or events), so filters, counts and
        the date order come from one index."""
        pids = None
        if person is not None:
            pids = self._person_ids(person)
            if not pids:
                return [], 0
        where, params = [], []
        if pids:  # a person's events are fewer than a country's
            drive, idcol = "event_participants d", "d.event_id"
            where.append(f"d.person_id IN ({','.join('?' * len(pids))})")
            params.extend(pids)
            if country:
                where.append("EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = d.event_id"
                             " AND c.country = ?)")
                params.append(country.upper())
        elif country:
            drive, idcol = "event_countries d", "d.event_id"
            where.append("d.country = ?")
            params.append(country.upper())
        else:
            drive, idcol = "events d", "d.id"
        if type:
            if drive.startswith("event_participants"):
                where.append(f"EXISTS (SELECT 1 FROM events t WHERE t.id = {idcol} AND t.type = ?)")
            else:
                where.append("d.type = ?")
            params.append(type)
        # Dates filter and sort on the sort_date (event_countries/event_participants.date hold it).
        datecol = "d.sort_date" if drive.startswith("events ") else "d.date"
        if since:
            where.append(f"{datecol} >= ?")
            params.append(since)
        if until:
            where.append(f"{datecol} <= ?")
            params.append(until if len(until) > 7 else until + "-99")
        if min_confidence is not None:
            # the merged event's confidence (the best of its reports); unscored events never pass
            if drive.startswith("events"):
                where.append("d.confidence >= ?")
            else:
                where.append(f"EXISTS (SELECT 1 FROM events t WHERE t.id = {idcol} AND t.confidence >= ?)")
            params.append(float(min_confidence))
        if text:
            sub = self._search_ids("event", text)
            if sub is None:
                return [], 0
            where.append(f"{idcol} IN ({sub[0]})")
            params.extend(sub[1])
        sql_from = f"FROM {drive}" + (" WHERE " + " AND ".join(where) if where else "")
        distinct = "DISTINCT " if pids and len(pids) > 1 and drive.startswith("event_participants") else ""
        total = self.db.scalar(f"SELECT count({distinct}{idcol}) {sql_from}", params)
        direction = "ASC" if str(order).lower() == "asc" else "DESC"
        # Undated events last both ways (SQLite puts NULL first ascending, PostgreSQL first descending).
        sqlite = self.db.dialect == "sqlite"
        nulls = " NULLS LAST" if (sqlite and direction == "ASC") or (not sqlite and direction == "DESC") else ""
        if sort in (None, "date"):
            sql = (f"SELECT {distinct}{idcol} AS id, {datecol} AS k {sql_from}"
                   f" ORDER BY k {direction}{nulls}, id {direction} LIMIT ? OFFSET ?")
        else:
            col = _EVENT_SORTS.get(sort, "e.sort_date")
            sql = (f"SELECT e.id AS id, {col} AS k FROM events e WHERE e.id IN (SELECT {idcol} {sql_from})"
                   f" ORDER BY k {direction}{nulls}, e.id {direction} LIMIT ? OFFSET ?")
        ids = [r["id"] for r in self.db.query(sql, [*params, int(limit), int(offset)])]
        return self._event_summaries(ids), int(total or 0)

    def _event_summaries(self, ids: list[int]) -> list[dict]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {r["id"]: r for r in self.db.query(
            f"SELECT id, type, cameo, plover, date, end_date, sort_date, date_precision, place, part_of, n_sources,"
            f" confidence FROM events"
            f" WHERE id IN ({marks})", ids)}
        parts: dict[int, list] = {}
        for r in self.db.query(
                f"SELECT event_id, person_id, name, side, role FROM event_participants WHERE event_id IN ({marks})"
                f" ORDER BY event_id, person_id", ids):
            parts.setdefault(r["event_id"], []).append(
                {"person_id": r["person_id"], "name": r["name"], "side": r["side"], "role": r["role"]})
        countries: dict[int, list] = {}
        for r in self.db.query(f"SELECT event_id, country FROM event_countries WHERE event_id IN ({marks})"
                               f" ORDER BY event_id, country", ids):
            countries.setdefault(r["event_id"], []).append(r["country"])
        out = []
        for i in ids:
            if i in rows:
                e = dict(rows[i])
                e["participants"] = parts.get(i, [])
                e["countries"] = countries.get(i, [])
                out.append(e)
        return out

    def get_event(self, event_id) -> dict | None:
        event_id = numeric_id(event_id)  # None also for ids beyond 64 bits
        if event_id is None:
            return None
        summ = self._event_summaries([event_id])
        if not summ:
            return None
        ev = summ[0]
        ev["documents"] = [r["name"] for r in self.db.query(
            "SELECT name FROM event_documents WHERE event_id = ? ORDER BY name", (event_id,))]
        reports = self.db.query(
            "SELECT r.article_id, r.evidence, r.type, r.date, a.title, a.url, a.outlet, a.published"
            " FROM event_reports r JOIN articles a ON a.id = r.article_id WHERE r.event_id = ?"
            " ORDER BY a.published, r.article_id, r.idx", (event_id,))
        sources: dict[str, dict] = {}
        for r in reports:
            s = sources.setdefault(r["article_id"], {
                "article_id": r["article_id"], "title": r["title"], "url": r["url"], "outlet": r["outlet"],
                "published": r["published"], "reported_type": r["type"], "reported_date": r["date"],
                "evidence": [], "duplicates": self._duplicates(r["article_id"])})
            s["evidence"].extend(json.loads(r["evidence"] or "[]"))
        ev["sources"] = list(sources.values())
        art_ids = list(sources)
        for p in ev["participants"]:
            p["titles"] = self._titles_at(p["person_id"], ev["date"] or ev["sort_date"], art_ids)
        ev["parts"] = self._event_summaries([r["id"] for r in self.db.query(
            "SELECT id FROM events WHERE part_of = ? ORDER BY sort_date, id", (event_id,))])
        ev["merged_because"] = self.merge_explanation(event_id)  # None for a single report
        return ev

    def _titles_at(self, person_id: int, date: str | None, article_ids: list[str]) -> list[str]:
        """Titles the reporting articles give the person, else those the timeline
        shows held at the event's date."""
        if article_ids:
            rows = self.db.query(
                f"SELECT DISTINCT title FROM position_observations WHERE person_id = ? AND article_id IN"
                f" ({','.join('?' * len(article_ids))}) ORDER BY title", [person_id, *article_ids])
            if rows:
                return [r["title"] for r in rows]
        if not date:
            return []
        return [r["title"] for r in self.db.query(
            "SELECT title FROM positions WHERE person_id = ? AND first_seen <= ? AND last_seen >= ?"
            " ORDER BY first_seen", (person_id, date, date[:10]))]

    def _duplicates(self, article_id: str) -> list[dict]:
        return self.db.query(
            "SELECT record_id, url, outlet, published, title, similarity FROM article_sources"
            " WHERE article_id = ? AND record_id <> ? ORDER BY record_id", (article_id, article_id))

    # -------------------------------------------------------------- persons
    def _person_ids(self, person) -> list[int]:
        """Ids of persons matching an id or a name (any spelling, with or without diacritics)."""
        if looks_numeric(person):
            n = numeric_id(person)
            return [n] if n is not None else []
        ids: list[int] = []
        for form in _name_forms(str(person)):
            k = resolve.name_key(form)
            rows = self.db.query("SELECT DISTINCT person_id FROM person_aliases WHERE alias_fold = ?", (fold(k),))
            for r in rows:
                aliases = [a["alias"] for a in self.db.query(
                    "SELECT alias FROM person_aliases WHERE person_id = ?", (r["person_id"],))]
                if any(resolve.same_name(form, a) for a in aliases) and r["person_id"] not in ids:
                    ids.append(r["person_id"])
            if ids:
                break
        return sorted(ids)

    def _person_summary(self, pid: int) -> dict | None:
        row = self.db.one("SELECT id, name, country, zh, pinyin, name_source, n_articles FROM persons WHERE id = ?",
                          (pid,))
        if row is None:
            return None
        row["titles"] = [r["title"] for r in self.db.query(
            "SELECT title FROM positions WHERE person_id = ? ORDER BY last_seen DESC, first_seen DESC LIMIT 3",
            (pid,))]
        return row

    def query_persons(self, q=None, country=None, limit=50, offset=0) -> tuple[list[dict], int]:
        where, params = [], []
        if q:
            sub = self._search_ids("person", q)
            if sub is None:
                return [], 0
            where.append(f"id IN ({sub[0]})")
            params.extend(sub[1])
        if country:
            where.append("country = ?")
            params.append(country.upper())
        w = (" WHERE " + " AND ".join(where)) if where else ""
        total = self.db.scalar(f"SELECT count(*) FROM persons{w}", params)
        ids = [r["id"] for r in self.db.query(
            f"SELECT id FROM persons{w} ORDER BY n_articles DESC, name, id LIMIT ? OFFSET ?",
            [*params, int(limit), int(offset)])]
        return [self._person_summary(i) for i in ids], int(total or 0)

    def get_person(self, person_id_or_name, events_limit: int = 50) -> dict | None:
        """The person (by id or any spelling of the name) with aliases, position
        timeline, the latest `events_limit` events (`n_events` counts all; page
        them with query_events(person=id)) and top counterparts."""
        ids = self._person_ids(person_id_or_name)
        if not ids:
            return None
        if len(ids) > 1:
            # Same name, different people: the best-attested, the others listed as namesakes.
            ids.sort(key=lambda i: -(self.db.scalar("SELECT n_articles FROM persons WHERE id = ?", (i,)) or 0))
        pid = ids[0]
        person = self._person_summary(pid)
        if person is None:
            return None
        person["namesakes"] = [s for s in (self._person_summary(i) for i in ids[1:]) if s]
        person["aliases"] = [r["alias"] for r in self.db.query(
            "SELECT alias FROM person_aliases WHERE person_id = ? ORDER BY n DESC, alias", (pid,))]
        # Offices with the name table's terms beside what the articles show, and a
        # note when an article gives a title the table says was not held then.
        terms = offices.name_table_offices(person["name"])
        person["positions"] = []
        for r in self.db.query("SELECT title, title_key, first_seen, last_seen, n, sources, office, variants"
                               " FROM positions WHERE person_id = ? ORDER BY first_seen, title", (pid,)):
            tenure, note = offices.tenure_check(r["title_key"], r["first_seen"], r["last_seen"], terms)
            person["positions"].append(
                {"title": r["title"], "office": r["office"], "variants": json.loads(r["variants"] or "[]"),
                 "first_seen": r["first_seen"], "last_seen": r["last_seen"], "n": r["n"],
                 "sources": json.loads(r["sources"] or "[]"), "tenure": tenure, "not_held": note})
        ev_ids = [r["event_id"] for r in self.db.query(
            "SELECT event_id FROM event_participants WHERE person_id = ? ORDER BY date DESC, event_id DESC LIMIT ?",
            (pid, events_limit))]
        person["events"] = self._event_summaries(ev_ids)
        person["n_events"] = self.db.scalar("SELECT count(*) FROM event_participants WHERE person_id = ?", (pid,))
        person["counterparts"] = [
            {"person": {"id": r["id"], "name": r["name"], "country": r["country"]}, "n": r["n"]}
            for r in self.db.query(
                "SELECT p.id, p.name, p.country, c.n FROM (SELECT other_id, n FROM person_counterparts"
                " WHERE person_id = ? ORDER BY n DESC, other_id LIMIT 20) c JOIN persons p ON p.id = c.other_id"
                " ORDER BY c.n DESC, p.name", (pid,))]
        return person

    # ------------------------------------------------------------- articles
    def _article_summary(self, article_id: str) -> dict | None:
        row = self.db.one("SELECT id, title, url, outlet, published, content_hash FROM articles WHERE id = ?",
                          (article_id,))
        if row:
            row["n_sources"] = self.db.scalar("SELECT count(*) FROM article_sources WHERE article_id = ?",
                                              (article_id,))
        return row

    def query_articles(self, q=None, limit=50, offset=0) -> tuple[list[dict], int]:
        if q:
            refs = self._search_refs("article", q)
            total = len(refs)
            page = refs[int(offset):int(offset) + int(limit)]
        else:
            total = self.db.scalar("SELECT count(*) FROM articles")
            page = [r["id"] for r in self.db.query(
                "SELECT id FROM articles ORDER BY published DESC, id LIMIT ? OFFSET ?", (int(limit), int(offset)))]
        return [a for a in (self._article_summary(r) for r in page) if a], int(total or 0)

    def get_article(self, article_id) -> dict | None:
        article_id = str(article_id)
        row = self.db.one("SELECT * FROM articles WHERE id = ?", (article_id,))
        if row is None:
            # A near-duplicate's record id leads to the article it was merged into.
            target = self.db.scalar("SELECT article_id FROM article_sources WHERE record_id = ?", (article_id,))
            if target is None:
                return None
            row = self.db.one("SELECT * FROM articles WHERE id = ?", (target,))
            if row is None:
                return None
        aid = row["id"]
        row["blocks"] = self.db.query(
            "SELECT start_char AS start, end_char AS \"end\", kind, reason FROM article_blocks WHERE article_id = ?"
            " ORDER BY start_char", (aid,))
        row["sources"] = self.db.query(
            "SELECT record_id, url, outlet, published, title, source, similarity, ingested_at FROM article_sources"
            " WHERE article_id = ? ORDER BY record_id", (aid,))
        persons = {}
        for r in self.db.query(
                "SELECT ap.person_id, ap.name, ap.country, p.name AS canonical FROM article_persons ap"
                " JOIN persons p ON p.id = ap.person_id WHERE ap.article_id = ? ORDER BY ap.person_id", (aid,)):
            persons.setdefault(r["person_id"], {"person_id": r["person_id"], "name": r["canonical"],
                                                "as_written": [], "country": r["country"],
                                                "mentions": [], "titles": []})["as_written"].append(r["name"])
        for r in self.db.query("SELECT person_id, start_char, end_char, text FROM person_mentions"
                               " WHERE article_id = ? ORDER BY start_char", (aid,)):
            if r["person_id"] in persons:
                persons[r["person_id"]]["mentions"].append(
                    {"start": r["start_char"], "end": r["end_char"], "text": r["text"]})
        for r in self.db.query("SELECT person_id, title, seen_date, start_char, end_char, text FROM"
                               " position_observations WHERE article_id = ? ORDER BY id", (aid,)):
            if r["person_id"] in persons:
                persons[r["person_id"]]["titles"].append(
                    {"title": r["title"], "seen_date": r["seen_date"], "start": r["start_char"],
                     "end": r["end_char"], "text": r["text"]})
        row["persons"] = list(persons.values())
        reports = self.db.query("SELECT event_id, idx, evidence FROM event_reports WHERE article_id = ? ORDER BY idx",
                                (aid,))
        evs = {e["id"]: e for e in self._event_summaries(sorted({r["event_id"] for r in reports}))}
        row["events"] = []
        for r in reports:
            if r["event_id"] in evs:
                row["events"].append(dict(evs[r["event_id"]], evidence=json.loads(r["evidence"] or "[]"),
                                          index_in_article=r["idx"]))
        return row

    # ---------------------------------------------------------------- stats
    def stats(self) -> dict:
        counts = {t: self.db.scalar(f"SELECT count(*) FROM {t}") for t in
                  ("articles", "article_sources", "persons", "events", "event_reports", "positions")}
        counts["duplicates"] = counts["article_sources"] - counts["articles"]
        per_month: dict[str, dict[str, int]] = {}
        per_precision: dict[str, dict[str, int]] = {}
        for r in self.db.query("SELECT substr(sort_date, 1, 7) AS month, type, date_precision, count(*) AS n"
                               " FROM events WHERE sort_date IS NOT NULL"
                               " GROUP BY substr(sort_date, 1, 7), type, date_precision ORDER BY month"):
            m = per_month.setdefault(r["month"], {})
            m[r["type"]] = m.get(r["type"], 0) + r["n"]
            pm = per_precision.setdefault(r["month"], {})
            pm[r["date_precision"]] = pm.get(r["date_precision"], 0) + r["n"]
        latest = self._event_summaries([r["id"] for r in self.db.query(
            "SELECT id FROM events WHERE sort_date IS NOT NULL ORDER BY sort_date DESC, id DESC LIMIT 10")])
        top = self.db.query(
            "SELECT c.country, count(*) AS n FROM event_countries c WHERE c.country <> 'VN' AND EXISTS"
            " (SELECT 1 FROM event_countries v WHERE v.event_id = c.event_id AND v.country = 'VN')"
            " GROUP BY c.country ORDER BY n DESC, c.country LIMIT 20")
        by_type = {r["type"]: r["n"] for r in self.db.query(
            "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC")}
        by_precision = {r["date_precision"] or "none": r["n"] for r in self.db.query(
            "SELECT date_precision, count(*) AS n FROM events GROUP BY date_precision ORDER BY n DESC")}
        return {"counts": counts, "events_by_type": by_type, "events_per_month_by_type": per_month,
                "events_per_month_by_precision": per_precision, "events_by_date_precision": by_precision,
                "latest_events": latest, "top_counterparts": top}


def _name_forms(q: str) -> list[str]:
    """The query, then the Sino-Vietnamese name the name table gives for a pinyin,
    English or Chinese-character spelling of a known person ("Xi Jinping" -> "Tập Cận Bình")."""
    forms = [q]
    try:
        from ngoaigiao.names import table
        row = table.person_by_name(q)
    except Exception:  # the name table is an aid to search, never a reason for it to fail
        row = None
    if row and row.get("name") and row["name"] not in forms:
        forms.append(row["name"])
    return forms
