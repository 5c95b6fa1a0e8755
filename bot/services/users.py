"""Desk users: adding them (from the command line), logging in, and the lockout.

Lockout: 5 failed logins for one name within 15 minutes lock that name for 15 minutes; a
locked name is refused even with the right password. Names that do not exist are counted and
locked the same way, and the answer never says whether a name exists.
"""
from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import List, Optional, Tuple

from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.erasure import ATTEMPTS_KEPT
from bot.domain.desk import Actor, Role, User
from bot.services.passwords import hash_secret, needs_rehash, verify
from bot.services.ports import StorageError

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
PASSWORD_MIN_LENGTH = 12
PASSWORD_MAX_LENGTH = 1024
LOCK_AFTER_FAILURES = 5  # for one name from one client ...
LOCK_AFTER_FAILURES_ANY_NAME = 20  # ... or for any names from one client
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)


class UserError(ValueError):
    """A user that cannot be added as asked (the message says why, in Dutch)."""


class LoginOutcome(enum.Enum):
    OK = "ok"
    FAILED = "failed"
    LOCKED = "locked"


@dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    user: Optional[User] = None
    locked_until: Optional[datetime] = None


def normalize_username(name: str) -> str:
    return (name or "").strip().lower()[:64]


def check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise UserError(f"het wachtwoord moet minstens {PASSWORD_MIN_LENGTH} tekens hebben")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise UserError("het wachtwoord is te lang")


def add_user(desk, username: str, role: Role | str, password: str, actor: Actor) -> User:
    """Create a user with an argon2 hash of ``password``; audited."""
    name = normalize_username(username)
    if not USERNAME.match(name):
        raise UserError("gebruik voor de naam 2-64 kleine letters, cijfers, punt, - of _")
    try:
        role = Role(role)
    except ValueError:
        raise UserError(f"onbekende rol; kies uit {', '.join(r.value for r in Role)}") from None
    check_password(password)
    now = desk.now()
    with desk.uow() as uow:
        if uow.desk.user_with_hash(name) is not None:
            raise UserError(f"er is al een gebruiker '{name}'")
        user_id = uow.desk.add_user(name, role, hash_secret(password), now)
        audit.record(uow.desk, actor, AuditAction.USER_ADDED, now, detail=f"{name} ({role.value})")
        uow.commit()
        return uow.desk.user_by_id(user_id)


def list_users(desk) -> List[User]:
    with desk.uow() as uow:
        return uow.desk.users()


def set_password(desk, username: str, password: str, actor: Actor) -> None:
    check_password(password)
    name = normalize_username(username)
    with desk.uow() as uow:
        found = uow.desk.user_with_hash(name)
        if found is None:
            raise UserError(f"geen gebruiker '{name}'")
        uow.desk.update_user(found[0].id, password_hash=hash_secret(password))
        uow.desk.delete_sessions_of(found[0].id)
        audit.record(uow.desk, actor, AuditAction.USER_CHANGED, desk.now(), detail=f"{name}: nieuw wachtwoord")
        uow.commit()


def set_active(desk, username: str, active: bool, actor: Actor) -> None:
    name = normalize_username(username)
    with desk.uow() as uow:
        found = uow.desk.user_with_hash(name)
        if found is None:
            raise UserError(f"geen gebruiker '{name}'")
        uow.desk.update_user(found[0].id, active=active)
        if not active:
            uow.desk.delete_sessions_of(found[0].id)
        audit.record(uow.desk, actor, AuditAction.USER_CHANGED, desk.now(),
                     detail=f"{name}: {'actief' if active else 'uitgeschakeld'}")
        uow.commit()


def unlock(desk, username: str, actor: Actor) -> None:
    """Lift every lock on this name, from whichever client it was set."""
    name = normalize_username(username)
    with desk.uow() as uow:
        uow.desk.clear_locks_starting(_name_part(name))
        audit.record(uow.desk, actor, AuditAction.USER_CHANGED, desk.now(), detail=f"{name}: ontgrendeld")
        uow.commit()


def _name_part(name: str) -> str:
    return hashlib.sha256(f"klankbord-desk-login:{name}".encode()).hexdigest()[:32]


def _client_part(client: str) -> str:
    return hashlib.sha256(f"klankbord-desk-client:{client}".encode()).hexdigest()[:32]


ANY_NAME = "0" * 32


def login_keys(name: str, client: str) -> Tuple[str, str]:
    """What the attempt and lock tables keep: hashes of (typed name, client) and of (any name,
    client), never the name as typed nor an address. A stranger's failures from elsewhere count
    for their own client only, so they cannot lock the aanspreekpunt out."""
    return _name_part(name) + _client_part(client), ANY_NAME + _client_part(client)


def authenticate(desk, username: str, password: str, client: str = "") -> LoginResult:
    """Check a login; counts failures per name and client, backs off, and writes the audit log.

    ``client`` is the desk's pseudonym of the address the login comes from ("" where there is
    none, as on the command line). Five failures for one name from one client in 15 minutes, or
    twenty for any names, pause that client for 15 minutes; other clients are not affected.
    Attempts older than a day are pruned. One argon2 verify always.
    """
    name = normalize_username(username)
    password = (password or "")[:PASSWORD_MAX_LENGTH]
    now = desk.now()
    pair, anyname = login_keys(name, client)
    with desk.uow() as uow:
        repo = uow.desk
        found = repo.user_with_hash(name) if name else None
        shown_name = name if found is not None else "(onbekende naam)"
        locks = [until for until in (repo.locked_until(pair), repo.locked_until(anyname)) if until is not None]
        locked_until = max(locks) if locks else None
        if locked_until is not None and locked_until > now:
            verify(None, password)  # the same work as a real check
            audit.record(repo, Actor(shown_name, "-"), AuditAction.LOGIN_LOCKED, now)
            uow.commit()
            return LoginResult(LoginOutcome.LOCKED, locked_until=locked_until)
        user, stored = found if found is not None else (None, None)
        ok = verify(stored, password) and user is not None and user.active
        repo.record_login_attempt(pair, ok, now)
        if ok:
            repo.clear_lock(pair)
            values = {"last_login_at": now}
            if needs_rehash(stored):
                values["password_hash"] = hash_secret(password)
            repo.update_user(user.id, **values)
            audit.record(repo, Actor.of(user), AuditAction.LOGIN, now)
            uow.commit()
            return LoginResult(LoginOutcome.OK, user=user)
        repo.record_login_attempt(anyname, False, now)
        repo.delete_login_attempts_before(now - ATTEMPTS_KEPT)
        audit.record(repo, Actor(shown_name, "-"), AuditAction.LOGIN_FAILED, now)
        for key, allowed in ((pair, LOCK_AFTER_FAILURES), (anyname, LOCK_AFTER_FAILURES_ANY_NAME)):
            if repo.login_failures_since(key, now - FAILURE_WINDOW) >= allowed:
                until = now + LOCK_DURATION
                repo.set_lock(key, until)
                uow.commit()
                return LoginResult(LoginOutcome.LOCKED, locked_until=until)
        uow.commit()
        return LoginResult(LoginOutcome.FAILED)


__all__ = [
    "LoginOutcome", "LoginResult", "StorageError", "UserError", "add_user", "authenticate", "list_users",
    "normalize_username", "set_active", "set_password", "unlock",
]
