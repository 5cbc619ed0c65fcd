"""The name table: lookup of known persons by any written form.

A person is found by the Vietnamese form news writes ("Tập Cận Bình"), an
alias ("Joseph R. Biden"), the Chinese characters ("习近平") or pinyin in any
spacing ("Xi Jinping", "xijinping"). Matching ignores case, the two
tone-mark placements and i/y spelling ("Lý Hy" = "Lí Hi"); if no exact form
matches, a diacritic-free form is tried ("Tap Can Binh").

The table is read once per process (functools.cache). Rows from
NGOAIGIAO_DATA_DIR are appended (see ngoaigiao.data).
"""
from __future__ import annotations

import functools
import re
import unicodedata

from ngoaigiao.data import load_tsv
from ngoaigiao.textnorm import fold, key

# A y that is a syllable's only vowel is a spelling variant of i ("Lý"/"Lí",
# "Hy"/"Hi", "Kỳ"/"Kì"); in "quý", "thủy", "Duy", "Mây" it is not.
_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
_VOWELS = set("aeiouy")


def _iy(text: str) -> str:
    out = []
    for word in text.split(" "):
        if len(word) > 1 and fold(word[-1]) == "y" and not (_VOWELS & set(fold(word[:-1]))):
            word = word[:-1] + word[-1].translate(_Y_TO_I)
        out.append(word)
    return " ".join(out)


@functools.lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """Exact comparison key: NFC, one tone placement, lower case, i/y unified."""
    return _iy(key(text))


@functools.lru_cache(maxsize=65536)
def loose_key(text: str) -> str:
    """Diacritic-free key with i/y unified and no spaces, hyphens or apostrophes."""
    return re.sub(r"[\s\-'’.]", "", _iy(fold(text)))


def _person(row: dict[str, str]) -> dict:
    return {
        "id": row.get("id", ""),
        "name": row.get("name", ""),
        "country": row.get("country") or None,
        "zh": row.get("zh") or None,
        "pinyin": row.get("pinyin") or None,
        "aliases": [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()],
        "gender": row.get("gender") or None,
        "note": row.get("note") or None,
    }


@functools.cache
def _index() -> tuple[dict[str, dict], dict[str, list[str]], dict[str, list[str]], dict[str, list[dict]]]:
    persons: dict[str, dict] = {}
    exact: dict[str, list[str]] = {}
    loose: dict[str, list[str]] = {}
    for row in load_tsv("people.tsv"):
        p = _person(row)
        if not p["id"] or p["id"] in persons:
            continue
        persons[p["id"]] = p
        forms = [p["name"], *p["aliases"]]
        if p["pinyin"]:
            forms.append(p["pinyin"])
        for form in forms:
            exact.setdefault(match_key(form), []).append(p["id"])
            loose.setdefault(loose_key(form), []).append(p["id"])
        if p["zh"]:
            exact.setdefault(unicodedata.normalize("NFC", p["zh"]), []).append(p["id"])
    positions: dict[str, list[dict]] = {}
    for row in load_tsv("positions.tsv"):
        pid = row.get("person_id", "")
        if pid in persons and row.get("title"):
            positions.setdefault(pid, []).append({
                "title": row["title"],
                "start": row.get("start") or None,
                "end": row.get("end") or None,
                "note": row.get("note") or None,
            })
    return persons, exact, loose, positions


def all_persons() -> list[dict]:
    return list(_index()[0].values())


def person(person_id: str) -> dict | None:
    return _index()[0].get(person_id)


def persons_by_name(name: str) -> list[dict]:
    """Every table person a written form may denote (exact forms first, then diacritic-free)."""
    persons, exact, loose, _ = _index()
    name = (name or "").strip()
    if not name:
        return []
    ids = exact.get(unicodedata.normalize("NFC", name)) or exact.get(match_key(name))
    if not ids:
        ids = loose.get(loose_key(name), [])
    seen: list[str] = []
    for pid in ids:
        if pid not in seen:
            seen.append(pid)
    return [persons[pid] for pid in seen]


def person_by_name(name: str) -> dict | None:
    """The table person for `name`, or None; when a form is shared, the first listed wins."""
    found = persons_by_name(name)
    return found[0] if found else None


def positions_for(person_id: str) -> list[dict]:
    return list(_index()[3].get(person_id, []))


def terms(name: str) -> list[tuple[str, str | None, str | None]]:
    """(title, start, end) for every position of the person named; end None = still in office."""
    p = person_by_name(name)
    if not p:
        return []
    return [(x["title"], x["start"], x["end"]) for x in positions_for(p["id"])]


def country_of(name: str) -> str | None:
    p = person_by_name(name)
    return p["country"] if p else None
