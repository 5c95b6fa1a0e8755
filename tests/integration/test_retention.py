"""Retention applies itself and erasure leaves nothing: with the clock past the retention time,
the daily housekeeping erases the report, its mails (.eml files), its follow-up attempts and the
details of audit rows about it; another report stays whole."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.services import audit, cases, checkin, erasure
from bot.services.audit import AuditAction
from bot.services.followup import attempt_key
from bot.domain.desk import Actor, Role
from bot.adapters.storage.tables.desk import REPORT_CHILD_TABLES, audit_log, followup_attempts
from bot.domain.report import Confidentiality, Report, ReporterRole, new_reference
from tests.support.desk import Clock, add_user, make_desk

pytestmark = pytest.mark.integration


def _submit(desk, description: str) -> str:
    report = Report(reference=new_reference(), school_id=desk.config.school_id,
                    reporter_role=ReporterRole.LEERLING, description=description,
                    confidentiality=Confidentiality.VERTROUWELIJK, kinds=["schelden"], places=["klas"],
                    created_at=desk.now())
    return desk.submit_report(report)


def test_housekeeping_past_retention_erases_everything_of_the_report(tmp_path):
    clock = Clock()
    desk = make_desk(tmp_path, clock=clock)
    outbox = tmp_path / "outbox"
    try:
        ap = add_user(desk, "sanne", Role.AANSPREEKPUNT)
        old = _submit(desk, "oude melding")
        desk.deliver(due_only=False)
        secret = checkin.issue_secret(desk, old)
        checkin.check_code(desk, old, "fout-woord-11")  # a failed follow-up attempt for its code
        cases.add_entry(desk, ap, old, None, "gesprek met de mentor", "mentor")
        audit.write(desk, Actor("sanne", "aanspreekpunt"), AuditAction.VIEW_REPORT, reference=old,
                    detail="inhoud-GEHEIM")
        assert any(old.encode() in p.read_bytes() for p in outbox.glob("*.eml"))

        clock.advance(days=desk.config.retention_days - 1)
        kept = _submit(desk, "nieuwe melding")
        desk.deliver(due_only=False)
        clock.advance(days=2)  # past the old report's retention, not the new one's

        assert erasure.housekeeping(desk, outbox, now=clock.now) == 1
        with desk.uow() as uow:
            assert uow.reports.get(old) is None and uow.reports.get(kept) is not None
            kept_id = uow.desk.report_id(kept)
            for table in REPORT_CHILD_TABLES:  # only the kept report's rows are left
                rows = uow.session.execute(select(table.c.report_id)).scalars().all()
                assert set(rows) <= {kept_id}, table.name
            attempts = uow.session.execute(
                select(func.count()).select_from(followup_attempts)
                .where(followup_attempts.c.key_hash == attempt_key(old))).scalar_one()
            details = [r.detail for r in uow.session.execute(
                select(audit_log).where(audit_log.c.reference == old)).all()]
        assert attempts == 0
        assert details and all(d is None for d in details)  # who looked when stays; what, not
        mails = [p.read_bytes() for p in outbox.glob("*.eml")]
        assert not any(old.encode() in m for m in mails) and any(kept.encode() in m for m in mails)
        assert not checkin.check_code(desk, old, secret).granted
    finally:
        desk.close()


def test_the_action_servers_worker_runs_the_housekeeping_once_a_day(tmp_path):
    desk = make_desk(tmp_path, clock=Clock())
    calls = []
    try:
        app = desk
        app.housekeeping = lambda: calls.append(1)
        app._worker_pass()
        app._worker_pass()
        assert calls == [1]
        app._last_housekeeping -= app.housekeeping_every
        app._worker_pass()
        assert calls == [1, 1]
    finally:
        desk.close()


def test_erasure_on_request_removes_the_codes_attempts_and_mails_at_once(tmp_path):
    desk = make_desk(tmp_path, clock=Clock())
    outbox = tmp_path / "outbox"
    try:
        ref = _submit(desk, "wis mij")
        desk.deliver(due_only=False)
        checkin.issue_secret(desk, ref)
        checkin.check_code(desk, ref, "fout-woord-12")
        assert erasure.erase(desk, [ref], outbox) == [ref]
        with desk.uow() as uow:
            assert uow.session.execute(select(func.count()).select_from(followup_attempts)
                                       .where(followup_attempts.c.key_hash == attempt_key(ref))).scalar_one() == 0
        assert not any(ref.encode() in p.read_bytes() for p in outbox.glob("*.eml"))
        assert erasure.erase(desk, [ref], outbox) == []  # already gone
    finally:
        desk.close()
