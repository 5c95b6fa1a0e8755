"""Conversations in Redis (bot/adapters/rasa/redis_tracker_store.py) against a real redis-server
of the test's own, and the start-up check (store_check) against Rasa's real store classes.

No Rasa process here: the store is Rasa's own class, driven as Rasa drives it (save, retrieve).
The whole path through a Rasa process restart is in test_redis_conversations.py.
"""
from __future__ import annotations

import asyncio
import base64
import secrets
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore, RedisTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.adapters.rasa import store_check
from bot.adapters.rasa.lock_store import RecoveringRedisLockStore
from bot.adapters.rasa.redis_tracker_store import SealedRedisTrackerStore, StoreSettingError, expiry_seconds
from bot.adapters.storage.sealed import Keyring
from tests.support.redis_server import RedisServer
from tests.support.servers import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


def keyring() -> Keyring:
    return Keyring({"k1": secrets.token_bytes(32)}, "k1")


def store(server: RedisServer, ring: Keyring, ttl_minutes="60") -> SealedRedisTrackerStore:
    # As Rasa builds a custom store from endpoints.yml: values substituted from the environment are text.
    return SealedRedisTrackerStore(DOMAIN, host="127.0.0.1", port=str(server.port), db="0",
                                   ttl_minutes=ttl_minutes, key_prefix="klankbord", keyring=ring)


def conversation(sender: str, canary: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [
        ActionExecuted("action_listen"),
        UserUttered(f"ze schelden me uit {canary}", {"name": "pesten_melden", "confidence": 1.0},
                    metadata={"school": "voorbeeldschool"}),
        BotUttered(f"Dank je dat je het vertelt {canary}"),
    ], slots=DOMAIN.slots)


def run(coroutine):
    return asyncio.run(coroutine)


def test_a_conversation_is_kept_sealed_with_a_whole_second_expiry(redis_server):
    ring, sender, canary = keyring(), uuid.uuid4().hex, uuid.uuid4().hex
    kept = store(redis_server, ring)
    run(kept.save(conversation(sender, canary)))

    raw_keys = redis_server.client().keys("*")
    assert raw_keys == [f"klankbord:tracker:{sender}"]
    value = redis_server.client().get(raw_keys[0])
    assert value.startswith("kb1:k1:") and canary not in value and "schelden" not in value
    assert canary.encode() not in base64.b64decode(value.split(":", 2)[2])
    ttl = redis_server.client().ttl(raw_keys[0])
    assert 3590 <= ttl <= 3600 and isinstance(ttl, int)

    # Another process with the same key (a second replica, or this one restarted) reads it back.
    again = run(store(redis_server, ring).retrieve(sender))
    texts = [e.text for e in again.events if isinstance(e, (UserUttered, BotUttered))]
    assert texts == [f"ze schelden me uit {canary}", f"Dank je dat je het vertelt {canary}"]


def test_a_conversation_is_gone_after_its_silence(redis_server):
    ring, sender = keyring(), uuid.uuid4().hex
    short = store(redis_server, ring, ttl_minutes="0.03")  # 2 seconds
    run(short.save(conversation(sender, "x")))
    assert run(short.retrieve(sender)) is not None
    time.sleep(3)
    assert run(short.retrieve(sender)) is None
    assert redis_server.client().keys(f"*{sender}") == []


def test_a_value_under_another_conversation_or_without_the_key_does_not_open(redis_server):
    ring, victim, thief = keyring(), uuid.uuid4().hex, uuid.uuid4().hex
    kept = store(redis_server, ring)
    run(kept.save(conversation(victim, "secret")))
    client = redis_server.client()
    client.set(f"klankbord:tracker:{thief}", client.get(f"klankbord:tracker:{victim}"))
    assert not run(kept.retrieve(thief)).events  # a new, empty conversation
    assert not run(store(redis_server, keyring()).retrieve(victim)).events  # another key: nothing opens
    plain = conversation(thief, "clear")  # written by something else, in clear
    client.set(f"klankbord:tracker:{thief}", RedisTrackerStore.serialise_tracker(plain))
    assert not run(kept.retrieve(thief)).events
    assert len(run(kept.retrieve(victim)).events) == 3


