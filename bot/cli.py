"""``klankbord``: the command line for the server's administrator and the aanspreekpunt.

    klankbord reports list [--json]      all reports, newest first (no free text)
    klankbord reports show REF [--json]  one report in full (REF in any case or spacing)
    klankbord reports purge              delete the reports whose retention has passed
    klankbord reports delete REF         erase one report (right to erasure)
    klankbord outbox send                try to deliver every pending notification now
    klankbord db upgrade                 bring the database schema up to date
    klankbord check                      check configuration, mail settings and database; say
                                         where notifications go (for ``make run``)
    klankbord reports status REF STATUS  set a report's status (issue 6, bot/desk/cli.py)
    klankbord users add NAME --role ROLE desk users (issue 6, bot/desk/cli.py; also list, passwd, ...)

Every ``reports`` command is written to the desk's audit log (who, what, which report).

Exit codes: 0 done, 1 no such report, 2 wrong usage or malformed code, 3 configuration error,
4 database error or unreachable, 5 notifications left undelivered.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from bot.config import ConfigError, load_config
from bot.notify.message import LOCAL_TZ
from bot.notify.senders import EmlOutboxSender, SettingsError, outbox_dir_of
from bot.settings import SettingsError as EnvironmentSettingsError
from bot.report import Report, normalize_reference
from bot.reporting import find_report
from bot.storage.unit_of_work import StorageError
from bot.desk import erasure
from bot.desk.audit import AuditAction
from bot.desk.context import desk_for
from bot.desk.cli import add_commands as add_desk_commands, audit_cli

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


# ---------------------------------------------------------------- formatting


def _clean(text: Optional[str]) -> str:
    """Text for a terminal: control characters (escape sequences) removed, newlines kept."""
    if text is None:
        return "-"
    return "".join(ch if ch in "\n\t" or ch.isprintable() else "\ufffd" for ch in text)


def _local(moment: Optional[datetime]) -> str:
    return moment.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M") if moment else "-"


def _iso(moment: Optional[datetime]) -> Optional[str]:
    return moment.isoformat() if moment else None


def summary_dict(report: Report) -> Dict[str, Any]:
    """The list view of a report: codes and choices only, no free text."""
    return {
        "reference": report.reference,
        "school_id": report.school_id,
        "created_at": _iso(report.created_at),
        "urgency": report.urgency.value,
        "urgency_reason": report.urgency_reason.value if report.urgency_reason else None,
        "status": report.status.value,
        "reporter_role": report.reporter_role.value,
        "confidentiality": report.confidentiality.value,
        "kinds": list(report.kinds),
        "places": list(report.places),
        "delete_after": _iso(report.delete_after),
    }


def full_dict(report: Report) -> Dict[str, Any]:
    data = summary_dict(report)
    data.update(
        moment=report.moment,
        moment_note=report.moment_note,
        frequency=report.frequency,
        frequency_note=report.frequency_note,
        since_when=report.since_when,
        description=report.description,
        place_note=report.place_note,
        people_involved=report.people_involved,
        already_told=report.already_told,
        desired_outcome=report.desired_outcome,
        share_with=list(report.share_with),
        contact=report.contact,
        conversation_id=report.conversation_id,
    )
    return data


def _print_table(reports: List[Report]) -> None:
    header = ("CODE", "ONTVANGEN", "URGENTIE", "STATUS", "MELDER", "VERTROUWELIJKHEID",
              "SOORT", "WAAR", "BEWAREN TOT")
    rows = [header] + [
        (
            r.reference,
            _local(r.created_at),
            "SPOED" if r.is_urgent else "normaal",
            r.status.value,
            r.reporter_role.value,
            r.confidentiality.value,
            ",".join(r.kinds) or "-",
            ",".join(r.places) or "-",
            _local(r.delete_after)[:10],
        )
        for r in reports
    ]
    widths = [max(len(_clean(row[i])) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(_clean(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())


def _print_report(report: Report, notifications: Sequence[Any]) -> None:
    urgency = "HOOG (SPOED)" if report.is_urgent else "normaal"
    if report.urgency_reason:
        urgency += f" - reden: {report.urgency_reason.value}"
    fields = [
        ("Code", report.reference),
        ("School", report.school_id),
        ("Ontvangen", _local(report.created_at)),
        ("Urgentie", urgency),
        ("Status", report.status.value),
        ("Wie meldt", report.reporter_role.value),
        ("Soort pesten", ", ".join(report.kinds) or "-"),
        ("Waar", ", ".join(report.places) or "-"),
        ("Waar (eigen woorden)", report.place_note),
        ("Wanneer", report.moment),
        ("Wanneer (eigen woorden)", report.moment_note),
        ("Hoe vaak", report.frequency),
        ("Hoe vaak (eigen woorden)", report.frequency_note),
        ("Sinds wanneer", report.since_when),
        ("Wie zijn erbij betrokken", report.people_involved),
        ("Wie weet het al / wat is geprobeerd", report.already_told),
        ("Wat de melder graag wil", report.desired_outcome),
        ("Vertrouwelijkheid", report.confidentiality.value),
        ("Mag gedeeld met", ", ".join(report.share_with) or "-"),
        ("Contactgegevens", report.contact),
        ("Bewaren tot", _local(report.delete_after)),
    ]
    width = max(len(name) for name, _ in fields) + 1
    for name, value in fields:
        print(f"{(name + ':').ljust(width)} {_clean(value)}")
    print()
    print("Wat er gebeurt (eigen woorden):")
    print(_clean(report.description))
    if notifications:
        print()
        print("E-mailmeldingen:")
        for n in notifications:
            state = "verstuurd " + _local(n.sent_at) if n.status.value == "sent" else (
                f"wacht (pogingen: {n.attempts}" + (f", laatste fout: {n.last_error}" if n.last_error else "") + ")"
            )
            print(f"  {n.recipient_role.value}: {n.recipient} - {state}")


# ---------------------------------------------------------------- commands


def _app(args: argparse.Namespace) -> Any:
    from bot.bootstrap import bootstrap

    config = load_config(Path(args.config) if args.config else None)
    try:
        args.app = bootstrap(config=config, database_url=args.database_url)
    except OSError as exc:  # e.g. the SQLite file's folder cannot be made
        raise CliError(
            f"database niet bereikbaar / database unreachable: {exc.strerror or exc}", EXIT_DATABASE
        ) from None
    return args.app


def _reference_or_fail(text: str) -> str:
    reference = normalize_reference(text)
    if reference is None:
        raise CliError(
            f"'{_clean(text)}' is geen geldige code (zoals K7QH-RM4C-XWN9) / not a valid reference code",
            EXIT_USAGE,
        )
    return reference


def cmd_reports_list(args: argparse.Namespace) -> int:
    app = _app(args)
    with app.uow_factory() as uow:
        reports = uow.reports.list()
    audit_cli(app, AuditAction.LIST_REPORTS, detail=f"{len(reports)} meldingen")
    if args.json:
        print(json.dumps([summary_dict(r) for r in reports], ensure_ascii=False, indent=2))
    elif not reports:
        print("Geen meldingen. / No reports.")
    else:
        _print_table(reports)
    return EXIT_OK


def cmd_reports_show(args: argparse.Namespace) -> int:
    reference = _reference_or_fail(args.ref)
    app = _app(args)
    report = find_report(app.uow_factory(), reference)
    if report is None:
        raise CliError(f"Geen melding met code {reference} / no report with reference {reference}",
                       EXIT_NOT_FOUND)
    with app.uow_factory() as uow:
        notifications = uow.notifications.for_report(reference)
    audit_cli(app, AuditAction.VIEW_REPORT, reference)
    if args.json:
        data = full_dict(report)
        data["notifications"] = [
            {"recipient": n.recipient, "recipient_role": n.recipient_role.value,
             "status": n.status.value, "attempts": n.attempts, "last_error": n.last_error,
             "sent_at": _iso(n.sent_at)}
            for n in notifications
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_report(report, notifications)
    return EXIT_OK


def cmd_reports_purge(args: argparse.Namespace) -> int:
    app = _app(args)
    count = erasure.purge_due(desk_for(app), outbox_dir=outbox_dir_of(app.sender))
    audit_cli(app, AuditAction.PURGE_REPORTS, detail=f"{count} gewist")
    print(f"{count} melding(en) verwijderd waarvan de bewaartermijn voorbij is / "
          f"{count} report(s) past retention deleted.")
    return EXIT_OK


def cmd_reports_delete(args: argparse.Namespace) -> int:
    reference = _reference_or_fail(args.ref)
    app = _app(args)
    if not erasure.erase(desk_for(app), [reference], outbox_dir_of(app.sender)):
        raise CliError(f"Geen melding met code {reference} / no report with reference {reference}",
                       EXIT_NOT_FOUND)
    audit_cli(app, AuditAction.DELETE_REPORT, reference)
    print(f"Melding {reference} is gewist, met alles wat erbij hoort (e-mailmeldingen, .eml-bestanden, "
          f"dossier, pogingen). / Report {reference} erased with everything that belongs to it.")
    return EXIT_OK


def cmd_outbox_send(args: argparse.Namespace) -> int:
    app = _app(args)
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
    from bot.storage.database import current_revision, migrate, safe_url

    migrate(args.database_url)
    print(f"Database bijgewerkt / database up to date: {safe_url(args.database_url)} "
          f"(revisie {current_revision(args.database_url)})")
    return EXIT_OK


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    from bot.settings import key_file_to_rotate
    from bot.storage.rotation import rotate

    key_file = key_file_to_rotate()
    app = _app(args)  # migrated, so every sealed column exists
    key_id, rows = rotate(app.engine, key_file)
    print(f"Nieuwe sleutel {key_id} in {key_file}; {rows} rijen opnieuw versleuteld. De oude sleutels "
          f"staan er nog in (voor oude back-ups). / New key {key_id}; {rows} rows sealed again.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from bot.storage.database import current_revision, safe_url

    app = _app(args)  # loads the configuration, checks the mail settings, migrates
    print(f"  School:                    {app.config.name} ({app.config.source})")
    print(f"  Database:                  {safe_url(args.database_url)} "
          f"(revisie {current_revision(args.database_url)})")
    if isinstance(app.sender, EmlOutboxSender):
        print(f"  Notifications:             no SMTP set: written as .eml files to {app.sender.directory}")
    else:
        print(f"  Notifications:             by e-mail via {app.sender.describe()}")
    return EXIT_OK


# ---------------------------------------------------------------- entry point


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="klankbord",
        description="Klankbord: meldingen over pesten beheren / manage bullying reports.",
        epilog="Exit codes: 0 ok, 1 unknown reference, 2 usage, 3 configuration, 4 database, "
               "5 undelivered notifications.",
    )
    parser.add_argument("--config", help="school configuration file (default: $KLANKBORD_SCHOOL_CONFIG "
                                         "or schools/voorbeeldschool.yml)")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: $KLANKBORD_DATABASE_URL "
                                               "or sqlite file var/klankbord.db)")
    groups = parser.add_subparsers(dest="group", metavar="{reports,users,outbox,db,keys,check}")
    groups.required = True

    reports = groups.add_parser("reports", help="meldingen / reports")
    rsub = reports.add_subparsers(dest="command", metavar="{list,show,status,purge,delete}")
    rsub.required = True
    p = rsub.add_parser("list", help="alle meldingen, nieuwste eerst / all reports, newest first")
    p.add_argument("--json", action="store_true", help="output as JSON")
    p.set_defaults(func=cmd_reports_list)
    p = rsub.add_parser("show", help="een melding in zijn geheel / one report in full")
    p.add_argument("ref", metavar="REF", help="the reference code, e.g. K7QH-RM4C-XWN9")
    p.add_argument("--json", action="store_true", help="output as JSON")
    p.set_defaults(func=cmd_reports_show)
    p = rsub.add_parser("purge", help="verwijder meldingen na de bewaartermijn / delete reports past retention")
    p.set_defaults(func=cmd_reports_purge)
    p = rsub.add_parser("delete", help="wis een melding (recht op vergetelheid) / erase one report")
    p.add_argument("ref", metavar="REF")
    p.set_defaults(func=cmd_reports_delete)

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
    add_desk_commands(groups, rsub)  # issue 6: users ..., reports status
    return parser


def _database_problem(exc: BaseException) -> str:
    detail = getattr(exc, "orig", None) or exc
    first_line = str(detail).strip().splitlines()[0] if str(detail).strip() else type(detail).__name__
    return first_line[:300]


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    from bot.storage.database import safe_url

    try:
        return args.func(args)
    except CliError as exc:
        print(f"klankbord: {exc}", file=sys.stderr)
        return exc.code
    except ConfigError as exc:
        print(f"klankbord: configuratiefout / configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except (SettingsError, EnvironmentSettingsError) as exc:
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
