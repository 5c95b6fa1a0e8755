"""The custom actions, called directly with tracker fixtures (no servers)."""
from __future__ import annotations

import asyncio
import re

import pytest

from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from actions.info import ActionAanspreekpunt, ActionVertrouwelijkheid
from actions.report_form import (
    ActionAskConfidentiality, ActionAskConfirmed, ActionStartReport, ActionStopReport,
    ActionSubmitReport, ValidateReportForm,
)
from actions.safety import ActionHulpNu, ActionSafetyHelp
from rasa_sdk.executor import CollectingDispatcher
from bot.domain.report import Confidentiality, Urgency

FULL = {
    "reporter_role": "leerling", "description": "ze schelden me uit", "kinds": ["schelden"],
    "places": ["kleedkamer"], "moment": "pauze", "frequency": "elke_dag", "since_when": "sinds de zomer",
    "people_involved": "niet gezegd", "already_told": "nog niemand", "desired_outcome": "dat het stopt",
    "confidentiality": "vertrouwelijk", "share_with": None, "contact": "Sam 1b", "confirmed": "ja",
}


def run(action, dispatcher, tracker, domain=None):
    return asyncio.run(action.run(dispatcher, tracker, domain or {}))


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def texts(dispatcher):
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def test_start_report_keeps_the_first_message_as_description(app, dispatcher, tracker_factory):
    tracker = tracker_factory("ze schelden me elke dag uit in de kleedkamer",
                              slots={"kinds": ["schelden"], "places": ["kleedkamer"], "frequency": "elke_dag"})
    events = slots_of(run(ActionStartReport(), dispatcher, tracker))
    assert events["description"] == "ze schelden me elke dag uit in de kleedkamer"
    assert events["reporter_role"] == "leerling"
    said = texts(dispatcher)
    assert "uitschelden" in said and "in de kleedkamer" in said and "elke dag" in said
    assert "niet jouw schuld" in said


def test_start_report_does_not_take_a_wish_as_description(app, dispatcher, tracker_factory):
    events = slots_of(run(ActionStartReport(), dispatcher, tracker_factory("ik wil iets melden")))
    assert "description" not in events


def test_parent_is_recognised(app, dispatcher, tracker_factory):
    events = slots_of(run(ActionStartReport(), dispatcher, tracker_factory("mijn zoon wordt gepest op school")))
    assert events["reporter_role"] == "ouder"
    assert "uw kind" in texts(dispatcher)


def test_kinds_from_free_text_and_unknown_text(app, dispatcher, tracker_factory):
    form = ValidateReportForm()
    tracker = tracker_factory("ze slaan me en lachen me uit", active_loop="report_form")
    assert set(form.validate_kinds(["ze slaan me en lachen me uit"], dispatcher, tracker, {})["kinds"]) == {"fysiek", "uitlachen"}
    assert form.validate_kinds(["ze doen gewoon raar"], dispatcher, tracker, {})["kinds"] == ["anders"]


def test_own_words_for_when_and_how_often_are_kept_and_stored(app, dispatcher, tracker_factory):
    form = ValidateReportForm()
    words = "als mijn grote broer er niet bij is"
    moment = form.validate_moment(words, dispatcher, tracker_factory(words, active_loop="report_form"), {})
    assert moment == {"moment": "anders", "moment_note": words}
    often = form.validate_frequency("hangt ervan af", dispatcher, tracker_factory("hangt ervan af"), {})
    assert often == {"frequency": "anders", "frequency_note": "hangt ervan af"}
    # A corrected answer that names a choice drops the old words.
    corrected = tracker_factory("in de pauze", slots={"moment": "anders", "moment_note": words})
    assert form.validate_moment("in de pauze", dispatcher, corrected, {}) == {"moment": "pauze", "moment_note": None}

    slots = {**FULL, "moment": "anders", "moment_note": words, "frequency": "anders",
             "frequency_note": "hangt ervan af"}
    run(ActionAskConfirmed(), dispatcher, tracker_factory(slots=slots))
    assert f"Wanneer: {words}" in texts(dispatcher) and "Hoe vaak: hangt ervan af" in texts(dispatcher)
    ref = slots_of(run(ActionSubmitReport(), dispatcher, tracker_factory(slots=slots)))["report_reference"]
    with app.uow_factory() as uow:
        report = uow.reports.get(ref)
    assert (report.moment, report.moment_note) == ("anders", words)
    assert (report.frequency, report.frequency_note) == ("anders", "hangt ervan af")


