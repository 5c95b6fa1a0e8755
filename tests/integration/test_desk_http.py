"""The desk over HTTP (Flask's test client) on a real SQLite database: login, cookies, CSRF,
lockout, and the role rules on every page and export."""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timezone
from typing import Dict, Optional
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.services import audit
from bot.domain.desk import Role
from bot.texts.mail import desk_url
from bot.domain.report import Confidentiality, new_reference
from bot.entrypoints.web import create_app
from tests.support.desk import (
    PASSWORD, SECRET_FIELDS, Clock, add_report, add_user, generated_reports, make_desk, totp_code,
)

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def desk(tmp_path):
    d = make_desk(tmp_path, Clock(NOW))
    for role in Role:
        add_user(d, role.value, role)
    yield d
    d.close()


@pytest.fixture
def app(desk):
    return create_app({"KLANKBORD_DESK": desk, "TESTING": True,
                       "KLANKBORD_RASA_URL": "http://127.0.0.1:5005"})


class Browser:
    """A test client that keeps the page's CSRF token, like a browser keeps the form."""

    def __init__(self, app, base_url: str = "http://localhost") -> None:
        self.app = app
        self.client = app.test_client()
        self.base_url = base_url
        self.token: Optional[str] = None

    def get(self, path: str, **kw):
        response = self.client.get(path, base_url=self.base_url, **kw)
        match = CSRF.search(response.get_data(as_text=True))
        if match:
            self.token = match.group(1)
        return response

    def post(self, path: str, data: Dict[str, str], token: Optional[str] = "page"):
        data = dict(data)
        if token == "page":
            token = self.token
        if token is not None:
            data["csrf_token"] = token
        return self.client.post(path, data=data, base_url=self.base_url)

    def login(self, name: str, password: str = PASSWORD, next_: Optional[str] = None):
        """Name and password; then, when the desk asks for it, a real code from the user's app."""
        self.get("/desk/login")
        data = {"username": name, "password": password}
        if next_:
            data["next"] = next_
        response = self.post("/desk/login", data)
        if urlsplit(response.headers.get("Location", "")).path != "/desk/login/code":
            return response
        return self.enter_code(totp_code(name, self.app.config["KLANKBORD_DESK"].clock), response.headers["Location"])

    def enter_code(self, code: str, page: str = "/desk/login/code"):
        data = {"code": code}
        next_ = parse_qs(urlsplit(page).query).get("next")
        if next_:
            data["next"] = next_[0]
        self.get(page)
        return self.post("/desk/login/code", data)


def logged_in(app, role: Role) -> Browser:
    browser = Browser(app)
    response = browser.login(role.value)
    assert response.status_code == 303, response.get_data(as_text=True)
    return browser


def text(response) -> str:
    return response.get_data(as_text=True)


# ---------------------------------------------------------------- login, cookies, CSRF


GET_PAGES = ["/desk/", "/desk/inbox", "/desk/monitoring", "/desk/monitoring.csv", "/desk/audit", "/desk/users"]


def test_unauthenticated_requests_go_to_the_login(app, desk):
    ref = add_report(desk)
    browser = Browser(app)
    for path in GET_PAGES + [f"/desk/reports/{ref}"]:
        response = browser.get(path)
        assert response.status_code == 303, path
        assert urlsplit(response.headers["Location"]).path == "/desk/login", path
        assert "GEHEIM" not in text(response)
    assert browser.get(f"/desk/reports/{ref}").headers["Location"].endswith(f"next=/desk/reports/{ref}")
    # A form posted without a session (even with a login-form token) changes nothing.
    browser.get("/desk/login")
    for action in ("message", "log", "status", "nazorg"):
        response = browser.post(f"/desk/reports/{ref}/{action}",
                                {"text": "x", "what": "x", "status": "afgesloten", "reason": "x"})
        assert response.status_code in (303, 400) and "/desk/reports/" not in response.headers.get("Location", "")
    with desk.uow() as uow:
        assert uow.desk.messages(ref) == [] and uow.desk.case_entries(ref) == []
        assert uow.reports.get(ref).status.value == "nieuw"


