"""Date rules of the events stage that read the shape of the text around a time expression.

Kept apart from `event_candidates` and `event_finish` (which decide among the times of a
sentence and of the article) so that each rule here is one small function, called from one
line there, with its words in `data/bracket_day_cues.tsv` and `data/trip_nouns.txt`.
"""
from __future__ import annotations

import functools
import re

from ngoaigiao.article import Article
from ngoaigiao.data import load_lines, load_tsv

_TAG_AFTER = re.compile(r"\s*(?:\[[^\]\n]{0,12}\])?\s*$")  # "(23 tháng 7 năm 2021) [fr]": a language tag


@functools.cache
def _cues(kind: str) -> tuple[str, ...]:
    return tuple(" ".join(r["phrase"].lower().split()) for r in load_tsv("bracket_day_cues.tsv") if r["kind"] == kind)


def bracketed_news_day(article: Article, sent, t) -> bool:
    """A single day alone in brackets that dates the news rather than annotating a name:
    after a local-time phrase ("cùng giờ Việt Nam (21/12)") or closing the headline
    ("A điện đàm với B (23 tháng 7 năm 2021)") when the headline names no anniversary or
    holiday ("Ngày Giải phóng (30/4)" annotates the day's name). Ranges and periods
    ("(13/5/1955 - 13/5/2025)") never are."""
    if not t.date or len(t.date) != 10 or t.end_date:
        return False
    text = article.match or article.text
    open_at = text.rfind("(", sent.start, t.start + 1)
    close_at = text.find(")", t.start, sent.end + 1)
    if open_at < 0 or close_at < 0 or text[open_at + 1:close_at].strip() != text[t.start:t.end].strip("() "):
        return False  # the bracket holds more than the date ("(giờ địa phương, 21/12)" aside)
    before = " ".join(text[sent.start:open_at].lower().split())
    if any(before.endswith(c) for c in _cues("before")):
        return True
    if sent.kind != "title" or not _TAG_AFTER.fullmatch(text, close_at + 1, sent.end):
        return False
    words = f" {before} "
    return not any(f" {c} " in words for c in _cues("annotates"))


OPENER_WORDS = 2  # "Trong hai ngày 19-20/11, ...": at most this many words before the range


def range_of_its_own(article: Article, sent, trs, t):
    """A range that opens the sentence is the span of the talk or meeting itself when no
    trip is reported in the same sentence ("Từ ngày 19 đến 21/11, hai Bộ trưởng đồng chủ trì
    Giao lưu ..."): the event keeps the range. Beside a trip ("thăm ... từ ngày 8-10/1, hội
    đàm với ...") the range is the trip's, and inside the sentence ("Bên lề hội nghị diễn ra
    từ 25-26/4, A gặp B") a conference's: one talk in it has no day of its own (None)."""
    text = article.match or article.text
    if any(tr.type == "visit" for tr in trs) or len(text[sent.start:t.start].split()) > OPENER_WORDS:
        return None
    return t


@functools.cache
def _trip_nouns() -> re.Pattern[str]:
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(load_lines("trip_nouns.txt"), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)


def range_of_another_trip(article: Article, t, visit) -> bool:
    """"Dấu ấn nổi bật là chuyến thăm ... của Chủ tịch nước Tập Cận Bình từ ngày 14 - 15/4":
    a range right after the trip of a person who is not among the visit's people dates
    that other trip; the article's visit does not take it."""
    sent = next((s for s in article.sentences if s.start <= t.start < s.end), None)
    if sent is None:
        return False
    text = article.match or article.text
    trips = list(_trip_nouns().finditer(text, sent.start, t.start))
    if not trips:
        return False
    between = [m for m in article.mentions if trips[-1].end() <= m.start and m.end <= t.start]
    return bool(between) and not any(m.name in visit.participants for m in between)
