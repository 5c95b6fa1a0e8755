"""Loaded by the action server at start (rasa-sdk imports every module of this package).

Builds the app once: checks the school configuration (a clear message naming file and field),
migrates the database, and starts the outbox worker, which also sends notifications left
pending before a restart, and once a day erases what is past retention. The action server is the process that delivers notifications.
It also loads the Dutch pipeline the form's answer parsing uses, so the first pupil does not
wait seconds for it (the server listens only after this module ran).
"""
from __future__ import annotations

import logging
import sys

from bot.bootstrap import get_app
from bot.domain.school import ConfigError
from bot.language.pipeline import analyse

logger = logging.getLogger(__name__)

try:
    app = get_app()
except ConfigError as error:
    print(f"Klankbord cannot start: {error}", file=sys.stderr)
    raise
app.enable_housekeeping()  # retention, once a day, in the outbox worker
analyse("ik word gepest in de klas")  # warm: loads the pipeline and its lookup tables once
