#!/usr/bin/env bash
# The whole test suite from nothing: browser, the unit tests while the model trains, then pytest
# (Rasa data and stories, integration against real servers, browser) and the production topology.
# Extra arguments go to pytest (after training).
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
mkdir -p tests/artifacts
if [ $# -gt 0 ]; then
  $PY scripts/train.py >/dev/null
  exec $PY -m pytest -ra "$@"
fi
# The model trains (about 1.3 of the 2 cores) while the unit tests, which need no model, use the
# rest; its log goes to tests/artifacts/training.log. Then the suites of pyproject.toml's testpaths
# that need the model, then the production topology (tests/topology/, about 10 minutes) in a
# process of its own, once the session's servers have given back their memory.
$PY scripts/train.py >/dev/null 2>tests/artifacts/training.log &
training=$!
status=0
$PY -m pytest -ra tests/unit || status=$?
if ! wait $training; then
  tail -n 40 tests/artifacts/training.log >&2
  echo "training the model failed (tests/artifacts/training.log)" >&2
  exit 1
fi
$PY -m pytest -ra --durations=25 --ignore=tests/unit || status=$?
$PY -m pytest -ra tests/topology || status=$?
exit $status
