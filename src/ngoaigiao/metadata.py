"""Metadata: publication date, URL, outlet and author of a page.

The publication date is chosen among *candidates*, never taken from a date in
a sentence ("Ngày 06/11/2025, ...") or in page furniture (related lists,
horoscopes, price tables: the cleaner marks those blocks):

- a ` date 2025-11-01` header at the very start of the page (strongest);
- a dateline: a short line that is mostly a date, possibly with a time,
  weekday, time zone, outlet or author ("26/04/2023 14:28",
  "PV - 15:27, 02/09/2024", "Thứ Sáu, ngày 23 tháng 08 năm 2019",
  "(H.V., Sở Ngoại vụ TPHCM, ngày 3-11-2008)", "Posted on: August 26, 2019");
- a date inside a source URL ("...-20240820191654027.htm", "/2022/11/02/",
  "t20190301_").

Several datelines may disagree (a site header shows the day the page was
saved). Each candidate is scored; a date is supported when the article's own
text names its year or its day and month, and the best total wins. Bare date
lines ("3-10-2017") on a listing page that carries several of them are
ambiguous and give nothing: `published` stays None rather than guessing.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlparse

from ngoaigiao.article import Article
from ngoaigiao.data import load_lines, load_tsv

_D = r"(?P<d>[0-3]?\d)"
_M = r"(?P<m>[01]?\d)"
_Y = r"(?P<y>(?:19|20)\d\d)"
# The same with "no digit, slash, dot or dash before it" (?<![\d/.-]), asked after the first
# digit: a pattern that opens with a character class lets `re` skip in C to the next digit,
# one that opens with a look-behind is tried at every character of the text. A day: its
# first digit, then a second one if the first is 0-3 (as [0-3]?\d tries them).
_D_ALONE = r"(?P<d>\d(?<![\d/.-]\d)(?:(?<=[0-3])\d)?)"
_Y_ALONE = r"(?P<y>(?:1(?<![\d/.-]1)9|2(?<![\d/.-]2)0)\d\d)"
# Date forms a dateline uses; each must yield d, m, y groups.
_DATE_FORMS = [
    re.compile(rf"{_D_ALONE}\s*[/.-]\s*{_M}\s*[/.-]\s*{_Y}(?![\d/])"),
    re.compile(rf"{_Y_ALONE}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])"),
    re.compile(rf"(?:ngày\s+)?{_D}\s+tháng\s+{_M}\s*(?:năm|,)?\s*{_Y}", re.I),  # "30 Tháng 12 2021"
]
# A month without a day ("Tháng 4/2018", "04/2018"), only on a line of its own.
_MONTH_FORMS = [
    re.compile(rf"^tháng\s+{_M}\s*(?:/|năm|,)\s*{_Y}$", re.I),
    re.compile(rf"^(?P<m>[01]?\d)\s*/\s*{_Y}$"),
]
_EN_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_EN_DATES = [
    re.compile(r"\b(?P<mon>[A-Z][a-z]+)\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>[A-Z][a-z]+)\.?,?\s+(?P<y>(?:19|20)\d\d)\b"),
]
_EN_MONTHS_SHORT = {k[:3]: v for k, v in _EN_MONTHS.items()}
# r"\b[0-2]?\d\s*[:h]..." with its \b asked after the first digit (see _D_ALONE: speed)
_TIME = re.compile(r"\d(?<!\w\d)(?:(?<=[0-2])\d)?\s*[:h]\s*[0-5]\d(?::[0-5]\d)?(?:\s*(?:AM|PM|am|pm))?\b")
_TZ = re.compile(r"\(?(?:GMT|UTC)\s*[+-]?\s*\d{1,2}(?::?\d\d)?\)?|[+-]\d\d:\d\d", re.I)
_HEADER = re.compile(r"\A\s*date\s+(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?\b")
_URL = re.compile(r"https?://[^\s\"'<>)\]]+")
_URL_DATES = [
    re.compile(r"[-_/](?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)[0-2]\d[0-5]\d[0-5]\d\d*(?:\.\w+)?(?:[?#]|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/"),
    re.compile(r"/t(?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)_"),
    re.compile(r"[-_/](?P<y>20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)[-_/.]"),
    re.compile(r"/(?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
]
_WORDS = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"((?:1(?<!\d1)9|2(?<!\d2)0)\d\d)(?!\d)")  # r"(?<!\d)((?:19|20)\d\d)(?!\d)" (see _D_ALONE)
_DOMAIN = re.compile(r"\b(?:[A-Za-z][A-Za-z0-9-]*\.)+(?:vn|com|net|org|cn|gov|info|eu|edu)\b")
_LEDE_TAG = re.compile(r"\(((?:[A-Za-z][A-Za-z0-9-]*\.)+(?:vn|com|net|org|cn))\)\s*[-–]")
_DAY_MONTH = re.compile(r"(\d(?<![\d/.-]\d)(?:(?<=[0-3])\d)?)\s*[/.-]\s*([01]?\d)(?![\d])")  # see _D_ALONE

MAX_DATELINE_CHARS = 120   # a dateline is a short line...
MAX_RESIDUE_WORDS = 9      # ...that says little besides the date (outlet, author, section)
MAX_BYLINE_WORDS = 20      # ...or a byline (several authors, a desk) that ends with the date and time


@dataclass(slots=True)
class DateCandidate:
    date: str
    start: int
    end: int
    kind: str      # "header" | "dateline" | "bare" | "url"
    score: float


def _iso(y: str | int, m: str | int, d: str | int | None) -> str | None:
    y, m = int(y), int(m)
    if not (1 <= m <= 12 and 1900 <= y <= 2100):
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    d = int(d)
    if not 1 <= d <= 31:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_dates(line: str) -> list[tuple[str, int, int]]:
    """Every full date (with a year) in `line`: (iso, start, end)."""
    out = []
    for rx in _DATE_FORMS:
        for m in rx.finditer(line):
            iso = _iso(m["y"], m["m"], m["d"])
            if iso:
                out.append((iso, m.start(), m.end()))
    for rx in _EN_DATES:
        for m in rx.finditer(line):
            mon = _EN_MONTHS.get(m["mon"].lower()) or _EN_MONTHS_SHORT.get(m["mon"].lower()[:3])
            if mon:
                iso = _iso(m["y"], mon, m["d"])
                if iso:
                    out.append((iso, m.start(), m.end()))
    out.sort(key=lambda t: t[1])
    return out


def dateline(line: str) -> tuple[str, str] | None:
    """(iso date, kind) when `line` is a dateline: kind "dateline" (with time, weekday,
    label...) or "bare" (nothing but the date). None for any other line."""
    s = line.strip()
    if not s or len(s) > MAX_DATELINE_CHARS or not _YEAR.search(s):
        return None
    dates = find_dates(s)
    if not dates:
        for rx in _MONTH_FORMS:
            m = rx.match(s)
            if m and _iso(m["y"], m["m"], None):
                return _iso(m["y"], m["m"], None), "bare"  # type: ignore[return-value]  # (not None: tested)
        return None
    if len({d for d, _, _ in dates}) != 1:
        return None
    iso, a, b = dates[0]
    residue = s[:a] + " " + s[b:]
    has_time = bool(_TIME.search(residue))
    residue = _TZ.sub(" ", _TIME.sub(" ", residue))
    words = _WORDS.findall(residue)
    if len(words) > MAX_RESIDUE_WORDS and not (len(words) <= MAX_BYLINE_WORDS and _ends_with_date_and_time(s, a, b)):
        return None
    # a sentence that happens to be short ("Ngày 3/4/2024, hai bên đã ký...") is not a dateline
    if s.rstrip()[-1:] in _SENTENCE_MARKS and len(words) > 4 and not s.startswith("("):  # `[.!?…]\s*$` found
        return None
    low = " ".join(words).lower()
    weekday = any(w in low for w in weekdays())
    if not words or (not has_time and not weekday and low in {"ngày"}):
        return iso, ("dateline" if has_time else "bare")
    return iso, "dateline"


_SENTENCE_MARKS = frozenset(".!?…")


def _ends_with_date_and_time(s: str, a: int, b: int) -> bool:
    """A byline that ends with its date and time ("Quang Anh - Trần Nam (Ban Thời sự)-Thứ ba,
    ngày 07/08/2018 21:04 GMT+7", "Hà Anh | 21:04 07/08/2018"): nothing but a time and a time
    zone after the date at s[a:b], and a time right after or right before it."""
    after = s[b:]
    rest = _TZ.sub(" ", _TIME.sub(" ", after)).strip(" ,|-–()")
    return not rest and bool(_TIME.search(after) or _TIME.search(s[max(0, a - 12):a]))


@functools.cache
def weekdays() -> tuple[str, ...]:
    return tuple(w.lower() for w in load_lines("weekdays.txt"))


@functools.cache
def _labels() -> tuple[tuple[str, float], ...]:
    return tuple((r["label"].lower(), float(r["weight"])) for r in load_tsv("dateline_labels.tsv")
                 if r.get("label") and r.get("weight"))


def _label_weight(line: str) -> float:
    """Most telling label on the line ("Cập nhật" -3 beats "đăng" +2 only if alone)."""
    low = line.lower()
    hits = [w for label, w in _labels() if label in low]
    return min(hits) if hits and min(hits) < 0 else max(hits, default=0.0)


def url_date(url: str) -> str | None:
    for rx in _URL_DATES:
        m = rx.search(url)
        if m:
            iso = _iso(m["y"], m["m"], m["d"])
            if iso:
                return iso
    return None


def _segments(article: Article) -> list[tuple[int, int, str, str | None]]:
    """(start, end, kind, reason) of each line: the cleaner's blocks, or plain lines without them."""
    if article.blocks:
        return [(b.start, b.end, b.kind, b.reason) for b in article.blocks]
    out: list[tuple[int, int, str, str | None]] = []
    pos = 0
    for line in article.text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), "body", None))
        pos += len(line) + 1
    return out


