"""Logs under var/log are rotated by size and owner-only: scripts/keep.sh pipes each server's
output through scripts/rotating_log.py. Written past the limit, the log rotates, keeps only the
configured number of old files, loses no line of what it keeps, and every file is 0600."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

from tests.support.servers import ROOT

WRITER = ROOT / "scripts" / "rotating_log.py"
KEEP = ROOT / "scripts" / "keep.sh"
LIMIT = 2048


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def kept(log: Path, backups: int) -> list:
    """The kept files, oldest first, and no more than ``backups`` old ones."""
    files = [log.with_name(f"{log.name}.{i}") for i in range(backups, 0, -1)] + [log]
    assert not log.with_name(f"{log.name}.{backups + 1}").exists(), "more old files kept than configured"
    return [f for f in files if f.exists()]


def test_the_writer_rotates_past_the_limit_and_keeps_files_owner_only(tmp_path):
    log = tmp_path / "log" / "rasa.log"
    log.parent.mkdir(mode=0o755)
    log.write_text("an older line\n")
    log.chmod(0o644)  # left by an older run: made owner-only on open
    lines = [f"regel {i:05d} van een server die veel zegt, met een % en een é\n" for i in range(400)]
    subprocess.run([sys.executable, str(WRITER), str(log), "--max-bytes", str(LIMIT), "--backups", "2"],
                   input="".join(lines).encode(), check=True, timeout=60)

    files = kept(log, 2)
    assert len(files) == 3, files
    for f in files:
        assert mode(f) == 0o600, f"{f} is {oct(mode(f))}"
        assert f.stat().st_size <= LIMIT
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert text.endswith(lines[-1]) and len(text) > 2 * LIMIT - 200
    tail = lines[-text.count("\n"):]
    assert text == "".join(tail), "a kept line is missing, split or out of order"


def test_a_fresh_folder_is_owner_only(tmp_path):
    log = tmp_path / "var" / "log" / "web.log"
    subprocess.run([sys.executable, str(WRITER), str(log)], input=b"hoi\n", check=True, timeout=60)
    assert mode(log.parent) == 0o700 and mode(log) == 0o600 and log.read_text() == "hoi\n"


def test_keep_sh_rotates_a_servers_log_across_restarts(tmp_path):
    log = tmp_path / "log" / "actions.log"
    talk = "for i in $(seq 1 130); do echo \"regel $i van een server die veel zegt\"; done; exit 3"
    env = {**os.environ, "KLANKBORD_LOG_MAX_BYTES": str(LIMIT), "KLANKBORD_LOG_BACKUPS": "3"}
    keeper = subprocess.Popen([str(KEEP), "actions", str(log), "bash", "-c", talk], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not log.with_name("actions.log.3").exists():
            time.sleep(0.2)  # each run writes about 5 kB, then the keeper starts it again 2 s later
    finally:
        keeper.send_signal(signal.SIGTERM)
        _, stderr = keeper.communicate(timeout=30)
    assert keeper.returncode == 0
    files = kept(log, 3)
    assert len(files) == 4, files
    assert all(mode(f) == 0o600 for f in files) and mode(log.parent) == 0o700
    assert all(f.stat().st_size <= LIMIT for f in files)
    text = "".join(f.read_text() for f in files)
    assert "klankbord: actions stopped (exit 3); starting it again in 2 s" in text
    assert b"actions stopped (exit 3)" in stderr  # the keeper also says so on its terminal
    leftover = subprocess.run(["pgrep", "-f", f"rotating_log.py {log}"], capture_output=True, text=True)
    assert leftover.stdout == "", "the writer outlived its keeper"
