"""The service layer for reports: store one, purge what is due, erase one on request.

Every function takes a unit of work, so it runs the same against the database and against the
in-memory fakes of the unit tests. Delivery of the notifications is not done here: it happens
after commit (``bot.adapters.mail.outbox``).
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import List, Optional

from bot.domain.school import SchoolConfig
from bot.domain.notification import Notification, RecipientRole
from bot.domain.report import Report, new_reference, normalize_reference
from bot.domain.report_caps import WINDOW, RecentReports, ReportCaps, hold_reason
from bot.services.ports import AbstractUnitOfWork

logger = logging.getLogger(__name__)

_MAX_REFERENCE_TRIES = 5


class ReferenceCollision(RuntimeError):
    """No free reference code found (practically impossible with ~56 random bits)."""


def recipients_for(report: Report, config: SchoolConfig) -> List[tuple]:
    """(address, role) pairs: the aanspreekpunt, plus the deputy when the report is urgent. A
    report about an adult at school goes only to the school file's ``staff_reports`` person
    (urgent or not): never to the aanspreekpunt or deputy, who may be that adult."""
    if report.about_adult:
        return [(config.handler(about_adult=True).email, RecipientRole.STAFF_REPORTS)]
    recipients = [(config.aanspreekpunt.email, RecipientRole.AANSPREEKPUNT)]
    if report.is_urgent and config.deputy.email.lower() != config.aanspreekpunt.email.lower():
        recipients.append((config.deputy.email, RecipientRole.DEPUTY))
    return recipients


def queue_notifications(uow: AbstractUnitOfWork, report: Report, config: SchoolConfig,
                        at: Optional[datetime] = None) -> None:
    """One pending notification per recipient, due ``at`` (default: when the report came in), in
    the caller's transaction."""
    for address, role in recipients_for(report, config):
        uow.notifications.add(
            Notification(
                report_reference=report.reference,
                recipient=address,
                recipient_role=role,
                created_at=at or report.created_at,
            )
        )


def recent_reports(uow: AbstractUnitOfWork, report: Report) -> RecentReports:
    """The mailed reports of the past hour from this report's conversation, client and school."""
    since = report.created_at - WINDOW
    mailed = uow.reports.mailed_since
    return RecentReports(
        conversation=mailed(since, conversation_digest=report.conversation_digest) if report.conversation_digest else 0,
        client=mailed(since, client_digest=report.client_digest) if report.client_digest else 0,
        school=mailed(since, school_id=report.school_id),
    )


def submit_report(uow: AbstractUnitOfWork, report: Report, config: SchoolConfig, repeatable: bool = False,
                  caps: Optional[ReportCaps] = None) -> str:
    """Store ``report`` and one pending notification per recipient in one transaction.

    Sets ``delete_after`` from ``config.retention_days``. Returns the stored reference. When the
    code is taken: with ``repeatable`` (the reference was derived from the submission, see
    ``Klankbord.submit_report``) this is the same submission again, so nothing more is stored or
    sent; otherwise a new reference is drawn (a very unlikely collision). With ``caps``, a report
    over one of them is stored *held*: no notification until someone releases it on the desk.
    """
    report.set_retention(config.retention_days)
    with uow:
        if repeatable and uow.reports.exists(report.reference):
            logger.info("report %s was stored before: a repeated submission, nothing added", report.reference)
            return report.reference
        tries = 0
        while uow.reports.exists(report.reference):
            tries += 1
            if tries >= _MAX_REFERENCE_TRIES:
                raise ReferenceCollision("no free reference code")
            report.reference = new_reference()
        held = hold_reason(recent_reports(uow, report), caps, report.is_urgent) if caps else None
        report.held = held is not None
        uow.reports.add(report)
        if not report.held:
            queue_notifications(uow, report, config)
        uow.commit()
    logger.info(
        "report %s stored (urgency %s, %s)%s",
        report.reference, report.urgency.value, report.confidentiality.value,
        f", held: over the {held} cap" if held else "",
    )
    return report.reference


def find_report(uow: AbstractUnitOfWork, code: str) -> Optional[Report]:
    """The report for a code as a person types it (any case, spaces); None if unknown or malformed."""
    reference = normalize_reference(code)
    if reference is None:
        return None
    with uow:
        return uow.reports.get(reference)


def purge_due(uow: AbstractUnitOfWork, now: Optional[datetime] = None) -> int:
    """Delete every report whose retention has passed (with its notifications); returns how many."""
    now = now or datetime.now(timezone.utc)
    with uow:
        due = uow.reports.due_for_deletion(now)
        for reference in due:
            uow.reports.delete(reference)
        uow.commit()
    if due:
        logger.info("retention: %d report(s) deleted", len(due))
    return len(due)


def delete_report(uow: AbstractUnitOfWork, ref: str) -> bool:
    """Erase one report and its notifications (right to erasure); False if there is no such report.

    ``ref`` may be typed loosely (any case, spaces, no dashes).
    """
    reference = normalize_reference(ref)
    if reference is None:
        return False
    with uow:
        deleted = uow.reports.delete(reference)
        uow.commit()
    if deleted:
        logger.info("report %s erased on request", reference)
    return deleted
