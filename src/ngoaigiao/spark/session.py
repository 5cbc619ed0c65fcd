"""Start (or reuse) a SparkSession whose Python workers can import ngoaigiao."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import ngoaigiao

PACKAGE_ROOT = str(Path(ngoaigiao.__file__).resolve().parent.parent)


def java_available() -> bool:
    if os.environ.get("JAVA_HOME") and Path(os.environ["JAVA_HOME"], "bin", "java").exists():
        return True
    return shutil.which("java") is not None


def get_session(master: str | None = None, app_name: str = "ngoaigiao",
                shuffle_partitions: int | None = None, conf: dict[str, str] | None = None):
    """A SparkSession for `master` (None: whatever spark-submit configured).

    Local masters get this interpreter and this source tree for their Python
    workers. On a cluster the executors need ngoaigiao installed in their
    Python (see docs/scale.md: a packed venv passed with spark.archives).
    """
    from pyspark.sql import SparkSession

    if master is None or master.startswith("local"):
        # Workers are separate Python processes started by the JVM: give them
        # the same interpreter and the same ngoaigiao this driver imports.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        if PACKAGE_ROOT not in paths:
            os.environ["PYTHONPATH"] = os.pathsep.join([PACKAGE_ROOT, *paths])
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    settings = {
        "spark.ui.showConsoleProgress": "true",
        "spark.sql.sources.partitionOverwriteMode": "static",
        # Parquet dates/strings only; keep the files readable by pyarrow/DuckDB.
        "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    }
    if shuffle_partitions:
        settings["spark.sql.shuffle.partitions"] = str(shuffle_partitions)
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark
