"""Rasa NLU component ``GatedResponseSelector``: the staff answers chosen only for a staff question.

Rasa's ``ResponseSelector`` picks one of the ``vraag_aanpak/*`` answers for every message, a
pupil's "ja" included, and writes its whole text and ranking into the message's parse data
(which then travels with every later action call and tracker save). Only a message whose intent
ends up as the retrieval intent uses it: the dialogue's ``utter_vraag_aanpak``.

This subclass runs the selector only when the retrieval intent can still be the message's intent
after the components that follow it: the first intent of the ranking that is not a danger intent
or ``twijfel_stoppen`` (what ``FallbackClassifier`` and ``SafetyNet`` may leave or demote to) is
the retrieval intent. Other messages get the list of retrieval intents and no prediction, as Rasa
leaves a message for which there is no retrieval intent. The training is Rasa's own.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME, RESPONSE_SELECTOR_RETRIEVAL_INTENTS
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.adapters.rasa.safety_net import AMBIGUOUS_INTENT, DANGER_INTENTS

PASSED_OVER = DANGER_INTENTS | {AMBIGUOUS_INTENT}
"""Intents that ``SafetyNet`` may take away, so that the next one in the ranking becomes the intent."""


def may_become(message: Message) -> Optional[str]:
    """The intent the message can still end up with apart from fallback and danger, or None if unknown."""
    ranking: List[Dict[str, Any]] = message.get(INTENT_RANKING_KEY) or []
    top = message.get(INTENT) or {}
    names = [e.get(INTENT_NAME_KEY) for e in ranking] or [top.get(INTENT_NAME_KEY)]
    return next((name for name in names if name and name not in PASSED_OVER), None)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class GatedResponseSelector(ResponseSelector):
    """``ResponseSelector`` that selects only for messages that may be a question of its retrieval intent."""

    def process(self, messages: List[Message]) -> List[Message]:
        asked: List[Message] = []
        for message in messages:
            if not self.retrieval_intent or may_become(message) in (None, self.retrieval_intent):
                asked.append(message)
                continue
            properties = dict(message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {})
            properties[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = self.all_retrieval_intents
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
        if asked:
            super().process(asked)
        return messages
