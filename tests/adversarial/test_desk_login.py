"""50 failed desk logins for the aanspreekpunt's name from one client do not lock her out: she logs
in from another client meanwhile. Over real HTTP to the running web app, each client with its own
loopback address."""
from __future__ import annotations

import http.client
import re
import urllib.parse
from typing import Dict, Optional, Tuple

import pytest

from bot.bootstrap import bootstrap
from bot.domain.school import load_config
from bot.domain.desk import Role
from tests.support.attacked import CANARY
from tests.support.desk import add_user, totp_code

pytestmark = pytest.mark.integration

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "een-lang-wachtwoord-42"


class Client:
    """A browser at one address: keeps cookies and the form's CSRF token."""

    def __init__(self, web_url: str, address: str) -> None:
        parts = urllib.parse.urlsplit(web_url)
        self.host, self.port, self.address = parts.hostname, parts.port, address
        self.cookies: Dict[str, str] = {}
        self.token: Optional[str] = None
        self.location = ""

    def request(self, method: str, path: str, form: Optional[dict] = None) -> Tuple[int, str]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30, source_address=(self.address, 0))
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        self.location = response.getheader("Location", "")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        text = response.read().decode("utf-8", "replace")
        connection.close()
        match = CSRF.search(text)
        if match:
            self.token = match.group(1)
        return response.status, text

    def login(self, name: str, password: str) -> int:
        """Name and password; then, when the desk asks for it, a real code from the user's app."""
        self.request("GET", "/desk/login")
        status, _ = self.request("POST", "/desk/login",
                                 {"username": name, "password": password, "csrf_token": self.token or ""})
        if status != 303 or urllib.parse.urlsplit(self.location).path != "/desk/login/code":
            return status
        self.request("GET", self.location)
        status, _ = self.request("POST", "/desk/login/code", {"code": totp_code(name), "csrf_token": self.token or ""})
        return status


@pytest.fixture(scope="module")
def aanspreekpunt(attacked):
    app = bootstrap(config=load_config(attacked.stack.env["KLANKBORD_SCHOOL_CONFIG"]),
                    database_url=attacked.stack.database_url)
    try:
        add_user(app, "svries", Role.AANSPREEKPUNT, PASSWORD)  # enrolled for the second factor
    finally:
        app.close()
    return "svries"


def test_fifty_failed_logins_from_one_client_leave_the_owner_free(attacked, aanspreekpunt):
    stranger = Client(attacked.stack.web_url, "127.0.0.11")
    statuses = [stranger.login(aanspreekpunt, f"raden-{i}-{CANARY}") for i in range(50)]
    attacked.note(f"50 failed desk logins from 127.0.0.11: {statuses.count(401)} x 401, {statuses.count(429)} x 429")
    assert statuses[:4] == [401] * 4 and set(statuses[5:]) == {429}
    assert stranger.login(aanspreekpunt, PASSWORD) == 429  # the stranger is paused, even with the password
    owner = Client(attacked.stack.web_url, "127.0.0.12")
    assert owner.login(aanspreekpunt, PASSWORD) == 303
    status, page = owner.request("GET", "/desk/inbox")
    assert status == 200 and "uitloggen" in page.lower()


def test_spraying_names_from_one_client_pauses_that_client(attacked, aanspreekpunt):
    sprayer = Client(attacked.stack.web_url, "127.0.0.13")
    statuses = [sprayer.login(f"naam{i}", "x") for i in range(25)]
    assert statuses[:19] == [401] * 19 and 429 in statuses[19:]
    assert Client(attacked.stack.web_url, "127.0.0.14").login(aanspreekpunt, PASSWORD) == 303


def test_guessing_the_code_with_the_password_pauses_that_client(attacked, aanspreekpunt):
    thief = Client(attacked.stack.web_url, "127.0.0.15")
    thief.request("GET", "/desk/login")
    thief.request("POST", "/desk/login", {"username": aanspreekpunt, "password": PASSWORD, "csrf_token": thief.token})
    assert urllib.parse.urlsplit(thief.location).path == "/desk/login/code"
    thief.request("GET", thief.location)
    statuses = [thief.request("POST", "/desk/login/code", {"code": f"{i:06d}", "csrf_token": thief.token})[0]
                for i in range(6)]
    attacked.note(f"6 guessed desk codes from 127.0.0.15 with the right password: {statuses}")
    assert statuses[:4] == [401] * 4 and statuses[4] == 429
    assert thief.request("GET", "/desk/inbox")[0] == 303  # no session
    assert Client(attacked.stack.web_url, "127.0.0.16").login(aanspreekpunt, PASSWORD) == 303
