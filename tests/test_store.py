"""The knowledge base on SQLite and PostgreSQL (kb_url), with records we build
from sentences written for these tests."""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pytest
from kb_support import kb_url, make_record, pg_url, table_dump  # noqa: F401  (fixtures)

from ngoaigiao.store import open_store

# Two outlets, one meeting, different words.
TEXT_A = ("Thủ tướng Phạm Minh Chính tiếp Đại sứ Trung Quốc Hà Vĩ\n"
          "Chiều 14/3, tại trụ sở Chính phủ, Thủ tướng Phạm Minh Chính đã tiếp Đại sứ Trung Quốc tại Việt Nam "
          "Hà Vĩ đến chào nhân dịp bắt đầu nhiệm kỳ công tác. Thủ tướng đề nghị hai bên tăng cường kết nối giao "
          "thông và thúc đẩy xuất khẩu nông sản.\n"
          "Xem thêm: Lễ hội hoa ban khai mạc tại Điện Biên")
TEXT_B = ("Đại sứ Hà Vĩ chào xã giao người đứng đầu Chính phủ Việt Nam\n"
          "Hà Nội, ngày 14/3/2024 - Đại sứ Hà Vĩ đã có cuộc gặp với ông Phạm Minh Chính tại Hà Nội. Trong buổi "
          "gặp, Đại sứ bày tỏ mong muốn làm cầu nối để quan hệ hai Đảng, hai nước phát triển ổn định, lâu dài.")


def rec_a(**kw):
    return make_record("vnx-001", TEXT_A, outlet="vnexpress.net", published="2024-03-14", persons=[
        ("Phạm Minh Chính", "VN", ["Thủ tướng"]), ("Hà Vĩ", "CN", ["Đại sứ Trung Quốc tại Việt Nam"])],
        events=[{"type": "meeting", "date": "2024-03-14", "place": "Hà Nội",
                 "participants": ["Phạm Minh Chính", "Hà Vĩ"], "countries": ["VN", "CN"],
                 "cameo": "040", "plover": "CONSULT", "roles": {"Hà Vĩ": "visitor"}}], **kw)


def rec_b():
    return make_record("tt-777", TEXT_B, outlet="tuoitre.vn", published="2024-03-15", persons=[
        ("Hà Vĩ", "CN", ["Đại sứ"]), ("Phạm Minh Chính", None, [])],
        events=[{"type": "meeting", "date": "2024-03-14", "place": "Hà Nội",
                 "participants": ["Hà Vĩ", "Phạm Minh Chính"], "countries": ["CN", "VN"]}])


@pytest.fixture
def store(kb_url):  # noqa: F811
    s = open_store(kb_url)
    yield s
    s.close()


def test_two_outlets_same_meeting_one_event_two_sources(store):
    store.ingest_record(rec_a())
    store.ingest_record(rec_b())
    events, total = store.query_events()
    assert total == 1
    ev = store.get_event(events[0]["id"])
    assert sorted(s["outlet"] for s in ev["sources"]) == ["tuoitre.vn", "vnexpress.net"]
    assert {p["name"]: p["side"] for p in ev["participants"]} == {"Phạm Minh Chính": "VN", "Hà Vĩ": "CN"}
    titles = {p["name"]: p["titles"] for p in ev["participants"]}
    assert "Thủ tướng" in titles["Phạm Minh Chính"]
    # Evidence spans point into the stored raw text of their article.
    for s in ev["sources"]:
        raw = store.get_article(s["article_id"])["raw"]
        assert s["evidence"] and all(raw[e["start"]:e["end"]] == e["text"] for e in s["evidence"])
    assert ev["cameo"] == "040" and ev["plover"] == "CONSULT" and ev["place"] == "Hà Nội"
    assert store.check() == []


