"""Names of persons: the name table, and Sino-Vietnamese <-> 汉字 <-> pinyin.

- `table`: the curated name table (data/people.tsv, data/positions.tsv):
  person_by_name, positions_for, terms, country_of.
- `generate`: candidates for Chinese names not in the table (labelled generated).
- `lookup`: table first, then generation, in any direction.
- `enrich`: what the extractor calls per person.
"""
from ngoaigiao.names.enrich import enrich
from ngoaigiao.names.lookup import lookup

__all__ = ["enrich", "lookup"]
