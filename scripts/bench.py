"""Klankbord against plain Rasa's `rasa init` assistant (moodbot), side by side, in one run on
loopback (a script that prints figures, not a timed test).

    .venv/bin/python scripts/bench.py [--seconds 20] [--sequential 300] [--repeat 20]

Plain Rasa is built once with this project's own venv (``rasa init --no-prompt``: default
config, REST channel, its model trained there) in ``var/bench/moodbot`` and reused afterwards.
Klankbord runs the newest model in ``models/`` with its action server, its guarded chat channel
and a database of its own (``var/bench/klankbord``, made anew each run). One assistant runs at a
time, each started with ``--enable-api`` on a free port. For each it measures:

1. the first reply after start: from the server reporting ready to the answer of the first
   message, against a warm reply (the median of the same message later);
2. sequential reply time per turn (p50/p95) over about ``--sequential`` messages: full report
   conversations (Klankbord), moodbot's own stories with its own NLU examples (moodbot);
3. at 50, 500 and 2,000 characters (the same Dutch texts for both), median of ``--repeat``, one
   text after the other through each: NLU parse alone (``POST /model/parse``), the safety net
   alone (``bot.language.safety.assess`` in this process; Klankbord) and the webhook as the first
   message of a new conversation (for Klankbord one that starts a report);
4. 16 and 50 concurrent conversations for ``--seconds`` each, every conversation a new sender,
   each sending its next message as soon as it is answered: messages/s, p50/p95/p99, errors;
5. the memory (VmRSS, with child processes) of every server process after the sequential
   conversations (warm) and after the load, and the CPU time each used per message.

Prints each Klankbord figure with its ratio to plain Rasa, the cost per 1,000 more characters,
and ``uptime`` (other work on the machine slows both); writes all figures to
``var/bench/bench-<time>.json``.
"""
from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.texts.chat_guard import NOT_ANSWERED  # noqa: E402
from tests.support.dialogue import Conversation, complete_report, question_slot  # noqa: E402
from tests.support.servers import (  # noqa: E402
    BIN, DEFAULT_SCHOOL, GENEROUS_LIMITS, Stack, free_port, latest_model, make_stack,
)
from tests.support.topology import ANSWERS, FIRST_MESSAGES  # noqa: E402

BENCH = ROOT / "var" / "bench"
MOODBOT = BENCH / "moodbot"
LENGTHS = (50, 500, 2000)
CONCURRENCY = (16, 50)
FIRST_TEXT = {"klankbord": "ik word gepest", "moodbot": "hello"}
TIMEOUT = 120.0  # seconds one request may take before it counts as an error

# Every message of the bench comes from 127.0.0.1 as fast as it is answered: the chat's limits
# per client address and per conversation are raised (as for the integration tests); the limits
# on the server as a whole (messages handled at once, how long one may wait, message length) stay.
BENCH_LIMITS = {**GENEROUS_LIMITS, "KLANKBORD_CLIENT_IN_FLIGHT": "1000", "KLANKBORD_CLIENT_QUEUE": "1000"}

# A pupil's report, sentence by sentence: long messages are these, in turn, cut at a word.
SENTENCES = (
    "het zijn een paar kinderen uit mijn klas.",
    "ze schelden me elke dag uit in de kleedkamer.",
    "in de pauze pakken ze mijn tas af en verstoppen hem.",
    "als ik iets zeg in de les lachen ze me hard uit.",
    "in de groepsapp van de klas zetten ze rare foto's van mij.",
    "bij gym kiezen ze mij altijd als laatste voor een team.",
    "op het schoolplein mag ik nooit meedoen met voetbal.",
    "ze doen mijn stem na en maken grapjes over mijn kleren.",
    "na school wachten ze bij de fietsenstalling en roepen ze dingen.",
    "ik heb het een keer aan mijn mentor verteld maar het gaat door.",
    "mijn vriendin durft niet meer naast mij te zitten.",
    "in de kantine gooien ze soms eten naar mij.",
    "op instagram hebben ze een account over mij gemaakt.",
    "de leraar ziet het soms maar zegt er niets van.",
    "ze zetten mij buiten de groep bij elk project.",
    "in de bus naar huis gaan ze expres naast me staan en duwen.",
    "ze hebben mijn jas in de wc gegooid.",
    "mijn spullen liggen vaak ineens op de grond.",
    "als ik langsloop fluisteren ze en wijzen ze naar mij.",
    "in de klas gooien ze propjes papier naar mijn hoofd.",
)


