"""A small news site on 127.0.0.1 for the follow tests, written for them.

`Site()` starts a threaded HTTP server on a free loopback port and logs every
request (monotonic time, path, status, bytes sent). It serves:

  /robots.txt                 disallows /private/
  /rss.xml                    RSS 2.0: the articles, a tracking-parameter link, a disallowed link,
                              a 404, a 500-then-200, a 429 with Retry-After, a slow page, a redirect
                              chain, a 30 MB page, a Windows-1258 page, a weather page
  /atom.xml                   Atom: two articles (one the RSS also lists, with other tracking parameters)
  /sitemap-index.xml          a sitemap index naming /sitemaps/news.xml.gz (gzipped) and /sitemaps/pages.xml
  /the-gioi/                  a section page: menu and footer links, article links
  /broken.xml                 a malformed feed
Every page and listing has an ETag (and Last-Modified) and answers 304 to a matching
conditional GET. The article texts are sentences written for these tests (facts only
from public record: names, positions, dates).
"""
from __future__ import annotations

import gzip
import hashlib
import threading
import time
from email.utils import formatdate
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

ARTICLES = {
    "thu-tuong-hoi-dam-thu-tuong-malaysia-101.html": (
        "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Malaysia Anwar Ibrahim",
        "Thứ Hai, 10/03/2025 16:20\n\nChiều 10/3, tại Trụ sở Chính phủ, Thủ tướng Phạm Minh Chính đã hội đàm với "
        "Thủ tướng Malaysia Anwar Ibrahim, người đang thăm chính thức Việt Nam.\n\n"
        "Hai nhà lãnh đạo nhất trí tăng cường hợp tác trong các lĩnh vực thương mại, năng lượng và giáo dục."),
    "bo-truong-dien-dam-ngoai-truong-nhat-ban-102.html": (
        "Bộ trưởng Ngoại giao Bùi Thanh Sơn điện đàm với Bộ trưởng Ngoại giao Nhật Bản",
        "Ngày 14/2/2025, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã điện đàm với Bộ trưởng Ngoại giao Nhật Bản "
        "Iwaya Takeshi.\n\nHai Bộ trưởng trao đổi về chuyến thăm sắp tới của lãnh đạo cấp cao hai nước."),
    "chu-tich-nuoc-tiep-dai-su-han-quoc-103.html": (
        "Chủ tịch nước Lương Cường tiếp Đại sứ Hàn Quốc",
        "Ngày 20/1/2025, tại Phủ Chủ tịch, Chủ tịch nước Lương Cường đã tiếp Đại sứ Hàn Quốc tại Việt Nam "
        "Choi Young Sam đến chào từ biệt nhân dịp kết thúc nhiệm kỳ công tác.\n\n"
        "Chủ tịch nước đánh giá cao những đóng góp của Đại sứ cho quan hệ hai nước."),
    "pho-thu-tuong-hoi-kien-bo-truong-trung-quoc-104.html": (
        "Phó Thủ tướng Bùi Thanh Sơn hội kiến Bộ trưởng Ngoại giao Trung Quốc Vương Nghị",
        "Bắc Kinh, ngày 5/12/2024 - Phó Thủ tướng, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội kiến Ủy viên "
        "Bộ Chính trị, Bộ trưởng Ngoại giao Trung Quốc Vương Nghị.\n\n"
        "Hai bên nhất trí thúc đẩy hợp tác trên các lĩnh vực."),
    "chu-tich-quoc-hoi-tiep-doan-lao-105.html": (
        "Chủ tịch Quốc hội Trần Thanh Mẫn tiếp Chủ tịch Quốc hội Lào",
        "Ngày 8/4/2025, tại Nhà Quốc hội, Chủ tịch Quốc hội Trần Thanh Mẫn đã tiếp Chủ tịch Quốc hội Lào "
        "Saysomphone Phomvihane.\n\nHai bên khẳng định quan hệ hữu nghị vĩ đại giữa hai nước."),
    "thoi-tiet-ha-noi-mua-ret-106.html": (
        "Hà Nội mưa rét kéo dài đến cuối tuần",
        "Không khí lạnh tăng cường khiến nhiệt độ ở Hà Nội giảm xuống dưới 12 độ C.\n\n"
        "Người dân được khuyến cáo giữ ấm khi ra đường vào sáng sớm."),
    # behind the redirect chain
    "bo-truong-quoc-phong-tiep-tuy-vien-quan-su-107.html": (
        "Bộ trưởng Quốc phòng Phan Văn Giang tiếp Tùy viên Quân sự Australia",
        "Ngày 3/3/2025, tại Hà Nội, Đại tướng Phan Văn Giang, Bộ trưởng Quốc phòng đã tiếp Tùy viên Quân sự "
        "Australia tại Việt Nam.\n\nHai bên trao đổi về hợp tác quốc phòng."),
    # 500 first, then served
    "thu-tuong-tiep-tong-giam-doc-tap-doan-108.html": (
        "Thủ tướng Phạm Minh Chính tiếp Tổng Giám đốc Tập đoàn Samsung",
        "Ngày 12/2/2025, tại Trụ sở Chính phủ, Thủ tướng Phạm Minh Chính đã tiếp ông Choi Joo Ho, Tổng Giám "
        "đốc Tổ hợp Samsung Việt Nam.\n\nThủ tướng đề nghị tập đoàn mở rộng đầu tư."),
    # 429 with Retry-After first, then served
    "chu-tich-nuoc-dien-dam-tong-thong-phap-109.html": (
        "Chủ tịch nước Lương Cường điện đàm với Tổng thống Pháp Emmanuel Macron",
        "Ngày 28/1/2025, Chủ tịch nước Lương Cường đã điện đàm với Tổng thống Pháp Emmanuel Macron.\n\n"
        "Hai nhà lãnh đạo trao đổi về quan hệ Đối tác chiến lược toàn diện."),
    # from the Atom feed and the sitemaps
    "tong-bi-thu-hoi-kien-thu-tuong-singapore-110.html": (
        "Tổng Bí thư Tô Lâm hội kiến Thủ tướng Singapore Lawrence Wong",
        "Singapore, ngày 12/3/2025 - Tổng Bí thư Tô Lâm đã hội kiến Thủ tướng Singapore Lawrence Wong.\n\n"
        "Hai bên nhất trí nâng cấp quan hệ lên Đối tác chiến lược toàn diện."),
    "pho-chu-tich-nuoc-tiep-doan-cuba-111.html": (
        "Phó Chủ tịch nước Võ Thị Ánh Xuân tiếp Đoàn đại biểu Cuba",
        "Ngày 17/2/2025, tại Phủ Chủ tịch, Phó Chủ tịch nước Võ Thị Ánh Xuân đã tiếp Đoàn đại biểu Đảng Cộng "
        "sản Cuba do đồng chí Roberto Morales Ojeda dẫn đầu.\n\nHai bên khẳng định tình đoàn kết đặc biệt."),
    "thu-truong-ngoai-giao-hoi-dam-voi-thu-truong-an-do-112.html": (
        "Thứ trưởng Ngoại giao Đỗ Hùng Việt hội đàm với Thứ trưởng Ngoại giao Ấn Độ",
        "Ngày 21/11/2024, tại Hà Nội, Thứ trưởng Ngoại giao Đỗ Hùng Việt đã hội đàm với Thứ trưởng Ngoại "
        "giao Ấn Độ Jaideep Mazumdar.\n\nHai bên rà soát việc triển khai các thỏa thuận cấp cao."),
    "bo-truong-cong-thuong-lam-viec-voi-bo-truong-thuong-mai-my-113.html": (
        "Bộ trưởng Công Thương Nguyễn Hồng Diên làm việc với Bộ trưởng Thương mại Hoa Kỳ",
        "Ngày 9/4/2025, Bộ trưởng Công Thương Nguyễn Hồng Diên đã làm việc với Bộ trưởng Thương mại Hoa Kỳ "
        "Howard Lutnick.\n\nHai bên trao đổi về thương mại song phương."),
    # served in Windows-1258
    "bo-truong-tiep-dai-su-duc-114.html": (
        "Bộ trưởng Ngoại giao Bùi Thanh Sơn tiếp Đại sứ Đức",
        "Ngày 6/1/2025, tại Trụ sở Bộ Ngoại giao, Bộ trưởng Bùi Thanh Sơn đã tiếp Đại sứ Đức tại Việt Nam "
        "Helga Margarete Barth.\n\nBộ trưởng đề nghị Đức tiếp tục hỗ trợ Việt Nam trong chuyển đổi năng lượng."),
    # only the section page links to these two
    "thu-tuong-tiep-dai-su-trung-quoc-115.html": (
        "Thủ tướng Phạm Minh Chính tiếp Đại sứ Trung Quốc Hà Vĩ",
        "Ngày 15/1/2025, tại Trụ sở Chính phủ, Thủ tướng Phạm Minh Chính đã tiếp Đại sứ Trung Quốc tại Việt "
        "Nam Hà Vĩ.\n\nThủ tướng đề nghị hai bên thúc đẩy các dự án kết nối đường sắt."),
    "chu-tich-quoc-hoi-hoi-dam-chu-tich-quoc-hoi-campuchia-116.html": (
        "Chủ tịch Quốc hội Trần Thanh Mẫn hội đàm với Chủ tịch Quốc hội Campuchia",
        "Phnôm Pênh, ngày 22/11/2024 - Chủ tịch Quốc hội Trần Thanh Mẫn đã hội đàm với Chủ tịch Quốc hội "
        "Campuchia Khuon Sudary.\n\nHai bên ký kết Thỏa thuận hợp tác giữa hai Quốc hội."),
    # no date in the text: the feed entry's date is the publication date
    "pho-thu-tuong-tiep-bo-truong-dan-mach-117.html": (
        "Phó Thủ tướng Trần Hồng Hà tiếp Bộ trưởng Khí hậu Đan Mạch",
        "Tại Trụ sở Chính phủ, Phó Thủ tướng Trần Hồng Hà đã tiếp Bộ trưởng Khí hậu, Năng lượng và Tiện ích "
        "Đan Mạch Lars Aagaard.\n\nHai bên trao đổi về hợp tác chuyển đổi năng lượng xanh."),
    # no date in the text: the page's own metadata dates it
    "bo-truong-ngoai-giao-tiep-dai-su-anh-118.html": (
        "Bộ trưởng Ngoại giao Bùi Thanh Sơn tiếp Đại sứ Anh",
        "Bộ trưởng Ngoại giao Bùi Thanh Sơn đã tiếp Đại sứ Anh tại Việt Nam Iain Frew đến chào xã giao."
        "\n\nHai bên nhất trí thúc đẩy quan hệ Đối tác chiến lược."),
}
FEED_DATED = "pho-thu-tuong-tiep-bo-truong-dan-mach-117.html"
META_DATED = "bo-truong-ngoai-giao-tiep-dai-su-anh-118.html"
CP1258 = "bo-truong-tiep-dai-su-duc-114.html"
REDIRECT_TARGET = "bo-truong-quoc-phong-tiep-tuy-vien-quan-su-107.html"
FLAKY = "thu-tuong-tiep-tong-giam-doc-tap-doan-108.html"
BUSY = "chu-tich-nuoc-dien-dam-tong-thong-phap-109.html"
SLOW_SECONDS = 2.5
HUGE_BYTES = 30 * 1024 * 1024

