"""Ways to deliver a composed e-mail: over SMTP, or as an ``.eml`` file in an outbox folder.

SMTP settings come from the environment (never from the repository), read by ``bot.settings``:

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
from typing import Optional, Protocol

from bot.domain.school import SchoolConfig
from bot.settings import Settings, SettingsError, SmtpSettings

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

    @classmethod
    def from_settings(cls, smtp: SmtpSettings) -> "SmtpSender":
        """The sender for ``Settings.smtp`` (its host must be set)."""
        if not smtp.host:
            raise SettingsError("KLANKBORD_SMTP_HOST", "is not set")
        context = None
        if smtp.ca_file:
            try:
                context = ssl.create_default_context(cafile=smtp.ca_file)
            except (OSError, ssl.SSLError) as exc:
                raise SettingsError("KLANKBORD_SMTP_CA_FILE", f"'{smtp.ca_file}' cannot be used: {exc}") from None
        return cls(host=smtp.host, port=smtp.port, tls=smtp.tls, user=smtp.user, password=smtp.password,
                   from_address=smtp.from_address, timeout=smtp.timeout, ssl_context=context)

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


def outbox_dir(config: SchoolConfig, settings: Settings) -> Path:
    """Where ``.eml`` files go: ``$KLANKBORD_OUTBOX_DIR``, else the configuration's ``outbox_dir``."""
    return settings.outbox_dir or config.outbox_dir


def outbox_dir_of(sender: "Sender") -> Optional[Path]:
    """Where a sender leaves mail files (``EmlOutboxSender``), or None."""
    return sender.directory if isinstance(sender, EmlOutboxSender) else None


def make_sender(config: SchoolConfig, settings: Settings) -> Sender:
    """SMTP when ``KLANKBORD_SMTP_HOST`` is set, otherwise ``.eml`` files in :func:`outbox_dir`."""
    if settings.smtp.host:
        return SmtpSender.from_settings(settings.smtp)
    return EmlOutboxSender(outbox_dir(config, settings), from_address=settings.smtp.from_address)


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
