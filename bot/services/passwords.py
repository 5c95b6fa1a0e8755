"""argon2id hashing for desk passwords and pupil secrets (OWASP's minimum: 19 MiB, t=2, p=1).

A verify takes about 30 ms. ``DUMMY_HASH`` lets a check for an unknown user or code do the same
work as a real one, so timing does not tell which names or codes exist.
"""
from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16)
DUMMY_HASH = HASHER.hash(secrets.token_urlsafe(24))


def hash_secret(value: str) -> str:
    return HASHER.hash(value)


def verify(stored_hash: str | None, value: str) -> bool:
    """True when ``value`` matches; always runs one argon2 verify (against a dummy if no hash)."""
    try:
        HASHER.verify(stored_hash or DUMMY_HASH, value)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return stored_hash is not None


def needs_rehash(stored_hash: str) -> bool:
    try:
        return HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
