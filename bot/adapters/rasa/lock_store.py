"""One lock per conversation across Rasa replicas that can die: Rasa's Redis ticket lock, repaired.

Rasa 3.6's ``RedisLockStore`` hands out tickets (one per message of a conversation) and serves
them in order; a ticket expires after ``TICKET_LOCK_LIFETIME`` seconds, so a replica killed while
it held one blocks that conversation only that long. Two things go wrong when replicas die:

1. **A waiter whose own ticket expired waits for ever.** A pupil's message cut off by the kill is
   resent (nginx, or the pupil) to the other replica, which takes the next ticket and polls once a
   second. When the dead ticket and the waiting one expire between two polls, nothing is left in
   line and the waiter's number is never served: the message hangs, and with it the client's
   place in the chat's fair share. Here a waiter that finds its ticket gone takes a new one.
2. **Tickets are read, changed and written back in three steps,** so two replicas issuing at the
   same moment can overwrite each other's ticket. Here each change is one Redis transaction
   (``WATCH``/``MULTI``), and the key expires with its last ticket, so nothing is left behind.

The class is named in ``deploy/endpoints.production.yml``; Rasa builds it with the endpoint's
settings (``type`` is this module path, the rest as for ``type: redis``).
"""
from __future__ import annotations

import asyncio
import json
import math
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable, Optional, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore

T = TypeVar("T")


class RecoveringRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose tickets survive replicas that die (see the module's docstring)."""

    def __init__(self, endpoint_config: Optional[Any] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:  # as Rasa builds a lock store named by its module path
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    # -- every change is one transaction -------------------------------------------------------

    def _change(self, conversation_id: str, change: Callable[[TicketLock], T]) -> T:
        """Apply ``change`` to the conversation's lock atomically; the key lives as long as its
        last ticket and is gone when no ticket is left."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else self.create_lock(conversation_id)
                    result = change(lock)
                    lock.remove_expired_tickets()
                    pipe.multi()
                    if lock.tickets:
                        last = max(ticket.expires for ticket in lock.tickets)
                        pipe.set(key, lock.dumps(), ex=max(1, math.ceil(last - time.time()) + 1))
                    else:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except redis.WatchError:  # another replica changed it meanwhile: read it again
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))

    def update_lock(self, conversation_id: str) -> None:
        self._change(conversation_id, lambda lock: lock.remove_expired_tickets())

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self.finish_serving(conversation_id, ticket_number)  # the key goes with its last ticket

    # -- waiting for the turn ------------------------------------------------------------------

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncIterator[TicketLock]:
        ticket = [self.issue_ticket(conversation_id, lock_lifetime)]  # the one held at the end
        try:
            yield await self._turn(conversation_id, ticket, lock_lifetime, wait_time_in_seconds)
        finally:
            self.cleanup(conversation_id, ticket[0])

    async def _turn(self, conversation_id: str, ticket: list, lifetime: float, wait: float) -> TicketLock:
        """Wait until ``ticket[0]`` is served; a ticket that expired in line is replaced by a new one."""
        while True:
            lock = self.get_lock(conversation_id)
            mine = lock is not None and any(t.number == ticket[0] and not t.has_expired() for t in lock.tickets)
            if not mine:
                ticket[0] = self.issue_ticket(conversation_id, lifetime)
                continue
            if not lock.is_locked(ticket[0]):
                return lock
            await asyncio.sleep(wait)
            self.update_lock(conversation_id)
