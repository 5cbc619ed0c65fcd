"""Metadata: title, publication date, outlet, URL, author (placeholder)."""
from __future__ import annotations

from ngoaigiao.article import Article


def extract_metadata(article: Article) -> Article:
    return article
