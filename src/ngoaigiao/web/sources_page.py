"""The Sources page (/sources, /api/sources) and the dashboard's "data freshness" line.

What `ngoaigiao follow` keeps in the follow_* tables, read-only: each source with
its last run, new and stored pages, errors (with URL and reason) and next run.
A database without those tables (nothing followed yet) shows an empty page
that says how to add a source. Labels live here, in both languages, so the
page needs nothing from the shared translation files.
"""
from __future__ import annotations

from contextlib import nullcontext

from fastapi import APIRouter, Request

from ngoaigiao.follow import state
from ngoaigiao.web.pages import ENV, render_page
from ngoaigiao.web.responses import JSONOut

router = APIRouter(include_in_schema=True)

LABELS = {
    "vi": {"title": "Nguồn tin theo dõi", "name": "Nguồn", "kind": "Loại", "last_run": "Lần chạy gần nhất",
           "new": "Mới", "stored": "Đã lưu", "seen": "Đã thấy", "failed": "Lỗi", "next_run": "Lần chạy tới",
           "errors": "Lỗi gần đây", "never": "chưa chạy", "none": "Chưa theo dõi nguồn nào. Thêm bằng lệnh",
           "freshness": "Độ mới của dữ liệu", "last_ingest": "bài mới nhất được lưu lúc",
           "newest": "bài đăng mới nhất", "follow_run": "lần theo dõi gần nhất", "sources": "nguồn",
           "manual": "chỉ nhập thủ công (chưa theo dõi nguồn nào)", "listing_error": "lỗi danh sách"},
    "en": {"title": "Followed sources", "name": "Source", "kind": "Kind", "last_run": "Last run",
           "new": "New", "stored": "Stored", "seen": "Seen", "failed": "Failed", "next_run": "Next run",
           "errors": "Recent errors", "never": "never", "none": "No source followed yet. Add one with",
           "freshness": "Data freshness", "last_ingest": "newest article stored at",
           "newest": "newest publication date", "follow_run": "last follow run", "sources": "sources",
           "manual": "manual imports only (no source followed)", "listing_error": "listing error"},
}


def _read(request: Request, fn):
    """Run fn(db) under the repo's lock (one SQLite connection is shared); None without SQL."""
    repo = request.app.state.repo
    db = getattr(repo.store, "db", None)
    if db is None or not hasattr(db, "query"):
        return None
    with getattr(repo, "_lock", None) or nullcontext():
        return fn(db)


def _summaries(request: Request) -> list[dict]:
    return _read(request, lambda db: state.source_summaries(db) if state.has_tables(db) else []) or []


def data_freshness(request: Request) -> dict | None:
    """For the dashboard (a Jinja global, so the dashboard handler stays as it is)."""
    return _read(request, state.freshness)


ENV.globals["data_freshness"] = data_freshness
ENV.globals["follow_labels"] = LABELS


@router.get("/sources", include_in_schema=False)
def sources_page(request: Request):
    from ngoaigiao.web import lang as i18n

    lang, _ = i18n.pick(request)
    return render_page(request, "sources.html", sources=_summaries(request), L=LABELS.get(lang, LABELS["en"]))


@router.get("/api/sources", summary="Followed sources: last run, counts, recent errors, next run")
def sources_api(request: Request):
    return JSONOut({"sources": _summaries(request), "freshness": data_freshness(request)})
