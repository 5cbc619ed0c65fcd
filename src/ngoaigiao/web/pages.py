"""HTML pages. Each handler asks the repo, then renders one template; every
value reaches the page through Jinja2 with autoescaping on."""
from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from ngoaigiao.web import lang as i18n
from ngoaigiao.levels import LEVELS
from ngoaigiao.web import render, statements_web
from ngoaigiao.web.rows import event_marks, event_rows, facet_items, facet_label, map_countries, range_bars
from ngoaigiao.web.api import check_token, do_import, person_countries
from ngoaigiao.web.app import HERE
from ngoaigiao.web.schemas import EVENT_TYPES
from ngoaigiao.web.urls import ViewURL, event_filters_of
from ngoaigiao.web.view import clean_str

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,  # every page is HTML: escape everything, always
    trim_blocks=True, lstrip_blocks=True,
)
PAGE_SIZE = 50
CONFIDENCE_PATTERN = r"^(0(\.\d{1,3})?|1(\.0{1,3})?)$"  # 0..1: the events page's minimum confidence
CONFIDENCE_CHOICES = (0.5, 0.7, 0.8)  # offered in its filter; any value in the URL works
PERSON_EVENTS = 40
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def fmt_date(value: Any, lang: str = "vi") -> str:
    if not value:
        return "—"
    v = str(value)[:10]
    parts = v.split("-")
    if not all(p.isdigit() for p in parts):
        return v
    if lang == "en":
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS_EN[int(parts[1]) - 1]} {parts[0]}" if 1 <= int(parts[1]) <= 12 else v
        if len(parts) == 2:
            return f"{MONTHS_EN[int(parts[1]) - 1]} {parts[0]}" if 1 <= int(parts[1]) <= 12 else v
        return v
    return "/".join(reversed(parts))


def seg(value: Any) -> str:
    """An id as one URL path segment."""
    return quote(str(value), safe="")


def safe_url(value: Any) -> str | None:
    """Only http(s) links to source pages; anything else (javascript:, data:) is not linked."""
    v = str(value or "")
    return v if re.match(r"^https?://", v, re.I) else None


ENV.filters.update(seg=seg, safe_url=safe_url, type_color=render.type_color, country_color=render.country_color)
ENV.globals.update(event_rows=event_rows, facet_items=facet_items, facet_label=facet_label, range_bars=range_bars,
                   map_countries=map_countries, event_marks=event_marks)


