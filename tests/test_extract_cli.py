"""`ngoaigiao extract`: inputs, outputs, one-line errors, exit codes, bounded memory."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from conftest import REPO, SCORER
from ngoaigiao import sources
from ngoaigiao.cli import main

ARTICLE = ("Hội đàm cấp cao Việt Nam – Lào\n\n08/01/2022 13:37\n\n"
           "Sáng 8/1, tại Phủ Chủ tịch, Thủ tướng Chính phủ Phạm Minh Chính đã hội đàm với Thủ tướng Chính phủ "
           "nước Cộng hòa Dân chủ Nhân dân Lào Phankham Viphavanh. Hai Thủ tướng nhất trí tăng cường hợp tác "
           "toàn diện giữa hai nước.\n")
SECOND = ("Ngày 19/4, đồng chí Lê Hoài Trung, Ủy viên Trung ương Đảng, Trưởng ban Đối ngoại Trung ương đã hội đàm "
          "trực tuyến với đồng chí Tống Đào, Trưởng ban Liên lạc Đối ngoại Trung ương Đảng Cộng sản Trung Quốc.\n")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(capsys, *argv: str) -> tuple[int, list[dict], str]:
    code = main(["extract", "--format", "json", *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    d = tmp_path / "batch"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "sub" / "b.txt").write_text(SECOND, encoding="utf-8")
    (d / "a.gold.json").write_text("{}", encoding="utf-8")   # annotations are skipped
    (d / "notes.md").write_text("ignored", encoding="utf-8")
    return d


def test_directory_all_ok(capsys, batch):
    code, recs, err = run(capsys, str(batch))
    assert code == 0
    assert [r["id"] for r in recs] == ["a", "b"]
    a = recs[0]
    assert a["published"] == "2022-01-08" and a["title"] == "Hội đàm cấp cao Việt Nam – Lào"
    for field in ("events", "persons", "blocks", "source", "published_source"):
        assert field in a
    assert "raw" not in a
    assert "Traceback" not in err


def test_with_text_adds_raw(capsys, batch):
    _, recs, _ = run(capsys, "--with-text", str(batch / "a.txt"))
    assert recs[0]["raw"] == ARTICLE
    for b in recs[0]["blocks"]:
        assert 0 <= b["start"] < b["end"] <= len(ARTICLE)


def test_bad_inputs_each_get_one_line_and_the_batch_goes_on(capsys, batch):
    (batch / "empty.txt").write_bytes(b"")
    (batch / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (batch / "doc.txt").write_bytes(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (batch / "zipped.txt").write_bytes(gzip.compress(ARTICLE.encode()))
    (batch / "broken.txt").write_bytes(ARTICLE.encode()[:80] + b"\xff\xfe\xfd" + ARTICLE.encode()[80:])
    (batch / "english.txt").write_text("Only English here, about the weather and nothing else at all.\n")
    (batch / "gone.txt").symlink_to(batch / "does-not-exist.txt")
    os.mkfifo(batch / "pipe.txt")
    (batch / "folder.txt").mkdir()
    bad = ["empty", "image", "doc", "zipped", "broken", "english", "gone", "pipe", "folder"]
    code, recs, err = run(capsys, str(batch), str(batch / "missing.txt"))
    assert code == 1
    assert sorted(r["id"] for r in recs) == ["a", "b"]
    lines = err.strip().splitlines()
    for name in bad + ["missing"]:
        hits = [ln for ln in lines if f"{name}.txt: " in ln]
        assert len(hits) == 1, (name, lines)
        assert hits[0].startswith("ngoaigiao: ")
    assert lines[-1] == f"ngoaigiao: {len(bad) + 1} of {len(bad) + 3} inputs failed"
    assert "Traceback" not in err
    reasons = "\n".join(lines)
    for reason in ("empty", "PNG", "PDF", "gzip", "UTF-8", "no Vietnamese", "broken link",
                   "FIFO", "directory", "no such file"):
        assert reason in reasons, reason


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode (unreadable files are "
                                    "simulated with links and FIFOs in the test above)")
def test_permission_denied(capsys, batch):
    locked = batch / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    try:
        code, recs, err = run(capsys, str(batch))
    finally:
        locked.chmod(0o644)
    assert code == 1 and "locked.txt: permission denied" in err and len(recs) == 2


def test_fifty_megabyte_file_is_refused_without_reading_it(capsys, tmp_path):
    big = tmp_path / "big.txt"
    chunk = ("Hai bên nhất trí tăng cường hợp tác. " * 1000).encode()
    with big.open("wb") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    small = tmp_path / "ok.txt"
    small.write_text(ARTICLE, encoding="utf-8")
    tracemalloc.start()
    try:
        code, recs, err = run(capsys, str(big), str(small))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 1 and len(recs) == 1
    assert "big.txt: too large" in err and "1 of 2 inputs failed" in err
    assert peak < 20 * 1024 * 1024  # never held the 50 MB


def test_max_bytes_option(capsys, batch):
    code, recs, err = run(capsys, "--max-bytes", "100", str(batch / "a.txt"))
    assert code == 1 and "too large" in err and not recs
    code, recs, _ = run(capsys, "--max-bytes", "100000", str(batch / "a.txt"))
    assert code == 0 and len(recs) == 1


def test_stdin(capsys, monkeypatch):
    import io
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-16"))))
    code, recs, _ = run(capsys, "--id", "from-pipe", "-")
    assert code == 0 and recs[0]["id"] == "from-pipe" and recs[0]["published"] == "2022-01-08"


def test_html_file(capsys, tmp_path):
    page = tmp_path / "trang.html"
    body = ARTICLE.split("\n\n", 2)[2]
    page.write_text(f"<html><head><title>Hội đàm cấp cao</title></head><body><nav>Trang chủ</nav>"
                    f"<article><h1>Hội đàm cấp cao Việt Nam – Lào</h1><p>{body}</p><p>{SECOND}</p></article>"
                    f"</body></html>", encoding="utf-8")
    code, recs, _ = run(capsys, str(page))
    assert code == 0 and recs[0]["id"] == "trang" and recs[0]["title"] == "Hội đàm cấp cao Việt Nam – Lào"


def test_table_format(capsys, batch):
    code = main(["extract", "--format", "table", str(batch / "a.txt")])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("a  published 2022-01-08 (dateline)")
    assert "title: Hội đàm cấp cao Việt Nam – Lào" in out


def test_jobs_gives_the_same_output(capsys, batch):
    _, one, _ = run(capsys, str(batch))
    code, two, _ = run(capsys, "--jobs", "2", str(batch))
    assert code == 0 and one == two


def test_sources_expand_is_reusable(batch):
    items = list(sources.expand([str(batch)]))
    assert [i.id for i in items] == ["a", "b"]
    assert items[0].load().decode() == ARTICLE


def test_help_works():
    r = subprocess.run([sys.executable, "-m", "ngoaigiao", "extract", "--help"], capture_output=True,
                       text=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")}, timeout=60)
    assert r.returncode == 0 and "--max-bytes" in r.stdout and "--jobs" in r.stdout


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_published_accuracy_on_the_corpus(name, request, tmp_path):
    corpus = request.getfixturevalue(f"{name}_dir")
    if not SCORER.is_file():
        pytest.skip(f"scorer not found at {SCORER}")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    pred = tmp_path / "pred.jsonl"
    with pred.open("w") as out:
        r = subprocess.run([sys.executable, "-m", "ngoaigiao", "extract", "--format", "json", "-q", str(corpus)],
                           stdout=out, stderr=subprocess.PIPE, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    s = subprocess.run([sys.executable, str(SCORER), str(corpus), str(pred), "--json"],
                       capture_output=True, text=True, timeout=120)
    res = json.loads(s.stdout)
    assert res["articles_predicted"] == res["articles"]
    assert res["published_accuracy"] >= 0.95


def test_progress_bar_draws_on_a_terminal(monkeypatch):
    import io

    from ngoaigiao.cli.extract_cmd import Progress
    buf = io.StringIO()
    monkeypatch.setattr(sys, "stderr", buf)
    bar = Progress(3, enabled=True)
    for failed in (0, 1, 1):
        bar.step(failed)
    bar.clear()
    assert "3/3" in buf.getvalue() and "1 failed" in buf.getvalue()
    quiet = Progress(3, enabled=False)
    quiet.step(0)
    assert buf.getvalue().count("/3") >= 1


def test_directory_without_articles_is_an_error(capsys, tmp_path):
    (tmp_path / "only.gold.json").write_text("{}")
    code, recs, err = run(capsys, str(tmp_path))
    assert code == 1 and not recs and "no article files" in err
