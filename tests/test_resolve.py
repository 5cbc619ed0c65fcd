"""The pure merging functions shared by the store and the Spark job."""
from __future__ import annotations

from ngoaigiao import resolve

STORY = ("Chiều 12/12, tại Hà Nội, Tổng Bí thư Tô Lâm đã hội kiến Bộ trưởng Ngoại giao Trung Quốc Vương Nghị "
         "nhân dịp ông sang Việt Nam dự phiên họp lần thứ 16 Ủy ban Chỉ đạo hợp tác song phương. Hai bên nhất trí "
         "thúc đẩy kết nối đường sắt, mở rộng thương mại nông sản và tăng cường giao lưu nhân dân giữa hai nước.")


def test_near_duplicate_reprint_vs_different_story():
    reprint = STORY.replace("Chiều 12/12", "Chiều ngày 12/12").replace("nhất trí", "đã nhất trí") + " (TTXVN)"
    other = ("Sáng 3/4, Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại Việt Nam; hai bên trao đổi về hợp tác "
             "đầu tư, lao động và chuyển đổi số trong khuôn khổ quan hệ Đối tác chiến lược toàn diện.")
    a, b, c = (resolve.minhash_signature(t) for t in (STORY, reprint, other))
    assert resolve.near_duplicate(a, b)
    assert not resolve.near_duplicate(a, c)
    # LSH: the reprint shares a bucket with the original, the other story shares none.
    assert set(resolve.lsh_bands(a)) & set(resolve.lsh_bands(b))
    assert not set(resolve.lsh_bands(a)) & set(resolve.lsh_bands(c))


def test_diacritics_do_not_change_the_signature():
    assert resolve.minhash_signature(STORY) == resolve.minhash_signature(
        "chieu 12/12, tai Ha Noi, tong bi thu To Lam" + STORY[len("Chiều 12/12, tại Hà Nội, Tổng Bí thư Tô Lâm"):])


def test_name_keys_spellings_and_honorifics():
    assert resolve.name_key("đồng chí Lê Hoài Trung") == resolve.name_key("Lê Hoài Trung")
    assert resolve.name_key("Ông Lê Hoài Trung") == resolve.name_key("Lê Hoài Trung")
    assert resolve.name_key("Nguyễn Thị Thanh Hoà") == resolve.name_key("Nguyễn Thị Thanh Hòa")
    assert resolve.same_name("Le Hoai Trung", "Lê Hoài Trung")          # written without diacritics
    assert not resolve.same_name("Nguyễn Văn Hà", "Nguyễn Văn Hạ")        # different tones: different names
    assert resolve.name_key("Ông Tập") == "ông tập"                      # one word left: not stripped


def test_same_person_conflicting_country():
    a = {"name": "Lý Minh", "country": "VN"}
    assert resolve.same_person(a, {"name": "Lý Minh", "country": None})
    assert not resolve.same_person(a, {"name": "Lý Minh", "country": "CN"})
    assert resolve.person_key("Lý Minh", "cn") == ("lý minh", "CN")


def test_short_name_map_in_one_article():
    persons = [{"name": "Lê Hoài Trung", "country": "VN"}, {"name": "Hoài Trung", "country": None},
               {"name": "Vương Nghị", "country": "CN"}]
    assert resolve.short_name_map(persons) == {"Hoài Trung": "Lê Hoài Trung"}


def test_title_key_expands_abbreviations():
    assert resolve.title_key("Trưởng Ban Đối ngoại TW") == resolve.title_key("Trưởng ban Đối ngoại Trung ương")
    assert resolve.title_key("Chủ tịch UBND tỉnh") == resolve.title_key("Chủ tịch Ủy ban nhân dân tỉnh")
    assert resolve.title_key("Bộ trưởng") != resolve.title_key("Thứ trưởng")


