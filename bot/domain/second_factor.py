"""The desk's second factor: who needs one, what a recovery code looks like, what enrolment hands out.

The aanspreekpunt and the coördinator always log in with a second factor; any other user does once
enrolled. The factor is a TOTP code (RFC 6238: 6 digits, 30 s, SHA-1, as authenticator apps make
them) or one of ten single-use recovery codes.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Optional, Tuple

from bot.domain.desk import Role

ROLES_NEEDING_SECOND_FACTOR = frozenset({Role.AANSPREEKPUNT, Role.COORDINATOR, Role.VERTROUWENSPERSOON})
RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
RECOVERY_GROUPS, RECOVERY_GROUP_SIZE = 3, 4  # e.g. "k7qh-rm4c-xwn9": about 59 bits
TOTP_CODE = re.compile(r"^[0-9]{6}$")
_RECOVERY_CODE = re.compile(f"^[{RECOVERY_ALPHABET}]{{{RECOVERY_GROUPS * RECOVERY_GROUP_SIZE}}}$")


def required(role: Role, enrolled: bool) -> bool:
    """Whether a login of this user must pass the second factor."""
    return role in ROLES_NEEDING_SECOND_FACTOR or enrolled


def new_recovery_code() -> str:
    groups = ("".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUP_SIZE))
              for _ in range(RECOVERY_GROUPS))
    return "-".join(groups)


def read_code(typed: str) -> Tuple[Optional[str], Optional[str]]:
    """What was typed, as (TOTP code, recovery code in its stored form); both None if it is neither."""
    compact = re.sub(r"[\s-]", "", (typed or "")[:64]).lower()
    if TOTP_CODE.match(compact):
        return compact, None
    if _RECOVERY_CODE.match(compact):
        return None, compact
    return None, None


def stored_form(recovery_code: str) -> str:
    """A recovery code as it is hashed: without dashes, lower case (how ``read_code`` reads it)."""
    return recovery_code.replace("-", "").lower()


@dataclass(frozen=True)
class Enrolment:
    """What the user gets once, at enrolment: the secret (base32), its otpauth:// URI, recovery codes."""

    username: str
    secret: str
    uri: str
    recovery_codes: Tuple[str, ...]