def test_login_cookie_is_httponly_strict_and_scoped_to_the_desk(app):
    browser = Browser(app)
    response = browser.login("aanspreekpunt")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("klankbord_desk="))
    parts = {p.strip().split("=")[0].lower(): p for p in cookie.split(";")}
    assert "httponly" in parts and parts["path"].strip() == "Path=/desk" and parts["samesite"].strip() == "SameSite=Strict"
    assert "secure" not in parts  # plain http in this test
    # The pupil's page never gets or reads a cookie, even with a desk session open.
    pupil = browser.client.get("/")
    assert pupil.status_code == 200 and "Set-Cookie" not in pupil.headers
    over_https = Browser(app, base_url="https://school.example")
    cookie = next(c for c in over_https.login("aanspreekpunt").headers.getlist("Set-Cookie")
                  if c.startswith("klankbord_desk="))
    assert "Secure" in cookie


def test_pages_carry_a_strict_csp_and_no_store(app):
    browser = logged_in(app, Role.AANSPREEKPUNT)
    response = browser.get("/desk/inbox")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "script-src" not in csp
    assert response.headers["Cache-Control"] == "no-store"
    assert browser.get("/desk/static/desk.css").status_code == 200


def test_post_without_valid_csrf_is_refused(app, desk):
    ref = add_report(desk)
    browser = logged_in(app, Role.AANSPREEKPUNT)
    browser.get(f"/desk/reports/{ref}")
    other = logged_in(app, Role.AANSPREEKPUNT)
    other.get("/desk/inbox")
    for token in (None, "", "verzonnen", other.token):
        response = browser.post(f"/desk/reports/{ref}/message", {"text": "Hallo"}, token=token)
        assert response.status_code == 400, token
        assert "verlopen" in text(response)
    with desk.uow() as uow:
        assert uow.desk.messages(ref) == []
    assert browser.post(f"/desk/reports/{ref}/message", {"text": "Hallo"}).status_code == 303
    with desk.uow() as uow:
        assert [m.text for m in uow.desk.messages(ref)] == ["Hallo"]
    # The login form needs its token too, and logout is a POST with the session's token.
    fresh = Browser(app)
    assert fresh.post("/desk/login", {"username": "aanspreekpunt", "password": PASSWORD}, token=None).status_code == 400
    assert browser.post("/desk/logout", {}, token="verzonnen").status_code == 400
    assert browser.get("/desk/inbox").status_code == 200


def test_lockout_over_http(app):
    browser = Browser(app)
    for i in range(4):
        response = browser.login("aanspreekpunt", "fout-wachtwoord")
        assert response.status_code == 401 and "klopt niet" in text(response)
    response = browser.login("aanspreekpunt", "fout-wachtwoord")
    assert response.status_code == 429 and "15 minuten" in text(response)
    response = browser.login("aanspreekpunt", PASSWORD)  # the right password, still locked
    assert response.status_code == 429 and "klankbord_desk=" not in " ".join(response.headers.getlist("Set-Cookie"))
    # Other users are not affected; an unknown name gets the same answers.
    assert Browser(app).login("coordinator").status_code == 303
    assert Browser(app).login("niemand", "x").status_code == 401


def test_login_goes_only_to_desk_pages_and_logout_ends_the_session(app, desk):
    ref = add_report(desk)
    browser = Browser(app)
    response = browser.login("aanspreekpunt", next_=f"/desk/reports/{ref}")
    assert response.headers["Location"] == f"/desk/reports/{ref}"
    for evil in ("https://evil.example/desk/", "//evil.example/desk/", "/\\evil.example", "/elders"):
        response = Browser(app).login("aanspreekpunt", next_=evil)
        assert urlsplit(response.headers["Location"]).netloc == "" and response.headers["Location"] == "/desk/inbox"
    browser.get("/desk/inbox")
    assert browser.post("/desk/logout", {}).status_code == 303
    assert browser.get("/desk/inbox").status_code == 303
    assert "logout" in [e.action for e in audit.entries(desk, None)]


