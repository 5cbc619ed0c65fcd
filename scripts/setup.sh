#!/usr/bin/env bash
# Set up a virtual environment in .venv with ngoaigiao installed.
#   scripts/setup.sh          runtime only
#   scripts/setup.sh --test   also test tools, Java (Spark), PostgreSQL and Chromium from Debian
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
WITH_TEST=0
[[ "${1:-}" == "--test" ]] && WITH_TEST=1

if [[ $WITH_TEST == 1 ]]; then
  need=()
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  if (( ${#need[@]} )); then
    if [[ $(id -u) == 0 ]]; then SUDO=""; else SUDO="sudo"; fi
    echo "setup: installing Debian packages: ${need[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating .venv" >&2
  $PY -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi
if [[ $WITH_TEST == 1 ]]; then
  .venv/bin/pip install -q -e ".[test]"
else
  .venv/bin/pip install -q -e .
fi
