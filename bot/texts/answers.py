"""Answers for pupils, parents and staff, composed from the school configuration.

Plain functions: a changed school configuration changes the answer after a restart, without
retraining. Facts come from the knowledge folder, names, links and numbers from ``SchoolConfig``
(every phone number from ``config.helplines``). ``Answer.sources`` holds keys into
``docs/sources.md``, where each key names the passage or configuration field it rests on.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

from bot.domain.school import Helpline, Person, SchoolConfig
from bot.texts.readability import LIMITS, STAFF
from bot.texts.voice import Voice

AUDIENCES = ("leerling", "ouder", "medewerker")

# Button payloads. Plain Dutch texts pass through the NLU like typed text (they are training
# examples of the intent they lead to); "/intent" payloads carry no entities.
REPORT_PUPIL = "ik wil pesten melden"
REPORT_PARENT = "ik wil melden dat mijn kind gepest wordt"
REPORT_STAFF = "ik wil een pestincident melden"
ASK_CONTACT = "/vraag_aanspreekpunt"
ASK_COMPLAINT = "/vraag_klachtenprocedure"
ASK_CONFIDENTIALITY = "/vraag_vertrouwelijkheid"
ASK_BULLYING = "/uitleg_pesten"

RETRIEVAL_INTENT = "vraag_aanpak"
# The staff-guidance sub-intents (vraag_aanpak/<sub>) with their responses in data/nlu/aanpak.yml.
AANPAK_SUBS = (
    "zien_gebeuren", "leerling_vertelt", "gesprek_gepeste", "gesprek_pester", "gesprek_groep",
    "online_pesten", "incident_registreren", "ouders_betrekken", "sancties", "toezicht_hotspots",
    "misverstanden", "pesten_of_plagen",
)


@dataclass(frozen=True)
class Answer:
    """One answer: short Dutch messages (bubbles, sent in order; the buttons under the last),
    follow-up buttons (title, payload) and its sources."""

    bubbles: Tuple[str, ...]
    buttons: List[Tuple[str, str]] = field(default_factory=list)
    sources: Tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """All bubbles as one text (for reading and checks; the chat sends them one by one)."""
        return "\n".join(self.bubbles)

    def rasa_buttons(self) -> List[Dict[str, str]]:
        """The buttons in the shape ``dispatcher.utter_message(buttons=...)`` expects."""
        return [{"title": title, "payload": payload} for title, payload in self.buttons]


def _check_audience(audience: str) -> str:
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
    return audience


def _voice(config: SchoolConfig, audience: str) -> Voice:
    return Voice.of(_check_audience(audience), config)


def _reach(person: Person) -> str:
    """Where, when and how to reach someone, as labels (safe for any wording in the config)."""
    return f"Waar: {person.where}.\nWanneer: {person.when}.\nMail: {person.email}"


def _phones(line: Helpline) -> str:
    return line.phone + (f" of {line.phone_alt}" if line.phone_alt else "") if line.phone else ""


def _same(a: Person, b: Person) -> bool:
    return a.email.lower() == b.email.lower() or a.name.strip().lower() == b.name.strip().lower()


def split_sentences(text: str, max_words: int) -> List[str]:
    """A long text as bubbles of whole sentences, each at most ``max_words`` words where a
    sentence allows, about equally long."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    total = sum(len(s.split()) for s in sentences)
    if total <= max_words:
        return [text.strip()]
    target = total / math.ceil(total / max_words)
    bubbles: List[str] = []
    current: List[str] = []
    for sentence in sentences:
        words = sum(len(s.split()) for s in current)
        if current and (words + len(sentence.split()) > max_words or words >= target):
            bubbles.append(" ".join(current))
            current = []
        current.append(sentence)
    bubbles.append(" ".join(current))
    return bubbles


# --- Who to turn to ------------------------------------------------------------------------

_ROLE_LABEL = {
    "aanspreekpunt": "het aanspreekpunt pesten",
    "vertrouwenspersoon": "de vertrouwenspersoon",
    "coordinator": "de anti-pest coördinator",
}

_ROLE_DOES_PUPIL = {
    "aanspreekpunt": "Daar kun je pesten melden. Ook als je ziet dat een ander gepest wordt.",
    "vertrouwenspersoon": "Daar kun je in vertrouwen praten over iets naars. Ook als je nog niet wilt dat er iets gebeurt.",
    "coordinator": "Die zorgt dat de hele school goede afspraken heeft tegen pesten.",
}

