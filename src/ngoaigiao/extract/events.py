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
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date as Date

from ngoaigiao.article import Article, Event, PersonMention, Span
from ngoaigiao.data import load_lines, load_tsv
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.codes import assign_codes
from ngoaigiao.extract.lexicon import PhraseSet, Token, sentence_tokens, tokenize
from ngoaigiao.extract.names import country_of_text, table_row
from ngoaigiao.extract.places import find_place, venues
from ngoaigiao.extract.documents import find_documents
from ngoaigiao.extract.documents import heads as doc_heads
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


@functools.cache
def _all_cues() -> PhraseSet:
    """Every cue phrase -> the kinds it signals (one pass over a sentence finds them all)."""
    kinds: dict[str, set[str]] = {}
    for r in load_tsv("event_cues.tsv"):
        kinds.setdefault(r["phrase"], set()).add(f'{r["kind"]}:{r["where"]}')
    return PhraseSet((p, frozenset(k)) for p, k in kinds.items())


def _cue_positions(toks: list[Token]) -> dict[str, list[int]]:
    """kind:where -> token positions where a cue of that kind starts (cached per token list)."""
    cached = _CUE_CACHE.get(id(toks))
    if cached is not None and cached[0] is toks:
        return cached[1]
    ps, out = _all_cues(), {}
    first = ps.trie
    for x in [x for x, t in enumerate(toks) if t.low in first]:  # most words start no cue
        for _n, kinds in ps.matches(toks, x):
            for kind in kinds:
                out.setdefault(kind, []).append(x)
    if len(_CUE_CACHE) > 256:
        _CUE_CACHE.clear()
    _CUE_CACHE[id(toks)] = (toks, out)
    return out


_CUE_CACHE: dict[int, tuple] = {}


def _has_cue(kind_where: str, toks: list[Token], a: int, b: int) -> bool:
    a = max(a, 0)
    for x in _cue_positions(toks).get(kind_where, ()):
        if a <= x < b:
            return True
    return False


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
    attendees: bool = False  # "Tham dự hội đàm có ...": people to add to that event
    same_day: bool = False  # "Cùng ngày", "Sau hội đàm": the day of the event just reported


def _starts_person(toks: list[Token], j: int) -> bool:
    if j >= len(toks):
        return False
    t = toks[j]
    return t.is_cap or bool(lx.honorifics().match(toks, j)) or t.low in ("đoàn", "các", "ngài")


def _institution_at(toks: list[Token], i: int) -> bool:
    """An organisation or a venue, not a place, starts at toks[i]."""
    n_org = lx.organisations().match(toks, i)
    return bool((n_org and n_org > lx.places().match(toks, i)) or venues().match(toks, i))


def find_triggers(toks: list[Token]) -> list[Trigger]:
    out: list[Trigger] = []
    trig = triggers()
    first = trig.trie  # keyed by first word
    n = len(toks)
    nxt = 0  # a trigger found ends here: the next one starts at or after it
    # most words start no trigger: find those that may in one sweep
    for i in [x for x, t in enumerate(toks) if t.low in first]:
        if i < nxt:
            continue
        m = trig.match(toks, i)
        if not m:
            continue
        after = nxt = i + m
        type_, obj = trig.value(toks, i, m)
        if type_ in ("meeting", "talks") and _has_cue("online:after", toks, after, after + 1):
            type_ = "video_call"  # "có cuộc gặp trực tuyến với ...", "hội kiến qua video"
        if _has_cue("not_trigger:after", toks, after, min(n, after + 1)) and toks[after].low != "đoàn":
            continue
        if obj == "person" and not _starts_person(toks, after):
            # "làm việc với" / "gặp" / "tiếp" must be followed by whom
            if not (after < n and toks[after].low == "với" and _starts_person(toks, after + 1)):
                continue
        if obj == "place" and not (after < n and (toks[after].is_cap or toks[after].low in ("và", ","))):
            continue
        if obj == "place" and after < n and toks[after].is_cap and _institution_at(toks, after):
            continue  # "thăm Đại sứ quán Việt Nam", "thăm Trụ sở ...": a call at a building, not a trip
        before = [t.low for t in toks[max(0, i - 2):i]]
        plural = "các" in before or "những" in before
        inside = [t.low for t in toks[i:i + m]]
        single = ((bool(before) and before[-1] == "cuộc") or "cuộc" in inside) and not plural
        out.append(Trigger(i, m, type_, plural, single))
    return out


