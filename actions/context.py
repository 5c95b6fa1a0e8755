"""The action server's link to the domain: one bootstrapped Klankbord app per process."""
from __future__ import annotations

import asyncio
import functools
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, TypeVar

from bot.bootstrap import get_app
from bot.domain.school import SchoolConfig

T = TypeVar("T")


def config() -> SchoolConfig:
    return get_app().config


async def in_thread(func: Callable[..., T], *args: Any) -> T:
    """Run blocking work (database, SMTP) off the action server's event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(func, *args))


def audience(tracker) -> str:
    """Who we are talking to, as far as the conversation tells: leerling, ouder or medewerker."""
    role = tracker.get_slot("reporter_role")
    if role in ("ouder", "medewerker"):
        return role
    return "leerling"


def rasa_buttons(pairs: Iterable[Tuple[str, str]]) -> Optional[List[Dict[str, str]]]:
    """(title, payload) pairs as Rasa buttons; None when there are none."""
    return [{"title": title, "payload": payload} for title, payload in pairs] or None
