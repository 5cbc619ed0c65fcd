"""`ngoaigiao` command line: a thin layer over the library.

Each command lives in its own module with a `register(subparsers)` function;
the module list below is the whole CLI.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from ngoaigiao import __version__

COMMAND_MODULES = [
    "ngoaigiao.cli.extract_cmd",   # extract
    "ngoaigiao.cli.kb_cmd",        # ingest, person, events, search, stats, export
    "ngoaigiao.cli.serve_cmd",     # serve
    "ngoaigiao.cli.names_cmd",     # names
    "ngoaigiao.cli.spark_cmd",     # spark extract / resolve
    "ngoaigiao.cli.follow_cmd",    # follow add / list / run / remove
    "ngoaigiao.cli.statements_cmd",  # topics, followup, statements
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ngoaigiao",
        description="Turn Vietnamese diplomatic news into events, people and positions.",
    )
    parser.add_argument("--version", action="version", version=f"ngoaigiao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # command not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
