"""metadata: publication date candidates, URL, outlet, author (our own page texts)."""
from __future__ import annotations

import re

import pytest

from ngoaigiao import clean, metadata
from ngoaigiao.read import read_article

BODY = ("Ngày 26/4, tại thủ đô Bắc Kinh, Thường trực Ban Bí thư Trương Thị Mai đã hội kiến Tổng Bí thư, "
        "Chủ tịch nước Trung Quốc Tập Cận Bình. Hai bên đánh giá cao những tiến triển tích cực trong quan hệ "
        "giữa hai Đảng, hai nước thời gian qua.")


def meta(text: str):
    art = read_article(text, id="t")
    return metadata.extract_metadata(clean.clean(art))


@pytest.mark.parametrize("line,iso", [
    ("26/04/2023 14:28", "2023-04-26"),
    ("10/09/2023 - 19:41", "2023-09-10"),
    ("PV - 15:27, 02/09/2024", "2024-09-02"),
    ("Thứ Sáu, ngày 23 tháng 08 năm 2019", "2019-08-23"),
    ("Thứ tư - 19/04/2023 11:21", "2023-04-19"),
    ("2022-11-02 10:37:17(GMT+08:00) CRI", "2022-11-02"),
    ("Thế giớiThứ Hai, 27/06/2016 14:12:00 +07:00", "2016-06-27"),
    ("17:59 | 16/04/2020", "2020-04-16"),
    ("16:33, ngày 25-12-2022", "2022-12-25"),
    ("Posted on: August 26, 2019 | Back | Print", "2019-08-26"),
    ("(H.V., Sở Ngoại vụ TPHCM, ngày 3-11-2008)", "2008-11-03"),
    ("Báo Đại biểu Nhân dân25/03/2025", "2025-03-25"),
    ("26 April 2023", "2023-04-26"),
    ("Hà Nội, 26 tháng 4 năm 2023", "2023-04-26"),
    ("2023-04-26T14:28:00+07:00", "2023-04-26"),
    ("Ngày 26/4/2023 | 14:28", "2023-04-26"),
    ("Tháng 4/2018", "2018-04"),
])
def test_dateline_forms(line, iso):
    found = metadata.dateline(line)
    assert found is not None and found[0] == iso


@pytest.mark.parametrize("line", [
    "Ngày 06/11/2025, Chủ nhiệm Ủy ban Biên giới quốc gia Trịnh Đức Hải đã đến thăm và làm việc với Đồn Biên phòng.",
    "Tử vi 12 cung hoàng đạo Thứ Hai ngày 23/12/2024: Xử Nữ cẩn thận kẻo bị lừa trong chuyện tiền bạc",
    "Từ ngày 11/6 đến 15/6/2024, đoàn công tác tỉnh Lào Cai thăm và làm việc tại tỉnh Vân Nam.",
    "Kỷ niệm 75 năm quan hệ ngoại giao (18/1/1950 – 18/1/2025)",
    "Chiều 25.3, tại Hà Nội",
])
def test_not_datelines(line):
    assert metadata.dateline(line) is None


def test_dateline_after_title():
    art = meta(f"Đoàn đại biểu Đảng Cộng sản Việt Nam thăm Trung Quốc\n\n26/04/2023 14:28\n\n{BODY}\n")
    assert (art.published, art.published_source) == ("2023-04-26", "dateline")


def test_leading_date_header_day_and_month():
    art = meta(f" date 2025-11-01 {BODY}\n")
    assert (art.published, art.published_source) == ("2025-11-01", "header")
    art = meta(f" date 2018-04 {BODY}\n")
    assert art.published == "2018-04"


def test_date_in_source_url_and_outlet():
    art = meta(f"Thúc đẩy hợp tác Việt Nam – Trung Quốc\n\n{BODY}\n\nBaotintuc.vn\n\n"
               "Nguồn: https://baotintuc.vn/thoi-su/thuc-day-hop-tac-viet-nam-trung-quoc-20240820191654027.htm\n")
    assert art.url.endswith("-20240820191654027.htm")
    assert (art.published, art.published_source) == ("2024-08-20", "url")
    assert art.outlet  # named from the URL host
    assert "baotintuc" in art.url


@pytest.mark.parametrize("url,iso", [
    ("https://vietnamese.cri.cn/2022/11/02/ARTIOIimlBZKNVSssyKetE8H221102.shtml", "2022-11-02"),
    ("http://vn.china-embassy.gov.cn/vn/sgdt/201903/t20190301_2308593.htm", "2019-03-01"),
    ("https://baotintuc.vn/chinh-tri/thu-tuong-tiep-dai-su-20220108133726514.htm", "2022-01-08"),
    ("https://baodantoc.vn/dien-mung-quoc-khanh-1725254290646.htm", None),
    ("https://media.qdnd.vn/thoi-su/bo-truong-tiep-doan-61737", None),
    ("https://tin.example.vn/the-gioi/20240820/hoi-dam.html", "2024-08-20"),
])
def test_url_dates(url, iso):
    assert metadata.url_date(url) == iso


