"""What an analyst reviews about merging: why an event's reports were merged,
and which events kept apart might be one (`ngoaigiao events --possible-duplicates`).

Both read what is stored and decide with `resolve.merge_score` / `resolve.near_miss`,
the rules the ingest used.
"""
from __future__ import annotations

import json

from ngoaigiao import resolve


class ReviewMixin:
    db: object

    def merge_explanation(self, event_id: int) -> dict | None:
        """{principals: [{person_id, name, side}], type_family, reports: [{article_id, idx,
        reported_type, sort_date, date_precision, window, score}], rule} for an event
        merged from several reports; None when it has one report."""
        rows = self.db.query("SELECT article_id, idx, record FROM event_reports WHERE event_id = ?"
                             " ORDER BY article_id, idx", (event_id,))
        if len(rows) < 2:
            return None
        recs = [json.loads(r["record"]) for r in rows]
        merged = resolve.merge_events(recs)
        names = {str(r["person_id"]): (r["name"], r["side"]) for r in self.db.query(
            "SELECT person_id, name, side FROM event_participants WHERE event_id = ?", (event_id,))}
        principals = [{"person_id": int(k) if str(k).isdigit() else None,
                       "name": names.get(str(k), (str(k), None))[0], "side": s}
                      for s, k in merged["principals"]]
        reports = []
        for r, rec in zip(rows, recs):
            others = [o for o in recs if o is not rec]
            scores = [s for s in (resolve.merge_score(rec, o) for o in others) if s is not None]
            reports.append({"article_id": r["article_id"], "idx": r["idx"], "reported_type": rec.get("type"),
                            "reported_date": rec.get("date"), "sort_date": rec.get("sort_date"),
                            "date_precision": rec.get("date_precision"), "window": rec.get("window"),
                            "score": max(scores) if scores else None})
        return {"principals": principals, "types": sorted({r["reported_type"] or "" for r in reports}),
                "reports": reports,
                "rule": "same head of each side, types of one family, overlapping days"}

    def possible_duplicates(self, days: int = 3, limit: int = 100) -> list[dict]:
        """Pairs of events kept apart that share a principal, a type family and
        (nearly) the days: for review. Each {a, b, reason}, nearest first."""
        evs = self.db.query("SELECT id, type, range_start, range_end, principals FROM events"
                            " WHERE range_start IS NOT NULL ORDER BY range_start, id")
        by_head: dict[str, list[dict]] = {}
        for e in evs:
            e["window"] = [e["range_start"], e["range_end"]]
            e["principals"] = json.loads(e["principals"]) if e["principals"] else None
            for _, k in resolve.principal_pairs(e) if e["principals"] else []:
                by_head.setdefault(str(k), []).append(e)
        seen, out = set(), []
        for group in by_head.values():
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    if b["range_start"] > _plus_days(a["range_end"], days):
                        break
                    pair = (a["id"], b["id"])
                    if pair in seen:
                        continue
                    seen.add(pair)
                    why = resolve.near_miss(a, b, days)
                    if why:
                        out.append({"a": a["id"], "b": b["id"], "reason": why})
        out.sort(key=lambda p: (p["a"], p["b"]))
        res = []
        for p in out[:limit]:
            a, b = self._event_summaries([p["a"], p["b"]])
            res.append({"a": a, "b": b, "reason": p["reason"]})
        return res


def _plus_days(day: str, n: int) -> str:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day) + timedelta(days=n)).isoformat()
    except ValueError:
        return day
