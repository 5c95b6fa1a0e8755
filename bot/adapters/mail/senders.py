"""Ways to deliver a composed e-mail: over SMTP, or as an ``.eml`` file in an outbox folder.

SMTP settings come from the environment (never from the repository):

    KLANKBORD_SMTP_HOST       server name; without it mails are written as .eml files
    KLANKBORD_SMTP_PORT       default 25 (none), 587 (starttls) or 465 (ssl)
    KLANKBORD_SMTP_TLS        none | starttls | ssl   (default starttls)
    KLANKBORD_SMTP_USER       login name (optional)
    KLANKBORD_SMTP_PASSWORD   password (optional)
    KLANKBORD_SMTP_FROM       sender address (default noreply@ the aanspreekpunt's mail domain)
    KLANKBORD_SMTP_TIMEOUT    seconds to wait for the server (default 15)
    KLANKBORD_SMTP_CA_FILE    extra CA certificates (PEM) to trust, for a school's own mail relay
    KLANKBORD_OUTBOX_DIR      folder for the .eml files (default: notification.outbox_dir of the
                              school configuration, var/outbox)
"""
from __future__ import annotations

import os
import smtplib
import socket
import ssl
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path
from typing import Mapping, Optional, Protocol

from bot.domain.school import SchoolConfig

TLS_MODES = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}


class SettingsError(ValueError):
    """A wrong ``KLANKBORD_*`` setting in the environment; the message names the variable."""


class Sender(Protocol):
    """Delivers one message or raises; ``describe()`` says where to, for people."""

    def send(self, message: EmailMessage) -> None: ...

    def describe(self) -> str: ...


@dataclass
class SmtpSender:
    host: str
    port: int = 587
    tls: str = "starttls"
    user: Optional[str] = None
    password: Optional[str] = None
    from_address: Optional[str] = None
    timeout: float = 15.0
    ssl_context: Optional[ssl.SSLContext] = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.tls not in TLS_MODES:
            raise SettingsError(f"KLANKBORD_SMTP_TLS must be one of {', '.join(TLS_MODES)}")

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None) -> "SmtpSender":
        env = os.environ if environ is None else environ
        host = (env.get("KLANKBORD_SMTP_HOST") or "").strip()
        if not host:
            raise SettingsError("KLANKBORD_SMTP_HOST is not set")
        tls = (env.get("KLANKBORD_SMTP_TLS") or "starttls").strip().lower()
        if tls not in TLS_MODES:
            raise SettingsError(
                f"KLANKBORD_SMTP_TLS is '{tls}'; use one of: {', '.join(TLS_MODES)}"
            )
        port_text = (env.get("KLANKBORD_SMTP_PORT") or "").strip()
        if port_text:
            if not port_text.isdigit() or not 0 < int(port_text) < 65536:
                raise SettingsError(f"KLANKBORD_SMTP_PORT is '{port_text}'; use a port number")
            port = int(port_text)
        else:
            port = DEFAULT_PORTS[tls]
        timeout_text = (env.get("KLANKBORD_SMTP_TIMEOUT") or "15").strip()
        try:
            timeout = float(timeout_text)
        except ValueError:
            raise SettingsError(
                f"KLANKBORD_SMTP_TIMEOUT is '{timeout_text}'; use a number of seconds"
            ) from None
        ca_file = (env.get("KLANKBORD_SMTP_CA_FILE") or "").strip()
        context = None
        if ca_file:
            try:
                context = ssl.create_default_context(cafile=ca_file)
            except (OSError, ssl.SSLError) as exc:
                raise SettingsError(f"KLANKBORD_SMTP_CA_FILE '{ca_file}' cannot be used: {exc}") from None
        return cls(
            host=host,
            port=port,
            tls=tls,
            ssl_context=context,
            user=(env.get("KLANKBORD_SMTP_USER") or "").strip() or None,
            password=env.get("KLANKBORD_SMTP_PASSWORD") or None,
            from_address=(env.get("KLANKBORD_SMTP_FROM") or "").strip() or None,
            timeout=timeout,
        )

    def send(self, message: EmailMessage) -> None:
        context = self.ssl_context or ssl.create_default_context()  # certificates are checked
        if self.tls == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=context
            )
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with client:
            if self.tls == "starttls":
                client.starttls(context=context)
            if self.user:
                client.login(self.user, self.password or "")
            client.send_message(message)

    def describe(self) -> str:
        return f"SMTP {self.host}:{self.port} ({self.tls})"


@dataclass
class EmlOutboxSender:
    """Writes each message as an RFC 5322 ``.eml`` file (for schools without SMTP, and for demos)."""

    directory: Path
    from_address: Optional[str] = None

    def send(self, message: EmailMessage) -> None:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        name = f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
        temporary = self.directory / f".{name}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # owner only, whatever the umask
        with os.fdopen(fd, "wb") as handle:
            handle.write(message.as_bytes(policy=SMTP_POLICY))  # CRLF line ends, as on the wire
        temporary.replace(self.directory / name)  # appears whole or not at all

    def describe(self) -> str:
        return f".eml files in {self.directory}"


def outbox_dir(config: SchoolConfig, environ: Optional[Mapping[str, str]] = None) -> Path:
    """Where ``.eml`` files go: ``$KLANKBORD_OUTBOX_DIR``, else the configuration's ``outbox_dir``."""
    env = os.environ if environ is None else environ
    override = (env.get("KLANKBORD_OUTBOX_DIR") or "").strip()
    return Path(override).expanduser().resolve() if override else config.outbox_dir


def outbox_dir_of(sender: "Sender") -> Optional[Path]:
    """Where a sender leaves mail files (``EmlOutboxSender``), or None."""
    return sender.directory if isinstance(sender, EmlOutboxSender) else None


def make_sender(config: SchoolConfig, environ: Optional[Mapping[str, str]] = None) -> Sender:
    """SMTP when ``KLANKBORD_SMTP_HOST`` is set, otherwise ``.eml`` files in :func:`outbox_dir`."""
    env = os.environ if environ is None else environ
    if (env.get("KLANKBORD_SMTP_HOST") or "").strip():
        return SmtpSender.from_env(env)
    return EmlOutboxSender(
        outbox_dir(config, env), from_address=(env.get("KLANKBORD_SMTP_FROM") or "").strip() or None
    )


def describe_error(exc: BaseException) -> str:
    """A short description of a delivery failure that never contains message text."""
    name = type(exc).__name__
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(code) for code, _ in exc.recipients.values()})
        return f"{name}: refused ({', '.join(codes)})"
    if isinstance(exc, smtplib.SMTPResponseException):
        reply = exc.smtp_error
        if isinstance(reply, bytes):
            reply = reply.decode("utf-8", "replace")
        return f"{name}: {exc.smtp_code} {str(reply)[:120]}"
    if isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPNotSupportedError)):
        return f"{name}: {str(exc)[:120]}"  # smtplib's own words, e.g. "... closed: timed out"
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return f"{name}: timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{name}: {exc.strerror}"
    return name
