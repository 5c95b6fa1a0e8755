"""Rasa's calls to the action server over kept connections, their JSON written by ujson.

Rasa (``EndpointConfig.request``) opens a new ``aiohttp.ClientSession``, and so a new TCP
connection, for every call, and aiohttp writes the body with the standard library's encoder.
Each call carries the whole conversation (about 70 kB at the end of a report, two calls in its
last turn). ``install()`` gives each endpoint one session per event loop instead: connections are
kept between calls, but never longer than ``KEEP_SECONDS`` idle (below the five seconds after which
the action server's Sanic closes an idle connection, so a connection it is closing is not reused),
and bodies are written by ujson (Rasa's own dependency; the same JSON, read back the same). The
channel closes them when the server stops. Everything else (headers, authentication, the timeout,
errors) is Rasa's own.
"""
from __future__ import annotations

import asyncio
import weakref
from typing import Any, Dict, Optional, Tuple

import aiohttp
import ujson
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.utils.endpoints import EndpointConfig

KEEP_SECONDS = 3.0
"""How long an idle connection is kept for the next call."""

_installed = False


class _Kept:
    """``async with`` over a shared session, which it does not close on the way out."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *_exc: Any) -> None:
        return None


class Sessions:
    """One kept session per event loop and per endpoint (its headers and authentication)."""

    def __init__(self) -> None:
        self._by_loop: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Dict[Tuple, aiohttp.ClientSession]]" = \
            weakref.WeakKeyDictionary()

    def of(self, endpoint: EndpointConfig) -> aiohttp.ClientSession:
        """The session for ``endpoint`` on the running loop, made on first use."""
        loop = asyncio.get_running_loop()
        sessions = self._by_loop.setdefault(loop, {})
        key = (tuple(sorted((endpoint.headers or {}).items())),
               tuple(sorted((endpoint.basic_auth or {}).items())))
        session = sessions.get(key)
        if session is None or session.closed:
            auth: Optional[aiohttp.BasicAuth] = None
            if endpoint.basic_auth:
                auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
            session = sessions[key] = aiohttp.ClientSession(
                headers=endpoint.headers, auth=auth, json_serialize=ujson.dumps,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_SECONDS))
        return session

    async def close(self) -> None:
        """Close the running loop's sessions (when the server stops)."""
        for session in self._by_loop.pop(asyncio.get_running_loop(), {}).values():
            await session.close()


SESSIONS = Sessions()


def _kept_session(endpoint: EndpointConfig) -> _Kept:
    return _Kept(SESSIONS.of(endpoint))


def install() -> None:
    """Make every ``EndpointConfig`` of this process use its kept session (idempotent)."""
    global _installed
    if not _installed:
        EndpointConfig.session = _kept_session  # type: ignore[method-assign]
        _installed = True
