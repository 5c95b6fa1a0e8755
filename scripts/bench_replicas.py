"""One Rasa replica against two, under the same load, through the production topology (a script
that prints figures, not a test).

    .venv/bin/python scripts/bench_replicas.py [--concurrency 50] [--seconds 60]

Starts the topology of deploy/ here (tests/support/topology.py: nginx with TLS, supervisord,
Redis, two action servers, the web app, PostgreSQL of its own, mail to an SMTP sink), pins Rasa
replica 1 to core 0 and replica 2 to core 1 (``taskset``; the load generator, action servers,
nginx, Redis and PostgreSQL float), and then:

1. the first reply after a start: replica 2 is restarted; how long until it listens, how long its
   warm-up message took, when it was ready, and how long the first message sent to it then took;
2. the load (``--concurrency`` pupils making full reports one after the other for ``--seconds``,
   each sending its next message as soon as it is answered)
   with replica 2 stopped, then with both; for each: messages/s in the window (and over the
   whole run, the last conversations finishing), p50/p95 reply time, reports, HTTP errors, and
   the CPU seconds each process used;
3. the ratio of the two rates.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from statistics import median
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.smtp import SmtpSink  # noqa: E402
from tests.support.topology import PROGRAMS, RASA, Topology, run_load  # noqa: E402


def pin(topology: Topology, name: str, core: int) -> None:
    """Every thread of the program's process on one core."""
    subprocess.run(["taskset", "-a", "-p", "-c", str(core), str(topology.pid(name))],
                   check=True, capture_output=True)


def processes(topology: Topology) -> Dict[str, List[int]]:
    found = {name: [topology.pid(name)] for name in PROGRAMS}
    nginx = found["nginx"][0]
    workers = subprocess.run(["pgrep", "-P", str(nginx)], capture_output=True, text=True).stdout.split()
    found["nginx"] += [int(p) for p in workers]
    found["postgresql"] = topology.postgres.pids()
    return found


def cpu(topology: Topology, pids: Dict[str, List[int]]) -> Dict[str, float]:
    used = {name: sum(topology.cpu_seconds(p) for p in group if p) for name, group in pids.items()}
    times = os.times()
    used["load generator (this script)"] = times.user + times.system
    return used


def first_reply_after_start(topology: Topology, name: str) -> str:
    log = topology.log(name)
    offset = log.stat().st_size if log.exists() else 0
    topology.ctl("stop", name)
    started = time.monotonic()
    topology.ctl("start", name)
    listening = None
    while True:
        status = topology.ready_status(name)
        if status and listening is None:
            listening = time.monotonic() - started
        if status == 200:
            break
        time.sleep(0.1)
    ready = time.monotonic() - started
    sent = time.monotonic()
    body = json.dumps({"sender": uuid.uuid4().hex, "message": "ik word gepest",
                       "metadata": {"school": topology.schools[0].school_id}}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{topology.ports[name]}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
    first = time.monotonic() - sent
    with open(log, errors="replace") as handle:
        handle.seek(offset)
        found = re.search(r"ready: a warm-up message was answered ([0-9.]+) s", handle.read())
    warm_up = f"{float(found.group(1)):.1f} s" if found else "?"
    return (f"  {name}: start -> listening {listening or float('nan'):.1f} s; warm-up message took {warm_up}; "
            f"start -> ready {ready:.1f} s; first message after ready {first * 1000:.0f} ms")


def phase(topology: Topology, label: str, concurrency: int, seconds: float) -> float:
    pids = processes(topology)
    before = cpu(topology, pids)
    result = run_load(topology, [s.school_id for s in topology.schools], concurrency=concurrency, seconds=seconds,
                      interval=0.0)
    after = cpu(topology, pids)
    values = result.latencies
    in_window = result.answered_within(seconds) / seconds
    print(f"\n{label}: {len(result.outcomes)} conversations, {len(result.completed)} reports, "
          f"{len(values)} messages, HTTP errors {len(result.errors)}, failed conversations {len(result.failures)}")
    print(f"  messages/s: {in_window:.1f} in the {seconds:.0f} s window "
          f"({len(values) / result.seconds:.1f} over all {result.seconds:.0f} s)")
    print(f"  reply time: p50 {median(values):.2f} s, p95 {result.percentile(0.95):.2f} s, max {values[-1]:.2f} s")
    print("  CPU seconds: " + ", ".join(f"{name} {after[name] - before[name]:.1f}"
                                        for name in after if after[name] - before[name] >= 0.05))
    return in_window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrent-messages", type=int, default=0,
                        help="KLANKBORD_CONCURRENT_MESSAGES of each replica (default: the chat's, 4)")
    args = parser.parse_args()
    if (os.cpu_count() or 1) < 2:
        print("needs at least 2 cores (one per replica)", file=sys.stderr)
        return 2
    sink = SmtpSink()
    sink.start()
    # Pupils send as soon as they are answered (no typing time), so the chat's limit of 30
    # messages a minute per conversation is lifted; every other limit stays the default.
    extra = {"KLANKBORD_CONVERSATION_BURST": "1000", "KLANKBORD_CONVERSATION_PER_MINUTE": "60000"}
    if args.concurrent_messages:
        extra["KLANKBORD_CONCURRENT_MESSAGES"] = str(args.concurrent_messages)
    topology = Topology(ROOT / "var" / "bench-topology", sink.port, extra_env=extra)
    print(f"Starting the topology ({os.cpu_count()} cores; messages handled at once per replica: "
          f"{args.concurrent_messages or 'default'}) ...", flush=True)
    topology.start()
    try:
        print(f"topology ready in {topology.start_seconds:.0f} s (both replicas answered their warm-up)")
        pin(topology, RASA[0], 0)
        print("\nFirst reply after a start (replica 2 restarted while replica 1 serves):")
        print(first_reply_after_start(topology, RASA[1]))
        pin(topology, RASA[1], 1)

        topology.ctl("stop", RASA[1])
        one = phase(topology, f"1 replica (rasa-1 on core 0), {args.concurrency} pupils",
                    args.concurrency, args.seconds)
        topology.ctl("start", RASA[1])
        topology.wait_ready(RASA[1])
        pin(topology, RASA[1], 1)
        two = phase(topology, f"2 replicas (rasa-1 on core 0, rasa-2 on core 1), {args.concurrency} pupils",
                    args.concurrency, args.seconds)
        print(f"\n2 replicas vs 1: {two / one:.2f}x messages/s (target >= 1.4x)")
    finally:
        topology.stop()
        sink.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
