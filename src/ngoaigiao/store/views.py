"""Reading for the web app's views: filtered persons and articles with their
facets, every event of a filtered view for downloads, ranked search with
snippets and the name form that matched, and closest names for a query that
matches nobody."""
from __future__ import annotations

import difflib
import functools
import re
import unicodedata

from ngoaigiao.levels import LEVELS, title_level
from ngoaigiao.textnorm import fold

_HEADLINE_MAX = 140
_SNIPPET = 90


def char_fold(text: str) -> str:
    """Lower-case, diacritics off, one character per character (offsets stay valid)."""
    out = []
    for c in text:
        if c in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", c)[0]
        out.append(base.lower() if len(base.lower()) == 1 else c)
    return "".join(out)


def headline(title: str | None, lead: str | None) -> str | None:
    """The title; else the first line of the text if it reads as a heading, else its first
    sentence; cut at a word boundary."""
    if title and title.strip():
        return title.strip()
    if not lead:
        return None
    lines = [ln.strip() for ln in lead.splitlines() if ln.strip()]
    if not lines:
        return None
    first = lines[0]
    if len(first) > _HEADLINE_MAX or first.endswith((".", ":", ";")):
        m = re.match(r"(.+?[.!?])(\s|$)", first)
        first = m.group(1) if m else first
    if len(first) > _HEADLINE_MAX:
        cut = first[:_HEADLINE_MAX].rsplit(" ", 1)[0]
        first = cut.rstrip(",;:") + "…"
    return first


def snippet(text: str, words: list[str], width: int = _SNIPPET) -> list[dict]:
    """[{"text", "hit"}] around the first place the words occur, each occurrence marked."""
    if not text or not words:
        return []
    folded = char_fold(text)
    pats = [re.compile(r"(?<!\w)" + re.escape(w)) for w in words if w]
    first = min((m.start() for p in pats for m in [p.search(folded)] if m), default=None)
    if first is None:
        return []
    a = max(0, first - width)
    a = text.rfind(" ", 0, a) + 1 if a else 0
    b = min(len(text), first + width * 2)
    if b < len(text):
        b = text.find(" ", b) if text.find(" ", b) > 0 else len(text)
    hits = sorted({(m.start(), m.end()) for p in pats for m in p.finditer(folded, a, b)})
    out, pos = [], a
    if a > 0:
        out.append({"text": "…", "hit": False})
    for s, e in hits:
        if s < pos:
            continue
        # the whole word, not just the prefix that matched
        while e < b and folded[e].isalnum():
            e += 1
        out.append({"text": text[pos:s], "hit": False})
        out.append({"text": text[s:e], "hit": True})
        pos = e
    out.append({"text": text[pos:b] + ("…" if b < len(text) else ""), "hit": False})
    return [p for p in out if p["text"]]


def generated_score(person: dict) -> float | None:
    """The generator's probability for a person's generated Chinese form (the store keeps
    the form, not its score), None when the form is not the generator's best."""
    if person.get("name_source") != "generated" or not person.get("zh"):
        return None
    try:
        from ngoaigiao.names.enrich import enrich

        e = enrich(person["name"], person.get("country"))
    except Exception:  # noqa: BLE001 - a label, never a reason for a page to fail
        return None
    return e["score"] if e.get("zh") == person.get("zh") else None


_title_level = functools.lru_cache(maxsize=20_000)(title_level)


def _words(q: str) -> list[str]:
    return [w for w in (re.sub(r"[^\w]", "", x) for x in char_fold(q).split()) if w]


