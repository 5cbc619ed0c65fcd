"""Organisation names whose compounds no word list knows.

Vietnamese writes an organisation's name with only the first syllable of each
compound capitalised: "Bộ Giao thông vận tải", "Bộ Sinh thái và Môi trường",
"Bộ Dân chính", "Ủy ban Cải cách và Phát triển Quốc gia". Inside a title phrase
`persons.extend_title` keeps a lower-case word only when it continues a known
compound (data/title_terms.txt), so a ministry missing from the lists cuts the
title short and its holder's name is lost. When that happens, `loose_title_end`
reads on over such compounds, and the caller accepts the longer phrase only if a
personal name ends it: the name is the evidence that the words between were
still the title.
"""
from __future__ import annotations

import functools

from ngoaigiao.data import load_lines, load_tsv
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.lexicon import Token
from ngoaigiao.textnorm import word_key

MAX_LOWER_RUN = 3  # "Giao thông vận tải": three lower-case syllables after a capital
MAX_EXTRA = 12  # tokens read past where the strict title ended


@functools.cache
def _stops() -> lx.PhraseSet:
    """Words and phrases that end a title phrase: a verb, a function word, a word that opens
    a place name ("châu Văn Sơn"), an event trigger, a statement verb."""
    phrases = list(load_lines("title_compound_stops.txt")) + list(load_lines("title_window_stops.txt"))
    phrases += list(load_lines("proper_noun_openers.txt"))
    phrases += [r["phrase"] for r in load_tsv("event_triggers.tsv")]
    phrases += [r["phrase"] for r in load_tsv("statement_acts.tsv")]
    return lx.PhraseSet((p, True) for p in phrases)


def _stops_at(toks: list[Token], j: int) -> bool:
    stops = _stops()
    if toks[j].low in stops.trie and stops.match(toks, j) > 0:
        return True
    places = lx.phrase_list("place_nouns.txt")
    n = places.match(toks, j) if toks[j].low in places.trie else 0
    return bool(n) and j + n < len(toks) and toks[j + n].is_cap


def name_after_loose_title(toks: list[Token], start: int, end: int, extend, find_name):
    """(end, (name_start, name_end)) of the longer title phrase from `start` when a personal
    name ends it exactly (`find_name(toks, start, end)` as in persons); else (end, None)."""
    loose = loose_title_end(toks, end, extend)
    if loose is None:
        return end, None
    found = find_name(toks, start, loose)
    if found is None or found[1] != loose:
        return end, None
    return loose, found


BOUNDARIES = {",", ".", ";", ":", ")", "-", "–", "—"}


def loose_post_title_end(toks: list[Token], end: int, extend, find_name) -> int | None:
    """End of a title written after its holder's name (", Bộ trưởng Bộ Sinh thái và Môi
    trường Trung Quốc, cho biết") read past `end` the same way, but only from a capital, and
    kept only if the phrase then closes (a comma, a full stop, a verb) and names nobody."""
    loose = loose_title_end(toks, end, extend, after_capital=True)
    if loose is None:
        return None
    closes = loose == len(toks) or toks[loose].text in BOUNDARIES or _stops_at(toks, loose)
    return loose if closes and find_name(toks, end, loose) is None else None


def loose_title_end(toks: list[Token], end: int, extend, after_capital: bool = False) -> int | None:
    """End of a title phrase read past `end` (where the strict reading stopped) over
    lower-case syllables that follow a capitalised one, a "và" before a capital, and a
    comma before a capitalised word that is neither a title nor a family name ("Bộ trưởng
    Văn hóa, Thể thao và Du lịch"); `extend` is the strict reader, applied to each
    capitalised word reached. `after_capital`: the first lower-case word read must follow a
    capital ("Sinh thái"), not a lower-case word the strict reader kept. None when nothing
    more could be read."""
    n = len(toks)
    j, lower_run = end, 0
    limit = min(n, end + MAX_EXTRA)
    hon_first = lx.honorifics().trie
    while j < limit:
        t = toks[j]
        if t.low in hon_first and lx.honorifics().match(toks, j):
            break  # "Samdech ...", "Đại tướng ...": what follows is the name's own
        if t.is_cap and t.is_word:
            j2 = max(extend(toks, j), j + 1)
            lower_run = 0  # the lower-case words the strict reader kept at its end count too
            while lower_run < j2 - j and toks[j2 - 1 - lower_run].is_word and not toks[j2 - 1 - lower_run].is_cap:
                lower_run += 1  # ("Kinh tế" + "thế giới" in "Diễn đàn Kinh tế thế giới")
            j = j2
            continue
        if t.text == "," and j + 1 < n and _comma_inside_name(toks, j):
            j += 1
            continue
        if t.low == "và" and j + 1 < n and _opens_name_part(toks, j + 1):
            j += 1
            continue
        if (t.is_word and not t.is_cap and j > 0 and toks[j - 1].is_word and lower_run < MAX_LOWER_RUN
                and (toks[j - 1].is_cap or lower_run or (j == end and not after_capital)) and not _stops_at(toks, j)
                and not (after_capital and not lower_run and _ends_place(toks, end, j))):
            j, lower_run = j + 1, lower_run + 1
            continue
        break
    while j > end and not toks[j - 1].is_word:
        j -= 1
    if not after_capital:
        while j > end and not toks[j - 1].is_cap:
            j -= 1  # before a name the phrase ends on a capital: the name's last syllable
    return j if j > end else None


def _ends_place(toks: list[Token], start: int, j: int) -> bool:
    """Does a place name end right before j ("... Trung Quốc làm trưởng đoàn", "Thành phố Hồ
    Chí Minh dự")? A place is a whole name: no compound of an organisation goes on after it."""
    places = lx.places()
    return any(places.match(toks, x) == j - x for x in range(max(start - 4, 0), j))


def _opens_name_part(toks: list[Token], j: int) -> bool:
    """Can toks[j] go on an organisation's name after "và" or a comma: a capitalised word
    that opens no title ("và Bộ trưởng ..."), no honorific and no personal name ("và Trần Văn A")."""
    t = toks[j]
    if not (t.is_cap and t.is_word) or lx.titles().match(toks, j) or lx.honorifics().match(toks, j):
        return False
    # a family name opens a name only with a capital after it ("và Trần Văn A", not "và An sinh")
    return not (word_key(t.text) in lx.surnames() and j + 1 < len(toks) and toks[j + 1].is_cap)


def _comma_inside_name(toks: list[Token], j: int) -> bool:
    """"Văn hóa, Thể thao và Du lịch": the word after the comma is capitalised, opens no
    title, is no family name and no honorific, and a "và" closes the list before a name."""
    if not _opens_name_part(toks, j + 1) or lx.organisations().match(toks, j + 1):
        return False  # ", Bộ Ngoại giao": the organisation of the title before, a segment of its own
    for x in range(j + 2, min(len(toks), j + 8)):
        if toks[x].text in (",", ";", ".", ":"):
            return False
        if toks[x].low == "và":
            return True
    return False
