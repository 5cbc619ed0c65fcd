"""The year of an article whose page states no publication date, from its content.

Each clue is a piece of evidence: a spread of probability over years and a
reliability r (how often a clue of its kind is right):
- full dates written in the text ("ngày 28/2/2023"): the latest one;
- years named in the text ("năm 2024"): the latest one, or the next year or
  the one after (news looks back at the recent past); a named month
  ("tháng 11/2023") says less: it is mostly recalled;
- anchors from data/anchors.tsv: party congresses ("3 năm triển khai Nghị
  quyết Đại hội XIII"), anniversaries ("75 năm thiết lập quan hệ ngoại giao"
  with China), UN General Assembly sessions ("khóa 78"), new terms, plans;
- terms of office: a person of the name table (ngoaigiao.names.table) named
  with a title they held, at the month of the article's lead date ("Sáng
  8/1") when it has one; "vừa được bổ nhiệm" points at the term's first year.
A clue's likelihood for year y is r * p(y) + (1 - r) * FLOOR; the product
over clues, normalised over the years near any clue, gives the posterior.
The guess is its best year and the confidence its posterior (at most 0.95; two years nearly tied give at
most TIE_CONFIDENCE). Clues in the future tense ("Hướng tới năm 2025 khi...")
count for little. Only title, body and caption blocks are read.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass

from ngoaigiao.annotate.dates import Anchor, _lower_pattern, extra_case_chars, find_times, text_spans
from ngoaigiao.article import Article, TimeExpression, YearGuess
from ngoaigiao.data import load_lines, load_tsv
from ngoaigiao.extract import lexicon
from ngoaigiao.textnorm import key

YEAR_GUESS_THRESHOLD = 0.5  # recommended: dates are resolved with a guess at or above this
MAX_CONFIDENCE = 0.95
TIE_CONFIDENCE = 0.3
FIRST_YEAR = 1945  # the years a clue can be about: FIRST_YEAR .. this year + 1
FLOOR = 0.1  # likelihood of a year a clue does not point at, if the clue is wrong
MARGIN = 2  # years on each side of the clues' years that are candidates too

R_FULL_DATE = 0.9
R_NAMED_YEAR, NAMED_YEAR_PROFILE = 0.85, (0.65, 0.25, 0.1)  # latest named year, the next, the one after
R_NAMED_MONTH, NAMED_MONTH_PROFILE = 0.5, (0.4, 0.4, 0.2)
R_TERM = 0.5  # the table or the title match may be wrong
R_NEW_IN_OFFICE = 0.6
FUTURE_FACTOR = 0.6  # reliability kept by a clue in the future tense

_WORD = re.compile(r"\w+")


@functools.cache
def _target_words() -> re.Pattern[str]:
    words = sorted(load_lines("target_year_words.txt"), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<!\w)(?:{alt})\s+(?:năm\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class Evidence:
    years: dict[int, float]  # probability spread over years (sums to 1)
    r: float  # reliability
    reason: str


def _uniform(lo: int, hi: int) -> dict[int, float]:
    return {y: 1.0 / (hi - lo + 1) for y in range(lo, hi + 1)}


def _profile(first: int, profile: tuple[float, ...]) -> dict[int, float]:
    return {first + k: w for k, w in enumerate(profile)}


def _span(years: dict[int, float]) -> str:
    lo, hi = min(years), max(years)
    return f"{lo}" if lo == hi else f"{lo}-{hi}"


# --------------------------------------------------------------------------- evidence: dates in the text

@functools.cache
def _future_re() -> re.Pattern[str]:
    words = sorted(load_lines("future_markers.txt"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


def _in_future(article: Article, start: int) -> bool:
    """A future marker earlier in the same sentence ("Hướng tới năm 2025 khi ...")."""
    text = article.match or article.text
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 300, 0)
    return bool(_future_re().search(text, lo, start))


@functools.cache
def _recalled_re() -> re.Pattern[str]:
    lines = load_lines("recalled_date_cues.txt")

    def alt(words):
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) or "(?!)"
    near = [w for w in lines if not w.endswith("|0")]  # a few words may come between cue and date
    next_to = [w[:-2].strip() for w in lines if w.endswith("|0")]  # right before the date only
    return re.compile(rf"(?<!\w)(?:(?:{alt(near)})(?:\s+\w+){{0,4}}|(?:{alt(next_to)}))\s*\(?\s*(?:vào\s+)?$", re.IGNORECASE)


RECALL_REACH = 60  # characters before a date searched for a recalled-milestone cue


def _recalled(article: Article, start: int) -> bool:
    """A milestone recalled right before the date ("thiết lập quan hệ ngoại giao ngày
    18/1/1950"): the date is history, not the article's time (data/recalled_date_cues.txt)."""
    text = article.match or article.text
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind(",", 0, start), start - RECALL_REACH, 0)
    return bool(_recalled_re().search(text[lo:start]))


