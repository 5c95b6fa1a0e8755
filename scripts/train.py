"""Train the Rasa model when data, domain or config changed, and not otherwise.

The model file is named after a hash of its inputs (models/klankbord-<hash>.tar.gz), so an
unchanged project reuses the model without starting Rasa at all. Prints the model path.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "domain.yml", ROOT / "config.yml", ROOT / "data"]
MODELS = ROOT / "models"
# bot/language/safety.py only wires the (untrained) safety rules to the pipeline: see inputs_hash.
TRAINED_CODE = sorted(p for p in (ROOT / "bot" / "language").glob("*.py") if p.name != "safety.py") + [
    ROOT / "bot" / "adapters" / "rasa" / "entity_normalizer.py",
    ROOT / "bot" / "adapters" / "rasa" / "intent_vote.py",
]


def inputs_hash() -> str:
    digest = hashlib.sha256()
    files = []
    for path in INPUTS:
        files += sorted(p for p in path.rglob("*.yml")) if path.is_dir() else [path]
    for f in files:
        digest.update(str(f.relative_to(ROOT)).encode())
        digest.update(f.read_bytes())
    # The code of the trained NLU components shapes the model too. Not the SafetyNet and the rules
    # it runs (bot/domain/safety, bot/language/safety.py): it is not trained (is_trainable=False),
    # Rasa loads its code at run time, so changing it needs no new model.
    for f in TRAINED_CODE:
        digest.update(f.read_bytes())
    return digest.hexdigest()[:12]


def main() -> int:
    name = f"klankbord-{inputs_hash()}"
    target = MODELS / f"{name}.tar.gz"
    if target.is_file():
        print(f"model up to date: {target.relative_to(ROOT)}", file=sys.stderr)
        print(target)
        return 0
    MODELS.mkdir(exist_ok=True)
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    cmd = [str(Path(sys.executable).parent / "rasa"), "train", "--fixed-model-name", name,
           "--out", str(MODELS), "--domain", "domain.yml", "--config", "config.yml", "--data", "data"]
    print("training the Rasa model (a few minutes on 2 cores) ...", file=sys.stderr)
    result = subprocess.run(cmd, cwd=ROOT, env=env, stdout=sys.stderr)
    if result.returncode != 0 or not target.is_file():
        print("rasa train failed", file=sys.stderr)
        return result.returncode or 1
    for old in sorted(MODELS.glob("klankbord-*.tar.gz"), key=lambda p: p.stat().st_mtime)[:-2]:
        old.unlink()
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
