"""Schema 7: near-duplicate signatures stored as bytes and integer bucket keys (issue 11's ingest
speed). A database of schema 6 (signatures as text, buckets as "band:hex") upgrades to exactly
what a new database holds, and near-duplicate detection works the same before and after."""
from __future__ import annotations

import pytest
from kb_support import kb_url, pg_url, table_dump  # noqa: F401  (fixtures)
from test_store_faults import batch_records

from ngoaigiao import resolve
from ngoaigiao.store import open_store, schema
from ngoaigiao.store.db import connect

_V6_LSH = [
    "DROP TABLE IF EXISTS article_lsh", "DROP TABLE IF EXISTS article_minhash",
    "CREATE TABLE article_lsh (band TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id),"
    " PRIMARY KEY (band, article_id))",
    "CREATE TABLE article_minhash (article_id TEXT PRIMARY KEY REFERENCES articles(id), signature TEXT NOT NULL)",
    "CREATE INDEX ix_alsh_article ON article_lsh(article_id)",
]


def _back_to_v6(url: str) -> None:
    """The near-duplicate tables as schema 6 made them, with values of the old format."""
    db = connect(url)
    with db.transaction():
        ids = [r["id"] for r in db.query("SELECT id FROM articles ORDER BY id")]
        for stmt in _V6_LSH:
            db.execute(stmt)
        for i, a in enumerate(ids):
            db.execute("INSERT INTO article_minhash (article_id, signature) VALUES (?, ?)",
                       (a, ",".join(str(i * 1000 + k) for k in range(resolve.NUM_PERM))))
            db.executemany("INSERT INTO article_lsh (band, article_id) VALUES (?, ?)",
                           [(f"{b}:{i:016x}", a) for b in range(resolve.LSH_BANDS)])
        db.execute("DELETE FROM schema_version WHERE version = 7")
    db.close()


def _reprint(rec: dict, rid: str) -> dict:
    return dict(rec, id=rid, raw=rec["raw"] + " (Theo TTXVN)")


def test_version_6_database_upgrades_its_signatures(kb_url):  # noqa: F811
    recs = batch_records(9)
    with open_store(kb_url) as s:
        s.ingest_batch(recs)
        before = table_dump(s)
        blob = s.db.scalar("SELECT signature FROM article_minhash WHERE article_id = 'r004'")
        assert resolve.signature_from_blob(blob) == resolve.minhash_signature(resolve.clean_text(recs[4]))
    _back_to_v6(kb_url)
    with open_store(kb_url) as s:
        assert s.schema_version_before == 6 and s.schema_version == schema.CURRENT_VERSION
        assert s.check() == []
        assert table_dump(s) == before  # signatures and buckets recomputed, as a new database has them
        # detection works on the upgraded tables: a reprint joins its article, alone and in a batch
        assert s.ingest_record(_reprint(recs[2], "reprint-a")) == "r002"
        out = s.ingest_batch([_reprint(recs[5], "reprint-b"), _reprint(recs[7], "reprint-c")])
        assert [aid for _, aid, _ in out] == ["r005", "r007"]


def test_changed_article_leaves_no_buckets_behind(kb_url):  # noqa: F811
    """article_lsh has no index by article: a changed page's old buckets are found from its
    stored signature and removed with it."""
    recs = batch_records(4)
    with open_store(kb_url) as s:
        s.ingest_batch(recs)
        old = set(resolve.lsh_bands(resolve.minhash_signature(resolve.clean_text(recs[1]))))
        changed = dict(recs[1], raw="Một bài khác hẳn\nNội dung mới hoàn toàn về hợp tác văn hóa và thể thao.")
        changed["blocks"] = [{"start": 0, "end": 16, "kind": "title", "reason": None},
                             {"start": 17, "end": len(changed["raw"]), "kind": "body", "reason": None}]
        s.ingest_record(changed)
        rows = {r["band"] for r in s.db.query("SELECT band FROM article_lsh WHERE article_id = 'r001'")}
        assert rows == set(resolve.lsh_bands(resolve.minhash_signature(resolve.clean_text(changed))))
        assert not rows & old
        assert s.db.scalar("SELECT count(*) FROM article_lsh") == 4 * resolve.LSH_BANDS
        assert s.check() == []


@pytest.mark.parametrize("edit", [
    lambda t: t + " (TTXVN)",
    lambda t: "Theo báo điện tử Chính phủ: " + t,
    lambda t: t.replace("Hai bên", "Hai bên đã", 1),
])
def test_reprints_found_other_stories_not(edit):
    """A story with a tag, a lead-in or one word added is a near duplicate; the next story of the
    same series (same leaders, another day and topic) is not."""
    recs = batch_records(6)
    texts = [resolve.clean_text(r) for r in recs]
    sigs = [resolve.minhash_signature(t) for t in texts]
    long_story = " ".join(texts[0].split("\n")) + " " + " ".join(
        f"Hai bên trao đổi về {w} trong thời gian tới, nhất trí tăng cường tham vấn chính trị." for w in
        ("đầu tư", "giáo dục", "y tế", "khoa học", "văn hóa"))
    a, b = resolve.minhash_signature(long_story), resolve.minhash_signature(edit(long_story))
    assert resolve.near_duplicate(a, b) and set(resolve.lsh_bands(a)) & set(resolve.lsh_bands(b))
    assert not any(resolve.near_duplicate(sigs[i], sigs[j]) for i in range(6) for j in range(i + 1, 6))


def test_check_finds_buckets_of_no_article(tmp_path):
    """article_lsh has no foreign key (its checks would scan it): Store.check looks instead."""
    with open_store(str(tmp_path / "kb.db")) as s:
        s.ingest_batch(batch_records(2))
        assert s.check() == []
        s.db.execute("INSERT INTO article_lsh (band, article_id) VALUES (?, ?)", (12345, "gone"))
        assert any("buckets without article" in p for p in s.check())
