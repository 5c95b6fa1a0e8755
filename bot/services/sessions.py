"""Server-side desk sessions, stored in the database.

The cookie carries a random token (256 bits); the table keeps only its SHA-256, the user and a
CSRF token for that session. A session ends after 30 minutes without use or 10 hours in all,
at logout, or when the user is switched off.

Between the password and the second factor a login is *pending*: another random token (its hash
kept), valid for 5 minutes, that opens nothing but the code page.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Optional, Tuple

from bot.domain.desk import User

IDLE_TIMEOUT = timedelta(minutes=30)
MAX_AGE = timedelta(hours=10)
_TOUCH_EVERY = timedelta(seconds=60)
PENDING_MAX_AGE = timedelta(minutes=5)


@dataclass(frozen=True)
class DeskSession:
    user: User
    csrf_token: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def start(desk, user: User) -> Tuple[str, str]:
    """A new session for ``user``; returns (cookie token, CSRF token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = desk.now()
    with desk.uow() as uow:
        uow.desk.delete_expired_sessions(now)
        uow.desk.add_session(token_hash(token), user.id, csrf, now, now + MAX_AGE)
        uow.commit()
    return token, csrf


def _usable(token: Optional[str]) -> bool:
    return bool(token) and len(token) <= 200


def load(desk, token: Optional[str]) -> Optional[DeskSession]:
    """The live session for a cookie token, or None (unknown, expired, idle, or user switched off)."""
    if not _usable(token):
        return None
    key = token_hash(token)
    now = desk.now()
    with desk.uow() as uow:
        row = uow.desk.get_session(key)
        if row is None:
            return None
        if row.expires_at <= now or row.last_seen_at + IDLE_TIMEOUT <= now:
            uow.desk.delete_session(key)
            uow.commit()
            return None
        user = uow.desk.user_by_id(row.user_id)
        if user is None or not user.active:
            uow.desk.delete_session(key)
            uow.commit()
            return None
        if now - row.last_seen_at >= _TOUCH_EVERY:
            uow.desk.touch_session(key, now)
            uow.commit()
        return DeskSession(user=user, csrf_token=row.csrf_token)


def end(desk, token: Optional[str]) -> None:
    if not token:
        return
    with desk.uow() as uow:
        uow.desk.delete_session(token_hash(token))
        uow.commit()


def start_pending(desk, user: User) -> str:
    """A login half-way, after the right password; returns its cookie token."""
    token = secrets.token_urlsafe(32)
    now = desk.now()
    with desk.uow() as uow:
        uow.desk.add_pending_login(token_hash(token), user.id, now + PENDING_MAX_AGE, now)
        uow.commit()
    return token


def load_pending(desk, token: Optional[str]) -> Optional[User]:
    """Whose login is half-way under this token, or None (unknown, older than 5 minutes, user off)."""
    if not _usable(token):
        return None
    with desk.uow() as uow:
        found = uow.desk.pending_login(token_hash(token))
        if found is None:
            return None
        user_id, expires_at = found
        user = uow.desk.user_by_id(user_id) if expires_at > desk.now() else None
        return user if user is not None and user.active else None


def end_pending(desk, token: Optional[str]) -> None:
    """Forget a half-way login (the desk opened, or the client was paused)."""
    if not _usable(token):
        return
    with desk.uow() as uow:
        uow.desk.delete_pending_login(token_hash(token))
        uow.commit()
