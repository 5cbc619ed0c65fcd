"""The merge evaluation (benchmarks/eval_merge.py) holds its goal: pairwise
precision and recall >= 0.95 on the reports we wrote, and on the shared corpus
with its perturbed re-reports."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import CORPUS, REPO, corpus_dir

_spec = importlib.util.spec_from_file_location("eval_merge", REPO / "benchmarks" / "eval_merge.py")
eval_merge = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_merge)


def test_written_reports_merge_with_precision_and_recall(tmp_path):
    recs, labels = eval_merge.written_records()
    assert len(set(labels.values())) >= 15  # occasions, with their confusers
    res = eval_merge.score(recs, labels, tmp_path, "written")["all"]
    assert res["pairs_same"] >= 12
    assert res["precision"] >= 0.95 and res["recall"] >= 0.95, res


@pytest.mark.corpus
def test_corpus_and_perturbed_reports(tmp_path):
    dirs = [corpus_dir(d) for d in ("seeds", "dev", "dev2")] + [REPO / "examples"]
    recs = eval_merge.corpus_records(dirs)
    labels = eval_merge.corpus_labels(recs)
    corpus = eval_merge.score(recs, labels, tmp_path, "corpus")["all"]
    assert corpus["pairs_same"] >= 4 and corpus["precision"] >= 0.95 and corpus["recall"] >= 0.95, corpus
    precs, plabels = eval_merge.perturbed_records(recs, labels)
    res = eval_merge.score(recs + precs, {**labels, **plabels}, tmp_path, "perturbed")["all"]
    assert res["pairs_same"] >= 300 and res["precision"] >= 0.95 and res["recall"] >= 0.95, res