def long_text(length: int, variant: int) -> str:
    """A report of at most ``length`` characters (cut at a word), starting at sentence ``variant``
    so that no two of the repeated messages are the same text."""
    order = SENTENCES[variant % len(SENTENCES):] + SENTENCES[:variant % len(SENTENCES)]
    text = "ik word gepest. "
    while len(text) < length + 1:
        text += " ".join(order) + " "
    return text[:length + 1].rsplit(" ", 1)[0].strip()


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank; NaN when there is nothing."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered), max(1, math.ceil(share * len(ordered)))) - 1]


# -- talking to a server -----------------------------------------------------------------------

class Failed(Exception):
    """A message that got no usable answer (HTTP error, broken connection, timeout, no reply)."""


class Cut(Exception):
    """The load's time was up before this message was sent."""


def post(url: str, payload: dict, timeout: float = TIMEOUT) -> Tuple[int, object, float]:
    """One POST on a new loopback connection: (status, decoded body, seconds)."""
    parts = urlsplit(url)
    body = json.dumps(payload).encode()
    started = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("POST", parts.path + (f"?{parts.query}" if parts.query else ""), body=body,
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        data = response.read()
    finally:
        conn.close()
    seconds = time.perf_counter() - started
    try:
        decoded = json.loads(data.decode()) if data else None
    except ValueError:
        decoded = data.decode(errors="replace")[:200]
    return response.status, decoded, seconds


def get_status(url: str) -> int:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        conn.request("GET", parts.path)
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        conn.close()


@dataclass
class Turn:
    """One message and its answer."""

    sent: float  # time.monotonic() when sent
    seconds: float
    error: Optional[str] = None
    index: int = 0  # the how-manieth message of its conversation (0: the first)


@dataclass
class Assistant:
    """One assistant under test: how to reach it and what its conversations are."""

    name: str
    rasa_url: str
    ready_url: str
    token: str = ""
    metadata: Optional[dict] = None
    pids: Dict[str, int] = field(default_factory=dict)
    # One whole conversation (the n-th): sends each message through ``say``.
    conversation: Callable[[Callable[[str], List[dict]], int], None] = lambda say, n: None

    @property
    def webhook(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"

    def message(self, sender: str, text: str) -> Tuple[List[dict], float]:
        """Send one message; its replies and seconds, or Failed."""
        payload: dict = {"sender": sender, "message": text}
        if self.metadata is not None:
            payload["metadata"] = self.metadata
        try:
            status, replies, seconds = post(self.webhook, payload)
        except (OSError, http.client.HTTPException) as error:
            raise Failed(type(error).__name__) from None
        if status != 200 or not isinstance(replies, list):
            raise Failed(f"HTTP {status}")
        if not replies:
            raise Failed("no reply")
        if any(NOT_ANSWERED in (r.get("text") or "") for r in replies):
            raise Failed("not answered")
        return replies, seconds

    def parse(self, text: str) -> float:
        """Seconds for ``POST /model/parse`` (Rasa's HTTP API), or Failed."""
        query = f"?token={self.token}" if self.token else ""
        try:
            status, _, seconds = post(f"{self.rasa_url}/model/parse{query}", {"text": text})
        except (OSError, http.client.HTTPException) as error:
            raise Failed(f"parse: {type(error).__name__}") from None
        if status != 200:
            raise Failed(f"parse: HTTP {status}")
        return seconds


def run_conversations(assistant: Assistant, turns: List[Turn], lock: threading.Lock, index: int,
                      stop: Callable[[], bool]) -> Tuple[int, int]:
    """Conversations one after the other (each a new sender) until ``stop()``: (done, failed)."""
    done = failed = 0
    n = index
    while not stop():
        sender = uuid.uuid4().hex
        count = iter(range(1000))

        def say(text: str) -> List[dict]:
            if stop():
                raise Cut()
            index = next(count)
            sent = time.monotonic()
            try:
                replies, seconds = assistant.message(sender, text)
            except Failed as error:
                with lock:
                    turns.append(Turn(sent, time.monotonic() - sent, str(error), index))
                raise
            with lock:
                turns.append(Turn(sent, seconds, index=index))
            return replies

        try:
            assistant.conversation(say, n)
            done += 1
        except Cut:
            return done, failed
        except (Failed, AssertionError):
            failed += 1
        n += 1
    return done, failed


def klankbord_conversation(say: Callable[[str], List[dict]], n: int) -> None:
    """A full report: first message, every question answered, confirmed, code received."""
    complete_report(Conversation(lambda _sender, text: say(text), "bench"), FIRST_MESSAGES[n % len(FIRST_MESSAGES)],
                    ANSWERS)


def moodbot_stories(project: Path) -> List[List[str]]:
    """moodbot's stories as user texts: each intent step one of its NLU examples, in turn."""
    examples: Dict[str, List[str]] = {}
    for item in yaml.safe_load((project / "data" / "nlu.yml").read_text())["nlu"]:
        if "intent" in item:
            examples[item["intent"]] = [line[2:].strip() for line in item["examples"].splitlines()
                                        if line.startswith("- ")]
    used: Dict[str, int] = {}
    stories = []
    for story in yaml.safe_load((project / "data" / "stories.yml").read_text())["stories"]:
        texts = []
        for step in story["steps"]:
            if "intent" in step:
                k = used.get(step["intent"], 0)
                used[step["intent"]] = k + 1
                texts.append(examples[step["intent"]][k % len(examples[step["intent"]])])
        stories.append(texts)
    return stories


def moodbot_conversation_of(stories: List[List[str]]) -> Callable[[Callable[[str], List[dict]], int], None]:
    def conversation(say: Callable[[str], List[dict]], n: int) -> None:
        for text in stories[n % len(stories)]:
            say(text)
    return conversation


# -- measurements ------------------------------------------------------------------------------

def sequential(assistant: Assistant, messages: int) -> dict:
    """Whole conversations one after the other until ``messages`` were sent."""
    turns: List[Turn] = []
    lock = threading.Lock()
    done, failed = run_conversations(assistant, turns, lock, 0, lambda: len(turns) >= messages)
    values = [t.seconds for t in turns if t.error is None]
    by_turn: Dict[int, List[float]] = {}
    for t in turns:
        if t.error is None:
            by_turn.setdefault(t.index, []).append(t.seconds)
    return {"messages": len(turns), "conversations": done, "failed_conversations": failed,
            "errors": sum(1 for t in turns if t.error), "p50_ms": percentile(values, 0.5) * 1000,
            "p95_ms": percentile(values, 0.95) * 1000, "max_ms": max(values, default=float("nan")) * 1000,
            "p50_ms_by_turn": {str(i + 1): percentile(v, 0.5) * 1000 for i, v in sorted(by_turn.items())}}


def concurrent(assistant: Assistant, conversations: int, seconds: float) -> dict:
    """``conversations`` at once, each starting a new one when done, for ``seconds``."""
    turns: List[Turn] = []
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + seconds
    results: List[Tuple[int, int]] = []

    def worker(index: int) -> None:
        outcome = run_conversations(assistant, turns, lock, index, lambda: time.monotonic() >= deadline)
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(conversations)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline + TIMEOUT + 5 - time.monotonic()))
    elapsed = time.monotonic() - started
    with lock:
        answered = [t for t in turns if t.error is None]
        in_window = sum(1 for t in answered if t.sent + t.seconds <= deadline)
        errors: Dict[str, int] = {}
        for t in turns:
            if t.error:
                errors[t.error] = errors.get(t.error, 0) + 1
        values = [t.seconds for t in answered]
        return {"conversations": conversations, "seconds": seconds, "messages": len(turns),
                "messages_per_s": in_window / seconds, "p50_ms": percentile(values, 0.5) * 1000,
                "p95_ms": percentile(values, 0.95) * 1000, "p99_ms": percentile(values, 0.99) * 1000,
                "errors": sum(errors.values()), "error_kinds": errors,
                "conversations_done": sum(r[0] for r in results),
                "conversations_failed": sum(r[1] for r in results),
                "tail_s": elapsed - seconds}


