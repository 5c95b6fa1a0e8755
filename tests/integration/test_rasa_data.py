"""Rasa's own checks: the training data validates without warnings, and the test stories pass."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.servers import ROOT, latest_model

RASA = str(Path(sys.executable).parent / "rasa")
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}


def test_data_validate_has_no_warnings():
    result = subprocess.run([RASA, "data", "validate", "--fail-on-warnings"], cwd=ROOT, env=ENV,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_stories_without_prediction_errors(tmp_path):
    result = subprocess.run(
        [RASA, "test", "core", "--stories", "tests/stories", "-m", str(latest_model()),
         "--fail-on-prediction-errors", "--out", str(tmp_path)],
        cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600,
    )
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text() if failed.is_file() else ""
    assert result.returncode == 0, detail + result.stdout[-3000:] + result.stderr[-3000:]
