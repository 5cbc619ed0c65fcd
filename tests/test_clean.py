"""clean: body vs captions vs furniture on pages we write in the outlets' shapes."""
from __future__ import annotations

from ngoaigiao import clean
from ngoaigiao.read import read_article

P1 = ("Ngày 19/4, đồng chí Lê Hoài Trung, Ủy viên Trung ương Đảng, Trưởng ban Đối ngoại Trung ương đã hội đàm "
      "trực tuyến với đồng chí Tống Đào, Trưởng ban Liên lạc Đối ngoại Trung ương Đảng Cộng sản Trung Quốc.")
P2 = ("Tại hội đàm, hai bên đã thông báo cho nhau về tình hình mỗi Đảng, mỗi nước; trao đổi ý kiến về các vấn đề "
      "quốc tế, khu vực cùng quan tâm và nhất trí tăng cường giao lưu, hợp tác trên kênh Đảng.")
P3 = ("Nhân dịp này, hai bên đã ký Kế hoạch hợp tác giữa hai Ban giai đoạn 2025-2030, khẳng định quyết tâm "
      "đưa quan hệ hai Đảng, hai nước phát triển ổn định, lành mạnh và bền vững.")
CAPTION = "Đồng chí Lê Hoài Trung, Ủy viên Trung ương Đảng, Trưởng ban Đối ngoại Trung ương phát biểu. (Nguồn: TTXVN)"
TITLE = "Trưởng ban Đối ngoại Trung ương hội đàm trực tuyến với Trưởng ban Liên lạc Đối ngoại Trung Quốc"


def blocks(text: str):
    art = clean.clean(read_article(text, id="t"))
    return art, [(b.kind, b.reason, art.text[b.start:b.end]) for b in art.blocks]


def kind_of(bl, needle: str) -> list[str]:
    return [k for k, _r, t in bl if needle in t]


def test_known_markers_title_caption_list():
    page = "\n".join([
        TITLE, "", "Bảo Chi", P1, "Theo dõi Baoquocte.vn trên", CAPTION, CAPTION, "", P2, "", P3, "",
        "Cùng chuyên mục", "",
        "Phó Thủ tướng Bùi Thanh Sơn tiếp Bộ trưởng Ngoại giao Lào",
        "Phó Thủ tướng Bùi Thanh Sơn tiếp Bộ trưởng Ngoại giao Lào", "",
        "Ngày 06/11/2025, Phó Thủ tướng Bùi Thanh Sơn đã tiếp Bộ trưởng Ngoại giao Lào Thongsavanh Phomvihane...",
        "Phiên bản di động",
    ])
    art, bl = blocks(page)
    assert art.title == TITLE
    assert bl[0][0] == "title"
    assert kind_of(bl, "Bảo Chi") == ["meta"]
    assert kind_of(bl, P1) == ["body"] and kind_of(bl, P2) == ["body"] and kind_of(bl, P3) == ["body"]
    assert kind_of(bl, "Theo dõi") == ["furniture"]
    assert kind_of(bl, CAPTION) == ["caption", "furniture"]
    assert [r for k, r, t in bl if t == CAPTION][1] == "repeated"
    assert set(kind_of(bl, "Thongsavanh")) == {"furniture"}
    assert set(kind_of(bl, "Bùi Thanh Sơn tiếp")) == {"furniture"}
    assert kind_of(bl, "Cùng chuyên mục") == ["furniture"]
    assert [r for k, r, t in bl if t == "Cùng chuyên mục"][0] == "list:Cùng chuyên mục"


def test_spans_are_offsets_into_text():
    art, _ = blocks(f"{TITLE}\n\n  {P1}  \n")
    b = art.blocks[1]
    assert art.text[b.start:b.end] == P1


def test_unseen_outlet_headline_pairs_and_teasers_are_furniture():
    # "Dòng sự kiện" is not a listed marker: the shape (repeated headline + teaser "...") gives it away
    page = "\n".join([
        TITLE, P1, P2, "Dòng sự kiện",
        "Chủ tịch nước Lương Cường tiếp Chủ tịch Đuma Quốc gia Nga",
        "Chủ tịch nước Lương Cường tiếp Chủ tịch Đuma Quốc gia Nga",
        "Chiều 8/10, tại Phủ Chủ tịch, Chủ tịch nước Lương Cường đã tiếp Chủ tịch Đuma Quốc gia Nga Vyacheslav Volodin ...",
        "Thủ tướng Phạm Minh Chính hội kiến Thủ tướng Singapore",
        "Thủ tướng Phạm Minh Chính hội kiến Thủ tướng Singapore",
        "Nhân dịp tham dự hội nghị, Thủ tướng Phạm Minh Chính đã hội kiến Thủ tướng Singapore Lawrence Wong…",
    ])
    _, bl = blocks(page)
    assert kind_of(bl, P2) == ["body"]
    assert set(kind_of(bl, "Volodin")) == {"furniture"}
    assert set(kind_of(bl, "Lawrence Wong")) == {"furniture"}
    assert set(kind_of(bl, "Lương Cường tiếp")) == {"furniture"}
    assert [r for k, r, t in bl if t == "Dòng sự kiện"] == ["list-heading"]


