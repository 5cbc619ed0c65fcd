"""Where a name starts in a capitalised run, and which country a person is from.

A run such as "Trung Quốc Tập Cận Bình" or "Hoa Kỳ Joe Biden" mixes place or
organisation words with a personal name; the name is what is left after the
known places/organisations are taken off the front, starting at a family name
(Vietnamese and Sino-Vietnamese names) or made of words with no Vietnamese
letters (foreign names). Known people (the name table) are found anywhere.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from ngoaigiao.data import load_tsv
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.lexicon import PhraseSet, Token, tokenize
from ngoaigiao.textnorm import match_form, word_key

_ACRONYM = re.compile(r"^[A-ZĐ]{2,}$")
_ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII)$")


@functools.cache
def people() -> PhraseSet:
    """Names and aliases of the name table (data/people.tsv) -> its row."""
    entries = []
    for row in load_tsv("people.tsv"):
        forms = [row.get("name", "")] + [a for a in (row.get("aliases") or "").split("|")]
        for f in forms:
            if f.strip() and not re.search(r"[\u3400-\u9fff]", f):
                entries.append((f.strip(), row))
    return PhraseSet(entries)


@functools.lru_cache(maxsize=4096)
def table_row(name: str) -> dict | None:
    toks = tokenize(word_key(name))
    ps = people()
    n = ps.match(toks, 0)
    return ps.value(toks, 0, n) if n == len(toks) and n else None


def _strip_front(toks: list[Token], i: int, j: int) -> int:
    """Skip places, organisations and acronyms at the front of toks[i:j]."""
    places, orgs = lx.places(), lx.organisations()
    while i < j:
        low = toks[i].low  # most words start no place and no organisation: no match call then
        n_org = orgs.match(toks, i) if low in orgs.trie else 0
        n = max(places.match(toks, i) if low in places.trie else 0, n_org)
        if n and i + n <= j:
            i += n
            continue
        if n_org and i + n_org > j:
            return j  # "Trung ương Đoàn Thanh niên ...": the run opens an organisation that goes on
        if _ACRONYM.match(toks[i].text) and not _initials_of_name(toks, i, j):
            i += 1
            continue
        break
    return i


def _initials_of_name(toks: list[Token], i: int, j: int) -> bool:
    """"Phó Tổng thống JD Vance": two capitals no list knows as a place or an organisation,
    right before the run's last word, are the name's initials, not an acronym."""
    return (len(toks[i].text) == 2 and i + 2 == j and toks[i + 1].is_cap
            and not _ACRONYM.match(toks[i + 1].text) and len(toks[i + 1].text) >= 3)


def _place_inside(toks: list[Token], x: int, j: int) -> bool:
    """A place name inside the would-be name toks[x:j] ("Hà Nội Lý Minh" is not one name).
    One-word country names are also given names (Tuấn Anh, Thị Nga, Minh Đức, Văn Mỹ),
    so after the surname only places of two or more words count, and only inside the run."""
    places = lx.places()
    if places.match(toks, x):
        return True
    # ...and not at the end: "Trần Thanh Hải" is a name though "Thanh Hải" is a province
    return any(2 <= places.match(toks, y) < j - y for y in range(x + 1, j))


def _is_country(toks: list[Token], i: int, j: int) -> bool:
    """Is toks[i:j] exactly a country's or a region's name ("Hàn Quốc", "Thái Lan", "Châu Âu")?"""
    places = lx.places()
    n = places.match(toks, i)
    return n == j - i and places.value(toks, i, n)[1] in ("country", "region")


def known_person(toks: list[Token], i: int, j: int) -> tuple[int, int] | None:
    """A name-table person inside the capitalised run toks[i:j]."""
    ps = people()
    for x in range(i, j):
        if toks[x].low not in ps.trie:
            continue  # no name of the table starts with the word (most words)
        n = ps.match(toks, x)
        if n and x + n <= j:
            return x, x + n
    return None


def split_name(toks: list[Token], i: int, j: int, bare: bool = False, after_head: bool = False) -> int | None:
    """Index where the personal name ending at toks[j-1] starts, or None.

    `after_head`: the run follows a position head directly ("Chủ tịch Hồ Chí Minh"),
    so a run that also reads as a place is still taken as a name.
    """
    if j <= i:
        return None
    k = i if bare else _strip_front(toks, i, j)
    if k >= j:
        if after_head and 2 <= j - i <= 4 and word_key(toks[i].text) in lx.surnames() and not _is_country(toks, i, j):
            return i  # "Chủ tịch Hồ Chí Minh" (a city too), but not "Đại sứ Hàn Quốc"
        return None
    # a name-table person ending the run
    ps = people()
    for x in range(k, j):
        n = ps.match(toks, x) if toks[x].low in ps.trie else 0
        if n and x + n == j:
            return x
    words = toks[k:j]
    if _ROMAN.match(toks[j - 1].text) and j - 1 > k:
        words = toks[k:j - 1]  # "Benigno Aquino III": a regnal number, not an acronym
    if any(_ACRONYM.match(t.text) for t in words) and not _initials_of_name(toks, k, j):
        return None
    surnames = lx.surnames()
    for x in range(max(k, j - 4), j - 1):
        if (word_key(toks[x].text) in surnames and not _place_inside(toks, x, j)
                and not any(lx.looks_foreign(t.text) for t in toks[x + 1:j])):
            return x  # (not "Âu António Costa": a surname before a foreign name ends a place)
    # foreign names: the longest suffix with no Vietnamese letters, at least one
    # word of which could not be a Vietnamese syllable ("Hun Manet", "Kim Jong Un")
    x = j
    while x > k and lx.could_be_foreign(toks[x - 1].text):
        x -= 1
    while x < j and not toks[x].is_cap:
        x += 1  # a name does not open with its particle ("da", "bin")
    if x < j and j - x <= 6 and any(lx.looks_foreign(t.text.rstrip(".")) for t in toks[x:j]):
        if j - x == 1 and (bare or len(toks[x].text) < 5 or toks[x].text.endswith(".")):
            return None
        if bare and x != k:
            return None
        return x
    return None


def country_of_titles(titles) -> str | None:
    """The country a person's titles name: a title that names a place (a country, a province)
    wins over one whose country only a generic organisation gives ("Bí thư Tỉnh ủy, Tỉnh
    trưởng tỉnh Phông Sa Lỳ" is Lao: a Lao province has a "Tỉnh ủy" too)."""
    first = None
    for t in titles:
        c, by_place = _country_of_text(t)
        if c and by_place:
            return c
        first = first or c
    return first


def country_of_text(text: str) -> str | None:
    """First country a title names (ignoring "tại ...": an ambassador's post, not his country)."""
    return _country_of_text(text)[0]


@functools.lru_cache(maxsize=4096)  # the same titles recur across articles
def _country_of_text(text: str) -> tuple[str | None, bool]:
    # case kept: a place is written with a capital ("Bộ Tư pháp" names no France)
    toks = tokenize(match_form(unicodedata.normalize("NFC", text)))
    cut = next((x for x, t in enumerate(toks) if t.low == "tại"), len(toks))
    toks = toks[:cut]
    places, orgs = lx.places(), lx.organisations()
    found, by_place = None, False  # the last qualifier wins: "Trưởng Ban Đối ngoại Trung ương Đảng NDCM Lào" is Lao
    x = 0
    while x < len(toks):
        n_org, n_place = orgs.match(toks, x), places.match(toks, x)
        if n_place and not any(t.is_cap for t in toks[x:x + n_place]):
            n_place = 0
        c, place = None, False
        if n_org and orgs.value(toks, x, n_org):
            c = orgs.value(toks, x, n_org)
        if n_place and n_place >= n_org and places.value(toks, x, n_place)[0]:
            c, place = places.value(toks, x, n_place)[0], True
        if c:
            found, by_place = c, place
            x += max(n_org, n_place)
        else:
            x += 1
    return found, by_place


_SIDE = re.compile(r"phía (trung quốc|việt nam|bạn|lào|campuchia|hoa kỳ|mỹ|nga|nhật bản|hàn quốc)")


def country_from_titles(name: str, titles: list[str], article, mentions) -> str | None:
    row = table_row(name)
    if row and row.get("country"):
        return row["country"]
    c = country_of_titles(titles)
    if c:
        return c
    for m in mentions:
        # "..., Cục trưởng Cục Thông tin, Ban Liên lạc Đối ngoại ... Trung Quốc": the organisation
        # segment after a title qualifies it (SCHEMA.md drops it from the titles, not from the facts)
        if m.titles:
            sent = article.sentences[m.sentence]
            tail = article.match[m.titles[-1].end:sent.end]
            seg = re.match(r"\s*,\s*([A-ZĐ][^,;.]{3,120})", tail)
            if seg:
                c = country_of_text(seg.group(1))
                if c:
                    return c
    for m in mentions:
        sent = article.sentences[m.sentence]
        before = article.match[sent.start:m.start].lower()
        found = _SIDE.findall(before)
        if found:
            c = lx.country_names().get(word_key(found[-1]))
            if c:
                return c
    for m in mentions:
        c = _delegation_country(article, m)
        if c:
            return c
    words = name.split()
    if any(lx.looks_foreign(w.rstrip(".")) for w in words) or (
            len(words) >= 2 and not any(lx.has_vietnamese_letters(w) for w in words)):
        # "Song Ha Chin", "Hun Sen": Vietnamese news writes Vietnamese names with their marks;
        # a foreign name whose sentences name one foreign country is of that country
        return _sole_foreign_country(article, mentions)
    if all(lx.looks_vietnamese(w) or word_key(w) in lx.surnames() for w in words[:1]):
        return "VN"
    return None


LED_BY_WORDS = 8  # at most this many words (honorific, rank, titles) between "do" and the name
_LEADS = re.compile(r"\b(dẫn đầu|làm trưởng đoàn)\b", re.IGNORECASE)


def _delegation_country(article, m) -> str | None:
    """"Đoàn đại biểu Đại học Quốc phòng ... Trung Quốc do Trung tướng X, Phó Hiệu trưởng, dẫn
    đầu": the head of a delegation whose own titles name no country is of the delegation's."""
    sent = article.sentences[m.sentence]
    before = article.match[sent.start:m.start]
    low = before.lower()
    at = low.rfind(" do ")
    if at < 0 or len(low[at + 4:].split()) > LED_BY_WORDS or not _LEADS.search(article.match, m.end, sent.end):
        return None
    d = low.rfind("đoàn", 0, at)
    if d < 0 or any(c in low[d:at] for c in ".;"):
        return None
    return country_of_text(before[d:at])


VENUE_WORDS = 4  # tokens back from a country's name in which "tại" makes it the venue ("tại Lima, Peru")


def _sole_foreign_country(article, mentions) -> str | None:
    """The one country other than Vietnam that the sentences of a foreign name's mentions
    name ("... thăm cấp Nhà nước Cộng hòa Chile theo lời mời của Tổng thống Gabriel Boric
    Font"), else None (two foreign countries, or none: "Đại sứ X đến chào ... Việt Nam")."""
    places = lx.places()
    found: set[str] = set()
    for si in {m.sentence for m in mentions}:
        toks = lx.sentence_tokens(article, si)
        names = None
        for x in places.starts(toks):
            t = toks[x]
            if not t.is_cap:
                continue
            if names is None:
                names = [(m.start, m.end) for m in article.mentions if m.sentence == si]
            if any(a <= t.start < b for a, b in names):
                continue  # ("Úc Ra-Bun": a name, not Australia)
            if any(t.low == "tại" for t in toks[max(0, x - VENUE_WORDS):x]):
                continue  # "tại Lima, Peru": where they met, not whose country
            n = places.match(toks, x)
            row = places.value(toks, x, n) if n else None
            if row and row[0] and row[1] == "country" and row[0] != "VN":
                found.add(row[0])
    return found.pop() if len(found) == 1 else None
