"""Flask app factory for the demo school page, the chat page and the chat widget's static files.

The pupil-facing routes (``/``, ``/chat`` and ``/static/...``) set and read no cookies and send strict
security headers. The school page only carries the launcher; the chat itself runs in ``/chat``, a
page of this origin that only the school's origin(s) may frame and that may talk only to the
configured Rasa server (docs/widget.md, "What is kept where").
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping, Optional
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, current_app, request
from markupsafe import escape

from bot.domain.school import PROJECT_ROOT, Schools, load_schools
from bot.settings import RASA_URL_ENV, SCHOOL_ORIGIN_ENV, Settings
from bot.texts.help import hulp_nu

WEB_DIR = PROJECT_ROOT / "web"
STATIC_DIR = WEB_DIR / "static"
SCHOOL_ORIGIN = SCHOOL_ORIGIN_ENV


PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "hid=(), midi=(), display-capture=(), screen-wake-lock=(), publickey-credentials-get=(), "
    "browsing-topics=()"
)

_DATA_SERVER = re.compile(r'data-server="[^"]*"')
_CHAT_DATA = re.compile(r'data-chat-config=""')

pupil = Blueprint("pupil", __name__)


def server_url(value: str) -> str:
    """Check and normalise the Rasa server URL (http or https, a host, no query or fragment)."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{RASA_URL_ENV} must be an http(s) URL with a host, got {value!r}")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"{RASA_URL_ENV} must not carry credentials, a query or a fragment")
    return value.strip().rstrip("/")


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, as used in CSP source lists and CORS."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


def school_origins(value: str) -> str:
    """The origins that may frame the chat page (``KLANKBORD_SCHOOL_ORIGIN``, separated by spaces or
    commas), checked and normalised for a CSP source list; empty means this origin only ('self')."""
    origins = []
    for item in re.split(r"[\s,]+", value.strip()):
        if not item:
            continue
        parts = urlsplit(item)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/") \
                or parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError(f"{SCHOOL_ORIGIN} must be origins like https://www.school.example, got {item!r}")
        origins.append(origin_of(item).lower())
    return " ".join(dict.fromkeys(origins)) or "'self'"


# Nothing by default; scripts and styles only from this origin (no inline code anywhere).
_OWN_CODE_ONLY = ["default-src 'none'", "script-src 'self'", "style-src 'self'"]


