"""The production topology on loopback, under a real supervisord, and pupils to load it with.

    topology = Topology(workdir, smtp_port).start()   # ~1-2 minutes: PostgreSQL, then supervisord
    pupil = Pupil(topology, school_id)                # a browser of its own (own 127.x address)
    run_load(topology, schools, concurrency=50, seconds=60, fault=...)
    topology.stop()

What runs, all from the files in deploy/: supervisord (``deploy/supervisord.conf``, Debian's
supervisor) with Redis (``deploy/redis.conf``), two action servers, two Rasa replicas
(``deploy/endpoints.production.yml``), the web app under waitress, and nginx with TLS
(``deploy/nginx.conf.template`` rendered by ``deploy/render.py``, a self-signed certificate made
with openssl). PostgreSQL is a cluster of the test's own (``tests.support.postgres_cluster``),
like the host's own service in production. The environment starts from ``deploy/klankbord.env``
with this machine's paths and ports.

Schools: three school files (copies of schools/voorbeeldschool.yml with their own id, name and
addresses) in one folder, ``KLANKBORD_SCHOOLS``; every message names its school in its metadata.
``MULTI_SCHOOL`` is the one switch: off, the topology serves one school file (named by
``KLANKBORD_SCHOOL_CONFIG``), and the per-school assertions see that one school.

``python -m tests.support.topology`` (``make topology``) starts it and waits for Ctrl-C.
"""
from __future__ import annotations

import base64
import http.client
import itertools
import json
import os
import pwd
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Callable, Dict, List, Optional, Sequence

import yaml

from bot.texts.chat_guard import NOT_ANSWERED
from tests.support.dialogue import CODE, Conversation, complete_report
from tests.support.postgres_cluster import PostgresCluster
from tests.support.servers import BIN, ROOT, free_port, latest_model, write_school

DEPLOY = ROOT / "deploy"
SUPERVISORD_CONF = DEPLOY / "supervisord.conf"
NGINX_TEMPLATE = DEPLOY / "nginx.conf.template"
ENV_FILE = DEPLOY / "klankbord.env"

# The one switch: three schools in one instance (KLANKBORD_SCHOOLS, a folder of school files,
# each message naming its school), with the per-school assertions; off: one school.
MULTI_SCHOOL = True
SCHOOL_COUNT = 3 if MULTI_SCHOOL else 1

ARRIVAL_GAP = 0.2  # seconds between two pupils opening the chat at the start of a load
PUPIL_INTERVAL = 3.0  # seconds from an answer to the pupil's next message: a fast typist
RASA = ("rasa-1", "rasa-2")
ACTIONS = ("actions-1", "actions-2")
PROGRAMS = ("redis", *ACTIONS, *RASA, "web", "nginx")

# What a browser meets when it reuses a kept-alive connection the server has closed meanwhile.
STALE_CONNECTION = (http.client.RemoteDisconnected, ssl.SSLEOFError, ssl.SSLZeroReturnError,
                    BrokenPipeError, ConnectionResetError)
SUBMIT_FAILED = "het versturen is niet gelukt"  # bot.dialogue.report_form.submit_failed: "say 'ja' again"
CONFIRM = "ja, versturen"

# What the scripted pupils answer (tests.support.dialogue.complete_report): a confidential
# report, so the conversation id is stored with it and each conversation's report can be found.
ANSWERS = {
    "reporter_role": "ik word zelf gepest",
    "description": "ze duwen me elke ochtend tegen de fietsenrekken",
    "kinds": "duwen",
    "places": "bij de fietsenstalling",
    "moment": "voor school",
    "frequency": "elke dag",
    "since_when": "sinds de kerstvakantie",
    "people_involved": "zeg ik liever niet",
    "about_adult": "nee",
    "already_told": "mijn moeder",
    "desired_outcome": "dat ze me met rust laten",
    "confidentiality": "vertrouwelijk",
    "share_with": "nog niemand",
    "contact": "via mijn mentor",
    "confirmed": CONFIRM,
}
FIRST_MESSAGES = (
    "ik word gepest en wil het melden",
    "ze schelden me elke dag uit in de kleedkamer",
    "ik wil iets melden over pesten in de klas",
)


