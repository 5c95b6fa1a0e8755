"""What the report form asks, in which order, and how the answers become a Report."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple

from bot.dialogue.submission import SUBMISSION_SLOT
from bot.domain import vocabulary
from bot.domain.school import SchoolConfig
from bot.language.entities import clean_values, values_in
from bot.domain.report import (
    Confidentiality, Report, ReporterRole, SafetyCategory, Urgency, new_reference,
)

OTHER = "anders"  # an answer that names none of the choices
DECLINED = "niet gezegd"  # stored for optional questions the pupil chose not to answer


@dataclass(frozen=True)
class Field:
    slot: str
    name: str  # how a pupil names it when correcting ("waar", "hoe vaak")
    keywords: tuple


FIELDS: List[Field] = [
    Field("reporter_role", "wie je bent", ("wie ik ben", "rol", "ik ben")),
    Field("description", "wat er gebeurt", ("wat er gebeurt", "verhaal", "beschrijving", "wat er gebeurd")),
    Field("kinds", "soort pesten", ("soort", "wat ze doen", "manier")),
    Field("places", "waar", ("waar", "plek", "plaats")),
    Field("moment", "wanneer", ("wanneer", "moment", "tijd")),
    Field("frequency", "hoe vaak", ("hoe vaak", "vaak", "frequentie")),
    Field("since_when", "sinds wanneer", ("sinds", "hoe lang")),
    Field("people_involved", "wie er meedoen", ("wie", "meedoen", "pesters", "betrokken")),
    Field("about_adult", "of het om een volwassene gaat", ("volwassene", "leraar", "juf", "meester")),
    Field("already_told", "wie het al weet", ("al weet", "verteld", "geprobeerd")),
    Field("desired_outcome", "wat je graag wilt", ("wat ik wil", "graag", "wens", "wilt")),
    Field("confidentiality", "wie het mag weten", ("anoniem", "vertrouwelijk", "gedeeld", "geheim", "mag weten")),
    Field("share_with", "met wie het gedeeld mag worden", ("delen met", "mentor", "ouders")),
    Field("contact", "hoe je bereikt kunt worden", ("contact", "bereiken", "naam", "klas", "mail")),
]
FIELD_BY_SLOT = {f.slot: f for f in FIELDS}
REPORT_SLOTS = [f.slot for f in FIELDS] + ["confirmed"]
# Where an answer named none of the choices ("anders"), the reporter's own words are kept here.
NOTE_SLOTS = {"places": "place_note", "moment": "moment_note", "frequency": "frequency_note"}


def required_slots(slots: Mapping[str, Any]) -> List[str]:
    """The questions this reporter needs, in order; contact only when confidentiality allows."""
    needed = [f.slot for f in FIELDS]
    confidentiality = slots.get("confidentiality")
    if confidentiality != Confidentiality.MAG_GEDEELD.value or is_parent(slots.get("reporter_role")):
        needed.remove("share_with")  # a parent's "mag gedeeld" means: with the mentor
    if confidentiality in (None, Confidentiality.ANONIEM.value):
        needed.remove("contact")
    return needed + ["confirmed"]


def field_named(text: str) -> Optional[str]:
    """Which field the pupil wants to correct ("aanpassen: waar" or just "waar")."""
    lowered = text.lower().replace("aanpassen:", "").strip()
    for f in FIELDS:
        if lowered == f.name or lowered == f.slot:
            return f.slot
    for f in FIELDS:
        if any(k in lowered for k in f.keywords):
            return f.slot
    return None


def own_words_slots(slot: str, values: Any, text: Optional[str],
                    slots: Mapping[str, Any]) -> Dict[str, Any]:
    """The note slot for a choice question: the reporter's own words when the answer counts as
    "anders" (not when they pressed the "iets/ergens anders" button); an earlier note is emptied
    when a corrected answer names a choice."""
    note_slot = NOTE_SLOTS[slot]
    chosen = values if isinstance(values, list) else [values]
    if OTHER in chosen and text and not text.lower().startswith(("ergens anders", "iets anders")):
        return {note_slot: text}
    return {note_slot: None} if slots.get(note_slot) else {}


def _show_choice(slots: Mapping[str, Any], slot: str, label: str) -> str:
    """A choice answer for the summary, with the reporter's own words in place of "iets anders"."""
    value = slots.get(slot)
    if value in (None, "", []):
        return "-"
    note = slots.get(NOTE_SLOTS[slot])
    values = value if isinstance(value, list) else [value]
    return ", ".join(str(note) if v == OTHER and note else vocabulary.label_of(v, label) for v in values)


