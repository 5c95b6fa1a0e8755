"""The reporting service (bot.services.reporting) against in-memory fakes of the repositories."""
from __future__ import annotations

import copy
import dataclasses
from datetime import datetime, timedelta, timezone
from typing import Dict, List, Optional

import pytest

from bot.settings import Settings
from bot.services import reporting
from bot.domain.school import load_config
from bot.domain.notification import Notification, NotificationStatus, RecipientRole
from bot.adapters.mail.outbox import RetryPolicy
from bot.domain.report import (
    Confidentiality, Report, ReporterRole, SafetyCategory, Urgency, normalize_reference,
)
from bot.services.ports import AbstractNotificationRepository, AbstractReportRepository
from bot.services.ports import AbstractUnitOfWork


class FakeReports(AbstractReportRepository):
    def __init__(self, store: "FakeStore") -> None:
        self.store = store

    def add(self, report: Report) -> None:
        assert report.reference not in self.store.reports, "duplicate reference"
        self.store.reports[report.reference] = copy.deepcopy(report)

    def get(self, reference: str) -> Optional[Report]:
        return copy.deepcopy(self.store.reports.get(reference))

    def list(self, *, school_ids=None) -> List[Report]:
        return sorted((r for r in self.store.reports.values() if school_ids is None or r.school_id in school_ids),
                      key=lambda r: r.created_at, reverse=True)

    def delete(self, reference: str) -> bool:
        self.store.notifications = [n for n in self.store.notifications if n.report_reference != reference]
        return self.store.reports.pop(reference, None) is not None

    def due_for_deletion(self, now: datetime, school_ids=None) -> List[str]:
        return [r.reference for r in self.store.reports.values() if r.delete_after and r.delete_after <= now
                and (school_ids is None or r.school_id in school_ids)]

    def mailed_since(self, since, *, school_id=None, client_digest=None, conversation_digest=None) -> int:
        wanted = {"school_id": school_id, "client_digest": client_digest, "conversation_digest": conversation_digest}
        return sum(1 for r in self.store.reports.values() if r.created_at >= since and not r.held
                   and all(v is None or getattr(r, k) == v for k, v in wanted.items()))

    def client_activity(self, since, *, school_ids):
        return [(r.client_digest, r.created_at) for r in self.store.reports.values()
                if r.client_digest and r.created_at >= since and r.school_id in school_ids]

    def release(self, reference: str) -> bool:
        report = self.store.reports.get(reference)
        if report is None or not report.held:
            return False
        report.held = False
        return True

    def forget_origins(self, before) -> int:
        old = [r for r in self.store.reports.values() if r.created_at < before and (r.client_digest or r.conversation_digest)]
        for report in old:
            report.client_digest = report.conversation_digest = None
        return len(old)


class FakeNotifications(AbstractNotificationRepository):
    def __init__(self, store: "FakeStore") -> None:
        self.store = store

    def add(self, notification: Notification) -> None:
        assert notification.report_reference in self.store.reports, "notification without report"
        notification.id = len(self.store.notifications) + 1
        self.store.notifications.append(notification)

    def get(self, notification_id: int) -> Optional[Notification]:
        return next((n for n in self.store.notifications if n.id == notification_id), None)

    def for_report(self, reference: str) -> List[Notification]:
        return [n for n in self.store.notifications if n.report_reference == reference]

    def pending(self, now, *, due_only=True, limit=100, reference=None):
        raise NotImplementedError

    def claim(self, notification_id, now, until):
        raise NotImplementedError

    def mark_sent(self, notification_id, now):
        raise NotImplementedError

    def mark_failed(self, notification_id, error, next_attempt_at):
        raise NotImplementedError

    def counts(self) -> Dict[str, int]:
        raise NotImplementedError


class FakeStore:
    def __init__(self) -> None:
        self.reports: Dict[str, Report] = {}
        self.notifications: List[Notification] = []


