"""Load test of the web app: N concurrent keep-alive connections for D seconds
against the events API and person pages on a knowledge base of 100,000 events.

    PYTHONPATH=src python benchmarks/bench_api.py                # build the DB if needed, then 60 s x 32
    PYTHONPATH=src python benchmarks/bench_api.py --duration 10 --events 20000

The database is generated (synthetic articles made of our own sentence
templates, real store ingest) once and kept at --db. The server is the real
`ngoaigiao serve` in a subprocess; the client is a small asyncio HTTP/1.1
loop (cheaper than an HTTP library, so the server gets the CPU). Baseline in
the same run: a static file from the same server, to show what the framework
alone costs. Prints requests/s, p50/p99 latency and errors.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Hồng", "Quốc", "Thanh", "Đức", "Xuân", "Hữu", "Ngọc", "Anh", "Hoài"]
GIVEN = ["Sơn", "Hà", "Lâm", "Chính", "Trung", "Dũng", "Hải", "Long", "Nam", "Bình", "Phúc", "Tâm",
         "Quang", "Thắng", "Hùng", "Mai", "Lan", "Hương", "Tuấn", "Khải", "Vinh", "Thành", "Cường"]
FOREIGN = {"CN": (["Vương", "Lý", "Trương", "Lưu", "Trần", "Dương", "Hoàng", "Triệu"],
                  ["Nghị", "Cường", "Hy", "Ninh", "Ba", "Dũng", "Kiệt", "Bằng", "Hoa", "Lỗi"]),
           "LA": (["Sonexay", "Thongloun", "Saleumxay", "Khamphao", "Bounthong", "Phankham"],
                  ["Siphandone", "Sisoulith", "Kommasith", "Ernthavanh", "Chitmany", "Viphavanh"]),
           "JP": (["Kishida", "Kamikawa", "Yamada", "Suzuki", "Tanaka", "Ito"],
                  ["Fumio", "Yoko", "Takeshi", "Kenji", "Hiroshi", "Akira"]),
           "US": (["Antony", "Marc", "Daniel", "Janet", "Kurt", "Susan"],
                  ["Blinken", "Knapper", "Kritenbrink", "Yellen", "Campbell", "Rice"])}
TITLES_VN = ["Bộ trưởng Ngoại giao", "Thứ trưởng Ngoại giao", "Phó Thủ tướng", "Chủ tịch Quốc hội",
             "Bộ trưởng Công Thương", "Đại sứ Việt Nam", "Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]
TITLES_FOREIGN = ["Bộ trưởng Ngoại giao", "Đại sứ", "Thứ trưởng Ngoại giao", "Phó Chủ tịch", "Bộ trưởng Thương mại"]
TYPES = [("talks", "đã hội đàm với"), ("meeting", "đã tiếp"), ("phone_call", "đã điện đàm với"),
         ("video_call", "đã hội đàm trực tuyến với"), ("signing", "đã ký thỏa thuận hợp tác với"),
         ("message", "đã gửi điện mừng tới"), ("visit", "đã thăm chính thức và làm việc với"),
         ("other", "đã trao tặng quà cho")]
PLACES = ["Hà Nội", "Bắc Kinh", "Viêng Chăn", "Tokyo", "Washington", "Thành phố Hồ Chí Minh", "Đà Nẵng",
          "Nam Ninh", "Côn Minh", "Phnom Penh", "Jakarta", "Singapore"]
TOPICS = ["thương mại", "đầu tư", "giáo dục", "y tế", "năng lượng", "biên giới", "du lịch", "nông nghiệp",
          "khoa học", "quốc phòng", "văn hóa", "giao thông", "môi trường", "tài chính", "lao động", "an ninh"]


def make_people(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    seen, out = set(), []
    while len(out) < n:
        if rng.random() < 0.5:
            c, name = "VN", f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            title = rng.choice(TITLES_VN)
        else:
            c = rng.choice(list(FOREIGN))
            a, b = FOREIGN[c]
            name = f"{rng.choice(a)} {rng.choice(b)}" + (f" {rng.choice(GIVEN)}" if c == "CN" and rng.random() < .5 else "")
            title = rng.choice(TITLES_FOREIGN)
        if name not in seen:
            seen.add(name)
            out.append((name, c, title))
    return out


def make_record(rng: random.Random, i: int, people, per_article: int) -> dict:
    """One synthetic article with `per_article` events, each with its own sentence as evidence."""
    year = rng.randint(2014, 2025)
    month = rng.randint(1, 12)
    title = f"Bản tin đối ngoại số {i}"
    raw = title + "\n"
    events, persons = [], {}
    vn = [p for p in people if p[1] == "VN"]
    foreign = [p for p in people if p[1] != "VN"]
    for k in range(per_article):
        a, b = rng.choice(vn), rng.choice(foreign)
        day = rng.randint(1, 28)
        ty, verb = rng.choice(TYPES)
        place = rng.choice(PLACES)
        topic = ", ".join(rng.sample(TOPICS, 3))
        s = (f"Ngày {day}/{month}/{year}, tại {place}, {a[2]} {a[0]} {verb} {b[2]} {b[0]}; "
             f"hai bên trao đổi về {topic} (tin {i}-{k}).")
        start = len(raw)
        raw += s + "\n"
        events.append({"type": ty, "date": f"{year:04d}-{month:02d}-{day:02d}", "end_date": None, "place": place,
                       "participants": [a[0], b[0]], "countries": ["VN", b[1]], "documents": [],
                       "cameo": "040", "plover": "CONSULT", "confidence": 0.8, "part_of": None, "roles": {},
                       "evidence": [{"start": start, "end": start + len(s), "text": s}]})
        for p in (a, b):
            at = raw.index(p[0], start)
            persons.setdefault(p[0], {"name": p[0], "country": p[1], "titles": [p[2]], "zh": None, "pinyin": None,
                                      "name_source": None, "mentions": [], "title_evidence": []})
            persons[p[0]]["mentions"].append({"start": at, "end": at + len(p[0]), "text": p[0]})
    blocks, pos = [], 0
    for line in raw.split("\n"):
        if line:
            blocks.append({"start": pos, "end": pos + len(line), "kind": "title" if pos == 0 else "body",
                           "reason": None})
        pos += len(line) + 1
    return {"id": f"bench{i:06d}", "published": f"{year:04d}-{month:02d}-28", "title": title,
            "url": f"https://example.org/bench/{i}", "outlet": "Bench", "author": None, "source": None,
            "published_source": "dateline", "year_guess": None, "events": events,
            "persons": list(persons.values()), "blocks": blocks, "raw": raw}


def build(db: str, n_events: int, seed_events: int = 2000, per_article: int = 10, n_people: int = 1000) -> None:
    """`seed_events` go through the real store ingest (persons resolved, positions, search index);
    copies of those events with dates shifted month by month then fill up to `n_events`, in SQL,
    because the store ingests some articles per second on 2 busy cores and 100,000 events would
    take most of an hour. Copies keep their participants and source reports, so every page works."""
    import sqlite3

    from ngoaigiao.store import open_store
    rng = random.Random(42)
    people = make_people(rng, n_people)
    store = open_store(db)
    have = store.stats()["counts"]["events"]
    i = store.stats()["counts"]["articles"]
    t0 = time.time()
    while have < min(seed_events, n_events):
        store.ingest_record(make_record(rng, i, people, per_article))
        i += 1
        have = store.db.scalar("SELECT count(*) FROM events")
        print(f"\rseeding {db}: {have:,} events, {i:,} articles ({i / (time.time() - t0):.1f} articles/s)",
              end="", file=sys.stderr, flush=True)
    store.close()
    con = sqlite3.connect(db)
    have = con.execute("SELECT count(*) FROM events").fetchone()[0]
    if have < n_events:
        print(f"\nreplicating the seed events up to {n_events:,} ...", file=sys.stderr)
        base_max = con.execute("SELECT max(id) FROM events").fetchone()[0]
        seed_ids = con.execute("SELECT count(*) FROM events WHERE id <= ?", (base_max,)).fetchone()[0]
        k = 1
        with con:
            while con.execute("SELECT count(*) FROM events").fetchone()[0] < n_events:
                off, shift = k * base_max, f"-{k} months"
                room = n_events - con.execute("SELECT count(*) FROM events").fetchone()[0]
                lim = min(room, seed_ids)
                con.execute(
                    "INSERT INTO events (id, type, cameo, plover, date, end_date, range_start, range_end, place,"
                    " part_of, confidence, n_sources) SELECT id + ?, type, cameo, plover, date(date, ?),"
                    " date(end_date, ?), date(range_start, ?), date(range_end, ?), place, NULL, confidence,"
                    " n_sources FROM events WHERE id <= ? ORDER BY id LIMIT ?",
                    (off, shift, shift, shift, shift, base_max, lim))
                for table, cols in (("event_participants", "person_id, name, side, role"),
                                    ("event_countries", "country"), ("event_documents", "name")):
                    con.execute(f"INSERT INTO {table} (event_id, {cols}) SELECT event_id + ?, {cols} FROM {table}"
                                f" WHERE event_id <= ? AND event_id + ? IN (SELECT id FROM events WHERE id > ?)",
                                (off, base_max, off, off))
                con.execute("INSERT INTO event_reports (event_id, article_id, idx, type, date, end_date, place,"
                            " part_of_idx, record, evidence) SELECT event_id + ?, article_id, idx, type, date,"
                            " end_date, place, part_of_idx, record, evidence FROM event_reports"
                            " WHERE event_id <= ? AND event_id + ? IN (SELECT id FROM events WHERE id > ?)",
                            (off, base_max, off, off))
                k += 1
        con.execute("ANALYZE")
    con.close()


# -- load ---------------------------------------------------------------------------

async def worker(host, port, paths, stop_at, lat, errors, rng):
    reader = writer = None
    while time.perf_counter() < stop_at:
        kind, path = paths(rng)
        req = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n".encode()
        t = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            writer.write(req)
            status_line = await reader.readline()
            status = int(status_line.split()[1])
            length, close = 0, False
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                k, _, v = line.decode("latin-1").partition(":")
                if k.lower() == "content-length":
                    length = int(v)
                elif k.lower() == "connection" and "close" in v.lower():
                    close = True
            await reader.readexactly(length)
            if close:
                writer.close()
                writer = None
            if status != 200:
                errors.append(f"{status} {path}")
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError) as exc:
            errors.append(f"{type(exc).__name__} {path}")
            writer = None
            continue
        lat.setdefault(kind, []).append(time.perf_counter() - t)


async def load(host, port, paths, seconds, conns):
    lat, errors = {}, []
    stop_at = time.perf_counter() + seconds
    t0 = time.perf_counter()
    await asyncio.gather(*(worker(host, port, paths, stop_at, lat, errors, random.Random(i)) for i in range(conns)))
    return lat, errors, time.perf_counter() - t0


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000 if xs else float("nan")


def report(name, lat, errors, elapsed):
    allx = [x for v in lat.values() for x in v]
    n = len(allx)
    print(f"{name}: {n:,} requests in {elapsed:.1f} s = {n / elapsed:,.0f} req/s, "
          f"p50 {pct(allx, .5):.1f} ms, p99 {pct(allx, .99):.1f} ms, errors {len(errors)}")
    for kind, xs in sorted(lat.items()):
        print(f"    {kind:<22} {len(xs):>8,} req  p50 {pct(xs, .5):6.1f} ms  p99 {pct(xs, .99):6.1f} ms")
    if errors:
        print("    first errors:", errors[:5])
    return n / elapsed, pct(allx, .99)


def run_pages(port, seconds, conns, types, countries, person_ids) -> None:
    """The analyst's filtered views: the events page with its facets (random filters, so
    mostly different views), the range chart, the map, facet-filtered persons and articles."""
    levels = ["party", "state", "government", "assembly", "ministry", "province"]
    names = ["Trung Quốc", "China", "Lào", "Nhật Bản", "Hoa Kỳ"]

    def views(rng):
        r = rng.random()
        y = rng.randint(2014, 2025)
        if r < 0.45:
            q = rng.choice([
                f"?type={rng.choice(types)}&type={rng.choice(types)}&page={rng.randint(1, 20)}",
                f"?country={rng.choice(names)}&level={rng.choice(levels)}",
                f"?country={rng.choice(countries)}&since={y}-01-01&until={y}-12-31&sort=sources",
                f"?place={rng.choice(['Tokyo', 'Hà Nội', 'Bắc Kinh', 'Singapore'])}&type={rng.choice(types)}",
                f"?person={rng.choice(person_ids)}",
                f"?level={rng.choice(levels)}&sources=1&page={rng.randint(1, 50)}",
            ])
            return "events page + facets", "/events" + q
        if r < 0.6:
            return "timeline (range chart)", (f"/timeline?country=VN&country={rng.choice(countries)}&match=all"
                                              f"&since={y}-01-01&by={rng.choice(['type', 'country'])}")
        if r < 0.7:
            return "map", f"/map?type={rng.choice(types)}&since={y}"
        if r < 0.8:
            return "api/facets", f"/api/facets?country={rng.choice(countries)}&type={rng.choice(types)}"
        if r < 0.9:
            return "persons + facets", f"/persons?country={rng.choice(countries)}&level={rng.choice(levels)}"
        return "articles + facets", f"/articles?year={y}&page={rng.randint(1, 5)}"

    from urllib.parse import quote

    def quoted(rng):
        kind, path = views(rng)
        return kind, quote(path, safe="/?&=+,")

    # The first request of each worker process builds its in-memory event index: not measured.
    warm, _, _ = asyncio.run(load("127.0.0.1", port, lambda rng: ("warm-up", "/events"), 8, 4))
    lat, errors, elapsed = asyncio.run(load("127.0.0.1", port, quoted, seconds, conns))
    _, p99 = report(f"filtered pages ({conns} connections, {seconds:.0f} s)", lat, errors, elapsed)
    worst = max(pct(xs, .99) for xs in lat.values()) if lat else float("nan")
    print(f"target (every page p99 < 100 ms, 0 errors): {'met' if worst < 100 and not errors else 'NOT met'}"
          f" (worst page p99 {worst:.1f} ms)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=str(REPO / "benchmarks" / "out" / "bench_api.db"))
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--baseline-duration", type=float, default=5)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--serve-args", default="", help="extra arguments for `ngoaigiao serve`")
    ap.add_argument("--pages-duration", type=float, default=None,
                    help="seconds of the filtered-pages load (events with facets, timeline, map, persons, "
                         "articles, downloads); default --duration, 0 to skip")
    ap.add_argument("--no-cache", action="store_true", help="run the server with NGOAIGIAO_WEB_CACHE=0 "
                                                               "(every request computed)")
    args = ap.parse_args(argv)

    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    build(args.db, args.events)
    from ngoaigiao.store import open_store
    st = open_store(args.db)
    counts = st.stats()["counts"]
    person_ids = [r["id"] for r in st.query_persons(limit=200)[0]]
    st.close()
    print(f"database: {counts['events']:,} events, {counts['persons']:,} persons, {counts['articles']:,} articles")

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    if args.no_cache:
        env["NGOAIGIAO_WEB_CACHE"] = "0"
    server = subprocess.Popen([sys.executable, "-m", "ngoaigiao", "serve", "--db", args.db, "--port", str(port),
                               *args.serve_args.split()], env=env)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        types = ["talks", "meeting", "phone_call", "visit", "signing"]
        countries = ["CN", "LA", "JP", "US"]

        def mixed(rng):
            r = rng.random()
            if r < 0.5:  # the events API, with the filters an analyst uses
                q = rng.choice([
                    f"?limit=50&offset={rng.randrange(0, 2000, 50)}",
                    f"?type={rng.choice(types)}&limit=50",
                    f"?country={rng.choice(countries)}&sort=date&order=asc&limit=50",
                    "?since={}-01-01&until={}-12-31&limit=20".format(*sorted(rng.sample(range(2014, 2026), 2))),
                    f"?person={rng.choice(person_ids)}&limit=50",
                ])
                return "api/events", "/api/events" + q
            return "person page (HTML)", f"/persons/{rng.choice(person_ids)}"

        base_lat, base_err, base_t = asyncio.run(load("127.0.0.1", port, lambda rng: ("static file", "/static/favicon.svg"),
                                                      args.baseline_duration, args.connections))
        base_rps, _ = report("baseline (static file)", base_lat, base_err, base_t)
        lat, errors, elapsed = asyncio.run(load("127.0.0.1", port, mixed, args.duration, args.connections))
        rps, p99 = report(f"mixed load ({args.connections} connections, {args.duration:.0f} s)", lat, errors, elapsed)
        print(f"ratio to baseline: {rps / base_rps:.2f}x of static-file throughput")
        ok = rps >= 300 and p99 < 100 and not errors
        print(f"target (>= 300 req/s, p99 < 100 ms, 0 errors): {'met' if ok else 'NOT met'}")
        pages_s = args.duration if args.pages_duration is None else args.pages_duration
        if pages_s:
            run_pages(port, pages_s, args.connections, types, countries, person_ids)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
