"""The chat widget on the demo school page, in Debian's Chromium, against the real assistant.

``stack`` (tests/conftest.py) runs the Rasa server, the action server and the demo page (bot.entrypoints.web),
with the Rasa server's CORS limited to the page's origin. Tests that need no assistant at all (the
error message, the length limit, markup shown as text) use ``unreachable_site``: the same page
pointed at a port where nothing listens.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bot.domain.chat_limits import ChatLimits
from widget_driver import (
    CODE_RE,
    DEFAULT_EXIT_URL,
    DESKTOP,
    PHONE,
    ZOOM_200,
    ChatPage,
    complete_report,
    origin,
    save_text,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "web" / "static" / "axe.min.js"
FIRST_MESSAGE = "ze schelden me elke dag uit in de kleedkamer"
SENDER_RE = re.compile(r"^[0-9a-f]{32}$")  # 128 random bits
PHONE_SHOT = ROOT / "tests" / "artifacts" / "widget-phone.png"
DESKTOP_SHOT = ROOT / "tests" / "artifacts" / "widget-desktop.png"
README_SHOT = ROOT / "docs" / "screenshot-chat.png"


def start_conversation(chat: ChatPage) -> list:
    chat.goto().open()
    replies = chat.type_message(FIRST_MESSAGE)
    assert replies, "the assistant did not answer the first message"
    return replies


def no_page_errors(chat: ChatPage) -> None:
    assert chat.page.kb_errors == [], f"JavaScript errors on the page: {chat.page.kb_errors}"


# ----- the report, end to end ---------------------------------------------------------------


def test_pupil_completes_a_report_by_clicking_and_typing(stack, chat_page, artifacts):
    chat, _ = chat_page(stack.web_url)
    chat.goto().open()
    assert chat.focused("input") == "input", "opening the chat must put the focus in the message box"

    started = time.monotonic()
    run = complete_report(chat, FIRST_MESSAGE, max_turns=30)
    elapsed = time.monotonic() - started
    save_text(artifacts / "report-transcript.txt",
              run.transcript + [f"# {run.turns} turns, {elapsed:.1f} s, code {run.code}"])

    assert run.code, ("no reference code after 30 turns; transcript in "
                      "tests/artifacts/report-transcript.txt:\n" + "\n".join(run.transcript[-12:]))
    assert run.clicks >= 1, "the report was completed without any quick-reply button"
    assert run.typed >= 2, "the report was completed without typed answers"
    # After every reply the focus is back in the message box.
    assert set(run.focus_after_reply) == {"input"}, run.focus_after_reply
    # The code is on screen as plain text in a bot message.
    assert any(CODE_RE.search(text) for text in chat.bot_texts())
    assert chat.frame.locator("[data-kb=msg][data-who=bot] .kb-bubble *").count() == 0, \
        "bot messages must contain text only, no elements"
    # Used quick replies are gone; the user's clicks show as their own messages.
    shown = [text for who, text in chat.messages() if who == "user"]
    clicked = [line[3:-1] for line in run.transcript if line.startswith("> [")]
    assert all(title in shown for title in clicked)
    # What the page shows is what sessionStorage keeps for a reload, and nothing else.
    saved = chat.storage()
    assert SENDER_RE.match(saved["klankbord.sender"])
    assert [m["text"] for m in json.loads(saved["klankbord.history"])] == [t for _, t in chat.messages()]
    no_page_errors(chat)


# ----- quick exit, cookies, requests, CORS -------------------------------------------------------


def test_quick_exit_leaves_nothing_and_back_does_not_return_to_the_chat(stack, new_page, foreign_site):
    page, _ = new_page(viewport=PHONE, scale=2)
    page.goto(foreign_site)  # where the pupil was before the school page
    chat = ChatPage(page, stack.web_url)
    start_conversation(chat)
    saved = chat.storage()
    assert SENDER_RE.match(saved.get("klankbord.sender", "")), saved
    assert FIRST_MESSAGE in saved.get("klankbord.history", "")

    # A reload within the tab keeps the conversation (so the wipe below is real work).
    before = chat.messages()
    page.reload()
    chat.frame.wait_for_selector("[data-kb=panel]", state="visible")
    assert chat.messages() == before

    # "Snel weg" is on screen, and leaves at once.
    exit_button = chat.frame.locator("[data-kb=panel] [data-kb=exit]")
    assert exit_button.is_visible()
    exit_button.click()
    page.wait_for_url(DEFAULT_EXIT_URL)
    assert page.url == DEFAULT_EXIT_URL

    # Back goes to the page before the school page, and no history entry leads to the chat.
    entries = page.evaluate("history.length")
    visited = []
    for _ in range(entries - 1):
        page.go_back()
        page.wait_for_load_state()
        visited.append(page.url)
    assert visited[0] == foreign_site, visited
    assert not any(url.startswith(stack.web_url) for url in visited), visited

    # No cookies for the page, and in this tab the school page remembers nothing.
    assert page.context.cookies() == []
    assert page.context.cookies([stack.web_url, stack.rasa_url]) == []
    chat.goto()
    assert chat.storage() == {}
    assert chat.messages() == []
    assert chat.frame.locator("[data-kb=panel]").is_hidden()
    assert page.evaluate("localStorage.length") == 0
    no_page_errors(chat)


def test_no_cookies_and_every_request_goes_to_the_school_or_the_assistant(stack, chat_page):
    chat, recorder = chat_page(stack.web_url)
    replies = start_conversation(chat)
    if chat.reply_titles():
        chat.click_reply(chat.reply_titles()[0])
    help_replies = chat.click_help()
    assert help_replies, "Hulp nu got no answer"
    chat.page.reload()
    chat.frame.wait_for_selector("[data-kb=panel]", state="visible")
    assert replies

    allowed = {origin(stack.web_url), origin(stack.rasa_url)}
    foreign = [url for _, url, _ in recorder.requests if origin(url) not in allowed]
    assert foreign == [], f"requests to other servers: {foreign}"
    webhook = [(m, url, h) for m, url, h in recorder.requests
               if url == stack.rasa_url.rstrip("/") + "/webhooks/rest/webhook" and m == "POST"]
    assert len(webhook) >= 3, "the widget did not talk to the Rasa server"
    for _, _, headers in webhook:
        assert "cookie" not in headers and "referer" not in headers, headers
    assert recorder.set_cookies == [], f"Set-Cookie sent by {recorder.set_cookies}"
    assert chat.page.context.cookies() == []
    assert chat.page.evaluate("document.cookie") == ""
    assert chat.page.evaluate("localStorage.length") == 0
    assert all(key.startswith("klankbord.") for key in chat.storage())
    no_page_errors(chat)


FETCH_WEBHOOK = """async ([url, sender]) => {
  try {
    const r = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"},
                                body: JSON.stringify({sender: sender, message: "hallo"})});
    return {ok: true, status: r.status, body: await r.text()};
  } catch (e) {
    return {ok: false, error: String(e)};
  }
}"""


def preflight(rasa_url: str, from_origin: str) -> dict:
    request = urllib.request.Request(
        rasa_url.rstrip("/") + "/webhooks/rest/webhook", method="OPTIONS",
        headers={"Origin": from_origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return {k.lower(): v for k, v in error.headers.items()}


def test_a_page_on_another_origin_cannot_use_the_assistant(stack, new_page, foreign_site):
    webhook = stack.rasa_url.rstrip("/") + "/webhooks/rest/webhook"
    page, _ = new_page()

    page.goto(foreign_site)
    refused = page.evaluate(FETCH_WEBHOOK, [webhook, "cors-probe-" + os.urandom(8).hex()])
    assert refused["ok"] is False, f"a foreign origin could read the assistant's answer: {refused}"

    # The same call from the school page works, so the refusal is CORS and not a dead server.
    page.goto(stack.web_url)
    allowed = page.evaluate(FETCH_WEBHOOK, [webhook, "cors-probe-" + os.urandom(8).hex()])
    assert allowed["ok"] is True and allowed["status"] == 200, allowed
    assert isinstance(json.loads(allowed["body"]), list)

    # What the server says: only the school's origin is allowed.
    assert preflight(stack.rasa_url, origin(foreign_site)).get("access-control-allow-origin") in (None, "")
    assert preflight(stack.rasa_url, origin(stack.web_url)).get("access-control-allow-origin") \
        == origin(stack.web_url)
    # CORS binds only browsers: a server-side client still gets answers (see docs/widget.md).
    assert isinstance(stack.say("cors-probe-" + os.urandom(8).hex(), "hallo"), list)


# ----- keyboard, axe, layout ----------------------------------------------------------------


def focus_info(page) -> dict:
    """The focused element; inside the chat's frame when the focus is there."""
    top = page.evaluate("() => document.activeElement.dataset.kb || ''")
    scope = ChatPage(page, "").frame if top == "frame" else page
    return scope.evaluate("""() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {kb: el.dataset.kb || '', tag: el.tagName, text: (el.textContent || '').trim(),
              outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
              shadow: style.boxShadow};
    }""")


