"""Who is writing: read from the first message, kept, corrected, asked after the help when unknown;
the help and the answers about handling bullying speak to that writer."""
from __future__ import annotations

import asyncio
import re

import pytest

from actions.info import ActionAanpak
from actions.safety import ActionSafetyHelp, ActionTwijfelStoppen
from bot.dialogue import help_first, writer
from bot.dialogue.turn import Message
from bot.domain.report import SafetyCategory
from bot.domain.school import load_config
from bot.texts import help as help_texts
from bot.texts.voice import Voice

CONFIG = load_config()
_U = re.compile(r"\b(u|uw)\b", re.IGNORECASE)
_JE = re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE)


def run(action, dispatcher, tracker):
    return asyncio.run(action.run(dispatcher, tracker, {}))


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def said(dispatcher):
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


@pytest.mark.parametrize("text, role", [
    ("ze schelden me elke dag uit in de kleedkamer", "leerling"),
    ("ik word gepest en ik wil niet meer naar school", "leerling"),
    ("mijn vader slaat me als hij gedronken heeft", "leerling"),
    ("mijn beste vriendin zegt dat ze niet meer wil leven", "getuige"),
    ("een jongen uit mijn klas wordt elke dag in elkaar geslagen", "getuige"),
    ("mijn dochter van 13 wordt gepest en snijdt zichzelf", "ouder"),
    ("onze zoon durft niet meer naar school", "ouder"),
    ("ik ben conciërge en zag duwen bij het fietsenhok, wat moet ik doen?", "medewerker"),
    ("een leerling van mij vertelde dat haar stiefvader haar slaat", "medewerker"),
    ("als mentor wil ik weten hoe ik een groepsgesprek voer", "medewerker"),
    ("hoe werkt de klachtenprocedure?", None),
    ("ik wil iets melden", None),
    ("ik zag dat iemand werd geslagen, wat moet ik doen", None),  # a pupil or an adult: ask
    ("in mijn klas wordt een jongen gepest", None),  # a pupil or a teacher: ask
    ("ik ben ouder dan hij", None),
])
def test_the_writer_is_read_only_from_clear_cues(text, role):
    assert writer.role_of(text) == role


def test_a_writer_corrects_what_was_known():
    assert writer.updated_role("ik ben geen leerling", "leerling") is None
    assert writer.updated_role("ik ben geen leerling, ik ben zijn moeder", "leerling") == "ouder"
    assert writer.updated_role("ik ben geen leerling maar leerkracht", "getuige") == "medewerker"
    assert writer.updated_role("het gaat niet over mij", "leerling") == "getuige"
    # A story read one way does not overrule a known writer; a statement does.
    assert writer.updated_role("mijn zoon wordt gepest", "medewerker") is writer.UNCHANGED
    assert writer.updated_role("ik ben moeder van twee kinderen", "medewerker") == "ouder"
    assert writer.updated_role("ze pesten me", None) == "leerling"


@pytest.mark.parametrize("category", list(SafetyCategory))
def test_help_for_a_writer_not_known_says_neither_je_nor_u_and_then_asks_who(category):
    outcome = help_first.safety_help_turn(Message("dit gebeurt er", category.value), {}, CONFIG, False)
    *help_replies, (question, buttons) = outcome.replies
    for text, _ in help_replies:
        assert not _JE.search(text) and not _U.search(text), text
    assert question == "Gaat dit over jou of over iemand anders?"
    assert [role for _, role in help_texts.WRITER_CHOICES] == ["leerling", "getuige", "ouder", "medewerker"]
    assert [payload for _, payload in buttons] == [
        f'/{category.value}{{"schoolrol":"{role}"}}' for role in ("leerling", "getuige", "ouder", "medewerker")]
    assert "reporter_role" not in outcome.slots


def test_inside_the_report_the_form_asks_who_and_the_help_asks_to_go_on():
    outcome = help_first.safety_help_turn(Message("dit gebeurt er", "crisis"), {}, CONFIG, True)
    assert "verder" in outcome.replies[-1][0] and "Gaat dit over jou" not in outcome.replies[-1][0]


