"""``klankbord outbox send``, ``db upgrade``, ``keys rotate`` and ``check``: the server's upkeep.

    klankbord outbox send                try to deliver every pending notification now
    klankbord db upgrade                 bring the database schema up to date
    klankbord keys rotate                a new data key; everything sealed again
    klankbord check                      check configuration, mail settings and database; say
                                         where notifications go (for ``make run``)
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.adapters.mail.senders import EmlOutboxSender
from bot.adapters.storage.database import current_revision, migrate, safe_url
from bot.adapters.storage.rotation import rotate
from bot.settings import Settings
from bot.entrypoints.cli.common import EXIT_OK, EXIT_UNDELIVERED, open_app


def cmd_outbox_send(args: argparse.Namespace) -> int:
    app = open_app(args)
    result = app.deliver(due_only=False)
    with app.uow_factory() as uow:
        pending = uow.notifications.counts().get("pending", 0)
    print(f"{result.sent} verstuurd via {app.sender.describe()}; nog in de wachtrij: {pending}. / "
          f"{result.sent} sent; still pending: {pending}.")
    if result.failed:
        print(f"{result.failed} niet gelukt; zie 'klankbord reports show CODE' voor de fout. / "
              f"{result.failed} failed.", file=sys.stderr)
        return EXIT_UNDELIVERED
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    migrate(args.database_url)
    print(f"Database bijgewerkt / database up to date: {safe_url(args.database_url)} "
          f"(revisie {current_revision(args.database_url)})")
    return EXIT_OK


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    key_file = Settings.from_env().key_file_to_rotate()
    app = open_app(args)  # migrated, so every sealed column exists
    key_id, rows = rotate(app.engine, key_file)
    print(f"Nieuwe sleutel {key_id} in {key_file}; {rows} rijen opnieuw versleuteld. De oude sleutels "
          f"staan er nog in (voor oude back-ups). / New key {key_id}; {rows} rows sealed again.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    app = open_app(args)  # loads the configuration, checks the mail settings, migrates
    for school in app.schools:
        print(f"  School:                    {school.name} ({school.school_id}, {school.source})")
    print(f"  Database:                  {safe_url(args.database_url)} "
          f"(revisie {current_revision(args.database_url)})")
    if isinstance(app.sender, EmlOutboxSender):
        print(f"  Notifications:             no SMTP set: written as .eml files to {app.sender.directory}")
    else:
        print(f"  Notifications:             by e-mail via {app.sender.describe()}")
    return EXIT_OK


def add_commands(groups: Any) -> None:
    """``klankbord outbox ...``, ``db ...``, ``keys ...`` and ``check``."""
    outbox = groups.add_parser("outbox", help="e-mailmeldingen / notification e-mails")
    osub = outbox.add_subparsers(dest="command", metavar="{send}")
    osub.required = True
    p = osub.add_parser("send", help="verstuur wat nog wacht / deliver pending notifications now")
    p.set_defaults(func=cmd_outbox_send)

    db = groups.add_parser("db", help="database")
    dsub = db.add_subparsers(dest="command", metavar="{upgrade}")
    dsub.required = True
    p = dsub.add_parser("upgrade", help="schema bijwerken / migrate to the newest schema")
    p.set_defaults(func=cmd_db_upgrade)

    keys = groups.add_parser("keys", help="sleutels voor opgeslagen tekst / data keys")
    ksub = keys.add_subparsers(dest="command", metavar="{rotate}")
    ksub.required = True
    p = ksub.add_parser("rotate", help="nieuwe sleutel, alles opnieuw versleuteld / new key, reseal everything")
    p.set_defaults(func=cmd_keys_rotate)

    p = groups.add_parser("check", help="controleer instellingen en database / check settings and database")
    p.set_defaults(func=cmd_check)
