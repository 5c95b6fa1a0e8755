"""The desk's part of the ``klankbord`` command line (issue 6); ``bot.cli`` wires it in.

    klankbord users add NAME --role ROLE [--password-stdin]   create a desk user (asks the password)
    klankbord users list [--json]                             users, roles, last login
    klankbord users passwd NAME [--password-stdin]            set a new password (ends their sessions)
    klankbord users disable NAME / enable NAME                switch a user off or on
    klankbord users unlock NAME                               lift a login lockout
    klankbord reports status REF STATUS [--reason TEXT]       nieuw | in_behandeling | afgesloten

Every command that touches a report or a user is written to the audit log as ``cli:<os user>``.
"""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any, Callable, Optional

from bot.desk import audit, cases, users
from bot.desk.audit import AuditAction, cli_actor
from bot.desk.context import Desk, desk_for
from bot.desk.models import Role
from bot.desk.repository import UnknownReport
from bot.report import Status


def desk_of(args: argparse.Namespace) -> Desk:
    from bot.cli import _app

    app = getattr(args, "app", None) or _app(args)
    return desk_for(app)


def audit_cli(app: Any, action: AuditAction, reference: Optional[str] = None,
              detail: Optional[str] = None) -> None:
    """Record a command-line action on reports (called by ``bot.cli``)."""
    audit.write(desk_for(app), cli_actor(), action, reference, detail)


def _read_password(args: argparse.Namespace) -> str:
    from bot.cli import EXIT_USAGE, CliError

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Wachtwoord / password: ")
        if getpass.getpass("Nog een keer / again: ") != password:
            raise CliError("de wachtwoorden zijn niet gelijk / passwords differ", EXIT_USAGE)
    else:
        raise CliError("geen terminal: gebruik --password-stdin / no terminal: use --password-stdin", EXIT_USAGE)
    return password


def _user_error(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from bot.cli import EXIT_USAGE, CliError

        try:
            return func(args)
        except users.UserError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None

    return run


@_user_error
def cmd_users_add(args: argparse.Namespace) -> int:
    desk = desk_of(args)
    password = _read_password(args)
    user = users.add_user(desk, args.name, args.role, password, cli_actor())
    print(f"Gebruiker '{user.username}' ({user.role.value}) is aangemaakt. / User created.")
    return 0


@_user_error
def cmd_users_list(args: argparse.Namespace) -> int:
    listed = users.list_users(desk_of(args))
    if args.json:
        print(json.dumps([
            {"username": u.username, "role": u.role.value, "active": u.active,
             "created_at": u.created_at.isoformat(),
             "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None}
            for u in listed], ensure_ascii=False, indent=2))
    elif not listed:
        print("Nog geen gebruikers. / No users yet.")
    else:
        for u in listed:
            state = "actief" if u.active else "uit"
            print(f"{u.username:<24} {u.role.value:<14} {state}")
    return 0


@_user_error
def cmd_users_passwd(args: argparse.Namespace) -> int:
    desk = desk_of(args)
    users.set_password(desk, args.name, _read_password(args), cli_actor())
    print("Wachtwoord gewijzigd; open sessies zijn beëindigd. / Password changed; sessions ended.")
    return 0


@_user_error
def cmd_users_disable(args: argparse.Namespace) -> int:
    users.set_active(desk_of(args), args.name, False, cli_actor())
    print("Gebruiker uitgeschakeld. / User disabled.")
    return 0


@_user_error
def cmd_users_enable(args: argparse.Namespace) -> int:
    users.set_active(desk_of(args), args.name, True, cli_actor())
    print("Gebruiker ingeschakeld. / User enabled.")
    return 0


@_user_error
def cmd_users_unlock(args: argparse.Namespace) -> int:
    users.unlock(desk_of(args), args.name, cli_actor())
    print("Blokkering opgeheven. / Lockout lifted.")
    return 0


def cmd_reports_status(args: argparse.Namespace) -> int:
    from bot.cli import EXIT_NOT_FOUND, EXIT_USAGE, CliError, _reference_or_fail

    reference = _reference_or_fail(args.ref)
    desk = desk_of(args)
    try:
        change = cases.change_status(desk, cli_actor(), reference, args.status, args.reason)
    except UnknownReport:
        raise CliError(f"Geen melding met code {reference} / no report with reference {reference}",
                       EXIT_NOT_FOUND) from None
    except cases.CaseError as exc:
        raise CliError(f"{exc}", EXIT_USAGE) from None
    print(f"Melding {reference}: {change.from_status.value} -> {change.to_status.value}")
    return 0


def add_commands(groups: Any, reports_sub: Any) -> None:
    """Add ``users ...`` and ``reports status`` to the parser built by ``bot.cli``."""
    p = reports_sub.add_parser("status", help="zet de status / set the status (audited)")
    p.add_argument("ref", metavar="REF")
    p.add_argument("status", choices=[s.value for s in Status])
    p.add_argument("--reason", help="reden (nodig bij afsluiten of heropenen) / reason (closing, reopening)")
    p.set_defaults(func=cmd_reports_status)

    group = groups.add_parser("users", help="gebruikers van de desk / desk users")
    sub = group.add_subparsers(dest="command", metavar="{add,list,passwd,disable,enable,unlock}")
    sub.required = True
    p = sub.add_parser("add", help="maak een gebruiker / create a user")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--password-stdin", action="store_true", help="lees het wachtwoord van stdin / read from stdin")
    p.set_defaults(func=cmd_users_add)
    p = sub.add_parser("list", help="alle gebruikers / all users")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_users_list)
    p = sub.add_parser("passwd", help="nieuw wachtwoord / new password")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_users_passwd)
    for name, func, text in (("disable", cmd_users_disable, "uitschakelen / disable"),
                             ("enable", cmd_users_enable, "inschakelen / enable"),
                             ("unlock", cmd_users_unlock, "blokkering opheffen / lift a lockout")):
        p = sub.add_parser(name, help=text)
        p.add_argument("name", metavar="NAME")
        p.set_defaults(func=func)