def _date_evidence(article: Article, times: list[TimeExpression]) -> list[Evidence]:
    out: list[Evidence] = []
    times = [t for t in times if not _in_future(article, t.start) and not _recalled(article, t.start)]
    full = [t for t in times if t.date and len(t.date) == 10 and not t.relative]
    if full:
        # (the times kept here all have a date)
        best = max(full, key=lambda t: t.end_date or t.date)  # type: ignore[arg-type, return-value]
        y = int((best.end_date or best.date)[:4])  # type: ignore[index]
        out.append(Evidence({y: 1.0}, R_FULL_DATE, f"full date '{best.text}'"))
    named = [t for t in times if t.date and len(t.date) in (4, 7) and not t.relative
             and not (len(t.date) == 4 and t.end_date)  # periods: see the "plan" anchors
             and not _target_words().search(article.match[max(0, t.start - 20):t.start])]
    for size, r, profile, what in ((4, R_NAMED_YEAR, NAMED_YEAR_PROFILE, "year"),
                                   (7, R_NAMED_MONTH, NAMED_MONTH_PROFILE, "month")):
        group = [t for t in named if len(t.date) == size]  # type: ignore[arg-type]
        if group:
            best = max(group, key=lambda t: t.date)  # type: ignore[arg-type, return-value]
            out.append(Evidence(_profile(int(best.date[:4]), profile), r, f"latest {what} named '{best.text}'"))  # type: ignore[index]
    return out


# --------------------------------------------------------------------------- evidence: anchors

@functools.cache
def _anchor_rows() -> tuple[tuple[re.Pattern[str], tuple[dict[str, str], ...]], ...]:
    """Compiled anchor patterns, each with its rows (several when `requires` picks among them)."""
    rows = load_tsv("anchors.tsv")
    macros = {r["base"]: r["pattern"] for r in rows if r["kind"] == "macro"}
    grouped: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        if r["kind"] != "macro":
            grouped.setdefault(r["pattern"], []).append(r)
    out = []
    for pattern, group in grouped.items():
        for name, body in macros.items():
            pattern = pattern.replace("{" + name + "}", body)
        out.append((re.compile(_digit_first(pattern), re.IGNORECASE), tuple(group)))
    return tuple(out)


# "(?P<n>\d{1,3})" opening a pattern, compiled as "(?P<n>\d\d{0,2})": the same matches, but a
# pattern that opens with a character class lets `re` skip in C to the next digit, where one
# that opens with a repeat is tried at every character of the text.
_LEADING_DIGITS = re.compile(r"^\(\?P<(\w+)>\\d\{1,([2-9])\}\)")


def _digit_first(pattern: str) -> str:
    m = _LEADING_DIGITS.match(pattern)
    if m is None:
        return pattern
    return f"(?P<{m.group(1)}>\\d\\d{{0,{int(m.group(2)) - 1}}})" + pattern[m.end():]


@functools.cache
def _congress_year(number: int, tail: str) -> int | None:
    rows = [r for r in load_tsv("congresses.tsv") if int(r["number"]) == number]
    marked = [r for r in rows if r["marker"] and re.search(r["marker"], tail, re.IGNORECASE)]
    pick = marked or [r for r in rows if not r["marker"]] or rows
    return int(pick[0]["year"]) if pick else None


