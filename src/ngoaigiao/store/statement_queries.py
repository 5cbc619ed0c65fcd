"""Reading statements: topic counts, follow-up timelines, a person's or an event's statements.

A follow-up timeline is, for a topic and the countries of a relationship, every
statement on the topic made at an event between those countries, and every
event whose documents are on the topic (a signing), in date order. A
commitment or agreement that no later entry on the topic followed within the
chosen window is flagged `not_followed_up` (once the window has passed by the
latest date the knowledge base knows).
"""
from __future__ import annotations

from datetime import date as Date
from datetime import timedelta

from ngoaigiao.extract.statements import topic_labels, topics_of

FOLLOWED_ACTS = ("agree", "commit")  # the acts whose follow-up is tracked
DEFAULT_WINDOW_DAYS = 365


def quarter(iso: str | None) -> str | None:
    """"2024-05-17" -> "2024-Q2"; None for a date without a month."""
    if not iso or len(iso) < 7 or not iso[:4].isdigit() or not iso[5:7].isdigit():
        return None
    return f"{iso[:4]}-Q{(int(iso[5:7]) - 1) // 3 + 1}"


def _day(iso: str | None) -> Date | None:
    if not iso:
        return None
    try:
        return Date.fromisoformat(iso[:10] if len(iso) >= 10 else (iso + "-01-01")[:10] if len(iso) == 4
                                  else (iso + "-01")[:10])
    except ValueError:
        return None


def _date_range(column: str, since, until) -> tuple[str, list]:
    """The SQL (" AND column >= ? ...") and parameters of an optional date range."""
    sql, params = "", []
    if since:
        sql += f" AND {column} >= ?"
        params.append(since)
    if until:
        sql += f" AND {column} <= ?"
        params.append(until)
    return sql, params


def _codes(countries) -> list[str]:
    if not countries:
        return []
    if isinstance(countries, str):
        countries = countries.split(",")
    return [c.strip().upper() for c in countries if c and c.strip()]