# ---------------------------------------------------------------- roles on every page and export


@pytest.mark.parametrize("confidentiality", [Confidentiality.ANONIEM, Confidentiality.VERTROUWELIJK])
def test_coordinator_gets_no_description_names_or_contact_anywhere(app, desk, confidentiality):
    ref = add_report(desk, confidentiality=confidentiality, places=("klas", "anders"), moment="anders")
    shared = add_report(desk, confidentiality=Confidentiality.MAG_GEDEELD,
                        description="Gedeeld-ZICHTBAAR: ze lachen me uit", people="Gedeeld-ZICHTBAAR-namen")
    handler = logged_in(app, Role.AANSPREEKPUNT)
    handler.get(f"/desk/reports/{ref}")
    handler.post(f"/desk/reports/{ref}/log", {"what": "Logboek-GEHEIM: gesprek", "with_whom": "Piet-GEHEIM"})
    handler.post(f"/desk/reports/{ref}/message", {"text": "Bericht-GEHEIM"})
    handler.post(f"/desk/reports/{ref}/status", {"status": "afgesloten", "reason": "Reden-GEHEIM"})
    page = text(handler.get(f"/desk/reports/{ref}"))
    expected = [s for s in SECRET_FIELDS if confidentiality is Confidentiality.VERTROUWELIJK or "Contact" not in s]
    expected += ["Plek-GEHEIM", "Wanneer-GEHEIM", "Logboek-GEHEIM"]
    assert all(secret in page for secret in expected)  # control: the aanspreekpunt sees them

    coordinator = logged_in(app, Role.COORDINATOR)
    seen = []
    for path in ("/desk/", "/desk/inbox", f"/desk/reports/{ref}", f"/desk/reports/{ref.lower()}", "/desk/monitoring",
                 "/desk/monitoring.csv", "/desk/monitoring.csv?year=2025", "/desk/audit", "/desk/users"):
        response = coordinator.get(path, follow_redirects=True)
        seen.append((path, response.status_code))
        body = text(response)
        assert "GEHEIM" not in body and "Piet" not in body and "sam@" not in body, path
    assert dict(seen)[f"/desk/reports/{ref}"] == 200 and dict(seen)["/desk/audit"] == 403
    page = text(coordinator.get(f"/desk/reports/{ref}"))
    assert ref in page and "uitschelden" in page and "alleen voor het aanspreekpunt" in page
    # A report the pupil allowed to share: the coordinator reads it (so the test above can fail).
    assert "Gedeeld-ZICHTBAAR: ze lachen me uit" in text(coordinator.get(f"/desk/reports/{shared}"))
    # The coordinator changes nothing, even with a valid token.
    for action, data in (("message", {"text": "x"}), ("log", {"what": "x"}),
                         ("status", {"status": "in_behandeling", "reason": "x"}), ("nazorg", {"nazorg_date": "2026-12-01"})):
        assert coordinator.post(f"/desk/reports/{ref}/{action}", data).status_code == 403, action


def test_beheerder_sees_users_and_audit_but_no_report_contents(app, desk):
    ref = add_report(desk)
    logged_in(app, Role.AANSPREEKPUNT).get(f"/desk/reports/{ref}")
    admin = logged_in(app, Role.BEHEERDER)
    assert admin.get("/desk/").headers["Location"].endswith("/desk/audit")
    for path in ("/desk/inbox", f"/desk/reports/{ref}", "/desk/monitoring", "/desk/monitoring.csv"):
        response = admin.get(path)
        assert response.status_code == 403, path
        assert "GEHEIM" not in text(response) and ref not in text(response)
    page = text(admin.get("/desk/audit"))
    assert "melding bekeken" in page and ref in page and "aanspreekpunt" in page and "GEHEIM" not in page
    users_page = text(admin.get("/desk/users"))
    assert "coordinator" in users_page and "argon2" not in users_page


