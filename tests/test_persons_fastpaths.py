"""The quick paths of the persons stage find exactly what the plain scans they replace find."""
from __future__ import annotations

from ngoaigiao import pipeline
from ngoaigiao.extract import persons

# Sentences written for these tests: honorifics at a sentence's start, mid-word ("Thông",
# "Bông"), capitalised, followed by a lower-case word, by another honorific ("bà Ngài"),
# by a digit, and "Đồng chí"/"đồng chí" with its inner space.
TEXT = (
    "Ông Ngọc cho biết hai bên đã thống nhất nhiều nội dung.\n\n"
    "Phát biểu tại hội nghị, ông Thông và bà Bông khẳng định quan hệ tốt đẹp; bà Ngài Lan đồng ý.\n\n"
    "Đồng chí Mai nhấn mạnh ông đã tiếp ông 3 lần, còn đồng chí Hà thì không.\n\n"
    "Ngài Jaishankar, ông Kishida và bà Wong (ÔNG LỚN) đã gặp Ngài ông Tâm.\n"
)


def _plain(article):
    """What `_short_references` scanned before: the pattern over each sentence."""
    return [(si, m.span(), m.groups()) for si, s in enumerate(article.sentences)
            for m in persons._SHORT_REF.finditer(article.match, s.start, s.end)]


def test_short_ref_matches_equal_the_plain_scan():
    article = pipeline.process(TEXT, id="fast-short-refs")
    plain = _plain(article)
    assert len(plain) >= 8  # the sentences above do hold short references
    assert [(si, m.span(), m.groups()) for si, m in persons._short_ref_matches(article)] == plain


def test_short_ref_matches_on_a_page_without_honorifics():
    article = pipeline.process("Hai nước ký kết thỏa thuận hợp tác kinh tế.\n", id="fast-none")
    assert persons._short_ref_matches(article) == [] == _plain(article)


def test_short_ref_matches_equal_the_plain_scan_on_the_corpus(dev_dir):
    for path in sorted(dev_dir.glob("*.txt"))[:12]:
        article = pipeline.process(path.read_bytes(), id=path.stem)
        assert [(si, m.span(), m.groups()) for si, m in persons._short_ref_matches(article)] == _plain(article)
