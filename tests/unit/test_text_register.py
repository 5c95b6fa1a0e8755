"""Every rendered text speaks to its reader in the right register, and staff matters stay with staff.

Over every text of scripts/score_texts.py (every writer, both ``parent_register`` values, every
school file): no *je/jij/jou/jouw* to a parent when the school says *u*, no *u/uw* to a parent when
it says *je*, no *u/uw* to pupils or staff, no staff-only text (the meldcode, the staff guidance) to
pupils, and 113 never as a bare number.
"""
from __future__ import annotations

import re
from typing import List

from tests.support.rendered_texts import score_texts

_U = re.compile(r"\b(u|uw)\b", re.IGNORECASE)
_JE = re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE)
# Links, e-mail addresses and what the writer is asked to type ('hoe staat het met mijn melding').
_NOT_ADDRESS = re.compile(r"https?://\S+|\S+@\S+|'[^']*'")
_STAFF_ONLY = re.compile(r"\b(meldcode|aandachtsfunctionaris|afwegingskader)\b", re.IGNORECASE)

def _address(text: str) -> str:
    return _NOT_ADDRESS.sub(" ", text)


def _register_faults() -> List[str]:
    faults = []
    for name, voice, text in score_texts().rendered():
        said = _address(text)
        if voice.is_parent and voice.polite:
            wrong = _JE.findall(said)
        else:
            wrong = _U.findall(said)
        if wrong:
            faults.append(f"{name}: {wrong}: {text!r}")
    return faults


def test_every_reader_is_addressed_in_their_register():
    """The danger help and the careful question included: each writer reads their own words."""
    assert _register_faults() == []


def test_no_staff_only_text_reaches_a_pupil():
    staff_texts = {" ".join(text.split())[:60] for text in score_texts().staff_responses().values()}
    for name, voice, text in score_texts().rendered():
        if voice.is_pupil:
            assert not _STAFF_ONLY.search(text), (name, text)
            assert not any(start in " ".join(text.split()) for start in staff_texts), (name, text)


def test_staff_and_parents_do_get_the_meldcode_where_it_applies():
    rendered = score_texts().rendered()
    assert any(_STAFF_ONLY.search(t) for n, v, t in rendered if v.is_staff and "help.onveilig_thuis" in n)
    assert any("meldcode" in t for n, v, t in rendered if v.is_parent and "confidentiality_explained" in n)


def test_113_is_never_a_bare_number():
    """113 always comes with what it is (113 Zelfmoordpreventie, a hulplijn), never as in "Bel 113" alone,
    which a child could take for 112."""
    for name, voice, text in score_texts().rendered():
        for match in re.finditer(r"(?<![\d-])113(?![\d.])", text):
            around = text[max(0, match.start() - 200):match.end() + 40]
            assert "Zelfmoordpreventie" in around or "hulplijn" in around, (name, text)


def test_the_checker_finds_what_it_looks_for():
    assert _JE.findall(_address("Wil je dat? Typ 'hoe gaat het met je'")) == ["je"]
    assert _U.findall(_address("Wat kiest u? Mail u@school.example")) == ["u"]
    assert not _U.search("Mevrouw S. de Vries, kamer 1.12, 8:30 uur")
