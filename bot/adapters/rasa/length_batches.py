"""Training batches of messages of about the same length, so that DIET pads less.

Rasa pads every message of a batch to the batch's longest one, and DIET's transformer works on the
padding too. Our messages are short (8.7 tokens on average) with a tail of long ones (up to about 50),
so a shuffled batch is mostly padding. After Rasa has shuffled and balanced an epoch's examples, within
each window of ``WINDOW`` batches the examples of one intent trade places so that the shorter ones
share batches; every batch keeps the intents Rasa's balancing gave it (sorting freely by length made
batches of only short or only long messages, and cost held-out quality). The full batches of a window
go out in random order (numpy's global generator, which Rasa seeds from ``random_seed``, so training
stays repeatable); every example still comes once per epoch. The model changes (other batches): its
figures are in docs/figures.md.

Only ``DIETClassifier`` itself trains this way: the response selector (a subclass) lost quality on the
held-out staff set with it and gains little, and TED's dialogues have no text sequences.
``install()`` puts it in Rasa's place for the process (idempotent); ``klankbord-rasa train`` and
``klankbord-rasa test`` call it, the servers do not.
"""
from __future__ import annotations

import threading
from typing import Dict, Optional

import numpy as np
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.model_data import Data, FeatureArray

WINDOW = 16
"""Batches per window that are sorted together: enough to find similar lengths, few enough that
a batch still mixes examples from across the epoch's shuffled order."""

_original = RasaBatchDataGenerator._shuffle_and_balance
_original_train = DIETClassifier.train
_training = threading.local()


def lengths_of(data: Data) -> Optional[np.ndarray]:
    """The number of tokens of each example's text, or None when the data has no text sequences."""
    sequences = (data.get("text") or {}).get("sequence") or []
    if not sequences:
        return None
    return np.fromiter((m.shape[0] for m in sequences[0]), dtype=np.int64, count=len(sequences[0]))


def labels_of(data: Data, model_data) -> np.ndarray:
    """Each example's label as a small integer (DIET's label ids are one-element arrays)."""
    raw = data[model_data.label_key][model_data.label_sub_key][0]
    numbers: Dict[tuple, int] = {}
    return np.fromiter((numbers.setdefault(tuple(np.asarray(x).ravel().tolist()), len(numbers)) for x in raw),
                       dtype=np.int64, count=len(raw))


def similar_length_order(lengths: np.ndarray, labels: np.ndarray, batch_size: int,
                         window: int = WINDOW) -> np.ndarray:
    """A permutation of the examples. Per window of ``window`` batches, the examples of each label
    go back to the places that label had, shortest first: every batch keeps the labels Rasa's
    balancing gave it, and holds the shorter or the longer messages of each. The window's full
    batches are then shuffled; a short last batch stays last, so later windows stay aligned."""
    order = np.arange(len(lengths))
    span = batch_size * window
    parts = []
    for start in range(0, len(lengths), span):
        ids = np.arange(start, min(start + span, len(lengths)))
        for label in np.unique(labels[ids]):
            places = ids[labels[ids] == label]
            order[places] = places[np.argsort(lengths[places], kind="stable")]
        batches = [order[i:i + batch_size] for i in range(start, ids[-1] + 1, batch_size)]
        full = [b for b in batches if len(b) == batch_size]
        parts += [full[k] for k in np.random.permutation(len(full))]
        parts += [b for b in batches if len(b) < batch_size]
    return np.concatenate(parts) if parts else order


def _shuffle_and_balance(self: RasaBatchDataGenerator, batch_size: int) -> Data:
    data = _original(self, batch_size)
    lengths = lengths_of(data) if self.shuffle and getattr(_training, "diet", False) else None
    if lengths is None or len(lengths) <= batch_size:
        return data
    order = similar_length_order(lengths, labels_of(data, self.model_data), batch_size)
    return {key: {sub: [FeatureArray(f[order], number_of_dimensions=f.number_of_dimensions) for f in features]
                  for sub, features in attribute.items()}
            for key, attribute in data.items()}


def _train(self, training_data: TrainingData) -> Resource:  # no hint on self: Rasa reads the hints
    """``DIETClassifier.train``, with batches by length for DIET itself (not its subclasses)."""
    _training.diet = type(self) is DIETClassifier
    try:
        return _original_train(self, training_data)
    finally:
        _training.diet = False


def install() -> None:
    """Make DIET's training batches of this process by length (idempotent)."""
    RasaBatchDataGenerator._shuffle_and_balance = _shuffle_and_balance  # type: ignore[method-assign]
    DIETClassifier.train = _train  # type: ignore[method-assign]