def test_the_secret_is_hashed_while_the_report_is_stored(app, dispatcher, tracker_factory, monkeypatch):
    """With no secret made ahead, argon2 (about 30 ms) runs beside the storing, not after it."""
    import time as _time
    from actions import report_form
    from bot.services import checkin

    spans = {}
    real_new_secret, real_submit = checkin.new_secret, app.submit_report

    def slow_new_secret():
        started = _time.monotonic()
        _time.sleep(0.3)
        made = real_new_secret()
        spans["hash"] = (started, _time.monotonic())
        spans["secret"] = made.secret
        return made

    def slow_submit(*args):
        started = _time.monotonic()
        _time.sleep(0.3)
        reference = real_submit(*args)
        spans["store"] = (started, _time.monotonic())
        return reference

    monkeypatch.setattr(checkin, "new_secret", slow_new_secret)
    monkeypatch.setattr(report_form, "SECRETS", checkin.SecretStock(size=0))  # none made ahead
    monkeypatch.setattr(app, "submit_report", slow_submit)
    events = run(ActionSubmitReport(), dispatcher, tracker_factory(slots=FULL))
    assert spans["hash"][0] < spans["store"][1] and spans["store"][0] < spans["hash"][1]  # they overlap
    ref = slots_of(events)["report_reference"]
    assert ref in texts(dispatcher) and spans["secret"] in texts(dispatcher)  # the secret it stored


def test_a_secret_made_ahead_is_given_at_once_and_only_once():
    """The stock (checkin.SecretStock) hands out a ready secret without waiting for argon2, never
    the same one twice, and makes itself up again in the background."""
    import time as _time
    from bot.services import checkin, passwords

    def slow():
        _time.sleep(0.2)
        return checkin.new_secret()

    stock = checkin.SecretStock(size=2, make=slow)
    deadline = _time.monotonic() + 5
    while stock.ready() < 2 and _time.monotonic() < deadline:
        _time.sleep(0.02)
    assert stock.ready() == 2
    started = _time.monotonic()
    first = stock.take()
    assert _time.monotonic() - started < 0.1
    taken = [first] + [stock.take() for _ in range(3)]  # more than were ready: made on the spot
    assert len({t.secret for t in taken}) == 4
    assert all(passwords.verify(t.stored_hash, followup_normalized(t.secret)) for t in taken)
    while stock.ready() < 2 and _time.monotonic() < deadline + 5:
        _time.sleep(0.02)
    assert stock.ready() == 2


def test_the_stock_is_made_up_again_only_after_its_pause():
    """A taken secret is replaced after ``pause`` seconds, not while the reply that took it runs."""
    import time as _time
    from bot.services import checkin

    made = []
    stock = checkin.SecretStock(size=1, make=lambda: made.append(1) or checkin.new_secret(), pause=0.6)
    deadline = _time.monotonic() + 5
    while stock.ready() < 1 and _time.monotonic() < deadline:
        _time.sleep(0.02)
    stock.take()
    _time.sleep(0.3)
    assert stock.ready() == 0 and len(made) == 1
    while stock.ready() < 1 and _time.monotonic() < deadline + 5:
        _time.sleep(0.02)
    assert stock.ready() == 1 and len(made) == 2


def followup_normalized(secret: str) -> str:
    from bot.services.followup import normalize_secret
    return normalize_secret(secret)


def test_typed_entities_are_not_trusted(app, dispatcher, tracker_factory):
    form = ValidateReportForm()
    tracker = tracker_factory('/pesten_melden{"soort": "<script>"}')
    assert form.validate_kinds(["<script>"], dispatcher, tracker, {})["kinds"] == ["anders"]
    # A slash command typed as the confidentiality answer is no choice at all.
    result = form.validate_confidentiality('/inform{"confidentiality":"anoniem"}', dispatcher, tracker, {})
    assert result["confidentiality"] is None


