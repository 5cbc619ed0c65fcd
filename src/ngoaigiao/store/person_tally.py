"""What a person's derived row is made of, kept as counts (issue 11's ingest speed).

A person's name, country, Chinese form, pinyin, article count and aliases are
derived from all their article rows (`DeriveMixin._recompute_person`): the most
frequent spelling, preferring one with diacritics; the most frequent country;
the first Chinese form, pinyin and name source; each spelling as an alias with
its count -- ties and "first" in the order of the rows sorted by (article id,
name). Recounting every row at each article that names the person costs as
much as the person is well known, article after article of a batch; a tally
takes a row in constant time and gives the same answers: for each spelling
and country its count and its first row, for each optional field its first
non-empty value. `Counter` would order the spellings by their first row; the
tally sorts them so, which gives its ties the same winner.
"""
from __future__ import annotations

from ngoaigiao import resolve

FIELDS = ("zh", "pinyin", "name_source")


class PersonTally:
    __slots__ = ("names", "countries", "articles", "firsts")

    def __init__(self) -> None:
        self.names: dict[str, list] = {}      # spelling -> [count, its first (article id, name)]
        self.countries: dict[str, list] = {}  # country -> [count, its first (article id, name)]
        self.articles: set[str] = set()
        self.firsts: dict[str, tuple] = {}    # field -> ((article id, name), value) of its first non-empty

    @classmethod
    def from_rows(cls, rows) -> "PersonTally":
        """Rows as dicts (article_id, name, country, zh, pinyin, name_source) in the order they
        are to be taken in (the database's ORDER BY article_id, name: its collation's)."""
        tally = cls()
        for i, r in enumerate(rows):
            tally.add(r["article_id"], r["name"], r["country"], r["zh"], r["pinyin"], r["name_source"], pos=(i,))
        return tally

    def add(self, article_id: str, name: str, country, zh, pinyin, name_source, pos: tuple | None = None) -> None:
        """One article row; `pos`: where it sorts among the others, by default (article id, name)
        compared as Python does (as the database does: `IngestMixin._sorts_like_python`)."""
        pos = pos or (article_id, name)
        _count(self.names, name, pos)
        if country:
            _count(self.countries, country, pos)
        self.articles.add(article_id)
        for field, value in zip(FIELDS, (zh, pinyin, name_source)):
            if value:
                first = self.firsts.get(field)
                if first is None or pos < first[0]:
                    self.firsts[field] = (pos, value)

    def spellings(self) -> list[tuple[str, int]]:
        """(spelling, count) in the order of their first row."""
        return [(n, e[0]) for n, e in sorted(self.names.items(), key=lambda kv: kv[1][1])]

    def first(self, field: str):
        found = self.firsts.get(field)
        return found[1] if found else None

    def derive(self, pid: int) -> tuple[tuple, list[tuple]]:
        """(persons row values: name, name_key, country, zh, pinyin, name_source, n_articles;
        person_aliases rows)."""
        names = self.spellings()
        canon = max(names, key=lambda nc: (resolve.fold_short(nc[0]) != nc[0].lower(), nc[1], len(nc[0])))[0]
        countries = sorted(self.countries.items(), key=lambda kv: kv[1][1])
        country = max(countries, key=lambda kv: kv[1][0])[0] if countries else None
        values = (canon, resolve.name_key(canon), country, self.first("zh"), self.first("pinyin"),
                  self.first("name_source"), len(self.articles))
        aliases = [(pid, n, resolve.name_key(n), resolve.fold_short(resolve.name_key(n)), c) for n, c in names]
        return values, aliases


def _count(table: dict, key: str, pos: tuple) -> None:
    entry = table.get(key)
    if entry is None:
        table[key] = [1, pos]
    else:
        entry[0] += 1
        if pos < entry[1]:
            entry[1] = pos
