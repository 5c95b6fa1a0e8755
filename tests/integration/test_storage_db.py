"""Repositories, unit of work and migrations against a real SQLite file and a real PostgreSQL.

PostgreSQL: a database with a unique name is created on the server at
``$KLANKBORD_TEST_POSTGRES_URL`` (default postgresql://postgres@127.0.0.1:5432/test) for this test
session and dropped afterwards. Those tests are skipped, with the reason, only when the server
cannot be reached.
"""
from __future__ import annotations

import multiprocessing
import os
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.services import reporting
from bot.domain.school import load_config
from bot.domain.notification import NotificationStatus, RecipientRole
from bot.domain.report import (
    Confidentiality, Report, ReporterRole, SafetyCategory, Status, Urgency, new_reference,
)
from bot.adapters.storage import database
from bot.adapters.storage.tables import metadata
from bot.adapters.storage.tables.reports import notifications, report_kinds, report_places, reports
from bot.adapters.storage.unit_of_work import SqlAlchemyUnitOfWork
from bot.services.ports import StorageError

PG_ADMIN_URL = os.environ.get("KLANKBORD_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
TABLES = ("notifications", "report_kinds", "report_places", "reports")

PLAIN_TEXT = (
    "<script>alert('x')</script> & \"quotes\" 'single' \\backslash\\ "
    "émoji 😢🙈 nieuwe\nregel\ttab " + "lang " * 1000
)


@pytest.fixture(scope="session")
def postgres_url():
    admin = sa_create_engine(PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT",
                             connect_args={"connect_timeout": 3})
    try:
        connection = admin.connect()
    except OperationalError as exc:
        admin.dispose()
        reason = str(exc.orig).strip().splitlines()[0]
        pytest.skip(f"PostgreSQL not reachable at {make_url(PG_ADMIN_URL).render_as_string(hide_password=True)}: {reason}")
    name = f"klankbord_test_{uuid.uuid4().hex[:12]}"
    connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.close()
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'klankbord.db'}"
        database.migrate(url)
        yield url
        return
    url = request.getfixturevalue("postgres_url")
    database.migrate(url)
    engine = database.create_engine(url)
    with engine.begin() as connection:
        for table in TABLES:
            connection.execute(text(f"DELETE FROM {table}"))
    engine.dispose()
    yield url


@pytest.fixture
def engine(db_url):
    engine = database.create_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def uow_factory(engine):
    sessions = database.session_factory(engine)
    return lambda: SqlAlchemyUnitOfWork(sessions)


@pytest.fixture(scope="module")
def config():
    return load_config()


def full_report(**changes) -> Report:
    values = dict(
        reference=new_reference(),
        school_id="voorbeeldschool",
        reporter_role=ReporterRole.OUDER,
        description=PLAIN_TEXT,
        confidentiality=Confidentiality.MAG_GEDEELD,
        kinds=["schelden", "online", "beelden"],
        places=["kleedkamer", "onderweg"],
        place_note="bij het hek achter de gymzaal",
        moment_note="als we naar de bus lopen",
        frequency_note="soms wel, soms niet",
        moment="na_school",
        frequency="elke_dag",
        since_when="sinds de zomervakantie",
        people_involved="drie jongens uit 2b",
        already_told="de mentor, die zei dat het plagen was",
        desired_outcome="dat het stopt",
        share_with=["mentor", "ouders"],
        contact="moeder van Lisa, 06-12345678",
        conversation_id="3f6c1d2e-conversation",
        urgency=Urgency.HOOG,
        urgency_reason=SafetyCategory.STRAFBAAR_FEIT,
        status=Status.NIEUW,
        created_at=datetime(2026, 11, 25, 13, 45, 12, 123456, tzinfo=timezone.utc),
    )
    values.update(changes)
    report = Report(**values)
    report.set_retention(365)
    return report


def test_migrations_build_exactly_the_schema_of_the_tables_module(engine, db_url):
    assert database.current_revision(db_url) == database.head_revision()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    database.migrate(db_url)  # a second run changes nothing
    assert database.current_revision(db_url) == database.head_revision()


