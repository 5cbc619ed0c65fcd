"""Statements in the knowledge base: stored per article, merged across outlets.

Each article's statement is a `statement_reports` row (its article, the event
report it was made at, speaker, side, act, topics, object and evidence span).
Reports of the same act by the same side at the same (merged) event join one
`statements` row, as event reports join one event: two outlets reporting
"hai bên nhất trí ..." at one summit make one statement with two sources.
`statement_topics` has one row per statement and topic for the topic counts
and timelines.
"""
from __future__ import annotations

from functools import partial
from typing import Any

from ngoaigiao.store.mixin import mixin

SCHEMA = """
CREATE TABLE IF NOT EXISTS statements (
  id {id},
  event_id INTEGER REFERENCES events(id),
  side TEXT NOT NULL, act TEXT NOT NULL,
  speaker_id INTEGER REFERENCES persons(id), speaker TEXT,
  topics TEXT NOT NULL,            -- comma-separated topic keys, union of the reports'
  object_text TEXT,                -- the object as the first report wrote it
  date TEXT,                       -- the event's date, else the article's publication date
  n_sources INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS statement_reports (
  id {id},
  statement_id INTEGER NOT NULL REFERENCES statements(id),
  article_id TEXT NOT NULL REFERENCES articles(id),
  idx INTEGER NOT NULL,            -- position in the article record's statements list
  event_idx INTEGER,               -- the record's event it was made at
  side TEXT, act TEXT, topics TEXT, speaker TEXT, speaker_id INTEGER,
  verb TEXT, object_text TEXT,
  start_char INTEGER, end_char INTEGER,          -- the object in articles.raw
  sent_start INTEGER, sent_end INTEGER, sent_text TEXT,  -- the sentence (evidence)
  date TEXT
);
CREATE TABLE IF NOT EXISTS statement_topics (
  statement_id INTEGER NOT NULL REFERENCES statements(id),
  topic TEXT NOT NULL, side TEXT, act TEXT, date TEXT,
  PRIMARY KEY (statement_id, topic)
);
CREATE INDEX IF NOT EXISTS ix_streports_statement ON statement_reports(statement_id);
CREATE INDEX IF NOT EXISTS ix_streports_article ON statement_reports(article_id);
CREATE INDEX IF NOT EXISTS ix_statements_event ON statements(event_id);
CREATE INDEX IF NOT EXISTS ix_statements_speaker ON statements(speaker_id, date);
CREATE INDEX IF NOT EXISTS ix_sttopics_topic ON statement_topics(topic, side, date);
"""


def _name_only(names: dict, name: str, _countries) -> int | None:
    """`pick` of an article stored before statements: the person its rows give the name."""
    return names.get(name)


def _topics(s: str | None) -> list[str]:
    return [t for t in (s or "").split(",") if t]


