"""Who may do and see what: the one place for the desk's role rules.

Every page, form handler and export asks here; templates only get what :func:`case_view`
returns, so a field a role may not see never reaches the HTML.

- *aanspreekpunt* handles reports and sees everything the pupil gave, the reporter's contact
  details included (they exist only when the pupil chose *vertrouwelijk* or *mag gedeeld*).
- *coordinator* reads reports for policy, without changing them. For a report marked *anoniem*
  or *vertrouwelijk* no free text at all: not the description, not names (people involved), not
  contact details, nor other free text that may carry names (place note, since when, who
  already knows, the wish, the case log, messages, additions, reasons).
- *beheerder* manages users and reads the audit log; no report contents, no monitoring.
- *bestuur* (the school board) sees monitoring counts of its schools, with the same small-count
  suppression; no report pages, no audit log, no users.

Every user belongs to one or more schools (``User.schools``) and sees nothing of any other: a
report of another school is to them exactly a report that does not exist (:func:`may_see`; the
desk answers "not found", never "forbidden").
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Collection, Dict, FrozenSet, List, Optional

from bot.domain.desk import (
    CaseEntry, CaseFile, NazorgRecord, PupilAddition, PupilMessage, Role, StatusChange, User,
)
from bot.domain.calendar import week_label
from bot.domain.report import Confidentiality, Report


class Permission(enum.Enum):
    READ_REPORTS = "read_reports"
    HANDLE_REPORTS = "handle_reports"  # status, case log, nazorg date, messages to the pupil
    VIEW_MONITORING = "view_monitoring"
    EXPORT_MONITORING = "export_monitoring"
    VIEW_AUDIT = "view_audit"
    VIEW_USERS = "view_users"


PERMISSIONS: Dict[Role, FrozenSet[Permission]] = {
    Role.AANSPREEKPUNT: frozenset({Permission.READ_REPORTS, Permission.HANDLE_REPORTS,
                                   Permission.VIEW_MONITORING, Permission.EXPORT_MONITORING}),
    Role.COORDINATOR: frozenset({Permission.READ_REPORTS, Permission.VIEW_MONITORING,
                                 Permission.EXPORT_MONITORING}),
    Role.BEHEERDER: frozenset({Permission.VIEW_AUDIT, Permission.VIEW_USERS}),
    Role.BESTUUR: frozenset({Permission.VIEW_MONITORING, Permission.EXPORT_MONITORING}),
    Role.VERTROUWENSPERSOON: frozenset({Permission.READ_REPORTS, Permission.HANDLE_REPORTS}),
}

# Chosen values and codes: countable, never written by the pupil in their own words.
STRUCTURED_FIELDS = (
    "reference", "created_at", "urgency", "urgency_reason", "status", "reporter_role", "kinds",
    "places", "moment", "frequency", "confidentiality", "share_with", "delete_after",
)
# The pupil's own words, names and contact details.
PERSONAL_FIELDS = (
    "description", "place_note", "moment_note", "frequency_note", "since_when", "people_involved",
    "already_told", "desired_outcome", "contact",
)
# Held by a report cap (possible misuse): shown with the pupil's words, so the coordinator
# learns nothing of a protected report that came in a burst.
REVIEW_FIELDS = ("held",)
PROTECTED = frozenset({Confidentiality.ANONIEM, Confidentiality.VERTROUWELIJK})


class AccessDenied(PermissionError):
    """This role may not do this."""


def allowed(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())


def require(role: Role, permission: Permission) -> None:
    if not allowed(role, permission):
        raise AccessDenied(f"{role.value} may not {permission.value}")


HOME = {Role.BEHEERDER: "desk.audit_page", Role.BESTUUR: "desk.monitoring_page"}


def home_for(role: Role) -> str:
    """The page a role starts on (endpoint name in the desk blueprint)."""
    return HOME.get(role, "desk.inbox")


def in_schools(schools: Collection[str], report: Report) -> bool:
    """Is this report one of these schools'?"""
    return report.school_id in schools


