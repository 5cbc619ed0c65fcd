"""The knowledge base an analyst can count on (SQLite and PostgreSQL): events
placed in time and filtered by it, merges across noisy reports with their
reasons, roles, counterparts across sides, CAMEO rows from roles, the
schema-4 upgrade. Records built from sentences written for these tests."""
from __future__ import annotations

import csv
import io
import json

import pytest
from kb_support import kb_url, make_record, pg_url  # noqa: F401  (fixtures)
from test_kb_events import visit_record

from ngoaigiao.cli import main
from ngoaigiao.store import open_store, schema
from ngoaigiao.store.db import connect


@pytest.fixture
def store(kb_url):  # noqa: F811
    s = open_store(kb_url)
    yield s
    s.close()


def second_report():
    """Another outlet: the talks dated, the leaders in the other order, no minister;
    the Lý Cường meeting with no day."""
    text = ("Hội đàm cấp cao Việt Nam - Trung Quốc\nNgày 19/8, tại Bắc Kinh, Tổng Bí thư Tập Cận Bình hội đàm "
            "với Tổng Bí thư, Chủ tịch nước Tô Lâm. Thủ tướng Lý Cường cùng ngày gặp Tổng Bí thư Tô Lâm.")
    return make_record("v2", text, outlet="vov.vn", published="2024-08-19", persons=[
        ("Tập Cận Bình", "CN", ["Tổng Bí thư"]), ("Tô Lâm", "VN", ["Tổng Bí thư"]), ("Lý Cường", "CN", ["Thủ tướng"])],
        events=[{"type": "talks", "date": "2024-08-19", "place": "Bắc Kinh",
                 "participants": ["Tập Cận Bình", "Tô Lâm"], "countries": ["CN", "VN"]},
                {"type": "meeting", "date": None, "participants": ["Lý Cường", "Tô Lâm"], "countries": ["CN", "VN"]}])


def other_leader_same_day():
    """The same visitor received by another leader the same day: another event."""
    text = ("Chủ tịch Quốc hội Triệu Lạc Tế hội kiến Tổng Bí thư Tô Lâm\nNgày 19/8, Ủy viên trưởng Triệu Lạc Tế "
            "đã hội kiến Tổng Bí thư, Chủ tịch nước Tô Lâm.")
    return make_record("v3", text, outlet="qdnd.vn", published="2024-08-19", persons=[
        ("Triệu Lạc Tế", "CN", ["Ủy viên trưởng"]), ("Tô Lâm", "VN", ["Tổng Bí thư"])],
        events=[{"type": "meeting", "date": "2024-08-19", "participants": ["Triệu Lạc Tế", "Tô Lâm"],
                 "countries": ["CN", "VN"]}])


def ingest_all(store):
    for r in (visit_record(), second_report(), other_leader_same_day()):
        store.ingest_record(r)


def test_every_event_placed_and_filtered_by_sort_date(store):
    ingest_all(store)
    events, total = store.query_events(since="2024-08", until="2024-08", limit=100)
    # the visit, its talks (two reports), the Lý Cường meeting (two reports, one undated) and
    # Triệu Lạc Tế's: every one inside the month filter, none twice
    assert total == 4 and sorted(e["type"] for e in events) == ["meeting", "meeting", "talks", "visit"]
    assert all(e["sort_date"] and e["date_precision"] for e in events)
    by_type = {}
    for e in events:
        by_type.setdefault(e["type"], []).append(e)
    assert len(by_type["talks"]) == 1 and by_type["talks"][0]["date_precision"] == "day"
    assert by_type["talks"][0]["n_sources"] == 2
    stats = store.stats()
    assert sum(stats["events_per_month_by_precision"]["2024-08"].values()) == total
    assert stats["events_by_date_precision"].get("none") is None


