"""Rasa's word and character counts for the training data, with two vectorizer calls per attribute.

Rasa's ``CountVectorsFeaturizer.process`` asks scikit-learn's ``CountVectorizer.transform`` twice
per message and attribute (once for the tokens, once for the whole sentence). Every call checks its
input and builds a new matrix, so over the training data (about 10,000 messages, text and response)
this took 20 s for the word counts and 40 s for the character n-grams on our 2 cores, once per
training and once per fold of ``make cv`` (docs/figures.md).

``process_many`` asks once for the tokens of all messages and once for all their sentences, then
cuts each message's rows out of the two matrices. ``CountVectorizer`` counts every row on its own
from a fixed vocabulary, so each message gets the same matrices as Rasa gives it (same values,
order and types; tests/unit/test_rasa_speedups.py compares them). ``install()`` puts it in Rasa's
place for the process (idempotent) and only for lists of more than one message; ``klankbord-rasa
train`` and ``klankbord-rasa test`` call it, the servers do not.
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

import scipy.sparse
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.training_data.message import Message

_original_process = CountVectorsFeaturizer.process

Features = List[Optional[scipy.sparse.coo_matrix]]


def _rows(matrix: scipy.sparse.csr_matrix, start: int, end: int) -> scipy.sparse.coo_matrix:
    """Rows ``start:end`` of a vectorizer's matrix, as Rasa keeps one message's (sorted, COO)."""
    part = matrix[start:end]
    part.sort_indices()
    return part.tocoo()


def features_of(featurizer: CountVectorsFeaturizer, attribute: str,
                token_lists: Sequence[List[str]]) -> Tuple[Features, Features]:
    """Sequence and sentence features of each token list: what ``_create_features`` gives each alone."""
    vectorizer = featurizer.vectorizers.get(attribute)
    if not vectorizer:
        return [None] * len(token_lists), [None] * len(token_lists)
    present = [i for i, tokens in enumerate(token_lists) if tokens]
    sequences: Features = [None] * len(token_lists)
    sentences: Features = [None] * len(token_lists)
    if not present:
        return sequences, sentences
    tokens_matrix = vectorizer.transform([t for i in present for t in token_lists[i]])
    start = 0
    for i in present:
        end = start + len(token_lists[i])
        sequences[i] = _rows(tokens_matrix, start, end)
        start = end
    if attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
        sentence_matrix = vectorizer.transform([" ".join(token_lists[i]) for i in present])
        for row, i in enumerate(present):
            sentences[i] = _rows(sentence_matrix, row, row + 1)
    return sequences, sentences


def process_many(self, messages: List[Message]) -> List[Message]:  # no hint on self: Rasa reads the hints
    """``CountVectorsFeaturizer.process`` with two vectorizer calls per attribute for all messages."""
    if self.vectorizers is None or len(messages) < 2:
        return _original_process(self, messages)
    for attribute in self._attributes:
        token_lists = [self._get_processed_message_tokens_by_attribute(m, attribute) for m in messages]
        sequences, sentences = features_of(self, attribute, token_lists)
        for message, sequence, sentence in zip(messages, sequences, sentences):
            self.add_features_to_message(sequence, sentence, attribute, message)
    return messages


def install() -> None:
    """Make the count featurizers of this process work on all messages at once (idempotent)."""
    CountVectorsFeaturizer.process = process_many  # type: ignore[method-assign]
