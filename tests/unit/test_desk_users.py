"""Desk users on SQLite: argon2 passwords, login, lockout, server-side sessions, audit entries."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.services import audit, sessions, users
from bot.domain.desk import Actor, Role
from bot.adapters.storage.tables.desk import desk_sessions, desk_users
from bot.services.users import LoginOutcome, UserError
from tests.support.desk import ADMIN, PASSWORD, Clock, add_user, login, make_desk


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def desk(tmp_path, clock):
    d = make_desk(tmp_path, clock)
    yield d
    d.close()


def _actions(desk):
    return [e.action for e in reversed(audit.entries(desk, None))]


def test_user_is_stored_with_an_argon2_hash(desk):
    user = add_user(desk, " Anna.de-Vries ", Role.AANSPREEKPUNT)
    assert user.username == "anna.de-vries" and user.role is Role.AANSPREEKPUNT and user.active
    with desk.uow() as uow:
        stored = uow.session.execute(select(desk_users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert _actions(desk) == ["user_added", "user_changed"]  # added, then enrolled for the second factor


@pytest.mark.parametrize("name,role,password,problem", [
    ("a", "aanspreekpunt", PASSWORD, "naam"),
    ("anna bob", "aanspreekpunt", PASSWORD, "naam"),
    ("anna", "directeur", PASSWORD, "rol"),
    ("anna", "aanspreekpunt", "kort", "wachtwoord"),
])
def test_bad_users_are_refused_with_a_reason(desk, name, role, password, problem):
    with pytest.raises(UserError, match=problem):
        users.add_user(desk, name, role, password, ADMIN)


def test_duplicate_name_refused(desk):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    with pytest.raises(UserError, match="al een gebruiker"):
        add_user(desk, "ANNA", Role.COORDINATOR)


def test_login_right_and_wrong(desk):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    ok = login(desk, "Anna", PASSWORD)
    assert ok.outcome is LoginOutcome.OK and ok.user.username == "anna"
    assert login(desk, "anna", PASSWORD + "x").outcome is LoginOutcome.FAILED
    assert login(desk, "niemand", PASSWORD).outcome is LoginOutcome.FAILED
    assert _actions(desk)[-3:] == ["login", "login_failed", "login_failed"]
    # An unknown name is not written to the audit log as typed (it may be a mistyped password).
    assert audit.entries(desk, None)[0].actor == "(onbekende naam)"


def test_five_failures_in_fifteen_minutes_lock_for_fifteen_minutes(desk, clock):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    for i in range(4):
        assert login(desk, "anna", "fout").outcome is LoginOutcome.FAILED
        clock.advance(minutes=3)
    fifth = login(desk, "anna", "fout")
    assert fifth.outcome is LoginOutcome.LOCKED
    assert fifth.locked_until == clock.now + users.LOCK_DURATION
    clock.advance(minutes=14)
    assert login(desk, "anna", PASSWORD).outcome is LoginOutcome.LOCKED  # right password, still locked
    clock.advance(minutes=1, seconds=1)
    assert login(desk, "anna", PASSWORD).outcome is LoginOutcome.OK
    assert "login_locked" in _actions(desk)


def test_failures_spread_out_do_not_lock(desk, clock):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    for _ in range(8):
        assert login(desk, "anna", "fout").outcome is LoginOutcome.FAILED
        clock.advance(minutes=4)  # never 5 within 15 minutes


def test_a_success_resets_the_count(desk, clock):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    for _ in range(4):
        login(desk, "anna", "fout")
    assert login(desk, "anna", PASSWORD).outcome is LoginOutcome.OK
    for _ in range(4):
        assert login(desk, "anna", "fout").outcome is LoginOutcome.FAILED


def test_unknown_names_lock_the_same_way(desk):
    outcomes = [login(desk, "niemand", "x").outcome for _ in range(6)]
    assert outcomes == [LoginOutcome.FAILED] * 4 + [LoginOutcome.LOCKED] * 2


def test_unlock_from_the_command_line(desk):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    for _ in range(5):
        login(desk, "anna", "fout")
    users.unlock(desk, "anna", ADMIN)
    assert login(desk, "anna", PASSWORD).outcome is LoginOutcome.OK


def test_disabled_user_cannot_log_in_and_loses_sessions(desk):
    user = add_user(desk, "anna", Role.AANSPREEKPUNT)
    token, _ = sessions.start(desk, user)
    users.set_active(desk, "anna", False, ADMIN)
    assert sessions.load(desk, token) is None
    assert login(desk, "anna", PASSWORD).outcome is LoginOutcome.FAILED


def test_new_password_ends_sessions(desk):
    user = add_user(desk, "anna", Role.AANSPREEKPUNT)
    token, _ = sessions.start(desk, user)
    users.set_password(desk, "anna", "een-nieuw-wachtwoord-1", ADMIN)
    assert sessions.load(desk, token) is None
    assert login(desk, "anna", "een-nieuw-wachtwoord-1").outcome is LoginOutcome.OK


def test_sessions_are_stored_hashed_and_expire(desk, clock):
    user = add_user(desk, "anna", Role.AANSPREEKPUNT)
    token, csrf = sessions.start(desk, user)
    with desk.uow() as uow:
        stored = uow.session.execute(select(desk_sessions.c.token_hash)).scalar_one()
    assert stored == sessions.token_hash(token) and token not in stored
    loaded = sessions.load(desk, token)
    assert loaded.user.username == "anna" and loaded.csrf_token == csrf
    assert sessions.load(desk, token + "x") is None and sessions.load(desk, None) is None
    clock.advance(minutes=29)
    assert sessions.load(desk, token) is not None  # in use: idle timer restarts
    clock.advance(minutes=29)
    assert sessions.load(desk, token) is not None
    clock.advance(minutes=31)
    assert sessions.load(desk, token) is None  # idle too long


def test_sessions_end_after_max_age_and_at_logout(desk, clock):
    user = add_user(desk, "anna", Role.AANSPREEKPUNT)
    token, _ = sessions.start(desk, user)
    for _ in range(21):  # busy all day: 21 x 29 minutes > 10 hours
        clock.advance(minutes=29)
        loaded = sessions.load(desk, token)
    assert loaded is None
    token, _ = sessions.start(desk, user)
    sessions.end(desk, token)
    assert sessions.load(desk, token) is None


def test_a_stranger_elsewhere_cannot_lock_the_owner_out(desk, clock):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    for _ in range(50):
        login(desk, "anna", "fout", client="stranger")
    assert login(desk, "anna", PASSWORD, client="stranger").outcome is LoginOutcome.LOCKED
    assert login(desk, "anna", PASSWORD, client="office").outcome is LoginOutcome.OK


def test_login_attempts_keep_no_typed_name_and_are_pruned(desk, clock):
    from sqlalchemy import select

    from bot.adapters.storage.tables.desk import desk_login_attempts

    login(desk, "geheim-wachtwoord-als-naam", "x", client="c")
    with desk.uow() as uow:
        keys = [r.username for r in uow.session.execute(select(desk_login_attempts)).all()]
    assert keys and all("geheim" not in k and re.fullmatch(r"[0-9a-f]{64}", k) for k in keys)
    clock.advance(days=2)
    login(desk, "iemand", "x", client="c")
    with desk.uow() as uow:
        assert len(uow.session.execute(select(desk_login_attempts)).all()) == 2  # only the new failure's rows


def test_unlock_lifts_the_lock_from_every_client(desk, clock):
    add_user(desk, "anna", Role.AANSPREEKPUNT)
    for client in ("a", "b"):
        for _ in range(5):
            login(desk, "anna", "fout", client=client)
    users.unlock(desk, "anna", Actor("beheer", "cli"))
    assert login(desk, "anna", PASSWORD, client="a").outcome is LoginOutcome.OK
    assert login(desk, "anna", PASSWORD, client="b").outcome is LoginOutcome.OK
