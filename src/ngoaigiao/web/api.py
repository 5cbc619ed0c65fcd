"""JSON API under /api/. Every list is paginated (limit <= 200); errors are
{"error": message, "status": code}."""
from __future__ import annotations

import hmac
import io
import os
import shutil
import tempfile
from typing import Annotated, Optional

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, Response

from ngoaigiao import params
from ngoaigiao.web import schemas as s
from ngoaigiao.web.responses import JSONOut, json_body
from ngoaigiao.store.view_export import MEDIA, write_events
from ngoaigiao.web.upload import expand, run_import
from ngoaigiao.web.urls import event_filters_of
from ngoaigiao.web.view import MAX_LIMIT, clean_str

router = APIRouter(prefix="/api", default_response_class=JSONOut)

ERRORS = {400: {"model": s.Error}, 422: {"model": s.Error}}
NOT_FOUND = {404: {"model": s.Error}, **ERRORS}

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Text = Annotated[Optional[str], Query(max_length=200)]
DateQ = Annotated[Optional[str], Query(pattern=s.DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
ConfidenceQ = Annotated[Optional[float], Query(ge=0, le=1, description="only events with confidence >= this "
                                                                     "(0..1; >= 0.8 are right about 95% of the time)")]
CountryQ = Annotated[Optional[str], Query(max_length=80, description="ISO 3166-1 alpha-2 (CN) or a country name")]
EXPORT_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv", "parquet": "application/vnd.apache.parquet",
                "graphml": "application/xml", "cameo": "text/tab-separated-values"}


def event_filters(country=None, type=None, person=None, since=None, until=None, text=None,
                  sort="date", order="desc", limit=50, offset=0, min_confidence=None) -> dict:
    return {"country": country.upper() if country else None, "type": type, "person": clean_str(person),
            "since": since, "until": until, "text": clean_str(text), "sort": sort, "order": order,
            "limit": limit, "offset": offset, "min_confidence": min_confidence}


Multi = Annotated[Optional[list[str]], Query(description="repeat for any of several values (or comma-separate)")]


@router.get("/events", response_model=None, responses={200: {"model": s.EventPage}, **ERRORS},
            summary="Events, filtered, sorted and paginated")
def list_events(request: Request, country: Annotated[Optional[list[str]], Query(
                    description="a side: ISO code (CN) or name in Vietnamese or English (Trung Quốc, China); "
                                "repeat for any of several")] = None,
                type: Annotated[Optional[list[s.EventType]], Query()] = None,
                person: Text = None, since: DateQ = None, until: DateQ = None, text: Text = None,
                place: Multi = None, cameo: Multi = None, plover: Multi = None,
                level: Annotated[Optional[list[s.Level]], Query()] = None,
                sources: Annotated[Optional[list[s.SourcesBucket]], Query()] = None,
                match: Annotated[Optional[s.Match], Query(description="countries: any (default) or all")] = None,
                sort: s.SortKey = "date", order: s.Order = "desc", limit: Limit = 50, offset: Offset = 0,
                min_confidence: ConfidenceQ = None):
    f = event_filters_of(request)
    rows, total = request.app.state.repo.filter_events(f, limit=limit, offset=offset)
    return json_body({"total": total, "limit": limit, "offset": offset, "filters": f.as_dict(), "items": rows})


@router.get("/facets", response_model=None, responses={200: {"model": s.Facets}, **ERRORS},
            summary="Counts of each event filter's values among the events the other filters select")
def facets(request: Request, country: Multi = None, type: Multi = None, person: Text = None,
           since: DateQ = None, until: DateQ = None, text: Text = None, place: Multi = None,
           cameo: Multi = None, plover: Multi = None, level: Multi = None, sources: Multi = None,
           match: Annotated[Optional[s.Match], Query()] = None, min_confidence: ConfidenceQ = None):
    f = event_filters_of(request)
    repo = request.app.state.repo
    rows, total = repo.filter_events(f, limit=1, offset=0)
    return json_body({"total": total, "filters": f.as_dict(), "facets": repo.event_facets(f)})


@router.get("/events.{fmt}", response_model=None,
            responses={200: {"content": {t: {} for t in MEDIA.values()},
                             "description": "every event of the filtered view (all pages), in its order"},
                       **NOT_FOUND},
            summary="Download the filtered events: csv, jsonl, parquet or CAMEO tsv")
def download_events(request: Request, fmt: s.DownloadFormat, country: Multi = None, type: Multi = None,
                    person: Text = None, since: DateQ = None, until: DateQ = None, text: Text = None,
                    place: Multi = None, cameo: Multi = None, plover: Multi = None, level: Multi = None,
                    sources: Multi = None, match: Annotated[Optional[s.Match], Query()] = None,
                    sort: s.SortKey = "date", order: s.Order = "desc", min_confidence: ConfidenceQ = None):
    f = event_filters_of(request)
    buf = io.BytesIO()
    write_events(request.app.state.repo.filtered_events(f), fmt, buf)
    name = "ngoaigiao-events" + (("-" + _slug(f)) if f.active() else "") + "." + fmt
    return Response(buf.getvalue(), media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _slug(f) -> str:
    """A short file-name part saying which view this is."""
    bits = [*f.country, *f.type, *(f.level or ()), f.since or "", f.until or ""]
    slug = "-".join(b for b in bits if b)
    return "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in slug)[:60] or "view"


@router.get("/events/{event_id}", response_model=None, responses={200: {"model": s.EventDetail}, **NOT_FOUND},
            summary="One event with participants, sources and evidence")
def get_event(request: Request, event_id: str):
    event = request.app.state.repo.event(event_id)
    if not event:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return json_body(event)


@router.get("/persons", response_model=None, responses={200: {"model": s.PersonPage}, **ERRORS},
            summary="Persons, by name (diacritics optional) and country")
def list_persons(request: Request, q: Text = None, country: Multi = None,
                 level: Annotated[Optional[list[s.Level]], Query()] = None,
                 limit: Limit = 50, offset: Offset = 0):
    countries = person_countries(request)
    rows, total, facets = request.app.state.repo.persons_view(
        q=clean_str(q), country=countries, level=list(dict.fromkeys(level or [])), limit=limit, offset=offset)
    return json_body({"total": total, "limit": limit, "offset": offset, "items": rows, "facets": facets})


def person_countries(request: Request) -> list[str]:
    """country= values (codes or names, repeatable) as codes; an unknown one is a 422."""
    from ngoaigiao.countries import country_code  # noqa: PLC0415

    out = []
    for raw in request.query_params.getlist("country"):
        for v in (x.strip() for x in raw.split(",")):
            if not v:
                continue
            code = country_code(v)
            if not code:
                raise HTTPException(422, f"invalid request: country: unknown country {v[:40]!r}")
            out.append(code)
    return list(dict.fromkeys(out))


@router.get("/persons/{person_id}", response_model=None, responses={200: {"model": s.PersonDetail}, **NOT_FOUND},
            summary="One person: positions over time, events, counterparts")
def get_person(request: Request, person_id: str):
    person = request.app.state.repo.person(clean_str(person_id) or "")
    if not person:
        raise HTTPException(404, f"no person with id {person_id!r}")
    return json_body(person)


@router.get("/articles", response_model=None, responses={200: {"model": s.ArticlePage}, **ERRORS},
            summary="Articles, newest first")
def list_articles(request: Request, q: Text = None, outlet: Multi = None,
                  year: Annotated[Optional[list[Annotated[str, Query(pattern=r"^\d{4}$")]]], Query()] = None,
                  limit: Limit = 50, offset: Offset = 0):
    query, notice = clean_str(q), None
    if q is not None and not params.searchable(query):
        query, notice = None, "q has no letters or digits; it was ignored and every article is listed"
    rows, total, facets = request.app.state.repo.articles_view(
        q=query, outlet=list(dict.fromkeys(outlet or [])), year=list(dict.fromkeys(year or [])),
        limit=limit, offset=offset)
    page = {"total": total, "limit": limit, "offset": offset, "items": rows, "facets": facets}
    return json_body(dict(page, notice=notice) if notice else page)


@router.get("/articles/{article_id}", response_model=None, responses={200: {"model": s.ArticleDetail}, **NOT_FOUND},
            summary="One article: raw page, clean text, blocks (furniture...), evidence spans")
def get_article(request: Request, article_id: str):
    article = request.app.state.repo.article(clean_str(article_id) or "")
    if not article:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return json_body(article)


@router.get("/search", response_model=None, responses={200: {"model": s.SearchResult}, **ERRORS},
            summary="Diacritic-insensitive search over articles, persons and events")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200, pattern=r"\S",
                                                     description="search text (not only spaces)")],
           limit: Annotated[int, Query(ge=1, le=100)] = 20):
    query = clean_str(q)
    if not query or not params.searchable(query):
        raise HTTPException(422, "invalid request: q: the search text has no letters or digits")
    res = request.app.state.repo.search_view(query, limit=limit)
    if not res["persons"] and not res["articles"] and not res["events"]:
        res = {**res, "suggestions": request.app.state.repo.suggest_names(query)}
    return json_body(res)


