"""`spark resolve` gives the single-machine result: same duplicates, persons, events.

Three paths over the same records: the Spark job (blocks, shuffles, label
propagation), `merge.resolve_records` (one process, no blocking) and the
knowledge base itself (`ngoaigiao.store`, records ingested in id order).
The records are built from Article objects with text written for these
tests, so the merging rules are exercised whatever today's extractor finds.
"""
from __future__ import annotations

import json

import pytest

from ngoaigiao.article import Article, Event, Person, Span, TitleMention

pytestmark = pytest.mark.spark

BODY = (
    "Trong khuôn khổ chuyến thăm chính thức Trung Quốc, chiều {d}, tại {place}, Bộ trưởng Ngoại giao "
    "Bùi Thanh Sơn đã hội đàm với Bộ trưởng Ngoại giao Trung Quốc Vương Nghị. Hai bên đánh giá cao "
    "những bước phát triển tích cực của quan hệ hai Đảng, hai nước thời gian qua, nhất trí tăng cường "
    "giao lưu cấp cao, thúc đẩy hợp tác thương mại, đầu tư, giao thông kết nối và giao lưu nhân dân. "
    "Bộ trưởng Bùi Thanh Sơn đề nghị hai bên quản lý tốt bất đồng trên biển, mở rộng xuất khẩu nông "
    "sản và sớm triển khai các dự án đường sắt kết nối. Ông Sơn cũng mời người đồng cấp sang thăm "
    "Việt Nam vào thời gian thích hợp. {extra}"
)


def _record(aid, published, text, persons, events):
    art = Article(id=aid, raw=text, text=text, published=published, title=text.split(".")[0][:80])
    art.persons = persons
    art.events = events
    return art.to_record(with_text=True)


def _person(text, name, country, titles=()):
    i = text.find(name)
    spans = [Span(i, i + len(name))] if i >= 0 else []
    tm = []
    for t in titles:
        j = text.find(t)
        if j >= 0:
            tm.append(TitleMention(t, j, j + len(t)))
    return Person(name=name, country=country, titles=list(titles), mentions=spans, title_spans=tm)


