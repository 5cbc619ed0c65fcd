"""Faults: schema upgrades, SIGKILL mid-batch, bad database files, read-only
paths and a full disk. Nothing already stored may be lost."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from kb_support import kb_url, make_record, pg_url, table_dump  # noqa: F401  (fixtures)

from ngoaigiao.store import StoreError, open_store, schema
from ngoaigiao.store.db import connect

REPO = Path(__file__).resolve().parent.parent

LEADERS = [("Tô Lâm", "VN", "Tổng Bí thư"), ("Phạm Minh Chính", "VN", "Thủ tướng"),
           ("Lương Cường", "VN", "Chủ tịch nước"), ("Tập Cận Bình", "CN", "Chủ tịch nước Trung Quốc"),
           ("Lý Cường", "CN", "Thủ tướng Quốc vụ viện"), ("Vương Nghị", "CN", "Bộ trưởng Ngoại giao")]
PLACES = ["Hà Nội", "Bắc Kinh", "Thượng Hải", "Nam Ninh", "Lạng Sơn", "Côn Minh", "Hạ Long"]
TOPICS = ["kết nối đường sắt khổ tiêu chuẩn", "thương mại nông sản qua cửa khẩu", "hợp tác giáo dục",
          "du lịch và giao lưu nhân dân", "quản lý biên giới trên đất liền", "năng lượng tái tạo"]


def batch_records(n: int) -> list[dict]:
    """n articles; every third reports the meeting of the article before it
    (another outlet, other words), so merges cross article boundaries."""
    recs = []
    for i in range(n):
        k = i - (i % 3 == 2)  # articles 3j+1 and 3j+2 report the same meeting
        vn, cn = LEADERS[k % 3], LEADERS[3 + (k // 3) % 3]
        day = f"2024-{1 + k % 12:02d}-{1 + k % 27:02d}"
        place, topic = PLACES[k % len(PLACES)], TOPICS[i % len(TOPICS)]
        text = (f"{vn[2]} {vn[0]} gặp {cn[2]} {cn[0]} (bài {i})\n"
                f"Ngày {int(day[8:])}/{int(day[5:7])}, tại {place}, {vn[2]} {vn[0]} đã gặp {cn[2]} {cn[0]}. "
                f"Hai bên trao đổi về {topic}, số {i} trong loạt bài, mã {uuid.UUID(int=i * 7919).hex}.")
        recs.append(make_record(f"r{i:03d}", text, outlet=f"outlet{i % 4}.vn", published=day,
                                persons=[(vn[0], vn[1], [vn[2]]), (cn[0], cn[1], [cn[2]])],
                                events=[{"type": "meeting", "date": day, "place": place,
                                         "participants": [vn[0], cn[0]], "countries": ["VN", "CN"]}]))
    return recs


def semantic_dump(store) -> dict:
    """The knowledge base without ids: what two equal histories must agree on."""
    events = sorted(json.dumps([e["date"], e["type"], e["place"], sorted(p["name"] for p in e["participants"]),
                                e["articles"]], ensure_ascii=False) for e in store.iter_events())
    persons = sorted(json.dumps([p["name"], p["country"], sorted(p["aliases"]),
                                 [(x["title"], x["first_seen"], x["last_seen"], x["sources"]) for x in p["positions"]]],
                                ensure_ascii=False) for p in store.iter_persons())
    return {"events": events, "persons": persons, "sources": sorted(store.record_ids())}


CHILD = """
import json, sys
from ngoaigiao.store import open_store
store = open_store(sys.argv[1])
for line in open(sys.argv[2], encoding="utf-8"):
    rec = json.loads(line)
    store.ingest_record(rec)
    print(rec["id"], flush=True)
