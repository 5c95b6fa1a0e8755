"""A question about handling bullying, answered for the writer: staff get the staff guidance, a
pupil (about themselves or a bystander) what a pupil can do, a parent what a parent can do. Staff
guidance never reaches a writer not known to be staff: such a writer is asked once, with buttons."""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple

from bot.dialogue import help_first, writer
from bot.dialogue.turn import Message
from bot.domain.school import SchoolConfig
from bot.texts import answers
from bot.texts.help import WRITER_ENTITY


def asker_payload(role: str) -> str:
    """The payload of a "who asks?" button: the same question again, with the writer named."""
    return f'/{answers.RETRIEVAL_INTENT}{{"{WRITER_ENTITY}":"{role}"}}'


def answer_for_writer(message: Message, slots: Mapping[str, Any], config: SchoolConfig, key: Optional[str],
                      staff_text: Optional[str], chosen: Optional[str] = None
                      ) -> Tuple[Dict[str, Any], answers.Answer]:
    """The slot changes (the writer to keep) and the answer to a question about handling bullying
    (``key``: the selected ``vraag_aanpak/<sub>``, ``staff_text``: its staff guidance). A writer the
    message or a button names is kept; one read from the question alone ("only staff ask how to
    register") is not."""
    changes = help_first.writer_changes(message, slots, chosen)
    role = changes.get("reporter_role", slots.get("reporter_role"))
    sub = answers.aanpak_sub(key)
    if role is None:
        role = writer.asker_of_guidance(message.text, sub)
    if role is None:
        answer = answers.who_asks(asker_payload)
    elif role == writer.STAFF:
        answer = answers.staff_guidance(config, key, staff_text)
    elif role == writer.PARENT:
        answer = answers.what_to_do_parent(config, role)
    elif sub == "pesten_of_plagen":
        answer = answers.what_is_bullying(config)
    else:
        answer = answers.what_to_do_pupil(config)
    return changes, answer
