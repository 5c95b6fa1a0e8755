"""A question asked in the middle of a report is answered, and then the report goes on where it
was, with nothing lost (through the running assistant: real Rasa, action server and database)."""
from __future__ import annotations

from typing import Callable, List

import pytest

from bot.bootstrap import bootstrap
from bot.domain.school import load_config
from bot.texts import answers
from tests.integration.test_conversations import PUPIL_ANSWERS
from tests.support.dialogue import Conversation, complete_report, question_slot

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def app(stack):
    app = bootstrap(config=load_config(stack.env["KLANKBORD_SCHOOL_CONFIG"]), database_url=stack.database_url)
    yield app
    app.close()


def _first_bubble(answer: "answers.Answer") -> str:
    return answer.bubbles[0]


CASES = [
    # (the question the form is at, what the pupil asks instead, the answer they must get)
    ("places", "wie is eigenlijk het aanspreekpunt pesten bij ons op school?",
     lambda config: _first_bubble(answers.who_to_turn_to(config, "leerling"))),
    ("already_told", "en als de school niks doet, waar kan ik dan klagen?",
     lambda config: _first_bubble(answers.complaint_route(config, "leerling"))),
    ("desired_outcome", "wat is pesten eigenlijk precies?",
     lambda config: _first_bubble(answers.what_is_bullying(config))),
]


@pytest.mark.parametrize("at, question, expected", CASES, ids=[c[0] for c in CASES])
def test_a_question_inside_the_report_is_answered_then_the_report_goes_on(stack, app, at: str, question: str,
                                                                          expected: Callable):
    conv = Conversation(stack.say, stack.new_sender())
    seen: List[dict] = []

    def ask(c: Conversation) -> List[dict]:
        replies = c.send(question)
        seen.extend(replies)
        return replies

    reference = complete_report(conv, "ze lachen me steeds uit en pakken mijn spullen af", PUPIL_ANSWERS,
                                interrupt_at=at, interrupt=ask)
    texts = [r.get("text", "") for r in seen]
    assert expected(app.config) in texts, conv.dump()
    assert question_slot(texts[-1]) == at, f"the form did not ask its question again:\n{conv.dump()}"
    with app.uow_factory() as uow:
        report = uow.reports.get(reference)
    assert report.description == "ze lachen me steeds uit en pakken mijn spullen af"
    assert question not in (report.description, report.people_involved, report.already_told,
                            report.desired_outcome, report.since_when), "the question was taken as an answer"
    assert report.already_told and report.desired_outcome, conv.dump()
