"""Import of uploaded pages: .txt/.html files or a .zip of them.

Each file is size-checked, saved under the upload folder with a name that
cannot leave it, run through `ngoaigiao.pipeline.process` and stored; every
file gets its own result line, and a bad file never stops the others.
"""
from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ngoaigiao.errors import InputError
from ngoaigiao.pipeline import process
from ngoaigiao.store.integrity import DB_ERRORS

PAGE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class Limits:
    max_file: int = 5 * 1024 * 1024       # one page, or one member of a zip
    max_total: int = 50 * 1024 * 1024     # one request body / all members of a zip together
    max_files: int = 500


def safe_name(name: str | None) -> str | None:
    """The last path component, reduced to letters, digits, '.', '-' and '_'."""
    if not name:
        return None
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    base = re.sub(r"[^\w.\-]+", "_", base).lstrip("._")[:120]
    return base or None


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def expand(uploads: list[tuple[str, bytes]], limits: Limits) -> list[dict]:
    """[(filename, data)] -> [{"file", "data"} or {"file", "error"}], zips opened."""
    out: list[dict] = []
    for filename, data in uploads:
        label = filename or "?"
        if filename and filename.lower().endswith(".zip"):
            out.extend(_unzip(label, data, limits))
        else:
            out.append(_check(label, data, limits))
        if sum("data" in i for i in out) > limits.max_files:  # pages count; error lines are all kept
            kept, pages = [], 0
            for i in out:
                pages += "data" in i
                if "data" not in i or pages <= limits.max_files:
                    kept.append(i)
            out = kept + [{"file": label, "code": "too_many",
                           "error": f"too many files (limit {limits.max_files}); the rest were not read"}]
            break
    return out


def _check(label: str, data: bytes | None, limits: Limits) -> dict:
    if not label.lower().endswith(PAGE_SUFFIXES):
        return {"file": label, "code": "not_page", "error": "not a .txt, .html or .zip file"}
    if data is None or len(data) > limits.max_file:
        return {"file": label, "code": "too_large", "error": f"file too large (limit {_size(limits.max_file)})"}
    return {"file": label, "data": data}


def _unzip(label: str, data: bytes, limits: Limits) -> list[dict]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return [{"file": label, "code": "bad_zip", "error": f"not a readable zip ({exc})"}]
    out, total = [], 0
    if len(members) > limits.max_files:  # said, not silently dropped
        out.append({"file": label, "code": "too_many",
                    "error": f"the zip holds {len(members)} files; only the first {limits.max_files} were "
                             f"read (limit {limits.max_files} per upload): upload the rest separately"})
    for info in members[:limits.max_files]:
        name = f"{label}/{info.filename}"
        if not info.filename.lower().endswith(PAGE_SUFFIXES):
            out.append({"file": name, "code": "not_page", "error": "not a .txt or .html file"})
            continue
        if info.file_size > limits.max_file or total + info.file_size > limits.max_total:
            out.append({"file": name, "code": "too_large", "error": f"file too large (limit {_size(limits.max_file)} per file, "
                                               f"{_size(limits.max_total)} in total)"})
            continue
        try:
            with zf.open(info) as fh:  # read one byte more than allowed: sizes in headers can lie
                body = fh.read(limits.max_file + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            out.append({"file": name, "code": "bad_zip", "error": f"cannot read from zip ({exc})"})
            continue
        total += len(body)
        item = _check(name, body, limits)
        item["id"] = member_id(info.filename)  # from the whole path inside the zip
        out.append(item)
    return out


def member_id(path: str) -> str | None:
    """An article id from a path inside a zip: "a/report.txt" -> "a-report", so that
    b/report.txt does not take the same id. None when nothing usable is left."""
    parts = [safe_name(p) for p in path.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    parts = [p for p in parts if p]
    if not parts:
        return None
    parts[-1] = Path(parts[-1]).stem or parts[-1]
    return "-".join(parts)[-120:].lstrip("-._") or None


def _content_tag(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def save(folder: Path, name: str, data: bytes) -> Path:
    """Write under `folder`; refuse anything that would resolve outside it."""
    folder = folder.resolve()
    path = (folder / name).resolve()
    if path.parent != folder:
        raise InputError(name, "file name escapes the upload folder")
    path.write_bytes(data)
    return path


def run_import(repo, items: list[dict], folder: Path, overwrite: bool = False) -> list[dict]:
    """Process and store each item; ids never collide silently: the same id twice in one
    upload, or an id already stored with other content, gets the content's hash appended
    (unless `overwrite`, when the stored article is replaced and the result says so)."""
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    used: set[str] = set()
    for item in items:
        if "error" in item:
            results.append({"file": item["file"], "ok": False, "code": item.get("code"), "error": item["error"]})
            continue
        name = safe_name(item["file"])
        base = item.get("id") or (Path(name).stem if name else None)
        if not name or not base:
            results.append({"file": item["file"], "ok": False, "code": "bad_name", "error": "no usable file name"})
            continue
        path = None
        note = None
        try:
            tagged = f"{base}-{_content_tag(item['data'])}"
            rid = tagged if base in used else base
            article = process(item["data"], id=rid, source=item["file"])
            stored = repo.stored_raw(rid) if hasattr(repo, "stored_raw") else None
            if stored is not None and stored != article.raw:
                if overwrite and rid == base:
                    note = f"replaced existing article {rid}"
                else:
                    note = (f"an article {rid} with other content exists; stored as {tagged}"
                            + ("" if overwrite else " (import with overwrite to replace it)"))
                    rid = article.id = tagged
            path = save(folder, rid + Path(name).suffix.lower(), item["data"])
            article.source = str(path)
            repo.ingest_article(article)
            used.add(rid)
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the batch
            if type(exc).__name__ == "StoreError" or isinstance(exc, DB_ERRORS):
                raise  # the database, not this page: 503 for the whole request
            if path is not None:
                path.unlink(missing_ok=True)  # keep only what was imported
            reason = exc.reason if isinstance(exc, InputError) else \
                f"could not process ({type(exc).__name__}: {exc})"[:300]
            results.append({"file": item["file"], "ok": False, "code": "input", "error": reason})
            continue
        result = {"file": item["file"], "ok": True, "article_id": article.id,
                  "title": article.title, "events": len(article.events), "persons": len(article.persons)}
        if note:
            result["note"] = note
        results.append(result)
    return results
