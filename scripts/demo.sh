#!/usr/bin/env bash
# The main job on the embedded default: set up, ingest the example articles
# into ngoaigiao.db (SQLite), serve the web app on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ngoaigiao ingest examples/ --db "${NGOAIGIAO_DB:-ngoaigiao.db}"
exec .venv/bin/ngoaigiao serve --db "${NGOAIGIAO_DB:-ngoaigiao.db}" --host 127.0.0.1 --port "${PORT:-8000}"
