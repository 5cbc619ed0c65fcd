"""relative_windows: the relative-date pattern run only in windows finds what it finds
over the whole block, on sentences written for these tests."""
from ngoaigiao.annotate import dates, relative_windows

BLOCKS = [
    "Sáng nay, Thủ tướng tiếp Đại sứ Nhật Bản tại Hà Nội.",
    "Chiều hôm qua (12/6), hai bên đã hội đàm; năm nay kỷ niệm 50 năm quan hệ ngoại giao.",
    "SÁNG NAY Bộ trưởng Ngoại giao điện đàm với người đồng cấp, HÔM QUA đã gửi thư.",
    "Tối\nhôm   qua, đoàn đến Bắc Kinh. Tháng tới, hai nước sẽ họp ủy ban liên chính phủ.",
    "Thông qua các cơ chế hợp tác, quan hệ hiện nay phát triển tốt đẹp; chuyến thăm này thành công.",
    "Hai bên nhất trí thúc đẩy thương mại, đầu tư trong thời gian tới.",  # "tới" with no phrase
    "Năm ngoái kim ngạch đạt 200 tỷ USD, tháng trước tăng 5%.",
    "Ngày mai (13/6), Chủ tịch nước sẽ tiếp Tổng thống; ngày hôm nay là ngày làm việc thứ hai.",
    "Hôm nayx không phải; xhôm qua cũng không; nhưng hôm kia thì có.",
    "Hôm kıa (with a dotless i) and İstanbul: blocks with such letters are searched whole.",
]


def _matches(block: str, spans):
    pat = dates._patterns()["relative"]
    return [(m.span(), m.group("rel")) for lo, hi in spans for m in pat.finditer(block, lo, hi)]


def test_windows_find_what_the_whole_block_finds():
    for block in BLOCKS:
        text = "Mở đầu. " + block + " Kết thúc"
        start, end = 8, 8 + len(block)
        whole = _matches(text, [(start, end)])
        assert _matches(text, relative_windows.windows(text, start, end)) == whole, block
    assert any(_matches(b, [(0, len(b))]) for b in BLOCKS)  # the blocks do hold phrases


def test_a_block_without_a_phrase_end_has_no_window():
    block = "Hai bên trao đổi về hợp tác kinh tế, thương mại và giao lưu nhân dân."
    assert relative_windows.windows(block, 0, len(block)) == []


def test_windows_are_small_and_cover_the_phrase():
    block = "Trong chuyến thăm chính thức kéo dài ba ngày, hai bên đã ký nhiều văn kiện; sáng nay đoàn về nước."
    spans = relative_windows.windows(block, 0, len(block))
    assert len(spans) == 1
    lo, hi = spans[0]
    assert "sáng nay" in block[lo:hi]  # (with up to two words before it: the longest phrases)
    assert hi - lo < 20


def test_an_odd_case_letter_makes_the_whole_block_the_window():
    block = "Hôm kıa hai bên gặp nhau."
    assert relative_windows.windows(block, 0, len(block)) == [(0, len(block))]


def test_the_pages_lower_case_gives_the_same_windows():
    # parse_times hands windows the page's lower case (lexicon.exact_lower) to cut from
    for block in BLOCKS:
        text = "Mở đầu. " + block + " Kết thúc"
        low = text.lower()
        if len(low) != len(text):
            continue  # (exact_lower gives None: the block is lowered on its own)
        start, end = 8, 8 + len(block)
        assert relative_windows.windows(text, start, end, low) == relative_windows.windows(text, start, end)
