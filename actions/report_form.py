"""Custom actions of the report conversation: thin adapters over ``bot.dialogue``."""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import config, get_app, in_thread, rasa_buttons
from actions.followup import issue_followup_secret
from bot.domain import vocabulary
from bot.dialogue import answer_guard
from bot.dialogue import answers_parsing as parse
from bot.texts import questions
from bot.dialogue import report_form as form
from bot.language.entities import clean_values, values_in
from bot.domain.report import ReporterRole

logger = logging.getLogger(__name__)

OTHER = form.OTHER


def _say(dispatcher: CollectingDispatcher, name: str) -> None:
    text, buttons = questions.message(name)
    dispatcher.utter_message(text=text, buttons=rasa_buttons(buttons))


def _texts(value: Any) -> List[str]:
    """A slot candidate as a list of strings (list slots get [text] from free text)."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(item) for item in items if item is not None]


def _canonical(value: Any, label: str, keep_other: bool = True) -> Optional[List[str]]:
    """Canonical values from entity values and/or free text; ``["anders"]`` for other text."""
    found: List[str] = []
    allowed = set(vocabulary.canonical_values(label))
    for item in _texts(value):
        if item.startswith("/"):
            continue  # typed intent shortcuts may carry entities: never trust them
        if item in allowed:
            candidates = [item]
        else:
            candidates = values_in(item, label)
        for c in clean_values(candidates, label):
            if c not in found:
                found.append(c)
        if not candidates and keep_other and parse.clean_text(item):
            if OTHER not in found:
                found.append(OTHER)
    return found or None


def _message_text(tracker: Tracker) -> Optional[str]:
    """The pupil's whole message (an entity-filled slot value is only a part of it)."""
    return parse.clean_text(tracker.latest_message.get("text"))


def _free_text(value: Any) -> Optional[str]:
    texts = _texts(value)
    return parse.clean_text(texts[-1]) if texts else None


