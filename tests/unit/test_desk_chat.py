"""The chat side of the follow-up: the secret at submission and the follow-up form's actions
(called directly with tracker fixtures, on a throwaway SQLite database)."""
from __future__ import annotations

import asyncio
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from actions.followup import (
    ActionFollowupDone, ActionFollowupReset, ActionFollowupStart, ActionFollowupStop, ValidateFollowupForm,
)
from actions.report_form import ActionSubmitReport
from bot.dialogue.followup import code_in
from bot.services import cases, checkin
from bot.domain.desk import NazorgAnswer, Role
from bot.adapters.storage.tables.desk import report_followups
from bot.texts import followup as texts
from bot.domain.report import new_reference
from tests.support.desk import add_report, add_user

ROOT = Path(__file__).resolve().parents[2]
FULL = {
    "reporter_role": "leerling", "description": "ze schelden me uit", "kinds": ["schelden"],
    "places": ["kleedkamer"], "moment": "pauze", "frequency": "elke_dag", "since_when": "sinds de zomer",
    "people_involved": "niet gezegd", "already_told": "nog niemand", "desired_outcome": "dat het stopt",
    "confidentiality": "anoniem", "share_with": None, "contact": None, "confirmed": "ja",
}
SAFETY_AND_STOP = {"crisis", "acuut_gevaar", "strafbaar_feit", "onveilig_thuis", "twijfel_stoppen", "stoppen", "hulp_nu"}
SECRET_LINE = re.compile(r"Je geheime woord is: ([a-z]+-[a-z]+-[0-9]{2})")


def run(coro_or_action, dispatcher=None, tracker=None):
    if dispatcher is None:
        return asyncio.run(coro_or_action)
    return asyncio.run(coro_or_action.run(dispatcher, tracker, {}))


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def said(dispatcher):
    return [(m.get("text"), tuple(b["title"] for b in m.get("buttons") or [])) for m in dispatcher.messages]


@pytest.fixture
def desk(app):
    return app


@pytest.fixture
def known(desk):
    ref = add_report(desk)
    return ref, checkin.issue_secret(desk, ref)


def secret_answer(dispatcher_factory, tracker_factory, code, secret):
    dispatcher = dispatcher_factory()
    tracker = tracker_factory(secret or "", intent="inform", slots={"followup_code": code},
                              active_loop="followup_form")
    result = run(ValidateFollowupForm().validate_followup_secret(secret, dispatcher, tracker, {}))
    return said(dispatcher), result


@pytest.fixture
def new_dispatcher():
    from rasa_sdk.executor import CollectingDispatcher

    return CollectingDispatcher


# ------------------------------------------------------------------ at submission


