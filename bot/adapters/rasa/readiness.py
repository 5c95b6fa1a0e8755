"""Ready means ready: a Rasa replica takes pupils' messages only after it answered a warm-up message.

A Rasa process listens as soon as its model is loaded, but its first message still takes seconds
(graphs built, caches filled). Behind nginx that first pupil would wait, or a replica that cannot
reach Redis would take messages it cannot keep. So once the server runs, one warm-up message goes
through the agent (language understanding, policies, tracker and lock store) under a throw-away
conversation id, which is forgotten again; only when it got an answer is the replica ready. It
runs in a thread, so the server's event loop stays free to say "not ready" meanwhile.

Until then the chat webhook answers 503 with ``Retry-After`` (nginx's ``proxy_next_upstream
http_503`` sends the message to the other replica; ``deploy/nginx.conf.template``), and
``GET /webhooks/rest/ready`` answers 503; afterwards 200. A warm-up that fails (Redis down, say)
is tried again every few seconds, and the replica stays unready meanwhile.

``guard(blueprint, busy_texts)`` adds all of it to the chat channel's blueprint
(``bot.adapters.rasa.channel``); an app without a model (a test app) is ready at once.
"""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any, Callable, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.adapters.rasa import memory

logger = logging.getLogger(__name__)

READY_ROUTE = "/ready"  # on the channel's blueprint: /webhooks/rest/ready
WARM_UP_TEXT = "hallo"  # a greeting: answered by a response of the domain, no action server needed
WARM_UP_SENDER = "klankbord-warm-up-"
RETRY_AFTER_SECONDS = 5
_FLAG = "klankbord_ready"


def is_ready(app: Any) -> bool:
    return bool(getattr(app.ctx, _FLAG, False))


def _mark(app: Any, ready: bool) -> None:
    setattr(app.ctx, _FLAG, ready)


def _forget(tracker_store: Any, sender: str) -> None:
    """Remove the warm-up conversation (Redis key or memory entry); else it simply expires."""
    store = getattr(tracker_store, "_tracker_store", tracker_store)  # Rasa's FailSafeTrackerStore wraps it
    if hasattr(store, "red") and hasattr(store, "key_prefix"):
        store.red.delete(store.key_prefix + sender)
    elif isinstance(getattr(store, "store", None), dict):
        store.store.pop(sender, None)


async def warm_up(agent: Any) -> bool:
    """One message through ``agent`` under a new conversation id, in a thread of its own; True
    when it was answered. Its language understanding takes seconds of CPU: in the server's own
    event loop it would hold every request until it is done, so nginx would wait for this
    replica instead of hearing "not ready" (503) at once and asking the other one."""
    return await asyncio.get_running_loop().run_in_executor(None, _warm_up_in_thread, agent)


def _warm_up_in_thread(agent: Any) -> bool:
    return asyncio.run(_one_message(agent))


async def _one_message(agent: Any) -> bool:
    sender = WARM_UP_SENDER + uuid.uuid4().hex
    collector = CollectingOutputChannel()
    try:
        await agent.handle_message(UserMessage(WARM_UP_TEXT, collector, sender, input_channel="warm-up"))
    finally:
        try:
            _forget(agent.tracker_store, sender)
        except Exception as error:  # noqa: BLE001 - it expires by itself
            logger.warning("the warm-up conversation could not be removed (%s)", type(error).__name__)
    return bool(collector.messages)


async def become_ready(app: Any, retry_seconds: float = 2.0) -> None:
    """Warm up until a warm-up message was answered, then mark ``app`` ready."""
    agent = getattr(app.ctx, "agent", None)
    started = time.monotonic()
    while agent is not None:
        try:
            if await warm_up(agent):
                break
            problem = "no answer"
        except Exception as error:  # noqa: BLE001 - stay unready, say why, try again
            problem = type(error).__name__
        logger.warning("warm-up message failed (%s); not ready, trying again in %.0f s", problem, retry_seconds)
        await asyncio.sleep(retry_seconds)
    memory.give_back()  # what loading the model freed
    _mark(app, True)
    logger.info("ready: a warm-up message was answered %.1f s after the server started",
                time.monotonic() - started)


def _not_ready(texts: List[str]) -> HTTPResponse:
    return response.json([{"recipient_id": None, "text": t} for t in texts], status=503,
                         headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def guard(webhook: Blueprint, busy_texts: Callable[[], List[str]]) -> None:
    """Warm up after start; until then POSTs to ``webhook`` get 503 with ``busy_texts()``."""

    @webhook.listener("after_server_start")
    async def start_warm_up(app, _loop) -> None:
        _mark(app, False)
        app.ctx.klankbord_warm_up = asyncio.ensure_future(become_ready(app))  # keep a reference

    @webhook.middleware("request")
    async def not_before_ready(request: Request) -> Optional[HTTPResponse]:
        if request.method == "POST" and not is_ready(request.app):
            return _not_ready(busy_texts())
        return None

    @webhook.route(READY_ROUTE, methods=["GET"])
    async def ready(request: Request) -> HTTPResponse:
        if is_ready(request.app):
            return response.json({"status": "ready"})
        return response.json({"status": "warming up"}, status=503,
                             headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
