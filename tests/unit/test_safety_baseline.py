"""The safety net gives messages of the repository exactly the recorded SafetySignal
(tests/safety/baseline.jsonl; re-record with scripts/safety_baseline.py --record and review the
diff). Here every twentieth message, to keep ``make unit`` quick; every message in
tests/integration/test_safety_baseline_full.py (``make test``)."""
from __future__ import annotations

from tests.support import safety_baseline as baseline

QUICK_SAMPLE = 20  # every twentieth message of the sorted corpus


def test_a_sample_of_the_messages_keep_their_recorded_safety_signal():
    diff = baseline.differences(every=QUICK_SAMPLE)
    assert not diff, f"{len(diff)} differences from the safety baseline, first ones:\n" + "\n".join(diff[:20])


def test_the_baseline_covers_every_kind_of_signal():
    entries = list(baseline.recorded().values())
    assert len(entries) > 7000
    categories = {e["category"] for e in entries}
    assert {"crisis", "acuut_gevaar", "strafbaar_feit", "onveilig_thuis", None} <= categories
    assert any(e["ambiguous"] for e in entries) and any(e["also"] for e in entries)
    assert any(e["harmless"] for e in entries)
