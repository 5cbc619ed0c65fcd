"""Derived records, recomputed from what the articles said whenever an
ingest touches them: a merged event (fields, participants, countries,
documents, part_of links, person_counterparts) from its reports, and a person
(canonical name, country, aliases, position timeline) from its article rows;
plus the folded search index. Every function runs inside the caller's
transaction.

`fresh=True` says the event or person was created in this transaction and so
has no derived rows yet: the look-ups and deletes of old rows are skipped
(one ingest creates most of what it recomputes). Were a stale row there after
all, the insert would fail on its primary key rather than duplicate it.
"""
from __future__ import annotations

import json
from collections import Counter
from operator import itemgetter
from typing import Any

from ngoaigiao import resolve
from ngoaigiao.store.batch_events import EVENT_COLS
from ngoaigiao.store.person_tally import PersonTally
from ngoaigiao.store.search_writes import SearchWritesMixin
from ngoaigiao.store.mixin import mixin


# = json.dumps(..., ensure_ascii=False), made once; no cycle check (records decoded from JSON or
# built by the pipeline have none; a cyclic one ends in RecursionError, which a batch reports)
_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
def _json_strings(values: list, ensure_ascii: bool) -> str:
    """json.dumps(values, ensure_ascii=...) of a flat list of strings, joined from the C string
    encoder json uses: json.dumps builds a new encoder per call, which costs more than a
    timeline's few article ids and titles."""
    if not all(type(v) is str for v in values):
        return json.dumps(values, ensure_ascii=ensure_ascii)
    quote = _ENCODE_ASCII if ensure_ascii else _ENCODE
    return "[" + ", ".join(map(quote, values)) + "]"


_ENCODE_ASCII, _ENCODE = json.encoder.encode_basestring_ascii, json.encoder.encode_basestring


def _facets(store: object) -> Any:
    """The store as the FacetMixin (store/facets.py) it is mixed with in Store, for its level facet."""
    return store
_POSITION_COLS = ("person_id", "title", "title_key", "first_seen", "last_seen", "n", "sources", "office", "variants")


