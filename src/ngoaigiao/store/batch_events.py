"""The events and statements of one ingest batch, as they now are (store/batch_state.py).

An event the batch creates or merges a report into is read once (its row and
participants) and then kept here: matching a later report asks the database only
about the events the batch has not touched, and tests the held ones in memory, so
it decides as if every earlier article's writes were in the database. The event's
row, participants, countries and documents, and the batch's change to
person_counterparts (summed: the counts are what the changes add up to), are
written at the end. Statements the same way: a repeated statement is looked for
among the held ones besides the database's, and its reports and topics wait here.
Event reports are written at once (the recomputes read other articles' reports).
"""
from __future__ import annotations

from typing import Any

from bisect import insort
from collections import Counter
from operator import itemgetter

EVENT_COLS = ("type", "cameo", "plover", "date", "end_date", "range_start", "range_end", "place", "part_of",
              "confidence", "n_sources", "sort_date", "date_precision", "principals")
STATEMENT_COLS = ("event_id", "side", "act", "speaker_id", "speaker", "topics", "object_text", "date", "n_sources")
REPORT_COLS = ("statement_id", "article_id", "idx", "event_idx", "side", "act", "topics", "speaker", "speaker_id",
               "verb", "object_text", "start_char", "end_char", "sent_start", "sent_end", "sent_text", "date")


def write_rows(db, table: str, cols: tuple[str, ...], rows: dict[int, dict], stored: dict[int, tuple | None]) -> None:
    """Rows a batch held in memory, written once, in id order: one INSERT of those with no
    stored copy and one UPDATE of those that changed (`stored[id]` is the row as last read)."""
    new, changed = [], []
    values = itemgetter(*cols) if len(cols) > 1 else (lambda row: (row[cols[0]],))  # a tuple, built in C
    for rid in sorted(rows):
        now = values(rows[rid])
        if stored[rid] is None:
            new.append((rid, *now))
        elif now != stored[rid]:
            changed.append((*now, rid))
    if new:
        db.executemany(f"INSERT INTO {table} (id, {', '.join(cols)}) VALUES ({', '.join('?' * (len(cols) + 1))})", new)
    if changed:
        db.executemany(f"UPDATE {table} SET {', '.join(c + '=?' for c in cols)} WHERE id=?", changed)


def read_held(db, table: str, cols: tuple[str, ...], rid: int) -> tuple[dict, tuple]:
    """A stored row to hold in memory, and the copy `write_rows` compares it with."""
    row = db.one(f"SELECT {', '.join(cols)} FROM {table} WHERE id = ?", (rid,))
    return row, tuple(row[c] for c in cols)


def reindex(index: dict, rid: int, old_keys, new_keys) -> None:
    """Move `rid` from the buckets of `old_keys` to those of `new_keys` of an in-memory index."""
    for k in old_keys:
        index[k].discard(rid)
    for k in new_keys:
        index.setdefault(k, set()).add(rid)


