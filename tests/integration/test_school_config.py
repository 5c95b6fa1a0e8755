"""A changed school configuration shows in the answers after a restart, without retraining."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.support.servers import latest_model

pytestmark = pytest.mark.integration


def _texts(replies):
    return "\n".join(r.get("text") or "" for r in replies)


def _click(stack, payload):
    """A button of the greeting (a typed "/" is text: only offered buttons act as buttons)."""
    sender = stack.new_sender()
    stack.say(sender, "hoi")
    return stack.say(sender, payload)


def test_names_links_and_commission_follow_the_configuration(stack):
    config = Path(stack.env["KLANKBORD_SCHOOL_CONFIG"])
    original = config.read_text(encoding="utf-8")
    model_before = latest_model()
    data = yaml.safe_load(original)
    data["aanspreekpunt"]["name"] = "Meester K. Okafor"
    data["vertrouwenspersoon"]["name"] = "Juf L. Dekker"
    data["klachtenregeling_url"] = "https://www.anderschool.example/klachten"
    data["klachtencommissie"] = {"name": "Geschillencommissie Bijzonder Onderwijs (GCBO)",
                                 "url": "https://www.gcbo.nl"}
    data["helplines"]["kindertelefoon"]["phone"] = "0800-1111"
    try:
        config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        stack.restart_actions()
        who = _texts(_click(stack, "/vraag_aanspreekpunt"))
        assert "Meester K. Okafor" in who and "Juf L. Dekker" in who
        assert "de Vries" not in who
        route = _texts(stack.say(stack.new_sender(), "hoe kan ik een klacht indienen"))
        assert "GCBO" in route and "anderschool.example/klachten" in route
        assert "0800-1111" in _texts(stack.say(stack.new_sender(), "/hulp_nu"))
        assert latest_model() == model_before, "a configuration change must not need a new model"
    finally:
        config.write_text(original, encoding="utf-8")
        stack.restart_actions()
    assert "Mevrouw S. de Vries" in _texts(_click(stack, "/vraag_aanspreekpunt"))


def test_broken_configuration_names_file_and_field(stack, tmp_path):
    import os
    import subprocess
    import sys

    broken = tmp_path / "school.yml"
    data = yaml.safe_load(Path(stack.env["KLANKBORD_SCHOOL_CONFIG"]).read_text(encoding="utf-8"))
    data["aanspreekpunt"]["email"] = "geen-mailadres"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    env = {**stack.env, "KLANKBORD_SCHOOLS": str(broken)}
    result = subprocess.run([sys.executable, "-m", "bot.entrypoints.cli.main", "check"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert str(broken) in result.stderr and "aanspreekpunt.email" in result.stderr
