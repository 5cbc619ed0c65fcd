"""The persons and article rows of one ingest batch, held in memory and written once at
its end (issue 11).

Why: an article names some four persons, and each used to cost half a dozen
statements (the candidate look-up, its article rows read back, the person
updated, its aliases compared and rewritten) -- a third of the store's time,
most of it spent on the same well-known people article after article. In a
batch, a person is read from the database once (its row, article rows and
aliases), then resolved and recomputed in memory by the same rules, in the same
order, and each table is written once per batch (`flush`).

What the resolution reads must be what the old per-article writes would have
left in the database, so while the batch runs the truth about a person it holds
is here, and the database only answers for the persons it does not hold: a
candidate look-up asks the database (once per name in the batch) and drops the
persons held here, whose current names and aliases are looked up in memory
instead. New persons are still inserted at once, so that their ids are the
database's own.

The article's own rows that nothing but the near-duplicate test reads (sources,
blocks, MinHash signature and LSH buckets) wait here too; that test looks at the
batch's articles in memory besides the database's.

Only batches of new records use this (`IngestMixin.ingest_batch`): a changed
record removes facts, which takes the per-article path, unchanged.
"""
from __future__ import annotations

from bisect import insort

PERSON_COLS = ("name", "name_key", "country", "zh", "pinyin", "name_source", "n_articles")
AP_COLS = ("article_id", "name", "country", "zh", "pinyin", "name_source")
_CANDIDATES = ("SELECT p.id, p.name, p.country, p.n_articles FROM person_aliases a"
               " JOIN persons p ON p.id = a.person_id WHERE a.alias_fold = ?"
               " UNION SELECT id, name, country, n_articles FROM persons WHERE name_key = ?")


class BatchState:
    def __init__(self, db):
        self.db = db
        self.rows: dict[int, dict] = {}          # person id -> its persons row as it now is
        self.stored: dict[int, tuple | None] = {}  # person id -> the row in the database (None: new)
        self.article_rows: dict[int, list] = {}  # person id -> article_persons rows, sorted like the query
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
        self._pending: dict[int, list[tuple]] = {}  # this batch's article rows of persons not held yet
        self.stored_sources: dict[str, tuple] = {}  # record id -> (article id, record hash) stored before
        self.sources: list[tuple] = []
        self.blocks: list[tuple] = []
        self.minhash: dict[str, list[int]] = {}   # article id -> signature, this batch's articles
        self.lsh: dict[str, list[str]] = {}       # band -> this batch's articles in it

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

    def lsh_candidates(self, bands: list[str]) -> dict[str, list[int]]:
        """This batch's articles sharing a band with `bands`: article id -> signature."""
        ids = {a for b in bands for a in self.lsh.get(b, ())}
        return {a: self.minhash[a] for a in ids}

    def add_minhash(self, article_id: str, sig: list[int], bands: list[str]) -> None:
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

    def article_persons(self, pid: int) -> list[dict]:
        self._hold(pid)
        return self.article_rows[pid]

    # ------------------------------------------------------------ changes
    def created(self, pid: int, name: str, key: str, country, zh, pinyin, name_source) -> None:
        """A person just inserted (n_articles 0, no aliases yet)."""
        self.rows[pid] = dict(zip(PERSON_COLS, (name, key, country, zh, pinyin, name_source, 0)))
        self.stored[pid] = tuple(self.rows[pid][c] for c in PERSON_COLS)
        self.article_rows[pid] = []
        self.aliases[pid] = self.stored_aliases[pid] = []
        self.by_key.setdefault(key, set()).add(pid)

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
                insort(self.article_rows[pid], _ap_dict(row), key=_ap_order)
            else:
                self._pending.setdefault(pid, []).append(row)

    def update(self, pid: int, values: dict) -> None:
        row = self.rows[pid]
        if row["name_key"] != values["name_key"]:
            self.by_key[row["name_key"]].discard(pid)
            self.by_key.setdefault(values["name_key"], set()).add(pid)
        row.update(values)

    def set_aliases(self, pid: int, rows: list[tuple]) -> None:
        for a in self.aliases[pid]:
            self.by_fold[a[3]].discard(pid)
        for a in rows:
            self.by_fold.setdefault(a[3], set()).add(pid)
        self.aliases[pid] = rows

    # ------------------------------------------------------------- write
    def flush(self) -> None:
        """Each table written once, in the order the per-article writes would have used
        (ids of mentions and observations follow it)."""
        db = self.db
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
                           [(a, ",".join(map(str, sig))) for a, sig in self.minhash.items()])
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
        changed = []
        for pid in sorted(self.rows):
            now = tuple(self.rows[pid][c] for c in PERSON_COLS)
            if now != self.stored[pid]:
                changed.append((*now, pid))
        if changed:
            db.executemany("UPDATE persons SET name=?, name_key=?, country=?, zh=?, pinyin=?, name_source=?,"
                           " n_articles=? WHERE id=?", changed)
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

    # ------------------------------------------------------------ loading
    def _hold(self, pid: int) -> None:
        """Read a stored person into memory (once per batch)."""
        if pid in self.rows:
            return
        row = self.db.one("SELECT name, name_key, country, zh, pinyin, name_source, n_articles FROM persons"
                          " WHERE id = ?", (pid,))
        self.rows[pid] = row
        self.stored[pid] = tuple(row[c] for c in PERSON_COLS)
        ap = self.db.query("SELECT article_id, name, country, zh, pinyin, name_source FROM article_persons"
                           " WHERE person_id = ? ORDER BY article_id, name", (pid,))
        for r in self._pending.pop(pid, []):
            insort(ap, _ap_dict(r), key=_ap_order)
        self.article_rows[pid] = ap
        aliases = [tuple(r) for r in self.db.execute(
            "SELECT person_id, alias, alias_key, alias_fold, n FROM person_aliases WHERE person_id = ?",
            (pid,)).fetchall()]
        self.aliases[pid] = self.stored_aliases[pid] = aliases
        for a in aliases:
            self.by_fold.setdefault(a[3], set()).add(pid)
        self.by_key.setdefault(row["name_key"], set()).add(pid)


def _ap_dict(row: tuple) -> dict:
    return dict(zip(AP_COLS, (row[0], *row[2:])))


def _ap_order(r: dict) -> tuple:
    return r["article_id"], r["name"]