def by_length(assistant: Assistant, lengths: Sequence[int], repeat: int,
              assess: Optional[Callable[[str], object]]) -> dict:
    """For each length, ``repeat`` different texts, each in turn through NLU parse alone, the safety
    net alone (in this process; Klankbord) and the webhook as a new conversation's first message,
    so that a change in the machine's load hits all three alike. Medians in ms; also how many first
    messages got a question of the report form, and a few replies that did not."""
    found: dict = {"parse_ms": {}, "safety_ms": {}, "first_message_ms": {}, "first_message_asked": {},
                   "not_asked": [], "by_length_errors": []}
    for length in lengths:
        warm = long_text(length, repeat)  # one untimed round first
        try:
            assistant.parse(warm)
            if assess is not None:
                assess(warm)
            assistant.message(uuid.uuid4().hex, warm)
        except Failed as error:
            found["by_length_errors"].append(f"{length} (untimed): {error}")
        parse, safety, first, asked = [], [], [], 0
        for k in range(repeat):
            text = long_text(length, k)
            try:
                parse.append(assistant.parse(text))
                if assess is not None:
                    begun = time.perf_counter()
                    assess(text)
                    safety.append(time.perf_counter() - begun)
                replies, seconds = assistant.message(uuid.uuid4().hex, text)
            except Failed as error:  # counted, left out of the median
                found["by_length_errors"].append(f"{length}: {error}")
                continue
            first.append(seconds)
            if any(question_slot(r.get("text") or "") for r in replies):
                asked += 1
            elif len(found["not_asked"]) < 3:
                found["not_asked"].append({"text": text, "reply": [r.get("text") for r in replies]})
        key = str(length)
        found["parse_ms"][key] = statistics.median(parse) * 1000 if parse else float("nan")
        found["safety_ms"][key] = statistics.median(safety) * 1000 if safety else None
        found["first_message_ms"][key] = statistics.median(first) * 1000 if first else float("nan")
        found["first_message_asked"][key] = asked
    return found


