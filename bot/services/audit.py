"""The audit log: who viewed, changed or exported which report, and when (also the command line).

An entry never carries contents: the action, the reference and at most a short detail such as
``"nieuw -> in_behandeling"`` or ``"monitoring 2025-2026"``.

Each entry is filed under the school it is about, so a beheerder reads only their schools' entries
and the instance's own: an entry about a report under the report's school; otherwise under the
schools named, or the actor's (a user of two schools: one entry for each); with none of those, under
no school (the instance's: e.g. a failed login with an unknown name).
"""
from __future__ import annotations

import enum
import getpass
from datetime import datetime
from typing import Any, Collection, Iterable, List, Optional

from bot.domain.desk import Actor, AuditEntry



class AuditAction(str, enum.Enum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_LOCKED = "login_locked"
    LOGOUT = "logout"
    VIEW_INBOX = "view_inbox"
    VIEW_REPORT = "view_report"
    CHANGE_STATUS = "change_status"
    ADD_CASE_ENTRY = "add_case_entry"
    SET_NAZORG_DATE = "set_nazorg_date"
    ADD_MESSAGE = "add_message"
    RELEASE_REPORT = "release_report"
    VIEW_MONITORING = "view_monitoring"
    EXPORT_MONITORING = "export_monitoring"
    VIEW_AUDIT = "view_audit"
    VIEW_USERS = "view_users"
    USER_ADDED = "user_added"
    USER_CHANGED = "user_changed"
    LIST_REPORTS = "list_reports"
    EXPORT_REPORTS = "export_reports"
    DELETE_REPORT = "delete_report"
    PURGE_REPORTS = "purge_reports"
    PUPIL_CHECKIN = "pupil_checkin"
    PUPIL_ADDITION = "pupil_addition"
    PUPIL_NAZORG = "pupil_nazorg"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    AuditAction.LOGIN: "ingelogd",
    AuditAction.LOGIN_FAILED: "inloggen mislukt",
    AuditAction.LOGIN_LOCKED: "inloggen geblokkeerd",
    AuditAction.LOGOUT: "uitgelogd",
    AuditAction.VIEW_INBOX: "inbox bekeken",
    AuditAction.VIEW_REPORT: "melding bekeken",
    AuditAction.CHANGE_STATUS: "status gewijzigd",
    AuditAction.ADD_CASE_ENTRY: "actie of afspraak vastgelegd",
    AuditAction.SET_NAZORG_DATE: "nazorgdatum gezet",
    AuditAction.ADD_MESSAGE: "bericht voor de leerling geschreven",
    AuditAction.RELEASE_REPORT: "melding ter controle vrijgegeven (gemaild)",
    AuditAction.VIEW_MONITORING: "monitoring bekeken",
    AuditAction.EXPORT_MONITORING: "monitoring geëxporteerd (CSV)",
    AuditAction.VIEW_AUDIT: "auditlog bekeken",
    AuditAction.VIEW_USERS: "gebruikers bekeken",
    AuditAction.USER_ADDED: "gebruiker toegevoegd",
    AuditAction.USER_CHANGED: "gebruiker gewijzigd",
    AuditAction.LIST_REPORTS: "lijst van meldingen bekeken",
    AuditAction.EXPORT_REPORTS: "meldingen geëxporteerd (volledig)",
    AuditAction.DELETE_REPORT: "melding gewist",
    AuditAction.PURGE_REPORTS: "meldingen na bewaartermijn gewist",
    AuditAction.PUPIL_CHECKIN: "leerling keek met code en geheim woord",
    AuditAction.PUPIL_ADDITION: "leerling vulde de melding aan",
    AuditAction.PUPIL_NAZORG: "leerling beantwoordde de nazorgvraag",
}

PUPIL = Actor("leerling (met code)", "leerling")


def cli_actor(schools: Iterable[str] = ()) -> Actor:
    """The server's administrator at the command line, by operating-system account, working for
    ``schools`` (the command's ``--school``)."""
    try:
        name = getpass.getuser()
    except Exception:  # no user name in the environment
        name = "onbekend"
    return Actor(f"cli:{name}", "cli", frozenset(schools))


def record(repo: Any, actor: Actor, action: AuditAction, now: datetime,
           reference: Optional[str] = None, detail: Optional[str] = None,
           schools: Optional[Iterable[str]] = None) -> None:
    """Add an entry inside the caller's transaction (so it commits or rolls back with the change).

    Filed under ``schools`` when given; else, about a report, under the report's school (the
    repository looks it up); else under the actor's schools; else under none."""
    if schools is None:
        schools = () if reference else actor.schools
    for school_id in sorted(set(schools)) or [None]:
        repo.add_audit(AuditEntry(at=now, actor=actor.name, actor_role=actor.role, action=action.value,
                                  reference=reference, detail=detail, school_id=school_id))


def write(desk, actor: Actor, action: AuditAction, reference: Optional[str] = None,
          detail: Optional[str] = None, schools: Optional[Iterable[str]] = None) -> None:
    """Add an entry in a transaction of its own."""
    with desk.uow() as uow:
        record(uow.desk, actor, action, desk.now(), reference, detail, schools)
        uow.commit()


def entries(desk, school_ids: Optional[Collection[str]], limit: int = 200, offset: int = 0,
            reference: Optional[str] = None) -> List[AuditEntry]:
    """The newest entries of these schools and the instance's own (``school_ids`` None: every entry,
    for the server's administrator)."""
    with desk.uow() as uow:
        return uow.desk.audit_entries(limit=limit, offset=offset, reference=reference, school_ids=school_ids)


def label(action: str) -> str:
    try:
        return AuditAction(action).label
    except ValueError:
        return action
