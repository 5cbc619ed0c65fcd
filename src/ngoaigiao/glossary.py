"""English for titles, organisations and places, from data/glossary_en.tsv.

`english(text)` reads the text as phrases of the glossary (longest first) and
country or place names, and writes their English in the same order, joined
as English joins them ("Bộ trưởng Ngoại giao Trung Quốc" -> "Minister of
Foreign Affairs of China"; "Đại sứ Việt Nam tại Nhật Bản" -> "Vietnamese
Ambassador to Japan"). Words it does not know are kept as written; Vietnamese
place names it does not know lose their diacritics, as English writes them.
"""
from __future__ import annotations

import functools
import unicodedata

from ngoaigiao.countries import country_code, country_code_exact, country_name
from ngoaigiao.data import load_tsv
from ngoaigiao.textnorm import key

MAX_WORDS = 12


@functools.cache
def _phrases() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for r in load_tsv("glossary_en.tsv"):
        if r.get("vi") and r.get("en"):
            out.setdefault(key(r["vi"]), (r["en"], r.get("kind") or "word"))
    return out


@functools.cache
def _vn_places() -> frozenset[str]:
    return frozenset(key(r["name"]) for r in load_tsv("places.tsv") if r.get("country") == "VN"
                     and r.get("kind") in ("city", "province"))


def strip_marks(text: str) -> str:
    """'Lạng Sơn' -> 'Lang Son'."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in t if not unicodedata.combining(c)))


def _pieces(text: str) -> list[tuple[str, str]]:
    words = text.split()
    phrases = _phrases()
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        hit = None
        for j in range(min(len(words), i + MAX_WORDS), i, -1):
            span = " ".join(words[i:j])
            k = key(span)
            if k in phrases:
                hit = (j, phrases[k])
                break
            code = country_code_exact(span) if j - i <= 6 else None
            if code and (j - i > 1 or span[:1].isupper()):
                hit = (j, (country_name(code, "en") or span, "country"))
                break
            if k in _vn_places():
                hit = (j, (strip_marks(span), "place"))
                break
        if hit:
            out.append(hit[1])
            i = hit[0]
        else:
            out.append((words[i], "other"))
            i += 1
    return out


@functools.lru_cache(maxsize=1 << 14)
def english(text: str | None) -> str:
    """The English of a title, organisation or place (the text itself if nothing is known)."""
    if not text:
        return text or ""
    if "," in text or ";" in text:
        sep = ";" if ";" in text else ","
        return (sep + " ").join(english(p.strip()) for p in text.split(sep) if p.strip())
    pieces = _pieces(text.strip())
    if all(kind == "other" for _, kind in pieces):
        return text
    parts: list[str] = []
    prev = None
    for en, kind in pieces:
        if prev in ("title", "org") and kind in ("country", "place"):
            parts.append("of")
        elif prev == "title" and kind == "org":
            parts.append("of the")
        parts.append(en)
        prev = kind
    return " ".join(parts)


def place_english(name: str | None) -> str:
    """A place: the glossary's English, a country's English name, or the name without diacritics."""
    if not name:
        return name or ""
    k = key(name)
    hit = _phrases().get(k)
    if hit:
        return hit[0]
    code = country_code(name)
    if code:
        return country_name(code, "en") or name
    if k in _vn_places():
        return strip_marks(name)
    return english(name)
