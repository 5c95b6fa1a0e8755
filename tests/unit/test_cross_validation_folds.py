"""``make cv`` (scripts/cross_validate.py) splits the data as Rasa's cross-validation does, but
repeatably: stratified folds that together hold every example once, alike for one seed."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.support.servers import ROOT

INTENTS = {"groeten": "hoi {n}", "afscheid": "doei {n}", "bedanken": "dank je wel {n}"}


def _script():
    spec = importlib.util.spec_from_file_location("cross_validate", ROOT / "scripts" / "cross_validate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _nlu(folder: Path) -> Path:
    blocks = [f"- intent: {intent}\n  examples: |\n" + "".join(f"    - {text.format(n=n)}\n" for n in range(10))
              for intent, text in INTENTS.items()]
    path = folder / "nlu.yml"
    path.write_text('version: "3.1"\nnlu:\n' + "".join(blocks), encoding="utf-8")
    return path


def _examples(path: Path) -> list:
    return [line.strip()[2:] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().startswith("- ") and not line.strip().startswith("- intent")]


def _split(tmp_path: Path, name: str, seed: int) -> list:
    out = tmp_path / name
    out.mkdir()
    folds = _script().make_folds(str(_nlu(tmp_path)), 5, seed, out)
    return [(_examples(train), _examples(test)) for train, test in folds]


def test_folds_hold_every_example_once_and_every_intent_in_each_test_fold(tmp_path):
    folds = _split(tmp_path, "a", seed=1)
    assert len(folds) == 5
    tested = [text for _, test in folds for text in test]
    assert sorted(tested) == sorted(text.format(n=n) for text in INTENTS.values() for n in range(10))
    for train, test in folds:
        assert not set(train) & set(test) and len(train) + len(test) == 30
        assert {text.split()[0] for text in test} == {"hoi", "doei", "dank"}


def test_one_seed_gives_one_split_and_another_seed_another(tmp_path):
    assert _split(tmp_path, "a", seed=1) == _split(tmp_path, "b", seed=1)
    assert _split(tmp_path, "a2", seed=1) != _split(tmp_path, "c", seed=2)
