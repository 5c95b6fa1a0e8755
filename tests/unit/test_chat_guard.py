"""The public chat's limits and input rules, without a server (bot.domain.chat_*, bot.settings)."""
from __future__ import annotations

import ipaddress
import logging

import pytest

from bot.adapters.rasa import log_privacy
from bot.domain.chat_input import (
    STANDING_PAYLOADS, as_typed_text, clean_text, is_payload, payloads_of, pieces, valid_sender,
)
from bot.domain.chat_limits import BoundedMap, ChatGate, TokenBucket, Verdict
from bot.domain.report import SafetyCategory
from bot.domain.safety import SafetySignal, combine
from bot.domain.chat_limits import ChatLimits
from bot.settings import SettingsError, chat_limits_from_env


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def gate(**limits) -> tuple[ChatGate, Clock]:
    clock = Clock()
    return ChatGate(ChatLimits(**limits), clock), clock


# -- token buckets and the gate -------------------------------------------------------------

def test_bucket_refills_at_its_rate_up_to_its_capacity():
    bucket = TokenBucket.full(2, per_minute=60, now=0.0)
    assert bucket.take(0.0) and bucket.take(0.0) and not bucket.take(0.0)
    assert bucket.seconds_until_next(0.0) == pytest.approx(1.0)
    assert bucket.take(1.0) and not bucket.take(1.0)
    assert bucket.available(100.0) and bucket.tokens == 2


def test_a_fast_conversation_is_slowed_down_and_may_go_on_after_waiting():
    g, clock = gate(conversation_burst=3, conversation_per_minute=30)
    assert [g.admit("pupil", "10.0.0.1") for _ in range(3)] == [Verdict.ADMIT] * 3
    assert g.admit("pupil", "10.0.0.1") is Verdict.CONVERSATION_TOO_FAST
    assert g.retry_after("pupil", "10.0.0.1") == 2
    clock.now += 2
    assert g.admit("pupil", "10.0.0.1") is Verdict.ADMIT


def test_a_refused_message_costs_the_client_nothing():
    g, _ = gate(conversation_burst=1, client_burst=5, client_per_minute=1)
    assert g.admit("noisy", "nat") is Verdict.ADMIT
    for _ in range(50):
        assert g.admit("noisy", "nat") is Verdict.CONVERSATION_TOO_FAST
    # Four more pupils behind the same address still get through.
    assert [g.admit(f"pupil-{i}", "nat") for i in range(4)] == [Verdict.ADMIT] * 4
    assert g.admit("pupil-5", "nat") is Verdict.CLIENT_TOO_FAST


def test_three_hundred_pupils_behind_one_address_can_all_chat():
    g, clock = gate()
    for turn in range(3):
        for pupil in range(300):
            assert g.admit(f"pupil-{pupil}", "school-nat") is Verdict.ADMIT, (turn, pupil)
        clock.now += 30  # each pupil types one message every half minute


def test_new_conversations_per_client_are_limited():
    g, clock = gate(new_conversations_burst=2, new_conversations_per_minute=6)
    assert g.admit("a", "c") is Verdict.ADMIT and g.admit("b", "c") is Verdict.ADMIT
    assert g.admit("d", "c") is Verdict.TOO_MANY_NEW_CONVERSATIONS
    assert g.admit("a", "c") is Verdict.ADMIT  # an open conversation goes on
    assert g.admit("d", "other") is Verdict.ADMIT
    clock.now += 10
    assert g.admit("d", "c") is Verdict.ADMIT


def test_open_conversations_are_capped_and_idle_ones_forgotten():
    g, clock = gate(max_open_conversations=3, idle_minutes=1)
    for name in "abc":
        assert g.admit(name, name) is Verdict.ADMIT
    assert g.admit("d", "d") is Verdict.FULL
    assert g.open_conversations == 3
    clock.now += 61
    assert g.admit("d", "d") is Verdict.ADMIT
    assert g.open_conversations == 1


