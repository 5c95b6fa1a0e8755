"""Parents' and staff's questions through the running assistant (phrasings not in the training data)."""
from __future__ import annotations

import pytest
import yaml

from tests.support.servers import ROOT

pytestmark = pytest.mark.integration

RESPONSES = yaml.safe_load((ROOT / "data" / "nlu" / "aanpak.yml").read_text(encoding="utf-8"))["responses"]

STAFF_QUESTIONS = {
    "zien_gebeuren": "ik surveilleer en zie twee jongens een kleinere jongen klemzetten, wat doe ik op dat moment",
    "leerling_vertelt": "een meisje uit mijn mentorklas vertrouwde me net toe dat ze gepest wordt, hoe reageer ik goed",
    "gesprek_pester": "hoe voer ik het gesprek met de leerling die de pester is",
    "gesprek_groep": "hoe pak ik het pesten aan met de hele klas samen",
    "online_pesten": "in de klassenapp wordt een leerling belachelijk gemaakt, wat kan ik als docent daarmee",
    "toezicht_hotspots": "op welke plekken moeten we beter toezicht houden tegen pesten",
    "pesten_of_plagen": "hoe zie ik het verschil tussen plagen en echt pesten bij leerlingen",
}


def _texts(replies):
    return "\n".join(r.get("text") or "" for r in replies)


@pytest.mark.parametrize("sub", sorted(STAFF_QUESTIONS))
def test_staff_guidance_answers_the_right_topic(stack, sub):
    reply = _texts(stack.say(stack.new_sender(), STAFF_QUESTIONS[sub]))
    expected = RESPONSES[f"utter_vraag_aanpak/{sub}"][0]["text"]
    assert expected.split(".")[0] in reply, reply


def test_parent_asks_the_route_then_reports_for_their_child(stack):
    sender = stack.new_sender()
    route = _texts(stack.say(sender, "de school doet helemaal niets aan het pesten van mijn dochter, waar kan ik klagen?"))
    assert "klachtencommissie" in route.lower() or "klacht" in route.lower(), route
    replies = stack.say(sender, "ik wil het pesten van mijn dochter melden")
    text = _texts(replies)
    assert "uw kind" in text, text  # the report starts, for a parent


def test_pupil_asks_who_to_talk_to(stack):
    reply = _texts(stack.say(stack.new_sender(), "naar wie kan ik gaan op school als ik gepest word"))
    assert "Mevrouw S. de Vries" in reply, reply


def test_pupil_asks_what_bullying_is(stack):
    reply = _texts(stack.say(stack.new_sender(), "wanneer is het eigenlijk pesten en niet gewoon een grapje"))
    assert "opzet" in reply, reply
