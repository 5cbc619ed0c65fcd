"""Merging across articles: pure functions over extraction records.

Nothing here touches a database, so the store and the Spark job share one
definition of "the same article", "the same person" and "the same event":

- articles: `minhash_signature` / `lsh_bands` / `near_duplicate`
  (MinHash over word 3-grams of the folded clean text, datasketch);
- persons: `name_key`, `person_key`, `same_person`, `short_name_map`;
- titles and positions: `title_key`, `position_timeline`;
- events: `date_range`, `event_block_key`, `same_event`, `merge_event`.

Event dicts are the record shape (`Article.to_record()["events"][i]`); the
store may add `participant_ids` (resolved person ids as strings), which
`same_event` prefers over participant names when both sides have them.
"""
from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ngoaigiao.data import load_lines, load_tsv
from ngoaigiao.textnorm import fold, key

# ---------------------------------------------------------------- articles

NUM_PERM = 128
LSH_BANDS = 16  # 16 bands x 8 rows: pairs above ~0.7 Jaccard become candidates
NEAR_DUPLICATE_JACCARD = 0.8
_WORD_RE = re.compile(r"\w+")


_MARKS = re.compile("[\u0300-\u036f]")


_ARRAY_FOLD_CHARS = 300  # from this length on, the marks are dropped by an array mask (below)


def fold_text(text: str) -> str:
    """`textnorm.fold` for long texts: the same result on Vietnamese (the tone and
    vowel marks are all in U+0300-036F) at C speed, for shingles and the search index."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D"))
    if len(t) >= _ARRAY_FOLD_CHARS and not t.isascii():
        t = _drop_marks(t)
    else:
        t = _MARKS.sub("", t)
    return " ".join(t.lower().split())


def _drop_marks(text: str) -> str:
    """`_MARKS.sub("", text)`: the code points U+0300-036F removed, as one mask over the
    text's UTF-32 code units -- on an article some 40% quicker than the regex, which
    stops at every mark of a Vietnamese text (short texts keep the regex: the array's
    set-up costs more than they do). `surrogatepass`: a lone surrogate passes through
    as the regex lets it."""
    import numpy as np

    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # unsigned: a code point below U+0300 wraps round to a large number, and is kept
    return cps[(cps - 0x300) > 0x6F].tobytes().decode("utf-32-le", "surrogatepass")


def clean_text(record: dict) -> str:
    """The article's own text: title, body and caption blocks (not furniture/meta)."""
    raw = record.get("raw") or ""
    blocks = record.get("blocks") or []
    if not blocks:
        return raw
    keep = [raw[b["start"]:b["end"]] for b in blocks if b.get("kind") in ("title", "body", "caption")]
    return "\n".join(keep)


def shingles(text: str, size: int = 3, *, folded: str | None = None) -> set[bytes]:
    """Word n-grams of fold_text(text); `folded` is that, when the caller has it already."""
    words = _WORD_RE.findall(fold_text(text) if folded is None else folded)
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    # zip of shifted lists: the same n-grams as slicing words[i:i + size], without the slices
    return {" ".join(gram).encode() for gram in zip(*(words[i:] for i in range(size)))}


@functools.lru_cache(maxsize=8)
def _empty_minhash(num_perm: int):
    """A fresh MinHash, for its permutations and empty values: building one draws its
    permutations from a seeded RNG, which costs more than hashing a whole article."""
    from datasketch import MinHash  # imported late: numpy-heavy, not needed by every caller

    # the hash function is never called: gram_hashes gives the shingles' hashes
    return MinHash(num_perm=num_perm, seed=1, hashfunc=int)


# MurmurHash3's 32-bit finalizer, which datasketch's default scheme ("affine32") applies
# to every shingle hash before its permutations (datasketch.minhash._fmix).
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)

# The shingle hash (gram_hashes): a word's hash is the polynomial sum(c_k * BASE^k) mod 2^64
# over its code points c_0..c_n-1 (BASE odd, so invertible mod 2^64: a word's hash is cut out
# of the text's prefix sums and shifted back to position 0); a 3-gram's is its three word
# hashes times GRAM_MULT, summed mod 2^64 and mixed down to 32 bits.
_WORD_BASE = 0x100000001B3
_WORD_BASE_INV = pow(_WORD_BASE, -1, 1 << 64)
_GRAM_MULT = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)
_GRAM_SHIFT = 29
_powers_cache: list = []  # [BASE^i, BASE^-i] mod 2^64 as uint64 arrays, grown on demand


