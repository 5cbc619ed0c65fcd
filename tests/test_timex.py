"""Time expressions: the shapes of Vietnamese diplomatic news, resolved to ISO."""
from __future__ import annotations

import pytest

from ngoaigiao.annotate.timex import annotate_times
from ngoaigiao.article import Article, Block, YearGuess
from ngoaigiao.textnorm import match_form


def article(*lines: str | tuple[str, str], published: str | None = None) -> Article:
    """An article whose lines are body blocks; ("furniture", text) gives another kind."""
    texts, kinds = [], []
    for line in lines:
        kind, line = line if isinstance(line, tuple) else ("body", line)
        texts.append(line)
        kinds.append(kind)
    text = "\n".join(texts)
    blocks, pos = [], 0
    for line, kind in zip(texts, kinds):
        blocks.append(Block(pos, pos + len(line), kind))
        pos += len(line) + 1
    return Article(id="t", raw=text, text=text, match=match_form(text), blocks=blocks, published=published)


def times(text: str, published: str | None = "2023-04-26") -> list[tuple[str, str | None, str | None]]:
    art = annotate_times(article(text, published=published))
    return [(t.text, t.date, t.end_date) for t in art.times]


@pytest.mark.parametrize("text, expected", [
    ("Ngày 26/4, tại thủ đô Bắc Kinh, hai bên hội đàm.", ("Ngày 26/4", "2023-04-26", None)),
    ("Chiều 4/2, Thủ tướng tiếp Đại sứ.", ("Chiều 4/2", "2023-02-04", None)),
    ("Sáng 4-9, Chủ tịch nước hội đàm.", ("Sáng 4-9", "2022-09-04", None)),
    ("Trước đó, ngày 3-9, đoàn đã tới.", ("ngày 3-9", "2022-09-03", None)),
    ("Sáng ngày 09/10/2025, Phó Thủ tướng tiếp đoàn.", ("Sáng ngày 09/10/2025", "2025-10-09", None)),
    ("Tối 10/12, hai bên dự chiêu đãi.", ("Tối 10/12", "2022-12-10", None)),  # > 4 months ahead: last year
    ("Ngày 23 tháng 08 năm 2019, Bộ trưởng tiếp Đại sứ.", ("Ngày 23 tháng 08 năm 2019", "2019-08-23", None)),
    ("Thứ Sáu, ngày 6/9/2024, hai bên điện đàm.", ("Thứ Sáu, ngày 6/9/2024", "2024-09-06", None)),
    ("Đoàn thăm chính thức Trung Quốc từ ngày 25 - 28/4.", ("từ ngày 25 - 28/4", "2023-04-25", "2023-04-28")),
    ("Chuyến thăm từ ngày 18 – 20/8 đã thành công.", ("từ ngày 18 – 20/8", "2023-08-18", "2023-08-20")),
    ("Thủ tướng Lào thăm Việt Nam từ ngày 8-10/1.", ("từ ngày 8-10/1", "2023-01-08", "2023-01-10")),
    ("Đoàn công tác từ ngày 30/10 đến ngày 1/11/2022.", ("từ ngày 30/10 đến ngày 1/11/2022", "2022-10-30", "2022-11-01")),
    ("Đoàn thăm Lào từ 30/5 - 2/6/2013.", ("từ 30/5 - 2/6/2013", "2013-05-30", "2013-06-02")),
    ("Ngày 7–9/10/2025 tại Hà Nội, diễn đàn được tổ chức.", ("Ngày 7–9/10/2025", "2025-10-07", "2025-10-09")),
    ("Đoàn thăm Mỹ từ ngày 20 đến 23/3.", ("từ ngày 20 đến 23/3", "2023-03-20", "2023-03-23")),
    ("Ngày 30-5 đến 2-6, đoàn làm việc tại Lào.", ("Ngày 30-5 đến 2-6", "2023-05-30", "2023-06-02")),
    ("Từ ngày 30/12 - 2/1/2024, đoàn thăm Hà Nội.", ("Từ ngày 30/12 - 2/1/2024", "2023-12-30", "2024-01-02")),
    ("Hai nước nâng cấp quan hệ vào tháng 10/2022.", ("tháng 10/2022", "2022-10", None)),
    ("Hội nghị (tháng 12/2023) đã thống nhất.", ("tháng 12/2023", "2023-12", None)),
    ("Năm 2025 là Năm giao lưu nhân văn.", ("Năm 2025", "2025", None)),
    ("Thương mại năm nay tăng mạnh.", ("năm nay", "2023", None)),
    ("Hôm nay, hai bên ký kết.", ("Hôm nay", "2023-04-26", None)),
    ("Hôm qua, đoàn tới Hà Nội.", ("Hôm qua", "2023-04-25", None)),
    ("Sáng nay, Bộ trưởng tiếp Đại sứ.", ("Sáng nay", "2023-04-26", None)),
    ("Phó Thủ tướng hội kiến hôm 21/3 tại Washington.", ("hôm 21/3", "2023-03-21", None)),
    ("Chiều 16.4, Bộ trưởng điện đàm.", ("Chiều 16.4", "2023-04-16", None)),
    ("Kế hoạch hợp tác giai đoạn 2021-2025 được ký kết.", ("giai đoạn 2021-2025", "2021", "2025")),
    ("Diễn đàn diễn ra trong hai ngày 25 và 26/4.", ("ngày 25 và 26/4", "2023-04-25", "2023-04-26")),
    ("Ngày 1 tháng 11, Chủ tịch Quốc hội hội kiến Tổng Bí thư.", ("Ngày 1 tháng 11", "2022-11-01", None)),
    ("Từ ngày 3 đến ngày 5 tháng 4 năm 2024, đoàn thăm Lào.", ("Từ ngày 3 đến ngày 5 tháng 4 năm 2024", "2024-04-03", "2024-04-05")),
    ("Chiều nay (4/2), đoàn tới Bắc Kinh.", ("Chiều nay (4/2)", "2023-02-04", None)),  # the written day
    ("Chiều qua 7.9, Tổng Bí thư tiếp đoàn.", ("Chiều qua 7.9", "2022-09-07", None)),  # not the day before
    ("Trong chuyến thăm, sáng nay 28.10 (giờ địa phương), hai bên hội đàm.", ("sáng nay 28.10", "2022-10-28", None)),
    ("Điện đàm giữa hai Bộ trưởng Ngoại giao (23 tháng 7 năm 2021)", ("23 tháng 7 năm 2021", "2021-07-23", None)),
    ("Hà Nội, 23 tháng 7 năm 2021 - Hai bên ký Bản ghi nhớ.", ("23 tháng 7 năm 2021", "2021-07-23", None)),
    ("Cuộc gặp (14 tháng 3) diễn ra tại Bắc Kinh.", ("14 tháng 3", "2023-03-14", None)),
    ("Chiều hôm qua (25/4), Thủ tướng tiếp Đại sứ.", ("Chiều hôm qua (25/4)", "2023-04-25", None)),
    ("Sáng hôm nay, hai bên ký kết.", ("Sáng hôm nay", "2023-04-26", None)),
    ("Cuối tháng 4/2025, hai bên gặp lại; đầu tháng 5 sẽ ký.", ("Cuối tháng 4/2025", "2025-04", None)),
    ("Trong tháng 3 vừa qua, thương mại tăng.", ("tháng 3", "2023-03", None)),
])
def test_shapes(text, expected):
    assert expected in times(text)


