"""Property-based run of the whole API against its own OpenAPI schema
(schemathesis): no input may produce a server error, and every response must
match the documented status codes, content types and shapes."""
from __future__ import annotations

import os
import tempfile

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

from ngoaigiao.store import open_store  # noqa: E402
from ngoaigiao.web import create_app  # noqa: E402
from web_fixtures import fixture_records  # noqa: E402


_TMP = tempfile.TemporaryDirectory(prefix="ngoaigiao-schema-")
_STORE = open_store(os.path.join(_TMP.name, "kb.db"))
for _rec in fixture_records():
    _STORE.ingest_record(_rec)
# Read-only app: POST /api/import must answer 403, never 500.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_STORE))


@pytest.fixture(scope="module", autouse=True)
def _cleanup():
    yield
    _STORE.close()
    _TMP.cleanup()


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate(checks=[checks.not_a_server_error, checks.status_code_conformance,
                                   checks.content_type_conformance, checks.response_schema_conformance])
