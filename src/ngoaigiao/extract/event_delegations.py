"""Delegations: a delegation reported as meeting stands for its people.

Local and party pages report exchanges between delegations ("Đoàn đại biểu tỉnh A đã
hội đàm với huyện B") and name the people in the sentences after: the head ("do đồng
chí X làm trưởng đoàn"), the hosts ("Tiếp và hội kiến với đoàn có đồng chí Y"), the
attendees of each side ("Dự hội đàm về phía tỉnh A có ...; Về phía B có ..."). The
rules here turn those into events between named people:

- `delegation_subject`: "Đoàn ... đã hội đàm với đoàn ... do Y dẫn đầu", with no person
  before the verb: the subject is the article's delegation head named earlier.
- `pending_delegation_event`: a meeting or talks whose people are of one side (or none)
  is kept aside; the hosts or attendees named next complete it.
- `hosts_of_delegation`: "Tiếp (và hội kiến) với đoàn ... có đồng chí Y; Z": Y and Z
  received the delegation: the event kept aside gets them as its other side, else a
  meeting between them and the delegation's head.
- `attendees_of_pending` (with `join_attendance`): attendance lists join the event kept
  aside, and "Về phía B có ..." sentences after a list go on with it.
- `organisation_counterpart`: "A làm việc với Tổng cục Hải quan Trung Quốc": the
  organisation met stands for the one person of the article whose title names it;
  `organisation_subject`: "Sở Du lịch tiếp đoàn ... do ông B dẫn đầu": so does the
  organisation that received.
- `reference_completes_pending`: "X đến chào xã giao lãnh đạo tỉnh. Tại buổi tiếp, Chủ tịch
  UBND tỉnh Y ...": the people a reference to the meeting names are its other side.
- `heads_complete_pending`: "Hội thảo lý luận ... đã được tổ chức theo hình thức trực
  tuyến. Đoàn đại biểu A do đồng chí X làm Trưởng đoàn. Đoàn đại biểu B do đồng chí Y làm
  Trưởng đoàn.": the heads of the two delegations are the sides of the exchange.
- `titled_counterparts`: "A tiếp các đại sứ Trung Quốc, Ba Lan trình Quốc thư": the
  counterparts are described by title and country and named later ("Đại sứ Trung Quốc B").
"""
from __future__ import annotations

from ngoaigiao.article import Article, PersonMention, Span
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.event_candidates import Draft, _clause_start
from ngoaigiao.extract.event_triggers import find_triggers
from ngoaigiao.extract.lexicon import Token, sentence_tokens, tokenize

PAIRWISE = {"meeting", "talks", "phone_call", "video_call", "other"}
RECEIVING = {"meeting", "talks"}
SIDE_FOLLOWERS = 3  # sentences after an attendance list that may go on with the other side


def _nouns():
    return lx.phrase_list("delegation_nouns.txt")


def _sides(people: list[PersonMention]) -> set[str]:
    return {m.country for m in people if m.country}


def host_list(article: Article, d: Draft) -> tuple[list[PersonMention], list[PersonMention]] | None:
    """"Tiếp và hội kiến với đoàn ... có đồng chí Y; Z": (people named in the delegation's own
    phrase, the hosts after "có"), or None when the candidate is not a reception of a
    delegation. Nobody is named before the verb: the delegation is whom it received."""
    if d.subjects or d.trig is None or not d.objects:
        return None
    toks = sentence_tokens(article, d.sentence)
    if any(m.sentence == d.sentence and m.end <= d.trigger_span[0] for m in article.mentions):
        return None
    j = d.trig.i + d.trig.n
    if j < len(toks) and toks[j].low == "với":
        j += 1
    n = _nouns().match(toks, j)
    if not n:
        return None
    openers = lx.phrase_list("host_list_openers.txt")
    for x in range(j + n, len(toks)):
        if toks[x].text in (";", ".", "!", "?"):
            return None  # the list opener belongs to the delegation's own clause
        k = openers.match(toks, x)
        if k:
            at = toks[x + k - 1].end
            hosts = [m for m in d.objects if m.start >= at]
            return ([m for m in d.objects if m.start < at], hosts) if hosts else None
    return None


