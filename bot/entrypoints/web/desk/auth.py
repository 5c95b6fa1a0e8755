"""Desk sessions on the web: the cookie, CSRF tokens, and the login/permission guards.

- Session cookie ``klankbord_desk``: a random token (the database keeps its hash), ``Path=/desk``,
  ``HttpOnly``, ``SameSite=Strict``, ``Secure`` when the desk is reached over https (the request,
  or ``KLANKBORD_DESK_URL`` starting with https behind a proxy; ``KLANKBORD_DESK_SECURE_COOKIE``
  = 1/0 forces it). No Flask ``session`` is used at all.
- CSRF: every POST carries ``csrf_token``; after login it must equal the session's token, on the
  login forms (password, then code) it must equal a short-lived ``klankbord_desk_login`` cookie
  (double submit).
- Between password and code, ``klankbord_desk_pending`` holds a token of a pending login (5 minutes;
  the database keeps its hash); it opens only the code page.
"""
from __future__ import annotations

import functools
import hmac
import ipaddress
import secrets
import threading
from datetime import datetime, timezone
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, request, url_for
from werkzeug.wrappers import Response

from bot import settings
from bot.services import sessions
from bot.domain import chat_input
from bot.domain.access import Permission, allowed
from bot.bootstrap import Klankbord, bootstrap

SESSION_COOKIE = "klankbord_desk"
LOGIN_COOKIE = "klankbord_desk_login"
PENDING_COOKIE = "klankbord_desk_pending"  # a login half-way: password right, second factor to come
COOKIE_PATH = "/desk"
DESK_CONFIG_KEY = "KLANKBORD_DESK"  # app.config: a ready Klankbord app (tests), else one is built on first use
SECURE_ENV = settings.DESK_SECURE_ENV  # app.config may force it too (tests)

_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _network_settings():
    """Read once per process (tests clear the cache after changing the environment)."""
    read = settings.Settings.from_env()
    return read.client_key, read.trusted_proxies, read.desk_networks


def client_address() -> str:
    """The client's address: the peer, or the last hop our own proxy names in X-Forwarded-For."""
    _, proxies, _ = _network_settings()
    return chat_input.client_address(request.remote_addr or "", request.headers.get("X-Forwarded-For", ""),
                                     proxies)


def client_pseudonym() -> str:
    """The client as the desk's login limits know it: a keyed daily hash, never the address."""
    key, _, _ = _network_settings()
    return chat_input.client_pseudonym(key, client_address(), datetime.now(timezone.utc).date())


def allowed_network() -> bool:
    """Whether the client may reach the desk (``KLANKBORD_DESK_ALLOWED_NETWORKS``; unset: yes)."""
    _, _, networks = _network_settings()
    if not networks:
        return True
    try:
        address = ipaddress.ip_address(client_address())
    except ValueError:
        return False
    return any(address in n for n in networks)


def get_desk() -> Klankbord:
    """The Klankbord app behind the desk: given in the config, or built (and migrated) on first use."""
    desk = current_app.extensions.get("klankbord_desk")
    if desk is None:
        with _lock:
            desk = current_app.extensions.get("klankbord_desk")
            if desk is None:
                desk = current_app.config.get(DESK_CONFIG_KEY) or bootstrap(
                    database_url=current_app.config.get("KLANKBORD_DATABASE_URL"), start_worker=False,
                    settings=current_app.extensions.get("klankbord_settings"))
                current_app.extensions["klankbord_desk"] = desk
    return desk


def secure_cookies() -> bool:
    read = current_app.extensions.get("klankbord_settings") or settings.Settings()
    forced = str(current_app.config.get(SECURE_ENV, "")).strip().lower()
    if forced in ("1", "true", "yes"):
        return True
    if forced in ("0", "false", "no"):
        return False
    if read.desk_secure_cookie is not None:
        return read.desk_secure_cookie
    return request.is_secure or read.desk_url.lower().startswith("https://")


def set_cookie(response: Response, name: str, value: str, max_age: Optional[int] = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path=COOKIE_PATH, httponly=True, samesite="Strict",
                        secure=secure_cookies())


def clear_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path=COOKIE_PATH, httponly=True, samesite="Strict", secure=secure_cookies())


def load_session() -> None:
    """Before each desk request: who is logged in (``g.desk_session``, ``g.user``)."""
    g.desk_session = sessions.load(get_desk(), request.cookies.get(SESSION_COOKIE))
    g.user = g.desk_session.user if g.desk_session else None


def csrf_token() -> str:
    """The token for forms on this page (the session's, or the login form's)."""
    if g.get("desk_session"):
        return g.desk_session.csrf_token
    token = g.get("login_csrf")
    if token is None:
        token = g.login_csrf = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(32)
    return token


def csrf_ok() -> bool:
    sent = request.form.get("csrf_token", "")
    if g.get("desk_session"):
        expected = g.desk_session.csrf_token
    else:
        expected = request.cookies.get(LOGIN_COOKIE, "")
    return bool(sent) and bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())


def safe_next(target: Optional[str]) -> Optional[str]:
    """Only a path inside the desk (no other host, no scheme, no //)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith(COOKIE_PATH + "/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    return target


def needs(permission: Optional[Permission] = None) -> Callable:
    """Decorator: logged in (else to the login page), and the role has ``permission`` (else 403)."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if g.get("user") is None:
                target = request.full_path if request.method == "GET" else None
                target = target.rstrip("?") if target else None
                return redirect(url_for("desk.login", next=safe_next(target)), code=303)
            if permission is not None and not allowed(g.user.role, permission):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorate
