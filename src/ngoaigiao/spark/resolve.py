"""`ngoaigiao spark resolve`: cross-article merging over `spark extract` output.

    articles/record_json ─ MinHash (resolve.minhash_signature) ─ LSH bands ─
      candidate pairs ≥ threshold ─ duplicates (driver, in id order)
    canonical articles ─ persons blocked by fold(name_key) ─ PersonResolver
      per block ─ person ids per article ─ event reports + title observations
    reports ─ (participant, day) keys ─ connected components (label
      propagation) ─ EventResolver per component ─ events (+ part_of)

Every decision is `ngoaigiao.resolve` (shared with the single-machine store)
applied by `ngoaigiao.spark.merge`; Spark only decides what runs where.

Datasets under OUT: duplicates, persons, positions, events.
"""
from __future__ import annotations

import hashlib
import json
import sys

from ngoaigiao import kb_events, resolve
from ngoaigiao.spark import merge

MAX_LABEL_ROUNDS = 30


def _h(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def load_records(spark, path: str):
    """RDD of (id, record) from PATH/articles (record_json), or None when there are none."""
    from pyspark.errors import AnalysisException

    try:
        frame = spark.read.parquet(f"{path.rstrip('/')}/articles").select("id", "record_json")
    except AnalysisException as exc:
        if "UNABLE_TO_INFER_SCHEMA" in str(exc) or "PATH_NOT_FOUND" in str(exc):
            return None
        raise
    # kb_events.kb_record: what the store keeps of a record (news mentions only, countries filled)
    return frame.rdd.map(lambda row: (row.id, kb_events.kb_record(json.loads(row.record_json))))


def find_duplicates(records) -> dict[str, tuple[str, float]]:
    """{article id: (duplicate_of, similarity)} by content hash and MinHash LSH."""
    sigs = records.map(lambda kv: (kv[0], merge.content_hash(kv[1]),
                                   resolve.minhash_signature(resolve.clean_text(kv[1])))).cache()

    def bucket_pairs(members):
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                yield (a, b)

    # Buckets carry ids only; the signatures of the (few) candidate pairs are joined in.
    cands = (sigs.flatMap(lambda t: [(band, t[0]) for band in resolve.lsh_bands(t[2])])
             .groupByKey().flatMap(lambda kv: bucket_pairs(list(kv[1]))).distinct())
    sig_of = sigs.map(lambda t: (t[0], t[2]))
    pairs = (cands.join(sig_of).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
             .join(sig_of)
             .map(lambda kv: (kv[1][0][0], kv[0], resolve.jaccard_estimate(kv[1][0][1], kv[1][1])))
             .filter(lambda p: p[2] >= resolve.NEAR_DUPLICATE_JACCARD)
             .collect())
    same_hash = (sigs.map(lambda t: (t[1], [t[0]])).reduceByKey(lambda a, b: a + b)
                 .filter(lambda kv: len(kv[1]) > 1).collect())
    sigs.unpersist()
    hashes = {aid: h for h, ids in same_hash for aid in ids}
    involved = set(hashes) | {a for a, _, _ in pairs} | {b for _, b, _ in pairs}
    return merge.pick_duplicates(sorted(involved), hashes, pairs)


def _persons_of_block(block: str, items) -> tuple[list[dict], list[tuple]]:
    """Resolve one block; items are (article_id, order, person)."""
    resolver = merge.PersonResolver(id_prefix=f"p:{_h(block)}:")
    assigned = []
    by_article: dict[str, list] = {}
    for aid, order, person in sorted(items, key=lambda t: (t[0], t[1])):
        by_article.setdefault(aid, []).append(person)
    for aid in sorted(by_article):
        ids = resolver.add_article(aid, by_article[aid])
        assigned += [(aid, (name, pid)) for name, pid in ids.items()]
    return [merge.person_row(c) for c in resolver.clusters], assigned


def _article_facts(aid: str, record: dict, ids: dict[str, str]):
    """(reports, observations) of one canonical article given its person ids."""
    persons, short = merge.article_persons(record)
    pid_of = merge.person_ids_of_article(persons, short, ids)
    return merge.event_reports(aid, record, pid_of), merge.title_observations(record, aid, pid_of, persons)


def components(spark, keyed, driver_limit: int = 2_000_000):
    """keyed: RDD of (report id, [keys]) -> RDD of (report id, component label).

    Label = smallest report id of the component. Up to `driver_limit` edges
    the components are found on the driver (union-find: one pass, no
    shuffles); beyond that by label propagation on the cluster."""
    nodes = keyed.map(lambda kv: kv[0])
    star = (keyed.flatMap(lambda kv: [(k, kv[0]) for k in kv[1]]).groupByKey()
            .flatMap(lambda kv: _star(sorted(kv[1]))).distinct().cache())
    if star.count() <= driver_limit:
        table = spark.sparkContext.broadcast(_union_find(star.collect()))
        star.unpersist()
        return nodes.map(lambda n: (n, table.value.get(n, n)))
    labels = nodes.map(lambda n: (n, n)).cache()
    for _ in range(MAX_LABEL_ROUNDS):
        # Each node takes the smallest label among itself and its neighbours.
        offers = star.join(labels).map(lambda kv: (kv[1][0], kv[1][1]))
        new = labels.union(offers).reduceByKey(min).cache()
        changed = new.join(labels).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = new
        if not changed:
            break
    else:
        raise RuntimeError(f"event blocks did not converge in {MAX_LABEL_ROUNDS} rounds")
    star.unpersist()
    return labels


def _union_find(edges) -> dict[str, str]:
    parent: dict[str, str] = {}

    def root(x):
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            lo, hi = min(ra, rb), max(ra, rb)
            parent[hi] = lo
    return {x: root(x) for x in list(parent)}


def _star(members: list[str]):
    head = members[0]
    for m in members[1:]:
        yield (head, m)
        yield (m, head)


def _events_of_component(label: str, reports) -> list[dict]:
    resolver = merge.EventResolver(id_prefix=f"e:{_h(label)}:")
    by_article: dict[str, list] = {}
    for r in sorted(reports, key=lambda r: (r["article_id"], r["idx"])):
        by_article.setdefault(r["article_id"], []).append(r)
    for aid in sorted(by_article):
        resolver.add_article(by_article[aid])
    return [merge.event_row(e) for e in resolver.events]


def compute(spark, records) -> dict:
    """RDDs/lists of output rows: duplicates, persons, positions, events."""
    records = records.cache()
    dups = find_duplicates(records)
    dup_ids = spark.sparkContext.broadcast(set(dups))
    canonical = records.filter(lambda kv: kv[0] not in dup_ids.value).cache()

    def person_items(kv):
        aid, rec = kv
        persons, short = merge.article_persons(rec)
        for order, p in enumerate(persons):
            if p["name"] not in short:
                yield (merge.person_block(p["name"]), (aid, order, p))

    blocks = canonical.flatMap(person_items).groupByKey().map(
        lambda kv: _persons_of_block(kv[0], list(kv[1]))).cache()
    persons = blocks.flatMap(lambda t: t[0])
    ids = blocks.flatMap(lambda t: t[1]).groupByKey().mapValues(dict)
    facts = canonical.leftOuterJoin(ids).map(
        lambda kv: _article_facts(kv[0], kv[1][0], kv[1][1] or {})).cache()

    names = persons.map(lambda p: (p["person_id"], p["name"]))
    positions = (facts.flatMap(lambda f: f[1]).map(lambda o: (o["person_id"], o)).groupByKey()
                 .join(names)
                 .flatMap(lambda kv: [{"person_id": kv[0], "name": kv[1][1], **t}
                                      for t in resolve.position_timeline(list(kv[1][0]), holder=kv[1][1])]))

    reports = facts.flatMap(lambda f: f[0]).map(lambda r: (f"{r['article_id']}#{r['idx']}", r)).cache()
    labels = components(spark, reports.mapValues(merge.report_keys))
    events = (reports.join(labels).map(lambda kv: (kv[1][1], kv[1][0])).groupByKey()
              .flatMap(lambda kv: _events_of_component(kv[0], list(kv[1]))).cache())
    # part_of across components: (article, idx) -> event id, then the rule in merge.part_of.
    where = events.flatMap(lambda e: [((r["article_id"], r["idx"]), e["event_id"]) for r in e["reports"]])
    pointers = (events.flatMap(lambda e: [((r["article_id"], r["part_of_idx"]), e["event_id"])
                                          for r in e["reports"] if r["part_of_idx"] is not None])
                .join(where).map(lambda kv: (kv[1][0], (kv[0], kv[1][1]))).groupByKey().mapValues(list))

    def with_part_of(kv):
        event, ptrs = kv[1][0], kv[1][1] or []
        table = {key: target for key, target in ptrs}
        return dict(event, part_of=merge.part_of(event["event_id"], event["reports"], table))

    events = events.map(lambda e: (e["event_id"], e)).leftOuterJoin(pointers).map(with_part_of)
    return {
        "duplicates": [{"article_id": a, "duplicate_of": d, "similarity": float(s)}
                       for a, (d, s) in sorted(dups.items())],
        "persons": persons, "positions": positions, "events": events,
    }


def run(spark, path: str, out: str, log=None) -> dict[str, int]:
    from ngoaigiao.spark.schema import RESOLVE_SCHEMAS

    log = log or sys.stderr
    records = load_records(spark, path)
    if records is None:
        print(f"spark resolve: no articles under {path}", file=log)
        records = spark.sparkContext.parallelize([])
    print("spark resolve: near-duplicates, persons, events", file=log)
    rows = compute(spark, records)
    counts = {}
    for name in ("duplicates", "persons", "positions", "events"):
        data = rows[name]
        frame = spark.createDataFrame(data, RESOLVE_SCHEMAS[name]) if isinstance(data, list) \
            else spark.createDataFrame(data.map(lambda d, n=name: _to_row(d, n)), RESOLVE_SCHEMAS[name])
        print(f"spark resolve: writing {name}", file=log)
        target = f"{out.rstrip('/')}/{name}"
        frame.write.mode("overwrite").parquet(target)
        counts[name] = spark.read.schema(RESOLVE_SCHEMAS[name]).parquet(target).count()
    return counts


def _to_row(d: dict, name: str) -> dict:
    from ngoaigiao.spark.schema import RESOLVE_SCHEMAS

    return {f.name: d.get(f.name) for f in RESOLVE_SCHEMAS[name].fields}
