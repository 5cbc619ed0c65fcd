"""Names of the documents a signing sentence names (data/document_heads.txt)."""
from __future__ import annotations

import re

from ngoaigiao.data import word_set
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.lexicon import PhraseSet, Token

_CREDIT = re.compile(r"\s+[-–]\s+(Ảnh|Nguồn)\b.*$")  # "... - Ảnh: VGP": a caption's credit
QUOTES_OPEN = {"“", '"', "«"}
QUOTES_CLOSE = {"”", '"', "»"}


def heads() -> PhraseSet:
    return lx.phrase_list("document_heads.txt")


def _generic(toks: list[Token], i: int, name: str) -> bool:
    """A kind of document, not one named: lower case and counted ("các nghị định thư về ...",
    "16 văn bản") or with nothing particular after the head ("ký bản ghi nhớ hợp tác");
    "ký biên bản hợp tác năm 2013-2014" names one."""
    if toks[i].is_cap:
        return False
    if i and (toks[i - 1].text.isdigit() or toks[i - 1].low in word_set("count_words.txt")):
        return True
    return not any(w[:1].isupper() or w[:1].isdigit() for w in name.split()[1:])


STOP_WORDS = ("nhằm", "để", "với", "có")


def _name_goes_on(toks: list[Token], j: int, b: int) -> bool:
    """After a comma, a lower-case stretch that reaches a capitalised word before the next
    punctuation still belongs to the name ("..., thúc đẩy xây dựng Cộng đồng chia sẻ tương
    lai Việt Nam – Trung Quốc"); one that does not is the sentence going on ("..., trong
    chuyến thăm")."""
    for x in range(j, b):
        t = toks[x]
        if not t.is_word and t.text not in ("-", "–"):
            return False
        if t.low in STOP_WORDS:
            return False
        if t.is_cap:
            return True
    return False


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
            if t.text == "," and j + 1 < b and toks[j - 1].end == t.start == toks[j + 1].start - 1 \
                    and toks[j - 1].text.isdigit() and toks[j + 1].text.isdigit():
                j += 1  # a decimal comma: "129,5 triệu"
                continue
            if t.text == "," and (j + 1 >= b or hs.match(toks, j + 1)
                                  or not (toks[j + 1].is_cap or _name_goes_on(toks, j + 1, b))):
                break
            if t.low == "và" and hs.match(toks, j + 1):
                break
            if t.low in STOP_WORDS:
                break
            j += 1
        if j > i:
            name = _CREDIT.sub("", article.text[toks[i].start:toks[j - 1].end]).strip()
            if not _generic(toks, i, name):
                out.append(name)
        i = j + 1
    return out
