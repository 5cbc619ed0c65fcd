"""The fast paths of the events, statements and clean stages answer exactly what the slower
walks they replace answer (sentences written for these tests; the corpus runs are compared
byte for byte by the extraction benchmarks' check)."""
from __future__ import annotations

import re

import pytest

from ngoaigiao import clean, metadata
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract import statements as st

SENTENCES = [
    "Chiều 12/3, tại Hà Nội, Thủ tướng Phạm Minh Chính đã tiếp Đại sứ Nhật Bản Ito Naoki.",
    "Hai bên nhất trí tăng cường hợp tác; phía Trung Quốc sẵn sàng mở rộng nhập khẩu, và "
    "Bộ trưởng khẳng định sẽ thúc đẩy kết nối giao thông.",
    "Nhân dịp này, Chủ tịch nước chuyển lời thăm hỏi của Tổng Bí thư tới Tổng thống Lào.",
    "Theo kế hoạch, đoàn sẽ thăm tỉnh Quảng Ninh và làm việc với lãnh đạo tỉnh Quảng Ninh.",
    "",
    "Ảnh: TTXVN",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_side_starts_hold_every_side(text):
    toks = lx.tokenize(text)
    found = st.side_starts(toks)
    walked = [x for x, t in enumerate(toks) if t.is_word and st._side_at(toks, x)]
    assert set(walked) <= set(found)  # a side is never missed
    assert found == sorted(set(found))
    if len(toks) > 5:
        assert walked  # each longer sentence above names a side, a country or a place


LINE_ENDS = ["Hai bên ký kết.", "Xem thêm...", "Xem thêm…  ", 'Ông nói: "Cảm ơn..."', "Tin mới /.",
             "Hà Nội, 12/3", "Vì sao?", "Đọc tiếp.. .", "a.. .", "x..", "", "  ", "Ảnh: TTXVN ”",
             "Hai bên, ", "Xem thêm…", "a;\t"]


@pytest.mark.parametrize("text", LINE_ENDS)
def test_line_endings_as_the_regexes_say(text):
    assert clean._ends_punct(text) == bool(re.search(r"[.!?:;”\"]\s*(?:/\.)?\s*$", text))
    assert clean._ends_sentence_mark(text) == bool(re.search(r"(?<!\.\.)[.!?]\s*(?:/\.)?\s*$", text))
    assert clean._ends_ellipsis(text) == bool(re.search(r"(?:\.\.\.|…)\s*[\"”]?\s*$", text))
    assert (text.rstrip()[-1:] in clean._CLAUSE_MARKS) == bool(re.search(r"[.;,]\s*$", text))
    assert (text.rstrip()[-1:] in metadata._SENTENCE_MARKS) == bool(re.search(r"[.!?…]\s*$", text))


@pytest.mark.parametrize("text", ["Hai bên  ký kết", "Tin mới", " Lề ", "a\tb", "a\u3000b", "Xem\u00adthêm", "", "  "])
def test_line_key_folds_white_space(text):
    assert clean._key(text) == " ".join(text.lower().split())


@pytest.mark.parametrize("text", ["anh-1.jpg", "IMG_2024 03.JPEG", "x.webp\n", "- Ảnh 3.", "– Ảnh 12",
                                  "Hai bên ký kết.", "file.pdf", "a.png b", "", "ảnh.gif", ".jpg"])
def test_image_line_prefilter_keeps_every_match(text):
    if clean._IMAGE_FILE.match(text):
        assert clean._may_name_image(text)
