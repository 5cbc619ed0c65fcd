"""Lexicons the extractors match against, loaded once from `ngoaigiao/data`.

Everything is keyed by `textnorm.key` forms (one tone placement, lower case),
so the rules never care whether a page wrote "Uỷ viên" or "Ủy viên".
"""
from __future__ import annotations

import functools
import re
from operator import attrgetter
from types import FunctionType
from typing import Any, Final

from ngoaigiao.data import load_lines, load_tsv, word_set
from ngoaigiao.textnorm import key

# A word: letters (any script) with inner hyphens/apostrophes ("Diaz-Canel"),
# or a lone capital initial with its period ("Marc E. Knapper"); or one punctuation mark.
TOKEN_RE: Final = re.compile(r"[^\W\d_](?=\.\s+[A-ZĐ][^\W\d_])\.|[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]")

_LOW = attrgetter("low")

VIET_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


class Token:
    """A word or punctuation mark: offsets into the text, its match form and lower case."""
    __slots__ = ("start", "end", "text", "low", "is_word", "is_cap")

    def __init__(self, start: int, end: int, text: str, low: str, is_word: bool, is_cap: bool) -> None:
        # one statement each: quicker than tuple assignment (a Token is made per word)
        self.start = start
        self.end = end
        self.text = text
        self.low = low
        self.is_word = is_word
        self.is_cap = is_cap

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


_NEW = object.__new__
# Compiled by mypyc (scripts/build_compiled.py) Token is a native class, which only Token(...)
# can make. As Python, making it empty and setting its slots here is quicker: calling
# Token.__init__ enters a Python frame per token (callgrind: -12% for tokenize, same fields).
_NATIVE: Final = not isinstance(Token.__init__, FunctionType)  # (a native class has a C __init__)


def tokenize(text: str, start: int = 0, end: int | None = None, low: str | None = None) -> list[Token]:
    """The tokens TOKEN_RE finds in text[start:end] (what `TOKEN_RE.finditer` gives), found quicker.

    No token holds a space, so the text is cut at spaces first (`str.split`, in C) and each
    chunk placed by `str.find`. A chunk of letters and digits only is one token, a word and
    one mark after it ("nước,") two, with no regex; any other chunk is matched by TOKEN_RE
    place by place (the regex once cost more than the rest of tokenizing put together).
    The lower case of the chunks comes from one `lower` of the whole stretch, cut alike, or
    from `low`, the caller's lower case of all of `text` (see `exact_lower`)."""
    end = len(text) if end is None else end
    # The hottest code of extraction (a Token per word). Word class and case: the first character's.
    seg = text[start:end]
    chunks = seg.split()
    if low is not None:
        lows = low[start:end].split()
    else:
        low_seg = seg.lower()
        # str.lower of a chunk is its stretch of low_seg when no letter lowers to two characters
        # ("İ") and no final sigma depends on the letters around it (Σ): then both split alike
        lows = low_seg.split() if len(low_seg) == len(seg) and "Σ" not in seg else [w.lower() for w in chunks]
    out: list[Token] = []
    pos = start
    if _NATIVE:
        for k in range(len(chunks)):
            w = chunks[k]
            s = text.find(w, pos)  # (only spaces lie between pos and the chunk)
            e = pos = s + len(w)
            if w.isalnum():
                out.append(Token(s, e, w, lows[k], True, w[0].isupper()))
            elif len(w) > 2 and w[-1] != "_" and w[:-1].isalnum():
                mark = w[-1]  # (no "E." initial: that needs a letter alone before its period)
                out.append(Token(s, e - 1, w[:-1], lows[k][:-1], True, w[0].isupper()))
                out.append(Token(e - 1, e, mark, mark.lower(), False, mark.isupper()))
            else:
                _chunk_tokens(text, s, e, end, out)
        return out
    append = out.append
    for w, lw in zip(chunks, lows):
        s = text.find(w, pos)
        e = pos = s + len(w)
        if w.isalnum():
            t: Any = _NEW(Token)  # (slots set one by one: quicker than a tuple assignment)
            t.start = s
            t.end = e
            t.text = w
            t.low = lw
            t.is_word = True
            t.is_cap = w[0].isupper()
            append(t)
        elif len(w) > 2 and w[-1] != "_" and w[:-1].isalnum():
            mark = w[-1]
            append(Token(s, e - 1, w[:-1], lw[:-1], True, w[0].isupper()))
            append(Token(e - 1, e, mark, mark.lower(), False, mark.isupper()))
        else:
            _chunk_tokens(text, s, e, end, out)
    return out


def _chunk_tokens(text: str, s: int, e: int, end: int, out: list[Token]) -> None:
    """Tokens of the chunk text[s:e] (no space in it) by TOKEN_RE, matched where finditer would
    try it: its lookahead ("Marc E. Knapper") may read on past the chunk, up to `end`."""
    while s < e:
        m = TOKEN_RE.match(text, s, end)
        if m is None:
            s += 1  # "_": the one non-space character no token holds
            continue
        w = m.group()
        c = w[0]
        s = m.end()
        out.append(Token(s - len(w), s, w, w.lower(), c.isalnum(), c.isupper()))


