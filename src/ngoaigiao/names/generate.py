"""Generate Chinese name candidates for names that are not in the table.

Three directions, one model. A name is a surname (one character, or a
compound surname from data/zh_surnames.tsv) followed by given-name
characters; each position is chosen independently:

    P(surname = c | syllable)  ∝ share(c) × reading factor
    P(given   = c | syllable)  ∝ prior.given(c) × reading factor

where the reading factor is 1 when the syllable is the character's usual
reading and smaller for its other readings. A candidate's score is the
product of its positions' probabilities, i.e. its posterior under this model:
the scores of all candidates sum to 1, so a low top score means the name is
ambiguous. Everything produced here is labelled `"source": "generated"`.

- `from_hanviet("Lưu Hải Tinh")`  -> 汉字 + pinyin candidates
- `from_pinyin("Liu Haixing")`     -> 汉字 + Hán-Việt candidates
- `from_zh("刘海星")`               -> Hán-Việt + pinyin
"""
from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin

from ngoaigiao.names import readings
from ngoaigiao.names.prior import DEFAULT, Prior, surnames
from ngoaigiao.names.table import loose_key, match_key

READING_FACTOR = (1.0, 0.35, 0.2)  # usual reading, second, any other
PER_POSITION = 12                   # characters kept per position
BEAM = 300                          # partial names kept while combining positions
MAX_GIVEN = 3                       # given-name syllables at most (longer: not a name)
MAX_CHARS = 60                      # longer input is not a personal name: no work done
TOP_DEFAULT = 5
AMBIGUOUS_BELOW = 0.5
COMPOUND_WEIGHT = 1.5


def _reading_factor(rank: int) -> float:
    return READING_FACTOR[min(rank, len(READING_FACTOR) - 1)]


def title_vi(syllable: str) -> str:
    return syllable[:1].upper() + syllable[1:]


def format_pinyin(surname: list[str], given: list[str]) -> str:
    """["liu"], ["hai", "xing"] -> "Liu Haixing"; apostrophes before a/e/o ("Min'er")."""
    def join(sylls: list[str]) -> str:
        out = ""
        for i, s in enumerate(sylls):
            s = s.replace("v", "ü")
            out += ("'" if i and s[:1] in "aeo" else "") + s
        return out[:1].upper() + out[1:]
    return " ".join(p for p in (join(surname), join(given)) if p)


@functools.lru_cache(maxsize=65536)
def _given_pinyin_cached(given: str) -> tuple[str, ...]:
    return tuple(p.lower() for p in lazy_pinyin(given, style=Style.NORMAL, v_to_u=False))


def _given_pinyin(given: str) -> list[str]:
    return list(_given_pinyin_cached(given))


@functools.lru_cache(maxsize=65536)
def pinyin_of_name(zh: str, surname_len: int = 1) -> str:
    sur, given = zh[:surname_len], zh[surname_len:]
    s = surnames().get(sur)
    sur_py = [s.pinyin.lower().replace("ü", "v")] if s else _given_pinyin(sur)
    if s and surname_len > 1:  # compound: split "Ouyang" into its syllables
        sur_py = _given_pinyin(sur)
    return format_pinyin(sur_py, _given_pinyin(given) if given else [])


@functools.lru_cache(maxsize=65536)
def hanviet_of_name(zh: str, surname_len: int = 1) -> str:
    sur, given = zh[:surname_len], zh[surname_len:]
    s = surnames().get(sur)
    parts = s.hanviet.split() if s and s.hanviet else [(readings.hanviet_of(c) or ["?"])[0] for c in sur]
    parts += [(readings.hanviet_of(c) or ["?"])[0] for c in given]
    return " ".join(title_vi(p) for p in parts)


def _normalise(cands: dict[str, float]) -> list[tuple[str, float]]:
    total = sum(cands.values())
    if not total:
        return []
    ranked = sorted(((c, w / total) for c, w in cands.items()), key=lambda x: -x[1])
    return ranked[:PER_POSITION]


