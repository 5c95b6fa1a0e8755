"""Telling the aanspreekpunt: the notification record, the e-mail, the senders and the outbox.

A :class:`Notification` is one e-mail still to send (or sent) about one report. It carries no
message text: the mail is composed from the stored report when it is delivered, so erasing a
report also erases everything that could still be sent about it.

Modules: ``message`` (compose the mail), ``senders`` (SMTP, or ``.eml`` files), ``outbox``
(delivery with retries, and the background worker).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Optional


class NotificationStatus(str, enum.Enum):
    PENDING = "pending"
    SENT = "sent"


class RecipientRole(str, enum.Enum):
    AANSPREEKPUNT = "aanspreekpunt"
    DEPUTY = "deputy"  # plaatsvervangend aanspreekpunt, for urgent reports
    STAFF_REPORTS = "staff_reports"  # a report about an adult at school (the school file's staff_reports)


@dataclass
class Notification:
    """One e-mail about one report to one recipient."""

    report_reference: str
    recipient: str
    recipient_role: RecipientRole
    status: NotificationStatus = NotificationStatus.PENDING
    attempts: int = 0
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    next_attempt_at: Optional[datetime] = None  # None: as soon as possible
    last_error: Optional[str] = None
    sent_at: Optional[datetime] = None
    id: Optional[int] = None

    def __post_init__(self) -> None:
        if self.next_attempt_at is None:
            self.next_attempt_at = self.created_at
