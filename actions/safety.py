"""Help first: unsafe situations interrupt everything, then the report may go on."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet

from actions.context import config, rasa_buttons
from bot.texts import questions
from bot.texts.help import also_helps, careful_question, hulp_nu, meldcode_steps, safety_help
from bot.domain.report import SafetyCategory
from bot.domain.chat_input import TOO_LONG_KEY
from bot.texts.chat_guard import TOO_LONG_AFTER_HELP

# When several signals come in one conversation, the most serious reason is kept.
_SEVERITY = [SafetyCategory.ACUUT_GEVAAR, SafetyCategory.CRISIS, SafetyCategory.ONVEILIG_THUIS,
             SafetyCategory.STRAFBAAR_FEIT]


def _most_serious(current: str | None, new: SafetyCategory) -> SafetyCategory:
    if current in {c.value for c in _SEVERITY}:
        old = SafetyCategory(current)
        return old if _SEVERITY.index(old) < _SEVERITY.index(new) else new
    return new


def _too_long(tracker: Tracker) -> List[str]:
    """The note for a message too long to read, whose danger the chat channel found."""
    return [TOO_LONG_AFTER_HELP] if (tracker.latest_message.get("safety_net") or {}).get(TOO_LONG_KEY) else []


def _also(tracker: Tracker) -> List[SafetyCategory]:
    """Other kinds of danger the safety net found in the same message (see ``SafetySignal.also``);
    ``also_helps`` leaves out the main one and what its help already says."""
    found = (tracker.latest_message.get("safety_net") or {}).get("also") or []
    return [SafetyCategory(c) for c in found if c in {x.value for x in SafetyCategory}]


class ActionSafetyHelp(Action):
    """Give the right help at once; pause the report form (slots intact) and offer to go on."""

    def name(self) -> Text:
        return "action_safety_help"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        try:
            category = SafetyCategory(intent)
        except ValueError:
            category = SafetyCategory.CRISIS
        cfg = config()
        if category is SafetyCategory.ONVEILIG_THUIS and tracker.get_slot("reporter_role") == "medewerker":
            messages = meldcode_steps(cfg)
        else:
            messages = safety_help(category, cfg)
        messages += also_helps(category, _also(tracker), cfg) + _too_long(tracker)
        for message in messages:
            dispatcher.utter_message(text=message)
        events: List[EventType] = [
            SlotSet("urgency_reason", _most_serious(tracker.get_slot("urgency_reason"), category).value)
        ]
        # The rules expect both, form or no form. Forgetting the requested slot makes the form
        # ask that question again when it resumes, instead of taking "ja" as the answer.
        events += [ActiveLoop(None), SlotSet("requested_slot", None)]
        if tracker.active_loop.get("name"):
            events.append(SlotSet("report_paused", True))
            text, buttons = questions.message("verder_melden_vraag")
            dispatcher.utter_message(text=text, buttons=rasa_buttons(buttons))
        else:
            dispatcher.utter_message(
                text="Wil je mij ook vertellen wat er gebeurt? Dan kan de school je helpen.",
                buttons=[{"title": "Ja", "payload": "/bevestigen"}, {"title": "Nu niet", "payload": "/ontkennen"}],
            )
        return events


class ActionHulpNu(Action):
    def name(self) -> Text:
        return "action_hulp_nu"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        dispatcher.utter_message(text=hulp_nu(config()))
        return []


class ActionTwijfelStoppen(Action):
    """"Ik wil niet meer": never a silent stop; ask, and say where help is."""

    def name(self) -> Text:
        return "action_twijfel_stoppen"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        for note in _too_long(tracker):
            dispatcher.utter_message(text=note)
        dispatcher.utter_message(
            text=careful_question(config()),
            buttons=[{"title": "Ik wil stoppen met de chat", "payload": "/stoppen"},
                     {"title": "Het gaat niet goed met me", "payload": "/crisis"}],
        )
        return []
