"""The ``klankbord`` command line, run in-process against a SQLite file in a temporary folder."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from email import policy
from email.parser import BytesParser

import pytest
import yaml

from bot.entrypoints.cli import common, main as cli
from bot.bootstrap import bootstrap
from bot.domain.school import DEFAULT_CONFIG, PROJECT_ROOT, load_config
from bot.domain.report import Confidentiality, Report, ReporterRole, SafetyCategory, Urgency, new_reference

SMTP_VARS = ["KLANKBORD_SMTP_HOST", "KLANKBORD_SMTP_PORT", "KLANKBORD_SMTP_TLS", "KLANKBORD_SMTP_USER",
             "KLANKBORD_SMTP_PASSWORD", "KLANKBORD_SMTP_FROM"]
DESCRIPTION = "Ze noemen me elke dag <b>dom</b> & lelijk \U0001F622"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A school configuration whose outbox is in tmp_path, and a SQLite database there."""
    data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    data["notification"] = {"outbox_dir": str(tmp_path / "outbox")}
    config_path = tmp_path / "school.yml"
    config_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("KLANKBORD_SCHOOL_CONFIG", str(config_path))
    url = f"sqlite:///{tmp_path / 'klankbord.db'}"
    monkeypatch.setenv("KLANKBORD_DATABASE_URL", url)
    monkeypatch.delenv("KLANKBORD_OUTBOX_DIR", raising=False)
    for name in SMTP_VARS:
        monkeypatch.delenv(name, raising=False)
    return {"config": config_path, "url": url, "outbox": tmp_path / "outbox", "tmp": tmp_path}


def submit(env, **changes) -> str:
    values = dict(
        reference=new_reference(), school_id="voorbeeldschool", reporter_role=ReporterRole.LEERLING,
        description=DESCRIPTION, confidentiality=Confidentiality.VERTROUWELIJK,
        kinds=["schelden"], places=["klas"], contact="Noor, 2a", people_involved="Daan en Bram",
    )
    values.update(changes)
    app = bootstrap(config=load_config(env["config"]), database_url=env["url"])
    try:
        return app.submit_report(Report(**values))
    finally:
        app.close()


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_without_reports(env, capsys):
    code, out, _ = run(capsys, "reports", "list")
    assert code == 0
    assert "Geen meldingen" in out
    code, out, _ = run(capsys, "reports", "list", "--json")
    assert code == 0 and json.loads(out) == []


