#!/usr/bin/env bash
# scripts/audit.sh        (make audit): look up every locked package (constraints.txt) in the
#                         advisory services pip-audit knows (PyPI, then OSV for what PyPI left).
# scripts/audit.sh lock   remake constraints.txt from the installed .venv (pins and hashes).
#
# The tools live in their own venv (.venv-audit, or $AUDIT_VENV), never in .venv: pip-audit's
# and pip-tools' dependencies must not move Rasa's pins. Exit codes:
#   0  every locked package was looked up; no advisory other than the reviewed ones in
#      audit-allowlist.toml
#   1  an advisory that is not in the allow-list (upgrade, or review and add it)
#   2  the audit could not be set up (tool install, constraints.txt behind pyproject.toml,
#      a malformed allow-list entry)
#   3  NO AUDIT: no advisory service answered for some or all packages; nothing is claimed
#      about them (.ci/run reports this and goes on; any other failure fails CI)
set -euo pipefail
cd "$(dirname "$0")/.."

AUDIT_VENV="${AUDIT_VENV:-.venv-audit}"
LOCK=constraints.txt
ALLOW=audit-allowlist.toml
PIP_AUDIT_VERSION=2.10.1
PIP_TOOLS_VERSION=7.4.1

tools() {
  if [ ! -x "$AUDIT_VENV/bin/pip-audit" ] || [ ! -x "$AUDIT_VENV/bin/pip-compile" ] \
     || ! "$AUDIT_VENV/bin/pip-audit" --version 2>/dev/null | grep -qx "pip-audit $PIP_AUDIT_VERSION"; then
    local python log
    python="$(scripts/find_python.sh)" || exit 2
    log="$(mktemp)"
    echo "Setting up $AUDIT_VENV (pip-audit $PIP_AUDIT_VERSION, pip-tools $PIP_TOOLS_VERSION) ..."
    if ! { { [ -x "$AUDIT_VENV/bin/python" ] || "$python" -m venv "$AUDIT_VENV"; } \
           && "$AUDIT_VENV/bin/python" -m pip install --quiet --upgrade "pip<25" \
           && "$AUDIT_VENV/bin/python" -m pip install --quiet "pip-audit==$PIP_AUDIT_VERSION" \
                "pip-tools==$PIP_TOOLS_VERSION" "tomli>=2" "packaging>=23"; } >"$log" 2>&1; then
      grep -v ' is ignored' "$log" >&2
      echo "audit: could not install the audit tools into $AUDIT_VENV" >&2
      rm -f "$log"
      exit 2
    fi
    rm -f "$log"
  fi
  # Git ignores the whole venv (as Python 3.13's venv does for itself).
  [ -f "$AUDIT_VENV/.gitignore" ] || printf '# made by scripts/audit.sh\n*\n' >"$AUDIT_VENV/.gitignore"
}