def _invited(toks: list[Token], a: int, b: int) -> bool:
    """'mời X thăm ...' is an invitation; 'Nhận lời mời của X, Y thăm ...' is the visit itself."""
    for x in range(max(a, 0), b):
        if toks[x].low == "mời":
            if x >= 1 and toks[x - 1].low == "lời" and (x < 2 or toks[x - 2].low in ("nhận", "theo")):
                continue
            return True
    return False


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


def drafts_in_sentence(article: Article, si: int, mentions: list[PersonMention]) -> list[Draft]:
    sent = article.sentences[si]
    toks = sentence_tokens(article, si)
    # a trigger word inside a title ("Tổng Thư ký") or a name is not a verb
    covered = [(t.start, t.end) for m in mentions for t in m.titles] + [(m.start, m.end) for m in mentions]
    trs = [tr for tr in find_triggers(toks) if not any(a <= toks[tr.i].start < b for a, b in covered)
           and not _in_document_name(toks, tr.i)]
    if not trs:
        return []
    out: list[Draft] = []
    first = trs[0]
    mentions = [m for m in mentions if m.honorific != "phu nhân:of" and not _honoured_dead(article, toks, m)]
    subjects = subject_of(article, [m for m in mentions if m.end <= toks[first.i].start])
    occasion_sentence = _has_cue("occasion:clause", toks, 0, first.i)
    same_day = _has_cue("same_day:clause", toks, 0, first.i)
    for k, tr in enumerate(trs):
        t_start, t_end = toks[tr.i].start, toks[tr.i + tr.n - 1].end
        nxt = toks[trs[k + 1].i].start if k + 1 < len(trs) else sent.end
        clause = _clause_start(toks, tr.i)
        if _has_cue("greeting:clause", toks, clause, tr.i):
            continue
        if _has_cue("future:before", toks, tr.i - 3, tr.i) or _has_cue("future:clause", toks, clause, tr.i):
            continue
        if _invited(toks, clause, tr.i):
            continue
        if _has_cue("attend:before", toks, tr.i - 2, tr.i):
            # "Tham dự hội đàm ... có đồng chí X": X attended the talks already reported
            d = Draft(tr.type, si, [], [m for m in mentions if m.start >= t_end], (t_start, t_end))
            d.attendees = True
            out.append(d)
            continue
        background = _has_cue("background:clause", toks, clause, tr.i) or _has_cue(
            "background:before", toks, tr.i - 2, tr.i)
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
        if background and tr.type != "visit":
            continue
        times = [t for t in _times_in(article, sent.start, nxt) if len(t.date) >= 7 and not _period(t)
                 and not _in_brackets(article, sent, t)
                 and not (t.end <= toks[clause].start and _after_other_trigger(toks, trs, k, t))]
        if background:
            continue
        d = Draft(tr.type, si, subj, objects, (t_start, t_end), occasion=occasion_sentence or same_day,
                  nominal=nominal, same_day=same_day)
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
            if _is_background(article, d.date):
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
        out.append(d)
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


def _event(article: Article, d: Draft, people: list[PersonMention], confidence: float = 0.6) -> Event:
    names: list[str] = []
    for m in people:
        if m.name not in names:
            names.append(m.name)
    sent = article.sentences[d.sentence]
    return Event(type=d.type, date=d.date, end_date=d.end_date, place=d.place, participants=names,
                 countries=_countries(people), documents=list(d.documents),
                 evidence=[Span(sent.start, sent.end)], confidence=confidence)


def _two_sides(people: list[PersonMention]) -> bool:
    return len({m.country for m in people if m.country}) >= 2


def _delegation_heads(article: Article) -> list[PersonMention]:
    """People said to lead a delegation: "đoàn ... do đồng chí X dẫn đầu / làm Trưởng đoàn"."""
    heads = []
    for m in article.mentions:
        sent = article.sentences[m.sentence]
        before = article.match[max(sent.start, m.start - 40):m.start].lower()
        after = article.match[m.end:min(sent.end, m.end + 160)].lower()
        if "do " in before[-25:] and ("dẫn đầu" in after[:60] or "làm trưởng đoàn" in after or "trưởng đoàn" in after[:120]):
            heads.append(m)
        elif any(t.title.lower().startswith("trưởng đoàn") for t in m.titles):
            heads.append(m)
    return heads


