"""Case handling for the aanspreekpunt: inbox, case file, status flow, case log, nazorg, messages.

Every function takes the acting :class:`~bot.domain.desk.User` (or an audit actor for the
command line), checks the role in :mod:`bot.domain.access`, and writes the audit log in the same
transaction as the change. Each sees only the reports of the user's (or the command's) schools: a
report of another school raises :class:`UnknownReport`, exactly as one that does not exist. Times
and recipients come from the report's own school file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Collection, Dict, List, Optional

from bot.domain import access
from bot.domain.report_caps import ORIGIN_KEPT, MisuseSignal, misuse_signals
from bot.services import audit
from bot.services.reporting import queue_notifications
from bot.domain.access import CaseView, Permission
from bot.services.audit import AuditAction
from bot.services.checkin import nazorg_due
from bot.domain.desk import Actor, CaseEntry, CaseFile, PupilMessage, Role, StatusChange, User
from bot.services.ports import UnknownReport
from bot.domain.calendar import local_day
from bot.domain.report import Report, Status, normalize_reference

MAX_TEXT = 4000
MAX_REASON = 1000

TRANSITIONS: Dict[Status, frozenset] = {
    Status.NIEUW: frozenset({Status.IN_BEHANDELING, Status.AFGESLOTEN}),
    Status.IN_BEHANDELING: frozenset({Status.AFGESLOTEN}),
    Status.AFGESLOTEN: frozenset({Status.IN_BEHANDELING}),  # reopened
}
STATUS_LABELS = {
    Status.NIEUW: "nieuw",
    Status.IN_BEHANDELING: "in behandeling",
    Status.AFGESLOTEN: "afgesloten",
}


class CaseError(ValueError):
    """A change that cannot be made as asked (the message says why, in Dutch)."""


def reason_required(old: Status, new: Status) -> bool:
    """Closing and reopening need a reason."""
    return new is Status.AFGESLOTEN or old is Status.AFGESLOTEN


def working_days_between(start: date, end: date) -> int:
    """Working days (Mon-Fri) after ``start`` up to and including ``end``; 0 when end <= start."""
    days = 0
    current = start
    while current < end:
        current = date.fromordinal(current.toordinal() + 1)
        if current.weekday() < 5:
            days += 1
    return days


@dataclass
class InboxItem:
    reference: str
    created_at: datetime
    urgent: bool
    status: Status
    reporter_role: str
    confidentiality: str
    kinds: List[str]
    places: List[str]
    age_working_days: int
    deadline: date
    overdue: bool
    nazorg_date: Optional[date] = None
    nazorg_due: bool = False
    additions: int = 0
    received_week: Optional[str] = None  # instead of the moment, where the role may not see it
    held: bool = False  # over a report cap, not mailed: for a person to check (where the role may know)
    school_id: str = ""
    response_days: int = 0  # its school's promised response time


@dataclass
class Inbox:
    open: List[InboxItem] = field(default_factory=list)  # urgent first, then oldest
    nazorg_due: List[InboxItem] = field(default_factory=list)
    closed: List[InboxItem] = field(default_factory=list)  # newest first
    response_days: Optional[int] = 0  # None: the user's schools promise different times
    misuse: List[MisuseSignal] = field(default_factory=list)  # many reports from one client in an hour
    school_names: Dict[str, str] = field(default_factory=dict)  # id -> name, for a user of several schools


def _school_or_default(desk, school_id: str):
    """The report's school (the first school's settings for a school no longer served)."""
    return desk.school(school_id) or desk.config


def response_days(desk, school_id: str) -> int:
    """The response time the report's school promises, in school days."""
    return _school_or_default(desk, school_id).response_days


def deadline(desk, school_id: str, created: date) -> date:
    """The day by which the school promised to answer a report made on ``created``: its response
    time in school days, skipping weekends and the school file's holidays (as the mail says)."""
    return _school_or_default(desk, school_id).answer_due(created)


def school_name(desk, school_id: str) -> str:
    config = desk.school(school_id)
    return config.name if config is not None else school_id


def _visible(uow, schools: Collection[str], reference: str, role: Role | str) -> Report:
    """The report, when it is one of these schools' and one for this role (``access.for_role``);
    else :class:`UnknownReport`, as for no report."""
    report = uow.reports.get(reference)
    if report is None or not access.in_schools(schools, report) or not access.for_role(role, report):
        raise UnknownReport(reference)
    return report


