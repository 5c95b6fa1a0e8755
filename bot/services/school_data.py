"""A school that leaves: every piece of its data exported, then erased, and nothing of another school touched.

What is a school's: its reports with everything hanging from them (kinds, places, notifications, the
follow-up secret and nazorg date, case log, messages, additions, status changes, nazorg answers), its
desk users, and the audit entries filed under it (``bot.services.audit``). The export holds all of it,
the pupils' words opened (users without their other schools, passwords or second factors). The
erasure removes all of it: the reports through :func:`bot.services.erasure.erase` (which also takes
their follow-up attempts and ``.eml`` files), the users of this school alone with their sessions and
second factors, this school from users who also belong to others, and its audit entries. What stays
is one audit entry under the school's id saying who erased it, when, and how much (no contents).

Both work for a school id the server no longer serves (its file removed first, so nothing new comes
in), as long as the database holds something of it.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from bot.domain.desk import Actor, User
from bot.services import audit, erasure
from bot.services.audit import AuditAction
from bot.services.cases import load_case

EXPORT_FORMAT = "klankbord-school-export/1"
AUDIT_PAGE = 1000


@dataclass(frozen=True)
class SchoolData:
    """How much of one school the database holds (counts only)."""

    school_id: str
    name: Optional[str]  # None: no school file for it any more (not served)
    reports: int
    users: int  # desk users with this school among theirs
    audit_entries: int


@dataclass(frozen=True)
class Erased:
    school_id: str
    reports: int
    users_removed: int  # users of this school alone: gone
    users_kept: int  # users of other schools too: this school taken from them
    audit_entries: int


def plain(value: Any) -> Any:
    """A domain object as JSON-ready data: every field of a dataclass, enums by value, times in ISO 8601."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def schools_in_data(desk) -> List[SchoolData]:
    """Every school the server serves or the database holds something of, by id."""
    with desk.uow() as uow:
        counts = uow.desk.school_row_counts()
    ids = sorted(set(counts) | set(desk.schools.ids))
    found = []
    for school_id in ids:
        config = desk.school(school_id)
        count = counts.get(school_id, {})
        found.append(SchoolData(school_id, config.name if config is not None else None, count.get("reports", 0),
                                count.get("users", 0), count.get("audit", 0)))
    return found


def _members(uow, school_id: str) -> Tuple[List[User], List[User]]:
    """(users of this school alone, users of this school and others)."""
    members = uow.desk.users(school_ids=[school_id])
    return ([u for u in members if u.schools == frozenset({school_id})],
            [u for u in members if u.schools != frozenset({school_id})])


def _audit_of(uow, school_id: str) -> List[Any]:
    """The audit entries filed under this school (not the instance's own), oldest first."""
    found: List[Any] = []
    offset = 0
    while True:
        page = uow.desk.audit_entries(limit=AUDIT_PAGE, offset=offset, school_ids=[school_id])
        found += [e for e in page if e.school_id == school_id]
        if len(page) < AUDIT_PAGE:
            return list(reversed(found))
        offset += AUDIT_PAGE


def _user(user: User) -> Dict[str, Any]:
    """A user of the school: who, role, since when, last login. Not their other schools (another
    school's business), nor password, second factor or sessions (credentials, not records)."""
    return {"username": user.username, "role": user.role.value, "active": user.active,
            "created_at": plain(user.created_at), "last_login_at": plain(user.last_login_at)}


def export_school(desk, school_id: str, actor: Optional[Actor] = None) -> Dict[str, Any]:
    """Everything of this school, the sealed texts opened: personal data, to be handed over and kept
    as such. Audited under the school (the entry is not in the export it records)."""
    actor = actor or audit.cli_actor([school_id])
    config = desk.school(school_id)
    with desk.uow() as uow:
        files = [load_case(uow, r.reference) for r in reversed(uow.reports.list(school_ids=[school_id]))]
        reports = [{**plain(case), "notifications": plain(uow.notifications.for_report(case.report.reference))}
                   for case in files]
        members = uow.desk.users(school_ids=[school_id])
        entries = _audit_of(uow, school_id)
        data = {
            "format": EXPORT_FORMAT,
            "school_id": school_id,
            "school_name": config.name if config is not None else None,
            "exported_at": desk.now().isoformat(),
            "personal_data": "Bevat persoonsgegevens (de eigen woorden van leerlingen, namen, contactgegevens). "
                             "/ Contains personal data.",
            "counts": {"reports": len(reports), "users": len(members), "audit_entries": len(entries)},
            "reports": reports,
            "users": [_user(u) for u in members],
            "audit_log": plain(entries),
        }
        audit.record(uow.desk, actor, AuditAction.EXPORT_REPORTS, desk.now(),
                     detail=f"school {school_id} geheel: {len(reports)} meldingen, {len(members)} gebruikers, "
                            f"{len(entries)} auditregels", schools=[school_id])
        uow.commit()
    return data


def erase_school(desk, school_id: str, outbox_dir: Optional[Path], actor: Optional[Actor] = None) -> Erased:
    """Erase everything of this school (see the module); every other school's rows stay as they were.

    In two steps, each one transaction: the reports (``erasure.erase``, only reports of this school),
    then users and audit entries, with the entry that records the erasure. Run again after a failure,
    it goes on where it stopped."""
    actor = actor or audit.cli_actor([school_id])
    with desk.uow() as uow:
        references = [r.reference for r in uow.reports.list(school_ids=[school_id])]
    erased = erasure.erase(desk, references, outbox_dir, school_ids=[school_id])
    with desk.uow() as uow:
        alone, shared = _members(uow, school_id)
        for user in alone:
            uow.desk.delete_user(user.id)
        for user in shared:
            uow.desk.remove_user_schools(user.id, [school_id])
        entries = uow.desk.delete_audit_of_school(school_id)
        result = Erased(school_id, len(erased), len(alone), len(shared), entries)
        detail = (f"school {school_id} gewist: {result.reports} meldingen, {result.users_removed} gebruikers, "
                  f"{result.users_kept} andere zonder deze school, {result.audit_entries} auditregels")
        audit.record(uow.desk, actor, AuditAction.DELETE_REPORT, desk.now(), detail=detail, schools=[school_id])
        uow.commit()
    return result
