"""A second opinion on the intent: class-balanced logistic regression over character and word n-grams.

DIET and a linear model make different mistakes; their average is right more often than either
(docs/figures.md). This module is plain Python over scikit-learn, without Rasa, so tests can
call it directly. ``bot.adapters.rasa.intent_vote`` plugs it into the Rasa pipeline.

The model is saved as JSON (vocabularies, classes) and ``.npz`` arrays (idf weights, coefficients),
loaded with ``allow_pickle=False``: a model file cannot run code.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

DEFAULT_C = 20.0


def _vectorizers() -> Tuple[TfidfVectorizer, TfidfVectorizer]:
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, lowercase=True)
    words = TfidfVectorizer(analyzer="word", sublinear_tf=True, lowercase=True)
    return chars, words


@dataclass
class LinearIntentModel:
    """Intent probabilities for a text from tf-idf character (1-4) and word n-grams."""

    chars: TfidfVectorizer
    words: TfidfVectorizer
    classes: List[str]
    coef: np.ndarray
    intercept: np.ndarray

    @classmethod
    def train(cls, texts: Sequence[str], intents: Sequence[str], c: float = DEFAULT_C) -> "LinearIntentModel":
        if len(set(intents)) < 2:
            raise ValueError("the linear intent model needs examples of at least two intents")
        chars, words = _vectorizers()
        features = hstack([chars.fit_transform(texts), words.fit_transform(texts)]).tocsr()
        regression = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
        regression.fit(features, list(intents))
        return cls(chars, words, [str(k) for k in regression.classes_], regression.coef_, regression.intercept_)

    def probabilities(self, texts: Sequence[str]) -> List[Dict[str, float]]:
        """One {intent: probability} per text; the probabilities of a text sum to 1."""
        features = hstack([self.chars.transform(texts), self.words.transform(texts)]).tocsr()
        scores = np.asarray(features @ self.coef.T) + self.intercept
        if len(self.classes) == 2:  # binary: one column of scores for the second class
            scores = np.hstack([-scores / 2, scores / 2])
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        probs = exp / exp.sum(axis=1, keepdims=True)
        return [dict(zip(self.classes, map(float, row))) for row in probs]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "linear_intents.json").write_text(json.dumps({
            "classes": self.classes,
            "char_vocabulary": {k: int(v) for k, v in self.chars.vocabulary_.items()},
            "word_vocabulary": {k: int(v) for k, v in self.words.vocabulary_.items()},
        }, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(folder / "linear_intents.npz", char_idf=self.chars.idf_,
                            word_idf=self.words.idf_, coef=self.coef, intercept=self.intercept)

    @classmethod
    def load(cls, folder: Path) -> "LinearIntentModel":
        meta = json.loads((folder / "linear_intents.json").read_text(encoding="utf-8"))
        with np.load(folder / "linear_intents.npz", allow_pickle=False) as arrays:
            chars, words = _vectorizers()
            chars.vocabulary_, chars.idf_ = meta["char_vocabulary"], arrays["char_idf"]
            words.vocabulary_, words.idf_ = meta["word_vocabulary"], arrays["word_idf"]
            return cls(chars, words, list(meta["classes"]), arrays["coef"], arrays["intercept"])


def blend(first: Dict[str, float], second: Dict[str, float], first_weight: float) -> List[Tuple[str, float]]:
    """Weighted average of two intent distributions, best first (an intent missing in one counts 0)."""
    names = set(first) | set(second)
    mixed = {n: first_weight * first.get(n, 0.0) + (1 - first_weight) * second.get(n, 0.0) for n in names}
    return sorted(mixed.items(), key=lambda item: (-item[1], item[0]))
