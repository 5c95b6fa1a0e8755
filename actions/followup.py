"""Custom actions for the pupil's follow-up (``status_melding``): thin adapters over ``bot.services.checkin``.

The ``followup_form`` asks the code, then the secret; a successful check shows the status and
the aanspreekpunt's messages, asks the nazorg question when its date has come, and offers to add
information. Every failed check gets the same text and ends the form, whatever went wrong.
The secret is never kept in a slot past its check and never logged.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import config, get_app, in_thread, rasa_buttons, say
from bot.dialogue import followup as dialogue
from bot.dialogue.followup import CLOSED, MASK, OK, answer_text, code_in
from bot.services import checkin
from bot.texts import followup as texts
from bot.domain.report import normalize_reference

logger = logging.getLogger(__name__)

FOLLOWUP_SLOTS = (
    "followup_code", "followup_secret", "followup_nazorg", "followup_addition", "followup_state",
    "followup_reference", "followup_ask_nazorg",
)


def _desk():
    return get_app()


def _say(dispatcher: CollectingDispatcher, text: str, buttons=None) -> None:
    dispatcher.utter_message(text=text, buttons=rasa_buttons(buttons or []))


def reset_events() -> List[EventType]:
    return [SlotSet(name, None) for name in FOLLOWUP_SLOTS]


class ActionFollowupStart(Action):
    """Start afresh; a code in the first message ("mijn code is ...") is kept."""

    def name(self) -> Text:
        return "action_followup_start"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        _say(dispatcher, texts.start())
        events = reset_events()
        code = code_in(tracker.latest_message.get("text"))
        if code:
            events.append(SlotSet("followup_code", code))
        return events


class ValidateFollowupForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_followup_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        return dialogue.required_slots(tracker.slots)

    # The NLU may read a bare code or secret as anything, even "stoppen" (the slot mappings
    # exclude the safety and stop intents). A message that is *only* a code, a secret, a nazorg
    # choice or a "no" is taken as the answer whatever its intent: it cannot be a cry for help.

    @staticmethod
    def _asked(tracker: Tracker, slot: str) -> Optional[str]:
        if tracker.get_slot("requested_slot") != slot:
            return None
        return answer_text(tracker.latest_message.get("text"))

    def extract_followup_code(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = self._asked(tracker, "followup_code")
        if text and (normalize_reference(text) or texts.lost_code(text)):
            return {"followup_code": text}
        return {}

    def extract_followup_secret(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = self._asked(tracker, "followup_secret")
        return {"followup_secret": text} if text and checkin.looks_like_secret(text) else {}

    def extract_followup_nazorg(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = self._asked(tracker, "followup_nazorg")
        return {"followup_nazorg": text} if text and texts.is_nazorg_choice(text) else {}

    def extract_followup_addition(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = self._asked(tracker, "followup_addition")
        return {"followup_addition": text} if text and texts.declines(text) else {}

    def validate_followup_code(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        outcome = dialogue.read_code(value, tracker.slots, config(tracker))
        say(dispatcher, outcome.replies)
        return dict(outcome.slots)

    async def validate_followup_secret(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        secret = answer_text(value)
        code = tracker.get_slot("followup_code")
        desk = _desk()
        try:
            client = (tracker.latest_message.get("metadata") or {}).get("client")
            access = await in_thread(checkin.check_code, desk, code, secret, client, config(tracker).school_id)
            status = await in_thread(checkin.status_for_pupil, desk, access.reference) if access.granted else None
        except Exception as exc:  # noqa: BLE001
            logger.error("follow-up check failed: %s", type(exc).__name__)
            _say(dispatcher, texts.failed(config(tracker)))
            return {"followup_secret": MASK, "followup_state": CLOSED}
        if status is None:
            _say(dispatcher, texts.try_later(config(tracker)) if access.limited else texts.denied(config(tracker)))
            return {"followup_secret": MASK, "followup_state": CLOSED}
        _say(dispatcher, texts.status_text(config(tracker), status.status))
        for message in texts.messages_text(config(tracker), status.messages):
            _say(dispatcher, message)
        return {"followup_secret": MASK, "followup_state": OK, "followup_reference": status.reference,
                "followup_ask_nazorg": status.ask_nazorg}

    async def validate_followup_nazorg(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        reference = tracker.get_slot("followup_reference")
        answer = texts.parse_nazorg(answer_text(value))
        if reference is None:
            return {"followup_nazorg": MASK}
        if answer is None:
            _say(dispatcher, texts.not_understood())
            return {"followup_nazorg": None}
        try:
            await in_thread(checkin.record_nazorg, _desk(), reference, answer)
        except Exception as exc:  # noqa: BLE001
            logger.error("recording a nazorg answer failed: %s", type(exc).__name__)
            _say(dispatcher, texts.failed(config(tracker)))
            return {"followup_nazorg": MASK, "followup_state": CLOSED}
        _say(dispatcher, texts.nazorg_thanks(config(tracker), answer))
        return {"followup_nazorg": answer.value}

    async def validate_followup_addition(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        reference = tracker.get_slot("followup_reference")
        text = answer_text(value)
        if reference is None or text is None or texts.declines(text):
            return {"followup_addition": "nee"}
        try:
            await in_thread(checkin.add_addition, _desk(), reference, text)
        except Exception as exc:  # noqa: BLE001
            logger.error("storing an addition failed: %s", type(exc).__name__)
            _say(dispatcher, texts.addition_failed(config(tracker)))
            return {"followup_addition": "mislukt"}
        _say(dispatcher, texts.addition_saved(config(tracker)))
        return {"followup_addition": "opgeslagen"}


class ActionAskFollowupCode(Action):
    def name(self) -> Text:
        return "action_ask_followup_code"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        text, buttons = texts.ask_code()
        _say(dispatcher, text, buttons)
        return []


class ActionAskFollowupSecret(Action):
    def name(self) -> Text:
        return "action_ask_followup_secret"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        text, buttons = texts.ask_secret()
        _say(dispatcher, text, buttons)
        return []


class ActionAskFollowupNazorg(Action):
    def name(self) -> Text:
        return "action_ask_followup_nazorg"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        text, buttons = texts.ask_nazorg()
        _say(dispatcher, text, buttons)
        return []


class ActionAskFollowupAddition(Action):
    def name(self) -> Text:
        return "action_ask_followup_addition"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        text, buttons = texts.ask_addition(config(tracker))
        _say(dispatcher, text, buttons)
        return []


class ActionFollowupDone(Action):
    """After the form: a kind goodbye (unless a failure was already answered); forget everything."""

    def name(self) -> Text:
        return "action_followup_done"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        if tracker.get_slot("followup_state") == OK and tracker.get_slot("followup_addition") != "opgeslagen":
            _say(dispatcher, texts.goodbye())
        return reset_events()


class ActionFollowupStop(Action):
    def name(self) -> Text:
        return "action_followup_stop"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        _say(dispatcher, texts.stopped())
        return [ActiveLoop(None)] + reset_events() + [SlotSet("requested_slot", None)]


class ActionFollowupReset(Action):
    """Before safety help: leave the follow-up quietly (help comes first)."""

    def name(self) -> Text:
        return "action_followup_reset"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        return [ActiveLoop(None)] + reset_events() + [SlotSet("requested_slot", None)]
