"""The desk's frame: the Flask blueprint under ``/desk``, its hooks, template filters and helpers.

Flask rather than FastAPI/Starlette: the school page already runs on Flask 3, it needs no
async, and Rasa 3.6 pins its own Sanic/aiohttp stack but leaves Flask and Jinja2 free.
No JavaScript: plain forms, server-rendered pages and inline SVG charts, under a CSP that
allows nothing but this origin's stylesheet. The pages themselves: ``login`` and ``views``.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Dict, Optional

from flask import Blueprint, Response, g, render_template, request

from bot.domain import vocabulary
from bot.domain.access import Permission, allowed
from bot.domain.calendar import LOCAL_TZ, dutch_date
from bot.domain.chat_input import clean_text
from bot.domain.desk import ROLE_LABELS, Actor
from bot.entrypoints.web.desk import auth
from bot.services.cases import STATUS_LABELS

desk = Blueprint("desk", __name__, url_prefix="/desk", template_folder="templates",
                 static_folder="static", static_url_path="/static")

DESK_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
ROLE_TEXT = {
    "leerling": "leerling die zelf gepest wordt",
    "getuige": "leerling die ziet dat een ander gepest wordt",
    "ouder": "ouder of verzorger",
    "medewerker": "medewerker van school",
}
SHARE_TEXT = {"mentor": "de mentor", "ouders": "de ouders of verzorgers"}


def typed(name: str, default: Optional[str] = None) -> Optional[str]:
    """A typed form field without NUL and control characters (PostgreSQL refuses NUL)."""
    value = request.form.get(name, default)
    return clean_text(value) if isinstance(value, str) else value


@desk.before_request
def _before() -> Optional[Response]:
    if not auth.allowed_network():
        return page("error.html", status=403, title="Niet bereikbaar",
                    message="De desk is vanaf dit netwerk niet bereikbaar.")
    if request.endpoint == "desk.static":
        return None
    auth.load_session()
    if request.method == "POST" and not auth.csrf_ok():
        return page("error.html", status=400, title="Formulier verlopen",
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


def school_label(user: Any) -> str:
    """Whose desk this is, for the page's title: the user's one school (or the instance's only one);
    empty for a desk of several schools."""
    desk_ = auth.get_desk()
    schools = sorted(user.schools) if user is not None else list(desk_.schools.ids)
    if len(schools) == 1:
        config = desk_.school(schools[0])
        return config.name if config is not None else schools[0]
    return f"{len(schools)} scholen" if user is not None and schools else ""


def school_names(user: Any) -> Dict[str, str]:
    """The user's schools, id -> name (the id for a school no longer served), by name."""
    desk_ = auth.get_desk()
    names = {s: (desk_.school(s).name if desk_.school(s) is not None else s) for s in user.schools}
    return dict(sorted(names.items(), key=lambda item: item[1].lower()))


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
        "school_label": school_label(user),
        "vocabulary": vocabulary,
    }


def page(template: str, status: int = 200, **context: Any) -> Response:
    response = Response(render_template(template, **context), status=status, mimetype="text/html")
    return response


@desk.app_errorhandler(403)
def _forbidden(_: Any) -> Response:
    if not request.path.startswith("/desk"):
        return Response("Forbidden", status=403)
    return page("error.html", status=403, title="Geen toegang",
                message="Met jouw rol kun je deze pagina niet zien.")


def not_found(message: str = "Deze melding bestaat niet (meer).") -> Response:
    """The one answer for what does not exist and for what is another school's."""
    return page("error.html", status=404, title="Niet gevonden", message=message)


def actor() -> Actor:
    return Actor.of(g.user)
