"""Helpers for the knowledge-base tests: records built from sentences we wrote,
and a `kb_url` fixture parametrised over SQLite and PostgreSQL.

PostgreSQL: NGOAIGIAO_TEST_PG (set by scripts/test.sh from scripts/pg-start.sh)
names a server; each test gets its own schema. Without it the PostgreSQL
cases skip, except in CI (CI=true), where they fail.
"""
from __future__ import annotations

import os
import uuid

import pytest


def span(text: str, needle: str, start: int = 0) -> dict:
    i = text.index(needle, start)
    return {"start": i, "end": i + len(needle), "text": needle}


def make_record(id: str, text: str, *, outlet: str | None = None, published: str | None = None,
                persons=(), events=(), title: str | None = None, url: str | None = None) -> dict:
    """A record in the shape of Article.to_record(with_text=True).
    persons: (name, country, [titles]); events: dicts with type/date/participants/...;
    spans are found in `text`, so every offset points at what it names."""
    first_line = text.split("\n", 1)[0]
    blocks, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            kind = "title" if pos == 0 else ("furniture" if line.startswith("Xem thêm") else "body")
            blocks.append({"start": pos, "end": pos + len(line), "kind": kind, "reason": None})
        pos += len(line) + 1
    recs_p = []
    for name, country, titles in persons:
        mentions = []
        at = 0
        while name in text[at:]:
            s = span(text, name, at)
            mentions.append(s)
            at = s["end"]
        recs_p.append({"name": name, "country": country, "titles": list(titles), "zh": None, "pinyin": None,
                       "name_source": None, "mentions": mentions,
                       "title_evidence": [dict(span(text, t), title=t) for t in titles if t in text]})
    recs_e = []
    for ev in events:
        e = {"type": "meeting", "date": None, "end_date": None, "place": None, "participants": [],
             "countries": [], "documents": [], "cameo": None, "plover": None, "confidence": 0.8,
             "part_of": None, "roles": {}}
        e.update(ev)
        anchor = e["participants"][0] if e["participants"] else first_line
        e["evidence"] = [span(text, anchor)] if anchor in text else []
        recs_e.append(e)
    return {"id": id, "published": published, "title": title or first_line, "url": url or f"https://{outlet}/{id}",
            "outlet": outlet, "author": None, "source": f"{id}.txt", "published_source": "dateline",
            "year_guess": None, "events": recs_e, "persons": recs_p, "blocks": blocks, "raw": text}


def _pg_base() -> str | None:
    url = os.environ.get("NGOAIGIAO_TEST_PG")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but NGOAIGIAO_TEST_PG is unset: scripts/test.sh should start PostgreSQL")
        pytest.skip("NGOAIGIAO_TEST_PG not set (run scripts/pg-start.sh and export its URL)")
    return url


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    import psycopg

    base = _pg_base()
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{name}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {name} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def kb_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return request.getfixturevalue("pg_url")


def table_dump(store) -> dict:
    """Every row of every table (ids included): equal dumps mean nothing changed."""
    out = {}
    for t in ("articles", "article_sources", "article_blocks", "persons", "article_persons", "person_mentions",
              "position_observations", "events", "event_reports", "event_participants", "event_countries",
              "event_documents", "positions", "person_aliases", "article_lsh", "article_minhash", "search_docs"):
        cols = "*" if t not in ("article_sources", "search_docs") else (
            "record_id, article_id, record_hash, content_hash, url, outlet, published, title, source, similarity"
            if t == "article_sources" else "kind, ref, body")
        rows = store.db.query(f"SELECT {cols} FROM {t}")
        out[t] = sorted(repr(sorted(r.items())) for r in rows)
    return out
