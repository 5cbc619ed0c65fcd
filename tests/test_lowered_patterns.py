"""Fast forms of round 7 find what the plain forms they replace find: the date patterns run
case-sensitively on the page's lower case (dates._lowered), the tone-pair pattern grouped
by first letter (textnorm._TONE_RE). Sentences written for these tests."""
from __future__ import annotations

import re
import sys

import pytest

from ngoaigiao import textnorm
from ngoaigiao.annotate import dates

# Mixed case on purpose: the plain patterns are IGNORECASE, the lowered ones read lower case.
DATE_TEXTS = [
    "Sáng Ngày 09/10/2025, tại Hà Nội, Thủ tướng tiếp Đại sứ Nhật Bản.",
    "NGÀY 26/4 (THỨ SÁU), hai bên ký kết; CHIỀU 4/2 đoàn về nước.",
    "Thứ Sáu, ngày 6/9, Bộ trưởng thăm tỉnh; từ Ngày 25 - 28/4 là hội nghị.",
    "Từ ngày 30/10 đến ngày 1/11/2022 và TỪ 30/5 - 2/6/2013 diễn ra các phiên họp.",
    "Ngày 23 tháng 08 năm 2019, (23 Tháng 7 Năm 2021) và Hà Nội, 5 tháng 3 năm 2020.",
    "Tháng 10/2022, ĐẦU THÁNG 3 năm 2024, cuối năm 2025, GIAI ĐOẠN 2021-2025, Nhiệm Kỳ 2026 - 2031.",
    "Hôm nay, 1/3 dân số; Chiều Nay (28/10) hai bên gặp nhau; SÁNG QUA 7.9 đoàn đến.",
    "Năm 2022 và 2023, hai năm trước, Năm Tới, tháng trước, mỗi ngày 2-3 lần, 3.5 tỷ.",
    "Ngày 7–9/10/2025 (13/5/1955 - 13/5/2025) và ngày 25 và 26/4 năm ngoái.",
]


def _found(pattern, text, pos=0, endpos=None):
    endpos = len(text) if endpos is None else endpos
    return [(m.span(), {k: (v.lower() if v else v) for k, v in m.groupdict().items()})
            for m in pattern.finditer(text, pos, endpos)]


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_lowered_date_patterns_match_alike(text):
    fast = dates._lowered()
    if fast is None:
        pytest.skip("this Python has no re._casefix: the plain patterns are used")
    patterns, needs, _odd = fast
    low = text.lower()
    assert len(low) == len(text)
    assert [k for k, _p in patterns] == list(dates._patterns())
    for kind, pat in patterns:
        plain = dates._patterns()[kind]
        assert pat.flags & re.IGNORECASE == 0
        assert _found(pat, low) == _found(plain, text)
        assert _found(pat, low, 10, len(text) - 5) == _found(plain, text, 10, len(text) - 5)
    for kind, need in needs.items():
        assert bool(need.search(low)) == bool(dates._needs()[kind].search(text))


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_parse_block_on_the_lower_case_parses_alike(text):
    low = text.lower()
    fast = dates._parse_block(text, text, 0, len(text), low, lowered=True)
    plain = dates._parse_block(text, text, 0, len(text), low, lowered=False)
    assert fast == plain
    assert plain  # each text above holds a date


def test_lowering_a_pattern_keeps_escapes_and_group_names():
    src = r"(?<!\w)(?P<pre>Ngày\s+)(?P<d>\d\d?)(?P=pre)\S\W\D[A-ZĐ]"
    low = dates._lower_pattern(src)
    assert low == r"(?<!\w)(?P<pre>ngày\s+)(?P<d>\d\d?)(?P=pre)\S\W\D[a-zđ]"
    re.compile(low)


def test_a_page_with_the_engines_extra_case_pairs_takes_the_plain_path():
    fast = dates._lowered()
    if fast is None:
        pytest.skip("no re._casefix")
    odd = fast[2]
    assert "ı" in odd and "ſ" in odd  # "ı" matches "i", "ſ" matches "s" under IGNORECASE only
    text = "Ngày 26/4, gıai đoạn 2021-2025 và ſáng nay"
    # what the plain path finds there, the lowered one would not: hence the guard
    assert dates._patterns()["period"].search(text) and not dict(fast[0])["period"].search(text.lower())


