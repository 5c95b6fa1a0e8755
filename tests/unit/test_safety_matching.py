"""``TokenMatcher`` finds exactly what spaCy's ``Matcher`` finds with the same patterns: on small
patterns that use each thing the rules use (optional tokens first, between and last, word lists on
the canonical lemma or the lower-case text, NOT_IN gaps, regexes), and with every rule and exception
over every fortieth message of the repository's corpus. Not on long reports: there spaCy's
``Matcher`` follows every way to fill a long gap, for seconds and gigabytes per message."""
from __future__ import annotations

from typing import List

import pytest
import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from bot.domain.safety.matching import TokenMatcher
from bot.domain.safety.rules import all_exceptions, all_rules
from bot.language.safety import engine, tokens_and_lemmas
from tests.support.corpus import corpus

NLP = spacy.blank("nl")


def doc_of(text: str) -> Doc:
    """A document whose canonical lemmas are its lower-case words, as the engine leaves them."""
    doc = NLP(text)
    for token in doc:
        token.norm_ = token.lower_
    return doc


def both(patterns: dict, doc: Doc):
    """The matches of spaCy's ``Matcher`` and of ``TokenMatcher``, in one form."""
    reference, ours = Matcher(NLP.vocab, validate=True), TokenMatcher()
    for key, pats in patterns.items():
        reference.add(key, pats)
        ours.add(key, pats)
    spacy_found = sorted({(NLP.vocab.strings[k], s, e) for k, s, e in reference(doc)})
    return spacy_found, ours([t.norm_ for t in doc], [t.lower_ for t in doc])


IN = lambda *words: {"NORM": {"IN": list(words)}}  # noqa: E731
GAP = {"NORM": {"NOT_IN": ["."]}, "OP": "?"}

CASES = {
    "optional first token": ({"k": [[{**IN("echt"), "OP": "?"}, IN("bang")]]}, "ik ben echt bang en bang"),
    "optional last token": ({"k": [[IN("bang"), {**IN("echt"), "OP": "?"}]]}, "bang echt bang"),
    "gaps, stopped by a sentence end": ({"k": [[IN("hij"), GAP, GAP, GAP, IN("mes")]]},
                                        "hij heeft een mes. hij . mes hij mes mes"),
    "lower-case text": ({"k": [[{"LOWER": {"IN": ["sloeg"]}}, IN("me")]]}, "Hij SLOEG me en slaat me"),
    "regex": ({"k": [[{"NORM": {"REGEX": "^zelf(moord|doding)"}}, IN("plegen")]]},
              "zelfmoord plegen of zelfdoding plegen of moord plegen"),
    "two keys, the same span": ({"a": [[IN("pijn")]], "b": [[IN("pijn"), {**IN("doen"), "OP": "?"}]]},
                                "pijn doen pijn"),
    "a gap after an optional token (walks that overlap)": (
        {"k": [[IN("a"), {**IN("b"), "OP": "?"}, GAP, GAP, GAP, IN("c")]]}, "a b x x x c a x x c a b x x x x c . a c"),
    "two gaps, and words the gap may take": (
        {"k": [[IN("ik"), {"NORM": {"IN": ["echt", "zo"]}, "OP": "?"}, {"NORM": {"IN": ["echt", "zo"]}, "OP": "?"},
                IN("bang"), GAP, GAP, IN("hem")]]}, "ik echt zo bang voor hem ik zo bang hem ik echt echt zo bang x hem"),
    "only optional tokens": ({"k": [[{**IN("x"), "OP": "?"}, {**IN("y"), "OP": "?"}]]}, "x y z y x"),
}


@pytest.mark.parametrize("name", CASES)
def test_small_patterns_match_as_spacys_matcher(name):
    patterns, text = CASES[name]
    reference, ours = both(patterns, doc_of(text))
    assert reference and ours == reference


def test_an_operator_the_rules_do_not_use_is_refused_with_its_key():
    with pytest.raises(ValueError, match="crisis.test"):
        TokenMatcher().add("crisis.test", [[{"NORM": {"IN": ["a"]}, "OP": "+"}]])
    with pytest.raises(ValueError, match="crisis.test"):
        TokenMatcher().add("crisis.test", [[{"LEMMA": "a"}]])


@pytest.fixture(scope="module")
def texts() -> List[str]:
    return sorted(corpus())[::40]


def test_every_rule_matches_as_with_spacys_matcher(texts):
    reference = Matcher(tokens_and_lemmas("x").vocab, validate=True)
    for item in (*all_rules(), *all_exceptions()):
        reference.add(item.name, [[token.spacy() for token in pattern] for pattern in item.patterns])
    strings = reference.vocab.strings
    differing, matches = [], 0
    for text in texts:
        doc = tokens_and_lemmas(text)
        for token in doc:
            token.norm_ = engine().canonical(token.lower_, token.lemma_)
        expected = sorted({(strings[k], s, e) for k, s, e in reference(doc)})
        matches += len(expected)
        if engine().matcher([t.norm_ for t in doc], [t.lower_ for t in doc]) != expected:
            differing.append(text)
    assert differing == [] and matches > 200


def test_two_rules_with_one_name_are_refused() -> None:
    """A rule whose name another rule or exception already has would silently replace it."""
    from bot.domain.safety.engine import Engine
    from bot.domain.safety.patterns import T
    from bot.domain.safety.rules.base import exception, rule

    with pytest.raises(ValueError, match="crisis.dubbel"):
        Engine([rule("crisis.dubbel", [[T("a")]]), rule("crisis.dubbel", [[T("b")]])], [])
    with pytest.raises(ValueError, match="uitz.dubbel"):
        Engine([rule("uitz.dubbel", [[T("a")]])], [exception("uitz.dubbel", [[T("b")]], blocks=("crisis",))])
    assert Engine([rule("crisis.een", [[T("a")]])], [exception("uitz.een", [[T("b")]], blocks=("crisis",))]).rules
