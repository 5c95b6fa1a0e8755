"""Two schools in one desk, over HTTP: a user of school A cannot open, list, export or count anything of
school B on any route. The routes are read from Flask's url_map, so a new route without a case here
fails the test. A report of B answers exactly like a report that does not exist (status and body)."""
from __future__ import annotations

import csv
import dataclasses
import io
from typing import Callable, Dict, Tuple

import pytest

from bot.domain.desk import Role
from bot.domain.report import Confidentiality, Report, ReporterRole, Status, new_reference
from bot.domain.report_caps import ReportCaps
from bot.entrypoints.web import create_app
from bot.services import audit, cases, monitoring
from tests.integration.test_desk_http import Browser, text
from tests.support.desk import Clock, SCHOOL_A, SCHOOL_B, add_report, add_user, make_desk, two_schools

pytestmark = pytest.mark.integration

B_TEXT = "SCHOOL-B-GEHEIM: ze pakken mijn tas af"
B_MESSAGE = "B-BERICHT-GEHEIM"
B_NAME = "De Tweede School"
A_ROLES = (Role.AANSPREEKPUNT, Role.COORDINATOR, Role.BEHEERDER, Role.BESTUUR)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One desk for the module: A's 5 reports, B's 7 (one with a message and a log, 4 from one client,
    one of them held), users of A, of B, and a board member of both."""
    tmp = tmp_path_factory.mktemp("schools")
    clock = Clock()
    desk = make_desk(tmp, clock, schools=two_schools(tmp))
    for role in A_ROLES:
        add_user(desk, f"a-{role.value}", role, schools=[SCHOOL_A])
    b_ap = add_user(desk, "b-aanspreekpunt", Role.AANSPREEKPUNT, schools=[SCHOOL_B])
    add_user(desk, "b-beheerder", Role.BEHEERDER, schools=[SCHOOL_B])
    add_user(desk, "ab-bestuur", Role.BESTUUR, schools=[SCHOOL_A, SCHOOL_B])
    a_refs = [add_report(desk, school_id=SCHOOL_A, description="A-tekst: ze schelden",
                         role=ReporterRole.OUDER if i == 0 else ReporterRole.LEERLING) for i in range(5)]
    b_refs = [add_report(desk, school_id=SCHOOL_B, description=B_TEXT, urgent=i == 0) for i in range(3)]
    cases.add_message(desk, b_ap, b_refs[0], B_MESSAGE)
    cases.add_entry(desk, b_ap, b_refs[0], None, "B-LOGBOEK-GEHEIM", None)
    cases.open_case(desk, b_ap, b_refs[1])
    desk.settings = dataclasses.replace(desk.settings, reports=ReportCaps(2, 3, 30))
    for i in range(4):
        b_refs.append(desk.submit_report(Report(
            reference=new_reference(), school_id=SCHOOL_B, reporter_role=ReporterRole.LEERLING, description=B_TEXT,
            confidentiality=Confidentiality.MAG_GEDEELD,
            kinds=["schelden"], places=["klas"], created_at=desk.now()), client="een-plek", conversation=f"b-{i}"))
    with desk.uow() as uow:
        held = [r for r in b_refs if uow.reports.get(r).held]
    assert held, "the flood should leave a report of B held"
    app = create_app({"KLANKBORD_DESK": desk, "TESTING": True, "KLANKBORD_RASA_URL": "http://127.0.0.1:5005"})
    yield {"desk": desk, "app": app, "a": a_refs, "b": b_refs, "held": held[0]}
    desk.close()


def _markers(world, school_name: bool = True):
    found = list(world["b"]) + [B_TEXT, "pakken mijn tas", B_MESSAGE, "B-LOGBOEK-GEHEIM", "b-aanspreekpunt",
                                "b-beheerder"]
    return found + ([B_NAME] if school_name else [])


def _clean(world, response, school_name: bool = True) -> None:
    body = text(response)
    for marker in _markers(world, school_name):
        assert marker not in body, (response.request.path, marker)


def _login(world, name: str) -> Browser:
    browser = Browser(world["app"])
    response = browser.login(name)
    assert response.status_code == 303, text(response)
    return browser


def _like_nothing(world, browser: Browser, method: str, path: str, data=None) -> None:
    """B's report and a code that does not exist give the same status, body and redirect."""
    seen = []
    for reference in (world["b"][0] if "release" not in path else world["held"], new_reference()):
        target = path.format(ref=reference)
        response = browser.get(target) if method == "GET" else browser.post(target, dict(data or {}))
        seen.append((response.status_code, text(response).replace(reference, "REF"),
                     response.headers.get("Location", "").replace(reference, "REF")))
        _clean(world, response)
    assert seen[0] == seen[1], (path, seen[0][0], seen[1][0])
    assert seen[0][0] in (403, 404), (path, seen[0][0])


def _allowed(browser: Browser, path: str) -> bool:
    return browser.get(path).status_code == 200


def _csv(response) -> str:
    return text(response).lstrip("\ufeff")


# ---------------------------------------------------------------- one case per route


def case_home(world, browser, role):
    response = browser.get("/desk/", follow_redirects=True)
    assert response.status_code == 200
    _clean(world, response)