RSS_ITEMS = [  # (path, pubDate)
    ("/tin/thu-tuong-hoi-dam-thu-tuong-malaysia-101.html?utm_source=rss&utm_medium=feed", "Tue, 11 Mar 2025 08:00:00 +0700"),
    ("/tin/bo-truong-dien-dam-ngoai-truong-nhat-ban-102.html", "Fri, 14 Feb 2025 09:00:00 +0700"),
    ("/tin/chu-tich-nuoc-tiep-dai-su-han-quoc-103.html", "Mon, 20 Jan 2025 10:00:00 +0700"),
    ("/tin/pho-thu-tuong-hoi-kien-bo-truong-trung-quoc-104.html", "Thu, 05 Dec 2024 10:00:00 +0700"),
    ("/tin/chu-tich-quoc-hoi-tiep-doan-lao-105.html", "Tue, 08 Apr 2025 10:00:00 +0700"),
    ("/tin/thoi-tiet-ha-noi-mua-ret-106.html", "Tue, 08 Apr 2025 11:00:00 +0700"),
    ("/private/ban-tin-noi-bo-khong-cong-khai-so-1.html", "Tue, 08 Apr 2025 12:00:00 +0700"),
    ("/tin/bai-viet-da-bi-go-bo-khoi-trang-404.html", "Tue, 08 Apr 2025 12:00:00 +0700"),
    ("/tin/thu-tuong-tiep-tong-giam-doc-tap-doan-108.html", "Wed, 12 Feb 2025 10:00:00 +0700"),
    ("/tin/chu-tich-nuoc-dien-dam-tong-thong-phap-109.html", "Tue, 28 Jan 2025 10:00:00 +0700"),
    ("/tin/trang-tin-tra-loi-rat-cham-qua-thoi-han-slow.html", "Tue, 08 Apr 2025 12:00:00 +0700"),
    ("/cu/bo-truong-quoc-phong-tiep-tuy-vien-quan-su-cu.html", "Mon, 03 Mar 2025 10:00:00 +0700"),
    ("/tin/trang-tin-rat-lon-ba-muoi-megabyte-huge.html", "Tue, 08 Apr 2025 12:00:00 +0700"),
    ("/tin/bo-truong-tiep-dai-su-duc-114.html", "Mon, 06 Jan 2025 10:00:00 +0700"),
    ("/tin/pho-thu-tuong-tiep-bo-truong-dan-mach-117.html", "Thu, 16 Jan 2025 10:00:00 +0700"),
]
ATOM_ITEMS = [
    ("/tin/tong-bi-thu-hoi-kien-thu-tuong-singapore-110.html", "2025-03-12T09:00:00+07:00"),
    ("/tin/thu-tuong-hoi-dam-thu-tuong-malaysia-101.html?fbclid=IwAR0xyz&utm_campaign=share", "2025-03-11T08:00:00+07:00"),
]
SITEMAP_NEWS = ["/tin/pho-chu-tich-nuoc-tiep-doan-cuba-111.html",
                "/tin/thu-truong-ngoai-giao-hoi-dam-voi-thu-truong-an-do-112.html"]