def head_for(ctx, d: Draft, others: list[PersonMention]) -> list[PersonMention]:
    """The delegation's head named earlier in the article, not one of `others` and not of their
    country; else the visitors of the trip already reported."""
    names = {m.name for m in others}
    sides = _sides(others)
    heads = [h for h in ctx.heads if h.sentence <= d.sentence and h.name not in names]
    # a country guessed from the look of a name may be wrong: another side's head first
    heads = [h for h in heads if not (h.country and h.country in sides)] or heads
    if heads:
        return heads[:1]
    trip = next((e for e in ctx.events if e.type == "visit"), None)
    if trip is None:
        return []
    by_name = {m.name: m for m in ctx.article.mentions}
    return [by_name[p] for p in trip.participants if p in by_name and p not in names
            and not (by_name[p].country and by_name[p].country in sides)][:1]


def delegation_subject(ctx, d: Draft) -> bool:
    """"Đoàn đại biểu tỉnh A đã hội đàm với đoàn ... do đồng chí Y làm trưởng đoàn": no person
    before the verb, a delegation is the subject; it stands for its head, the article's
    delegation head named earlier (not Y's side)."""
    if d.type not in PAIRWISE or d.subjects or d.attendees or d.trig is None:
        return False
    article = ctx.article
    toks = sentence_tokens(article, d.sentence)
    clause = _clause_start(toks, d.trig.i)
    # the delegation opens a stretch of the clause ("Ngày 14/5, Đoàn đại biểu Đảng, chính quyền tỉnh
    # A đã hội đàm"), not inside an adverbial ("Nhân dịp đoàn sang thăm, Thủ tướng tiếp ..."), and no
    # later stretch opens with a title (a subject of its own)
    starts = [clause] + [x + 1 for x in range(clause, d.trig.i) if toks[x].text == ","]
    first = next((x for x in starts if _nouns().match(toks, x)), None)
    if first is None or any(x > first and lx.titles().match(toks, x) for x in starts):
        return False
    if any(m.sentence == d.sentence and toks[clause].start <= m.start and m.end <= d.trigger_span[0]
           for m in article.mentions):
        return False
    head = head_for(ctx, d, d.objects)
    if not head:
        return False
    d.subjects = head
    d.people = head + d.objects
    ctx.changed(d, "delegation_subject", f"the delegation before the verb: its head {head[0].name}")
    return False


def pending_delegation_event(ctx, d: Draft) -> None:
    """Keep aside a meeting or talks with the people of one side at most (a delegation met an
    organisation, or delegations met): hosts or attendees named next complete it. A newer
    candidate replaces it unless that one names nobody and gives no day while it does."""
    if d.type not in RECEIVING | {"video_call"} or d.attendees or len(_sides(d.people)) >= 2:
        return
    old = ctx.pending
    if old is not None and not (d.people or d.date) and (old.people or old.date):
        return
    ctx.pending = d


def _complete(ctx, base: Draft, more: list[PersonMention], d: Draft, rule: str, reason: str,
              other_side: bool = False) -> bool:
    """Add people to the event kept aside; two sides make it an event (`other_side`: the
    people added are the other side by the sentence's own structure, whatever their names
    look like)."""
    from ngoaigiao.extract.event_rules import _event
    names = {m.name for m in base.people}
    base.people = base.people + [m for m in more if m.name not in names]
    if len({m.name for m in base.people}) < 2 or not (other_side or len(_sides(base.people)) >= 2):
        ctx.changed(d, rule, f"{reason}; kept aside until the other side is named")
        return True
    base.date = base.date or d.date
    base.place = base.place or d.place
    ev = _event(ctx.article, base, base.people)
    s = ctx.article.sentences[d.sentence]
    if d.sentence != base.sentence:
        ev.evidence.append(Span(s.start, s.end))
    ctx.pending = None
    ctx.made(d, ev, rule, reason)
    ctx.last = ev
    return True


