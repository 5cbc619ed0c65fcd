"""Candidate rules: each turns a candidate (`Draft`) into events, merges it into an event
already made, amends it, or drops it.

`CANDIDATE_RULES` runs in order on every candidate of the article, sentence by
sentence; a rule returns True when it has settled the candidate (made,
merged or dropped it) and False to pass it on, possibly amended. Each rule
records its name on the events it shapes (`Event.rules`) and, when tracing,
what it did and why.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ngoaigiao.article import Article, Event, PersonMention, Span
from ngoaigiao.data import load_lines, load_tsv, word_set
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.event_candidates import Draft, _group_objects, _times_in
from ngoaigiao.extract.event_counterparts import organisation_counterpart, organisation_subject, titled_counterparts
from ngoaigiao.extract.event_delegations import (PAIRWISE, attendees_of_pending, delegation_opens_clause,
                                                 delegation_subject, hosts_of_delegation, pending_delegation_event,
                                                 side_followers)
from ngoaigiao.extract.event_trace import Trace, shaped
from ngoaigiao.extract.event_triggers import _cue_positions, _has_cue, cochair_triggers, find_triggers
from ngoaigiao.extract.lexicon import Token, sentence_tokens, tokenize
from ngoaigiao.extract.places import fuller_name
from ngoaigiao.textnorm import key



@dataclass
class Ctx:
    """The article's events so far and what later candidates refer back to."""
    article: Article
    trace: Trace
    heads: list[PersonMention]
    events: list[Event]
    last: Event | None = None      # the last pairwise event made ("Nhân dịp này" refers to it)
    last_any: Event | None = None  # the last event between two sides, as of the previous sentence
    welcome_day: str | None = None
    message_sentence: int | None = None  # the sentence of the last message made (a series goes on)
    pending: Draft | None = None  # a meeting or talks of one side, kept aside (event_delegations)
    message_recipients: list[PersonMention] | None = None  # the recipients of that message
    message_day: str | None = None  # the day of that message, if it had one
    message_occasion: bool = False  # that message was sent on an occasion ("Nhân dịp ...", "Được tin ...")
    message_honoured: list[PersonMention] | None = None  # the series honours them ("Nhân dịp X nhậm chức")
    last_subjects: tuple[int, list[PersonMention]] | None = None  # (sentence, subjects) of the last pairwise events

    def made(self, d: Draft, ev: Event, rule: str, reason: str) -> Event:
        for r in d.rules:
            shaped(ev, r)
        shaped(ev, rule)
        self.events.append(ev)
        self.trace.note(d.sentence, d.trigger, "kept", rule, reason, ev.participants)
        return ev

    def dropped(self, d: Draft, rule: str, reason: str) -> bool:
        self.trace.note(d.sentence, d.trigger, "dropped", rule, reason)
        return True

    def changed(self, d: Draft, rule: str, reason: str) -> None:
        if rule not in d.rules:
            d.rules.append(rule)
        self.trace.note(d.sentence, d.trigger, "changed", rule, reason)


def _countries(people: list[PersonMention], extra: Sequence[str] = ()) -> list[str]:
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
        first = min([t.start for t in m.titles if t.end <= m.start] + [m.start])  # "do <titles> X dẫn đầu"
        before = article.match[max(sent.start, first - 40):first].lower()
        if "do " in before[-25:]:  # (the text after is read only then: most mentions have no "do")
            after = article.match[m.end:min(sent.end, m.end + 160)].lower()
            # "do bà X, <a long chain of titles> dẫn đầu": read on from the end of X's titles
            last = max([t.end for t in m.titles if t.start >= m.end] + [m.end])
            if "dẫn đầu" in after[:60] or "làm trưởng đoàn" in after or "trưởng đoàn" in after[:120] or \
                    "dẫn đầu" in article.match[last:min(sent.end, last + 12)].lower():
                heads.append(m)
                continue
        if any(t.title.lower().startswith("trưởng đoàn") for t in m.titles):
            heads.append(m)
    return heads


def _pairwise_events(article, d: Draft, toks, trig, heads) -> list[Event]:
    subjects, objects = list(d.subjects), list(d.objects)
    if not objects and heads and _delegation_object(article, d):
        objects = [h for h in heads if h.name not in {s.name for s in subjects}][:1]
    if subjects and objects:
        sent = article.sentences[d.sentence]
        respectively = "lần lượt" in article.match[sent.start:d.trigger_span[0]].lower()
        # "lần lượt gặp A, B và C": one meeting each
        groups = [[o] for o in objects] if respectively else _group_objects(toks, objects, trig)
        groups = [g for group in groups for g in _by_country(article, d, subjects, group)]
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


def _by_country(article, d: Draft, subjects: list[PersonMention], group: list[PersonMention]) -> list[list[PersonMention]]:
    """"A có cuộc gặp với Ngoại trưởng Nhật Bản B và Ngoại trưởng Australia C": counterparts of
    two or more other countries met A one country at a time (a meeting of three sides says so:
    "ba bên")."""
    home = {m.country for m in subjects}
    countries = {m.country for m in group}
    if len(group) < 2 or None in countries or len(countries) < 2 or countries & home:
        return [group]
    sent = article.sentences[d.sentence]
    if re.search(r"\b(ba|bốn|nhiều) bên\b", article.match[sent.start:sent.end].lower()):
        return [group]
    return [[m for m in group if m.country == c] for c in dict.fromkeys(m.country for m in group)]


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


_WELCOMED = re.compile(r"\s*(chính thức |trọng thể |cấp nhà nước )*(các )?đoàn")


def _welcomes_delegation(article, d: Draft) -> bool:
    """A welcome ceremony or trip followed by a delegation ("Lễ đón chính thức Đoàn ...")."""
    return bool(_WELCOMED.match(article.match[d.trigger_span[1]:d.trigger_span[1] + 40].lower()))


def _delegation_object(article, d: Draft) -> bool:
    """The trigger is followed by a delegation ("tiếp đoàn đại biểu ...")."""
    after = article.match[d.trigger_span[1]:d.trigger_span[1] + 12].lower().lstrip()
    return after.startswith(("đoàn", "các đoàn", "với đoàn"))


