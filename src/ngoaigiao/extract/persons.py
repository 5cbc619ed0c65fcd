"""Persons and the title chains written beside their names.

Vietnamese official news names people with chains of positions, before the
name ("Ủy viên Bộ Chính trị, Thường trực Ban Bí thư Trương Thị Mai") or after
it ("đồng chí Lê Hoài Trung, Ủy viên Trung ương Đảng, Trưởng ban Đối ngoại
Trung ương"). A title phrase opens with a position head (data/titles.txt) and
runs over capitalised organisation/place words and the lower-case words that
continue a known compound; a name is the capitalised run that ends the phrase
and opens with a family name (or, for foreign names, has no Vietnamese
letters). All matching is done on `Article.match`; strings are cut from
`Article.text` so they stay as written.
"""
from __future__ import annotations

import functools

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter

from ngoaigiao.article import Article, Person, PersonMention, Span, TitleMention
from ngoaigiao.data import load_lines, word_set
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.lexicon import PhraseSet, Token, sentence_tokens
from ngoaigiao.extract.names import country_from_titles, known_person, split_name, table_row
from ngoaigiao.extract.places import venues
from ngoaigiao.extract.title_compounds import loose_post_title_end, name_after_loose_title
from ngoaigiao.names.enrich import enrich  # (the function; mypy reads "names.enrich" as the module)
from ngoaigiao.names.table import person_by_name, positions_for
from ngoaigiao.textnorm import word_key

DASHES = {"-", "–", "—"}
_START = attrgetter("start")
PLURAL = {"hai", "các", "những", "ba", "nhiều", "cả"}


def _title_head(toks: list[Token], i: int, lower_ok: bool = False) -> int:
    """Tokens of the position head at i (0 if none; "Đại sứ quán" is a place, not a head)."""
    if i >= len(toks) or not (toks[i].is_cap or lower_ok):
        return 0
    heads = lx.titles()
    n = heads.match(toks, i) if toks[i].low in heads.trie else 0  # (a set probe rules out most words)
    if not n and toks[i].low in word_set("title_prefixes.txt") and i + 1 < len(toks) and toks[i + 1].is_cap:
        n = lx.titles().match(toks, i + 1)
        return n + 1 if n else 0  # "Quyền Bí thư Tỉnh ủy", ", nguyên Chủ tịch nước"
    if n and _office_before(toks, i):
        return 0
    if n and lx.organisations().match(toks, i) > n:
        return 0
    if n and not toks[i].is_cap and n < 2:
        return 0  # lower case only for multi-word heads ("người phát ngôn")
    return n


def _envoy_of(toks: list[Token], a: int, b: int) -> int | None:
    """Index of the head after "của" in a title phrase toks[a:b] ("Đặc phái viên của Tổng Bí
    thư X", "Trợ lý của Chủ tịch nước X"): the name ending the phrase holds only that title;
    the words before "của" are the office of someone else (the envoy, the aide)."""
    for p in range(a, b - 1):
        if toks[p].low == "của" and _title_head(toks, p + 1, lower_ok=True):
            return p + 1
    return None


def _may_hold(name: str, toks: list[Token], h: int) -> bool:
    """Could `name` hold the title whose head is at h? The name table knows the positions of
    the people it lists: "Đặc phái viên về khí hậu của Tổng thống Mỹ John Kerry" names the
    envoy, for Kerry was never president. Unknown people may."""
    row = person_by_name(name)
    if row is None:
        return True
    held = positions_for(row["id"])
    head = word_key(" ".join(t.text for t in toks[h:h + _title_head(toks, h, lower_ok=True)]))
    return not held or any(word_key(p["title"]).startswith(head) for p in held)


def _title_start(toks: list[Token], i: int) -> int:
    """Where the title whose head is at i starts: "nguyên Ủy viên Quốc vụ" keeps its "nguyên"."""
    return i - 1 if i > 0 and toks[i - 1].low in word_set("title_prefixes.txt") else i


def _office_before(toks: list[Token], i: int) -> bool:
    """"Văn phòng Tổng thống": the head at i names an office (data/office_words.txt)."""
    offices = lx.phrase_list("office_words.txt")
    first = offices.trie  # (a word no office phrase starts with needs no match call: most words)
    # two explicit probes, no generator: this runs for every title head found
    return ((i >= 1 and toks[i - 1].low in first and offices.match(toks, i - 1) == 1)
            or (i >= 2 and toks[i - 2].low in first and offices.match(toks, i - 2) == 2))