def _powers(n: int) -> tuple[Any, Any]:
    """BASE^i and BASE^-i mod 2^64 for i < n at least (numpy's uint64 products wrap)."""
    import numpy as np

    if not _powers_cache or _powers_cache[0].size < n:
        size = max(n, 2 * (_powers_cache[0].size if _powers_cache else 0), 1 << 14)
        up = np.full(size, _WORD_BASE, dtype=np.uint64)
        down = np.full(size, _WORD_BASE_INV, dtype=np.uint64)
        up[0] = down[0] = 1
        _powers_cache[:] = [np.cumprod(up), np.cumprod(down)]
    return _powers_cache[0], _powers_cache[1]


@functools.lru_cache(maxsize=1)
def _bmp_word_chars():
    """Which code points of the Basic Multilingual Plane `\\w` matches, as a boolean table."""
    import numpy as np

    bmp = "".join(map(chr, range(0x10000)))
    kept = _NON_WORD_RE.sub("\0", bmp).encode("utf-32-le", "surrogatepass")
    return np.frombuffer(kept, dtype=np.uint32) != 0


_NON_WORD_RE = re.compile(r"\W")


def gram_hashes(folded: str):
    """32-bit hashes of the word 3-grams of a folded text (words: runs of `\\w`, as
    `shingles`; fewer than three words: one gram of them all), in a few array operations:
    no word or gram is made as a string. A repeated gram is hashed each time it occurs."""
    import numpy as np

    cps = np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    n = cps.size
    inside = np.zeros(n + 2, dtype=np.bool_)  # is a word character, padded with a non-word each side
    if n and cps.max() > 0xFFFF:  # beyond the table: looked up one by one
        inside[1:-1] = [_WORD_RE.match(c) is not None for c in folded]
    else:
        inside[1:-1] = _bmp_word_chars()[cps]
    edges = (inside[1:] != inside[:-1]).nonzero()[0]
    if not edges.size:
        return np.empty(0, dtype=np.uint32)
    starts, ends = edges[0::2], edges[1::2]
    up, down = _powers(n + 1)
    prefix = np.empty(n + 1, dtype=np.uint64)
    prefix[0] = 0
    np.cumsum(cps * up[:n], out=prefix[1:])
    words = (prefix[ends] - prefix[starts]) * down[starts]
    m1, m2, m3 = (np.uint64(m) for m in _GRAM_MULT)
    if words.size >= 3:
        grams = words[:-2] * m1
        grams += words[1:-1] * m2
        grams += words[2:] * m3
    else:
        grams = np.array([(words * np.array(_GRAM_MULT[:words.size], dtype=np.uint64)).sum()], dtype=np.uint64)
    grams ^= grams >> np.uint64(_GRAM_SHIFT)
    grams *= m2
    return (grams >> np.uint64(32)).astype(np.uint32)


def minhash_signature(text: str, num_perm: int = NUM_PERM, *, folded: str | None = None) -> list[int]:
    """MinHash values (num_perm unsigned 32-bit ints) of the text's word 3-grams
    (`folded`: fold_text(text), when the caller has it already).

    The values of datasketch's MinHash(num_perm, seed=1) (its "affine32" scheme) updated
    with the grams' `gram_hashes`, computed here in a few array operations on its
    permutations: the object's copy and per-update checks cost more than the arithmetic."""
    import numpy as np

    template = _empty_minhash(num_perm)
    hv = gram_hashes(fold_text(text) if folded is None else folded)
    if not hv.size:
        return template.hashvalues.tolist()
    s1, m1, s2, m2, s3 = (np.uint32(c) for c in _FMIX32)
    hv ^= hv >> s1
    hv *= m1
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s3
    a, b = _permutation_columns(num_perm)
    # uint32 arithmetic wraps, which is the scheme's mod 2^32; one row per permutation, so
    # each minimum runs along contiguous memory, and the sum is made in place
    values = a * hv
    values += b
    return np.minimum(template.hashvalues, values.min(axis=1)).tolist()


