"""The knowledge base's merge rule as plain Python over records, block by block.

`ngoaigiao.store` ingests records one at a time into SQL tables; this module
applies the same decisions (all taken by `ngoaigiao.resolve`) to a list of
records held in memory, so that Spark can run them on independent blocks:

- persons: a block is every person whose `fold(name_key(name))` is equal
  (the store only ever compares people within that key), processed in
  article-id order with the store's candidate preference;
- events: a block is a connected group of reports sharing a (participant,
  day) pair (the store only merges reports sharing a participant with
  overlapping dates), processed in article-id order with `same_event`, and
  each event's fields are `merge_events` of its reports.

`resolve_records(records)` runs everything in one process: it is the
single-machine reference the Spark job is tested against.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ngoaigiao import kb_events, resolve
from ngoaigiao.textnorm import fold

MAX_RANGE_DAYS = 400  # longer (undated-ish) ranges emit no blocking keys


# ------------------------------------------------------------------ articles

def content_hash(record: dict) -> str:
    return hashlib.sha256((record.get("raw") or "").encode()).hexdigest()


def pick_duplicates(ids: list[str], hashes: dict[str, str],
                    pairs: Iterable[tuple[str, str, float]]) -> dict[str, tuple[str, float]]:
    """{article id: (duplicate_of, similarity)} taking articles in id order: an
    article is a duplicate of an earlier non-duplicate one with the same
    content hash, else of the most similar earlier one at or above the
    threshold (candidate pairs from LSH, similarity = MinHash estimate)."""
    near: dict[str, list[tuple[str, float]]] = {}
    for a, b, sim in pairs:
        lo, hi = sorted((a, b))
        near.setdefault(hi, []).append((lo, sim))
    canonical: set[str] = set()
    by_hash: dict[str, str] = {}
    out: dict[str, tuple[str, float]] = {}
    for aid in sorted(ids):
        h = hashes.get(aid)
        if h and h in by_hash:
            out[aid] = (by_hash[h], 1.0)
            continue
        best, best_sim = None, 0.0
        for other, sim in sorted(near.get(aid, [])):
            if other in canonical and sim > best_sim:
                best, best_sim = other, sim
        if best is not None and best_sim >= resolve.NEAR_DUPLICATE_JACCARD:
            out[aid] = (best, round(best_sim, 3))
            continue
        canonical.add(aid)
        if h:
            by_hash.setdefault(h, aid)
    return out


# ------------------------------------------------------------------- persons

def article_persons(record: dict) -> tuple[list[dict], dict[str, str]]:
    """The persons the store keeps for one article (event participants without
    a person entry included) and the short-name map (short -> full name)."""
    persons = [dict(p) for p in record.get("persons") or []]
    named = {resolve.name_key(p["name"]) for p in persons}
    for ev in record.get("events") or []:
        for n in ev.get("participants") or []:
            if resolve.name_key(n) not in named:
                named.add(resolve.name_key(n))
                persons.append({"name": n, "country": None, "titles": []})
    return persons, resolve.short_name_map(persons)


def person_block(name: str) -> str:
    return fold(resolve.name_key(name))


@dataclass
class PersonCluster:
    """One stored person. Counters are kept incrementally (a head of state has
    hundreds of thousands of rows); `recompute` derives what the store's
    `_recompute_person` derives from its article_persons rows."""
    id: str
    name: str
    name_key: str
    country: str | None
    zh: str | None = None
    pinyin: str | None = None
    name_source: str | None = None
    n_articles: int = 0
    aliases: list[str] = field(default_factory=list)
    names: Counter = field(default_factory=Counter)      # spelling -> rows (first-seen order)
    countries: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)
    rows: set = field(default_factory=set)               # (article_id, name): the store's primary key
    first: dict = field(default_factory=dict)            # zh/pinyin/name_source of the first row having one

    def add_row(self, article_id: str, p: dict) -> None:
        if (article_id, p["name"]) in self.rows:
            return
        self.rows.add((article_id, p["name"]))
        self.names[p["name"]] += 1
        if p.get("country"):
            self.countries[p["country"]] += 1
        self.articles.add(article_id)
        for f in ("zh", "pinyin", "name_source"):
            if p.get(f) and f not in self.first:
                self.first[f] = p[f]

    def recompute(self) -> None:
        names = self.names
        self.name = max(names, key=lambda n: (fold(n) != n.lower(), names[n], len(n)))
        self.name_key = resolve.name_key(self.name)
        self.country = self.countries.most_common(1)[0][0] if self.countries else None
        for f in ("zh", "pinyin", "name_source"):
            setattr(self, f, self.first.get(f))
        self.n_articles = len(self.articles)
        self.aliases = list(names)
        self.alias_folds = {fold(resolve.name_key(a)) for a in self.aliases}


class PersonResolver:
    """Persons of one block (or of everything), fed article by article in id order."""

    def __init__(self, id_prefix: str = "p"):
        self.clusters: list[PersonCluster] = []
        self.prefix = id_prefix

    def _candidates(self, name: str, country: str | None) -> list[PersonCluster]:
        k = resolve.name_key(name)
        me = {"name": name, "country": country}
        ok = []
        fk = fold(k)
        for c in self.clusters:
            if not (c.name_key == k or fk in getattr(c, "alias_folds", ())):
                continue
            if resolve.same_person(me, {"name": c.name, "country": c.country}) or any(
                    resolve.same_person(me, {"name": a, "country": c.country}) for a in c.aliases):
                ok.append(c)
        ok.sort(key=lambda c: (c.country != country if country else 0, -c.n_articles))  # stable: creation order
        return ok

    def add_article(self, article_id: str, persons: list[dict]) -> dict[str, str]:
        """{name as written: person id} for the persons of one article (short names excluded)."""
        ids: dict[str, str] = {}
        touched: list[PersonCluster] = []
        for p in persons:
            name, country = p["name"], (p.get("country") or None)
            ok = self._candidates(name, country)
            if ok:
                c = ok[0]
                if country and not c.country:
                    c.country = country
            else:
                c = PersonCluster(id=f"{self.prefix}{len(self.clusters)}", name=name,
                                  name_key=resolve.name_key(name), country=country,
                                  zh=p.get("zh"), pinyin=p.get("pinyin"), name_source=p.get("name_source"))
                self.clusters.append(c)
            c.add_row(article_id, dict(p, country=country))
            ids[name] = c.id
            if c not in touched:
                touched.append(c)
        for c in touched:
            c.recompute()
        return ids


def person_ids_of_article(persons: list[dict], short: dict[str, str], ids: dict[str, str]) -> dict[str, str]:
    """name_key -> person id for one article, as the store builds it (later same-key names win)."""
    out: dict[str, str] = {}
    for p in persons:
        if p["name"] in short:
            continue
        out[resolve.name_key(p["name"])] = ids[p["name"]]
    for s, full in short.items():
        out[resolve.name_key(s)] = out[resolve.name_key(full)]
    return out


# -------------------------------------------------------------------- events

def event_reports(article_id: str, record: dict, pid_of: dict[str, str]) -> list[dict]:
    """The article's events as the store's reports: participant_ids resolved."""
    out = []
    views = kb_events.event_views(record)

    def pkey_of(n):
        return pid_of.get(resolve.name_key(n)) or resolve.name_key(n)

    for i, ev in enumerate(record.get("events") or []):
        pids: list[str] = []
        for n in ev.get("participants") or []:
            pid = pid_of.get(resolve.name_key(n))
            if pid is not None and pid not in pids:
                pids.append(pid)
        rep = kb_events.report(ev, views[i], pkey_of)
        rep["participant_ids"] = pids
        out.append({"article_id": article_id, "idx": i, "rep": rep, "evidence": ev.get("evidence") or [],
                    "part_of_idx": ev.get("part_of")})
    return out


def report_keys(report: dict) -> list[str]:
    """(participant, day) blocking keys: reports the store could merge share one."""
    rep = report["rep"]
    rng = resolve.event_window(rep)
    if rng is None or not rep["participant_ids"]:
        return []
    start, end = date.fromisoformat(rng[0]), date.fromisoformat(rng[1])
    days = (end - start).days
    if days > MAX_RANGE_DAYS:
        return []
    return [f"{pid}|{start + timedelta(d)}" for pid in rep["participant_ids"] for d in range(days + 1)]


@dataclass
class MergedEvent:
    id: str
    reports: list[dict] = field(default_factory=list)
    fields: dict = field(default_factory=dict)
    range: tuple[str, str] | None = None
    participant_ids: list[str] = field(default_factory=list)

    def recompute(self) -> None:
        self.reports.sort(key=lambda r: (r["article_id"], r["idx"]))
        self.fields = resolve.merge_events([r["rep"] for r in self.reports])
        self.range = tuple(self.fields["window"]) if self.fields["window"] else None
        parts: dict[str, str] = {}
        for r in self.reports:
            for name, pid in zip(r["rep"].get("participants") or [], resolve.participant_key_list(r["rep"])):
                if pid in r["rep"]["participant_ids"]:
                    parts.setdefault(pid, name)
        self.participant_ids = list(parts)
        self.participant_names = list(parts.values())


class EventResolver:
    """Events of one block (or of everything), fed article by article in id order."""

    def __init__(self, id_prefix: str = "e"):
        self.events: list[MergedEvent] = []
        self.prefix = id_prefix

    def _match(self, rep: dict, exclude: set[str]) -> MergedEvent | None:
        rng = resolve.event_window(rep)
        pids = rep["participant_ids"]
        if rng is None or not pids:
            return None
        best, best_n = None, 0
        for e in self.events:
            if e.id in exclude or e.range is None or e.range[0] > rng[1] or e.range[1] < rng[0]:
                continue
            if not set(pids) & set(e.participant_ids):
                continue
            other = {"type": e.fields.get("type"), "window": list(e.range), "participant_ids": e.participant_ids,
                     "pkeys": e.participant_ids, "participants": e.participant_ids,
                     "principals": e.fields.get("principals")}
            if resolve.merge_score(rep, other) is not None:
                n = len(set(e.participant_ids) & set(pids))
                if n > best_n:
                    best, best_n = e, n
        return best

    def add_article(self, reports: list[dict]) -> None:
        touched: list[MergedEvent] = []
        for r in reports:
            e = self._match(r["rep"], {t.id for t in touched})
            if e is None:
                e = MergedEvent(id=f"{self.prefix}{len(self.events)}")
                rng = resolve.event_window(r["rep"])
                e.fields = {"type": r["rep"].get("type"), "date": r["rep"].get("date"),
                            "end_date": r["rep"].get("end_date")}
                e.range = rng
                self.events.append(e)
            e.reports.append(r)
            touched.append(e)
        for e in touched:
            e.recompute()


def event_row(e: MergedEvent) -> dict:
    f = e.fields
    return {
        "event_id": e.id, "type": f.get("type"), "date": f.get("date"), "end_date": f.get("end_date"),
        "sort_date": f.get("sort_date"), "date_precision": f.get("date_precision"),
        "roles": [f.get("role_of", {}).get(pid) for pid in e.participant_ids],
        "sides": [f.get("side_of", {}).get(pid) for pid in e.participant_ids],
        "place": f.get("place"), "participants": e.participant_names, "participant_ids": e.participant_ids,
        "countries": f.get("countries") or [], "documents": f.get("documents") or [],
        "cameo": f.get("cameo"), "plover": f.get("plover"), "confidence": f.get("confidence"),
        "n_sources": len({r["article_id"] for r in e.reports}),
        "article_ids": sorted({r["article_id"] for r in e.reports}),
        "reports": [{"article_id": r["article_id"], "idx": r["idx"], "part_of_idx": r["part_of_idx"],
                     "evidence": r["evidence"]} for r in e.reports],
    }


def person_row(c: PersonCluster) -> dict:
    return {"person_id": c.id, "name": c.name, "country": c.country, "aliases": list(c.aliases),
            "zh": c.zh, "pinyin": c.pinyin, "name_source": c.name_source, "n_articles": c.n_articles,
            "article_ids": sorted(c.articles)}


# ----------------------------------------------------- positions (per person)

def title_observations(record: dict, article_id: str, pid_of: dict[str, str],
                       persons: list[dict]) -> list[dict]:
    """The store's position observations of one article: (person id, title, seen date)."""
    seen: dict[str, str] = {}
    for ev in record.get("events") or []:
        rng = resolve.date_range(ev)
        for n in ev.get("participants") or []:
            pid = pid_of.get(resolve.name_key(n))
            if pid is not None and rng and ev.get("date") and len(ev["date"]) == 10:
                seen[pid] = min(seen.get(pid, ev["date"]), ev["date"])
    out = []
    for p in persons:
        pid = pid_of[resolve.name_key(p["name"])]
        for title in p.get("titles") or []:
            out.append({"person_id": pid, "title": title, "date": seen.get(pid, record.get("published")),
                        "article_id": article_id, "country": p.get("country")})
    return out


