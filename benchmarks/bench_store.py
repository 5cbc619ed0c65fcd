"""Knowledge-base benchmark (run by hand):

1. ingest rate, articles/s on one core including extraction (target >= 200),
   over the shared corpus (seeds + dev + dev2) ingested into fresh databases,
   one transaction per article and --batch articles per transaction (as the
   CLI does); the baseline is extraction alone in the same run;
2. query latency on a generated database of 1,000,000 events and 50,000
   persons: p50/p95 of `get_person` and of a filtered `query_events`
   (target p95 < 50 ms on SQLite); the baseline is a primary-key lookup.

    PYTHONPATH=src python benchmarks/bench_store.py [--events 1000000] [--persons 50000]
        [--db /tmp/bench.db] [--reuse] [--corpus ../shared/corpus] [--pg URL] [--batch 50]
    PYTHONPATH=src taskset -c 1 python benchmarks/bench_store.py --ingest-only --rounds 5   # ingest alone
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ngoaigiao import resolve
from ngoaigiao.store import open_store

TYPES = ["talks", "meeting", "phone_call", "video_call", "visit", "signing", "message", "other"]
TYPE_WEIGHTS = [15, 35, 8, 3, 15, 8, 8, 8]
COUNTRIES = ["CN", "LA", "KH", "US", "JP", "KR", "RU", "IN", "TH", "SG", "AU", "FR", "DE", "CU", "ID", "MY"]
COUNTRY_WEIGHTS = [30, 10, 8, 8, 7, 6, 5, 4, 4, 3, 3, 3, 3, 2, 2, 2]
SYLLABLES = ("Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý Văn Thị Minh Hoài Trung Quốc Thanh Sơn Hà Vĩ "
             "Tập Cận Bình Vương Nghị Lưu Kiến Siêu Tống Đào Triệu Lạc Tế Hồng Lan Phúc Lâm Cường Chính Mai").split()
TITLES = ["Bộ trưởng Ngoại giao", "Thứ trưởng", "Đại sứ", "Chủ tịch", "Phó Chủ tịch", "Bí thư Tỉnh ủy",
          "Trưởng Ban Đối ngoại Trung ương", "Thủ tướng", "Tổng Bí thư", "Chủ tịch Quốc hội"]


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


# ------------------------------------------------------------------ ingest
def _fresh(path: str):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return open_store(path)


def _count_sql(store, pages, batch: int) -> tuple[float, float]:
    """(statements SQLite ran, calls the store made) per article, for one batched ingest:
    every executemany row and every statement of a trigger counts as a statement run."""
    from ngoaigiao.pipeline import process

    runs = [0]
    calls = [0]
    store.db.conn.set_trace_callback(lambda _sql: runs.__setitem__(0, runs[0] + 1))
    execute, executemany = store.db.execute, store.db.executemany

    def counted(fn):
        def call(*a, **kw):
            calls[0] += 1
            return fn(*a, **kw)
        return call

    store.db.execute, store.db.executemany = counted(execute), counted(executemany)
    records = [process(data, id=stem, source=src).to_record(with_text=True) for stem, data, src in pages]
    for i in range(0, len(records), batch):
        store.ingest_batch(records[i:i + batch])
    store.db.conn.set_trace_callback(None)
    store.db.execute, store.db.executemany = execute, executemany
    return runs[0] / len(pages), calls[0] / len(pages)


def bench_ingest(corpus: Path, rounds: int, batch: int = 50) -> None:
    """Rounds interleaved (extraction alone, batched ingest, one transaction per article),
    after a warm-up round (data files and name tables load lazily); medians printed. In the
    batched ingest the time inside `ingest_batch` is the store's own (wall and CPU)."""
    from ngoaigiao.pipeline import process

    files = sorted(p for d in ("seeds", "dev", "dev2") for p in (corpus / d).glob("*.txt"))
    if not files:
        print(f"ingest: no corpus at {corpus}; skipped")
        return
    pages = [(f.stem, f.read_bytes(), str(f)) for f in files]
    n = len(pages)
    resolve.minhash_signature("warm up")  # datasketch import is start-up cost, not per article
    base, batched, single, store_wall, store_cpu, again = [], [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds + 1):  # round 0 warms up and is not counted
            t0 = time.perf_counter()
            for stem, data, src in pages:
                process(data, id=stem, source=src)
            t_base = time.perf_counter() - t0
            # Batched, as `ngoaigiao ingest` writes: --batch articles per transaction.
            store = _fresh(os.path.join(tmp, "batch.db"))
            in_store = in_store_cpu = 0.0
            t0 = time.perf_counter()
            for i in range(0, n, batch):
                recs = [process(data, id=stem, source=src).to_record(with_text=True)
                        for stem, data, src in pages[i:i + batch]]
                w0, c0 = time.perf_counter(), time.process_time()
                store.ingest_batch(recs)
                in_store += time.perf_counter() - w0
                in_store_cpu += time.process_time() - c0
            t_batch = time.perf_counter() - t0
            store.close()
            store = _fresh(os.path.join(tmp, "single.db"))
            t0 = time.perf_counter()
            for stem, data, src in pages:
                store.ingest_article(process(data, id=stem, source=src))
            t_single = time.perf_counter() - t0
            # Unchanged re-ingest (the idempotent path).
            t0 = time.perf_counter()
            for stem, data, src in pages:
                store.ingest_article(process(data, id=stem, source=src))
            t_again = time.perf_counter() - t0
            store.close()
            if r:
                base.append(n / t_base)
                batched.append(n / t_batch)
                single.append(n / t_single)
                again.append(n / t_again)
                store_wall.append(in_store * 1000 / n)
                store_cpu.append(in_store_cpu * 1000 / n)
        runs, calls = _count_sql(_fresh(os.path.join(tmp, "count.db")), pages, batch)
    med = statistics.median
    b = med(base)
    print(f"ingest: {n} corpus articles x {rounds} rounds (fresh databases, after a warm-up round; medians)")
    print(f"  extraction only (baseline) {b:8.0f} articles/s")
    print(f"  extraction + store         {med(single):8.0f} articles/s   ({med(single) / b:.2f} x baseline),"
          " one transaction each")
    print(f"  extraction + store, batch  {med(batched):8.0f} articles/s   ({med(batched) / b:.2f} x baseline;"
          f" target >= 200), {batch} per transaction")
    print(f"  store alone, batch         {1000 / med(store_wall):8.0f} articles/s   ({med(store_wall):.2f} ms per"
          f" article, {med(store_cpu):.2f} ms CPU; {runs:.0f} SQL statements run, {calls:.0f} calls per article)")
    print(f"  re-ingest unchanged        {med(again):8.0f} articles/s")


