"""The school's site keeps nothing of the pupil: the chat runs in a frame from Klankbord's origin.

The school page here is a copy of web/index.html on ANOTHER origin (its own loopback port), as a
real school site is; the chat comes from the stack's web app (``school_elsewhere``, conftest.py),
whose KLANKBORD_SCHOOL_ORIGIN names the school's origin. After a whole report, nothing that
identifies or authenticates the pupil is in the school origin's storage, cookies, DOM or in any
message the chat sent to it.
"""
from __future__ import annotations

import json
import re
import urllib.request

import pytest
from widget_driver import DEFAULT_EXIT_URL, ChatPage, complete_report, origin

pytestmark = pytest.mark.browser

FIRST_MESSAGE = "ze schelden me elke dag uit in de kleedkamer"
SECRET_RE = re.compile(r"geheime woord is: (\S+)")
# Every message the school page receives, kept in memory on the school page only (never stored).
RECORD_MESSAGES = """
if (window.top === window) {
  window.__kbReceived = [];
  window.addEventListener("message", e => window.__kbReceived.push(
    {origin: e.origin, data: JSON.stringify(e.data)}), true);
}
"""
SCHOOL_STORAGE = """async () => ({
  session: Object.keys(sessionStorage).length,
  local: Object.keys(localStorage).length,
  cookie: document.cookie,
  indexedDB: (await indexedDB.databases()).map(d => d.name),
  caches: window.caches ? (await caches.keys()).length : 0,
})"""


def school_chat(new_page, site, before: str = "") -> ChatPage:
    page, _ = new_page()
    page.add_init_script(RECORD_MESSAGES)
    if before:
        page.goto(before)
    return ChatPage(page, site.web_url, school_url=site.school_url)


def test_the_school_origin_keeps_nothing_after_a_full_chat_with_a_report(school_elsewhere, new_page,
                                                                         foreign_site):
    chat = school_chat(new_page, school_elsewhere, before=foreign_site)
    chat.goto()
    assert origin(chat.page.url) != origin(school_elsewhere.web_url)
    assert origin(chat.frame.url) == origin(school_elsewhere.web_url)
    chat.open()
    assert chat.focused("input") == "input", "opening the chat must move the focus into the chat's frame"

    run = complete_report(chat, FIRST_MESSAGE, max_turns=30)
    assert run.code, "no reference code:\n" + "\n".join(run.transcript[-12:])
    shown = "\n".join(chat.bot_texts())
    secret = SECRET_RE.search(shown)
    assert secret, "the report did not give a secret word:\n" + shown[-600:]
    secret = secret.group(1)
    saved = chat.storage()  # Klankbord's origin: this is where the chat lives
    sender = saved["klankbord.sender"]
    assert run.code in saved["klankbord.history"]

    # The school's origin: no storage, no cookies, no database, no cache.
    school = chat.page.evaluate(SCHOOL_STORAGE)
    assert school == {"session": 0, "local": 0, "cookie": "", "indexedDB": [], "caches": 0}, school
    assert chat.page.context.cookies() == []
    # Nor in the school page's DOM: no message text, code, secret or conversation id.
    dom = chat.page.evaluate("document.documentElement.outerHTML")
    texts = [text for _, text in chat.messages() if len(text) >= 12]
    assert texts and FIRST_MESSAGE in texts
    leaked = [text for text in texts + [run.code, secret, sender] if text in dom]
    assert leaked == [], f"pupil data in the school page: {leaked}"
    # What the chat told the school page: only what it must, and only to that page.
    received = chat.page.evaluate("window.__kbReceived")
    from_chat = [json.loads(m["data"]) for m in received if m["origin"] == origin(school_elsewhere.web_url)]
    assert from_chat and {m["type"] for m in from_chat} <= {"ready", "close", "exit", "exited"}, from_chat
    assert all(set(m) <= {"source", "type", "open"} for m in from_chat), from_chat
    everything = json.dumps(received)
    assert not any(value in everything for value in (run.code, secret, sender, FIRST_MESSAGE))

    # "Snel weg" in the chat: the school page (the top) leaves, replacing its history entry.
    chat.frame.click("[data-kb=panel] [data-kb=exit]")
    chat.page.wait_for_url(DEFAULT_EXIT_URL)
    chat.page.go_back()
    chat.page.wait_for_load_state()
    assert chat.page.url == foreign_site, "back must skip the school page with the chat"
    chat.goto()
    assert chat.storage() == {} and chat.messages() == []
    assert chat.frame.locator("[data-kb=panel]").is_hidden()
    assert chat.page.kb_errors == [], chat.page.kb_errors


