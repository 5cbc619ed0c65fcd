"""Time expressions (placeholder)."""
from __future__ import annotations

from ngoaigiao.article import Article


def annotate_times(article: Article) -> Article:
    return article
