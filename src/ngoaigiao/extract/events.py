"""Events (placeholder)."""
from __future__ import annotations

from ngoaigiao.article import Article


def extract_events(article: Article) -> Article:
    return article
