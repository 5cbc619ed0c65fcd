"""`spark extract` on local[2]: the shared corpus, a WARC, a JSONL file and bad
records, in ONE Spark run (module fixture); then `spark resolve` on its output
against the single-machine path (pipeline.process + merge + the store)."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from ngoaigiao import pipeline
from ngoaigiao.spark import inputs

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
MAX_BYTES = 200_000

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head>
<body><article><h1>{title}</h1><p class="date">{date}</p>{body}</article></body></html>"""

VI_PAGES = [
    ("http://tin.example.vn/thoi-su/tiep-dai-su-nhat-ban.html", "Thủ tướng tiếp Đại sứ Nhật Bản", "12/03/2024 09:15",
     "<p>Chiều 11/3, tại Trụ sở Chính phủ, Thủ tướng Phạm Minh Chính đã tiếp Đại sứ Nhật Bản tại Việt Nam "
     "Yamada Takio đến chào từ biệt nhân dịp kết thúc nhiệm kỳ công tác.</p><p>Thủ tướng đánh giá cao những "
     "đóng góp của Đại sứ đối với quan hệ Đối tác chiến lược toàn diện giữa hai nước và đề nghị Nhật Bản tiếp "
     "tục hỗ trợ Việt Nam trong đào tạo nguồn nhân lực, chuyển đổi số và phát triển hạ tầng.</p>"),
    ("http://tin.example.vn/the-gioi/dien-dam-voi-ngoai-truong-lao.html", "Điện đàm với Ngoại trưởng Lào",
     "05/06/2023 16:40",
     "<p>Ngày 5/6/2023, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã điện đàm với Phó Thủ tướng, Bộ trưởng Ngoại giao "
     "Lào Saleumxay Kommasith.</p><p>Hai Bộ trưởng nhất trí phối hợp chặt chẽ chuẩn bị cho các hoạt động "
     "kỷ niệm quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt giữa Việt Nam và Lào trong thời gian tới.</p>"),
]
EN_PAGE = PAGE.format(title="Ministers meet in Hanoi", date="2024-03-12", body=(
    "<p>The two ministers met in Hanoi on Monday to discuss trade, investment and the digital economy, "
    "and agreed to hold the next round of talks later this year in the capital of the other country.</p>"))


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "ngoaigiao tests"}))

        def response(url, body, ctype="text/html; charset=utf-8", status="200 OK", lang=None):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            headers = {"WARC-Identified-Content-Language": lang} if lang else None
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict=headers))

        for url, title, date, body in VI_PAGES:
            response(url, PAGE.format(title=title, date=date, body=body).encode(), lang="vie")
        response("http://news.example.com/en/ministers.html", EN_PAGE.encode(), lang="eng")
        response("http://news.example.com/en/no-label.html", EN_PAGE.encode())  # no language label
        response("http://tin.example.vn/logo.jpg", b"\xff\xd8\xff\xe0" + bytes(200), ctype="image/jpeg")
        response("http://tin.example.vn/missing.html", b"<html>Not found</html>", status="404 Not Found")


JSONL_LINES = [
    {"id": "j-1", "url": "http://bao.example.vn/a.html",
     "text": "Hà Nội, 20/8/2025 - Sáng nay, Chủ tịch Quốc hội Trần Thanh Mẫn đã hội kiến Chủ tịch Thượng viện "
             "Campuchia Hun Sen. Hai bên khẳng định tiếp tục vun đắp quan hệ láng giềng tốt đẹp."},
    {"url": "http://bao.example.vn/b.html",
     "text": "Ngày 2/9/2025, Bộ trưởng Quốc phòng Phan Văn Giang đã tiếp Bộ trưởng Quốc phòng Lào Chansamone "
             "Chanyalath đang thăm chính thức Việt Nam."},
    "{not json",
    {"id": "j-4", "url": "http://bao.example.vn/c.html"},
]