def tab_until(page, want, key: str = "Tab", limit: int = 40) -> dict:
    """Press Tab (or Shift+Tab) until ``want(focus)`` holds; the focus info of that element."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        info = focus_info(page)
        seen.append(info["kb"] or info["tag"])
        if want(info):
            return info
    raise AssertionError(f"{key} never reached the control; focus went through {seen}")


def assert_focus_visible(info: dict) -> None:
    assert info["outline"] != "none" and info["outlineWidth"] >= 2, f"no visible focus: {info}"


def test_keyboard_only(stack, chat_page):
    chat, _ = chat_page(stack.web_url)
    page = chat.page
    chat.goto()

    # From the top of the page, Tab reaches the chat button; Enter opens it with the focus in the box.
    info = tab_until(page, lambda f: f["kb"] == "launcher")
    assert_focus_visible(info)
    page.keyboard.press("Enter")
    assert chat.focused("input") == "input"

    before = len(chat.bot_texts())
    page.keyboard.type(FIRST_MESSAGE)
    page.keyboard.press("Enter")
    replies = chat.wait_reply(before)
    assert replies and chat.focused("input") == "input"

    # Tab order inside the open chat follows what is on screen.
    order = []
    info = tab_until(page, lambda f: f["kb"] == "help", key="Shift+Tab")
    for _ in range(12):
        order.append(info["kb"])
        assert_focus_visible(info)
        if info["kb"] == "send":
            break
        page.keyboard.press("Tab")
        info = focus_info(page)
    expected = ["help", "exit", "close", "log"] + ["reply"] * len(chat.reply_titles()) + ["input", "send"]
    assert order == expected

    # A quick reply, reached with Shift+Tab from the message box and pressed with Enter.
    chat.frame.focus("[data-kb=input]")
    if chat.reply_titles():
        info = tab_until(page, lambda f: f["kb"] == "reply", key="Shift+Tab")
        assert_focus_visible(info)
        before = len(chat.bot_texts())
        page.keyboard.press("Enter")
        assert chat.wait_reply(before)
        users = [text for who, text in chat.messages() if who == "user"]
        assert users[-1] == info["text"], "the button's title shows as the pupil's message"
        assert chat.focused("input") == "input"

    # "Hulp nu" by keyboard: the helplines come.
    info = tab_until(page, lambda f: f["kb"] == "help", key="Shift+Tab")
    before = len(chat.bot_texts())
    page.keyboard.press("Enter")
    help_text = " ".join(chat.wait_reply(before))
    assert re.search(r"\b(112|113|0800-\d{4})\b", help_text), help_text
    assert chat.focused("input") == "input"

    # Closing returns the focus to the chat button; Enter opens the same conversation again.
    count = len(chat.messages())
    tab_until(page, lambda f: f["kb"] == "close", key="Shift+Tab")
    page.keyboard.press("Enter")
    assert chat.frame.locator("[data-kb=panel]").is_hidden()
    assert chat.focused("launcher") == "launcher"
    page.keyboard.press("Enter")
    assert chat.focused("input") == "input" and len(chat.messages()) == count
    page.keyboard.press("Escape")
    assert chat.frame.locator("[data-kb=panel]").is_hidden() and chat.focused("launcher") == "launcher"
    page.keyboard.press("Enter")
    assert chat.focused("input") == "input"

    # And "Snel weg" by keyboard.
    tab_until(page, lambda f: f["kb"] == "exit", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(DEFAULT_EXIT_URL)
    no_page_errors(chat)


AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary).slice(0, 5)}));
}"""


