"""Help that speaks to the person who is writing, through the running assistant.

For each writer (a pupil about themselves, a pupil about a friend, a parent, a staff member) and
each kind of danger, a first message by that writer: the help comes at once, addresses that
writer (je or u, who to tell) and names that writer's lines (numbers from the school file). A
writer the message does not name gets help in words for anyone, then "Gaat dit over jou of over
iemand anders?" with a button per writer, which brings that writer's help. The careful question
("ik kan niet meer") speaks to a writer known from earlier in the conversation.
"""
from __future__ import annotations

import re
from typing import Dict, List

import pytest

from bot.domain.school import load_config
from tests.support.dialogue import Conversation

pytestmark = pytest.mark.integration

CATEGORIES = ("crisis", "acuut_gevaar", "strafbaar_feit", "onveilig_thuis")
_U = re.compile(r"\b(u|uw)\b", re.IGNORECASE)
_JE = re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE)
_NOT_ADDRESS = re.compile(r"https?://\S+|\S+@\S+|'[^']*'")
WRITER_QUESTION = "Gaat dit over jou of over iemand anders?"

FIRST_MESSAGES: Dict[str, Dict[str, str]] = {
    "leerling": {
        "crisis": "ik wil niet meer leven, ze pesten me elke dag",
        "acuut_gevaar": "ze staan nu buiten met een mes op me te wachten",
        "strafbaar_feit": "ze hebben naaktfoto's van mij rondgestuurd en nu willen ze geld van me",
        "onveilig_thuis": "mijn vader slaat me thuis elke avond",
    },
    "getuige": {
        "crisis": "mijn beste vriendin zegt dat ze niet meer wil leven",
        "acuut_gevaar": "een jongen uit mijn klas wordt nu buiten met een mes bedreigd",
        "strafbaar_feit": "mijn vriend wordt afgeperst met naaktfoto's die ze van hem hebben",
        "onveilig_thuis": "mijn vriendin wordt thuis door haar vader geslagen",
    },
    "ouder": {
        "crisis": "mijn dochter zegt dat ze dood wil, ze wordt gepest op school",
        "acuut_gevaar": "mijn zoon wordt nu bij school opgewacht door jongens met een mes",
        "strafbaar_feit": "mijn dochter wordt afgeperst met naaktfoto's",
        "onveilig_thuis": "mijn dochter vertelt dat haar vader haar slaat als ze bij hem is",
    },
    "medewerker": {
        "crisis": "ik ben mentor, een leerling van mij zegt dat ze zelfmoord wil plegen",
        "acuut_gevaar": "ik ben conciërge, er staat nu een leerling met een mes op het plein",
        "strafbaar_feit": "ik ben docent, een leerling uit mijn klas wordt afgeperst met naaktfoto's",
        "onveilig_thuis": "ik ben leerkracht, een leerling van mij vertelt dat haar vader haar thuis slaat",
    },
}

# A message that says nothing of who is writing, per danger.
UNKNOWN_WRITER = {
    "crisis": "wil niet meer leven, zelfmoord lijkt de enige uitweg",
    "acuut_gevaar": "er staat nu iemand met een mes bij de ingang van school",
    "strafbaar_feit": "er worden naaktfoto's rondgestuurd en er wordt geld geëist",
    "onveilig_thuis": "thuis wordt er elke avond geslagen en geschopt",
}

# Who the writer is, told first in a question; then "ik kan niet meer".
CAREFUL_OPENERS = {
    "leerling": "ik word gepest, bij wie kan ik op school terecht?",
    "getuige": "mijn vriendin wordt gepest, bij wie kan ze op school terecht?",
    "ouder": "mijn zoon wordt gepest, wie is het aanspreekpunt pesten?",
    "medewerker": "ik ben docent, wie is het aanspreekpunt pesten?",
}


@pytest.fixture(scope="module")
def config(stack):
    return load_config(stack.env["KLANKBORD_SCHOOL_CONFIG"])