@mixin
class StatementStoreMixin:
    db: Any  # a store/db.py Database

    def _store_statements(self: Any, article_id: str, record: dict, pick, report_event: dict | None = None,
                          event_dates: dict | None = None, new_events: set | None = None) -> None:
        """Write the article's statements and merge each into the statement it repeats.
        `pick(name, countries)` is the person id a name of this article resolved to;
        `report_event` (record's event index -> event id) and `event_dates` (event id ->
        its date), when the caller has just written them, save reading them back;
        `new_events`: events this article created, whose statements are all its own (so
        none to repeat)."""
        touched: list[int] = []
        fresh: set[int] = set()
        for i, st in enumerate(record.get("statements") or []):
            ev_idx = st.get("event")
            event_id = None
            if ev_idx is not None:
                if report_event is not None:
                    event_id = report_event.get(ev_idx)
                else:
                    event_id = self.db.scalar("SELECT event_id FROM event_reports WHERE article_id = ? AND idx = ?",
                                              (article_id, ev_idx))
            date = None
            if event_id is not None:
                if event_dates is not None and event_id in event_dates:
                    date = event_dates[event_id]
                else:
                    date = self.db.scalar("SELECT date FROM events WHERE id = ?", (event_id,))
            date = date or record.get("published")
            side, act = st.get("side"), st.get("act")
            speaker = st.get("speaker")
            speaker_id = pick(speaker, [side]) if speaker else None
            topics = list(st.get("topics") or [])
            sid = (self._match_statement(article_id, event_id, side, act, speaker_id, topics)
                   if event_id is not None and event_id not in (new_events or ()) else None)
            batch = getattr(self, "_batch", None)  # store/batch_state.py: written at the batch's end
            if sid is None:
                # Written as _recompute_statement would make it from its one report (this one).
                final = _topics(",".join(topics))
                final = list(dict.fromkeys(final))
                values = (event_id, side, act, speaker_id or None, speaker if speaker_id else None, ",".join(final),
                          st.get("object"), date, 1)
                if batch is not None and batch.ids is not None:
                    sid = batch.new_id("statements")
                else:
                    sid = self.db.insert_id(
                        "INSERT INTO statements (event_id, side, act, speaker_id, speaker, topics, object_text, date,"
                        " n_sources) VALUES (?,?,?,?,?,?,?,?,?)", values)
                topic_rows = [(sid, t, side, act, date) for t in final]
                if batch is not None:
                    batch.statement_created(sid, values, topic_rows, inserted=batch.ids is None)
                else:
                    self.db.executemany(
                        "INSERT INTO statement_topics (statement_id, topic, side, act, date) VALUES (?,?,?,?,?)",
                        topic_rows)
                fresh.add(sid)
            ev = st.get("evidence") or {}
            ob = st.get("object_span") or {}
            report = (sid, article_id, i, ev_idx, side, act, ",".join(topics), speaker, speaker_id, st.get("verb"),
                      st.get("object"), ob.get("start"), ob.get("end"), ev.get("start"), ev.get("end"),
                      ev.get("text"), date)
            if batch is not None:
                batch.add_statement_report(report)
            else:
                self.db.execute(
                    "INSERT INTO statement_reports (statement_id, article_id, idx, event_idx, side, act, topics,"
                    " speaker, speaker_id, verb, object_text, start_char, end_char, sent_start, sent_end, sent_text,"
                    " date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", report)
            touched.append(sid)
        for sid in dict.fromkeys(touched):
            if sid not in fresh:
                self._recompute_statement(sid)

    def _match_statement(self: Any, article_id, event_id, side, act, speaker_id, topics) -> int | None:
        """The stored statement this report repeats: same event, side and act, no other speaker,
        a topic in common, reported by another article (one article's statements are distinct)."""
        batch = getattr(self, "_batch", None)
        if batch is not None and event_id in batch.new_events:
            cands = []  # an event of this batch: its statements are all in the batch
        else:
            cands = self.db.query("SELECT id, speaker_id, topics FROM statements s WHERE event_id = ? AND side = ?"
                                  " AND act = ? AND NOT EXISTS (SELECT 1 FROM statement_reports r"
                                  " WHERE r.statement_id = s.id AND r.article_id = ?) ORDER BY id",
                                  (event_id, side, act, article_id))
        if batch is not None:  # the batch's statements as they now are
            cands = batch.statement_candidates(cands, event_id, side, act, article_id)
        for c in cands:
            if speaker_id and c["speaker_id"] and c["speaker_id"] != speaker_id:
                continue
            if set(_topics(c["topics"])) & set(topics):
                return c["id"]
        return None

    def _recompute_statement(self: Any, sid: int) -> None:
        batch = getattr(self, "_batch", None)
        if batch is not None:
            self._recompute_held_statement(batch, sid)
            return
        reports = self.db.query("SELECT * FROM statement_reports WHERE statement_id = ? ORDER BY article_id, idx",
                                (sid,))
        self.db.execute("DELETE FROM statement_topics WHERE statement_id = ?", (sid,))
        if not reports:
            self.db.execute("DELETE FROM statements WHERE id = ?", (sid,))
            return
        topics: list[str] = []
        for r in reports:
            topics += [t for t in _topics(r["topics"]) if t not in topics]
        speaker = next(((r["speaker_id"], r["speaker"]) for r in reports if r["speaker_id"]), (None, None))
        row = self.db.one("SELECT side, act, date FROM statements WHERE id = ?", (sid,))
        self.db.execute("UPDATE statements SET topics = ?, speaker_id = ?, speaker = ?, n_sources = ? WHERE id = ?",
                        (",".join(topics), speaker[0], speaker[1], len({r["article_id"] for r in reports}), sid))
        self.db.executemany(
            "INSERT INTO statement_topics (statement_id, topic, side, act, date) VALUES (?,?,?,?,?)",
            [(sid, t, row["side"], row["act"], row["date"]) for t in topics])

    def _recompute_held_statement(self: Any, batch, sid: int) -> None:
        """`_recompute_statement` in a batch of new records (store/batch_state.py): a statement
        only gains reports there, and its rows are written at the batch's end."""
        batch.hold_statement(sid)
        reports = batch.statement_reports[sid]
        topics: list[str] = []
        for r in reports:
            topics += [t for t in _topics(r["topics"]) if t not in topics]
        speaker = next(((r["speaker_id"], r["speaker"]) for r in reports if r["speaker_id"]), (None, None))
        row = batch.statements[sid]
        row.update(topics=",".join(topics), speaker_id=speaker[0], speaker=speaker[1],
                   n_sources=len({r["article_id"] for r in reports}))
        batch.statement_topics[sid] = [(sid, t, row["side"], row["act"], row["date"]) for t in topics]

    def _remove_statements(self: Any, article_id: str) -> None:
        sids = [r["statement_id"] for r in self.db.query(
            "SELECT DISTINCT statement_id FROM statement_reports WHERE article_id = ?", (article_id,))]
        self.db.execute("DELETE FROM statement_reports WHERE article_id = ?", (article_id,))
        for sid in sids:
            self._recompute_statement(sid)

    def _backfill_statements(self: Any) -> None:
        """Statements of the articles already stored, from their records (upgrading to the schema
        that added them; records made before the statements stage have none)."""
        from ngoaigiao.store.ingest import _unpack

        for a in self.db.query("SELECT s.article_id, s.record FROM article_sources s"
                               " WHERE s.record_id = s.article_id ORDER BY s.article_id"):
            record = _unpack(a["record"])
            names = {r["name"]: r["person_id"] for r in self.db.query(
                "SELECT name, person_id FROM article_persons WHERE article_id = ?", (a["article_id"],))}
            self._store_statements(a["article_id"], record, partial(_name_only, names))
