#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 refuses 3.11 and newer).
# Looks at $PYTHON, then python3.10 on PATH, then pyenv's versions, then common system paths.
set -euo pipefail

is_310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }

if [ -n "${PYTHON:-}" ]; then
  if is_310 "$PYTHON"; then echo "$PYTHON"; exit 0; fi
  echo "PYTHON=$PYTHON is not a Python 3.10 interpreter (Rasa 3.6 needs 3.10)." >&2
  exit 1
fi
candidates=()
if command -v python3.10 >/dev/null 2>&1; then candidates+=("$(command -v python3.10)"); fi
pyenv_root="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")"
for dir in "$pyenv_root"/versions/3.10.*; do
  [ -x "$dir/bin/python3.10" ] && candidates+=("$dir/bin/python3.10")
done
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10 python3)
for c in "${candidates[@]}"; do
  if command -v "$c" >/dev/null 2>&1 && is_310 "$c"; then
    # pyenv shims can point at another version: resolve to the real interpreter.
    "$c" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
cat >&2 <<'MSG'
No Python 3.10 interpreter found. Rasa 3.6 needs Python 3.10 (3.11 and newer are refused).
Install one, for example:
  pyenv install 3.10        (then run make again; pyenv's versions are found automatically)
  apt-get install python3.10 python3.10-venv
or point to one:  make PYTHON=/path/to/python3.10 run
MSG
exit 1
