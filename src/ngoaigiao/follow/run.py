"""One round over the followed sources: listings read, new pages fetched, relevant ones ingested.

    reports = run_once(store, RunOptions(politeness=Politeness(delay=1.0)))

For each source: its listing (and, for a sitemap index, the sitemaps it
names) is fetched with a conditional GET; the article URLs it gives that are
new (or that the listing says changed) become pending rows; then the pending
pages are fetched, read, tested for relevance and ingested through the
store's `ingest_article`, the path `ngoaigiao ingest` takes for files. A page
whose body hash has not changed is not read again. Each failure is recorded
with its URL and reason and the round goes on. See `state` for why a killed
round loses nothing and stores nothing twice.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ngoaigiao import pipeline
from ngoaigiao.errors import InputError
from ngoaigiao.follow import relevance, state
from ngoaigiao.follow.discover import parse_listing
from ngoaigiao.follow.fetch import Fetcher, Politeness
from ngoaigiao.follow.urls import normalise, record_id

LISTING_MAX_BYTES = 50_000_000   # the sitemap protocol's own limit (uncompressed)
MAX_LISTINGS = 200               # sitemaps read per source and round


@dataclass
class RunOptions:
    politeness: Politeness = field(default_factory=Politeness)
    max_pages: int | None = None      # article pages fetched per source and round
    relevance_filter: bool = True
    names: list[str] | None = None    # only these sources


@dataclass
class SourceReport:
    name: str
    kind: str | None = None
    listed: int = 0        # article URLs the listings gave
    new: int = 0           # of them new (or changed) this round
    fetched: int = 0       # pages downloaded
    stored: int = 0        # ingested
    unchanged: int = 0
    irrelevant: int = 0
    failed: int = 0
    error: str | None = None                          # the listing itself failed
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        head = f"{self.name}: " + (f"{self.kind}, " if self.kind else "")
        body = (f"{self.listed} listed, {self.new} new, {self.fetched} fetched, {self.stored} stored, "
                f"{self.unchanged} unchanged, {self.irrelevant} irrelevant, {self.failed} failed")
        tail = f" ({self.seconds:.1f} s)" + (f"; listing failed: {self.error}" if self.error else "")
        return head + body + tail


def run_once(store, options: RunOptions | None = None,
             on_source: Callable[[SourceReport], None] | None = None,
             on_failure: Callable[[str, str], None] | None = None,
             on_page: Callable[[SourceReport, int, int], None] | None = None) -> list[SourceReport]:
    """One round. Callbacks: on_source(report) after each source, on_failure(url, reason) for
    each failure, on_page(report, done, total) after each page (for a progress line)."""
    options = options or RunOptions()
    db = store.db
    state.ensure(db)
    current = {"source": None}

    def log(url, status, outcome, reason, nbytes, ms):
        state.log_fetch(db, current["source"], url, status, outcome, reason, nbytes, ms)

    fetcher = Fetcher(options.politeness, log=log)
    run_id = state.start_run(db)
    reports = []
    for src in state.sources(db, options.names):
        current["source"] = src["name"]
        rep = SourceReport(src["name"])
        t0 = time.monotonic()

        def fail(url, reason, rep=rep):
            rep.failed += 1
            rep.failures.append((url, reason))
            if on_failure:
                on_failure(url, reason)

        _read_listings(db, fetcher, src, rep, fail)
        rows = state.pending(db, src["name"], options.max_pages)
        for i, row in enumerate(rows, 1):
            _follow_page(store, fetcher, row, rep, options, fail)
            if on_page:
                on_page(rep, i, len(rows))
        rep.seconds = time.monotonic() - t0
        state.finish_source(db, src["name"], kind=rep.kind, listed=rep.listed, new=rep.new,
                            stored=rep.stored, failed=rep.failed, error=rep.error)
        reports.append(rep)
        if on_source:
            on_source(rep)
    state.finish_run(db, run_id, sources=len(reports), listed=sum(r.listed for r in reports),
                     new=sum(r.new for r in reports), stored=sum(r.stored for r in reports),
                     failed=sum(r.failed for r in reports))
    return reports


def _read_listings(db, fetcher: Fetcher, src: dict, rep: SourceReport, fail) -> None:
    queue, seen = [src["url"]], set()
    while queue and len(seen) < MAX_LISTINGS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if url == src["url"] and src.get("kind") == "robots":  # the sitemaps robots.txt declares
            maps = [m for m in map(normalise, fetcher.sitemaps_in_robots(url)) if m]
            rep.kind = "robots"
            if not maps:
                rep.error = "robots.txt declares no sitemap (or could not be read)"
                fail(url, rep.error)
            state.record_listing(db, src["name"], url, None, None, None, [], maps)
            queue.extend(maps)
            continue
        known = state.get_url(db, url) or {}
        resp = fetcher.get(url, known.get("etag"), known.get("last_modified"), max_bytes=LISTING_MAX_BYTES)
        if resp.error:
            state.listing_failed(db, src["name"], url, resp.error)
            if url == src["url"]:
                rep.error = resp.error
            fail(url, resp.error)
            continue
        digest = hashlib.sha256(resp.body).hexdigest() if resp.body is not None else None
        if resp.not_modified or (digest and digest == known.get("content_hash")):
            # Unchanged: what it listed is known (and still pending if a round was cut short);
            # the sitemaps an index names may have changed, so they are asked in turn.
            queue.extend(u for u in state.listings(db, src["name"]) if u not in seen)
            rep.kind = rep.kind or src.get("kind")
            continue
        listing = parse_listing(resp.body, resp.final_url, resp.content_type, max_bytes=LISTING_MAX_BYTES)
        if url == src["url"]:
            rep.kind = listing.kind
        if listing.error:
            state.listing_failed(db, src["name"], url, listing.error)
            if url == src["url"]:
                rep.error = listing.error
            fail(url, listing.error)
            continue
        if listing.warning:
            fail(url, listing.warning)
        rep.listed += len(listing.entries)
        rep.new += state.record_listing(db, src["name"], url, resp.etag, resp.last_modified, digest,
                                        listing.entries, listing.children)
        queue.extend(c for c in listing.children if c not in seen)


def _follow_page(store, fetcher: Fetcher, row: dict, rep: SourceReport, options: RunOptions, fail) -> None:
    db, url = store.db, row["url"]
    resp = fetcher.get(url, row.get("etag"), row.get("last_modified"))
    if resp.not_modified:
        rep.unchanged += 1
        state.finish_url(db, url, "unchanged")
        return
    if resp.error:
        state.finish_url(db, url, "gone" if resp.gone else "failed", final_url=resp.final_url, reason=resp.error)
        fail(url, resp.error)
        return
    rep.fetched += 1
    final = resp.final_url
    digest = hashlib.sha256(resp.body).hexdigest()
    done = dict(final_url=final, etag=resp.etag, last_modified=resp.last_modified, content_hash=digest)
    if digest == row.get("content_hash") and row.get("record_id"):
        rep.unchanged += 1
        state.finish_url(db, url, "unchanged", **done)
        return
    twin = state.stored_under_final_url(db, final, url)
    if twin:  # two listed URLs, one page: one article
        rep.unchanged += 1
        state.finish_url(db, url, "stored", record_id=twin["record_id"], reason=f"same page as {twin['url']}", **done)
        return
    rid = record_id(final)
    try:
        article = read_page(resp.body, rid, final, row.get("listed_published"), options.relevance_filter)
        stored_as = store.ingest_article(article)
    except NotRelevant as exc:
        rep.irrelevant += 1
        state.finish_url(db, url, "irrelevant", reason=exc.reason, **done)
        return
    except InputError as exc:
        state.finish_url(db, url, "unreadable", reason=exc.reason, **done)
        fail(url, exc.reason)
        return
    except (ValueError, KeyError, TypeError) as exc:  # a record the store cannot take (rolled back)
        state.finish_url(db, url, "failed", reason=f"not stored ({type(exc).__name__}: {exc})", **done)
        fail(url, f"not stored ({type(exc).__name__}: {exc})")
        return
    rep.stored += 1
    state.finish_url(db, url, "stored", record_id=rid, reason=None if stored_as == rid else f"same as {stored_as}",
                     **done)


class NotRelevant(InputError):
    """A page the relevance test turned away (not an error: remembered, not reported)."""


def read_page(body: bytes, id: str, url: str, listed_published: str | None, relevance_filter: bool = True):
    """`pipeline.process` on a fetched page, with what only the follower knows: the
    relevance test right after the read stage (the rest of the pipeline is not run for
    an irrelevant page), and the date the feed or sitemap gave, used when neither the
    text nor the page's metadata dates the article."""
    def hook(stage: str, article) -> None:
        if stage == "read" and relevance_filter:
            verdict = relevance.check(article.text)
            if not verdict.relevant:
                raise NotRelevant(url, verdict.reason)
        elif stage == "metadata" and not article.published and listed_published:
            article.published, article.published_source = listed_published, "feed"

    return pipeline.process(body, id=id, source=url, url=url, hook=hook)
