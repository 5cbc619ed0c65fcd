"""Country names a user types -> ISO 3166-1 alpha-2 codes.

    country_code("Trung Quốc") == country_code("trung quoc") == country_code("China") == "CN"
    country_code("cn") == "CN";  country_code("Atlantis") is None

Vietnamese names come from data/places.tsv (rows of kind `country`), English
ones from data/country_names_en.tsv; an analyst adds a name there, not here.
Matching ignores case, diacritics and spacing. Used by the CLI's `--country`
and meant for the web app's country filter too.
"""
from __future__ import annotations

import functools
import re

from ngoaigiao.data import load_tsv
from ngoaigiao.textnorm import fold


def _key(name: str) -> str:
    return re.sub(r"[\s\-_.']+", " ", fold(name).lower()).strip()


@functools.cache
def _names() -> dict[str, str]:
    table: dict[str, str] = {}
    rows = [r for r in load_tsv("places.tsv") if r.get("kind") == "country"]
    rows += list(load_tsv("country_names_en.tsv"))
    for r in rows:
        code = (r.get("country") or "").upper()
        if r.get("name") and re.fullmatch(r"[A-Z]{2}", code):
            table.setdefault(_key(r["name"]), code)
    return table


@functools.cache
def known_codes() -> frozenset[str]:
    return frozenset(_names().values())


def country_code(text: str | None) -> str | None:
    """The ISO code for a code or a country name in Vietnamese or English; None if unknown."""
    if not text or not text.strip():
        return None
    raw = text.strip()
    if re.fullmatch(r"[A-Za-z]{2}", raw) and raw.upper() in known_codes():
        return raw.upper()
    return _names().get(_key(raw))


ACCEPTED = "an ISO code such as CN, or a country name in Vietnamese or English ('Trung Quốc', 'China')"
