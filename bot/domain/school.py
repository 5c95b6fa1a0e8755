"""School configuration: one YAML file per school, checked at start.

Every error names the file and the field, so a school's administrator can fix it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Dict, Iterator, Mapping, Optional, Tuple

import yaml

from bot.domain.calendar import add_working_days

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # relative paths in a school file start here
DEFAULT_SCHOOLS = PROJECT_ROOT / "schools"  # one file per school
DEFAULT_CONFIG = DEFAULT_SCHOOLS / "voorbeeldschool.yml"
DEFAULT_DESK_URL = "http://127.0.0.1:8080/desk"  # where the desk is when the settings name none

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9][0-9 \-]{1,18}[0-9]$")
_URL = re.compile(r"^https://[^\s]+$")
_SCHOOL_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{1,62}$")

REQUIRED_HELPLINES = (
    "kindertelefoon", "zelfmoordpreventie", "noodnummer", "politie", "veilig_thuis", "helpwanted",
)


class ConfigError(ValueError):
    """A school configuration that cannot be used; the message names file and field."""

    def __init__(self, path: Path, field_name: str, problem: str) -> None:
        self.path = path
        self.field_name = field_name
        super().__init__(f"{path}: field '{field_name}': {problem}")


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    email: str
    where: str
    when: str


@dataclass(frozen=True)
class Helpline:
    key: str
    name: str
    phone: Optional[str] = None
    phone_alt: Optional[str] = None
    url: Optional[str] = None
    note: Optional[str] = None
    verified: bool = True  # False: the number is not checked (``verified: false``), so no text shows it

    @property
    def site(self) -> str:
        """The web address as a pupil types it (without "https://"); empty when there is none."""
        return self.url.removeprefix("https://") if self.url else ""


@dataclass(frozen=True)
class Holiday:
    """A school holiday, first and last day included (``holidays`` in the school file)."""

    name: str
    first: date
    last: date


@dataclass(frozen=True)
class Commission:
    name: str
    url: str


SCHOOL_TYPES = ("po", "vo", "so")  # primair, voortgezet, speciaal onderwijs


@dataclass(frozen=True)
class SchoolConfig:
    source: Path
    school_id: str
    name: str
    parent_register: str
    aanspreekpunt: Person
    deputy: Person
    vertrouwenspersoon: Person
    coordinator: Person
    response_days: int
    retention_days: int
    klachtenregeling_url: str
    klachtencommissie: Commission
    sanctions_url: Optional[str]
    helplines_checked_on: date
    helplines: Dict[str, Helpline] = field(default_factory=dict)
    outbox_dir: Path = PROJECT_ROOT / "var" / "outbox"
    staff_reports: Optional[Person] = None  # who gets reports about an adult at school (None: the vertrouwenspersoon)
    holidays: Tuple[Holiday, ...] = ()  # optional: response times skip them
    aandachtsfunctionaris: Optional[Person] = None  # optional: the meldcode's expert at school (never guessed)
    school_type: Optional[str] = None  # optional: po, vo or so (which words pupils use for teachers)

    def helpline(self, key: str) -> Helpline:
        return self.helplines[key]

    def is_holiday(self, day: date) -> bool:
        return any(h.first <= day <= h.last for h in self.holidays)

    def answer_due(self, created: date) -> date:
        """The last day for an answer to a report made on ``created``: ``response_days`` school
        days later, weekends and the school's holidays skipped (the pupil's text, the mail, the desk)."""
        return add_working_days(created, self.response_days, self.is_holiday)

    def holidays_known_until(self) -> Optional[date]:
        """The last day the holiday list speaks for (its last holiday's end); None without a list."""
        return max((h.last for h in self.holidays), default=None)

    def handler(self, about_adult: bool = False) -> Person:
        """Who reads a report: the aanspreekpunt, or for a report about an adult at school (a
        teacher, the caretaker) the person the school file names for those, never the aanspreekpunt."""
        if about_adult:
            return self.staff_reports or self.vertrouwenspersoon
        return self.aanspreekpunt


class _Reader:
    """Reads typed fields from a mapping and names the field on every error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, name: str, problem: str) -> ConfigError:
        return ConfigError(self.path, name, problem)

    def section(self, data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
        value = data.get(name.rsplit(".", 1)[-1])
        if not isinstance(value, Mapping):
            raise self.fail(name, "missing or not a section")
        return value

    def text(self, data: Mapping[str, Any], name: str, *, required: bool = True,
             pattern: Optional[re.Pattern] = None, what: str = "") -> Optional[str]:
        value = data.get(name.rsplit(".", 1)[-1])
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail(name, "missing")
            return None
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise self.fail(name, "must be text")
        value = str(value).strip()
        if pattern is not None and not pattern.match(value):
            raise self.fail(name, f"'{value}' is not {what}")
        return value

    def positive_int(self, data: Mapping[str, Any], name: str, maximum: int) -> int:
        value = data.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= maximum:
            raise self.fail(name, f"must be a whole number from 1 to {maximum}")
        return value

    def flag(self, data: Mapping[str, Any], name: str, default: bool) -> bool:
        value = data.get(name.rsplit(".", 1)[-1], default)
        if not isinstance(value, bool):
            raise self.fail(name, "must be true or false")
        return value

    def day(self, data: Mapping[str, Any], key: str, name: str) -> date:
        value = data.get(key)
        if not isinstance(value, date) or isinstance(value, datetime):
            raise self.fail(name, "must be a date like 2026-12-19")
        return value

    def holidays(self, data: Mapping[str, Any]) -> Tuple[Holiday, ...]:
        """``holidays`` (optional): a list of {name, from, to}; ``to`` may be left out for one day."""
        entries = data.get("holidays")
        if entries is None:
            return ()
        if not isinstance(entries, list):
            raise self.fail("holidays", "must be a list of holidays with name, from and to")
        found = []
        for i, entry in enumerate(entries):
            name = f"holidays[{i}]"
            if not isinstance(entry, Mapping):
                raise self.fail(name, "must be a section with name, from and to")
            first = self.day(entry, "from", f"{name}.from")
            last = self.day(entry, "to", f"{name}.to") if entry.get("to") is not None else first
            if last < first:
                raise self.fail(f"{name}.to", f"{last} is before 'from' ({first})")
            found.append(Holiday(self.text(entry, f"{name}.name", required=False) or "vakantie", first, last))
        return tuple(sorted(found, key=lambda h: h.first))

    def person(self, data: Mapping[str, Any], name: str) -> Person:
        section = self.section(data, name)
        return Person(
            name=self.text(section, f"{name}.name"),
            role=self.text(section, f"{name}.role"),
            email=self.text(section, f"{name}.email", pattern=_EMAIL, what="an e-mail address"),
            where=self.text(section, f"{name}.where"),
            when=self.text(section, f"{name}.when"),
        )


def load_config(path: Optional[Path] = None) -> SchoolConfig:
    """Load and check a school configuration (default: the example school)."""
    path = Path(path or DEFAULT_CONFIG)
    if not path.is_file():
        raise ConfigError(path, "(file)", "file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(path, "(file)", f"not valid YAML: {exc}") from None
    if not isinstance(data, Mapping):
        raise ConfigError(path, "(file)", "must be a mapping of fields")
    r = _Reader(path)

    register = r.text(data, "parent_register", required=False) or "u"
    if register not in ("u", "je"):
        raise r.fail("parent_register", "must be 'u' or 'je'")
    school_type = r.text(data, "school_type", required=False)
    if school_type is not None and school_type not in SCHOOL_TYPES:
        raise r.fail("school_type", "must be po, vo or so (primair, voortgezet or speciaal onderwijs)")
    commission = r.section(data, "klachtencommissie")
    helplines_data = r.section(data, "helplines")
    checked_on = helplines_data.get("checked_on")
    if not isinstance(checked_on, date):
        raise r.fail("helplines.checked_on", "must be a date like 2026-11-01")
    helplines: Dict[str, Helpline] = {}
    for key, entry in helplines_data.items():
        if key == "checked_on":
            continue
        name = f"helplines.{key}"
        if not isinstance(entry, Mapping):
            raise r.fail(name, "must be a section with name and phone or url")
        line = Helpline(
            key=key,
            name=r.text(entry, f"{name}.name"),
            phone=r.text(entry, f"{name}.phone", required=False, pattern=_PHONE, what="a phone number"),
            phone_alt=r.text(entry, f"{name}.phone_alt", required=False, pattern=_PHONE, what="a phone number"),
            url=r.text(entry, f"{name}.url", required=False, pattern=_URL, what="an https:// link"),
            note=r.text(entry, f"{name}.note", required=False),
            verified=r.flag(entry, f"{name}.verified", default=True),
        )
        if not (line.phone or line.url):
            raise r.fail(name, "needs a phone or a url")
        helplines[key] = line
    for key in REQUIRED_HELPLINES:
        if key not in helplines:
            raise r.fail(f"helplines.{key}", "missing")

    aanspreekpunt = r.person(data, "aanspreekpunt")
    staff_reports = _staff_reports(r, data, aanspreekpunt)

    notification = data.get("notification") or {}
    if not isinstance(notification, Mapping):
        raise r.fail("notification", "must be a section")
    outbox = Path(notification.get("outbox_dir") or "var/outbox")
    if not outbox.is_absolute():
        outbox = PROJECT_ROOT / outbox

    return SchoolConfig(
        source=path,
        school_id=r.text(data, "school_id", pattern=_SCHOOL_ID,
                         what="an id of lower-case letters, digits, - or _"),
        name=r.text(data, "name"),
        parent_register=register,
        school_type=school_type,
        aanspreekpunt=aanspreekpunt,
        deputy=r.person(data, "deputy"),
        vertrouwenspersoon=r.person(data, "vertrouwenspersoon"),
        coordinator=r.person(data, "coordinator"),
        response_days=r.positive_int(data, "response_days", 30),
        retention_days=r.positive_int(data, "retention_days", 3650),
        klachtenregeling_url=r.text(data, "klachtenregeling_url", pattern=_URL, what="an https:// link"),
        klachtencommissie=Commission(
            name=r.text(commission, "klachtencommissie.name"),
            url=r.text(commission, "klachtencommissie.url", pattern=_URL, what="an https:// link"),
        ),
        sanctions_url=r.text(data, "sanctions_url", required=False, pattern=_URL, what="an https:// link"),
        helplines_checked_on=checked_on,
        helplines=helplines,
        outbox_dir=outbox,
        staff_reports=staff_reports,
        holidays=r.holidays(data),
        aandachtsfunctionaris=(r.person(data, "aandachtsfunctionaris")
                               if data.get("aandachtsfunctionaris") is not None else None),
    )


_NAMED_PEOPLE = ("deputy", "vertrouwenspersoon", "coordinator")


def _staff_reports(r: "_Reader", data: Mapping[str, Any], aanspreekpunt: Person) -> Optional[Person]:
    """``staff_reports``: one of the people above by name (deputy, vertrouwenspersoon,
    coordinator) or a person section of its own (e.g. the board's vertrouwenspersoon); absent:
    the vertrouwenspersoon. Never the aanspreekpunt's address: a report may be about them."""
    value = data.get("staff_reports")
    if value is None:
        person = r.person(data, "vertrouwenspersoon")
    elif isinstance(value, str):
        if value not in _NAMED_PEOPLE:
            raise r.fail("staff_reports", f"must be one of {', '.join(_NAMED_PEOPLE)}, or a person section")
        person = r.person(data, value)
    else:
        person = r.person(data, "staff_reports")
    if person.email.lower() == aanspreekpunt.email.lower():
        raise r.fail("staff_reports", "must not reach the aanspreekpunt: a report about an adult may be about them")
    return person


@dataclass(frozen=True)
class Schools:
    """Every school this instance serves, by ``school_id`` (one NLU model for all of them).

    A conversation belongs to the school its first message named; :meth:`resolve` is the one rule
    for turning what a browser sent into a school: a known id gives that school, no id gives the
    only school of a one-school instance, anything else gives ``None`` (the chat then answers
    kindly and stores nothing).
    """

    by_id: Mapping[str, SchoolConfig]

    @classmethod
    def of(cls, *configs: SchoolConfig) -> "Schools":
        by_id: Dict[str, SchoolConfig] = {}
        for config in configs:
            if config.school_id in by_id:
                raise ConfigError(config.source, "school_id",
                                  f"'{config.school_id}' is also the id of {by_id[config.school_id].source}")
            by_id[config.school_id] = config
        if not by_id:
            raise ValueError("Schools needs at least one school")
        return cls(by_id)

    @property
    def ids(self) -> Tuple[str, ...]:
        return tuple(self.by_id)

    @property
    def default(self) -> SchoolConfig:
        """The first school (sorted by file name): the demo page's and instance-wide texts' school."""
        return next(iter(self.by_id.values()))

    def get(self, school_id: Optional[str]) -> Optional[SchoolConfig]:
        return self.by_id.get(school_id) if isinstance(school_id, str) else None

    def __getitem__(self, school_id: str) -> SchoolConfig:
        return self.by_id[school_id]

    def __contains__(self, school_id: object) -> bool:
        return isinstance(school_id, str) and school_id in self.by_id

    def __iter__(self) -> Iterator[SchoolConfig]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def resolve(self, requested: Optional[str]) -> Optional[SchoolConfig]:
        """The school a message belongs to, or None when it names none we know."""
        if requested in (None, ""):
            return self.default if len(self.by_id) == 1 else None
        return self.get(requested)


def load_schools(path: Optional[Path] = None) -> Schools:
    """Load and check every school: ``path`` is a folder of ``*.yml`` files or one school file.

    Each file is checked on its own (errors name file and field); two files with one
    ``school_id`` are refused.
    """
    path = Path(path or DEFAULT_SCHOOLS)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
        if not files:
            raise ConfigError(path, "(folder)", "holds no school file (*.yml)")
        return Schools.of(*(load_config(f) for f in files))
    return Schools.of(load_config(path))
