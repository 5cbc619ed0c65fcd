"""The level of an office (party, state, government, assembly, ministry,
province) from the words of a title, by the ordered rules of data/levels.tsv."""
from __future__ import annotations

import functools
import re

from ngoaigiao.data import load_tsv
from ngoaigiao.textnorm import fold

LEVELS = ("party", "state", "government", "assembly", "ministry", "province")


@functools.cache
def _rules() -> tuple[tuple[re.Pattern, str], ...]:
    out = []
    for r in load_tsv("levels.tsv"):
        if r.get("words") and r.get("level") in LEVELS:
            out.append((re.compile(r"(?<!\w)" + re.escape(fold(r["words"])) + r"(?!\w)"), r["level"]))
    return tuple(out)


@functools.lru_cache(maxsize=1 << 14)
def title_level(title: str | None) -> str | None:
    """'Bí thư Tỉnh ủy Lạng Sơn' -> 'province'; 'Phó Thủ tướng' -> 'government'; None if no rule applies."""
    if not title:
        return None
    t = fold(title)
    for pattern, level in _rules():
        if pattern.search(t):
            return level
    return None
