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
- `reference_completes_pending`: "X đến chào xã giao lãnh đạo tỉnh. Tại buổi tiếp, Chủ tịch
  UBND tỉnh Y ...": the people a reference to the meeting names are its other side.
- `heads_complete_pending`: "Hội thảo lý luận ... đã được tổ chức theo hình thức trực
  tuyến. Đoàn đại biểu A do đồng chí X làm Trưởng đoàn. Đoàn đại biểu B do đồng chí Y làm
  Trưởng đoàn.": the heads of the two delegations are the sides of the exchange.

Organisations and titles that stand for people are in `event_counterparts`.
"""
from __future__ import annotations

from ngoaigiao.article import Article, PersonMention, Span
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.event_candidates import Draft, _clause_start
from ngoaigiao.extract.event_triggers import find_triggers
from ngoaigiao.extract.lexicon import sentence_tokens

# the types with two sides (one definition: event_rules and event_finish import it from here)
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


def delegation_opens_clause(article: Article, d: Draft) -> bool:
    """A delegation is the subject of the verb: it opens a stretch of the clause ("Ngày 14/5, Đoàn
    đại biểu Đảng, chính quyền tỉnh A đã hội đàm", "Trước đó, đoàn đã tới thăm"), not inside an
    adverbial ("Nhân dịp đoàn sang thăm, Thủ tướng tiếp ..."); no later stretch opens with a title
    (a subject of its own) and no person is named before the verb in the clause."""
    if d.trig is None:
        return False
    toks = sentence_tokens(article, d.sentence)
    clause = _clause_start(toks, d.trig.i)
    starts = [clause] + [x + 1 for x in range(clause, d.trig.i) if toks[x].text == ","]
    first = next((x for x in starts if _nouns().match(toks, x)), None)
    if first is None or any(x > first and lx.titles().match(toks, x) for x in starts):
        return False
    return not any(m.sentence == d.sentence and toks[clause].start <= m.start and m.end <= d.trigger_span[0]
                   for m in article.mentions)


def delegation_subject(ctx, d: Draft) -> bool:
    """"Đoàn đại biểu tỉnh A đã hội đàm với đoàn ... do đồng chí Y làm trưởng đoàn": no person
    before the verb, a delegation is the subject; it stands for its head, the article's
    delegation head named earlier (not Y's side)."""
    if d.type not in PAIRWISE or d.subjects or d.attendees or d.trig is None:
        return False
    if not delegation_opens_clause(ctx.article, d):
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
    if any(words.match(toks, x) for x in range(0, d.trig.i)):  # type: ignore[union-attr]  # (a candidate has its trigger)
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