def _pairwise_events(article, d: Draft, toks, trig, heads) -> list[Event]:
    subjects, objects = list(d.subjects), list(d.objects)
    if not objects and heads and _delegation_object(article, d):
        objects = [h for h in heads if h.name not in {s.name for s in subjects}][:1]
    if subjects and objects:
        groups = _group_objects(toks, objects, trig) if trig else [objects]
        sent = article.sentences[d.sentence]
        respectively = "lần lượt" in article.match[sent.start:d.trigger_span[0]].lower()
        same_side = len({s.country for s in subjects}) == 1
        split_subjects = len(subjects) > 1 and (respectively or (d.type == "meeting" and same_side and not trig.single))
        subj_groups = [[s] for s in subjects] if split_subjects else [subjects]
        made = [_event(article, d, sg + g) for sg in subj_groups for g in groups]
        return [e for e in made if len(e.participants) >= 2]  # one person cannot meet himself
    people = subjects or objects
    if len(people) >= 2 and _two_sides(people):
        ev = _event(article, d, people, confidence=0.5)
        return [ev] if len(ev.participants) >= 2 else []
    return []


def _delegation_visit(article, d: Draft) -> bool:
    """'chuyến thăm của đoàn ...': the visitors are the delegation."""
    after = article.match[d.trigger_span[1]:d.trigger_span[1] + 30].lower()
    return bool(re.match(r"\s*(chính thức |cấp nhà nước |(và|,) làm việc )?(của|đến) (các )?đoàn", after))


def _visitors_from_abroad(article: Article, d: Draft) -> list[PersonMention]:
    """A delegation's trip with no named head: its visitors are the people of the
    sentence who do not belong to the country visited."""
    place = _place_row(d.place)
    host = place[0] if place else None
    if not host:
        return []
    return [m for m in article.mentions if m.sentence == d.sentence and m.country and m.country != host]


def _delegation_object(article, d: Draft) -> bool:
    """The trigger is followed by a delegation ("tiếp đoàn đại biểu ...")."""
    after = article.match[d.trigger_span[1]:d.trigger_span[1] + 12].lower().lstrip()
    return after.startswith(("đoàn", "các đoàn", "với đoàn"))


_BOTH = re.compile(r"\bhai (bên|nhà lãnh đạo|lãnh đạo|thủ tướng|bộ trưởng|chủ tịch|tổng bí thư|trưởng ban|đoàn|nguyên thủ)\b")


def _both_sides_named(article: Article, d: Draft) -> bool:
    """'hai bên', 'hai Thủ tướng': both sides, named in the events before."""
    sent = article.sentences[d.sentence]
    window = article.match[max(sent.start, d.trigger_span[0] - 80):d.trigger_span[0]].lower()
    return bool(_BOTH.search(window)) and "các cuộc" not in window and "của hai" not in window


def _title_says(article: Article, type_: str) -> bool:
    title = [si for si, s in enumerate(article.sentences) if s.kind == "title"]
    if not title:
        return False
    toks = sentence_tokens(article, title[0])  # made for persons already
    return any(t.type == type_ for t in find_triggers(toks))


def _in_lead(article: Article, si: int, n: int = 3) -> bool:
    body = [i for i, s in enumerate(article.sentences) if s.kind in ("body", "title")]
    return si in body[:n] or article.sentences[si].kind == "title"