def test_confidentiality_choice_and_its_consequences(app, dispatcher, tracker_factory):
    form = ValidateReportForm()
    tracker = tracker_factory("anoniem")
    result = form.validate_confidentiality("anoniem", dispatcher, tracker, {})
    assert result == {"confidentiality": "anoniem", "contact": None, "share_with": None}
    assert form.validate_confidentiality("alleen het aanspreekpunt mag het weten", dispatcher, tracker, {})["confidentiality"] == "vertrouwelijk"
    assert form.validate_confidentiality("banaan", dispatcher, tracker, {})["confidentiality"] is None


def test_contact_is_only_asked_when_allowed(app, dispatcher, tracker_factory):
    form = ValidateReportForm()
    anon = tracker_factory(slots={"confidentiality": "anoniem"})
    shared = tracker_factory(slots={"confidentiality": "mag_gedeeld"})
    anon_slots = asyncio.run(form.required_slots([], dispatcher, anon, {}))
    shared_slots = asyncio.run(form.required_slots([], dispatcher, shared, {}))
    assert "contact" not in anon_slots and "share_with" not in anon_slots
    assert "contact" in shared_slots and "share_with" in shared_slots


def test_explanation_comes_before_the_choice(app, dispatcher, tracker_factory):
    run(ActionAskConfidentiality(), dispatcher, tracker_factory())
    messages = [m["text"] for m in dispatcher.messages]
    choices = [i for i, text in enumerate(messages) if text.startswith(("Anoniem", "Vertrouwelijk", "Mag gedeeld"))]
    limit = next(i for i, text in enumerate(messages) if "gevaar" in text)
    assert len(choices) == 3 and max(choices) < limit < len(messages) - 1
    assert [b["payload"] for b in dispatcher.messages[-1]["buttons"]] == ["anoniem", "vertrouwelijk", "mag gedeeld worden"]


def test_summary_and_correction(app, dispatcher, tracker_factory):
    run(ActionAskConfirmed(), dispatcher, tracker_factory(slots=FULL))
    assert "in de kleedkamer" in texts(dispatcher) and "Sam 1b" in texts(dispatcher)
    form = ValidateReportForm()
    result = form.validate_confirmed("aanpassen: waar", dispatcher, tracker_factory("aanpassen: waar"), {})
    assert result == {"places": None, "confirmed": None}
    assert form.validate_confirmed("ja, versturen", dispatcher, tracker_factory("ja, versturen"), {}) == {"confirmed": "ja"}


def test_submit_stores_the_report_and_gives_a_code(app, dispatcher, tracker_factory):
    events = run(ActionSubmitReport(), dispatcher, tracker_factory(slots=FULL, sender_id="conv-1"))
    ref = slots_of(events)["report_reference"]
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", ref)
    assert ref in texts(dispatcher)
    assert app.config.aanspreekpunt.name in texts(dispatcher)
    with app.uow_factory() as uow:
        report = uow.reports.get(ref)
    assert report.confidentiality is Confidentiality.VERTROUWELIJK and report.people_involved is None
    assert report.conversation_id == "conv-1" and report.urgency is Urgency.NORMAAL
    assert all(v is None for k, v in slots_of(events).items() if k != "report_reference")


def test_urgent_report_after_a_safety_signal(app, dispatcher, tracker_factory):
    slots = {**FULL, "urgency_reason": "crisis", "confidentiality": "anoniem", "contact": None}
    ref = slots_of(run(ActionSubmitReport(), dispatcher, tracker_factory(slots=slots)))["report_reference"]
    with app.uow_factory() as uow:
        report = uow.reports.get(ref)
        recipients = sorted(n.recipient for n in uow.notifications.for_report(ref))
    assert report.urgency is Urgency.HOOG and report.conversation_id is None
    assert recipients == sorted([app.config.aanspreekpunt.email, app.config.deputy.email])


def test_stop_forgets_everything(app, dispatcher, tracker_factory):
    events = run(ActionStopReport(), dispatcher, tracker_factory("stop", intent="stoppen", slots=FULL, active_loop="report_form"))
    assert ActiveLoop(None) in events
    assert all(v is None for v in slots_of(events).values())
    assert "niets opgeslagen" in texts(dispatcher)
    with app.uow_factory() as uow:
        assert uow.reports.list(school_ids=None) == []


