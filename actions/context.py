"""What every action module shares: the one bootstrapped Klankbord app per process, and the
translation between rasa-sdk (tracker, dispatcher, events) and ``bot.dialogue``'s turns."""
from __future__ import annotations

import asyncio
import functools
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple, TypeVar

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.bootstrap import get_app
from bot.dialogue import validation, writer
from bot.dialogue.turn import Message, Reply
from bot.domain.school import SchoolConfig

T = TypeVar("T")
NORMALISER = "EntityNormalizer"
"""The NLU component that gives each entity its canonical value (bot/adapters/rasa/entity_normalizer.py)."""


def config(tracker: Tracker) -> SchoolConfig:
    """The conversation's school: the one the first message of its session named (the chat
    channel puts the school it admitted into every message's metadata), so naming another school
    later changes nothing. With none found, only a one-school instance has an answer; anything
    else fails closed (the action fails, nothing is stored, the chat asks to send it again)."""
    app = get_app()
    school = app.schools.resolve(session_school(tracker))
    if school is None:
        raise LookupError("this conversation names no school this instance serves")
    return school


def session_school(tracker: Tracker) -> Optional[str]:
    """The school id in the metadata of the current session's first message, if any."""
    events = list(tracker.events or [])
    starts = [i for i, event in enumerate(events) if event.get("event") == "session_started"]
    for event in events[starts[-1] if starts else 0:]:
        if event.get("event") == "user":
            metadata = event.get("metadata")
            return metadata.get("school") if isinstance(metadata, dict) else None
    metadata = tracker.latest_message.get("metadata")  # a tracker without its events
    return metadata.get("school") if isinstance(metadata, dict) else None


async def in_thread(func: Callable[..., T], *args: Any) -> T:
    """Run blocking work (database, SMTP) off the action server's event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(func, *args))


def audience(tracker) -> str:
    """Who we are talking to, as far as the conversation tells: leerling, ouder or medewerker.
    Without a known writer, the message itself may say ("mijn dochter", "ik ben conciërge")."""
    role = tracker.get_slot("reporter_role") or writer.role_of(tracker.latest_message.get("text"))
    if role in ("ouder", "medewerker"):
        return role
    return "leerling"


def rasa_buttons(pairs: Iterable[Tuple[str, str]]) -> Optional[List[Dict[str, str]]]:
    """(title, payload) pairs as Rasa buttons; None when there are none."""
    return [{"title": title, "payload": payload} for title, payload in pairs] or None


def message_of(tracker: Tracker) -> Message:
    """The tracker's latest message as ``bot.dialogue`` reads it, with the entities Rasa found."""
    latest = tracker.latest_message
    return Message(latest.get("text"), (latest.get("intent") or {}).get("name"), latest.get("safety_net") or {},
                   canonical_entities(latest.get("entities") or []))


def canonical_entities(entities: Iterable[Mapping[str, Any]]) -> Tuple[Tuple[str, str], ...]:
    """(label, canonical value) of the entities Rasa's entity normaliser gave a canonical value,
    in order. Others are left out: an entity typed after a "/" carries whatever was typed."""
    return tuple(
        (entity["entity"], entity["value"]) for entity in entities
        if NORMALISER in (entity.get("extractor"), *(entity.get("processors") or ()))
        and isinstance(entity.get("entity"), str) and isinstance(entity.get("value"), str)
    )


def say(dispatcher: CollectingDispatcher, replies: Iterable[Reply]) -> None:
    for text, buttons in replies:
        dispatcher.utter_message(text=text, buttons=rasa_buttons(buttons))


def slot_events(changes: Mapping[str, Any]) -> List[EventType]:
    return [SlotSet(name, value) for name, value in changes.items()]


def answer_taken_for_interruption(dispatcher: CollectingDispatcher, tracker: Tracker,
                                  heard: str = "stop") -> Optional[List[EventType]]:
    """The slot events of the report form's question when the message plainly answers it,
    although the classifier took it for a stop or a question; else None (see ``bot.dialogue.validation``)."""
    outcome = validation.answer_taken_for_interruption(
        message_of(tracker), tracker.slots, (tracker.active_loop or {}).get("name"), heard)
    if outcome is None:
        return None
    say(dispatcher, outcome.replies)
    return slot_events(outcome.slots)
