"""Rasa's training batches of sparse features, made in one pass instead of one per message.

DIET, the response selector and TED train on batches that Rasa's ``RasaDataGenerator`` cuts from
the training data each epoch. For every sparse feature (word and character counts, regexes, lexical
features) ``_scipy_matrix_to_values`` turns each message's scipy matrix into its rows of
``[message, token, feature]`` with a few numpy calls per message: about three quarters of DIET's
Python samples in py-spy. Most of DIET's time is TensorFlow's own threads, though, so a whole
training takes about 9 % less CPU with it (docs/figures.md).

``values_of`` makes the very same arrays (indices, values, shape; same order and types) with a
handful of numpy calls per batch: the messages' own row, column and value arrays are joined once.
``install()`` puts it in Rasa's place for the process (idempotent); ``klankbord-rasa train`` and
``klankbord-rasa test`` call it, the servers do not. The arrays are the same, so the model is the same
(tests/unit/test_rasa_speedups.py compares it with Rasa's own method; every batch of a real
training run was compared once, docs/figures.md).
"""
from __future__ import annotations

from typing import List, Sequence

import numpy as np
import scipy.sparse
from rasa.utils.tensorflow.data_generator import RasaDataGenerator

_original = RasaDataGenerator._scipy_matrix_to_values
_original_4d = RasaDataGenerator._4d_scipy_matrix_to_values


def _as_coo(matrices: Sequence) -> List[scipy.sparse.coo_matrix]:
    """The matrices in coordinate form (Rasa's test: the first one's type decides)."""
    if isinstance(matrices[0], scipy.sparse.coo_matrix):
        return list(matrices)
    return [m.tocoo() for m in matrices]


def _joined(matrices: List[scipy.sparse.coo_matrix], features: int) -> List[np.ndarray]:
    """``[indices, values, shape]`` of the matrices stacked, the k-th as row k of the batch."""
    counts = np.fromiter((len(m.data) for m in matrices), dtype=np.int64, count=len(matrices))
    indices = np.empty((int(counts.sum()), 3), dtype=np.int64)
    if len(indices):
        indices[:, 0] = np.repeat(np.arange(len(matrices), dtype=np.int64), counts)
        indices[:, 1] = np.concatenate([m.row for m in matrices])
        indices[:, 2] = np.concatenate([m.col for m in matrices])
        values = np.concatenate([m.data for m in matrices]).astype(np.float32)
    else:
        values = np.array([], dtype=np.float32)
    longest = max(m.shape[0] for m in matrices)
    shape = np.array((len(matrices), longest, features), dtype=np.int64)
    return [indices, values, shape]


def values_of(array_of_sparse) -> List[np.ndarray]:
    """What ``RasaDataGenerator._scipy_matrix_to_values`` returns, with numpy calls per batch."""
    if array_of_sparse.number_of_dimensions == 4:
        return values_of_dialogues(array_of_sparse)
    matrices = _as_coo(array_of_sparse)
    return _joined(matrices, matrices[0].shape[-1])


def values_of_dialogues(feature_array) -> List[np.ndarray]:
    """What ``RasaDataGenerator._4d_scipy_matrix_to_values`` returns (TED's dialogues, fake turns left out)."""
    number_of_features = feature_array[0][0].shape[-1]
    dialogues = RasaDataGenerator._filter_out_fake_inputs(feature_array)
    if not dialogues:
        return [np.empty((0, 3), dtype=np.int64), np.array([], dtype=np.float32),
                np.array([0, 0, number_of_features], dtype=np.int64)]
    if not isinstance(dialogues[0][0], scipy.sparse.coo_matrix):
        dialogues = [[m.tocoo() if isinstance(m, scipy.sparse.spmatrix) else m for m in d] for d in dialogues]
    matrices = [m for dialogue in dialogues for m in dialogue]
    # Rasa numbers the turns of dialogue i from sum(len(earlier dialogues)) on: all turns in a row.
    return _joined(matrices, number_of_features)


def install() -> None:
    """Use ``values_of`` for every batch of this process (idempotent)."""
    RasaDataGenerator._scipy_matrix_to_values = staticmethod(values_of)  # type: ignore[method-assign]
    RasaDataGenerator._4d_scipy_matrix_to_values = staticmethod(values_of_dialogues)  # type: ignore[method-assign]