def test_previous_year_for_a_day_far_after_publication():
    assert times("Ngày 28/12, hai bên hội đàm.", "2024-01-03") == [("Ngày 28/12", "2023-12-28", None)]
    assert times("Ngày 2/1, hai bên hội đàm.", "2024-01-03") == [("Ngày 2/1", "2024-01-02", None)]


def test_bracketed_and_full_dates_need_no_prefix():
    assert times("Hội thảo CIIE (13-4) tại TP HCM.", "2018-04-20") == [("13-4", "2018-04-13", None)]
    # a relative word and the day it names are one expression: the written day wins
    assert times("Hội thảo diễn ra sáng nay (13-4) tại TP HCM.", "2018-04-20") == [
        ("sáng nay (13-4)", "2018-04-13", None)]
    assert times("Bài viết (28-02-2011) và 23.08.2019.", None) == [
        ("28-02-2011", "2011-02-28", None), ("23.08.2019", "2019-08-23", None)]


def test_month_only_publication_date():
    assert times("Ngày 13/4, giá vải tăng.", "2018-04") == [("Ngày 13/4", "2018-04-13", None)]


def test_background_dates_are_still_time_expressions():
    got = times("Sau chuyến thăm của Tổng Bí thư tới Trung Quốc tháng 10/2022, quan hệ phát triển.")
    assert got == [("tháng 10/2022", "2022-10", None)]


