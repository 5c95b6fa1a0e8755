"""The desk's login: name and password, then the second factor (a code from an app or a recovery
code) on a page of its own, then a session; and logout."""
from __future__ import annotations

from typing import Any, Optional

from flask import Response, g, redirect, request, url_for

from bot.domain.access import home_for
from bot.domain.desk import User
from bot.entrypoints.web.desk import auth
from bot.entrypoints.web.desk.pages import actor, desk, page
from bot.services import audit, second_factor, sessions, users
from bot.services.audit import AuditAction

LOCKED_TEXT = "Te veel mislukte pogingen vanaf hier. Wacht 15 minuten. Probeer het daarna opnieuw."


@desk.get("/")
def home() -> Response:
    if g.user is None:
        return redirect(url_for("desk.login"), code=303)
    return redirect(url_for(home_for(g.user.role)), code=303)


def _login_form(template: str, error: Optional[str] = None, status: int = 200, **context: Any) -> Response:
    """The password or the code page: the form's CSRF token is a double-submit cookie."""
    response = page(template, status=status, error=error, next=auth.safe_next(request.values.get("next")),
                    **context)
    auth.set_cookie(response, auth.LOGIN_COOKIE, auth.csrf_token(), max_age=3600)
    return response


def _login_page(error: Optional[str] = None, status: int = 200, username: str = "") -> Response:
    response = _login_form("login.html", error, status, username=username)
    auth.clear_cookie(response, auth.PENDING_COOKIE)
    return response


def _open_desk(user: User) -> Response:
    """A complete login: a session, and on to the page asked for (or the role's home)."""
    token, _ = sessions.start(auth.get_desk(), user)
    target = auth.safe_next(request.form.get("next")) or url_for(home_for(user.role))
    response = redirect(target, code=303)
    auth.set_cookie(response, auth.SESSION_COOKIE, token)
    auth.clear_cookie(response, auth.LOGIN_COOKIE)
    auth.clear_cookie(response, auth.PENDING_COOKIE)
    return response


@desk.get("/login")
def login() -> Response:
    if g.user is not None:
        return redirect(url_for(home_for(g.user.role)), code=303)
    return _login_page()


@desk.post("/login")
def login_post() -> Response:
    username = request.form.get("username", "")
    result = users.authenticate(auth.get_desk(), username, request.form.get("password", ""),
                                client=auth.client_pseudonym())
    if result.outcome is users.LoginOutcome.LOCKED:
        return _login_page(LOCKED_TEXT, status=429, username=username)
    if result.outcome is users.LoginOutcome.NOT_ENROLLED:
        return _login_page("Voor jouw rol hoort bij het inloggen een code uit een app, maar die is nog niet "
                           "ingesteld. Vraag de beheerder erom.", status=403, username=username)
    if result.outcome is users.LoginOutcome.CODE_NEEDED:
        response = redirect(url_for("desk.login_code", next=auth.safe_next(request.form.get("next"))), code=303)
        auth.set_cookie(response, auth.PENDING_COOKIE, sessions.start_pending(auth.get_desk(), result.user),
                        max_age=int(sessions.PENDING_MAX_AGE.total_seconds()))
        return response
    if result.outcome is not users.LoginOutcome.OK:
        return _login_page("Naam of wachtwoord klopt niet.", status=401, username=username)
    return _open_desk(result.user)


@desk.get("/login/code")
def login_code() -> Response:
    if g.user is not None:
        return redirect(url_for(home_for(g.user.role)), code=303)
    if sessions.load_pending(auth.get_desk(), request.cookies.get(auth.PENDING_COOKIE)) is None:
        return redirect(url_for("desk.login", next=auth.safe_next(request.args.get("next"))), code=303)
    return _login_form("code.html")


@desk.post("/login/code")
def login_code_post() -> Response:
    """The second factor: a code from the app or a recovery code, within 5 minutes of the password."""
    desk_ = auth.get_desk()
    token = request.cookies.get(auth.PENDING_COOKIE)
    user = sessions.load_pending(desk_, token)
    if user is None:
        return _login_page("De tijd voor de code is om. Log opnieuw in.", status=401)
    result = second_factor.check_code(desk_, user, request.form.get("code", ""), client=auth.client_pseudonym())
    if result.outcome is users.LoginOutcome.LOCKED:
        sessions.end_pending(desk_, token)
        return _login_page(LOCKED_TEXT, status=429)
    if result.outcome is not users.LoginOutcome.OK:
        return _login_form("code.html", "Deze code klopt niet of is al gebruikt.", status=401)
    sessions.end_pending(desk_, token)
    return _open_desk(user)


@desk.post("/logout")
def logout() -> Response:
    if g.user is not None:
        sessions.end(auth.get_desk(), request.cookies.get(auth.SESSION_COOKIE))
        audit.write(auth.get_desk(), actor(), AuditAction.LOGOUT)
    response = redirect(url_for("desk.login"), code=303)
    auth.clear_cookie(response, auth.SESSION_COOKIE)
    return response