def date_candidates(article: Article) -> list[DateCandidate]:
    text = article.text
    out: list[DateCandidate] = []
    m = _HEADER.match(text)
    if m:
        iso = _iso(m["y"], m["m"], m["d"])
        if iso:
            out.append(DateCandidate(iso, m.start(), m.end(), "header", 100.0))
    for start, end, kind, reason in _segments(article):
        if kind == "furniture" or reason == "header" or (m and start < m.end()):
            continue
        line = text[start:end]
        # the cleaner has already tested every line: only its datelines need parsing again
        found = dateline(line) if not article.blocks or reason in ("dateline", "clock") else None
        if found:
            iso, dkind = found
            if reason == "clock":
                dkind = "clock"
            score = {"dateline": 10.0, "bare": 4.0, "clock": 0.0}[dkind]
            if _TIME.search(line):
                score += 2
            score += _label_weight(line)
            out.append(DateCandidate(iso, start, end, dkind, score))
        if "://" in line and (kind == "meta" or len(_WORDS.findall(_URL.sub(" ", line))) <= 4):
            for um in _URL.finditer(line):
                iso = url_date(um.group())
                if iso:
                    out.append(DateCandidate(iso, start + um.start(), start + um.end(), "url", 9.0))
    if article.url:
        iso = url_date(article.url)
        if iso:
            out.append(DateCandidate(iso, 0, 0, "url", 9.0))
    bad = [c for c in out if not real_date(c.date)]
    for c in bad:  # 31/4/2024, 29/2/2023: a typo in the page, never a "2024-04-31" output
        article.warnings.append(f"impossible date {text[c.start:c.end].strip()[:60]!r} ignored")
    return [c for c in out if real_date(c.date)]


