"""Fitting the confidence model (used by scripts/train_confidence.py and benchmarks/calibration.py).

Samples are the events the pipeline predicts on articles with gold, each
labelled right or wrong by the scorer's own matching (eval/score.py
`match_events`, passed in by the caller so this module needs no ../shared).

The model is an L2-regularised logistic regression fitted by Newton's method
(a few hundred events and features: pure Python is quick enough), then a
calibration fitted on out-of-fold predictions (k folds by article): isotonic
regression with Laplace-smoothed blocks, plus `high_from`, the lowest raw score
from which the held-out events were right at least `target` of the time by a
lower confidence bound. `confidence.calibrate` gives >= 0.8 only from there.
"""
from __future__ import annotations

import json
import math
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ngoaigiao.extract.confidence import HIGH, MODEL_FORMAT, ArticleFacts, confidence_of, event_features

TARGET = 0.95  # events with confidence >= HIGH must be right this often
Z = 0.5  # Wilson bound margin: the held-out band must clear TARGET by this many standard errors
HIGH_REQUIRES = ("well_formed",)  # features an event needs for the >= 0.8 band
BANDS = (0.5, 0.6, 0.7, 0.8, 0.9)
L2 = 1.0  # penalty of the logistic regression (a few hundred events: keep the weights small)
MIN_COUNT = 2  # a feature seen in fewer articles gets no weight


@dataclass(slots=True)
class Sample:
    doc: str       # article id
    feats: list[str]
    label: bool    # the scorer matches it to a gold event
    type: str = ""


def label_record(record: dict, gold: dict, match_events: Callable) -> list[bool]:
    """Right/wrong for each predicted event of one article record, by the scorer's matching."""
    pred = record.get("events") or []
    pairs = match_events(gold.get("events") or [], pred)
    matched = {id(p) for _g, p in pairs}
    return [id(p) in matched for p in pred]


def collect(corpus_dirs: Iterable[Path], match_events: Callable, process: Callable,
            progress: Callable[[str], None] | None = None) -> list[Sample]:
    """Run `process` on every article that has a gold file and label its events."""
    out: list[Sample] = []
    for d in corpus_dirs:
        texts = sorted(p for p in Path(d).iterdir() if p.suffix in (".txt", ".html", ".htm"))
        for k, path in enumerate(texts, 1):
            gold_path = path.with_name(path.stem + ".gold.json")
            if not gold_path.is_file():
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            article = process(path.read_bytes(), id=path.stem)
            labels = label_record(article.to_record(), gold, match_events)
            facts = ArticleFacts(article)
            for ev, ok in zip(article.events, labels):
                out.append(Sample(path.stem, event_features(article, ev, facts), ok, ev.type))
            if progress and (k % 20 == 0 or k == len(texts)):
                progress(f"{Path(d).name}: {k}/{len(texts)} articles, {len(out)} events so far")
    return out


