#!/usr/bin/env bash
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=${PGTEST_DIR:-/tmp/ngoaigiao-pg}
RUNAS=()
if [[ $(id -u) == 0 ]]; then RUNAS=(runuser -u postgres --); fi
"${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
