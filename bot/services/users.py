"""Desk users: adding them (from the command line), logging in, and the back-off.

Back-off: 5 failed logins for one name from one client within 15 minutes (or 20 for any names)
pause that client for 15 minutes; a paused client is refused even with the right password.
Names that do not exist are counted the same way, and the answer never says whether a name
exists. A wrong second factor counts as a failed login (``bot.services.second_factor``).

Every user belongs to one or more of the schools this instance serves (``User.schools``); on an
instance of one school that school is the default. Entries about a user are filed under the
user's schools, so each school's beheerder sees what happens to their own people.
"""
from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Collection, FrozenSet, Iterable, List, Optional, Tuple

from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.erasure import ATTEMPTS_KEPT
from bot.domain import second_factor
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
    OK = "ok"  # the desk opens
    CODE_NEEDED = "code_needed"  # the right password; the second factor must follow
    NOT_ENROLLED = "not_enrolled"  # the right password, but the second factor the role needs is not set up
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


def served_schools(desk, schools: Iterable[str]) -> FrozenSet[str]:
    """The ids, each checked against the schools this instance serves (the error names the id)."""
    chosen = frozenset(s.strip() for s in schools if s and s.strip())
    for school_id in sorted(chosen):
        if school_id not in desk.schools:
            raise UserError(f"onbekende school '{school_id}'; deze server bedient: {', '.join(desk.schools.ids)}")
    return chosen


def add_user(desk, username: str, role: Role | str, password: str, actor: Actor,
             schools: Optional[Iterable[str]] = None) -> User:
    """Create a user of ``schools`` (on an instance of one school: that school by default) with an
    argon2 hash of ``password``; audited."""
    name = normalize_username(username)
    if not USERNAME.match(name):
        raise UserError("gebruik voor de naam 2-64 kleine letters, cijfers, punt, - of _")
    try:
        role = Role(role)
    except ValueError:
        raise UserError(f"onbekende rol; kies uit {', '.join(r.value for r in Role)}") from None
    chosen = served_schools(desk, schools or ())
    if not chosen:
        if len(desk.schools) != 1:
            raise UserError(f"kies de school of scholen van deze gebruiker; deze server bedient: "
                            f"{', '.join(desk.schools.ids)}")
        chosen = frozenset(desk.schools.ids)
    check_password(password)
    now = desk.now()
    with desk.uow() as uow:
        if uow.desk.user_with_hash(name) is not None:
            raise UserError(f"er is al een gebruiker '{name}'")
        user_id = uow.desk.add_user(name, role, hash_secret(password), now, chosen)
        audit.record(uow.desk, actor, AuditAction.USER_ADDED, now, detail=f"{name} ({role.value})", schools=chosen)
        uow.commit()
        return uow.desk.user_by_id(user_id)


def list_users(desk, school_ids: Optional[Collection[str]]) -> List[User]:
    """The users of any of these schools, each with only these of their schools (None: every user,
    with all of theirs: the server's command line)."""
    with desk.uow() as uow:
        found = uow.desk.users(school_ids=None if school_ids is None else sorted(school_ids))
    if school_ids is not None:
        for user in found:
            user.schools = user.schools & frozenset(school_ids)
    return found


def set_schools(desk, username: str, actor: Actor, add: Iterable[str] = (), remove: Iterable[str] = ()) -> User:
    """Give a user more schools (ones this instance serves) or take some away; audited under the
    schools before and after. Takes effect at the user's next page."""
    name = normalize_username(username)
    added = served_schools(desk, add)
    removed = frozenset(s.strip() for s in remove if s and s.strip())
    with desk.uow() as uow:
        found = uow.desk.user_with_hash(name)
        if found is None:
            raise UserError(f"geen gebruiker '{name}'")
        user = found[0]
        uow.desk.add_user_schools(user.id, added - removed)
        uow.desk.remove_user_schools(user.id, removed)
        changes = [f"+{s}" for s in sorted(added - removed)] + [f"-{s}" for s in sorted(removed)]
        audit.record(uow.desk, actor, AuditAction.USER_CHANGED, desk.now(),
                     detail=f"{name}: scholen {' '.join(changes) or 'ongewijzigd'}", schools=user.schools | added)
        uow.commit()
        return uow.desk.user_by_id(user.id)


def set_password(desk, username: str, password: str, actor: Actor) -> None:
    check_password(password)
    name = normalize_username(username)
    with desk.uow() as uow:
        found = uow.desk.user_with_hash(name)
        if found is None:
            raise UserError(f"geen gebruiker '{name}'")
        uow.desk.update_user(found[0].id, password_hash=hash_secret(password))
        uow.desk.delete_sessions_of(found[0].id)
        audit.record(uow.desk, actor, AuditAction.USER_CHANGED, desk.now(), detail=f"{name}: nieuw wachtwoord",
                     schools=found[0].schools)
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
                     detail=f"{name}: {'actief' if active else 'uitgeschakeld'}", schools=found[0].schools)
        uow.commit()


