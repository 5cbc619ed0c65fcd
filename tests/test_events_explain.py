"""The events stage's rules and trace: every event names its rules, every drop its reason."""
from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

from ngoaigiao.cli import main
from ngoaigiao.extract import event_candidates, event_finish, event_rules
from ngoaigiao.pipeline import process

HEADER = "15/05/2024 10:00\n\n"
TEXT = (HEADER + "Ngày 14/5, tại Hà Nội, Thủ tướng Phạm Minh Chính đã hội kiến Thủ tướng Lào Sonexay Siphandone. "
        "Thủ tướng Phạm Minh Chính đề nghị hai bên sẽ tiếp tục hội đàm vào năm tới.\n")


def test_events_carry_the_rules_that_made_them_and_records_stay_lean():
    art = process(TEXT, "t")
    (ev,) = art.events
    assert "make_pairwise" in ev.rules
    rec = art.to_record()
    assert rec["events"][0]["rules"] == ev.rules
    assert "trace" not in rec  # only when asked


def test_the_trace_records_the_candidate_and_the_drop_with_its_rule():
    art = process(TEXT, "t", trace=True)
    rules = [(e["decision"], e["rule"]) for e in art.trace]
    assert ("kept", "make_pairwise") in rules
    dropped = [e for e in art.trace if e["decision"] == "dropped"]
    assert any(e["rule"] == "drop_future" and e["reason"] for e in dropped)
    assert all(set(e) >= {"sentence", "trigger", "decision", "rule", "reason"} for e in art.trace)


def test_explain_prints_sentences_triggers_and_rules(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(f), "--explain"]) == 0
    out = capsys.readouterr().out
    assert "triggers: 'hội kiến'" in out and "drop_future" in out and "make_pairwise" in out
    assert main(["extract", str(f), "--explain", "--format", "json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert any(e["rule"] == "drop_future" for e in rec["trace"])


def _written_docstring(fn) -> str:
    """A function's docstring as its source has it (a mypyc-compiled one carries none at run time)."""
    path = Path(sys.modules[fn.__module__].__file__)  # x.py, or x.cpython-*.so beside it
    tree = ast.parse(path.with_name(path.name.split(".")[0] + ".py").read_text(encoding="utf-8"))
    return next((ast.get_docstring(n) or "" for n in tree.body
                 if isinstance(n, ast.FunctionDef) and n.name == fn.__name__), "")


def test_every_rule_has_a_docstring():
    rules = (event_candidates.TRIGGER_DROPS_BEFORE + event_candidates.TRIGGER_DROPS_AFTER
             + event_rules.CANDIDATE_RULES + event_finish.ARTICLE_RULES)
    missing = [r.__name__ for r in rules if not _written_docstring(r).strip()]
    assert not missing, missing
