"""The small pattern language the rules are written in, on top of spaCy's ``Matcher`` patterns.

A rule is a list of token patterns; a token (``Token``) matches on ``NORM``, the canonical lemma
(see ``normalisation``), or on the lower-case text. Tokens are immutable, so the shared word
groups (``words``) cannot change; the engine turns them into spaCy's plain dicts (``Token.spacy``).
``T`` tokens remember the words they were written with (``Token.words``) so that the engine can
collect, from the rules it builds, the words the typo repair protects and repairs towards.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable, FrozenSet, List, Mapping, Optional, Sequence

from bot.domain.safety.normalisation import lemma, strip_accents

BOUNDARY = (".", "!", "?", ";")
"""Sentence ends: gaps (``G``) never cross them."""

NOT_SELF = ("dat", "iemand", "ze", "zij", "hij", "jullie", "juf", "meester", "mentor", "school", "de")
"""Words that hand an action to someone else ("ik wil *dat iemand* ..."): ``GN`` gaps skip none."""

ADVERBS = (
    "gewoon", "echt", "liefst", "liefste", "het", "graag", "soms", "zo", "even", "ook", "nu",
    "wel", "vaak", "maar", "eigenlijk", "nog", "alleen", "heel", "altijd", "zelf", "serieus",
    "dan", "wollah", "bijna", "weer", "zeker", "allemaal", "steeds", "telkens", "continu", "elke", "dag", "toch",
)
"""Filler words ``A`` may skip ("ik wil *gewoon echt* verdwijnen")."""


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


@dataclass(frozen=True, eq=False)
class Token:
    """One token pattern, read-only: ``spec`` is spaCy's token dict, frozen (lists as tuples).

    ``words``: for a ``T`` token, the alphabetic words it was written with (the typo repair's
    keywords); empty for the other kinds.
    """

    spec: Mapping[str, Any]
    words: FrozenSet[str] = frozenset()

    @classmethod
    def of(cls, spec: dict, words: FrozenSet[str] = frozenset()) -> "Token":
        return cls(_freeze(spec), words)

    def __getitem__(self, key: str) -> Any:
        return self.spec[key]

    def spacy(self) -> dict:
        """The plain dict (with lists) spaCy's ``Matcher`` takes."""
        return _thaw(self.spec)


def T(*words: str, op: Optional[str] = None) -> Token:
    """One token whose canonical lemma is one of ``words`` (given in any form)."""
    stripped = [strip_accents(w) for w in words]
    values = set(stripped) | {lemma(w) for w in stripped}
    token: dict = {"NORM": {"IN": sorted(values)}}
    if op:
        token["OP"] = op
    return Token.of(token, frozenset(w for w in stripped if w.isalpha()))


def L(*words: str) -> Token:
    """One token whose lower-case text is exactly one of ``words`` (tense matters)."""
    return Token.of({"LOWER": {"IN": list(words)}})


def R(regex: str) -> Token:
    """One token whose canonical lemma matches ``regex`` (compounds, families of words)."""
    return Token.of({"NORM": {"REGEX": regex}})


def G(n: int) -> List[Token]:
    """Up to ``n`` arbitrary tokens within one sentence."""
    return [Token.of({"NORM": {"NOT_IN": list(BOUNDARY)}, "OP": "?"})] * n


def GN(n: int) -> List[Token]:
    """Up to ``n`` tokens that do not hand the action to someone else ("ik wil *dat iemand* ...")."""
    return [Token.of({"NORM": {"NOT_IN": list(BOUNDARY + NOT_SELF)}, "OP": "?"})] * n


def A(n: int) -> List[Token]:
    """Up to ``n`` adverb-like filler words ("ik wil *gewoon echt* verdwijnen")."""
    return [Token.of({"NORM": {"IN": list(ADVERBS)}, "OP": "?"})] * n


Part = object  # a Token, or a list or tuple of Tokens


def seq(*parts: Part) -> List[Token]:
    """The parts one after another, as one flat token pattern."""
    out: List[Token] = []
    for part in parts:
        if isinstance(part, (list, tuple)):
            out.extend(part)
        else:
            out.append(part)  # type: ignore[arg-type]
    return out


def near(a: Part, b: Part, n: int) -> List[List[Token]]:
    """``a`` and ``b`` in either order with at most ``n`` tokens between them."""
    return [seq(a, G(n), b), seq(b, G(n), a)]


def each(parts: Sequence[Part], build: Callable[[Part], List[List[Token]]]) -> List[List[Token]]:
    """The patterns ``build`` makes of every part, one list."""
    out: List[List[Token]] = []
    for part in parts:
        out.extend(build(part))
    return out


def terms(pattern: Sequence[Token]) -> FrozenSet[str]:
    """The words the ``T`` tokens of one pattern were written with."""
    return frozenset(w for token in pattern for w in token.words)
