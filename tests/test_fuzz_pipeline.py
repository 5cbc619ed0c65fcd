"""Fuzzing `pipeline.process` with mutated pages (issue 13): whatever the bytes, the only
exception that may escape is InputError, and what comes out can be written as UTF-8
JSON. Bounded for CI (NGOAIGIAO_FUZZ_EXAMPLES, default 60); the long run is
benchmarks/fuzz_pipeline.py."""
from __future__ import annotations

import json
import os

from fuzz_pages import OPS, PAYLOADS, SEEDS, mutate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ngoaigiao.errors import InputError
from ngoaigiao.pipeline import process

EXAMPLES = int(os.environ.get("NGOAIGIAO_FUZZ_EXAMPLES", "60"))
ops = st.lists(st.tuples(st.integers(0, len(OPS) - 1), st.floats(0, 1), st.integers(0, 10 * len(PAYLOADS))),
               min_size=1, max_size=6)


def check(name: str, data: bytes) -> None:
    try:
        article = process(data, id="fuzz", source=name)
    except InputError as exc:
        assert str(exc).startswith(f"{name}: ") and "\n" not in exc.reason
        return
    json.dumps(article.to_record(with_text=True), ensure_ascii=False).encode("utf-8")


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seed=st.sampled_from(SEEDS), mutation=ops, keep_utf8=st.booleans())
def test_mutated_pages_raise_only_input_error(seed, mutation, keep_utf8):
    name, data = seed
    check(name, mutate(data, mutation, keep_utf8))


@settings(max_examples=max(10, EXAMPLES // 3), deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400))
def test_arbitrary_text_raises_only_input_error(text):
    check("t.txt", (SEEDS[0][1].decode() + text).encode("utf-8", "surrogatepass"))
    try:
        process(SEEDS[0][1].decode() + text, id="fuzz", source="t.txt")   # str input, as JSONL gives
    except InputError:
        pass


def test_known_crashers():
    """Inputs that crashed before issue 13 (found by the fuzzer and by hand)."""
    txt = SEEDS[0][1]
    for data in (txt.replace(b"12/06/2024", b"31/04/2024"), txt.replace(b"12/06/2024", b"29/02/2023"),
                 txt.replace(b"12/06/2024", b"31/04/2024").replace(b"Chi\xe1\xbb\x81u 12/6,", b"")):
        check("k.txt", data)
