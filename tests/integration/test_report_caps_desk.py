"""Held reports on the desk over HTTP: marked in the inbox and on the report page, the misuse signal,
release with CSRF (mailed once, audited), and the coordinator learns nothing new."""
from __future__ import annotations

import dataclasses

from bot.domain.desk import Role
from bot.domain.report import Confidentiality, Report, ReporterRole, new_reference
from bot.domain.report_caps import ReportCaps
from bot.services import audit
from tests.integration.test_desk_http import app, desk, logged_in, text  # noqa: F401  (fixtures)

HELD_NOTE = ("Ter controle: mogelijk misbruik — veel meldingen kort na elkaar van dezelfde plek. "
             "Kijk of de melding echt is.")


def _flood(desk, count: int, confidentiality=Confidentiality.MAG_GEDEELD):  # noqa: F811
    desk.settings = dataclasses.replace(desk.settings, reports=ReportCaps(2, 3, 30))
    refs = []
    for i in range(count):
        report = Report(reference=new_reference(), school_id=desk.config.school_id,
                        reporter_role=ReporterRole.LEERLING, description="nep", confidentiality=confidentiality,
                        kinds=["schelden"], places=["klas"], created_at=desk.now())
        refs.append(desk.submit_report(report, client="een-plek", conversation=f"gesprek-{i}"))
    return refs


def test_held_reports_are_marked_and_released_with_csrf(app, desk):  # noqa: F811
    refs = _flood(desk, 5)
    browser = logged_in(app, Role.AANSPREEKPUNT)
    inbox = text(browser.get("/desk/inbox"))
    assert "Mogelijk misbruik" in inbox and "5 meldingen binnen een uur van dezelfde plek" in inbox
    assert inbox.count("ter controle</strong>") >= 2
    held = refs[-1]
    page = text(browser.get(f"/desk/reports/{held}"))
    assert HELD_NOTE in page and "vrijgeven" in page
    assert browser.post(f"/desk/reports/{held}/release", {}, token=None).status_code == 400  # no CSRF, no release
    response = browser.post(f"/desk/reports/{held}/release", {})
    assert response.status_code == 303
    page = text(browser.get(response.headers["Location"]))
    assert HELD_NOTE not in page and "De melding is vrijgegeven" in page
    assert browser.post(f"/desk/reports/{held}/release", {}).status_code == 303  # again: nothing more
    with desk.uow() as uow:
        assert len(uow.notifications.for_report(held)) == 1
    assert [e.action for e in audit.entries(desk, None) if e.reference == held].count("release_report") == 1
    first = text(browser.get(f"/desk/reports/{refs[0]}"))
    assert HELD_NOTE not in first


def test_the_coordinator_sees_no_signal_and_no_mark_on_a_protected_report(app, desk):  # noqa: F811
    refs = _flood(desk, 4, Confidentiality.VERTROUWELIJK)
    browser = logged_in(app, Role.COORDINATOR)
    inbox = text(browser.get("/desk/inbox"))
    assert "Mogelijk misbruik" not in inbox and "ter controle" not in inbox
    page = text(browser.get(f"/desk/reports/{refs[-1]}"))
    assert HELD_NOTE not in page and "vrijgeven" not in page
    assert browser.post(f"/desk/reports/{refs[-1]}/release", {}).status_code == 403
