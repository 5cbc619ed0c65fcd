"""Titles as offices: "Thủ tướng", "Thủ tướng Chính phủ" and "Thủ tướng Chính phủ
nước Cộng hòa xã hội chủ nghĩa Việt Nam" are one office, `VN / Chính phủ / Thủ tướng`.

`office(title, country)` maps a title to {country, org, post, key, label}:
abbreviations expanded and a trailing name of the holder's own country or party
dropped (resolve.title_key / position_key), then looked up in
data/kb_offices.tsv, else split at its head (data/titles.txt: the longest head
that starts it is the post, the rest the organisation). A bare post ("Chủ tịch")
takes the organisation the table gives for the holder's country, else the one
of the name table's office of that person whose post it begins (`bare_org`).
`tenure_check` compares what the articles show with the name table's terms.
Pure functions, shared by the store and the Spark job.
"""
from __future__ import annotations

import functools

from ngoaigiao import resolve
from ngoaigiao.data import load_lines, load_tsv
from ngoaigiao.textnorm import fold, key

# Ministers' titles often drop "Bộ": "Bộ trưởng Ngoại giao" is the minister of Bộ Ngoại giao.
_MINISTRY_POSTS = ("bo truong", "thu truong")
# Organs a head may end in ("Trưởng Ban", "Chủ tịch Ủy ban"): they belong to the organisation.
_ORGANS = ("uy ban", "ban")


@functools.cache
def _table() -> dict[tuple[str, str], tuple[str, str]]:
    out = {}
    for r in load_tsv("kb_offices.tsv"):
        out[(fold(resolve.title_key(r["title"])), (r.get("country") or "").upper())] = (r["post"], r["org"])
    return out


@functools.cache
def _country_names() -> dict[str, str]:
    """Folded names of countries and ruling parties -> country code."""
    return {name: c for c, names in resolve._own_country_suffixes().items() for name in names}


@functools.cache
def _heads() -> tuple[str, ...]:
    # folded: a title written without diacritics starts with the same head
    return tuple(sorted({fold(key(h)) for h in load_lines("titles.txt")}, key=len, reverse=True))


def _strip_own(title: str, country: str | None) -> list[str]:
    """The title's words without a trailing own-country/party name (as position_key drops it)."""
    words = " ".join(title.split()).strip(" ,.;:-").split()
    folded = position = fold(" ".join(words))
    k = resolve.position_key(title, country)
    if k != fold(resolve.title_key(title)) and folded.startswith(k) and k:
        position = k
    n = len(position.split())
    return words[:n] if n < len(words) else words


@functools.lru_cache(maxsize=1 << 14)
def office(title: str, country: str | None = None) -> dict | None:
    """The office a title names, or None when it starts with no known head."""
    c = (country or "").upper()
    k = resolve.position_key(title, c)
    hit = _table().get((k, c)) or _table().get((k, ""))
    org_key = None
    if hit is None:
        words = _strip_own(title, c)
        kw = fold(key(" ".join(words)))
        head = next((h for h in _heads() if kw == h or kw.startswith(h + " ")), None)
        if head is None:
            return None
        n = len(head.split())
        post, org = " ".join(words[:n]), " ".join(words[n:])
        named = _country_names().get(fold(org)) if org else None
        if named and not c:  # "Chủ tịch nước Trung Quốc" for a person of no known country
            return office(" ".join(words[:n]), named)
        # the organisation compared with abbreviations expanded ("TW" = "Trung ương")
        org_key = fold(resolve.title_key(org)) if org else ""
        # "Trưởng Ban Đối ngoại", "Chủ tịch Ủy ban Quân sự": the head ends in the organ it heads
        pw = post.split()
        organ = next((m for m in (2, 1) if len(pw) > m and " ".join(fold(post).split()[-m:]) in _ORGANS), 0)
        if org and organ:
            org, org_key = " ".join(pw[-organ:]) + " " + org, " ".join(fold(post).split()[-organ:]) + " " + org_key
            post = " ".join(pw[:-organ])
            if fold(post).split()[-1] == "truong":  # "Trưởng" alone reads as "Trưởng ban"
                post += " ban" if organ == 1 else ""
        if org and fold(post) in _MINISTRY_POSTS and not fold(org).startswith("bo "):
            org, org_key = "Bộ " + org, "bo " + org_key
        bare = _table().get((fold(key(post)), c)) or _table().get((fold(key(post)), ""))
        if not org and bare:
            post, org = bare
            org_key = None
        hit = (post[:1].upper() + post[1:], org)
    post, org = hit
    return {"country": c or None, "org": org or None, "post": post,
            # the key leaves the country out: one holder's titles, with or without it, are one office
            "key": f"{fold(org) if org_key is None else org_key}|{fold(post)}",
            "label": " / ".join(x for x in (c or "?", org, post) if x)}


def bare_org(found: dict, known: list[dict]) -> dict:
    """A post with no organisation takes the one of the single known office
    (e.g. from the name table) whose post it is or begins."""
    if found.get("org"):
        return found
    fp = fold(found["post"])
    cands = {o["key"]: o for o in known if o and o.get("org") and fold(o["post"]).startswith(fp)}
    return next(iter(cands.values())) if len(cands) == 1 else found


@functools.lru_cache(maxsize=1 << 12)
def name_table_offices(name: str) -> tuple[dict, ...]:
    """The name table's terms of the person named: ({office, title, start, end}, ...)."""
    try:
        from ngoaigiao.names import table
        row = table.person_by_name(name)
        terms = table.terms(name) if row else []
    except Exception:  # the name table is an aid, never a reason for a read to fail
        return ()
    c = (row or {}).get("country")
    out = []
    for title, start, end in terms:
        o = office(title, c)
        if o:
            out.append({"office": o, "title": title, "start": start or None, "end": end or None})
    return tuple(out)


def tenure_check(office_key: str, first_seen: str | None, last_seen: str | None,
                 terms: list[dict]) -> tuple[list[dict], str | None]:
    """The name table's terms of this office, and a note when the articles show the
    title at a date the table says it was not held (None when it agrees or knows nothing)."""
    mine = [t for t in terms if t["office"]["key"] == office_key]
    if not mine or not (first_seen or last_seen):
        return [{"title": t["title"], "start": t["start"], "end": t["end"]} for t in mine], None
    outside = []
    for day in sorted({d for d in (first_seen, last_seen) if d}):
        held = any((not t["start"] or t["start"] <= day[:len(t["start"])])
                   and (not t["end"] or day[:len(t["end"])] <= t["end"]) for t in mine)
        if not held:
            outside.append(day)
    note = None
    if outside:
        spans = ", ".join(f"{t['start'] or '?'}–{t['end'] or ''}" for t in mine)
        note = f"seen {', '.join(outside)}, outside the name table's term ({spans})"
    return [{"title": t["title"], "start": t["start"], "end": t["end"]} for t in mine], note
