"""Writing: one article record in, its facts merged into the knowledge base.

`IngestMixin.ingest_record` runs in one transaction per record (`ingest_batch`:
one per batch of records, each batch atomic):
1. the same record id with the same record hash -> nothing to do;
2. a changed record -> its old facts are removed (and the near-duplicates
   that hung on it are re-ingested after it, in the same transaction);
3. an exact or near duplicate (MinHash/LSH) of a stored article -> one more
   source of that article, no new facts;
4. otherwise the article, its persons (resolved to existing ones), positions,
   and events (merged with the same event from other articles) are written,
   and the derived rows (timelines, aliases, search) of what it touched are
   recomputed.

A batch of new records (`ingest_batch`) takes the same steps in the same order,
on the persons, events and statements it holds in memory, and writes each table
once at its end (store/batch_state.py); a batch with a changed record goes
article by article.
"""
from __future__ import annotations

from ngoaigiao.annotate.year import YEAR_GUESS_THRESHOLD

import hashlib
import json
import zlib
from contextlib import contextmanager
from functools import partial
from operator import itemgetter
from typing import Any

from ngoaigiao import kb_events, resolve
from ngoaigiao.store.batch_state import BatchState
from ngoaigiao.store.derive import DeriveMixin
from ngoaigiao.store.schema import now
from ngoaigiao.store.statements import StatementStoreMixin
from ngoaigiao.store.mixin import mixin


# Encoders made once: json.dumps with any non-default option builds a new encoder per call,
# which costs more than encoding a report. Same output as json.dumps with these options; no cycle
# check (a tenth of the canonical JSON's time): a cyclic record ends in RecursionError instead,
# which ingest_batch reports as a bad record like any other.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, check_circular=False).encode
_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _canonical(record: dict) -> bytes:
    return _CANONICAL(record).encode()


def record_hash(record: dict) -> str:
    return hashlib.sha256(_canonical(record)).hexdigest()


def _pack(record: dict, canonical: bytes | None = None) -> bytes:
    return zlib.compress(canonical if canonical is not None else _canonical(record), 1)


def _unpack(blob) -> dict:
    return json.loads(zlib.decompress(bytes(blob)).decode())


# Module-level helpers bound with functools.partial rather than closures: mypyc does not
# compile a closure inside a method of a Python (mixin) class (store/mixin.py).
def _pick(by_key: dict, name: str, countries) -> int | None:
    """The person id this article's `name` resolved to (`by_key`: name key -> [(person id,
    country)]), the one of the event's sides (`countries`) when the article names two alike."""
    cands = by_key.get(resolve.name_key(name)) or []
    sides = {str(c).upper() for c in countries or []}
    for pid, country in cands:
        if country and country in sides:
            return pid
    return cands[0][0] if cands else None


def _person_key(by_key: dict, countries, name: str) -> str:
    """A participant's comparison key: its person id, else its name key."""
    pid = _pick(by_key, name, countries)
    return str(pid) if pid is not None else resolve.name_key(name)


def _candidate_order(country: str | None, c: dict) -> tuple:
    """Prefer the same country, then the person seen in most articles, then the oldest."""
    return (c["country"] != country if country else 0, -(c["n_articles"] or 0), c["id"])


