"""Statements: what each side proposed, agreed, pledged and affirmed (eval/STATEMENTS.md).

A body sentence with an act verb (data/statement_acts.tsv) gives a statement
when the clause before the verb names a side: a person (the persons stage
knows the country), a side phrase ("hai bên", data/statement_sides.tsv), a
country, province or organisation with a country, or a title alone
("Bộ trưởng nhấn mạnh") that points back to the person last named with it.
A verb with no side before it continues the statement before it ("Ông X đề
nghị ...; khẳng định ...", or a sentence that opens "Nhấn mạnh ..."). An
affirm verb followed closely by an inner verb takes that verb's act
("khẳng định sẽ" is commit, "bày tỏ mong muốn" propose, "bày tỏ cảm ơn"
no statement at all). The object runs from the verb to the next statement
of the sentence; its topics come from data/statement_topics.tsv.

Only articles that report events have statements, and a clause that recalls
an earlier meeting (a cue in data/statement_cues.tsv, or a date well before
publication) gives none.
"""
from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from ngoaigiao.article import Article, PersonMention, Span, Statement
from ngoaigiao.data import load_lines, load_tsv
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.lexicon import PhraseSet, Token, sentence_tokens, tokenize
from ngoaigiao.extract.names import country_of_text
from ngoaigiao.textnorm import key

INNER_WINDOW = 8  # tokens after an affirm verb within which an inner verb sets its act
RECALLED_DAYS = 45  # a clause dated this long before publication recalls an earlier meeting
PRAISE_WINDOW = 5  # tokens after an affirm verb where "thành tựu", "kết quả" make it praise
INHERIT_SENTENCES = 3
HEAD_WORDS = 4  # words an opening phrase ("Tại buổi tiếp,") may take before a clause's subject  # a sentence opening with a bare verb continues a statement this close
BREAKS = {";", ":"}  # clause breaks: a new subject may follow
SOFT_BREAKS = {",", "và", "-", "–"}  # before a lead verb: a new statement of the same side


@dataclass(frozen=True, slots=True)
class Act:
    act: str
    inner: bool
    lead: bool
    alone: bool


@functools.cache
def acts() -> PhraseSet:
    yes = "yes".__eq__
    return PhraseSet((r["phrase"], Act(r["act"], yes(r["inner"]), yes(r["lead"]), yes(r["alone"])))
                     for r in load_tsv("statement_acts.tsv"))


@functools.cache
def sides() -> PhraseSet:
    return PhraseSet((r["phrase"], r["side"]) for r in load_tsv("statement_sides.tsv"))


