"""Answers for pupils, parents and staff, composed from the school configuration.

Plain functions: a changed school configuration changes the answer after a restart, without
retraining. Facts come from the knowledge folder, names, links and numbers from ``SchoolConfig``
(every phone number from ``config.helplines``). ``Answer.sources`` holds keys into
``docs/sources.md``, where each key names the passage or configuration field it rests on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from bot.domain.school import Helpline, Person, SchoolConfig

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
    """One message: short Dutch text, follow-up buttons (title, payload) and its sources."""

    text: str
    buttons: List[Tuple[str, str]] = field(default_factory=list)
    sources: Tuple[str, ...] = ()

    def rasa_buttons(self) -> List[Dict[str, str]]:
        """The buttons in the shape ``dispatcher.utter_message(buttons=...)`` expects."""
        return [{"title": title, "payload": payload} for title, payload in self.buttons]


def _check_audience(audience: str) -> str:
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
    return audience


def _pick(register: str, u: str, je: str) -> str:
    """The parent-facing wording for the school's register ("u" or "je")."""
    return u if register == "u" else je


def _reach(person: Person) -> str:
    """Where, when and how to reach someone, as labels (safe for any wording in the config)."""
    return f"Waar: {person.where}. Wanneer: {person.when}. Mail: {person.email}"


def _phones(line: Helpline) -> str:
    return line.phone + (f" of {line.phone_alt}" if line.phone_alt else "") if line.phone else ""


def _same(a: Person, b: Person) -> bool:
    return a.email.lower() == b.email.lower() or a.name.strip().lower() == b.name.strip().lower()


# --- Who to turn to ------------------------------------------------------------------------

_ROLE_LABEL = {
    "aanspreekpunt": "het aanspreekpunt pesten",
    "vertrouwenspersoon": "de vertrouwenspersoon",
    "coordinator": "de anti-pest coördinator",
}

_ROLE_DOES_PUPIL = {
    "aanspreekpunt": (
        "Hier kun je vertellen dat je gepest wordt, of dat je ziet dat iemand anders gepest wordt. "
        "Jullie bespreken samen wat er kan gebeuren."
    ),
    "vertrouwenspersoon": (
        "Hier kun je in vertrouwen praten over iets naars dat je meemaakt, "
        "ook als je nog niet wilt dat er iets gebeurt."
    ),
    "coordinator": (
        "Die zorgt dat de hele school goede afspraken heeft tegen pesten, "
        "en dat de leraren weten wat ze moeten doen."
    ),
}

