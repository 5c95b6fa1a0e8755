"""A school that leaves (``bot.services.school_data``, ``klankbord schools``), on SQLite and on a
PostgreSQL cluster of the test's own: two schools with reports, case files, follow-up, users (of
one school, of both) and audit entries. The export of A holds all of A and nothing of B; after
the erasure of A, every row of B in every table is byte for byte what it was (sealed values
included), an export of B is the same, and no table holds a row of A but the one audit entry
that records the erasure."""
from __future__ import annotations

import json
import stat
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Dict, List, Set

import pytest
import sqlalchemy as sa

from bot.adapters.storage import sealed
from bot.adapters.storage.tables import metadata
from bot.domain.desk import Actor, NazorgAnswer, Role
from bot.domain.report import Confidentiality, Report, ReporterRole, new_reference
from bot.entrypoints.cli import common
from bot.services import cases, checkin, school_data, sessions
from bot.services.followup import attempt_key
from tests.support.desk import SCHOOL_A, SCHOOL_B, Clock, add_user, login, make_desk, two_schools
from tests.support.postgres_cluster import PostgresCluster
from tests.unit.test_cli import SMTP_VARS, run

INSTANCE = "(instance)"
# Tables whose rows belong to no school: hashes of (name, client) and of a client, pruned after a day.
UNATTRIBUTED = {"desk_login_attempts", "desk_login_locks"}


@pytest.fixture(scope="module")
def cluster():
    running = PostgresCluster().start()
    try:
        yield running
    finally:
        running.destroy()


@pytest.fixture
def environment(tmp_path, monkeypatch):
    """A key file and no SMTP: the app and the command line seal and open with the same key."""
    key_file = tmp_path / "keys" / "data.key"
    key_file.parent.mkdir()
    key_id, key = sealed.new_key()
    sealed.write_key_file(key_file, {key_id: key}, key_id)
    monkeypatch.setenv("KLANKBORD_DATA_KEY_FILE", str(key_file))
    monkeypatch.setenv("KLANKBORD_OUTBOX_DIR", str(tmp_path / "outbox"))
    for name in SMTP_VARS + ["KLANKBORD_SCHOOL_CONFIG", "KLANKBORD_DATA_KEY", "KLANKBORD_DATABASE_URL"]:
        monkeypatch.delenv(name, raising=False)
    yield tmp_path
    sealed.use(None)


def school_world(tmp_path: Path, url: str) -> Dict:
    """Two schools, each with three reports (one with a whole case file) and users; one user of both."""
    clock = Clock()
    app = make_desk(tmp_path, clock=clock, url=url, schools=two_schools(tmp_path))
    people = {
        "anna": add_user(app, "anna", Role.AANSPREEKPUNT, schools=[SCHOOL_A]),
        "bea": add_user(app, "bea", Role.BEHEERDER, schools=[SCHOOL_A]),
        "bert": add_user(app, "bert", Role.AANSPREEKPUNT, schools=[SCHOOL_B]),
        "dirk": add_user(app, "dirk", Role.COORDINATOR, schools=[SCHOOL_A, SCHOOL_B]),
    }
    for name in ("anna", "bert", "dirk"):
        assert login(app, name).user is not None
        sessions.start(app, people[name])
    refs: Dict[str, List[str]] = {SCHOOL_A: [], SCHOOL_B: []}
    texts: Dict[str, List[str]] = {SCHOOL_A: [], SCHOOL_B: []}
    for school, handler in ((SCHOOL_A, people["anna"]), (SCHOOL_B, people["bert"])):
        tag = school.upper()
        for i in range(3):
            words = {"description": f"{tag}-{i}-WOORDEN ze duwen me", "people_involved": f"{tag}-{i}-NAMEN Piet",
                     "contact": f"{tag}-{i}-CONTACT noor@example.org"}
            reference = app.submit_report(Report(
                reference=new_reference(), school_id=school, reporter_role=ReporterRole.LEERLING,
                confidentiality=Confidentiality.VERTROUWELIJK, kinds=["schelden"], places=["klas"],
                created_at=clock.now - timedelta(days=i), **words), client=f"client-{school}",
                conversation=f"conv-{school}-{i}")
            refs[school].append(reference)
            texts[school] += list(words.values())
        first = refs[school][0]
        case_words = [f"{tag}-LOG gesprek met mentor", f"{tag}-MET-WIE mevrouw Jansen", f"{tag}-BERICHT kom je langs?",
                      f"{tag}-AANVULLING het was ook gisteren", f"{tag}-REDEN opgelost"]
        texts[school] += case_words
        cases.add_entry(app, handler, first, date(2026, 11, 20), case_words[0], case_words[1])
        cases.add_message(app, handler, first, case_words[2])
        cases.set_nazorg_date(app, handler, first, date(2026, 12, 8))
        cases.change_status(app, Actor.of(handler), first, "afgesloten", case_words[4])
        secret = checkin.issue_secret(app, first)
        checkin.add_addition(app, first, case_words[3])
        checkin.record_nazorg(app, first, NazorgAnswer.GESTOPT)
        assert checkin.check_code(app, first, secret, client=f"client-{school}").granted
        assert not checkin.check_code(app, first, "fout geheim", client=f"client-{school}").granted
        cases.open_case(app, people["dirk"], refs[school][1])
    return {"app": app, "clock": clock, "refs": refs, "texts": texts, "people": people,
            "outbox": tmp_path / "outbox"}


