"""`ngoaigiao follow add | list | run | remove`: keep the knowledge base current from outlets."""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import datetime, timedelta, timezone

from ngoaigiao.cli.kb_cmd import DB_HELP, _err, _guard, _open
from ngoaigiao.read import DEFAULT_MAX_BYTES


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "follow", help="follow outlets: feeds, sitemaps, section pages into the knowledge base",
        description="Follow news outlets: RSS/Atom feeds, sitemaps (or sitemap indexes) and section pages. "
                    "`run` fetches the pages not stored yet (politely: robots.txt, a delay per host, "
                    "conditional GET), keeps the relevant ones and ingests them as `ingest` does files.")
    sub = p.add_subparsers(dest="follow_command", metavar="ACTION")

    a = sub.add_parser("add", help="follow a feed, sitemap or section page",
                       description="Follow URL (an RSS/Atom feed, a sitemap or sitemap index, a section page, "
                                   "or a robots.txt whose Sitemap lines to read), or the known addresses of "
                                   "an outlet (--outlet; see --outlet list).")
    a.add_argument("url", nargs="?", metavar="URL")
    a.add_argument("--name", help="a short name for the source (default: made from the URL)")
    a.add_argument("--outlet", metavar="NAME", help="add the outlet's known feeds/sitemaps from "
                   "data/outlet_feeds.tsv ('list' to show them)")
    a.add_argument("--kind", choices=["auto", "rss", "atom", "sitemap", "page", "robots"], default="auto",
                   help="what URL is (default: found out on the first run)")
    a.add_argument("--db", default=None, help=DB_HELP)
    a.set_defaults(func=cmd_add)

    ls = sub.add_parser("list", help="sources, last run, pages seen/new/failed",
                        description="The followed sources with their last run and page counts.")
    ls.add_argument("--db", default=None, help=DB_HELP)
    ls.add_argument("--json", action="store_true", help="JSON instead of a table")
    ls.set_defaults(func=cmd_list)

    r = sub.add_parser("run", help="read the sources and ingest new relevant pages",
                       description="Read every followed source once (--once, the default) or every "
                                   "interval until stopped (--every 15m). One line per source, a summary "
                                   "at the end; failures one line each (URL: reason) on stderr.")
    when = r.add_mutually_exclusive_group()
    when.add_argument("--once", action="store_true", help="one round, then exit (default)")
    when.add_argument("--every", metavar="INTERVAL", type=_interval,
                      help="a round every INTERVAL (e.g. 15m, 1h, 90s) until stopped")
    r.add_argument("--max-pages", type=_positive_int, metavar="N", help="fetch at most N pages per source and round")
    r.add_argument("--source", action="append", metavar="NAME", help="only this source (repeatable)")
    r.add_argument("--delay", type=_seconds, default=1.0, metavar="S",
                   help="seconds between requests to one host (default 1; robots.txt may ask more)")
    r.add_argument("--timeout", type=_seconds, default=20.0, metavar="S", help="network timeout (default 20)")
    r.add_argument("--retries", type=int, default=3, metavar="N", help="retries on 429/5xx (default 3)")
    r.add_argument("--max-bytes", type=_positive_int, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"refuse pages larger than N bytes (default {DEFAULT_MAX_BYTES:,})")
    r.add_argument("--all-pages", action="store_true",
                   help="ingest every page, not only those that pass the relevance test")
    r.add_argument("--quiet", "-q", action="store_true", help="no per-source lines or summary")
    r.add_argument("--db", default=None, help=DB_HELP)
    r.set_defaults(func=cmd_run)

    rm = sub.add_parser("remove", help="stop following a source (its articles stay)",
                        description="Stop following NAME. Articles it brought stay in the knowledge base.")
    rm.add_argument("name", metavar="NAME")
    rm.add_argument("--db", default=None, help=DB_HELP)
    rm.set_defaults(func=cmd_remove)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


