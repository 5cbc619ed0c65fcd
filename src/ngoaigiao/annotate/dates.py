"""Date grammar of Vietnamese news: find time expressions, resolve them to ISO.

Shapes: "Ngày 26/4", "chiều 4/2", "sáng 4-9", "Sáng ngày 09/10/2025",
"ngày 23 tháng 08 năm 2019", "Thứ Sáu, ngày 6/9", ranges "từ ngày 25 - 28/4",
"Ngày 7–9/10/2025", "từ ngày 30/10 đến ngày 1/11/2022", "từ 30/5 - 2/6/2013",
months "tháng 10/2022", years "năm 2025", periods "giai đoạn 2021-2025",
and relative words ("hôm nay", "năm nay": data/relative_dates.tsv).

A day without a year takes the anchor's year (see `Anchor`), or the year
before when that would put it more than `FUTURE_DAYS` after the anchor date
("ngày 28/12" in an article of 3 January). With no anchor year the date stays
None and `year_known` is False: no year is invented.

Only title, body and caption blocks are read: dates in page furniture
(related-article lists, horoscopes) are not time expressions of the article.
"""
# mypy: disable-error-code="arg-type,operator"
# (for mypyc: a _Parsed's optional fields are set for the kinds of expression that read them,
# which the types cannot say; a None there fails in pure Python as it would compiled)
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from ngoaigiao.annotate import relative_windows
from ngoaigiao.article import Article, TimeExpression
from ngoaigiao.data import load_lines, load_tsv, word_set
from ngoaigiao.extract.lexicon import exact_lower

TEXT_KINDS = ("title", "body", "caption")
FUTURE_DAYS = 120  # a day-month further ahead of publication than this is last year's
MAX_RANGE_DAYS = 92  # "(13/5/1955 - 13/5/2025)" is two dates, not a range

_D = r"(?:0?[1-9]|[12]\d|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_Y = r"(?:1[89]\d\d|20\d\d)"
_NB = r"(?![\d])"  # no digit right after a number
_RNG = r"\s*(?:[-–—]|đến|tới)\s*(?:ngày\s+)?"
_RNG_DAYS = r"\s*(?:[-–—]|đến|tới|và)\s*(?:ngày\s+)?"  # "ngày 25 và 26/4": two days of one month


def _alt(words) -> str:
    """Alternation of `words`, longest first (spaces match any white space)."""
    return _alt_ordered(sorted(set(words), key=len, reverse=True))


