"""School configuration: one YAML file per school, checked at start.

Every error names the file and the field, so a school's administrator can fix it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Dict, Mapping, Optional

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # relative paths in a school file start here
DEFAULT_CONFIG = PROJECT_ROOT / "schools" / "voorbeeldschool.yml"
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

    @property
    def site(self) -> str:
        """The web address as a pupil types it (without "https://"); empty when there is none."""
        return self.url.removeprefix("https://") if self.url else ""


@dataclass(frozen=True)
class Commission:
    name: str
    url: str


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

    def helpline(self, key: str) -> Helpline:
        return self.helplines[key]


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
        )
        if not (line.phone or line.url):
            raise r.fail(name, "needs a phone or a url")
        helplines[key] = line
    for key in REQUIRED_HELPLINES:
        if key not in helplines:
            raise r.fail(f"helplines.{key}", "missing")

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
        aanspreekpunt=r.person(data, "aanspreekpunt"),
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
    )
