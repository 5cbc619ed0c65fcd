"""Connections: one small wrapper over sqlite3 and psycopg 3.

SQL in the store is written once with `?` placeholders and portable syntax
(ON CONFLICT, RETURNING); the PostgreSQL wrapper turns `?` into `%s`. The
few dialect differences (id columns, blobs, full-text search) are handled
in schema.py and search.py by looking at `Database.dialect`.
"""
from __future__ import annotations

import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path

DEFAULT_DB = "ngoaigiao.db"


class StoreError(Exception):
    """A database problem a user can act on: one line, no traceback."""


def resolve_url(url: str | None) -> str:
    return url or os.environ.get("NGOAIGIAO_DB") or DEFAULT_DB


def sqlite_path(url: str) -> str | None:
    """The file (or ":memory:") a SQLite URL names; None for a PostgreSQL URL."""
    if url.startswith(("postgresql://", "postgres://")):
        return None
    return url[len("sqlite:///"):] if url.startswith("sqlite:///") else url


def _sqlite_message(path: str, exc: Exception) -> str:
    msg = str(exc)
    low = msg.lower()
    if "malformed" in low:
        return f"{path}: database file is damaged ({msg}); see `ngoaigiao stats --check`"
    if "not a database" in low:
        return f"{path}: not a ngoaigiao database (file is not SQLite or is damaged)"
    if "readonly" in low or "read-only" in low:
        return f"{path}: database is read-only (check file and directory permissions)"
    if "full" in low:
        return f"{path}: disk or database full; the last article was not stored, earlier ones are intact"
    if "unable to open" in low:
        return f"{path}: cannot open database (missing directory or no permission)"
    if "locked" in low or "busy" in low:
        return f"{path}: database is locked by another process"
    return f"{path}: database error: {msg}"


class Database:
    dialect = "sqlite"

    def __init__(self, url: str):
        self.url = url

    # -- the whole store speaks through these --------------------------
    def execute(self, sql: str, params=()):
        raise NotImplementedError

    def executemany(self, sql: str, rows):
        raise NotImplementedError

    def query(self, sql: str, params=()) -> list[dict]:
        cur = self.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def one(self, sql: str, params=()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params=()):
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    def insert_id(self, sql: str, params=()) -> int:
        """Run an INSERT ... RETURNING id and give the id."""
        return self.execute(sql + " RETURNING id", params).fetchone()[0]


class SQLiteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, url: str):
        super().__init__(url)
        path = sqlite_path(url)
        self.path = path
        if path != ":memory:":
            parent = Path(path).resolve().parent
            if not parent.is_dir():
                raise StoreError(f"{path}: cannot open database (directory {parent} does not exist)")
        exists = path != ":memory:" and os.path.exists(path)
        # A file we cannot write (permissions, read-only mount) is opened read-only:
        # queries work, writes fail with a clear message.
        self.readonly = exists and not (os.access(path, os.W_OK)
                                        and os.access(Path(path).resolve().parent, os.W_OK))
        try:
            self.conn = self._connect(path)
        except sqlite3.Error as exc:
            raise StoreError(_sqlite_message(path, exc)) from None

    def _connect(self, path: str) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, one per article.
        opts = dict(isolation_level=None, timeout=30, check_same_thread=False)
        if self.readonly:
            uri = Path(path).resolve().as_uri()
            try:
                conn = sqlite3.connect(uri + "?mode=ro", uri=True, **opts)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # A WAL database on a read-only filesystem has no -shm to share: read it as immutable.
                conn = sqlite3.connect(uri + "?immutable=1", uri=True, **opts)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        conn = sqlite3.connect(path, **opts)
        conn.execute("PRAGMA foreign_keys=ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal" and path != ":memory:":
            conn.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a crash loses no committed article
        conn.execute("PRAGMA cache_size=-65536")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn

    def execute(self, sql, params=()):
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            if any(w in str(exc).lower() for w in ("readonly", "full", "not a database", "locked", "disk i/o")):
                raise StoreError(_sqlite_message(self.path, exc)) from None
            raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(_sqlite_message(self.path, exc)) from None

    def executemany(self, sql, rows):
        try:
            return self.conn.executemany(sql, rows)
        except sqlite3.DatabaseError as exc:
            raise StoreError(_sqlite_message(self.path, exc)) from None

    def executescript(self, sql):
        try:
            return self.conn.executescript(sql)
        except sqlite3.DatabaseError as exc:
            raise StoreError(_sqlite_message(self.path, exc)) from None

    @contextmanager
    def transaction(self):
        self.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            raise
        else:
            try:
                self.execute("COMMIT")
            except BaseException:
                # A commit can fail (a deferred foreign key, a full disk) and leave the
                # transaction open: roll it back so the connection can go on.
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def close(self):
        self.conn.close()


_QMARK = re.compile(r"\?")
WRITER_LOCK = 0x6E67616F  # "ngao": the advisory lock key of ngoaigiao writers


class PostgresDatabase(Database):
    dialect = "postgresql"

    def __init__(self, url: str):
        super().__init__(url)
        try:
            import psycopg
        except ImportError:  # pragma: no cover - psycopg is a runtime dependency
            raise StoreError("PostgreSQL support needs psycopg (pip install 'psycopg[binary]')") from None
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"{_safe(url)}: cannot connect to PostgreSQL: {first}") from None
        self._in_tx = False

    def _sql(self, sql: str) -> str:
        return _QMARK.sub("%s", sql)

    def execute(self, sql, params=()):
        try:
            return self.conn.execute(self._sql(sql), params)
        except self._psycopg.errors.DiskFull as exc:
            raise StoreError(f"{_safe(self.url)}: disk full: {exc}".splitlines()[0]) from None
        except self._psycopg.errors.ReadOnlySqlTransaction:
            raise StoreError(f"{_safe(self.url)}: database is read-only") from None
        except self._psycopg.errors.InsufficientPrivilege as exc:
            raise StoreError(f"{_safe(self.url)}: permission denied: {exc}".splitlines()[0]) from None
        except self._psycopg.OperationalError as exc:
            raise StoreError(f"{_safe(self.url)}: database error: {exc}".splitlines()[0]) from None

    def executemany(self, sql, rows):
        with self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), list(rows))
            return cur

    @contextmanager
    def transaction(self):
        with self.conn.transaction():
            # One writer at a time, as SQLite's BEGIN IMMEDIATE gives: two ingests
            # running at once must not both create the same new person or event.
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
            yield

    def close(self):
        self.conn.close()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def connect(url: str | None) -> Database:
    url = resolve_url(url)
    if sqlite_path(url) is None:
        return PostgresDatabase(url)
    return SQLiteDatabase(url)
