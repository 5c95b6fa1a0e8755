"""A Rasa tracker store that keeps conversations in memory only, and forgets them.

Conversation transcripts are not a report: they are kept only while a conversation is in
use and dropped after ``ttl_minutes`` without a message (default 60, like the session expiry
in domain.yml). Nothing is written to disk. Configured in endpoints.yml.

A conversation is kept as a pickled tracker, not as Rasa's JSON text: Rasa's memory store writes
JSON on every save and, on every message, parses it and replays every event to rebuild the
tracker (a tenth of the Rasa process's CPU in a report, docs/figures.md); unpickling restores the
tracker as it was saved. The bytes never leave this process (a store shared between processes,
``redis_tracker_store``, keeps Rasa's sealed JSON).
"""
from __future__ import annotations

import pickle
import time
from typing import Any, Dict, Iterable, Optional, Text

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker


class ExpiringInMemoryTrackerStore(InMemoryTrackerStore):
    """In-memory tracker store whose conversations expire after a period of silence."""

    def __init__(self, domain: Domain, event_broker=None, ttl_minutes: float = 60, **kwargs: Any) -> None:
        super().__init__(domain, event_broker, **kwargs)
        self.ttl_seconds = float(ttl_minutes) * 60
        self._touched: Dict[Text, float] = {}

    def _expire(self) -> None:
        cutoff = time.monotonic() - self.ttl_seconds
        for sender_id in [s for s, t in self._touched.items() if t < cutoff]:
            self.store.pop(sender_id, None)
            self._touched.pop(sender_id, None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        self._expire()
        await self.stream_events(tracker)
        self.store[tracker.sender_id] = pickle.dumps(tracker, protocol=pickle.HIGHEST_PROTOCOL)
        self._touched[tracker.sender_id] = time.monotonic()

    def deserialise_tracker(self, sender_id: Text, serialised_tracker: Any) -> Optional[DialogueStateTracker]:
        """The tracker as it was saved (``save``), a new object each time; rebuilt from its events
        with this domain's slots when the domain changed since (another model was loaded)."""
        tracker = pickle.loads(serialised_tracker)
        if not isinstance(tracker, DialogueStateTracker):
            return None
        if set(tracker.slots) != {slot.name for slot in self.domain.slots}:
            return DialogueStateTracker.from_events(sender_id, list(tracker.events), self.domain.slots,
                                                    self.max_event_history)
        return tracker

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self._expire()
        return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self._expire()
        return await super().retrieve_full_tracker(sender_id)

    async def keys(self) -> Iterable[Text]:
        self._expire()
        return list(self.store.keys())
