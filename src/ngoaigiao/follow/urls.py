"""URL normalisation: one page is one URL.

courlan's strict normalisation lower-cases the host, drops default ports,
fragments and the query parameters that only track a click (utm_*, fbclid,
gclid, zarsrc...), and sorts the rest, so the same article reached from a
feed, a sitemap and a Facebook share is fetched and stored once.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import urljoin, urlsplit

import courlan


def normalise(url: str, base: str | None = None) -> str | None:
    """The canonical form of an http(s) URL (resolved against `base`), or None if it is not one."""
    url = (url or "").strip()
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    try:
        return courlan.normalize_url(url, strict=True)
    except (ValueError, TypeError):
        return None


def host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def same_site(a: str, b: str) -> bool:
    """Same host, ignoring a leading www. (nhandan.vn and www.nhandan.vn are one site)."""
    return host(a).removeprefix("www.") == host(b).removeprefix("www.")


_SLUG = re.compile(r"[^a-z0-9]+")


def record_id(url: str) -> str:
    """A stable, readable article id for a URL: the last path segment's slug and a short hash.
    (Files get their name as id; a followed page gets this, so a rerun finds it again.)"""
    path = urlsplit(url).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    last = re.sub(r"\.(html?|php|aspx?)$", "", last.lower())
    slug = _SLUG.sub("-", last).strip("-")[:60].strip("-")
    digest = hashlib.sha1(url.encode()).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else f"{host(url).replace('.', '-')}-{digest}"
