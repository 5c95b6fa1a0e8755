"""The ports: what the services need from storage, as abstract classes the adapters implement.

``bot.adapters.storage`` implements them with SQLAlchemy; ``tests/unit`` has in-memory versions.
The services import only this module, never an adapter.
"""
from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple

from bot.domain.notification import Notification
from bot.domain.report import Report


class StorageError(RuntimeError):
    """A database failure, described without any data from the rows involved.

    Database drivers put row contents in their messages (PostgreSQL's "DETAIL: Failing row
    contains (...)"); this error keeps only the kind of failure, so a logged traceback never
    carries report texts. ``integrity`` tells a constraint violation (e.g. a duplicate code).
    """

    def __init__(self, message: str, integrity: bool = False) -> None:
        super().__init__(message)
        self.integrity = integrity


class UnknownReport(LookupError):
    """No report with that reference."""


@dataclass(frozen=True)
class SessionRow:
    token_hash: str
    user_id: int
    csrf_token: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class SecondFactorRow:
    """A user's TOTP secret (opened) and the last time step a code was accepted for."""

    secret: str
    last_step: Optional[int]


@dataclass(frozen=True)
class MonitoringRow:
    """The structured, countable part of one report (no free text)."""

    created_at: datetime
    reporter_role: str
    moment: Optional[str]
    kinds: Tuple[str, ...]
    places: Tuple[str, ...]


class AbstractReportRepository(abc.ABC):
    """The stored reports, found by their reference code."""

    @abc.abstractmethod
    def add(self, report: Report) -> None: ...

    @abc.abstractmethod
    def get(self, reference: str) -> Optional[Report]: ...

    @abc.abstractmethod
    def list(self) -> List[Report]:
        """All reports, newest first."""

    @abc.abstractmethod
    def delete(self, reference: str) -> bool:
        """Erase a report with its kinds, places and notifications; False if there was none."""

    @abc.abstractmethod
    def due_for_deletion(self, now: datetime) -> List[str]:
        """References of reports whose ``delete_after`` has passed."""

    def exists(self, reference: str) -> bool:
        return self.get(reference) is not None

    @abc.abstractmethod
    def mailed_since(self, since: datetime, *, school_id: Optional[str] = None,
                     client_digest: Optional[str] = None, conversation_digest: Optional[str] = None) -> int:
        """How many reports not held came in since ``since`` (from that school, client, conversation)."""

    @abc.abstractmethod
    def client_activity(self, since: datetime) -> List[Tuple[str, datetime]]:
        """(client hash, received) of every report since ``since`` whose client hash is still kept."""

    @abc.abstractmethod
    def release(self, reference: str) -> bool:
        """Mark a held report as no longer held; False if it was not held (or is gone)."""

    @abc.abstractmethod
    def forget_origins(self, before: datetime) -> int:
        """Clear the client and conversation hashes of reports received before ``before``."""


class AbstractNotificationRepository(abc.ABC):
    """The outbox: notifications waiting to be sent (and the ones sent)."""

    @abc.abstractmethod
    def add(self, notification: Notification) -> None: ...

    @abc.abstractmethod
    def get(self, notification_id: int) -> Optional[Notification]: ...

    @abc.abstractmethod
    def for_report(self, reference: str) -> List[Notification]: ...

    @abc.abstractmethod
    def pending(self, now: datetime, *, due_only: bool = True, limit: int = 100,
                reference: Optional[str] = None) -> List[Notification]:
        """Pending notifications (only those whose next attempt is due, unless ``due_only`` is False)."""

    @abc.abstractmethod
    def claim(self, notification_id: int, now: datetime, until: datetime) -> bool:
        """Reserve a pending notification for one sender until ``until``; False if another has it."""

    @abc.abstractmethod
    def mark_sent(self, notification_id: int, now: datetime) -> None: ...

    @abc.abstractmethod
    def mark_failed(self, notification_id: int, error: str, next_attempt_at: datetime) -> None: ...

    @abc.abstractmethod
    def counts(self) -> Dict[str, int]:
        """Number of notifications per status."""


class AbstractUnitOfWork(abc.ABC):
    reports: AbstractReportRepository
    notifications: AbstractNotificationRepository

    def __enter__(self) -> "AbstractUnitOfWork":
        return self

    def __exit__(self, *args: Any) -> None:
        self.rollback()

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


class AbstractDeskUnitOfWork(AbstractUnitOfWork):
    """The report unit of work plus ``desk``: users, sessions, second factors, case files, follow-up, audit."""

    desk: Any  # the desk repository (bot.adapters.storage.desk_repository.SqlDeskRepository)
