"""Sentences over the article's body, caption and title blocks (placeholder)."""
from __future__ import annotations

import re

from ngoaigiao.article import Article, Sentence

_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")


def split_sentences(article: Article) -> Article:
    out = []
    for bi, b in enumerate(article.blocks):
        if b.kind == "furniture" or b.kind == "meta":
            continue
        start = b.start
        for m in _END.finditer(article.text, b.start, b.end):
            out.append(Sentence(start, m.start(), bi, b.kind))
            start = m.end()
        if start < b.end:
            out.append(Sentence(start, b.end, bi, b.kind))
    article.sentences = out
    return article
