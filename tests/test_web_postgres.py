"""The web app on both stores: the same API answers on SQLite and PostgreSQL
(the PostgreSQL case needs NGOAIGIAO_TEST_PG; see tests/kb_support.py)."""
from __future__ import annotations

from fastapi.testclient import TestClient

from kb_support import kb_url, pg_url  # noqa: F401 - fixtures
from ngoaigiao.store import open_store
from ngoaigiao.web import create_app
from web_fixtures import fixture_records


def test_api_and_pages_on_each_store(kb_url):  # noqa: F811
    st = open_store(kb_url)
    for rec in fixture_records():
        st.ingest_record(rec)
    client = TestClient(create_app(st))
    assert client.get("/api/events").json()["total"] == 5
    assert client.get("/api/events", params={"person": "Tô Lâm", "type": "talks"}).json()["total"] == 1
    assert [p["name"] for p in client.get("/api/search", params={"q": "vuong nghi"}).json()["persons"]] \
        == ["Vương Nghị"]
    assert client.get("/api/events", params={"text": "\x00", "person": "\x00x"}).status_code in (200, 422)
    for url in ("/", "/events?country=CN", "/persons/Tập Cận Bình", "/articles/w03_markup_lao", "/search?q=lam"):
        r = client.get(url)
        assert r.status_code == 200, url
    assert "<script>alert" not in client.get("/articles/w03_markup_lao").text
    st.close()


def test_filtered_views_on_each_store(kb_url):  # noqa: F811
    """Facets, the level table, downloads, chart and map on SQLite and PostgreSQL; the
    in-memory index and the SQL agree on both."""
    from ngoaigiao.filters import parse_event_filters

    st = open_store(kb_url)
    for rec in fixture_records():
        st.ingest_record(rec)
    client = TestClient(create_app(st))
    facets = client.get("/api/facets", params={"country": "Trung Quốc"}).json()["facets"]
    assert {v["value"]: v["n"] for v in facets["type"]} == {"talks": 1, "signing": 1, "visit": 1, "phone_call": 1}
    assert any(v["value"] == "party" for v in facets["level"])
    assert client.get("/api/events.csv", params={"type": ["talks", "signing"]}).text.count("\n") == 3
    for url in ("/events?type=talks&type=visit&level=party", "/timeline?country=VN&country=LA&match=all",
                "/map", "/persons?level=government", "/articles?year=2024", "/search?q=Xi Jinping"):
        assert client.get(url).status_code == 200, url
    for params in ({}, {"country": "CN", "order": "asc"}, {"level": "party"}, {"since": "2024-03"}):
        f = parse_event_filters(params)
        assert [r["id"] for r in st.filter_events(f)[0]] == [r["id"] for r in st._sql_filter_events(f, 50, 0)[0]]
        assert st.event_facets(f) == st._sql_event_facets(f), params
    fast, slow = st.dashboard_stats(), st.stats()   # the dashboard's numbers from the index
    assert (fast["events_per_month_by_type"], fast["top_counterparts"]) == \
        (slow["events_per_month_by_type"], slow["top_counterparts"])
    st.close()


def test_the_index_sees_another_connections_write_at_once(kb_url):  # noqa: F811
    """The event index is rebuilt when another process commits (SQLite: data_version;
    PostgreSQL: the WAL position), not on a timer: a new event is in the next page."""
    from ngoaigiao.filters import parse_event_filters

    writer, reader = open_store(kb_url), None
    for rec in fixture_records():
        writer.ingest_record(rec)
    reader = open_store(kb_url)
    f = parse_event_filters({"type": "talks"})
    before = reader.filter_events(f)[1]
    with writer.db.transaction():
        writer.db.execute("INSERT INTO events (id, type, sort_date, date) VALUES (9999, 'talks', '2024-02-02',"
                          " '2024-02-02')")
    rows, total = reader.filter_events(f)
    assert total == before + 1 and 9999 in [r["id"] for r in rows]
    writer.close()
    reader.close()