def case_inbox(world, browser, role):
    response = browser.get("/desk/inbox")
    _clean(world, response)
    if role in (Role.AANSPREEKPUNT, Role.COORDINATOR):
        page = text(response)
        assert all(r in page for r in world["a"]) and "Open meldingen (5)" in page
        assert "Mogelijk misbruik" not in page and "ter controle" not in page  # B's flood is B's
        assert "2 werkdagen" in page and "5 werkdagen" not in page  # A's response time, not B's
    else:
        assert response.status_code == 403


def case_report_page(world, browser, role):
    _like_nothing(world, browser, "GET", "/desk/reports/{ref}")
    _like_nothing(world, browser, "GET", "/desk/reports/{ref}?done=message")
    if role in (Role.AANSPREEKPUNT, Role.COORDINATOR):
        page = browser.get(f"/desk/reports/{world['a'][1]}")
        assert page.status_code == 200
        assert role is Role.COORDINATOR or "(2 werkdagen)" in text(page)  # A's response time, not B's 5
        _clean(world, page)


def _post_case(action: str, data: Dict[str, str]) -> Callable:
    def case(world, browser, role):
        browser.get("/desk/", follow_redirects=True)  # the page's CSRF token
        _like_nothing(world, browser, "POST", "/desk/reports/{ref}/" + action, data)
    return case


def _monitoring_of(world, browser, role, path: str):
    """The page or export for the user's own school; B's asked for by name is a school that does not exist."""
    response = browser.get(path)
    _clean(world, response)
    if role is Role.BEHEERDER:
        assert response.status_code == 403
        return None
    seen = [browser.get(f"{path}?school={s}") for s in (SCHOOL_B, "nepschool")]
    assert seen[0].status_code == seen[1].status_code == 404
    assert text(seen[0]).replace(SCHOOL_B, "X") == text(seen[1]).replace("nepschool", "X")
    _clean(world, seen[0])
    return response


def case_monitoring(world, browser, role):
    response = _monitoring_of(world, browser, role, "/desk/monitoring")
    if response is None:
        return
    assert "Meldingen in 2026-2027: <strong>5</strong>" in text(response)  # B's 7 are not counted
    assert 'name="school"' not in text(response)  # one school: no choice
    assert "<strong>5</strong>" in text(browser.get(f"/desk/monitoring?school={SCHOOL_A}"))


def case_monitoring_csv(world, browser, role):
    response = _monitoring_of(world, browser, role, "/desk/monitoring.csv")
    if response is None:
        return
    expected = monitoring.to_csv(monitoring.load(world["desk"], [SCHOOL_A]))
    assert _csv(response) == expected  # every count exactly A's alone
    rows = list(csv.reader(io.StringIO(_csv(response)), delimiter=";"))
    assert [r[4] for r in rows if r[1] == "totaal"] == ["5"]
    for year in ("2026", "2025"):
        again = browser.get(f"/desk/monitoring.csv?year={year}&school={SCHOOL_A}")
        assert _csv(again) == monitoring.to_csv(monitoring.load(world["desk"], [SCHOOL_A],
                                                                monitoring.SchoolYear(int(year))))


def _beheerder_page(world, browser, role, path: str) -> str:
    """The page for a beheerder (clean of B); for any other role a 403 (clean too) and ""."""
    response = browser.get(path)
    _clean(world, response)
    assert response.status_code == (200 if role is Role.BEHEERDER else 403)
    return text(response) if role is Role.BEHEERDER else ""


def case_audit(world, browser, role):
    page = _beheerder_page(world, browser, role, "/desk/audit")
    assert role is not Role.BEHEERDER or "a-aanspreekpunt" in page


def audit_filter(world, browser):
    """Filtering the audit log by B's code finds what it finds for a code that does not exist. (Run
    last: the filter typed is kept in the beheerder's own entry, under A, and shown from then on.)"""
    pages = []
    for reference in (world["b"][0], new_reference()):
        page = text(browser.get(f"/desk/audit?ref={reference}")).replace(reference, "REF")  # the typed filter
        assert not [m for m in _markers(world) if m in page]
        pages.append(page)
    assert pages[0] == pages[1] and "Nog niets." in pages[0]


def case_users(world, browser, role):
    page = _beheerder_page(world, browser, role, "/desk/users")
    expected = ("a-coordinator", "ab-bestuur", "Het Voorbeeld College")
    assert role is not Role.BEHEERDER or all(word in page for word in expected)


def case_login_page(world, browser, role):
    response = Browser(world["app"]).get("/desk/login")
    assert response.status_code == 200
    _clean(world, response)


def case_login_post(world, browser, role):
    fresh = Browser(world["app"])
    response = fresh.login(f"a-{role.value}")
    assert response.status_code == 303
    _clean(world, fresh.get(response.headers["Location"], follow_redirects=True))


def case_code_page(world, browser, role):
    response = browser.get("/desk/login/code", follow_redirects=True)  # logged in: to the home page
    assert response.status_code == 200
    _clean(world, response)