def test_position_timeline():
    obs = [
        {"title": "Trưởng Ban Đối ngoại Trung ương", "date": "2022-03-02", "article_id": "a"},
        {"title": "Trưởng Ban Đối ngoại TW", "date": "2022-11-20", "article_id": "b"},
        {"title": "Bí thư Trung ương Đảng", "date": "2024-05-10", "article_id": "c"},
        {"title": "Quyền Bộ trưởng Ngoại giao", "date": "2025-10-30", "article_id": "d"},
        {"title": "Bí thư Trung ương Đảng", "date": "2025-10-30", "article_id": "d"},
    ]
    tl = resolve.position_timeline(obs)
    assert [(t["first_seen"], t["last_seen"]) for t in tl] == [
        ("2022-03-02", "2022-11-20"), ("2024-05-10", "2025-10-30"), ("2025-10-30", "2025-10-30")]
    assert tl[0]["sources"] == ["a", "b"] and tl[0]["n"] == 2
    assert tl[2]["title"] == "Quyền Bộ trưởng Ngoại giao"


def test_timeline_folds_a_prefix_title_only_when_unambiguous():
    tl = resolve.position_timeline([
        {"title": "Chủ tịch nước", "date": "2023-01-01"},
        {"title": "Chủ tịch nước Trung Quốc", "date": "2024-01-01"},
    ])
    assert len(tl) == 1 and tl[0]["first_seen"] == "2023-01-01"
    tl = resolve.position_timeline([
        {"title": "Phó Chủ tịch", "date": "2023-01-01"},
        {"title": "Phó Chủ tịch nước", "date": "2024-01-01"},
        {"title": "Phó Chủ tịch Quốc hội", "date": "2024-01-01"},
    ])
    assert len(tl) == 3


def test_timeline_joins_titles_naming_the_holders_own_country():
    obs = [{"title": t, "date": d, "country": "CN"} for t, d in [
        ("Chủ tịch nước Trung Quốc", "2023-04-26"), ("Chủ tịch nước Cộng hòa Nhân dân Trung Hoa", "2024-08-18"),
        ("Chủ tịch nước", "2025-09-04"), ("Tổng Bí thư Đảng Cộng sản Trung Quốc", "2024-08-18")]]
    tl = resolve.position_timeline(obs)
    assert [(t["first_seen"], t["last_seen"], t["n"]) for t in tl] == [("2023-04-26", "2025-09-04", 3),
                                                                     ("2024-08-18", "2024-08-18", 1)]
    # Another country's name is part of the title: a Vietnamese ambassador *to* China.
    assert resolve.position_key("Đại sứ Trung Quốc", "VN") != resolve.position_key("Đại sứ", "VN")
    assert resolve.position_key("Đại sứ Trung Quốc", "CN") == resolve.position_key("Đại sứ", "CN")


def test_date_ranges_and_block_key():
    assert resolve.date_range({"date": "2023-04", "end_date": None}) == ("2023-04-01", "2023-04-30")
    assert resolve.date_range({"date": "2024-02", "end_date": None}) == ("2024-02-01", "2024-02-29")
    assert resolve.date_range({"date": "2023-04-25", "end_date": "2023-04-28"}) == ("2023-04-25", "2023-04-28")
    assert resolve.date_range({"date": None}) is None
    assert resolve.date_range({"date": "junk"}) is None
    key = resolve.event_block_key({"date": "2023-04-26", "participants": ["Tập Cận Bình", "Trương Thị Mai"]})
    assert key == ("2023-04-26", ("trương thị mai", "tập cận bình"))


def _ev(**kw):
    base = {"type": "talks", "date": "2025-09-04", "end_date": None, "participants": ["Lương Cường", "Tập Cận Bình"]}
    base.update(kw)
    return base


