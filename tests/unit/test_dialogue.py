"""Reading free-text answers and building the report from the form's slots."""
from __future__ import annotations

import pytest

from bot.domain.school import load_config
from bot.dialogue import answers_parsing as parse
from bot.dialogue import report_form as form
from bot.domain.report import Confidentiality, ReporterRole, Urgency


@pytest.mark.parametrize(
    "text, role",
    [
        ("mijn zoon wordt gepest", ReporterRole.OUDER),
        ("ons kind wordt uitgescholden in de klas", ReporterRole.OUDER),
        ("ik ben leerkracht en zag in de pauze een vechtpartij", ReporterRole.MEDEWERKER),
        ("ik zag dat een jongen uit mijn klas werd geslagen", ReporterRole.GETUIGE),
        ("mijn vriendin wordt steeds buitengesloten", ReporterRole.GETUIGE),
        ("ik word gepest", ReporterRole.LEERLING),
        ("ze schelden me uit", ReporterRole.LEERLING),
        ("er wordt gepest", None),
    ],
)
def test_role_from_the_first_message(text, role):
    assert parse.role_from_story(text) == role


@pytest.mark.parametrize(
    "text, choice",
    [
        ("anoniem", Confidentiality.ANONIEM),
        ("liever zonder mijn naam", Confidentiality.ANONIEM),
        ("vertrouwelijk", Confidentiality.VERTROUWELIJK),
        ("alleen het aanspreekpunt", Confidentiality.VERTROUWELIJK),
        ("mag gedeeld worden", Confidentiality.MAG_GEDEELD),
        ("mijn mentor mag het weten", Confidentiality.MAG_GEDEELD),
        ("weet ik niet", None),
    ],
)
def test_confidentiality_answers(text, choice):
    assert parse.parse_confidentiality(text) == choice


def test_share_with_and_yes_no():
    assert parse.parse_share_with("allebei") == ["mentor", "ouders"]
    assert parse.parse_share_with("alleen mijn mentor") == ["mentor"]
    assert parse.parse_share_with("nog niemand") == []
    assert parse.is_yes("Ja, versturen") and parse.is_yes("klopt") and not parse.is_yes("nee")
    assert parse.is_no("nee hoor") and not parse.is_no("ja")


def test_clean_text_rejects_commands_and_caps_length():
    assert parse.clean_text("  hallo   daar ") == "hallo daar"
    assert parse.clean_text('/inform{"x": 1}') is None
    assert parse.clean_text("   ") is None
    assert len(parse.clean_text("a" * 5000)) == parse.MAX_TEXT


def test_disclosure_or_only_a_wish():
    assert form.is_disclosure("ze schelden me elke dag uit", {"kinds": ["schelden"]})
    assert not form.is_disclosure("ik wil iets melden", {})
    assert form.is_disclosure("er is een meisje in mijn klas dat steeds alleen staat", {})


def test_field_named_for_corrections():
    assert form.field_named("aanpassen: waar") == "places"
    assert form.field_named("hoe vaak") == "frequency"
    assert form.field_named("aanpassen: wie het mag weten") == "confidentiality"


def test_report_from_slots_respects_anonymity():
    config = load_config()
    slots = {"reporter_role": "leerling", "description": "x", "confidentiality": "anoniem",
             "contact": "Sam", "kinds": ["schelden"], "people_involved": form.DECLINED,
             "urgency_reason": "acuut_gevaar"}
    report = form.report_from_slots(slots, config, "conv-9")
    assert report.contact is None and report.conversation_id is None
    assert report.people_involved is None
    assert report.urgency is Urgency.HOOG and report.delete_after > report.created_at


def test_summary_lists_every_answer():
    text = form.summary({"reporter_role": "ouder", "description": "d", "kinds": ["fysiek"],
                         "places": ["online"], "confidentiality": "mag_gedeeld", "share_with": ["mentor"]},
                        load_config())
    assert "slaan, schoppen of duwen" in text and "Waar: online" in text and "Delen met: de mentor" in text and "Wat u graag wilt" in text