def hosts_of_delegation(ctx, d: Draft) -> bool:
    """"Tiếp và làm việc với đoàn có đồng chí Y, Bí thư Huyện ủy": Y received the delegation.
    The meeting or talks kept aside (the delegation's, just reported without its other side)
    gets Y; else a meeting between Y and the delegation's head."""
    if d.type not in PAIRWISE or d.attendees:
        return False
    found = host_list(ctx.article, d)
    if found is None:
        return False
    members, hosts = found
    pending = ctx.pending
    if not members and pending is not None and pending.people and not (
            {m.name for m in hosts} & {m.name for m in pending.people}):
        return _complete(ctx, pending, hosts, d, "hosts_of_delegation",
                         "the hosts who received the delegation of the event just reported", other_side=True)
    guests = members or head_for(ctx, d, hosts)
    if not guests:
        return False
    d.subjects, d.objects = guests, hosts
    d.people = guests + hosts
    ctx.pending = None
    from ngoaigiao.extract.event_rules import _event
    ev = _event(ctx.article, d, d.people)
    welcome_on_arrival(ctx, d, ev)
    ctx.made(d, ev, "hosts_of_delegation", f"the hosts who received {guests[0].name}'s delegation")
    ctx.last = ev
    return True


def welcome_on_arrival(ctx, d: Draft, ev) -> None:
    """"Đón tiếp và hội kiến với đoàn tại cửa khẩu ...": an undated welcome of the delegation
    was on its arrival, the first day of the trip already reported."""
    trip = next((e for e in ctx.events if e.type == "visit"), None)
    if ev.date or trip is None or not trip.date or len(trip.date) != 10:
        return
    toks = sentence_tokens(ctx.article, d.sentence)
    words = lx.phrase_list("arrival_words.txt")
    if any(words.match(toks, x) for x in range(0, d.trig.i)):
        ev.date = trip.date
        ev.rules.append("welcome_on_arrival")
        ctx.trace.note(d.sentence, d.trigger, "changed", "welcome_on_arrival",
                       f"a welcome of the delegation: the trip's first day, {trip.date}")


def side_followers(article: Article, si: int) -> list[PersonMention]:
    """People of the sentences right after an attendance list that go on with the other side
    ("Về phía tỉnh B có các đồng chí: ...") and report nothing of their own."""
    out: list[PersonMention] = []
    openers = lx.phrase_list("side_openers.txt")
    for sj in range(si + 1, min(si + 1 + SIDE_FOLLOWERS, len(article.sentences))):
        if article.sentences[sj].kind not in ("body", "caption"):
            break
        toks = sentence_tokens(article, sj)
        if not toks or not openers.match(toks, 0) or find_triggers(toks):
            break
        out += [m for m in article.mentions if m.sentence == sj]
    return out


def attendees_of_pending(ctx, d: Draft) -> bool:
    """"Dự hội đàm về phía tỉnh A có ...": with no event of that type made yet, the attendees
    (and the "Về phía B có ..." sentences after them) join the one kept aside."""
    pending = ctx.pending
    if pending is None or pending.type != d.type:
        return False
    people = list(d.objects) + side_followers(ctx.article, d.sentence)
    return _complete(ctx, pending, people, d, "attendees_of_pending",
                     "attendees of the event just reported without its people")


MIN_ORG_WORDS = 2  # "Bộ Ngoại giao": an organisation named by one word is an acronym ("GACC")