@functools.lru_cache(maxsize=8)
def _permutation_columns(num_perm: int):
    """The template's permutations (a, b) as columns, to broadcast against a row of hashes."""
    a, b = _empty_minhash(num_perm).permutations
    return a.reshape(-1, 1).copy(), b.reshape(-1, 1).copy()


# A band's bucket key: its values times these odd multipliers, summed mod 2^64, the band's
# number mixed in, as a signed 64-bit integer (SQLite's INTEGER, PostgreSQL's BIGINT).
_BAND_SEED = 0x2545F4914F6CDD1D


@functools.lru_cache(maxsize=8)
def _band_multipliers(rows: int):
    import numpy as np

    gen = np.random.RandomState(7)
    return gen.randint(0, 1 << 62, size=rows, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def lsh_bands(signature: list[int], bands: int = LSH_BANDS) -> list[int]:
    """One bucket key per band; two signatures sharing a key are candidates."""
    return signature_bands(signature, bands)[0]


def signature_bands(signature: list[int], bands: int = LSH_BANDS) -> tuple[list[int], bytes]:
    """`lsh_bands(signature)` and the signature as stored (its values as little-endian
    unsigned 32-bit integers, `signature_from_blob` reads them back), from one array."""
    import numpy as np

    values = np.array(signature, dtype=np.uint64)
    rows = len(signature) // bands
    keys = (values[:rows * bands].reshape(bands, rows) * _band_multipliers(rows)).sum(axis=1)
    keys += np.arange(bands, dtype=np.uint64) * np.uint64(_BAND_SEED)
    keys ^= keys >> np.uint64(31)
    keys *= np.uint64(_BAND_SEED)
    keys ^= keys >> np.uint64(29)
    return keys.view(np.int64).tolist(), values.astype("<u4").tobytes()


def signature_from_blob(blob: Any) -> list[int]:
    """The signature `signature_bands` stored (bytes, or a memoryview from PostgreSQL)."""
    import numpy as np

    return np.frombuffer(bytes(blob), dtype="<u4").tolist()


def jaccard_estimate(a: list[int], b: list[int]) -> float:
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


def near_duplicate(a: list[int], b: list[int], threshold: float = NEAR_DUPLICATE_JACCARD) -> bool:
    """Two MinHash signatures of the same story (a reprint, a page crawled twice)."""
    return jaccard_estimate(a, b) >= threshold


# ----------------------------------------------------------------- persons

@functools.lru_cache(maxsize=65536)
def fold_short(text: str) -> str:
    """`textnorm.fold`, memoised for names and titles: the same few recur in
    every article, and each ingest folds them many times over."""
    return fold(text)


@functools.cache
def _honorifics() -> tuple[str, ...]:
    # Longest first so "đồng chí" is stripped before "đồng".
    return tuple(sorted((key(h) for h in load_lines("kb_name_prefixes.txt")), key=len, reverse=True))


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Comparison key of a personal name: tone placement unified, lower case,
    leading honorifics and titles ("ông", "đồng chí", "Chủ tịch") dropped."""
    k = key(name)
    changed = True
    while changed:
        changed = False
        for h in _honorifics():
            if k.startswith(h + " ") and len(k.split()) - len(h.split()) >= 2:
                k = k[len(h) + 1:]
                changed = True
                break
    return k


def person_key(name: str, country: str | None) -> tuple[str, str]:
    """The blocking key of a person: (name key, country or "")."""
    return name_key(name), (country or "").upper()


def _ascii_only(name: str) -> bool:
    return fold_short(name) == " ".join(name.lower().split())


def same_name(a: str, b: str) -> bool:
    """Same name up to tone placement, case, honorifics; or the same letters when
    one side was written without diacritics ("Le Hoai Trung")."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    return (_ascii_only(a) or _ascii_only(b)) and fold_short(ka) == fold_short(kb)


def same_person(a: dict, b: dict) -> bool:
    """Two person records (name, country, titles) are one person: same name and
    no conflicting country. Two same-name people of different countries stay two."""
    if not same_name(a.get("name") or "", b.get("name") or ""):
        return False
    ca, cb = (a.get("country") or "").upper(), (b.get("country") or "").upper()
    return not (ca and cb and ca != cb)


def short_name_map(persons: Iterable[dict]) -> dict[str, str]:
    """Within one article: a short mention ("Trung") whose key ends a longer name
    of a compatible person ("Lê Hoài Trung") maps to that name, when unambiguous."""
    people = list(persons)
    out: dict[str, str] = {}
    for p in people:
        k = name_key(p["name"])
        hits = [q["name"] for q in people if q is not p
                and name_key(q["name"]).endswith(" " + k)
                and same_person({"name": "x", "country": p.get("country")}, {"name": "x", "country": q.get("country")})]
        if len(set(hits)) == 1:
            out[p["name"]] = hits[0]
    return out


# ------------------------------------------------------ titles / positions

@functools.cache
def _abbreviations() -> list[tuple[re.Pattern, str]]:
    rows = load_tsv("kb_title_abbreviations.tsv")
    return [(re.compile(r"(?<!\w)" + re.escape(key(r["short"])) + r"(?!\w)"), key(r["long"])) for r in rows]


@functools.lru_cache(maxsize=65536)
def title_key(title: str) -> str:
    """Comparison key of a position title: "Trưởng Ban Đối ngoại TW" and
    "Trưởng ban Đối ngoại Trung ương" give the same key."""
    k = key(title).strip(" ,.;:-")
    for pattern, long in _abbreviations():
        k = pattern.sub(long, k)
    return " ".join(k.split())


@functools.cache
def _own_country_suffixes() -> dict[str, tuple[str, ...]]:
    """Folded names of each country and of its ruling party (data/places.tsv,
    data/organisations.tsv), longest first: a title ending in the holder's own
    country ("Chủ tịch nước Trung Quốc" for a Chinese person) is that title."""
    out: dict[str, set[str]] = {}
    for row in load_tsv("places.tsv"):
        if row.get("kind") == "country" and row.get("country"):
            out.setdefault(row["country"].upper(), set()).add(fold(key(row["name"])))
    for row in load_tsv("organisations.tsv"):
        if row.get("country") and key(row["name"]).startswith("đảng "):
            out.setdefault(row["country"].upper(), set()).add(fold(key(row["name"])))
    return {c: tuple(sorted(v, key=len, reverse=True)) for c, v in out.items()}


@functools.lru_cache(maxsize=1 << 14)
def position_key(title: str, country: str | None = None) -> str:
    """The key a timeline groups titles by: folded `title_key`, without a trailing
    name of the holder's own country or party ("Chủ tịch nước Trung Quốc",
    "Chủ tịch nước Cộng hòa Nhân dân Trung Hoa" -> "chu tich nuoc" for CN)."""
    k = fold_short(title_key(title))
    for suffix in _own_country_suffixes().get((country or "").upper(), ()):
        if k.endswith(" " + suffix) and len(k) > len(suffix) + 1:
            k = k[: -len(suffix) - 1].rstrip()
            break
    return k


def _date_bounds(date: str | None) -> tuple[str, str] | None:
    """A (possibly partial) ISO date as the first and last full day it covers."""
    if not date:
        return None
    parts = date.split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return f"{y:04d}-01-01", f"{y:04d}-12-31"
        m = int(parts[1])
        if len(parts) == 2:
            return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
        day = f"{y:04d}-{m:02d}-{int(parts[2]):02d}"
        return day, day
    except (ValueError, IndexError, calendar.IllegalMonthError):
        return None


def date_range(event: dict) -> tuple[str, str] | None:
    """(first day, last day) an event covers, or None when it has no date."""
    start = _date_bounds(event.get("date"))
    if start is None:
        return None
    end = _date_bounds(event.get("end_date")) or start
    return start[0], max(start[1], end[1])


def position_timeline(observations: Iterable[dict], holder: str | None = None) -> list[dict]:
    """Observations {title, date, article_id?, country?} -> one entry per office
    {title, key, office, variants, first_seen, last_seen, n, sources}, ordered by first_seen.
    Titles naming one office (offices.office: "Thủ tướng" and "Thủ tướng Chính phủ",
    "Bộ trưởng Ngoại giao" and "Bộ trưởng Bộ Ngoại giao Việt Nam") are one entry,
    a bare post taking the organisation of the holder's one other office of that post
    in the articles or the name table (`holder`: the person's name); other titles group
    by `position_key`. The title shown is the most frequent accented form, the others
    are kept as `variants`. Titles whose key is a word-prefix of exactly one longer
    title seen for the same person are folded into it."""
    from ngoaigiao import offices

    obs_list = [ob for ob in observations if ob.get("title")]
    found = {id(ob): offices.office(ob["title"], ob.get("country")) for ob in obs_list}
    known = [o for o in found.values() if o and o.get("org")]
    if holder:
        known += [t["office"] for t in offices.name_table_offices(holder)]
    groups: dict[str, list[dict]] = {}
    office_of: dict[str, dict] = {}
    for ob in obs_list:
        o = found[id(ob)]
        if o is not None:
            o = offices.bare_org(o, known)
            k = o["key"]
            if k not in office_of or (o.get("country") and not office_of[k].get("country")):
                office_of[k] = o
        else:
            # Folded, so a title written without diacritics joins its accented form.
            k = position_key(ob["title"], ob.get("country"))
        groups.setdefault(k, []).append(ob)
    keys = sorted(groups, key=len)
    for k in keys:
        if k in office_of:
            continue
        longer = [o for o in groups if o != k and o.startswith(k + " ")]
        if len(longer) == 1:
            groups[longer[0]].extend(groups.pop(k))
    out = []
    for k, obs in groups.items():
        dates = [o["date"] for o in obs if o.get("date")]
        forms = _counts(o["title"] for o in obs)
        best = max(forms, key=lambda t: (fold_short(t) != t.lower(), forms[t], len(t)))
        sources = sorted({o["article_id"] for o in obs if o.get("article_id")})
        out.append({"title": best, "key": k, "office": office_of.get(k, {}).get("label"),
                    "variants": sorted(forms), "first_seen": min(dates) if dates else None,
                    "last_seen": max(dates) if dates else None, "n": len(obs), "sources": sources})
    out.sort(key=lambda e: (e["first_seen"] or "9999", e["title"]))
    return out


# ------------------------------------------------------------------ events

# Type families: what two outlets may each call one occasion. A visit is never
# merged with what happened during it: the two stay separate events, linked by part_of.
_COMPATIBLE = [{"talks", "meeting"}, {"phone_call", "video_call"}, {"meeting", "other"}]


def compatible_types(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    return any(a in group and b in group for group in _COMPATIBLE)


def _participant_keys(event: dict) -> set[str]:
    if event.get("participant_ids"):
        return {str(x) for x in event["participant_ids"]}
    return {name_key(n) for n in event.get("participants") or []}


def participant_key_list(event: dict) -> list[str]:
    """One comparison key per participant, in order: the resolved person id
    (`pkeys`, set by the store and the Spark job) or the name key."""
    names = event.get("participants") or []
    pkeys = event.get("pkeys")
    if pkeys and len(pkeys) == len(names):
        return [str(k) if k is not None else name_key(n) for k, n in zip(pkeys, names)]
    if event.get("participant_ids") and not names:
        return [str(x) for x in event["participant_ids"]]
    if event.get("participant_ids") and len(event["participant_ids"]) == len(names):
        return [str(x) for x in event["participant_ids"]]
    return [name_key(n) for n in names]


def event_window(event: dict) -> tuple[str, str] | None:
    """The days the event may have taken place in (`window`, set by
    kb_events.placement), else the days its date covers."""
    if "window" in event:
        w = event["window"]
        return (w[0], w[1]) if w else None
    return date_range(event)


def principal_pairs(event: dict) -> list[tuple[str | None, str]]:
    """(side, key) of the head of each side; without sides, the first two participants."""
    if event.get("principals") is not None:
        return [(s, str(k)) for s, k in event["principals"]]
    return [(None, k) for k in list(dict.fromkeys(participant_key_list(event)))[:2]]


def event_block_key(event: dict) -> tuple[str | None, tuple[str, ...]]:
    """(start date, first two participant keys sorted): a cheap key for grouping
    candidates; `same_event` decides."""
    rng = date_range(event)
    keys = sorted(_participant_keys(event))
    return (rng[0] if rng else None, tuple(keys[:2]))


def same_event(a: dict, b: dict) -> bool:
    """Same occasion: compatible types (one family), overlapping time windows
    (the same day, or one report's day inside the other's visit days or
    publication window), and the same principal pair -- no side headed by two
    different people, and at least min(2, principals of each) heads shared.
    An extra or missing attendee does not matter; undated reports never merge."""
    return merge_score(a, b) is not None


def merge_score(a: dict, b: dict) -> float | None:
    """None when `same_event` says no; else how alike the two reports are
    (share of participants in common, 0..1), for the event page's "why merged"."""
    if not compatible_types(a.get("type"), b.get("type")):
        return None
    wa, wb = event_window(a), event_window(b)
    if wa is None or wb is None or wa[1] < wb[0] or wb[1] < wa[0]:
        return None
    pa, pb = principal_pairs(a), principal_pairs(b)
    if not pa or not pb:
        return None
    da, db = {s: k for s, k in pa if s}, {s: k for s, k in pb if s}
    if any(da[s] != db[s] for s in da.keys() & db.keys()):
        return None  # one side headed by two different people: two events
    ka, kb = {k for _, k in pa}, {k for _, k in pb}
    if len(ka & kb) < min(2, len(ka), len(kb)):
        return None
    xa, xb = set(participant_key_list(a)), set(participant_key_list(b))
    return round(len(xa & xb) / len(xa | xb), 3) if xa | xb else 0.0


def near_miss(a: dict, b: dict, days: int = 3) -> str | None:
    """Why two events kept apart might be one (for review), or None: the same
    principals a few days apart or under types of two families (not a visit
    and its parts), or one principal shared while the other's country is unknown.
    A different head on one side is no near miss: that is two events."""
    if same_event(a, b) or "visit" in (a.get("type"), b.get("type")) and a.get("type") != b.get("type"):
        return None
    wa, wb = event_window(a), event_window(b)
    if wa is None or wb is None:
        return None
    from datetime import date

    try:
        gap = (date.fromisoformat(max(wa[0], wb[0])) - date.fromisoformat(min(wa[1], wb[1]))).days
    except ValueError:
        return None
    if gap > days:
        return None
    pa, pb = principal_pairs(a), principal_pairs(b)
    ka, kb = {k for _, k in pa}, {k for _, k in pb}
    if not ka & kb:
        return None
    compatible = compatible_types(a.get("type"), b.get("type"))
    if ka == kb:
        if gap > 0 and compatible:
            return f"same principals, {gap} day(s) apart"
        talkish = {"talks", "meeting", "other", "phone_call", "video_call"}
        if gap <= 0 and not compatible and {a.get("type"), b.get("type")} <= talkish:
            return f"same principals and days, reported as {a.get('type')} and {b.get('type')}"
        return None
    unknown = [k for s, k in pa + pb if s is None and k not in ka & kb]
    if compatible and gap <= 0 and unknown:
        return "one principal shared, the other's country unknown"
    return None


_TYPE_RANK = {"talks": 0, "video_call": 1, "phone_call": 1, "signing": 1, "visit": 1,
              "message": 1, "meeting": 2, "other": 3}


def _counts(values: Iterable) -> dict:
    """Counter(values) as a plain dict (the same counts, in first-seen order), without the
    cost of building a Counter for the few values an event or a timeline counts."""
    out: dict = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def _vote(counts: dict, value) -> None:
    counts[value] = counts.get(value, 0) + 1


def _most_common(values: Iterable, default=None):
    vals = [v for v in values if v]
    if not vals:
        return default
    counts = _counts(vals)
    return max(counts, key=lambda v: (counts[v], len(str(v))))


def merge_events(reports: list[dict]) -> dict:
    """One event from the reports of several articles: the most specific type,
    the most precise common date, the widest range, the usual place, and the
    union of participants, countries and documents (first-seen order)."""
    if not reports:
        raise ValueError("merge_events needs at least one report")
    types: list[str] = [r["type"] for r in reports if r.get("type")]
    type_ = min(types, key=lambda t: (_TYPE_RANK.get(t, 5), -types.count(t))) if types else None
    dates: list[str] = [r["date"] for r in reports if r.get("date")]
    date = max(dates, key=lambda d: (len(d), dates.count(d), -ord(d[-1]))) if dates else None
    ends = [rng[1] for r in reports if r.get("end_date") and (rng := date_range(r))]
    end_date = max(ends) if ends else None
    if end_date and date and end_date <= date:
        end_date = None

    def union(field: str, norm=lambda x: x) -> list:
        seen, out = set(), []
        for r in reports:
            for v in r.get(field) or []:
                k = norm(v)
                if k not in seen:
                    seen.add(k)
                    out.append(v)
        return out

    return {
        **merged_placement(reports, date), **merged_heads(reports),
        "type": type_, "date": date, "end_date": end_date,
        "place": _most_common(r.get("place") for r in reports),
        "participants": union("participants", name_key),
        "countries": union("countries", str.upper),
        "documents": union("documents", key),
        "cameo": _most_common(r.get("cameo") for r in reports if r.get("type") == type_),
        "plover": _most_common(r.get("plover") for r in reports if r.get("type") == type_),
        "confidence": max((r.get("confidence") or 0.0) for r in reports),
    }


_PRECISION_RANK: dict[str | None, int] = {"day": 0, "range": 1, "published": 2, "month": 3, "year": 4}


def merged_placement(reports: list[dict], date: str | None = None) -> dict:
    """sort_date, date_precision and window of a merged event: those of its most
    precise reports (the union of their windows; for day precision the merged date)."""
    placed = [r for r in reports if r.get("sort_date")]
    if not placed:
        w = date_range({"date": date}) if date else None
        return {"sort_date": None, "date_precision": None, "window": list(w) if w else None}
    best = min(_PRECISION_RANK.get(r.get("date_precision"), 9) for r in placed)
    top = [r for r in placed if _PRECISION_RANK.get(r.get("date_precision"), 9) == best]
    precision = top[0].get("date_precision")
    sort_date = min(r["sort_date"] for r in top)
    if precision == "day" and date and len(date) == 10:
        sort_date = date
    windows = [r["window"] for r in top if r.get("window")]
    window = [min(w[0] for w in windows), max(w[1] for w in windows)] if windows else None
    return {"sort_date": sort_date, "date_precision": precision, "window": window}


def merged_heads(reports: list[dict]) -> dict:
    """Principals, and each participant's side and role (keyed by
    `participant_key_list`), of a merged event: per side the head most reports
    give (first report first among equals); a principal keeps the role most of
    its reports give it (a visitor/host/sender/recipient over "party"), everyone else attends."""
    side_votes: dict[str, dict] = {}  # plain dicts of counts (_counts): a Counter each cost more than the votes
    role_votes: dict[str, dict] = {}
    head_votes: dict[str, dict] = {}
    unknown_heads: list[str] = []
    order: dict[str, int] = {}
    for r in reports:
        keys = participant_key_list(r)
        sides = r.get("sides") or [None] * len(keys)
        roles = r.get("roles") or {}
        for k, n, s in zip(keys, r.get("participants") or [], sides):
            order.setdefault(k, len(order))
            if s:
                _vote(side_votes.setdefault(k, {}), s)
            if roles.get(n) and roles[n] != "attendee":
                _vote(role_votes.setdefault(k, {}), roles[n])
        for s, k in principal_pairs(r):
            order.setdefault(str(k), len(order))
            if s:
                _vote(head_votes.setdefault(s, {}), str(k))
            elif str(k) not in unknown_heads:
                unknown_heads.append(str(k))

    def top(c: dict) -> str:
        return max(c, key=lambda k: (c[k], -order.get(k, 0)))

    side_of = {k: top(c) for k, c in side_votes.items()}
    heads = {s: top(c) for s, c in head_votes.items()}
    principals: list[list[str | None]] = sorted(([s, k] for s, k in heads.items()),
                                                key=lambda p: order.get(p[1] or "", 0))
    taken = {k for _, k in principals}
    for k in unknown_heads:
        if len(principals) >= 2:
            break
        if k not in taken and k not in side_of:
            principals.append([None, k])
            taken.add(k)
    def role(k: str) -> str:
        # a report that knows the visit (visitor/host) or the message knows more than one saying "party"
        votes = {r: n for r, n in role_votes.get(k, {}).items() if r != "party"}
        return top(votes) if votes else "party"

    role_of = {k: role(k) if k in taken else "attendee" for k in order}
    return {"principals": principals, "side_of": side_of, "role_of": role_of}


def merge_event(a: dict, b: dict) -> dict:
    """`merge_events` of two reports."""
    return merge_events([a, b])
