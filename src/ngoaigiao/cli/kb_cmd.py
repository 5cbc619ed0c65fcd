"""Knowledge-base commands: ingest, person, events, search, stats, export."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

from ngoaigiao.cli.checks import UsageError
from ngoaigiao.errors import InputError
from ngoaigiao.safe_text import printable
from ngoaigiao.store.db import StoreError

DB_HELP = "database: a SQLite path, sqlite:///path or postgresql://... (default: $NGOAIGIAO_DB, else ngoaigiao.db)"


def _open(args, must_exist: bool = False):
    """The knowledge base; for queries (must_exist) a missing SQLite file is an error,
    not a new empty database that would answer every question with nothing."""
    import os

    from ngoaigiao.store import open_store
    from ngoaigiao.store.db import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(args.db))
    if must_exist and path is not None and path != ":memory:" and not os.path.exists(path):
        raise StoreError(f"{path}: no such database; create it with `ngoaigiao ingest PATH... --db {path}`")
    return open_store(args.db)


def _err(msg: str) -> None:
    print(f"ngoaigiao: {msg}", file=sys.stderr)


def _guard(func):
    """Run a command; a database problem is one line on stderr and exit 1
    (also a driver error raised outside the store's own error mapping)."""
    from ngoaigiao.store.integrity import DB_ERRORS, one_line

    def run(args):
        try:
            return func(args)
        except StoreError as exc:
            _err(printable(str(exc)))
            return 1
        except DB_ERRORS as exc:
            _err(printable(one_line(getattr(args, "db", None) or "database", exc)))
            return 1
        except UsageError as exc:
            _err(printable(str(exc)))
            return 2
    return run


class _Progress:
    def __init__(self, total: int | None):
        self.total, self.done, self.failed = total, 0, 0
        self.t0 = self.last = time.monotonic()  # the first line after a second, not at once
        self.shown: tuple | None = None

    def step(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if now - self.last >= 1.0:
            self.last = now
            self.show()

    def show(self, final: bool = False) -> None:
        if final and self.shown == (self.done, self.failed) and not sys.stderr.isatty():
            return  # the last progress line already said it all
        self.shown = (self.done, self.failed)
        of = f"/{self.total}" if self.total else ""
        rate = self.done / max(time.monotonic() - self.t0, 1e-6)
        end = "\n" if final or not sys.stderr.isatty() else "\r"
        print(f"ingest: {self.done}{of} inputs, {self.failed} failed, {rate:.0f}/s", end=end, file=sys.stderr)


# ------------------------------------------------------------------ ingest
@_guard
def cmd_ingest(args) -> int:
    from ngoaigiao.pipeline import process
    from ngoaigiao.store.integrity import discard_if_empty, new_sqlite_file, refuse_if_damaged
    from ngoaigiao.store.walk import Bad, count_inputs, iter_inputs

    if not args.paths and not args.from_parquet:
        _err("ingest: give PATH... or --from-parquet PATH")
        return 2
    if args.batch < 1:
        _err(f"ingest: --batch must be at least 1 (got {args.batch})")
        return 2
    if args.from_parquet and not os.path.exists(args.from_parquet):
        _err(printable(f"ingest: --from-parquet {args.from_parquet}: cannot read Parquet (no such file or directory)"))
        return 1
    from ngoaigiao import budget
    budget.enable_alarm()  # a stuck page is stopped at its time budget, not waited for
    new_file = new_sqlite_file(args.db)  # removed again if nothing gets stored in it
    store = _open(args)
    failed = stored = 0
    batch: list[tuple[str, dict]] = []  # (source, record): written together, one transaction

    def bad(line: str) -> None:
        nonlocal failed
        print(printable(line), file=sys.stderr)
        failed += 1
        prog.step(True)

    def flush(label: str) -> None:
        nonlocal stored
        for (source, _), (_, _, exc) in zip(batch, store.ingest_batch([r for _, r in batch])):
            if exc is not None:  # a record the store cannot take; the others of its batch are stored
                bad(f"{source}: {label} ({type(exc).__name__}: {exc})")
            else:
                stored += 1
                prog.step()
        batch.clear()

    try:
        refuse_if_damaged(store.db)
        prog = _Progress(count_inputs(args.paths) if args.paths else None)
        for item in iter_inputs(args.paths):
            if isinstance(item, Bad):
                bad(f"{item.source}: {item.reason}")
                continue
            try:
                article = process(item.data, id=item.id, source=item.source, url=item.url)
                record = article.to_record(with_text=True)
                for w in article.warnings:
                    print(printable(f"{item.source}: warning: {w}"), file=sys.stderr)
            except InputError as exc:
                bad(str(exc))
                continue
            except RecursionError:
                bad(f"{item.source}: not stored (input too deeply nested)")
                continue
            batch.append((item.source, record))
            if len(batch) >= args.batch:
                flush("not stored")
        flush("not stored")
        if args.from_parquet:
            for source, rec, reason in _parquet_records(args.from_parquet):
                if rec is None:
                    bad(f"{source}: {reason}")
                    continue
                batch.append((source, rec))
                if len(batch) >= args.batch:
                    flush("bad record")
            flush("bad record")
        prog.show(final=True)
    finally:
        store.close()
        if new_file and not stored:
            discard_if_empty(new_file)
            _err(f"ingest: nothing stored, so {new_file} was not created")
    return 1 if failed else 0


def _parquet_records(path: str):
    from ngoaigiao.store.from_parquet import parquet_records

    return parquet_records(path)


# ------------------------------------------------------------------ person
def _event_line(e: dict) -> str:
    if e.get("date") and len(e["date"]) == 10:
        when = e["date"] + (f"..{e['end_date']}" if e.get("end_date") else "")
    elif e.get("sort_date"):  # placed, not dated by the text: say how
        when = f"~{e['sort_date']} ({e.get('date_precision')})"
    else:
        when = "????-??-??"
    who = ", ".join(f"{p['name']} ({p['side'] or '?'})" for p in e.get("participants") or [])
    place = f" @ {e['place']}" if e.get("place") else ""
    conf = e.get("confidence")
    low = " (low confidence)" if conf is not None and conf < 0.5 else ""
    conf = f" conf {conf:.2f}{low}" if conf is not None else ""
    return f"{when:<22} {e.get('type') or '?':<10} #{e['id']:<6} {who}{place}  [{e.get('n_sources', 0)} src{conf}]"


@_guard
def cmd_person(args) -> int:
    store = _open(args, must_exist=True)
    try:
        person = store.get_person(args.name, events_limit=args.limit)
    finally:
        store.close()
    if person is None:
        _err(f"person: no one named {args.name!r} in the database")
        store = _open(args, must_exist=True)
        try:
            suggestions = store.suggest_names(args.name)
        finally:
            store.close()
        if suggestions:
            _suggest(args.name, suggestions)
        return 1
    if args.json:
        print(json.dumps(person, ensure_ascii=False, indent=2))
        return 0
    head = f"{person['name']} ({person['country'] or '?'})  #{person['id']}"
    if person.get("zh"):
        head += f"  {person['zh']} {person.get('pinyin') or ''}".rstrip()
        if person.get("name_source") == "generated":
            score = _name_score(person)
            head += "  (generated" + (f", score {score:.2f}" if isinstance(score, (int, float)) else "") + \
                ": derived from the reading, not from the name table)"
        elif person.get("name_source") == "table":
            head += "  (name table)"
    print(head)
    if len(person["aliases"]) > 1:
        print("  also written: " + ", ".join(a for a in person["aliases"] if a != person["name"]))
    for n in person["namesakes"]:
        print(f"  namesake: {n['name']} ({n['country'] or '?'}) #{n['id']} — a different person")
    print("Positions (first seen .. last seen):")
    for p in person["positions"] or []:
        office = f"  [{p['office']}]" if p.get("office") else ""
        print(f"  {p['first_seen'] or '?':<10} .. {p['last_seen'] or '?':<10}  {p['title']}{office}"
              f"  ({len(p['sources'])} art.)")
        if p.get("office") and len(p.get("variants") or []) > 1:
            print(f"{'':28}as written: {', '.join(p['variants'])}")
        for term in p.get("tenure") or []:
            print(f"{'':28}name table: {term['start'] or '?'} .. {term['end'] or 'now'}")
        if p.get("not_held"):
            print(f"{'':28}! {p['not_held']}")
    if not person["positions"]:
        print("  (none recorded)")
    print(f"Events ({person['n_events']}):")
    for e in person["events"][: args.limit]:
        print("  " + _event_line(e))
    if person["counterparts"]:
        print("Counterparts:")
        for c in person["counterparts"][:10]:
            print(f"  {c['n']:>4}  {c['person']['name']} ({c['person']['country'] or '?'})")
    return 0


# ------------------------------------------------------------------ events
def _filters(args):
    """The event filters of the command line, parsed as the web app and the API parse them;
    None (after a one-line error) when one is bad."""
    from ngoaigiao.filters import FilterError, from_cli

    try:
        return from_cli(args)
    except FilterError as exc:
        _err(f"{args.command_name}: --{exc.param}: {exc.reason}")
        return None


@_guard
def cmd_events(args) -> int:
    args.command_name = "events"
    f = _filters(args)
    if f is None:
        return 2
    for opt in ("limit", "offset"):
        if getattr(args, opt) < (1 if opt == "limit" else 0):
            _err(f"events: --{opt}: must be {'positive' if opt == 'limit' else 'zero or more'}")
            return 2
    store = _open(args, must_exist=True)
    if args.possible_duplicates:
        try:
            pairs = store.possible_duplicates(days=args.days, limit=args.limit)
        finally:
            store.close()
        if args.json:
            print(json.dumps(pairs, ensure_ascii=False, indent=2))
            return 0
        for p in pairs:
            print(f"{p['reason']}:\n  {_event_line(p['a'])}\n  {_event_line(p['b'])}")
        print(f"{len(pairs)} pairs to review", file=sys.stderr)
        return 0
    try:
        rows, total = store.filter_events(f, limit=args.limit, offset=args.offset)
        suggestions = store.suggest_names(f.person) if f.person and not total and \
            not store._person_ids(f.person) else []
    finally:
        store.close()
    if args.json:
        print(json.dumps({"total": total, "filters": f.as_dict(), "events": rows}, ensure_ascii=False, indent=2))
        return 0
    for e in rows:
        print(_event_line(e))
    print(f"{len(rows)} of {total} events", file=sys.stderr)
    if suggestions:
        _suggest(f.person, suggestions)
    return 0


def _name_score(person: dict):
    from ngoaigiao.store.views import generated_score

    return generated_score(person)


def _suggest(name: str, suggestions: list[dict]) -> None:
    print(f"no one named {name!r}; closest names:", file=sys.stderr)
    for p in suggestions:
        titles = "; ".join(p.get("titles") or [])
        print(f"  #{p['id']:<6} {p['name']} ({p['country'] or '?'}){'  ' + titles if titles else ''}", file=sys.stderr)


# ------------------------------------------------------------------ search
@_guard
def cmd_search(args) -> int:
    store = _open(args, must_exist=True)
    try:
        res = store.search(args.query, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=2))
        return 0
    print(f"Persons ({len(res['persons'])}):")
    for p in res["persons"]:
        print(f"  #{p['id']:<6} {p['name']} ({p['country'] or '?'})  {'; '.join(p['titles'])}")
    print(f"Events ({len(res['events'])}):")
    for e in res["events"]:
        print("  " + _event_line(e))
    print(f"Articles ({len(res['articles'])}):")
    for a in res["articles"]:
        print(f"  {a['id']:<24} {a['published'] or '?':<10} {a['outlet'] or ''}  {(a['title'] or '')[:80]}")
    return 0


# ------------------------------------------------------------------- stats
@_guard
def cmd_stats(args) -> int:
    from ngoaigiao.store.integrity import file_problems

    store = _open(args, must_exist=True)
    try:
        # The file itself first (SQLite's integrity_check): on a damaged file the counts may fail.
        problems = file_problems(store.db, full=True) if args.check else []
        if problems:
            for p in problems:
                print(printable(f"problem: {p}"), file=sys.stderr)
            _err(f"stats: {store.url}: the database file is damaged ({len(problems)} problem(s) listed above)")
            return 1
        st = store.stats()
        problems = store.check() if args.check else []
    finally:
        store.close()
    if args.json:
        print(json.dumps(dict(st, problems=problems), ensure_ascii=False, indent=2))
        return 1 if problems else 0
    c = st["counts"]
    print(f"articles {c['articles']} (+{c['duplicates']} near-duplicate sources), persons {c['persons']}, "
          f"events {c['events']} from {c['event_reports']} reports, positions {c['positions']}")
    print("events by type: " + ", ".join(f"{k} {v}" for k, v in st["events_by_type"].items()))
    if st["top_counterparts"]:
        print("Vietnam's counterparts: " + ", ".join(f"{r['country']} {r['n']}" for r in st["top_counterparts"]))
    print("latest events:")
    for e in st["latest_events"]:
        print("  " + _event_line(e))
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    return 1 if problems else 0


# ------------------------------------------------------------------ export
@_guard
def cmd_export(args) -> int:
    args.command_name = "export"
    f = _filters(args)
    if f is None:
        return 2
    view = f.active() or args.format == "tsv"
    if view and args.format == "graphml":
        _err("export: --format graphml exports the whole network; it takes no event filters")
        return 2
    store = _open(args, must_exist=True)
    try:
        if view:
            return _export_view(store, f, args)
        store.export(args.format, args.out)
    except OSError as exc:
        _err(f"export: {args.out}: {exc.strerror or exc}")
        return 1
    finally:
        store.close()
    return 0


def _export_view(store, f, args) -> int:
    """The events the filters select, in their order, as one file: the download of the web
    app's view with the same filters."""
    from ngoaigiao.store.view_export import write_events

    fmt = "tsv" if args.format == "cameo" else args.format
    events = store.filtered_event_records(f)
    if args.out in (None, "-"):
        try:
            write_events(events, fmt, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # `| head`: the reader has what it wanted
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    else:
        with open(args.out, "wb") as fh:
            write_events(events, fmt, fh)
    print(f"export: {len(events)} events", file=sys.stderr)
    return 0


def db_command_adder(subparsers):
    """`add(name, func, help, description)`: a subcommand that takes --db (the knowledge-base commands)."""
    def add(name, func, help_, desc=None):
        p = subparsers.add_parser(name, help=help_, description=desc or help_)
        p.add_argument("--db", metavar="URL", default=None, help=DB_HELP)
        p.set_defaults(func=func)
        return p
    return add


def register(subparsers) -> None:
    add = db_command_adder(subparsers)

    p = add("ingest", cmd_ingest, "extract articles and store them in the knowledge base",
            "Extract .txt/.html pages (files or directories) and JSONL of {url, text} records, and merge them "
            "into the knowledge base. Idempotent: unchanged inputs are skipped, changed ones replace their facts. "
            "Bad inputs are reported one line each and skipped; exit 1 if any failed.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="file, directory or .jsonl")
    p.add_argument("--batch", type=int, default=50, metavar="N",
                   help="articles written per transaction (default 50); each batch is atomic, so a run "
                        "killed mid-batch loses nothing stored before it and resumes without duplicates")
    p.add_argument("--from-parquet", metavar="PATH",
                   help="ingest the records of a Spark `articles` Parquet dataset (column record_json) "
                        "without re-extracting, in article-id order as `spark resolve` takes them "
                        "(sorted in a temporary file under $TMPDIR)")

    p = add("person", cmd_person, "a person's positions over time, events and counterparts")
    p.add_argument("name", help="name with or without diacritics, or a person id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, default=50, help="events to list (default 50)")

    from ngoaigiao.filters import add_cli_arguments

    p = add("events", cmd_events, "list events, newest first, with filters",
            "List events matching every filter (the same filters as the web app's events page and "
            "/api/events; repeat an option for any of several values). A bad value: one line, exit 2.")
    add_cli_arguments(p)
    p.add_argument("--possible-duplicates", action="store_true",
                   help="instead: pairs of events kept apart that share a principal and a type family "
                        "within --days days, for review")
    p.add_argument("--days", type=int, default=3, help="with --possible-duplicates: how far apart (default 3)")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = add("search", cmd_search, "diacritic-insensitive search of articles, persons and events")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = add("stats", cmd_stats, "counts, events by type and month, Vietnam's top counterparts")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--check", action="store_true", help="also check the file (SQLite integrity_check) and consistency (exit 1 on a problem)")

    p = add("export", cmd_export, "export events, persons and positions",
            "jsonl (file or stdout), csv and parquet (a directory of tables), graphml (person network), "
            "cameo (Phoenix/ICEWS-style TSV: date, source actor, source country, CAMEO, target actor, "
            "target country, PLOVER, place, article ids). With any event filter (the options of "
            "`ngoaigiao events`), or --format tsv, only the events of that view, in its order, as one file "
            "(csv, jsonl, parquet or tsv): what the web app's download of the same view gives.")
    p.add_argument("--format", required=True, choices=["jsonl", "csv", "parquet", "graphml", "cameo", "tsv"])
    p.add_argument("--out", metavar="PATH", help="file (jsonl/graphml/cameo/tsv, and any filtered view; default "
                                                 "stdout) or directory (csv/parquet; default ngoaigiao-export)")
    add_cli_arguments(p)
