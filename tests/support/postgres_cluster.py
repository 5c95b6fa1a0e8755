"""A PostgreSQL cluster of the test's own, never the machine's shared one.

    cluster = PostgresCluster().start()     # initdb + pg_ctl start: loopback, a free port
    cluster.url                              # postgresql+psycopg2://klankbord:…@127.0.0.1:PORT/klankbord
    cluster.stop(); cluster.start()          # an outage, e.g. during load
    cluster.destroy()                        # stop and remove every file

``initdb`` and ``pg_ctl`` come from Debian's package (``/usr/lib/postgresql/<version>/bin``, the
newest). PostgreSQL refuses to run as root, and CI runs as root: then the cluster belongs to the
system user ``klankbord-test`` (made with ``useradd`` when missing) and each command runs through
``runuser``. The cluster listens on 127.0.0.1 only, with its socket in its own folder and
password authentication (scram-sha-256); its files are in a fresh folder under the system's
temporary folder (readable by that user, unlike pytest's).
"""
from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import List, Optional

from tests.support.servers import free_port

SYSTEM_USER = "klankbord-test"


def postgres_bin() -> Path:
    """The newest installed PostgreSQL's bin folder."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if not found:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
    return found[-1].parent


def ensure_system_user(name: str = SYSTEM_USER) -> str:
    """A system user to run PostgreSQL as when we are root; made once."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                        "--shell", "/usr/sbin/nologin", name], check=True)
    return name


class PostgresCluster:
    def __init__(self, database: str = "klankbord", role: str = "klankbord") -> None:
        self.database, self.role = database, role
        self.password = secrets.token_urlsafe(24)
        self.port = 0
        self.root: Optional[Path] = None
        self.run_as: Optional[str] = ensure_system_user() if os.geteuid() == 0 else None
        self.bin = postgres_bin()

    @property
    def data(self) -> Path:
        assert self.root is not None
        return self.root / "data"

    @property
    def log(self) -> Path:
        assert self.root is not None
        return self.root / "postgres.log"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg2://{self.role}:{self.password}@127.0.0.1:{self.port}/{self.database}"

    def _run(self, args: List[str], timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                env={**os.environ, "LC_ALL": "C.UTF-8"})
        if result.returncode != 0:
            tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}\n{tail}")
        return result

    def _init(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="klankbord-pg-"))
        (self.root / "socket").mkdir()
        password_file = self.root / "password"
        password_file.write_text(self.password + "\n")
        if self.run_as:
            user = pwd.getpwnam(self.run_as)
            for path in (self.root, self.root / "socket", password_file):
                os.chown(path, user.pw_uid, user.pw_gid)
        self._run(["initdb", "-D", str(self.data), "-U", self.role, "--auth=scram-sha-256",
                   f"--pwfile={password_file}", "-E", "UTF8", "--no-locale"])
        password_file.unlink()
        self.port = free_port()
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "\n# the test's own cluster (tests/support/postgres_cluster.py)\n"
                f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.root / 'socket'}'\n"
                "max_connections = 100\nshared_buffers = 32MB\nfsync = off\nfull_page_writes = off\n"
            )

    def start(self, timeout: float = 60) -> "PostgresCluster":
        """Start the cluster (made on first start) and wait until it takes connections."""
        first = self.root is None
        if first:
            self._init()
        self._run(["pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", str(int(timeout)), "start"],
                  timeout=timeout + 10)
        if first:
            self._create_database()
        return self

    def _connect(self, database: str):
        import psycopg2

        return psycopg2.connect(host="127.0.0.1", port=self.port, user=self.role, password=self.password,
                                dbname=database, connect_timeout=5)

    def _create_database(self) -> None:
        conn = self._connect("postgres")
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(f'CREATE DATABASE "{self.database}"')
        finally:
            conn.close()

    def stop(self, mode: str = "fast") -> None:
        """Stop the cluster (``fast``: open connections are cut, as in a restart by an operator)."""
        if self.root is not None and (self.data / "postmaster.pid").exists():
            self._run(["pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop"])

    def restart(self, down_seconds: float = 0.0) -> None:
        self.stop()
        time.sleep(down_seconds)
        self.start()

    def pids(self) -> List[int]:
        """The postmaster and its children (for CPU accounting)."""
        pid_file = self.data / "postmaster.pid"
        if not pid_file.exists():
            return []
        main = int(pid_file.read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
        return [main, *map(int, children)]

    def destroy(self) -> None:
        try:
            self.stop(mode="immediate")
        finally:
            if self.root is not None:
                shutil.rmtree(self.root, ignore_errors=True)
                self.root = None