SITEMAP_PAGES = ["/tin/bo-truong-cong-thuong-lam-viec-voi-bo-truong-thuong-mai-my-113.html",
                 "/tin/bo-truong-ngoai-giao-tiep-dai-su-anh-118.html",
                 "/tin/tong-bi-thu-hoi-kien-thu-tuong-singapore-110.html"]
SECTION_LINKS = ["/tin/thu-tuong-tiep-dai-su-trung-quoc-115.html",
                 "/tin/chu-tich-quoc-hoi-hoi-dam-chu-tich-quoc-hoi-campuchia-116.html",
                 "/tin/chu-tich-nuoc-tiep-dai-su-han-quoc-103.html"]
# What a full run must end up storing: every relevant article any listing reaches.
STORED = sorted(set(ARTICLES) - {"thoi-tiet-ha-noi-mua-ret-106.html"})


def article_html(slug: str) -> str:
    title, body = ARTICLES[slug]
    paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
    charset = "windows-1258" if slug == CP1258 else "utf-8"
    meta = '<meta property="article:published_time" content="2025-02-25T09:30:00+07:00">' if slug == META_DATED else ""
    return (f"<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"{charset}\">{meta}<title>{title}</title></head>"
            f"<body><nav><a href=\"/\">Trang chủ</a> <a href=\"/the-gioi/\">Thế giới</a> "
            f"<a href=\"/kinh-te/\">Kinh tế</a></nav>\n<article><h1>{title}</h1>\n{paras}</article>\n"
            f"<footer>Báo Thử nghiệm - Số 1 Phố Thử, Hà Nội</footer></body></html>\n")


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese sites wrote it: letters with their vowel marks precomposed,
    the tone as a combining mark after them (the code page has no room for every toned letter)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = [c for c in parts if c in _TONES]
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)) + "".join(tones))
    return "".join(out).encode("cp1258")