# --- Hán-Việt -> 汉字 -----------------------------------------------------------

def _syllable_keys(syl: str, typed_without_marks: bool = False) -> list[str]:
    k = match_key(syl)
    if not typed_without_marks and k in readings.index()["hv_index"]:
        return [k]
    # no tone marks typed ("Luu Hai Tinh"): every toned syllable it may stand for
    return readings.hanviet_keys_by_fold().get(loose_key(syl), [k])


def _without_marks(name: str) -> bool:
    from ngoaigiao.textnorm import fold
    return fold(name) == " ".join(name.lower().split())


@functools.cache
def _surnames_by_hanviet() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Surnames by the match key and by the diacritic-free key of their Hán-Việt form."""
    exact: dict[str, list[str]] = {}
    loose: dict[str, list[str]] = {}
    for zh, s in surnames().items():
        if s.hanviet:
            exact.setdefault(match_key(s.hanviet), []).append(zh)
            loose.setdefault(loose_key(s.hanviet), []).append(zh)
    return exact, loose


def _hv_surname_position(syls: list[str], prior: Prior, bare: bool) -> dict[str, float]:
    keys = set(itertools.chain.from_iterable(_syllable_keys(s, bare) for s in syls)) if len(syls) == 1 else set()
    exact, loose = _surnames_by_hanviet()
    found = exact.get(match_key(" ".join(syls)), []) + (loose.get(loose_key(" ".join(syls)), []) if bare else [])
    cands: dict[str, float] = {}
    for zh in found:
        if len(zh) == len(syls):
            cands[zh] = max(cands.get(zh, 0.0), surnames()[zh].share)
    for key in keys:
        for ch, rank in readings.chars_for_hanviet(key):
            s = surnames().get(ch)
            w = prior.surname(ch) * _reading_factor(rank)
            if s and s.hanviet and match_key(s.hanviet) not in keys:
                w *= 0.2  # a valid reading, but Vietnamese writes this surname otherwise
            cands[ch] = max(cands.get(ch, 0.0), w)
    return cands


def _hv_given_position(syl: str, prior: Prior, bare: bool) -> dict[str, float]:
    cands: dict[str, float] = {}
    for key in _syllable_keys(syl, bare):
        for ch, rank in readings.chars_for_hanviet(key):
            cands[ch] = max(cands.get(ch, 0.0), prior.given(ch) * _reading_factor(rank))
    return cands


def _combine(positions: list[list[tuple[str, float]]], split_weight: float) -> dict[str, float]:
    """Products of the positions' probabilities, keeping the BEAM best partial names."""
    beam: list[tuple[str, float]] = [("", split_weight)]
    for options in positions:
        grown = [(zh + c, p * q) for zh, p in beam for c, q in options]
        grown.sort(key=lambda x: -x[1])
        beam = grown[:BEAM]
    out: dict[str, float] = {}
    for zh, p in beam:
        out[zh] = out.get(zh, 0.0) + p
    return out


def _result(query: str, mode: str, scored: dict[tuple[str, int], float], top: int) -> dict:
    """Rank (zh, surname length) candidates and aggregate them by pinyin and Hán-Việt."""
    total = sum(scored.values()) or 1.0
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    cands, by_pinyin, by_name = [], {}, {}
    for (zh, slen), w in ranked[: max(top, 50)]:
        p = w / total
        py = pinyin_of_name(zh, slen)
        vi = hanviet_of_name(zh, slen)
        cands.append({"zh": zh, "pinyin": py, "name": vi, "score": round(p, 4), "source": "generated"})
        # a pinyin's score is the sum over its spellings (its marginal probability);
        # a Hán-Việt rendering is ranked by its best spelling, which measured
        # better on the development folds (evaluate.py, part="dev")
        by_pinyin[py] = by_pinyin.get(py, 0.0) + p
        by_name[vi] = max(by_name.get(vi, 0.0), p)
    confidence = cands[0]["score"] if cands else 0.0
    rank = lambda d, k: [{k: x, "score": round(s, 4)} for x, s in sorted(d.items(), key=lambda kv: -kv[1])[:top]]
    return {
        "query": query,
        "mode": mode,
        "source": "generated" if cands else "none",
        "candidates": cands[:top],
        "by_pinyin": rank(by_pinyin, "pinyin"),
        "by_name": rank(by_name, "name"),
        "confidence": confidence,
        "ambiguous": bool(cands) and confidence < AMBIGUOUS_BELOW,
    }