def process_tree(pid: int) -> List[int]:
    """``pid`` and all its living descendants."""
    children: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def rss_bytes(pid: int) -> int:
    """VmRSS of ``pid`` and all its descendants."""
    total = 0
    for member in process_tree(pid):
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU of ``pid`` and its descendants so far (/proc/PID/stat)."""
    total = 0.0
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def cpu_per_message(assistant: Assistant, phase: Callable[[], dict]) -> dict:
    """Run ``phase``; add the CPU milliseconds each server process spent per message sent."""
    before = {name: cpu_seconds(pid) for name, pid in assistant.pids.items()}
    figures = phase()
    messages = max(1, figures["messages"])
    figures["cpu_ms_per_message"] = {name: (cpu_seconds(pid) - before[name]) * 1000 / messages
                                     for name, pid in assistant.pids.items()}
    return figures


def memory(assistant: Assistant) -> Dict[str, float]:
    return {name: rss_bytes(pid) / 1e6 for name, pid in assistant.pids.items()}


def wait_ready(assistant: Assistant, procs: Dict[str, subprocess.Popen], logs: Dict[str, Path],
               timeout: float = 400) -> float:
    """Poll the ready URL every 0.1 s; time.monotonic() when it first answered 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, proc in procs.items():
            if proc.poll() is not None:
                tail = "\n".join(logs[name].read_text(errors="replace").splitlines()[-30:])
                raise RuntimeError(f"{assistant.name} {name} exited while starting; {logs[name]}:\n{tail}")
        if get_status(assistant.ready_url) == 200:
            return time.monotonic()
        time.sleep(0.1)
    raise RuntimeError(f"{assistant.ready_url} was not ready within {timeout:.0f} s")


