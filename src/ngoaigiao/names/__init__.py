"""Names of persons: the name table, and Sino-Vietnamese <-> 汉字 <-> pinyin.

- `table`: the curated name table (data/people.tsv, data/positions.tsv).
- `generate`: candidates for Chinese names that are not in the table.
- `enrich`: what the extractor calls per person.
"""