def _item(report: Report, info: Dict, today: date, days: int, due: date, role: Role) -> InboxItem:
    created = local_day(report.created_at)
    nazorg_date = info.get("nazorg_date")
    last_answer = info.get("last_nazorg_answer")
    answers_since = last_answer is not None and nazorg_date is not None and local_day(last_answer) >= nazorg_date
    return InboxItem(
        reference=report.reference, created_at=report.created_at, urgent=report.is_urgent,
        status=report.status, reporter_role=report.reporter_role.value,
        confidentiality=report.confidentiality.value, kinds=list(report.kinds), places=list(report.places),
        age_working_days=working_days_between(created, today), deadline=due,
        overdue=report.status is Status.NIEUW and today > due,
        nazorg_date=nazorg_date,
        nazorg_due=nazorg_date is not None and nazorg_date <= today and not answers_since,
        additions=info.get("additions", 0),
        received_week=access.received(role, report),
        held=report.held and access.may_read_personal(role, report),
        school_id=report.school_id, response_days=days,
    )


def inbox(desk, user: User) -> Inbox:
    """The reports of the user's schools."""
    access.require(user.role, Permission.READ_REPORTS)
    today = local_day(desk.now())
    schools = sorted(user.schools)
    with desk.uow() as uow:
        reports = [r for r in uow.reports.list(school_ids=schools) if access.for_role(user.role, r)]
        overview = uow.desk.followup_overview(school_ids=schools)
        signals = access.sees_misuse_signals(user.role)
        activity = uow.reports.client_activity(desk.now() - ORIGIN_KEPT, school_ids=schools) if signals else []
    days = {school_id: response_days(desk, school_id) for school_id in schools}
    days.update({r.school_id: response_days(desk, r.school_id) for r in reports if r.school_id not in days})
    promised = set(days.values()) or {desk.config.response_days}
    items = [_item(r, overview.get(r.reference, {}), today, days[r.school_id],
                   deadline(desk, r.school_id, local_day(r.created_at)), user.role) for r in reports]
    result = Inbox(response_days=promised.pop() if len(promised) == 1 else None,
                   misuse=misuse_signals(activity, desk.settings.reports.per_client_hour),
                   school_names={s: school_name(desk, s) for s in schools} if len(schools) > 1 else {})
    result.open = sorted((i for i in items if i.status is not Status.AFGESLOTEN),
                         key=lambda i: (not i.urgent, i.created_at))
    result.closed = sorted((i for i in items if i.status is Status.AFGESLOTEN),
                           key=lambda i: i.created_at, reverse=True)
    result.nazorg_due = sorted((i for i in items if i.nazorg_due), key=lambda i: i.nazorg_date)
    return result


def _reference(text: str) -> str:
    reference = normalize_reference(text or "")
    if reference is None:
        raise UnknownReport(text)
    return reference


def load_case(uow, reference: str) -> CaseFile:
    report = uow.reports.get(reference)
    if report is None:
        raise UnknownReport(reference)
    repo = uow.desk
    return CaseFile(
        report=report, nazorg_date=repo.nazorg_date(reference),
        has_secret=repo.secret_hash(reference) is not None, entries=repo.case_entries(reference),
        messages=repo.messages(reference), additions=repo.additions(reference),
        nazorg=repo.nazorg_answers(reference), history=repo.status_history(reference),
    )


def open_case(desk, user: User, reference: str) -> CaseView:
    """The case as this user may see it; the viewing is audited."""
    access.require(user.role, Permission.READ_REPORTS)
    reference = _reference(reference)
    with desk.uow() as uow:
        report = uow.reports.get(reference)
        if report is None or not access.may_see(user, report):
            raise UnknownReport(reference)
        case = load_case(uow, reference)
        view = access.case_view(user.role, case)
        audit.record(uow.desk, Actor.of(user), AuditAction.VIEW_REPORT, desk.now(), reference,
                     "zonder persoonlijke gegevens" if view.personal_withheld else None)
        uow.commit()
    return view


def _text(value: Optional[str], name: str, limit: int = MAX_TEXT, required: bool = True) -> Optional[str]:
    value = (value or "").strip()
    if not value:
        if required:
            raise CaseError(f"vul {name} in")
        return None
    if len(value) > limit:
        raise CaseError(f"{name} is te lang (hoogstens {limit} tekens)")
    return value


