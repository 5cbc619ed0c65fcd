#!/usr/bin/env python3
"""Is an event's confidence worth trusting? Observed precision per confidence band.

Run by hand:
    PYTHONPATH=src python benchmarks/calibration.py [--shared ../shared] [--corpora seeds dev dev2]

Runs the pipeline on the corpora, labels each event right or wrong with the
scorer's matching (eval/score.py), and prints precision per band twice:
- shipped model: the confidences the pipeline gives now (data/confidence_model.json).
  It was trained on these very articles, so the figures are optimistic.
- cross-validated: a model trained (scripts/train_confidence.py's procedure)
  on the odd-numbered articles scores the even ones, and the other way round
  (eval/halves.py parity); the held-out confidences of both halves are pooled.
  These are the honest figures. The promise: confidence >= 0.8 means right
  at least 95% of the time; exit code 1 when the cross-validated band breaks it.
- speed: the whole pipeline with and without the confidence stage, same pages,
  passes interleaved in one run (--repeat passes).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from ngoaigiao.extract import confidence_train as ct  # noqa: E402
from ngoaigiao.extract.confidence import HIGH, load_model  # noqa: E402
from ngoaigiao.extract.confidence_corpus import CORPORA, corpus_samples  # noqa: E402


def table(title: str, pairs: list[tuple[float, bool]]) -> dict:
    print(f"\n{title}")
    print(f"  {'band':>9} {'events':>7} {'right':>6} {'precision':>10}")
    for r in ct.bands(pairs):
        p = "-" if r["precision"] is None else f"{r['precision']:.3f}"
        print(f"  {r['band']:>9} {r['events']:>7} {r['right']:>6} {p:>10}")
    hb = ct.high_band(pairs)
    p = "-" if hb["precision"] is None else f"{hb['precision']:.3f}"
    print(f"  {'>= 0.8':>9} {hb['events']:>7} {hb['right']:>6} {p:>10}   (all events: {len(pairs)}, "
          f"precision {sum(y for _, y in pairs) / max(1, len(pairs)):.3f})")
    return hb


def stage_cost(shared: Path, corpora, repeat: int) -> None:
    """The whole pipeline with and without the confidence stage, passes interleaved (same
    pages, same process, same core load), and the stage's own share of the time (timed
    inside the same passes: robust to other load on the machine)."""
    from ngoaigiao import pipeline
    pages = [(p.stem, p.read_bytes()) for c in corpora for p in sorted((shared / "corpus" / c).glob("*.txt"))]
    full = list(pipeline.STAGES)
    without = [st for st in full if st[0] != "confidence"]
    times = {"with": 0.0, "without": 0.0, "stage": 0.0}

    def timed(stage):
        def run(article):
            t = time.perf_counter()
            out = stage(article)
            times["stage"] += time.perf_counter() - t
            return out
        return run
    measured = [(name, timed(fn) if name == "confidence" else fn) for name, fn in full]
    try:
        for i, d in pages:  # warm-up: data files, regex caches, the model
            pipeline.process(d, id=i)
        for _ in range(repeat):
            for name, stages in (("without", without), ("with", measured)):
                pipeline.STAGES[:] = stages
                t0 = time.perf_counter()
                for i, d in pages:
                    pipeline.process(d, id=i)
                times[name] += time.perf_counter() - t0
    finally:
        pipeline.STAGES[:] = full
    n = len(pages) * repeat
    print(f"\nspeed over {n} pages (one process; other load on the machine slows both alike): "
          f"pipeline without the confidence stage {n / times['without']:.0f} articles/s, with it "
          f"{n / times['with']:.0f} articles/s (ratio {times['without'] / times['with']:.3f}); the stage itself "
          f"took {100 * times['stage'] / times['with']:.1f}% of the time of the passes with it")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (default ../shared)")
    ap.add_argument("--corpora", nargs="+", default=list(CORPORA))
    ap.add_argument("--repeat", type=int, default=3, help="passes over the pages for the speed figures (0: skip)")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        samples, parity = corpus_samples(a.shared, a.corpora, progress=lambda m: print("  " + m, flush=True))
    except FileNotFoundError as exc:
        print(f"calibration: {exc}", file=sys.stderr)
        return 2
    model = load_model()
    if model is None:
        print("calibration: no shipped model (src/ngoaigiao/data/confidence_model.json); run scripts/train_confidence.py")
    else:
        table(f"shipped model on {'+'.join(a.corpora)} (trained on them: optimistic)", ct.predict(model, samples))
    halves = {h: [s for s in samples if parity(s.doc) == h] for h in ("odd", "even")}
    print(f"\ncross-validated: odd articles {len({s.doc for s in halves['odd']})} "
          f"({len(halves['odd'])} events), even {len({s.doc for s in halves['even']})} ({len(halves['even'])} events)")
    cv = []
    for train_on, test_on in (("odd", "even"), ("even", "odd")):
        m = ct.train(halves[train_on])
        pairs = ct.predict(m, halves[test_on])
        hb = ct.high_band(pairs)
        hf = m["calibration"]["high_from"]
        print(f"  trained on {train_on}, scored {test_on}: >= 0.8 band {hb['right']}/{hb['events']}"
              f" (raw threshold {'none' if hf is None else f'{hf:.3f}'})")
        cv.extend(pairs)
    hb = table("cross-validated (held-out halves pooled)", cv)
    ok = hb["precision"] is None or hb["precision"] >= ct.TARGET
    print(f"\n>= {HIGH} band cross-validated precision: "
          f"{'-' if hb['precision'] is None else format(hb['precision'], '.3f')} on {hb['events']} events "
          f"(target {ct.TARGET}): {'OK' if ok else 'FAILS'}   [{time.perf_counter() - t0:.1f}s]")
    if a.repeat > 0:
        stage_cost(a.shared, a.corpora, a.repeat)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
