#!/usr/bin/env python3
"""Extraction speed and memory, with underthesea's NER measured in the same run.

Run by hand (not in CI):
    PYTHONPATH=src python benchmarks/bench_extract.py [CORPUS_DIR] [--articles 2000] [--baseline-sample 30]

- ours: `pipeline.process` (read, clean, metadata, sentences, timex, persons,
  events) over the corpus repeated to at least --articles pages, one process
  pinned to one core; articles/s and MB/s.
- memory: peak RSS of this process (ru_maxrss) after the run, and the peak
  Python heap (tracemalloc) during a separate pass over the corpus once.
- machine baseline (always): a word count of the same pages (decode, lower case,
  `re` words, a Counter), articles/s, and the ratio ours / it measured in rounds
  that alternate the two: comparable across machines and loads, unlike raw articles/s.
- baseline: `underthesea.ner` (an off-the-shelf Vietnamese NER tagger; only in
  the optional `bench` extra) over every non-empty line of a sample of the same
  pages, same core; printed as articles/s and as the ratio ours / underthesea.
  underthesea only tags names (PER/LOC/ORG): it does no cleaning, no titles,
  no events, so the ratio flatters it.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from ngoaigiao import pipeline  # noqa: E402

_WORDS = re.compile(r"\w+")


def load_corpus(path: Path) -> list[tuple[str, bytes]]:
    files = sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".html", ".htm"))
    return [(p.stem, p.read_bytes()) for p in files]


def bench_ours(pages: list[tuple[str, bytes]], n: int) -> tuple[float, int, int]:
    for pid, data in pages:  # warm-up: data files, regex caches
        pipeline.process(data, id=pid)
    reps = -(-n // len(pages))
    work = (pages * reps)[: max(n, len(pages))]
    nbytes = sum(len(d) for _, d in work)
    t0 = time.perf_counter()
    for pid, data in work:
        pipeline.process(data, id=pid)
    return time.perf_counter() - t0, len(work), nbytes


def bench_front(pages: list[tuple[str, bytes]], n: int) -> float:
    """read + clean + metadata alone (the stages before annotation), articles/s."""
    from ngoaigiao import clean, metadata, read
    reps = -(-n // len(pages))
    work = (pages * reps)[: max(n, len(pages))]
    t0 = time.perf_counter()
    for pid, data in work:
        metadata.extract_metadata(clean.clean(read.read_article(data, id=pid)))
    return len(work) / (time.perf_counter() - t0)


def _wordcount(pages: list[tuple[str, bytes]]) -> None:
    counts: Counter = Counter()
    for _pid, data in pages:
        for line in data.decode("utf-8", errors="replace").lower().splitlines():
            counts.update(_WORDS.findall(line))


def bench_baseline(pages: list[tuple[str, bytes]], rounds: int = 9, reps: int = 20) -> tuple[float, float]:
    """A machine baseline that no change to ngoaigiao moves: decode, lower-case and count
    the words of the same pages (pure Python + re). Measured in rounds alternating with
    one pipeline pass over the pages, so both see the same load on a shared machine:
    (baseline articles/s, median over rounds of pipeline speed / baseline speed)."""
    ratios, speeds = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for pid, data in pages:
            pipeline.process(data, id=pid)
        t1 = time.perf_counter()
        for _ in range(reps):
            _wordcount(pages)
        t2 = time.perf_counter()
        speeds.append(reps * len(pages) / (t2 - t1))
        ratios.append(((t2 - t1) / reps) / (t1 - t0))
    return statistics.median(speeds), statistics.median(ratios)


def bench_stage(pages: list[tuple[str, bytes]], name: str) -> tuple[float, float]:
    """One stage alone, on articles the stages before it filled: (articles/s, share of the pipeline's time)."""
    names = [n for n, _ in pipeline.STAGES]
    if name not in names:
        return 0.0, 0.0
    k = names.index(name)
    before = []
    t_all = 0.0
    for pid, data in pages:
        t0 = time.perf_counter()
        a = pipeline.read.read_article(data, id=pid)
        for _n, stage in pipeline.STAGES[:k]:
            a = stage(a)
        t_all += time.perf_counter() - t0
        before.append(a)
    t0 = time.perf_counter()
    for a in before:
        pipeline.STAGES[k][1](a)
    t_stage = time.perf_counter() - t0
    return len(before) / t_stage, t_stage / (t_all + t_stage)


def heap_peak(pages: list[tuple[str, bytes]]) -> int:
    tracemalloc.start()
    for pid, data in pages:
        pipeline.process(data, id=pid)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def bench_underthesea(pages: list[tuple[str, bytes]], sample: int):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never download anything
    try:
        from underthesea import ner
    except Exception as exc:  # not installed (GPL/optional) or broken
        return None, f"underthesea unavailable ({type(exc).__name__}: {exc}); install the bench extra"
    texts = [pipeline.read.read_article(d, id=i).text for i, d in pages[:sample]]
    ner("Thủ tướng Phạm Minh Chính tiếp Đại sứ Hùng Ba.")  # warm-up (model load)
    t0 = time.perf_counter()
    for text in texts:
        for line in text.split("\n"):
            if line.strip():
                ner(line)
    return (time.perf_counter() - t0, len(texts)), None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
                   REPO.parent / "shared") / "corpus" / "dev"   # ../shared (or ../../shared from a worktree)
    ap.add_argument("corpus", nargs="?", default=str(default))
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--baseline-sample", type=int, default=30)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    pages = load_corpus(Path(args.corpus))
    if not pages:
        print(f"no pages under {args.corpus}", file=sys.stderr)
        return 1
    secs, n, nbytes = bench_ours(pages, args.articles)
    ours = n / secs
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    heap_mb = heap_peak(pages) / 2**20
    print(f"corpus            {args.corpus} ({len(pages)} pages, repeated to {n})")
    print(f"ngoaigiao         {ours:8.1f} articles/s  ({nbytes / secs / 2**20:.2f} MB/s, {secs:.2f} s, one core)")
    front = bench_front(pages, args.articles)
    print(f"  of which read+clean+metadata alone: {front:.1f} articles/s")
    words, vs = bench_baseline(pages)
    print(f"baseline          {words:8.1f} articles/s  (word count of the same pages: decode, lower, re \\w+, Counter)")
    print(f"vs baseline       {vs:8.4f} x  (ngoaigiao / word-count baseline, median of 9 rounds alternating both)")
    rate, share = bench_stage(pages * 5, "statements")
    print(f"  statements stage alone: {rate:.1f} articles/s, {100 * share:.1f}% of the pipeline's time")
    print(f"peak memory       {rss_mb:8.1f} MB RSS (whole process), {heap_mb:.1f} MB Python heap over one pass")
    base, why = bench_underthesea(pages, args.baseline_sample)
    if base is None:
        print(f"underthesea.ner   not measured: {why}")
        return 0
    bsecs, bn = base
    theirs = bn / bsecs
    print(f"underthesea.ner   {theirs:8.1f} articles/s  ({bn} of the same pages, line by line, {bsecs:.2f} s)")
    print(f"ratio             {ours / theirs:8.1f} x  (ngoaigiao full pipeline / underthesea NER only)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
