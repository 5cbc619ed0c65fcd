"""The store's mypyc-compiled modules (scripts/compiled_modules.txt) store what pure Python stores.

The Store mixins are compiled as Python classes (store/mixin.py); a compiled method checks
its `self`, so this also shows that Store, a Python subclass of them, ingests compiled.
"""
from __future__ import annotations

import json

from test_compiled import SRC, WRITTEN, _manifest, _run

# Every table of a fresh knowledge base after the written fixtures were ingested in batches of 7
# (the in-memory batch path) and then once more one by one (the per-record path): one line per
# table, its rows sorted, timestamps left out.
DUMP = """
import hashlib, json, sqlite3, sys, tempfile
from pathlib import Path
import ngoaigiao.compiled as c
import ngoaigiao.store.ingest as ingest
from ngoaigiao.pipeline import process
from ngoaigiao.store import open_store
recs = [process(p.read_bytes(), id=p.stem).to_record(with_text=True) for p in sorted(Path(WRITTEN).glob('*.txt'))]
path = str(Path(tempfile.mkdtemp()) / 'kb.db')
store = open_store(path)
for i in range(0, len(recs), 7):
    assert all(err is None for _, _, err in store.ingest_batch(recs[i:i + 7]))
for r in recs[:5]:
    store.ingest_record(r)
store.close()
db = sqlite3.connect(path)
print(json.dumps([c.state, Path(ingest.__file__).suffix, len(recs)]))
for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'search_fts_%' ORDER BY name"):
    cols = [r[1] for r in db.execute(f'PRAGMA table_info("{t}")') if not r[1].endswith('_at')]
    rows = sorted(repr(r) for r in db.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{t}"'))
    print(t, len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest())
"""


def test_compiled_and_pure_store_the_same():
    _manifest()
    code = DUMP.replace("Path(WRITTEN)", f"Path({str(WRITTEN)!r})")
    fast = _run(SRC, code).stdout.splitlines()
    pure = _run(SRC, code, NGOAIGIAO_PURE="1").stdout.splitlines()
    state_fast, state_pure = json.loads(fast[0]), json.loads(pure[0])
    assert (state_fast[:2], state_pure[:2]) == (["compiled", ".so"], ["pure", ".py"])
    assert state_fast[2] > 50
    tables = {line.split()[0]: int(line.split()[1]) for line in fast[1:]}
    assert tables["events"] > 20 and tables["persons"] > 50 and tables["statements"] > 0
    assert fast[1:] == pure[1:]
