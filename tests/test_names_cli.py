"""`ngoaigiao names` on the command line."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ngoaigiao.cli import main

SRC = str(Path(__file__).resolve().parents[1] / "src")


def test_help_runs_as_a_program():
    env = dict(os.environ, PYTHONPATH=SRC)
    out = subprocess.run([sys.executable, "-m", "ngoaigiao", "names", "--help"], capture_output=True, text=True, env=env)
    assert out.returncode == 0
    assert "--from-pinyin" in out.stdout and "--from-zh" in out.stdout and "generated" in out.stdout


def test_table_entry(capsys):
    assert main(["names", "Lưu Hải Tinh"]) == 0
    out = capsys.readouterr().out
    assert "[table]" in out and "刘海星" in out and "Liu Haixing" in out
    assert "Trưởng Ban Liên lạc Đối ngoại" in out


def test_generated_candidates_are_labelled(capsys):
    assert main(["names", "Lưu Hoa Sơn", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "[generated: not in the name table" in out
    assert "刘华山" in out and "Liu Huashan" in out
    assert out.count("\n  1. ") == 1 and "  4. " not in out


def test_from_pinyin_and_from_zh(capsys):
    assert main(["names", "--from-pinyin", "Wang Yi", "--from-zh", "张三丰"]) == 0
    out = capsys.readouterr().out
    assert "Vương Nghị" in out and "Trương Tam Phong" in out


def test_json_output(capsys):
    assert main(["names", "--json", "Tô Lâm", "--from-pinyin", "Zhang Sanfeng"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines[0]["source"] == "table" and lines[0]["table"][0]["country"] == "VN"
    assert lines[1]["source"] == "generated" and lines[1]["generated"]["candidates"]


def test_bad_input_exit_codes(capsys):
    assert main(["names"]) == 2
    assert "give a name" in capsys.readouterr().err
    assert main(["names", "Nguyễn Văn Xyz"]) == 1
    assert "no candidates" in capsys.readouterr().out
    assert main(["names", "  "]) == 1
    assert main(["names", "x", "--top", "0"]) == 2
