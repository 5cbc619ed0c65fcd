"""Statement triples on the seeds and the development set, by ../shared/eval/score_statements.py.

Runs the real CLI on both sets and scores the union (issue 12 asks for F1 >= 0.85 on seeds + dev).
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from conftest import REPO, SHARED, corpus_dir

pytestmark = pytest.mark.corpus

FLOOR = 0.85


def _scorer():
    path = SHARED / "eval" / "score_statements.py"
    if not path.is_file():
        pytest.skip(f"statement scorer not found at {path}")
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("shared_score_statements", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_statement_triples_meet_the_floor(tmp_path):
    scorer = _scorer()
    gold = tmp_path / "gold"
    gold.mkdir()
    preds = []
    for name in ("seeds", "dev"):
        src = corpus_dir(name)
        for g in src.glob("*.statements.json"):
            (gold / g.name).write_bytes(g.read_bytes())
        proc = subprocess.run([sys.executable, "-m", "ngoaigiao", "extract", str(src), "--format", "json"],
                              capture_output=True, text=True, cwd=REPO,
                              env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
        assert proc.returncode == 0, proc.stderr
        preds += [x for x in proc.stdout.splitlines() if x.strip()]
    out = tmp_path / "pred.jsonl"
    out.write_text("\n".join(preds) + "\n", encoding="utf-8")
    assert all("statements" in json.loads(x) for x in preds)
    res = scorer.score(gold, out)
    print(json.dumps(res["triples"]), res["speaker_accuracy"])
    assert res["triples"]["f1"] >= FLOOR, res["triples"]
