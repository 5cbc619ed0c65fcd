"""Records of a Spark `articles` Parquet dataset, in article-id order, for `ingest --from-parquet`.

Why id order: merging in the knowledge base (which person or event a new report
joins, which reprint is the original) depends on the order articles arrive.
`ngoaigiao spark resolve` takes articles in id order, so loading its input in
the same order makes the knowledge base agree with the Spark result, whatever
order the partitions (year=/month=) happen to be listed in.

The sort is external: rows are staged in a temporary SQLite file and read back
with ORDER BY, so memory stays bounded for archives of millions of pages.
"""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator

# (where, record or None, reason or None)
Row = tuple[str, "dict | None", "str | None"]


def parquet_records(path: str, tmp_dir: str | None = None) -> Iterator[Row]:
    """(source, record, None) per article, or (source, None, reason) per bad row or unreadable dataset."""
    try:
        import pyarrow.dataset as ds

        # The Spark job's OUT directory holds several datasets: read its `articles`.
        if os.path.isdir(os.path.join(path, "articles")):
            path = os.path.join(path, "articles")
        dataset = ds.dataset(path, format="parquet", partitioning="hive")
        names = dataset.schema.names
        if "record_json" not in names:
            yield path, None, "Parquet dataset has no record_json column"
            return
        columns = ["record_json"] + (["id"] if "id" in names else [])
        with tempfile.TemporaryDirectory(prefix="ngoaigiao-parquet-", dir=tmp_dir) as tmp:
            stage = sqlite3.connect(os.path.join(tmp, "stage.db"))
            try:
                stage.execute("PRAGMA journal_mode=OFF")
                stage.execute("PRAGMA synchronous=OFF")
                stage.execute("CREATE TABLE rows (n INTEGER PRIMARY KEY, id TEXT, record_json TEXT)")
                n = 0
                for batch in dataset.to_batches(columns=columns):
                    values = batch.column(0).to_pylist()
                    ids = batch.column(1).to_pylist() if len(columns) > 1 else [None] * len(values)
                    rows = [(n + i + 1, rid, value) for i, (rid, value) in enumerate(zip(ids, values))]
                    n += len(rows)
                    stage.executemany("INSERT INTO rows VALUES (?,?,?)", rows)
                # Rows without an id keep their file order, after the others.
                for row_n, value in stage.execute(
                        "SELECT n, record_json FROM rows ORDER BY id IS NULL, id, n"):
                    yield _decode(f"{path}#{row_n}", value)
            finally:
                stage.close()
    except (OSError, ValueError) as exc:  # pyarrow.ArrowInvalid is a ValueError
        yield path, None, f"cannot read Parquet: {str(exc).splitlines()[0]}"
    except sqlite3.Error as exc:  # the temporary staging file (a full /tmp, say)
        yield path, None, f"cannot sort the rows by id in a temporary file ({exc}); set TMPDIR to a larger disk"


def _decode(where: str, value) -> Row:
    try:
        rec = json.loads(value) if value else None
    except ValueError as exc:
        return where, None, f"record_json is not JSON ({exc})"
    if not isinstance(rec, dict):
        return where, None, "record_json is not an object"
    return where, rec, None