_ROLE_DOES_ADULT = {
    "aanspreekpunt": (
        "Vangt leerlingen en ouders op, brengt samen met hen de situatie in kaart en onderneemt alleen "
        "acties die met hen besproken en door hen gewenst zijn. Legt afspraken vast en checkt later of "
        "het pesten gestopt is."
    ),
    "vertrouwenspersoon": (
        "Luistert in vertrouwen bij ongewenst gedrag, ook pesten. Wil een leerling nog niemand "
        "betrekken, dan gaat die wens voor. Begeleidt ook als het uitloopt op een klacht."
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


def _conflict_note(config: SchoolConfig, register: str) -> str:
    """Why listening in confidence and coordinating action can conflict (for adults)."""
    listen = (
        "Het aanspreekpunt en de vertrouwenspersoon doen alleen wat met de leerling (en de ouders) is "
        "besproken en door hen gewenst is; wil een leerling nog niemand betrekken, dan gaat de "
        "vertrouwelijkheid voor. Wie coördineert, moet juist acties nemen voor de veiligheid van de "
        "hele school, en betrekt daar meestal anderen bij."
    )
    if _same(config.aanspreekpunt, config.coordinator):
        return (
            f"Let op: {config.aanspreekpunt.name} doet beide taken, en die kunnen botsen. {listen} "
            + _pick(register, "Vraag daarom gerust wat er met uw verhaal gebeurt.",
                    "Vraag daarom gerust wat er met je verhaal gebeurt.")
        )
    return (
        f"Waarom verschillende mensen? {listen} Die twee taken kunnen botsen; daarom wordt aangeraden "
        "ze bij verschillende mensen te leggen, die goed met elkaar afstemmen."
    )


def who_to_turn_to(config: SchoolConfig, audience: str) -> Answer:
    """The aanspreekpunt, vertrouwenspersoon and anti-pest coördinator: who, where, when, what each does."""
    audience = _check_audience(audience)
    pupil = audience == "leerling"
    register = config.parent_register if audience == "ouder" else "je"
    does = _ROLE_DOES_PUPIL if pupil else _ROLE_DOES_ADULT
    ap, deputy = config.aanspreekpunt, config.deputy

    if pupil:
        lines = [f"Op {config.name} zijn er mensen bij wie je terecht kunt als het over pesten gaat:"]
    else:
        lines = [
            _pick(register, "Bij wie kunt u terecht", "Bij wie kun je terecht")
            + f" over pesten op {config.name}?"
        ]
    for person, roles in _people(config):
        labels = " én ".join(_ROLE_LABEL[r] for r in roles)
        explained = " ".join(does[r] for r in roles)
        lines.append(f"- {person.name} ({person.role}) is {labels}. {explained}\n  {_reach(person)}")
    lines.append(
        f"Is {ap.name} er niet? "
        + _pick(register, "Dan kunt u terecht bij ", "Dan kun je terecht bij ")
        + f"{deputy.name} ({deputy.role}). {_reach(deputy)}"
    )
    if pupil:
        lines.append("Is iemand in gevaar? Dan moet de school altijd iets doen.")
        buttons = [
            ("Ik wil iets melden", REPORT_PUPIL),
            ("Blijft het geheim?", ASK_CONFIDENTIALITY),
            ("Wat is pesten?", ASK_BULLYING),
        ]
    else:
        lines.append(_conflict_note(config, register))
        if audience == "ouder":
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
    if not pupil:
        sources.append("apc.taakconflict")
    if audience == "ouder":
        sources.append("config.parent_register")
    return Answer("\n".join(lines), buttons, tuple(sources))


# --- Complaint route -------------------------------------------------------------------------

def _inspector(config: SchoolConfig) -> str:
    line = config.helplines.get("vertrouwensinspecteur")
    if line is None or not line.phone:
        return "de vertrouwensinspecteur van de Inspectie van het Onderwijs"
    note = f", {line.note}" if line.note else ""
    return f"de vertrouwensinspecteur van de Inspectie van het Onderwijs ({_phones(line)}{note})"


def _ombudsman(config: SchoolConfig) -> str:
    line = config.helplines.get("kinderombudsman")
    if line is None:
        return "De Kinderombudsman"
    how = ", ".join(part for part in (_phones(line), line.url) if part)
    return f"De Kinderombudsman ({how})"


def complaint_route(config: SchoolConfig, audience: str = "ouder") -> Answer:
    """Step by step from mentor to klachtencommissie, the practical facts, and the offer to report."""
    audience = _check_audience(audience)
    ap, vp, kc = config.aanspreekpunt, config.vertrouwenspersoon, config.klachtencommissie
    if audience == "leerling":
        text = "\n".join([
            "Vind je dat de school niet genoeg doet tegen het pesten? Zo kun je het aanpakken, stap voor stap:",
            "1. Praat met je mentor of je juf of meester.",
            f"2. Ga naar {ap.name}, het aanspreekpunt pesten ({ap.email}). "
            f"Wordt het een klacht? Dan kan {vp.name}, de vertrouwenspersoon, je helpen.",
            "3. Helpt dat niet? Dan kun je naar de directie van de school.",
            "4. Daarna kan het bestuur van de school het oppakken.",
            f"5. Lukt het dan nog niet? Dan kun je een klacht indienen bij {kc.name}: {kc.url}. "
            "Vraag een ouder of een andere volwassene die je vertrouwt om je te helpen.",
            f"Hoe het op {config.name} gaat, staat in de klachtenregeling: {config.klachtenregeling_url}",
            "Goed om te weten: de klachtencommissie kijkt eerst of je het al op school hebt gezegd. "
            "Een klacht is een brief of mail met je naam eronder, waarin staat wie, wat en wanneer. "
            "Gebeurde het meer dan een jaar geleden? Dan wordt de klacht meestal niet behandeld.",
            f"Is het heel ernstig? Dan kan {_inspector(config)} je altijd advies geven. "
            f"{_ombudsman(config)} helpt pas als je het eerst aan de school hebt gevraagd, binnen een jaar.",
            "Wil je het pesten eerst hier melden? Dat kan meteen.",
        ])
        buttons = [("Ik wil iets melden", REPORT_PUPIL), ("Bij wie kan ik terecht?", ASK_CONTACT)]
    elif audience == "ouder":
        r = config.parent_register

        def p(u: str, je: str) -> str:
            return _pick(r, u, je)

        text = "\n".join([
            p("Vindt u dat de school het pesten niet goed aanpakt?", "Vind je dat de school het pesten niet goed aanpakt?")
            + " Dit is de gebruikelijke volgorde:",
            p("1. Praat met de leerkracht of mentor van uw kind.", "1. Praat met de leerkracht of mentor van je kind."),
            f"2. Ga naar {ap.name}, het aanspreekpunt pesten ({ap.email}). "
            f"Loopt het uit op een klacht, dan kan {vp.name}, de vertrouwenspersoon, "
            + p("u begeleiden.", "je begeleiden."),
            "3. Helpt dat niet, dan de schoolleiding (directie).",
            "4. Daarna het bestuur van de school (bevoegd gezag).",
            f"5. Daarna de klachtencommissie waarbij de school is aangesloten: {kc.name}, {kc.url}",
            f"De klachtenregeling van {config.name}: {config.klachtenregeling_url}",
            "Goed om te weten: de commissie kijkt eerst of de klacht op school is besproken. "
            "Over iets wat meer dan een jaar geleden gebeurde, wordt een klacht meestal niet behandeld. "
            "Een klacht is een ondertekende brief of e-mail waarin staat wie, wat en wanneer.",
            "Bij ernstige zaken (ernstig pesten, seksuele intimidatie, geweld, discriminatie) "
            + p("kunt u", "kun je") + f" altijd advies vragen aan {_inspector(config)}. "
            f"{_ombudsman(config)} behandelt een klacht pas als "
            + p("u het eerst aan de school hebt gevraagd", "je het eerst aan de school hebt gevraagd")
            + ", binnen een jaar.",
            p("Wilt u het pesten hier melden voor uw kind? Dat kan meteen.",
              "Wil je het pesten hier melden voor je kind? Dat kan meteen."),
        ])
        buttons = [
            ("Melden voor mijn kind", REPORT_PARENT),
            ("Wie is het aanspreekpunt?", ASK_CONTACT),
            ("Blijft een melding vertrouwelijk?", ASK_CONFIDENTIALITY),
        ]
    else:
        text = "\n".join([
            "Zo kunnen ouders (en leerlingen) een klacht over de aanpak van pesten indienen:",
            "1. Eerst de leerkracht of mentor.",
            f"2. Dan het aanspreekpunt pesten, {ap.name} ({ap.email}). "
            f"Loopt het uit op een klacht, dan kan {vp.name}, de vertrouwenspersoon, begeleiden.",
            "3. Dan de schoolleiding (directie).",
            "4. Dan het bestuur (bevoegd gezag).",
            f"5. Dan de klachtencommissie waarbij de school is aangesloten: {kc.name}, {kc.url}",
            f"De klachtenregeling van {config.name}: {config.klachtenregeling_url}",
            "De commissie kijkt eerst of de klacht op school is besproken; klachten over iets van meer "
            "dan een jaar geleden worden meestal niet behandeld. Een klacht is een ondertekende brief of "
            "e-mail waarin staat wie, wat en wanneer.",
            f"Bij ernstige zaken kan {_inspector(config)} altijd adviseren. "
            f"{_ombudsman(config)} komt pas in beeld als de school eerst is gevraagd, binnen een jaar.",
            "Wijs ouders gerust op deze route; het hoort bij het werk van het aanspreekpunt.",
        ])
        buttons = [("Een incident registreren", REPORT_STAFF), ("Wie is het aanspreekpunt?", ASK_CONTACT)]
    sources = (
        "feiten.klachtroute", "feiten.klachtenregeling-verplicht", "apc.verwijzen-klachten",
        "apc.vertrouwenspersoon", "feiten.vertrouwensinspecteur", "feiten.kinderombudsman",
        "principes.volwassenen", "config.name", "config.aanspreekpunt", "config.vertrouwenspersoon", "config.klachtenregeling_url",
        "config.klachtencommissie", "config.helplines.vertrouwensinspecteur",
        "config.helplines.kinderombudsman",
    ) + (("config.parent_register",) if audience == "ouder" else ())
    return Answer(text, buttons, sources)


# --- What bullying is (pupils) ---------------------------------------------------------------

def what_is_bullying(config: SchoolConfig) -> Answer:
    """For pupils: on purpose, again and again, unequal power; a group matter; telling is not snitching."""
    ap = config.aanspreekpunt
    text = "\n".join([
        "Pesten is meer dan een keer plagen. Bij pesten zie je drie dingen:",
        "- Het gebeurt met opzet.",
        "- Het gebeurt steeds opnieuw.",
        "- De pester staat sterker. Daardoor kun je je bijna niet verdedigen.",
        "Voelt het niet meer als een grapje, en gebeurt het steeds weer? Dan is het pesten. Twijfel je? Vertel het toch.",
        "Pesten gebeurt bijna altijd in een groep. Daarom is de groep ook nodig om het te stoppen.",
        "Vertellen is geen klikken. Je helpt jezelf of een ander. En het is nooit jouw schuld als je gepest wordt.",
        f"Op school kun je terecht bij {ap.name}, het aanspreekpunt pesten.",
    ])
    buttons = [
        ("Ik wil iets melden", REPORT_PUPIL),
        ("Bij wie kan ik terecht?", ASK_CONTACT),
        ("Blijft het geheim?", ASK_CONFIDENTIALITY),
    ]
    sources = (
        "apc.pesten-is", "apc.groepsproces", "apc.groep-omstanders", "principes.niet-hun-schuld",
        "principes.geen-klikken", "config.aanspreekpunt",
    )
    return Answer(text, buttons, sources)


# --- Confidentiality -------------------------------------------------------------------------

def confidentiality_explained(config: SchoolConfig, audience: str = "leerling") -> Answer:
    """Anoniem, vertrouwelijk, mag gedeeld; where confidentiality ends; parents never told automatically."""
    audience = _check_audience(audience)
    ap = config.aanspreekpunt
    if audience == "leerling":
        text = "\n".join([
            "Als je iets meldt, kies jij wat er met je naam gebeurt:",
            "- Anoniem: je zegt je naam niet. De school kan je dan alleen antwoorden via je code.",
            f"- Vertrouwelijk: alleen {ap.name}, het aanspreekpunt pesten, weet wie je bent. "
            "Er gebeurt pas iets nadat jullie samen hebben gepraat.",
            "- Mag gedeeld: het aanspreekpunt mag je mentor en/of je ouders erbij halen. Jij zegt wie.",
            "Je ouders krijgen het nooit zomaar te horen.",
            "Eerlijk is eerlijk: als iemand in gevaar is, moet de school wel iets doen, ook als je anoniem of vertrouwelijk meldt.",
            "Vertellen is geen klikken. Je zorgt ervoor dat het kan stoppen.",
        ])
        buttons = [("Ik wil iets melden", REPORT_PUPIL), ("Bij wie kan ik terecht?", ASK_CONTACT)]
    elif audience == "ouder":
        r = config.parent_register

        def p(u: str, je: str) -> str:
            return _pick(r, u, je)

        text = "\n".join([
            p("Wie meldt, kiest zelf wat er met de naam gebeurt. Dat geldt voor u en voor uw kind:",
              "Wie meldt, kiest zelf wat er met de naam gebeurt. Dat geldt voor jou en voor je kind:"),
            "- Anoniem: zonder naam. De school kan dan alleen antwoorden via de code van de melding.",
            f"- Vertrouwelijk: alleen {ap.name}, het aanspreekpunt pesten, weet wie er meldt, "
            "en onderneemt pas iets na een gesprek met de melder.",
            "- Mag gedeeld: het aanspreekpunt mag de mentor en/of de ouders erbij betrekken.",
            p("Meldt uw kind zelf iets, dan krijgt u dat niet automatisch te horen. "
              "Kinderen zijn soms bang hun telefoon kwijt te raken als ouders van online pesten horen, "
              "en vertellen dan niets meer.",
              "Meldt je kind zelf iets, dan krijg je dat niet automatisch te horen. "
              "Kinderen zijn soms bang hun telefoon kwijt te raken als ouders van online pesten horen, "
              "en vertellen dan niets meer."),
            "De grens: is iemand in gevaar, dan moet de school handelen, en zegt dat ook tegen de melder.",
        ])
        buttons = [("Melden voor mijn kind", REPORT_PARENT), ("Wie is het aanspreekpunt?", ASK_CONTACT)]
    else:
        text = "\n".join([
            "Leerlingen kiezen bij een melding zelf wat er met hun naam gebeurt:",
            "- Anoniem: geen naam; de school kan alleen antwoorden via de code.",
            f"- Vertrouwelijk: alleen het aanspreekpunt pesten ({ap.name}) weet wie het is, "
            "en onderneemt pas iets na een gesprek met de leerling.",
            "- Mag gedeeld: het aanspreekpunt mag de mentor en/of de ouders erbij betrekken.",
            "Respecteer die keuze, ook als collega. Ouders worden nooit automatisch ingelicht.",
            "De grens: is iemand in gevaar, dan moet de school handelen, en vertelt dat de leerling. "
            "Beloof een leerling dus nooit volledige geheimhouding.",
        ])
        buttons = [("Een incident registreren", REPORT_STAFF), ("Wie is het aanspreekpunt?", ASK_CONTACT)]
    sources = (
        "principes.vertrouwelijkheid", "feiten.nooit-automatisch-ouders", "feiten.geen-onvoorwaardelijk-geheim",
        "apc.taakconflict", "config.aanspreekpunt",
    ) + (("config.parent_register",) if audience == "ouder" else ())
    return Answer(text, buttons, sources)


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
            f"Daar heb ik geen kant-en-klaar antwoord op. {co.name}, de anti-pest coördinator, "
            f"denkt graag met je mee: {co.email}. {_protocol(config)}",
            [("Een incident registreren", REPORT_STAFF), ("Wie is het aanspreekpunt?", ASK_CONTACT)],
            ("apc.coordinator-klankbord", "config.coordinator", "config.sanctions_url", "config.name"),
        )
    if sub is None:
        return Answer(
            f"{text.strip()}\n{_protocol(config)}",
            [("Een incident registreren", REPORT_STAFF), ("Wie is het aanspreekpunt?", ASK_CONTACT)],
            ("config.sanctions_url", "config.name"),
        )
    lines = [text.strip()]
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
    return Answer("\n".join(lines), buttons, tuple(sources))