def extend_title(toks: list[Token], j: int) -> int:
    """End (exclusive) of the title phrase whose head ends at token j."""
    n = len(toks)
    bigrams = lx.title_bigrams()
    # first words of the phrase sets asked at every token (a set probe instead of a match call)
    hon_first, opener_first = lx.honorifics().trie, lx.phrase_list("proper_noun_openers.txt").trie
    free_first = lx.title_free().trie
    particles = lx.name_particles()  # (is_particle needs one of them: a set probe first)
    while j < n:
        t = toks[j]
        if t.text in DASHES and _dash_joins_title(toks, j):
            j += 1
            continue
        if t.text == "(":
            close = _acronym_in_brackets(toks, j)
            if close:
                j = close  # "Tổng cục Hải quan Trung Quốc (GACC)"
                continue
        if t.text == "." and 0 < j < n - 1 and toks[j - 1].end == t.start == toks[j + 1].start - 1 \
                and toks[j - 1].is_cap and toks[j + 1].is_cap and len(toks[j - 1].text) <= 2:
            j += 1  # "T.Ư Đoàn": an abbreviation's inner period
            continue
        if not t.is_word:
            break
        if t.low in hon_first and lx.honorifics().match(toks, j):
            break
        if t.is_cap or (t.low in particles and lx.is_particle(toks, j)):
            j += 1
            continue
        if t.low == "và":
            nxt = toks[j + 1] if j + 1 < n else None
            if (nxt and nxt.is_cap and not lx.titles().match(toks, j + 1)
                    and word_key(nxt.text) not in lx.surnames() and not lx.honorifics().match(toks, j + 1)):
                j += 1
                continue
            break
        opener = lx.phrase_list("proper_noun_openers.txt").match(toks, j) if t.low in opener_first else 0
        if opener and j + opener < n and toks[j + opener].is_cap:
            j += opener + 1  # "Tổng Thư ký đảng Frelimo", "Tỉnh trưởng tỉnh Jeollabuk"
            continue
        free = lx.title_free().match(toks, j) if t.low in free_first else 0
        if free:
            if toks[j].low in ("tại", "của", "về") and not (j + 1 < n and (
                    toks[j + 1].is_cap or (toks[j].low, toks[j + 1].low) in bigrams)):
                break
            j += free
            continue
        if j > 0 and (toks[j - 1].low.rsplit("-", 1)[-1], t.low) in bigrams:
            j += 1
            continue
        if "-" in t.text and j > 0 and (toks[j - 1].low, t.low.split("-")[0]) in bigrams:
            j += 1  # "Hội đồng Quốc phòng-An ninh": a hyphen written without spaces
            continue
        break
    return j


def _acronym_in_brackets(toks: list[Token], j: int) -> int | None:
    """End (after ")") of "(GACC)", "(EU)", "(USTR)" at j: an organisation's acronym in a title."""
    if j + 2 < len(toks) and toks[j + 2].text == ")" and toks[j + 1].is_word and toks[j + 1].text.isupper():
        return j + 3
    return None


def _name_then_title(toks: list[Token], i: int, j: int) -> int | None:
    """End of the name in a capitalised run that goes straight on into a title, with the
    comma left out ("Hoàng Minh Cường Phó Chủ tịch UBND ..."): a family name and one to
    three more words, then a position head."""
    for p in range(i + 2, min(j, i + 5)):
        if _title_head(toks, p) and split_name(toks, i, p, bare=True) == i:
            return p
    return None


def _dash_joins_title(toks: list[Token], j: int) -> bool:
    """A dash inside one title: "Bộ Lao động - Thương binh và Xã hội", "Phó Chủ tịch - Tổng
    Thư ký ...", "Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn" (gold splits only at commas).
    Not when a personal name follows ("Bí thư Tỉnh ủy - Hoàng Văn A") or the dash is glued
    to a word (a hyphenated name)."""
    if j == 0 or j + 1 >= len(toks) or not toks[j - 1].is_word:
        return False
    nxt = toks[j + 1]
    if not (nxt.is_cap and nxt.is_word) or toks[j - 1].end == toks[j].start or toks[j].end == nxt.start:
        return False
    if word_key(nxt.text) in lx.surnames():
        return bool(lx.places().match(toks, j + 1) or lx.organisations().match(toks, j + 1)
                    or lx.titles().match(toks, j + 1))
    return True


def _misspelt_title(toks: list[Token], i: int) -> int | None:
    """End of a chain segment that opens like a title but is not one as written ("Ủy Trung
    ương Đảng" for "Ủy viên ..."), when a known title follows it in the same chain."""
    if i >= len(toks) or not toks[i].is_cap or toks[i].low not in lx.titles().trie:  # keyed by first word
        return None
    j = extend_title(toks, i + 1)
    if j == i + 1 or j - i > 8 or j + 1 >= len(toks) or toks[j].text != ",":
        return None
    return j if _title_head(toks, j + 1) else None


def _opener_before(phrases: PhraseSet, toks: list[Token], i: int, lower_only: bool) -> bool:
    """A phrase of `phrases` ending right before toks[i] (one or two words; a set probe first)."""
    first = phrases.trie
    return any(i >= n and toks[i - n].low in first and not (lower_only and toks[i - n].is_cap)
               and phrases.match(toks, i - n) == n for n in (1, 2))


def _proper_noun_opener(toks: list[Token], i: int) -> bool:
    """Does a lower-case "đảng", "thành phố", "tỉnh"... (data/proper_noun_openers.txt), or a
    company noun in any case ("Tập đoàn Tesla": data/company_openers.txt), right before i make
    toks[i] the name of that party, place or firm?"""
    return (_opener_before(lx.phrase_list("proper_noun_openers.txt"), toks, i, lower_only=True)
            or _opener_before(lx.phrase_list("company_openers.txt"), toks, i, lower_only=False))


