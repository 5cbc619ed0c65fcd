"""One ingest batch held in memory and written once per table at its end (issue 11):
its persons and article rows here, its events and statements in batch_events.py.

Why: each article cost some sixty statements -- per person the candidate look-up,
its article rows read back, the person updated, its aliases and timeline
compared and rewritten; per event the match, the update, participants,
countries, counterparts -- most of them spent on the same well-known people
and events article after article. In a batch, what its records will look up is
read ahead in a few queries (`read_ahead`), a stored person or event is read
once, everything is then resolved and recomputed in memory by the same rules in
the same order, and each table is written once (`flush`).

What the resolution reads must be what the per-article writes would have left
in the database, so while the batch runs the truth about a person it holds is
here, and the database only answers for the persons it does not hold (they do
not change until the batch writes): a candidate look-up takes the database's
candidates, read ahead, without the held persons, whose current names and
aliases are looked up in memory instead.

New persons, events and statements get their ids here on SQLite: an INTEGER
PRIMARY KEY takes the largest id plus one, and nothing else inserts or deletes
while the batch holds the writer lock, so counting on from the largest id at the
start gives the ids the inserts would have; the rows are written at the end
(foreign keys are checked at the commit, `PRAGMA defer_foreign_keys`). On
PostgreSQL an identity column never reuses an id, so they are inserted at once.

The article's own rows that nothing but the near-duplicate test reads (sources,
blocks, MinHash signature and LSH buckets) wait here too; that test looks at the
batch's articles in memory besides the database's.

Only batches of new records use this (`IngestMixin.ingest_batch`): a changed
record removes facts, which takes the per-article path, unchanged.
"""
from __future__ import annotations

from typing import Any

import hashlib

from ngoaigiao import kb_events, resolve
from ngoaigiao.store.batch_events import BatchEvents, reindex, write_rows
from ngoaigiao.store.person_tally import PersonTally
from ngoaigiao.store.schema import now

PERSON_COLS = ("name", "name_key", "country", "zh", "pinyin", "name_source", "n_articles")
AP_COLS = ("article_id", "name", "country", "zh", "pinyin", "name_source")
_CANDIDATES = ("SELECT p.id, p.name, p.country, p.n_articles FROM person_aliases a"
               " JOIN persons p ON p.id = a.person_id WHERE a.alias_fold = ?"
               " UNION SELECT id, name, country, n_articles FROM persons WHERE name_key = ?")


