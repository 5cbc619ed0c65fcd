"""Held-out evaluation of name generation against the name table.

The Chinese persons of data/people.tsv are split in two by a hash of their id
(deterministic, independent of row order). For each person of the test half,
names are generated WITHOUT looking them up, from a prior that excludes the
whole test half (the table-count part of ngoaigiao.names.prior), and compared:

- Hán-Việt -> pinyin (top-1, top-5), Hán-Việt -> characters (top-1, top-5);
- pinyin -> Hán-Việt (top-1, top-5) and characters -> Hán-Việt (top-1).

`part="dev"` evaluates the *training* half instead, in two folds (each
fold's prior built without that fold and without the test half): that is where the weights were tuned, so the test half
stays unseen.
"""
from __future__ import annotations

import hashlib

from ngoaigiao.names import generate, table
from ngoaigiao.names.prior import Prior


def _bucket(salt: str, pid: str) -> int:
    return int(hashlib.sha1(f"{salt}:{pid}".encode()).hexdigest(), 16) % 2


def folds(part: str = "test") -> list[tuple[list[dict], frozenset[str]]]:
    """[(persons to evaluate, ids excluded from the prior)]: one fold for test, two for dev."""
    chinese = [p for p in table.all_persons() if p["country"] == "CN" and p["zh"] and p["pinyin"]]
    test = [p for p in chinese if _bucket("names-eval", p["id"]) == 1]
    test_ids = frozenset(p["id"] for p in test)
    if part == "test":
        return [(test, test_ids)]
    if part != "dev":
        raise ValueError(f"unknown part {part!r} (test or dev)")
    train = [p for p in chinese if p["id"] not in test_ids]
    out = []
    for b in (0, 1):
        fold = [p for p in train if _bucket("names-dev", p["id"]) == b]
        out.append((fold, test_ids | {p["id"] for p in fold}))
    return out


def _py(s: str) -> str:
    return "".join(c for c in s.lower().replace("ü", "v") if c.isalpha())


def evaluate(part: str = "test", use_hand: bool = True, use_table: bool = True, uniform: bool = False) -> dict:
    runs = [(p, Prior(exclude_ids=ex, use_hand=use_hand, use_table=use_table, uniform=uniform)) for ps, ex in folds(part) for p in ps]
    persons = [p for p, _ in runs]
    hits = {k: 0 for k in ("pinyin@1", "pinyin@5", "zh@1", "zh@5", "rev_name@1", "rev_name@5", "rev_zh@5", "zh_name@1")}
    misses: list[dict] = []
    for p, prior in runs:
        res = generate.from_hanviet(p["name"], top=5, prior=prior)
        pys = [_py(x["pinyin"]) for x in res["by_pinyin"]]
        zhs = [x["zh"] for x in res["candidates"]]
        gold_py = _py(p["pinyin"])
        hits["pinyin@1"] += pys[:1] == [gold_py]
        hits["pinyin@5"] += gold_py in pys[:5]
        hits["zh@1"] += zhs[:1] == [p["zh"]]
        hits["zh@5"] += p["zh"] in zhs[:5]
        rev = generate.from_pinyin(p["pinyin"], top=5, prior=prior)
        names = [table.match_key(x["name"]) for x in rev["by_name"]]
        gold_name = table.match_key(p["name"])
        hits["rev_name@1"] += names[:1] == [gold_name]
        hits["rev_name@5"] += gold_name in names[:5]
        hits["rev_zh@5"] += p["zh"] in [x["zh"] for x in rev["candidates"]]
        zres = generate.from_zh(p["zh"])
        hits["zh_name@1"] += bool(zres["by_name"]) and table.match_key(zres["by_name"][0]["name"]) == gold_name
        if gold_py not in pys[:1] or p["zh"] not in zhs[:5]:
            misses.append({"name": p["name"], "zh": p["zh"], "pinyin": p["pinyin"],
                           "got_pinyin": res["by_pinyin"][0]["pinyin"] if pys else None,
                           "got_zh": zhs[:5]})
    n = len(persons)
    return {
        "part": part, "n": n, "use_hand": use_hand, "use_table": use_table, "uniform": uniform,
        "unihan": generate.readings.index()["unihan"],
        **{k: round(v / n, 3) if n else 0.0 for k, v in hits.items()},
        "misses": misses,
    }