class ViewsMixin:
    db: object

    # ------------------------------------------------------------ downloads
    def filtered_event_records(self, f) -> list[dict]:
        """Every event of the filtered view, in its order, as the exports write them."""
        ids = self.filtered_event_ids(f)
        out: list[dict] = []
        for k in range(0, len(ids), 2000):
            chunk = ids[k:k + 2000]
            marks = ",".join("?" * len(chunk))
            docs: dict[int, list] = {}
            for r in self.db.query(f"SELECT event_id, name FROM event_documents WHERE event_id IN ({marks})"
                                   f" ORDER BY event_id, name", chunk):
                docs.setdefault(r["event_id"], []).append(r["name"])
            arts: dict[int, list] = {}
            for r in self.db.query(f"SELECT DISTINCT event_id, article_id FROM event_reports"
                                   f" WHERE event_id IN ({marks}) ORDER BY event_id, article_id", chunk):
                arts.setdefault(r["event_id"], []).append(r["article_id"])
            for e in self._event_summaries(chunk):
                e["documents"] = docs.get(e["id"], [])
                e["articles"] = arts.get(e["id"], [])
                out.append(e)
        return out

    # -------------------------------------------------------------- persons
    def _person_levels(self) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {}
        for r in self.db.query("SELECT person_id, title FROM positions"):
            lv = _title_level(r["title"])  # titles repeat across persons: each is matched once
            if lv:
                out.setdefault(r["person_id"], set()).add(lv)
        return out

    def _person_summaries(self, ids: list[int]) -> list[dict]:
        """_person_summary of each id, in order, in two queries instead of two per person."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {r["id"]: r for r in self.db.query(
            f"SELECT id, name, country, zh, pinyin, name_source, n_articles FROM persons WHERE id IN ({marks})", ids)}
        titles: dict[int, list[str]] = {}
        for r in self.db.query(f"SELECT person_id, title FROM positions WHERE person_id IN ({marks})"
                               f" ORDER BY person_id, last_seen DESC, first_seen DESC", ids):
            got = titles.setdefault(r["person_id"], [])
            if len(got) < 3:
                got.append(r["title"])
        return [{**rows[i], "titles": titles.get(i, [])} for i in ids if i in rows]

    def filter_persons(self, q=None, country=(), level=(), limit=50, offset=0):
        """Persons by name, any of the countries, any of the levels; the page, the total,
        and facets {country, level: [{"value", "n", "selected"}]}."""
        base, params = [], []
        if q:
            sub = self._search_ids("person", q)
            if sub is None:
                return [], 0, {"country": [], "level": []}
            base.append(f"id IN ({sub[0]})")
            params.extend(sub[1])
        levels = self._person_levels()
        rows = self.db.query(f"SELECT id, country, n_articles, name FROM persons"
                             f"{' WHERE ' + ' AND '.join(base) if base else ''}"
                             f" ORDER BY n_articles DESC, name, id", params)
        lv_ok = set(level)
        c_ok = set(country)

        def keep(r, skip=None):
            if c_ok and skip != "country" and r["country"] not in c_ok:
                return False
            if lv_ok and skip != "level" and not (levels.get(r["id"], set()) & lv_ok):
                return False
            return True

        facets = {"country": {}, "level": {}}
        for r in rows:
            if keep(r, "country") and r["country"]:
                facets["country"][r["country"]] = facets["country"].get(r["country"], 0) + 1
            if keep(r, "level"):
                for lv in levels.get(r["id"], ()):
                    facets["level"][lv] = facets["level"].get(lv, 0) + 1
        hits = [r["id"] for r in rows if keep(r)]
        page = hits[int(offset):int(offset) + int(limit)]
        out_f = {}
        for name, chosen in (("country", country), ("level", level)):
            counts = sorted(facets[name].items(), key=lambda x: (-x[1], x[0]))
            if name == "level":
                counts = sorted(counts, key=lambda x: LEVELS.index(x[0]))
            have = {v for v, _ in counts}
            counts += [(c, 0) for c in chosen if c not in have]
            out_f[name] = [{"value": v, "n": n, "selected": v in set(chosen)} for v, n in counts]
        return self._person_summaries(page), len(hits), out_f

    # ------------------------------------------------------------- articles
    def _article_rows(self, ids: list[str]) -> list[dict]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {r["id"]: r for r in self.db.query(
            f"SELECT id, title, url, outlet, published, substr(clean_text, 1, 600) AS lead FROM articles"
            f" WHERE id IN ({marks})", ids)}
        n = {r["article_id"]: r["n"] for r in self.db.query(
            f"SELECT article_id, count(*) AS n FROM article_sources WHERE article_id IN ({marks})"
            f" GROUP BY article_id", ids)}
        out = []
        for i in ids:
            if i in rows:
                r = dict(rows[i])
                r["headline"] = headline(r["title"], r.pop("lead"))
                r["n_sources"] = n.get(i, 1)
                out.append(r)
        return out

    def filter_articles(self, q=None, outlet=(), year=(), limit=50, offset=0):
        """Articles (newest first, or best match first for q), any of the outlets and years;
        the page, the total, and facets {outlet, year}."""
        where, params = [], []
        order = "published DESC, id"
        ranked = None
        if q:
            ranked = self._search_refs("article", q)
            if not ranked:
                return [], 0, {"outlet": [], "year": []}
        conds = {"outlet": (f"outlet IN ({','.join('?' * len(outlet))})", list(outlet)) if outlet else None,
                 "year": (f"substr(published, 1, 4) IN ({','.join('?' * len(year))})", list(year)) if year else None}

        def sql_for(skip=None):
            w, p = list(where), list(params)
            for k, c in conds.items():
                if c and k != skip:
                    w.append(c[0])
                    p.extend(c[1])
            return (" WHERE " + " AND ".join(w)) if w else "", p

        rank = {r: k for k, r in enumerate(ranked)} if ranked is not None else None
        cond, p = sql_for()
        ids = [r["id"] for r in self.db.query(f"SELECT id FROM articles{cond} ORDER BY {order}", p)]
        if rank is not None:
            ids = sorted((i for i in ids if i in rank), key=rank.get)
        facets = {}
        for name, expr in (("outlet", "outlet"), ("year", "substr(published, 1, 4)")):
            c2, p2 = sql_for(name)
            rows = self.db.query(f"SELECT {expr} AS v, id FROM articles{c2}", p2) if rank is not None else \
                self.db.query(f"SELECT {expr} AS v, count(*) AS n FROM articles{c2} GROUP BY {expr}", p2)
            counts: dict[str, int] = {}
            for r in rows:
                if r["v"] and (rank is None or r["id"] in rank):
                    counts[r["v"]] = counts.get(r["v"], 0) + (r["n"] if rank is None else 1)
            items = sorted(counts.items(), key=(lambda x: (-x[1], x[0])) if name == "outlet" else
                           (lambda x: x[0]), reverse=False)
            if name == "year":
                items = sorted(items, reverse=True)
            chosen = list(outlet if name == "outlet" else year)
            have = {v for v, _ in items}
            items += [(c, 0) for c in chosen if c not in have]
            facets[name] = [{"value": v, "n": n, "selected": v in set(chosen)} for v, n in items[:30]]
        page = ids[int(offset):int(offset) + int(limit)]
        return self._article_rows(page), len(ids), facets

    # --------------------------------------------------------------- search
    def search_view(self, q: str, limit: int = 20) -> dict:
        """Ranked articles (with a highlighted snippet), persons and events, and for each hit
        the form of the query that found it: the query itself, or a name-table form
        ("Xi Jinping" -> "Tập Cận Bình")."""
        from ngoaigiao.store.queries import _name_forms

        forms = _name_forms(q)
        found: dict[str, list[tuple[str, str]]] = {"article": [], "person": [], "event": []}
        for form in forms:
            for kind, out in found.items():
                seen = {r for r, _ in out}
                for r in self._search_refs(kind, form, limit):
                    if r not in seen and len(out) < limit:
                        out.append((r, form))
                        seen.add(r)
        arts = self._article_rows([r for r, _ in found["article"]])
        via = dict(found["article"])
        full = {r["id"]: r["clean_text"] for r in self.db.query(
            f"SELECT id, clean_text FROM articles WHERE id IN ({','.join('?' * len(arts))})",
            [a["id"] for a in arts])} if arts else {}
        for a in arts:
            form = via.get(a["id"], q)
            a["matched_form"] = form if form != q else None
            a["snippet"] = snippet(full.get(a["id"]) or "", _words(form))
        persons = []
        for r, form in found["person"]:
            p = self._person_summary(int(r))
            if p:
                # "Xi Jinping" finds Tập Cận Bình through the pinyin or characters the name
                # table (or the generator) gave him: say so, with the form it stands for.
                name_words = set(_words(p["name"]))
                if form != q or not set(_words(q)) <= name_words:
                    p["matched_form"] = p["name"]
                    p["matched_source"] = p.get("name_source") or "table"
                else:
                    p["matched_form"] = None
                persons.append(p)
        evs = self._event_summaries([int(r) for r, _ in found["event"]])
        ev_via = {int(r): f for r, f in found["event"]}
        for e in evs:
            form = ev_via.get(e["id"], q)
            e["matched_form"] = form if form != q else None
        return {"query": q, "forms": forms, "articles": arts, "persons": persons, "events": evs}

    # ---------------------------------------------------------- suggestions
    def suggest_names(self, q: str, limit: int = 8) -> list[dict]:
        """Persons whose names come closest to q, for a query that found no one: those with
        every word of q among their name's words first (most written about first), then
        spellings a letter or two away."""
        words = [w for w in fold(q).split() if w]
        if not words:
            return []
        like = " AND ".join(["(' ' || alias_fold || ' ') LIKE ?"] * len(words))
        rows = self.db.query(
            f"SELECT DISTINCT p.id AS id, p.n_articles AS n FROM person_aliases a JOIN persons p ON p.id = a.person_id"
            f" WHERE {like} ORDER BY p.n_articles DESC, p.id LIMIT ?", [*(f"% {w} %" for w in words), limit])
        ids = [r["id"] for r in rows]
        if len(ids) < limit:
            names = {r["alias_fold"]: r["person_id"] for r in self.db.query(
                "SELECT alias_fold, person_id FROM person_aliases ORDER BY n DESC LIMIT 50000")}
            for m in difflib.get_close_matches(" ".join(words), list(names), n=limit, cutoff=0.6):
                if names[m] not in ids:
                    ids.append(names[m])
        return [s for s in (self._person_summary(i) for i in ids[:limit]) if s]