def test_a_conversation_has_a_maximum_number_of_messages():
    g, clock = gate(max_messages_per_conversation=5, conversation_burst=100)
    assert [g.admit("long", "c") for _ in range(5)] == [Verdict.ADMIT] * 5
    assert g.admit("long", "c") is Verdict.CONVERSATION_TOO_LONG
    clock.now += 3600 * 2  # forgotten after its idle time: a new conversation may start
    assert g.admit("long", "c") is Verdict.ADMIT


def test_bounded_map_drops_the_least_recently_used():
    m: BoundedMap[str, int] = BoundedMap(2)
    m.put("a", 1)
    m.put("b", 2)
    m.put("a", 1)
    m.put("c", 3)
    assert m.get("b") is None and m.get("a") == 1 and len(m) == 2


def test_the_gates_memory_stays_bounded_under_a_flood_of_new_ids():
    g, clock = gate(max_open_conversations=100, new_conversations_burst=10**6, client_burst=10**6)
    for i in range(5000):
        g.admit(f"id-{i}", f"client-{i}")
    assert g.open_conversations <= 100
    assert len(g._clients) <= 1000


# -- input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, clean", [
    ("ze\x00 pesten\x07 me", "ze pesten me"),
    ("regel 1\r\nregel 2\rregel 3\tklaar", "regel 1\nregel 2\nregel 3\tklaar"),
    ("\u202eesrever\u202c tekst", "esrever tekst"),
    ("kapot \ud800 stuk", "kapot  stuk"),
    ("👨\u200d👩\u200d👧 familie", "👨\u200d👩\u200d👧 familie"),
    ("gewoon tekst 😭", "gewoon tekst 😭"),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("sender, ok", [
    ("8f14e45fceea167a5a36dedd4bea2543", True), ("demo-1", True), ("", False), ("a" * 65, False),
    ("../../etc", False), ("id met spatie", False), (12, False), (None, False), ("<script>", False),
])
def test_valid_sender(sender, ok):
    assert valid_sender(sender) is ok


def test_typed_slash_text_is_read_as_text():
    assert is_payload("  /ik wil dood") and as_typed_text("  //  ik wil dood") == "ik wil dood"
    assert as_typed_text('/crisis{"x": 1}') == 'crisis{"x": 1}'
    assert not is_payload("ik wil /stoppen")


def test_payloads_of_a_bot_turn():
    turn = [{"text": "Wil je verder?", "buttons": [{"title": "Ja", "payload": "/bevestigen "},
                                                    {"title": "Nee", "payload": "/ontkennen"}]},
            {"text": "zonder knoppen"}, {"buttons": [{"title": "kapot"}, "geen knop"]}]
    assert payloads_of(turn) == {"/bevestigen", "/ontkennen"}
    assert "/hulp_nu" in STANDING_PAYLOADS


def test_pieces_cover_the_whole_text_with_overlap():
    text = " ".join(f"woord{i}" for i in range(2000))
    parts = pieces(text, 2000)
    assert all(len(p) <= 2000 for p in parts) and len(parts) >= 7
    words = set(text.split())
    assert set(" ".join(parts).split()) == words
    for a, b in zip(parts, parts[1:]):  # each piece starts inside the previous one
        assert b.split()[0] in a.split()
    assert pieces("kort", 2000) == ["kort"]
    assert "".join(pieces("x" * 4500, 2000)).count("x") >= 4500  # no spaces: cut hard, nothing lost


def test_combine_puts_the_most_urgent_first():
    crime = SafetySignal(category=SafetyCategory.STRAFBAAR_FEIT, matched=("strafbaar.a",))
    crisis = SafetySignal(category=SafetyCategory.CRISIS, matched=("crisis.b",))
    combined = combine([SafetySignal(), crime, crisis])
    assert combined.category is SafetyCategory.CRISIS
    assert combined.also == (SafetyCategory.STRAFBAAR_FEIT,)
    assert set(combined.matched) == {"strafbaar.a", "crisis.b"}
    assert combine([SafetySignal(), SafetySignal(ambiguous=True)]).ambiguous
    assert not combine([SafetySignal()]).alarm


