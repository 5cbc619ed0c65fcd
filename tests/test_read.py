"""read.read_article: encodings, normalisation, HTML, and every kind of bad input."""
from __future__ import annotations

import gzip
import io
import unicodedata
import zipfile

import pytest

from ngoaigiao.errors import InputError
from ngoaigiao.read import read_article

# Our own sentences in the genre (real people and positions).
LEDE = ("Chiều 5/3, tại Trụ sở Chính phủ, Thủ tướng Phạm Minh Chính đã tiếp Đại sứ Trung Quốc "
        "tại Việt Nam Hùng Ba đến chào từ biệt nhân dịp kết thúc nhiệm kỳ công tác.")
SECOND = ("Thủ tướng đánh giá cao những đóng góp của Đại sứ đối với quan hệ hai Đảng, hai nước "
          "và đề nghị Ủy ban Chỉ đạo hợp tác song phương tiếp tục phát huy vai trò điều phối.")
PAGE = f"Thủ tướng tiếp Đại sứ Trung Quốc\n\n{LEDE}\n\n{SECOND}\n"

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese software writes it: base letters precomposed, tone marks combining."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
        out.append(base + "".join(c for c in d if c in _TONES))
    return "".join(out).encode("cp1258")


def test_utf8_plain_and_bom_give_the_same_text():
    a = read_article(PAGE.encode("utf-8"), id="a")
    b = read_article(b"\xef\xbb\xbf" + PAGE.encode("utf-8"), id="b")
    assert a.text == b.text == PAGE
    assert a.encoding == "utf-8" and b.encoding == "utf-8"
    assert not b.raw.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(codec):
    data = PAGE.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    art = read_article(data, id="u16")
    assert art.text == PAGE
    assert art.encoding == "utf-16"


def test_windows_1258_is_detected_and_normalised_to_nfc():
    data = to_cp1258(PAGE)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    art = read_article(data, id="w")
    assert art.encoding == "cp1258"
    assert art.text == PAGE  # NFC: combining tone marks composed
    # offsets map back into the decoded (decomposed) raw text
    i = art.text.index("Hùng Ba")
    assert unicodedata.normalize("NFC", art.raw[art.to_raw(i):art.to_raw(i + len("Hùng Ba"))]) == "Hùng Ba"


def test_match_form_unifies_tone_placement_with_same_length():
    art = read_article("Uỷ ban nhân dân tỉnh Lạng Sơn và Ủy ban Quảng Tây ký kết hợp tác, hoà bình.", id="t")
    assert len(art.match) == len(art.text)
    assert art.match.count("Ủy ban") == 2
    assert "hòa" in art.match
    assert "Uỷ ban" in art.text  # output keeps the page's spelling


def test_crlf_becomes_lf():
    art = read_article(PAGE.replace("\n", "\r\n").encode(), id="crlf")
    assert "\r" not in art.text


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"  \n\t\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (gzip.compress(PAGE.encode()), "gzip"),
    (b"ab\x00\x00\x01\x02binary\x00\xff\x00\x10", "NUL"),
])
def test_bad_inputs_raise_one_clear_reason(data, reason):
    with pytest.raises(InputError) as exc:
        read_article(data, id="x", source="in/x.txt")
    assert reason in exc.value.reason
    assert str(exc.value).startswith("in/x.txt: ")
    assert "\n" not in str(exc.value)


def test_zip_is_binary():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", PAGE)
    with pytest.raises(InputError, match="zip"):
        read_article(buf.getvalue(), id="z")


def test_damaged_utf8_is_an_error_not_mojibake():
    good = PAGE.encode()
    data = good[:60] + b"\xff\xfe\xfa" + good[60:]
    with pytest.raises(InputError) as exc:
        read_article(data, id="d", source="d.txt")
    assert "UTF-8" in exc.value.reason and "offset 60" in exc.value.reason


def test_text_without_vietnamese_is_refused():
    english = ("The Prime Minister received the outgoing Chinese ambassador in Hanoi on Tuesday "
               "and thanked him for his contribution to relations between the two countries.")
    with pytest.raises(InputError, match="no Vietnamese"):
        read_article(english.encode(), id="en")
    with pytest.raises(InputError):
        read_article("12345 67890 ... --- ///".encode(), id="digits")


def test_short_real_vietnamese_passes():
    art = read_article("Ngày 19/4, Lê Hoài Trung hội đàm với Tống Đào.".encode(), id="short")
    assert art.text.startswith("Ngày 19/4")