@functools.cache
def _both_patterns() -> tuple[re.Pattern, re.Pattern]:
    """"hai bên", "hai (Phó) Thủ tướng" (data/both_sides_nouns.txt): anywhere, and right before
    the verb ("sau đó hai Thủ tướng đã hội đàm"); made on first use, not at import."""
    both = r"\bhai (?:phó )?(?:%s)\b" % "|".join(
        re.escape(w) for w in sorted(load_lines("both_sides_nouns.txt"), key=len, reverse=True))
    return re.compile(both), re.compile(both + r"(?:\s+(?:đã|cũng|cùng|tiến hành|có|cuộc|chính thức))*\s*$")


def _both_sides_named(article: Article, d: Draft) -> bool:
    """'hai bên', 'hai Thủ tướng': both sides, named in the events before."""
    sent = article.sentences[d.sentence]
    window = article.match[max(sent.start, d.trigger_span[0] - 80):d.trigger_span[0]].lower()
    return bool(_both_patterns()[0].search(window)) and "các cuộc" not in window and "của hai" not in window


def _title_says(article: Article, type_: str) -> bool:
    title = [si for si, s in enumerate(article.sentences) if s.kind == "title"]
    if not title:
        return False
    toks = sentence_tokens(article, title[0])  # made for persons already
    return any(t.type == type_ for t in find_triggers(toks))


def _in_lead(article: Article, si: int, n: int = 3) -> bool:
    body = [i for i, s in enumerate(article.sentences) if s.kind in ("body", "title")]
    return si in body[:n] or article.sentences[si].kind == "title"



@functools.lru_cache(maxsize=4096)
def _place_row(name: str | None) -> tuple[str, str] | None:
    """(country, kind) of a place name the places list knows as a whole, else None."""
    if not name:
        return None
    toks = tokenize(key(name))
    return lx.places().value(toks, 0, len(toks))


def _known_place(name: str | None) -> bool:
    return _place_row(name) is not None


def _sent_span(ctx: Ctx, d: Draft) -> Span:
    s = ctx.article.sentences[d.sentence]
    return Span(s.start, s.end)


def _copy_of(ctx: Ctx, d: Draft, ref: Event, date: str | None, place: str | None,
             confidence: float, documents: Sequence[str] = ()) -> Event:
    """An event of the candidate's type between the people of an event already made."""
    return Event(type=d.type, date=date, end_date=None, place=place, participants=list(ref.participants),
                 countries=list(ref.countries), documents=list(documents), evidence=[_sent_span(ctx, d)],
                 confidence=confidence)


# --- the rules, in the order they run --------------------------------------------------------

def archive_caption(ctx: Ctx, d: Draft) -> bool:
    """A photo caption dated by a month or a year only ("... trong chuyến thăm Việt Nam tháng
    12-2011 - Ảnh TTXVN") shows an archive picture, not the news."""
    if not d.date or len(d.date) >= 10:
        return False  # (tested first: the import below is the costly part for most candidates)
    from ngoaigiao.extract.event_finish import is_caption
    if is_caption(ctx.article, d.sentence):
        return ctx.dropped(d, "archive_caption", f"a caption dated {d.date}: an archive photo")
    return False


def year_only_background(ctx: Ctx, d: Draft) -> bool:
    """"Trong năm 2024, Tổng thống Putin đã thăm ...", "Năm 2019, ông ... thăm", "Tháng 8/2024,
    Tổng Bí thư ... thăm": an event after the lead that only a year or a month opening its
    sentence dates is recalled, not the news (news gives its day: "Chiều 19/8, ...")."""
    if d.date and len(d.date) != 7:
        return False
    sent = ctx.article.sentences[d.sentence]
    # the year or month opens the sentence ("Năm 2019,", "Trong tháng 8/2024,"), it does not end
    # a phrase; a month must be the one the event was dated by
    openers = [t for t in _times_in(ctx.article, sent.start, d.trigger_span[0])
               if (len(t.date) == 4 and not d.date or t.date == d.date)
               and len(ctx.article.match[sent.start:t.start].split()) <= 1]
    if not openers or _in_lead(ctx.article, d.sentence):
        return False
    what = "month" if len(openers[-1].date) == 7 else "year"
    return ctx.dropped(d, "year_only_background", f"dated by the {what} {openers[-1].date} alone: recalled")


def _is_welcome(article: Article, d: Draft) -> bool:
    """The trigger is a welcome ceremony ("Lễ đón"), not a trip verb."""
    return article.match[d.trigger_span[0]:d.trigger_span[1]].lower() == "lễ đón"


def note_welcome_day(ctx: Ctx, d: Draft) -> bool:
    """A welcome ceremony ("Lễ đón") dates what follows it ("Sau Lễ đón, hai bên hội đàm")."""
    if d.type == "visit" and _is_welcome(ctx.article, d):
        sent = ctx.article.sentences[d.sentence]
        days = [t for t in _times_in(ctx.article, sent.start, d.trigger_span[0]) if len(t.date) == 10]
        ctx.welcome_day = days[-1].date if days else ctx.welcome_day
    return False


def same_day_date(ctx: Ctx, d: Draft) -> bool:
    """"Cùng ngày", "Sau hội đàm": an undated event happened on the day of the last dated
    event, or of the welcome ceremony ("Sau Lễ đón")."""
    if not (d.same_day and not d.date and d.type != "visit"):
        return False
    sent = ctx.article.sentences[d.sentence]
    before = ctx.article.match[sent.start:d.trigger_span[0]].lower()
    dated = [e for e in ctx.events if e.date and len(e.date) == 10 and e.type != "visit"]
    if "lễ đón" in before and ctx.welcome_day:
        d.date = ctx.welcome_day
        ctx.changed(d, "same_day_date", f"the day of the welcome ceremony, {d.date}")
    elif dated:
        d.date = dated[-1].date
        ctx.changed(d, "same_day_date", f"the day of the event just reported, {d.date}")
    else:
        # no event dated yet ("Ngày 20/10, A dự lễ nhậm chức ... Cùng ngày, A gặp B"): the last
        # day the article's sentences named before this one
        days = [t for si in range(d.sentence) if ctx.article.sentences[si].kind in ("body", "title")
                for t in _times_in(ctx.article, ctx.article.sentences[si].start, ctx.article.sentences[si].end)
                if len(t.date) == 10 and not t.end_date]  # (a trip's range is not one day)
        if days:
            d.date = days[-1].date
            ctx.changed(d, "same_day_date", f"the last day named before, {d.date}")
    return False


