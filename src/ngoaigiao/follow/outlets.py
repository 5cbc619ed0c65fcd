"""Known outlets' feeds and sitemaps (data/outlet_feeds.tsv), for `follow add --outlet`."""
from __future__ import annotations

from ngoaigiao.data import load_tsv
from ngoaigiao.textnorm import fold


def outlet_keys() -> list[str]:
    return sorted({r["key"] for r in load_tsv("outlet_feeds.tsv") if r.get("key")})


def find(name: str) -> list[dict]:
    """The rows for an outlet given by key, host or its name in outlets.tsv (any case, with or
    without diacritics); [] when unknown."""
    want = fold(name).lower().strip()
    rows = load_tsv("outlet_feeds.tsv")
    hit = [r for r in rows if fold(r.get("key", "")).lower() == want
           or r.get("host", "").lower().removeprefix("www.") == want.removeprefix("www.")]
    if hit:
        return hit
    hosts = {r["host"].lower().removeprefix("www.") for r in load_tsv("outlets.tsv")
             if fold(r.get("name", "")).lower() == want}
    return [r for r in rows if r.get("host", "").lower().removeprefix("www.") in hosts]


def source_name(row: dict) -> str:
    """key-last path word: vnexpress-the-gioi, nhandan-robots."""
    from urllib.parse import urlsplit

    last = urlsplit(row["url"]).path.rstrip("/").rsplit("/", 1)[-1]
    last = last.rsplit(".", 1)[0] if "." in last else last
    return f"{row['key']}-{last}" if last and last != row["key"] else row["key"]
