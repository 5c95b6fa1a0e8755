"""``klankbord users ...``: the desk's users (every change audited as ``cli:<os user>``).

    klankbord users add NAME --role ROLE [--school ID ...] [--password-stdin]
                                                              create a desk user of these schools
                                                              (--school required when the server
                                                              serves more than one; asks the password)
    klankbord users list [--school ID] [--json]               users, roles, schools, last login
    klankbord users schools NAME [--add ID] [--remove ID]     give a user schools or take them away
    klankbord users passwd NAME [--password-stdin]            set a new password (ends their sessions)
    klankbord users disable NAME / enable NAME                switch a user off or on
    klankbord users unlock NAME                               lift a login lockout
    klankbord users totp NAME                                 (re)enrol the second factor (app code)

The aanspreekpunt and the coördinator get their second factor when they are added; the secret,
its otpauth:// URI and the ten recovery codes are printed then, once, and never again.
"""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any, Callable

from bot.domain import second_factor as factor_rules
from bot.domain.desk import Role
from bot.domain.second_factor import Enrolment
from bot.entrypoints.cli.common import EXIT_OK, EXIT_USAGE, CliError, open_app, served
from bot.services import second_factor, users
from bot.services.audit import cli_actor


def _read_password(args: argparse.Namespace) -> str:
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
        try:
            return func(args)
        except users.UserError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None

    return run


@_user_error
def cmd_users_add(args: argparse.Namespace) -> int:
    desk = open_app(args)
    schools = users.served_schools(desk, args.school or ())
    if not schools and len(desk.schools) > 1:
        raise CliError(f"kies de school met --school ID (mag vaker) / choose the school(s); deze server bedient: "
                       f"{served(desk)}", EXIT_USAGE)
    password = _read_password(args)
    user = users.add_user(desk, args.name, args.role, password, cli_actor(), schools=schools)
    print(f"Gebruiker '{user.username}' ({user.role.value}, {', '.join(sorted(user.schools))}) is aangemaakt. "
          f"/ User created.")
    if factor_rules.required(user.role, enrolled=False):
        _print_enrolment(second_factor.enrol(desk, user.username, cli_actor()))
    return EXIT_OK


def _print_enrolment(enrolment: Enrolment) -> None:
    print(f"""
Tweede stap voor '{enrolment.username}' / second factor (shown once, never again):
  Zet in een authenticator-app / add to an authenticator app:
    sleutel / key: {enrolment.secret}
    of / or:       {enrolment.uri}
  Herstelcodes, elk één keer te gebruiken / recovery codes, each works once:""")
    for code in enrolment.recovery_codes:
        print(f"    {code}")


@_user_error
def cmd_users_totp(args: argparse.Namespace) -> int:
    _print_enrolment(second_factor.enrol(open_app(args), args.name, cli_actor()))
    print("Oude code en herstelcodes werken niet meer; sessies zijn beëindigd. / Old codes revoked; sessions ended.")
    return EXIT_OK


@_user_error
def cmd_users_list(args: argparse.Namespace) -> int:
    desk = open_app(args)
    listed = users.list_users(desk, users.served_schools(desk, [args.school]) if args.school else None)
    if args.json:
        print(json.dumps([
            {"username": u.username, "role": u.role.value, "active": u.active, "schools": sorted(u.schools),
             "created_at": u.created_at.isoformat(),
             "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None}
            for u in listed], ensure_ascii=False, indent=2))
    elif not listed:
        print("Nog geen gebruikers. / No users yet.")
    else:
        for u in listed:
            state = "actief" if u.active else "uit"
            print(f"{u.username:<24} {u.role.value:<14} {state:<7} {','.join(sorted(u.schools)) or '-'}")
    return EXIT_OK


@_user_error
def cmd_users_schools(args: argparse.Namespace) -> int:
    user = users.set_schools(open_app(args), args.name, cli_actor(), add=args.add or (), remove=args.remove or ())
    print(f"Scholen van '{user.username}' / schools: {', '.join(sorted(user.schools)) or '-'}")
    return EXIT_OK


@_user_error
def cmd_users_passwd(args: argparse.Namespace) -> int:
    desk = open_app(args)
    users.set_password(desk, args.name, _read_password(args), cli_actor())
    print("Wachtwoord gewijzigd; open sessies zijn beëindigd. / Password changed; sessions ended.")
    return EXIT_OK


@_user_error
def cmd_users_disable(args: argparse.Namespace) -> int:
    users.set_active(open_app(args), args.name, False, cli_actor())
    print("Gebruiker uitgeschakeld. / User disabled.")
    return EXIT_OK


@_user_error
def cmd_users_enable(args: argparse.Namespace) -> int:
    users.set_active(open_app(args), args.name, True, cli_actor())
    print("Gebruiker ingeschakeld. / User enabled.")
    return EXIT_OK


@_user_error
def cmd_users_unlock(args: argparse.Namespace) -> int:
    users.unlock(open_app(args), args.name, cli_actor())
    print("Blokkering opgeheven. / Lockout lifted.")
    return EXIT_OK


def add_commands(groups: Any) -> None:
    """``klankbord users ...``."""
    group = groups.add_parser("users", help="gebruikers van de desk / desk users")
    sub = group.add_subparsers(dest="command", metavar="{add,list,schools,passwd,disable,enable,unlock,totp}")
    sub.required = True
    p = sub.add_parser("add", help="maak een gebruiker / create a user")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--school", metavar="ID", action="append",
                   help="school van de gebruiker, mag vaker; nodig als de server meer scholen bedient / "
                        "the user's school, repeatable; required when the server serves more than one")
    p.add_argument("--password-stdin", action="store_true", help="lees het wachtwoord van stdin / read from stdin")
    p.set_defaults(func=cmd_users_add)
    p = sub.add_parser("list", help="alle gebruikers / all users")
    p.add_argument("--school", metavar="ID", help="alleen gebruikers van deze school / only this school's users")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_users_list)
    p = sub.add_parser("schools", help="scholen van een gebruiker / a user's schools")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--add", metavar="ID", action="append", help="school erbij (mag vaker) / add a school")
    p.add_argument("--remove", metavar="ID", action="append", help="school eraf (mag vaker) / remove a school")
    p.set_defaults(func=cmd_users_schools)
    p = sub.add_parser("passwd", help="nieuw wachtwoord / new password")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_users_passwd)
    for name, func, text in (("disable", cmd_users_disable, "uitschakelen / disable"),
                             ("enable", cmd_users_enable, "inschakelen / enable"),
                             ("unlock", cmd_users_unlock, "blokkering opheffen / lift a lockout"),
                             ("totp", cmd_users_totp, "tweede stap (opnieuw) instellen / (re)enrol the second factor")):
        p = sub.add_parser(name, help=text)
        p.add_argument("name", metavar="NAME")
        p.set_defaults(func=func)
