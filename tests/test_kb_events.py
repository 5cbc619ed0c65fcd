"""kb_events and the merging rules of resolve, on records we write: time
placement, sides, principals, roles, CAMEO rows, same_event and its negatives."""
from __future__ import annotations

from kb_support import make_record

from ngoaigiao import kb_events, resolve

VISIT_TEXT = ("Tổng Bí thư Tô Lâm thăm cấp Nhà nước Trung Quốc\n"
              "Từ ngày 18 đến 20/8/2024, Tổng Bí thư, Chủ tịch nước Tô Lâm thăm cấp Nhà nước Trung Quốc. "
              "Tổng Bí thư Tập Cận Bình chủ trì lễ đón; hai nhà lãnh đạo hội đàm, có sự tham dự của Trưởng Ban "
              "Đối ngoại Trung ương Lê Hoài Trung. Tổng Bí thư Tô Lâm cũng hội kiến Thủ tướng Lý Cường.")


def visit_record(published="2024-08-20"):
    return make_record("v1", VISIT_TEXT, outlet="nhandan.vn", published=published, persons=[
        ("Tô Lâm", "VN", ["Tổng Bí thư", "Chủ tịch nước"]), ("Tập Cận Bình", "CN", ["Tổng Bí thư"]),
        ("Lê Hoài Trung", "VN", ["Trưởng Ban Đối ngoại Trung ương"]), ("Lý Cường", "CN", ["Thủ tướng"])],
        events=[
            {"type": "visit", "date": "2024-08-18", "end_date": "2024-08-20", "place": "Trung Quốc",
             "participants": ["Tập Cận Bình", "Tô Lâm"], "countries": ["VN", "CN"],
             "roles": {"Tô Lâm": "visitor", "Tập Cận Bình": "host"}},
            # the talks: undated, the minister listed before his leader
            {"type": "talks", "date": None, "participants": ["Lê Hoài Trung", "Tô Lâm", "Tập Cận Bình"],
             "countries": ["VN", "CN"], "part_of": 0, "cameo": "042"},
            {"type": "meeting", "date": "2024-08", "participants": ["Tô Lâm", "Lý Cường"],
             "countries": ["VN", "CN"], "part_of": 0, "cameo": "042"},
        ])


def test_placement_day_range_published_month_year():
    rec = visit_record()
    views = kb_events.event_views(rec)
    assert (views[0]["sort_date"], views[0]["date_precision"]) == ("2024-08-18", "day")
    assert views[0]["window"] == ["2024-08-18", "2024-08-20"]
    # undated inside the dated visit: one of its days, the publication day since it falls in them
    assert (views[1]["sort_date"], views[1]["date_precision"], views[1]["window"]) == \
        ("2024-08-20", "range", ["2024-08-18", "2024-08-20"])
    # a month that holds the visit: the visit's days are the better placement
    assert views[2]["date_precision"] == "range"
    # no visit: the publication date, a few days' window
    alone = dict(rec, events=[dict(rec["events"][1], part_of=None)])
    v = kb_events.event_views(alone)[0]
    assert (v["sort_date"], v["date_precision"], v["window"]) == ("2024-08-20", "published",
                                                                   ["2024-08-17", "2024-08-20"])
    month = dict(rec, events=[dict(rec["events"][2], part_of=None)])
    v = kb_events.event_views(month)[0]
    assert (v["sort_date"], v["date_precision"], v["window"]) == ("2024-08-20", "month",
                                                                   ["2024-08-01", "2024-08-31"])
    year = dict(rec, events=[dict(rec["events"][2], part_of=None, date="2024")])
    v = kb_events.event_views(year)[0]
    assert v["date_precision"] == "year" and v["window"] is None  # a year is too wide to merge on
    # no date anywhere: undated, and only then
    bare = dict(alone, published=None)
    assert kb_events.event_views(bare)[0]["sort_date"] is None
    guessed = dict(bare, year_guess={"year": 2024, "confidence": 0.9, "reason": "term"})
    assert kb_events.event_views(guessed)[0] == dict(kb_events.event_views(guessed)[0], sort_date="2024-01-01",
                                                     date_precision="year")


def test_principals_roles_and_attendees():
    views = kb_events.event_views(visit_record())
    # the head of the Vietnamese side is the leader, though his minister is listed first
    assert views[1]["principals"] == [["VN", "Tô Lâm"], ["CN", "Tập Cận Bình"]]
    assert views[1]["roles"] == {"Tô Lâm": "visitor", "Tập Cận Bình": "host", "Lê Hoài Trung": "attendee"}
    assert views[0]["roles"] == {"Tô Lâm": "visitor", "Tập Cận Bình": "host"}
    assert views[2]["roles"] == {"Tô Lâm": "visitor", "Lý Cường": "host"}


