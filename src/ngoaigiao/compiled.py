"""Compiled (mypyc) extraction modules: used only while they match their sources.

scripts/build_compiled.py compiles the modules of scripts/compiled_modules.txt to
extensions beside their .py files and writes _compiled.json: the hash of every source
the build read (the compiled modules and the ngoaigiao modules they import, whose types
are compiled in). Python imports `x.cpython-*.so` before `x.py`, so after an edit the
old compiled code would run; `install()` (called when the package is imported) checks
the hashes and, when any differs, makes every ngoaigiao module load from its .py, with
a one-line warning. NGOAIGIAO_PURE=1 does the same without a word. With no build
(a plain checkout on PYTHONPATH) nothing is there and nothing is done.
"""
from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
MANIFEST = PACKAGE_DIR / "_compiled.json"
SHARED_LIB = "_native__mypyc"  # the build's one shared library, beside this file

# "compiled": the extensions are in use; "pure": NGOAIGIAO_PURE=1; "stale": a source
# changed since the build (or the build is incomplete); "none": no build at all.
state = "none"
reason = ""


class SourceFirst(importlib.abc.MetaPathFinder):
    """Loads a ngoaigiao module from its .py even where an extension sits beside it."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".", 1)[0] != "ngoaigiao":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            return None  # the usual finders do as they always do
        origin = Path(spec.origin)
        source = origin.with_name(origin.name.split(".", 1)[0] + ".py")
        if not source.is_file():
            return None
        return importlib.util.spec_from_file_location(name, source)


def _built() -> bool:
    return MANIFEST.is_file() or any(
        (PACKAGE_DIR / (SHARED_LIB + s)).is_file() for s in importlib.machinery.EXTENSION_SUFFIXES)


def check() -> str:
    """Why the build cannot be used ("" when it can)."""
    try:
        manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
        sources = manifest["sources"]
        tag = manifest["cache_tag"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        return f"{MANIFEST.name} unreadable ({e.__class__.__name__})"
    if tag != sys.implementation.cache_tag:
        return f"built for {tag}, running {sys.implementation.cache_tag}"
    for rel, digest in sources.items():
        try:
            now = hashlib.sha256((PACKAGE_DIR / rel).read_bytes()).hexdigest()
        except OSError:
            return f"{rel} is gone"
        if now != digest:
            return f"{rel} changed since the build"
    return ""


def install() -> None:
    """Decide once per process whether the compiled modules may be imported."""
    global state, reason
    if not _built():
        state = "none"
        return
    if os.environ.get("NGOAIGIAO_PURE", "") not in ("", "0"):
        state, reason = "pure", "NGOAIGIAO_PURE is set"
    else:
        reason = check()
        if not reason:
            state = "compiled"
            return
        state = "stale"
        print(f"ngoaigiao: compiled modules not used: {reason}; running pure Python "
              f"(rebuild: python scripts/build_compiled.py)", file=sys.stderr)
    if not any(isinstance(f, SourceFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, SourceFirst())
