"""Every text the assistant can send keeps its audience's limits (scripts/score_texts.py):
pupils at most 40 words a bubble, a mean Flesch-Douma of at least 90 and none under 60; parents and
staff at most 80 words a bubble. A longer or harder text fails here, naming the bubble."""
from __future__ import annotations

import pytest

from bot.texts.readability import (
    LIMITS, PARENT, PUPIL, STAFF, flesch_douma, score, sentence_count, syllables, violations, word_count,
)
from tests.support.rendered_texts import score_texts


@pytest.fixture(scope="module")
def scored():
    return score_texts().scored()


def test_every_text_keeps_its_audiences_limits(scored):
    assert violations(scored) == []


def test_every_audience_and_both_registers_are_rendered(scored):
    rendered = score_texts().rendered()
    assert {s.audience for s in scored} == {PUPIL, PARENT, STAFF}
    registers = {voice.register for _, voice, _ in rendered if voice.is_parent}
    assert registers == {"u", "je"}
    names = " ".join(name for name, _, _ in rendered)
    for part in ("domain.yml/utter_groeten", "answers.complaint_route/leerling", "answers.staff_guidance/",
                 "help.hulp_nu", "report.start", "report.ask/confidentiality", "report.after_submit",
                 "followup.denied", "chat_guard.unknown_school", "questions.MESSAGES/gestopt"):
        assert part in names, part


def test_the_limits_catch_a_long_or_hard_bubble():
    long = score("long", PUPIL, "Dit is een zin. " * 11)
    hard = score("hard", PUPIL, "Vertrouwenspersoonsgesprekken ondersteunen gecoördineerde anti-pestcoördinatie.")
    assert long.words == 44 and hard.ease < LIMITS[PUPIL].min_ease
    found = violations([long, hard])
    assert any("long: 44 words" in v for v in found) and any("hard: Flesch-Douma" in v for v in found)
    assert any("mean Flesch-Douma" in v for v in found)
    assert violations([score("adult", PARENT, "Dit is een zin. " * 11)]) == []


@pytest.mark.parametrize("word, count", [
    ("pesten", 2), ("aanspreekpunt", 3), ("vertrouwenspersoon", 5), ("Kindertelefoon", 5), ("ijs", 1),
    ("geïnteresseerd", 5), ("coördinator", 5), ("school", 1), ("leeuw", 1), ("ruzie", 2), ("x", 1),
])
def test_dutch_syllables_by_vowel_groups(word, count):
    assert syllables(word) == count


def test_words_sentences_and_reading_ease():
    text = "Mevrouw S. de Vries leest het. Bel 0800-0432 of kijk op www.kindertelefoon.nl!"
    assert sentence_count(text) == 2  # not after the initial "S."
    assert word_count(text) == 12  # a number and a web address are one word each
    # 10 prose words in 2 sentences, 11 syllables (number and address left out)
    assert flesch_douma(text) == pytest.approx(206.835 - 0.93 * 10 / 2 - 77 * 11 / 10)
    assert sentence_count("- Eén\n- Twee") == 2  # list lines count as sentences
