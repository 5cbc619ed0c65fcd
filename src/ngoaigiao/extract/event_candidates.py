"""Candidate events: one per trigger of a sentence, with its subjects, objects, date and place.

`candidates_in_sentence` finds the triggers of a sentence and, for each, runs
the trigger rules (TRIGGER_RULES, in order): a rule may drop the trigger
(greetings passed on, plans, invitations, background) or change the
candidate (an attendance list). What survives becomes a `Draft` carrying the
names of the rules that shaped it.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date

from ngoaigiao.article import Article, PersonMention
from ngoaigiao.data import load_lines
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.documents import find_documents
from ngoaigiao.extract.documents import heads as doc_heads
from ngoaigiao.extract.event_trace import Trace
from ngoaigiao.extract.event_triggers import Trigger, _has_cue, _invited, find_triggers
from ngoaigiao.extract.lexicon import PhraseSet, Token, sentence_tokens, tokenize
from ngoaigiao.extract.places import find_place
from ngoaigiao.textnorm import key

BACKGROUND_DAYS = 45  # an event dated this long before publication is recalled, not reported


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
    attendees: bool = False  # "Tham dự hội đàm có ...": people to add to that event
    same_day: bool = False  # "Cùng ngày", "Sau hội đàm": the day of the event just reported
    trigger: str = ""  # the trigger words as written
    trig: Trigger | None = None
    people: list[PersonMention] = field(default_factory=list)  # who takes part, as the rules settle it
    rules: list[str] = field(default_factory=list)  # rules that shaped it so far



# Honorifics and ranks are taken out of the gap first (_honorific_words).
_JOINER = re.compile(r"^[\s,\-–—]*(đã)?[\s,]*(và|cùng|cùng với|với)?[\s,]*$")


@functools.cache
def _honorific_words() -> re.Pattern:
    """Honorifics and ranks ("đồng chí", "Đô đốc", "Đại tướng") in the gap between two joined names."""
    words = sorted({key(h) for h in load_lines("honorifics.txt")}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


_COORD = re.compile(r"^[\s,]*(và|rồi|sau đó|đồng thời)[\s,]*(đã|cũng|còn)?[\s,]*(có cuộc|có các cuộc)?\s*$")


def subject_of(article: Article, before: list[PersonMention]) -> list[PersonMention]:
    """The grammatical subject: the last person named before the verb, with those joined to it by 'và'/','."""
    if not before:
        return []
    out = [before[-1]]
    for prev in reversed(before[:-1]):
        cur = out[0]
        gap = list(article.match[prev.end:cur.start])
        for t in cur.titles + prev.titles:
            for x in range(max(t.start, prev.end), min(t.end, cur.start)):
                gap[x - prev.end] = " "
        joint = _honorific_words().sub(" ", " ".join("".join(gap).lower().split()))
        if _JOINER.match(" ".join(joint.split())):  # spaces folded: no backtracking blow-up
            out.insert(0, prev)
        else:
            break
    return out


def _honoured_dead(article: Article, toks: list[Token], m: PersonMention) -> bool:
    """'viếng Chủ tịch Hồ Chí Minh': a name honoured, not a participant."""
    starts = [t.start for t in toks]  # increasing: the first token at or after a point by bisection
    idx = bisect_left(starts, m.start - 1)
    if idx == len(toks):
        return False
    first_title = min([t.start for t in m.titles if t.end <= m.start] + [m.start])
    at_title = bisect_left(starts, first_title)
    idx = at_title if at_title < len(toks) else idx
    return _has_cue("not_participant:before", toks, idx - 3, idx)


def _in_document_name(toks: list[Token], i: int) -> bool:
    """'Biên bản hội đàm', 'Bản ghi nhớ về hợp tác ...': a word of a document's name, not a verb."""
    heads = doc_heads()
    return any(heads.match(toks, x) and x + heads.match(toks, x) == i for x in range(max(0, i - 3), i))


