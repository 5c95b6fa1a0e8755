"""Case handling, role rules, the pupil's check-in and the audit log, on SQLite."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from bot.services import reporting
from bot.domain import access
from bot.services import audit, cases, checkin
from bot.domain.access import AccessDenied, Permission
from bot.services.cases import CaseError
from bot.domain.desk import Actor, NazorgAnswer, Role
from bot.services.ports import UnknownReport
from bot.adapters.storage.tables.desk import REPORT_CHILD_TABLES, audit_log
from bot.domain.report import Confidentiality, Status, new_reference
from tests.support.desk import SECRET_FIELDS, Clock, add_report, add_user, make_desk

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock():
    return Clock(MONDAY)


@pytest.fixture
def desk(tmp_path, clock):
    d = make_desk(tmp_path, clock)
    yield d
    d.close()


@pytest.fixture
def people(desk):
    return {role: add_user(desk, role.value, role) for role in Role}


def test_inbox_urgent_first_then_oldest_with_age_and_overdue(desk, clock, people):
    old = add_report(desk, created_at=MONDAY - timedelta(days=14))
    newer = add_report(desk, created_at=MONDAY - timedelta(days=1))
    urgent = add_report(desk, created_at=MONDAY - timedelta(hours=2), urgent=True)
    closed = add_report(desk, created_at=MONDAY - timedelta(days=20))
    cases.change_status(desk, Actor.of(people[Role.AANSPREEKPUNT]), closed, "afgesloten", "opgelost")
    inbox = cases.inbox(desk, people[Role.AANSPREEKPUNT])
    assert [i.reference for i in inbox.open] == [urgent, old, newer]
    assert [i.reference for i in inbox.closed] == [closed]
    by_ref = {i.reference: i for i in inbox.open}
    assert by_ref[old].age_working_days == 10 and by_ref[old].overdue  # promised: fewer working days
    assert not by_ref[newer].overdue and by_ref[newer].age_working_days == 1
    assert inbox.response_days == desk.config.response_days


def test_in_behandeling_is_not_overdue(desk, people):
    ref = add_report(desk, created_at=MONDAY - timedelta(days=30))
    cases.change_status(desk, Actor.of(people[Role.AANSPREEKPUNT]), ref, Status.IN_BEHANDELING)
    assert not cases.inbox(desk, people[Role.AANSPREEKPUNT]).open[0].overdue


def test_status_flow_and_reasons(desk, people):
    ap = Actor.of(people[Role.AANSPREEKPUNT])
    ref = add_report(desk)
    with pytest.raises(CaseError, match="reden"):
        cases.change_status(desk, ap, ref, "afgesloten")
    cases.change_status(desk, ap, ref, "in_behandeling")
    with pytest.raises(CaseError, match="kan niet"):
        cases.change_status(desk, ap, ref, "nieuw")
    cases.change_status(desk, ap, ref, "afgesloten", "Gesprek gevoerd, pesten is gestopt")
    cases.change_status(desk, ap, ref, "in_behandeling", "Het begon opnieuw")
    with pytest.raises(CaseError, match="onbekende status"):
        cases.change_status(desk, ap, ref, "weg")
    with desk.uow() as uow:
        case = cases.load_case(uow, ref)
    assert case.report.status is Status.IN_BEHANDELING
    assert [(c.from_status.value, c.to_status.value, c.reason) for c in case.history] == [
        ("nieuw", "in_behandeling", None),
        ("in_behandeling", "afgesloten", "Gesprek gevoerd, pesten is gestopt"),
        ("afgesloten", "in_behandeling", "Het begon opnieuw"),
    ]
    entries = [e for e in audit.entries(desk, None) if e.action == "change_status"]
    assert [e.detail for e in reversed(entries)] == [
        "nieuw -> in_behandeling", "in_behandeling -> afgesloten", "afgesloten -> in_behandeling"]
    assert all(e.reference == ref and e.actor == "aanspreekpunt" for e in entries)


def test_case_log_messages_and_nazorg_date(desk, people):
    ap = people[Role.AANSPREEKPUNT]
    ref = add_report(desk)
    cases.add_entry(desk, ap, ref, date(2026, 11, 20), "Gesprek met de leerling", "mentor en leerling")
    cases.add_entry(desk, ap, ref, None, "Afspraak: elke week even kort praten", None)
    with pytest.raises(CaseError):
        cases.add_entry(desk, ap, ref, None, "   ", None)
    with pytest.raises(CaseError, match="toekomst"):
        cases.add_entry(desk, ap, ref, date(2027, 1, 1), "later", None)
    cases.add_message(desk, ap, ref, "Hoi, ik wil graag met je praten. Kom je dinsdag langs?")
    cases.set_nazorg_date(desk, ap, ref, date(2026, 12, 7))
    view = cases.open_case(desk, ap, ref.lower())
    assert [e.what for e in view.entries] == ["Gesprek met de leerling", "Afspraak: elke week even kort praten"]
    assert view.entries[1].happened_on == date(2026, 11, 23) and view.entries[0].with_whom == "mentor en leerling"
    assert view.messages[0].text.startswith("Hoi") and view.messages[0].read_at is None
    assert view.nazorg_date == date(2026, 12, 7)
    actions = [e.action for e in reversed(audit.entries(desk, None))]
    assert actions[-5:] == ["add_case_entry", "add_case_entry", "add_message", "set_nazorg_date", "view_report"]
    # Message texts never go into the audit log.
    assert all("praten" not in (e.detail or "") for e in audit.entries(desk, None))


def test_unknown_reports(desk, people):
    ap = people[Role.AANSPREEKPUNT]
    for code in (new_reference(), "rommel"):
        with pytest.raises(UnknownReport):
            cases.open_case(desk, ap, code)
        with pytest.raises(UnknownReport):
            cases.add_message(desk, ap, code, "hallo")


@pytest.mark.parametrize("confidentiality", [Confidentiality.ANONIEM, Confidentiality.VERTROUWELIJK])
def test_coordinator_gets_no_words_names_or_contact_of_protected_reports(desk, people, confidentiality):
    ap = people[Role.AANSPREEKPUNT]
    contact = "Contact-GEHEIM: sam@example.org" if confidentiality is Confidentiality.VERTROUWELIJK else None
    ref = add_report(desk, confidentiality=confidentiality, contact=contact, places=("anders",))
    cases.add_entry(desk, ap, ref, None, "Logboek-GEHEIM: gesprek met Piet", "Piet Pietersen")
    cases.add_message(desk, ap, ref, "Bericht-GEHEIM")
    checkin.add_addition(desk, ref, "Aanvulling-GEHEIM: ook Klaas doet mee")
    cases.change_status(desk, Actor.of(ap), ref, "afgesloten", "Reden-GEHEIM: Piet is gesproken")
    view = cases.open_case(desk, people[Role.COORDINATOR], ref)
    flat = repr(view)
    assert "GEHEIM" not in flat and "Piet" not in flat and "Klaas" not in flat and "sam@" not in flat
    assert view.personal_withheld and not view.can_handle
    assert view.entries is None and view.messages is None and view.additions is None
    assert view.counts == {"entries": 1, "messages": 1, "additions": 1}
    assert view.report["kinds"] == ["schelden"] and view.report["status"] is Status.AFGESLOTEN
    # The aanspreekpunt sees all of it.
    full = cases.open_case(desk, ap, ref)
    assert all(secret in repr(full) for secret in SECRET_FIELDS if confidentiality is Confidentiality.VERTROUWELIJK
               or "Contact" not in secret)
    assert "Logboek-GEHEIM" in repr(full) and "Aanvulling-GEHEIM" in repr(full)
    # The view was audited as one without personal data.
    coordinator_view = next(e for e in audit.entries(desk, None) if e.actor == "coordinator")
    assert coordinator_view.detail == "zonder persoonlijke gegevens"


def test_coordinator_reads_shareable_reports_but_changes_nothing(desk, people):
    ref = add_report(desk, confidentiality=Confidentiality.MAG_GEDEELD)
    coordinator = people[Role.COORDINATOR]
    view = cases.open_case(desk, coordinator, ref)
    assert view.report["description"].startswith("Beschrijving-GEHEIM") and not view.personal_withheld
    with pytest.raises(AccessDenied):
        cases.add_message(desk, coordinator, ref, "hallo")
    with pytest.raises(AccessDenied):
        cases.change_status(desk, Actor.of(coordinator), ref, "in_behandeling")
    with pytest.raises(AccessDenied):
        cases.set_nazorg_date(desk, coordinator, ref, date(2026, 12, 1))


def test_beheerder_sees_no_reports_at_all(desk, people):
    ref = add_report(desk)
    beheerder = people[Role.BEHEERDER]
    with pytest.raises(AccessDenied):
        cases.inbox(desk, beheerder)
    with pytest.raises(AccessDenied):
        cases.open_case(desk, beheerder, ref)
    assert not access.allowed(Role.BEHEERDER, Permission.VIEW_MONITORING)
    assert access.allowed(Role.BEHEERDER, Permission.VIEW_AUDIT)
    assert not access.allowed(Role.COORDINATOR, Permission.VIEW_AUDIT)


def test_pupil_status_marks_messages_read_and_asks_nazorg_when_due(desk, clock, people):
    ap = people[Role.AANSPREEKPUNT]
    ref = add_report(desk)
    cases.add_message(desk, ap, ref, "Fijn dat je het meldde.")
    status = checkin.status_for_pupil(desk, ref)
    assert status.status is Status.NIEUW and [m.text for m in status.messages] == ["Fijn dat je het meldde."]
    assert not status.ask_nazorg
    assert cases.open_case(desk, ap, ref).messages[0].read_at == clock.now
    cases.set_nazorg_date(desk, ap, ref, date(2026, 11, 30))
    assert not checkin.status_for_pupil(desk, ref).ask_nazorg
    inbox = cases.inbox(desk, ap)
    assert inbox.nazorg_due == []
    clock.advance(days=7)  # 30 November
    assert checkin.status_for_pupil(desk, ref).ask_nazorg
    assert [i.reference for i in cases.inbox(desk, ap).nazorg_due] == [ref]
    checkin.record_nazorg(desk, ref, NazorgAnswer.EEN_BEETJE)
    assert not checkin.status_for_pupil(desk, ref).ask_nazorg
    assert cases.inbox(desk, ap).nazorg_due == []
    assert [a.answer for a in cases.open_case(desk, ap, ref).nazorg] == [NazorgAnswer.EEN_BEETJE]
    # A later nazorg date asks again.
    cases.set_nazorg_date(desk, ap, ref, date(2026, 12, 14))
    clock.advance(days=14)
    assert checkin.status_for_pupil(desk, ref).ask_nazorg


def test_pupil_addition_is_stored_and_audited_without_text(desk, people):
    ref = add_report(desk)
    checkin.add_addition(desk, ref, "  Vandaag deden ze het weer.  ")
    view = cases.open_case(desk, people[Role.AANSPREEKPUNT], ref)
    assert [a.text for a in view.additions] == ["Vandaag deden ze het weer."]
    entry = next(e for e in audit.entries(desk, None) if e.action == "pupil_addition")
    assert entry.reference == ref and entry.actor_role == "leerling" and entry.detail is None
    with pytest.raises(ValueError):
        checkin.add_addition(desk, ref, "   ")


def test_secret_issue_and_check_through_the_database(desk):
    ref = add_report(desk)
    secret = checkin.issue_secret(desk, ref)
    assert checkin.check_code(desk, ref, secret).reference == ref
    assert not checkin.check_code(desk, ref, "fout-woord-10").granted
    assert [e.action for e in audit.entries(desk, None)] == ["pupil_checkin"]


def test_erasing_a_report_erases_its_case_file_but_keeps_the_audit_trail(desk, people):
    ap = people[Role.AANSPREEKPUNT]
    ref = add_report(desk)
    checkin.issue_secret(desk, ref)
    cases.add_entry(desk, ap, ref, None, "gesprek", None)
    cases.add_message(desk, ap, ref, "bericht")
    checkin.add_addition(desk, ref, "aanvulling")
    checkin.record_nazorg(desk, ref, NazorgAnswer.GESTOPT)
    cases.set_nazorg_date(desk, ap, ref, date(2026, 12, 1))
    cases.change_status(desk, Actor.of(ap), ref, "in_behandeling")
    assert reporting.delete_report(desk.uow(), ref)
    with desk.uow() as uow:
        for table in REPORT_CHILD_TABLES:
            assert uow.session.execute(select(func.count()).select_from(table)).scalar_one() == 0, table.name
        kept = uow.session.execute(select(func.count()).select_from(audit_log).where(audit_log.c.reference == ref))
        assert kept.scalar_one() >= 5


def test_working_days():
    assert cases.working_days_between(date(2026, 11, 20), date(2026, 11, 23)) == 1  # Fri -> Mon
    assert cases.working_days_between(date(2026, 11, 23), date(2026, 11, 23)) == 0
    assert cases.working_days_between(date(2026, 11, 23), date(2026, 12, 7)) == 10


def test_the_coordinator_sees_the_week_and_no_urgency_reason_of_a_protected_report(desk):
    from bot.domain.access import report_fields
    from bot.domain.report import Confidentiality

    coordinator = add_user(desk, "jan", Role.COORDINATOR)
    aanspreekpunt = add_user(desk, "sanne", Role.AANSPREEKPUNT)
    protected = add_report(desk, urgent=True, confidentiality=Confidentiality.VERTROUWELIJK,
                           created_at=datetime(2026, 11, 24, 10, 37, tzinfo=timezone.utc))
    open_ = add_report(desk, urgent=True, confidentiality=Confidentiality.MAG_GEDEELD,
                       created_at=datetime(2026, 11, 24, 10, 37, tzinfo=timezone.utc))
    with desk.uow() as uow:
        reports = {r: uow.reports.get(r) for r in (protected, open_)}
    fields = report_fields(Role.COORDINATOR, reports[protected])
    assert not {"created_at", "urgency_reason", "delete_after"} & set(fields)
    assert fields["received_week"] == "week 48 van 2026" and fields["urgency"].value == "hoog"
    assert report_fields(Role.COORDINATOR, reports[open_])["created_at"] == reports[open_].created_at
    assert "received_week" not in report_fields(Role.AANSPREEKPUNT, reports[protected])
    items = {i.reference: i for i in cases.inbox(desk, coordinator).open}
    assert items[protected].received_week == "week 48 van 2026" and items[open_].received_week is None
    assert all(i.received_week is None for i in cases.inbox(desk, aanspreekpunt).open)


def test_the_deadline_in_the_desk_skips_the_schools_holidays_as_the_mail_does(desk, clock, people):
    """Made on Friday 18 December 2026, the last school day before the Christmas holiday in the
    example school file (19 December to 3 January): two school days later is Tuesday 5 January."""
    friday = datetime(2026, 12, 18, 10, 0, tzinfo=timezone.utc)
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=timezone.utc)  # the last day: not overdue yet
    ref = add_report(desk, created_at=friday)
    assert desk.config.response_days == 2 and desk.config.is_holiday(date(2026, 12, 21))
    [item] = [i for i in cases.inbox(desk, people[Role.AANSPREEKPUNT]).open if i.reference == ref]
    assert item.deadline == date(2027, 1, 5) == cases.deadline(desk, desk.config.school_id, friday.date())
    assert not item.overdue  # without the holidays it would have been due on 22 December
