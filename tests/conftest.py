"""Shared fixtures. Tests that read the shared corpus find it at ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "eval" / "score.py"


def corpus_dir(name: str) -> Path:
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path} (it sits beside the repository as ../shared)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return corpus_dir("seeds")


@pytest.fixture
def dev_dir() -> Path:
    return corpus_dir("dev")
