"""Writes to the search index (`search_docs`), held back to the end of a write transaction.

Why: on SQLite every statement that writes `search_docs` fires the FTS5 trigger
inside a statement savepoint, and FTS5 flushes its pending terms to disk at each
savepoint -- one new index segment per document, merged again and again. An
ingest writes some five documents per article; written one statement each they
were a fifth of the store's time. Held back and written in a few multi-row
statements just before the commit, a whole batch makes one segment.

Nothing an ingest reads comes from `search_docs` (only these writes look at it),
so holding the rows back changes no decision. The rows are written in the order
they were first asked for, so their ids are the ones immediate writes would
have given. Outside a write transaction opened by `IngestMixin._writing`
(schema upgrades) the writes go straight to the table, as before.
"""
from __future__ import annotations

from typing import Any

from ngoaigiao.store.mixin import mixin

ROWS_PER_INSERT = 300  # 3 parameters a row: well under SQLite's oldest limit of 999


@mixin
class SearchWritesMixin:
    db: Any  # a store/db.py Database
    _tx: dict | None = None  # the write transaction's state (IngestMixin._writing)

    def _pending_search(self: Any) -> dict | None:
        """(kind, ref) -> [id of the stored row or None, body], in first-asked order."""
        tx = self._tx
        return None if tx is None else tx.setdefault("search", {})

    def _write_search_doc(self: Any, kind: str, ref: str, body: str, fresh: bool = False) -> None:
        """Make the search row of (kind, ref) hold `body`. `fresh`: the object was created
        in this transaction, so it has no stored row to look up."""
        pending = self._pending_search()
        if pending is not None and (kind, ref) in pending:
            pending[(kind, ref)][1] = body
            return
        known = self._tx.get("search_stored", {}) if self._tx is not None else {}
        if fresh:
            old = None
        elif (kind, ref) in known:
            old = known.pop((kind, ref))
        else:
            old = self.db.one("SELECT id, body FROM search_docs WHERE kind = ? AND ref = ?", (kind, ref))
        if old is not None and old["body"] == body:
            return  # an FTS update is a delete and an insert: only when needed
        if pending is not None:
            pending[(kind, ref)] = [old["id"] if old else None, body]
        elif old is None:
            self.db.execute("INSERT INTO search_docs (kind, ref, body) VALUES (?,?,?)", (kind, ref, body))
        else:
            self.db.execute("UPDATE search_docs SET body = ? WHERE id = ?", (body, old["id"]))

    def _prefetch_search_docs(self: Any, kind: str, refs: list[str]) -> None:
        """Read the stored rows of many objects in a few queries, for the writes about to ask
        for each (inside a write transaction; a row read is used once)."""
        if self._tx is None or not refs:
            return
        known = self._tx.setdefault("search_stored", {})
        for i in range(0, len(refs), 500):
            chunk = refs[i:i + 500]
            known.update({(kind, ref): None for ref in chunk})
            known.update(((kind, r["ref"]), {"id": r["id"], "body": r["body"]}) for r in self.db.query(
                f"SELECT id, ref, body FROM search_docs WHERE kind = ? AND ref IN ({','.join('?' * len(chunk))})",
                [kind, *chunk]))

    def _delete_search_doc(self: Any, kind: str, ref: str) -> None:
        pending = self._pending_search()
        if self._tx is not None:
            self._tx.get("search_stored", {}).pop((kind, ref), None)
        if pending is not None:
            pending.pop((kind, ref), None)
        self.db.execute("DELETE FROM search_docs WHERE kind = ? AND ref = ?", (kind, ref))

    def _flush_search_docs(self: Any) -> None:
        """Write the held-back rows (called last in the transaction, before its commit)."""
        pending = self._tx.pop("search", None) if self._tx is not None else None
        if not pending:
            return
        updates = [(body, sid) for (_kind, _ref), (sid, body) in pending.items() if sid is not None]
        inserts = [(kind, ref, body) for (kind, ref), (sid, body) in pending.items() if sid is None]
        if updates:
            self.db.executemany("UPDATE search_docs SET body = ? WHERE id = ?", updates)
        for i in range(0, len(inserts), ROWS_PER_INSERT):
            chunk = inserts[i:i + ROWS_PER_INSERT]
            self.db.execute("INSERT INTO search_docs (kind, ref, body) VALUES "
                            + ",".join(["(?,?,?)"] * len(chunk)), [v for row in chunk for v in row])
