"""The follow modules on inputs written for them: URLs, listings, relevance, Retry-After, the CLI."""
from __future__ import annotations

import gzip
import json

import pytest

from ngoaigiao.cli import main
from ngoaigiao.follow import outlets
from ngoaigiao.follow.discover import looks_like_article, parse_listing
from ngoaigiao.follow.fetch import USER_AGENT, _retry_after
from ngoaigiao.follow.relevance import check
from ngoaigiao.follow.urls import normalise, record_id

BASE = "https://baotest.vn/the-gioi/"


def test_normalise_drops_tracking_parameters_fragments_and_case():
    a = normalise("https://BaoTest.vn/tin/hoi-dam-123.html?utm_source=fb&utm_medium=social&fbclid=X#binh-luan")
    b = normalise("/tin/hoi-dam-123.html?gclid=1&zarsrc=30", base="https://baotest.vn/the-gioi/")
    assert a == b == "https://baotest.vn/tin/hoi-dam-123.html"
    assert normalise("https://baotest.vn/tin?id=5&page=2") == "https://baotest.vn/tin?id=5&page=2"
    assert normalise("javascript:void(0)") is None and normalise("mailto:a@b.vn") is None and normalise("") is None


def test_record_id_is_stable_and_readable():
    rid = record_id("https://baotest.vn/tin/thu-tuong-hoi-dam-123.html")
    assert rid.startswith("thu-tuong-hoi-dam-123-") and rid == record_id("https://baotest.vn/tin/thu-tuong-hoi-dam-123.html")
    assert record_id("https://baotest.vn/") != record_id("https://other.vn/")


RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>https://baotest.vn/tin/a-b-c-d-1.html?utm_source=rss</link>
<pubDate>Tue, 11 Mar 2025 08:00:00 +0700</pubDate></item>
<item><title>B</title><link>/tin/e-f-g-h-2.html</link></item>
<item><title>A again</title><link>https://baotest.vn/tin/a-b-c-d-1.html</link></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>A</title><link href="https://baotest.vn/tin/x-y-z-w-3.html"/><id>1</id>
<published>2025-01-02T10:00:00Z</published><updated>2025-01-03T10:00:00Z</updated></entry></feed>"""
URLSET = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://baotest.vn/tin/a-b-c-d-1.html</loc><lastmod>2025-03-12</lastmod>
<news:news><news:publication_date>2025-03-11T08:00:00+07:00</news:publication_date></news:news></url>
<url><loc>https://baotest.vn/tin/e-f-g-h-2.html</loc></url></urlset>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://baotest.vn/sitemaps/1.xml.gz</loc></sitemap><sitemap><loc>https://baotest.vn/s2.xml</loc>
</sitemap></sitemapindex>"""
SECTION = """<html><body><nav><a href="/">Trang chủ</a><a href="/the-gioi/">Thế giới</a><a href="/tag/viet-nam">tag</a>
<a href="/the-gioi/trang-2">2</a></nav><a href="/tin/thu-tuong-hoi-dam-voi-thu-tuong-lao-12345.html">Thủ tướng</a>
<a href="https://baotest.vn/tin/bo-truong-tiep-dai-su-an-do.html?utm_source=home">Bộ trưởng</a>
<a href="https://khac.vn/tin/bai-cua-trang-khac-nhe-999.html">khác</a><a href="/anh/hinh-anh-hoi-dam-cap-cao.jpg">ảnh</a>
<footer><a href="/lien-he">Liên hệ</a></footer></body></html>""".encode()


def test_rss_and_atom_entries_with_dates_deduplicated():
    rss = parse_listing(RSS, BASE)
    assert rss.kind == "rss" and rss.error is None
    assert [e.url for e in rss.entries] == ["https://baotest.vn/tin/a-b-c-d-1.html", "https://baotest.vn/tin/e-f-g-h-2.html"]
    assert rss.entries[0].published == "2025-03-11" and rss.entries[1].published is None
    atom = parse_listing(ATOM, BASE)
    assert atom.kind == "atom"
    assert (atom.entries[0].published, atom.entries[0].modified) == ("2025-01-02", "2025-01-03T10:00:00Z")


def test_sitemaps_gzipped_and_index():
    for body in (URLSET, gzip.compress(URLSET)):
        sm = parse_listing(body, BASE)
        assert sm.kind == "sitemap"
        assert [(e.url, e.published, e.modified) for e in sm.entries] == [
            ("https://baotest.vn/tin/a-b-c-d-1.html", "2025-03-11", "2025-03-12"),
            ("https://baotest.vn/tin/e-f-g-h-2.html", None, None)]
    idx = parse_listing(INDEX, BASE)
    assert idx.kind == "sitemapindex" and idx.children == ["https://baotest.vn/sitemaps/1.xml.gz", "https://baotest.vn/s2.xml"]
    bomb = gzip.compress(b"<urlset>" + b" " * 2_000_000 + b"</urlset>")
    assert "too large" in parse_listing(bomb, BASE, max_bytes=1_000_000).error