@pytest.mark.parametrize("minutes, seconds", [(60, 3600), ("60", 3600), ("30.0", 1800), ("0.01", 1), (0.5, 30)])
def test_the_expiry_is_whole_seconds(minutes, seconds):
    assert expiry_seconds(minutes) == seconds and isinstance(expiry_seconds(minutes), int)


@pytest.mark.parametrize("minutes", ["", "een uur", "0", "-5", "nan", None])
def test_a_wrong_expiry_names_the_key(minutes):
    with pytest.raises(StoreSettingError, match="tracker_store.ttl_minutes"):
        expiry_seconds(minutes)


def test_record_exp_is_refused_with_the_key_that_replaces_it(redis_server):
    with pytest.raises(StoreSettingError, match="record_exp.*ttl_minutes"):
        SealedRedisTrackerStore(DOMAIN, port=redis_server.port, record_exp=1800.0, keyring=keyring())


# -- the start-up check --------------------------------------------------------------------------

PRODUCTION = (ROOT / "deploy" / "endpoints.production.yml").read_text(encoding="utf-8")


def production_endpoints(tmp_path: Path, monkeypatch, text: str = PRODUCTION) -> str:
    for name, value in {"KLANKBORD_ACTION_URL": "http://127.0.0.1:1/webhook", "KLANKBORD_ACTION_SECRET": "s",
                        "KLANKBORD_REDIS_HOST": "127.0.0.1", "KLANKBORD_REDIS_PORT": "1",
                        "KLANKBORD_CONVERSATION_IDLE_MINUTES": "60"}.items():
        monkeypatch.setenv(name, value)
    path = tmp_path / "endpoints.yml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_check_passes_when_rasa_uses_the_configured_stores(tmp_path, monkeypatch, redis_server):
    path = production_endpoints(tmp_path, monkeypatch)
    agent = SimpleNamespace(
        tracker_store=FailSafeTrackerStore(store(redis_server, keyring())),
        lock_store=RecoveringRedisLockStore(host="127.0.0.1", port=redis_server.port, db=1),
    )
    assert store_check.problems(agent, path) == []
    default = SimpleNamespace(tracker_store=FailSafeTrackerStore(InMemoryTrackerStore(DOMAIN)),
                              lock_store=InMemoryLockStore())
    plain = tmp_path / "plain.yml"
    plain.write_text("action_endpoint:\n  url: http://127.0.0.1:1/webhook\n", encoding="utf-8")
    assert store_check.problems(default, str(plain)) == []


def test_the_check_names_the_file_and_key_when_rasa_fell_back_to_memory(tmp_path, monkeypatch):
    # What Rasa does with a store it cannot import: a warning, and an InMemoryTrackerStore.
    path = production_endpoints(tmp_path, monkeypatch)
    fallen_back = SimpleNamespace(tracker_store=FailSafeTrackerStore(InMemoryTrackerStore(DOMAIN)),
                                  lock_store=InMemoryLockStore())
    found = store_check.problems(fallen_back, path)
    assert len(found) == 2
    assert found[0].startswith(f"{path}: tracker_store.type names bot.adapters.rasa.redis_tracker_store."
                               "SealedRedisTrackerStore, but Rasa uses rasa.core.tracker_store.InMemoryTrackerStore")
    assert found[1].startswith(f"{path}: lock_store.type names bot.adapters.rasa.lock_store.RecoveringRedisLockStore, "
                               "but Rasa uses rasa.core.lock_store.InMemoryLockStore")


def test_the_endpoints_file_is_the_one_rasa_was_started_with():
    assert store_check.endpoints_file(["rasa", "run", "--endpoints", "deploy/x.yml", "-p", "5005"]) == "deploy/x.yml"
    assert store_check.endpoints_file(["rasa", "run", "-m", "models"]) == "endpoints.yml"