# -- settings -------------------------------------------------------------------------------

def test_limits_have_safe_defaults_and_read_the_environment():
    assert chat_limits_from_env({}) == ChatLimits()
    limits = chat_limits_from_env({"KLANKBORD_CLIENT_BURST": "50", "KLANKBORD_CLIENT_PER_MINUTE": "7.5",
                                   "KLANKBORD_TRUSTED_PROXIES": "127.0.0.1, 10.1.0.0/16"})
    assert limits.client_burst == 50 and limits.client_per_minute == 7.5
    assert ipaddress.ip_address("10.1.2.3") in limits.trusted_proxies[1]


@pytest.mark.parametrize("env, name", [
    ({"KLANKBORD_MAX_BODY_BYTES": "veel"}, "KLANKBORD_MAX_BODY_BYTES"),
    ({"KLANKBORD_CONVERSATION_BURST": "0"}, "KLANKBORD_CONVERSATION_BURST"),
    ({"KLANKBORD_CLIENT_BURST": "2.5"}, "KLANKBORD_CLIENT_BURST"),
    ({"KLANKBORD_TRUSTED_PROXIES": "127.0.0.1,nginx"}, "KLANKBORD_TRUSTED_PROXIES"),
    ({"KLANKBORD_MAX_BODY_BYTES": "1000"}, "KLANKBORD_MAX_BODY_BYTES"),
])
def test_a_broken_limit_names_its_variable(env, name):
    with pytest.raises(SettingsError, match=name):
        chat_limits_from_env(env)


# -- logs -----------------------------------------------------------------------------------

class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture()
def collected():
    log_privacy.install()
    handler = Collect()
    logger = logging.getLogger("test.log_privacy")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield logger, handler.lines
    logger.removeHandler(handler)


def test_log_lines_that_quote_the_message_in_flight_are_withheld(collected):
    logger, lines = collected
    secret = "mijn broer Daan slaat me elke avond met zijn riem"
    with log_privacy.texts_in_flight(secret):
        logger.warning("Failed to parse arguments in line '%s'.", secret)
        logger.warning(f"user_text={secret[:30]!r} rest")
        logger.warning('{"event": "x", "user_text": %s}', __import__("json").dumps("é " + secret))
        logger.info("Action 'action_safety_help' ran")
        try:
            raise ValueError(secret)
        except ValueError:
            logger.exception("kapot")
    logger.warning("after: %s", secret)  # outside the handling of that message: not known
    assert all(secret[:24] not in line for line in lines[:-1]), lines
    assert lines[3] == "Action 'action_safety_help' ran"
    assert "ValueError" in lines[4] and "withheld" in lines[4]
    assert sum("withheld" in line for line in lines) == 4


def test_short_texts_are_withheld_only_where_quoted(collected):
    logger, lines = collected
    with log_privacy.texts_in_flight("ja"):
        logger.warning("parsed 'ja' as bevestigen")
        logger.warning("janssen is a name in a template")
    assert "withheld" in lines[0] and lines[1] == "janssen is a name in a template"


def test_warnings_are_routed_through_the_same_check(collected):
    import warnings

    handler = Collect()
    logging.getLogger("py.warnings").addHandler(handler)
    try:
        with warnings.catch_warnings(), log_privacy.texts_in_flight("/ik wil niet meer leven, echt niet"):
            warnings.simplefilter("always")
            logging.captureWarnings(False)  # pytest replaced the hook that install() set: set it anew
            logging.captureWarnings(True)
            warnings.warn("Failed to parse arguments in line '/ik wil niet meer leven, echt niet'.")
    finally:
        logging.getLogger("py.warnings").removeHandler(handler)
    assert handler.lines and all("leven" not in line for line in handler.lines), handler.lines


# -- turns per client -----------------------------------------------------------------------

