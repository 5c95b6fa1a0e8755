"""The production topology (deploy/) on loopback, started once for this file by a real supervisord:
nginx with TLS, two Rasa replicas (Redis tracker and lock store), two action servers, the web app
under waitress, Redis, and a PostgreSQL cluster of the test's own; mail to aiosmtpd.

Fifty pupils, each with an address of its own (nginx passes it on in X-Forwarded-For; with the
chat's default per-client limits and report caps, a proxy address taken for the pupil's would
refuse or hold their messages), make full reports for a minute over TLS, for three schools; then
each fault during such a load: a Rasa replica killed, an action server killed during submits,
PostgreSQL restarted, SMTP down for 30 s; both replicas restarted one after the other; an idle
conversation forgotten after its idle time. Every report must be stored exactly once, at its
school, and mailed once to that school's aanspreekpunt.
"""
from __future__ import annotations

import http.client
import json
import re
import shutil
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.adapters.rasa.redis_tracker_store import ASSOCIATED_PREFIX
from bot.adapters.storage.sealed import Keyring
from bot.settings import Settings
from tests.support.dialogue import CODE, Conversation, complete_report, question_slot
from tests.support.smtp import SmtpSink
from tests.support.topology import (
    ACTIONS, ANSWERS, DEPLOY, ENV_FILE, FIRST_MESSAGES, MULTI_SCHOOL, NGINX_TEMPLATE, RASA, SCHOOL_COUNT,
    SUPERVISORD_CONF, LoadResult, Pupil, Topology, notifications, read_env_file, run_load, stored_reports,
)
from tests.support.servers import ROOT

pytestmark = pytest.mark.topology

WORKDIR = ROOT / "tests" / "artifacts" / "topology"
IDLE_MINUTES = 5  # the short idle time of this run (production: 60)
# Pupils during each fault: each makes one full report, the fault strikes in the middle. With one
# of two replicas down, 25 pupils typing fast keep the other busy without queueing past its limits.
FAULT_PUPILS = 25
NGINX_FAIL_TIMEOUT = 5  # fail_timeout of the replicas in deploy/nginx.conf.template
SECRETS = {"KLANKBORD_ACTION_SECRET", "KLANKBORD_CLIENT_KEY", "KLANKBORD_DATABASE_URL", "KLANKBORD_SMTP_PASSWORD"}
RASA_OWN = {"TICKET_LOCK_LIFETIME", "RASA_TELEMETRY_ENABLED"}  # read by Rasa itself


@pytest.fixture(scope="module")
def sink():
    smtp = SmtpSink()
    smtp.start()
    yield smtp
    smtp.stop()


@pytest.fixture(scope="module")
def topology(sink):
    running = Topology(WORKDIR, sink.port, idle_minutes=IDLE_MINUTES)
    running.start()
    print(f"\ntopology ready in {running.start_seconds:.0f} s ({SCHOOL_COUNT} school(s))")
    try:
        # A few first messages before anything is measured: each action server builds its app and
        # connects to the database on its first call, as after any start.
        for n in range(6):
            pupil = Pupil(running, running.schools[n % len(running.schools)].school_id)
            assert pupil.say(pupil.sender, FIRST_MESSAGES[1]) and not pupil.errors
            pupil.close()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def schools(topology):
    return [s.school_id for s in topology.schools]


@pytest.fixture(scope="module")
def idle_conversation(topology, schools):
    """A conversation that says one thing and then nothing: (pupil, when, its key's expiry then)."""
    pupil = Pupil(topology, schools[0])
    replies = pupil.say(pupil.sender, FIRST_MESSAGES[0])
    pupil.close()
    assert any(question_slot(r.get("text", "")) for r in replies), replies
    return pupil, time.monotonic(), topology.redis().ttl(f"klankbord:tracker:{pupil.sender}")


# -- checks ------------------------------------------------------------------------------------

def assert_load_went_well(result: LoadResult) -> None:
    print("\n" + result.summary())
    assert result.fault_error is None, f"the fault itself failed: {result.fault_error!r}"
    assert not result.failures, f"{len(result.failures)} conversations failed; first:\n{result.failures[0]}"
    assert result.outcomes and all(o.reference for o in result.outcomes)


def assert_no_http_errors(result: LoadResult) -> None:
    """Checked last, after what was stored and mailed, so a failure says as much as it can."""
    assert result.errors == [], f"HTTP errors: {Counter(result.errors)}"