def test_anniversary_pair_is_two_dates_not_a_range():
    got = times("Kỷ niệm 75 năm quan hệ (18/1/1950 – 18/1/2025).")
    assert ("18/1/1950", "1950-01-18", None) in got and ("18/1/2025", "2025-01-18", None) in got


@pytest.mark.parametrize("text", [
    "Tỷ lệ này chiếm 1/3 dân số và tăng 2-3 lần.",
    "Dịch vụ hoạt động 24/7 với 1.000 nhân viên, giá 3.5 triệu.",
    "Đạt 168,5 tỷ USD, tăng 21% trong 10 tháng đầu năm.",
    "Hai năm trước, ba tháng tới, nhiều năm nay là khoảng thời gian.",
    "Đây là lần thứ 16 hai bên gặp nhau.",
    "Mỗi ngày 2-3 lần, đoàn xe qua cửa khẩu; ngày 8-10 giờ làm việc.",
])
def test_not_time_expressions(text):
    assert times(text) == []


def test_furniture_dates_are_not_used():
    art = annotate_times(article(
        "Ngày 26/4, hai bên hội đàm tại Bắc Kinh.",
        ("furniture", "Tử vi ngày 23/12/2024: Xử Nữ cẩn trọng"),
        ("meta", "26/04/2023 14:28"),
        published="2023-04-26"))
    assert [t.date for t in art.times] == ["2023-04-26"]


def test_no_publication_date_and_no_year_in_text_leaves_date_unknown():
    art = annotate_times(article("Sáng 17-4, tại cửa khẩu, hai Bộ trưởng gặp nhau.", "Hôm nay trời đẹp."))
    assert art.year_guess is not None and art.year_guess.year is None
    assert [(t.text, t.date, t.year_known, t.relative) for t in art.times] == [
        ("Sáng 17-4", None, False, True), ("Hôm nay", None, False, True)]


def test_year_from_content_when_no_publication_date():
    art = annotate_times(article("Chiều 10/12, hai bên chủ trì phiên họp lần thứ 16.",
                                 "Từ đầu năm 2024 đến nay, trao đổi đoàn diễn ra sôi động."))
    assert art.year_guess.year == 2024
    first = art.times[0]
    assert (first.text, first.date, first.relative, first.year_known) == ("Chiều 10/12", "2024-12-10", True, True)


def test_low_confidence_guess_is_not_used():
    art = article("Ngày 19/4, hai bên hội đàm trực tuyến.")
    art.year_guess = YearGuess(2022, 0.2, "weak")
    from ngoaigiao.annotate.timex import anchor_for
    assert anchor_for(art).year is None
    art.year_guess = YearGuess(2022, 0.9, "strong")
    assert anchor_for(art).year == 2022


def test_explicit_year_needs_no_anchor():
    assert times("Ngày 28/2/2023, hai Bí thư hội đàm.", None) == [("Ngày 28/2/2023", "2023-02-28", None)]


def test_offsets_point_into_the_text():
    art = annotate_times(article("Tin: Chiều 4/2, đoàn tới.", published="2023-04-26"))
    t = art.times[0]
    assert art.text[t.start:t.end] == t.text == "Chiều 4/2"


def test_a_range_followed_by_its_year_in_words():
    from ngoaigiao.pipeline import process
    art = process("Ngày 5/1/2024\n\nÔng A thăm Việt Nam từ ngày 11-12/12 năm 2023 theo lời mời của ông B.", "t")
    assert ("2023-12-11", "2023-12-12") in [(t.date, t.end_date) for t in art.times]


