"""Follow benchmark (run by hand): pages per minute from a loopback web server through to
the database, against plain `ingest` of the same pages from disk, measured in the same run.

The pages are the shared corpus's texts (seeds, dev, dev2) rendered at run time into
one news-site HTML layout (menu, breadcrumb, related links, comments, footer), served
by a threaded HTTP server on 127.0.0.1 with a sitemap listing them all. The follow
run uses a politeness delay of 0 (the default of 1 s would measure the delay) and
ingests every page (no relevance test), so both sides store the same articles;
a second follow figure with the relevance test on is printed too.

    PYTHONPATH=src python benchmarks/bench_follow.py [--corpus ../shared/corpus] [--copies 1] [--rounds 3]
"""
from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import time
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ngoaigiao.follow import state
from ngoaigiao.follow.fetch import Politeness
from ngoaigiao.follow.run import RunOptions, run_once
from ngoaigiao.store import open_store

MENU = "".join(f'<li><a href="/muc/{i}">{m}</a></li>' for i, m in enumerate(
    ["Trang chủ", "Thời sự", "Thế giới", "Kinh tế", "Văn hóa", "Thể thao"]))
RELATED = "".join(f'<li><a href="/tin/lien-quan-{i}.html">{t}</a></li>' for i, t in enumerate(
    ["Thủ tướng tiếp Đại sứ Nhật Bản", "Giá vàng hôm nay tăng mạnh", "Dự báo thời tiết cuối tuần"]))


def render(title: str, text: str) -> bytes:
    paras = "".join(f"<p>{escape(p.strip())}</p>\n" for p in text.split("\n") if p.strip() and p.strip() != title)
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
            f'<body><nav><ul>{MENU}</ul></nav><div class="breadcrumb">Trang chủ » Thế giới</div>'
            f'<article><h1>{escape(title)}</h1>{paras}</article><aside><h3>Tin liên quan</h3><ul>{RELATED}</ul>'
            f'</aside><section class="comments"><p>Bạn đọc: bài viết hay.</p></section>'
            f'<footer>Báo Thử nghiệm, Hà Nội</footer></body></html>').encode()


def pages(corpus: Path, copies: int) -> dict[str, bytes]:
    out = {}
    for sub in ("seeds", "dev", "dev2"):
        for txt in sorted((corpus / sub).glob("*.txt")):
            gold = txt.parent / f"{txt.stem}.gold.json"
            text = txt.read_text(encoding="utf-8")
            title = (json.loads(gold.read_text(encoding="utf-8")).get("title") if gold.exists() else None) \
                or text.strip().split("\n", 1)[0]
            for c in range(copies):
                out[f"/tin/{sub}-{txt.stem}-ban-{c}-bai-viet.html"] = render(title, text + ("\n" + "Bản %d." % c) * c)
    return out


def serve(site: dict[str, bytes]):
    """The site in its own process (as a real server is: not competing for this one's GIL)."""
    import multiprocessing

    ready = multiprocessing.Queue()
    proc = multiprocessing.get_context("fork").Process(target=_serve, args=(site, ready), daemon=True)
    proc.start()
    return proc, ready.get(timeout=30)


def _serve(site: dict[str, bytes], ready) -> None:
    server, base = _server(site)
    site["/sitemap.xml"] = sitemap(site, base)
    ready.put(base)
    server.serve_forever()


def sitemap(site: dict[str, bytes], base: str) -> bytes:
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{base}{p}</loc></url>" for p in sorted(site) if p.startswith("/tin/"))
            + "</urlset>").encode()


def _server(site: dict[str, bytes]):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def setup(self):
            super().setup()
            # headers and body go out as two writes: without this, Nagle's algorithm and the
            # client's delayed ACK add tens of milliseconds to every response
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self):
            body = site.get(self.path.split("?")[0])
            status = 200 if body is not None else 404
            body = body if body is not None else b"not found"
            self.send_response(status)
            self.send_header("Content-Type", "application/xml" if self.path.endswith(".xml") else "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def follow_rate(base: str, db: Path, n: int, relevance: bool) -> tuple[float, int]:
    store = open_store(str(db))
    state.ensure(store.db)
    state.add_source(store.db, "bench", base + "/sitemap.xml")
    t0 = time.perf_counter()
    reports = run_once(store, RunOptions(Politeness(delay=0.0), relevance_filter=relevance))
    dt = time.perf_counter() - t0
    stored = sum(r.stored for r in reports)
    assert sum(r.fetched for r in reports) == n, reports
    store.close()
    return n / dt * 60, stored


def ingest_rate(folder: Path, db: Path, n: int) -> float:
    """`ngoaigiao ingest folder --db db`, its loop without the progress line."""
    from ngoaigiao.pipeline import process
    from ngoaigiao.store.walk import Item, iter_inputs

    store = open_store(str(db))
    t0 = time.perf_counter()
    done = 0
    for item in iter_inputs([str(folder)]):
        if isinstance(item, Item):
            store.ingest_article(process(item.data, id=item.id, source=item.source, url=item.url))
            done += 1
    dt = time.perf_counter() - t0
    store.close()
    assert done == n, (done, n)
    return n / dt * 60


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"))
    ap.add_argument("--copies", type=int, default=1, help="versions of each page (different URLs and endings)")
    ap.add_argument("--rounds", type=int, default=3, help="measure each side this many times, keep the best")
    args = ap.parse_args()
    site = pages(Path(args.corpus), args.copies)
    if not site:
        print(f"no corpus texts under {args.corpus}", file=sys.stderr)
        return 2
    n = len(site)
    server, base = serve(site)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "pages"
        folder.mkdir()
        for p, body in site.items():
            if p.startswith("/tin/"):
                (folder / p.rsplit("/", 1)[-1]).write_bytes(body)
        # Warm up imports (datasketch pulls in scipy: seconds) and lexicons for every side alike.
        from ngoaigiao.pipeline import process
        warm = open_store(str(tmp / "warm.db"))
        warm.ingest_article(process(next(iter(site.values())), id="warm", source="warm.html"))
        warm.close()
        # Best of --rounds, sides interleaved: the machine is shared, the best round is the least disturbed.
        base_rate = follow_all = follow_rel = 0.0
        for r in range(args.rounds):
            base_rate = max(base_rate, ingest_rate(folder, tmp / f"ingest{r}.db", n))
            rate, stored_all = follow_rate(base, tmp / f"follow{r}.db", n, relevance=False)
            follow_all = max(follow_all, rate)
            rate, stored_rel = follow_rate(base, tmp / f"follow-rel{r}.db", n, relevance=True)
            follow_rel = max(follow_rel, rate)
    server.terminate()
    print(f"pages: {n} (HTML, {sum(len(b) for p, b in site.items() if p.startswith('/tin/')) / n / 1024:.1f} kB each on average)")
    print(f"ingest from disk (baseline):           {base_rate:8.0f} pages/min")
    print(f"follow, loopback, delay 0, all pages:  {follow_all:8.0f} pages/min  ({follow_all / base_rate:.2f}x baseline, "
          f"{stored_all} stored)")
    print(f"follow, loopback, delay 0, relevance:  {follow_rel:8.0f} pages/min  ({follow_rel / base_rate:.2f}x baseline, "
          f"{stored_rel} stored, {n - stored_rel} skipped as irrelevant or unreadable)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
