"""The public chat's door: Rasa's REST channel with limits, mounted at ``/webhooks/rest/webhook``.

Configured in ``credentials.yml`` instead of Rasa's own ``rest`` channel (it keeps the name, so
the address stays; configuring both fails at start with a route clash). Before a message
reaches Rasa:

1. the body is at most ``max_body_bytes`` (Sanic's own limit is set to it too) and valid JSON
   in UTF-8 with a plain conversation id; otherwise a kind answer and nothing is processed;
2. ``ChatGate`` admits it: per conversation, then per client address (``X-Forwarded-For`` only
   from ``trusted_proxies``), new conversations per client, open conversations, messages per
   conversation; a refused message gets 429 (or 503 when full) with ``Retry-After``; and
   ``FairShare`` gives each client one place at a time in Rasa's event loop, and the least
   busy clients go first;
3. the text is cleaned (``clean_text``); metadata keeps only a known ``school``, and gets the
   client as a daily keyed hash (``client_pseudonym``), never its address;
4. a "/" payload passes only if the last bot turn offered it as a button (or it is the widget's
   "Hulp nu"); any other "/" text is read as typed text, so the safety net sees it;
5. a text over ``max_message_chars`` is not processed: it gets "te lang", unless the safety
   rules find danger in one of its pieces; then Rasa gets that danger intent (no text) and the
   help comes first.

While Rasa handles the message, log records that quote it are withheld (``log_privacy``). The
action server's answers are checked against Rasa's schema without re-checking the schema each
time (``action_response``), calls to the action server keep their connection (``action_client``),
event classes are looked up in a table made once (``event_types``), and the part of the model's
graph a message needs is worked out once (``graph_schema``).
Once the model is loaded, the process stops if its tracker or lock store is not the one its
endpoints file names (``store_check``): Rasa would otherwise fall back to memory with a warning.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
from datetime import datetime, timezone
from typing import Any, Awaitable, Callable, Dict, List, Optional, Set, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.adapters.rasa import (
    action_client, action_response, event_types, graph_schema, log_privacy, readiness, store_check,
)
from bot.adapters.rasa.fair_share import FairShare
from bot.domain.school import SchoolConfig, Schools, load_schools
from bot.domain.chat_input import (
    STANDING_PAYLOADS, TOO_LONG_KEY, as_typed_text, clean_text, client_address, client_pseudonym, is_payload,
    payloads_of, pieces, valid_sender,
)
from bot.domain.chat_limits import ChatGate, ChatLimits, Verdict
from bot.domain.safety import SafetySignal, combine
from bot.language.safety import assess
from bot.adapters.rasa.safety_net import SAFETY_KEY, intent_for
from bot.settings import Settings
from bot.texts import chat_guard

logger = logging.getLogger(__name__)
STORE_MISMATCH_EXIT = 78  # EX_CONFIG: the configuration does not hold


class GuardedRestInput(RestInput):
    """Rasa's REST channel behind the limits of ``ChatLimits``."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def __init__(self, limits: Optional[ChatLimits] = None, config: Optional[SchoolConfig | Schools] = None,
                 clock: Callable[[], float] = time.monotonic, settings: Optional[Settings] = None) -> None:
        settings = settings or Settings.from_env()  # Rasa builds the channel: read here, once
        self.limits = limits or settings.chat
        if isinstance(config, SchoolConfig):
            config = Schools.of(config)
        self.schools = config or load_schools(settings.schools)
        self.gate = ChatGate(self.limits, clock)
        self._client_key = settings.client_key
        self.share = FairShare(self.limits.client_in_flight, self.limits.client_queue,
                               self.limits.client_wait_seconds, self.limits.concurrent_messages)
        log_privacy.install()
        action_response.install()
        action_client.install()
        event_types.install()
        graph_schema.install()

    # -- who and what ------------------------------------------------------------------------

    def client_of(self, request: Request) -> str:
        """The client's address: the peer, or the last hop our own proxy names."""
        return client_address(request.ip or "", request.headers.get("x-forwarded-for", ""),
                              self.limits.trusted_proxies)

    def school_of(self, data: Any) -> Optional[SchoolConfig]:
        """The school the browser named (routing, not proof), or None when we serve no such school.

        The actions take the school of the conversation's first message (Rasa's
        ``session_started_metadata``), so a school changed later in a conversation is ignored.
        """
        metadata = data.get("metadata") if isinstance(data, dict) else None
        requested = metadata.get("school") if isinstance(metadata, dict) else None
        if requested is not None and not isinstance(requested, str):
            return None
        return self.schools.resolve(requested)

    def metadata_of(self, school: SchoolConfig, client: str) -> Dict[str, Any]:
        """What travels with a message: the school, and the client as a daily pseudonym (for the
        follow-up limits in the actions). Nothing else the browser sent."""
        return {"school": school.school_id,
                "client": client_pseudonym(self._client_key, client, datetime.now(timezone.utc).date())}

    async def _offered(self, request: Request, sender: str) -> Set[str]:
        """The payloads of the buttons in the assistant's last turn of this conversation."""
        tracker = await request.app.ctx.agent.tracker_store.retrieve(sender)
        turn: List[Dict[str, Any]] = []
        for event in reversed(tracker.events if tracker else []):
            if isinstance(event, UserUttered):
                break
            if isinstance(event, BotUttered):
                turn.append(event.data or {})
        return payloads_of(turn) | STANDING_PAYLOADS

    async def _danger_in(self, text: str) -> SafetySignal:
        """The safety rules over a long text, piece by piece, letting other pupils in between."""
        signals = []
        for piece in pieces(text, self.limits.max_message_chars):
            signals.append(assess(piece))
            await asyncio.sleep(0)
        return combine(signals)

    # -- answers -----------------------------------------------------------------------------

    @staticmethod
    def _reply(texts: List[str], sender: Optional[str], status: int = 200,
               retry_after: Optional[int] = None) -> HTTPResponse:
        headers = {"Retry-After": str(retry_after)} if retry_after else None
        return response.json([{"recipient_id": sender, "text": t} for t in texts],
                             status=status, headers=headers)

    def _too_large(self, request: Request, exception: Optional[Exception]) -> HTTPResponse:
        """413 with the kind text: from Sanic's own body limit, or the handler's check behind it."""
        return self._reply([chat_guard.TOO_LONG], None, status=413)

    # -- the route ---------------------------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("klankbord_rest_webhook", __name__)

        @webhook.listener("before_server_start")
        async def limit_body(app, _loop) -> None:
            # Read per connection by Sanic's protocol, so it holds from the first request on.
            app.config.REQUEST_MAX_SIZE = self.limits.max_body_bytes
            app.error_handler.add(PayloadTooLarge, self._too_large)

        @webhook.listener("after_server_start")
        async def check_stores(app, _loop) -> None:
            agent = getattr(app.ctx, "agent", None)
            if agent is None:  # no model loaded (a test app): no stores to check
                return
            endpoints = store_check.endpoints_file(sys.argv)
            found = store_check.problems(agent, endpoints)
            for problem in found:
                logger.critical("Klankbord stops: %s", problem)
            if found:
                logging.shutdown()
                os._exit(STORE_MISMATCH_EXIT)  # a supervisor restarts it; the log says why each time
            logger.info("stores as configured in %s", endpoints)

        @webhook.listener("before_server_stop")
        async def close_kept_connections(_app, _loop) -> None:
            await action_client.SESSIONS.close()

        # Ready only once a warm-up message was answered; until then POSTs get 503 (readiness).
        readiness.guard(webhook, lambda: chat_guard.refused(Verdict.CLIENT_TOO_FAST, self.schools.default))

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.handle(request, on_new_message)

        return webhook

    async def handle(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        if len(request.body or b"") > self.limits.max_body_bytes:
            return self._too_large(request, None)
        try:
            data = json.loads((request.body or b"").decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            data = None
        sender = data.get("sender") if isinstance(data, dict) else None
        raw = data.get("message") if isinstance(data, dict) else None
        if not valid_sender(sender) or not isinstance(raw, str):
            return self._reply([chat_guard.UNREADABLE], None, status=400)

        school = self.school_of(data)
        if school is None:  # nothing is taken, so nothing is stored
            return self._reply(chat_guard.unknown_school(self.schools.default), sender)

        client = self.client_of(request)
        verdict = self.gate.admit(sender, client)
        if not verdict.admitted:
            status = 503 if verdict is Verdict.FULL else 429
            return self._reply(chat_guard.refused(verdict, school), sender, status,
                               retry_after=self.gate.retry_after(sender, client))

        async with self.share.turn(client, self.gate.client_usage(client)) as admitted:
            if not admitted:
                return self._reply(chat_guard.refused(Verdict.CLIENT_TOO_FAST, school), sender, 429,
                                   retry_after=self.gate.retry_after(sender, client))
            return await self._process(request, school, raw, sender, client, on_new_message)

    async def _process(self, request: Request, school: SchoolConfig, raw: str, sender: str, client: str,
                       on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        text = clean_text(raw)
        if is_payload(text):
            payload = text.strip()
            text = payload if payload in await self._offered(request, sender) else as_typed_text(text)
        metadata = self.metadata_of(school, client)
        collector = CollectingOutputChannel()
        with log_privacy.texts_in_flight(raw, text):
            if len(text) > self.limits.max_message_chars:
                message = await self._too_long(text, collector, sender, metadata)
                if message is None:
                    return self._reply([chat_guard.TOO_LONG], sender)
            else:
                message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            try:
                await on_new_message(message)
            except asyncio.CancelledError:
                logger.error("A message took too long to handle and was cancelled.")
            except Exception:
                logger.exception("A message could not be handled.")
        if not collector.messages:  # e.g. the action server is down: Rasa goes on without an answer
            logger.warning("A message got no answer; the pupil is asked to send it again.")
            return self._reply(chat_guard.not_answered(school), sender)
        return response.json(collector.messages)

    async def _too_long(self, text: str, collector: CollectingOutputChannel, sender: str,
                        metadata: Optional[Dict[str, Any]]) -> Optional[UserMessage]:
        """A message for Rasa that carries only the danger found in a too long text, or None."""
        signal = await self._danger_in(text)
        intent = intent_for(signal)
        if intent is None:
            return None
        parse_data = {
            "text": "",
            "intent": {"name": intent, "confidence": 1.0},
            "intent_ranking": [{"name": intent, "confidence": 1.0}],
            "entities": [],
            SAFETY_KEY: {"intent": intent, "rules": list(signal.matched),
                         "also": [c.value for c in signal.also], TOO_LONG_KEY: True},
        }
        return UserMessage("", collector, sender, parse_data=parse_data,
                           input_channel=self.name(), metadata=metadata)
