"""Helpers for the desk tests: a desk on a throwaway SQLite file, a settable clock,
reports and users made directly, without the chat."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, List, Optional

from bot.domain import vocabulary
from bot.bootstrap import Klankbord, bootstrap
from bot.domain.school import load_config
from bot.services import users
from bot.services.followup import Limits
from bot.domain.desk import Actor, Role, User
from bot.adapters.mail.senders import EmlOutboxSender
from bot.domain.report import Confidentiality, Report, ReporterRole, new_reference

PASSWORD = "een-lang-wachtwoord-42"
ADMIN = Actor("test", "cli")

# Words that must never reach a coordinator for a protected report.
SECRET_DESCRIPTION = "Beschrijving-GEHEIM: ze duwen me elke dag tegen de kluisjes"
SECRET_NAMES = "Namen-GEHEIM: Piet Pietersen en Jan Jansen"
SECRET_CONTACT = "Contact-GEHEIM: sam@example.org"
SECRET_FIELDS = (SECRET_DESCRIPTION, SECRET_NAMES, SECRET_CONTACT)


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now = self.now + timedelta(**kwargs)


def make_desk(tmp_path: Path, clock: Optional[Clock] = None, limits: Optional[Limits] = None,
              url: Optional[str] = None) -> Klankbord:
    config = load_config()
    app = bootstrap(config=config, database_url=url or f"sqlite:///{tmp_path / 'desk.db'}",
                    sender=EmlOutboxSender(tmp_path / "outbox"), clock=clock)
    if limits is not None:
        app.limits = limits
    return app


def add_user(desk: Klankbord, name: str, role: Role, password: str = PASSWORD) -> User:
    return users.add_user(desk, name, role, password, ADMIN)


def add_report(desk: Klankbord, *, confidentiality: Confidentiality = Confidentiality.VERTROUWELIJK,
               created_at: Optional[datetime] = None, urgent: bool = False,
               kinds: Iterable[str] = ("schelden",), places: Iterable[str] = ("klas",),
               moment: Optional[str] = "pauze", role: ReporterRole = ReporterRole.LEERLING,
               description: str = SECRET_DESCRIPTION, people: Optional[str] = SECRET_NAMES,
               contact: Optional[str] = SECRET_CONTACT, since_when: str = "Sinds-GEHEIM de zomer",
               already_told: str = "Weet-GEHEIM: mijn zus", desired_outcome: str = "Wens-GEHEIM: dat het stopt") -> str:
    from bot.domain.report import SafetyCategory, Urgency

    report = Report(
        reference=new_reference(), school_id=desk.config.school_id, reporter_role=role,
        description=description, confidentiality=confidentiality, kinds=list(kinds), places=list(places),
        moment=moment, frequency="elke_dag", since_when=since_when,
        people_involved=people, already_told=already_told, desired_outcome=desired_outcome,
        place_note="Plek-GEHEIM: achter de aula" if "anders" in places else None,
        moment_note="Wanneer-GEHEIM: als de bus van Jan komt" if moment == "anders" else None,
        contact=contact, conversation_id="conv-1",
        urgency=Urgency.HOOG if urgent else Urgency.NORMAAL,
        urgency_reason=SafetyCategory.ACUUT_GEVAAR if urgent else None,
        created_at=created_at or desk.now(),
    )
    report.set_retention(desk.config.retention_days)
    with desk.uow() as uow:
        uow.reports.add(report)
        uow.commit()
    return report.reference


def generated_reports(desk: Klankbord, count: int, seed: int = 7, start: Optional[datetime] = None) -> List[str]:
    """``count`` varied reports spread over the school year before ``start`` (default: the clock)."""
    rng = random.Random(seed)
    start = start or desk.now()
    kinds = vocabulary.canonical_values(vocabulary.KIND)
    places = vocabulary.canonical_values(vocabulary.PLACE)
    moments = vocabulary.canonical_values(vocabulary.MOMENT)
    refs = []
    for i in range(count):
        refs.append(add_report(
            desk,
            confidentiality=rng.choice(list(Confidentiality)),
            created_at=start - timedelta(days=rng.randint(0, 100), hours=rng.randint(0, 23)),
            kinds=rng.sample(kinds[:4], rng.randint(1, 2)),
            places=[rng.choice(places[:5])],
            moment=rng.choice(moments[:3]),
            role=rng.choice([ReporterRole.LEERLING, ReporterRole.LEERLING, ReporterRole.GETUIGE, ReporterRole.OUDER]),
        ))
    return refs
