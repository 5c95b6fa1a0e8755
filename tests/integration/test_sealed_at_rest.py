"""Children's words at rest: the database file, its WAL and the .eml files hold no description,
name or contact in clear; files are owner-only; a data key rotates; production needs a key."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from bot import settings
from bot.bootstrap import bootstrap
from bot.domain.school import load_config
from bot.adapters.mail.senders import EmlOutboxSender
from bot.adapters.storage import sealed
from tests.support.desk import SECRET_FIELDS, add_report, make_desk
from tests.support.servers import ROOT

pytestmark = pytest.mark.integration


def _report(desk):
    from bot.domain.report import Confidentiality, Report, ReporterRole, new_reference

    report = Report(reference=new_reference(), school_id=desk.config.school_id, reporter_role=ReporterRole.LEERLING,
                    description=SECRET_FIELDS[0], people_involved=SECRET_FIELDS[1], contact=SECRET_FIELDS[2],
                    confidentiality=Confidentiality.VERTROUWELIJK, kinds=["schelden"], places=["klas"])
    return report


def _bytes_below(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_no_pupil_words_in_the_database_or_mail_files_and_owner_only(tmp_path):
    old = os.umask(0o022)  # what a careless shell would leave
    try:
        desk = make_desk(tmp_path)
        try:
            ref = add_report(desk)
            submitted = desk.submit_report(_report(desk))  # with its notifications, delivered as .eml
            with desk.uow() as uow:
                assert uow.reports.get(ref).description == SECRET_FIELDS[0]  # control: it opens
                assert uow.reports.get(submitted).contact == SECRET_FIELDS[2]
        finally:
            desk.close()
    finally:
        os.umask(old)
    files = _bytes_below(tmp_path)
    assert any(p.suffix == ".eml" for p in files) and any(p.name == "desk.db" for p in files)
    for path, data in files.items():
        for secret in SECRET_FIELDS:
            for word in (secret, secret.split(": ", 1)[1]):
                assert word.encode() not in data, f"{word!r} in clear in {path.name}"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in {p.parent for p in files}:
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, folder
    assert sealed.PREFIX.encode() in files[tmp_path / "desk.db"] or any(
        sealed.PREFIX.encode() in d for p, d in files.items() if p.name.startswith("desk.db"))


def test_a_value_sealed_for_one_column_does_not_open_in_another():
    key_id, key = sealed.new_key()
    ring = sealed.Keyring({key_id: key}, key_id)
    value = ring.seal("Piet Pietersen", "reports.people_involved")
    assert ring.open(value, "reports.people_involved") == "Piet Pietersen"
    with pytest.raises(sealed.SealError):
        ring.open(value, "reports.description")
    with pytest.raises(sealed.SealError):
        sealed.Keyring({key_id: sealed.new_key()[1]}, key_id).open(value, "reports.people_involved")


def test_keys_rotate_reseals_everything_and_old_values_still_open(tmp_path, monkeypatch):
    key_file = tmp_path / "keys" / "data.key"
    key_file.parent.mkdir()
    first_id, first_key = sealed.new_key()
    sealed.write_key_file(key_file, {first_id: first_key}, first_id)
    monkeypatch.setenv("KLANKBORD_DATA_KEY_FILE", str(key_file))
    sealed.use(None)
    url = f"sqlite:///{tmp_path / 'k.db'}"
    try:
        desk = make_desk(tmp_path, url=url)
        try:
            ref = add_report(desk)
        finally:
            desk.close()
        assert f"kb1:{first_id}:".encode() in (tmp_path / "k.db").read_bytes() + _wal(tmp_path)
        env = {**os.environ, "KLANKBORD_DATA_KEY_FILE": str(key_file), "KLANKBORD_DATABASE_URL": url}
        done = subprocess.run([sys.executable, "-m", "bot.entrypoints.cli.main", "keys", "rotate"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        keys, current = settings.data_keys(env)
        assert current != first_id and set(keys) == {current, first_id}
        sealed.use(None)
        app = bootstrap(config=load_config(), database_url=url, sender=EmlOutboxSender(tmp_path / "out"))
        try:
            with app.uow_factory() as uow:
                assert uow.reports.get(ref).description == SECRET_FIELDS[0]
            with app.engine.connect() as connection:
                raw = connection.exec_driver_sql("SELECT description FROM reports").scalar()
            assert raw.startswith(f"kb1:{current}:")
        finally:
            app.close()
    finally:
        sealed.use(None)


def _wal(folder):
    wal = folder / "k.db-wal"
    return wal.read_bytes() if wal.exists() else b""


def test_production_refuses_to_start_without_a_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLANKBORD_DATA_KEY")}
    env.update({"KLANKBORD_MODE": "production", "KLANKBORD_DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}"})
    done = subprocess.run([sys.executable, "-m", "bot.entrypoints.cli.main", "check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "KLANKBORD_DATA_KEY_FILE" in done.stderr and "production" in done.stderr
    assert not (tmp_path / "p.db").exists()
