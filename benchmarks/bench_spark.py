"""Throughput of `ngoaigiao spark extract` on local[1] and local[2] vs the
single-process CLI (`python -m ngoaigiao extract --jobs 1`) on the same input.

    PYTHONPATH=src python benchmarks/bench_spark.py [--n 20000] [--keep DIR]

The input is the shared dev set + seeds multiplied to N articles: each copy
gets other dates (years and days shifted) and other personal names (the gold
annotation's names replaced by generated ones), written as .txt files in a
temp dir. Prints seconds, pages/s, pages/s per core, the local[2]/local[1]
speed-up (target >= 1.7) and the ratio to the CLI. The machine's load average
is printed with every phase: other processes on the same cores lower the
speed-up.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
CORPUS = REPO.parent / "shared" / "corpus"

GIVEN = ["Văn An", "Thị Bình", "Quốc Cường", "Minh Dũng", "Thu Hà", "Hữu Khang", "Ngọc Lan", "Đức Long",
         "Thanh Mai", "Xuân Nam", "Hoài Phong", "Kim Quy", "Anh Tuấn", "Bảo Trâm", "Gia Vinh", "Hải Yến"]
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
DAY = re.compile(r"\b([12]?\d)/(\d{1,2})\b")


def sources() -> list[tuple[str, str, list[str]]]:
    out = []
    for d in ("dev", "seeds"):
        for f in sorted((CORPUS / d).glob("*.txt")):
            gold = f.with_suffix(".gold.json")
            names = [p["name"] for p in json.loads(gold.read_text("utf-8")).get("persons", [])] if gold.exists() else []
            out.append((f.stem, f.read_text("utf-8"), sorted(set(names), key=len, reverse=True)))
    return out


def variant(text: str, names: list[str], rng: random.Random, surnames: list[str]) -> str:
    shift = rng.randint(-6, 3)
    text = YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    dd = rng.randint(0, 8)
    text = DAY.sub(lambda m: f"{(int(m.group(1)) + dd - 1) % 28 + 1}/{m.group(2)}", text)
    for n in names:
        if " " in n:
            text = text.replace(n, f"{rng.choice(surnames)} {rng.choice(GIVEN)}")
    return text


def make_input(n: int, root: Path) -> int:
    from ngoaigiao.data import load_lines

    surnames = [s for s in load_lines("surnames.txt") if " " not in s] or ["Nguyễn"]
    rng = random.Random(7)
    src = sources()
    if not src:
        sys.exit(f"bench_spark: the shared corpus is not at {CORPUS}")
    size = 0
    for i in range(n):
        stem, text, names = src[i % len(src)]
        sub = root / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = variant(text, names, rng, surnames).encode()
        (sub / f"{stem}_{i:06d}.txt").write_bytes(data)
        size += len(data)
    return size


def tree_cpu(root: int) -> float:
    """CPU seconds (user+system) of the live descendants of `root`: the Spark JVM
    and its Python workers. The machine may be shared, so wall time alone says
    little about per-core throughput."""
    procs = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                f = (d / "stat").read_text().rsplit(")", 1)[1].split()
                procs[int(d.name)] = (int(f[1]), (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK"))
            except (OSError, IndexError, ValueError):
                pass
    total, stack = 0.0, [root]
    while stack:
        pid = stack.pop()
        for child, (ppid, cpu) in procs.items():
            if ppid == pid:
                total += cpu
                stack.append(child)
    return total


def load() -> str:
    return "load %.1f" % os.getloadavg()[0]


def run_cli(inp: Path) -> tuple[float, float]:
    import resource

    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ngoaigiao", "extract", "--jobs", "1", "--quiet", "--format", "json",
                    str(inp)], stdout=subprocess.DEVNULL, env=env, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - t, cpu


def _session(master: str, app_name: str, partitions: int):
    from ngoaigiao.spark.session import get_session

    return get_session(master, app_name=app_name, shuffle_partitions=partitions,
                       conf={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
                             "spark.driver.memory": "4g"})


def run_spark(master: str, inp: Path, out: Path, partitions: int) -> tuple[float, float, int, float]:
    from ngoaigiao.spark import extract

    t0 = time.perf_counter()
    spark = _session(master, f"bench-{master}", partitions)
    started = time.perf_counter() - t0
    try:
        cpu0 = tree_cpu(os.getpid())
        result = extract.run(spark, [str(inp)], str(out), partitions=partitions, log=open(os.devnull, "w"))
        cpu = tree_cpu(os.getpid()) - cpu0
    finally:
        spark.stop()  # the next master gets a new SparkContext in the same JVM
    return result.seconds, started, result.articles, cpu


def run_resolve(master: str, out: Path, partitions: int) -> tuple[float, float]:
    """`spark resolve` over an extract run's output: wall seconds and CPU seconds."""
    from ngoaigiao.spark import resolve as spark_resolve

    spark = _session(master, f"bench-resolve-{master}", partitions)
    try:
        cpu0 = tree_cpu(os.getpid())
        t = time.perf_counter()
        spark_resolve.run(spark, str(out), str(out.parent / (out.name + "-resolved")))
        secs = time.perf_counter() - t
        cpu = tree_cpu(os.getpid()) - cpu0
    finally:
        spark.stop()
    return secs, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20_000, help="articles (default 20000)")
    ap.add_argument("--partitions", type=int, default=16, help="Spark partitions (default 16)")
    ap.add_argument("--skip-cli", action="store_true", help="do not time the single-process CLI")
    ap.add_argument("--keep", type=Path, help="generate the input here and keep it")
    ap.add_argument("--resolve", action="store_true",
                    help="also time `spark resolve` on local[2] over the local[2] extract output")
    args = ap.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-spark-"))
    inp = root / "in"
    try:
        if not inp.exists():
            t = time.perf_counter()
            size = make_input(args.n, inp)
            print(f"input: {args.n} articles, {size / 1e6:.1f} MB in {time.perf_counter() - t:.0f}s -> {inp}")
        results = {}
        for master in ("local[1]", "local[2]"):
            print(f"{master}: running ({load()})", flush=True)
            secs, start, n, cpu = run_spark(master, inp, root / f"out-{master[6]}", args.partitions)
            results[master] = secs
            print(f"{master}: {n} articles in {secs:.1f}s = {n / secs:.1f} pages/s "
                  f"({n / secs / int(master[6]):.1f} per core; JVM start {start:.1f}s not counted; {load()})\n"
                  f"{master}: CPU {cpu:.0f}s (JVM + Python workers) = {n / cpu:.1f} pages per CPU-second",
                  flush=True)
        speedup = results["local[1]"] / results["local[2]"]
        print(f"speed-up local[2] vs local[1]: {speedup:.2f}x (target >= 1.7)")
        if args.resolve:
            print(f"resolve local[2]: running ({load()})", flush=True)
            secs, cpu = run_resolve("local[2]", root / "out-2", args.partitions)
            print(f"resolve local[2]: {args.n} articles in {secs:.1f}s = {args.n / secs:.1f} articles/s "
                  f"({load()}); CPU {cpu:.0f}s = {args.n / cpu:.1f} articles per CPU-second", flush=True)
        if not args.skip_cli:
            print(f"cli: running ({load()})", flush=True)
            secs, cpu = run_cli(inp)
            print(f"cli (python -m ngoaigiao extract --jobs 1): {args.n} articles in {secs:.1f}s = "
                  f"{args.n / secs:.1f} pages/s ({load()}); CPU {cpu:.0f}s = {args.n / cpu:.1f} pages per CPU-second")
            print(f"ratio local[1] / cli: {secs / results['local[1]']:.2f}x  "
                  f"local[2] / cli: {secs / results['local[2]']:.2f}x")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