def test_same_name_different_countries_two_persons(store):
    text1 = ("Bộ trưởng Lý Minh tiếp đoàn doanh nghiệp\nNgày 2/5, Bộ trưởng Lý Minh đã tiếp Đại sứ Lào "
             "Khamphao Ernthavanh tại Hà Nội để bàn về hợp tác thương mại.")
    text2 = ("Thị trưởng Côn Minh Lý Minh thăm Lào Cai\nNgày 9/6, Thị trưởng thành phố Côn Minh Lý Minh dẫn đầu "
             "đoàn đại biểu tỉnh Vân Nam hội đàm với Bí thư Tỉnh ủy Lào Cai Đặng Xuân Phong.")
    store.ingest_record(make_record("p1", text1, outlet="a.vn", published="2024-05-02",
                                    persons=[("Lý Minh", "VN", ["Bộ trưởng"])]))
    store.ingest_record(make_record("p2", text2, outlet="b.vn", published="2024-06-09",
                                    persons=[("Lý Minh", "CN", ["Thị trưởng thành phố Côn Minh"]),
                                             ("Đặng Xuân Phong", "VN", ["Bí thư Tỉnh ủy Lào Cai"])]))
    persons, total = store.query_persons(q="ly minh")
    assert total == 2
    assert sorted(p["country"] for p in persons) == ["CN", "VN"]
    got = store.get_person("Lý Minh")
    assert len(got["namesakes"]) == 1 and got["namesakes"][0]["country"] != got["country"]


def test_namesakes_in_one_article(store):
    text = ("Hai tỉnh ký biên bản hợp tác\nÔng Lê Văn Thành (Việt Nam) và Phó Tỉnh trưởng Lê Văn Thành (Lào) cùng dự "
            "lễ ký; chiều 3/7, Chủ tịch tỉnh Lê Văn Thành hội kiến Đại sứ Lào Khamphao Ernthavanh.")
    store.ingest_record(make_record("n1", text, outlet="c.vn", published="2023-07-03", persons=[
        ("Lê Văn Thành", "VN", ["Chủ tịch tỉnh"]), ("Lê Văn Thành", "LA", ["Phó Tỉnh trưởng"]),
        ("Khamphao Ernthavanh", "LA", ["Đại sứ Lào"])],
        events=[{"type": "meeting", "date": "2023-07-03", "participants": ["Lê Văn Thành", "Khamphao Ernthavanh"],
                 "countries": ["VN", "LA"]}]))
    persons, total = store.query_persons(q="le van thanh")
    assert total == 2
    assert sorted((p["country"], p["titles"][0]) for p in persons) == [("LA", "Phó Tỉnh trưởng"),
                                                                        ("VN", "Chủ tịch tỉnh")]
    ev = store.query_events()[0][0]
    assert sorted((p["name"], p["side"]) for p in ev["participants"]) == [
        ("Khamphao Ernthavanh", "LA"), ("Lê Văn Thành", "VN")]
    assert store.check() == []


def test_ingest_is_idempotent(store):
    store.ingest_record(rec_a())
    store.ingest_record(rec_b())
    before = table_dump(store)
    store.ingest_record(rec_b())
    store.ingest_record(rec_a())
    assert table_dump(store) == before


def test_changed_record_replaces_its_facts(store):
    store.ingest_record(rec_a())
    store.ingest_record(rec_b())
    # The same page re-extracted: now a phone call on another day, and no meeting.
    changed = rec_b()
    changed["events"] = [dict(changed["events"][0], type="phone_call", date="2024-03-20")]
    store.ingest_record(changed)
    events, total = store.query_events(sort="date", order="asc")
    assert total == 2
    assert [(e["type"], e["date"], e["n_sources"]) for e in events] == [
        ("meeting", "2024-03-14", 1), ("phone_call", "2024-03-20", 1)]
    # Removing the other outlet's facts leaves no trace of them.
    emptied = rec_a()
    emptied["events"], emptied["persons"] = [], []
    store.ingest_record(emptied)
    assert store.query_events()[1] == 1
    assert store.get_person("Phạm Minh Chính")["positions"] == []
    assert store.check() == []


