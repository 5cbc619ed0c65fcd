#!/usr/bin/env python3
"""Compile the extraction modules listed in scripts/compiled_modules.txt with mypyc, in place.

usage: python scripts/build_compiled.py [--clean]

The extensions (*.so) land beside their .py files under src/ngoaigiao, plus one shared
library (ngoaigiao/_native__mypyc*.so) and a manifest (ngoaigiao/_compiled.json) with the
hash of every source the build read. At import, ngoaigiao/compiled.py uses the extensions
only while those hashes still match (else: pure Python and a one-line warning).
Without a C compiler or mypy this prints why and leaves pure Python (exit 0).
--clean only removes the build outputs (pure Python from then on).
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import importlib.machinery
import importlib.util
import json
import os
import shutil
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = SRC / "ngoaigiao"
LIST = ROOT / "scripts" / "compiled_modules.txt"
MANIFEST = PACKAGE / "_compiled.json"
GROUP = "ngoaigiao._native"  # the shared library: ngoaigiao/_native__mypyc*.so
MYPY_FLAGS = ["--follow-imports=silent", "--ignore-missing-imports"]


def listed_modules() -> list[str]:
    out = []
    for n, line in enumerate(LIST.read_text(encoding="utf-8").splitlines(), 1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if not module_path(name):
            sys.exit(f"{LIST}:{n}: no source file for module {name!r}")
        out.append(name)
    return out


def module_path(name: str) -> Path | None:
    base = SRC.joinpath(*name.split("."))
    for p in (base.with_suffix(".py"), base / "__init__.py"):
        if p.is_file():
            return p
    return None


def imported_modules(path: Path, name: str) -> set[str]:
    """ngoaigiao modules a source imports (its type information is compiled in too)."""
    out = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + [base]).strip(".")
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in out if m.split(".")[0] == "ngoaigiao" and module_path(m)}


def dependency_closure(modules: list[str]) -> list[str]:
    seen: set[str] = set()
    todo = list(modules)
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        todo.extend(imported_modules(module_path(m), m) - seen)
    return sorted(seen)


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def remove_outputs() -> int:
    """Delete every extension module and the manifest under src/ngoaigiao."""
    MANIFEST.unlink(missing_ok=True)
    n = 0
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for so in PACKAGE.rglob(f"*{suffix}"):
            so.unlink()
            n += 1
    return n


def _up_to_date(modules: list[str]) -> bool:
    """The build in place compiled these modules from the sources as they are now (the same
    test the package makes at import: ngoaigiao/compiled.py, loaded by path so that importing
    the package does not warn about a stale build here)."""
    spec = importlib.util.spec_from_file_location("_ngoaigiao_compiled_check", PACKAGE / "compiled.py")
    guard = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(guard)
    try:
        listed = json.loads(MANIFEST.read_text(encoding="utf-8")).get("modules")
    except (OSError, ValueError, AttributeError):
        return False
    return listed == modules and guard._built() and guard.check() == ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clean", action="store_true", help="only remove the compiled modules")
    ap.add_argument("--force", action="store_true", help="build even when the build in place is up to date")
    args = ap.parse_args()
    modules = listed_modules()
    if not args.clean and not args.force and _up_to_date(modules):
        print("build_compiled: the compiled modules are up to date (--force builds again)")
        return 0
    removed = remove_outputs()
    if args.clean:
        print(f"build_compiled: removed {removed} compiled files; pure Python from now on")
        return 0
    cc = os.environ.get("CC", "cc").split()[0]
    try:
        from mypyc.build import mypycify  # noqa: F401  (a build-time tool, not a runtime dependency)
        from setuptools import setup
    except ImportError as e:
        print(f"build_compiled: {e.name} is not installed; extraction stays pure Python")
        return 0
    if not shutil.which(cc):
        print(f"build_compiled: no C compiler ({cc}); extraction stays pure Python")
        return 0
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not headers.is_file():
        print(f"build_compiled: no {headers} (Debian: python3-dev); extraction stays pure Python")
        return 0
    t0 = time.monotonic()
    paths = [str(module_path(m).relative_to(SRC)) for m in modules]
    build = ROOT / "build" / "mypyc"
    os.chdir(SRC)  # mypy names modules from paths relative to here; --inplace writes here
    from mypyc.build import mypycify
    try:
        extensions = mypycify(MYPY_FLAGS + paths, opt_level="3", debug_level="0",
                              group_name=GROUP, target_dir=str(build / "c"))
        setup(name="ngoaigiao-compiled", ext_modules=extensions, script_args=[
            "-q", "build_ext", "--inplace", "--build-temp", str(build / "temp")])
    except SystemExit as e:  # mypy errors, compiler errors: setup() and mypycify exit
        remove_outputs()
        print(f"build_compiled: build failed ({e}); extraction stays pure Python", file=sys.stderr)
        return 1
    sources = {str(module_path(m).relative_to(PACKAGE)): source_hash(module_path(m))
               for m in dependency_closure(modules)}
    MANIFEST.write_text(json.dumps({"cache_tag": sys.implementation.cache_tag, "modules": modules,
                                    "sources": sources}, indent=1) + "\n", encoding="utf-8")
    print(f"build_compiled: {len(modules)} modules compiled with mypyc in {time.monotonic() - t0:.0f} s "
          f"({len(sources)} sources hashed in {MANIFEST.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
