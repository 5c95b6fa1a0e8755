"""Loaded by the action server at start (rasa-sdk imports every module of this package).

Builds the app once: checks the school configuration (a clear message naming file and field),
migrates the database, and starts the outbox worker, which also sends notifications left
pending before a restart, and once a day erases what is past retention. The action server is the process that delivers notifications.
It loads no language model: the entities of each message come from Rasa, which already found them
(``actions.context.message_of``), so spaCy and TensorFlow stay out of this process.
"""
from __future__ import annotations

import logging
import sys

from bot.bootstrap import get_app
from bot.domain.school import ConfigError

logger = logging.getLogger(__name__)

try:
    app = get_app()
except ConfigError as error:
    print(f"Klankbord cannot start: {error}", file=sys.stderr)
    raise
app.enable_housekeeping()  # retention, once a day, in the outbox worker
