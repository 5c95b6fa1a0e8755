"""Which run of the report form a confirmation belongs to: the key that makes submitting repeatable.

When the form starts (or goes on after help came first) the conversation gets a random
submission id in the slot ``submission_id``; it is forgotten with the report's other slots after
submit or stop. A retry of the same confirmation (the action server or a Rasa replica died, a
proxy sent the request again) carries the same id, so ``Klankbord.submit_report`` derives the
same reference from it (with the data key) and finds the report it already stored: one report,
one set of mails. The id is never stored with the report.
"""
from __future__ import annotations

import secrets
from typing import Any, Dict, Mapping

SUBMISSION_SLOT = "submission_id"


def submission_slots(slots: Mapping[str, Any]) -> Dict[str, Any]:
    """A new submission id when this form run has none yet; else nothing to change."""
    if slots.get(SUBMISSION_SLOT):
        return {}
    return {SUBMISSION_SLOT: secrets.token_urlsafe(16)}