def test_menu_runs_and_lines_without_text():
    page = "\n".join(["Trang nhất", "Thời sự", "Thế giới", "Kinh tế", "|", TITLE, P1, P2,
                      "Mục lục | Liên hệ | Quảng cáo | RSS"])
    art, bl = blocks(page)
    assert art.title == TITLE
    for word in ("Trang nhất", "Thời sự", "Kinh tế", "RSS"):
        assert kind_of(bl, word) == ["furniture"], word
    assert kind_of(bl, P1) == ["body"]


def test_page_starting_with_its_lede_has_no_title():
    art, bl = blocks(f"{P1}\n{P2}\n")
    assert art.title is None
    assert [k for k, _, _ in bl] == ["body", "body"]


def test_header_line_is_split_into_meta_and_content():
    art, bl = blocks(f" date 2025-11-01 {CAPTION}\n\n{P1}\n")
    assert bl[0][:2] == ("meta", "header") and bl[0][2].strip() == "date 2025-11-01"
    assert bl[1] == ("caption", "marker:" + "(nguồn:", CAPTION)
    assert kind_of(bl, P1) == ["body"]


def test_caption_label_and_photo_descriptions():
    page = "\n".join([
        TITLE, "Chú thích ảnh",
        "Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình tại lễ đón",
        P1,
        "Đại sứ Phạm Thanh Bình (trái) hội kiến Trưởng Ban Liên lạc Đối ngoại Trung ương Lưu Hải Tinh",
        P2, "lc 1.jpg", P3,
    ])
    _, bl = blocks(page)
    assert kind_of(bl, "Chú thích ảnh") == ["meta"]
    assert kind_of(bl, "tại lễ đón") == ["caption"]
    assert kind_of(bl, "(trái)") == ["caption"]
    assert kind_of(bl, "lc 1.jpg") == ["furniture"]


def test_lines_repeated_far_apart_and_site_chrome():
    page = "\n".join(["Powered by Techcity", TITLE, P1, "Chia sẻ:", P2, P1, "A- A A+ | Tăng tương phản"])
    art, bl = blocks(page)
    assert art.title == TITLE
    assert kind_of(bl, "Powered by") == ["furniture"]
    assert kind_of(bl, P1) == ["body", "furniture"]
    assert kind_of(bl, "Chia sẻ") == ["furniture"]
    assert kind_of(bl, "A- A A+") == ["furniture"]


def test_inline_related_box_inside_the_article_closes_when_prose_resumes():
    page = "\n".join([TITLE, P1, "Tin liên quan", "Việt Nam và Lào ký kết hợp tác biên giới",
                      "Thủ tướng tiếp Đại sứ Nhật Bản", P2, P3])
    _, bl = blocks(page)
    assert kind_of(bl, "ký kết hợp tác biên giới") == ["furniture"]
    assert kind_of(bl, P2) == ["body"] and kind_of(bl, P3) == ["body"]


def test_datelines_outlet_and_source_lines_are_meta():
    page = "\n".join([TITLE, "26/04/2023 14:28", P1, P2, "Baotintuc.vn",
                      "Nguồn: https://baotintuc.vn/thoi-su/hoi-dam-20230426142800000.htm"])
    _, bl = blocks(page)
    assert kind_of(bl, "26/04/2023") == ["meta"]
    assert kind_of(bl, "Baotintuc.vn") == ["meta"]
    assert kind_of(bl, "Nguồn:") == ["meta"]


def test_byline_after_the_last_paragraph_and_prose_that_starts_like_chrome():
    theo_doi = ("Theo dõi sát tình hình khu vực, hai bên nhất trí tăng cường trao đổi thông tin "
                "và phối hợp chặt chẽ tại các diễn đàn đa phương.")
    nguon = "Nguồn lực cho hợp tác biên giới sẽ được hai bên ưu tiên bố trí trong năm tới."
    page = "\n".join([TITLE, P1, theo_doi, nguon, P2, "Minh Anh/TTXVN", "Tin liên quan", "Một tin khác về hợp tác"])
    _, bl = blocks(page)
    assert kind_of(bl, "Theo dõi sát") == ["body"]
    assert kind_of(bl, "Nguồn lực") == ["body"]
    assert [(k, r) for k, r, t in bl if t == "Minh Anh/TTXVN"] == [("meta", "author")]


