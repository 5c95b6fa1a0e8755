"""Rasa NLU component ``IntentVote``: DIET's intent ranking averaged with a linear model's.

Runs right after ``DIETClassifier``. It trains ``bot.language.linear_intents.LinearIntentModel`` on the
same examples, and for each message replaces ``intent`` and ``intent_ranking`` with the weighted
average of both (``diet_weight``, default 0.5). DIET's own best guess stays in the parse result
as ``diet_intent`` (``scripts/nlu_holdout.py`` compares the two). ``SafetyNet`` trusts a danger
intent only on DIET's own confidence, as it always did, so the vote does not make the safety net
more or less eager.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.linear_intents import DEFAULT_C, LinearIntentModel, blend

DIET_INTENT = "diet_intent"
RANKING_LENGTH = 10


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class IntentVote(GraphComponent):
    """Averages DIET's intent ranking with a class-balanced logistic regression."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"diet_weight": 0.5, "C": DEFAULT_C}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "IntentVote":
        return cls({**cls.get_default_config(), **config}, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "IntentVote":
        with model_storage.read_from(resource) as folder:  # a missing model is an error, never a silent no-op
            model = LinearIntentModel.load(folder)
        return cls({**cls.get_default_config(), **config}, model_storage, resource, model)

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[LinearIntentModel] = None) -> None:
        weight = float(config["diet_weight"])
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"IntentVote: diet_weight must be between 0 and 1 (config.yml), not {weight}")
        self.diet_weight = weight
        self.c = float(config["C"])
        self.model = model
        self._storage = model_storage
        self._resource = resource

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        self.model = LinearIntentModel.train([e.get(TEXT) for e in examples],
                                             [e.get(INTENT) for e in examples], self.c)
        with self._storage.write_to(self._resource) as folder:
            self.model.save(folder)
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        texts = [m.get(TEXT) or "" for m in messages]
        for message, linear in zip(messages, self.model.probabilities(texts)):
            self._vote(message, linear)
        return messages

    def _vote(self, message: Message, linear: Dict[str, float]) -> None:
        diet_top = message.get(INTENT) or {}
        if not diet_top.get(INTENT_NAME_KEY):
            return
        diet = {e[INTENT_NAME_KEY]: float(e.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
                for e in message.get(INTENT_RANKING_KEY) or [] if e.get(INTENT_NAME_KEY)}
        diet.setdefault(diet_top[INTENT_NAME_KEY], float(diet_top.get(PREDICTED_CONFIDENCE_KEY) or 0.0))
        ranking = [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}
                   for name, confidence in blend(diet, linear, self.diet_weight)[:RANKING_LENGTH]]
        message.set(DIET_INTENT, dict(diet_top), add_to_output=True)
        message.set(INTENT, dict(ranking[0]), add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
