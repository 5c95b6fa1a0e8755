"""rasa-sdk loads this package by name at start (``rasa_sdk.plugin``): Klankbord's guard on the
action server. It binds to loopback unless ``SANIC_HOST`` says otherwise, and the webhook takes
only calls that carry the shared secret Rasa sends (``X-Klankbord-Action-Secret``, configured in
endpoints.yml from ``KLANKBORD_ACTION_SECRET``); anything else gets 401, logged without content.
Without a configured secret no call is taken at all.
"""
from __future__ import annotations

import hmac
import logging

import pluggy
from sanic import Sanic, response

from bot.settings import ACTION_SECRET_ENV, ACTION_SECRET_HEADER, Settings, keep_action_server_on_loopback

hookimpl = pluggy.HookimplMarker("rasa_sdk")
logger = logging.getLogger(__name__)
OPEN_PATHS = frozenset({"/health"})


class ActionServerGuard:
    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        secret = Settings.from_env().action_secret
        if not secret:
            logger.error("%s is not set: the action server refuses every call.", ACTION_SECRET_ENV)

        @app.middleware("request")
        async def require_secret(request):
            if request.path in OPEN_PATHS:
                return None
            given = request.headers.get(ACTION_SECRET_HEADER, "")
            if secret and hmac.compare_digest(given.encode(), secret.encode()):
                return None
            logger.warning("refused a call to %s without the right secret", request.path)
            return response.json({"error": "unauthorized"}, status=401)


def init_hooks(manager: pluggy.PluginManager) -> None:
    keep_action_server_on_loopback()
    manager.register(ActionServerGuard())
