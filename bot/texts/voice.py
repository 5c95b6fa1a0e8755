"""Who a text speaks to: the writer's role and how they are addressed (*je* or *u*).

Pupils and staff get *je*; parents get the school file's ``parent_register``. A text with two
wordings picks one with :meth:`Voice.say`; texts for a writer not known yet are a pupil's
(anyone may be a child).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from bot.domain.report import ReporterRole
from bot.domain.school import SchoolConfig
from bot.texts.readability import PARENT, PUPIL, STAFF

PARENT_ROLE, STAFF_ROLE = ReporterRole.OUDER.value, ReporterRole.MEDEWERKER.value
DEFAULT_PARENT_REGISTER = "u"  # the school file's default
TEACHER_WORDS = ("juf of meester", "leraar of mentor")  # a pupil's words in primary school, and elsewhere


@dataclass(frozen=True)
class Voice:
    role: Optional[str] = None  # leerling, getuige, ouder, medewerker; None: not known yet
    register: str = "je"  # "je" or "u"
    school_type: Optional[str] = None  # po, vo or so (the school file); None: words that fit every school

    @classmethod
    def of(cls, role: Optional[str], config: Optional[SchoolConfig] = None) -> "Voice":
        """The voice for a writer of this role at this school (parents: the school's register)."""
        school_type = config.school_type if config is not None else None
        if role == PARENT_ROLE:
            return cls(role, config.parent_register if config is not None else DEFAULT_PARENT_REGISTER, school_type)
        return cls(role, "je", school_type)

    @property
    def teachers(self) -> str:
        """How a pupil names the grown-ups who teach: "juf of meester" in primary school, else the
        words of secondary school (which a primary pupil understands as well)."""
        return TEACHER_WORDS[0] if self.school_type == "po" else TEACHER_WORDS[1]

    @property
    def audience(self) -> str:
        """pupil, parent or staff: whose limits a text for this voice keeps (bot.texts.readability)."""
        if self.role == PARENT_ROLE:
            return PARENT
        return STAFF if self.role == STAFF_ROLE else PUPIL

    @property
    def is_parent(self) -> bool:
        return self.role == PARENT_ROLE

    @property
    def is_staff(self) -> bool:
        return self.role == STAFF_ROLE

    @property
    def is_pupil(self) -> bool:
        return self.audience == PUPIL

    @property
    def polite(self) -> bool:
        return self.register == "u"

    def say(self, je: str, u: str) -> str:
        """The wording for this register."""
        return u if self.polite else je