def test_section_page_gives_article_links_of_the_same_site():
    page = parse_listing(SECTION, BASE)
    assert page.kind == "page"
    assert [e.url for e in page.entries] == ["https://baotest.vn/tin/thu-tuong-hoi-dam-voi-thu-tuong-lao-12345.html",
                                             "https://baotest.vn/tin/bo-truong-tiep-dai-su-an-do.html"]
    assert not looks_like_article("https://baotest.vn/the-gioi/")
    assert not looks_like_article("https://baotest.vn/tag/hoi-dam-cap-cao-viet-nam")


def test_malformed_feeds_are_errors_or_warnings():
    broken = parse_listing(b'<?xml version="1.0"?><rss><channel><item><title>x', BASE)
    assert broken.error and "malformed" in broken.error and not broken.entries
    partial = parse_listing(RSS.replace(b"</channel></rss>", b"<item><title>&bad</title>"), BASE)
    assert len(partial.entries) >= 1 and (partial.warning or "").startswith("malformed feed")
    assert parse_listing(b"plain words, nothing more", BASE).entries == []


def test_relevance_needs_a_trigger_and_a_person():
    assert check("Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào Sonexay Siphandone.").relevant
    assert check("Ngày 3/4, ông Nguyễn Văn Thành tiếp đoàn công tác của tỉnh bạn.").relevant
    no_trigger = check("Thủ tướng Phạm Minh Chính phát biểu tại lễ khai giảng năm học mới.")
    assert not no_trigger.relevant and "word" in no_trigger.reason
    assert not check("Giá xăng hôm nay giảm mạnh, thị trường hội đàm sôi động.").relevant


def test_retry_after_seconds_and_dates():
    assert _retry_after("120") == 120.0
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: go now
    assert _retry_after("soon") is None and _retry_after(None) is None
    assert "ngoaigiao/" in USER_AGENT


def test_outlets_data_file_lookups():
    assert outlets.find("vnexpress") and outlets.find("VNEXPRESS.NET")
    assert outlets.find("Báo Nhân Dân") == outlets.find("nhandan")  # by its name in outlets.tsv
    assert outlets.find("no-such-outlet") == []
    for key in outlets.outlet_keys():
        for row in outlets.find(key):
            assert row["kind"] in ("rss", "sitemap", "page", "robots") and normalise(row["url"])


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_add_list_remove(tmp_path, capsys):
    db = str(tmp_path / "kb.db")
    code, out, _ = run(capsys, "follow", "add", "https://baotest.vn/rss/the-gioi.rss?utm_source=x", "--db", db)
    assert code == 0 and "baotest-rss-the-gioi-rss" in out
    code, _, err = run(capsys, "follow", "add", "https://baotest.vn/rss/the-gioi.rss", "--db", db)
    assert code == 1 and "followed already" in err
    assert run(capsys, "follow", "add", "--outlet", "tuoitre", "--db", db)[0] == 0
    code, _, err = run(capsys, "follow", "add", "--outlet", "nowhere", "--db", db)
    assert code == 2 and "not a known outlet" in err
    code, _, err = run(capsys, "follow", "add", "ftp://x", "--db", db)
    assert code == 2 and "not an http(s) URL" in err
    code, out, _ = run(capsys, "follow", "list", "--db", db, "--json")
    names = [r["name"] for r in json.loads(out)]
    assert names == ["baotest-rss-the-gioi-rss", "tuoitre-the-gioi", "tuoitre-thoi-su"]
    code, out, _ = run(capsys, "follow", "remove", "tuoitre-thoi-su", "--db", db)
    assert code == 0
    code, _, err = run(capsys, "follow", "remove", "tuoitre-thoi-su", "--db", db)
    assert code == 1 and "no such source" in err
    code, out, _ = run(capsys, "follow", "list", "--db", db)
    assert "tuoitre-thoi-su" not in out and "never" in out


def test_cli_run_arguments(tmp_path, capsys):
    db = str(tmp_path / "kb.db")
    code, _, err = run(capsys, "follow", "run", "--db", db)
    assert code == 2 and "no sources" in err
    with pytest.raises(SystemExit):
        main(["follow", "run", "--every", "soon", "--db", db])
    assert "not an interval" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["follow", "run", "--once", "--every", "15m"])
    capsys.readouterr()
    run(capsys, "follow", "add", "https://baotest.vn/rss.xml", "--db", db)
    code, _, err = run(capsys, "follow", "run", "--source", "nope", "--db", db)
    assert code == 2 and "no such source" in err
    for sub in ("add", "list", "run", "remove"):
        with pytest.raises(SystemExit) as exit_:
            main(["follow", sub, "--help"])
        assert exit_.value.code == 0
    capsys.readouterr()
