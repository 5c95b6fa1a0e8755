"""Answers that carry school facts: composed in ``bot.texts.answers`` from the school configuration."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType

from actions.context import answer_taken_for_interruption, audience, config, rasa_buttons
from bot.texts import answers


def _send(dispatcher, answer: "answers.Answer") -> None:
    """Each bubble as its own message; the buttons under the last."""
    for bubble in answer.bubbles[:-1]:
        dispatcher.utter_message(text=bubble)
    dispatcher.utter_message(text=answer.bubbles[-1], buttons=rasa_buttons(answer.buttons))


class ActionAanspreekpunt(Action):
    def name(self) -> Text:
        return "action_aanspreekpunt"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker, heard="question")
        if answered is not None:  # an answer to the report form, not a question
            return answered
        _send(dispatcher, answers.who_to_turn_to(config(tracker), audience(tracker)))
        return []


class ActionKlachtenprocedure(Action):
    def name(self) -> Text:
        return "action_klachtenprocedure"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker, heard="question")
        if answered is not None:  # an answer to the report form, not a question
            return answered
        _send(dispatcher, answers.complaint_route(config(tracker), audience(tracker)))
        return []


class ActionVertrouwelijkheid(Action):
    def name(self) -> Text:
        return "action_vertrouwelijkheid"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker, heard="question")
        if answered is not None:  # "vertrouwelijk graag" read as a question: it answers the form
            return answered
        _send(dispatcher, answers.confidentiality_explained(config(tracker), audience(tracker)))
        return []


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
    """Staff guidance from the ResponseSelector, plus the school's own protocol link."""

    def name(self) -> Text:
        return "action_aanpak"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker, heard="question")
        if answered is not None:  # an answer to the report form, not a question
            return answered
        selector: Dict[str, Any] = (tracker.latest_message.get("response_selector") or {}).get("vraag_aanpak") or {}
        response = selector.get("response") or {}
        key = (response.get("utter_action") or "").removeprefix("utter_")
        texts = [r.get("text") for r in response.get("responses") or [] if r.get("text")]
        _send(dispatcher, answers.staff_guidance(config(tracker), key, texts[0] if texts else None))
        return []