def test_near_duplicate_stored_once_with_all_sources(store):
    store.ingest_record(rec_a())
    reprint = TEXT_A.replace("Chiều 14/3", "Chiều ngày 14/3").replace("đã tiếp", "tiếp") + " (Theo TTXVN)"
    dup = make_record("bm-42", reprint, outlet="baomoi.com", published="2024-03-14",
                      persons=[("Phạm Minh Chính", "VN", ["Thủ tướng"])],
                      events=[{"type": "meeting", "date": "2024-03-14", "participants": ["Phạm Minh Chính", "Hà Vĩ"]}])
    assert store.ingest_record(dup) == "vnx-001"
    st = store.stats()["counts"]
    assert st["articles"] == 1 and st["article_sources"] == 2 and st["event_reports"] == 1
    art = store.get_article("bm-42")
    assert art["id"] == "vnx-001"
    assert sorted(s["outlet"] for s in art["sources"]) == ["baomoi.com", "vnexpress.net"]
    ev = store.get_event(store.query_events()[0][0]["id"])
    assert ev["sources"][0]["duplicates"][0]["outlet"] == "baomoi.com"
    # The original changes beyond recognition: the reprint becomes an article of its own.
    store.ingest_record(make_record("vnx-001", TEXT_B, outlet="vnexpress.net", published="2024-03-15"))
    st = store.stats()["counts"]
    assert st["articles"] == 2 and st["article_sources"] == 2
    assert store.get_article("bm-42")["id"] == "bm-42"
    assert store.check() == []


VISIT = ("Tổng Bí thư Tô Lâm thăm cấp Nhà nước Trung Quốc\n"
         "Từ ngày 18 - 19/8, Tổng Bí thư, Chủ tịch nước Tô Lâm thăm cấp Nhà nước Trung Quốc theo lời mời của "
         "Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình. Chiều 19/8, tại Bắc Kinh, hai nhà lãnh đạo đã hội đàm "
         "và chứng kiến lễ ký Bản ghi nhớ về hợp tác đường sắt.")


def visit_record(id="v1", outlet="nhandan.vn"):
    return make_record(id, VISIT, outlet=outlet, published="2024-08-19", persons=[
        ("Tô Lâm", "VN", ["Tổng Bí thư", "Chủ tịch nước"]), ("Tập Cận Bình", "CN", ["Tổng Bí thư", "Chủ tịch nước Trung Quốc"])],
        events=[
            {"type": "visit", "date": "2024-08-18", "end_date": "2024-08-19", "place": "Trung Quốc",
             "participants": ["Tô Lâm", "Tập Cận Bình"], "countries": ["VN", "CN"],
             "roles": {"Tô Lâm": "visitor", "Tập Cận Bình": "host"}},
            {"type": "talks", "date": "2024-08-19", "place": "Bắc Kinh", "participants": ["Tô Lâm", "Tập Cận Bình"],
             "countries": ["VN", "CN"], "part_of": 0, "cameo": "040"},
            {"type": "signing", "date": "2024-08-19", "place": "Bắc Kinh", "participants": ["Tô Lâm", "Tập Cận Bình"],
             "countries": ["VN", "CN"], "part_of": 0, "documents": ["Bản ghi nhớ về hợp tác đường sắt"]},
        ])


def test_visit_and_talks_stay_two_events_linked(store):
    store.ingest_record(visit_record())
    events, total = store.query_events(sort="date", order="asc")
    assert total == 3
    visit = next(e for e in events if e["type"] == "visit")
    got = store.get_event(visit["id"])
    assert sorted(p["type"] for p in got["parts"]) == ["signing", "talks"]
    signing = store.get_event(next(e for e in events if e["type"] == "signing")["id"])
    assert signing["part_of"] == visit["id"] and signing["documents"] == ["Bản ghi nhớ về hợp tác đường sắt"]
    assert {p["name"]: p["role"] for p in got["participants"]} == {"Tô Lâm": "visitor", "Tập Cận Bình": "host"}