def measure(assistant: Assistant, spawned: float, ready: float, args: argparse.Namespace,
            assess: Optional[Callable[[str], object]] = None) -> dict:
    """Everything but the start, on a running assistant that just reported ready."""
    figures: dict = {"start_to_ready_s": ready - spawned}
    first_text = FIRST_TEXT[assistant.name]
    _, first = assistant.message(uuid.uuid4().hex, first_text)
    figures["first_reply_ms"] = first * 1000
    step("sequential conversations")
    figures["sequential"] = cpu_per_message(assistant, lambda: sequential(assistant, args.sequential))
    figures["rss_warm_mb"] = memory(assistant)
    figures["warm_reply_ms"] = statistics.median(
        assistant.message(uuid.uuid4().hex, first_text)[1] for _ in range(args.repeat)) * 1000
    step("NLU parse" + (", safety net" if assess else "") + " and first messages by length")
    figures.update(by_length(assistant, args.lengths, args.repeat, assess))
    for conversations in args.concurrency:
        step(f"{conversations} concurrent conversations for {args.seconds:.0f} s")
        figures[f"concurrent_{conversations}"] = cpu_per_message(
            assistant, lambda: concurrent(assistant, conversations, args.seconds))
    figures["rss_after_load_mb"] = memory(assistant)
    return figures


def stop(procs: Dict[str, subprocess.Popen]) -> None:
    for proc in procs.values():
        if proc.poll() is None:
            proc.terminate()
    for proc in procs.values():
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- the two assistants ------------------------------------------------------------------------

