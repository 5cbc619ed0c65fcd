"""Confidence stage: how likely each extracted event is to be right.

An event's `confidence` is the output of a small logistic regression over weak
cues of the event (its type, trigger word, participants and sides, how its
date was found, place, where in the article it is reported, cue words of its
sentence, how many sentences report it, titles, and the names of the rules
that shaped it when the events stage records them), trained on the gold of
the shared corpus by scripts/train_confidence.py and shipped as
data/confidence_model.json.

The raw probability is then mapped through the model's calibration: a
monotone curve fitted on held-out predictions, with one promise on top: a
confidence of 0.8 or more is given only above the raw score from which events
were right at least 95% of the time (benchmarks/calibration.py checks it on
held-out halves). Below that point scores are capped under 0.8.

The stage only reads the article and sets numbers: it never adds, drops or
changes an event, so extraction scores do not depend on it.
"""
from __future__ import annotations

import functools
import json
import math
from bisect import bisect_right
from itertools import repeat
from pathlib import Path
from typing import NoReturn

from ngoaigiao.article import Article, Event
from ngoaigiao.data import DATA_DIR, data_paths, load_tsv
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.lexicon import PhraseSet, Token, sentence_tokens, tokenize
from ngoaigiao.extract.names import table_row
from ngoaigiao.textnorm import key

MODEL_FILE = "confidence_model.json"
MODEL_FORMAT = "ngoaigiao-confidence/1"
HIGH = 0.8  # the band that must be right >= 95% of the time
LEAD_SENTENCES = 2  # body sentences that count as the lead


# ------------------------------------------------------------------ lexicons
@functools.cache
def _triggers() -> PhraseSet:
    """Trigger phrase -> (type, phrase as written in the data file)."""
    return PhraseSet((r["phrase"], (r["type"], key(r["phrase"]).lower()))
                     for r in load_tsv("event_triggers.tsv"))


@functools.cache
def _cue_kinds() -> PhraseSet:
    """Every cue phrase of event_cues.tsv and confidence_cues.tsv -> the kinds it signals."""
    kinds: dict[str, set[str]] = {}
    for r in load_tsv("event_cues.tsv"):
        if r.get("kind") and r["kind"] != "not_trigger":
            kinds.setdefault(r["phrase"], set()).add(r["kind"])
    for r in load_tsv("confidence_cues.tsv"):
        if r.get("kind"):
            kinds.setdefault(r["phrase"], set()).add(r["kind"])
    return PhraseSet((p, frozenset(k)) for p, k in kinds.items())


# ------------------------------------------------------------------ features
def _bucket(n: int, top: int) -> str:
    return str(n) if n < top else f"{top}+"


class ArticleFacts:
    """What every event of one article looks up, gathered once per article."""
    __slots__ = ("starts", "mentions", "persons", "body_rank", "lead_day", "triggers_in", "cues_in")

    def __init__(self, article: Article):
        self.starts = {s.start: i for i, s in enumerate(article.sentences)}
        self.mentions: dict[int, list] = {}
        for m in article.mentions:
            self.mentions.setdefault(m.sentence, []).append(m)
        self.persons = {p.name: p for p in article.persons}
        self.body_rank, n = [], 0
        for s in article.sentences:
            self.body_rank.append(n)
            n += s.kind == "body"
        self.lead_day = _lead_day(article)
        # sentence -> its (token, type, phrase) triggers / its cue kinds: the events of one
        # sentence (a meeting and the talks after it) share them
        self.triggers_in: dict[int, list[tuple[int, str, str]]] = {}
        self.cues_in: dict[int, list[str]] = {}

    def names_in(self, sents) -> set[str]:
        return {m.name for si in sents for m in self.mentions.get(si, ())}


def _sentence_triggers(facts: ArticleFacts, si: int, toks: list[Token]) -> list[tuple[int, str, str]]:
    """(token, type, phrase) of every trigger phrase of sentence si, in order (made once)."""
    got = facts.triggers_in.get(si)
    if got is None:
        trig, got = _triggers(), []
        for i in trig.starts(toks):  # most words start none
            m = trig.match(toks, i)
            if m:
                got.append((i, *trig.value(toks, i, m)))
        facts.triggers_in[si] = got
    return got