@pytest.mark.parametrize(
    "role, register, not_in",
    [
        (ReporterRole.LEERLING.value, "Wat kies je?", " u "),
        (ReporterRole.GETUIGE.value, "Wat kies je?", " u "),
        (ReporterRole.OUDER.value, "Wat kiest u?", " je "),
        (ReporterRole.MEDEWERKER.value, "Wat kies je?", "je ouders"),
    ],
)
def test_confidentiality_is_explained_before_the_choice_in_the_reporters_register(role, register, not_in):
    config = load_config()
    messages, buttons = form.confidentiality_question(config, role)
    *choices, limit, question = messages
    explain = "\n".join(choices)
    assert question == register
    for choice in ("Anoniem:", "Vertrouwelijk:", "Mag gedeeld:"):
        assert choice in explain
    assert config.aanspreekpunt.name in explain
    assert "gevaar" in limit, "where confidentiality ends is said before the choice"
    assert not_in not in f" {explain} {limit} ".replace("\n", " ")
    assert [payload for _, payload in buttons] == ["anoniem", "vertrouwelijk", "mag gedeeld worden"]


@pytest.mark.parametrize(
    "text, choice",
    [
        ("vertrouwelijk graag", Confidentiality.VERTROUWELIJK),
        ("doe maar anoniem", Confidentiality.ANONIEM),
        ("Mag gedeeld worden", Confidentiality.MAG_GEDEELD),
        ("is het anoniem", None),
        ("anoniem?", None),
        ("wie ziet dat het vertrouwelijk is", None),
        ("weet mijn mentor het dan", None),
        ("ik wil weten of het echt vertrouwelijk blijft als ik het meld", None),
    ],
)
def test_bare_choice_or_question(text, choice):
    assert parse.bare_confidentiality_choice(text) == choice


@pytest.mark.parametrize("answer, stored", [
    ("ja", "ja"), ("Ja, de gymleraar", "ja"), ("meester Piet", "ja"), ("de conciërge", "ja"),
    ("nee", "nee"), ("Nee, alleen kinderen uit mijn klas", "nee"), ("weet ik niet", "nee"),
    ("zeg ik liever niet", "nee"), ("misschien", None),
])
def test_is_it_about_an_adult_at_school(answer, stored):
    from bot.dialogue import validation
    from bot.dialogue.turn import Message
    outcome = validation.validate("about_adult", answer, Message(answer, None, {}), {})
    assert outcome.slots["about_adult"] == stored


def test_a_report_about_an_adult_names_who_reads_it_instead_of_the_aanspreekpunt():
    config = load_config()
    slots = {"reporter_role": "leerling", "description": "de gymleraar scheldt mij uit",
             "confidentiality": "vertrouwelijk", "about_adult": "ja", "contact": "Sam 2b"}
    report = form.report_from_slots(slots, config, "conv-9")
    assert report.about_adult
    reader = config.vertrouwenspersoon.name
    texts, _ = form.confidentiality_question(config, "leerling", about_adult=True)
    assert reader in " ".join(texts) and config.aanspreekpunt.name not in " ".join(texts)
    assert config.deputy.name not in " ".join(texts), "only the reader of such a report can see who wrote it"
    assert reader in form.contact_question(config, "leerling", about_adult=True)
    after = " ".join(form.after_submit(config, report))
    assert reader in after and config.aanspreekpunt.name not in after
    assert "volwassene van school: ja" in form.summary(slots, config)


def test_a_kept_no_about_an_adult_stays_no_when_checked_again_after_a_yes_to_go_on():
    from bot.dialogue import validation
    from bot.dialogue.turn import Message
    outcome = validation.validate("about_adult", "nee", Message("ja", "bevestigen", {}), {"about_adult": "nee"})
    assert outcome.slots["about_adult"] == "nee"