OCCASION_WORDS = 3  # "Bên lề Lễ kỷ niệm", "Bên lề Phiên họp": the words that name the occasion


@functools.cache
def _trip_day_ordinals() -> dict[str, int]:
    return {r["word"]: int(r["n"]) for r in load_tsv("trip_day_ordinals.tsv")}


@functools.cache
def _trip_day_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _trip_day_ordinals())
    return re.compile(rf"(?<!\w)ngày\s+(?:làm\s+việc\s+)?thứ\s+({words})(?!\w)")


def trip_day(ctx: Ctx, d: Draft) -> bool:
    """"Ngày làm việc thứ hai, Đoàn đã hội đàm với B": an undated event on the Nth day of the
    trip already reported with its range took place on the trip's first day + N - 1 (within
    the range; `trip_day_ordinals.tsv`)."""
    if d.date or d.type == "visit":
        return False
    sent = ctx.article.sentences[d.sentence]
    m = _trip_day_pattern().search(ctx.article.match[sent.start:d.trigger_span[0]].lower())
    if m is None:
        return False
    n = _trip_day_ordinals()[m.group(1)]
    trip = next((e for e in reversed(ctx.events) if e.type == "visit" and e.date and e.end_date
                 and len(e.date) == 10 and len(e.end_date) == 10), None)
    if trip is None:
        return False
    # (trip.date and end_date are not None: the trip was picked for them; mypy cannot narrow it)
    day = dt.date.fromisoformat(trip.date) + dt.timedelta(days=n - 1)  # type: ignore[arg-type]
    if day.isoformat() > trip.end_date:  # type: ignore[operator]
        return False
    d.date = day.isoformat()
    ctx.changed(d, "trip_day", f"day {n} of the trip of {trip.date}..{trip.end_date}: {d.date}")
    return False


def sidelines_day(ctx: Ctx, d: Draft) -> bool:
    """"Ngày 9/5, A dự Lễ duyệt binh kỷ niệm ... Bên lề Lễ kỷ niệm, A gặp B": a meeting on the
    sidelines (`sidelines` cue) of an occasion that an earlier sentence names with one single
    day took place that day. A conference the article gives no single day ("Bên lề Hội nghị
    ... tại Viêng Chăn, A gặp B") gives none."""
    if d.date or d.type == "visit" or d.trig is None:
        return False
    toks = sentence_tokens(ctx.article, d.sentence)
    x = next((x for x in _cue_positions(toks).get("sidelines:clause", ()) if x < d.trig.i), None)
    if x is None:
        return False
    words = []
    for t in toks[x + 2:x + 2 + OCCASION_WORDS]:  # (the cue "Bên lề" is two words)
        if not t.is_word:
            break
        words.append(t.low)
    if not words:
        return False
    for si in range(d.sentence - 1, -1, -1):
        sent = ctx.article.sentences[si]
        if sent.kind not in ("body", "title") or not set(words) <= {t.low for t in sentence_tokens(ctx.article, si)}:
            continue
        days = {t.date for t in _times_in(ctx.article, sent.start, sent.end) if len(t.date) == 10 and not t.end_date}
        if not days:
            continue  # "Tại Phiên họp, hai bên ký ...": named again, dated earlier
        if len(days) == 1:
            d.date = days.pop()
            ctx.changed(d, "sidelines_day", f"on the sidelines of the occasion of sentence {si}, {d.date}")
        return False
    return False


def join_attendance(ctx: Ctx, d: Draft) -> bool:
    """"Tham dự hội đàm có ...": the people named attended the event of that type already
    reported; they are added to it, no new event is made. Officials at a welcome ceremony
    ("Tham dự Lễ đón") are not added to the trip: they did not travel."""
    if not d.attendees:
        return False
    if d.type == "visit":
        # "Tham dự Lễ đón có ...": officials at a welcome ceremony did not travel
        return ctx.dropped(d, "join_attendance", "attendees of a welcome ceremony are not the trip's people")
    target = next((e for e in reversed(ctx.events) if e.type == d.type), None)
    if target is None and attendees_of_pending(ctx, d):
        return True
    if target is None:
        return ctx.dropped(d, "join_attendance", f"no {d.type} reported before to attend")
    for m in list(d.objects) + side_followers(ctx.article, d.sentence):
        if m.name not in target.participants:
            target.participants.append(m.name)
    shaped(target, "join_attendance")
    return ctx.dropped(d, "join_attendance", f"attendees added to the {d.type} already reported")


