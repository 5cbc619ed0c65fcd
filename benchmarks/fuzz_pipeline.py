#!/usr/bin/env python3
"""A longer fuzz run of `pipeline.process` than the one in tests/ (issue 13).

Run by hand (not in CI):
    PYTHONPATH=src python benchmarks/fuzz_pipeline.py [--seconds 300] [--seed 13] [--max-ops 8]

Mutates the seed pages of tests/fuzz_pages.py (random operations and payloads:
impossible dates, deep and many tags, broken encodings, controls...) and runs
each through `pipeline.process`. An exception other than InputError is a crash;
crashes are grouped by (type, innermost ngoaigiao frame) and the first input of
each group (and the slowest page, slowest.bin) is saved under --crash-dir. Prints inputs, outcomes, crashes,
distinct crashes, and the slowest page against the median (a page far slower
than the rest would stall a batch).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from fuzz_pages import OPS, PAYLOADS, SEEDS, mutate  # noqa: E402

from ngoaigiao.errors import InputError  # noqa: E402
from ngoaigiao.pipeline import process  # noqa: E402


def signature(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "ngoaigiao" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-ops", type=int, default=8)
    ap.add_argument("--crash-dir", default="fuzz-crashes")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    outcomes: Counter[str] = Counter()
    crashes: Counter[str] = Counter()
    times: list[float] = []
    slowest = (0.0, b"")
    for name, data in SEEDS:  # imports and caches warm, so that the slowest page is a page
        process(data, id="warm", source=name)
    t_end = time.monotonic() + args.seconds
    n = 0
    while time.monotonic() < t_end:
        name, data = rng.choice(SEEDS)
        ops = [(rng.randrange(len(OPS)), rng.random(), rng.randrange(10 * len(PAYLOADS)))
               for _ in range(rng.randint(1, args.max_ops))]
        page = mutate(data, ops, keep_utf8=rng.random() < 0.5)
        n += 1
        t0 = time.perf_counter()
        try:
            article = process(page, id=f"fuzz{n}", source=name)
            json.dumps(article.to_record(with_text=True), ensure_ascii=False).encode("utf-8")
            outcomes["extracted"] += 1
        except InputError as exc:
            outcomes["InputError: " + exc.reason.split("(")[0].strip()[:50]] += 1
        except Exception as exc:  # noqa: BLE001 - this is what we count
            sig = signature(exc)
            if not crashes[sig]:
                out = Path(args.crash_dir)
                out.mkdir(exist_ok=True)
                (out / f"crash-{len(crashes) + 1}{Path(name).suffix}").write_bytes(page)
                print(f"crash: {sig}: {str(exc)[:120]}", file=sys.stderr)
            crashes[sig] += 1
        dt = time.perf_counter() - t0
        times.append(dt)
        if dt > slowest[0]:
            slowest = (dt, page)
    print(f"inputs {n:,} in {args.seconds:.0f}s ({n / args.seconds:.0f}/s), seed {args.seed}")
    for k, v in outcomes.most_common():
        print(f"  {v:>8,}  {k}")
    print(f"crashes {sum(crashes.values())}, distinct {len(crashes)}")
    for k, v in crashes.most_common():
        print(f"  {v:>8,}  {k}")
    if slowest[1]:
        Path(args.crash_dir).mkdir(exist_ok=True)
        (Path(args.crash_dir) / "slowest.bin").write_bytes(slowest[1])
    med = statistics.median(times) if times else 0
    print(f"time per page: median {med * 1000:.1f} ms, slowest {slowest[0] * 1000:.0f} ms "
          f"({slowest[0] / max(med, 1e-9):.0f}x the median, {len(slowest[1]):,} bytes)")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
