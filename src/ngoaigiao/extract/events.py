"""Events: the interactions an article reports as its news.

The stage runs in three steps, each an ordered list of named rules (docs/extract.md
lists them one line each):

1. candidates (`event_candidates`): a sentence of the body, a caption or the title with
   a trigger word (data/event_triggers.tsv) gives one candidate per trigger: the
   people named before the first trigger are its subject, those after it (up to the
   next one) its objects, its date the sentence's own time expression. Trigger rules
   (TRIGGER_DROPS_*) drop greetings passed on, plans, invitations and background
   (cues in data/event_cues.tsv).
2. candidate rules (`event_rules.CANDIDATE_RULES`): each candidate is made into events,
   merged into one already made, amended or dropped.
3. article rules (`event_finish.ARTICLE_RULES`): merge repeats, drop what is not an
   exchange or not the news, one trip, roles, links and codes.

Every event carries the names of the rules that shaped it (`Event.rules`); when the
article asks for a trace (`article.trace` is a list) every decision is recorded there.
"""
from __future__ import annotations

from ngoaigiao.article import Article
from ngoaigiao.extract.event_candidates import _mentions_by_sentence, candidates_in_sentence
from ngoaigiao.extract.event_delegations import heads_complete_pending, reference_completes_pending
from ngoaigiao.extract.event_finish import ARTICLE_RULES, finish
from ngoaigiao.extract.event_rules import CANDIDATE_RULES, Ctx, _delegation_heads
from ngoaigiao.extract.event_trace import Trace

__all__ = ["extract_events", "CANDIDATE_RULES", "ARTICLE_RULES"]


def extract_events(article: Article) -> Article:
    trace = Trace(article)
    by_sentence = _mentions_by_sentence(article)
    ctx = Ctx(article, trace, _delegation_heads(article), [])
    for si, sent in enumerate(article.sentences):
        if sent.kind not in ("body", "caption", "title"):
            continue
        drafts = candidates_in_sentence(article, si, by_sentence.get(si, []), trace)
        for d in drafts:
            d.people = d.subjects + d.objects
            for rule in CANDIDATE_RULES:
                if rule(ctx, d):
                    break
        if all(d.planned for d in drafts):  # "Tại buổi tiếp, Y ...", "Đoàn ... do Y làm Trưởng đoàn": the sides of a
            # meeting reported one-sided or with nobody named
            reference_completes_pending(ctx, si, by_sentence.get(si, []))
            heads_complete_pending(ctx, si, by_sentence.get(si, []))
        ctx.last_any = next((e for e in reversed(ctx.events) if len(e.countries) >= 2), ctx.last_any)
    article.events = finish(article, ctx.events, trace)
    return article
