"""Helpers for the desk tests: a desk on a throwaway SQLite file, a settable clock,
reports and users made directly, without the chat, and logins with a real second factor."""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional

import pyotp
import yaml

from bot.domain import vocabulary
from bot.bootstrap import Klankbord, bootstrap
from bot.domain.school import DEFAULT_CONFIG, Schools, load_config, load_schools
from bot.domain import second_factor as factor_rules
from bot.services import second_factor, users
from bot.services.followup import Limits
from bot.domain.desk import Actor, Role, User
from bot.services.users import LoginOutcome, LoginResult
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


SCHOOL_A = "voorbeeldschool"
SCHOOL_B = "tweedeschool"


def second_school_file(folder: Path, school_id: str = SCHOOL_B, name: str = "De Tweede School",
                       response_days: int = 5) -> Path:
    """A copy of the example school as another school: its own id, name and e-mail addresses."""
    text = DEFAULT_CONFIG.read_text(encoding="utf-8").replace("voorbeeldschool.example", f"{school_id}.example")
    data = yaml.safe_load(text)
    data.update(school_id=school_id, name=name, response_days=response_days)
    path = folder / f"{school_id}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def two_schools(tmp_path: Path) -> Schools:
    """The example school (A) and a second one (B, 5 response days instead of 2), from a folder."""
    folder = tmp_path / "schools"
    folder.mkdir(exist_ok=True)
    (folder / DEFAULT_CONFIG.name).write_text(DEFAULT_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    second_school_file(folder)
    return load_schools(folder)


def make_desk(tmp_path: Path, clock: Optional[Clock] = None, limits: Optional[Limits] = None,
              url: Optional[str] = None, schools: Optional[Schools] = None) -> Klankbord:
    config = schools or load_config()
    app = bootstrap(config=config, database_url=url or f"sqlite:///{tmp_path / 'desk.db'}",
                    sender=EmlOutboxSender(tmp_path / "outbox"), clock=clock)
    if limits is not None:
        app.limits = limits
    return app


# The TOTP secret of each user enrolled in this test process (the latest enrolment of a name), and
# the last time step a helper code was made for, since the desk refuses a step used before.
SECRETS: Dict[str, str] = {}
_LAST_STEP: Dict[str, int] = {}


def add_user(desk: Klankbord, name: str, role: Role, password: str = PASSWORD,
             schools: Optional[Iterable[str]] = None) -> User:
    """A user as ``klankbord users add`` makes one: enrolled for the second factor where the role needs it."""
    user = users.add_user(desk, name, role, password, ADMIN, schools=schools)
    if factor_rules.required(user.role, enrolled=False):
        enrol(desk, user.username)
    return user


def enrol(desk: Klankbord, name: str) -> factor_rules.Enrolment:
    enrolment = second_factor.enrol(desk, name, ADMIN)
    remember_secret(enrolment.username, enrolment.secret)
    return enrolment


def remember_secret(name: str, secret: str) -> None:
    """Use ``secret`` for ``name``'s codes from now on (after an enrolment the test did otherwise)."""
    SECRETS[name] = secret
    _LAST_STEP.pop(name, None)


def totp_code(name: str, clock: Optional[Callable[[], datetime]] = None) -> str:
    """A real code from ``name``'s enrolled secret, as an authenticator app shows it, for a time step
    not used before. The desk accepts the current step and the next; when both are used, this waits
    for the next step: a test ``Clock`` is moved on 30 s, the real clock is slept on."""
    name = users.normalize_username(name)
    totp = pyotp.TOTP(SECRETS[name])
    while True:
        now = clock() if clock is not None else datetime.now(timezone.utc)
        current = totp.timecode(now)
        step = max(current, _LAST_STEP.get(name, current - 1) + 1)
        if step <= current + second_factor.DRIFT_STEPS:
            _LAST_STEP[name] = step
            return totp.generate_otp(step)
        if isinstance(clock, Clock):
            clock.advance(seconds=totp.interval)
        else:
            time.sleep(totp.interval - now.timestamp() % totp.interval + 0.05)


def login(desk: Klankbord, name: str, password: str = PASSWORD, client: str = "") -> LoginResult:
    """A whole login on the service level: the password, then (where asked) a real TOTP code."""
    result = users.authenticate(desk, name, password, client=client)
    if result.outcome is not LoginOutcome.CODE_NEEDED:
        return result
    return second_factor.check_code(desk, result.user, totp_code(name, desk.clock), client=client)


def add_report(desk: Klankbord, *, confidentiality: Confidentiality = Confidentiality.VERTROUWELIJK,
               created_at: Optional[datetime] = None, urgent: bool = False,
               kinds: Iterable[str] = ("schelden",), places: Iterable[str] = ("klas",),
               moment: Optional[str] = "pauze", role: ReporterRole = ReporterRole.LEERLING,
               description: str = SECRET_DESCRIPTION, people: Optional[str] = SECRET_NAMES,
               contact: Optional[str] = SECRET_CONTACT, since_when: str = "Sinds-GEHEIM de zomer",
               already_told: str = "Weet-GEHEIM: mijn zus", desired_outcome: str = "Wens-GEHEIM: dat het stopt",
               school_id: Optional[str] = None, about_adult: bool = False) -> str:
    from bot.domain.report import SafetyCategory, Urgency

    report = Report(
        reference=new_reference(), school_id=school_id or desk.config.school_id, reporter_role=role,
        description=description, confidentiality=confidentiality, kinds=list(kinds), places=list(places),
        moment=moment, frequency="elke_dag", since_when=since_when,
        people_involved=people, already_told=already_told, desired_outcome=desired_outcome,
        place_note="Plek-GEHEIM: achter de aula" if "anders" in places else None,
        moment_note="Wanneer-GEHEIM: als de bus van Jan komt" if moment == "anders" else None,
        contact=contact, conversation_id="conv-1",
        urgency=Urgency.HOOG if urgent else Urgency.NORMAAL,
        urgency_reason=SafetyCategory.ACUUT_GEVAAR if urgent else None,
        created_at=created_at or desk.now(), about_adult=about_adult,
    )
    report.set_retention(desk.config.retention_days)
    with desk.uow() as uow:
        uow.reports.add(report)
        uow.commit()
    return report.reference


def generated_reports(desk: Klankbord, count: int, seed: int = 7, start: Optional[datetime] = None,
                      school_id: Optional[str] = None) -> List[str]:
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
            school_id=school_id,
        ))
    return refs
