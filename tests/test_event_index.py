"""The in-memory event index (store/event_index.py) answers exactly as the SQL of
store/facets.py, on a store with a few hundred events of every shape: dates of each
precision and none, unknown types and places, events with no country and with more
countries than the index's padded matrix holds, levels, source counts 0..7, scored and
unscored events. Hundreds of random filter combinations, every answer compared."""
from __future__ import annotations

import random

import pytest

from ngoaigiao.filters import parse_event_filters
from ngoaigiao.store import event_index, open_store
from web_fixtures import fixture_records

TYPES = ["talks", "meeting", "phone_call", "visit", "signing", "message", "other", None]
PLACES = ["Hà Nội", "Bắc Kinh", "Viêng Chăn", "Tokyo", "Singapore", None]
CAMEO = ["040", "042", "043", "057", "036", None]
PLOVER = ["CONSULT", "AGREE", "COOPERATE", None]
COUNTRIES = ["VN", "CN", "LA", "JP", "US", "KH", "TH", "ID", "MY", "SG", "PH", "KR"]
LEVELS = ["party", "state", "government", "assembly", "ministry", "province"]


def _date(rng: random.Random) -> str | None:
    y, m, d = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([f"{y}-{m:02d}-{d:02d}"] * 4 + [f"{y}-{m:02d}", f"{y}", None])


def _build(path, partial_sort_dates: bool):
    st = open_store(str(path))
    for rec in fixture_records():
        st.ingest_record(rec)
    st.ensure_facets()
    rng = random.Random(15)
    persons = [r["id"] for r in st.db.query("SELECT id FROM persons")]
    first = (st.db.scalar("SELECT max(id) FROM events") or 0) + 1
    with st.db.transaction():
        for i in range(first, first + 600):
            date = _date(rng)
            # the kb's sort_date is a full day (or none); partial ones test the index's general case
            sort_date = date if partial_sort_dates or not date else date + {10: "", 7: "-15", 4: "-06-15"}[len(date)]
            conf = rng.choice([None, round(rng.random(), 3)])
            st.db.execute("INSERT INTO events (id, type, cameo, plover, date, sort_date, place, confidence, n_sources)"
                          " VALUES (?,?,?,?,?,?,?,?,?)", (i, rng.choice(TYPES), rng.choice(CAMEO), rng.choice(PLOVER),
                                                          date, sort_date, rng.choice(PLACES), conf, rng.randint(0, 7)))
            k = rng.choice([0, 1, 2, 2, 2, 3, 11])  # 11: more than the padded matrix's width
            for c in rng.sample(COUNTRIES, k):
                st.db.execute("INSERT INTO event_countries (event_id, country) VALUES (?,?)", (i, c))
            for lv in rng.sample(LEVELS, rng.choice([0, 1, 1, 2])):
                st.db.execute("INSERT INTO event_levels (event_id, level) VALUES (?,?)", (i, lv))
            for pid in rng.sample(persons, min(len(persons), rng.choice([0, 1, 2]))):
                st.db.execute("INSERT INTO event_participants (event_id, person_id, name) VALUES (?,?,?)",
                              (i, pid, "x"))
    return st


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st = _build(tmp_path_factory.mktemp("index") / "kb.db", partial_sort_dates=True)
    yield st
    st.close()


@pytest.fixture(scope="module")
def day_store(tmp_path_factory):
    st = _build(tmp_path_factory.mktemp("index-days") / "kb.db", partial_sort_dates=False)
    yield st
    st.close()


