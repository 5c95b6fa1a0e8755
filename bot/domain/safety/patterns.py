"""The small pattern language the rules are written in, on top of spaCy's ``Matcher`` dicts.

A rule is a list of token patterns; a token is a spaCy pattern dict on ``NORM``, the canonical
lemma (see ``normalisation``). ``T`` tokens remember the words they were written with (``Term.words``)
so that the engine can collect, from the rules it builds, the words the typo repair protects and
repairs towards; nothing here keeps state between calls.
"""
from __future__ import annotations

from typing import Callable, FrozenSet, List, Optional, Sequence

from bot.domain.safety.normalisation import lemma, strip_accents

BOUNDARY = (".", "!", "?", ";")
"""Sentence ends: gaps (``G``) never cross them."""

NOT_SELF = ("dat", "iemand", "ze", "zij", "hij", "jullie", "juf", "meester", "mentor", "school", "de")
"""Words that hand an action to someone else ("ik wil *dat iemand* ..."): ``GN`` gaps skip none."""

ADVERBS = (
    "gewoon", "echt", "liefst", "liefste", "het", "graag", "soms", "zo", "even", "ook", "nu",
    "wel", "vaak", "maar", "eigenlijk", "nog", "alleen", "heel", "altijd", "zelf", "serieus",
    "dan", "wollah", "bijna", "weer", "zeker", "allemaal", "steeds", "telkens", "continu", "elke", "dag",
)
"""Filler words ``A`` may skip ("ik wil *gewoon echt* verdwijnen")."""


class Term(dict):
    """A ``T`` token: the Matcher's dict, plus ``words``, the alphabetic words it was written with."""

    __slots__ = ("words",)

    def __init__(self, pattern: dict, words: FrozenSet[str]) -> None:
        super().__init__(pattern)
        self.words = words


def T(*words: str, op: Optional[str] = None) -> Term:
    """One token whose canonical lemma is one of ``words`` (given in any form)."""
    stripped = [strip_accents(w) for w in words]
    values = set(stripped) | {lemma(w) for w in stripped}
    token: dict = {"NORM": {"IN": sorted(values)}}
    if op:
        token["OP"] = op
    return Term(token, frozenset(w for w in stripped if w.isalpha()))


def L(*words: str) -> dict:
    """One token whose lower-case text is exactly one of ``words`` (tense matters)."""
    return {"LOWER": {"IN": list(words)}}


def R(regex: str) -> dict:
    """One token whose canonical lemma matches ``regex`` (compounds, families of words)."""
    return {"NORM": {"REGEX": regex}}


def G(n: int) -> List[dict]:
    """Up to ``n`` arbitrary tokens within one sentence."""
    return [{"NORM": {"NOT_IN": list(BOUNDARY)}, "OP": "?"}] * n


def GN(n: int) -> List[dict]:
    """Up to ``n`` tokens that do not hand the action to someone else ("ik wil *dat iemand* ...")."""
    return [{"NORM": {"NOT_IN": list(BOUNDARY + NOT_SELF)}, "OP": "?"}] * n


def A(n: int) -> List[dict]:
    """Up to ``n`` adverb-like filler words ("ik wil *gewoon echt* verdwijnen")."""
    return [{"NORM": {"IN": list(ADVERBS)}, "OP": "?"}] * n


Part = object  # a token dict, or a list or tuple of token dicts


def seq(*parts: Part) -> List[dict]:
    """The parts one after another, as one flat token pattern."""
    out: List[dict] = []
    for part in parts:
        if isinstance(part, (list, tuple)):
            out.extend(part)
        else:
            out.append(part)  # type: ignore[arg-type]
    return out


def near(a: Part, b: Part, n: int) -> List[List[dict]]:
    """``a`` and ``b`` in either order with at most ``n`` tokens between them."""
    return [seq(a, G(n), b), seq(b, G(n), a)]


def each(parts: Sequence[Part], build: Callable[[Part], List[List[dict]]]) -> List[List[dict]]:
    """The patterns ``build`` makes of every part, one list."""
    out: List[List[dict]] = []
    for part in parts:
        out.extend(build(part))
    return out


def terms(pattern: Sequence[dict]) -> FrozenSet[str]:
    """The words the ``T`` tokens of one pattern were written with."""
    return frozenset(w for token in pattern if isinstance(token, Term) for w in token.words)