def _rss(base: str) -> bytes:
    items = "".join(f"<item><title>tin {i}</title><link>{escape(base + p)}</link><pubDate>{d}</pubDate></item>\n"
                    for i, (p, d) in enumerate(RSS_ITEMS))
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Thế giới</title>"
            f"<link>{base}/</link>\n{items}</channel></rss>\n").encode()


def _atom(base: str) -> bytes:
    entries = "".join(f"<entry><title>tin {i}</title><link href=\"{escape(base + p)}\"/><id>{escape(base + p)}</id>"
                      f"<published>{d}</published><updated>{d}</updated></entry>\n"
                      for i, (p, d) in enumerate(ATOM_ITEMS))
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
            f"<title>Thời sự</title><id>{base}/atom.xml</id><updated>2025-03-12T09:00:00+07:00</updated>\n"
            f"{entries}</feed>\n").encode()


def _urlset(base: str, paths: list[str], news: bool) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    rows = []
    for i, p in enumerate(paths):
        extra = (f"<news:news><news:publication><news:name>Báo Thử nghiệm</news:name><news:language>vi"
                 f"</news:language></news:publication><news:publication_date>2025-02-1{i}</news:publication_date>"
                 f"<news:title>tin</news:title></news:news>") if news else "<lastmod>2025-04-09</lastmod>"
        rows.append(f"<url><loc>{base}{p}</loc>{extra}</url>")
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/"
            f"sitemap/0.9\"{ns}>\n" + "\n".join(rows) + "\n</urlset>\n").encode()


