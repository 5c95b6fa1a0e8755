"""Rasa NLU components: thin adapters over ``bot.language``.

``EntityNormalizer`` runs after ``SpacyEntityExtractor`` and replaces each entity's surface
text with its canonical value, adding the entities that others imply (an app means online).
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyNLP  # noqa: F401  (ensures spaCy support is loaded)
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language.entities import canonical_for_span, derived

SPACY_DOC = "text_spacy_doc"
EXTRACTOR = "SpacyEntityExtractor"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class EntityNormalizer(GraphComponent):
    """Canonical values for the school-vocabulary entities found by spaCy's entity ruler."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "EntityNormalizer":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._normalise(message)
        return messages

    def _normalise(self, message: Message) -> None:
        doc = message.get(SPACY_DOC)
        entities = message.get(ENTITIES, [])
        if doc is None or not entities:
            return
        kept: List[Dict[Text, Any]] = []
        for entity in entities:
            if entity.get("extractor") != EXTRACTOR:
                kept.append(entity)
                continue
            value = canonical_for_span(doc, entity["start"], entity["end"], entity["entity"])
            if value is None:
                continue
            kept.append({**entity, "value": value, "processors": ["EntityNormalizer"]})
        pairs = [(e["entity"], e["value"]) for e in kept]
        end = len(message.get(TEXT) or "")
        for label, value in derived(pairs):
            kept.append({"entity": label, "value": value, "start": end, "end": end,
                         "confidence": None, "extractor": "EntityNormalizer"})
        message.set(ENTITIES, kept, add_to_output=True)