store.close()
"""


def _run_child(url, jsonl, kill_after=None):
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.Popen([sys.executable, "-c", CHILD, url, str(jsonl)], stdout=subprocess.PIPE, text=True,
                            env=env)
    done = []
    for line in proc.stdout:
        done.append(line.strip())
        if kill_after is not None and len(done) >= kill_after:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    return proc.returncode, done


def test_sigkill_mid_batch_then_rerun(kb_url, tmp_path):  # noqa: F811
    recs = batch_records(45)
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    rc, done = _run_child(kb_url, jsonl, kill_after=17)
    assert rc == -signal.SIGKILL and len(done) == 17
    with open_store(kb_url) as s:
        assert s.check() == []
        stored = s.record_ids()
        # Everything reported done is there; at most the one in flight beyond it.
        assert set(done) <= set(stored) and len(stored) - len(done) <= 1
        for rid in stored:
            assert s.get_record(rid) == next(r for r in recs if r["id"] == rid)
    rc, done = _run_child(kb_url, jsonl)
    assert rc == 0 and len(done) == 45
    ref_url = str(tmp_path / "reference.db")
    with open_store(ref_url) as ref:
        for r in recs:
            ref.ingest_record(r)
        expected = semantic_dump(ref)
    with open_store(kb_url) as s:
        assert s.check() == []
        got = semantic_dump(s)
    assert got == expected
    assert len(got["events"]) == 30  # 45 articles, 15 pairs of reports merged


def _drop_to_v1(url):
    """Undo every migration after 1 (newest first): what is left is exactly what
    version 1 created, holding the data ingested."""
    db = connect(url)
    cascade = "" if db.dialect == "sqlite" else " CASCADE"
    for version in range(schema.CURRENT_VERSION, 1, -1):
        stmts = schema.migration_statements(version, db.dialect)
        for stmt in stmts:
            words = stmt.split()
            if stmt.startswith("CREATE INDEX"):
                db.execute(f"DROP INDEX IF EXISTS {words[5]}")
        for stmt in stmts:
            if stmt.startswith("ALTER TABLE") and "ADD COLUMN" in stmt:
                column = stmt.split("ADD COLUMN")[1].replace("IF NOT EXISTS", "").split()[0]
                db.execute(f"ALTER TABLE {stmt.split()[2]} DROP COLUMN {column}")
        for stmt in stmts:
            words = stmt.split()
            if stmt.startswith(("CREATE TABLE", "CREATE VIRTUAL TABLE")):
                db.execute(f"DROP TABLE IF EXISTS {words[words.index('EXISTS') + 1].split('(')[0]}{cascade}")
        db.execute("DELETE FROM schema_version WHERE version = ?", (version,))
    db.close()


def _tables(url):
    """Tables with their columns, and indexes: the shape of a schema."""
    db = connect(url)
    if db.dialect == "sqlite":
        names = [r["name"] for r in db.query(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%'")]
        shape = [f"{n}:{','.join(c['name'] for c in db.query(f'PRAGMA table_info({n})'))}" for n in names]
    else:
        rows = db.query("SELECT table_name AS t, string_agg(column_name, ',' ORDER BY ordinal_position) AS c"
                        " FROM information_schema.columns WHERE table_schema = current_schema() GROUP BY table_name")
        shape = [f"{r['t']}:{r['c']}" for r in rows] + [r["indexname"] for r in db.query(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")]
    db.close()
    return sorted(shape)


def test_version_1_database_opens_and_upgrades(kb_url, tmp_path):  # noqa: F811
    with open_store(kb_url) as s:
        for r in batch_records(6):
            s.ingest_record(r)
        before = semantic_dump(s)
        dump_before = table_dump(s)
    _drop_to_v1(kb_url)
    # What a fresh version-1 database looks like.
    v1_url = str(tmp_path / "v1.db") if not kb_url.startswith("postgres") else None
    if v1_url:
        db = connect(v1_url)
        schema.apply(db, target=1)
        db.close()
        assert _tables(kb_url) == _tables(v1_url)
    db = connect(kb_url)
    assert schema.current_version(db) == 1
    db.close()
    with open_store(kb_url) as s:
        assert s.schema_version_before == 1 and s.schema_version == schema.CURRENT_VERSION
        assert s.check() == []
        assert semantic_dump(s) == before
        assert table_dump(s) == dump_before        # derived tables rebuilt exactly
        assert s.search("tap can binh")["persons"]
        # The near-duplicate index was rebuilt too: a reprint joins its article.
        rep = dict(batch_records(1)[0], id="reprint")
        rep["raw"] = rep["raw"] + " (Theo TTXVN)"
        assert s.ingest_record(rep) == "r000"


def test_not_a_database(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"these are my notes, not SQLite\n" * 200)
    with pytest.raises(StoreError) as exc:
        open_store(str(bad))
    msg = str(exc.value)
    assert "\n" not in msg and str(bad) in msg and "not a ngoaigiao database" in msg
    assert bad.read_bytes() == b"these are my notes, not SQLite\n" * 200


def test_newer_schema_refused(tmp_path):
    url = str(tmp_path / "kb.db")
    open_store(url).close()
    db = connect(url)
    db.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 'future')")
    db.close()
    with pytest.raises(StoreError, match="newer ngoaigiao"):
        open_store(url)


def _try(cmd) -> bool:
    return subprocess.run(cmd, capture_output=True).returncode == 0


def _umount(path) -> None:
    # Lazy as a fallback: a failed test may still hold a file open there.
    _try(["umount", str(path)]) or _try(["umount", "-l", str(path)])


@pytest.fixture
def readonly_dir(tmp_path):
    """A directory whose files cannot be written: permissions for a normal user,
    a read-only bind mount for root (who ignores permissions)."""
    rw = tmp_path / "rw"
    rw.mkdir()
    ro = tmp_path / "ro"
    ro.mkdir()
    if os.geteuid() != 0:
        yield rw, lambda: (os.chmod(rw / "kb.db", 0o444), os.chmod(rw, 0o555)), rw
        os.chmod(rw, 0o755)
        return
    if not (_try(["mount", "--bind", str(rw), str(ro)]) and _try(["mount", "-o", "remount,bind,ro", str(ro)])):
        _try(["umount", str(ro)])
        pytest.skip("running as root and cannot make a read-only bind mount here")
    try:
        yield rw, lambda: None, ro
    finally:
        _umount(ro)


def test_read_only_database(readonly_dir):
    rw, make_ro, ro = readonly_dir
    with open_store(str(rw / "kb.db")) as s:
        for r in batch_records(3):
            s.ingest_record(r)
        before = semantic_dump(s)
    make_ro()
    with open_store(str(ro / "kb.db")) as s:
        assert semantic_dump(s) == before        # reading works
        with pytest.raises(StoreError) as exc:
            s.ingest_record(batch_records(4)[3])
        assert "read-only" in str(exc.value) and "\n" not in str(exc.value)
        assert semantic_dump(s) == before


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB filesystem when we may mount one (root); None otherwise."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if os.geteuid() == 0 and shutil.which("mount") and _try(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs",
                                                               str(mnt)]):
        try:
            yield mnt
        finally:
            _umount(mnt)
    else:
        yield None


def test_disk_full_keeps_what_was_stored(tiny_disk, tmp_path):
    folder = tiny_disk or tmp_path
    url = str(folder / "kb.db")
    s = open_store(url)
    try:
        _fill(s, tiny_disk, url)
    finally:
        s.close()


def _fill(s, tiny_disk, url):
    if tiny_disk is None:
        # No filesystem we can fill: cap the database instead (SQLITE_FULL all the same).
        pages = s.db.scalar("PRAGMA page_count")
        s.db.execute(f"PRAGMA max_page_count = {pages + 60}")
    stored, error = [], None
    filler = " ".join(f"câu {i} về hợp tác song phương mã {uuid.uuid4().hex}" for i in range(60))
    for r in batch_records(400):
        r["raw"] = r["raw"] + "\n" + filler
        try:
            s.ingest_record(r)
        except StoreError as exc:
            error = str(exc)
            break
        stored.append(r["id"])
    assert error is not None, "the disk never filled"
    assert "full" in error and "\n" not in error and len(stored) > 3
    assert s.check() == [] and s.record_ids() == stored
    with open_store(url) as again:
        assert again.record_ids() == stored and again.check() == []
        assert again.query_events()[1] > 0


def test_two_writers_at_once(kb_url, tmp_path):  # noqa: F811
    """Two ingest processes over the same batch: no duplicate article, person or event."""
    recs = batch_records(24)
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    open_store(kb_url).close()  # create the schema once, before the race
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, kb_url, str(jsonl)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with open_store(str(tmp_path / "reference.db")) as ref:
        for r in recs:
            ref.ingest_record(r)
        expected = semantic_dump(ref)
    with open_store(kb_url) as s:
        assert s.check() == [] and semantic_dump(s) == expected


@pytest.mark.postgres
def test_read_only_postgres(pg_url):  # noqa: F811
    with open_store(pg_url) as s:
        for r in batch_records(3):
            s.ingest_record(r)
        before = semantic_dump(s)
    ro_url = pg_url + "%20-cdefault_transaction_read_only%3Don"
    with open_store(ro_url) as s:
        assert semantic_dump(s) == before
        with pytest.raises(StoreError) as exc:
            s.ingest_record(batch_records(4)[3])
        assert "read-only" in str(exc.value) and "\n" not in str(exc.value)
    with open_store(pg_url) as s:
        assert semantic_dump(s) == before and s.check() == []


CHILD_BATCH = """
import json, sys
from ngoaigiao.store import open_store
store = open_store(sys.argv[1])
recs = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
for i in range(0, len(recs), 10):
    for rid, aid, exc in store.ingest_batch(recs[i:i + 10]):
        print(rid, "error" if exc else "ok", flush=True)