def extract_events(article: Article) -> Article:
    by_sentence = _mentions_by_sentence(article)
    heads = _delegation_heads(article)
    events: list[Event] = []
    last: Event | None = None
    last_any: Event | None = None
    welcome_day: str | None = None
    for si, sent in enumerate(article.sentences):
        if sent.kind not in ("body", "caption", "title"):
            continue
        mentions = by_sentence.get(si, [])
        toks = None
        for d in drafts_in_sentence(article, si, mentions):
            people = d.subjects + d.objects
            if d.type == "visit" and article.match[d.trigger_span[0]:d.trigger_span[1]].lower() == "lễ đón":
                days = [t for t in _times_in(article, sent.start, d.trigger_span[0]) if len(t.date) == 10]
                welcome_day = days[-1].date if days else welcome_day
            if d.same_day and not d.date and d.type != "visit":
                # the day of the last dated event ("Cùng ngày"), or of the welcome ("Sau Lễ đón")
                before = article.match[sent.start:d.trigger_span[0]].lower()
                dated = [e for e in events if e.date and len(e.date) == 10 and e.type != "visit"]
                if "lễ đón" in before and welcome_day:
                    d.date = welcome_day
                elif dated:
                    d.date = dated[-1].date
            if d.attendees:
                target = next((e for e in reversed(events) if e.type == d.type), None)
                if target is not None:
                    for m in d.objects:
                        if m.name not in target.participants:
                            target.participants.append(m.name)
                continue
            if d.type == "visit":
                if heads and _delegation_visit(article, d):
                    people = heads[:1] + [m for m in d.objects if m.name != heads[0].name]
                elif _delegation_visit(article, d):
                    visitors = _visitors_from_abroad(article, d)
                    people = visitors + [m for m in people if m not in visitors]
                if not people and heads and d.subjects == [] and _in_lead(article, si):
                    people = heads[:1]
                trip = next((e for e in events if e.type == "visit"), None)
                if (d.nominal or not d.date) and trip is not None:
                    # "trong chuyến thăm ...": an undated mention of the trip already reported;
                    # it may still say where the trip went
                    if not _known_place(trip.place) and _known_place(d.place):
                        trip.place = d.place
                    continue
                if people:
                    ev = _event(article, d, people)
                    if d.nominal and not d.end_date:
                        ev.date = None
                    events.append(ev)
                continue
            if d.occasion and last is not None and d.type in ("signing", "other"):
                d.date = d.date or last.date
                d.place = d.place or last.place
                if len(people) < 2 or not _two_sides(people):
                    ev = Event(type=d.type, date=d.date, end_date=None, place=d.place,
                               participants=list(last.participants), countries=list(last.countries),
                               documents=list(d.documents), evidence=[Span(sent.start, sent.end)], confidence=0.5)
                    events.append(ev)
                    continue
            if d.type == "other" and len(people) == 1 and last is not None and people[0].name in last.participants:
                # a gift or award announced by one side during the talks just reported
                events.append(Event(type="other", date=d.date or last.date, end_date=None, place=d.place or last.place,
                                    participants=list(last.participants), countries=list(last.countries),
                                    evidence=[Span(sent.start, sent.end)], confidence=0.4))
                continue
            if d.type == "message":
                if len(people) >= 2 and (_in_lead(article, si) or _title_says(article, "message")):
                    ev = _event(article, d, people)
                    ev.roles = {**{m.name: "sender" for m in d.subjects}, **{m.name: "recipient" for m in d.objects}}
                    events.append(ev)
                continue
            if d.type == "signing":
                if len(people) >= 2:
                    ev = _event(article, d, people)
                    events.append(ev)
                elif d.documents and not d.date:
                    # "hai bên đã ký kết ...": more documents of the signing already reported,
                    # else a signing by the two sides of the talks just reported
                    signed = next((e for e in reversed(events) if e.type == "signing"), None)
                    if signed is not None:
                        signed.documents += [x for x in d.documents if x not in signed.documents]
                    elif last_any is not None and _both_sides_named(article, d):
                        events.append(Event(type="signing", date=last_any.date, end_date=None,
                                            place=last_any.place, participants=list(last_any.participants),
                                            countries=list(last_any.countries), documents=list(d.documents),
                                            evidence=[Span(sent.start, sent.end)], confidence=0.4))
                continue
            if toks is None:
                toks = sentence_tokens(article, si)
            trig = next((t for t in find_triggers(toks) if toks[t.i].start == d.trigger_span[0]), None)
            trig = trig or Trigger(0, 1, d.type)
            made = _pairwise_events(article, d, toks, trig, heads)
            if not made and not d.subjects and not d.objects and last_any is not None and _both_sides_named(article, d):
                ev = Event(type=d.type, date=d.date or (last_any.date if d.occasion else None), end_date=None,
                           place=d.place, participants=list(last_any.participants),
                           countries=list(last_any.countries), evidence=[Span(sent.start, sent.end)], confidence=0.4)
                made = [ev]
            if made:
                events.extend(made)
                last = made[-1]
            elif d.objects:
                # "Trong cuộc làm việc với đồng chí X": a reference to an event already reported
                ref = [e for e in events if d.objects[0].name in e.participants and e.type != "visit"]
                if ref:
                    last = ref[-1]
        last_any = next((e for e in reversed(events) if len(e.countries) >= 2), last_any)
    article.events = _finish(article, _add_listed_documents(article, _add_companions(article, events)))
    return article