_ROLE_DOES_ADULT = {
    "aanspreekpunt": (
        "Vangt leerlingen en ouders op en doet alleen wat met hen is afgesproken. Behalve bij gevaar: "
        "dan moet de school handelen, bij geweld thuis volgens de meldcode. Legt afspraken vast en "
        "checkt later of het pesten gestopt is."
    ),
    "vertrouwenspersoon": (
        "Luistert in vertrouwen bij ongewenst gedrag, ook pesten. Wil een leerling nog niemand "
        "betrekken, dan gaat die wens voor, behalve bij gevaar. Begeleidt ook als het uitloopt op een klacht."
    ),
    "coordinator": (
        "Coördineert het anti-pestbeleid: schoolregels, pestprotocol en sanctiebeleid, registratie van "
        "incidenten en preventie. Is klankbord voor collega's met vragen over de aanpak."
    ),
}


def _people(config: SchoolConfig) -> List[Tuple[Person, List[str]]]:
    """The three roles, merged where one person holds more than one of them."""
    people: List[Tuple[Person, List[str]]] = []
    for key in ("aanspreekpunt", "vertrouwenspersoon", "coordinator"):
        person: Person = getattr(config, key)
        for known, roles in people:
            if _same(known, person):
                roles.append(key)
                break
        else:
            people.append((person, [key]))
    return people


def _conflict_note(config: SchoolConfig, voice: Voice) -> str:
    """Why listening in confidence and coordinating action can conflict (for adults)."""
    listen = (
        "Het aanspreekpunt en de vertrouwenspersoon doen alleen wat met de leerling (en de ouders) is "
        "besproken en gewenst; wil een leerling nog niemand betrekken, dan gaat de vertrouwelijkheid "
        "voor, behalve bij gevaar. Wie coördineert, neemt juist maatregelen voor de hele school en "
        "betrekt daar meestal anderen bij."
    )
    if _same(config.aanspreekpunt, config.coordinator):
        return (
            f"Let op: {config.aanspreekpunt.name} doet beide taken, en die kunnen botsen. {listen} "
            + voice.say("Vraag daarom gerust wat er met je verhaal gebeurt.",
                        "Vraag daarom gerust wat er met uw verhaal gebeurt.")
        )
    return (
        f"Waarom verschillende mensen? {listen} Die taken kunnen botsen; daarom worden ze aangeraden "
        "bij verschillende mensen, die goed met elkaar afstemmen."
    )


def who_to_turn_to(config: SchoolConfig, audience: str) -> Answer:
    """The aanspreekpunt, vertrouwenspersoon and anti-pest coördinator: who, where, when, what each does."""
    voice = _voice(config, audience)
    ap, deputy = config.aanspreekpunt, config.deputy
    bubbles: List[str] = []
    if voice.is_pupil:
        bubbles.append(f"Op {config.name} kun je over pesten praten met deze mensen.")
        for person, roles in _people(config):
            labels = " én ".join(_ROLE_LABEL[r] for r in roles)
            explained = " ".join(_ROLE_DOES_PUPIL[r] for r in roles)
            bubbles.append(f"{person.name} is {labels}. {explained}\n{_reach(person)}")
        bubbles.append(f"Is {ap.name} er niet? Ga dan naar {deputy.name}, de vervanger.\n{_reach(deputy)}")
        bubbles.append("Is iemand in gevaar? Dan moet de school altijd iets doen.")
        buttons = [
            ("Ik wil iets melden", REPORT_PUPIL),
            ("Blijft het geheim?", ASK_CONFIDENTIALITY),
            ("Wat is pesten?", ASK_BULLYING),
        ]
    else:
        bubbles.append(voice.say("Bij wie kun je terecht", "Bij wie kunt u terecht") + f" over pesten op {config.name}?")
        for person, roles in _people(config):
            labels = " én ".join(_ROLE_LABEL[r] for r in roles)
            explained = " ".join(_ROLE_DOES_ADULT[r] for r in roles)
            bubbles.append(f"{person.name} ({person.role}) is {labels}. {explained}\n{_reach(person)}")
        bubbles.append(
            f"Is {ap.name} er niet? "
            + voice.say("Dan kun je terecht bij ", "Dan kunt u terecht bij ")
            + f"{deputy.name} ({deputy.role}).\n{_reach(deputy)}"
        )
        bubbles.append(_conflict_note(config, voice))
        if voice.is_parent:
            buttons = [
                ("Melden voor mijn kind", REPORT_PARENT),
                ("Hoe dien ik een klacht in?", ASK_COMPLAINT),
                ("Wat gebeurt er met een melding?", ASK_CONFIDENTIALITY),
            ]
        else:
            buttons = [
                ("Een incident registreren", REPORT_STAFF),
                ("De klachtroute voor ouders", ASK_COMPLAINT),
            ]
    sources = [
        "apc.wet-twee-taken", "apc.aanspreekpunt-taken", "apc.vertrouwenspersoon",
        "apc.coordinator-taken", "apc.coordinator-klankbord", "feiten.noem-bij-naam",
        "principes.vertrouwelijkheid", "config.name", "config.aanspreekpunt", "config.deputy",
        "config.vertrouwenspersoon", "config.coordinator",
    ]
    if not voice.is_pupil:
        sources += ["apc.taakconflict", "feiten.meldcode"]
    if voice.is_parent:
        sources.append("config.parent_register")
    return Answer(tuple(bubbles), buttons, tuple(sources))


