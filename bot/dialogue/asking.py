"""What the report form says: the opening, each question, and going on after help came first."""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

from bot.dialogue import answers_parsing as parse
from bot.dialogue import report_form as form
from bot.dialogue.submission import submission_slots
from bot.dialogue.turn import Message, Outcome, Reply
from bot.domain.school import SchoolConfig
from bot.texts import questions
from bot.texts import report as texts
from bot.texts.voice import Voice

ASKED_SLOTS = tuple(form.REPORT_SLOTS)  # every question of the form, the summary ("confirmed") included


def ask(slot: str, slots: Mapping[str, Any], config: SchoolConfig) -> List[Reply]:
    """The messages that ask for ``slot``, worded for the reporter's role; the question comes last."""
    role = slots.get("reporter_role")
    about_adult = form.is_about_adult(slots)
    if slot == "confidentiality":  # what each choice means, and where confidentiality ends, first
        messages, buttons = form.confidentiality_question(config, role, about_adult)
        return [(text, []) for text in messages[:-1]] + [(messages[-1], buttons)]
    if slot == "contact":
        return [(form.contact_question(config, role, about_adult), [])]
    if slot == "confirmed":
        summary = [(text, []) for text in form.summary_messages(slots, config)]
        return summary + [questions.confirm(config.handler(about_adult).name)]
    return [questions.question(slot, Voice.of(role, config))]


def start(message: Message, slots: Mapping[str, Any], config: Optional[SchoolConfig] = None) -> Outcome:
    """Listen first: keep what the first message already told (the role, the story), and say so;
    then where confidentiality ends, before the story (when it was not told yet)."""
    text = parse.clean_text(message.text) or ""
    changes: Dict[str, Any] = {}
    role = parse.role_from_story(text) if text else None
    if role is not None and slots.get("reporter_role") is None:
        changes["reporter_role"] = role.value
    if text and form.is_disclosure(text, slots) and slots.get("description") is None:
        changes["description"] = text
    changes.update(submission_slots(slots))
    return Outcome(changes, tuple((text, []) for text in form.opening({**slots, **changes}, config)))


def resume(slots: Mapping[str, Any], config: Optional[SchoolConfig] = None) -> Outcome:
    """After help came first: go on with the report, with what was collected intact; a report
    that starts only now hears first where confidentiality ends."""
    changes = {"report_paused": None, **submission_slots(slots)}
    if slots.get("report_paused"):
        return Outcome(changes, (questions.message("verder_na_pauze"),))
    voice = Voice.of(slots.get("reporter_role"), config)
    return Outcome(changes, ((texts.start_after_help(voice), []), (texts.limits(voice), [])))
