#!/usr/bin/env bash
# Load test with wrk (Debian package `wrk`), a native client, so the client's own
# CPU use does not count against the server as it does in bench_api.py.
# Needs the database bench_api.py builds (100,000 events):
#   PYTHONPATH=src python benchmarks/bench_api.py --duration 1   # builds benchmarks/out/bench_api.db
#   bash benchmarks/wrk_api.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
DB=benchmarks/out/bench_api.db
SECS=${1:-60}
PORT=${PORT:-8871}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[[ -f $DB ]] || { echo "$DB not found: run benchmarks/bench_api.py first" >&2; exit 2; }
PY=${PYTHON:-.venv/bin/python}
PYTHONPATH=src "$PY" -m ngoaigiao serve --db "$DB" --port "$PORT" --workers 2 >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/api/stats" >/dev/null 2>&1 && break; sleep 0.2; done
echo "baseline: static file"
wrk -t2 -c32 -d"$((SECS / 6 + 1))s" --latency "http://127.0.0.1:$PORT/static/style.css" | grep -E "Requests/sec|50%|99%|errors"
echo "events API (country filter), 32 connections, ${SECS}s"
wrk -t2 -c32 -d"${SECS}s" --latency "http://127.0.0.1:$PORT/api/events?limit=20&country=CN" | grep -E "Requests/sec|50%|99%|errors|Non-2xx"
echo "events API (no filters: newest first, total over every event), 32 connections, ${SECS}s"
wrk -t2 -c32 -d"${SECS}s" --latency "http://127.0.0.1:$PORT/api/events" | grep -E "Requests/sec|50%|99%|errors|Non-2xx"
echo "person page (HTML), 32 connections, ${SECS}s"
wrk -t2 -c32 -d"${SECS}s" --latency "http://127.0.0.1:$PORT/persons/1" | grep -E "Requests/sec|50%|99%|errors|Non-2xx"
