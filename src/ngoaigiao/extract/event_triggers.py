"""Trigger words and the cues around them (data/event_triggers.tsv, data/event_cues.tsv).

A trigger is a word that reports an interaction ("hội đàm", "tiếp", "thăm");
cues are words near it that change what it means (background, future,
greetings passed on, an occasion, held online).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ngoaigiao.data import load_tsv, word_set
from ngoaigiao.extract import lexicon as lx
from ngoaigiao.extract.documents import heads as document_heads
from ngoaigiao.extract.lexicon import PhraseSet, Token
from ngoaigiao.extract.places import venues
from ngoaigiao.textnorm import key

@functools.cache
def triggers() -> PhraseSet:
    return PhraseSet((r["phrase"], (r["type"], r["object"])) for r in load_tsv("event_triggers.tsv"))


@functools.cache
def cues() -> dict[str, PhraseSet]:
    out: dict[str, list] = {}
    for r in load_tsv("event_cues.tsv"):
        out.setdefault(f'{r["kind"]}:{r["where"]}', []).append((r["phrase"], True))
    return {k: PhraseSet(v) for k, v in out.items()}


@functools.cache
def _all_cues() -> PhraseSet:
    """Every cue phrase -> the kinds it signals (one pass over a sentence finds them all)."""
    kinds: dict[str, set[str]] = {}
    for r in load_tsv("event_cues.tsv"):
        # keyed as the phrase set matches (case and tone placement ignored): "Nhân dịp" and
        # "nhân dịp" are one phrase whose kinds add up
        kinds.setdefault(key(r["phrase"]), set()).add(f'{r["kind"]}:{r["where"]}')
    return PhraseSet((p, frozenset(k)) for p, k in kinds.items())


def _cue_positions(toks: list[Token]) -> dict[str, list[int]]:
    """kind:where -> token positions where a cue of that kind starts (cached per token list)."""
    if toks is _LAST[0]:
        return _LAST[1]  # the rules of one sentence ask again and again: no dict lookup
    cached = _CUE_CACHE.get(id(toks))
    if cached is not None and cached[0] is toks:
        _LAST[:] = cached
        return cached[1]
    ps = _all_cues()
    out: dict[str, list[int]] = {}
    for x in ps.starts(toks):  # most words start no cue
        for _n, kinds in ps.matches(toks, x):
            for kind in kinds:
                out.setdefault(kind, []).append(x)
    if len(_CUE_CACHE) > 256:
        _CUE_CACHE.clear()
    _CUE_CACHE[id(toks)] = _LAST[:] = (toks, out)
    return out


_CUE_CACHE: dict[int, tuple] = {}
_LAST: list = [None, None]  # (token list, its cues) of the last call (holds the list: its id stays unique)


def _has_cue(kind_where: str, toks: list[Token], a: int, b: int) -> bool:
    a = max(a, 0)
    for x in _cue_positions(toks).get(kind_where, ()):
        if a <= x < b:
            return True
    return False


@dataclass
class Trigger:
    i: int        # token index
    n: int        # tokens
    type: str
    plural: bool = False   # "các cuộc hội kiến": one event per counterpart
    single: bool = False   # "cuộc gặp với A, B": one event with all


def _ends_title_head(toks: list[Token], i: int) -> bool:
    """"Thường trực Ban Bí thư tiếp B": the words before the trigger end a position head of
    titles.txt ("Bí thư"), so the cue word there ("thư", of "Thư ký") closes a title and the
    trigger is the verb after it."""
    heads = lx.titles()
    for k in range(2, 5):
        if i - k >= 0 and heads.match(toks, i - k) == k:
            return True
    return False


def _starts_person(toks: list[Token], j: int) -> bool:
    if j >= len(toks):
        return False
    t = toks[j]
    return t.is_cap or bool(lx.honorifics().match(toks, j)) or t.low in word_set("person_openers.txt")


ONLINE_WINDOW = 25  # tokens after a meeting verb in which "theo hình thức trực tuyến" says how it was held


def _held_online_later(toks: list[Token], after: int) -> bool:
    """"gặp Thủ tướng Nhật Bản X theo hình thức trực tuyến": a cue of two words or more later
    in the clause (not a bare "trực tuyến", which may qualify something else)."""
    cues_at = _cue_positions(toks).get("online:after", ())
    if not cues_at:
        return False  # (no cue, nothing to bound: the clause's end is not looked for)
    end = min(len(toks), after + ONLINE_WINDOW)
    end = next((x for x in range(after, end) if toks[x].text in (";", ".")), end)
    for x in cues_at:
        if after < x < end and _online_multiword().match(toks, x):
            return True
    return False


@functools.cache
def _online_multiword() -> PhraseSet:
    return PhraseSet((r["phrase"], True) for r in load_tsv("event_cues.tsv")
                     if r["kind"] == "online" and len(r["phrase"].split()) >= 2)


PASSIVE_WINDOW = 30  # tokens: the agent between "được" and the verb may carry a long title chain


def _passive_end(toks: list[Token], i: int, after: int) -> bool:
    """"X đã được Thủ tướng Y tiếp.": the verb ends the clause and "được" comes before it in the
    same sentence part; the agent Y may be written with a whole title chain, commas included
    ("được Tổng Bí thư, Chủ tịch nước Trung Quốc Z tiếp", "được Ủy viên trưởng Ủy ban Thường
    vụ Nhân đại toàn quốc Trung Quốc Z tiếp"), so the search goes back to a semicolon or colon
    (up to PASSIVE_WINDOW tokens), not a fixed few words."""
    if after < len(toks) and toks[after].text not in (".", ",", ";", "!"):
        return False
    for t in reversed(toks[max(0, i - PASSIVE_WINDOW):i]):
        if t.low == "được":
            return True
        if t.text in (";", ":"):
            return False
    return False


def _after_modifiers(toks: list[Token], j: int) -> int:
    """The position after the meeting modifiers at toks[j] ("gặp song phương với ...")."""
    mods = lx.phrase_list("meeting_modifiers.txt")
    while j < len(toks):
        n = mods.match(toks, j)
        if not n:
            return j
        j += n
    return j


def _institution_at(toks: list[Token], i: int) -> bool:
    """An organisation or a venue, not a place, starts at toks[i]."""
    n_org = lx.organisations().match(toks, i)
    return bool((n_org and n_org > lx.places().match(toks, i)) or venues().match(toks, i))


def find_triggers(toks: list[Token]) -> list[Trigger]:
    out: list[Trigger] = []
    trig = triggers()
    starts = trig.starts(toks)  # most words start no trigger: find those that may in one sweep
    if not starts:
        return out
    n = len(toks)
    cue_at = None  # the sentence's cues, looked up at its first trigger (most sentences have none)
    nxt = 0  # a trigger found ends here: the next one starts at or after it
    for i in starts:
        if i < nxt:
            continue
        m = trig.match(toks, i)
        if not m:
            continue
        if cue_at is None:
            # the cues looked at next to each trigger, fetched once: _has_cue(kind, toks, x, x + 1)
            # is `x in positions[kind]` (x >= 0 here)
            cue_at = _cue_positions(toks)
            online_after = cue_at.get("online:after", ())
            not_after = cue_at.get("not_trigger:after", ())
            not_before = cue_at.get("not_trigger:before", ())
        after = i + m  # a trigger that fails its checks hides no shorter one inside it ("đến chào xã giao")
        type_, obj = trig.value(toks, i, m)
        if type_ in ("meeting", "talks", "phone_call") and (after in online_after or _held_online_later(toks, after)):
            type_ = "video_call"  # "có cuộc gặp trực tuyến với ...", "hội kiến qua video", "điện đàm ... qua hình thức trực tuyến"
        if after < n and after in not_after and toks[after].low != "đoàn":
            continue
        if i and i - 1 in not_before and not _ends_title_head(toks, i):
            continue  # "Tổng Thư ký": the word before makes the trigger part of a noun
        if obj == "person" and not _starts_person(toks, after):
            # "làm việc với" / "gặp" / "tiếp" must be followed by whom
            w = _after_modifiers(toks, after)
            if not ((w < n and toks[w].low == "với" and _starts_person(toks, w + 1))
                    or (w > after and _starts_person(toks, w)) or _passive_end(toks, i, after)):
                continue
        if type_ == "signing" and witness_triggers().match(toks, i) == m and not _documents_after(toks, after):
            continue  # "dưới sự chứng kiến của A và B, hai bên khởi công ...": no signing
        if obj == "place" and not (after < n and (toks[after].is_cap or toks[after].low in ("và", ","))):
            continue
        if obj == "place" and after < n and toks[after].is_cap and _institution_at(toks, after):
            continue  # "thăm Đại sứ quán Việt Nam", "thăm Trụ sở ...": a call at a building, not a trip
        before = [t.low for t in toks[max(0, i - 2):i]]
        plural = "các" in before or "những" in before
        inside = [t.low for t in toks[i:i + m]]
        single = ((bool(before) and before[-1] == "cuộc") or "cuộc" in inside) and not plural
        out.append(Trigger(i, m, type_, plural, single))
        nxt = after
    return out


def _invited(toks: list[Token], a: int, b: int) -> bool:
    """'mời X thăm ...' is an invitation; 'Nhận lời mời của X, Y thăm ...' is the visit itself,
    but 'Y nhận lời mời thăm Lào' (the trip verb right after) accepts an invitation to come."""
    for x in range(max(a, 0), b):
        if toks[x].low == "mời":
            if x >= 1 and toks[x - 1].low == "lời" and (x < 2 or toks[x - 2].low in ("nhận", "theo")) \
                    and x + 1 < b:
                continue
            return True
    return False


@functools.cache
def session_triggers() -> PhraseSet:
    return PhraseSet((r["phrase"], True) for r in load_tsv("event_triggers.tsv") if r.get("group") == "session")


@functools.cache
def witness_triggers() -> PhraseSet:
    """"dưới sự chứng kiến của": a signing if documents follow (trigger group `witness`)."""
    return PhraseSet((r["phrase"], True) for r in load_tsv("event_triggers.tsv") if r.get("group") == "witness")


def _documents_after(toks: list[Token], after: int) -> bool:
    """A document's name or a word of signing (data/witnessed_words.txt) after toks[after]."""
    words, docs = lx.phrase_list("witnessed_words.txt"), document_heads()
    return any((toks[x].low in words.trie and words.match(toks, x)) or (toks[x].low in docs.trie and docs.match(toks, x))
               for x in range(after, len(toks)))


@functools.cache
def cochair_triggers() -> PhraseSet:
    """"chủ trì Hội nghị": talks when both sides chair (trigger group `cochair`)."""
    return PhraseSet((r["phrase"], True) for r in load_tsv("event_triggers.tsv") if r.get("group") == "cochair")


@functools.cache
def delivery_triggers() -> PhraseSet:
    """"trao thư", "chuyển thông điệp": a letter handed over (trigger group `delivery`)."""
    return PhraseSet((r["phrase"], True) for r in load_tsv("event_triggers.tsv") if r.get("group") == "delivery")
