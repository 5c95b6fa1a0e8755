"""What the report conversation says around its questions: the opening, where confidentiality
ends, the three choices, the summary and what happens after sending.

Every text speaks through a :class:`Voice` (the writer's role and register). The promises are
the ones the school keeps: contact only when contact details were given, an urgent report
"vandaag nog" (as the mail asks), answers in school days (with a date only while the school's
holiday list reaches it), everyone who can see who wrote named by role, and what going to the
aanspreekpunt with the code does to anonymity.
"""
from __future__ import annotations

from typing import Any, List, Mapping, Optional, Tuple

from bot.domain.calendar import dutch_date
from bot.domain.report import Confidentiality, Report, ReporterRole
from bot.domain.school import Person, SchoolConfig
from bot.texts.mail import response_deadline
from bot.texts.voice import Voice

Buttons = List[Tuple[str, str]]

CHOICE_BUTTONS: Buttons = [
    ("Anoniem", "anoniem"), ("Vertrouwelijk", "vertrouwelijk"), ("Mag gedeeld worden", "mag gedeeld worden"),
]


# --- the start ------------------------------------------------------------------------------

def opening(voice: Voice, mirrored: Optional[str]) -> str:
    """Acknowledge, mirror what the first message told, say how it goes on."""
    if voice.is_parent:
        first = voice.say("Wat naar dat dit je kind overkomt. Goed dat je het meldt.",
                          "Wat naar dat dit uw kind overkomt. Goed dat u het meldt.")
    elif voice.is_staff:
        first = "Goed dat je het meldt."
    elif voice.role == ReporterRole.GETUIGE.value:
        first = "Goed dat je opkomt voor een ander."
    else:
        first = "Wat naar dat dit gebeurt. Het is niet jouw schuld. Goed dat je het vertelt."
    if mirrored:
        first += f" Ik hoor: {mirrored}."
    return first + " Ik stel een paar korte vragen, één voor één. " + voice.say(
        "Je kunt altijd 'stop' typen.", "U kunt altijd 'stop' typen.")


def start_after_help(voice: Voice) -> str:
    """A report that starts after help came first (the writer said yes to telling more)."""
    return voice.say("Fijn dat je het wilt vertellen. Dat is een goede stap. Ik stel een paar korte vragen. "
                     "Je kunt altijd 'stop' typen.",
                     "Fijn dat u het wilt vertellen. Ik stel een paar korte vragen. U kunt altijd 'stop' typen.")


def limits(voice: Voice) -> str:
    """Where confidentiality ends, said before the story: nothing goes without a yes, the
    writer chooses who may know, and danger is the exception."""
    who = "een kind" if voice.is_parent else ("een leerling" if voice.is_staff else "iemand")
    return (voice.say("Ik verstuur pas iets als jij 'ja' zegt. Straks kies je wie het mag weten.",
                      "Ik verstuur pas iets als u 'ja' zegt. Straks kiest u wie het mag weten.")
            + f" Is {who} in gevaar, dan moet de school iets doen.")


# --- confidentiality ------------------------------------------------------------------------

def _readers(config: SchoolConfig, about_adult: bool) -> str:
    """Everyone who can see who wrote, by name and then by role: the aanspreekpunt and the deputy,
    or for a report about an adult at school only the person the school file names for those."""
    if about_adult:
        person = config.handler(about_adult=True)
        return f"alleen {person.name} ziet wie {{you}} bent. Dat is de {person.role}."
    ap, deputy = config.aanspreekpunt, config.deputy
    return (f"alleen {ap.name} en {deputy.name} zien wie {{you}} bent. "
            "Zij zijn het aanspreekpunt pesten en de vervanger.")


def _them(config: SchoolConfig, about_adult: bool) -> str:
    return config.handler(True).name if about_adult else "het aanspreekpunt"