@mixin
class DeriveMixin(SearchWritesMixin):
    db: Any  # a store/db.py Database
    _deferred: dict | None = None  # a batch's persons whose timelines wait for its end

    def _recompute_event(self: Any, event_id: int, fresh: bool = False, local: dict | None = None) -> dict | None:
        """Returns the merged event (resolve.merge_events), None when it had no reports left.
        `local`: the reports the ingesting article has just written (store/ingest.py), so that
        a fresh event's reports, and the events its visit contains, are not read back.
        In a batch of new records (store/batch_state.py) the event's own rows are kept in
        memory and written at the batch's end; its reports are in the database already."""
        here = local["article_id"] if local else None
        batch = getattr(self, "_batch", None)
        if fresh and local:
            reports = local["reports"].get(event_id, [])
        else:
            reports = self.db.query("SELECT * FROM event_reports WHERE event_id = ? ORDER BY article_id, idx",
                                    (event_id,))
        old_pids = []
        if batch is not None:
            batch.hold_event(event_id)  # a batch adds reports only: an event never loses its last
            old_pids = [(r[1], r[3]) for r in batch.event_parts[event_id]]
        elif not fresh:
            old_pids = [(r["person_id"], r["side"]) for r in self.db.query(
                "SELECT person_id, side FROM event_participants WHERE event_id = ?", (event_id,))]
            if old_pids:
                self.db.execute("DELETE FROM event_participants WHERE event_id = ?", (event_id,))
            for table in ("event_countries", "event_documents"):
                self.db.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))
        if not reports:
            if batch is not None:  # a batch of new records only adds reports (ingest_batch)
                raise ValueError(f"event {event_id}: no reports left inside a batch")
            self._count_pairs(old_pids, [])
            self.db.execute("UPDATE events SET part_of = NULL WHERE part_of = ?", (event_id,))
            self._delete_search_doc("event", str(event_id))
            self.db.execute("DELETE FROM events WHERE id = ?", (event_id,))
            _facets(self)._derive_event_levels(event_id)  # drops its levels
            return None
        # this article's own reports as built (`rep`: what merge_events reads of the JSON is the same)
        recs = [r.get("rep") or json.loads(r["record"]) for r in reports]
        merged = resolve.merge_events(recs)
        rng = merged["window"] or (None, None)
        # part_of: the visit event that the reporting articles put this one in.
        part_of = None
        for r in reports:
            if r["part_of_idx"] is not None:
                if local and r["article_id"] == here:
                    part_of = local["event_of"].get(r["part_of_idx"])
                else:
                    part_of = self.db.scalar("SELECT event_id FROM event_reports WHERE article_id = ? AND idx = ?",
                                             (r["article_id"], r["part_of_idx"]))
                if part_of == event_id:
                    part_of = None
                if part_of:
                    break
        values = (merged["type"], merged["cameo"], merged["plover"], merged["date"], merged["end_date"], rng[0],
                  rng[1], merged["place"], part_of, merged["confidence"], len({r["article_id"] for r in reports}),
                  merged["sort_date"], merged["date_precision"], json.dumps(merged["principals"]))
        if batch is not None:
            batch.events[event_id].update(zip(EVENT_COLS, values))
        else:
            self.db.execute(f"UPDATE events SET {', '.join(c + '=?' for c in EVENT_COLS)} WHERE id=?",
                            (*values, event_id))
        # Children whose reports point at this visit by index (a fresh visit's are all of this article).
        if fresh and local:
            children = [c for r in reports for c in local["children"].get(r["idx"], [])]
        else:
            children = [c["event_id"] for c in self.db.query(
                "SELECT c.event_id FROM event_reports c JOIN event_reports v ON v.article_id = c.article_id"
                " AND v.idx = c.part_of_idx WHERE v.event_id = ?", (event_id,))]
        for child in children:
            if batch is None or not batch.set_part_of_if_null(child, event_id):
                self.db.execute("UPDATE events SET part_of = ? WHERE id = ? AND part_of IS NULL", (event_id, child))
        parts: dict[int, dict] = {}
        for rec in recs:
            names = rec.get("participants") or []
            keys = resolve.participant_key_list(rec) if rec.get("pkeys") else \
                [str(x) for x in rec.get("participant_ids") or []][:len(names)]
            for name, key in zip(names, keys):
                if key.isdigit():
                    parts.setdefault(int(key), {"name": name})
        names = [info["name"] for info in parts.values()]
        sides: dict[int, str | None] = {}
        if parts and batch is not None:
            sides = batch.countries(list(parts))  # persons as they now are
        elif parts:
            sides = {r["id"]: r["country"] for r in self.db.query(
                f"SELECT id, country FROM persons WHERE id IN ({','.join('?' * len(parts))})", list(parts))}
        # The date filters and sorts use: the event's sort_date (its precision is on the event).
        when = merged["sort_date"]
        rows = []
        for pid, info in parts.items():
            side = merged["side_of"].get(str(pid)) or sides.get(pid)
            info["side"] = side
            rows.append((event_id, pid, info["name"], side, merged["role_of"].get(str(pid)), when))
        countries = list(dict.fromkeys([*merged["countries"], *(i["side"] for i in parts.values() if i["side"])]))
        country_rows = [(event_id, c, merged["type"], when) for c in countries]
        document_rows = [(event_id, d) for d in merged["documents"]]
        new_pids = [(pid, info["side"]) for pid, info in parts.items()]
        if batch is not None:
            batch.set_participants(event_id, rows)
            batch.count_pairs(old_pids, new_pids)
            batch.event_countries[event_id] = country_rows
            batch.event_documents[event_id] = document_rows
        else:
            self.db.executemany("INSERT INTO event_participants (event_id, person_id, name, side, role, date)"
                                " VALUES (?,?,?,?,?,?)", rows)
            self._count_pairs(old_pids, new_pids)
            self.db.executemany("INSERT INTO event_countries (event_id, country, type, date) VALUES (?,?,?,?)"
                                " ON CONFLICT DO NOTHING", country_rows)
            if document_rows:
                self.db.executemany("INSERT INTO event_documents (event_id, name) VALUES (?,?)"
                                    " ON CONFLICT DO NOTHING", document_rows)
        body = " ".join(filter(None, [merged["type"], merged["place"], *names, *merged["documents"],
                                      *merged["countries"]]))
        self._index_search("event", str(event_id), body, fresh)
        if batch is not None:
            batch.level_events.add(event_id)  # from observations the batch writes at its end
        else:
            _facets(self)._derive_event_levels(event_id)  # store/facets.py: the level facet
        return merged

    def _count_pairs(self: Any, old: list[tuple], new: list[tuple]) -> None:
        """Keep person_counterparts in step when an event's participants
        ((person id, side) pairs) change. Counterparts are across sides only: two
        people of one country (a leader and his minister) are not counterparts."""
        delta: Counter = Counter()
        for sign, pids in ((-1, old), (1, new)):
            for a, sa in pids:
                for b, sb in pids:
                    if a != b and sa and sb and sa != sb:
                        delta[(a, b)] += sign
        changed = [(a, b, n) for (a, b), n in delta.items() if n]
        if not changed:
            return
        self.db.executemany(
            "INSERT INTO person_counterparts (person_id, other_id, n) VALUES (?,?,?) ON CONFLICT (person_id, other_id)"
            " DO UPDATE SET n = person_counterparts.n + excluded.n", changed)
        # only a pair whose count went down can have reached 0 (none is stored at 0)
        gone = [(a, b) for a, b, n in changed if n < 0]
        if gone:
            self.db.executemany("DELETE FROM person_counterparts WHERE person_id = ? AND other_id = ? AND n <= 0",
                                gone)

    def _recompute_person(self: Any, pid: int, fresh: bool = False) -> None:
        batch = getattr(self, "_batch", None)
        if batch is not None:  # store/batch_state.py: in memory, kept up to date row by row
            tally = batch.tally(pid)
        else:
            tally = PersonTally.from_rows(self.db.query(
                "SELECT article_id, name, country, zh, pinyin, name_source FROM article_persons"
                " WHERE person_id = ? ORDER BY article_id, name", (pid,)))
        deferred = getattr(self, "_deferred", None)
        if not tally.articles and batch is not None:  # a batch of new records only adds article rows
            raise ValueError(f"person {pid}: no articles left inside a batch")
        if not tally.articles:
            if deferred is not None:
                deferred.pop(pid, None)  # nothing left to derive at the batch's end
            self.db.execute("DELETE FROM person_aliases WHERE person_id = ?", (pid,))
            self.db.execute("DELETE FROM positions WHERE person_id = ?", (pid,))
            self._delete_search_doc("person", str(pid))
            self.db.execute("DELETE FROM person_mentions WHERE person_id = ?", (pid,))
            self.db.execute("DELETE FROM position_observations WHERE person_id = ?", (pid,))
            self.db.execute("DELETE FROM event_participants WHERE person_id = ?", (pid,))
            self.db.execute("DELETE FROM persons WHERE id = ?", (pid,))
            return
        # Canonical: the most frequent spelling, preferring one with diacritics (store/person_tally.py).
        values, aliases = tally.derive(pid)
        canon, country = values[0], values[2]
        if batch is not None:
            batch.update(pid, dict(zip(("name", "name_key", "country", "zh", "pinyin", "name_source",
                                        "n_articles"), values)))
            batch.set_aliases(pid, aliases)
        else:
            self.db.execute("UPDATE persons SET name=?, name_key=?, country=?, zh=?, pinyin=?, name_source=?,"
                            " n_articles=? WHERE id=?", (*values, pid))
            self._replace_rows("person_aliases", ("person_id", "alias", "alias_key", "alias_fold", "n"), pid,
                               aliases, fresh)
        if deferred is not None:
            # In a batch: the timeline and search row (which no ingest reads) once, at its end,
            # from the person's state after its last recompute (kept here, not read back).
            fresh = deferred[pid][0] if pid in deferred else fresh
            deferred[pid] = (fresh, tally, canon, country)
            return
        self._person_timeline(pid, tally, canon, country, fresh)

    def _finish_deferred(self: Any, batch=None) -> None:
        """The timelines and search rows of the persons a batch touched. With `batch`
        (store/batch_state.py), whose rows are written here first, each table is read and
        written once for all of them."""
        deferred, self._deferred = self._deferred, None
        if deferred is None:  # (ingest_batch sets it up before the first record)
            raise ValueError("no batch in progress")
        if batch is None:
            for pid, (fresh, tally, canon, country) in sorted(deferred.items()):
                self._person_timeline(pid, tally, canon, country, fresh)
            return
        pids = sorted(deferred)
        stored = [pid for pid in pids if not deferred[pid][0]]
        obs: dict[int, list[dict]] = {pid: [] for pid in pids}
        have: dict[int, list[tuple]] = {pid: [] for pid in stored}
        for i in range(0, len(stored), 500):  # read before the batch's observations are written
            chunk = stored[i:i + 500]
            marks = ",".join("?" * len(chunk))
            # in id order, sorted here (an ORDER BY would build a temporary b-tree)
            for r in sorted(self.db.query("SELECT id, person_id, title, seen_date AS date, article_id, country FROM"
                                          f" position_observations WHERE person_id IN ({marks})", chunk),
                            key=itemgetter("id")):
                del r["id"]
                obs[r.pop("person_id")].append(r)
            for r in self.db.execute(f"SELECT {', '.join(_POSITION_COLS)} FROM positions"
                                     f" WHERE person_id IN ({marks})", chunk).fetchall():
                have[r[0]].append(tuple(r))
        self._prefetch_search_docs("person", [str(pid) for pid in stored])
        for ob in batch.observations:  # (person, article, title, title_key, country, seen_date, ...)
            if ob[0] in obs:
                obs[ob[0]].append({"title": ob[2], "date": ob[5], "article_id": ob[1], "country": ob[4]})
        batch.flush()
        _facets(self)._derive_events_levels(sorted(batch.level_events))
        gone, rows_out = [], []
        for pid in pids:
            fresh, tally, canon, country = deferred[pid]
            new = self._timeline_rows(pid, obs[pid], canon, country)
            old = have.get(pid, [])
            if sorted(old) != sorted(new):
                if old:
                    gone.append((pid,))
                rows_out.extend(new)
            self._person_search_row(pid, tally, fresh)
        if gone:
            self.db.executemany("DELETE FROM positions WHERE person_id = ?", gone)
        if rows_out:
            self.db.executemany(f"INSERT INTO positions ({', '.join(_POSITION_COLS)})"
                                f" VALUES ({', '.join('?' * len(_POSITION_COLS))})", rows_out)

    def _timeline_rows(self: Any, pid: int, obs: list[dict], canon: str, country: str | None) -> list[tuple]:
        for ob in obs:
            ob["country"] = ob["country"] or country
        return [(pid, t["title"], t["key"], t["first_seen"], t["last_seen"], t["n"], _json_strings(t["sources"], True),
                 t["office"], _json_strings(t["variants"], False))
                for t in resolve.position_timeline(obs, holder=canon)]

    def _person_search_row(self: Any, pid: int, tally: PersonTally, fresh: bool) -> None:
        names = [n for n, _ in tally.spellings()]
        zh, pinyin = tally.first("zh"), tally.first("pinyin")
        self._index_search("person", str(pid), " ".join([*names, zh or "", pinyin or ""]), fresh)

    def _person_timeline(self: Any, pid: int, tally: PersonTally, canon: str, country: str | None,
                         fresh: bool) -> None:
        obs = self.db.query("SELECT title, seen_date AS date, article_id, country FROM position_observations"
                            " WHERE person_id = ? ORDER BY id", (pid,))
        self._replace_rows("positions", _POSITION_COLS, pid, self._timeline_rows(pid, obs, canon, country), fresh)
        self._person_search_row(pid, tally, fresh)

    def _replace_rows(self: Any, table: str, cols: tuple[str, ...], pid: int, rows: list[tuple],
                      fresh: bool = False) -> None:
        """Make a person's rows of `table` exactly `rows`, writing only when they differ
        (most ingests change nothing of a well-known person's aliases or timeline)."""
        have = [] if fresh else self.db.execute(
            f"SELECT {', '.join(cols)} FROM {table} WHERE person_id = ?", (pid,)).fetchall()
        if sorted(map(tuple, have)) == sorted(rows):
            return
        if have:
            self.db.execute(f"DELETE FROM {table} WHERE person_id = ?", (pid,))
        self.db.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)

    def _index_search(self: Any, kind: str, ref: str, text: str, fresh: bool = False) -> None:
        self._write_search_doc(kind, ref, resolve.fold_text(text), fresh)
