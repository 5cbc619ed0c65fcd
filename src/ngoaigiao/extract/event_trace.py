"""Why an event is (not) there: the decisions of the events stage, for analysts.

`Trace` collects `{sentence, trigger, decision, rule, reason}` entries when an
article asks for them (`article.trace` is a list); otherwise every call is a
no-op, so normal extraction stays lean and fast. Entries go on
`article.trace`, which `Article.to_record` prints as `trace`.
"""
from __future__ import annotations

from ngoaigiao.article import Article, Event


class Trace:
    __slots__ = ("entries",)

    def __init__(self, article: Article):
        self.entries = getattr(article, "trace", None)  # None: tracing is off

    def __bool__(self) -> bool:
        return self.entries is not None

    def note(self, sentence: int | None, trigger: str, decision: str, rule: str | None, reason: str,
             participants: list[str] | None = None) -> None:
        """decision: 'kept' | 'dropped' | 'changed' (a 'candidate' rule entry opens each candidate)."""
        if self.entries is None:
            return
        entry: dict[str, object] = {"sentence": sentence, "trigger": trigger, "decision": decision, "rule": rule, "reason": reason}
        if participants is not None:
            entry["participants"] = list(participants)
        self.entries.append(entry)


def shaped(ev: Event, rule: str) -> None:
    """Record that `rule` shaped `ev` (each name once, in the order the rules ran)."""
    if rule not in ev.rules:
        ev.rules.append(rule)
