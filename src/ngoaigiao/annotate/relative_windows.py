"""Where in a block the "relative" date pattern can match ("hôm qua", "sáng nay", "năm tới").

That pattern (`dates._patterns()["relative"]`) is an alternation of every phrase of
data/relative_dates.tsv tried at every word of a block: it took nearly half the time
of finding dates, though few blocks hold such a phrase. Every match ends with the
last word of a phrase followed by no letter or digit, so plain substring searches of
those few words in the lower-cased block (far quicker than any pattern) find where a
match can end; the pattern then runs only from a few words before each such place to
one character after it, and finds exactly what it finds over the whole block (see
`windows`). When that cannot be guaranteed the whole block is the window.
"""
from __future__ import annotations

import functools
import re

from ngoaigiao.data import load_tsv

_WORD_CHAR = re.compile(r"\w")


@functools.cache
def _phrase_ends() -> tuple[tuple[str, ...], int, tuple[str, ...]] | None:
    """(last words in lower case, most words in a phrase, characters of a text that the
    regex engine's IGNORECASE and str.lower treat apart), or None when not known."""
    try:
        from re._casefix import _EXTRA_CASES  # Python 3.11+: the engine's extra case pairs
    except ImportError:
        return None
    phrases = [r["phrase"].split() for r in load_tsv("relative_dates.tsv")]
    if not phrases or any(not p for p in phrases):
        return None
    last = tuple(sorted({p[-1].lower() for p in phrases}))
    if any(not w.isalpha() for w in last):
        return None
    # "ı" matches "i" under IGNORECASE (an extra pair) though "ı".lower() is "ı"; İ lowers to
    # two characters; Σ/ς differ at a word's end: a block with any of them is searched whole
    odd = {chr(v) for c in set("".join(last)) for v in _EXTRA_CASES.get(ord(c), ())}
    odd |= {"\u0130", "\u03a3", "\u03c2"}
    if any(c in w for c in odd for w in last):
        return None
    return last, max(len(p) for p in phrases), tuple(sorted(odd))


def windows(match: str, start: int, end: int, low_match: str | None = None) -> list[tuple[int, int]]:
    """Stretches of match[start:end] outside which the relative pattern cannot match.

    A match ends with a last word W followed by no word character, so W's occurrence is
    one of the places found here; it starts at most (words - 1) runs of non-space
    characters before W, its words being separated by white space. Its window covers it
    and the character after it, so `(?!\\w)` sees what it sees over the whole block (the
    look-behind sees the text before a window anyway), and windows that overlap or touch
    are merged, so no match is cut at a window's end and none is found twice. `low_match`:
    the lower case of all of `match` when its stretches are their own lower case (lexicon.exact_lower)."""
    found = _phrase_ends()
    if found is None:
        return [(start, end)]
    last, words, odd = found
    block = match[start:end]
    if any(c in block for c in odd):  # substring tests: quicker than a set over the characters
        return [(start, end)]
    low = block.lower() if low_match is None else low_match[start:end]
    if len(low) != len(block):
        return [(start, end)]
    ends: list[tuple[int, int]] = []
    for w in last:
        i = low.find(w)
        while i != -1:
            ends.append((start + i, start + i + len(w)))
            i = low.find(w, i + 1)
    ends.sort()
    out: list[tuple[int, int]] = []
    for p, q in ends:
        if q < end and _WORD_CHAR.match(match, q):
            continue  # the word goes on: no phrase ends here
        lo = p
        for _ in range(words - 1):  # back over white space and the word before it
            while lo > start and match[lo - 1].isspace():
                lo -= 1
            while lo > start and not match[lo - 1].isspace():
                lo -= 1
        hi = min(end, q + 1)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out
