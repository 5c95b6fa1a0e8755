"""One client guesses follow-up codes through the chat; a pupil elsewhere still checks in, and the
guesser is told to try later (not that a secret is wrong). The 500-code case at the service level
is in tests/unit/test_desk_followup.py; here it goes through the running assistant."""
from __future__ import annotations

import uuid

import pytest

from bot.domain.school import load_config
from bot.services import checkin
from bot.bootstrap import bootstrap
from bot.texts import followup as texts
from bot.domain.report import new_reference
from tests.support.attacked import CANARY
from tests.support.desk import add_report

pytestmark = pytest.mark.integration

START = "ik heb een code"
GUESSES = 30


def said(body) -> str:
    return "\n".join(r.get("text") or "" for r in body or [])


def check_in(attacked, address: str, code: str, secret: str) -> str:
    sender = uuid.uuid4().hex
    for text in (START, code):
        status, _ = attacked.send_from(address, sender, text)
        assert status == 200
    status, body = attacked.send_from(address, sender, secret)
    assert status == 200
    return said(body)


def test_guessing_codes_from_one_client_leaves_other_pupils_in(attacked):
    config = load_config(attacked.stack.env["KLANKBORD_SCHOOL_CONFIG"])
    desk = bootstrap(config=config, database_url=attacked.stack.database_url, start_worker=False)
    try:
        reference = add_report(desk)
        secret = checkin.issue_secret(desk, reference)
    finally:
        desk.close()
    answers = [check_in(attacked, "127.0.0.15", new_reference(), f"wolk-tijger-{i % 100:02d}") for i in range(GUESSES)]
    denied, later = texts.denied(config), texts.try_later(config)
    attacked.note(f"{GUESSES} wrong follow-up codes from 127.0.0.15: "
                  f"{sum(denied in a for a in answers)} denied, {sum(later in a for a in answers)} told to try later")
    assert all(denied in a for a in answers[:10]) and all(later in a for a in answers[10:])
    # The right code and secret from the guesser's address: still "try later", nothing shown.
    assert later in check_in(attacked, "127.0.0.15", reference, secret)
    # Another pupil elsewhere gets in.
    reply = check_in(attacked, "127.0.0.16", reference, f"{secret}")
    assert denied not in reply and later not in reply and "melding" in reply, reply
    assert CANARY  # the canary is in the other attacks; code guesses carry no free text