def visit_people(ctx: Ctx, d: Draft) -> bool:
    """Who travelled: a delegation's named head ("đoàn ... do X dẫn đầu"), else the people of
    the sentence not of the country visited; "A tiếp B đang thăm ...": B alone (undated: the
    day is the reception's); else the head named in the lead."""
    if d.type != "visit":
        return False
    article, heads = ctx.article, ctx.heads
    people = d.people
    row = _place_row(d.place)
    if d.guests and (row is None and _stationed_here(article, d) or row is not None and row[1] == "country"
                     and row[0] in _host_countries(d) and _stationed_here(article, d, titles_only=True)):
        # "tiếp X, Trưởng Văn phòng thường trú ... tại Việt Nam, tới thăm và làm việc" at an office;
        # "tiếp Đại sứ Trung Quốc tại Việt Nam X ... kết thúc chuyến công tác tại Việt Nam": a posting
        return ctx.dropped(d, "resident_guest_call", "a guest stationed in the host's country called at an office: no trip")
    visited = row[0] if row else None
    if d.guests and visited and all(m.country == visited for m in d.guests):
        # "A hội kiến Tổng thống Hàn Quốc B trong khuôn khổ chuyến thăm Hàn Quốc": B is at home, the host
        ctx.changed(d, "visit_of_the_guest", "the one received is of the country visited: the host, not the visitor")
        d.guests = []
    if d.guests:
        # "A tiếp B đang thăm Việt Nam": B's trip; its day is not the reception's
        d.people = list(d.guests)
        if not d.end_date:
            d.date = None
        ctx.changed(d, "visit_of_the_guest", f"the trip of {', '.join(m.name for m in d.guests)}, received just before")
        return False
    if heads and _delegation_visit(article, d):
        people = heads[:1] + [m for m in d.objects if m.name != heads[0].name]
        ctx.changed(d, "visit_people", f"the delegation's head {heads[0].name} is the visitor")
    elif _delegation_visit(article, d):
        visitors = _visitors_from_abroad(article, d)
        people = visitors + [m for m in people if m not in visitors]
        if visitors:
            ctx.changed(d, "visit_people", "the delegation's visitors are the people not of the country visited")
    elif d.subjects and d.trig is not None and _visiting_now(article, d):
        people = d.subjects[-1:] + [m for m in d.objects if m.name != d.subjects[-1].name]
        ctx.changed(d, "visit_people", f"'{d.subjects[-1].name} đang thăm ...': the visitor, not who received them")
    elif heads and heads[0].name not in {m.name for m in people} and _welcomes_delegation(article, d):
        # "chủ trì Lễ đón chính thức Đoàn đại biểu cấp cao Trung Quốc": its head is the visitor
        people = heads[:1] + people
        ctx.changed(d, "visit_people", f"the welcomed delegation's head {heads[0].name} is the visitor")
    if not people and heads and d.subjects == [] and _in_lead(article, d.sentence):
        people = heads[:1]
        ctx.changed(d, "visit_people", f"no one named: the delegation's head {heads[0].name}")
    if not people and not heads and visited and delegation_opens_clause(article, d):
        # "Trước đó, đoàn đã tới thăm ... tỉnh Vân Nam", no head named: the delegation of the one
        # from abroad at the article's first exchange (he led it there)
        people = _abroad_at_first_exchange(ctx, visited)
        if people:
            ctx.changed(d, "visit_people", f"'đoàn', no head named: {people[0].name}, from abroad at the first exchange")
    d.people = people
    return False


def _abroad_at_first_exchange(ctx: Ctx, visited: str) -> list[PersonMention]:
    first = next((e for e in ctx.events if e.type in PAIRWISE), None)
    if first is None:
        return []
    by_name = {m.name: m for m in ctx.article.mentions}
    abroad = [by_name[p] for p in first.participants if p in by_name and by_name[p].country
              and by_name[p].country != visited]
    return abroad[:1] if len({m.country for m in abroad}) == 1 else []


def _stationed_here(article: Article, d: Draft, titles_only: bool = False) -> bool:
    """Every guest is said to be posted in the hosts' country: "tại Việt Nam" in the words
    between the guest's name and the trip verb ("X, Trưởng Văn phòng thường trú Tân Hoa Xã tại
    Việt Nam, tới thăm") or in the guest's title ("Đại sứ Trung Quốc tại Việt Nam X"; only
    there with `titles_only`: "hội đàm với X tại Bắc Kinh" names where the talks were)."""
    from ngoaigiao.extract.names import country_of_text
    hosts = _host_countries(d)
    if len(hosts) != 1 or not d.guests:
        return False
    def posted(m: PersonMention) -> bool:
        # between the name and the verb, or in the guest's own title ("Đại sứ Trung Quốc tại Việt Nam")
        between = [] if titles_only else [article.match[m.end:d.trigger_span[0]]]
        for words in between + [t.title for t in m.titles]:
            at = words.lower().find(" tại ")  # case kept: places are capitalised
            if at >= 0 and country_of_text(words[at + 5:]) in hosts:
                return True
        return False
    return all(posted(m) for m in d.guests)


def _host_countries(d: Draft) -> set[str]:
    guests = {m.name for m in d.guests}
    return {m.country for m in d.subjects if m.name not in guests and m.country}


def _visiting_now(article: Article, d: Draft) -> bool:
    """"X đang (ở) thăm ...": the person right before the verb is on the trip."""
    toks = sentence_tokens(article, d.sentence)
    i = d.trig.i  # type: ignore[union-attr]  # (a candidate has its trigger)
    if not _has_cue("ongoing:before", toks, i - 2, i):
        return False
    last = d.subjects[-1]
    return not any(m.start > last.end and m.end <= d.trigger_span[0] for m in article.mentions
                   if m.sentence == d.sentence) and len(article.match[last.end:d.trigger_span[0]]) < 120


def trip_mentioned_again(ctx: Ctx, d: Draft) -> bool:
    """"trong chuyến thăm ...", an undated "chuyến thăm": a mention of the trip already
    reported, not a second trip; it may still say where the trip went and, with a range of
    days, when ("đang thăm chính thức Việt Nam từ ngày 21 đến 24/3")."""
    if d.type != "visit":
        return False
    trip = next((e for e in ctx.events if e.type == "visit"), None)
    if not ((d.nominal or not d.date) and trip is not None):
        return False
    guests = [m.name for m in d.guests if m.name not in trip.participants]
    if guests and "visit_of_the_guest" in d.rules:
        # "ngay sau lễ đón, A hội đàm với B đang thăm Việt Nam": the trip so far named only A
        # (who presided over the welcome); B, received on the trip, is its visitor
        trip.participants[:0] = guests
        shaped(trip, "trip_mentioned_again")
        ctx.trace.note(d.sentence, d.trigger, "changed", "trip_mentioned_again",
                       f"the guest {guests[0]} is the visitor of the trip already reported")
    hosts = _welcome_hosts(ctx.article, d, trip.participants)
    if hosts:
        trip.participants.extend(hosts)
        shaped(trip, "welcome_host")
        ctx.trace.note(d.sentence, d.trigger, "changed", "welcome_host",
                       f"{hosts[0]} presided over the welcome of the trip's visitor: its host")
    if d.end_date and not trip.end_date:
        # "X đang thăm chính thức Việt Nam từ ngày 21 đến 24/3": the trip's range of days
        trip.date, trip.end_date = d.date, d.end_date
        shaped(trip, "trip_mentioned_again")
        ctx.trace.note(d.sentence, d.trigger, "changed", "trip_mentioned_again",
                       f"the trip already reported lasts {d.date}..{d.end_date}")
    if (not _known_place(trip.place) and _known_place(d.place)) or fuller_name(d.place, trip.place):
        trip.place = d.place
        shaped(trip, "trip_mentioned_again")
        return ctx.dropped(d, "trip_mentioned_again", f"the trip already reported; it went to {d.place}")
    return ctx.dropped(d, "trip_mentioned_again", "a mention of the trip already reported")


