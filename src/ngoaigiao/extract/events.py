"""Events: the interactions an article reports as its news.

A sentence of the body (or a caption) with a trigger word (data/event_triggers.tsv)
gives events: the people named before the first trigger of the sentence are
its subject, the people named after a trigger (up to the next one) its
objects. Cues around a trigger (data/event_cues.tsv) drop background, future
and passed-on greetings; "Nhân dịp này"-style occasions take the date, place
and participants of the event just reported. Dates come from the time
expressions of the same sentence, never from the publication date alone.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date as Date

from ngoaigiao.article import Article, Event, PersonMention, Span
from ngoaigiao.data import load_lines, load_tsv
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.codes import assign_codes
from ngoaigiao.extract.lexicon import PhraseSet, Token, tokenize
from ngoaigiao.extract.places import find_place
from ngoaigiao.extract.documents import find_documents
from ngoaigiao.textnorm import key

PAIRWISE = {"meeting", "talks", "phone_call", "video_call", "other"}
BACKGROUND_DAYS = 45  # an event dated this long before publication is recalled, not reported


@functools.cache
def triggers() -> PhraseSet:
    return PhraseSet((r["phrase"], (r["type"], r["object"])) for r in load_tsv("event_triggers.tsv"))


@functools.cache
def cues() -> dict[str, PhraseSet]:
    out: dict[str, list] = {}
    for r in load_tsv("event_cues.tsv"):
        out.setdefault(f'{r["kind"]}:{r["where"]}', []).append((r["phrase"], True))
    return {k: PhraseSet(v) for k, v in out.items()}


def _has_cue(kind_where: str, toks: list[Token], a: int, b: int) -> bool:
    ps = cues().get(kind_where)
    if not ps:
        return False
    return any(ps.match(toks, x) for x in range(max(a, 0), b))


@dataclass
class Trigger:
    i: int        # token index
    n: int        # tokens
    type: str
    plural: bool = False   # "các cuộc hội kiến": one event per counterpart
    single: bool = False   # "cuộc gặp với A, B": one event with all


@dataclass
class Draft:
    type: str
    sentence: int
    subjects: list[PersonMention]
    objects: list[PersonMention]
    trigger_span: tuple[int, int]
    date: str | None = None
    end_date: str | None = None
    place: str | None = None
    documents: list[str] = field(default_factory=list)
    occasion: bool = False
    nominal: bool = False  # "trong khuôn khổ chuyến thăm": a reference, not the report


def _starts_person(toks: list[Token], j: int) -> bool:
    if j >= len(toks):
        return False
    t = toks[j]
    return t.is_cap or bool(lx.honorifics().match(toks, j)) or t.low in ("đoàn", "các", "ngài")


def find_triggers(toks: list[Token]) -> list[Trigger]:
    out: list[Trigger] = []
    i, n = 0, len(toks)
    while i < n:
        m = triggers().match(toks, i)
        if not m:
            i += 1
            continue
        type_, obj = triggers().value(toks, i, m)
        after = i + m
        if _has_cue("not_trigger:after", toks, after, min(n, after + 1)) and toks[after].low != "đoàn":
            i += m
            continue
        if obj == "person" and not _starts_person(toks, after):
            # "làm việc với" / "gặp" / "tiếp" must be followed by whom
            if not (after < n and toks[after].low == "với" and _starts_person(toks, after + 1)):
                i += m
                continue
        if obj == "place" and not (after < n and (toks[after].is_cap or toks[after].low in ("và", ","))):
            i += m
            continue
        before = [t.low for t in toks[max(0, i - 2):i]]
        plural = "các" in before or "những" in before
        single = bool(before) and before[-1] == "cuộc" and not plural
        out.append(Trigger(i, m, type_, plural, single))
        i += m
    return out


def _invited(toks: list[Token], a: int, b: int) -> bool:
    """'mời X thăm ...' is an invitation; 'Nhận lời mời của X, Y thăm ...' is the visit itself."""
    for x in range(max(a, 0), b):
        if toks[x].low == "mời":
            if x >= 1 and toks[x - 1].low == "lời" and (x < 2 or toks[x - 2].low in ("nhận", "theo")):
                continue
            return True
    return False


def _clause_start(toks: list[Token], i: int) -> int:
    for x in range(i - 1, -1, -1):
        if toks[x].text in (";", ":"):
            return x + 1
    return 0


def _times_in(article: Article, a: int, b: int):
    return [t for t in article.times if a <= t.start and t.end <= b and t.date]


def _pub_date(article: Article) -> Date | None:
    p = article.published
    if p and len(p) == 10:
        try:
            return Date.fromisoformat(p)
        except ValueError:
            return None
    return None


def _is_background(article: Article, iso: str | None) -> bool:
    pub = _pub_date(article)
    if not pub or not iso:
        return False
    try:
        if len(iso) == 10:
            d = Date.fromisoformat(iso)
        elif len(iso) == 7:
            d = Date.fromisoformat(iso + "-28")
        else:
            return int(iso[:4]) < pub.year
    except ValueError:
        return False
    return (pub - d).days > BACKGROUND_DAYS


def _mentions_by_sentence(article: Article) -> dict[int, list[PersonMention]]:
    out: dict[int, list[PersonMention]] = {}
    for m in article.mentions:
        out.setdefault(m.sentence, []).append(m)
    return out


def _group_objects(toks: list[Token], objs: list[PersonMention], tr: Trigger) -> list[list[PersonMention]]:
    """Which counterparts met together: split at ';' and commas unless one 'cuộc' meeting."""
    if not objs:
        return []
    if tr.single:
        return [objs]
    groups = [[objs[0]]]
    for prev, cur in zip(objs, objs[1:]):
        between = [t for t in toks if prev.end <= t.start and t.end <= cur.start]
        joined = any(t.low == "và" for t in between) and not any(t.text == ";" for t in between)
        if joined and not tr.plural and tr.type != "meeting":
            groups[-1].append(cur)
        elif joined and not tr.plural and len(between) <= 2:
            groups[-1].append(cur)
        else:
            groups.append([cur])
    return groups


def drafts_in_sentence(article: Article, si: int, mentions: list[PersonMention]) -> list[Draft]:
    sent = article.sentences[si]
    toks = tokenize(article.match, sent.start, sent.end)
    trs = find_triggers(toks)
    if not trs:
        return []
    out: list[Draft] = []
    first = trs[0]
    subject_end = toks[first.i].start
    subjects = [m for m in mentions if m.end <= subject_end]
    occasion_sentence = _has_cue("occasion:clause", toks, 0, first.i)
    for k, tr in enumerate(trs):
        t_start, t_end = toks[tr.i].start, toks[tr.i + tr.n - 1].end
        nxt = toks[trs[k + 1].i].start if k + 1 < len(trs) else sent.end
        clause = _clause_start(toks, tr.i)
        if _has_cue("greeting:clause", toks, clause, tr.i):
            continue
        if _has_cue("future:before", toks, tr.i - 3, tr.i):
            continue
        if _invited(toks, clause, tr.i):
            continue
        background = _has_cue("background:clause", toks, clause, tr.i) or _has_cue(
            "background:before", toks, tr.i - 2, tr.i)
        objects = [m for m in mentions if t_end <= m.start and m.end <= nxt]
        # a later trigger of the same sentence with no subject of its own shares the first one's
        own_subjects = [m for m in mentions if toks[clause].start <= m.start and m.end <= t_start] if k else subjects
        subj = own_subjects or subjects
        nominal = bool(_has_cue("occasion:clause", toks, clause, tr.i)) and tr.type == "visit"
        if background and tr.type != "visit":
            continue
        times = _times_in(article, toks[clause].start if k else sent.start, nxt)
        if background:
            continue
        d = Draft(tr.type, si, subj, objects, (t_start, t_end), occasion=occasion_sentence, nominal=nominal)
        if times:
            # the expression nearest before the trigger, else the first after it
            before = [t for t in times if t.end <= t_start]
            chosen = before[-1] if before else times[0]
            d.date, d.end_date = chosen.date, chosen.end_date
            if _is_background(article, d.date):
                continue
        if tr.type == "signing":
            d.documents = find_documents(article, toks, tr.i + tr.n, len(toks))
        d.place = find_place(article, toks, sent, tr, visit=tr.type == "visit")
        out.append(d)
        if tr.type in PAIRWISE and tr.plural and len(subj) > 1 and "lần lượt" in article.match[sent.start:t_start].lower():
            pass
    return out


def _countries(people: list[PersonMention], extra: list[str] = ()) -> list[str]:
    out: list[str] = []
    for m in people:
        if m.country and m.country not in out:
            out.append(m.country)
    for c in extra:
        if c and c not in out:
            out.append(c)
    return out


def _event(article: Article, d: Draft, people: list[PersonMention], evidence: tuple[int, int]) -> Event:
    names: list[str] = []
    for m in people:
        if m.name not in names:
            names.append(m.name)
    sent = article.sentences[d.sentence]
    return Event(type=d.type, date=d.date, end_date=d.end_date, place=d.place, participants=names,
                 countries=_countries(people), documents=list(d.documents),
                 evidence=[Span(sent.start, sent.end)], confidence=0.6)


def extract_events(article: Article) -> Article:
    by_sentence = _mentions_by_sentence(article)
    events: list[Event] = []
    last: Event | None = None
    for si, sent in enumerate(article.sentences):
        if sent.kind not in ("body", "caption", "title"):
            continue
        mentions = by_sentence.get(si, [])
        for d in drafts_in_sentence(article, si, mentions):
            toks_ = None
            if d.occasion and last is not None and d.type in ("signing", "other", "message"):
                d.date = d.date or last.date
                d.place = d.place or last.place
                if not (d.subjects and d.objects) and len(d.subjects) < 2:
                    ev = Event(type=d.type, date=d.date, end_date=None, place=d.place,
                               participants=list(last.participants), countries=list(last.countries),
                               documents=list(d.documents), evidence=[Span(sent.start, sent.end)], confidence=0.5)
                    events.append(ev)
                    continue
            if d.type == "visit":
                people = d.subjects + d.objects
                if not people:
                    continue
                ev = _event(article, d, people, d.trigger_span)
                if d.nominal and not d.end_date:
                    ev.date = None
                events.append(ev)
                continue
            if d.type in ("message", "signing"):
                people = d.subjects + d.objects
                if len(people) < 2 and not (d.type == "signing" and last is not None):
                    continue
                if len(people) < 2 and last is not None:
                    people_names = list(last.participants)
                    ev = Event(type=d.type, date=d.date or last.date, end_date=None, place=d.place or last.place,
                               participants=people_names, countries=list(last.countries),
                               documents=list(d.documents), evidence=[Span(sent.start, sent.end)], confidence=0.4)
                    events.append(ev)
                    continue
                ev = _event(article, d, people, d.trigger_span)
                events.append(ev)
                last = ev
                continue
            if not d.subjects or not d.objects:
                continue
            toks_ = tokenize(article.match, sent.start, sent.end)
            trig = next((t for t in find_triggers(toks_) if toks_[t.i].start == d.trigger_span[0]), None)
            groups = _group_objects(toks_, d.objects, trig) if trig else [d.objects]
            respectively = "lần lượt" in article.match[sent.start:d.trigger_span[0]].lower()
            subj_groups = [[s] for s in d.subjects] if respectively else [d.subjects]
            for sg in subj_groups:
                for g in groups:
                    ev = _event(article, d, sg + g, d.trigger_span)
                    events.append(ev)
                    last = ev
    article.events = _finish(article, events)
    return article


def _finish(article: Article, events: list[Event]) -> list[Event]:
    """Merge repeats of one event, fill the sides of visits, attach codes."""
    out: list[Event] = []
    for ev in events:
        same = None
        for o in out:
            if o.type == ev.type or {o.type, ev.type} <= {"talks", "meeting"}:
                shared = set(o.participants) & set(ev.participants)
                if ev.type == "visit" and shared:
                    same = o
                elif len(shared) >= 2 and set(ev.participants) <= set(o.participants) | set(ev.participants):
                    if o.date == ev.date or not o.date or not ev.date:
                        if set(o.participants) == set(ev.participants) or ev.type == o.type:
                            same = o
            if same:
                break
        if same is None:
            out.append(ev)
            continue
        same.date = same.date or ev.date
        same.end_date = same.end_date or ev.end_date
        same.place = same.place or ev.place
        for p in ev.participants:
            if p not in same.participants:
                same.participants.append(p)
        for c in ev.countries:
            if c not in same.countries:
                same.countries.append(c)
        for d in ev.documents:
            if d not in same.documents:
                same.documents.append(d)
        same.evidence.extend(ev.evidence)
        same.confidence = min(0.95, same.confidence + 0.1)
    visit_idx = next((i for i, e in enumerate(out) if e.type == "visit"), None)
    for i, ev in enumerate(out):
        if ev.type == "visit" and ev.place:
            c = lx.places().value(tokenize(key(ev.place)), 0, len(tokenize(key(ev.place))))
            if c and c[0] and c[0] not in ev.countries:
                ev.countries.append(c[0])
        elif visit_idx is not None and ev.type != "visit":
            vis = out[visit_idx]
            if set(ev.participants) & set(vis.participants):
                ev.part_of = visit_idx
        assign_codes(ev)
    return out
