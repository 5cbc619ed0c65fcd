"""Run THE pipeline (`ngoaigiao.pipeline.process`) over a partition of items.

Pure Python, no Spark: the job calls `process_partition` in mapPartitions and
tests call it directly. Each item gives exactly one output row, an article or
a reject; no exception escapes, so one bad page never fails a task.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator

from ngoaigiao import pipeline, read
from ngoaigiao.errors import InputError
from ngoaigiao.spark.inputs import doc_id

DEFAULT_MAX_BYTES = read.DEFAULT_MAX_BYTES

# Output row: (kind, id, source, url, size, sha256, reason, record_json)
Row = tuple[str, str, str, "str | None", int, "str | None", "str | None", "str | None"]

# A short page run once per partition so every data file (lexicons, name
# table) is loaded before the first real article; the loaders are cached per
# Python worker, so later partitions in the same worker pay nothing.
_WARM_UP_PAGE = (
    "Hà Nội, ngày 5/3/2024 - Chiều nay, Thủ tướng Phạm Minh Chính đã tiếp "
    "Đại sứ Nhật Bản tại Việt Nam. Hai bên trao đổi về hợp tác song phương."
)
_warmed = False


def warm_up() -> None:
    global _warmed
    if _warmed:
        return
    _warmed = True
    try:
        pipeline.process(_WARM_UP_PAGE, id="warm-up", source="warm-up")
    except Exception:  # a warm-up failure only costs speed; real pages report their own errors
        pass


def process_partition(items: Iterable[tuple], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Row]:
    read.set_max_bytes(max_bytes)  # the reader's limit, in this worker process
    warm_up()
    for item in items:
        yield process_item(item, max_bytes)


def process_item(item: tuple, max_bytes: int = DEFAULT_MAX_BYTES) -> Row:
    rid, source, url, data, reason = item
    size = len(data) if data is not None else 0
    if reason is not None:
        return ("reject", rid, source, url, size, None, reason, None)
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    size = len(raw)
    if size > max_bytes:  # before decoding anything; the reader's wording
        return ("reject", rid, source, url, size, None,
                f"too large ({size:,} bytes; the limit is {max_bytes:,}, see --max-bytes)", None)
    try:
        article = pipeline.process(data, id=rid, source=source, url=url)
        record = article.to_record(with_text=True)
        record_json = json.dumps(record, ensure_ascii=False)
    except InputError as exc:
        return ("reject", rid, source, url, size, None, exc.reason, None)
    except Exception as exc:  # a pipeline bug on one page must not stop a million-page job
        msg = str(exc).splitlines()[0][:300] if str(exc) else ""
        return ("reject", rid, source, url, size, None, f"internal error: {type(exc).__name__}: {msg}", None)
    sha = hashlib.sha256(raw).hexdigest()
    return ("article", rid, source, record.get("url") or url, size, sha, None, record_json)


def empty_file_row(path: str) -> Row:
    return ("reject", doc_id(path), path, None, 0, None, "empty (0 bytes)", None)