# ---------------------------------------------------------------- generate
def generate(store, n_events: int, n_persons: int, seed: int = 7) -> None:
    """Fill a fresh store with synthetic persons, positions and events (executemany, one transaction)."""
    rnd = random.Random(seed)
    db = store.db
    t0 = time.perf_counter()
    persons, aliases, positions, countries = [], [], [], {}
    for pid in range(1, n_persons + 1):
        name = " ".join(rnd.choice(SYLLABLES) for _ in range(3)) + f" {pid}"
        c = "VN" if pid % 2 else rnd.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]
        countries[pid] = c
        k = resolve.name_key(name)
        persons.append((pid, name, k, c, 1))
        aliases.append((pid, name, k, resolve.fold(k), 1))
        for j in range(rnd.randint(1, 3)):
            y = 2010 + rnd.randint(0, 14)
            t = TITLES[(pid + j) % len(TITLES)]
            positions.append((pid, t, resolve.title_key(t) + f" {j}", f"{y}-01-05", f"{y + rnd.randint(0, 3)}-06-30",
                              2, "[]"))

    def participant():
        # Skewed: a few leaders meet very often, most people rarely.
        return 1 + int(n_persons * rnd.random() ** 2.2) % n_persons

    # Bulk load: indexes dropped and rebuilt afterwards, no fsync (a benchmark database).
    from ngoaigiao.store import schema
    index_sql = [st for v in range(1, schema.CURRENT_VERSION + 1)
                 for st in schema.migration_statements(v, db.dialect) if st.startswith("CREATE INDEX")]
    for st in index_sql:
        db.execute("DROP INDEX IF EXISTS " + st.split()[5])
    if db.dialect == "sqlite":
        db.execute("PRAGMA synchronous=OFF")
    with db.transaction():
        db.executemany("INSERT INTO persons (id, name, name_key, country, n_articles) VALUES (?,?,?,?,?)", persons)
        db.executemany("INSERT INTO person_aliases (person_id, alias, alias_key, alias_fold, n) VALUES (?,?,?,?,?)",
                       aliases)
        db.executemany("INSERT INTO positions (person_id, title, title_key, first_seen, last_seen, n, sources)"
                       " VALUES (?,?,?,?,?,?,?)", positions)
        batch = 100_000
        for start in range(1, n_events + 1, batch):
            evs, parts, ecs = [], [], []
            for eid in range(start, min(start + batch, n_events + 1)):
                y, m, d = 2005 + rnd.randint(0, 20), rnd.randint(1, 12), rnd.randint(1, 28)
                date = f"{y}-{m:02d}-{d:02d}"
                ty = rnd.choices(TYPES, TYPE_WEIGHTS)[0]
                evs.append((eid, ty, date, date, date, rnd.choice(["Hà Nội", "Bắc Kinh", "Viêng Chăn", None]), 1))
                cur = (ty, date)
                a = participant()
                b = participant()
                while b == a:
                    b = participant()
                ps = {a, b}
                if rnd.random() < 0.3:
                    ps.add(participant())
                for p in ps:
                    parts.append((eid, p, persons[p - 1][1], countries[p], date))
                for c in {countries[p] for p in ps} | {"VN"}:
                    ecs.append((eid, c, *cur))
            db.executemany("INSERT INTO events (id, type, date, range_start, range_end, place, n_sources)"
                           " VALUES (?,?,?,?,?,?,?)", evs)
            db.executemany("INSERT INTO event_participants (event_id, person_id, name, side, date)"
                           " VALUES (?,?,?,?,?)", parts)
            db.executemany("INSERT INTO event_countries (event_id, country, type, date) VALUES (?,?,?,?)", ecs)
            print(f"  generated {min(start + batch - 1, n_events):,} events", file=sys.stderr)
    with db.transaction():
        db.execute("INSERT INTO person_counterparts (person_id, other_id, n) SELECT a.person_id, b.person_id,"
                    " count(*) FROM event_participants a JOIN event_participants b ON b.event_id = a.event_id"
                    " AND b.person_id <> a.person_id GROUP BY a.person_id, b.person_id")
        for st in index_sql:
            db.execute(st)
    if db.dialect == "sqlite":
        db.execute("PRAGMA synchronous=NORMAL")
    db.execute("ANALYZE")  # both dialects: fresh statistics for the planner
    print(f"generate: {n_events:,} events, {n_persons:,} persons in {time.perf_counter() - t0:.0f} s")


