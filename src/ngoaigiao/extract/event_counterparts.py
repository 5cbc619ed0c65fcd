"""Counterparts named by what they are: an organisation, or a title and a country.

- `organisation_counterpart`: "A làm việc với Tổng cục Hải quan Trung Quốc": the
  organisation met stands for the one person of the article whose title names it;
  `organisation_subject`: "Sở Du lịch tiếp đoàn ... do ông B dẫn đầu": so does the
  organisation that received.
- `titled_counterparts`: "A tiếp các đại sứ Trung Quốc, Ba Lan trình Quốc thư": the
  counterparts are described by title and country and named later ("Đại sứ Trung Quốc B").
"""
from __future__ import annotations

import functools

from ngoaigiao.article import Article, PersonMention
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.event_candidates import Draft, _clause_start
from ngoaigiao.extract.event_delegations import PAIRWISE, RECEIVING, _sides
from ngoaigiao.extract.lexicon import Token, sentence_tokens, tokenize

MIN_ORG_WORDS = 2  # "Bộ Ngoại giao": an organisation named by one word is an acronym ("GACC")


@functools.lru_cache(maxsize=4096)  # the same titles recur across the candidates of an article
def _org_forms(title: str) -> tuple[tuple[str, ...], ...]:
    """The organisations a title names, as lower-case words: each ending of the title that
    starts at a capitalised word after its head ("Phó Tổng cục trưởng Tổng cục Hải quan Trung
    Quốc (GACC)" -> "tổng cục hải quan trung quốc", ..., and the acronym "gacc")."""
    toks = tokenize(title)
    out, words = [], [t for t in toks if t.text not in ("(", ")")]
    cut = next((x for x, t in enumerate(toks) if t.text == "("), len(toks))
    for y in range(1, cut):
        if toks[y].is_cap and cut - y >= MIN_ORG_WORDS:
            out.append(tuple(t.low for t in toks[y:cut]))
    out += [(t.low,) for t in words[cut:] if t.text.isupper() and len(t.text) >= 2]
    return tuple(out)


def _names_org(toks: list[Token], j: int, form: tuple[str, ...]) -> bool:
    if j + len(form) > len(toks) or tuple(t.low for t in toks[j:j + len(form)]) != form:
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
    if len(found) == 1:
        d.objects = list(found.values())
        _stood_for(ctx, d, "organisation_counterpart", f"the organisation met is {d.objects[0].name}'s")
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
    if len(found) == 1:
        d.subjects = list(found.values())
        _stood_for(ctx, d, "organisation_subject", f"the organisation that received is {d.subjects[0].name}'s")
    return False


def _stood_for(ctx, d: Draft, rule: str, reason: str) -> None:
    """The person an organisation stood for is now one side of the candidate."""
    d.people = d.subjects + d.objects
    ctx.changed(d, rule, reason)


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
    if not countries and lx.phrase_list("any_country_words.txt").match(toks, x):
        return head, [ANY_COUNTRY]  # "tiếp Đại sứ các nước đến trình Quốc thư"
    return (head, countries) if countries else None


ANY_COUNTRY = "*"


def titled_counterparts(ctx, d: Draft) -> bool:
    """"Chủ tịch nước A tiếp các đại sứ Trung Quốc, Ba Lan trình Quốc thư": no one named after
    the verb, a title and countries; the counterparts are the people of the article with that
    title and of those countries ("Đại sứ Trung Quốc B ..."), one each, met one by one. "Đại sứ
    các nước" (`any_country_words.txt`): of every other country whose holder is named later."""
    if d.type not in RECEIVING or not d.subjects or d.objects or d.trig is None:
        return False
    article = ctx.article
    toks = sentence_tokens(article, d.sentence)
    found = _title_and_countries(toks, d.trig.i + d.trig.n)
    if found is None:
        return False
    head, countries = found
    mine = {m.name for m in d.subjects}
    home = {m.country for m in d.subjects}
    anywhere = countries == [ANY_COUNTRY]
    by_country: dict[str, dict[str, PersonMention]] = {}
    for m in article.mentions:
        if m.name in mine or not (m.country in countries or anywhere and m.country and m.country not in home):
            continue
        if any(t.title.lower().startswith(head) or f" {head}" in t.title.lower() for t in m.titles):
            by_country.setdefault(m.country or "", {}).setdefault(m.name, m)
    if anywhere:
        countries = list(by_country)  # "các nước": every country whose holder of the title is named
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