def assert_stored_once_and_mailed(topology: Topology, sink: SmtpSink, result: LoadResult,
                                  mail_timeout: float = 60) -> None:
    """Each conversation's report stored exactly once (the code it was told), at its school, not
    held; each of its notifications sent, and mailed exactly once; the school's aanspreekpunt among them."""
    outcomes = result.outcomes
    stored = stored_reports(topology, [o.pupil.sender for o in outcomes])
    for outcome in outcomes:
        rows = stored[outcome.pupil.sender]
        assert [(ref, school, held) for ref, school, held in rows] == [(outcome.reference, outcome.pupil.school, False)], \
            f"conversation {outcome.pupil.sender}: told {outcome.reference} of {outcome.pupil.school}, stored {rows}"
    references = [o.reference for o in outcomes]
    recipient_of = {s.school_id: s.recipient for s in topology.schools}
    deadline = time.monotonic() + mail_timeout
    while True:
        notes = notifications(topology, references)
        pending = [r for r, n in notes.items() if not n or any(status != "sent" for _, status in n)]
        if not pending or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert not pending, f"{len(pending)} reports not (all) mailed after {mail_timeout:.0f} s, e.g. {notes[pending[0]]}"
    time.sleep(1)  # a mail marked sent has been taken by the SMTP server already; let the sink record it
    mailed = Counter()
    for message, (_, recipients) in zip(list(sink.messages), list(sink.envelopes)):
        found = CODE.search(str(message["Subject"] or ""))
        if found:
            for recipient in recipients:
                mailed[(found.group(1), recipient)] += 1
    for outcome in outcomes:
        wanted = {recipient for recipient, _ in notes[outcome.reference]}
        assert recipient_of[outcome.pupil.school] in wanted, (outcome.pupil.school, wanted)
        got = {recipient: n for (ref, recipient), n in mailed.items() if ref == outcome.reference}
        assert got == {recipient: 1 for recipient in wanted}, f"{outcome.reference}: mailed {got}, notifications {wanted}"


def retried(lines, port_from: int) -> int:
    """Requests that nginx sent to the other server after the one on ``port_from`` failed."""
    return sum(1 for line in lines if re.search(rf"upstream=127\.0\.0\.1:{port_from}, 127\.0\.0\.1:\d+", line))


# -- the files ---------------------------------------------------------------------------------

def test_the_environment_file_names_every_variable_the_deploy_files_use():
    def uncommented(path: Path) -> str:
        return "\n".join(line for line in path.read_text().splitlines() if not line.lstrip().startswith(("#", ";")))

    defined = set(read_env_file())
    used = set(re.findall(r"%\(ENV_([A-Z0-9_]+)\)s", uncommented(SUPERVISORD_CONF)))
    used |= set(re.findall(r"\{\{\s*([A-Z0-9_]+)\s*\}\}", uncommented(NGINX_TEMPLATE)))
    used |= set(re.findall(r"\$\{([A-Z0-9_]+)\}", uncommented(DEPLOY / "endpoints.production.yml")))
    used |= set(re.findall(r"\$\{([A-Z0-9_]+)\}", uncommented(DEPLOY / "klankbord.service")))
    assert used - defined - SECRETS == set(), "used by deploy/ but not in deploy/klankbord.env"
    settings = (ROOT / "bot" / "settings.py").read_text()
    unknown = {name for name in defined if name not in used and name not in RASA_OWN and f'"{name}"' not in settings}
    assert unknown == set(), f"{ENV_FILE.name} sets what nothing reads"