@functools.cache
def cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    """kind:where -> the cue phrases as word tuples."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for r in load_tsv("statement_cues.tsv"):
        words = tuple(w.lower() for w in lx.TOKEN_RE.findall(key(r["phrase"])))
        out.setdefault(f'{r["kind"]}:{r["where"]}', []).append(words)
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def connectors() -> PhraseSet:
    return lx.phrase_list("statement_connectors.txt")


@functools.cache
def topic_rows() -> tuple[dict[str, str], ...]:
    return tuple(load_tsv("statement_topics.tsv"))


@functools.cache
def topics() -> PhraseSet:
    """phrase -> (key, weak); a weak phrase gives its topic only when no other topic is named."""
    out = []
    for r in topic_rows():
        out += [(p, (r["key"], False)) for p in r["phrases"].split("|") if p.strip()]
        out += [(p, (r["key"], True)) for p in (r.get("weak_phrases") or "").split("|") if p.strip()]
    return PhraseSet(out)


@functools.cache
def object_stops() -> PhraseSet:
    return lx.phrase_list("statement_object_stops.txt")


def topic_labels() -> dict[str, dict[str, str]]:
    """key -> {"vi": ..., "en": ...} for the topics (web pages, CLI)."""
    return {r["key"]: {"vi": r["label_vi"], "en": r["label_en"]} for r in topic_rows() if r["key"] != "-"}


def topics_of(text: str) -> list[str]:
    """Topic keys of a phrase, in order of first mention; "political" when none is named."""
    return _topics_in(tokenize(key(text)), 0, None) or ["political"]


def _topics_in(toks: list[Token], a: int, b: int | None) -> list[str]:
    ps, stops = topics(), object_stops()
    found: list[str] = []
    weak: list[str] = []
    first = ps.trie
    b = len(toks) if b is None else b
    x = a
    while x < b:
        if toks[x].low in stops.trie and stops.match(toks, x):  # (the first word decides most)
            break  # "trong bối cảnh đại dịch", "khi ...": the setting, not what was said
        n = ps.match(toks, x) if toks[x].low in first else 0
        if n:
            k, is_weak = ps.value(toks, x, n)
            into = weak if is_weak else found
            if k != "-" and k not in into:
                into.append(k)
            x += n
        else:
            x += 1
    return found or weak


def _ends_with(toks: list[Token], x: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Some phrase ends right before toks[x]."""
    last = toks[x - 1].low if x >= 1 else None
    for words in phrases:
        k = len(words)
        # the last word first: it rules out nearly every phrase without the generator below
        if k <= x and (not k or words[-1] == last) and all(toks[x - k + j].low == w for j, w in enumerate(words)):
            return True
    return False


def _cue_set(phrases: tuple[tuple[str, ...], ...]) -> PhraseSet:
    """The PhraseSet of a tuple of cue phrases (the tuples of `cues()`, made once), kept by the
    tuple's identity: hashing a tuple of tuples at every call cost more than the lookup."""
    got = _CUE_SETS.get(id(phrases))
    if got is None or got[0] is not phrases:
        got = _CUE_SETS[id(phrases)] = (phrases, PhraseSet((" ".join(w), True) for w in phrases))
    return got[1]


_CUE_SETS: dict[int, tuple] = {}  # id -> (the tuple, kept so that its id stays its own; its set)


def _starts_with(toks: list[Token], x: int, phrases) -> bool:
    return x < len(toks) and bool(_cue_set(tuple(phrases)).match(toks, x))


def _occurs(toks: list[Token], a: int, b: int, phrases) -> bool:
    ps = _cue_set(tuple(phrases))
    first = ps.trie
    for x in range(max(a, 0), min(b, len(toks))):  # (a loop, not any() over a generator: one frame)
        if toks[x].low in first and ps.match(toks, x):
            return True
    return False


@dataclass(slots=True)
class Verb:
    i: int
    n: int
    act: Act


def find_verbs(toks: list[Token]) -> list[Verb]:
    ps, c = acts(), cues()
    out: list[Verb] = []
    taken = -1
    for x in ps.starts(toks):  # most words start no act verb
        if x < taken:
            continue
        n = ps.match(toks, x)
        if not n:
            continue
        taken = x + n
        if _ends_with(toks, x, c.get("not_verb:before", ())) or _starts_with(toks, x + n, c.get("not_verb:after", ())):
            continue
        out.append(Verb(x, n, ps.value(toks, x, n)))
    return out


@dataclass(slots=True)
class Subject:
    side: str | None
    speaker: str | None
    title_only: str | None = None  # the title or honorific a speaker was introduced by


def _mention_country(article: Article, m: PersonMention) -> str | None:
    if m.country:
        return m.country
    for p in article.persons:
        if p.name == m.name:
            return p.country or next((c for c in map(country_of_text, p.titles) if c), None)
    return next((c for c in (country_of_text(t.title) for t in m.titles) if c), None)


