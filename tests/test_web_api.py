"""The JSON API and the HTML pages, in-process (FastAPI TestClient), on a real
SQLite knowledge base holding our fixture articles."""
from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from fastapi.testclient import TestClient

from ngoaigiao.store import open_store
from ngoaigiao.web import create_app
from ngoaigiao.web.upload import Limits
from web_fixtures import fixture_records

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def records():
    return {r["id"]: r for r in fixture_records()}


@pytest.fixture(scope="module")
def store(tmp_path_factory, records):
    st = open_store(str(tmp_path_factory.mktemp("kb") / "kb.db"))
    for rec in records.values():
        st.ingest_record(rec)
    yield st
    st.close()


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store))


@pytest.fixture
def writer(tmp_path):
    """A writable app on its own store, with small limits to test them."""
    st = open_store(str(tmp_path / "w.db"))
    app = create_app(st, write_token=TOKEN, upload_dir=tmp_path / "uploads",
                     limits=Limits(max_file=2000, max_total=20_000, max_files=10))
    yield TestClient(app), tmp_path
    st.close()


def event_id(client, **filters) -> int:
    items = client.get("/api/events", params=filters).json()["items"]
    assert len(items) == 1, items
    return items[0]["id"]


# -- events -------------------------------------------------------------------

def test_events_list_filters_sort_and_pages(client):
    body = client.get("/api/events").json()
    assert body["total"] == 5 and body["limit"] == 50 and body["offset"] == 0
    dates = [e["date"] for e in body["items"]]
    assert dates == sorted(dates, reverse=True)
    row = body["items"][0]
    assert {"id", "type", "date", "place", "participants", "countries", "n_sources"} <= set(row)
    assert all({"id", "name", "country"} <= set(p) for p in row["participants"])

    assert client.get("/api/events", params={"type": "phone_call"}).json()["total"] == 1
    assert client.get("/api/events", params={"country": "la"}).json()["total"] == 1
    assert client.get("/api/events", params={"person": "Tô Lâm"}).json()["total"] == 3
    assert client.get("/api/events", params={"since": "2024-03", "until": "2024-03-31"}).json()["total"] == 1
    asc = client.get("/api/events", params={"order": "asc", "limit": 2}).json()
    assert [e["date"] for e in asc["items"]] == ["2024-01-12", "2024-03-05"] and asc["total"] == 5
    page2 = client.get("/api/events", params={"order": "asc", "limit": 2, "offset": 2}).json()
    assert page2["items"][0]["date"] == "2024-08-18"
    assert client.get("/api/events", params={"sort": "type", "order": "asc"}).json()["items"][0]["type"] == "meeting"


@pytest.mark.parametrize("params, where", [
    ({"limit": 201}, "limit"), ({"limit": 0}, "limit"), ({"offset": -1}, "offset"),
    ({"since": "19/8/2024"}, "since"), ({"type": "party"}, "type"), ({"country": "VNM"}, "country"),
    ({"sort": "name"}, "sort"), ({"order": "up"}, "order"),
])
def test_bad_parameters_are_422_with_a_message(client, params, where):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    body = r.json()
    assert body["status"] == 422 and where in body["error"]


def test_event_detail_with_titles_sources_and_visit_links(client, records):
    talks = event_id(client, type="talks")
    ev = client.get(f"/api/events/{talks}").json()
    by_name = {p["name"]: p for p in ev["participants"]}
    assert set(by_name["Tập Cận Bình"]["titles"]) == {"Tổng Bí thư", "Chủ tịch nước"}
    assert ev["place"] == "Bắc Kinh" and ev["cameo"] == "046" and ev["plover"] == "CONSULT"
    (src,) = ev["sources"]
    raw = records[src["article_id"]]["raw"]
    for span in src["evidence"]:
        assert raw[span["start"]:span["end"]] == span["text"] and "hội đàm với" in span["text"]
    visit = ev["part_of"]
    assert visit["type"] == "visit" and visit["date"] == "2024-08-18"
    parts = client.get(f"/api/events/{visit['id']}").json()["parts"]
    assert {p["type"] for p in parts} == {"talks", "signing"}
    signing = client.get(f"/api/events/{event_id(client, type='signing')}").json()
    assert signing["documents"] == ["Bản ghi nhớ về hợp tác đường sắt"]


