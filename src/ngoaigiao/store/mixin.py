"""`@mixin`: marks a part of `Store` (store/__init__.py) that is compiled with mypyc.

Store is a Python class made of several mixins; mypyc would make each compiled class a
native (C-level) class, which cannot be one base among several of a Python class. Any
class decorator mypyc does not know keeps the class an ordinary Python class while its
methods are still compiled (scripts/compiled_modules.txt; docs/store.md, "Compiled store
modules"); this one does nothing else, so pure Python runs the same code.

The methods of such a class say `self: Any`: mypyc checks a compiled method's `self` for
the exact class it was compiled in (or a compiled subclass), and Store, a Python subclass,
would fail that test ("IngestMixin object expected"). Methods have no closures either
(a nested function or a lambda that uses a local): mypyc cannot compile one inside a
method of a Python class; module-level functions bound with functools.partial do instead.
"""
from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def mixin(cls: T) -> T:
    return cls
