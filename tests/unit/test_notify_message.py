"""The notification e-mail: what it carries, and what it must never carry."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone
from email import policy
from email.parser import BytesParser

import pytest

from bot import settings
from bot.domain.school import load_config
from bot.adapters.mail import message as msg
from bot.domain import calendar
from bot.texts import mail
from bot.domain.report import Confidentiality, Report, ReporterRole, SafetyCategory, Urgency

# Free text a pupil could type: none of it may reach the mail.
SECRETS = {
    "description": "DESCRIPTIONMARK ze schelden me uit in de kleedkamer, Jan de Wit uit 2b",
    "people_involved": "PEOPLEMARK Jan de Wit en Kees",
    "contact": "CONTACTMARK Piet Pietersen 06-12345678",
    "place_note": "PLACENOTEMARK achter de gymzaal bij het hek",
    "moment_note": "MOMENTNOTEMARK als de bus van Jan komt",
    "frequency_note": "FREQUENCYNOTEMARK soms twee keer",
    "since_when": "SINCEMARK sinds de herfstvakantie",
    "already_told": "TOLDMARK mijn mentor meneer Visser",
    "desired_outcome": "WISHMARK dat het stopt",
    "conversation_id": "CONVERSATIONMARK-3f2a",
}


@pytest.fixture(scope="module")
def config():
    return load_config()


def make_report(**changes) -> Report:
    values = dict(
        reference="K7QH-RM4C-XWN9",
        school_id="voorbeeldschool",
        reporter_role=ReporterRole.LEERLING,
        confidentiality=Confidentiality.VERTROUWELIJK,
        kinds=["schelden", "buitensluiten"],
        places=["kleedkamer", "online"],
        moment="pauze",
        frequency="elke_dag",
        created_at=datetime(2026, 11, 25, 9, 30, tzinfo=timezone.utc),  # a Wednesday
        **SECRETS,
    )
    values.update(changes)
    return Report(**values)


def whole_text(message) -> str:
    """Everything a mail client could show: raw wire form plus the decoded body."""
    raw = message.as_bytes().decode("utf-8", "replace")
    return raw + "\n" + message.get_content()


def test_subject_has_reference_and_is_marked_urgent_only_when_urgent(config):
    normal = msg.compose(make_report(), "a@school.example", config)
    urgent = msg.compose(
        make_report(urgency=Urgency.HOOG, urgency_reason=SafetyCategory.CRISIS), "a@school.example", config
    )
    assert "K7QH-RM4C-XWN9" in normal["Subject"]
    assert "SPOED" not in normal["Subject"]
    assert "K7QH-RM4C-XWN9" in urgent["Subject"]
    assert "SPOED" in urgent["Subject"]
    assert urgent["Importance"] == "high"
    assert normal["Importance"] is None


def test_body_carries_the_facts_for_the_aanspreekpunt(config, monkeypatch):
    monkeypatch.delenv(settings.DESK_URL_ENV, raising=False)
    report = make_report(urgency=Urgency.HOOG, urgency_reason=SafetyCategory.ONVEILIG_THUIS)
    body = msg.compose(report, "a@school.example", config).get_content()
    assert "K7QH-RM4C-XWN9" in body
    assert "HOOG" in body and "onveilige thuissituatie" in body
    assert mail.ROLE_TEXT[ReporterRole.LEERLING] in body
    assert "uitschelden" in body and "buitensluiten of negeren" in body  # kinds, as labels
    assert "in de kleedkamer" in body and "online" in body  # places
    assert "vertrouwelijk" in body
    # Wednesday 25 November + 2 working days = Friday 27 November
    assert f"{config.response_days} werkdagen" in body
    assert "vrijdag 27 november 2026" in body
    assert "http://127.0.0.1:8080/desk/reports/K7QH-RM4C-XWN9" in body
    assert config.name in body


def test_normal_urgency_is_said_plainly(config):
    body = mail.body(make_report(), config)
    assert "Urgentie:           normaal" in body
    assert "SPOED" not in body


def test_desk_link_follows_the_environment(config, monkeypatch):
    monkeypatch.setenv(settings.DESK_URL_ENV, "https://school.example/klankbord/desk/")
    body = mail.body(make_report(), config, settings.Settings.from_env().desk_url)
    assert "https://school.example/klankbord/desk/reports/K7QH-RM4C-XWN9" in body
    assert "127.0.0.1" not in body


@pytest.mark.parametrize("urgent", [False, True])
@pytest.mark.parametrize("confidentiality", list(Confidentiality))
def test_no_free_text_and_no_names_anywhere_in_the_mail(config, urgent, confidentiality):
    report = make_report(
        confidentiality=confidentiality,
        share_with=["mentor", "ouders"],
        urgency=Urgency.HOOG if urgent else Urgency.NORMAAL,
        urgency_reason=SafetyCategory.CRISIS if urgent else None,
    )
    # __post_init__ clears contact for anoniem; put the secrets back on the object to be sure
    # the composer itself leaves them out.
    for name, value in SECRETS.items():
        setattr(report, name, value)
    text = whole_text(msg.compose(report, config.aanspreekpunt.email, config))
    for name, value in SECRETS.items():
        marker = value.split()[0]
        assert marker not in text, f"{name} leaked into the mail"
    for person in (config.aanspreekpunt, config.deputy, config.vertrouwenspersoon, config.coordinator):
        assert person.name not in text
    for word in ("Jan de Wit", "Pietersen", "06-12345678", "herfstvakantie", "Visser"):
        assert word not in text


def test_free_text_in_kinds_or_places_is_not_shown(config):
    report = make_report(kinds=["schelden", "Tim uit 3c slaat me"], places=["bij Tims huis"])
    body = mail.body(report, config)
    assert "Tim" not in body
    assert "uitschelden" in body
    assert body.count("anders (zie de melding)") == 2


def test_confidentiality_lines(config):
    anonymous = mail.body(make_report(confidentiality=Confidentiality.ANONIEM), config)
    assert "anoniem" in anonymous
    assert "Contactgegevens" not in anonymous
    shared = mail.body(make_report(confidentiality=Confidentiality.MAG_GEDEELD, share_with=["mentor"]), config)
    assert "mag gedeeld worden" in shared and "de mentor" in shared
    no_contact = mail.body(make_report(contact=None), config)
    assert "Contactgegevens:    niet gegeven" in no_contact
    assert "Contactgegevens:    staan in de melding" in mail.body(make_report(), config)


def test_message_is_a_valid_rfc5322_mail(config):
    message = msg.compose(make_report(), "aanspreekpunt@school.example", config,
                          sender="klankbord@school.example")
    parsed = BytesParser(policy=policy.default).parsebytes(message.as_bytes())
    assert parsed.defects == []
    assert parsed["To"] == "aanspreekpunt@school.example"
    assert parsed["From"].addresses[0].addr_spec == "klankbord@school.example"
    assert parsed["Message-ID"].endswith("@school.example>")
    assert parsed["Date"].datetime.tzinfo is not None
    assert parsed.get_content_type() == "text/plain"
    assert "K7QH-RM4C-XWN9" in parsed.get_content()


def test_default_sender_uses_the_school_mail_domain(config):
    message = msg.compose(make_report(), "x@y.example", config)
    assert message["From"].addresses[0].addr_spec == "noreply@voorbeeldschool.example"


def test_working_days_skip_the_weekend():
    friday = date(2026, 11, 27)
    assert calendar.add_working_days(friday, 1) == date(2026, 11, 30)  # Monday
    assert calendar.add_working_days(friday, 2) == date(2026, 12, 1)
    assert calendar.add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)  # from Saturday


@pytest.mark.skipif(calendar.LOCAL_TZ is timezone.utc, reason="no time zone data for Europe/Amsterdam")
def test_deadline_counts_from_the_local_day(config):
    # 23:30 UTC on Thursday is already Friday in Amsterdam: one working day later is Monday.
    late = make_report(created_at=datetime(2026, 11, 26, 23, 30, tzinfo=timezone.utc))
    cfg = dataclasses.replace(config, response_days=1)
    assert mail.response_deadline(late, cfg) == date(2026, 11, 30)