def _index(base: str) -> bytes:
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/"
            f"sitemap/0.9\"><sitemap><loc>{base}/sitemaps/news.xml.gz</loc></sitemap>"
            f"<sitemap><loc>{base}/sitemaps/pages.xml</loc></sitemap></sitemapindex>\n").encode()


def _section(base: str) -> bytes:
    links = "".join(f"<li><a href=\"{p}\">Tin {i}</a></li>" for i, p in enumerate(SECTION_LINKS))
    return (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>Thế giới</title></head><body>"
            f"<nav><a href=\"/\">Trang chủ</a> <a href=\"/the-gioi/\">Thế giới</a> <a href=\"/the-thao/\">Thể thao"
            f"</a> <a href=\"/tag/ngoai-giao\">Ngoại giao</a> <a href=\"/the-gioi/trang-2\">Trang 2</a></nav>"
            f"<ul class=\"list\">{links}</ul><a href=\"https://other.example/tin/bai-viet-cua-trang-khac-999.html\">"
            f"khác</a><footer><a href=\"/lien-he\">Liên hệ</a></footer></body></html>").encode()


class Site:
    def __init__(self, slow_seconds: float = SLOW_SECONDS):
        self.slow_seconds = slow_seconds
        self.log: list[tuple[float, str, int, int]] = []   # (monotonic time, path, status, bytes)
        self._lock = threading.Lock()
        self.reset()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # clients that hang up are expected
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def reset(self) -> None:
        """Forget the log and the one-time failures (500, 429), as a fresh site."""
        with self._lock:
            self.log = []
            self.hits: dict[str, int] = {}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def paths(self, status: int | None = None) -> list[str]:
        return [p for _, p, s, _ in self.log if status is None or s == status]

    # --------------------------------------------------------------- routes
    def route(self, path: str) -> tuple[int, dict, bytes]:
        """(status, headers, body) for a path; None body for the streamed 30 MB page."""
        base = self.base
        clean = path.split("?", 1)[0]
        hits = self.hits[clean] = self.hits.get(clean, 0) + 1
        if clean == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, (
                f"User-agent: *\nDisallow: /private/\n\nSitemap: {base}/sitemap-index.xml\n").encode()
        listings = {"/rss.xml": (_rss, "application/rss+xml"), "/atom.xml": (_atom, "application/atom+xml"),
                    "/sitemap-index.xml": (_index, "application/xml"), "/the-gioi/": (_section, "text/html")}
        if clean in listings:
            make, ct = listings[clean]
            return 200, {"Content-Type": ct}, make(base)
        if clean == "/sitemaps/news.xml.gz":
            return 200, {"Content-Type": "application/gzip"}, gzip.compress(_urlset(base, SITEMAP_NEWS, True), mtime=0)
        if clean == "/sitemaps/pages.xml":
            return 200, {"Content-Type": "application/xml"}, _urlset(base, SITEMAP_PAGES, False)
        if clean == "/broken.xml":
            return 200, {"Content-Type": "application/rss+xml"}, b"<?xml version=\"1.0\"?><rss><channel><item><title>x"
        if clean == "/cu/bo-truong-quoc-phong-tiep-tuy-vien-quan-su-cu.html":
            return 301, {"Location": "/chuyen/buoc-hai"}, b""
        if clean == "/chuyen/buoc-hai":
            return 302, {"Location": f"{base}/tin/{REDIRECT_TARGET}?utm_source=redirect"}, b""
        if clean.endswith("-slow.html"):  # the handler sleeps before answering
            return 200, {"Content-Type": "text/html; charset=utf-8", "X-Sleep": str(self.slow_seconds)}, \
                b"<html><body><p>muon</p></body></html>"
        if clean.endswith("-huge.html"):
            return 200, {"Content-Type": "text/html; charset=utf-8"}, None
        slug = clean.rsplit("/", 1)[-1]
        if clean.startswith(("/tin/", "/private/")) and slug in ARTICLES:
            if slug == FLAKY and hits == 1:
                return 500, {}, b"server error"
            if slug == BUSY and hits == 1:
                return 429, {"Retry-After": "1"}, b"slow down"
            html = article_html(slug)
            if slug == CP1258:
                return 200, {"Content-Type": "text/html; charset=windows-1258"}, to_cp1258(html)
            return 200, {"Content-Type": "text/html; charset=utf-8"}, html.encode()
        return 404, {"Content-Type": "text/plain"}, b"not found"

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet; the site keeps its own log
                pass

            def do_GET(self):
                arrived = time.monotonic()
                with site._lock:
                    status, headers, body = site.route(self.path)
                if "X-Sleep" in headers:
                    time.sleep(float(headers.pop("X-Sleep")))
                if body is None:  # the 30 MB page: no Content-Length, the client must count
                    sent = self._stream_huge()
                    with site._lock:
                        site.log.append((arrived, self.path, 200, sent))
                    return
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                with site._lock:  # logged before answering: the client may be done as soon as it has the answer
                    site.log.append((arrived, self.path, status, len(body)))
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if status in (200, 304):
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", formatdate(1735689600, usegmt=True))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _stream_huge(self) -> int:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                chunk = ("<p>" + "Nội dung rất dài. " * 3000 + "</p>\n").encode()
                sent = 0
                try:
                    self.wfile.write(b"<html><body>")
                    while sent < HUGE_BYTES:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return sent

        return Handler