def confidentiality_question(config: SchoolConfig, voice: Voice,
                             about_adult: bool = False) -> Tuple[List[str], Buttons]:
    """The three choices, each plainly, then where confidentiality ends, then the question.
    Returns (messages, buttons for the last one)."""
    readers, them = _readers(config, about_adult), _them(config, about_adult)
    if voice.is_parent:
        p = voice.say
        messages = [
            p("Nu iets belangrijks: wie mag weten dat jij dit meldt? Er zijn drie keuzes.\n"
              "Anoniem: je zegt je naam niet. De school kan je dan niet zelf benaderen. "
              "Met de code lees je hier in de chat wat de school terugschrijft.",
              "Nu iets belangrijks: wie mag weten dat u dit meldt? Er zijn drie keuzes.\n"
              "Anoniem: u zegt uw naam niet. De school kan u dan niet zelf benaderen. "
              "Met de code leest u hier in de chat wat de school terugschrijft."),
            "Vertrouwelijk: " + readers.format(you=p("je", "u"))
            + f" Er gebeurt pas iets na een gesprek met {them}.\n"
            f"Mag gedeeld: {them} mag de mentor erbij halen.",
            "Als een kind in gevaar is, moet de school altijd iets doen, ook bij een anonieme melding.",
            p("Wat kies je?", "Wat kiest u?"),
        ]
        return messages, CHOICE_BUTTONS
    if voice.is_staff:
        shared = f"Mag gedeeld: {them} mag de mentor of de ouders van de leerling vertellen dat jij dit zag. Jij kiest wie."
        limit = "Als een leerling in gevaar is, moet de school altijd iets doen, ook bij een anonieme melding."
    else:
        shared = f"Mag gedeeld: {them} mag je mentor of je ouders erbij halen. Jij kiest wie."
        limit = ("Eerlijk is eerlijk: is iemand in gevaar, dan moet de school iets doen. Ook als je anoniem "
                 "of vertrouwelijk kiest. Je ouders krijgen nooit vanzelf een bericht van deze chat.")
    messages = [
        "Nu iets belangrijks: wie mag weten dat jij dit meldt? Je hebt drie keuzes.",
        "Anoniem: je zegt je naam niet. De school weet dan niet wie je bent. "
        "Met je code lees je hier in de chat wat de school terugschrijft.",
        "Vertrouwelijk: " + readers.format(you="je") + " Er gebeurt pas iets als jullie eerst samen hebben gepraat.",
        shared,
        limit,
        "Wat kies je?",
    ]
    return messages, CHOICE_BUTTONS


def contact_question(config: SchoolConfig, voice: Voice, about_adult: bool = False) -> str:
    who = config.handler(about_adult).name
    if voice.is_parent:
        return voice.say(f"Hoe kan {who} je bereiken? Je naam en telefoonnummer of e-mailadres is genoeg.",
                         f"Hoe kan {who} u bereiken? Uw naam en telefoonnummer of e-mailadres is genoeg.")
    if voice.is_staff:
        return f"Hoe kan {who} je bereiken? Je naam is genoeg."
    return f"Hoe kan {who} je bereiken? Je naam en klas is genoeg."


# --- the summary ----------------------------------------------------------------------------

ROLE_TEXT = {
    ReporterRole.LEERLING.value: "je wordt zelf gepest",
    ReporterRole.GETUIGE.value: "je ziet het bij iemand anders",
    ReporterRole.OUDER.value: "ouder of verzorger",
    ReporterRole.MEDEWERKER.value: "medewerker van school",
}
SHARE_TEXT = {"mentor": "de mentor", "ouders": "de ouders"}


def confidentiality_label(choice: Optional[str], voice: Voice, config: SchoolConfig, about_adult: bool) -> str:
    if choice == Confidentiality.ANONIEM.value:
        return "anoniem (zonder naam)"
    if choice == Confidentiality.VERTROUWELIJK.value:
        who = f"{config.handler(True).name} weet" if about_adult else "het aanspreekpunt en de vervanger weten"
        return f"vertrouwelijk (alleen {who} wie " + voice.say("je bent)", "u bent)")
    if choice == Confidentiality.MAG_GEDEELD.value:
        return "mag gedeeld worden"
    return "-"


