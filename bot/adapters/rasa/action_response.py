"""Rasa's check of each action server answer, with its schema checked once instead of every time.

Rasa (``RemoteAction._validate_action_result``) checks every answer of the action server against
its response schema with ``jsonschema.validate``, which first checks the schema itself against
the JSON Schema metaschema, on every call. In a report conversation (a form: two action calls
per message) that repeated schema check took half of the Rasa process's CPU time (py-spy,
docs/figures.md). ``install()`` gives ``RemoteAction`` a validator built and checked once; the
answer is checked against the same schema as before, and an invalid answer raises the same
``ValidationError`` with Rasa's own hint.

Each event in the schema must match exactly one of 23 event schemas (``oneOf``), so every event
was checked against all 23: a third of the Rasa process's time in a report's last turn, whose
answer holds 27 events (py-spy, docs/figures.md). Each of the 23 fixes the event's required name
(``"event": {"const": ...}``), so only the one of that name can match: ``ByEventName`` checks an
event against that one alone, which is the same verdict. Whatever it does not find valid goes
through the whole schema, for the verdict and Rasa's message.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Mapping, Optional, Text

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_installed = False


@lru_cache(maxsize=1)
def response_validator() -> Any:
    """One validator for Rasa's action response schema; the schema is checked here, once."""
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


class ByEventName:
    """The response schema with each event checked against the one event schema of its name."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        cls = validator_for(schema)
        items = dict(schema["properties"]["events"]["items"])
        alternatives = items.pop("oneOf")
        names = [alternative["properties"]["event"]["const"] for alternative in alternatives]
        if "event" not in items.get("required", ()) or len(set(names)) != len(names):
            raise ValueError("Rasa's event schema no longer names each event once: check ByEventName")
        events = {**schema["properties"]["events"], "items": {}}
        self._outer = cls({**schema, "properties": {**schema["properties"], "events": events}})
        self._by_name = {name: cls({"allOf": [items, alternative]})
                         for name, alternative in zip(names, alternatives)}

    def valid(self, result: Any) -> bool:
        """True when ``result`` is valid; False when the whole schema must decide."""
        if not self._outer.is_valid(result):
            return False
        events = result.get("events") if isinstance(result, dict) else None
        for event in events or ():
            name = event.get("event") if isinstance(event, dict) else None
            checker: Optional[Any] = self._by_name.get(name) if isinstance(name, str) else None
            if checker is None or not checker.is_valid(event):
                return False
        return True


@lru_cache(maxsize=1)
def by_event_name() -> ByEventName:
    return ByEventName(RemoteAction.action_response_format_spec())


def validate_action_result(_action: RemoteAction, result: Dict[Text, Any]) -> bool:
    """What ``RemoteAction._validate_action_result`` does, without checking the schema again."""
    if by_event_name().valid(result):
        return True
    error = best_match(response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, "
        "make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    """Use ``validate_action_result`` for every remote action of this process (idempotent)."""
    global _installed
    if not _installed:
        response_validator()
        by_event_name()
        RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
        _installed = True
