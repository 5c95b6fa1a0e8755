"""``klankbord reports ...`` and ``klankbord monitoring ...`` (every one audited), for one school:

    klankbord reports list [--json]      the school's reports, newest first (no free text)
    klankbord reports show REF [--json]  one report in full (REF in any case or spacing)
    klankbord reports status REF STATUS [--reason TEXT]   nieuw | in_behandeling | afgesloten
    klankbord reports export             every report of the school with its case file, as JSON
    klankbord reports purge              delete the school's reports whose retention has passed
    klankbord reports delete REF         erase one report (right to erasure)
    klankbord monitoring export [--year YYYY]   the school's anonymised counts as CSV

Each takes ``--school ID``, required when the server serves more than one school; a report of
another school is "not found", exactly as one that does not exist.
"""
from __future__ import annotations

import argparse
import json
from typing import Any, Dict, List, Sequence

from bot.adapters.mail.senders import outbox_dir_of
from bot.domain.desk import CaseFile
from bot.domain.report import Report, Status
from bot.entrypoints.cli.common import (
    EXIT_OK, EXIT_USAGE, CliError, add_school_option, audit_cli, clean, iso, local, not_found, open_app,
    reference_or_fail, school_actor,
)
from bot.services import cases, erasure, monitoring
from bot.services.audit import AuditAction
from bot.services.ports import UnknownReport
from bot.services.reporting import find_report