def build_records() -> list[dict]:
    recs = []
    t1 = BODY.format(d="10/12", place="Bắc Kinh", extra="Cùng ngày, hai Bộ trưởng đã gặp gỡ báo chí.")
    talks = Event("talks", "2024-12-10", None, "Bắc Kinh", ["Bùi Thanh Sơn", "Vương Nghị"], ["VN", "CN"],
                  evidence=[Span(40, 120)], cameo="043", confidence=0.9)
    visit = Event("visit", "2024-12-09", "2024-12-12", "Trung Quốc", ["Bùi Thanh Sơn"], ["VN", "CN"],
                  evidence=[Span(0, 40)])
    talks_in_visit = Event("talks", "2024-12-10", None, "Bắc Kinh", ["Bùi Thanh Sơn", "Vương Nghị"],
                           ["VN", "CN"], evidence=[Span(40, 120)], part_of=1)
    recs.append(_record("a1", "2024-12-10", t1, [
        _person(t1, "Bùi Thanh Sơn", "VN", ["Bộ trưởng Ngoại giao"]),
        _person(t1, "Vương Nghị", "CN", ["Bộ trưởng Ngoại giao Trung Quốc"]),
        _person(t1, "Sơn", "VN", ["Bộ trưởng"]),
    ], [talks_in_visit, visit]))
    # A reprint of a1 with one sentence changed: a near-duplicate, no facts of its own.
    t3 = t1.replace("Cùng ngày, hai Bộ trưởng đã gặp gỡ báo chí.", "Hai Bộ trưởng đã gặp gỡ báo chí sau đó.")
    recs.append(_record("a3", "2024-12-11", t3, [_person(t3, "Bùi Thanh Sơn", "VN", ["Bộ trưởng Ngoại giao"])], [talks]))
    # Another outlet: the same talks called a meeting, month-only date, tone marks placed the old way.
    t2 = ("Tháng 12/2024, Bộ trưởng Bùi Thanh Sơn tiếp xúc với Bộ trưởng Vương Nghị tại Bắc Kinh, "
          "trao đổi về hợp tác đường sắt và thương mại biên giới giữa hai nước.")
    recs.append(_record("a2", "2024-12-12", t2, [
        _person(t2, "Bùi Thanh Sơn", "VN", ["Bộ trưởng"]),
        _person(t2, "Vương Nghị", None, ["Bộ trưởng"]),
    ], [Event("meeting", "2024-12", None, "Bắc Kinh", ["Vương Nghị", "Bùi Thanh Sơn"], ["CN", "VN"])]))
    # Written without diacritics: the same person; a phone call a month later is its own event.
    t4 = "Ngay 5/1/2025, Bo truong Bui Thanh Son dien dam voi Bo truong Vuong Nghi ve hop tac song phuong."
    recs.append(_record("a4", "2025-01-05", t4, [
        _person(t4, "Bui Thanh Son", "VN", ["Bo truong"]), _person(t4, "Vuong Nghi", "CN", ["Bo truong"]),
    ], [Event("phone_call", "2025-01-05", None, None, ["Bui Thanh Son", "Vuong Nghi"], ["VN", "CN"])]))
    # Same name, different countries: two persons. An undated event never merges.
    t5 = ("Ông Lê Văn Thành (Việt Nam) và Phó Tỉnh trưởng Lê Văn Thành (Lào) cùng dự lễ ký kết biên bản hợp tác "
          "giữa hai tỉnh; Chủ tịch tỉnh Lê Văn Thành đã hội kiến Bộ trưởng Bùi Thanh Sơn.")
    recs.append(_record("a5", None, t5, [
        _person(t5, "Lê Văn Thành", "VN", ["Chủ tịch tỉnh"]), _person(t5, "Lê Văn Thành", "LA", ["Phó Tỉnh trưởng"]),
        _person(t5, "Bùi Thanh Sơn", "VN", ["Bộ trưởng"]),
    ], [Event("meeting", None, None, None, ["Lê Văn Thành", "Bùi Thanh Sơn"], ["VN"]),
        Event("signing", "2024-12-10", None, "Bắc Kinh", ["Bùi Thanh Sơn", "Vương Nghị"], ["VN", "CN"],
              documents=["Biên bản hợp tác đường sắt"])]))
    # A later article on the visit with a range overlapping a1's visit.
    t6 = "Từ ngày 11 đến 13/12/2024, Bộ trưởng Bùi Thanh Sơn thăm Trung Quốc và làm việc tại Thượng Hải."
    recs.append(_record("a6", "2024-12-13", t6, [_person(t6, "Bùi Thanh Sơn", "VN", ["Bộ trưởng"])],
                        [Event("visit", "2024-12-11", "2024-12-13", "Thượng Hải", ["Bùi Thanh Sơn"],
                               ["VN", "CN"])]))
    # Another outlet, no day: the talks again (published the next day), with an attendee;
    # and the same minister received the same day by another Chinese leader: another event.
    t7 = ("Bộ trưởng Bùi Thanh Sơn hội đàm với Bộ trưởng Vương Nghị, có sự tham dự của Đại sứ Phạm Sao Mai; "
          "cùng ngày, Thủ tướng Lý Cường đã tiếp Bộ trưởng Bùi Thanh Sơn tại Đại lễ đường Nhân dân.")
    recs.append(_record("a7", "2024-12-11", t7, [
        _person(t7, "Bùi Thanh Sơn", "VN", ["Bộ trưởng"]), _person(t7, "Vương Nghị", "CN", ["Bộ trưởng"]),
        _person(t7, "Phạm Sao Mai", "VN", ["Đại sứ"]), _person(t7, "Lý Cường", "CN", ["Thủ tướng"]),
    ], [Event("talks", None, None, None, ["Phạm Sao Mai", "Bùi Thanh Sơn", "Vương Nghị"], ["VN", "CN"]),
        Event("meeting", "2024-12-10", None, "Bắc Kinh", ["Lý Cường", "Bùi Thanh Sơn"], ["CN", "VN"])]))
    return recs


def _persons_key(rows):
    return sorted((r["name"], r["country"] or "", tuple(r["article_ids"])) for r in rows)


def _events_key(rows):
    return sorted((r["type"] or "", r["date"] or "", r["end_date"] or "", r["place"] or "",
                   r["sort_date"] or "", r["date_precision"] or "",
                   tuple(sorted(r["participants"])), tuple(sorted(zip(r["participants"], r["roles"]))),
                   tuple(sorted(r["countries"])), tuple(sorted(r["documents"])), tuple(r["article_ids"]))
                  for r in rows)


def _run_spark(spark, records, tmp_path):
    from ngoaigiao.spark import resolve as spark_resolve

    src = tmp_path / "extracted"
    rows = [(r["id"], json.dumps(r, ensure_ascii=False)) for r in records]
    spark.createDataFrame(rows, "id string, record_json string").write.parquet(str(src / "articles"))
    out = tmp_path / "resolved"
    spark_resolve.run(spark, str(src), str(out))
    return {name: [r.asDict(recursive=True) for r in spark.read.parquet(str(out / name)).collect()]
            for name in ("duplicates", "persons", "positions", "events")}


def _store_result(records, tmp_path):
    store_mod = pytest.importorskip("ngoaigiao.store")
    store = store_mod.open_store(str(tmp_path / "kb.db"))
    for rec in sorted(records, key=lambda r: r["id"]):
        store.ingest_record(rec)
    return _store_contents(store)


