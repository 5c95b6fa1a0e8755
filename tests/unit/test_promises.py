"""What the assistant promises is what the school keeps (issue 16, item 4): contact only when
contact details were given, "vandaag nog" for an urgent report, answers in school days with a date
only while the school's holiday list reaches it, everyone who can see who wrote named by role, what
going to the aanspreekpunt with the code does to anonymity, danger and the meldcode where adults
read what the aanspreekpunt does, and where confidentiality ends said before the story."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml

from bot.dialogue import asking
from bot.dialogue import report_form as form
from bot.dialogue.turn import Message
from bot.domain.report import Confidentiality, Report, ReporterRole, SafetyCategory, Urgency
from bot.domain.school import DEFAULT_CONFIG, ConfigError, load_config
from bot.texts import answers, mail

THURSDAY_BEFORE_CHRISTMAS = datetime(2026, 12, 17, 10, 0, tzinfo=timezone.utc)
AFTER_THE_HOLIDAY_LIST = datetime(2027, 9, 6, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def config():
    return load_config(DEFAULT_CONFIG)


def _report(role=ReporterRole.LEERLING, confidentiality=Confidentiality.VERTROUWELIJK, contact="Sam, 1b",
            urgent=False, created_at=THURSDAY_BEFORE_CHRISTMAS, about_adult=False) -> Report:
    return Report(reference="K7QH-RM4C-XWN9", school_id="voorbeeldschool", reporter_role=role,
                  description="ze schelden me uit", confidentiality=confidentiality, contact=contact,
                  urgency=Urgency.HOOG if urgent else Urgency.NORMAAL,
                  urgency_reason=SafetyCategory.CRISIS if urgent else None, created_at=created_at,
                  about_adult=about_adult)


def _after(config, report, secret="wolk-tijger-47") -> str:
    return "\n".join(form.after_submit(config, report, secret))


# --- contact ---------------------------------------------------------------------------------

@pytest.mark.parametrize("role, contacted", [(ReporterRole.LEERLING, "contact met je op"),
                                             (ReporterRole.OUDER, "contact met u op"),
                                             (ReporterRole.MEDEWERKER, "contact met je op")])
def test_contact_is_promised_only_when_contact_details_were_given(config, role, contacted):
    assert contacted in _after(config, _report(role))
    for report in (_report(role, contact=None), _report(role, Confidentiality.ANONIEM, contact=None),
                   _report(role, Confidentiality.MAG_GEDEELD, contact=None)):
        said = _after(config, report)
        assert "neemt contact" not in said, said
        assert config.aanspreekpunt.where in said  # where to go instead


# --- when ------------------------------------------------------------------------------------

def test_an_urgent_report_is_read_today_by_the_aanspreekpunt_and_the_deputy(config):
    said = _after(config, _report(urgent=True))
    assert "vandaag nog" in said and "schooldagen" not in said
    assert config.aanspreekpunt.name in said and config.deputy.name in said
    about_adult = _after(config, _report(urgent=True, about_adult=True))
    assert "vandaag nog" in about_adult and config.deputy.name not in about_adult
    assert "vandaag nog" in mail.body(_report(urgent=True), config)  # the same promise as the mail's


def test_school_days_skip_the_schools_holidays_and_name_the_day(config):
    # Thursday 17 December + 2 school days: Friday, then the Christmas holiday, then Monday 4 January.
    assert mail.response_deadline(_report(), config) == date(2027, 1, 4)
    for role in (ReporterRole.LEERLING, ReporterRole.OUDER):
        said = _after(config, _report(role))
        assert "2 schooldagen" in said and "maandag 4 januari 2027" in said and "werkdagen" not in said
    assert "maandag 4 januari 2027" in mail.body(_report(), config)


def test_without_a_holiday_list_that_reaches_the_day_no_date_is_promised(config):
    said = _after(config, _report(created_at=AFTER_THE_HOLIDAY_LIST))
    assert "2 schooldagen" in said and "uiterlijk" not in said and "op zijn laatst" not in said
    no_list = dataclasses.replace(config, holidays=())
    said = _after(no_list, _report())
    assert "2 schooldagen" in said and "januari" not in said
    assert "vakanties onbekend" in mail.body(_report(), no_list)


def _write(tmp_path: Path, holidays) -> Path:
    data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    data["holidays"] = holidays
    path = tmp_path / "school.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("holidays, field", [
    ([{"name": "Kerst", "from": "19-12-2026", "to": date(2027, 1, 3)}], "holidays[0].from"),
    ([{"name": "Kerst", "from": date(2026, 12, 19)}, {"from": date(2027, 2, 20), "to": "eind februari"}],
     "holidays[1].to"),
    ([{"name": "Kerst", "from": date(2027, 1, 3), "to": date(2026, 12, 19)}], "holidays[0].to"),
    ([{"name": "Kerst"}], "holidays[0].from"),
    ("kerstvakantie", "holidays"),
])
def test_a_bad_holiday_names_the_file_and_the_field(tmp_path, holidays, field):
    path = _write(tmp_path, holidays)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.field_name == field and str(path) in str(error.value)


def test_holidays_are_optional_and_one_day_needs_no_end(tmp_path, config):
    assert load_config(_write(tmp_path, None)).holidays == ()
    one_day = load_config(_write(tmp_path, [{"name": "Studiedag", "from": date(2027, 3, 10)}]))
    assert one_day.is_holiday(date(2027, 3, 10)) and not one_day.is_holiday(date(2027, 3, 11))
    assert config.is_holiday(date(2026, 12, 24)) and not config.is_holiday(date(2026, 12, 18))


# --- who can see who wrote -------------------------------------------------------------------

def test_who_can_see_who_wrote_names_the_aanspreekpunt_and_the_deputy(config):
    for role in ("leerling", "getuige", "ouder", "medewerker"):
        messages, _ = form.confidentiality_question(config, role)
        choice = next(m for m in messages if m.startswith("Vertrouwelijk"))
        assert config.aanspreekpunt.name in choice and config.deputy.name in choice, role
        assert "aanspreekpunt pesten" in choice and "vervanger" in choice, role
    for audience in answers.AUDIENCES:
        text = answers.confidentiality_explained(config, audience).text
        assert config.deputy.name in text, audience
    summary = form.summary({"reporter_role": "leerling", "confidentiality": "vertrouwelijk"}, config)
    assert "het aanspreekpunt en de vervanger weten wie je bent" in summary


# --- anonymity and the code ------------------------------------------------------------------

def test_going_with_the_code_ends_anonymity_and_reading_replies_here_does_not(config):
    said = _after(config, _report(confidentiality=Confidentiality.ANONIEM, contact=None))
    assert "niet meer anoniem" in said and "Zo blijf je anoniem" in said
    parent = _after(config, _report(ReporterRole.OUDER, Confidentiality.ANONIEM, contact=None))
    assert "niet meer anoniem" in parent and "Zo blijft u anoniem" in parent
    assert "anoniem" not in _after(config, _report())


# --- danger and the meldcode for adults --------------------------------------------------------

def test_adults_read_that_danger_and_the_meldcode_come_before_wishes(config):
    for audience in ("ouder", "medewerker"):
        for answer in (answers.who_to_turn_to(config, audience), answers.confidentiality_explained(config, audience)):
            assert "gevaar" in answer.text and "meldcode" in answer.text, audience
    for answer in (answers.who_to_turn_to(config, "leerling"), answers.confidentiality_explained(config, "leerling")):
        assert "gevaar" in answer.text and "meldcode" not in answer.text


# --- limits before the story -----------------------------------------------------------------

@pytest.mark.parametrize("role, says", [
    (None, "Ik verstuur pas iets als jij 'ja' zegt. Straks kies je wie het mag weten. Is iemand in gevaar"),
    ("leerling", "Ik verstuur pas iets als jij 'ja' zegt."),
    ("ouder", "Ik verstuur pas iets als u 'ja' zegt. Straks kiest u wie het mag weten. Is een kind in gevaar"),
    ("medewerker", "Is een leerling in gevaar, dan moet de school iets doen."),
])
def test_where_confidentiality_ends_is_said_when_the_report_starts(config, role, says):
    outcome = asking.start(Message("ik wil iets melden", "pesten_melden"), {"reporter_role": role}, config)
    assert says in outcome.replies[-1][0]
    assert "description" not in outcome.slots  # said before the story
    started_after_help = asking.resume({"reporter_role": role}, config)
    assert says in started_after_help.replies[-1][0]
    going_on = asking.resume({"reporter_role": role, "report_paused": True}, config)
    assert all("verstuur pas iets" not in text for text, _ in going_on.replies)


def test_a_parent_at_a_je_school_hears_je(config):
    je = dataclasses.replace(config, parent_register="je")
    outcome = asking.start(Message("mijn zoon wordt gepest", "pesten_melden"), {}, je)
    said = " ".join(text for text, _ in outcome.replies)
    assert "je kind" in said and "jij 'ja' zegt" in said and " u " not in f" {said} "