def test_site_header_clock_loses_to_the_article_dateline():
    page = ("Thứ 5, 18/04/2024 02:55:17 GMT+7\n\nChính trị 08:55, 03/06/2013 GMT+7\n\n"
            "Các tỉnh của Việt Nam và Lào tăng cường hợp tác\n\n"
            "Thứ 2, 03/06/2013 | 08:55:00 1.322 lượt xem\n\n"
            "Nhân dịp này, hai bên đã ký biên bản hợp tác năm 2013-2014, trong đó nhấn mạnh yêu cầu tăng cường "
            "phối hợp tuyên truyền về quan hệ hữu nghị truyền thống Việt Nam - Lào.\n")
    assert meta(page).published == "2013-06-03"


def test_stale_site_date_loses_to_a_dateline_the_body_confirms():
    page = ("Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27\n\nĐiện mừng Quốc khánh Việt Nam\n\n"
            "PV - 15:27, 02/09/2024\n\n"
            "Nhân dịp kỷ niệm 79 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945-02/9/2024), "
            "lãnh đạo các nước đã gửi điện mừng tới lãnh đạo Đảng, Nhà nước Việt Nam.\n")
    assert meta(page).published == "2024-09-02"


def test_dates_only_in_sentences_give_no_publication_date():
    art = meta(f"Ngày 28/2/2023, đồng chí Nguyễn Quốc Đoàn, Bí thư Tỉnh ủy Lạng Sơn đã hội đàm với "
               f"đồng chí Lưu Ninh, Bí thư Khu ủy Quảng Tây.\n\n{BODY}\n")
    assert art.published is None and art.published_source is None


def test_dates_in_related_lists_and_horoscopes_are_not_the_publication_date():
    page = (f"Trưởng ban Đối ngoại Trung ương hội đàm trực tuyến với Trưởng ban Liên lạc Đối ngoại\n\n{BODY}\n\n"
            "Xem nhiều\n\n23/12/2024 09:00\n\nTử vi hôm nay 23/12/2024 của 12 cung hoàng đạo\n\n"
            "Giá vàng hôm nay 23/12/2024: vàng tăng mạnh\n")
    assert meta(page).published is None


def test_listing_page_with_several_bare_dates_gives_none():
    page = ("Quan hệ Việt – Trung nổi lên tại Quốc hội Mỹ\n\nVOA\n\n3-10-2017\n\n"
            f"{BODY}\n\nHoàng Sa – nổi trôi vận nước\n\nLuật Khoa\n\n19-9-2017\n\n{BODY} Thêm một đoạn.\n")
    assert meta(page).published is None


def test_single_bare_date_line_is_a_byline_date():
    art = meta(f"Tuổi trẻ hai nước với sứ mệnh xây dựng hình ảnh quốc gia\n\n25-12-2022\n\n{BODY}\n")
    assert art.published == "2022-12-25"


def test_author_line_after_title_and_in_dateline():
    art = meta(f"Trưởng ban Đối ngoại Trung ương hội đàm với Trưởng ban Liên lạc Đối ngoại\n\nBảo Chi\n\n{BODY}\n")
    assert art.author == "Bảo Chi"
    art = meta(f"Điện mừng Quốc khánh Việt Nam\n\nPV - 15:27, 02/09/2024\n\n{BODY}\n")
    assert art.author == "PV"


def test_html_metadata_is_kept():
    art = read_article(f"<html><head><title>Tin</title><meta property=\"article:published_time\" "
                       f"content=\"2023-04-26T10:00:00+07:00\"></head><body><article><h1>Tin</h1><p>{BODY}</p>"
                       f"<p>{BODY}</p></article></body></html>", id="h", source="x.html")
    art = metadata.extract_metadata(clean.clean(art))
    assert art.published == "2023-04-26" and art.published_source == "html"


def test_posted_date_beats_updated_date():
    page = (f"Thủ tướng tiếp Đại sứ Trung Quốc\n\nNgày đăng: 05/03/2024 10:10\n\n"
            f"Cập nhật: 07/03/2024 08:00\n\n{BODY}\n")
    assert meta(page).published == "2024-03-05"


def test_html_date_only_from_metadata_not_from_related_lists():
    html = (f"<html><head><title>Tin</title></head><body><article><h1>Thủ tướng tiếp Đại sứ</h1>"
            f"<p>{BODY}</p><p>{BODY}</p></article><aside><ul><li>Tin khác 12/10/2024</li></ul></aside>"
            f"</body></html>")
    art = metadata.extract_metadata(clean.clean(read_article(html, id="h", source="x.html")))
    assert art.published is None


