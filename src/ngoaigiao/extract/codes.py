"""CAMEO codes and PLOVER categories for extracted events (data/event_codes.tsv)."""
from __future__ import annotations

import functools

from ngoaigiao.article import Event
from ngoaigiao.data import load_tsv


@functools.cache
def code_table() -> dict[tuple[str, str], tuple[str, str]]:
    return {(r["type"], r["context"]): (r["cameo"], r["plover"]) for r in load_tsv("event_codes.tsv")}


def assign_codes(ev: Event) -> Event:
    context = "in_visit" if ev.part_of is not None else ""
    table = code_table()
    cameo, plover = table.get((ev.type, context)) or table.get((ev.type, "")) or (None, None)
    ev.cameo, ev.plover = cameo, plover
    return ev
