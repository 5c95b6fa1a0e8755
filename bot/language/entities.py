"""Turn recognised entity spans into canonical values, and derive what they imply.

The canonical value sits in the spaCy span's ``ent_id_`` (the ruler pattern's ``id``).
``EntityNormalizer`` (bot/adapters/rasa/entity_normalizer.py) puts it in each entity's ``value``, so the actions read
canonical values from the tracker and never run the pipeline themselves (``bot.dialogue.turn.Message``).
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Tuple

from bot.domain import vocabulary
from bot.domain.vocabulary import FREQUENCY, KIND, MOMENT, PLACE, PLATFORM


def canonical_entities(doc) -> List[Tuple[str, str, int, int]]:
    """The ruler's entities in ``doc`` that carry a canonical value: (label, value, start, end)."""
    return [(ent.label_, ent.ent_id_, ent.start_char, ent.end_char) for ent in doc.ents if ent.ent_id_]


def derived(pairs: Iterable[Tuple[str, str]]) -> List[Tuple[str, str]]:
    """Entities implied by others: an app or platform means online bullying, online."""
    pairs = list(pairs)
    extra: List[Tuple[str, str]] = []
    if any(label == PLATFORM for label, _ in pairs) or (KIND, "online") in pairs:
        for implied in ((KIND, "online"), (PLACE, "online")):
            if implied not in pairs and implied not in extra:
                extra.append(implied)
    return extra


def entities_in(text: str) -> Dict[str, List[str]]:
    """All canonical values the pipeline finds in ``text``, by label, implied ones included (what
    the normaliser gives Rasa; for checking the vocabulary, not used by the actions)."""
    from bot.language.pipeline import analyse

    pairs = [(label, value) for label, value, _, _ in canonical_entities(analyse(text))]
    pairs += derived(pairs)
    labels = (KIND, PLACE, PLATFORM, MOMENT, FREQUENCY, vocabulary.SCHOOL_ROLE)
    return {label: list(dict.fromkeys(value for found, value in pairs if found == label)) for label in labels}
