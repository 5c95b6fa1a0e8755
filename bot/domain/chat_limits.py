"""How much of the public chat one conversation and one client may use.

Plain Python with an injected clock, so the rules can be tested without a server. All state is
bounded: conversations idle for ``idle_minutes`` are forgotten, and at most
``max_open_conversations`` conversations and ten times as many clients are remembered.
"""
from __future__ import annotations

import enum
from collections import OrderedDict
from dataclasses import dataclass, field
import ipaddress
from typing import Callable, Generic, Optional, Tuple, TypeVar


IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class ChatLimits:
    """What one request, one conversation and one client may ask of the public chat.

    Rates are token buckets: ``*_burst`` messages at once, refilled at ``*_per_minute``.
    Per conversation first (a whole report is about 15 messages, and a pupil may tap its buttons
    as fast as the replies come: only a script goes beyond), then per client address (a school behind one NAT
    address has many pupils: its bucket is large), then new conversations per client. And at
    most ``client_in_flight`` messages of one client are handled at once, ``client_queue`` more
    wait their turn for up to ``client_wait_seconds``; at most ``concurrent_messages`` are handled
    at a time, the least busy client's first (``bot.adapters.rasa.fair_share``).
    """

    max_body_bytes: int = 8192
    max_message_chars: int = 2000
    conversation_burst: int = 20
    conversation_per_minute: float = 60.0
    client_burst: int = 300
    client_per_minute: float = 600.0
    client_in_flight: int = 1
    client_queue: int = 16
    client_wait_seconds: float = 10.0
    concurrent_messages: int = 4
    new_conversations_burst: int = 300
    new_conversations_per_minute: float = 30.0
    max_open_conversations: int = 5000
    max_messages_per_conversation: int = 200
    idle_minutes: float = 60.0
    trusted_proxies: Tuple[IpNetwork, ...] = ()


K = TypeVar("K")
V = TypeVar("V")


class Verdict(enum.Enum):
    """What the gate says of one message."""

    ADMIT = "admit"
    CONVERSATION_TOO_FAST = "conversation_too_fast"
    CONVERSATION_TOO_LONG = "conversation_too_long"
    CLIENT_TOO_FAST = "client_too_fast"
    TOO_MANY_NEW_CONVERSATIONS = "too_many_new_conversations"
    FULL = "full"

    @property
    def admitted(self) -> bool:
        return self is Verdict.ADMIT


@dataclass
class TokenBucket:
    """``capacity`` tokens at most, refilled at ``per_second``; one message takes one."""

    capacity: float
    per_second: float
    tokens: float
    updated: float

    @classmethod
    def full(cls, capacity: float, per_minute: float, now: float) -> "TokenBucket":
        return cls(capacity, per_minute / 60.0, capacity, now)

    def _refill(self, now: float) -> None:
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
            self.updated = now

    def available(self, now: float) -> bool:
        self._refill(now)
        return self.tokens >= 1.0

    def take(self, now: float) -> bool:
        self._refill(now)
        if self.tokens < 1.0:
            return False
        self.tokens -= 1.0
        return True

    def seconds_until_next(self, now: float) -> float:
        self._refill(now)
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.per_second


class BoundedMap(Generic[K, V]):
    """A map that keeps the ``capacity`` most recently used entries."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: "OrderedDict[K, V]" = OrderedDict()

    def get(self, key: K) -> Optional[V]:
        """Look up without counting as a use (a refused message does not keep an entry young)."""
        return self._items.get(key)

    def put(self, key: K, value: V) -> None:
        """Store as the most recently used, dropping the least recently used beyond capacity."""
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def oldest(self) -> Optional[V]:
        return next(iter(self._items.values()), None)

    def pop_oldest(self) -> None:
        self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class _Conversation:
    bucket: TokenBucket
    last_seen: float
    messages: int = 0


@dataclass
class _Client:
    messages: TokenBucket
    new_conversations: TokenBucket


@dataclass
class ChatGate:
    """Admits or refuses one message of one conversation from one client."""

    limits: ChatLimits
    clock: Callable[[], float]
    _conversations: BoundedMap = field(init=False)
    _clients: BoundedMap = field(init=False)

    def __post_init__(self) -> None:
        # Capacity + 1: a full map is noticed (FULL) before an entry would be evicted.
        self._conversations = BoundedMap(self.limits.max_open_conversations + 1)
        self._clients = BoundedMap(self.limits.max_open_conversations * 10)

    @property
    def open_conversations(self) -> int:
        self._forget_idle(self.clock())
        return len(self._conversations)

    def client_usage(self, client: str) -> float:
        """How much of its allowance a client used lately: 0 (none) to 1 (all); for ordering."""
        known = self._clients.get(client)
        if known is None:
            return 0.0
        bucket = known.messages
        bucket.available(self.clock())  # refill first
        return 1.0 - bucket.tokens / bucket.capacity

    def retry_after(self, conversation_id: str, client: str) -> int:
        """Whole seconds until this conversation and client may send again (at least 1)."""
        now = self.clock()
        waits = [1.0]
        conversation = self._conversations.get(conversation_id)
        if conversation is not None:
            waits.append(conversation.bucket.seconds_until_next(now))
        known = self._clients.get(client)
        if known is not None:
            waits.append(known.messages.seconds_until_next(now))
        return int(max(waits) + 0.999)

    def admit(self, conversation_id: str, client: str) -> Verdict:
        """Per conversation first, then per client; a refused message costs the client nothing."""
        now = self.clock()
        self._forget_idle(now)
        limits = self.limits
        conversation = self._conversations.get(conversation_id)
        if conversation is not None:
            if conversation.messages >= limits.max_messages_per_conversation:
                return Verdict.CONVERSATION_TOO_LONG
            if not conversation.bucket.available(now):
                return Verdict.CONVERSATION_TOO_FAST
        known = self._clients.get(client)
        if known is None:
            known = _Client(TokenBucket.full(limits.client_burst, limits.client_per_minute, now),
                            TokenBucket.full(limits.new_conversations_burst,
                                             limits.new_conversations_per_minute, now))
        if not known.messages.available(now):
            return Verdict.CLIENT_TOO_FAST
        if conversation is None:
            if len(self._conversations) >= limits.max_open_conversations:
                return Verdict.FULL
            if not known.new_conversations.take(now):
                return Verdict.TOO_MANY_NEW_CONVERSATIONS
            conversation = _Conversation(
                TokenBucket.full(limits.conversation_burst, limits.conversation_per_minute, now), now)
        known.messages.take(now)
        conversation.bucket.take(now)
        conversation.messages += 1
        conversation.last_seen = now
        self._conversations.put(conversation_id, conversation)  # kept in order of last_seen
        self._clients.put(client, known)
        return Verdict.ADMIT

    def _forget_idle(self, now: float) -> None:
        cutoff = now - self.limits.idle_minutes * 60.0
        while True:
            oldest = self._conversations.oldest()
            if oldest is None or oldest.last_seen >= cutoff:
                return
            self._conversations.pop_oldest()
