"""Rasa NLU component ``SafetyNet``: the rule-based safety net as the pipeline's last word.

It runs after ``FallbackClassifier``. When ``bot.language.safety.assess`` finds a danger category, the
message's intent becomes that category (``crisis``, ``acuut_gevaar``, ``strafbaar_feit``,
``onveilig_thuis``) with confidence 1.0, first in ``intent_ranking``; so neither DIET's guess nor
``nlu_fallback`` can hide it. An "ik wil/kan niet meer" message becomes ``twijfel_stoppen``
(the dialogue asks: stop this chat, or is it not going well with you?). Only the rules decide
that: DIET's own ``twijfel_stoppen`` is always demoted, as it cannot see where the sentence goes on.

Rules and classifiers, one decision. When the rules are silent but the classifiers predict a
danger intent without enough confidence (``_classifier_danger``), in a message of fewer than
``min_words`` (default 3) words, or where the rules recognised a harmless use of a danger word
("mijn telefoon is dood", "ze steken de draak met me": ``SafetySignal.harmless``), the prediction
is demoted to the best non-danger intent. Confident predictions on real sentences still count,
so indirect phrasings the rules do not know are caught too; and when the rules found one kind of
danger and the classifiers confidently another, the answer names both helps (``also``).

With ``IntentVote`` in the pipeline, a danger intent also counts when the vote (DIET's ranking
averaged with the linear model's) gives it at least ``vote_threshold`` (default 0.7): two
classifiers that agree. On the held-out and independent safety sets this caught 17 danger
messages the rules and a lone DIET missed ("mn armen zitten vol sneetjes"), for 5 new false alarms
(docs/figures.md). DIET's own guess stays in ``diet_intent``.

The rules read the document Rasa's ``SpacyNLP`` made of the message when nothing in it needs
repair (``bot.language.safety.assess``): one spaCy pass for both, and one copy of the pipeline
(``SpacyNLP``'s, handed over as ``model``). Every message is assessed, a "/" in front or not: the chat channel lets through only the
payloads of offered buttons, and for those Rasa's ``RegexMessageHandler``, which runs after this
component, replaces the whole parse with the button's intent. The rule names that fired go to the ``safety_net`` key of the parse result; never any text.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.adapters.rasa import vocabulary_matcher
from bot.adapters.rasa.intent_vote import DIET_INTENT
from bot.domain.safety import SafetySignal
from bot.language.safety import assess, use_pipeline

AMBIGUOUS_INTENT = "twijfel_stoppen"
DANGER_INTENTS = frozenset({"crisis", "acuut_gevaar", "strafbaar_feit", "onveilig_thuis"})
DEFAULT_THRESHOLD = 0.95
DEFAULT_VOTE_THRESHOLD = 0.7
FALLBACK_INTENT = "nlu_fallback"
UNSURE_INTENTS = frozenset({FALLBACK_INTENT, "out_of_scope"})
# Chosen on the safety sets (docs: /work/notes/safety_tuning.md): ordinary messages reach a worried share
# of 0.81 on their own, so only a share above that asks; with words of distress a quarter is enough.
DEFAULT_CAREFUL_SHARE = 0.85
DEFAULT_DISTRESS_SHARE = 0.25
DEFAULT_MIN_WORDS = 3
SAFETY_KEY = "safety_net"
INTENT_SHORTCUT = "/"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False, model_from="SpacyNLP"
)
class SafetyNet(GraphComponent):
    """Overrides the intent when the rule-based safety net recognises danger."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyNet":
        return cls(float(config.get("classifier_threshold", DEFAULT_THRESHOLD)),
                   int(config.get("min_words", DEFAULT_MIN_WORDS)),
                   float(config.get("vote_threshold", DEFAULT_VOTE_THRESHOLD)),
                   float(config.get("careful_share", DEFAULT_CAREFUL_SHARE)),
                   float(config.get("distress_share", DEFAULT_DISTRESS_SHARE)))

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"classifier_threshold": DEFAULT_THRESHOLD, "min_words": DEFAULT_MIN_WORDS,
                "vote_threshold": DEFAULT_VOTE_THRESHOLD, "careful_share": DEFAULT_CAREFUL_SHARE,
                "distress_share": DEFAULT_DISTRESS_SHARE}

    def __init__(self, classifier_threshold: float = DEFAULT_THRESHOLD, min_words: int = DEFAULT_MIN_WORDS,
                 vote_threshold: float = DEFAULT_VOTE_THRESHOLD, careful_share: float = DEFAULT_CAREFUL_SHARE,
                 distress_share: float = DEFAULT_DISTRESS_SHARE) -> None:
        self.classifier_threshold = classifier_threshold
        self.min_words = min_words
        self.vote_threshold = vote_threshold
        self.careful_share = careful_share
        self.distress_share = distress_share

    def process(self, messages: List[Message], model: Optional[SpacyModel] = None) -> List[Message]:
        if model is not None:  # SpacyNLP's copy of the pipeline, so that the process holds one
            use_pipeline(model.model, model.model_name)
            vocabulary_matcher.speed_up(model.model)  # its entity ruler, from the next message on
        for message in messages:
            self._check(message)
        return messages

    def _check(self, message: Message) -> None:
        text = message.get(TEXT)
        if not isinstance(text, str):
            return
        signal = assess(text.lstrip().lstrip(INTENT_SHORTCUT), message.get(SPACY_DOCS[TEXT]))
        intent = intent_for(signal)
        if intent is None:
            # The worried share is taken before any demotion, and only for an answer already unsure.
            unsure = (message.get(INTENT) or {}).get(INTENT_NAME_KEY) in UNSURE_INTENTS
            share = self._worried_share(message) if unsure else 0.0
            self._demote_unsure_danger(message, bool(signal.harmless))
            if unsure:
                self._ask_when_unsure(message, share, signal)
            return
        also = [c.value for c in signal.also]
        danger = self._classifier_danger(message)
        if danger and danger[0] not in {intent, *also} and not signal.harmless:
            also.append(danger[0])  # the classifier sees a second kind of danger: name its help too
        self._put_first(message, intent, 1.0)
        message.set(SAFETY_KEY, {"intent": intent, "rules": list(signal.matched), "also": also},
                    add_to_output=True)

    def _demote_unsure_danger(self, message: Message, harmless: bool = False) -> None:
        """The rules saw no danger: keep the classifiers' danger intent only when it is confident
        (``_classifier_danger``) in a real sentence and the rules did not recognise a harmless use of
        a danger word ("mijn telefoon is dood")."""
        top = message.get(INTENT) or {}
        danger = self._classifier_danger(message)
        if danger and not harmless and len(re.findall(r"\w+", message.get(TEXT) or "")) >= self.min_words:
            if top.get(INTENT_NAME_KEY) != danger[0]:  # the fallback or the vote chose otherwise
                self._put_first(message, *danger)
            return
        if top.get(INTENT_NAME_KEY) not in DANGER_INTENTS | {AMBIGUOUS_INTENT}:
            return
        # "ik kan niet meer inloggen" is no despair: whether "ik kan/wil niet meer" ends the thought
        # is for the rules to see (``_clause_ends``), not for the classifier.
        ranking = [e for e in (message.get(INTENT_RANKING_KEY) or [])
                   if e.get(INTENT_NAME_KEY) not in DANGER_INTENTS | {AMBIGUOUS_INTENT}]
        if not ranking:
            return
        message.set(INTENT, dict(ranking[0]), add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        message.set(SAFETY_KEY, {"intent": None, "rules": [], "demoted": top.get(INTENT_NAME_KEY)},
                    add_to_output=True)

    @staticmethod
    def _worried_share(message: Message) -> float:
        """How much of the classifiers' ranking the danger intents and ``twijfel_stoppen`` hold together."""
        return sum(float(e.get(PREDICTED_CONFIDENCE_KEY) or 0.0) for e in message.get(INTENT_RANKING_KEY) or []
                   if e.get(INTENT_NAME_KEY) in DANGER_INTENTS | {AMBIGUOUS_INTENT})

    def _ask_when_unsure(self, message: Message, share: float, signal: SafetySignal) -> None:
        """The safe path when rules and classifiers both miss: an answer that is the fallback (or out
        of scope) already before this component, and still is, becomes the careful question ("gaat het niet goed met je?") when the message
        sounds sad, frightened or unsafe: the worried intents hold at least ``careful_share`` of the
        ranking (``_worried_share``, taken before any demotion), or the rules found distress words
        (``SafetySignal.distress``) and they hold ``distress_share``. Never after a harmless use of a danger word."""
        if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) not in UNSURE_INTENTS or signal.harmless:
            return
        if share < self.careful_share and not (signal.distress and share >= self.distress_share):
            return
        self._put_first(message, AMBIGUOUS_INTENT, round(share, 3))
        message.set(SAFETY_KEY, {"intent": AMBIGUOUS_INTENT, "rules": list(signal.matched), "unsure": True},
                    add_to_output=True)

    def _classifier_danger(self, message: Message) -> Optional[Tuple[str, float]]:
        """A danger intent the classifiers are sure enough of, with its confidence: DIET's own at
        ``classifier_threshold``, or, with ``IntentVote``, the vote's at ``vote_threshold``."""
        diet = message.get(DIET_INTENT)
        candidates = [(diet or message.get(INTENT) or {}, self.classifier_threshold)]
        if diet:
            vote = next((e for e in message.get(INTENT_RANKING_KEY) or []
                         if e.get(INTENT_NAME_KEY) != FALLBACK_INTENT), {})
            candidates.append((vote, self.vote_threshold))
        for guess, threshold in candidates:
            confidence = float(guess.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            if guess.get(INTENT_NAME_KEY) in DANGER_INTENTS and confidence >= threshold:
                return guess[INTENT_NAME_KEY], confidence
        return None

    @staticmethod
    def _put_first(message: Message, name: str, confidence: float) -> None:
        """Make ``name`` the intent, first in the ranking and nowhere else in it."""
        top = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}
        ranking = [dict(top)] + [e for e in message.get(INTENT_RANKING_KEY) or []
                                 if e.get(INTENT_NAME_KEY) != name]
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def intent_for(signal: SafetySignal) -> Optional[str]:
    """The intent the rules give a message: its danger category, the careful question, or None."""
    if signal.category is not None:
        return signal.category.value
    if signal.ambiguous:
        return AMBIGUOUS_INTENT
    return None
