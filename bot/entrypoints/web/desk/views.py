"""The desk's pages: a Flask blueprint under ``/desk``.

Flask rather than FastAPI/Starlette: the school page already runs on Flask 3, it needs no
async, and Rasa 3.6 pins its own Sanic/aiohttp stack but leaves Flask and Jinja2 free.
No JavaScript: plain forms, server-rendered pages and inline SVG charts, under a CSP that
allows nothing but this origin's stylesheet.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from enum import Enum
from typing import Any, Dict, Optional

from flask import Blueprint, Response, g, redirect, render_template, request, url_for

from bot.domain import vocabulary
from bot.services import audit, cases, monitoring, sessions, users
from bot.entrypoints.web.desk import charts
from bot.domain.access import Permission, allowed, home_for
from bot.services.audit import AuditAction
from bot.services.cases import STATUS_LABELS, TRANSITIONS, CaseError, reason_required
from bot.domain.desk import ROLE_LABELS, Actor, Role
from bot.services.ports import UnknownReport
from bot.entrypoints.web.desk import auth
from bot.entrypoints.web.desk.auth import needs
from bot.domain.chat_input import clean_text
from bot.texts.mail import CONFIDENTIALITY_TEXT, URGENCY_REASON_TEXT
from bot.domain.calendar import LOCAL_TZ, dutch_date, local_day
from bot.domain.report import Confidentiality, SafetyCategory, Status, normalize_reference

desk = Blueprint("desk", __name__, url_prefix="/desk", template_folder="templates",
                 static_folder="static", static_url_path="/static")

DESK_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
MAX_AUDIT_PAGE = 100_000
AUDIT_PAGE_SIZE = 100

ROLE_TEXT = {
    "leerling": "leerling die zelf gepest wordt",
    "getuige": "leerling die ziet dat een ander gepest wordt",
    "ouder": "ouder of verzorger",
    "medewerker": "medewerker van school",
}
SHARE_TEXT = {"mentor": "de mentor", "ouders": "de ouders of verzorgers"}
DONE_TEXT = {
    "status": "De status is aangepast.",
    "log": "De actie is vastgelegd.",
    "nazorg": "De nazorgdatum is opgeslagen.",
    "message": "Het bericht staat klaar. De leerling leest het in de chat met code en geheim woord.",
}


# ---------------------------------------------------------------- hooks and helpers


def _typed(name: str, default: Optional[str] = None) -> Optional[str]:
    """A typed form field without NUL and control characters (PostgreSQL refuses NUL)."""
    value = request.form.get(name, default)
    return clean_text(value) if isinstance(value, str) else value


@desk.before_request
def _before() -> Optional[Response]:
    if not auth.allowed_network():
        return _page("error.html", status=403, title="Niet bereikbaar",
                     message="De desk is vanaf dit netwerk niet bereikbaar.")
    if request.endpoint == "desk.static":
        return None
    auth.load_session()
    if request.method == "POST" and not auth.csrf_ok():
        return _page("error.html", status=400, title="Formulier verlopen",
                     message="Dit formulier is verlopen of niet van deze pagina. Laad de pagina opnieuw.")
    return None


@desk.after_request
def _headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = DESK_CSP
    if request.endpoint != "desk.static":
        response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


@desk.app_template_filter("when")
def _when(moment: Optional[datetime]) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%d-%m-%Y %H:%M") if moment else "-"


@desk.app_template_filter("day")
def _day(value: Optional[date]) -> str:
    return dutch_date(value) if value else "-"


@desk.app_template_filter("labels")
def _labels(values: Any, label: str = vocabulary.KIND) -> str:
    if not values:
        return "-"
    return ", ".join(vocabulary.label_of(v, label) if v != "anders" else "anders" for v in values)


@desk.app_template_filter("vocab")
def _vocab(value: Optional[str], label: str = vocabulary.MOMENT) -> str:
    if not value:
        return "-"
    if value == "anders":
        return "anders"
    try:
        return vocabulary.label_of(value, label)
    except Exception:
        return value


@desk.context_processor
def _context() -> Dict[str, Any]:
    user = g.get("user")
    return {
        "user": user,
        "role_label": ROLE_LABELS.get(user.role) if user else None,
        "csrf_token": auth.csrf_token,
        "can": (lambda p: user is not None and allowed(user.role, Permission[p])),
        "STATUS_LABELS": {s.value: t for s, t in STATUS_LABELS.items()},
        "ROLE_TEXT": ROLE_TEXT,
        "SHARE_TEXT": SHARE_TEXT,
        "school": auth.get_desk().config,
        "vocabulary": vocabulary,
    }


def _page(template: str, status: int = 200, **context: Any) -> Response:
    response = Response(render_template(template, **context), status=status, mimetype="text/html")
    return response


@desk.app_errorhandler(403)
def _forbidden(_: Any) -> Response:
    if not request.path.startswith("/desk"):
        return Response("Forbidden", status=403)
    return _page("error.html", status=403, title="Geen toegang",
                 message="Met jouw rol kun je deze pagina niet zien.")


def _not_found() -> Response:
    return _page("error.html", status=404, title="Niet gevonden", message="Deze melding bestaat niet (meer).")


def _actor() -> Actor:
    return Actor.of(g.user)


# ---------------------------------------------------------------- login and logout


@desk.get("/")
def home() -> Response:
    if g.user is None:
        return redirect(url_for("desk.login"), code=303)
    return redirect(url_for(home_for(g.user.role)), code=303)


def _login_page(error: Optional[str] = None, status: int = 200, username: str = "") -> Response:
    response = _page("login.html", status=status, error=error, username=username,
                     next=auth.safe_next(request.values.get("next")))
    auth.set_cookie(response, auth.LOGIN_COOKIE, auth.csrf_token(), max_age=3600)
    return response


@desk.get("/login")
def login() -> Response:
    if g.user is not None:
        return redirect(url_for(home_for(g.user.role)), code=303)
    return _login_page()


@desk.post("/login")
def login_post() -> Response:
    username = request.form.get("username", "")
    result = users.authenticate(auth.get_desk(), username, request.form.get("password", ""),
                                client=auth.client_pseudonym())
    if result.outcome is users.LoginOutcome.LOCKED:
        return _login_page("Te veel mislukte pogingen vanaf hier. Wacht 15 minuten. "
                           "Probeer het daarna opnieuw.", status=429, username=username)
    if result.outcome is not users.LoginOutcome.OK:
        return _login_page("Naam of wachtwoord klopt niet.", status=401, username=username)
    token, _ = sessions.start(auth.get_desk(), result.user)
    target = auth.safe_next(request.form.get("next")) or url_for(home_for(result.user.role))
    response = redirect(target, code=303)
    auth.set_cookie(response, auth.SESSION_COOKIE, token)
    auth.clear_cookie(response, auth.LOGIN_COOKIE)
    return response


@desk.post("/logout")
def logout() -> Response:
    if g.user is not None:
        sessions.end(auth.get_desk(), request.cookies.get(auth.SESSION_COOKIE))
        audit.write(auth.get_desk(), _actor(), AuditAction.LOGOUT)
    response = redirect(url_for("desk.login"), code=303)
    auth.clear_cookie(response, auth.SESSION_COOKIE)
    return response


# ---------------------------------------------------------------- inbox and report page


@desk.get("/inbox")
@needs(Permission.READ_REPORTS)
def inbox() -> Response:
    return _page("inbox.html", inbox=cases.inbox(auth.get_desk(), g.user))


def _report_page(reference: str, status: int = 200, error: Optional[str] = None,
                 form: Optional[Dict[str, str]] = None) -> Response:
    try:
        view = cases.open_case(auth.get_desk(), g.user, reference)
    except UnknownReport:
        return _not_found()
    report = {k: (v.value if isinstance(v, Enum) else v) for k, v in view.report.items()}
    current = Status(report["status"])
    transitions = [
        {"value": s.value, "label": STATUS_LABELS[s], "reason_required": reason_required(current, s)}
        for s in Status if s in TRANSITIONS[current]
    ]
    # Where the role sees only the week (a protected report, for the coordinator), no day either.
    deadline = cases.add_working_days(report["created_at"].astimezone(LOCAL_TZ).date(),
                                      auth.get_desk().config.response_days) if report.get("created_at") else None
    return _page(
        "report.html", status=status, view=view, r=report, transitions=transitions, error=error,
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
        return _not_found()
    if reference != ref:
        return redirect(url_for("desk.report_page", ref=reference), code=301)
    return _report_page(reference)


def _handled(ref: str, action: str, change: Any) -> Response:
    reference = normalize_reference(ref)
    if reference is None:
        return _not_found()
    try:
        change(reference)
    except UnknownReport:
        return _not_found()
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
        auth.get_desk(), _actor(), reference, request.form.get("status", ""), _typed("reason")))


@desk.post("/reports/<ref>/log")
@needs(Permission.HANDLE_REPORTS)
def add_log(ref: str) -> Response:
    return _handled(ref, "log", lambda reference: cases.add_entry(
        auth.get_desk(), g.user, reference, _parse_day(request.form.get("happened_on")),
        _typed("what", ""), _typed("with_whom")))


@desk.post("/reports/<ref>/nazorg")
@needs(Permission.HANDLE_REPORTS)
def set_nazorg(ref: str) -> Response:
    return _handled(ref, "nazorg", lambda reference: cases.set_nazorg_date(
        auth.get_desk(), g.user, reference, _parse_day(request.form.get("nazorg_date"))))


@desk.post("/reports/<ref>/message")
@needs(Permission.HANDLE_REPORTS)
def add_message(ref: str) -> Response:
    return _handled(ref, "message", lambda reference: cases.add_message(
        auth.get_desk(), g.user, reference, _typed("text", "")))


# ---------------------------------------------------------------- monitoring


def _year() -> monitoring.SchoolYear:
    year = monitoring.SchoolYear.parse(request.args.get("year", ""))
    return year or monitoring.SchoolYear.of(local_day(auth.get_desk().now()))


@desk.get("/monitoring")
@needs(Permission.VIEW_MONITORING)
def monitoring_page() -> Response:
    desk_ = auth.get_desk()
    year = _year()
    data = monitoring.load(desk_, year)
    chart_svgs = []
    if data.total:
        for dimension in data.dimensions:
            if dimension.name == "month":
                svg = charts.trend_chart(dimension, data.previous_trend, year.label, year.previous.label,
                                         monitoring.month_index(year, local_day(desk_.now())))
            else:
                svg = charts.bar_chart(dimension, horizontal=dimension.name not in ("weekday",))
            chart_svgs.append((dimension, svg))
    audit.write(desk_, _actor(), AuditAction.VIEW_MONITORING, detail=year.label)
    return _page("monitoring.html", data=data, charts=chart_svgs, years=monitoring.school_years(desk_),
                 year=year, suppress_below=monitoring.SUPPRESS_BELOW)


@desk.get("/monitoring.csv")
@needs(Permission.EXPORT_MONITORING)
def monitoring_csv() -> Response:
    desk_ = auth.get_desk()
    year = _year()
    body = monitoring.to_csv(monitoring.load(desk_, year))
    audit.write(desk_, _actor(), AuditAction.EXPORT_MONITORING, detail=f"monitoring {year.label}")
    response = Response("\ufeff" + body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="klankbord-monitoring-{year.label}.csv"'
    return response


# ---------------------------------------------------------------- beheerder


@desk.get("/audit")
@needs(Permission.VIEW_AUDIT)
def audit_page() -> Response:
    desk_ = auth.get_desk()
    raw_page = request.args.get("page", "1")
    # ASCII digits only ("²".isdigit() is true, int("²") fails), and a page that can exist.
    page = min(max(int(raw_page), 1), MAX_AUDIT_PAGE) if re.fullmatch(r"[0-9]{1,7}", raw_page) else 1
    reference = normalize_reference(request.args.get("ref", "")) if request.args.get("ref") else None
    entries = audit.entries(desk_, limit=AUDIT_PAGE_SIZE + 1, offset=(page - 1) * AUDIT_PAGE_SIZE,
                            reference=reference)
    audit.write(desk_, _actor(), AuditAction.VIEW_AUDIT, reference=reference)
    return _page("audit.html", entries=entries[:AUDIT_PAGE_SIZE], more=len(entries) > AUDIT_PAGE_SIZE,
                 page=page, ref=reference, label=audit.label)


@desk.get("/users")
@needs(Permission.VIEW_USERS)
def users_page() -> Response:
    desk_ = auth.get_desk()
    audit.write(desk_, _actor(), AuditAction.VIEW_USERS)
    return _page("users.html", users=users.list_users(desk_), roles=ROLE_LABELS, Role=Role)


def register_desk(app: Any) -> None:
    """Add the desk to a Flask app (``bot.entrypoints.web.app.create_app`` calls this)."""
    app.register_blueprint(desk)