def real_date(iso: str) -> bool:
    """True for YYYY, YYYY-MM and a YYYY-MM-DD that exists in the calendar."""
    if len(iso) < 10:
        return True
    try:
        dt.date.fromisoformat(iso[:10])
    except ValueError:
        return False
    return True


def choose_published(article: Article, cands: list[DateCandidate]) -> DateCandidate | None:
    if not cands:
        return None
    header = [c for c in cands if c.kind == "header"]
    if header:
        if len(header[0].date) == 7:
            # a header giving only the month: a full dateline of that month below it gives the day
            full = [c for c in cands if c.kind == "dateline" and c.date[:7] == header[0].date]
            if len({c.date for c in full}) == 1:
                return full[0]
        return header[0]
    # a page header's clock says when the page was saved, never when the article appeared
    cands = [c for c in cands if c.kind != "clock"]
    if not cands:
        return None
    strong = [c for c in cands if c.kind != "bare"]
    if not strong:
        # bare date lines only: one date is a byline, several are a listing page
        return cands[0] if len({c.date for c in cands}) == 1 else None
    totals: dict[str, float] = defaultdict(float)
    first: dict[str, DateCandidate] = {}
    for c in strong:
        totals[c.date] += c.score
        first.setdefault(c.date, c)
    if len(totals) > 1:
        years, day_months = _body_dates(article, cands)
        for iso in totals:
            if iso[:4] in years:
                totals[iso] += 4  # the article itself talks about that year
            if len(iso) == 10 and (int(iso[8:10]), int(iso[5:7])) in day_months:
                totals[iso] += 6  # "Ngày 26/4" in the body: the news is from that day
    best = max(totals, key=lambda k: (totals[k], -first[k].start))
    return first[best]


