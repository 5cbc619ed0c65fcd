#!/usr/bin/env python3
"""CPU time of the time-expressions stage (sentences' dates and the year guess), per article.

Run by hand (not in CI):
    PYTHONPATH=src python benchmarks/bench_timex.py [CORPUS_DIR ...] [--rounds 5] [--baseline-src /work/main/src]

- ours: `annotate.timex.annotate_times` over every page of the corpora (read, clean,
  metadata and sentences done beforehand, not timed), best of --rounds, CPU time
  (`time.process_time`: less sensitive to other processes on a shared machine than
  wall-clock time); also the same pages with the publication date hidden, where the
  year must be inferred from content (the slow path).
- baseline (optional): the same measurement, in the same run, of another source tree
  (e.g. main before a change) in a subprocess; printed with the ratio ours / baseline.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def measure(dirs: list[str], rounds: int) -> tuple[int, float, float]:
    """(articles, ms CPU per article with the page's date, ms CPU per article with it hidden)."""
    from ngoaigiao import clean, metadata, read
    from ngoaigiao.annotate import sentences, timex
    arts = []
    for d in dirs:
        for p in sorted(Path(d).glob("*.txt")):
            if p.name.lower().startswith("readme"):
                continue
            a = read.read_article(p.read_bytes(), id=p.stem, source=str(p))
            arts.append(sentences.split_sentences(metadata.extract_metadata(clean.clean(a))))
    if not arts:
        return 0, 0.0, 0.0
    published = [a.published for a in arts]

    def best(hide: bool) -> float:
        out = float("inf")
        for _ in range(rounds):
            for a, pub in zip(arts, published):
                a.published = None if hide else pub
            t0 = time.process_time()
            for a in arts:
                timex.annotate_times(a)
            out = min(out, time.process_time() - t0)
        return 1000 * out / len(arts)

    best(False)  # warm-up: compiled patterns, data files, the name table
    return len(arts), best(False), best(True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()), REPO.parent / "shared")
    ap.add_argument("corpora", nargs="*", default=[str(shared / "corpus" / c) for c in ("seeds", "dev", "dev2")])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--baseline-src", help="another src/ tree to measure in the same run (e.g. /work/main/src)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    missing = [c for c in args.corpora if not Path(c).is_dir()]
    if missing:
        print(f"bench_timex: corpus directory not found: {missing[0]}", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    n, dated, hidden = measure(args.corpora, args.rounds)
    if args.child:
        print(f"{n} {dated} {hidden}")
        return 0
    print(f"corpora           {', '.join(args.corpora)} ({n} pages)")
    print(f"timex stage       {dated:6.2f} ms CPU/article with the page's date, {hidden:6.2f} ms with it hidden")
    if args.baseline_src:
        env = dict(os.environ, PYTHONPATH=args.baseline_src)
        out = subprocess.run([sys.executable, __file__, *args.corpora, "--rounds", str(args.rounds), "--child"],
                             env=env, capture_output=True, text=True, cwd="/")
        if out.returncode != 0:
            print(f"baseline          not measured: {out.stderr.strip().splitlines()[-1:]}")
            return 0
        _bn, bd, bh = (float(x) for x in out.stdout.split())
        print(f"baseline          {bd:6.2f} ms / {bh:6.2f} ms  ({args.baseline_src})")
        print(f"ratio             {dated / bd:6.2f} x / {hidden / bh:6.2f} x  (ours / baseline; below 1 is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
