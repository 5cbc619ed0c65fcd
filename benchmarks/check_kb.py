"""The analyst's checks on a knowledge base (run by hand on a corpus database):

    PYTHONPATH=src python benchmarks/check_kb.py --db kb.db

- events without a sort_date whose article has a date (should be 0);
- counterpart pairs of one country (should be 0);
- CAMEO rows without a date or without two different countries (should be 0);
- events by date precision; CAMEO rows by code.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import Counter


def checks(store) -> dict:
    q = store.db.query
    undated = q("SELECT DISTINCT e.id FROM events e JOIN event_reports r ON r.event_id = e.id"
                " JOIN articles a ON a.id = r.article_id WHERE e.sort_date IS NULL AND a.published IS NOT NULL")
    same_side = q("SELECT count(*) AS n FROM person_counterparts c JOIN persons a ON a.id = c.person_id"
                  " JOIN persons b ON b.id = c.other_id WHERE a.country IS NOT NULL AND a.country = b.country")[0]["n"]
    buf = io.StringIO()
    store.export("cameo", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue()), delimiter="\t"))
    bad = [r for r in rows if not r["date"] or not r["source_country"] or not r["target_country"]
           or r["source_country"] == r["target_country"]]
    return {
        "events": store.db.scalar("SELECT count(*) FROM events"),
        "events_undated_with_dated_article": len(undated),
        "same_country_counterpart_pairs": same_side,
        "cameo_rows": len(rows),
        "cameo_rows_bad": len(bad),
        "cameo_codes": dict(Counter(r["cameo"] for r in rows)),
        "events_by_precision": store.stats()["events_by_date_precision"],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="knowledge base (path or URL)")
    args = ap.parse_args(argv)
    from ngoaigiao.store import open_store

    with open_store(args.db) as store:
        for k, v in checks(store).items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
