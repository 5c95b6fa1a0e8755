"""A scripted reporter for end-to-end conversations: answers whatever question the assistant asks.

It recognises each question by the text the assistant uses for it (``bot.texts.questions``
and the custom ask actions), so the tests follow the real flow, including skipped questions
when the first message already told the answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

from bot.texts import questions
from bot.texts.voice import TEACHER_WORDS

CODE = re.compile(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b")

# Marks of the questions that custom actions word themselves.
CUSTOM_QUESTIONS = {
    "confidentiality": "Wat kies",  # "Wat kies je?" / "Wat kiest u?"
    "contact": "bereiken?",
    "confirmed": "Klopt dit?",
}


def question_slot(text: str) -> Optional[str]:
    """Which form slot a bot message asks for, or None."""
    for slot, variants in questions.QUESTIONS.items():
        for wording, _ in variants.values():
            if text.strip() in {wording.strip().replace("{teachers}", words) for words in TEACHER_WORDS}:
                return slot
    for slot, mark in CUSTOM_QUESTIONS.items():
        if mark in text:
            return slot
    return None


@dataclass
class Conversation:
    """One conversation over the REST webhook, with a transcript for failure messages."""

    say: Callable[[str, str], List[dict]]
    sender: str
    transcript: List[str] = field(default_factory=list)

    def send(self, text: str) -> List[dict]:
        self.transcript.append(f"> {text}")
        replies = self.say(self.sender, text)
        for r in replies:
            self.transcript.append(f"< {r.get('text', '')}" + (f"  {[b['title'] for b in r.get('buttons', [])]}" if r.get("buttons") else ""))
        return replies

    def dump(self) -> str:
        return "\n".join(self.transcript)


def complete_report(
    conv: Conversation,
    first: str,
    answers: Dict[str, str],
    max_turns: int = 30,
    interrupt_at: Optional[str] = None,
    interrupt: Optional[Callable[[Conversation], List[dict]]] = None,
) -> str:
    """Tell ``first``, answer each question from ``answers``, confirm; returns the reference code.

    With ``interrupt_at``, the first time that question comes, ``interrupt(conv)`` runs instead
    of the answer (it must leave the conversation at a question again).
    Fails (AssertionError with the transcript) when a question comes that has no answer,
    or when no code arrives.
    """
    replies = conv.send(first)
    asked: List[str] = []
    interrupted = False
    for _ in range(max_turns):
        texts = [r.get("text", "") for r in replies]
        for t in texts:
            m = CODE.search(t)
            if m:
                return m.group(1)
        slot = next((question_slot(t) for t in reversed(texts) if question_slot(t)), None)
        assert slot is not None, f"no question recognised in the last replies:\n{conv.dump()}"
        assert slot in answers, f"unexpected question for {slot}:\n{conv.dump()}"
        if slot == interrupt_at and not interrupted and interrupt is not None:
            interrupted = True
            replies = interrupt(conv)
            continue
        asked.append(slot)
        assert asked.count(slot) <= 2, f"question for {slot} asked three times:\n{conv.dump()}"
        replies = conv.send(answers[slot])
    if interrupt_at is not None:
        assert interrupted, f"the question for {interrupt_at} never came:\n{conv.dump()}"
    raise AssertionError(f"no reference code after {max_turns} turns:\n{conv.dump()}")
