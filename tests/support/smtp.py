"""A real SMTP server on loopback that keeps what it receives (aiosmtpd).

    sink = SmtpSink()
    port = sink.start()              # a free port on 127.0.0.1 (or start(port=...) for a fixed one)
    ...                              # point KLANKBORD_SMTP_HOST/PORT at it, KLANKBORD_SMTP_TLS=none
    messages = sink.wait_for(2, timeout=10)   # raises TimeoutError if fewer arrive in time
    mails = sink.wait_for_subject(ref, 2)     # the messages whose subject names ``ref``
    sink.stop()                      # may be started again later, also on the same port

``messages`` holds ``email.message.EmailMessage`` objects (``policy.default``);
``envelopes`` holds the matching (mail_from, rcpt_tos) pairs. Extra keyword arguments go to
aiosmtpd's ``Controller`` (e.g. ``tls_context``, ``require_starttls``, ``authenticator``).
"""
from __future__ import annotations

import email
import socket
import threading
import time
from email import policy
from email.message import EmailMessage
from typing import Any, Callable, List, Optional, Tuple

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def free_port(host: str = HOST) -> int:
    """A TCP port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, sink: "SmtpSink") -> None:
        self.sink = sink

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=policy.default)
        self.sink._received(message, envelope.mail_from, list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


class SmtpSink:
    """An SMTP server on 127.0.0.1 that stores every message it accepts."""

    def __init__(self, host: str = HOST, **controller_options: Any) -> None:
        self.host = host
        self.controller_options = controller_options
        self.port: Optional[int] = None
        self.messages: List[EmailMessage] = []
        self.envelopes: List[Tuple[str, List[str]]] = []
        self._controller: Optional[Controller] = None
        self._arrived = threading.Condition()

    def _received(self, message: EmailMessage, mail_from: str, rcpt_tos: List[str]) -> None:
        with self._arrived:
            self.messages.append(message)
            self.envelopes.append((mail_from, rcpt_tos))
            self._arrived.notify_all()

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self, port: int = 0) -> int:
        """Start listening (port 0: any free port); returns the port."""
        if self._controller is not None:
            raise RuntimeError("SmtpSink is already running")
        tries = 5 if port == 0 else 1
        last_error: Optional[BaseException] = None
        for _ in range(tries):
            chosen = port or free_port(self.host)
            options = {"ready_timeout": 10.0, **self.controller_options}
            controller = Controller(_Handler(self), hostname=self.host, port=chosen, **options)
            try:
                controller.start()
            except Exception as exc:  # the free port was taken in between: try another
                last_error = exc
                time.sleep(0.05)
                continue
            self._controller, self.port = controller, chosen
            return chosen
        raise RuntimeError(f"SmtpSink could not start on {self.host}:{port}: {last_error}")

    def stop(self) -> None:
        """Stop listening (keeps the messages received so far)."""
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def wait_for(self, n: int, timeout: float = 10.0) -> List[EmailMessage]:
        """Wait until at least ``n`` messages have arrived; returns them all (a copy)."""
        return self._wait(lambda m: True, n, timeout, "")

    def wait_for_subject(self, text: str, n: int = 1, timeout: float = 30.0) -> List[EmailMessage]:
        """Wait until ``n`` messages whose subject contains ``text`` arrived; returns those.

        Safer than counting all messages when several tests share one sink: a late mail from
        an earlier test cannot stand in for the one this test waits for.
        """
        return self._wait(lambda m: text in str(m["Subject"] or ""), n, timeout, f" about {text!r}")

    def _wait(self, wanted: Callable[[EmailMessage], bool], n: int, timeout: float, about: str) -> List[EmailMessage]:
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                found = [m for m in self.messages if wanted(m)]
                if len(found) >= n:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"SmtpSink got {len(found)} message(s){about} in {timeout}s, expected {n}")
                self._arrived.wait(remaining)

    def clear(self) -> None:
        with self._arrived:
            self.messages.clear()
            self.envelopes.clear()

    def __enter__(self) -> "SmtpSink":
        if not self.running:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
