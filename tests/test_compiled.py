"""The mypyc-compiled extraction modules: in use after setup, never used once stale, same output.

scripts/setup.sh builds them (scripts/build_compiled.py); scripts/test.sh sets
NGOAIGIAO_EXPECT_COMPILED=1 when a C compiler is there, so a build that silently
left nothing fails here instead of skipping.
"""
from __future__ import annotations

import importlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ngoaigiao
from ngoaigiao import compiled

SRC = Path(ngoaigiao.__file__).resolve().parent.parent
WRITTEN = Path(__file__).parent / "fixtures" / "written"
SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)
PROBE = ("import json, sys; import ngoaigiao.compiled as c; import ngoaigiao.extract.persons as p; "
         "print(json.dumps([c.state, p.__file__]))")


def _manifest() -> dict:
    if not compiled.MANIFEST.is_file():
        if os.environ.get("NGOAIGIAO_EXPECT_COMPILED") == "1":
            pytest.fail("a C compiler is there but scripts/build_compiled.py left no build")
        pytest.skip("no compiled build (run python scripts/build_compiled.py): pure Python only")
    return json.loads(compiled.MANIFEST.read_text(encoding="utf-8"))


def _run(src: Path, code: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "NGOAIGIAO_PURE"} | env
    environ["PYTHONPATH"] = str(src)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ,
                          timeout=300, check=True)


def _copy_package(tmp_path: Path) -> Path:
    """A copy of the built package, to break without touching the real one."""
    shutil.copytree(SRC / "ngoaigiao", tmp_path / "ngoaigiao", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_compiled_modules_are_in_use_after_setup():
    manifest = _manifest()
    if os.environ.get("NGOAIGIAO_PURE", "") not in ("", "0"):
        pytest.skip("NGOAIGIAO_PURE is set")
    if compiled.state != "compiled" and os.environ.get("NGOAIGIAO_EXPECT_COMPILED") != "1":
        pytest.skip(f"compiled build not used: {compiled.reason}")
    assert compiled.state == "compiled", compiled.reason
    for name in manifest["modules"]:
        assert importlib.import_module(name).__file__.endswith(SUFFIXES), name
    from ngoaigiao.extract import lexicon
    assert lexicon._NATIVE  # tokenize makes Tokens the way a native class allows


def test_pure_switch_loads_every_module_from_source():
    _manifest()
    state, path = json.loads(_run(SRC, PROBE, NGOAIGIAO_PURE="1").stdout)
    assert (state, Path(path).name) == ("pure", "persons.py")


def test_an_edited_source_makes_the_build_stale(tmp_path):
    _manifest()
    src = _copy_package(tmp_path)
    names = src / "ngoaigiao" / "extract" / "names.py"
    names.write_text(names.read_text(encoding="utf-8") + "\n# edited after the build\n", encoding="utf-8")
    run = _run(src, PROBE)
    state, path = json.loads(run.stdout)
    assert (state, Path(path).name) == ("stale", "persons.py")  # persons.py itself did not change
    (line,) = run.stderr.splitlines()
    assert "extract/names.py changed since the build" in line and "pure Python" in line


def test_a_build_without_its_manifest_is_not_used(tmp_path):
    _manifest()
    src = _copy_package(tmp_path)
    (src / "ngoaigiao" / compiled.MANIFEST.name).unlink()
    run = _run(src, PROBE)
    state, path = json.loads(run.stdout)
    assert (state, Path(path).name) == ("stale", "persons.py")
    assert "unreadable" in run.stderr


def test_no_build_is_plain_pure_python(tmp_path):
    src = tmp_path
    shutil.copytree(SRC / "ngoaigiao", src / "ngoaigiao",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", compiled.MANIFEST.name))
    run = _run(src, PROBE)
    state, path = json.loads(run.stdout)
    assert (state, Path(path).name, run.stderr) == ("none", "persons.py", "")


def test_compiled_and_pure_extract_the_same(tmp_path):
    _manifest()
    code = ("import sys, json; from pathlib import Path; from ngoaigiao.pipeline import process; "
            "import ngoaigiao.compiled as c; print(c.state); "
            "[print(json.dumps(process(p.read_bytes(), id=p.stem, trace=True).to_record(), ensure_ascii=False, "
            "sort_keys=True)) for p in sorted(Path(sys.argv[1]).glob('*.txt'))]")
    code = code.replace("sys.argv[1]", repr(str(WRITTEN)))
    fast = _run(SRC, code).stdout.splitlines()
    pure = _run(SRC, code, NGOAIGIAO_PURE="1").stdout.splitlines()
    assert (fast[0], pure[0]) == ("compiled", "pure")
    assert len(fast) > 50 and fast[1:] == pure[1:]


def test_setup_does_not_build_again_an_up_to_date_build():
    _manifest()
    if compiled.check():
        pytest.skip(f"the build in place is stale: {compiled.reason or compiled.check()}")
    script = SRC.parent / "scripts" / "build_compiled.py"
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True)
    assert "up to date" in out.stdout