def moodbot_model() -> Path:
    """The cached moodbot model; built with `rasa init --no-prompt` (and trained) the first time."""
    found = sorted((MOODBOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if found:
        return found[-1]
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    log = BENCH / "moodbot-build.log"
    started = time.monotonic()
    with open(log, "wb") as handle:
        if (MOODBOT / "domain.yml").exists():  # made before, its training interrupted
            step(f"training plain Rasa's moodbot in {MOODBOT.relative_to(ROOT)} (once)")
            command = [str(BIN / "rasa"), "train"]
        else:
            step(f"building plain Rasa's moodbot with `rasa init --no-prompt` in {MOODBOT.relative_to(ROOT)} (once)")
            shutil.rmtree(MOODBOT, ignore_errors=True)
            MOODBOT.mkdir(parents=True)
            command = [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(MOODBOT)]
        subprocess.run(command, cwd=MOODBOT, env=env, stdout=handle, stderr=subprocess.STDOUT, check=True)
    found = sorted((MOODBOT / "models").glob("*.tar.gz"))
    if not found:
        raise RuntimeError(f"moodbot was not trained; see {log}")
    print(f"  moodbot built and trained in {time.monotonic() - started:.0f} s", flush=True)
    return found[-1]


def bench_moodbot(args: argparse.Namespace) -> dict:
    model = moodbot_model()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    assistant = Assistant("moodbot", url, f"{url}/webhooks/rest/",
                          conversation=moodbot_conversation_of(moodbot_stories(MOODBOT)))
    log = BENCH / "moodbot-rasa.log"
    step(f"starting plain Rasa (moodbot, {model.name})")
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    spawned = time.monotonic()
    procs = {"rasa": subprocess.Popen(
        [str(BIN / "rasa"), "run", "--enable-api", "-m", str(model), "--endpoints", "endpoints.yml",
         "--credentials", "credentials.yml", "-i", "127.0.0.1", "-p", str(port)],
        cwd=MOODBOT, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT)}
    try:
        assistant.pids = {"rasa": procs["rasa"].pid}
        ready = wait_ready(assistant, procs, {"rasa": log})
        figures = measure(assistant, spawned, ready, args)
        figures["model"] = model.name
        return figures
    finally:
        stop(procs)


def bench_klankbord(args: argparse.Namespace) -> dict:
    step("loading the safety net into this process")
    assess, safety_first_ms = load_safety_net()
    workdir = BENCH / "klankbord"
    shutil.rmtree(workdir, ignore_errors=True)
    stack: Stack = make_stack(workdir, None, limits=BENCH_LIMITS)
    model = latest_model()
    raised = ", ".join(f"{k.removeprefix('KLANKBORD_')}={v}" for k, v in BENCH_LIMITS.items())
    print(f"  Klankbord's chat limits per client address and per conversation raised for the bench "
          f"(all messages come from 127.0.0.1, each sent as soon as the last was answered): {raised}; "
          f"server-wide limits (messages at once, waiting time, message length) as by default", flush=True)
    step(f"starting Klankbord ({model.name}: action server and Rasa server)")
    spawned = time.monotonic()
    stack.spawn_rasa()  # Rasa loads its model while the action server starts
    try:
        stack.start_actions()
        assistant = Assistant("klankbord", stack.rasa_url, stack.ready_url,
                              token=stack.env["KLANKBORD_TEST_RASA_TOKEN"], metadata={"school": DEFAULT_SCHOOL},
                              pids={name: proc.pid for name, proc in stack.procs.items()},
                              conversation=klankbord_conversation)
        ready = wait_ready(assistant, stack.procs, stack.logs)
        figures = measure(assistant, spawned, ready, args, assess)
        figures["model"] = model.name
        figures["limits_raised"] = BENCH_LIMITS
        figures["safety_first_call_ms"] = safety_first_ms
        return figures
    finally:
        stack.stop_all()


def load_safety_net() -> Tuple[Callable[[str], object], float]:
    """The safety net in this process (``bot.language.safety.assess``), and how long its first
    call took (imports spaCy, loads the pipeline). Loaded before Klankbord starts, so that its
    start is not slowed by it."""
    started = time.perf_counter()
    from bot.language.safety import assess

    assess("ik word gepest")
    return assess, (time.perf_counter() - started) * 1000


# -- output ------------------------------------------------------------------------------------

def step(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text} ...", flush=True)


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def fmt(value: Optional[float], unit: str) -> str:
    if value is None or value != value:
        return "—"
    if unit == "ms":
        return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.1f} s"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "/s":
        return f"{value:.1f}"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:g}"


Row = Tuple[str, Optional[float], Optional[float], str, str]  # label, moodbot, klankbord, unit, goal


