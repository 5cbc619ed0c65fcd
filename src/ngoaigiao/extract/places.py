"""The place of an event: "tại thủ đô Bắc Kinh" -> "Bắc Kinh"; a visit's destination."""
from __future__ import annotations

from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.lexicon import PhraseSet, Token

# Words between "tại" and the name that are not part of it.
GENERIC = {"thủ", "đô", "thành", "phố", "tỉnh", "tp", "thủ đô", "khu", "nước"}  # "nước" before a country: "thăm nước Cộng hòa ..."
PREPOSITIONS = ("tại", "ở")
VISIT_PREPOSITIONS = ("tại", "tới", "đến", "sang", "ở")


def visit_modifiers() -> PhraseSet:
    return lx.phrase_list("visit_modifiers.txt")


def venues() -> PhraseSet:
    return lx.phrase_list("venues.txt")


def place_nouns() -> PhraseSet:
    return lx.phrase_list("place_nouns.txt")


def fuller_name(new: str | None, old: str | None) -> bool:
    """`new` names `old`'s place in full: the headline's "Quảng Tây", the body's "Khu tự trị
    dân tộc Choang Quảng Tây" (two reports of one event keep the fuller)."""
    return bool(new and old and len(new) > len(old) and new.endswith(" " + old))


def formal_prefixes() -> PhraseSet:
    return lx.phrase_list("country_formal_prefixes.txt")


def _place_at(article, toks: list[Token], j: int, allow_country: bool) -> str | None:
    """A known place, or a venue, starting at token j (after generic words)."""
    n = len(toks)
    while j < n:
        if toks[j].low in GENERIC and toks[j].is_cap and _opens_known_name(toks, j):
            break  # a generic word that opens a known name: "Khu tự trị dân tộc Choang Quảng Tây"
        if toks[j].low in GENERIC or (toks[j].text.isupper() and len(toks[j].text) > 2
                                      and j + 1 < n and toks[j + 1].is_cap):
            j += 1  # "thủ đô", "CHDCND" before the name itself
        else:
            nouns = place_nouns()  # (most words open no place noun: a set probe, no match call)
            m = nouns.match(toks, j) if toks[j].low in nouns.trie else 0
            if not (m and j + m < n and toks[j + m].is_cap):
                break
            j += m  # "thị trấn Hà Khẩu"
    if j >= n:
        return None
    if not toks[j].is_cap:
        v = venues().match(toks, j)  # "tại trụ sở Bộ Ngoại giao Mỹ"
        if not v:
            return None
    m = lx.places().match(toks, j)
    if m:
        country, kind = lx.places().value(toks, j, m)
        if kind == "country" and not allow_country:
            return None
        return article.text[toks[j].start:toks[j + m - 1].end]
    formal = _formal_country(article, toks, j)
    if formal:
        return formal if allow_country else None
    city = _city_before_country(article, toks, j)
    if city:
        return city
    v = venues().match(toks, j)
    if v:
        end = j + v
        while end < n and (toks[end].is_cap or (toks[end].is_word and (toks[end - 1].low, toks[end].low) in lx.title_bigrams())):
            end += 1
        # (not for a trip: the hall of its welcome is not where it went, and a report of the
        # trip verb gives the destination)
        city = None if allow_country else _city_of_venue(article, toks, end)
        return city or article.text[toks[j].start:toks[end - 1].end]
    return None


def _opens_known_name(toks: list[Token], j: int) -> bool:
    """A known place whose name opens with generic words followed by lower-case ones ("Khu tự
    trị dân tộc Choang Quảng Tây"): skipping the generic words would lose it. ("Thủ đô Bắc Kinh"
    is still read as "Bắc Kinh".)"""
    k = j
    while k < len(toks) and toks[k].low in GENERIC:
        k += 1
    return k < len(toks) and not toks[k].is_cap and bool(lx.places().match(toks, j))


def _formal_country(article, toks: list[Token], j: int) -> str | None:
    """"Cộng hòa Pháp", "Liên bang Nga": a formal prefix (country_formal_prefixes.txt) and a
    country the places list knows."""
    p = formal_prefixes().match(toks, j) if toks[j].low in formal_prefixes().trie else 0
    if not p or j + p >= len(toks):
        return None
    m = lx.places().match(toks, j + p)
    if not m or lx.places().value(toks, j + p, m)[1] != "country":
        return None
    return article.text[toks[j].start:toks[j + p + m - 1].end]