@pytest.mark.parametrize("slot, text, expected", [
    ("kinds", "spullen afpakken", {"kinds": ["spullen"]}),
    ("moment", "in de pauze", {"moment": "pauze"}),
    ("confidentiality", "vertrouwelijk", {"confidentiality": "vertrouwelijk", "share_with": None}),
])
def test_a_choice_taken_for_stop_is_kept_as_the_answer(app, dispatcher, tracker_factory, slot, text, expected):
    slots = {"reporter_role": "leerling", "description": "ze pakken mijn tas af", "requested_slot": slot}
    events = run(ActionStopReport(), dispatcher, tracker_factory(text, intent="stoppen", slots=slots,
                                                                  active_loop="report_form"))
    assert ActiveLoop(None) not in events and FollowupAction("report_form") in events
    assert slots_of(events) == expected
    assert "niets opgeslagen" not in texts(dispatcher)


@pytest.mark.parametrize("text", ["stop", "laat maar, stop ermee", "ik wil stoppen met de pauze-vraag",
                                  "vergeet het maar", "niet doorsturen"])
def test_a_stop_word_always_stops(app, dispatcher, tracker_factory, text):
    slots = {"description": "ze pakken mijn tas af", "requested_slot": "moment"}
    events = run(ActionStopReport(), dispatcher, tracker_factory(text, intent="stoppen", slots=slots,
                                                                  active_loop="report_form"))
    assert ActiveLoop(None) in events and "niets opgeslagen" in texts(dispatcher)


def test_crisis_pauses_the_form_and_gives_113(app, dispatcher, tracker_factory):
    tracker = tracker_factory("ik wil dood", intent="crisis", slots=FULL, active_loop="report_form")
    events = run(ActionSafetyHelp(), dispatcher, tracker)
    said = texts(dispatcher)
    assert "113" in said and "0800-0113" in said
    assert slots_of(events)["urgency_reason"] == "crisis" and slots_of(events)["report_paused"] is True
    assert ActiveLoop(None) in events
    # Nothing collected is thrown away.
    assert not any(e.get("name") == "description" for e in events)


def test_most_serious_reason_is_kept(app, dispatcher, tracker_factory):
    tracker = tracker_factory("ze maken foto's", intent="strafbaar_feit", slots={"urgency_reason": "acuut_gevaar"})
    assert slots_of(run(ActionSafetyHelp(), dispatcher, tracker))["urgency_reason"] == "acuut_gevaar"


def test_staff_get_the_meldcode_for_home_violence(app, dispatcher, tracker_factory):
    tracker = tracker_factory("een leerling vertelt dat zijn vader hem slaat", intent="onveilig_thuis",
                              slots={"reporter_role": "medewerker"})
    run(ActionSafetyHelp(), dispatcher, tracker)
    assert "meldcode" in texts(dispatcher) and "0800-2000" in texts(dispatcher)


def test_config_answers(app, dispatcher, tracker_factory):
    run(ActionHulpNu(), dispatcher, tracker_factory())
    run(ActionAanspreekpunt(), dispatcher, tracker_factory())
    said = texts(dispatcher)
    for helpline in app.config.helplines.values():
        if helpline.key in ("kindertelefoon", "veilig_thuis", "politie"):
            assert helpline.phone in said
    assert app.config.aanspreekpunt.name in said


def test_a_bare_choice_taken_for_a_question_still_answers_the_form(app, dispatcher, tracker_factory):
    asking = {"requested_slot": "confidentiality", "contact": "Sam"}
    tracker = tracker_factory("anoniem graag", intent="vraag_vertrouwelijkheid", slots=asking, active_loop="report_form")
    events = run(ActionVertrouwelijkheid(), dispatcher, tracker)
    assert slots_of(events) == {"confidentiality": "anoniem", "contact": None, "share_with": None}
    assert texts(dispatcher) == ""


def test_a_real_question_about_confidentiality_is_answered(app, dispatcher, tracker_factory):
    asking = {"requested_slot": "confidentiality"}
    tracker = tracker_factory("is het echt anoniem?", intent="vraag_vertrouwelijkheid", slots=asking,
                              active_loop="report_form")
    assert run(ActionVertrouwelijkheid(), dispatcher, tracker) == []
    assert "anoniem" in texts(dispatcher).lower()


# -- answers that tell more than was asked --------------------------------------------------

