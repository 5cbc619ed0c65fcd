"""Titles as offices; the name table's terms beside what the articles show."""
from __future__ import annotations

from kb_support import kb_url, make_record, pg_url  # noqa: F401  (fixtures)

from ngoaigiao import offices, resolve
from ngoaigiao.store import open_store


def test_one_office_under_several_names():
    forms = ["Thủ tướng", "Thủ tướng Chính phủ", "thủ tướng chính phủ"]
    assert {offices.office(t, "VN")["key"] for t in forms} == {offices.office("Thủ tướng", "VN")["key"]}
    assert offices.office("Thủ tướng Chính phủ", "VN")["label"] == "VN / Chính phủ / Thủ tướng"
    fm = ["Bộ trưởng Bộ Ngoại giao Việt Nam", "Bộ trưởng Ngoại giao", "Ngoại trưởng"]
    assert {offices.office(t, "VN")["label"] for t in fm} == {"VN / Bộ Ngoại giao / Bộ trưởng"}
    # abbreviations and missing diacritics: one office
    assert offices.office("Truong ban Doi ngoai TW", "VN")["key"] == \
        offices.office("Trưởng Ban Đối ngoại Trung ương", "VN")["key"]
    assert offices.office("Chủ tịch Ủy ban Quân sự Trung ương Trung Quốc", "CN")["org"] == "Ủy ban Quân sự Trung ương"
    # the same post in two organisations is two offices
    assert offices.office("Thủ tướng", "CN")["org"] == "Quốc vụ viện"
    assert offices.office("Bộ trưởng Công an", "VN")["key"] != offices.office("Bộ trưởng Ngoại giao", "VN")["key"]
    assert offices.office("ông", "VN") is None


def test_bare_title_takes_the_organisation_the_name_table_gives():
    tl = resolve.position_timeline([{"title": "Chủ tịch", "date": "2024-05-01", "country": "CN"},
                                    {"title": "Chủ tịch nước Trung Quốc", "date": "2023-05-01", "country": "CN"}],
                                   holder="Tập Cận Bình")
    assert len(tl) == 1 and tl[0]["office"] == "CN / Nhà nước / Chủ tịch nước"
    assert tl[0]["variants"] == ["Chủ tịch", "Chủ tịch nước Trung Quốc"]
    assert (tl[0]["first_seen"], tl[0]["last_seen"]) == ("2023-05-01", "2024-05-01")


def test_tenure_beside_first_and_last_seen_and_a_flag():
    terms = offices.name_table_offices("Tập Cận Bình")
    k = offices.office("Chủ tịch nước", "CN")["key"]
    tenure, note = offices.tenure_check(k, "2018-03-01", "2025-04-14", terms)
    assert tenure and tenure[0]["start"] == "2013-03" and note is None
    tenure, note = offices.tenure_check(k, "2011-12-20", "2025-04-14", terms)
    assert note and "2011-12-20" in note and "2013-03" in note
    assert offices.tenure_check(k, "2020-01-01", None, []) == ([], None)  # the table knows nothing: no flag


def test_person_page_offices_tenure_flag(kb_url):  # noqa: F811
    text = ("Phó Chủ tịch Tập Cận Bình thăm Việt Nam\nNgày 20/12/2011, Chủ tịch nước Tập Cận Bình (sic) hội kiến "
            "Thủ tướng Nguyễn Tấn Dũng tại Hà Nội.")
    later = ("Tổng Bí thư, Chủ tịch Tập Cận Bình hội đàm\nNgày 14/4/2025, Chủ tịch Tập Cận Bình hội đàm với "
             "Tổng Bí thư Tô Lâm tại Hà Nội; Chủ tịch nước Trung Quốc bày tỏ vui mừng.")
    with open_store(kb_url) as s:
        s.ingest_record(make_record("o1", text, published="2011-12-20", persons=[
            ("Tập Cận Bình", "CN", ["Chủ tịch nước"]), ("Nguyễn Tấn Dũng", "VN", ["Thủ tướng"])], events=[
            {"type": "meeting", "date": "2011-12-20", "participants": ["Tập Cận Bình", "Nguyễn Tấn Dũng"],
             "countries": ["CN", "VN"]}]))
        s.ingest_record(make_record("o2", later, published="2025-04-14", persons=[
            ("Tập Cận Bình", "CN", ["Chủ tịch", "Chủ tịch nước Trung Quốc"]), ("Tô Lâm", "VN", ["Tổng Bí thư"])],
            events=[{"type": "talks", "date": "2025-04-14", "participants": ["Tập Cận Bình", "Tô Lâm"],
                     "countries": ["CN", "VN"]}]))
        p = s.get_person("Tập Cận Bình")
        pos = [x for x in p["positions"] if x["office"] == "CN / Nhà nước / Chủ tịch nước"]
        assert len(pos) == 1 and set(pos[0]["variants"]) == {"Chủ tịch", "Chủ tịch nước", "Chủ tịch nước Trung Quốc"}
        assert pos[0]["tenure"][0]["start"] == "2013-03"
        assert pos[0]["not_held"] and "2011-12-20" in pos[0]["not_held"]
