"""bot.entrypoints.web over Flask's test client, and the widget's source: fast, no browser, no servers."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Blueprint, request, session

from bot.entrypoints.web import create_app
from bot.entrypoints.web.app import content_security_policy, school_origins, server_url

ROOT = Path(__file__).resolve().parents[2]
WIDGET_JS = ROOT / "web" / "static" / "klankbord-widget.js"
CHAT_JS = ROOT / "web" / "static" / "klankbord-chat.js"
CHAT_HTML = ROOT / "web" / "chat.html"
WIDGET_CSS = ROOT / "web" / "static" / "klankbord-widget.css"
INDEX = ROOT / "web" / "index.html"


@pytest.fixture
def client():
    return create_app({"KLANKBORD_RASA_URL": "https://rasa.voorbeeldschool.example:8443/"}).test_client()


def test_page_carries_the_configured_server_and_strict_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-server="https://rasa.voorbeeldschool.example:8443"' in html
    assert html.count("klankbord-widget.js") == 1
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self' https://rasa.voorbeeldschool.example:8443"
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_server_url_from_the_environment(monkeypatch):
    monkeypatch.setenv("KLANKBORD_RASA_URL", "http://127.0.0.1:5999")
    html = create_app().test_client().get("/").get_data(as_text=True)
    assert 'data-server="http://127.0.0.1:5999"' in html
    monkeypatch.delenv("KLANKBORD_RASA_URL")
    html = create_app().test_client().get("/").get_data(as_text=True)
    assert 'data-server="http://127.0.0.1:5005"' in html


@pytest.mark.parametrize("bad", ["ftp://x.example", "rasa.example", "http://", "javascript:alert(1)",
                                 "http://x.example/?a=1", "http://user:pw@x.example"])
def test_bad_server_urls_are_refused(bad):
    with pytest.raises(ValueError):
        create_app({"KLANKBORD_RASA_URL": bad})


def test_server_url_is_escaped_in_the_page():
    app = create_app({"KLANKBORD_RASA_URL": 'http://x.example/a"><script>alert(1)</script>'})
    html = app.test_client().get("/").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert 'data-server="http://x.example/a&#34;&gt;&lt;script&gt;' in html


def test_static_files_are_served_without_cookies(client):
    for path in ("/static/klankbord-widget.js", "/static/klankbord-widget.css", "/static/site.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        # Other school sites may include the widget from here.
        assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert client.get("/static/klankbord-widget.js").mimetype == "text/javascript"


def test_other_blueprints_can_join_but_never_put_a_cookie_on_the_pupil_pages():
    """The factory stays open (the desk joins later); a cookie on the pupil's page is dropped."""
    app = create_app({"SECRET_KEY": "test-only"})
    desk = Blueprint("other", __name__, url_prefix="/other")

    @desk.get("/")
    def other_home():
        session["seen"] = True
        return "desk"

    cookies_seen = []

    @app.before_request
    def careless():  # a later mistake that would touch the session everywhere
        cookies_seen.append(dict(request.cookies))
        session["touched"] = True

    app.register_blueprint(desk)
    client = app.test_client()
    assert "Set-Cookie" in client.get("/other/").headers
    assert cookies_seen[-1] == {}
    assert "Set-Cookie" not in client.get("/").headers
    assert "Set-Cookie" not in client.get("/static/klankbord-widget.js").headers
    # A cookie the browser still holds (path /) is not even read on the pupil's page.
    client.set_cookie("tracker", "x")
    client.get("/")
    assert cookies_seen[-1] == {}
    client.get("/other/")
    assert "tracker" in cookies_seen[-1]


def test_csp_names_only_the_rasa_origin():
    assert "connect-src 'self' http://127.0.0.1:5005;" in content_security_policy("http://127.0.0.1:5005/x")
    assert server_url(" https://a.example/rasa/ ") == "https://a.example/rasa"


# ----- the widget's source ------------------------------------------------------------------


def code_of(path: Path) -> str:
    return re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.S)  # comments may mention them


def test_widget_never_builds_html_from_strings():
    """The widget is the launcher (school page) and the chat (its frame, Klankbord's origin)."""
    for path in (WIDGET_JS, CHAT_JS):
        code = code_of(path)
        for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                          "new Function", "localStorage", "document.cookie", "indexedDB"):
            assert forbidden not in code, (path.name, forbidden)
        assert "textContent" in code, path.name
    assert "sessionStorage" in code_of(CHAT_JS)
    # The launcher runs on the school's origin: it stores nothing and never fetches.
    launcher = code_of(WIDGET_JS)
    for forbidden in ("sessionStorage", "Storage", "fetch(", "XMLHttpRequest", "caches", '"*"'):
        assert forbidden not in launcher, forbidden


def test_messages_between_the_school_page_and_the_chat_name_their_origin():
    """postMessage goes only to the other side's known origin, and each side checks the sender,
    both through the two helpers in klankbord-widget.js."""
    launcher, chat = code_of(WIDGET_JS), code_of(CHAT_JS)
    assert re.findall(r"postMessage\(([^;]*)\);", launcher) == ["message, origin"]
    assert "postMessage" not in chat and "kit.tell(" in chat and "kit.messageFrom(" in chat
    assert "event.origin !== origin || event.source !== source" in launcher
    assert "tell(frame.contentWindow, chatOrigin," in launcher
    assert "messageFrom(event, chatOrigin, frame.contentWindow)" in launcher


