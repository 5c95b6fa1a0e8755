"""Questions and short messages of the report conversation (Dutch), by role where it matters.

Kept in Python, not in domain.yml: only custom actions send them, and their wording can depend on
who is reporting. ``question(slot, role)`` gives the text and buttons for one question.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

Buttons = List[Tuple[str, str]]


# slot -> role (None = everyone else) -> (text, buttons)
QUESTIONS: Dict[str, Dict[Optional[str], Tuple[str, Buttons]]] = {
    "reporter_role": {
        None: (
            "Wie ben jij? Dan kan ik de goede vragen stellen.",
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
            "Sinds wanneer gebeurt het? Bijvoorbeeld: sinds de zomervakantie.",
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
            "Doet er ook een volwassene van school mee, zoals een juf, meester, leraar of de conciërge?",
            [("Ja", "ja"), ("Nee", "nee")],
        ),
    },
    "already_told": {
        "medewerker": ("Wat heb je al gedaan, en wie weet het al?", []),
        "ouder": ("Wie weet het al? Heeft u of uw kind al iets geprobeerd?", []),
        None: (
            "Weet iemand het al? Of heb je al iets geprobeerd?",
            [
                ("Nog niemand", "nog niemand"),
                ("Mijn ouders", "mijn ouders weten het"),
                ("Mijn mentor of juf", "mijn mentor of juf weet het"),
                ("Een vriend of vriendin", "een vriend of vriendin weet het"),
            ],
        ),
    },
    "desired_outcome": {
        "ouder": ("Wat zou u graag willen dat er gebeurt?", []),
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
    "melding_start": (
        "Fijn dat je het wilt vertellen. Dat is een goede stap. Ik stel je een paar korte vragen. Je kunt altijd 'stop' typen.",
        [],
    ),
    "niet_begrepen_keuze": (
        "Dat begreep ik niet helemaal. Kies een van de knoppen, of zeg het in andere woorden.",
        [],
    ),
    "lege_invoer": ("Ik zag geen tekst. Typ je antwoord, of kies een knop.", []),
    "aanpassen_welk": (
        "Wat wil je aanpassen?",
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
        "Oké, we stoppen. Ik heb niets opgeslagen en niemand krijgt een bericht. Je kunt altijd terugkomen. Gaat het niet goed? Klik dan op 'Hulp nu'.",
        [],
    ),
    "verder_melden_vraag": (
        "Wil je daarna verder met je melding?",
        [("Ja, verder", "/bevestigen"), ("Nee, nu niet", "/ontkennen")],
    ),
    "niet_verder": ("Dat is goed. Er is niets verstuurd. Je kunt altijd terugkomen om het te melden.", []),
    "vertellen_vraag": (
        "Wil je mij ook vertellen wat er gebeurt? Dan kan de school je helpen.",
        [("Ja", "/bevestigen"), ("Nu niet", "/ontkennen")],
    ),
    "verder_na_pauze": ("Fijn. We gaan verder waar we gebleven waren.", []),
    "genoteerd": ("Dank je, dat schrijf ik op.", []),
    "klopt_dit": (
        "Klopt dit? Dan verstuur ik het naar het aanspreekpunt pesten.",
        [("Ja, versturen", "ja, versturen"), ("Iets aanpassen", "iets aanpassen"), ("Stoppen", "/stoppen")],
    ),
}


def question(slot: str, role: Optional[str]) -> Tuple[str, Buttons]:
    """The question for ``slot``, in the wording for this reporter's role."""
    variants = QUESTIONS[slot]
    return variants.get(role) or variants[None]


def message(name: str) -> Tuple[str, Buttons]:
    return MESSAGES[name]


def ask_again(field_name: str) -> str:
    """After "aanpassen: waar" at the summary: which question comes again."""
    return f"Oké, dan vraag ik opnieuw naar: {field_name}."