def timed(fn, args_list):
    out = []
    for a in args_list:
        t0 = time.perf_counter()
        fn(*a)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def bench_queries(store, n_persons: int, n: int = 300) -> None:
    rnd = random.Random(11)
    # Names as a user types them: half without diacritics.
    names = []
    for _ in range(n):
        pid = 1 + int(n_persons * rnd.random() ** 2.2) % n_persons
        name = store.db.scalar("SELECT name FROM persons WHERE id = ?", (pid,))
        names.append((resolve.fold(name) if rnd.random() < 0.5 else name,))
    filters = []
    for _ in range(n):
        y = 2005 + rnd.randint(0, 18)
        filters.append((rnd.choices(COUNTRIES, COUNTRY_WEIGHTS)[0], rnd.choice(TYPES), f"{y}-01-01",
                        f"{y + rnd.randint(0, 2)}-12-31"))
    ids = [(rnd.randint(1, 1000),) for _ in range(n)]
    store.get_person(names[0][0])  # warm the cache
    base = timed(lambda i: store.db.one("SELECT * FROM events WHERE id = ?", (i,)), ids)
    person = timed(lambda nm: store.get_person(nm), names)
    events = timed(lambda c, t, s, u: store.query_events(country=c, type=t, since=s, until=u, limit=50), filters)
    busiest = store.db.scalar("SELECT person_id FROM event_participants GROUP BY person_id ORDER BY count(*) DESC"
                              " LIMIT 1")
    top = timed(lambda: store.get_person(busiest), [()] * 20)
    print(f"queries ({n} each, {store.db.dialect}):")
    print(f"  baseline pk lookup          p50 {pct(base, 50):7.2f} ms  p95 {pct(base, 95):7.2f} ms")
    for label, xs in (("person (name, any spelling)", person), ("events country+type+dates", events),
                      ("person, the busiest one", top)):
        print(f"  {label:<27} p50 {pct(xs, 50):7.2f} ms  p95 {pct(xs, 95):7.2f} ms   "
              f"(p95 {pct(xs, 95) / max(pct(base, 95), 1e-6):.0f} x baseline; target p95 < 50 ms)")
    print(f"  mean person {statistics.mean(person):.2f} ms, mean events {statistics.mean(events):.2f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--persons", type=int, default=50_000)
    ap.add_argument("--db", default=os.path.join(tempfile.gettempdir(), "ngoaigiao-bench.db"))
    ap.add_argument("--reuse", action="store_true", help="reuse --db if it exists (skip generation)")
    ap.add_argument("--pg", help="also run the queries against this (empty) PostgreSQL database")
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--batch", type=int, default=50, help="articles per transaction in the batched ingest")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--skip-queries", action="store_true", help="the ingest part alone (no 1M-event database)")
    ap.add_argument("--ingest-only", action="store_true", help="the same as --skip-queries")
    args = ap.parse_args()
    if not args.skip_ingest:
        corpus = Path(args.corpus)
        if not corpus.is_dir():
            corpus = Path("/work/shared/corpus")
        bench_ingest(corpus, args.rounds, args.batch)
    if args.skip_queries or args.ingest_only:
        return 0
    if not (args.reuse and os.path.exists(args.db)):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(args.db + suffix):
                os.remove(args.db + suffix)
        with open_store(args.db) as store:
            generate(store, args.events, args.persons)
    with open_store(args.db) as store:
        bench_queries(store, args.persons)
    if args.pg:
        with open_store(args.pg) as store:
            if not store.db.scalar("SELECT count(*) FROM events"):
                generate(store, args.events, args.persons)
            bench_queries(store, args.persons)
    return 0


if __name__ == "__main__":
    sys.exit(main())