# --- Complaint route -------------------------------------------------------------------------

def _inspector(config: SchoolConfig) -> str:
    line = config.helplines.get("vertrouwensinspecteur")
    if line is None or not line.phone:
        return "de vertrouwensinspecteur van de Inspectie van het Onderwijs"
    note = f", {line.note}" if line.note else ""
    return f"de vertrouwensinspecteur van de Inspectie van het Onderwijs ({_phones(line)}{note})"


def _ombudsman(config: SchoolConfig) -> str:
    """The Kinderombudsman; a number only when the school file marks it checked."""
    line = config.helplines.get("kinderombudsman")
    if line is None:
        return "De Kinderombudsman"
    how = ", ".join(part for part in ((_phones(line) if line.verified else ""), line.url) if part)
    return f"De Kinderombudsman ({how})" if how else "De Kinderombudsman"


def _complaint_route_pupil(config: SchoolConfig) -> List[str]:
    ap, vp, kc = config.aanspreekpunt, config.vertrouwenspersoon, config.klachtencommissie
    return [
        "Vind je dat de school niet genoeg doet tegen het pesten? Dan mag je klagen. Zo gaat dat, stap voor stap.",
        "1. Praat met je mentor of met een andere leraar.\n"
        f"2. Helpt dat niet? Ga naar {ap.name}. Dat is het aanspreekpunt pesten: de persoon bij wie je pesten kunt melden.",
        "3. Helpt dat ook niet? Dan kun je naar de directie van de school.\n"
        "4. Daarna kan het bestuur het oppakken. Dat is de baas boven de directie.",
        f"5. Lukt het dan nog niet? Stuur dan een klacht naar {kc.name}: {kc.url}",
        f"Je hoeft dit niet alleen te doen. {vp.name}, de vertrouwenspersoon, helpt je met klagen. "
        "Vraag ook een ouder of een andere volwassene die je vertrouwt.",
        "Een klacht is een brief of mail met je naam eronder. Daarin staat wie, wat en wanneer. "
        "Stuur hem binnen een jaar. De commissie kijkt eerst of je het al op school hebt gezegd.",
        f"Hoe het op {config.name} gaat, staat in de klachtenregeling: {config.klachtenregeling_url}",
        f"Is het heel ernstig? Dan kan {_inspector(config)} je altijd advies geven. "
        f"{_ombudsman(config)} helpt pas als je het eerst aan de school hebt gevraagd.",
        "Wil je het pesten eerst hier melden? Dat kan meteen.",
    ]


