"""How easy a chat bubble is to read: words, sentences, Dutch syllables and Flesch-Douma.

Flesch-Douma (the Dutch Flesch reading ease): 206.835 - 0.93 * (words / sentences)
- 77 * (syllables / words). Syllables are counted as vowel groups (``ij`` and the other
diphthongs are one group; a trema starts a new one: *geïnteresseerd*). Links, e-mail addresses,
numbers and codes count as one word each for a bubble's length, but not for the reading ease:
nobody reads them as prose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List

PUPIL, PARENT, STAFF = "pupil", "parent", "staff"
AUDIENCES = (PUPIL, PARENT, STAFF)


@dataclass(frozen=True)
class Limits:
    """What a bubble for one audience may be: its length, and (pupils) how easy it reads."""

    max_words: int
    min_mean_ease: float = 0.0  # over all of the audience's bubbles
    min_ease: float = -1000.0  # any single bubble


LIMITS: Dict[str, Limits] = {
    PUPIL: Limits(max_words=40, min_mean_ease=90.0, min_ease=60.0),
    PARENT: Limits(max_words=80),
    STAFF: Limits(max_words=80),
}

# Not prose: links, e-mail addresses, web addresses, phone numbers, times, room numbers, codes.
_NOT_PROSE = re.compile(
    r"https?://\S+|\S+@\S+|\b(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|example)\b\S*"
    r"|\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b|\d[\d\s\-:.]*\d|\d"
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_VOWELS = "aeiouyàáâäèéêëìíîïòóôöùúûü"
_TREMA = "ëïöü"
# A sentence ends at . ! ? (not after an initial like "S." or inside "1.12") or at a line break.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?]+(?=\s|$)|\n+")


def syllables(word: str) -> int:
    """Dutch syllables of one word, by vowel groups; at least one."""
    count, in_group = 0, False
    for ch in word.lower():
        if ch in _VOWELS:
            if not in_group or ch in _TREMA:
                count += 1
            in_group = True
        else:
            in_group = False
    return max(count, 1)


def _prose(text: str) -> str:
    return _NOT_PROSE.sub(" ", text)


def word_count(text: str) -> int:
    """Words in a bubble as a reader meets them: a link, number or code is one word."""
    return len(_NOT_PROSE.findall(text)) + len(_WORD.findall(_prose(text)))


def sentence_count(text: str) -> int:
    parts = [p for p in _SENTENCE_END.split(_prose(text)) if _WORD.search(p or "")]
    return max(len(parts), 1)


def flesch_douma(text: str) -> float:
    """The reading ease of a text's prose; 100.0 for a text without words (nothing to read)."""
    words = _WORD.findall(_prose(text))
    if not words:
        return 100.0
    syll = sum(syllables(w) for w in words)
    return 206.835 - 0.93 * (len(words) / sentence_count(text)) - 77 * (syll / len(words))


@dataclass(frozen=True)
class Scored:
    """One bubble as an audience reads it."""

    name: str
    audience: str
    text: str
    words: int
    ease: float


def score(name: str, audience: str, text: str) -> Scored:
    return Scored(name, audience, text, word_count(text), flesch_douma(text))


def violations(scored: List[Scored]) -> List[str]:
    """Every bubble over its audience's limits, and an audience's mean below its floor."""
    found: List[str] = []
    for s in scored:
        limits = LIMITS[s.audience]
        if s.words > limits.max_words:
            found.append(f"{s.audience}: {s.name}: {s.words} words (at most {limits.max_words})")
        if s.ease < limits.min_ease:
            found.append(f"{s.audience}: {s.name}: Flesch-Douma {s.ease:.0f} (at least {limits.min_ease:.0f})")
    for audience in AUDIENCES:
        mine = [s.ease for s in scored if s.audience == audience]
        floor = LIMITS[audience].min_mean_ease
        if mine and sum(mine) / len(mine) < floor:
            found.append(f"{audience}: mean Flesch-Douma {sum(mine) / len(mine):.1f} (at least {floor:.0f})")
    return found