def test_an_answer_also_fills_open_questions_it_answers(app, dispatcher, tracker_factory):
    form = ValidateReportForm()
    text = "vooral na schooltijd via snapchat"
    tracker = tracker_factory(text, intent="inform", active_loop="report_form",
                              slots={"reporter_role": "ouder", "kinds": ["buitensluiten"]})
    result = form.validate_frequency(text, dispatcher, tracker, {})
    # Not a frequency: ask it again, but keep when and where, without "not understood".
    assert result == {"frequency": None, "moment": "na_school", "places": ["online"]}
    assert "begreep" not in texts(dispatcher)


def test_a_situation_answers_when_even_if_it_names_a_place(app, dispatcher, tracker_factory):
    form = ValidateReportForm()
    text = "als we met de bus gaan"
    tracker = tracker_factory(text, intent="inform", active_loop="report_form",
                              slots={"reporter_role": "leerling", "kinds": ["uitschelden"]})
    result = form.validate_moment(text, dispatcher, tracker, {})
    assert result["moment"] == "anders" and result["moment_note"] == text
    assert result.get("places") == ["onderweg"]  # the place is kept too, and "wanneer?" is not asked again
    # A bare place is no answer to "wanneer?": keep it and ask again.
    tracker = tracker_factory("in de bus", intent="inform", active_loop="report_form",
                              slots={"reporter_role": "leerling", "kinds": ["uitschelden"]})
    assert form.validate_moment("in de bus", dispatcher, tracker, {})["moment"] is None


def test_an_answer_never_overwrites_an_earlier_answer(app, dispatcher, tracker_factory):
    form = ValidateReportForm()
    text = "elke dag in de gang"
    tracker = tracker_factory(text, intent="inform", active_loop="report_form",
                              slots={"places": ["kleedkamer"], "moment": None})
    result = form.validate_frequency(text, dispatcher, tracker, {})
    assert result == {"frequency": "elke_dag"}


def test_the_description_prefills_what_it_says(app, dispatcher, tracker_factory):
    form = ValidateReportForm()
    text = "ze schelden me elke dag uit in de kleedkamer"
    tracker = tracker_factory(text, intent="pesten_melden", active_loop="report_form", slots={"reporter_role": "leerling"})
    result = form.validate_description(text, dispatcher, tracker, {})
    assert result["description"] == text
    assert result["kinds"] == ["schelden"] and result["places"] == ["kleedkamer"] and result["frequency"] == "elke_dag"


def test_a_story_given_as_the_role_answer_is_the_description(app, dispatcher, tracker_factory):
    form = ValidateReportForm()
    text = "ze trekken me altijd aan mijn haar in de gang"
    tracker = tracker_factory(text, intent="pesten_melden", active_loop="report_form")
    result = form.validate_reporter_role(text, dispatcher, tracker, {})
    assert result["reporter_role"] == "leerling" and result["description"] == text
    assert result["places"] == ["gang"]
    short = form.validate_reporter_role("ik zelf", dispatcher, tracker_factory("ik zelf"), {})
    assert short == {"reporter_role": "leerling"}


# -- parents are addressed with u ----------------------------------------------------------

def test_a_parent_reads_u_in_the_summary_and_after_sending(app, dispatcher, tracker_factory):
    slots = {**FULL, "reporter_role": "ouder", "confidentiality": "mag_gedeeld", "share_with": ["mentor"],
             "contact": "06-12345678"}
    run(ActionAskConfirmed(), dispatcher, tracker_factory(slots=slots))
    run(ActionSubmitReport(), dispatcher, tracker_factory(slots=slots))
    said = texts(dispatcher)
    assert "Dit is uw melding" in said and "Wat u graag wilt" in said and "Delen met: de mentor" in said
    assert "Uw melding is verstuurd" in said and "neemt contact met u op" in said
    assert not re.search(r"\b(je|jouw|jij)\b", said.split("Dit is uw melding")[1].replace(FULL["description"], ""))


def test_a_parent_sharing_means_the_mentor_and_is_not_asked_again(app, dispatcher, tracker_factory):
    form = ValidateReportForm()
    tracker = tracker_factory("mag gedeeld worden", intent="inform", active_loop="report_form",
                              slots={"reporter_role": "ouder"})
    result = form.validate_confidentiality("mag gedeeld worden", dispatcher, tracker, {})
    assert result == {"confidentiality": "mag_gedeeld", "share_with": ["mentor"]}
    needed = asyncio.run(form.required_slots([], dispatcher, tracker_factory(slots={"reporter_role": "ouder", **result}), {}))
    assert "share_with" not in needed and "contact" in needed


