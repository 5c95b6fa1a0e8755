"""The desk's second factor on SQLite: who needs it, TOTP codes (no replay), single-use recovery
codes, failures in the login back-off, the 5-minute half-way login, (re)enrolment."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from sqlalchemy import select

from bot.adapters.storage.tables.desk import desk_recovery_codes, desk_users
from bot.domain.desk import Role
from bot.services import second_factor, sessions, users
from bot.services.users import LoginOutcome
from tests.support.desk import ADMIN, PASSWORD, SECRETS, add_user, enrol, login, totp_code
from tests.unit.test_desk_users import clock, desk  # noqa: F401  (fixtures)


def _password_step(desk, name, client="c"):
    result = users.authenticate(desk, name, PASSWORD, client=client)
    assert result.outcome is LoginOutcome.CODE_NEEDED
    return result.user


def _last_login(desk, name):
    with desk.uow() as uow:
        return uow.session.execute(select(desk_users.c.last_login_at).where(desk_users.c.username == name)).scalar()


@pytest.mark.parametrize("role", [Role.AANSPREEKPUNT, Role.COORDINATOR])
def test_the_right_password_alone_never_opens_the_desk(desk, role):
    add_user(desk, "anna", role)
    result = users.authenticate(desk, "anna", PASSWORD)
    assert result.outcome is LoginOutcome.CODE_NEEDED and result.outcome is not LoginOutcome.OK
    wrong = str((int(totp_code("anna", desk.clock)) + 1) % 1_000_000).zfill(6)
    for typed in ("", wrong, "abc", "1234567"):
        assert second_factor.check_code(desk, result.user, typed).outcome is LoginOutcome.FAILED
    assert _last_login(desk, "anna") is None
    assert login(desk, "anna").outcome is LoginOutcome.OK and _last_login(desk, "anna") == desk.now()


def test_a_role_that_needs_it_without_enrolment_cannot_log_in(desk):
    users.add_user(desk, "anna", Role.AANSPREEKPUNT, PASSWORD, ADMIN)  # not enrolled (e.g. made before 0005)
    result = users.authenticate(desk, "anna", PASSWORD)
    assert result.outcome is LoginOutcome.NOT_ENROLLED
    assert second_factor.check_code(desk, result.user, "123456").outcome is LoginOutcome.FAILED
    enrol(desk, "anna")
    assert login(desk, "anna").outcome is LoginOutcome.OK


def test_a_beheerder_may_enrol_and_must_then_use_it(desk):
    add_user(desk, "beheer", Role.BEHEERDER)
    assert users.authenticate(desk, "beheer", PASSWORD).outcome is LoginOutcome.OK
    enrol(desk, "beheer")
    assert users.authenticate(desk, "beheer", PASSWORD).outcome is LoginOutcome.CODE_NEEDED
    assert login(desk, "beheer").outcome is LoginOutcome.OK


def test_wrong_codes_count_in_the_back_off(desk, clock):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    user = _password_step(desk, "anna")
    wrong = str((int(totp_code("anna", clock)) + 1) % 1_000_000).zfill(6)
    for _ in range(4):
        assert second_factor.check_code(desk, user, wrong, client="c").outcome is LoginOutcome.FAILED
    fifth = second_factor.check_code(desk, user, wrong, client="c")
    assert fifth.outcome is LoginOutcome.LOCKED and fifth.locked_until == clock.now + users.LOCK_DURATION
    # Paused: the right password and the right code are refused too, from this client only.
    assert users.authenticate(desk, "anna", PASSWORD, client="c").outcome is LoginOutcome.LOCKED
    assert second_factor.check_code(desk, user, totp_code("anna", clock), client="c").outcome is LoginOutcome.LOCKED
    assert login(desk, "anna", client="office").outcome is LoginOutcome.OK


def test_a_right_password_does_not_reset_the_count_of_wrong_codes(desk):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    outcomes = []
    for _ in range(3):  # password right, code wrong, again and again
        user = _password_step(desk, "anna")
        outcomes.append(second_factor.check_code(desk, user, "rommel", client="c").outcome)
        outcomes.append(second_factor.check_code(desk, user, "rommel", client="c").outcome)
    assert outcomes == [LoginOutcome.FAILED] * 4 + [LoginOutcome.LOCKED] * 2


def test_a_code_is_accepted_once(desk, clock):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    code = totp_code("anna", clock)
    user = _password_step(desk, "anna")
    assert second_factor.check_code(desk, user, code).outcome is LoginOutcome.OK
    assert second_factor.check_code(desk, user, code).outcome is LoginOutcome.FAILED  # replayed
    # An older step than one used is refused too; the next step's code works.
    previous = pyotp.TOTP(SECRETS["anna"]).at(clock.now, counter_offset=-1)
    assert second_factor.check_code(desk, user, previous).outcome is LoginOutcome.FAILED
    clock.advance(seconds=30)
    assert second_factor.check_code(desk, user, totp_code("anna", clock)).outcome is LoginOutcome.OK


def test_codes_of_a_neighbouring_step_are_accepted_but_not_further(desk, clock):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    totp = pyotp.TOTP(SECRETS["anna"])
    user = _password_step(desk, "anna")
    assert second_factor.check_code(desk, user, totp.at(clock.now, counter_offset=2)).outcome is LoginOutcome.FAILED
    assert second_factor.check_code(desk, user, totp.at(clock.now, counter_offset=-1)).outcome is LoginOutcome.OK


def test_a_recovery_code_works_once(desk):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    codes = enrol(desk, "anna").recovery_codes
    assert len(codes) == 10 and len(set(codes)) == 10
    user = _password_step(desk, "anna")
    typed = " " + codes[3].upper() + " "  # as typed from paper
    assert second_factor.check_code(desk, user, typed).outcome is LoginOutcome.OK
    assert second_factor.check_code(desk, user, codes[3]).outcome is LoginOutcome.FAILED  # spent
    assert second_factor.check_code(desk, user, codes[4].replace("-", "")).outcome is LoginOutcome.OK
    with desk.uow() as uow:
        stored = uow.session.execute(select(desk_recovery_codes.c.code_hash, desk_recovery_codes.c.used_at)).all()
    assert len(stored) == 10 and sum(used is not None for _, used in stored) == 2
    assert all(h.startswith("$argon2id$") and not any(c.replace("-", "") in h for c in codes) for h, _ in stored)


def test_enrolment_gives_a_uri_for_an_app_and_reenrolment_revokes_the_old(desk, clock):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    old_codes = enrol(desk, "anna").recovery_codes
    old_secret = SECRETS["anna"]
    user = _password_step(desk, "anna")
    assert second_factor.check_code(desk, user, totp_code("anna", clock)).outcome is LoginOutcome.OK
    token, _ = sessions.start(desk, user)
    new = enrol(desk, "anna")
    uri = urlsplit(new.uri)
    query = parse_qs(uri.query)
    assert uri.scheme == "otpauth" and uri.netloc == "totp" and "anna" in uri.path
    assert query["secret"] == [new.secret] and desk.config.name in query["issuer"][0]
    assert len(new.secret) == 32 and new.secret != old_secret
    assert sessions.load(desk, token) is None  # re-enrolment ends the sessions
    clock.advance(seconds=60)
    assert second_factor.check_code(desk, user, pyotp.TOTP(old_secret).at(clock.now)).outcome is LoginOutcome.FAILED
    assert second_factor.check_code(desk, user, old_codes[0]).outcome is LoginOutcome.FAILED
    assert login(desk, "anna").outcome is LoginOutcome.OK
    with pytest.raises(users.UserError, match="geen gebruiker"):
        second_factor.enrol(desk, "niemand", ADMIN)


def test_the_half_way_login_lasts_five_minutes_and_is_no_session(desk, clock):
    user = add_user(desk, "anna", Role.AANSPREEKPUNT)
    token = sessions.start_pending(desk, user)
    assert sessions.load(desk, token) is None  # opens nothing but the code page
    assert sessions.load_pending(desk, token).username == "anna"
    clock.advance(minutes=4, seconds=59)
    assert sessions.load_pending(desk, token) is not None
    clock.advance(seconds=1)
    assert sessions.load_pending(desk, token) is None
    token = sessions.start_pending(desk, user)
    users.set_active(desk, "anna", False, ADMIN)
    assert sessions.load_pending(desk, token) is None
    users.set_active(desk, "anna", True, ADMIN)
    assert sessions.load_pending(desk, token) is None  # disabling ended it
    token = sessions.start_pending(desk, user)
    sessions.end_pending(desk, token)
    assert sessions.load_pending(desk, token) is None
