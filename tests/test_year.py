"""Year inference from content, for pages that state no publication date."""
from __future__ import annotations

from ngoaigiao.annotate.year import YEAR_GUESS_THRESHOLD, guess_year, infer_year, term
from ngoaigiao.article import Article, Block
from ngoaigiao.textnorm import match_form

NO_TERMS: tuple = ()


def article(*lines: str | tuple[str, str], published: str | None = None) -> Article:
    texts = [ln if isinstance(ln, str) else ln[1] for ln in lines]
    kinds = ["body" if isinstance(ln, str) else ln[0] for ln in lines]
    text = "\n".join(texts)
    blocks, pos = [], 0
    for line, kind in zip(texts, kinds):
        blocks.append(Block(pos, pos + len(line), kind))
        pos += len(line) + 1
    return Article(id="t", raw=text, text=text, match=match_form(text), blocks=blocks, published=published)


def guess(*lines, terms=NO_TERMS):
    return infer_year(article(*lines), terms=terms)


def sure(g, year):
    return g.year == year and g.confidence >= YEAR_GUESS_THRESHOLD


def test_full_date_in_body_is_strongest():
    g = guess("Chiều 28/2, hai Bí thư hội đàm.", "Ngày 28/2/2023, đoàn tới Nam Ninh. Năm 2019 hai bên đã ký kết.")
    assert sure(g, 2023) and "28/2/2023" in g.reason


def test_full_date_in_furniture_is_ignored():
    g = guess("Chiều 10/12, hai bên hội đàm.", ("furniture", "Tử vi ngày 23/12/2024: Xử Nữ cẩn trọng"))
    assert g.year is None and g.confidence == 0


def test_congress_term_count():
    g = guess("Ngày 22/3, hai bên trao đổi về kết quả 3 năm triển khai Nghị quyết Đại hội XIII.")
    assert sure(g, 2024) and "XIII" in g.reason


def test_results_of_a_congress():
    g = guess("Ngày 1/4, hai bên trao đổi về kết quả Đại hội toàn quốc lần thứ XIII của Đảng Cộng sản Việt Nam.")
    assert sure(g, 2021)


def test_after_the_next_congress():
    assert guess("Ngày 26/1, sau Đại hội XIV, hai Tổng Bí thư điện đàm.").year == 2026


def test_chinese_congress_number():
    assert guess("Hai bên trao đổi về kết quả Đại hội XX Đảng Cộng sản Trung Quốc.").year == 2022


def test_anniversary_of_relations_uses_partner_country():
    g = guess("Chiều 21/4, tại Quảng Tây, đoàn hội kiến Phó Chủ tịch Chính hiệp Trung Quốc.",
              "Hai nước đang kỷ niệm 75 năm thiết lập quan hệ ngoại giao Việt Nam - Trung Quốc.")
    assert sure(g, 2025)
    g = guess("Ngày 5/9, hai nước Việt Nam và Lào kỷ niệm 60 năm thiết lập quan hệ ngoại giao.")
    assert sure(g, 2022)


def test_national_day_and_un_session():
    assert sure(guess("Nhân dịp kỷ niệm 80 năm Quốc khánh, Đại sứ gặp lãnh đạo."), 2025)
    assert sure(guess("Ngày 19/9, Thủ tướng dự Phiên thảo luận chung cấp cao khóa 78 Đại hội đồng Liên Hợp Quốc."), 2023)


def test_new_term_congratulated():
    g = guess("Chiều 16-9, Tổng thống chúc mừng ông được Quốc hội bầu làm Chủ tịch nước nhiệm kỳ 2021 - 2026.")
    assert sure(g, 2021)


def test_named_year_is_weaker_and_target_years_do_not_count():
    g = guess("Chiều 10/12, hai bên họp. Từ đầu năm 2024 đến nay, giao lưu sôi động, hướng đến năm 2030.")
    assert g.year == 2024 and 0.4 <= g.confidence < 0.8


def test_future_anniversary_counts_little():
    g = guess("Ngày 19/8, hai bên hội đàm. Năm 2024 là năm bản lề.",
              "Hướng tới năm 2025 khi hai nước kỷ niệm 75 năm thiết lập quan hệ ngoại giao Việt Nam – Trung Quốc.")
    assert g.year == 2024


def test_no_evidence_no_year():
    g = guess("Sáng 17-4, tại cửa khẩu, hai Bộ trưởng Quốc phòng gặp nhau.")
    assert g.year is None and g.confidence == 0.0