def test_a_client_gets_a_few_places_at_a_time_and_others_keep_theirs():
    import asyncio

    from bot.adapters.rasa.fair_share import FairShare

    async def scenario():
        share = FairShare(in_flight=2, queue=1, wait_seconds=0.2)
        release = asyncio.Event()
        outcomes = []

        async def message(client):
            async with share.turn(client) as admitted:
                outcomes.append((client, admitted))
                if admitted:
                    await release.wait()

        flood = [asyncio.create_task(message("flood")) for _ in range(5)]
        await asyncio.sleep(0.01)
        # Two handled, one waiting, two refused at once; another client is not held up.
        assert sorted(outcomes) == [("flood", False), ("flood", False), ("flood", True), ("flood", True)]
        pupil = asyncio.create_task(message("pupil"))
        await asyncio.sleep(0.01)
        assert ("pupil", True) in outcomes
        release.set()
        await asyncio.gather(*flood, pupil)
        assert outcomes.count(("flood", True)) == 3  # the waiting one had its turn
        assert share.clients == 0  # nothing kept once idle

    asyncio.run(scenario())


def test_a_turn_that_waits_too_long_is_refused():
    import asyncio

    from bot.adapters.rasa.fair_share import FairShare

    async def scenario():
        share = FairShare(in_flight=1, queue=5, wait_seconds=0.05)
        hold = asyncio.Event()

        async def first():
            async with share.turn("c") as admitted:
                assert admitted
                await hold.wait()

        task = asyncio.create_task(first())
        await asyncio.sleep(0.01)
        async with share.turn("c") as admitted:
            assert admitted is False
        hold.set()
        await task
        assert share.clients == 0

    asyncio.run(scenario())


def test_the_action_server_binds_loopback_unless_told_otherwise(monkeypatch):
    from bot import settings

    monkeypatch.delenv("SANIC_HOST", raising=False)
    settings.keep_action_server_on_loopback()
    import os

    assert os.environ["SANIC_HOST"] == "127.0.0.1"
    monkeypatch.setenv("SANIC_HOST", "10.0.0.5")
    settings.keep_action_server_on_loopback()
    assert os.environ["SANIC_HOST"] == "10.0.0.5"


def _turn_taker(share, order, release):
    """A message of ``client`` that must be let in: it notes its turn, then holds its place until ``release``."""
    async def message(client, usage):
        async with share.turn(client, usage) as admitted:
            assert admitted
            order.append(client)
            await release.wait()
    return message


def test_when_the_loop_is_busy_the_least_busy_client_goes_first():
    import asyncio

    from bot.adapters.rasa.fair_share import FairShare

    async def scenario():
        share = FairShare(in_flight=1, queue=5, wait_seconds=1, concurrent=1)
        release = asyncio.Event()
        order = []

        message = _turn_taker(share, order, release)

        first = asyncio.create_task(message("flood-0", 0.9))
        await asyncio.sleep(0.01)
        waiting = [asyncio.create_task(message(f"flood-{i}", 0.95)) for i in range(1, 4)]
        await asyncio.sleep(0.01)
        pupil = asyncio.create_task(message("pupil", 0.0))
        await asyncio.sleep(0.01)
        release.set()
        await asyncio.gather(first, pupil, *waiting)
        assert order[:2] == ["flood-0", "pupil"]  # the pupil came last but went before the flood
        assert share.clients == 0

    asyncio.run(scenario())


