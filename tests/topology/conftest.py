"""The topology suite: the production topology of deploy/ under a real supervisord, started once."""
from __future__ import annotations


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "topology: needs nginx, supervisord, PostgreSQL, Redis and two Rasa replicas")
