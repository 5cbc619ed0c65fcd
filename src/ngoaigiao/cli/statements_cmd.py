"""Statement commands: topics, followup, statements."""
from __future__ import annotations

import json
import sys

from ngoaigiao import params
from ngoaigiao.cli.checks import UsageError, check_dates
from ngoaigiao.cli.kb_cmd import _guard, _open, db_command_adder
from ngoaigiao.extract.statements import topic_labels
from ngoaigiao.store.statement_queries import DEFAULT_WINDOW_DAYS

ACTS = ("propose", "agree", "commit", "affirm")


def _check(cmd: str, args) -> None:
    """One line naming the option for a value that cannot be used (exit 2)."""
    check_dates(cmd, args)
    if getattr(args, "countries", None):
        codes = []
        for part in args.countries.split(","):
            code, problem = params.resolve_country(part.strip())
            if problem:
                raise UsageError(f"{cmd}: --countries: {problem}")
            codes.append(code)
        args.countries = ",".join(codes)
    topic = getattr(args, "topic", None)
    if topic is not None and topic not in topic_labels():
        raise UsageError(f"{cmd}: --topic: unknown topic {topic!r}; one of {', '.join(topic_labels())}")
    act = getattr(args, "act", None)
    if act is not None and act not in ACTS:
        raise UsageError(f"{cmd}: --act: unknown act {act!r}; one of {', '.join(ACTS)}")
    window = getattr(args, "window", None)
    if window is not None and window < 1:
        raise UsageError(f"{cmd}: --window: must be a positive number of days")


def _line(s: dict) -> str:
    who = s["speaker"] or "-"
    src = s["sources"][0] if s.get("sources") else {}
    n = f" [{s['n_sources']} sources]" if s.get("n_sources", 1) > 1 else ""
    return (f"{s['date'] or '?':<10} {s['side']:<4} {s['act']:<7} {','.join(s['topics']):<24} {who:<22} "
            f"{(s['object'] or '')[:90]}  ({src.get('article_id', '')}){n}")


@_guard
def cmd_topics(args) -> int:
    _check("topics", args)
    store = _open(args, must_exist=True)
    try:
        res = store.topic_counts(countries=args.countries, since=args.since, until=args.until)
    finally:
        store.close()
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=2))
        return 0
    sides = res["sides"]
    print(f"{'topic':<14} {'total':>5}  " + "  ".join(f"{s:>5}" for s in sides))
    for t in res["topics"]:
        print(f"{t['topic']:<14} {t['total']:>5}  " + "  ".join(f"{t['by_side'].get(s, 0):>5}" for s in sides))
    if res["periods"]:
        print()
        print(f"{'quarter':<9} " + " ".join(f"{t['topic'][:8]:>8}" for t in res["topics"]))
        by = {}
        for r in res["series"]:
            by[(r["period"], r["topic"])] = by.get((r["period"], r["topic"]), 0) + r["n"]
        for q in res["periods"]:
            print(f"{q:<9} " + " ".join(f"{by.get((q, t['topic']), 0):>8}" for t in res["topics"]))
    return 0


@_guard
def cmd_followup(args) -> int:
    _check("followup", args)
    store = _open(args, must_exist=True)
    try:
        res = store.followup(args.topic, countries=args.countries, window_days=args.window,
                             since=args.since, until=args.until)
    finally:
        store.close()
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=2))
        return 0
    print(f"{args.topic} {res['countries'] and '-'.join(res['countries']) or ''}: "
          f"{len(res['entries'])} entries, window {res['window_days']} days, as of {res['as_of'] or '?'}")
    for e in res["entries"]:
        if e["kind"] == "event":
            print(f"{e['date'] or '?':<10} event #{e['id']} {e['type']}: {'; '.join(e['documents'])[:120]}")
            continue
        flag = ""
        if e.get("not_followed_up"):
            flag = f"  ** NOT FOLLOWED UP within {res['window_days']} days (by {e['window_ends']})"
        elif e.get("followed_by"):
            flag = "  -> followed " + ", ".join(f"{x['date']}" for x in e["followed_by"][:3])
        print(_line(e) + flag)
    return 0


@_guard
def cmd_statements(args) -> int:
    _check("statements", args)
    store = _open(args, must_exist=True)
    try:
        rows = store.query_statements(person=args.person, topic=args.topic, countries=args.countries,
                                      act=args.act, since=args.since, until=args.until, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps({"statements": rows}, ensure_ascii=False, indent=2))
        return 0
    for s in rows:
        print(_line(s))
    print(f"{len(rows)} statements", file=sys.stderr)
    return 0


def register(subparsers) -> None:
    add = db_command_adder(subparsers)

    def filters(p):
        p.add_argument("--countries", help="the sides of the relationship, comma-separated (VN,CN); "
                                           "statements made at events between all of them")
        p.add_argument("--since", help="first date (YYYY[-MM[-DD]])")
        p.add_argument("--until", help="last date (YYYY[-MM[-DD]])")
        p.add_argument("--json", action="store_true", help="print JSON")

    topics = ", ".join(topic_labels())
    p = add("topics", cmd_topics, "how often each topic was raised, per side and per quarter",
            f"Counts of statements per topic and side, and per quarter. Topics: {topics}.")
    filters(p)

    p = add("followup", cmd_followup, "the timeline of a topic between countries, unfollowed commitments flagged",
            "Statements on a topic made at events between the countries, and events whose documents are on "
            "it, in date order. An agreement or commitment that nothing on the topic followed within --window "
            "days is flagged NOT FOLLOWED UP (once the window has passed by the latest date in the database).")
    p.add_argument("--topic", required=True, help=f"one of: {topics}")
    p.add_argument("--window", type=int, default=DEFAULT_WINDOW_DAYS,
                   help=f"days within which a follow-up must come (default {DEFAULT_WINDOW_DAYS})")
    filters(p)

    p = add("statements", cmd_statements, "statements, by speaker, topic, act or countries",
            "What each side proposed, agreed, pledged and affirmed, oldest first.")
    p.add_argument("--person", help="the speaker's name (diacritics optional) or person id")
    p.add_argument("--topic", help=f"one of: {topics}")
    p.add_argument("--act", help="propose, agree, commit or affirm")
    p.add_argument("--limit", type=int, default=200)
    filters(p)