def rows(m: dict, k: dict, lengths: Sequence[int], concurrency: Sequence[int]) -> List[Row]:
    """The table: each figure of both assistants, its unit and the goal it is held to."""
    found: List[Row] = [
        ("sequential reply p50 (per turn)", m["sequential"]["p50_ms"], k["sequential"]["p50_ms"], "ms", ""),
        ("sequential reply p95 (per turn)", m["sequential"]["p95_ms"], k["sequential"]["p95_ms"], "ms", "<= 1.5x"),
        ("sequential errors", m["sequential"]["errors"], k["sequential"]["errors"], "", ""),
    ]
    for n in concurrency:
        a, b = m[f"concurrent_{n}"], k[f"concurrent_{n}"]
        goal_rate, goal_p95, goal_errors = (">= 1.0x", "<= 1.5x", "") if n == 16 else ("", "", "0" if n == 50 else "")
        found += [
            (f"{n} concurrent: messages/s", a["messages_per_s"], b["messages_per_s"], "/s", goal_rate),
            (f"{n} concurrent: reply p50", a["p50_ms"], b["p50_ms"], "ms", ""),
            (f"{n} concurrent: reply p95", a["p95_ms"], b["p95_ms"], "ms", goal_p95),
            (f"{n} concurrent: reply p99", a["p99_ms"], b["p99_ms"], "ms", ""),
            (f"{n} concurrent: errors (of messages)", a["errors"], b["errors"], "", goal_errors),
        ]
    for phase in ["sequential", *(f"concurrent_{n}" for n in concurrency)]:
        label = phase.replace("concurrent_", "") + (" concurrent" if phase != "sequential" else "")
        found += [(f"CPU per message, Rasa server, {label}", m[phase]["cpu_ms_per_message"]["rasa"],
                   k[phase]["cpu_ms_per_message"]["rasa"], "ms", ""),
                  (f"CPU per message, action server, {label}", None,
                   k[phase]["cpu_ms_per_message"].get("actions"), "ms", "")]
    found += [
        ("Rasa server RSS, warm", m["rss_warm_mb"]["rasa"], k["rss_warm_mb"]["rasa"], "MB", ""),
        ("Rasa server RSS, after the load", m["rss_after_load_mb"]["rasa"], k["rss_after_load_mb"]["rasa"], "MB",
         "<= 1,500 MB"),
        ("action server RSS, warm", None, k["rss_warm_mb"].get("actions"), "MB", ""),
        ("action server RSS, after the load", None, k["rss_after_load_mb"].get("actions"), "MB", "<= 300 MB"),
        ("all processes RSS, after the load", sum(m["rss_after_load_mb"].values()),
         sum(k["rss_after_load_mb"].values()), "MB", ""),
        ("start until ready", m["start_to_ready_s"], k["start_to_ready_s"], "s", ""),
        ("first reply after ready", m["first_reply_ms"], k["first_reply_ms"], "ms", ""),
        ("warm reply (same message, median)", m["warm_reply_ms"], k["warm_reply_ms"], "ms", ""),
        ("first reply / warm reply", m["first_reply_ms"] / m["warm_reply_ms"],
         k["first_reply_ms"] / k["warm_reply_ms"], "x", "<= 2x"),
    ]
    goals = {"500": "<= 100 ms", "2000": "<= 150 ms"}
    for length in map(str, lengths):
        found.append((f"NLU parse alone, {length} chars", m["parse_ms"][length], k["parse_ms"][length], "ms", ""))
    for length in map(str, lengths):
        found.append((f"safety net alone, {length} chars", None, k["safety_ms"][length], "ms", ""))
    for length in map(str, lengths):
        found.append((f"first message of a conversation, {length} chars", m["first_message_ms"][length],
                      k["first_message_ms"][length], "ms", goals.get(length, "")))
    return found


def table(found: List[Row]) -> str:
    header = ("", "plain Rasa (moodbot)", "Klankbord", "ratio", "goal")
    lines = []
    for label, a, b, unit, goal in found:
        comparable = unit != "x" and a is not None and b is not None and a == a and b == b and a != 0
        lines.append((label, fmt(a, unit), fmt(b, unit), fmt(b / a, "x") if comparable else "", goal))
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    out = []
    for row in [header, tuple("-" * w for w in widths), *lines]:
        out.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    return "\n".join(out)


def curve(times: Dict[str, float], lengths: Sequence[int]) -> str:
    """Cost per 1,000 more characters from one measured length to the next."""
    return ", ".join(f"{a}->{b} {(times[str(b)] - times[str(a)]) / (b - a) * 1000:,.0f} ms"
                     for a, b in zip(lengths, lengths[1:]))


