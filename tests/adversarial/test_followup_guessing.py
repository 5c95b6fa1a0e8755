"""500 wrong follow-up codes from one client through the chat, while a pupil elsewhere keeps
checking in with her real code and secret. The guesser is told to try later (never that a secret
is wrong once limited, and never the status, even with the right code); past the chat's limits on
one client (one message handled at a time, a short queue, a budget of new conversations) it gets
429. The pupil gets in every time, her replies p95 under 1 s. Each kind of answer is counted in
the figures.
The service-level 500-code case is in tests/unit/test_desk_followup.py."""
from __future__ import annotations

import statistics
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import List, Optional, Tuple

import pytest

from bot.bootstrap import bootstrap
from bot.domain.chat_limits import ChatLimits
from bot.domain.report import Status, new_reference
from bot.domain.school import SchoolConfig, load_config
from bot.services import checkin, followup
from bot.texts import followup as texts
from tests.adversarial.test_flood import p95
from tests.support.attacked import CANARY
from tests.support.desk import add_report

pytestmark = pytest.mark.integration

GUESSES = 500
GUESSER, PUPIL = "127.0.0.15", "127.0.0.16"
START = "ik heb een code"
RIGHT_CODE_AT = 20  # the guesser tries the real code and secret too, once its limit holds
GUESS_SECONDS = 60.0  # the other guesses, spread over this time
GUESSERS = 32  # at most this many guesses under way at once
PUPIL_PAUSE = 1.5  # between the pupil's messages
LIMITS = ChatLimits()  # the attacked stack runs with the defaults
FAILURES_PER_CLIENT = followup.Limits().per_client  # follow-up failures one client may make in 15 minutes


def said(body) -> str:
    return "\n".join(r.get("text") or "" for r in body or [])


@dataclass(frozen=True)
class PupilsReport:
    """A real report of a pupil: its code, her secret, and what the chat shows her once in."""

    config: SchoolConfig
    reference: str
    secret: str
    status: Status


def check_in(attacked, report: PupilsReport, address: str, code: str, secret: str, start: str = START,
             latencies: Optional[List[float]] = None) -> Tuple[str, str]:
    """One check-in in a new conversation: (kind of answer, what the bot said last).

    Kinds: "granted" (the status was shown), "denied", "try-later", "429 at <step>" (a chat limit
    refused a message), "HTTP <status> at <step>", or "other"."""
    sender = uuid.uuid4().hex
    body = None
    for step, text in (("start", start), ("code", code), ("secret", secret)):
        began = time.monotonic()
        status, body = attacked.send_from(address, sender, text)
        if latencies is not None:
            latencies.append(time.monotonic() - began)
        if status != 200:
            return (f"429 at {step}" if status == 429 else f"HTTP {status} at {step}"), said(body)
    reply = said(body)
    if texts.denied(report.config) in reply:
        return "denied", reply
    if texts.try_later(report.config) in reply:
        return "try-later", reply
    if texts.status_text(report.config, report.status) in reply:
        return "granted", reply
    return "other", reply


@pytest.fixture(scope="module")
def report(attacked) -> PupilsReport:
    config = load_config(attacked.stack.env["KLANKBORD_SCHOOL_CONFIG"])
    desk = bootstrap(config=config, database_url=attacked.stack.database_url, start_worker=False)
    try:
        reference = add_report(desk)
        secret = checkin.issue_secret(desk, reference)
        with desk.uow() as uow:
            status = uow.reports.get(reference).status
    finally:
        desk.close()
    return PupilsReport(config, reference, secret, status)


