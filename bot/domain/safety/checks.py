"""Tests a rule applies to the words around its match: does the clause end here, is the harm over?

Token patterns cannot say "and nothing else follows" or "in the present tense"; these checks do,
on the doc with its canonical lemmas in ``token.norm_``, for rules that name them (``Rule.check``).
"""
from __future__ import annotations

from typing import FrozenSet

from bot.domain.safety.words import HARM_ACUTE

FILLERS: FrozenSet[str] = frozenset({
    "echt", "hoor", "man", "joh", "gewoon", "ofzo", "meer", "zo", "nu", "eigenlijk", "serieus",
    "bro", "wollah", "help", "pff", "pfff", "he", "hè", "jongens", "zeg", "nou", "dus", "ofz", "ofso", "enzo", "denken",
    "allemaal",
})
"""Words after "ik wil/kan niet meer" that still end the thought ("ik kan niet meer, echt")."""

CLAUSE_START: FrozenSet[str] = frozenset({
    "want", "maar", "en", "omdat", "ik", "het", "alles", "niemand", "iedereen", "sorry",
    "ze", "hij", "zij", "dit", "dat", "wat", "hoe", "waarom", "mijn", "als",
})
"""Words that open a new clause, so the one before it has ended."""

REPORTING: FrozenSet[str] = frozenset({"zeggen", "schrijven", "appen", "roepen", "sturen"})
"""Verbs that report a threat ("..., zei hij"): the threat's clause ends before them."""

_PAST_IRREGULAR = frozenset({"sloeg", "sloegen", "stak", "staken", "greep", "grepen", "trok", "trokken", "schoot",
                             "schoten", "viel", "vielen", "kwam", "kwamen"})
_PASSIVE_NOW = frozenset({"word", "wordt", "worden"})
_HARM = frozenset(HARM_ACUTE["NORM"]["IN"])


def clause_ends(doc, end: int, also: FrozenSet[str] = frozenset()) -> bool:
    """True when nothing but fillers follow ``end`` before the sentence or a new clause ends it."""
    if end < len(doc) and doc[end].norm_ in also:  # "..., dus" when "dus" is named: before the fillers drop it
        return True
    i = end
    while i < len(doc) and doc[i].norm_ in FILLERS:
        i += 1
    if i >= len(doc) or doc[i].is_punct or doc[i].norm_ in CLAUSE_START or doc[i].norm_ in also:
        return True
    return not any(ch.isalnum() for ch in doc[i].text)  # an emoji or symbol: "ik wil niet meer 😔"


def message_ends(doc, end: int, also: FrozenSet[str] = frozenset()) -> bool:
    """Only fillers, punctuation or emoji follow: the words are the whole thought ("ik geef het op.");
    ``also``: words that may follow too (a repetition: "ik ben op. helemaal op.")."""
    rest = [t for t in doc[end:] if t.norm_ not in FILLERS and t.norm_ not in also]
    return all(t.is_punct or not any(ch.isalnum() for ch in t.text) for t in rest)


def is_past(token) -> bool:
    """A past tense or participle ("geslagen", "schopten", "sloeg"), not an infinitive or present."""
    lower, norm = token.lower_, token.norm_
    if lower in _PAST_IRREGULAR:
        return True
    if lower == norm:
        return False
    return lower.startswith("ge") or lower.endswith(("te", "de", "ten", "den")) or "ge" in lower[2:5]


def not_over(doc, start: int, end: int) -> bool:
    """The harm in the match is still to come or going on (a past attack is a crime, not acute).

    Only the harm verbs count: in "morgen gaan ze me pakken, zeiden ze" the past "zeiden" is the
    reporting, not the attack.
    """
    if any(t.lower_ in _PASSIVE_NOW for t in doc):
        return True
    return not any(is_past(t) for t in doc[start:min(end + 1, len(doc))] if t.norm_ in _HARM)


def real_harm(doc, start: int, end: int) -> bool:
    """The match holds a harm verb, not only "elkaar" away from "in (elkaar)": "ze sluiten elkaar buiten"
    names no attack, "ze slaan hem in elkaar" does."""
    harms = [t for t in doc[start:end] if t.norm_ in _HARM]
    return any(t.norm_ != "elkaar" or (t.i > 0 and doc[t.i - 1].norm_ in ("in", "op")) for t in harms) or not harms
