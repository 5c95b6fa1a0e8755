"""The restore drill: back up Klankbord's PostgreSQL database, restore it into a fresh database,
and check that the backup is whole and that its sealed columns open with the key file, and only
with it (a script that prints what it did and the figures; tests/integration/test_restore_drill.py
runs it against a cluster of the test's own).

    .venv/bin/python scripts/restore_drill.py [--database-url URL] [--key-file FILE]
                                              [--restore-url URL] [--work DIR] [--keep]

1. backup: ``pg_dump --format=custom`` of the database, from a snapshot the script holds open, so
   the rows it counts are exactly the rows in the dump, however busy the server is;
2. restore: ``pg_restore --exit-on-error --no-owner`` into a new database (made here and dropped
   afterwards; that needs the CREATEDB right), or into ``--restore-url``: an empty database, whose
   restored tables are dropped afterwards;
3. check, table by table: the same number of rows, and the same rows (an md5 over each table's rows
   as text, computed by PostgreSQL on both sides), and the same schema revision;
4. check the keys: every sealed value (``bot.adapters.storage.sealed``) in the restored database
   opens with the key file; none opens with a key file of other keys, nor with the right key ids
   holding other bytes; no value in a sealed column is unsealed. So the dump alone opens nothing:
   the key file must be backed up apart from the dumps, or the dumps are worthless.

``--database-url`` and ``--key-file`` default to ``KLANKBORD_DATABASE_URL`` and
``KLANKBORD_DATA_KEY_FILE``. Connection details go to pg_dump and pg_restore in the environment
(``PGPASSWORD``), never on the command line. The dump is written owner-only in a new temporary
folder (or ``--work``) and removed at the end, with the drill database, unless ``--keep``.
Exit codes: 0 every check held, 1 a check failed, 2 the drill could not run (the message says why).
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from sqlalchemy.engine import Engine, make_url  # noqa: E402

from bot.adapters.storage import sealed  # noqa: E402
from bot.adapters.storage.database import create_engine, safe_url  # noqa: E402
from bot.adapters.storage.rotation import sealed_columns  # noqa: E402
from bot.settings import Settings  # noqa: E402

EXIT_PASSED, EXIT_FAILED, EXIT_CANNOT = 0, 1, 2


class DrillError(RuntimeError):
    """The drill cannot run (not a failed check)."""


@dataclass
class Seals:
    """What became of the sealed values of one database under one keyring."""

    values: int = 0
    opened: int = 0
    unsealed: int = 0
    first_error: str = ""


@dataclass
class Outcome:
    tables: Dict[str, Tuple[Tuple[int, str], Optional[Tuple[int, str]]]] = field(default_factory=dict)
    revisions: Tuple[Optional[str], Optional[str]] = (None, None)
    right_key: Seals = field(default_factory=Seals)
    other_keys: Seals = field(default_factory=Seals)
    same_ids_other_bytes: Seals = field(default_factory=Seals)

    def failures(self) -> List[str]:
        found = [f"table {name}: {source[0]} rows, restored {restored[0] if restored else 'missing'}"
                 + ("" if restored is None or restored[0] != source[0] else " (rows differ)")
                 for name, (source, restored) in self.tables.items() if source != restored]
        if self.revisions[0] != self.revisions[1]:
            found.append(f"schema revision {self.revisions[0]} restored as {self.revisions[1]}")
        if self.right_key.opened != self.right_key.values - self.right_key.unsealed:
            found.append(f"with the key file only {self.right_key.opened} of {self.right_key.values} sealed values "
                         f"opened ({self.right_key.first_error})")
        if self.right_key.unsealed:
            found.append(f"{self.right_key.unsealed} values in sealed columns are not sealed (readable without a key)")
        for name, seals in (("a key file of other keys", self.other_keys),
                            ("the right key ids with other bytes", self.same_ids_other_bytes)):
            if seals.opened:
                found.append(f"{seals.opened} sealed values opened with {name}")
        return found


def pg_tool(name: str, pg_bin: Optional[str]) -> str:
    """pg_dump or pg_restore: from ``--pg-bin``, the PATH, or the newest /usr/lib/postgresql/*/bin."""
    if pg_bin:
        return str(Path(pg_bin) / name)
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if not versions:
        raise DrillError(f"{name} not found: apt-get install postgresql-client, or give --pg-bin")
    return str(versions[-1])


def pg_environment(url: str) -> Dict[str, str]:
    """libpq's environment for this URL: the password travels here, not on a command line."""
    parsed = make_url(url)
    env = dict(os.environ)
    values = {"PGHOST": parsed.host or parsed.query.get("host"), "PGPORT": parsed.port,
              "PGUSER": parsed.username, "PGPASSWORD": parsed.password, "PGDATABASE": parsed.database}
    env.update({name: str(value) for name, value in values.items() if value})
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    return env


def run_tool(command: List[str], url: str) -> float:
    started = time.monotonic()
    result = subprocess.run(command, env=pg_environment(url), capture_output=True, text=True)
    if result.returncode != 0:
        raise DrillError(f"{Path(command[0]).name} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    return time.monotonic() - started


def table_figures(connection: sa.engine.Connection) -> Dict[str, Tuple[int, str]]:
    """Per table of the public schema: (rows, an md5 over the md5 of each row as text, in a fixed order)."""
    names = connection.execute(sa.text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).scalars().all()
    figures = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        count, digest = connection.execute(sa.text(
            f"SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM {quoted} t")
        ).one()
        figures[name] = (count, digest)
    return figures


def revision(connection: sa.engine.Connection) -> Optional[str]:
    """The Alembic revision (None without the table; no failed statement, which would end the snapshot)."""
    if connection.execute(sa.text("SELECT to_regclass('public.alembic_version')")).scalar() is None:
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


Figures = Dict[str, Tuple[int, str]]


def backup(engine: Engine, url: str, dump: Path, pg_dump: str) -> Tuple[Figures, Optional[str], float]:
    """pg_dump from a snapshot held open here; the tables' figures from that same snapshot."""
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = connection.execute(sa.text("SELECT pg_export_snapshot()")).scalar()
            figures = table_figures(connection)
            schema = revision(connection)
            seconds = run_tool([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={dump}",
                                "--no-password"], url)
    return figures, schema, seconds


def empty(url: str) -> None:
    """Drop every table of the public schema (what the restore made in a database given to the drill)."""
    target = create_engine(url)
    try:
        with target.begin() as connection:
            for name in connection.execute(sa.text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars().all():
                connection.execute(sa.text('DROP TABLE IF EXISTS "{}" CASCADE'.format(name.replace('"', '""'))))
    finally:
        target.dispose()


def with_login_of(restore_url: str, url: str) -> str:
    """``restore_url`` on the same server as ``url`` and without a password: the same login."""
    target, source = make_url(restore_url), make_url(url)
    if target.password is None and (target.host, target.port) == (source.host, source.port) \
            and target.username in (None, source.username):
        target = target.set(username=source.username, password=source.password)
    return target.render_as_string(hide_password=False)


@contextmanager
def fresh_database(engine: Engine, url: str, restore_url: Optional[str], keep: bool) -> Iterator[str]:
    """The URL of an empty database to restore into: ``restore_url`` (checked empty), or a new one."""
    if restore_url:
        restore_url = with_login_of(restore_url, url)
        target_url, source_url = make_url(restore_url), make_url(url)
        if (target_url.host, target_url.port, target_url.database) == \
                (source_url.host, source_url.port, source_url.database):
            raise DrillError("--restore-url names the database being backed up: the drill restores into an empty one")
        target = create_engine(restore_url)
        try:
            with target.connect() as connection:
                if connection.execute(sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar():
                    raise DrillError(f"{safe_url(restore_url)} is not empty: the drill restores only into an "
                                     f"empty database")
        finally:
            target.dispose()
        try:
            yield restore_url
        finally:
            if not keep:
                empty(restore_url)
        return
    name = f"{make_url(url).database}_drill_{datetime.now(timezone.utc):%Y%m%d%H%M%S}_{secrets.token_hex(2)}"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        try:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        except sa.exc.DBAPIError as exc:
            raise DrillError(f"cannot create a database for the drill ({type(exc.orig).__name__}); give the role "
                             f"CREATEDB, or make an empty one and pass --restore-url") from None
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        if not keep:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))


def seals(connection: sa.engine.Connection, keyring: sealed.Keyring) -> Seals:
    """Try to open every value of every sealed column with ``keyring``, as stored (raw)."""
    found = Seals()
    for table, columns in sealed_columns().items():
        raw = sa.table(table, *(sa.column(c) for c in columns))  # no column types: the stored text
        for row in connection.execute(sa.select(raw)).mappings():
            for column in columns:
                value = row[column]
                if value is None:
                    continue
                found.values += 1
                if not sealed.is_sealed(value):
                    found.unsealed += 1
                    continue
                try:
                    keyring.open(value, f"{table}.{column}")
                    found.opened += 1
                except sealed.SealError as exc:
                    found.first_error = found.first_error or str(exc)
    return found


def other_keyrings(keyring: sealed.Keyring) -> Tuple[sealed.Keyring, sealed.Keyring]:
    """A keyring of other keys (what a dump meets without its key file), and one with the right
    ids but other bytes (a wrong key file)."""
    other_id, other_key = sealed.new_key()
    same_ids = {key_id: sealed.new_key()[1] for key_id in keyring.keys}
    return sealed.Keyring({other_id: other_key}, other_id), sealed.Keyring(same_ids, keyring.current)


def drill(url: str, key_file: Path, work: Path, restore_url: Optional[str] = None, keep: bool = False,
          pg_bin: Optional[str] = None, out=print) -> Outcome:
    if make_url(url).get_backend_name() != "postgresql":
        raise DrillError(f"{safe_url(url)}: the drill is for PostgreSQL (a SQLite file is backed up by copying it "
                         f"with 'sqlite3 FILE .backup COPY')")
    keys, current = Settings(data_key_file=key_file).data_keys()
    keyring = sealed.Keyring(keys, current)
    pg_dump, pg_restore = pg_tool("pg_dump", pg_bin), pg_tool("pg_restore", pg_bin)
    outcome = Outcome()
    os.umask(0o077)
    work.mkdir(parents=True, exist_ok=True, mode=0o700)
    dump = work / f"{make_url(url).database}-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.dump"
    engine = create_engine(url)
    restored_into = None
    out(f"Restore drill, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    out(f"  database:  {safe_url(url)}")
    out(f"  key file:  {key_file} (key ids: {', '.join(keys)}; current {current})")
    try:
        source, source_revision, seconds = backup(engine, url, dump, pg_dump)
        out(f"1. backup:  {Path(pg_dump).name} --format=custom -> {dump} "
            f"({dump.stat().st_size / 1024:.1f} KiB, mode {dump.stat().st_mode & 0o777:o}) in {seconds:.2f} s")
        with fresh_database(engine, url, restore_url, keep) as target_url:
            restored_into = make_url(target_url).database
            seconds = run_tool([pg_restore, "--exit-on-error", "--no-owner", "--no-password",
                                f"--dbname={make_url(target_url).database}", str(dump)], target_url)
            out(f"2. restore: {Path(pg_restore).name} into the empty database {make_url(target_url).database} "
                f"in {seconds:.2f} s")
            target = create_engine(target_url)
            try:
                with target.connect() as connection:
                    restored = table_figures(connection)
                    outcome.revisions = (source_revision, revision(connection))
                    outcome.right_key = seals(connection, keyring)
                    other, same_ids = other_keyrings(keyring)
                    outcome.other_keys = seals(connection, other)
                    outcome.same_ids_other_bytes = seals(connection, same_ids)
            finally:
                target.dispose()
        outcome.tables = {name: (figures, restored.get(name)) for name, figures in source.items()}
        outcome.tables.update({name: ((0, ""), figures) for name, figures in restored.items() if name not in source})
        out(f"3. tables:  {len(source)} in the backup's snapshot, {len(restored)} restored; schema revision "
            f"{outcome.revisions[0]} -> {outcome.revisions[1]}")
        width = max(len(name) for name in outcome.tables)
        out(f"   {'table'.ljust(width)}  {'rows':>7}  {'restored':>8}  same rows")
        for name, (before, after) in sorted(outcome.tables.items()):
            out(f"   {name.ljust(width)}  {before[0]:>7}  {after[0] if after else '-':>8}  "
                f"{'yes' if before == after else 'NO'}")
        total = sum(figures[0] for figures in source.values())
        out(f"   {'(all)'.ljust(width)}  {total:>7}  {sum(f[0] for f in restored.values()):>8}")
        right = outcome.right_key
        out(f"4. keys:    {right.values} sealed values in {sum(len(c) for c in sealed_columns().values())} columns; "
            f"{right.opened} open with the key file, {right.unsealed} not sealed")
        for name, seals_found in (("a key file of other keys", outcome.other_keys),
                                  ("the right key ids, other bytes", outcome.same_ids_other_bytes)):
            out(f"           with {name}: {seals_found.opened} of {seals_found.values} open"
                + (f' ("{seals_found.first_error}")' if seals_found.first_error else ""))
    finally:
        engine.dispose()
        copy = f"the restored database {restored_into}" if restored_into else "no restored database"
        if keep:
            out(f"5. kept:    the dump {dump} and {copy}")
        else:
            dump.unlink(missing_ok=True)
            dropped = ("its tables dropped" if restore_url else "dropped") if restored_into else "none made"
            out(f"5. cleanup: dump removed; {copy}: {dropped} (--keep keeps them)")
    failures = outcome.failures()
    if failures:
        out("FAILED:")
        for failure in failures:
            out(f"  - {failure}")
    else:
        out("PASSED: the backup restores whole, and its sealed columns open with the key file and with nothing "
            "else. Keep the key file backed up apart from the dumps (another medium, another place).")
    return outcome


def main(argv: Optional[List[str]] = None) -> int:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=settings.database_url,
                        help="the database to back up (default: $KLANKBORD_DATABASE_URL)")
    parser.add_argument("--key-file", default=str(settings.data_key_file or ""),
                        help="the data key file, e.g. its backup copy (default: $KLANKBORD_DATA_KEY_FILE)")
    parser.add_argument("--restore-url", help="an empty database to restore into (default: a new one, dropped after)")
    parser.add_argument("--work", help="folder for the dump (default: a new temporary folder)")
    parser.add_argument("--pg-bin", help="folder of pg_dump and pg_restore (default: PATH, or the newest installed)")
    parser.add_argument("--keep", action="store_true", help="keep the dump and the drill database")
    args = parser.parse_args(argv)
    if not args.database_url or not args.key_file:
        parser.error("give --database-url and --key-file (or set KLANKBORD_DATABASE_URL and KLANKBORD_DATA_KEY_FILE)")
    temporary = None if args.work else tempfile.mkdtemp(prefix="klankbord-drill-")
    try:
        outcome = drill(args.database_url, Path(args.key_file), Path(args.work or temporary), args.restore_url,
                        args.keep, args.pg_bin)
    except (DrillError, sa.exc.SQLAlchemyError, OSError, ValueError) as exc:
        print(f"restore drill: cannot run: {exc}", file=sys.stderr)
        return EXIT_CANNOT
    finally:
        if temporary and not args.keep:
            shutil.rmtree(temporary, ignore_errors=True)
    return EXIT_FAILED if outcome.failures() else EXIT_PASSED


if __name__ == "__main__":
    sys.exit(main())