def test_message_roles_and_side_from_the_event():
    text = "Điện mừng\nChủ tịch nước Lương Cường gửi điện mừng tới Chủ tịch Tập Cận Bình."
    rec = make_record("m1", text, published="2025-10-01", persons=[("Lương Cường", "VN", ["Chủ tịch nước"])],
                      events=[{"type": "message", "date": None, "participants": ["Lương Cường", "Tập Cận Bình"],
                               "countries": ["VN", "CN"]}])
    v = kb_events.event_views(rec)[0]
    assert v["sides"] == ["VN", "CN"]  # CN: the side of the event no one else stands for (and the name table)
    assert v["roles"] == {"Lương Cường": "sender", "Tập Cận Bình": "recipient"}


def _rep(rec, i, pkeys=None):
    views = kb_events.event_views(rec)
    return kb_events.report(rec["events"][i], views[i], lambda n: (pkeys or {}).get(n) or resolve.name_key(n))


def _meeting(id, published, date, participants, persons, type="talks"):
    text = id + "\n" + ", ".join(participants) + " đã gặp nhau."
    return make_record(id, text, published=published, persons=persons,
                       events=[{"type": type, "date": date, "participants": participants,
                                "countries": sorted({c for _, c, _ in persons if c})}])


PERSONS = [("Phạm Minh Chính", "VN", ["Thủ tướng"]), ("Lawrence Wong", "SG", ["Thủ tướng"]),
           ("Bùi Thanh Sơn", "VN", ["Bộ trưởng Ngoại giao"]), ("Tô Lâm", "VN", ["Tổng Bí thư"])]


def test_same_event_survives_noise():
    a = _rep(_meeting("a", "2024-10-31", "2024-10-31", ["Phạm Minh Chính", "Lawrence Wong"], PERSONS), 0)
    # no day, a neighbouring type, an extra attendee listed first: the same talks
    b = _rep(_meeting("b", "2024-11-01", None, ["Bùi Thanh Sơn", "Lawrence Wong", "Phạm Minh Chính"], PERSONS,
                      type="meeting"), 0)
    assert resolve.same_event(a, b) and resolve.merge_score(a, b) == round(2 / 3, 3)
    # a one-sided report of the pair
    c = _rep(_meeting("c", "2024-10-31", "2024-10-31", ["Lawrence Wong"], PERSONS), 0)
    assert resolve.same_event(a, c)


def test_same_event_negatives():
    a = _rep(_meeting("a", "2024-10-31", "2024-10-31", ["Phạm Minh Chính", "Lawrence Wong"], PERSONS), 0)
    other_day = _rep(_meeting("d", "2024-11-02", "2024-11-02", ["Phạm Minh Chính", "Lawrence Wong"], PERSONS), 0)
    assert not resolve.same_event(a, other_day)
    # the same visitor received by another leader the same day: another event
    other_head = _rep(_meeting("e", "2024-10-31", "2024-10-31", ["Tô Lâm", "Lawrence Wong"], PERSONS,
                               type="meeting"), 0)
    assert not resolve.same_event(a, other_head)
    # published a week later with no day: too far to say
    late = _rep(_meeting("f", "2024-11-08", None, ["Phạm Minh Chính", "Lawrence Wong"], PERSONS), 0)
    assert not resolve.same_event(a, late)
    call = _rep(_meeting("g", "2024-10-31", "2024-10-31", ["Phạm Minh Chính", "Lawrence Wong"], PERSONS,
                         type="phone_call"), 0)
    assert not resolve.same_event(a, call)
    video = _rep(_meeting("h", "2024-10-31", "2024-10-31", ["Phạm Minh Chính", "Lawrence Wong"], PERSONS,
                          type="video_call"), 0)
    assert resolve.same_event(call, video)  # one family: calls
    # near misses are listed for review, a different head is not one
    assert resolve.near_miss(a, other_day) == "same principals, 2 day(s) apart"
    assert resolve.near_miss(a, other_head) is None


def test_merged_heads_vote_and_attendees():
    a = _rep(_meeting("a", "2024-10-31", "2024-10-31", ["Phạm Minh Chính", "Lawrence Wong"], PERSONS), 0)
    b = _rep(_meeting("b", "2024-11-01", None, ["Bùi Thanh Sơn", "Lawrence Wong", "Phạm Minh Chính"], PERSONS), 0)
    m = resolve.merge_events([a, b])
    assert (m["sort_date"], m["date_precision"], m["window"]) == ("2024-10-31", "day", ["2024-10-31", "2024-10-31"])
    k = resolve.name_key
    assert m["principals"] == [["VN", k("Phạm Minh Chính")], ["SG", k("Lawrence Wong")]]
    assert m["role_of"][k("Bùi Thanh Sơn")] == "attendee" and m["role_of"][k("Lawrence Wong")] == "party"


def _p(name, side, role):
    return {"person_id": None, "name": name, "side": side, "role": role}