def test_aanspreekpunt_handles_a_report_from_the_mail_link(app, desk):
    ref = add_report(desk, description="<script>alert('x')</script> ze schelden")
    path = urlsplit(desk_url(ref)).path  # the link in the notification e-mail
    assert path == f"/desk/reports/{ref}"
    browser = Browser(app)
    assert browser.login("aanspreekpunt", next_=path).headers["Location"] == path
    page = text(browser.get(path))
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; ze schelden" in page
    assert browser.post(f"{path}/status", {"status": "in_behandeling"}).status_code == 303
    assert browser.post(f"{path}/status", {"status": "afgesloten", "reason": ""}).status_code == 400
    browser.post(f"{path}/log", {"happened_on": "2026-11-23", "what": "Gesprek met de mentor", "with_whom": "mentor"})
    browser.post(f"{path}/nazorg", {"nazorg_date": "2026-12-08"})
    assert browser.post(f"{path}/nazorg", {"nazorg_date": "8 december"}).status_code == 400
    browser.post(f"{path}/message", {"text": "Hoi, kom je dinsdag even langs?"})
    page = text(browser.get(path + "?done=message"))
    for expected in ("in behandeling", "Gesprek met de mentor", "dinsdag 8 december 2026",
                     "Hoi, kom je dinsdag even langs?", "nog niet gelezen", "Het bericht staat klaar"):
        assert expected in page, expected
    assert browser.get(f"/desk/reports/{new_reference()}").status_code == 404
    assert browser.get("/desk/reports/rommel").status_code == 404
    actions = [e.action for e in audit.entries(desk, None) if e.reference == ref]
    assert {"view_report", "change_status", "add_case_entry", "set_nazorg_date", "add_message"} <= set(actions)


def test_inbox_orders_urgent_first_and_marks_overdue(app, desk):
    old = add_report(desk, created_at=datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc))
    urgent = add_report(desk, created_at=datetime(2026, 11, 24, 8, 0, tzinfo=timezone.utc), urgent=True)
    page = text(logged_in(app, Role.AANSPREEKPUNT).get("/desk/inbox"))
    assert page.index(urgent) < page.index(old)
    assert "te laat" in page and "SPOED" in page


# ---------------------------------------------------------------- monitoring


def test_monitoring_renders_charts_from_fifty_reports(app, desk):
    generated_reports(desk, 60)
    for role in (Role.COORDINATOR, Role.AANSPREEKPUNT):
        browser = logged_in(app, role)
        response = browser.get("/desk/monitoring")
        page = text(response)
        assert response.status_code == 200
        assert page.count("<svg") == 6 and page.count('role="img"') == 6
        for title in ("Soort pesten", "Waar", "Wanneer het gebeurt", "Dag van melden", "Maand van melden", "Wie meldt"):
            assert title in page
        assert "Meldingen in 2026-2027: <strong>60</strong>" in page
        assert "GEHEIM" not in page and " style=" not in page
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    export = browser.get("/desk/monitoring.csv")
    assert export.mimetype == "text/csv" and "attachment" in export.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(text(export).lstrip("\ufeff")), delimiter=";"))
    assert ["2026-2027", "totaal", "", "meldingen", "60"] in rows
    assert "GEHEIM" not in text(export)
    actions = [e.action for e in audit.entries(desk, None)]
    assert "export_monitoring" in actions and "view_monitoring" in actions


