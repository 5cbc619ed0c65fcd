#!/usr/bin/env python3
"""Train the events' confidence model and write src/ngoaigiao/data/confidence_model.json.

    PYTHONPATH=src python scripts/train_confidence.py [--shared ../shared] [--out PATH] [--dry-run]

Runs the pipeline on ../shared/corpus/{seeds,dev,dev2}, labels every predicted
event right or wrong with the scorer's matching (eval/score.py), fits the
logistic regression and its calibration (src/ngoaigiao/extract/confidence_train.py)
and writes the model. Re-run it whenever the events stage changes: the
features and labels come from the events the pipeline makes now. The model
in use while it runs does not matter (features never read confidence).
Then check the result with benchmarks/calibration.py.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from ngoaigiao.extract import confidence_train as ct  # noqa: E402
from ngoaigiao.extract.confidence import MODEL_FILE, validate_model  # noqa: E402
from ngoaigiao.extract.confidence_corpus import CORPORA, corpus_samples  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (default ../shared)")
    ap.add_argument("--corpora", nargs="+", default=list(CORPORA), help="corpus folders to train on")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "ngoaigiao" / "data" / MODEL_FILE)
    ap.add_argument("--l2", type=float, default=ct.L2, help=f"L2 penalty (default {ct.L2})")
    ap.add_argument("--z", type=float, default=ct.Z, help=f"Wilson margin of the >= 0.8 band (default {ct.Z})")
    ap.add_argument("--dry-run", action="store_true", help="fit and print, do not write the file")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        samples, _parity = corpus_samples(a.shared, a.corpora, progress=lambda m: print("  " + m, flush=True))
    except FileNotFoundError as exc:
        print(f"train_confidence: {exc}", file=sys.stderr)
        return 2
    if not samples or all(s.label for s in samples) or not any(s.label for s in samples):
        print("train_confidence: need both right and wrong events to learn from; nothing written", file=sys.stderr)
        return 1
    right = sum(s.label for s in samples)
    print(f"events: {len(samples)} from {len({s.doc for s in samples})} articles, {right} right "
          f"({right / len(samples):.3f}), {len(samples) - right} wrong")
    model = ct.train(samples, l2=a.l2, z=a.z, note={"corpora": list(a.corpora), "l2": a.l2})
    validate_model(model, str(a.out))
    cal = model["calibration"]
    top = sorted(model["weights"].items(), key=lambda kv: -abs(kv[1]))[:12]
    print(f"features with a weight: {len(model['weights'])}; strongest: "
          + ", ".join(f"{k} {v:+.2f}" for k, v in top))
    hf = cal["high_from"]
    print(f">= 0.8 band: raw score >= {hf:.3f} and {' + '.join(cal['high_requires'])}" if hf is not None
          else ">= 0.8 band: none (no held-out subset was right often enough)")
    print("in-sample precision per band (optimistic; see benchmarks/calibration.py for held-out figures):")
    for r in ct.bands(ct.predict(model, samples)):
        print(f"  {r['band']:>9}  {r['events']:4d} events  precision {r['precision']}")
    if a.dry_run:
        print("dry run: nothing written")
    else:
        a.out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {a.out} ({time.perf_counter() - t0:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