# ------------------------------------------------------- the one-process path

def resolve_records(records: Iterable[dict]) -> dict[str, list[dict]]:
    """Everything the Spark resolve writes, computed in one process (id order)."""
    recs = sorted((kb_events.kb_record(r) for r in records), key=lambda r: r["id"])
    by_id = {r["id"]: r for r in recs}
    sigs = {r["id"]: resolve.minhash_signature(resolve.clean_text(r)) for r in recs}
    buckets: dict[str, list[str]] = {}
    for aid, sig in sigs.items():
        for b in resolve.lsh_bands(sig):
            buckets.setdefault(b, []).append(aid)
    pairs = {}
    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pairs[tuple(sorted((a, b)))] = resolve.jaccard_estimate(sigs[a], sigs[b])
    dups = pick_duplicates(list(by_id), {a: content_hash(r) for a, r in by_id.items()},
                           [(a, b, s) for (a, b), s in pairs.items()])
    persons_res, events_res = PersonResolver(), EventResolver()
    observations: list[dict] = []
    for r in recs:
        if r["id"] in dups:
            continue
        persons, short = article_persons(r)
        ids = persons_res.add_article(r["id"], [p for p in persons if p["name"] not in short])
        pid_of = person_ids_of_article(persons, short, ids)
        observations += title_observations(r, r["id"], pid_of, persons)
        events_res.add_article(event_reports(r["id"], r, pid_of))
    events = [event_row(e) for e in events_res.events]
    assign_part_of(events)
    return {
        "duplicates": [{"article_id": a, "duplicate_of": d, "similarity": s} for a, (d, s) in sorted(dups.items())],
        "persons": [person_row(c) for c in persons_res.clusters],
        "events": events,
        "positions": positions_rows(observations, {c.id: c.name for c in persons_res.clusters}),
    }


def assign_part_of(events: list[dict]) -> None:
    """event["part_of"]: the event of the first report (article order) that an
    article put this one inside (a meeting during a visit), not itself."""
    where = {(r["article_id"], r["idx"]): e["event_id"] for e in events for r in e["reports"]}
    for e in events:
        e["part_of"] = part_of(e["event_id"], e["reports"], where)


def part_of(event_id: str, reports: list[dict], where: dict) -> str | None:
    for r in sorted(reports, key=lambda r: (r["article_id"], r["idx"])):
        if r["part_of_idx"] is None:
            continue
        target = where.get((r["article_id"], r["part_of_idx"]))
        if target and target != event_id:
            return target
    return None


def positions_rows(observations: list[dict], names: dict[str, str]) -> list[dict]:
    by_person: dict[str, list[dict]] = {}
    for ob in observations:
        by_person.setdefault(ob["person_id"], []).append(ob)
    out = []
    for pid, obs in by_person.items():
        for t in resolve.position_timeline(obs, holder=names.get(pid)):
            out.append({"person_id": pid, "name": names.get(pid), **t})
    return out
