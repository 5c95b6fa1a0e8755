#!/usr/bin/env bash
# Starts Klankbord: the action server, the Rasa server and the school page, and says where to chat.
# Hosts and ports come from the environment (defaults below). Each server runs under
# scripts/keep.sh: one that dies is started again and the others go on. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077  # logs, database, key and mail files: owner only

export RASA_TELEMETRY_ENABLED=false
export KLANKBORD_RASA_HOST="${KLANKBORD_RASA_HOST:-127.0.0.1}"
export KLANKBORD_RASA_PORT="${KLANKBORD_RASA_PORT:-5005}"
export KLANKBORD_ACTION_HOST="${KLANKBORD_ACTION_HOST:-127.0.0.1}"
export KLANKBORD_ACTION_PORT="${KLANKBORD_ACTION_PORT:-5055}"
export KLANKBORD_ACTION_URL="http://$KLANKBORD_ACTION_HOST:$KLANKBORD_ACTION_PORT/webhook"
export KLANKBORD_WEB_HOST="${KLANKBORD_WEB_HOST:-127.0.0.1}"
export KLANKBORD_WEB_PORT="${KLANKBORD_WEB_PORT:-8080}"
export KLANKBORD_RASA_URL="${KLANKBORD_RASA_URL:-http://$KLANKBORD_RASA_HOST:$KLANKBORD_RASA_PORT}"
# Klankbord's web app: the chat page (framed by the school site), the demo school page, the desk.
WEB_ORIGIN="http://$KLANKBORD_WEB_HOST:$KLANKBORD_WEB_PORT"
# The school site(s) allowed to frame the chat page; the demo school page is Klankbord's own.
export KLANKBORD_SCHOOL_ORIGIN="${KLANKBORD_SCHOOL_ORIGIN:-$WEB_ORIGIN}"
PY=.venv/bin/python
# The secret Rasa sends the action server (rasa_sdk_plugins/): made anew for each start unless set.
export KLANKBORD_ACTION_SECRET="${KLANKBORD_ACTION_SECRET:-$($PY -c 'import secrets; print(secrets.token_urlsafe(32))')}"

MODEL="$($PY scripts/train.py)"
# Check the school configuration (errors name file and field) and the mail settings, migrate
# the database, and learn where notifications go, before anything listens.
WHERE="$($PY -m bot.entrypoints.cli.main check)"

mkdir -p var/log
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

: >var/log/actions.log; : >var/log/rasa.log; : >var/log/web.log
# rasa-sdk listens on SANIC_HOST (default 0.0.0.0): keep it on the configured host.
scripts/keep.sh actions var/log/actions.log env SANIC_HOST="$KLANKBORD_ACTION_HOST" \
  .venv/bin/klankbord-rasa run actions --actions actions -p "$KLANKBORD_ACTION_PORT" &
pids+=($!)
# No --enable-api: the school page needs only the REST channel, not Rasa's HTTP API.
scripts/keep.sh rasa var/log/rasa.log .venv/bin/klankbord-rasa run -m "$MODEL" --endpoints endpoints.yml \
  --credentials credentials.yml -i "$KLANKBORD_RASA_HOST" -p "$KLANKBORD_RASA_PORT" \
  --cors "$WEB_ORIGIN" "${WEB_ORIGIN/127.0.0.1/localhost}" &  # the chat page calls Rasa
pids+=($!)
scripts/keep.sh web var/log/web.log $PY -m bot.entrypoints.web &
pids+=($!)

echo "Starting Klankbord (the Rasa server needs about 35 seconds to load the model) ..."
for _ in $(seq 1 180); do
  if curl -fs "$KLANKBORD_RASA_URL/webhooks/rest/ready" >/dev/null 2>&1 \
     && curl -fs "http://$KLANKBORD_ACTION_HOST:$KLANKBORD_ACTION_PORT/health" >/dev/null 2>&1; then
    break
  fi
  sleep 1
done
curl -fs "$KLANKBORD_RASA_URL/webhooks/rest/ready" >/dev/null || { echo "Rasa did not start; see var/log/rasa.log" >&2; exit 1; }

cat <<MSG

Klankbord is running.
  Chat on the school page:   $KLANKBORD_SCHOOL_ORIGIN/
  REST webhook:              $KLANKBORD_RASA_URL/webhooks/rest/webhook
  Action server:             http://$KLANKBORD_ACTION_HOST:$KLANKBORD_ACTION_PORT
  Try it in a terminal:      curl -s -XPOST $KLANKBORD_RASA_URL/webhooks/rest/webhook \\
                               -d '{"sender":"demo","message":"ik word gepest"}'
  Desk for the aanspreekpunt: $WEB_ORIGIN/desk/   (create a user first:
                               .venv/bin/klankbord users add NAME --role aanspreekpunt)
  Reports:                   .venv/bin/klankbord reports list
$WHERE
Logs in var/log/. Press Ctrl-C to stop.
MSG
wait