def for_role(role: Role | str, report: Report) -> bool:
    """Is this report one this role handles? A report about an adult at school (a teacher, the
    caretaker) is the *vertrouwenspersoon*'s alone (the school file's ``staff_reports``): the
    aanspreekpunt and the coordinator may be that adult, so to them it does not exist. Every other
    report is not the vertrouwenspersoon's. The command line (the server's administrator) sees both."""
    if role == "cli":
        return True
    return report.about_adult == (Role(role) is Role.VERTROUWENSPERSOON)


def may_see(user: User, report: Report) -> bool:
    """May this user open this report at all: a role that reads reports, the report's school is
    one of the user's, and it is a report for this role (:func:`for_role`). When not, callers
    treat the report as one that does not exist."""
    return (allowed(user.role, Permission.READ_REPORTS) and in_schools(user.schools, report)
            and for_role(user.role, report))


def is_protected(report: Report) -> bool:
    return report.confidentiality in PROTECTED


def may_read_personal(role: Role, report: Report) -> bool:
    """May this role read the pupil's words, names and contact for this report?"""
    if not allowed(role, Permission.READ_REPORTS):
        return False
    if role is Role.AANSPREEKPUNT:
        return True
    return not is_protected(report)


# What the coordinator does not see of a protected report: the minute it came in (with a small
# school, a timestamp can tell who was at the computer) and why it is urgent (the reason names
# what happens to the pupil); nor the day it will be deleted (a year after that minute). Instead:
# the calendar weeks.
WITHHELD_WHEN_PROTECTED = ("created_at", "urgency_reason", "delete_after")


def report_fields(role: Role, report: Report) -> Dict[str, Any]:
    """The report's fields this role may see (others are absent, not blanked)."""
    require(role, Permission.READ_REPORTS)
    personal = may_read_personal(role, report)
    names = STRUCTURED_FIELDS + (PERSONAL_FIELDS + REVIEW_FIELDS if personal else ())
    fields = {name: getattr(report, name) for name in names
              if personal or name not in WITHHELD_WHEN_PROTECTED}
    if not personal:
        fields["received_week"] = week_label(report.created_at)
        if report.delete_after is not None:
            fields["delete_after_week"] = week_label(report.delete_after)
    return fields


def sees_misuse_signals(role: Role) -> bool:
    """Bursts of reports from one client, with their times: for whoever handles reports."""
    return allowed(role, Permission.HANDLE_REPORTS)


def received(role: Role, report: Report) -> Optional[str]:
    """The receipt week for a role that may not see the minute, else None (show the moment)."""
    return None if may_read_personal(role, report) else week_label(report.created_at)


@dataclass
class CaseView:
    """A case file as one role may see it. ``None`` lists mean: withheld for this role."""

    reference: str
    report: Dict[str, Any]
    personal_withheld: bool
    can_handle: bool
    nazorg_date: Optional[date]
    nazorg: List[NazorgRecord]
    statuses: List[StatusChange]  # reasons blanked when withheld
    entries: Optional[List[CaseEntry]]
    messages: Optional[List[PupilMessage]]
    additions: Optional[List[PupilAddition]]
    counts: Dict[str, int] = field(default_factory=dict)
    school_id: str = ""


def case_view(role: Role, case: CaseFile) -> CaseView:
    report = case.report
    personal = may_read_personal(role, report)
    statuses = case.history if personal else [
        StatusChange(c.from_status, c.to_status, None, c.author, c.created_at) for c in case.history
    ]
    return CaseView(
        reference=report.reference,
        report=report_fields(role, report),
        personal_withheld=not personal,
        can_handle=allowed(role, Permission.HANDLE_REPORTS),
        nazorg_date=case.nazorg_date,
        nazorg=list(case.nazorg),
        statuses=statuses,
        entries=list(case.entries) if personal else None,
        messages=list(case.messages) if personal else None,
        additions=list(case.additions) if personal else None,
        counts={"entries": len(case.entries), "messages": len(case.messages), "additions": len(case.additions)},
        school_id=report.school_id,
    )
