"""The knowledge base: articles, persons, positions and events merged across articles.

    from ngoaigiao.store import open_store
    store = open_store()                 # NGOAIGIAO_DB, else ./ngoaigiao.db
    store.ingest_article(article)        # or ingest_record(article.to_record(with_text=True))
    store.get_person("Lê Hoài Trung")

`open_store(url)`: None -> env NGOAIGIAO_DB -> "ngoaigiao.db"; "sqlite:///path"
or a plain path for SQLite; "postgresql://..." for PostgreSQL. Opening
creates or upgrades the schema. Errors a user can act on (not a database,
read-only, disk full, cannot connect) are `StoreError` with a one-line message.
"""
from __future__ import annotations

import json

from ngoaigiao.store import schema
from ngoaigiao.store.db import Database, StoreError, connect, resolve_url
from ngoaigiao.store.export import ExportMixin
from ngoaigiao.store.facets import FacetMixin
from ngoaigiao.store.views import ViewsMixin
from ngoaigiao.store.ingest import IngestMixin, _unpack
from ngoaigiao.store.queries import QueryMixin
from ngoaigiao.store.review import ReviewMixin
from ngoaigiao.store.statement_queries import StatementQueryMixin

__all__ = ["Store", "StoreError", "open_store"]


class Store(IngestMixin, QueryMixin, ExportMixin, ReviewMixin, StatementQueryMixin, FacetMixin, ViewsMixin):
    def __init__(self, db: Database, migrate: bool = True):
        self.db = db
        self.url = db.url
        self.schema_version_before = schema.current_version(db)
        if migrate and self.schema_version_before < schema.CURRENT_VERSION:
            if getattr(db, "readonly", False):
                raise StoreError(f"{db.url}: database is read-only and needs an upgrade to schema "
                                 f"{schema.CURRENT_VERSION}")
            schema.apply(db, schema.CURRENT_VERSION, backfill=self._backfill)
        elif self.schema_version_before > schema.CURRENT_VERSION:
            raise StoreError(f"{db.url}: made by a newer ngoaigiao (schema {self.schema_version_before}, "
                             f"this one knows {schema.CURRENT_VERSION})")

    @property
    def schema_version(self) -> int:
        return schema.current_version(self.db)

    def _backfill(self, versions: list[int]) -> None:
        """Fill the tables migrations added from the data already there (v3 fills
        its own in SQL; v2's need the resolve functions)."""
        if 2 in versions:
            for a in self.db.query("SELECT id, title, clean_text, raw FROM articles"):
                clean = a["clean_text"] if a["clean_text"] is not None else a["raw"]
                self._last_minhash = None
                self._index_minhash(a["id"], clean)
                self._index_search("article", a["id"], " ".join(filter(None, [a["title"], clean])))
            for p in self.db.query("SELECT id FROM persons ORDER BY id"):
                self._recompute_person(p["id"])
            for e in self.db.query("SELECT id FROM events ORDER BY id"):
                self._recompute_event(e["id"])
        if 4 in versions:
            self._backfill_placement()
        if 5 in versions:
            self._backfill_statements()
        if 7 in versions and 2 not in versions:  # signatures of the new shingle hash, stored as bytes
            for a in self.db.query("SELECT id, clean_text, raw FROM articles ORDER BY id"):
                self._last_minhash = None
                self._index_minhash(a["id"], a["clean_text"] if a["clean_text"] is not None else a["raw"])
        if 6 in versions and 2 not in versions:
            self.db.execute("DELETE FROM positions")  # timelines as offices
            for p in self.db.query("SELECT id FROM persons ORDER BY id"):
                self._recompute_person(p["id"])

    def _backfill_placement(self) -> None:
        """Schema 4: every report gets its time placement, sides, principals and roles
        from the archived record; events and counterparts are then recomputed
        (merges made by older rules stay; re-ingest into a new database to redo them)."""
        from ngoaigiao import kb_events, resolve

        for a in self.db.query("SELECT id FROM articles ORDER BY id"):
            blob = self.db.scalar("SELECT record FROM article_sources WHERE record_id = ?", (a["id"],))
            if blob is None:
                continue
            record = _unpack(blob)
            views = kb_events.event_views(record)
            for r in self.db.query("SELECT id, idx, record FROM event_reports WHERE article_id = ?", (a["id"],)):
                if r["idx"] >= len(views):
                    continue
                rep = json.loads(r["record"])
                ids = {resolve.name_key(n): str(p) for n, p in zip(rep.get("participants") or [],
                                                                   rep.get("participant_ids") or [])}
                new = kb_events.report(rep, views[r["idx"]],
                                       lambda n: ids.get(resolve.name_key(n)) or resolve.name_key(n))
                new["participant_ids"] = rep.get("participant_ids") or []
                self.db.execute("UPDATE event_reports SET record = ? WHERE id = ?",
                                (json.dumps(new, ensure_ascii=False), r["id"]))
        self.db.execute("DELETE FROM person_counterparts")
        self.db.execute("DELETE FROM event_participants")
        for e in self.db.query("SELECT id FROM events ORDER BY id"):
            self._recompute_event(e["id"])

    def record_ids(self) -> list[str]:
        return [r["record_id"] for r in self.db.query("SELECT record_id FROM article_sources ORDER BY record_id")]

    def get_record(self, record_id: str) -> dict | None:
        """The record as it was ingested (for re-processing or export)."""
        blob = self.db.scalar("SELECT record FROM article_sources WHERE record_id = ?", (record_id,))
        return _unpack(blob) if blob is not None else None

    def check(self) -> list[str]:
        """Consistency problems (empty when all is well): used by tests and `ngoaigiao stats --check`."""
        probs = []
        q = [
            ("sources without article", "SELECT count(*) FROM article_sources s LEFT JOIN articles a"
             " ON a.id = s.article_id WHERE a.id IS NULL"),
            ("articles without their own source", "SELECT count(*) FROM articles a LEFT JOIN article_sources s"
             " ON s.record_id = a.id WHERE s.record_id IS NULL"),
            ("events without reports", "SELECT count(*) FROM events e WHERE NOT EXISTS"
             " (SELECT 1 FROM event_reports r WHERE r.event_id = e.id)"),
            ("persons without articles", "SELECT count(*) FROM persons p WHERE NOT EXISTS"
             " (SELECT 1 FROM article_persons a WHERE a.person_id = p.id)"),
            ("participants without person", "SELECT count(*) FROM event_participants ep LEFT JOIN persons p"
             " ON p.id = ep.person_id WHERE p.id IS NULL"),
            ("persons with stale derived rows", "SELECT count(*) FROM persons p WHERE n_articles <>"
             " (SELECT count(DISTINCT a.article_id) FROM article_persons a WHERE a.person_id = p.id)"
             " OR NOT EXISTS (SELECT 1 FROM person_aliases x WHERE x.person_id = p.id)"),
            ("events with stale derived rows", "SELECT count(*) FROM events e WHERE n_sources <>"
             " (SELECT count(DISTINCT r.article_id) FROM event_reports r WHERE r.event_id = e.id)"),
            ("statements without reports", "SELECT count(*) FROM statements s WHERE NOT EXISTS"
             " (SELECT 1 FROM statement_reports r WHERE r.statement_id = s.id)"),
            ("near-duplicate buckets without article", "SELECT count(*) FROM article_lsh l LEFT JOIN articles a"
             " ON a.id = l.article_id WHERE a.id IS NULL"),
            ("articles not indexed", "SELECT count(*) FROM articles a WHERE NOT EXISTS"
             " (SELECT 1 FROM search_docs d WHERE d.kind = 'article' AND d.ref = a.id)"),
        ]
        for name, sql in q:
            n = self.db.scalar(sql)
            if n:
                probs.append(f"{n} {name}")
        return probs

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_store(url: str | None = None, migrate: bool = True) -> Store:
    return Store(connect(resolve_url(url)), migrate=migrate)