def _org_forms(title: str) -> list[list[str]]:
    """The organisations a title names, as lower-case words: each ending of the title that
    starts at a capitalised word after its head ("Phó Tổng cục trưởng Tổng cục Hải quan Trung
    Quốc (GACC)" -> "tổng cục hải quan trung quốc", ..., and the acronym "gacc")."""
    toks = tokenize(title)
    out, words = [], [t for t in toks if t.text not in ("(", ")")]
    cut = next((x for x, t in enumerate(toks) if t.text == "("), len(toks))
    for y in range(1, cut):
        if toks[y].is_cap and cut - y >= MIN_ORG_WORDS:
            out.append([t.low for t in toks[y:cut]])
    out += [[t.low] for t in words[cut:] if t.text.isupper() and len(t.text) >= 2]
    return out


def _names_org(toks: list[Token], j: int, form: list[str]) -> bool:
    if j + len(form) > len(toks) or [t.low for t in toks[j:j + len(form)]] != form:
        return False
    end = j + len(form)
    return end == len(toks) or not toks[end].is_cap  # the whole name, not the start of a longer one


def organisation_counterpart(ctx, d: Draft) -> bool:
    """"Bộ trưởng A cùng đoàn công tác làm việc với Tổng cục Hải quan Trung Quốc": the
    organisation met, named right after the verb, stands for the one person of the article
    (not of A's side) whose title names it."""
    if d.type not in PAIRWISE or not d.subjects or d.objects or d.trig is None:
        return False
    article = ctx.article
    toks = sentence_tokens(article, d.sentence)
    j = d.trig.i + d.trig.n
    if j < len(toks) and toks[j].low == "với":
        j += 1
    if j >= len(toks) or not toks[j].is_cap:
        return False
    found = _titled_in_org_at(article, toks, [j], {m.name for m in d.subjects}, _sides(d.subjects))
    if len(found) != 1:
        return False
    d.objects = list(found.values())
    d.people = d.subjects + d.objects
    ctx.changed(d, "organisation_counterpart", f"the organisation met is {d.objects[0].name}'s")
    return False


def _titled_in_org_at(article: Article, toks: list[Token], positions, skip: set[str],
                      sides: set[str]) -> dict[str, PersonMention]:
    """People (not in `skip`, not of `sides`) whose title names an organisation that starts at
    one of the token positions."""
    found: dict[str, PersonMention] = {}
    for m in article.mentions:
        if m.name in skip or m.name in found or (m.country and m.country in sides):
            continue
        forms = [f for t in m.titles for f in _org_forms(t.title)]
        if any(toks[j].is_cap and _names_org(toks, j, f) for j in positions for f in forms):
            found[m.name] = m
    return found


def organisation_subject(ctx, d: Draft) -> bool:
    """"Sáng 6/11, Sở Du lịch tiếp đoàn đại biểu ... do ông B dẫn đầu": nobody named before the
    verb, an organisation received; it stands for the one person of the article (not of B's
    side) whose title names it ("Ông A, Giám đốc Sở Du lịch")."""
    if d.type not in RECEIVING or d.subjects or not d.objects or d.trig is None or d.attendees:
        return False
    article = ctx.article
    toks = sentence_tokens(article, d.sentence)
    clause = _clause_start(toks, d.trig.i)
    found = _titled_in_org_at(article, toks, range(clause, d.trig.i), {m.name for m in d.objects},
                              _sides(d.objects))
    if len(found) != 1:
        return False
    d.subjects = list(found.values())
    d.people = d.subjects + d.objects
    ctx.changed(d, "organisation_subject", f"the organisation that received is {d.subjects[0].name}'s")
    return False


COUNT_WORDS = ("các", "những", "hai", "ba", "bốn", "năm", "tân")


def _title_and_countries(toks: list[Token], j: int) -> tuple[str, list[str]] | None:
    """"các đại sứ Trung Quốc, Ba Lan" at toks[j]: ("đại sứ", ["CN", "PL"]), else None."""
    while j < len(toks) and toks[j].low in COUNT_WORDS:
        j += 1
    n = lx.titles().match(toks, j)
    if not n:
        return None
    head = " ".join(t.low for t in toks[j:j + n])
    x, countries = j + n, []
    places = lx.places()
    while x < len(toks):
        k = places.match(toks, x)
        row = places.value(toks, x, k) if k else None
        if row and row[1] == "country":
            countries.append(row[0])
            x += k
        elif countries and toks[x].low in (",", "và"):
            x += 1
        else:
            break
    return (head, countries) if countries else None


