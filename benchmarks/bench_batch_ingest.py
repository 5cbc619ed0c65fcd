"""The store's own time in batched ingest, many rounds (run by hand; issue 11).

bench_store.py --ingest-only prints medians of a few rounds of several ingest
modes; on a shared machine the store's time needs more rounds to compare two
versions of the code. This runs only the batched mode, as `ngoaigiao ingest`
writes: per round a fresh database, the corpus (seeds + dev + dev2) extracted
--batch pages at a time and each batch stored with `ingest_batch`, the time
inside it counted (CPU and wall), after a warm-up round. The baseline is the
extraction of the same pages in the same run.

    PYTHONPATH=src taskset -c 1 python benchmarks/bench_batch_ingest.py --rounds 3
    # A/B: run it alternately with PYTHONPATH=old/src and PYTHONPATH=new/src, compare
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from ngoaigiao import resolve
from ngoaigiao.pipeline import process
from ngoaigiao.store import open_store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3, help="rounds after the warm-up round (default 3)")
    ap.add_argument("--batch", type=int, default=50, help="records per transaction (default 50)")
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus"),
                    help="the shared corpus directory (default ../shared/corpus)")
    args = ap.parse_args()
    if args.rounds < 1 or args.batch < 1:
        ap.error("--rounds and --batch must be at least 1")
    files = sorted(p for d in ("seeds", "dev", "dev2") for p in (Path(args.corpus) / d).glob("*.txt"))
    if not files:
        print(f"{args.corpus}: no corpus found (seeds, dev, dev2)")
        return 1
    pages = [(f.stem, f.read_bytes(), str(f)) for f in files]
    n = len(pages)
    resolve.minhash_signature("warm up")  # datasketch's import: start-up cost
    cpu, wall, extract = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "batch.db")
        for r in range(args.rounds + 1):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
            store = open_store(path)
            c = w = e = 0.0
            for i in range(0, n, args.batch):
                e0 = time.perf_counter()
                recs = [process(data, id=stem, source=src).to_record(with_text=True)
                        for stem, data, src in pages[i:i + args.batch]]
                w0, c0 = time.perf_counter(), time.process_time()
                store.ingest_batch(recs)
                w += time.perf_counter() - w0
                c += time.process_time() - c0
                e += w0 - e0
            store.close()
            if r:
                cpu.append(c * 1000 / n)
                wall.append(w * 1000 / n)
                extract.append(e * 1000 / n)
                print(f"round {r}: store {cpu[-1]:.2f} ms CPU, {wall[-1]:.2f} ms wall per article;"
                      f" extraction {extract[-1]:.2f} ms per article", flush=True)
    med = statistics.median
    print(f"{n} articles, batches of {args.batch}, {args.rounds} rounds: store median {med(cpu):.2f} ms CPU"
          f" (best {min(cpu):.2f}), {med(wall):.2f} ms wall (best {min(wall):.2f}) per article;"
          f" extraction {med(extract):.2f} ms; extraction + store {1000 / (med(extract) + med(wall)):.0f}"
          " articles/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
