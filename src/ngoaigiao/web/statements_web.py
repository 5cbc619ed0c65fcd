"""Statements on the web: the Topics page, a topic's timeline, one statement with its sentence,
and the JSON API for them (/api/statements, /api/topics, /api/topics/{topic}/followup).

The pages reuse the app's rendering (`pages.render_page`); their own strings are in
i18n/statements_<lang>.json, the topic labels in data/statement_topics.tsv.
"""
from __future__ import annotations

import functools
import json
import math
import re
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from ngoaigiao import params
from ngoaigiao.extract.statements import topic_labels
from ngoaigiao.store.statement_queries import DEFAULT_WINDOW_DAYS
from ngoaigiao.web import lang as i18n
from ngoaigiao.web import schemas
from ngoaigiao.web.responses import JSONOut
from ngoaigiao.web.view import MAX_LIMIT, clean_str

pages = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
api = APIRouter(prefix="/api", default_response_class=JSONOut)

ACTS = ("propose", "agree", "commit", "affirm")
COUNTRIES_PATTERN = r"^[A-Za-z]{2}(,[A-Za-z]{2})*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# one colour per topic, in the order of data/statement_topics.tsv (presentation only)
PALETTE = ["#9f1239", "#b45309", "#0369a1", "#15803d", "#ca8a04", "#7c3aed", "#0891b2", "#4d7c0f",
           "#be185d", "#ea580c", "#dc2626", "#2563eb", "#059669", "#65a30d", "#6366f1", "#78716c"]


@functools.cache
def strings(lang: str) -> dict[str, str]:
    from ngoaigiao.web.lang import I18N_DIR
    return json.loads((I18N_DIR / f"statements_{lang}.json").read_text(encoding="utf-8"))


def topic_colors() -> dict[str, str]:
    return {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(topic_labels())}


def _check_topic(topic: str) -> str:
    if topic not in topic_labels():
        raise HTTPException(404 if topic else 422, f"no topic {topic!r}; one of {', '.join(topic_labels())}")
    return topic


def _query(request: Request, name: str, pattern: str | None = None, choices=None) -> str | None:
    v = clean_str(request.query_params.get(name))
    if v is None:
        return None
    if len(v) > 200 or (pattern and not re.match(pattern, v)) or (choices and v not in choices):
        raise HTTPException(422, f"invalid value for {name!r}: {v[:60]!r}")
    if pattern == DATE_PATTERN and params.date_problem(v):
        raise HTTPException(422, f"invalid value for {name!r}: {params.date_problem(v)}")
    return v


def _window(request: Request) -> int:
    v = request.query_params.get("window") or str(DEFAULT_WINDOW_DAYS)
    if not v.isdigit() or not 1 <= int(v) <= 36500:
        raise HTTPException(422, f"invalid window {v[:20]!r}: days from 1 to 36500")
    return int(v)


def _repo_call(request: Request, key: tuple, name: str, **kw):
    repo = request.app.state.repo
    return repo.cached(("statements",) + key + tuple(sorted(kw.items())), lambda: repo._call(name, **kw))


def statements_for(request: Request, **filters) -> dict:
    """Statements for a page's panel (event or person page): {"items", "s" (strings), "act"}."""
    lang, _ = i18n.pick(request)
    items = []
    if hasattr(request.app.state.repo.store, "query_statements"):
        items = _repo_call(request, ("panel",), "query_statements", limit=200, **filters)
    s = strings(lang)
    return {"items": items, "s": s, "act": {a: s.get(f"act.{a}", a) for a in ACTS}}


def quarter_charts(counts: dict, width: int = 520, height: int = 180) -> list[dict]:
    """One stacked bar chart per side: a bar per quarter, a segment per topic."""
    periods = counts["periods"]
    if not periods:
        return []
    colors = topic_colors()
    order = list(topic_labels())
    per: dict[str, dict[str, dict[str, int]]] = {}
    for r in counts["series"]:
        per.setdefault(r["side"], {}).setdefault(r["period"], {})[r["topic"]] = r["n"]
    charts = []
    left, bottom, upper, right = 28, 26, 8, 6
    plot_w, plot_h = width - left - right, height - bottom - upper
    for side in sorted(per, key=lambda s: (s == "both", s != "VN", s)):
        data = per[side]
        top = max(sum(v.values()) for v in data.values()) or 1
        step = max(1, math.ceil(top / 4))
        top = math.ceil(top / step) * step
        bw = plot_w / len(periods)
        bar_w = min(bw * 0.7, 36)
        bars, labels = [], []
        every = max(1, math.ceil(len(periods) / 8))
        for i, q in enumerate(periods):
            x, y = left + i * bw, upper + plot_h
            for topic in sorted(data.get(q, {}), key=lambda t: order.index(t) if t in order else 99):
                n = data[q][topic]
                h = n / top * plot_h
                y -= h
                bars.append({"x": round(x + (bw - bar_w) / 2, 1), "y": round(y, 1), "w": round(bar_w, 1),
                             "h": round(h, 1), "color": colors.get(topic, "#78716c"), "topic": topic,
                             "period": q, "n": n})
            if i % every == 0:
                labels.append({"x": round(x + bw / 2, 1), "text": q})
        ticks = [{"y": round(upper + plot_h - v / top * plot_h, 1), "v": v} for v in range(0, top + 1, step)]
        charts.append({"side": side, "width": width, "height": height, "bars": bars, "labels": labels,
                       "ticks": ticks, "left": left, "right": width - right, "base": upper + plot_h,
                       "label_y": height - 8, "total": sum(sum(v.values()) for v in data.values())})
    return charts


