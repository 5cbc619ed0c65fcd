"""The Sources page, /api/sources and the dashboard's freshness line, on a real SQLite
knowledge base whose follow_* tables a run over the loopback site filled."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from follow_site import Site

from ngoaigiao.follow import state
from ngoaigiao.follow.fetch import Politeness
from ngoaigiao.follow.run import RunOptions, run_once
from ngoaigiao.store import open_store
from ngoaigiao.web import create_app


@pytest.fixture(scope="module")
def followed(tmp_path_factory):
    site = Site(slow_seconds=5.0)
    store = open_store(str(tmp_path_factory.mktemp("web") / "kb.db"))
    state.ensure(store.db)
    state.add_source(store.db, "rss", site.base + "/rss.xml")
    state.add_source(store.db, "broken", site.base + "/broken.xml")
    run_once(store, RunOptions(Politeness(delay=0, timeout=3.0, backoff=0.05, retries=1)))
    yield store
    store.close()
    site.close()


def test_sources_page_shows_runs_counts_and_errors(followed):
    client = TestClient(create_app(followed))
    html = client.get("/sources?lang=en").text
    assert "Followed sources" in html and 'id="source-rss"' in html and 'id="source-broken"' in html
    assert "malformed feed" in html  # the broken listing's reason
    assert "HTTP 404" in html and "bai-viet-da-bi-go-bo-khoi-trang-404" in html  # a page error: URL and reason
    data = client.get("/api/sources").json()
    rss = next(s for s in data["sources"] if s["name"] == "rss")
    assert rss["last_run_at"] and rss["stored"] == followed.db.scalar(
        "SELECT count(*) FROM follow_urls WHERE source = 'rss' AND status = 'stored'") > 0
    assert rss["failed"] >= 3 and data["freshness"]["sources"] == 2


def test_dashboard_says_how_fresh_the_data_is(followed):
    client = TestClient(create_app(followed))
    html = client.get("/?lang=en").text
    assert 'id="freshness"' in html and "last follow run 20" in html and 'href="/sources"' in html
    vi = client.get("/?lang=vi").text
    assert "Độ mới của dữ liệu" in vi


def test_sources_page_without_follow_tables(tmp_path):
    store = open_store(str(tmp_path / "plain.db"))
    try:
        client = TestClient(create_app(store))
        assert "ngoaigiao follow add URL" in client.get("/sources?lang=en").text
        assert client.get("/api/sources").json()["sources"] == []
        assert "manual imports only" in client.get("/?lang=en").text
    finally:
        store.close()
