"""Organisation names no word list knows, inside title phrases (extract/title_compounds.py).
Sentences written for these tests; the ministries and office holders are real."""
from __future__ import annotations

import pytest

from ngoaigiao.pipeline import process


def persons(text: str) -> dict[str, tuple[str | None, list[str]]]:
    art = process(text, "t")
    return {p.name: (p.country, p.titles) for p in art.persons if p.titles}


def events(text: str) -> list[tuple[str, list[str]]]:
    return [(e.type, e.participants) for e in process(text, "t").events]


@pytest.mark.parametrize("title, name", [
    ("Bộ trưởng Giao thông vận tải", "Trần Hồng Minh"),  # three lower-case syllables
    ("Bộ trưởng Bộ Sinh thái và Môi trường Trung Quốc", "Hoàng Nhuận Thu"),
    ("Bộ trưởng Bộ Dân chính Trung Quốc", "Lục Trị Nguyên"),
    ("Bộ trưởng Bộ Nhân lực và An sinh xã hội Trung Quốc", "Vương Hiểu Bình"),  # "An" opens no name here
    ("Chủ nhiệm Ủy ban Cải cách và Phát triển Quốc gia Trung Quốc", "Trịnh San Khiết"),
    ("Bộ trưởng Văn hóa, Thể thao và Du lịch", "Nguyễn Văn Hùng"),  # a comma inside the ministry's name
])
def test_a_title_over_unlisted_compounds_before_the_name(title, name):
    got = persons(f"Ngày 20/12/2024, {title} {name} hội đàm với Đại sứ Lào tại Việt Nam Khamphao Ernthavanh.")
    assert got[name][1] == [title]
    assert ("talks", [name, "Khamphao Ernthavanh"]) in events(
        f"Ngày 20/12/2024, {title} {name} hội đàm với Đại sứ Lào tại Việt Nam Khamphao Ernthavanh.")


def test_a_title_over_unlisted_compounds_after_the_name():
    got = persons("Ngày 20/12/2024, đồng chí Hoàng Nhuận Thu, Bộ trưởng Bộ Sinh thái và Môi trường Trung Quốc, "
                  "đã hội kiến đồng chí Đỗ Đức Duy, Bộ trưởng Bộ Tài nguyên và Môi trường.")
    assert got["Hoàng Nhuận Thu"] == ("CN", ["Bộ trưởng Bộ Sinh thái và Môi trường Trung Quốc"])
    got = persons("Ngày 21/12/2024, ông Nguyễn Văn Hùng, Bộ trưởng Văn hóa, Thể thao và Du lịch, "
                  "tiếp Đại sứ Trung Quốc Hùng Ba.")
    assert got["Nguyễn Văn Hùng"][1] == ["Bộ trưởng Văn hóa, Thể thao và Du lịch"]


def test_a_title_without_a_name_does_not_swallow_the_verb_or_the_next_person():
    # a bare title, then a verb no list has: nothing is read on, nobody is invented
    text = ("Ngày 20/12/2024, Bộ trưởng Quốc phòng Trung Quốc hoan nghênh Thượng tướng Hoàng Xuân Chiến "
            "sang thăm. Bộ trưởng Ngoại giao Lào đánh giá cao Việt Nam.")
    got = persons(text)
    assert "Việt Nam" not in got and all("hoan nghênh" not in t for _, ts in got.values() for t in ts)


def test_a_place_or_an_organisation_after_a_title_is_not_read_as_its_compound():
    got = persons("Ngày 20/12/2024, ông Vương Tiểu Hồng, Bộ trưởng Công an Trung Quốc làm trưởng đoàn, "
                  "hội đàm với Bộ trưởng Công an Lương Tam Quang.")
    assert got["Vương Tiểu Hồng"][1] == ["Bộ trưởng Công an Trung Quốc"]  # "làm trưởng đoàn" is not the title's
    got = persons("Ngày 20/12/2024, đồng chí Tô Lâm tiếp ông Martin Green, Tổng thư ký, Bộ Thủ tướng và Nội các "
                  "Australia.")
    assert got["Martin Green"][1] == ["Tổng thư ký"]  # an organisation segment qualifies, is not a title


def test_a_country_in_a_title_is_written_with_a_capital():
    # "Bộ Tư pháp": lower-case "pháp" is not France
    got = persons("Ngày 20/12/2024, Bộ trưởng Bộ Tư pháp Nguyễn Hải Ninh hội đàm với Bộ trưởng Tư pháp "
                  "Trung Quốc Hạ Vinh.")
    assert got["Nguyễn Hải Ninh"][0] == "VN"
    assert got["Hạ Vinh"][0] == "CN"
    got = persons("Ngày 20/12/2024, Đại sứ Pháp tại Việt Nam Olivier Brochet chào Bộ trưởng Bùi Thanh Sơn.")
    assert got["Olivier Brochet"][0] == "FR"


@pytest.mark.parametrize("name", ["Lam Vũ", "Trâu Học Miện", "Ngụy Phượng Hòa", "Điền Quân"])
def test_chinese_family_names_of_the_table_open_a_name(name):
    got = persons(f"Ngày 1/4/2021, Đại sứ Phạm Sao Mai làm việc với Chủ tịch Khu tự trị dân tộc Choang "
                  f"Quảng Tây {name}.")
    assert got[name][0] == "CN"


def test_two_name_particles_in_a_row_stay_inside_the_name():
    got = persons("Ngày 12/11/2024, Chủ tịch Ủy ban châu Âu Ursula von der Leyen gặp Thủ tướng Phạm Minh Chính.")
    assert "Ursula von der Leyen" in got and "Ursula" not in got
    # a Vietnamese word that is also a particle does not glue two names ("do" = "by")
    got = persons("Ngày 12/11/2024, Đoàn đại biểu do Thủ tướng Lào Sonexay Siphandone dẫn đầu thăm Hà Nội.")
    assert "Sonexay Siphandone" in got


def test_a_foreign_name_takes_the_one_foreign_country_its_sentence_names():
    got = persons("Từ ngày 9 đến 11/11/2024, Chủ tịch nước Lương Cường thăm cấp Nhà nước Cộng hòa Chile theo "
                  "lời mời của Tổng thống Gabriel Boric Font.")
    assert got["Gabriel Boric Font"][0] == "CL"
    # the only foreign country of the sentence is where they met ("tại Lima, Peru"): no guess
    got = persons("Ngày 9/11/2024, tại Lima, Peru, Chủ tịch nước Lương Cường gặp Tổng thống Gabriel Boric Font.")
    assert got["Gabriel Boric Font"][0] is None
    # a country's name inside a personal name is not that country ("Úc" is Australia)
    got = persons("Ngày 9/11/2024, Thủ tướng Campuchia Hun Manet và ngài Úc Ra-Bun, Bộ trưởng Bộ Phát triển nông "
                  "thôn, tiếp Đại sứ Việt Nam Nguyễn Minh Tâm.")
    assert got["Úc Ra-Bun"][0] != "AU"


def test_lower_case_words_the_strict_reading_kept_count_towards_the_compound():
    got = persons("Ngày 26/6/2024, Thủ tướng Phạm Minh Chính gặp Chủ tịch Diễn đàn Kinh tế thế giới Klaus Schwab.")
    assert got["Klaus Schwab"][1] == ["Chủ tịch Diễn đàn Kinh tế thế giới"]