def _show(value: Any, label: str = vocabulary.KIND) -> str:
    if value in (None, "", []):
        return "-"
    if isinstance(value, list):
        return ", ".join(vocabulary.label_of(v, label) for v in value) or "-"
    return str(value)


ROLE_TEXT = {
    ReporterRole.LEERLING.value: "je wordt zelf gepest",
    ReporterRole.GETUIGE.value: "je ziet het bij iemand anders",
    ReporterRole.OUDER.value: "ouder of verzorger",
    ReporterRole.MEDEWERKER.value: "medewerker van school",
}
CONFIDENTIALITY_TEXT = {
    Confidentiality.ANONIEM.value: "anoniem (zonder naam)",
    Confidentiality.VERTROUWELIJK.value: "vertrouwelijk (alleen het aanspreekpunt weet wie je bent)",
    Confidentiality.MAG_GEDEELD.value: "mag gedeeld worden",
}
SHARE_TEXT = {"mentor": "de mentor", "ouders": "de ouders"}


def is_parent(role: Optional[str]) -> bool:
    """Parents are addressed with *u*; pupils and staff with *je*."""
    return role == ReporterRole.OUDER.value


def summary_intro(role: Optional[str]) -> str:
    return "Dit is uw melding:" if is_parent(role) else "Dit is je melding:"


def summary(slots: Mapping[str, Any]) -> str:
    """The report as the reporter will send it, one line per answer."""
    parent = is_parent(slots.get("reporter_role"))
    confidentiality = CONFIDENTIALITY_TEXT.get(slots.get("confidentiality"), "-")
    if parent:
        confidentiality = confidentiality.replace("wie je bent", "wie u bent")
    lines = [
        f"- Wie: {ROLE_TEXT.get(slots.get('reporter_role'), '-')}",
        f"- Wat er gebeurt: {_show(slots.get('description'))}",
        f"- Soort pesten: {_show(slots.get('kinds'))}",
        f"- Waar: {_show_choice(slots, 'places', vocabulary.PLACE)}",
        f"- Wanneer: {_show_choice(slots, 'moment', vocabulary.MOMENT)}",
        f"- Hoe vaak: {_show_choice(slots, 'frequency', vocabulary.FREQUENCY)}",
        f"- Sinds wanneer: {_show(slots.get('since_when'))}",
        f"- Wie doen er mee: {_show(slots.get('people_involved'))}",
        f"- Gaat het om een volwassene van school: {'ja' if is_about_adult(slots) else 'nee'}",
        f"- Wie weet het al: {_show(slots.get('already_told'))}",
        f"- Wat {'u' if parent else 'je'} graag wilt: {_show(slots.get('desired_outcome'))}",
        f"- Wie het mag weten: {confidentiality}",
    ]
    if slots.get("confidentiality") == Confidentiality.MAG_GEDEELD.value:
        shared = ", ".join(SHARE_TEXT.get(s, s) for s in slots.get("share_with") or [])
        lines.append(f"- Delen met: {shared or 'nog niemand'}")
    if slots.get("contact"):
        lines.append(f"- Contact: {slots['contact']}")
    return "\n".join(lines)


def reflection(slots: Mapping[str, Any]) -> Optional[str]:
    """Mirror what the first message already told, in a few words; None when it told nothing."""
    parts: List[str] = []
    if slots.get("kinds"):
        parts.append(_show(slots["kinds"]))
    if slots.get("places"):
        parts.append(_show(slots["places"], vocabulary.PLACE))
    if slots.get("moment"):
        parts.append(vocabulary.label_of(slots["moment"]))
    if slots.get("frequency"):
        parts.append(vocabulary.label_of(slots["frequency"]))
    if not parts:
        return None
    return ", ".join(parts)


