"""Answers that carry school facts: composed in ``bot.answers`` from the school configuration."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.context import audience, config, rasa_buttons
from bot import answers
from bot.dialogue import answers_parsing as parse
from bot.dialogue import report_form
from bot.report import Confidentiality


def _send(dispatcher, answer: "answers.Answer") -> None:
    dispatcher.utter_message(text=answer.text, buttons=rasa_buttons(answer.buttons))


class ActionAanspreekpunt(Action):
    def name(self) -> Text:
        return "action_aanspreekpunt"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        _send(dispatcher, answers.who_to_turn_to(config(), audience(tracker)))
        return []


class ActionKlachtenprocedure(Action):
    def name(self) -> Text:
        return "action_klachtenprocedure"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        who = audience(tracker)
        _send(dispatcher, answers.complaint_route(config(), "ouder" if who == "leerling" else who))
        return []


class ActionVertrouwelijkheid(Action):
    def name(self) -> Text:
        return "action_vertrouwelijkheid"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        choice = _confidentiality_answer(tracker)
        if choice is not None:  # "vertrouwelijk graag" read as a question: it answers the form's question
            return [SlotSet(name, value) for name, value in report_form.confidentiality_slots(choice).items()]
        _send(dispatcher, answers.confidentiality_explained(config(), audience(tracker)))
        return []


def _confidentiality_answer(tracker: Tracker) -> Optional[Confidentiality]:
    """The choice, when the report form just asked for it and the message only names one."""
    if (tracker.active_loop or {}).get("name") != "report_form" or tracker.get_slot("requested_slot") != "confidentiality":
        return None
    return parse.bare_confidentiality_choice(tracker.latest_message.get("text") or "")


class ActionUitlegPesten(Action):
    def name(self) -> Text:
        return "action_uitleg_pesten"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        _send(dispatcher, answers.what_is_bullying(config()))
        return []


class ActionAanpak(Action):
    """Staff guidance from the ResponseSelector, plus the school's own protocol link."""

    def name(self) -> Text:
        return "action_aanpak"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        selector: Dict[str, Any] = (tracker.latest_message.get("response_selector") or {}).get("vraag_aanpak") or {}
        response = selector.get("response") or {}
        key = (response.get("utter_action") or "").removeprefix("utter_")
        texts = [r.get("text") for r in response.get("responses") or [] if r.get("text")]
        _send(dispatcher, answers.staff_guidance(config(), key, texts[0] if texts else None))
        return []