@mixin
class IngestMixin(DeriveMixin, StatementStoreMixin):
    db: Any  # a store/db.py Database
    _batch: BatchState | None = None  # a batch of new records resolved in memory (store/batch_state.py)
    _last_minhash: tuple | None = None  # (signature, bands) of the article being stored

    # ---------------------------------------------------------------- entry
    def ingest_article(self: Any, article) -> str:
        return self.ingest_record(article.to_record(with_text=True))

    def ingest_record(self: Any, record: dict) -> str:
        """Store one record (Article.to_record(with_text=True)); returns the
        article id it now belongs to. Idempotent."""
        if not record.get("id"):
            raise ValueError("record has no id")
        if record.get("raw") is None:
            raise ValueError(f"{record['id']}: record has no raw text (use to_record(with_text=True))")
        canonical = _canonical(record)
        rhash = hashlib.sha256(canonical).hexdigest()
        row = self.db.one("SELECT article_id, record_hash FROM article_sources WHERE record_id = ?", (record["id"],))
        if row and row["record_hash"] == rhash:
            return row["article_id"]
        with self._writing():
            return self._ingest_locked(record, rhash, canonical)

    @contextmanager
    def _writing(self: Any):
        """One write transaction, with `_tx`: look-ups cached for its length only (the
        writer lock is held, so nobody else can change what they read: the schema)."""
        with self.db.transaction():
            self._tx = {}
            try:
                yield
                self._flush_search_docs()  # search rows held back to here (store/search_writes.py)
            finally:
                self._tx = None

    def _ingest_locked(self: Any, record: dict, rhash: str, canonical: bytes) -> str:
        # Again under the writer lock: another process may have stored it meanwhile.
        if self._batch is not None:  # read for the whole batch (_only_new): all new or unchanged
            stored = self._batch.stored_sources.get(record["id"])
            if stored is not None:
                return stored[0]
            return self._ingest_one(record, rhash, canonical)
        row = self.db.one("SELECT article_id, record_hash FROM article_sources WHERE record_id = ?",
                          (record["id"],))
        if row and row["record_hash"] == rhash:
            return row["article_id"]
        pending: list[dict] = []
        if row:
            pending = self._remove_source(record["id"])
        article_id = self._ingest_one(record, rhash, canonical)
        for other in pending:
            self._ingest_one(other, record_hash(other))
        return article_id

    def ingest_batch(self: Any, records: list[dict]) -> list[tuple[Any, str | None, Exception | None]]:
        """Several records in one transaction: (record id, article id, None) or
        (record id, None, error) for each. The batch is atomic -- a process killed
        mid-batch leaves none of it, and running again stores it once. A record
        the store cannot take rolls the batch back, which is then stored one
        record per transaction so that only the bad record is left out. One
        commit per batch instead of per article is most of the store's time saved."""
        out: list[tuple[Any, str | None, Exception | None]] = []  # (a bad record's id may be anything)
        todo = []
        for record in records:
            rid = record.get("id") if isinstance(record, dict) else None
            if not rid or record.get("raw") is None:
                out.append((rid, None, ValueError(f"{rid or '?'}: record has no id or no raw text")))
                continue
            todo.append(record)
        if not todo:
            return out
        prepared = []
        for record in todo:
            try:  # a record JSON cannot encode (a cycle, a set...) is one bad record, not a bad batch
                canonical = _canonical(record)
            except (ValueError, TypeError, RecursionError) as exc:
                out.append((record["id"], None, exc))
                continue
            prepared.append((record, hashlib.sha256(canonical).hexdigest(), canonical))
        if not prepared:
            return out
        try:
            with self._writing():
                self._deferred = {}
                self._batch = self._only_new(prepared)
                try:
                    done: list[tuple[Any, str | None, Exception | None]] = [
                        (r["id"], self._ingest_locked(r, h, c), None) for r, h, c in prepared]
                    batch, self._batch = self._batch, None
                    self._finish_deferred(batch)  # and the batch's in-memory rows written
                finally:
                    self._deferred = None
                    self._batch = None
        except (ValueError, KeyError, TypeError, RecursionError):
            done = []
            for record, _, _ in prepared:
                try:
                    done.append((record["id"], self.ingest_record(record), None))
                except (ValueError, KeyError, TypeError, RecursionError) as exc:
                    done.append((record["id"], None, exc))
        return out + done

    def _only_new(self: Any, prepared: list[tuple]) -> BatchState | None:
        """The batch's in-memory state when it only adds records (each new, or stored with the
        same hash): then nothing is removed. A changed record, or one id twice, takes the
        per-article path (None)."""
        ids = [r["id"] for r, _, _ in prepared]
        if len(set(ids)) != len(ids) or not self._sorts_like_python():
            return None
        stored: dict[str, tuple] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            stored.update((r["record_id"], (r["article_id"], r["record_hash"])) for r in self.db.query(
                "SELECT record_id, article_id, record_hash FROM article_sources"
                f" WHERE record_id IN ({','.join('?' * len(chunk))})", chunk))
        if not all(stored.get(r["id"], (None, h))[1] == h for r, h, _ in prepared):
            return None
        batch = BatchState(self.db)
        batch.stored_sources = stored
        batch.read_ahead([r for r, _, _ in prepared if r["id"] not in stored])
        return batch

    def _sorts_like_python(self: Any) -> bool:
        """Whether the database orders text as Python does (by code point), as the batch's
        in-memory rows are put among the stored ones: SQLite always; PostgreSQL under the C
        collation. Another collation (en_US...) could order ties differently: per article."""
        if self.db.dialect == "sqlite":
            return True
        if getattr(self, "_binary_collation", None) is None:
            collate = self.db.scalar("SELECT datcollate FROM pg_database WHERE datname = current_database()")
            self._binary_collation = (collate or "").split(".")[0] in ("C", "POSIX")
        return self._binary_collation

    # ----------------------------------------------------- articles/sources
    def _ingest_one(self: Any, record: dict, rhash: str, canonical: bytes | None = None) -> str:
        raw = record["raw"]
        batch = self._batch
        if batch is not None:  # computed ahead (_only_new)
            chash, clean, folded, sig, bands = batch.texts.pop(record["id"])
            self._last_minhash = sig, bands
        else:
            chash = hashlib.sha256(raw.encode()).hexdigest()
            clean = resolve.clean_text(record)
            folded = resolve.fold_text(clean)  # for the shingles and the search index: fold the long text once
        dup_of, similarity = self._find_duplicate(chash, clean, folded)
        article_id = dup_of or record["id"]
        stamp = batch.stamp if batch is not None else now()
        if dup_of is None:
            if batch is not None:
                batch.hashes.setdefault(chash, article_id)
            self.db.execute(
                "INSERT INTO articles (id, content_hash, title, url, outlet, author, published, published_source,"
                " raw, clean_text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (article_id, chash, record.get("title"), record.get("url"), record.get("outlet"),
                 record.get("author"), record.get("published"), record.get("published_source"),
                 raw, clean, stamp))
            blocks = [(article_id, b.get("start"), b.get("end"), b.get("kind"), b.get("reason"))
                      for b in record.get("blocks") or []]
            if self._batch is not None:
                self._batch.blocks.extend(blocks)
            else:
                self.db.executemany("INSERT INTO article_blocks (article_id, start_char, end_char, kind, reason)"
                                    " VALUES (?,?,?,?,?)", blocks)
            self._index_minhash(article_id, clean)
        source = (record["id"], article_id, rhash, chash, record.get("url"), record.get("outlet"),
                  record.get("published"), record.get("title"), record.get("source"), similarity,
                  _pack(record, canonical), stamp)
        if self._batch is not None:
            self._batch.sources.append(source)
        else:
            self.db.execute(
                "INSERT INTO article_sources (record_id, article_id, record_hash, content_hash, url, outlet,"
                " published, title, source, similarity, record, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                source)
        if dup_of is None:
            self._store_facts(article_id, record)
            # = fold_text(title + " " + clean): fold_text maps characters one by one (NFD stops
            # at the space) and then collapses whitespace, so the parts can be folded apart
            body = " ".join(filter(None, [resolve.fold_text(record.get("title") or ""), folded]))
            self._write_search_doc("article", article_id, body, fresh=True)
        return article_id

    def _find_duplicate(self: Any, chash: str, clean: str, folded: str | None = None) -> tuple[str | None, float]:
        batch = self._batch
        if batch is None or chash in batch.db_hashes:
            exact = self.db.scalar("SELECT id FROM articles WHERE content_hash = ? LIMIT 1", (chash,))
        else:  # the database has no article of this content: only the batch may
            exact = batch.hashes.get(chash)
        if exact:
            return exact, 1.0
        if batch is not None:  # the signature computed ahead, the buckets read for the whole batch
            last = self._last_minhash
            assert last is not None, "set by _ingest_one from the batch's texts"
            sig, bands = last
            ids = sorted({a for b in bands for a in batch.db_lsh.get(b, ())})
        else:
            sig = resolve.minhash_signature(clean, folded=folded)
            bands = resolve.lsh_bands(sig)
            self._last_minhash = sig, bands  # for _index_minhash when this turns out a new article
            marks = ",".join("?" * len(bands))
            # The bucket index alone first (most articles share no band with any other), then the
            # signatures of the few that do.
            ids = sorted({r[0] for r in self.db.execute(
                f"SELECT article_id FROM article_lsh WHERE band IN ({marks})", bands).fetchall()})
        cands = []
        if ids:
            cands = [(c["article_id"], resolve.signature_from_blob(c["signature"])) for c in self.db.query(
                f"SELECT article_id, signature FROM article_minhash WHERE article_id IN"
                f" ({','.join('?' * len(ids))}) ORDER BY article_id", ids)]
        if self._batch is not None:  # and the batch's articles, not written yet
            cands = sorted([*cands, *self._batch.lsh_candidates(bands).items()])
        best, best_j = None, 0.0
        for c_id, c_sig in cands:
            j = resolve.jaccard_estimate(sig, c_sig)
            if j > best_j:
                best, best_j = c_id, j
        if best is not None and best_j >= resolve.NEAR_DUPLICATE_JACCARD:
            return best, round(best_j, 3)
        return None, 1.0

    def _index_minhash(self: Any, article_id: str, clean: str) -> None:
        last, self._last_minhash = self._last_minhash, None
        if last is None:
            sig = resolve.minhash_signature(clean)
            bands = resolve.lsh_bands(sig)
        else:
            sig, bands = last
        if self._batch is not None:
            self._batch.add_minhash(article_id, sig, bands)
            return
        self.db.execute("INSERT INTO article_minhash (article_id, signature) VALUES (?, ?)",
                        (article_id, resolve.signature_bands(sig)[1]))
        self.db.executemany("INSERT INTO article_lsh (band, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            [(b, article_id) for b in bands])

    def _remove_source(self: Any, record_id: str) -> list[dict]:
        """Forget one record. If it carried an article, the article and its facts
        go too, and the records of its near-duplicates are returned for re-ingest."""
        article_id = self.db.scalar("SELECT article_id FROM article_sources WHERE record_id = ?", (record_id,))
        self.db.execute("DELETE FROM article_sources WHERE record_id = ?", (record_id,))
        if article_id != record_id:
            return []
        others = self.db.query("SELECT record_id, record FROM article_sources WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM article_sources WHERE article_id = ?", (article_id,))
        self._remove_article(article_id)
        return [_unpack(o["record"]) for o in others]

    def _remove_article(self: Any, article_id: str) -> None:
        self._remove_statements(article_id)
        persons = {r["person_id"] for r in self.db.query(
            "SELECT DISTINCT person_id FROM article_persons WHERE article_id = ?", (article_id,))}
        events = {r["event_id"] for r in self.db.query(
            "SELECT DISTINCT event_id FROM event_reports WHERE article_id = ?", (article_id,))}
        # article_lsh has no index by article (schema 7): its buckets are the stored signature's
        blob = self.db.scalar("SELECT signature FROM article_minhash WHERE article_id = ?", (article_id,))
        if blob is not None:
            bands = resolve.lsh_bands(resolve.signature_from_blob(blob))
            self.db.execute(f"DELETE FROM article_lsh WHERE article_id = ? AND band IN ({','.join('?' * len(bands))})",
                            [article_id, *bands])
        for table in ("event_reports", "person_mentions", "position_observations", "article_persons",
                      "article_blocks", "article_minhash"):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self._delete_search_doc("article", article_id)
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        for ev in sorted(events):
            self._recompute_event(ev)
        for pid in sorted(persons):
            self._recompute_person(pid)

    # --------------------------------------------------------------- facts
    def _store_facts(self: Any, article_id: str, record: dict) -> None:
        # no historical/institution mentions as people; countries filled
        kb = self._batch.kb_records.pop(article_id, None) if self._batch is not None else None
        record = kb if kb is not None else kb_events.kb_record(record)
        persons = list(record.get("persons") or [])
        events = list(record.get("events") or [])
        # Names given only as event participants are persons of the article too.
        named = {resolve.name_key(p["name"]) for p in persons}
        for ev in events:
            for n in ev.get("participants") or []:
                if resolve.name_key(n) not in named:
                    named.add(resolve.name_key(n))
                    persons.append({"name": n, "country": None, "titles": []})
        short = resolve.short_name_map(persons)
        # name key -> [(person id, country)]: one article may name two people alike
        # (a Vietnamese and a Lao "Lê Văn Thành"); `pick` tells them apart by the event's sides.
        by_key: dict[str, list[tuple[int, str | None]]] = {}
        pid_of: dict[int, int] = {}  # index in persons -> person id
        new_persons: set[int] = set()  # created here: no derived rows to look up when recomputing
        article_persons = []
        for i, p in enumerate(persons):
            if p["name"] in short:
                continue
            pid = self._resolve_person(p, new_persons)
            pid_of[i] = pid
            entry = (pid, (p.get("country") or "").upper() or None)
            if entry not in by_key.setdefault(resolve.name_key(p["name"]), []):
                by_key[resolve.name_key(p["name"])].append(entry)
            article_persons.append((article_id, pid, p["name"], p.get("country"), p.get("zh"), p.get("pinyin"),
                                    p.get("name_source")))
        # Written in one go after resolving: resolution reads persons and aliases, never these rows.
        if self._batch is not None:
            self._batch.add_article_rows(article_persons)
        else:
            self.db.executemany(
                "INSERT INTO article_persons (article_id, person_id, name, country, zh, pinyin, name_source)"
                " VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", article_persons)
        for i, p in enumerate(persons):
            if p["name"] in short:
                by_key[resolve.name_key(p["name"])] = by_key[resolve.name_key(short[p["name"]])]
                pid_of[i] = by_key[resolve.name_key(p["name"])][0][0]

        if self._batch is not None:  # the stored persons this article touches, read in one go
            self._batch.hold(*pid_of.values())

        pick = partial(_pick, by_key)

        # The date a title is seen: the person's earliest fully dated event here, else the
        # publication date, else a partial event date ("2021"), else the article's year guess.
        seen: dict[int, str] = {}
        partly: dict[int, str] = {}
        for ev in events:
            if not resolve.date_range(ev):
                continue
            for n in ev.get("participants") or []:
                found = pick(n, ev.get("countries"))
                if found is None:
                    continue
                target = seen if len(ev["date"]) == 10 else partly
                target[found] = min(target.get(found, ev["date"]), ev["date"])
        # a year inferred from content dates a position only when the pipeline trusted it enough
        # to date events with it (YEAR_GUESS_THRESHOLD); a weak guess is no date at all
        yg = record.get("year_guess") or {}
        guess = yg.get("year") if (yg.get("confidence") or 0) >= YEAR_GUESS_THRESHOLD else None
        published = record.get("published") or None
        guessed = str(guess) if guess else None

        # One statement per table for the whole article, rows in person order (ids as before).
        mentions: list[tuple] = []
        observations: list[tuple] = []
        for i, p in enumerate(persons):
            pid = pid_of[i]
            mentions.extend((pid, article_id, m.get("start"), m.get("end"), m.get("text"))
                            for m in p.get("mentions") or [])
            spans: dict[str, dict] = {}
            for te in p.get("title_evidence") or []:
                spans.setdefault(te.get("title"), te)
            for title in p.get("titles") or []:
                te = spans.get(title, {})
                observations.append((pid, article_id, title, resolve.title_key(title), p.get("country"),
                                     seen.get(pid) or published or partly.get(pid) or guessed,
                                     te.get("start"), te.get("end"), te.get("text")))
        if self._batch is not None:  # nothing in the batch reads them: written at its end
            self._batch.mentions.extend(mentions)
            self._batch.observations.extend(observations)
        else:
            self.db.executemany(
                "INSERT INTO person_mentions (person_id, article_id, start_char, end_char, text)"
                " VALUES (?,?,?,?,?)", mentions)
            self.db.executemany(
                "INSERT INTO position_observations (person_id, article_id, title, title_key, country, seen_date,"
                " start_char, end_char, text) VALUES (?,?,?,?,?,?,?,?,?)", observations)

        # Events: each report joins the same event from other articles, or starts one.
        report_event: dict[int, int] = {}
        touched: set[int] = set()
        new_events: set[int] = set()
        report_rows = []
        reps: dict[int, dict] = {}
        views = kb_events.event_views(record)  # time placement, sides, principals, roles
        for i, ev in enumerate(events):
            pids = []
            for n in ev.get("participants") or []:
                found = pick(n, ev.get("countries"))
                if found is not None and found not in pids:
                    pids.append(found)
            rep = kb_events.report(ev, views[i], partial(_person_key, by_key, ev.get("countries")))
            rep["participant_ids"] = [str(x) for x in pids]
            reps[i] = rep
            event_id = self._match_event(rep, pids, touched)
            if event_id is None:
                rng = resolve.event_window(rep)
                values = (ev.get("type"), ev.get("date"), ev.get("end_date"),
                          rng[0] if rng else None, rng[1] if rng else None)
                batch = self._batch
                if batch is not None and batch.ids is not None:
                    event_id = batch.new_id("events")  # written at the batch's end
                else:
                    event_id = self.db.insert_id(
                        "INSERT INTO events (type, date, end_date, range_start, range_end, n_sources)"
                        " VALUES (?,?,?,?,?,0)", values)
                if batch is not None:
                    batch.event_created(event_id, values, inserted=batch.ids is None)
                new_events.add(event_id)
            report_event[i] = event_id
            touched.add(event_id)
            report_rows.append((event_id, article_id, i, ev.get("type"), ev.get("date"), ev.get("end_date"),
                                ev.get("place"), ev.get("part_of"), _JSON(rep), _JSON(ev.get("evidence") or [])))
        # In one go after matching: matching reads events and participants, never reports.
        self.db.executemany(
            "INSERT INTO event_reports (event_id, article_id, idx, type, date, end_date, place, part_of_idx,"
            " record, evidence) VALUES (?,?,?,?,?,?,?,?,?,?)", report_rows)
        # What this article's reports are, so the events' recompute need not read them back:
        # a new event has only this article's report (two reports of one article never merge).
        local: dict[str, Any] = {"article_id": article_id, "event_of": report_event, "reports": {},
                 "children": {}}  # visit's report index -> events of the reports inside it
        for row in report_rows:
            local["reports"].setdefault(row[0], []).append(
                {"article_id": article_id, "idx": row[2], "part_of_idx": row[7], "record": row[8],
                 "rep": reps[row[2]]})  # what row[8] encodes: a fresh event's recompute need not decode it
            if row[7] is not None:
                local["children"].setdefault(row[7], []).append(row[0])
        event_dates = {}  # as the events table now has them, for the statements
        for ev_id in sorted(touched):
            merged = self._recompute_event(ev_id, fresh=ev_id in new_events, local=local)
            event_dates[ev_id] = merged["date"] if merged else None
        for pid in sorted(set(pid_of.values())):
            self._recompute_person(pid, fresh=pid in new_persons)
        self._store_statements(article_id, record, pick, report_event, event_dates, new_events)

    def _resolve_person(self: Any, p: dict, created: set[int]) -> int:
        """The id of the stored person this article's person is, or a new one
        (whose id is added to `created`)."""
        name, country = p["name"], (p.get("country") or None)
        k = resolve.name_key(name)
        # One query for both ways in (an alias of the same letters, the same name key); the
        # candidates' order does not matter, the sort below is total.
        batch = self._batch
        if batch is not None:
            cands = batch.candidates(k, resolve.fold_short(k))
        else:
            cands = self.db.query(
                "SELECT p.id, p.name, p.country, p.n_articles FROM person_aliases a"
                " JOIN persons p ON p.id = a.person_id WHERE a.alias_fold = ?"
                " UNION SELECT id, name, country, n_articles FROM persons WHERE name_key = ?",
                (resolve.fold_short(k), k))
        seen, ok = set(), []
        for c in cands:
            if c["id"] in seen:
                continue
            seen.add(c["id"])
            if resolve.same_person({"name": name, "country": country}, {"name": c["name"], "country": c["country"]}) \
                    or self._alias_matches(c["id"], name, country, c["country"]):
                ok.append(c)
        if ok:
            # Prefer the same country, then the person seen in most articles.
            ok.sort(key=partial(_candidate_order, country))
            pid = ok[0]["id"]
            if country and not ok[0]["country"]:
                if batch is not None:
                    batch.set_country(pid, country)
                else:
                    self.db.execute("UPDATE persons SET country = ? WHERE id = ?", (country, pid))
            return pid
        if batch is not None and batch.ids is not None:
            pid = batch.new_id("persons")  # written at the batch's end
        else:
            pid = self.db.insert_id(
                "INSERT INTO persons (name, name_key, country, zh, pinyin, name_source, n_articles)"
                " VALUES (?,?,?,?,?,?,0)", (name, k, country, p.get("zh"), p.get("pinyin"), p.get("name_source")))
        if batch is not None:
            batch.created(pid, name, k, country, p.get("zh"), p.get("pinyin"), p.get("name_source"),
                          inserted=batch.ids is None)
        created.add(pid)
        return pid

    def _alias_matches(self: Any, person_id: int, name: str, country: str | None, pc: str | None) -> bool:
        """`pc`: the stored person's country (the caller has just read it)."""
        if self._batch is not None:
            aliases = self._batch.alias_names(person_id)
        else:
            aliases = [a["alias"] for a in self.db.query("SELECT alias FROM person_aliases WHERE person_id = ?",
                                                         (person_id,))]
        return any(resolve.same_person({"name": name, "country": country}, {"name": a, "country": pc})
                   for a in aliases)

    def _match_event(self: Any, rep: dict, pids: list[int], exclude: set[int]) -> int | None:
        """The stored event this report is (resolve.merge_score), the one sharing most
        participants, the oldest among equals (the order the Spark job uses too)."""
        rng = resolve.event_window(rep)
        if rng is None or not pids:
            return None
        batch = self._batch
        if batch is not None:  # each person's stored events read once per batch
            rows = batch.db_match_rows(pids, rng)
        else:
            marks = ",".join("?" * len(pids))
            # One row per (event, participant) found, made distinct and put in id order here: SQLite's
            # DISTINCT and ORDER BY build temporary b-trees, several times the cost of the look-up.
            rows = self.db.query(
                f"SELECT e.id, e.type, e.range_start, e.range_end, e.principals FROM events e"
                f" JOIN event_participants ep ON ep.event_id = e.id WHERE ep.person_id IN ({marks})"
                f" AND e.range_start <= ? AND e.range_end >= ?",
                [*pids, rng[1], rng[0]])
        cands = sorted({r["id"]: r for r in rows}.values(), key=itemgetter("id"))
        if batch is not None:  # the batch's events as they now are (store/batch_state.py)
            cands = batch.match_candidates(cands, pids, rng)
        best, best_n = None, 0
        for c in cands:
            if c["id"] in exclude:
                continue  # two reports of one article are two events
            if batch is not None:
                parts = batch.participant_ids(c["id"])
            else:
                parts = [str(r["person_id"]) for r in self.db.query(
                    "SELECT person_id FROM event_participants WHERE event_id = ? ORDER BY person_id", (c["id"],))]
            other = {"type": c["type"], "window": [c["range_start"], c["range_end"]], "participant_ids": parts,
                     "pkeys": parts, "participants": parts,
                     "principals": json.loads(c["principals"]) if c["principals"] else None}
            if resolve.merge_score(rep, other) is not None:
                n = len(set(parts) & set(rep["participant_ids"]))
                if n > best_n:
                    best, best_n = c["id"], n
        return best
