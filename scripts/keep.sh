#!/usr/bin/env bash
# keep.sh NAME LOG COMMAND...: run COMMAND (output appended to LOG) and start it again, two
# seconds after it stops, for as long as this keeper runs. scripts/run.sh starts each server
# under one, so a server that dies comes back and the others go on serving. TERM or INT to the
# keeper stops it and its server.
set -uo pipefail
name=$1 log=$2
shift 2
child=
stop() { [ -n "$child" ] && kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0; }
trap stop TERM INT
while true; do
  "$@" >>"$log" 2>&1 &
  child=$!
  wait "$child"
  status=$?
  echo "$(date -u +%FT%TZ) klankbord: $name stopped (exit $status); starting it again in 2 s" | tee -a "$log" >&2
  sleep 2 &
  wait $!
done
