"""Help first: unsafe situations interrupt everything, then the report may go on (``bot.dialogue.help_first``)."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType

from actions.context import config, message_of, say, slot_events
from actions.writer import chosen_writer
from bot.dialogue import help_first
from bot.texts.help import hulp_nu_messages


class ActionSafetyHelp(Action):
    """Give the right help at once; pause the report form (slots intact) and offer to go on."""

    def name(self) -> Text:
        return "action_safety_help"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        form_active = bool(tracker.active_loop.get("name"))
        outcome = help_first.safety_help_turn(message_of(tracker), tracker.slots, config(tracker), form_active,
                                              chosen_writer(tracker))
        say(dispatcher, outcome.replies)
        return [ActiveLoop(None)] + slot_events(outcome.slots)


class ActionHulpNu(Action):
    def name(self) -> Text:
        return "action_hulp_nu"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        for text in hulp_nu_messages(config(tracker)):
            dispatcher.utter_message(text=text)
        return []


class ActionTwijfelStoppen(Action):
    """"Ik wil niet meer": never a silent stop; ask, and say where help is."""

    def name(self) -> Text:
        return "action_twijfel_stoppen"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        outcome = help_first.careful_question_turn(message_of(tracker), tracker.slots, config(tracker))
        say(dispatcher, outcome.replies)
        return slot_events(outcome.slots)