def test_no_third_party_addresses_in_page_widget_or_styles():
    """Only the documented defaults may name another host (the exit site and the local Rasa)."""
    allowed = {"https://www.google.nl/search?q=weer", "http://127.0.0.1:5005"}
    for path in (WIDGET_JS, CHAT_JS, CHAT_HTML, WIDGET_CSS, INDEX, ROOT / "web" / "static" / "site.css"):
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        urls = set(re.findall(r"https?://[^\s\"'<>)]+", text))
        assert urls <= allowed, (path.name, urls - allowed)
    css = WIDGET_CSS.read_text(encoding="utf-8") + (ROOT / "web" / "static" / "site.css").read_text()
    assert "@import" not in css and "url(" not in css


def test_demo_page_loads_no_test_tools_and_no_inline_code():
    html = INDEX.read_text(encoding="utf-8")
    assert "axe" not in html
    assert re.findall(r"<script\b[^>]*>", html) == [
        '<script src="/static/klankbord-widget.js" data-server="http://127.0.0.1:5005" defer>'
    ]
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handlers are blocked by the CSP"


# ----- the chat page in the launcher's frame ---------------------------------------------------


def csp_of(response) -> dict:
    return dict(d.strip().split(" ", 1) for d in response.headers["Content-Security-Policy"].split(";"))


def test_chat_page_has_a_strict_csp_and_may_be_framed_only_by_the_school():
    app = create_app({"KLANKBORD_RASA_URL": "https://rasa.voorbeeldschool.example:8443/",
                      "KLANKBORD_SCHOOL_ORIGIN": "https://www.voorbeeldschool.example, https://Oud.Voorbeeldschool.example/"})
    client = app.test_client()
    client.set_cookie("tracker", "x")
    response = client.get("/chat")
    assert response.status_code == 200
    csp = csp_of(response)
    assert csp == {
        "default-src": "'none'", "script-src": "'self'", "style-src": "'self'",
        "connect-src": "https://rasa.voorbeeldschool.example:8443", "base-uri": "'none'",
        "form-action": "'none'", "object-src": "'none'",
        "frame-ancestors": "https://www.voorbeeldschool.example https://oud.voorbeeldschool.example",
    }
    assert "X-Frame-Options" not in response.headers
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    html = response.get_data(as_text=True)
    assert 'data-server="https://rasa.voorbeeldschool.example:8443"' in html
    assert 'data-parents="https://www.voorbeeldschool.example https://oud.voorbeeldschool.example"' in html
    assert "0800-0432" in html  # the helplines, for "Hulp nu" without the assistant
    assert re.findall(r"<script\b[^>]*?src=\"([^\"]+)\"", html) == ["static/klankbord-widget.js", "static/klankbord-chat.js"]
    assert " style=" not in html and "<style" not in html and not re.search(r"\son[a-z]+\s*=", html)
    # Everything else keeps refusing to be framed.
    for path in ("/", "/static/klankbord-widget.js"):
        other = client.get(path)
        assert other.headers["X-Frame-Options"] == "DENY", path
        assert csp_of(other)["frame-ancestors"] == "'none'", path
    # The demo page may show the chat of its own origin in a frame.
    assert csp_of(client.get("/"))["frame-src"] == "'self'"


def test_chat_page_without_a_school_origin_is_framed_by_its_own_origin_only(client):
    response = client.get("/chat")
    assert csp_of(response)["frame-ancestors"] == "'self'"
    assert 'data-parents=""' in response.get_data(as_text=True)


def test_no_cookie_on_the_chat_page_even_when_another_blueprint_uses_the_session():
    app = create_app({"SECRET_KEY": "test-only"})

    @app.before_request
    def careless():
        session["touched"] = True

    client = app.test_client()
    client.set_cookie("tracker", "x")
    assert "Set-Cookie" not in client.get("/chat").headers


@pytest.mark.parametrize("bad", ["www.school.example", "ftp://school.example", "https://school.example/path",
                                 "https://school.example/?a=1", "https://user@school.example", "'self'"])
def test_bad_school_origins_are_refused(bad):
    with pytest.raises(ValueError):
        school_origins(bad)
    with pytest.raises(ValueError):
        create_app({"KLANKBORD_SCHOOL_ORIGIN": bad})


def test_school_origins_are_normalised():
    assert school_origins("") == "'self'"
    assert school_origins(" https://A.example:8443/ ,https://a.example:8443 http://b.example ") == \
        "https://a.example:8443 http://b.example"


def test_the_school_origin_comes_from_the_settings():
    from bot.settings import Settings

    settings = Settings.from_env({"KLANKBORD_SCHOOL_ORIGIN": "https://www.voorbeeldschool.example"})
    response = create_app(settings=settings).test_client().get("/chat")
    assert csp_of(response)["frame-ancestors"] == "https://www.voorbeeldschool.example"
    unset = create_app(settings=Settings.from_env({})).test_client().get("/chat")
    assert csp_of(unset)["frame-ancestors"] == "'self'"
