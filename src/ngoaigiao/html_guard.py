"""Bounds on the HTML the read stage hands to trafilatura.

trafilatura's work grows faster than the page: 100,000 <p> tags took minutes,
where a news page has a few thousand tags. And libxml2 drops whatever is
nested deeper than 255 elements, so a page of 256 nested <div>s came out as
"no article text". `prepare_html` is linear and runs before trafilatura:

1. more than MAX_ELEMENTS elements: inline tags (span, a, b, font...) carry no
   structure and go first; still more -> InputError "too complex";
2. nested deeper than MAX_DEPTH: container tags (div, section, table...)
   become line breaks, which keeps the text and its paragraphs flat; still
   deeper -> InputError "nested too deeply".

An ordinary page passes unchanged (one count of "<" decides).
"""
from __future__ import annotations

import re

from ngoaigiao.errors import InputError

MAX_ELEMENTS = 10_000  # opening tags; a news page has a few thousand
MAX_DEPTH = 200

_SKIP_START = re.compile(r"<!--|<(script|style)\b", re.I)
# Possessive quantifiers (Python 3.11+): no backtracking, so "<saaaa…" with no ">" stays linear.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*+)([^<>]*+)>")
# Elements whose end tag may be left out, and void ones: they do not nest, so they are not counted.
_NOT_NESTING = frozenset("""area base br col embed hr img input link meta param source track wbr
p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp""".split())
INLINE = frozenset("""a abbr b bdi bdo big cite code data del dfn em font i ins kbd mark q s samp small span
strike strong sub sup time tt u var wbr nobr label""".split())
CONTAINERS = frozenset("""div section article main aside header footer nav center blockquote figure
figcaption table tbody thead tfoot tr td th ul ol li dl dt dd form fieldset details summary address""".split())


def _without_skipped(html: str) -> str:
    """`html` without comments, scripts and styles, in one pass: an unclosed one runs to
    the end of the page (as in a browser), so no search ever starts over."""
    out, pos, low = [], 0, None
    while True:
        m = _SKIP_START.search(html, pos)
        if not m:
            out.append(html[pos:])
            return " ".join(out)
        out.append(html[pos:m.start()])
        if m.group(1):
            low = low if low is not None else html.lower()
            end = low.find(f"</{m.group(1).lower()}", m.end())
            end = -1 if end < 0 else low.find(">", end)
        else:
            end = html.find("-->", m.end())
            end = -1 if end < 0 else end + 2
        if end < 0:
            return " ".join(out)
        pos = end + 1


def _strip(html: str, names: frozenset[str], replacement: str = "") -> str:
    return _TAG.sub(lambda m: replacement if m.group(2).lower() in names else m.group(0), html)


def count_elements(html: str) -> int:
    """Opening tags outside comments, scripts and styles."""
    return sum(1 for m in _TAG.finditer(_without_skipped(html)) if not m.group(1))


def max_depth(html: str) -> int:
    depth = deepest = 0
    for m in _TAG.finditer(_without_skipped(html)):
        name = m.group(2).lower()
        if name in _NOT_NESTING or m.group(3).endswith("/"):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def prepare_html(html: str, source: str | None = None) -> str:
    """`html` made safe for trafilatura, or InputError saying why it cannot be."""
    if html.count("<") > MAX_ELEMENTS:
        n = count_elements(html)
        if n > MAX_ELEMENTS:
            html = _strip(html, INLINE)
            n = count_elements(html)
            if n > MAX_ELEMENTS:
                raise InputError(source, f"HTML page too complex ({n:,} elements besides inline ones; "
                                         f"the limit is {MAX_ELEMENTS:,})")
    if html.count("<") > MAX_DEPTH:
        depth = max_depth(html)
        if depth > MAX_DEPTH:
            html = _strip(_strip(html, INLINE), CONTAINERS, "<br>")
            depth = max_depth(html)
            if depth > MAX_DEPTH:
                raise InputError(source, f"HTML nested too deeply ({depth:,} levels; the limit is {MAX_DEPTH})")
    return html