def is_about_adult(slots: Mapping[str, Any]) -> bool:
    """Did the reporter say the report is about an adult at school (a teacher, the caretaker)?"""
    return slots.get("about_adult") == "ja"


def _optional(value: Any) -> Optional[str]:
    if value in (None, "", DECLINED):
        return None
    return str(value)


def report_from_slots(
    slots: Mapping[str, Any], config: SchoolConfig, conversation_id: Optional[str]
) -> Report:
    """Build the Report from the form's slots (values were validated by the form)."""
    urgency_reason = slots.get("urgency_reason")
    report = Report(
        reference=new_reference(),
        school_id=config.school_id,
        reporter_role=ReporterRole(slots["reporter_role"]),
        description=str(slots["description"]),
        confidentiality=Confidentiality(slots["confidentiality"]),
        kinds=list(slots.get("kinds") or []),
        places=list(slots.get("places") or []),
        place_note=_optional(slots.get("place_note")),
        moment=_optional(slots.get("moment")),
        moment_note=_optional(slots.get("moment_note")),
        frequency=_optional(slots.get("frequency")),
        frequency_note=_optional(slots.get("frequency_note")),
        since_when=_optional(slots.get("since_when")),
        people_involved=_optional(slots.get("people_involved")),
        about_adult=is_about_adult(slots),
        already_told=_optional(slots.get("already_told")),
        desired_outcome=_optional(slots.get("desired_outcome")),
        share_with=list(slots.get("share_with") or []),
        contact=_optional(slots.get("contact")),
        conversation_id=conversation_id,
        urgency=Urgency.HOOG if urgency_reason else Urgency.NORMAAL,
        urgency_reason=SafetyCategory(urgency_reason) if urgency_reason else None,
    )
    report.set_retention(config.retention_days)
    return report


def confidentiality_slots(choice: Confidentiality, role: Optional[str] = None) -> Dict[str, Any]:
    """Slot values for a confidentiality choice: an anonymous report keeps no contact, and only
    *mag gedeeld* keeps with whom it may be shared (for a parent: the mentor, as explained)."""
    slots: Dict[str, Any] = {"confidentiality": choice.value}
    if choice is Confidentiality.MAG_GEDEELD and is_parent(role):
        slots["share_with"] = ["mentor"]
    if choice is Confidentiality.ANONIEM:
        slots["contact"] = None
    if choice is not Confidentiality.MAG_GEDEELD:
        slots["share_with"] = None
    return slots


def empty_report_slots() -> Dict[str, Any]:
    """Slot values that forget a report in progress (after stop or submit)."""
    names = REPORT_SLOTS + [*NOTE_SLOTS.values(), "urgency_reason", "report_paused", "requested_slot",
                            SUBMISSION_SLOT]
    return {name: None for name in names}


_WISH_ONLY = re.compile(
    r"\b(meld|melden|melding|vertellen|vertel|doorgeven|aangeven|rapporteren|iets zeggen|hulp)\b"
)
_REPORT_SLOTS_FROM_ENTITIES = ("kinds", "places", "moment", "frequency")


_FIXED_CHOICE_LABELS = {
    "kinds": vocabulary.KIND, "places": vocabulary.PLACE,
    "moment": vocabulary.MOMENT, "frequency": vocabulary.FREQUENCY,
}
LIST_SLOTS = ("kinds", "places")


def also_told(text: str, slots: Mapping[str, Any], asked: Optional[str]) -> Dict[str, Any]:
    """Answers to questions not asked yet that this message gives too ("na school, via snapchat"
    to "hoe vaak?" also tells when and where), so the form does not ask them again.

    Only questions still open are filled: nothing the pupil said earlier is overwritten.
    """
    found: Dict[str, Any] = {}
    for slot, label in _FIXED_CHOICE_LABELS.items():
        if slot == asked or slots.get(slot):
            continue
        values = clean_values(values_in(text, label), label)
        if values:
            found[slot] = values if slot in LIST_SLOTS else values[0]
    return found