@router.get("/stats", response_model=None, responses={200: {"model": s.Stats}}, summary="Counts and summaries")
def stats(request: Request):
    return json_body(request.app.state.repo.stats())


# csv and parquet are folders of tables: they are sent as one zip.
FOLDER_FORMATS = ("csv", "parquet")


@router.get("/export/{fmt}", response_model=None,
            responses={200: {"content": {"application/zip": {}, **{t: {} for t in EXPORT_TYPES.values()}},
                             "description": "the whole knowledge base in that format (csv, parquet: a zip)"},
                       **NOT_FOUND},
            summary="Download an export: jsonl, csv, parquet, graphml or cameo")
def export(request: Request, fmt: s.ExportFormat):
    work = tempfile.mkdtemp(prefix="ngoaigiao-export-")
    try:
        if fmt in FOLDER_FORMATS:
            folder = os.path.join(work, fmt)
            os.mkdir(folder)
            request.app.state.repo.export(fmt, folder)
            path = shutil.make_archive(os.path.join(work, "ngoaigiao-" + fmt), "zip", folder)
            media, name = "application/zip", f"ngoaigiao-{fmt}.zip"
        else:
            path = os.path.join(work, f"ngoaigiao.{fmt}")
            request.app.state.repo.export(fmt, path)
            media, name = EXPORT_TYPES[fmt], f"ngoaigiao.{'tsv' if fmt == 'cameo' else fmt}"
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return FileResponse(path, media_type=media, filename=name,
                        background=BackgroundTask(shutil.rmtree, work, ignore_errors=True))


