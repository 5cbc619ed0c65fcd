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
            obj = _json_line(line)
            if isinstance(obj, str):
                yield Bad(where, obj)
                continue
            yield record_item(obj, where, default_id=f"{path.stem}-{n}")


def _json_line(line: bytes) -> dict | str:
    """The line's object, or why it is not one (never raises: one bad line must not stop the file)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not a JSON line (invalid UTF-8 at byte {exc.start})"
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return f"not a JSON line ({exc.msg})"
    except RecursionError:
        return "not a JSON line (nested too deeply)"
    except ValueError as exc:
        return f"not a JSON line ({exc})"


def record_item(obj, where: str, default_id: str) -> "Item | Bad":
    """Check one JSONL record's fields: id a string or integer without '/', url a string, text a string."""
    if not isinstance(obj, dict):
        return Bad(where, f"JSON line is {type(obj).__name__}, not an object with a \"text\" string")
    text = obj.get("text") if obj.get("text") is not None else obj.get("raw")
    if not isinstance(text, str):
        return Bad(where, "JSON line without a \"text\" string" if text is None
                   else f"\"text\" must be a string, not {_kind(text)}")
    url = obj.get("url")
    if url is not None and not isinstance(url, str):
        return Bad(where, f"\"url\" must be a string, not {_kind(url)}")
    rid = obj.get("id")
    if rid is None or rid == "":
        rid = hashlib.sha1(url.encode("utf-8", "surrogatepass")).hexdigest()[:16] if url else default_id
    elif isinstance(rid, bool) or not isinstance(rid, (str, int)):
        return Bad(where, f"\"id\" must be a string or an integer, not {_kind(rid)}")
    rid = str(rid)
    problem = id_problem(rid)
    if problem:
        return Bad(where, f"\"id\" {problem}")
    return Item(rid, text, where, url or None)


def id_problem(rid: str) -> str | None:
    """Why a string cannot be an article id (its page /articles/ID must be reachable), or None."""
    if "/" in rid or "\\" in rid:
        return "must not contain '/' or '\\' (it is part of the article's web address)"
    if len(rid) > 200:
        return "is longer than 200 characters"
    if not rid.strip() or any(ord(c) < 32 or ord(c) == 127 for c in rid):
        return "must be printable text"
    return None


def _kind(value) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


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
    """How many inputs `iter_inputs` will yield (page files, bad entries, JSONL lines), for progress.

    Counted by the same walk that reads them, so symlink loops, unreadable
    directories and non-article files count exactly as they are reported."""
    from ngoaigiao import sources

    n = 0
    for p in paths:
        path = Path(p)
        if path.suffix.lower() in RECORD_SUFFIXES and not path.is_dir():
            try:
                with path.open("rb") as fh:
                    n += sum(1 for line in fh if line.strip())
            except OSError:
                n += 1  # reported as one bad input
            continue
        n += sum(1 for _ in sources.expand([p]))
    return n
