"""Filtered views: the one filter parser, facets, downloads of exactly the rows of a view
(page, API and CLI), headlines, ranked search with snippets, closest names, pagination text.
On a real SQLite store of the fixture articles (tests/fixtures/web/)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from ngoaigiao.filters import FilterError, parse_event_filters
from ngoaigiao.store import open_store
from ngoaigiao.store.views import headline, snippet
from ngoaigiao.web import create_app
from web_fixtures import fixture_records

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("views") / "kb.db"
    st = open_store(str(path))
    for rec in fixture_records():
        st.ingest_record(rec)
    st.close()
    return path


@pytest.fixture(scope="module")
def store(db):
    st = open_store(str(db))
    yield st
    st.close()


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store))


def ids(client, **params) -> list[int]:
    out, offset = [], 0
    while True:
        body = client.get("/api/events", params={**params, "limit": 2, "offset": offset}).json()
        out += [e["id"] for e in body["items"]]
        offset += 2
        if offset >= body["total"]:
            return out


# -- the parser ---------------------------------------------------------------

def test_country_by_code_or_name_in_either_language():
    for v in ("CN", "cn", "Trung Quốc", "trung quoc", "China", "Cộng hòa Nhân dân Trung Hoa"):
        assert parse_event_filters({"country": v}).country == ("CN",), v
    assert parse_event_filters({"country": "CN,Lào"}).country == ("CN", "LA")
    with pytest.raises(FilterError) as exc:
        parse_event_filters({"country": "Atlantis"})
    assert exc.value.param == "country"


@pytest.mark.parametrize("param,value", [("since", "2024-13-45"), ("since", "notadate"), ("until", "2023-02-30"),
                                         ("type", "talk"), ("level", "city"), ("sources", "0"), ("sort", "x")])
def test_bad_values_name_their_parameter(param, value):
    with pytest.raises(FilterError) as exc:
        parse_event_filters({param: value})
    assert exc.value.param == param


def test_since_after_until_is_an_error_and_dd_mm_yyyy_is_read():
    with pytest.raises(FilterError):
        parse_event_filters({"since": "2024-05-01", "until": "2024-04"})
    assert parse_event_filters({"since": "19/08/2024"}).since == "2024-08-19"


# -- lists and facets ---------------------------------------------------------

def test_multi_select_is_any_of_and_filters_combine(client):
    assert len(ids(client, type=["talks", "signing"])) == 2
    assert len(ids(client, type=["talks", "signing", "phone_call"])) == 3
    assert len(ids(client, country="Lào")) == 1
    assert len(ids(client, country=["LA", "CN"])) == 5
    assert len(ids(client, country=["VN", "LA"], match="all")) == 1
    assert len(ids(client, country="CN", type="phone_call")) == 1


def test_facet_counts_are_the_totals_of_the_views_they_link_to(client):
    base = {"country": "CN"}
    facets = client.get("/api/facets", params=base).json()["facets"]
    assert {v["value"] for v in facets["type"]} == {"talks", "signing", "visit", "phone_call"}
    for name, values in facets.items():
        for v in values:
            total = client.get("/api/events", params={**base, name: v["value"]}).json()["total"]
            assert total == v["n"], (name, v)
    # the chosen value of a facet stays listed, with the other values it could be widened to
    facets = client.get("/api/facets", params={"type": "talks"}).json()["facets"]
    assert [v["value"] for v in facets["type"] if v["selected"]] == ["talks"]
    assert len(facets["type"]) == 5


def test_levels_come_from_the_titles(client):
    facets = {v["value"]: v["n"] for v in client.get("/api/facets").json()["facets"]["level"]}
    assert facets["party"] >= 3          # Tô Lâm, General Secretary, at the Beijing events
    assert facets["government"] == 1     # Phạm Minh Chính, Prime Minister
    assert len(ids(client, level="government")) == 1


def test_index_and_sql_give_the_same_answers(store):
    for params in ({}, {"country": "CN"}, {"type": ["talks", "visit"], "order": "asc"}, {"level": "party"},
                   {"since": "2024-03", "until": "2024-08-18"}, {"person": "Tô Lâm"}, {"text": "bac kinh"},
                   {"sort": "type"}, {"sources": "1", "place": "Bắc Kinh"}, {"cameo": "04"}):
        f = parse_event_filters(params)
        rows, total = store.filter_events(f, limit=50)
        rows2, total2 = store._sql_filter_events(f, 50, 0)
        assert ([r["id"] for r in rows], total) == ([r["id"] for r in rows2], total2), params
        assert store.event_facets(f) == store._sql_event_facets(f), params
        assert store.month_counts(f) == store._sql_month_counts(f), params
        assert store.place_counts(f) == store._sql_place_counts(f), params


def test_api_answers_422_naming_the_parameter(client):
    for params, name in (({"since": "2024-13-45"}, "since"), ({"country": "Atlantis"}, "country"),
                         ({"type": "talk"}, "type")):
        r = client.get("/api/events", params=params)
        assert r.status_code == 422 and name in r.json()["error"], (params, r.text)
    r = client.get("/events", params={"country": "Atlantis"})
    assert r.status_code == 422 and "country" in r.text


def test_events_page_shows_facets_chips_and_keeps_filters_in_links(client):
    html = client.get("/events", params={"country": "Trung Quốc", "type": "talks", "lang": "en"}).text
    assert 'id="facet-type"' in html and 'id="facet-country"' in html
    assert "/events?country=CN&amp;type=talks&amp;type=signing" in html   # a facet link adds a value
    assert 'href="/api/events.csv?country=CN&amp;type=talks"' in html     # the download of this view
    assert 'type="date"' in html and 'id="active-filters"' in html


# -- downloads ----------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "tsv"])
def test_download_has_exactly_the_rows_of_the_view(client, fmt):
    params = {"country": "CN", "order": "asc"}
    want = ids(client, **params)
    r = client.get(f"/api/events.{fmt}", params=params)
    assert r.status_code == 200
    assert f".{fmt}" in r.headers["content-disposition"]
    if fmt == "csv":
        got = [int(row["id"]) for row in csv.DictReader(io.StringIO(r.text))]
    elif fmt == "jsonl":
        got = [json.loads(line)["id"] for line in r.text.splitlines()]
    elif fmt == "parquet":
        got = pq.read_table(io.BytesIO(r.content)).column("id").to_pylist()
    else:
        rows = list(csv.DictReader(io.StringIO(r.text), delimiter="\t"))
        got = list(dict.fromkeys(int(row["event_id"]) for row in rows))
        want = [i for i in want if i in got]  # an event with one side has no dyad
        assert len(got) >= 3
    assert got == want


def test_whole_store_cameo_export_is_named_tsv(client):
    r = client.get("/api/export/cameo")
    assert r.status_code == 200 and 'ngoaigiao.tsv' in r.headers["content-disposition"]


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "ngoaigiao", *args], capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})


def test_cli_export_takes_the_events_filters(db, client, tmp_path):
    out = tmp_path / "v.csv"
    r = _cli("export", "--db", str(db), "--format", "csv", "--country", "Trung Quốc", "--type", "talks",
             "--type", "signing", "--out", str(out))
    assert r.returncode == 0, r.stderr
    got = [int(row["id"]) for row in csv.DictReader(out.open(encoding="utf-8"))]
    assert got == ids(client, country="CN", type=["talks", "signing"])
    r = _cli("events", "--db", str(db), "--country", "China", "--type", "talks", "--json")
    assert [e["id"] for e in json.loads(r.stdout)["events"]] == ids(client, country="CN", type="talks")


@pytest.mark.parametrize("args", [["--since", "notadate"], ["--type", "talk"], ["--country", "Atlantis"]])
def test_cli_bad_filter_is_one_line_and_exit_2(db, args):
    for cmd in ("events", "export"):
        extra = ["--format", "jsonl"] if cmd == "export" else []
        r = _cli(cmd, "--db", str(db), *extra, *args)
        assert r.returncode == 2, (cmd, args, r.stdout, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and args[0] in r.stderr


# -- lists that read well -----------------------------------------------------

def test_headline_is_the_title_else_a_heading_line_else_the_first_sentence():
    assert headline("Tiêu đề", "x") == "Tiêu đề"
    assert headline(None, "Thủ tướng tiếp Đại sứ Lào\nNgày 12/1, tại Hà Nội ...") == "Thủ tướng tiếp Đại sứ Lào"
    long = "Chiều 12/1, tại Hà Nội, Thủ tướng đã tiếp Đại sứ. Hai bên trao đổi " + "rất nhiều " * 30
    assert headline(None, long) == "Chiều 12/1, tại Hà Nội, Thủ tướng đã tiếp Đại sứ."
    cut = headline(None, "từ " * 100)
    assert cut.endswith("…") and len(cut) <= 141


def test_articles_list_shows_headline_outlet_and_link(client):
    body = client.get("/api/articles").json()
    assert all(a["headline"] for a in body["items"])
    html = client.get("/articles").text
    assert 'class="outlet"' in html and 'class="src-url"' in html
    assert [f["value"] for f in body["facets"]["year"]] == ["2024"]


def test_search_is_ranked_with_snippets_and_says_which_name_form_matched(client):
    res = client.get("/api/search", params={"q": "Xi Jinping"}).json()
    assert res["forms"] == ["Xi Jinping", "Tập Cận Bình"]
    assert [p["name"] for p in res["persons"]] == ["Tập Cận Bình"]
    assert res["persons"][0]["matched_form"] == "Tập Cận Bình"
    art = res["articles"][0]
    assert art["matched_form"] == "Tập Cận Bình"
    assert any(part["hit"] and part["text"] == "Tập" for part in art["snippet"])
    html = client.get("/search", params={"q": "Xi Jinping", "lang": "en"}).text
    assert "matched through" in html and "<mark>" in html


def test_snippet_marks_words_whatever_their_diacritics():
    parts = snippet("Thủ tướng Phạm Minh Chính tiếp Đại sứ.", ["pham", "chinh"])
    assert [p["text"] for p in parts if p["hit"]] == ["Phạm", "Chính"]


def test_a_name_that_matches_no_one_gets_the_closest_names(client, db):
    res = client.get("/api/search", params={"q": "Minh"}).json()
    assert res["persons"] == [] or any("Minh" in p["name"] for p in res["persons"])
    html = client.get("/persons", params={"q": "Chinh Pham Minh"}).text
    r = _cli("person", "--db", str(db), "Minh")
    assert r.returncode == 1 and "Phạm Minh Chính" in r.stderr
    assert client.get("/api/search", params={"q": "Pham Minh Chin"}).status_code == 200
    res = client.get("/api/search", params={"q": "Phạm Minh Trinh"}).json()
    assert [p["name"] for p in res.get("suggestions", [])][:1] == ["Phạm Minh Chính"]
    assert html


def test_pagination_past_the_last_page_says_so(client):
    html = client.get("/events", params={"page": "99", "lang": "en"}).text
    assert "No results on page 99" in html and "99–" not in html
    html = client.get("/events", params={"lang": "en"}).text
    assert "Showing 1–5 of 5 results" in html


# -- English ------------------------------------------------------------------

def test_glossary_turns_titles_and_places_into_english():
    from ngoaigiao.glossary import english, place_english

    assert english("Bộ trưởng Ngoại giao Trung Quốc") == "Minister of Foreign Affairs of China"
    assert english("Đại sứ Việt Nam tại Nhật Bản") == "Vietnamese Ambassador to Japan"
    assert english("Tổng Bí thư, Chủ tịch nước") == "General Secretary, President"
    assert english("Bí thư Tỉnh ủy Lạng Sơn") == "Secretary of the Provincial Party Committee of Lang Son"
    assert place_english("Bắc Kinh") == "Beijing" and place_english("Quảng Ninh") == "Quang Ninh"
    assert english("Xyz abc") == "Xyz abc"  # unknown words stay as written


def test_every_country_code_has_a_name_in_both_languages():
    from ngoaigiao.countries import all_codes, country_name

    for code in all_codes():
        assert country_name(code, "en") and country_name(code, "en") != code, code
        assert country_name(code, "vi"), code
    assert country_name("MN", "en") == "Mongolia" and country_name("MN", "vi") == "Mông Cổ"


def test_english_pages_translate_roles_titles_places_and_show_pinyin(client):
    ev = client.get("/api/events", params={"type": "talks"}).json()["items"][0]["id"]
    html = client.get(f"/events/{ev}", params={"lang": "en"}).text
    assert "Beijing" in html and "General Secretary" in html and "Xí Jìnpíng" in html
    person = client.get("/persons/Vương Nghị", params={"lang": "en"}).text
    assert 'id="name-generated"' in person and 'id="name-score"' in person


def test_cli_labels_generated_chinese_forms_with_their_score(db):
    r = _cli("person", "--db", str(db), "Vương Nghị")
    assert r.returncode == 0 and "王毅" in r.stdout and "generated, score" in r.stdout.splitlines()[0]
    r = _cli("person", "--db", str(db), "Tập Cận Bình")
    assert "(name table)" in r.stdout.splitlines()[0]