def _syllables_vi(name: str) -> list[str]:
    if len(name) > MAX_CHARS:
        return []
    name = unicodedata.normalize("NFC", name)
    return [s for s in re.split(r"[\s\-]+", name.strip()) if s]


def from_hanviet(name: str, top: int = TOP_DEFAULT, prior: Prior = DEFAULT) -> dict:
    """Chinese characters and pinyin for a Sino-Vietnamese name ("Lưu Hải Tinh")."""
    syls = _syllables_vi(name)
    bare = _without_marks(name)
    scored: dict[tuple[str, int], float] = {}
    if 2 <= len(syls) <= 2 + MAX_GIVEN:
        for slen in (1, 2) if len(syls) >= 3 else (1,):
            sur = _normalise(_hv_surname_position(syls[:slen], prior, bare))
            given = [_normalise(_hv_given_position(s, prior, bare)) for s in syls[slen:]]
            if sur and all(given):
                # a compound surname matched in full is as likely as not (weight
                # COMPOUND_WEIGHT against the one-character reading of the name)
                weight = COMPOUND_WEIGHT if slen == 2 else 1.0
                for zh, p in _combine([sur] + given, weight).items():
                    scored[(zh, slen)] = scored.get((zh, slen), 0.0) + p
    return _result(name, "hanviet", scored, top)


# --- pinyin -> 汉字 --------------------------------------------------------------

_PINYIN_FIXES = (("lyu", "lv"), ("nyu", "nv"), ("ü", "v"), ("u:", "v"))


def _norm_pinyin(text: str) -> str:
    t = unicodedata.normalize("NFD", text.lower())
    t = "".join(c for c in t if not unicodedata.combining(c) or c == "\u0308")
    t = unicodedata.normalize("NFC", t)
    for a, b in _PINYIN_FIXES:
        t = t.replace(a, b)
    return t


def segment_pinyin(token: str) -> list[str] | None:
    """Split run-together pinyin into syllables, fewest syllables first ("haixing" -> hai xing)."""
    valid = readings.pinyin_syllables()
    n = len(token)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            piece = token[i:j]
            if piece in valid and (best[j] is None or len(best[i]) + 1 < len(best[j])):
                best[j] = best[i] + [piece]
    return best[n]


def parse_pinyin(text: str) -> tuple[list[str], list[str]] | None:
    """("Xi Jinping" | "xijinping" | "Chen Min'er") -> (surname syllables, given syllables)."""
    if len(text) > MAX_CHARS:
        return None
    t = _norm_pinyin(text)
    tokens = [x for x in re.split(r"[\s\-_.,]+", t) if x]
    if not tokens or not all(re.fullmatch(r"[a-zv']+", x) for x in tokens):
        return None
    sylls_per_token = []
    for tok in tokens:
        sylls: list[str] = []
        for piece in tok.split("'"):
            if piece:
                seg = segment_pinyin(piece)
                if seg is None:
                    return None
                sylls += seg
        sylls_per_token.append(sylls)
    compounds = {s.pinyin.lower(): len(z) for z, s in surnames().items() if len(z) > 1}
    if len(sylls_per_token) == 1:
        sylls = sylls_per_token[0]
        slen = 2 if len(sylls) >= 3 and "".join(sylls[:2]) in compounds else 1
        return sylls[:slen], sylls[slen:]
    return sylls_per_token[0], list(itertools.chain.from_iterable(sylls_per_token[1:]))


