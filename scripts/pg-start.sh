#!/usr/bin/env bash
# Start a private PostgreSQL cluster on 127.0.0.1 and print its URL.
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=${PGTEST_DIR:-/tmp/ngoaigiao-pg}
PORT=${PGTEST_PORT:-54329}
RUNAS=()
if [[ $(id -u) == 0 ]]; then RUNAS=(runuser -u postgres --); fi
if [[ ! -f "$DIR/PG_VERSION" ]]; then
  rm -rf "$DIR"; mkdir -p "$DIR"
  [[ $(id -u) == 0 ]] && chown postgres "$DIR"
  "${RUNAS[@]}" "$BIN/initdb" -D "$DIR" -U ngoaigiao --auth=trust >/dev/null
fi
if ! "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
fi
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U ngoaigiao -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname='ngoaigiao_test'" | grep -q 1 || \
  "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U ngoaigiao ngoaigiao_test
echo "postgresql://ngoaigiao@127.0.0.1:$PORT/ngoaigiao_test"
