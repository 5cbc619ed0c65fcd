"""The Topics pages, statements on event and person pages, and the statements API, on a knowledge
base of pages written for the statements tests."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from test_statements_kb import CALL_2025, MEETING_2024, TALKS_2023

from ngoaigiao.pipeline import process
from ngoaigiao.store import open_store
from ngoaigiao.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("kb") / "kb.db"))
    for i, text in enumerate([TALKS_2023, MEETING_2024, CALL_2025]):
        store.ingest_article(process(text, id=f"p{i}"))
    yield TestClient(create_app(store))
    store.close()


def test_topics_page_has_a_chart_per_side_and_links_to_timelines(client):
    r = client.get("/topics?countries=VN,CN")
    assert r.status_code == 200
    for side in ("VN", "CN", "both"):
        assert f'id="topic-chart-{side}"' in r.text
    assert "2023-Q2" in r.text and 'href="/topics/connectivity?countries=VN%2CCN"' in r.text


def test_topic_timeline_in_order_with_the_unfollowed_pledge_flagged(client):
    r = client.get("/topics/trade?countries=VN,CN&lang=en")
    assert r.status_code == 200 and "Not followed up" in r.text and "not-followed" in r.text
    r = client.get("/topics/connectivity?countries=VN,CN&lang=vi")
    body = r.text
    assert body.index("10/06/2023") < body.index("20/02/2024") and "not-followed" not in body
    assert client.get("/topics/railways").status_code == 404
    assert client.get("/topics/trade?window=0").status_code == 422


def test_statement_page_shows_its_sentence_and_links_the_article(client):
    items = client.get("/api/statements", params={"topic": "connectivity", "act": "agree"}).json()["items"]
    assert len(items) == 1
    r = client.get(f"/statements/{items[0]['id']}")
    assert r.status_code == 200
    assert '<mark class="evidence">Hai bên nhất trí thúc đẩy kết nối đường sắt' in r.text
    assert 'href="/articles/p0"' in r.text


def test_event_and_person_pages_list_their_statements(client):
    st = client.get("/api/statements", params={"person": "Vương Nghị"}).json()["items"]
    assert [(s["side"], s["act"], s["topics"]) for s in st] == [("CN", "commit", ["trade"])]
    r = client.get(f"/events/{st[0]['event_id']}")
    assert 'id="statements"' in r.text and f'href="/statements/{st[0]["id"]}"' in r.text
    r = client.get(f"/persons/{st[0]['speaker_id']}")
    assert f'href="/statements/{st[0]["id"]}"' in r.text


def test_api_topics_followup_and_errors(client):
    res = client.get("/api/topics", params={"countries": "VN,CN"}).json()
    assert {t["topic"] for t in res["topics"]} >= {"trade", "connectivity", "political"}
    f = client.get("/api/topics/trade/followup", params={"countries": "VN,CN", "window": 365}).json()
    assert len(f["not_followed_up"]) == 1
    assert client.get("/api/topics/nope/followup").status_code == 422
    assert client.get("/api/statements", params={"act": "said"}).status_code == 422
    bad = client.get("/api/statements", params={"since": "2024-13-01"})
    assert bad.status_code == 422 and "since" in bad.json()["error"]
    assert client.get("/api/statements/999999").status_code == 404
