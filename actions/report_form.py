"""Custom actions of the report conversation: thin rasa-sdk adapters over ``bot.dialogue``."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import (
    answer_taken_for_interruption, config, get_app, in_thread, message_of, say, slot_events,
)
from bot.dialogue import asking, validation
from bot.dialogue.submission import SUBMISSION_SLOT
from bot.dialogue import report_form as form
from bot.services import checkin
from bot.texts import questions

logger = logging.getLogger(__name__)

# Secrets for the way back through the chat, made ahead (argon2 takes about 30 ms).
SECRETS = checkin.SecretStock(size=3, pause=1.0)  # made up again after the reply that took one


class ValidateReportForm(FormValidationAction):
    """Checks and normalises each answer; asks again (slot None) when it is not understood.
    One ``validate_<slot>`` per question of the form, made below."""

    def name(self) -> Text:
        return "validate_report_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> List[Text]:
        return form.required_slots(tracker.slots)

    def validated(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        outcome = validation.validate(slot, value, message_of(tracker), tracker.slots)
        say(dispatcher, outcome.replies)
        return dict(outcome.slots)


def _validate_method(slot: str):
    def validate_slot(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self.validated(slot, value, dispatcher, tracker)

    validate_slot.__name__ = f"validate_{slot}"
    validate_slot.__qualname__ = f"ValidateReportForm.validate_{slot}"
    validate_slot.__doc__ = f"Checks the answer for {slot}."
    return validate_slot


for _slot in validation.VALIDATED_SLOTS:
    setattr(ValidateReportForm, f"validate_{_slot}", _validate_method(_slot))


class _AskQuestion(Action):
    """Asks the form's question for one slot, worded for the reporter's role."""

    slot: str = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        say(dispatcher, asking.ask(self.slot, tracker.slots, config(tracker)))
        return []


# One ask action per question of the form (rasa-sdk finds Action subclasses in this module).
for _slot in asking.ASKED_SLOTS:
    _name = "ActionAsk" + "".join(part.title() for part in _slot.split("_"))
    globals()[_name] = type(_name, (_AskQuestion,), {"slot": _slot, "__doc__": f"Asks for {_slot}."})


class ActionStartReport(Action):
    """Listen first: keep what the first message already told, and say so."""

    def name(self) -> Text:
        return "action_start_report"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        outcome = asking.start(message_of(tracker), tracker.slots, config(tracker))
        say(dispatcher, outcome.replies)
        return slot_events(outcome.slots)


class ActionSubmitReport(Action):
    """Store the report and queue the notification; tell the pupil what happens next."""

    def name(self) -> Text:
        return "action_submit_report"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        cfg = config(tracker)
        made = asyncio.ensure_future(in_thread(SECRETS.take))  # made ahead, or made while the report is stored
        try:
            report = form.report_from_slots(tracker.slots, cfg, tracker.sender_id)
            submission = tracker.get_slot(SUBMISSION_SLOT)  # the same when a confirmation is retried
            client = (tracker.latest_message.get("metadata") or {}).get("client")  # a daily pseudonym
            reference = await in_thread(get_app().submit_report, report, submission, client, tracker.sender_id)
        except Exception:  # noqa: BLE001 - the pupil must hear the truth, whatever broke
            made.cancel()
            logger.exception("storing a report failed")
            dispatcher.utter_message(text=form.submit_failed(cfg, tracker.slots))
            # The form opens again at its last question, with every answer kept: the pupil's next
            # "ja" sends the same submission again (one report, however many tries it takes).
            return [SlotSet("confirmed", None), FollowupAction(validation.REPORT_FORM)]
        # The way back through the chat: shown once, stored hashed.
        try:
            secret_made: Optional[checkin.NewSecret] = await made
        except Exception:  # noqa: BLE001 - issue_secret_or_none makes one itself then
            secret_made = None
        secret = await in_thread(checkin.issue_secret_or_none, get_app(), reference, secret_made)
        for part in form.after_submit(cfg, report, secret):
            dispatcher.utter_message(text=part)
        return slot_events(form.empty_report_slots()) + [SlotSet("report_reference", reference)]


class ActionStopReport(Action):
    def name(self) -> Text:
        return "action_stop_report"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker)
        if answered is not None:  # an answer the classifier took for "stop": go on with the form
            return answered + [FollowupAction(validation.REPORT_FORM)]
        say(dispatcher, [questions.message("gestopt")])
        return [ActiveLoop(None)] + slot_events(form.empty_report_slots())


class ActionResumeReport(Action):
    """After help came first: go on with the report, with what was collected intact."""

    def name(self) -> Text:
        return "action_resume_report"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        outcome = asking.resume(tracker.slots, config(tracker))
        say(dispatcher, outcome.replies)
        return slot_events(outcome.slots)


class ActionDeclineResume(Action):
    def name(self) -> Text:
        return "action_decline_resume"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        say(dispatcher, [questions.message("niet_verder")])
        return slot_events(form.empty_report_slots())
