"""The year of an article whose page states no publication date, from its content.

Evidence (each gives a weight to one year or a span of years):
- full dates written in the text ("ngày 28/2/2023"): the latest one;
- years named in the text ("năm 2024", "tháng 12/2023"): the latest one, and
  the two years after it (news looks back at the recent past);
- anchors from data/anchors.tsv: party congresses ("3 năm triển khai Nghị
  quyết Đại hội XIII"), anniversaries ("75 năm thiết lập quan hệ ngoại giao"
  with China), UN General Assembly sessions ("khóa 78"), new terms, plans;
- terms of office: a person from the name table (people.tsv, positions.tsv)
  named with a title they held; checked at the month of the article's lead
  date ("Sáng 8/1") when it has one.
The year with the highest total wins; `confidence` is its share of a softmax
over the candidate years, so evidence that splits between years gives a low
confidence. The lead extractor uses a guess only at `YEAR_GUESS_THRESHOLD`.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass

from ngoaigiao.annotate.dates import Anchor, find_times, text_spans
from ngoaigiao.article import Article, TimeExpression, YearGuess
from ngoaigiao.data import load_lines, load_tsv
from ngoaigiao.textnorm import key

YEAR_GUESS_THRESHOLD = 0.5
TIE_CONFIDENCE = 0.3
NAMED_YEAR_PROFILE = (0.6, 0.3, 0.1)  # weight for the latest named year, the next, the one after
NAMED_MONTH_PROFILE = (0.35, 0.35, 0.15)
SOFTMAX_SCALE = 2.0  # how sharply one more unit of evidence separates two years
_TARGET_WORDS = re.compile(r"(?:đến|tới|tầm\s+nhìn|trước|hướng\s+tới|mục\s+tiêu)\s+(?:năm\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class Evidence:
    lo: int  # first month supported, as year * 12 + month - 1
    hi: int  # last month supported
    weight: float
    reason: str


def _years(lo_year: int, hi_year: int) -> tuple[int, int]:
    return lo_year * 12, hi_year * 12 + 11


# --------------------------------------------------------------------------- evidence: dates in the text

@functools.cache
def _future_re() -> re.Pattern[str]:
    words = sorted(load_lines("future_markers.txt"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


def _in_future(article: Article, start: int) -> bool:
    """A future marker earlier in the same sentence ("Hướng tới năm 2025 khi ...")."""
    text = article.match or article.text
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 300)
    return bool(_future_re().search(text, max(lo, 0), start))


def _date_evidence(article: Article, times: list[TimeExpression]) -> list[Evidence]:
    out: list[Evidence] = []
    times = [t for t in times if not _in_future(article, t.start)]
    full = [t for t in times if t.date and len(t.date) == 10 and not t.relative]
    if full:
        best = max(full, key=lambda t: (t.end_date or t.date))
        y = int((best.end_date or best.date)[:4])
        out.append(Evidence(*_years(y, y), 1.0, f"full date '{best.text}'"))
    named = [t for t in times if t.date and len(t.date) in (4, 7) and not t.relative
             and not (len(t.date) == 4 and t.end_date)  # periods: see the "plan" anchors
             and not _TARGET_WORDS.search(article.match[max(0, t.start - 20):t.start])]
    # "năm 2024" is mostly the current year or the one before; "tháng 11/2023"
    # mostly recalls a past month, so it only says "this year or soon after".
    for size, profile in ((4, NAMED_YEAR_PROFILE), (7, NAMED_MONTH_PROFILE)):
        group = [t for t in named if len(t.date) == size]
        if group:
            best = max(group, key=lambda t: t.date)
            y = int(best.date[:4])
            for k, w in enumerate(profile):
                out.append(Evidence(*_years(y + k, y + k), w, f"latest {'year' if size == 4 else 'month'} named '{best.text}'"))
    return out


# --------------------------------------------------------------------------- evidence: anchors

@functools.cache
def _anchor_rows() -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    rows = load_tsv("anchors.tsv")
    macros = {r["base"]: r["pattern"] for r in rows if r["kind"] == "macro"}
    out = []
    for r in rows:
        if r["kind"] == "macro":
            continue
        pat = r["pattern"]
        for name, body in macros.items():
            pat = pat.replace("{" + name + "}", body)
        out.append((re.compile(pat, re.IGNORECASE), r))
    return tuple(out)


@functools.cache
def _congress_year(number: int, tail: str) -> int | None:
    rows = [r for r in load_tsv("congresses.tsv") if int(r["number"]) == number]
    marked = [r for r in rows if r["marker"] and re.search(r["marker"], tail, re.IGNORECASE)]
    plain = [r for r in rows if not r["marker"]]
    pick = marked or plain or rows
    return int(pick[0]["year"]) if pick else None


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


def _anchor_evidence(article: Article, spans: list[tuple[int, int]]) -> list[Evidence]:
    text = article.match or article.text
    out: list[Evidence] = []
    taken: set[int] = set()  # match starts already used: first row wins at a place
    by_pattern: dict[str, list[tuple[re.Pattern[str], dict[str, str]]]] = {}
    for pat, row in _anchor_rows():
        by_pattern.setdefault(row["pattern"], []).append((pat, row))
    for group in by_pattern.values():
        pat, row = group[0]
        if len(group) > 1 or row["requires"]:
            row = _pick_by_requires(group, text, spans)
            if row is None:
                continue
        for start, end in spans:
            for m in pat.finditer(text, start, end):
                if m.start() in taken:
                    continue
                ev = _anchor_to_evidence(m, row, article.text)
                if ev is not None and _in_future(article, m.start()):
                    ev.weight *= 0.3
                    ev.reason += " (future)"
                if ev is not None:
                    taken.add(m.start())
                    out.append(ev)
    return out


def _pick_by_requires(group, text: str, spans) -> dict[str, str] | None:
    best, best_n = None, 0
    for _pat, row in group:
        if not row["requires"]:
            return row
        req = re.compile(row["requires"], re.IGNORECASE)
        n = sum(len(req.findall(text, s, e)) for s, e in spans)
        if n > best_n:
            best, best_n = row, n
    return best


def _anchor_to_evidence(m: re.Match[str], row: dict[str, str], text: str) -> Evidence | None:
    g = m.groupdict()
    if g.get("congress"):
        number = _roman(g["congress"])
        base = _congress_year(number, g.get("party") or "") if number else None
    elif g.get("y"):
        base = int(g["y"])
    else:
        base = int(row["base"]) if row["base"] else None
    if base is None:
        return None
    if g.get("n"):
        base += int(g["n"])
    lo_off, _, hi_off = row["offset"].partition(":")
    lo = base + int(lo_off or 0)
    hi = base + int(hi_off) if hi_off else lo
    phrase = " ".join(text[m.start():m.end()].split())
    if len(phrase) > 80:
        phrase = phrase[:77] + "..."
    span = f"{lo}" if lo == hi else f"{lo}-{hi}"
    return Evidence(*_years(lo, hi), float(row["weight"]), f"{row['kind']} '{phrase}' -> {span}")


# --------------------------------------------------------------------------- evidence: terms of office

@functools.cache
def _term_table() -> tuple[tuple[str, tuple[tuple[str, int, int], ...]], ...]:
    """(name, ((title key, first month, last month), ...)) for each person of the name table."""
    try:
        from ngoaigiao.names import table  # the names helper's loader, when it exists
        people, positions = table.people(), table.positions()
    except Exception:  # noqa: BLE001 - loader absent or different: read the files directly
        people, positions = load_tsv("people.tsv"), load_tsv("positions.tsv")
    names = {}
    for p in people:
        pid = p.get("id") or p.get("person_id")
        if pid and p.get("name"):
            names[pid] = p["name"]
    terms: dict[str, list[tuple[str, int, int]]] = {}
    now = dt.date.today()
    for row in positions:
        pid, title = row.get("person_id"), row.get("title")
        lo = _month_index(row.get("start"), first=True)
        hi = _month_index(row.get("end"), first=False) or now.year * 12 + now.month - 1
        if pid in names and title and lo is not None:
            terms.setdefault(names[pid], []).append((key(title), lo, hi))
    return tuple((name, tuple(t)) for name, t in terms.items())


def _month_index(value: str | None, first: bool) -> int | None:
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?", value or "")
    if not m:
        return None
    month = int(m.group(2)) if m.group(2) else (1 if first else 12)
    return int(m.group(1)) * 12 + month - 1


_STOP_BEFORE = re.compile(r"(?:\.\s|;|\s+và\s+|\s+với\s+|\s+tiếp\s+|\s+gặp\s+)", re.IGNORECASE)
_STOP_AFTER = re.compile(r"(?:\.(?:\s|$)|;|\s+và\s+|\s+với\s+|\s+đã\s+|\s+cùng\s+)", re.IGNORECASE)


@functools.cache
def _new_in_office() -> tuple[str, ...]:
    return tuple(key(w) for w in load_lines("new_in_office.txt"))


def _term_evidence(article: Article, spans: list[tuple[int, int]], month: int | None, terms=None) -> list[Evidence]:
    table = _term_table() if terms is None else terms
    text = article.match or article.text
    out: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    for name, positions in table:
        name_re = re.compile(r"(?<!\w)" + re.escape(key(name)) + r"(?!\w)")
        for start, end in spans:
            bl = text[start:end].lower()
            for m in name_re.finditer(bl):
                before = bl[max(0, m.start() - 200):m.start()]
                cut = list(_STOP_BEFORE.finditer(before))
                if cut:
                    before = before[cut[-1].end():]
                after = bl[m.end():m.end() + 200]
                if not re.match(r"\s*[,(–-]", after):
                    after = ""
                cut_a = _STOP_AFTER.search(after)
                if cut_a:
                    after = after[:cut_a.start()]
                window = key(before + " | " + after)
                fresh = any(w in window or w in key(bl[m.end():m.end() + 80]) for w in _new_in_office())
                for tk, lo, hi in positions:
                    if (name, tk) in seen or not _has_title(window, tk):
                        continue
                    seen.add((name, tk))
                    out.extend(_term_to_evidence(name, tk, lo, hi, month, fresh))
    return out


def _has_title(window: str, title_key: str) -> bool:
    """The title is in the window, not as part of a deputy's or a former holder's title."""
    for m in re.finditer(r"(?<!\w)" + re.escape(title_key) + r"(?!\w)", window):
        prev = window[:m.start()].split()
        if prev and prev[-1] in ("phó", "nguyên", "cựu", "cố"):
            continue
        return True
    return False


def _term_to_evidence(name: str, title: str, lo: int, hi: int, month: int | None, fresh: bool) -> list[Evidence]:
    span = f"{lo // 12}-{lo % 12 + 1:02d}..{hi // 12}-{hi % 12 + 1:02d}"
    out = []
    if month is not None:
        years = [y for y in range(lo // 12, hi // 12 + 1) if lo <= y * 12 + month - 1 <= hi]
        if not years:
            return []
        out.append(Evidence(*_years(years[0], years[-1]), 1.0,
                            f"term '{title}' {name} {span} (lead date in month {month})"))
    else:
        out.append(Evidence(lo, hi, 1.0, f"term '{title}' {name} {span}"))
    if fresh:
        out.append(Evidence(*_years(lo // 12, lo // 12), 0.8, f"{name} new in office as '{title}'"))
    return out


# --------------------------------------------------------------------------- combining

def _lead_month(times: list[TimeExpression], article: Article) -> int | None:
    """Month of the first day-month written without a year (the news day, usually)."""
    for t in times:
        if not t.year_known:
            nums = re.findall(r"(?<!\d)\d{1,2}(?!\d)", t.text)  # "8/1", "8-10/1", "ngày 23 tháng 8": the last
            if nums and 1 <= int(nums[-1]) <= 12:
                return int(nums[-1])
    return None


def combine(evidence: list[Evidence]) -> YearGuess:
    if not evidence:
        return YearGuess(None, 0.0, "no evidence of the year in the text")
    scores: dict[int, float] = {}
    for e in evidence:
        for y in range(e.lo // 12, e.hi // 12 + 1):
            scores[y] = scores.get(y, 0.0) + e.weight
    ranked = sorted(scores, key=lambda y: (scores[y], y), reverse=True)
    best, top = ranked[0], scores[ranked[0]]
    z = sum(math.exp(SOFTMAX_SCALE * (s - top)) for s in scores.values())
    conf = 1.0 / z
    # one weak clue alone is never sure, however alone it is
    conf = min(conf, 0.95, 0.35 + 0.5 * top)
    if len(ranked) > 1 and scores[ranked[1]] >= top - 0.05:
        conf = min(conf, TIE_CONFIDENCE)  # two years as likely: the text does not fix it
    used = list(dict.fromkeys(e.reason for e in evidence if e.lo // 12 <= best <= e.hi // 12))
    against = [r for r in dict.fromkeys(e.reason for e in evidence if not (e.lo // 12 <= best <= e.hi // 12))
               if r not in used]
    reason = "; ".join(used)
    if against:
        reason += " | against: " + "; ".join(against)
    return YearGuess(best, round(conf, 3), reason)


def infer_year(article: Article, terms=None) -> YearGuess:
    """The year the article's content fixes, with a confidence in [0, 1] and the reasons.

    `terms` replaces the name table: ((name, ((title, first_month, last_month), ...)), ...)
    with months as year * 12 + month - 1 (see `term`).
    """
    spans = text_spans(article)
    times = find_times(article, Anchor(None))
    evidence = _date_evidence(article, times)
    evidence += _anchor_evidence(article, spans)
    evidence += _term_evidence(article, spans, _lead_month(times, article), terms)
    return combine(evidence)


def term(name: str, *positions: tuple[str, str, str | None]) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """One person for `infer_year(terms=...)`: term("Tô Lâm", ("Tổng Bí thư", "2024-08", None))."""
    now = dt.date.today()
    rows = []
    for title, start, end in positions:
        hi = _month_index(end, first=False) if end else now.year * 12 + now.month - 1
        rows.append((key(title), _month_index(start, first=True), hi))
    return name, tuple(rows)


def guess_year(article: Article) -> Article:
    """Set `article.year_guess`: the publication year when known, else `infer_year`."""
    pub = re.match(r"^(\d{4})", article.published or "")
    if pub:
        article.year_guess = YearGuess(int(pub.group(1)), 1.0, f"publication date {article.published}")
    else:
        article.year_guess = infer_year(article)
    return article
