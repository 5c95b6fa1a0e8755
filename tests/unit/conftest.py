"""Fixtures for unit tests: a fresh app on a temporary SQLite database, and tracker builders."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import bootstrap as bootstrap_module
from bot.services import passwords

# argon2id at the production cost (19 MiB, t=2) takes about 25 ms a hash; the unit tests make
# hundreds of users, secrets and wrong guesses. Here the same argon2id runs at its smallest cost, so
# every path (hash, verify, the dummy verify, a rehash) is the real code. The production
# parameters are checked in tests/unit/test_password_cost.py; the integration, adversarial and
# browser suites run at the production cost.
FAST_HASHER = passwords.PasswordHasher(time_cost=1, memory_cost=64, parallelism=1, hash_len=32, salt_len=16)


@pytest.fixture(autouse=True, scope="session")
def cheap_argon2():
    production = passwords.HASHER, passwords.DUMMY_HASH
    passwords.HASHER = FAST_HASHER
    passwords.DUMMY_HASH = FAST_HASHER.hash("dummy-secret-for-unknown-names")
    yield
    passwords.HASHER, passwords.DUMMY_HASH = production


@pytest.fixture()
def app(tmp_path, monkeypatch):
    """The process-wide app as the action server builds it, on a throwaway database and outbox."""
    monkeypatch.setenv("KLANKBORD_DATABASE_URL", f"sqlite:///{tmp_path / 'kb.db'}")
    monkeypatch.setenv("KLANKBORD_OUTBOX_DIR", str(tmp_path / "outbox"))
    for var in ("KLANKBORD_SMTP_HOST", "KLANKBORD_SCHOOL_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    bootstrap_module.reset_app()
    app = bootstrap_module.get_app()
    yield app
    bootstrap_module.reset_app()


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    text: str = "",
    intent: str = "pesten_melden",
    slots: Optional[Dict[str, Any]] = None,
    entities: Optional[List[dict]] = None,
    active_loop: Optional[str] = None,
    sender_id: str = "test-sender",
) -> Tracker:
    """A rasa-sdk Tracker as the action server receives it (RasaHQ/financial-demo style); without
    ``entities``, those Rasa's language understanding finds in ``text`` (tests/support/nlu.py)."""
    from tests.support import nlu

    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0},
              "entities": nlu.entities(text) if entities is None else entities}
    return Tracker(
        sender_id=sender_id,
        slots=dict(slots or {}),
        latest_message=latest,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


@pytest.fixture()
def tracker_factory():
    return make_tracker
