"""Long gaps matched in two steps: the parts by spaCy's ``Matcher``, the gaps between them here.

A pattern such as ``near(volwassene, geheim, 20)`` is a run of 20 optional gap tokens (``G``)
between two parts. spaCy's ``Matcher`` follows every way such a run can be filled, so its time
grows with the gap's length for every token of a message: seven of these rules took 94 of the
162 ms the rules needed on a 2,000-character message. Here a pattern is cut at every run of at
least ``MIN_RUN`` gap tokens; the ``Matcher`` finds its parts, and ``join`` keeps the chains of
parts whose gaps hold what the run of gap tokens would have held: at most that many tokens, none
of them a sentence end (or another excluded word). A chain's span runs from the first part's start
to the last part's end, as the whole pattern's match would, so the rules see the same matches.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Mapping, Optional, Sequence, Set, Tuple

from bot.domain.safety.patterns import Token

MIN_RUN = 4
"""Runs of fewer gap tokens stay in the pattern: the ``Matcher`` handles them cheaply."""

Span = Tuple[int, int]


@dataclass(frozen=True)
class Gap:
    """Between two parts: at most ``most`` tokens, none whose canonical lemma is in ``excluded``."""

    most: int
    excluded: FrozenSet[str]


@dataclass(frozen=True)
class Chain:
    """One cut pattern of rule (or exception) ``name``: its parts' ``Matcher`` keys and the gaps."""

    name: str
    keys: Tuple[str, ...]
    gaps: Tuple[Gap, ...]


def _gap_of(token: Token) -> Optional[FrozenSet[str]]:
    """The excluded words, when ``token`` is an optional any-token-but gap token (``G``, ``GN``)."""
    spec = token.spec
    norm = spec.get("NORM")
    if set(spec) != {"NORM", "OP"} or spec["OP"] != "?" or not isinstance(norm, Mapping) or set(norm) != {"NOT_IN"}:
        return None
    return frozenset(norm["NOT_IN"])


def cut(pattern: Sequence[Token]) -> Optional[Tuple[List[List[Token]], List[Gap]]]:
    """The parts and gaps of ``pattern``, or None when it has no long run of gap tokens, or a part
    would match nothing but optional tokens (it stays whole then)."""
    parts: List[List[Token]] = [[]]
    gaps: List[Gap] = []
    i = 0
    while i < len(pattern):
        excluded = _gap_of(pattern[i])
        j = i
        while j < len(pattern) and excluded is not None and _gap_of(pattern[j]) == excluded:
            j += 1
        if excluded is not None and j - i >= MIN_RUN:
            gaps.append(Gap(j - i, excluded))
            parts.append([])
            i = j
            continue
        parts[-1].append(pattern[i])
        i += 1
    if not gaps or any(all(t.spec.get("OP") in ("?", "*") for t in part) for part in parts):
        return None
    return parts, gaps


def join(chain: Chain, found: Mapping[str, Sequence[Span]], norms: Sequence[str]) -> Set[Span]:
    """The spans of ``chain`` in a document whose tokens' canonical lemmas are ``norms``, given the
    spans the ``Matcher`` found for each part (``found``, by key)."""
    current: Set[Span] = set(found.get(chain.keys[0], ()))
    blocked: Dict[FrozenSet[str], List[int]] = {}
    for gap, key in zip(chain.gaps, chain.keys[1:]):
        following = found.get(key, ())
        if not current or not following:
            return set()
        if gap.excluded not in blocked:  # how many excluded tokens come before each position
            counts = [0]
            for norm in norms:
                counts.append(counts[-1] + (norm in gap.excluded))
            blocked[gap.excluded] = counts
        counts = blocked[gap.excluded]
        current = {(start, end2) for start, end in current for start2, end2 in following
                   if end <= start2 <= end + gap.most and counts[start2] == counts[end]}
    return current
