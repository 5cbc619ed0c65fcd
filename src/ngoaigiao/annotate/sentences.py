"""Sentences over the article's title, body and caption blocks.

A sentence ends at ".", "!", "?", "…" or "./." (closing quotes and brackets
included) followed by space and a capital, a digit or an opening quote. It
does not end after an abbreviation from data/abbreviations.txt ("TP.",
"PGS.TS."), an initial ("Marc E. Knapper"), a dotted acronym ("U.S."), an
enumerator at the start of a sentence ("1.", "II."), or at an ellipsis
inside an open quotation (“Chúng tôi... Hai nước”). Numbers and dates with dots ("1.000", "26.4")
have no space after the dot, so they never end a sentence.
"""
from __future__ import annotations

import functools
import re

from ngoaigiao.article import Article, Sentence
from ngoaigiao.data import load_lines

TEXT_KINDS = ("title", "body", "caption")

# A terminator, trailing closers, then the whitespace before the next sentence.
# A full stop glued to the next sentence ("... tại Việt Nam.Tại buổi tiếp"), as pages that
# join a caption to the body have it, also ends one: see _glued.
# Written to open with a character class (a terminator, then "/." after a full stop or more
# terminators): `re` then skips to the next terminator in C; opening with an alternation it
# tried the whole pattern at every character of the text. The same matches as
# r"(?:\./\.|[.!?…]+)[\"”’»)\]]*(\s+|(?=[^\W\d_]))", tried in the same order.
_END = re.compile(r"[.!?…](?:(?<=\.)/\.|[.!?…]*)[\"”’»)\]]*(\s+|(?=[^\W\d_]))")
_ACRONYM = re.compile(r"^(?:[A-ZĐ]\.){1,}[A-ZĐ]?\.?$")  # "U.S.", "E.", "H.E."
_ENUMERATOR = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6}|[a-zđ])[.)]$")
_OPENERS = "\"“‘«([-–"


@functools.cache  # (the set was built again for every article)
def _abbreviations() -> frozenset[str]:
    return frozenset(load_lines("abbreviations.txt"))


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _open_quote(text: str) -> bool:
    """True when `text` (the sentence so far) has an unclosed quotation."""
    if text.count("“") > text.count("”"):
        return True
    return text.count('"') % 2 == 1


def split_block(text: str, start: int, end: int, abbreviations: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) inside text[start:end], trimmed of spaces."""
    abbrevs = _abbreviations() if abbreviations is None else abbreviations
    spans: list[tuple[int, int]] = []
    sent_start = start
    for m in _END.finditer(text, start, end):
        nxt = m.end()
        if nxt >= end or not _starts_sentence(text[nxt]):
            continue
        if not m.group(1) and not _glued(text, m.start(), nxt, end):
            continue
        if text[m.start()] == "." and not text.startswith("./.", m.start()):
            tok_start = _token_start(text, sent_start, m.start() + 1)
            token = text[tok_start:m.start() + 1].lstrip("\"“‘«([")
            if token in abbrevs or _ACRONYM.match(token):
                continue
            if _ENUMERATOR.match(token) and not text[sent_start:tok_start].strip():
                continue
        ellipsis = text[m.start()] == "…" or text.startswith("...", m.start())
        if ellipsis and _open_quote(text[sent_start:m.start()] + text[m.start():m.start(1)]):
            continue  # a pause inside a quotation; a full stop there still ends the sentence
        spans.append((sent_start, m.start(1)))
        sent_start = nxt
    if sent_start < end:
        spans.append((sent_start, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:  # trimmed of white space, with one strip per span
        seg = text[s:e]
        core = seg.strip()
        if core:
            s += len(seg) - len(seg.lstrip())
            out.append((s, s + len(core)))
    return out


def _token_start(text: str, lo: int, end: int) -> int:
    r"""Start of the run of non-space characters that ends at `end` (not before `lo`): what
    `re.search(r"(\S+)$", text[lo:end])` finds, walked back from the end instead of tried
    from every position of the sentence so far (that was quadratic in its length)."""
    p = end
    while p > lo and not text[p - 1].isspace():
        p -= 1
    return p


def _glued(text: str, dot: int, nxt: int, end: int) -> bool:
    """"Nam.Tại": a word of two or more lower-case letters, a full stop, a capitalised word.
    Not "TP.HCM", "U.S.A", "v.v." or a domain ("Baoquocte.vn")."""
    if not (text[dot] == "." and dot >= 2 and text[dot - 1].islower() and text[dot - 2].islower()
            and text[nxt].isupper() and nxt + 1 < end and text[nxt + 1].islower()):
        return False
    word = re.match(r"[^\W\d_]+", text[nxt:end]).group()  # type: ignore[union-attr]  # (text[nxt] is a letter)
    return word.lower() not in _DOMAIN_ENDINGS


_DOMAIN_ENDINGS = frozenset({"vn", "com", "net", "org", "gov", "edu", "info", "cn"})


def split_sentences(article: Article) -> Article:
    """Set `article.sentences` over title/body/caption blocks (furniture and meta skipped)."""
    abbrevs = _abbreviations()
    out: list[Sentence] = []
    for bi, block in enumerate(article.blocks):
        if block.kind not in TEXT_KINDS:
            continue
        for s, e in split_block(article.text, block.start, block.end, abbrevs):
            out.append(Sentence(s, e, bi, block.kind))
    article.sentences = out
    return article
