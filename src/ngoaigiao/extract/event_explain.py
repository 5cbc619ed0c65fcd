"""`ngoaigiao extract --explain`: why each event is (not) there, sentence by sentence."""
from __future__ import annotations

from ngoaigiao.article import Article


def explain(article: Article) -> str:
    """The sentences that have a trigger, each with its triggers, candidates and the rules that
    fired (from `article.trace`), then the events kept with their rules."""
    entries = article.trace or []
    by_sentence: dict[int | None, list[dict]] = {}
    for e in entries:
        by_sentence.setdefault(e["sentence"], []).append(e)
    lines = [f"{article.id}  published {article.published or '?'}"]
    for si in sorted(by_sentence, key=lambda x: -1 if x is None else x):
        if si is not None and 0 <= si < len(article.sentences):
            s = article.sentences[si]
            text = " ".join(article.text[s.start:s.end].split())
            lines.append(f"[{si}] {s.kind}: {text[:300]}{'…' if len(text) > 300 else ''}")
        else:
            lines.append("[article]")
        found = list(dict.fromkeys(e["trigger"] for e in by_sentence[si]))
        lines.append(f"    triggers: {', '.join(repr(t) for t in found)}")
        for e in by_sentence[si]:
            who = f"  [{', '.join(e['participants'])}]" if e.get("participants") else ""
            lines.append(f"    {e['decision']:<8} {e['rule']:<22} {e['trigger']!r}: {e['reason']}{who}")
    lines.append(f"events: {len(article.events)}")
    for ev in article.events:
        when = (ev.date or "?") + (f"..{ev.end_date}" if ev.end_date else "")
        lines.append(f"    {ev.type:<10} {when:<22} {', '.join(ev.participants)}"
                     f"{' @ ' + ev.place if ev.place else ''}  rules: {', '.join(ev.rules)}")
    return "\n".join(lines) + "\n\n"
