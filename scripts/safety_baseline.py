"""Record (or check) the safety baseline: the full SafetySignal of every message in the
repository (tests/safety/, tests/nlu_holdout/, data/nlu/), one JSON line each, sorted by text.

    .venv/bin/python scripts/safety_baseline.py           # check: prints the differences, exit 1 if any
    .venv/bin/python scripts/safety_baseline.py --record  # write tests/safety/baseline.jsonl anew

A change of the safety rules that changes a signal is re-recorded on purpose, and the diff of
baseline.jsonl is reviewed (and named in the closing note). tests/unit/test_safety_baseline.py
runs the check in `make unit`.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.corpus import BASELINE, corpus  # noqa: E402


def signal_of(text: str) -> Dict[str, object]:
    from bot.safety import assess

    s = assess(text)
    return {"text": text, "category": s.category.value if s.category else None, "ambiguous": s.ambiguous,
            "matched": list(s.matched), "also": [c.value for c in s.also], "harmless": list(s.harmless)}


def current() -> List[Dict[str, object]]:
    """Every message's signal, on all cores (the workers inherit the built rules by fork)."""
    texts = sorted(corpus())
    signal_of(texts[0])
    workers = max(1, os.cpu_count() or 1)
    if workers == 1:
        return [signal_of(text) for text in texts]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(signal_of, texts, chunksize=64)


def recorded() -> Dict[str, Dict[str, object]]:
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    return {entry["text"]: entry for entry in map(json.loads, lines)}


def differences() -> List[str]:
    old = recorded()
    out = []
    for entry in current():
        before = old.pop(entry["text"], None)
        if before is None:
            out.append(f"new text, not in the baseline: {entry}")
        elif before != entry:
            out.append(f"changed: {before} -> {entry}")
    out += [f"in the baseline, gone from the repository: {entry['text']!r}" for entry in old.values()]
    return out


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