def test_short_lines_naming_people_with_positions_are_not_a_menu():
    page = "\n".join([TITLE, P1, "Tham dự hội đàm, về phía Việt Nam có:",
                      "- Ông Lê Hoài Trung, Trưởng ban", "- Ông Nguyễn Minh Vũ, Thứ trưởng",
                      "- Bà Lê Thị Thu Hằng, Thứ trưởng", P2])
    _, bl = blocks(page)
    assert kind_of(bl, "Nguyễn Minh Vũ") == ["body"]
    assert kind_of(bl, "Lê Thị Thu Hằng") == ["body"]


def test_captions_printed_twice_in_a_row_do_not_swallow_the_article():
    cap_a = "Thủ tướng Phạm Minh Chính và Thủ tướng Lào Sonexay Siphandone tại lễ đón chính thức"
    cap_b = "Hai Thủ tướng chứng kiến lễ trao các văn kiện hợp tác giữa hai nước"
    long2 = P2 + " Hai bên cũng nhất trí thúc đẩy kết nối hạ tầng giao thông, năng lượng và viễn thông."
    long3 = P3 + " Thủ tướng Lào cảm ơn sự hỗ trợ quý báu của Việt Nam trong thời gian qua."
    page = "\n".join([TITLE, P1, cap_a, cap_a, cap_b, cap_b, long2,
                      "Quang cảnh hội đàm. Ảnh: Dương Giang/TTXVN", long3])
    _, bl = blocks(page)
    assert kind_of(bl, long2) == ["body"] and kind_of(bl, long3) == ["body"]


def test_price_tables_are_not_datelines_and_the_end_byline_survives_trailing_chrome():
    page = "\n".join(["Thế giới", "Thứ ba, 12/3/2024, 08:30 (GMT+7)", TITLE, P1, P2, "Như Tâm", "Chia sẻ",
                      "Ý kiến (0)", "Giá vàng hôm nay 12/3/2024", "Tử vi thứ Ba 12/3/2024 của 12 cung hoàng đạo"])
    art, bl = blocks(page)
    assert art.title == TITLE
    assert kind_of(bl, "Thứ ba, 12/3/2024") == ["meta"]
    assert kind_of(bl, "Giá vàng") == ["furniture"] and kind_of(bl, "Tử vi") == ["furniture"]
    assert [(k, r) for k, r, t in bl if t == "Như Tâm"] == [("meta", "author")]


def test_list_heading_in_a_menu_above_the_article_does_not_hide_it():
    page = "\n".join(["Tin mới", "Thời sự", "Thế giới", "Kinh tế", TITLE, "26/04/2023 14:28", P1, P2])
    art, bl = blocks(page)
    assert art.title == TITLE
    assert kind_of(bl, P1) == ["body"] and kind_of(bl, "Kinh tế") == ["furniture"]


def test_a_paragraph_too_long_for_a_related_item_closes_the_list_even_cut_off():
    # excerpts end mid-sentence: a list of the delegation after a "Tin liên quan" box is the article
    delegation = "Tháp tùng Chủ tịch nước có " + "; ".join(
        f"Thứ trưởng Bộ Ngoại giao Nguyễn Văn {n}" for n in ("An", "Bình", "Cường", "Dũng", "Giang", "Hùng",
                                                            "Khánh", "Long", "Minh", "Nam", "Phong"))
    page = "\n".join([TITLE, P1, "Tin liên quan", "Việt Nam và Lào ký kết hợp tác biên giới",
                      "Thủ tướng tiếp Đại sứ Nhật Bản", "", delegation + "; Chủ tịch UBND"])
    _, bl = blocks(page)
    assert kind_of(bl, "ký kết hợp tác biên giới") == ["furniture"]
    assert kind_of(bl, "Tháp tùng Chủ tịch nước") == ["body"]


