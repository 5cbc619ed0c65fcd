"""`ngoaigiao follow` against a news site served on 127.0.0.1 by the test (follow_site.py):
politeness, conditional GET, failures, resuming after SIGKILL."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from follow_site import (ARTICLES, BUSY, CP1258, FEED_DATED, FLAKY, META_DATED, REDIRECT_TARGET, STORED, Site,
                         to_cp1258)

from ngoaigiao.cli import main
from ngoaigiao.follow import state
from ngoaigiao.follow.fetch import Politeness
from ngoaigiao.follow.run import RunOptions, run_once
from ngoaigiao.follow.urls import record_id
from ngoaigiao.store import open_store

REPO = Path(__file__).resolve().parent.parent
DELAY = 0.2
TIMEOUT = 6.0  # generous: a loaded test machine must not time out ordinary pages (the slow one takes 8 s)
SOURCES = [("rss", "/rss.xml"), ("atom", "/atom.xml"), ("maps", "/sitemap-index.xml"),
           ("section", "/the-gioi/"), ("broken", "/broken.xml")]
LISTING_PATHS = {"/rss.xml", "/atom.xml", "/sitemap-index.xml", "/sitemaps/news.xml.gz", "/sitemaps/pages.xml",
                 "/the-gioi/"}


@pytest.fixture(scope="module")
def site():
    s = Site(slow_seconds=8.0)
    yield s
    s.close()


def options() -> RunOptions:
    return RunOptions(Politeness(delay=DELAY, timeout=TIMEOUT, backoff=0.1, retries=2))


def new_store(path: Path, site: Site):
    store = open_store(str(path))
    state.ensure(store.db)
    for name, p in SOURCES:
        state.add_source(store.db, name, site.base + p)
    return store


@pytest.fixture(scope="module")
def first_run(site, tmp_path_factory):
    """One clean run, then a second one; the site's request log of each."""
    site.reset()
    path = tmp_path_factory.mktemp("follow") / "kb.db"
    store = new_store(path, site)
    failures = []
    reports1 = run_once(store, options(), on_failure=lambda u, r: failures.append((u, r)))
    log1 = list(site.log)
    site.reset()
    reports2 = run_once(store, options())
    log2 = list(site.log)
    yield {"store": store, "reports": reports1, "reports2": reports2, "log": log1, "log2": log2,
           "failures": failures, "path": path}
    store.close()


def url_row(store, site, path):
    return store.db.one("SELECT * FROM follow_urls WHERE url = ?", (site.base + path,))


def test_every_relevant_article_is_stored_once(first_run, site):
    store = first_run["store"]
    ids = {r["record_id"] for r in store.db.query("SELECT record_id FROM article_sources")}
    assert ids == {record_id(f"{site.base}/tin/{slug}") for slug in STORED}
    # The Malaysia article is listed by the RSS and the Atom feed with different tracking parameters:
    # one URL row, one fetch, one article.
    assert sum(1 for _, p, s, _ in first_run["log"] if "malaysia-101" in p and s == 200) == 1
    assert store.db.scalar("SELECT count(*) FROM follow_urls WHERE url LIKE '%malaysia-101%'") == 1
    weather = url_row(store, site, "/tin/thoi-tiet-ha-noi-mua-ret-106.html")
    assert weather["status"] == "irrelevant" and weather["reason"]
    assert store.check() == []
    events = store.db.scalar("SELECT count(*) FROM events")
    assert events >= len(STORED) - 2  # the pipeline ran: nearly every stored page reports an event


def test_no_disallowed_url_is_fetched(first_run, site):
    for log in (first_run["log"], first_run["log2"]):
        assert not [p for _, p, _, _ in log if p.startswith("/private/")]
    row = url_row(first_run["store"], site, "/private/ban-tin-noi-bo-khong-cong-khai-so-1.html")
    assert row["status"] == "gone" and "robots.txt" in row["reason"]


def test_per_host_delay_holds(first_run):
    times = sorted(t for t, _, _, _ in first_run["log"])
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(gaps) > 20
    assert min(gaps) >= DELAY * 0.95, sorted(gaps)[:5]


def test_second_run_downloads_no_unchanged_page(first_run):
    log1, log2 = first_run["log"], first_run["log2"]
    got_before = {p.split("?")[0] for _, p, s, _ in log1 if s == 200}
    downloaded = {p.split("?")[0] for _, p, s, _ in log2 if s == 200}
    articles = {f"/tin/{slug}" for slug in ARTICLES}
    assert got_before >= articles - {"/tin/thu-tuong-hoi-dam-thu-tuong-malaysia-101.html"} - \
        {f"/tin/{REDIRECT_TARGET}"}, log1
    assert not downloaded & articles, (downloaded & articles, log2)
    asked_listings = {p for _, p, _, _ in log2 if p in LISTING_PATHS}
    assert asked_listings == LISTING_PATHS, log2  # every listing was asked ...
    assert all(s == 304 for _, p, s, _ in log2 if p in LISTING_PATHS), log2  # ... and none was sent again
    assert sum(r.stored for r in first_run["reports2"]) == 0


