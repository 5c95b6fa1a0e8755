"""What the safety net says about one message, and which kind of danger comes first.

Kept apart from the rules so that code which only passes signals on (the channel, the guard)
depends on this small contract, not on spaCy or the rules.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import FrozenSet, Optional, Sequence, Tuple

from bot.domain.report import SafetyCategory

PRIORITY: Tuple[SafetyCategory, ...] = (
    SafetyCategory.ACUUT_GEVAAR,
    SafetyCategory.CRISIS,
    SafetyCategory.ONVEILIG_THUIS,
    SafetyCategory.STRAFBAAR_FEIT,
)
"""Which category wins when several match, and why.

1. ``acuut_gevaar``: someone may be hurt within minutes (a weapon, being hit or waited for
   now); only 112 and a safe adult *now* help, and that advice also protects a pupil in crisis.
2. ``crisis``: a life is at risk from self-harm or suicide; 113 comes before any talk of home
   or crimes ("mijn vader slaat me en ik wil dood" must reach 113).
3. ``onveilig_thuis``: abuse at home is usually a crime too, but the police advice for crimes
   ("go with a parent") is wrong when a parent is the danger; Veilig Thuis is the right route.
4. ``strafbaar_feit``: threats, extortion, image abuse and assault by others.

One exception (``engine.rank``): acute danger found only by rules that describe a threat or a
state (a weapon, being locked up, a threat "to come") and not by a word that places it *now*
yields to home or to a crime. "Mijn vader dreigt met een mes als hij boos wordt" is a home
situation (Veilig Thuis); "vorige week hebben ze me met een mes beroofd" or "hij maakt me af als
ik het vertel" is a crime. The acute help then still comes along (``also``: "Ben je nu in gevaar?
Bel 112").
"""

NOT_NOW_ACUTE: FrozenSet[str] = frozenset({
    "acuut.wapen", "acuut.wapen_stomp", "acuut.vastgehouden", "acuut.dreiging_straks",
    "acuut.opgewacht", "acuut.achtervolgd", "acuut.gevolgd", "acuut.gevaarlijke_opdracht", "acuut.verborgen_wapen",
})
"""Acute rules that say what threatens, not that it happens now (see ``engine.rank``)."""

WEAK_HOME_SIGNS: FrozenSet[str] = frozenset({
    "thuis.durf_niet_thuis", "thuis.bang_thuis", "thuis.liever_niet_thuis", "thuis.naar_huis_dan",
    "thuis.opgesloten", "thuis.wapen",
})
"""Home rules that may be about someone else's home or bullies on the way home ("ik zit opgesloten
bij iemand thuis", "hij heeft het geweer van zn vader"): not enough to put home before acute danger."""

CONDITIONAL_THREAT: FrozenSet[str] = frozenset({"strafbaar.dreiging_als", "strafbaar.dreiging_voorwaarde"})
"""A threat tied to a condition ("als je het vertelt", "anders"): a crime, not yet acute."""


@dataclass(frozen=True)
class SafetySignal:
    """What the safety net found in one message.

    ``category``: the most urgent kind of danger (see ``PRIORITY``), or None.
    ``ambiguous``: "ik wil/kan niet meer"-like and no category: ask carefully whether the pupil
    wants to stop the chat or is not doing well; never stop silently.
    ``matched``: the names of the rules that fired (never any of the text).
    ``also``: other categories found in the same message ("ze hebben mijn telefoon afgepakt en ze
    hadden een mes" is acute danger *and* a crime); the help names their help too, briefly.
    ``harmless``: the exceptions that recognised a harmless use ("mijn telefoon is dood", "ze steken
    de draak met me"); the classifier alone must not raise an alarm on such a message either.
    ``distress``: words of sadness or fear ("ik voel me zo leeg", "alles is kut"; ``flag.nood.*``), no
    alarm by themselves: they let ``SafetyNet`` ask the careful question sooner when it is unsure.
    """

    category: Optional[SafetyCategory] = None
    ambiguous: bool = False
    matched: Tuple[str, ...] = ()
    also: Tuple[SafetyCategory, ...] = ()
    harmless: Tuple[str, ...] = ()
    distress: bool = False

    @property
    def categories(self) -> Tuple[SafetyCategory, ...]:
        """Every category whose help the answer gives, the most urgent first."""
        return ((self.category,) if self.category else ()) + self.also

    @property
    def alarm(self) -> bool:
        """True when the message needs help or a careful question instead of the normal flow."""
        return self.category is not None or self.ambiguous


def combine(signals: Sequence[SafetySignal]) -> SafetySignal:
    """One signal for the pieces of a message too long to read whole: the most urgent category
    (``PRIORITY``) first, the others as ``also``; the careful question only if nothing else."""
    found = [c for s in signals for c in s.categories]
    ordered = [c for c in PRIORITY if c in found]
    matched = tuple(dict.fromkeys(name for s in signals for name in s.matched))
    harmless = tuple(dict.fromkeys(name for s in signals for name in s.harmless))
    if not ordered:
        return SafetySignal(ambiguous=any(s.ambiguous for s in signals), matched=matched, harmless=harmless,
                            distress=any(s.distress for s in signals))
    return SafetySignal(category=ordered[0], matched=matched, also=tuple(ordered[1:]), harmless=harmless)
