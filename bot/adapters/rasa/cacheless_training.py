"""Rasa's training without the fingerprints that only its training cache reads.

Rasa's ``TrainingHook`` fingerprints every graph node's inputs before it runs and its output after
(``deep_container_fingerprint``: every message with all its sparse features written out as JSON and
hashed), only to store the output in the training cache. Klankbord trains with that cache switched
off (``RASA_MAX_CACHE_SIZE=0``: ``scripts/train.py`` says why), so the fingerprints are thrown away:
about 70 of the 288 seconds of a one-epoch training in py-spy on our 2 cores (docs/figures.md).

``install()`` makes the hook do nothing while the cache is off; with a cache it works as Rasa's
does. The hook only fingerprints and caches, so the trained model is the same. ``klankbord-rasa
train`` and ``klankbord-rasa test`` call it, the servers do not.
"""
from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.caching import LocalTrainingCache
from rasa.engine.graph import ExecutionContext
from rasa.engine.training.hooks import TrainingHook

_original_before = TrainingHook.on_before_node
_original_after = TrainingHook.on_after_node


def cache_is_off(hook: TrainingHook) -> bool:
    """True when the hook's cache keeps nothing (Rasa's ``LocalTrainingCache`` with size 0)."""
    cache = hook._cache
    return isinstance(cache, LocalTrainingCache) and cache._is_disabled()


def on_before_node(self, node_name: Text, execution_context: ExecutionContext, config: Dict[Text, Any],
                   received_inputs: Dict[Text, Any]) -> Dict:
    """No fingerprint of the inputs when no cache will be asked for them."""
    if cache_is_off(self):
        return {}
    return _original_before(self, node_name, execution_context, config, received_inputs)


def on_after_node(self, node_name: Text, execution_context: ExecutionContext, config: Dict[Text, Any],
                  output: Any, input_hook_data: Dict) -> None:
    """No fingerprint of the output when no cache will keep it."""
    if cache_is_off(self):
        return None
    return _original_after(self, node_name, execution_context, config, output, input_hook_data)


def install() -> None:
    """Make Rasa's training hook of this process skip the fingerprints a switched-off cache never reads."""
    TrainingHook.on_before_node = on_before_node  # type: ignore[method-assign]
    TrainingHook.on_after_node = on_after_node  # type: ignore[method-assign]