def test_small_counts_are_suppressed_on_the_page_and_in_the_csv(app, desk):
    from bot.domain.report import ReporterRole

    for _ in range(4):
        add_report(desk, role=ReporterRole.LEERLING)
    add_report(desk, role=ReporterRole.OUDER)  # one parent: must not be visible
    browser = logged_in(app, Role.COORDINATOR)
    page = text(browser.get("/desk/monitoring"))
    role_table = page[page.index("Wie meldt"):]
    assert "ouder of verzorger</td><td>&lt;3" in role_table
    assert "leerling (zelf gepest)</td><td>&lt;3" in role_table  # hidden too: 5 - 4 would give it away
    rows = list(csv.reader(io.StringIO(text(browser.get("/desk/monitoring.csv")).lstrip("\ufeff")), delimiter=";"))
    roles = {r[2]: r[4] for r in rows if r[1] == "role"}
    assert roles["ouder"] == "<3" and roles["leerling"] == "<3" and roles["medewerker"] == "0"
    assert all(r[4] in ("0", "<3") or int(r[4]) >= 3 for r in rows[1:])


def test_the_desk_can_be_limited_to_networks(app, monkeypatch):
    from bot.entrypoints.web.desk import auth

    monkeypatch.setenv("KLANKBORD_DESK_ALLOWED_NETWORKS", "10.20.0.0/16, 127.0.0.1")
    auth._network_settings.cache_clear()
    try:
        inside = app.test_client().get("/desk/login", environ_base={"REMOTE_ADDR": "10.20.3.4"})
        outside = app.test_client().get("/desk/login", environ_base={"REMOTE_ADDR": "192.0.2.7"})
        assert inside.status_code == 200 and outside.status_code == 403
        assert "niet bereikbaar" in text(outside)
        # A forged X-Forwarded-For from outside changes nothing (no proxy is trusted).
        forged = app.test_client().get("/desk/login", environ_base={"REMOTE_ADDR": "192.0.2.7"},
                                       headers={"X-Forwarded-For": "10.20.3.4"})
        assert forged.status_code == 403
    finally:
        monkeypatch.delenv("KLANKBORD_DESK_ALLOWED_NETWORKS")
        auth._network_settings.cache_clear()


@pytest.mark.parametrize("confidentiality", [Confidentiality.ANONIEM, Confidentiality.VERTROUWELIJK])
def test_coordinator_sees_the_week_not_the_minute_and_no_urgency_reason(app, desk, confidentiality):
    from bot.texts.mail import URGENCY_REASON_TEXT
    from bot.domain.report import SafetyCategory

    moment = datetime(2026, 11, 24, 10, 37, tzinfo=timezone.utc)
    ref = add_report(desk, confidentiality=confidentiality, urgent=True, created_at=moment)
    reason = URGENCY_REASON_TEXT[SafetyCategory.ACUUT_GEVAAR]
    handler = text(logged_in(app, Role.AANSPREEKPUNT).get(f"/desk/reports/{ref}"))
    assert "11:37" in handler and reason in handler  # control: the aanspreekpunt sees both
    coordinator = logged_in(app, Role.COORDINATOR)
    for page in (text(coordinator.get("/desk/inbox")), text(coordinator.get(f"/desk/reports/{ref}"))):
        assert "week 48 van 2026" in page and "11:37" not in page and reason not in page
        assert "24 november" not in page


@pytest.mark.parametrize("page", ["²", "99999999999999999999", "-3", "abc", "1e9", "٣"])
def test_odd_audit_page_numbers_give_a_page_not_an_error(app, page):
    response = logged_in(app, Role.BEHEERDER).get(f"/desk/audit?page={page}")
    assert response.status_code == 200


def test_control_characters_typed_in_the_desk_are_not_stored(app, desk):
    ref = add_report(desk)
    handler = logged_in(app, Role.AANSPREEKPUNT)
    handler.get(f"/desk/reports/{ref}")
    handler.post(f"/desk/reports/{ref}/log", {"what": "gesprek\x00 met\x07 mentor", "with_whom": "juf\x1b[31m"})
    page = text(handler.get(f"/desk/reports/{ref}"))
    assert "gesprek met mentor" in page and "\x00" not in page and "\x1b" not in page
