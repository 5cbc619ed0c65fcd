"""Exports: JSONL, CSV, Parquet, GraphML, and CAMEO event-data rows.

- jsonl (file or stdout): one object per line, {"kind": "event"|"person", ...}.
- csv, parquet (a directory): events, participants, persons, positions, statements tables.
- jsonl also has {"kind": "statement", ...} lines (store/statement_queries.py: iter_statements).
- graphml (file or stdout): persons as nodes, an edge per pair who took part
  in the same event (weight = number of events), for Gephi.
- cameo (file or stdout): Phoenix/ICEWS-style TSV, one row per pair of
  participants of different sides (visitor/sender first when known): date, source actor, source country,
  CAMEO code, target actor, target country, PLOVER, place, article ids.
"""
from __future__ import annotations

import csv
import json
import os
import secrets
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

from ngoaigiao import kb_events

FORMATS = ("jsonl", "csv", "parquet", "graphml", "cameo")
STATEMENT_COLUMNS = ["id", "event_id", "date", "side", "act", "topics", "speaker", "speaker_id", "object",
                     "n_sources", "article_id", "evidence_start", "evidence_end", "evidence"]
_BATCH = 2000


@contextmanager
def _text_out(out):
    if out is None or out == "-":
        yield sys.stdout
    elif hasattr(out, "write"):
        yield out
    else:
        # Written beside the target and renamed only when complete: a failure (a damaged
        # database, a full disk) leaves the old file, or none, never half an export.
        target = Path(out)
        tmp = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.part"
        try:
            with open(tmp, "x", encoding="utf-8", newline="") as fh:  # "x": the umask's permissions
                yield fh
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