class FakeUnitOfWork(AbstractUnitOfWork):
    """Changes become visible in ``store`` only on commit."""

    def __init__(self, store: Optional[FakeStore] = None) -> None:
        self.committed_store = store or FakeStore()
        self.commits = 0

    def __enter__(self) -> "FakeUnitOfWork":
        self.working = copy.deepcopy(self.committed_store)
        self.reports = FakeReports(self.working)
        self.notifications = FakeNotifications(self.working)
        return self

    def commit(self) -> None:
        self.committed_store.reports = self.working.reports
        self.committed_store.notifications = self.working.notifications
        self.commits += 1

    def rollback(self) -> None:
        pass

    @property
    def store(self) -> FakeStore:
        return self.committed_store


@pytest.fixture(scope="module")
def config():
    return load_config()


def make_report(reference: str = "K7QH-RM4C-XWN9", **changes) -> Report:
    values = dict(
        reference=reference,
        school_id="voorbeeldschool",
        reporter_role=ReporterRole.LEERLING,
        description="ze pakken steeds mijn tas af",
        confidentiality=Confidentiality.VERTROUWELIJK,
        kinds=["spullen"],
        places=["gang"],
        contact="Sam, 1c",
        conversation_id="conv-123",
    )
    values.update(changes)
    return Report(**values)


def test_submit_stores_report_and_one_notification_for_the_aanspreekpunt(config):
    uow = FakeUnitOfWork()
    reference = reporting.submit_report(uow, make_report(), config)
    assert reference == "K7QH-RM4C-XWN9"
    assert uow.commits == 1
    assert uow.store.reports[reference].description == "ze pakken steeds mijn tas af"
    [notification] = uow.store.notifications
    assert notification.recipient == config.aanspreekpunt.email
    assert notification.recipient_role is RecipientRole.AANSPREEKPUNT
    assert notification.status is NotificationStatus.PENDING
    assert notification.attempts == 0
    assert notification.report_reference == reference


def test_urgent_report_also_notifies_the_deputy(config):
    uow = FakeUnitOfWork()
    report = make_report(urgency=Urgency.HOOG, urgency_reason=SafetyCategory.ACUUT_GEVAAR)
    reporting.submit_report(uow, report, config)
    recipients = {(n.recipient, n.recipient_role) for n in uow.store.notifications}
    assert recipients == {
        (config.aanspreekpunt.email, RecipientRole.AANSPREEKPUNT),
        (config.deputy.email, RecipientRole.DEPUTY),
    }


def test_deputy_with_the_same_address_gets_one_mail(config):
    same = dataclasses.replace(
        config, deputy=dataclasses.replace(config.deputy, email=config.aanspreekpunt.email.upper())
    )
    uow = FakeUnitOfWork()
    reporting.submit_report(uow, make_report(urgency=Urgency.HOOG), same)
    assert len(uow.store.notifications) == 1


def test_retention_comes_from_the_school_configuration(config):
    short = dataclasses.replace(config, retention_days=30)
    created = datetime(2026, 1, 10, 12, 0, tzinfo=timezone.utc)
    uow = FakeUnitOfWork()
    ref = reporting.submit_report(uow, make_report(created_at=created, delete_after=None), short)
    assert uow.store.reports[ref].delete_after == created + timedelta(days=30)


def test_a_taken_reference_is_replaced_by_a_fresh_one(config):
    uow = FakeUnitOfWork()
    first = reporting.submit_report(uow, make_report(), config)
    second_report = make_report(description="iets anders")
    second = reporting.submit_report(uow, second_report, config)
    assert second != first
    assert normalize_reference(second) == second
    assert second_report.reference == second  # the caller's object tells the pupil the real code
    assert uow.store.reports[first].description == "ze pakken steeds mijn tas af"
    assert uow.store.reports[second].description == "iets anders"
    assert [n.report_reference for n in uow.store.notifications] == [first, second]


def test_anonymous_report_keeps_no_way_back_to_the_reporter(config):
    uow = FakeUnitOfWork()
    ref = reporting.submit_report(
        uow, make_report(confidentiality=Confidentiality.ANONIEM, contact="Sam", conversation_id="c-1"), config
    )
    stored = uow.store.reports[ref]
    assert stored.contact is None
    assert stored.conversation_id is None


