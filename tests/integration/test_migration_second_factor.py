"""Migration 0005 (the desk's second factor) goes up, down and up again on SQLite and PostgreSQL,
and going down takes nothing but its own tables with it."""
from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select

from bot.adapters.storage import database
from bot.adapters.storage.tables import metadata
from bot.adapters.storage.tables.desk import desk_sessions, desk_users
from bot.domain.desk import Role
from bot.services import sessions
from tests.integration.test_storage_db import db_url, postgres_url  # noqa: F401  (fixtures)
from tests.support.desk import add_user, make_desk

pytestmark = pytest.mark.integration

SECOND_FACTOR_TABLES = {"desk_second_factors", "desk_recovery_codes", "desk_pending_logins"}


def _tables(url: str) -> set:
    engine = database.create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _count(url: str, table) -> int:
    engine = database.create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


def test_0005_goes_up_down_and_up_again(db_url, tmp_path):  # noqa: F811
    desk = make_desk(tmp_path, url=db_url)
    try:
        user = add_user(desk, f"ap-{uuid.uuid4().hex[:8]}", Role.AANSPREEKPUNT)  # enrolled: rows in 0005's tables
        sessions.start(desk, user)
        sessions.start_pending(desk, user)
    finally:
        desk.close()
    users_before, sessions_before = _count(db_url, desk_users), _count(db_url, desk_sessions)
    assert SECOND_FACTOR_TABLES <= _tables(db_url)

    database.downgrade(db_url, "0004")
    assert database.current_revision(db_url) == "0004"
    assert not SECOND_FACTOR_TABLES & _tables(db_url)
    assert (_count(db_url, desk_users), _count(db_url, desk_sessions)) == (users_before, sessions_before)

    database.migrate(db_url)
    assert database.current_revision(db_url) == database.head_revision()
    assert SECOND_FACTOR_TABLES <= _tables(db_url)
    engine = database.create_engine(db_url)
    try:
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                    metadata) == []
    finally:
        engine.dispose()
    assert _count(db_url, desk_users) == users_before
