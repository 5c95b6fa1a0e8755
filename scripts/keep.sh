#!/usr/bin/env bash
# keep.sh NAME LOG COMMAND...: run COMMAND (output appended to LOG) and start it again, two
# seconds after it stops, for as long as this keeper runs. scripts/run.sh starts each server
# under one, so a server that dies comes back and the others go on serving. TERM or INT to the
# keeper stops it and its server.
#
# LOG is rotated by size (scripts/rotating_log.py): past KLANKBORD_LOG_MAX_BYTES (default 10 MiB)
# it becomes LOG.1, and KLANKBORD_LOG_BACKUPS (default 5) old files are kept; all owner-only (0600).
set -uo pipefail
name=$1 log=$2
shift 2
here="$(cd "$(dirname "$0")" && pwd)"
py="$here/../.venv/bin/python"
[ -x "$py" ] || py=python3
max_bytes="${KLANKBORD_LOG_MAX_BYTES:-10485760}" backups="${KLANKBORD_LOG_BACKUPS:-5}"
if ! [[ "$max_bytes" =~ ^[0-9]+$ && "$max_bytes" -ge 1024 && "$backups" =~ ^[0-9]+$ && "$backups" -ge 1 ]]; then
  echo "keep.sh: KLANKBORD_LOG_MAX_BYTES must be a whole number of at least 1024 and KLANKBORD_LOG_BACKUPS at least 1" >&2
  exit 2
fi
child= writer= fifo_dir= opened=
stop() {
  [ -n "$child" ] && kill "$child" 2>/dev/null && wait "$child" 2>/dev/null
  # Stopped before fd 3 was open: open it (read-write never waits) so the writer's open ends too.
  [ -n "$writer" ] && [ -z "$opened" ] && exec 3<>"$fifo_dir/log"
  exec 3>&-
  [ -n "$fifo_dir" ] && rm -rf "$fifo_dir"
  # The writer ends when its input does; a grandchild of the server that still holds it gets 5 s.
  if [ -n "$writer" ]; then
    for _ in $(seq 1 50); do kill -0 "$writer" 2>/dev/null || break; sleep 0.1; done
    kill "$writer" 2>/dev/null
  fi
  exit 0
}
trap stop TERM INT
umask 077
mkdir -p "$(dirname "$log")" && : >>"$log"  # there at once, owner-only
# One writer for this keeper's lifetime, reading a FIFO on fd 3: every run of the server and the
# keeper's own lines go through it. It is not this keeper's child (started from a subshell that
# ends at once), so the keeper's only child is its server. It ends when fd 3 is closed everywhere,
# after writing the last line.
fifo_dir="$(mktemp -d)"
mkfifo "$fifo_dir/log"
writer="$( ("$py" "$here/rotating_log.py" "$log" --max-bytes "$max_bytes" --backups "$backups" \
              >/dev/null <"$fifo_dir/log" & echo $!) )"  # stdout first: the FIFO's open waits
exec 3>"$fifo_dir/log"
opened=1
rm -rf "$fifo_dir"
while true; do
  "$@" >&3 2>&1 3>&- &
  child=$!
  wait "$child"
  status=$?
  line="$(date -u +%FT%TZ) klankbord: $name stopped (exit $status); starting it again in 2 s"
  echo "$line" >&3
  echo "$line" >&2
  sleep 2 3>&- &
  wait $!
done
