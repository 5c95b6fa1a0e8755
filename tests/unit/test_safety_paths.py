"""The safety net's faster path gives the signal the plain one gives: the rules over Rasa's own
document of the message (another copy of the pipeline, with its entity ruler) against their own
pass without the ruler. Over every tenth message of the repository's corpus, plus long reports of
up to 5,000 characters. (The matcher against spaCy's: ``test_safety_matching``.)
"""
from __future__ import annotations

import pytest
import spacy

from bot.language.pipeline import ensure_pipeline, load_nlp
from bot.language.safety import assess
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
