"""The chat is open and working, then every Klankbord process stops (Rasa, the action server,
the web app): "Hulp nu" still shows the school's 112, 113 and Kindertelefoon, from what the page
already holds (the school file's helplines, rendered into it by the web app).

The stack is started again afterwards for the tests that follow.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_hulp_nu_shows_the_helplines_after_every_klankbord_process_stopped(stack, chat_page):
    from bot.domain.school import load_config

    helplines = load_config(stack.env["KLANKBORD_SCHOOL_CONFIG"]).helplines
    chat, _ = chat_page(stack.web_url)
    chat.goto().open()
    assert chat.type_message("hoi"), "the assistant did not answer while it was running"
    before = len(chat.bot_texts())
    try:
        for name in ("rasa", "actions", "web"):
            stack.stop(name)
        assert not stack.procs
        chat.frame.click("[data-kb=panel] [data-kb=help]")
        shown = "\n".join(chat.wait_reply(before))
        for key in ("noodnummer", "zelfmoordpreventie", "kindertelefoon"):
            assert helplines[key].phone in shown, (key, shown)
        assert "112" in shown and "113" in shown and "Kindertelefoon" in shown
        assert chat.page.kb_errors == [], chat.page.kb_errors
    finally:
        stack.start_all()
