"""Conversations in Redis, sealed, and forgotten after a period of silence.

The production store (``deploy/endpoints.production.yml``): several Rasa processes share one
conversation, and a restarted process picks it up where it was. The promise stays the one of the
embedded default (``tracker_store.ExpiringInMemoryTrackerStore``): a conversation is forgotten
``ttl_minutes`` after its last message (Rasa's ``RedisTrackerStore`` sets the key's expiry anew
on every save), and the Redis server keeps nothing on disk (``deploy/redis.conf``).

What this subclass adds to Rasa's store:

- the whole conversation is sealed with the data keys (AES-256-GCM, ``bot.adapters.storage.sealed``)
  with the conversation id as associated data: a Redis dump or ``MONITOR`` shows no child's words,
  and a value copied under another conversation's key does not open;
- the expiry is a whole number of seconds: Rasa's ``record_exp: 1800.0`` would make every save
  fail, and Rasa would then silently keep the conversation in one process's memory;
- values from ``${VARIABLES}`` in endpoints.yml arrive as text: ports and numbers are converted,
  and a wrong one is named (the start-up check, ``store_check``, stops the process if Rasa fell
  back to another store because of it).
"""
from __future__ import annotations

import logging
import math
from typing import Any, Optional, Text

from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.adapters.storage.sealed import Keyring, SealError, is_sealed
from bot.settings import Settings

logger = logging.getLogger(__name__)

ASSOCIATED_PREFIX = "tracker:"


class StoreSettingError(ValueError):
    """A tracker store key in the endpoints file that cannot be used; names the key."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"tracker_store.{key} {problem}")


def expiry_seconds(ttl_minutes: Any) -> int:
    """``ttl_minutes`` (a number, or text from an environment variable) as whole seconds, at least 1."""
    try:
        minutes = float(ttl_minutes)
    except (TypeError, ValueError):
        raise StoreSettingError("ttl_minutes", f"must be a number of minutes, got {ttl_minutes!r}") from None
    if not math.isfinite(minutes) or minutes <= 0:
        raise StoreSettingError("ttl_minutes", f"must be more than 0, got {ttl_minutes!r}")
    return max(1, math.ceil(minutes * 60))


def _whole(key: str, value: Any) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise StoreSettingError(key, f"must be a whole number, got {value!r}") from None


class SealedRedisTrackerStore(RedisTrackerStore):
    """Rasa's Redis tracker store with sealed values and a whole-second expiry from ``ttl_minutes``."""

    def __init__(
        self,
        domain: Domain,
        host: Text = "localhost",
        port: Any = 6379,
        db: Any = 0,
        ttl_minutes: Any = 60,
        event_broker: Any = None,
        keyring: Optional[Keyring] = None,
        **kwargs: Any,
    ) -> None:
        if "record_exp" in kwargs:  # one way to say it, as in the memory store; Rasa stops at start
            raise StoreSettingError("record_exp", "is not used by this store: set ttl_minutes")
        self.keyring = keyring or Keyring(*Settings.from_env().data_keys())
        super().__init__(
            domain, host=host, port=_whole("port", port), db=_whole("db", db), event_broker=event_broker,
            record_exp=expiry_seconds(ttl_minutes), **kwargs,
        )

    def serialise_tracker(self, tracker: DialogueStateTracker) -> Text:  # type: ignore[override]
        return self.keyring.seal(super().serialise_tracker(tracker), ASSOCIATED_PREFIX + tracker.sender_id)

    def deserialise_tracker(self, sender_id: Text, serialised_tracker: Any) -> Optional[DialogueStateTracker]:
        """The stored conversation; a value that does not open gives a new, empty one."""
        if not is_sealed(serialised_tracker):  # not written by this store: not taken as a conversation
            logger.error("a stored conversation is not sealed; starting afresh")
            return self.init_tracker(sender_id)
        try:
            opened = self.keyring.open(serialised_tracker, ASSOCIATED_PREFIX + sender_id)
        except SealError as error:  # another conversation's value, or a key no longer in the keyring
            logger.error("a stored conversation does not open (%s); starting afresh", type(error).__name__)
            return self.init_tracker(sender_id)
        return super().deserialise_tracker(sender_id, opened)