def _welcome_hosts(article: Article, d: Draft, trip_people: list[str]) -> list[str]:
    """"A chủ trì lễ đón B": A presided over the welcome of B, a visitor of the trip already
    reported, so A is the trip's host (SCHEMA: the host who presided over their welcome); only
    a subject of another country than the visitor welcomed."""
    if not _is_welcome(article, d):
        return []
    welcomed = [m for m in d.objects if m.name in trip_people]
    if not welcomed or not d.subjects:
        return []
    theirs = {m.country for m in welcomed}
    return [m.name for m in d.subjects if m.name not in trip_people and m.country and m.country not in theirs]


def make_visit(ctx: Ctx, d: Draft) -> bool:
    """A trip with its visitors (and hosts); a trip only referred to ("trong khuôn khổ
    chuyến thăm") gives no date of its own."""
    if d.type != "visit":
        return False
    if not d.people:
        return ctx.dropped(d, "make_visit", "no visitor named")
    welcome = _is_welcome(ctx.article, d)
    if welcome and not d.objects and {m.name for m in d.people} <= {m.name for m in d.subjects}:
        # "Tổng thống X chủ trì lễ đón.": the host of a welcome; whom it welcomed is not named
        return ctx.dropped(d, "make_visit", "a welcome ceremony that names only its host")
    ev = _event(ctx.article, d, d.people)
    if d.nominal and not d.end_date:
        ev.date = None
    ctx.made(d, ev, "make_visit", "a trip")
    return True


def occasion_of_last(ctx: Ctx, d: Draft) -> bool:
    """"Nhân dịp này, hai bên ký ...": a signing or a gift on the occasion of the event just
    reported takes its date and place, and its people when the sentence names one side only."""
    last = ctx.last
    if not (d.occasion and last is not None and d.type in ("signing", "other")):
        return False
    d.date = d.date or (last.date if not last.end_date else None)  # (a range gives no one day)
    d.place = d.place or last.place
    if len(d.people) < 2 or not _two_sides(d.people):
        ev = _copy_of(ctx, d, last, d.date, d.place, 0.5, d.documents)
        ctx.made(d, ev, "occasion_of_last", "on the occasion of the event just reported, with its people")
        return True
    ctx.changed(d, "occasion_of_last", "date and place of the event just reported")
    return False


def gift_during_talks(ctx: Ctx, d: Draft) -> bool:
    """A gift or award announced by one side during the talks just reported is between
    the people of those talks."""
    last = ctx.last
    if not (d.type == "other" and len(d.people) == 1 and last is not None
            and d.people[0].name in last.participants):
        return False
    ev = _copy_of(ctx, d, last, d.date or last.date, d.place or last.place, 0.4)
    ctx.made(d, ev, "gift_during_talks", "one side of the event just reported gave it")
    return True


def make_message(ctx: Ctx, d: Draft) -> bool:
    """A message between named leaders is news when the headline or the lead reports it, or
    when it goes on a series of messages just reported ("Cùng ngày, C cũng gửi điện ...");
    other later ones are mostly recalled."""
    if d.type != "message":
        return False
    series = ctx.message_sentence is not None and d.sentence - ctx.message_sentence <= 2
    if series and d.subjects:
        series_recipient(ctx, d)
    honoured: list[PersonMention] = []
    if d.subjects and not d.objects:
        honoured = _honoured_before(ctx.article, d)
        if honoured:
            d.objects = honoured
            d.people = d.subjects + d.objects
            ctx.changed(d, "occasion_recipient", f"'Nhân dịp X nhậm chức, A gửi điện mừng': to {honoured[0].name}")
    if len(d.people) < 2:
        return ctx.dropped(d, "make_message", "fewer than two people named")
    if not (_in_lead(ctx.article, d.sentence) or _title_says(ctx.article, "message") or series):
        return ctx.dropped(d, "make_message", "not in the lead of an article whose headline is not about messages")
    if series and not _in_lead(ctx.article, d.sentence):
        d.rules.append("message_series")
    if series:
        series_day(ctx, d)
    letter_at_meeting(ctx, d)
    for senders, recipients in one_message_per_sender(ctx, d):
        if len(senders) + len(recipients) < 2:
            continue  # "trao đổi thư" between the subjects has senders only: kept
        ev = _event(ctx.article, d, senders + recipients)
        ev.roles = {**{m.name: "sender" for m in senders}, **{m.name: "recipient" for m in recipients}}
        ctx.made(d, ev, "make_message", "a message between named people")
    ctx.message_sentence = d.sentence
    ctx.message_recipients = list(d.objects)
    ctx.message_honoured = honoured or (ctx.message_honoured if series else None)
    if not (series and "series_day" in d.rules):
        ctx.message_occasion = _occasion_before(ctx.article, d)
    ctx.message_day = d.date if d.date and len(d.date) == 10 else None
    return True


def series_recipient(ctx: Ctx, d: Draft) -> None:
    """A message of the series just reported with no recipient named: "Cùng ngày, Thủ tướng C
    cũng gửi điện mừng" goes to the series' recipients; "Nhân dịp X nhậm chức, A gửi điện mừng.
    ...; Thủ tướng C gửi thư chúc mừng" (the clause ends at its verb) to X, whom the series honours."""
    pools = ((ctx.message_recipients, _also_before, "'cũng gửi' with no recipient named: to {}"),
             (ctx.message_honoured, _ends_at_its_verb, "a series on {}'s occasion, no recipient named: to them"))
    for pool, applies, why in pools:
        if d.objects or not pool or not applies(ctx.article, d):
            continue
        d.objects = [m for m in pool if m.name not in {s.name for s in d.subjects}]
        d.people = d.subjects + d.objects
        if d.objects:
            ctx.changed(d, "series_recipient", why.format(d.objects[0].name))


