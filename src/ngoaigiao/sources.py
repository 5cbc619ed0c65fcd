"""Where article bytes come from: paths, directories, standard input.

Shared by `ngoaigiao extract`, the knowledge base's `ingest` and the Spark
job, so that all of them accept the same inputs and fail the same way:

    for item in sources.expand(["corpus/", "one.html", "-"]):
        try:
            data = item.load(max_bytes=5_000_000)   # bytes; InputError if unusable
        except InputError as exc:
            print(f"ngoaigiao: {exc}")               # "PATH: reason"
            continue
        article = pipeline.process(data, id=item.id, source=item.source)

`expand` never raises for a bad path: a missing file, a broken link, a FIFO or
an unreadable directory becomes an `InputItem` whose `load()` raises
`InputError` with the reason, so a batch goes on past it. Directories are
walked recursively (sorted) and yield only article files (`ARTICLE_SUFFIXES`);
annotations such as `*.gold.json` are skipped. Memory is bounded: `load`
checks the size before reading and reads at most `max_bytes + 1` bytes.
"""
from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ngoaigiao.errors import InputError
from ngoaigiao.read import DEFAULT_MAX_BYTES
from ngoaigiao.safe_text import fs_text

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
STDIN = "-"


@dataclass(frozen=True, slots=True)
class InputItem:
    """One article to read: `id` is the file name without its extension."""
    id: str
    source: str                 # the path as the user wrote it (or "<stdin>")
    path: str | None = None     # None for standard input
    error: str | None = None    # already known to be unusable (e.g. unreadable directory)

    def load(self, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
        """The bytes of the article, or `InputError(source, reason)`."""
        if self.error:
            raise InputError(self.source, self.error)
        if self.path is None:
            return read_stream(sys.stdin.buffer, self.source, max_bytes)
        return read_file(self.path, self.source, max_bytes)


def article_id(path: str | os.PathLike) -> str:
    name = fs_text(Path(path).name)  # a name that is not valid UTF-8 still gives a printable id
    for suffix in ARTICLE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem or name


def expand(paths: Iterable[str], stdin_id: str = "stdin") -> Iterator[InputItem]:
    """Input items for command-line paths, in order (directories walked, sorted)."""
    for p in paths:
        if p == STDIN:
            yield InputItem(stdin_id, "<stdin>")
            continue
        try:
            st = os.stat(p)
        except FileNotFoundError:
            reason = "broken link (target missing)" if os.path.islink(p) else "no such file or directory"
            yield InputItem(article_id(p), fs_text(p), p, reason)
            continue
        except OSError as exc:
            yield InputItem(article_id(p), fs_text(p), p, _os_reason(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            found = False
            for item in walk(p):
                found = True
                yield item
            if not found:  # a wrong folder should not pass silently
                yield InputItem(article_id(p), fs_text(p), p,
                                "no article files (*.txt, *.html, *.htm) in this directory")
        else:
            yield InputItem(article_id(p), fs_text(p), p)


def walk(root: str) -> Iterator[InputItem]:
    """Article files under `root`, recursively, in sorted order; errors as items."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames + [d for d in dirnames if _is_article_name(d)]):
            if not _is_article_name(name):
                continue
            path = os.path.join(dirpath, name)
            if name in dirnames:
                yield InputItem(article_id(name), fs_text(path), path, "is a directory, not an article file")
                dirnames.remove(name)
                continue
            yield InputItem(article_id(name), fs_text(path), path)
        while errors:  # a sub-directory that could not be listed
            exc = errors.pop(0)
            where = getattr(exc, "filename", None) or root
            yield InputItem(article_id(where), fs_text(str(where)), str(where), _os_reason(exc))
    for exc in errors:
        where = getattr(exc, "filename", None) or root
        yield InputItem(article_id(where), fs_text(str(where)), str(where), _os_reason(exc))


def _is_article_name(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith(".")


def read_file(path: str, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    source = source or path
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(source, "broken link (target missing)" if os.path.islink(path)
                         else "no such file or directory") from None
    except OSError as exc:
        raise InputError(source, _os_reason(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(source, "is a directory, not an article file")
    if not stat.S_ISREG(st.st_mode):
        kind = "FIFO" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode) else "device"
        raise InputError(source, f"not a regular file ({kind})")
    if st.st_size > max_bytes:
        raise InputError(source, f"too large ({st.st_size:,} bytes; the limit is {max_bytes:,}, see --max-bytes)")
    try:
        with open(path, "rb") as fh:
            return _read_capped(fh, source, max_bytes)
    except OSError as exc:
        raise InputError(source, _os_reason(exc)) from None


def read_stream(stream, source: str = "<stdin>", max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    return _read_capped(stream, source, max_bytes)


def _read_capped(fh, source: str, max_bytes: int) -> bytes:
    data = fh.read(max_bytes + 1)  # never more than the limit (+1 to know it was exceeded)
    if len(data) > max_bytes:
        raise InputError(source, f"too large (more than {max_bytes:,} bytes, see --max-bytes)")
    return data


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not an article file"
    return (exc.strerror or type(exc).__name__).lower()
