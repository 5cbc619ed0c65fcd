"""Clean: tell the article from the page furniture around it.

The inputs are plain-text dumps of whole news pages. Every non-empty line
becomes a `Block` with a kind:
  title      the headline
  body       article prose (what the extractors read)
  caption    photo captions: kept, because they name people and positions
  meta       datelines, author and source lines, a leading " date ..." header
  furniture  everything else: related and most-read lists, site chrome,
             horoscopes, price tables, repeated lines (with `reason`)

Two kinds of evidence decide, so that unseen outlets work too:
1. markers from `data/furniture.tsv` (list headings such as "Cùng chuyên
   mục", site lines, caption credits "Ảnh: TTXVN");
2. page shape: a list heading or a run of repeated headlines opens a list
   that runs to the end of the page unless article prose clearly resumes;
   headline + "..." teaser pairs; lines repeated within the page; runs of short
   lines with no sentence punctuation; menus (" | "); lines without letters.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ngoaigiao.article import Article, Block
from ngoaigiao.data import load_lines, load_tsv
from ngoaigiao.extract.lexicon import exact_lower
from ngoaigiao.metadata import dateline, weekdays
from ngoaigiao.textnorm import key

PROSE_MIN = 150        # a line this long is article prose whatever it ends with
SENTENCE_MIN = 80      # ...or this long when it ends like a sentence
HEADLINE_MAX = 250     # a headline is shorter than this
SHORT_LINE = 60        # runs of lines shorter than this, unpunctuated, are menus/lists
SHORT_RUN = 3
MARKER_LINE_MAX = 160  # "line" markers only apply to lines this short (not to prose that starts alike)
LONG_PARAGRAPH = 200  # a paragraph this long after repeated lines is the article again
CAPTION_MAX = 300     # captions are shorter than this
RESUME_GAP = 8         # a list closes when two prose paragraphs follow within this many lines

# Only short lines are file names; on one long line of word characters the two stars of
# _IMAGE_FILE backtrack quadratically (a 100,000-tag page became a 100 kB line: 4 minutes).
MAX_IMAGE_LINE = 300
_IMAGE_FILE = re.compile(r"^\S*[\w ]*\.(?:jpe?g|png|gif|webp)$|[-–]\s*Ảnh\s+\d+\.?$", re.I)


def _may_name_image(text: str) -> bool:
    """A cheap superset of `_IMAGE_FILE.match` (whose backtracking costs on every line): its
    first branch needs a last "." followed by j, p, g or w within the last five characters
    (".jpeg" is the longest), its second a line that opens with a dash."""
    if text[:1] in _DASHES:
        return True
    tail = text[-6:]  # (one more: `$` also matches before a final newline)
    dot = tail.rfind(".")
    return dot != -1 and tail[dot + 1:dot + 2] in _IMAGE_EXT_FIRST


_DASHES = frozenset("-–")
_IMAGE_EXT_FIRST = frozenset("jJpPgGwW")  # (no other letter folds to these under re.I)


# How a line ends, tested on its last characters: the same answers as the regexes in the
# docstrings, which `search` a whole line (sre steps through every character of it to
# find the end; these are asked of every line, several times).
def _ends_punct(text: str) -> bool:
    """`[.!?:;”"]\\s*(?:/\\.)?\\s*$` found: the stripped text ends with one of those marks
    (a "/." ending ends with "." too)."""
    return text.rstrip()[-1:] in _PUNCT_MARKS


_PUNCT_MARKS = frozenset('.!?:;”"')


def _ends_sentence_mark(text: str) -> bool:
    """`(?<!\\.\\.)[.!?]\\s*(?:/\\.)?\\s*$` found: ends like a sentence, not "...": the stripped
    text ends with "/." (its "." follows "/", never ".."), or with . ! ? not after "..".
    ("" is not in the marks: a blank text ends with none.)"""
    r = text.rstrip()
    return r.endswith("/.") or (r[-1:] in _SENTENCE_MARKS and r[-3:-1] != "..")


_SENTENCE_MARKS = frozenset(".!?")


def _ends_ellipsis(text: str) -> bool:
    """`(?:\\.\\.\\.|…)\\s*["”]?\\s*$` found: "..." or "…" ends the stripped text, or the text
    before one closing quote."""
    r = text.rstrip()
    if r[-1:] in ('"', "”"):
        r = r[:-1].rstrip()
    return r.endswith(("...", "…"))


_LETTER = re.compile(r"[^\W\d_]")
_HEADER = re.compile(r"\A\s*date\s+\d{4}-\d\d(?:-\d\d)?\s*")
_DATED_LEDE = re.compile(r"^\(?[^\W\d_]{0,12}\)?\s*[-–]?\s*(?:ngày|sáng|chiều|tối|trưa|đêm|hôm)?\s*(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}", re.I)
# A byline: one to five capitalised words ("Bảo Chi", "Thanh Hà |"), maybe "/TTXVN" or "(TTXVN)".
# Each word possessive (++): a long run of letters is one word, never split five ways on backtracking
# (one 5,000-letter line took 8 s).
_BYLINE_SHAPE = re.compile(r"^(?P<name>(?:[^\W\d_]++\.?\s*){1,5}?)\s*(?:[/(–-]\s*[^\W\d_]{2,}\)?)?\s*\|?$")


class _Byline:
    """`match(text)` like a regex: a short line of capitalised words only."""

    @staticmethod
    def match(text: str) -> bool:
        m = _BYLINE_SHAPE.match(text.strip())
        return bool(m) and all(w[0].isupper() for w in m["name"].split())  # type: ignore[index]


_NAME_LINE = _BYLINE = _Byline()
_DOMAIN = re.compile(r"\b[A-Za-z][A-Za-z0-9-]*\.(?:vn|com|net|org|cn)\b")
_URL = re.compile(r"https?://\S+")
_SECONDS = re.compile(r"\b[0-2]?\d:[0-5]\d:[0-5]\d\b")
_CAPTION_LABEL = key("Chú thích ảnh")  # a label line whose next line is the caption


@dataclass(slots=True)
class Line:
    start: int
    end: int
    text: str
    key: str
    kind: str | None = None
    reason: str | None = None
    mk: tuple[str, str] | None | bool = False  # marker() cache; False = not computed yet
    prose: bool | None = None  # is_prose() cache (the passes below ask it of a line many times)


@functools.cache
def _markers() -> tuple[dict[str, tuple[str, str]], tuple[tuple[str, str, re.Pattern], ...]]:
    """furniture.tsv compiled: exact lines in a dict, the rest one regex per (kind, where)."""
    exact: dict[str, tuple[str, str]] = {}
    groups: dict[tuple[str, str], list[str]] = {}
    for row in load_tsv("furniture.tsv"):
        kind, where, text = row.get("kind", ""), row.get("where", ""), row.get("text", "")
        if not (kind and where and text):
            continue
        if where == "exact":
            exact.setdefault(key(text), (kind, key(text)))
        elif where in ("start", "contains", "end", "label"):
            groups.setdefault((kind, where), []).append(key(text))
    compiled = []
    for (kind, where), texts in groups.items():
        alt = "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))
        pattern = {"start": f"^(?:{alt})", "contains": f"(?:{alt})", "end": f"(?:{alt})$", "label": f"^(?:{alt})"}[where]
        compiled.append((kind, where, re.compile(pattern)))
    return exact, tuple(compiled)


def marker(line: Line) -> tuple[str, str] | None:
    """(kind, text) of a furniture.tsv marker matching the line (computed once per line)."""
    if line.mk is not False:
        return line.mk  # type: ignore[return-value]  # (once computed: a tuple or None)
    exact, compiled = _markers()
    k = line.key.strip(" :|-–>»")
    found = exact.get(k)
    if found is None:
        prose = None  # asked once per line, not once per marker row
        for kind, where, rx in compiled:
            if kind in ("line", "meta") and where != "label":
                if prose is None:
                    prose = len(line.text) > MARKER_LINE_MAX or _ends_sentence_mark(line.text)
                if prose:
                    continue  # prose that merely starts like a site line ("Theo dõi sát tình hình, ...")
            if kind == "caption" and len(line.text) > CAPTION_MAX:
                continue  # a lede that mentions a photo is still the lede
            m = rx.search(line.key if where == "contains" else k)
            if m:
                found = (kind, m.group())
                break
    line.mk = found
    return found


def _key(match_slice: str) -> str:
    """Comparison key of a slice of `article.match` (already NFC and tone-unified): lower
    case, white space runs as one space. Most lines have no white space but single spaces
    (when a text is printable, " " is the only white space in it): their key is the lower
    case itself, without cutting the line into words and joining them again."""
    return _key_of_lower(match_slice.lower())


def _key_of_lower(low: str) -> str:
    """`_key` of a slice already in lower case."""
    if low.isprintable() and "  " not in low and low[:1] != " " and low[-1:] != " ":
        return low
    return " ".join(low.split())


def split_lines(text: str, match: str | None = None, low: str | None = None) -> list[Line]:
    """The page's non-blank lines. `low`: the lower case of all of `match` when its stretches
    are their own lower case (lexicon.exact_lower): the keys are cut from it."""
    match = match if match is not None and len(match) == len(text) else None
    if match is not None and low is not None:
        lowered: str = low
        kf = lambda a, b: _key_of_lower(lowered[a:b])  # noqa: E731
    else:
        kf = (lambda a, b: _key(match[a:b])) if match is not None else (lambda a, b: key(text[a:b]))
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if start == 0:
            m = _HEADER.match(raw)
            if m:  # " date 2025-11-01 <first line of the article>"
                out.append(Line(m.start(), m.start() + len(m.group().rstrip()), m.group().strip(),
                                kf(m.start(), m.end()), "meta", "header"))
                start = m.end()
        seg = text[start:end]
        lead = len(seg) - len(seg.lstrip())
        seg = seg.strip()
        if seg:
            s = start + lead
            out.append(Line(s, s + len(seg), seg, kf(s, s + len(seg))))
    return out


def is_prose(line: Line) -> bool:
    if line.prose is None:
        n = len(line.text)
        line.prose = not _ends_ellipsis(line.text) and (
            n >= PROSE_MIN or (n >= SENTENCE_MIN and _ends_punct(line.text)))
    return line.prose


def is_headline_like(line: Line) -> bool:
    t = line.text
    # (four words: split stops after the fifth; `[.;,]\s*$` found: the stripped line ends so)
    return (15 <= len(t) <= HEADLINE_MAX and len(t.split(None, 4)) >= 4
            and t.rstrip()[-1:] not in _CLAUSE_MARKS and not _DATED_LEDE.match(t))


_CLAUSE_MARKS = frozenset(".;,")


def is_site_clock(text: str) -> bool:
    """A weekday and a to-the-second time: the clock in a page header ("Thứ 4, 17/04/2024 02:55:17")."""
    low = text.lower()
    return bool(_SECONDS.search(text)) and any(w in low for w in weekdays())


def _mark(line: Line, kind: str, reason: str | None) -> None:
    if line.kind is None:
        line.kind, line.reason = kind, reason


@functools.cache
def _lead_opener() -> re.Pattern[str]:
    """"Chiều 23/9,", "Ngày 5-3,", "Sáng nay (12/3),": a paragraph that opens with the day of its news."""
    parts = "|".join(re.escape(w) for w in sorted(load_lines("dayparts.txt"), key=len, reverse=True))
    return re.compile(rf"^(?:(?:{parts})\s+)?(?:ngày\s+|nay\s+)?\(?(\d{{1,2}})\s*[/-]\s*(\d{{1,2}})\b", re.IGNORECASE)


# an outlet's tag before a lead: "NDO - ", "(Chinhphu.vn) - ", "VOV.VN - ", "(TTXVN) "
_SOURCE_TAG = re.compile(r"^(?:\([^()\n]{2,30}\)\s*[-–—]?\s*|[A-ZĐ][A-Za-zĐ.]{1,14}\s+[-–—]\s+)")


def _opening_day(line: Line) -> tuple[int, int] | None:
    """(month, day) the paragraph opens with, as a news lead does, else None."""
    text = line.text.lstrip()
    tag = _SOURCE_TAG.match(text)
    m = _lead_opener().match(text[tag.end():] if tag else text)
    if not m:
        return None
    day, month = int(m.group(1)), int(m.group(2))
    return (month, day) if 1 <= day <= 31 and 1 <= month <= 12 else None


def _older_lead(line: Line, lead_day: tuple[int, int] | None) -> bool:
    """A paragraph under a list heading that opens with a day before the article's own lead day
    is a related item's lead ("Chiều 23/9, ..." under "Tin liên quan" in a page of 24/9), not
    the article going on after a box (whose days are the article's or later)."""
    day = _opening_day(line) if lead_day else None
    return day is not None and day < lead_day  # type: ignore[operator]  # (a day is read only with a lead day)


def _close_list(lines: list[Line], i: int, by_shape: bool = False, lead_day: tuple[int, int] | None = None) -> int:
    """Index where a list that starts at i ends: where prose clearly resumes, else the end.

    After a list heading, two paragraphs in a row are needed. A list recognised only by
    its shape (repeated lines: photo captions printed twice look alike) closes at the
    first long paragraph that is not a related item's teaser.
    """
    n = len(lines)
    for j in range(i + 1, min(n, i + 1 + RESUME_GAP)):
        if marker(lines[j]) and marker(lines[j])[0] == "list":  # type: ignore[index]
            return n
        if len(lines[j].text) >= 2 * HEADLINE_MAX and not _is_teaser_context(lines, j):
            return j  # no related item is a paragraph this long, even one cut off mid-sentence
        if (is_prose(lines[j]) and _ends_sentence(lines[j]) and not _is_teaser_context(lines, j)
                and not _older_lead(lines[j], lead_day)):
            nxt = lines[j + 1] if j + 1 < n else None
            if nxt is None or (is_prose(nxt) and _ends_sentence(nxt) and nxt.key != lines[j].key
                               and not _older_lead(nxt, lead_day)):
                return j
            if by_shape and len(lines[j].text) >= LONG_PARAGRAPH:
                return j
    return n


def _ends_sentence(line: Line) -> bool:
    # `[.!?”"]\\s*(?:/\\.)?\\s*$` found: the stripped text ends with one of those marks
    return line.text.rstrip()[-1:] in _CLOSING_MARKS and not _ends_ellipsis(line.text)


_CLOSING_MARKS = frozenset('.!?”"')


def _is_teaser_context(lines: list[Line], j: int) -> bool:
    """A paragraph right after a (repeated) headline is a related item's teaser."""
    prev = lines[j - 1] if j else None
    return (prev is not None and is_headline_like(prev) and (j >= 2 and lines[j - 2].key == prev.key)
            and len(lines[j].text) < LONG_PARAGRAPH)  # teasers are short; a long paragraph is the article


def clean(article: Article) -> Article:
    lines = split_lines(article.text, article.match, exact_lower(article) if article.match else None)
    n = len(lines)
    prose_seen = 0
    lead_day: tuple[int, int] | None = None
    i = 0
    # 1. markers, datelines, list openings
    while i < n:
        ln = lines[i]
        if ln.kind:
            i += 1
            continue
        mk = marker(ln)
        if mk and mk[0] == "list" and prose_seen == 0:
            # a "Tin mới" menu above the article: the heading only; the menu under it is
            # caught as short lines or as what precedes the headline
            _mark(ln, "furniture", f"list:{ln.text.strip(' :|')}")
            i += 1
            continue
        if mk and mk[0] == "list":
            end = _close_list(lines, i, lead_day=lead_day)
            for j in range(i, end):
                _mark(lines[j], "furniture", f"list:{ln.text.strip(' :|')}" if j == i else "list")
            i = end
            continue
        if _opens_headline_list(lines, i) and prose_seen >= 1:
            end = _close_list(lines, i, by_shape=True)
            head = lines[i - 1]
            if head.kind is None and len(head.text.split()) <= 5 and not _ends_punct(head.text):
                head.kind, head.reason = "furniture", "list-heading"  # an unlisted "Tin cùng loạt"
            for j in range(i, end):
                _mark(lines[j], "furniture", "list:repeated-headlines")
            i = end
            continue
        if mk and mk[0] == "line":  # "Giá vàng hôm nay 12/3/2024" is a price table, not a dateline
            _mark(ln, "furniture", f"marker:{mk[1]}")
        elif dateline(ln.text):
            _mark(ln, "meta", "dateline")
        elif mk:
            kind, text = mk
            _mark(ln, "furniture" if kind == "line" else kind, f"marker:{text}")
        elif (len(ln.text) < 2 or not _LETTER.search(ln.text) or ln.text.startswith("![](")
              or (len(ln.text) <= MAX_IMAGE_LINE and _may_name_image(ln.text) and _IMAGE_FILE.match(ln.text))):
            _mark(ln, "furniture", "no-text")
        elif ln.text.count("|") >= 3 and not is_prose(ln):
            _mark(ln, "furniture", "menu")
        elif "://" in ln.text and _URL.search(ln.text) and len(_URL.sub("", ln.text).split()) <= 4:
            _mark(ln, "meta", "source")
        elif len(ln.text) <= 60 and _DOMAIN.search(ln.text) and not is_prose(ln):
            _mark(ln, "meta", "outlet")
        if is_prose(ln):
            prose_seen += 1
            if lead_day is None and ln.kind is None:
                lead_day = _opening_day(ln)  # the day the article's lead opens with
        i += 1
    _mark_captions_and_repeats(lines)
    _mark_teasers(lines)
    title_i = _find_title(lines)
    if title_i is not None:
        lines[title_i].kind, lines[title_i].reason = "title", None
        article.title = lines[title_i].text
        for j in range(title_i):
            _mark(lines[j], "furniture", "before-title")
            if lines[j].reason == "dateline" and is_site_clock(lines[j].text):
                lines[j].reason = "clock"  # the page header's "today", not the article's date
    _mark_authors(lines, title_i)
    _mark_end_byline(lines)
    _mark_short_runs(lines)
    for ln in lines:
        _mark(ln, "body", None)
    article.blocks = [Block(ln.start, ln.end, ln.kind or "body", ln.reason) for ln in lines]
    return article


def _opens_headline_list(lines: list[Line], i: int) -> bool:
    """A headline printed twice (link + heading) followed by a teaser or another such pair."""
    n = len(lines)
    if i + 1 >= n or lines[i + 1].key != lines[i].key or not is_headline_like(lines[i]):
        return False
    if marker(lines[i]) or _has_caption_cue(lines[i]):
        return False
    after = lines[i + 2:i + 5]
    if any(_ends_ellipsis(a.text) for a in after[:1]):
        return True
    return any(j + 1 < len(after) and after[j].key == after[j + 1].key and is_headline_like(after[j])
               for j in range(len(after)))


def _has_caption_cue(line: Line) -> bool:
    k = line.key  # (every cue but one opens with a bracket: most lines have none)
    return "ảnh:" in k or ("(" in k and any(cue in k for cue in ("(trái", "(phải", "(giữa", "(thứ", "(nguồn")))


def _mark_captions_and_repeats(lines: list[Line]) -> None:
    seen: set[str] = set()
    prev: Line | None = None
    after_label = False
    for ln in lines:
        if ln.kind == "caption" and ln.key.strip(" :") == _CAPTION_LABEL:
            ln.kind = "meta"  # the label itself; the next line is the caption
            after_label = True
            prev = ln
            continue
        if after_label and ln.kind is None:
            ln.kind, ln.reason = "caption", "after:Chú thích ảnh"
        after_label = False
        if prev is not None and ln.key == prev.key and ln.kind in (None, "caption"):
            if prev.kind in (None, "caption"):
                if prev.kind is None:
                    prev.kind, prev.reason = "caption", "repeated-line"
                ln.kind, ln.reason = "furniture", "repeated"
        elif ln.key in seen and ln.kind is None and len(ln.text) >= 20:
            ln.kind, ln.reason = "furniture", "repeated"
        elif ln.kind is None and _has_caption_cue(ln) and not is_prose(ln):
            ln.kind, ln.reason = "caption", "photo-description"
        elif ln.kind is None and ln.text.endswith("|") and len(ln.text.split()) >= 6:
            ln.kind, ln.reason = "caption", "table-cell"
        seen.add(ln.key)
        prev = ln


def _mark_teasers(lines: list[Line]) -> None:
    for i, ln in enumerate(lines):
        # (a paragraph too long for a teaser that ends "..." is the article cut off)
        if (ln.kind is None and _ends_ellipsis(ln.text) and i and is_headline_like(lines[i - 1])
                and len(ln.text) < 2 * HEADLINE_MAX):
            ln.kind, ln.reason = "furniture", "teaser"
            if lines[i - 1].kind in (None, "caption"):
                lines[i - 1].kind, lines[i - 1].reason = "furniture", "headline"


def _mark_short_runs(lines: list[Line]) -> None:
    run: list[Line] = []

    def flush() -> None:
        if len(run) >= SHORT_RUN:
            for r in run:
                _mark(r, "furniture", "short-lines")
        run.clear()

    for ln in lines:
        # a comma marks a name with its position ("- Ông Lê Văn A, Thứ trưởng"), not a menu item
        if ln.kind is None and len(ln.text) < SHORT_LINE and not _ends_punct(ln.text) and "," not in ln.text:
            run.append(ln)
        elif ln.kind in ("meta", "furniture") and run:
            continue  # datelines and chrome inside a menu do not break it
        else:
            flush()
    flush()


def _find_title(lines: list[Line]) -> int | None:
    for i, ln in enumerate(lines):
        if ln.kind is None and (len(ln.text) > HEADLINE_MAX or (is_prose(ln) and _ends_sentence(ln))):
            return None  # the page starts with its lede: no headline
        if ln.kind is None and is_headline_like(ln):
            nxt = next((x for x in lines[i + 1:] if x.kind != "furniture"), None)
            if (nxt is None or nxt.kind in ("meta", "caption") or is_prose(nxt) or _NAME_LINE.match(nxt.text)
                    or (len(nxt.text) >= 40 and _ends_sentence(nxt))):
                return i
        if i > 12:
            return None
    return None


def _mark_authors(lines: list[Line], title_i: int | None) -> None:
    """A short name line just after the headline or beside a dateline is the byline."""
    for i, ln in enumerate(lines[:20]):
        if ln.kind is not None or len(ln.text) > 40 or not _NAME_LINE.match(ln.text):
            continue
        near = [lines[j] for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(lines)]
        if (title_i is not None and i - title_i in (1, 2)) or any(x.reason == "dateline" for x in near):
            ln.kind, ln.reason = "meta", "author"
            return


def _mark_end_byline(lines: list[Line]) -> None:
    """A name alone just after the last paragraph ("Minh Anh/TTXVN", "Thu Hằng") is the byline."""
    last = max((i for i, ln in enumerate(lines) if ln.kind in (None, "body") and is_prose(ln)), default=None)
    if last is None:
        return
    for ln in lines[last + 1:last + 4]:
        if ln.kind is None and len(ln.text) <= 40 and _BYLINE.match(ln.text):
            ln.kind, ln.reason = "meta", "author"
            return
        if ln.kind is None and is_prose(ln):
            return
