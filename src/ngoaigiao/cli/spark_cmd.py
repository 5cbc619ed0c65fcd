"""`ngoaigiao spark extract|resolve`: batch mode on Apache Spark."""
from __future__ import annotations

import argparse
import os
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "spark", help="run extraction and cross-article merging on Apache Spark",
        description="Batch mode on Apache Spark (local[*], spark://..., yarn). See docs/scale.md.",
    )
    sub = parser.add_subparsers(dest="spark_command", metavar="SUBCOMMAND")

    ex = sub.add_parser(
        "extract", help="pages -> Parquet datasets (articles, mentions, positions, events, rejects)",
        description="Run the ngoaigiao pipeline over directories/globs of .txt/.html, JSONL {url,text} "
                    "and WARC[.gz] files (local, hdfs://, s3a://) and write Parquet datasets under OUT.",
    )
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory or glob (any Hadoop path)")
    ex.add_argument("--out", required=True, help="output directory (Hadoop path); datasets are replaced")
    _common(ex)
    ex.add_argument("--max-bytes", type=int, default=5_000_000,
                    help="pages larger than this go to rejects (default 5000000)")
    ex.add_argument("--all-languages", action="store_true",
                    help="do not drop WARC pages that do not look Vietnamese")
    ex.set_defaults(func=run_extract)

    rs = sub.add_parser(
        "resolve", help="merge across articles: near-duplicates, events, persons, positions",
        description="Read the datasets `spark extract` wrote under PATH and write duplicates, merged "
                    "events, persons and positions under OUT, with the same rules as the "
                    "single-machine knowledge base.",
    )
    rs.add_argument("path", metavar="PATH", help="output directory of `ngoaigiao spark extract`")
    rs.add_argument("--out", required=True, help="output directory (Hadoop path); datasets are replaced")
    _common(rs)
    rs.set_defaults(func=run_resolve)
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--master", default=None,
                   help="Spark master: local[*], local[N], spark://host:7077, yarn "
                        "(default: local[*], or what spark-submit set)")
    p.add_argument("--partitions", type=int, default=None,
                   help="number of partitions for the work (default: 4 x the cores)")


def _session(args):
    from ngoaigiao.spark.session import get_session, java_available

    if not java_available():
        print("spark: Java not found (install openjdk-17-jre-headless or set JAVA_HOME)", file=sys.stderr)
        return None
    master = args.master
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[*]"  # not under spark-submit (which sets the master and the gateway)
    shuffle = args.partitions or (4 * (os.cpu_count() or 1) if master and master.startswith("local") else None)
    return get_session(master, shuffle_partitions=shuffle)


def run_extract(args) -> int:
    try:
        from ngoaigiao.spark import extract
    except ModuleNotFoundError as exc:
        print(f"spark: {exc.name} is not installed (pip install 'ngoaigiao[spark]')", file=sys.stderr)
        return 1
    spark = _session(args)
    if spark is None:
        return 1
    result = extract.run(spark, args.inputs, args.out, partitions=args.partitions,
                         max_bytes=args.max_bytes, filter_language=not args.all_languages)
    if result.error:
        return 1
    if result.files == 0:
        print(f"spark extract: no input files found in {' '.join(args.inputs)}", file=sys.stderr)
        return 1
    rate = result.items / result.seconds if result.seconds else 0.0
    print(f"spark extract: {result.articles} articles, {result.rejects} rejects from {result.files} files "
          f"in {result.seconds:.1f}s ({rate:.1f} pages/s) -> {args.out}", file=sys.stderr)
    for reason, n in result.reject_reasons.items():
        print(f"  rejected {n:>8}  {reason}", file=sys.stderr)
    return 1 if result.rejects else 0


def run_resolve(args) -> int:
    try:
        from ngoaigiao.spark import resolve
    except ModuleNotFoundError as exc:
        print(f"spark: {exc.name} is not installed (pip install 'ngoaigiao[spark]')", file=sys.stderr)
        return 1
    spark = _session(args)
    if spark is None:
        return 1
    counts = resolve.run(spark, args.path, args.out)
    print("spark resolve: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + f" -> {args.out}",
          file=sys.stderr)
    return 0