def _random_params(rng: random.Random, names: list[str]) -> dict:
    p: dict = {}
    for _ in range(rng.choice([0, 1, 1, 2, 3, 4])):
        kind = rng.choice(["type", "place", "cameo", "plover", "country", "level", "sources", "dates",
                           "confidence", "sort", "person", "match"])
        if kind == "type":
            p["type"] = rng.sample([t for t in TYPES if t], rng.choice([1, 2]))
        elif kind == "place":
            p["place"] = rng.sample([x for x in PLACES if x], rng.choice([1, 2]))
        elif kind == "cameo":
            p["cameo"] = rng.choice(["04", "042", "05", "03"])
        elif kind == "plover":
            p["plover"] = rng.choice([x for x in PLOVER if x])
        elif kind in ("country", "match"):
            p["country"] = rng.sample(COUNTRIES, rng.choice([1, 2, 3]))
            if kind == "match":
                p["match"] = "all"
        elif kind == "level":
            p["level"] = rng.sample(LEVELS, rng.choice([1, 2]))
        elif kind == "sources":
            p["sources"] = rng.sample(["1", "2", "3", "4", "5+"], rng.choice([1, 2]))
        elif kind == "dates":
            y = rng.randint(2015, 2025)
            p["since"] = rng.choice([f"{y}", f"{y}-03", f"{y}-03-15"])
            if rng.random() < 0.7:
                p["until"] = rng.choice([f"{y + 1}", f"{y + 1}-06", f"{y + 1}-06-30"])
        elif kind == "confidence":
            p["min_confidence"] = rng.choice(["0.5", "0.8"])
        elif kind == "sort":
            p["sort"], p["order"] = rng.choice(["date", "type", "sources"]), rng.choice(["asc", "desc"])
        elif kind == "person":
            p["person"] = rng.choice(names)
    return p


@pytest.mark.parametrize("width", [event_index._PAD_WIDTH, 2])
def test_index_answers_as_the_sql_on_random_views(store, monkeypatch, width):
    monkeypatch.setattr(event_index, "_PAD_WIDTH", width)  # 2: many events' countries overflow the matrix
    store.__dict__.pop("_index_cache", None)
    idx = store.event_index()
    assert idx.countries.over_ev.size > 0 and idx.n > 600
    names = [r["name"] for r in store.db.query("SELECT name FROM persons ORDER BY id LIMIT 5")]
    rng = random.Random(width)
    checked = 0
    for _ in range(150):
        params = _random_params(rng, names)
        f = parse_event_filters(params)
        offset = rng.choice([0, 0, 10])
        rows, total = store.filter_events(f, limit=40, offset=offset)
        rows2, total2 = store._sql_filter_events(f, 40, offset)
        assert ([r["id"] for r in rows], total) == ([r["id"] for r in rows2], total2), params
        assert store.event_facets(f) == store._sql_event_facets(f), params
        assert store.month_counts(f) == store._sql_month_counts(f), params
        assert store.month_counts(f, "country") == store._sql_month_counts(f, "country"), params
        assert store.place_counts(f) == store._sql_place_counts(f), params
        checked += bool(total)
    assert checked > 50  # most views select something: the comparisons are not of empty answers
    store.__dict__.pop("_index_cache", None)


def test_unfiltered_facets_are_the_totals(store):
    """The counts kept from the build (no filter: no pass over the events) are the SQL's."""
    f = parse_event_filters({})
    assert store.event_facets(f) == store._sql_event_facets(f)
    assert store.event_facets(f, size=100)["country"] == store._sql_event_facets(f, size=100)["country"]


def test_dashboard_numbers_from_the_index_are_those_of_stats(day_store, store):
    fast, slow = day_store.dashboard_stats(), day_store.stats()
    assert day_store.event_index().odd_dates == 0      # computed from the index, not a fallback
    assert fast["events_per_month_by_type"] == slow["events_per_month_by_type"]
    assert list(fast["events_per_month_by_type"]) == list(slow["events_per_month_by_type"])  # months in order
    assert fast["top_counterparts"] == slow["top_counterparts"] and len(fast["top_counterparts"]) > 5
    assert [e["id"] for e in fast["latest_events"]] == [e["id"] for e in slow["latest_events"]]
    assert all(fast["counts"][k] == slow["counts"][k] for k in ("articles", "persons", "events"))
    # partial sort dates (not the kb's, but possible in an older store): stats() answers
    assert store.event_index().odd_dates > 0
    assert store.dashboard_stats()["events_per_month_by_type"] == store.stats()["events_per_month_by_type"]