def run_axe(page, web_url: str) -> list:
    """axe on the school page and, through axe's own frame messaging, on the chat in its frame.
    Loaded from each page's own origin, so the pages' CSPs (script-src 'self') stay on."""
    axe_url = web_url.rstrip("/") + "/static/axe.min.js"
    ChatPage(page, web_url).frame.add_script_tag(url=axe_url)
    page.add_script_tag(url=axe_url)
    return page.evaluate(AXE_RUN)


@pytest.mark.parametrize("viewport,scale", [(DESKTOP, 1), (PHONE, 2)], ids=["desktop", "phone"])
def test_axe_reports_no_violations(stack, chat_page, viewport, scale):
    assert AXE.is_file(), "web/static/axe.min.js is missing (see docs/widget.md)"
    chat, _ = chat_page(stack.web_url, viewport=viewport, scale=scale)
    chat.goto()
    closed = run_axe(chat.page, stack.web_url)
    assert closed == [], json.dumps(closed, indent=1, ensure_ascii=False)

    chat.open()
    chat.type_message(FIRST_MESSAGE)
    assert chat.messages(), "no open conversation to check"
    chat.page.wait_for_timeout(300)  # let the typing indicator and scrolling settle
    opened = chat.page.evaluate(AXE_RUN)
    opened += chat.frame.evaluate(AXE_RUN)  # the chat's document on its own, too
    assert opened == [], json.dumps(opened, indent=1, ensure_ascii=False)


