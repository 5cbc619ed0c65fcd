"""A person's derived row from counted article rows (store/person_tally.py) is the one a
recount of the sorted rows gives, whatever order the rows come in."""
from __future__ import annotations

import random
from collections import Counter

from ngoaigiao import resolve
from ngoaigiao.store.person_tally import PersonTally

ROWS = [  # (article_id, name, country, zh, pinyin, name_source)
    ("2024-08-19-hoi-dam", "Tập Cận Bình", "CN", "习近平", "Xi Jinping", "table"),
    ("2023-12-12-tham", "Tap Can Binh", "CN", None, None, None),
    ("2023-12-12-tham", "Tập Cận Bình", None, None, "Xi Jinping", None),
    ("2025-04-14-ha-noi", "Tập Cận Bình", "CN", None, None, "article"),
    ("2022-10-31-tiep", "Tập Cận Bình", "VN", None, None, None),   # a wrong country, outvoted
    ("2022-10-31-tiep", "Chủ tịch Tập Cận Bình", "CN", "习近平", None, None),
    ("2021-01-05-dien", "Tap Can Binh", None, None, None, None),
]


def recount(rows: list[tuple], pid: int = 7):
    """The rule as written over rows sorted by (article id, name): Counter order, first-found."""
    rows = sorted(rows, key=lambda r: (r[0], r[1]))
    names = Counter(r[1] for r in rows)
    canon = max(names, key=lambda n: (resolve.fold_short(n) != n.lower(), names[n], len(n)))
    countries = Counter(r[2] for r in rows if r[2])
    country = countries.most_common(1)[0][0] if countries else None

    def first(i):
        return next((r[i] for r in rows if r[i]), None)

    values = (canon, resolve.name_key(canon), country, first(3), first(4), first(5), len({r[0] for r in rows}))
    return values, [(pid, n, resolve.name_key(n), resolve.fold_short(resolve.name_key(n)), c) for n, c in names.items()]


def test_tally_in_any_order_equals_the_recount():
    rnd = random.Random(11)
    for n in range(1, len(ROWS) + 1):
        for _ in range(20):
            rows = rnd.sample(ROWS, n)
            tally = PersonTally()
            for r in rows:
                tally.add(*r)
            assert tally.derive(7) == recount(rows), rows


def test_ties_go_to_the_first_row_and_counts_win():
    tally = PersonTally()
    for r in ROWS:
        tally.add(*r)
    values, aliases = tally.derive(7)
    assert values[0] == "Tập Cận Bình" and values[2] == "CN"          # 4 rows against 2, CN 4 against VN 1
    assert values[3:] == ("习近平", "Xi Jinping", "table", 5)          # first non-empty by (article id, name)
    assert [a[1] for a in aliases] == ["Tap Can Binh", "Chủ tịch Tập Cận Bình", "Tập Cận Bình"]
    # two spellings of one count: the one whose first row sorts first wins the tie
    tie = PersonTally()
    tie.add("b", "Nguyễn Văn A", None, None, None, None)
    tie.add("a", "Nguyễn Văn Á", None, None, None, None)
    assert tie.derive(1)[0][0] == "Nguyễn Văn Á"


def test_rows_in_the_database_order_keep_that_order():
    """from_rows takes the rows in the order given (a database's ORDER BY under its collation)."""
    rows = [dict(zip(("article_id", "name", "country", "zh", "pinyin", "name_source"), r))
            for r in [("b", "Lê Văn Thành", "VN", None, None, None), ("a", "Lê Văn Thanh", "LA", None, None, None)]]
    values, _ = PersonTally.from_rows(rows).derive(3)
    assert values[0] == "Lê Văn Thành" and values[2] == "VN"
    values, _ = PersonTally.from_rows(rows[::-1]).derive(3)
    assert values[2] == "LA"