def test_submission_shows_a_secret_once_and_stores_only_its_hash(app, desk, dispatcher, tracker_factory):
    events = run(ActionSubmitReport(), dispatcher, tracker_factory(slots=FULL))
    ref = slots_of(events)["report_reference"]
    messages = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    match = SECRET_LINE.search(messages)
    assert match, messages
    secret = match.group(1)
    assert messages.count(secret) == 1 and "maar één keer" in messages
    assert "hoe staat het met mijn melding" in messages
    assert secret not in repr(events)  # not kept in any slot
    with desk.uow() as uow:
        stored = uow.session.execute(select(report_followups.c.secret_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and secret not in stored
    assert checkin.check_code(desk, ref, secret).reference == ref


def test_submission_still_works_when_the_secret_cannot_be_made(app, dispatcher, tracker_factory, monkeypatch):
    def broken(*args):
        raise RuntimeError("database gone")

    monkeypatch.setattr(checkin, "issue_secret", broken)
    events = run(ActionSubmitReport(), dispatcher, tracker_factory(slots=FULL))
    messages = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert slots_of(events)["report_reference"] in messages
    assert "geheime woord" not in messages and "Sorry" not in messages


# ------------------------------------------------------------------ the follow-up form


def test_start_forgets_an_earlier_followup_and_keeps_a_typed_code(app, dispatcher, tracker_factory):
    tracker = tracker_factory("mijn code is k7qh rm4c xwn9", intent="status_melding",
                              slots={"followup_reference": "OLD", "followup_state": "ok"})
    events = slots_of(run(ActionFollowupStart(), dispatcher, tracker))
    assert events["followup_code"] == "K7QH-RM4C-XWN9"
    assert events["followup_reference"] is None and events["followup_state"] is None
    assert "code" in dispatcher.messages[0]["text"]


def test_code_is_found_in_what_the_pupil_types():
    assert code_in("K7QH-RM4C-XWN9") == "K7QH-RM4C-XWN9"
    assert code_in("hier: k7qh rm4c xwn9 !") == "K7QH-RM4C-XWN9"
    assert code_in("k7qhrm4cxwn9") == "K7QH-RM4C-XWN9"
    assert code_in("ik weet het niet") is None and code_in("1234-5678-9012") is None


def test_a_bare_code_secret_or_choice_counts_whatever_the_nlu_thought(app, dispatcher, tracker_factory):
    """The NLU sometimes reads a random code as "stoppen"; a message that is only an answer is an answer."""
    form = ValidateFollowupForm()

    def extract(slot, text, intent="stoppen", requested=None):
        tracker = tracker_factory(text, intent=intent, slots={"requested_slot": requested or slot})
        return getattr(form, f"extract_{slot}")(dispatcher, tracker, {})

    assert extract("followup_code", "4UPH-FQ7T-CMRQ") == {"followup_code": "4UPH-FQ7T-CMRQ"}
    assert extract("followup_code", "ik ben mijn code kwijt") == {"followup_code": "ik ben mijn code kwijt"}
    assert extract("followup_code", "stop") == {}
    assert extract("followup_code", "4UPH-FQ7T-CMRQ", requested="followup_secret") == {}
    assert extract("followup_secret", "Wolk Tijger 47") == {"followup_secret": "Wolk Tijger 47"}
    assert extract("followup_secret", "wolktijger47") == {"followup_secret": "wolktijger47"}
    assert extract("followup_secret", "ik stop 12") == {} and extract("followup_secret", "stop") == {}
    assert extract("followup_nazorg", "een beetje") == {"followup_nazorg": "een beetje"}
    assert extract("followup_nazorg", "ik wil stoppen") == {}
    assert extract("followup_addition", "nee, niets") == {"followup_addition": "nee, niets"}
    assert extract("followup_addition", "laat maar") == {}


def test_code_retry_then_lost(app, dispatcher, tracker_factory):
    form = ValidateFollowupForm()
    first = form.validate_followup_code("geen idee wat je bedoelt", dispatcher, tracker_factory("x"), {})
    assert first == {"followup_code": None, "followup_state": "code_retry"}
    second = form.validate_followup_code("blabla", dispatcher, tracker_factory("x", slots={"followup_state": "code_retry"}), {})
    assert second["followup_state"] == "closed"
    lost = form.validate_followup_code("ik ben mijn code kwijt", dispatcher, tracker_factory("x"), {})
    assert lost["followup_state"] == "closed"
    assert app.config.aanspreekpunt.name in dispatcher.messages[-1]["text"]


def test_required_slots_follow_the_state(app, dispatcher, tracker_factory):
    form = ValidateFollowupForm()

    def needed(**slots):
        return run(form.required_slots([], dispatcher, tracker_factory(slots=slots), {}))

    assert needed() == ["followup_code", "followup_secret"]
    assert needed(followup_state="closed") == []
    assert needed(followup_state="ok") == ["followup_code", "followup_secret", "followup_addition"]
    assert needed(followup_state="ok", followup_ask_nazorg=True) == [
        "followup_code", "followup_secret", "followup_nazorg", "followup_addition"]


def test_right_secret_shows_status_and_messages(app, desk, known, new_dispatcher, tracker_factory):
    ref, secret = known
    ap = add_user(desk, "anna", Role.AANSPREEKPUNT)
    cases.add_message(desk, ap, ref, "Hoi! Kom je dinsdag even langs in lokaal 1.12?")
    messages, result = secret_answer(new_dispatcher, tracker_factory, ref, secret.upper().replace("-", " "))
    assert result == {"followup_secret": "-", "followup_state": "ok", "followup_reference": ref,
                      "followup_ask_nazorg": False}
    text = "\n".join(m[0] for m in messages)
    assert "Je melding is goed aangekomen" in text
    assert "Hoi! Kom je dinsdag even langs in lokaal 1.12?" in text
    assert secret not in repr(result)
    assert cases.open_case(desk, ap, ref).messages[0].read_at is not None


def test_every_failure_gets_the_same_answer(app, desk, known, new_dispatcher, tracker_factory):
    """100 random well-formed codes, the real code with a wrong secret and a malformed code:
    identical messages and slot events. A rate-limited attempt with the right secret is told to
    try later instead (a limit is not a wrong secret), with the same slot events."""
    ref, secret = known
    answers = set()
    for _ in range(100):
        messages, result = secret_answer(new_dispatcher, tracker_factory, new_reference(), secret)
        answers.add((tuple(messages), tuple(sorted(result.items()))))
    for _ in range(5):  # also fills the per-code limit
        messages, result = secret_answer(new_dispatcher, tracker_factory, ref, "fout-woord-12")
        answers.add((tuple(messages), tuple(sorted(result.items()))))
    answers.add(tuple_of(secret_answer(new_dispatcher, tracker_factory, "-", secret)))
    limited = tuple_of(secret_answer(new_dispatcher, tracker_factory, ref, secret))  # right secret, too many tries
    assert len(answers) == 1, answers
    (messages, result), = answers
    assert messages == ((texts.denied(app.config), ()),)
    assert dict(result) == {"followup_secret": "-", "followup_state": "closed"}
    assert limited == (((texts.try_later(app.config), ()),), result)


def tuple_of(pair):
    messages, result = pair
    return tuple(messages), tuple(sorted(result.items()))


def test_nazorg_question_when_due_and_answer_recorded(app, desk, known, new_dispatcher, tracker_factory):
    ref, secret = known
    ap = add_user(desk, "anna", Role.AANSPREEKPUNT)
    cases.set_nazorg_date(desk, ap, ref, date(2020, 1, 1))
    _, result = secret_answer(new_dispatcher, tracker_factory, ref, secret)
    assert result["followup_ask_nazorg"] is True
    form = ValidateFollowupForm()
    dispatcher = new_dispatcher()
    tracker = tracker_factory("weet ik veel", slots={"followup_reference": ref})
    assert run(form.validate_followup_nazorg("weet ik veel", dispatcher, tracker, {})) == {"followup_nazorg": None}
    assert cases.open_case(desk, ap, ref).nazorg == []
    assert run(form.validate_followup_nazorg("nee, het is niet gestopt", dispatcher, tracker, {})) == {
        "followup_nazorg": "niet_gestopt"}
    assert "niet jouw schuld" in dispatcher.messages[-1]["text"]
    assert [a.answer for a in cases.open_case(desk, ap, ref).nazorg] == [NazorgAnswer.NIET_GESTOPT]


def test_addition_is_stored_and_shown_in_the_desk(app, desk, known, new_dispatcher, tracker_factory):
    ref, _ = known
    ap = add_user(desk, "anna", Role.AANSPREEKPUNT)
    form = ValidateFollowupForm()
    dispatcher = new_dispatcher()
    tracker = tracker_factory(slots={"followup_reference": ref})
    assert run(form.validate_followup_addition("nee, niets", dispatcher, tracker, {})) == {"followup_addition": "nee"}
    assert run(form.validate_followup_addition("Gisteren in de bus ook weer.", dispatcher, tracker, {})) == {
        "followup_addition": "opgeslagen"}
    assert [a.text for a in cases.open_case(desk, ap, ref).additions] == ["Gisteren in de bus ook weer."]
    # Without a successful check there is no reference: nothing is stored.
    other = tracker_factory(slots={})
    assert run(form.validate_followup_addition("iets", dispatcher, other, {})) == {"followup_addition": "nee"}
    assert len(cases.open_case(desk, ap, ref).additions) == 1


def test_done_stop_and_reset_forget_the_access(app, dispatcher, tracker_factory):
    slots = {"followup_reference": "K7QH-RM4C-XWN9", "followup_state": "ok", "followup_addition": "nee"}
    for action in (ActionFollowupDone(), ActionFollowupStop(), ActionFollowupReset()):
        events = run(action, dispatcher, tracker_factory(slots=slots, active_loop="followup_form"))
        values = slots_of(events)
        assert values["followup_reference"] is None and values["followup_state"] is None
    said_texts = [m["text"] for m in dispatcher.messages]
    assert said_texts == [texts.goodbye(), texts.stopped()]  # reset (before safety help) is silent


# ------------------------------------------------------------------ texts and domain


@pytest.mark.parametrize("typed,answer", [
    ("ja", NazorgAnswer.GESTOPT), ("ja, het is gestopt", NazorgAnswer.GESTOPT), ("Jaaa!", NazorgAnswer.GESTOPT),
    ("nee", NazorgAnswer.NIET_GESTOPT), ("nee, het is niet gestopt", NazorgAnswer.NIET_GESTOPT),
    ("het gaat nog steeds door", NazorgAnswer.NIET_GESTOPT),
    ("een beetje", NazorgAnswer.EEN_BEETJE), ("beetje minder", NazorgAnswer.EEN_BEETJE),
    ("pizza", None), ("", None),
])
def test_nazorg_answers_as_pupils_type_them(typed, answer):
    assert texts.parse_nazorg(typed) is answer


def test_declines_and_lost_code():
    assert all(texts.declines(t) for t in ("nee", "Nee, niets", "niks", "nee hoor!"))
    assert not any(texts.declines(t) for t in ("nee, ze doen het nog steeds", "ze pesten me weer"))
    assert texts.lost_code("ik ben mn code kwijt") and texts.lost_code("weet ik niet meer")
    assert not texts.lost_code("K7QH-RM4C-XWN9")


def test_the_failure_text_names_no_code_and_is_the_same_for_all():
    from bot.domain.school import load_config

    config = load_config()
    text = texts.denied(config)
    assert "bestaat" not in text and "onbekend" not in text and "fout" not in text
    assert config.aanspreekpunt.name in text


def test_followup_slots_never_take_safety_or_stop_messages():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    followup = {name: slot for name, slot in domain["slots"].items() if name.startswith("followup_")}
    assert set(domain["forms"]["followup_form"]["required_slots"]) == {
        "followup_code", "followup_secret", "followup_nazorg", "followup_addition"}
    for name, slot in followup.items():
        for mapping in slot["mappings"]:
            if mapping["type"] == "custom":
                continue
            assert mapping["type"] == "from_text", name
            assert SAFETY_AND_STOP <= set(mapping["not_intent"]), name
            assert mapping["conditions"] == [{"active_loop": "followup_form", "requested_slot": name}]
    for name in ("followup_state", "followup_reference", "followup_ask_nazorg"):
        assert followup[name]["mappings"] == [{"type": "custom"}], name


def test_secret_words_never_look_like_danger():
    """A typed secret must not trigger the safety net (bot.domain.safety)."""
    from bot.services.followup import WORDS
    from bot.language.safety import assess

    for word in WORDS:
        signal = assess(f"{word}-{WORDS[0]}-47")
        assert signal.category is None and not signal.ambiguous, word
