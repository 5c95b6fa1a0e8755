"""Delivering the outbox: pending notifications are sent after commit, retried with backoff.

The report and its notifications are written in one transaction (``bot.services.reporting``). Delivery
happens afterwards and outside any transaction, so a slow or broken mail server never holds a
database lock, never loses a report, and never changes what the pupil was told.

Each notification is *claimed* first (a short lease in the database), so several processes can
deliver at once without sending a mail twice; a sender that dies mid-way lets the lease expire
and another picks the notification up. Failures are recorded as ``attempts``,
``next_attempt_at`` (exponential backoff) and ``last_error`` (the kind of error, never text).

:class:`OutboxWorker` is a daemon thread that makes a pass at start (picking up whatever a
previous run left), whenever it is woken after a new report, and every
``Settings.outbox_poll_seconds`` (default 10). It runs in the Rasa action server's process
(``bot.bootstrap.get_app``); ``klankbord outbox send`` makes one pass by hand.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Optional

from bot.domain.school import Schools
from bot.domain.notification import Notification
from bot.adapters.mail.message import compose
from bot.adapters.mail.senders import Sender, describe_error
from bot.domain.school import DEFAULT_DESK_URL
from bot.settings import Settings
from bot.services.ports import AbstractUnitOfWork

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: ``base``, 2×base, 4×base … up to ``maximum`` seconds, for ever.

    A notification is never given up: an unsendable one stays pending, and visible in
    ``klankbord outbox send``, until the mail settings are fixed.
    """

    base: float = 30.0
    maximum: float = 3600.0
    lease: float = 120.0  # how long one sender may hold a claimed notification

    @classmethod
    def from_settings(cls, settings: Settings) -> "RetryPolicy":
        return cls(base=settings.outbox_retry_seconds, maximum=settings.outbox_retry_max_seconds)

    def delay(self, attempts: int) -> timedelta:
        """Wait after the ``attempts``-th failed attempt (1 for the first)."""
        exponent = min(max(attempts - 1, 0), 32)
        return timedelta(seconds=min(self.base * (2 ** exponent), self.maximum))


@dataclass
class DeliveryResult:
    sent: int = 0
    failed: int = 0


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def deliver_pending(
    uow_factory: Callable[[], AbstractUnitOfWork],
    sender: Sender,
    schools: Schools,
    *,
    policy: RetryPolicy = RetryPolicy(),
    reference: Optional[str] = None,
    due_only: bool = True,
    limit: int = 100,
    sender_address: Optional[str] = None,
    clock: Callable[[], datetime] = _utcnow,
    desk: str = DEFAULT_DESK_URL,
) -> DeliveryResult:
    """One delivery pass over the pending notifications (those of ``reference`` only, if given).

    ``due_only=False`` also tries notifications still waiting out their backoff (a manual pass).
    Each mail is worded for its report's school (``schools``).
    """
    result = DeliveryResult()
    with uow_factory() as uow:
        batch = uow.notifications.pending(clock(), due_only=due_only, limit=limit, reference=reference)
    for notification in batch:
        outcome = _deliver_one(uow_factory, sender, schools, notification, policy, sender_address, clock, desk)
        if outcome is True:
            result.sent += 1
        elif outcome is False:
            result.failed += 1
    return result


def _deliver_one(
    uow_factory: Callable[[], AbstractUnitOfWork],
    sender: Sender,
    schools: Schools,
    notification: Notification,
    policy: RetryPolicy,
    sender_address: Optional[str],
    clock: Callable[[], datetime],
    desk: str,
) -> Optional[bool]:
    """True when sent, False when it failed, None when someone else has it (or it is gone)."""
    assert notification.id is not None
    now = clock()
    with uow_factory() as uow:
        if not uow.notifications.claim(notification.id, now, now + timedelta(seconds=policy.lease)):
            return None
        report = uow.reports.get(notification.report_reference)
        uow.commit()
    if report is None:  # erased in the meantime; its notifications went with it
        return None
    try:
        config = schools.get(report.school_id)
        if config is None:  # its school file was taken away: kept pending until it is back
            raise LookupError(f"school '{report.school_id}' is not configured")
        message = compose(
            report, notification.recipient, config,
            sender=sender_address or getattr(sender, "from_address", None), now=now, desk=desk,
        )
        sender.send(message)
    except Exception as exc:  # any failure: keep it pending and try again later
        error = describe_error(exc)
        attempts = notification.attempts + 1
        retry_at = clock() + policy.delay(attempts)
        with uow_factory() as uow:
            uow.notifications.mark_failed(notification.id, error, retry_at)
            uow.commit()
        logger.warning(
            "notification %s for report %s not delivered (attempt %d, %s); next try at %s",
            notification.id, notification.report_reference, attempts, error,
            retry_at.isoformat(timespec="seconds"),
        )
        return False
    with uow_factory() as uow:
        uow.notifications.mark_sent(notification.id, clock())
        uow.commit()
    logger.info(
        "notification %s for report %s delivered (%s)",
        notification.id, notification.report_reference, notification.recipient_role.value,
    )
    return True


class OutboxWorker(threading.Thread):
    """A daemon thread that delivers the outbox: at start, when woken, and every ``poll_seconds``.

    ``deliver`` makes one pass; its exceptions are logged by type only and the worker goes on.
    It never touches an asyncio event loop; ``wake()`` is safe to call from any thread.
    """

    def __init__(self, deliver: Callable[[], object], poll_seconds: Optional[float] = None) -> None:
        super().__init__(name="klankbord-outbox", daemon=True)
        self._deliver = deliver
        self.poll_seconds = 10.0 if poll_seconds is None else poll_seconds
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self.passes = 0

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: Optional[float] = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self._deliver()
            except Exception as exc:  # e.g. database briefly unreachable
                logger.error("outbox pass failed: %s", type(exc).__name__)
            self.passes += 1
            self._wake.wait(self.poll_seconds)