def test_each_failure_is_logged_with_url_and_reason_and_the_run_goes_on(first_run, site):
    store = first_run["store"]
    expect = {
        "/tin/bai-viet-da-bi-go-bo-khoi-trang-404.html": ("gone", "HTTP 404"),
        "/tin/trang-tin-tra-loi-rat-cham-qua-thoi-han-slow.html": ("failed", "timeout"),
        "/tin/trang-tin-rat-lon-ba-muoi-megabyte-huge.html": ("gone", "too large"),
        "/broken.xml": ("failed", "malformed feed"),
    }
    reported = dict(first_run["failures"])
    for path, (status, reason) in expect.items():
        row = url_row(store, site, path)
        assert row["status"] == status and reason in row["reason"], (path, row)
        assert reason in reported[site.base + path]
    logged = store.db.query("SELECT url, reason FROM follow_fetches WHERE outcome IN ('error', 'http_error')")
    by_url = {r["url"]: r["reason"] for r in logged}
    assert "HTTP 404" in by_url[site.base + "/tin/bai-viet-da-bi-go-bo-khoi-trang-404.html"]
    assert "timeout" in by_url[site.base + "/tin/trang-tin-tra-loi-rat-cham-qua-thoi-han-slow.html"]
    assert "too large" in by_url[site.base + "/tin/trang-tin-rat-lon-ba-muoi-megabyte-huge.html"]
    broken = next(r for r in first_run["reports"] if r.name == "broken")
    assert broken.error and "malformed" in broken.error
    # the 30 MB page was cut off: the client read not much more than the cap
    assert store.db.scalar("SELECT max(bytes) FROM follow_fetches") <= Politeness().max_bytes + 65536


def test_500_and_429_are_retried_and_retry_after_is_honoured(first_run, site):
    log = first_run["log"]
    flaky = [(t, s) for t, p, s, _ in log if p.endswith(FLAKY)]
    busy = [(t, s) for t, p, s, _ in log if p.endswith(BUSY)]
    assert [s for _, s in flaky] == [500, 200]
    assert [s for _, s in busy] == [429, 200]
    assert busy[1][0] - busy[0][0] >= 1.0  # Retry-After: 1
    for slug in (FLAKY, BUSY):
        assert url_row(first_run["store"], site, f"/tin/{slug}")["status"] == "stored"
    # after an error response (its short body read off) the kept-alive connection still works:
    # no request had to be retried because the connection broke
    assert first_run["store"].db.scalar("SELECT count(*) FROM follow_fetches WHERE outcome = 'retry'") == 0


def test_redirect_chain_final_url_is_stored(first_run, site):
    row = url_row(first_run["store"], site, "/cu/bo-truong-quoc-phong-tiep-tuy-vien-quan-su-cu.html")
    assert row["status"] == "stored"
    assert row["final_url"] == f"{site.base}/tin/{REDIRECT_TARGET}"  # tracking parameter dropped
    art = first_run["store"].db.one("SELECT url FROM articles WHERE id = ?", (row["record_id"],))
    assert art["url"] == row["final_url"]


def test_windows_1258_page_and_dates_from_feed_and_page_metadata(first_run, site):
    db = first_run["store"].db
    assert to_cp1258(ARTICLES[CP1258][0]) != ARTICLES[CP1258][0].encode()  # really served in cp1258

    def art(slug):
        return db.one("SELECT title, published, published_source FROM articles WHERE id = ?",
                      (record_id(f"{site.base}/tin/{slug}"),))

    assert art(CP1258)["title"] == ARTICLES[CP1258][0]
    assert (art(FEED_DATED)["published"], art(FEED_DATED)["published_source"]) == ("2025-01-16", "feed")
    assert art(META_DATED)["published"] == "2025-02-25"
    # a dateline in the text wins over the feed's date (the feeds list this page a day later)
    dated_in_text = art("thu-tuong-hoi-dam-thu-tuong-malaysia-101.html")
    assert (dated_in_text["published"], dated_in_text["published_source"]) == ("2025-03-10", "dateline")


# ------------------------------------------------------------- SIGKILL
def _dump(path: Path) -> dict:
    """The knowledge base and the follow state, without clock times and logs."""
    store = open_store(str(path))
    out = {}
    try:
        for t in ("articles", "article_sources", "persons", "article_persons", "person_mentions",
                  "position_observations", "events", "event_reports", "event_participants", "event_countries",
                  "event_documents", "positions", "person_aliases", "search_docs"):
            rows = store.db.query(f"SELECT * FROM {t}")
            out[t] = sorted(repr(sorted((k, v) for k, v in r.items() if k not in ("ingested_at", "id")
                                        or t not in ("search_docs", "articles", "article_sources")))
                            for r in rows)
        out["follow_urls"] = sorted(repr((r["url"], r["status"], r["final_url"], r["content_hash"], r["record_id"]))
                                    for r in store.db.query("SELECT * FROM follow_urls"))
    finally:
        store.close()
    return out