def summary(slots: Mapping[str, Any], shown: Mapping[str, str], voice: Voice, config: SchoolConfig,
            about_adult: bool) -> List[str]:
    """The report as the writer will send it, in three short messages, one line per answer.
    ``shown`` holds each answer already in words (slot name -> text)."""
    first = [
        voice.say("Dit is je melding:", "Dit is uw melding:"),
        f"- Wie: {ROLE_TEXT.get(slots.get('reporter_role'), '-')}",
        f"- Wat er gebeurt: {shown['description']}",
        f"- Soort pesten: {shown['kinds']}",
        f"- Waar: {shown['places']}",
    ]
    second = [
        f"- Wanneer: {shown['moment']}",
        f"- Hoe vaak: {shown['frequency']}",
        f"- Sinds wanneer: {shown['since_when']}",
        f"- Wie doen er mee: {shown['people_involved']}",
        f"- Gaat het om een volwassene van school: {'ja' if about_adult else 'nee'}",
    ]
    third = [
        f"- Wie weet het al: {shown['already_told']}",
        f"- Wat {voice.say('je', 'u')} graag wilt: {shown['desired_outcome']}",
        f"- Wie het mag weten: {confidentiality_label(slots.get('confidentiality'), voice, config, about_adult)}",
    ]
    if slots.get("confidentiality") == Confidentiality.MAG_GEDEELD.value:
        shared = ", ".join(SHARE_TEXT.get(s, s) for s in slots.get("share_with") or [])
        third.append(f"- Delen met: {shared or 'nog niemand'}")
    if slots.get("contact"):
        third.append(f"- Contact: {slots['contact']}")
    return ["\n".join(first), "\n".join(second), "\n".join(third)]


# --- after sending --------------------------------------------------------------------------

def when_read(config: SchoolConfig, report: Report, voice: Voice) -> str:
    """Who reads it and by when: "vandaag nog" for an urgent report (the mail asks the same);
    otherwise school days, with the last day only while the school's holiday list reaches it."""
    reader = config.handler(report.about_adult)
    yours = voice.say("je melding", "uw melding")
    if report.is_urgent:
        if report.about_adult:
            who = f"{reader.name} krijgt hem"
        else:
            who = f"{reader.name} en {config.deputy.name} krijgen hem allebei"
        return (voice.say("Je melding is dringend. ", "Uw melding is dringend. ")
                + f"{who}, met de vraag hem vandaag nog te lezen.")
    deadline = response_deadline(report, config)
    known = config.holidays_known_until()
    date_known = known is not None and deadline <= known
    if voice.is_pupil:
        text = f"{reader.name} leest je melding binnen {config.response_days} schooldagen."
        return text + (f" Dat is op zijn laatst {dutch_date(deadline)}." if date_known else "")
    what = reader.role if report.about_adult else "het aanspreekpunt pesten"
    text = f"{reader.name}, {what}, leest {yours} binnen {config.response_days} schooldagen"
    return text + (f", uiterlijk op {dutch_date(deadline)}." if date_known else ".")


def _code_part(report: Report, secret: Optional[str], voice: Voice) -> str:
    if voice.is_parent:
        first = voice.say("Je melding is verstuurd.", "Uw melding is verstuurd.") + f" De code is: {report.reference}\n"
        if secret:
            return first + (f"Het geheime woord is: {secret}\n"
                            + voice.say("Bewaar ze allebei goed. Het geheime woord zie je maar één keer.",
                                        "Bewaar ze allebei goed. Het geheime woord ziet u maar één keer."))
        return first + "Bewaar de code goed."
    first = f"Je melding is verstuurd. Je code is: {report.reference}\n"
    if secret:
        return first + (f"Je geheime woord is: {secret}\n"
                        "Schrijf ze allebei op of maak er een foto van. Laat ze aan niemand zien. "
                        "Het geheime woord zie je maar één keer.")
    return first + "Schrijf de code op of maak er een foto van. Laat hem niet aan anderen zien."


