"""Article URLs from a listing: RSS/Atom feed, sitemap, sitemap index, section page.

`parse_listing(body, url)` is pure (bytes in, a `Listing` out) so it is tested
without a network. Feeds go through feedparser (which also reads the broken
feeds real sites serve, and says so); sitemaps through lxml (gzipped ones are
unpacked with a size cap: a small .gz can expand enormously); section pages
give the links that look like articles of the same site (courlan's filters
for navigation, and the shape news sites give article URLs).
"""
from __future__ import annotations

import re
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ngoaigiao.follow.urls import normalise, same_site

MAX_ENTRIES = 20_000  # per listing: a sitemap may hold 50,000; a run cannot use more anyway


@dataclass
class Entry:
    url: str
    published: str | None = None   # from the feed entry or the sitemap's news:publication_date
    modified: str | None = None    # updated / lastmod: when it moves, the page is asked again
    title: str | None = None


@dataclass
class Listing:
    kind: str                                  # rss | atom | feed | sitemap | sitemapindex | page
    entries: list[Entry] = field(default_factory=list)
    children: list[str] = field(default_factory=list)   # the sitemaps a sitemap index names
    warning: str | None = None                 # e.g. a malformed feed read in part
    error: str | None = None                   # nothing usable


class ListingError(ValueError):
    pass


def gunzip(body: bytes, max_bytes: int) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise ListingError(f"damaged gzip data ({exc})") from None
    if len(out) > max_bytes or d.unconsumed_tail:
        raise ListingError(f"gzipped listing too large (more than {max_bytes:,} bytes unpacked)")
    return out


_HEAD_TAGS = [
    (re.compile(rb"<sitemapindex[\s>]", re.I), "sitemapindex"),
    (re.compile(rb"<urlset[\s>]", re.I), "sitemap"),
    (re.compile(rb"<rss[\s>]|<rdf:RDF[\s>]", re.I), "rss"),
    (re.compile(rb"<feed[\s>]", re.I), "atom"),
    (re.compile(rb"<!doctype\s+html|<html[\s>]", re.I), "page"),
]


def detect_kind(body: bytes, content_type: str | None = None) -> str:
    head = body[:4096]
    for rx, kind in _HEAD_TAGS:
        if rx.search(head):
            return kind
    ct = (content_type or "").lower()
    if "rss" in ct or "atom" in ct:
        return "feed"
    if "html" in ct:
        return "page"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml") or "xml" in ct:
        return "feed"  # XML that is no sitemap: let the feed parser try (and report)
    return "page"


def parse_listing(body: bytes, url: str, content_type: str | None = None,
                  max_bytes: int = 50_000_000) -> Listing:
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_bytes)
        except ListingError as exc:
            return Listing("sitemap", error=str(exc))
    kind = detect_kind(body, content_type)
    if kind in ("sitemap", "sitemapindex"):
        return _sitemap(body, url, kind)
    if kind in ("rss", "atom", "feed"):
        return _feed(body, url, kind)
    return _page(body, url)


# ---------------------------------------------------------------- feeds
def _feed(body: bytes, url: str, kind: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if kind == "feed":  # sniffed as XML only: say what feedparser found it to be
        kind = "atom" if version.startswith("atom") else "rss" if version.startswith("rss") else "feed"
    out = Listing(kind)
    seen = set()
    for e in parsed.entries[:MAX_ENTRIES]:
        link = normalise(e.get("link") or "", base=url)
        if not link or link in seen:
            continue
        seen.add(link)
        out.entries.append(Entry(link, published=_iso(e.get("published_parsed")),
                                 # (asked only when present: feedparser maps a missing one with a warning)
                                 modified=_iso(e["updated_parsed"], with_time=True)
                                 if "updated" in e else None,
                                 title=(e.get("title") or None)))
    if parsed.get("bozo"):
        why = str(parsed.get("bozo_exception") or "not well-formed").splitlines()[0][:160]
        if out.entries:
            out.warning = f"malformed feed, read in part ({why})"
        else:
            out.error = f"malformed feed ({why})"
    elif not out.entries and not parsed.get("version"):
        out.error = "not a feed, sitemap or HTML page"
    return out


def _iso(t, with_time: bool = False) -> str | None:
    if not t:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ" if with_time else "%Y-%m-%d", t)
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------- sitemaps
def _sitemap(body: bytes, url: str, kind: str) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        return Listing(kind, error=f"malformed sitemap ({exc})")
    if root is None:
        return Listing(kind, error="malformed sitemap (no XML elements)")
    out = Listing(kind)
    seen = set()
    for node in root:
        if not isinstance(node.tag, str):
            continue
        fields = {_local(c.tag): (c.text or "").strip() for c in node.iter() if isinstance(c.tag, str)}
        loc = normalise(fields.get("loc", ""), base=url)
        if not loc or loc in seen:
            continue
        seen.add(loc)
        if kind == "sitemapindex":
            out.children.append(loc)
        else:
            out.entries.append(Entry(loc, published=_date(fields.get("publication_date")),
                                     modified=fields.get("lastmod") or None,
                                     title=fields.get("title") or None))
        if len(seen) >= MAX_ENTRIES:
            break
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _date(value: str | None) -> str | None:
    m = re.match(r"(\d{4}-\d{2}-\d{2})", value or "")
    return m.group(1) if m else None


# --------------------------------------------------------- section pages
_ARTICLE_END = re.compile(r"(\d{4,}|\.html?|\.ece|\.aspx|\.php)$", re.I)
_MEDIA = re.compile(r"\.(jpe?g|png|gif|webp|svg|pdf|mp[34]|zip|docx?|xlsx?)$", re.I)


def looks_like_article(url: str) -> bool:
    """The shape Vietnamese (and most) news sites give article URLs: a long slug of words,
    usually ending in an id or .html; section, tag and paging URLs are short."""
    import courlan

    path = urlsplit(url).path
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if not last or _MEDIA.search(last) or courlan.is_navigation_page(url) or courlan.is_not_crawlable(url):
        return False
    words = [w for w in re.split(r"[-_]", re.sub(r"\.\w+$", "", last)) if w]
    return len(words) >= 4 and (bool(_ARTICLE_END.search(last)) or len(words) >= 6)


def _page(body: bytes, url: str) -> Listing:
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(body)
    except (ValueError, lxml.etree.ParserError) as exc:
        return Listing("page", error=f"unreadable section page ({exc})")
    out = Listing("page")
    seen = {normalise(url)}
    for a in doc.iter("a"):
        link = normalise(a.get("href") or "", base=url)
        if not link or link in seen or not same_site(link, url) or not looks_like_article(link):
            continue
        seen.add(link)
        out.entries.append(Entry(link, title=(a.text_content() or "").strip()[:300] or None))
        if len(out.entries) >= MAX_ENTRIES:
            break
    return out