def test_url_inside_a_sentence_is_not_the_page_source():
    page = (f"{BODY}\n\nThông tin chi tiết về chương trình hợp tác năm trước được đăng tải tại địa chỉ "
            "https://baotintuc.vn/chinh-tri/ke-hoach-20220108133726514.htm theo thông báo của Bộ Ngoại giao.\n")
    assert meta(page).published is None


def test_month_only_line():
    assert meta(f"Nông sản Việt Nam sang Trung Quốc\n\nTháng 4/2018\n\n{BODY}\n").published == "2018-04"


def test_labelled_author_line():
    assert meta(f"Hội nghị Ủy ban Thường vụ Bộ Chính trị\n\n{BODY}\n\nBiên tập viên:Vũ Minh\n").author == "Vũ Minh"


def test_a_page_header_clock_alone_is_not_a_publication_date():
    page = f"Thứ 4, 17/04/2024 02:55:17 GMT+7\n\nCác tỉnh của Việt Nam và Lào tăng cường hợp tác\n\n{BODY}\n"
    art = meta(page)
    assert art.title == "Các tỉnh của Việt Nam và Lào tăng cường hợp tác"
    assert art.published is None


def test_outlet_from_a_lede_tag():
    art = meta(f"Bí thư Thành ủy tiếp Đại sứ Trung Quốc\n\n(Haiphong.gov.vn) - {BODY}\n")
    assert art.outlet == "haiphong.gov.vn"


@pytest.mark.parametrize("line,iso", [
    ("Minh Hà - Thu Trang - Quốc Việt (Ban Thời sự)-Thứ tư, ngày 14/03/2024 08:15 GMT+7", "2024-03-14"),
    ("Nguyễn Hoàng - Lê Thu Hà - Phạm Văn Bình (Ban Quốc tế) | 08:15 14/03/2024", "2024-03-14"),
    ("Thứ năm, 30 Tháng 12 2021 15:57", "2021-12-30"),
])
def test_a_byline_that_ends_with_its_date_and_time(line, iso):
    found = metadata.dateline(line)
    assert found is not None and found[0] == iso


def test_a_long_line_with_words_after_its_date_is_still_no_dateline():
    # negative: the date and time are not the end of the line; it says more than a byline
    line = "Minh Hà - Thu Trang - Quốc Việt (Ban Thời sự) 14/03/2024 08:15 đưa tin về hội nghị thượng đỉnh tại Hà Nội"
    assert metadata.dateline(line) is None


def test_a_full_dateline_below_a_header_of_the_month_gives_the_day():
    art = meta(f" date 2024-03 Thủ tướng tiếp Đại sứ Nhật Bản\n\nThứ tư, 14/03/2024 08:15\n\n{BODY}\n")
    assert art.published == "2024-03-14"
    # negative: a dateline of another month does not override the header
    art = meta(f" date 2024-03 Thủ tướng tiếp Đại sứ Nhật Bản\n\nThứ tư, 14/05/2024 08:15\n\n{BODY}\n")
    assert art.published == "2024-03"


# The date, time and year patterns ask their look-behind after the first digit (speed); they
# must find what the plain forms find, groups and all (lines written for this test).
_PLAIN = {
    "day": r"(?<![\d/.-])(?P<d>[0-3]?\d)\s*[/.-]\s*(?P<m>[01]?\d)\s*[/.-]\s*(?P<y>(?:19|20)\d\d)(?![\d/])",
    "iso": r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])",
    "time": r"\b[0-2]?\d\s*[:h]\s*[0-5]\d(?::[0-5]\d)?(?:\s*(?:AM|PM|am|pm))?\b",
    "year": r"(?<!\d)((?:19|20)\d\d)(?!\d)",
    "day_month": r"(?<![\d/.-])([0-3]?\d)\s*[/.-]\s*([01]?\d)(?![\d])",
}
_LINES = "Thứ Sáu, 07/08/2018 21:04 GMT+7 | 2024-03-22 9h30 12:5 a1:30 3 : 45PM 1/12/2019/ 41/3/2020 " \
         "x19/5 2019 12019 2020-1-1 5.6.2021 , 123/4-2024 0:00:00 am 29-02-2000 /07/08/2018 h 33/13"


def test_date_patterns_as_the_plain_forms_find_them():
    ours = {"day": metadata._DATE_FORMS[0], "iso": metadata._DATE_FORMS[1], "time": metadata._TIME,
            "year": metadata._YEAR, "day_month": metadata._DAY_MONTH}
    for name, plain in _PLAIN.items():
        plain_rx = re.compile(plain)
        for start in range(len(_LINES)):
            assert ([m.regs for m in ours[name].finditer(_LINES, start)]
                    == [m.regs for m in plain_rx.finditer(_LINES, start)]), (name, start)