def test_downgrade_and_upgrade_again(db_url):
    database.downgrade(db_url, "base")
    engine = database.create_engine(db_url)
    try:
        assert not set(TABLES) & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    database.migrate(db_url)
    engine = database.create_engine(db_url)
    try:
        assert set(TABLES) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_a_report_comes_back_exactly_as_stored(uow_factory):
    report = full_report()
    with uow_factory() as uow:
        uow.reports.add(report)
        uow.commit()
    with uow_factory() as uow:
        loaded = uow.reports.get(report.reference)
    assert loaded == report
    assert loaded.created_at.tzinfo is not None
    assert loaded.kinds == ["schelden", "online", "beelden"]  # order kept


def test_text_is_stored_as_plain_text(engine, uow_factory):
    report = full_report()
    with uow_factory() as uow:
        uow.reports.add(report)
        uow.commit()
    with engine.connect() as connection:
        stored = connection.execute(
            select(reports.c.description).where(reports.c.reference == report.reference)
        ).scalar_one()
    assert stored == PLAIN_TEXT
    assert "&lt;" not in stored and "<script>" in stored


def test_anonymous_report_stores_no_contact_and_no_conversation_id(engine, uow_factory, config):
    report = full_report(confidentiality=Confidentiality.ANONIEM, contact="Lisa uit 1b",
                         conversation_id="conv-42", share_with=["mentor"])
    reference = reporting.submit_report(uow_factory(), report, config)
    with engine.connect() as connection:
        row = connection.execute(select(reports).where(reports.c.reference == reference)).one()
    assert row.contact is None
    assert row.conversation_id is None
    assert row.share_with == "[]"


def test_kinds_and_places_are_rows_that_can_be_counted(engine, uow_factory, config):
    for kinds, places in ((["schelden", "fysiek"], ["klas"]), (["schelden"], ["klas", "gang"]),
                          (["online"], [])):
        reporting.submit_report(uow_factory(), full_report(kinds=kinds, places=places), config)
    with engine.connect() as connection:
        kinds = dict(connection.execute(
            select(report_kinds.c.kind, func.count()).group_by(report_kinds.c.kind)).all())
        places = dict(connection.execute(
            select(report_places.c.place, func.count()).group_by(report_places.c.place)).all())
    assert kinds == {"schelden": 2, "fysiek": 1, "online": 1}
    assert places == {"klas": 2, "gang": 1}


def test_reference_is_unique_and_errors_carry_no_row_data(uow_factory):
    report = full_report()
    with uow_factory() as uow:
        uow.reports.add(report)
        uow.commit()
    with pytest.raises(StorageError) as caught:
        with uow_factory() as uow:
            uow.reports.add(full_report(reference=report.reference))
            uow.commit()
    assert caught.value.integrity is True
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert report.reference not in str(caught.value)  # PostgreSQL's DETAIL would name it
    with uow_factory() as uow:
        assert [r.reference for r in uow.reports.list(school_ids=None)] == [report.reference]


def test_nothing_is_written_without_commit(uow_factory):
    report = full_report()
    with uow_factory() as uow:
        uow.reports.add(report)
    with pytest.raises(RuntimeError):
        with uow_factory() as uow:
            uow.reports.add(full_report(reference=new_reference()))
            raise RuntimeError("crash before commit")
    with uow_factory() as uow:
        assert uow.reports.list(school_ids=None) == []


def test_report_and_notifications_are_one_transaction(uow_factory, config):
    """If writing the notification fails, the report is not stored either (and vice versa)."""

    class FailingNotificationsUow(SqlAlchemyUnitOfWork):
        def __enter__(self):
            super().__enter__()
            real_add = self.notifications.add

            def add(notification):
                real_add(notification)
                raise OSError("simulated crash after the notification insert")

            self.notifications.add = add
            return self

    sessions = uow_factory().session_factory
    report = full_report()
    with pytest.raises(OSError):
        reporting.submit_report(FailingNotificationsUow(sessions), report, config)
    with uow_factory() as uow:
        assert uow.reports.get(report.reference) is None
        assert uow.notifications.counts() == {}


