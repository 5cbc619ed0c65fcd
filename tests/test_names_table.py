"""The name table: lookups by every written form, positions and terms."""
from ngoaigiao.data import load_tsv
from ngoaigiao.names import table


def test_lookup_by_every_form():
    forms = ["Tập Cận Bình", "TẬP CẬN BÌNH", "tap can binh", "习近平", "Xi Jinping", "xijinping", "Xi  Jinping"]
    assert {table.person_by_name(f)["id"] for f in forms} == {"xi-jinping"}


def test_tone_placement_and_i_y_spellings_are_one_person():
    assert table.person_by_name("Lí Hy")["id"] == table.person_by_name("Lý Hi")["id"] == "li-xi"
    assert table.person_by_name("Thái Kì")["id"] == "cai-qi"
    # the new-style tone placement "Hoà" matches the table's "Hòa"
    assert table.person_by_name("Nguyễn Hoà Bình")["id"] == "nguyen-hoa-binh"


def test_aliases_and_non_chinese_persons():
    assert table.person_by_name("Joseph R. Biden")["id"] == "joe-biden"
    assert table.country_of("Joe Biden") == "US"
    assert table.country_of("Tô Lâm") == "VN"
    assert table.country_of("Vương Nghị") == "CN"


def test_unknown_names_are_none():
    assert table.person_by_name("Nguyễn Văn Không Có") is None
    assert table.person_by_name("") is None
    assert table.terms("Nguyễn Văn Không Có") == []
    assert table.country_of("Zzz") is None


def test_terms_of_office():
    terms = table.terms("Tô Lâm")
    assert ("Tổng Bí thư", "2024-08", None) in terms
    assert ("Chủ tịch nước", "2024-05", "2024-10") in terms
    ild = [t for t in table.terms("Lưu Kiến Siêu") if t[0].startswith("Trưởng Ban Liên lạc Đối ngoại")]
    assert ild and ild[0][1].startswith("2022")


def test_table_rows_are_well_formed():
    people = load_tsv("people.tsv")
    ids = [r["id"] for r in people]
    assert len(ids) == len(set(ids)) and len(ids) > 200
    for r in people:
        if r["country"] == "CN":
            assert r["zh"] and r["pinyin"], r["id"]
            assert len(r["zh"]) == len(r["name"].split()), r["id"]
    known = set(ids)
    for row in load_tsv("positions.tsv"):
        assert row["person_id"] in known, row
        for v in (row["start"], row["end"]):
            assert not v or (len(v) in (4, 7) and v[:4].isdigit()), row
        if row["start"] and row["end"]:
            assert row["start"] <= row["end"], row


def test_an_analyst_can_add_persons(tmp_path, monkeypatch):
    from ngoaigiao import data
    (tmp_path / "people.tsv").write_text(
        "id\tname\tcountry\tzh\tpinyin\taliases\tgender\tnote\n"
        "zhang-san\tTrương Tam\tCN\t张三\tZhang San\t\tm\ttest row\n", encoding="utf-8")
    (tmp_path / "positions.tsv").write_text(
        "person_id\ttitle\tstart\tend\tnote\n"
        "zhang-san\tPhó Trưởng Ban Liên lạc Đối ngoại Trung ương Đảng Cộng sản Trung Quốc\t2024\t\t\n", encoding="utf-8")
    monkeypatch.setenv("NGOAIGIAO_DATA_DIR", str(tmp_path))
    data.load_tsv.cache_clear()
    table._index.cache_clear()
    try:
        assert table.person_by_name("Zhang San")["id"] == "zhang-san"
        assert table.terms("张三")[0][1] == "2024"
        assert table.person_by_name("Tập Cận Bình")["id"] == "xi-jinping"  # the shipped rows stay
    finally:
        monkeypatch.undo()
        data.load_tsv.cache_clear()
        table._index.cache_clear()
    assert table.person_by_name("Zhang San") is None