LAYOUT = """() => {
  const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
  const box = sel => { const el = document.querySelector(sel); if (!el) return null;
    const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width,
            visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'}; };
  const overflow = sel => Array.from(document.querySelectorAll(sel))
    .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.className);
  return {vw, vh, pageScroll: document.documentElement.scrollWidth - vw,
          overflowing: overflow('[data-kb=root], [data-kb=host], [data-kb=panel], [data-kb=log], .kb-msg, .kb-replies, .kb-form'),
          frame: box('[data-kb=frame]'),
          send: box('[data-kb=send]'), input: box('[data-kb=input]'),
          exitOpen: box('[data-kb=panel] [data-kb=exit]'), exitDock: box('[data-kb=dock] [data-kb=exit]'),
          help: box('[data-kb=panel] [data-kb=help]'), launcher: box('[data-kb=launcher]'),
          replies: Array.from(document.querySelectorAll('[data-kb=reply]')).map(b => {
            const r = b.getBoundingClientRect(); return {left: r.left, right: r.right}; })};
}"""


def layout_of(chat: ChatPage) -> dict:
    """LAYOUT on the school page, with the chat's boxes (measured in its frame) moved to where
    the frame sits on the school page."""
    top = chat.page.evaluate(LAYOUT)
    inner = chat.frame.evaluate(LAYOUT)
    frame = top["frame"] or {"left": 0, "top": 0, "visible": False}
    for name in ("send", "input", "exitOpen", "help"):
        box = inner[name]
        if box is not None:
            box = dict(box, left=box["left"] + frame["left"], right=box["right"] + frame["left"],
                       top=box["top"] + frame["top"], bottom=box["bottom"] + frame["top"],
                       visible=box["visible"] and frame["visible"])
        top[name] = box
    top["replies"] = [{"left": r["left"] + frame["left"], "right": r["right"] + frame["left"]}
                      for r in inner["replies"]]
    if frame["visible"]:
        top["overflowing"] += inner["overflowing"]
        top["pageScroll"] = max(top["pageScroll"], inner["pageScroll"])
    return top


def inside(box: dict, layout: dict) -> bool:
    return (box is not None and box["visible"] and box["left"] >= 0 and box["top"] >= 0
            and box["right"] <= layout["vw"] + 0.5 and box["bottom"] <= layout["vh"] + 0.5)


