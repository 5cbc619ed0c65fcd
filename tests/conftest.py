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


@pytest.fixture(scope="session")
def spark_session():
    """One local[2] SparkSession for every spark test (JVM start is the slow part).
    Skipped without pyspark/Java, except in CI where they must be installed."""
    import os

    missing = None
    try:
        import pyspark  # noqa: F401

        from ngoaigiao.spark.session import get_session, java_available
        if not java_available():
            missing = "Java (openjdk-17-jre-headless)"
    except ModuleNotFoundError as exc:
        missing = exc.name
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"spark tests need {missing} in CI")
        pytest.skip(f"spark tests need {missing}")
    spark = get_session("local[2]", app_name="ngoaigiao-tests", shuffle_partitions=4,
                        conf={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
                              "spark.default.parallelism": "4"})
    yield spark
    spark.stop()
