"""Held-out accuracy and speed of Chinese-name generation (run by hand).

    PYTHONPATH=src python benchmarks/eval_names.py [--part test|dev] [--misses]

Prints, on the held-out half of the name table's Chinese persons:
- the full model, and ablations (no hand-written given-name list, no table
  counts) and a baseline (uniform prior: every character alike, measured in
  the same run), with ratios against the baseline;
- the same without Unihan (PyPI data only), in a subprocess;
- speed: index build (cold) vs cached load, and generated enrich() calls per second.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

KEYS = ["pinyin@1", "pinyin@5", "zh@1", "zh@5", "rev_name@1", "rev_name@5", "rev_zh@5", "zh_name@1"]


def _row(label: str, r: dict, base: dict | None) -> str:
    cells = []
    for k in KEYS:
        cell = f"{r[k]:.3f}"
        if base and base[k]:
            cell += f" ({r[k] / base[k]:.1f}x)"
        cells.append(f"{cell:>14}")
    return f"{label:<26}" + "".join(cells)


def accuracy(part: str, show_misses: bool) -> None:
    from ngoaigiao.names.evaluate import evaluate
    runs = [
        ("baseline (uniform prior)", dict(uniform=True)),
        ("full model", {}),
        ("  without hand list", dict(use_hand=False)),
        ("  without table counts", dict(use_table=False)),
    ]
    results = {label: evaluate(part, **kw) for label, kw in runs}
    base = results["baseline (uniform prior)"]
    print(f"part={part}  n={base['n']}  unihan={base['unihan']}")
    print(f"{'':<26}" + "".join(f"{k:>14}" for k in KEYS))
    for label, r in results.items():
        print(_row(label, r, None if r is base else base))
    if show_misses:
        for m in results["full model"]["misses"]:
            print("  miss:", json.dumps(m, ensure_ascii=False))


def without_unihan(part: str) -> None:
    code = (f"import json,sys; sys.path.insert(0,{str(ROOT / 'src')!r});"
            "from ngoaigiao.names.evaluate import evaluate;"
            f"r=evaluate({part!r}); r.pop('misses'); print(json.dumps(r))")
    env = dict(os.environ, NGOAIGIAO_NO_UNIHAN="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    r = json.loads(out.stdout)
    print(_row("full model, no Unihan", r, None))


def speed() -> None:
    env_cache = tempfile.mkdtemp(prefix="ngoaigiao-bench-")
    code = (f"import sys,time; sys.path.insert(0,{str(ROOT / 'src')!r}); t=time.perf_counter();"
            "from ngoaigiao.names import readings; readings.index(); print(time.perf_counter()-t)")
    env = dict(os.environ, NGOAIGIAO_CACHE_DIR=env_cache)
    cold = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout)
    warm = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout)
    print(f"index: cold build {cold:.2f} s, cached load {warm:.2f} s ({cold / warm:.1f}x)")

    from ngoaigiao.names import enrich, generate, table
    from ngoaigiao.names.enrich import _enrich
    names = [p["name"] for p in table.all_persons() if p["country"] == "CN"]
    # vary the names so the generator, not the memo, is measured
    names = [n.rsplit(" ", 1)[0] + " " + last for n in names for last in ("Minh", "Quốc", "Hoa")]
    for memo in (generate.best_for_hanviet, generate.pinyin_of_name, generate.hanviet_of_name,
                 generate._given_pinyin_cached, _enrich):
        memo.cache_clear()
    t = time.perf_counter()
    for n in names:
        enrich(n, "CN")
    cold_rate = len(names) / (time.perf_counter() - t)
    t = time.perf_counter()
    for n in names:
        enrich(n, "CN")
    warm_rate = len(names) / (time.perf_counter() - t)
    print(f"enrich(): {cold_rate:,.0f} new names/s, {warm_rate:,.0f} repeated names/s ({len(names)} names)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", default="test", choices=["test", "dev"])
    ap.add_argument("--misses", action="store_true", help="list the names missed (pinyin@1 or zh@5)")
    args = ap.parse_args()
    accuracy(args.part, args.misses)
    without_unihan(args.part)
    speed()


if __name__ == "__main__":
    main()
