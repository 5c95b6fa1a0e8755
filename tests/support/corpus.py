"""Every message text the repository holds: the NLU training data, the held-out intents and the
safety sets, read from their YAML files (for the safety baseline, tests/safety/baseline.jsonl)."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterator, List

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "tests" / "safety", ROOT / "tests" / "nlu_holdout", ROOT / "data" / "nlu"]
BASELINE = ROOT / "tests" / "safety" / "baseline.jsonl"


def _examples(block: str) -> Iterator[str]:
    for line in block.splitlines():
        line = line.strip()
        if line.startswith("- "):
            yield line[2:].strip()


def _texts(data) -> Iterator[str]:
    if isinstance(data, dict) and isinstance(data.get("nlu"), list):  # Rasa NLU format
        for entry in data["nlu"]:
            if isinstance(entry, dict) and isinstance(entry.get("examples"), str):
                yield from _examples(entry["examples"])
    elif isinstance(data, dict):  # safety sets: category -> list of messages
        for value in data.values():
            if isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))


def corpus() -> Dict[str, List[str]]:
    """Each message text, with the files (relative paths) it appears in."""
    found: Dict[str, List[str]] = {}
    for source in SOURCES:
        for path in sorted(source.rglob("*.yml")):
            for text in _texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
                found.setdefault(text, []).append(str(path.relative_to(ROOT)))
    return found