def _help(category, role, register="u"):
    import dataclasses
    config = dataclasses.replace(CONFIG, parent_register=register)
    return "\n".join(help_texts.safety_help(category, config, Voice.of(role, config)))


def test_a_parent_reads_u_113_for_the_worried_and_what_the_school_does():
    text = _help(SafetyCategory.CRISIS, "ouder")
    assert not _JE.search(re.sub(r"\S+@\S+", "", text)) and "uw kind" in text
    assert "113 Zelfmoordpreventie is er ook voor ouders" in text and CONFIG.aanspreekpunt.name in text
    assert CONFIG.helplines["kindertelefoon"].phone in text and "112" in text
    home = _help(SafetyCategory.ONVEILIG_THUIS, "ouder")
    assert CONFIG.helplines["veilig_thuis"].phone in home and "meldcode" in home
    assert "je kind" in _help(SafetyCategory.CRISIS, "ouder", register="je")


def test_a_friend_hears_how_to_be_there_and_that_113_helps_them_too():
    text = _help(SafetyCategory.CRISIS, "getuige")
    assert "Beloof niet dat je het geheim houdt" in text and "volwassene" in text
    assert "Dus ook voor jou" in text and CONFIG.helplines["kindertelefoon"].phone in text
    assert "niet tussen" in _help(SafetyCategory.ACUUT_GEVAAR, "getuige")


def test_staff_get_the_meldcode_with_the_aandachtsfunctionaris_and_112():
    home = _help(SafetyCategory.ONVEILIG_THUIS, "medewerker")
    assert "vijf stappen" in home and CONFIG.aandachtsfunctionaris.name in home and "112" in home
    assert CONFIG.helplines["veilig_thuis"].phone in home
    for category in (SafetyCategory.CRISIS, SafetyCategory.ACUUT_GEVAAR, SafetyCategory.STRAFBAAR_FEIT):
        text = _help(category, "medewerker")
        assert "112" in text and CONFIG.aandachtsfunctionaris.name in text and "anoniem advies" in text


def test_without_an_aandachtsfunctionaris_in_the_school_file_no_name_is_guessed():
    import dataclasses
    config = dataclasses.replace(CONFIG, aandachtsfunctionaris=None)
    text = "\n".join(help_texts.meldcode_steps(config))
    assert "de aandachtsfunctionaris van school" in text and "Peters" not in text


def test_a_writer_button_gives_that_writers_help_and_keeps_the_writer(app, dispatcher, tracker_factory):
    tracker = tracker_factory('/crisis{"schoolrol":"ouder"}', intent="crisis",
                              entities=[{"entity": "schoolrol", "value": "ouder"}])
    events = run(ActionSafetyHelp(), dispatcher, tracker)
    assert slots_of(events)["reporter_role"] == "ouder"
    assert "uw kind" in said(dispatcher) and "Gaat dit over jou" not in said(dispatcher)


def test_the_first_message_names_the_writer_before_the_help(app, dispatcher, tracker_factory):
    events = run(ActionSafetyHelp(), dispatcher,
                 tracker_factory("mijn zoon zegt dat hij dood wil", intent="crisis"))
    assert slots_of(events)["reporter_role"] == "ouder" and "uw kind" in said(dispatcher)


def test_the_careful_question_speaks_to_a_parent(app, dispatcher, tracker_factory):
    run(ActionTwijfelStoppen(), dispatcher, tracker_factory("ik kan niet meer", intent="twijfel_stoppen",
                                                             slots={"reporter_role": "ouder"}))
    assert "Wilt u stoppen met deze chat" in said(dispatcher) and "113 Zelfmoordpreventie" in said(dispatcher)


def _aanpak(tracker_factory, text, slots=None, entities=None):
    tracker = tracker_factory(text, intent="vraag_aanpak", slots=slots, entities=entities)
    tracker.latest_message["response_selector"] = {"vraag_aanpak": {"response": {
        "utter_action": "utter_vraag_aanpak/zien_gebeuren",
        "responses": [{"text": "Grijp meteen en rustig in: stop het gedrag. Volg het pestprotocol van school."}]}}}
    return tracker