def _body_dates(article: Article, cands: list[DateCandidate]) -> tuple[set[str], set[tuple[int, int]]]:
    """Years and (day, month) pairs named in body, caption and title lines (not the candidates)."""
    taken = {c.start for c in cands}
    parts = [article.text[s:e] for s, e, kind, _r in _segments(article)
             if kind in ("body", "caption", "title") and s not in taken]
    body = "\n".join(parts)
    years = set(_YEAR.findall(body))
    day_months = {(int(d), int(mo)) for d, mo in _DAY_MONTH.findall(body)}
    return years, day_months


def find_url(article: Article) -> str | None:
    """The page's own URL: a "Nguồn: https://..." line, else a URL standing alone on a line."""
    best = None
    for start, end, kind, _r in _segments(article):
        if kind == "furniture":
            continue
        line = article.text[start:end]
        m = _URL.search(line) if "://" in line else None
        if not m:
            continue
        rest = (line[:m.start()] + line[m.end():]).strip(" :-–|")
        label = rest.lower()
        if any(label.startswith(w) for w in _source_labels()):
            return m.group().rstrip(".,;")
        if not rest and best is None:
            best = m.group().rstrip(".,;")
    return best


def _source_labels() -> tuple[str, ...]:
    return tuple(w.lower() for w in load_lines("source_labels.txt"))


def find_outlet(article: Article) -> str | None:
    if article.url:
        host = urlparse(article.url).hostname or ""
        host = host[4:] if host.startswith("www.") else host
        if host:
            return _outlet_name(host)
    for b in article.blocks:
        if b.kind in ("furniture", "meta"):
            m = _DOMAIN.search(article.text[b.start:b.end])
            if m:
                return _outlet_name(m.group())
    for b in article.blocks:  # a lede tagged with its site: "(Haiphong.gov.vn) - Sáng 13/5, ..."
        if b.kind == "body":
            m = _LEDE_TAG.match(article.text, b.start, b.end)
            return _outlet_name(m.group(1)) if m else None
    return None


def _outlet_name(host: str) -> str:
    """A known outlet's name ("baoquocte.vn" -> "Báo Thế giới và Việt Nam"), else the host."""
    host = host.lower().rstrip(".")
    for row in load_tsv("outlets.tsv"):
        h = row.get("host", "").lower()
        if h and (host == h or host.endswith("." + h)):
            return row.get("name") or host
    return host


def extract_metadata(article: Article) -> Article:
    """Fill url, outlet, published (+ source) and author; keeps what `read` already set (HTML)."""
    if not article.url:
        article.url = find_url(article)
    if not article.published:
        best = choose_published(article, date_candidates(article))
        if best:
            article.published = best.date
            article.published_source = {"bare": "dateline"}.get(best.kind, best.kind)
    if not article.outlet:
        article.outlet = find_outlet(article)
    if not article.author:
        article.author = find_author(article)
    return article


_NAME_DASH_TIME = re.compile(r"^\s*([A-ZĐ]{2,4}|[^\W\d_]+(?: [^\W\d_]+){0,3})\s+[-–]\s+[0-2]?\d:\d\d")


def find_author(article: Article) -> str | None:
    """The cleaner marks author lines as meta blocks with reason "author"."""
    labelled = None
    for b in article.blocks:
        if b.kind != "meta":
            continue  # (no slice of the text for the other blocks)
        line = article.text[b.start:b.end]
        if b.reason == "author":
            return line.strip(" -–|") or None
        if labelled is None:
            low = line.lower()
            for label in load_lines("author_labels.txt"):
                if low.startswith(label) and ":" in line[:len(label) + 3]:
                    labelled = line.split(":", 1)[1].strip(" -–|") or None
                    break
    if labelled:
        return labelled
    for start, end, kind, _r in _segments(article)[:40]:
        line = article.text[start:end]
        m = _NAME_DASH_TIME.match(line)
        if m and dateline(line):
            return m.group(1)
    return None
