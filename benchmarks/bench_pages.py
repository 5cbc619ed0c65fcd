"""Server time of each page, computed (the page cache off), in-process: no HTTP client
competing for the CPU, so the numbers say what a page costs the server.

    PYTHONPATH=src python benchmarks/bench_pages.py --db benchmarks/out/bench_api.db [--requests 40]

The app is called directly through ASGI, its handlers run in this thread, and each
request's CPU time (time.process_time) is kept; the URLs are bench_api.py's filtered
pages and its mixed load (random filters, mostly different views). Baseline in the
same run: the 404 page of an unknown event, which costs the framework, a template
and one indexed query. Prints p50/p90/max per page kind and the ratio of each p50
to the baseline's. Build the database with bench_api.py first.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent


def client(db: str):
    """get(path) -> (status, body) against a fresh app on `db`, handlers in this thread."""
    import fastapi.routing

    async def direct(func, *args, **kwargs):  # no thread hop: the CPU time is this thread's
        return func(*args, **kwargs)

    fastapi.routing.run_in_threadpool = direct
    from ngoaigiao.store import open_store
    from ngoaigiao.web.app import create_app

    store = open_store(db)
    app = create_app(store)
    loop = asyncio.new_event_loop()
    for hook in app.router.on_startup:
        result = hook()
        if asyncio.iscoroutine(result):
            loop.run_until_complete(result)

    def get(path: str) -> tuple[int, bytes]:
        p, _, q = path.partition("?")
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": p, "raw_path": p.encode(), "query_string": q.encode(),
                 "root_path": "", "headers": [(b"host", b"bench")], "client": ("127.0.0.1", 1),
                 "server": ("bench", 80)}
        out = {"status": 0, "body": []}

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            if message["type"] == "http.response.start":
                out["status"] = message["status"]
            elif message["type"] == "http.response.body":
                out["body"].append(message.get("body", b""))

        loop.run_until_complete(app(scope, receive, send))
        return out["status"], b"".join(out["body"])

    return store, get


def views(person_ids: list[int]):
    types = ["talks", "meeting", "phone_call", "visit", "signing"]
    countries = ["CN", "LA", "JP", "US"]
    levels = ["party", "state", "government", "assembly", "ministry", "province"]
    names = ["Trung Quốc", "China", "Lào", "Nhật Bản", "Hoa Kỳ"]
    places = ["Tokyo", "Hà Nội", "Bắc Kinh", "Singapore"]
    return {
        "events page + facets": lambda r: "/events" + r.choice([
            f"?type={r.choice(types)}&type={r.choice(types)}&page={r.randint(1, 20)}",
            f"?country={r.choice(names)}&level={r.choice(levels)}",
            f"?country={r.choice(countries)}&since={(y := r.randint(2014, 2025))}-01-01&until={y}-12-31&sort=sources",
            f"?place={r.choice(places)}&type={r.choice(types)}",
            f"?person={r.choice(person_ids)}",
            f"?level={r.choice(levels)}&sources=1&page={r.randint(1, 50)}"]),
        "timeline (range chart)": lambda r: (f"/timeline?country=VN&country={r.choice(countries)}&match=all"
                                             f"&since={r.randint(2014, 2025)}-01-01&by={r.choice(['type', 'country'])}"),
        "map": lambda r: f"/map?type={r.choice(types)}&since={r.randint(2014, 2025)}",
        "api/facets": lambda r: f"/api/facets?country={r.choice(countries)}&type={r.choice(types)}",
        "persons + facets": lambda r: f"/persons?country={r.choice(countries)}&level={r.choice(levels)}",
        "articles + facets": lambda r: f"/articles?year={r.randint(2014, 2025)}&page={r.randint(1, 5)}",
        "api/events": lambda r: "/api/events" + r.choice([
            f"?limit=50&offset={r.randrange(0, 2000, 50)}", f"?type={r.choice(types)}&limit=50",
            f"?country={r.choice(countries)}&sort=date&order=asc&limit=50", f"?person={r.choice(person_ids)}&limit=50"]),
        "person page (HTML)": lambda r: f"/persons/{r.choice(person_ids)}",
        "dashboard": lambda r: "/",
    }


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=str(REPO / "benchmarks" / "out" / "bench_api.db"))
    ap.add_argument("--requests", type=int, default=40, help="requests per page kind (default 40)")
    args = ap.parse_args(argv)
    if not Path(args.db).is_file():
        print(f"{args.db}: no such database (build it with benchmarks/bench_api.py)", file=sys.stderr)
        return 2
    os.environ["NGOAIGIAO_WEB_CACHE"] = "0"   # every page computed
    store, get = client(args.db)
    person_ids = [r["id"] for r in store.query_persons(limit=200)[0]]
    rng = random.Random(15)
    kinds = {"baseline (404 page)": lambda r: f"/events/{r.randint(10**9, 2 * 10**9)}", **views(person_ids)}
    results = {}
    for i, (kind, make) in enumerate(kinds.items(), 1):
        print(f"[{i}/{len(kinds)}] {kind} ...", end="\r", file=sys.stderr, flush=True)
        times = []
        for _ in range(args.requests):
            path = quote(make(rng), safe="/?&=+,")
            t = time.process_time()
            status, _ = get(path)
            times.append((time.process_time() - t) * 1000)
            if status != (404 if kind.startswith("baseline") else 200):
                print(f"\n{path}: status {status}", file=sys.stderr)
                return 1
        results[kind] = times
    base = pct(results["baseline (404 page)"], 0.5)
    print(f"server CPU per request, page cache off, {args.requests} requests per kind ({store.db.scalar('SELECT count(*) FROM events'):,} events)")
    for kind, xs in results.items():
        print(f"  {kind:<24} p50 {pct(xs, .5):6.2f} ms  p90 {pct(xs, .9):6.2f} ms  max {max(xs):6.2f} ms"
              f"  {pct(xs, .5) / base:5.1f}x baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