def unlock(desk, username: str, actor: Actor) -> None:
    """Lift every lock on this name, from whichever client it was set."""
    name = normalize_username(username)
    with desk.uow() as uow:
        found = uow.desk.user_with_hash(name)
        uow.desk.clear_locks_starting(_name_part(name))
        audit.record(uow.desk, actor, AuditAction.USER_CHANGED, desk.now(), detail=f"{name}: ontgrendeld",
                     schools=found[0].schools if found is not None else ())
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
    """Check a login's password; counts failures per name and client, backs off, and writes the audit log.

    ``client`` is the desk's pseudonym of the address the login comes from ("" where there is
    none, as on the command line). Five failures for one name from one client in 15 minutes, or
    twenty for any names, pause that client for 15 minutes; other clients are not affected.
    Attempts older than a day are pruned. One argon2 verify always. A user who needs a second
    factor gets ``CODE_NEEDED`` (or ``NOT_ENROLLED``), never ``OK``: the desk opens only after
    ``bot.services.second_factor.check_code``, and a right password alone resets no count.
    """
    name = normalize_username(username)
    password = (password or "")[:PASSWORD_MAX_LENGTH]
    now = desk.now()
    keys = login_keys(name, client)
    with desk.uow() as uow:
        repo = uow.desk
        found = repo.user_with_hash(name) if name else None
        actor = Actor(name, "-", found[0].schools) if found is not None else Actor("(onbekende naam)", "-")
        locked = refused_while_locked(repo, keys, actor, now)
        if locked is not None:
            verify(None, password)  # the same work as a real check
            uow.commit()
            return locked
        user, stored = found if found is not None else (None, None)
        if not (verify(stored, password) and user is not None and user.active):
            result = count_failure(repo, keys, actor, now)
        else:
            if needs_rehash(stored):
                repo.update_user(user.id, password_hash=hash_secret(password))
            enrolled = repo.second_factor(user.id) is not None
            if second_factor.required(user.role, enrolled):
                result = LoginResult(LoginOutcome.CODE_NEEDED if enrolled else LoginOutcome.NOT_ENROLLED, user=user)
            else:
                result = count_success(repo, keys, user, now)
        uow.commit()
        return result


def refused_while_locked(repo, keys: Tuple[str, str], actor: Actor, now: datetime) -> Optional[LoginResult]:
    """``LOCKED`` (audited) while a pause for these login keys lasts, else None."""
    locks = [until for until in map(repo.locked_until, keys) if until is not None]
    if not locks or max(locks) <= now:
        return None
    audit.record(repo, actor, AuditAction.LOGIN_LOCKED, now)
    return LoginResult(LoginOutcome.LOCKED, locked_until=max(locks))


def count_failure(repo, keys: Tuple[str, str], actor: Actor, now: datetime,
                  detail: Optional[str] = None) -> LoginResult:
    """A failed password or second factor: recorded under both keys, pausing the client past a limit."""
    for key in keys:
        repo.record_login_attempt(key, False, now)
    repo.delete_login_attempts_before(now - ATTEMPTS_KEPT)
    audit.record(repo, actor, AuditAction.LOGIN_FAILED, now, detail=detail)
    for key, allowed in zip(keys, (LOCK_AFTER_FAILURES, LOCK_AFTER_FAILURES_ANY_NAME)):
        if repo.login_failures_since(key, now - FAILURE_WINDOW) >= allowed:
            until = now + LOCK_DURATION
            repo.set_lock(key, until)
            return LoginResult(LoginOutcome.LOCKED, locked_until=until)
    return LoginResult(LoginOutcome.FAILED)


def count_success(repo, keys: Tuple[str, str], user: User, now: datetime,
                  detail: Optional[str] = None) -> LoginResult:
    """A complete login: the count for this name and client starts again; audited."""
    pair, _ = keys
    repo.record_login_attempt(pair, True, now)
    repo.clear_lock(pair)
    repo.update_user(user.id, last_login_at=now)
    audit.record(repo, Actor.of(user), AuditAction.LOGIN, now, detail=detail)
    return LoginResult(LoginOutcome.OK, user=user)


__all__ = [
    "LoginOutcome", "LoginResult", "StorageError", "UserError", "add_user", "authenticate", "list_users",
    "normalize_username", "served_schools", "set_active", "set_password", "set_schools", "unlock",
]
