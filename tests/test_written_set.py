"""The articles written for the tests (tests/fixtures/written): events as a reader annotates
them. Matching as in ../shared/eval/score.py: same date (or both undated) and at least
min(2, gold participants, extracted participants) shared participants, each gold event
matched once."""
from __future__ import annotations

import json
from pathlib import Path

from ngoaigiao.pipeline import process

WRITTEN = Path(__file__).parent / "fixtures" / "written"


def _match(gold: list[dict], got: list[dict]) -> int:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(got):
            shared = len(set(g["participants"]) & set(p["participants"]))
            need = max(1, min(2, len(g["participants"]), len(p["participants"])))
            if g["date"] == p["date"] and shared >= need:
                pairs.append((shared, gi, pi))
    used_g, used_p, tp = set(), set(), 0
    for _shared, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi), used_p.add(pi)
            tp += 1
    return tp


def test_the_written_pages_keep_their_events():
    tp = n_gold = n_pred = 0
    wrong = []
    for gold_file in sorted(WRITTEN.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))["events"]
        page = gold_file.with_name(gold_file.name.replace(".gold.json", ".txt"))
        got = [{"date": e.date, "participants": e.participants} for e in
               process(page.read_bytes(), id=page.stem, source=str(page)).events]
        k = _match(gold, got)
        tp, n_gold, n_pred = tp + k, n_gold + len(gold), n_pred + len(got)
        if k < len(gold) or k < len(got):
            wrong.append(page.stem)
    assert n_gold >= 100
    precision, recall = tp / n_pred, tp / n_gold
    f1 = 2 * precision * recall / (precision + recall)
    # 0.995 on 2026-12-01 (the set was used to find the rules it guards); 0.869 before them
    assert f1 >= 0.95, f"events F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}); pages with errors: {wrong}"


def _triples(statements) -> set[tuple[str, str, str]]:
    return {(s["side"], s["act"], t) for s in statements for t in s["topics"]}


def test_the_written_pages_keep_their_statements():
    # pages with a statements annotation (*.statements.json), triples as
    # ../shared/eval/score_statements.py counts them (a set per article)
    tp = n_gold = n_pred = 0
    files = sorted(WRITTEN.glob("*.statements.json"))
    assert len(files) >= 8
    for st_file in files:
        gold = _triples(json.loads(st_file.read_text(encoding="utf-8"))["statements"])
        page = st_file.with_name(st_file.name.replace(".statements.json", ".txt"))
        art = process(page.read_bytes(), id=page.stem, source=str(page))
        got = _triples([{"side": s.side, "act": s.act, "topics": s.topics} for s in art.statements])
        tp, n_gold, n_pred = tp + len(gold & got), n_gold + len(gold), n_pred + len(got)
    precision, recall = tp / n_pred, tp / n_gold
    f1 = 2 * precision * recall / (precision + recall)
    # 0.904 on 2026-12-01 (30 pages) after the rules they led to; 0.836 (batch 11), 0.769 (batch 12),
    # 0.842 (batch 24) and 0.718 (batch 31) before; what is left is mostly where topics meet
    assert f1 >= 0.88, f"statement triples F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f})"
