"""Real servers for the end-to-end tests: action server, Rasa server and school page, on loopback.

Started once per test session (Rasa needs about 35 s to load its model and 1.1 GB of memory).
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCHOOL = "voorbeeldschool"
# The shared stack (tests/conftest.py) serves two schools, as a school board's instance does.
SCHOOLS = ((DEFAULT_SCHOOL, "Het Voorbeeld College"), ("tweedeschool", "Basisschool De Tweede"))
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def latest_model() -> Path:
    models = sorted((ROOT / "models").glob("klankbord-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise RuntimeError("no trained model in models/: run `make test` (it trains first)")
    return models[-1]


def wait_http(url: str, timeout: float, procs: List[subprocess.Popen], logs: List[Path]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc, log in zip(procs, logs):
            if proc.poll() is not None:
                raise RuntimeError(f"server exited while starting; last lines of {log}:\n"
                                   + "\n".join(log.read_text(errors="replace").splitlines()[-30:]))
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Stack:
    """The running assistant, as a pupil's browser or a test sees it."""

    rasa_url: str
    action_url: str
    web_url: str
    database_url: str
    env: Dict[str, str]
    workdir: Path
    endpoints: str = "endpoints.yml"
    procs: Dict[str, subprocess.Popen] = field(default_factory=dict)
    logs: Dict[str, Path] = field(default_factory=dict)

    def say(self, sender: str, text: str, timeout: float = 60, school: Optional[str] = DEFAULT_SCHOOL) -> List[dict]:
        """Send one message over the REST webhook, from ``school``'s chat (None: no school named);
        returns the bot's messages."""
        payload: Dict[str, object] = {"sender": sender, "message": text}
        if school is not None:
            payload["metadata"] = {"school": school}
        body = json.dumps(payload).encode()
        request = urllib.request.Request(
            f"{self.rasa_url}/webhooks/rest/webhook", data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read().decode())

    @property
    def ready_url(self) -> str:
        """200 once Rasa answered its warm-up message (``bot.adapters.rasa.readiness``); 503 before."""
        return f"{self.rasa_url}/webhooks/rest/ready"

    @staticmethod
    def new_sender() -> str:
        return uuid.uuid4().hex

    def tracker(self, sender: str) -> dict:
        """Rasa's HTTP API is on in tests only, behind a random token."""
        url = f"{self.rasa_url}/conversations/{sender}/tracker?token={self.env['KLANKBORD_TEST_RASA_TOKEN']}"
        with urllib.request.urlopen(url, timeout=30) as r:
            return json.loads(r.read().decode())

    # -- process control -------------------------------------------------------------------

    def _spawn(self, name: str, cmd: List[str]) -> None:
        log = self.workdir / f"{name}.log"
        handle = open(log, "wb")
        self.procs[name] = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT)
        self.logs[name] = log

    def start_actions(self) -> None:
        port = self.env["KLANKBORD_ACTION_PORT"]
        # rasa-sdk takes its interface from SANIC_HOST (set in make_stack): loopback only.
        self._spawn("actions", [str(BIN / "klankbord-rasa"), "run", "actions", "--actions", "actions", "-p", port])
        wait_http(f"{self.action_url}/health", 120, [self.procs["actions"]], [self.logs["actions"]])

    def restart_actions(self) -> None:
        """Restart the action server (e.g. after a configuration change); Rasa keeps running."""
        self.stop("actions")
        self.start_actions()

    def spawn_rasa(self, name: str = "rasa", endpoints: Optional[str] = None, port: Optional[str] = None) -> None:
        """Start a Rasa server (not waiting for it) with ``endpoints`` (default: the stack's)."""
        self._spawn(name, [str(BIN / "klankbord-rasa"), "run", "--enable-api", "-m", str(latest_model()),
                           "--endpoints", endpoints or self.endpoints, "--credentials", "credentials.yml",
                           "-i", "127.0.0.1", "-p", port or self.env["KLANKBORD_RASA_PORT"], "--cors", self.web_url,
                           "--auth-token", self.env["KLANKBORD_TEST_RASA_TOKEN"]])

    def start_rasa(self) -> None:
        """Start the Rasa server and wait until it answers."""
        self.spawn_rasa()
        wait_http(self.ready_url, 240, [self.procs["rasa"]], [self.logs["rasa"]])

    def start_all(self) -> None:
        self.start_actions()
        self.spawn_rasa()
        self._spawn("web", [sys.executable, "-m", "bot.entrypoints.web"])
        names = list(self.procs)
        wait_http(self.ready_url, 240, [self.procs[n] for n in names], [self.logs[n] for n in names])
        if "web" in self.procs:
            wait_http(self.web_url + "/", 60, [self.procs["web"]], [self.logs["web"]])

    def stop(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def stop_all(self) -> None:
        for name in list(self.procs):
            self.stop(name)


# The shared stack's tests send hundreds of scripted messages a minute from one address: far
# more than a pupil or a school may. The adversarial suite runs its own stack with the defaults.
GENEROUS_LIMITS = {
    "KLANKBORD_CONVERSATION_BURST": "1000", "KLANKBORD_CONVERSATION_PER_MINUTE": "60000",
    "KLANKBORD_CLIENT_BURST": "100000", "KLANKBORD_CLIENT_PER_MINUTE": "600000",
    "KLANKBORD_NEW_CONVERSATIONS_BURST": "100000", "KLANKBORD_NEW_CONVERSATIONS_PER_MINUTE": "600000",
    # All of the shared stack's pupils come from 127.0.0.1: follow-up limits per code only.
    "KLANKBORD_FOLLOWUP_PER_CLIENT": "100000", "KLANKBORD_FOLLOWUP_PER_CLIENT_DAILY": "100000",
    # Scripted reports come many an hour from one conversation and address: none held.
    "KLANKBORD_REPORTS_PER_CONVERSATION_HOUR": "100000", "KLANKBORD_REPORTS_PER_CLIENT_HOUR": "100000",
    "KLANKBORD_REPORTS_PER_SCHOOL_HOUR": "100000",
}


def write_school(folder: Path, school_id: str, name: str) -> Path:
    """A school file like the example school's, with its own id, name, aanspreekpunt and e-mail
    addresses (the aanspreekpunt is "Mevrouw <last word of the name>")."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "schools" / "voorbeeldschool.yml").read_text(encoding="utf-8")
    text = text.replace("school_id: voorbeeldschool", f"school_id: {school_id}")
    text = text.replace("name: Het Voorbeeld College", f"name: {name}")
    text = text.replace("@voorbeeldschool.example", f"@{school_id}.example")
    text = text.replace("Mevrouw S. de Vries", f"Mevrouw {name.split()[-1]}")
    path = folder / f"{school_id}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def make_stack(workdir: Path, smtp_port: Optional[int], limits: Optional[Dict[str, str]] = None,
               schools: Sequence[Tuple[str, str]] = SCHOOLS[:1]) -> Stack:
    """Environment for a stack with its own database, school files and ports; ``limits``
    (environment variables) replace the chat's limits, default ``GENEROUS_LIMITS``. It serves
    ``schools`` (id, name); the first is the example school, whose file
    ``KLANKBORD_SCHOOL_CONFIG`` names for tests that read it."""
    workdir.mkdir(parents=True, exist_ok=True)
    folder = workdir / "schools"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    config = folder / "voorbeeldschool.yml"
    shutil.copy(ROOT / "schools" / "voorbeeldschool.yml", config)
    for school_id, name in schools:
        if school_id != DEFAULT_SCHOOL:
            write_school(folder, school_id, name)
    ports = {name: str(free_port()) for name in ("rasa", "action", "web")}
    database_url = f"sqlite:///{workdir / 'klankbord.db'}"
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONUNBUFFERED": "1",  # every log line is in the artifact when a test fails, not in a buffer
        "KLANKBORD_SCHOOLS": str(folder),
        "KLANKBORD_SCHOOL_CONFIG": str(config),
        "KLANKBORD_DATABASE_URL": database_url,
        "KLANKBORD_TEST_RASA_TOKEN": uuid.uuid4().hex,
        "KLANKBORD_ACTION_SECRET": uuid.uuid4().hex,
        "KLANKBORD_OUTBOX_POLL_SECONDS": "1",
        "KLANKBORD_OUTBOX_RETRY_SECONDS": "1",
        "KLANKBORD_OUTBOX_RETRY_MAX_SECONDS": "2",
        "KLANKBORD_ACTION_HOST": "127.0.0.1",
        "SANIC_HOST": "127.0.0.1",
        "KLANKBORD_ACTION_URL": f"http://127.0.0.1:{ports['action']}/webhook",
        "KLANKBORD_ACTION_PORT": ports["action"],
        "KLANKBORD_RASA_PORT": ports["rasa"],
        "KLANKBORD_RASA_URL": f"http://127.0.0.1:{ports['rasa']}",
        "KLANKBORD_WEB_HOST": "127.0.0.1",
        "KLANKBORD_WEB_PORT": ports["web"],
        "KLANKBORD_SCHOOL_ORIGIN": f"http://127.0.0.1:{ports['web']}",
        "KLANKBORD_OUTBOX_DIR": str(workdir / "outbox"),
        **(GENEROUS_LIMITS if limits is None else limits),
    }
    if smtp_port:
        env.update({"KLANKBORD_SMTP_HOST": "127.0.0.1", "KLANKBORD_SMTP_PORT": str(smtp_port),
                    "KLANKBORD_SMTP_TLS": "none", "KLANKBORD_SMTP_FROM": "klankbord@voorbeeldschool.example"})
    return Stack(
        rasa_url=f"http://127.0.0.1:{ports['rasa']}",
        action_url=f"http://127.0.0.1:{ports['action']}",
        web_url=f"http://127.0.0.1:{ports['web']}",
        database_url=database_url,
        env=env,
        workdir=workdir,
    )
