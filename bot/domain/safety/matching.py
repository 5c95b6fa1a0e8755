"""Where the rules' token patterns match a message: spaCy's ``Matcher`` results, found faster.

spaCy's ``Matcher`` starts every pattern at every token and asks each of the rules' word-list
tokens (a Python predicate) of every token: with 1,500 patterns on a 2,000-character message
that took 80 to 115 ms. ``TokenMatcher`` takes the patterns the rules are written in
(``patterns``: each token on ``NORM`` or ``LOWER``, with ``IN``, ``NOT_IN`` or ``REGEX``,
optional with ``"OP": "?"`` or not) and starts a pattern only where its first token can match:
it looks the token's words up in an index of first words. The results are the ``Matcher``'s:
every (key, start, end) a pattern can match, once each, none empty
(``tests/unit/test_safety_matching.py`` compares the two).
"""
from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any, Dict, List, Mapping, Sequence, Set, Tuple

Match = Tuple[str, int, int]
"""A key, and the start and end (exclusive) of a match in the message's tokens."""

_NORM_IN, _LOWER_IN, _NORM_NOT_IN, _NORM_REGEX, _RUN = range(5)
_KINDS = MappingProxyType({("NORM", "IN"): _NORM_IN, ("LOWER", "IN"): _LOWER_IN,
                           ("NORM", "NOT_IN"): _NORM_NOT_IN, ("NORM", "REGEX"): _NORM_REGEX})

Step = Tuple[int, Any, bool]
"""One token of a pattern: its kind (one of the four above), the words or regex, optional; or a
run of identical optional tokens (``_RUN``: the token's kind and value, and how many)."""


def _step(spec: Mapping[str, Any], key: str) -> Step:
    """One token pattern as a step; ``ValueError`` naming the key for anything the rules don't use."""
    optional = spec.get("OP")
    if optional not in (None, "?"):
        raise ValueError(f"{key}: operator {optional!r} is not supported (only '?')")
    attrs = [attr for attr in spec if attr != "OP"]
    if len(attrs) != 1 or not isinstance(spec[attrs[0]], Mapping) or len(spec[attrs[0]]) != 1:
        raise ValueError(f"{key}: a token must test one attribute with one predicate: {dict(spec)!r}")
    attr = attrs[0]
    ((predicate, value),) = spec[attr].items()
    kind = _KINDS.get((attr, predicate))
    if kind is None:
        raise ValueError(f"{key}: {attr} {predicate} is not supported")
    if kind == _NORM_REGEX:
        return kind, re.compile(value), optional == "?"
    return kind, frozenset(value), optional == "?"


class TokenMatcher:
    """Patterns under keys, matched over a message's canonical lemmas and lower-case words."""

    def __init__(self) -> None:
        self._by_norm: Dict[str, List[Tuple[str, Tuple[Step, ...]]]] = {}
        self._by_lower: Dict[str, List[Tuple[str, Tuple[Step, ...]]]] = {}
        self._by_regex: Dict[re.Pattern, List[Tuple[str, Tuple[Step, ...]]]] = {}
        self._anywhere: List[Tuple[str, Tuple[Step, ...]]] = []
        self._count = 0

    def __len__(self) -> int:
        """How many patterns were added (an optional first token counts as written once)."""
        return self._count

    def add(self, key: str, patterns: Sequence[Sequence[Mapping[str, Any]]]) -> None:
        """Add ``patterns`` (spaCy's token dicts) under ``key``."""
        for pattern in patterns:
            steps = tuple(_step(spec, key) for spec in pattern)
            if not steps:
                raise ValueError(f"{key}: an empty pattern")
            self._count += 1
            self._index(key, steps)

    @staticmethod
    def _runs(steps: Tuple[Step, ...]) -> Tuple[Step, ...]:
        """Runs of identical optional tokens (a gap ``G(20)``) as one step, which the matcher
        follows in as many moves as it has tokens, not in every way to fill them."""
        out: List[Step] = []
        for step in steps:
            kind, value, optional = step
            if optional and out and out[-1][0] == _RUN and out[-1][1][:2] == (kind, value):
                out[-1] = (_RUN, (kind, value, out[-1][1][2] + 1), False)
            elif optional and out and out[-1] == step:
                out[-1] = (_RUN, (kind, value, 2), False)
            else:
                out.append(step)
        return tuple(out)

    def _index(self, key: str, steps: Tuple[Step, ...]) -> None:
        kind, value, optional = steps[0]
        if optional:  # with the first token, or without it
            self._index(key, ((kind, value, False),) + steps[1:])
            if len(steps) > 1:
                self._index(key, steps[1:])
            return
        if kind == _NORM_NOT_IN:  # no word to look up: tried at every token, from its first token on
            self._anywhere.append((key, self._runs(steps)))
            return
        entry = (key, self._runs(steps[1:]))
        if kind == _NORM_IN:
            for word in value:
                self._by_norm.setdefault(word, []).append(entry)
        elif kind == _LOWER_IN:
            for word in value:
                self._by_lower.setdefault(word, []).append(entry)
        else:
            self._by_regex.setdefault(value, []).append(entry)

    def __call__(self, norms: Sequence[str], lowers: Sequence[str]) -> List[Match]:
        """Every match in a message whose tokens have these canonical lemmas and lower-case
        texts, sorted; each (key, start, end) once."""
        found: Set[Match] = set()
        memo: Dict[Tuple[re.Pattern, str], bool] = {}

        def searched(regex: re.Pattern, norm: str) -> bool:
            hit = memo.get((regex, norm))
            if hit is None:
                hit = memo[(regex, norm)] = regex.search(norm) is not None
            return hit

        def hit(kind: int, value: Any, p: int) -> bool:
            if kind == _NORM_IN:
                return norms[p] in value
            if kind == _LOWER_IN:
                return lowers[p] in value
            if kind == _NORM_NOT_IN:
                return norms[p] not in value
            return searched(value, norms[p])

        def follow(key: str, start: int, first_end: int, steps: Tuple[Step, ...]) -> None:
            positions = {first_end}
            for kind, value, optional in steps:
                following: Set[int] = set(positions) if optional else set()
                if kind == _RUN:  # each position walks on, once over each token
                    token_kind, token_value, most = value
                    reach, blocked = -1, False  # how far the walks got; stopped by a token?
                    for p in sorted(positions):
                        following.add(p)
                        if p <= reach and blocked:
                            continue
                        q, limit = max(p, reach), p + most
                        while q < limit and q < n and hit(token_kind, token_value, q):
                            q += 1
                            following.add(q)
                        reach, blocked = q, q < limit
                else:
                    following.update(p + 1 for p in positions if p < n and hit(kind, value, p))
                if not following:
                    return
                positions = following
            found.update((key, start, end) for end in positions if end > start)

        n = len(norms)
        for i in range(n):
            for key, steps in self._by_norm.get(norms[i], ()):
                follow(key, i, i + 1, steps)
            for key, steps in self._by_lower.get(lowers[i], ()):
                follow(key, i, i + 1, steps)
            for regex, entries in self._by_regex.items():
                if searched(regex, norms[i]):
                    for key, steps in entries:
                        follow(key, i, i + 1, steps)
            for key, steps in self._anywhere:
                follow(key, i, i, steps)
        return sorted(found)