def _render(request: Request, template: str, **ctx):
    from ngoaigiao.web.pages import render_page  # noqa: PLC0415 - pages imports the app module
    lang, _ = i18n.pick(request)
    s = strings(lang)
    labels = {k: v["en" if lang == "en" else "vi"] for k, v in topic_labels().items()}
    return render_page(request, template, cache=True, s=s, topic_label=labels, topic_color=topic_colors(),
                       act_label=lambda a: s.get(f"act.{a}", a), **ctx)


# ------------------------------------------------------------------ pages
@pages.get("/topics")
def topics_page(request: Request):
    countries = _query(request, "countries", COUNTRIES_PATTERN)
    since, until = _query(request, "since", DATE_PATTERN), _query(request, "until", DATE_PATTERN)
    counts = _repo_call(request, ("topics",), "topic_counts", countries=countries, since=since, until=until)
    return _render(request, "topics.html", counts=counts, charts=quarter_charts(counts),
                   f={"countries": countries or "", "since": since or "", "until": until or ""})


@pages.get("/topics/{topic}")
def topic_page(request: Request, topic: str):
    _check_topic(topic)
    countries = _query(request, "countries", COUNTRIES_PATTERN)
    window = _window(request)
    res = _repo_call(request, ("followup", topic), "followup", topic=topic, countries=countries,
                     window_days=window)
    return _render(request, "topic.html", topic=topic, res=res, f={"countries": countries or "", "window": window})


@pages.get("/statements/{statement_id}")
def statement_page(request: Request, statement_id: str):
    if not statement_id.isdigit():
        raise HTTPException(404, f"no statement with id {statement_id!r}")
    st = _repo_call(request, ("one",), "get_statement", statement_id=int(statement_id))
    if not st:
        raise HTTPException(404, f"no statement with id {statement_id!r}")
    from ngoaigiao.web.pages import _contexts  # noqa: PLC0415
    sources = [{**src, "contexts": _contexts(request, {"article_id": src["article_id"], "evidence": [src["evidence"]]})}
               for src in st["sources"]]
    return _render(request, "statement.html", st={**st, "sources": sources})


# ------------------------------------------------------------------ API
TopicKey = Literal[tuple(topic_labels())]  # type: ignore[valid-type]  # the keys of data/statement_topics.tsv
ActKey = Literal[ACTS]  # type: ignore[valid-type]
ERRORS = {422: {"model": schemas.Error}}
NOT_FOUND = {404: {"model": schemas.Error}, **ERRORS}
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Text = Annotated[Optional[str], Query(max_length=200)]
DateQ = Annotated[Optional[str], Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
CountriesQ = Annotated[Optional[str], Query(pattern=COUNTRIES_PATTERN,
                                            description="ISO codes, comma-separated (VN,CN): statements made at "
                                                        "events between all of them")]


def _dates_ok(**dates) -> None:
    for name, value in dates.items():
        problem = params.date_problem(value) if value else None
        if problem:
            raise HTTPException(422, f"invalid request: {name}: {problem}")


@api.get("/statements", responses=ERRORS,
         summary="Statements: what each side proposed, agreed, pledged and affirmed")
def api_statements(request: Request, person: Text = None, topic: Optional[TopicKey] = None,
                   countries: CountriesQ = None, side: Text = None, act: Optional[ActKey] = None,
                   event_id: Annotated[Optional[int], Query(ge=0, le=2**62)] = None,
                   since: DateQ = None, until: DateQ = None, limit: Limit = 100):
    _dates_ok(since=since, until=until)
    items = _repo_call(request, ("api",), "query_statements", person=clean_str(person), topic=topic,
                       countries=countries, side=clean_str(side), act=act, event_id=event_id,
                       since=since, until=until, limit=limit)
    return {"limit": limit, "items": items}


@api.get("/statements/{statement_id}", responses=NOT_FOUND,
         summary="One statement with its sources and evidence sentences")
def api_statement(request: Request, statement_id: Annotated[int, Path(ge=0, le=2**62)]):
    st = _repo_call(request, ("one",), "get_statement", statement_id=statement_id)
    if not st:
        raise HTTPException(404, f"no statement with id {statement_id}")
    return st


@api.get("/topics", responses=ERRORS, summary="How often each topic was raised, per side and per quarter")
def api_topics(request: Request, countries: CountriesQ = None, since: DateQ = None, until: DateQ = None):
    _dates_ok(since=since, until=until)
    return _repo_call(request, ("topics",), "topic_counts", countries=countries, since=since, until=until)


@api.get("/topics/{topic}/followup", responses=ERRORS,
         summary="A topic's timeline between countries, unfollowed commitments flagged")
def api_followup(request: Request, topic: TopicKey, countries: CountriesQ = None,
                 window: Annotated[int, Query(ge=1, le=36500)] = DEFAULT_WINDOW_DAYS):
    _check_topic(topic)
    return _repo_call(request, ("followup", topic), "followup", topic=topic, countries=countries,
                      window_days=window)