def titled_counterparts(ctx, d: Draft) -> bool:
    """"Chủ tịch nước A tiếp các đại sứ Trung Quốc, Ba Lan trình Quốc thư": no one named after
    the verb, a title and countries; the counterparts are the people of the article with that
    title and of those countries ("Đại sứ Trung Quốc B ..."), one each, met one by one."""
    if d.type not in RECEIVING or not d.subjects or d.objects or d.trig is None:
        return False
    article = ctx.article
    toks = sentence_tokens(article, d.sentence)
    found = _title_and_countries(toks, d.trig.i + d.trig.n)
    if found is None:
        return False
    head, countries = found
    mine = {m.name for m in d.subjects}
    by_country: dict[str, dict[str, PersonMention]] = {}
    for m in article.mentions:
        if m.name in mine or m.country not in countries:
            continue
        if any(t.title.lower().startswith(head) or f" {head}" in t.title.lower() for t in m.titles):
            by_country.setdefault(m.country, {}).setdefault(m.name, m)
    objects = [next(iter(ms.values())) for c in countries for ms in [by_country.get(c, {})] if len(ms) == 1]
    if not objects:
        return False
    d.objects = objects
    d.people = d.subjects + objects
    if d.trig is not None and len(objects) > 1:
        d.trig.plural = True  # met one by one
    ctx.changed(d, "titled_counterparts", f"'{head}' of {', '.join(countries)} named later: "
                                           f"{', '.join(m.name for m in objects)}")
    return False


REFERENCE_WINDOW = 3  # sentences after the one-sided report in which "Tại buổi tiếp, Y ..." completes it


def reference_completes_pending(ctx, si: int, mentions: list[PersonMention]) -> None:
    """A sentence with no event of its own that opens with a reference to the meeting just
    reported ("Tại buổi tiếp, Chủ tịch UBND tỉnh Y chúc ...", data/reference_openers.txt)
    names its other side, when that report named one side only."""
    pending = ctx.pending
    if pending is None or not pending.people or not 0 < si - pending.sentence <= REFERENCE_WINDOW:
        return
    toks = sentence_tokens(ctx.article, si)
    if not toks or not lx.phrase_list("reference_openers.txt").match(toks, 0):
        return
    names = {m.name for m in pending.people}
    sides = _sides(pending.people)
    more = [m for m in mentions if m.name not in names and m.country and m.country not in sides]
    if not more:
        return
    d = Draft(pending.type, si, [], more, pending.trigger_span, trigger=pending.trigger, trig=pending.trig)
    _complete(ctx, pending, more, d, "reference_completes_pending",
              "named at the meeting just reported, whose other side the report did not name")


def heads_complete_pending(ctx, si: int, mentions: list[PersonMention]) -> None:
    """A sentence with no event of its own that names the head of a delegation ("Đoàn đại biểu
    Đảng Cộng sản Trung Quốc do đồng chí Y làm Trưởng đoàn") right after an exchange reported
    between delegations or parties with nobody named: the head is one of its sides."""
    pending = ctx.pending
    if pending is None or not 0 < si - pending.sentence <= REFERENCE_WINDOW:
        return
    heads = {h.name for h in ctx.heads if h.sentence == si}
    names = {m.name for m in pending.people}
    more = [m for m in mentions if m.name in heads and m.name not in names]
    if not more:
        return
    d = Draft(pending.type, si, [], more, pending.trigger_span, trigger=pending.trigger, trig=pending.trig)
    _complete(ctx, pending, more, d, "heads_complete_pending",
              "the delegations' heads of the exchange just reported with nobody named")
