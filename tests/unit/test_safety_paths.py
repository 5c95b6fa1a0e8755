"""The safety net's faster paths give the signal the plain ones give.

- Long gaps matched in parts (``bot.domain.safety.chains``) against the plain ``Matcher``;
- the rules over Rasa's own document of the message (another copy of the pipeline, with its
  entity ruler) against their own pass without the ruler.
Over every tenth message of the repository's corpus, plus long reports of up to 5,000 characters.
"""
from __future__ import annotations

import time

import pytest
import spacy

from bot.domain.safety import chains
from bot.domain.safety.engine import Engine
from bot.domain.safety.rules import all_exceptions, all_rules
from bot.language.pipeline import ensure_pipeline, load_nlp
from bot.language.safety import assess, engine, tokens_and_lemmas
from tests.support.corpus import corpus

SENTENCES = (
    "het zijn een paar kinderen uit mijn klas.", "ze schelden me elke dag uit in de kleedkamer.",
    "mijn mentor zegt dat ik het geheim moet houden want de trainer is een volwassene.",
    "in de groepsapp zetten ze foto's van mij en ik mag het van die man aan niemand vertellen.",
    "na school wachten ze bij de fietsenstalling.",
)


def long_report(characters: int) -> str:
    text, i = "", 0
    while len(text) < characters:
        text += SENTENCES[i % len(SENTENCES)] + " "
        i += 1
    return text[:characters]


@pytest.fixture(scope="module")
def texts():
    found = sorted(corpus())
    return found[::10] + [long_report(n) for n in (500, 2000, 5000)]


@pytest.fixture(scope="module")
def plain_engine():
    """The same rules with no pattern cut: every gap left to spaCy's ``Matcher``."""
    saved, chains.MIN_RUN = chains.MIN_RUN, 10 ** 9
    try:
        plain = Engine(all_rules(), all_exceptions(), load_nlp().vocab)
    finally:
        chains.MIN_RUN = saved
    assert not plain.chains and engine().chains
    return plain


def test_cut_patterns_find_what_the_whole_patterns_find(texts, plain_engine):
    differing = [t for t in texts if engine().assess(t, tokens_and_lemmas) != plain_engine.assess(t, tokens_and_lemmas)]
    assert differing == []


def test_cut_patterns_are_faster_on_a_long_message(plain_engine):
    text = long_report(2000)

    def cpu(e: Engine) -> float:
        e.assess(text, tokens_and_lemmas)
        started = time.process_time()
        for _ in range(3):
            e.assess(text, tokens_and_lemmas)
        return time.process_time() - started

    assert cpu(engine()) < cpu(plain_engine) / 2


def test_rasas_document_gives_the_signal_of_the_rules_own_pass(texts):
    rasa_copy = spacy.load(ensure_pipeline(config_file=None))  # SpacyNLP loads its own copy
    assert rasa_copy.vocab is not load_nlp().vocab
    differing = [t for t in texts if assess(t, rasa_copy(t.lower())) != assess(t)]
    assert differing == []


def test_rasas_document_is_used_only_when_nothing_needed_repair(monkeypatch):
    rasa_copy = spacy.load(ensure_pipeline(config_file=None))
    passes = []
    monkeypatch.setattr("bot.language.safety.tokens_and_lemmas", lambda text: passes.append(text) or load_nlp()(text))
    assess("ik wil niet meer leven", rasa_copy("ik wil niet meer leven"))
    assert passes == []
    assert assess("k wil nie meer leven", rasa_copy("k wil nie meer leven")).category is not None
    assert passes == ["ik wil niet meer leven"]
