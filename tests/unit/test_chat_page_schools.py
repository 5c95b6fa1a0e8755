"""The chat page belongs to the school its launcher names (``/chat?school=<id>``): that school's
id and helplines ride along in its script tag; a school we do not serve gets no id (the chat's
first answer then says so kindly)."""
from __future__ import annotations

import html
import re

import pytest

from bot.domain.school import load_schools
from bot.entrypoints.web import create_app
from bot.settings import Settings
from bot.texts.help import hulp_nu
from tests.support.servers import write_school

TAG = re.compile(r'<script src="static/klankbord-chat.js" ([^>]*)>')


@pytest.fixture
def client(tmp_path):
    folder = tmp_path / "schools"
    write_school(folder, "de-eik", "Basisschool De Eik")
    write_school(folder, "de-linde", "Kindcentrum De Linde")
    settings = Settings.from_env({"KLANKBORD_SCHOOLS": str(folder)})
    app = create_app({"TESTING": True}, settings=settings)
    return app.test_client(), load_schools(folder)


def attributes(page: str) -> dict:
    found = TAG.search(page)
    assert found, page
    return {k: html.unescape(v) for k, v in re.findall(r'(data-[a-z-]+)="([^"]*)"', found.group(1))}


def test_the_chat_page_carries_its_schools_id_and_helplines(client):
    test_client, schools = client
    for school in schools:
        page = test_client.get(f"/chat?school={school.school_id}").get_data(as_text=True)
        tag = attributes(page)
        assert tag["data-school"] == school.school_id
        assert tag["data-help"] == hulp_nu(school)


@pytest.mark.parametrize("asked", ["", "de-beuk", "de-eik%22%3E%3Cscript%3E"])
def test_a_school_we_do_not_serve_gets_no_id(client, asked):
    test_client, _ = client
    response = test_client.get(f"/chat?school={asked}")
    assert response.status_code == 200
    assert attributes(response.get_data(as_text=True))["data-school"] == ""


def test_the_demo_page_names_the_first_school(client):
    test_client, schools = client
    page = test_client.get("/").get_data(as_text=True)
    assert f'data-school="{schools.default.school_id}"' in page