def case_code_post(world, browser, role):
    fresh = Browser(world["app"])
    fresh.get("/desk/login")
    response = fresh.post("/desk/login/code", {"code": "123456"})  # no password first: nothing opens
    assert response.status_code == 401
    _clean(world, response)


def case_logout(world, browser, role):
    fresh = _login(world, f"a-{role.value}")
    fresh.get("/desk/", follow_redirects=True)
    response = fresh.post("/desk/logout", {})
    assert response.status_code == 303
    _clean(world, fresh.get(response.headers["Location"]))


def _static(path: str, school_name: bool = True) -> Callable:
    def case(world, browser, role):
        response = browser.client.get(path)
        assert response.status_code == 200, path
        _clean(world, response, school_name)
    return case


CASES: Dict[Tuple[str, str], Callable] = {
    ("GET", "/desk/"): case_home,
    ("GET", "/desk/inbox"): case_inbox,
    ("GET", "/desk/reports/<ref>"): case_report_page,
    ("POST", "/desk/reports/<ref>/status"): _post_case("status", {"status": "afgesloten", "reason": "x"}),
    ("POST", "/desk/reports/<ref>/log"): _post_case("log", {"what": "A-LOG", "with_whom": ""}),
    ("POST", "/desk/reports/<ref>/nazorg"): _post_case("nazorg", {"nazorg_date": "2026-12-01"}),
    ("POST", "/desk/reports/<ref>/message"): _post_case("message", {"text": "A-BERICHT"}),
    ("POST", "/desk/reports/<ref>/release"): _post_case("release", {}),
    ("GET", "/desk/monitoring"): case_monitoring,
    ("GET", "/desk/monitoring.csv"): case_monitoring_csv,
    ("GET", "/desk/audit"): case_audit,
    ("GET", "/desk/users"): case_users,
    ("GET", "/desk/login"): case_login_page,
    ("POST", "/desk/login"): case_login_post,
    ("GET", "/desk/login/code"): case_code_page,
    ("POST", "/desk/login/code"): case_code_post,
    ("POST", "/desk/logout"): case_logout,
    ("GET", "/desk/static/<path:filename>"): _static("/desk/static/desk.css"),
    # The pupil's pages are public and carry a school's public details, never a report.
    ("GET", "/"): _static("/", school_name=False),
    ("GET", "/chat"): _static("/chat", school_name=False),
    ("GET", "/static/<path:filename>"): _static("/static/klankbord-widget.js", school_name=False),
}


def _routes(app) -> set:
    return {(method, rule.rule) for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_route_has_a_case(world):
    assert _routes(world["app"]) == set(CASES)


@pytest.mark.parametrize("role", A_ROLES, ids=lambda r: r.value)
def test_a_user_of_school_a_reaches_nothing_of_school_b_on_any_route(world, role):
    browser = _login(world, f"a-{role.value}")
    for key in sorted(_routes(world["app"])):
        CASES[key](world, browser, role)
    if role is Role.BEHEERDER:
        audit_filter(world, browser)
    desk = world["desk"]
    with desk.uow() as uow:
        for reference in world["b"]:
            report = uow.reports.get(reference)
            assert report.status is Status.NIEUW and uow.desk.nazorg_date(reference) is None
            assert all(m.text == B_MESSAGE for m in uow.desk.messages(reference))
        assert uow.reports.get(world["held"]).held
        assert len(uow.notifications.for_report(world["held"])) == 0
    b_refs = set(world["b"])
    # Nothing of A's users is about B (a beheerder's audit filter keeps the code typed, filed under A).
    assert not [e for e in audit.entries(desk, None, limit=10_000) if e.actor.startswith("a-") and (
        e.school_id == SCHOOL_B or (e.reference in b_refs and e.action != "view_audit"))]


def test_the_board_lands_on_monitoring_and_chooses_a_school_or_all(world):
    browser = Browser(world["app"])
    assert browser.login("ab-bestuur").headers["Location"] == "/desk/monitoring"
    page = text(browser.get("/desk/monitoring"))
    assert 'name="school"' in page and "alle 2 scholen samen" in page and B_NAME in page
    assert "Meldingen in 2026-2027: <strong>12</strong>" in page  # 5 of A and 7 of B, summed
    assert "<strong>5</strong>" in text(browser.get(f"/desk/monitoring?school={SCHOOL_A}"))
    assert "<strong>7</strong>" in text(browser.get(f"/desk/monitoring?school={SCHOOL_B}"))
    summed = _csv(browser.get("/desk/monitoring.csv"))
    assert summed == monitoring.to_csv(monitoring.load(world["desk"], [SCHOOL_A, SCHOOL_B]))
    assert browser.get(f"/desk/monitoring.csv?school={SCHOOL_B}").headers["Content-Disposition"].endswith(
        f'klankbord-monitoring-{SCHOOL_B}-2026-2027.csv"')
    for path in ("/desk/inbox", f"/desk/reports/{world['a'][0]}", "/desk/audit", "/desk/users"):
        response = browser.get(path)
        assert response.status_code == 403 and world["a"][0] not in text(response), path
    assert browser.post(f"/desk/reports/{world['a'][0]}/message", {"text": "x"}).status_code == 403
