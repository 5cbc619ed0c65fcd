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


def test_anchor_patterns_open_with_their_first_digit_and_match_alike():
    # "(?P<n>\d{1,3})" is compiled as "(?P<n>\d\d{0,2})" (speed): the same matches
    assert year._digit_first(r"(?P<n>\d{1,3})\s+năm") == r"(?P<n>\d\d{0,2})\s+năm"
    assert year._digit_first(r"kỳ\s+họp\s+thứ\s+(?P<n>\d{1,2})") == r"kỳ\s+họp\s+thứ\s+(?P<n>\d{1,2})"
    text = "Kỷ niệm 75 năm thiết lập quan hệ, 1234 năm trước, 5 năm, ngày 30 năm 2020, 07 năm 12năm"
    plain = re.compile(r"(?P<n>\d{1,3})\s+năm", re.IGNORECASE)
    ours = re.compile(year._digit_first(plain.pattern), re.IGNORECASE)
    for start in range(len(text)):
        assert [m.regs for m in ours.finditer(text, start)] == [m.regs for m in plain.finditer(text, start)]


def test_whole_word_alternation_finds_what_the_plain_one_finds():
    words = ["hoa kỳ", "hàn quốc", "hà lan", "lào", "la mã", "nam phi", "nam", "mỹ"]  # longest first within a letter
    plain = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
    ours = re.compile(year._whole_words_any(words))
    text = "thủ tướng hoa kỳ, hàn quốc và hà lan; lào nam phi namphi xlào mỹ-nam la mã_ nam"
    for start in range(len(text)):
        assert [m.span() for m in ours.finditer(text, start)] == [m.span() for m in plain.finditer(text, start)]


def test_title_window_stops_grouped_by_first_letter_match_alike():
    from ngoaigiao.data import load_lines
    words = sorted(load_lines("title_window_stops.txt"), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    plain = re.compile(rf"(?:\.(?:\s|$)|;|\s(?:{alt}|đồng\s+chí|ông|bà)(?=\s))", re.IGNORECASE)
    text = ("Sáng 8/1, Thủ tướng đã tiếp  Đại sứ; hai bên hội đàm và Ông Lê Văn A đồng   chí B. "
            "cảm ơn bà C, ĐÓN đoàn, với\tông D. thăm, gặp mời " + " ".join(words) + " .")
    for start in range(len(text)):
        assert [m.span() for m in year._stops().finditer(text, start)] == [m.span() for m in plain.finditer(text, start)]
    assert year._by_first_letter(["Ông", "ông"]) == "Ông|ông"  # one letter in two cases: not grouped


def test_requires_patterns_count_alike_on_the_lower_case():
    # anchors.tsv's `requires` are matched case-sensitively on the page's lower case: each must
    # count what it counts ignoring case on the page (so no upper-case escape like \S in them)
    from ngoaigiao.data import load_tsv
    text = ("Hai nước Trung Quốc và Việt Nam, quan hệ Việt - Trung, Lào Cai và nước Lào, LIÊN XÔ, Nga, "
            "Hoa Kỳ, Mỹ, Ấn Độ, Đức, Anh hùng và Vương quốc Anh, I-ta-li-a, Úc, Séc, Timor-Leste.")
    rows = [r for r in load_tsv("anchors.tsv") if r.get("requires")]
    assert len(rows) > 20
    for r in rows:
        plain = year._compiled(r["requires"]).findall(text)
        lowered = year._compiled_lower(r["requires"]).findall(text.lower())
        assert len(plain) == len(lowered), r["requires"]
