"""Is a "stop" (or a question) the classifier heard really an answer to the question asked?

Stopping forgets the whole report, so a mistake costs the pupil everything they told; taking a
real stop for an answer costs one more "stop". So when the report form asked a question with
fixed choices and the message plainly names one of them ("spullen afpakken", "in de pauze",
"vertrouwelijk graag") and has no stop word, it is read as the answer; so is "dat het stopt" when
the form asked what the pupil wants to happen or what was tried. A statement the classifier took
for a question to the assistant answers a question asked in the pupil's own words.
"""
from __future__ import annotations

import re
from typing import Optional

from bot.domain import vocabulary
from bot.dialogue import answers_parsing as parse
from bot.dialogue.turn import Message

_STOP_WORDS = re.compile(
    r"\b(stop\w*|gestopt|laat (maar|ook maar|het)|vergeet|ophouden|hou op|houd op|afsluiten|sluit|afbreken|"
    r"annuleer\w*|intrekken|trek\w* .*in|terugtrekken|wis|verwijder\w*|weggooien|gooi .*weg|quit|exit|cancel|"
    r"niet (meer )?(doorsturen|versturen|opslaan|melden|sturen)|hoeft niet|bedenk|eruit|uit (de|deze) chat)\b"
)

# "dat het stopt", "ik heb gezegd dat ze moeten ophouden": the pupil's wish or what was tried.
_WISH_THAT_IT_STOPS = re.compile(
    r"\b(dat|zodat)\b.*\b(stop|stopt|stoppen|ophoudt|ophouden)\b|\b(moeten|moest|moesten) (stoppen|ophouden)\b"
)
_STOP_IS_THE_ANSWER = ("desired_outcome", "already_told")

_CHOICE_LABELS = {
    "kinds": vocabulary.KIND,
    "places": vocabulary.PLACE,
    "moment": vocabulary.MOMENT,
    "frequency": vocabulary.FREQUENCY,
}


# Questions answered in the pupil's own words: any statement answers them.
_FREE_TEXT = ("description", "since_when", "people_involved", "already_told", "desired_outcome", "contact")


def answers_the_question(requested_slot: Optional[str], message: Message, heard: str = "stop") -> bool:
    """True when the message names a choice for ``requested_slot`` (one of its entities) and says
    nothing about stopping.

    ``heard="question"``: the classifier took the message for a question to the assistant ("ben
    jij een robot?"); then a statement without a question form also answers a free-text question
    ("Sam, 1b" asked for contact details is no question about bots).
    """
    text = message.text or ""
    if heard == "question" and parse.looks_like_question(text):
        return False  # "wie is het aanspreekpunt op school?" asked at "waar gebeurt het?" is a question
    if heard == "question" and requested_slot in _FREE_TEXT:
        return bool(parse.clean_text(text))
    lowered = " ".join(parse.words(text))
    if requested_slot in _STOP_IS_THE_ANSWER and _WISH_THAT_IT_STOPS.search(lowered):
        return True
    if not requested_slot or not lowered or _STOP_WORDS.search(lowered):
        return False
    if requested_slot in _CHOICE_LABELS:
        return bool(message.values(_CHOICE_LABELS[requested_slot]))
    if requested_slot == "reporter_role":
        return parse.parse_role(lowered) is not None
    if requested_slot == "confidentiality":
        return parse.bare_confidentiality_choice(lowered) is not None
    if requested_slot == "share_with":
        return bool(parse.parse_share_with(lowered))
    return False
