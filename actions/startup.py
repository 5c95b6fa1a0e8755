"""Loaded by the action server at start (rasa-sdk imports every module of this package).

Builds the app once: checks the school configuration (a clear message naming file and field),
migrates the database, and starts the outbox worker, which also sends notifications left
pending before a restart. The action server is the process that delivers notifications.
"""
from __future__ import annotations

import logging
import sys

from bot.bootstrap import get_app
from bot.config import ConfigError

logger = logging.getLogger(__name__)

try:
    get_app()
except ConfigError as error:
    print(f"Klankbord cannot start: {error}", file=sys.stderr)
    raise