def test_every_date_match_holds_the_text_its_window_filter_needs(dev_dir, seeds_dir):
    """`dates._needs` skips windows without a pattern's fixed text: no match may lack it."""
    from ngoaigiao.annotate import dates
    from ngoaigiao.read import read_article
    extra = ["ngày 5 tháng 3 năm 2024", "Thứ Sáu, sáng ngày 09/10/2025", "giai đoạn 2021 – 2025",
             "từ ngày 25 - 28/4", "từ 30/5 - 2/6/2013", "cuối tháng 10", "ngày 25 và 26 tháng 4, 2024"]
    texts = [read_article(p.read_bytes(), id=p.stem).match
             for d in (dev_dir, seeds_dir) for p in sorted(d.glob("*.txt"))] + extra
    needs, found = dates._needs(), set()
    for kind, pat in dates._patterns().items():
        for text in texts:
            for m in pat.finditer(text):
                if kind in needs:
                    assert needs[kind].search(text, m.start(), m.end()), (kind, m.group())
                    found.add(kind)
    assert found == set(needs)  # every filtered pattern was exercised


def test_word_lists_grouped_by_first_letter_match_as_the_plain_alternation(dev_dir):
    import re

    from ngoaigiao.annotate import dates
    from ngoaigiao.data import load_lines, load_tsv
    texts = [p.read_text(encoding="utf-8") for p in sorted(dev_dir.glob("*.txt"))]
    texts.append("HÔM NAY, sáng  nay; chiều\nqua, tháng trướcx, năm tới. Tối Nay ngày mai, "
                 "Thứ  Sáu, chủ nhật, Rạng sáng, đầu giờ chiều, chiều tối, thứ 7")
    for words in ([r["phrase"] for r in load_tsv("relative_dates.tsv")],
                  load_lines("weekdays.txt"), load_lines("dayparts.txt")):
        plain = re.compile(rf"(?<!\w)(?:{dates._alt(words)})(?!\w)", re.IGNORECASE)
        grouped = re.compile(rf"(?<!\w)(?:{dates._alt_by_first_char(words)})(?!\w)", re.IGNORECASE)
        for text in texts:
            assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert "(?:" not in dates._alt_by_first_char(["Hôm nay", "hôm qua"])  # H/h: one letter, not grouped


def test_relative_word_before_a_decimal_is_not_a_day():
    # "7.9" after a relative word is a day only when no unit follows it
    got = times("Tăng trưởng hôm qua 7.9% so với cùng kỳ, lạm phát sáng nay 3.5 điểm.", "2010-09-07")
    assert ("hôm qua", "2010-09-06", None) in got
    assert all(d not in ("2010-09-07", "2010-05-03") or t in ("sáng nay",) for t, d, _ in got)
    assert not any("7.9" in t or "3.5" in t for t, _, _ in got)


def test_day_and_month_in_words_without_ngay_needs_bracket_or_year():
    assert times("Dự án kéo dài 3 tháng 7 ngày.") == []
    assert times("Dự án mất 2 tháng 10 năm 2020 mới xong.") == [("tháng 10 năm 2020", "2020-10", None)]


def test_relative_word_after_a_dateline_digit_is_still_a_date():
    # the dateline above ends in a digit ("GMT+7"): that is not "2 hôm qua", a duration
    art = annotate_times(article(("meta", "07/09/2010 23:49 GMT+7"), "Hôm qua, Tổng Bí thư tiếp đoàn.", published="2010-09-07"))
    assert [(t.text, t.date) for t in art.times] == [("Hôm qua", "2010-09-06")]


def test_relative_word_then_comma_does_not_make_a_fraction_a_day():
    got = times("Hôm nay, 1/3 dân số thế giới sống ở châu Á.")
    assert got == [("Hôm nay", "2023-04-26", None)]
    # the day set off by commas is the relative word's day, written out
    assert times("Chiều nay, 25/4, Thủ tướng tiếp Đại sứ.") == [("Chiều nay, 25/4", "2023-04-25", None)]
