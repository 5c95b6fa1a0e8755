"""Every ``klankbord`` command on a server of two schools: working for school A, none of them shows,
counts, changes or erases anything of school B, and a report of B is "not found" exactly like a report
that does not exist. The commands are read from the argparse parser, so a new one needs a case here."""
from __future__ import annotations

import argparse
import io
import json
import sys
from datetime import datetime, timedelta, timezone
from typing import Callable, Dict, Set

import pytest

from bot.adapters.storage import sealed
from bot.bootstrap import bootstrap
from bot.domain.report import Confidentiality, Report, ReporterRole, Status, new_reference
from bot.domain.school import DEFAULT_CONFIG, load_schools
from bot.entrypoints.cli import common, main as cli
from bot.services import audit
from tests.support.desk import SCHOOL_A, SCHOOL_B, second_school_file
from tests.unit.test_cli import SMTP_VARS

B_TEXT = "SCHOOL-B-GEHEIM: ze pakken mijn tas af"
PASSWORD = "een-lang-wachtwoord-1"


def commands(parser: argparse.ArgumentParser, prefix: str = "") -> Set[str]:
    """Every command of the parser, as 'group command' (or 'group' for one without subcommands)."""
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        return {prefix.strip()}
    found: Set[str] = set()
    for name, child in subparsers[0].choices.items():
        found |= commands(child, f"{prefix} {name}")
    return found