def test_five_hundred_wrong_codes_from_one_client_leave_other_pupils_in(attacked, report):
    stop = threading.Event()
    pupil_latencies: List[float] = []
    pupil_kinds: Counter = Counter()
    pupil_errors: List[str] = []

    def pupil() -> None:
        try:
            while not stop.is_set():
                kind, reply = check_in(attacked, report, PUPIL, report.reference, report.secret,
                                       latencies=pupil_latencies)
                pupil_kinds[kind] += 1
                if kind != "granted":
                    pupil_errors.append(f"{kind}: {reply[:120]!r}")
                stop.wait(PUPIL_PAUSE)
        except Exception as error:  # noqa: BLE001 - reported in the main thread
            pupil_errors.append(repr(error))

    def guess(i: int) -> str:
        return check_in(attacked, report, GUESSER, new_reference(), f"wolk-tijger-{i % 100:02d}",
                        start=f"{START} {CANARY}")[0]

    def guess_at(i: int, due: float) -> str:
        time.sleep(max(0.0, due - time.monotonic()))
        return guess(i)

    thread = threading.Thread(target=pupil, name="pupil")
    started = time.monotonic()
    thread.start()
    try:
        # One after another until the guesser's limit holds; then its real code and secret.
        guesses = [guess(i) for i in range(RIGHT_CODE_AT)]
        right_code, _ = check_in(attacked, report, GUESSER, report.reference, report.secret)
        # The rest at a steady pace, each guess not waiting for the one before: faster than the
        # chat handles one client's messages (one at a time, a few more queued), as a script would.
        rest = range(RIGHT_CODE_AT, GUESSES)
        pace = GUESS_SECONDS / len(rest)
        begin = time.monotonic()
        with ThreadPoolExecutor(max_workers=GUESSERS) as pool:
            guesses += list(pool.map(lambda i: guess_at(i, begin + (i - RIGHT_CODE_AT) * pace), rest))
    finally:
        seconds = time.monotonic() - started
        stop.set()
        thread.join(timeout=60)

    kinds = Counter("429" if k.startswith("429") else k for k in guesses)
    where = Counter(k[4:] for k in guesses if k.startswith("429"))
    attacked.note(f"{GUESSES} wrong follow-up codes from {GUESSER} in {seconds:.0f} s: {kinds['denied']} denied, "
                  f"{kinds['try-later']} told to try later, {kinds['429']} refused with HTTP 429 "
                  f"({', '.join(f'{n} {w}' for w, n in sorted(where.items())) or 'none'})"
                  + "".join(f", {n} {k}" for k, n in kinds.items() if k not in ("denied", "try-later", "429"))
                  + f"; its own right code and secret once limited: {right_code}")
    attacked.note(f"the pupil at {PUPIL} meanwhile: {sum(pupil_kinds.values())} check-ins, "
                  f"{pupil_kinds['granted']} let in; {len(pupil_latencies)} replies, "
                  f"p50 {statistics.median(pupil_latencies) * 1000:.0f} ms, p95 {p95(pupil_latencies) * 1000:.0f} ms, "
                  f"max {max(pupil_latencies) * 1000:.0f} ms")

    assert len(guesses) == GUESSES
    assert set(kinds) <= {"denied", "try-later", "429"}, kinds  # never let in, never an error
    assert guesses[:FAILURES_PER_CLIENT] == ["denied"] * FAILURES_PER_CLIENT
    assert kinds["denied"] == FAILURES_PER_CLIENT, "past its limit the guesser still heard 'denied'"
    assert kinds["try-later"] > 0
    assert right_code == "try-later"  # limited: not even the right secret shows the status
    # New conversations of one client: a burst, then a trickle; every one past that got a 429 at its
    # first message (the guesser's new conversations: the guesses and its one right-code try).
    admitted_at_most = LIMITS.new_conversations_burst + LIMITS.new_conversations_per_minute * seconds / 60 + 1
    assert where["at start"] >= GUESSES + 1 - admitted_at_most, (where, seconds)

    assert not pupil_errors, pupil_errors[:5]
    assert pupil_kinds["granted"] >= 5, pupil_kinds
    assert p95(pupil_latencies) < 1.0
    # And once the guessing is over she still gets in.
    assert check_in(attacked, report, PUPIL, report.reference, report.secret)[0] == "granted"