def _side_at(toks: list[Token], x: int) -> tuple[int, str] | None:
    """(length, side) of a side phrase, a "phía <country>", "hai <title>", a place or an organisation
    with a country starting at toks[x]."""
    low = toks[x].low
    n = sides().match(toks, x) if low in sides().trie else 0
    if n:
        return n, sides().value(toks, x, n)
    if low == "phía" and x + 1 < len(toks):
        got = _country_at(toks, x + 1)
        if got:
            return got[0] + 1, got[1]
    if low == "hai" and x + 1 < len(toks) and lx.titles().match(toks, x + 1):
        return 1 + lx.titles().match(toks, x + 1), "both"
    return _country_at(toks, x)


@functools.cache
def _side_first_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words a side can start with, capitalised words a country's place or organisation can):
    `_side_at` finds nothing at a token whose word is in neither (see side_starts)."""
    return (frozenset(sides().trie) | {"phía", "hai"},
            frozenset(lx.places().trie) | frozenset(lx.organisations().trie))


def side_starts(toks: list[Token]) -> list[int]:
    """The word tokens at which `_side_at` may find a side, in order; at every other token it
    finds none (its phrase lookups all start from the word's first-word sets)."""
    any_word, cap_word = _side_first_words()
    return [x for x, t in enumerate(toks)
            if t.is_word and (t.low in any_word or (t.is_cap and t.low in cap_word))]


def _country_at(toks: list[Token], x: int) -> tuple[int, str] | None:
    if not toks[x].is_cap:
        return None
    low = toks[x].low  # most capitalised words start no place and no organisation
    n_place = lx.places().match(toks, x) if low in lx.places().trie else 0
    if n_place:
        c = lx.places().value(toks, x, n_place)[0]
        if c:
            return n_place, c
    n_org = lx.organisations().match(toks, x) if low in lx.organisations().trie else 0
    if n_org:
        c = lx.organisations().value(toks, x, n_org)
        if c:
            return n_org, c
    return None


def _only_connectors(toks: list[Token], a: int, b: int) -> bool:
    x = a
    while x < b:
        if not toks[x].is_word:
            x += 1
            continue
        n = connectors().match(toks, x)
        if not n:
            return False
        x += n
    return True


def _title_only(toks: list[Token], a: int, b: int) -> str | None:
    """The title or honorific that is all the clause [a, b) says of its subject, else None."""
    x = a
    while x < b and (not toks[x].is_word or connectors().match(toks, x)):
        x += connectors().match(toks, x) or 1
    if x >= b:
        return None
    n = lx.honorifics().match(toks, x) or lx.titles().match(toks, x)
    if not n:
        return None
    title = " ".join(t.low for t in toks[x:x + n])
    # "Bộ trưởng cũng": only connectors may follow the title before the verb
    return title if _only_connectors(toks, x + n, b) else None


class SubjectFinder:
    """Finds the side of a clause: people by their mention, sides and places by their phrases."""

    def __init__(self, article: Article, si: int, toks: list[Token], mentions: list[PersonMention]):
        self.article, self.si, self.toks = article, si, toks
        starts = [t.start for t in toks]
        # person mentions as token ranges
        self.people = []
        for m in mentions:
            a = bisect_left(starts, m.start)
            b = bisect_left(starts, m.end)
            self.people.append((a, b, m))
        self._sides: dict[int, tuple[int, str] | None] = {}  # token -> _side_at, asked once
        # the only tokens where a side may start: the clause walks below visit just these
        self.side_starts = side_starts(toks)

    def _side(self, y: int) -> tuple[int, str] | None:
        # the clauses of several verbs overlap: each token's side phrase is looked up once
        if y in self._sides:
            return self._sides[y]
        got = self._sides[y] = _side_at(self.toks, y)
        return got

    def find(self, lo: int, x: int) -> Subject | None:
        toks = self.toks
        cands: list[tuple[int, int, str, Any]] = []  # (end, start, kind, value: a mention or a side)
        for a, b, m in self.people:
            if lo <= a and b <= x:
                cands.append((b, a, "person", m))
        # (a walk over every token of [lo, x), stepping over each side found, visits these in
        # order; at the tokens it would visit in between no side starts)
        y = lo
        for z in self.side_starts[bisect_left(self.side_starts, lo):bisect_left(self.side_starts, x)]:
            if z < y:
                continue  # inside the side phrase just found
            got = self._side(z)
            if got and z + got[0] <= x and not any(a <= z < b for a, b, _ in self.people):
                cands.append((z + got[0], z, "side", got[1]))
                y = z + got[0]
        if not cands:
            return None
        cands.sort(key=lambda c: (c[0], c[1]))
        end, start, kind, val = cands[-1]
        if kind == "side":
            if val != "both":
                # "Đồng chí Tập Cận Bình và các lãnh đạo Trung Quốc khẳng định": the person speaks
                for e2, s2, k2, v2 in reversed(cands[:-1]):
                    if k2 == "person" and _mention_country(self.article, v2) == val:
                        return Subject(val, v2.name)
            return Subject(val, None)
        m = val
        side = _mention_country(self.article, m)
        # "Chủ tịch nước X và Tổng thống Y bày tỏ ...": two sides together
        for e2, s2, k2, v2 in reversed(cands[:-1]):
            if k2 != "person":
                continue
            between = toks[e2:start]
            if any(t.low == "và" for t in between) and not any(t.low in (",", ";") for t in between):
                other = _mention_country(self.article, v2)
                if other and side and other != side:
                    return Subject("both", None)
            break
        return Subject(side, m.name) if side else None


    def head(self, lo: int, x: int) -> Subject | None:
        """The side named at the start of the clause [lo, x) (within HEAD_WORDS words of it), else None:
        "Ông X, Trưởng Ban ..., đề nghị": X, not a name further on."""
        toks = self.toks
        starts = [a for a, b, _ in self.people if lo <= a and b <= x]
        if not starts:  # the first side in the clause (only side_starts may hold one)
            for y in self.side_starts[bisect_left(self.side_starts, lo):bisect_left(self.side_starts, x)]:
                got = self._side(y)
                if got and y + got[0] <= x:
                    starts.append(y)
                    break
        if not starts:
            return None
        first = min(starts)
        # only connectors before it, or a short opening phrase closed by a comma ("Tại buổi tiếp, ...")
        words = sum(1 for t in toks[lo:first] if t.is_word)
        opening = first > lo and toks[first - 1].low == "," and words <= HEAD_WORDS
        if not (opening or _only_connectors(toks, lo, first)):
            return None
        # (no person starts there, so a side phrase does: `starts` came from both)
        ends = [b for a, b, _ in self.people if a == first] or [first + _side_at(toks, first)[0]]  # type: ignore[index]
        return self.find(lo, ends[0])


def _resolve_title(article: Article, si: int, title: str, before: int, last: Subject | None) -> Subject | None:
    """The person a bare title or honorific points back to: for an honorific ("Đồng chí nhấn
    mạnh") the speaker of the statement before, else the last person named; for a title the
    last one named with that title, in this sentence before the verb or in earlier sentences."""
    honorific = bool(lx.honorifics().match(tokenize(title), 0))
    if honorific and last is not None and last.speaker:
        return Subject(last.side, last.speaker, title)
    best = None
    for m in article.mentions:
        if m.sentence > si or (m.sentence == si and m.start >= before):
            break
        if honorific or any(title in key(t.title) for t in m.titles) or any(
                title in key(t) for p in article.persons if p.name == m.name for t in p.titles):
            best = m
    if best is None:
        return None
    side = _mention_country(article, best)
    return Subject(side, best.name, title) if side else None


def _pub_date(article: Article) -> Date | None:
    """Publication date, else the date of the latest event the article reports."""
    days = [article.published] if article.published else [e.date for e in article.events if e.date]
    for iso in sorted((d for d in days if d and len(d) >= 10), reverse=True):
        try:
            return Date.fromisoformat(iso[:10])
        except ValueError:
            continue
    return None


def _dated_earlier(article: Article, a: int, b: int) -> bool:
    """A time expression in [a, b) of the text more than RECALLED_DAYS before publication."""
    pub = _pub_date(article)
    if pub is None:
        return False
    for t in article.times:
        if a <= t.start < b and t.date and t.year_known and not _bracketed(article, a, t.start):
            try:
                d = Date.fromisoformat(t.date if len(t.date) == 10 else (t.date + "-28")[:10] if len(t.date) == 7
                                       else f"{t.date[:4]}-12-31")
            except ValueError:
                continue
            if (pub - d).days > RECALLED_DAYS:
                return True
    return False


def _bracketed(article: Article, a: int, at: int) -> bool:
    """The offset `at` is inside an open bracket ("(18/1/1950 – 18/1/2025)": an aside, not the clause's date)."""
    before = article.text[a:at]
    return before.rfind("(") > before.rfind(")")


def _event_of(article: Article, si: int) -> int | None:
    """The event a statement belongs to: the last one reported at or before its sentence."""
    sent_start = article.sentences[si].end
    best = None
    for k, ev in enumerate(article.events):
        at = min((s.start for s in ev.evidence), default=None)
        if at is not None and at < sent_start and ev.type != "visit":
            best = k
    if best is None:
        best = next((k for k, ev in enumerate(article.events) if ev.type != "visit"), 0)
    return best


@dataclass(slots=True)
class _Open:
    """A statement being read: its subject, verb and act (act "none" and "speech", a report with no act
    inside it, are read but not kept)."""
    subject: Subject
    verb: Verb
    act: str
    end: int | None = None  # token where its object ends, when not at the next statement
    start: int | None = None  # token where its object starts, when not right after the verb
    frame: "_Open | None" = None  # the statement the sentence goes back to after `end`
    resumes: "_Open | None" = None  # this part continues that statement's object

    def obj_start(self) -> int:
        return self.start if self.start is not None else self.verb.i + self.verb.n


def _next_break(toks: list[Token], x: int) -> int | None:
    return next((y for y in range(x, len(toks)) if toks[y].low in BREAKS), None)


def statements_in_sentence(article: Article, si: int, mentions: list[PersonMention],
                           last: Subject | None) -> tuple[list[Statement], Subject | None]:
    """The statements of sentence si, and the subject a later bare verb continues."""
    toks = sentence_tokens(article, si)
    verbs = find_verbs(toks)
    if not verbs:
        return [], last
    c = cues()
    finder = SubjectFinder(article, si, toks, mentions)
    opened: list[_Open] = []
    cur: _Open | None = None
    lo = 0  # start of the current clause
    for v in verbs:
        if cur is not None and cur.end is not None and cur.frame is not None and v.i > cur.end:
            # "Hai bên nhất trí A; Trung Quốc sẵn sàng B; C": after B the list of agreements goes on
            cur = _Open(cur.frame.subject, cur.frame.verb, cur.frame.act, start=cur.end + 1, resumes=cur.frame)
            opened.append(cur)
        breaks = [y for y in range(cur.obj_start() if cur else 0, v.i) if toks[y].low in BREAKS]
        if breaks:
            lo = breaks[-1] + 1
        if cur is not None and not breaks and cur.act == "speech":
            # "ông X cho biết (tỉnh) sẽ tiếp tục ...": a report is a statement only through the act
            # verb right inside it (a subject of its own there, "cho biết Trung Quốc sẵn sàng", is the
            # side); further on, a verb is read as if the report were not there
            start = cur.obj_start()
            if v.act.inner and v.i - start <= INNER_WINDOW:
                own = finder.find(start, v.i)
                if own is not None and own.side and own.side != cur.subject.side and _direct(toks, own, finder, start, v.i):
                    cur.subject = Subject(own.side, own.speaker)  # "cho biết hai bên sẽ ...": theirs
                cur.act = v.act.act
                continue
            cur = None
        if cur is not None and not breaks:
            start = cur.obj_start()
            close = v.act.inner and v.i - start <= INNER_WINDOW
            own = finder.find(start, v.i)
            direct = own is not None and _direct(toks, own, finder, start, v.i)
            if close and v.act.act == "none":
                # "bày tỏ cảm ơn ...", "đề nghị Đại sứ chuyển lời thăm hỏi ...": courtesy, no statement
                cur.act = "none"
                continue
            if close and cur.act == "affirm":
                # "khẳng định sẽ ...", "bày tỏ mong muốn ...": the inner verb's act
                # (`direct` holds only when `own` is a Subject)
                if direct and own.side and own.side not in (cur.subject.side, "both"):  # type: ignore[union-attr]
                    if _starts_with(toks, cur.verb.i, c.get("belief:verb", ())):
                        cur.act = "none"  # "tin tưởng Trung Quốc sẽ ...": a belief about the other side
                        continue
                    cur.subject = Subject(own.side, own.speaker)  # type: ignore[union-attr]
                cur.act = v.act.act
                continue
            # a lead verb after a comma or "và" with nothing but connectors between: the same side again
            y = _soft_before(toks, start - 1, v.i)
            soft = y is not None
            if direct:
                # "..., Trung Quốc sẵn sàng ...": a subject of its own inside the statement
                if not (v.act.lead and soft):
                    continue
                cur = _Open(own, v, v.act.act)  # type: ignore[arg-type]
                opened.append(cur)
                continue
            if v.act.lead and soft and _only_connectors(toks, y + 1, v.i):  # type: ignore[operator]  # (soft: y is set)
                cur = _Open(cur.subject, v, v.act.act)
                opened.append(cur)
            continue
        if not v.act.alone:
            continue
        if _occurs(toks, lo, v.i, c.get("narrator:clause", ())):
            cur = None
            continue
        subj = finder.find(lo, v.i)
        soft_at = _soft_before(toks, lo, v.i)
        if subj is not None and v.act.lead and soft_at is not None:
            # "...; sẽ hỗ trợ Việt Nam ..., đồng thời mong muốn ...": after a comma the subject is the
            # clause's own, at its start; a clause that opens with no side continues the sentence's speaker
            subj = finder.head(lo, soft_at) or (cur.subject if cur is not None else (
                opened[-1].subject if opened else subj))
        if subj is not None and not v.act.lead and not _direct(toks, subj, finder, lo, v.i):
            # "coi trọng", "ủng hộ": a statement only right after its own subject
            subj = None
            if cur is not None:
                continue  # part of the statement before the break
        elif subj is None:
            title = _title_only(toks, lo, v.i)
            if title:
                subj = _resolve_title(article, si, title, toks[v.i].start,
                                      cur.subject if cur is not None else (opened[-1].subject if opened else last))
            elif _only_connectors(toks, lo, v.i):
                # "Khẳng định ..., ông X cho biết ...": the speaker named after a fronted clause
                fronted = _fronted_speaker(article, toks, finder, v) if not opened and cur is None else None
                if fronted is not None:
                    subj, end = fronted
                    cur = _Open(subj, v, v.act.act, end=end)
                    opened.append(cur)
                    continue
                # "...; khẳng định ...": the side of the sentence's statement before, else the last one
                subj = cur.subject if cur is not None else (opened[-1].subject if opened else last)
        if subj is None or not subj.side:
            cur = None
            continue
        prev = cur if cur is not None else None
        cur = _Open(subj, v, v.act.act)
        if prev is not None and prev.act != "none" and lo > 0 and subj.side != prev.subject.side:
            # a side of its own inside another statement's list: only up to the next ";"
            cur.end, cur.frame = _next_break(toks, v.i + v.n), prev.resumes or prev
        opened.append(cur)
    if cur is not None and cur.end is not None and cur.frame is not None and cur.end + 1 < len(toks):
        opened.append(_Open(cur.frame.subject, cur.frame.verb, cur.frame.act, start=cur.end + 1,
                            resumes=cur.frame))
    out: list[Statement] = []
    made: dict[int, Statement] = {}
    for k, o in enumerate(opened):
        if o.act in ("none", "speech"):
            continue  # courtesy, or a report with no act inside it (a briefing)
        a = o.obj_start()
        b = len(toks)
        if k + 1 < len(opened):
            nxt = opened[k + 1]
            b = nxt.start - 1 if nxt.start is not None else nxt.verb.i
            # the next statement's own clause ("...; Ban X sẵn sàng ...") is not part of this object
            b = max([y for y in range(a, b) if toks[y].low in BREAKS] or [b])
        b = min(b, o.end) if o.end is not None else b
        if o.resumes is not None:
            into = made.get(id(o.resumes))
            if into is not None:
                into.topics += [t for t in _topics_in(toks, a, b) if t not in into.topics]
            continue
        clause_lo = max([y + 1 for y in range(0, o.verb.i) if toks[y].low in BREAKS] or [0])
        # a date inside the object of the statement before, in the same clause ("đánh giá cao kết
        # quả chuyến thăm ... tháng 12/2023, nhất trí ..."), is that object's, not this verb's time
        dated_hi = o.verb.i
        if k and clause_lo <= opened[k - 1].verb.i < o.verb.i:
            dated_hi = opened[k - 1].verb.i
        if (_occurs(toks, clause_lo, o.verb.i, c.get("recalled:clause", ()))
                or _ends_with(toks, o.verb.i, c.get("recalled:before", ()))
                or _dated_earlier(article, toks[clause_lo].start, toks[dated_hi].start)):
            continue
        while b > a and not toks[b - 1].is_word:
            b -= 1
        while a < b and not toks[a].is_word and toks[a].low in (",", ":", "-", "–"):
            a += 1  # "khẳng định, ...": the object starts after the comma
        verb_text = " ".join(t.low for t in toks[o.verb.i:o.verb.i + o.verb.n])
        if b <= a:
            if verb_text != "nhận lời":
                continue
            a, b = o.verb.i, o.verb.i + o.verb.n  # "B vui vẻ nhận lời.": accepting needs no object
        if _occurs(toks, a, b, c.get("praise:object", ())) or (
                o.act == "affirm" and _occurs(toks, a, min(a + PRAISE_WINDOW, b), c.get("praise:after", ()))
                and not _occurs(toks, a, b, c.get("relation:object", ()))):
            continue  # praise of the other side's own achievements, not of the relationship
        found = _topics_in(toks, a, b) or ["political"]
        if verb_text in ("mời", "chuyển lời mời", "nhận lời"):
            found = ["political"]  # an invitation passed on, or accepted: the relationship itself
        s = o.subject
        made[id(o)] = Statement(
            side=s.side, act=o.act, topics=found,  # type: ignore[arg-type]  # (passed on as found, None too)
            speaker=s.speaker if s.side != "both" else None,
            sentence=si, verb=Span(toks[o.verb.i].start, toks[o.verb.i + o.verb.n - 1].end),
            object=Span(toks[a].start, toks[b - 1].end))
        out.append(made[id(o)])
    last = opened[-1].subject if opened else last
    return out, last


def _soft_before(toks: list[Token], lo: int, x: int) -> int | None:
    """Index of the comma or "và" that, with only connectors after it, stands before toks[x]."""
    for y in range(x - 1, max(lo, x - 8), -1):
        if toks[y].low in SOFT_BREAKS:
            return y if _only_connectors(toks, y + 1, x) else None
        if toks[y].low in BREAKS:
            return None
    return None


def _quote(t: Token) -> bool:
    return not t.is_word and t.low not in BREAKS and t.low not in SOFT_BREAKS and t.low != "."


def _direct(toks: list[Token], own: Subject, finder: SubjectFinder, a: int, b: int) -> bool:
    """The subject found in [a, b) stands right before toks[b] (only connectors between)."""
    for y in range(b - 1, a - 1, -1):
        if not toks[y].is_word:
            if _quote(toks[y]):
                continue
            return False  # "quan hệ với Việt Nam, sẵn sàng ...": a comma between, not its subject
        if connectors().match(toks, y):
            continue
        # the subject's last word: a person mention's end, or a side phrase's end
        for pa, pb, m in finder.people:
            if pb - 1 == y and m.name == own.speaker:
                return True
        # a side phrase ending at y starts at one of the side starts in [a, y]
        ss = finder.side_starts
        for z in reversed(ss[bisect_left(ss, a):bisect_right(ss, y)]):
            got = finder._side(z)
            if got and z + got[0] - 1 == y:
                return True
        return False
    return False


@functools.cache
def speech_verbs() -> PhraseSet:
    return lx.phrase_list("statement_speech_verbs.txt")


def _fronted_speaker(article: Article, toks: list[Token], finder: SubjectFinder, v: Verb):
    """(subject, end of object) for a sentence that opens with the statement and names its
    speaker after a comma: "Khẳng định ..., Phó Chủ tịch X cho biết ..."."""
    for a, b, m in finder.people:
        if a <= v.i or b >= len(toks):
            continue
        if not (speech_verbs().match(toks, b) or acts().match(toks, b)):
            continue
        comma = max((y for y in range(v.i + v.n, a) if toks[y].low == ","), default=None)
        side = _mention_country(article, m)
        if comma is None or not side or any(toks[y].low in BREAKS for y in range(v.i, comma)):
            return None
        return Subject(side, m.name), comma
    return None


def _dedupe(found: list[Statement]) -> list[Statement]:
    """A statement repeated in the same article counts once (same side, act and topics)."""
    seen, out = set(), []
    for st in found:
        k = (st.side, st.act, tuple(st.topics), st.speaker)
        if k not in seen:
            seen.add(k)
            out.append(st)
    return out


def extract_statements(article: Article) -> Article:
    """Pipeline stage: fill `article.statements` (needs sentences, persons and events)."""
    if not any(ev.type != "visit" or ev.participants for ev in article.events):
        article.statements = []
        return article
    by_sentence: dict[int, list[PersonMention]] = {}
    for m in article.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    found: list[Statement] = []
    last: Subject | None = None
    last_si = -10
    for si, sent in enumerate(article.sentences):
        if sent.kind != "body":
            continue
        carry = last if si - last_si <= INHERIT_SENTENCES else None
        got, subj = statements_in_sentence(article, si, by_sentence.get(si, []), carry)
        if got or subj is not carry:
            last, last_si = subj, si
        for st in got:
            st.event = _event_of(article, si)
        found.extend(got)
    article.statements = _dedupe(_answers_take_proposals(article, found))
    return article


def _answers_take_proposals(article: Article, found: list[Statement]) -> list[Statement]:
    """"B nhất trí với các đề xuất của phía Việt Nam": an agreement whose object names only the
    other side's proposals (`answers` cue right after the verb) is about what they proposed:
    it takes the topics of the last proposal of another side made before it."""
    phrases = cues().get("answers:after", ())
    if not phrases:
        return found
    for k, st in enumerate(found):
        if st.act != "agree" or st.side == "both":
            continue
        obj = tokenize(key(article.text[st.object.start:st.object.end]))
        if not _starts_with(obj, 0, phrases) or _topics_in(obj, 0, None):
            continue
        earlier = [p for p in found[:k] if p.act == "propose" and p.side not in (st.side, "both")]
        if earlier:
            st.topics = list(earlier[-1].topics)
    return found
