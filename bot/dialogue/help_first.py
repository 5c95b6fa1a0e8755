"""Help first: what the assistant says and keeps when the safety net hears danger.

Help interrupts everything: a report in progress is paused with what it collected intact, and
the report keeps the most serious reason for urgency heard in the conversation.
"""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

from bot.dialogue.turn import Message, Outcome, Reply
from bot.domain.chat_input import TOO_LONG_KEY
from bot.domain.report import SafetyCategory
from bot.domain.safety.signal import PRIORITY
from bot.domain.school import SchoolConfig
from bot.texts import questions
from bot.texts.chat_guard import TOO_LONG_AFTER_HELP
from bot.texts.help import also_helps, careful_question, meldcode_steps, safety_help


def most_serious(current: Optional[str], new: SafetyCategory) -> SafetyCategory:
    """The reason to keep when ``new`` danger is heard: the first in the safety net's ``PRIORITY``
    order; an unknown or missing ``current`` reason is replaced."""
    if current in {c.value for c in PRIORITY}:
        old = SafetyCategory(current)
        return old if PRIORITY.index(old) < PRIORITY.index(new) else new
    return new


def _category(intent: Optional[str]) -> SafetyCategory:
    """The danger the intent names; an intent that names none gets the crisis help."""
    try:
        return SafetyCategory(intent)
    except ValueError:
        return SafetyCategory.CRISIS


def _too_long(message: Message) -> List[str]:
    """The note for a message too long to read, whose danger the chat channel found."""
    return [TOO_LONG_AFTER_HELP] if message.safety_net.get(TOO_LONG_KEY) else []


def _also(message: Message) -> List[SafetyCategory]:
    """Other kinds of danger the safety net found in the same message (see ``SafetySignal.also``);
    ``also_helps`` leaves out the main one and what its help already says."""
    found = message.safety_net.get("also") or []
    return [SafetyCategory(c) for c in found if c in {x.value for x in SafetyCategory}]


def safety_help_turn(message: Message, slots: Mapping[str, Any], config: SchoolConfig,
                     form_active: bool) -> Outcome:
    """The right help at once; the report form stops (slots intact), paused when it was active,
    and the pupil is asked whether to go on (or, without a report, to tell what happens)."""
    category = _category(message.intent)
    if category is SafetyCategory.ONVEILIG_THUIS and slots.get("reporter_role") == "medewerker":
        help_texts = meldcode_steps(config)
    else:
        help_texts = safety_help(category, config)
    help_texts = help_texts + also_helps(category, _also(message), config) + _too_long(message)
    replies: List[Reply] = [(text, []) for text in help_texts]
    # The rules expect no requested slot, form or no form: then the form asks that question again
    # when it resumes, instead of taking "ja" as the answer.
    changes: Dict[str, Any] = {
        "urgency_reason": most_serious(slots.get("urgency_reason"), category).value,
        "requested_slot": None,
    }
    if form_active:
        changes["report_paused"] = True
        replies.append(questions.message("verder_melden_vraag"))
    else:
        replies.append(questions.message("vertellen_vraag"))
    return Outcome(changes, tuple(replies))


def careful_question_replies(message: Message, config: SchoolConfig) -> List[Reply]:
    """For "ik wil niet meer": never a silent stop; ask, and say where help is."""
    return [(note, []) for note in _too_long(message)] + [careful_question(config)]
