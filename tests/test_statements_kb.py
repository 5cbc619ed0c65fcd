"""Statements in the knowledge base and the follow-up commands, on pages written for these tests.

A railway agreement at talks in 2023 comes up again at a meeting in 2024 (followed up); a pledge on
farm imports in the same talks is never raised again (flagged); two outlets reporting the 2024
meeting give one statement with two sources.
"""
from __future__ import annotations

import json

from kb_support import kb_url, pg_url  # noqa: F401  (fixtures)

from ngoaigiao.cli import main
from ngoaigiao.pipeline import process
from ngoaigiao.store import open_store

TALKS_2023 = ("Bộ trưởng Ngoại giao Bùi Thanh Sơn hội đàm với Bộ trưởng Ngoại giao Trung Quốc Vương Nghị\n"
              "10/06/2023 09:00\n"
              "Chiều 10/6, tại Hà Nội, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm với Bộ trưởng Ngoại giao "
              "Trung Quốc Vương Nghị. Hai bên nhất trí thúc đẩy kết nối đường sắt khổ tiêu chuẩn qua biên giới. "
              "Bộ trưởng Vương Nghị khẳng định Trung Quốc sẵn sàng mở rộng nhập khẩu nông sản của Việt Nam.\n")
MEETING_2024 = ("Bộ trưởng Ngoại giao Bùi Thanh Sơn gặp Bộ trưởng Ngoại giao Trung Quốc Vương Nghị\n"
                "20/02/2024 15:30\n"
                "Ngày 20/2, tại Bắc Kinh, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã gặp Bộ trưởng Ngoại giao "
                "Trung Quốc Vương Nghị. Bộ trưởng Bùi Thanh Sơn đề nghị hai bên sớm khởi công tuyến đường sắt "
                "kết nối Lào Cai với Hà Nội.\n")
# the same meeting as another outlet wrote it
MEETING_2024_OTHER = ("Việt Nam và Trung Quốc bàn về đường sắt\n"
                      "21/02/2024 08:00\n"
                      "Chiều 20/2/2024, tại Bắc Kinh, Bộ trưởng Ngoại giao Bùi Thanh Sơn gặp Bộ trưởng Ngoại giao "
                      "Trung Quốc Vương Nghị. Tại cuộc gặp, ông Bùi Thanh Sơn đề nghị phía Trung Quốc phối hợp "
                      "sớm triển khai các dự án đường sắt kết nối hai nước, nhất là tuyến Lào Cai - Hà Nội.\n")
CALL_2025 = ("Bộ trưởng Ngoại giao Bùi Thanh Sơn điện đàm với Bộ trưởng Ngoại giao Trung Quốc Vương Nghị\n"
             "05/05/2025 10:00\n"
             "Sáng 5/5, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã điện đàm với Bộ trưởng Ngoại giao Trung Quốc "
             "Vương Nghị. Hai bên nhất trí tăng cường trao đổi đoàn các cấp.\n")


def _ingest(url, pages):
    with open_store(url) as store:
        for i, text in enumerate(pages):
            store.ingest_article(process(text, id=f"p{i}"))
        assert store.check() == []
        return store.followup("connectivity", countries="VN,CN"), store.followup("trade", countries="VN,CN")


def test_followup_shows_the_agreement_then_its_follow_up_and_flags_the_unfollowed_pledge(kb_url):  # noqa: F811
    conn, trade = _ingest(kb_url, [CALL_2025, MEETING_2024, TALKS_2023])
    got = [(e["date"], e["side"], e["act"]) for e in conn["entries"]]
    assert got == [("2023-06-10", "both", "agree"), ("2024-02-20", "VN", "propose")]
    agreement = conn["entries"][0]
    assert not agreement["not_followed_up"]
    assert [x["date"] for x in agreement["followed_by"]] == ["2024-02-20"]
    assert "đường sắt" in agreement["sources"][0]["evidence"]["text"]
    pledge = [e for e in trade["entries"] if e["act"] == "commit"]
    assert [(e["side"], e["speaker"]) for e in pledge] == [("CN", "Vương Nghị")]
    assert pledge[0]["not_followed_up"] and trade["not_followed_up"] == [pledge[0]["id"]]