@contextmanager
def _folder_out(out):
    """A temporary folder beside `out` whose files move into `out` when all are written."""
    folder = Path(out or "ngoaigiao-export")
    parent = folder.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=parent))
    try:
        yield tmp
        folder.mkdir(exist_ok=True)
        for f in sorted(tmp.iterdir()):
            os.replace(f, folder / f.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class ExportMixin:
    db: object

    def iter_events(self):
        """All events with participants, countries, documents and article ids, in id order."""
        last = 0
        while True:
            ids = [r["id"] for r in self.db.query("SELECT id FROM events WHERE id > ? ORDER BY id LIMIT ?",
                                                  (last, _BATCH))]
            if not ids:
                return
            marks = ",".join("?" * len(ids))
            docs: dict[int, list] = {}
            for r in self.db.query(f"SELECT event_id, name FROM event_documents WHERE event_id IN ({marks})", ids):
                docs.setdefault(r["event_id"], []).append(r["name"])
            arts: dict[int, list] = {}
            for r in self.db.query(f"SELECT DISTINCT event_id, article_id FROM event_reports"
                                   f" WHERE event_id IN ({marks}) ORDER BY event_id, article_id", ids):
                arts.setdefault(r["event_id"], []).append(r["article_id"])
            for e in self._event_summaries(ids):
                e["documents"] = docs.get(e["id"], [])
                e["articles"] = arts.get(e["id"], [])
                yield e
            last = ids[-1]

    def iter_persons(self):
        last = 0
        while True:
            rows = self.db.query("SELECT id, name, country, zh, pinyin, name_source, n_articles FROM persons"
                                 " WHERE id > ? ORDER BY id LIMIT ?", (last, _BATCH))
            if not rows:
                return
            ids = [r["id"] for r in rows]
            marks = ",".join("?" * len(ids))
            aliases: dict[int, list] = {}
            for r in self.db.query(f"SELECT person_id, alias FROM person_aliases WHERE person_id IN ({marks})"
                                   f" ORDER BY person_id, n DESC", ids):
                aliases.setdefault(r["person_id"], []).append(r["alias"])
            positions: dict[int, list] = {}
            for r in self.db.query(f"SELECT person_id, title, first_seen, last_seen, n, sources FROM positions"
                                   f" WHERE person_id IN ({marks}) ORDER BY person_id, first_seen", ids):
                positions.setdefault(r["person_id"], []).append(
                    {"title": r["title"], "first_seen": r["first_seen"], "last_seen": r["last_seen"],
                     "n": r["n"], "sources": json.loads(r["sources"] or "[]")})
            for r in rows:
                r["aliases"] = aliases.get(r["id"], [])
                r["positions"] = positions.get(r["id"], [])
                yield r
            last = ids[-1]

    def export(self, fmt: str, out=None) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
        getattr(self, f"_export_{fmt}")(out)

    # ---------------------------------------------------------------- formats
    def _export_jsonl(self, out):
        with _text_out(out) as fh:
            for e in self.iter_events():
                fh.write(json.dumps(dict(kind="event", **e), ensure_ascii=False) + "\n")
            for p in self.iter_persons():
                fh.write(json.dumps(dict(kind="person", **p), ensure_ascii=False) + "\n")
            for st in self.iter_statements():
                fh.write(json.dumps(dict(kind="statement", **st), ensure_ascii=False) + "\n")

    def _tables(self):
        """Flat rows for csv/parquet: (name, columns, row iterator factory)."""
        ev_cols = ["id", "type", "cameo", "plover", "date", "end_date", "sort_date", "date_precision", "place",
                   "part_of", "n_sources",
                   "countries", "participants", "documents", "articles"]
        part_cols = ["event_id", "person_id", "name", "side", "role"]
        per_cols = ["id", "name", "country", "zh", "pinyin", "name_source", "n_articles", "aliases"]
        pos_cols = ["person_id", "title", "first_seen", "last_seen", "n", "sources"]

        def events():
            for e in self.iter_events():
                yield dict(e, countries=";".join(e["countries"]),
                           participants=";".join(p["name"] or "" for p in e["participants"]),
                           documents=";".join(e["documents"]), articles=";".join(e["articles"]))

        def participants():
            for e in self.iter_events():
                for p in e["participants"]:
                    yield {"event_id": e["id"], **p}

        def persons():
            for p in self.iter_persons():
                yield dict(p, aliases=";".join(p["aliases"]))

        def positions():
            for p in self.iter_persons():
                for pos in p["positions"]:
                    yield dict(pos, person_id=p["id"], sources=";".join(pos["sources"]))

        return [("events", ev_cols, events), ("event_participants", part_cols, participants),
                ("persons", per_cols, persons), ("positions", pos_cols, positions),
                ("statements", STATEMENT_COLUMNS, self.iter_statements)]

    def _export_csv(self, out):
        with _folder_out(out) as folder:
            for name, cols, rows in self._tables():
                with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
                    w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
                    w.writeheader()
                    for r in rows():
                        w.writerow(r)

    def _export_parquet(self, out):
        import pyarrow as pa
        import pyarrow.parquet as pq

        with _folder_out(out) as folder:
            for name, cols, rows in self._tables():
                data = {c: [] for c in cols}
                for r in rows():
                    for c in cols:
                        v = r.get(c)
                        data[c].append(None if v is None else (v if isinstance(v, (int, float)) else str(v)))
                table = pa.table({c: pa.array(v, type=_arrow_type(name, c)) for c, v in data.items()})
                pq.write_table(table, folder / f"{name}.parquet")

    def _export_graphml(self, out):
        weights: dict[tuple[int, int], int] = {}
        nodes: dict[int, dict] = {}
        for e in self.iter_events():
            ps = e["participants"]
            for p in ps:
                nodes.setdefault(p["person_id"], p)
            for i, a in enumerate(ps):
                for b in ps[i + 1:]:
                    k = tuple(sorted((a["person_id"], b["person_id"])))
                    weights[k] = weights.get(k, 0) + 1
        with _text_out(out) as fh:
            fh.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                     '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
                     '  <key id="name" for="node" attr.name="name" attr.type="string"/>\n'
                     '  <key id="country" for="node" attr.name="country" attr.type="string"/>\n'
                     '  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>\n'
                     '  <graph id="persons" edgedefault="undirected">\n')
            for pid, p in sorted(nodes.items()):
                fh.write(f'    <node id="p{pid}"><data key="name">{escape(p["name"] or "")}</data>'
                         f'<data key="country">{escape(p["side"] or "")}</data></node>\n')
            for (a, b), w in sorted(weights.items()):
                fh.write(f'    <edge source="p{a}" target="p{b}"><data key="weight">{w}</data></edge>\n')
            fh.write("  </graph>\n</graphml>\n")

    def _export_cameo(self, out):
        cols = ["date", "source_actor", "source_country", "cameo", "target_actor", "target_country",
                "plover", "place", "article_ids", "event_id", "type", "date_precision", "source_role", "target_role"]
        with _text_out(out) as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(cols)
            for e in self.iter_events():
                for row in kb_events.cameo_rows(e):
                    src, tgt = row["source"], row["target"]
                    w.writerow([e["sort_date"], src["name"] or "", src["side"], row["cameo"],
                                tgt["name"] or "", tgt["side"], e["plover"] or "", e["place"] or "",
                                ";".join(e["articles"]), e["id"], e["type"] or "", e["date_precision"] or "",
                                src["role"] or "", tgt["role"] or ""])


def _arrow_type(table: str, col: str):
    import pyarrow as pa

    ints = {"id", "part_of", "n_sources", "event_id", "person_id", "n_articles", "n", "speaker_id",
            "evidence_start", "evidence_end"}
    return pa.int64() if col in ints else pa.string()


