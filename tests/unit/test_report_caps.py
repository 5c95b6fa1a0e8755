"""Report flood control: the verdict per cap, held reports stored without mail, release mails once,
the keyed hashes cleared by the housekeeping, and what each desk role sees of it."""
from __future__ import annotations

import asyncio
import dataclasses
import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from actions.report_form import ActionSubmitReport
from bot.adapters.storage.tables.reports import reports
from bot.domain.desk import Role
from bot.domain.notification import RecipientRole
from bot.domain.report import Confidentiality, Report, ReporterRole, SafetyCategory, Urgency, new_reference
from bot.domain.report_caps import ORIGIN_KEPT, RecentReports, ReportCaps, hold_reason, misuse_signals
from bot.services import audit, cases, erasure
from bot.domain.access import AccessDenied
from bot.services.ports import UnknownReport
from bot.settings import Settings, SettingsError
from tests.support.desk import Clock, add_user, make_desk

CAPS = ReportCaps(per_conversation_hour=2, per_client_hour=3, per_school_hour=5)
T0 = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


# ---------------------------------------------------------------- the verdict


@pytest.mark.parametrize("recent, expected", [
    (RecentReports(1, 2, 4), None),
    (RecentReports(2, 0, 0), "conversation"),
    (RecentReports(0, 3, 0), "client"),
    (RecentReports(0, 0, 5), "school"),
    (RecentReports(9, 9, 9), "conversation"),
])
def test_the_verdict_per_cap(recent, expected):
    assert hold_reason(recent, CAPS, urgent=False) == expected


def test_an_urgent_report_is_never_held():
    assert hold_reason(RecentReports(99, 99, 99), CAPS, urgent=True) is None


def test_misuse_signal_counts_the_busiest_hour_of_one_client():
    burst = [("a", T0 + timedelta(minutes=m)) for m in range(0, 50, 5)]  # 10 in 45 minutes
    spread = [("b", T0 + timedelta(hours=h)) for h in range(12)]  # one an hour
    [signal] = misuse_signals(burst + spread, threshold=3)
    assert (signal.count, signal.first, signal.last) == (10, T0, T0 + timedelta(minutes=45))
    assert misuse_signals(burst, threshold=10) == []


def test_a_wrong_cap_setting_names_its_variable():
    assert Settings.from_env({}).reports == ReportCaps(2, 10, 30)
    assert Settings.from_env({"KLANKBORD_REPORTS_PER_SCHOOL_HOUR": "50"}).reports.per_school_hour == 50
    for value in ("veel", "0", "-3"):
        with pytest.raises(SettingsError, match="KLANKBORD_REPORTS_PER_CLIENT_HOUR"):
            Settings.from_env({"KLANKBORD_REPORTS_PER_CLIENT_HOUR": value})


# ---------------------------------------------------------------- the service, on a real database


@pytest.fixture
def desk(tmp_path):
    d = make_desk(tmp_path, Clock(T0))
    d.settings = dataclasses.replace(d.settings, reports=CAPS)
    yield d
    d.close()


def report(desk, urgent: bool = False, minutes: int = 0, **changes) -> Report:
    values = dict(reference=new_reference(), school_id=desk.config.school_id, reporter_role=ReporterRole.LEERLING,
                  description="ze schelden me uit", confidentiality=Confidentiality.VERTROUWELIJK,
                  kinds=["schelden"], places=["klas"], created_at=desk.now() + timedelta(minutes=minutes),
                  urgency=Urgency.HOOG if urgent else Urgency.NORMAAL,
                  urgency_reason=SafetyCategory.CRISIS if urgent else None)
    values.update(changes)
    return Report(**values)


def submit(desk, client="client-1", conversation="conv-1", **kw) -> str:
    return desk.submit_report(report(desk, **kw), client=client, conversation=conversation)


def stored(desk, reference):
    with desk.uow() as uow:
        return uow.reports.get(reference), uow.notifications.for_report(reference)


def test_over_the_conversation_cap_the_report_is_held_stored_and_not_mailed(desk):
    first, second, third = (submit(desk, minutes=i) for i in range(3))
    for reference in (first, second):
        report_, notifications = stored(desk, reference)
        assert not report_.held and len(notifications) == 1
    report_, notifications = stored(desk, third)
    assert report_.held and notifications == []
    assert report_.description == "ze schelden me uit" and report_.delete_after is not None  # stored as usual
    assert not stored(desk, submit(desk, conversation="conv-2"))[0].held  # another conversation goes on


def test_the_client_and_school_caps(desk):
    refs = [submit(desk, conversation=f"c{i}", minutes=i) for i in range(4)]  # one client, client cap 3
    assert [stored(desk, r)[0].held for r in refs] == [False, False, False, True]
    others = [submit(desk, client=f"other-{i}", conversation=f"o{i}", minutes=10 + i) for i in range(3)]
    assert [stored(desk, r)[0].held for r in others] == [False, False, True]  # school cap 5 mailed


def test_held_reports_do_not_count_and_the_hour_passes(desk):
    for i in range(5):
        submit(desk, minutes=i)  # 2 mailed, 3 held
    assert not stored(desk, submit(desk, conversation="conv-2"))[0].held  # held ones did not use the client's cap
    assert not stored(desk, submit(desk, minutes=61))[0].held  # an hour later the conversation may again