# ------------------------------------------------------------------ logistic regression
def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b for a symmetric positive definite a (Cholesky)."""
    n = len(b)
    L = [[0.0] * n for _ in range(n)]
    for i in range(n):
        Li = L[i]
        for j in range(i + 1):
            Lj = L[j]
            s = a[i][j] - sum(Li[k] * Lj[k] for k in range(j))
            if i == j:
                Li[i] = math.sqrt(max(s, 1e-12))
            else:
                Li[j] = s / Lj[j]
    y = [0.0] * n
    for i in range(n):
        y[i] = (b[i] - sum(L[i][k] * y[k] for k in range(i))) / L[i][i]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (y[i] - sum(L[k][i] * x[k] for k in range(i + 1, n))) / L[i][i]
    return x


def fit_logistic(samples: list[Sample], l2: float = L2, min_count: int = MIN_COUNT,
                 iterations: int = 25) -> tuple[float, dict[str, float]]:
    """Bias and weights of an L2-penalised logistic regression over binary features.
    Features seen in fewer than `min_count` articles get no weight (a cue of one article's
    events is that article, not the genre)."""
    docs: dict[str, set[str]] = {}
    for s in samples:
        for f in s.feats:
            docs.setdefault(f, set()).add(s.doc)
    counts = {f: len(d) for f, d in docs.items()}
    vocab = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i + 1 for i, f in enumerate(vocab)}  # 0 is the bias
    rows = [sorted({0, *(index[f] for f in s.feats if f in index)}) for s in samples]
    ys = [1.0 if s.label else 0.0 for s in samples]
    n = len(vocab) + 1
    w = [0.0] * n
    for _ in range(iterations):
        grad = [l2 * w[i] if i else 0.0 for i in range(n)]
        hess = [[0.0] * n for _ in range(n)]
        for i in range(1, n):
            hess[i][i] = l2
        hess[0][0] = 1e-6
        for r, y in zip(rows, ys):
            z = sum(w[i] for i in r)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g, h = p - y, max(p * (1 - p), 1e-6)
            for i in r:
                grad[i] += g
                hi = hess[i]
                for j in r:
                    hi[j] += h
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(x) for x in step) < 1e-6:
            break
    return w[0], {f: round(w[i], 4) for f, i in index.items() if abs(w[i]) >= 1e-4}


# ------------------------------------------------------------------ calibration
def isotonic(pairs: list[tuple[float, bool]]) -> list[tuple[float, float, int, int]]:
    """Pool-adjacent-violators on (score, label): blocks of (mean score, precision, n, right)."""
    blocks: list[list[float]] = []  # [sum score, n, right]
    for x, y in sorted(pairs):
        blocks.append([x, 1, 1 if y else 0])
        while len(blocks) > 1 and blocks[-2][2] / blocks[-2][1] >= blocks[-1][2] / blocks[-1][1]:
            s, c, r = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
            blocks[-1][2] += r
    return [(s / c, r / c, int(c), int(r)) for s, c, r in blocks]


def wilson_lower(right: int, n: int, z: float = Z) -> float:
    if n == 0:
        return 0.0
    p = right / n
    d = 1 + z * z / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - margin) / d


def fit_calibration(pairs: list[tuple[float, bool]], target: float = TARGET, z: float = Z,
                    high_pairs: list[tuple[float, bool]] | None = None,
                    high_requires: tuple[str, ...] = HIGH_REQUIRES) -> dict:
    """Knots of a monotone raw -> calibrated curve (from all held-out pairs) and the raw score
    where >= 0.8 starts (from `high_pairs`, the held-out events that meet `high_requires`)."""
    blocks = isotonic(pairs)
    knots: list[list[float]] = []
    top = 0.0
    for mean, _prec, n, right in blocks:
        y = max(top, (right + 1) / (n + 2))  # Laplace: a block of 3 right is not certain
        top = y
        knots.append([round(mean, 4), round(y, 4)])
    if not knots:
        knots = [[0.0, 0.5], [1.0, 0.5]]
    knots = [[0.0, knots[0][1]], *knots, [1.0, knots[-1][1]]]
    dedup: list[list[float]] = []
    for k in knots:
        if dedup and k[0] <= dedup[-1][0]:
            dedup[-1][1] = max(dedup[-1][1], k[1])
        else:
            dedup.append(k)
    if len(dedup) < 2:
        dedup.append([1.0, dedup[-1][1]])
    # the lowest raw score from which the held-out events clear the target by the Wilson bound
    ranked = sorted(pairs if high_pairs is None else high_pairs, key=lambda p: -p[0])
    high_from, right = None, 0
    for n, (x, y) in enumerate(ranked, 1):
        right += bool(y)
        nxt = ranked[n][0] if n < len(ranked) else -1.0
        if nxt == x:
            continue  # a threshold cannot split tied scores
        if wilson_lower(right, n, z) >= target:
            high_from = x
    return {"knots": dedup, "high_from": high_from, "high_requires": list(high_requires),
            "cap": 0.99, "target": target, "z": z}


def _fold(doc: str, k: int) -> int:
    return zlib.crc32(doc.encode()) % k


def out_of_fold(samples: list[Sample], k: int = 5, **fit) -> list[tuple[float, bool, Sample]]:
    """Raw scores of each sample from a model fitted without its article's fold."""
    out = []
    for f in range(k):
        train = [s for s in samples if _fold(s.doc, k) != f]
        test = [s for s in samples if _fold(s.doc, k) == f]
        if not train or not test:
            continue
        bias, weights = fit_logistic(train, **fit)
        model = {"bias": bias, "weights": weights}
        out.extend((_raw(model, s.feats), s.label, s) for s in test)
    return out


def _raw(model: dict, feats: list[str]) -> float:
    z = model["bias"] + sum(model["weights"].get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def train(samples: list[Sample], k: int = 5, target: float = TARGET, z: float = Z,
          high_requires: tuple[str, ...] = HIGH_REQUIRES, note: dict | None = None, **fit) -> dict:
    """The whole model: weights on every sample, calibration on k-fold held-out scores."""
    bias, weights = fit_logistic(samples, **fit)
    oof = out_of_fold(samples, k, **fit)
    high = [(x, y) for x, y, s in oof if all(f in s.feats for f in high_requires)]
    cal = fit_calibration([(x, y) for x, y, _s in oof], target, z, high, tuple(high_requires))
    return {
        "format": MODEL_FORMAT,
        "bias": round(bias, 4),
        "weights": dict(sorted(weights.items())),
        "calibration": cal,
        "trained": {"at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "events": len(samples), "right": sum(s.label for s in samples),
                    "articles": len({s.doc for s in samples}), **(note or {})},
    }


def predict(model: dict, samples: list[Sample]) -> list[tuple[float, bool]]:
    return [(confidence_of(model, s.feats), s.label) for s in samples]


def cross_validated(samples: list[Sample], parity: Callable[[str], str], **kw) -> list[tuple[float, bool]]:
    """Train on the odd-numbered articles and score the even ones, then the other way round."""
    out = []
    for half in ("odd", "even"):
        train_on = [s for s in samples if parity(s.doc) == half]
        test_on = [s for s in samples if parity(s.doc) != half]
        if train_on and test_on:
            out.extend(predict(train(train_on, **kw), test_on))
    return out


def bands(pairs: list[tuple[float, bool]], edges: tuple[float, ...] = BANDS) -> list[dict]:
    """Observed precision per confidence band: < edges[0], [edges[i], edges[i+1]), >= edges[-1]."""
    rows = []
    bounds = [(0.0, edges[0])] + list(zip(edges, edges[1:])) + [(edges[-1], 1.01)]
    for lo, hi in bounds:
        inside = [y for c, y in pairs if lo <= c < hi]
        label = f"< {hi:.1f}" if lo == 0.0 else (f">= {lo:.1f}" if hi > 1 else f"{lo:.1f}-{hi:.1f}")
        rows.append({"band": label, "events": len(inside), "right": sum(inside),
                     "precision": round(sum(inside) / len(inside), 3) if inside else None})
    return rows


def high_band(pairs: list[tuple[float, bool]], at: float = HIGH) -> dict:
    inside = [y for c, y in pairs if c >= at]
    return {"events": len(inside), "right": sum(inside),
            "precision": round(sum(inside) / len(inside), 3) if inside else None}
