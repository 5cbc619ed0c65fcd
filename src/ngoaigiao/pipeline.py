"""The one pipeline: bytes or text in, an extracted `Article` out.

The CLI, the knowledge base, the web app's import and the Spark job all call
`process`; nothing else strings the stages together. Each stage takes the
`Article` that earlier stages filled and adds its own part.
"""
from __future__ import annotations

from collections.abc import Callable

from ngoaigiao import budget, clean, metadata, read
from ngoaigiao.annotate import sentences, timex
from ngoaigiao.article import Article
from ngoaigiao.extract import confidence, events, persons, statements

Stage = Callable[[Article], Article]

# Order matters: each stage reads only what the ones before it set.
STAGES: list[tuple[str, Stage]] = [
    ("clean", clean.clean),
    ("metadata", metadata.extract_metadata),
    ("sentences", sentences.split_sentences),
    ("timex", timex.annotate_times),
    ("persons", persons.extract_persons),
    ("events", events.extract_events),
    ("confidence", confidence.assign_confidence),  # reads events, changes only their confidence
    ("statements", statements.extract_statements),  # reads persons and events
]


def process(data: bytes | str, id: str, source: str | None = None, url: str | None = None,
            trace: bool = False, hook: Callable[[str, Article], None] | None = None) -> Article:
    """Run every stage on one page. Raises `ngoaigiao.errors.InputError` for unusable input.
    `trace=True` makes the events stage record its decisions in `article.trace`.
    `hook(stage name, article)`, if given, runs after "read" and after each stage: a caller
    adds what only it knows (`follow`: a feed's date) or stops early by raising InputError."""
    with budget.page(source or id) as clock:  # a page over its time budget is an InputError
        clock.stage = "read"
        article = read.read_article(data, id=id, source=source)
        if trace:
            article.trace = []
        if url and not article.url:
            article.url = url
        if hook:
            hook("read", article)
        clock.check("read", STAGES[0][0] if STAGES else None)
        for i, (name, stage) in enumerate(STAGES):
            article = stage(article)
            if hook:
                hook(name, article)
            clock.check(name, STAGES[i + 1][0] if i + 1 < len(STAGES) else None)
    return article
