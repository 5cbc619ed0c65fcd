"""The schema, as numbered migrations; `schema_version` records what ran.

Plain tables with clear names, so sqlite3, Datasette or psql can read the
database without this package. Offsets (start_char, end_char) are character
offsets into `articles.raw`.

Version 1: articles and their sources, persons, what each article says about
them (article_persons, person_mentions, position_observations), events and
the per-article reports they merge.
Version 2: derived tables for fast reading -- positions (each person's title
timeline), person_aliases, article_lsh (MinHash buckets for near-duplicate
detection), search_docs (+ FTS5 on SQLite, tsvector on PostgreSQL) -- and
the indexes the queries use. Upgrading a version-1 database fills them from
the version-1 tables (see store.Store._backfill).
Version 3: what keeps `person` and filtered `events` fast on a million events --
event_participants.date (a person's latest events straight from an index),
event_countries.type/date (country + type + date filters and counts from one
index), person_counterparts (pair counts kept up to date on ingest).
Version 4: time placement and heads of sides -- events.sort_date and
events.date_precision (day | range | published | month | year, see
kb_events.placement), events.principals (JSON [[side, person id]]);
event_participants.date and event_countries.date now hold the sort_date, and
person_counterparts only pairs across sides. Upgrading recomputes every
report's placement and roles from the archived records (Store._backfill).
Version 5: statements, statement_reports, statement_topics (store/statements.py): what each side
proposed, agreed, pledged and affirmed, merged across outlets like events.
Version 6: offices -- positions.office (the canonical office, "VN / Chính phủ /
Thủ tướng", see offices.py) and positions.variants (JSON: the titles as
written); upgrading recomputes every person's timeline.
Version 7: near-duplicate signatures made cheaper to compute and to store (issue 11's ingest
speed) -- article_minhash.signature is a BLOB of 128 little-endian uint32 (was their text),
article_lsh.band an integer key (was "band:hex" text), the table keyed by (band, article_id)
alone (WITHOUT ROWID on SQLite; an article's buckets are found from its signature, so no
index by article, and no foreign key, whose checks would scan it); both refilled from every stored article's clean text, as the shingle
hash changed too (resolve.gram_hashes).
"""
from __future__ import annotations

from datetime import datetime, timezone

from ngoaigiao.store.statements import SCHEMA as _V5

CURRENT_VERSION = 7

_V1 = """
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,             -- the record id of the first source (file name without extension)
  content_hash TEXT NOT NULL,      -- sha256 of raw
  title TEXT, url TEXT, outlet TEXT, author TEXT,
  published TEXT, published_source TEXT,
  raw TEXT NOT NULL,               -- the decoded page; every span points into it
  clean_text TEXT,                 -- title, body and captions (no furniture)
  ingested_at TEXT
);
CREATE TABLE IF NOT EXISTS article_sources (
  record_id TEXT PRIMARY KEY,      -- one row per ingested record: the article itself and its near-duplicates
  article_id TEXT NOT NULL REFERENCES articles(id),
  record_hash TEXT NOT NULL,       -- sha256 of the record JSON: same hash -> nothing to do
  content_hash TEXT,
  url TEXT, outlet TEXT, published TEXT, title TEXT, source TEXT,
  similarity REAL,                 -- MinHash Jaccard estimate to the stored article (1 for itself)
  record {blob},                   -- the whole record, zlib JSON, to re-derive facts if the article changes
  ingested_at TEXT
);
CREATE TABLE IF NOT EXISTS article_blocks (
  article_id TEXT NOT NULL REFERENCES articles(id),
  start_char INTEGER, end_char INTEGER, kind TEXT, reason TEXT
);
CREATE TABLE IF NOT EXISTS persons (
  id {id},
  name TEXT NOT NULL,              -- canonical form (most frequent spelling with diacritics)
  name_key TEXT NOT NULL,          -- resolve.name_key(name)
  country TEXT,
  zh TEXT, pinyin TEXT, name_source TEXT,
  n_articles INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS article_persons (
  article_id TEXT NOT NULL REFERENCES articles(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  name TEXT NOT NULL,              -- as written in this article
  country TEXT, zh TEXT, pinyin TEXT, name_source TEXT,
  PRIMARY KEY (article_id, person_id, name)
);
CREATE TABLE IF NOT EXISTS person_mentions (
  id {id},
  person_id INTEGER NOT NULL REFERENCES persons(id),
  article_id TEXT NOT NULL REFERENCES articles(id),
  start_char INTEGER, end_char INTEGER, text TEXT
);
CREATE TABLE IF NOT EXISTS position_observations (
  id {id},
  person_id INTEGER NOT NULL REFERENCES persons(id),
  article_id TEXT NOT NULL REFERENCES articles(id),
  title TEXT NOT NULL, title_key TEXT NOT NULL, country TEXT,
  seen_date TEXT,                  -- the date of the person's event in the article, else its publication date
  start_char INTEGER, end_char INTEGER, text TEXT
);
CREATE TABLE IF NOT EXISTS events (
  id {id},
  type TEXT, cameo TEXT, plover TEXT,
  date TEXT, end_date TEXT,
  range_start TEXT, range_end TEXT, -- full days covered (partial dates widened), for overlap tests
  place TEXT,
  part_of INTEGER,                 -- the visit event this one happened during
  confidence REAL,
  n_sources INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS event_reports (
  id {id},
  event_id INTEGER NOT NULL REFERENCES events(id),
  article_id TEXT NOT NULL REFERENCES articles(id),
  idx INTEGER NOT NULL,            -- position in the article record's events list
  type TEXT, date TEXT, end_date TEXT, place TEXT,
  part_of_idx INTEGER,
  record TEXT NOT NULL,            -- the event as the article reported it (JSON, with participant_ids)
  evidence TEXT                    -- JSON list of {start, end, text}
);
CREATE TABLE IF NOT EXISTS event_participants (
  event_id INTEGER NOT NULL REFERENCES events(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  name TEXT, side TEXT, role TEXT,
  PRIMARY KEY (event_id, person_id)
);
CREATE TABLE IF NOT EXISTS event_countries (
  event_id INTEGER NOT NULL REFERENCES events(id),
  country TEXT NOT NULL,
  PRIMARY KEY (event_id, country)
);
CREATE TABLE IF NOT EXISTS event_documents (
  event_id INTEGER NOT NULL REFERENCES events(id),
  name TEXT NOT NULL,
  PRIMARY KEY (event_id, name)
);
CREATE INDEX IF NOT EXISTS ix_sources_article ON article_sources(article_id);
CREATE INDEX IF NOT EXISTS ix_articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS ix_blocks_article ON article_blocks(article_id);
CREATE INDEX IF NOT EXISTS ix_artpersons_person ON article_persons(person_id);
CREATE INDEX IF NOT EXISTS ix_mentions_article ON person_mentions(article_id);
CREATE INDEX IF NOT EXISTS ix_mentions_person ON person_mentions(person_id);
CREATE INDEX IF NOT EXISTS ix_obs_person ON position_observations(person_id);
CREATE INDEX IF NOT EXISTS ix_obs_article ON position_observations(article_id);
CREATE INDEX IF NOT EXISTS ix_reports_event ON event_reports(event_id);
CREATE INDEX IF NOT EXISTS ix_reports_article ON event_reports(article_id);
CREATE INDEX IF NOT EXISTS ix_evpart_person ON event_participants(person_id, event_id);
"""

