"""Issue 13, the web app: ids and dates checked, HEAD, the token before the body,
the OpenAPI schema agreeing with behaviour, and imports that lose nothing silently."""
from __future__ import annotations

import io
import zipfile

import pytest
from fastapi.testclient import TestClient

from ngoaigiao.store import open_store
from ngoaigiao.web import create_app
from ngoaigiao.web.upload import Limits

TOKEN = "tok-13"
PAGE = ("Bộ trưởng Ngoại giao Bùi Thanh Sơn hội đàm với Bộ trưởng Ngoại giao Lào\n"
        "Viêng Chăn, 3/3/2024\n"
        "Ngày 3/3, tại Viêng Chăn, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm với Bộ trưởng Ngoại giao "
        "Lào Saleumxay Kommasith. Hai bên nhất trí tăng cường hợp tác giáo dục và quản lý biên giới.\n")
OTHER = PAGE.replace("3/3", "4/3").replace("giáo dục", "du lịch")
AUTH = {"x-write-token": TOKEN}


@pytest.fixture
def app_store(tmp_path):
    st = open_store(str(tmp_path / "kb.db"))
    app = create_app(st, write_token=TOKEN, upload_dir=tmp_path / "up",
                     limits=Limits(max_file=20_000, max_total=400_000, max_files=5))
    yield TestClient(app), st
    st.close()


@pytest.fixture
def client(app_store):
    c, _ = app_store
    assert c.post("/api/import", files=[("files", ("seed.txt", PAGE.encode()))], headers=AUTH).json()["imported"] == 1
    return c


def zip_of(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return buf.getvalue()


# -- ids and dates ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/api/persons/99999999999999999999", f"/api/persons/{2**63}",
                                  "/api/events/99999999999999999999", f"/api/events/{2**63}",
                                  "/persons/99999999999999999999", "/events/99999999999999999999"])
def test_ids_beyond_64_bits_are_not_found(client, path):
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code, r.text[:200])


def test_person_filter_beyond_64_bits(client):
    r = client.get("/api/events", params={"person": "99999999999999999999"})
    assert r.status_code == 200 and r.json()["total"] == 0


@pytest.mark.parametrize("param, value", [("since", "2024-13-45"), ("until", "2023-02-29"), ("since", "2024-00")])
def test_impossible_dates_are_422_naming_the_parameter(client, param, value):
    r = client.get("/api/events", params={param: value})
    assert r.status_code == 422 and r.json()["error"].startswith("invalid request: ")
    assert param in r.json()["error"].split(":")[1], r.json()


def test_good_dates_still_filter(client):
    assert client.get("/api/events", params={"since": "2024-03-03", "until": "2024-03"}).json()["total"] >= 1


# -- HEAD ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/events", "/api/events", "/api/stats", "/openapi.json", "/static/style.css"])
def test_head_answers_where_get_does(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200, path
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("x-content-type-options") == "nosniff"


def test_head_of_a_missing_page_is_404(client):
    assert client.head("/api/events/123456").status_code == 404


# -- the token before the body --------------------------------------------------------------------

def test_empty_post_without_token_is_403(client):
    r = client.post("/api/import", content=b"", headers={"content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 403
    r = client.post("/api/import", content=b"x" * 10, headers={"content-type": "text/plain"})
    assert r.status_code == 403
    r = client.post("/api/import", content=b"", headers={"x-write-token": "wrong"})
    assert r.status_code == 403


def test_empty_multipart_with_token_is_an_empty_report(client):
    r = client.post("/api/import", headers=AUTH, files={})
    assert r.status_code == 200 and r.json()["imported"] == 0 and "no files" in r.json()["notice"]


# -- schema and behaviour agree -------------------------------------------------------------------

def test_search_spaces_only_is_refused_by_the_schema_too(client):
    schema = client.get("/openapi.json").json()
    q = next(p for p in schema["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "q")
    assert q["schema"]["pattern"] == r"\S"
    assert client.get("/api/search?q=+").status_code == 422
    assert client.get("/api/search", params={"q": "\u0301\u200f"}).status_code == 422
    schema_files = schema["paths"]["/api/import"]["post"]["requestBody"]
    assert schema_files.get("required") is not True   # an empty multipart body is accepted (above)


def test_article_query_that_folds_to_nothing_is_ignored_and_said(client):
    every = client.get("/api/articles").json()
    for q in ("\u0301\u0300", "\u200f\u200e", "+"):
        body = client.get("/api/articles", params={"q": q}).json()
        assert body["total"] == every["total"] and "ignored" in body["notice"], q
    assert "notice" not in client.get("/api/articles", params={"q": "Bùi Thanh Sơn"}).json()


# -- imports lose nothing silently -----------------------------------------------------------------

def test_zip_members_with_the_same_base_name_are_both_stored(app_store):
    c, st = app_store
    data = zip_of({"a/report.txt": PAGE, "b/report.txt": OTHER})
    body = c.post("/api/import", files=[("files", ("batch.zip", data))], headers=AUTH).json()
    assert body["imported"] == 2
    ids = sorted(r["article_id"] for r in body["results"])
    assert ids == ["a-report", "b-report"] and sorted(st.record_ids()) == ids


def test_same_name_other_content_is_not_replaced_unless_asked(app_store):
    c, st = app_store
    c.post("/api/import", files=[("files", ("d003.txt", PAGE.encode()))], headers=AUTH)
    body = c.post("/api/import", files=[("files", ("d003.txt", OTHER.encode()))], headers=AUTH).json()
    res = body["results"][0]
    assert res["ok"] and res["article_id"].startswith("d003-") and "stored as" in res["note"]
    assert st.get_record("d003")["raw"].startswith(PAGE.splitlines()[0])
    assert "4/3" not in st.get_record("d003")["raw"] and "4/3" in st.get_record(res["article_id"])["raw"]
    # the same content again: idempotent, no note
    again = c.post("/api/import", files=[("files", ("d003.txt", PAGE.encode()))], headers=AUTH).json()
    assert again["results"][0]["article_id"] == "d003" and "note" not in again["results"][0]
    # asked to overwrite: replaced, and said so
    body = c.post("/api/import?overwrite=true", files=[("files", ("d003.txt", OTHER.encode()))],
                  headers=AUTH).json()
    assert body["results"][0]["note"] == "replaced existing article d003"
    assert "4/3" in st.get_record("d003")["raw"]


def test_zip_over_the_member_limit_says_so(app_store):
    c, _ = app_store
    data = zip_of({f"p{i}.txt": PAGE.replace("3/3", f"{1 + i % 28}/2") for i in range(8)})
    body = c.post("/api/import", files=[("files", ("many.zip", data))], headers=AUTH).json()
    too_many = [r for r in body["results"] if r.get("code") == "too_many"]
    assert too_many and "holds 8 files; only the first 5" in too_many[0]["error"]
    assert body["imported"] == 5