def test_merges_explained_and_kept_apart(store):
    ingest_all(store)
    events, _ = store.query_events(limit=100)
    meetings = [e for e in events if e["type"] == "meeting"]
    heads = sorted(tuple(sorted(p["name"] for p in e["participants"])) for e in meetings)
    # Lý Cường's meeting (one dated in a visit by month, one undated) is one event; Triệu Lạc Tế's another
    assert heads == sorted([tuple(sorted(["Lý Cường", "Tô Lâm"])), tuple(sorted(["Tô Lâm", "Triệu Lạc Tế"]))])
    talks = store.get_event(next(e["id"] for e in events if e["type"] == "talks"))
    why = talks["merged_because"]
    assert {p["name"] for p in why["principals"]} == {"Tô Lâm", "Tập Cận Bình"}
    assert sorted((r["article_id"], r["date_precision"]) for r in why["reports"]) == [("v1", "range"), ("v2", "day")]
    assert all(r["score"] > 0 for r in why["reports"])
    roles = {p["name"]: p["role"] for p in talks["participants"]}
    assert roles == {"Tô Lâm": "visitor", "Tập Cận Bình": "host", "Lê Hoài Trung": "attendee"}
    single = store.get_event(next(e["id"] for e in meetings if "Triệu Lạc Tế" in str(e["participants"])))
    assert single["merged_because"] is None
    assert store.check() == []


def test_counterparts_across_sides_only(store):
    ingest_all(store)
    lam = store.get_person("Tô Lâm")
    names = {c["person"]["name"]: c["n"] for c in lam["counterparts"]}
    assert "Lê Hoài Trung" not in names  # his own minister
    assert names["Tập Cận Bình"] == 2 and names["Lý Cường"] == 1 and names["Triệu Lạc Tế"] == 1
    trung = store.get_person("Lê Hoài Trung")
    assert {c["person"]["name"] for c in trung["counterparts"]} == {"Tập Cận Bình"}


def test_cameo_rows_dated_two_countries_visitor_source_of_042(store):
    ingest_all(store)
    buf = io.StringIO()
    store.export("cameo", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue()), delimiter="\t"))
    assert rows and all(r["date"] and r["source_country"] and r["target_country"]
                        and r["source_country"] != r["target_country"] for r in rows)
    visit = [(r["source_actor"], r["cameo"], r["target_actor"]) for r in rows if r["type"] == "visit"]
    assert visit == [("Tô Lâm", "042", "Tập Cận Bình"), ("Tập Cận Bình", "043", "Tô Lâm")]
    talks = [r for r in rows if r["type"] == "talks"]
    assert len(talks) == 1 and talks[0]["source_actor"] == "Tô Lâm" and talks[0]["date_precision"] == "day"
    assert not [r for r in rows if "Lê Hoài Trung" in (r["source_actor"], r["target_actor"])]  # an attendee


def test_exports_carry_sort_date(store, tmp_path):
    ingest_all(store)
    store.export("csv", str(tmp_path / "out"))
    rows = list(csv.DictReader(open(tmp_path / "out" / "events.csv", encoding="utf-8")))
    assert rows and all(r["sort_date"] and r["date_precision"] for r in rows)
    buf = io.StringIO()
    store.export("jsonl", buf)
    evs = [json.loads(x) for x in buf.getvalue().splitlines() if '"kind": "event"' in x]
    assert all(e["sort_date"] for e in evs)


def test_possible_duplicates_cli(tmp_path, capsys):
    db = str(tmp_path / "kb.db")
    texts = ["Điện đàm\nBộ trưởng Bùi Thanh Sơn điện đàm với Bộ trưởng Vương Nghị về chuyến thăm sắp tới.",
             "Hai Bộ trưởng trao đổi qua điện thoại\nNgoại trưởng Vương Nghị và Bộ trưởng Bùi Thanh Sơn bàn về "
             "hợp tác đường sắt và thương mại biên giới."]
    persons = [("Bùi Thanh Sơn", "VN", ["Bộ trưởng"]), ("Vương Nghị", "CN", ["Bộ trưởng"])]
    with open_store(db) as s:
        for i, day in enumerate(("2025-01-05", "2025-01-07")):  # a day misread by one outlet, or two calls
            s.ingest_record(make_record(f"c{i}", texts[i], published=day, persons=persons, events=[
                {"type": "phone_call", "date": day, "participants": ["Bùi Thanh Sơn", "Vương Nghị"],
                 "countries": ["VN", "CN"]}]))
        assert s.query_events()[1] == 2
    assert main(["events", "--db", db, "--possible-duplicates", "--json"]) == 0
    pairs = json.loads(capsys.readouterr().out)
    assert len(pairs) == 1 and pairs[0]["reason"] == "same principals, 2 day(s) apart"


