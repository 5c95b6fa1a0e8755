"""Benchmark: intent macro-F1 in 5-fold cross-validation, as `rasa test nlu --cross-validation` computes it.

Rasa's own cross-validation also parses each fold's training data, for "train" figures this project
never reads: four fifths of its parsing, about a third of its time. This script makes the same
stratified folds (Rasa's ``generate_folds``, seeded here so that two runs split alike), trains each
fold with ``klankbord-rasa train nlu``, two at a time (one TensorFlow training keeps about 1.4 of the
2 cores busy), and parses only the test folds. Their results are pooled and scored by Rasa's own
``evaluate_intents`` and ``evaluate_response_selections``, so the figures mean what they meant.

Prints the F1 per intent and the macro-F1 over all intents the model knows (the retrieval intent
vraag_aanpak counts once; its sub-answers are the response-selection figure) and the weighted
figures. A script, not a test: about 36 minutes on two cores (docs/figures.md).
Environment: FOLDS (default 5), CONFIG (default config.yml), NLU (default data/nlu),
PARALLEL (trainings at once, default 2), SEED (the split, default 20261125).
"""
from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.nlu_holdout import quiet_rasa_logs  # noqa: E402


def make_folds(nlu: str, folds: int, seed: int, out: Path) -> List[Tuple[Path, Path]]:
    """Writes each fold's training and test data (Rasa's stratified folds) under ``out``."""
    import numpy as np
    from rasa.nlu.test import drop_intents_below_freq, generate_folds
    from rasa.shared.importers.importer import TrainingDataImporter
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter

    importer = TrainingDataImporter.load_from_dict(training_data_paths=[nlu], domain_path=str(ROOT / "domain.yml"))
    data = drop_intents_below_freq(importer.get_nlu_data(), cutoff=folds)
    np.random.seed(seed)  # generate_folds shuffles with numpy's global generator
    paths = []
    for k, (train, test) in enumerate(generate_folds(folds, data)):
        fold = out / f"fold{k}"
        fold.mkdir()
        RasaYAMLWriter().dump(fold / "train.yml", train)
        RasaYAMLWriter().dump(fold / "test.yml", test)
        paths.append((fold / "train.yml", fold / "test.yml"))
    return paths


def train_fold(train: Path, config: str) -> Path:
    """Trains one fold's NLU model in its own process; returns the model file."""
    out = train.parent
    cmd = [str(Path(sys.executable).parent / "klankbord-rasa"), "train", "nlu", "--nlu", str(train),
           "--config", config, "--out", str(out), "--fixed-model-name", "model"]
    # No training cache: nothing is shared between folds, and two trainings write at once.
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "RASA_MAX_CACHE_SIZE": "0"}
    with (out / "train.log").open("wb") as log:
        result = subprocess.run(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    if result.returncode != 0 or not (out / "model.tar.gz").is_file():
        raise RuntimeError(f"training {out.name} failed: see {out / 'train.log'}")
    return out / "model.tar.gz"


def evaluate_fold(model: Path, test: Path):
    """Parses one test fold with its model: Rasa's intent and response-selection results."""
    from rasa.core.agent import Agent
    from rasa.nlu.test import get_eval_data
    from rasa.shared.nlu.training_data.loading import load_data

    processor = Agent.load(str(model)).processor
    intents, responses, _ = asyncio.run(get_eval_data(processor, load_data(str(test))))
    del processor
    gc.collect()
    model.unlink()  # about 70 MB a fold; its data and training log stay for a look
    return intents, responses


def main() -> int:
    folds = int(os.environ.get("FOLDS", "5"))
    config = str(Path(os.environ.get("CONFIG", "config.yml")).resolve())
    nlu = os.environ.get("NLU", "data/nlu")
    parallel = int(os.environ.get("PARALLEL", "2"))
    seed = int(os.environ.get("SEED", "20261125"))
    os.chdir(ROOT)
    quiet_rasa_logs()
    out = Path(tempfile.mkdtemp(prefix="klankbord-cv-"))
    begin = time.monotonic()
    paths = make_folds(nlu, folds, seed, out)
    print(f"{folds} folds in {out}; training {parallel} at a time", file=sys.stderr)

    from rasa.nlu.test import evaluate_intents, evaluate_response_selections

    intent_results, response_results = [], []
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        models = [pool.submit(train_fold, train, config) for train, _ in paths]
        for k, ((_, test), model) in enumerate(zip(paths, models)):
            intents, responses = evaluate_fold(model.result(), test)
            intent_results += intents
            response_results += responses
            print(f"fold {k} done at {(time.monotonic() - begin) / 60:.1f} min", file=sys.stderr)

    report = evaluate_intents(intent_results, str(out), successes=False, errors=True,
                              disable_plotting=True, report_as_dict=True)["report"]
    intents = {k: v for k, v in report.items() if isinstance(v, dict) and "f1-score" in v
               and k not in ("micro avg", "macro avg", "weighted avg")}
    print(f"{'intent':28} {'f1':>6} {'support':>8}")
    for name, scores in sorted(intents.items()):
        print(f"{name:28} {scores['f1-score']:6.3f} {scores['support']:8d}")
    macro = report["macro avg"]["f1-score"]
    print(f"\nintent macro-F1 ({folds}-fold): {macro:.3f}   weighted-F1: {report['weighted avg']['f1-score']:.3f}"
          f"   accuracy: {report.get('accuracy', float('nan')):.3f}")
    if response_results:
        selection = evaluate_response_selections(response_results, str(out), successes=False, errors=True,
                                                 disable_plotting=True, report_as_dict=True)["report"]
        print(f"response selection (vraag_aanpak/*) macro-F1: {selection['macro avg']['f1-score']:.3f}")
    print(f"time: {(time.monotonic() - begin) / 60:.1f} min   full reports: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
