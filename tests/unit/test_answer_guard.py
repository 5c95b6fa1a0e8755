"""A "stop" the classifier heard inside the report form: a real stop, or the answer to the question?"""
from __future__ import annotations

import pytest

from bot.dialogue.answer_guard import answers_the_question
from tests.support.nlu import heard


@pytest.mark.parametrize("slot, text", [
    ("kinds", "spullen afpakken"),
    ("places", "in de kantine"),
    ("moment", "na school"),
    ("frequency", "elke dag"),
    ("reporter_role", "ik word zelf gepest"),
    ("confidentiality", "vertrouwelijk"),
    ("share_with", "alleen mijn mentor"),
    ("desired_outcome", "dat het stopt"),
    ("already_told", "ik heb gezegd dat ze moeten ophouden"),
])
def test_a_plain_answer_is_an_answer(slot, text):
    assert answers_the_question(slot, heard(text))


@pytest.mark.parametrize("slot, text", [
    ("kinds", "stop"),
    ("kinds", "laat maar"),
    ("places", "vergeet het maar, ik wil uit deze chat"),
    ("moment", "stop maar, het is in de pauze"),
    ("confidentiality", "niet doorsturen"),
    ("desired_outcome", "stop"),
    ("description", "spullen afpakken"),  # free text: the form cannot tell, so a stop stays a stop
    (None, "in de kantine"),
])
def test_a_stop_or_an_unknown_question_stays_a_stop(slot, text):
    assert not answers_the_question(slot, heard(text))


@pytest.mark.parametrize("slot, text, expected", [
    ("contact", "Sam, 1b", True),
    ("contact", "mijn mail is sam123@gmail.com", True),
    ("people_involved", "twee jongens uit 2b", True),
    ("contact", "ben jij een robot", False),
    ("description", "blijft dit geheim?", False),
    ("contact", "wie leest dit", False),
])
def test_a_statement_taken_for_a_question_answers_a_free_text_question(slot, text, expected):
    assert answers_the_question(slot, heard(text), heard="question") is expected


def test_a_statement_taken_for_a_stop_never_answers_a_free_text_question():
    assert answers_the_question("description", heard("ik wil niet verder")) is False