def test_spelling_variants_one_person_and_title_timeline(store):
    t1 = ("Trưởng Ban Đối ngoại Trung ương tiếp đoàn Đảng Nhân dân Cách mạng Lào\n"
          "Ngày 10/3, đồng chí Lê Hoài Trung, Trưởng Ban Đối ngoại Trung ương, đã tiếp Trưởng Ban Đối ngoại Trung "
          "ương Đảng Nhân dân Cách mạng Lào Thongsavanh Phomvihane tại Hà Nội.")
    t2 = ("Trao đổi lý luận Việt Nam - Trung Quốc\n"
          "Ngày 22/11, ông Le Hoai Trung, Truong Ban Doi ngoai TW, hội kiến Trưởng Ban Liên lạc Đối ngoại Trung ương "
          "Đảng Cộng sản Trung Quốc Lưu Kiến Siêu tại Bắc Kinh.")
    t3 = ("Bí thư Trung ương Đảng Lê Hoài Trung điện đàm với Bộ trưởng Ngoại giao Singapore\n"
          "Ngày 5/6, Bí thư Trung ương Đảng, Chánh Văn phòng Trung ương Đảng Lê Hoài Trung điện đàm với "
          "Bộ trưởng Ngoại giao Singapore Vivian Balakrishnan.")
    store.ingest_record(make_record("lh1", t1, outlet="dangcongsan.vn", published="2022-03-10", persons=[
        ("Lê Hoài Trung", "VN", ["Trưởng Ban Đối ngoại Trung ương"]),
        ("Thongsavanh Phomvihane", "LA", ["Trưởng Ban Đối ngoại Trung ương Đảng Nhân dân Cách mạng Lào"])],
        events=[{"type": "meeting", "date": "2022-03-10", "participants": ["Lê Hoài Trung", "Thongsavanh Phomvihane"],
                 "countries": ["VN", "LA"]}]))
    store.ingest_record(make_record("lh2", t2, outlet="qdnd.vn", published="2022-11-22", persons=[
        ("Le Hoai Trung", "VN", ["Truong Ban Doi ngoai TW"]),
        ("Lưu Kiến Siêu", "CN", ["Trưởng Ban Liên lạc Đối ngoại Trung ương Đảng Cộng sản Trung Quốc"])],
        events=[{"type": "meeting", "date": "2022-11-22", "participants": ["Le Hoai Trung", "Lưu Kiến Siêu"],
                 "countries": ["VN", "CN"]}]))
    store.ingest_record(make_record("lh3", t3, outlet="baoquocte.vn", published="2024-06-05", persons=[
        ("Lê Hoài Trung", "VN", ["Bí thư Trung ương Đảng", "Chánh Văn phòng Trung ương Đảng"]),
        ("Vivian Balakrishnan", "SG", ["Bộ trưởng Ngoại giao Singapore"])],
        events=[{"type": "phone_call", "date": "2024-06-05",
                 "participants": ["Lê Hoài Trung", "Vivian Balakrishnan"], "countries": ["VN", "SG"]}]))
    assert store.query_persons(q="hoai trung")[1] == 1
    p = store.get_person("le hoai trung")
    assert p["name"] == "Lê Hoài Trung" and set(p["aliases"]) == {"Lê Hoài Trung", "Le Hoai Trung"}
    assert [(x["first_seen"], x["last_seen"]) for x in p["positions"]][0] == ("2022-03-10", "2022-11-22")
    assert {x["title"] for x in p["positions"]} >= {"Trưởng Ban Đối ngoại Trung ương", "Bí thư Trung ương Đảng"}
    assert len(p["events"]) == 3 and {c["person"]["country"] for c in p["counterparts"]} == {"LA", "CN", "SG"}
    # The event list can be filtered by this person under any spelling.
    assert store.query_events(person="LÊ HOÀI TRUNG")[1] == 3