def content_security_policy(rasa_url: str) -> str:
    """Only this origin (the chat page in its frame included), plus the Rasa server."""
    directives = _OWN_CODE_ONLY + [
        "img-src 'self'",
        "font-src 'self'",
        f"connect-src 'self' {origin_of(rasa_url)}",
        "frame-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ]
    return "; ".join(directives)


def chat_content_security_policy(rasa_url: str, framed_by: str) -> str:
    """The chat page: its own script and style, the Rasa server and nothing else; framed only by
    the school's origin(s)."""
    directives = _OWN_CODE_ONLY + [
        f"connect-src {origin_of(rasa_url)}",
        "base-uri 'none'",
        "form-action 'none'",
        f"frame-ancestors {framed_by}",
        "object-src 'none'",
    ]
    return "; ".join(directives)


def _schools() -> Schools:
    schools = current_app.extensions.get("klankbord_schools")
    if schools is None:
        schools = current_app.extensions["klankbord_schools"] = load_schools(settings_of().schools)
    return schools


@pupil.get("/")
def index() -> Response:
    """The demo school page, with the configured Rasa URL in the widget's data-server."""
    html = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    value = escape(current_app.config[RASA_URL_ENV])
    # The school's helplines ride along in the tag, so "Hulp nu" works when Klankbord is unreachable.
    school = _schools().default
    help_text = escape(hulp_nu(school))
    html = _DATA_SERVER.sub(lambda _: f'data-server="{value}" data-help="{help_text}" '
                                      f'data-school="{escape(school.school_id)}"', html, count=1)
    response = Response(html, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


@pupil.get("/chat")
def chat() -> Response:
    """The chat itself, shown in the launcher's iframe (``/chat?school=<id>``): the Rasa URL, the
    school, its helplines and the origins that may frame it ride along in its script tag (escaped).
    A school we do not serve gets the chat anyway: its first answer says so kindly."""
    html = (WEB_DIR / "chat.html").read_text(encoding="utf-8")
    framed_by = current_app.config[SCHOOL_ORIGIN]
    schools = _schools()
    school = schools.resolve(request.args.get("school", "").strip())
    values = {
        "data-server": current_app.config[RASA_URL_ENV],
        "data-school": school.school_id if school else "",
        "data-help": hulp_nu(school or schools.default),
        "data-parents": "" if framed_by == "'self'" else framed_by,
    }
    attributes = " ".join(f'{name}="{escape(value)}"' for name, value in values.items())
    html = _CHAT_DATA.sub(lambda _: attributes, html, count=1)
    response = Response(html, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = chat_content_security_policy(
        current_app.config[RASA_URL_ENV], framed_by)
    return response


def _security_headers(response: Response) -> Response:
    """Headers for every response; a blueprint may set its own CSP first."""
    headers = response.headers
    headers.setdefault(
        "Content-Security-Policy", content_security_policy(current_app.config[RASA_URL_ENV])
    )
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    if request.endpoint != "pupil.chat":
        # The chat page is framed by the school's site: its CSP frame-ancestors names who may.
        headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.endpoint == "static":
        # The widget's script and stylesheet are meant to be included by other school sites.
        headers.setdefault("Cross-Origin-Resource-Policy", "cross-origin")
    return response


def is_pupil_path(path: str) -> bool:
    """The pupil-facing URLs: the page, the chat page and their static files."""
    return path in ("/", "/chat") or path.startswith("/static/")


class NoCookiesForPupils:
    """WSGI middleware: on pupil-facing paths, incoming cookies are not passed on and no
    Set-Cookie goes out, whatever a blueprint, a session interface or an extension does
    (Flask saves its session after the after_request hooks, so a hook cannot stop it)."""

    def __init__(self, wsgi_app: Callable) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not is_pupil_path(environ.get("PATH_INFO", "")):
            return self.wsgi_app(environ, start_response)
        environ.pop("HTTP_COOKIE", None)

        def start_without_cookies(status: str, headers: list, exc_info: Any = None) -> Callable:
            kept = [(name, value) for name, value in headers if name.lower() != "set-cookie"]
            return start_response(status, kept, exc_info)

        return self.wsgi_app(environ, start_without_cookies)


def settings_of() -> Settings:
    """The settings this web app was built with."""
    return current_app.extensions["klankbord_settings"]


def create_app(config: Optional[Mapping[str, Any]] = None, settings: Optional[Settings] = None) -> Flask:
    """Build the web app. ``config`` overrides Flask settings, ``KLANKBORD_RASA_URL`` and
    ``KLANKBORD_SCHOOL_ORIGIN``."""
    settings = settings or Settings.from_env()
    app = Flask(__name__, static_folder=str(STATIC_DIR), static_url_path="/static")
    app.extensions["klankbord_settings"] = settings
    app.config[RASA_URL_ENV] = settings.rasa_url
    app.config[SCHOOL_ORIGIN] = settings.school_origin
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 300
    if config:
        app.config.update(config)
    app.config[RASA_URL_ENV] = server_url(app.config[RASA_URL_ENV])
    app.config[SCHOOL_ORIGIN] = school_origins(app.config[SCHOOL_ORIGIN] or "")
    app.register_blueprint(pupil)
    # The aanspreekpunt's desk under /desk (own cookie on path /desk, own CSP).
    from bot.entrypoints.web.desk import register_desk

    register_desk(app)
    app.after_request(_security_headers)
    app.wsgi_app = NoCookiesForPupils(app.wsgi_app)  # type: ignore[method-assign]
    return app
