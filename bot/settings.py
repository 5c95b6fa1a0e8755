"""Settings from the environment, read once at start and handed down: ``Settings.from_env()``.

The only module that reads the environment. Each setting has a safe default; a value that
cannot be used stops the start with a message that names the variable, so an operator can fix
it. ``bot.bootstrap`` reads them for the app; what Rasa itself builds (the chat channel, the
action server's guard) reads them once when it is built.
"""
from __future__ import annotations

import base64
import ipaddress
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple

from bot.domain.chat_limits import ChatLimits, IpNetwork
from bot.domain.report_caps import ReportCaps
from bot.domain.school import DEFAULT_DESK_URL, DEFAULT_SCHOOLS, PROJECT_ROOT
from bot.services.followup import Limits as FollowupLimits


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the environment variable."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        super().__init__(f"environment variable {name}: {problem}")


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
DEV_KEY_FILE = PROJECT_ROOT / "var" / "keys" / "data.key"


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


_REPORT_CAPS_ENV = {"per_conversation_hour": "KLANKBORD_REPORTS_PER_CONVERSATION_HOUR",
                    "per_client_hour": "KLANKBORD_REPORTS_PER_CLIENT_HOUR",
                    "per_school_hour": "KLANKBORD_REPORTS_PER_SCHOOL_HOUR"}


def report_caps_from_env(env: Mapping[str, str]) -> ReportCaps:
    """Mailed reports per hour per conversation, client and school; more are held for a person."""
    defaults = ReportCaps()
    return ReportCaps(**{key: int(_number(env, name, getattr(defaults, key), whole=True))
                         for key, name in _REPORT_CAPS_ENV.items()})


# ---------------------------------------------------------------- the rest, and the whole

SCHOOLS_ENV = "KLANKBORD_SCHOOLS"  # a folder of school files (or one file)
SCHOOL_CONFIG_ENV = "KLANKBORD_SCHOOL_CONFIG"  # older name: one school file
DATABASE_URL_ENV = "KLANKBORD_DATABASE_URL"
DESK_URL_ENV = "KLANKBORD_DESK_URL"
DESK_SECURE_ENV = "KLANKBORD_DESK_SECURE_COOKIE"
RASA_URL_ENV = "KLANKBORD_RASA_URL"
SCHOOL_ORIGIN_ENV = "KLANKBORD_SCHOOL_ORIGIN"
DEFAULT_RASA_URL = "http://127.0.0.1:5005"
TLS_MODES = ("none", "starttls", "ssl")
DEFAULT_SMTP_PORTS = {"none": 25, "starttls": 587, "ssl": 465}


@dataclass(frozen=True)
class SmtpSettings:
    """Where notification mails go; no host: ``.eml`` files in the outbox folder instead."""

    host: str = ""
    port: int = 587
    tls: str = "starttls"
    user: Optional[str] = None
    password: Optional[str] = field(default=None, repr=False)
    from_address: Optional[str] = None
    timeout: float = 15.0
    ca_file: Optional[str] = None


def smtp_from_env(env: Mapping[str, str]) -> SmtpSettings:
    """``KLANKBORD_SMTP_HOST``, ``_PORT``, ``_TLS``, ``_USER``, ``_PASSWORD``, ``_FROM``, ``_TIMEOUT``, ``_CA_FILE``."""
    tls = (env.get("KLANKBORD_SMTP_TLS") or "starttls").strip().lower()
    if tls not in TLS_MODES:
        raise SettingsError("KLANKBORD_SMTP_TLS", f"is '{tls}'; use one of: {', '.join(TLS_MODES)}")
    port_text = (env.get("KLANKBORD_SMTP_PORT") or "").strip()
    if port_text and (not port_text.isdigit() or not 0 < int(port_text) < 65536):
        raise SettingsError("KLANKBORD_SMTP_PORT", f"is '{port_text}'; use a port number")
    timeout_text = (env.get("KLANKBORD_SMTP_TIMEOUT") or "15").strip()
    try:
        timeout = float(timeout_text)
    except ValueError:
        raise SettingsError("KLANKBORD_SMTP_TIMEOUT", f"is '{timeout_text}'; use a number of seconds") from None
    return SmtpSettings(
        host=(env.get("KLANKBORD_SMTP_HOST") or "").strip(),
        port=int(port_text) if port_text else DEFAULT_SMTP_PORTS[tls],
        tls=tls,
        user=(env.get("KLANKBORD_SMTP_USER") or "").strip() or None,
        password=env.get("KLANKBORD_SMTP_PASSWORD") or None,
        from_address=(env.get("KLANKBORD_SMTP_FROM") or "").strip() or None,
        timeout=timeout,
        ca_file=(env.get("KLANKBORD_SMTP_CA_FILE") or "").strip() or None,
    )


