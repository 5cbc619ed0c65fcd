"""A batch of new records is resolved in memory and written once per table
(store/batch_state.py, issue 11): the database must be exactly what storing the same
records one per transaction gives -- ids, merges, timelines, counterparts, levels --
on SQLite and PostgreSQL, whatever the batches hold (reprints inside a batch, a
changed record that takes the per-article path, persons and events of earlier
batches)."""
from __future__ import annotations

from kb_support import kb_url, make_record, pg_url, table_dump  # noqa: F401  (fixtures)
from test_store_batch_writes import records

from ngoaigiao.store import open_store

MORE = ("person_counterparts", "statements", "statement_reports", "statement_topics", "event_levels")


def full_dump(store) -> dict:
    """Every row of every table, but the time of ingest (two stores are compared here)."""
    out = table_dump(store)
    out["articles"] = sorted(repr(sorted((k, v) for k, v in r.items() if k != "ingested_at"))
                             for r in store.db.query("SELECT * FROM articles"))
    for t in MORE:
        if store._has_table(t):  # event_levels: once the facets are used
            out[t] = sorted(repr(sorted(r.items())) for r in store.db.query(f"SELECT * FROM {t}"))
    return out


def corpus() -> list[dict]:
    recs = records(14)
    # A Lao namesake of a Vietnamese leader, on the day of another meeting: two persons.
    recs.append(make_record("laos1", "Chủ tịch Quốc hội Tô Lâm tiếp đoàn Lào\nNgày 3/5, Tô Lâm tiếp đoàn.",
                            published="2024-05-03", persons=[("Tô Lâm", "LA", ["Chủ tịch Quốc hội"])],
                            events=[{"type": "meeting", "date": "2024-05-03", "participants": ["Tô Lâm"],
                                     "countries": ["LA"]}]))
    # A reprint (same text, another id) and a near reprint (one letter changed), in the same batch.
    recs.insert(3, dict(recs[2], id="a002-copy", outlet="reprint.vn"))
    raw = recs[2]["raw"]
    recs.insert(4, dict(recs[2], id="a002-near", raw=raw[:-3] + "x" + raw[-2:]))
    return recs


def ingest_batches(store, recs: list[dict], size: int) -> None:
    for i in range(0, len(recs), size):
        assert all(exc is None for _, _, exc in store.ingest_batch(recs[i:i + size]))


def test_batches_equal_one_record_per_transaction(kb_url, tmp_path):  # noqa: F811
    recs = corpus()
    changed = dict(recs[1], raw=recs[1]["raw"].replace("thương mại", "giáo dục"), title="Bài đã sửa")
    later = records(20)[14:]
    reference = str(tmp_path / "reference.db")
    with open_store(reference) as ref:
        for r in recs:
            ref.ingest_record(r)
        ref.ensure_facets()  # from here on the ingest keeps event_levels too
        for r in [changed, *later]:
            ref.ingest_record(r)
        want = full_dump(ref)
    with open_store(kb_url) as store:
        ingest_batches(store, recs, 6)
        store.ensure_facets()
        ingest_batches(store, [changed, later[0]], 6)  # a changed record: the per-article path
        ingest_batches(store, later[1:], 6)            # new ids after that batch's removals
        now = [changed if r is recs[1] else r for r in recs] + later
        ingest_batches(store, now[::-1], 7)            # unchanged: nothing to do
        assert full_dump(store) == want
        assert store.check() == []
        if store.db.dialect == "sqlite":
            assert store.db.query("PRAGMA foreign_key_check") == []


def test_batch_of_one_and_of_all(tmp_path):
    recs = corpus()
    dumps = []
    for size in (1, len(recs)):
        with open_store(str(tmp_path / f"kb{size}.db")) as store:
            ingest_batches(store, recs, size)
            dumps.append(full_dump(store))
    assert dumps[0] == dumps[1]
    assert any("a002-copy" in row for row in dumps[1]["article_sources"])  # the reprints are sources
    assert sum("'a002'" in row for row in dumps[1]["article_sources"]) == 3


def test_statements_merged_inside_a_batch_and_across_batches(kb_url, tmp_path):  # noqa: F811
    """Two outlets' reports of one meeting make one statement with two sources, whether the
    second report comes in the same batch or a later one."""
    from test_statements_kb import CALL_2025, MEETING_2024, MEETING_2024_OTHER, TALKS_2023

    from ngoaigiao.pipeline import process

    recs = [process(t, id=f"m{i}").to_record(with_text=True)
            for i, t in enumerate([MEETING_2024, TALKS_2023, MEETING_2024_OTHER, CALL_2025])]
    with open_store(str(tmp_path / "reference.db")) as ref:
        for r in recs:
            ref.ingest_record(r)
        want = full_dump(ref)
    assert any("('n_sources', 2)" in row for row in want["statements"])
    with open_store(kb_url) as store:
        ingest_batches(store, recs, len(recs))
        assert full_dump(store) == want
    with open_store(str(tmp_path / "two.db")) as store:
        ingest_batches(store, recs, 2)  # the other outlet's report repeats a stored statement
        assert full_dump(store) == want


def test_a_commit_that_fails_is_rolled_back(tmp_path):
    """Foreign keys are checked at the commit of a batch (SQLite): a commit that fails must
    leave no transaction open, nothing of it stored, and the store usable."""
    import pytest

    from ngoaigiao.store.db import StoreError

    with open_store(str(tmp_path / "kb.db")) as store:
        with pytest.raises(StoreError):
            with store.db.transaction():
                store.db.execute("PRAGMA defer_foreign_keys = ON")
                store.db.execute("INSERT INTO article_blocks (article_id, start_char) VALUES ('missing', 0)")
        assert not store.db.conn.in_transaction
        assert store.db.scalar("SELECT count(*) FROM article_blocks") == 0
        ingest_batches(store, records(2), 2)
        assert store.check() == []
