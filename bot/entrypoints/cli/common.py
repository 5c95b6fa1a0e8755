"""What every ``klankbord`` command shares: exit codes, errors, the app, the school it works on,
terminal-safe text."""
from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any, Optional

from bot.domain.calendar import LOCAL_TZ
from bot.domain.desk import Actor
from bot.domain.report import normalize_reference
from bot.domain.school import load_schools
from bot.bootstrap import bootstrap
from bot.services import audit
from bot.settings import Settings
from bot.services.audit import AuditAction, cli_actor

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_CONFIG = 3
EXIT_DATABASE = 4
EXIT_UNDELIVERED = 5


class CliError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def clean(text: Optional[str]) -> str:
    """Text for a terminal: control characters (escape sequences) removed, newlines kept."""
    if text is None:
        return "-"
    return "".join(ch if ch in "\n\t" or ch.isprintable() else "\ufffd" for ch in text)


def local(moment: Optional[datetime]) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M") if moment else "-"


def iso(moment: Optional[datetime]) -> Optional[str]:
    return moment.isoformat() if moment else None


def open_app(args: argparse.Namespace) -> Any:
    """The app for this command (built once, closed by ``main``)."""
    if getattr(args, "app", None) is not None:
        return args.app
    settings = Settings.from_env()
    config = load_schools(Path(args.config) if args.config else settings.schools)
    try:
        args.app = bootstrap(config=config, database_url=args.database_url, settings=settings)
    except OSError as exc:  # e.g. the SQLite file's folder cannot be made
        raise CliError(
            f"database niet bereikbaar / database unreachable: {exc.strerror or exc}", EXIT_DATABASE
        ) from None
    return args.app


def add_school_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--school", metavar="ID",
                        help="de school (school_id); nodig als de server meer scholen bedient / the school, "
                             "required when this server serves more than one")


def served(app: Any) -> str:
    return ", ".join(app.schools.ids)


def school_of(args: argparse.Namespace, app: Any) -> str:
    """The one school this command works on: ``--school`` (one this instance serves), or the only one."""
    chosen = (getattr(args, "school", None) or "").strip()
    if chosen:
        if chosen not in app.schools:
            raise CliError(f"onbekende school '{clean(chosen)}' / unknown school; deze server bedient: {served(app)}",
                           EXIT_USAGE)
        return chosen
    if len(app.schools) == 1:
        return app.schools.ids[0]
    raise CliError(f"kies een school met --school ID / choose a school; deze server bedient: {served(app)}",
                   EXIT_USAGE)


def school_actor(args: argparse.Namespace, app: Any) -> Actor:
    """The command line as the audit log and the services know it, working for one school."""
    return cli_actor([school_of(args, app)])


def not_found(reference: str) -> CliError:
    """The one answer for a report that does not exist and for one of another school."""
    return CliError(f"Geen melding met code {reference} / no report with reference {reference}", EXIT_NOT_FOUND)


def reference_or_fail(text: str) -> str:
    reference = normalize_reference(text)
    if reference is None:
        raise CliError(
            f"'{clean(text)}' is geen geldige code (zoals K7QH-RM4C-XWN9) / not a valid reference code",
            EXIT_USAGE,
        )
    return reference


def audit_cli(app: Any, actor: Actor, action: AuditAction, reference: Optional[str] = None,
              detail: Optional[str] = None) -> None:
    """Record a command-line action on reports in the audit log, as ``cli:<os user>``, under the
    command's school (``actor.schools``; the report's school is one of them)."""
    audit.write(app, actor, action, reference, detail, schools=actor.schools)
