"""Clean: split the page into blocks (placeholder: every non-empty line is body)."""
from __future__ import annotations

import re

from ngoaigiao.article import Article, Block


def clean(article: Article) -> Article:
    blocks = []
    for m in re.finditer(r"[^\n]+", article.text):
        if m.group().strip():
            blocks.append(Block(m.start(), m.end(), "body"))
    article.blocks = blocks
    return article
