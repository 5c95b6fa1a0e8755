"""200 fake reports from one client, posted straight to the action server with the shared secret,
while a pupil behind another address sends a real report through the chat: every report is
stored, at most the client cap's number of the fakes is mailed, the pupil's report is mailed,
and the desk shows the possible misuse."""
from __future__ import annotations

import json
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.bootstrap import bootstrap
from bot.domain.desk import Role
from bot.domain.report_caps import ReportCaps
from bot.domain.school import load_config
from tests.adversarial.test_desk_login import PASSWORD, Client
from tests.integration.test_conversations import PUPIL_ANSWERS
from tests.support.attacked import CANARY
from tests.support.desk import add_user
from tests.support.dialogue import Conversation, complete_report
from tests.unit.test_actions import FULL

pytestmark = pytest.mark.integration

FAKES = 200
FLOOD_SECONDS = 15.0  # spread, so the pupil's report goes in while the fakes keep coming
FLOOD_CLIENT = uuid.uuid4().hex[:32]  # one daily pseudonym, as the chat channel passes it
CAPS = ReportCaps()  # the attacked stack runs with the defaults
HELD_NOTE = "Ter controle: mogelijk misbruik"


def _fake_report(action_url: str, secret: str, i: int, start: float) -> str:
    """One forged confirmation of the report form, at its time; returns the code the action answered with."""
    time.sleep(max(0.0, start + i * FLOOD_SECONDS / FAKES - time.monotonic()))
    sender = f"nep-{i}-{uuid.uuid4().hex[:8]}"
    slots = {**FULL, "description": f"nepmelding {i} {CANARY}", "submission_id": uuid.uuid4().hex}
    call = {"next_action": "action_submit_report", "sender_id": sender, "version": "3.6.2", "domain": {},
            "tracker": {"sender_id": sender, "slots": slots, "events": [], "paused": False,
                        "latest_message": {"text": "ja", "intent": {"name": "bevestigen"},
                                           "metadata": {"client": FLOOD_CLIENT}},
                        "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen"}}
    request = urllib.request.Request(f"{action_url}/webhook", data=json.dumps(call).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "X-Klankbord-Action-Secret": secret})
    with urllib.request.urlopen(request, timeout=60) as response:
        events = json.loads(response.read())["events"]
    return next(e["value"] for e in events if e.get("event") == "slot" and e.get("name") == "report_reference")


@pytest.fixture(scope="module")
def desk(attacked):
    app = bootstrap(config=load_config(attacked.stack.env["KLANKBORD_SCHOOL_CONFIG"]),
                    database_url=attacked.stack.database_url)
    add_user(app, "floodcheck", Role.AANSPREEKPUNT, PASSWORD)
    yield app
    app.close()


def test_two_hundred_fake_reports_from_one_client(attacked, smtp, desk):
    stack = attacked.stack
    pupil = {}

    def real_pupil() -> None:
        time.sleep(1)  # the flood is under way
        say = lambda sender, text: attacked.send_from("127.0.0.21", sender, text)[1] or []  # noqa: E731
        conversation = Conversation(say, stack.new_sender())
        pupil["ref"] = complete_report(conversation, "ze schelden me elke dag uit in de kleedkamer", PUPIL_ANSWERS)

    started = time.monotonic()
    thread = threading.Thread(target=real_pupil)
    thread.start()
    with ThreadPoolExecutor(max_workers=8) as pool:
        fakes = list(pool.map(lambda i: _fake_report(stack.action_url, stack.env["KLANKBORD_ACTION_SECRET"], i,
                                                     started), range(FAKES)))
    thread.join(timeout=180)
    seconds = time.monotonic() - started
    assert "ref" in pupil, "the pupil's report did not go through"

    [pupil_mail] = smtp.wait_for_subject(pupil["ref"], timeout=60)
    time.sleep(3)  # the outbox worker polls every second: anything more from the flood would be out by now
    with desk.uow() as uow:
        stored = [uow.reports.get(ref) for ref in fakes]
        pupil_report = uow.reports.get(pupil["ref"])
        mailed = sum(1 for ref in fakes if uow.notifications.for_report(ref))
    assert len(set(fakes)) == FAKES and all(r is not None and CANARY in r.description for r in stored)
    assert pupil_report is not None and not pupil_report.held
    held = sum(1 for r in stored if r.held)
    first, last = min(r.created_at for r in stored), max(r.created_at for r in stored)
    during = first <= pupil_report.created_at <= last
    fake_mails = sum(1 for m in smtp.messages if any(ref in str(m["Subject"]) for ref in fakes))
    assert mailed + held == FAKES and mailed <= CAPS.per_client_hour and fake_mails == mailed
    assert pupil_mail is not None

    owner = Client(stack.web_url, "127.0.0.22")
    assert owner.login("floodcheck", PASSWORD) == 303
    status, inbox = owner.request("GET", "/desk/inbox")
    assert status == 200 and "Mogelijk misbruik" in inbox and f"{FAKES} meldingen binnen een uur" in inbox
    held_ref = next(r.reference for r in stored if r.held)
    assert HELD_NOTE in owner.request("GET", f"/desk/reports/{held_ref}")[1]
    assert HELD_NOTE not in owner.request("GET", f"/desk/reports/{pupil['ref']}")[1]
    after = (pupil_report.created_at - first).total_seconds()
    attacked.note(f"{FAKES} fake reports from one client to the action server in {seconds:.1f} s, a pupil's "
                  f"real report through the chat from 127.0.0.21 {'amid them' if during else 'next to them'} "
                  f"({after:.1f} s after the first): {FAKES + 1} stored, 0 lost; "
                  f"{mailed} of the fakes mailed (cap {CAPS.per_client_hour} per client an hour), {held} held "
                  f"for the aanspreekpunt; the pupil's report mailed; the desk shows 'Mogelijk misbruik'")