@functools.cache
def _legislature_year(number: int, words: str) -> int | None:
    """The first year of term `number` of the legislature the anchor's words name."""
    for r in load_tsv("legislatures.tsv"):
        if int(r["number"]) == number and re.search(r["marker"], words, re.IGNORECASE):
            return int(r["year"])
    return None


def _roman(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    vals = {"I": 1, "V": 5, "X": 10, "L": 50}
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = vals.get(ch)
        if v is None:
            return None
        total, prev = (total - v, prev) if v < prev else (total + v, v)
    return total


REQUIRES_SCOPE = 20_000  # characters of the article's text in which `requires` is counted


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@functools.cache
def _compiled_lower(pattern: str) -> re.Pattern[str]:
    """`pattern` (no upper-case escapes: country names, \\s, look-aheads) for the page's lower case:
    matched case-sensitively, re can skip in C to its first letter instead of trying every place."""
    return re.compile(pattern.lower())


def _pick_by_requires(group: tuple[dict[str, str], ...], text: str, spans, lowered: bool = False) -> dict[str, str] | None:
    """The row whose `requires` occurs most in the article (a row without one always applies);
    `lowered`: `text` is the page's lower case."""
    best, best_n = None, 0
    scoped, room = [], REQUIRES_SCOPE
    for s, e in spans:  # the partner country shows in the lead: no need to count a whole book
        if room <= 0:
            break
        scoped.append((s, min(e, s + room)))
        room -= e - s
    for row in group:
        if not row["requires"]:
            return row
        req = _compiled_lower(row["requires"]) if lowered else _compiled(row["requires"])
        n = sum(len(req.findall(text, s, e)) for s, e in scoped)
        if n > best_n:
            best, best_n = row, n
    return best


ANCHOR_REACH = 260  # an anchor phrase lies within this many characters of its hint


def _hint_windows(low: str, spans: list[tuple[int, int]], hint: str) -> list[tuple[int, int]]:
    """Stretches of the spans around each occurrence of `hint` (all of them when there is none)."""
    if not hint:
        return spans
    out: list[tuple[int, int]] = []
    for start, end in spans:
        pos = low.find(hint, start, end)
        while pos != -1:
            lo, hi = max(start, pos - ANCHOR_REACH), min(end, pos + len(hint) + ANCHOR_REACH)
            if out and lo <= out[-1][1] and out[-1][0] >= start:
                out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
            pos = low.find(hint, pos + len(hint), end)
    return out


def _lower(article: Article, text: str) -> str:
    """`text.lower()`; made once per article when `text` is its match form (the anchors, the
    terms of office and the persons stage all search it)."""
    return lexicon.match_lower(article) if text is article.match else text.lower()


def _anchor_evidence(article: Article, spans: list[tuple[int, int]], month: int | None = None) -> list[Evidence]:
    text = article.match or article.text
    out: list[Evidence] = []
    taken: set[int] = set()  # match starts already used: the first pattern wins at a place
    low = _lower(article, text)
    low = low if len(low) == len(text) else text
    windows: dict[str, list[tuple[int, int]]] = {}  # many patterns share a hint
    for pat, group in _anchor_rows():
        hint = group[0].get("hint", "")
        if hint not in windows:
            windows[hint] = _hint_windows(low, spans, hint)
        matches = [m for start, end in windows[hint] for m in pat.finditer(text, start, end)]
        row = _pick_by_requires(group, low, spans, lowered=low is not text) if matches else None
        if row is None:
            continue
        for m in matches:
            ev = None if m.start() in taken else _anchor_to_evidence(m, row, article.text, month)
            if ev is None:
                continue
            taken.add(m.start())
            if _in_future(article, m.start()):  # "sẽ kỷ niệm 75 năm...": this year or the next
                lo = min(ev.years)
                ev.years, ev.r = {lo - 1: 0.6, lo: 0.4}, ev.r * FUTURE_FACTOR
                ev.reason += f" (future: {lo - 1}-{lo})"
            out.append(ev)
    return out


def _anchor_to_evidence(m: re.Match[str], row: dict[str, str], text: str, month: int | None) -> Evidence | None:
    g = m.groupdict()
    since = None  # "2021-07": the years only count from that month on (checked at the lead month)
    if g.get("congress"):
        number = _roman(g["congress"])
        base = _congress_year(number, g.get("party") or "") if number else None
    elif g.get("legislature"):
        number = _roman(g["legislature"])
        base = _legislature_year(number, m.group(0)) if number else None
    elif g.get("y"):
        base = int(g["y"])
        if row["kind"] == "new_year" and month is not None and month >= 11:
            base -= 1  # "chúc mừng năm mới 2025" on 31/12: the greetings come before the year
    else:
        since = _month_index(row["base"], first=True) if "-" in row["base"] else None
        base = int(row["base"][:4]) if row["base"] else None
    if base is None:
        return None
    base += int(g["n"]) if g.get("n") else 0
    lo_off, _, hi_off = row["offset"].partition(":")
    lo = base + int(lo_off or 0)
    hi = base + int(hi_off) if hi_off else lo
    phrase = " ".join(text[m.start():m.end()].split())
    phrase = phrase if len(phrase) <= 80 else phrase[:77] + "..."
    if since is not None and month is not None:
        lo = min((y for y in range(lo, hi + 1) if y * 12 + month - 1 >= since), default=hi)
    years = _uniform(lo, hi)
    return Evidence(years, float(row["weight"]), f"{row['kind']} '{phrase}' -> {_span(years)}")


# --------------------------------------------------------------------------- evidence: terms of office

Term = tuple[str, int, int]  # (title key, first month, last month); months are year * 12 + month - 1


def _month_index(value: str | None, first: bool) -> int | None:
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?", value or "")
    if not m:
        return None
    month = int(m.group(2)) if m.group(2) else (1 if first else 12)
    return int(m.group(1)) * 12 + month - 1


def _now_month() -> int:
    today = dt.date.today()
    return today.year * 12 + today.month - 1


def term(name: str, *positions: tuple[str, str, str | None], aliases: tuple[str, ...] = ()):
    """One person for `infer_year(terms=...)`: term("Tô Lâm", ("Tổng Bí thư", "2024-08", None)).

    A two-word name in Latin letters is also looked for the other way round
    ("Shigeru Ishiba" / "Ishiba Shigeru"): the press writes both orders."""
    rows = []
    for title, start, end in positions:
        lo = _month_index(start, first=True)
        hi = _month_index(end, first=False) if end else _now_month()
        if lo is not None and hi is not None:
            rows.append((key(title), lo, hi))
    forms = [name, *aliases]
    forms += [" ".join(reversed(f.split())) for f in forms if len(f.split()) == 2 and f.isascii()]
    return tuple(dict.fromkeys(" ".join(_WORD.findall(key(n))) for n in forms)), name, tuple(rows)


@functools.cache
def _term_table() -> tuple:
    """Every person of the name table with their terms; empty when the table is absent."""
    try:
        from ngoaigiao.names import table
    except ImportError:  # the names package is optional for this stage
        return ()
    out = []
    for p in table.all_persons():
        positions = [(x["title"], x["start"], x["end"]) for x in table.positions_for(p["id"]) if x.get("start")]
        if positions:
            out.append(term(p["name"], *positions, aliases=tuple(p.get("aliases") or ())))
    return tuple(out)


@functools.cache
def _stops() -> re.Pattern[str]:
    words = sorted(load_lines("title_window_stops.txt"), key=len, reverse=True) + ["đồng chí", "ông", "bà"]
    return re.compile(rf"(?:\.(?:\s|$)|;|\s(?:{_by_first_letter(words)})(?=\s))", re.IGNORECASE)


@functools.cache
def _stops_lower() -> tuple[re.Pattern[str], str] | None:
    """`_stops()` for a true lower case, case-sensitive (an IGNORECASE word costs the engine a
    case fold per character tried), and the characters a text must not hold for it to find the
    same (see dates.extra_case_chars); None when not known."""
    odd = extra_case_chars(_stops())
    return None if odd is None else (re.compile(_lower_pattern(_stops().pattern)), odd)


def _by_first_letter(words: list[str]) -> str:
    """The alternation of `words` (spaces as \\s+, tried in the order given) grouped by first
    letter: after each space of a window one group is tried, not every word. Under IGNORECASE
    only one group can match at a place when no two first letters are one letter in any case
    (else the plain alternation); each keeps the order given, so the same word wins."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(re.escape(w[1:]).replace(r"\ ", r"\s+"))
    firsts = list(groups)
    if any(re.fullmatch(re.escape(a), b, re.IGNORECASE) for a in firsts for b in firsts if a != b):
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return "|".join(re.escape(c) + "(?:" + "|".join(rests) + ")" for c, rests in groups.items())


_SEGMENT = re.compile(r"\s*(?:,|\s[-–]\s|\(|\))\s*")


@functools.cache
def _not_the_holder() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lines("not_the_holder.txt"))


@functools.cache
def _new_in_office() -> re.Pattern[str]:
    words = sorted((key(w) for w in load_lines("new_in_office.txt")), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


_HONORIFIC_CUT = re.compile(r"\s(?:đồng\s+chí|ông|bà)")  # a stop that does not end the window


def _title_windows(low: str, start: int, end: int, stops: re.Pattern[str] | None = None) -> tuple[str, str]:
    """The text before a name back to the previous clause, and the apposition after it.
    `stops`: `_stops()` or its lower-case form when `low` is a true lower case (_stops_lower)."""
    stops = _stops() if stops is None else stops
    before = low[max(0, start - 200):start]
    cuts = [m for m in stops.finditer(before) if not _HONORIFIC_CUT.fullmatch(m.group())]
    if cuts:
        before = before[cuts[-1].end():]
    after = low[end:end + 200]
    if not re.match(r"\s*[,(–-]", after):
        return before, ""
    cut = stops.search(after)
    return before, after[:cut.start()] if cut else after


@functools.cache
def _country_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every country name of data/places.tsv (key form) and its ISO code."""
    names = {key(r["name"]): r["country"].lower() for r in load_tsv("places.tsv") if r.get("kind") == "country"}
    return re.compile(_whole_words_any(sorted(names, key=len, reverse=True))), names


def _whole_words_any(words: list[str]) -> str:
    r"""r"(?<!\w)(?:w1|w2|...)(?!\w)" for plain `words` (none empty; tried in the order given),
    written so that `re` skips in C to a character some word starts with: the words grouped by
    first character (at a place only that character's group can match, and it keeps the order
    given, so the same word wins) and the look-behind asked after that character."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    alts = [re.escape(c) + r"(?<!\w.)(?:" + "|".join(rests) + ")" for c, rests in groups.items()]
    return "(?:" + "|".join(alts) + r")(?!\w)"


@functools.lru_cache(maxsize=4096)
def same_country_words(text: str) -> str:
    """Country names written one way: "Tổng thống Hợp chúng quốc Hoa Kỳ" holds the name
    table's "Tổng thống Mỹ" (both become "tổng thống cc_us")."""
    pattern, names = _country_names()
    return pattern.sub(lambda m: "cc_" + names[m.group()], text)


@functools.lru_cache(maxsize=1024)  # the heads of the name table's titles: a few hundred
def _whole_words(phrase: str) -> re.Pattern[str]:
    """`phrase` as whole words (compiled once, not looked up in `re`'s cache at every segment)."""
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")


def _has_title(window: str, title_key: str) -> bool:
    """The title's words in order inside one segment of the chain ("Thủ tướng Lào" in
    "Thủ tướng Chính phủ nước Cộng hòa Dân chủ Nhân dân Lào"), its first two words
    together, and not a deputy's or former holder's title."""
    words = same_country_words(title_key).split()  # the window's country names are written so too
    head = " ".join(words[:2])
    for seg in _SEGMENT.split(window):
        if head not in seg:
            continue  # quick test: the pattern below needs the head as written
        for m in _whole_words(head).finditer(seg):
            prev = seg[:m.start()].split()
            if prev and prev[-1] in _not_the_holder():
                continue
            rest = [w.strip(".!?;:\"'“”") for w in seg[m.end():].split()]  # "Trung Quốc." ends a sentence
            i = 0
            for w in rest:
                if i < len(words) - 2 and w == words[2 + i]:
                    i += 1
            if i == len(words) - 2:
                return True
    return False


def _name_index(table) -> tuple[dict[str, list[tuple[str, tuple[Term, ...]]]], dict[str, list[int]]]:
    """Name forms (words joined by spaces) -> persons, and first word -> form lengths, longest first."""
    index: dict[str, list[tuple[str, tuple[Term, ...]]]] = {}
    firsts: dict[str, set[int]] = {}
    for forms, name, positions in table:
        for form in forms:
            words = _WORD.findall(form)
            if len(words) >= 2:  # one word is not a name we can trust
                index.setdefault(" ".join(words), []).append((name, positions))
                firsts.setdefault(words[0], set()).add(len(words))
    return index, {w: sorted(n, reverse=True) for w, n in firsts.items()}


@functools.cache
def _table_index():
    return _name_index(_term_table())


_UPPER = "".join(chr(c) for c in range(0x41, 0x1F00) if chr(c).isupper() and chr(c).isalpha())
# A run of capitalised words: the only place a name of the table can start ("Phạm Minh Chính").
# (No word character before its first letter: asked after that letter, so that the pattern
# opens with a character class and `re` skips in C to the next capital.)
_CAPITALISED_RUN = re.compile(rf"[{re.escape(_UPPER)}](?<!\w.)\w*(?:[ \t]+[{re.escape(_UPPER)}]\w*)+")


def _find_names(text: str, low: str, start: int, end: int, index, firsts):
    """(start, end, name, positions) of every table name in text[start:end], longest first."""
    for run in _CAPITALISED_RUN.finditer(text, start, end):
        if firsts.keys().isdisjoint(_WORD.findall(low, run.start(), run.end())):
            continue  # no word of the run starts a name of the table (most runs): a set test in C
        words = list(_WORD.finditer(low, run.start(), run.end()))
        i = 0
        while i < len(words):
            for n in firsts.get(words[i].group(), ()):
                hits = index.get(" ".join(w.group() for w in words[i:i + n])) if i + n <= len(words) else None
                if hits:
                    for name, positions in hits:
                        yield words[i].start(), words[i + n - 1].end(), name, positions
                    i += n - 1
                    break
            i += 1


def _term_evidence(article: Article, spans: list[tuple[int, int]], month: int | None, terms=None) -> list[Evidence]:
    index, firsts = _table_index() if terms is None else _name_index(terms)
    text = article.match or article.text
    low = _lower(article, text)
    low = low if len(low) == len(text) else text  # offsets must carry over
    fast = _stops_lower() if low is not text else None
    stops = fast[0] if fast is not None and not any(c in low for c in fast[1]) else _stops()
    out: list[Evidence] = []
    seen: set[tuple[str, ...]] = set()
    for start, end in spans:
        for n_start, n_end, name, positions in _find_names(text, low, start, end, index, firsts):
            before, after = _title_windows(low, n_start, n_end, stops)
            window = same_country_words(key(before) + " , " + key(after))
            near = same_country_words(key(low[max(start, n_start - 40):min(end, n_end + 100)]))
            fresh = bool(_new_in_office().search(near))
            for tk, lo, _hi in positions:
                if fresh and (name, tk, "new") not in seen and (_has_title(window, tk) or _has_title(near, tk)):
                    seen.add((name, tk, "new"))
                    out.append(Evidence({lo // 12: 1.0}, R_NEW_IN_OFFICE, f"{name} new in office as '{tk}'"))
            for tk in dict.fromkeys(t[0] for t in positions):
                if (name, tk) in seen or not _has_title(window, tk):
                    continue
                seen.add((name, tk))
                stints = [(lo, hi) for t, lo, hi in positions if t == tk]
                out.append(_term_to_evidence(name, tk, stints, month))
    return out


def _term_to_evidence(name: str, title: str, stints: list[tuple[int, int]], month: int | None) -> Evidence:
    """The years in which the person held the title (in the lead month, when known)."""
    years: set[int] = set()
    for lo, hi in stints:
        for y in range(lo // 12, hi // 12 + 1):
            if month is None or lo <= y * 12 + month - 1 <= hi:
                years.add(y)
    held = ", ".join(f"{lo // 12}-{lo % 12 + 1:02d}..{hi // 12}-{hi % 12 + 1:02d}" for lo, hi in stints)
    where = f" in month {month}" if month is not None else ""
    if not years:
        return Evidence({}, R_TERM, f"{name} was not '{title}'{where} ({held})")
    return Evidence({y: 1.0 / len(years) for y in sorted(years)}, R_TERM, f"{name} '{title}' {held}{where}")


# --------------------------------------------------------------------------- combining

def _lead_month(times: list[TimeExpression]) -> int | None:
    """Month of the first day or month written without a year (the news day, usually)."""
    for t in times:
        if not t.year_known:
            nums = re.findall(r"(?<!\d)\d{1,2}(?!\d)", t.text)  # "8/1", "8-10/1", "ngày 23 tháng 8": the last
            if nums and 1 <= int(nums[-1]) <= 12:
                return int(nums[-1])
    return None


def combine(evidence: list[Evidence], last_year: int | None = None) -> YearGuess:
    """One year, its posterior as confidence, and the reasons for and against."""
    # the same clue written twice ("75 năm" in the lead and in a caption) counts once
    evidence = list({(e.reason, tuple(sorted(e.years.items()))): e for e in evidence}.values())
    if not evidence:
        return YearGuess(None, 0.0, "no evidence of the year in the text")
    last_year = last_year or dt.date.today().year + 1
    pointed = [y for e in evidence for y in e.years]
    if not pointed:
        return YearGuess(None, 0.0, "; ".join(e.reason for e in evidence))
    universe = range(max(FIRST_YEAR, min(pointed) - MARGIN), max(last_year, max(pointed)) + MARGIN + 1)
    # A year no clue points at has the same likelihood under every clue, (1 - r) * FLOOR (the
    # same sum as below with p(y) = 0, term by term): computed once, not for each such year.
    unpointed = sum(math.log(e.r * 0.0 + (1 - e.r) * FLOOR) for e in evidence)
    pointed_set = set(pointed)
    log_post = {}
    for y in universe:
        log_post[y] = (sum(math.log(e.r * e.years.get(y, 0.0) + (1 - e.r) * FLOOR) for e in evidence)
                       if y in pointed_set else unpointed)
    top_log = max(log_post.values())
    post = {y: math.exp(v - top_log) for y, v in log_post.items()}  # in log space: no underflow
    total = sum(post.values())
    ranked = sorted(post, key=lambda y: (post[y], y), reverse=True)
    best = ranked[0]
    conf = min(MAX_CONFIDENCE, post[best] / total)
    if post[ranked[1]] >= 0.8 * post[best]:
        conf = min(conf, TIE_CONFIDENCE)  # two years about as likely: the text does not fix it
    used = [e.reason for e in evidence if best in e.years]
    against = [e.reason for e in evidence if best not in e.years and e.reason not in used]
    reason = "; ".join(dict.fromkeys(used)) or "nothing points at one year"
    if against:
        reason += " | against: " + "; ".join(dict.fromkeys(against))
    return YearGuess(best, round(conf, 3), reason)


def infer_year(article: Article, terms=None, parsed=None) -> YearGuess:
    """The year the article's content fixes, with a confidence in [0, 1] and the reasons.

    `terms` replaces the name table (tests, other tables): a sequence of `term(...)`;
    `parsed` is `dates.parse_times(article)` when the caller has it already.
    """
    spans = text_spans(article)
    times = find_times(article, Anchor(None), parsed)
    evidence = _date_evidence(article, times)
    month = _lead_month(times)
    evidence += _anchor_evidence(article, spans, month)
    evidence += _term_evidence(article, spans, month, terms)
    return combine(evidence)


def guess_year(article: Article, parsed=None) -> Article:
    """Set `article.year_guess`: the publication year when known, else `infer_year`."""
    pub = re.match(r"^(\d{4})", article.published or "")
    if pub:
        article.year_guess = YearGuess(int(pub.group(1)), 1.0, f"publication date {article.published}")
    else:
        article.year_guess = infer_year(article, parsed=parsed)
    return article
