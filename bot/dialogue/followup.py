"""The follow-up chat (``status_melding``): which questions it asks, and reading the code.

Whether a text has the shape of a secret depends on the secret's word list, so that check lives
beside it, in ``bot.services.checkin.looks_like_secret``.
"""
from __future__ import annotations

import re
from typing import Any, List, Mapping, Optional

from bot.dialogue.turn import Outcome
from bot.domain.report import normalize_reference
from bot.domain.school import SchoolConfig
from bot.texts import followup as texts

# What ``followup_state`` holds: checked and granted, closed (a failure was answered), one more try.
OK, CLOSED, CODE_RETRY = "ok", "closed", "code_retry"
MASK = "-"  # what a filled secret or code slot holds once it has been checked
MAX_CODE_MESSAGE_CHARS = 300  # a code is looked for in a sentence, not in a long story
_CODE_IN_TEXT = re.compile(r"[0-9A-Za-z]{4}[\s\-]*[0-9A-Za-z]{4}[\s\-]*[0-9A-Za-z]{4}")


def answer_text(value: Any) -> Optional[str]:
    """A slot value or message as one stripped text (the last of a list); None when empty."""
    if isinstance(value, list):
        value = value[-1] if value else None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def code_in(text: Optional[str]) -> Optional[str]:
    """A well-formed reference code in what the pupil typed (alone or in a sentence)."""
    if not text or len(text) > MAX_CODE_MESSAGE_CHARS:
        return None
    whole = normalize_reference(text)
    if whole:
        return whole
    for candidate in _CODE_IN_TEXT.findall(text):
        found = normalize_reference(candidate)
        if found:
            return found
    return None


def required_slots(slots: Mapping[str, Any]) -> List[str]:
    """The follow-up form's questions: code and secret; after a granted check the nazorg question
    (when its date has come) and the addition; none once a failure was answered."""
    state = slots.get("followup_state")
    if state == CLOSED:
        return []
    needed = ["followup_code", "followup_secret"]
    if state == OK:
        if slots.get("followup_ask_nazorg"):
            needed.append("followup_nazorg")
        needed.append("followup_addition")
    return needed


def read_code(value: Any, slots: Mapping[str, Any], config: SchoolConfig) -> Outcome:
    """The answer to "wat is je code?": the code; or one more try; or, when it is lost or the
    second try failed too, where to go instead (the form ends)."""
    text = answer_text(value)
    code = code_in(text)
    if code:
        return Outcome({"followup_code": code, "followup_state": None})
    if texts.lost_code(text) or slots.get("followup_state") == CODE_RETRY:
        return Outcome({"followup_code": MASK, "followup_state": CLOSED}, ((texts.code_lost(config), []),))
    return Outcome({"followup_code": None, "followup_state": CODE_RETRY}, ((texts.code_not_readable(), []),))