def _store_contents(store):
    """Persons, events and duplicates of a knowledge base, in the shape of `spark resolve`'s output."""
    q = store.db.query
    persons = [{"name": p["name"], "country": p["country"],
                "article_ids": sorted({r["article_id"] for r in q(
                    "SELECT article_id FROM article_persons WHERE person_id = ?", (p["id"],))})}
               for p in q("SELECT id, name, country FROM persons")]
    events = []
    for e in q("SELECT id, type, date, end_date, place, sort_date, date_precision FROM events"):
        parts = q("SELECT name, role FROM event_participants WHERE event_id = ?", (e["id"],))
        events.append(dict(e, participants=[r["name"] for r in parts], roles=[r["role"] for r in parts],
            countries=[r["country"] for r in q("SELECT country FROM event_countries WHERE event_id = ?", (e["id"],))],
            documents=[r["name"] for r in q("SELECT name FROM event_documents WHERE event_id = ?", (e["id"],))],
            article_ids=sorted({r["article_id"] for r in q(
                "SELECT article_id FROM event_reports WHERE event_id = ?", (e["id"],))})))
    dups = sorted((r["record_id"], r["article_id"]) for r in q(
        "SELECT record_id, article_id FROM article_sources WHERE record_id <> article_id"))
    store.close()
    return persons, events, dups


def test_reference_merges_what_the_rules_say():
    from ngoaigiao.spark import merge

    res = merge.resolve_records(build_records())
    assert [(d["article_id"], d["duplicate_of"]) for d in res["duplicates"]] == [("a3", "a1")]
    son = [p for p in res["persons"] if p["name"] == "Bùi Thanh Sơn"]
    assert len(son) == 1 and son[0]["article_ids"] == ["a1", "a2", "a4", "a5", "a6", "a7"]
    assert "Bui Thanh Son" in son[0]["aliases"]
    assert sorted(p["country"] for p in res["persons"] if p["name"] == "Lê Văn Thành") == ["LA", "VN"]
    assert not [p for p in res["persons"] if p["name"] == "Sơn"]  # short form folded into the full name
    talks = [e for e in res["events"] if e["type"] == "talks"]
    assert len(talks) == 1 and talks[0]["article_ids"] == ["a1", "a2", "a7"] and talks[0]["date"] == "2024-12-10"
    assert (talks[0]["sort_date"], talks[0]["date_precision"]) == ("2024-12-10", "day")
    roles = dict(zip(talks[0]["participants"], talks[0]["roles"]))
    assert roles["Phạm Sao Mai"] == "attendee" and roles["Vương Nghị"] == "host"
    meetings = [e for e in res["events"] if e["type"] == "meeting"]
    assert sorted(e["article_ids"] for e in meetings) == [["a5"], ["a7"]]  # another head: apart
    visits = [e for e in res["events"] if e["type"] == "visit"]
    assert len(visits) == 1 and visits[0]["article_ids"] == ["a1", "a6"]
    assert talks[0]["part_of"] == visits[0]["event_id"]



def test_spark_resolve_equals_reference_and_store(spark_session, tmp_path):
    from ngoaigiao.spark import merge

    records = build_records()
    got = _run_spark(spark_session, records, tmp_path)
    ref = merge.resolve_records(records)
    assert sorted((d["article_id"], d["duplicate_of"]) for d in got["duplicates"]) == \
        [(d["article_id"], d["duplicate_of"]) for d in ref["duplicates"]]
    assert _persons_key(got["persons"]) == _persons_key(ref["persons"])
    assert _events_key(got["events"]) == _events_key(ref["events"])
    assert sorted((p["name"], p["title"], p["first_seen"], p["n"]) for p in got["positions"]) == \
        sorted((p["name"], p["title"], p["first_seen"], p["n"]) for p in ref["positions"])
    # part_of points at the same event (ids differ between paths; compare by the target's articles).
    ids = {e["event_id"]: (e["type"], tuple(e["article_ids"])) for e in got["events"]}
    ref_ids = {e["event_id"]: (e["type"], tuple(e["article_ids"])) for e in ref["events"]}
    assert sorted((ids[e["event_id"]], ids.get(e["part_of"])) for e in got["events"]) == \
        sorted((ref_ids[e["event_id"]], ref_ids.get(e["part_of"])) for e in ref["events"])
    # Evidence spans travel with every report.
    assert all(r["evidence"] is not None for e in got["events"] for r in e["reports"])

    persons, events, dups = _store_result(records, tmp_path)
    assert _persons_key(persons) == _persons_key(got["persons"])
    assert _events_key(events) == _events_key(got["events"])
    assert dups == sorted((d["article_id"], d["duplicate_of"]) for d in got["duplicates"])


def test_event_blocks_by_label_propagation_match_union_find(spark_session):
    """The cluster path of `components` (used past the driver limit) finds the same blocks."""
    from ngoaigiao.spark.resolve import components

    keyed = [("r1", ["a"]), ("r2", ["a", "b"]), ("r3", ["b"]), ("r4", ["c"]), ("r5", []),
             ("r6", ["d"]), ("r7", ["d", "e"]), ("r8", ["e", "c"])]
    rdd = spark_session.sparkContext.parallelize(keyed, 3)
    on_driver = dict(components(spark_session, rdd).collect())
    distributed = dict(components(spark_session, rdd, driver_limit=0).collect())
    assert on_driver == distributed
    assert on_driver == {"r1": "r1", "r2": "r1", "r3": "r1", "r4": "r4", "r5": "r5",
                         "r6": "r4", "r7": "r4", "r8": "r4"}