class StatementQueryMixin:
    db: object

    # ----------------------------------------------------------- filters
    def _event_filter(self, countries: list[str], alias: str = "s") -> tuple[str, list]:
        """SQL (and params) keeping statements made at events between all these countries."""
        if not countries:
            return "", []
        sql = "".join(f" AND EXISTS (SELECT 1 FROM event_countries c{i} WHERE c{i}.event_id = {alias}.event_id"
                      f" AND c{i}.country = ?)" for i in range(len(countries)))
        return sql, list(countries)

    def _statement_rows(self, where: str, params: list, limit: int | None = None) -> list[dict]:
        lim = f" LIMIT {int(limit)}" if limit else ""
        rows = self.db.query(f"SELECT s.* FROM statements s WHERE 1=1{where}"
                             f" ORDER BY s.date IS NULL, s.date, s.id{lim}", params)
        return [self._statement_out(r) for r in rows]

    def _statement_out(self, r: dict) -> dict:
        reports = self.db.query(
            "SELECT r.article_id, r.verb, r.object_text, r.start_char, r.end_char, r.sent_start, r.sent_end,"
            " r.sent_text, a.outlet, a.title, a.published FROM statement_reports r"
            " JOIN articles a ON a.id = r.article_id WHERE r.statement_id = ? ORDER BY a.published, r.article_id",
            (r["id"],))
        return {
            "id": r["id"], "event_id": r["event_id"], "date": r["date"], "side": r["side"], "act": r["act"],
            "speaker": r["speaker"], "speaker_id": r["speaker_id"], "topics": [t for t in r["topics"].split(",") if t],
            "object": r["object_text"], "n_sources": r["n_sources"],
            "sources": [{"article_id": x["article_id"], "outlet": x["outlet"], "title": x["title"],
                         "published": x["published"], "verb": x["verb"], "object": x["object_text"],
                         "evidence": {"start": x["sent_start"], "end": x["sent_end"], "text": x["sent_text"]},
                         "object_span": {"start": x["start_char"], "end": x["end_char"]}}
                        for x in reports],
        }

    # ----------------------------------------------------------- queries
    def query_statements(self, person=None, topic=None, countries=None, side=None, act=None, event_id=None,
                         article_id=None, since=None, until=None, limit: int | None = 500) -> list[dict]:
        where, params = "", []
        if person is not None:
            ids = self._person_ids(person)
            if not ids:
                return []
            where += f" AND s.speaker_id IN ({','.join('?' * len(ids))})"
            params += ids
        if topic:
            where += " AND EXISTS (SELECT 1 FROM statement_topics t WHERE t.statement_id = s.id AND t.topic = ?)"
            params.append(topic)
        if side:
            where += " AND s.side = ?"
            params.append(side if side == "both" else side.upper())
        if act:
            where += " AND s.act = ?"
            params.append(act)
        if event_id is not None:
            where += " AND s.event_id = ?"
            params.append(int(event_id))
        if article_id is not None:
            where += " AND EXISTS (SELECT 1 FROM statement_reports r WHERE r.statement_id = s.id AND r.article_id = ?)"
            params.append(article_id)
        sql, p = _date_range("s.date", since, until)
        where += sql
        params += p
        sql, p = self._event_filter(_codes(countries))
        return self._statement_rows(where + sql, params + p, limit)

    def get_statement(self, statement_id) -> dict | None:
        row = self.db.one("SELECT * FROM statements WHERE id = ?", (int(statement_id),))
        return self._statement_out(row) if row else None

    def topic_counts(self, countries=None, since=None, until=None) -> dict:
        """How often each topic was raised, per side and per quarter."""
        codes = _codes(countries)
        where, params = "", []
        sql, p = _date_range("t.date", since, until)
        where += sql
        params += p
        sql, p = self._event_filter(codes)
        rows = self.db.query(f"SELECT t.topic, t.side, t.date FROM statement_topics t JOIN statements s"
                             f" ON s.id = t.statement_id WHERE 1=1{where}{sql}", params + p)
        labels = topic_labels()
        totals: dict[str, dict[str, int]] = {}
        series: dict[tuple[str, str, str], int] = {}
        periods: set[str] = set()
        for r in rows:
            side = r["side"]
            totals.setdefault(r["topic"], {})
            totals[r["topic"]][side] = totals[r["topic"]].get(side, 0) + 1
            q = quarter(r["date"])
            if q:
                periods.add(q)
                series[(r["topic"], side, q)] = series.get((r["topic"], side, q), 0) + 1
        topics = [{"topic": k, "label_vi": labels.get(k, {}).get("vi", k), "label_en": labels.get(k, {}).get("en", k),
                   "total": sum(v.values()), "by_side": dict(sorted(v.items()))}
                  for k, v in totals.items()]
        topics.sort(key=lambda t: (-t["total"], t["topic"]))
        return {"countries": codes, "since": since, "until": until, "periods": sorted(periods),
                "sides": sorted({s for v in totals.values() for s in v}),
                "topics": topics,
                "series": [{"topic": t, "side": s, "period": q, "n": n} for (t, s, q), n in sorted(series.items())]}

    def followup(self, topic: str, countries=None, window_days: int = DEFAULT_WINDOW_DAYS, since=None,
                 until=None, as_of: str | None = None) -> dict:
        """The timeline of a topic between countries; agreements and commitments nothing followed
        within `window_days` are flagged."""
        codes = _codes(countries)
        entries = [dict(s, kind="statement") for s in self.query_statements(
            topic=topic, countries=codes, since=since, until=until, limit=None)]
        entries += self._topic_events(topic, codes, since, until)
        entries.sort(key=lambda e: (e["date"] is None, e["date"] or "", 0 if e["kind"] == "event" else 1,
                                    e.get("event_id") or 0, e["id"]))
        latest = as_of or self.db.scalar("SELECT max(date) FROM events")
        latest_day = _day(latest)
        for e in entries:
            if e["kind"] != "statement" or e["act"] not in FOLLOWED_ACTS:
                continue
            start = _day(e["date"])
            if start is None:
                continue
            end = start + timedelta(days=window_days)
            after = [x for x in entries if x is not e and x.get("event_id") != e["event_id"]
                     and _day(x["date"]) is not None and start < _day(x["date"]) <= end]
            e["followed_by"] = [{"kind": x["kind"], "id": x["id"], "date": x["date"]} for x in after]
            e["not_followed_up"] = not after and latest_day is not None and end <= latest_day
            e["window_ends"] = end.isoformat()
        return {"topic": topic, "countries": codes, "window_days": window_days, "as_of": latest,
                "entries": entries,
                "not_followed_up": [e["id"] for e in entries if e.get("not_followed_up")]}

    def _topic_events(self, topic: str, codes: list[str], since, until) -> list[dict]:
        """Events whose documents are on the topic (a railway agreement signed)."""
        where, params = "", []
        sql, p = _date_range("e.date", since, until)
        where += sql
        params += p
        sql, p = self._event_filter(codes, alias="e")
        sql = sql.replace("e.event_id", "e.id")
        rows = self.db.query(f"SELECT e.id, e.type, e.date, d.name FROM events e JOIN event_documents d"
                             f" ON d.event_id = e.id WHERE 1=1{where}{sql} ORDER BY e.date, e.id", params + p)
        out: dict[int, dict] = {}
        for r in rows:
            if topic not in topics_of(r["name"]):
                continue
            e = out.setdefault(r["id"], {"kind": "event", "id": r["id"], "event_id": r["id"], "type": r["type"],
                                         "date": r["date"], "documents": []})
            e["documents"].append(r["name"])
        return list(out.values())

    def iter_statements(self):
        """Every statement, one flat dict each (exports): topics ';'-joined, the first report's
        article and sentence (offsets into that article's raw text)."""
        last = 0
        while True:
            rows = self.db.query("SELECT * FROM statements WHERE id > ? ORDER BY id LIMIT 2000", (last,))
            if not rows:
                return
            ids = [r["id"] for r in rows]
            first: dict[int, dict] = {}
            for x in self.db.query(f"SELECT statement_id, article_id, sent_start, sent_end, sent_text"
                                   f" FROM statement_reports WHERE statement_id IN ({','.join('?' * len(ids))})"
                                   f" ORDER BY statement_id, article_id, idx", ids):
                first.setdefault(x["statement_id"], x)
            for r in rows:
                x = first.get(r["id"], {})
                yield {"id": r["id"], "event_id": r["event_id"], "date": r["date"], "side": r["side"],
                       "act": r["act"], "topics": ";".join(t for t in r["topics"].split(",") if t),
                       "speaker": r["speaker"], "speaker_id": r["speaker_id"], "object": r["object_text"],
                       "n_sources": r["n_sources"], "article_id": x.get("article_id"),
                       "evidence_start": x.get("sent_start"), "evidence_end": x.get("sent_end"),
                       "evidence": x.get("sent_text")}
            last = ids[-1]
