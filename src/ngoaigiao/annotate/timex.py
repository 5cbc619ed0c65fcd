"""Time expressions stage: `annotate_times(article)` sets `year_guess` and `times`.

Dates without a year are resolved against the publication date; where the
page states none, against the year inferred from content (`year.guess_year`)
when its confidence reaches `YEAR_GUESS_THRESHOLD`. Otherwise the date is
left None with `year_known=False`. The grammar is in `dates.py`.
"""
from __future__ import annotations

from ngoaigiao.annotate.dates import Anchor, find_times, parse_iso, parse_times
from ngoaigiao.annotate.year import YEAR_GUESS_THRESHOLD, guess_year
from ngoaigiao.article import Article


def anchor_for(article: Article) -> Anchor:
    """The publication date, else a confident year guess, else nothing."""
    pub = parse_iso(article.published)
    if pub[0] is not None:
        return Anchor(*pub)
    g = article.year_guess
    if g is not None and g.year is not None and g.confidence >= YEAR_GUESS_THRESHOLD:
        return Anchor(g.year, from_guess=True)
    return Anchor(None)


def annotate_times(article: Article) -> Article:
    """Set `article.year_guess` (first, via year.guess_year) and `article.times`."""
    parsed = parse_times(article)
    article = guess_year(article, parsed)
    article.times = find_times(article, anchor_for(article), parsed)
    return article
