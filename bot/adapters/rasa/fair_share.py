"""Turns for clients: one client's messages never fill Rasa's event loop.

Rasa handles messages in one event loop, and its language understanding blocks that loop while
it runs. So at most ``in_flight`` messages of one client address are handled at once; up to
``queue`` more wait for their turn (a school behind one address waits a moment, it is not
refused); a message beyond that, or one that waited ``wait_seconds``, is refused at once. A flood
from one address then holds a few places in the loop, and every other pupil keeps theirs.
"""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import AsyncIterator, Dict


@dataclass
class _Share:
    semaphore: asyncio.Semaphore
    waiting: int = 0
    holders: int = 0


@dataclass
class FairShare:
    in_flight: int = 2
    queue: int = 16
    wait_seconds: float = 10.0
    _shares: Dict[str, _Share] = field(default_factory=dict)

    @asynccontextmanager
    async def turn(self, client: str) -> AsyncIterator[bool]:
        """``async with share.turn(client) as admitted``: admitted is False when refused."""
        share = self._shares.get(client)
        if share is None:
            share = self._shares[client] = _Share(asyncio.Semaphore(self.in_flight))
        if share.holders + share.waiting >= self.in_flight + self.queue:
            yield False
            return
        share.waiting += 1
        try:
            await asyncio.wait_for(share.semaphore.acquire(), timeout=self.wait_seconds)
            got = True
        except asyncio.TimeoutError:
            got = False
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
            share.semaphore.release()
            self._forget_if_idle(client, share)

    def _forget_if_idle(self, client: str, share: _Share) -> None:
        if share.holders == 0 and share.waiting == 0:
            self._shares.pop(client, None)

    @property
    def clients(self) -> int:
        return len(self._shares)
