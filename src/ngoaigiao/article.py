"""The records that flow through the pipeline stages.

One `Article` is made by `read`, and each later stage fills in its own part
(spaCy's Doc, datatrove's Document). Offsets are character offsets into
`Article.text` (the decoded page after NFC); `Article.to_raw` maps them back
into `Article.raw` (the decoded page as it was) when the two differ.

`Article.match` is the same length as `text`: the text the extractors match
lexicon entries against (one tone-mark placement, Ð→Đ, no case change), so
"Uỷ ban" and "Ủy ban" are one word for every rule while output strings are
still sliced from `text` as the page wrote them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Block:
    """A line or paragraph of the page with what the cleaner made of it."""
    start: int
    end: int
    kind: str  # "title" | "body" | "caption" | "meta" | "furniture"
    reason: str | None = None  # why furniture/caption/meta: "marker:Cùng chuyên mục", "repeated", ...


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    block: int  # index into Article.blocks
    kind: str = "body"  # copied from the block: "body" | "caption" | "title"


@dataclass(slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    date: str | None  # ISO, or YYYY-MM / YYYY when that is all that is known
    end_date: str | None = None
    relative: bool = False  # "hôm nay", "Ngày 26/4": resolved against an anchor year/date
    year_known: bool = True  # False when the year came from nowhere and date was left partial


@dataclass(slots=True)
class YearGuess:
    year: int | None
    confidence: float
    reason: str


@dataclass(slots=True)
class TitleMention:
    title: str
    start: int
    end: int


@dataclass(slots=True)
class PersonMention:
    """One occurrence of a person's name in the text, with titles beside it."""
    name: str
    start: int
    end: int
    sentence: int
    titles: list[TitleMention] = field(default_factory=list)
    country: str | None = None
    honorific: str | None = None  # "đồng chí", "ông", ...


@dataclass(slots=True)
class Person:
    name: str
    country: str | None
    titles: list[str]
    mentions: list[Span] = field(default_factory=list)
    title_spans: list[TitleMention] = field(default_factory=list)
    zh: str | None = None
    pinyin: str | None = None
    name_source: str | None = None  # "table" | "generated" | None
    name_score: float | None = None  # confidence of zh/pinyin (1.0 from the table)


@dataclass(slots=True)
class Event:
    type: str
    date: str | None
    end_date: str | None
    place: str | None
    participants: list[str]
    countries: list[str]
    documents: list[str] = field(default_factory=list)
    cameo: str | None = None
    plover: str | None = None
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    part_of: int | None = None  # index of the visit event this one happened during
    roles: dict[str, str] = field(default_factory=dict)  # participant -> "visitor" | "host" | "sender" | "recipient" | ...
    rules: list[str] = field(default_factory=list)  # names of the events-stage rules that shaped it


@dataclass(slots=True)
class Statement:
    """What one side proposed, agreed, pledged or affirmed at an event (eval/STATEMENTS.md)."""
    side: str  # ISO code of the speaker's country, or "both"
    act: str  # "propose" | "agree" | "commit" | "affirm"
    topics: list[str]
    speaker: str | None
    sentence: int  # index into Article.sentences
    verb: Span  # the act verb as written
    object: Span  # what was proposed, agreed, ...
    event: int | None = None  # index into Article.events of the event it was made at


@dataclass
class Article:
    id: str
    raw: str
    text: str = ""
    match: str = ""
    source: str | None = None  # file path or URL the bytes came from
    encoding: str | None = None
    raw_map: list[int] | None = None  # text offset -> raw offset; None when identical
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None  # "dateline" | "header" | "url" | None
    year_guess: YearGuess | None = None
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    mentions: list[PersonMention] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    trace: list[dict] | None = None  # events-stage decisions, only when asked for (extract --explain)

    def to_raw(self, offset: int) -> int:
        if self.raw_map is None:
            return offset
        if offset >= len(self.raw_map):
            return len(self.raw)
        return self.raw_map[offset]

    def span(self, start: int, end: int) -> dict[str, Any]:
        """An evidence span as output: offsets into `raw` plus the text."""
        return {"start": self.to_raw(start), "end": self.to_raw(end), "text": self.text[start:end]}

    def statement_record(self, st: Statement) -> dict[str, Any]:
        """A statement as output: the STATEMENTS.md fields, then its object, verb, sentence and event."""
        sent = self.sentences[st.sentence]
        return {
            "side": st.side, "act": st.act, "topics": list(st.topics), "speaker": st.speaker,
            "object": self.text[st.object.start:st.object.end], "verb": self.text[st.verb.start:st.verb.end],
            "event": st.event, "evidence": self.span(sent.start, sent.end),
            "object_span": self.span(st.object.start, st.object.end),
        }

    def to_record(self, with_text: bool = False) -> dict[str, Any]:
        """The JSON shape of SCHEMA.md plus our own fields (the scorer ignores extras)."""
        rec: dict[str, Any] = {
            "id": self.id,
            "published": self.published,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "author": self.author,
            "source": self.source,
            "published_source": self.published_source,
            "year_guess": asdict(self.year_guess) if self.year_guess else None,
            "events": [],
            "persons": [],
        }
        for ev in self.events:
            rec["events"].append({
                "type": ev.type, "date": ev.date, "end_date": ev.end_date, "place": ev.place,
                "participants": list(ev.participants), "countries": list(ev.countries),
                "documents": list(ev.documents), "cameo": ev.cameo, "plover": ev.plover,
                "confidence": round(ev.confidence, 3), "part_of": ev.part_of, "roles": dict(ev.roles),
                "rules": list(ev.rules),
                "evidence": [self.span(s.start, s.end) for s in ev.evidence],
            })
        for p in self.persons:
            if not p.titles:
                continue  # SCHEMA.md lists only persons given a position
            rec["persons"].append({
                "name": p.name, "country": p.country, "titles": list(p.titles),
                "zh": p.zh, "pinyin": p.pinyin, "name_source": p.name_source, "name_score": p.name_score,
                "mentions": [self.span(s.start, s.end) for s in p.mentions],
                "title_evidence": [dict(self.span(t.start, t.end), title=t.title) for t in p.title_spans],
            })
        rec["statements"] = [self.statement_record(st) for st in self.statements]
        rec["blocks"] = [
            {"start": self.to_raw(b.start), "end": self.to_raw(b.end), "kind": b.kind, "reason": b.reason}
            for b in self.blocks
        ]
        if self.warnings:
            rec["warnings"] = list(self.warnings)
        if self.trace is not None:
            rec["trace"] = list(self.trace)
        if with_text:
            rec["raw"] = self.raw
        return rec
