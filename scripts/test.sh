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
# The Redis tests start their own redis-server (never the machine's shared one); the topology
# suite runs Debian's nginx and supervisord and a PostgreSQL cluster of its own. Never skipped:
# what is missing is installed.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v supervisord >/dev/null 2>&1 || missing+=(supervisor)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
$PY scripts/train.py >/dev/null
mkdir -p tests/artifacts
if [ $# -gt 0 ]; then
  exec $PY -m pytest -ra "$@"
fi
# The suites of pyproject.toml's testpaths, then the production topology (tests/topology/, about
# 10 minutes) in a process of its own, once the session's servers have given back their memory.
status=0
$PY -m pytest -ra || status=$?
$PY -m pytest -ra tests/topology || status=$?
exit $status