def _honoured_before(article: Article, d: Draft) -> list[PersonMention]:
    """"Nhân dịp ông Vladimir Putin nhậm chức Tổng thống, A đã gửi điện mừng": a message with no
    recipient after the verb goes to the people of another side the occasion clause names."""
    sent = article.sentences[d.sentence]
    if not article.match[sent.start:d.trigger_span[0]].lower().lstrip().startswith("nhân dịp"):
        return []
    home = {m.country for m in d.subjects}
    first = min(m.start for m in d.subjects)
    return [m for m in article.mentions if m.sentence == d.sentence and m.end <= first
            and m.name not in {s.name for s in d.subjects} and m.country not in home]


def _ends_at_its_verb(article: Article, d: Draft) -> bool:
    """"Thủ tướng C gửi thư chúc mừng.": nothing after the message verb but why it was sent
    (data/message_purpose_words.txt), so no addressee of its own ("gửi điện mừng nhân dân")."""
    if d.trig is None:
        return False
    toks = sentence_tokens(article, d.sentence)
    for t in toks[d.trig.i + d.trig.n:]:
        if t.text in (".", ";", ",", "!"):
            return True
        if t.low not in word_set("message_purpose_words.txt"):
            return False
    return True


def series_day(ctx: Ctx, d: Draft) -> None:
    """"Ngày 8/1, A gửi điện tới B. ... C cũng gửi điện tới D.": an undated message that "cũng"
    joins to the dated message just before it was sent on the same occasion: its day. So was one
    right after a dated message sent on a named occasion ("Nhân dịp Quốc khánh ..., ngày 30/9, A gửi
    điện mừng B. Thủ tướng C gửi điện mừng D": the series of that occasion). Otherwise an undated
    message after a dated one may be of another day and keeps none."""
    if d.date or not ctx.message_day:
        return
    if _also_before(ctx.article, d):
        why = "'cũng gửi' right after a message of {}: the same day"
    elif ctx.message_occasion:
        why = "right after a message sent on the same occasion, {}: the same day"
    else:
        return
    d.date = ctx.message_day
    ctx.changed(d, "series_day", why.format(d.date))


def _occasion_before(article: Article, d: Draft) -> bool:
    """"Nhân dịp kỷ niệm ..., ngày 30/9, A gửi điện mừng": the message's clause names the occasion
    it was sent on (`series_occasion` cues in data/event_cues.tsv)."""
    return d.trig is not None and _has_cue("series_occasion:clause", sentence_tokens(article, d.sentence), 0, d.trig.i)


def _also_before(article: Article, d: Draft) -> bool:
    """"C cũng gửi ...": an `also` cue (data/event_cues.tsv) within two words before the verb."""
    return d.trig is not None and _has_cue("also:before", sentence_tokens(article, d.sentence), d.trig.i - 2, d.trig.i)


def letter_at_meeting(ctx: Ctx, d: Draft) -> None:
    """"Đại sứ đã trao thư của Thủ tướng A gửi Thủ tướng B": an undated letter handed over by,
    or to, a participant of the meeting just reported was handed over at it: its day."""
    last = ctx.last
    if not d.delivery or d.date or last is None or not last.date or last.type not in PAIRWISE:
        return
    if {m.name for m in d.subjects + d.objects} & set(last.participants):
        d.date = last.date
        ctx.changed(d, "letter_at_meeting", f"handed over at the {last.type} just reported, {last.date}")


def one_message_per_sender(ctx: Ctx, d: Draft) -> list[tuple[list[PersonMention], list[PersonMention]]]:
    """"A, B và C gửi điện mừng tới D, E và F": each sender wrote their own message, to the
    recipient of the same rank in the list when the lists are as long, else to all of them.
    Senders of one joint message say so ("đồng gửi", "cùng gửi")."""
    senders, recipients = d.subjects, d.objects
    if d.delivery and d.absent:
        # "B trao thư của A tới C": A wrote to C; B only handed it over
        senders = list(d.absent)
        recipients = [m for m in d.objects if m not in d.absent] or [
            m for m in d.subjects if m.country and m.country != senders[0].country]
        ctx.changed(d, "letter_handed_over", f"{', '.join(m.name for m in senders)} wrote; the bearer is not a party")
    joint = d.trigger.lower().startswith(("đồng", "cùng"))
    if len(senders) < 2 or not recipients or joint:
        return [(senders, recipients)]
    if "one_message_per_sender" not in d.rules:
        ctx.changed(d, "one_message_per_sender", f"{len(senders)} senders: one message each")
    if len(recipients) == len(senders):
        return [([s], [r]) for s, r in zip(senders, recipients)]
    return [([s], recipients) for s in senders]


def make_signing(ctx: Ctx, d: Draft) -> bool:
    """A signing by named people; "hai bên đã ký kết ..." names more documents of the signing
    already reported, else a signing by the two sides of the event just reported."""
    if d.type != "signing":
        return False
    if len(d.people) >= 2:
        ctx.made(d, _event(ctx.article, d, d.people), "make_signing", "a signing by named people")
        return True
    people = _ceremony_attendees(ctx.article, d)
    if people:
        ev = _event(ctx.article, d, people, confidence=0.5)
        ctx.made(d, ev, "ceremony_attendees", "a signing ceremony whose attendees the next sentence lists")
        return True
    last = ctx.last
    if (d.date and d.documents and last is not None and last.type in PAIRWISE and last.date == d.date
            and len(set(last.countries)) >= 2 and _both_sides_named(ctx.article, d)):
        # "A hội đàm với B; hai bên đã ký Kế hoạch hợp tác ...": the two sides of those talks
        ev = _copy_of(ctx, d, last, d.date, d.place or last.place, 0.5, d.documents)
        ctx.made(d, ev, "make_signing", f"'hai bên' right after the {last.type} of that day: its two sides signed")
        return True
    if d.date or not (d.documents or _both_sides_sign_unnamed(ctx, d)):
        return ctx.dropped(d, "make_signing", "fewer than two people and no undated documents")
    signed = next((e for e in reversed(ctx.events) if e.type == "signing"), None)
    if signed is not None:
        signed.documents += [x for x in d.documents if x not in signed.documents]
        shaped(signed, "make_signing")
        return ctx.dropped(d, "make_signing", "more documents of the signing already reported")
    last_any = ctx.last_any
    if last_any is not None and _both_sides_named(ctx.article, d):
        # the sides of the (first) talks reported: a visit's meetings after them are not who signed
        talks = next((e for e in ctx.events if e.type == "talks" and len(set(e.countries)) >= 2), None)
        ref = talks if talks is not None and last_any.type != "talks" else last_any
        ev = _copy_of(ctx, d, ref, ref.date, ref.place, 0.4, d.documents)
        ctx.made(d, ev, "make_signing", "'hai bên': a signing by the two sides of the "
                 + ("talks reported" if ref is not last_any else "event just reported"))
        return True
    return ctx.dropped(d, "make_signing", "no one to sign")


