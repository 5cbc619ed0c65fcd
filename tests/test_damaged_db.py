"""A SQLite file with flipped bytes (issue 13): `stats --check` exits 1, writers refuse
it and write nothing, readers give one line, the web app answers 503."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_store_faults import batch_records

from ngoaigiao.cli import main
from ngoaigiao.store import open_store
from ngoaigiao.store.integrity import file_problems
from ngoaigiao.web import create_app

PAGE = ("Chủ tịch nước Lương Cường tiếp Đại sứ Nhật Bản\n"
        "Hà Nội, 9/9/2024\n"
        "Ngày 9/9, tại Hà Nội, Chủ tịch nước Lương Cường đã tiếp Đại sứ Nhật Bản Ito Naoki. "
        "Hai bên trao đổi về hợp tác đầu tư và giao lưu nhân dân giữa hai nước.\n")


def flip_bytes(path: Path) -> None:
    """Damage the second half: record bytes at the end of each table leaf page (text that no
    longer decodes), and the header of every other interior or index page (structure)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    n = len(data) // page
    for k, p in enumerate(range(n // 2, n)):
        base = p * page
        if data[base] == 0x0D:
            for j in range(page - 40, page - 8, 3):
                data[base + j] ^= 0xA5
        elif data[base] in (0x02, 0x05, 0x0A) and k % 2 == 0:
            data[base + 3] ^= 0x7F
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def damaged(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("damaged")
    good = d / "good.db"
    with open_store(str(good)) as st:
        for rec in batch_records(240):
            st.ingest_record(rec)
    con = sqlite3.connect(good)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    bad = d / "bad.db"
    shutil.copy(good, bad)
    flip_bytes(bad)
    return bad


@pytest.fixture
def bad_db(damaged, tmp_path) -> Path:
    p = tmp_path / "bad.db"
    shutil.copy(damaged, p)
    return p


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> bool:
    return len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_the_damage_is_real(bad_db):
    con = sqlite3.connect(bad_db)
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
        assert rows != [("ok",)]
    except sqlite3.DatabaseError:
        pass
    finally:
        con.close()


def test_stats_check_exits_1(bad_db, capsys):
    code, _, err = run(capsys, "stats", "--check", "--db", bad_db)
    assert code == 1 and "integrity_check" in err and "damaged" in err and "Traceback" not in err


def test_check_of_a_sound_file_is_clean(tmp_path):
    with open_store(str(tmp_path / "ok.db")) as st:
        st.ingest_record(batch_records(1)[0])
        assert file_problems(st.db, full=True) == [] and file_problems(st.db) == []


def test_writers_refuse_and_write_nothing(bad_db, tmp_path, capsys):
    page = tmp_path / "p.txt"
    page.write_text(PAGE, encoding="utf-8")
    before = digest(bad_db)
    code, _, err = run(capsys, "ingest", page, "--db", bad_db)
    assert code == 1 and one_line(err) and "damaged" in err and "nothing was written" in err
    assert digest(bad_db) == before


@pytest.mark.parametrize("argv", [["export", "--format", "jsonl"], ["export", "--format", "csv"],
                                  ["search", "Phạm Minh Chính"],
                                  ["stats"]])
def test_readers_one_line_and_no_partial_export(bad_db, tmp_path, capsys, argv):
    out = tmp_path / "out"
    extra = ["--out", out] if argv[0] == "export" else []
    code, stdout, err = run(capsys, *argv, *extra, "--db", bad_db)
    assert code == 1 and one_line(err) and "damaged" in err, err
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_web_answers_503_and_imports_nothing(bad_db):
    st = open_store(str(bad_db))
    before = digest(bad_db)
    try:
        c = TestClient(create_app(st, write_token="t", upload_dir=bad_db.parent / "up"))
        r = c.get("/api/export/jsonl")
        assert r.status_code == 503 and r.json()["error"].startswith("database unavailable")
        assert "\n" not in r.json()["error"]
        r = c.get("/api/search", params={"q": "Phạm Minh Chính"})
        assert r.status_code == 503
        r = c.post("/api/import", files=[("files", ("p.txt", PAGE.encode()))], headers={"x-write-token": "t"})
        assert r.status_code == 503 and "damaged" in r.json()["error"]
    finally:
        st.close()
    assert digest(bad_db) == before
