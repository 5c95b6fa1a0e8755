"""What the report form says: the opening, each question, and going on after help came first."""
from __future__ import annotations

from typing import Any, Dict, List, Mapping

from bot.dialogue import answers_parsing as parse
from bot.dialogue import report_form as form
from bot.dialogue.submission import submission_slots
from bot.dialogue.turn import Message, Outcome, Reply
from bot.domain.school import SchoolConfig
from bot.texts import questions

ASKED_SLOTS = tuple(form.REPORT_SLOTS)  # every question of the form, the summary ("confirmed") included


def ask(slot: str, slots: Mapping[str, Any], config: SchoolConfig) -> List[Reply]:
    """The messages that ask for ``slot``, worded for the reporter's role; the question comes last."""
    role = slots.get("reporter_role")
    if slot == "confidentiality":  # what each choice means, and where confidentiality ends, first
        texts, buttons = form.confidentiality_question(config, role, form.is_about_adult(slots))
        return [(text, []) for text in texts[:-1]] + [(texts[-1], buttons)]
    if slot == "contact":
        return [(form.contact_question(config, role, form.is_about_adult(slots)), [])]
    if slot == "confirmed":
        return [(form.summary_intro(role) + "\n" + form.summary(slots), []), questions.message("klopt_dit")]
    return [questions.question(slot, role)]


def start(message: Message, slots: Mapping[str, Any]) -> Outcome:
    """Listen first: keep what the first message already told (the role, the story), and say so."""
    text = parse.clean_text(message.text) or ""
    changes: Dict[str, Any] = {}
    role = parse.role_from_story(text) if text else None
    if role is not None and slots.get("reporter_role") is None:
        changes["reporter_role"] = role.value
    if text and form.is_disclosure(text, slots) and slots.get("description") is None:
        changes["description"] = text
    changes.update(submission_slots(slots))
    return Outcome(changes, ((form.opening({**slots, **changes}), []),))


def resume(slots: Mapping[str, Any]) -> Outcome:
    """After help came first: go on with the report, with what was collected intact."""
    said = "verder_na_pauze" if slots.get("report_paused") else "melding_start"
    return Outcome({"report_paused": None, **submission_slots(slots)}, (questions.message(said),))
