"""Turn recognised entity spans into canonical values, and derive what they imply.

Rasa's ``SpacyEntityExtractor`` passes only label and surface text; the canonical value sits in
the spaCy span's ``ent_id_`` (the ruler pattern's ``id``). These functions are plain Python so
the form's validators and the tests can use them without Rasa.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from bot.domain import vocabulary
from bot.domain.vocabulary import FREQUENCY, KIND, MOMENT, PLACE, PLATFORM


def canonical_for_span(doc, start: int, end: int, label: str) -> Optional[str]:
    """The canonical value of the entity spanning characters ``start:end`` in ``doc``."""
    for ent in doc.ents:
        if ent.start_char == start and ent.end_char == end and ent.label_ == label:
            return ent.ent_id_ or None
    return None


def derived(pairs: Iterable[Tuple[str, str]]) -> List[Tuple[str, str]]:
    """Entities implied by others: an app or platform means online bullying, online."""
    pairs = list(pairs)
    extra: List[Tuple[str, str]] = []
    if any(label == PLATFORM for label, _ in pairs) or (KIND, "online") in pairs:
        for implied in ((KIND, "online"), (PLACE, "online")):
            if implied not in pairs and implied not in extra:
                extra.append(implied)
    return extra


def _found(text: str) -> List[Tuple[str, str]]:
    """(label, canonical value) pairs in ``text``, in order, with the implied ones after them."""
    from bot.language.pipeline import analyse

    pairs = [(ent.label_, ent.ent_id_) for ent in analyse(text).ents if ent.ent_id_]
    return pairs + derived(pairs)


def _of_label(pairs: Iterable[Tuple[str, str]], label: str) -> List[str]:
    seen: List[str] = []
    for found_label, value in pairs:
        if found_label == label and value not in seen:
            seen.append(value)
    return seen


def values_in(text: str, label: str) -> List[str]:
    """Canonical values of ``label`` in free text, in order of appearance, without repeats."""
    return _of_label(_found(text), label)


def entities_in(text: str) -> Dict[str, List[str]]:
    """All canonical values in ``text``, by label (the text is analysed once)."""
    pairs = _found(text)
    labels = (KIND, PLACE, PLATFORM, MOMENT, FREQUENCY, vocabulary.SCHOOL_ROLE)
    return {label: _of_label(pairs, label) for label in labels}


def clean_values(values: Iterable[object], label: str) -> List[str]:
    """Keep only known canonical values of ``label`` (entities typed after a "/" are untrusted)."""
    allowed = set(vocabulary.canonical_values(label))
    result: List[str] = []
    for value in values:
        if isinstance(value, str) and value in allowed and value not in result:
            result.append(value)
    return result
