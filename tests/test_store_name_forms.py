"""Search and person lookup by the Chinese characters or pinyin of a Sino-Vietnamese name."""
from __future__ import annotations

from ngoaigiao.pipeline import process
from ngoaigiao.store import open_store

PAGE = ("12/12/2023 18:40\n\nChiều 12/12, tại Hà Nội, Tổng Bí thư Nguyễn Phú Trọng hội đàm với "
        "Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình.")


def test_pinyin_and_characters_find_the_person_and_his_articles(tmp_path):
    store = open_store(str(tmp_path / "kb.db"))
    try:
        store.ingest_article(process(PAGE, "a1"))
        for q in ("Xi Jinping", "习近平", "tap can binh", "Tập Cận Bình"):
            hits = store.search(q)
            assert [p["name"] for p in hits["persons"]] == ["Tập Cận Bình"], q
            assert hits["articles"] and hits["events"], q
            person = store.get_person(q)
            assert person is not None and person["zh"] == "习近平" and person["pinyin"] == "Xi Jinping", q
        assert store.get_person("Li Qiang") is None  # in the name table, not in this knowledge base
    finally:
        store.close()