CITY_WORDS = 4  # capitalised words (and name particles between them) of an unknown city's name


def _city_before_country(article, toks: list[Token], j: int) -> str | None:
    """"tại Rio de Janeiro, Brazil", "tại Kazan, Nga": a capitalised name the places list does
    not know, right before a comma and a country it knows, is a city of that country; so is one
    before a bracket that opens with a place it knows ("thành phố Sùng Tả (Quảng Tây, Trung Quốc)")."""
    n = len(toks)
    end = j
    while end < n and end - j < CITY_WORDS and (toks[end].is_cap or (
            toks[end].low in lx.name_particles() and end + 1 < n and toks[end + 1].is_cap and end > j)):
        end += 1
    if end == j or end + 1 >= n or toks[end].text not in (",", "("):
        return None
    m = lx.places().match(toks, end + 1)
    if not m:
        return None
    if toks[end].text == "," and lx.places().value(toks, end + 1, m)[1] != "country":
        return None  # ("tại Hội nghị, Hà Nội": after a comma only a country says the name is a city)
    return article.text[toks[j].start:toks[end - 1].end]


def _city_of_venue(article, toks: list[Token], j: int) -> str | None:
    """"tại Đại lễ đường Nhân dân ở thủ đô Bắc Kinh": the city the venue is in is the place
    (SCHEMA: the city, else the venue); only a city or province the places list knows."""
    if j >= len(toks) or toks[j].low not in PREPOSITIONS:
        return None
    k = j + 1
    while k < len(toks) and toks[k].low in GENERIC:
        k += 1
    m = lx.places().match(toks, k) if k < len(toks) else 0
    if not m or lx.places().value(toks, k, m)[1] == "country":
        return None
    return article.text[toks[k].start:toks[k + m - 1].end]


def _in_titles(article, sent) -> list[tuple[int, int]]:
    """Spans of the titles of the sentence's people: "Đại sứ Việt Nam tại Lào", "Tổng Lãnh sự
    Trung Quốc tại Hải Phòng" name a posting, not where the event took place."""
    return [(t.start, t.end) for m in article.mentions if sent.start <= m.start < sent.end for t in m.titles]


def _after_modifiers(toks: list[Token], j: int) -> int:
    """The first token after a visit trigger's modifiers ("chuyến thăm chính thức Trung Quốc")."""
    skip = visit_modifiers().match(toks, j)
    while j < len(toks) and skip:
        j += skip
        skip = visit_modifiers().match(toks, j)
    return j


def find_place(article, toks: list[Token], sent, trigger, visit: bool = False,
               trips: list | None = None) -> str | None:
    """`trips`: the sentence's visit triggers; the destination of one of them ("Trong khuôn
    khổ chuyến thăm ... tại Quảng Tây, tại thành phố Nam Ninh, A hội kiến B") is where the
    trip went, so a meeting takes it only when the sentence names no other place."""
    n = len(toks)
    titled = _in_titles(article, sent)
    if visit:
        # destination: right after the trigger ("thăm Việt Nam", "thăm và làm việc tại Trung Quốc"),
        # else where the clause says the trip went ("đến TPHCM", "tới Thủ đô Vientiane")
        j = _after_modifiers(toks, trigger.i + trigger.n)
        for x in range(j, n):
            if toks[x].low in VISIT_PREPOSITIONS or x == j:
                start = x + 1 if toks[x].low in VISIT_PREPOSITIONS else x
                p = _place_at(article, toks, start, allow_country=True)
                if p:
                    return p
            if toks[x].text in (".", ";"):
                break
    destinations = set() if visit or not trips else {_after_modifiers(toks, tv.i + tv.n) for tv in trips}
    fallback = None
    for x, t in enumerate(toks):
        if t.low in PREPOSITIONS or (t.low in ("tới", "đến") and x > trigger.i - 8):
            if any(a <= t.start < b for a, b in titled):
                continue
            p = _place_at(article, toks, x + 1, allow_country=visit)
            if p and x in destinations:
                fallback = fallback or p
            elif p:
                return p
    return fallback
