"""Stop a Rasa process whose tracker or lock store is not the one its endpoints file names.

Rasa 3.6 falls back to a per-process in-memory store, with only a warning, when a custom store's
module path does not import, and keeps a conversation in one process's memory when saving to
the configured store fails. With several replicas that silently breaks the promise (a replica
that restarts forgets the conversations it held; two replicas without one lock store interleave
a conversation's turns). The chat channel runs :func:`problems` once the model is loaded and
stops the process when there are any, naming the file and the key.
"""
from __future__ import annotations

import argparse
from typing import Any, List, Optional, Sequence

DEFAULT_ENDPOINTS = "endpoints.yml"  # what `rasa run` reads without --endpoints
BUILT_IN_TRACKER_STORES = {
    None: "rasa.core.tracker_store.InMemoryTrackerStore",
    "redis": "rasa.core.tracker_store.RedisTrackerStore",
    "sql": "rasa.core.tracker_store.SQLTrackerStore",
    "mongod": "rasa.core.tracker_store.MongoTrackerStore",
    "dynamo": "rasa.core.tracker_store.DynamoTrackerStore",
}
BUILT_IN_LOCK_STORES = {
    None: "rasa.core.lock_store.InMemoryLockStore",
    "in_memory": "rasa.core.lock_store.InMemoryLockStore",
    "redis": "rasa.core.lock_store.RedisLockStore",
}


def endpoints_file(argv: Sequence[str]) -> str:
    """The endpoints file this Rasa process was started with (``--endpoints``)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--endpoints", default=DEFAULT_ENDPOINTS)
    known, _ = parser.parse_known_args(list(argv))
    return known.endpoints


def class_path(obj: Any) -> str:
    return f"{type(obj).__module__}.{type(obj).__qualname__}"


def unwrapped_tracker_store(store: Any) -> Any:
    """The store behind Rasa's wrappers (``FailSafeTrackerStore``, ``AwaitableTrackerStore``)."""
    while hasattr(store, "_tracker_store"):  # both wrappers keep the store they wrap here
        store = store._tracker_store
    return store


def expected(configured_type: Optional[str], built_in: dict) -> str:
    key = configured_type.lower() if configured_type else None
    return built_in.get(key, configured_type or "")


def problems(agent: Any, endpoints_path: str) -> List[str]:
    """What differs between the stores in use and the ones ``endpoints_path`` configures."""
    from rasa.core.utils import AvailableEndpoints

    endpoints = AvailableEndpoints.read_endpoints(endpoints_path)
    found = []
    for key, in_use, config, built_in in (
        ("tracker_store", unwrapped_tracker_store(agent.tracker_store), endpoints.tracker_store,
         BUILT_IN_TRACKER_STORES),
        ("lock_store", agent.lock_store, endpoints.lock_store, BUILT_IN_LOCK_STORES),
    ):
        want = expected(config.type if config else None, built_in)
        have = class_path(in_use)
        if have != want:
            found.append(f"{endpoints_path}: {key}.type names {want}, but Rasa uses {have} "
                         "(see the warnings above: a module path that does not import, or a setting it refused)")
    return found
