"""Rasa's check of each action server answer, with its schema checked once instead of every time.

Rasa (``RemoteAction._validate_action_result``) checks every answer of the action server against
its response schema with ``jsonschema.validate``, which first checks the schema itself against
the JSON Schema metaschema, on every call. In a report conversation (a form: two action calls
per message) that repeated schema check took half of the Rasa process's CPU time (py-spy,
docs/figures.md). ``install()`` gives ``RemoteAction`` a validator built and checked once; the
answer is checked against the same schema as before, and an invalid answer raises the same
``ValidationError`` with Rasa's own hint.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

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


def validate_action_result(_action: RemoteAction, result: Dict[Text, Any]) -> bool:
    """What ``RemoteAction._validate_action_result`` does, without checking the schema again."""
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
        RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
        _installed = True