def _lines(config) -> Dict[str, str]:
    h = config.helplines
    return {"112": h["noodnummer"].phone, "113": h["zelfmoordpreventie"].phone_alt,
            "kt": h["kindertelefoon"].phone, "vt": h["veilig_thuis"].phone, "politie": h["politie"].phone,
            "helpwanted": h["helpwanted"].phone}


def _texts(replies: List[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def _expected(config, writer: str, category: str) -> List[str]:
    """What this writer must read for this danger: the lines, and who to tell."""
    n = _lines(config)
    lines = {"crisis": [n["113"], n["112"]], "acuut_gevaar": [n["112"]],
             "strafbaar_feit": [n["politie"], n["helpwanted"]], "onveilig_thuis": [n["vt"], n["112"]]}[category]
    ap, vp, af = config.aanspreekpunt.name, config.vertrouwenspersoon.name, config.aandachtsfunctionaris
    if writer == "leerling":
        extra = {"crisis": [n["kt"], "volwassene die je vertrouwt"], "acuut_gevaar": [n["kt"], "volwassene"],
                 "strafbaar_feit": ["jonger dan 16"], "onveilig_thuis": [n["kt"], vp, "niet jouw schuld"]}
    elif writer == "getuige":
        extra = {"crisis": [n["kt"], "Dus ook voor jou", "Beloof niet dat je het geheim houdt", "volwassene"],
                 "acuut_gevaar": [n["kt"], "niet tussen", "volwassene"],
                 "strafbaar_feit": ["volwassene die je vertrouwt"], "onveilig_thuis": [n["kt"], vp, "volwassene"]}
    elif writer == "ouder":
        extra = {"crisis": [n["kt"], "ook voor ouders", ap, "uw kind"], "acuut_gevaar": [n["kt"], ap, "uw kind"],
                 "strafbaar_feit": [ap, "aangifte", "uw kind"], "onveilig_thuis": [vp, "meldcode", "uw kind"]}
    else:
        extra = {"crisis": [ap, af.name, "anoniem advies"], "acuut_gevaar": [ap, af.name],
                 "strafbaar_feit": ["adviseer de ouders", ap, af.name],
                 "onveilig_thuis": ["vijf stappen", af.name, "afwegingskader"]}
    return lines + extra[category]


def _register_fault(writer: str, text: str) -> List[str]:
    said = _NOT_ADDRESS.sub(" ", text)
    return _JE.findall(said) if writer == "ouder" else _U.findall(said)


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("writer", list(FIRST_MESSAGES))
def test_the_first_message_gets_help_for_its_writer(stack, config, writer, category):
    conv = Conversation(stack.say, stack.new_sender())
    replies = conv.send(FIRST_MESSAGES[writer][category])
    text = _texts(replies)
    missing = [part for part in _expected(config, writer, category) if part.lower() not in text.lower()]
    assert not missing, f"missing {missing}:\n{conv.dump()}"
    assert WRITER_QUESTION not in text, conv.dump()
    assert not _register_fault(writer, text), conv.dump()
    if writer in ("leerling", "getuige"):
        assert not re.search(r"meldcode|aandachtsfunctionaris|Grijp", text), conv.dump()
    # Help first: the first bubble is no question about who is writing or about going on.
    assert "verder" not in replies[0].get("text", "") and not replies[0].get("buttons"), conv.dump()


@pytest.mark.parametrize("category", CATEGORIES)
def test_an_unknown_writer_gets_help_for_anyone_then_is_asked_and_the_button_gives_their_help(
        stack, config, category):
    conv = Conversation(stack.say, stack.new_sender())
    replies = conv.send(UNKNOWN_WRITER[category])
    *help_replies, question = replies
    help_text = _texts(help_replies)
    assert question.get("text") == WRITER_QUESTION, conv.dump()
    assert not _JE.search(_NOT_ADDRESS.sub(" ", help_text)) and not _U.search(help_text), conv.dump()
    lines = _lines(config)
    first_line = {"crisis": lines["113"], "acuut_gevaar": lines["112"], "strafbaar_feit": lines["politie"],
                  "onveilig_thuis": lines["vt"]}[category]
    assert first_line in help_text, conv.dump()
    buttons = {b["title"]: b["payload"] for b in question.get("buttons") or []}
    assert len(buttons) == 4, conv.dump()
    text = _texts(conv.send(buttons["Over mijn kind"]))
    missing = [part for part in _expected(config, "ouder", category) if part.lower() not in text.lower()]
    assert not missing, f"missing {missing}:\n{conv.dump()}"
    assert not _register_fault("ouder", text) and WRITER_QUESTION not in text, conv.dump()


@pytest.mark.parametrize("writer", list(CAREFUL_OPENERS))
def test_the_careful_question_speaks_to_the_known_writer(stack, config, writer):
    conv = Conversation(stack.say, stack.new_sender())
    conv.send(CAREFUL_OPENERS[writer])
    replies = conv.send("ik kan niet meer")
    text = _texts(replies)
    assert "stoppen met deze chat" in text and "113 Zelfmoordpreventie" in text, conv.dump()
    assert [b["payload"] for b in replies[-1].get("buttons") or []] == ["/stoppen", "/crisis"], conv.dump()
    assert not _register_fault(writer, text), conv.dump()
    expected = {"leerling": "gaat het niet goed met je?", "getuige": "met jou of een ander?",
                "ouder": "met u of met uw kind?", "medewerker": "met jou of met een leerling?"}[writer]
    assert expected in text, conv.dump()


def test_a_question_about_handling_bullying_asks_who_asks_once_then_answers_for_that_writer(stack, config):
    """The writer not told by the message: asked once; the button answers the same question."""
    conv = Conversation(stack.say, stack.new_sender())
    replies = conv.send("hoe moet ik reageren als ik pesten zie gebeuren")
    assert replies[-1].get("text", "").startswith("Wie vraagt dit?"), conv.dump()
    buttons = {b["title"]: b["payload"] for b in replies[-1].get("buttons") or []}
    text = _texts(conv.send(buttons["Ik ben leerling"]))
    assert "niet tussen staan" in text and "Doe dan niet mee" in text and "Grijp" not in text, conv.dump()
    conv = Conversation(stack.say, stack.new_sender())
    buttons = {b["title"]: b["payload"] for b in conv.send("hoe moet ik reageren als ik pesten zie gebeuren")[-1]
               .get("buttons") or []}
    text = _texts(conv.send(buttons["Ik werk op school"]))
    assert config.aanspreekpunt.name in text and "Doe dan niet mee" not in text, conv.dump()
    assert "protocol" in text.lower(), conv.dump()


def test_a_pupil_bystander_asking_what_to_do_gets_the_child_version(stack, config):
    conv = Conversation(stack.say, stack.new_sender())
    text = _texts(conv.send("ik zag dat een klasgenoot werd geslagen, wat moet ik doen?"))
    if "Wie vraagt dit?" in text:  # the writer not read from the message: asked once, with buttons
        text = _texts(conv.send('/vraag_aanpak{"schoolrol":"leerling"}'))
    assert "niet tussen staan" in text and "Doe dan niet mee" in text and "volwassene" in text, conv.dump()
    assert "Grijp" not in text, conv.dump()


def test_a_caretaker_asking_what_to_do_gets_the_staff_guidance(stack, config):
    conv = Conversation(stack.say, stack.new_sender())
    text = _texts(conv.send("ik ben conciërge en zag duwen bij het fietsenhok, wat moet ik doen?"))
    assert config.aanspreekpunt.name in text and not _U.search(_NOT_ADDRESS.sub(" ", text)), conv.dump()
    assert "Doe dan niet mee" not in text, conv.dump()
