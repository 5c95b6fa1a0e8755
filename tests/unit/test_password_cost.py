"""Desk passwords and pupil secrets are hashed with argon2id at OWASP's minimum cost in production
(the unit tests swap in a cheap hasher: tests/unit/conftest.py)."""
from __future__ import annotations

import importlib

from argon2 import Type, extract_parameters

from bot.services import passwords


def test_production_hashes_use_owasps_minimum_cost():
    swapped = passwords.HASHER, passwords.DUMMY_HASH
    module = importlib.reload(passwords)  # the module as production loads it
    try:
        made = extract_parameters(module.HASHER.hash("wachtwoord"))
        assert (made.type, made.time_cost, made.memory_cost, made.parallelism) == (Type.ID, 2, 19456, 1)
        dummy = extract_parameters(module.DUMMY_HASH)
        assert (dummy.time_cost, dummy.memory_cost) == (2, 19456)
    finally:
        module.HASHER, module.DUMMY_HASH = swapped
