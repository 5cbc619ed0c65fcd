"""The store's CPU per article under two versions of the code, rounds in lockstep (run by hand).

On a shared machine the same code swings by half between a quiet and a busy
minute, more than one change to the store is worth; a ratio needs both codes
measured under the same load. Here two worker processes (one per source tree,
both pinned to one core with taskset when it is there) hold the same extracted
records in memory; the driver has them store the records into a fresh
database in turns -- a round of one, then a round of the other, the order
flipped every round -- and prints the medians, the best rounds and the
per-round ratio B/A. The records are the corpus (seeds + dev + dev2) extracted
once with tree A's code, so both stores get exactly the same input.

    PYTHONPATH=src python benchmarks/ab_store.py --a /path/to/old/src --rounds 30
    PYTHONPATH=src python benchmarks/ab_store.py --a OLD/src --b NEW/src --batch 1 --rounds 10
"""
from __future__ import annotations

import argparse
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def _extract(corpus: Path, out: str) -> int:
    """Worker: the corpus's records with this process's code, pickled."""
    from ngoaigiao.pipeline import process

    files = sorted(p for d in ("seeds", "dev", "dev2") for p in (corpus / d).glob("*.txt"))
    recs = [process(f.read_bytes(), id=f.stem, source=str(f)).to_record(with_text=True) for f in files]
    with open(out, "wb") as fh:
        pickle.dump(recs, fh)
    return len(recs)


def _serve(records: str, db: str, batch: int) -> None:
    """Worker: one warm-up round, then one round per line read; prints CPU ms per article."""
    from ngoaigiao.store import open_store

    with open(records, "rb") as fh:
        recs = pickle.load(fh)

    def one_round() -> float:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        store = open_store(db)
        c0 = time.process_time()
        for i in range(0, len(recs), batch):
            store.ingest_batch(recs[i:i + batch])
        cpu = time.process_time() - c0
        store.close()
        return cpu * 1000 / len(recs)

    one_round()
    print("ready", flush=True)
    for _ in sys.stdin:
        print(f"{one_round():.4f}", flush=True)


def _python(src: str, *args: str) -> list[str]:
    pin = ["taskset", "-c", os.environ.get("AB_CORE", "1")] if shutil.which("taskset") else []
    return [*pin, sys.executable, str(HERE), *args]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--a", help="source tree of the baseline (a directory holding ngoaigiao/); required")
    ap.add_argument("--b", default=str(HERE.parents[1] / "src"), help="source tree compared (default: this one)")
    ap.add_argument("--rounds", type=int, default=20, help="rounds of each, after a warm-up round (default 20)")
    ap.add_argument("--batch", type=int, default=50, help="records per ingest_batch (default 50)")
    ap.add_argument("--corpus", default=str(HERE.parents[1].parent / "shared" / "corpus"),
                    help="the shared corpus directory (default ../shared/corpus)")
    ap.add_argument("--worker", nargs=3, metavar=("RECORDS", "DB", "BATCH"), help=argparse.SUPPRESS)
    ap.add_argument("--extract", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.extract:
        print(_extract(Path(args.extract[0]), args.extract[1]))
        return 0
    if args.worker:
        _serve(args.worker[0], args.worker[1], int(args.worker[2]))
        return 0
    if not args.a:
        ap.error("--a SRC is required (the baseline's source tree)")
    if args.rounds < 1 or args.batch < 1:
        ap.error("--rounds and --batch must be at least 1")
    trees = {"A": args.a, "B": args.b}
    for name, src in trees.items():
        if not (Path(src) / "ngoaigiao" / "store").is_dir():
            ap.error(f"--{name.lower()} {src}: not a source tree (no ngoaigiao/store in it)")
    if not any((Path(args.corpus) / d).is_dir() for d in ("seeds", "dev", "dev2")):
        print(f"{args.corpus}: no corpus found (seeds, dev, dev2)")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        records = os.path.join(tmp, "records.pickle")
        env = dict(os.environ, PYTHONPATH=trees["A"])
        n = subprocess.run(_python(trees["A"], "--extract", args.corpus, records), env=env, check=True,
                           capture_output=True, text=True).stdout.strip()
        print(f"{n} corpus records extracted with A's code; {args.rounds} rounds each, batches of {args.batch}",
              file=sys.stderr)
        procs = {name: subprocess.Popen(_python(src, "--worker", records, os.path.join(tmp, f"{name}.db"),
                                                str(args.batch)),
                                        env=dict(os.environ, PYTHONPATH=src), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
                 for name, src in trees.items()}
        try:
            for name, p in procs.items():
                if p.stdout.readline().strip() != "ready":
                    print(f"{trees[name]}: the worker failed", file=sys.stderr)
                    return 1
            times: dict[str, list[float]] = {"A": [], "B": []}
            for r in range(args.rounds):
                for name in ("A", "B") if r % 2 == 0 else ("B", "A"):
                    procs[name].stdin.write("go\n")
                    procs[name].stdin.flush()
                    times[name].append(float(procs[name].stdout.readline()))
                print(f"round {r + 1}: A {times['A'][-1]:.2f}, B {times['B'][-1]:.2f} ms", file=sys.stderr)
        finally:
            for p in procs.values():
                p.stdin.close()
                p.wait()
    med = statistics.median
    ratios = [b / a for a, b in zip(times["A"], times["B"])]
    q = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
    print(f"store CPU per article, batches of {args.batch}, {args.rounds} rounds in lockstep:"
          f" A median {med(times['A']):.3f} best {min(times['A']):.3f} ms;"
          f" B median {med(times['B']):.3f} best {min(times['B']):.3f} ms")
    print(f"B/A per round: median {med(ratios):.3f} (quartiles {q[0]:.3f}-{q[2]:.3f});"
          f" best B / best A {min(times['B']) / min(times['A']):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