def _both_sides_sign_unnamed(ctx: Ctx, d: Draft) -> bool:
    """"Hai bên đã ký kết 36 văn kiện hợp tác", "2 bên đã ký kết văn bản về 2 dự án": the two
    sides of the event just reported signed documents the text counts or describes but does not
    name (SCHEMA: a signing, `documents` empty)."""
    if ctx.last_any is None or not _both_sides_named(ctx.article, d):
        return False
    after = sentence_tokens(ctx.article, d.sentence)[d.trig.i + d.trig.n:] if d.trig is not None else []
    heads = lx.phrase_list("document_heads.txt")
    return any(heads.match(after, x) for x in range(min(len(after), 6))) or \
        any(t.low == "văn" and x + 1 < len(after) and after[x + 1].low == "kiện" for x, t in enumerate(after[:6]))


def _ceremony_attendees(article: Article, d: Draft) -> list[PersonMention]:
    """"... tổ chức Lễ ký kết ... . Tham dự buổi Lễ có A; B. Về phía X có C": a signing that
    names nobody is between the people of both sides the next sentences say attended it."""
    si = d.sentence + 1
    if si >= len(article.sentences) or article.sentences[si].kind not in ("body", "caption"):
        return []
    toks = sentence_tokens(article, si)
    if not toks or not _has_cue("attend:before", toks, 0, 1) or find_triggers(toks):
        return []
    listed = {si}
    for sj in range(si + 1, min(si + 4, len(article.sentences))):  # "Về phía X có ...": the other side
        more = sentence_tokens(article, sj)
        if not more or not lx.phrase_list("side_openers.txt").match(more, 0) or find_triggers(more):
            break
        listed.add(sj)
    people = [m for m in article.mentions if m.sentence in listed]
    return people if _two_sides(people) else []


LIST_ITEMS = 8  # list items after the "...: " sentence that introduces them


def list_item_subject(ctx: Ctx, d: Draft) -> bool:
    """"Thủ tướng A đã có các hoạt động:" then "- Hội đàm với B;", "- Hội kiến C;": an item of a
    list (data/list_bullets.txt) whose verb has no subject takes the first person named in the
    sentence that introduced the list with a colon (not one of the item's counterparts)."""
    if d.type not in PAIRWISE or d.subjects or not d.objects:
        return False
    article = ctx.article
    if not _is_list_item(article, d.sentence):
        return False
    intro = d.sentence - 1
    while intro >= 0 and d.sentence - intro <= LIST_ITEMS and _is_list_item(article, intro):
        intro -= 1
    if intro < 0 or not article.match[article.sentences[intro].start:article.sentences[intro].end].rstrip().endswith(":"):
        return False
    named = [m for m in article.mentions if m.sentence == intro]
    objects = {o.name for o in d.objects}
    subj = next((m for m in named if m.country == named[0].country and m.name not in objects), None)
    if subj is None:
        return False
    d.subjects = [subj]
    d.people = d.subjects + d.objects
    ctx.changed(d, "list_item_subject", f"an item of the list {subj.name}'s sentence introduced")
    return False


def _is_list_item(article: Article, si: int) -> bool:
    toks = sentence_tokens(article, si)
    return bool(toks) and toks[0].text in word_set("list_bullets.txt")


def setting_reference(ctx: Ctx, d: Draft) -> bool:
    """"Tại cuộc hội kiến, A chuyển lời thăm hỏi của C tới B": a meeting word that opens the
    sentence as its setting (a comma right after it) names the meeting already reported; B,
    greeted there and not one of its people, did not take part (the meeting was with someone
    else). Only when everyone it would add is such a greeted person: a setting that names the
    meeting's own people again is left to the rules after it."""
    if d.trig is None or d.type not in PAIRWISE:
        return False
    ref = next((e for e in reversed(ctx.events) if e.type == d.type), None)
    if ref is None:
        return False  # (an excerpt whose lead is missing: the setting may be all it says)
    toks = sentence_tokens(ctx.article, d.sentence)
    after = d.trig.i + d.trig.n
    if not (0 < d.trig.i and after < len(toks) and toks[after].text == ","):
        return False
    if not all(t.low in word_set("setting_openers.txt") for t in toks[:d.trig.i]):
        return False
    extra = [m for m in d.people if m.name not in ref.participants]
    if not extra or not all(_greeted(toks, m) for m in extra):
        return False
    return ctx.dropped(d, "setting_reference", f"the {d.type} already reported; {extra[0].name} was only greeted there")


def _greeted(toks: list[Token], m: PersonMention) -> bool:
    """"chuyển lời thăm hỏi ... tới B": B is named after a greeting cue and its "tới"/"đến"."""
    cues = _cue_positions(toks).get("greeting:clause", ())
    for x in cues:
        if toks[x].start >= m.start:
            continue
        to = next((y for y in range(x + 1, len(toks)) if toks[y].start < m.start and toks[y].low in ("tới", "đến")), None)
        if to is not None and not any(t.text == ";" for t in toks[to:] if t.start < m.start):
            return True
    return False


