"""Inputs for `ngoaigiao ingest`: files, directories, JSONL of {url, text}.

Pages (.txt/.html, directories walked) come from `ngoaigiao.sources`, so
ingest accepts and rejects exactly what `extract` does; JSONL files of
{url, text} (or {id, url, text}) records, given by name, are read here.
`iter_inputs` yields `Item`s or `Bad`s and never raises for one bad input.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

PAGE_SUFFIXES = {".txt", ".html", ".htm"}
RECORD_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass
class Item:
    id: str
    data: bytes | str
    source: str
    url: str | None = None


@dataclass
class Bad:
    source: str
    reason: str


def _jsonl(path: Path):
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Bad(str(path), exc.strerror or str(exc))
        return
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                obj = json.loads(line)
            except ValueError as exc:
                yield Bad(where, f"not a JSON line ({exc.msg})")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text") or obj.get("raw"), str):
                yield Bad(where, "JSON line without a \"text\" string")
                continue
            url = obj.get("url")
            rid = obj.get("id") or (hashlib.sha1(url.encode()).hexdigest()[:16] if url else f"{path.stem}-{n}")
            yield Item(str(rid), obj.get("text") or obj.get("raw"), where, url)


def iter_inputs(paths: list[str], max_bytes: int | None = None):
    from ngoaigiao import sources
    from ngoaigiao.errors import InputError

    for p in paths:
        if Path(p).suffix.lower() in RECORD_SUFFIXES and not Path(p).is_dir():
            yield from _jsonl(Path(p))
            continue
        for item in sources.expand([p]):
            try:
                data = item.load(max_bytes) if max_bytes else item.load()
            except InputError as exc:
                yield Bad(exc.source or item.source, exc.reason)
                continue
            yield Item(item.id, data, item.source)


def count_inputs(paths: list[str]) -> int | None:
    """How many page files there are (JSONL lines not counted), for progress."""
    n = 0
    for p in paths:
        path = Path(p)
        if path.is_dir():
            n += sum(1 for f in path.rglob("*") if f.is_file() and f.suffix.lower() in PAGE_SUFFIXES)
        elif path.suffix.lower() in PAGE_SUFFIXES:
            n += 1
        else:
            return None
    return n
