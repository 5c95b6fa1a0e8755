"""The desk's second factor over HTTP (Flask's test client) on a real SQLite file: a right password
alone opens nothing, wrong codes pause the client, codes are not replayed, recovery codes work once,
the half-way login lasts 5 minutes, and the TOTP secret is not in the database file in clear."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from bot.adapters.storage.tables.desk import desk_sessions
from bot.domain.desk import Role
from bot.services import users
from tests.integration.test_desk_http import GET_PAGES, Browser, app, desk, text  # noqa: F401  (fixtures)
from tests.support.desk import ADMIN, PASSWORD, SECRETS, add_report, enrol, totp_code

pytestmark = pytest.mark.integration


def _sessions(desk):  # noqa: F811
    with desk.uow() as uow:
        return uow.session.execute(select(func.count()).select_from(desk_sessions)).scalar_one()


def _password_only(app, name: str):  # noqa: F811
    browser = Browser(app)
    browser.get("/desk/login")
    response = browser.post("/desk/login", {"username": name, "password": PASSWORD})
    return browser, response


def _wrong(code: str) -> str:
    return str((int(code) + 1) % 1_000_000).zfill(6)


def _audit(desk):  # noqa: F811
    with desk.uow() as uow:
        return uow.desk.audit_entries(school_ids=None)


@pytest.mark.parametrize("role", [Role.AANSPREEKPUNT, Role.COORDINATOR])
def test_a_login_without_the_second_factor_opens_nothing(app, desk, role):  # noqa: F811
    ref = add_report(desk)
    browser, response = _password_only(app, role.value)
    assert response.status_code == 303 and urlsplit(response.headers["Location"]).path == "/desk/login/code"
    cookies = " ".join(response.headers.getlist("Set-Cookie"))
    assert "klankbord_desk=" not in cookies and "klankbord_desk_pending=" in cookies
    code_page = browser.get("/desk/login/code")
    assert code_page.status_code == 200 and 'autocomplete="one-time-code"' in text(code_page)
    for typed in ("", _wrong(totp_code(role.value, desk.clock)), "rommel", "' OR 1=1 --"):
        response = browser.post("/desk/login/code", {"code": typed})
        assert response.status_code == 401 and "klopt niet" in text(response), typed
    for path in GET_PAGES + [f"/desk/reports/{ref}"]:
        response = browser.get(path)
        assert response.status_code in (303, 401, 403) and "GEHEIM" not in text(response), path
        if response.status_code == 303:
            assert urlsplit(response.headers["Location"]).path in ("/desk/login", "/desk/login/code"), path
    assert browser.post(f"/desk/reports/{ref}/message", {"text": "x"}).status_code in (303, 400)
    assert _sessions(desk) == 0
    with desk.uow() as uow:
        user = next(u for u in uow.desk.users(school_ids=None) if u.username == role.value)
        assert uow.desk.messages(ref) == [] and user.last_login_at is None


def test_a_role_that_needs_it_but_is_not_enrolled_is_refused(app, desk):  # noqa: F811
    users.add_user(desk, "nieuw", Role.AANSPREEKPUNT, PASSWORD, ADMIN)
    _, response = _password_only(app, "nieuw")
    assert response.status_code == 403 and "nog niet" in text(response)
    assert "klankbord_desk=" not in " ".join(response.headers.getlist("Set-Cookie")) and _sessions(desk) == 0


def test_wrong_codes_pause_the_client(app, desk):  # noqa: F811
    browser, _ = _password_only(app, "aanspreekpunt")
    wrong = _wrong(totp_code("aanspreekpunt", desk.clock))
    statuses = [browser.enter_code(wrong).status_code for _ in range(5)]
    assert statuses == [401] * 4 + [429]
    # The half-way login is gone, and the password is refused while the pause lasts.
    assert browser.enter_code(totp_code("aanspreekpunt", desk.clock)).status_code == 401
    assert Browser(app).login("aanspreekpunt").status_code == 429
    assert _sessions(desk) == 0
    assert "tweede stap" in [e.detail for e in _audit(desk) if e.action == "login_failed"]


def test_a_code_cannot_be_replayed(app, desk):  # noqa: F811
    code = totp_code("coordinator", desk.clock)
    first, _ = _password_only(app, "coordinator")
    assert first.enter_code(code).status_code == 303 and first.get("/desk/inbox").status_code == 200
    overheard, _ = _password_only(app, "coordinator")
    response = overheard.enter_code(code)
    assert response.status_code == 401 and "al gebruikt" in text(response)
    assert _sessions(desk) == 1


def test_a_recovery_code_works_once(app, desk):  # noqa: F811
    codes = enrol(desk, "aanspreekpunt").recovery_codes
    browser, _ = _password_only(app, "aanspreekpunt")
    assert browser.enter_code(codes[0]).status_code == 303
    assert browser.get("/desk/inbox").status_code == 200
    again, _ = _password_only(app, "aanspreekpunt")
    assert again.enter_code(codes[0]).status_code == 401
    assert again.enter_code(codes[1].upper()).status_code == 303


def test_the_code_page_needs_a_fresh_half_way_login_and_a_csrf_token(app, desk):  # noqa: F811
    stranger = Browser(app)
    response = stranger.get("/desk/login/code")
    assert response.status_code == 303 and urlsplit(response.headers["Location"]).path == "/desk/login"
    stranger.get("/desk/login")
    assert stranger.post("/desk/login/code", {"code": "123456"}).status_code == 401
    browser, _ = _password_only(app, "aanspreekpunt")
    browser.get("/desk/login/code")
    assert browser.post("/desk/login/code", {"code": totp_code("aanspreekpunt", desk.clock)},
                        token=None).status_code == 400
    desk.clock.advance(minutes=5)
    response = browser.enter_code(totp_code("aanspreekpunt", desk.clock))
    assert response.status_code == 401 and "Log opnieuw in" in text(response) and _sessions(desk) == 0


def test_the_totp_secret_is_not_in_the_database_file_in_clear(app, desk, tmp_path):  # noqa: F811
    codes = enrol(desk, "coordinator").recovery_codes
    assert Browser(app).login("coordinator").status_code == 303  # control: the sealed secret opens
    data = b"".join(p.read_bytes() for p in tmp_path.rglob("desk.db*"))
    assert data
    for secret in (SECRETS["coordinator"], SECRETS["aanspreekpunt"]):
        assert secret.encode() not in data and secret.lower().encode() not in data
    for code in codes:
        assert code.encode() not in data and code.replace("-", "").encode() not in data