def chaired_together(ctx: Ctx, d: Draft) -> bool:
    """"A và B chủ trì Hội nghị": a conference chaired by both sides is their talks; chaired by
    one side, it is no exchange (the people named after the verb attended it)."""
    if d.trig is None or not cochair_triggers().match(sentence_tokens(ctx.article, d.sentence), d.trig.i):
        return False
    # two chairs not known to be of one country (a foreign name's country may be unknown)
    known = {m.country for m in d.subjects if m.country}
    unknown = any(not m.country for m in d.subjects)
    if len({m.name for m in d.subjects}) >= 2 and (len(known) >= 2 or unknown):
        d.objects, d.people = [], list(d.subjects)
        ctx.changed(d, "chaired_together", "chaired by both sides: their talks")
        return False
    return ctx.dropped(d, "chaired_together", "chaired by one side: a conference, not talks")


def shared_subject(ctx: Ctx, d: Draft) -> bool:
    """"Đoàn đã hội kiến B, <B's titles>, và hội đàm với C": a verb coordinated with the one
    before it, with no subject of its own, shares the subject the rules gave that verb (the
    delegation's head), not the person named just before it."""
    last = ctx.last_subjects
    if not (d.coordinated and not d.subjects and d.type in PAIRWISE and last and last[0] == d.sentence and last[1]):
        return False
    if {m.name for m in last[1]} & {m.name for m in d.objects}:
        return False
    d.subjects = list(last[1])
    d.people = d.subjects + d.objects
    ctx.changed(d, "shared_subject", f"coordinated with the verb before: its subject {d.subjects[0].name}")
    return False



def both_as_subject(ctx: Ctx, d: Draft) -> bool:
    """"A chủ trì lễ đón B, sau đó hai Thủ tướng hội đàm": a plural right before the verb is
    its subject: the first person of each side named before it in the sentence (two sides
    only), not the one person nearest the verb."""
    if d.type not in PAIRWISE or d.objects:
        return False
    article = ctx.article
    sent = article.sentences[d.sentence]
    if not _both_patterns()[1].search(article.match[max(sent.start, d.trigger_span[0] - 60):d.trigger_span[0]].lower()):
        return False
    first: dict[str, PersonMention] = {}
    for m in article.mentions:
        if m.sentence == d.sentence and m.end <= d.trigger_span[0] and m.country:
            first.setdefault(m.country, m)
    if len(first) != 2 or {m.name for m in d.subjects} == {m.name for m in first.values()}:
        return False
    d.subjects = sorted(first.values(), key=lambda m: m.start)
    ctx.changed(d, "both_as_subject", "'hai ...' before the verb: the two sides named before it")
    return False


def make_pairwise(ctx: Ctx, d: Draft) -> bool:
    """Talks, meetings and calls: the subjects with each group of objects that met together
    ("lần lượt", a list of counterparts met one by one); "hai bên" with no names is the two
    sides of the event just reported; "trong cuộc làm việc với X" refers back to an event."""
    article = ctx.article
    toks = sentence_tokens(article, d.sentence)
    made = _pairwise_events(article, d, toks, d.trig, ctx.heads)
    rule, reason = "make_pairwise", "subjects with objects"
    if len(made) > 1:
        reason = f"{len(made)} events: one per counterpart group"
    last_any = ctx.last_any
    if not made and not d.subjects and not d.objects and last_any is not None and _both_sides_named(article, d):
        # (an occasion of several days, "Từ ngày 6 đến 7/11 ... Trong khuôn khổ chương trình", gives no one day)
        made = [_copy_of(ctx, d, last_any, d.date or (last_any.date if d.occasion and not last_any.end_date else None),
                         d.place, 0.4)]
        rule, reason = "both_sides_of_last", "'hai bên': the two sides of the event just reported"
    if made:
        for ev in made:
            ctx.made(d, ev, rule, reason)
        ctx.last = made[-1]
        ctx.last_subjects = (d.sentence, list(d.subjects))
        ctx.pending = None
        return True
    pending_delegation_event(ctx, d)
    if d.objects:
        # "Trong cuộc làm việc với đồng chí X": a reference to an event already reported
        ref = [e for e in ctx.events if d.objects[0].name in e.participants and e.type != "visit"]
        if ref:
            ctx.last = ref[-1]
            if d.date and len(d.date) == 10 and not ref[-1].date and ref[-1].type == d.type:
                # "Tại buổi hội đàm ngày 27/2, ...": the reference gives the day
                ref[-1].date = d.date
                shaped(ref[-1], "reference_gives_day")
                return ctx.dropped(d, "reference_gives_day", f"a reference to the {d.type} already reported, on {d.date}")
            return ctx.dropped(d, "make_pairwise", "a reference to an event already reported")
    return ctx.dropped(d, "make_pairwise", "no two people of two sides")


def planned_trip(ctx: Ctx, d: Draft) -> bool:
    """"Thông cáo báo chí về chuyến thăm Việt Nam của X" above "X sẽ thăm chính thức Việt Nam
    từ ngày ...": a trip that only the headline has reported, and that the body then reports
    as planned, is planned: the headline's visit is dropped. (`d` is a trip verb the trigger
    rules dropped as planned; it makes no event itself.) A trip the body already reported as
    made or under way is not touched."""
    if not d.planned:
        return False
    names = {m.name for m in d.objects}
    titles = [s for s in ctx.article.sentences if s.kind == "title"]
    for ev in list(ctx.events):
        if (ev.type == "visit" and ev.participants and set(ev.participants) <= names and ev.evidence
                and all(any(s.start <= sp.start < s.end for s in titles) for sp in ev.evidence)):
            ctx.events.remove(ev)
            if ctx.last is ev:
                ctx.last = None
            ctx.trace.note(d.sentence, d.trigger, "dropped", "planned_trip",
                           f"the headline's trip of {ev.participants[0]} is the one planned here")
    return True


# In order; the first that returns True settles the candidate.
CANDIDATE_RULES: list[Callable[[Ctx, Draft], bool]] = [
    planned_trip, archive_caption, year_only_background, note_welcome_day, same_day_date, sidelines_day, trip_day,
    join_attendance,
    visit_people, trip_mentioned_again, make_visit,
    occasion_of_last, gift_during_talks, make_message, make_signing,
    list_item_subject, delegation_subject, hosts_of_delegation, organisation_counterpart, organisation_subject, titled_counterparts,
    setting_reference, chaired_together, shared_subject, both_as_subject, make_pairwise,
]