def _sentence_cues(facts: ArticleFacts, si: int, toks: list[Token]) -> list[str]:
    """The "cue:<kind>" features of sentence si (made once)."""
    got = facts.cues_in.get(si)
    if got is None:
        cues, seen = _cue_kinds(), set()
        for i in cues.starts(toks):
            for _m, kinds in cues.matches(toks, i):
                seen.update(kinds)
        got = facts.cues_in[si] = [f"cue:{k}" for k in sorted(seen)]
    return got


def _sentences_of(article: Article, ev: Event, starts: dict[int, int]) -> list[int]:
    out: list[int] = []
    for sp in ev.evidence:
        si = starts.get(sp.start)
        if si is None:  # a span that is not a whole sentence: the sentence it starts in
            si = next((i for i, s in enumerate(article.sentences) if s.start <= sp.start < s.end), None)
        if si is not None and si not in out:
            out.append(si)
    return out


def _position(article: Article, si: int, facts: ArticleFacts) -> str:
    sent = article.sentences[si]
    if sent.kind in ("title", "caption"):
        return sent.kind
    return "lead" if facts.body_rank[si] < LEAD_SENTENCES else "body"


def _date_kind(article: Article, ev: Event, sents: list[int]) -> str:
    """How the event's date was found: a day its own sentence gives (with or without a year
    written), a day carried from elsewhere, only a month/year, or none."""
    if not ev.date:
        return "none"
    if len(ev.date) < 10:
        return "partial"
    spans = [(article.sentences[si].start, article.sentences[si].end) for si in sents]
    for t in article.times:
        if t.date == ev.date and any(a <= t.start < b for a, b in spans):
            return "day_relative" if t.relative else "day_text"
    return "day_inferred"


def _gap_kind(article: Article, ev: Event) -> str:
    """The event's day against the publication day: reported news is a few days old."""
    if not ev.date or len(ev.date) < 10:
        return "none"
    if not article.published or len(article.published) < 10:
        return "no_pub"
    try:
        from datetime import date as Date
        days = (Date.fromisoformat(article.published[:10]) - Date.fromisoformat(ev.date)).days
    except ValueError:
        return "none"
    if days < 0:
        return "after_pub"
    if days <= 1:
        return "0-1"
    if days <= 7:
        return "2-7"
    return "8-45" if days <= 45 else "45+"


def _lead_day(article: Article) -> bool:
    """The headline or the first body sentences give a full day."""
    lead = [s for s in article.sentences if s.kind == "title"]
    lead += [s for s in article.sentences if s.kind == "body"][:LEAD_SENTENCES]
    spans = [(s.start, s.end) for s in lead]
    return any(t.date and len(t.date) == 10 and any(a <= t.start < b for a, b in spans) for t in article.times)


@functools.lru_cache(maxsize=4096)
def _in_name_table(name: str) -> bool:
    return table_row(name) is not None


@functools.lru_cache(maxsize=4096)
def _place_kind(place: str | None) -> str:
    if not place:
        return "none"
    toks = tokenize(key(place))
    return "known" if lx.places().value(toks, 0, len(toks)) is not None else "other"


