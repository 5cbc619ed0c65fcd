"""Downloads of a filtered view: exactly its events, in its order, as one file.

csv (the events table of `ngoaigiao export --format csv`), jsonl (one event a
line), parquet (the events table), tsv (CAMEO/Phoenix-style dyads, as
`--format cameo`). The same writer serves the web page, the API and
`ngoaigiao export` with filters.
"""
from __future__ import annotations

import csv
import io
import json

from ngoaigiao.store import export as _export
from ngoaigiao.store.export import _arrow_type

VIEW_FORMATS = ("csv", "jsonl", "parquet", "tsv")
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
         "parquet": "application/vnd.apache.parquet", "tsv": "text/tab-separated-values; charset=utf-8"}
# the columns of `ngoaigiao export`'s events table and cameo file
EVENT_COLUMNS = ["id", "type", "cameo", "plover", "date", "end_date", "sort_date", "date_precision", "place",
                 "part_of", "n_sources", "countries", "participants", "documents", "articles"]
CAMEO_COLUMNS = ["date", "source_actor", "source_country", "cameo", "target_actor", "target_country",
                 "plover", "place", "article_ids", "event_id", "type", "date_precision", "source_role", "target_role"]


def _flat(e: dict) -> dict:
    return dict(e, countries=";".join(e.get("countries") or []),
                participants=";".join(p.get("name") or "" for p in e.get("participants") or []),
                documents=";".join(e.get("documents") or []), articles=";".join(e.get("articles") or []))


def write_events(events: list[dict], fmt: str, fh) -> None:
    """Write `events` (dicts as filtered_event_records gives) to a binary file object."""
    if fmt not in VIEW_FORMATS:
        raise ValueError(f"unknown download format {fmt!r} (one of {', '.join(VIEW_FORMATS)})")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [_flat(e) for e in events]
        table = pa.table({c: pa.array([None if r.get(c) is None else (r[c] if isinstance(r[c], (int, float))
                                                                      else str(r[c])) for r in rows],
                                      type=_arrow_type("events", c)) for c in EVENT_COLUMNS})
        pq.write_table(table, fh)
        return
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
    try:
        if fmt == "jsonl":
            for e in events:
                text.write(json.dumps(dict(kind="event", **e), ensure_ascii=False) + "\n")
        elif fmt == "csv":
            w = csv.DictWriter(text, fieldnames=EVENT_COLUMNS, extrasaction="ignore")
            w.writeheader()
            for e in events:
                w.writerow(_flat(e))
        else:
            w = csv.writer(text, delimiter="\t", lineterminator="\n")
            w.writerow(CAMEO_COLUMNS)
            for e in events:
                for row in _export.kb_events.cameo_rows(e):
                    src, tgt = row["source"], row["target"]
                    w.writerow([e.get("sort_date") or e.get("date") or "", src["name"] or "", src["side"],
                                row["cameo"], tgt["name"] or "", tgt["side"], e.get("plover") or "",
                                e.get("place") or "", ";".join(e.get("articles") or []), e["id"], e.get("type") or "",
                                e.get("date_precision") or "", src.get("role") or "", tgt.get("role") or ""])
        text.flush()
    finally:
        text.detach()
