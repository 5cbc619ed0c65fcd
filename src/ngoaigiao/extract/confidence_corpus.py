"""Labelled events of the shared corpus, for scripts/train_confidence.py, benchmarks/calibration.py
and the corpus test: the pipeline's events on seeds/dev/dev2, each marked right or wrong by the
scorer's own matching (../shared/eval/score.py), and its halves' parity (eval/halves.py)."""
from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

from ngoaigiao import pipeline
from ngoaigiao.extract.confidence_train import Sample, collect

CORPORA = ("seeds", "dev", "dev2")


def _module(path: Path, name: str):
    if not path.is_file():
        raise FileNotFoundError(f"{path}: not found (the shared scorer sits beside the repository as ../shared)")
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))  # halves.py imports score.py from its folder
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(str(path.parent))
    return mod


def scorer(shared: Path):
    """eval/score.py and eval/halves.py of the shared folder, as modules."""
    return _module(shared / "eval" / "score.py", "ngoaigiao_eval_score"), \
        _module(shared / "eval" / "halves.py", "ngoaigiao_eval_halves")


def corpus_samples(shared: Path, corpora=CORPORA,
                   progress: Callable[[str], None] | None = None) -> tuple[list[Sample], Callable[[str], str]]:
    """Labelled samples of the named corpora and the odd/even `parity` of an article id."""
    score, halves = scorer(shared)
    dirs = []
    for name in corpora:
        d = shared / "corpus" / name
        if not d.is_dir():
            raise FileNotFoundError(f"{d}: corpus folder not found")
        dirs.append(d)
    return collect(dirs, score.match_events, pipeline.process, progress), halves.parity
