"""Browser-test fixtures: Debian's Chromium through Playwright, pages, and small local servers.

The running assistant comes from the session fixture ``stack`` (tests/conftest.py) with
``rasa_url``, ``web_url`` and ``say(sender, text)``. Playwright's own browser download does not work
on our machines, so Chromium is Debian's package, installed by scripts/ensure_chromium.sh.
"""
from __future__ import annotations

import os
import socket
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

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
    pages: Dict[str, str] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        body = self.pages.get(self.path.split("?")[0])
        if body is None:
            self.send_error(404)
            return
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def foreign_site() -> Iterator[str]:
    """A page on another origin (another port): somewhere else the pupil was, or an attacker."""

    class Handler(_QuietHandler):
        pages = {
            "/": "<!doctype html><html lang=nl><head><meta charset=utf-8><title>Andere site</title>"
                 "</head><body><h1>Een andere website</h1></body></html>",
        }

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
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
