"""A report about an adult at school (a teacher, the caretaker) is the vertrouwenspersoon's alone:
the aanspreekpunt and the coordinator, who may be that adult, cannot list, open or handle it (to
them it does not exist), and the vertrouwenspersoon sees nothing else."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.domain import access
from bot.domain.desk import Actor, Role
from bot.domain.second_factor import ROLES_NEEDING_SECOND_FACTOR
from bot.services import cases
from bot.services.ports import UnknownReport
from tests.support.desk import Clock, add_report, add_user, make_desk

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def desk(tmp_path):
    d = make_desk(tmp_path, Clock(NOW))
    yield d
    d.close()


def listed(desk, user):
    box = cases.inbox(desk, user)
    return {item.reference for item in box.open + box.closed}


def test_only_the_vertrouwenspersoon_sees_a_report_about_an_adult(desk):
    school = desk.config.school_id
    about_adult = add_report(desk, about_adult=True)
    ordinary = add_report(desk)
    vp = add_user(desk, "vp", Role.VERTROUWENSPERSOON, schools=[school])
    ap = add_user(desk, "ap", Role.AANSPREEKPUNT, schools=[school])
    coordinator = add_user(desk, "coord", Role.COORDINATOR, schools=[school])

    assert listed(desk, vp) == {about_adult}
    assert cases.open_case(desk, vp, about_adult).reference == about_adult
    cases.change_status(desk, Actor.of(vp), about_adult, "in_behandeling")
    with pytest.raises(UnknownReport):
        cases.open_case(desk, vp, ordinary)

    for user in (ap, coordinator):
        assert about_adult not in listed(desk, user) and ordinary in listed(desk, user)
        with pytest.raises(UnknownReport) as caught:
            cases.open_case(desk, user, about_adult)
        assert about_adult in str(caught.value)  # the same words as for a code that does not exist
    with pytest.raises(UnknownReport):
        cases.change_status(desk, Actor.of(ap), about_adult, "afgesloten", "klaar")
    with pytest.raises(UnknownReport):
        cases.add_message(desk, ap, about_adult, "Hoi")


def test_the_vertrouwenspersoon_logs_in_with_a_second_factor():
    assert Role.VERTROUWENSPERSOON in ROLES_NEEDING_SECOND_FACTOR
    assert access.allowed(Role.VERTROUWENSPERSOON, access.Permission.HANDLE_REPORTS)
    assert not access.allowed(Role.VERTROUWENSPERSOON, access.Permission.VIEW_MONITORING)
