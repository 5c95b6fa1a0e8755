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
from bot.dialogue import writer
from bot.texts.help import also_helps, careful_question, safety_help, writer_question
from bot.texts.voice import Voice


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


def writer_changes(message: Message, slots: Mapping[str, Any], chosen: Optional[str] = None) -> Dict[str, Any]:
    """The ``reporter_role`` to keep after this message, as a slot change (or nothing): the writer
    a button named (``chosen``), else what the message says about its writer (``bot.dialogue.writer``)."""
    current = slots.get("reporter_role")
    if chosen in writer.WRITERS:
        return {} if chosen == current else {"reporter_role": chosen}
    text = message.text or ""
    if text.lstrip().startswith("/"):
        return {}
    found = writer.updated_role(text, current)
    return {} if found is writer.UNCHANGED else {"reporter_role": found}


def safety_help_turn(message: Message, slots: Mapping[str, Any], config: SchoolConfig,
                     form_active: bool, chosen: Optional[str] = None) -> Outcome:
    """The right help at once, for the writer as far as known; the report form stops (slots intact),
    paused when it was active. Then one question: who is writing, when that is not known yet and
    no report is open (the form asks it itself), else whether to go on (or to tell what happens).
    ``chosen``: the writer a button of that question named."""
    category = _category(message.intent)
    changes: Dict[str, Any] = writer_changes(message, slots, chosen)
    role = changes.get("reporter_role", slots.get("reporter_role"))
    voice = Voice.of(role, config)
    help_texts = safety_help(category, config, voice)
    help_texts = help_texts + also_helps(category, _also(message), config, voice) + _too_long(message)
    replies: List[Reply] = [(text, []) for text in help_texts]
    # The rules expect no requested slot, form or no form: then the form asks that question again
    # when it resumes, instead of taking "ja" as the answer.
    changes.update({
        "urgency_reason": most_serious(slots.get("urgency_reason"), category).value,
        "requested_slot": None,
    })
    if form_active:
        changes["report_paused"] = True
        replies.append(questions.message("verder_melden_vraag"))
    elif role is None:
        replies.append(writer_question(category))
    elif slots.get("report_paused"):
        replies.append(questions.message("verder_melden_vraag"))
    else:
        replies.append(questions.message("vertellen_vraag"))
    return Outcome(changes, tuple(replies))


def careful_question_turn(message: Message, slots: Mapping[str, Any], config: SchoolConfig) -> Outcome:
    """For "ik wil niet meer": never a silent stop; ask, and say where help is, for the writer."""
    changes = writer_changes(message, slots)
    voice = Voice.of(changes.get("reporter_role", slots.get("reporter_role")), config)
    return Outcome(changes, tuple([(note, []) for note in _too_long(message)] + [careful_question(config, voice)]))


def careful_question_replies(message: Message, config: SchoolConfig,
                             slots: Optional[Mapping[str, Any]] = None) -> List[Reply]:
    """The careful question's messages (see ``careful_question_turn``)."""
    return list(careful_question_turn(message, slots or {}, config).replies)
