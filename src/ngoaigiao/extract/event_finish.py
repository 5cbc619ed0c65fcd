"""Article rules: what the events of a whole article say about each other.

`ARTICLE_RULES` runs in order over the events the candidate rules made: add
companions and listed documents, merge repeats of one event, drop what is
not an exchange or not the news, keep one trip, then fill the trip's dates,
roles and links. Each takes and returns the list of events.
"""
from __future__ import annotations

import functools
from datetime import date as Date
from collections.abc import Callable

from ngoaigiao.article import Article, Event
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.codes import assign_codes
from ngoaigiao.extract.documents import find_documents
from ngoaigiao.extract.event_dates import range_of_another_trip
from ngoaigiao.extract.event_rules import PAIRWISE, _known_place, _place_row, _title_says
from ngoaigiao.extract.event_trace import Trace, shaped
from ngoaigiao.extract.event_triggers import find_triggers, session_triggers
from ngoaigiao.data import load_tsv, word_set
from ngoaigiao.extract.lexicon import PhraseSet, sentence_tokens
from ngoaigiao.extract.names import country_of_titles, table_row
from ngoaigiao.extract.places import fuller_name


def _sentence_of(article: Article, ev: Event) -> int | None:
    """Index of the sentence an event's first evidence span is in."""
    if not ev.evidence:
        return None
    at = ev.evidence[0].start
    return next((i for i, s in enumerate(article.sentences) if s.start <= at < s.end), None)


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
            if ev.documents:
                shaped(ev, "listed_documents")
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
        if role == "member":  # "Đoàn gồm có ...": the delegation's trip, else the meeting it came to
            role = "escort" if any(e.type == "visit" for e in events) else "attend"
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
                    shaped(ev, "companions")
                    if m.country and m.country not in ev.countries:
                        ev.countries.append(m.country)
    return events


def _merge_into(same: Event, ev: Event) -> None:
    if ev.end_date and not same.end_date:
        same.date, same.end_date = ev.date, ev.end_date
    elif same.date and ev.date and not same.end_date and _next_day(same.date, ev.date):
        same.date = min(same.date, ev.date)  # the text's own day, not the morning-after report's
    same.date = same.date or ev.date
    if same.type == "visit" and ev.place and _known_place(ev.place) and not _known_place(same.place):
        same.place = ev.place  # a trip's place is where it went, not the hall of its welcome
    if fuller_name(ev.place, same.place):
        same.place = ev.place
    same.place = same.place or ev.place
    for attr in ("participants", "countries", "documents"):
        mine = getattr(same, attr)
        for x in getattr(ev, attr):
            if x not in mine:
                mine.append(x)
    same.evidence.extend(ev.evidence)
    same.confidence = min(0.95, same.confidence + 0.1)


def _is_session(article: Article, ev: Event) -> bool:
    """The event's sentence reports co-chairing a session ("đồng chủ trì Phiên họp ...")."""
    si = _sentence_of(article, ev)
    if si is None:
        return False
    toks, sessions = sentence_tokens(article, si), session_triggers()
    return any(sessions.match(toks, x) for x in range(len(toks)))


def _same(article: Article, o: Event, ev: Event) -> bool:
    """Two drafts of one article that report the same interaction (title, lead, caption, body)."""
    if o.type != ev.type and not _headline_names_it(article, o, ev):
        return False
    if (o.type == "talks" and _is_session(article, o) != _is_session(article, ev)
            and not _undated_headline(article, o) and not _undated_headline(article, ev)):
        return False  # talks, then co-chairing the joint committee's session: two events
        # (but a headline's undated "hội đàm" may name the session the body reports)
    shared = set(o.participants) & set(ev.participants)
    if ev.type == "visit":
        return bool(shared) or (o.place is not None and o.place == ev.place)
    if len(shared) < 2:
        return False
    return o.date == ev.date or not o.date or not ev.date or _next_day(o.date, ev.date)


IN_PERSON = frozenset({"meeting", "talks"})


def _headline_names_it(article: Article, o: Event, ev: Event) -> bool:
    """"A tiếp B" as the headline of "A chủ trì lễ đón và hội đàm với B": an undated headline's
    meeting or talks is the body's talks or meeting between the same people, whatever verb
    the headline chose (the shared people are checked by `_same`)."""
    return {o.type, ev.type} <= IN_PERSON and (_undated_headline(article, o) or _undated_headline(article, ev))


def _undated_headline(article: Article, ev: Event) -> bool:
    """Reported only by the headline, with no day."""
    if ev.date or not ev.evidence:
        return False
    kinds = {s.start: s.kind for s in article.sentences}
    return all(kinds.get(sp.start) == "title" for sp in ev.evidence)


def _next_day(a: str, b: str) -> bool:
    """One call reported twice in an article, dated once by the text's own day and once by the
    publication day ("hôm nay") the morning after: days one apart are one event."""
    if len(a) != 10 or len(b) != 10:
        return False
    try:
        return abs((Date.fromisoformat(a) - Date.fromisoformat(b)).days) == 1
    except ValueError:
        return False


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
    messages = _title_says(article, "message") or any(e.type == "message" for e in anchors)
    return [e for e in events if e in anchors or e.date or set(e.participants) & people
            or (messages and e.type == "message")]


