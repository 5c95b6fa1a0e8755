"""Session-wide fixtures: one real stack (SMTP sink, action server, Rasa server, school page)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.attacked import Attacked, attacked_stack
from tests.support.servers import ROOT, SCHOOLS, Stack, make_stack
from tests.support.smtp import SmtpSink

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def smtp() -> SmtpSink:
    sink = SmtpSink()
    sink.start(port=0)
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def stack(smtp: SmtpSink, tmp_path_factory) -> Stack:
    """The running assistant, serving two schools. Logs are kept in tests/artifacts/stack/."""
    workdir = ARTIFACTS / "stack"
    if workdir.exists():
        for old in workdir.glob("*"):
            if old.is_file():
                old.unlink()
    running = make_stack(workdir, smtp.port, schools=SCHOOLS)
    try:
        running.start_all()
        yield running
    finally:
        running.stop_all()


@pytest.fixture(scope="session")
def attacked(smtp: SmtpSink) -> Attacked:
    """A second running assistant with the chat's default limits (tests/support/attacked.py)."""
    yield from attacked_stack(smtp.port)