def _contact_part(reader: Person, report: Report, voice: Voice) -> str:
    """Contact only when contact details were given; otherwise where to find the reader."""
    where = f"{reader.where}, {reader.when}"
    if report.confidentiality is Confidentiality.ANONIEM:
        return (voice.say("Je melding is anoniem: de school weet niet wie je bent. ",
                          "Uw melding is anoniem: de school weet niet wie u bent. ")
                + voice.say(f"Wil je praten? Je vindt {reader.name} hier: {where}.",
                            f"Wilt u praten? U vindt {reader.name} hier: {where}."))
    if report.contact:
        return voice.say(f"{reader.name} neemt contact met je op. Je vindt {reader.name} ook zelf: {where}.",
                         f"{reader.name} neemt contact met u op. U vindt {reader.name} ook zelf: {where}.")
    if voice.is_pupil:
        return (f"Je gaf geen naam of klas. Dus {reader.name} kan jou niet zelf opzoeken. "
                f"Wil je praten? Je vindt {reader.name} hier: {where}.")
    return voice.say(
        f"Je gaf geen contactgegevens, dus {reader.name} kan je niet zelf bereiken. Wil je praten? "
        f"Je vindt {reader.name} hier: {where}.",
        f"U gaf geen contactgegevens, dus {reader.name} kan u niet zelf bereiken. Wilt u praten? "
        f"U vindt {reader.name} hier: {where}.")


def _way_back(reader: Person, report: Report, secret: Optional[str], voice: Voice) -> List[str]:
    """How to hear back: in the chat with code and secret (still anonymous), or in person with
    the code (then the reader knows who it is)."""
    parts = []
    anonymous = report.confidentiality is Confidentiality.ANONIEM
    if secret:
        parts.append(
            voice.say("Wil je later weten hoe het gaat? Typ dan hier: 'hoe staat het met mijn melding'. "
                      f"Met je code en je geheime woord lees je dan ook berichten van {reader.name}.",
                      "Wilt u later weten hoe het gaat? Typ dan hier: 'hoe staat het met mijn melding'. "
                      f"Met de code en het geheime woord leest u dan ook berichten van {reader.name}.")
            + (voice.say(" Zo blijf je anoniem.", " Zo blijft u anoniem.") if anonymous else ""))
    if anonymous:
        parts.append(voice.say(
            f"Ga je met je code naar {reader.name}? Dan weet die wie je bent. "
            "Dan ben je niet meer anoniem.",
            f"Gaat u met de code naar {reader.name}? Dan weet die wie u bent. "
            "Dan bent u niet meer anoniem."))
    return parts


def after_submit(config: SchoolConfig, report: Report, secret: Optional[str], voice: Voice) -> List[str]:
    """What the writer hears after sending, one message each: the code (and the secret, shown
    only this once), who reads it and by when, contact, the way back, where else to go."""
    reader = config.handler(report.about_adult)
    parts = [_code_part(report, secret, voice), when_read(config, report, voice),
             _contact_part(reader, report, voice)]
    parts += _way_back(reader, report, secret, voice)
    kt = config.helplines["kindertelefoon"]
    if voice.is_parent:
        parts.append(voice.say(f"Wil je kind intussen met iemand praten? {kt.name}: {kt.phone} of {kt.site}.",
                               f"Wil uw kind intussen met iemand praten? {kt.name}: {kt.phone} of {kt.site}."))
    elif not voice.is_staff:
        parts.append(f"Wil je intussen met iemand praten? {kt.name}: {kt.phone} of {kt.site}. "
                     "Gaat het niet goed? Klik op 'Hulp nu'.")
    return parts


def submit_failed(config: SchoolConfig, voice: Voice, about_adult: bool = False) -> str:
    """Storing failed: nothing is lost, and the next "ja" sends it (the form asks again)."""
    reader = config.handler(about_adult)
    return voice.say(
        "Sorry, het versturen is niet gelukt. Je melding is nog niet opgeslagen, maar ik heb alles nog. "
        f"Probeer het zo nog eens door 'ja' te typen, of ga zelf naar {reader.name}: {reader.where}.",
        "Sorry, het versturen is niet gelukt. Uw melding is nog niet opgeslagen, maar ik heb alles nog. "
        f"Probeer het zo nog eens door 'ja' te typen, of ga zelf naar {reader.name}: {reader.where}.")
