"""Rule-based safety net: does a pupil's message signal danger, and of which kind?

``Engine.assess(text, analyse) -> SafetySignal`` is the whole contract (``bot.language.safety.assess``
wires it to the project's spaCy pipeline); the package is split by idea:

- ``signal``: the result (``SafetySignal``), which category comes first (``PRIORITY``), ``combine``;
- ``normalisation``: pupils' spelling and the canonical lemma per token, with typo repair;
- ``patterns`` and ``words``: the small pattern language the rules are written in, and its word groups;
- ``checks``: what patterns cannot say (the clause ends here, the harm is not over);
- ``rules``: one module per kind of danger, the flags and the exceptions;
- ``engine``: compiles the rules once, applies them, ranks the categories.

The result names the rules that fired, never the text, so it may be logged. Only the result is
imported here: the rules build their word groups with spaCy's lemma tables, which a process that
only reads a signal (the action server) need not load.
"""
from __future__ import annotations

from bot.domain.safety.signal import (
    CONDITIONAL_THREAT,
    NOT_NOW_ACUTE,
    PRIORITY,
    WEAK_HOME_SIGNS,
    SafetySignal,
    combine,
)

__all__ = [
    "CONDITIONAL_THREAT",
    "NOT_NOW_ACUTE",
    "PRIORITY",
    "WEAK_HOME_SIGNS",
    "SafetySignal",
    "combine",
]
