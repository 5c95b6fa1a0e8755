"""Whole report conversations through the running assistant (real Rasa + action server + SMTP)."""
from __future__ import annotations

import time

import pytest

from bot.bootstrap import bootstrap
from bot.domain.school import load_config
from bot.domain.report import Confidentiality, ReporterRole
from tests.support.dialogue import Conversation, complete_report

pytestmark = pytest.mark.integration

PUPIL_ANSWERS = {
    "reporter_role": "ik word zelf gepest",
    "description": "ze pakken steeds mijn tas af en gooien hem in de prullenbak",
    "kinds": "spullen afpakken",
    "places": "in de klas",
    "moment": "in de pauze",
    "frequency": "een paar keer per week",
    "since_when": "sinds de herfstvakantie",
    "people_involved": "zeg ik liever niet",
    "about_adult": "nee",
    "already_told": "nog niemand",
    "desired_outcome": "dat het stopt",
    "confidentiality": "anoniem",
    "share_with": "nog niemand",
    "contact": "Sam uit 1b",
    "confirmed": "ja, versturen",
}


@pytest.fixture()
def app(stack):
    app = bootstrap(config=load_config(stack.env["KLANKBORD_SCHOOL_CONFIG"]), database_url=stack.database_url)
    yield app
    app.close()


def _report(app, reference):
    with app.uow_factory() as uow:
        return uow.reports.get(reference)


def test_anonymous_pupil_report_is_stored_and_notified(stack, smtp, app):
    conv = Conversation(stack.say, stack.new_sender())
    ref = complete_report(conv, "ze schelden me elke dag uit in de kleedkamer", PUPIL_ANSWERS)
    # The first message pre-filled kind, place and frequency: those were not asked.
    asked = "\n".join(conv.transcript)
    assert "Hoe vaak gebeurt het?" not in asked and "Waar gebeurt het meestal?" not in asked, conv.dump()
    report = _report(app, ref)
    assert report is not None
    assert report.confidentiality is Confidentiality.ANONIEM
    assert report.reporter_role is ReporterRole.LEERLING
    assert "schelden" in report.kinds and report.places == ["kleedkamer"] and report.frequency == "elke_dag"
    assert report.description == "ze schelden me elke dag uit in de kleedkamer"
    assert report.contact is None and report.conversation_id is None
    [mail] = smtp.wait_for_subject(ref, timeout=30)
    assert "aanspreekpunt@voorbeeldschool.example" in mail["To"]
    body = mail.get_body().get_content()
    assert "kleedkamer" in body.lower()
    assert "ze schelden me" not in body, "the pupil's own words must not be in the mail"


def test_confidential_pupil_gives_contact(stack, smtp, app):
    conv = Conversation(stack.say, stack.new_sender())
    answers = {**PUPIL_ANSWERS, "confidentiality": "vertrouwelijk", "contact": "Noor, klas 2c"}
    ref = complete_report(conv, "ik wil iets melden", answers)
    report = _report(app, ref)
    assert report.confidentiality is Confidentiality.VERTROUWELIJK
    assert report.contact == "Noor, klas 2c"
    assert report.description == answers["description"]
    assert report.kinds == ["spullen"] and report.places == ["klas"] and report.moment == "pauze"
    assert report.conversation_id == conv.sender
    [mail] = smtp.wait_for_subject(ref, timeout=30)
    assert "Noor" not in mail.get_body().get_content()


def test_parent_reports_for_their_child(stack, smtp, app):
    conv = Conversation(stack.say, stack.new_sender())
    answers = {
        **PUPIL_ANSWERS,
        "description": "Mijn dochter wordt buitengesloten en krijgt 's avonds gemene berichten.",
        "confidentiality": "mag gedeeld worden",
        "share_with": "mentor",
        "contact": "mevrouw Jansen, 06 12345678",
    }
    ref = complete_report(conv, "mijn dochter wordt al weken gepest op snapchat", answers)
    report = _report(app, ref)
    assert report.reporter_role is ReporterRole.OUDER
    assert report.confidentiality is Confidentiality.MAG_GEDEELD
    assert report.share_with == ["mentor"]
    assert "online" in report.kinds and "online" in report.places
    [mail] = smtp.wait_for_subject(ref, timeout=30)
    assert "ouder" in mail.get_body().get_content().lower()


def test_smtp_down_report_kept_and_mail_sent_when_it_returns(stack, smtp, app):
    port = smtp.port
    smtp.stop()
    try:
        conv = Conversation(stack.say, stack.new_sender())
        ref = complete_report(conv, "ze lachen me uit in de gang", PUPIL_ANSWERS)
        said = "\n".join(conv.transcript)
        assert "verstuurd" in said and "niet gelukt" not in said, conv.dump()
        assert _report(app, ref) is not None, "the report must be stored even when SMTP is down"
        with app.uow_factory() as uow:
            notes = uow.notifications.for_report(ref)
        assert notes and all(n.sent_at is None for n in notes)
    finally:
        smtp.start(port=port)
    smtp.wait_for_subject(ref, timeout=60)
    deadline = time.monotonic() + 15  # the worker marks it sent just after the SMTP server took it
    while time.monotonic() < deadline:
        with app.uow_factory() as uow:
            if all(n.sent_at is not None for n in uow.notifications.for_report(ref)):
                break
        time.sleep(0.5)
    else:
        pytest.fail("notification not marked as sent after delivery")


def test_a_confirmation_while_the_action_server_is_down_is_answered_and_can_be_repeated(stack, smtp, app):
    from bot.texts.chat_guard import NOT_ANSWERED

    said_while_down = []

    def action_server_dies(conv: Conversation):
        stack.stop("actions")
        try:
            said_while_down.extend(r.get("text", "") for r in conv.send("ja, versturen"))
        finally:
            stack.start_actions()
        return conv.send("ja, versturen")  # as the kind text asks

    conv = Conversation(stack.say, stack.new_sender())
    ref = complete_report(conv, "ik word gepest", {**PUPIL_ANSWERS, "confidentiality": "vertrouwelijk"},
                          interrupt_at="confirmed", interrupt=action_server_dies)
    assert said_while_down[0] == NOT_ANSWERED, conv.dump()
    assert any("112" in t for t in said_while_down)
    with app.uow_factory() as uow:
        mine = [r for r in uow.reports.list(school_ids=None) if r.conversation_id == conv.sender]
    assert [r.reference for r in mine] == [ref]
    assert len(smtp.wait_for_subject(ref, timeout=30)) == 1
