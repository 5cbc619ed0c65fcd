"""`ngoaigiao ingest/person/events/search/stats/export` as a user runs them."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from kb_support import make_record, table_dump
from test_store_faults import batch_records

from ngoaigiao.cli import main
from ngoaigiao.store import open_store

REPO = Path(__file__).resolve().parent.parent

PAGE_1 = ("Bộ trưởng Ngoại giao Bùi Thanh Sơn điện đàm với Bộ trưởng Ngoại giao Singapore\n"
          "16/04/2021 10:05\n"
          "Chiều 16/4, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã điện đàm với Bộ trưởng Ngoại giao Singapore "
          "Vivian Balakrishnan. Hai Bộ trưởng nhất trí tăng cường hợp tác ứng phó dịch bệnh.\n")
PAGE_2 = ("<html><head><title>Thứ trưởng Ngoại giao tiếp Đại sứ Ấn Độ</title></head><body>"
          "<p>Ngày 23/8/2019, Thứ trưởng Ngoại giao Hà Kim Ngọc tiếp Đại sứ Ấn Độ Pranay Verma tại Hà Nội.</p>"
          "</body></html>")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_files_dirs_jsonl_and_bad_inputs(tmp_path, capsys):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a1.txt").write_text(PAGE_1, encoding="utf-8")
    (pages / "a2.html").write_text(PAGE_2, encoding="utf-8")
    (pages / "empty.txt").write_bytes(b"")
    (pages / "latin1.txt").write_bytes("Hà Nội".encode("utf-16")[2:] + b"\xff\xfe\xfa")
    jl = tmp_path / "more.jsonl"
    jl.write_text(json.dumps({"url": "https://example.vn/x", "text": PAGE_1.replace("16/4", "17/4")},
                             ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    code, out, err = run(capsys, "ingest", str(pages), str(jl), str(tmp_path / "missing"), "--db", db)
    assert code == 1
    bad_lines = [ln for ln in err.splitlines() if not ln.startswith("ingest:")]
    assert len(bad_lines) == 4, err          # empty, undecodable, broken JSON line, missing path
    assert any("empty.txt" in ln for ln in bad_lines) and any("latin1.txt" in ln for ln in bad_lines)
    assert any("more.jsonl:2" in ln for ln in bad_lines) and any("missing" in ln for ln in bad_lines)
    assert "Traceback" not in err
    assert "ingest: " in err                 # progress/summary on stderr
    with open_store(db) as s:
        assert sorted(s.record_ids()) == sorted(["a1", "a2", _jsonl_id("https://example.vn/x")])
        before = table_dump(s)
    # Again: nothing changes; only the bad inputs fail again.
    code, _, _ = run(capsys, "ingest", str(pages), "--db", db)
    assert code == 1
    (pages / "empty.txt").unlink()
    (pages / "latin1.txt").unlink()
    assert run(capsys, "ingest", str(pages), "--db", db)[0] == 0
    with open_store(db) as s:
        assert table_dump(s) == before
    code, out, _ = run(capsys, "search", "bui thanh son", "--db", db, "--json")
    assert code == 0 and {a["id"] for a in json.loads(out)["articles"]} >= {"a1"}


def _jsonl_id(url):
    import hashlib
    return hashlib.sha1(url.encode()).hexdigest()[:16]


@pytest.fixture
def parquet_kb(tmp_path, capsys):
    """Records as the Spark job writes them (column record_json), ingested with --from-parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = batch_records(9)
    recs.append(make_record("lh", "Lê Hoài Trung tiếp Vương Nghị\nNgày 3/3, Trưởng Ban Đối ngoại Trung ương "
                                  "Lê Hoài Trung tiếp Bộ trưởng Ngoại giao Vương Nghị.", outlet="x.vn",
                            published="2023-03-03", persons=[("Lê Hoài Trung", "VN", ["Trưởng Ban Đối ngoại Trung ương"]),
                                                             ("Vương Nghị", "CN", ["Bộ trưởng Ngoại giao"])],
                            events=[{"type": "meeting", "date": "2023-03-03", "countries": ["VN", "CN"],
                                     "participants": ["Lê Hoài Trung", "Vương Nghị"]}]))
    out = tmp_path / "spark-out"   # partitioned by year and month, like `ngoaigiao spark extract`
    pq.write_to_dataset(pa.table({"id": [r["id"] for r in recs],
                                  "record_json": [json.dumps(r, ensure_ascii=False) for r in recs],
                                  "year": [int(r["published"][:4]) for r in recs],
                                  "month": [int(r["published"][5:7]) for r in recs]}),
                        out / "articles", partition_cols=["year", "month"])
    (out / "rejects").mkdir()
    db = str(tmp_path / "kb.db")
    code, _, err = run(capsys, "ingest", "--from-parquet", str(out), "--db", db)
    assert code == 0, err
    # no "n/10 inputs": the total is unknown while reading Parquet (a rate such as "210/s" may contain "10/")
    assert not re.search(r"\d+/\d+ inputs", err) and "ingest: 10 inputs, 0 failed" in err
    # The dataset itself may be named too; unreadable input is one line and exit 1.
    assert run(capsys, "ingest", "--from-parquet", str(out / "articles"), "--db", db)[0] == 0
    code, _, err = run(capsys, "ingest", "--from-parquet", str(tmp_path / "nothing-here"), "--db", db)
    assert code == 1 and "cannot read Parquet" in err
    return db