def test_schema_3_database_gets_placement_and_counterparts(kb_url):  # noqa: F811
    """A database made before schema 4: reports without placement, counterparts of one side."""
    with open_store(kb_url) as s:
        ingest_all(s)
        expected = sorted((e["type"], e["sort_date"], e["date_precision"]) for e in s.query_events(limit=100)[0])
    db = connect(kb_url)
    with db.transaction():
        for r in db.query("SELECT id, record FROM event_reports"):
            rec = json.loads(r["record"])
            for k in ("sort_date", "date_precision", "window", "sides", "principals", "pkeys"):
                rec.pop(k, None)
            db.execute("UPDATE event_reports SET record = ? WHERE id = ?", (json.dumps(rec, ensure_ascii=False),
                                                                           r["id"]))
        db.execute("INSERT INTO person_counterparts (person_id, other_id, n) SELECT a.person_id, b.person_id, 1"
                   " FROM event_participants a JOIN event_participants b ON a.event_id = b.event_id"
                   " AND a.person_id <> b.person_id AND a.side = b.side ON CONFLICT DO NOTHING")
        for ix in ("ix_events_sort", "ix_events_type_sort"):
            db.execute(f"DROP INDEX IF EXISTS {ix}")
        for col in ("sort_date", "date_precision", "principals"):
            db.execute(f"ALTER TABLE events DROP COLUMN {col}")
        for col in ("office", "variants"):  # schema 6
            db.execute(f"ALTER TABLE positions DROP COLUMN {col}")
        for table in ("statement_topics", "statement_reports", "statements"):  # schema 5
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute("DELETE FROM schema_version WHERE version >= 4")
    db.close()
    with open_store(kb_url) as s:
        assert s.schema_version_before == 3 and s.schema_version == schema.CURRENT_VERSION
        got = sorted((e["type"], e["sort_date"], e["date_precision"]) for e in s.query_events(limit=100)[0])
        assert got == expected
        lam = s.get_person("Tô Lâm")
        assert "Lê Hoài Trung" not in {c["person"]["name"] for c in lam["counterparts"]}
        assert all(p["office"] for p in lam["positions"])  # timelines recomputed as offices
        assert s.check() == []


def test_web_event_page_and_api_show_precision_and_merge_reasons(tmp_path):
    from fastapi.testclient import TestClient

    from ngoaigiao.web import create_app

    with open_store(str(tmp_path / "kb.db")) as s:
        ingest_all(s)
        client = TestClient(create_app(s))
        events = client.get("/api/events", params={"since": "2024-08-01", "until": "2024-08-31"}).json()
        rows = events["items"]
        assert rows and all(e["sort_date"] and e["date_precision"] for e in rows)
        talks = next(e for e in rows if e["type"] == "talks")
        detail = client.get(f"/api/events/{talks['id']}").json()
        assert {p["name"] for p in detail["merged_because"]["principals"]} == {"Tô Lâm", "Tập Cận Bình"}
        html = client.get(f"/events/{talks['id']}", params={"lang": "en"}).text
        assert 'id="merged-because"' in html and "same head of each side" in html
        lone = next(e for e in rows if e["date_precision"] == "range" and e["type"] == "meeting")
        page = client.get("/events", params={"lang": "en"}).text
        assert 'data-precision="range"' in page and "during the visit" in page
        assert lone["sort_date"] in str(client.get(f"/api/events/{lone['id']}").json())


def test_historical_mention_no_participant_no_timeline(store):
    text = ("Đoàn đại biểu vào Lăng viếng Chủ tịch Hồ Chí Minh\nSáng 2/9/2025, Thủ tướng Lào Sonexay Siphandone vào "
            "Lăng viếng Chủ tịch Hồ Chí Minh, sau đó hội kiến Tổng Bí thư Tô Lâm.")
    store.ingest_record(make_record("h1", text, published="2025-09-02", persons=[
        ("Tô Lâm", "VN", ["Tổng Bí thư"]), ("Hồ Chí Minh", "VN", ["Chủ tịch"]),
        ("Sonexay Siphandone", "LA", ["Thủ tướng Lào"])],
        events=[{"type": "meeting", "date": "2025-09-02",
                 "participants": ["Sonexay Siphandone", "Hồ Chí Minh", "Tô Lâm"], "countries": ["LA", "VN"]}]))
    ho = store.get_person("Hồ Chí Minh")
    assert ho is not None and ho["positions"] == [] and ho["n_events"] == 0  # named, searchable, not a participant
    ev = store.query_events()[0][0]
    assert sorted(p["name"] for p in ev["participants"]) == sorted(["Sonexay Siphandone", "Tô Lâm"])
