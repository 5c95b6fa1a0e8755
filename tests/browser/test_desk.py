"""The aanspreekpunt's desk in a real browser (Debian's Chromium through Playwright).

End to end against the real Rasa and action servers: a pupil reports through the chat, the
aanspreekpunt opens the report from the mail link, logs in, sets the status, logs an action and
writes a message; the pupil asks for the status over the REST webhook with code and secret,
reads the message and adds information, which the desk then shows.
Also makes the README screenshots (docs/desk-*.png) from a desk with demo data.
"""
from __future__ import annotations

import re
import shutil
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.domain.school import load_config
from bot.services import cases, checkin
from bot.bootstrap import bootstrap
from bot.domain.desk import Actor, NazorgAnswer, Role
from bot.domain.report import Confidentiality, ReporterRole
from tests.integration.test_conversations import PUPIL_ANSWERS
from tests.support.desk import PASSWORD, add_report, add_user, generated_reports, make_desk, totp_code
from tests.support.dialogue import Conversation, complete_report

pytestmark = [pytest.mark.browser, pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]
SECRET = re.compile(r"Je geheime woord is: ([a-z]+-[a-z]+-[0-9]{2})")
MESSAGE = "Hoi, ik heb je melding gelezen. Kom je dinsdag in de pauze even langs bij lokaal 1.12?"
ADDITION = "Vandaag gebeurde het weer, na de gymles."


def replies_text(replies) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def csp_errors(page) -> list:
    return [m for m in page.kb_console if "Content Security Policy" in m]


@pytest.fixture
def desk_page(new_page):
    def make():
        page, recorder = new_page()
        page.kb_console = []
        page.on("console", lambda msg: page.kb_console.append(msg.text))
        return page, recorder
    return make


def login(page, name: str, password: str = PASSWORD) -> None:
    """Name and password, then the code from the user's app on the next page."""
    page.fill("#username", name)
    page.fill("#password", password)
    page.click("button:has-text('Inloggen')")
    page.wait_for_selector("#code")
    page.fill("#code", totp_code(name))
    page.click("button:has-text('Inloggen')")


def test_aanspreekpunt_handles_a_chat_report_and_the_pupil_follows_up(stack, desk_page):
    config = load_config(stack.env["KLANKBORD_SCHOOL_CONFIG"])
    # 1. A pupil reports through the chat and gets a code and a secret.
    pupil = Conversation(stack.say, stack.new_sender())
    answers = {**PUPIL_ANSWERS, "confidentiality": "vertrouwelijk", "contact": "Noor, klas 2c"}
    ref = complete_report(pupil, "ze schelden me elke dag uit in de kleedkamer", answers)
    found = SECRET.search(pupil.dump())
    assert found, pupil.dump()
    secret = found.group(1)

    desk = bootstrap(config=config, database_url=stack.database_url, start_worker=False)
    try:
        add_user(desk, "juf-browser", Role.AANSPREEKPUNT)
    finally:
        desk.close()

    # 2. The aanspreekpunt follows the mail link, logs in and lands on the report.
    page, recorder = desk_page()
    page.goto(f"{stack.web_url}/desk/reports/{ref}")
    page.wait_for_selector("#username")
    login(page, "juf-browser")
    page.wait_for_url(f"**/desk/reports/{ref}")
    body = page.inner_text("main")
    assert "ze schelden me elke dag uit in de kleedkamer" in body and "Noor, klas 2c" in body
    cookie = next(c for c in page.context.cookies() if c["name"] == "klankbord_desk")
    assert cookie["path"] == "/desk" and cookie["httpOnly"] and cookie["sameSite"] == "Strict"

    # 3. Status, an action in the log, a message for the pupil.
    page.check("input[name=status][value=in_behandeling]")
    page.click("button:has-text('Status opslaan')")
    page.wait_for_selector("text=De status is aangepast.")
    page.fill("#what", "Gesprek met Noor; afgesproken dat de mentor in de kleedkamer let op.")
    page.fill("#with_whom", "Noor en de mentor")
    page.click("button:has-text('Vastleggen')")
    page.wait_for_selector("text=De actie is vastgelegd.")
    page.fill("#message_text", MESSAGE)
    page.click("button:has-text('Bericht klaarzetten')")
    page.wait_for_selector("text=Het bericht staat klaar.")
    body = page.inner_text("main")
    assert "Nu: in behandeling." in body and "Noor en de mentor" in body and "nog niet gelezen" in body

    # 4. The pupil asks how it goes, over the REST webhook, with code and secret.
    back = Conversation(stack.say, stack.new_sender())
    assert "Wat is je code?" in replies_text(back.send("hoe staat het met mijn melding")), back.dump()
    assert "geheime woord" in replies_text(back.send(ref)), back.dump()
    said = replies_text(back.send(secret))
    assert f"{config.aanspreekpunt.name} is met je melding bezig." in said, back.dump()
    assert MESSAGE in said, back.dump()
    assert "Ik heb het bij je melding gezet" in replies_text(back.send(ADDITION)), back.dump()

    # 5. The desk shows the addition, and that the message was read.
    page.reload()
    body = page.inner_text("main")
    assert ADDITION in body and "gelezen" in body.replace("nog niet gelezen", "")
    page.click("a:has-text('Inbox')")
    page.wait_for_url("**/desk/inbox")
    assert ref in page.inner_text("main")
    assert csp_errors(page) == [] and page.kb_errors == []
    # The pupil's page still gets no cookie from this browser.
    assert not any(c["path"] == "/" for c in page.context.cookies())


