#!/usr/bin/env bash
# Make Debian's Chromium available for the Playwright browser tests.
# Playwright's own browser download does not work on our machines; the tests launch
# /usr/bin/chromium (or $KLANKBORD_CHROMIUM) instead. Installs it with apt-get when missing.
# Exit 0 when Chromium is there (printing its path), non-zero with a clear message otherwise.
set -u

CHROMIUM="${KLANKBORD_CHROMIUM:-/usr/bin/chromium}"

fail() {
  echo "ensure_chromium: $*" >&2
  echo "ensure_chromium: the browser tests need Debian's chromium package at $CHROMIUM." >&2
  echo "ensure_chromium: install it as root with: apt-get update && apt-get install -y chromium" >&2
  exit 1
}

works() {
  [ -x "$CHROMIUM" ] && "$CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1
}

if works; then
  echo "$CHROMIUM"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || fail "Chromium is missing and apt-get is not available here."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    fail "Chromium is missing and installing it needs root (or password-less sudo)."
  fi
fi

echo "ensure_chromium: $CHROMIUM is missing; installing Debian's chromium package (takes a minute)..." >&2
export DEBIAN_FRONTEND=noninteractive
LOG="$(mktemp -t ensure_chromium.XXXXXX)"
if ! $SUDO apt-get update >"$LOG" 2>&1; then
  tail -n 20 "$LOG" >&2
  fail "apt-get update failed (no access to Debian's package mirror?). Log: $LOG"
fi
if ! $SUDO apt-get install -y chromium >>"$LOG" 2>&1; then
  tail -n 20 "$LOG" >&2
  fail "apt-get install chromium failed. Log: $LOG"
fi
rm -f "$LOG"

works || fail "chromium was installed but $CHROMIUM does not start."
echo "$CHROMIUM"
