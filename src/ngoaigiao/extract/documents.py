"""Names of the documents a signing sentence names (data/document_heads.txt)."""
from __future__ import annotations

import functools

from ngoaigiao.data import load_lines
from ngoaigiao.extract.lexicon import PhraseSet, Token

import re

_CREDIT = re.compile(r"\s+[-–]\s+(Ảnh|Nguồn)\b.*$")  # "... - Ảnh: VGP": a caption's credit
QUOTES_OPEN = {"“", '"', "«"}
QUOTES_CLOSE = {"”", '"', "»"}


@functools.cache
def heads() -> PhraseSet:
    return PhraseSet((h, True) for h in load_lines("document_heads.txt"))


def find_documents(article, toks: list[Token], a: int, b: int) -> list[str]:
    """Each document name in toks[a:b]: a head word, then on to ';' '.' or the next head."""
    out: list[str] = []
    i = a
    hs = heads()
    while i < b:
        if toks[i].text in QUOTES_OPEN and i + 1 < b and hs.match(toks, i + 1):
            j = i + 1
            while j < b and toks[j].text not in QUOTES_CLOSE:
                j += 1
            out.append(article.text[toks[i + 1].start:toks[j - 1].end])
            i = j + 1
            continue
        if not hs.match(toks, i):
            if toks[i].text in (".",) or (out and toks[i].text == ";"):
                break
            i += 1
            continue
        j = i + hs.match(toks, i)
        while j < b:
            t = toks[j]
            if t.text in (";", ".", "(", ")", ":") or t.text in QUOTES_CLOSE:
                break
            if t.text == "," and (j + 1 >= b or not toks[j + 1].is_cap or hs.match(toks, j + 1)):
                break
            if t.low == "và" and hs.match(toks, j + 1):
                break
            if t.low in ("nhằm", "để", "với", "trị", "có"):
                break
            j += 1
        if j > i:
            name = article.text[toks[i].start:toks[j - 1].end]
            out.append(_CREDIT.sub("", name).strip())
        i = j + 1
    return out