@pytest.mark.parametrize("viewport", [PHONE, ZOOM_200], ids=["360px", "zoom200"])
def test_layout_at_360px_and_200_percent_zoom(stack, chat_page, viewport):
    chat, _ = chat_page(stack.web_url, viewport=viewport, scale=2)
    chat.goto()
    closed = layout_of(chat)
    assert closed["pageScroll"] <= 0, f"horizontal scroll on the page: {closed}"
    assert inside(closed["exitDock"], closed) and inside(closed["launcher"], closed), closed

    chat.open()
    long_word = "heeeeeeel" * 12
    chat.type_message(FIRST_MESSAGE + ", het is " + long_word + " erg en het duurt al weken")
    layout = layout_of(chat)
    assert layout["pageScroll"] <= 0, f"horizontal scroll on the page: {layout}"
    assert layout["overflowing"] == [], f"content wider than its box: {layout['overflowing']}"
    assert inside(layout["send"], layout), f"send button not fully visible: {layout['send']}"
    assert inside(layout["input"], layout), f"message box not fully visible: {layout['input']}"
    assert inside(layout["exitOpen"], layout), "Snel weg not visible in the open chat"
    assert inside(layout["help"], layout), "Hulp nu not visible in the open chat"
    assert all(r["left"] >= 0 and r["right"] <= layout["vw"] + 0.5 for r in layout["replies"])
    no_page_errors(chat)