def is_disclosure(text: str, slots: Mapping[str, Any]) -> bool:
    """Does the first message tell what happens (then it is the description), or only ask to report?"""
    n_words = len(text.split())
    told = any(slots.get(s) for s in _REPORT_SLOTS_FROM_ENTITIES)
    if _WISH_ONLY.search(text.lower()) and not told and n_words < 12:
        return False
    return told or n_words >= 5


def opening(slots: Mapping[str, Any]) -> str:
    """The first answer to a report: acknowledge, mirror what was told, say how it goes on."""
    role = slots.get("reporter_role")
    mirrored = reflection(slots)
    if role == ReporterRole.OUDER.value:
        first = "Wat naar dat dit uw kind overkomt. Goed dat u het meldt."
    elif role == ReporterRole.MEDEWERKER.value:
        first = "Goed dat je het meldt."
    elif role == ReporterRole.GETUIGE.value:
        first = "Goed dat je opkomt voor een ander."
    else:
        first = "Wat naar dat dit gebeurt. Het is niet jouw schuld. Goed dat je het vertelt."
    if mirrored:
        first += f" Ik hoor: {mirrored}."
    if is_parent(role):
        return first + " Ik stel een paar korte vragen, één voor één. U kunt altijd 'stop' typen."
    return first + " Ik stel een paar korte vragen, één voor één. Je kunt altijd 'stop' typen."


def _reader(config: SchoolConfig, about_adult: bool) -> Tuple[str, str]:
    """(name, what they are) of who reads this report: the aanspreekpunt, or for a report about
    an adult at school the school file's ``staff_reports`` person."""
    person = config.handler(about_adult)
    return person.name, (person.role if about_adult else "het aanspreekpunt pesten")


def confidentiality_question(config: SchoolConfig, role: Optional[str],
                             about_adult: bool = False) -> Tuple[List[str], List[Tuple[str, str]]]:
    """Explain the three choices and their limit, then ask. Returns (messages, buttons)."""
    who, what = _reader(config, about_adult)
    them = who if about_adult else "het aanspreekpunt"
    if role == ReporterRole.OUDER.value:
        explain = (
            "Nu iets belangrijks: wie mag weten dat u dit meldt? U heeft drie keuzes.\n"
            "- Anoniem: u zegt uw naam niet. De school kan u dan niet zelf benaderen. "
            "Met de code leest u hier in de chat wat de school terugschrijft.\n"
            f"- Vertrouwelijk: alleen {who}, {what}, weet wie u bent. "
            f"Er gebeurt pas iets nadat u eerst met {them} heeft gepraat.\n"
            f"- Mag gedeeld: {them} mag de mentor erbij halen."
        )
        limit = "Als een kind in gevaar is, moet de school altijd iets doen, ook bij een anonieme melding."
        question = "Wat kiest u?"
    else:
        staff = role == ReporterRole.MEDEWERKER.value
        shared = (
            f"- Mag gedeeld: {them} mag de mentor of de ouders van de leerling vertellen dat jij dit zag. "
            "Jij kiest wie." if staff else
            f"- Mag gedeeld: {them} mag je mentor of je ouders erbij halen. Jij kiest wie."
        )
        explain = (
            "Nu iets belangrijks: wie mag weten dat jij dit meldt? Je hebt drie keuzes.\n"
            "- Anoniem: je zegt je naam niet. De school weet dan niet wie je bent en kan jou niet zelf spreken. "
            "Met je code lees je hier in de chat wat de school terugschrijft.\n"
            f"- Vertrouwelijk: alleen {who}, {what}, weet wie je bent. "
            "Er gebeurt pas iets als jullie eerst samen hebben gepraat.\n" + shared
        )
        limit = (
            "Als een leerling in gevaar is, moet de school altijd iets doen, ook bij een anonieme melding."
            if staff else
            "Eerlijk is eerlijk: als iemand in gevaar is, moet de school iets doen. Ook als je anoniem of vertrouwelijk kiest. "
            "Je ouders krijgen nooit vanzelf een bericht van deze chat."
        )
        question = "Wat kies je?"
    buttons = [("Anoniem", "anoniem"), ("Vertrouwelijk", "vertrouwelijk"), ("Mag gedeeld worden", "mag gedeeld worden")]
    return [explain, limit, question], buttons


