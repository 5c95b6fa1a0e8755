"""The action server's answers are checked as Rasa checks them, with the schema checked once."""
from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.adapters.rasa import action_response

ORIGINAL = RemoteAction._validate_action_result

VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "plek", "value": "kantine", "timestamp": None}],
     "responses": [{"text": "Waar gebeurt het?", "buttons": []}]},
    {"events": [{"event": "followup", "name": "report_form"}]},
    {},
]
INVALID = [
    {"events": "slot"},
    {"events": [{"name": "plek"}]},
    {"events": [{"event": "slot", "name": 3}]},
    {"responses": ["tekst"]},
    ["events"],
]


def _outcome(check, result):
    try:
        return check(RemoteAction("action_x", None), result)
    except ValidationError as error:
        return ("invalid", error.message)


@pytest.mark.parametrize("result", VALID + INVALID)
def test_every_answer_gets_the_verdict_and_message_rasa_gives(result):
    assert _outcome(action_response.validate_action_result, result) == _outcome(ORIGINAL, result)


@pytest.mark.parametrize("result", INVALID)
def test_an_invalid_answer_is_refused_with_rasas_hint(result):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action_response.validate_action_result(RemoteAction("action_x", None), result)


def test_the_schema_is_checked_once_not_per_answer(monkeypatch):
    validator = action_response.response_validator()
    checks = []
    monkeypatch.setattr(type(validator), "check_schema", classmethod(lambda cls, schema: checks.append(1)))
    for _ in range(20):
        action_response.validate_action_result(RemoteAction("action_x", None), VALID[1])
    assert checks == []
    ORIGINAL(RemoteAction("action_x", None), VALID[1])
    assert checks == [1]  # Rasa's own check does it every time: what install() avoids


def test_install_puts_it_on_every_remote_action(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", ORIGINAL)
    monkeypatch.setattr(action_response, "_installed", False)
    action_response.install()
    assert RemoteAction._validate_action_result is action_response.validate_action_result
    with pytest.raises(ValidationError):
        RemoteAction("report_form", None)._validate_action_result({"events": "x"})