class ValidateReportForm(FormValidationAction):
    """Checks and normalises each answer; asks again (slot None) when it is not understood."""

    def name(self) -> Text:
        return "validate_report_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> List[Text]:
        return form.required_slots(tracker.slots)

    def validate_reporter_role(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = _free_text(value)
        role = parse.parse_role(text) if text else None
        if role is None:
            _say(dispatcher, "niet_begrepen_keuze")
            return {"reporter_role": None}
        result: Dict[Text, Any] = {"reporter_role": role.value}
        # "ze trekken me aan mijn haar" answers "who are you?" and also tells what happens.
        if tracker.get_slot("description") is None and parse.story_beyond_role(text):
            result["description"] = text
            result.update(form.also_told(text, tracker.slots, "reporter_role"))
        return result

    def validate_description(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = _free_text(value)
        if text is None:
            _say(dispatcher, "lege_invoer")
            return {"description": None}
        return {"description": text, **form.also_told(text, tracker.slots, "description")}

    def _other_answers_only(self, slot: str, value, tracker, dispatcher) -> Optional[Dict[Text, Any]]:
        """When the answer names none of this question's choices but answers other open questions,
        keep those and ask this one again (without saying it was not understood)."""
        text = _message_text(tracker)
        extra = form.also_told(text, tracker.slots, slot) if text else {}
        if not extra:
            return None
        dispatcher.utter_message(text="Dank je, dat schrijf ik op.")
        return {slot: None, **extra}

    def _validate_list(self, slot: str, label: str, value, dispatcher, tracker) -> Dict[Text, Any]:
        values = _canonical(value, label)
        if values == [OTHER]:
            reask = self._other_answers_only(slot, value, tracker, dispatcher)
            if reask is not None:
                return reask
        if values is None:
            _say(dispatcher, "niet_begrepen_keuze")
            return {slot: None}
        text = _message_text(tracker)
        return {slot: values, **(form.also_told(text, tracker.slots, slot) if text else {})}

    def validate_kinds(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._validate_list("kinds", vocabulary.KIND, value, dispatcher, tracker)

    def validate_places(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        result = self._validate_list("places", vocabulary.PLACE, value, dispatcher, tracker)
        if result["places"]:
            result.update(form.own_words_slots("places", result["places"], _free_text(value), tracker.slots))
        return result

    def _validate_single(self, slot: str, label: str, value, dispatcher, tracker) -> Dict[Text, Any]:
        text = _free_text(value)
        if text is None:
            _say(dispatcher, "niet_begrepen_keuze")
            return {slot: None}
        values = _canonical(value, label, keep_other=False)
        if not values and parse.declined(text):
            return {slot: form.DECLINED}
        # A choice, or for "wanneer?" a situation in own words ("als we met de bus gaan": when, and where).
        answer = values[0] if values else (OTHER if slot == "moment" and parse.tells_a_situation(text) else None)
        if answer is not None:
            return {slot: answer, **form.own_words_slots(slot, answer, text, tracker.slots),
                    **form.also_told(_message_text(tracker) or text, tracker.slots, slot)}
        reask = self._other_answers_only(slot, value, tracker, dispatcher)
        return reask if reask is not None else {slot: OTHER, **form.own_words_slots(slot, OTHER, text, tracker.slots)}

    def validate_moment(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._validate_single("moment", vocabulary.MOMENT, value, dispatcher, tracker)

    def validate_frequency(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._validate_single("frequency", vocabulary.FREQUENCY, value, dispatcher, tracker)

    def _validate_text(self, slot: str, value, dispatcher) -> Dict[Text, Any]:
        text = _free_text(value)
        if text is None:
            _say(dispatcher, "lege_invoer")
        return {slot: text}

    def validate_since_when(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._validate_text("since_when", value, dispatcher)

    def validate_people_involved(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = _free_text(value)
        if text is not None and parse.declined(text) and len(text) < 40:
            return {"people_involved": form.DECLINED}
        return self._validate_text("people_involved", value, dispatcher)

    def validate_already_told(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._validate_text("already_told", value, dispatcher)

    def validate_desired_outcome(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return self._validate_text("desired_outcome", value, dispatcher)

    def validate_confidentiality(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = _free_text(value)
        choice = parse.parse_confidentiality(text) if text else None
        if choice is None:
            _say(dispatcher, "niet_begrepen_keuze")
            return {"confidentiality": None}
        return form.confidentiality_slots(choice, tracker.get_slot("reporter_role"))

    def validate_share_with(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = _free_text(value)
        if text is None:
            _say(dispatcher, "niet_begrepen_keuze")
            return {"share_with": None}
        if isinstance(value, list) and all(v in ("mentor", "ouders") for v in value):
            return {"share_with": value}
        chosen = parse.parse_share_with(text)
        if chosen is None:
            _say(dispatcher, "niet_begrepen_keuze")
        return {"share_with": chosen}

    def validate_contact(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = _free_text(value)
        if text is not None and parse.declined(text) and len(text) < 30:
            return {"contact": form.DECLINED}
        return self._validate_text("contact", value, dispatcher)

    def validate_confirmed(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = _free_text(value) or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        field = form.field_named(text) if "aanpas" in text.lower() or len(text.split()) <= 4 else None
        if field and not parse.is_yes(text, None):
            dispatcher.utter_message(text=f"Oké, dan vraag ik opnieuw naar: {form.FIELD_BY_SLOT[field].name}.")
            changes: Dict[Text, Any] = {field: None, "confirmed": None}
            if field == "confidentiality":
                changes.update({"share_with": None, "contact": None})
            return changes
        if parse.is_yes(text, intent):
            return {"confirmed": "ja"}
        _say(dispatcher, "aanpassen_welk")
        return {"confirmed": None}


class ActionStartReport(Action):
    """Listen first: keep what the first message already told, and say so."""

    def name(self) -> Text:
        return "action_start_report"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        text = parse.clean_text(tracker.latest_message.get("text")) or ""
        events: List[EventType] = []
        role = parse.role_from_story(text) if text else None
        if role is not None and tracker.get_slot("reporter_role") is None:
            events.append(SlotSet("reporter_role", role.value))
        if text and form.is_disclosure(text, tracker.slots) and tracker.get_slot("description") is None:
            events.append(SlotSet("description", text))
        slots = dict(tracker.slots)
        for event in events:
            slots[event["name"]] = event["value"]
        dispatcher.utter_message(text=form.opening(slots))
        return events


class _AskQuestion(Action):
    """Asks the form's question for one slot, worded for the reporter's role."""

    slot: str = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        text, buttons = questions.question(self.slot, tracker.get_slot("reporter_role"))
        dispatcher.utter_message(text=text, buttons=rasa_buttons(buttons))
        return []


# One ask action per plain question (rasa-sdk finds Action subclasses in this module).
for _slot in questions.QUESTIONS:
    _name = "ActionAsk" + "".join(part.title() for part in _slot.split("_"))
    globals()[_name] = type(_name, (_AskQuestion,), {"slot": _slot, "__doc__": f"Asks for {_slot}."})


class ActionAskConfidentiality(Action):
    """Explain what each choice means, and where confidentiality ends, before asking."""

    def name(self) -> Text:
        return "action_ask_confidentiality"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        text, buttons = form.confidentiality_question(config(), tracker.get_slot("reporter_role"))
        for part in text[:-1]:
            dispatcher.utter_message(text=part)
        dispatcher.utter_message(text=text[-1], buttons=rasa_buttons(buttons))
        return []


class ActionAskContact(Action):
    def name(self) -> Text:
        return "action_ask_contact"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        dispatcher.utter_message(text=form.contact_question(config(), tracker.get_slot("reporter_role")))
        return []


class ActionAskConfirmed(Action):
    def name(self) -> Text:
        return "action_ask_confirmed"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        intro = form.summary_intro(tracker.get_slot("reporter_role"))
        dispatcher.utter_message(text=intro + "\n" + form.summary(tracker.slots))
        dispatcher.utter_message(
            text="Klopt dit? Dan verstuur ik het naar het aanspreekpunt pesten.",
            buttons=[
                {"title": "Ja, versturen", "payload": "ja, versturen"},
                {"title": "Iets aanpassen", "payload": "iets aanpassen"},
                {"title": "Stoppen", "payload": "/stoppen"},
            ],
        )
        return []


def _forget_report() -> List[EventType]:
    return [SlotSet(name, value) for name, value in form.empty_report_slots().items()]


class ActionSubmitReport(Action):
    """Store the report and queue the notification; tell the pupil what happens next."""

    def name(self) -> Text:
        return "action_submit_report"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        cfg = config()
        try:
            report = form.report_from_slots(tracker.slots, cfg, tracker.sender_id)
            reference = await in_thread(get_app().submit_report, report)
        except Exception:  # noqa: BLE001 - the pupil must hear the truth, whatever broke
            logger.exception("storing a report failed")
            dispatcher.utter_message(text=form.submit_failed(cfg))
            return [SlotSet("confirmed", None)]
        secret = await in_thread(issue_followup_secret, reference)  # issue 6: shown once, stored hashed
        for part in form.after_submit(cfg, report, secret):
            dispatcher.utter_message(text=part)
        return _forget_report() + [SlotSet("report_reference", reference)]


def answer_taken_for_interruption(dispatcher, tracker: Tracker, domain, heard: str = "stop") -> Optional[List[EventType]]:
    """The slot events of the form's question when the message plainly answers it (checked as
    the form checks answers), although the classifier took it for a stop or a question; else None."""
    slot = tracker.get_slot("requested_slot")
    text = tracker.latest_message.get("text") or ""
    if ((tracker.active_loop or {}).get("name") != "report_form"
            or not answer_guard.answers_the_question(slot, text, heard)):
        return None
    validated = getattr(ValidateReportForm(), f"validate_{slot}")(text, dispatcher, tracker, domain)
    return [SlotSet(name, value) for name, value in validated.items()]


class ActionStopReport(Action):
    def name(self) -> Text:
        return "action_stop_report"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        answered = answer_taken_for_interruption(dispatcher, tracker, domain)
        if answered is not None:  # an answer the classifier took for "stop": go on with the form
            return answered + [FollowupAction("report_form")]
        _say(dispatcher, "gestopt")
        return [ActiveLoop(None)] + _forget_report()


class ActionResumeReport(Action):
    """After help came first: go on with the report, with what was collected intact."""

    def name(self) -> Text:
        return "action_resume_report"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        if tracker.get_slot("report_paused"):
            dispatcher.utter_message(text="Fijn. We gaan verder waar we gebleven waren.")
        else:
            _say(dispatcher, "melding_start")
        return [SlotSet("report_paused", None)]


class ActionDeclineResume(Action):
    def name(self) -> Text:
        return "action_decline_resume"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        _say(dispatcher, "niet_verder")
        return _forget_report()
