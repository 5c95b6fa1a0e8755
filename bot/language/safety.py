"""The safety net over Klankbord's own Dutch pipeline: ``assess(text) -> SafetySignal``.

The rules live in ``bot.domain.safety``; this module wires them to the saved spaCy pipeline
(``bot.language.pipeline``), once per process, so every caller (the Rasa components, the chat
channel, the scripts and tests) assesses a message the same way.
"""
from __future__ import annotations

from functools import lru_cache

from bot.domain.safety import SafetySignal
from bot.domain.safety.engine import Engine
from bot.language.pipeline import analyse, load_nlp


@lru_cache(maxsize=1)
def engine() -> Engine:
    """The one engine of this process, built on first use over the pipeline's vocabulary."""
    return Engine.compiled(load_nlp().vocab)


def assess(text: str) -> SafetySignal:
    """Assess one message. Never raises on odd input; empty text gives an empty signal."""
    return engine().assess(text, analyse)


def canonical(lower: str, spacy_lemma: str = "") -> str:
    """The canonical lemma the rules match on, typos repaired towards the rules' keywords."""
    return engine().canonical(lower, spacy_lemma)
