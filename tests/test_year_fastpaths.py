"""The quick paths of year inference give what the plain computations they replace give."""
from __future__ import annotations

import math
import random
import re

from ngoaigiao.annotate import year
from ngoaigiao.annotate.year import Evidence


def _plain_posterior(evidence, universe):
    """The log-likelihood of every year, computed term by term for each year."""
    return {y: sum(math.log(e.r * e.years.get(y, 0.0) + (1 - e.r) * year.FLOOR) for e in evidence)
            for y in universe}


def test_unpointed_years_share_one_likelihood():
    rng = random.Random(7)
    for _ in range(200):
        evidence = []
        for k in range(rng.randint(1, 6)):
            first = rng.randint(1950, 2026)
            years = {first + d: rng.random() for d in range(rng.randint(0, 3))}
            evidence.append(Evidence(years, rng.choice([0.5, 0.6, 0.85, 0.9]), f"clue {k} {years}"))
        pointed = [y for e in evidence for y in e.years]
        if not pointed:
            continue
        universe = range(min(pointed) - year.MARGIN, max(pointed) + year.MARGIN + 1)
        plain = _plain_posterior(evidence, universe)
        unpointed = sum(math.log(e.r * 0.0 + (1 - e.r) * year.FLOOR) for e in evidence)
        for y in universe:
            if y not in pointed:
                assert plain[y] == unpointed  # bit for bit: the same terms in the same order


def test_combine_picks_the_year_the_clues_point_at():
    guess = year.combine([Evidence({2024: 1.0}, year.R_FULL_DATE, "full date"),
                          Evidence({2023: 0.65, 2024: 0.25, 2025: 0.1}, year.R_NAMED_YEAR, "named year"),
                          Evidence({1950: 1.0}, 0.5, "an anniversary far back")], last_year=2026)
    assert guess.year == 2024 and 0.5 < guess.confidence <= year.MAX_CONFIDENCE
    assert "full date" in guess.reason and "anniversary" in guess.reason.split("| against:")[1]


def test_capitalised_runs_as_the_plain_pattern_finds_them():
    # the run pattern asks "no word character before" after its first capital (speed); the same
    # runs as the look-behind written first (text written for this test)
    plain = re.compile(rf"(?<!\w)[{re.escape(year._UPPER)}]\w*(?:[ \t]+[{re.escape(year._UPPER)}]\w*)+")
    text = "Sáng 8/1, Thủ tướng Phạm Minh Chính tiếp aBộ Trưởng Lê Văn\tA, ĐạiSứ Ý Nhật; xY Z 1A B _C D"
    for start in range(len(text)):
        assert ([m.span() for m in year._CAPITALISED_RUN.finditer(text, start)]
                == [m.span() for m in plain.finditer(text, start)])
