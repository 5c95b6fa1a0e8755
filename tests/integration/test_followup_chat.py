"""The pupil's follow-up through the running assistant (real Rasa + action server, REST webhook):
code + secret from a real report, messages, additions, nazorg, and one neutral answer for
every kind of failure."""
from __future__ import annotations

import re
from datetime import date
from typing import List, Tuple

import pytest

from bot.domain.school import load_config
from bot.services import cases, checkin
from bot.bootstrap import bootstrap
from bot.domain.desk import Actor, NazorgAnswer, Role
from bot.texts import followup as texts
from bot.domain.report import Confidentiality, new_reference
from tests.integration.test_conversations import PUPIL_ANSWERS
from tests.support.desk import add_report, add_user
from tests.support.dialogue import Conversation, complete_report

pytestmark = pytest.mark.integration

SECRET = re.compile(r"Je geheime woord is: ([a-z]+-[a-z]+-[0-9]{2})")
START = "ik heb een code"  # a trained status_melding example


@pytest.fixture(scope="module")
def desk(stack):
    d = bootstrap(config=load_config(stack.env["KLANKBORD_SCHOOL_CONFIG"]), database_url=stack.database_url, start_worker=False)
    yield d
    d.close()


@pytest.fixture(scope="module")
def config(stack):
    return load_config(stack.env["KLANKBORD_SCHOOL_CONFIG"])


def report_through_the_chat(stack, **answers) -> Tuple[str, str, Conversation]:
    conv = Conversation(stack.say, stack.new_sender())
    ref = complete_report(conv, "ze schelden me elke dag uit in de kleedkamer", {**PUPIL_ANSWERS, **answers})
    found = SECRET.search(conv.dump())
    assert found, conv.dump()
    return ref, found.group(1), conv


def check_in(stack, code: str, secret: str) -> Tuple[Conversation, List[dict]]:
    """Ask for the status, give the code, then the secret; returns the replies to the secret."""
    conv = Conversation(stack.say, stack.new_sender())
    replies = conv.send(START)
    assert "Wat is je code?" in texts_of(replies), conv.dump()
    replies = conv.send(code)
    assert "geheime woord" in texts_of(replies), conv.dump()
    return conv, conv.send(secret)


def texts_of(replies: List[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def shape(replies: List[dict]):
    return tuple((r.get("text"), tuple(b["title"] for b in r.get("buttons") or [])) for r in replies)


def test_report_gives_a_secret_once_and_the_pupil_can_come_back(stack, desk, config):
    ref, secret, conv = report_through_the_chat(stack, confidentiality="anoniem")
    assert conv.dump().count(secret) == 1, "the secret is shown exactly once"
    ap = add_user(desk, "ap-followup", Role.AANSPREEKPUNT)
    cases.change_status(desk, Actor.of(ap), ref, "in_behandeling")
    cases.add_message(desk, ap, ref, "Dank je voor je melding. Ik ga met je mentor praten.")

    conv, replies = check_in(stack, ref.lower().replace("-", " "), secret.replace("-", " ").upper())
    said = texts_of(replies)
    assert f"{config.aanspreekpunt.name} is met je melding bezig." in said, conv.dump()
    assert "Ik ga met je mentor praten." in said
    assert "Wil je nog iets vertellen" in said and "Is het pesten gestopt?" not in said
    replies = conv.send("Ze doen het nu ook in de groepsapp.")
    assert "Ik heb het bij je melding gezet" in texts_of(replies), conv.dump()
    view = cases.open_case(desk, ap, ref)
    assert [a.text for a in view.additions] == ["Ze doen het nu ook in de groepsapp."]
    assert view.messages[0].read_at is not None
    # The follow-up is over: the next message is an ordinary one again.
    replies = conv.send("ik wil iets melden")
    assert "geheime woord" not in texts_of(replies), conv.dump()


def test_nazorg_question_when_the_date_has_come(stack, desk):
    ref = add_report(desk)
    secret = checkin.issue_secret(desk, ref)
    ap = add_user(desk, "ap-nazorg", Role.AANSPREEKPUNT)
    cases.set_nazorg_date(desk, ap, ref, date(2020, 1, 6))
    conv, replies = check_in(stack, ref, secret)
    assert "Is het pesten gestopt?" in texts_of(replies), conv.dump()
    assert [b["title"] for b in replies[-1].get("buttons", [])] == ["Ja", "Nee", "Een beetje"]
    replies = conv.send("een beetje")
    assert "Dank je dat je het laat weten" in texts_of(replies) and "Wil je nog iets vertellen" in texts_of(replies)
    replies = conv.send("nee, niets")
    assert "Je kunt altijd terugkomen" in texts_of(replies), conv.dump()
    assert [a.answer for a in cases.open_case(desk, ap, ref).nazorg] == [NazorgAnswer.EEN_BEETJE]


def test_wrong_codes_and_secrets_get_one_neutral_answer_and_a_limit_says_try_later(stack, desk, config):
    real = add_report(desk, confidentiality=Confidentiality.ANONIEM, contact=None)
    secret = checkin.issue_secret(desk, real)
    answers, transcripts = {}, {}

    def attempt(code, typed_secret, what):
        conv, replies = check_in(stack, code, typed_secret)
        answers.setdefault(shape(replies), []).append(what)
        transcripts.setdefault(shape(replies), conv.dump())
        return conv

    for i in range(100):
        attempt(new_reference(), secret, f"random code {i}")
    for i in range(desk.limits.per_code):
        attempt(real, f"fout-woord-{i:02d}", "real code, wrong secret")
    limited_conv, limited = check_in(stack, real, secret)  # the right secret, after too many failures
    assert len(answers) == 1, "\n\n".join(f"{v[:3]} ({len(v)}x):\n{transcripts[k]}" for k, v in answers.items())
    (only,) = answers
    assert only == ((texts.denied(config), ()),)
    # A limit is not a wrong secret: the pupil is told to try later, nothing else.
    assert shape(limited) == ((texts.try_later(config), ()),), limited_conv.dump()
    conv = limited_conv
    # Nothing about the report leaks: no status, no messages, no question to add information.
    assert "melding" not in only[0][0].split("kan ik")[0]
    # After the failure the conversation is free again (no form waiting for a secret).
    replies = conv.send("hoi")
    assert "geheime woord" not in texts_of(replies)


def test_safety_comes_first_during_the_follow_up(stack, config):
    conv = Conversation(stack.say, stack.new_sender())
    conv.send(START)
    replies = conv.send("ik wil dood")
    said = texts_of(replies)
    assert config.helplines["zelfmoordpreventie"].phone in said, conv.dump()
    assert "geheime woord" not in said