def sentence_tokens(article, si: int) -> list[Token]:
    """Tokens of sentence si, made once per article (persons and events both read them)."""
    cache = article.__dict__.setdefault("_tokens", {})
    toks = cache.get(si)
    if toks is None:
        sent = article.sentences[si]
        toks = cache[si] = tokenize(article.match, sent.start, sent.end, exact_lower(article))
    return toks


def exact_lower(article) -> str | None:
    """`match_lower(article)` when each stretch of it is the lower case of that stretch of
    `article.match` (no letter lowers to two characters, no Σ whose lower case depends on the
    letters around it): the stages that lower pieces of the text cut them from it instead
    (one `lower` of the page). None otherwise."""
    found = article.__dict__.get("_exact_lower", False)
    if found is False:
        low = match_lower(article)
        found = article.__dict__["_exact_lower"] = (
            low if len(low) == len(article.match) and "Σ" not in article.match else None)
    return found


def match_lower(article) -> str:
    """`article.match.lower()`, made once per article (year inference and persons both search it)."""
    low = article.__dict__.get("_match_lower")
    if low is None:
        low = article.__dict__["_match_lower"] = article.match.lower()
    return low


# One Vietnamese syllable written without tone marks ("Trung", "Minh", "Kim").
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"(uye|uya|oai|oay|uay|uoi|uou|ieu|yeu|oa|oe|uy|ua|uo|ie|ye|ia|ai|ao|au|ay|eo|eu|oi|ui|iu|ou|[aeiouy])"
    r"(ch|ng|nh|[cmnpt]|[iouy])?$")


def has_vietnamese_letters(word: str) -> bool:
    return not VIET_LETTERS.isdisjoint(word.lower())  # a set test in C, not a loop per letter


# Letters only Vietnamese writes (ă â đ ê ô ơ ư and the tone marks no European language
# uses); "á é í ó ú à è ì ò ù ã õ ý" also occur in Portuguese, Spanish, Italian... names.
VIET_ONLY = VIET_LETTERS - set("áéíóúàèìòùãõý")
_TONELESS = str.maketrans("áéíóúàèìòùãõý", "aeiouaeiouaoy")


def could_be_foreign(word: str) -> bool:
    """Could this word belong to a foreign name? No letter only Vietnamese writes, and if
    it has European accents ("Inácio", "Góes") it is no Vietnamese syllable; a hyphenated
    word ("Vi-vi-an", "Mô-ham-mét": transliterations) is never a Vietnamese name word."""
    w = word.lower()
    if "-" in w.strip("-") and len(w) > 3:
        return True
    if not VIET_ONLY.isdisjoint(w):
        return False
    if not has_vietnamese_letters(w):
        return True
    return not _SYLLABLE.match(w.translate(_TONELESS))


def looks_foreign(word: str) -> bool:
    """A word that could be foreign and is no Vietnamese syllable ("Manet", "Jong", "Inácio")."""
    return could_be_foreign(word) and not _SYLLABLE.match(word.lower().translate(_TONELESS))


def looks_vietnamese(word: str) -> bool:
    """Written with Vietnamese letters, or shaped like one Vietnamese syllable."""
    w = word.lower()
    return has_vietnamese_letters(w) or bool(_SYLLABLE.match(w))


_END: Final = None  # trie key marking the end of a phrase (no word is None)


class PhraseSet:
    """Multi-word phrases looked up by token sequence (longest match).

    The phrases are kept as a trie of lower-case words, so a lookup walks the
    tokens once and stops at the first word no phrase continues with (most
    words start no phrase at all: one dict probe).
    """

    def __init__(self, phrases) -> None:
        # trie: word -> node; a node maps the next word -> node, and _END -> (how
        # many phrases end there (the same words may come from several lines), their words)
        self.trie: dict = {}
        self.values: dict[tuple[str, ...], Any] = {}  # (each set stores values of its own kind)
        for phrase, value in phrases:
            words = tuple(w.lower() for w in TOKEN_RE.findall(key(phrase)))
            if not words:
                continue
            self.values[words] = value
            node = self.trie
            for w in words[:-1]:
                node = node.setdefault(w, {})
            node = node.setdefault(words[-1], {})
            node[_END] = (node[_END][0] + 1 if _END in node else 1, words)

    def starts(self, tokens: list[Token]) -> list[int]:
        """Indices of the tokens some phrase starts with (the others need no `match`).
        (A list comprehension: quicker here than compress/map, measured.)"""
        first = self.trie
        return [x for x, t in enumerate(tokens) if t.low in first]

    def match(self, tokens: list[Token], i: int) -> int:
        """Length in tokens of the longest phrase starting at tokens[i], else 0."""
        n = len(tokens)
        if i >= n:
            return 0
        # (`node` typed `dict` and the optional lookups in their own variable: compiled, `get`
        # and `in` are then C dict calls, not method lookups by name)
        first: dict | None = self.trie.get(tokens[i].low)
        if first is None:
            return 0  # most words start no phrase: leave before setting up the walk
        node: dict = first
        best = 1 if _END in node else 0
        k = i + 1
        while k < n:
            nxt: dict | None = node.get(tokens[k].low)
            if nxt is None:
                break
            node = nxt
            k += 1
            if _END in node:
                best = k - i
        return best

    def matches(self, tokens: list[Token], i: int) -> list[tuple[int, Any]]:
        """(length, value) of every phrase (not only the longest) starting at tokens[i], longest first."""
        out: list[tuple[int, Any]] = []
        n = len(tokens)
        found: dict | None = self.trie.get(tokens[i].low)
        k = i + 1
        while found is not None:
            node: dict = found
            if _END in node:
                count, words = node[_END]
                out.extend([(k - i, self.values[words])] * count)
            if k >= n:
                break
            found = node.get(tokens[k].low)
            k += 1
        out.reverse()
        return out

    def value(self, tokens: list[Token], i: int, n: int):
        return self.values.get(tuple(map(_LOW, tokens[i:i + n])))  # (map: no generator frame)