def read_env_file(path: Path = ENV_FILE) -> Dict[str, str]:
    """KEY=value lines (values may be double-quoted), as supervisord's environment."""
    values: Dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip().strip('"')
    return values


# -- schools, keys, certificate ---------------------------------------------------------------

@dataclass(frozen=True)
class School:
    school_id: str
    name: str
    recipient: str  # the aanspreekpunt's address: where its reports are mailed


def make_schools(folder: Path, count: int) -> List[School]:
    """``count`` school files in ``folder``, each with its own id, name and addresses."""
    schools = []
    for letter in "abcdefghij"[:count]:
        school_id, name = f"school{letter}", f"Topologie College {letter.upper()}"
        data = yaml.safe_load(write_school(folder, school_id, name).read_text(encoding="utf-8"))
        schools.append(School(school_id, name, data["aanspreekpunt"]["email"]))
    return schools


def make_certificate(folder: Path) -> tuple:
    """A self-signed certificate for localhost and 127.0.0.1 (openssl), valid for two days."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "tls.crt", folder / "tls.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


# -- the topology -----------------------------------------------------------------------------

class Topology:
    """Everything of deploy/ running on loopback; ``start()`` returns when both replicas are ready."""

    def __init__(self, workdir: Path, smtp_port: int, idle_minutes: float = 60, schools: int = SCHOOL_COUNT,
                 model: Optional[Path] = None, extra_env: Optional[Dict[str, str]] = None) -> None:
        self.workdir = workdir
        self.extra_env = extra_env or {}
        self.model = model  # default: the newest in models/
        self.smtp_port = smtp_port
        self.idle_minutes = idle_minutes
        self.school_count = schools
        self.schools: List[School] = []
        self.postgres = PostgresCluster()
        self.supervisord: Optional[subprocess.Popen] = None
        self.env: Dict[str, str] = {}
        self.ports: Dict[str, int] = {}

    # -- set-up -----------------------------------------------------------------------------

    def _environment(self, cert: Path, key: Path) -> Dict[str, str]:
        p = self.ports
        public = f"https://127.0.0.1:{p['public']}"
        env = {**os.environ, **read_env_file()}
        env.update({
            "KLANKBORD_HOME": str(ROOT),
            "KLANKBORD_RUN": str(self.workdir),
            "KLANKBORD_USER": pwd.getpwuid(os.geteuid()).pw_name,  # supervisord's own user here
            "KLANKBORD_MODEL": str(self.model or latest_model()),
            "KLANKBORD_DATA_KEY_FILE": str(self.workdir / "keys" / "data.keys"),
            "KLANKBORD_SERVER_NAME": "localhost",
            "KLANKBORD_PUBLIC_ORIGIN": public,
            "KLANKBORD_RASA_URL": public,
            "KLANKBORD_SCHOOL_ORIGIN": public,
            "KLANKBORD_DESK_URL": f"https://127.0.0.1:{p['desk']}/desk",
            "KLANKBORD_TLS_CERT": str(cert),
            "KLANKBORD_TLS_KEY": str(key),
            "KLANKBORD_HTTP_LISTEN": f"127.0.0.1:{p['http']}",
            "KLANKBORD_PUBLIC_LISTEN": f"127.0.0.1:{p['public']}",
            "KLANKBORD_DESK_LISTEN": f"127.0.0.1:{p['desk']}",
            "KLANKBORD_RASA_PORT_1": str(p["rasa-1"]),
            "KLANKBORD_RASA_PORT_2": str(p["rasa-2"]),
            "KLANKBORD_ACTION_PORT_1": str(p["actions-1"]),
            "KLANKBORD_ACTION_PORT_2": str(p["actions-2"]),
            "KLANKBORD_ACTIONS_PROXY_PORT": str(p["actions-proxy"]),
            "KLANKBORD_ACTION_URL": f"http://127.0.0.1:{p['actions-proxy']}/webhook",
            "KLANKBORD_WEB_PORT": str(p["web"]),
            "KLANKBORD_REDIS_PORT": str(p["redis"]),
            "KLANKBORD_CONVERSATION_IDLE_MINUTES": str(self.idle_minutes),
            "KLANKBORD_DATABASE_URL": self.postgres.url,
            "KLANKBORD_ACTION_SECRET": secrets.token_urlsafe(32),
            "KLANKBORD_CLIENT_KEY": secrets.token_urlsafe(32),
            "KLANKBORD_SMTP_HOST": "127.0.0.1",
            "KLANKBORD_SMTP_PORT": str(self.smtp_port),
            "KLANKBORD_SMTP_TLS": "none",
            "KLANKBORD_SMTP_USER": "",
            "KLANKBORD_SMTP_FROM": "klankbord@bestuur.example",
            # Mail goes out within seconds of SMTP coming back (production: 30 s, doubling).
            "KLANKBORD_OUTBOX_POLL_SECONDS": "1",
            "KLANKBORD_OUTBOX_RETRY_SECONDS": "1",
            "KLANKBORD_OUTBOX_RETRY_MAX_SECONDS": "2",
            # Each pupil has an address of its own, so the chat's limits stay the defaults; only
            # the cap on mailed reports per school is lifted (the test sends hundreds an hour).
            "KLANKBORD_REPORTS_PER_SCHOOL_HOUR": "100000",
        })
        env.update(self.extra_env)
        if MULTI_SCHOOL:
            env["KLANKBORD_SCHOOLS"] = str(self.workdir / "schools")
            env.pop("KLANKBORD_SCHOOL_CONFIG", None)
        else:
            env["KLANKBORD_SCHOOL_CONFIG"] = str(self.workdir / "schools" / f"{self.schools[0].school_id}.yml")
            env.pop("KLANKBORD_SCHOOLS", None)
        return env

    def start(self, timeout: float = 420) -> "Topology":
        started = time.monotonic()
        if self.workdir.exists():
            shutil.rmtree(self.workdir)
        (self.workdir / "log").mkdir(parents=True)
        (self.workdir / "keys").mkdir()
        (self.workdir / "keys" / "data.keys").write_text(
            f"topology:{base64.b64encode(secrets.token_bytes(32)).decode()}\n")
        self.schools = make_schools(self.workdir / "schools", self.school_count)
        cert, key = make_certificate(self.workdir / "tls")
        self.ca_file = cert
        self.ports = {name: free_port() for name in
                      ("public", "desk", "http", *RASA, *ACTIONS, "actions-proxy", "web", "redis")}
        self.postgres.start()
        self.env = self._environment(cert, key)
        # The school files and the mail settings, and the schema (Alembic), before anything listens.
        check = subprocess.run([str(BIN / "klankbord"), "check"], cwd=ROOT, env=self.env,
                               capture_output=True, text=True, timeout=180)
        if check.returncode != 0:
            raise RuntimeError(f"klankbord check failed:\n{check.stdout}\n{check.stderr}")
        render = subprocess.run([sys.executable, str(DEPLOY / "render.py"), str(NGINX_TEMPLATE),
                                 str(self.workdir / "nginx.conf")], env=self.env, capture_output=True, text=True)
        if render.returncode != 0:
            raise RuntimeError(render.stderr)
        tested = subprocess.run(["nginx", "-t", "-c", str(self.workdir / "nginx.conf")],
                                capture_output=True, text=True)
        if tested.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{tested.stderr}")
        self.supervisord = subprocess.Popen(
            ["supervisord", "-n", "-c", str(SUPERVISORD_CONF)], cwd=ROOT, env=self.env,
            stdout=open(self.workdir / "log" / "supervisord.out", "wb"), stderr=subprocess.STDOUT)
        try:
            for name in RASA:
                self.wait_ready(name, timeout=max(30.0, timeout - (time.monotonic() - started)))
            self.wait_http(f"https://127.0.0.1:{self.ports['public']}/", 60)
        except Exception:
            self.stop()
            raise
        self.start_seconds = time.monotonic() - started
        return self

    # -- control ----------------------------------------------------------------------------

    def ctl(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(["supervisorctl", "-c", str(SUPERVISORD_CONF), *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=120)
        if check and result.returncode not in (0, 3):  # 3: some program is not RUNNING (status)
            raise RuntimeError(f"supervisorctl {' '.join(args)}: {result.stdout}{result.stderr}")
        return result.stdout

    def state(self, name: str) -> str:
        out = self.ctl("status", name, check=False).split()
        return out[1] if len(out) > 1 else "UNKNOWN"

    def pid(self, name: str) -> int:
        out = self.ctl("pid", name, check=False).strip()
        return int(out) if out.isdigit() else 0

    def kill(self, name: str) -> int:
        """kill -9 the program's process; returns the pid that was killed."""
        pid = self.pid(name)
        assert pid > 0, f"{name} is not running"
        os.kill(pid, signal.SIGKILL)
        return pid

    def wait_new_pid(self, name: str, old: int, timeout: float = 5.0) -> float:
        """Seconds until supervisord runs the program again under a new pid."""
        started = time.monotonic()
        while time.monotonic() - started < timeout + 5:
            pid = self.pid(name)
            if pid and pid != old:
                return time.monotonic() - started
            time.sleep(0.1)
        raise AssertionError(f"{name} was not started again within {timeout + 5:.0f} s")

    def log(self, name: str) -> Path:
        return self.workdir / "log" / f"{name}.log"

    def log_tail(self, name: str, lines: int = 40) -> str:
        path = self.log(name)
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def ready_status(self, name: str) -> int:
        """The replica's own readiness route (not through nginx): 200 ready, 503 warming up, 0 down."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.ports[name]}/webhooks/rest/ready", timeout=5) as r:
                return r.status
        except urllib.error.HTTPError as error:
            return error.code
        except (urllib.error.URLError, OSError):
            return 0

    def wait_ready(self, name: str, timeout: float = 240, seen: Optional[List[int]] = None) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            status = self.ready_status(name)
            if seen is not None and (not seen or seen[-1] != status):
                seen.append(status)
            if status == 200:
                return time.monotonic() - started
            if self.state(name) in ("FATAL", "BACKOFF", "EXITED"):
                raise RuntimeError(f"{name} is {self.state(name)}:\n{self.log_tail(name)}")
            time.sleep(0.2)
        raise RuntimeError(f"{name} not ready within {timeout:.0f} s:\n{self.log_tail(name)}")

    def wait_http(self, url: str, timeout: float) -> None:
        context = self.tls_context()
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5, context=context):
                    return
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file))

    def redis(self, db: int = 0):
        import redis

        return redis.StrictRedis(host="127.0.0.1", port=self.ports["redis"], db=db, decode_responses=True)

    def database(self):
        import sqlalchemy

        return sqlalchemy.create_engine(self.postgres.url, future=True)

    def access_log(self) -> List[str]:
        path = self.workdir / "log" / "nginx-access.log"
        return path.read_text(errors="replace").splitlines() if path.exists() else []

    def cpu_seconds(self, pid: int) -> float:
        """User + system CPU of one process so far (/proc/PID/stat)."""
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.supervisord is not None:
            if self.supervisord.poll() is None:
                self.ctl("shutdown", check=False)
                try:
                    self.supervisord.wait(timeout=90)
                except subprocess.TimeoutExpired:
                    self.supervisord.kill()
                    self.supervisord.wait()
            self.supervisord = None
        self.postgres.destroy()


# -- pupils -----------------------------------------------------------------------------------

_addresses = itertools.count(1)
_address_lock = threading.Lock()


def new_address() -> str:
    """An address of its own in 127.0.0.0/8 for each pupil: nginx passes it on in X-Forwarded-For."""
    with _address_lock:
        n = next(_addresses)
    return f"127.{100 + (n // 62500) % 150}.{(n // 250) % 250}.{n % 250 + 1}"


@dataclass
class Pupil:
    """One browser: its own client address, TLS to nginx (keep-alive), the school in every message.

    It reads and types before it answers (``min_interval``, 3 s from an answer to its next message:
    a fast typist, within the chat's default 30 messages a minute per conversation). Like the
    widget, it does what the chat tells it: after "stuur je laatste bericht nog een
    keer" it sends it again, after "het versturen is niet gelukt … 'ja'" it says "ja" again.
    Every HTTP status other than 200 and every broken connection is kept in ``errors``.
    """

    topology: Topology
    school: str
    address: str = field(default_factory=new_address)
    sender: str = field(default_factory=lambda: uuid.uuid4().hex)
    errors: List[str] = field(default_factory=list)
    latencies: List[float] = field(default_factory=list)
    answered_at: List[float] = field(default_factory=list)  # time.monotonic() of each answer
    resent: int = 0
    confirmed_again: int = 0
    trail: List[str] = field(default_factory=list)  # what it did on its own, as the chat told it
    on_confirm: Optional[Callable[[], None]] = None
    min_interval: float = PUPIL_INTERVAL
    _conn: Optional[http.client.HTTPSConnection] = None
    _last_answer: float = 0.0

    def _connection(self) -> http.client.HTTPSConnection:
        if self._conn is None:
            self._conn = http.client.HTTPSConnection(
                "127.0.0.1", self.topology.ports["public"], timeout=120,
                context=self.topology.tls_context(), source_address=(self.address, 0))
        return self._conn

    def post(self, text: str, metadata: Optional[dict] = None) -> tuple:
        """One POST to the webhook: (status, replies, Retry-After)."""
        body = json.dumps({"sender": self.sender, "message": text,
                           "metadata": {"school": self.school} if metadata is None else metadata})
        time.sleep(max(0.0, self._last_answer + self.min_interval - time.monotonic()))
        started = time.monotonic()
        for attempt in (1, 2):
            reused = self._conn is not None
            try:
                conn = self._connection()
                conn.request("POST", "/webhooks/rest/webhook", body=body.encode(),
                             headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                data = response.read()
                break
            except (OSError, http.client.HTTPException) as error:
                self.close()
                # A kept-alive connection that nginx closed while the pupil was quiet: a browser
                # sends the request again on a new one, and so does this pupil (once).
                if attempt == 1 and reused and isinstance(error, STALE_CONNECTION):
                    continue
                self.errors.append(type(error).__name__)
                return 0, [], 2
        self.answered_at.append(time.monotonic())
        self._last_answer = self.answered_at[-1]
        self.latencies.append(self.answered_at[-1] - started)
        try:
            replies = json.loads(data.decode()) if data else []
        except ValueError:
            replies = [data.decode(errors="replace")[:80]]
        if not isinstance(replies, list) or not all(isinstance(r, dict) for r in replies):
            self.errors.append(f"{response.status} unexpected body {str(replies)[:80]}")
            return response.status or 0, [], 2
        if response.status != 200:
            said = " ".join(r.get("text", "") for r in replies)
            self.errors.append(f"{response.status} {said[:50]}")
        return response.status, replies, int(response.getheader("Retry-After") or 1)

    def say(self, sender: str, text: str) -> List[dict]:
        assert sender == self.sender
        if text == CONFIRM and self.on_confirm is not None:
            self.on_confirm()
        for _ in range(40):
            status, replies, retry_after = self.post(text)
            if status != 200:
                self.trail.append(f"{text!r}: HTTP {status or 'connection error'}, sent again")
                time.sleep(min(retry_after, 5))
                continue
            said = " ".join(r.get("text", "") for r in replies)
            if NOT_ANSWERED in said:  # "Stuur je laatste bericht over een paar tellen nog een keer."
                self.resent += 1
                self.trail.append(f"{text!r}: not answered, sent again")
                time.sleep(2)
                continue
            if SUBMIT_FAILED in said and not CODE.search(said):  # "Probeer het zo nog eens door 'ja' te typen"
                self.confirmed_again += 1
                self.trail.append(f"{text!r}: told the report was not sent, says 'ja' again")
                time.sleep(2)
                text = "ja"
                continue
            return replies
        raise AssertionError(f"no answer to one message after 40 tries: {self.errors[-5:]}")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


@dataclass
class Outcome:
    """One report conversation under load."""

    pupil: Pupil
    reference: Optional[str] = None
    failure: Optional[str] = None
    started: float = 0.0
    ended: float = 0.0


def report_conversation(topology: Topology, school: str, first: str,
                        on_confirm: Optional[Callable[[], None]] = None, interval: float = PUPIL_INTERVAL) -> Outcome:
    pupil = Pupil(topology, school, on_confirm=on_confirm, min_interval=interval)
    outcome = Outcome(pupil, started=time.monotonic())
    conversation = Conversation(pupil.say, pupil.sender)
    try:
        outcome.reference = complete_report(conversation, first, ANSWERS)
    except Exception as error:  # noqa: BLE001 - kept with its transcript, judged by the test
        outcome.failure = f"{type(error).__name__}: {error}"[:3000] + "\nwhat the pupil did on its own: " + (
            "; ".join(pupil.trail) or "nothing")
    finally:
        pupil.close()
        outcome.ended = time.monotonic()
    return outcome


@dataclass
class LoadResult:
    outcomes: List[Outcome]
    seconds: float  # from the start until the last conversation finished
    fault_error: Optional[BaseException] = None
    started: float = 0.0  # time.monotonic() at the start
    window: float = 0.0  # the seconds in which new conversations were started

    def answered_within(self, seconds: float) -> int:
        """Messages answered in the first ``seconds`` (all pupils busy: the steady rate)."""
        return sum(1 for o in self.outcomes for t in o.pupil.answered_at if t - self.started <= seconds)

    @property
    def latencies(self) -> List[float]:
        return sorted(x for o in self.outcomes for x in o.pupil.latencies)

    @property
    def errors(self) -> List[str]:
        return [e for o in self.outcomes for e in o.pupil.errors]

    @property
    def failures(self) -> List[str]:
        return [o.failure for o in self.outcomes if o.failure]

    @property
    def completed(self) -> List[Outcome]:
        return [o for o in self.outcomes if o.reference]

    def percentile(self, share: float) -> float:
        values = self.latencies
        return values[min(len(values) - 1, int(share * len(values)))] if values else float("nan")

    def summary(self) -> str:
        values = self.latencies
        return (f"{len(self.outcomes)} conversations ({len(self.completed)} reports) in {self.seconds:.0f} s, "
                f"{len(values)} messages ({len(values) / self.seconds:.1f}/s), reply p50 "
                f"{median(values) if values else float('nan'):.2f} s, p95 {self.percentile(0.95):.2f} s, "
                f"HTTP errors {len(self.errors)}, resent {sum(o.pupil.resent for o in self.outcomes)}, "
                f"'ja' again {sum(o.pupil.confirmed_again for o in self.outcomes)}")


def run_load(topology: Topology, schools: Sequence[str], concurrency: int = 50, seconds: float = 60,
             fault: Optional[Callable[[], None]] = None, on_confirm: Optional[Callable[[], None]] = None,
             finish_timeout: float = 300, stop: Optional[threading.Event] = None,
             interval: float = PUPIL_INTERVAL) -> LoadResult:
    """``concurrency`` pupils, each making full reports one after the other, starting new ones for
    ``seconds`` (or until ``stop`` is set); the ones started by then are finished. ``fault`` runs
    in its own thread from the start; ``on_confirm`` is called whenever a pupil confirms a report."""
    outcomes: List[Outcome] = []
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + seconds

    def pupil_loop(index: int) -> None:
        for n in itertools.count():
            if time.monotonic() >= deadline or (stop is not None and stop.is_set()):
                return
            school = schools[(index + n) % len(schools)]
            outcome = report_conversation(topology, school, FIRST_MESSAGES[(index + n) % len(FIRST_MESSAGES)],
                                          on_confirm, interval)
            with lock:
                outcomes.append(outcome)

    fault_error: List[BaseException] = []

    def run_fault() -> None:
        try:
            fault()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            fault_error.append(error)

    threads = [threading.Thread(target=pupil_loop, args=(i,), daemon=True) for i in range(concurrency)]
    if fault is not None:
        threads.append(threading.Thread(target=run_fault, daemon=True))
    for index, thread in enumerate(threads):
        thread.start()
        if index < concurrency:
            time.sleep(ARRIVAL_GAP)  # pupils arrive one by one (50 over 10 s), not in one burst
    for thread in threads:
        thread.join(timeout=max(1.0, deadline + finish_timeout - time.monotonic()))
    with lock:
        return LoadResult(list(outcomes), time.monotonic() - started, fault_error[0] if fault_error else None,
                          started=started, window=seconds)


# -- what was stored and mailed ----------------------------------------------------------------

def stored_reports(topology: Topology, senders: Sequence[str]) -> Dict[str, List[tuple]]:
    """(reference, school_id, held) of the reports stored for each conversation id."""
    from sqlalchemy import text

    found: Dict[str, List[tuple]] = {s: [] for s in senders}
    engine = topology.database()
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT conversation_id, reference, school_id, held FROM reports "
                                     "WHERE conversation_id = ANY(:ids)"), {"ids": list(senders)}).all()
    finally:
        engine.dispose()
    for conversation, reference, school, held in rows:
        found[conversation].append((reference, school, held))
    return found


def notifications(topology: Topology, references: Sequence[str]) -> Dict[str, List[tuple]]:
    """(recipient, status) of each report's notifications."""
    from sqlalchemy import text

    found: Dict[str, List[tuple]] = {r: [] for r in references}
    engine = topology.database()
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT r.reference, n.recipient, n.status FROM notifications n JOIN reports r ON r.id = n.report_id "
                "WHERE r.reference = ANY(:refs)"), {"refs": list(references)}).all()
    finally:
        engine.dispose()
    for reference, recipient, status in rows:
        found[reference].append((recipient, status))
    return found