store.close()
"""


def test_sigkill_mid_batches_then_rerun(kb_url, tmp_path):  # noqa: F811
    """Ten articles per transaction: a kill loses only the batch in flight, whole,
    and the rerun stores everything once."""
    recs = batch_records(45)
    bad = dict(recs[13], raw=None)  # a record the store cannot take: its batch still goes in
    recs_in = recs[:13] + [bad] + recs[14:]
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs_in), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.Popen([sys.executable, "-c", CHILD_BATCH, kb_url, str(jsonl)], stdout=subprocess.PIPE,
                            text=True, env=env)
    done = []
    for line in proc.stdout:
        done.append(line.split())
        if len(done) >= 25:  # two and a half batches reported
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert [d for d in done if d[1] == "error"] == [["r013", "error"]]
    with open_store(kb_url) as s:
        assert s.check() == []
        stored = set(s.record_ids())
        # whole batches only: every batch reported, maybe the next ones in full, never part of one
        assert stored in [{r["id"] for r in recs[:10 * k]} - {"r013"} for k in range(3, 6)]
    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", CHILD_BATCH, kb_url, str(good)], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.count(" ok") == 45
    ref_url = str(tmp_path / "reference.db")
    with open_store(ref_url) as ref:
        for r in recs:
            ref.ingest_record(r)
        expected = semantic_dump(ref)
    with open_store(kb_url) as s:
        assert s.check() == []
        assert semantic_dump(s) == expected
