#!/usr/bin/env python3
"""A/B extraction speed: this tree against another one, in one process, article by article.

Run by hand (not in CI):
    PYTHONPATH=src python benchmarks/ab_extract.py REF_SRC [CORPUS_DIR] [--passes 30]

REF_SRC is the `src` directory of another checkout (e.g. `git worktree add /tmp/ref
<commit>`, then /tmp/ref/src). Its `ngoaigiao` package is copied to a temporary
directory as `ngoaigiao_ref` (imports rewritten), so both pipelines live in one
process pinned to one core, and every page is run by both, one right after the other,
in alternating order. On a shared or noisy machine the load then falls on both alike:
the speed-up (ref time / new time) is stable where separate runs of bench_extract.py
vary by a factor of two. Prints both speeds, the speed-up and its per-pass quartiles.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

_IMPORT = re.compile(r"\bngoaigiao(?=\.)|(?<=from )ngoaigiao(?= import)|(?<=^import )ngoaigiao$", re.M)


def copy_as_ref(src: Path, into: Path) -> None:
    """src/ngoaigiao -> into/ngoaigiao_ref, with its own imports pointing at itself."""
    dst = into / "ngoaigiao_ref"
    # (a compiled build's extensions are made for the name ngoaigiao: the copy runs as pure Python)
    shutil.copytree(src / "ngoaigiao", dst, ignore=shutil.ignore_patterns("__pycache__", "*.so", "_compiled.json"))
    for py in dst.rglob("*.py"):
        py.write_text(_IMPORT.sub("ngoaigiao_ref", py.read_text(encoding="utf-8")), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
                   REPO.parent / "shared") / "corpus" / "dev"
    ap.add_argument("ref_src", help="the src directory of the reference checkout")
    ap.add_argument("corpus", nargs="?", default=str(default))
    ap.add_argument("--passes", type=int, default=30, help="passes over the corpus (default 30)")
    args = ap.parse_args()
    ref = Path(args.ref_src)
    if not (ref / "ngoaigiao" / "pipeline.py").is_file():
        print(f"{ref}: not a source directory with ngoaigiao/pipeline.py", file=sys.stderr)
        return 2
    if args.passes < 2:
        print("--passes: at least 2", file=sys.stderr)
        return 2
    files = sorted(p for p in Path(args.corpus).rglob("*") if p.suffix in (".txt", ".html", ".htm"))
    if not files:
        print(f"no pages under {args.corpus}", file=sys.stderr)
        return 1
    pages = [(p.stem, p.read_bytes()) for p in files]
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    with tempfile.TemporaryDirectory() as tmp:
        copy_as_ref(ref, Path(tmp))
        sys.path.insert(0, tmp)
        import ngoaigiao_ref.pipeline as old  # noqa: E402

        from ngoaigiao import pipeline as new  # noqa: E402
        for _ in range(2):  # warm-up: data files, caches
            for pid, data in pages:
                old.process(data, id=pid)
                new.process(data, id=pid)
        clock = time.perf_counter
        t_old = t_new = 0.0
        ratios = []
        for r in range(args.passes):
            p_old = p_new = 0.0
            for k, (pid, data) in enumerate(pages):
                first, second = (old, new) if (k + r) % 2 else (new, old)
                t0 = clock()
                first.process(data, id=pid)
                t1 = clock()
                second.process(data, id=pid)
                t2 = clock()
                a, b = (t1 - t0, t2 - t1) if first is old else (t2 - t1, t1 - t0)
                p_old += a
                p_new += b
            t_old += p_old
            t_new += p_new
            ratios.append(p_old / p_new)
            print(f"\rpass {r + 1}/{args.passes}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    n = args.passes * len(pages)
    q1, _, q3 = statistics.quantiles(ratios, n=4)
    print(f"corpus      {args.corpus} ({len(pages)} pages x {args.passes} passes)")
    print(f"reference   {n / t_old:8.1f} articles/s  ({ref})")
    print(f"this tree   {n / t_new:8.1f} articles/s  ({REPO / 'src'})")
    print(f"speed-up    {t_old / t_new:8.3f} x  (per pass: median {statistics.median(ratios):.3f}, "
          f"quartiles {q1:.3f}-{q3:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