def test_vietnamese_without_diacritics_passes():
    text = "Thu tuong Pham Minh Chinh tiep Dai su Trung Quoc tai Ha Noi, hai ben nhat tri tang cuong hop tac cua hai nuoc"
    assert read_article(text.encode(), id="ascii").text == text


def test_too_large_bytes_and_text():
    with pytest.raises(InputError, match="too large"):
        read_article(PAGE.encode() * 10, id="big", max_bytes=len(PAGE.encode()) * 2)
    with pytest.raises(InputError, match="too large"):
        read_article(PAGE * 10, id="big", max_bytes=len(PAGE) * 2)


HTML = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Thủ tướng tiếp Đại sứ Trung Quốc - Báo Mẫu</title>
<meta property="og:url" content="https://baomau.vn/thu-tuong-tiep-dai-su-20240305101010.htm">
<meta property="article:published_time" content="2024-03-05T10:10:00+07:00">
</head><body><nav><a href="/">Trang chủ</a> | <a href="/tg">Thế giới</a></nav>
<article><h1>Thủ tướng Phạm Minh Chính tiếp Đại sứ Trung Quốc Hùng Ba</h1>
<p>{lede}</p><p>{second}</p></article>
<footer>Powered by Mẫu CMS</footer></body></html>""".format(lede=LEDE, second=SECOND)


def test_html_goes_through_trafilatura():
    art = read_article(HTML.encode(), id="h", source="page.html")
    assert art.title == "Thủ tướng Phạm Minh Chính tiếp Đại sứ Trung Quốc Hùng Ba"
    assert art.raw.startswith(art.title)
    assert LEDE in art.text and SECOND in art.text
    assert "<p>" not in art.raw and "Powered by" not in art.raw  # raw is the extracted text
    assert art.url == "https://baomau.vn/thu-tuong-tiep-dai-su-20240305101010.htm"
    assert art.published == "2024-03-05"


def test_html_detected_by_content_without_extension():
    art = read_article(HTML.encode(), id="h2", source="page.txt")
    assert "<article>" not in art.raw and LEDE in art.text


def test_html_without_article_text():
    with pytest.raises(InputError, match="no article text|no Vietnamese"):
        read_article(b"<html><body><nav>Menu</nav></body></html>", id="e", source="e.html")


def test_utf16_without_bom():
    art = read_article(PAGE.encode("utf-16-le"), id="nobom")
    assert art.text == PAGE and art.encoding == "utf-16-le"


def test_words_split_like_the_word_pattern(dev_dir):
    from ngoaigiao.read import _WORD, _words
    texts = [p.read_text(encoding="utf-8") for p in sorted(dev_dir.glob("*.txt"))]
    texts += ["a_b c2d x²y ½ Nam,Việt\u00a0Hà\u3000Nội (TTXVN)-- ١٢ab __ \t\n é́"]
    for text in texts:
        assert _words(text.lower()) == _WORD.findall(text.lower())


def _nfc_by_cluster(raw: str) -> tuple[str, list[int] | None]:
    """The definition `textnorm.nfc_with_map` implements: each cluster normalised alone."""
    if unicodedata.normalize("NFC", raw) == raw:
        return raw, None
    out, offsets, i = [], [], 0
    while i < len(raw):
        j = i + 1
        while j < len(raw) and unicodedata.combining(raw[j]):
            j += 1
        piece = unicodedata.normalize("NFC", raw[i:j])
        out.append(piece)
        offsets.extend([i] * len(piece))
        i = j
    return "".join(out), offsets + [len(raw)]


def test_nfc_map_normalises_cluster_by_cluster():
    import random

    from ngoaigiao.textnorm import nfc_with_map
    # plain letters, Vietnamese marks, singletons (Å sign, Ω, U+0340), Hangul jamo, a mark first
    pool = list("aAeoOuyđĐ ,.\n") + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u031b",
                                     "\u0340", "\u0344", "\u212b", "\u2126", "\u0958", "\u1100", "\u1161",
                                     "\uac00", "\u0f73", "\u0338", "\u0345", "\U0001d15e", "\uf900", "]", "\\", "^", "-"]
    rng = random.Random(7)
    samples = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    samples.append(unicodedata.normalize("NFD", "Thủ tướng Phạm Minh Chính tiếp Đại sứ Hàn Quốc"))
    for raw in samples:
        assert nfc_with_map(raw) == _nfc_by_cluster(raw), repr(raw)
