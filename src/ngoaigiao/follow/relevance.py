"""A cheap relevance test before the full pipeline.

A followed section or feed carries sport, weather and prices next to the
diplomacy. A page goes on to the pipeline only when its text has an
interaction trigger (data/event_triggers.tsv: hội đàm, tiếp, điện đàm...;
data/relevance_cues.txt: chiêu đãi, trực tuyến, chuyến thăm...) and a named person: a position head (data/titles.txt) or a family name
(data/surnames.txt) followed by a capitalised word. Both lists are the ones
the extractor uses, so an analyst who extends them extends this test too.
The test reads the start of the text only (the lead says who met whom).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ngoaigiao.data import load_lines, load_tsv
from ngoaigiao.extract import lexicon
from ngoaigiao.textnorm import match_form

SAMPLE = 4000  # characters: headline and lead


@dataclass(frozen=True)
class Verdict:
    relevant: bool
    reason: str


@functools.cache
def _triggers() -> lexicon.PhraseSet:
    phrases = [r["phrase"] for r in load_tsv("event_triggers.tsv") if r.get("phrase")]
    return lexicon.PhraseSet((p, True) for p in phrases + list(load_lines("relevance_cues.txt")))


def check(text: str) -> Verdict:
    """Whether `text` (an article's text) may report an exchange with a foreign side."""
    tokens = lexicon.tokenize(match_form(text[:SAMPLE]))
    triggers, titles, surnames = _triggers(), lexicon.titles(), lexicon.surnames()
    trigger = person = None
    for i, tok in enumerate(tokens):
        if trigger is None and triggers.match(tokens, i):
            trigger = tok.text
        if person is None:
            n = titles.match(tokens, i)
            if n:
                person = " ".join(t.text for t in tokens[i:i + n])
            elif tok.low in surnames and tok.text[:1].isupper() and i + 1 < len(tokens) \
                    and tokens[i + 1].text[:1].isupper():
                person = f"{tok.text} {tokens[i + 1].text}"
        if trigger and person:
            return Verdict(True, f"trigger {trigger!r}, person {person!r}")
    if not trigger:
        return Verdict(False, "no meeting, call, visit or signing word")
    return Verdict(False, "no named person or position")