class BatchState(BatchEvents):
    def __init__(self, db: Any) -> None:
        self.db = db
        self.stamp = now()  # the batch's ingested_at: one transaction, one time (a clock read per row cost more)
        self.ids: dict[str, int] | None = None  # table -> next id, when ids are given here (SQLite)
        if db.dialect == "sqlite":
            db.execute("PRAGMA defer_foreign_keys = ON")  # until this transaction commits
            self.ids = {t: (db.scalar(f"SELECT max(id) FROM {t}") or 0) + 1
                        for t in ("persons", "events", "statements")}
        self.rows: dict[int, dict] = {}          # person id -> its persons row as it now is
        self.stored: dict[int, tuple | None] = {}  # person id -> the row in the database (None: new)
        self.tallies: dict[int, PersonTally] = {}  # person id -> its article rows counted (person_tally.py)
        self.aliases: dict[int, list[tuple]] = {}  # person id -> person_aliases rows as they now are
        self.stored_aliases: dict[int, list[tuple]] = {}
        self.by_fold: dict[str, set[int]] = {}   # alias_fold -> held persons with that alias now
        self.by_key: dict[str, set[int]] = {}    # name_key -> held persons with that key now
        self._db_candidates: dict[tuple, list[dict]] = {}
        self._db_aliases: dict[int, list[str]] = {}
        self.new_article_rows: list[tuple] = []  # to insert, in the order the ingest gave them
        self._article_keys: set[tuple] = set()   # (article id, person id, name): the primary key
        self.mentions: list[tuple] = []
        self.observations: list[tuple] = []
        self.level_events: set[int] = set()  # events whose level facet is derived after the flush
        self.texts: dict[str, tuple] = {}  # record id -> (content hash, clean, folded, signature, bands)
        self.db_hashes: set[str] = set()     # of those content hashes, the ones stored before the batch
        self.db_lsh: dict[int, list[str]] = {}  # band -> stored articles in it (the batch's bands only)
        self.hashes: dict[str, str] = {}     # content hash -> the batch's article
        self.kb_records: dict[str, dict] = {}  # record id -> kb_events.kb_record(record), read ahead
        self._pending: dict[int, list[tuple]] = {}  # this batch's article rows of persons not held yet
        self.stored_sources: dict[str, tuple] = {}  # record id -> (article id, record hash) stored before
        self.sources: list[tuple] = []
        self.blocks: list[tuple] = []
        self.minhash: dict[str, list[int]] = {}   # article id -> signature, this batch's articles
        self.sig_blob: dict[str, bytes] = {}      # record id -> its signature as article_minhash stores it
        self.lsh: dict[int, list[str]] = {}       # band -> this batch's articles in it
        self._init_events()

    # ------------------------------------------------------------- reads
    def candidates(self, key: str, fold: str) -> list[dict]:
        """The persons a name may be (the query of `_resolve_person`), as they now are."""
        cached = self._db_candidates.get((key, fold))
        if cached is None:
            # Persons not held here do not change during the batch: one query per name.
            cached = self._db_candidates[(key, fold)] = self.db.query(_CANDIDATES, (fold, key))
        out = [c for c in cached if c["id"] not in self.rows]
        for pid in sorted(self.by_fold.get(fold, set()) | self.by_key.get(key, set())):
            r = self.rows[pid]
            out.append({"id": pid, "name": r["name"], "country": r["country"], "n_articles": r["n_articles"]})
        return out

    def read_ahead(self, records: list[dict]) -> None:
        """What the batch's new records will look up, computed and read in a few queries before
        the first is stored: their texts and MinHash signatures, whether the database has their
        content or LSH buckets, their kb records and the candidates of every name they give."""
        keys = set()
        for record in records:
            clean = resolve.clean_text(record)
            folded = resolve.fold_text(clean)
            sig = resolve.minhash_signature(clean, folded=folded)
            bands, self.sig_blob[record["id"]] = resolve.signature_bands(sig)
            self.texts[record["id"]] = (hashlib.sha256(record["raw"].encode()).hexdigest(), clean, folded, sig,
                                        bands)
            kb = self.kb_records[record["id"]] = kb_events.kb_record(record)
            names = [p["name"] for p in kb.get("persons") or []]
            names += [n for ev in kb.get("events") or [] for n in ev.get("participants") or []]
            for n in names:
                k = resolve.name_key(n)
                keys.add((k, resolve.fold_short(k)))
        self.prefetch_candidates(keys)
        self.prefetch_articles()

    def prefetch_candidates(self, keys: set[tuple[str, str]]) -> None:
        """The candidates of many names ((name key, folded key) pairs) in a few queries, for
        `candidates` (the database's persons do not change until the batch writes them)."""
        todo = sorted(k for k in keys if k not in self._db_candidates)
        by_fold: dict[str, list[dict]] = {}
        by_key: dict[str, list[dict]] = {}
        folds = sorted({f for _, f in todo})
        names = sorted({k for k, _ in todo})
        for i in range(0, len(folds), 500):
            chunk = folds[i:i + 500]
            for r in self.db.query("SELECT a.alias_fold AS fold, p.id, p.name, p.country, p.n_articles FROM"
                                   " person_aliases a JOIN persons p ON p.id = a.person_id WHERE a.alias_fold IN"
                                   f" ({','.join('?' * len(chunk))})", chunk):
                by_fold.setdefault(r.pop("fold"), []).append(r)
        for i in range(0, len(names), 500):
            chunk = names[i:i + 500]
            for r in self.db.query("SELECT name_key, id, name, country, n_articles FROM persons WHERE name_key IN"
                                   f" ({','.join('?' * len(chunk))})", chunk):
                by_key.setdefault(r.pop("name_key"), []).append(r)
        for k, f in todo:
            rows = {r["id"]: r for r in [*by_fold.get(f, ()), *by_key.get(k, ())]}
            self._db_candidates[(k, f)] = list(rows.values())

    def prefetch_articles(self) -> None:
        """For `texts`: which content hashes and LSH bands the database has, in a few queries."""
        hashes = sorted({t[0] for t in self.texts.values()})
        bands = sorted({b for t in self.texts.values() for b in t[4]})
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            self.db_hashes.update(r[0] for r in self.db.execute(
                f"SELECT content_hash FROM articles WHERE content_hash IN ({','.join('?' * len(chunk))})",
                chunk).fetchall())
        for i in range(0, len(bands), 500):
            chunk = bands[i:i + 500]
            for band, article_id in self.db.execute(
                    f"SELECT band, article_id FROM article_lsh WHERE band IN ({','.join('?' * len(chunk))})",
                    chunk).fetchall():
                self.db_lsh.setdefault(band, []).append(article_id)

    def lsh_candidates(self, bands: list[int]) -> dict[str, list[int]]:
        """This batch's articles sharing a band with `bands`: article id -> signature."""
        ids = {a for b in bands for a in self.lsh.get(b, ())}
        return {a: self.minhash[a] for a in ids}

    def add_minhash(self, article_id: str, sig: list[int], bands: list[int]) -> None:
        self.minhash[article_id] = sig
        for b in bands:
            self.lsh.setdefault(b, []).append(article_id)

    def alias_names(self, pid: int) -> list[str]:
        if pid in self.rows:
            return [a[1] for a in self.aliases[pid]]
        if pid not in self._db_aliases:
            self._db_aliases[pid] = [r["alias"] for r in self.db.query(
                "SELECT alias FROM person_aliases WHERE person_id = ?", (pid,))]
        return self._db_aliases[pid]

    def countries(self, pids) -> dict[int, str | None]:
        """person id -> country, for an event's sides."""
        out = {p: self.rows[p]["country"] for p in pids if p in self.rows}
        rest = [p for p in pids if p not in self.rows]
        if rest:
            out.update((r["id"], r["country"]) for r in self.db.query(
                f"SELECT id, country FROM persons WHERE id IN ({','.join('?' * len(rest))})", rest))
        return out

    def tally(self, pid: int) -> PersonTally:
        self._hold(pid)
        return self.tallies[pid]

    # ------------------------------------------------------------ changes
    def new_id(self, table: str) -> int:
        ids = self.ids
        assert ids is not None, "new ids are given here on SQLite only"
        nid = ids[table]
        ids[table] = nid + 1
        return nid

    def created(self, pid: int, name: str, key: str, country, zh, pinyin, name_source, inserted: bool) -> None:
        """A new person (n_articles 0, no aliases yet); `inserted`: written already, else at the end."""
        self.rows[pid] = dict(zip(PERSON_COLS, (name, key, country, zh, pinyin, name_source, 0)))
        self.stored[pid] = tuple(self.rows[pid][c] for c in PERSON_COLS) if inserted else None
        self.tallies[pid] = PersonTally()
        self.aliases[pid] = self.stored_aliases[pid] = []
        self.by_key.setdefault(key, set()).add(pid)
        self._db_events_of[pid] = []  # the database has no event of theirs: participants wait for the end

    def set_country(self, pid: int, country: str) -> None:
        self._hold(pid)
        self.rows[pid]["country"] = country

    def add_article_rows(self, rows: list[tuple]) -> None:
        """article_persons rows (article, person, name, country, zh, pinyin, name_source);
        a repeated primary key is dropped, as ON CONFLICT DO NOTHING would."""
        for row in rows:
            pk = (row[0], row[1], row[2])
            if pk in self._article_keys:
                continue
            self._article_keys.add(pk)
            self.new_article_rows.append(row)
            pid = row[1]
            if pid in self.rows:
                self.tallies[pid].add(row[0], *row[2:])
            else:
                self._pending.setdefault(pid, []).append(row)

    def update(self, pid: int, values: dict) -> None:
        row = self.rows[pid]
        if row["name_key"] != values["name_key"]:
            reindex(self.by_key, pid, [row["name_key"]], [values["name_key"]])
        row.update(values)

    def set_aliases(self, pid: int, rows: list[tuple]) -> None:
        reindex(self.by_fold, pid, [a[3] for a in self.aliases[pid]], [a[3] for a in rows])
        self.aliases[pid] = rows

    # ------------------------------------------------------------- write
    def flush(self) -> None:
        """Each table written once, in the order the per-article writes would have used
        (ids of mentions and observations follow it)."""
        db = self.db
        self._flush_event_rows()
        self._flush_persons()
        self._flush_events()
        self._flush_statements()
        if self.sources:
            db.executemany(
                "INSERT INTO article_sources (record_id, article_id, record_hash, content_hash, url, outlet,"
                " published, title, source, similarity, record, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                self.sources)
        if self.blocks:
            db.executemany("INSERT INTO article_blocks (article_id, start_char, end_char, kind, reason)"
                           " VALUES (?,?,?,?,?)", self.blocks)
        if self.minhash:
            db.executemany("INSERT INTO article_minhash (article_id, signature) VALUES (?, ?)",
                           [(a, self.sig_blob.get(a) or resolve.signature_bands(sig)[1]) for a, sig in self.minhash.items()])
            db.executemany("INSERT INTO article_lsh (band, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           [(b, a) for b, ids in self.lsh.items() for a in ids])
        if self.new_article_rows:
            db.executemany("INSERT INTO article_persons (article_id, person_id, name, country, zh, pinyin,"
                           " name_source) VALUES (?,?,?,?,?,?,?)", self.new_article_rows)
        if self.mentions:
            db.executemany("INSERT INTO person_mentions (person_id, article_id, start_char, end_char, text)"
                           " VALUES (?,?,?,?,?)", self.mentions)
        if self.observations:
            db.executemany("INSERT INTO position_observations (person_id, article_id, title, title_key, country,"
                           " seen_date, start_char, end_char, text) VALUES (?,?,?,?,?,?,?,?,?)", self.observations)
        gone, rows = [], []
        for pid in sorted(self.aliases):
            if sorted(self.aliases[pid]) == sorted(self.stored_aliases[pid]):
                continue
            if self.stored_aliases[pid]:
                gone.append((pid,))
            rows.extend(self.aliases[pid])
        if gone:
            db.executemany("DELETE FROM person_aliases WHERE person_id = ?", gone)
        if rows:
            db.executemany("INSERT INTO person_aliases (person_id, alias, alias_key, alias_fold, n)"
                           " VALUES (?,?,?,?,?)", rows)

    def _flush_persons(self) -> None:
        write_rows(self.db, "persons", PERSON_COLS, self.rows, self.stored)

    # ------------------------------------------------------------ loading
    def _hold(self, pid: int) -> None:
        if pid not in self.rows:
            self.hold(pid)

    def hold(self, *pids: int) -> None:
        """Read stored persons into memory (each once per batch), a few queries for them all."""
        todo = sorted({p for p in pids if p not in self.rows})
        for i in range(0, len(todo), 500):
            chunk = todo[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.query(f"SELECT id, {', '.join(PERSON_COLS)} FROM persons WHERE id IN ({marks})", chunk):
                pid = r.pop("id")
                self.rows[pid] = r
                self.stored[pid] = tuple(r[c] for c in PERSON_COLS)
                self.tallies[pid] = PersonTally()
                self.aliases[pid] = []
                self.by_key.setdefault(r["name_key"], set()).add(pid)
            # a tally takes its rows in any order (the order it compares them in is Python's, as
            # the database's is: _sorts_like_python)
            for r in self.db.execute(f"SELECT person_id, {', '.join(AP_COLS)} FROM article_persons"
                                     f" WHERE person_id IN ({marks})", chunk).fetchall():
                self.tallies[r[0]].add(*r[1:])
            for r in self.db.execute("SELECT person_id, alias, alias_key, alias_fold, n FROM person_aliases"
                                     f" WHERE person_id IN ({marks})", chunk).fetchall():
                self.aliases[r[0]].append(tuple(r))
                self.by_fold.setdefault(r[3], set()).add(r[0])
            for pid in chunk:
                self.stored_aliases[pid] = self.aliases[pid]
                for r in self._pending.pop(pid, []):
                    self.tallies[pid].add(r[0], *r[2:])