def rows_by_school(engine: sa.engine.Engine, references: Dict[str, str]) -> Dict[str, Dict[str, List[str]]]:
    """Every row of every table, raw as stored (sealed values sealed), under the school(s) it belongs to.

    ``references``: reference -> school, for the follow-up attempts (stored as a hash of the code)."""
    attempts = {attempt_key(reference): school for reference, school in references.items()}
    found: Dict[str, Dict[str, List[str]]] = {}
    with engine.connect() as connection:
        def raw(name: str) -> List[sa.engine.Row]:
            return connection.execute(sa.text(f"SELECT * FROM {name}")).mappings().all()

        report_school = {row["id"]: row["school_id"] for row in raw("reports")}
        user_schools: Dict[int, Set[str]] = {}
        for row in raw("desk_user_schools"):
            user_schools.setdefault(row["user_id"], set()).add(row["school_id"])
        for table in metadata.sorted_tables:
            columns = set(table.columns.keys())
            for row in raw(table.name):
                if "school_id" in columns:
                    schools = {row["school_id"] or INSTANCE}
                elif "report_id" in columns:
                    schools = {report_school[row["report_id"]]}
                elif "user_id" in columns:
                    schools = user_schools.get(row["user_id"], set()) or {INSTANCE}
                elif table.name == "desk_users":
                    schools = user_schools.get(row["id"], set()) or {INSTANCE}
                elif table.name == "followup_attempts":
                    schools = {attempts.get(row["key_hash"], INSTANCE)}
                else:
                    assert table.name in UNATTRIBUTED, f"{table.name}: whose rows are these?"
                    schools = {INSTANCE}
                text = repr(sorted(dict(row).items()))
                for school in schools:
                    found.setdefault(school, {}).setdefault(table.name, []).append(text)
    return {school: {name: sorted(rows) for name, rows in tables.items()} for school, tables in found.items()}


def mail_files(outbox: Path, references: List[str]) -> Dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(outbox.glob("*.eml"))
            if any(reference.encode() in path.read_bytes() for reference in references)}


def without_export_entry(export: Dict, entry_detail: str) -> Dict:
    """An export as it was before the export that ``entry_detail`` records was audited."""
    copy = json.loads(json.dumps(export))
    kept = [e for e in copy["audit_log"] if not (e["action"] == "export_reports" and e["detail"] == entry_detail)]
    assert len(kept) == len(copy["audit_log"]) - 1
    copy["audit_log"] = kept
    copy["counts"]["audit_entries"] -= 1
    return copy


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_export_and_erase_one_school(backend, environment, request):
    tmp_path = environment
    url = request.getfixturevalue("cluster").url if backend == "postgresql" else f"sqlite:///{tmp_path / 'k.db'}"
    world = school_world(tmp_path, url)
    app, refs, texts = world["app"], world["refs"], world["texts"]
    owner = {reference: school for school in refs for reference in refs[school]}
    try:
        before = rows_by_school(app.engine, owner)
        assert set(before) == {SCHOOL_A, SCHOOL_B, INSTANCE}
        assert {"reports", "notifications", "case_entries", "pupil_messages", "pupil_additions", "nazorg_answers",
                "status_changes", "report_followups", "followup_attempts", "desk_users", "desk_user_schools",
                "desk_sessions", "desk_second_factors", "desk_recovery_codes", "audit_log"} <= set(before[SCHOOL_A])
        mails_b = mail_files(world["outbox"], refs[SCHOOL_B])
        assert mail_files(world["outbox"], refs[SCHOOL_A]) and mails_b

        # The export of A: all of A, opened; nothing of B.
        exported = school_data.export_school(app, SCHOOL_A)
        dump = json.dumps(exported, ensure_ascii=False)
        assert sorted(r["report"]["reference"] for r in exported["reports"]) == sorted(refs[SCHOOL_A])
        for text in texts[SCHOOL_A]:
            assert text in dump, text
        for marker in texts[SCHOOL_B] + refs[SCHOOL_B] + [SCHOOL_B, "bert"]:
            assert marker not in dump, marker
        assert "kb1:" not in dump  # every sealed value opened
        full = next(r for r in exported["reports"] if r["report"]["reference"] == refs[SCHOOL_A][0])
        assert full["has_secret"] and full["nazorg_date"] == "2026-12-08" and full["nazorg"][0]["answer"] == "gestopt"
        assert [len(full[k]) for k in ("entries", "messages", "additions", "history")] == [1, 1, 1, 1]
        assert {n["recipient_role"] for n in full["notifications"]} == {"aanspreekpunt"}
        assert [(u["username"], u["role"]) for u in exported["users"]] == [
            ("anna", "aanspreekpunt"), ("bea", "beheerder"), ("dirk", "coordinator")]
        assert all(set(u) == {"username", "role", "active", "created_at", "last_login_at"} for u in exported["users"])
        assert len(exported["audit_log"]) == len(before[SCHOOL_A]["audit_log"])
        assert all(e["school_id"] == SCHOOL_A for e in exported["audit_log"])
        assert exported["counts"]["reports"] == 3

        # B's own export and rows, before A goes.
        export_b = school_data.export_school(app, SCHOOL_B)
        rows_b = rows_by_school(app.engine, owner)[SCHOOL_B]

        result = school_data.erase_school(app, SCHOOL_A, world["outbox"])
        assert (result.reports, result.users_removed, result.users_kept) == (3, 2, 1)

        after = rows_by_school(app.engine, owner)
        assert after[SCHOOL_B] == rows_b  # byte for byte, sealed values included
        again = school_data.export_school(app, SCHOOL_B)
        detail = next(e["detail"] for e in again["audit_log"] if e["action"] == "export_reports")
        assert json.dumps(without_export_entry(again, detail), sort_keys=True) == json.dumps(export_b, sort_keys=True)
        assert mail_files(world["outbox"], refs[SCHOOL_B]) == mails_b
        assert not mail_files(world["outbox"], refs[SCHOOL_A])

        # Nothing of A in any table, but the one entry that records the erasure.
        left = after.get(SCHOOL_A, {})
        assert {name: len(rows) for name, rows in left.items()} == {"audit_log": 1}, left
        (entry,) = school_data.export_school(app, SCHOOL_A)["audit_log"][:1]
        assert entry["action"] == "delete_report" and entry["detail"].startswith(f"school {SCHOOL_A} gewist: 3 ")
        for text in texts[SCHOOL_A] + refs[SCHOOL_A]:
            assert text not in repr(after), text
        with app.uow() as uow:
            names = {u.username: u.schools for u in uow.desk.users(school_ids=None)}
        assert names == {"bert": frozenset({SCHOOL_B}), "dirk": frozenset({SCHOOL_B})}
    finally:
        app.close()


