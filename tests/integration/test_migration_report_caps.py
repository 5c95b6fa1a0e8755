"""Migration 0006 (report caps) goes up, down and up again on SQLite and PostgreSQL: it adds three
columns and two indexes in place, so going down keeps every report and every child row."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select

from bot.adapters.storage import database
from bot.adapters.storage.tables import metadata
from bot.adapters.storage.tables.desk import report_followups
from bot.adapters.storage.tables.reports import notifications, report_kinds, report_places, reports
from bot.domain.report import Confidentiality, Report, ReporterRole, new_reference
from bot.services import checkin
from tests.integration.test_storage_db import db_url, postgres_url  # noqa: F401  (fixtures)
from tests.support.desk import make_desk

pytestmark = pytest.mark.integration

NEW_COLUMNS = {"held", "client_digest", "conversation_digest"}
NEW_INDEXES = {"ix_reports_client_digest", "ix_reports_conversation_digest"}
TABLES = (reports, report_kinds, report_places, notifications, report_followups)


def _schema(url: str):
    engine = database.create_engine(url)
    try:
        inspector = inspect(engine)
        return ({c["name"] for c in inspector.get_columns("reports")},
                {i["name"] for i in inspector.get_indexes("reports")})
    finally:
        engine.dispose()


def _counts(url: str):
    engine = database.create_engine(url)
    try:
        with engine.connect() as connection:
            return [connection.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES]
    finally:
        engine.dispose()


def test_0006_goes_up_down_and_up_again(db_url, tmp_path):  # noqa: F811
    desk = make_desk(tmp_path, url=db_url)
    try:
        for i in range(3):  # the third from one conversation is held
            report = Report(reference=new_reference(), school_id=desk.config.school_id,
                            reporter_role=ReporterRole.LEERLING, description="ze schelden",
                            confidentiality=Confidentiality.VERTROUWELIJK, kinds=["schelden"], places=["klas"])
            reference = desk.submit_report(report, client="plek", conversation="gesprek")
            checkin.issue_secret(desk, reference)
    finally:
        desk.close()
    before = _counts(db_url)
    assert all(before) and NEW_COLUMNS <= _schema(db_url)[0] and NEW_INDEXES <= _schema(db_url)[1]

    database.downgrade(db_url, "0005")
    assert database.current_revision(db_url) == "0005"
    columns, indexes = _schema(db_url)
    assert not NEW_COLUMNS & columns and not NEW_INDEXES & indexes
    assert _counts(db_url) == before

    database.migrate(db_url)
    assert database.current_revision(db_url) == database.head_revision()
    assert _counts(db_url) == before
    engine = database.create_engine(db_url)
    try:
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                    metadata) == []
            held = connection.execute(select(func.count()).select_from(reports).where(reports.c.held.is_(True)))
            assert held.scalar_one() == 0  # a report held before going down comes back as not held
    finally:
        engine.dispose()