@pytest.mark.parametrize("url", ["/api/events/999999", "/api/events/abc", "/api/persons/999999",
                                 "/api/persons/Không Ai Cả", "/api/articles/nope", "/api/nothing-here"])
def test_not_found_is_json_404(client, url):
    r = client.get(url)
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
    assert r.json()["status"] == 404 and r.json()["error"]


# -- persons, articles, search, stats ------------------------------------------

def test_person_by_id_and_by_name_without_diacritics(client):
    rows = client.get("/api/persons", params={"q": "vuong nghi"}).json()["items"]
    assert [r["name"] for r in rows] == ["Vương Nghị"]
    p = client.get(f"/api/persons/{rows[0]['id']}").json()
    assert p["zh"] == "王毅" and p["name_source"] == "generated"
    assert {x["title"] for x in p["positions"]} == {"Ủy viên Bộ Chính trị", "Bộ trưởng Ngoại giao Trung Quốc"}
    assert all(x["first_seen"] == "2024-03-05" for x in p["positions"])
    assert [c["name"] for c in p["counterparts"]] == ["Bùi Thanh Sơn"]
    assert [e["type"] for e in p["events"]] == ["phone_call"]
    same = client.get("/api/persons/Tập Cận Bình").json()
    assert same["name"] == "Tập Cận Bình" and len(same["events"]) == 3
    assert client.get("/api/persons", params={"country": "CN"}).json()["total"] == 2


def test_article_has_raw_clean_blocks_and_spans(client, records):
    a = client.get("/api/articles/w01_tolam_trung_quoc").json()
    raw = records["w01_tolam_trung_quoc"]["raw"]
    assert a["raw"] == raw and isinstance(a["clean"], str)
    kinds = {b["kind"] for b in a["blocks"]}
    assert {"title", "body", "caption", "meta", "furniture"} <= kinds
    furniture = [raw[b["start"]:b["end"]] for b in a["blocks"] if b["kind"] == "furniture"]
    assert "Tin liên quan" in furniture
    assert len(a["events"]) == 3
    for e in a["events"]:
        assert all(raw[s["start"]:s["end"]] == s["text"] for s in e["evidence"])
    for p in a["persons"]:
        assert p["mentions"] and all(raw[m["start"]:m["end"]] == p["name"] for m in p["mentions"])
    listed = client.get("/api/articles").json()
    assert listed["total"] == 3 and "raw" not in listed["items"][0]


def test_search_ignores_diacritics(client):
    r = client.get("/api/search", params={"q": "tap can binh"}).json()
    assert [p["name"] for p in r["persons"]] == ["Tập Cận Bình"]
    assert r["articles"] and r["articles"][0]["id"] == "w01_tolam_trung_quoc"
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert client.get("/api/search", params={"q": "\x00"}).status_code == 422


def test_stats(client):
    s = client.get("/api/stats").json()
    assert s["counts"] == {"articles": 3, "events": 5, "persons": 6} or \
        {k: s["counts"][k] for k in ("articles", "events", "persons")} == {"articles": 3, "events": 5, "persons": 6}
    assert s["events_per_month_by_type"]["2024-08"] == {"visit": 1, "talks": 1, "signing": 1}
    assert [c["country"] for c in s["top_counterparts"]][:2] == ["CN", "LA"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "graphml", "cameo"])
def test_exports(client, fmt):
    r = client.get(f"/api/export/{fmt}")
    assert r.status_code == 200 and r.content
    if fmt == "jsonl":
        lines = [json.loads(x) for x in r.text.splitlines()]
        assert sum(x["kind"] == "event" for x in lines) == 5
    if fmt in ("csv", "parquet"):
        names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
        assert any(n.startswith("events") for n in names)
    if fmt == "graphml":
        assert "Tập Cận Bình" in r.text
    assert client.get("/api/export/xlsx").status_code == 422


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/persons/{person_id}", "/api/articles/{article_id}",
                 "/api/search", "/api/stats", "/api/export/{fmt}", "/api/import"):
        assert path in spec["paths"]
    limit = next(p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 200


# -- HTML pages ------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/events", "/persons", "/articles", "/search?q=to lam", "/import",
                                 "/events?type=visit&sort=sources&order=asc", "/articles/w01_tolam_trung_quoc"])