def test_screenshots_at_phone_and_desktop_size(stack, chat_page, artifacts):
    for viewport, scale, path in ((PHONE, 2, PHONE_SHOT), (DESKTOP, 1, DESKTOP_SHOT)):
        chat, _ = chat_page(stack.web_url, viewport=viewport, scale=scale)
        start_conversation(chat)
        chat.page.wait_for_timeout(300)
        chat.page.screenshot(path=str(path))
        assert path.stat().st_size > 10_000
    # The README's picture: written when missing, refreshed on request.
    if not README_SHOT.exists() or os.environ.get("KLANKBORD_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(DESKTOP_SHOT, README_SHOT)


# ----- without the assistant: errors, limits, text only ------------------------------------------


def test_unreachable_server_gives_a_dutch_message_and_keeps_the_text(unreachable_site, chat_page):
    chat, _ = chat_page(unreachable_site["web_url"])
    chat.goto().open()
    chat.frame.fill("[data-kb=input]", "ze pakken steeds mijn tas af")
    chat.frame.press("[data-kb=input]", "Enter")
    chat.wait_reply(0)
    assert chat.state() == "error"
    alert = chat.frame.locator("[data-kb=error]")
    assert alert.get_attribute("role") == "alert"
    assert "niet" in alert.inner_text() and "Klankbord" in alert.inner_text()
    assert chat.frame.input_value("[data-kb=input]") == "ze pakken steeds mijn tas af"
    assert chat.messages() == []
    assert chat.focused("input") == "input"
    assert "ze pakken" not in json.dumps(chat.storage())

    chat.frame.click("[data-kb=panel] [data-kb=help]")
    chat.wait_reply(0)
    assert chat.state() == "error" and "niet verstuurd" in alert.inner_text()
    assert chat.frame.input_value("[data-kb=input]") == "ze pakken steeds mijn tas af"
    no_page_errors(chat)


def test_message_length_is_limited_with_a_dutch_notice(unreachable_site, chat_page):
    chat, _ = chat_page(unreachable_site["web_url"])
    chat.goto().open()
    note = chat.frame.locator("[data-kb=limit]")
    assert note.inner_text() == ""
    chat.frame.fill("[data-kb=input]", "a" * 1850)
    assert "Nog 150 tekens" in note.inner_text()
    chat.frame.fill("[data-kb=input]", "b" * 2300)
    assert len(chat.frame.input_value("[data-kb=input]")) == 2000
    assert "2000 tekens" in note.inner_text()
    # The limit note is tied to the box, so a screen reader reads it with the field.
    assert "klankbord-limit" in chat.frame.get_attribute("[data-kb=input]", "aria-describedby")
    no_page_errors(chat)


def test_markup_from_the_server_or_the_pupil_is_shown_as_text(unreachable_site, new_page):
    """The real assistant never sends markup, so this one test answers the webhook itself."""
    page, _ = new_page()
    hostile = '<img src=x onerror="window.__kbXss=1"><b>vet</b>'
    webhook = unreachable_site["rasa_url"] + "/webhooks/rest/webhook"
    cors = {"Access-Control-Allow-Origin": origin(unreachable_site["web_url"]),
            "Access-Control-Allow-Headers": "content-type"}
    page.route(webhook, lambda route: route.fulfill(
        status=200, headers=cors, content_type="application/json",
        body=json.dumps([{"recipient_id": "x", "text": hostile,
                          "buttons": [{"title": "<i>ja</i>", "payload": "/bevestigen"}]}]),
    ) if route.request.method == "POST" else route.fulfill(status=204, headers=cors))
    chat = ChatPage(page, unreachable_site["web_url"])
    chat.goto().open()
    chat.type_message("<b>hallo</b>")
    assert chat.messages() == [["user", "<b>hallo</b>"], ["bot", hostile]]
    assert chat.reply_titles() == ["<i>ja</i>"]
    assert chat.frame.locator("[data-kb=log] img, [data-kb=log] b, [data-kb=log] i").count() == 0
    assert page.evaluate("window.__kbXss") is None and chat.frame.evaluate("window.__kbXss") is None
    no_page_errors(chat)


def test_a_refused_message_shows_the_servers_kind_text_and_keeps_what_was_typed(attacked, chat_page):
    """Against the assistant with the default limits: a conversation that sent too much at once
    gets 429 with a kind text; the widget shows it and keeps the typed text to send again."""
    chat, _ = chat_page(attacked.stack.web_url)
    chat.goto().open()
    chat.type_message("hoi")
    sender = chat.storage()["klankbord.sender"]
    # The same conversation, sent too fast (as a stuck key or a script would): past its burst, and
    # kept too fast while the pupil types, so the refill (one a second) goes to the flood.
    stop = threading.Event()

    def flood() -> None:
        i = 0
        while not stop.wait(0.2):  # 5 a second: well within the client's limit, never the conversation's
            attacked.send(sender, f"nog een bericht {i}")
            i += 1

    for i in range(ChatLimits().conversation_burst):
        attacked.send(sender, f"eerst {i}")
    flooding = threading.Thread(target=flood, daemon=True)
    flooding.start()
    alert = chat.frame.locator("[data-kb=error]")
    # A refilled place may still go to the pupil's message: then it is answered (and kept in the
    # conversation, as it should be) and the next message tries again. Each try has its own words,
    # so the refused one can be told apart from those that went through.
    tries = [
        "ze pakken steeds mijn tas af",
        "ze lachen me uit in de gang",
        "ik word buitengesloten bij gym",
        "ze schelden me uit in de groepsapp",
        "iemand duwt me elke pauze",
    ]
    refused = None
    try:
        for typed in tries:
            chat.frame.fill("[data-kb=input]", typed)
            chat.frame.press("[data-kb=input]", "Enter")
            chat.wait_reply(len(chat.bot_texts()))
            if "Wacht een paar tellen" in (alert.inner_text() if alert.is_visible() else ""):
                refused = typed
                break
    finally:
        stop.set()
        flooding.join(timeout=30)
    assert refused is not None, "no message was refused while the conversation was flooded"
    assert chat.state() == "error" and "112" in alert.inner_text()
    assert chat.frame.input_value("[data-kb=input]") == refused
    assert refused not in json.dumps(chat.storage())
    no_page_errors(chat)


def test_hulp_nu_shows_the_schools_helplines_when_klankbord_is_unreachable(unreachable_site, chat_page):
    """The page carries the school's helplines (data-help, from the school file): with no Klankbord
    server to answer, "Hulp nu" still shows 112, 113 and the Kindertelefoon."""
    from bot.domain.school import load_config

    helplines = load_config().helplines
    chat, _ = chat_page(unreachable_site["web_url"])
    chat.goto().open()
    chat.frame.click("[data-kb=panel] [data-kb=help]")
    chat.wait_reply(0)
    shown = "\n".join(chat.bot_texts())
    for key in ("noodnummer", "zelfmoordpreventie", "kindertelefoon"):
        assert helplines[key].phone in shown, (key, shown)
    assert "Kindertelefoon" in shown and "112" in shown and "113" in shown
    assert "niet verstuurd" in chat.frame.locator("[data-kb=error]").inner_text()
    no_page_errors(chat)
