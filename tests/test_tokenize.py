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


# Chunks of every kind the tokenizer cuts by hand or hands to TOKEN_RE: a word and one mark
# ("nước,"), a two-character chunk ("A." before a capital: an initial), marks glued inside
# ("26/4", "(TTXVN)", "Hà-Nội.)"), underscores, odd white space, symbols with a case.
CHUNKS = ["ông Đinh Tiến Dũng, Bộ trưởng.", "A. Bình", "A, B", "E.  Knapper", "E.\tKnapper", "x.Y",
          "ngày 26/4 (TTXVN).", "Hà-Nội.) và", "__init__ _a a_ ab_", "Ⓐ Ⓑⓒ, ⅫⅠ.", "tới\u00a0Hà\u2003Nội\u3000,",
          "“Việt Nam”…", "Mỹ-", "O'", "’ab", "x--y", "1.000,5 tỷ", "İstanbul, ΣΟΦΙΑΣ.", ".", ",,", "a"]


def test_every_kind_of_chunk_gives_the_regexs_tokens():
    for text in CHUNKS:
        assert _fields(tokenize(text)) == _fields(_plain(text)), text
        for cut in range(len(text) + 1):  # a slice may end inside an initial's look-ahead
            assert _fields(tokenize(text, 0, cut)) == _fields(_plain(text, 0, cut)), (text, cut)
            assert _fields(tokenize(text, cut)) == _fields(_plain(text, cut)), (text, cut)


def test_the_callers_lower_case_gives_the_same_tokens():
    # sentence_tokens hands tokenize the page's lower case (lexicon.exact_lower) to cut from
    for text in [TEXT] + CHUNKS:
        low = text.lower()
        if len(low) != len(text) or "Σ" in text:
            continue  # exact_lower gives None there: tokenize lowers the chunks itself
        for cut in range(len(text) + 1):
            assert _fields(tokenize(text, cut, None, low)) == _fields(_plain(text, cut)), (text, cut)
            assert _fields(tokenize(text, 0, cut, low)) == _fields(_plain(text, 0, cut)), (text, cut)


def test_exact_lower_only_where_every_stretch_lowers_alike():
    from ngoaigiao.article import Article
    from ngoaigiao.extract.lexicon import exact_lower
    plain = Article(id="a", raw="", text="Hà Nội, Đại sứ", match="Hà Nội, Đại sứ")
    assert exact_lower(plain) == "hà nội, đại sứ"
    for odd in ("İstanbul và Hà Nội", "ΟΔΟΣ Σ"):  # a letter lowered to two; a final sigma
        assert exact_lower(Article(id="b", raw="", text=odd, match=odd)) is None
