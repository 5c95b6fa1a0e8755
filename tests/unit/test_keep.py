"""scripts/keep.sh, the keeper `make run` starts each server under: a server that dies is started
again within a few seconds; stopping the keeper stops its server."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

KEEP = Path(__file__).resolve().parents[2] / "scripts" / "keep.sh"


def children(pid: int, command: str = "sleep") -> list:
    """The keeper's children running ``command`` (its server; not the moment-long subshell that
    starts the log writer)."""
    out = subprocess.run(["ps", "-o", "pid=,comm=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p, comm in (line.split(None, 1) for line in out.splitlines() if line.strip())
            if comm.strip() == command]


def wait_for(predicate, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("not within the time")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout
    return bool(state.strip()) and not state.strip().startswith("Z")


def test_a_server_that_dies_is_started_again_and_stopping_the_keeper_stops_it(tmp_path):
    log = tmp_path / "server.log"
    keeper = subprocess.Popen([str(KEEP), "demo", str(log), "sh", "-c", "echo started; exec sleep 60"],
                              stderr=subprocess.PIPE, text=True)
    try:
        # The log's writer (scripts/rotating_log.py) makes the file with the first line.
        wait_for(lambda: log.exists() and log.read_text().count("started") == 1)
        first = wait_for(lambda: children(keeper.pid))[0]
        os.kill(first, signal.SIGKILL)  # as the kernel's OOM killer or a crash would
        killed_at = time.monotonic()
        second = wait_for(lambda: [p for p in children(keeper.pid) if p != first and alive(p)])[0]
        wait_for(lambda: log.read_text().count("started") == 2)
        assert time.monotonic() - killed_at < 5
        assert "klankbord: demo stopped (exit 137); starting it again in 2 s" in log.read_text()

        keeper.send_signal(signal.SIGTERM)
        assert keeper.wait(timeout=10) == 0
        wait_for(lambda: not alive(second))
    finally:
        if keeper.poll() is None:
            keeper.kill()
