"""`make audit` (scripts/audit.sh) judges pip-audit's reports honestly: a package no service looked
up is never counted as checked (exit 3, "NO AUDIT"), an advisory outside audit-allowlist.toml fails
(exit 1), a reviewed one passes with its reason. pip-audit is replaced by a stand-in that answers as
a reachable or unreachable service would; the lock, the allow-list and pyproject.toml are the real
ones (so this also checks that constraints.txt still satisfies pyproject.toml)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional

import pytest

from tests.support.servers import ROOT

AUDIT = ROOT / "scripts" / "audit.sh"
LOCKED = dict(re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", (ROOT / "constraints.txt").read_text(), re.M))

FAKE_PIP_AUDIT = """#!/usr/bin/env bash
# Stand-in for pip-audit: copies $FAKE_REPORTS/<service>.json to -o, or fails as an unreachable service.
if [ "${1:-}" = "--version" ]; then echo "pip-audit 2.10.1"; exit 0; fi
service=pypi out=
while [ $# -gt 0 ]; do
  case "$1" in -s) service=$2; shift ;; -o) out=$2; shift ;; esac
  shift
done
if [ -f "$FAKE_REPORTS/$service.json" ]; then cp "$FAKE_REPORTS/$service.json" "$out"; echo "No known vulnerabilities found"; exit 0; fi
echo "requests.exceptions.ConnectionError: Failed to resolve 'api.$service.example'" >&2
exit 1
"""


def report(answered: Dict[str, list], skipped=()) -> dict:
    deps = [{"name": n, "version": LOCKED[n], "vulns": v} for n, v in answered.items()]
    deps += [{"name": n, "skip_reason": f"Dependency not found on PyPI and could not be audited: {n}"} for n in skipped]
    return {"dependencies": deps, "fixes": []}


def run_audit(tmp_path: Path, pypi: Optional[dict], osv: Optional[dict]) -> subprocess.CompletedProcess:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "pip-audit").write_text(FAKE_PIP_AUDIT)
    (venv / "bin" / "pip-compile").write_text("#!/bin/sh\nexit 1\n")
    (venv / "bin" / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')  # tomli, packaging
    for tool in ("pip-audit", "pip-compile", "python"):
        (venv / "bin" / tool).chmod(0o755)
    reports = tmp_path / "reports"
    reports.mkdir()
    for service, content in (("pypi", pypi), ("osv", osv)):
        if content is not None:
            (reports / f"{service}.json").write_text(json.dumps(content))
    env = {**os.environ, "AUDIT_VENV": str(venv), "FAKE_REPORTS": str(reports), "AUDIT_SKIP_PROBE": "1"}
    return subprocess.run([str(AUDIT)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def clean(vulns: Dict[str, list]) -> dict:
    """Every locked package looked up; ``vulns`` by package name."""
    return report({name: vulns.get(name, []) for name in LOCKED})


def test_no_service_answering_is_no_audit_and_says_so(tmp_path):
    done = run_audit(tmp_path, report({}, skipped=LOCKED), None)  # PyPI: 404 for every version; OSV: no DNS
    assert done.returncode == 3, done.stdout + done.stderr
    assert f"NO AUDIT: no advisory service answered for {len(LOCKED)} of {len(LOCKED)}" in done.stdout
    assert "osv: no answer" in done.stdout and "passed" not in done.stdout


def test_a_partly_answered_audit_is_no_audit_either(tmp_path):
    names = sorted(LOCKED)
    half = report({n: [] for n in names[:100]}, skipped=names[100:])
    done = run_audit(tmp_path, half, None)
    assert done.returncode == 3 and f"for {len(names) - 100} of {len(names)} locked packages" in done.stdout


def test_what_pypi_left_is_looked_up_in_osv(tmp_path):
    names = sorted(LOCKED)
    done = run_audit(tmp_path, report({n: [] for n in names[:100]}, skipped=names[100:]),
                     report({n: [] for n in names[100:]}))
    assert done.returncode == 0, done.stdout
    assert f"audit passed: all {len(names)} locked packages looked up" in done.stdout


def test_an_advisory_not_in_the_allow_list_fails(tmp_path):
    vuln = {"id": "GHSA-xxxx-yyyy-zzzz", "aliases": ["CVE-2099-0001"], "fix_versions": ["99.0"]}
    done = run_audit(tmp_path, clean({"flask": [vuln]}), None)
    assert done.returncode == 1, done.stdout
    assert "ADVISORY: flask 3.1.3: GHSA-xxxx-yyyy-zzzz (CVE-2099-0001), fixed in 99.0" in done.stdout
    assert "audit FAILED: 1 advisory" in done.stdout


def test_a_reviewed_advisory_passes_with_its_reason_and_only_for_its_package(tmp_path):
    reviewed = {"id": "GHSA-8495-4g3g-x7pr", "aliases": ["CVE-2024-52304"], "fix_versions": ["3.10.11"]}
    done = run_audit(tmp_path, clean({"aiohttp": [reviewed]}), None)
    assert done.returncode == 0, done.stdout
    assert "reviewed, does not reach us: aiohttp 3.9.5: GHSA-8495-4g3g-x7pr" in done.stdout
    assert "allowed: Request smuggling" in done.stdout and "Klankbord runs no aiohttp server" in done.stdout
    assert "allow-list entries no longer found (remove them): CVE-2025-53643 (aiohttp)" in done.stdout
    # The same id on another package is not covered by that review.
    done = run_audit(tmp_path / "other", clean({"sanic": [reviewed]}), None)
    assert done.returncode == 1 and "ADVISORY: sanic" in done.stdout


def test_every_allow_list_entry_is_complete():
    tomli = pytest.importorskip("tomli")
    entries = tomli.loads((ROOT / "audit-allowlist.toml").read_text())["allow"]
    assert entries
    for entry in entries:
        assert {"id", "package", "pinned_by", "why", "reviewed"} <= set(entry), entry
        assert entry["package"] in LOCKED or entry["package"].lower() in {n.lower() for n in LOCKED}, entry