def _demo_desk(tmp_path):
    """A desk with realistic, invented data for the screenshots."""
    desk = make_desk(tmp_path)
    now = datetime.now(timezone.utc)
    today = date.today()
    ap = add_user(desk, "m.jansen", Role.AANSPREEKPUNT)
    add_user(desk, "coordinator", Role.COORDINATOR)
    actor = Actor.of(ap)
    story = dict(since_when="sinds de herfstvakantie", already_told="mijn mentor", desired_outcome="dat het stopt")
    earlier = generated_reports(desk, 56, seed=11, start=now - timedelta(days=12))
    earlier += generated_reports(desk, 40, seed=12, start=now - timedelta(days=365))
    for ref in earlier:
        cases.change_status(desk, actor, ref, "afgesloten", "Afspraken nagekomen; het pesten is gestopt.")
    urgent = add_report(desk, urgent=True, created_at=now - timedelta(hours=3), kinds=("bedreigen", "online"),
                        places=("online",), moment="avond_online",
                        description="Ze sturen dreigende berichten in de groepsapp.",
                        people="Twee jongens uit 2b", contact="Sam, 2a", **story)
    old = add_report(desk, created_at=now - timedelta(days=11), kinds=("buitensluiten",), places=("kantine",),
                     confidentiality=Confidentiality.ANONIEM, contact=None, people=None,
                     description="Niemand mag naast me zitten in de kantine.", **story)
    main = add_report(desk, created_at=now - timedelta(days=16), kinds=("schelden", "uitlachen"),
                      places=("kleedkamer", "gymzaal"), moment="gym",
                      description="Ze schelden me elke gymles uit in de kleedkamer en lachen als ik me omkleed.",
                      people="Een paar meiden uit mijn klas", contact="Noor, klas 2c", **story)
    add_report(desk, created_at=now - timedelta(days=2), role=ReporterRole.OUDER, kinds=("fysiek",),
               places=("schoolplein",), description="Mijn zoon wordt in de pauze geduwd.",
               people="kinderen uit groep 8", contact="06-00000000 (moeder)", **story)
    nazorg = add_report(desk, created_at=now - timedelta(days=30), kinds=("spullen",), places=("kapstokken",),
                        description="Mijn jas wordt steeds van de kapstok gegooid.", people="weet ik niet",
                        contact="Daan, 1c", **story)
    cases.change_status(desk, actor, nazorg, "in_behandeling")
    cases.set_nazorg_date(desk, ap, nazorg, today - timedelta(days=1))
    cases.change_status(desk, actor, main, "in_behandeling")
    cases.add_entry(desk, ap, main, today - timedelta(days=14), "Gesprek met Noor: wat er gebeurt en wat zij wil.", "Noor")
    cases.add_entry(desk, ap, main, today - timedelta(days=13),
                    "Afgesproken: de gymdocent is bij het omkleden in de buurt; de mentor praat met de groep.",
                    "gymdocent, mentor")
    cases.add_message(desk, ap, main, "Hoi Noor, de gymdocent let nu extra op. Laat je weten hoe het gaat?")
    cases.set_nazorg_date(desk, ap, main, today - timedelta(days=1))
    checkin.status_for_pupil(desk, main)  # the pupil read it
    checkin.record_nazorg(desk, main, NazorgAnswer.EEN_BEETJE)
    checkin.add_addition(desk, main, "Het is al iets beter, maar in de bus gaat het nog door.")
    return desk, urgent, old, main


@pytest.fixture
def demo_server(tmp_path):
    from werkzeug.serving import make_server

    from bot.entrypoints.web import create_app

    desk, *refs = _demo_desk(tmp_path)
    app = create_app({"KLANKBORD_DESK": desk})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", refs
    server.shutdown()
    desk.close()


def test_desk_screenshots_for_the_readme(demo_server, desk_page, artifacts):
    url, (urgent, old, main) = demo_server
    page, _ = desk_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{url}/desk/")
    login(page, "m.jansen")
    page.wait_for_url("**/desk/inbox")
    body = page.inner_text("main")
    assert body.index(urgent) < body.index(main) < body.index(old)  # urgent first, then oldest
    assert "te laat" in body and "Nazorg nu aan de beurt" in body
    shots = {}
    shots["inbox"] = artifacts / "desk-inbox.png"
    page.screenshot(path=str(shots["inbox"]))
    page.goto(f"{url}/desk/reports/{main}")
    assert "Het is al iets beter" in page.inner_text("main")
    shots["report"] = artifacts / "desk-report.png"
    page.screenshot(path=str(shots["report"]), full_page=True)
    page.goto(f"{url}/desk/monitoring")
    assert page.locator("figure.chart svg").count() == 6
    shots["monitoring"] = artifacts / "desk-monitoring.png"
    page.screenshot(path=str(shots["monitoring"]), full_page=True)
    assert csp_errors(page) == [] and page.kb_errors == []
    for name, path in shots.items():
        assert path.stat().st_size > 10_000
        shutil.copyfile(path, ROOT / "docs" / f"desk-{name}.png")