def event_features(article: Article, ev: Event, facts: ArticleFacts | None = None) -> list[str]:
    """The names of the binary cues that hold for one event (the model's inputs).
    `facts`: ArticleFacts(article), made once when scoring every event of an article."""
    facts = facts or ArticleFacts(article)
    feats = [f"type:{ev.type}"]
    sents = _sentences_of(article, ev, facts.starts)
    first = sents[0] if sents else None
    toks: list[Token] = sentence_tokens(article, first) if first is not None else []

    # trigger: the first phrase of the event's type in its first sentence
    phrase, at = None, None
    for i, typ, ph in _sentence_triggers(facts, first, toks) if first is not None else ():
        if typ == ev.type or phrase is None:
            phrase, at = ph, i
        if typ == ev.type:
            break
    feats.append(f"trigger:{phrase or 'none'}")
    if at is not None and at < 3:
        feats.append("trigger_first_words")
    if at is not None:
        # "A hội kiến B": one participant named before the trigger and one after it
        cut = toks[at].start
        # (a trigger was found, so there is a first sentence)
        names = [m for m in facts.mentions.get(first, ()) if m.name in ev.participants]  # type: ignore[arg-type]
        before = any(m.start < cut for m in names)
        after = any(m.start > cut for m in names)
        feats.append("pattern:" + ("around_trigger" if before and after else "before_trigger" if before
                                   else "after_trigger" if after else "away_from_trigger"))

    # participants, sides, countries
    n = len(ev.participants)
    feats.append(f"participants:{_bucket(n, 4)}")
    feats.append(f"sides:{_bucket(len(ev.countries), 3)}")
    persons = facts.persons
    known = [persons[p].country for p in ev.participants if p in persons and persons[p].country]
    if n and len(known) == n and len(set(known)) >= 2:
        feats.append("countries:both_known")
    elif known:
        feats.append("countries:some_known")
    else:
        feats.append("countries:none_known")
    in_table = sum(1 for p in ev.participants if _in_name_table(p))
    feats.append("name_table:all" if n and in_table == n else ("name_table:some" if in_table else "name_table:none"))
    titled = sum(1 for p in ev.participants if p in persons and persons[p].titles)
    feats.append("titled:all" if n and titled == n else ("titled:some" if titled else "titled:none"))
    if first is not None:
        in_sentence = facts.names_in((first,))
        extra = len(in_sentence - set(ev.participants))
        feats.append(f"others_named:{_bucket(extra, 2)}")

    # date, place, position, repeats
    date_kind, gap = _date_kind(article, ev, sents), _gap_kind(article, ev)
    feats.append(f"date:{date_kind}")
    feats.append(f"gap:{gap}")
    where = facts.names_in(sents)
    outside = sum(1 for p in ev.participants if p not in where)
    if (date_kind in ("day_text", "day_relative") and gap != "after_pub" and "countries:both_known" in feats
            and not outside):
        # the shape of a well-formed report: its own day, both sides known, every participant
        # named where it is reported (the model is additive: the conjunction gets its own weight)
        feats.append("well_formed")
    feats.append(f"place:{_place_kind(ev.place)}")
    if first is not None:
        feats.append(f"position:{_position(article, first, facts)}")
        if any(article.sentences[si].kind == "title" for si in sents[1:]):
            feats.append("also_in_title")
    feats.append(f"sentences:{_bucket(len(sents), 3)}")
    if not article.published:
        feats.append("no_publication_date")
    elif len(article.published) < 10:
        feats.append("publication_month_only")
    if not ev.date and facts.lead_day:
        feats.append("undated_but_lead_has_day")  # the report's day was there and not carried
    # participants named only outside the event's sentences were carried in from elsewhere
    feats.append(f"participants_elsewhere:{_bucket(outside, 2)}")
    if "VN" in ev.countries:
        feats.append("side:VN")
    siblings = sum(1 for o in article.events if o is not ev and o.evidence and ev.evidence
                   and o.evidence[0].start == ev.evidence[0].start)
    feats.append(f"same_sentence_events:{_bucket(siblings, 2)}")
    feats.append(f"article_events:{_bucket(len(article.events), 4)}")
    if ev.part_of is not None:
        feats.append("part_of_visit")
    if ev.documents:
        feats.append("documents")

    # cue words of the sentence
    if toks:
        feats.extend(_sentence_cues(facts, first, toks))  # type: ignore[arg-type]  # (tokens: a first sentence)

    # the rules that shaped the event, when the events stage names them
    for rule in getattr(ev, "rules", None) or ():
        if isinstance(rule, str) and rule:
            feats.append(f"rule:{rule}")
    return feats


# ------------------------------------------------------------------ model
class ModelError(ValueError):
    """The model file is missing a part or has a value of the wrong kind."""


