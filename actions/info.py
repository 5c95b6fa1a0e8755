"""Answers that carry school facts: composed in ``bot.texts.answers`` from the school configuration."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType

from actions.context import answer_taken_for_interruption, audience, config, message_of, rasa_buttons, slot_events
from actions.writer import chosen_writer
from bot.dialogue import guidance, help_first
from bot.texts import answers


def _send(dispatcher, answer: "answers.Answer") -> None:
    """Each bubble as its own message; the buttons under the last."""
    for bubble in answer.bubbles[:-1]:
        dispatcher.utter_message(text=bubble)
    dispatcher.utter_message(text=answer.bubbles[-1], buttons=rasa_buttons(answer.buttons))


def _writer_events(tracker: Tracker) -> List[EventType]:
    """Keep the writer the message told of ("mijn dochter …"), for the rest of the conversation."""
    return slot_events(help_first.writer_changes(message_of(tracker), tracker.slots))


class ActionAanspreekpunt(Action):
    def name(self) -> Text:
        return "action_aanspreekpunt"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker, heard="question")
        if answered is not None:  # an answer to the report form, not a question
            return answered
        _send(dispatcher, answers.who_to_turn_to(config(tracker), audience(tracker)))
        return _writer_events(tracker)


class ActionKlachtenprocedure(Action):
    def name(self) -> Text:
        return "action_klachtenprocedure"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker, heard="question")
        if answered is not None:  # an answer to the report form, not a question
            return answered
        _send(dispatcher, answers.complaint_route(config(tracker), audience(tracker)))
        return _writer_events(tracker)


class ActionVertrouwelijkheid(Action):
    def name(self) -> Text:
        return "action_vertrouwelijkheid"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker, heard="question")
        if answered is not None:  # "vertrouwelijk graag" read as a question: it answers the form
            return answered
        _send(dispatcher, answers.confidentiality_explained(config(tracker), audience(tracker)))
        return _writer_events(tracker)


class ActionBotChallenge(Action):
    """"Ben jij een robot?" gets an honest answer; an answer to the form that the classifier took
    for such a question ("Sam, 1b") is kept as the answer."""

    def name(self) -> Text:
        return "action_bot_challenge"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker, heard="question")
        if answered is not None:
            return answered
        dispatcher.utter_message(response="utter_bot_challenge")
        return []


class ActionUitlegPesten(Action):
    def name(self) -> Text:
        return "action_uitleg_pesten"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker, heard="question")
        if answered is not None:  # an answer to the report form, not a question
            return answered
        _send(dispatcher, answers.what_is_bullying(config(tracker)))
        return []


class ActionAanpak(Action):
    """How to handle bullying, for the writer (``bot.dialogue.guidance``): the staff guidance the
    ResponseSelector chose only for staff; a writer not known and not told is asked once."""

    def name(self) -> Text:
        return "action_aanpak"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker, heard="question")
        if answered is not None:  # an answer to the report form, not a question
            return answered
        key, text = _selected_guidance(tracker)
        changes, answer = guidance.answer_for_writer(message_of(tracker), tracker.slots, config(tracker), key, text,
                                                     chosen_writer(tracker))
        _send(dispatcher, answer)
        return slot_events(changes)


def _selected_guidance(tracker: Tracker) -> Tuple[str, Optional[str]]:
    """The staff guidance the ResponseSelector chose for the latest question about handling
    bullying: this message's, or, when a writer button brought the question back (a payload has no
    NLU), the last message's that had one."""
    for parse_data in [tracker.latest_message] + [e.get("parse_data") or {} for e in reversed(tracker.events or [])
                                                  if e.get("event") == "user"]:
        selector: Dict[str, Any] = (parse_data.get("response_selector") or {}).get(answers.RETRIEVAL_INTENT) or {}
        response = selector.get("response") or {}
        key = (response.get("utter_action") or "").removeprefix("utter_")
        texts = [r.get("text") for r in response.get("responses") or [] if r.get("text")]
        if key or texts:
            return key, texts[0] if texts else None
    return "", None
