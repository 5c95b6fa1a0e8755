"""Repositories: collections of domain objects backed by the database.

They implement the contract in :mod:`bot.services.ports` (``tests/unit`` has in-memory versions
too) with Core statements on the unit of work's session.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Collection, Dict, List, Optional, Sequence, Tuple

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot.domain.notification import Notification, NotificationStatus, RecipientRole
from bot.domain.report import Confidentiality, Report, ReporterRole, SafetyCategory, Status, Urgency
from bot.services.ports import AbstractNotificationRepository, AbstractReportRepository
from bot.adapters.storage.tables.reports import notifications, report_kinds, report_places, reports


def _kinds_places_rows(report_id: int, values: Sequence[str], column: str) -> List[Dict[str, Any]]:
    seen: List[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return [{"report_id": report_id, column: value, "position": i} for i, value in enumerate(seen)]


class SqlAlchemyReportRepository(AbstractReportRepository):
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, report: Report) -> None:
        values = {
            "reference": report.reference,
            "school_id": report.school_id,
            "created_at": report.created_at,
            "reporter_role": report.reporter_role.value,
            "moment": report.moment,
            "frequency": report.frequency,
            "since_when": report.since_when,
            "description": report.description,
            "place_note": report.place_note,
            "moment_note": report.moment_note,
            "frequency_note": report.frequency_note,
            "people_involved": report.people_involved,
            "already_told": report.already_told,
            "desired_outcome": report.desired_outcome,
            "confidentiality": report.confidentiality.value,
            "share_with": json.dumps(list(report.share_with), ensure_ascii=False),
            "contact": report.contact,
            "conversation_id": report.conversation_id,
            "urgency": report.urgency.value,
            "urgency_reason": report.urgency_reason.value if report.urgency_reason else None,
            "status": report.status.value,
            "delete_after": report.delete_after,
            "held": report.held,
            "about_adult": report.about_adult,
            "client_digest": report.client_digest,
            "conversation_digest": report.conversation_digest,
        }
        result = self.session.execute(reports.insert().values(**values))
        report_id = result.inserted_primary_key[0]
        for table, column, items in (
            (report_kinds, "kind", report.kinds),
            (report_places, "place", report.places),
        ):
            rows = _kinds_places_rows(report_id, items, column)
            if rows:
                self.session.execute(table.insert(), rows)

    def _id_of(self, reference: str) -> Optional[int]:
        return self.session.execute(
            select(reports.c.id).where(reports.c.reference == reference)
        ).scalar_one_or_none()

    def _load(self, rows: Sequence[Any]) -> List[Report]:
        ids = [row.id for row in rows]
        kinds: Dict[int, List[str]] = {i: [] for i in ids}
        places: Dict[int, List[str]] = {i: [] for i in ids}
        if ids:
            for table, column, target in (
                (report_kinds, report_kinds.c.kind, kinds),
                (report_places, report_places.c.place, places),
            ):
                for report_id, value in self.session.execute(
                    select(table.c.report_id, column)
                    .where(table.c.report_id.in_(ids))
                    .order_by(table.c.report_id, table.c.position)
                ):
                    target[report_id].append(value)
        return [self._to_report(row, kinds[row.id], places[row.id]) for row in rows]

    @staticmethod
    def _to_report(row: Any, kinds: List[str], places: List[str]) -> Report:
        return Report(
            reference=row.reference,
            school_id=row.school_id,
            reporter_role=ReporterRole(row.reporter_role),
            description=row.description,
            confidentiality=Confidentiality(row.confidentiality),
            kinds=kinds,
            places=places,
            place_note=row.place_note,
            moment=row.moment,
            moment_note=row.moment_note,
            frequency=row.frequency,
            frequency_note=row.frequency_note,
            since_when=row.since_when,
            people_involved=row.people_involved,
            already_told=row.already_told,
            desired_outcome=row.desired_outcome,
            share_with=list(json.loads(row.share_with or "[]")),
            contact=row.contact,
            conversation_id=row.conversation_id,
            urgency=Urgency(row.urgency),
            urgency_reason=SafetyCategory(row.urgency_reason) if row.urgency_reason else None,
            status=Status(row.status),
            created_at=row.created_at,
            delete_after=row.delete_after,
            held=bool(row.held),
            about_adult=bool(row.about_adult),
            client_digest=row.client_digest,
            conversation_digest=row.conversation_digest,
        )

    def get(self, reference: str) -> Optional[Report]:
        row = self.session.execute(
            select(reports).where(reports.c.reference == reference)
        ).one_or_none()
        return self._load([row])[0] if row is not None else None

    def exists(self, reference: str) -> bool:
        return self._id_of(reference) is not None

    def list(self, *, school_ids: Optional[Collection[str]]) -> List[Report]:
        query = select(reports)
        if school_ids is not None:
            query = query.where(reports.c.school_id.in_(list(school_ids)))
        rows = self.session.execute(query.order_by(reports.c.created_at.desc(), reports.c.id.desc())).all()
        return self._load(rows)

    def delete(self, reference: str) -> bool:
        report_id = self._id_of(reference)
        if report_id is None:
            return False
        # Explicit, so erasure does not depend on the database enforcing ON DELETE CASCADE.
        for table in (notifications, report_kinds, report_places):
            self.session.execute(delete(table).where(table.c.report_id == report_id))
        self.session.execute(delete(reports).where(reports.c.id == report_id))
        return True

    def due_for_deletion(self, now: datetime, school_ids: Optional[Collection[str]] = None) -> List[str]:
        query = select(reports.c.reference).where(reports.c.delete_after.is_not(None), reports.c.delete_after <= now)
        if school_ids is not None:
            query = query.where(reports.c.school_id.in_(list(school_ids)))
        return list(self.session.execute(query.order_by(reports.c.delete_after)).scalars())

    # ------------------------------------------------------------ report caps

    def mailed_since(self, since: datetime, *, school_id: Optional[str] = None,
                     client_digest: Optional[str] = None, conversation_digest: Optional[str] = None) -> int:
        query = select(func.count()).select_from(reports).where(
            reports.c.created_at >= since, reports.c.held.is_(False))
        for column, value in ((reports.c.school_id, school_id), (reports.c.client_digest, client_digest),
                              (reports.c.conversation_digest, conversation_digest)):
            if value is not None:
                query = query.where(column == value)
        return self.session.execute(query).scalar_one()

    def client_activity(self, since: datetime, *, school_ids: Collection[str]) -> List[Tuple[str, datetime]]:
        return [(row.client_digest, row.created_at) for row in self.session.execute(
            select(reports.c.client_digest, reports.c.created_at)
            .where(reports.c.school_id.in_(list(school_ids)), reports.c.client_digest.is_not(None),
                   reports.c.created_at >= since)
        )]

    def release(self, reference: str) -> bool:
        result = self.session.execute(
            update(reports).where(reports.c.reference == reference, reports.c.held.is_(True)).values(held=False))
        return result.rowcount == 1

    def forget_origins(self, before: datetime) -> int:
        result = self.session.execute(
            update(reports)
            .where(reports.c.created_at < before,
                   or_(reports.c.client_digest.is_not(None), reports.c.conversation_digest.is_not(None)))
            .values(client_digest=None, conversation_digest=None))
        return result.rowcount


class SqlAlchemyNotificationRepository(AbstractNotificationRepository):
    def __init__(self, session: Session) -> None:
        self.session = session

    def _select(self) -> Any:
        return select(notifications, reports.c.reference).join(
            reports, reports.c.id == notifications.c.report_id
        )

    @staticmethod
    def _to_notification(row: Any) -> Notification:
        return Notification(
            id=row.id,
            report_reference=row.reference,
            recipient=row.recipient,
            recipient_role=RecipientRole(row.recipient_role),
            status=NotificationStatus(row.status),
            attempts=row.attempts,
            created_at=row.created_at,
            next_attempt_at=row.next_attempt_at,
            last_error=row.last_error,
            sent_at=row.sent_at,
        )

    def add(self, notification: Notification) -> None:
        report_id = self.session.execute(
            select(reports.c.id).where(reports.c.reference == notification.report_reference)
        ).scalar_one()
        result = self.session.execute(
            notifications.insert().values(
                report_id=report_id,
                recipient=notification.recipient,
                recipient_role=notification.recipient_role.value,
                status=notification.status.value,
                attempts=notification.attempts,
                next_attempt_at=notification.next_attempt_at,
                last_error=notification.last_error,
                created_at=notification.created_at,
                sent_at=notification.sent_at,
            )
        )
        notification.id = result.inserted_primary_key[0]

    def get(self, notification_id: int) -> Optional[Notification]:
        row = self.session.execute(
            self._select().where(notifications.c.id == notification_id)
        ).one_or_none()
        return self._to_notification(row) if row is not None else None

    def for_report(self, reference: str) -> List[Notification]:
        rows = self.session.execute(
            self._select().where(reports.c.reference == reference).order_by(notifications.c.id)
        ).all()
        return [self._to_notification(row) for row in rows]

    def pending(self, now: datetime, *, due_only: bool = True, limit: int = 100,
                reference: Optional[str] = None) -> List[Notification]:
        query = self._select().where(notifications.c.status == NotificationStatus.PENDING.value)
        if due_only:
            query = query.where(notifications.c.next_attempt_at <= now)
        if reference is not None:
            query = query.where(reports.c.reference == reference)
        rows = self.session.execute(
            query.order_by(notifications.c.next_attempt_at, notifications.c.id).limit(limit)
        ).all()
        return [self._to_notification(row) for row in rows]

    def claim(self, notification_id: int, now: datetime, until: datetime) -> bool:
        result = self.session.execute(
            update(notifications)
            .where(
                and_(
                    notifications.c.id == notification_id,
                    notifications.c.status == NotificationStatus.PENDING.value,
                    or_(notifications.c.claimed_until.is_(None), notifications.c.claimed_until <= now),
                )
            )
            .values(claimed_until=until)
        )
        return result.rowcount == 1

    def mark_sent(self, notification_id: int, now: datetime) -> None:
        self.session.execute(
            update(notifications)
            .where(notifications.c.id == notification_id)
            .values(
                status=NotificationStatus.SENT.value,
                sent_at=now,
                attempts=notifications.c.attempts + 1,
                claimed_until=None,
                last_error=None,
            )
        )

    def mark_failed(self, notification_id: int, error: str, next_attempt_at: datetime) -> None:
        self.session.execute(
            update(notifications)
            .where(notifications.c.id == notification_id)
            .values(
                attempts=notifications.c.attempts + 1,
                next_attempt_at=next_attempt_at,
                claimed_until=None,
                last_error=error[:300],
            )
        )

    def counts(self) -> Dict[str, int]:
        rows = self.session.execute(
            select(notifications.c.status, func.count()).group_by(notifications.c.status)
        ).all()
        return {status: count for status, count in rows}
