"""Persons and title chains, on sentences written for these tests."""
from __future__ import annotations

import pytest

from ngoaigiao.pipeline import process


def persons(text: str) -> dict[str, tuple[str | None, list[str]]]:
    art = process(text, "t")
    return {p.name: (p.country, p.titles) for p in art.persons if p.titles}


def test_chain_before_the_name_is_split_at_commas():
    got = persons("Ngày 10/5/2023, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư, "
                  "Trưởng Ban Tổ chức Trung ương Trương Thị Mai tiếp Đại sứ Trung Quốc tại Việt Nam Hùng Ba.")
    assert got["Trương Thị Mai"] == ("VN", ["Ủy viên Bộ Chính trị", "Thường trực Ban Bí thư",
                                             "Trưởng Ban Tổ chức Trung ương"])
    assert got["Hùng Ba"] == ("CN", ["Đại sứ Trung Quốc tại Việt Nam"])


def test_chain_after_the_name_with_honorific():
    got = persons("Ngày 3/3/2022, đồng chí Lê Hoài Trung, Ủy viên Trung ương Đảng, Trưởng ban Đối ngoại "
                  "Trung ương đã điện đàm với đồng chí Tống Đào, Trưởng ban Liên lạc Đối ngoại Trung ương "
                  "Đảng Cộng sản Trung Quốc.")
    assert got["Lê Hoài Trung"][1] == ["Ủy viên Trung ương Đảng", "Trưởng ban Đối ngoại Trung ương"]
    assert got["Tống Đào"] == ("CN", ["Trưởng ban Liên lạc Đối ngoại Trung ương Đảng Cộng sản Trung Quốc"])


def test_dash_apposition():
    got = persons("Chiều 5/6/2024, đồng chí Bùi Thanh Sơn - Phó Thủ tướng Chính phủ, Bộ trưởng Bộ Ngoại giao "
                  "đã tiếp Đại sứ Nhật Bản Ito Naoki.")
    assert got["Bùi Thanh Sơn"][1] == ["Phó Thủ tướng Chính phủ", "Bộ trưởng Bộ Ngoại giao"]
    assert got["Ito Naoki"] == ("JP", ["Đại sứ Nhật Bản"])


def test_short_mention_joins_the_full_one_and_untitled_names_are_not_listed():
    art = process("Sáng 2/4/2024, Chủ tịch nước Võ Văn Thưởng hội kiến Thủ tướng Lào Sonexay Siphandone. "
                  "Chủ tịch nước Võ Văn Thưởng chúc mừng ông Sonexay Siphandone. "
                  "Ông Nguyễn Văn An cũng có mặt.", "t")
    listed = [p.name for p in art.persons if p.titles]
    assert listed.count("Võ Văn Thưởng") == 1
    assert "Nguyễn Văn An" not in listed
    vvt = next(p for p in art.persons if p.name == "Võ Văn Thưởng")
    assert len(vvt.mentions) == 2


def test_ranks_and_spouse_are_not_titles():
    got = persons("Ngày 8/9/2023, Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng, đón Phu nhân "
                  "Tổng thống Lào Vandara Saysouk. Phu nhân Tổng Bí thư, Chủ tịch nước Tập Cận Bình là bà Bành Lệ Viên.")
    assert got["Phan Văn Giang"][1] == ["Bộ trưởng Bộ Quốc phòng"]


def test_tone_mark_placement_does_not_split_a_person():
    art = process("Ngày 1/2/2025, Uỷ viên Bộ Chính trị Nguyễn Trọng Nghĩa tiếp Tổng biên tập Trần Kiến Văn. "
                  "Ủy viên Bộ Chính trị Nguyễn Trọng Nghĩa cảm ơn đoàn.", "t")
    assert [p.name for p in art.persons].count("Nguyễn Trọng Nghĩa") == 1


@pytest.mark.parametrize("text", [
    "Hội nghị Trung ương 4 khóa XX đã thành công tốt đẹp.",
    "Ủy ban Nhân dân tỉnh Lạng Sơn tổ chức hội nghị về thương mại biên giới.",
])
def test_organisations_are_not_people(text):
    assert persons(text) == {}


def test_chinese_officials_carry_characters_and_pinyin_labelled_by_source():
    art = process("Ngày 5/6/2024, Bộ trưởng Ngoại giao Trung Quốc Vương Nghị tiếp Đại sứ Phạm Sao Mai. "
                  "Phó Chủ tịch Chính hiệp toàn quốc Trung Quốc Hàm Huy dự buổi tiếp.", "t")
    by_name = {p.name: p for p in art.persons}
    wang = by_name["Vương Nghị"]
    assert (wang.zh, wang.pinyin, wang.name_source) == ("王毅", "Wang Yi", "table")
    han = by_name["Hàm Huy"]
    if han.zh:  # not in the table: a guess, and it must say so
        assert han.name_source == "generated" and 0 < han.name_score < 1
    assert by_name["Phạm Sao Mai"].zh is None  # Vietnamese officials get no Chinese form


