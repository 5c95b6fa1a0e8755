"""What the public chat accepts as a message, before anything else reads it.

- ``clean_text``: control characters, NUL, lone surrogates and bidirectional overrides are
  removed (PostgreSQL rejects NUL; overrides can make a report read differently in the desk);
  line breaks, tabs and emoji joiners stay.
- ``as_typed_text``: a typed message never acts as a button. Only a payload that a button of
  the assistant's last turn offered (or a standing button of the widget, ``STANDING_PAYLOADS``)
  may skip the language understanding; any other text starting with "/" is read as text.
- ``pieces``: a message too long to process is still checked for danger, piece by piece.
- ``valid_sender``: conversation ids are short and plain (the widget makes 128 random bits).
- ``client_pseudonym``: who sent it, as a keyed daily hash, never as an address.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import unicodedata
from datetime import date
from typing import Any, Iterable, List, Mapping, Sequence, Set, Union

IpNetwork = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]

INTENT_PREFIX = "/"
TOO_LONG_KEY = "too_long"
"""Set in the parse's safety field when only the danger of a too long message reached Rasa."""
STANDING_PAYLOADS = frozenset({"/hulp_nu"})
"""Buttons the widget always shows ("Hulp nu"): allowed at any moment, they only show help."""

_BIDI_OVERRIDES = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_KEPT_CONTROLS = set("\n\t")
_SENDER = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def clean_text(text: str) -> str:
    """The text without characters that no pupil means and some systems reject."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in text
        if ch in _KEPT_CONTROLS
        or (unicodedata.category(ch) not in ("Cc", "Cs") and ch not in _BIDI_OVERRIDES)
    )


def valid_sender(sender: Any) -> bool:
    return isinstance(sender, str) and bool(_SENDER.match(sender))


def client_address(peer: str, forwarded: str, trusted: Sequence[IpNetwork]) -> str:
    """The client's address: the peer, or, when the peer is one of our own proxies, the last
    address its ``X-Forwarded-For`` names (the one that proxy saw). Anything unreadable: the peer."""
    try:
        if forwarded and any(ipaddress.ip_address(peer) in network for network in trusted):
            return str(ipaddress.ip_address(forwarded.split(",")[-1].strip()))
    except ValueError:
        pass
    return peer


def client_pseudonym(key: bytes, address: str, day: date) -> str:
    """A client address as a keyed hash that changes every day: limits can count per client
    (follow-up codes, logins) without any table keeping an address, or linking days."""
    return hmac.new(key, f"{day.isoformat()}|{address}".encode(), hashlib.sha256).hexdigest()[:32]


def payloads_of(bot_messages: Iterable[Mapping[str, Any]]) -> Set[str]:
    """The button payloads that these bot messages (Rasa's ``data`` of a bot event) offered."""
    payloads: Set[str] = set()
    for message in bot_messages:
        for button in message.get("buttons") or []:
            payload = button.get("payload") if isinstance(button, Mapping) else None
            if isinstance(payload, str):
                payloads.add(payload.strip())
    return payloads


def is_payload(text: str) -> bool:
    return text.lstrip().startswith(INTENT_PREFIX)


def as_typed_text(text: str) -> str:
    """A message starting with "/" that no button offered, read as what the pupil typed."""
    return text.lstrip().lstrip(INTENT_PREFIX).lstrip()


def pieces(text: str, size: int, overlap: int = 200) -> List[str]:
    """``text`` cut into pieces of at most ``size`` characters, at white space where possible,
    each overlapping the previous one by about ``overlap`` characters, so that no sentence is
    only ever seen cut in two."""
    if len(text) <= size:
        return [text]
    out: List[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            space = text.rfind(" ", start + size // 2, end)
            end = space if space > start else end
        out.append(text[start:end])
        if end >= len(text):
            break
        start = max(start + 1, end - overlap)
        space = text.find(" ", start, end)
        start = space + 1 if space != -1 else start
    return out
