"""What the aanspreekpunt's notification mail says (Dutch, the school's *u*).

It says *that* a report came in and how urgent it is, never what the reporter wrote: no
description, no people involved, no contact details, no names, no free text at all. Kinds and
places appear only as the vocabulary's canonical values; anything else is shown as "anders".
"""
from __future__ import annotations

from datetime import date
from typing import Iterable, List, Set

from bot.domain import vocabulary
from bot.domain.calendar import LOCAL_TZ, dutch_date
from bot.domain.report import Confidentiality, Report, ReporterRole, SafetyCategory
from bot.domain.school import DEFAULT_DESK_URL, SchoolConfig

SUBJECT_PREFIX = "[Klankbord]"

ROLE_TEXT = {
    ReporterRole.LEERLING: "een leerling die zelf gepest wordt",
    ReporterRole.GETUIGE: "een leerling die ziet dat een ander gepest wordt",
    ReporterRole.OUDER: "een ouder of verzorger, voor hun kind",
    ReporterRole.MEDEWERKER: "een medewerker van de school",
}

CONFIDENTIALITY_TEXT = {
    Confidentiality.ANONIEM: (
        "anoniem - de melder heeft geen naam gegeven. U kunt alleen antwoorden als de melder "
        "zich met de code bij u meldt."
    ),
    Confidentiality.VERTROUWELIJK: (
        "vertrouwelijk - alleen wie deze melding behandelt (het aanspreekpunt en de plaatsvervanger) mag "
        "weten wie de melder is. Onderneem pas iets na een gesprek met de melder, behalve bij gevaar."
    ),
    Confidentiality.MAG_GEDEELD: "mag gedeeld worden - u mag anderen erbij betrekken (zie hieronder).",
}

SHARE_TEXT = {"mentor": "de mentor", "ouders": "de ouders of verzorgers"}

URGENCY_REASON_TEXT = {
    SafetyCategory.CRISIS: "crisis (signalen van zelfbeschadiging of zelfmoordgedachten)",
    SafetyCategory.ACUUT_GEVAAR: "acuut gevaar",
    SafetyCategory.STRAFBAAR_FEIT: "mogelijk strafbaar feit",
    SafetyCategory.ONVEILIG_THUIS: "mogelijk onveilige thuissituatie",
}

def desk_url(reference: str, base: str = DEFAULT_DESK_URL) -> str:
    """The report's page in the desk: ``<desk URL>/reports/REF`` (``Settings.desk_url``)."""
    return f"{base.rstrip('/')}/reports/{reference}"


def response_deadline(report: Report, config: SchoolConfig) -> date:
    """The last day for an answer: the school's response days, weekends and its holidays skipped."""
    return config.answer_due(report.created_at.astimezone(LOCAL_TZ).date())


def _deadline_note(deadline: date, config: SchoolConfig) -> str:
    known = config.holidays_known_until()
    if known is not None and deadline <= known:
        return " (de vakanties uit het schoolbestand niet meegeteld)"
    return " (vakanties onbekend: valt er een vakantie in, dan schuift dit op)"


def _known_values() -> Set[str]:
    known: Set[str] = set(vocabulary.LABELS)
    for values in vocabulary.VOCABULARY.values():
        known.update(values)
    return known


def _labels(values: Iterable[str], label: str) -> str:
    """Readable labels for canonical values; free text never gets through."""
    known = _known_values()
    shown: List[str] = []
    for value in values:
        text = vocabulary.label_of(value, label) if value in known else "anders (zie de melding)"
        if text not in shown:
            shown.append(text)
    return ", ".join(shown) if shown else "niet ingevuld"


def subject(report: Report) -> str:
    if report.is_urgent:
        return f"{SUBJECT_PREFIX} SPOED - urgente melding {report.reference}"
    return f"{SUBJECT_PREFIX} Nieuwe melding {report.reference}"


def body(report: Report, config: SchoolConfig, desk: str = DEFAULT_DESK_URL) -> str:
    """The plain-text body in Dutch (no free text from the report)."""
    created = report.created_at.astimezone(LOCAL_TZ)
    deadline = response_deadline(report, config)
    if report.about_adult:
        lines: List[str] = [f"Beste {config.handler(about_adult=True).name},", "",
                            "Deze melding gaat over een volwassene op school. Daarom gaat deze e-mail alleen "
                            "naar u, en niet naar het aanspreekpunt pesten.", ""]
    else:
        lines = ["Beste aanspreekpunt pesten,", ""]
    if report.is_urgent:
        lines.append("SPOED: deze melding is als urgent gemarkeerd. Lees hem vandaag nog.")
        if not report.about_adult:
            lines.append("Deze e-mail gaat naar het aanspreekpunt en naar de plaatsvervanger.")
        lines.append("")
    lines += [
        f"Via Klankbord is een melding over pesten binnengekomen voor {config.name}.",
        "",
        f"Code:               {report.reference}",
        f"Ontvangen:          {dutch_date(created.date())}, {created:%H:%M}",
    ]
    if report.is_urgent:
        reason = URGENCY_REASON_TEXT.get(report.urgency_reason, "niet opgegeven") \
            if report.urgency_reason else "niet opgegeven"
        lines.append(f"Urgentie:           HOOG - reden: {reason}")
    else:
        lines.append("Urgentie:           normaal")
    lines += [
        f"Wie meldt:          {ROLE_TEXT[report.reporter_role]}",
        f"Soort pesten:       {_labels(report.kinds, vocabulary.KIND)}",
        f"Waar:               {_labels(report.places, vocabulary.PLACE)}",
        f"Vertrouwelijkheid:  {CONFIDENTIALITY_TEXT[report.confidentiality]}",
    ]
    if report.confidentiality is Confidentiality.MAG_GEDEELD:
        share = [SHARE_TEXT.get(item, "anders (zie de melding)") for item in report.share_with]
        lines.append(f"Mag erbij betrekken: {', '.join(dict.fromkeys(share)) or 'nog niet gekozen'}")
    if report.confidentiality is not Confidentiality.ANONIEM:
        lines.append(
            "Contactgegevens:    " + ("staan in de melding" if report.contact else "niet gegeven")
        )
    lines += [
        f"Reageer binnen:     {config.response_days} werkdagen, uiterlijk {dutch_date(deadline)}"
        + _deadline_note(deadline, config),
        "",
        "Lees de hele melding in het dossier:",
        desk_url(report.reference, desk),
        f"Of op de server: klankbord reports show {report.reference}",
        "",
        "De eigen woorden van de melder, namen en contactgegevens staan om privacyredenen niet in "
        "deze e-mail.",
        "",
        "Deze e-mail is automatisch verstuurd door Klankbord. Antwoorden op deze e-mail komen niet "
        "bij de melder aan.",
    ]
    return "\n".join(lines) + "\n"
