"""The ports: what the services need from storage, as abstract classes the adapters implement.

``bot.adapters.storage`` implements them with SQLAlchemy; ``tests/unit`` has in-memory versions.
The services import only this module, never an adapter.
"""
from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Collection, Dict, List, Optional, Tuple

from bot.domain.desk import AuditEntry, User
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
    """The stored reports, found by their reference code.

    Whatever lists or counts reports for a person takes the ids of the schools to look in
    (``school_ids``) and filters in the query; an empty collection finds nothing.
    """

    @abc.abstractmethod
    def add(self, report: Report) -> None: ...

    @abc.abstractmethod
    def get(self, reference: str) -> Optional[Report]: ...

    @abc.abstractmethod
    def list(self, *, school_ids: Optional[Collection[str]]) -> List[Report]:
        """The reports of these schools, newest first (None, said out loud: of every school; for the
        server's own checks, never for a person's view)."""

    @abc.abstractmethod
    def delete(self, reference: str) -> bool:
        """Erase a report with its kinds, places and notifications; False if there was none."""

    @abc.abstractmethod
    def due_for_deletion(self, now: datetime, school_ids: Optional[Collection[str]] = None) -> List[str]:
        """References of reports (of these schools; None: of every school) whose ``delete_after`` has passed."""

    def exists(self, reference: str) -> bool:
        return self.get(reference) is not None

    @abc.abstractmethod
    def mailed_since(self, since: datetime, *, school_id: Optional[str] = None,
                     client_digest: Optional[str] = None, conversation_digest: Optional[str] = None) -> int:
        """How many reports not held came in since ``since`` (from that school, client, conversation)."""

    @abc.abstractmethod
    def client_activity(self, since: datetime, *, school_ids: Collection[str]) -> List[Tuple[str, datetime]]:
        """(client hash, received) of every report of these schools since ``since`` whose client hash is kept."""

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


class AbstractDeskRepository(abc.ABC):
    """What the desk's services read by school (the rest of ``uow.desk``: users, sessions, case files,
    follow-up, is found by user or by a reference the caller may see). ``school_ids``: the schools
    to look in; for the audit log None means every entry (the entries of no school are always in)."""

    @abc.abstractmethod
    def users(self, *, school_ids: Optional[Collection[str]]) -> List[User]:
        """Users of any of these schools (None: every user), by name."""

    @abc.abstractmethod
    def followup_overview(self, *, school_ids: Collection[str]) -> Dict[str, Dict[str, Any]]: ...

    @abc.abstractmethod
    def monitoring_rows(self, start: datetime, end: datetime, *,
                        school_ids: Collection[str]) -> List[MonitoringRow]: ...

    @abc.abstractmethod
    def first_report_at(self, *, school_ids: Collection[str]) -> Optional[datetime]: ...

    @abc.abstractmethod
    def audit_entries(self, limit: int = 200, offset: int = 0, reference: Optional[str] = None,
                      actor: Optional[str] = None, *, school_ids: Optional[Collection[str]]) -> List[AuditEntry]: ...

    @abc.abstractmethod
    def audit_count(self, *, school_ids: Optional[Collection[str]]) -> int: ...


class AbstractDeskUnitOfWork(AbstractUnitOfWork):
    """The report unit of work plus ``desk``: users, sessions, second factors, case files, follow-up, audit."""

    desk: Any  # the desk repository (bot.adapters.storage.desk_repository.SqlDeskRepository, an AbstractDeskRepository)