def followup_limits_from_env(env: Mapping[str, str]) -> FollowupLimits:
    """``KLANKBORD_FOLLOWUP_PER_CODE``, ``..._PER_CODE_DAILY``, ``..._PER_CLIENT``,
    ``..._PER_CLIENT_DAILY`` override the defaults (a value that is not a positive number is ignored)."""
    def number(name: str, default: int) -> int:
        raw = env.get(name, "").strip()
        return int(raw) if raw.isdigit() and int(raw) > 0 else default

    base = FollowupLimits()
    return FollowupLimits(
        per_code=number("KLANKBORD_FOLLOWUP_PER_CODE", base.per_code),
        per_code_daily=number("KLANKBORD_FOLLOWUP_PER_CODE_DAILY", base.per_code_daily),
        per_client=number("KLANKBORD_FOLLOWUP_PER_CLIENT", base.per_client),
        per_client_daily=number("KLANKBORD_FOLLOWUP_PER_CLIENT_DAILY", base.per_client_daily),
    )


def _seconds(env: Mapping[str, str], name: str, default: Optional[float]) -> Optional[float]:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(name, f"is '{raw}'; use a number of seconds") from None
    if value <= 0:
        raise SettingsError(name, f"is '{raw}'; use a number of seconds above 0")
    return value


def _switch(env: Mapping[str, str], name: str) -> Optional[bool]:
    raw = env.get(name, "").strip().lower()
    if raw in ("1", "true", "yes"):
        return True
    if raw in ("0", "false", "no"):
        return False
    return None


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SettingsError(name, f"is '{raw}'; use a port number")
    return int(raw)


@dataclass(frozen=True)
class Settings:
    """Everything Klankbord takes from the environment, checked, in one frozen object."""

    schools: Path = DEFAULT_SCHOOLS  # a folder of school files, or one school file
    database_url: str = ""  # empty: the SQLite file var/klankbord.db
    production: bool = False
    data_key: str = field(default="", repr=False)
    data_key_file: Optional[Path] = None
    desk_url: str = DEFAULT_DESK_URL
    desk_secure_cookie: Optional[bool] = None  # None: when the request or desk_url is https
    desk_networks: Tuple[IpNetwork, ...] = ()
    client_key: bytes = field(default=b"", repr=False)
    action_secret: str = field(default="", repr=False)
    chat: ChatLimits = ChatLimits()
    followup: FollowupLimits = FollowupLimits()
    reports: ReportCaps = ReportCaps()
    smtp: SmtpSettings = SmtpSettings()
    outbox_dir: Optional[Path] = None  # None: the school file's notification.outbox_dir
    outbox_poll_seconds: float = 10.0
    outbox_retry_seconds: float = 30.0
    outbox_retry_max_seconds: float = 3600.0
    rasa_url: str = DEFAULT_RASA_URL
    school_origin: str = ""  # the school site(s) that may frame the chat page (checked by the web app)
    web_host: str = "127.0.0.1"
    web_port: int = 8080

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "Settings":
        """Read and check every setting (``env`` defaults to the process environment)."""
        env = os.environ if env is None else env
        outbox = env.get("KLANKBORD_OUTBOX_DIR", "").strip()
        key_file = env.get(DATA_KEY_FILE_ENV, "").strip()
        return cls(
            schools=Path(env.get(SCHOOLS_ENV, "").strip() or env.get(SCHOOL_CONFIG_ENV, "").strip()
                         or DEFAULT_SCHOOLS),
            database_url=env.get(DATABASE_URL_ENV, "").strip(),
            production=production(env),
            data_key=env.get(DATA_KEY_ENV, "").strip(),
            data_key_file=Path(key_file) if key_file else None,
            desk_url=(env.get(DESK_URL_ENV, "").strip() or DEFAULT_DESK_URL).rstrip("/"),
            desk_secure_cookie=_switch(env, DESK_SECURE_ENV),
            desk_networks=desk_networks_from_env(env),
            client_key=client_key(env),
            action_secret=action_secret(env),
            chat=chat_limits_from_env(env),
            followup=followup_limits_from_env(env),
            reports=report_caps_from_env(env),
            smtp=smtp_from_env(env),
            outbox_dir=Path(outbox).expanduser().resolve() if outbox else None,
            outbox_poll_seconds=_seconds(env, "KLANKBORD_OUTBOX_POLL_SECONDS", 10.0),
            outbox_retry_seconds=_seconds(env, "KLANKBORD_OUTBOX_RETRY_SECONDS", 30.0),
            outbox_retry_max_seconds=_seconds(env, "KLANKBORD_OUTBOX_RETRY_MAX_SECONDS", 3600.0),
            rasa_url=env.get(RASA_URL_ENV, "").strip() or DEFAULT_RASA_URL,
            school_origin=env.get(SCHOOL_ORIGIN_ENV, "").strip(),
            web_host=env.get("KLANKBORD_WEB_HOST", "").strip() or "127.0.0.1",
            web_port=_port(env, "KLANKBORD_WEB_PORT", 8080),
        )

    @property
    def trusted_proxies(self) -> Tuple[IpNetwork, ...]:
        return self.chat.trusted_proxies

    def data_keys(self) -> Tuple[Dict[str, bytes], str]:
        """The data keys and the current one's id (see :func:`data_keys`)."""
        env = {MODE_ENV: "production" if self.production else "", DATA_KEY_ENV: self.data_key,
               DATA_KEY_FILE_ENV: str(self.data_key_file or "")}
        return data_keys(env)

    def key_file_to_rotate(self) -> Path:
        env = {DATA_KEY_ENV: self.data_key, DATA_KEY_FILE_ENV: str(self.data_key_file or "")}
        return key_file_to_rotate(env)
