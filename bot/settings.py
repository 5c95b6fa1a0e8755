"""Settings from the environment, read once at start and handed down.

Each setting has a safe default; a value that cannot be used stops the start with a message
that names the variable, so an operator can fix it.
"""
from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass
from typing import Mapping, Optional, Tuple

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the environment variable."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        super().__init__(f"environment variable {name}: {problem}")


@dataclass(frozen=True)
class ChatLimits:
    """What one request, one conversation and one client may ask of the public chat.

    Rates are token buckets: ``*_burst`` messages at once, refilled at ``*_per_minute``.
    Per conversation first (a fast typist), then per client address (a school behind one NAT
    address has many pupils: its bucket is large), then new conversations per client. And at
    most ``client_in_flight`` messages of one client are handled at once, ``client_queue`` more
    wait their turn for up to ``client_wait_seconds`` (``bot.adapters.rasa.fair_share``).
    """

    max_body_bytes: int = 8192
    max_message_chars: int = 2000
    conversation_burst: int = 8
    conversation_per_minute: float = 30.0
    client_burst: int = 300
    client_per_minute: float = 600.0
    client_in_flight: int = 1
    client_queue: int = 16
    client_wait_seconds: float = 10.0
    new_conversations_burst: int = 300
    new_conversations_per_minute: float = 30.0
    max_open_conversations: int = 5000
    max_messages_per_conversation: int = 200
    idle_minutes: float = 60.0
    trusted_proxies: Tuple[IpNetwork, ...] = ()


_LIMIT_ENV = {
    "max_body_bytes": "KLANKBORD_MAX_BODY_BYTES",
    "max_message_chars": "KLANKBORD_MAX_MESSAGE_CHARS",
    "conversation_burst": "KLANKBORD_CONVERSATION_BURST",
    "conversation_per_minute": "KLANKBORD_CONVERSATION_PER_MINUTE",
    "client_burst": "KLANKBORD_CLIENT_BURST",
    "client_per_minute": "KLANKBORD_CLIENT_PER_MINUTE",
    "client_in_flight": "KLANKBORD_CLIENT_IN_FLIGHT",
    "client_queue": "KLANKBORD_CLIENT_QUEUE",
    "client_wait_seconds": "KLANKBORD_CLIENT_WAIT_SECONDS",
    "new_conversations_burst": "KLANKBORD_NEW_CONVERSATIONS_BURST",
    "new_conversations_per_minute": "KLANKBORD_NEW_CONVERSATIONS_PER_MINUTE",
    "max_open_conversations": "KLANKBORD_MAX_OPEN_CONVERSATIONS",
    "max_messages_per_conversation": "KLANKBORD_MAX_MESSAGES_PER_CONVERSATION",
    "idle_minutes": "KLANKBORD_CONVERSATION_IDLE_MINUTES",
}
TRUSTED_PROXIES_ENV = "KLANKBORD_TRUSTED_PROXIES"


def _number(env: Mapping[str, str], name: str, default: float, whole: bool) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise SettingsError(name, f"expected {kind}, got {raw!r}") from None
    if value <= 0:
        raise SettingsError(name, f"must be greater than 0, got {raw!r}")
    return value


def _networks(env: Mapping[str, str], name: str) -> Tuple[IpNetwork, ...]:
    networks = []
    for part in filter(None, (p.strip() for p in env.get(name, "").split(","))):
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise SettingsError(name, f"{part!r} is not an IP address or network") from None
    return tuple(networks)


ACTION_SECRET_ENV = "KLANKBORD_ACTION_SECRET"
ACTION_SECRET_HEADER = "X-Klankbord-Action-Secret"
ACTION_HOST_ENV = "SANIC_HOST"


def action_secret(env: Optional[Mapping[str, str]] = None) -> str:
    """The secret Rasa sends the action server (header ``X-Klankbord-Action-Secret``, set in
    endpoints.yml); empty when none is configured, and then the action server takes no calls."""
    env = os.environ if env is None else env
    return env.get(ACTION_SECRET_ENV, "").strip()


def keep_action_server_on_loopback() -> None:
    """rasa-sdk binds ``SANIC_HOST``, by default 0.0.0.0: make loopback the default instead
    (an operator who really wants another interface sets ``SANIC_HOST`` explicitly)."""
    os.environ.setdefault(ACTION_HOST_ENV, "127.0.0.1")


CLIENT_KEY_ENV = "KLANKBORD_CLIENT_KEY"


def client_key(env: Optional[Mapping[str, str]] = None) -> bytes:
    """The key for client pseudonyms (``KLANKBORD_CLIENT_KEY``; the same on every replica so a
    client counts once). Without it each process draws its own random key at start."""
    env = os.environ if env is None else env
    configured = env.get(CLIENT_KEY_ENV, "").strip()
    return configured.encode() if configured else secrets.token_bytes(32)


def trusted_proxies_from_env(env: Optional[Mapping[str, str]] = None) -> Tuple[IpNetwork, ...]:
    return _networks(os.environ if env is None else env, TRUSTED_PROXIES_ENV)


DESK_NETWORKS_ENV = "KLANKBORD_DESK_ALLOWED_NETWORKS"


def desk_networks_from_env(env: Optional[Mapping[str, str]] = None) -> Tuple[IpNetwork, ...]:
    """Where the desk may be reached from (IPs or networks, comma-separated); empty: anywhere."""
    return _networks(os.environ if env is None else env, DESK_NETWORKS_ENV)


def chat_limits_from_env(env: Optional[Mapping[str, str]] = None) -> ChatLimits:
    """The public chat's limits; ``KLANKBORD_TRUSTED_PROXIES`` lists the proxies (IPs or
    networks, comma-separated) whose ``X-Forwarded-For`` is believed: none by default."""
    env = os.environ if env is None else env
    defaults = ChatLimits()
    values = {}
    for key, name in _LIMIT_ENV.items():
        default = getattr(defaults, key)
        values[key] = _number(env, name, default, whole=isinstance(default, int))
    if values["max_message_chars"] > values["max_body_bytes"]:
        raise SettingsError(_LIMIT_ENV["max_body_bytes"],
                            "must be at least KLANKBORD_MAX_MESSAGE_CHARS, or no full message fits")
    return ChatLimits(**values, trusted_proxies=_networks(env, TRUSTED_PROXIES_ENV))