TERMS = (
    term("Phạm Minh Chính", ("Thủ tướng", "2021-04", None)),
    term("Phankham Viphavanh", ("Thủ tướng", "2021-03", "2022-12")),
    term("Phan Văn Giang", ("Bộ trưởng Bộ Quốc phòng", "2021-04", None)),
    term("Đổng Quân", ("Bộ trưởng Bộ Quốc phòng", "2023-12", None)),
    term("Bùi Thanh Sơn", ("Bộ trưởng Ngoại giao", "2021-04", "2025-02")),
    term("Nguyễn Xuân Phúc", ("Chủ tịch nước", "2021-04", "2023-01"), ("Thủ tướng", "2016-04", "2021-04")),
)


def test_terms_of_office_at_the_month_of_the_lead_date():
    g = guess("Sáng 8/1, Thủ tướng Phạm Minh Chính đón Thủ tướng Lào Phankham Viphavanh thăm chính thức Việt Nam.",
              terms=TERMS)
    assert sure(g, 2022) and "Phankham Viphavanh" in g.reason


def test_terms_that_leave_several_years_are_not_sure():
    g = guess("Sáng 17-4, Bộ trưởng Bộ Quốc phòng Phan Văn Giang đón Bộ trưởng Bộ Quốc phòng Trung Quốc Đổng Quân.",
              terms=TERMS)
    assert g.confidence < YEAR_GUESS_THRESHOLD


def test_title_must_be_the_one_held_and_not_a_deputy_or_former():
    g = guess("Ngày 8/1, nguyên Thủ tướng Phankham Viphavanh gặp Phó Thủ tướng Phạm Minh Chính.", terms=TERMS)
    assert g.year is None


def test_new_in_office_points_at_the_first_year():
    g = guess("Chiều 16.4, Bộ trưởng Ngoại giao Bùi Thanh Sơn điện đàm với Bộ trưởng Ngoại giao Singapore.",
              "Phía Singapore chúc mừng Bộ trưởng Bùi Thanh Sơn vừa được bổ nhiệm giữ cương vị Bộ trưởng Ngoại giao.",
              "Chủ tịch nước Nguyễn Xuân Phúc và Thủ tướng Phạm Minh Chính cảm ơn. Đầu tư năm 2020 tăng.",
              terms=TERMS)
    assert sure(g, 2021)


def test_guess_year_uses_the_publication_date_when_there_is_one():
    art = guess_year(article("Ngày 26/4, hai bên hội đàm. Kỷ niệm 75 năm thiết lập quan hệ ngoại giao với Trung Quốc.",
                             published="2023-04-26"))
    assert art.year_guess.year == 2023 and art.year_guess.confidence == 1.0


def test_foreign_name_in_either_order_and_several_stints():
    terms = (term("Shigeru Ishiba", ("Thủ tướng Nhật Bản", "2024-10", "2025-10")),
             term("Vladimir Putin", ("Tổng thống Nga", "2000-05", "2008-05"), ("Tổng thống Nga", "2012-05", None)))
    g = guess("Sáng 28/4, Thủ tướng Nhật Bản Ishiba Shigeru hội đàm tại Hà Nội.", terms=terms)
    assert sure(g, 2025) and "Ishiba" in g.reason
    g = guess("Chiều 16-9, Tổng thống Nga Vladimir Putin điện đàm.", terms=terms)
    assert "was not" not in g.reason and g.confidence < YEAR_GUESS_THRESHOLD


def test_a_title_across_a_verb_is_not_the_persons():
    terms = (term("Nguyễn Phú Trọng", ("Chủ tịch Quốc hội", "2006-06", "2011-07"), ("Tổng Bí thư", "2011-01", "2024-07")),)
    g = guess("Ngày 1/11, Chủ tịch Quốc hội Lật Chiến Thư đã hội kiến Tổng Bí thư Nguyễn Phú Trọng.", terms=terms)
    assert "Chủ tịch Quốc hội".lower() not in g.reason.lower()
    assert "tổng bí thư" in g.reason.lower()


def test_milestone_reached_earlier_in_the_year_moves_the_year_on():
    g = guess("Ngày 19/4, hai bên hội đàm trực tuyến. Phía Việt Nam chúc mừng Trung Quốc đã hoàn thành "
              "thắng lợi mục tiêu “100 năm thứ nhất”.")
    assert g.year == 2022


def test_first_session_of_a_legislature_term():
    g = guess("Nhân dịp kỳ họp thứ nhất khóa 12 Đại hội đại biểu nhân dân toàn quốc Trung Quốc bầu lãnh đạo mới, "
              "ngày 15/3, Chủ tịch nước gửi điện mừng.")
    assert sure(g, 2013) and "kỳ họp thứ nhất" in g.reason
    assert sure(guess("Ngày 24/7, kỳ họp thứ nhất, Quốc hội khóa XV bế mạc."), 2021)
    # the Chinese NPC meets once a year: the second session of the 14th term is in 2024
    assert sure(guess("Sáng 5/3, khai mạc kỳ họp thứ 2 Nhân đại Trung Quốc khóa 14."), 2024)


