"""Alembic environment for Klankbord.

Run programmatically by ``bot.adapters.storage.database.migrate`` (which hands over a connection), or from
the project root with ``alembic upgrade head`` (URL from ``$KLANKBORD_DATABASE_URL`` or the
default SQLite file). Batch mode is on so that SQLite can alter tables.
"""
from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from bot.adapters.storage.database import create_engine, database_url
from bot.adapters.storage.tables import metadata

config = context.config

# Only the alembic command line configures logging; a programmatic call must leave the
# application's logging alone.
if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = metadata


def _url() -> str:
    return (
        config.attributes.get("database_url")
        or config.get_main_option("sqlalchemy.url")
        or database_url()
    )


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        **kwargs,
    )


def run_migrations_offline() -> None:
    """Emit SQL to stdout instead of running it (``alembic upgrade head --sql``)."""
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(_url())
    try:
        with engine.connect() as connection:
            _run(connection)
            connection.commit()
    finally:
        engine.dispose()


def _run(connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _foreign_keys(connection, on=False)
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            _check_foreign_keys(connection)


def _foreign_keys(connection, on: bool) -> None:
    """SQLite rebuilds a table for most ``batch_alter_table`` changes (copy, drop, rename): with
    foreign keys on, dropping the old table cascades away every child row (kinds, places,
    follow-up secrets). So they are off while migrating (set outside a transaction, or SQLite
    ignores it) and checked after; the next connection turns them on again (bot.adapters.storage.database)."""
    _raw(connection, f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def _raw(connection, sql: str) -> list:
    """Run on the driver's connection, outside SQLAlchemy's transaction (ours begins with BEGIN
    IMMEDIATE at the first statement, and SQLite ignores this pragma inside a transaction)."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def _check_foreign_keys(connection) -> None:
    broken = _raw(connection, "PRAGMA foreign_key_check")
    if broken:
        raise RuntimeError(f"the migration left {len(broken)} rows that point at nothing, first: {broken[0]}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
