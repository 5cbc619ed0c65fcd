"""Fixture articles for the web tests: pages we wrote ourselves, plus our own
annotation of each, turned into the record shape `Article.to_record(with_text=True)`.

The page goes through the real pipeline (read, clean, ...); the annotation then
fills what the extractors may not find yet (events, persons, block kinds), so
the web tests exercise the web app on known facts whatever today's extraction
quality is. Offsets are computed by locating the annotated text in the page.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ngoaigiao.pipeline import process

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"


def _spans(raw: str, needle: str) -> list[dict]:
    return [{"start": m.start(), "end": m.end(), "text": needle}
            for m in re.finditer(re.escape(needle), raw)]


def build_record(txt: Path) -> dict:
    raw = txt.read_text(encoding="utf-8")
    rec = process(raw, id=txt.stem, source=str(txt)).to_record(with_text=True)
    ann = json.loads(txt.with_suffix("").with_suffix(".ann.json").read_text(encoding="utf-8"))
    for key in ("published", "title", "outlet", "url"):
        rec[key] = ann.get(key, rec.get(key))
    blocks = []
    for m in re.finditer(r"[^\n]+", raw):
        kind, reason = "body", None
        for prefix, (k, r) in ann.get("kinds", {}).items():
            if m.group().startswith(prefix):
                kind, reason = k, r
                break
        blocks.append({"start": m.start(), "end": m.end(), "kind": kind, "reason": reason})
    rec["blocks"] = blocks
    rec["persons"] = []
    for p in ann["persons"]:
        rec["persons"].append({
            "name": p["name"], "country": p["country"], "titles": p["titles"],
            "zh": p.get("zh"), "pinyin": p.get("pinyin"), "name_source": p.get("name_source"),
            "mentions": _spans(raw, p["name"]),
            "title_evidence": [dict(s, title=t) for t in p["titles"] for s in _spans(raw, t)[:1]],
        })
    rec["events"] = []
    for e in ann["events"]:
        ev = {k: e.get(k) for k in ("type", "date", "end_date", "place", "participants", "countries",
                                    "documents", "cameo", "plover", "part_of")}
        ev["roles"] = e.get("roles", {})
        ev["confidence"] = 0.9
        ev["evidence"] = [s for text in e["evidence"] for s in _spans(raw, text)]
        assert ev["evidence"], f"evidence not found in {txt.name}: {e['evidence']}"
        rec["events"].append(ev)
    return rec


def fixture_records() -> list[dict]:
    return [build_record(p) for p in sorted(FIXTURES.glob("*.txt"))]


def pipeline_records() -> list[dict]:
    """Every fixture page (.txt and .html) as the real pipeline alone makes it."""
    out = []
    for path in sorted(FIXTURES.iterdir()):
        if path.suffix in (".txt", ".html"):
            out.append(process(path.read_bytes(), id=path.stem, source=str(path)).to_record(with_text=True))
    return out
