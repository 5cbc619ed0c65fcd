"""A small in-memory stand-in for `ngoaigiao.store` used by the web tests while
the real store is not available: same method names, same result shapes."""
from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict

from ngoaigiao.textnorm import fold


class FakeStore:
    def __init__(self) -> None:
        self.articles: dict[str, dict] = {}
        self.persons: dict[int, dict] = {}
        self.by_name: dict[str, int] = {}
        self.events: dict[int, dict] = {}

    # -- ingest ---------------------------------------------------------------
    def _person(self, name: str, country: str | None) -> int:
        key = fold(name)
        if key not in self.by_name:
            pid = len(self.persons) + 1
            self.by_name[key] = pid
            self.persons[pid] = {"id": pid, "name": name, "aliases": [], "country": country, "zh": None,
                                 "pinyin": None, "name_source": None, "positions": {}}
        return self.by_name[key]

    def ingest_article(self, article) -> str:
        return self.ingest_record(article.to_record(with_text=True))

    def ingest_record(self, rec: dict) -> str:
        self.articles[rec["id"]] = rec
        for p in rec["persons"]:
            pid = self._person(p["name"], p.get("country"))
            person = self.persons[pid]
            for k in ("zh", "pinyin", "name_source"):
                person[k] = person[k] or p.get(k)
            for t in p["titles"]:
                pos = person["positions"].setdefault(t, {"title": t, "first_seen": rec["published"],
                                                         "last_seen": rec["published"], "sources": []})
                pos["first_seen"] = min(pos["first_seen"], rec["published"])
                pos["last_seen"] = max(pos["last_seen"], rec["published"])
                pos["sources"].append(rec["id"])
        ids = []
        for ev in rec["events"]:
            eid = len(self.events) + 1
            ids.append(eid)
            self.events[eid] = {
                "id": eid, **{k: ev.get(k) for k in ("type", "date", "end_date", "place", "countries",
                                                       "documents", "cameo", "plover", "confidence")},
                "participant_ids": [self._person(n, None) for n in ev["participants"]],
                "roles": ev.get("roles") or {},
                "part_of": None, "parts": [],
                "sources": [{"article_id": rec["id"], "title": rec["title"], "url": rec.get("url"),
                             "outlet": rec.get("outlet"), "published": rec["published"],
                             "evidence": ev["evidence"]}],
            }
        for ev, eid in zip(rec["events"], ids):
            if ev.get("part_of") is not None:
                parent = ids[ev["part_of"]]
                self.events[eid]["part_of"] = parent
                self.events[parent]["parts"].append(eid)
        return rec["id"]

    # -- rows -----------------------------------------------------------------
    def _pref(self, pid: int) -> dict:
        p = self.persons[pid]
        return {"id": pid, "name": p["name"], "country": p["country"]}

    def _row(self, e: dict) -> dict:
        return {"id": e["id"], "type": e["type"], "date": e["date"], "end_date": e["end_date"],
                "place": e["place"], "countries": e["countries"],
                "participants": [self._pref(p) for p in e["participant_ids"]],
                "n_sources": len(e["sources"])}

    def query_events(self, country=None, type=None, person=None, since=None, until=None, text=None,
                     sort="date", order="desc", limit=50, offset=0):
        out = []
        for e in self.events.values():
            if country and country not in e["countries"]:
                continue
            if type and e["type"] != type:
                continue
            if person and not any(fold(person) in fold(self.persons[p]["name"]) or str(p) == str(person)
                                  for p in e["participant_ids"]):
                continue
            if since and (e["date"] or "") < since:
                continue
            if until and (e["date"] or "9999") > until:
                continue
            if text:
                hay = fold(" ".join([e["place"] or ""] + [s["evidence"][0]["text"] for s in e["sources"]]))
                if fold(text) not in hay:
                    continue
            out.append(self._row(e))
        if sort not in ("date", "type", "place", "sources"):
            raise ValueError(f"unknown sort {sort!r}")
        keyf = {"date": lambda r: r["date"] or "", "type": lambda r: r["type"],
                "place": lambda r: r["place"] or "", "sources": lambda r: r["n_sources"]}[sort]
        out.sort(key=keyf, reverse=(order == "desc"))
        return out[offset:offset + limit], len(out)

    def get_event(self, event_id):
        try:
            e = self.events.get(int(event_id))
        except (TypeError, ValueError):
            return None
        if not e:
            return None
        parts = []
        for pid in e["participant_ids"]:
            p = self.persons[pid]
            titles = [t for t, pos in p["positions"].items()
                      if e["date"] is None or pos["first_seen"] <= e["date"] <= pos["last_seen"]]
            parts.append({**self._pref(pid), "side": p["country"], "role": e["roles"].get(p["name"]),
                          "titles": titles})
        return {**{k: v for k, v in e.items() if k not in ("participant_ids", "roles")},
                "participants": parts,
                "part_of": self._row(self.events[e["part_of"]]) if e["part_of"] else None,
                "parts": [self._row(self.events[i]) for i in e["parts"]]}

    def query_persons(self, q=None, country=None, limit=50, offset=0):
        rows = []
        for pid, p in self.persons.items():
            if q and fold(q) not in fold(p["name"]):
                continue
            if country and p["country"] != country:
                continue
            n = sum(pid in e["participant_ids"] for e in self.events.values())
            rows.append({**self._pref(pid), "n_events": n})
        rows.sort(key=lambda r: -r["n_events"])
        return rows[offset:offset + limit], len(rows)

    def get_person(self, id_or_name):
        pid = None
        if str(id_or_name).isdigit() and int(id_or_name) in self.persons:
            pid = int(id_or_name)
        else:
            pid = self.by_name.get(fold(str(id_or_name)))
        if pid is None:
            return None
        p = self.persons[pid]
        evs = [self._row(e) for e in self.events.values() if pid in e["participant_ids"]]
        evs.sort(key=lambda r: r["date"] or "", reverse=True)
        cp = Counter(o for e in self.events.values() if pid in e["participant_ids"]
                     for o in e["participant_ids"] if o != pid)
        return {**{k: v for k, v in p.items() if k != "positions"},
                "positions": sorted(p["positions"].values(), key=lambda x: x["first_seen"]),
                "events": evs,
                "counterparts": [{"person": self._pref(o), "n": n} for o, n in cp.most_common()]}

    def _arow(self, a: dict) -> dict:
        return {"id": a["id"], "title": a["title"], "published": a["published"], "outlet": a.get("outlet"),
                "url": a.get("url"), "n_events": len(a["events"]), "n_persons": len(a["persons"])}

    def query_articles(self, q=None, limit=50, offset=0):
        rows = [self._arow(a) for a in self.articles.values()
                if not q or fold(q) in fold((a["title"] or "") + " " + a["raw"])]
        rows.sort(key=lambda r: r["published"] or "", reverse=True)
        return rows[offset:offset + limit], len(rows)

    def get_article(self, article_id):
        a = self.articles.get(str(article_id))
        if not a:
            return None
        events = [{"id": e["id"], "type": e["type"], "date": e["date"],
                   "evidence": e["sources"][0]["evidence"]}
                  for e in self.events.values() if e["sources"][0]["article_id"] == a["id"]]
        persons = [{**self._pref(self.by_name[fold(p["name"])]), "mentions": p["mentions"],
                    "titles": p["titles"]} for p in a["persons"]]
        return {**self._arow(a), "raw": a["raw"], "text": a["raw"], "blocks": a["blocks"],
                "events": events, "persons": persons}

    def search(self, q, limit=20):
        return {"articles": self.query_articles(q=q, limit=limit)[0],
                "persons": self.query_persons(q=q, limit=limit)[0],
                "events": self.query_events(text=q, limit=limit)[0]}

    def stats(self):
        months: dict[str, Counter] = defaultdict(Counter)
        for e in self.events.values():
            if e["date"]:
                months[e["date"][:7]][e["type"]] += 1
        vn = Counter()
        for e in self.events.values():
            ids = e["participant_ids"]
            if any(self.persons[i]["country"] == "VN" for i in ids):
                for i in ids:
                    if self.persons[i]["country"] not in ("VN", None):
                        vn[i] += 1
        latest = sorted(self.events.values(), key=lambda e: e["date"] or "", reverse=True)[:10]
        return {"counts": {"articles": len(self.articles), "events": len(self.events),
                           "persons": len(self.persons)},
                "events_per_month_by_type": {m: dict(c) for m, c in sorted(months.items())},
                "latest_events": [self._row(e) for e in latest],
                "top_counterparts": [{"person": self._pref(i), "n": n} for i, n in vn.most_common(10)]}

    def export(self, fmt, out):
        rows = [self._row(e) for e in self.events.values()]
        if fmt == "jsonl":
            with open(out, "w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            with open(out, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(["id", "type", "date", "place"])
                for r in rows:
                    w.writerow([r["id"], r["type"], r["date"], r["place"]])
        else:
            raise ValueError(f"unsupported export format {fmt!r}")
        return len(rows)
