"""What a rule and an exception are: named sets of token patterns, and when they count.

Frozen values: the rule modules only describe, the engine compiles and applies them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, List, Optional, Tuple

from bot.domain.safety.patterns import Token


@dataclass(frozen=True)
class Rule:
    """A named set of token patterns.

    ``requires``: flags (``flag.*`` rules) that must also be present in the message.
    ``unless``: rule-name prefixes whose presence cancels this rule.
    ``negatable``: cancelled by niet/nooit/geen next to the end of the match.
    ``check``: extra test on (doc, start, end) (see ``checks``).
    """

    name: str
    patterns: Tuple[Tuple[Token, ...], ...]
    requires: Tuple[str, ...] = ()
    unless: Tuple[str, ...] = ()
    negatable: bool = True
    check: Optional[Callable] = None


@dataclass(frozen=True)
class Exception_:
    """Cancels rules (by name prefix) where it matches: ``scope`` 'span' (overlap) or 'doc';
    ``requires``: flags that must also be found in the message (a game *and* a laugh), which is cheaper
    for the matcher than one pattern with a long gap between them."""

    name: str
    patterns: Tuple[Tuple[Token, ...], ...]
    blocks: Tuple[str, ...]
    scope: str = "span"
    requires: Tuple[str, ...] = ()


def rule(name: str, patterns: Iterable[List[Token]], **kw) -> Rule:
    """A ``Rule`` of any iterable of token patterns (frozen into tuples)."""
    return Rule(name, tuple(tuple(p) for p in patterns), **kw)


def exception(name: str, patterns: Iterable[List[Token]], blocks: Tuple[str, ...], scope: str = "span",
              requires: Tuple[str, ...] = ()) -> Exception_:
    """An ``Exception_`` of any iterable of token patterns (frozen into tuples)."""
    return Exception_(name, tuple(tuple(p) for p in patterns), blocks, scope, requires)
