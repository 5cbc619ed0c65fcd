"""Language data an analyst can extend: lexicons, markers, the name table.

Files live beside this module. `NGOAIGIAO_DATA_DIR` names a folder whose
files of the same name are read *in addition* (rows appended), so a team can
add titles, markers or people without touching the package.
"""
from __future__ import annotations

import csv
import functools
import os
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def data_paths(name: str) -> list[Path]:
    paths = [DATA_DIR / name]
    extra = os.environ.get("NGOAIGIAO_DATA_DIR")
    if extra and (Path(extra) / name).is_file():
        paths.append(Path(extra) / name)
    return [p for p in paths if p.is_file()]


@functools.cache
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a list file (one entry per line, '#' comments)."""
    out: list[str] = []
    for path in data_paths(name):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
            if line:
                out.append(line)
    return tuple(out)


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """The lines of a list file, lower-cased, as a set (for membership tests)."""
    return frozenset(w.lower() for w in load_lines(name))


@functools.cache
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated file with a header line; '#' lines are comments."""
    rows: list[dict[str, str]] = []
    for path in data_paths(name):
        with path.open(encoding="utf-8", newline="") as fh:
            lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
            for row in csv.DictReader(lines, delimiter="\t"):
                rows.append({k.strip(): (v or "").strip() for k, v in row.items() if k})
    return tuple(rows)
