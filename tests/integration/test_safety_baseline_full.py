"""Every message in the repository keeps exactly its recorded SafetySignal, and no message of the
baseline has gone (``make unit`` checks a twentieth of them: tests/unit/test_safety_baseline.py)."""
from __future__ import annotations

from tests.support import safety_baseline as baseline


def test_every_message_keeps_its_recorded_safety_signal():
    diff = baseline.differences()
    assert not diff, f"{len(diff)} differences from the safety baseline, first ones:\n" + "\n".join(diff[:20])
