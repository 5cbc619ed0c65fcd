"""Merge evaluation: pairwise precision and recall of "these two reports are one event".

    PYTHONPATH=src python benchmarks/eval_merge.py [--corpus ../shared/corpus] [--examples examples]

Three sets, each ingested into a fresh SQLite knowledge base (the store's own
merging, so what is measured is what an analyst gets):

- **written**: tests/fixtures/merge/cases.json, reports we wrote of a dozen
  occasions by several outlets, with the noise extraction leaves and
  confusers; every event carries the occasion it reports.
- **corpus**: seeds + dev + dev2 + examples through the whole pipeline. Reports
  of one occasion in two articles are listed in
  benchmarks/merge_corpus_clusters.tsv (article, type, names); every other
  report is its own occasion.
- **perturbed**: each corpus event with two sides, re-reported by a made-up
  outlet with one kind of noise (no day, an extra or a missing attendee, a
  neighbouring type, another order) -- the same occasion -- or as a confuser
  (two days later, another head on one side) -- another occasion.

A pair is two reports in different articles; it is predicted "same" when the
store put them in one event. Odd- and even-numbered occasions are also scored
apart (tune on odd, check on even).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

FAMILY = {"talks": "meet", "meeting": "meet", "other": "meet", "phone_call": "call", "video_call": "call"}


def _family(t):
    return FAMILY.get(t, t)


def written_records():
    from kb_support import make_record

    cases = json.loads((ROOT / "tests/fixtures/merge/cases.json").read_text(encoding="utf-8"))
    recs, labels = [], {}
    for a in cases["articles"]:
        events = []
        for i, ev in enumerate(a["events"]):
            ev = dict(ev)
            labels[(a["id"], i)] = ev.pop("cluster")
            events.append(ev)
        recs.append(make_record(a["id"], a["text"], outlet=a["outlet"], published=a["published"],
                                persons=[tuple(p) for p in a["persons"]], events=events))
    return recs, labels


def corpus_records(dirs):
    from ngoaigiao.pipeline import process
    from ngoaigiao.store.walk import Bad, iter_inputs

    recs = []
    for item in iter_inputs([str(d) for d in dirs]):
        if isinstance(item, Bad):
            continue
        try:
            recs.append(process(item.data, id=item.id, source=item.source, url=item.url).to_record(with_text=True))
        except Exception as exc:  # a bad page is not a merge question
            print(f"{item.source}: skipped ({exc})", file=sys.stderr)
    return recs


def corpus_labels(recs):
    lines = [ln for ln in (ROOT / "benchmarks/merge_corpus_clusters.tsv").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    labels = {}
    for r in recs:
        for i, ev in enumerate(r.get("events") or []):
            lab = f"{r['id']}#{i}"
            for row in rows:
                names = row["names"].split("|")
                if row["article"] == r["id"] and _family(row["type"]) == _family(ev.get("type")) \
                        and all(n in (ev.get("participants") or []) for n in names):
                    lab = row["cluster"]
                    break
            labels[(r["id"], i)] = lab
    return labels


def _shift(day, n):
    return (date.fromisoformat(day) + timedelta(days=n)).isoformat()


def perturbed_records(recs, base_labels):
    """Re-reports of each two-sided corpus event by a made-up outlet (see the module doc).
    `base_labels`: the occasion of each corpus report, which its same-occasion re-reports share."""
    from kb_support import make_record

    people = defaultdict(list)  # country -> names seen, for a confusing other head
    for r in recs:
        for p in r.get("persons") or []:
            if p.get("country") and p["name"] not in people[p["country"]]:
                people[p["country"]].append(p["name"])
    out, labels, n = [], {}, 0
    for r in recs:
        country = {p["name"]: p.get("country") for p in r.get("persons") or []}
        titles = {p["name"]: p.get("titles") or [] for p in r.get("persons") or []}
        for i, ev in enumerate(r.get("events") or []):
            names = ev.get("participants") or []
            sides = {country.get(x) for x in names} - {None}
            day = ev.get("date")
            if ev.get("type") == "visit" or len(sides) < 2 or not day or len(day) != 10:
                continue
            base = base_labels.get((r["id"], i), f"{r['id']}#{i}")
            # Another outlet may name the other side first; within a side the head stays first.
            other_first = [x for x in names if country.get(x) != country.get(names[0])] + \
                [x for x in names if country.get(x) == country.get(names[0])]
            variants = [
                ("no-day", dict(date=None), _shift(day, 1), base),
                ("reordered", dict(participants=other_first), day, base),
                ("type", dict(type={"talks": "meeting", "meeting": "talks"}.get(ev["type"], ev["type"])), day, base),
                ("later", {}, _shift(day, 2), None),
            ]
            side_a = country.get(names[0])
            same_side = [x for x in people.get(side_a, []) if x not in names]
            if same_side:
                variants.append(("extra", dict(participants=names + [same_side[0]]), day, base))
                # another head of the first side (the extra person first, the old head gone)
                variants.append(("other-head", dict(participants=[same_side[0]] + names[1:]), day, None))
            for kind, change, published, label in variants:
                n += 1
                e = {k: ev.get(k) for k in ("type", "date", "end_date", "place", "participants", "countries",
                                            "documents", "cameo", "plover", "roles")}
                e["part_of"] = None
                e["roles"] = {}
                e.update(change)
                if kind == "later":
                    e["date"] = _shift(day, 2)
                if kind == "other-head":
                    e["roles"] = {}
                aid = f"zz{n:05d}-{kind}"
                ps = e["participants"]
                text = (f"Bản tin {aid} của một cơ quan báo chí khác\n"
                        f"Theo bản tin số {n}, " + ", ".join(ps) + f" đã có cuộc gặp ({kind}, {n}).")
                # The added attendee is given no title (an attendee, not a new head); the
                # replacing head is given a head's title.
                persons = [(x, country.get(x) or next((c for c, xs in people.items() if x in xs), None),
                            ["Thủ tướng"] if kind == "other-head" and x == ps[0]
                            else titles.get(x, []) if x in names else [])
                           for x in ps]
                out.append(make_record(aid, text, outlet="example.vn", published=published,
                                       persons=persons, events=[e]))
                labels[(aid, 0)] = label or f"{aid}#0"
    return out, labels


def score(recs, labels, tmp: Path, name: str) -> dict:
    from ngoaigiao.store import open_store

    store = open_store(str(tmp / f"{name}.db"))
    for rec in sorted(recs, key=lambda r: r["id"]):
        store.ingest_record(rec)
    event_of = {(r["article_id"], r["idx"]): r["event_id"]
                for r in store.db.query("SELECT article_id, idx, event_id FROM event_reports")}
    store.close()
    reps = [k for k in labels if k in event_of]
    order = {lab: i for i, lab in enumerate(sorted({labels[k] for k in reps}))}
    out = {}
    for half in ("all", "odd", "even"):
        tp = fp = fn = 0
        for a, b in combinations(reps, 2):
            if a[0] == b[0]:
                continue
            la, lb = labels[a], labels[b]
            if half != "all" and (order[la] % 2 == (0 if half == "odd" else 1)) \
                    and (order[lb] % 2 == (0 if half == "odd" else 1)):
                continue  # score a half on pairs touching its occasions
            same, pred = la == lb, event_of[a] == event_of[b]
            tp += same and pred
            fp += pred and not same
            fn += same and not pred
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[half] = {"pairs_same": tp + fn, "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3),
                     "recall": round(r, 3)}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"),
                    help="folder with seeds/, dev/, dev2/ (default ../shared/corpus)")
    ap.add_argument("--examples", default=str(ROOT / "examples"), help="the examples folder")
    ap.add_argument("--only", choices=["written", "corpus", "perturbed"], action="append",
                    help="score only these sets (repeatable)")
    args = ap.parse_args(argv)
    sets = args.only or ["written", "corpus", "perturbed"]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if "written" in sets:
            recs, labels = written_records()
            results["written"] = score(recs, labels, tmp, "written")
        if "corpus" in sets or "perturbed" in sets:
            dirs = [Path(args.corpus) / d for d in ("seeds", "dev", "dev2")] + [Path(args.examples)]
            dirs = [d for d in dirs if d.is_dir()]
            if not dirs:
                print(f"{args.corpus}: no corpus folders; skipping the corpus sets", file=sys.stderr)
            else:
                print(f"extracting {', '.join(str(d) for d in dirs)}", file=sys.stderr)
                crecs = corpus_records(dirs)
                if "corpus" in sets:
                    results["corpus"] = score(crecs, corpus_labels(crecs), tmp, "corpus")
                if "perturbed" in sets:
                    clabels = corpus_labels(crecs)
                    precs, plabels = perturbed_records(crecs, clabels)
                    labels = {**clabels, **plabels}
                    results["perturbed"] = score(crecs + precs, labels, tmp, "perturbed")
    for name, res in results.items():
        for half, m in res.items():
            print(f"{name:<10} {half:<5} pairs-same {m['pairs_same']:>5}  tp {m['tp']:>5}  fp {m['fp']:>4}  "
                  f"fn {m['fn']:>4}  precision {m['precision']:.3f}  recall {m['recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
