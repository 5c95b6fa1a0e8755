#!/usr/bin/env bash
# The whole test suite from nothing: browser, model, then pytest (unit, Rasa data and stories,
# integration against real servers, browser). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
PY=.venv/bin/python

if [ -x scripts/ensure_chromium.sh ]; then
  scripts/ensure_chromium.sh
fi
# The Redis tests start their own redis-server (never the machine's shared one).
if ! command -v redis-server >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
$PY scripts/train.py >/dev/null
mkdir -p tests/artifacts
exec $PY -m pytest -ra "$@"
