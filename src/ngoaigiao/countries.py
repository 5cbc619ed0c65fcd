"""Country codes and names: ISO 3166-1 alpha-2 codes from a name in Vietnamese
or English (diacritics, case and spacing optional) or a code, and a country's
name in either language.

    country_code("Trung Quốc") == country_code("trung quoc") == country_code("China") == "CN"
    country_code("cn") == "CN";  country_code("Atlantis") is None

Data an analyst extends: data/countries.tsv (every ISO code, numeric code,
English short name), data/country_names_en.tsv (more English names) and the
country rows of data/places.tsv (every Vietnamese spelling the news uses).
Used by the CLI's --country, the API and the web app's country filter."""
from __future__ import annotations

import functools
import re

from ngoaigiao.data import load_tsv
from ngoaigiao.textnorm import fold

ACCEPTED = "an ISO code such as CN, or a country name in Vietnamese or English ('Trung Quốc', 'China')"


def _key(name: str) -> str:
    return re.sub(r"[\s\-_.']+", " ", fold(name).lower()).strip()


@functools.cache
def _table() -> tuple[dict[str, dict], dict[str, str], dict[str, str]]:
    by_code: dict[str, dict] = {}
    by_name: dict[str, str] = {}
    by_numeric: dict[str, str] = {}
    for r in load_tsv("countries.tsv"):
        code = r["code"].upper()
        by_code[code] = {"code": code, "en": r.get("en") or code, "vi": r.get("vi") or ""}
        if r.get("numeric"):
            by_numeric[r["numeric"].lstrip("0") or "0"] = code
        for n in (r.get("en"), r.get("vi")):
            if n:
                by_name.setdefault(_key(n), code)
    for r in load_tsv("places.tsv"):
        if r.get("kind") in ("country", "region") and r.get("country"):
            code = r["country"].upper()
            by_name.setdefault(_key(r["name"]), code)
            entry = by_code.setdefault(code, {"code": code, "en": code, "vi": ""})
            if not entry["vi"]:
                entry["vi"] = r["name"]
    for r in load_tsv("country_names_en.tsv"):
        code = (r.get("country") or "").upper()
        if r.get("name") and re.fullmatch(r"[A-Z]{2}", code):
            by_name.setdefault(_key(r["name"]), code)
    return by_code, by_name, by_numeric


def country_code(text: str | None) -> str | None:
    """'CN', 'cn', 'Trung Quốc', 'trung quoc', 'China' -> 'CN'; None when unknown."""
    if not text or not text.strip():
        return None
    by_code, by_name, _ = _table()
    t = text.strip()
    if len(t) == 2 and t.isalpha() and t.upper() in by_code:
        return t.upper()
    return by_name.get(_key(t))


@functools.cache
def _exact() -> dict[str, str]:
    from ngoaigiao.textnorm import key

    out: dict[str, str] = {}
    for code, entry in _table()[0].items():
        for n in (entry["en"], entry["vi"]):
            if n:
                out.setdefault(key(n), code)
    for r in load_tsv("places.tsv"):
        if r.get("kind") in ("country", "region") and r.get("country"):
            out.setdefault(key(r["name"]), r["country"].upper())
    return out


def country_code_exact(text: str) -> str | None:
    """Like country_code, but the name must be written with its diacritics ('Bỉ' is Belgium, 'Bí' is not)."""
    from ngoaigiao.textnorm import key

    return _exact().get(key(text))


def country_name(code: str | None, lang: str = "vi") -> str | None:
    """The country's name in `lang` (Vietnamese falls back to English); None if the code is unknown."""
    if not code:
        return None
    entry = _table()[0].get(code.upper())
    if not entry:
        return None
    return (entry["vi"] or entry["en"]) if lang == "vi" else entry["en"]


def code_from_numeric(numeric: str | int) -> str | None:
    """ISO 3166-1 numeric (as in Natural Earth / world-atlas ids) -> alpha-2."""
    return _table()[2].get(str(numeric).lstrip("0") or "0")


def all_codes() -> list[str]:
    return sorted(_table()[0])


@functools.cache
def known_codes() -> frozenset[str]:
    return frozenset(_table()[0])