def test_the_systemd_unit_passes_systemd_analyze_verify():
    """Syntax and executables only: no systemd runs here, so the unit itself is never started."""
    assert shutil.which("systemd-analyze"), "systemd-analyze is missing (Debian's systemd package)"
    checked = subprocess.run(["systemd-analyze", "verify", str(DEPLOY / "klankbord.service")],
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    assert str(SUPERVISORD_CONF.relative_to(ROOT)) in (DEPLOY / "klankbord.service").read_text()


# -- the running topology ----------------------------------------------------------------------

def _request(topology: Topology, port: int, method: str, path: str, body: bytes = b"") -> tuple:
    conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=topology.tls_context())
    try:
        conn.request(method, path, body=body or None, headers={"Content-Type": "application/json"} if body else {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode(errors="replace")
    finally:
        conn.close()


def test_nginx_serves_the_pages_over_tls_and_nothing_more(topology, idle_conversation):
    public, desk = topology.ports["public"], topology.ports["desk"]
    status, headers, page = _request(topology, public, "GET", "/")
    assert status == 200 and f'data-server="https://127.0.0.1:{public}"' in page
    assert headers.get("Strict-Transport-Security") and "Content-Security-Policy" in headers
    status, headers, _ = _request(topology, public, "GET", "/chat")
    assert status == 200 and f"connect-src https://127.0.0.1:{public}" in headers["Content-Security-Policy"]
    assert _request(topology, public, "GET", "/static/klankbord-widget.js")[0] == 200
    # Only the chat webhook of Rasa, only POST, at most the chat's body limit; no desk, no readiness route.
    assert _request(topology, public, "GET", "/webhooks/rest/webhook")[0] == 403
    assert _request(topology, public, "POST", "/webhooks/rest/webhook", b"{" + b" " * 9000 + b"}")[0] == 413
    for path in ("/desk/", "/webhooks/rest/ready", "/webhooks/rest/", "/version", "/conversations/x/tracker"):
        assert _request(topology, public, "GET", path)[0] == 404, path
    # The desk on its own port; the pupil's pages are not there.
    assert _request(topology, desk, "GET", "/")[0] == 302
    status, headers, _ = _request(topology, desk, "GET", "/desk/")
    assert status in (200, 302, 303), status
    assert _request(topology, desk, "GET", "/chat")[0] == 404
    # Plain HTTP only redirects to HTTPS.
    conn = http.client.HTTPConnection("127.0.0.1", topology.ports["http"], timeout=10)
    conn.request("GET", "/chat")
    response = conn.getresponse()
    assert response.status == 301 and response.getheader("Location", "").startswith("https://")
    # The web app runs under waitress, not Werkzeug's development server.
    cmdline = Path(f"/proc/{topology.pid('web')}/cmdline").read_bytes().split(b"\0")
    assert b"bot.entrypoints.web.wsgi" in cmdline
    # Every replica said it is ready only after its warm-up message.
    for name in RASA:
        assert topology.ready_status(name) == 200
        assert "ready: a warm-up message was answered" in topology.log(name).read_text(errors="replace")


def test_fifty_pupils_report_for_a_minute_over_tls(topology, sink, schools):
    result = run_load(topology, schools, concurrency=50, seconds=60)
    assert_load_went_well(result)
    assert_stored_once_and_mailed(topology, sink, result)  # each at its school, to its aanspreekpunt
    per_school = Counter(o.pupil.school for o in result.outcomes)
    assert set(per_school) == set(schools) and len(per_school) == SCHOOL_COUNT, per_school
    if MULTI_SCHOOL:
        recipients = {r for _, rs in sink.envelopes for r in rs}
        assert {s.recipient for s in topology.schools} <= recipients
    assert_no_http_errors(result)


def test_a_rasa_replica_killed_mid_conversation_comes_back_and_the_conversations_go_on(topology, sink, schools):
    victim, events = RASA[0], {}
    before = len(topology.access_log())

    def kill_a_replica():
        time.sleep(15)  # every pupil is in the middle of a report by now
        old = topology.kill(victim)
        events["back"] = topology.wait_new_pid(victim, old)
        seen = []
        events["ready"] = topology.wait_ready(victim, timeout=240, seen=seen) + events["back"]
        events["seen"] = seen

    result = run_load(topology, schools, concurrency=FAULT_PUPILS, seconds=5, fault=kill_a_replica)
    assert_load_went_well(result)
    print(f"{victim}: running again after {events['back']:.1f} s, ready after {events['ready']:.0f} s, "
          f"readiness seen {events['seen']}")
    assert events["back"] <= 5, "supervisord must start a killed replica again within 5 s"
    assert 503 in events["seen"], "a replica back from a crash must say 'not ready' until it answered a warm-up"
    lines = topology.access_log()[before:]
    assert retried(lines, topology.ports[victim]) >= 1, "no message in flight was resent to the other replica"
    assert_stored_once_and_mailed(topology, sink, result)
    assert_no_http_errors(result)


def test_an_action_server_killed_during_submits_loses_and_doubles_nothing(topology, sink, schools):
    victim, events = ACTIONS[0], {}
    confirms = []
    enough = threading.Event()

    def confirming():
        confirms.append(time.monotonic())
        if len(confirms) >= 8:
            enough.set()

    def kill_during_submits():
        assert enough.wait(180), "no pupil got to confirm a report"
        old = topology.kill(victim)
        events["back"] = topology.wait_new_pid(victim, old)

    before = len(topology.access_log())
    result = run_load(topology, schools, concurrency=FAULT_PUPILS, seconds=5, fault=kill_during_submits,
                      on_confirm=confirming)
    assert_load_went_well(result)
    print(f"{victim}: running again after {events['back']:.1f} s; action calls resent to the other: "
          f"{retried(topology.access_log()[before:], topology.ports[victim])}")
    assert events["back"] <= 5
    # A submit cut off mid-way is resent (nginx) or repeated by the pupil; its submission id keeps it
    # to one report and one set of mails. A notification claimed by the killed process waits out its lease.
    assert_stored_once_and_mailed(topology, sink, result, mail_timeout=180)
    assert_no_http_errors(result)


def test_reports_sent_while_postgresql_restarts_are_stored_after_or_sent_again(topology, sink, schools):
    confirms = threading.Event()
    events = {}

    def restart_postgresql():
        assert confirms.wait(180), "no pupil got to confirm a report"
        started = time.monotonic()
        topology.postgres.stop()
        time.sleep(8)
        topology.postgres.start()
        events["down"] = time.monotonic() - started

    result = run_load(topology, schools, concurrency=FAULT_PUPILS, seconds=5, fault=restart_postgresql,
                      on_confirm=confirms.set)
    assert_load_went_well(result)
    told_again = sum(o.pupil.confirmed_again for o in result.outcomes)
    print(f"PostgreSQL down for {events['down']:.1f} s; pupils told to say 'ja' again: {told_again}")
    # None silently lost: whoever was told the code has the report; whoever was told it failed said
    # "ja" again and then got a code (assert_load_went_well: every conversation ended with one).
    assert told_again >= 1, "the restart fell between submits: it tested nothing"
    assert_stored_once_and_mailed(topology, sink, result)
    assert_no_http_errors(result)


def test_mail_goes_out_once_after_smtp_was_down_for_30_seconds(topology, sink, schools):
    confirms = threading.Event()
    events = {}

    def smtp_down():
        assert confirms.wait(180), "no pupil got to confirm a report"
        port = sink.port
        sink.stop()
        events["down_at"] = time.monotonic()
        time.sleep(30)
        sink.start(port=port)
        events["up_at"] = time.monotonic()

    result = run_load(topology, schools, concurrency=FAULT_PUPILS, seconds=5, fault=smtp_down,
                      on_confirm=confirms.set)
    assert_load_went_well(result)
    during = [o for o in result.outcomes if events["down_at"] <= o.ended <= events["up_at"]]
    print(f"reports made while SMTP was down: {len(during)} of {len(result.outcomes)}")
    assert during, "no report was made while SMTP was down: it tested nothing"
    assert_stored_once_and_mailed(topology, sink, result)
    assert_no_http_errors(result)


def test_a_conversation_goes_on_after_both_replicas_restarted_one_after_the_other(topology, sink, schools):
    pupil = Pupil(topology, schools[-1])
    conversation = Conversation(pupil.say, pupil.sender)
    replies = conversation.send(FIRST_MESSAGES[2])
    asked = next(question_slot(r["text"]) for r in reversed(replies) if question_slot(r.get("text", "")))
    stop = threading.Event()
    load: dict = {}
    background = threading.Thread(target=lambda: load.update(
        result=run_load(topology, schools, concurrency=10, seconds=600, stop=stop)), daemon=True)
    background.start()  # zero downtime: pupils go on reporting during the restarts
    try:
        for name in RASA:
            topology.ctl("restart", name)
            topology.wait_ready(name, timeout=300)
            time.sleep(NGINX_FAIL_TIMEOUT + 1)  # until nginx sends to it again (deploy/README.md)
    finally:
        stop.set()
    reference = complete_report(conversation, ANSWERS[asked], ANSWERS)  # the form goes on where it was
    assert reference and pupil.errors == [], conversation.dump()
    background.join(timeout=400)
    assert_load_went_well(load["result"])
    assert_stored_once_and_mailed(topology, sink, load["result"])
    assert_no_http_errors(load["result"])
    [(stored, school, _)] = stored_reports(topology, [pupil.sender])[pupil.sender]
    assert (stored, school) == (reference, schools[-1])


def test_an_idle_conversation_is_forgotten_after_its_idle_time(topology, idle_conversation):
    pupil, told_at, expiry_then = idle_conversation
    key = f"klankbord:tracker:{pupil.sender}"
    assert IDLE_MINUTES * 60 - 60 < expiry_then <= IDLE_MINUTES * 60, expiry_then
    time.sleep(max(0.0, told_at + IDLE_MINUTES * 60 + 2 - time.monotonic()))
    assert not topology.redis().exists(key), "the conversation outlived its idle time"
    # A message under the same id starts a new conversation: the first one's words are gone.
    pupil.say(pupil.sender, "hallo")
    pupil.close()
    keyring = Keyring(*Settings(data_key_file=Path(topology.env["KLANKBORD_DATA_KEY_FILE"])).data_keys())
    tracker = json.loads(keyring.open(topology.redis().get(key), ASSOCIATED_PREFIX + pupil.sender))
    said = [e.get("text") for e in tracker["events"] if e.get("event") == "user"]
    assert said == ["hallo"], said


def test_no_message_text_in_any_log(topology):
    typed = [ANSWERS[k] for k in ("description", "people_involved", "desired_outcome", "since_when")]
    typed += list(FIRST_MESSAGES)
    found = {}
    for log in sorted((WORKDIR / "log").glob("*")):
        text = log.read_text(errors="replace")
        hits = [t for t in typed if t in text]
        if hits:
            found[log.name] = hits
    assert found == {}, f"message texts in logs: {json.dumps(found)[:2000]}"