def _after_other_trigger(toks, trs, k, t) -> bool:
    """A time expression that sits after an earlier trigger belongs to that one."""
    return any(toks[trs[x].i].start < t.start for x in range(k))


def _clause_start(toks: list[Token], i: int) -> int:
    for x in range(i - 1, -1, -1):
        if toks[x].text in (";", ":"):
            return x + 1
    return 0


MAX_EVENT_DAYS = 92  # a trip or a meeting spans days or weeks; longer ranges are periods


def _period(t) -> bool:
    """An anniversary or a plan period ("(13/5/1955 - 13/5/2025)", "giai đoạn 2021-2025"),
    not the dates of an event."""
    if not t.end_date or len(t.date) < 10 or len(t.end_date) < 10:
        return bool(t.end_date) and t.date[:4] != t.end_date[:4]
    try:
        return (Date.fromisoformat(t.end_date) - Date.fromisoformat(t.date)).days > MAX_EVENT_DAYS
    except ValueError:
        return False


def place_anaphora() -> PhraseSet:
    return lx.phrase_list("place_anaphora.txt")


def _place_pointed_back(article: Article, toks: list[Token], tr, hosts: list[PersonMention]) -> str | None:
    """"... đến thăm và tham dự sự kiện của thành phố": the city or province that the titles
    of the people before the verb (who welcomed the visitors) name."""
    words = place_anaphora()
    end = min(len(toks), tr.i + tr.n + 15)
    x = next((x for x in range(tr.i + tr.n, end) if words.match(toks, x)), None)
    if x is None:
        return None
    after = x + words.match(toks, x)
    if after < len(toks) and toks[after].is_cap:
        return None  # "tại tỉnh Quảng Ninh": named, find_place's business
    names = {m.name for m in hosts}
    for m in article.mentions:  # every title the article gives them, not only this sentence's
        if m.name not in names:
            continue
        for t in m.titles:
            ttoks = tokenize(t.title)
            for y in range(len(ttoks)):
                n = lx.places().match(ttoks, y)
                if n and lx.places().value(ttoks, y, n)[1] in ("province", "city"):
                    return t.title[ttoks[y].start:ttoks[y + n - 1].end]
    return None


def _in_brackets(article: Article, sent, t) -> bool:
    """A date in brackets annotates a name ("Lễ kỷ niệm 70 năm Ngày giải phóng (13/5/1955 -
    13/5/2025)"); it is not when the event took place."""
    before = article.match[sent.start:t.start]
    return before.rfind("(") > before.rfind(")") and ")" in article.match[t.end:sent.end]


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




def document_lead_words() -> PhraseSet:
    return lx.phrase_list("document_lead_words.txt")


@dataclass
class SentenceView:
    """What the trigger rules of one sentence look at."""
    article: Article
    si: int
    toks: list[Token]
    trs: list[Trigger]
    mentions: list[PersonMention]


# --- trigger rules: each returns a reason when it fires, else None -------------------------

def drop_greeting(v: SentenceView, k: int, clause: int) -> str | None:
    """Greetings passed on ("chuyển lời thăm hỏi của A tới B") name people who were not there."""
    if _has_cue("greeting:clause", v.toks, clause, v.trs[k].i):
        return "a greeting passed on (greeting cue in the clause), not a meeting"
    return None


def drop_future(v: SentenceView, k: int, clause: int) -> str | None:
    """"sẽ hội đàm", "dự kiến thăm", "chuẩn bị cho chuyến thăm": planned, not reported as done."""
    i = v.trs[k].i
    if _has_cue("future:before", v.toks, i - 3, i) or _has_cue("future:clause", v.toks, clause, i):
        return "planned or proposed (future cue before the trigger)"
    return None


def drop_invitation(v: SentenceView, k: int, clause: int) -> str | None:
    """"mời X thăm ..." is an invitation, not the visit ("Nhận lời mời của X" is the visit itself)."""
    if _invited(v.toks, clause, v.trs[k].i):
        return "an invitation ('mời ...'), not the event"
    return None