def _sentence_of(article: Article, ev: Event) -> int | None:
    """Index of the sentence an event's first evidence span is in."""
    if not ev.evidence:
        return None
    at = ev.evidence[0].start
    return next((i for i, s in enumerate(article.sentences) if s.start <= at < s.end), None)


def document_lead_words() -> PhraseSet:
    return lx.phrase_list("document_lead_words.txt")


def document_list_openers() -> PhraseSet:
    return lx.phrase_list("document_list_openers.txt")


def _add_listed_documents(article: Article, events: list[Event]) -> list[Event]:
    """A signing that names no document takes the list in the next sentence
    ("... chứng kiến lễ ký kết 3 văn kiện. Các văn kiện này bao gồm: A; B; C.")."""
    openers = document_list_openers()
    for ev in events:
        if ev.type != "signing" or ev.documents:
            continue
        si = _sentence_of(article, ev)
        if si is None or si + 1 >= len(article.sentences):
            continue
        toks = sentence_tokens(article, si + 1)
        n = openers.match(toks, 0)
        if n:
            ev.documents = find_documents(article, toks, n, len(toks))
    return events


@functools.cache
def companion_openers() -> PhraseSet:
    return PhraseSet((r["phrase"], r["role"]) for r in load_tsv("companion_openers.tsv"))


def _add_companions(article: Article, events: list[Event]) -> list[Event]:
    """'Tháp tùng X có: A; B' names members of the visiting delegation; 'Cùng dự có các
    đồng chí: A; B' names people present at the talks or meeting just reported."""
    openers = companion_openers()
    for si, sent in enumerate(article.sentences):
        toks = sentence_tokens(article, si)
        n = openers.match(toks, 0)
        if not n:
            continue
        role = openers.value(toks, 0, n)
        if role == "escort":
            targets = [e for e in events if e.type == "visit"]
        else:
            if any(toks[t.i].start >= toks[n - 1].end for t in find_triggers(toks)):
                continue  # "Tham dự hội đàm có ...": the sentence's own trigger already says which event
            before = [e for e in events if e.type != "visit" and e.evidence and e.evidence[0].start < sent.start]
            targets = before[-1:]
        for ev in targets:
            for m in article.mentions:
                if m.sentence == si and m.name not in ev.participants:
                    ev.participants.append(m.name)
                    if m.country and m.country not in ev.countries:
                        ev.countries.append(m.country)
    return events


@functools.lru_cache(maxsize=4096)
def _place_row(name: str | None) -> tuple[str, str] | None:
    """(country, kind) of a place name the places list knows as a whole, else None."""
    if not name:
        return None
    toks = tokenize(key(name))
    return lx.places().value(toks, 0, len(toks))


def _known_place(name: str | None) -> bool:
    return _place_row(name) is not None


def _merge_into(same: Event, ev: Event) -> None:
    if ev.end_date and not same.end_date:
        same.date, same.end_date = ev.date, ev.end_date
    same.date = same.date or ev.date
    if same.type == "visit" and ev.place and _known_place(ev.place) and not _known_place(same.place):
        same.place = ev.place  # a trip's place is where it went, not the hall of its welcome
    same.place = same.place or ev.place
    for attr in ("participants", "countries", "documents"):
        mine = getattr(same, attr)
        for x in getattr(ev, attr):
            if x not in mine:
                mine.append(x)
    same.evidence.extend(ev.evidence)
    same.confidence = min(0.95, same.confidence + 0.1)


@functools.cache
def session_triggers() -> PhraseSet:
    return PhraseSet((r["phrase"], True) for r in load_tsv("event_triggers.tsv") if r.get("group") == "session")


def _is_session(article: Article, ev: Event) -> bool:
    """The event's sentence reports co-chairing a session ("đồng chủ trì Phiên họp ...")."""
    si = _sentence_of(article, ev)
    if si is None:
        return False
    toks, sessions = sentence_tokens(article, si), session_triggers()
    return any(sessions.match(toks, x) for x in range(len(toks)))


