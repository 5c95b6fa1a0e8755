"""Who is writing, as the actions read it from Rasa: the writer a button named."""
from __future__ import annotations

from typing import Optional

from rasa_sdk import Tracker

from bot.dialogue.writer import WRITERS
from bot.texts.help import WRITER_ENTITY


def chosen_writer(tracker: Tracker) -> Optional[str]:
    """The writer a "who is this about?" button named (its payload carries ``schoolrol``), if any."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == WRITER_ENTITY and entity.get("value") in WRITERS:
            return entity["value"]
    return None