def validate_model(model: object, source: str = MODEL_FILE) -> dict:
    """Check the shape of a model dict; raise ModelError naming the file and the problem."""
    def bad(why: str) -> NoReturn:
        raise ModelError(f"{source}: {why}")

    if not isinstance(model, dict):
        bad("not a JSON object")
    if model.get("format") != MODEL_FORMAT:
        bad(f"format is {model.get('format')!r}, expected {MODEL_FORMAT!r}")
    if not isinstance(model.get("bias"), (int, float)) or not math.isfinite(model["bias"]):
        bad("'bias' is not a finite number")
    weights = model.get("weights")
    if not isinstance(weights, dict) or not all(
            isinstance(k, str) and isinstance(v, (int, float)) and math.isfinite(v) for k, v in weights.items()):
        bad("'weights' is not an object of feature name -> finite number")
    cal = model.get("calibration")
    if not isinstance(cal, dict):
        bad("'calibration' is missing")
    knots = cal.get("knots")
    if not isinstance(knots, list) or len(knots) < 2 or not all(
            isinstance(k, list) and len(k) == 2 and all(isinstance(x, (int, float)) and 0 <= x <= 1 for x in k)
            for k in knots):
        bad("'calibration.knots' is not a list of at least two [raw, calibrated] pairs in [0, 1]")
    xs, ys = [k[0] for k in knots], [k[1] for k in knots]
    if xs != sorted(xs) or ys != sorted(ys):
        bad("'calibration.knots' is not increasing")
    needs = cal.get("high_requires", [])
    if not isinstance(needs, list) or not all(isinstance(f, str) for f in needs):
        bad("'calibration.high_requires' is not a list of feature names")
    high = cal.get("high_from")
    if high is not None and not (isinstance(high, (int, float)) and 0 <= high <= 1):
        bad("'calibration.high_from' is not null or a number in [0, 1]")
    return model


@functools.cache
def load_model(path: str | None = None) -> dict | None:
    """The model at `path`, else the one in NGOAIGIAO_DATA_DIR (a team's own retrain), else
    the shipped one; None when there is none (events keep the events stage's confidence)."""
    if path:
        p = Path(path)
    else:
        found = data_paths(MODEL_FILE)
        p = found[-1] if found else DATA_DIR / MODEL_FILE
    if not p.is_file():
        if path:
            raise ModelError(f"{p}: no such file")
        return None
    try:
        model = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{p}: not readable JSON ({exc})") from exc
    return validate_model(model, str(p))


def raw_score(model: dict, feats: list[str]) -> float:
    w = model["weights"]
    z = model["bias"] + sum(map(w.get, feats, repeat(0.0)))  # (map: no generator frame per feature)
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def calibrate(model: dict, raw: float) -> float:
    """Map a raw probability through the model's monotone curve and its >= 0.8 promise."""
    cal = model["calibration"]
    knots = cal["knots"]
    xs = [k[0] for k in knots]
    j = bisect_right(xs, raw)
    if j == 0:
        c = knots[0][1]
    elif j >= len(knots):
        c = knots[-1][1]
    else:
        (x0, y0), (x1, y1) = knots[j - 1], knots[j]
        c = y0 if x1 == x0 else y0 + (y1 - y0) * (raw - x0) / (x1 - x0)
    high = cal.get("high_from")
    cap = cal.get("cap", 0.99)
    if high is not None and raw >= high:
        return round(min(cap, max(HIGH, c)), 3)
    return round(min(HIGH - 0.01, c), 3)


def confidence_of(model: dict, feats: list[str]) -> float:
    """Calibrated confidence from an event's features. The >= 0.8 band also needs every
    feature of `calibration.high_requires` (the shape of a well-formed report)."""
    c = calibrate(model, raw_score(model, feats))
    needs = model["calibration"].get("high_requires") or ()
    if c >= HIGH and not all(f in feats for f in needs):
        c = HIGH - 0.01
    return c


def event_confidence(model: dict, article: Article, ev: Event, facts: ArticleFacts | None = None) -> float:
    return confidence_of(model, event_features(article, ev, facts))


def assign_confidence(article: Article) -> Article:
    """Set every event's `confidence` from the shipped model (pipeline stage)."""
    model = load_model()
    if model is None:
        return article
    facts = ArticleFacts(article) if article.events else None
    for ev in article.events:
        ev.confidence = event_confidence(model, article, ev, facts)
    return article
