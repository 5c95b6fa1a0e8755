"""Turns for clients: one client's messages never fill Rasa's event loop.

Rasa handles messages in one event loop, and its language understanding blocks that loop while
it runs. Two gates:

1. per client: at most ``in_flight`` messages of one client address are handled or waiting for
   the loop at once; up to ``queue`` more wait behind them (a school behind one address waits a
   moment, it is not refused); a message beyond that, or one that waited ``wait_seconds``, is
   refused at once;
2. for everyone: at most ``concurrent`` messages are handled at a time, and when more wait, they
   go in the order they came, each put back by how much its client sent lately (``usage``, from
   ``ChatGate``, times ``usage_delay`` seconds). A flood from one address then waits behind every
   pupil who came in the seconds after it, and still every waiting message gets its turn: a pupil
   in the middle of a report is never overtaken for ever by pupils who just began.

A message waits at most ``wait_seconds`` in all before it is refused.
"""
from __future__ import annotations

import asyncio
import heapq
import itertools
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import AsyncIterator, Dict, List, Tuple


@dataclass
class _Share:
    semaphore: asyncio.Semaphore
    waiting: int = 0
    holders: int = 0


@dataclass
class PriorityGate:
    """``concurrent`` places; waiters are let in lowest ``priority`` first, then in arrival order.
    ``FairShare`` makes the priority a time (arrival plus a delay), so nobody waits for ever."""

    concurrent: int = 4
    _busy: int = 0
    _waiters: List[Tuple[float, int, asyncio.Future]] = field(default_factory=list)
    _order: "itertools.count[int]" = field(default_factory=itertools.count)

    async def acquire(self, priority: float) -> None:
        if self._busy < self.concurrent and not self._waiters:
            self._busy += 1
            return
        future = asyncio.get_running_loop().create_future()
        entry = (priority, next(self._order), future)
        heapq.heappush(self._waiters, entry)
        try:
            await future  # the place is handed over by release(): _busy already counts it
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # it was handed a place just as it gave up
            elif entry in self._waiters:  # release() may have dropped it already (its future was done)
                self._waiters.remove(entry)
                heapq.heapify(self._waiters)
            raise

    def release(self) -> None:
        while self._waiters:
            _, _, future = heapq.heappop(self._waiters)
            if not future.done():
                future.set_result(None)
                return
        self._busy -= 1


@dataclass
class FairShare:
    in_flight: int = 1
    queue: int = 16
    wait_seconds: float = 10.0
    concurrent: int = 4
    usage_delay: float = 5.0
    _shares: Dict[str, _Share] = field(default_factory=dict)
    _gate: PriorityGate = field(init=False)

    def __post_init__(self) -> None:
        self._gate = PriorityGate(self.concurrent)

    @asynccontextmanager
    async def turn(self, client: str, usage: float = 0.0) -> AsyncIterator[bool]:
        """``async with share.turn(client, usage) as admitted``: False when refused. ``usage``
        (0 to 1): how much of its allowance the client used lately; lower goes first."""
        share = self._shares.get(client)
        if share is None:
            share = self._shares[client] = _Share(asyncio.Semaphore(self.in_flight))
        if share.holders + share.waiting >= self.in_flight + self.queue:
            yield False
            return
        share.waiting += 1
        try:
            got = await self._enter(share, usage)
        finally:
            share.waiting -= 1
        if not got:
            self._forget_if_idle(client, share)
            yield False
            return
        share.holders += 1
        try:
            yield True
        finally:
            share.holders -= 1
            self._gate.release()
            share.semaphore.release()
            self._forget_if_idle(client, share)

    async def _enter(self, share: _Share, usage: float) -> bool:
        """The client's own place, then a place in the loop, both within ``wait_seconds``."""
        clock = asyncio.get_running_loop().time
        deadline = clock() + self.wait_seconds
        try:
            await asyncio.wait_for(share.semaphore.acquire(), timeout=self.wait_seconds)
        except asyncio.TimeoutError:
            return False
        # In line by arrival, a busy client a little further back (ageing: the key is a time).
        place_in_line = clock() + max(0.0, min(usage, 1.0)) * self.usage_delay
        try:
            await asyncio.wait_for(self._gate.acquire(place_in_line), timeout=max(0.0, deadline - clock()))
        except asyncio.TimeoutError:
            share.semaphore.release()
            return False
        return True

    def _forget_if_idle(self, client: str, share: _Share) -> None:
        if share.holders == 0 and share.waiting == 0:
            self._shares.pop(client, None)

    @property
    def clients(self) -> int:
        return len(self._shares)
