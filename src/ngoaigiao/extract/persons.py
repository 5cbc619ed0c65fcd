"""Persons and titles (placeholder)."""
from __future__ import annotations

from ngoaigiao.article import Article


def extract_persons(article: Article) -> Article:
    return article