def check_token(request: Request, given: str | None) -> None:
    """403 unless the server has a write token and the request carries it."""
    expected = request.app.state.write_token
    if not expected:
        raise HTTPException(403, "the server is read-only: start it with --write-token to allow imports")
    auth = request.headers.get("authorization", "")
    candidates = [given, request.headers.get("x-write-token"),
                  auth[7:] if auth.lower().startswith("bearer ") else None]
    if not any(c and hmac.compare_digest(c.encode(), expected.encode()) for c in candidates):
        raise HTTPException(403, "missing or wrong write token")


@router.post("/import", response_model=None,
             responses={200: {"model": s.ImportReport}, 403: {"model": s.Error}, 411: {"model": s.Error},
                        413: {"model": s.Error}, **ERRORS},
             summary="Upload .txt/.html pages or a .zip of them (needs the write token)")
async def import_files(request: Request,
                       files: Annotated[Optional[list[UploadFile]], File(description=".txt, .html or .zip")] = None,
                       overwrite: Annotated[bool, Query(description="replace stored articles of the same "
                                                                     "name whose content differs")] = False):
    check_token(request, None)
    return await do_import(request, files or [], overwrite=overwrite)


async def do_import(request: Request, files: list[UploadFile], overwrite: bool = False) -> dict:
    limits = request.app.state.limits
    items: list[dict] = []
    for f in files:
        name = f.filename or "?"
        data = await f.read(limits.max_total + 1)
        if len(data) > limits.max_total:
            items.append({"file": name, "code": "too_large", "error": "file too large"})
        else:
            items.extend(expand([(name, data)], limits))
        if sum("data" in i for i in items) >= limits.max_files:
            if f is not files[-1]:
                items.append({"file": ", ".join(x.filename or "?" for x in files[files.index(f) + 1:])[:300],
                              "code": "too_many", "error": f"not read: more than {limits.max_files} files"})
            break
    repo = request.app.state.repo
    await run_in_threadpool(repo.check_writable)  # a damaged database file takes no new articles
    results = await run_in_threadpool(run_import, repo, items, request.app.state.upload_dir, overwrite)
    ok = sum(r["ok"] for r in results)
    report = {"results": results, "imported": ok, "failed": len(results) - ok}
    if not files:
        report["notice"] = "the upload contained no files"
    return report