def summary_dict(report: Report) -> Dict[str, Any]:
    """The list view of a report: codes and choices only, no free text."""
    return {
        "reference": report.reference,
        "school_id": report.school_id,
        "created_at": iso(report.created_at),
        "urgency": report.urgency.value,
        "urgency_reason": report.urgency_reason.value if report.urgency_reason else None,
        "status": report.status.value,
        "reporter_role": report.reporter_role.value,
        "confidentiality": report.confidentiality.value,
        "kinds": list(report.kinds),
        "places": list(report.places),
        "delete_after": iso(report.delete_after),
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
            local(r.created_at),
            "SPOED" if r.is_urgent else "normaal",
            r.status.value,
            r.reporter_role.value,
            r.confidentiality.value,
            ",".join(r.kinds) or "-",
            ",".join(r.places) or "-",
            local(r.delete_after)[:10],
        )
        for r in reports
    ]
    widths = [max(len(clean(row[i])) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(clean(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())


def _print_report(report: Report, notifications: Sequence[Any]) -> None:
    urgency = "HOOG (SPOED)" if report.is_urgent else "normaal"
    if report.urgency_reason:
        urgency += f" - reden: {report.urgency_reason.value}"
    fields = [
        ("Code", report.reference),
        ("School", report.school_id),
        ("Ontvangen", local(report.created_at)),
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
        ("Bewaren tot", local(report.delete_after)),
    ]
    width = max(len(name) for name, _ in fields) + 1
    for name, value in fields:
        print(f"{(name + ':').ljust(width)} {clean(value)}")
    print()
    print("Wat er gebeurt (eigen woorden):")
    print(clean(report.description))
    if notifications:
        print()
        print("E-mailmeldingen:")
        for n in notifications:
            state = "verstuurd " + local(n.sent_at) if n.status.value == "sent" else (
                f"wacht (pogingen: {n.attempts}" + (f", laatste fout: {n.last_error}" if n.last_error else "") + ")"
            )
            print(f"  {n.recipient_role.value}: {n.recipient} - {state}")


def cmd_reports_list(args: argparse.Namespace) -> int:
    app = open_app(args)
    actor = school_actor(args, app)
    with app.uow_factory() as uow:
        reports = uow.reports.list(school_ids=actor.schools)
    audit_cli(app, actor, AuditAction.LIST_REPORTS, detail=f"{len(reports)} meldingen")
    if args.json:
        print(json.dumps([summary_dict(r) for r in reports], ensure_ascii=False, indent=2))
    elif not reports:
        print("Geen meldingen. / No reports.")
    else:
        _print_table(reports)
    return EXIT_OK


def cmd_reports_show(args: argparse.Namespace) -> int:
    reference = reference_or_fail(args.ref)
    app = open_app(args)
    actor = school_actor(args, app)
    report = find_report(app.uow_factory(), reference)
    if report is None or report.school_id not in actor.schools:
        raise not_found(reference)
    with app.uow_factory() as uow:
        notifications = uow.notifications.for_report(reference)
    audit_cli(app, actor, AuditAction.VIEW_REPORT, reference)
    if args.json:
        data = full_dict(report)
        data["notifications"] = [
            {"recipient": n.recipient, "recipient_role": n.recipient_role.value,
             "status": n.status.value, "attempts": n.attempts, "last_error": n.last_error,
             "sent_at": iso(n.sent_at)}
            for n in notifications
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_report(report, notifications)
    return EXIT_OK


def cmd_reports_purge(args: argparse.Namespace) -> int:
    app = open_app(args)
    actor = school_actor(args, app)
    count = erasure.purge_due(app, outbox_dir=outbox_dir_of(app.sender), school_ids=actor.schools)
    audit_cli(app, actor, AuditAction.PURGE_REPORTS, detail=f"{count} gewist")
    print(f"{count} melding(en) verwijderd waarvan de bewaartermijn voorbij is / "
          f"{count} report(s) past retention deleted.")
    return EXIT_OK


def cmd_reports_delete(args: argparse.Namespace) -> int:
    reference = reference_or_fail(args.ref)
    app = open_app(args)
    actor = school_actor(args, app)
    if not erasure.erase(app, [reference], outbox_dir_of(app.sender), school_ids=actor.schools):
        raise not_found(reference)
    audit_cli(app, actor, AuditAction.DELETE_REPORT, reference)
    print(f"Melding {reference} is gewist, met alles wat erbij hoort (e-mailmeldingen, .eml-bestanden, "
          f"dossier, pogingen). / Report {reference} erased with everything that belongs to it.")
    return EXIT_OK


def cmd_reports_status(args: argparse.Namespace) -> int:
    reference = reference_or_fail(args.ref)
    desk = open_app(args)
    try:
        change = cases.change_status(desk, school_actor(args, desk), reference, args.status, args.reason)
    except UnknownReport:
        raise not_found(reference) from None
    except cases.CaseError as exc:
        raise CliError(f"{exc}", EXIT_USAGE) from None
    print(f"Melding {reference}: {change.from_status.value} -> {change.to_status.value}")
    return EXIT_OK


def case_dict(case: CaseFile) -> Dict[str, Any]:
    """A report in full with everything the desk keeps about it (for an export)."""
    data = full_dict(case.report)
    data.update(
        status_history=[{"from": c.from_status.value, "to": c.to_status.value, "reason": c.reason,
                         "author": c.author, "at": iso(c.created_at)} for c in case.history],
        case_log=[{"happened_on": e.happened_on.isoformat(), "what": e.what, "with_whom": e.with_whom,
                   "author": e.author, "at": iso(e.created_at)} for e in case.entries],
        messages=[{"text": m.text, "author": m.author, "at": iso(m.created_at), "read_at": iso(m.read_at)}
                  for m in case.messages],
        additions=[{"text": a.text, "at": iso(a.created_at)} for a in case.additions],
        nazorg_date=case.nazorg_date.isoformat() if case.nazorg_date else None,
        nazorg_answers=[{"answer": n.answer.value, "at": iso(n.created_at)} for n in case.nazorg],
    )
    return data


def cmd_reports_export(args: argparse.Namespace) -> int:
    app = open_app(args)
    files = cases.export(app, school_actor(args, app))
    print(json.dumps([case_dict(f) for f in files], ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_monitoring_export(args: argparse.Namespace) -> int:
    app = open_app(args)
    actor = school_actor(args, app)
    year = monitoring.SchoolYear.parse(args.year) if args.year else None
    if args.year and year is None:
        raise CliError(f"'{clean(args.year)}' is geen schooljaar (zoals 2025 of 2025-2026) / not a school year",
                       EXIT_USAGE)
    data = monitoring.load(app, actor.schools, year)
    audit_cli(app, actor, AuditAction.EXPORT_MONITORING, detail=f"monitoring {data.year.label}")
    print(monitoring.to_csv(data), end="")
    return EXIT_OK


def add_commands(groups: Any) -> None:
    """``klankbord reports ...`` and ``klankbord monitoring ...``."""
    reports = groups.add_parser("reports", help="meldingen / reports")
    rsub = reports.add_subparsers(dest="command", metavar="{list,show,status,export,purge,delete}")
    rsub.required = True
    p = rsub.add_parser("list", help="alle meldingen, nieuwste eerst / all reports, newest first")
    p.add_argument("--json", action="store_true", help="output as JSON")
    p.set_defaults(func=cmd_reports_list)
    p = rsub.add_parser("show", help="een melding in zijn geheel / one report in full")
    p.add_argument("ref", metavar="REF", help="the reference code, e.g. K7QH-RM4C-XWN9")
    p.add_argument("--json", action="store_true", help="output as JSON")
    p.set_defaults(func=cmd_reports_show)
    p = rsub.add_parser("export", help="alle meldingen van de school met dossier, als JSON / every report "
                                       "of the school with its case file, as JSON")
    p.set_defaults(func=cmd_reports_export)
    p = rsub.add_parser("purge", help="verwijder meldingen na de bewaartermijn / delete reports past retention")
    p.set_defaults(func=cmd_reports_purge)
    p = rsub.add_parser("delete", help="wis een melding (recht op vergetelheid) / erase one report")
    p.add_argument("ref", metavar="REF")
    p.set_defaults(func=cmd_reports_delete)
    p = rsub.add_parser("status", help="zet de status / set the status (audited)")
    p.add_argument("ref", metavar="REF")
    p.add_argument("status", choices=[s.value for s in Status])
    p.add_argument("--reason", help="reden (nodig bij afsluiten of heropenen) / reason (closing, reopening)")
    p.set_defaults(func=cmd_reports_status)
    for command in rsub.choices.values():
        add_school_option(command)

    group = groups.add_parser("monitoring", help="anonieme aantallen / anonymised counts")
    msub = group.add_subparsers(dest="command", metavar="{export}")
    msub.required = True
    p = msub.add_parser("export", help="de aantallen van een schooljaar als CSV / a school year's counts as CSV")
    p.add_argument("--year", help="schooljaar, zoals 2025 of 2025-2026 (standaard: dit schooljaar) / school year")
    add_school_option(p)
    p.set_defaults(func=cmd_monitoring_export)