@pytest.fixture
def server(tmp_path, monkeypatch):
    """Two schools in a folder, a SQLite file, a key file (``keys rotate``), reports of both schools."""
    folder = tmp_path / "schools"
    folder.mkdir()
    (folder / DEFAULT_CONFIG.name).write_text(DEFAULT_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    second_school_file(folder)
    key_file = tmp_path / "keys" / "data.key"
    key_file.parent.mkdir()
    key_id, key = sealed.new_key()
    sealed.write_key_file(key_file, {key_id: key}, key_id)
    url = f"sqlite:///{tmp_path / 'klankbord.db'}"
    for name, value in (("KLANKBORD_SCHOOLS", str(folder)), ("KLANKBORD_DATABASE_URL", url),
                        ("KLANKBORD_OUTBOX_DIR", str(tmp_path / "outbox")), ("KLANKBORD_DATA_KEY_FILE", str(key_file))):
        monkeypatch.setenv(name, value)
    for name in SMTP_VARS + ["KLANKBORD_SCHOOL_CONFIG", "KLANKBORD_DATA_KEY"]:
        monkeypatch.delenv(name, raising=False)
    app = bootstrap(config=load_schools(folder), database_url=url)
    old = datetime.now(timezone.utc) - timedelta(days=800)  # past both schools' retention

    def submit(school: str, description: str, **changes) -> str:
        return app.submit_report(Report(
            reference=new_reference(), school_id=school, reporter_role=ReporterRole.LEERLING,
            description=description, confidentiality=Confidentiality.VERTROUWELIJK, kinds=["schelden"],
            places=["klas"], contact="Noor, 2a", **changes))

    try:
        refs = {SCHOOL_A: [submit(SCHOOL_A, "ze schelden") for _ in range(3)],
                SCHOOL_B: [submit(SCHOOL_B, B_TEXT) for _ in range(4)]}
        refs["b_old"] = submit(SCHOOL_B, B_TEXT, created_at=old)
        yield {"app": app, "refs": refs, "url": url, "tmp": tmp_path}
    finally:
        app.close()
        sealed.use(None)


def run(capsys, monkeypatch, *argv, stdin: str = ""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _b_markers(server) -> list:
    return server["refs"][SCHOOL_B] + [server["refs"]["b_old"], B_TEXT, "pakken mijn tas"]


def _clean(server, *outputs: str) -> None:
    for text in outputs:
        for marker in _b_markers(server):
            assert marker not in text, marker


def _like_nothing(server, capsys, monkeypatch, *argv_with_ref) -> None:
    """The command with B's code and with a code that does not exist: the same exit and words."""
    seen = []
    for reference in (server["refs"][SCHOOL_B][0], new_reference()):
        argv = [reference if a == "REF" else a for a in argv_with_ref]
        code, out, err = run(capsys, monkeypatch, *argv)
        seen.append((code, out.replace(reference, "REF"), err.replace(reference, "REF")))
    assert seen[0] == seen[1] and seen[0][0] == common.EXIT_NOT_FOUND, seen
    _clean(server, *seen[0][1:])


def _needs_school(capsys, monkeypatch, *argv) -> None:
    code, _, err = run(capsys, monkeypatch, *argv, stdin=PASSWORD + "\n")
    assert code == common.EXIT_USAGE and "--school" in err and SCHOOL_A in err, err
    code, _, err = run(capsys, monkeypatch, *argv, "--school", "nepschool", stdin=PASSWORD + "\n")
    assert code == common.EXIT_USAGE and "'nepschool'" in err, err


def _b_unchanged(server) -> None:
    with server["app"].uow() as uow:
        for reference in server["refs"][SCHOOL_B] + [server["refs"]["b_old"]]:
            report = uow.reports.get(reference)
            assert report is not None and report.status is Status.NIEUW, reference


def case_reports_list(server, capsys, monkeypatch):
    _needs_school(capsys, monkeypatch, "reports", "list")
    code, out, _ = run(capsys, monkeypatch, "reports", "list", "--json", "--school", SCHOOL_A)
    assert code == 0 and sorted(r["reference"] for r in json.loads(out)) == sorted(server["refs"][SCHOOL_A])
    _clean(server, out, run(capsys, monkeypatch, "reports", "list", "--school", SCHOOL_A)[1])


def case_reports_show(server, capsys, monkeypatch):
    _needs_school(capsys, monkeypatch, "reports", "show", server["refs"][SCHOOL_A][0])
    _like_nothing(server, capsys, monkeypatch, "reports", "show", "REF", "--school", SCHOOL_A)
    _like_nothing(server, capsys, monkeypatch, "reports", "show", "REF", "--json", "--school", SCHOOL_A)
    assert run(capsys, monkeypatch, "reports", "show", server["refs"][SCHOOL_A][0], "--school", SCHOOL_A)[0] == 0


def case_reports_status(server, capsys, monkeypatch):
    _needs_school(capsys, monkeypatch, "reports", "status", server["refs"][SCHOOL_A][0], "in_behandeling")
    _like_nothing(server, capsys, monkeypatch, "reports", "status", "REF", "in_behandeling", "--school", SCHOOL_A)
    _b_unchanged(server)


def case_reports_export(server, capsys, monkeypatch):
    _needs_school(capsys, monkeypatch, "reports", "export")
    code, out, _ = run(capsys, monkeypatch, "reports", "export", "--school", SCHOOL_A)
    exported = json.loads(out)
    assert code == 0 and sorted(r["reference"] for r in exported) == sorted(server["refs"][SCHOOL_A])
    assert all(r["school_id"] == SCHOOL_A and "case_log" in r for r in exported)
    _clean(server, out)


def case_reports_purge(server, capsys, monkeypatch):
    _needs_school(capsys, monkeypatch, "reports", "purge")
    code, out, _ = run(capsys, monkeypatch, "reports", "purge", "--school", SCHOOL_A)
    assert code == 0 and out.startswith("0 ")  # B's old report is due, but not A's to erase
    _b_unchanged(server)


def case_reports_delete(server, capsys, monkeypatch):
    _needs_school(capsys, monkeypatch, "reports", "delete", server["refs"][SCHOOL_A][0])
    _like_nothing(server, capsys, monkeypatch, "reports", "delete", "REF", "--school", SCHOOL_A)
    _b_unchanged(server)


def case_monitoring_export(server, capsys, monkeypatch):
    _needs_school(capsys, monkeypatch, "monitoring", "export")
    code, out, _ = run(capsys, monkeypatch, "monitoring", "export", "--school", SCHOOL_A)
    rows = [line.split(";") for line in out.splitlines()]
    assert code == 0 and [r[4] for r in rows if r[1] == "totaal"] == ["3"]  # B's 4 this year are not counted
    assert [r[4] for r in rows if r[1] == "role" and r[2] == "leerling"] == ["3"]
    _clean(server, out)


def case_users_add(server, capsys, monkeypatch):
    _needs_school(capsys, monkeypatch, "users", "add", "carla", "--role", "beheerder", "--password-stdin")
    code, out, _ = run(capsys, monkeypatch, "users", "add", "carla", "--role", "bestuur", "--school", SCHOOL_A,
                       "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and SCHOOL_B not in out
    _clean(server, out)


def case_users_list(server, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "users", "list", "--json", "--school", SCHOOL_A)
    listed = {u["username"]: u["schools"] for u in json.loads(out)}
    assert code == 0 and {"anna", "dirk"} <= set(listed) and "bert" not in listed  # bert is B's
    assert all(schools == [SCHOOL_A] for schools in listed.values())  # dirk's B is not shown
    code, out, _ = run(capsys, monkeypatch, "users", "list", "--json")  # the server's administrator: everyone
    assert {"anna", "bert", "dirk"} <= {u["username"] for u in json.loads(out)}
    _clean(server, out)


def case_users_schools(server, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "users", "schools", "anna", "--add", SCHOOL_B, "--remove", SCHOOL_B)
    assert code == 0 and SCHOOL_B not in out.split(":", 1)[1]
    code, _, err = run(capsys, monkeypatch, "users", "schools", "anna", "--add", "nepschool")
    assert code == common.EXIT_USAGE and "'nepschool'" in err
    _clean(server, out, err)


def case_schools_list(server, capsys, monkeypatch):
    """The server's administrator sees every school with counts (no report, no text)."""
    code, out, err = run(capsys, monkeypatch, "schools", "list", "--json")
    assert code == 0 and {s["school_id"] for s in json.loads(out)} == {SCHOOL_A, SCHOOL_B}
    _clean(server, out, err)


def case_schools_export(server, capsys, monkeypatch):
    target = server["tmp"] / "export-a.json"
    code, out, err = run(capsys, monkeypatch, "schools", "export", SCHOOL_A, "--out", str(target))
    exported = target.read_text(encoding="utf-8")
    assert code == 0 and all(r in exported for r in server["refs"][SCHOOL_A])
    assert '"dirk"' in exported and SCHOOL_B not in exported  # dirk's other school is B's business
    _clean(server, out, err, exported)


def case_schools_erase(server, capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, "schools", "erase", SCHOOL_A, "--yes")
    assert code == common.EXIT_USAGE  # still served: refused
    code, _, err2 = run(capsys, monkeypatch, "schools", "erase", "nepschool", "--yes")
    assert code == common.EXIT_NOT_FOUND
    _clean(server, err, err2)
    _b_unchanged(server)


def _user_command(*argv, stdin: str = ""):
    def case(server, capsys, monkeypatch):
        code, out, err = run(capsys, monkeypatch, *argv, stdin=stdin)
        assert code == 0, err
        _clean(server, out, err)
    return case


def _instance_command(*argv):
    """Upkeep of the whole server (mail, schema, keys, settings): no report of B in what it says."""
    def case(server, capsys, monkeypatch):
        code, out, err = run(capsys, monkeypatch, *argv)
        assert code == 0, err
        _clean(server, out, err)
    return case


CASES: Dict[str, Callable] = {
    "reports list": case_reports_list,
    "reports show": case_reports_show,
    "reports status": case_reports_status,
    "reports export": case_reports_export,
    "reports purge": case_reports_purge,
    "reports delete": case_reports_delete,
    "monitoring export": case_monitoring_export,
    "users add": case_users_add,
    "users list": case_users_list,
    "users schools": case_users_schools,
    "users passwd": _user_command("users", "passwd", "anna", "--password-stdin", stdin="nog-een-wachtwoord-2\n"),
    "users disable": _user_command("users", "disable", "anna"),
    "users enable": _user_command("users", "enable", "anna"),
    "users unlock": _user_command("users", "unlock", "anna"),
    "users totp": _user_command("users", "totp", "anna"),
    "schools list": case_schools_list,
    "schools export": case_schools_export,
    "schools erase": case_schools_erase,
    "outbox send": _instance_command("outbox", "send"),
    "db upgrade": _instance_command("db", "upgrade"),
    "keys rotate": _instance_command("keys", "rotate"),
    "check": _instance_command("check"),
}


def test_every_command_has_a_case():
    assert commands(cli.build_parser()) == set(CASES)


def test_no_command_for_school_a_reaches_school_b(server, capsys, monkeypatch):
    for name, school in (("anna", SCHOOL_A), ("bert", SCHOOL_B)):
        assert run(capsys, monkeypatch, "users", "add", name, "--role", "aanspreekpunt", "--school", school,
                   "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    assert run(capsys, monkeypatch, "users", "add", "dirk", "--role", "coordinator", "--school", SCHOOL_A,
               "--school", SCHOOL_B, "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    for name in sorted(CASES):
        CASES[name](server, capsys, monkeypatch)
    _b_unchanged(server)
    b_refs = set(server["refs"][SCHOOL_B]) | {server["refs"]["b_old"]}
    assert not [e for e in audit.entries(server["app"], None) if e.reference in b_refs and e.actor.startswith("cli:")]
    # What the command line did for A is filed under A: B's beheerder does not see it.
    assert not [e for e in audit.entries(server["app"], [SCHOOL_B])
                if e.actor.startswith("cli:") and e.action in ("list_reports", "export_reports", "purge_reports")]
