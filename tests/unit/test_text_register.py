"""Every rendered text speaks to its reader in the right register, and staff matters stay with staff.

Over every text of scripts/score_texts.py (every writer, both ``parent_register`` values, every
school file): no *je/jij/jou/jouw* to a parent when the school says *u*, no *u/uw* to a parent when
it says *je*, no *u/uw* to pupils or staff, no staff-only text (the meldcode, the staff guidance) to
pupils, and 113 never as a bare number.
"""
from __future__ import annotations

import re
from typing import List

import pytest

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


def test_pupils_read_their_schools_words_for_teachers():
    """"juf of meester" only at a basisschool (school_type po); a wrong school type is refused, named."""
    from dataclasses import replace

    from bot.domain.school import load_config
    from bot.texts import questions
    from bot.texts.voice import Voice

    vo = load_config()
    po = replace(vo, school_type="po")
    asked_vo, buttons_vo = questions.question("about_adult", Voice.of("leerling", vo))
    asked_po, _ = questions.question("about_adult", Voice.of("leerling", po))
    assert "juf" not in asked_vo and "leraar of mentor" in asked_vo and "juf of meester" in asked_po
    told_po = questions.question("already_told", Voice.of("leerling", po))[1]
    assert ("Mijn juf of meester", "mijn juf of meester weet het") in told_po
    assert all("{" not in t + p for t, p in told_po + buttons_vo)


def test_a_wrong_school_type_names_the_file_and_the_field(tmp_path):
    from bot.domain.school import ConfigError, load_config

    source = load_config().source
    bad = tmp_path / "school.yml"
    bad.write_text(source.read_text(encoding="utf-8").replace("school_type: vo", "school_type: mbo"), encoding="utf-8")
    with pytest.raises(ConfigError, match="school_type"):
        load_config(bad)