def test_command_line(environment, capsys, monkeypatch):
    """``klankbord schools``: list, export to a new owner-only file, erase only what is no longer served."""
    tmp_path = environment
    url = f"sqlite:///{tmp_path / 'k.db'}"
    world = school_world(tmp_path, url)
    world["app"].close()
    folder = tmp_path / "schools"
    monkeypatch.setenv("KLANKBORD_SCHOOLS", str(folder))
    monkeypatch.setenv("KLANKBORD_DATABASE_URL", url)

    code, out, _ = run(capsys, "schools", "list", "--json")
    listed = {s["school_id"]: s for s in json.loads(out)}
    assert code == 0 and listed[SCHOOL_A]["reports"] == 3 and listed[SCHOOL_A]["users"] == 3
    assert listed[SCHOOL_B]["name"] == "De Tweede School"

    out_file = tmp_path / "export" / "a.json"
    out_file.parent.mkdir()
    code, out, _ = run(capsys, "schools", "export", SCHOOL_A, "--out", str(out_file))
    assert code == 0 and "persoonsgegevens" in out and "personal data" in out
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    exported = json.loads(out_file.read_text(encoding="utf-8"))
    assert sorted(r["report"]["reference"] for r in exported["reports"]) == sorted(world["refs"][SCHOOL_A])
    code, _, err = run(capsys, "schools", "export", SCHOOL_A, "--out", str(out_file))
    assert code == common.EXIT_USAGE and "bestaat al" in err  # never overwritten
    code, _, err = run(capsys, "schools", "export", "nepschool", "--out", str(tmp_path / "x.json"))
    assert code == common.EXIT_NOT_FOUND and not (tmp_path / "x.json").exists()

    code, _, err = run(capsys, "schools", "erase", SCHOOL_A, "--yes")
    assert code == common.EXIT_USAGE and "nog bediend" in err  # A's file is still there
    (folder / f"{SCHOOL_A}.yml").unlink()
    code, out, _ = run(capsys, "schools", "list")
    assert code == 0 and "niet meer bediend" in out
    code, _, err = run(capsys, "schools", "erase", SCHOOL_A)
    assert code == common.EXIT_USAGE and "--yes" in err
    code, out, _ = run(capsys, "schools", "erase", SCHOOL_A, "--yes")
    assert code == 0 and "3 meldingen" in out
    code, out, _ = run(capsys, "schools", "list", "--json")
    listed = {s["school_id"]: s for s in json.loads(out)}
    assert listed[SCHOOL_A] == {"school_id": SCHOOL_A, "name": None, "reports": 0, "users": 0, "audit_entries": 1}
    assert listed[SCHOOL_B]["reports"] == 3
    (tmp_path / "again").mkdir()
    app = make_desk(tmp_path, url=url, schools=two_schools(tmp_path / "again"))
    try:
        (entry,) = [e for e in school_data.export_school(app, SCHOOL_A)["audit_log"]]
        assert entry["actor"].startswith("cli:") and "gewist" in entry["detail"]
    finally:
        app.close()


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q", *sys.argv[1:]]))