def test_search_folded_equals_accented(store):
    store.ingest_record(rec_a())
    store.ingest_record(rec_b())
    store.ingest_record(visit_record())
    for plain, accented in [("pham minh chinh", "Phạm Minh Chính"), ("ha vi", "Hà Vĩ"), ("tap can binh", "TẬP CẬN BÌNH")]:
        a, b = store.search(plain), store.search(accented)
        assert a == b
        assert a["articles"] and a["persons"] and a["events"]
    assert [a["id"] for a in store.search("duong sat")["articles"]] == ["v1"]
    assert store.search("đường sắt hợp tác")["events"][0]["type"] == "signing"
    assert store.search("khong co gi ca") == {"articles": [], "persons": [], "events": []}
    # Furniture ("Xem thêm ...") is not searchable text of the article.
    assert store.search("le hoi hoa ban")["articles"] == []
    assert store.query_articles(q="hoi dam")[1] == 1


def test_query_events_filters_and_paging(store):
    store.ingest_record(rec_a())
    store.ingest_record(visit_record())
    assert store.query_events(country="cn")[1] == 4
    assert store.query_events(type="talks")[1] == 1
    assert store.query_events(person="Hà Vĩ")[1] == 1
    assert store.query_events(since="2024-08-19")[1] == 2
    assert store.query_events(until="2024-03")[1] == 1
    assert store.query_events(text="bac kinh")[1] == 2
    page1, total = store.query_events(limit=2, sort="date", order="desc")
    page2, _ = store.query_events(limit=2, offset=2, sort="date", order="desc")
    assert total == 4 and len(page1) == 2 and len(page2) == 2
    assert page1[0]["date"] >= page1[1]["date"] >= page2[0]["date"] >= page2[1]["date"]
    assert store.query_events(person="Không Ai Cả") == ([], 0)
    json.dumps(store.get_article("v1"))
    json.dumps(store.stats())


def test_stats(store):
    store.ingest_record(rec_a())
    store.ingest_record(visit_record())
    st = store.stats()
    assert st["counts"]["events"] == 4 and st["counts"]["persons"] == 4
    assert st["events_per_month_by_type"]["2024-08"] == {"visit": 1, "talks": 1, "signing": 1}
    assert st["top_counterparts"] == [{"country": "CN", "n": 4}]
    assert st["latest_events"][0]["date"] == "2024-08-19"


def test_exports(store, tmp_path):
    store.ingest_record(rec_a())
    store.ingest_record(visit_record())
    store.export("jsonl", tmp_path / "kb.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "kb.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sum(x["kind"] == "event" for x in lines) == 4 and sum(x["kind"] == "person" for x in lines) == 4
    store.export("csv", tmp_path / "csv")
    with open(tmp_path / "csv" / "positions.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["title"] for r in rows} >= {"Thủ tướng", "Tổng Bí thư"}
    store.export("parquet", tmp_path / "pq")
    import pyarrow.parquet as pq
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == 4
    store.export("graphml", tmp_path / "g.graphml")
    g = ET.parse(tmp_path / "g.graphml").getroot()
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    assert len(g.findall(f".//{ns}node")) == 4 and len(g.findall(f".//{ns}edge")) == 2
    store.export("cameo", tmp_path / "e.tsv")
    rows = [r.split("\t") for r in (tmp_path / "e.tsv").read_text(encoding="utf-8").splitlines()]
    assert rows[0][:9] == ["date", "source_actor", "source_country", "cameo", "target_actor", "target_country",
                           "plover", "place", "article_ids"]
    meeting = [r for r in rows[1:] if r[1] == "Hà Vĩ"]
    # Roles order the dyad: the visiting ambassador is the source.
    assert meeting == [[*meeting[0][:1], "Hà Vĩ", "CN", "040", "Phạm Minh Chính", "VN", "CONSULT", "Hà Nội",
                        "vnx-001", *meeting[0][9:]]]
    with pytest.raises(ValueError):
        store.export("xml", tmp_path / "x")
