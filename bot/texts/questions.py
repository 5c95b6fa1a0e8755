"""Questions and short messages of the report conversation (Dutch), by writer where it matters.

Kept in Python, not in domain.yml: only custom actions send them, and their wording can depend on
who is reporting. ``question(slot, voice)`` gives the text and buttons for one question. The
short messages of ``MESSAGES`` may reach any writer (pupil, parent, staff) and so say neither
*je* nor *u*.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple, Union

from bot.texts.voice import Voice

Buttons = List[Tuple[str, str]]

PARENT_JE = "ouder-je"  # a parent at a school whose parent_register is "je"

# slot -> writer (a role; PARENT_JE; None = everyone else) -> (text, buttons)
QUESTIONS: Dict[str, Dict[Optional[str], Tuple[str, Buttons]]] = {
    "reporter_role": {
        None: (
            "Wie schrijft er? Dan kan ik de goede vragen stellen.",
            [
                ("Ik word zelf gepest", "ik word zelf gepest"),
                ("Ik zie het bij iemand anders", "ik zie het bij iemand anders"),
                ("Ik ben ouder of verzorger", "ik ben ouder of verzorger"),
                ("Ik werk op school", "ik werk op school als medewerker"),
            ],
        )
    },
    "description": {
        "ouder": ("Wat gebeurt er met uw kind? Vertel het in uw eigen woorden.", []),
        PARENT_JE: ("Wat gebeurt er met je kind? Vertel het in je eigen woorden.", []),
        "medewerker": ("Wat heb je gezien of gehoord? Beschrijf het kort in je eigen woorden.", []),
        "getuige": ("Wat zie je gebeuren? Vertel het in je eigen woorden.", []),
        None: ("Wat gebeurt er? Vertel het in je eigen woorden. Neem rustig de tijd.", []),
    },
    "kinds": {
        None: (
            "Wat doen ze? Kies wat het beste past, of typ het zelf.",
            [
                ("Uitschelden", "uitschelden"),
                ("Uitlachen", "uitlachen"),
                ("Buitensluiten", "buitensluiten"),
                ("Slaan, schoppen of duwen", "slaan of duwen"),
                ("Spullen afpakken", "spullen afpakken"),
                ("Online pesten", "online pesten"),
                ("Iets anders", "iets anders"),
            ],
        )
    },
    "places": {
        None: (
            "Waar gebeurt het meestal?",
            [
                ("In de klas", "in de klas"),
                ("Op het schoolplein", "op het schoolplein"),
                ("In de kleedkamer", "in de kleedkamer"),
                ("In de gang", "in de gang"),
                ("Online", "online"),
                ("Onderweg", "onderweg"),
                ("Ergens anders", "ergens anders"),
            ],
        )
    },
    "moment": {
        None: (
            "Wanneer gebeurt het meestal?",
            [
                ("In de pauze", "in de pauze"),
                ("Tijdens de les", "tijdens de les"),
                ("Bij gym", "tijdens gym"),
                ("Na school", "na school"),
                ("'s Avonds online", "'s avonds"),
                ("Weet ik niet", "weet ik niet"),
            ],
        )
    },
    "frequency": {
        None: (
            "Hoe vaak gebeurt het?",
            [
                ("Elke dag", "elke dag"),
                ("Een paar keer per week", "een paar keer per week"),
                ("Elke week", "elke week"),
                ("Soms", "soms"),
                ("Eén keer", "één keer"),
            ],
        )
    },
    "since_when": {
        None: (
            "Sinds wanneer gebeurt het? Bijvoorbeeld: sinds de zomer.",
            [
                ("Net begonnen", "net begonnen"),
                ("Een paar weken", "al een paar weken"),
                ("Al maanden", "al maanden"),
                ("Weet ik niet", "weet ik niet"),
            ],
        )
    },
    "people_involved": {
        "ouder": (
            "Wie doen er mee? U mag namen noemen, maar het hoeft niet.",
            [("Zeg ik liever niet", "zeg ik liever niet")],
        ),
        PARENT_JE: (
            "Wie doen er mee? Je mag namen noemen, maar het hoeft niet.",
            [("Zeg ik liever niet", "zeg ik liever niet")],
        ),
        None: (
            "Wie doen er mee? Je mag namen noemen, maar het hoeft niet.",
            [("Zeg ik liever niet", "zeg ik liever niet")],
        )
    },
    "about_adult": {
        "ouder": (
            "Gaat het (ook) om een volwassene van school, zoals een leerkracht, een coach of de conciërge?",
            [("Ja", "ja"), ("Nee", "nee")],
        ),
        "medewerker": (
            "Gaat het (ook) om een collega of een andere volwassene van school?",
            [("Ja", "ja"), ("Nee", "nee")],
        ),
        None: (
            "Doet er ook een volwassene van school mee, zoals een {teachers} of de conciërge?",
            [("Ja", "ja"), ("Nee", "nee")],
        ),
    },
    "already_told": {
        "medewerker": ("Wat heb je al gedaan, en wie weet het al?", []),
        "ouder": ("Wie weet het al? Heeft u of uw kind al iets geprobeerd?", []),
        PARENT_JE: ("Wie weet het al? Heb jij of je kind al iets geprobeerd?", []),
        None: (
            "Weet iemand het al? Of heb je al iets geprobeerd?",
            [
                ("Nog niemand", "nog niemand"),
                ("Mijn ouders", "mijn ouders weten het"),
                ("Mijn {teachers}", "mijn {teachers} weet het"),
                ("Een vriend of vriendin", "een vriend of vriendin weet het"),
            ],
        ),
    },
    "desired_outcome": {
        "ouder": ("Wat zou u graag willen dat er gebeurt?", []),
        PARENT_JE: ("Wat zou je graag willen dat er gebeurt?", []),
        None: (
            "Wat zou je graag willen dat er gebeurt?",
            [
                ("Dat het stopt", "dat het stopt"),
                ("Eerst een gesprek", "eerst een gesprek met het aanspreekpunt"),
                ("Weet ik nog niet", "weet ik nog niet"),
            ],
        ),
    },
    "share_with": {
        "medewerker": (
            "Met wie mag het aanspreekpunt delen dat jij dit zag?",
            [
                ("De mentor van de leerling", "de mentor"),
                ("De ouders van de leerling", "de ouders"),
                ("Allebei", "allebei"),
                ("Nog niemand", "nog niemand"),
            ],
        ),
        None: (
            "Met wie mag het aanspreekpunt erover praten?",
            [
                ("Mijn mentor", "mijn mentor"),
                ("Mijn ouders", "mijn ouders"),
                ("Allebei", "allebei"),
                ("Nog niemand", "nog niemand"),
            ],
        )
    },
}

MESSAGES: Dict[str, Tuple[str, Buttons]] = {
    "niet_begrepen_keuze": (
        "Dat begreep ik niet helemaal. Kies een van de knoppen, of zeg het in andere woorden.",
        [],
    ),
    "lege_invoer": ("Ik zag geen tekst. Typ een antwoord, of kies een knop.", []),
    "aanpassen_welk": (
        "Wat moet er anders?",
        [
            ("Wat er gebeurt", "aanpassen: wat er gebeurt"),
            ("Soort pesten", "aanpassen: soort pesten"),
            ("Waar", "aanpassen: waar"),
            ("Wanneer", "aanpassen: wanneer"),
            ("Hoe vaak", "aanpassen: hoe vaak"),
            ("Wie het mag weten", "aanpassen: wie het mag weten"),
            ("Iets anders", "aanpassen: wie er meedoen"),
        ],
    ),
    "gestopt": (
        "Oké, we stoppen. Ik heb niets opgeslagen en niemand krijgt een bericht. Terugkomen kan altijd. "
        "Gaat het niet goed? Klik dan op 'Hulp nu'.",
        [],
    ),
    "verder_melden_vraag": (
        "Zullen we daarna verder gaan met de melding?",
        [("Ja, verder", "/bevestigen"), ("Nee, nu niet", "/ontkennen")],
    ),
    "niet_verder": ("Dat is goed. Er is niets verstuurd. Later melden kan altijd.", []),
    "vertellen_vraag": (
        "Zullen we samen opschrijven wat er gebeurt? Dan kan de school helpen.",
        [("Ja", "/bevestigen"), ("Nu niet", "/ontkennen")],
    ),
    "verder_na_pauze": ("Fijn. We gaan verder waar we gebleven waren.", []),
    "genoteerd": ("Bedankt, dat schrijf ik op.", []),
}


def question(slot: str, voice: Union[Voice, str, None]) -> Tuple[str, Buttons]:
    """The question for ``slot``, in the wording for this writer (a Voice, or a role: then a
    parent is addressed with *u*)."""
    if not isinstance(voice, Voice):
        voice = Voice.of(voice)
    variants = QUESTIONS[slot]
    keys: List[Optional[str]] = [voice.role]
    if voice.is_parent and not voice.polite:
        keys = [PARENT_JE, voice.role]
    text, buttons = next((variants[key] for key in keys if key in variants), variants[None])
    return _for_school(text, voice), [(_for_school(t, voice), _for_school(p, voice)) for t, p in buttons]


def _for_school(text: str, voice: Voice) -> str:
    """The pupil's words for teachers at this kind of school (``{teachers}``)."""
    return text.replace("{teachers}", voice.teachers)


def message(name: str) -> Tuple[str, Buttons]:
    return MESSAGES[name]


def confirm(reader_name: str) -> Tuple[str, Buttons]:
    """The question under the summary: send it to the person who reads it, or change something."""
    return (
        f"Klopt dit? Dan verstuur ik de melding naar {reader_name}.",
        [("Ja, versturen", "ja, versturen"), ("Iets aanpassen", "iets aanpassen"), ("Stoppen", "/stoppen")],
    )


def ask_again() -> str:
    """After "aanpassen: waar" at the summary: that question comes again."""
    return "Oké, dan vraag ik dat opnieuw."