if [ "${1:-}" = "lock" ]; then
  tools
  [ -x .venv/bin/pip ] || { echo "audit: no .venv to lock (run make setup first)" >&2; exit 2; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # The versions the one resolve chose (pip check passed on them); pip-compile only adds hashes
  # (PyPI's per-project JSON; every file of each version) and the "via" notes.
  .venv/bin/pip freeze --all --exclude-editable 2>/dev/null | grep -v '^pip==' >"$work/installed.txt"
  echo "Locking $(wc -l <"$work/installed.txt") packages (pip-compile; some minutes) ..."
  "$AUDIT_VENV/bin/pip-compile" --quiet --extra dev --generate-hashes --allow-unsafe --strip-extras \
    --no-emit-index-url --no-emit-find-links --no-header -c "$work/installed.txt" \
    -o "$work/compiled.txt" pyproject.toml
  "$AUDIT_VENV/bin/python" - "$work/compiled.txt" "$LOCK" <<'PY'
import sys
from pathlib import Path

HEADER = """\
# The whole dependency set of Klankbord (`pip install -e '.[dev]'`, Python 3.10, Linux x86-64),
# pinned with the hash of every file PyPI serves for each version: reproducible installs, and the
# set `make audit` checks. Made from the installed .venv (pip-compile --generate-hashes with
# .venv's `pip freeze` as constraints, so the versions are the ones the one resolve chose and
# `pip check` passed); remake it with `scripts/audit.sh lock` after a change to pyproject.toml.
#
# A reproducible install, hash-checked (the project itself last, without build isolation):
#   python3.10 -m venv .venv
#   .venv/bin/pip install --require-hashes --no-deps -r constraints.txt
#   .venv/bin/pip install --no-deps --no-build-isolation -e . && .venv/bin/pip check
# Or as constraints for the usual install: .venv/bin/pip install -c constraints.txt -e '.[dev]'
"""
lines = [l for l in Path(sys.argv[1]).read_text().splitlines() if not l.startswith("    #   -c ")]
out, i = [], 0
while i < len(lines):  # a "via" left with one name goes on one line, as pip-compile writes it
    if lines[i] == "    # via":
        j = i + 1
        while j < len(lines) and lines[j].startswith("    #   "):
            j += 1
        names = [l[8:] for l in lines[i + 1:j]]
        out += [f"    # via {names[0]}"] if len(names) == 1 else lines[i:j]
        i = j
    else:
        out.append(lines[i])
        i += 1
Path(sys.argv[2]).write_text(HEADER + "\n".join(out) + "\n")
PY
  echo "Wrote $LOCK ($(grep -c '==' "$LOCK") packages)."
  exit 0
fi

[ $# -eq 0 ] || { echo "usage: scripts/audit.sh [lock]" >&2; exit 2; }
tools
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
installed="$work/installed.txt"
if [ -x .venv/bin/pip ]; then
  .venv/bin/pip freeze --all --exclude-editable 2>/dev/null >"$installed" || : >"$installed"
else
  : >"$installed"
fi
# Each service separately: PyPI first; OSV for the packages PyPI did not answer for. A service
# that cannot be reached leaves no report (pip-audit stops) or marks every package skipped. One
# look-up first (10 s), so a service that does not answer costs seconds, not a time-out a package.
# (AUDIT_SKIP_PROBE=1 leaves that to pip-audit: tests/unit/test_audit.py stands in for it.)
for service in pypi osv; do
  if [ "${AUDIT_SKIP_PROBE:-}" != 1 ] && ! "$AUDIT_VENV/bin/python" - "$service" "$LOCK" >"$work/$service.log" 2>&1 <<'PY'
import json, re, sys, urllib.request
service, lock = sys.argv[1:3]
name, version = re.search(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", open(lock).read(), re.M).groups()
if service == "pypi":
    url, data = f"https://pypi.org/pypi/{name}/{version}/json", None
else:
    url = "https://api.osv.dev/v1/query"
    data = json.dumps({"package": {"name": name, "ecosystem": "PyPI"}, "version": version}).encode()
try:
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=10) as answer:
        json.loads(answer.read())
except Exception as error:  # any failure: this service cannot be used from here
    sys.exit(f"probe {url}: {error}")
PY
  then
    continue
  fi
  timeout 900 "$AUDIT_VENV/bin/pip-audit" -r "$LOCK" --disable-pip -s "$service" -f json --desc off \
    --aliases on --progress-spinner off --timeout 15 -o "$work/$service.json" >"$work/$service.log" 2>&1 || true
done
exec "$AUDIT_VENV/bin/python" - "$LOCK" "$ALLOW" "$work" "$installed" <<'PY'
"""Judge pip-audit's reports: which packages were really looked up, which advisories are new."""
import json
import re
import sys
from pathlib import Path

import tomli
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

lock_path, allow_path, work, installed_path = sys.argv[1:5]
work = Path(work)
SETUP, FOUND, NO_AUDIT = 2, 1, 3


def pins_of(text):
    return {canonicalize_name(m.group(1)): m.group(2)
            for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", text, re.M)}


locked = pins_of(Path(lock_path).read_text())

# constraints.txt must still satisfy pyproject.toml (a floor raised there, the lock not remade).
project = tomli.loads(Path("pyproject.toml").read_text())["project"]
wanted = list(project["dependencies"]) + [r for rs in project.get("optional-dependencies", {}).values() for r in rs]
behind = []
for line in wanted:
    req = Requirement(line)
    have = locked.get(canonicalize_name(req.name))
    if req.marker is not None and not req.marker.evaluate({"python_version": "3.10", "extra": ""}):
        continue
    if have is None or (req.specifier and not req.specifier.contains(have, prereleases=True)):
        behind.append(f"{req} (locked: {have or 'missing'})")
if behind:
    print(f"audit: {lock_path} does not satisfy pyproject.toml: " + "; ".join(behind)
          + ". Install, then remake it: scripts/audit.sh lock")
    sys.exit(SETUP)

# The reviewed exceptions: each names the advisory, the package and why it does not reach us.
allowed = {}
for n, entry in enumerate(tomli.loads(Path(allow_path).read_text()).get("allow", []), 1):
    missing = [k for k in ("id", "package", "why", "reviewed") if not str(entry.get(k, "")).strip()]
    if missing:
        print(f"audit: {allow_path}: entry {n} lacks {', '.join(missing)}")
        sys.exit(SETUP)
    allowed[(entry["id"].upper(), canonicalize_name(entry["package"]))] = entry

# What each service really answered for.
looked_up, skipped, vulns, notes = {}, {}, {}, []
for service in ("pypi", "osv"):
    report = work / f"{service}.json"
    if not report.exists():
        log = (work / f"{service}.log").read_text(errors="replace").strip().splitlines()
        notes.append(f"{service}: no answer ({(log[-1] if log else 'no output')[:200]})")
        continue
    answered = 0
    for dep in json.loads(report.read_text())["dependencies"]:
        name = canonicalize_name(dep["name"])
        if "skip_reason" in dep:
            skipped.setdefault(name, dep["skip_reason"])
            continue
        answered += 1
        looked_up.setdefault(name, service)
        for v in dep.get("vulns", []):
            ids = {v["id"].upper(), *(a.upper() for a in v.get("aliases", []))}
            vulns.setdefault((name, v["id"]), (dep.get("version", locked.get(name)), ids, v.get("fix_versions", [])))
    notes.append(f"{service}: answered for {answered} of {len(locked)} packages")

not_looked_up = sorted(set(locked) - set(looked_up))
new, known = [], []
for (name, vid), (version, ids, fixes) in sorted(vulns.items()):
    entry = next((allowed[(i, name)] for i in ids if (i, name) in allowed), None)
    line = f"{name} {version}: {vid} ({', '.join(sorted(ids - {vid.upper()})) or 'no alias'}), fixed in {', '.join(fixes) or 'no release'}"
    (known if entry else new).append(line + (f" -- allowed: {' '.join(entry['why'].split())}" if entry else ""))

print(f"audit of {lock_path}: {len(locked)} locked packages; " + "; ".join(notes))
for line in known:
    print("  reviewed, does not reach us: " + line)
for line in new:
    print("  ADVISORY: " + line)

# The installed .venv against the lock: a difference is told, the lock is what was audited.
installed = pins_of(Path(installed_path).read_text()) if Path(installed_path).stat().st_size else {}
installed.pop("pip", None)
drift = sorted(f"{n} {installed.get(n, '-')} installed, {locked.get(n, '-')} locked"
               for n in set(installed) | set(locked) if installed and installed.get(n) != locked.get(n))
if drift:
    print(f"  note: .venv differs from {lock_path} ({len(drift)}): " + "; ".join(drift[:10])
          + (" ..." if len(drift) > 10 else "") + " -- scripts/audit.sh lock remakes it")

if new:
    print(f"audit FAILED: {len(new)} advisor{'y' if len(new) == 1 else 'ies'} in the locked set not in {allow_path}"
          + (f" (and {len(not_looked_up)} packages could not be looked up)" if not_looked_up else ""))
    sys.exit(FOUND)
if not_looked_up:
    reasons = sorted({skipped.get(n, "no service answered").split(":")[0] for n in not_looked_up})
    print(f"NO AUDIT: no advisory service answered for {len(not_looked_up)} of {len(locked)} locked packages "
          f"({'; '.join(reasons)}), e.g. {', '.join(not_looked_up[:5])}. Nothing is claimed about them: "
          "they were not checked. pip-audit needs https://pypi.org/pypi/NAME/VERSION/json or https://api.osv.dev.")
    sys.exit(NO_AUDIT)
stale = [f"{i} ({p})" for (i, p) in allowed if not any(i in ids and p == n for (n, _), (_, ids, _) in vulns.items())]
if stale:
    print(f"  note: allow-list entries no longer found (remove them): {', '.join(stale)}")
print(f"audit passed: all {len(locked)} locked packages looked up; "
      f"{len(known)} reviewed advisories, none other.")
PY