def test_submit_report_writes_pending_notifications(uow_factory, config):
    reference = reporting.submit_report(uow_factory(), full_report(), config)
    with uow_factory() as uow:
        found = uow.notifications.for_report(reference)
        due = uow.notifications.pending(datetime.now(timezone.utc) + timedelta(seconds=1))
    assert {(n.recipient_role, n.status) for n in found} == {
        (RecipientRole.AANSPREEKPUNT, NotificationStatus.PENDING),
        (RecipientRole.DEPUTY, NotificationStatus.PENDING),
    }
    assert {n.id for n in due} == {n.id for n in found}


def test_delete_removes_the_report_and_every_row_about_it(engine, uow_factory, config):
    keep = reporting.submit_report(uow_factory(), full_report(), config)
    gone = reporting.submit_report(uow_factory(), full_report(), config)
    assert reporting.delete_report(uow_factory(), gone.lower()) is True
    with engine.connect() as connection:
        refs = connection.execute(select(reports.c.reference)).scalars().all()
        ids = connection.execute(select(reports.c.id)).scalars().all()
        for table in (report_kinds, report_places, notifications):
            assert set(connection.execute(select(table.c.report_id)).scalars()) == set(ids)
    assert refs == [keep]
    assert reporting.delete_report(uow_factory(), gone) is False


def test_purge_due_deletes_only_expired_reports(uow_factory, config):
    now = datetime(2027, 12, 1, tzinfo=timezone.utc)
    old = full_report(created_at=now - timedelta(days=config.retention_days, seconds=1))
    new = full_report(created_at=now - timedelta(days=config.retention_days - 1))
    for report in (old, new):
        reporting.submit_report(uow_factory(), report, config)
    assert reporting.purge_due(uow_factory(), now) == 1
    with uow_factory() as uow:
        assert [r.reference for r in uow.reports.list(school_ids=None)] == [new.reference]
        assert uow.notifications.for_report(old.reference) == []


def test_list_is_newest_first(uow_factory, config):
    base = datetime(2026, 9, 1, tzinfo=timezone.utc)
    refs = [reporting.submit_report(uow_factory(), full_report(created_at=base + timedelta(days=i)), config)
            for i in range(3)]
    with uow_factory() as uow:
        assert [r.reference for r in uow.reports.list(school_ids=None)] == list(reversed(refs))


def test_naive_datetimes_are_read_as_utc(uow_factory):
    report = full_report(created_at=datetime(2026, 11, 25, 8, 0))
    with uow_factory() as uow:
        uow.reports.add(report)
        uow.commit()
    with uow_factory() as uow:
        loaded = uow.reports.get(report.reference)
    assert loaded.created_at == datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc)


def test_only_one_sender_can_claim_a_notification(uow_factory, config):
    reporting.submit_report(uow_factory(), full_report(urgency=Urgency.NORMAAL), config)
    now = datetime.now(timezone.utc)
    with uow_factory() as uow:
        [pending] = uow.notifications.pending(now + timedelta(seconds=1))
    with uow_factory() as first, uow_factory() as second:
        assert first.notifications.claim(pending.id, now, now + timedelta(minutes=2)) is True
        first.commit()
        assert second.notifications.claim(pending.id, now, now + timedelta(minutes=2)) is False
        second.commit()
    later = now + timedelta(minutes=3)  # the first sender died: its lease runs out
    with uow_factory() as uow:
        assert uow.notifications.claim(pending.id, later, later + timedelta(minutes=2)) is True
        uow.notifications.mark_sent(pending.id, later)
        uow.commit()
    with uow_factory() as uow:
        sent = uow.notifications.get(pending.id)
        assert sent.status is NotificationStatus.SENT and sent.attempts == 1
        assert uow.notifications.claim(pending.id, later, later) is False  # sent is final


