"""The rules, one module per kind of danger, and the exceptions that cancel them.

Rules are named ``<category>.<idea>``; each is a set of token patterns (lemmas, synonyms, both
word orders, bounded gaps). ``flag.*`` rules name no category but are required by others;
``uitz.*`` exceptions cancel rules for idioms and harmless contexts.
"""
from __future__ import annotations

from typing import FrozenSet, Tuple

from bot.domain.safety.rules.acute import acute_rules
from bot.domain.safety.rules.ambiguous import ambiguous_rules
from bot.domain.safety.rules.base import Exception_, Rule
from bot.domain.safety.rules.crime import crime_rules
from bot.domain.safety.rules.crime_indirect import crime_indirect_rules
from bot.domain.safety.rules.crisis import crisis_rules
from bot.domain.safety.rules.exceptions import HARMLESS_USES, exception_rules
from bot.domain.safety.rules.flags import flag_rules
from bot.domain.safety.rules.home import home_rules
from bot.domain.safety.rules.home_indirect import home_indirect_rules
from bot.domain.safety.rules.home_reported import home_reported_rules
from bot.domain.safety.rules.crime_reported import crime_reported_rules
from bot.domain.safety.rules.crisis_indirect import crisis_indirect_rules
from bot.domain.safety.rules.acute_indirect import acute_indirect_rules
from bot.domain.safety.rules.acute_scene import acute_scene_rules
from bot.domain.safety.rules.crime_told import crime_told_rules
from bot.domain.safety.rules.crisis_signs import crisis_signs_rules
from bot.domain.safety.rules.home_told import home_told_rules
from bot.domain.safety.rules.crisis_scene import crisis_scene_rules
from bot.domain.safety.rules.acute_witness import acute_witness_rules
from bot.domain.safety.rules.crime_scene import crime_scene_rules
from bot.domain.safety.rules.home_scene import home_scene_rules
from bot.domain.safety.rules.exceptions_context import context_exceptions

REGEX_KEYWORDS: FrozenSet[str] = frozenset({
    "zelfmoord", "zelfdoding", "suicide", "zelfbeschadiging", "naaktfoto", "naaktfotos", "dickpic",
    "afscheidsbrief", "mishandeld", "bedreigd", "dreigement", "dreigberichten", "pistool", "vuurwapen",
    "boksbeugel", "stanleymes", "verkracht", "gechanteerd", "afgeperst", "paracetamol",
})
"""Stems the regex (``R``) rules look for, so that one-letter typos of them are repaired too
(the ``T`` tokens' words are collected from the rules themselves)."""


def all_rules() -> Tuple[Rule, ...]:
    """Every rule, built anew: flags first, then crisis, acute, crime, home, ambiguous."""
    return (
        *flag_rules(), *crisis_rules(), *crisis_indirect_rules(), *crisis_signs_rules(), *crisis_scene_rules(),
        *acute_rules(), *acute_indirect_rules(), *acute_scene_rules(), *acute_witness_rules(),
        *crime_rules(), *crime_indirect_rules(), *crime_reported_rules(), *crime_told_rules(), *crime_scene_rules(),
        *home_rules(), *home_indirect_rules(), *home_reported_rules(), *home_told_rules(), *home_scene_rules(),
        *ambiguous_rules(),
    )


def all_exceptions() -> Tuple[Exception_, ...]:
    """Every exception, built anew."""
    return (*exception_rules(), *context_exceptions())


__all__ = ["HARMLESS_USES", "REGEX_KEYWORDS", "Exception_", "Rule", "all_exceptions", "all_rules"]
