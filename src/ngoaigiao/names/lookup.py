"""One entry point for every direction: the table first, then generation.

`lookup("Lưu Hải Tinh")`, `lookup("Wang Yi", mode="pinyin")`,
`lookup("王毅", mode="zh")` return the table persons a form denotes (with
their positions) and, when the table has none (or `always_generate`), the
generated candidates, each labelled with its source.
"""
from __future__ import annotations

import re
import unicodedata

from ngoaigiao.names import generate, table
from ngoaigiao.textnorm import fold

MODES = ("auto", "hanviet", "pinyin", "zh")
_CJK = re.compile("[\u3400-\u9fff\U00020000-\U0003134f]")


def detect_mode(query: str) -> str:
    """zh if it has Chinese characters, hanviet if Vietnamese letters, pinyin if it parses as pinyin."""
    if _CJK.search(query):
        return "zh"
    if fold(query) != " ".join(query.lower().split()):
        return "hanviet"  # has Vietnamese diacritics
    return "pinyin" if generate.parse_pinyin(query) else "hanviet"


def lookup(query: str, mode: str = "auto", top: int = generate.TOP_DEFAULT, always_generate: bool = False) -> dict:
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
    query = unicodedata.normalize("NFC", (query or "").strip())
    if mode == "auto":
        mode = detect_mode(query) if query else "hanviet"
    found = table.persons_by_name(query) if query else []
    persons = [dict(p, positions=table.positions_for(p["id"]), source="table") for p in found]
    out: dict = {"query": query, "mode": mode, "table": persons,
                 "source": "table" if persons else "none", "generated": None}
    if query and (always_generate or not persons):
        gen = {"hanviet": generate.from_hanviet, "pinyin": generate.from_pinyin}.get(mode)
        res = gen(query, top=top) if gen else generate.from_zh(query, top=top)
        out["generated"] = res
        if not persons and res["candidates"]:
            out["source"] = "generated"
    return out