def _complaint_route_parent(config: SchoolConfig, voice: Voice) -> List[str]:
    ap, vp, kc = config.aanspreekpunt, config.vertrouwenspersoon, config.klachtencommissie
    p = voice.say
    return [
        p("Vind je dat de school het pesten niet goed aanpakt?", "Vindt u dat de school het pesten niet goed aanpakt?")
        + " Dit is de gebruikelijke volgorde:\n"
        + p("1. Praat met de leerkracht of mentor van je kind.\n", "1. Praat met de leerkracht of mentor van uw kind.\n")
        + f"2. Ga naar {ap.name}, het aanspreekpunt pesten ({ap.email}). "
        f"Loopt het uit op een klacht, dan kan {vp.name}, de vertrouwenspersoon, " + p("je begeleiden.", "u begeleiden."),
        "3. Helpt dat niet, dan de schoolleiding (directie).\n"
        "4. Daarna het bestuur van de school (bevoegd gezag).\n"
        f"5. Daarna de klachtencommissie waarbij de school is aangesloten: {kc.name}, {kc.url}\n"
        f"De klachtenregeling van {config.name}: {config.klachtenregeling_url}",
        "Goed om te weten: de commissie kijkt eerst of de klacht op school is besproken. "
        "Over iets wat meer dan een jaar geleden gebeurde, wordt een klacht meestal niet behandeld. "
        "Een klacht is een ondertekende brief of e-mail waarin staat wie, wat en wanneer.",
        "Bij ernstige zaken (ernstig pesten, seksuele intimidatie, geweld, discriminatie) "
        + p("kun je", "kunt u") + f" altijd advies vragen aan {_inspector(config)}. "
        f"{_ombudsman(config)} behandelt een klacht pas als "
        + p("je het eerst aan de school hebt gevraagd", "u het eerst aan de school hebt gevraagd")
        + ", binnen een jaar.",
        p("Wil je het pesten hier melden voor je kind? Dat kan meteen.",
          "Wilt u het pesten hier melden voor uw kind? Dat kan meteen."),
    ]


def _complaint_route_staff(config: SchoolConfig) -> List[str]:
    ap, vp, kc = config.aanspreekpunt, config.vertrouwenspersoon, config.klachtencommissie
    return [
        "Zo kunnen ouders en leerlingen klagen over de aanpak van pesten:\n"
        "1. Eerst de leerkracht of mentor.\n"
        f"2. Dan het aanspreekpunt pesten, {ap.name} ({ap.email}). "
        f"Loopt het uit op een klacht, dan kan {vp.name}, de vertrouwenspersoon, begeleiden.\n"
        "3. Dan de schoolleiding (directie).\n"
        "4. Dan het bestuur (bevoegd gezag).\n"
        f"5. Dan de klachtencommissie waarbij de school is aangesloten: {kc.name}, {kc.url}",
        f"De klachtenregeling van {config.name}: {config.klachtenregeling_url}\n"
        "De commissie kijkt eerst of de klacht op school is besproken; klachten over iets van meer "
        "dan een jaar geleden worden meestal niet behandeld. Een klacht is een ondertekende brief of "
        "e-mail waarin staat wie, wat en wanneer.",
        f"Bij ernstige zaken kan {_inspector(config)} altijd adviseren. "
        f"{_ombudsman(config)} komt pas in beeld als de school eerst is gevraagd, binnen een jaar.",
        "Wijs ouders en leerlingen gerust op deze route; het hoort bij het werk van het aanspreekpunt.",
    ]


def complaint_route(config: SchoolConfig, audience: str = "ouder") -> Answer:
    """Step by step from mentor to klachtencommissie, the practical facts, and the offer to report:
    pupils in their own words, parents in the school's register, staff to pass it on."""
    voice = _voice(config, audience)
    if voice.is_pupil:
        bubbles = _complaint_route_pupil(config)
        buttons = [("Ik wil iets melden", REPORT_PUPIL), ("Bij wie kan ik terecht?", ASK_CONTACT)]
    elif voice.is_parent:
        bubbles = _complaint_route_parent(config, voice)
        buttons = [
            ("Melden voor mijn kind", REPORT_PARENT),
            ("Wie is het aanspreekpunt?", ASK_CONTACT),
            ("Blijft een melding vertrouwelijk?", ASK_CONFIDENTIALITY),
        ]
    else:
        bubbles = _complaint_route_staff(config)
        buttons = [("Een incident registreren", REPORT_STAFF), ("Wie is het aanspreekpunt?", ASK_CONTACT)]
    sources = (
        "feiten.klachtroute", "feiten.klachtenregeling-verplicht", "apc.verwijzen-klachten",
        "apc.vertrouwenspersoon", "feiten.vertrouwensinspecteur", "feiten.kinderombudsman",
        "principes.volwassenen", "config.name", "config.aanspreekpunt", "config.vertrouwenspersoon",
        "config.klachtenregeling_url", "config.klachtencommissie", "config.helplines.vertrouwensinspecteur",
        "config.helplines.kinderombudsman",
    ) + (("config.parent_register",) if voice.is_parent else ())
    return Answer(tuple(bubbles), buttons, sources)


