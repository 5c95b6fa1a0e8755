"""How the report form checks an answer: ``validate(slot, value, message, slots) -> Outcome``.

An answer is a choice, the reporter's own words, a refusal ("zeg ik liever niet"), or nothing
understood: then the slot stays empty, the assistant says why, and the form asks again. An answer
may also tell what later questions ask; that is kept too (``report_form.also_told``).
``value`` is what Rasa filled the slot with (an entity value or the text), ``message`` the whole
latest message (with the entities Rasa found in it: nothing here reads the text for them again),
``slots`` the slots so far.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional

from bot.dialogue import answer_guard
from bot.dialogue import answers_parsing as parse
from bot.dialogue import report_form as form
from bot.dialogue.turn import Message, Outcome
from bot.domain import vocabulary
from bot.texts import questions

REPORT_FORM = "report_form"  # the form's name in domain.yml
OTHER = form.OTHER

# A refusal counts only in a short answer: a longer one that says "liever niet" tells more than that.
PEOPLE_DECLINE_MAX_CHARS = 40  # "zeg ik liever niet, maar het zijn jongens uit 2b" keeps its words
CONTACT_DECLINE_MAX_CHARS = 30  # "liever niet" declines; "liever niet bellen, mail sam@..." is contact
CORRECTION_MAX_WORDS = 4  # at the summary "waar" names a field to correct; a longer sentence does only with "aanpassen"

_DECLINE_MAX_CHARS = {"people_involved": PEOPLE_DECLINE_MAX_CHARS, "contact": CONTACT_DECLINE_MAX_CHARS}
_CHOICE_LABELS = {
    "kinds": vocabulary.KIND, "places": vocabulary.PLACE,
    "moment": vocabulary.MOMENT, "frequency": vocabulary.FREQUENCY,
}
_SHARE_CHOICES = ("mentor", "ouders")


def _texts(value: Any) -> List[str]:
    """A slot candidate as a list of strings (list slots get [text] from free text)."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(item) for item in items if item is not None]


def _free_text(value: Any) -> Optional[str]:
    texts = _texts(value)
    return parse.clean_text(texts[-1]) if texts else None


def _whole_text(message: Message) -> Optional[str]:
    """The reporter's whole message (an entity-filled slot value is only a part of it)."""
    return parse.clean_text(message.text)


def _canonical(value: Any, label: str, message: Message, keep_other: bool = True) -> Optional[List[str]]:
    """Canonical values from entity values and/or free text (what the message's entities name);
    ``["anders"]`` for other text."""
    found: List[str] = []
    allowed = set(vocabulary.canonical_values(label))
    for item in _texts(value):
        if item.startswith("/"):
            continue  # typed intent shortcuts may carry entities: never trust them
        candidates = [item] if item in allowed else message.values(label, item)
        for c in candidates:
            if c not in found:
                found.append(c)
        if not candidates and keep_other and parse.clean_text(item):
            if OTHER not in found:
                found.append(OTHER)
    return found or None


def _again(slot: str, message_key: str) -> Outcome:
    """Not understood: empty the slot, say why (``bot.texts.questions``), the form asks again."""
    return Outcome({slot: None}, (questions.message(message_key),))


def _other_answers_only(slot: str, message: Message, slots: Mapping[str, Any]) -> Optional[Outcome]:
    """When the answer names none of this question's choices but answers other open questions,
    keep those and ask this one again (without saying it was not understood)."""
    text = _whole_text(message)
    extra = form.also_told(text, slots, slot, message) if text else {}
    if not extra:
        return None
    return Outcome({slot: None, **extra}, (questions.message("genoteerd"),))


def _reporter_role(slot: str, value: Any, message: Message, slots: Mapping[str, Any]) -> Outcome:
    text = _free_text(value)
    role = parse.parse_role(text) if text else None
    if role is None:
        return _again(slot, "niet_begrepen_keuze")
    result: Dict[str, Any] = {slot: role.value}
    # "ze trekken me aan mijn haar" answers "who are you?" and also tells what happens.
    if slots.get("description") is None and parse.story_beyond_role(text):
        result["description"] = text
        result.update(form.also_told(text, slots, slot, message))
    return Outcome(result)


def _description(slot: str, value: Any, message: Message, slots: Mapping[str, Any]) -> Outcome:
    text = _free_text(value)
    if text is None:
        return _again(slot, "lege_invoer")
    return Outcome({slot: text, **form.also_told(text, slots, slot, message)})


def _choices(slot: str, value: Any, message: Message, slots: Mapping[str, Any]) -> Outcome:
    """A question with several choices at once (kinds, places)."""
    values = _canonical(value, _CHOICE_LABELS[slot], message)
    if values == [OTHER]:
        reask = _other_answers_only(slot, message, slots)
        if reask is not None:
            return reask
    if values is None:
        return _again(slot, "niet_begrepen_keuze")
    text = _whole_text(message)
    result = {slot: values, **(form.also_told(text, slots, slot, message) if text else {})}
    if slot in form.NOTE_SLOTS:
        result.update(form.own_words_slots(slot, values, _free_text(value), slots))
    return Outcome(result)


