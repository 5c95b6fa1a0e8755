"""The action server takes calls only from Rasa: a direct POST without the shared secret gets 401."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.support.attacked import CANARY

pytestmark = pytest.mark.integration

FORGED_CALL = {
    "next_action": "action_followup_addition",
    "sender_id": "aanvaller",
    "version": "3.6.2",
    "tracker": {"sender_id": "aanvaller", "slots": {"followup_reference": "K7QH-RM4C-XWN9"},
                "latest_message": {"text": f"extra tekst {CANARY}", "intent": {"name": "inform"}},
                "events": [], "paused": False, "followup_action": None, "active_loop": {},
                "latest_action_name": "action_listen"},
    "domain": {},
}


def _post(url: str, headers: dict) -> int:
    request = urllib.request.Request(url, data=json.dumps(FORGED_CALL).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("headers", [{}, {"X-Klankbord-Action-Secret": "raden"},
                                     {"X-Klankbord-Action-Secret": ""}], ids=["none", "wrong", "empty"])
def test_a_call_without_the_secret_is_refused(attacked, headers):
    status = _post(f"{attacked.stack.action_url}/webhook", headers)
    attacked.note(f"direct POST to the action server, secret {headers or 'absent'}: HTTP {status}")
    assert status == 401


def test_with_the_secret_it_answers_and_rasa_still_reaches_it(attacked):
    secret = attacked.stack.env["KLANKBORD_ACTION_SECRET"]
    assert _post(f"{attacked.stack.action_url}/webhook", {"X-Klankbord-Action-Secret": secret}) != 401
    with urllib.request.urlopen(f"{attacked.stack.action_url}/health", timeout=10) as r:
        assert r.status == 200
    # Rasa's own calls carry the secret (endpoints.yml): an answer that needs an action works.
    replies = attacked.stack.say(attacked.stack.new_sender(), "hoe staat het met mijn melding?")
    assert any(r.get("text") for r in replies)