_V2 = """
CREATE TABLE IF NOT EXISTS positions (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  title TEXT NOT NULL, title_key TEXT NOT NULL,
  first_seen TEXT, last_seen TEXT, n INTEGER,
  sources TEXT,                    -- JSON list of article ids
  PRIMARY KEY (person_id, title_key)
);
CREATE TABLE IF NOT EXISTS person_aliases (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  alias TEXT NOT NULL, alias_key TEXT NOT NULL, alias_fold TEXT NOT NULL, n INTEGER,
  PRIMARY KEY (person_id, alias)
);
CREATE TABLE IF NOT EXISTS article_lsh (
  band TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id),
  PRIMARY KEY (band, article_id)
);
CREATE TABLE IF NOT EXISTS article_minhash (
  article_id TEXT PRIMARY KEY REFERENCES articles(id),
  signature TEXT NOT NULL          -- 128 comma-separated MinHash values
);
CREATE TABLE IF NOT EXISTS search_docs (
  id {id},
  kind TEXT NOT NULL,              -- article | person | event
  ref TEXT NOT NULL,               -- its id
  body TEXT NOT NULL,              -- textnorm.fold of its text: diacritic-free search
  UNIQUE (kind, ref)
);
CREATE INDEX IF NOT EXISTS ix_alias_fold ON person_aliases(alias_fold);
CREATE INDEX IF NOT EXISTS ix_alsh_article ON article_lsh(article_id);
CREATE INDEX IF NOT EXISTS ix_events_date ON events(date, id);
CREATE INDEX IF NOT EXISTS ix_events_type_date ON events(type, date);
CREATE INDEX IF NOT EXISTS ix_events_range ON events(range_start, range_end);
CREATE INDEX IF NOT EXISTS ix_events_part_of ON events(part_of);
CREATE INDEX IF NOT EXISTS ix_evcountry_country ON event_countries(country, event_id);
CREATE INDEX IF NOT EXISTS ix_persons_country ON persons(country);
CREATE INDEX IF NOT EXISTS ix_persons_key ON persons(name_key);
"""