def test_two_outlets_reporting_one_meeting_make_one_statement(kb_url):  # noqa: F811
    with open_store(kb_url) as store:
        for i, text in enumerate([MEETING_2024, MEETING_2024_OTHER]):
            store.ingest_article(process(text, id=f"m{i}"))
        rows = store.query_statements(topic="connectivity")
        assert len(rows) == 1 and rows[0]["n_sources"] == 2
        assert sorted(s["article_id"] for s in rows[0]["sources"]) == ["m0", "m1"]
        # re-ingesting changes nothing; removing one source leaves the statement with the other
        store.ingest_article(process(MEETING_2024, id="m0"))
        assert len(store.query_statements(topic="connectivity")) == 1
        store.ingest_record(dict(process(MEETING_2024.replace("đường sắt", "cảng biển"), id="m1").to_record(
            with_text=True)))
        assert store.check() == []


def test_cli_topics_followup_statements(tmp_path, capsys):
    pages = tmp_path / "pages"
    pages.mkdir()
    for i, text in enumerate([TALKS_2023, MEETING_2024, CALL_2025]):
        (pages / f"p{i}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "kb.db")
    assert main(["ingest", str(pages), "--db", db]) == 0
    capsys.readouterr()
    assert main(["followup", "--topic", "trade", "--countries", "VN,Trung Quốc", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "NOT FOLLOWED UP" in out and "Vương Nghị" in out
    assert main(["topics", "--countries", "VN,CN", "--json", "--db", db]) == 0
    res = json.loads(capsys.readouterr().out)
    assert {t["topic"] for t in res["topics"]} >= {"connectivity", "trade", "political"}
    assert "2023-Q2" in res["periods"]
    assert main(["statements", "--person", "bui thanh son", "--json", "--db", db]) == 0
    rows = json.loads(capsys.readouterr().out)["statements"]
    assert [(r["side"], r["act"]) for r in rows] == [("VN", "propose")]
    assert main(["followup", "--topic", "railways", "--db", db]) == 2
    assert "--topic" in capsys.readouterr().err


def test_exports_have_the_statements(tmp_path):
    import csv

    import pyarrow.parquet as pq

    db = str(tmp_path / "kb.db")
    with open_store(db) as store:
        for i, text in enumerate([TALKS_2023, MEETING_2024]):
            store.ingest_article(process(text, id=f"p{i}"))
        n = len(store.query_statements())
        store.export("jsonl", str(tmp_path / "all.jsonl"))
        store.export("csv", str(tmp_path / "csv"))
        store.export("parquet", str(tmp_path / "pq"))
    lines = [json.loads(x) for x in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    st = [x for x in lines if x["kind"] == "statement"]
    assert len(st) == n == 3
    assert {(x["side"], x["act"], x["topics"]) for x in st} >= {("both", "agree", "connectivity;border"),
                                                              ("CN", "commit", "trade")}
    with open(tmp_path / "csv" / "statements.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == n and all(r["evidence"] for r in rows)
    table = pq.read_table(tmp_path / "pq" / "statements.parquet")
    assert table.num_rows == n and str(table.schema.field("event_id").type) == "int64"


def test_a_database_from_before_statements_gets_them_from_its_records(kb_url):  # noqa: F811
    from ngoaigiao.store import schema
    from ngoaigiao.store.db import connect

    with open_store(kb_url) as store:
        for i, text in enumerate([TALKS_2023, MEETING_2024]):
            store.ingest_article(process(text, id=f"p{i}"))
        want = sorted((s["side"], s["act"], tuple(s["topics"])) for s in store.query_statements())
    db = connect(kb_url)
    with db.transaction():
        for table in ("statement_topics", "statement_reports", "statements"):
            db.execute(f"DROP TABLE {table}")
        for col in ("office", "variants"):  # schema 6 (offices), after statements
            db.execute(f"ALTER TABLE positions DROP COLUMN {col}")
        db.execute("DELETE FROM schema_version WHERE version >= 5")
    db.close()
    with open_store(kb_url) as store:
        assert store.schema_version_before == 4 and store.schema_version == schema.CURRENT_VERSION
        got = sorted((s["side"], s["act"], tuple(s["topics"])) for s in store.query_statements())
        assert got == want and len(got) == 3
        assert store.check() == []


def test_help_for_the_statement_commands(capsys):
    import pytest

    for cmd in ("topics", "followup", "statements"):
        with pytest.raises(SystemExit) as exc:
            main([cmd, "--help"])
        assert exc.value.code == 0
        assert "--countries" in capsys.readouterr().out
