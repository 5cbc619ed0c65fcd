"""What the extractor calls for each person: Chinese characters and pinyin.

`enrich(name, country)` -> {"zh", "pinyin", "name_source", "score"}:
- a table person (any written form) -> the table's zh/pinyin, source "table",
  score 1.0 (zh/pinyin None for non-Chinese persons);
- a Chinese person (country "CN") not in the table -> the most probable
  generated pinyin and its most probable characters, source "generated",
  score = the model's probability of that pinyin (low = ambiguous);
- anyone else -> all None.
Results are memoised, so calling it once per person mention is cheap.
"""
from __future__ import annotations

import functools

from ngoaigiao.names import generate, table

_NONE = {"zh": None, "pinyin": None, "name_source": None, "score": None}


@functools.lru_cache(maxsize=16384)
def _enrich(name: str, country: str | None) -> tuple[tuple[str, object], ...]:
    p = table.person_by_name(name)
    if p and (not country or not p["country"] or p["country"] == country):
        if p["zh"] or p["pinyin"]:
            return tuple({"zh": p["zh"], "pinyin": p["pinyin"], "name_source": "table", "score": 1.0}.items())
        return tuple(_NONE.items())
    if country == "CN":
        best = generate.best_for_hanviet(name)
        if best:
            zh, py, score = best
            return tuple({"zh": zh, "pinyin": py, "name_source": "generated", "score": round(score, 3)}.items())
    return tuple(_NONE.items())


def enrich(name: str, country: str | None = None) -> dict:
    """zh, pinyin, name_source ("table" | "generated" | None) and score for a person's name."""
    if not name or not name.strip():
        return dict(_NONE)
    return dict(_enrich(" ".join(name.split()), (country or None) and country.upper()))