def _evidenced_countries(article: Article) -> dict[str, str | None]:
    """Each person's country as the name table or the person's own titles say it, never
    guessed from the look of the name (a Sino-Vietnamese name reads like a Vietnamese one)."""
    out: dict[str, str | None] = {}
    for m in article.mentions:
        row = table_row(m.name)
        c = (row or {}).get("country") or country_of_titles([t.title for t in m.titles])
        out[m.name] = out.get(m.name) or c
    return out


def _one_side_only(ev: Event, country_of: dict[str, str | None]) -> bool:
    """A meeting among people all known to be of one country ("Phó Thủ tướng tiếp Trưởng Ban
    Quản lý Khu kinh tế ...") is domestic business, not an exchange between sides."""
    if ev.type not in PAIRWISE or not ev.participants:
        return False
    sides = [country_of.get(p) for p in ev.participants]
    return all(sides) and len(set(sides)) == 1



# --- the rules, in the order they run --------------------------------------------------------

def _drop(article: Article, trace: Trace, ev: Event, rule: str, reason: str) -> None:
    trace.note(_sentence_of(article, ev) if trace else None, ev.type, "dropped", rule, reason, ev.participants)


def companions(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    """"Tháp tùng ... có: A; B" adds the delegation's members to the trip; "Cùng dự có các
    đồng chí: ..." adds attendees to the meeting or talks just reported."""
    return _add_companions(article, events)


def listed_documents(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    """A signing that names no document takes the list in the next sentence."""
    return _add_listed_documents(article, events)


def is_caption(article: Article, si: int) -> bool:
    """A caption block, or a sentence that ends with a photo credit (data/caption_credits.txt)."""
    s = article.sentences[si]
    if s.kind == "caption":
        return True
    tail = article.match[max(s.start, s.end - 40):s.end].lower()
    return any(c in tail for c in word_set("caption_credits.txt"))


def drop_multilateral(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    """Talks or a meeting among three or more countries ("A cùng B, C và D đồng chủ trì ...")
    is a multilateral session, not an exchange between two sides."""
    out = []
    for e in events:
        if e.type in PAIRWISE and len(set(e.countries)) >= 3:
            _drop(article, trace, e, "drop_multilateral", f"{len(set(e.countries))} countries: multilateral")
        else:
            out.append(e)
    return out


def merge_repeats(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    """The headline, lead, caption and body report one interaction several times: one event
    (same type, two shared participants, no conflicting date; a trip by a shared visitor)."""
    out: list[Event] = []
    for ev in events:
        same = next((o for o in out if _same(article, o, ev)), None)
        if same is None:
            out.append(ev)
        else:
            if same.type != ev.type and _undated_headline(article, same):
                same.type = ev.type  # the body's word for it, not the headline's
            _merge_into(same, ev)
            for r in ev.rules:
                shaped(same, r)
            shaped(same, "merge_repeats")
            if trace:
                trace.note(_sentence_of(article, ev), ev.type, "changed", "merge_repeats",
                           f"the same {ev.type} as reported in sentence {_sentence_of(article, same)}",
                           ev.participants)
    return out


def drop_one_side_only(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    """A meeting among people all known to be of one country is domestic business."""
    country_of = _evidenced_countries(article)
    out = []
    for e in events:
        if _one_side_only(e, country_of):
            _drop(article, trace, e, "drop_one_side_only", "all participants are of one country")
        else:
            out.append(e)
    return out


def drop_not_salient(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    """Undated events that share nobody with the headline and lead are recalled context."""
    kept = _salient(article, events)
    if trace:
        for e in events:
            if e not in kept:
                _drop(article, trace, e, "drop_not_salient", "undated and shares nobody with the headline and lead")
    return kept


def keep_one_trip(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    """An article reports one trip: the dated one or the one whose visitors meet people;
    other trips are mentions of earlier or later ones."""
    visits = [e for e in events if e.type == "visit"]
    if len(visits) <= 1:
        return events
    others = {p for e in events if e.type != "visit" for p in e.participants}
    keep = [v for v in visits if v.date or set(v.participants) & others]
    keep = keep[:1] or visits[:1]
    for v in visits:
        if v not in keep:
            _drop(article, trace, v, "keep_one_trip", "the article's trip is another one")
    return [e for e in events if e.type != "visit" or e in keep]


def date_trip_by_range(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    """"Từ ngày 20 đến 23/3, ông gặp ...": an undated trip takes the article's only range of days."""
    visit = next((e for e in events if e.type == "visit"), None)
    if visit is not None and not visit.date:
        ranges = {(t.date, t.end_date) for t in article.times if t.end_date and len(t.date) == 10  # type: ignore[arg-type]
                  and len(t.end_date) == 10 and not range_of_another_trip(article, t, visit)}  # see event_dates
        if len(ranges) == 1:
            visit.date, visit.end_date = ranges.pop()
            shaped(visit, "date_trip_by_range")
            if trace:
                trace.note(_sentence_of(article, visit), "visit", "changed", "date_trip_by_range",
                           f"the article's only range of days, {visit.date}..{visit.end_date}")
    return events


def visit_roles_and_links(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    """A trip's visitors and hosts (by the country of the place visited: CAMEO 042/043), the
    visitor's side first; events of the trip's people point to the trip (`part_of`); codes."""
    visit = next((e for e in events if e.type == "visit"), None)
    by_name = {m.name: m.country for m in article.mentions}
    for ev in events:
        if ev.type == "visit" and ev.place:
            c = _place_row(ev.place)
            if c and c[0] and c[0] not in ev.countries:
                ev.countries.append(c[0])
            if c and c[0]:
                ev.roles = {p: ("host" if by_name.get(p) == c[0] else "visitor")
                            for p in ev.participants if by_name.get(p)}
                # (every one has a country: roles are only given to people with one)
                visiting: list = [by_name[p] for p, r in ev.roles.items() if r == "visitor"]
                ev.countries = list(dict.fromkeys(visiting + ev.countries))  # the visitor's side first
        elif visit is not None and ev is not visit and set(ev.participants) & set(visit.participants):
            ev.part_of = events.index(visit)
        assign_codes(ev)
    return events


def _news_days(article: Article) -> list[str]:
    """The days the article's body and captions name, in order (not periods, not the dates of
    "Được tin ..." news, not in brackets), each once."""
    from ngoaigiao.extract.event_candidates import _in_brackets, _news_of_spans, _period
    out: list[str] = []
    sentences = article.sentences
    for t in article.times:
        if not t.date or len(t.date) != 10 or t.end_date or _period(t):
            continue
        si = next((i for i, s in enumerate(sentences) if s.start <= t.start < s.end), None)
        if si is None or sentences[si].kind not in ("body", "caption", "title"):
            continue
        if _in_brackets(article, sentences[si], t):
            continue
        if any(a <= t.start < b for a, b in _news_of_spans(sentence_tokens(article, si))):
            continue
        if t.date not in out:
            out.append(t.date)
    return out


def date_from_article(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    """A meeting, talks or call reported without its day happened on the one day the article
    names. Not when it names several days or a range of days (a trip: its meetings may be on
    any of them) or another event is dated already (the day is that one's), never a day after publication or of another year; trips and messages keep
    their own dating."""
    todo = [e for e in events if not e.date and e.type in PAIRWISE | {"signing"}]
    if not todo:
        return events
    if any(e.date for e in events if e.type != "visit"):
        return events  # the day is another event's: the undated ones may be of other days
    days = _news_days(article)
    if len(days) != 1 or any(t.end_date for t in article.times if t.date):
        return events
    day, pub = days[0], article.published
    if pub and ((len(pub) == 10 and day > pub) or not day.startswith(pub[:4])):
        return events
    for e in todo:
        e.date = day
        shaped(e, "date_from_article")
        if trace:
            trace.note(_sentence_of(article, e), e.type, "changed", "date_from_article",
                       f"the only day the article names, {day}")
    return events


CAREER_MARGIN_YEARS = 10  # the table lists the top posts; a career starts some years before them


@functools.lru_cache(maxsize=4096)
def _career(name: str) -> tuple[int, int] | None:
    """First and last year of the posts the name table gives the person (None: not in it)."""
    from ngoaigiao.names.table import terms
    years = []
    for _title, start, end in terms(name):
        if start:
            years.append(int(start[:4]))
        years.append(int(end[:4]) if end else 2026)
    return (min(years), max(years)) if years else None


def year_sanity(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    """A date decades outside the careers of the people named ("năm 1982" read as the day of
    a meeting between today's ministers) came from an unrelated number: the event is undated."""
    for e in events:
        if not e.date:
            continue
        year = int(e.date[:4])
        for p in e.participants:
            c = _career(p)
            if c and not (c[0] - CAREER_MARGIN_YEARS <= year <= c[1] + CAREER_MARGIN_YEARS):
                if trace:
                    trace.note(_sentence_of(article, e), e.type, "changed", "year_sanity",
                               f"{e.date} is outside {p}'s career ({c[0]}-{c[1]}): undated")
                e.date = e.end_date = None
                shaped(e, "year_sanity")
                break
    return events


ARTICLE_RULES: list[Callable[[Article, list[Event], Trace], list[Event]]] = [
    companions, listed_documents, year_sanity, merge_repeats, drop_one_side_only, drop_multilateral, drop_not_salient,
    date_from_article, keep_one_trip, date_trip_by_range, visit_roles_and_links,
]


def finish(article: Article, events: list[Event], trace: Trace) -> list[Event]:
    for rule in ARTICLE_RULES:
        events = rule(article, events, trace)
    return events