def _same(article: Article, o: Event, ev: Event) -> bool:
    """Two drafts of one article that report the same interaction (title, lead, caption, body)."""
    if o.type != ev.type:
        return False
    if o.type == "talks" and _is_session(article, o) != _is_session(article, ev):
        return False  # talks, then co-chairing the joint committee's session: two events
    shared = set(o.participants) & set(ev.participants)
    if ev.type == "visit":
        return bool(shared) or (o.place is not None and o.place == ev.place)
    if len(shared) < 2:
        return False
    return o.date == ev.date or not o.date or not ev.date


def _salient(article: Article, events: list[Event]) -> list[Event]:
    """Drop undated events that share nobody with the events of the headline and lead.

    The news of an article is in its headline and first sentences; an undated
    interaction later on that involves none of those people is recalled context
    ("Cụ thể, ... thăm chính thức Việt Nam, ...").
    """
    lead_starts = set()
    body = [s for s in article.sentences if s.kind in ("body", "title", "caption")]
    for s in body[:3]:
        lead_starts.add(s.start)
    for s in article.sentences:
        if s.kind == "title":
            lead_starts.add(s.start)
    anchors = [e for e in events if any(sp.start in lead_starts for sp in e.evidence)]
    if not anchors:
        return events
    people = {p for e in anchors for p in e.participants}
    # an article whose headline reports messages reports each of them ("Lãnh đạo Việt Nam gửi
    # điện mừng ...": one line per sender, the later ones often undated)
    messages = _title_says(article, "message")
    return [e for e in events if e in anchors or e.date or set(e.participants) & people
            or (messages and e.type == "message")]


def _evidenced_countries(article: Article) -> dict[str, str | None]:
    """Each person's country as the name table or the person's own titles say it, never
    guessed from the look of the name (a Sino-Vietnamese name reads like a Vietnamese one)."""
    out: dict[str, str | None] = {}
    for m in article.mentions:
        row = table_row(m.name)
        c = (row or {}).get("country") or next(
            (c for c in (country_of_text(t.title) for t in m.titles) if c), None)
        out[m.name] = out.get(m.name) or c
    return out


def _one_side_only(ev: Event, country_of: dict[str, str | None]) -> bool:
    """A meeting among people all known to be of one country ("Phó Thủ tướng tiếp Trưởng Ban
    Quản lý Khu kinh tế ...") is domestic business, not an exchange between sides."""
    if ev.type not in PAIRWISE or not ev.participants:
        return False
    sides = [country_of.get(p) for p in ev.participants]
    return all(sides) and len(set(sides)) == 1


def _finish(article: Article, events: list[Event]) -> list[Event]:
    """Merge repeats of one event, keep the article's own trip, fill sides, attach codes."""
    out: list[Event] = []
    for ev in events:
        same = next((o for o in out if _same(article, o, ev)), None)
        if same is None:
            out.append(ev)
        else:
            _merge_into(same, ev)
    country_of = _evidenced_countries(article)
    out = [e for e in out if not _one_side_only(e, country_of)]
    out = _salient(article, out)
    visits = [e for e in out if e.type == "visit"]
    if len(visits) > 1:
        others = {p for e in out if e.type != "visit" for p in e.participants}
        keep = [v for v in visits if v.date or set(v.participants) & others]
        keep = keep[:1] or visits[:1]
        out = [e for e in out if e.type != "visit" or e in keep]
    visit = next((e for e in out if e.type == "visit"), None)
    if visit is not None and not visit.date:
        # "Từ ngày 20 đến 23/3, ông gặp ...": the article's only range of days is its trip's
        ranges = {(t.date, t.end_date) for t in article.times if t.end_date and len(t.date) == 10
                  and len(t.end_date) == 10}
        if len(ranges) == 1:
            visit.date, visit.end_date = ranges.pop()
    by_name = {m.name: m.country for m in article.mentions}
    for ev in out:
        if ev.type == "visit" and ev.place:
            c = _place_row(ev.place)
            if c and c[0] and c[0] not in ev.countries:
                ev.countries.append(c[0])
            if c and c[0]:
                # who travelled and who received them: CAMEO 042 for the visitor, 043 for the host
                ev.roles = {p: ("host" if by_name.get(p) == c[0] else "visitor")
                            for p in ev.participants if by_name.get(p)}
                visiting = [by_name[p] for p, r in ev.roles.items() if r == "visitor"]
                ev.countries = list(dict.fromkeys(visiting + ev.countries))  # the visitor's side first
        elif visit is not None and ev is not visit and set(ev.participants) & set(visit.participants):
            ev.part_of = out.index(visit)
        assign_codes(ev)
    return out
