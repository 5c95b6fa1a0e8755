"""The production endpoints (deploy/endpoints.production.yml) in real Rasa processes: a pupil's
conversation survives a restart of the Rasa server, sealed in a Redis of the test's own; and a
Rasa process whose configured store does not load stops at start, naming the file and the key.
"""
from __future__ import annotations

import time
import uuid

import pytest

from tests.support.redis_server import RedisServer
from tests.support.servers import ROOT, free_port, make_stack, wait_http

pytestmark = pytest.mark.integration
PRODUCTION = ROOT / "deploy" / "endpoints.production.yml"


@pytest.fixture(scope="module")
def redis_stack(smtp, tmp_path_factory):
    workdir = ROOT / "tests" / "artifacts" / "redis-stack"
    server = RedisServer(tmp_path_factory.mktemp("redis-data")).start()
    stack = make_stack(workdir, smtp.port)
    stack.endpoints = str(PRODUCTION.relative_to(ROOT))
    stack.env.update({"KLANKBORD_REDIS_HOST": "127.0.0.1", "KLANKBORD_REDIS_PORT": str(server.port),
                      "KLANKBORD_CONVERSATION_IDLE_MINUTES": "60"})
    mistyped = workdir / "endpoints.mistyped.yml"
    mistyped.write_text(PRODUCTION.read_text(encoding="utf-8").replace(
        "bot.adapters.rasa.redis_tracker_store.SealedRedisTrackerStore",
        "bot.adapters.rasa.redis_tracker_store.SealedRedisTrackerStor"), encoding="utf-8")
    try:
        stack.start_actions()
        # Both load their model at once: the one with the mistyped store must stop by itself.
        stack.spawn_rasa("rasa-mistyped", endpoints=str(mistyped), port=str(free_port()))
        stack.start_rasa()
        yield stack, server, mistyped
    finally:
        stack.stop_all()
        server.stop()


def test_a_rasa_process_whose_store_fell_back_to_memory_stops_and_says_why(redis_stack):
    stack, _, mistyped = redis_stack
    proc = stack.procs["rasa-mistyped"]
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(1)
    assert proc.returncode == 78, "the process with a mistyped store did not stop"
    log = stack.logs["rasa-mistyped"].read_text(errors="replace")
    assert f"Klankbord stops: {mistyped}: tracker_store.type names " in log
    assert "but Rasa uses rasa.core.tracker_store.InMemoryTrackerStore" in log


def test_a_conversation_goes_on_after_the_rasa_server_restarted(redis_stack):
    stack, server, _ = redis_stack
    sender, canary = uuid.uuid4().hex, uuid.uuid4().hex[:12]
    assert stack.say(sender, f"ze schelden me elke dag uit in de kleedkamer, ik heet {canary}")
    before = stack.tracker(sender)
    assert (before.get("active_loop") or {}).get("name") == "report_form"
    told = before["slots"].get("description")
    assert told and canary in told

    value = server.client().get(f"klankbord:tracker:{sender}")
    assert value.startswith("kb1:") and canary not in value and "kleedkamer" not in value
    assert 3500 < server.client().ttl(f"klankbord:tracker:{sender}") <= 3600

    stack.stop("rasa")
    stack.spawn_rasa("rasa-restarted")
    wait_http(stack.ready_url, 240, [stack.procs["rasa-restarted"]], [stack.logs["rasa-restarted"]])

    after = stack.tracker(sender)
    assert (after.get("active_loop") or {}).get("name") == "report_form"
    assert after["slots"].get("description") == told
    assert stack.say(sender, "op het schoolplein")  # the form goes on where it was
    texts = [e.get("text") for e in stack.tracker(sender)["events"] if e.get("event") == "user"]
    assert texts[0].endswith(canary) and texts[-1] == "op het schoolplein"
    assert "stores as configured in deploy/endpoints.production.yml" in stack.logs["rasa-restarted"].read_text()
