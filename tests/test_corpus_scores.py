"""The extraction floors of the extraction-core issue, measured by the shared scorer.

Runs `ngoaigiao extract` (the real CLI, in a subprocess) on the seeds, the
development set and dev2 (pages nobody tuned to before issue 10) and scores the
output with ../shared/eval/score.py. The dev2 floors are what extraction reaches
there now, rounded down by about 0.02: raise them as the stages improve.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from conftest import REPO, SCORER, corpus_dir

pytestmark = pytest.mark.corpus

# issue 10: seeds and dev keep events F1 >= 0.95 (both 1.000 on 2026-12-01)
FLOORS = {"events": 0.95, "person_names": 0.90, "person_titles": 0.80, "published_accuracy": 0.95}
SET_FLOORS = {
    "seeds": FLOORS,
    "dev": FLOORS,
    # measured 2026-12-01 on branch events2: events 0.978 (odd half 0.970, even 0.989), names 0.988,
    # titles 0.972, published 0.9875; the floor is the goal for events, 0.90
    "dev2": {"events": 0.90, "person_names": 0.96, "person_titles": 0.94, "published_accuracy": 0.96},
}
# issue 10: persons, titles and publication dates hold on every set (dev2 2026-12: 0.981, 0.960, 0.9875)
PERSON_FLOORS = {"person_names": 0.95, "person_titles": 0.90, "published_accuracy": 0.95}
SET_FLOORS = {name: {**floors, **PERSON_FLOORS} for name, floors in SET_FLOORS.items()}


def _scorer():
    if not SCORER.is_file():
        pytest.skip(f"scorer not found at {SCORER}")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("name", ["seeds", "dev", "dev2"])
def test_extract_meets_the_floors(name, tmp_path):
    gold = corpus_dir(name)
    out = tmp_path / "pred.jsonl"
    proc = subprocess.run([sys.executable, "-m", "ngoaigiao", "extract", str(gold), "--format", "json"],
                          capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    out.write_text(proc.stdout, encoding="utf-8")
    lines = [json.loads(x) for x in proc.stdout.splitlines() if x.strip()]
    assert len(lines) == len(list(gold.glob("*.txt")))
    res = _scorer().score(gold, out)
    got = {"events": res["events"]["f1"], "person_names": res["person_names"]["f1"],
           "person_titles": res["person_titles"]["f1"], "published_accuracy": res["published_accuracy"]}
    print(name, json.dumps(got))
    floors = SET_FLOORS[name]
    low = {k: v for k, v in got.items() if v < floors[k]}
    assert not low, f"{name}: below the floors {floors}: {low}"
