"""After every attack (this file runs last in the suite): the canary is in no log, no database
file and no mail, and the Rasa process kept its memory."""
from __future__ import annotations

import pytest

from tests.support.attacked import CANARY

pytestmark = pytest.mark.integration


def test_no_attack_text_reached_a_log_the_database_or_the_outbox(attacked):
    workdir = attacked.stack.workdir
    checked = []
    for path in sorted(p for p in workdir.rglob("*") if p.is_file()):
        if path.name == "figures.txt":
            continue
        data = path.read_bytes()
        checked.append(f"{path.relative_to(workdir)} ({len(data):,} bytes)")
        assert CANARY.encode() not in data, f"the canary is in {path}"
        assert CANARY.encode("utf-16-le") not in data, f"the canary is in {path}"
    attacked.note("canary looked for in: " + ", ".join(checked))
    assert any(c.startswith("rasa.log") for c in checked) and any(c.startswith("actions.log") for c in checked)


def test_the_rasa_process_kept_its_memory(attacked):
    after = attacked.rss()
    ratio = after / attacked.rss_before
    attacked.note(f"Rasa RSS before the suite {attacked.rss_before / 2**20:.0f} MiB, after {after / 2**20:.0f} MiB "
                  f"({ratio:.2f}x)")
    assert ratio <= 1.2
