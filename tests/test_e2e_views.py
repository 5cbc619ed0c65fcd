"""End-to-end, in headless Chromium: facets, a shared filtered URL, a filtered download
whose rows are the page's, the range chart, the map click, the phone layout (390 px, no
horizontal scroll on the events page) and a walk of every page in English that fails on
an untranslated interface string. Screenshots go to test-artifacts/.

The server runs with NGOAIGIAO_I18N_STRICT=1: a key missing from a language file shows as
⟦key⟧ instead of falling back to Vietnamese.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_e2e_web import ARTIFACTS, CHROME_ARGS, CHROMIUM, REPO, _free_port, _need_browser, expect
from web_fixtures import fixture_records

pytestmark = pytest.mark.browser
I18N = REPO / "src" / "ngoaigiao" / "web" / "i18n"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_browser()
    import socket

    from ngoaigiao.store import open_store

    tmp = tmp_path_factory.mktemp("e2e-views")
    db = tmp / "kb.db"
    store = open_store(str(db))
    for rec in fixture_records():
        store.ingest_record(rec)
    store.close()
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), NGOAIGIAO_I18N_STRICT="1")
    proc = subprocess.Popen([sys.executable, "-m", "ngoaigiao", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited: {proc.stdout.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("server did not start within 30 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS, headless=True)
        yield b
        b.close()


def new_page(browser, server, width=1400, height=900):
    ctx = browser.new_context(viewport={"width": width, "height": height}, base_url=server, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(15000)
    pg.failed = []
    pg.on("response", lambda r: r.status >= 400 and pg.failed.append(f"{r.status} {r.url}"))
    pg.on("console", lambda m: m.type == "error" and pg.failed.append(f"console: {m.text}"))
    return ctx, pg


@pytest.fixture
def page(browser, server):
    ctx, pg = new_page(browser, server)
    yield pg
    ctx.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def row_ids(page) -> list[int]:
    hrefs = page.locator(".events-table tbody a.event-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return [int(h.rsplit("/", 1)[1]) for h in hrefs]


def test_facets_multi_select_and_a_shared_url(page, browser, server):
    page.goto("/events?lang=en")
    assert page.locator("#facet-type a.fv").count() == 5
    talks = page.locator("#facet-type a.fv[data-value=talks]")
    assert talks.locator(".n").inner_text() == "1"
    talks.click()
    expect(page.locator(".events-table tbody tr")).to_have_count(1)
    page.locator("#facet-type a.fv[data-value=signing]").click()
    expect(page.locator(".events-table tbody tr")).to_have_count(2)
    assert "type=talks" in page.url and "type=signing" in page.url
    assert page.locator("#facet-type a.fv.selected").count() == 2
    # a country typed by its Vietnamese name joins the picked types
    page.fill("form.filters input[name=country]", "Trung Quốc")
    page.locator("form.filters button").click()
    page.wait_for_url("**country=**")
    expect(page.locator("#facet-country a.fv.selected[data-value=CN]")).to_have_count(1)
    assert page.locator("#active-filters .chip").count() == 3
    shot(page, "20-events-facets-en")
    shared = page.url
    # the same URL in a fresh browser (no cookie, no state) shows the same view
    ctx2, other = new_page(browser, server)
    other.goto(shared)
    assert row_ids(other) == row_ids(page) and len(row_ids(other)) == 2
    assert other.locator("#facet-type a.fv.selected").count() == 2
    assert other.locator("#facet-country a.fv.selected[data-value=CN]").count() == 1
    ctx2.close()
    assert not page.failed, page.failed


def test_filtered_download_has_the_rows_of_the_page(page):
    page.goto("/events?country=CN&sort=type&order=asc")
    shown = row_ids(page)
    assert len(shown) == 4
    with page.expect_download() as dl:
        page.locator("#downloads a[data-format=csv]").click()
    path = dl.value.path()
    got = [int(r["id"]) for r in csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8")))]
    assert got == shown
    assert dl.value.suggested_filename.endswith(".csv")
    jsonl = page.request.get(page.locator("#downloads a[data-format=jsonl]").get_attribute("href")).text()
    assert [json.loads(x)["id"] for x in jsonl.splitlines()] == shown
    tsv = page.locator("#downloads a[data-format=tsv]").get_attribute("href")
    assert tsv.startswith("/api/events.tsv?")


def test_range_chart_over_a_chosen_range(page):
    page.goto("/timeline?lang=en")
    chart = page.locator("#range-chart")
    assert chart.get_attribute("data-first") == "2024-01" and chart.get_attribute("data-last") == "2024-08"
    assert chart.locator("rect").count() >= 4
    page.fill("#range-form input[name=since]", "2024-03-01")
    page.fill("#range-form input[name=until]", "2024-08-31")
    page.select_option("#range-form select[name=by]", "country")
    page.locator("#range-form button").click()
    page.wait_for_url("**since=2024-03-01**")
    chart = page.locator("#range-chart")
    assert chart.get_attribute("data-first") == "2024-03"
    assert page.locator("#timeline-total").inner_text() == "4"  # January's meeting left out
    shot(page, "21-timeline-range-en")
    # a bar lists the events it counts
    bar = chart.locator("rect[data-bucket='2024-08']").first
    n = int(bar.get_attribute("data-n"))
    chart.locator("a.bar-link", has=page.locator("rect[data-bucket='2024-08']")).first.click()
    page.wait_for_url("**/events?**")
    expect(page.locator(".events-table tbody tr")).to_have_count(n)
    assert not page.failed, page.failed


def test_pair_and_person_timelines(page):
    page.goto("/timeline?country=VN&country=Lào&match=all&lang=en")
    assert page.locator("#pair-title").inner_text() == "Vietnam – Laos"
    assert page.locator("#timeline-total").inner_text() == "1"
    page.goto("/persons/Tô Lâm?lang=en")
    page.locator("#person-timeline-link").click()
    page.wait_for_url("**/timeline?person=**")
    assert page.locator("#timeline-total").inner_text() == "3"
    assert page.locator("#timeline rect").count() == 2  # his two positions
    shot(page, "22-timeline-person-en")


def test_map_click_filters_the_events(page):
    page.goto("/map?lang=en")
    mark = page.locator("#map a.place-mark[data-place='Bắc Kinh']")
    assert mark.count() == 1
    n = int(mark.get_attribute("data-n"))
    assert page.locator("#map path.land").count() > 150  # the bundled world map is drawn
    shot(page, "23-map-en")
    mark.locator("circle").click()
    page.wait_for_url("**/events?place=**")
    expect(page.locator(".events-table tbody tr")).to_have_count(n)
    assert all("Beijing" in t for t in page.locator(".events-table tbody td[data-label=Place]").all_inner_texts())
    page.goto("/map")
    page.locator("#map a.country-area[href='/events?country=CN'] path").click()
    page.wait_for_url("**/events?country=CN")
    expect(page.locator(".events-table tbody tr")).to_have_count(4)
    assert not page.failed, page.failed


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_phone_layout_390px(browser, server, lang):
    ctx, pg = new_page(browser, server, width=390, height=844)
    try:
        for path in ("/events", "/", "/persons", "/articles", "/timeline", "/map", "/search?q=to lam"):
            pg.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
        pg.goto(f"/events?lang={lang}")
        assert pg.locator(".events-table thead").is_hidden()          # rows are cards
        assert pg.locator(".events-table td[data-label]").first.is_visible()
        assert pg.locator("nav.mainnav").is_hidden()                  # the menu is behind a button
        pg.locator("label.menu-button").click()
        expect(pg.locator("nav.mainnav")).to_be_visible()
        assert pg.locator(".topsearch input").is_visible() and pg.locator("a.langswitch").is_visible()
        shot(pg, f"24-events-390-{lang}")
        pg.locator("label.facets-summary").click()
        expect(pg.locator("#facet-type")).to_be_visible()
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        ctx.close()


def _vi_only_strings() -> list[str]:
    vi = json.loads((I18N / "vi.json").read_text(encoding="utf-8"))
    en = json.loads((I18N / "en.json").read_text(encoding="utf-8"))
    en_values = set(en.values())
    # interface strings of two words or more (one-word ones can be a name or a place)
    return sorted({v for k, v in vi.items() if v not in en_values and len(v.split()) >= 2
                   and not k.startswith(("country.", "lang.", "map.vietnam"))}, key=len, reverse=True)


# Data shown as written (article text, evidence, headlines, names, documents) is not interface.
DATA = ".page-view, blockquote.context, .snippet, .headline, #article-title, .source-title, .documents, " \
       "[lang=vi], .person-link, #person-name, .aliases, .facts dd, .event-title, .titles, .fl, .outlet, " \
       ".chip, .error-message"


def test_every_page_in_english_has_no_untranslated_string(page):
    vi_strings = _vi_only_strings()
    page.goto("/events?lang=en")
    event = page.locator("a.event-link").first.get_attribute("href")
    page.goto("/articles?lang=en")
    article = page.locator("a.headline").first.get_attribute("href")
    pages = ["/", "/events", "/events?country=CN&type=talks&type=signing", event, "/persons", "/persons/Tô Lâm",
             "/persons/Vương Nghị", "/articles", article, "/search?q=Xi Jinping", "/search?q=Minh Trinh",
             "/timeline", "/timeline?by=country", "/map", "/map?view=world", "/import", "/events/999999",
             "/events?page=40", "/topics", "/sources"]
    for path in pages:
        page.goto(path)
        html = page.content()
        assert "⟦" not in html, (path, re.findall(r"⟦[^⟧]*⟧", html)[:5])
        text = page.evaluate("(sel) => { const c = document.body.cloneNode(true);"
                             " c.querySelectorAll(sel).forEach(e => e.remove()); return c.innerText; }", DATA)
        found = [s for s in vi_strings if s in text]
        assert not found, (path, found[:5])
        assert page.locator("html").get_attribute("lang") == "en"
    shot(page, "25-english-walk-last")
