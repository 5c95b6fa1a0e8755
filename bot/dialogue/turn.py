"""One turn of a conversation, free of Rasa: what the assistant heard, and what it decided."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Tuple

from bot.texts.questions import Buttons

Reply = Tuple[str, Buttons]
"""A message to send: its text and its (title, payload) buttons, none when empty."""


@dataclass(frozen=True)
class Message:
    """The latest message as a whole: its text, the intent the classifier named, and what the
    safety net of the chat channel added (``safety_net``, empty when it found nothing)."""

    text: Optional[str] = None
    intent: Optional[str] = None
    safety_net: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """Slot changes, in the order they are set, and the replies to send before them."""

    slots: Dict[str, Any] = field(default_factory=dict)
    replies: Tuple[Reply, ...] = ()