def drop_background(v: SentenceView, k: int, clause: int) -> str | None:
    """"kể từ", "từng", "sau chuyến thăm ... năm 2019": an earlier event recalled as context."""
    i = v.trs[k].i
    if _has_cue("background:clause", v.toks, clause, i) or _has_cue("background:before", v.toks, i - 2, i):
        return "recalled as background (background cue before the trigger)"
    return None


# Run in order before a candidate is built; the first that fires drops the trigger.
# (attendance_list sits between drop_invitation and drop_background: see candidates_in_sentence.)
TRIGGER_DROPS_BEFORE: list[Callable] = [drop_greeting, drop_future, drop_invitation]
TRIGGER_DROPS_AFTER: list[Callable] = [drop_background]


def is_attendance(v: SentenceView, k: int) -> bool:
    """"Tham dự hội đàm ... có đồng chí X": X attended the talks already reported; the
    candidate adds people to that event instead of making one."""
    i = v.trs[k].i
    return _has_cue("attend:before", v.toks, i - 2, i)


def dated_long_before(article: Article, d: Draft) -> str | None:
    """An event dated more than BACKGROUND_DAYS before publication is recalled, not reported."""
    if d.date and _is_background(article, d.date):
        return f"dated {d.date}, more than {BACKGROUND_DAYS} days before publication {article.published}"
    return None


def _names(ms: list[PersonMention]) -> list[str]:
    return [m.name for m in ms]