@pytest.fixture(scope="module")
def run(spark_session, tmp_path_factory):
    """One extract over our fixtures (+ the shared corpus when present), then one resolve."""
    from ngoaigiao.spark import extract
    from ngoaigiao.spark import resolve as spark_resolve

    root = tmp_path_factory.mktemp("spark")
    src = root / "in"
    (src / "pages").mkdir(parents=True)
    for i, (url, title, date, body) in enumerate(VI_PAGES):
        (src / "pages" / f"page{i}.html").write_text(PAGE.format(title=title, date=date, body=body), "utf-8")
    _warc(src / "crawl.warc.gz")
    with gzip.open(src / "feed.jsonl.gz", "wt", encoding="utf-8") as fh:
        for line in JSONL_LINES:
            fh.write((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n")
    (src / "bad").mkdir()
    (src / "bad" / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (src / "bad" / "empty.txt").write_bytes(b"")
    (src / "bad" / "huge.txt").write_text(VI_PAGES[0][3] * (MAX_BYTES // 300), "utf-8")
    (src / "bad" / "notes.docx").write_bytes(b"PK\x03\x04")  # not an input type: never read
    paths = [str(src)]
    corpus = CORPUS.is_dir()
    if corpus:
        paths += [str(CORPUS / "seeds"), str(CORPUS / "dev")]
    out = root / "out"
    result = extract.run(spark_session, paths, str(out), partitions=2, max_bytes=MAX_BYTES)
    resolved = root / "resolved"
    spark_resolve.run(spark_session, str(out), str(resolved))
    read = spark_session.read

    def table(base, name):
        if not list((base / name).rglob("*.parquet")):
            return []  # a dataset with no rows has no files (nothing to infer a schema from)
        return [r.asDict(recursive=True) for r in read.parquet(str(base / name)).collect()]

    return {
        "result": result, "src": src, "out": out, "corpus": corpus,
        **{n: table(out, n) for n in ("articles", "mentions", "positions", "events", "statements", "rejects")},
        "resolved": {n: table(resolved, n) for n in ("duplicates", "persons", "events")},
    }


pytestmark = pytest.mark.spark



def test_bad_records_are_rejected_with_reasons_and_the_job_goes_on(run):
    rejects = {r["source"]: r["reason"] for r in run["rejects"]}
    src = run["src"]
    assert "binary" in rejects[str(src / "bad" / "image.html")].lower()
    assert "empty" in rejects[str(src / "bad" / "empty.txt")].lower()
    assert "too large" in rejects[str(src / "bad" / "huge.txt")]
    assert not [s for s in rejects if s.endswith("notes.docx")]
    assert run["result"].rejects == len(run["rejects"])
    assert sum(run["result"].reject_reasons.values()) == len(run["rejects"])


def test_warc_html_responses_in_vietnamese_only(run):
    warc = [a for a in run["articles"] if a["source"].startswith(str(run["src"] / "crawl.warc.gz"))]
    assert sorted(a["url"] for a in warc) == sorted(u for u, *_ in VI_PAGES)
    assert all(a["id"].startswith("w") for a in warc)
    rejects = {r["url"]: r["reason"] for r in run["rejects"] if r["url"]}
    assert rejects["http://news.example.com/en/ministers.html"] == "not Vietnamese (eng)"
    assert rejects["http://news.example.com/en/no-label.html"] == "not Vietnamese"
    assert rejects["http://tin.example.vn/logo.jpg"] == "not HTML (image/jpeg)"
    assert rejects["http://tin.example.vn/missing.html"] == "HTTP status 404"


def test_jsonl_lines(run):
    feed = str(run["src"] / "feed.jsonl.gz")
    arts = {a["id"]: a for a in run["articles"] if a["source"].startswith(feed)}
    assert set(arts) == {"j-1", "u" + inputs.short_hash("http://bao.example.vn/b.html")}
    assert arts["j-1"]["url"] == "http://bao.example.vn/a.html" and arts["j-1"]["source"] == f"{feed}:1"
    rejects = {r["source"]: r["reason"] for r in run["rejects"] if r["source"].startswith(feed)}
    assert rejects[f"{feed}:3"].startswith("not a JSON line")
    assert rejects[f"{feed}:4"] == "JSON line has no string 'text' field"


def test_every_article_is_the_pipeline_output(run):
    """record_json is exactly pipeline.process(...).to_record(with_text=True); flat rows agree with it."""
    pages = run["src"] / "pages"
    files = sorted(pages.glob("*.html"))
    if run["corpus"]:
        files += sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "dev").glob("*.txt"))
    by_id = {a["id"]: a for a in run["articles"]}
    mentions, positions, events, statements = ({} for _ in range(4))
    for name, index in (("mentions", mentions), ("positions", positions), ("events", events),
                        ("statements", statements)):
        for row in run[name]:
            index.setdefault(row["article_id"], []).append(row)
    for f in files:
        art = by_id[f.stem]
        assert art["source"] == str(f)
        want = pipeline.process(f.read_bytes(), id=f.stem, source=str(f)).to_record(with_text=True)
        rec = json.loads(art["record_json"])
        assert rec == want
        assert (art["title"], art["published"], art["url"]) == (want["title"], want["published"], want["url"])
        if want["published"]:
            assert art["year"] == int(want["published"][:4])
        assert sorted((m["name"], tuple(m["titles"]), len(m["evidence"])) for m in mentions.get(f.stem, [])) == \
            sorted((p["name"], tuple(p["titles"]), len(p["mentions"])) for p in want["persons"])
        assert len(positions.get(f.stem, [])) == sum(len(p["titles"]) for p in want["persons"])
        evs = sorted(events.get(f.stem, []), key=lambda e: e["event_index"])
        assert [(e["type"], e["date"], e["participants"], e["evidence"]) for e in evs] == \
            [(e["type"], e["date"], e["participants"], e["evidence"]) for e in want["events"]]
        sts = sorted(statements.get(f.stem, []), key=lambda x: x["statement_index"])
        assert [(x["side"], x["act"], x["topics"], x["speaker"], x["event_index"], x["evidence"]) for x in sts] == \
            [(x["side"], x["act"], x["topics"], x["speaker"], x["event"], x["evidence"]) for x in want["statements"]]


def test_datasets_are_partitioned_by_year_and_month(run):
    years = {a["year"] for a in run["articles"] if a["year"] is not None}
    assert years, "no article got a year"
    parts = {p.name for p in (run["out"] / "articles").iterdir() if p.is_dir()}
    assert {f"year={y}" for y in years} <= parts
    assert run["statements"] or not run["corpus"], "no statements dataset rows"
    for name in ("mentions", "positions", "events", "statements"):
        for row in run[name]:
            assert "year" in row and "month" in row and row["article_id"]


def test_ingest_from_parquet_loads_the_articles(run, tmp_path):
    """The knowledge base reads the articles dataset as written (the web app's way in)."""
    pytest.importorskip("ngoaigiao.store")
    from ngoaigiao.cli import main
    from ngoaigiao.store import open_store

    db = tmp_path / "kb.db"
    assert main(["ingest", "--from-parquet", str(run["out"] / "articles"), "--db", str(db)]) == 0
    with open_store(str(db)) as store:
        assert sorted(store.record_ids()) == sorted(a["id"] for a in run["articles"])


def test_ingest_from_parquet_agrees_with_spark_resolve(run, tmp_path):
    """The partitions list articles by year/month, not by id; ingest sorts them so the
    knowledge base merges exactly as `spark resolve` did on the same dataset."""
    from test_spark_resolve import _events_key, _persons_key, _store_contents

    from ngoaigiao.cli import main
    from ngoaigiao.store import open_store

    db = tmp_path / "kb.db"
    assert main(["ingest", "--from-parquet", str(run["out"]), "--db", str(db)]) == 0
    with open_store(str(db)) as store:
        persons, events, dups = _store_contents(store)
    assert _persons_key(persons) == _persons_key(run["resolved"]["persons"])
    assert _events_key(events) == _events_key(run["resolved"]["events"])
    assert dups == sorted((d["article_id"], d["duplicate_of"]) for d in run["resolved"]["duplicates"])


def test_spark_path_equals_single_machine_path(run, tmp_path):
    """Persons, events and duplicates of `spark resolve` equal `merge.resolve_records` on
    pipeline.process output and the store's after ingesting the same records in id order."""
    from test_spark_resolve import _events_key, _persons_key, _store_result

    from ngoaigiao.spark import merge

    records = [json.loads(a["record_json"]) for a in run["articles"]]
    ref = merge.resolve_records(records)
    got = run["resolved"]
    assert _persons_key(got["persons"]) == _persons_key(ref["persons"])
    assert _events_key(got["events"]) == _events_key(ref["events"])
    assert sorted((d["article_id"], d["duplicate_of"]) for d in got["duplicates"]) == \
        [(d["article_id"], d["duplicate_of"]) for d in ref["duplicates"]]
    persons, events, dups = _store_result(records, tmp_path)
    assert _persons_key(persons) == _persons_key(got["persons"])
    assert _events_key(events) == _events_key(got["events"])
    if run["corpus"]:
        assert got["persons"] and got["events"], "the shared corpus should give persons and events"


def test_items_from_file_without_spark(tmp_path):
    path = tmp_path / "c.warc.gz"
    _warc(path)
    items = list(inputs.items_from_file(str(path), path.read_bytes()))
    ok = [i for i in items if i[4] is None]
    assert [i[2] for i in ok] == [u for u, *_ in VI_PAGES]
    assert all(isinstance(i[3], bytes) and b"<html" in i[3] for i in ok)
    assert len(items) == 6  # warcinfo is not a page
    for junk in (b"this is not a warc file", b"\x1f\x8b\x08\x00garbage"):
        broken = list(inputs.items_from_file("x.warc.gz", junk))
        assert broken and all(i[3] is None and i[4] for i in broken), broken
    assert inputs.kind_of("s3a://b/x/CC-MAIN-1.warc.gz") == ("warc", True)
    assert inputs.doc_id("hdfs://nn/a/d003.txt") == "d003"


def test_cli_missing_input_is_one_line_and_exit_1(spark_session, tmp_path, capsys):
    from ngoaigiao.cli import main

    code = main(["spark", "extract", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"),
                 "--master", "local[2]"])
    err = capsys.readouterr().err
    assert code == 1
    assert "nowhere" in err and "Traceback" not in err
    (tmp_path / "empty").mkdir()
    assert main(["spark", "extract", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 1
    assert "no input files found" in capsys.readouterr().err
