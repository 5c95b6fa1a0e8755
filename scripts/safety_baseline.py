"""Record (or check) the safety baseline: the full SafetySignal of every message in the
repository (tests/safety/, tests/nlu_holdout/, data/nlu/), one JSON line each, sorted by text.

    .venv/bin/python scripts/safety_baseline.py           # check: prints the differences, exit 1 if any
    .venv/bin/python scripts/safety_baseline.py --record  # write tests/safety/baseline.jsonl anew

A change of the safety rules that changes a signal is re-recorded on purpose, and the diff of
baseline.jsonl is reviewed (and named in the closing note). tests/unit/test_safety_baseline.py (a sample) and tests/integration/test_safety_baseline_full.py (all)
runs the check in `make unit`.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.corpus import BASELINE  # noqa: E402
from tests.support.safety_baseline import current, differences  # noqa: E402


def main() -> int:
    if "--record" in sys.argv:
        entries = current()
        BASELINE.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")
        print(f"recorded {len(entries)} signals in {BASELINE}")
        return 0
    diff = differences()
    print("\n".join(diff) if diff else "the safety baseline holds")
    return 1 if diff else 0


if __name__ == "__main__":
    raise SystemExit(main())