# -- help for every danger in one message ---------------------------------------------------

def test_help_names_every_kind_of_danger_found(app, dispatcher, tracker_factory):
    tracker = tracker_factory("ze hebben mijn telefoon afgepakt en ze hadden een mes", intent="acuut_gevaar")
    tracker.latest_message["safety_net"] = {"intent": "acuut_gevaar", "rules": [], "also": ["strafbaar_feit"]}
    run(ActionSafetyHelp(), dispatcher, tracker)
    said = texts(dispatcher)
    assert "112" in said and app.config.helplines["politie"].phone in said


def test_acute_danger_behind_home_adds_no_second_112_line(app, dispatcher, tracker_factory):
    tracker = tracker_factory("mijn vader dreigt met een mes als hij boos wordt", intent="onveilig_thuis")
    tracker.latest_message["safety_net"] = {"intent": "onveilig_thuis", "rules": [], "also": ["acuut_gevaar"]}
    run(ActionSafetyHelp(), dispatcher, tracker)
    said = texts(dispatcher)
    assert app.config.helplines["veilig_thuis"].phone in said and said.count("Ben je nu in gevaar?") == 1
    # Behind a crime, whose help has no 112 of its own, the line comes along.
    dispatcher.messages.clear()
    tracker = tracker_factory("vorige week hebben ze me met een mes beroofd", intent="strafbaar_feit")
    tracker.latest_message["safety_net"] = {"intent": "strafbaar_feit", "rules": [], "also": ["acuut_gevaar"]}
    run(ActionSafetyHelp(), dispatcher, tracker)
    assert texts(dispatcher).count("Ben je nu in gevaar?") == 1 and "112" in texts(dispatcher)


def test_the_careful_question_asks_and_names_113(app, dispatcher, tracker_factory):
    from actions.safety import ActionTwijfelStoppen

    run(ActionTwijfelStoppen(), dispatcher, tracker_factory("ik kan niet meer", intent="twijfel_stoppen"))
    said = texts(dispatcher)
    assert "stoppen met deze chat" in said and app.config.helplines["zelfmoordpreventie"].phone_alt in said
    assert [b["payload"] for b in dispatcher.messages[-1]["buttons"]] == ["/stoppen", "/crisis"]


def test_an_answer_taken_for_a_bot_question_is_kept(app, dispatcher, tracker_factory):
    from actions.info import ActionBotChallenge

    slots = {**FULL, "contact": None, "confirmed": None, "requested_slot": "contact"}
    events = run(ActionBotChallenge(), dispatcher, tracker_factory("Sam, 1b", intent="bot_challenge", slots=slots,
                                                                   active_loop="report_form"))
    assert slots_of(events) == {"contact": "Sam, 1b"}
    dispatcher.messages.clear()
    events = run(ActionBotChallenge(), dispatcher, tracker_factory("ben jij een robot", intent="bot_challenge",
                                                                   slots=slots, active_loop="report_form"))
    assert events == [] and dispatcher.messages[0].get("response") == "utter_bot_challenge"


@pytest.mark.parametrize("text", ["ik zie het bij iemand anders", "ik ben ouder of verzorger",
                                  "ik werk op school als medewerker", "ik word zelf gepest"])
def test_a_role_button_is_no_story(app, dispatcher, tracker_factory, text):
    result = ValidateReportForm().validate_reporter_role(text, dispatcher, tracker_factory(text), {})
    assert set(result) == {"reporter_role"}


def test_a_role_with_a_story_keeps_the_story(app, dispatcher, tracker_factory):
    text = "ik word gepest, ze schelden me elke dag uit"
    result = ValidateReportForm().validate_reporter_role(text, dispatcher, tracker_factory(text), {})
    assert result["reporter_role"] == "leerling" and result["description"] == text and result["kinds"] == ["schelden"]