def candidates_in_sentence(article: Article, si: int, mentions: list[PersonMention],
                           trace: Trace | None = None) -> list[Draft]:
    sent = article.sentences[si]
    toks = sentence_tokens(article, si)
    trace = trace or Trace(article)
    # a trigger word inside a title ("Tổng Thư ký") or a name is not a verb
    covered = [(t.start, t.end) for m in mentions for t in m.titles] + [(m.start, m.end) for m in mentions]
    found = find_triggers(toks)
    trs = []
    for tr in found:
        if any(a <= toks[tr.i].start < b for a, b in covered):
            trace.note(si, _words(article, toks, tr), "dropped", "trigger_in_name", "the trigger word is part of a title or a name")
        elif _in_document_name(toks, tr.i):
            trace.note(si, _words(article, toks, tr), "dropped", "trigger_in_document", "the trigger word is part of a document's name")
        else:
            trs.append(tr)
    if not trs:
        return []
    out: list[Draft] = []
    first = trs[0]
    mentions = [m for m in mentions if m.honorific != "phu nhân:of" and not _honoured_dead(article, toks, m)]
    v = SentenceView(article, si, toks, trs, mentions)
    subjects = subject_of(article, [m for m in mentions if m.end <= toks[first.i].start])
    occasion_sentence = _has_cue("occasion:clause", toks, 0, first.i)
    same_day = _has_cue("same_day:clause", toks, 0, first.i)
    for k, tr in enumerate(trs):
        words = _words(article, toks, tr)
        t_start, t_end = toks[tr.i].start, toks[tr.i + tr.n - 1].end
        nxt = toks[trs[k + 1].i].start if k + 1 < len(trs) else sent.end
        clause = _clause_start(toks, tr.i)
        reason = rule = None
        for r in TRIGGER_DROPS_BEFORE:
            reason = r(v, k, clause)
            if reason:
                rule = r.__name__
                break
        if reason:
            trace.note(si, words, "dropped", rule, reason)
            continue
        if is_attendance(v, k):
            d = Draft(tr.type, si, [], [m for m in mentions if m.start >= t_end], (t_start, t_end), trigger=words, trig=tr)
            d.attendees = True
            d.rules.append("attendance_list")
            trace.note(si, words, "changed", "attendance_list",
                       "'Tham dự ...': the people named join the event already reported", _names(d.objects))
            out.append(d)
            continue
        for r in TRIGGER_DROPS_AFTER:
            reason = r(v, k, clause)
            if reason:
                rule = r.__name__
                break
        if reason:
            trace.note(si, words, "dropped", rule, reason)
            continue
        # a semicolon before the next verb closes the clause: "A điện đàm với B; C và D trao đổi
        # thư" (C and D are the next verb's, not A's); without a next verb it only separates a list
        semi = nxt if k + 1 == len(trs) else next(
            (toks[x].start for x in range(tr.i + tr.n, trs[k + 1].i) if toks[x].text == ";"), nxt)
        objects = [m for m in mentions if t_end <= m.start and m.end <= semi]
        # a later trigger of the same sentence with no subject of its own shares the first one's
        # people after the previous verb are its objects, not this verb's subject
        lo = max(toks[clause].start, toks[trs[k - 1].i].start if k else 0)
        own = subject_of(article, [m for m in mentions if lo <= m.start and m.end <= t_start]) if k else subjects
        if k and own and _COORD.match(" ".join(article.match[own[-1].end:t_start].lower().split())):
            own = []  # "A tiếp B và hội kiến C": B is the last verb's object; A does both
        # a later verb of the sentence without its own subject shares the first one's main actor
        subj = own or [m for m in subjects if m.country == subjects[0].country]
        if tr.type == "visit":
            # a trip names its visitors and, before them, who invited or welcomed them
            subj = [m for m in mentions if toks[clause].start <= m.start and m.end <= t_start]
        nominal = bool(_has_cue("occasion:clause", toks, clause, tr.i)) and tr.type == "visit"
        times = [t for t in _times_in(article, sent.start, nxt) if len(t.date) >= 7 and not _period(t)
                 and not _in_brackets(article, sent, t)
                 and not (t.end <= toks[clause].start and _after_other_trigger(toks, trs, k, t))]
        d = Draft(tr.type, si, subj, objects, (t_start, t_end), occasion=occasion_sentence or same_day,
                  nominal=nominal, same_day=same_day, trigger=words, trig=tr)
        if times:
            # the expression nearest before the trigger, else the first after it
            before = [t for t in times if t.end <= t_start]
            chosen = before[-1] if before else times[0]
            ranges = [t for t in times if t.end_date]
            if tr.type == "visit" and ranges:
                chosen = ranges[0]  # a trip is dated by its range, not by one day of it
            elif tr.type != "visit" and chosen.end_date:
                singles = [t for t in times if not t.end_date]
                chosen = singles[-1] if singles else None  # a range dates the trip, not one talk in it
            if chosen is not None:
                d.date, d.end_date = chosen.date, chosen.end_date
        reason = dated_long_before(article, d)
        if reason:
            trace.note(si, words, "dropped", "dated_long_before", reason)
            continue
        if tr.type == "signing":
            d.documents = find_documents(article, toks, tr.i + tr.n, len(toks))
            lead = document_lead_words().match(toks, 0)
            if not d.documents and lead and doc_heads().match(toks, lead):
                d.documents = find_documents(article, toks, lead, tr.i)[:1]
        nxt_i = trs[k + 1].i if k + 1 < len(trs) else len(toks)
        nxt_i = next((x for x in range(tr.i, nxt_i) if toks[x].text == ";"), nxt_i)
        d.place = find_place(article, toks[:nxt_i], sent, tr, visit=tr.type == "visit")
        if tr.type == "visit" and d.place is None:
            d.place = _place_pointed_back(article, toks, tr, subj)
        if trace:
            trace.note(si, words, "kept", "candidate",
                       f"{tr.type}: subjects {_names(d.subjects) or '-'}, objects {_names(d.objects) or '-'}, "
                       f"date {d.date or '-'}, place {d.place or '-'}", _names(d.subjects + d.objects))
        out.append(d)
    return out


def _words(article: Article, toks: list[Token], tr: Trigger) -> str:
    return article.text[toks[tr.i].start:toks[tr.i + tr.n - 1].end]
