"""Sentence splitting on sentences written for the test, in the style of the news."""
from __future__ import annotations

import re

from ngoaigiao.annotate.sentences import split_block, split_sentences
from ngoaigiao.article import Article, Block
from ngoaigiao.textnorm import match_form


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_block(text, 0, len(text))]


def test_plain_sentences_split():
    assert sents("Hai bên hội đàm tại Hà Nội. Sau đó, hai bên ký kết văn kiện! Có gì mới?") == [
        "Hai bên hội đàm tại Hà Nội.", "Sau đó, hai bên ký kết văn kiện!", "Có gì mới?"]


def test_abbreviations_do_not_end_a_sentence():
    text = "Đoàn đến TP. Hồ Chí Minh và gặp PGS.TS. Nguyễn Văn Hùng, Th.S Lê Thị Hoa và ThS. Trần Nam. Hai bên trao đổi."
    assert sents(text) == [text[:text.index(" Hai bên")], "Hai bên trao đổi."]


def test_initials_and_dotted_acronyms():
    text = ("Đại sứ Marc E. Knapper và Tổng thống Joseph R. Biden, Jr. dự lễ. "
            "Phía U.S. cho biết sẽ hợp tác. Ông H.E. Tanaka phát biểu.")
    assert sents(text) == ["Đại sứ Marc E. Knapper và Tổng thống Joseph R. Biden, Jr. dự lễ.",
                           "Phía U.S. cho biết sẽ hợp tác.", "Ông H.E. Tanaka phát biểu."]


def test_numbers_and_dotted_dates_stay_inside():
    text = "Kim ngạch đạt 1.000 tỷ USD ngày 26.4.2023 và 3.500 tỷ ngày 16.4. Hai bên hài lòng."
    assert sents(text) == ["Kim ngạch đạt 1.000 tỷ USD ngày 26.4.2023 và 3.500 tỷ ngày 16.4.", "Hai bên hài lòng."]


def test_ellipsis_inside_quotes_and_official_ending():
    text = "Ông nói: “Chúng tôi luôn coi trọng... Quan hệ hai nước rất tốt.” Cuộc gặp kết thúc./. Tin liên quan."
    assert sents(text) == ["Ông nói: “Chúng tôi luôn coi trọng... Quan hệ hai nước rất tốt.”",
                           "Cuộc gặp kết thúc./.", "Tin liên quan."]


def test_roman_numeral_ends_a_sentence_but_enumerator_starts_one():
    assert sents("Đây là kết quả Đại hội XIII. Đảng ta vững mạnh.") == [
        "Đây là kết quả Đại hội XIII.", "Đảng ta vững mạnh."]
    assert sents("1. Hai bên nhất trí tăng cường hợp tác. 2. Thúc đẩy thương mại.") == [
        "1. Hai bên nhất trí tăng cường hợp tác.", "2. Thúc đẩy thương mại."]


def test_lower_case_after_dot_does_not_split():
    assert sents("Theo Tp. Hà Nội, số liệu tăng 2,5 lần so với cùng kỳ. việc này tốt.") == [
        "Theo Tp. Hà Nội, số liệu tăng 2,5 lần so với cùng kỳ. việc này tốt."]


def test_blocks_furniture_and_meta_are_skipped_kinds_copied():
    lines = ["Tiêu đề bài viết", "26/04/2023 14:28", "Ngày 26/4, hai bên hội đàm. Sau đó ký kết.",
             "Ảnh: hai lãnh đạo.", "Tin đọc nhiều. Bài khác."]
    kinds = ["title", "meta", "body", "caption", "furniture"]
    text = "\n".join(lines)
    blocks, pos = [], 0
    for line, kind in zip(lines, kinds):
        blocks.append(Block(pos, pos + len(line), kind))
        pos += len(line) + 1
    art = split_sentences(Article(id="t", raw=text, text=text, match=match_form(text), blocks=blocks))
    got = [(text[s.start:s.end], s.kind, s.block) for s in art.sentences]
    assert got == [("Tiêu đề bài viết", "title", 0), ("Ngày 26/4, hai bên hội đàm.", "body", 2),
                   ("Sau đó ký kết.", "body", 2), ("Ảnh: hai lãnh đạo.", "caption", 3)]


def test_full_stops_inside_a_long_quotation_still_split():
    text = "Ông cho biết: “Hai nước là láng giềng. Quan hệ phát triển tốt. Hợp tác tăng mạnh.”"
    assert sents(text) == ["Ông cho biết: “Hai nước là láng giềng.", "Quan hệ phát triển tốt.", "Hợp tác tăng mạnh.”"]


def test_a_full_stop_glued_to_the_next_sentence_still_ends_it():
    assert sents("Bí thư tiếp Đại sứ tại Việt Nam.Tại buổi tiếp, hai bên trao đổi.") == [
        "Bí thư tiếp Đại sứ tại Việt Nam.", "Tại buổi tiếp, hai bên trao đổi."]
    # abbreviations, acronyms and domains are not glued sentences
    for text in ("Theo TP.HCM và Baoquocte.Vn hôm nay.", "Ông đến U.S.Army hôm qua."):
        assert sents(text) == [text]


# The terminator pattern opens with a character class for speed; it must find what the plain
# alternation r"(?:\./\.|[.!?…]+)..." finds, groups and all (text written for this test).
_PLAIN_END = re.compile(r"(?:\./\.|[.!?…]+)[\"”’»)\]]*(\s+|(?=[^\W\d_]))")


def test_terminators_as_the_plain_pattern_finds_them():
    from ngoaigiao.annotate.sentences import _END
    text = ('Hai bên ký kết./. Tin mới... Xem thêm… “Cảm ơn!” Vì sao?! (TTXVN). Nam.Tại Hà Nội '
            '1.000 người. ./.x ..5 ?.. A./.B .!?… "Đúng." » ]. !')
    for start in range(len(text)):
        assert ([(m.span(), m.span(1)) for m in _END.finditer(text, start)]
                == [(m.span(), m.span(1)) for m in _PLAIN_END.finditer(text, start)])
