"""`ngoaigiao spark extract`: the pipeline over many files, Parquet out.

    binaryFile reader ─ flatMap(items_from_file) ─ repartition ─
    mapPartitions(process_partition)  (THE pipeline, once per page) ─
    one DataFrame of article/reject rows (persisted) ─ Spark SQL flattens the
    record JSON into the datasets below ─ Parquet.

Datasets under OUT (all but rejects partitioned by year and month of the
article's publication date, or its year guess):
  articles   id, url, outlet, published, title, sha256, source, size,
             n_events, n_persons, record_json (= Article.to_record(with_text=True))
  mentions   one row per person per article: name, country, titles, zh,
             pinyin, mentions and title_evidence spans
  positions  one row per (article, person, title) with the title's spans
  events     one row per event: type, date, end_date, place, participants,
             countries, documents, cameo, plover, confidence, roles, evidence
  statements one row per statement: side, act, topics, speaker, object, verb, the index of
             its event in the article's events, evidence (its sentence) and object spans
  rejects    id, source, url, size, reason  (never fails the job)
"""
from __future__ import annotations

import sys
import time
import zlib
from dataclasses import dataclass, field

from ngoaigiao.spark import inputs, process
from ngoaigiao.spark.schema import RECORD_SCHEMA, ROW_SCHEMA

DATASETS = ("articles", "mentions", "positions", "events", "statements", "rejects")


@dataclass
class ExtractResult:
    files: int = 0
    items: int = 0
    articles: int = 0
    rejects: int = 0
    reject_reasons: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None


def read_files(spark, paths: list[str]):
    """DataFrame(path, content) of every supported file under the inputs (dirs recursive, globs)."""
    reader = (spark.read.format("binaryFile")
              .option("pathGlobFilter", inputs.GLOB_FILTER)
              .option("recursiveFileLookup", "true"))
    return reader.load(paths).select("path", "content")


def empty_files(files, n_read: int) -> list[str]:
    """Listed files the reader skipped: Spark's file sources drop 0-byte files."""
    listed = files.inputFiles()
    if len(listed) == n_read:
        return []
    seen = {inputs.local_path(r.path) for r in files.select("path").collect()}
    return sorted({inputs.local_path(p) for p in listed} - seen)


def process_rows(spark, paths: list[str], partitions: int | None = None,
                 max_bytes: int = process.DEFAULT_MAX_BYTES, filter_language: bool = True,
                 empty: list[str] = ()):
    """DataFrame of ROW_SCHEMA: one article or reject row per page item."""
    files = read_files(spark, paths)
    parts = partitions or max(spark.sparkContext.defaultParallelism * 4, 2)
    # Spread pages (not files: one WARC holds thousands) evenly over the partitions.
    # Keyed partitioning, because RDD.repartition moves whole pickled batches.
    items = (files.rdd
             .flatMap(lambda row: inputs.items_from_file(row.path, bytes(row.content), filter_language))
             .keyBy(lambda item: zlib.crc32(item[0].encode("utf-8", "replace")) % parts)
             .partitionBy(parts, lambda k: k)
             .values())
    rows = items.mapPartitions(lambda part: process.process_partition(part, max_bytes))
    if empty:
        rejects = [process.empty_file_row(path) for path in empty]
        rows = rows.union(spark.sparkContext.parallelize(rejects, 1))
    return spark.createDataFrame(rows, ROW_SCHEMA)


def parse_articles(rows):
    """The article rows with their record JSON parsed (column rec) and year/month columns."""
    from pyspark.sql import functions as F

    arts = (rows.where(F.col("kind") == "article")
            .withColumn("rec", F.from_json("record_json", RECORD_SCHEMA)))
    pub = F.col("rec.published")
    return arts.select(
        "*",
        F.when(pub.rlike(r"^\d{4}"), F.substring(pub, 1, 4).cast("int"))
         .otherwise(F.col("rec.year_guess.year")).alias("year"),
        F.when(pub.rlike(r"^\d{4}-\d{2}"), F.substring(pub, 6, 2).cast("int")).alias("month"),
    )