def _py_surname_position(sylls: list[str], prior: Prior) -> dict[str, float]:
    cands: dict[str, float] = {}
    joined = "".join(sylls)
    for zh, s in surnames().items():
        if s.pinyin and _norm_pinyin(s.pinyin) == joined and len(zh) == len(sylls):
            cands[zh] = s.share
    if len(sylls) == 1:
        for ch, rank in readings.chars_for_pinyin(sylls[0]):
            s = surnames().get(ch)
            w = prior.surname(ch) * _reading_factor(rank)
            if s and _norm_pinyin(s.pinyin) != sylls[0]:
                w *= 0.1
            cands[ch] = max(cands.get(ch, 0.0), w)
    return cands


def _py_given_position(syl: str, prior: Prior) -> dict[str, float]:
    return {ch: prior.given(ch) * _reading_factor(rank) for ch, rank in readings.chars_for_pinyin(syl)}


def from_pinyin(text: str, top: int = TOP_DEFAULT, prior: Prior = DEFAULT) -> dict:
    """Chinese characters and Sino-Vietnamese renderings for a pinyin name ("Wang Yi")."""
    parsed = parse_pinyin(text)
    scored: dict[tuple[str, int], float] = {}
    if parsed and parsed[0] and 1 <= len(parsed[1]) <= MAX_GIVEN:
        sur_sylls, given_sylls = parsed
        sur = _normalise(_py_surname_position(sur_sylls, prior))
        given = [_normalise(_py_given_position(s, prior)) for s in given_sylls]
        if sur and all(given):
            for zh, p in _combine([sur] + given, 1.0).items():
                scored[(zh, len(sur_sylls))] = p
    return _result(text, "pinyin", scored, top)


# --- 汉字 -> Hán-Việt ------------------------------------------------------------

def from_zh(text: str, top: int = TOP_DEFAULT) -> dict:
    """Sino-Vietnamese renderings and pinyin for a name in Chinese characters."""
    zh = readings.to_simplified(unicodedata.normalize("NFC", text.strip()))[: MAX_CHARS + 1]
    scored: dict[tuple[str, int], float] = {}
    if zh and all("\u3400" <= c <= "\u9fff" or "\U00020000" <= c <= "\U0003134f" for c in zh) and 2 <= len(zh) <= 1 + MAX_GIVEN + 1:
        slen = 2 if zh[:2] in surnames() and len(zh) >= 3 else 1
        scored[(zh, slen)] = 1.0
    res = _result(text, "zh", scored, top)
    if scored:
        # the other readings of each character, as lower-ranked renderings
        (zh, slen), = scored
        alts = []
        for i, c in enumerate(zh[slen:], start=slen):
            for r in readings.hanviet_of(c)[1:3]:
                alts.append((i, r))
        base = res["by_name"][0]["name"].split()
        offset = len(base) - len(zh)  # compound surnames have as many syllables as characters
        extra = []
        for i, r in alts:
            parts = list(base)
            parts[i + offset] = title_vi(r)
            extra.append({"name": " ".join(parts), "score": 0.0})
        res["by_name"] = res["by_name"] + extra[: max(0, top - 1)]
        res["confidence"] = 1.0
        res["ambiguous"] = False
    return res


@functools.lru_cache(maxsize=4096)
def best_for_hanviet(name: str) -> tuple[str, str, float] | None:
    """(zh, pinyin, score) of the most probable reading of a Hán-Việt name, cached."""
    res = from_hanviet(name, top=50)
    if not res["candidates"]:
        return None
    py = res["by_pinyin"][0]
    zh = next(c["zh"] for c in res["candidates"] + [res["candidates"][0]] if c["pinyin"] == py["pinyin"])
    return zh, py["pinyin"], py["score"]
