"""What the event and statement rules ask of a sentence's tokens, computed once per token list.

Every rule of the events and statements stages looks at the same few things of a
sentence: the lower-case words in order, where each token starts (to turn a
character offset into a token index by bisection), and whether a word occurs at
all. Made once per token list (the lists themselves are made once per sentence by
`lexicon.sentence_tokens`), they let a rule ask "is any cue word in this
sentence?" with one set operation in C before it walks any token in Python.
"""
from __future__ import annotations

import functools
from operator import attrgetter

from ngoaigiao.extract.lexicon import PhraseSet, Token

_LOW = attrgetter("low")
_START = attrgetter("start")


class TokenIndex:
    """lows[i] = toks[i].low; starts[i] = toks[i].start; words = the set of lows."""
    __slots__ = ("lows", "starts", "words")

    def __init__(self, toks: list[Token]):
        self.lows = list(map(_LOW, toks))
        self.starts = list(map(_START, toks))
        self.words = frozenset(self.lows)


# id(token list) -> (the list, its index): the list is kept, so its id cannot be reused
# while the entry lives; a page has a few dozen sentences, so the cache stays small.
_CACHE: dict[int, tuple[list[Token], TokenIndex]] = {}
_CACHE_MAX = 256


def index_of(toks: list[Token]) -> TokenIndex:
    got = _CACHE.get(id(toks))
    if got is not None and got[0] is toks:
        return got[1]
    ix = TokenIndex(toks)
    if len(_CACHE) > _CACHE_MAX:
        _CACHE.clear()
    _CACHE[id(toks)] = (toks, ix)
    return ix


@functools.cache
def first_words(ps: PhraseSet) -> frozenset[str]:
    """The words some phrase of `ps` starts with (a PhraseSet is made once and never changed)."""
    return frozenset(ps.trie)


def positions(toks: list[Token], words: frozenset[str]) -> list[int]:
    """Indices, in order, of the tokens whose lower-case word is in `words`: the words of the
    sentence that are in the set are found by one set intersection, and each one's places by
    `list.index` (a scan in C), so no token is visited in Python."""
    ix = index_of(toks)
    hit = ix.words & words
    if not hit:
        return []
    lows, out = ix.lows, []
    for w in hit:
        x = lows.index(w)
        while True:
            out.append(x)
            try:
                x = lows.index(w, x + 1)
            except ValueError:
                break
    if len(hit) > 1:
        out.sort()
    return out


def phrase_starts(ps: PhraseSet, toks: list[Token]) -> list[int]:
    """`ps.starts(toks)`, the same list: the tokens whose word starts some phrase."""
    return positions(toks, first_words(ps))