def test_an_urgent_report_over_every_cap_is_mailed_as_today(desk):
    for i in range(6):
        submit(desk, minutes=i)
    report_, notifications = stored(desk, submit(desk, urgent=True, minutes=7))
    assert not report_.held
    assert {n.recipient_role for n in notifications} == {RecipientRole.AANSPREEKPUNT, RecipientRole.DEPUTY}


def test_only_keyed_hashes_are_stored_and_an_anonymous_report_keeps_no_conversation_id(desk):
    reference = desk.submit_report(report(desk, confidentiality=Confidentiality.ANONIEM, conversation_id="conv-9"),
                                   client="pseudonym-abc", conversation="conv-9")
    with desk.engine.connect() as connection:
        row = connection.execute(select(reports).where(reports.c.reference == reference)).one()
    assert row.conversation_id is None
    assert len(row.client_digest) == len(row.conversation_digest) == 64
    values = " ".join(str(v) for v in row)
    assert "pseudonym-abc" not in values and "conv-9" not in values and "127.0.0" not in values


def test_release_mails_a_held_report_once_and_is_audited(desk):
    ap = add_user(desk, "ap", Role.AANSPREEKPUNT)
    held = [submit(desk, minutes=i) for i in range(3)][-1]
    desk.deliver(due_only=False)
    assert cases.release(desk, ap, held) is True
    assert cases.release(desk, ap, held) is False  # a second click mails nothing more
    report_, notifications = stored(desk, held)
    assert not report_.held and len(notifications) == 1
    assert desk.deliver(due_only=False).sent == 1
    assert desk.deliver(due_only=False).sent == 0
    assert [e.action for e in audit.entries(desk, None) if e.reference == held] == ["release_report"]
    coordinator = add_user(desk, "co", Role.COORDINATOR)
    with pytest.raises(AccessDenied):
        cases.release(desk, coordinator, held)
    with pytest.raises(UnknownReport):
        cases.release(desk, ap, "rommel")


def test_housekeeping_clears_the_hashes_after_the_hours_and_keeps_the_report(desk):
    old = submit(desk)
    for i in range(2):
        submit(desk, minutes=1 + i)
    held = submit(desk, minutes=5)
    fresh = submit(desk, client="c2", conversation="k2", minutes=ORIGIN_KEPT.total_seconds() / 60)
    erasure.housekeeping(desk, now=T0 + ORIGIN_KEPT + timedelta(minutes=10))
    for reference in (old, held):
        report_, _ = stored(desk, reference)
        assert report_.client_digest is None and report_.conversation_digest is None
        assert report_.description == "ze schelden me uit"
    assert stored(desk, held)[0].held  # still waiting for a person
    assert stored(desk, fresh)[0].client_digest is not None  # younger than the hours: kept


def test_the_inbox_marks_held_reports_and_signals_misuse_to_the_aanspreekpunt_only(desk):
    ap, co = add_user(desk, "ap", Role.AANSPREEKPUNT), add_user(desk, "co", Role.COORDINATOR)
    refs = [submit(desk, conversation=f"c{i}", minutes=i,
                   confidentiality=Confidentiality.ANONIEM if i == 4 else Confidentiality.MAG_GEDEELD)
            for i in range(5)]
    inbox = cases.inbox(desk, ap)
    [signal] = inbox.misuse
    assert signal.count == 5
    assert {i.reference for i in inbox.open if i.held} == set(refs[3:])
    seen = cases.inbox(desk, co)
    assert seen.misuse == []  # times of a burst are not for the coordinator
    assert {i.reference for i in seen.open if i.held} == {refs[3]}  # not the anonymous one
    assert "held" not in cases.open_case(desk, co, refs[4]).report
    assert cases.open_case(desk, co, refs[3]).report["held"] is True


# ---------------------------------------------------------------- the pupil hears the same


def test_a_held_pupil_gets_a_code_a_secret_and_the_same_words(app):
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from tests.unit.test_actions import FULL

    def run(sender: str):
        said = CollectingDispatcher()
        tracker = Tracker(sender_id=sender, slots={**FULL, "submission_id": new_reference()},
                          latest_message={"text": "ja", "intent": {"name": "bevestigen"}, "metadata": {"client": "p1"}},
                          events=[], paused=False, followup_action=None, active_loop={},
                          latest_action_name="action_listen")
        events = asyncio.run(ActionSubmitReport().run(said, tracker, {}))
        reference = next(e["value"] for e in events if e.get("name") == "report_reference")
        text = "\n".join(m.get("text") or "" for m in said.messages)
        return reference, text

    def shape(reference: str, text: str) -> str:
        assert reference in text and "Je geheime woord is: " in text
        return re.sub(r"Je geheime woord is: .*", "", text.replace(reference, "CODE"))

    first, _ = run("s1"), run("s1")
    held_ref, held_text = run("s1")  # the third from one conversation in an hour
    assert stored(app, held_ref)[0].held and not stored(app, first[0])[0].held
    assert shape(*first) == shape(held_ref, held_text)
