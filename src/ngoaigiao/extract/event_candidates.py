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
from dataclasses import dataclass, field, replace
from datetime import date as Date

from ngoaigiao.article import Article, PersonMention
from ngoaigiao.data import load_lines
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.documents import find_documents
from ngoaigiao.extract.documents import heads as doc_heads
from ngoaigiao.extract.event_dates import bracketed_news_day, range_of_its_own
from ngoaigiao.extract.event_trace import Trace
from ngoaigiao.extract.event_triggers import (Trigger, _cue_positions, _has_cue, _invited, delivery_triggers,
                                              find_triggers)
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
    absent: list[PersonMention] = field(default_factory=list)  # senders named with "thư của", "Đặc phái viên của"
    delivery: bool = False  # "trao thư", "chuyển thông điệp": a letter handed over
    guests: list[PersonMention] = field(default_factory=list)  # "A tiếp B đang thăm ...": B, received before the trip verb
    rules: list[str] = field(default_factory=list)  # rules that shaped it so far
    coordinated: bool = False  # "A hội kiến B và hội đàm với C": the verb shares the one before's subject
    planned: bool = False  # a trip verb dropped as planned ("X sẽ thăm ..."): objects = the sentence's people



# Honorifics and ranks are taken out of the gap first (_honorific_words).
_JOINER = re.compile(r"^[\s,\-–—]*(đã)?[\s,]*(và|cùng|cùng với|với)?[\s,]*$")


