"""ngoaigiao on Apache Spark: the same pipeline over millions of pages.

extract.py  files (txt/html, JSONL, WARC) -> pipeline in mapPartitions -> Parquet
resolve.py  Parquet -> near-duplicates, merged events, persons, positions
inputs.py / process.py are plain Python (what runs inside the tasks).
"""
