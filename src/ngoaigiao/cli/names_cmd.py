"""`ngoaigiao names`: Chinese names between Sino-Vietnamese, 汉字 and pinyin."""
from __future__ import annotations

import argparse
import json
import sys

EPILOG = """examples:
  ngoaigiao names "Lưu Hải Tinh"            table entry (or generated candidates)
  ngoaigiao names "Lưu Hoa Sơn" --top 8     a name not in the table: candidates
  ngoaigiao names --from-pinyin "Wang Yi"   pinyin -> Sino-Vietnamese
  ngoaigiao names --from-zh 王毅            characters -> Sino-Vietnamese
  ngoaigiao names "Tô Lâm" --json           one JSON object per name

Candidates marked [generated] are not facts: they are ranked guesses from
character readings and name-frequency priors, with their probabilities."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "names",
        help="look up or generate Chinese names (Hán-Việt <-> 汉字 <-> pinyin)",
        description="Find a person in the name table by any written form, or generate "
                    "candidate Chinese characters / pinyin / Sino-Vietnamese spellings "
                    "for a Chinese name that is not in the table.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("name", nargs="*", help="a name in any form (Sino-Vietnamese, pinyin or 汉字)")
    p.add_argument("--from-pinyin", metavar="PINYIN", action="append", default=[],
                   help="a name in pinyin or English spelling (\"Wang Yi\", \"xijinping\")")
    p.add_argument("--from-zh", metavar="汉字", action="append", default=[],
                   help="a name in Chinese characters")
    p.add_argument("--top", type=int, default=5, metavar="N", help="candidates to show (default 5)")
    p.add_argument("--generate", action="store_true",
                   help="also show generated candidates for names found in the table")
    p.add_argument("--json", action="store_true", help="print one JSON object per name")
    p.set_defaults(func=run)


def _queries(args: argparse.Namespace) -> list[tuple[str, str]]:
    return ([(n, "auto") for n in args.name] + [(n, "pinyin") for n in args.from_pinyin]
            + [(n, "zh") for n in args.from_zh])


def _span(pos: dict) -> str:
    return f"{pos['start'] or '?'} – {pos['end'] or ''}".rstrip()


def _print_text(res: dict, top: int, out) -> None:
    q = res["query"]
    for p in res["table"]:
        print(f"{q}  [table] {p['name']}", file=out)
        facts = [("zh", p["zh"]), ("pinyin", p["pinyin"]), ("country", p["country"]), ("id", p["id"])]
        print("  " + "   ".join(f"{k} {v}" for k, v in facts if v), file=out)
        if p["aliases"]:
            print("  also written: " + ", ".join(p["aliases"]), file=out)
        for pos in p["positions"]:
            print(f"  {pos['title']} ({_span(pos)})" + (f"  [{pos['note']}]" if pos["note"] else ""), file=out)
    gen = res["generated"]
    if gen is None:
        return
    if not gen["candidates"]:
        if not res["table"]:
            print(f"{q}  no candidates: not a Chinese name in this form ({res['mode']})", file=out)
        return
    label = "ambiguous, low confidence" if gen["ambiguous"] else f"confidence {gen['confidence']:.2f}"
    note = "not in the name table; " if not res["table"] else ""
    print(f"{q}  [generated: {note}{label}]", file=out)
    if res["mode"] == "hanviet":
        print("  pinyin: " + " | ".join(f"{x['pinyin']} {x['score']:.2f}" for x in gen["by_pinyin"][:top]), file=out)
    else:
        print("  Hán-Việt: " + " | ".join(f"{x['name']} {x['score']:.2f}" for x in gen["by_name"][:top]), file=out)
    for i, c in enumerate(gen["candidates"][:top], 1):
        print(f"  {i}. {c['zh']}  {c['pinyin']}  {c['name']}  {c['score']:.3f}", file=out)


def run(args: argparse.Namespace) -> int:
    from ngoaigiao.names.lookup import lookup

    queries = _queries(args)
    if not queries:
        print("ngoaigiao names: give a name, --from-pinyin TEXT or --from-zh TEXT (see --help)", file=sys.stderr)
        return 2
    if args.top < 1:
        print("ngoaigiao names: --top must be at least 1", file=sys.stderr)
        return 2
    failed = 0
    for text, mode in queries:
        if not text.strip():
            print("ngoaigiao names: empty name", file=sys.stderr)
            failed += 1
            continue
        res = lookup(text, mode=mode, top=args.top, always_generate=args.generate)
        if res["source"] == "none":
            failed += 1
        if args.json:
            print(json.dumps(res, ensure_ascii=False))
        else:
            _print_text(res, args.top, sys.stdout)
    return 1 if failed else 0
