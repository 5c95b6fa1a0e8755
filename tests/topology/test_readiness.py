"""Ready means ready (bot/adapters/rasa/readiness.py), on a real Sanic server with a stand-in agent:
until a warm-up message was answered, the chat webhook answers 503 with Retry-After and the
readiness route 503; afterwards 200. The warm-up conversation is forgotten. The real replicas are
checked in test_topology.py."""
from __future__ import annotations

import asyncio
import json
import threading
from types import SimpleNamespace

import aiohttp
import pytest
from sanic import Blueprint, Sanic, response

from bot.adapters.rasa import readiness
from tests.support.servers import free_port

BUSY = ["even geduld", "Ben je in gevaar? Bel dan meteen 112."]


class StandInAgent:
    """Answers a message when ``release`` is set; may fail or stay silent first."""

    def __init__(self, failures=(), silent: int = 0) -> None:
        self.release = threading.Event()  # the warm-up runs in a thread with its own event loop
        self.failures = list(failures)
        self.silent = silent
        self.messages = []
        self.tracker_store = SimpleNamespace(store={})

    async def handle_message(self, message) -> None:
        self.messages.append(message)
        self.tracker_store.store[message.sender_id] = "a conversation"
        while not self.release.is_set():
            await asyncio.sleep(0.01)
        if self.failures:
            raise self.failures.pop(0)
        if self.silent:
            self.silent -= 1
            return
        await message.output_channel.send_text_message(message.sender_id, "Hoi!")


def make_app(agent) -> Sanic:
    app = Sanic(f"readiness_{free_port()}")
    webhook = Blueprint("webhook_under_test", url_prefix="/webhooks/rest")
    readiness.guard(webhook, lambda: BUSY)

    @webhook.route("/webhook", methods=["POST"])
    async def receive(request):
        return response.json([{"text": "verwerkt"}])

    app.blueprint(webhook)

    @app.listener("before_server_start")
    async def load(app, _loop):
        app.ctx.agent = agent

    return app


async def serve(app: Sanic):
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
    await server.startup()
    await server.before_start()
    await server.after_start()
    return server, f"http://127.0.0.1:{port}/webhooks/rest"


async def statuses(session: aiohttp.ClientSession, base: str):
    async with session.get(f"{base}/ready") as ready:
        ready_status = ready.status
    async with session.post(f"{base}/webhook", data=json.dumps({"sender": "a", "message": "hoi"})) as posted:
        return ready_status, posted.status, posted.headers.get("Retry-After"), await posted.json()


def run(coroutine):
    return asyncio.new_event_loop().run_until_complete(coroutine)


def test_a_replica_takes_messages_only_after_it_answered_its_warm_up_message():
    async def scenario():
        agent = StandInAgent()
        server, base = await serve(make_app(agent))
        try:
            async with aiohttp.ClientSession() as session:
                before = await statuses(session, base)
                agent.release.set()
                for _ in range(50):
                    await asyncio.sleep(0.05)
                    if readiness.is_ready(server.app):
                        break
                after = await statuses(session, base)
        finally:
            await server.close()
        return agent, before, after

    agent, before, after = run(scenario())
    assert before == (503, 503, str(readiness.RETRY_AFTER_SECONDS), [{"recipient_id": None, "text": t} for t in BUSY])
    assert after == (200, 200, None, [{"text": "verwerkt"}])
    [warm_up] = agent.messages
    assert warm_up.text == readiness.WARM_UP_TEXT and warm_up.sender_id.startswith(readiness.WARM_UP_SENDER)
    assert agent.tracker_store.store == {}, "the warm-up conversation must be forgotten"


def test_a_failed_or_unanswered_warm_up_keeps_the_replica_unready_and_is_tried_again(monkeypatch):
    async def scenario():
        agent = StandInAgent(failures=[ConnectionError("redis down")], silent=1)
        agent.release.set()
        app = Sanic(f"readiness_{free_port()}")
        app.ctx.agent = agent
        seen = []
        original = readiness.warm_up

        async def observed(a):
            seen.append(readiness.is_ready(app))
            return await original(a)

        monkeypatch.setattr(readiness, "warm_up", observed)
        await readiness.become_ready(app, retry_seconds=0.01)
        return agent, seen, readiness.is_ready(app)

    agent, seen, ready = run(scenario())
    assert len(agent.messages) == 3 and seen == [False, False, False] and ready
    assert len({m.sender_id for m in agent.messages}) == 3 and agent.tracker_store.store == {}


def test_an_app_without_a_model_is_ready_at_once():
    app = Sanic(f"readiness_{free_port()}")
    run(readiness.become_ready(app))
    assert readiness.is_ready(app)


@pytest.mark.parametrize("store_kind", ["redis", "memory"])
def test_the_warm_up_conversation_is_removed_from_the_store_rasa_uses(store_kind):
    deleted = []
    if store_kind == "redis":
        inner = SimpleNamespace(red=SimpleNamespace(delete=deleted.append), key_prefix="klankbord:tracker:")
    else:
        inner = SimpleNamespace(store={"w": 1})
    readiness._forget(SimpleNamespace(_tracker_store=inner), "w")  # wrapped, as Rasa's FailSafeTrackerStore does
    assert deleted == ["klankbord:tracker:w"] if store_kind == "redis" else inner.store == {}
