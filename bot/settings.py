"""Settings from the environment, read once at start and handed down.

Each setting has a safe default; a value that cannot be used stops the start with a message
that names the variable, so an operator can fix it.
"""
from __future__ import annotations

import base64
import ipaddress
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple

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
    wait their turn for up to ``client_wait_seconds``; at most ``concurrent_messages`` are handled
    at a time, the least busy client's first (``bot.adapters.rasa.fair_share``).
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
    concurrent_messages: int = 4
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
    "concurrent_messages": "KLANKBORD_CONCURRENT_MESSAGES",
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


MODE_ENV = "KLANKBORD_MODE"
DATA_KEY_ENV = "KLANKBORD_DATA_KEY"
DATA_KEY_FILE_ENV = "KLANKBORD_DATA_KEY_FILE"
DEV_KEY_FILE = Path(__file__).resolve().parent.parent / "var" / "keys" / "data.key"


def production(env: Optional[Mapping[str, str]] = None) -> bool:
    """``KLANKBORD_MODE=production``: no development defaults (a data key must be configured)."""
    env = os.environ if env is None else env
    return env.get(MODE_ENV, "").strip().lower() == "production"


def data_keys(env: Optional[Mapping[str, str]] = None) -> Tuple[Dict[str, bytes], str]:
    """The keys that seal children's words at rest (``bot.adapters.storage.sealed``), and the current one.

    ``KLANKBORD_DATA_KEY_FILE``: a file outside the repository, one ``id:base64-key`` per line,
    the first one current. ``KLANKBORD_DATA_KEY``: one base64 key (no rotation). In production
    one of them is required; in development a key file is made in var/keys/ (mode 0600).
    """
    env = os.environ if env is None else env
    single = env.get(DATA_KEY_ENV, "").strip()
    if single:
        try:
            key = base64.b64decode(single, validate=True)
        except ValueError:
            raise SettingsError(DATA_KEY_ENV, "is not base64") from None
        if len(key) != 32:
            raise SettingsError(DATA_KEY_ENV, f"must be 32 bytes in base64 (AES-256), got {len(key)}")
        return {"env": key}, "env"
    path_text = env.get(DATA_KEY_FILE_ENV, "").strip()
    if path_text:
        path = Path(path_text)
        if not path.is_file():
            raise SettingsError(DATA_KEY_FILE_ENV, f"no key file at {path}")
        return _read_key_file(path, DATA_KEY_FILE_ENV)
    if production(env):
        raise SettingsError(DATA_KEY_FILE_ENV, f"must be set (or {DATA_KEY_ENV}) when {MODE_ENV}=production: "
                            "Klankbord does not store children's words without a key")
    return _development_key_file()


def key_file_to_rotate(env: Optional[Mapping[str, str]] = None) -> Path:
    """The key file that ``klankbord keys rotate`` extends: the configured one, or the development one."""
    env = os.environ if env is None else env
    if env.get(DATA_KEY_ENV, "").strip():
        raise SettingsError(DATA_KEY_ENV, "one key in the environment cannot be rotated: "
                            f"use a key file ({DATA_KEY_FILE_ENV})")
    configured = env.get(DATA_KEY_FILE_ENV, "").strip()
    return Path(configured) if configured else DEV_KEY_FILE


def _read_key_file(path: Path, name: str) -> Tuple[Dict[str, bytes], str]:
    keys: Dict[str, bytes] = {}
    for number, line in enumerate(path.read_text(encoding="ascii").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key_id, sep, encoded = line.partition(":")
        try:
            key = base64.b64decode(encoded, validate=True) if sep else b""
        except ValueError:
            key = b""
        if len(key) != 32 or not key_id.isalnum():
            raise SettingsError(name, f"{path}, line {number}: want 'id:base64-key' with a 32-byte key")
        keys.setdefault(key_id, key)
    if not keys:
        raise SettingsError(name, f"{path}: no key in the file")
    return keys, next(iter(keys))


def _development_key_file() -> Tuple[Dict[str, bytes], str]:
    """var/keys/data.key, made once (several processes may race: the first one wins)."""
    DEV_KEY_FILE.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(DEV_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(f"dev{secrets.token_hex(4)}:{base64.b64encode(secrets.token_bytes(32)).decode()}\n")
    for _ in range(50):  # another process may be writing it right now
        if DEV_KEY_FILE.stat().st_size:
            break
        time.sleep(0.02)
    return _read_key_file(DEV_KEY_FILE, DATA_KEY_FILE_ENV)


def owner_only_files() -> None:
    """Files and folders this process creates are readable by its owner only (umask 077)."""
    os.umask(0o077)


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