@functools.cache
def phrase_list(name: str) -> PhraseSet:
    """The phrases of a list file (data/<name>, one per line), made once."""
    return PhraseSet((t, True) for t in load_lines(name))


@functools.cache  # a C-level cache hit: these are asked for at every token
def titles() -> PhraseSet:
    return phrase_list("titles.txt")


@functools.cache  # a C-level cache hit: these are asked for at every token
def honorifics() -> PhraseSet:
    return phrase_list("honorifics.txt")


@functools.cache
def title_bigrams() -> frozenset[tuple[str, str]]:
    """Adjacent word pairs of every known title, organisation and place name."""
    phrases = list(load_lines("title_terms.txt")) + list(load_lines("titles.txt"))
    phrases += [r["name"] for r in load_tsv("organisations.tsv")] + [r["name"] for r in load_tsv("places.tsv")]
    pairs: set[tuple[str, str]] = set()
    for phrase in phrases:
        words = [w.lower() for w in TOKEN_RE.findall(key(phrase))]
        pairs.update(zip(words, words[1:]))
    return frozenset(pairs)


@functools.cache  # a C-level cache hit: these are asked for at every token
def title_free() -> PhraseSet:
    return phrase_list("title_free.txt")


@functools.cache  # a C-level cache hit: these are asked for at every token
def name_particles() -> frozenset[str]:
    return word_set("name_particles.txt")


def is_particle(toks: list[Token], j: int) -> bool:
    """A lower-case particle inside a foreign name: "Lula da Silva", "Mohamed bin Zayed"."""
    # both neighbours foreign-shaped: "do", "la", "y" are also Vietnamese words ("Nam do Chủ tịch")
    if not (0 < j < len(toks) - 1 and toks[j].low in name_particles()):
        return False
    if toks[j + 1].low in name_particles() and not toks[j + 1].is_cap:
        # two particles in a row ("Ursula von der Leyen", "Frans van der Berg"): read as one
        if toks[j - 1].is_cap:
            return j + 2 < len(toks) and _particle_between(toks, j - 1, j + 2)
        return toks[j - 1].low in name_particles() and is_particle(toks, j - 1)
    return (toks[j + 1].is_cap and toks[j + 1].is_word and toks[j - 1].is_cap and looks_foreign(toks[j - 1].text)
            and could_be_foreign(toks[j + 1].text)) or (
        not toks[j - 1].is_cap and toks[j - 1].low in name_particles() and j >= 2
        and _particle_between(toks, j - 2, j + 1))


def _particle_between(toks: list[Token], a: int, b: int) -> bool:
    """A foreign-shaped capitalised word at a and at b, particles between them."""
    return (toks[a].is_cap and looks_foreign(toks[a].text) and toks[b].is_cap and toks[b].is_word
            and could_be_foreign(toks[b].text))


def name_run_end(toks: list[Token], i: int, end: int) -> int:
    """End of the run of capitalised words from i (through foreign-name particles)."""
    j = i
    particles = name_particles()
    while j < end and ((toks[j].is_cap and toks[j].is_word)
                       or (j + 1 < end and toks[j].low in particles and is_particle(toks, j))):
        j += 1
    return j


@functools.cache
def surnames() -> frozenset[str]:
    return frozenset(key(w) for w in load_lines("surnames.txt"))


@functools.cache
def places() -> PhraseSet:
    return PhraseSet((r["name"], (r["country"], r["kind"])) for r in load_tsv("places.tsv"))


@functools.cache
def organisations() -> PhraseSet:
    return PhraseSet((r["name"], r.get("country") or "") for r in load_tsv("organisations.tsv"))


@functools.cache
def country_names() -> dict[str, str]:
    """key(name) -> ISO code, for places of kind country."""
    return {key(r["name"]): r["country"] for r in load_tsv("places.tsv") if r["kind"] == "country"}