@functools.cache
def _honorific_words() -> re.Pattern:
    """Honorifics and ranks ("đồng chí", "Đô đốc", "Đại tướng") in the gap between two joined names."""
    words = sorted({key(h) for h in load_lines("honorifics.txt")}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


_BRACKETED = re.compile(r"\([^()]{1,20}\)")
# "A hội đàm với B và hội kiến C", "A hội đàm với B, hội kiến C và gặp D": a conjunction or a comma
_COORD = re.compile(r"^\s*(,|;|[,;]?\s*(và|rồi|sau đó|đồng thời))[\s,]*(đã|cũng|còn|cùng)?[\s,]*(có cuộc|có các cuộc)?\s*$")


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
        # an abbreviation in brackets after a title ("Tổng cục Hải quan Trung Quốc (GACC) X") is the title's
        joint = _honorific_words().sub(" ", _BRACKETED.sub(" ", " ".join("".join(gap).lower().split())))
        if _JOINER.match(" ".join(joint.split())) or _joined_by_untitled(joint):  # spaces folded
            out.insert(0, prev)
        else:
            break
    return out


_JOIN_THEN_TITLE = re.compile(r"^[\s,]*(và|cùng|cùng với)\s+(.{3,90})$")


def _joined_by_untitled(gap: str) -> bool:
    """"A và Phó Tổng cục trưởng Tổng cục Hải quan Trung Quốc B" when the persons stage gave
    B no title: the gap is 'và' and a title phrase (a title head, no clause punctuation)."""
    m = _JOIN_THEN_TITLE.match(" ".join(gap.split()).rstrip(" ,"))
    if not m or any(c in m.group(2) for c in ";:.()"):
        return False
    # "và Ủy viên Trung ương Đảng ... Lào, Bí thư, Tỉnh trưởng tỉnh X Y": each comma segment a title
    return all(_opens_with_title(seg) for seg in m.group(2).split(","))


def _opens_with_title(text: str) -> bool:
    toks = tokenize(text.strip())
    j = 0
    while j < len(toks) and toks[j].low in _TITLE_PREFIXES:
        j += 1  # "Phó", "nguyên" before a title head
    return j < len(toks) and bool(lx.titles().match(toks, j))


_TITLE_PREFIXES = frozenset({"phó", "nguyên", "quyền", "cựu", "tân"})


def _cue_before_person(article: Article, toks: list[Token], m: PersonMention, kind: str, window: int) -> bool:
    """A cue of `kind` starts within `window` tokens before the person's first title (or name)."""
    if kind not in _cue_positions(toks):
        return False  # no such cue anywhere in the sentence (most sentences)
    starts = [t.start for t in toks]  # increasing: the first token at or after a point by bisection
    idx = bisect_left(starts, m.start - 1)
    if idx == len(toks):
        return False
    first_title = min([t.start for t in m.titles if t.end <= m.start] + [m.start])
    at_title = bisect_left(starts, first_title)
    idx = at_title if at_title < len(toks) else idx
    return _has_cue(kind, toks, idx - window, idx)


def _honoured_dead(article: Article, toks: list[Token], m: PersonMention) -> bool:
    """'viếng Chủ tịch Hồ Chí Minh': a name honoured, not a participant."""
    return _cue_before_person(article, toks, m, "not_participant:before", 3)


def absent_sender(article: Article, toks: list[Token], m: PersonMention) -> bool:
    """"Đặc phái viên của Tổng Bí thư A", "trao thư của A", "thay mặt A": A sent an envoy, a
    letter or greetings and did not attend; A is a message's sender, never a meeting's
    participant. The cue may open A's titles or come just before them."""
    if "absent:before" not in _cue_positions(toks):
        return False  # both tests below need such a cue (most sentences have none)
    starts = [t.start for t in toks]
    first_title = min([t.start for t in m.titles if t.end <= m.start] + [m.start])
    at = bisect_left(starts, first_title)
    if _has_cue("absent:before", toks, at - 5, at):
        return True
    # "Đặc phái viên của Tổng Bí thư A, đồng chí B": the persons stage gave A the envoy's
    # title; A is the sender only when the envoy B is named right after, else A is the envoy
    if not _has_cue("absent:before", toks, at, at + 1):
        return False
    nxt = next((x for x in mentions_after(article, m)), None)
    return nxt is not None and bool(_APPOSITIVE.match(article.match[m.end:nxt.start].lower()))


_APPOSITIVE = re.compile(r"^\s*,\s*(đồng chí|ông|bà|ngài)?\s*$")


def mentions_after(article: Article, m: PersonMention):
    return (x for x in article.mentions if x.sentence == m.sentence and x.start >= m.end)


_GREETING_ENDS = frozenset({"tới", "đến", "gửi", "cho", ";", ".", ":"})


def _greeting_senders(toks: list[Token], mentions: list[PersonMention]) -> list[PersonMention]:
    """"A chuyển lời thăm hỏi của B tới C": B, named between a greeting cue and "tới", sent
    greetings and was not there (C received them and usually was)."""
    spans = []
    for x in _cue_positions(toks).get("greeting:clause", ()):
        end = next((y for y in range(x + 1, len(toks)) if toks[y].low in _GREETING_ENDS), len(toks) - 1)
        spans.append((toks[x].start, toks[end].start))
    if not spans:
        return []
    return [m for m in mentions if any(a <= m.start < b for a, b in spans)]


def not_a_person(m: PersonMention) -> bool:
    """A place or an organisation the persons stage took for a name ("Liên hợp quốc", "ASEAN",
    a city) is never a participant."""
    return _names_a_thing(m.name)


@functools.lru_cache(maxsize=8192)
def _names_a_thing(name: str) -> bool:
    toks = tokenize(key(name))
    if not toks:
        return True
    n = len(toks)
    return (lx.places().match(toks, 0) == n or lx.organisations().match(toks, 0) == n
            or lx.phrase_list("non_persons.txt").match(toks, 0) == n)


def _in_document_name(toks: list[Token], i: int) -> bool:
    """'Biên bản hội đàm', 'Bản ghi nhớ về hợp tác ...': a word of a document's name, not a verb."""
    heads = doc_heads()
    for x in range(max(0, i - 3), i):
        n = heads.match(toks, x)
        if n and x + n == i:
            return True
    return False


def _after_other_trigger(toks, trs, k, t) -> bool:
    """A time expression that sits after an earlier trigger belongs to that one."""
    return any(toks[trs[x].i].start < t.start for x in range(k))


def _clause_start(toks: list[Token], i: int) -> int:
    for x in range(i - 1, -1, -1):
        if toks[x].text in (";", ":"):
            return x + 1
    return 0


MAX_EVENT_DAYS = 92  # a trip or a meeting spans days or weeks; longer ranges are periods


@functools.cache
def _restatement_rx() -> re.Pattern:
    cues = sorted(load_lines("restatement_cues.txt"), key=len, reverse=True)
    return re.compile(r"(?:^|[\s,(])(?:" + "|".join(re.escape(c) for c in cues) + r")(?:\s+\w+){0,2}\s*$")


def _restated(article: Article, sent, t) -> bool:
    """"chiều 18/11 (giờ địa phương), tức rạng sáng 19/11 giờ Việt Nam": a date after a
    restatement cue (data/restatement_cues.txt), with another date before it in the sentence,
    is the same moment told in another time zone."""
    before = article.match[max(sent.start, t.start - 30):t.start].lower()
    if not _restatement_rx().search(before):
        return False
    return any(sent.start <= o.start and o.end <= t.start and o.date for o in article.times)


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
    if bracketed_news_day(article, sent, t):  # "giờ Việt Nam (21/12)", a headline's day: see event_dates
        return False
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


def full_names(article: Article) -> dict[str, str]:
    """"Thủ tướng Australia Anthony Albanese ... ông Albanese": a one-word name that is the
    last (or first) word of exactly one longer name of the article is that person again."""
    names = {m.name for m in article.mentions}
    words = [(n, n.split()) for n in names if " " in n]
    out: dict[str, str] = {}
    for n in names:
        if " " in n or len(n) < 2:
            continue
        full = {f for f, w in words if w[-1] == n or w[0] == n}
        if len(full) == 1:
            out[n] = full.pop()
    return out


def _mentions_by_sentence(article: Article) -> dict[int, list[PersonMention]]:
    """Mentions per sentence, a one-word re-mention under the person's full name."""
    out: dict[int, list[PersonMention]] = {}
    full = full_names(article)
    for m in article.mentions:
        if m.name in full:
            m = replace(m, name=full[m.name])
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
    after = i + v.trs[k].n
    if _has_cue("future:after", v.toks, after, after + 1):
        return "planned: 'chuyến thăm sắp tới' (future cue right after the trigger)"
    if _future_after_subject(v, i, clause):
        return "planned: 'X sẽ dẫn đầu đoàn ... thăm' (future cue after the subject)"
    return None


def _future_after_subject(v: SentenceView, i: int, clause: int) -> bool:
    """"X sẽ dẫn đầu đoàn đại biểu cấp cao ... thăm": a future cue between the subject (its
    name and the titles after it) and the trigger, with no comma between, plans the trip."""
    if "future:before" not in _cue_positions(v.toks):
        return False  # the test at the end needs such a cue; without one nothing else matters
    at = v.toks[clause].start if clause < len(v.toks) else 0
    t_start = v.toks[i].start
    before = [m for m in v.mentions if at <= m.start and m.end <= t_start]
    if not before:
        return False
    last = before[-1]
    end = max([last.end] + [t.end for t in last.titles if t.start >= last.end and t.end <= t_start])
    x0 = next((x for x in range(clause, i) if v.toks[x].start >= end), i)
    while x0 < i and v.toks[x0].text == ",":
        x0 += 1  # the comma that closes the titles after the name
    if any(v.toks[x].text in (",", ";", ":") for x in range(x0, i)):
        return False
    return _has_cue("future:before", v.toks, x0, i)


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


RECALLED_WINDOW = 10  # tokens after a trigger in which "vừa qua", "năm ngoái" say it was earlier


def drop_recalled_after(v: SentenceView, k: int, clause: int) -> str | None:
    """"chuyến thăm Ai Cập tháng Tám vừa qua", "cuộc gặp năm ngoái": words after the trigger
    (before the next trigger or clause break) place it before the news."""
    if "recalled:after" not in _cue_positions(v.toks):
        return None  # no such cue in the sentence: the window need not be bounded
    tr = v.trs[k]
    end = min(len(v.toks), tr.i + tr.n + RECALLED_WINDOW,
              v.trs[k + 1].i if k + 1 < len(v.trs) else len(v.toks))
    end = next((x for x in range(tr.i + tr.n, end) if v.toks[x].text in (";", ".", ":")), end)
    if _has_cue("recalled:after", v.toks, tr.i + tr.n, end):
        return "recalled ('vừa qua', 'năm ngoái' after the trigger)"
    return None


def _news_of_spans(toks: list[Token]) -> list[tuple[int, int]]:
    """Character spans of "Được tin ..., " clauses: their dates are of the news reacted to."""
    out = []
    for x in _cue_positions(toks).get("news_of:clause", ()):
        end = next((y for y in range(x + 1, len(toks)) if toks[y].text in (",", ";")), len(toks) - 1)
        out.append((toks[x].start, toks[end].start))
    return out


# Run in order before a candidate is built; the first that fires drops the trigger.
# (attendance_list sits between drop_invitation and drop_background: see candidates_in_sentence.)
TRIGGER_DROPS_BEFORE: list[Callable] = [drop_greeting, drop_future, drop_invitation]
TRIGGER_DROPS_AFTER: list[Callable] = [drop_background, drop_recalled_after]


_EVENT_NOUNS = frozenset(("buổi", "cuộc", "các", "lễ"))  # "Tham dự buổi tiếp có ...": the cue, a noun, the verb


def is_attendance(v: SentenceView, k: int) -> bool:
    """"Tham dự hội đàm ... có đồng chí X", "Tham dự buổi tiếp có ...", "Cùng tiếp đoàn có X": X
    attended the talks already reported (or received the guests with its host); the candidate
    adds people to that event instead of making one."""
    i, toks = v.trs[k].i, v.toks
    back = 3 if i >= 1 and toks[i - 1].low in _EVENT_NOUNS else 2
    if _has_cue("attend:before", toks, i - back, i):
        return True
    # "Cùng tiếp (đoàn) có ...": the sentence opens with "Cùng" + the verb, "có" lists the people
    return i == 1 and toks[0].low == "cùng" and any(toks[x].low == "có" for x in range(i + 1, min(i + 4, len(toks))))


@functools.cache
def _today_words() -> frozenset[str]:
    from ngoaigiao.data import load_tsv
    return frozenset(r["phrase"].lower() for r in load_tsv("relative_dates.tsv")
                     if r.get("unit") == "day" and r.get("offset") == "0")


def today_in_month(article: Article, a: int, b: int) -> str | None:
    """"chiều nay" on a page dated only by its month ("date 2023-09"): the event is of that
    month, which is all the page tells."""
    pub = article.published
    if not pub or len(pub) != 7:
        return None
    words = _today_words()
    for t in article.times:
        if a <= t.start and t.end <= b and not t.date and " ".join(t.text.lower().split()) in words:
            return pub
    return None


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
    found = find_triggers(toks)
    if not found:
        return []
    # a trigger word inside a title ("Tổng Thư ký") or a name is not a verb
    covered = [(t.start, t.end) for m in mentions for t in m.titles] + [(m.start, m.end) for m in mentions]
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
    mentions = [m for m in mentions if m.honorific != "phu nhân:of" and not _honoured_dead(article, toks, m)
                and not not_a_person(m)]
    greeters = _greeting_senders(toks, mentions)
    absent = [m for m in mentions if m in greeters or absent_sender(article, toks, m)]
    present = [m for m in mentions if m not in absent] if absent else mentions
    v = SentenceView(article, si, toks, trs, mentions)
    subjects = subject_of(article, [m for m in present if m.end <= toks[first.i].start])
    if trace and absent:
        trace.note(si, _words(article, toks, first), "changed", "absent_sender",
                   f"sent an envoy, a letter or greetings, not there: {_names(absent)}")
    everyone = mentions
    occasion_sentence = _has_cue("occasion:clause", toks, 0, first.i)
    same_day = _has_cue("same_day:clause", toks, 0, first.i)
    news_of = _news_of_spans(toks)
    planned = 0
    planned_trips: list[Draft] = []
    planned_clause = None  # the clause whose verb was dropped as planned
    recalled_clause = None  # (clause, type) of a trigger dropped as recalled
    prev_subj: list[PersonMention] = []  # the subject of the last verb kept (not a trip's)
    for k, tr in enumerate(trs):
        words = _words(article, toks, tr)
        # the sender of a letter is a message's party, not a meeting's
        mentions = everyone if tr.type == "message" else present
        t_start, t_end = toks[tr.i].start, toks[tr.i + tr.n - 1].end
        nxt = toks[trs[k + 1].i].start if k + 1 < len(trs) else sent.end
        clause = _clause_start(toks, tr.i)
        reason = rule = None
        for r in TRIGGER_DROPS_BEFORE:
            reason = r(v, k, clause)
            if reason:
                rule = r.__name__
                break
        if not reason and planned_clause == clause:
            # "X sẽ chào xã giao A và hội đàm với B": the second verb is planned too
            reason, rule = "coordinated with a planned verb of the same clause", "drop_future"
        if reason:
            trace.note(si, words, "dropped", rule, reason)
            if rule == "drop_future":
                planned += 1
                planned_clause = clause
                if tr.type == "visit":  # the rules may undo a headline's report of this trip
                    planned_trips.append(Draft(tr.type, si, [], list(present), (t_start, t_end),
                                               trigger=words, trig=tr, planned=True))
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
        if not reason and recalled_clause == (clause, tr.type):
            # "Chuyến thăm A của X hồi tháng 6/2016 và chuyến thăm B của Y tháng 12": both recalled
            reason, rule = "coordinated with a recalled event of the same clause", "drop_recalled_after"
        if reason:
            trace.note(si, words, "dropped", rule, reason)
            if rule == "drop_recalled_after":
                recalled_clause = (clause, tr.type)
            continue
        # a semicolon before the next verb closes the clause: "A điện đàm với B; C và D trao đổi
        # thư" (C and D are the next verb's, not A's); without a next verb it only separates a list
        semi = nxt if k + 1 == len(trs) else next(
            (toks[x].start for x in range(tr.i + tr.n, trs[k + 1].i) if toks[x].text == ";"), nxt)
        objects = [m for m in mentions if t_end <= m.start and m.end <= semi]
        if tr.type != "visit":  # "hội đàm với B nhân dịp B tháp tùng C thăm ...": C was not there
            ends = [x for x in _cue_positions(toks).get("object_end:after", ()) if tr.i + tr.n <= x < len(toks)]
            if ends:
                objects = [m for m in objects if m.end <= toks[min(ends)].start]
        # a later trigger of the same sentence with no subject of its own shares the first one's
        # people after the previous verb are its objects, not this verb's subject
        lo = max(toks[clause].start, toks[trs[k - 1].i].start if k else 0)
        own = subject_of(article, [m for m in mentions if lo <= m.start and m.end <= t_start]) if k else subjects
        # a name's original spelling in brackets ("Ô-si-ma (Tadamori Oshima) và tiếp ...") is the name's
        # (from the end of the titles written after that name: "A hội kiến B, <B's titles> và hội đàm với C")
        own_end = max([own[-1].end] + [t.end for t in own[-1].titles if t.start >= own[-1].end]) if own else 0
        coordinated = bool(k and own and _COORD.match(
            " ".join(_BRACKETED.sub(" ", article.match[own_end:t_start]).lower().split())))
        if k and not own:  # "A và B đã hội đàm, sau đó cùng chứng kiến ...": nobody between the verbs
            prev = trs[k - 1]
            coordinated = bool(_COORD.match(" ".join(article.match[toks[prev.i + prev.n - 1].end:t_start].lower().split())))
            # "A hội đàm với B, C; hội kiến D và E": a verb right after a semicolon, nobody before
            # it in its clause, goes on the list of the subject's acts
            coordinated = coordinated or (tr.i > 0 and toks[tr.i - 1].text == ";")
        if coordinated:
            own = []  # "A tiếp B và hội kiến C": B is the last verb's object; A does both
        # a later verb of the sentence without its own subject shares the first one's main actor;
        # coordinated with the verb before, that verb's ("Trong chuyến thăm, A hội đàm với B và hội kiến C")
        subj = own or [m for m in subjects if m.country == subjects[0].country]
        if coordinated and prev_subj:
            subj = list(prev_subj)  # "A và B đã hội đàm, sau đó cùng chứng kiến ...": both
        if not objects and subj and tr.type in RECEPTIONS:
            objects = _received_passive(article, mentions, subj[0])
        if not subj and objects and tr.i <= 1 and tr.type in RECEPTIONS:
            subj = _title_alone_after(article, toks, objects)
            if subj:
                trace.note(si, words, "changed", "title_alone_subject",
                           f"'Tiếp X, <title> ...': the {subj[0].name} the article gives that title")
        prev_subj = subj
        if tr.type == "visit":
            # a trip names its visitors and, before them, who invited or welcomed them
            subj = [m for m in mentions if toks[clause].start <= m.start and m.end <= t_start]
        # "Trong khuôn khổ chuyến thăm", "Nhân chuyến thăm, sáng 14/5, ...": the trip referred to; the
        # day is of what happened during it
        nominal = tr.type == "visit" and (_has_cue("occasion:clause", toks, clause, tr.i)
                                          or _has_cue("trip_reference:before", toks, tr.i - 1, tr.i))
        times = [t for t in _times_in(article, sent.start, nxt) if len(t.date) >= 7 and not _period(t)
                 and not _in_brackets(article, sent, t) and not _restated(article, sent, t)
                 and not (t.end <= toks[clause].start and _after_other_trigger(toks, trs, k, t))
                 and not any(a <= t.start < b for a, b in news_of)]
        d = Draft(tr.type, si, subj, objects, (t_start, t_end), occasion=occasion_sentence or same_day,
                  nominal=nominal, same_day=same_day, trigger=words, trig=tr, coordinated=coordinated)
        if times:
            # the expression nearest before the trigger, else the first after it
            before = [t for t in times if t.end <= t_start]
            chosen = before[-1] if before else times[0]
            ranges = [t for t in times if t.end_date]
            if tr.type == "visit" and ranges:
                chosen = ranges[0]  # a trip is dated by its range, not by one day of it
            elif tr.type != "visit" and chosen.end_date:
                singles = [t for t in times if not t.end_date]
                chosen = singles[-1] if singles else range_of_its_own(article, sent, trs, chosen)  # see event_dates
            if chosen is not None:
                d.date, d.end_date = chosen.date, chosen.end_date
        if d.date is None:
            d.date = today_in_month(article, sent.start, nxt)
            if d.date:
                d.rules.append("today_in_month")
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
        d.place = find_place(article, toks[:nxt_i], sent, tr, visit=tr.type == "visit",
                             trips=[t for t in trs if t.type == "visit" and t is not tr])
        if tr.type == "visit" and d.place is None:
            d.place = _place_pointed_back(article, toks, tr, subj)
        if tr.type == "message":
            d.absent = [m for m in absent if m.start >= t_end]
            d.delivery = bool(delivery_triggers().match(toks, tr.i))
        if tr.type == "visit" and k:
            d.guests = _guests_before(article, toks, trs, k, mentions)
        if trace:
            trace.note(si, words, "kept", "candidate",
                       f"{tr.type}: subjects {_names(d.subjects) or '-'}, objects {_names(d.objects) or '-'}, "
                       f"date {d.date or '-'}, place {d.place or '-'}", _names(d.subjects + d.objects))
        out.append(d)
    trips = [d for d in out if d.type == "visit" and d.nominal]
    if planned and trips and all(d in trips or not (d.subjects or d.objects) for d in out):
        # "Trong khuôn khổ chuyến thăm, dự kiến, X sẽ hội đàm ...": the trip is the planned one
        for d in trips:
            trace.note(si, d.trigger, "dropped", "planned_trip_mention",
                       "a mention of the trip in a sentence of plans: the trip is planned too")
        out = [d for d in out if d not in trips]
    return shared_recipient(article, out, trace) + planned_trips


RECEPTIONS = {"meeting", "talks"}


def _guests_before(article: Article, toks: list[Token], trs: list[Trigger], k: int,
                   mentions: list[PersonMention]) -> list[PersonMention]:
    """The people received by the meeting verb just before this visit verb, when nothing but
    their titles and a relative clause lies between ("tiếp ... X đang ở thăm và làm việc tại")."""
    j = k - 1
    if trs[j].type not in RECEPTIONS or toks[trs[k].i].low == "lễ":
        return []  # "lễ đón": a welcome is hosted by who is named before it, not a guest's trip
    if not any(m.end <= toks[trs[j].i].start for m in mentions):
        return []  # "Trước khi hội đàm, X chủ trì ...": no one received before the verb
    a, b = toks[trs[j].i + trs[j].n - 1].end, toks[trs[k].i].start
    return [m for m in mentions if a <= m.start and m.end <= b]


def _title_alone_after(article: Article, toks: list[Token], objects: list[PersonMention]) -> list[PersonMention]:
    """"Tiếp Đại sứ Anh X, Chủ tịch nước khẳng định ...": the title right after the comma names
    the host, the person the article gives that title (in its headline or lead)."""
    first = objects[0]
    comma = next((t for t in toks if t.start >= first.end and t.text == ","), None)
    if comma is None or any(m.start > first.end and m.start < comma.start for m in objects[1:2]):
        return []
    rest = [t for t in toks if t.start > comma.start]
    n = lx.titles().match(rest, 0) if rest else 0
    if not n:
        return []
    title = key(article.match[rest[0].start:rest[n - 1].end])
    holders = [m for m in article.mentions if m.name != first.name
               and any(key(t.title) == title or key(t.title).endswith(" " + title) for t in m.titles)]
    names = {m.name for m in holders}
    return holders[:1] if len(names) == 1 else []


# "X đã được", "do X, <titles> làm Trưởng đoàn đã được" (the head of a delegation received)
_PASSIVE = re.compile(r"^[\s,]*((dẫn đầu|làm trưởng đoàn)\s*)?(đã|vừa|cũng|sau đó)?\s*được\s*$")


def _received_passive(article: Article, mentions: list[PersonMention], subject: PersonMention) -> list[PersonMention]:
    """"X đã được Chủ tịch nước Y tiếp": X, named before "được", is whom Y received."""
    start = min([t.start for t in subject.titles if t.end <= subject.start] + [subject.start])
    before = [m for m in mentions if m.end <= start]
    if not before:
        return []
    prev = before[-1]
    # the guest's own titles after the name ("bà Dương Vạn Minh, Chủ tịch Hội làm Trưởng đoàn")
    end = max([t.end for t in prev.titles if t.start >= prev.end and t.end <= start] + [prev.end])
    return [prev] if _PASSIVE.match(article.match[end:start].lower()) else []


def shared_recipient(article: Article, drafts: list[Draft], trace: Trace) -> list[Draft]:
    """"A gửi thư, B gửi điện đến C": both wrote to C. The first verb's only "objects" are the
    next verb's own subject; its recipients are the next verb's."""
    for d1, d2 in zip(drafts, drafts[1:]):
        if d1.type != "message" or d2.type != "message" or not d1.objects or not d2.objects:
            continue
        if {m.name for m in d1.objects} <= {m.name for m in d2.subjects}:
            d1.objects = list(d2.objects)
            d1.rules.append("shared_recipient")
            trace.note(d1.sentence, d1.trigger, "changed", "shared_recipient",
                       f"the next sender's recipients: {_names(d2.objects)}")
    return drafts


def _words(article: Article, toks: list[Token], tr: Trigger) -> str:
    return article.text[toks[tr.i].start:toks[tr.i + tr.n - 1].end]
