"""Migration 0007 (schools per desk user, the school of an audit entry) goes up, down and up again on
SQLite and PostgreSQL: existing users get every school that has reports (none without reports), audit
entries about a report get its school, and going down keeps every user, report and audit entry."""
from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from bot.adapters.storage import database
from bot.adapters.storage.tables import metadata
from bot.adapters.storage.tables.desk import audit_log, desk_user_schools, desk_users
from bot.adapters.storage.tables.reports import reports
from bot.domain.desk import Actor, Role
from bot.services import audit, cases
from tests.integration.test_storage_db import db_url, postgres_url  # noqa: F401  (fixtures)
from tests.support.desk import SCHOOL_A, SCHOOL_B, add_report, add_user, make_desk, two_schools

pytestmark = pytest.mark.integration


def _query(url: str, statement):
    engine = database.create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(statement).all()
    finally:
        engine.dispose()


def _counts(url: str):
    return [_query(url, select(func.count()).select_from(t))[0][0] for t in (desk_users, reports, audit_log)]


def _schools_of(url: str, name: str) -> set:
    return {row[0] for row in _query(url, select(desk_user_schools.c.school_id).join(
        desk_users, desk_users.c.id == desk_user_schools.c.user_id).where(desk_users.c.username == name))}


def _no_differences(url: str) -> None:
    engine = database.create_engine(url)
    try:
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                    metadata) == []
    finally:
        engine.dispose()


def test_0007_goes_up_down_and_up_again(db_url, tmp_path):  # noqa: F811
    name = f"ap-{uuid.uuid4().hex[:8]}"
    desk = make_desk(tmp_path, url=db_url, schools=two_schools(tmp_path))
    try:
        user = add_user(desk, name, Role.AANSPREEKPUNT, schools=[SCHOOL_A])
        refs = {school: add_report(desk, school_id=school) for school in (SCHOOL_A, SCHOOL_B)}
        gone = add_report(desk, school_id=SCHOOL_B)
        for reference in refs.values():
            cases.change_status(desk, Actor("cli:test", "cli", frozenset({SCHOOL_A, SCHOOL_B})), reference,
                                "in_behandeling")
        audit.write(desk, Actor("cli:test", "cli"), audit.AuditAction.VIEW_REPORT, gone)
        with desk.uow() as uow:
            uow.reports.delete(gone)
            uow.commit()
    finally:
        desk.close()
    before = _counts(db_url)
    assert _schools_of(db_url, name) == {SCHOOL_A} and user.schools == {SCHOOL_A}

    database.downgrade(db_url, "0006")
    assert database.current_revision(db_url) == "0006"
    engine = database.create_engine(db_url)
    try:
        assert "desk_user_schools" not in inspect(engine).get_table_names()
        assert "school_id" not in {c["name"] for c in inspect(engine).get_columns("audit_log")}
    finally:
        engine.dispose()
    assert _counts(db_url) == before

    database.migrate(db_url)
    assert database.current_revision(db_url) == database.head_revision()
    assert _counts(db_url) == before
    # Users made before 0007 get every school that has reports; entries about a report get its school.
    assert _schools_of(db_url, name) == {SCHOOL_A, SCHOOL_B}
    filed = dict(_query(db_url, select(audit_log.c.reference, audit_log.c.school_id).where(
        audit_log.c.action == "change_status")))
    assert filed == {refs[SCHOOL_A]: SCHOOL_A, refs[SCHOOL_B]: SCHOOL_B}
    assert _query(db_url, select(audit_log.c.school_id).where(audit_log.c.reference == gone)) == [(None,)]
    assert _query(db_url, select(audit_log.c.school_id).where(audit_log.c.action == "user_added",
                                                              audit_log.c.detail.startswith(name))) == [(None,)]
    _no_differences(db_url)


def test_0007_gives_no_school_when_there_are_no_reports(db_url, tmp_path):  # noqa: F811
    name = f"co-{uuid.uuid4().hex[:8]}"
    desk = make_desk(tmp_path, url=db_url)
    try:
        add_user(desk, name, Role.COORDINATOR)
    finally:
        desk.close()
    engine = database.create_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM reports"))
    finally:
        engine.dispose()
    database.downgrade(db_url, "0006")
    database.migrate(db_url)
    assert _schools_of(db_url, name) == set()  # granted with: klankbord users schools NAME --add ID
    _no_differences(db_url)