def test_same_event_rules():
    a = _ev()
    assert resolve.same_event(a, _ev(type="meeting", participants=["Tập Cận Bình", "Lương Cường", "Vương Nghị"]))
    assert not resolve.same_event(a, _ev(date="2025-09-05"))                  # another day
    assert resolve.same_event(_ev(type="visit", date="2025-09-03", end_date="2025-09-06"),
                              _ev(type="visit", date="2025-09-04"))         # overlapping ranges
    assert not resolve.same_event(a, _ev(type="visit"))                       # a visit stays apart from its talks
    assert not resolve.same_event(a, _ev(type="phone_call"))
    assert not resolve.same_event(a, _ev(participants=["Lương Cường", "Lý Cường"]))  # one shared of two
    assert not resolve.same_event(_ev(date=None), _ev(date=None))             # undated: never merged
    assert resolve.same_event(_ev(participants=["Lương Cường"]), a)           # a one-sided report of the pair
    # Resolved ids win over names.
    assert resolve.same_event(_ev(participant_ids=["1", "2"]), _ev(participants=["X", "Y"], participant_ids=["2", "1"]))


def test_merge_events():
    m = resolve.merge_events([
        _ev(type="meeting", date="2025-09", place=None, documents=[], countries=["VN", "CN"]),
        _ev(place="Bắc Kinh", documents=["Bản ghi nhớ hợp tác"], countries=["CN"], cameo="040"),
        _ev(place="Bắc Kinh", participants=["Tập Cận Bình", "Vương Nghị"], cameo="040"),
    ])
    assert m["type"] == "talks" and m["date"] == "2025-09-04" and m["place"] == "Bắc Kinh"
    assert m["participants"] == ["Lương Cường", "Tập Cận Bình", "Vương Nghị"]
    assert m["countries"] == ["VN", "CN"] and m["documents"] == ["Bản ghi nhớ hợp tác"] and m["cameo"] == "040"
    assert resolve.merge_event(_ev(end_date="2025-09-06"), _ev())["end_date"] == "2025-09-06"


def test_fold_text_long_texts_fold_as_short_ones():
    """An article's text loses its marks through an array mask, a name's through the regex:
    the two must agree on every character, Vietnamese or not."""
    import unicodedata

    sentence = ("Chiều 12/3, tại Trụ sở Trung ương Đảng, Tổng Bí thư Tô Lâm đã tiếp Đoàn đại biểu "
                "Đảng Nhân dân Cách mạng Lào – “hợp tác toàn diện” (Ðặc biệt) İstanbul ΑΣ 中国 e\u0301\u0591\u05b0 ")
    long_text = sentence * 8 + "\ud800 x\u036f\u0370"
    assert len(long_text) > resolve._ARRAY_FOLD_CHARS
    nfd = unicodedata.normalize("NFD", long_text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D"))
    assert resolve.fold_text(long_text) == " ".join(resolve._MARKS.sub("", nfd).lower().split())
    assert resolve.fold_text(long_text) == " ".join([resolve.fold_text(sentence)] * 8
                                                      + [resolve.fold_text("\ud800 x\u036f\u0370")])
    assert resolve.fold_text(sentence).startswith("chieu 12/3, tai tru so trung uong dang, tong bi thu to lam")


def test_signature_bands_are_the_stored_buckets():
    """The bucket keys and the stored bytes come from one array of the values: each band's key
    is a 64-bit integer of its 8 values and its number, and the bytes read back to the signature."""
    sig = resolve.minhash_signature(STORY)
    bands, blob = resolve.signature_bands(sig)
    assert resolve.signature_from_blob(blob) == sig and len(blob) == 4 * resolve.NUM_PERM
    assert resolve.signature_from_blob(memoryview(blob)) == sig  # as PostgreSQL returns a bytea
    assert len(bands) == resolve.LSH_BANDS and bands == resolve.lsh_bands(sig)
    assert all(isinstance(b, int) and -(1 << 63) <= b < (1 << 63) for b in bands)
    assert len(set(bands)) == resolve.LSH_BANDS  # the band's number is in its key
    other = list(sig)
    other[9] = (other[9] + 1) % (1 << 32)  # one value of band 1 changed: only band 1's key changes
    changed = [i for i, (x, y) in enumerate(zip(bands, resolve.lsh_bands(other))) if x != y]
    assert changed == [1]
    # the same 8 values in another band give another key
    same = sig[8:16] * resolve.LSH_BANDS
    assert len(set(resolve.lsh_bands(same))) == resolve.LSH_BANDS
