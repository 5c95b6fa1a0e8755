"""The safe path of ``SafetyNet`` when rules and classifiers both miss (issue 17).

An answer that is the fallback (or out of scope) before the safety net and still is after it
becomes the careful question (``twijfel_stoppen``: "gaat het niet goed met je?") when the danger
intents and ``twijfel_stoppen`` together hold enough of the classifiers' ranking, or the rules found
words of distress and they hold a quarter. Hand-made messages with a given ranking: no model needed.
"""
from __future__ import annotations

from typing import List, Tuple

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.adapters.rasa.safety_net import DEFAULT_CAREFUL_SHARE, DEFAULT_DISTRESS_SHARE, SafetyNet

CAREFUL = "twijfel_stoppen"
# A message without danger or distress words that the rules leave alone.
PLAIN = "ik weet niet goed hoe ik dit moet zeggen aan iemand"
# Words of distress, no alarm by themselves.
SAD = "alles is kut en niemand snapt me"


def _message(text: str, ranking: List[Tuple[str, float]], top: str = "nlu_fallback") -> Message:
    """A message as the pipeline hands it to ``SafetyNet``: ``top`` first (the fallback's own
    confidence is its threshold), then the classifiers' ranking."""
    entries = [{"name": top, "confidence": 0.45}] if top == "nlu_fallback" else []
    entries += [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message(data={TEXT: text, INTENT: dict(entries[0]), INTENT_RANKING_KEY: entries})


def _intent(message: Message) -> str:
    [out] = SafetyNet().process([message])
    return out.get(INTENT)["name"]


def test_spread_worry_in_a_fallback_gets_the_careful_question() -> None:
    """No danger intent is sure enough on its own, together they hold the ranking."""
    ranking = [("crisis", 0.40), ("onveilig_thuis", 0.30), ("acuut_gevaar", 0.20), ("pesten_melden", 0.10)]
    message = _message(PLAIN, ranking)
    [out] = SafetyNet().process([message])
    assert out.get(INTENT)["name"] == CAREFUL
    assert out.get(INTENT_RANKING_KEY)[0]["name"] == CAREFUL
    assert out.get("safety_net") == {"intent": CAREFUL, "rules": [], "unsure": True}


def test_out_of_scope_counts_as_unsure_too() -> None:
    ranking = [("out_of_scope", 0.05), ("strafbaar_feit", 0.45), ("crisis", 0.45), ("groeten", 0.05)]
    assert _intent(_message(PLAIN, ranking, top="out_of_scope")) == CAREFUL


def test_little_worry_keeps_the_fallback() -> None:
    ranking = [("pesten_melden", 0.40), ("crisis", 0.30), ("out_of_scope", 0.30)]
    assert _intent(_message(PLAIN, ranking)) == "nlu_fallback"


def test_distress_words_need_only_a_quarter() -> None:
    ranking = [("uitleg_pesten", 0.45), ("crisis", 0.20), ("strafbaar_feit", 0.10), ("groeten", 0.25)]
    assert DEFAULT_DISTRESS_SHARE <= 0.30 < DEFAULT_CAREFUL_SHARE
    assert _intent(_message(SAD, ranking)) == CAREFUL
    assert _intent(_message(PLAIN, ranking)) == "nlu_fallback"


def test_distress_without_any_worry_keeps_the_fallback() -> None:
    ranking = [("uitleg_pesten", 0.60), ("groeten", 0.35), ("crisis", 0.05)]
    assert _intent(_message(SAD, ranking)) == "nlu_fallback"


def test_a_confident_intent_is_never_replaced() -> None:
    """Only an unsure answer gets the careful question, not an ordinary intent the classifiers chose."""
    ranking = [("pesten_melden", 0.55), ("crisis", 0.25), ("onveilig_thuis", 0.20)]
    assert _intent(_message(SAD, ranking, top="pesten_melden")) == "pesten_melden"


def test_a_demoted_danger_guess_is_not_asked_about() -> None:
    """An unsure danger guess the safety net demotes was no fallback before it: no careful question."""
    ranking = [("crisis", 0.50), ("onveilig_thuis", 0.40), ("out_of_scope", 0.10)]
    assert _intent(_message(PLAIN, ranking, top="crisis")) == "out_of_scope"


def test_a_harmless_use_of_a_danger_word_is_not_asked_about() -> None:
    ranking = [("crisis", 0.50), ("acuut_gevaar", 0.40), ("groeten", 0.10)]
    assert _intent(_message("mijn telefoon is dood, hij doet niks meer", ranking)) == "nlu_fallback"


@pytest.mark.parametrize("text", ["ik voel me zo leeg", "ik haat mezelf", "niemand begrijpt me",
                                  "het gaat echt niet goed met me"])
def test_words_of_distress_are_found(text: str) -> None:
    from bot.language.safety import assess

    signal = assess(text)
    assert signal.distress and not signal.alarm


@pytest.mark.parametrize("text", ["ik ben bang dat ik te laat kom", "ik heb een vraag over de toets",
                                  "ik ben niet verdrietig hoor"])
def test_everyday_words_are_no_distress(text: str) -> None:
    from bot.language.safety import assess

    assert not assess(text).distress