def test_cameo_rows_from_roles():
    visit = {"type": "visit", "sort_date": "2024-08-18", "cameo": "042", "countries": ["VN", "CN"],
             "participants": [_p("Tập Cận Bình", "CN", "host"), _p("Tô Lâm", "VN", "visitor"),
                              _p("Lê Hoài Trung", "VN", "attendee")]}
    rows = [(r["source"]["name"], r["cameo"], r["target"]["name"]) for r in kb_events.cameo_rows(visit)]
    assert rows == [("Tô Lâm", "042", "Tập Cận Bình"), ("Tập Cận Bình", "043", "Tô Lâm")]
    # a visit whose host is not named: coded against the host country
    lone = dict(visit, participants=[_p("Tô Lâm", "VN", "visitor")])
    assert [(r["source"]["side"], r["cameo"], r["target"]["side"]) for r in kb_events.cameo_rows(lone)] == \
        [("VN", "042", "CN"), ("CN", "043", "VN")]
    # talks: one row per pair of heads across sides; attendees and same-side pairs make none
    talks = {"type": "talks", "sort_date": "2024-08-19", "cameo": "040", "countries": ["VN", "CN"],
             "participants": [_p("Lê Hoài Trung", "VN", "attendee"), _p("Tô Lâm", "VN", "party"),
                              _p("Tập Cận Bình", "CN", "party"), _p("Vương Nghị", "CN", "attendee")]}
    assert [(r["source"]["name"], r["target"]["name"]) for r in kb_events.cameo_rows(talks)] == \
        [("Tô Lâm", "Tập Cận Bình")]
    same_side = {"type": "message", "sort_date": "2025-10-01", "cameo": "018", "countries": ["VN"],
                 "participants": [_p("Tô Lâm", "VN", "sender"), _p("Lương Cường", "VN", "sender")]}
    assert kb_events.cameo_rows(same_side) == []
    assert kb_events.cameo_rows(dict(talks, sort_date=None)) == []  # no date, no row


def test_mentions_that_are_not_people_in_the_news():
    text = ("Đoàn đại biểu vào Lăng viếng Chủ tịch Hồ Chí Minh\nSáng 2/9/2025, Tổng Bí thư Tô Lâm dẫn đầu đoàn vào "
            "Lăng viếng Chủ tịch Hồ Chí Minh, rồi tiếp Thủ tướng Lào Sonexay Siphandone tại Thành phố Hồ Chí Minh. "
            "Hai bên nhắc lại tư tưởng Hồ Chí Minh về đoàn kết và kỷ niệm Đại tướng Võ Nguyên Giáp.")
    rec = make_record("h1", text, published="2025-09-02", persons=[
        ("Tô Lâm", "VN", ["Tổng Bí thư"]), ("Hồ Chí Minh", "VN", ["Chủ tịch"]),
        ("Sonexay Siphandone", "LA", ["Thủ tướng Lào"]), ("Võ Nguyên Giáp", "VN", ["Đại tướng"])],
        events=[{"type": "meeting", "date": "2025-09-02", "participants": ["Tô Lâm", "Hồ Chí Minh", "Sonexay Siphandone",
                                                                            "Võ Nguyên Giáp"],
                 "countries": ["VN", "LA"]}])
    gone = kb_events.not_in_the_news(rec)
    assert gone == {resolve.name_key("Hồ Chí Minh"), resolve.name_key("Võ Nguyên Giáp")}
    kept = kb_events.kb_record(rec)
    assert kept["events"][0]["participants"] == ["Tô Lâm", "Sonexay Siphandone"]
    assert [p["titles"] for p in kept["persons"] if p["name"] == "Hồ Chí Minh"] == [[]]
    # the same words around a person who does act stay: one mention free of an institution is enough
    live = make_record("h2", "Gặp gỡ\nThủ tướng Phạm Minh Chính tiếp đoàn tại Thành phố Hồ Chí Minh; sau đó "
                       "ông Phạm Minh Chính dự lễ.", published="2025-09-02",
                       persons=[("Phạm Minh Chính", "VN", ["Thủ tướng"])], events=[])
    assert kb_events.not_in_the_news(live) == set()
    # a person the name table says had died before the article: a memory, not a participant
    late = make_record("h3", "Tưởng nhớ\nCác đại biểu nhắc tới Tổng Bí thư Nguyễn Phú Trọng.", published="2025-07-19",
                       persons=[("Nguyễn Phú Trọng", "VN", ["Tổng Bí thư"])], events=[])
    assert kb_events.not_in_the_news(late) == {resolve.name_key("Nguyễn Phú Trọng")}
    alive = dict(late, published="2023-12-12")
    assert kb_events.not_in_the_news(alive) == set()


def test_countries_from_the_name_table_and_the_side_of_the_event():
    text = "Hội đàm\nÔng Tập Cận Bình hội đàm với ông Tô Lâm; ông Nguyễn Văn A dự."
    rec = make_record("c1", text, published="2025-04-14", persons=[
        ("Tập Cận Bình", None, []), ("Tô Lâm", "VN", []), ("Nguyễn Văn A", None, [])],
        events=[{"type": "talks", "date": "2025-04-14", "participants": ["Tập Cận Bình", "Tô Lâm"],
                 "countries": ["CN", "VN"]},
                {"type": "meeting", "date": "2025-04-14", "participants": ["Nguyễn Văn A", "Tô Lâm"],
                 "countries": ["VN", "LA"]}])
    got = {p["name"]: p["country"] for p in kb_events.with_countries(rec)["persons"]}
    assert got == {"Tập Cận Bình": "CN", "Tô Lâm": "VN", "Nguyễn Văn A": "LA"}