def without_nan(value: object) -> object:
    """NaN (nothing measured) as null, so the file is strict JSON."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {k: without_nan(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [without_nan(v) for v in value]
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help="length of each concurrent load")
    parser.add_argument("--sequential", type=int, default=300, help="messages sent one after the other")
    parser.add_argument("--repeat", type=int, default=20, help="messages per length (median)")
    parser.add_argument("--lengths", type=int, nargs="+", default=list(LENGTHS))
    parser.add_argument("--concurrency", type=int, nargs="+", default=list(CONCURRENCY))
    args = parser.parse_args()
    BENCH.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    meta = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cores": os.cpu_count(),
            "uptime_before": uptime(), "args": vars(args)}
    print(f"uptime before: {meta['uptime_before']} ({os.cpu_count()} cores; other work on this machine "
          "slows both assistants)", flush=True)
    moodbot = bench_moodbot(args)
    meta["uptime_between"] = uptime()
    print(f"uptime: {meta['uptime_between']}", flush=True)
    klankbord = bench_klankbord(args)
    meta["uptime_after"] = uptime()
    meta["seconds"] = time.monotonic() - began
    found = rows(moodbot, klankbord, args.lengths, args.concurrency)

    print(f"\nKlankbord ({klankbord['model']}) against plain Rasa 3.6 `rasa init` ({moodbot['model']}), "
          f"loopback, {os.cpu_count()} cores; uptime after: {meta['uptime_after']}\n")
    print(table(found))
    print("\nCost per 1,000 more characters (at most linear when it does not rise from one stretch to the next):")
    for label, times in (("Klankbord, first message", klankbord["first_message_ms"]),
                         ("Klankbord, NLU parse alone", klankbord["parse_ms"]),
                         ("Klankbord, safety net alone", klankbord["safety_ms"]),
                         ("plain Rasa, first message", moodbot["first_message_ms"]),
                         ("plain Rasa, NLU parse alone", moodbot["parse_ms"])):
        print(f"  {label}: {curve(times, args.lengths)}")
    print("Klankbord's first messages answered with a question of the report form: "
          + ", ".join(f"{n}/{args.repeat} at {length}" for length, n in klankbord["first_message_asked"].items())
          + "".join(f"\n  not asked: {x['text'][:60]!r} -> {' | '.join(map(str, x['reply']))[:120]!r}"
                    for x in klankbord["not_asked"]))
    for name, figures in (("plain Rasa", moodbot), ("Klankbord", klankbord)):
        if figures["by_length_errors"]:
            print(f"{name}: messages by length without an answer: " + "; ".join(figures["by_length_errors"]))
        print(f"{name}, sequential p50 by turn of the conversation: " + ", ".join(
            f"{turn}: {ms:,.0f}" for turn, ms in figures["sequential"]["p50_ms_by_turn"].items()) + " ms")
    print(f"The safety net's first call in a fresh process (imports spaCy, loads the pipeline): "
          f"{klankbord['safety_first_call_ms']:,.0f} ms")
    for name, figures in (("plain Rasa", moodbot), ("Klankbord", klankbord)):
        for n in args.concurrency:
            load = figures[f"concurrent_{n}"]
            kinds = ", ".join(f"{kind} {count}" for kind, count in load["error_kinds"].items()) or "none"
            print(f"{name}, {n} concurrent: {load['messages']} messages, {load['conversations_done']} conversations "
                  f"finished, {load['conversations_failed']} failed; errors: {kinds}; "
                  f"last answers {load['tail_s']:.1f} s after the window")
    out = BENCH / f"bench-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    figures = {"meta": meta, "moodbot": moodbot, "klankbord": klankbord,
               "table": [dict(zip(("figure", "moodbot", "klankbord", "unit", "goal"), r)) for r in found]}
    out.write_text(json.dumps(without_nan(figures), indent=2, default=str))
    print(f"\nFigures written to {out.relative_to(ROOT)} (the whole run took {meta['seconds'] / 60:.1f} minutes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
