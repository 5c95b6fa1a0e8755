"""Rasa's lookup of an event class by its type name, with the class list made once.

``Event.resolve_by_type`` walks every subclass of ``Event`` (``all_subclasses``, recursive, with
an ``inspect.isabstract`` check each) for every event it reads: each event of an action server's
answer and, in Rasa's own stores, of every stored conversation. In a report that was a twentieth
of the Rasa process's CPU (py-spy, docs/figures.md). ``install()`` answers from a table made from
the same list, in the same order (the first class with the name wins, as before); a name not in
the table makes it anew once (a class imported later), and the rest is Rasa's own answer.
"""
from __future__ import annotations

from typing import Dict, Optional, Text, Type

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_original = Event.resolve_by_type
_table: Dict[Text, Type[Event]] = {}


def _make_table() -> None:
    _table.clear()
    for cls in all_subclasses(Event):
        _table.setdefault(cls.type_name, cls)


def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """What ``Event.resolve_by_type`` answers, from the table."""
    found = _table.get(type_name)
    if found is None:
        _make_table()
        found = _table.get(type_name)
    return found if found is not None else _original(type_name, default)


def install() -> None:
    """Use ``resolve_by_type`` for every event read in this process (idempotent)."""
    if Event.__dict__["resolve_by_type"].__func__ is not resolve_by_type:
        _make_table()
        Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]