# --- What bullying is (pupils) ---------------------------------------------------------------

def what_is_bullying(config: SchoolConfig) -> Answer:
    """For pupils: on purpose, again and again, unequal power; a group matter; telling is not snitching."""
    ap = config.aanspreekpunt
    bubbles = (
        "Pesten is meer dan een keer plagen. Bij pesten zie je drie dingen:\n"
        "- Het gebeurt met opzet.\n"
        "- Het gebeurt steeds opnieuw.\n"
        "- De pester staat sterker. Daardoor kun je je bijna niet verdedigen.",
        "Voelt het niet meer als een grapje, en gebeurt het steeds weer? Dan is het pesten. Twijfel je? Vertel het toch.",
        "Pesten gebeurt bijna altijd in een groep. Daarom is de groep ook nodig om het te stoppen. "
        "Vertellen is geen klikken. Je helpt jezelf of een ander. En het is nooit jouw schuld als je gepest wordt.",
        f"Op school kun je terecht bij {ap.name}, het aanspreekpunt pesten: de persoon bij wie je pesten kunt melden.",
    )
    buttons = [
        ("Ik wil iets melden", REPORT_PUPIL),
        ("Bij wie kan ik terecht?", ASK_CONTACT),
        ("Blijft het geheim?", ASK_CONFIDENTIALITY),
    ]
    sources = (
        "apc.pesten-is", "apc.groepsproces", "apc.groep-omstanders", "principes.niet-hun-schuld",
        "principes.geen-klikken", "config.aanspreekpunt",
    )
    return Answer(bubbles, buttons, sources)


# --- Confidentiality -------------------------------------------------------------------------

def confidentiality_explained(config: SchoolConfig, audience: str = "leerling") -> Answer:
    """Anoniem, vertrouwelijk, mag gedeeld; who can see who wrote; where confidentiality ends
    (for adults: danger and the meldcode); parents never told automatically."""
    voice = _voice(config, audience)
    ap, deputy = config.aanspreekpunt, config.deputy
    if voice.is_pupil:
        bubbles = (
            "Als je iets meldt, kies jij wat er met je naam gebeurt.\n"
            "Anoniem: je zegt je naam niet. De school kan je dan alleen antwoorden hier in de chat, met je code.",
            f"Vertrouwelijk: alleen {ap.name} en {deputy.name} zien wie je bent. Zij zijn het aanspreekpunt "
            "pesten en de vervanger. Er gebeurt pas iets als jullie eerst samen hebben gepraat.",
            "Mag gedeeld: het aanspreekpunt mag je mentor of je ouders erbij halen. Jij zegt wie. "
            "Je ouders krijgen het nooit zomaar te horen.",
            "Eerlijk is eerlijk: is iemand in gevaar, dan moet de school wel iets doen. Ook als je anoniem "
            "of vertrouwelijk meldt. Vertellen is geen klikken. Zo kan het stoppen.",
        )
        buttons = [("Ik wil iets melden", REPORT_PUPIL), ("Bij wie kan ik terecht?", ASK_CONTACT)]
    elif voice.is_parent:
        p = voice.say
        bubbles = (
            p("Wie meldt, kiest zelf wat er met de naam gebeurt. Dat geldt voor jou en voor je kind:\n",
              "Wie meldt, kiest zelf wat er met de naam gebeurt. Dat geldt voor u en voor uw kind:\n")
            + "- Anoniem: zonder naam. De school kan dan alleen antwoorden via de code van de melding.\n"
            f"- Vertrouwelijk: alleen het aanspreekpunt pesten ({ap.name}) en de vervanger ({deputy.name}) "
            "weten wie er meldt. Er gebeurt pas iets na een gesprek met de melder.\n"
            "- Mag gedeeld: het aanspreekpunt mag de mentor en/of de ouders erbij betrekken.",
            p("Meldt je kind zelf iets, dan krijg je dat niet automatisch te horen. ",
              "Meldt uw kind zelf iets, dan krijgt u dat niet automatisch te horen. ")
            + "Kinderen zijn soms bang hun telefoon kwijt te raken als ouders van online pesten horen, "
            "en vertellen dan niets meer.",
            "De grens: is iemand in gevaar, dan moet de school handelen, ook zonder toestemming, en zegt "
            "dat tegen de melder. Bij zorgen over huiselijk geweld of kindermishandeling volgt de school "
            "de meldcode; die is voor scholen verplicht.",
        )
        buttons = [("Melden voor mijn kind", REPORT_PARENT), ("Wie is het aanspreekpunt?", ASK_CONTACT)]
    else:
        bubbles = (
            "Leerlingen kiezen bij een melding zelf wat er met hun naam gebeurt:\n"
            "- Anoniem: geen naam; de school kan alleen antwoorden via de code.\n"
            f"- Vertrouwelijk: alleen het aanspreekpunt pesten ({ap.name}) en de vervanger ({deputy.name}) "
            "weten wie het is. Er gebeurt pas iets na een gesprek met de leerling.\n"
            "- Mag gedeeld: het aanspreekpunt mag de mentor en/of de ouders erbij betrekken.",
            "Respecteer die keuze, ook als collega. Ouders worden nooit automatisch ingelicht. "
            "De grens: is iemand in gevaar, dan moet de school handelen, en vertelt dat de leerling. "
            "Bij zorgen over huiselijk geweld of kindermishandeling volg je de meldcode. "
            "Beloof een leerling dus nooit volledige geheimhouding.",
        )
        buttons = [("Een incident registreren", REPORT_STAFF), ("Wie is het aanspreekpunt?", ASK_CONTACT)]
    sources = (
        "principes.vertrouwelijkheid", "feiten.nooit-automatisch-ouders", "feiten.geen-onvoorwaardelijk-geheim",
        "apc.taakconflict", "config.aanspreekpunt", "config.deputy",
    ) + (("feiten.meldcode",) if not voice.is_pupil else ()) + (("config.parent_register",) if voice.is_parent else ())
    return Answer(bubbles, buttons, sources)