def test_pages_render(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in r.headers and "script-src 'self'" in r.headers["Content-Security-Policy"]
    # The CSP forbids inline code and styles; the pages must not need them (nor any other origin).
    assert "<script" not in r.text and ' style="' not in r.text
    assert not re.search(r'(src|href)="(https?:)?//', r.text.replace('href="https://example.org', ""))


def test_every_field_is_escaped(client):
    html = client.get("/articles/w03_markup_lao").text
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<b>đối ngoại</b>" not in html and 'href="javascript:' not in html
    ev = client.get(f"/events/{event_id(client, type='meeting')}").text
    assert "Hà Nội &lt;i&gt;x&lt;/i&gt;" in ev and "<i>x</i>" not in ev
    person = client.get("/persons/Khamphao Ernthavanh").text
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in person and "<script>alert(5)" not in person
    found = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in found and "&lt;script&gt;alert(1)&lt;/script&gt;" in found


def test_html_errors_are_pages_with_status(client):
    r = client.get("/events/424242")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "424242" in r.text
    assert client.get("/events?page=abc").status_code == 422
    assert client.get("/events?since=yesterday").status_code == 422
    assert client.get("/events?since=&until=&type=&country=").status_code == 200  # an empty form is fine


def test_language_switch_sets_a_cookie(store):
    client = TestClient(create_app(store))  # its own cookie jar
    assert ">Sự kiện<" in client.get("/persons").text
    r = client.get("/?lang=en")
    assert ">Events<" in r.text and r.cookies.get("lang") == "en"
    assert ">Events<" in client.get("/persons").text  # the cookie remembers
    assert ">Events<" in client.get("/persons?lang=fr").text  # unknown language: keep the choice
    assert ">Sự kiện<" in client.get("/persons?lang=vi").text


@pytest.mark.parametrize("url", ["/static/../pyproject.toml", "/static/%2e%2e/pyproject.toml",
                                 "/static/..%2f..%2fpyproject.toml", "/static/%2e%2e%2fapp.py",
                                 "/static//etc/passwd", "/static/../../../../etc/passwd"])
def test_static_files_stay_in_the_static_folder(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert "[build-system]" not in r.text and "root:" not in r.text and "create_app" not in r.text


def test_static_files_are_served(client):
    r = client.get("/static/style.css")
    assert r.status_code == 200 and "text/css" in r.headers["content-type"]


# -- writes ------------------------------------------------------------------------

def test_read_only_without_a_token(client):
    files = {"files": ("a.txt", "Thủ tướng tiếp Đại sứ.".encode(), "text/plain")}
    r = client.post("/api/import", files=files)
    assert r.status_code == 403 and "read-only" in r.json()["error"]
    assert client.post("/import", files=files, data={"token": "x"}).status_code == 403
    assert "--write-token" in client.get("/import").text
    for method in ("put", "delete", "patch"):
        assert getattr(client, method)("/api/events").status_code == 405


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_import_with_token_reports_each_file(writer):
    client, tmp = writer
    page = "Ngày 2/10/2024, Phó Thủ tướng Trần Hồng Hà tiếp Đại sứ Nhật Bản tại Hà Nội.\n".encode()
    files = [
        ("files", ("mot.txt", page, "text/plain")),
        ("files", ("bundle.zip", _zip({"hai.html": b"<html><body><p>" + page + b"</p></body></html>",
                                       "../../thoat.txt": page, "anh.png": b"\x89PNG",
                                       "big.txt": b"x" * 5000}), "application/zip")),
        ("files", ("rong.txt", b"", "text/plain")),
        ("files", ("hong.zip", b"PK\x03\x04 not a zip", "application/zip")),
    ]
    assert client.post("/api/import", files=files).status_code == 403
    assert client.post("/api/import", files=files, headers={"X-Write-Token": "wrong"}).status_code == 403
    r = client.post("/api/import", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    res = {x["file"]: x for x in r.json()["results"]}
    assert res["mot.txt"]["ok"] and res["mot.txt"]["article_id"] == "mot"
    assert res["bundle.zip/hai.html"]["ok"]
    assert res["bundle.zip/../../thoat.txt"]["ok"]  # stored, but under the upload folder
    assert not res["bundle.zip/anh.png"]["ok"] and "not a .txt" in res["bundle.zip/anh.png"]["error"]
    assert not res["bundle.zip/big.txt"]["ok"] and "too large" in res["bundle.zip/big.txt"]["error"]
    assert not res["rong.txt"]["ok"] and "empty" in res["rong.txt"]["error"]
    assert not res["hong.zip"]["ok"] and "zip" in res["hong.zip"]["error"]
    assert r.json()["imported"] == 3 and r.json()["failed"] == 4
    saved = sorted(p.name for p in (tmp / "uploads").iterdir())
    assert saved == ["hai.html", "mot.txt", "thoat.txt"]
    assert not (tmp / "thoat.txt").exists() and not (tmp.parent / "thoat.txt").exists()
    assert client.get("/api/articles/mot").status_code == 200

    # The HTML form shows the same per-file results.
    html = client.post("/import", data={"token": TOKEN},
                       files=[("files", ("ba.txt", page, "text/plain")), ("files", ("x.exe", b"MZ", "x"))]).text
    assert 'id="import-results"' in html and "ba.txt" in html and "x.exe" in html


def test_upload_size_limits(writer):
    client, _ = writer
    huge = [("files", ("lon.txt", b"a" * 2_000_000, "text/plain"))]
    r = client.post("/api/import", files=huge, headers={"X-Write-Token": TOKEN})
    assert r.status_code == 413 and "too large" in r.json()["error"]
    page = client.post("/import", files=huge, data={"token": TOKEN})
    assert page.status_code == 413 and "text/html" in page.headers["content-type"]
    one_big = [("files", ("lon.txt", b"a" * 3000, "text/plain"))]
    r = client.post("/api/import", files=one_big, headers={"X-Write-Token": TOKEN})
    assert r.status_code == 200 and "too large" in r.json()["results"][0]["error"]


# -- whatever the real pipeline makes of our pages renders ---------------------------

def test_pipeline_output_renders_everywhere(tmp_path):
    """No expectations about what is extracted: every article, event and person the
    pipeline produced must render, with spans that point at their text, escaped."""
    from web_fixtures import pipeline_records

    st = open_store(str(tmp_path / "p.db"))
    recs = pipeline_records()
    for rec in recs:
        st.ingest_record(rec)
    client = TestClient(create_app(st))
    n_events = 0
    for rec in recs:
        page = client.get(f"/articles/{rec['id']}")
        assert page.status_code == 200 and "<script>alert" not in page.text
        a = client.get(f"/api/articles/{rec['id']}").json()
        for e in a["events"]:
            n_events += 1
            for s in e["evidence"]:
                assert a["raw"][s["start"]:s["end"]] == s["text"]
            ev_page = client.get(f"/events/{e['id']}")
            assert ev_page.status_code == 200
            if e["evidence"]:
                assert '<mark class="evidence">' in ev_page.text
            for p in e["participants"]:
                assert client.get(f"/persons/{p['id']}").status_code == 200
                assert client.get(f"/api/persons/{p['id']}").status_code == 200
    # Each stored event is reported by at least one article (merged events by several).
    assert n_events >= client.get("/api/stats").json()["counts"]["events"] >= 1
    assert client.get("/").status_code == 200
    st.close()


def test_cache_follows_writes_from_another_process(tmp_path, records):
    """The app caches reads; an ingest by another connection (the CLI beside the
    server) must show up on the next request."""
    db = str(tmp_path / "c.db")
    served = open_store(db)
    served.ingest_record(records["w02_son_vuong_nghi"])
    client = TestClient(create_app(served))
    assert client.get("/api/events").json()["total"] == 1
    assert "Tô Lâm" not in client.get("/").text
    other = open_store(db)
    other.ingest_record(records["w01_tolam_trung_quoc"])
    other.close()
    assert client.get("/api/events").json()["total"] == 4
    assert "Tô Lâm" in client.get("/").text
    served.close()
