"""How likely a character is in a Chinese surname or given name.

The numbers come from three places, all shipped with the package:
1. data/zh_surnames.tsv: population shares of surnames (hand-written from
   published rankings) and the Hán-Việt form Vietnamese uses for each;
2. data/zh_given_chars.tsv: characters common in given names, weight 1-3
   (hand-written general knowledge, not taken from the name table);
3. the name table itself (data/people.tsv): how often a character occurs in
   the given names of the Chinese persons listed there. The evaluation passes
   the held-out persons in `exclude_ids`, so they never feed their own prior.
Plus each character's general commonness (readings.commonness).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ngoaigiao.data import load_tsv
from ngoaigiao.names import readings

# Weights of the given-name score (tuned on the evaluation's development split,
# never on its test half): hand tier, per occurrence in the table, commonness.
HAND_WEIGHT = {3: 6.0, 2: 3.0, 1: 1.5}
TABLE_WEIGHT = 3.0
TABLE_CAP = 3
COMMON_WEIGHT = 2.0
GIVEN_FLOOR = 0.05
SURNAME_FLOOR = 0.002  # percent, for a character not in the surname list


@dataclass(frozen=True)
class Surname:
    zh: str
    pinyin: str
    hanviet: str
    share: float  # percent


@functools.cache
def surnames() -> dict[str, Surname]:
    out: dict[str, Surname] = {}
    last_share, last_rank = 1.0, 1
    for rank, row in enumerate(load_tsv("zh_surnames.tsv"), start=1):
        zh = row.get("zh", "")
        if not zh or zh in out:
            continue
        if row.get("share"):
            share = float(row["share"])
            last_share, last_rank = share, rank
        else:  # the tail of the ranking: 1/rank from the last stated share
            share = last_share * last_rank / rank
        out[zh] = Surname(zh, row.get("pinyin", ""), row.get("hanviet", ""), share)
    return out


@functools.cache
def hand_given() -> dict[str, int]:
    out: dict[str, int] = {}
    for row in load_tsv("zh_given_chars.tsv"):
        ch, w = row.get("zh", ""), row.get("weight", "")
        if ch and w.isdigit():
            out[ch] = max(out.get(ch, 0), int(w))
    return out


@functools.cache
def table_given_counts(exclude_ids: frozenset[str] = frozenset()) -> dict[str, int]:
    """Characters of the given names of the table's Chinese persons (minus `exclude_ids`)."""
    from ngoaigiao.names import table
    counts: dict[str, int] = {}
    for p in table.all_persons():
        if p["country"] != "CN" or not p["zh"] or p["id"] in exclude_ids:
            continue
        zh = p["zh"]
        given = zh[2:] if zh[:2] in surnames() else zh[1:]
        for ch in given:
            counts[ch] = counts.get(ch, 0) + 1
    return counts


@dataclass(frozen=True)
class Prior:
    exclude_ids: frozenset[str] = frozenset()
    use_hand: bool = True
    use_table: bool = True
    uniform: bool = False  # the baseline: every character alike (readings still ranked)

    def given(self, ch: str) -> float:
        if self.uniform:
            return 1.0
        w = GIVEN_FLOOR + COMMON_WEIGHT * readings.commonness(ch)
        if self.use_hand:
            w += HAND_WEIGHT.get(hand_given().get(ch, 0), 0.0)
        if self.use_table:
            w += TABLE_WEIGHT * min(TABLE_CAP, table_given_counts(self.exclude_ids).get(ch, 0))
        return w

    def surname(self, ch: str) -> float:
        if self.uniform:
            return 1.0
        s = surnames().get(ch)
        if s:
            return s.share
        return SURNAME_FLOOR * (0.2 + readings.commonness(ch))


DEFAULT = Prior()
