"""Browser-test fixtures: Debian's Chromium through Playwright, pages, and small local servers.

The running assistant comes from the session fixture ``stack`` (tests/conftest.py) with
``rasa_url``, ``web_url`` and ``say(sender, text)``. Playwright's own browser download does not work
on our machines, so Chromium is Debian's package, installed by scripts/ensure_chromium.sh.
"""
from __future__ import annotations

import html
import os
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple, Union

import pytest
from widget_driver import DESKTOP, TIMEOUT_MS, ChatPage

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("KLANKBORD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ----- Chromium and Playwright ---------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium, installed by scripts/ensure_chromium.sh when it is missing."""
    script = PROJECT_ROOT / "scripts" / "ensure_chromium.sh"
    result = subprocess.run(
        ["bash", str(script)], capture_output=True, text=True, timeout=900,
        env={**os.environ, "KLANKBORD_CHROMIUM": CHROMIUM},
    )
    if result.returncode != 0:
        pytest.fail(
            "Chromium for the browser tests is not available and could not be installed:\n"
            + result.stderr.strip(),
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def kb_browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Recorder:
    """Every request a browser context made, and every Set-Cookie it was sent."""

    requests: List[Tuple[str, str, Dict[str, str]]] = field(default_factory=list)
    set_cookies: List[str] = field(default_factory=list)

    def on_request(self, request) -> None:
        self.requests.append((request.method, request.url, request.headers))

    def on_response(self, response) -> None:
        for header in response.headers_array():
            if header["name"].lower() == "set-cookie":
                self.set_cookies.append(response.url)


@pytest.fixture
def new_page(kb_browser, request):
    """Factory: ``new_page(viewport=..., scale=1)`` -> (page, recorder), closed after the test.

    The Snel-weg target (google.nl) is answered inside the browser by a local stand-in page, so
    no request leaves the machine; the recorder still sees the navigation.
    """
    contexts = []

    def make(viewport: Optional[dict] = None, scale: float = 1, exit_stub: bool = True):
        context = kb_browser.new_context(
            viewport=viewport or DESKTOP, device_scale_factor=scale, locale="nl-NL",
            timezone_id="Europe/Amsterdam",
        )
        context.set_default_timeout(TIMEOUT_MS)
        recorder = Recorder()
        context.on("request", recorder.on_request)
        context.on("response", recorder.on_response)
        if exit_stub:
            context.route(
                "https://www.google.nl/**",
                lambda route: route.fulfill(
                    status=200, content_type="text/html",
                    body="<!doctype html><html lang=nl><title>Weer</title><h1>Het weer</h1></html>",
                ),
            )
        contexts.append(context)
        page = context.new_page()
        errors: List[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.kb_errors = errors  # type: ignore[attr-defined]
        return page, recorder

    yield make
    for context in contexts:
        context.close()


# ----- small local servers ----------------------------------------------------------------


class _QuietHandler(BaseHTTPRequestHandler):
    """Serves ``pages``: a path's HTML, or (content type, text) for other files."""

    pages: Dict[str, Union[str, Tuple[str, str]]] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        body = self.pages.get(self.path.split("?")[0])
        if body is None:
            self.send_error(404)
            return
        content_type, text = body if isinstance(body, tuple) else ("text/html; charset=utf-8", body)
        data = text.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def serve_pages(pages: Dict[str, Union[str, Tuple[str, str]]], port: int = 0) -> ThreadingHTTPServer:
    """A small HTTP server on loopback for ``pages``, running in a thread: ``server.shutdown()``."""

    class Handler(_QuietHandler):
        pass

    Handler.pages = pages
    server = ThreadingHTTPServer(("127.0.0.1", port or free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def foreign_site() -> Iterator[str]:
    """A page on another origin (another port): somewhere else the pupil was, or an attacker."""
    server = serve_pages({
        "/": "<!doctype html><html lang=nl><head><meta charset=utf-8><title>Andere site</title>"
             "</head><body><h1>Een andere website</h1></body></html>",
    })
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def school_page(widget_src: str, static_url: str, **attributes: str) -> str:
    """A copy of the demo school page (web/index.html) as a school's own site would have it: its
    styles from ``static_url`` and the widget's one tag with ``widget_src`` and ``attributes``."""
    page = (PROJECT_ROOT / "web" / "index.html").read_text(encoding="utf-8")
    page = page.replace('href="/static/', f'href="{static_url.rstrip("/")}/')
    tag = " ".join([f'src="{html.escape(widget_src)}"']
                   + [f'data-{name}="{html.escape(value)}"' for name, value in attributes.items()])
    start = page.index('<script src="/static/klankbord-widget.js"')
    return page[:start] + f"<script {tag} defer>" + page[page.index("</script>", start):]


@dataclass
class SchoolElsewhere:
    """The school's page on its own origin, framing the chat from Klankbord's web app."""

    school_url: str
    web_url: str
    rasa_url: str


def _helplines() -> str:
    from bot.domain.school import load_config
    from bot.texts.help import hulp_nu

    return hulp_nu(load_config())


@pytest.fixture(scope="module")
def school_elsewhere(stack) -> Iterator[SchoolElsewhere]:
    """The school page served from another origin (a copy of web/index.html on another loopback
    port) that includes the widget from the running stack's web app. For these tests the stack's
    web app is replaced, on the same address, by one whose KLANKBORD_SCHOOL_ORIGIN is that origin
    (so the chat page allows it in frame-ancestors, and Rasa's CORS still sees the chat's origin);
    the stack's own web server is started again afterwards."""
    from werkzeug.serving import make_server

    from bot.entrypoints.web import create_app
    from bot.settings import Settings
    from tests.support.servers import wait_http

    port = free_port()
    school_origin = f"http://127.0.0.1:{port}"
    web_port = int(stack.web_url.rsplit(":", 1)[1])
    env = {**stack.env, "KLANKBORD_SCHOOL_ORIGIN": school_origin}
    app = create_app({"KLANKBORD_RASA_URL": stack.rasa_url, "KLANKBORD_SCHOOL_ORIGIN": school_origin},
                     settings=Settings.from_env(env))
    stack.stop("web")
    web = make_server("127.0.0.1", web_port, app, threaded=True)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    school = serve_pages({"/": school_page(stack.web_url + "/static/klankbord-widget.js",
                                           stack.web_url + "/static", server=stack.rasa_url,
                                           help=_helplines(), school="voorbeeldschool")}, port=port)
    try:
        yield SchoolElsewhere(school_url=school_origin + "/", web_url=stack.web_url, rasa_url=stack.rasa_url)
    finally:
        school.shutdown()
        school.server_close()
        web.shutdown()
        web.server_close()
        stack._spawn("web", [sys.executable, "-m", "bot.entrypoints.web"])  # noqa: SLF001 (as start_all does)
        wait_http(stack.web_url + "/", 60, [stack.procs["web"]], [stack.logs["web"]])


@pytest.fixture(scope="module")
def school_without_klankbord() -> Iterator[str]:
    """A school page whose own copy of the launcher points at a Klankbord where nothing listens:
    the launcher still loads (the school hosts it), the chat page never does."""
    dead = f"http://127.0.0.1:{free_port()}"
    widget = (PROJECT_ROOT / "web" / "static" / "klankbord-widget.js").read_text(encoding="utf-8")
    css = (PROJECT_ROOT / "web" / "static" / "klankbord-widget.css").read_text(encoding="utf-8")
    server = serve_pages({
        "/": school_page("/klankbord/klankbord-widget.js", dead + "/static", chat=dead + "/chat",
                         server=dead, help=_helplines()),
        "/klankbord/klankbord-widget.js": ("text/javascript; charset=utf-8", widget),
        "/klankbord/klankbord-widget.css": ("text/css; charset=utf-8", css),
    })
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def unreachable_site() -> Iterator[Dict[str, str]]:
    """The demo page from bot.entrypoints.web, configured with a Rasa URL where nothing listens."""
    from werkzeug.serving import make_server

    from bot.entrypoints.web import create_app

    rasa_url = f"http://127.0.0.1:{free_port()}"
    app = create_app({"KLANKBORD_RASA_URL": rasa_url})
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"web_url": f"http://127.0.0.1:{server.server_port}", "rasa_url": rasa_url}
    server.shutdown()


@pytest.fixture
def chat_page(new_page):
    """Factory: ``chat_page(web_url, viewport=..., scale=1)`` -> (ChatPage, recorder)."""

    def make(web_url: str, viewport: Optional[dict] = None, scale: float = 1):
        page, recorder = new_page(viewport=viewport, scale=scale)
        return ChatPage(page, web_url), recorder

    return make


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
