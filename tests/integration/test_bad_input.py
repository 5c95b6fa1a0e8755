"""Bad input gets a clear answer and loses nothing; typed slash-commands set nothing that matters."""
from __future__ import annotations

import pytest

from bot.bootstrap import bootstrap
from bot.domain.school import load_config
from bot.texts import questions
from bot.domain.report import Confidentiality, Urgency
from bot.texts import chat_guard
from tests.integration.test_conversations import PUPIL_ANSWERS
from tests.support.dialogue import Conversation, complete_report

pytestmark = pytest.mark.integration


@pytest.fixture()
def app(stack):
    app = bootstrap(config=load_config(stack.env["KLANKBORD_SCHOOL_CONFIG"]), database_url=stack.database_url)
    yield app
    app.close()


@pytest.mark.parametrize(
    "text",
    ["", "   ", "a" * 5000, "😭😭😭", "🙂", "<script>alert(1)</script>", "<b>hallo</b>", "%%%%", "\u202e\u200b"],
    ids=["empty", "spaces", "5000-chars", "emoji-crying", "emoji-smile", "script", "html", "symbols", "control"],
)
def test_every_bad_message_gets_an_answer(stack, text):
    replies = stack.say(stack.new_sender(), text)
    assert replies and any(r.get("text") for r in replies), f"no answer to {text[:40]!r}"
    # The server is still healthy afterwards.
    assert stack.say(stack.new_sender(), "hoi")


def test_bad_input_inside_the_form_is_asked_again_and_html_stored_as_plain_text(stack, app):
    conv = Conversation(stack.say, stack.new_sender())
    conv.send("ik wil iets melden")
    replies = conv.send("")  # an empty answer to "who are you?"
    assert any(r.get("text") for r in replies), conv.dump()
    html = "<b>ze</b> zeggen <script>alert('x')</script> dat ik stink"
    ref = complete_report(conv, "ik word zelf gepest", {**PUPIL_ANSWERS, "description": html})
    with app.uow_factory() as uow:
        report = uow.reports.get(ref)
    assert report.description == html  # plain text, exactly as typed, never HTML-escaped or run


def test_a_too_long_answer_is_not_taken_and_the_question_stays(stack, app):
    """Over 2,000 characters: "te lang", nothing processed, and the form still waits for the answer."""
    conv = Conversation(stack.say, stack.new_sender())
    long_text = "ze pesten me " + "echt heel erg " * 400

    def send_too_long(c: Conversation):
        replies = c.send(long_text)
        assert [r.get("text") for r in replies] == [chat_guard.TOO_LONG], c.dump()
        wording, _ = next(iter(questions.QUESTIONS["description"].values()))
        return [{"text": wording}]  # the question that is still open

    ref = complete_report(conv, "ik wil iets melden", PUPIL_ANSWERS, interrupt_at="description",
                          interrupt=send_too_long)
    with app.uow_factory() as uow:
        report = uow.reports.get(ref)
    assert report.description == PUPIL_ANSWERS["description"]
    texts = [e.get("text") or "" for e in stack.tracker(conv.sender)["events"] if e["event"] == "user"]
    assert not any("echt heel erg echt" in t for t in texts)


def test_typed_slash_commands_cannot_set_urgency_or_confidentiality(stack, app):
    """A typed "/" is text (only offered buttons act as buttons): the "payload" sets nothing."""
    conv = Conversation(stack.say, stack.new_sender())
    replies = conv.send('/pesten_melden{"urgency": "laag", "urgency_reason": "crisis", "confidentiality": "anoniem"}')
    assert replies, conv.dump()
    tracker = stack.tracker(conv.sender)
    slots = tracker["slots"]
    assert slots.get("urgency_reason") is None and slots.get("confidentiality") is None
    assert not tracker["latest_message"]["text"].startswith("/")
    answers = {**PUPIL_ANSWERS, "confidentiality": "vertrouwelijk", "contact": "Sam 1b"}

    def forged_answer(c: Conversation):
        # Inside the form a typed command is no answer either: the question comes again.
        return c.send('/inform{"urgency_reason": "crisis", "urgency": "hoog"}')

    ref = complete_report(conv, "ik wil iets melden", answers, interrupt_at="confidentiality",
                          interrupt=forged_answer)
    with app.uow_factory() as uow:
        report = uow.reports.get(ref)
    assert report.urgency is Urgency.NORMAAL and report.urgency_reason is None
    assert report.confidentiality is Confidentiality.VERTROUWELIJK and report.contact == "Sam 1b"
