"""A running assistant with the chat's *default* limits, for the attacks (tests/adversarial/)
and the widget's answer to a refusal (tests/browser/).

The shared stack has generous limits for scripted conversations; this one is configured as a
school would run it, so the attacks meet the real limits, and with the production endpoints
(``deploy/endpoints.production.yml``): conversations sealed in a Redis of its own, one Redis lock
per conversation. Every attack text carries ``CANARY``, and the suite's last test looks for it in
every log, every database column and file, every mail, and every Redis key and value.
"""
from __future__ import annotations

import http.client
import json
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

import urllib.error
import urllib.request

from tests.support.redis_server import RedisServer
from tests.support.servers import ROOT, Stack, make_stack

ARTIFACTS = ROOT / "tests" / "artifacts"
PRODUCTION_ENDPOINTS = ROOT / "deploy" / "endpoints.production.yml"
CANARY = "KANARIE" + uuid.uuid4().hex[:10].upper()


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for {pid}")


@dataclass
class Attacked:
    """The assistant under attack, and what the suite learned of it."""

    stack: Stack
    redis: Optional[RedisServer] = None
    rss_before: int = 0
    figures: List[str] = field(default_factory=list)

    @property
    def webhook(self) -> str:
        return f"{self.stack.rasa_url}/webhooks/rest/webhook"

    def post(self, body: bytes, headers: Optional[dict] = None, timeout: float = 60) -> Tuple[int, object, dict]:
        """POST raw bytes; returns (status, parsed JSON or None, headers)."""
        request = urllib.request.Request(self.webhook, data=body, method="POST",
                                         headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw, status, got = response.read(), response.status, dict(response.headers)
        except urllib.error.HTTPError as error:
            raw, status, got = error.read(), error.code, dict(error.headers)
        try:
            return status, json.loads(raw.decode()), got
        except ValueError:
            return status, None, got

    def send(self, sender: str, message: object) -> Tuple[int, object, dict]:
        return self.post(json.dumps({"sender": sender, "message": message}).encode())

    def send_from(self, address: str, sender: str, message: str) -> Tuple[int, object]:
        """One message from another loopback address (another client, as behind another router)."""
        parts = urllib.parse.urlsplit(self.stack.rasa_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60, source_address=(address, 0))
        try:
            connection.request("POST", "/webhooks/rest/webhook", body=json.dumps({"sender": sender, "message": message}),
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        try:
            return response.status, json.loads(raw.decode())
        except ValueError:
            return response.status, None

    def rss(self) -> int:
        return rss_bytes(self.stack.procs["rasa"].pid)

    def note(self, line: str) -> None:
        self.figures.append(line)
        print(line)


def wait_ready(rasa_url: str, timeout: float = 180) -> None:
    """Until the chat says it is ready (``/webhooks/rest/ready``: 200 once its warm-up message was
    answered, 503 before); a channel without that route (404) is ready when it listens."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{rasa_url}/webhooks/rest/ready", timeout=10):
                return
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"the chat was not ready within {timeout:.0f} s (HTTP {error.code})") from None
        time.sleep(1)


def attacked_stack(smtp_port: int) -> Iterator[Attacked]:
    """Start it, warm it, yield it; stopped and its figures written afterwards."""
    workdir = ARTIFACTS / "adversarial"
    if workdir.exists():
        for old in workdir.rglob("*"):
            if old.is_file():
                old.unlink()
    running = make_stack(workdir, smtp_port, limits={})
    redis = RedisServer(workdir / "redis")
    target = Attacked(running, redis)
    try:
        redis.start()
        running.endpoints = str(PRODUCTION_ENDPOINTS.relative_to(ROOT))
        running.env.update({"KLANKBORD_REDIS_HOST": "127.0.0.1", "KLANKBORD_REDIS_PORT": str(redis.port),
                            "KLANKBORD_CONVERSATION_IDLE_MINUTES": "60"})
        running.start_all()
        wait_ready(running.rasa_url)
        assert running.say(running.new_sender(), "hoi")  # warm: the first message loads what is lazy
        target.rss_before = target.rss()
        yield target
    finally:
        running.stop_all()
        redis.stop()
        (workdir / "figures.txt").write_text("\n".join(target.figures) + "\n", encoding="utf-8")