# ------------------------------------------------------------------ parsing
def _interval(value: str) -> float:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value or "")
    if not m or float(m.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"{value!r}: not an interval like 90s, 15m, 1h")
    return float(m.group(1)) * {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def _seconds(value: str) -> float:
    try:
        v = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: not a number of seconds") from None
    if v < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: must not be negative")
    return v


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: not a positive whole number")
    return int(value)


def _follow_db(args):
    from ngoaigiao.follow import state

    store = _open(args)
    state.ensure(store.db)
    return store


# --------------------------------------------------------------------- add
@_guard
def cmd_add(args) -> int:
    from ngoaigiao.follow import outlets, state
    from ngoaigiao.follow.urls import host, normalise

    if args.outlet == "list":
        for key in outlets.outlet_keys():
            for row in outlets.find(key):
                print(f"{key:<14} {row['kind']:<8} {row['url']}")
        return 0
    if args.outlet:
        rows = outlets.find(args.outlet)
        if not rows:
            _err(f"follow add: --outlet {args.outlet!r}: not a known outlet (known: "
                 f"{', '.join(outlets.outlet_keys())}; see data/outlet_feeds.tsv)")
            return 2
        todo = [(outlets.source_name(r), r["url"], r["kind"], r["key"]) for r in rows]
    elif args.url:
        url = normalise(args.url)
        if not url:
            _err(f"follow add: {args.url!r}: not an http(s) URL")
            return 2
        name = args.name or _default_name(url, host(url))
        todo = [(name, url, "robots" if url.endswith("/robots.txt") and args.kind == "auto" else args.kind, None)]
    else:
        _err("follow add: give URL or --outlet NAME")
        return 2
    store = _follow_db(args)
    failed = 0
    try:
        for name, url, kind, outlet in todo:
            try:
                state.add_source(store.db, name, url, kind, outlet)
            except ValueError as exc:
                _err(f"follow add: {exc}")
                failed += 1
                continue
            print(f"following {name}: {url}")
    finally:
        store.close()
    return 1 if failed else 0


def _default_name(url: str, h: str) -> str:
    from urllib.parse import urlsplit

    path = re.sub(r"[^a-z0-9]+", "-", urlsplit(url).path.lower()).strip("-")
    base = h.removeprefix("www.").split(".")[0]
    return f"{base}-{path}"[:60].strip("-") if path else base


# -------------------------------------------------------------------- list
@_guard
def cmd_list(args) -> int:
    from ngoaigiao.follow import state

    store = _follow_db(args)
    try:
        rows = state.source_summaries(store.db)
    finally:
        store.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no sources; add one with `ngoaigiao follow add URL`")
        return 0
    print(f"{'name':<28} {'kind':<12} {'last run':<20} {'seen':>6} {'stored':>6} {'new':>5} {'failed':>6}  url")
    for r in rows:
        print(f"{r['name'][:28]:<28} {(r['kind'] or 'auto')[:12]:<12} {(r['last_run_at'] or 'never'):<20} "
              f"{r['seen']:>6} {r['stored']:>6} {r['last_new'] or 0:>5} {r['failed']:>6}  {r['url']}")
        if r["last_error"]:
            print(f"{'':<28} last error: {r['last_error']}")
    return 0


# --------------------------------------------------------------------- run
@_guard
def cmd_run(args) -> int:
    from ngoaigiao.follow import state
    from ngoaigiao.follow.fetch import Politeness
    from ngoaigiao.follow.run import RunOptions, run_once

    from ngoaigiao import budget, read

    read.set_max_bytes(args.max_bytes)  # the read stage takes what the fetcher let through
    budget.enable_alarm()  # a stuck page is stopped at its time budget, as in `ingest`
    store = _follow_db(args)
    try:
        known = {s["name"] for s in state.sources(store.db)}
        if not known:
            _err("follow run: no sources; add one with `ngoaigiao follow add URL`")
            return 2
        unknown = [n for n in args.source or [] if n not in known]
        if unknown:
            _err(f"follow run: --source {unknown[0]!r}: no such source (see `ngoaigiao follow list`)")
            return 2
        options = RunOptions(
            politeness=Politeness(delay=args.delay, timeout=args.timeout, retries=args.retries,
                                  max_bytes=args.max_bytes),
            max_pages=args.max_pages, relevance_filter=not args.all_pages, names=args.source)
        say = (lambda *a: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
        failed_any = False
        shown: dict[str, float] = {}

        def progress(rep, done: int, total: int) -> None:  # a long source says how far it is, every 10 s
            now = time.monotonic()
            last = shown.setdefault(rep.name, now)
            if args.quiet or now - last < 10 or done == total:
                return
            shown[rep.name] = now
            say(f"follow: {rep.name}: {done}/{total} pages, {rep.stored} stored, {rep.failed} failed ...")

        while True:
            t0 = time.monotonic()
            say(f"follow: round started {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC")
            reports = run_once(store, options,
                               on_source=lambda rep: say("follow: " + rep.line()),
                               on_failure=lambda url, reason: print(f"{url}: {reason}", file=sys.stderr,
                                                                     flush=True),
                               on_page=progress)
            failed_any = any(r.failed for r in reports)
            say(f"follow: {len(reports)} sources, {sum(r.listed for r in reports)} listed, "
                f"{sum(r.new for r in reports)} new, {sum(r.fetched for r in reports)} fetched, "
                f"{sum(r.stored for r in reports)} stored, {sum(r.irrelevant for r in reports)} irrelevant, "
                f"{sum(r.failed for r in reports)} failed in {time.monotonic() - t0:.1f} s")
            if not args.every:
                return 1 if failed_any else 0
            wait = max(0.0, args.every - (time.monotonic() - t0))
            nxt = datetime.now(timezone.utc) + timedelta(seconds=wait)
            state.set_next_run(store.db, nxt.strftime("%Y-%m-%dT%H:%M:%SZ"))
            say(f"follow: next round at {nxt:%H:%M:%S} UTC")
            time.sleep(wait)
    finally:
        store.close()


# ------------------------------------------------------------------ remove
@_guard
def cmd_remove(args) -> int:
    from ngoaigiao.follow import state

    store = _follow_db(args)
    try:
        if not state.remove_source(store.db, args.name):
            _err(f"follow remove: {args.name!r}: no such source (see `ngoaigiao follow list`)")
            return 1
    finally:
        store.close()
    print(f"stopped following {args.name} (its articles stay in the knowledge base)")
    return 0
