"""Benchmark: intent macro-F1 in 5-fold cross-validation (`rasa test nlu --cross-validation`).

Prints the F1 per intent and Rasa's macro-F1 over all intents the model knows (the public
contract plus hulp_nu, inform, twijfel_stoppen, strafbaar_feit, onveilig_thuis; the retrieval
intent vraag_aanpak counts once, its sub-answers are the response-selection figure), and the
weighted figures. Rasa shuffles the folds without a seed, so runs differ by about ±0.005.
A script, not a test: it takes about 75 minutes on two cores.
Environment: FOLDS (default 5), CONFIG (default config.yml) and NLU
(default data/nlu), for trying a variant.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    folds = int(os.environ.get("FOLDS", "5"))
    config = os.environ.get("CONFIG", "config.yml")
    nlu = os.environ.get("NLU", "data/nlu")
    out = Path(tempfile.mkdtemp(prefix="klankbord-cv-"))
    cmd = [str(Path(sys.executable).parent / "klankbord-rasa"), "test", "nlu", "--nlu", nlu,
           "--config", config, "--cross-validation", "--folds", str(folds), "--out", str(out)]
    print("running:", " ".join(cmd), file=sys.stderr)
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    result = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    if result.returncode != 0:
        return result.returncode
    report = json.loads((out / "intent_report.json").read_text())
    intents = {k: v for k, v in report.items() if isinstance(v, dict) and "f1-score" in v
               and k not in ("micro avg", "macro avg", "weighted avg")}
    print(f"{'intent':28} {'f1':>6} {'support':>8}")
    for name, scores in sorted(intents.items()):
        print(f"{name:28} {scores['f1-score']:6.3f} {scores['support']:8d}")
    macro = report["macro avg"]["f1-score"]
    print(f"\nintent macro-F1 ({folds}-fold): {macro:.3f}   weighted-F1: {report['weighted avg']['f1-score']:.3f}"
          f"   accuracy: {report.get('accuracy', float('nan')):.3f}")
    rs = out / "response_selection_report.json"
    if rs.is_file():
        rsr = json.loads(rs.read_text())
        print(f"response selection (vraag_aanpak/*) macro-F1: {rsr['macro avg']['f1-score']:.3f}")
    print(f"full reports: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
