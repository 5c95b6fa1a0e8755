"""The unit of work: one transaction over the repositories (cosmicpython, chapter 6).

    with uow:
        uow.reports.add(report)
        uow.notifications.add(notification)
        uow.commit()          # nothing is written without this; leaving the block rolls back
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from bot.adapters.storage.repository import SqlAlchemyNotificationRepository, SqlAlchemyReportRepository
from bot.services.ports import AbstractUnitOfWork, StorageError


def describe_db_error(exc: DBAPIError) -> str:
    """Class, SQLSTATE and, for connection problems only, the driver's first line."""
    orig = exc.orig
    parts = [type(orig).__name__ if orig is not None else type(exc).__name__]
    code = getattr(orig, "pgcode", None) or getattr(orig, "sqlite_errorname", None)
    if code:
        parts.append(f"({code})")
    if isinstance(exc, (OperationalError, InterfaceError)) and orig is not None:
        lines = str(orig).strip().splitlines()
        if lines and "failing row" not in lines[0].lower():
            parts.append(f"- {lines[0][:200]}")
    return " ".join(parts)


def _sanitized(exc: DBAPIError) -> StorageError:
    return StorageError(
        f"database error: {describe_db_error(exc)}", integrity=isinstance(exc, IntegrityError)
    )


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    """A unit of work on a fresh session from ``session_factory`` each time it is entered."""

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self.session_factory = session_factory

    def __enter__(self) -> "SqlAlchemyUnitOfWork":
        self.session = self.session_factory()
        self.reports = SqlAlchemyReportRepository(self.session)
        self.notifications = SqlAlchemyNotificationRepository(self.session)
        super().__enter__()
        return self

    def __exit__(self, exc_type: Any, exc: Optional[BaseException], tb: Any) -> None:
        try:
            super().__exit__(exc_type, exc, tb)  # rollback (a no-op after commit)
        except DBAPIError as rollback_error:
            if exc is None:
                raise _sanitized(rollback_error) from None
        finally:
            self.session.close()
        if isinstance(exc, DBAPIError):
            raise _sanitized(exc) from None

    def commit(self) -> None:
        try:
            self.session.commit()
        except DBAPIError as exc:
            raise _sanitized(exc) from None

    def rollback(self) -> None:
        self.session.rollback()