def test_a_repeated_confirmation_stores_and_mails_the_report_once(app, dispatcher, tracker_factory):
    # The same turn twice, as after a retry when a process died or a proxy resent the request.
    slots = {**FULL, "submission_id": "run-7f3a"}
    first = slots_of(run(ActionSubmitReport(), dispatcher, tracker_factory(slots=slots)))["report_reference"]
    again = slots_of(run(ActionSubmitReport(), CollectingDispatcher(), tracker_factory(slots=slots)))["report_reference"]
    other = slots_of(run(ActionSubmitReport(), CollectingDispatcher(),
                         tracker_factory(slots={**slots, "submission_id": "run-9c1d"})))["report_reference"]
    assert first == again != other
    with app.uow_factory() as uow:
        stored = [r.reference for r in uow.reports.list(school_ids=None)]
        mails = uow.notifications.for_report(first)
    assert sorted(stored) == sorted([first, other])
    assert [n.recipient for n in mails] == [app.config.aanspreekpunt.email]


def test_a_form_run_gets_one_submission_id_and_forgets_it_after_submit(app, dispatcher, tracker_factory):
    started = slots_of(run(ActionStartReport(), dispatcher, tracker_factory("ik word gepest")))
    assert len(started["submission_id"]) >= 20
    kept = slots_of(run(ActionStartReport(), CollectingDispatcher(),
                        tracker_factory("ik word gepest", slots={"submission_id": "run-1"})))
    assert "submission_id" not in kept
    done = slots_of(run(ActionSubmitReport(), CollectingDispatcher(),
                        tracker_factory(slots={**FULL, "submission_id": "run-1"})))
    assert done["submission_id"] is None


def test_the_conversation_keeps_the_school_its_session_started_with(tmp_path, monkeypatch, tracker_factory):
    """The school of the session's first message counts (read from the events the action server
    gets), not the school a later message names."""
    from actions.context import config
    from bot import bootstrap as bootstrap_module
    from tests.support.servers import write_school

    folder = tmp_path / "schools"
    write_school(folder, "de-eik", "Basisschool De Eik")
    write_school(folder, "de-linde", "Kindcentrum De Linde")
    monkeypatch.setenv("KLANKBORD_SCHOOLS", str(folder))
    monkeypatch.setenv("KLANKBORD_DATABASE_URL", f"sqlite:///{tmp_path / 'kb.db'}")
    bootstrap_module.reset_app()
    try:
        tracker = tracker_factory("hoi")
        tracker.events = [
            {"event": "session_started"},
            {"event": "user", "text": "oud gesprek", "metadata": {"school": "de-eik"}},
            {"event": "session_started"},
            {"event": "action", "name": "action_listen"},
            {"event": "user", "text": "ik word gepest", "metadata": {"school": "de-linde"}},
            {"event": "user", "text": "hoi", "metadata": {"school": "de-eik"}},
        ]
        tracker.latest_message["metadata"] = {"school": "de-eik"}
        assert config(tracker).school_id == "de-linde"
        # Two schools and none named: no school, so nothing is stored anywhere.
        nameless = tracker_factory("hoi")
        nameless.events = [{"event": "session_started"}, {"event": "user", "text": "hoi", "metadata": {}}]
        with pytest.raises(LookupError):
            config(nameless)
    finally:
        bootstrap_module.reset_app()


def test_a_failed_submit_opens_the_form_again_at_the_confirmation(app, dispatcher, tracker_factory, monkeypatch):
    # The database is away (a restart): the pupil hears it, every answer is kept, and the form asks
    # the confirmation again, so the next "ja" sends the same submission (the topology suite does
    # this with a real PostgreSQL restart).
    slots = {**FULL, "submission_id": "run-down"}
    stored = app.submit_report

    def database_away(*args, **kwargs):
        raise ConnectionError("database restarting")

    monkeypatch.setattr(app, "submit_report", database_away)
    events = run(ActionSubmitReport(), dispatcher, tracker_factory(slots=slots))
    assert "niet gelukt" in texts(dispatcher) and "nog niet opgeslagen" in texts(dispatcher)
    assert slots_of(events) == {"confirmed": None}  # nothing else forgotten, the submission id kept
    assert FollowupAction("report_form") in events
    monkeypatch.setattr(app, "submit_report", stored)
    again = slots_of(run(ActionSubmitReport(), CollectingDispatcher(), tracker_factory(slots=slots)))
    with app.uow_factory() as uow:
        assert [r.reference for r in uow.reports.list(school_ids=None)] == [again["report_reference"]]
