"""Train the Rasa model when data, domain or config changed, and not otherwise.

The model file is named after a hash of its inputs (models/klankbord-<hash>.tar.gz), so an
unchanged project reuses the model without starting Rasa at all. Prints the model path.
Beside the model, klankbord-<hash>.training.json records how long training took (in all and per
component, from Rasa's log) and the load average, for `make nlu-bench`.

    .venv/bin/python scripts/train.py                                 # config.yml into models/
    .venv/bin/python scripts/train.py --config X.yml --out /tmp/exp/x # a variant, elsewhere
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config.yml"
INPUTS = [ROOT / "domain.yml", CONFIG, ROOT / "data"]
MODELS = ROOT / "models"
# bot/language/safety.py only wires the (untrained) safety rules to the pipeline: see inputs_hash.
TRAINED_CODE = sorted(p for p in (ROOT / "bot" / "language").glob("*.py") if p.name != "safety.py") + [
    ROOT / "bot" / "adapters" / "rasa" / "entity_normalizer.py",
    ROOT / "bot" / "adapters" / "rasa" / "intent_vote.py",
    ROOT / "bot" / "adapters" / "rasa" / "length_batches.py",
]
TRAINING_RECORD = ".training.json"
COMPONENT_LOG = re.compile(r"(Starting to train|Finished training|Restored) component '(\w+)'")


def inputs_hash(config: Path = CONFIG) -> str:
    digest = hashlib.sha256()
    files = []
    for path in INPUTS:
        files += sorted(p for p in path.rglob("*.yml")) if path.is_dir() else [path]
    for f in files:
        digest.update(str(f.relative_to(ROOT)).encode())
        # Another config counts by its content, so a copy elsewhere hashes as config.yml does.
        digest.update((config if f == CONFIG else f).read_bytes())
    # The code of the trained NLU components shapes the model too. Not the SafetyNet and the rules
    # it runs (bot/domain/safety, bot/language/safety.py): it is not trained (is_trainable=False),
    # Rasa loads its code at run time, so changing it needs no new model.
    for f in TRAINED_CODE:
        digest.update(f.read_bytes())
    return digest.hexdigest()[:12]


def training_record_of(model: Path) -> Path:
    """Where the training record of a model file lies (klankbord-<hash>.training.json)."""
    return model.with_name(model.name.removesuffix(".tar.gz") + TRAINING_RECORD)


def _run_timed(cmd: List[str], env: Dict[str, str]) -> Tuple[int, Dict[str, float], List[str]]:
    """Runs Rasa, passing its output on to stderr; times each component from its log lines and
    names the components Rasa restored from its cache instead of training them."""
    started: Dict[str, float] = {}
    seconds: Dict[str, float] = {}
    restored: List[str] = []
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    pending = b""
    while chunk := os.read(process.stdout.fileno(), 65536):
        sys.stderr.buffer.write(chunk)
        sys.stderr.flush()
        *lines, pending = re.split(rb"[\r\n]", pending + chunk)
        for line in lines:
            match = COMPONENT_LOG.search(line.decode("utf-8", "replace"))
            if not match:
                continue
            what, component = match.groups()
            same = [k for k in started if k.split(" ")[0] == component]  # two CountVectorsFeaturizer
            if what == "Restored":
                restored.append(component)
            elif what.startswith("Starting"):
                started[f"{component} ({len(same) + 1})" if same else component] = time.monotonic()
            elif unfinished := [k for k in same if k not in seconds]:
                seconds[unfinished[0]] = round(time.monotonic() - started[unfinished[0]], 1)
    return process.wait(), seconds, restored


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=CONFIG, help="the pipeline and policies (config.yml)")
    parser.add_argument("--out", type=Path, default=MODELS, help="the folder for the model (models/)")
    args = parser.parse_args()
    config, out = args.config.resolve(), args.out.resolve()
    name = f"klankbord-{inputs_hash(config)}"
    target = out / f"{name}.tar.gz"
    if target.is_file():
        print(f"model up to date: {target}", file=sys.stderr)
        print(target)
        return 0
    out.mkdir(parents=True, exist_ok=True)
    # No Rasa training cache: its fingerprints see a component's config, not the code that
    # klankbord-rasa puts in Rasa's place (length_batches, fast_batches), so it would restore a DIET
    # trained by other code under this model's name. Unchanged inputs reuse the model file instead.
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONUNBUFFERED": "1", "RASA_MAX_CACHE_SIZE": "0"}
    cmd = [str(Path(sys.executable).parent / "klankbord-rasa"), "train", "--fixed-model-name", name,
           "--out", str(out), "--domain", "domain.yml", "--config", str(config), "--data", "data",
           "--force"]  # no fingerprint run: with no cache, Rasa trains every component anyway
    print("training the Rasa model (a few minutes on 2 cores) ...", file=sys.stderr)
    load_before, begin, cpu_before = os.getloadavg(), time.monotonic(), _children_cpu_seconds()
    returncode, components, restored = _run_timed(cmd, env)
    if returncode != 0 or not target.is_file():
        print("rasa train failed", file=sys.stderr)
        return returncode or 1
    # CPU seconds (all threads) besides the wall clock: on a shared machine they vary less with the load.
    record = {"model": target.name, "seconds": round(time.monotonic() - begin, 1),
              "cpu_seconds": round(_children_cpu_seconds() - cpu_before, 1), "components": components,
              "restored_from_cache": restored,
              "load_average_before": [round(x, 2) for x in load_before],
              "load_average_after": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count(),
              "finished": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    training_record_of(target).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    if out == MODELS.resolve():
        for old in sorted(MODELS.glob("klankbord-*.tar.gz"), key=lambda p: p.stat().st_mtime)[:-2]:
            old.unlink()
            training_record_of(old).unlink(missing_ok=True)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
