"""One instance, two schools, through the running assistant (real Rasa + action server, REST
webhook, SMTP on loopback): the school of a conversation's first message is the one its report,
mails, texts and follow-up belong to; an unknown or missing school is answered kindly and
nothing is taken."""
from __future__ import annotations

import re
from typing import List

import pytest

from bot.bootstrap import bootstrap
from bot.domain.school import load_schools
from bot.texts import chat_guard
from bot.texts import followup as texts
from tests.integration.test_conversations import PUPIL_ANSWERS
from tests.support.dialogue import Conversation, complete_report

pytestmark = pytest.mark.integration

SECRET = re.compile(r"Je geheime woord is: ([a-z]+-[a-z]+-[0-9]{2})")
FIRST = "ze schelden me elke dag uit in de kleedkamer"
A, B = "voorbeeldschool", "tweedeschool"


@pytest.fixture(scope="module")
def schools(stack):
    return load_schools(stack.env["KLANKBORD_SCHOOLS"])


@pytest.fixture(scope="module")
def app(stack, schools):
    made = bootstrap(config=schools, database_url=stack.database_url, start_worker=False)
    yield made
    made.close()


def chat(stack, school) -> Conversation:
    return Conversation(lambda sender, text: stack.say(sender, text, school=school), stack.new_sender())


def texts_of(replies: List[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def mails_for(smtp, reference: str):
    return [(message, rcpt) for message, (_, rcpt) in zip(smtp.messages, smtp.envelopes)
            if reference in str(message["Subject"] or "")]


def test_a_report_belongs_to_the_school_its_chat_named(stack, app, schools, smtp):
    conv = chat(stack, B)
    reference = complete_report(conv, FIRST, dict(PUPIL_ANSWERS))
    with app.uow() as uow:
        report = uow.reports.get(reference)
    assert report is not None and report.school_id == B
    smtp.wait_for_subject(reference, timeout=60)
    mails = mails_for(smtp, reference)
    recipients = {address for _, rcpt in mails for address in rcpt}
    assert recipients == {schools[B].aanspreekpunt.email}, recipients
    assert all(schools[B].name in message.get_content() for message, _ in mails)
    # The school's own texts: its aanspreekpunt's name is the one the pupil reads.
    assert schools[B].aanspreekpunt.name in conv.dump(), conv.dump()
    assert schools[A].aanspreekpunt.name not in conv.dump(), conv.dump()


def test_a_school_named_later_in_the_conversation_is_ignored(stack, app):
    sender = stack.new_sender()
    answers = dict(PUPIL_ANSWERS)
    switched = {"n": 0}

    def say(who, text):
        switched["n"] += 1
        return stack.say(who, text, school=B if switched["n"] == 1 else A)

    reference = complete_report(Conversation(say, sender), FIRST, answers)
    with app.uow() as uow:
        assert uow.reports.get(reference).school_id == B


@pytest.mark.parametrize("school", ["nepschool", "", None, "../voorbeeldschool"])
def test_an_unknown_or_missing_school_is_answered_kindly_and_nothing_is_taken(stack, app, school):
    sender = stack.new_sender()
    with app.uow() as uow:
        before = len(uow.reports.list(school_ids=None))
    replies = stack.say(sender, "ik word gepest en wil het melden", school=school)
    assert texts_of(replies).startswith(chat_guard.UNKNOWN_SCHOOL), replies
    assert "112" in texts_of(replies)
    assert not [e for e in stack.tracker(sender)["events"] if e.get("event") == "user"]
    with app.uow() as uow:
        assert len(uow.reports.list(school_ids=None)) == before


def test_one_schools_code_opens_nothing_in_another_schools_chat(stack, app, schools):
    conv = chat(stack, A)
    reference = complete_report(conv, FIRST, dict(PUPIL_ANSWERS))
    secret = SECRET.search(conv.dump()).group(1)

    def check_in(school):
        pupil = chat(stack, school)
        assert "Wat is je code?" in texts_of(pupil.send("ik heb een code")), pupil.dump()
        pupil.send(reference)
        return texts_of(pupil.send(secret))

    elsewhere = check_in(B)
    assert texts.denied(schools[B]) in elsewhere, elsewhere
    assert "melding" in check_in(A)