# --- Staff guidance (vraag_aanpak/<sub>) ------------------------------------------------------

# Sources of each retrieval response in data/nlu/aanpak.yml (documented in docs/sources.md).
AANPAK_SOURCES: Dict[str, Tuple[str, ...]] = {
    "zien_gebeuren": ("apc.nop-ers-ingrijpen", "apc.leraren-handelen", "apc.incidenten-registreren",
                      "feiten.signaal-geen-sanctie", "principes.veiligheid-eerst", "principes.volwassenen"),
    "leerling_vertelt": ("principes.luisteren", "principes.niet-hun-schuld", "principes.vertrouwelijkheid",
                         "feiten.geen-onvoorwaardelijk-geheim", "apc.aanspreekpunt-taken"),
    "gesprek_gepeste": ("apc.aanspreekpunt-taken", "apc.misverstanden", "principes.niet-hun-schuld",
                        "principes.luisteren"),
    "gesprek_pester": ("apc.taakconflict", "apc.pesters-risico", "apc.groepsproces", "apc.aanspreekpunt-taken",
                       "apc.coordinator-taken"),
    "gesprek_groep": ("apc.groepsproces", "apc.groep-omstanders", "apc.positieve-sfeer", "apc.toezicht",
                      "apc.taakconflict"),
    "online_pesten": ("feiten.helpwanted", "feiten.politie", "feiten.nooit-automatisch-ouders",
                      "apc.aanspreekpunt-taken"),
    "incident_registreren": ("apc.incidenten-registreren", "apc.coordinator-taken", "feiten.signaal-geen-sanctie"),
    "ouders_betrekken": ("apc.aanspreekpunt-taken", "apc.taakconflict", "feiten.nooit-automatisch-ouders",
                         "principes.vertrouwelijkheid", "apc.verwijzen-politie", "feiten.meldcode"),
    "sancties": ("apc.coordinator-taken", "feiten.signaal-geen-sanctie", "apc.groepsproces",
                 "apc.aanspreekpunt-taken", "principes.volwassenen"),
    "toezicht_hotspots": ("apc.toezicht", "apc.kleedkamer"),
    "misverstanden": ("apc.misverstanden", "apc.groepsproces", "principes.niet-hun-schuld", "principes.geen-klikken"),
    "pesten_of_plagen": ("apc.pesten-is", "apc.aanspreekpunt-taken"),
}

