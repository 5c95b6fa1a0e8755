"""Many schools in one desk: every service sees only the user's schools; a report of another school is
exactly a report that does not exist; the board (bestuur) sees counts of its schools and nothing else."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from bot.domain import access
from bot.domain.access import AccessDenied, Permission
from bot.domain.desk import Actor, Role
from bot.domain.report import ReporterRole, Status, new_reference
from bot.services import audit, cases, erasure, monitoring, users
from bot.services.ports import UnknownReport
from bot.services.users import UserError
from tests.support.desk import ADMIN, PASSWORD, SCHOOL_A, SCHOOL_B, Clock, add_report, add_user, make_desk, two_schools

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def desk(tmp_path):
    d = make_desk(tmp_path, Clock(NOW), schools=two_schools(tmp_path))
    yield d
    d.close()


@pytest.fixture
def ap(desk):
    return add_user(desk, "ap-a", Role.AANSPREEKPUNT, schools=[SCHOOL_A])


def _raises_like_nothing(call):
    """The same exception, with the same text, for another school's report and for no report."""
    outcomes = []
    for reference in call.references:
        with pytest.raises(UnknownReport) as caught:
            call(reference)
        outcomes.append(str(caught.value).replace(reference, "REF"))
    assert outcomes[0] == outcomes[1]


def test_the_board_role_sees_monitoring_only():
    assert access.PERMISSIONS[Role.BESTUUR] == {Permission.VIEW_MONITORING, Permission.EXPORT_MONITORING}
    assert access.home_for(Role.BESTUUR) == "desk.monitoring_page"
    assert Role("bestuur").label == "bestuur"


def test_may_see_needs_the_role_and_the_school(desk, ap):
    a, b = add_report(desk, school_id=SCHOOL_A), add_report(desk, school_id=SCHOOL_B)
    with desk.uow() as uow:
        report_a, report_b = uow.reports.get(a), uow.reports.get(b)
    board = add_user(desk, "bestuur-a", Role.BESTUUR, schools=[SCHOOL_A])
    assert access.may_see(ap, report_a) and not access.may_see(ap, report_b)
    assert not access.may_see(board, report_a)


def test_the_inbox_lists_only_the_users_schools_with_their_own_response_days(desk, ap):
    mine = add_report(desk, school_id=SCHOOL_A)
    theirs = add_report(desk, school_id=SCHOOL_B, urgent=True)
    inbox = cases.inbox(desk, ap)
    assert [i.reference for i in inbox.open] == [mine] and theirs not in repr(inbox)
    assert inbox.response_days == 2 and inbox.open[0].response_days == 2  # A's file says 2, B's 5
    assert inbox.school_names == {}
    both = add_user(desk, "ap-ab", Role.AANSPREEKPUNT, schools=[SCHOOL_A, SCHOOL_B])
    inbox = cases.inbox(desk, both)
    assert {i.reference: i.response_days for i in inbox.open} == {mine: 2, theirs: 5}
    assert inbox.response_days is None and inbox.school_names == {SCHOOL_A: "Het Voorbeeld College",
                                                                 SCHOOL_B: "De Tweede School"}


def test_another_schools_report_is_a_report_that_does_not_exist(desk, ap):
    theirs = add_report(desk, school_id=SCHOOL_B)
    nothing = new_reference()
    calls = {
        "open": lambda r: cases.open_case(desk, ap, r),
        "status": lambda r: cases.change_status(desk, Actor.of(ap), r, "in_behandeling"),
        "log": lambda r: cases.add_entry(desk, ap, r, None, "gesprek", None),
        "nazorg": lambda r: cases.set_nazorg_date(desk, ap, r, date(2026, 12, 1)),
        "message": lambda r: cases.add_message(desk, ap, r, "hallo"),
        "release": lambda r: cases.release(desk, ap, r),
    }
    for name, call in calls.items():
        call.references = (theirs, nothing)
        _raises_like_nothing(call)
    with desk.uow() as uow:
        assert uow.reports.get(theirs).status is Status.NIEUW
        assert uow.desk.messages(theirs) == [] and uow.desk.case_entries(theirs) == []
        assert uow.desk.nazorg_date(theirs) is None
    assert not [e for e in audit.entries(desk, None) if e.reference == theirs]


def test_the_command_line_reaches_only_its_school(desk):
    theirs = add_report(desk, school_id=SCHOOL_B)
    for reference in (theirs, new_reference()):
        with pytest.raises(UnknownReport):
            cases.change_status(desk, Actor("cli:test", "cli", frozenset({SCHOOL_A})), reference, "in_behandeling")
    cases.change_status(desk, Actor("cli:test", "cli", frozenset({SCHOOL_B})), theirs, "in_behandeling")
    mine = add_report(desk, school_id=SCHOOL_A)
    files = cases.export(desk, Actor("cli:test", "cli", frozenset({SCHOOL_A})))
    assert [f.report.reference for f in files] == [mine]


