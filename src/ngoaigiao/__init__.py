"""ngoaigiao: Vietnamese diplomatic news in, a queryable record of who met whom out."""
__version__ = "0.1.0"

# Before any other ngoaigiao module is imported: use the mypyc-compiled extraction modules
# only if they were built from the sources as they are now (ngoaigiao/compiled.py).
from ngoaigiao import compiled as _compiled  # noqa: E402

_compiled.install()