def _one_choice(slot: str, value: Any, message: Message, slots: Mapping[str, Any]) -> Outcome:
    """A question with one choice (moment, frequency), or the reporter's own words for it."""
    text = _free_text(value)
    if text is None:
        return _again(slot, "niet_begrepen_keuze")
    values = _canonical(value, _CHOICE_LABELS[slot], message, keep_other=False)
    if not values and parse.declined(text):
        return Outcome({slot: form.DECLINED})
    # A choice, or for "wanneer?" a situation in own words ("als we met de bus gaan": when, and where).
    answer = values[0] if values else (OTHER if slot == "moment" and parse.tells_a_situation(text) else None)
    if answer is not None:
        return Outcome({slot: answer, **form.own_words_slots(slot, answer, text, slots),
                        **form.also_told(_whole_text(message) or text, slots, slot, message)})
    reask = _other_answers_only(slot, message, slots)
    return reask if reask is not None else Outcome({slot: OTHER, **form.own_words_slots(slot, OTHER, text, slots)})


def _own_words(slot: str, value: Any, message: Message, slots: Mapping[str, Any]) -> Outcome:
    text = _free_text(value)
    if text is None:
        return _again(slot, "lege_invoer")
    return Outcome({slot: text})


def _own_words_or_declined(slot: str, value: Any, message: Message, slots: Mapping[str, Any]) -> Outcome:
    """An optional question (people involved, contact): a short refusal is kept as a refusal."""
    text = _free_text(value)
    if text is not None and parse.declined(text) and len(text) < _DECLINE_MAX_CHARS[slot]:
        return Outcome({slot: form.DECLINED})
    return _own_words(slot, value, message, slots)


def _yes_or_no(slot: str, value: Any, message: Message, slots: Mapping[str, Any]) -> Outcome:
    """Ja or nee; an answer that names an adult at school ("de gymleraar") is a ja, "weet ik niet" a nee.
    The message's intent counts only when the value is that message (a kept answer that is checked
    again, e.g. after a "ja" to go on with the report, keeps what it was)."""
    text = _free_text(value) or ""
    intent = message.intent if text.strip() == (message.text or "").strip() else None
    if parse.is_yes(text, intent) or parse.names_adult_at_school(text):
        return Outcome({slot: "ja"})
    if parse.is_no(text, intent) or parse.declined(text) or "weet ik niet" in text.lower():
        return Outcome({slot: "nee"})
    return _again(slot, "niet_begrepen_keuze")


def _confidentiality(slot: str, value: Any, message: Message, slots: Mapping[str, Any]) -> Outcome:
    text = _free_text(value)
    choice = parse.parse_confidentiality(text) if text else None
    if choice is None:
        return _again(slot, "niet_begrepen_keuze")
    return Outcome(form.confidentiality_slots(choice, slots.get("reporter_role")))


def _share_with(slot: str, value: Any, message: Message, slots: Mapping[str, Any]) -> Outcome:
    text = _free_text(value)
    if text is None:
        return _again(slot, "niet_begrepen_keuze")
    if isinstance(value, list) and all(v in _SHARE_CHOICES for v in value):
        return Outcome({slot: value})
    chosen = parse.parse_share_with(text)
    if chosen is None:
        return _again(slot, "niet_begrepen_keuze")
    return Outcome({slot: chosen})


def _confirmed(slot: str, value: Any, message: Message, slots: Mapping[str, Any]) -> Outcome:
    """At the summary: send ("ja"), or name what to correct (that question comes again)."""
    text = _free_text(value) or ""
    names_a_field = "aanpas" in text.lower() or len(text.split()) <= CORRECTION_MAX_WORDS
    field = form.field_named(text) if names_a_field else None
    if field and not parse.is_yes(text, None):
        changes: Dict[str, Any] = {field: None, "confirmed": None}
        if field == "confidentiality":
            changes.update({"share_with": None, "contact": None})
        return Outcome(changes, ((questions.ask_again(), []),))
    if parse.is_yes(text, message.intent):
        return Outcome({"confirmed": "ja"})
    return _again(slot, "aanpassen_welk")


_VALIDATORS: Dict[str, Callable[[str, Any, Message, Mapping[str, Any]], Outcome]] = {
    "reporter_role": _reporter_role,
    "description": _description,
    "kinds": _choices,
    "places": _choices,
    "moment": _one_choice,
    "frequency": _one_choice,
    "since_when": _own_words,
    "people_involved": _own_words_or_declined,
    "about_adult": _yes_or_no,
    "already_told": _own_words,
    "desired_outcome": _own_words,
    "confidentiality": _confidentiality,
    "share_with": _share_with,
    "contact": _own_words_or_declined,
    "confirmed": _confirmed,
}
VALIDATED_SLOTS = tuple(_VALIDATORS)  # every slot the form asks (``report_form.REPORT_SLOTS``)


def validate(slot: str, value: Any, message: Message, slots: Mapping[str, Any]) -> Outcome:
    """Check and normalise the answer ``value`` to the form's question for ``slot``."""
    return _VALIDATORS[slot](slot, value, message, slots)


def answer_taken_for_interruption(message: Message, slots: Mapping[str, Any], active_form: Optional[str],
                                  heard: str = "stop") -> Optional[Outcome]:
    """The outcome of the form's open question when the message plainly answers it (checked as
    the form checks answers), although the classifier took it for a stop or a question; else None.
    ``heard``: "stop" or "question", what the classifier took it for (``answer_guard``)."""
    slot = slots.get("requested_slot")
    if active_form != REPORT_FORM or not answer_guard.answers_the_question(slot, message, heard):
        return None
    return validate(slot, message.text or "", message, slots)