def _cli_run(db: Path, site: Site) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    return subprocess.Popen([sys.executable, "-m", "ngoaigiao", "follow", "run", "--once", "--db", str(db),
                             "--delay", str(DELAY), "--timeout", str(TIMEOUT), "--retries", "2"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _add_sources(db: Path, site: Site) -> None:
    for name, p in SOURCES:
        assert main(["follow", "add", site.base + p, "--name", name, "--db", str(db)]) == 0


@pytest.fixture(scope="module")
def clean_dump(site, tmp_path_factory):
    """The database of one clean `follow run` (the CLI, in its own process)."""
    clean = tmp_path_factory.mktemp("clean") / "clean.db"
    _add_sources(clean, site)
    site.reset()
    _cli_run(clean, site).communicate(timeout=120)
    return _dump(clean)


@pytest.mark.parametrize("kill_after", [5, 14])
def test_sigkill_mid_run_then_rerun_gives_the_same_database(site, tmp_path, kill_after, clean_dump):
    killed = tmp_path / "killed.db"
    _add_sources(killed, site)
    site.reset()  # the one-time 500 and 429 again, as for the clean run
    proc = _cli_run(killed, site)
    deadline = time.monotonic() + 60
    while len([p for _, p, s, _ in site.log if s == 200 and p.startswith("/tin/")]) < kill_after:
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    store = open_store(str(killed))
    stored_at_kill = store.db.scalar("SELECT count(*) FROM article_sources")
    store.close()
    assert 0 < stored_at_kill < len(STORED)  # really cut mid-run
    proc = _cli_run(killed, site)
    _, err = proc.communicate(timeout=120)
    assert _dump(killed) == clean_dump, err.decode()[-2000:]


# ------------------------------------------------- SQLite and PostgreSQL
from kb_support import kb_url, pg_url  # noqa: E402,F401  (fixtures)


def test_follow_state_on_both_databases(site, kb_url):  # noqa: F811
    """The state SQL is portable: a run and a rerun on SQLite and PostgreSQL."""
    site.reset()
    store = open_store(kb_url)
    try:
        state.ensure(store.db)
        state.ensure(store.db)  # idempotent
        state.add_source(store.db, "maps", site.base + "/sitemap-index.xml")
        state.add_source(store.db, "section", site.base + "/the-gioi/")
        quick = RunOptions(Politeness(delay=0, timeout=TIMEOUT, backoff=0.05, retries=1))
        first = run_once(store, quick)
        assert sum(r.stored for r in first) == 8 and not any(r.failed for r in first)
        again = run_once(store, quick)
        assert sum(r.new + r.fetched for r in again) == 0
        summaries = {s["name"]: s for s in state.source_summaries(store.db)}
        assert summaries["maps"]["stored"] == 5 and summaries["maps"]["kind"] == "sitemapindex"
        assert state.freshness(store.db)["last_run"]
        assert state.remove_source(store.db, "section") and not state.remove_source(store.db, "section")
        assert store.db.scalar("SELECT count(*) FROM articles") == 8  # its articles stay
    finally:
        store.close()


def test_every_runs_rounds_until_stopped_one_line_per_source(site, tmp_path):
    db = tmp_path / "every.db"
    assert main(["follow", "add", site.base + "/the-gioi/", "--name", "section", "--db", str(db)]) == 0
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    # SIGINT as a terminal gives it: a job started in the background (as CI may run the suite)
    # inherits SIGINT ignored, and the command would then rightly not stop on it
    proc = subprocess.Popen([sys.executable, "-m", "ngoaigiao", "follow", "run", "--every", "1s", "--db", str(db),
                             "--delay", "0"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    store = open_store(str(db))
    try:
        while store.db.scalar("SELECT count(*) FROM follow_runs WHERE finished_at IS NOT NULL") < 2:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        assert store.db.scalar("SELECT next_run_at FROM follow_sources WHERE name = 'section'")
    finally:
        store.close()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    lines = err.splitlines()
    assert sum("round started" in ln for ln in lines) >= 2
    assert sum(ln.startswith("follow: section: page, 3 listed") for ln in lines) == 1  # first round
    assert any(ln.startswith("follow: section: ") and "0 new" in ln for ln in lines)   # later rounds: nothing new
    assert any(ln.startswith("follow: 1 sources, ") for ln in lines) and any("next round at" in ln for ln in lines)
