"""The latest message as Rasa's language understanding hands it to the action server, made in the
test process with the real components of config.yml (``SpacyNLP`` with the project's pipeline,
``EntityNormalizer``).

The actions and ``bot.dialogue`` read the entities from the tracker and never run spaCy
themselves, so unit tests that call them with a text get the entities here, as Rasa would give
them. Intents are not classified: a test names the intent it means.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional

import yaml

from tests.support.servers import ROOT


def _component(name: str) -> Dict[str, Any]:
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    return next(step for step in pipeline if step["name"] == name)


@lru_cache(maxsize=1)
def _components():
    from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

    from bot.adapters.rasa.entity_normalizer import EntityNormalizer
    from bot.language.pipeline import load_nlp, pipeline_path

    config = {**SpacyNLP.get_default_config(), **_component("SpacyNLP")}
    model = ROOT / config["model"]
    # The pipeline config.yml names is the one `make` builds: load it once per process, shared.
    nlp = load_nlp() if model == pipeline_path() else SpacyNLP.load_model(str(model)).model
    spacy_nlp = SpacyNLP(SpacyModel(model=nlp, model_name=str(model)), config)
    normalizer = _component("bot.adapters.rasa.entity_normalizer.EntityNormalizer")
    return spacy_nlp, EntityNormalizer(normalizer.get("dimensions"))


def entities(text: str) -> List[Dict[str, Any]]:
    """The entities Rasa puts in the parse of ``text`` (none for a typed "/intent" shortcut, whose
    entities Rasa's regex handler takes as typed: the actions never trust those)."""
    if not text or text.startswith("/"):
        return []
    from rasa.shared.nlu.training_data.message import Message as RasaMessage

    spacy_nlp, normalizer = _components()
    messages = spacy_nlp.process([RasaMessage(data={"text": text})], spacy_nlp.provide())
    [message] = normalizer.process(messages)
    return list(message.get("entities", []))


def latest_message(text: str, intent: Optional[str] = None) -> Dict[str, Any]:
    """The tracker's ``latest_message`` for ``text``, as the action server receives it."""
    return {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities(text)}


def heard(text: str, intent: Optional[str] = None):
    """``text`` as ``bot.dialogue`` reads the latest message (``actions.context.message_of``)."""
    from rasa_sdk import Tracker

    from actions.context import message_of

    tracker = Tracker("test-sender", {}, latest_message(text, intent), [], False, None, {}, "action_listen")
    return message_of(tracker)