def change_status(desk, actor: Actor, reference: str, new_status: Status | str,
                  reason: Optional[str] = None) -> StatusChange:
    """Move a report along nieuw -> in_behandeling -> afgesloten (closing and reopening need a reason).

    ``actor`` is a desk user's :class:`Actor` (role checked) or the command line's; either reaches
    only the reports of its own schools (``actor.schools``).
    """
    if actor.role != "cli":
        access.require(Role(actor.role), Permission.HANDLE_REPORTS)
    try:
        new_status = Status(new_status)
    except ValueError:
        raise CaseError(f"onbekende status; kies uit {', '.join(s.value for s in Status)}") from None
    reference = _reference(reference)
    now = desk.now()
    with desk.uow() as uow:
        report = _visible(uow, actor.schools, reference, actor.role)
        old = report.status
        if new_status not in TRANSITIONS[old]:
            raise CaseError(f"van '{STATUS_LABELS[old]}' kan niet naar '{STATUS_LABELS[new_status]}'")
        reason = _text(reason, "een reden", MAX_REASON, required=reason_required(old, new_status))
        change = StatusChange(old, new_status, reason, actor.name, now)
        uow.desk.set_report_status(reference, new_status)
        uow.desk.add_status_change(reference, change)
        audit.record(uow.desk, actor, AuditAction.CHANGE_STATUS, now, reference,
                     f"{old.value} -> {new_status.value}")
        uow.commit()
    return change


def _handle(desk, user: User, reference: str):
    access.require(user.role, Permission.HANDLE_REPORTS)
    return _reference(reference), desk.now()


def add_entry(desk, user: User, reference: str, happened_on: Optional[date], what: str,
              with_whom: Optional[str]) -> CaseEntry:
    """Write down what was done or agreed, with whom, and when."""
    reference, now = _handle(desk, user, reference)
    entry = CaseEntry(happened_on=happened_on or local_day(now), what=_text(what, "wat er gebeurde"),
                      with_whom=_text(with_whom, "met wie", 1000, required=False), author=user.username,
                      created_at=now)
    if entry.happened_on > local_day(now):
        raise CaseError("de datum ligt in de toekomst")
    with desk.uow() as uow:
        _visible(uow, user.schools, reference, user.role)
        uow.desk.add_case_entry(reference, entry)
        audit.record(uow.desk, Actor.of(user), AuditAction.ADD_CASE_ENTRY, now, reference)
        uow.commit()
    return entry


def set_nazorg_date(desk, user: User, reference: str, day: Optional[date]) -> None:
    reference, now = _handle(desk, user, reference)
    with desk.uow() as uow:
        _visible(uow, user.schools, reference, user.role)
        uow.desk.set_nazorg_date(reference, day, now)
        audit.record(uow.desk, Actor.of(user), AuditAction.SET_NAZORG_DATE, now, reference,
                     day.isoformat() if day else "gewist")
        uow.commit()


def add_message(desk, user: User, reference: str, text: str) -> PupilMessage:
    """A message for the pupil, shown in the chat after code + secret."""
    reference, now = _handle(desk, user, reference)
    message = PupilMessage(text=_text(text, "het bericht"), author=user.username, created_at=now)
    with desk.uow() as uow:
        _visible(uow, user.schools, reference, user.role)
        uow.desk.add_message(reference, message)
        audit.record(uow.desk, Actor.of(user), AuditAction.ADD_MESSAGE, now, reference)
        uow.commit()
    return message


def release(desk, user: User, reference: str) -> bool:
    """Mail a held report like any other, to its own school's recipients (once: False when it was
    not held any more)."""
    reference, now = _handle(desk, user, reference)
    with desk.uow() as uow:
        report = _visible(uow, user.schools, reference, user.role)
        config = desk.school(report.school_id)
        if config is None:
            raise CaseError("de school van deze melding staat niet meer in de instellingen")
        released = uow.reports.release(reference)
        if released:
            queue_notifications(uow, report, config, at=now)
            audit.record(uow.desk, Actor.of(user), AuditAction.RELEASE_REPORT, now, reference)
        uow.commit()
    return released


def export(desk, actor: Actor) -> List[CaseFile]:
    """Every report of the actor's schools with its whole case file, oldest first (for a school
    that leaves, or a request to see one's data); audited per school with the count."""
    schools = sorted(actor.schools)
    with desk.uow() as uow:
        files = [load_case(uow, r.reference) for r in reversed(uow.reports.list(school_ids=schools))]
        for school_id in schools:
            count = sum(1 for f in files if f.report.school_id == school_id)
            audit.record(uow.desk, actor, AuditAction.EXPORT_REPORTS, desk.now(), detail=f"{count} meldingen",
                         schools=[school_id])
        uow.commit()
    return files


__all__ = [
    "CaseError", "Inbox", "InboxItem", "TRANSITIONS", "add_entry", "add_message", "change_status", "deadline", "export",
    "inbox", "load_case", "nazorg_due", "open_case", "release", "response_days", "set_nazorg_date",
    "working_days_between",
]
