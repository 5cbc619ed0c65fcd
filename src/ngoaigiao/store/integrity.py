"""Is the database file sound? SQLite's own checks, for `stats --check` and for writers.

A SQLite file with a few damaged pages still opens and answers most queries;
the damage shows only when a query reaches a bad page, possibly halfway through
an ingest or an export. So:

- `file_problems(db, full)` runs `PRAGMA quick_check` (or `integrity_check`,
  which also compares every index with its table) and returns its findings;
- `refuse_if_damaged(db)` is called by writers (ingest, the web import) before
  the first write: adding articles to a damaged file would only bury the damage;
- `DB_ERRORS` are the driver exceptions any query may raise (also from
  `fetchall`, outside `Database.execute`), which callers turn into one line.

PostgreSQL checks its own pages; these checks are SQLite only.
"""
from __future__ import annotations

import sqlite3

from ngoaigiao.store.db import StoreError


def _driver_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [sqlite3.DatabaseError]
    try:
        import psycopg
        errors.append(psycopg.Error)
    except ImportError:  # pragma: no cover - psycopg is a runtime dependency
        pass
    return tuple(errors)


DB_ERRORS = _driver_errors()
MAX_FINDINGS = 20


def file_problems(db, full: bool = False) -> list[str]:
    """SQLite's findings on the file (empty when sound); [] for other databases."""
    if getattr(db, "dialect", None) != "sqlite" or not hasattr(db, "conn"):
        return []
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = db.conn.execute(f"PRAGMA {pragma}({MAX_FINDINGS})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [f"{pragma}: {exc}"]
    findings = [line for r in rows for line in str(r[0]).splitlines()
                if line.strip() and not line.startswith("*** in database")]
    return [] if findings == ["ok"] else [f"{pragma}: {f}" for f in findings]


def refuse_if_damaged(db) -> None:
    """StoreError (one line) when the SQLite file fails quick_check; nothing is written.
    quick_check reads the whole file (about 1 s per 100 MB): NGOAIGIAO_QUICK_CHECK=0 skips it."""
    import os

    if os.environ.get("NGOAIGIAO_QUICK_CHECK", "1") in ("0", "no", "false"):
        return
    problems = file_problems(db)
    if problems:
        where = getattr(db, "path", None) or getattr(db, "url", "database")
        raise StoreError(f"{where}: database file is damaged ({len(problems)} problem(s), first: "
                         f"{problems[0][:160]}); nothing was written. Restore a backup, or run "
                         f"`sqlite3 {where} .recover` into a new file")


def one_line(db_url: str, exc: BaseException) -> str:
    """A driver exception as the one line a user sees."""
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    first = first.split(" with text '", 1)[0][:200]  # not the damaged bytes themselves
    low = first.lower()
    if "malformed" in low or "not a database" in low or "decode" in low:
        return f"{db_url}: database file is damaged ({first}); run `ngoaigiao stats --check`"
    return f"{db_url}: database error: {first}"


def new_sqlite_file(url: str | None) -> str | None:
    """The SQLite file `url` names when it does not exist yet (a writer would create it), else None."""
    import os

    from ngoaigiao.store.db import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(url))
    if path is None or path == ":memory:" or os.path.exists(path):
        return None
    return path


def discard_if_empty(path: str) -> None:
    """Remove a SQLite file this run created and stored nothing in (with its -wal/-shm)."""
    import os

    for p in (path, path + "-wal", path + "-shm", path + "-journal"):
        try:
            os.remove(p)
        except FileNotFoundError:
            pass
