"""Turn one input file (path + bytes, as Spark's binaryFile reader gives it)
into page items for the pipeline.

Pure Python, no Spark: the job calls `items_from_file` inside a flatMap, and
tests call it directly. An item is a plain tuple (cheap to pickle):

    (id, source, url, data, reject_reason)

with `data` the page bytes (or str for JSONL text) and `reject_reason` None,
or `data` None and a reason why the record never reaches the pipeline.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from ngoaigiao.errors import InputError
from ngoaigiao.read import check_vietnamese

Item = tuple[str, str, "str | None", "bytes | str | None", "str | None"]

DOC_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".arc")
# What the binaryFile reader picks up when a directory is given.
GLOB_FILTER = "*.{txt,html,htm,xhtml,jsonl,ndjson,warc,arc,gz}"

_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)


def _base_name(path: str) -> str:
    return PurePosixPath(path.split("?", 1)[0]).name


def local_path(path: str) -> str:
    """Spark writes local files as file:/x or file:///x; show them as /x."""
    return "/" + path[5:].lstrip("/") if path.startswith("file:") else path


def kind_of(path: str) -> tuple[str | None, bool]:
    """('doc'|'jsonl'|'warc'|None, gzipped) from the file name."""
    name = _base_name(path).lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    if name.endswith(WARC_SUFFIXES):
        return "warc", gz
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl", gz
    if name.endswith(DOC_SUFFIXES):
        return "doc", gz
    return None, gz


def doc_id(path: str) -> str:
    """The file name without its extensions, as `ngoaigiao extract` names articles."""
    name = _base_name(path)
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem, dot, _ext = name.rpartition(".")
    return stem if dot else name


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def is_vietnamese(data: bytes | str) -> bool:
    """The reader's own test (`read.check_vietnamese`) on the page with tags stripped:
    a cheap look before the whole pipeline runs on a crawl's foreign pages."""
    text = data[:400_000].decode("utf-8", "replace") if isinstance(data, bytes) else data[:400_000]
    try:
        check_vietnamese(_TAG.sub(" ", text))
    except InputError:
        return False
    return True


def items_from_file(path: str, content: bytes, filter_language: bool = True) -> Iterator[Item]:
    """Every page item in one input file; never raises on bad content."""
    path = local_path(path)
    kind, gz = kind_of(path)
    if gz:
        try:
            content = gzip.decompress(content) if kind != "warc" else content
        except (OSError, EOFError) as exc:
            yield (doc_id(path), path, None, None, f"not a readable gzip file ({exc})")
            return
    if kind == "warc":
        yield from warc_items(path, content, filter_language)
    elif kind == "jsonl":
        yield from jsonl_items(path, content)
    elif kind == "doc":
        yield (doc_id(path), path, None, content, None)
    else:
        yield (doc_id(path), path, None, None, "unsupported file type (expected .txt, .html, .jsonl, .warc[.gz])")


def jsonl_items(path: str, content: bytes) -> Iterator[Item]:
    """One item per line of {url, text} (optional id, html instead of text).

    Not language-filtered: a JSONL file is a collection someone chose."""
    for lineno, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            rec = json.loads(line)
        except (ValueError, UnicodeDecodeError) as exc:
            yield (f"{doc_id(path)}:{lineno}", source, None, None, f"not a JSON line ({exc})")
            continue
        if not isinstance(rec, dict):
            yield (f"{doc_id(path)}:{lineno}", source, None, None, "JSON line is not an object")
            continue
        text = rec.get("text") if rec.get("text") is not None else rec.get("html")
        url = rec.get("url") if isinstance(rec.get("url"), str) else None
        rid = rec.get("id")
        rid = str(rid) if rid not in (None, "") else ("u" + short_hash(url) if url else f"{doc_id(path)}:{lineno}")
        if not isinstance(text, str):
            yield (rid, source, url, None, "JSON line has no string 'text' field")
        else:
            yield (rid, source, url, text, None)


def warc_items(path: str, content: bytes, filter_language: bool = True) -> Iterator[Item]:
    """HTML responses of a WARC (plain or gzip members); other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    seen = 0
    try:
        for record in ArchiveIterator(io.BytesIO(content), arc2warc=True):
            seen += 1
            if record.rec_type != "response":
                continue  # request, metadata, warcinfo: not pages
            url = record.rec_headers.get_header("WARC-Target-URI")
            rec_id = record.rec_headers.get_header("WARC-Record-ID") or url or ""
            item_id = "w" + short_hash(rec_id)
            source = f"{path}#{url}"
            reason = _warc_skip_reason(record)
            if reason:
                yield (item_id, source, url, None, reason)
                continue
            try:
                payload = record.content_stream().read()
            except Exception as exc:  # broken chunking/compression inside one record
                yield (item_id, source, url, None, f"unreadable HTTP payload ({type(exc).__name__}: {exc})")
                continue
            if filter_language and not is_vietnamese(payload):
                yield (item_id, source, url, None, "not Vietnamese")
                continue
            yield (item_id, source, url, payload, None)
    except Exception as exc:  # ArchiveLoadFailed, broken gzip, truncation: the rest of the file is lost
        what = "ArchiveLoadFailed" if isinstance(exc, ArchiveLoadFailed) else type(exc).__name__
        msg = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        yield (doc_id(path), path, None, None, f"not a readable WARC file ({what}: {msg}) after {seen} records")
        return
    if seen == 0 and content:
        yield (doc_id(path), path, None, None, "not a readable WARC file (no WARC records)")


def _warc_skip_reason(record) -> str | None:
    http = record.http_headers
    if http is None:
        return "response without HTTP headers"
    status = http.get_statuscode()
    if status != "200":
        return f"HTTP status {status}"
    ctype = (http.get_header("Content-Type") or "").lower()
    if "html" not in ctype:
        return f"not HTML ({ctype.split(';')[0].strip() or 'no content type'})"
    # Common Crawl labels each record with detected languages; trust a clear "no".
    langs = record.rec_headers.get_header("WARC-Identified-Content-Language")
    if langs and "vie" not in langs.split(","):
        return f"not Vietnamese ({langs})"
    return None
