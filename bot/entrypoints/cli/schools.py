"""``klankbord schools ...``: the schools in the data, and a school that leaves (export, then erasure).

    klankbord schools list [--json]          every school served or found in the database, with counts
    klankbord schools export ID --out FILE   everything of the school as JSON, in a new owner-only file
    klankbord schools erase ID --yes         erase everything of the school; no other school is touched

The export holds the pupils' words opened: personal data, written with mode 0600 to a file that must
not exist yet. The erasure runs only for a school the server no longer serves (its school file
removed), so nothing new comes in while and after it runs. Both are written to the audit log.
"""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from bot.adapters.mail.senders import outbox_dir_of
from bot.entrypoints.cli.common import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, CliError, clean, open_app
from bot.services import school_data

PERSONAL_DATA = ("Let op: dit bestand bevat persoonsgegevens (de eigen woorden van leerlingen, namen, "
                 "contactgegevens). Alleen de eigenaar kan het lezen (0600); geef het veilig door en wis het "
                 "daarna. / This file contains personal data; owner-only (0600): hand it over safely, then delete it.")


def _known(app: Any, school_id: str) -> school_data.SchoolData:
    """The school, served or with data here; else "not found"."""
    for found in school_data.schools_in_data(app):
        if found.school_id == school_id:
            return found
    raise CliError(f"Geen school '{clean(school_id)}' op deze server of in de database / no such school",
                   EXIT_NOT_FOUND)


def cmd_schools_list(args: argparse.Namespace) -> int:
    found = school_data.schools_in_data(open_app(args))
    if args.json:
        print(json.dumps([vars(s) for s in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [("SCHOOL", "NAAM", "MELDINGEN", "GEBRUIKERS", "AUDITREGELS")] + [
        (s.school_id, s.name or "(niet meer bediend / not served)", str(s.reports), str(s.users),
         str(s.audit_entries)) for s in found]
    widths = [max(len(clean(row[i])) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(clean(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    return EXIT_OK


def cmd_schools_export(args: argparse.Namespace) -> int:
    app = open_app(args)
    school = _known(app, args.id)
    path = Path(args.out)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # owner only, whatever the umask
    except FileExistsError:
        raise CliError(f"{path} bestaat al; kies een nieuwe naam / exists already", EXIT_USAGE) from None
    except OSError as exc:
        raise CliError(f"kan {path} niet maken / cannot create it: {exc.strerror}", EXIT_USAGE) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            data = school_data.export_school(app, school.school_id)
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    counts = data["counts"]
    print(f"School {school.school_id} geëxporteerd naar {path}: {counts['reports']} meldingen, "
          f"{counts['users']} gebruikers, {counts['audit_entries']} auditregels. / Exported.")
    print(PERSONAL_DATA)
    return EXIT_OK


def cmd_schools_erase(args: argparse.Namespace) -> int:
    app = open_app(args)
    school = _known(app, args.id)
    if school.school_id in app.schools:
        raise CliError(f"school {school.school_id} wordt nog bediend ({app.school(school.school_id).source}): haal "
                       f"eerst het schoolbestand weg en herstart de servers, exporteer, en wis dan / still served: "
                       f"remove its school file and restart first", EXIT_USAGE)
    if not args.yes:
        raise CliError(f"dit wist alles van school {school.school_id} ({school.reports} meldingen, "
                       f"{school.audit_entries} auditregels, gebruikers van alleen deze school); exporteer eerst "
                       f"('klankbord schools export {school.school_id} --out FILE') en herhaal met --yes / "
                       f"this erases everything of the school: export first, then repeat with --yes", EXIT_USAGE)
    result = school_data.erase_school(app, school.school_id, outbox_dir_of(app.sender))
    print(f"School {result.school_id} gewist: {result.reports} meldingen met alles wat erbij hoort, "
          f"{result.users_removed} gebruikers van alleen deze school, bij {result.users_kept} andere gebruikers "
          f"de school weggehaald, {result.audit_entries} auditregels. Eén auditregel legt het wissen vast. "
          f"/ Erased; other schools untouched.")
    return EXIT_OK


def add_commands(groups: Any) -> None:
    """``klankbord schools ...``."""
    group = groups.add_parser("schools", help="scholen; een school die vertrekt / schools; a school that leaves")
    sub = group.add_subparsers(dest="command", metavar="{list,export,erase}")
    sub.required = True
    p = sub.add_parser("list", help="scholen met aantallen / schools with counts")
    p.add_argument("--json", action="store_true", help="output as JSON")
    p.set_defaults(func=cmd_schools_list)
    p = sub.add_parser("export", help="alles van een school naar een nieuw bestand (persoonsgegevens) / "
                                      "everything of a school to a new file (personal data)")
    p.add_argument("id", metavar="ID", help="school_id")
    p.add_argument("--out", metavar="FILE", required=True, help="nieuw bestand, wordt 0600 / a new file, made 0600")
    p.set_defaults(func=cmd_schools_export)
    p = sub.add_parser("erase", help="wis alles van een school die niet meer bediend wordt / erase a school "
                                     "no longer served")
    p.add_argument("id", metavar="ID", help="school_id")
    p.add_argument("--yes", action="store_true", help="echt wissen / really erase")
    p.set_defaults(func=cmd_schools_erase)
