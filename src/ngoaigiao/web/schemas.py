"""Response shapes, for the OpenAPI document (the handlers return plain dicts).

Models allow extra fields: the store may add keys, clients should ignore what
they do not know.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict

EVENT_TYPES = ("talks", "meeting", "phone_call", "video_call", "visit", "signing", "message", "other")
EventType = Literal["talks", "meeting", "phone_call", "video_call", "visit", "signing", "message", "other"]
SortKey = Literal["date", "type", "sources"]
Order = Literal["asc", "desc"]
ExportFormat = Literal["jsonl", "csv", "parquet", "graphml", "cameo"]
DownloadFormat = Literal["csv", "jsonl", "parquet", "tsv"]
Level = Literal["party", "state", "government", "assembly", "ministry", "province"]
SourcesBucket = Literal["1", "2", "3", "4", "5+"]
Match = Literal["any", "all"]
# Months 01-12 and days 01-31 in the schema itself, so that clients (and schemathesis) know that
# 2024-13-45 is refused; the calendar check (2023-02-29) is in ngoaigiao.params.
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
COUNTRY_PATTERN = r"^[A-Za-z]{2}$"


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    error: str
    status: int
    details: Optional[list[dict]] = None


class PersonRef(Open):
    id: int | str | None
    name: str | None
    country: Optional[str] = None


class Span(Open):
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None


class EventRow(Open):
    id: int | str
    type: Optional[str] = None
    date: Optional[str] = None
    end_date: Optional[str] = None
    sort_date: Optional[str] = None       # always a day: the date to sort and filter by
    date_precision: Optional[str] = None  # day | range | published | month | year
    place: Optional[str] = None
    participants: list[PersonRef]
    countries: list[str]
    n_sources: int
    confidence: Optional[float] = None  # below 0.5 the web app marks the event as low-confidence


class Source(Open):
    article_id: int | str | None
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    evidence: list[Span]


class Participant(PersonRef):
    titles: list[str] = []


class EventDetail(EventRow):
    participants: list[Participant]
    documents: list[str]
    cameo: Optional[str] = None
    plover: Optional[str] = None
    sources: list[Source]
    part_of: Optional[EventRow] = None
    parts: list[EventRow]
    merged_because: Optional[dict] = None  # principals, each report's placement and score


class Position(Open):
    title: str
    office: Optional[str] = None          # canonical office, e.g. "VN / Chính phủ / Thủ tướng"
    variants: list[str] = []              # the titles as written
    first_seen: Optional[str] = None
    last_seen: Optional[str] = None
    tenure: list[dict] = []               # the name table's terms of this office
    not_held: Optional[str] = None        # seen at a date the name table says it was not held


class Counterpart(PersonRef):
    n: int


class PersonDetail(PersonRef):
    aliases: list[str]
    zh: Optional[str] = None
    pinyin: Optional[str] = None
    name_source: Optional[str] = None
    positions: list[Position]
    events: list[EventRow]
    counterparts: list[Counterpart]


class ArticleRow(Open):
    id: int | str
    title: Optional[str] = None
    published: Optional[str] = None


class Block(Open):
    start: int
    end: int
    kind: str
    reason: Optional[str] = None


class ArticlePerson(PersonRef):
    mentions: list[Span]


class ArticleEvent(EventRow):
    evidence: list[Span]


class ArticleDetail(ArticleRow):
    raw: str
    clean: str
    blocks: list[Block]
    persons: list[ArticlePerson]
    events: list[ArticleEvent]


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class EventPage(Page):
    items: list[EventRow]


class PersonPage(Page):
    items: list[PersonRef]


class ArticlePage(Page):
    items: list[ArticleRow]


class SearchResult(BaseModel):
    query: str
    articles: list[ArticleRow]
    persons: list[PersonRef]
    events: list[EventRow]


class Stats(Open):
    counts: dict[str, int]
    events_per_month_by_type: dict[str, dict[str, int]]
    latest_events: list[EventRow]
    top_counterparts: list[dict]


class FacetValue(BaseModel):
    value: str
    n: int
    selected: bool


class Facets(BaseModel):
    total: int
    filters: dict
    facets: dict[str, list[FacetValue]]


class ImportResult(Open):
    file: str
    ok: bool
    code: Optional[str] = None  # too_many | not_page | too_large | bad_zip | bad_name | input
    error: Optional[str] = None
    article_id: Optional[str] = None


class ImportReport(BaseModel):
    results: list[ImportResult]
    imported: int
    failed: int