def flatten(rows, arts=None):
    """The datasets (name -> DataFrame) from a DataFrame of ROW_SCHEMA (and, if the caller
    has it, its `parse_articles`, e.g. persisted so the JSON is parsed once for all four)."""
    from pyspark.sql import functions as F

    arts = parse_articles(rows) if arts is None else arts
    articles = arts.select(
        "id", F.coalesce("rec.url", "url").alias("url"), "rec.outlet", "rec.published", "rec.title",
        "sha256", "source", "size",
        F.size(F.coalesce("rec.events", F.array())).alias("n_events"),
        F.size(F.coalesce("rec.persons", F.array())).alias("n_persons"),
        "record_json", "year", "month",
    )
    common = [F.col("id").alias("article_id"), F.col("rec.published").alias("published"), "year", "month"]
    persons = arts.select(*common, F.posexplode("rec.persons").alias("person_index", "p"))
    mentions = persons.select(
        "article_id", "person_index", "p.name", "p.country", "p.titles", "p.zh", "p.pinyin",
        "p.name_source", F.col("p.mentions").alias("evidence"), "p.title_evidence",
        "published", "year", "month",
    )
    positions = persons.select(
        "article_id", "person_index", "p.name", "p.country", F.explode("p.titles").alias("title"),
        "p.title_evidence", "published", "year", "month",
    ).select(
        "article_id", "person_index", "name", "country", "title",
        F.expr("transform(filter(title_evidence, t -> t.title = title),"
               " t -> named_struct('start', t.start, 'end', t.end, 'text', t.text))").alias("evidence"),
        "published", "year", "month",
    )
    events = arts.select(*common, F.posexplode("rec.events").alias("event_index", "e")).select(
        "article_id", "event_index", "e.type", "e.date", "e.end_date", "e.place", "e.participants",
        "e.countries", "e.documents", "e.cameo", "e.plover", "e.confidence", "e.part_of", "e.roles",
        "e.evidence", "published", "year", "month",
    )
    statements = arts.select(*common, F.posexplode(F.coalesce("rec.statements", F.array()))
                             .alias("statement_index", "s")).select(
        "article_id", "statement_index", "s.side", "s.act", "s.topics", "s.speaker", "s.object", "s.verb",
        F.col("s.event").alias("event_index"), "s.evidence", "s.object_span", "published", "year", "month",
    )
    rejects = rows.where(F.col("kind") == "reject").select("id", "source", "url", "size", "reason")
    return {"articles": articles, "mentions": mentions, "positions": positions,
            "events": events, "statements": statements, "rejects": rejects}


def run(spark, paths: list[str], out: str, partitions: int | None = None,
        max_bytes: int = process.DEFAULT_MAX_BYTES, filter_language: bool = True,
        log=None) -> ExtractResult:
    from pyspark import StorageLevel
    from pyspark.errors import AnalysisException
    from pyspark.sql import functions as F

    log = log or sys.stderr
    t0 = time.perf_counter()
    result = ExtractResult()
    try:
        files = read_files(spark, paths)
        n_read = files.select("path").count()
    except AnalysisException as exc:  # a missing path or bad URL: one line, no traceback
        result.error = str(exc).splitlines()[0]
        print(f"spark extract: {result.error}", file=log)
        return result
    empty = empty_files(files, n_read)
    result.files = n_read + len(empty)
    print(f"spark extract: {result.files} input file(s)", file=log)
    if result.files == 0:
        result.seconds = time.perf_counter() - t0
        return result
    rows = process_rows(spark, paths, partitions, max_bytes, filter_language, empty)
    # The pipeline runs once: every dataset below is read from this cache.
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
    arts = None
    try:
        counts = {r["kind"]: r["n"] for r in rows.groupBy("kind").agg(F.count("*").alias("n")).collect()}
        result.articles, result.rejects = counts.get("article", 0), counts.get("reject", 0)
        result.items = result.articles + result.rejects
        print(f"spark extract: {result.articles} article(s), {result.rejects} reject(s)", file=log)
        if result.rejects:
            reasons = (rows.where(F.col("kind") == "reject")
                       .select(F.regexp_replace("reason", r"\s*[(:].*$", "").alias("r"))
                       .groupBy("r").count().orderBy(F.desc("count")).collect())
            result.reject_reasons = {r["r"]: r["count"] for r in reasons}
        print(f"spark extract: pages processed in {time.perf_counter() - t0:.1f}s", file=log)
        # The record JSON is parsed once for the four datasets made from it.
        arts = parse_articles(rows).persist(StorageLevel.MEMORY_AND_DISK)
        for name, frame in flatten(rows, arts).items():
            print(f"spark extract: writing {name} ({time.perf_counter() - t0:.1f}s)", file=log)
            if name != "rejects":
                # One task per (year, month): one file per partition directory, not one per
                # task and directory (thousands of small files, each a chmod on local disks).
                writer = frame.repartition("year", "month").write.partitionBy("year", "month")
            else:
                writer = frame.coalesce(max(1, min(16, result.rejects // 100_000))).write
            writer.mode("overwrite").parquet(f"{out.rstrip('/')}/{name}")
    finally:
        if arts is not None:
            arts.unpersist()
        rows.unpersist()
    result.seconds = time.perf_counter() - t0
    return result
