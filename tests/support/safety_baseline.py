"""The safety baseline (tests/safety/baseline.jsonl): every message's full SafetySignal, and the
differences from it (used by scripts/safety_baseline.py and tests/unit/test_safety_baseline.py)."""
from __future__ import annotations

import json
import multiprocessing
import os
from typing import Dict, List

from tests.support.corpus import BASELINE, corpus


def signal_of(text: str) -> Dict[str, object]:
    from bot.language.safety import assess

    s = assess(text)
    return {"text": text, "category": s.category.value if s.category else None, "ambiguous": s.ambiguous,
            "matched": list(s.matched), "also": [c.value for c in s.also], "harmless": list(s.harmless)}


def current(every: int = 1) -> List[Dict[str, object]]:
    """Every message's signal (every ``every``-th one, in sorted order), on all cores (the workers
    inherit the built rules by fork)."""
    texts = sorted(corpus())[::every]
    signal_of(texts[0])
    workers = max(1, os.cpu_count() or 1)
    if workers == 1:
        return [signal_of(text) for text in texts]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(signal_of, texts, chunksize=64)


def recorded() -> Dict[str, Dict[str, object]]:
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    return {entry["text"]: entry for entry in map(json.loads, lines)}


def differences(every: int = 1) -> List[str]:
    """What differs from the baseline; with ``every`` > 1 only for every ``every``-th message
    (a quick check: the gone-from-the-repository check needs the whole corpus)."""
    old = recorded()
    out = []
    for entry in current(every):
        before = old.pop(entry["text"], None)
        if before is None:
            out.append(f"new text, not in the baseline: {entry}")
        elif before != entry:
            out.append(f"changed: {before} -> {entry}")
    if every == 1:
        out += [f"in the baseline, gone from the repository: {entry['text']!r}" for entry in old.values()]
    return out
