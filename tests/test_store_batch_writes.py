"""The ingest's shortcuts (issue 11, speed): what a batch writes without reading it back
must be what recomputing from the stored rows gives; search rows held back to the end
of the transaction are all there, in one FTS segment, and none of a rolled-back batch."""
from __future__ import annotations

import re

import pytest
from kb_support import kb_url, make_record, pg_url  # noqa: F401  (fixtures)

from ngoaigiao import resolve
from ngoaigiao.store import open_store

LEADERS = [("Tô Lâm", "VN", "Tổng Bí thư"), ("Phạm Minh Chính", "VN", "Thủ tướng"),
           ("Tập Cận Bình", "CN", "Chủ tịch nước Trung Quốc"), ("Vương Nghị", "CN", "Bộ trưởng Ngoại giao")]


def records(n: int) -> list[dict]:
    """n articles; every second one reports the meeting of the one before it (another outlet)."""
    out = []
    for i in range(n):
        k = i - i % 2
        vn, cn = LEADERS[k % 2], LEADERS[2 + (k // 2) % 2]
        day = f"2024-{1 + k % 12:02d}-{1 + k % 27:02d}"
        if i % 2 == 0:
            text = (f"{vn[2]} {vn[0]} hội kiến {cn[2]} {cn[0]}\n"
                    f"Ngày {int(day[8:])}/{int(day[5:7])}, tại Hà Nội, {vn[2]} {vn[0]} đã hội kiến {cn[2]} "
                    f"{cn[0]}. Hai bên nhất trí thúc đẩy hợp tác thương mại, mã bài b{i}q.")
        else:  # the same meeting in other words: another article, not a reprint
            text = (f"Lãnh đạo hai nước gặp nhau tại thủ đô\n"
                    f"Tiếp {cn[0]} đang ở thăm, {vn[0]} đề nghị mở rộng giao lưu nhân dân và kết nối "
                    f"giao thông giữa các địa phương giáp biên. Ghi chú b{i}q.")
        out.append(make_record(f"a{i:03d}", text, outlet=f"outlet{i % 3}.vn", published=day,
                               persons=[(vn[0], vn[1], [vn[2]]), (cn[0], cn[1], [cn[2]])],
                               events=[{"type": "meeting", "date": day, "place": "Hà Nội",
                                        "participants": [vn[0], cn[0]], "countries": ["VN", "CN"]}]))
    return out


DERIVED = {  # table -> columns: what the recomputes write
    "events": "*", "event_participants": "*", "event_countries": "*", "event_documents": "*",
    "persons": "*", "person_aliases": "*", "positions": "*", "person_counterparts": "*",
    "statements": "*", "statement_topics": "*", "search_docs": "kind, ref, body",
}


def derived_dump(store) -> dict:
    return {t: sorted(repr(sorted(r.items())) for r in store.db.query(f"SELECT {cols} FROM {t}"))
            for t, cols in DERIVED.items()}


def recompute_all(store) -> None:
    """Every event, person and statement derived again from its stored rows, the slow way."""
    with store._writing():
        for e in store.db.query("SELECT id FROM events ORDER BY id"):
            store._recompute_event(e["id"])
        for p in store.db.query("SELECT id FROM persons ORDER BY id"):
            store._recompute_person(p["id"])
        for s in store.db.query("SELECT id FROM statements ORDER BY id"):
            store._recompute_statement(s["id"])


def test_batch_shortcuts_equal_a_recompute_corpus(tmp_path, seeds_dir, dev_dir):
    """Real pages: seeds + dev extracted and ingested ten per transaction (merges cross
    batches); recomputing every event, person and statement afterwards changes nothing."""
    from ngoaigiao.pipeline import process

    files = sorted([*seeds_dir.glob("*.txt"), *dev_dir.glob("*.txt")])
    recs = [process(f.read_bytes(), id=f.stem, source=str(f)).to_record(with_text=True) for f in files]
    with open_store(str(tmp_path / "kb.db")) as store:
        for i in range(0, len(recs), 10):
            assert all(exc is None for _, _, exc in store.ingest_batch(recs[i:i + 10]))
        assert store.db.scalar("SELECT count(*) FROM statements") > 0  # the statement shortcut was taken
        before = derived_dump(store)
        recompute_all(store)
        assert derived_dump(store) == before
        assert store.check() == []


def test_batch_shortcuts_equal_a_recompute(kb_url):  # noqa: F811
    """The same on records we wrote, on SQLite and PostgreSQL, with a changed record
    re-ingested inside a later batch (its old facts removed, search rows updated)."""
    recs = records(12)
    with open_store(kb_url) as store:
        store.ingest_batch(recs[:6])
        changed = dict(recs[1], raw=recs[1]["raw"].replace("thương mại", "giáo dục"), title="Bài đã sửa")
        store.ingest_batch([changed, *recs[6:]])
        before = derived_dump(store)
        recompute_all(store)
        assert derived_dump(store) == before
        assert store.check() == []
        assert [a["id"] for a in store.search("bai da sua")["articles"]] == ["a001"]


def test_search_rows_of_a_batch_all_there_in_one_segment(tmp_path):
    recs = records(20)
    with open_store(str(tmp_path / "kb.db")) as store:
        store.ingest_batch(recs)
        n_docs = store.db.scalar("SELECT count(*) FROM search_docs")
        n_objects = sum(store.db.scalar(f"SELECT count(*) FROM {t}") for t in ("articles", "persons", "events"))
        assert n_docs == n_objects
        # written in one statement at the end: one FTS segment, not one per document
        assert store.db.scalar("SELECT count(DISTINCT segid) FROM search_fts_idx") == 1
        store.db.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")  # raises if damaged
        found = store.search("to lam")
        assert found["persons"] and found["persons"][0]["name"] == "Tô Lâm"
        assert [a["id"] for a in store.search("b6q")["articles"]] == ["a006"]
        assert store.search("ha noi")["events"]


def test_failed_batch_leaves_no_search_rows(kb_url, monkeypatch):  # noqa: F811
    """A record the store cannot take rolls its batch back (held-back search rows too);
    the batch is then stored one record per transaction without it."""
    recs = records(6)
    with open_store(kb_url) as store:
        real = store._store_statements

        def failing(article_id, record, *args, **kw):
            if article_id == "a003":
                raise ValueError("a003: cannot be stored (test)")
            return real(article_id, record, *args, **kw)

        monkeypatch.setattr(store, "_store_statements", failing)
        out = store.ingest_batch(recs)
        assert [rid for rid, _, exc in out if exc is not None] == ["a003"]
        assert store.check() == []
        assert set(store.record_ids()) == {r["id"] for r in recs} - {"a003"}
        refs = {r["ref"] for r in store.db.query("SELECT ref FROM search_docs WHERE kind = 'article'")}
        assert refs == {r["id"] for r in store.db.query("SELECT id FROM articles")}
        ids = {str(r["id"]) for r in store.db.query("SELECT id FROM events")}
        assert {r["ref"] for r in store.db.query("SELECT ref FROM search_docs WHERE kind = 'event'")} == ids


MINHASH_TEXTS = [
    "", "Hà", "Hai từ", "Ba từ đây", "Chủ tịch nước chủ trì lễ đón chủ tịch nước chủ trì lễ đón",
    "Thủ tướng Phạm Minh Chính tiếp Đại sứ Hà Vĩ. Hai bên trao đổi về hợp tác kinh tế, thương mại, đầu tư "
    "và du lịch; Đại sứ chúc mừng những thành tựu phát triển kinh tế - xã hội của Việt Nam.",
    # word characters outside ASCII after folding (Chinese, ø, ß), and beyond the BMP (looked up one by one)
    "Chủ tịch Tập Cận Bình (习近平) hội kiến Thủ tướng Støre và Bộ trưởng Baerbock tại Straße",
    "习近平 会见", "chữ 𠀀𠀁 hiếm — và biểu tượng 😀 giữa câu", "  ,,, — ", "a_b c1 đ_9",
]


def _reference_gram_hashes(folded: str) -> list[int]:
    """gram_hashes written out one word and one gram at a time, in plain integers."""
    m = 1 << 64
    words = [sum(ord(c) * pow(resolve._WORD_BASE, k, m) for k, c in enumerate(w)) % m
             for w in re.findall(r"\w+", folded)]
    grams = [words[i:i + 3] for i in range(len(words) - 2)] if len(words) >= 3 else ([words] if words else [])
    out = []
    for gram in grams:
        h = sum(w * k for w, k in zip(gram, resolve._GRAM_MULT)) % m
        h ^= h >> resolve._GRAM_SHIFT
        out.append(((h * resolve._GRAM_MULT[1]) % m) >> 32)
    return out


@pytest.mark.parametrize("text", MINHASH_TEXTS)
def test_gram_hashes_are_the_plain_definition(text):
    """The array arithmetic (prefix sums of powers, cut at word edges) gives each 3-gram the hash
    its definition gives, words being the runs of \\w of the folded text."""
    folded = resolve.fold_text(text)
    assert resolve.gram_hashes(folded).tolist() == _reference_gram_hashes(folded)


@pytest.mark.parametrize("text", MINHASH_TEXTS)
def test_minhash_signature_is_datasketchs(text):
    """The array shortcut gives the values of datasketch's own MinHash of the same gram hashes."""
    from datasketch import MinHash

    mh = MinHash(num_perm=resolve.NUM_PERM, seed=1, hashfunc=int)
    grams = resolve.gram_hashes(resolve.fold_text(text)).tolist()
    if grams:
        mh.update_batch(grams)
    assert resolve.minhash_signature(text) == mh.hashvalues.tolist()


def test_gram_hashes_tell_words_apart():
    """Different words, the same words in another order, or one word split in two give other grams."""
    base = resolve.gram_hashes("hai ben nhat tri").tolist()
    assert len(base) == 2 and len(set(base)) == 2
    assert resolve.gram_hashes("hai ben nhat tri").tolist() == base
    assert resolve.gram_hashes("ben hai nhat tri").tolist()[1] != base[1]
    assert resolve.gram_hashes("hai ben nhat tr i").tolist()[:1] == base[:1]
    assert resolve.gram_hashes("hai ben nhat tr i").tolist()[1] != base[1]


@pytest.mark.parametrize("values", [[], ["2024-08-19-to-lam-hoi-dam"], ["Chủ tịch nước", "Tổng Bí thư", 'dấu "ngoặc" \\ và \u2028', "习近平"],
                                    ["\ud800 lẻ"], [3, "không phải chuỗi"], [None]])
def test_timeline_json_is_json_dumps(values):
    """A timeline's sources and variants are written as json.dumps would (the readers parse them)."""
    import json

    from ngoaigiao.store.derive import _json_strings

    assert _json_strings(values, True) == json.dumps(values)
    assert _json_strings(values, False) == json.dumps(values, ensure_ascii=False)


def test_cyclic_record_is_one_bad_record(tmp_path):
    """The record encoders skip json's cycle check: a record holding itself fails alone in its
    batch (RecursionError, reported like any bad record), the others are stored."""
    recs = [make_record(f"c{i}", f"Bài {i}\nNgày {i + 1}/3, hai bên trao đổi về hợp tác số {i} trong năm nay.")
            for i in range(3)]
    recs[1]["self"] = recs[1]
    with open_store(str(tmp_path / "kb.db")) as store:
        out = store.ingest_batch(recs)
        errors = {rid: exc for rid, _, exc in out}
        assert set(errors) == {"c0", "c1", "c2"} and errors["c0"] is None and errors["c2"] is None
        assert isinstance(errors["c1"], RecursionError)
        assert set(store.record_ids()) == {"c0", "c2"} and store.check() == []
