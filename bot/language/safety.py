"""The safety net over Klankbord's own Dutch pipeline: ``assess(text) -> SafetySignal``.

The rules live in ``bot.domain.safety``; this module wires them to the saved spaCy pipeline
(``bot.language.pipeline``), once per process, so every caller (the Rasa components, the chat
channel, the scripts and tests) assesses a message the same way.

The rules need tokens and lemmas, not the school-vocabulary entities, so the pipeline runs here
without its entity ruler. A caller that already ran the pipeline over the message (Rasa's
``SpacyNLP``, for ``SafetyNet``) passes that document: when the normalised text is the text it
was made of (nothing to repair), it is used as it is, and the message is analysed once. The
Rasa process hands over ``SpacyNLP``'s own copy of the pipeline too (``use_pipeline``): one copy
in memory instead of two (about 80 MB), whose lemmatizer then reads the rules' own copy of the
lemma table (``share_lemmas``: about 50 MB less).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from bot.domain.safety import SafetySignal
from bot.domain.safety.engine import Engine
from bot.domain.safety.normalisation import lemma_table
from bot.language.pipeline import load_nlp, pipeline_path

LEMMATIZER = "lemmatizer"
LEMMA_TABLE = "lemma_lookup"
RULER = "entity_ruler"
"""The pipeline's school-vocabulary entity ruler (``bot.language.pipeline.build``): the rules need none."""


_adopted: Optional[Language] = None


@lru_cache(maxsize=1)
def _built() -> Path:
    """Where ``make`` built the pipeline (``load_nlp`` loads it from there)."""
    return pipeline_path().resolve()


def use_pipeline(nlp: Language, path: str) -> bool:
    """Use ``nlp``, loaded by someone else from ``path``, as this process's pipeline when it is the
    one ``make`` built (the same files ``load_nlp`` would load); True if it is used from now on."""
    global _adopted
    if _adopted is None and Path(path).resolve() == _built():
        _adopted = nlp
        share_lemmas(nlp)
    return _adopted is nlp


def share_lemmas(nlp: Language) -> bool:
    """Let the pipeline's lemmatizer read the lemma table the rules already hold (they read it as
    they are built), when the two are the same; its own copy (about 50 MB) is then let go. True
    if shared now."""
    if LEMMATIZER not in nlp.pipe_names:
        return False
    lookups = nlp.get_pipe(LEMMATIZER).lookups
    ours, theirs = lemma_table(), lookups.get_table(LEMMA_TABLE, None)
    if theirs is None or theirs is ours or dict(theirs) != dict(ours):
        return False
    lookups.set_table(LEMMA_TABLE, ours)
    return True


@lru_cache(maxsize=1)
def _own_pipeline() -> Language:
    """The built pipeline, loaded here when no one handed one over, its lemma table shared once."""
    nlp = load_nlp()
    share_lemmas(nlp)
    return nlp


def _pipeline() -> Language:
    return _adopted if _adopted is not None else _own_pipeline()


@lru_cache(maxsize=1)
def engine() -> Engine:
    """The one engine of this process, built on first use."""
    return Engine.compiled()


def tokens_and_lemmas(text: str) -> Doc:
    """The pipeline over ``text`` (lower-cased, as Rasa does), without the entity ruler."""
    return _pipeline()(text.lower(), disable=[RULER])


def _analyser(ready: Optional[Doc]) -> Callable[[str], Doc]:
    if ready is None:
        return tokens_and_lemmas
    return lambda normalised: ready if ready.text == normalised else tokens_and_lemmas(normalised)


def assess(text: str, ready: Optional[Doc] = None) -> SafetySignal:
    """Assess one message. Never raises on odd input; empty text gives an empty signal.

    ``ready``: the pipeline's document of ``text`` lower-cased, if the caller has one.
    """
    return engine().assess(text, _analyser(ready))


def canonical(lower: str, spacy_lemma: str = "") -> str:
    """The canonical lemma the rules match on, typos repaired towards the rules' keywords."""
    return engine().canonical(lower, spacy_lemma)