@pytest.mark.parametrize("name", ["Nguyễn Tuấn Anh", "Nguyễn Thị Nga", "Hoàng Minh Đức", "Lê Văn Mỹ",
                                  "Trần Đức Lương"])
def test_given_names_that_are_also_country_names(name):
    """Anh, Nga, Đức, Mỹ name countries and people alike; inside a name they are the person's."""
    got = persons(f"Ngày 10/5/2023, Thứ trưởng Bộ Ngoại giao {name} tiếp Đại sứ Đức tại Việt Nam Helga Weber.")
    assert got[name] == ("VN", ["Thứ trưởng Bộ Ngoại giao"])
    assert got["Helga Weber"][0] == "DE"


def test_a_place_of_two_words_still_ends_a_title_not_starts_a_name():
    got = persons("Ngày 10/5/2023, Tổng Lãnh sự Trung Quốc tại Hà Nội Lý Minh gặp Bí thư Tỉnh ủy Lạng Sơn "
                  "Hoàng Văn Nghiệm.")
    assert set(got) == {"Lý Minh", "Hoàng Văn Nghiệm"}


def test_a_dash_inside_a_title_keeps_one_title():
    got = persons("Ngày 10/5/2023, Bộ trưởng Bộ Lao động - Thương binh và Xã hội Đào Ngọc Dung và "
                  "Phó Chủ tịch - Tổng Thư ký Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam Nguyễn Thị Thu Hà "
                  "tiếp Đại sứ Trung Quốc Hùng Ba.")
    assert got["Đào Ngọc Dung"][1] == ["Bộ trưởng Bộ Lao động - Thương binh và Xã hội"]
    assert got["Nguyễn Thị Thu Hà"][1] == [
        "Phó Chủ tịch - Tổng Thư ký Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]


def test_a_dash_between_two_places_of_a_title_is_not_a_name():
    got = persons("Ngày 10/5/2023, Trưởng Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn Vi Văn Nga "
                  "làm việc với Tổng Lãnh sự Trung Quốc tại Hà Nội Lý Minh.")
    assert got["Vi Văn Nga"][1] == ["Trưởng Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"]
    assert "Đồng Đăng" not in got


def test_lower_case_words_of_known_organisation_names_stay_in_the_title():
    got = persons("Ngày 10/5/2023, Chủ tịch Ủy ban Quản lý vốn nhà nước tại doanh nghiệp Nguyễn Hoàng Anh "
                  "tiếp Đại sứ Trung Quốc Hùng Ba.")
    assert got["Nguyễn Hoàng Anh"][1] == ["Chủ tịch Ủy ban Quản lý vốn nhà nước tại doanh nghiệp"]


def test_each_name_in_a_list_keeps_the_titles_written_after_it():
    got = persons("Ngày 19/9/2023, Thủ tướng Phạm Minh Chính gặp Hạ nghị sĩ Kevin McCarthy, Chủ tịch Hạ viện "
                  "Hoa Kỳ, Hạ nghị sĩ Michael McCaul, Chủ tịch Ủy ban Đối ngoại Hạ viện Hoa Kỳ.")
    assert got["Kevin McCarthy"][1][-1] == "Chủ tịch Hạ viện Hoa Kỳ"
    assert got["Michael McCaul"][1][-1] == "Chủ tịch Ủy ban Đối ngoại Hạ viện Hoa Kỳ"
    assert "Chủ tịch Hạ viện Hoa Kỳ" not in got["Michael McCaul"][1]


def test_alternate_members_and_khmer_honorifics():
    got = persons("Ngày 25/3/2025, Thủ tướng Vương quốc Campuchia Samdech Moha Bovor Thipadei Hun Manet gặp "
                  "Ủy viên dự khuyết Trung ương Đảng Cộng sản Trung Quốc, Tổng Biên tập Nhân dân nhật báo "
                  "Trần Kiến Văn.")
    assert got["Hun Manet"] == ("KH", ["Thủ tướng Vương quốc Campuchia"])
    assert got["Trần Kiến Văn"][1][0] == "Ủy viên dự khuyết Trung ương Đảng Cộng sản Trung Quốc"


def test_a_listed_name_running_straight_into_its_title():
    got = persons("Ngày 10/5/2023, Bí thư Thành ủy Hải Phòng Lê Tiến Châu tiếp Đại sứ Trung Quốc Hà Vĩ. Cùng dự "
                  "có các đồng chí: Hoàng Minh Cường Phó Chủ tịch UBND thành phố; Lê Trung Kiên, Trưởng Ban "
                  "Quản lý Khu kinh tế Hải Phòng. Tham dự có đồng chí Nguyễn Văn Sơn Bí thư Tỉnh ủy, Chủ tịch "
                  "HĐND tỉnh.")
    assert got["Hoàng Minh Cường"][1] == ["Phó Chủ tịch UBND thành phố"]
    assert got["Lê Trung Kiên"][1] == ["Trưởng Ban Quản lý Khu kinh tế Hải Phòng"]
    assert got["Nguyễn Văn Sơn"][1] == ["Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"]


def test_a_capitalised_verb_before_a_title_is_not_part_of_a_name():
    got = persons("Ngày 7/8/2018, Chủ tịch nước Trần Đại Quang tiếp các Đại sứ. "
                  "Tiếp Đại sứ Anh Gareth Ward, Chủ tịch nước cảm ơn Đại sứ.")
    assert "Gareth Ward" in got and "Anh Gareth Ward" not in got
    assert got["Gareth Ward"][1] == ["Đại sứ Anh"]


def test_a_venue_named_after_a_title_is_not_a_title():
    # negative: "Phủ Chủ tịch" is a place; its "Chủ tịch" is nobody's title
    got = persons("Sáng 8/1/2024, tại Phủ Chủ tịch, Thủ tướng Chính phủ Phạm Minh Chính đón Thủ tướng Lào "
                  "Sonexay Siphandone.")
    assert got["Phạm Minh Chính"][1] == ["Thủ tướng Chính phủ"]


def test_foreign_names_with_european_accents_particles_and_regnal_numbers():
    got = persons("Ngày 27/3/2025, Tổng thống Brazil Luiz Inácio Lula da Silva hội đàm với Chủ tịch nước "
                  "Lương Cường. Tổng thống Philippines Benigno Aquino III dự lễ đón. Chủ tịch Hội đồng châu Âu "
                  "António Costa cũng có mặt.")
    assert got["Luiz Inácio Lula da Silva"] == ("BR", ["Tổng thống Brazil"])
    assert got["Benigno Aquino III"] == ("PH", ["Tổng thống Philippines"])
    assert "António Costa" in got


def test_a_vietnamese_word_between_two_names_is_no_name_particle():
    # negative: "do" is a Vietnamese word ("led by") here, not the particle of "Lula da Silva"
    got = persons("Ngày 2/9/2023, quan hệ hữu nghị Lào - Việt Nam do Chủ tịch Hồ Chí Minh và Chủ tịch "
                  "Kaysone Phomvihane dày công vun đắp.")
    assert "Hồ Chí Minh" in got and got["Hồ Chí Minh"][1] == ["Chủ tịch"]


def test_a_semicolon_list_item_keeps_lower_case_words_of_its_title():
    got = persons("Ngày 22/6/2023, tháp tùng Tổng thống có: Bộ trưởng Cảng và Sân bay Silvio Costa Filho; "
                  "Trưởng Ban dân vận Trung ương Trương Thị Mai; Bộ trưởng Bộ Công nghiệp, Thương mại và "
                  "Năng lượng Lee Chang Yang; Chánh Văn phòng An ninh Quốc gia, Văn phòng Tổng thống Cho Tae Yong.")
    assert got["Silvio Costa Filho"][1] == ["Bộ trưởng Cảng và Sân bay"]
    assert got["Trương Thị Mai"][1] == ["Trưởng Ban dân vận Trung ương"]
    assert got["Lee Chang Yang"][1] == ["Bộ trưởng Bộ Công nghiệp, Thương mại và Năng lượng"]
    # the office a title sits in is not a second title, and its "Tổng thống" is nobody's
    assert got["Cho Tae Yong"][1] == ["Chánh Văn phòng An ninh Quốc gia"]


def test_a_clause_between_semicolons_is_not_a_list_item():
    # negative: the words before the name hold a verb and another title; they are no title
    got = persons("Ngày 5/3/2024, các lãnh đạo chuyển lời chúc của Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình "
                  "tới Tổng Bí thư Nguyễn Phú Trọng; bày tỏ vui mừng.")
    assert got["Nguyễn Phú Trọng"][1] == ["Tổng Bí thư"]


def test_a_given_name_that_is_also_a_province_ends_a_name():
    got = persons("Ngày 5/10/2020, ông Trần Thanh Hải, Phó Cục trưởng Cục Xuất nhập khẩu, cho biết kim ngạch tăng.")
    assert got["Trần Thanh Hải"][1] == ["Phó Cục trưởng Cục Xuất nhập khẩu"]


def test_the_word_after_a_party_or_city_noun_is_not_a_name():
    got = persons("Ngày 11/9/2024, đoàn gặp Tổng Thư ký đảng Frelimo Roque Silva và Chủ tịch HĐND thành phố "
                  "Ngô Xuân Thắng.")
    assert got["Roque Silva"][1] == ["Tổng Thư ký đảng Frelimo"]
    assert got["Ngô Xuân Thắng"][1] == ["Chủ tịch HĐND thành phố"]  # negative: a surname opens a name
    assert "Frelimo Roque Silva" not in got


def test_a_short_form_of_a_foreign_name_joins_the_full_one():
    art = process("Ngày 27/3/2025, Tổng thống Brazil Luiz Inácio Lula da Silva đến Hà Nội. "
                  "Tổng thống Lula da Silva cảm ơn sự đón tiếp.", "t")
    assert [p.name for p in art.persons] == ["Luiz Inácio Lula da Silva"]


def test_acronyms_in_brackets_abbreviations_and_glued_hyphens_stay_in_titles():
    got = persons("Ngày 27/11/2025, Phó Tổng cục trưởng Tổng cục Hải quan Trung Quốc (GACC) Triệu Tăng Liên tiếp "
                  "đồng chí Bùi Quang Huy, Bí thư thứ nhất T.Ư Đoàn TNCS Hồ Chí Minh. Chủ tịch nước, Chủ tịch "
                  "Hội đồng Quốc phòng-An ninh Trương Tấn Sang gửi điện mừng.")
    assert got["Triệu Tăng Liên"][1] == ["Phó Tổng cục trưởng Tổng cục Hải quan Trung Quốc (GACC)"]
    assert got["Bùi Quang Huy"][1] == ["Bí thư thứ nhất T.Ư Đoàn TNCS Hồ Chí Minh"]
    assert got["Trương Tấn Sang"][1] == ["Chủ tịch nước", "Chủ tịch Hội đồng Quốc phòng-An ninh"]


def test_former_holders_keep_nguyen_in_the_title():
    got = persons("Chiều 23/2/2010, Thủ tướng Nguyễn Tấn Dũng tiếp nguyên Ủy viên Quốc vụ Trung Quốc Đường Gia Triền.")
    assert got["Đường Gia Triền"][1] == ["nguyên Ủy viên Quốc vụ Trung Quốc"]
    assert got["Nguyễn Tấn Dũng"][1] == ["Thủ tướng"]  # negative: no prefix, none added


def test_a_name_of_no_known_shape_between_an_honorific_and_its_title():
    got = persons("Ngày 4/6/2024, về phía Hàn Quốc có ông Song Ha Chin – Tỉnh trưởng; bà Cha Hyunjin – Phó Lãnh sự.")
    assert got["Song Ha Chin"][1] == ["Tỉnh trưởng"]
    assert got["Cha Hyunjin"][1] == ["Phó Lãnh sự"]
    # negative: without a title after it, such a run is not taken for a name
    assert persons("Ngày 4/6/2024, ông Song Ha Chin phát biểu tại buổi lễ.") == {}


def test_span_set_answers_like_a_scan_of_every_span():
    import random

    from ngoaigiao.extract.persons import SpanSet
    rnd = random.Random(7)
    spans = [(a, a + rnd.randint(0, 12)) for a in (rnd.randint(0, 2000) for _ in range(400))]
    got = SpanSet()
    for sp in spans:
        got.add(sp)
    for pos in range(-2, 2020):
        assert (pos in got) == any(a <= pos < b for a, b in spans), pos


def test_a_large_one_line_page_finds_every_mention():
    # a few MB on one line (issue 13): every repeated mention is still found, once
    unit = "Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản Ito Naoki; Đại sứ Ito Naoki cảm ơn ông Chính; "
    from ngoaigiao import pipeline
    from ngoaigiao.read import read_article
    n = 2000
    art = read_article("Ngày 10/5/2024, hai bên hội đàm. " + unit * n + "Hai bên nhất trí.", id="big")
    for name, stage in pipeline.STAGES:
        art = stage(art)
        if name == "persons":
            break  # (the events stage is not what this test is about)
    by_name = {p.name: p for p in art.persons}
    assert set(by_name) == {"Phạm Minh Chính", "Ito Naoki"}
    pmc = by_name["Phạm Minh Chính"]
    assert pmc.titles == ["Thủ tướng"]
    assert len(pmc.mentions) == 2 * n  # "Phạm Minh Chính" and "ông Chính"
    assert len({(s.start, s.end) for s in pmc.mentions}) == 2 * n
    assert len(by_name["Ito Naoki"].mentions) == 2 * n


def test_a_country_after_a_title_is_no_name():
    # negative: "Hàn" and "Thái" are family names, "Hàn Quốc" and "Thái Lan" are countries
    got = persons("Ngày 22/6/2023, tham dự có Đại sứ Hàn Quốc tại Việt Nam cùng cán bộ Đại sứ quán. "
                  "Thủ tướng Thái Lan cũng gửi lời chúc.")
    assert got == {}
    got = persons("Ngày 22/6/2023, Chủ tịch Hồ Chí Minh được nhắc đến.")  # a city's name, and a man's
    assert "Hồ Chí Minh" in got


def test_a_name_cut_off_by_the_end_of_an_excerpt_is_dropped():
    art = process("Ngày 29/9/2024, hai bên hội đàm.\n\nNgày 29/9/2024, Thủ tướng Lào Sonexay Siphandone "
                  "tiếp Bộ trưởng Bộ Thương mại Vương V", "t")
    names = [p.name for p in art.persons if p.titles]
    assert "Sonexay Siphandone" in names and not any(n.startswith("Vương") for n in names)


def test_lower_case_heads_and_acting_holders():
    got = persons("Ngày 13/5/2008, người phát ngôn Bộ Ngoại giao Lê Dũng thông báo. Đồng chí Nguyễn Mạnh Dũng, "
                  "Quyền Bí thư Tỉnh ủy chủ trì cuộc họp với đại sứ Ba Lan Barbara Szymanowska.")
    assert got["Lê Dũng"][1] == ["người phát ngôn Bộ Ngoại giao"]
    assert got["Nguyễn Mạnh Dũng"][1] == ["Quyền Bí thư Tỉnh ủy"]
    assert got["Barbara Szymanowska"] == ("PL", ["đại sứ Ba Lan"])
    # negative: a lower-case head with no name after it, or after "các", titles nobody
    assert persons("Ngày 13/5/2008, các bộ trưởng Nguyễn Văn A và Trần Văn B dự họp.") == {}


def test_the_principal_of_an_envoy_holds_only_his_own_title():
    got = persons("Ngày 19/6/2025, Thủ tướng tiếp đặc phái viên của Tổng thống Lee Jae Myung. Sáng 1/4/2021, "
                  "Thủ tướng tiếp Đặc phái viên về khí hậu của Tổng thống Mỹ John Kerry.")
    assert got["Lee Jae Myung"][1] == ["Tổng thống"]
    # negative: the name table knows Kerry was never president: the phrase names the envoy
    assert got["John Kerry"][1] == ["Đặc phái viên về khí hậu của Tổng thống Mỹ"]


def test_a_title_before_an_honorific_is_the_next_persons():
    got = persons("Nhận lời mời của Thủ tướng Chính phủ Nguyễn Xuân Phúc, Thủ tướng Vương quốc Campuchia "
                  "Samdech Techo Hun Sen thăm chính thức Việt Nam từ ngày 5/10/2019.")
    assert got["Nguyễn Xuân Phúc"][1] == ["Thủ tướng Chính phủ"]
    assert got["Hun Sen"] == ("KH", ["Thủ tướng Vương quốc Campuchia"])


def test_countries_written_in_vietnamese_transliteration():
    got = persons("Ngày 12/8/2020, Bộ trưởng Ngoại giao Xin-ga-po Vi-vi-an Ba-la-cri-xnan gửi thư thăm hỏi.")
    assert got["Vi-vi-an Ba-la-cri-xnan"] == ("SG", ["Bộ trưởng Ngoại giao Xin-ga-po"])


def test_a_title_held_then_is_still_the_persons():
    got = persons("Tháng 12/2011, ông Tập Cận Bình, khi đó là Phó Chủ tịch Trung Quốc, thăm chính thức Việt Nam.")
    assert got["Tập Cận Bình"][1] == ["Phó Chủ tịch Trung Quốc"]


def test_an_enumerated_portfolio_after_a_comma_belongs_to_the_next_name():
    got = persons("Ngày 10/9/2024, đón đoàn có Đại sứ Việt Nam tại Mozambique Phạm Hoàng Kim, Bộ trưởng Bộ Biển, "
                  "Vùng nước nội địa và Nghề cá của Mozambique Lidia Cardoso, Đại sứ Mozambique tại Việt Nam "
                  "Leonardo Rosario Manuel Pene.")
    assert got["Phạm Hoàng Kim"][1] == ["Đại sứ Việt Nam tại Mozambique"]
    assert got["Lidia Cardoso"][1] == ["Bộ trưởng Bộ Biển, Vùng nước nội địa và Nghề cá của Mozambique"]
    # negative: an office with "và" and no name after it stays the title's qualifier
    got = persons("Ngày 22/8/2019, tháp tùng có Tiến sỹ Martin Parkinson, Tổng thư ký, Bộ Thủ tướng và Nội các; "
                  "bà Frances Adamson, Tổng thư ký, Bộ Ngoại giao và Thương mại.")
    assert got["Martin Parkinson"][1] == ["Tổng thư ký"]
    assert got["Frances Adamson"][1] == ["Tổng thư ký"]


def test_a_name_before_the_final_stop_of_a_page_is_kept():
    # negative of the excerpt rule: a page that ends on a stop ends with a whole name
    art = process("Ngày 29/9/2024, hai bên hội đàm tại Hà Nội.\n\nThủ tướng Lào Sonexay Siphandone tiếp "
                  "Bộ trưởng Bộ Thương mại Vương Văn Đào.", "t")
    assert "Vương Văn Đào" in [p.name for p in art.persons if p.titles]


def test_an_honorific_before_a_colon_still_opens_the_name():
    a = process("15/05/2024 10:00\n\nTiếp và làm việc với đoàn có đồng chí: Lò Văn Tiến - Tỉnh ủy viên, "
                "Bí thư Huyện ủy; đại diện lãnh đạo các phòng, ban của huyện.", "t")
    assert [(p.name, p.titles) for p in a.persons] == [("Lò Văn Tiến", ["Tỉnh ủy viên", "Bí thư Huyện ủy"])]
    # with no honorific before the colon, a place pair is no name
    a = process("15/05/2024 10:00\n\nTuyến đường mới nối hai tỉnh: Lai Châu - Điện Biên, dài 120 km.", "t")
    assert a.persons == []


def test_a_one_word_reference_to_a_foreign_name_is_that_person():
    a = process("15/05/2024 10:00\n\nBộ trưởng Ngoại giao Ấn Độ Subrahmanyam Jaishankar thăm Việt Nam. "
                "Ông Jaishankar đã hội đàm với Bộ trưởng Bùi Thanh Sơn. Ông Kishida đánh giá cao quan hệ.", "t")
    assert [m.name for m in a.mentions] == ["Subrahmanyam Jaishankar", "Subrahmanyam Jaishankar", "Bùi Thanh Sơn"]
    assert [p.name for p in a.persons] == ["Subrahmanyam Jaishankar", "Bùi Thanh Sơn"]
    # the first word of a longer capitalised name is not a reference
    a = process("15/05/2024 10:00\n\nBộ trưởng Ngoại giao Ấn Độ Subrahmanyam Jaishankar thăm Việt Nam. "
                "Ông Subrahmanyam Rao phát biểu.", "t")
    assert [m.name for m in a.mentions] == ["Subrahmanyam Jaishankar", "Subrahmanyam Rao"]


def test_lao_names_written_syllable_by_syllable_after_a_lao_title():
    a = process("15/05/2024 10:00\n\nTỉnh trưởng tỉnh Khăm Muộn Vông Phăn Xay Nha Vông đã phát biểu.", "t")
    assert [(p.name, p.country) for p in a.persons] == [("Vông Phăn Xay Nha Vông", "LA")]
    a = process("15/05/2024 10:00\n\nTiếp đoàn có đồng chí Khăm Phăn Phôm Ma Thắt, Bí thư Tỉnh ủy, Tỉnh trưởng "
                "tỉnh Phông Sa Lỳ.", "t")
    assert [(p.name, p.country) for p in a.persons] == [("Khăm Phăn Phôm Ma Thắt", "LA")]
    # after a Vietnamese province the same run is no name: the province's council is meant
    a = process("15/05/2024 10:00\n\nChủ tịch UBND tỉnh Quảng Trị Hà Sỹ Đồng phát biểu.", "t")
    assert [(p.name, p.country) for p in a.persons] == [("Hà Sỹ Đồng", "VN")]
    a = process("15/05/2024 10:00\n\nĐoàn công tác đến thăm tỉnh Quảng Trị Đông Hà Cam Lộ.", "t")
    assert a.persons == []


def test_courts_and_procuracies_written_in_lower_case_belong_to_the_title():
    # the official spelling keeps "nhân dân tối cao" in lower case
    got = persons("Ngày 22/7/2025, tại Hà Nội, Chánh án Tòa án nhân dân tối cao Lê Minh Trí hội đàm với "
                  "Viện trưởng Tòa án Nhân dân Tối cao Trung Quốc Trương Quân.")
    assert got["Lê Minh Trí"][1] == ["Chánh án Tòa án nhân dân tối cao"]
    got = persons("Ngày 22/7/2025, Viện trưởng Viện kiểm sát nhân dân tối cao Nguyễn Huy Tiến tiếp "
                  "Đại sứ Trung Quốc Hà Vĩ.")
    assert got["Nguyễn Huy Tiến"][1] == ["Viện trưởng Viện kiểm sát nhân dân tối cao"]
    # other lower-case words after an organisation still end the title
    got = persons("Ngày 22/7/2025, Chánh án Tòa án nhân dân tối cao Lê Minh Trí tiếp nhân dân tỉnh Lào Cai.")
    assert got["Lê Minh Trí"][1] == ["Chánh án Tòa án nhân dân tối cao"]


def test_the_head_of_a_delegation_is_of_the_delegations_country():
    text = ("Chiều 3/9/2024, tại Hà Nội, Đại tướng Phan Văn Giang tiếp Đoàn đại biểu Đại học Quốc phòng "
            "Quân Giải phóng Nhân dân Trung Quốc do Trung tướng Tiêu Thiên Lượng, Phó Hiệu trưởng, dẫn đầu.")
    art = process(text, "t")
    assert {p.name: p.country for p in art.persons}["Tiêu Thiên Lượng"] == "CN"
    # "do" that is not "led by": no delegation's country
    art = process("Chiều 3/9/2024, Đoàn đại biểu Trung Quốc đến muộn do Phó Hiệu trưởng Nguyễn Văn Hùng "
                  "đổi lịch làm việc.", "t")
    assert {p.name: p.country for p in art.persons}["Nguyễn Văn Hùng"] == "VN"


def test_a_locality_named_after_a_local_organ_is_not_a_person():
    text = ("Ngày 29/11/2024, Đoàn đại biểu huyện Lục Xuân, tỉnh Vân Nam (Trung Quốc) do đồng chí Hà Dương - "
            "Bí thư Huyện ủy Lục Xuân làm trưởng đoàn đã hội đàm với huyện Mường Tè.")
    names = {p.name for p in process(text, "t").persons}
    assert "Lục Xuân" not in names and "Hà Dương" in names
    # a person after an organ of the locality ("UBND tỉnh", "MTTQ Việt Nam thành phố") stays a person
    text = ("Ngày 29/11/2024, Phó Chủ tịch UBND tỉnh Trịnh Xuân Trường tiếp Tổng Lãnh sự Trung Quốc Vương Thiếu "
            "Quân. Chủ tịch Ủy ban MTTQ Việt Nam thành phố Lê Văn Trung dự buổi tiếp.")
    got = persons(text)
    assert "Trịnh Xuân Trường" in got and "Lê Văn Trung" in got


def test_a_company_named_after_tap_doan_is_no_person():
    assert "Tesla" not in persons("Ngày 14/5/2024, Thủ tướng Phạm Minh Chính tiếp Chủ tịch Tập đoàn Tesla.")
    got = persons("Ngày 14/5/2024, Thủ tướng Phạm Minh Chính tiếp Chủ tịch Tập đoàn Samsung Lee Jae-yong.")
    assert got["Lee Jae-yong"][1] == ["Chủ tịch Tập đoàn Samsung"]
    # a name right after the title with no company word before it is still a name
    got = persons("Ngày 14/5/2024, Thủ tướng Phạm Minh Chính tiếp Chủ tịch Elon Musk.")
    assert "Elon Musk" in got


def test_a_firm_named_by_an_acronym_and_a_word_is_no_person():
    got = persons("Ngày 14/5/2024, Thủ tướng Phạm Minh Chính tiếp ông Canning Fok, Đồng Chủ tịch Tập đoàn CK Hutchison.")
    assert "Hutchison" not in got and got["Canning Fok"][1] == ["Đồng Chủ tịch Tập đoàn CK Hutchison"]
    got = persons("Ngày 14/5/2024, Thủ tướng Phạm Minh Chính tiếp Chủ tịch Tập đoàn LG Electronics Cho Joo-wan.")
    assert got["Cho Joo-wan"][1] == ["Chủ tịch Tập đoàn LG Electronics"]
    # an acronym with no capitalised word after it is the firm alone; the name after is kept
    got = persons("Ngày 14/5/2024, Thủ tướng Phạm Minh Chính tiếp Chủ tịch Tập đoàn FPT Trương Gia Bình.")
    assert got["Trương Gia Bình"][1] == ["Chủ tịch Tập đoàn FPT"]


def test_the_youth_union_is_an_organisation_not_a_name_starting_with_doan():
    got = persons("Ngày 25/12/2024, Thủ tướng Phạm Minh Chính tiếp đồng chí A Huy, Bí thư thứ nhất Trung ương "
                  "Đoàn Thanh niên Cộng sản Trung Quốc.")
    assert "Đoàn Thanh" not in got
    assert got["A Huy"] == ("CN", ["Bí thư thứ nhất Trung ương Đoàn Thanh niên Cộng sản Trung Quốc"])
    # Đoàn as a surname stays one
    got = persons("Ngày 25/12/2024, ông Đoàn Văn Việt, Bí thư Tỉnh ủy Lâm Đồng tiếp Đại sứ Trung Quốc Hà Vĩ.")
    assert got["Đoàn Văn Việt"][1] == ["Bí thư Tỉnh ủy Lâm Đồng"]


def test_less_common_chinese_surnames_open_a_name():
    got = persons("Ngày 15/5/2025, tại Nam Ninh, Tổng cục trưởng Tổng cục Hải quan Nguyễn Văn Thọ và Tổng Thư ký "
                  "Tổng cục Hải quan Trung Quốc Du Kiến Hoa đã ký Thỏa thuận hợp tác.")
    assert got["Du Kiến Hoa"] == ("CN", ["Tổng Thư ký Tổng cục Hải quan Trung Quốc"])
    # "Du" after a Vietnamese surname is a given name: one person
    got = persons("Ngày 15/5/2025, Thứ trưởng Bộ Công Thương Nguyễn Du tiếp Đại sứ Trung Quốc Hà Vĩ.")
    assert "Nguyễn Du" in got


def test_countries_written_as_the_world_writes_them_end_the_title():
    got = persons("Ngày 14/11/2024, tại Lima, Chủ tịch nước Lương Cường đã hội đàm với Tổng thống Peru Dina Boluarte.")
    assert got["Dina Boluarte"] == ("PE", ["Tổng thống Peru"])
    got = persons("Ngày 14/11/2024, Thủ tướng Phạm Minh Chính tiếp Tổng thống Kenya William Ruto và Tổng thống "
                  "Cộng hòa Síp Nikos Christodoulides.")
    assert got["William Ruto"][0] == "KE" and "Nikos Christodoulides" in got


def test_a_name_ending_in_jr_keeps_its_period_at_the_end_of_a_sentence():
    art = process("Ngày 5/3/2024, Thủ tướng Phạm Minh Chính đã gặp Tổng thống Philippines Ferdinand Marcos Jr.", "t")
    assert "Ferdinand Marcos Jr." in {p.name for p in art.persons}
    # another name's full stop is the sentence's
    art = process("Ngày 5/3/2024, Thủ tướng Phạm Minh Chính đã gặp Thủ tướng Malaysia Anwar Ibrahim.", "t")
    assert "Anwar Ibrahim" in {p.name for p in art.persons}


def test_army_names_with_lower_case_words_stay_in_the_title():
    text = ("Ngày 16/5, Thượng tướng Nguyễn Tân Cương, Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam, Thứ trưởng "
            "Bộ Quốc phòng đã hội kiến Thượng tướng Vương Tú Bân, Tư lệnh Chiến khu Nam Bộ Quân Giải phóng Nhân dân "
            "Trung Quốc.")
    got = {p.name: (p.country, p.titles) for p in process("16/05/2024 10:00\n\n" + text, "t").persons}
    assert got["Nguyễn Tân Cương"] == ("VN", ["Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam", "Thứ trưởng Bộ Quốc phòng"])
    assert got["Vương Tú Bân"] == ("CN", ["Tư lệnh Chiến khu Nam Bộ Quân Giải phóng Nhân dân Trung Quốc"])


def test_the_head_of_a_news_agency_and_a_family_name_that_is_also_a_title_word():
    text = ("Ngày 19/8, Tổng Giám đốc Thông tấn xã Việt Nam Vũ Việt Trang và Xã trưởng Tân Hoa Xã Phó Hoa đã ký "
            "Thỏa thuận hợp tác trao đổi tin, ảnh.")
    got = {p.name: (p.country, p.titles) for p in process("20/08/2024 10:00\n\n" + text, "t").persons}
    assert got.get("Phó Hoa") == ("CN", ["Xã trưởng Tân Hoa Xã"])
    # "Phó" before a title word is the title's
    text = "Ngày 19/8, Phó Xã trưởng Tân Hoa Xã Lưu Chính Vinh đã tiếp Tổng Giám đốc Thông tấn xã Việt Nam Vũ Việt Trang."
    got = {p.name: p.titles for p in process("20/08/2024 10:00\n\n" + text, "t").persons}
    assert got.get("Lưu Chính Vinh") == ["Phó Xã trưởng Tân Hoa Xã"]


def test_two_initials_before_a_foreign_name_are_the_names_and_an_acronym_is_not():
    def persons(text):
        return {p.name: p.titles for p in process("20/01/2025 10:00\n\n" + text, "t").persons}
    assert persons("Ngày 20/1, Thủ tướng Phạm Minh Chính gửi điện chúc mừng Phó Tổng thống Hoa Kỳ JD Vance.").get(
        "JD Vance") == ["Phó Tổng thống Hoa Kỳ"]
    # an organisation's acronym before the name stays the title's
    assert persons("Ngày 20/1, Thủ tướng Phạm Minh Chính gặp Tổng Thư ký UN Guterres.").get(
        "Guterres") == ["Tổng Thư ký UN"]
    assert persons("Ngày 20/1, Thủ tướng Phạm Minh Chính tiếp Đại sứ EU Julien Guerrier.").get(
        "Julien Guerrier") == ["Đại sứ EU"]


def test_a_bank_whose_name_has_a_long_lower_case_compound():
    text = "Ngày 16/5, Bộ trưởng Nguyễn Văn Thắng làm việc với Chủ tịch Ngân hàng Đầu tư Cơ sở hạ tầng châu Á (AIIB) Kim Lập Quần."
    got = {p.name: p.titles for p in process("17/05/2025 10:00\n\n" + text, "t").persons}
    assert got.get("Kim Lập Quần") == ["Chủ tịch Ngân hàng Đầu tư Cơ sở hạ tầng châu Á (AIIB)"]


def test_a_countrys_formal_name_that_opens_with_a_family_name_is_no_person():
    text = ("Ngày 5/6, Chủ tịch Quốc hội Trần Thanh Mẫn đã gửi thư chúc mừng ông Woo Won-shik được bầu làm Chủ tịch "
            "Quốc hội Đại Hàn Dân Quốc.")
    art = process("06/06/2024 10:00\n\n" + text, "t")
    assert {p.name for p in art.persons} == {"Trần Thanh Mẫn", "Woo Won-shik"}
    assert [sorted(e.participants) for e in art.events] == [["Trần Thanh Mẫn", "Woo Won-shik"]]


def test_a_province_of_two_words_after_tinh_belongs_to_the_title():
    got = persons("Ngày 14/5/2024, đoàn do ông Phút-tha-vông Sổm-phết, Tỉnh trưởng tỉnh Luang Namtha dẫn đầu đã thăm "
                  "tỉnh Điện Biên.")
    assert "Namtha" not in got and got["Phút-tha-vông Sổm-phết"][1] == ["Tỉnh trưởng tỉnh Luang Namtha"]
    # a one-word province still leaves the name after it
    got = persons("Ngày 14/5/2024, Bí thư Tỉnh ủy tỉnh Hà Giang Hầu A Lềnh tiếp đoàn.")
    assert "Hầu A Lềnh" in got


def test_a_department_named_after_a_country_does_not_make_its_head_a_national():
    got = persons("Ngày 14/5/2024, ông Nguyễn Việt Dũng, Vụ trưởng Vụ Trung Quốc, Bộ Ngoại giao làm việc với Phó Đại "
                  "sứ Trung Quốc Lý Kiến.")
    assert got["Nguyễn Việt Dũng"][0] == "VN" and got["Lý Kiến"][0] == "CN"