def test_monitoring_counts_each_school_or_all_of_them_summed_then_suppressed(desk):
    for school, parents in ((SCHOOL_A, 2), (SCHOOL_B, 1)):
        for _ in range(4):
            add_report(desk, school_id=school, role=ReporterRole.LEERLING)
        for _ in range(parents):
            add_report(desk, school_id=school, role=ReporterRole.OUDER)
    board = add_user(desk, "bestuur-ab", Role.BESTUUR, schools=[SCHOOL_A, SCHOOL_B])
    roles = lambda m: {c.key: c.shown for c in m.dimension("role").cells}  # noqa: E731
    only_a = monitoring.load(desk, monitoring.scope(board, SCHOOL_A))
    assert only_a.total == 6 and roles(only_a)["ouder"] == "<3" and roles(only_a)["leerling"] == "<3"
    summed = monitoring.load(desk, monitoring.scope(board))
    assert summed.total == 11 and roles(summed)["ouder"] == "3" and roles(summed)["leerling"] == "8"
    coordinator = add_user(desk, "co-a", Role.COORDINATOR, schools=[SCHOOL_A])
    assert monitoring.load(desk, monitoring.scope(coordinator)).total == 6
    assert monitoring.scope(board, "nepschool") is None
    assert monitoring.scope(add_user(desk, "bestuur-a", Role.BESTUUR, schools=[SCHOOL_A]), SCHOOL_B) is None
    add_report(desk, school_id=SCHOOL_B, created_at=datetime(2023, 10, 1, tzinfo=timezone.utc))
    assert [y.label for y in monitoring.school_years(desk, [SCHOOL_A])] == ["2026-2027"]
    assert len(monitoring.school_years(desk, [SCHOOL_B])) == 4


def test_the_board_reads_no_report_and_no_audit(desk):
    board = add_user(desk, "bestuur-a", Role.BESTUUR, schools=[SCHOOL_A])
    ref = add_report(desk, school_id=SCHOOL_A)
    for call in (lambda: cases.inbox(desk, board), lambda: cases.open_case(desk, board, ref),
                 lambda: cases.add_message(desk, board, ref, "x")):
        with pytest.raises(AccessDenied):
            call()
    assert not access.allowed(Role.BESTUUR, Permission.VIEW_AUDIT)
    assert not access.allowed(Role.BESTUUR, Permission.VIEW_USERS)
    assert not access.allowed(Role.BESTUUR, Permission.READ_REPORTS)


def test_users_need_schools_the_instance_serves(desk, tmp_path):
    with pytest.raises(UserError, match="kies de school"):
        users.add_user(desk, "anna", Role.AANSPREEKPUNT, PASSWORD, ADMIN)
    with pytest.raises(UserError, match="'nepschool'"):
        users.add_user(desk, "anna", Role.AANSPREEKPUNT, PASSWORD, ADMIN, schools=["nepschool"])
    anna = users.add_user(desk, "anna", Role.BESTUUR, PASSWORD, ADMIN, schools=[SCHOOL_A, SCHOOL_B])
    assert anna.schools == {SCHOOL_A, SCHOOL_B}
    assert users.set_schools(desk, "anna", ADMIN, remove=[SCHOOL_B]).schools == {SCHOOL_A}
    with pytest.raises(UserError, match="'nepschool'"):
        users.set_schools(desk, "anna", ADMIN, add=["nepschool"])
    one = make_desk(tmp_path / "een", Clock(NOW))
    try:
        assert users.add_user(one, "bob", Role.COORDINATOR, PASSWORD, ADMIN).schools == {"voorbeeldschool"}
    finally:
        one.close()


def test_a_beheerder_sees_the_users_and_audit_entries_of_their_schools_only(desk):
    add_user(desk, "ap-a", Role.AANSPREEKPUNT, schools=[SCHOOL_A])
    add_user(desk, "ap-b", Role.AANSPREEKPUNT, schools=[SCHOOL_B])
    add_user(desk, "co-ab", Role.COORDINATOR, schools=[SCHOOL_A, SCHOOL_B])
    listed = users.list_users(desk, [SCHOOL_A])
    assert [u.username for u in listed] == ["ap-a", "co-ab"]
    assert all(u.schools == {SCHOOL_A} for u in listed)  # nothing of the other school, not even its id
    theirs = add_report(desk, school_id=SCHOOL_B)
    ap_b = next(u for u in users.list_users(desk, None) if u.username == "ap-b")
    cases.open_case(desk, ap_b, theirs)
    users.authenticate(desk, "niemand", "fout")  # no school: the instance's entry
    seen = audit.entries(desk, [SCHOOL_A])
    assert theirs not in repr(seen) and "ap-b" not in repr(seen)
    assert {e.school_id for e in seen} == {SCHOOL_A, None}
    assert any(e.actor == "(onbekende naam)" for e in seen)
    # An entry about a user of two schools is filed under each of them.
    added = [e for e in audit.entries(desk, None) if e.action == "user_added" and e.detail.startswith("co-ab")]
    assert sorted(e.school_id for e in added) == sorted([SCHOOL_A, SCHOOL_B])
    count = len(audit.entries(desk, [SCHOOL_A], limit=1000))
    with desk.uow() as uow:
        assert uow.desk.audit_count(school_ids=[SCHOOL_A]) == count < uow.desk.audit_count(school_ids=None)


def test_erasure_and_retention_by_school(desk):
    theirs = add_report(desk, school_id=SCHOOL_B, created_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    mine = add_report(desk, school_id=SCHOOL_A, created_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    assert erasure.erase(desk, [theirs], school_ids=[SCHOOL_A]) == []
    assert erasure.purge_due(desk, school_ids=[SCHOOL_A]) == 1
    with desk.uow() as uow:
        assert uow.reports.get(theirs) is not None and uow.reports.get(mine) is None
    assert erasure.purge_due(desk) == 1  # the daily housekeeping: every school
