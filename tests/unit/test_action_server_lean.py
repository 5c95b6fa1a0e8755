"""The action server loads no language model: it reads the entities Rasa already found.

``import spacy`` alone pulls in TensorFlow through thinc (about half a gigabyte). Rasa's process
runs the pipeline on every message and its ``EntityNormalizer`` puts the canonical values in the
parse, so the actions take them from the tracker (``actions.context.message_of``) and
``bot.dialogue`` reads them from ``Message.entities``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from actions.context import canonical_entities, message_of
from bot.dialogue.turn import Message
from tests.support.nlu import heard, latest_message

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("spacy", "thinc", "tensorflow", "bot.language")
MAX_RSS_AFTER_IMPORT_MB = 300  # the action server's budget after load; the import alone is far below

# What rasa-sdk does at start: import every module of the actions package.
LOAD_ACTIONS = f"""
import json, sys
from rasa_sdk.executor import ActionExecutor
ActionExecutor().register_package("actions")
rss = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS:"))
print(json.dumps({{"loaded": [m for m in {HEAVY!r} if m in sys.modules], "rss_mb": rss / 1024,
                   "actions": sorted(m for m in sys.modules if m.startswith("actions."))}}))
"""


def test_the_action_server_loads_neither_spacy_nor_tensorflow(tmp_path):
    env = {**os.environ, "KLANKBORD_DATABASE_URL": f"sqlite:///{tmp_path / 'kb.db'}",
           "KLANKBORD_OUTBOX_DIR": str(tmp_path / "outbox")}
    for name in ("KLANKBORD_SMTP_HOST", "KLANKBORD_SCHOOL_CONFIG", "KLANKBORD_SCHOOLS"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-c", LOAD_ACTIONS], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"actions.report_form", "actions.info", "actions.safety", "actions.followup",
            "actions.startup"} <= set(found["actions"])
    assert found["loaded"] == []
    assert found["rss_mb"] < MAX_RSS_AFTER_IMPORT_MB


def test_the_message_carries_the_canonical_values_rasa_found():
    message = heard("ze schelden me uit in de kleedkamer, en daarna op snapchat")
    assert message.values("soort") == ["schelden", "online"]  # online: an app implies it
    assert message.values("plek") == ["kleedkamer", "online"]
    assert message.values("platform") == ["snapchat"]
    assert message.values("moment") == []


def test_values_of_another_text_are_none_a_kept_answer_was_read_when_it_came():
    message = heard("ja, in de pauze")
    assert message.values("moment") == ["pauze"]
    assert message.values("moment", "  ja,   in de pauze ") == ["pauze"]  # the same answer, spaced
    assert message.values("moment", "ze pesten me in de pauze") == []
    assert message.values("moment", "/inform") == []


def test_only_values_the_normaliser_gave_and_known_ones_count():
    parsed = latest_message("in de gymzaal")
    typed = {"entity": "plek", "value": "<script>", "start": 0, "end": 2}  # a "/intent{...}" shortcut
    unknown = {"entity": "plek", "value": "maan", "extractor": "EntityNormalizer"}
    entities = [typed, *parsed["entities"], unknown, *parsed["entities"]]
    assert canonical_entities(entities) == (("plek", "gymzaal"), ("plek", "maan"), ("plek", "gymzaal"))
    assert Message("in de gymzaal", entities=canonical_entities(entities)).values("plek") == ["gymzaal"]


def test_message_of_reads_the_entities_from_the_tracker(tracker_factory):
    tracker = tracker_factory("elke dag na school", intent="inform")
    assert message_of(tracker).entities == (("frequentie", "elke_dag"), ("moment", "na_school"))
    assert message_of(tracker_factory("elke dag", entities=[])).entities == ()
