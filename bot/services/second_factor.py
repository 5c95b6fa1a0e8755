"""The desk's second factor: enrolment on the command line, and the code check that completes a login.

Enrolment makes a TOTP secret (160 bits, base32; kept sealed) and ten recovery codes (kept as
argon2 hashes), and hands them out once. At login, after the right password, a 6-digit code of
the current 30 s step (or the one before or after, for clocks that differ) opens the desk, once:
a step already used for this user is refused, so an overheard code cannot be replayed. A recovery
code opens it once too. A wrong code counts in the same back-off as a wrong password.
"""
from __future__ import annotations

from typing import Optional

import pyotp
from pyotp.utils import strings_equal

from bot.domain.desk import Actor, User
from bot.domain.second_factor import RECOVERY_CODE_COUNT, Enrolment, new_recovery_code, read_code, stored_form
from bot.services import audit, users
from bot.services.audit import AuditAction
from bot.services.passwords import hash_secret, verify
from bot.services.users import LoginResult, UserError

DRIFT_STEPS = 1  # the code of the previous or the next 30 s step is accepted too


def enrol(desk, username: str, actor: Actor) -> Enrolment:
    """(Re)enrol a user: a new secret and new recovery codes (the old ones stop working); ends their
    sessions; audited. The returned enrolment is the only time the secret and the codes are shown."""
    name = users.normalize_username(username)
    secret = pyotp.random_base32()
    codes = tuple(new_recovery_code() for _ in range(RECOVERY_CODE_COUNT))
    hashes = [hash_secret(stored_form(code)) for code in codes]
    now = desk.now()
    with desk.uow() as uow:
        found = uow.desk.user_with_hash(name)
        if found is None:
            raise UserError(f"geen gebruiker '{name}'")
        uow.desk.set_second_factor(found[0].id, secret, hashes, now)
        uow.desk.delete_sessions_of(found[0].id)
        audit.record(uow.desk, actor, AuditAction.USER_CHANGED, now, detail=f"{name}: tweede stap ingesteld",
                     schools=found[0].schools)
        uow.commit()
    uri = pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=f"Klankbord {desk.config.name}")
    return Enrolment(username=name, secret=secret, uri=uri, recovery_codes=codes)


def check_code(desk, user: User, typed: str, client: str = "") -> LoginResult:
    """The second step of ``user``'s login (whose password was right): ``OK`` opens the desk.

    Failures count per name and client and per client, as in ``users.authenticate``, so the
    code cannot be guessed; a paused client is refused even with the right code.
    """
    now = desk.now()
    keys = users.login_keys(user.username, client)
    totp_code, recovery_code = read_code(typed)
    with desk.uow() as uow:
        repo = uow.desk
        result = users.refused_while_locked(repo, keys, Actor.of(user), now)
        if result is None:
            used = _use_totp(repo, user, totp_code, now) or _use_recovery_code(repo, user, recovery_code, now)
            result = (users.count_success(repo, keys, user, now, detail=used) if used
                      else users.count_failure(repo, keys, Actor.of(user), now, detail="tweede stap"))
        uow.commit()
        return result


def _use_totp(repo, user: User, code: Optional[str], now) -> Optional[str]:
    factor = repo.second_factor(user.id) if code else None
    if factor is None:
        return None
    totp = pyotp.TOTP(factor.secret)
    current = totp.timecode(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if strings_equal(totp.generate_otp(step), code):
            return "met code" if repo.claim_step(user.id, step) else None
    return None


def _use_recovery_code(repo, user: User, code: Optional[str], now) -> Optional[str]:
    if not code:
        return None
    for code_id, code_hash in repo.unused_recovery_codes(user.id):
        if verify(code_hash, code):
            return "met herstelcode" if repo.spend_recovery_code(code_id, now) else None
    return None
