"""The school vocabulary's entity ruler, matched faster: the same matches.

spaCy's ``Matcher`` tries every token pattern at every token, and a ``REGEX`` token calls Python's
``re`` for every token. The ruler has about 670 patterns (``pipeline.ruler_patterns``), 58 of them
one-word regexes, so a 2,000-character message took 20 to 35 ms, most of a Rasa parse's spaCy time
(py-spy, docs/figures.md). Nine in ten patterns are words (or lists of words), on the lemma or on
the lower-case word: ``PhraseMatcher`` finds those by hashing, whatever their number. A one-word
regex is asked once of each different word of the message, not of every token.

``speed_up(nlp)`` splits a loaded pipeline's ruler in place: the word patterns go to two phrase
matchers (``LEMMA``, ``LOWER``), the one-word regexes to ``RegexWords``, the rest stays in a
``Matcher``, all under the ruler's own keys.
The ruler then finds the very matches it found before (``EntityRuler.match`` takes their set; tested
on the corpus). Where two entries of one length cover the same words, the ruler keeps whichever its
set yields first, as before, but the set is built in another order: 17 of the 13,386 corpus texts
get the other entry ("overblijfkracht": ``schoolrol`` instead of ``plek``). The saved pipeline is not
changed.
"""
from __future__ import annotations

import itertools
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

RULER = "entity_ruler"
EXACT_ATTRS = ("LEMMA", "LOWER")
MOST_PHRASES = 64
"""A pattern of word lists becomes at most this many phrases; a longer product stays a pattern."""


class RegexWords:
    """One-word ``LOWER`` regex patterns: each regex asked once per different word of a message,
    as spaCy's ``REGEX`` predicate asks it (``re.search`` on the lower-case word)."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.patterns: List[Tuple[int, re.Pattern]] = []

    def add(self, key: str, regex: str) -> None:
        self.patterns.append((self.vocab.strings.add(key), re.compile(regex)))

    def __call__(self, doc: Doc) -> List[Tuple[int, int, int]]:
        where: Dict[str, List[int]] = {}
        for token in doc:
            where.setdefault(token.lower_, []).append(token.i)
        return [(key, i, i + 1) for key, regex in self.patterns for word, places in where.items()
                if regex.search(word) for i in places]

    def __len__(self) -> int:
        return len(self.patterns)


class SplitMatcher:
    """Called as the ruler calls its ``Matcher``: the matches of a smaller ``Matcher``, of the
    phrase matchers and of ``RegexWords``, as (key, start, end)."""

    def __init__(self, tokens: Matcher, phrases: Sequence[PhraseMatcher], regexes: RegexWords) -> None:
        self.tokens = tokens
        self.phrases = tuple(phrases)
        self.regexes = regexes

    def __call__(self, doc: Doc) -> List[Tuple[int, int, int]]:
        found = list(self.tokens(doc)) if len(self.tokens) else []
        for phrases in self.phrases:
            found += phrases(doc)
        return found + self.regexes(doc)


def phrases_of(pattern: Sequence[Dict[str, Any]]) -> Optional[Tuple[str, List[List[str]]]]:
    """(attribute, word sequences) when every token of ``pattern`` is the one attribute ``LEMMA``
    or ``LOWER`` equal to a word or ``IN`` a list, without operators; None otherwise."""
    attrs = {attr for token in pattern for attr in token}
    if len(attrs) != 1 or not pattern:
        return None
    (attr,) = attrs
    if attr not in EXACT_ATTRS:
        return None
    choices = []
    for token in pattern:
        value = token[attr]
        if isinstance(value, str):
            choices.append([value])
        elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(w, str) for w in value["IN"]):
            choices.append(list(value["IN"]))
        else:
            return None
    size = 1
    for words in choices:
        size *= len(words)
    if not size or size > MOST_PHRASES:
        return None
    return attr, [list(words) for words in itertools.product(*choices)]


def one_word_regex(pattern: Sequence[Dict[str, Any]]) -> Optional[str]:
    """The regex of a pattern that is one ``LOWER`` ``REGEX`` token, without operators."""
    if len(pattern) != 1 or set(pattern[0]) != {"LOWER"}:
        return None
    value = pattern[0]["LOWER"]
    if isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
        return value["REGEX"]
    return None


def speed_up(nlp: Language) -> bool:
    """Split the ruler of ``nlp`` (idempotent); False when it has no ruler or was split before."""
    if RULER not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(RULER)
    if isinstance(ruler.matcher, SplitMatcher):
        return False
    tokens = Matcher(nlp.vocab)
    phrases = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in EXACT_ATTRS}
    regexes = RegexWords(nlp.vocab)
    for key, patterns in ruler.token_patterns.items():
        for pattern in patterns:
            words = phrases_of(pattern)
            regex = one_word_regex(pattern)
            if words is not None:
                attr, sequences = words
                phrases[attr].add(key, [Doc(nlp.vocab, words=w, lemmas=w) for w in sequences])
            elif regex is not None:
                regexes.add(key, regex)
            else:
                tokens.add(key, [pattern])
    ruler.matcher = SplitMatcher(tokens, list(phrases.values()), regexes)
    return True