def _alt_by_first_char(words) -> str:
    """`_alt(words)` grouped by first character ("h(?:ôm\\s+nay|ôm\\s+qua)|s(?:áng...)"):
    the same matches, found faster (one test per group). At a position only the group of
    its character can match, and each group keeps `_alt`'s order, so the same phrase wins;
    falls back to `_alt` when two first characters are one letter under IGNORECASE."""
    words = sorted(set(words), key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    firsts = list(groups)
    if any(re.fullmatch(re.escape(a), b, re.IGNORECASE) for a in firsts for b in firsts if a != b):
        return _alt_ordered(words)
    return "|".join(re.escape(c) + "(?:" + _alt_ordered(rests) + ")" for c, rests in groups.items())


def _alt_ordered(words) -> str:
    """Alternation of `words` in the order given (spaces match any white space)."""
    return "|".join(re.sub(r"\\? ", r"\\s+", re.escape(w)) for w in words)


@dataclass(slots=True)
class _Parsed:
    start: int
    end: int
    kind: str  # "day" | "range" | "month" | "year" | "period" | "relative"
    d: int | None = None
    m: int | None = None
    y: int | None = None
    d2: int | None = None
    m2: int | None = None
    y2: int | None = None
    unit: str | None = None  # for relative
    offset: int = 0


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    dayparts = _alt_by_first_char(load_lines("dayparts.txt"))
    weekdays = _alt_by_first_char(load_lines("weekdays.txt"))
    # A relative day word right before a written day names the same day: the written one
    # counts ("Chiều qua 7.9", "sáng nay (28/10)"), it is what the reporter checked.
    reldays = _alt_by_first_char(r["phrase"] for r in load_tsv("relative_dates.tsv") if r["unit"] == "day")
    # Optional weekday, then a relative day word, or a part of the day and/or "ngày"/"hôm"/"từ".
    pre = (rf"(?P<pre>(?:(?:{weekdays})\s*[,(]?\s*)?"
           rf"(?:(?:{reldays})\s*[,(]?\s*(?:ngày\s+)?"
           rf"|(?:từ\s+)?(?:(?:{dayparts})\s+)?(?:hôm\s+|ngày\s+)|(?:{dayparts})\s+|từ\s+)?)")
    pre_dp = rf"(?P<pre>(?:(?:{weekdays})\s*,?\s*)?(?:(?:từ\s+)?(?:{dayparts})\s+)?(?:từ\s+)?)"
    rel = [r["phrase"] for r in load_tsv("relative_dates.tsv")]
    flags = re.IGNORECASE
    return {
        "range_dm": re.compile(
            rf"(?<!\w){pre}(?<![\d/.,])(?P<d>{_D})(?P<s>[/.\-])(?P<m>{_M})(?:(?P=s)(?P<y>{_Y}))?{_NB}"
            rf"{_RNG}(?P<d2>{_D})(?P=s)(?P<m2>{_M})(?:(?P=s)(?P<y2>{_Y}))?{_NB}(?![/.\-]\d)", flags),
        "range_d": re.compile(
            rf"(?<!\w){pre}(?<![\d/.,])(?P<d>{_D}){_RNG_DAYS}(?P<d2>{_D})(?P<s>[/.\-])(?P<m2>{_M})"
            rf"(?:(?P=s)(?P<y2>{_Y}))?{_NB}(?![/.\-]\d)", flags),
        "range_words": re.compile(
            rf"(?<!\w){pre}(?<![\d/.,])(?P<d>{_D}){_RNG_DAYS}(?P<d2>{_D})\s+tháng\s+(?P<m2>{_M})"
            rf"(?:\s*(?:năm|,|/)\s*(?P<y2>{_Y}))?{_NB}", flags),
        "day": re.compile(
            rf"(?<!\w){pre}(?<![\d/.,])(?P<d>{_D})(?P<s>[/.\-])(?P<m>{_M})(?:(?P=s)(?P<y>{_Y}))?{_NB}(?![/.\-]\d)",
            flags),
        "day_words": re.compile(
            rf"(?<!\w){pre_dp}ngày\s+(?P<d>{_D})\s+tháng\s+(?P<m>{_M})(?:\s*(?:năm|,|/)\s*(?P<y>{_Y}))?{_NB}",
            flags),
        # "(23 tháng 7 năm 2021)", "Hà Nội, 23 tháng 7 năm 2021": no "ngày"; see _bare_words_ok
        "day_words_bare": re.compile(
            rf"(?<!\w)(?P<pre>)(?<![\d/.,])(?P<d>{_D})\s+tháng\s+(?P<m>{_M})"
            rf"(?:\s*(?:năm|,|/)\s*(?P<y>{_Y}))?{_NB}", flags),
        "month": re.compile(
            rf"(?<!\w)(?P<pre>(?:(?:đầu|cuối|giữa)\s+)?)tháng\s+(?P<m>{_M})"
            rf"(?:\s*[/.\-]\s*|\s+năm\s+)(?P<y>{_Y}){_NB}", flags),
        "month_bare": re.compile(
            rf"(?<![\d\s]\s)(?<!\d)(?<!\w)(?P<pre>(?:(?:đầu|cuối|giữa)\s+)?)tháng\s+(?P<m>{_M})"
            rf"(?![\d/.\-])(?!\s+năm\s+\d)", flags),
        "period": re.compile(
            rf"(?<!\w)(?P<pre>(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ|niên\s+khóa|năm)\s+)"
            rf"(?P<y>{_Y})\s*[-–—]\s*(?P<y2>{_Y}){_NB}", flags),
        "year": re.compile(rf"(?<!\w)(?P<pre>(?:(?:đầu|cuối|giữa)\s+)?)năm\s+(?P<y>{_Y}){_NB}"
                           rf"(?:\s*(?:,|và|hoặc)\s*(?P<y2>{_Y}){_NB})?", flags),
        "relative": re.compile(rf"(?<!\w)(?P<pre>)(?P<rel>{_alt_by_first_char(rel)})(?!\w)", flags),
    }


@functools.cache
def _needs() -> dict[str, re.Pattern[str]]:
    """Text every match of a pattern contains (read off `_patterns`; keep the two in step).

    A window without it cannot hold a match, so the pattern is not run there: the
    day, weekday and part-of-day alternations are slow to try at every word.
    """
    day_month = re.compile(r"\d[/.\-]\d")  # "<d><s><m>"
    thang = re.compile(r"tháng", re.IGNORECASE)
    return {
        "range_dm": day_month, "range_d": day_month, "day": day_month,
        "range_words": thang, "day_words": thang, "day_words_bare": thang, "month": thang, "month_bare": thang,
        "period": re.compile(r"\d\s*[-–—]"),  # "<y> - <y2>"
        "year": re.compile(r"năm", re.IGNORECASE),
    }


# A pattern's source cut into escapes ("\\S" stays), group syntax ("(?P<d>", "(?P=s)": kept)
# and the rest (lowered by `_lower_pattern`).
_PATTERN_PIECES = re.compile(r"\\.|\(\?P[<=][^>)]*[>)]|[^\\(]+|\(", re.DOTALL)


def _lower_pattern(source: str) -> str:
    """`source` with its letters lowered, outside escapes and group names."""
    return "".join(t if t[0] == "\\" or t.startswith("(?P") else t.lower() for t in _PATTERN_PIECES.findall(source))


def extra_case_chars(pattern: re.Pattern[str]) -> str | None:
    """Characters that an IGNORECASE `pattern` matches though they do not lower to its letters
    (the engine's extra pairs: "ı" for "i", "ſ" for "s"), or None when this Python does not say.
    Without them in a text, `_lower_pattern(pattern)` finds on its lower case what `pattern` finds."""
    try:
        from re._casefix import _EXTRA_CASES  # Python 3.11+: the engine's extra case pairs
    except ImportError:
        return None
    letters = {c for c in pattern.pattern.lower() if c.isalpha()}
    return "".join(sorted({chr(v) for c in letters for v in _EXTRA_CASES.get(ord(c), ()) if chr(v).lower() != c}))


@functools.cache
def _lowered() -> tuple[list[tuple[str, re.Pattern[str]]], dict[str, re.Pattern[str]], str] | None:
    """`_patterns()` and `_needs()` for the page's lower case, without IGNORECASE, and the
    characters a text must not hold for them to find the same; None when that is not known.

    An IGNORECASE literal costs the engine a case fold per character tried and the day
    patterns try their prefix words at every place of a window: on the lower case they
    run about 40% quicker. The same matches: a letter matches under IGNORECASE what lowers
    to it, save the engine's extra pairs ("ı" and "i", "ſ" and "s": a page with one of
    them takes the plain path); İ and Σ never reach here (see lexicon.exact_lower), and
    lowering keeps \\w, \\d and \\s (tests/test_dates_lowered.py checks all three claims).
    The groups read off a match are digits, separators, or lowered before use."""
    try:
        from re._casefix import _EXTRA_CASES  # Python 3.11+: the engine's extra case pairs
    except ImportError:
        return None
    pats = [(kind, re.compile(_lower_pattern(p.pattern))) for kind, p in _patterns().items()]
    needs = {kind: re.compile(_lower_pattern(p.pattern)) for kind, p in _needs().items()}
    letters = {c for _kind, p in pats for c in p.pattern if c.isalpha()}
    odd = "".join(sorted({chr(v) for c in letters for v in _EXTRA_CASES.get(ord(c), ()) if chr(v).lower() != c}))
    return pats, needs, odd


@functools.cache
def _relative_table() -> dict[str, tuple[str, int]]:
    return {" ".join(r["phrase"].lower().split()): (r["unit"], int(r["offset"])) for r in load_tsv("relative_dates.tsv")}


def _int_of(groups: dict[str, str | None], name: str) -> int | None:
    """Group `name` of a match as a number, read from its `groupdict()` (made once per match,
    not once per field)."""
    v = groups.get(name)
    return int(v) if v else None


@functools.cache
def _measure_re() -> re.Pattern[str]:
    words = sorted(load_lines("measure_words.txt"), key=len, reverse=True)
    return re.compile(r"\s*(?:%|(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w))", re.IGNORECASE)


_YEAR_FOLLOWS = re.compile(r"\s*năm\s+(?:1[89]|20)\d\d(?!\d)", re.IGNORECASE)


def _measure_follows(text: str, pos: int) -> bool:
    """A unit right after the number ("2-3 lần"); "năm 2023" after a date is its year, not a unit."""
    return bool(_measure_re().match(text, pos)) and not _YEAR_FOLLOWS.match(text, pos)


def _bare_ok(text: str, m: re.Match[str]) -> bool:
    """A "D/M" with neither prefix word nor year counts only in brackets: "(26/4)"."""
    before = text[max(0, m.start() - 1):m.start()]
    after = text[m.end():m.end() + 1]
    return before == "(" or after == ")"


_APPOSITION_END = re.compile(r"\s*(?:[,;)]|$)")


def _relative_pre(pre: str) -> bool:
    """The prefix is a relative day word ("Chiều nay, "), not a weekday ("Thứ Sáu, ")."""
    return " ".join(pre.lower().replace(",", " ").replace("(", " ").split()) in _relative_table()


_OPENS_A_DATE = "(,;:–—-\n"  # "(23 tháng 7 năm 2021)", "Hà Nội, 23 tháng 7 năm 2021", a line's start


def _bare_words_ok(text: str, m: re.Match[str]) -> bool:
    """"23 tháng 7" without "ngày" is a date only right after a bracket (year optional) or
    after a comma, a dash or a line's start with its year; elsewhere "3 tháng 7 ngày" or
    "kéo dài 2 tháng 10 năm" are durations."""
    before = text[max(0, m.start() - 3):m.start()].rstrip(" \t")
    prev = before[-1:] if before else "\n"
    if prev == "(":
        return True
    return bool(m.group("y")) and prev in _OPENS_A_DATE and not _measure_follows(text, m.end())


_DIGITS = re.compile(r"\d\d*")  # (not r"\d+": opening with a character class, `re` skips to a digit in C)
_LOOK_BACK = 48  # room for "Thứ Sáu, sáng ngày " or "từ ngày" before the first number
_GAP = 32  # numbers closer than this belong to one expression ("30/10 đến ngày 1/11/2022")


def _windows(match: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches around the numbers of a block: the date patterns only run there (speed)."""
    out: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(match, start, end):
        lo, hi = max(start, m.start() - _LOOK_BACK), m.end()
        if out and lo <= out[-1][1] + _GAP:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _parse_block(text: str, match: str, start: int, end: int, low: str | None = None,
                 lowered: bool = False) -> list[_Parsed]:
    """`lowered`: `low` (the lower case of all of `match`) may be searched with `_lowered()`."""
    cands: list[tuple[int, int, int, _Parsed]] = []
    windows = _windows(match, start, end)
    fast = _lowered() if lowered and low is not None else None
    if fast is not None and low is not None:
        patterns, needs, searched = fast[0], fast[1], low
    else:
        patterns, needs, searched = list(_patterns().items()), _needs(), match
    has: dict[tuple, bool] = {}  # (need, window) -> found: several patterns share one need
    for prio, (kind, pat) in enumerate(patterns):
        need = needs.get(kind)
        # the relative phrases only where one can end (relative_windows: same matches, quicker)
        for lo, hi in (windows if kind != "relative" else relative_windows.windows(match, start, end, low)):
            if need is not None:
                ok = has.get((need, lo))
                if ok is None:
                    ok = has[(need, lo)] = need.search(searched, lo, hi) is not None
                if not ok:
                    continue
            for m in pat.finditer(searched, lo, hi):
                p = _from_match(kind, m, text)
                if p is not None:
                    cands.append((p.start, -(p.end - p.start), prio, p))
    cands.sort(key=lambda c: c[:3])
    out: list[_Parsed] = []
    last_end = -1
    for s, _neg, _prio, p in cands:
        if s >= last_end:
            out.append(p)
            last_end = p.end
    return out


def _from_match(kind: str, m: re.Match[str], text: str) -> _Parsed | None:
    g = m.groupdict()
    pre = bool(m.group("pre").strip())
    if kind in ("range_dm", "day"):
        sep = g.get("s")
        has_year = bool(g.get("y") or g.get("y2"))
        # Without a prefix word a day-month needs a year ("28-02-2011") or brackets
        # ("(26/4)", "(13-4)"); "1/3 dân số", "2-3 lần", "3.5" are not dates.
        if not pre and not has_year and not (sep in "/-" and _bare_ok(text, m)):
            return None
        if not has_year and sep in "-." and _measure_follows(text, m.end()):
            return None  # "mỗi ngày 2-3 lần"
    if kind in ("range_d", "range_words") and not pre:
        return None
    if kind == "day_words_bare" and not _bare_words_ok(text, m):
        return None
    if g["pre"].rstrip().endswith(",") and _relative_pre(g["pre"]) and not _APPOSITION_END.match(text, m.end()):
        return None  # "Chiều nay, 26/4, ..." names the day; "Hôm nay, 1/3 dân số" does not
    if kind == "range_d" and _measure_follows(text, m.end()):
        return None
    if kind == "relative":
        phrase = " ".join(g["rel"].lower().split())
        unit, offset = _relative_table().get(phrase, (None, 0))
        if unit is None:
            return None
        # the word before, on the same line: "GMT+7" ending the dateline is not a count
        prev = text[max(0, m.start() - 12):m.start()].rsplit("\n", 1)[-1].split()
        if prev and (prev[-1][-1:].isdigit() or prev[-1].lower() in word_set("count_words.txt")):
            return None  # "hai năm trước": a duration
        return _Parsed(m.start(), m.end(), kind, unit=unit, offset=offset)
    p = _Parsed(m.start(), m.end(), {
        "range_dm": "range", "range_d": "range", "range_words": "range", "day": "day",
        "day_words": "day", "day_words_bare": "day", "month": "month", "month_bare": "month", "period": "period", "year": "year",
    }[kind], d=_int_of(g, "d"), m=_int_of(g, "m"), y=_int_of(g, "y"), d2=_int_of(g, "d2"), m2=_int_of(g, "m2"),
        y2=_int_of(g, "y2"))
    if g["pre"].rstrip().endswith("(") and text[p.end:p.end + 1] == ")":
        p.end += 1  # "sáng nay (28/10)": the expression closes its bracket
    if kind in ("range_d", "range_words"):
        p.m = p.m2
    if kind == "period" and p.y2 is not None and not (p.y < p.y2 <= p.y + 10):
        return None
    if p.kind in ("day", "range"):
        try:
            dt.date(p.y or 2000, p.m, p.d)  # 2000 is a leap year: 29/2 stays possible
            if p.kind == "range":
                dt.date(p.y2 or 2000, p.m2, p.d2)
        except ValueError:
            return None
    return p


# --------------------------------------------------------------------------- resolution

@dataclass(slots=True)
class Anchor:
    """What a date without a year is resolved against: the publication date, or a guessed year."""
    year: int | None
    month: int | None = None
    day: int | None = None
    from_guess: bool = False  # only the year is known; "hôm nay" stays unresolved

    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:  # an impossible anchor (31/4) resolves like one without a day
            return None


def parse_iso(value: str | None) -> tuple[int | None, int | None, int | None]:
    """"2024-03-22" -> (2024, 3, 22); "2018-04" -> (2018, 4, None); junk -> (None, None, None)."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m:
        return None, None, None
    return tuple(int(x) if x else None for x in m.groups())  # type: ignore[return-value]


def _year_for(month: int, day: int | None, anchor: Anchor) -> int | None:
    """The year of a day-month without one: the anchor's, or the year before if far ahead."""
    if anchor.year is None:
        return None
    ref = anchor.date()
    if ref is not None and day is not None:
        try:
            cand = dt.date(anchor.year, month, day)
        except ValueError:  # 29/2 outside a leap year
            return anchor.year
        return anchor.year - 1 if (cand - ref).days > FUTURE_DAYS else anchor.year
    if anchor.month is not None and month - anchor.month > FUTURE_DAYS // 30:
        return anchor.year - 1
    return anchor.year


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _resolve(p: _Parsed, anchor: Anchor, text: str) -> list[TimeExpression]:
    def te(start: int, end: int, date: str | None, end_date: str | None = None,
           relative: bool = False, known: bool = True) -> TimeExpression:
        return TimeExpression(start, end, text[start:end], date, end_date, relative, known)

    if p.kind == "year":
        if p.y2 is not None:  # "năm 2022 và 2023": two years
            cut = p.end - len(str(p.y2))
            return [te(p.start, p.start + text[p.start:cut].rfind(str(p.y)) + 4, _iso(p.y)), te(cut, p.end, _iso(p.y2))]
        return [te(p.start, p.end, _iso(p.y))]
    if p.kind == "period":
        return [te(p.start, p.end, _iso(p.y), _iso(p.y2))]
    if p.kind == "month":
        if p.y is not None:
            return [te(p.start, p.end, _iso(p.y, p.m))]
        y = _year_for(p.m, None, anchor)
        return [te(p.start, p.end, _iso(y, p.m) if y else None, None, True, y is not None)]
    if p.kind == "day":
        if p.y is not None:
            return [te(p.start, p.end, _iso(p.y, p.m, p.d))]
        y = _year_for(p.m, p.d, anchor)
        return [te(p.start, p.end, _iso(y, p.m, p.d) if y else None, None, True, y is not None)]
    if p.kind == "range":
        relative = p.y2 is None
        y2 = p.y2 if p.y2 is not None else _year_for(p.m2, p.d2, anchor)
        if y2 is None:
            return [te(p.start, p.end, None, None, True, False)]
        y1 = p.y if p.y is not None else (y2 if (p.m, p.d) <= (p.m2, p.d2) else y2 - 1)
        try:
            d1, d2 = dt.date(y1, p.m, p.d), dt.date(y2, p.m2, p.d2)
        except ValueError:
            return []
        if d1 > d2 or (d2 - d1).days > MAX_RANGE_DAYS:
            return []  # two separate dates, found again below as single days
        return [te(p.start, p.end, d1.isoformat(), d2.isoformat(), relative)]
    if p.kind == "relative":
        if p.unit == "year":
            ok = anchor.year is not None
            return [te(p.start, p.end, _iso(anchor.year + p.offset) if ok else None, None, True, ok)]
        if p.unit == "month":
            if anchor.year is None or anchor.month is None:
                return [te(p.start, p.end, None, None, True, False)]
            idx = anchor.year * 12 + anchor.month - 1 + p.offset
            return [te(p.start, p.end, _iso(idx // 12, idx % 12 + 1), None, True)]
        ref = anchor.date()
        if ref is None or anchor.from_guess:
            return [te(p.start, p.end, None, None, True, False)]
        return [te(p.start, p.end, (ref + dt.timedelta(days=p.offset)).isoformat(), None, True)]
    return []


def text_spans(article: Article) -> list[tuple[int, int]]:
    """(start, end) of the title, body and caption blocks; the whole text before cleaning."""
    if not article.blocks:
        return [(0, len(article.text))]
    return [(b.start, b.end) for b in article.blocks if b.kind in TEXT_KINDS]


def parse_times(article: Article) -> list[_Parsed]:
    """The time expressions of the title, body and caption blocks, not yet resolved."""
    match = article.match or article.text
    low = exact_lower(article) if match is article.match else None  # (the page lowered once, shared)
    fast = _lowered() if low is not None else None
    lowered = fast is not None and not any(c in match for c in fast[2])
    return [p for start, end in text_spans(article) for p in _parse_block(article.text, match, start, end, low, lowered)]


def find_times(article: Article, anchor: Anchor, parsed: list[_Parsed] | None = None) -> list[TimeExpression]:
    """Time expressions of the article's title, body and caption blocks, resolved against `anchor`."""
    match = article.match or article.text
    out: list[TimeExpression] = []
    for p in parse_times(article) if parsed is None else parsed:
        resolved = _resolve(p, anchor, article.text)
        if not resolved and p.kind == "range":
            resolved = _split_range(p, anchor, article.text, match)
        out.extend(resolved)
    return out


def _split_range(p: _Parsed, anchor: Anchor, text: str, match: str) -> list[TimeExpression]:
    """A "range" that is not one ("13/5/1955 - 13/5/2025"): its two ends as single days."""
    out: list[TimeExpression] = []
    for m in _patterns()["day"].finditer(match, p.start, p.end):
        q = _from_match("day", m, text)
        if q is not None:
            out.extend(_resolve(q, anchor, text))
    return out

