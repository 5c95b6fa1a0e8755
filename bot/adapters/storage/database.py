"""Engine creation and schema migration.

Default: a SQLite file ``var/klankbord.db`` in WAL mode with a busy timeout, because the action
server, the outbox worker, the desk and the command line write to it from several processes.
Each process keeps its connections to the file open in a pool (SQLAlchemy 1.4 would open and close
one per transaction, and closing the last one checkpoints the WAL: a sixth of the action server's
time in a report's last turn, docs/figures.md).
Any SQLAlchemy URL (PostgreSQL tested) via ``KLANKBORD_DATABASE_URL``.
"""
from __future__ import annotations

import contextlib
import fcntl
from pathlib import Path
from typing import Any, Iterator, Optional

from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from bot.domain.school import PROJECT_ROOT
from bot.settings import DATABASE_URL_ENV, Settings  # noqa: F401 (DATABASE_URL_ENV: its name)

DEFAULT_DATABASE_PATH = PROJECT_ROOT / "var" / "klankbord.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Any constant: serialises concurrent ``migrate`` calls on PostgreSQL.
_PG_MIGRATION_LOCK_ID = 0x6B6C616E6B


def database_url(url: Optional[str] = None) -> str:
    """The URL to use: the argument, else the settings' ``KLANKBORD_DATABASE_URL``, else the SQLite file."""
    url = url or Settings.from_env().database_url
    return url or f"sqlite:///{DEFAULT_DATABASE_PATH}"


def safe_url(url: Optional[str] = None) -> str:
    """The URL for messages: the password hidden."""
    raw = database_url(url)
    try:
        return make_url(raw).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: show only its scheme
        return raw.split(":", 1)[0] + ":…"


def _sqlite_file(url: str) -> Optional[Path]:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def create_engine(url: Optional[str] = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` (see :func:`database_url`), SQLAlchemy 2.0 style (``future=True``).

    ``hide_parameters`` keeps report texts out of error messages and SQL logs.
    """
    url = database_url(url)
    parsed = make_url(url)
    options: dict = {"future": True, "hide_parameters": True}
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            options["poolclass"] = QueuePool
        options["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    else:
        options["pool_pre_ping"] = True
        if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
            options["connect_args"] = {"connect_timeout": 10}  # an unreachable host fails, not hangs
    options.update(kwargs)
    engine = sa_create_engine(url, **options)
    if parsed.get_backend_name() == "sqlite":
        _configure_sqlite(engine, wal=path is not None)
    return engine


def _configure_sqlite(engine: Engine, wal: bool) -> None:
    """WAL, busy timeout, foreign keys, and ``BEGIN IMMEDIATE`` transactions.

    pysqlite starts transactions lazily and a reader that later writes can fail at once with
    "database is locked" (the busy timeout does not help then). Taking the write lock at the start
    of each transaction makes concurrent writers wait their turn instead.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted reports are overwritten, not left in free pages
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker:
    """Sessions for the unit of work (objects stay readable after commit)."""
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


@contextlib.contextmanager
def _migration_file_lock(url: str) -> Iterator[None]:
    path = _sqlite_file(url)
    if path is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".migrate.lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def alembic_config(url: Optional[str] = None) -> Any:
    """An Alembic configuration for ``bot/adapters/storage/migrations`` that does not depend on the working directory."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = database_url(url)
    return config


def migrate(url: Optional[str] = None, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: ``upgrade head``); safe to call from several processes."""
    from alembic import command

    url = database_url(url)
    config = alembic_config(url)
    with _migration_file_lock(url):
        engine = create_engine(url)
        try:
            with engine.connect() as connection:
                is_pg = engine.dialect.name == "postgresql"
                if is_pg:
                    connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _PG_MIGRATION_LOCK_ID})
                    connection.commit()
                try:
                    config.attributes["connection"] = connection
                    command.upgrade(config, revision)
                    connection.commit()
                finally:
                    connection.rollback()  # no-op after a commit; clears a failed transaction
                    if is_pg:
                        connection.execute(
                            text("SELECT pg_advisory_unlock(:id)"), {"id": _PG_MIGRATION_LOCK_ID}
                        )
                        connection.commit()
        finally:
            engine.dispose()


def downgrade(url: Optional[str] = None, revision: str = "base") -> None:
    """Undo migrations down to ``revision`` (for tests and administrators)."""
    from alembic import command

    url = database_url(url)
    config = alembic_config(url)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
            connection.commit()
    finally:
        engine.dispose()


def current_revision(url: Optional[str] = None) -> Optional[str]:
    """The schema's current Alembic revision (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str:
    """The newest revision in ``bot/adapters/storage/migrations``."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
