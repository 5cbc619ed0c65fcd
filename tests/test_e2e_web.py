"""End-to-end: the real `ngoaigiao serve` on a database of our fixture articles,
driven in Debian's headless Chromium through Playwright (no browser download).

Screenshots of every page visited go to test-artifacts/ for a human to look at.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from web_fixtures import fixture_records

try:
    from playwright.sync_api import expect  # waits for the page a click leads to
except ImportError:  # skipped below when playwright is absent
    expect = None

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
TOKEN = "e2e-secret-token"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _need_browser():
    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"{CHROMIUM} not installed (Debian package chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright Python package is not installed"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests need {missing}; scripts/setup.sh --test installs it")
        pytest.skip(missing)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_browser()
    from ngoaigiao.store import open_store

    tmp = tmp_path_factory.mktemp("e2e")
    db = tmp / "kb.db"
    store = open_store(str(db))
    for rec in fixture_records():
        store.ingest_record(rec)
    store.close()
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "ngoaigiao", "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", str(port), "--write-token", TOKEN, "--upload-dir", str(tmp / "uploads")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
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
    yield base
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


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server)
    pg = ctx.new_page()
    pg.set_default_timeout(15000)  # a busy 2-core CI box; passing tests never wait this long
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.failed = []
    pg.on("requestfailed", lambda r: pg.failed.append(r.url))
    pg.on("response", lambda r: r.status >= 400 and pg.failed.append(f"{r.status} {r.url}"))
    yield pg
    ctx.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_dashboard_event_person_article(page, server):
    page.goto("/")
    assert page.locator("#count-articles").inner_text() == "3"
    assert page.locator("#count-events").inner_text() == "5"
    assert page.locator("#month-chart rect").count() >= 3  # three months, stacked types
    assert page.locator("nav.mainnav a.active").inner_text() == "Tổng quan"
    shot(page, "01-dashboard")

    # Latest events -> the talks in Beijing.
    row = page.locator(".events-table tbody tr", has_text="Bắc Kinh").filter(has_text="Hội đàm")
    row.locator("a.event-link").click()
    page.wait_for_url("**/events/*")
    assert "Tập Cận Bình" in page.locator("h1").inner_text()
    assert page.locator(".participants li", has_text="Tô Lâm").locator(".titles").inner_text() \
        in ("Chủ tịch nước, Tổng Bí thư", "Tổng Bí thư, Chủ tịch nước")
    mark = page.locator("blockquote.context mark.evidence").first
    assert "đã hội đàm với" in mark.inner_text()
    assert "Cuộc hội đàm diễn ra" in page.locator("blockquote.context").first.inner_text()  # context after it
    assert "Chuyến thăm" in page.locator("#part-of-link").inner_text()
    shot(page, "02-event")
    event_url = page.url

    # The visit that contains the talks lists them.
    page.locator("#part-of-link").click()
    expect(page.locator("h1 .badge")).to_have_text("Chuyến thăm")  # wait for the visit's page
    assert page.locator(".events-table tbody tr", has_text="Hội đàm").count() == 1

    # Event -> person.
    page.goto(event_url)
    page.locator(".participants a.person-link", has_text="Tập Cận Bình").click()
    page.wait_for_url("**/persons/*")
    assert page.locator("#person-name").inner_text() == "Tập Cận Bình"
    assert "习近平" in page.locator(".facts").inner_text()
    assert page.locator("#name-generated").count() == 0  # from the name table, not generated
    assert page.locator("table.positions tbody tr").count() == 2
    assert page.locator("#network a.node", has_text="Tô Lâm").count() == 1
    assert page.locator("#timeline circle").count() == 3
    shot(page, "03-person")

    # Event -> source article, with body, caption and furniture told apart.
    page.goto(event_url)
    page.locator("a.source-title").first.click()
    page.wait_for_url("**/articles/*")
    view = page.locator("#page-view")
    assert view.locator(".blk-furniture", has_text="Tin liên quan").count() == 1
    assert view.locator(".blk-caption", has_text="Ảnh:").count() == 1
    assert view.locator(".blk-title").count() == 1
    assert view.locator("a.mention", has_text="Tập Cận Bình").count() >= 2
    assert view.locator("a.evref").count() == 3  # one marker per event's evidence
    assert view.locator("a.titlemark", has_text="Chủ tịch nước").count() >= 1
    assert "đã hội đàm với" in view.locator("mark.ev").first.inner_text() or view.locator("mark.ev").count() > 1
    shot(page, "04-article")
    assert not page.failed, page.failed


def test_person_with_generated_chinese_name(page):
    page.goto("/search?q=vuong nghi")
    page.locator("#search-persons a.person-link", has_text="Vương Nghị").click()
    page.wait_for_url("**/persons/*")
    assert "王毅" in page.locator(".facts").inner_text()
    assert page.locator("#name-generated").inner_text() == "tự sinh"
    shot(page, "05-person-generated")


def test_markup_in_articles_is_shown_not_run(page):
    page.goto("/search?q=khamphao")
    assert page.locator("#search-articles a").count() == 1
    page.locator("#search-articles a").first.click()
    page.wait_for_url("**/articles/*")
    assert '<script>alert("xss")</script>' in page.locator("#article-title").inner_text()
    assert "<img src=x onerror=alert(2)>" in page.locator("#page-view").inner_text()
    assert page.locator("#page-view script, #page-view img, main b").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    page.goto("/events?person=Khamphao Ernthavanh")
    page.locator("a.event-link").first.click()
    expect(page.locator(".facts")).to_contain_text("<i>x</i>")
    shot(page, "06-markup-escaped")
    assert page.dialogs == []


def test_english_switch_and_filters(page):
    page.goto("/events")
    page.locator("a.langswitch").click()
    expect(page.locator("nav.mainnav a.active")).to_have_text("Events")
    page.goto("/persons")  # the choice is remembered
    assert page.locator("h1").inner_text().startswith("People")  # then the count
    page.goto("/events")
    page.select_option("select[name=type]", "phone_call")
    page.locator("form.filters button").click()
    page.wait_for_url("**type=phone_call**")
    rows = page.locator(".events-table tbody tr")
    expect(rows).to_have_count(1)
    assert "Vương Nghị" in rows.first.inner_text()
    shot(page, "07-events-filtered-en")
    page.goto("/events?lang=vi")
    assert page.locator("h1").inner_text().startswith("Sự kiện")


def test_import_through_the_form(page, tmp_path):
    good = tmp_path / "bai_moi.txt"
    good.write_text("Phó Thủ tướng Trần Hồng Hà tiếp Đại sứ Nhật Bản.\nNgày 2/10/2024, tại Hà Nội.\n",
                    encoding="utf-8")
    bad = tmp_path / "anh.png"
    bad.write_bytes(b"\x89PNG\r\n")
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    page.goto("/import")
    page.set_input_files("input[name=files]", [str(good), str(bad), str(empty)])
    page.fill("input[name=token]", TOKEN)
    page.locator("form.upload button").click(timeout=60000)  # runs the pipeline on each file
    results = page.locator("#import-results tbody tr")
    expect(results).to_have_count(3, timeout=60000)
    assert "bai_moi.txt" in results.nth(0).inner_text() and results.nth(0).get_attribute("class") == "ok"
    assert results.nth(1).get_attribute("class") == "failed" and "không phải tệp" in results.nth(1).inner_text()
    assert results.nth(2).get_attribute("class") == "failed" and "empty" in results.nth(2).inner_text()
    shot(page, "08-import")
    page.locator("#import-results a").first.click()
    expect(page.locator("#page-view")).to_contain_text("Trần Hồng Hà")