def test_purge_deletes_only_reports_past_retention_with_their_notifications(config):
    uow = FakeUnitOfWork()
    now = datetime(2027, 6, 1, tzinfo=timezone.utc)
    old = make_report("AAAA-CCCC-DDDD", created_at=now - timedelta(days=config.retention_days + 1))
    fresh = make_report("EEEE-FFFF-GGGG", created_at=now - timedelta(days=config.retention_days - 1))
    for report in (old, fresh):
        reporting.submit_report(uow, report, config)
    assert reporting.purge_due(uow, now) == 1
    assert set(uow.store.reports) == {"EEEE-FFFF-GGGG"}
    assert {n.report_reference for n in uow.store.notifications} == {"EEEE-FFFF-GGGG"}
    assert reporting.purge_due(uow, now) == 0


def test_delete_report_erases_report_and_notifications(config):
    uow = FakeUnitOfWork()
    reporting.submit_report(uow, make_report(urgency=Urgency.HOOG), config)
    reporting.submit_report(uow, make_report("AAAA-CCCC-DDDD"), config)
    assert reporting.delete_report(uow, "k7qh rm4c xwn9") is True  # typed loosely
    assert set(uow.store.reports) == {"AAAA-CCCC-DDDD"}
    assert [n.report_reference for n in uow.store.notifications] == ["AAAA-CCCC-DDDD"]
    assert reporting.delete_report(uow, "K7QH-RM4C-XWN9") is False  # already gone
    assert reporting.delete_report(uow, "not a code") is False


def test_find_report_accepts_any_case_and_spacing(config):
    uow = FakeUnitOfWork()
    reporting.submit_report(uow, make_report(), config)
    assert reporting.find_report(uow, " k7qh rm4c xwn9 ").reference == "K7QH-RM4C-XWN9"
    assert reporting.find_report(uow, "K7QHRM4CXWN9").reference == "K7QH-RM4C-XWN9"
    assert reporting.find_report(uow, "AAAA-CCCC-DDDD") is None
    assert reporting.find_report(uow, "K7QH") is None


def test_nothing_is_stored_when_the_transaction_fails(config):
    class BrokenNotifications(FakeNotifications):
        def add(self, notification: Notification) -> None:
            raise RuntimeError("disk full")

    class BrokenUnitOfWork(FakeUnitOfWork):
        def __enter__(self):
            super().__enter__()
            self.notifications = BrokenNotifications(self.working)
            return self

    uow = BrokenUnitOfWork()
    with pytest.raises(RuntimeError):
        reporting.submit_report(uow, make_report(), config)
    assert uow.store.reports == {}
    assert uow.commits == 0


def test_retry_delay_doubles_and_is_capped():
    policy = RetryPolicy(base=30, maximum=600)
    delays = [policy.delay(n).total_seconds() for n in range(1, 8)]
    assert delays == [30, 60, 120, 240, 480, 600, 600]
    assert RetryPolicy(base=1, maximum=3600).delay(10_000).total_seconds() == 3600


def test_retry_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("KLANKBORD_OUTBOX_RETRY_SECONDS", "5")
    monkeypatch.setenv("KLANKBORD_OUTBOX_RETRY_MAX_SECONDS", "40")
    policy = RetryPolicy.from_settings(Settings.from_env())
    assert (policy.base, policy.maximum) == (5.0, 40.0)
    monkeypatch.setenv("KLANKBORD_OUTBOX_RETRY_SECONDS", "soon")
    with pytest.raises(ValueError, match="KLANKBORD_OUTBOX_RETRY_SECONDS"):
        RetryPolicy.from_settings(Settings.from_env())


def test_a_reference_derived_from_a_digest_is_stable_and_well_formed():
    from bot.domain.report import normalize_reference, reference_from

    one, two = reference_from(bytes(range(32))), reference_from(bytes(range(1, 33)))
    assert one == reference_from(bytes(range(32))) != two
    assert normalize_reference(one) == one and normalize_reference(two) == two


@pytest.mark.parametrize("urgency", [Urgency.NORMAAL, Urgency.HOOG])
def test_a_report_about_an_adult_at_school_goes_only_to_the_staff_reports_person(config, urgency):
    uow = FakeUnitOfWork()
    reporting.submit_report(uow, make_report(about_adult=True, urgency=urgency), config)
    recipients = {(n.recipient, n.recipient_role) for n in uow.store.notifications}
    assert recipients == {(config.vertrouwenspersoon.email, RecipientRole.STAFF_REPORTS)}
    assert config.aanspreekpunt.email not in {r for r, _ in recipients}