def test_a_later_session_of_the_vietnamese_assembly_does_not_fix_the_year():
    # two sessions a year and extraordinary ones: "kỳ họp thứ 8" says no year by itself
    g = guess("Ngày 5/11, tại kỳ họp thứ 8 Quốc hội khóa XV, đại biểu thảo luận.")
    assert "kỳ họp" not in g.reason


def test_party_congress_written_with_dang_before_the_number():
    g = guess("Sáng 19/2, ông chúc mừng thành công của Đại hội Đảng lần thứ XIII của Đảng Cộng sản Việt Nam.")
    assert sure(g, 2021) and "XIII" in g.reason


def test_elected_just_before_points_at_the_first_year_but_re_elected_does_not():
    terms = (term("Tập Cận Bình", ("Chủ tịch nước Trung Quốc", "2013-03", None)),)
    g = guess("Ngày 14/3, Chủ tịch nước gửi điện mừng.",
              "Ông Tập Cận Bình phát biểu sau khi được bầu làm Chủ tịch nước Trung Quốc.", terms=terms)
    assert "new in office" in g.reason and g.year == 2013
    g = guess("Ngày 14/3, Chủ tịch nước gửi điện mừng.",
              "Ông Tập Cận Bình phát biểu sau khi được bầu lại làm Chủ tịch nước Trung Quốc.", terms=terms)
    assert "new in office" not in g.reason


def test_relations_established_n_years_ago():
    g = guess("Sáng nay (14/01), tại Bắc Kinh, Thứ trưởng chào Bộ trưởng Ngoại giao Trung Quốc.",
              "Việt Nam trân trọng việc 75 năm trước, Trung Quốc là nước đầu tiên công nhận và thiết lập quan hệ "
              "ngoại giao với Việt Nam.")
    assert sure(g, 2025) and "75 năm trước" in g.reason
    # "N năm trước khi ... thiết lập quan hệ": years before the relations, not since them
    g = guess("Ngày 14/1, hai bên gặp nhau. Ông đã đến Trung Quốc 5 năm trước khi hai nước thiết lập quan hệ ngoại giao.")
    assert "relations" not in g.reason


def test_a_recalled_milestone_date_says_nothing_of_the_article_s_year():
    # the only full date is when relations began, or a birth year: no year for "Ngày 18/1"
    g = guess("Ngày 18/1, Đại sứ tiếp đoàn.", "Hai nước thiết lập quan hệ ngoại giao ngày 18/1/1950.")
    assert g.year is None
    g = guess("Ngày 18/6, Đại sứ tiếp đoàn.", "Ông Dương Khiết Trì sinh năm 1950, hiện là Ủy viên Quốc vụ.")
    assert g.year is None
    # the anniversary's own year still counts: the bracket's end is this year
    g = guess("Ngày 28/4, hai bên gặp nhau nhân 50 năm Giải phóng miền Nam (30/4/1975 - 30/4/2025).")
    assert sure(g, 2025)
    # "sinh viên năm 2023" is no birth: the year counts
    assert guess("Ngày 18/6, Đại sứ tiếp đoàn sinh viên năm 2023.").year == 2023


def test_a_title_matches_whichever_name_of_the_country_the_page_writes():
    terms = (term("Joe Biden", ("Tổng thống Mỹ", "2021-01", "2025-01")),)
    g = guess("Ngày 10/9, Tổng thống Hợp chúng quốc Hoa Kỳ Joe Biden hội đàm với Tổng Bí thư.", terms=terms)
    assert "Joe Biden" in g.reason and set(range(2021, 2025)) >= {g.year}
    # another country's name is not the title's
    g = guess("Ngày 10/9, Tổng thống Hàn Quốc Joe Biden hội đàm với Tổng Bí thư.", terms=terms)
    assert "Joe Biden" not in g.reason


def test_greetings_for_a_named_new_year_fix_it_and_in_december_the_year_before():
    g = guess("Tối 2/1, hai Bộ trưởng điện đàm nhân dịp năm mới 2025.")
    assert sure(g, 2025) and "năm mới 2025" in g.reason
    g = guess("Ngày 20/1, Chủ tịch nước gửi thư chúc mừng Tết Nguyên đán Ất Tỵ 2025.")
    assert sure(g, 2025)
    # said in the last weeks of the year before
    g = guess("Tối 31/12, hai Bộ trưởng điện đàm, chúc mừng năm mới 2025.")
    assert sure(g, 2024)
    # a year named with no greeting words is a weaker clue (the plain named-year rule)
    assert "new_year" not in guess("Ngày 2/1, hai Bộ trưởng bàn kế hoạch năm 2025.").reason
