"""bot.services.followup: secrets, and the check that answers every failure the same way (no database)."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Dict, List, Optional, Tuple

import pytest

from bot.settings import Settings
from bot.services import followup, passwords
from bot.services.followup import (
    DENIED, LIMITED, Limits, attempt_key, check, client_attempt_key, hash_for_storage, new_secret, normalize_secret,
)
from bot.domain.report import new_reference

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


class FakeStore:
    """In-memory FollowupStore."""

    def __init__(self) -> None:
        self.hashes: Dict[str, str] = {}
        self.attempts: List[Tuple[str, bool, datetime]] = []

    def secret_hash(self, reference: str) -> Optional[str]:
        return self.hashes.get(reference)

    def followup_failures(self, key_hash: str, since: datetime) -> int:
        return sum(1 for k, ok, at in self.attempts if k == key_hash and not ok and at > since)

    def record_followup_attempt(self, key_hash: str, ok: bool, at: datetime) -> None:
        self.attempts.append((key_hash, ok, at))


@pytest.fixture
def store():
    s = FakeStore()
    s.ref = new_reference()
    s.secret = new_secret()
    s.hashes[s.ref] = hash_for_storage(s.secret)
    return s


@pytest.fixture
def verify_calls(monkeypatch):
    calls = []
    real = passwords.verify

    def counting(stored, value):
        calls.append(stored)
        return real(stored, value)

    monkeypatch.setattr(followup, "verify", counting)
    return calls


def test_secret_is_two_words_and_two_digits_and_varies():
    secrets = {new_secret() for _ in range(200)}
    assert len(secrets) > 190
    for s in secrets:
        first, second, digits = s.split("-")
        assert first in followup.WORDS and second in followup.WORDS and first != second
        assert re.fullmatch(r"[0-9]{2}", digits)
    assert len(followup.WORDS) >= 300  # with 2 digits: more than 2^23 secrets per code


def test_secret_is_read_as_people_type_it():
    assert normalize_secret("Wolk-Tijger-47") == normalize_secret("wolk tijger 47") == normalize_secret(" WOLKTIJGER47 ")
    for bad in ("", None, "wolk-tijger", "wolk-tijger-4", "47-wolk-tijger", "x" * 200, "wolk-tijger-477"):
        assert normalize_secret(bad) is None


def test_stored_secret_is_an_argon2_hash_not_the_secret(store):
    stored = store.hashes[store.ref]
    assert stored.startswith("$argon2id$")
    assert store.secret not in stored and normalize_secret(store.secret) not in stored


def test_right_code_and_secret_open_the_report_in_any_typing(store):
    typed_code = store.ref.lower().replace("-", " ")
    typed_secret = store.secret.upper().replace("-", " ")
    assert check(store, typed_code, typed_secret, NOW) == followup.Access(True, store.ref)


def test_every_failure_is_the_same_denied_value(store):
    results = []
    for _ in range(100):  # random well-formed codes
        results.append(check(store, new_reference(), store.secret, NOW, Limits()))
    results.append(check(store, store.ref, "fout-woord-12", NOW, Limits()))  # wrong secret
    results.append(check(store, "geen code", store.secret, NOW, Limits()))  # malformed
    results.append(check(store, store.ref, "", NOW, Limits()))  # empty secret
    assert all(r is DENIED for r in results)
    assert DENIED.reference is None and DENIED.granted is False


def test_one_argon2_verify_on_every_path(store, verify_calls):
    check(store, new_reference(), "wolk-tijger-47", NOW)  # unknown code: against the dummy
    check(store, store.ref, "fout-woord-12", NOW)  # wrong secret
    check(store, "???", None, NOW)  # malformed
    check(store, store.ref, store.secret, NOW)  # right
    assert len(verify_calls) == 4
    assert verify_calls[0] is None and verify_calls[2] is None
    assert verify_calls[1] == verify_calls[3] == store.hashes[store.ref]


def test_per_code_limit_refuses_even_the_right_secret(store, verify_calls):
    limits = Limits(per_code=5)
    for i in range(5):
        assert check(store, store.ref, f"fout-woord-{i:02d}", NOW + timedelta(minutes=i), limits) is DENIED
    verify_calls.clear()
    assert check(store, store.ref, store.secret, NOW + timedelta(minutes=6), limits) is LIMITED
    assert verify_calls == [None]  # still one verify (a dummy), so timing looks the same
    # Another code is not affected; the limit ends with its window.
    other = new_reference()
    store.hashes[other] = hash_for_storage("boom-vis-11")
    assert check(store, other, "boom-vis-11", NOW + timedelta(minutes=6), limits).granted
    assert check(store, store.ref, store.secret, NOW + timedelta(minutes=61), limits).granted


def test_daily_limit_per_code(store):
    limits = Limits(per_code=5, per_code_daily=8)
    for i in range(8):  # spread over the day, never 5 within an hour
        check(store, store.ref, "fout-woord-11", NOW + timedelta(hours=2 * i), limits)
    assert check(store, store.ref, store.secret, NOW + timedelta(hours=17), limits) is LIMITED
    assert check(store, store.ref, store.secret, NOW + timedelta(hours=38), limits).granted


def test_a_client_guessing_500_codes_is_slowed_down_and_others_still_get_in(store):
    limits = Limits()
    answers = [check(store, new_reference(), "wolk-tijger-47", NOW + timedelta(seconds=i), limits, client="guesser")
               for i in range(500)]
    assert answers[:limits.per_client] == [DENIED] * limits.per_client
    assert set(answers[limits.per_client:]) == {LIMITED}
    # The guesser's right code does not open now either; another pupil's does, from elsewhere.
    assert check(store, store.ref, store.secret, NOW + timedelta(minutes=9), limits, client="guesser") is LIMITED
    assert check(store, store.ref, store.secret, NOW + timedelta(minutes=9), limits, client="pupil").granted
    # Without a known client (the command line, older conversations) only the per-code limits count.
    assert check(store, store.ref, store.secret, NOW + timedelta(minutes=9), limits).granted
    assert all(client_attempt_key("guesser") != k or not ok for k, ok, _ in store.attempts)


def test_the_client_limit_ends_with_its_window(store):
    limits = Limits(per_client=3, per_client_daily=100)
    for i in range(3):
        check(store, new_reference(), "wolk-tijger-47", NOW + timedelta(seconds=i), limits, client="c")
    assert check(store, store.ref, store.secret, NOW + timedelta(minutes=1), limits, client="c") is LIMITED
    assert check(store, store.ref, store.secret, NOW + timedelta(minutes=16), limits, client="c").granted


def test_successes_do_not_count_towards_limits(store):
    limits = Limits(per_code=2, per_client=2)
    for i in range(10):
        assert check(store, store.ref, store.secret, NOW + timedelta(seconds=i), limits, client="c").granted


def test_attempts_keep_no_code_in_the_clear(store):
    guessed = new_reference()
    check(store, guessed, "wolk-tijger-47", NOW)
    check(store, "rommel", "wolk-tijger-47", NOW)
    keys = [k for k, _, _ in store.attempts]
    assert keys == [attempt_key(guessed), attempt_key(None)]
    assert all(guessed not in k and re.fullmatch(r"[0-9a-f]{64}", k) for k in keys)


def test_limits_from_the_environment(monkeypatch):
    monkeypatch.setenv("KLANKBORD_FOLLOWUP_PER_CODE", "3")
    monkeypatch.setenv("KLANKBORD_FOLLOWUP_PER_CLIENT", "nonsense")
    limits = Settings.from_env().followup
    assert limits.per_code == 3 and limits.per_client == Limits().per_client
