"""scripts/score_texts.py as a module: every text the assistant can send, rendered per writer."""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "score_texts.py"


@lru_cache(maxsize=1)
def score_texts() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_texts", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
