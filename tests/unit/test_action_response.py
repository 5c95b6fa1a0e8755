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


def _events():
    """Real events as Rasa writes them, one of each kind an action may return, and broken ones."""
    from datetime import datetime

    from rasa.shared.core import events as e

    real = [e.SlotSet("plek", "kantine"), e.SlotSet("plek", None), e.BotUttered("Hoi", {"buttons": []}),
            e.UserUttered("hoi", {"name": "groet", "confidence": 0.9}, [{"entity": "plek", "value": "x"}]),
            e.ActionExecuted("action_listen", policy="RulePolicy", confidence=1.0), e.ActiveLoop("report_form"),
            e.ActiveLoop(None), e.FollowupAction("report_form"), e.SessionStarted(), e.AllSlotsReset(),
            e.Restarted(), e.UserUtteranceReverted(), e.ActionReverted(), e.ConversationPaused(),
            e.ConversationResumed(), e.ActionExecutionRejected("report_form"), e.LoopInterrupted(True),
            e.ReminderScheduled("herinner", datetime(2026, 12, 7)), e.ReminderCancelled("herinner"),
            e.StoryExported(), e.AgentUttered("x"), e.EntitiesAdded([{"entity": "plek", "value": "x"}]),
            e.DefinePrevUserUtteredFeaturization(False)]
    found = [event.as_dict() for event in real]
    broken = [{**found[0], "name": 3}, {**found[0], "timestamp": "nu"}, {**found[2], "metadata": 4},
              {"event": "onbekend"}, {"event": 3}, {"name": "plek"}, "slot", None, [],
              {**found[3], "parse_data": {"intent": {"name": 3}}}, {**found[4], "confidence": "hoog"},
              {**found[4], "hide_rule_turn": "ja"}, {"event": "slot", "value": 1}]
    return found, broken


def test_checking_each_event_by_its_name_gives_the_whole_schemas_verdict():
    found, broken = _events()
    whole, by_name = action_response.response_validator(), action_response.by_event_name()
    results = [{"events": [event]} for event in found + broken]
    results += [{"events": found}, {"events": found + [broken[0]]}, {"events": None}, {"events": found, "responses": 3}]
    verdicts = [(by_name.valid(r), whole.is_valid(r)) for r in results]
    assert verdicts == [(v, v) for _, v in verdicts]
    assert sum(v for v, _ in verdicts) == len(found) + 1 and all(not v for v, _ in verdicts[len(found):len(found) + len(broken)])
