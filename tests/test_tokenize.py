"""lexicon.tokenize: every field of every token, against the plain reading of TOKEN_RE."""
from __future__ import annotations

from ngoaigiao.extract.lexicon import TOKEN_RE, Token, tokenize

# Written for this test: initials ("Marc E. Knapper"), hyphenated and apostrophe names,
# digits, Vietnamese capitals (Đ, Ủ), punctuation runs, an underscore, a dash.
TEXT = ("Chiều 12/3, Đại sứ Marc E. Knapper gặp ông Diaz-Canel và bà O'Neill tại Hà Nội; "
        "Ủy viên Bộ Chính trị (UVBCT) nói: “2024 là năm bản lề…” – snake_case, 3.5%!")


def _fields(tokens):
    return [(t.start, t.end, t.text, t.low, t.is_word, t.is_cap) for t in tokens]


def _plain(text, start=0, end=None):
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group(), m.group().lower(), m.group()[0].isalnum(),
                  m.group()[0].isupper()) for m in TOKEN_RE.finditer(text, start, end)]


def test_tokens_carry_offsets_text_lower_case_and_class():
    toks = tokenize(TEXT)
    assert _fields(toks) == _fields(_plain(TEXT))
    assert all(TEXT[t.start:t.end] == t.text for t in toks)
    words = [t.text for t in toks]
    assert "E." in words and "Diaz-Canel" in words and "O'Neill" in words
    caps = {t.text for t in toks if t.is_cap}
    assert {"Đại", "Ủy", "Marc", "UVBCT"} <= caps and "sứ" not in caps
    assert not any(t.is_word for t in toks if t.text in {",", ";", "(", ")", "“", "…", "–", "%", "!"})


def test_a_slice_of_the_text_is_tokenized_in_place():
    start, end = TEXT.index("Đại"), TEXT.index(";")
    toks = tokenize(TEXT, start, end)
    assert _fields(toks) == _fields(_plain(TEXT, start, end))
    assert toks[0].start == start and toks[-1].end <= end and toks[0].text == "Đại"
    assert tokenize("") == [] and tokenize(TEXT, 5, 5) == []