def test_a_busy_client_is_put_back_a_little_never_for_ever():
    """Ageing: a waiting message of a busy client goes after newcomers for ``usage_delay`` seconds
    at most, then before every later one (without it, a pupil deep in a report could be overtaken
    by new pupils for as long as the loop stays full)."""
    import asyncio

    from bot.adapters.rasa.fair_share import FairShare

    async def scenario():
        share = FairShare(in_flight=1, queue=5, wait_seconds=2, concurrent=1, usage_delay=0.2)
        release = asyncio.Event()
        order = []

        message = _turn_taker(share, order, release)

        holder = asyncio.create_task(message("holder", 0.0))
        await asyncio.sleep(0.01)
        busy = asyncio.create_task(message("busy", 1.0))  # in line at now + 0.2 s
        await asyncio.sleep(0.05)
        soon = asyncio.create_task(message("soon", 0.0))  # came within the delay: goes first
        await asyncio.sleep(0.3)
        late = [asyncio.create_task(message(f"late-{i}", 0.0)) for i in range(3)]  # after it: go after
        await asyncio.sleep(0.01)
        release.set()
        await asyncio.gather(holder, busy, soon, *late)
        assert order == ["holder", "soon", "busy", "late-0", "late-1", "late-2"]
        assert share.clients == 0

    asyncio.run(scenario())


def test_a_message_waits_at_most_wait_seconds_in_all():
    import asyncio
    import time

    from bot.adapters.rasa.fair_share import FairShare

    async def scenario():
        share = FairShare(in_flight=1, queue=5, wait_seconds=0.3, concurrent=1)
        hold_c, hold_loop = asyncio.Event(), asyncio.Event()

        async def held(client, event):
            async with share.turn(client) as admitted:
                assert admitted
                await event.wait()

        own = asyncio.create_task(held("c", hold_c))      # c's own place is taken ...
        await asyncio.sleep(0.01)
        started = time.monotonic()
        refused = {}

        async def waiter():
            async with share.turn("c") as admitted:
                refused["admitted"] = admitted
                refused["after"] = time.monotonic() - started

        task = asyncio.create_task(waiter())
        await asyncio.sleep(0.2)
        hold_c.set()                                       # ... freed after 0.2 s, then the loop is full
        await own
        other = asyncio.create_task(held("d", hold_loop))
        await task
        hold_loop.set()
        await other
        assert refused["admitted"] in (True, False) and refused["after"] < 0.45

    asyncio.run(scenario())


def test_client_usage_goes_from_zero_to_one():
    g, clock = gate(client_burst=10, client_per_minute=60)
    assert g.client_usage("c") == 0.0
    for i in range(10):
        g.admit(f"conv-{i}", "c")
    assert g.client_usage("c") == pytest.approx(1.0)
    clock.now += 5
    assert g.client_usage("c") == pytest.approx(0.5)


@pytest.mark.parametrize("peer, forwarded, address", [
    ("127.0.0.2", "", "127.0.0.2"),
    ("127.0.0.2", "10.9.9.9", "127.0.0.2"),  # not our proxy: its header is not believed
    ("10.0.0.1", "203.0.113.5, 198.51.100.7", "198.51.100.7"),  # our proxy: the last hop it names
    ("10.0.0.1", "nonsense", "10.0.0.1"),
    ("10.0.0.1", "", "10.0.0.1"),
])
def test_client_address_believes_forwarded_for_only_from_our_proxy(peer, forwarded, address):
    from bot.domain.chat_input import client_address

    assert client_address(peer, forwarded, (ipaddress.ip_network("10.0.0.0/24"),)) == address


def test_a_waiter_that_gives_up_just_as_a_place_is_freed_leaves_no_error():
    """Its wait cut off (timeout) and a release in the same moment: release() drops the given-up
    entry, and the waiter's own clean-up must not fail on it (it was an HTTP 500 under load)."""
    import asyncio

    from bot.adapters.rasa.fair_share import PriorityGate

    async def scenario():
        gate = PriorityGate(concurrent=1)
        await gate.acquire(0.0)
        waiter = asyncio.create_task(gate.acquire(1.0))
        await asyncio.sleep(0)
        waiter.cancel()  # what wait_for does at its timeout
        gate.release()   # ... while the holder is done
        [outcome] = await asyncio.gather(waiter, return_exceptions=True)
        assert isinstance(outcome, asyncio.CancelledError)
        await asyncio.wait_for(gate.acquire(0.0), timeout=1)  # the place is free again

    asyncio.run(scenario())
