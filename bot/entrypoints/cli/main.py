"""``klankbord``: the command line for the server's administrator and the aanspreekpunt.

    klankbord reports list [--json]      all reports of a school, newest first (no free text)
    klankbord reports show REF [--json]  one report in full (REF in any case or spacing)
    klankbord reports export             every report of a school with its case file (JSON)
    klankbord reports purge              delete the reports whose retention has passed
    klankbord reports delete REF         erase one report (right to erasure)
    klankbord monitoring export          a school's anonymised counts (CSV)
    klankbord outbox send                try to deliver every pending notification now
    klankbord db upgrade                 bring the database schema up to date
    klankbord check                      check configuration, mail settings and database; say
                                         where notifications go (for ``make run``)
    klankbord reports status REF STATUS  set a report's status
    klankbord users add NAME --role ROLE --school ID   desk users (also list, schools, passwd,
                                         disable, enable, unlock, totp)
    klankbord keys rotate                a new data key; everything sealed again
    klankbord schools list|export ID --out FILE|erase ID --yes   a school that leaves (schools.py)

One module per area: ``reports``, ``users``, ``system`` (outbox, db, keys, check); ``common``
holds what they share. This module builds the parser and turns errors into exit codes.

Every ``reports`` and ``monitoring`` command works on one school (``--school ID``, required when
the server serves more than one; a report of another school is "not found") and is written to
the desk's audit log (who, what, which report).

Exit codes: 0 done, 1 no such report, 2 wrong usage or malformed code, 3 configuration error,
4 database error or unreachable, 5 notifications left undelivered.
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from bot.adapters.storage.database import safe_url
from bot.domain.school import ConfigError
from bot.entrypoints.cli import reports, schools, system, users
from bot.entrypoints.cli.common import EXIT_CONFIG, EXIT_DATABASE, CliError
from bot.services.ports import StorageError
from bot.settings import SettingsError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="klankbord",
        description="Klankbord: meldingen over pesten beheren / manage bullying reports.",
        epilog="Exit codes: 0 ok, 1 unknown reference, 2 usage, 3 configuration, 4 database, "
               "5 undelivered notifications.",
    )
    parser.add_argument("--config", help="folder of school files, or one school file (default: "
                                         "$KLANKBORD_SCHOOLS or schools/)")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: $KLANKBORD_DATABASE_URL "
                                               "or sqlite file var/klankbord.db)")
    groups = parser.add_subparsers(dest="group", metavar="{reports,monitoring,users,schools,outbox,db,keys,check}")
    groups.required = True

    reports.add_commands(groups)
    users.add_commands(groups)
    system.add_commands(groups)
    schools.add_commands(groups)
    return parser


def _database_problem(exc: BaseException) -> str:
    detail = getattr(exc, "orig", None) or exc
    first_line = str(detail).strip().splitlines()[0] if str(detail).strip() else type(detail).__name__
    return first_line[:300]


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)

    try:
        return args.func(args)
    except CliError as exc:
        print(f"klankbord: {exc}", file=sys.stderr)
        return exc.code
    except ConfigError as exc:
        print(f"klankbord: configuratiefout / configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except SettingsError as exc:
        print(f"klankbord: instelling klopt niet / bad setting: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except ArgumentError as exc:
        print(f"klankbord: ongeldige database-URL / invalid database URL: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    except (SQLAlchemyError, StorageError) as exc:
        print(
            f"klankbord: database niet bereikbaar of fout / database unreachable or failing "
            f"({safe_url(args.database_url)}): {_database_problem(exc)}",
            file=sys.stderr,
        )
        return EXIT_DATABASE
    except Exception as exc:  # alembic errors (e.g. a schema newer than this code)
        if type(exc).__module__.startswith("alembic"):
            print(f"klankbord: databaseschema / database schema: {exc}", file=sys.stderr)
            return EXIT_DATABASE
        raise
    finally:
        app = getattr(args, "app", None)
        if app is not None:
            app.close()


if __name__ == "__main__":
    sys.exit(main())