# What each sub adds from the school configuration. The responses of PROTOCOL_SUBS end with
# "Volg het pestprotocol van school."; staff_guidance adds the school's link (or the coordinator).
PROTOCOL_SUBS = frozenset({"zien_gebeuren", "gesprek_pester", "sancties", "ouders_betrekken", "online_pesten",
                           "incident_registreren"})
_WITH_AANSPREEKPUNT = {"zien_gebeuren", "leerling_vertelt", "gesprek_gepeste", "ouders_betrekken",
                       "incident_registreren", "online_pesten"}
_WITH_COORDINATOR = {"gesprek_pester", "gesprek_groep", "toezicht_hotspots", "misverstanden",
                     "pesten_of_plagen", "sancties"}


def aanpak_sub(key: Optional[str]) -> Optional[str]:
    """The sub-intent of ``vraag_aanpak/<sub>`` (also accepts ``utter_vraag_aanpak/<sub>`` or ``<sub>``)."""
    if not key:
        return None
    sub = key.removeprefix("utter_").removeprefix(RETRIEVAL_INTENT + "/")
    return sub if sub in AANPAK_SUBS else None


def _protocol(config: SchoolConfig) -> str:
    if config.sanctions_url:
        return f"Het pestprotocol van {config.name}: {config.sanctions_url}"
    co = config.coordinator
    return f"Vraag {co.name}, de anti-pest coördinator ({co.email}), naar het pestprotocol van school."


def staff_guidance(config: SchoolConfig, key: Optional[str], text: Optional[str] = None) -> Answer:
    """A retrieval response for staff (``text``), completed with this school's names and links.

    ``key`` is the selected sub-intent (``vraag_aanpak/<sub>``); ``text`` the response the
    ResponseSelector picked. Without a known sub or text, staff are pointed to the coordinator.
    """
    sub = aanpak_sub(key)
    ap, co = config.aanspreekpunt, config.coordinator
    if not text:
        return Answer(
            (f"Daar heb ik geen kant-en-klaar antwoord op. {co.name}, de anti-pest coördinator, "
             f"denkt graag met je mee: {co.email}. {_protocol(config)}",),
            [("Een incident registreren", REPORT_STAFF), ("Wie is het aanspreekpunt?", ASK_CONTACT)],
            ("apc.coordinator-klankbord", "config.coordinator", "config.sanctions_url", "config.name"),
        )
    guidance = split_sentences(text, LIMITS[STAFF].max_words)
    if sub is None:
        return Answer(
            tuple(guidance) + (_protocol(config),),
            [("Een incident registreren", REPORT_STAFF), ("Wie is het aanspreekpunt?", ASK_CONTACT)],
            ("config.sanctions_url", "config.name"),
        )
    lines: List[str] = []
    sources = list(AANPAK_SOURCES[sub])
    if sub in _WITH_AANSPREEKPUNT:
        lines.append(f"Het aanspreekpunt pesten is {ap.name} ({ap.email}; {ap.where}).")
        sources.append("config.aanspreekpunt")
    if sub in _WITH_COORDINATOR:
        lines.append(f"Vragen over de aanpak? {co.name}, de anti-pest coördinator, is klankbord voor collega's ({co.email}).")
        sources += ["apc.coordinator-klankbord", "config.coordinator"]
    if sub == "online_pesten":
        hw, police = config.helplines["helpwanted"], config.helplines["politie"]
        hw_how = ", ".join(part for part in (_phones(hw), hw.url) if part)
        lines.append(f"{hw.name}: {hw_how}. {police.name}: {_phones(police)}.")
        sources += ["config.helplines.helpwanted", "config.helplines.politie"]
    if sub in PROTOCOL_SUBS:
        lines.append(_protocol(config))
        sources += ["config.sanctions_url", "config.name"]
    buttons = [("Een incident registreren", REPORT_STAFF)]
    if sub != "incident_registreren":
        buttons.append(("Wie is het aanspreekpunt?", ASK_CONTACT))
    if sub in ("ouders_betrekken", "sancties"):
        buttons.append(("De klachtroute voor ouders", ASK_COMPLAINT))
    return Answer(tuple(guidance) + ("\n".join(lines),), buttons, tuple(sources))