def test_list_shows_codes_and_urgency_but_no_free_text(env, capsys):
    normal = submit(env)
    urgent = submit(env, urgency=Urgency.HOOG, urgency_reason=SafetyCategory.CRISIS)
    code, out, _ = run(capsys, "reports", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("CODE")
    assert urgent in lines[1] and "SPOED" in lines[1]  # newest first
    assert normal in lines[2] and "normaal" in lines[2]
    assert "dom" not in out and "Noor" not in out and "Daan" not in out

    code, out, _ = run(capsys, "reports", "list", "--json")
    rows = json.loads(out)
    assert [r["reference"] for r in rows] == [urgent, normal]
    assert rows[0]["urgency"] == "hoog" and rows[0]["urgency_reason"] == "crisis"
    assert rows[1]["kinds"] == ["schelden"] and rows[1]["places"] == ["klas"]
    assert "description" not in rows[0] and "contact" not in rows[0]


def test_show_accepts_the_code_in_any_case_and_spacing(env, capsys):
    ref = submit(env)
    typed = " " + ref.lower().replace("-", " ") + " "
    code, out, _ = run(capsys, "reports", "show", typed)
    assert code == 0
    assert ref in out
    assert DESCRIPTION in out  # plain text, exactly as the pupil wrote it
    assert "Noor, 2a" in out and "Daan en Bram" in out

    code, out, _ = run(capsys, "reports", "show", ref.replace("-", ""), "--json")
    data = json.loads(out)
    assert data["reference"] == ref
    assert data["description"] == DESCRIPTION
    assert data["contact"] == "Noor, 2a"
    assert data["notifications"][0]["status"] == "sent"  # written as .eml, no SMTP configured


def test_show_removes_terminal_escape_sequences(env, capsys):
    ref = submit(env, description="hoi\x1b[2J\x1b]0;pwned\x07 doei")
    code, out, _ = run(capsys, "reports", "show", ref)
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "hoi" in out and "doei" in out


def test_unknown_and_malformed_codes(env, capsys):
    code, out, err = run(capsys, "reports", "show", "K7QH-RM4C-XWN9")
    assert code == common.EXIT_NOT_FOUND
    assert "K7QH-RM4C-XWN9" in err and "no report" in err
    code, _, err = run(capsys, "reports", "show", "hallo")
    assert code == common.EXIT_USAGE
    assert "geen geldige code" in err
    code, _, err = run(capsys, "reports", "delete", "K7QH-RM4C-XWN9")
    assert code == common.EXIT_NOT_FOUND


def test_purge_deletes_what_is_due(env, capsys):
    retention = load_config(env["config"]).retention_days
    old = submit(env, created_at=datetime.now(timezone.utc) - timedelta(days=retention + 2))
    fresh = submit(env)
    code, out, _ = run(capsys, "reports", "purge")
    assert code == 0
    assert out.startswith("1 ")
    code, out, _ = run(capsys, "reports", "list", "--json")
    assert [r["reference"] for r in json.loads(out)] == [fresh]
    code, out, _ = run(capsys, "reports", "show", old)
    assert code == common.EXIT_NOT_FOUND
    code, out, _ = run(capsys, "reports", "purge")
    assert out.startswith("0 ")


def test_delete_erases_report_and_its_notifications(env, capsys):
    ref = submit(env, urgency=Urgency.HOOG)
    other = submit(env)
    code, out, _ = run(capsys, "reports", "delete", ref.lower())
    assert code == 0 and ref in out
    app = bootstrap(config=load_config(env["config"]), database_url=env["url"])
    try:
        with app.uow_factory() as uow:
            assert uow.reports.get(ref) is None
            assert uow.notifications.for_report(ref) == []
            assert len(uow.notifications.for_report(other)) == 1
            assert uow.notifications.counts() == {"sent": 1}
    finally:
        app.close()


def test_outbox_send_retries_what_failed(env, capsys, monkeypatch):
    # SMTP configured but nothing listens: the report is stored, the mail waits.
    monkeypatch.setenv("KLANKBORD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KLANKBORD_SMTP_PORT", "1")
    monkeypatch.setenv("KLANKBORD_SMTP_TLS", "none")
    ref = submit(env)
    code, out, err = run(capsys, "outbox", "send")
    assert code == common.EXIT_UNDELIVERED
    assert "nog in de wachtrij: 1" in out
    code, out, _ = run(capsys, "reports", "show", ref, "--json")
    [notification] = json.loads(out)["notifications"]
    assert notification["status"] == "pending" and notification["attempts"] == 2
    assert "ConnectionRefusedError" in notification["last_error"]

    # Without SMTP settings the manual pass writes .eml files, backoff or not.
    for name in SMTP_VARS:
        monkeypatch.delenv(name, raising=False)
    code, out, _ = run(capsys, "outbox", "send")
    assert code == 0
    assert out.startswith("1 verstuurd") and "nog in de wachtrij: 0" in out
    [eml] = list(env["outbox"].glob("*.eml"))
    parsed = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    assert ref in parsed["Subject"]
    code, out, _ = run(capsys, "outbox", "send")
    assert out.startswith("0 verstuurd")


def test_db_upgrade(env, capsys):
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0
    from bot.adapters.storage.database import head_revision

    assert f"(revisie {head_revision()})" in out  # not tied to one revision number
    assert (env["tmp"] / "klankbord.db").is_file()


def test_check_says_where_notifications_go(env, capsys, monkeypatch):
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert "Het Voorbeeld College" in out
    assert f".eml files to {env['outbox']}" in out
    from bot.adapters.storage.database import head_revision

    assert f"revisie {head_revision()}" in out
    monkeypatch.setenv("KLANKBORD_SMTP_HOST", "mail.school.example")
    monkeypatch.setenv("KLANKBORD_SMTP_PASSWORD", "supergeheim")
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert "mail.school.example:587 (starttls)" in out
    assert "supergeheim" not in out


def test_broken_configuration_is_named(env, capsys):
    data = yaml.safe_load(env["config"].read_text(encoding="utf-8"))
    data["aanspreekpunt"]["email"] = "geen-adres"
    env["config"].write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for command in (["reports", "list"], ["check"]):
        code, _, err = run(capsys, *command)
        assert code == common.EXIT_CONFIG
        assert str(env["config"]) in err and "aanspreekpunt.email" in err


def test_bad_smtp_setting_is_named(env, capsys, monkeypatch):
    monkeypatch.setenv("KLANKBORD_SMTP_HOST", "mail.example")
    monkeypatch.setenv("KLANKBORD_SMTP_TLS", "maybe")
    code, _, err = run(capsys, "outbox", "send")
    assert code == common.EXIT_CONFIG
    assert "KLANKBORD_SMTP_TLS" in err


def test_unreachable_database(env, capsys, monkeypatch):
    monkeypatch.setenv("KLANKBORD_DATABASE_URL", "postgresql://klankbord:geheim@127.0.0.1:1/klankbord")
    code, _, err = run(capsys, "reports", "list")
    assert code == common.EXIT_DATABASE
    assert "database" in err and "127.0.0.1:1" in err
    assert "geheim" not in err  # the password is never printed
    code, _, err = run(capsys, "--database-url", "nonsense://x", "reports", "list")
    assert code == common.EXIT_DATABASE


def test_missing_subcommand_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["reports"])
    assert exit_info.value.code == common.EXIT_USAGE


def test_entry_point_runs_as_a_program(env):
    result = subprocess.run(
        [sys.executable, "-m", "bot.entrypoints.cli.main", "reports", "show", "K7QH-RM4C-XWN9"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == common.EXIT_NOT_FOUND, result.stderr
    assert "K7QH-RM4C-XWN9" in result.stderr
