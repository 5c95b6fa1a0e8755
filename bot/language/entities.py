"""Turn recognised entity spans into canonical values, and derive what they imply.

Rasa's ``SpacyEntityExtractor`` passes only label and surface text; the canonical value sits in
the spaCy span's ``ent_id_`` (the ruler pattern's ``id``). ``EntityNormalizer``
(bot/adapters/rasa/entity_normalizer.py) puts it in each entity's ``value``, so the actions read
canonical values from the tracker and never run the pipeline themselves (``bot.dialogue.turn.Message``).
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


def entities_in(text: str) -> Dict[str, List[str]]:
    """All canonical values the pipeline finds in ``text``, by label, implied ones included (what
    the normaliser gives Rasa; for checking the vocabulary, not used by the actions)."""
    from bot.language.pipeline import analyse

    pairs = [(ent.label_, ent.ent_id_) for ent in analyse(text).ents if ent.ent_id_]
    pairs += derived(pairs)
    labels = (KIND, PLACE, PLATFORM, MOMENT, FREQUENCY, vocabulary.SCHOOL_ROLE)
    return {label: list(dict.fromkeys(value for found, value in pairs if found == label)) for label in labels}
