"""The desk's work pages: inbox, report page, monitoring (with its CSV), audit log and users.

Each shows only what belongs to the user's schools: the services scope every query, and a report
or school of someone else's gets the same "not found" as one that does not exist.
"""
from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Any, Dict, Optional

from flask import Response, g, redirect, request, url_for

from bot.domain.access import Permission
from bot.domain.calendar import LOCAL_TZ, local_day
from bot.domain.desk import ROLE_LABELS, Role
from bot.domain.report import Confidentiality, SafetyCategory, Status, normalize_reference
from bot.entrypoints.web.desk import auth, charts
from bot.entrypoints.web.desk.auth import needs
from bot.entrypoints.web.desk.pages import actor, desk, not_found, page, school_names, typed
from bot.services import audit, cases, monitoring, users
from bot.services.audit import AuditAction
from bot.services.cases import STATUS_LABELS, TRANSITIONS, CaseError, reason_required
from bot.services.ports import UnknownReport
from bot.texts.mail import CONFIDENTIALITY_TEXT, URGENCY_REASON_TEXT

MAX_AUDIT_PAGE = 100_000
AUDIT_PAGE_SIZE = 100
DONE_TEXT = {
    "status": "De status is aangepast.",
    "log": "De actie is vastgelegd.",
    "nazorg": "De nazorgdatum is opgeslagen.",
    "message": "Het bericht staat klaar. De leerling leest het in de chat met code en geheim woord.",
    "release": "De melding is vrijgegeven: het aanspreekpunt krijgt er nu een e-mail over, zoals bij elke melding.",
}


# ---------------------------------------------------------------- inbox and report page


@desk.get("/inbox")
@needs(Permission.READ_REPORTS)
def inbox() -> Response:
    return page("inbox.html", inbox=cases.inbox(auth.get_desk(), g.user))


def _report_page(reference: str, status: int = 200, error: Optional[str] = None,
                 form: Optional[Dict[str, str]] = None) -> Response:
    try:
        view = cases.open_case(auth.get_desk(), g.user, reference)
    except UnknownReport:
        return not_found()
    report = {k: (v.value if isinstance(v, Enum) else v) for k, v in view.report.items()}
    current = Status(report["status"])
    transitions = [
        {"value": s.value, "label": STATUS_LABELS[s], "reason_required": reason_required(current, s)}
        for s in Status if s in TRANSITIONS[current]
    ]
    # Where the role sees only the week (a protected report, for the coordinator), no day either.
    days = cases.response_days(auth.get_desk(), view.school_id)
    deadline = cases.deadline(auth.get_desk(), view.school_id, report["created_at"].astimezone(LOCAL_TZ).date()
                              ) if report.get("created_at") else None
    names = school_names(g.user)
    return page(
        "report.html", status=status, view=view, r=report, transitions=transitions, error=error,
        response_days=days, school_name=names.get(view.school_id) if len(names) > 1 else None,
        form=form or {}, done=DONE_TEXT.get(request.args.get("done", "")), deadline=deadline,
        confidentiality_text=CONFIDENTIALITY_TEXT.get(Confidentiality(report["confidentiality"])),
        urgency_reason_text=URGENCY_REASON_TEXT.get(SafetyCategory(report["urgency_reason"]))
        if report.get("urgency_reason") else None,
        today=local_day(auth.get_desk().now()),
    )


@desk.get("/reports/<ref>")
@needs(Permission.READ_REPORTS)
def report_page(ref: str) -> Response:
    reference = normalize_reference(ref)
    if reference is None:
        return not_found()
    if reference != ref:
        return redirect(url_for("desk.report_page", ref=reference), code=301)
    return _report_page(reference)


def _handled(ref: str, action: str, change: Any) -> Response:
    reference = normalize_reference(ref)
    if reference is None:
        return not_found()
    try:
        change(reference)
    except UnknownReport:
        return not_found()
    except CaseError as exc:
        return _report_page(reference, status=400, error=f"Niet gelukt: {exc}.", form=dict(request.form))
    return redirect(url_for("desk.report_page", ref=reference, done=action) + f"#{action}", code=303)


def _parse_day(text: Optional[str]) -> Optional[date]:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CaseError("de datum klopt niet (gebruik jjjj-mm-dd)") from None


@desk.post("/reports/<ref>/status")
@needs(Permission.HANDLE_REPORTS)
def set_status(ref: str) -> Response:
    return _handled(ref, "status", lambda reference: cases.change_status(
        auth.get_desk(), actor(), reference, request.form.get("status", ""), typed("reason")))


@desk.post("/reports/<ref>/log")
@needs(Permission.HANDLE_REPORTS)
def add_log(ref: str) -> Response:
    return _handled(ref, "log", lambda reference: cases.add_entry(
        auth.get_desk(), g.user, reference, _parse_day(request.form.get("happened_on")),
        typed("what", ""), typed("with_whom")))


