"""The bullying report: a plain domain model, free of Rasa and SQLAlchemy."""
from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import List, Optional


class ReporterRole(str, enum.Enum):
    """Who makes the report."""

    LEERLING = "leerling"  # the pupil who is bullied
    GETUIGE = "getuige"  # a pupil who sees it happen
    OUDER = "ouder"  # a parent or carer, for their child
    MEDEWERKER = "medewerker"  # staff, non-teaching staff included


class Confidentiality(str, enum.Enum):
    """What the reporter allows the school to do with their identity."""

    ANONIEM = "anoniem"  # no name; the school can only answer through the code
    VERTROUWELIJK = "vertrouwelijk"  # only the aanspreekpunt knows who it is
    MAG_GEDEELD = "mag_gedeeld"  # the aanspreekpunt may involve mentor and/or parents


class Urgency(str, enum.Enum):
    NORMAAL = "normaal"
    HOOG = "hoog"


class SafetyCategory(str, enum.Enum):
    """Why a report is urgent: the kind of unsafe situation that was signalled."""

    CRISIS = "crisis"
    ACUUT_GEVAAR = "acuut_gevaar"
    STRAFBAAR_FEIT = "strafbaar_feit"
    ONVEILIG_THUIS = "onveilig_thuis"


class Status(str, enum.Enum):
    NIEUW = "nieuw"
    IN_BEHANDELING = "in_behandeling"
    AFGESLOTEN = "afgesloten"


# Reference codes: four-character groups from an alphabet without look-alikes
# (no 0/O, 1/I/L, 5/S, 2/Z, 8/B), so a code is easy to read aloud and type.
REFERENCE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
REFERENCE_GROUPS = 3
REFERENCE_GROUP_SIZE = 4


def new_reference() -> str:
    """A random reference such as ``K7QH-RM4C-XWN9`` (about 56 bits, never sequential)."""
    groups = [
        "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_GROUP_SIZE))
        for _ in range(REFERENCE_GROUPS)
    ]
    return "-".join(groups)


def reference_from(digest: bytes) -> str:
    """The reference a keyed digest names: the same digest gives the same code (a repeated
    submission finds the report it already stored); at least 8 bytes, like ``new_reference``."""
    if len(digest) < 8:
        raise ValueError("a reference needs a digest of at least 8 bytes")
    number = int.from_bytes(digest, "big")
    symbols = []
    for _ in range(REFERENCE_GROUPS * REFERENCE_GROUP_SIZE):
        number, index = divmod(number, len(REFERENCE_ALPHABET))
        symbols.append(REFERENCE_ALPHABET[index])
    return "-".join("".join(symbols[i:i + REFERENCE_GROUP_SIZE])
                    for i in range(0, len(symbols), REFERENCE_GROUP_SIZE))


def normalize_reference(text: str) -> Optional[str]:
    """Read a reference as a person types it (any case, spaces, no dashes); None if malformed."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    size = REFERENCE_GROUPS * REFERENCE_GROUP_SIZE
    if len(cleaned) != size or any(ch not in REFERENCE_ALPHABET for ch in cleaned):
        return None
    return "-".join(
        cleaned[i : i + REFERENCE_GROUP_SIZE] for i in range(0, size, REFERENCE_GROUP_SIZE)
    )


@dataclass
class Report:
    """A structured report for the aanspreekpunt pesten."""

    reference: str
    school_id: str
    reporter_role: ReporterRole
    description: str
    confidentiality: Confidentiality
    kinds: List[str] = field(default_factory=list)
    places: List[str] = field(default_factory=list)
    place_note: Optional[str] = None
    moment: Optional[str] = None
    moment_note: Optional[str] = None
    frequency: Optional[str] = None
    frequency_note: Optional[str] = None
    since_when: Optional[str] = None
    people_involved: Optional[str] = None
    about_adult: bool = False  # about an adult at school: goes to the school's staff_reports person, not the aanspreekpunt
    already_told: Optional[str] = None
    desired_outcome: Optional[str] = None
    share_with: List[str] = field(default_factory=list)
    contact: Optional[str] = None
    conversation_id: Optional[str] = None
    urgency: Urgency = Urgency.NORMAAL
    urgency_reason: Optional[SafetyCategory] = None
    status: Status = Status.NIEUW
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    delete_after: Optional[datetime] = None
    held: bool = False  # over a report cap: stored, not mailed, until a person releases it
    # Keyed hashes for the report caps (bot.domain.report_caps), cleared after ORIGIN_KEPT. The
    # conversation's is kept for an anonymous report too: it cannot be turned back into the id.
    client_digest: Optional[str] = None
    conversation_digest: Optional[str] = None

    def __post_init__(self) -> None:
        # Privacy by design: an anonymous report keeps no way back to the pupil.
        if self.confidentiality is Confidentiality.ANONIEM:
            self.contact = None
            self.conversation_id = None
        if self.confidentiality is not Confidentiality.MAG_GEDEELD:
            self.share_with = []

    @property
    def is_urgent(self) -> bool:
        return self.urgency is Urgency.HOOG

    def set_retention(self, days: int) -> None:
        self.delete_after = self.created_at + timedelta(days=days)
