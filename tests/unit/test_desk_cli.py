"""``klankbord users ...`` and ``klankbord reports status``, and the audit log of the command line."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest

from bot.entrypoints.cli import common, main as cli
from bot.domain.school import PROJECT_ROOT
from bot.services import audit
from bot.bootstrap import bootstrap
from bot.services.users import LoginOutcome
from bot.domain.report import new_reference
from tests.support.desk import login, remember_secret
from tests.unit.test_cli import env, run, submit  # noqa: F401  (fixture and helpers)


@pytest.fixture
def desk(env):  # noqa: F811
    d = bootstrap(database_url=env["url"], start_worker=False)
    yield d
    d.close()


def add(capsys, monkeypatch, *argv, password="een-lang-wachtwoord-1"):
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    code, out, err = run(capsys, "users", "add", *argv, "--password-stdin")
    printed = re.search(r"key: ([A-Z2-7]+)", out)
    if printed:  # the second factor's secret, as the new user would put it in an app
        remember_secret(argv[0].lower(), printed.group(1))
    return code, out, err


def test_users_add_list_and_login(env, capsys, monkeypatch, desk):  # noqa: F811
    code, out, _ = add(capsys, monkeypatch, "Anna", "--role", "aanspreekpunt")
    assert code == 0 and "anna" in out
    code, out, _ = run(capsys, "users", "list", "--json")
    listed = json.loads(out)
    assert [(u["username"], u["role"], u["active"]) for u in listed] == [("anna", "aanspreekpunt", True)]
    assert "hash" not in out
    assert login(desk, "anna", "een-lang-wachtwoord-1").outcome is LoginOutcome.OK
    added = next(e for e in audit.entries(desk, None) if e.action == "user_added")
    assert added.actor.startswith("cli:") and added.actor_role == "cli" and added.detail == "anna (aanspreekpunt)"


def test_users_add_refusals(env, capsys, monkeypatch):  # noqa: F811
    code, _, err = add(capsys, monkeypatch, "anna", "--role", "aanspreekpunt", password="kort")
    assert code == common.EXIT_USAGE and "wachtwoord" in err
    with pytest.raises(SystemExit):
        run(capsys, "users", "add", "anna", "--role", "directeur", "--password-stdin")
    add(capsys, monkeypatch, "anna", "--role", "aanspreekpunt")
    code, _, err = add(capsys, monkeypatch, "anna", "--role", "coordinator")
    assert code == common.EXIT_USAGE and "al een gebruiker" in err


def test_users_add_without_terminal_needs_password_stdin(env, capsys, monkeypatch):  # noqa: F811
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "users", "add", "anna", "--role", "beheerder")
    assert code == common.EXIT_USAGE and "--password-stdin" in err


def test_disable_unlock_and_passwd(env, capsys, monkeypatch, desk):  # noqa: F811
    add(capsys, monkeypatch, "anna", "--role", "aanspreekpunt")
    for _ in range(5):
        login(desk, "anna", "fout")
    assert login(desk, "anna", "een-lang-wachtwoord-1").outcome is LoginOutcome.LOCKED
    assert run(capsys, "users", "unlock", "anna")[0] == 0
    assert login(desk, "anna", "een-lang-wachtwoord-1").outcome is LoginOutcome.OK
    monkeypatch.setattr(sys, "stdin", io.StringIO("nog-een-wachtwoord-2\n"))
    assert run(capsys, "users", "passwd", "anna", "--password-stdin")[0] == 0
    assert login(desk, "anna", "nog-een-wachtwoord-2").outcome is LoginOutcome.OK
    assert run(capsys, "users", "disable", "anna")[0] == 0
    assert login(desk, "anna", "nog-een-wachtwoord-2").outcome is LoginOutcome.FAILED
    assert run(capsys, "users", "disable", "niemand")[0] == common.EXIT_USAGE


def test_reports_status_and_every_report_command_is_audited(env, capsys, desk):  # noqa: F811
    ref = submit(env)
    assert run(capsys, "reports", "list")[0] == 0
    assert run(capsys, "reports", "show", ref.lower())[0] == 0
    code, out, _ = run(capsys, "reports", "status", ref, "in_behandeling")
    assert code == 0 and "nieuw -> in_behandeling" in out
    code, _, err = run(capsys, "reports", "status", ref, "afgesloten")
    assert code == common.EXIT_USAGE and "reden" in err
    assert run(capsys, "reports", "status", ref, "afgesloten", "--reason", "opgelost")[0] == 0
    assert run(capsys, "reports", "status", new_reference(), "afgesloten")[0] == common.EXIT_NOT_FOUND
    assert run(capsys, "reports", "status", "rommel", "afgesloten")[0] == common.EXIT_USAGE
    assert run(capsys, "reports", "delete", ref)[0] == 0
    assert run(capsys, "reports", "purge")[0] == 0
    entries = list(reversed(audit.entries(desk, None)))
    assert [(e.action, e.reference) for e in entries] == [
        ("list_reports", None), ("view_report", ref), ("change_status", ref), ("change_status", ref),
        ("delete_report", ref), ("purge_reports", None),
    ]
    assert all(e.actor.startswith("cli:") and e.actor_role == "cli" for e in entries)
    assert "Daan" not in repr(entries) and "dom" not in repr(entries)


def test_installed_command_knows_the_new_subcommands():
    result = subprocess.run([sys.executable, "-m", "bot.entrypoints.cli.main", "users", "add", "--help"],
                            capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert result.returncode == 0 and "--role" in result.stdout and "--password-stdin" in result.stdout


def test_users_add_and_totp_print_the_second_factor_once(env, capsys, monkeypatch, desk):  # noqa: F811
    code, out, _ = add(capsys, monkeypatch, "jan", "--role", "coordinator")
    assert code == 0 and "otpauth://totp/" in out
    recovery = re.findall(r"^    ([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})$", out, re.M)
    assert len(recovery) == 10
    assert login(desk, "jan", "een-lang-wachtwoord-1").outcome is LoginOutcome.OK
    assert "otpauth://" not in run(capsys, "users", "list")[1]
    code, out, _ = run(capsys, "users", "totp", "jan")
    new_key = re.search(r"key: ([A-Z2-7]{32})$", out, re.M).group(1)
    assert code == 0 and len(re.findall(r"^    [a-z2-9-]{14}$", out, re.M)) == 10
    remember_secret("jan", new_key)
    assert login(desk, "jan", "een-lang-wachtwoord-1").outcome is LoginOutcome.OK
    assert run(capsys, "users", "totp", "niemand")[0] == common.EXIT_USAGE
    _, out, _ = add(capsys, monkeypatch, "beheer", "--role", "beheerder")
    assert "otpauth://" not in out  # may enrol later with `users totp`
    assert any(e.detail == "jan: tweede stap ingesteld" for e in audit.entries(desk, None))