@desk.post("/reports/<ref>/nazorg")
@needs(Permission.HANDLE_REPORTS)
def set_nazorg(ref: str) -> Response:
    return _handled(ref, "nazorg", lambda reference: cases.set_nazorg_date(
        auth.get_desk(), g.user, reference, _parse_day(request.form.get("nazorg_date"))))


@desk.post("/reports/<ref>/message")
@needs(Permission.HANDLE_REPORTS)
def add_message(ref: str) -> Response:
    return _handled(ref, "message", lambda reference: cases.add_message(
        auth.get_desk(), g.user, reference, typed("text", "")))


@desk.post("/reports/<ref>/release")
@needs(Permission.HANDLE_REPORTS)
def release(ref: str) -> Response:
    return _handled(ref, "release", lambda reference: cases.release(auth.get_desk(), g.user, reference))


# ---------------------------------------------------------------- monitoring


def _year() -> monitoring.SchoolYear:
    year = monitoring.SchoolYear.parse(request.args.get("year", ""))
    return year or monitoring.SchoolYear.of(local_day(auth.get_desk().now()))


NO_SUCH_SCHOOL = "Deze school bestaat niet of hoort niet bij jouw account."


@desk.get("/monitoring")
@needs(Permission.VIEW_MONITORING)
def monitoring_page() -> Response:
    desk_ = auth.get_desk()
    year = _year()
    school = request.args.get("school", "").strip()
    schools = monitoring.scope(g.user, school)
    if schools is None:
        return not_found(NO_SUCH_SCHOOL)
    data = monitoring.load(desk_, schools, year)
    chart_svgs = []
    if data.total:
        for dimension in data.dimensions:
            if dimension.name == "month":
                svg = charts.trend_chart(dimension, data.previous_trend, year.label, year.previous.label,
                                         monitoring.month_index(year, local_day(desk_.now())))
            else:
                svg = charts.bar_chart(dimension, horizontal=dimension.name not in ("weekday",))
            chart_svgs.append((dimension, svg))
    audit.write(desk_, actor(), AuditAction.VIEW_MONITORING, detail=year.label, schools=schools)
    names = school_names(g.user)
    return page("monitoring.html", data=data, charts=chart_svgs, years=monitoring.school_years(desk_, schools),
                year=year, suppress_below=monitoring.SUPPRESS_BELOW, school=school,
                choices=names if len(names) > 1 else {})


@desk.get("/monitoring.csv")
@needs(Permission.EXPORT_MONITORING)
def monitoring_csv() -> Response:
    desk_ = auth.get_desk()
    year = _year()
    school = request.args.get("school", "").strip()
    schools = monitoring.scope(g.user, school)
    if schools is None:
        return not_found(NO_SUCH_SCHOOL)
    body = monitoring.to_csv(monitoring.load(desk_, schools, year))
    audit.write(desk_, actor(), AuditAction.EXPORT_MONITORING, detail=f"monitoring {year.label}", schools=schools)
    which = next(iter(schools)) if len(schools) == 1 else f"{len(schools)}-scholen"
    response = Response("\ufeff" + body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="klankbord-monitoring-{which}-{year.label}.csv"'
    return response


# ---------------------------------------------------------------- beheerder


@desk.get("/audit")
@needs(Permission.VIEW_AUDIT)
def audit_page() -> Response:
    desk_ = auth.get_desk()
    raw_page = request.args.get("page", "1")
    # ASCII digits only ("²".isdigit() is true, int("²") fails), and a page that can exist.
    number = min(max(int(raw_page), 1), MAX_AUDIT_PAGE) if re.fullmatch(r"[0-9]{1,7}", raw_page) else 1
    reference = normalize_reference(request.args.get("ref", "")) if request.args.get("ref") else None
    entries = audit.entries(desk_, g.user.schools, limit=AUDIT_PAGE_SIZE + 1,
                            offset=(number - 1) * AUDIT_PAGE_SIZE, reference=reference)
    # Filed under the viewer's schools, never under the school of the code typed in the filter.
    audit.write(desk_, actor(), AuditAction.VIEW_AUDIT, reference=reference, schools=g.user.schools)
    return page("audit.html", entries=entries[:AUDIT_PAGE_SIZE], more=len(entries) > AUDIT_PAGE_SIZE,
                page=number, ref=reference, label=audit.label, names=school_names(g.user))


@desk.get("/users")
@needs(Permission.VIEW_USERS)
def users_page() -> Response:
    desk_ = auth.get_desk()
    audit.write(desk_, actor(), AuditAction.VIEW_USERS)
    return page("users.html", users=users.list_users(desk_, g.user.schools), roles=ROLE_LABELS, Role=Role,
                names=school_names(g.user))