def test_staff_guidance_goes_only_to_staff(app, dispatcher, tracker_factory):
    run(ActionAanpak(), dispatcher, _aanpak(tracker_factory, "wat moet ik doen?", {"reporter_role": "medewerker"}))
    assert "Grijp meteen" in said(dispatcher)
    for role in ("leerling", "getuige"):
        dispatcher.messages.clear()
        run(ActionAanpak(), dispatcher, _aanpak(tracker_factory, "wat moet ik doen?", {"reporter_role": role}))
        text = said(dispatcher)
        assert "Grijp meteen" not in text and "niet tussen staan" in text and "Doe dan niet mee" in text
    dispatcher.messages.clear()
    run(ActionAanpak(), dispatcher, _aanpak(tracker_factory, "wat moet ik doen?", {"reporter_role": "ouder"}))
    assert "Grijp meteen" not in said(dispatcher) and "uw kind" in said(dispatcher)


def test_an_unknown_writer_is_asked_once_unless_the_message_tells(app, dispatcher, tracker_factory):
    run(ActionAanpak(), dispatcher, _aanpak(tracker_factory, "wat moet ik doen als ik pesten zie?"))
    assert "Grijp meteen" not in said(dispatcher) and "Wie vraagt dit?" in said(dispatcher)
    payloads = [b["payload"] for b in dispatcher.messages[-1]["buttons"]]
    assert payloads == ['/vraag_aanpak{"schoolrol":"leerling"}', '/vraag_aanpak{"schoolrol":"ouder"}',
                        '/vraag_aanpak{"schoolrol":"medewerker"}']
    dispatcher.messages.clear()
    events = run(ActionAanpak(), dispatcher, _aanpak(tracker_factory, "ik ben conciërge, wat moet ik doen als ik pesten zie?"))
    assert "Grijp meteen" in said(dispatcher) and slots_of(events) == {"reporter_role": "medewerker"}


def test_the_writer_button_answers_the_question_asked_before(app, dispatcher, tracker_factory):
    question = _aanpak(tracker_factory, "wat moet ik doen als ik pesten zie?").latest_message
    tracker = tracker_factory('/vraag_aanpak{"schoolrol":"medewerker"}', intent="vraag_aanpak",
                              entities=[{"entity": "schoolrol", "value": "medewerker"}])
    tracker.events = [{"event": "user", "parse_data": question}, {"event": "user", "parse_data": tracker.latest_message}]
    events = run(ActionAanpak(), dispatcher, tracker)
    assert "Grijp meteen" in said(dispatcher) and slots_of(events) == {"reporter_role": "medewerker"}


def test_an_answer_to_who_are_you_that_only_denies_is_asked_again():
    from bot.dialogue.answers_parsing import parse_role
    from bot.domain.report import ReporterRole

    assert parse_role("ik ben geen leerling") is None
    assert parse_role("ik ben geen leerling maar ouder") is ReporterRole.OUDER
    assert parse_role("ik zie het bij iemand anders") is ReporterRole.GETUIGE  # the role buttons still work


def test_a_question_only_staff_ask_is_answered_for_staff_without_asking():
    assert writer.asker_of_guidance("hoe voer ik het gesprek met de leerling die de pester is", "gesprek_pester") \
        == "medewerker"
    assert writer.asker_of_guidance("ik surveilleer en zie iemand klemgezet worden, wat doe ik", "zien_gebeuren") \
        == "medewerker"
    # A pupil's words, or nothing that tells: ask.
    assert writer.asker_of_guidance("mijn vriendin wordt gepest, welke straf krijgen ze?", "sancties") == "getuige"
    assert writer.asker_of_guidance("wat moet ik doen als ik pesten zie?", "zien_gebeuren") is None
    assert writer.asker_of_guidance("in mijn klas wordt iemand gepest, wat moet ik doen", "zien_gebeuren") is None


def test_on_the_frozen_opening_messages_at_least_90_percent_are_recognised_or_asked():
    """scripts/writer_recognition.py over tests/nlu_holdout/writers_2026-12-06.yml (never tuned on)."""
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "writer_recognition.py"
    spec = importlib.util.spec_from_file_location("writer_recognition", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.outcomes()
    assert len(rows) > 250
    assert sum(1 for row in rows if row[2] != "wrong") / len(rows) >= 0.90