def _all_chars() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_lower_case_keeps_word_digit_and_space_classes():
    chars = _all_chars()
    one = "".join(c for c in chars if len(c.lower()) == 1)
    low = "".join(c.lower() for c in one)
    for cls in (r"\w", r"\d", r"\s"):
        pat = re.compile(cls)
        assert [m.start() for m in pat.finditer(one)] == [m.start() for m in pat.finditer(low)], cls
    assert low == low.lower()


def test_ignorecase_letters_match_what_lowers_to_them_but_the_extra_pairs():
    fast = dates._lowered()
    if fast is None:
        pytest.skip("no re._casefix")
    chars = _all_chars()
    by_lower: dict[str, set[str]] = {}
    for c in chars:
        low = c.lower()
        if len(low) == 1:
            by_lower.setdefault(low, set()).add(c)
    letters = {c for _k, p in fast[0] for c in p.pattern if c.isalpha() and c.islower()}
    for c in sorted(letters):
        found = set(re.findall(re.escape(c), chars, re.IGNORECASE))
        # İ lowers to two characters (never on the lower-case path, see lexicon.exact_lower)
        assert found ^ by_lower.get(c, set()) <= set(fast[2]) | {"\u0130"}, c


TONE_TEXTS = [
    "Hoà bình, hoà hợp; Uỷ ban, thuỷ lợi, Hoàng Thuỳ, khoẻ mạnh",
    "HOÀ BÌNH và ỦY BAN; Oà, OÀ, oÀ, uỶ, Uỷ, UỶ, Uý1, toạ_đàm, xoè-ra",
    "quý, thuý, tuỳ, Tuỵ; loà loá loả loã loạ, oè oé oẻ oẽ oẹ, uỳ uý uỷ uỹ uỵ",
    "",
    "Hòa, ủy (already old style) hoàn, thuyền, khoản",
]


@pytest.mark.parametrize("text", TONE_TEXTS)
def test_tone_pairs_grouped_by_first_letter_match_alike(text):
    plain = re.compile(textnorm._TONE_PLAIN)
    assert _found(textnorm._TONE_RE, text) == _found(plain, text)
    assert [m.group() for m in textnorm._TONE_RE.finditer(text)] == [m.group() for m in plain.finditer(text)]


def test_match_form_changes_the_pairs_that_end_a_syllable():
    assert textnorm.match_form("Hoà bình, Uỷ ban, hoàng, thuỷ") == "Hòa bình, Ủy ban, hoàng, thủy"


def test_title_window_stops_on_the_lower_case_match_alike():
    from ngoaigiao.annotate import year
    from ngoaigiao.data import load_lines
    fast = year._stops_lower()
    if fast is None:
        pytest.skip("no re._casefix")
    pat, odd = fast
    assert "ı" in odd and pat.flags & re.IGNORECASE == 0
    words = load_lines("title_window_stops.txt")
    text = ("Sáng 8/1, Thủ Tướng đã tiếp  Đại sứ; hai bên HỘI ĐÀM và Ông Lê Văn A Đồng   Chí B. "
            "Cảm ơn BÀ C, ĐÓN đoàn, với\tông D. thăm, gặp mời " + " ".join(w.upper() for w in words) + " .")
    low = text.lower()
    for start in range(0, len(text), 3):
        assert ([m.span() for m in pat.finditer(low, start)]
                == [m.span() for m in year._stops().finditer(text, start)])
    for s in range(0, len(low) - 20, 17):
        assert year._title_windows(low, s, s + 10, pat) == year._title_windows(low, s, s + 10)


def test_extra_case_chars_name_the_engines_pairs_for_the_patterns_letters():
    if dates.extra_case_chars(re.compile("x")) is None:
        pytest.skip("no re._casefix")
    assert dates.extra_case_chars(re.compile("giai", re.IGNORECASE)) == "ı"
    assert dates.extra_case_chars(re.compile("sáng", re.IGNORECASE)) == "ſ"
    assert dates.extra_case_chars(re.compile("ngày", re.IGNORECASE)) == ""
