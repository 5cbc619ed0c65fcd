"""Text normal forms used for matching, never for output.

- `nfc_with_map`: NFC, with a map from NFC offsets back to the input.
- `match_form`: one Vietnamese tone-mark placement and Đ for Ð, same length
  as its input so offsets carry over unchanged.
- `fold`: lower case without diacritics ("Lê Hoài Trung" -> "le hoai trung"),
  for diacritic-insensitive search and keys.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# New style (mark on the second vowel: "hoà", "uỷ") -> old style ("hòa", "ủy").
# The seeds use both; we match on the old style, which most outlets use.
_TONE_NEW_TO_OLD = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_NEW_TO_OLD.update({k.capitalize(): v.capitalize() for k, v in list(_TONE_NEW_TO_OLD.items())})
_TONE_NEW_TO_OLD.update({k.upper(): v.upper() for k, v in list(_TONE_NEW_TO_OLD.items())})
# Only where the pair ends the syllable: "hoàng" and "thuỷ" must not both be touched blindly.
_TONE_PLAIN = "(" + "|".join(map(re.escape, _TONE_NEW_TO_OLD)) + r")(?![^\W\d_])"


def _pairs_by_first_char(pairs) -> str:
    """`_TONE_PLAIN`'s alternation of two-letter pairs as "o[àá...]|O[...]|u[...]": the same
    matches (no pair is a prefix of another, so order does not matter), but at each o or u of
    the page the engine tests one character class, not thirty pairs one after the other."""
    groups: dict[str, list[str]] = {}
    for pair in pairs:
        groups.setdefault(pair[0], []).append(pair[1])
    return "(" + "|".join(re.escape(c) + "[" + "".join(map(re.escape, rest)) + "]"
                          for c, rest in groups.items()) + r")(?![^\W\d_])"


_TONE_RE = re.compile(_pairs_by_first_char(_TONE_NEW_TO_OLD) if all(len(k) == 2 for k in _TONE_NEW_TO_OLD)
                      else _TONE_PLAIN)

_CHAR_FIXES = str.maketrans({
    "\u00d0": "\u0110",  # Ð (Icelandic eth) written for Đ
    "\u00f0": "\u0111",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": " ",  # zero-width space: keep the length, lose the trap
    "\ufeff": " ",
})


def nfc_with_map(raw: str) -> tuple[str, list[int] | None]:
    """NFC of `raw` and, when it differs, a list mapping each output offset to `raw`.

    Each cluster (a character and the combining marks after it) is normalised on its
    own and maps to the cluster's first offset. Only clusters with marks, and lone
    characters NFC changes, are normalised; a regex built from the page's own
    characters finds them, so long runs of plain text are copied whole.
    """
    text = unicodedata.normalize("NFC", raw)
    if text == raw:
        return text, None
    chars = set(raw)
    marks = "".join(sorted(c for c in chars if unicodedata.combining(c)))
    changed = "".join(sorted(c for c in chars if unicodedata.normalize("NFC", c) != c))
    pattern = "|".join(([f"(?s:.)[{re.escape(marks)}]+"] if marks else [])
                       + ([f"[{re.escape(changed)}]"] if changed else []))
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in re.finditer(pattern, raw) if pattern else ():
        start, end = m.span()
        out.append(raw[pos:start])
        offsets.extend(range(pos, start))
        piece = unicodedata.normalize("NFC", raw[start:end])
        out.append(piece)
        offsets.extend([start] * len(piece))
        pos = end
    out.append(raw[pos:])
    offsets.extend(range(pos, len(raw)))
    offsets.append(len(raw))
    return "".join(out), offsets


_CHAR_FIX_RE = re.compile("[" + "".join(map(chr, _CHAR_FIXES)) + "]")


def match_form(text: str) -> str:
    """Same length as `text`; one tone placement, Đ unified, odd spaces made plain."""
    # re.sub is far quicker than str.translate with a dict on long pages; most pages have
    # no character to fix, and a substring test per character (a C search each) says so
    # quicker than the regex scan does. (The tone pairs occur on every page, inside
    # syllables as in "hoàng": only the regex can tell whether one ends a syllable.)
    t = text
    if any(map(t.__contains__, _FIX_CHARS)):
        t = _CHAR_FIX_RE.sub(lambda m: _CHAR_FIXES[ord(m.group())], t)
    return _TONE_RE.sub(lambda m: _TONE_NEW_TO_OLD[m.group(1)], t)


_FIX_CHARS = tuple(map(chr, _CHAR_FIXES))


def key(text: str) -> str:
    """A comparison key: match form, lower case, single spaces."""
    return " ".join(match_form(unicodedata.normalize("NFC", text)).lower().split())


@functools.lru_cache(maxsize=1 << 14)
def word_key(text: str) -> str:
    """`key` of a word, name or title, cached: the same ones recur on every page."""
    return key(text)


@functools.lru_cache(maxsize=1 << 15)
def fold(text: str) -> str:
    """Lower case ASCII-ish form for diacritic-insensitive search (cached: it is called for
    names, aliases and titles, which recur in every article)."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D"))
    t = "".join(c for c in t if not unicodedata.combining(c))
    return " ".join(t.lower().split())