def test_person_events_search_stats_export(parquet_kb, tmp_path, capsys, monkeypatch):
    db = parquet_kb
    code, out, _ = run(capsys, "person", "le hoai trung", "--db", db)
    assert code == 0
    assert out.splitlines()[0].startswith("Lê Hoài Trung (VN)")
    assert "2023-03-03 .. 2023-03-03  Trưởng Ban Đối ngoại Trung ương" in out
    assert "Vương Nghị (CN)" in out
    code, out, _ = run(capsys, "person", "Tập Cận Bình", "--json", "--db", db)
    p = json.loads(out)
    assert p["country"] == "CN" and p["positions"][0]["title"] == "Chủ tịch nước Trung Quốc" and p["events"]
    assert run(capsys, "person", "Không Có Ai", "--db", db)[0] == 1

    monkeypatch.setenv("NGOAIGIAO_DB", db)    # --db is optional
    code, out, err = run(capsys, "events", "--country", "CN", "--person", "Tô Lâm", "--json")
    res = json.loads(out)
    assert code == 0 and res["total"] == len(res["events"]) > 0
    assert all(any(x["name"] == "Tô Lâm" for x in e["participants"]) for e in res["events"])
    code, out, err = run(capsys, "events", "--since", "2024-06-01", "--until", "2024-12-31", "--type", "meeting")
    assert code == 0 and out.strip() and all("2024-" in ln[:10] for ln in out.splitlines())
    code, out, _ = run(capsys, "search", "vuong nghi")
    assert code == 0 and "Vương Nghị (CN)" in out
    code, out, _ = run(capsys, "stats", "--check")
    assert code == 0 and "articles 10" in out
    code, out, _ = run(capsys, "export", "--format", "cameo")
    rows = out.splitlines()
    assert rows[0].startswith("date\tsource_actor\tsource_country\tcameo") and len(rows) > 1
    assert run(capsys, "export", "--format", "parquet", "--out", str(tmp_path / "pq"))[0] == 0
    assert (tmp_path / "pq" / "persons.parquet").exists()


def test_database_errors_are_one_line(tmp_path, capsys):
    bad = tmp_path / "notes.db"
    bad.write_text("plain notes\n" * 100, encoding="utf-8")
    for argv in (["stats"], ["person", "Tô Lâm"], ["ingest", str(bad)]):
        code, out, err = run(capsys, *argv, "--db", str(bad))
        assert code == 1
        assert err.strip().count("\n") == 0 and "not a ngoaigiao database" in err, err
    assert bad.read_text(encoding="utf-8") == "plain notes\n" * 100
    code, _, err = run(capsys, "ingest", str(bad), "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert code == 1 and "does not exist" in err and err.count("\n") == 1


def test_queries_do_not_create_a_database(tmp_path, capsys):
    """A mistyped --db is an error for person/events/search/stats/export, not a new empty file."""
    missing = tmp_path / "typo.db"
    for argv in (["stats"], ["person", "Tô Lâm"], ["events"], ["search", "to lam"],
                 ["export", "--format", "jsonl", "--out", str(tmp_path / "x.jsonl")]):
        code, out, err = run(capsys, *argv, "--db", str(missing))
        assert code == 1 and "no such database" in err and err.count("\n") == 1, (argv, err)
        assert not missing.exists()


def test_help_for_every_command():
    for cmd in ("ingest", "person", "events", "search", "stats", "export"):
        res = subprocess.run([sys.executable, "-m", "ngoaigiao", cmd, "--help"], capture_output=True, text=True,
                             env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
        assert res.returncode == 0 and "--db" in res.stdout