def render_page(request: Request, template: str, status: int = 200, cache: bool = False, **ctx) -> HTMLResponse:
    """Render `template`. With cache=True the handler's context must depend only on the
    URL and the store: the HTML is then kept in the repo's cache (dropped when data changes)."""
    lang, asked = i18n.pick(request)
    write = bool(request.app.state.write_token)

    def html() -> str:
        t = i18n.Translator(lang)

        def qs(**changes) -> str:
            params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang" and k not in changes]
            params += [(k, str(v)) for k, v in changes.items() if v is not None and v != ""]
            return "?" + urlencode(params) if params else "?"

        return ENV.get_template(template).render(
            request=request, t=t, lang=lang, qs=qs, path=request.url.path,
            d=lambda v: fmt_date(v, lang), write_enabled=write, types=EVENT_TYPES, **ctx)

    if cache:
        body = request.app.state.repo.cached(("html", template, str(request.url), lang, write), html)
    else:
        body = html()
    response = HTMLResponse(body, status_code=status)
    if asked:
        response.set_cookie(i18n.COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render_page(request, "error.html", status=status, status_code=status, message=message)


def _param(request: Request, name: str, pattern: str | None = None, choices=None, max_len: int = 200):
    """A query parameter from a form: blank is absent; a malformed one is a 422."""
    v = clean_str(request.query_params.get(name))
    if v is None:
        return None
    if len(v) > max_len or (pattern and not re.match(pattern, v)) or (choices and v not in choices):
        raise HTTPException(422, f"invalid value for {name!r}: {v[:60]!r}")
    return v


def _page(request: Request) -> int:
    v = request.query_params.get("page") or "1"
    if not v.isdigit() or not 1 <= int(v) <= 100_000:
        raise HTTPException(422, f"invalid page number {v[:20]!r}")
    return int(v)


def pager(page: int, total: int, size: int = PAGE_SIZE) -> dict:
    pages = max(1, math.ceil(total / size))
    window = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    window = [n for n in window if n <= pages]
    beyond = total > 0 and (page - 1) * size >= total  # a page past the last: say so, no "4901–76 of 76"
    first = 0 if beyond or not total else (page - 1) * size + 1
    last = 0 if beyond else min(total, page * size)
    return {"page": page, "pages": pages, "total": total, "first": first, "last": last, "window": window,
            "beyond": beyond}


@router.get("/")
def dashboard(request: Request):
    repo = request.app.state.repo
    st = repo.stats()
    from ngoaigiao.web.charts import range_chart  # noqa: PLC0415

    # the whole history (by year once it is longer than seven years); /timeline picks any range
    chart = range_chart(st["events_per_month_by_type"])
    return render_page(request, "dashboard.html", cache=True, stats=st, chart=chart)


@router.get("/events")
def events(request: Request):
    page = _page(request)
    f = event_filters_of(request)
    repo = request.app.state.repo
    rows, total = repo.filter_events(f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render_page(request, "events.html", cache=True, rows=rows, f=f, pager=pager(page, total),
                       facets=repo.event_facets(f), view=ViewURL("/events", f.params()),
                       filtered=f.active(), country_options=_country_options(request),
                       confidence_choices=CONFIDENCE_CHOICES)


def _country_options(request: Request) -> list[tuple[str, str]]:
    """(code, name) of the countries that have events, for the country box's suggestions."""
    lang, _ = i18n.pick(request)
    t = i18n.Translator(lang)
    from ngoaigiao.filters import EventFilters  # noqa: PLC0415

    codes = [c["value"] for c in request.app.state.repo.event_facets(EventFilters())["country"]]
    return [(c, t.country(c)) for c in codes]


@router.get("/events/{event_id}")
def event(request: Request, event_id: str):
    ev = request.app.state.repo.event(event_id)
    if not ev:
        raise HTTPException(404, f"no event with id {event_id!r}")
    # A new dict: the repo's result is cached and shared with the API.
    ev = {**ev, "sources": [{**src, "contexts": _contexts(request, src)} for src in ev["sources"]]}
    return render_page(request, "event.html", cache=True, ev=ev,
                       statements=statements_web.statements_for(request, event_id=ev["id"]))


def _contexts(request: Request, src: dict) -> list[dict]:
    """Each evidence sentence with a little of the text around it, for reading in place."""
    article = None
    out = []
    for ev in src["evidence"]:
        start, end = ev.get("start"), ev.get("end")
        if isinstance(start, int) and isinstance(end, int) and article is None:
            article = request.app.state.repo.article(str(src["article_id"])) or {}
        raw = (article or {}).get("raw") or ""
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(raw):
            a = max(0, raw.rfind("\n", 0, max(0, start - 1)) + 1, start - 300)
            b = raw.find("\n", end + 1)
            b = min(len(raw), end + 300) if b < 0 else min(b, end + 300)
            before, after = raw[a:start].lstrip(), raw[end:b].rstrip()
            out.append({"before": before if before.strip() else "", "text": raw[start:end],
                        "after": after if after.strip() else ""})
        else:
            out.append({"before": "", "text": ev.get("text") or "", "after": ""})
    return out


@router.get("/persons")
def persons(request: Request):
    page = _page(request)
    q = _param(request, "q")
    countries = person_countries(request)
    levels = [v for v in dict.fromkeys(request.query_params.getlist("level")) if v]
    for v in levels:
        if v not in LEVELS:
            raise HTTPException(422, f"invalid request: level: unknown level {v[:40]!r}")
    rows, total, facets = request.app.state.repo.persons_view(q=q, country=countries, level=levels,
                                                              limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    params = [("q", q)] if q else []
    params += [("country", c) for c in countries] + [("level", v) for v in levels]
    return render_page(request, "persons.html", cache=True, rows=rows, q=q, countries=countries, levels=levels,
                       facets=facets, view=ViewURL("/persons", params), pager=pager(page, total),
                       suggestions=request.app.state.repo.suggest_names(q) if q and not total else [])


@router.get("/persons/{person_id}")
def person(request: Request, person_id: str):
    p = request.app.state.repo.person(clean_str(person_id) or "")
    if not p:
        raise HTTPException(404, f"no person with id {person_id!r}")
    # The table shows the latest events, the timeline all the store returned; the
    # full list is one click away on the events page (and in the API).
    from ngoaigiao.store.views import generated_score  # noqa: PLC0415

    score = generated_score(p)
    return render_page(request, "person.html", cache=True, p=p, name_score=score, events=p["events"][:PERSON_EVENTS],
                       n_events=p.get("n_events") or len(p["events"]),
                       timeline=render.timeline(p["positions"], p["events"]),
                       graph=render.network(p, p["counterparts"]),
                       statements=statements_web.statements_for(request, person=p["id"]))


@router.get("/articles")
def articles(request: Request):
    page = _page(request)
    q = _param(request, "q")
    outlets = [v for v in dict.fromkeys(request.query_params.getlist("outlet")) if v]
    years = [v for v in dict.fromkeys(request.query_params.getlist("year")) if v]
    for v in years:
        if not re.fullmatch(r"\d{4}", v):
            raise HTTPException(422, f"invalid request: year: {v[:20]!r} is not a year")
    rows, total, facets = request.app.state.repo.articles_view(q=q, outlet=outlets, year=years,
                                                               limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    params = ([("q", q)] if q else []) + [("outlet", o) for o in outlets] + [("year", y) for y in years]
    return render_page(request, "articles.html", cache=True, rows=rows, q=q, outlets=outlets, years=years, facets=facets,
                       view=ViewURL("/articles", params), pager=pager(page, total))


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str):
    a = request.app.state.repo.article(clean_str(article_id) or "")
    if not a:
        raise HTTPException(404, f"no article with id {article_id!r}")
    view = render.article_view(a["raw"], a["blocks"], a["persons"], a["events"])
    kinds = sorted({b["kind"] for b in view})
    return render_page(request, "article.html", cache=True, a=a, view=view, kinds=kinds)


@router.get("/search")
def search(request: Request):
    q = _param(request, "q")
    res = request.app.state.repo.search_view(q, limit=30) if q else None
    suggestions = []
    if res is not None and not (res["persons"] or res["articles"] or res["events"]):
        suggestions = request.app.state.repo.suggest_names(q)
    return render_page(request, "search.html", cache=True, q=q, res=res, suggestions=suggestions)


@router.get("/import")
def import_form(request: Request):
    return render_page(request, "import.html", results=None, limits=request.app.state.limits)


@router.post("/import")
async def import_upload(request: Request):
    limits = request.app.state.limits
    form = await request.form(max_files=limits.max_files, max_fields=20)
    token = form.get("token")
    check_token(request, token if isinstance(token, str) else None)
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    report = await do_import(request, files, overwrite=form.get("overwrite") in ("1", "on", "true"))
    return render_page(request, "import.html", results=report, limits=limits)


@router.get("/favicon.ico")
def favicon():
    from starlette.responses import FileResponse  # noqa: PLC0415
    return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")




# ------------------------------------------------------------------ time and place
@router.get("/timeline")
def timeline_page(request: Request):
    """Events of any filtered view over any range of its whole history, stacked by type or by
    side; for a person also their positions, for a pair of countries (country=VN&country=CN
    &match=all) their relations over time."""
    from dataclasses import replace  # noqa: PLC0415

    from ngoaigiao.web.charts import range_chart  # noqa: PLC0415

    f = event_filters_of(request)
    by = _param(request, "by", choices=("type", "country")) or "type"
    repo = request.app.state.repo
    whole = replace(f, since=None, until=None, sort="date", order="desc")
    per_month = repo.month_counts(whole, "country" if by == "country" else "type")
    chart = range_chart(per_month, by=by, since=f.since, until=f.until)
    rows, total = repo.filter_events(f, limit=PAGE_SIZE, offset=0)
    person = repo.person(f.person) if f.person else None
    months = sorted(per_month)
    presets = []
    if months:
        last_y, last_m = int(months[-1][:4]), int(months[-1][5:7])
        for key, years in (("range.all", None), ("range.1y", 1), ("range.5y", 5), ("range.10y", 10)):
            since = None if years is None else f"{last_y - years + (last_m == 12):04d}-{(last_m % 12) + 1:02d}-01"
            if since and since <= months[0]:
                continue
            presets.append((key, since))
    base = ViewURL("/timeline", [p for p in f.params() if p[0] not in ("since", "until", "sort", "order")]
                   + ([("by", by)] if by != "type" else []))
    bars = ViewURL("/events", [p for p in f.params() if p[0] not in ("since", "until")])
    pair = list(f.country) if len(f.country) == 2 and f.match == "all" else None
    return render_page(request, "timeline.html", cache=True, f=f, by=by, chart=chart, rows=rows, total=total,
                       person=person, pair=pair, presets=presets, base=base, bars=bars,
                       history=(months[0], months[-1]) if months else None,
                       view=ViewURL("/events", f.params()),
                       positions=render.timeline(person["positions"], person["events"]) if person else None)


@router.get("/map")
def map_page(request: Request):
    """Events by place on an offline map; a place's circle filters the events to it, a
    country to its side."""
    from ngoaigiao.web import geo  # noqa: PLC0415

    f = event_filters_of(request)
    view_name = _param(request, "view", choices=tuple(geo.VIEWS)) or "asia"
    repo = request.app.state.repo
    places = repo.place_counts(f)
    marks, whole, missing = geo.place_marks(places, view_name)
    countries = {c["value"]: c["n"] for c in repo.event_facets(f)["country"]}
    top = max(countries.values(), default=1)
    shade = {c: 1 + min(4, int(5 * n / (top or 1))) for c, n in countries.items()}
    params = [p for p in f.params() if p[0] != "place"]
    return render_page(request, "map.html", cache=True, f=f, base=geo.base_map(view_name), marks=marks, missing=missing,
                       countries_as_places=whole,
                       shade=shade, counts=countries, view_name=view_name, views=list(geo.VIEWS),
                       events_view=ViewURL("/events", params), here=ViewURL("/map", params),
                       total=sum(p["n"] for p in places))
