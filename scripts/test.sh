#!/usr/bin/env bash
# Set up everything the tests need (venv, Java, PostgreSQL, Chromium) and run them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
# A throwaway PostgreSQL server on loopback for the store tests.
if [[ -z "${NGOAIGIAO_TEST_PG:-}" ]]; then
  if url=$(bash scripts/pg-start.sh); then
    export NGOAIGIAO_TEST_PG="$url"
    trap 'bash scripts/pg-stop.sh || true' EXIT
  else
    echo "test: PostgreSQL could not be started; postgres tests will be skipped" >&2
  fi
fi
# With a C compiler the setup above compiled the extraction modules: tests/test_compiled.py fails
# (instead of skipping) if they are not in use
command -v "${CC:-cc}" >/dev/null 2>&1 && export NGOAIGIAO_EXPECT_COMPILED=${NGOAIGIAO_EXPECT_COMPILED:-1}
.venv/bin/python -m pytest -q "$@"
