"""``scripts/restore_drill.py`` against a PostgreSQL cluster of the test's own, holding a few reports
with a case file and a desk user with a second factor (sealed values in several tables): the drill
backs up, restores into a fresh database, finds every table whole and every sealed value opening
with the key file and with nothing else, and leaves no dump and no drill database behind. With a key
file that is not the data's, the same drill fails and says so."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.adapters.storage import sealed
from bot.domain.desk import Role
from bot.services import cases
from tests.support.desk import add_report, add_user, make_desk
from tests.support.postgres_cluster import PostgresCluster, postgres_bin

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "restore_drill.py"


def key_file(path: Path) -> Path:
    key_id, key = sealed.new_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    sealed.write_key_file(path, {key_id: key}, key_id)
    return path


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """The cluster, its URL, the key file, and the reports stored (sealed with that key)."""
    folder = tmp_path_factory.mktemp("drill")
    keys = key_file(folder / "keys" / "data.keys")
    cluster = PostgresCluster().start()
    previous = os.environ.get("KLANKBORD_DATA_KEY_FILE")
    os.environ["KLANKBORD_DATA_KEY_FILE"] = str(keys)
    try:
        app = make_desk(folder, url=cluster.url)
        try:
            references = [add_report(app) for _ in range(3)]
            handler = add_user(app, "anna", Role.AANSPREEKPUNT)
            cases.add_entry(app, handler, references[0], date(2026, 11, 20), "gesprek met de mentor", "mevrouw Jansen")
        finally:
            app.close()
        yield {"url": cluster.url, "keys": keys, "folder": folder, "references": references, "cluster": cluster}
    finally:
        sealed.use(None)
        if previous is None:
            os.environ.pop("KLANKBORD_DATA_KEY_FILE", None)
        else:
            os.environ["KLANKBORD_DATA_KEY_FILE"] = previous
        cluster.destroy()


def drill(database, keys: Path, work: Path, *more: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--database-url", database["url"], "--key-file", str(keys),
         "--work", str(work), "--pg-bin", str(postgres_bin()), *more],
        capture_output=True, text=True, timeout=300, cwd=ROOT)


def tables(url: str) -> set:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return set(connection.execute(sa.text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
    finally:
        engine.dispose()


def databases(url: str) -> set:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return set(connection.execute(sa.text("SELECT datname FROM pg_database")).scalars())
    finally:
        engine.dispose()


def figures(output: str) -> dict:
    """The table rows the drill printed: name -> (rows, restored, same)."""
    return {m.group(1): (int(m.group(2)), int(m.group(3)), m.group(4))
            for m in re.finditer(r"^   (\w+)\s+(\d+)\s+(\d+)\s+(yes|NO)$", output, re.MULTILINE)}


def test_the_drill_restores_everything_and_only_the_key_file_opens_it(database, tmp_path):
    before = databases(database["url"])
    result = drill(database, database["keys"], tmp_path / "work")
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASSED" in result.stdout
    printed = figures(result.stdout)
    assert printed["reports"] == (3, 3, "yes") and printed["case_entries"] == (1, 1, "yes")
    assert printed["alembic_version"] == (1, 1, "yes") and printed["desk_second_factors"] == (1, 1, "yes")
    assert len(printed) == len(tables(database["url"])) and all(same == "yes" for _, _, same in printed.values())
    opened = re.search(r"4\. keys:\s+(\d+) sealed values in \d+ columns; (\d+) open with the key file, 0 not sealed",
                       result.stdout)
    assert opened and int(opened.group(1)) == int(opened.group(2)) >= 3 * 6 + 2 + 1, result.stdout
    assert re.search(r'with a key file of other keys: 0 of \d+ open \("no key ', result.stdout)
    assert re.search(r'with the right key ids, other bytes: 0 of \d+ open \("a value in column ', result.stdout)
    assert "mode 600" in result.stdout
    assert databases(database["url"]) == before  # the drill database is dropped
    assert not list((tmp_path / "work").iterdir())  # and the dump removed


def test_the_drill_restores_into_an_empty_database_given_and_empties_it_after(database, tmp_path):
    """Without the CREATEDB right: an empty database made by an administrator; never a full one."""
    admin = sa.create_engine(database["url"], isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text('CREATE DATABASE "drill_target"'))
    finally:
        admin.dispose()
    target = sa.engine.make_url(database["url"]).set(database="drill_target").render_as_string(hide_password=False)
    no_password = sa.engine.make_url(target).set(password=None).render_as_string(hide_password=False)  # same login
    result = drill(database, database["keys"], tmp_path / "work", "--restore-url", no_password)
    assert result.returncode == 0 and "into the empty database drill_target" in result.stdout, result.stdout
    assert "drill_target: its tables dropped" in result.stdout and tables(target) == set()
    result = drill(database, database["keys"], tmp_path / "work", "--restore-url", database["url"])
    assert result.returncode == 2 and "names the database being backed up" in result.stderr
    assert len(tables(database["url"])) > 10  # untouched


def test_the_drill_fails_with_a_key_file_that_is_not_the_datas(database, tmp_path):
    result = drill(database, key_file(tmp_path / "other.keys"), tmp_path / "work")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED" in result.stdout and "with the key file only 0 of" in result.stdout
    assert "PASSED" not in result.stdout


def test_the_drill_refuses_sqlite(database, tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "--database-url", f"sqlite:///{tmp_path / 'k.db'}",
                             "--key-file", str(database["keys"])], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "for PostgreSQL" in result.stderr
