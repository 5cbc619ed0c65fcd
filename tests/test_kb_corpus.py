"""seeds + dev + dev2 + examples ingested together: what an analyst counts on.
No event without a sortable date where its article has one; no counterparts of
one country; every CAMEO row dated, with a source and a target of two countries."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import REPO, corpus_dir

from ngoaigiao.cli import main
from ngoaigiao.store import open_store

pytestmark = pytest.mark.corpus

_spec = importlib.util.spec_from_file_location("check_kb", REPO / "benchmarks" / "check_kb.py")
check_kb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_kb)


@pytest.fixture(scope="module")
def all_kb(tmp_path_factory):
    dirs = [str(corpus_dir(d)) for d in ("seeds", "dev", "dev2")] + [str(REPO / "examples")]
    db = str(tmp_path_factory.mktemp("kb") / "all.db")
    assert main(["ingest", *dirs, "--db", db]) == 0
    store = open_store(db)
    yield store
    store.close()


def test_analyst_checks(all_kb):
    got = check_kb.checks(all_kb)
    assert got["events"] > 100
    assert got["events_undated_with_dated_article"] == 0
    assert got["same_country_counterpart_pairs"] == 0
    assert got["cameo_rows"] > 50 and got["cameo_rows_bad"] == 0
    assert got["cameo_codes"].get("042") and got["cameo_codes"].get("043")
    assert all_kb.check() == []


def test_state_visit_once_with_its_parts(all_kb):
    """The August 2024 state visit, reported by a seed article and an example: one
    visit, one talks, one signing, each with both reports, all inside the month."""
    events, _ = all_kb.query_events(person="Tô Lâm", since="2024-08", until="2024-08", limit=100)
    by_type = {}
    for e in events:
        by_type.setdefault(e["type"], []).append(e)
    for t in ("visit", "talks", "signing"):
        assert len(by_type.get(t, [])) == 1, (t, by_type.get(t))
        assert by_type[t][0]["n_sources"] == 2
    visit = all_kb.get_event(by_type["visit"][0]["id"])
    assert {p["type"] for p in visit["parts"]} >= {"talks", "signing", "meeting"}
    roles = {p["name"]: p["role"] for p in visit["participants"]}
    assert roles.get("Tô Lâm") == "visitor" and roles.get("Tập Cận Bình") == "host"
