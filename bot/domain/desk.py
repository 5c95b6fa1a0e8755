"""The desk's domain objects: plain dataclasses and enums, free of SQLAlchemy and Flask."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import FrozenSet, List, Optional

from bot.domain.report import Report, Status


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Role(str, enum.Enum):
    """Who works in the desk (see :mod:`bot.domain.access` for what each may do)."""

    AANSPREEKPUNT = "aanspreekpunt"  # handles reports; sees the reporter where the pupil allowed it
    COORDINATOR = "coordinator"  # anti-pest coördinator: policy view, no identities of protected reports
    BEHEERDER = "beheerder"  # users and the audit log; no report contents
    BESTUUR = "bestuur"  # the school board: monitoring counts of its schools, nothing else
    VERTROUWENSPERSOON = "vertrouwenspersoon"  # the school file's staff_reports: only reports about an adult at school

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.AANSPREEKPUNT: "aanspreekpunt pesten",
    Role.COORDINATOR: "coördinator anti-pestbeleid",
    Role.BEHEERDER: "beheerder",
    Role.BESTUUR: "bestuur",
    Role.VERTROUWENSPERSOON: "vertrouwenspersoon (meldingen over volwassenen op school)",
}


@dataclass(frozen=True)
class Actor:
    """Whoever does something the audit log records: a desk user, the command line or a pupil.

    ``schools``: the schools this actor works for (a desk user's; the command line's ``--school``):
    what it may reach, and the schools an entry about the actor itself is filed under.
    """

    name: str
    role: str  # a Role value, "cli" or "leerling"
    schools: FrozenSet[str] = frozenset()

    @staticmethod
    def of(user: "User") -> "Actor":
        return Actor(user.username, user.role.value, user.schools)


@dataclass
class User:
    """A desk user. ``schools``: the ids of the schools whose reports, counts and audit entries
    this user may see (``bot.domain.access.may_see``); nothing of any other school."""

    id: int
    username: str
    role: Role
    active: bool
    created_at: datetime
    last_login_at: Optional[datetime] = None
    schools: FrozenSet[str] = frozenset()


class NazorgAnswer(str, enum.Enum):
    """The pupil's answer to "Is het pesten gestopt?"."""

    GESTOPT = "gestopt"
    NIET_GESTOPT = "niet_gestopt"
    EEN_BEETJE = "een_beetje"

    @property
    def label(self) -> str:
        return {"gestopt": "ja, gestopt", "niet_gestopt": "nee, niet gestopt",
                "een_beetje": "een beetje"}[self.value]


@dataclass
class CaseEntry:
    """One line of the written record: what was done or agreed, with whom, when."""

    happened_on: date
    what: str
    with_whom: Optional[str]
    author: str
    created_at: datetime
    id: Optional[int] = None


@dataclass
class PupilMessage:
    """A message the aanspreekpunt wrote for the pupil, shown in the chat after code + secret."""

    text: str
    author: str
    created_at: datetime
    read_at: Optional[datetime] = None
    id: Optional[int] = None


@dataclass
class PupilAddition:
    """Information the pupil added later through the chat."""

    text: str
    created_at: datetime
    id: Optional[int] = None


@dataclass
class NazorgRecord:
    answer: NazorgAnswer
    created_at: datetime


@dataclass
class StatusChange:
    from_status: Status
    to_status: Status
    reason: Optional[str]
    author: str
    created_at: datetime


@dataclass
class AuditEntry:
    at: datetime
    actor: str
    actor_role: str
    action: str
    reference: Optional[str] = None
    detail: Optional[str] = None
    id: Optional[int] = None
    school_id: Optional[str] = None  # the school it is about; None: the instance's (shown to every beheerder)


@dataclass
class CaseFile:
    """A report with everything the desk keeps about it."""

    report: Report
    nazorg_date: Optional[date] = None
    has_secret: bool = False
    entries: List[CaseEntry] = field(default_factory=list)
    messages: List[PupilMessage] = field(default_factory=list)
    additions: List[PupilAddition] = field(default_factory=list)
    nazorg: List[NazorgRecord] = field(default_factory=list)
    history: List[StatusChange] = field(default_factory=list)