class BatchEvents:
    db: Any  # a store/db.py Database

    def _init_events(self) -> None:
        # events touched by the batch, as they now are (their reports are written at once)
        self.events: dict[int, dict] = {}
        self.stored_events: dict[int, tuple | None] = {}
        self.new_events: set[int] = set()         # created in this batch: no stored rows to replace
        self.event_parts: dict[int, list[tuple]] = {}  # event_participants rows
        self.event_countries: dict[int, list[tuple]] = {}
        self.event_documents: dict[int, list[tuple]] = {}
        self.events_of: dict[int, set[int]] = {}  # person id -> held events they take part in now
        self._db_event_parts: dict[int, list[str]] = {}
        self._db_events_of: dict[int, list[dict]] = {}  # person id -> the database's events of theirs
        self.pairs: Counter = Counter()           # person_counterparts changes
        # statements touched by the batch, as they now are, and the batch's statement reports
        self.statements: dict[int, dict] = {}
        self.stored_statements: dict[int, tuple | None] = {}
        self.statement_topics: dict[int, list[tuple]] = {}
        self.statement_reports: dict[int, list[dict]] = {}  # held statement -> all its reports
        self.new_statement_reports: list[tuple] = []
        self.statements_of: dict[int, list[int]] = {}  # event id -> held statements at it

    def event_created(self, eid: int, values: tuple, inserted: bool) -> None:
        """A new event with (type, date, end_date, range_start, range_end), 0 sources;
        `inserted`: written already, else at the end."""
        row = dict.fromkeys(EVENT_COLS)
        row.update(zip(("type", "date", "end_date", "range_start", "range_end"), values), n_sources=0)
        self.events[eid] = row
        self.stored_events[eid] = tuple(row[c] for c in EVENT_COLS) if inserted else None
        self.new_events.add(eid)
        self.event_parts[eid] = []

    def hold_event(self, eid: int) -> None:
        if eid in self.events:
            return
        self.events[eid], self.stored_events[eid] = read_held(self.db, "events", EVENT_COLS, eid)
        self.event_parts[eid] = [tuple(r) for r in self.db.execute(
            "SELECT event_id, person_id, name, side, role, date FROM event_participants WHERE event_id = ?",
            (eid,)).fetchall()]
        for r in self.event_parts[eid]:
            self.events_of.setdefault(r[1], set()).add(eid)

    def db_match_rows(self, pids: list[int], rng: tuple) -> list[dict]:
        """The match query's rows from the database (`_match_event`: events of these persons whose
        window meets `rng`), from each person's stored events read once per batch: the events the
        batch does not hold do not change until it writes, and the held ones are left out by
        `match_candidates` anyway. The window test is the query's (a NULL bound never meets)."""
        todo = [p for p in pids if p not in self._db_events_of]
        for i in range(0, len(todo), 500):
            chunk = todo[i:i + 500]
            for p in chunk:
                self._db_events_of[p] = []
            for r in self.db.query(
                    "SELECT ep.person_id AS pid, e.id, e.type, e.range_start, e.range_end, e.principals FROM events e"
                    " JOIN event_participants ep ON ep.event_id = e.id"
                    f" WHERE ep.person_id IN ({','.join('?' * len(chunk))})", chunk):
                self._db_events_of[r.pop("pid")].append(r)
        lo, hi = rng
        return [r for p in pids for r in self._db_events_of[p]
                if r["range_start"] is not None and r["range_end"] is not None
                and r["range_start"] <= hi and r["range_end"] >= lo]

    def match_candidates(self, db_rows: list[dict], pids: list[int], rng: tuple) -> list[dict]:
        """The match query's rows (`_match_event`) for the events as they now are: the database's
        for events not held here, the held ones tested in memory; by id."""
        out = [c for c in db_rows if c["id"] not in self.events]
        for eid in set().union(*(self.events_of.get(p, ()) for p in pids)):
            e = self.events[eid]
            if e["range_start"] is not None and e["range_end"] is not None \
                    and e["range_start"] <= rng[1] and e["range_end"] >= rng[0]:
                out.append({"id": eid, "type": e["type"], "range_start": e["range_start"],
                            "range_end": e["range_end"], "principals": e["principals"]})
        return sorted(out, key=lambda c: c["id"])

    def participant_ids(self, eid: int) -> list[str]:
        """As `SELECT person_id ... ORDER BY person_id`, as strings."""
        if eid in self.events:
            return [str(p) for p in sorted(r[1] for r in self.event_parts[eid])]
        if eid not in self._db_event_parts:
            self._db_event_parts[eid] = [str(r[0]) for r in self.db.execute(
                "SELECT person_id FROM event_participants WHERE event_id = ? ORDER BY person_id",
                (eid,)).fetchall()]
        return self._db_event_parts[eid]

    def set_participants(self, eid: int, rows: list[tuple]) -> None:
        reindex(self.events_of, eid, [r[1] for r in self.event_parts[eid]], [r[1] for r in rows])
        self.event_parts[eid] = rows

    def set_part_of_if_null(self, child: int, eid: int) -> bool:
        """`UPDATE events SET part_of = eid WHERE id = child AND part_of IS NULL` on a held
        event; False when the child is not held (the caller writes it)."""
        if child not in self.events:
            return False
        if self.events[child]["part_of"] is None:
            self.events[child]["part_of"] = eid
        return True

    def count_pairs(self, old: list[tuple], new: list[tuple]) -> None:
        """As DeriveMixin._count_pairs, summed over the batch (the counts are what they add up to)."""
        for sign, pids in ((-1, old), (1, new)):
            for a, sa in pids:
                for b, sb in pids:
                    if a != b and sa and sb and sa != sb:
                        self.pairs[(a, b)] += sign

    # -------------------------------------------------------- statements
    def statement_created(self, sid: int, values: tuple, topic_rows: list[tuple], inserted: bool) -> None:
        self.statements[sid] = dict(zip(STATEMENT_COLS, values))
        self.stored_statements[sid] = tuple(values) if inserted else None
        self.statement_topics[sid] = topic_rows
        self.statement_reports[sid] = []
        self.statements_of.setdefault(values[0], []).append(sid)

    def hold_statement(self, sid: int) -> None:
        if sid in self.statements:
            return
        row, self.stored_statements[sid] = read_held(self.db, "statements", STATEMENT_COLS, sid)
        self.statements[sid] = row
        self.statement_reports[sid] = self.db.query(
            "SELECT * FROM statement_reports WHERE statement_id = ? ORDER BY article_id, idx", (sid,))
        self.statements_of.setdefault(row["event_id"], []).append(sid)

    def add_statement_report(self, row: tuple) -> None:
        self.hold_statement(row[0])  # a stored statement this report repeats
        self.new_statement_reports.append(row)
        insort(self.statement_reports[row[0]], dict(zip(REPORT_COLS, row)), key=lambda r: (r["article_id"], r["idx"]))

    def statement_candidates(self, db_rows: list[dict], event_id: int, side, act, article_id: str) -> list[dict]:
        """`_match_statement`'s rows for the statements as they now are, by id."""
        out = [c for c in db_rows if c["id"] not in self.statements]
        for sid in self.statements_of.get(event_id, ()):
            st = self.statements[sid]
            if st["side"] == side and st["act"] == act \
                    and not any(r["article_id"] == article_id for r in self.statement_reports[sid]):
                out.append({"id": sid, "speaker_id": st["speaker_id"], "topics": st["topics"]})
        return sorted(out, key=lambda c: c["id"])

    def _flush_statements(self) -> None:
        db = self.db
        write_rows(db, "statements", STATEMENT_COLS, self.statements, self.stored_statements)
        if self.new_statement_reports:
            db.executemany(f"INSERT INTO statement_reports ({', '.join(REPORT_COLS)})"
                           f" VALUES ({', '.join('?' * len(REPORT_COLS))})", self.new_statement_reports)
        # a statement's topics are rewritten whole (`_recompute_statement` deletes them first)
        old = [(sid,) for sid in sorted(self.statements) if self.stored_statements[sid] is not None]
        if old:
            db.executemany("DELETE FROM statement_topics WHERE statement_id = ?", old)
        rows = [r for sid in sorted(self.statements) for r in self.statement_topics[sid]]
        if rows:
            db.executemany("INSERT INTO statement_topics (statement_id, topic, side, act, date) VALUES (?,?,?,?,?)",
                           rows)

    def _flush_event_rows(self) -> None:
        """The events' own rows, first of all: the batch's event reports name them already, and
        while such a deferred foreign key is unresolved SQLite looks for the children of every
        parent row inserted (one probe per referencing table and row), as foreign keys are
        deferred here (`PRAGMA defer_foreign_keys`); with these written there is none left."""
        write_rows(self.db, "events", EVENT_COLS, self.events, self.stored_events)

    def _flush_events(self) -> None:
        """The rest of the batch's events: participants, countries, documents, counterparts."""
        db = self.db
        old = [(eid,) for eid in sorted(self.events) if eid not in self.new_events]
        if old:
            for table in ("event_participants", "event_countries", "event_documents"):
                db.executemany(f"DELETE FROM {table} WHERE event_id = ?", old)
        ids = sorted(self.events)
        parts = [r for eid in ids for r in self.event_parts[eid]]
        if parts:
            db.executemany("INSERT INTO event_participants (event_id, person_id, name, side, role, date)"
                           " VALUES (?,?,?,?,?,?)", parts)
        countries = [r for eid in ids for r in self.event_countries.get(eid, ())]
        if countries:
            db.executemany("INSERT INTO event_countries (event_id, country, type, date) VALUES (?,?,?,?)"
                           " ON CONFLICT DO NOTHING", countries)
        documents = [r for eid in ids for r in self.event_documents.get(eid, ())]
        if documents:
            db.executemany("INSERT INTO event_documents (event_id, name) VALUES (?,?) ON CONFLICT DO NOTHING",
                           documents)
        changed = [(a, b, n) for (a, b), n in self.pairs.items() if n]
        if changed:
            db.executemany(
                "INSERT INTO person_counterparts (person_id, other_id, n) VALUES (?,?,?) ON CONFLICT"
                " (person_id, other_id) DO UPDATE SET n = person_counterparts.n + excluded.n", changed)
            gone = [(a, b) for a, b, n in changed if n < 0]
            if gone:
                db.executemany("DELETE FROM person_counterparts WHERE person_id = ? AND other_id = ? AND n <= 0",
                               gone)

