"""What the report form asks, in which order, and how the answers become a Report."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple

from bot.dialogue.submission import SUBMISSION_SLOT
from bot.dialogue.turn import Message
from bot.domain import vocabulary
from bot.domain.school import SchoolConfig
from bot.texts import report as texts
from bot.texts.voice import Voice
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


def is_parent(role: Optional[str]) -> bool:
    """Parents are addressed with *u*; pupils and staff with *je*."""
    return role == ReporterRole.OUDER.value


def summary_messages(slots: Mapping[str, Any], config: SchoolConfig) -> List[str]:
    """The report as the reporter will send it: two messages, one line per answer."""
    shown = {
        "description": _show(slots.get("description")),
        "kinds": _show(slots.get("kinds")),
        "places": _show_choice(slots, "places", vocabulary.PLACE),
        "moment": _show_choice(slots, "moment", vocabulary.MOMENT),
        "frequency": _show_choice(slots, "frequency", vocabulary.FREQUENCY),
        **{slot: _show(slots.get(slot)) for slot in ("since_when", "people_involved", "already_told",
                                                      "desired_outcome")},
    }
    return texts.summary(slots, shown, Voice.of(slots.get("reporter_role"), config), config, is_about_adult(slots))


def summary(slots: Mapping[str, Any], config: SchoolConfig) -> str:
    """The summary as one text (the lines of :func:`summary_messages`)."""
    return "\n".join(summary_messages(slots, config))


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


def also_told(text: str, slots: Mapping[str, Any], asked: Optional[str], message: Message) -> Dict[str, Any]:
    """Answers to questions not asked yet that this message gives too ("na school, via snapchat"
    to "hoe vaak?" also tells when and where), so the form does not ask them again.

    Only questions still open are filled: nothing the pupil said earlier is overwritten. What
    ``text`` names comes from ``message``'s entities (``Message.values``).
    """
    found: Dict[str, Any] = {}
    for slot, label in _FIXED_CHOICE_LABELS.items():
        if slot == asked or slots.get(slot):
            continue
        values = message.values(label, text)
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


def opening(slots: Mapping[str, Any], config: Optional[SchoolConfig] = None) -> List[str]:
    """The first answer to a report: acknowledge, mirror what was told, say how it goes on; then
    where confidentiality ends, before the story."""
    voice = Voice.of(slots.get("reporter_role"), config)
    return [texts.opening(voice, reflection(slots)), texts.limits(voice)]


def confidentiality_question(config: SchoolConfig, role: Optional[str],
                             about_adult: bool = False) -> Tuple[List[str], List[Tuple[str, str]]]:
    """Explain the three choices and their limit, then ask. Returns (messages, buttons)."""
    return texts.confidentiality_question(config, Voice.of(role, config), about_adult)


def contact_question(config: SchoolConfig, role: Optional[str], about_adult: bool = False) -> str:
    return texts.contact_question(config, Voice.of(role, config), about_adult)


def after_submit(config: SchoolConfig, report: Report, secret: Optional[str] = None) -> List[str]:
    """What the reporter hears after sending (``bot.texts.report.after_submit``), in their register."""
    return texts.after_submit(config, report, secret, Voice.of(report.reporter_role.value, config))


def submit_failed(config: SchoolConfig, slots: Mapping[str, Any]) -> str:
    """What the writer hears when storing failed (``bot.texts.report.submit_failed``), in their register."""
    return texts.submit_failed(config, Voice.of(slots.get("reporter_role"), config), is_about_adult(slots))