def contact_question(config: SchoolConfig, role: Optional[str], about_adult: bool = False) -> str:
    who = config.handler(about_adult).name
    if role == ReporterRole.OUDER.value:
        return f"Hoe kan {who} u bereiken? Uw naam en telefoonnummer of e-mailadres is genoeg."
    if role == ReporterRole.MEDEWERKER.value:
        return f"Hoe kan {who} je bereiken? Je naam is genoeg."
    return f"Hoe kan {who} je bereiken? Je naam en klas is genoeg."


def after_submit(config: SchoolConfig, report: Report, secret: Optional[str] = None) -> List[str]:
    """What the reporter hears after sending: the code (and the secret, shown only this once), who
    reads it and by when, how to check on it, where else to go. Parents are addressed with *u*."""
    if report.reporter_role is ReporterRole.OUDER:
        return _after_submit_parent(config, report, secret)
    ap = config.handler(report.about_adult)
    kt = config.helplines["kindertelefoon"]
    parts = [
        f"Je melding is verstuurd. Je code is: {report.reference}\n"
        "Schrijf de code op of maak er een foto van. Laat hem niet aan anderen zien.",
        f"{ap.name} ({ap.role}) leest je melding binnen {config.response_days} werkdagen.",
    ]
    if secret:  # the way back through the chat
        parts[0] = (
            f"Je melding is verstuurd. Je code is: {report.reference}\n"
            f"Je geheime woord is: {secret}\n"
            "Schrijf ze allebei op of maak er een foto van. Laat ze aan niemand zien. "
            "Het geheime woord zie je maar één keer."
        )
        parts.append(
            "Wil je later weten hoe het gaat? Typ dan hier: 'hoe staat het met mijn melding'. "
            f"Met je code en je geheime woord zie je dan ook berichten van {ap.name}."
        )
    if report.confidentiality is Confidentiality.ANONIEM:
        parts.append(
            f"Je melding is anoniem. Wil je weten hoe het gaat? Ga dan met je code naar {ap.name}: {ap.where}, {ap.when}."
        )
    else:
        parts.append(f"{ap.name} neemt contact met je op. Je vindt {ap.name} ook zelf: {ap.where}, {ap.when}.")
    if report.reporter_role is not ReporterRole.MEDEWERKER:
        parts.append(
            f"Wil je intussen met iemand praten? {kt.name}: {kt.phone} of {kt.site}. "
            "Gaat het niet goed? Klik op 'Hulp nu'."
        )
    return parts


def _after_submit_parent(config: SchoolConfig, report: Report, secret: Optional[str]) -> List[str]:
    ap = config.handler(report.about_adult)
    kt = config.helplines["kindertelefoon"]
    first = f"Uw melding is verstuurd. De code is: {report.reference}\n"
    if secret:
        first += (f"Het geheime woord is: {secret}\n"
                  "Bewaar ze allebei goed. Het geheime woord ziet u maar één keer.")
    else:
        first += "Bewaar de code goed."
    parts = [first, f"{ap.name} ({ap.role}) leest uw melding binnen {config.response_days} werkdagen."]
    if secret:
        parts.append(
            "Wilt u later weten hoe het gaat? Typ dan hier: 'hoe staat het met mijn melding'. "
            f"Met de code en het geheime woord leest u dan ook berichten van {ap.name}."
        )
    if report.confidentiality is Confidentiality.ANONIEM:
        parts.append(f"Uw melding is anoniem. U vindt {ap.name} ook zelf: {ap.where}, {ap.when}.")
    else:
        parts.append(f"{ap.name} neemt contact met u op. U vindt {ap.name} ook zelf: {ap.where}, {ap.when}.")
    parts.append(f"Wil uw kind intussen met iemand praten? {kt.name}: {kt.phone} of {kt.site}.")
    return parts


def submit_failed(config: SchoolConfig) -> str:
    ap = config.aanspreekpunt
    return (
        "Sorry, het versturen is niet gelukt. Je melding is nog niet opgeslagen. "
        f"Probeer het zo nog eens door 'ja' te typen, of ga zelf naar {ap.name}: {ap.where}."
    )