def main() -> int:
    """``make topology``: start it here and wait for Ctrl-C (mail to an SMTP sink that prints)."""
    from tests.support.smtp import SmtpSink

    sink = SmtpSink()
    sink.start()
    topology = Topology(ROOT / "var" / "topology", sink.port)
    print("Starting the topology (two Rasa replicas load for about a minute) ...", flush=True)
    topology.start()
    p = topology.ports
    print(f"""
Klankbord's production topology is running under supervisord ({topology.start_seconds:.0f} s to ready).
  School page:   https://127.0.0.1:{p['public']}/   (self-signed certificate: {topology.ca_file})
  Desk:          https://127.0.0.1:{p['desk']}/desk/
  Webhook:       curl --cacert {topology.ca_file} -XPOST https://127.0.0.1:{p['public']}/webhooks/rest/webhook \\
                   -d '{{"sender":"demo","message":"ik word gepest","metadata":{{"school":"{topology.schools[0].school_id}"}}}}'
  Schools:       {', '.join(s.school_id for s in topology.schools)} ({topology.workdir / 'schools'})
  Processes:     supervisorctl -c deploy/supervisord.conf status   (with KLANKBORD_RUN={topology.workdir})
  Logs:          {topology.workdir / 'log'}
  PostgreSQL:    {topology.postgres.url}
  Mail:          an SMTP sink on 127.0.0.1:{sink.port} (counted below)
Press Ctrl-C to stop.""", flush=True)
    try:
        seen = 0
        while True:
            time.sleep(2)
            if len(sink.messages) != seen:
                seen = len(sink.messages)
                print(f"mails received: {seen}", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        topology.stop()
        sink.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
