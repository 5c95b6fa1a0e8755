"""Rasa NLU component ``EntityNormalizer``: the school-vocabulary entities, with canonical values.

Klankbord's spaCy pipeline (``bot.language.pipeline``) has an entity ruler over the school
vocabulary; ``SpacyNLP`` runs it over every message. This component takes the entities of the
labels in ``dimensions`` from that document, each with its canonical value (the ruler pattern's
``id``) instead of its surface text, and adds the entities that others imply (an app means
online). Rasa's ``SpacyEntityExtractor`` would run the whole pipeline over the text a second time
(the ruler is nearly all of a pass: about 18 ms at 2,000 characters) to hand over surface texts only.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyNLP  # noqa: F401  (ensures spaCy support is loaded)
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language.entities import canonical_entities, derived

NAME = "EntityNormalizer"


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
        return cls(config.get("dimensions"))

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"dimensions": None}  # None: every label of the ruler

    def __init__(self, dimensions: Optional[List[Text]] = None) -> None:
        self.dimensions = frozenset(dimensions) if dimensions else None

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._extract(message)
        return messages

    def _extract(self, message: Message) -> None:
        doc = message.get(SPACY_DOCS[TEXT])
        if doc is None:
            return
        found = [(label, value, start, end) for label, value, start, end in canonical_entities(doc)
                 if self.dimensions is None or label in self.dimensions]
        if not found:
            return
        kept: List[Dict[Text, Any]] = [dict(e) for e in message.get(ENTITIES, [])]
        kept += [{"entity": label, "value": value, "start": start, "end": end, "confidence": None,
                  "extractor": NAME} for label, value, start, end in found]
        end = len(message.get(TEXT) or "")
        for label, value in derived([(label, value) for label, value, _, _ in found]):
            kept.append({"entity": label, "value": value, "start": end, "end": end,
                         "confidence": None, "extractor": NAME})
        message.set(ENTITIES, kept, add_to_output=True)
