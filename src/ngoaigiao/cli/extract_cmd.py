"""`ngoaigiao extract PATH...`: pages in, one JSON record (or a summary) per article out.

Bad inputs print one line `ngoaigiao: PATH: reason` on stderr and the batch
goes on; the exit code is 0 when every input was extracted, 1 otherwise (with
"N of M inputs failed" on stderr).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ngoaigiao import budget, pipeline, read, sources
from ngoaigiao.errors import InputError
from ngoaigiao.safe_text import printable

PROG = "ngoaigiao"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "extract",
        help="extract events, persons and metadata from news pages",
        description="Extract events, persons and positions from Vietnamese news pages. "
                    "PATH is a .txt or .html/.htm file, a directory (read recursively for "
                    "*.txt, *.html, *.htm) or '-' for standard input.",
        epilog="Output: one JSON object per article (JSONL, the shape of SCHEMA.md plus "
               "evidence, codes and blocks) when stdout is not a terminal, else a table. "
               "Exit code 0 when every input succeeded, 1 when some failed.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or '-' (stdin)")
    p.add_argument("--format", choices=["json", "table"], default=None,
                   help="json (JSONL; default when stdout is not a terminal) or table")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="worker processes (default 1; 0 = one per CPU)")
    p.add_argument("--with-text", action="store_true", help='add the decoded page as "raw" to each record')
    p.add_argument("--max-bytes", type=int, default=read.DEFAULT_MAX_BYTES, metavar="N",
                   help=f"refuse inputs larger than N bytes (default {read.DEFAULT_MAX_BYTES:,})")
    p.add_argument("--id", dest="stdin_id", default="stdin", metavar="ID",
                   help="article id for standard input (default 'stdin')")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress or summary on stderr")
    p.add_argument("--explain", action="store_true",
                   help="print, sentence by sentence, the triggers, candidate events and the rules that "
                        "kept, dropped or changed them (with --format json: a 'trace' list in each record)")
    p.add_argument("--trace", action="store_true", help="add the events stage's 'trace' list to each JSON record")
    p.set_defaults(func=run)


def _output(article, with_text: bool, mode: str | None) -> dict:
    """The record, or with mode 'explain' the explanation text under "explain"."""
    if mode == "explain":
        from ngoaigiao.extract.event_explain import explain
        return {"explain": explain(article)}
    return article.to_record(with_text=with_text)


def extract_one(item: sources.InputItem, max_bytes: int, with_text: bool,
                mode: str | None = None) -> tuple[str, dict | None, str | None]:
    """(source, record, error): never raises, so a worker process cannot kill the batch.
    mode: None, 'trace' (records carry the events trace) or 'explain' (a text explanation)."""
    try:
        data = item.load(max_bytes)
        article = pipeline.process(data, id=item.id, source=item.source, trace=mode is not None)
        return item.source, _output(article, with_text, mode), None
    except InputError as exc:
        return item.source, None, exc.reason
    except RecursionError:
        return item.source, None, "internal error: input too deeply nested"
    except Exception as exc:  # a bug in a stage must not stop the batch; report it in one line
        return item.source, None, f"internal error: {type(exc).__name__}: {exc}"


def _init_worker(max_bytes: int) -> None:
    read.set_max_bytes(max_bytes)
    budget.enable_alarm()


def _mode(args: argparse.Namespace) -> str | None:
    if args.explain and args.format != "json":
        return "explain"
    return "trace" if (args.explain or args.trace) else None


def run(args: argparse.Namespace) -> int:
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    if args.max_bytes <= 0:
        print(f"{PROG}: --max-bytes must be positive", file=sys.stderr)
        return 2
    read.set_max_bytes(args.max_bytes)
    budget.enable_alarm()  # a stuck page is stopped at its time budget, not waited for
    items = list(sources.expand(args.paths, stdin_id=args.stdin_id))
    if sum(1 for i in items if i.path is None) > 1:
        print(f"{PROG}: '-' (standard input) may be given only once", file=sys.stderr)
        return 2
    try:
        sys.stdout.reconfigure(encoding="utf-8")  # JSON is UTF-8 whatever the locale says
    except (AttributeError, ValueError):
        pass
    progress = Progress(len(items), enabled=not args.quiet and sys.stderr.isatty() and len(items) > 1)
    failed = 0
    for source, record, error in _results(items, args):
        if error is not None:
            failed += 1
            progress.clear()
            print(printable(f"{PROG}: {source}: {error}"), file=sys.stderr, flush=True)
        elif "explain" in record and len(record) == 1:
            sys.stdout.write(record["explain"])
        else:
            if not args.quiet:
                for w in record.get("warnings") or []:  # e.g. the legacy encoding guessed, and how sure
                    progress.clear()
                    print(printable(f"{PROG}: {source}: warning: {w}"), file=sys.stderr)
            sys.stdout.write(format_json(record) if fmt == "json" else format_table(record))
        progress.step(failed)
    progress.clear()
    sys.stdout.flush()
    if failed:
        print(f"{PROG}: {failed} of {len(items)} inputs failed", file=sys.stderr)
        return 1
    if not args.quiet and len(items) > 1:
        print(f"{PROG}: extracted {len(items)} articles in {progress.elapsed():.1f}s", file=sys.stderr)
    return 0


def _results(items: list[sources.InputItem], args: argparse.Namespace):
    jobs = args.jobs if args.jobs > 0 else (__import__("os").cpu_count() or 1)
    if jobs == 1 or len(items) < 2:
        for item in items:
            yield extract_one(item, args.max_bytes, args.with_text, _mode(args))
        return
    # stdin is read here; files are read in the workers (no bytes pickled for them)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(args.max_bytes,)) as pool:
        futures = []
        for item in items:
            if item.path is None:
                futures.append(pool.submit(_extract_bytes, item, _load_or_error(item, args.max_bytes),
                                           args.with_text, _mode(args)))
            else:
                futures.append(pool.submit(extract_one, item, args.max_bytes, args.with_text, _mode(args)))
        for fut in futures:  # in input order, so output is deterministic
            yield fut.result()


def _load_or_error(item: sources.InputItem, max_bytes: int) -> bytes | InputError:
    try:
        return item.load(max_bytes)
    except InputError as exc:
        return exc


def _extract_bytes(item: sources.InputItem, data: bytes | InputError, with_text: bool, mode: str | None = None):
    if isinstance(data, InputError):
        return item.source, None, data.reason
    try:
        article = pipeline.process(data, id=item.id, source=item.source, trace=mode is not None)
        return item.source, _output(article, with_text, mode), None
    except InputError as exc:
        return item.source, None, exc.reason
    except Exception as exc:
        return item.source, None, f"internal error: {type(exc).__name__}: {exc}"


def format_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def format_table(rec: dict[str, Any]) -> str:
    """A readable summary: metadata, then one line per event and per person."""
    lines = [f"{rec['id']}  published {rec.get('published') or '?'}"
             + (f" ({rec['published_source']})" if rec.get("published_source") else "")
             + (f"  {rec['outlet']}" if rec.get("outlet") else "")]
    if rec.get("title"):
        lines.append(f"  title: {rec['title']}")
    lines.append(f"  events: {len(rec.get('events', []))}")
    for ev in rec.get("events", []):
        when = ev.get("date") or "?"
        if ev.get("end_date"):
            when += f"..{ev['end_date']}"
        where = f" @ {ev['place']}" if ev.get("place") else ""
        countries = "/".join(ev.get("countries") or [])
        lines.append(f"    {ev['type']:<10} {when:<22} {', '.join(ev.get('participants') or [])}"
                     f"{where}{' [' + countries + ']' if countries else ''}")
        for doc in ev.get("documents") or []:
            lines.append(f"      document: {doc}")
    lines.append(f"  persons: {len(rec.get('persons', []))}")
    for p in rec.get("persons", []):
        lines.append(f"    {p['name']} ({p.get('country') or '?'}): {'; '.join(p.get('titles') or [])}")
    furniture = sum(1 for b in rec.get("blocks", []) if b.get("kind") == "furniture")
    lines.append(f"  blocks: {len(rec.get('blocks', []))} ({furniture} furniture)")
    return "\n".join(map(printable, lines)) + "\n\n"  # names from pages and files reach a terminal


class Progress:
    """A one-line progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.done = total, enabled, 0
        self.start = time.monotonic()
        self._last = 0.0

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def step(self, failed: int) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        width = 30
        filled = int(width * self.done / max(1, self.total))
        rate = self.done / max(1e-9, self.elapsed())
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
                         f" {rate:.0f}/s{f', {failed} failed' if failed else ''} ")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