# --- What to do, for pupils and parents (vraag_aanpak answered per writer) -----------------

def what_to_do_pupil(config: SchoolConfig) -> Answer:
    """For a pupil who sees bullying and asks what to do: don't join in, stand by the one who is
    bullied, tell an adult, never step between when it is dangerous. Telling is not snitching."""
    ap = config.aanspreekpunt
    bubbles = (
        "Goed dat je iets wilt doen. Zie je dat iemand gepest wordt? Doe dan niet mee, en lach niet mee. "
        "Ga naast de ander staan, of zoek hem of haar later op. Laat merken dat je aan die kant staat.",
        "Vertel het aan een volwassene: je mentor, een leraar of de conciërge. "
        "Is het gevaarlijk, zoals bij slaan of schoppen? Ga er dan niet tussen staan. "
        "Haal dan meteen een volwassene.",
        "Vertellen is geen klikken. Pesten stopt pas als de groep meehelpt. "
        f"Je kunt het hier melden, of naar {ap.name} gaan. Dat is het aanspreekpunt pesten: "
        "de persoon bij wie je pesten kunt melden.",
    )
    buttons = [("Ik wil het melden", REPORT_PUPIL), ("Bij wie kan ik terecht?", ASK_CONTACT),
               ("Wat is pesten?", ASK_BULLYING)]
    sources = ("apc.groep-omstanders", "apc.groepsproces", "apc.positieve-sfeer", "principes.geen-klikken",
               "principes.veiligheid-eerst", "config.aanspreekpunt")
    return Answer(bubbles, buttons, sources)


def what_to_do_parent(config: SchoolConfig, audience: str = "ouder") -> Answer:
    """For a parent who asks what to do about bullying: listen, decide together with the child,
    tell the aanspreekpunt, and what the school then does."""
    voice = _voice(config, audience)
    p, ap = voice.say, config.aanspreekpunt
    bubbles = (
        p("Luister eerst naar je kind, en zeg dat het niet de schuld van je kind is. Spreek samen af wat "
          "je kind wil, voordat je iets doet. Advies als 'negeer het' of 'bijt van je af' helpt niet: "
          "bij pesten is de macht ongelijk verdeeld.",
          "Luister eerst naar uw kind, en zeg dat het niet de schuld van uw kind is. Spreek samen af wat "
          "uw kind wil, voordat u iets doet. Advies als 'negeer het' of 'bijt van je af' helpt niet: "
          "bij pesten is de macht ongelijk verdeeld."),
        f"Meld het bij {ap.name}, het aanspreekpunt pesten ({ap.email}). "
        + p("Die luistert, vraagt wat jij en je kind al deden en wat jullie willen, ",
            "Die luistert, vraagt wat u en uw kind al deden en wat u wilt, ")
        + "en bekijkt welke acties mogelijk zijn. Afspraken worden vastgelegd, en later wordt gecheckt "
        "of het pesten gestopt is.",
    )
    buttons = [("Melden voor mijn kind", REPORT_PARENT), ("Hoe dien ik een klacht in?", ASK_COMPLAINT),
               ("Wie is het aanspreekpunt?", ASK_CONTACT)]
    sources = ("principes.niet-hun-schuld", "apc.taakconflict", "apc.misverstanden", "apc.aanspreekpunt-taken",
               "principes.volwassenen", "config.aanspreekpunt") + (("config.parent_register",) if voice.is_parent else ())
    return Answer(bubbles, buttons, sources)


ASKER_CHOICES = (("Ik ben leerling", "leerling"), ("Ik ben ouder of verzorger", "ouder"),
                 ("Ik werk op school", "medewerker"))


def who_asks(payload: Callable[[str], str]) -> Answer:
    """Asked once when a question about handling bullying comes and the writer is not known: the
    answer differs for a pupil, a parent and staff. ``payload`` makes each button's payload."""
    return Answer(("Wie vraagt dit? Een leerling krijgt een ander antwoord dan een ouder, of iemand die "
                   "op school werkt.",),
                  [(title, payload(role)) for title, role in ASKER_CHOICES], ("principes.volwassenen",))
