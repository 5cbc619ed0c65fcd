"""Spark schemas: the rows `process_partition` yields and the record JSON.

RECORD_SCHEMA follows `Article.to_record(with_text=True)`; fields the
pipeline adds later are simply not flattened (they stay in record_json).
"""
from __future__ import annotations

from pyspark.sql.types import (
    ArrayType, DoubleType, IntegerType, LongType, MapType, StringType, StructField, StructType,
)

ROW_SCHEMA = StructType([
    StructField("kind", StringType(), False),  # "article" | "reject"
    StructField("id", StringType(), True),
    StructField("source", StringType(), True),
    StructField("url", StringType(), True),
    StructField("size", LongType(), True),
    StructField("sha256", StringType(), True),
    StructField("reason", StringType(), True),
    StructField("record_json", StringType(), True),
])

SPAN = StructType([
    StructField("start", IntegerType()),
    StructField("end", IntegerType()),
    StructField("text", StringType()),
])

TITLE_SPAN = StructType([*SPAN.fields, StructField("title", StringType())])

STRINGS = ArrayType(StringType())

EVENT = StructType([
    StructField("type", StringType()),
    StructField("date", StringType()),
    StructField("end_date", StringType()),
    StructField("place", StringType()),
    StructField("participants", STRINGS),
    StructField("countries", STRINGS),
    StructField("documents", STRINGS),
    StructField("cameo", StringType()),
    StructField("plover", StringType()),
    StructField("confidence", DoubleType()),
    StructField("part_of", IntegerType()),
    StructField("roles", MapType(StringType(), StringType())),
    StructField("rules", STRINGS),
    StructField("evidence", ArrayType(SPAN)),
])

PERSON = StructType([
    StructField("name", StringType()),
    StructField("country", StringType()),
    StructField("titles", STRINGS),
    StructField("zh", StringType()),
    StructField("pinyin", StringType()),
    StructField("name_source", StringType()),
    StructField("mentions", ArrayType(SPAN)),
    StructField("title_evidence", ArrayType(TITLE_SPAN)),
])

STATEMENT = StructType([
    StructField("side", StringType()),
    StructField("act", StringType()),
    StructField("topics", STRINGS),
    StructField("speaker", StringType()),
    StructField("object", StringType()),
    StructField("verb", StringType()),
    StructField("event", IntegerType()),
    StructField("evidence", SPAN),
    StructField("object_span", SPAN),
])

RECORD_SCHEMA = StructType([
    StructField("id", StringType()),
    StructField("published", StringType()),
    StructField("title", StringType()),
    StructField("url", StringType()),
    StructField("outlet", StringType()),
    StructField("author", StringType()),
    StructField("source", StringType()),
    StructField("published_source", StringType()),
    StructField("year_guess", StructType([
        StructField("year", IntegerType()),
        StructField("confidence", DoubleType()),
        StructField("reason", StringType()),
    ])),
    StructField("events", ArrayType(EVENT)),
    StructField("persons", ArrayType(PERSON)),
    StructField("statements", ArrayType(STATEMENT)),
])

# ------------------------------------------------ `spark resolve` datasets
REPORT = StructType([
    StructField("article_id", StringType()),
    StructField("idx", IntegerType()),
    StructField("part_of_idx", IntegerType()),
    StructField("evidence", ArrayType(SPAN)),
])

RESOLVE_SCHEMAS = {
    "duplicates": StructType([
        StructField("article_id", StringType()),
        StructField("duplicate_of", StringType()),
        StructField("similarity", DoubleType()),
    ]),
    "persons": StructType([
        StructField("person_id", StringType()),
        StructField("name", StringType()),
        StructField("country", StringType()),
        StructField("aliases", STRINGS),
        StructField("zh", StringType()),
        StructField("pinyin", StringType()),
        StructField("name_source", StringType()),
        StructField("n_articles", IntegerType()),
        StructField("article_ids", STRINGS),
    ]),
    "positions": StructType([
        StructField("person_id", StringType()),
        StructField("name", StringType()),
        StructField("title", StringType()),
        StructField("key", StringType()),
        StructField("office", StringType()),
        StructField("variants", STRINGS),
        StructField("first_seen", StringType()),
        StructField("last_seen", StringType()),
        StructField("n", IntegerType()),
        StructField("sources", STRINGS),
    ]),
    "events": StructType([
        StructField("event_id", StringType()),
        StructField("type", StringType()),
        StructField("date", StringType()),
        StructField("end_date", StringType()),
        StructField("sort_date", StringType()),
        StructField("date_precision", StringType()),
        StructField("roles", STRINGS),
        StructField("sides", STRINGS),
        StructField("place", StringType()),
        StructField("participants", STRINGS),
        StructField("participant_ids", STRINGS),
        StructField("countries", STRINGS),
        StructField("documents", STRINGS),
        StructField("cameo", StringType()),
        StructField("plover", StringType()),
        StructField("confidence", DoubleType()),
        StructField("n_sources", IntegerType()),
        StructField("article_ids", STRINGS),
        StructField("part_of", StringType()),
        StructField("reports", ArrayType(REPORT)),
    ]),
}