_V3 = """
ALTER TABLE event_participants ADD COLUMN date TEXT;
ALTER TABLE event_countries ADD COLUMN type TEXT;
ALTER TABLE event_countries ADD COLUMN date TEXT;
UPDATE event_participants SET date = (SELECT e.date FROM events e WHERE e.id = event_participants.event_id);
UPDATE event_countries SET type = (SELECT e.type FROM events e WHERE e.id = event_countries.event_id),
  date = (SELECT e.date FROM events e WHERE e.id = event_countries.event_id);
CREATE TABLE IF NOT EXISTS person_counterparts (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  other_id INTEGER NOT NULL REFERENCES persons(id),
  n INTEGER NOT NULL,              -- events the two took part in together
  PRIMARY KEY (person_id, other_id)
);
INSERT INTO person_counterparts (person_id, other_id, n)
  SELECT a.person_id, b.person_id, count(*) FROM event_participants a
  JOIN event_participants b ON b.event_id = a.event_id AND b.person_id <> a.person_id
  GROUP BY a.person_id, b.person_id;
CREATE INDEX IF NOT EXISTS ix_evpart_person_date ON event_participants(person_id, date, event_id);
CREATE INDEX IF NOT EXISTS ix_evcountry_type_date ON event_countries(country, type, date, event_id);
CREATE INDEX IF NOT EXISTS ix_evcountry_date ON event_countries(country, date, event_id);
CREATE INDEX IF NOT EXISTS ix_counterparts_n ON person_counterparts(person_id, n);
"""

_V4 = """
ALTER TABLE events ADD COLUMN sort_date TEXT;
ALTER TABLE events ADD COLUMN date_precision TEXT;
ALTER TABLE events ADD COLUMN principals TEXT;
CREATE INDEX IF NOT EXISTS ix_events_sort ON events(sort_date, id);
CREATE INDEX IF NOT EXISTS ix_events_type_sort ON events(type, sort_date);
"""

_V6 = """
ALTER TABLE positions ADD COLUMN office TEXT;
ALTER TABLE positions ADD COLUMN variants TEXT;
"""

_V7 = """
DROP TABLE IF EXISTS article_lsh;
DROP TABLE IF EXISTS article_minhash;
CREATE TABLE IF NOT EXISTS article_lsh (
  band {int64} NOT NULL,           -- resolve.lsh_bands: one bucket key per band of the signature
  article_id TEXT NOT NULL,        -- no foreign key: with no index by article, every write or delete
  PRIMARY KEY (band, article_id)   -- of an articles row would scan this table to check it (Store.check does)
){without_rowid};
CREATE TABLE IF NOT EXISTS article_minhash (
  article_id TEXT PRIMARY KEY REFERENCES articles(id),
  signature {blob} NOT NULL        -- resolve.signature_bands: 128 little-endian uint32 MinHash values
);
"""

# Statements kept whole: trigger bodies contain ';'.
_FTS_SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(body, content='search_docs', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS search_docs_ai AFTER INSERT ON search_docs BEGIN "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_docs_ad AFTER DELETE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_docs_au AFTER UPDATE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
]

_FTS_POSTGRES = """
ALTER TABLE search_docs ADD COLUMN IF NOT EXISTS tsv tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED;
CREATE INDEX IF NOT EXISTS ix_search_tsv ON search_docs USING GIN (tsv);
"""


def _render(sql: str, dialect: str) -> list[str]:
    if dialect == "sqlite":
        sql = sql.replace("{id}", "INTEGER PRIMARY KEY").replace("{blob}", "BLOB")
        sql = sql.replace("{int64}", "INTEGER").replace("{without_rowid}", " WITHOUT ROWID")
    else:
        sql = sql.replace("{id}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY").replace("{blob}", "BYTEA")
        sql = sql.replace("{int64}", "BIGINT").replace("{without_rowid}", "")
    # Strip comments, split statements (no ';' inside our literals except in triggers, handled apart).
    lines = [ln.split("--", 1)[0] for ln in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def migration_statements(version: int, dialect: str) -> list[str]:
    if version == 1:
        return _render(_V1, dialect)
    if version == 2:
        stmts = _render(_V2, dialect)
        if dialect == "sqlite":
            stmts.extend(_FTS_SQLITE)
        else:
            stmts.extend(_render(_FTS_POSTGRES, dialect))
        return stmts
    if version == 3:
        return _render(_V3, dialect)
    if version == 4:
        return _render(_V4, dialect)
    if version == 5:
        return _render(_V5, dialect)
    if version == 6:
        return _render(_V6, dialect)
    if version == 7:
        return _render(_V7, dialect)
    raise ValueError(f"no migration {version}")


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def current_version(db) -> int:
    if db.dialect == "sqlite":
        exists = db.scalar("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_version'")
    else:
        exists = db.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name='schema_version' "
                           "AND table_schema=current_schema()")
    if not exists:
        return 0
    return db.scalar("SELECT max(version) FROM schema_version") or 0


def apply(db, target: int = CURRENT_VERSION, backfill=None) -> int:
    """Bring the database to `target` in one transaction (a crash leaves the old
    version intact). After every migration's statements ran, `backfill(versions)`
    fills derived tables from existing data with the current code (only when
    upgrading, not when creating). Returns the version before."""
    before = current_version(db)
    if before >= target:
        return before
    with db.transaction():
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
        for version in range(before + 1, target + 1):
            for stmt in migration_statements(version, db.dialect):
                db.execute(stmt)
            db.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (version, now()))
        if backfill is not None and before > 0:
            backfill(list(range(before + 1, target + 1)))
    return before