def test_a_paragraph_cut_off_with_dots_after_a_photo_line_is_no_teaser():
    long_para = P1 + " " + P2 + " " + P3 + " Hai bên cũng trao đổi về hợp tác thanh niên..."
    teaser = "Chiều 8/10, Chủ tịch nước Lương Cường đã tiếp Chủ tịch Đuma Quốc gia Nga Vyacheslav Volodin ..."
    page = "\n".join([TITLE, P1, P2, "Buổi đón tiếp diễn ra rất trang trọng", long_para,
                      "Chủ tịch nước Lương Cường tiếp Chủ tịch Đuma Quốc gia Nga", teaser])
    _, bl = blocks(page)
    assert kind_of(bl, "hợp tác thanh niên") == ["body"]
    assert kind_of(bl, "Volodin ...") == ["furniture"]  # negative: a short one still is


def test_related_items_that_open_with_an_earlier_day_are_furniture_not_the_article_resuming():
    older = ["Chiều 17/4, tại Hà Nội, Chủ tịch Quốc hội Trần Thanh Mẫn tiếp Bộ trưởng Ngoại giao Lào Saleumxay Kommasith.",
             "Sáng 16/4, Phó Thủ tướng Trần Lưu Quang hội kiến Phó Chủ tịch nước Trung Quốc Hàn Chính tại Nam Ninh."]
    page = "\n".join([TITLE, P1, P2, "TIN LIÊN QUAN"] + older)
    _, bl = blocks(page)
    assert kind_of(bl, "Trần Thanh Mẫn") == ["furniture"] and kind_of(bl, "Hàn Chính") == ["furniture"]
    # the article going on after a box, on its own day or a later one, is the article
    later = ["Chiều 19/4, đồng chí Lê Hoài Trung đã tiếp Đại sứ Trung Quốc tại Việt Nam Hùng Ba tại Hà Nội.",
             "Sáng 20/4, Đoàn đại biểu Ban Đối ngoại Trung ương đã thăm và làm việc tại tỉnh Lạng Sơn."]
    page = "\n".join([TITLE, P1, "Tin liên quan", "Việt Nam và Lào ký kết hợp tác biên giới"] + later)
    _, bl = blocks(page)
    assert kind_of(bl, "Hùng Ba") == ["body"] and kind_of(bl, "tỉnh Lạng Sơn") == ["body"]


def test_the_lead_day_is_read_past_the_outlets_tag():
    lead = "NDO - Chiều 18/4, tại Hà Nội, Thủ tướng Phạm Minh Chính đã tiếp Đại sứ Trung Quốc Hà Vĩ."
    older = "Chiều 10/4, tại Hà Nội, đồng chí Lê Hoài Trung đã tiếp Đại sứ Trung Quốc Hà Vĩ."
    for tag in ("NDO - ", "(Chinhphu.vn) - ", "VOV.VN - ", "(TTXVN) "):
        page = "\n".join([TITLE, tag + lead[6:], P2, "TIN LIÊN QUAN", "Đồng chí Lê Hoài Trung tiếp Đại sứ", older])
        _, bl = blocks(page)
        assert kind_of(bl, "đồng chí Lê Hoài Trung đã tiếp") == ["furniture"], tag
    # the article going on after a box, on a later day than its tagged lead, is the article
    later = ["Chiều 19/4, đồng chí Lê Hoài Trung đã tiếp Đại sứ Trung Quốc tại Việt Nam Hùng Ba tại Hà Nội.",
             "Sáng 20/4, Đoàn đại biểu Ban Đối ngoại Trung ương đã thăm và làm việc tại tỉnh Lạng Sơn."]
    page = "\n".join([TITLE, lead, P2, "Tin liên quan", "Việt Nam và Lào ký kết hợp tác biên giới"] + later)
    _, bl = blocks(page)
    assert kind_of(bl, "Hùng Ba") == ["body"] and kind_of(bl, "tỉnh Lạng Sơn") == ["body"]


def test_a_related_lead_written_on_its_labels_line_is_furniture():
    page = "\n".join([TITLE, "", P1, "Bài liên quan: Ngày 10/5, Bộ trưởng Prak Sokhonn đã tiếp Đại sứ Việt Nam tại "
                      "Campuchia Nguyễn Minh Vũ tại Phnom Penh.", P2])
    _art, bl = blocks(page)
    assert kind_of(bl, "Prak Sokhonn") == ["furniture"]
    assert kind_of(bl, P1) == ["body"] and kind_of(bl, P2) == ["body"]
    # prose that only starts with the label's words, no colon, is the article's
    page = "\n".join([TITLE, "", P1, "Bài liên quan đến hợp tác biên giới của hai nước được hai bên thảo luận kỹ tại "
                      "cuộc hội đàm.", P2])
    _art, bl = blocks(page)
    assert kind_of(bl, "hợp tác biên giới") == ["body"]