def test_failed_attempt_is_recorded_for_a_retry(uow_factory, config):
    reporting.submit_report(uow_factory(), full_report(urgency=Urgency.NORMAAL), config)
    now = datetime.now(timezone.utc)
    with uow_factory() as uow:
        [pending] = uow.notifications.pending(now + timedelta(seconds=1))
        uow.notifications.claim(pending.id, now, now + timedelta(minutes=2))
        uow.notifications.mark_failed(pending.id, "ConnectionRefusedError: Connection refused",
                                      now + timedelta(seconds=30))
        uow.commit()
    with uow_factory() as uow:
        assert uow.notifications.pending(now + timedelta(seconds=29)) == []
        [due] = uow.notifications.pending(now + timedelta(seconds=31))
        assert due.attempts == 1 and due.last_error.startswith("ConnectionRefusedError")
        assert uow.notifications.pending(now, due_only=False) != []


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    url = f"sqlite:///{tmp_path / 'sub' / 'klankbord.db'}"  # the folder is made too
    database.migrate(url)
    engine = database.create_engine(url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == database.SQLITE_BUSY_TIMEOUT_MS
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_database_url_comes_from_argument_environment_or_default(monkeypatch):
    monkeypatch.delenv(database.DATABASE_URL_ENV, raising=False)
    assert database.database_url() == f"sqlite:///{database.DEFAULT_DATABASE_PATH}"
    monkeypatch.setenv(database.DATABASE_URL_ENV, "postgresql://u:pw@db/klankbord")
    assert database.database_url() == "postgresql://u:pw@db/klankbord"
    assert database.database_url("sqlite:///x.db") == "sqlite:///x.db"
    assert "pw" not in database.safe_url()


def _write_reports(url: str, n: int, queue) -> None:
    """Runs in a separate process: its own engine, n reports."""
    try:
        config = load_config()
        engine = database.create_engine(url)
        sessions = database.session_factory(engine)
        refs = [reporting.submit_report(SqlAlchemyUnitOfWork(sessions), full_report(), config)
                for _ in range(n)]
        engine.dispose()
        queue.put(("ok", refs))
    except Exception as exc:  # reported to the parent
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


def test_several_processes_write_at_once(db_url, uow_factory):
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = [context.Process(target=_write_reports, args=(db_url, 15, queue)) for _ in range(3)]
    for process in processes:
        process.start()
    results = [queue.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    assert all(status == "ok" for status, _ in results), results
    written = {ref for _, refs in results for ref in refs}
    with uow_factory() as uow:
        stored = {r.reference for r in uow.reports.list(school_ids=None)}
        assert sum(uow.notifications.counts().values()) == 2 * len(written)
    assert len(written) == 45 and stored == written


def test_migrating_down_and_up_again_keeps_every_child_row(db_url, uow_factory):
    """SQLite rebuilds tables in batch migrations: with foreign keys on, that cascaded away kinds,
    places and follow-up secrets (the downgrade of 0003 rebuilds ``reports``)."""
    from bot.adapters.storage.tables.desk import report_followups
    from bot.adapters.storage.tables.reports import report_kinds, report_places

    # No own-words notes: migration 0003 adds those columns, so going below it drops them by design.
    report = full_report(kinds=["schelden", "buitensluiten"], places=["klas", "kantine"],
                         moment_note=None, frequency_note=None)
    with uow_factory() as uow:
        uow.reports.add(report)
        uow.commit()
    engine = database.create_engine(db_url)
    try:
        with engine.begin() as connection:
            report_id = connection.execute(text("SELECT id FROM reports WHERE reference = :r"),
                                           {"r": report.reference}).scalar_one()
            connection.execute(report_followups.insert().values(
                report_id=report_id, secret_hash="argon2-hash", created_at=report.created_at))

        def counts():
            with engine.connect() as connection:
                return [connection.execute(select(func.count()).select_from(t)).scalar_one()
                        for t in (report_kinds, report_places, report_followups)]

        before = counts()
        assert before == [2, 2, 1]
        database.downgrade(db_url, "0002")
        assert counts() == before
        database.migrate(db_url)
        assert counts() == before
    finally:
        engine.dispose()
    with uow_factory() as uow:
        assert uow.reports.get(report.reference) == report


def test_sqlite_overwrites_what_it_deletes(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.db'}"
    engine = database.create_engine(url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
