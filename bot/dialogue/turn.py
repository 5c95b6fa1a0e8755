"""One turn of a conversation, free of Rasa: what the assistant heard, and what it decided."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple

from bot.dialogue.answers_parsing import clean_text
from bot.domain import vocabulary
from bot.texts.questions import Buttons

Reply = Tuple[str, Buttons]
"""A message to send: its text and its (title, payload) buttons, none when empty."""


@dataclass(frozen=True)
class Message:
    """The latest message as a whole: its text, the intent the classifier named, what the
    safety net of the chat channel added (``safety_net``, empty when it found nothing), and the
    ``entities`` the language understanding found in the text: (label, canonical value) pairs
    in the order of the text, the ones they imply last (an app means online)."""

    text: Optional[str] = None
    intent: Optional[str] = None
    safety_net: Mapping[str, Any] = field(default_factory=dict)
    entities: Tuple[Tuple[str, str], ...] = ()

    def values(self, label: str, text: Optional[str] = None) -> List[str]:
        """The known canonical values of ``label`` found in this message, in order, without repeats.

        With ``text`` (the answer being read), only when it is this message: an answer kept from
        an earlier turn and checked again was read when it came, and what it named is in the slots.
        """
        if text is not None:
            said = clean_text(text)
            if said is None or said != clean_text(self.text):
                return []
        known = vocabulary.canonical_values(label)
        found: List[str] = []
        for found_label, value in self.entities:
            if found_label == label and value in known and value not in found:
                found.append(value)
        return found


@dataclass(frozen=True)
class Outcome:
    """Slot changes, in the order they are set, and the replies to send before them."""

    slots: Dict[str, Any] = field(default_factory=dict)
    replies: Tuple[Reply, ...] = ()
