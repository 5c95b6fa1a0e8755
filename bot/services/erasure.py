"""Erasure that leaves nothing behind, and the daily housekeeping that applies retention.

Erasing a report (right to erasure, or its retention passed) removes in one transaction the
report with everything hanging from it (kinds, places, notifications, follow-up secret, case
log, messages, additions, status changes, nazorg answers), the follow-up attempts for its code,
and the details of audit rows about it (who looked when stays; what stays is the code alone);
then the ``.eml`` files that name it. ``housekeeping`` runs once a day in the action server's
outbox worker: retention, pruning of attempt rows older than a day, and clearing the keyed
hashes of client and conversation that the report caps count (after ``ORIGIN_KEPT``).
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Collection, Iterable, List, Optional

from bot.domain.report_caps import ORIGIN_KEPT
from bot.services.followup import attempt_key

logger = logging.getLogger(__name__)

ATTEMPTS_KEPT = timedelta(days=1)
"""How long follow-up and login attempt rows are kept (counted by the limits for at most a day)."""


def erase(desk, references: Iterable[str], outbox_dir: Optional[Path] = None,
          school_ids: Optional[Collection[str]] = None) -> List[str]:
    """Erase these reports completely; returns the references that existed. With ``school_ids``
    only reports of those schools: one of another school is left alone, as if it did not exist
    (None: the caller chose the references itself, as the retention does)."""
    erased: List[str] = []
    with desk.uow() as uow:
        for reference in references:
            if school_ids is not None:
                report = uow.reports.get(reference)
                if report is None or report.school_id not in school_ids:
                    continue
            if uow.reports.delete(reference):
                erased.append(reference)
            uow.desk.forget_report(reference, attempt_key(reference))
        uow.commit()
    if outbox_dir is not None:
        for reference in erased:
            remove_mail_files(outbox_dir, reference)
    return erased


def remove_mail_files(outbox_dir: Path, reference: str) -> int:
    """Delete the ``.eml`` files that name this report; returns how many."""
    removed = 0
    if not outbox_dir.is_dir():
        return 0
    needle = reference.encode("ascii")
    for path in outbox_dir.glob("*.eml"):
        try:
            if needle in path.read_bytes():
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed


def purge_due(desk, now: Optional[datetime] = None, outbox_dir: Optional[Path] = None,
              school_ids: Optional[Collection[str]] = None) -> int:
    """Erase every report (of these schools; None: of every school) whose retention has passed;
    returns how many."""
    now = now or desk.now()
    with desk.uow() as uow:
        due = uow.reports.due_for_deletion(now, school_ids=None if school_ids is None else sorted(school_ids))
    erased = erase(desk, due, outbox_dir)
    if erased:
        logger.info("retention: %d report(s) erased", len(erased))
    return len(erased)


def housekeeping(desk, outbox_dir: Optional[Path] = None, now: Optional[datetime] = None) -> int:
    """Retention and pruning; returns how many reports were erased."""
    now = now or datetime.now(timezone.utc)
    count = purge_due(desk, now, outbox_dir)
    with desk.uow() as uow:
        uow.reports.forget_origins(now - ORIGIN_KEPT)
        uow.desk.delete_followup_attempts_before(now - ATTEMPTS_KEPT)
        uow.desk.delete_login_attempts_before(now - ATTEMPTS_KEPT)
        uow.commit()
    return count