def test_snel_weg_on_the_school_page_makes_the_closed_chat_forget(school_elsewhere, new_page):
    chat = school_chat(new_page, school_elsewhere)
    chat.goto().open()
    assert chat.type_message(FIRST_MESSAGE)
    assert chat.storage().get("klankbord.sender")
    chat.frame.press("[data-kb=input]", "Escape")
    assert chat.focused("launcher") == "launcher"
    chat.page.locator("[data-kb=frame]").wait_for(state="hidden")

    chat.page.click("[data-kb=dock] [data-kb=exit]")
    chat.page.wait_for_url(DEFAULT_EXIT_URL)
    chat.goto()
    assert chat.storage() == {} and chat.messages() == []
    assert chat.page.evaluate(SCHOOL_STORAGE)["session"] == 0
    assert chat.page.kb_errors == [], chat.page.kb_errors


def test_the_chat_page_may_be_framed_only_by_the_school(school_elsewhere, new_page, foreign_site):
    with urllib.request.urlopen(school_elsewhere.web_url + "/chat", timeout=30) as response:
        headers = response.headers
    csp = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
    assert csp["frame-ancestors"] == origin(school_elsewhere.school_url)
    assert csp["default-src"] == "'none'" and csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["connect-src"] == origin(school_elsewhere.rasa_url)
    assert "X-Frame-Options" not in headers and "Set-Cookie" not in headers
    with urllib.request.urlopen(school_elsewhere.web_url + "/", timeout=30) as response:
        assert response.headers["X-Frame-Options"] == "DENY"

    # A page on any other origin gets an empty frame, not the chat.
    page, _ = new_page()
    page.goto(foreign_site)
    page.evaluate("""url => new Promise(done => {
      const frame = document.createElement('iframe');
      frame.src = url; frame.onload = () => done(); document.body.appendChild(frame);
      setTimeout(done, 5000);
    })""", school_elsewhere.web_url + "/chat#parent=" + origin(foreign_site))
    framed = [f for f in page.frames if f is not page.main_frame]
    assert framed, "no frame"
    assert not framed[0].url.startswith(school_elsewhere.web_url), framed[0].url
    assert framed[0].query_selector("[data-kb=root]") is None


def test_hulp_nu_on_the_school_page_works_when_klankbord_is_unreachable(school_without_klankbord, new_page):
    from bot.domain.school import load_config

    helplines = load_config().helplines
    page, _ = new_page()
    page.goto(school_without_klankbord)
    page.click("[data-kb=dock] [data-kb=help]")
    box = page.locator("[data-kb=helpbox]")
    box.wait_for(state="visible")
    for key in ("noodnummer", "zelfmoordpreventie", "kindertelefoon"):
        assert helplines[key].phone in box.inner_text(), (key, box.inner_text())
    assert page.evaluate("document.activeElement.dataset.kb") == "helpbox"
    page.keyboard.press("Escape")
    assert box.is_hidden() and page.evaluate("document.activeElement.dataset.kb") == "help"

    # The chat button, with no chat page to show: the helplines, and that Klankbord is unreachable.
    page.click("[data-kb=launcher]")
    box.wait_for(state="visible", timeout=15_000)
    text = box.inner_text()
    assert "niet te bereiken" in text and "112" in text and helplines["kindertelefoon"].phone in text
    assert page.locator("[data-kb=frame]").is_hidden()
    assert page.kb_errors == [], page.kb_errors
