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