def find_name_in_phrase(toks: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """(name_start, name_end) of the first capitalised run in toks[start:end] that ends in a name."""
    i = start
    while i < end:
        if not toks[i].is_cap:
            i += 1
            continue
        j = lx.name_run_end(toks, i, end)
        if j < end and toks[j].text in DASHES and _dash_joins_title(toks, j):
            i = j + 1  # "... cửa khẩu Đồng Đăng - Lạng Sơn Vi Văn Nga": the title goes on
            continue
        # "đảng Frelimo Roque Silva" (but "HĐND thành phố Ngô Xuân Thắng": the city is the council's)
        a = i + 1 if word_key(toks[i].text) not in lx.surnames() and _proper_noun_opener(toks, i) else i
        if a == i + 1:
            known = lx.places().match(toks, i)
            if known > 1 and i + known <= j:
                a = i + known  # "tỉnh Luang Namtha Phút-tha-vông Sổm-phết": the whole place name
        if (a == i + 1 and toks[i].text.isupper() and len(toks[i].text) > 1 and a < end and toks[a].is_cap
                and word_key(toks[a].text) not in lx.surnames()):
            # "Tập đoàn CK Hutchison", "Tập đoàn LG Electronics": an acronym and the word after it
            # name the firm (the run may stop at the acronym: it then goes on over that word); a
            # surname there opens the name ("Tập đoàn FPT Trương Gia Bình")
            a += 1
            j = max(j, lx.name_run_end(toks, a - 1, end))
        found = split_name(toks, a, j, after_head=(a == start)) if a < j else None
        if found is None and i < j:
            found = _syllable_name_after_place(toks, start, i, j)
        if found is not None:
            return found, j
        i = j
    return None


SYLLABLE_NAME_WORDS = (2, 6)  # "Đay Xụ Đa Phon", "Khăm Phăn Phôm Ma Thắt"


def _syllable_name_after_place(toks: list[Token], start: int, a: int, j: int) -> int | None:
    """"Tỉnh trưởng tỉnh Khăm Muộn Đay Xụ Đa Phon", "Thứ trưởng Bộ An ninh Lào Khăm Keo Pha Sa
    Phon": Lao and Khmer names are written syllable by syllable (data/syllable_name_countries.txt);
    in a title naming such a country, the words after the place that opens the run are the name."""
    places = lx.places()
    k = places.match(toks, a) if toks[a].low in places.trie else 0
    if not k or not SYLLABLE_NAME_WORDS[0] <= j - (a + k) <= SYLLABLE_NAME_WORDS[1] or places.match(toks, a + k):
        return None
    countries = word_set("syllable_name_countries.txt")
    for x in range(start, a + k):
        n = places.match(toks, x) if toks[x].is_cap else 0
        if n and (places.value(toks, x, n)[0] or "").lower() in countries:
            return a + k
    return None


NAME_SUFFIXES = frozenset({"jr", "sr"})  # "Ferdinand Marcos Jr.": the period is the name's, even ending a sentence


def _mention(article: Article, toks, ns, ne, si, titles, honorific) -> PersonMention:
    start, end = toks[ns].start, toks[ne - 1].end
    if toks[ne - 1].low in NAME_SUFFIXES and article.text[end:end + 1] == ".":
        end += 1
    return PersonMention(name=article.text[start:end], start=start, end=end, sentence=si,
                         titles=titles, honorific=honorific)


def _title(article: Article, toks, a: int, b: int) -> TitleMention | None:
    while b > a and not toks[b - 1].is_word and not (toks[b - 1].text == ")" and _acronym_in_brackets(toks, b - 3)):
        b -= 1
    if b <= a:
        return None
    start, end = toks[a].start, toks[b - 1].end
    return TitleMention(article.text[start:end], start, end)


def _post_titles(article, toks, k) -> tuple[list[TitleMention], int]:
    """Titles written after a name: ", Title, Title" or " - Title, Title"."""
    out: list[TitleMention] = []
    n = len(toks)
    start_k = k
    if k < n and toks[k].text == "(":  # "Phạm Thanh Bình (trái)"
        close = next((x for x in range(k, min(n, k + 8)) if toks[x].text == ")"), None)
        if close is not None:
            k = close + 1
    while k + 1 < n and (toks[k].text == "," or toks[k].text in DASHES):
        link = lx.phrase_list("post_title_links.txt").match(toks, k + 1) if toks[k].text == "," else 0
        if link and _title_head(toks, k + 1 + link):
            k += link  # ", khi đó là Phó Chủ tịch Trung Quốc": the title he held then
        h = _title_head(toks, k + 1, lower_ok=True)
        if not h:
            slip = _misspelt_title(toks, k + 1)
            if slip is None:
                break
            slipped = _title(article, toks, k + 1, slip)  # (never None: toks[k + 1] is a capitalised word)
            if slipped:
                out.append(slipped)
            k = slip
            continue
        end = extend_title(toks, k + 1 + h)
        other = find_name_in_phrase(toks, k + 1 + h, end)
        if not other:  # an organisation whose compounds no list knows
            end = loose_post_title_end(toks, end, extend_title, find_name_in_phrase) or end
        if not other and _enumeration_end(toks, end) is not None:
            other = (end, end)  # "A, Bộ trưởng Bộ Biển, Vùng nước ... và Nghề cá ... B": B's title
        if not other and end < n and lx.honorifics().match(toks, end):
            # "A, Thủ tướng Vương quốc Campuchia Samdech ... Hun Sen": the title is the next man's
            other = (end, end)
        if other:
            # that phrase names someone else; in a list ("Chủ tịch nước A, Tổng Bí thư,
            # Chủ tịch nước B") the titles just read are the next person's, not A's,
            # unless B has titles of its own after the name ("A, Chủ tịch Hạ viện, Hạ nghị sĩ
            # B, Chủ tịch Ủy ban Đối ngoại": each name is followed by its own)
            after = other[1]
            own = after + 1 < n and toks[after].text == "," and _title_head(toks, after + 1, lower_ok=True)
            if out and toks[k].text == "," and not own:
                return [], start_k
            break
        t = _title(article, toks, k + 1, end)
        if t:
            out.append(t)
        k = end
        if out and toks[k - 1].text in DASHES:
            break
    return out, k


def mentions_in_sentence(article: Article, si: int) -> list[PersonMention]:
    toks = sentence_tokens(article, si)
    n = len(toks)
    out: list[PersonMention] = []
    pending: list[TitleMention] = []
    honorific: str | None = None
    hon = lx.honorifics()
    hon_first, head_first = hon.trie, lx.titles().trie  # keyed by first word
    particles = lx.name_particles()
    # list items need a semicolon: every ";" of the text is a token of its own, so its first
    # position (one C search) gives its token by bisection, with no loop over the tokens
    semi = article.match.find(";", toks[0].start, toks[-1].end) if toks else -1
    first_semi = n if semi < 0 else _index_at(toks, semi)
    i = 0
    while i < n:
        t = toks[i]
        # most words open nothing: two dict probes skip them before any matching
        if t.low not in hon_first and t.low not in head_first:
            if t.is_cap and t.is_word:
                pass  # a capitalised run: a name on its own (handled below)
            else:
                if t.text != ",":
                    pending = []
                if t.text != ":":  # "có đồng chí: A - Bí thư Huyện ủy": the honorific still opens A
                    honorific = None
                i += 1
                continue
        h = hon.match(toks, i) if t.low in hon_first else 0
        if h:
            honorific = " ".join(x.low for x in toks[i:i + h])
            i += h
            continue
        head = _title_head(toks, i, lower_ok=True) if t.low in head_first else 0
        end = None
        if head and not t.is_cap:
            # a head written in lower case ("người phát ngôn Bộ Ngoại giao Lê Dũng", "đại sứ Ba
            # Lan ..."): a title only when a name ends its phrase, and not after "các", "hai"...
            end = extend_title(toks, i + head)
            found = find_name_in_phrase(toks, i + head, end)
            if found is None or (i > 0 and toks[i - 1].low in PLURAL):
                head = 0
        if head:
            if end is None:  # (a lower-case head kept has both already)
                end = extend_title(toks, i + head)
                found = find_name_in_phrase(toks, i + head, end)
                if found is None:  # an organisation whose compounds no list knows
                    end, found = name_after_loose_title(toks, i + head, end, extend_title, find_name_in_phrase)
            item = _list_item(article, toks, i, head, first_semi) if found is None else None
            if item is not None:
                seg_titles, ns, ne = item
                out.append(_mention(article, toks, ns, ne, si, pending + seg_titles, honorific))
                pending, honorific = [], None
                i = ne
                continue
            if found is None:
                title = _title(article, toks, _title_start(toks, i), end)
                if title:
                    pending.append(title)
                h0, i = i, end
                if i < n and toks[i].text == ",":
                    i += 1
                    continue
                if (title and len(pending) == 1 and not lx.honorifics().match(toks, i)
                        and not (h0 > 0 and toks[h0 - 1].low in PLURAL)):
                    # "Thủ tướng đã gặp ...": a title alone, naming someone the article named before
                    article.__dict__.setdefault("_bare_titles", []).append((si, title))
                if not lx.honorifics().match(toks, i):  # "Bộ trưởng ... Đại tướng Ngô Xuân Lịch"
                    pending, honorific = [], None
                continue
            ns, ne = found
            envoy = _envoy_of(toks, i + head, ns)
            if envoy is not None and _may_hold(article.text[toks[ns].start:toks[ne - 1].end], toks, envoy):
                i, pending = envoy, []  # "Đặc phái viên của Tổng thống X": X's title is "Tổng thống"
            title = _title(article, toks, _title_start(toks, i), ns)
            titles = pending + ([title] if title else [])
            if honorific == "phu nhân":
                if _after_apposition(toks, i, out) and known_person(toks, ns, ne) is not None:
                    honorific = "phu nhân:of"  # "X, Phu nhân <titles> Y": Y is named as X's husband
                else:
                    titles = []  # "Phu nhân <his titles> Y": Y is the wife; the chain is his
            post, k = _post_titles(article, toks, ne)
            if titles and post and _opens_clause(toks, post[-1], k):
                post, k = post[:-1], _index_at(toks, post[-1].start) - 1
            m = _mention(article, toks, ns, ne, si, titles + post, honorific)
            out.append(m)
            pending, honorific = [], None
            i = k
            continue
        if t.is_cap and t.is_word:
            j = i + 1
            while j < n and ((toks[j].is_cap and toks[j].is_word)
                             or (toks[j].low in particles and lx.is_particle(toks, j))):
                if (j == i + 1 and toks[j].low in head_first and word_key(t.text) not in lx.surnames()
                        and _title_head(toks, j) and venues().match(toks, i) < 2):
                    break  # "Tiếp Đại sứ Anh ...": a capitalised verb before a title, not one run
                j += 1
            ns = None
            glued = None
            if honorific or (i > 0 and toks[i - 1].text in (":", ";")):
                glued = _name_then_title(toks, i, j)
                if glued is not None:
                    ns, j = i, glued
            if honorific and ns is None:
                opener = split_name(toks, i, j, bare=True)
                if opener is not None and opener == i:
                    ns = opener
                elif (honorific != "phu nhân" and SYLLABLE_NAME_WORDS[0] <= j - i <= SYLLABLE_NAME_WORDS[1] and j + 1 < n
                      and (toks[j].text == "," or toks[j].text in DASHES) and _title_head(toks, j + 1, lower_ok=True)):
                    ns = i  # "ông Song Ha Chin – Tỉnh trưởng": a name of no known shape, between
                    # an honorific and its own title
            if ns is None:
                kp = known_person(toks, i, j)
                if kp is not None:
                    ns, j = kp
            if ns is None and j - i >= 2 and j + 1 < n and toks[j].text == "," and _title_head(toks, j + 1):
                # "...: Nguyễn Trọng Hài, Ủy viên Ban Thường vụ Tỉnh ủy" — a name opening its own apposition
                if split_name(toks, i, j, bare=True) == i:
                    ns = i
            if ns is not None:
                if glued is not None:
                    # "các đồng chí: Hoàng Minh Cường Phó Chủ tịch UBND thành phố; ...": no comma
                    end = extend_title(toks, j + _title_head(toks, j))
                    post, k = _post_titles(article, toks, end)
                    post = [x for x in [_title(article, toks, j, end)] if x] + post
                else:
                    post, k = _post_titles(article, toks, j)
                titles = [] if honorific == "phu nhân" else pending + post
                out.append(_mention(article, toks, ns, j, si, titles, honorific))
                pending, honorific = [], None
                i = k
                continue
            i = j
            pending, honorific = [], None
            continue
        if t.text != ",":
            pending = []
        honorific = None  # "X và Phu nhân, <titles> Y": the comma ends the honorific
        i += 1
    return out


LIST_ITEM_MAX = 20  # tokens of one "Title Name" item of a semicolon list


def _list_item(article: Article, toks: list[Token], i: int, head: int, first_semicolon: int):
    """An item of a list written "Title Name; Title Name; ..." whose title the phrase rules
    cannot follow to the name ("Bộ trưởng Cảng và Sân bay Silvio Costa Filho;", "Trưởng Ban
    dân vận Trung ương Trương Thị Mai;"): between the semicolons, the name is the run that ends
    the item and everything before it is the title. (titles, name_start, name_end), or None."""
    n = len(toks)
    se = _enumeration_end(toks, extend_title(toks, i + head))
    if se is None:
        se = next((x for x in range(i, min(n, i + LIST_ITEM_MAX + 1)) if toks[x].text in (";", ".", ":")), None)
        if se is None:
            if n - i > LIST_ITEM_MAX:
                return None
            se = n
        if not ((se < n and toks[se].text == ";") or first_semicolon < i):
            return None
    e = se
    while e > i and not toks[e - 1].is_word:
        e -= 1
    x = e
    while x > i + head and ((toks[x - 1].is_cap and toks[x - 1].is_word) or lx.is_particle(toks, x - 1)):
        x -= 1
    ns = split_name(toks, x, e) if x < e else None
    if ns is None or ns <= i + head or not _reads_as_title(toks, i + head, ns):
        return None
    # the title, split at commas: a segment opening with a head is a title of its own, one
    # that goes on an enumeration ("Bộ Công nghiệp, Thương mại và Năng lượng") belongs to the
    # one before, any other ("Văn phòng Tổng thống") only says where the office sits
    titles: list[TitleMention] = []
    a = i
    while a < ns:
        b = next((y for y in range(a + 1, ns) if toks[y].text == ","), ns)
        seg = toks[a:b]
        if a == i or _title_head(toks, a, lower_ok=True):
            t = _title(article, toks, _title_start(toks, a), b)
            if t:
                titles.append(t)
        elif titles and any(w.low == "và" for w in seg):
            last = _title(article, toks, _index_at(toks, titles[-1].start), b)
            if last:
                titles[-1] = last
        a = b + 1
    return (titles, ns, e) if titles else None


def _enumeration_end(toks: list[Token], j: int) -> int | None:
    """"Bộ trưởng Bộ Biển, Vùng nước nội địa và Nghề cá của Mozambique Lidia Cardoso, ...": a
    comma at j that goes on with an enumeration of portfolios (capitalised, no head, a "và"
    in it) up to the next comma; the index of that comma (or of the sentence's end)."""
    n = len(toks)
    if j + 1 >= n or toks[j].text != "," or not toks[j + 1].is_cap or _title_head(toks, j + 1, lower_ok=True) \
            or lx.honorifics().match(toks, j + 1) or word_key(toks[j + 1].text) in lx.surnames():
        return None
    end = next((x for x in range(j + 1, min(n, j + LIST_ITEM_MAX)) if toks[x].text in (",", ";", ".")), None)
    if end is None:
        end = n if n - j <= LIST_ITEM_MAX else None
    if end is None or not any(t.low == "và" for t in toks[j + 1:end]):
        return None
    x = end  # ...and the enumeration ends in a name ("..., Bộ Thủ tướng và Nội các;" does not)
    while x > j + 1 and toks[x - 1].is_cap and toks[x - 1].is_word:
        x -= 1
    ns = split_name(toks, x, end) if x < end else None
    return end if ns is not None and ns > j + 1 else None


def _reads_as_title(toks: list[Token], a: int, b: int) -> bool:
    """No clause inside toks[a:b]: no verb or preposition of a sentence ("tới", "với", "đã"),
    no title head after a lower-case word other than "kiêm" ("... Tập Cận Bình tới Tổng Bí thư")."""
    stops = lx.phrase_list("title_window_stops.txt")
    free_first = lx.title_free().trie
    for p in range(a, b):
        t = toks[p]
        if t.is_word and not t.is_cap and t.low != "và" and stops.match(toks, p):
            return False
        if (p > a and toks[p - 1].is_word and not toks[p - 1].is_cap and toks[p - 1].low not in free_first
                and t.is_cap and t.low in lx.titles().trie and _title_head(toks, p)):
            return False
    return True


def _index_at(toks: list[Token], pos: int) -> int:
    return bisect_left(toks, pos, key=_START)


def _opens_clause(toks: list[Token], title: TitleMention, k: int) -> bool:
    """"Tiếp Đại sứ Anh X, Chủ tịch nước khẳng định ...": a bare head right after a name that
    already has its titles, followed by a verb, is the subject of the next clause."""
    a = _index_at(toks, title.start)
    bare = _title_head(toks, a, lower_ok=True) == k - a
    return bare and k < len(toks) and toks[k].is_word and not toks[k].is_cap and toks[k].low != "và"


def _after_apposition(toks: list[Token], i: int, found: list[PersonMention]) -> bool:
    """Is the phrase at token i preceded by "<name>, Phu nhân"?"""
    k = i - 1
    while k >= 0 and toks[k].is_word and toks[k].low in ("phu", "nhân"):
        k -= 1
    return k >= 0 and toks[k].text == "," and bool(found) and found[-1].end <= toks[k].start


def _fullest(mentions: list[PersonMention], caps: set[int]) -> list[TitleMention]:
    """Titles of the person's fullest mention (most titles, then most text)."""
    # (an all-caps headline runs title and name words together: its titles count only alone)
    cased = [m for m in mentions if m.titles and id(m) not in caps] or mentions
    best = max(cased, key=lambda m: (len(m.titles), sum(len(t.title) for t in m.titles)))
    seen, out = set(), []
    for t in best.titles:
        k = word_key(t.title)
        if k not in seen:
            seen.add(k)
            out.append(t)
    return out


class SpanSet:
    """Character spans taken by mentions; `pos in spans` asks whether a span covers pos.

    Kept as disjoint sorted intervals, so a lookup is one bisection (a page of a few MB
    has tens of thousands of mentions: testing each span in turn was quadratic)."""

    def __init__(self, spans=()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for a, b in spans:
            self.add((a, b))

    def __contains__(self, pos: int) -> bool:
        k = bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]

    def add(self, span: tuple[int, int]) -> None:
        a, b = span
        if b <= a:
            return
        lo = bisect_left(self._ends, a)       # first interval ending at or after a
        hi = bisect_right(self._starts, b)    # intervals starting after b stay apart
        if lo < hi:  # overlapping or touching ones merge into one
            a, b = min(a, self._starts[lo]), max(b, self._ends[hi - 1])
        self._starts[lo:hi] = [a]
        self._ends[lo:hi] = [b]

    def __len__(self) -> int:
        return len(self._starts)


def extract_persons(article: Article) -> Article:
    mentions: list[PersonMention] = []
    for si in range(len(article.sentences)):
        mentions.extend(mentions_in_sentence(article, si))
    cut = len(article.text.rstrip())
    if cut and article.text[cut - 1].isalpha():
        # the page stops on a letter (an excerpt cut off mid-sentence, as search corpora store
        # pages): a name ending there is cut short too ("Keir St"); a whole page ends on a stop
        mentions = [m for m in mentions if m.end < cut]
    places = {nm for nm in {m.name for m in mentions} if named_as_place(article, nm)}
    if places:
        mentions = [m for m in mentions if m.name not in places]
    # Later bare mentions of a name already found ("Lê Hoài Trung khẳng định ...").
    by_key: dict[str, list[PersonMention]] = {}
    for m in mentions:
        by_key.setdefault(word_key(m.name), []).append(m)
    seen_spans = SpanSet((m.start, m.end) for m in mentions)
    low = lx.match_lower(article)
    starts = [sn.start for sn in article.sentences]
    for k, ms in list(by_key.items()):
        needle = word_key(ms[0].name)
        pos = low.find(needle)
        while pos != -1:  # one pass over the page; the sentence is found by bisection
            end = pos + len(needle)
            si = bisect_right(starts, pos) - 1
            in_sentence = si >= 0 and end <= article.sentences[si].end
            ok_left = pos == 0 or not low[pos - 1].isalnum()
            ok_right = end >= len(low) or not low[end].isalnum()
            if in_sentence and ok_left and ok_right and pos not in seen_spans:
                m = PersonMention(article.text[pos:end], pos, end, si)
                ms.append(m)
                mentions.append(m)
                seen_spans.add((pos, end))
            pos = low.find(needle, end)
    _short_references(article, by_key, mentions, seen_spans)
    _title_references(article, by_key, mentions, seen_spans)
    mentions.sort(key=lambda m: m.start)
    article.mentions = mentions

    _merge_short_names(by_key)
    persons: list[Person] = []
    for k, ms in by_key.items():
        ms.sort(key=lambda m: m.start)
        # the person is named by the full form most used, the longest on a tie
        names = [m.name for m in ms]
        full = [nm for nm in names if " " in nm] or names
        # (an all-caps headline's "TÔ LÂM" names the person only where the page has no other form)
        best = max(dict.fromkeys(full), key=lambda nm: (not nm.isupper(), full.count(nm), len(nm)))  # first wins a tie
        caps = {id(m) for m in ms if m.name.isupper()}
        for m in ms:
            m.name = best
        titles = _fullest(ms, caps)
        all_titles = [t.title for m in ms for t in m.titles]
        country = country_from_titles(ms[0].name, all_titles, article, ms)
        for m in ms:
            m.country = country
        persons.append(Person(
            name=ms[0].name, country=country, titles=[t.title for t in titles],
            mentions=[Span(m.start, m.end) for m in ms], title_spans=titles,
        ))
    _default_foreign_country(persons, by_key)
    for p in persons:
        if p.country == "CN" and p.titles:
            info = enrich(p.name, p.country)  # name table first, else labelled generated guesses
            if info and info.get("zh"):
                p.zh, p.pinyin, p.name_source = info["zh"], info.get("pinyin"), info.get("name_source")
                p.name_score = info.get("score")
    article.persons = persons
    return article


@functools.cache
def _locality_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (tuple(w.lower() + " " for w in load_lines("locality_nouns.txt")),
            tuple(w.lower() for w in load_lines("locality_organs.txt")))


PLACE_WORDS = (1, 3)  # words of a locality's name ("Lục Xuân", "Mường Tè", "Bằng Tường")
LOCALITY_LOOKBACK = 40  # characters before a name in which its locality noun and the word before it lie


def named_as_place(article: Article, name: str) -> bool:
    """"Đoàn đại biểu huyện Lục Xuân ... do đồng chí Hà Dương - Bí thư Huyện ủy Lục Xuân": the
    page writes the name after a locality noun where no organ of the locality comes before it
    (data/locality_nouns.txt, locality_organs.txt): a place, not a person. ("Chủ tịch UBND tỉnh
    Trịnh Xuân Trường": the organ comes before, a person may follow.)"""
    if not PLACE_WORDS[0] <= name.count(" ") + 1 <= PLACE_WORDS[1] or table_row(name):
        return False  # a locality's name has a few syllables; a person of the name table is none
    low = lx.match_lower(article)
    needle = word_key(name)
    nouns, organs = _locality_words()
    at = low.find(needle)
    while at != -1:  # (each place the name is written: one or a few)
        end = at + len(needle)
        if end == len(low) or not low[end].isalnum():
            before = low[max(0, at - LOCALITY_LOOKBACK):at]
            noun = next((w for w in nouns if before.endswith(w)
                         and (len(before) == len(w) or not before[-len(w) - 1].isalnum())), None)
            if noun and _described_place(article.match, before[:-len(noun)], at - len(noun), organs):
                return True
        at = low.find(needle, end)
    return False


def _described_place(text: str, low_before: str, at: int, organs: tuple[str, ...]) -> bool:
    """The locality noun at `at` follows a lower-case word that is no organ ("đại biểu huyện",
    "tại tỉnh"): a description. After a capitalised word ("UBND tỉnh", "MTTQ Việt Nam thành
    phố") or an organ ("nhân dân tỉnh") it is inside a title, and a name may follow."""
    words = text[max(0, at - LOCALITY_LOOKBACK):at].split()
    if not words or not words[-1].isalpha() or not words[-1].islower():
        return False
    return not low_before.rstrip().endswith(organs)


_SHORT_REF = re.compile(r"\b(ông|bà|đồng chí|ngài|Ông|Bà|Đồng chí|Ngài) ([A-ZĐÀ-Ỹ][^\W\d_]*)\b")


def _longer_name_follows(text: str, end: int) -> bool:
    """A capitalised word right after ("ông Hà Kim Ngọc"): the one word is not the whole name.
    (str.isupper, not a character range: À-Ỹ also holds lower-case letters, "ông Jaishankar đã".)"""
    return text[end:end + 1] == " " and text[end + 1:end + 2].isupper()


def _short_references(article: Article, by_key, mentions, seen_spans) -> None:
    """'ông Ngọc' refers to Hà Kim Ngọc when the article named him in full (Vietnamese usage);
    'ông Jaishankar', 'ông Kishida' to a foreign name's last or first word (family names come
    last or first by country)."""
    last: dict[str, str] = {}
    for k, ms in by_key.items():
        words = k.split()
        if len(words) < 2:
            continue
        if lx.looks_vietnamese(words[-1]):
            ends = [words[-1]]
        elif not any(lx.looks_vietnamese(w) for w in words):
            ends = [words[-1], words[0]]
        else:
            ends = []
        for w in ends:
            last[w] = k if last.get(w, k) == k else ""  # ambiguous: two people share it
    if not last:
        return
    for si, m in _short_ref_matches(article):
        k = last.get(m.group(2).lower())
        if not k or m.start(2) in seen_spans or _longer_name_follows(article.match, m.end(2)):
            continue
        pm = PersonMention(article.text[m.start(2):m.end(2)], m.start(2), m.end(2), si,
                           honorific=m.group(1).lower())
        by_key[k].append(pm)
        mentions.append(pm)
        seen_spans.add((pm.start, pm.end))


_SHORT_REF_WORDS = ("ông ", "bà ", "đồng chí ", "ngài ")  # _SHORT_REF's honorifics, lower case


def _short_ref_matches(article: Article):
    """(sentence, match) of `_SHORT_REF.finditer` over each sentence, in order, found
    quicker: the pattern is tried at every character, though a match can only start where
    the lower-cased text has one of its honorifics and a space. Those places are found by
    `str.find` (in C) and the pattern is matched only there, in the sentence holding the
    place, none starting inside the previous match: what `finditer` finds."""
    text, sents = article.match, article.sentences
    low = lx.match_lower(article)
    if len(low) != len(text) or not sents:  # (a letter lower-cased to two: offsets would not carry over)
        return [(si, m) for si, sent in enumerate(sents) for m in _SHORT_REF.finditer(text, sent.start, sent.end)]
    lo, hi = sents[0].start, max(sent.end for sent in sents)
    places = []
    for w in _SHORT_REF_WORDS:
        pos = low.find(w, lo, hi)
        while pos != -1:
            places.append(pos)
            pos = low.find(w, pos + 1, hi)
    if not places:
        return []
    places.sort()
    starts = [sent.start for sent in sents]
    out, last_end = [], -1
    for pos in places:
        si = bisect_right(starts, pos) - 1
        sent = sents[si]
        if pos < last_end or pos >= sent.end:
            continue
        m = _SHORT_REF.match(text, pos, sent.end)  # (its \b sees the character before pos, as in finditer)
        if m is not None:
            out.append((si, m))
            last_end = m.end()
    return out


def _title_references(article: Article, by_key, mentions, seen_spans) -> None:
    """A bare title ("Thủ tướng", "Đại sứ") names the last person the article gave that title.

    Only forward: the person must have been named, with a title beginning the same
    way, before the bare title; the last one given exactly that title, else the last
    one given a longer title that begins with it.
    """
    bare = article.__dict__.pop("_bare_titles", [])
    if not bare:
        return
    titled = sorted(((m.start, k, m, [word_key(x.title) for x in m.titles])
                     for k, ms in by_key.items() for m in ms if m.titles), key=lambda e: e[0])
    holders: dict[str, tuple[list[int], list]] = {}  # title key -> its holders' mentions, by position
    for si, t in bare:
        want = word_key(t.title)
        if want not in holders:  # one pass per distinct bare title, then a bisection per use
            found = [e for e in titled if any(x.startswith(want) for x in e[3])]
            holders[want] = ([e[0] for e in found], found)
        starts, found = holders[want]
        at = bisect_left(starts, t.start) - 1
        if at < 0 or t.start in seen_spans:
            continue
        # one given exactly that title wins over one given it with a country ("Thủ tướng" after
        # "Thủ tướng Phạm Minh Chính gặp Thủ tướng Vương quốc Campuchia Hun Manet" is the former)
        exact = [e for e in found[:at + 1] if want in e[3]]
        _, k, m, _ = exact[-1] if exact else found[at]
        pm = PersonMention(m.name, t.start, t.end, si, honorific="title")
        by_key[k].append(pm)
        mentions.append(pm)
        seen_spans.add((t.start, t.end))


def _merge_short_names(by_key: dict[str, list[PersonMention]]) -> None:
    """One person under several forms of the name in one article.

    'Tổng thống Putin' is 'Vladimir Putin' when the article names him in full;
    'Joseph R. Biden' and 'Joe Biden' are one row of the name table; a name cut
    short by a typo ('Phạm Bình' for 'Phạm Bình Minh') with the same title is the same man.
    """
    for k in [k for k in by_key if " " not in k]:
        full = [f for f in by_key if f != k and f.split()[-1] == k]
        if len(full) == 1:
            by_key[full[0]].extend(by_key.pop(k))
    # "Tổng thống Lula da Silva" after "Luiz Inácio Lula da Silva": the tail of one longer
    # foreign name (a Vietnamese surname opening the short form makes it another person)
    for k in [k for k in by_key if " " in k and all(lx.could_be_foreign(w) for w in k.split())]:
        full = [f for f in by_key if f != k and f.endswith(" " + k)]
        if len(full) == 1 and k.split()[0] not in lx.surnames():
            by_key[full[0]].extend(by_key.pop(k))
    rows: dict[str | None, str] = {}
    for k in list(by_key):
        row = table_row(k)
        if row is None:
            continue
        first = rows.setdefault(row.get("id") or row.get("name"), k)
        if first != k:
            keep, drop = (first, k) if word_key(row["name"]) != k else (k, first)
            by_key[keep].extend(by_key.pop(drop))
            rows[row.get("id") or row.get("name")] = keep
    for k in list(by_key):
        longer = [f for f in by_key if f != k and f.startswith(k + " ") and len(f.split()) == len(k.split()) + 1]
        if len(longer) == 1 and k in by_key:
            mine = {word_key(t.title) for m in by_key[k] for t in m.titles}
            theirs = {word_key(t.title) for m in by_key[longer[0]] for t in m.titles}
            if mine & theirs:
                by_key[longer[0]].extend(by_key.pop(k))


def _default_foreign_country(persons: list[Person], by_key) -> None:
    """A foreign name with no country in its titles takes the article's foreign side."""
    counts: dict[str, int] = {}
    for p in persons:
        if p.country and p.country != "VN":
            counts[p.country] = counts.get(p.country, 0) + 1
    if not counts:
        return
    side = max(counts, key=counts.get)  # type: ignore[arg-type]  # (get never misses here)
    for p in persons:
        if p.country is None and all(lx.could_be_foreign(w) for w in p.name.split()):
            p.country = side
            for m in by_key.get(word_key(p.name), []):
                m.country = side
