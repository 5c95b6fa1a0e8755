"""Help-first texts for unsafe situations and the "Hulp nu" list.

Every number comes from the school configuration's dated helplines, never from here.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from bot.domain.school import Helpline, SchoolConfig
from bot.domain.report import SafetyCategory
from bot.texts.voice import PARENT_ROLE as PARENT, STAFF_ROLE as STAFF, Voice

PUPIL, WITNESS = "leerling", "getuige"


def _line(h: Helpline) -> str:
    how = []
    if h.phone:
        how.append(f"bel {h.phone}" + (f" of {h.phone_alt}" if h.phone_alt else ""))
    if h.url:
        how.append(f"kijk op {h.site}")
    note = f" ({h.note})" if h.note else ""
    return f"{h.name}: {' of '.join(how)}{note}"


# 113 is never a bare number for a child: say what it is, so it is not taken for 112.
WHAT_113 = "de hulplijn als je niet meer wilt leven, of als je je zorgen maakt om iemand anders"
WHAT_113_ANYONE = "de hulplijn voor wie niet meer wil leven, en ook voor wie zich zorgen maakt om een ander"


def _call_113(z: Helpline) -> str:
    return f"Bel {z.phone}" + (f" of {z.phone_alt}" if z.phone_alt else "") + ", gratis, dag en nacht"


def safety_help(category: SafetyCategory, config: SchoolConfig, voice: Optional[Voice] = None) -> List[str]:
    """Messages to send at once, in order, for the writer ``voice`` speaks to: care, the right help,
    then who to tell. A writer not known yet (``Voice()``) reads help in words right for anyone."""
    voice = voice or Voice(PUPIL)
    if voice.role == PUPIL:
        return _help_pupil(category, config)
    if voice.role == WITNESS:
        return _help_friend(category, config)
    if voice.is_parent:
        return _help_parent(category, config, voice)
    if voice.is_staff:
        return _help_staff(category, config)
    return _help_anyone(category, config)


def _help_pupil(category: SafetyCategory, config: SchoolConfig) -> List[str]:
    """The child in danger, in *je*."""
    h = config.helplines
    if category is SafetyCategory.ACUUT_GEVAAR:
        return [
            "Wat je vertelt, klinkt gevaarlijk. Jouw veiligheid gaat nu voor alles.",
            f"Ben je nu in gevaar? Bel dan meteen {h['noodnummer'].phone}. "
            "Ga naar een volwassene in de buurt, zoals een leraar of de conciërge. Zeg dat je hulp nodig hebt.",
            f"Wil je met iemand praten? {_line(h['kindertelefoon'])}.",
        ]
    if category is SafetyCategory.CRISIS:
        z, kt = h["zelfmoordpreventie"], h["kindertelefoon"]
        return [
            "Goed dat je dit vertelt. Het klinkt alsof het heel zwaar is. Je staat er niet alleen voor, en het is niet jouw schuld.",
            f"Praat er vandaag over met iemand. {z.name} is {WHAT_113}. {_call_113(z)}. "
            + (f"Of chat op {z.site}." if z.url else ""),
            f"Je kunt ook {kt.name} bellen: {kt.phone}. Vertel het vandaag ook aan een volwassene die je vertrouwt, "
            f"thuis of op school. Ben je nu in gevaar? Bel {h['noodnummer'].phone}.",
        ]
    if category is SafetyCategory.ONVEILIG_THUIS:
        vt, kt = h["veilig_thuis"], h["kindertelefoon"]
        return [
            "Wat goed dat je dit vertelt. Niemand mag jou pijn doen, ook thuis niet. Het is niet jouw schuld.",
            f"{_line(vt)}. Ze helpen als het thuis niet veilig is. "
            f"Je kunt ook praten met {kt.name}: {kt.phone}.",
            f"Ben je nu in gevaar? Bel {h['noodnummer'].phone}. "
            f"Op school kun je ook naar {config.vertrouwenspersoon.name} gaan, de vertrouwenspersoon.",
        ]
    police, helpwanted = h["politie"], h["helpwanted"]
    return [
        "Wat er gebeurt, is niet oké, en het is niet jouw schuld. Goed dat je het vertelt.",
        f"Dit mag je melden bij de politie: {police.phone}. Ben je jonger dan 16? "
        "Ga dan samen met een ouder of een volwassene die je vertrouwt.",
        f"Gaat het om foto's of filmpjes van jou online, of word je afgeperst? {helpwanted.name} helpt je, "
        f"ook om beelden weg te laten halen. Bel {helpwanted.phone} of kijk op {helpwanted.site}.",
    ]


def _lines_of(config: SchoolConfig) -> Tuple[Dict[str, Helpline], Helpline, str, Helpline, Helpline, Helpline]:
    """The helplines, the Kindertelefoon, 112, 113, the police and Helpwanted of the school file."""
    h = config.helplines
    return h, h["kindertelefoon"], h["noodnummer"].phone, h["zelfmoordpreventie"], h["politie"], h["helpwanted"]


def _images_online(hw: Helpline) -> str:
    return (f"Gaat het om foto's of filmpjes online, of om afpersing? {hw.name} helpt, ook om beelden weg te "
            f"laten halen. Bel {hw.phone} of kijk op {hw.site}.")


def _help_anyone(category: SafetyCategory, config: SchoolConfig) -> List[str]:
    """A writer not known yet: words for a child, a friend, a parent or a teacher alike (no *je*, no *u*)."""
    h, kt, emergency, z, police, hw = _lines_of(config)
    texts: Dict[SafetyCategory, List[str]] = {}
    texts[SafetyCategory.ACUUT_GEVAAR] = [
        "Dit klinkt gevaarlijk. Veiligheid gaat nu voor alles.",
        f"Is er nu gevaar? Bel meteen {emergency}. Vraag iemand in de buurt om hulp, "
        "op school bijvoorbeeld een leraar of de conciërge.",
        f"Wil een kind praten? Bel dan {kt.name}: {kt.phone}.",
    ]
    texts[SafetyCategory.CRISIS] = [
        "Dit klinkt heel zwaar. Goed dat het hier staat. Er is hulp, dag en nacht.",
        f"{z.name} is {WHAT_113_ANYONE}. {_call_113(z)}." + (f" Of chat op {z.site}." if z.url else ""),
        f"Is er nu direct gevaar? Bel dan {emergency}. Kinderen en jongeren kunnen ook praten met "
        f"{kt.name}: {kt.phone}.",
    ]
    texts[SafetyCategory.ONVEILIG_THUIS] = [
        "Geweld thuis is nooit oké. Het is nooit de schuld van een kind.",
        f"{_line(h['veilig_thuis'])}. Ze helpen als het thuis niet veilig is. "
        "Ook wie zich zorgen maakt om een kind, kan daar advies vragen.",
        f"Is er nu gevaar? Bel {emergency}. Kinderen en jongeren kunnen ook praten met {kt.name}: {kt.phone}.",
    ]
    texts[SafetyCategory.STRAFBAAR_FEIT] = [
        "Wat hier staat, is niet oké. Goed dat het gezegd wordt.",
        f"Dit mag gemeld worden bij de politie: {police.phone}. Wie jonger is dan 16, gaat samen met een "
        "ouder of een andere volwassene.",
        _images_online(hw),
    ]
    return texts[category]


def _help_friend(category: SafetyCategory, config: SchoolConfig) -> List[str]:
    """A pupil worried about a friend or classmate: how to be there, tell an adult, help for both."""
    h, kt, emergency, z, police, hw = _lines_of(config)
    texts: Dict[SafetyCategory, List[str]] = {}
    texts[SafetyCategory.ACUUT_GEVAAR] = [
        "Dit klinkt gevaarlijk. Ga zelf niet tussen hen in. Jouw veiligheid telt ook.",
        f"Is iemand nu in gevaar? Bel meteen {emergency}. Haal snel een volwassene erbij, "
        "zoals een leraar of de conciërge.",
        f"Blijf daarna bij die ander, als dat veilig kan. Wil je erover praten? {kt.name}: {kt.phone}.",
    ]
    texts[SafetyCategory.CRISIS] = [
        "Goed dat je dit vertelt. Fijn dat je er voor die ander bent. Maar je hoeft dit niet alleen te dragen.",
        "Luister en blijf in de buurt. Beloof niet dat je het geheim houdt. "
        "Vertel het vandaag nog aan een volwassene die je vertrouwt, thuis of op school.",
        f"{z.name} is {WHAT_113}. Dus ook voor jou. {_call_113(z)}.",
        f"Ook {kt.name} helpt jullie allebei: {kt.phone}. Is er nu gevaar? Bel meteen {emergency}.",
    ]
    texts[SafetyCategory.ONVEILIG_THUIS] = [
        "Goed dat je dit vertelt. Niemand mag een ander pijn doen, ook thuis niet. "
        "Jij hoeft dit niet op te lossen.",
        "Vertel het aan een volwassene die je vertrouwt. Op school kan dat bij "
        f"{config.vertrouwenspersoon.name}, de vertrouwenspersoon.",
        f"{_line(h['veilig_thuis'])}. Ze helpen als het bij iemand thuis niet veilig is.",
        f"Je kunt ook praten met {kt.name}: {kt.phone}. Is er nu gevaar? Bel {emergency}.",
    ]
    texts[SafetyCategory.STRAFBAAR_FEIT] = [
        "Wat er met die ander gebeurt, is niet oké. Goed dat je het vertelt.",
        f"Vertel het aan een volwassene die je vertrouwt. Samen kun je naar de politie: {police.phone}. "
        "Wie jonger is dan 16, gaat met een volwassene.",
        _images_online(hw),
    ]
    return texts[category]


def _school_for_parent(config: SchoolConfig, voice: Voice) -> str:
    """What the school will do, for a parent: who to tell, and that danger makes the school act."""
    ap = config.aanspreekpunt
    return (f"Vertel het ook aan {ap.name}, het aanspreekpunt pesten van {config.name} ({ap.email}). "
            + voice.say("Die luistert, brengt met jou en je kind in kaart wat er speelt en bekijkt wat er kan gebeuren.",
                        "Die luistert, brengt met u en uw kind in kaart wat er speelt en bekijkt wat er kan gebeuren.")
            + " Is iemand in gevaar, dan moet de school handelen.")


def _help_parent(category: SafetyCategory, config: SchoolConfig, voice: Voice) -> List[str]:
    """A parent or carer, in the school's register: what to do now for the child, the lines for
    them, and what the school will do."""
    h, p = config.helplines, voice.say
    kt, emergency = h["kindertelefoon"], h["noodnummer"].phone
    child_line = p(f"Je kind kan ook zelf praten met {kt.name}: {kt.phone}.",
                   f"Uw kind kan ook zelf praten met {kt.name}: {kt.phone}.")
    z = h["zelfmoordpreventie"]
    vp = config.vertrouwenspersoon
    police, hw = h["politie"], h["helpwanted"]
    texts: Dict[SafetyCategory, List[str]] = {}
    texts[SafetyCategory.ACUUT_GEVAAR] = [
        p("Dit klinkt gevaarlijk. De veiligheid van je kind gaat nu voor alles.",
          "Dit klinkt gevaarlijk. De veiligheid van uw kind gaat nu voor alles."),
        p(f"Is je kind of iemand anders nu in gevaar? Bel meteen {emergency}.",
          f"Is uw kind of iemand anders nu in gevaar? Bel meteen {emergency}.") + " " + child_line,
        _school_for_parent(config, voice),
    ]
    texts[SafetyCategory.CRISIS] = [
        p("Wat zwaar om dit over je kind te horen. Goed dat je hulp zoekt.",
          "Wat zwaar om dit over uw kind te horen. Goed dat u hulp zoekt."),
        p(f"Wat je nu kunt doen: blijf bij je kind en luister. Is er direct gevaar? Bel dan {emergency}.",
          f"Wat u nu kunt doen: blijf bij uw kind en luister. Is er direct gevaar? Bel dan {emergency}."),
        f"{z.name} is er ook voor ouders die zich zorgen maken om hun kind. {_call_113(z)}"
        + (f", of chat op {z.site}." if z.url else ".") + " " + child_line,
        _school_for_parent(config, voice),
    ]
    texts[SafetyCategory.ONVEILIG_THUIS] = [
        p("Goed dat je dit vertelt. Niemand mag een kind pijn doen, ook thuis niet.",
          "Goed dat u dit vertelt. Niemand mag een kind pijn doen, ook thuis niet."),
        f"{_line(h['veilig_thuis'])}. "
        + p("Daar kun je advies en hulp vragen bij geweld of mishandeling thuis, ook als je je zorgen maakt om een ander kind.",
            "Daar kunt u advies en hulp vragen bij geweld of mishandeling thuis, ook als u zich zorgen maakt om een ander kind.")
        + f" Is er nu gevaar? Bel {emergency}. " + child_line,
        f"Op school kan {vp.name}, de vertrouwenspersoon ({vp.email}), " + p("je", "u")
        + " verder helpen. Bij zorgen over geweld of mishandeling thuis volgt de school de meldcode "
        "huiselijk geweld en kindermishandeling; die is voor scholen verplicht.",
    ]
    texts[SafetyCategory.STRAFBAAR_FEIT] = [
        p("Wat je kind overkomt, is niet oké. Het is niet de schuld van je kind.",
          "Wat uw kind overkomt, is niet oké. Het is niet de schuld van uw kind."),
        p(f"Je kunt aangifte doen bij de politie: {police.phone}. Is je kind jonger dan 16, ga dan samen.",
          f"U kunt aangifte doen bij de politie: {police.phone}. Is uw kind jonger dan 16, ga dan samen.")
        + f" Gaat het om foto's of filmpjes online, of om afpersing? {hw.name} helpt, ook om beelden te laten "
        f"verwijderen: bel {hw.phone} of kijk op {hw.site}.",
        _school_for_parent(config, voice) + " " + child_line,
    ]
    return texts[category]


def _aandachtsfunctionaris(config: SchoolConfig) -> str:
    """The meldcode's expert at school, by name only when the school file names them."""
    af = config.aandachtsfunctionaris
    if af is None:
        return "de aandachtsfunctionaris van school"
    return f"{af.name}, de aandachtsfunctionaris van school ({af.email})"


def _meldcode_line(config: SchoolConfig) -> str:
    vt = config.helplines["veilig_thuis"]
    return (f"Zijn er ook zorgen over geweld of mishandeling thuis? Dan geldt de meldcode: overleg met "
            f"{_aandachtsfunctionaris(config)}. Veilig Thuis ({vt.phone}) geeft professionals ook anoniem advies.")


def _help_staff(category: SafetyCategory, config: SchoolConfig) -> List[str]:
    """Staff: 112 when acute, who to tell at school, the lines for the pupil, the meldcode."""
    h, ap = config.helplines, config.aanspreekpunt
    kt, emergency = h["kindertelefoon"], h["noodnummer"].phone
    z = h["zelfmoordpreventie"]
    police, hw = h["politie"], h["helpwanted"]
    tell = f"{ap.name}, het aanspreekpunt pesten ({ap.email})"
    texts: Dict[SafetyCategory, List[str]] = {SafetyCategory.ONVEILIG_THUIS: meldcode_steps(config)}
    texts[SafetyCategory.ACUUT_GEVAAR] = [
        f"Is er nu acuut gevaar? Bel meteen {emergency}. Breng jezelf en de leerlingen eerst in veiligheid.",
        f"Vang daarna de leerling op en leg vast wat je zag. Meld het vandaag nog bij {tell}. "
        "Volg het pestprotocol van school.",
        _meldcode_line(config),
    ]
    texts[SafetyCategory.CRISIS] = [
        f"Neem dit serieus. Laat de leerling niet alleen als er direct gevaar is, en bel dan {emergency}. "
        f"Luister, en beloof geen geheimhouding. Meld het vandaag nog bij {tell}.",
        f"{z.name} geeft ook advies aan wie zich zorgen maakt om een ander: {_call_113(z).lower()}"
        + (f", of chat op {z.site}." if z.url else ".")
        + f" De leerling kan ook zelf praten met {kt.name}: {kt.phone}.",
        _meldcode_line(config),
    ]
    texts[SafetyCategory.STRAFBAAR_FEIT] = [
        f"Bij een strafbaar feit: adviseer de ouders, of een leerling van 18 of ouder, om naar de politie te gaan "
        f"({police.phone}). Onder de 16 gaat een leerling samen met een volwassene. Is er nu gevaar? Bel {emergency}.",
        f"Gaat het om beelden online of afpersing? {hw.name} ({hw.phone}, {hw.site}) kan helpen om beelden te "
        f"laten verwijderen. Leg vast wat je weet en meld het vandaag nog bij {tell}.",
        _meldcode_line(config),
    ]
    return texts[category]


NAMES_112 = frozenset({SafetyCategory.ACUUT_GEVAAR, SafetyCategory.CRISIS, SafetyCategory.ONVEILIG_THUIS})
"""Categories whose own help already names 112, for every writer (and the meldcode steps)."""


def also_helps(category: SafetyCategory, others: List[SafetyCategory], config: SchoolConfig,
               voice: Optional[Voice] = None) -> List[str]:
    """One line for each other kind of danger in the message, none that repeats the main help."""
    return [also_help(other, config, voice) for other in others
            if other is not category and not (other is SafetyCategory.ACUUT_GEVAAR and category in NAMES_112)]


def also_help(category: SafetyCategory, config: SchoolConfig, voice: Optional[Voice] = None) -> str:
    """One line of help for a second kind of danger in the same message: the child's words for a
    pupil, words for anyone for every other writer."""
    h = config.helplines
    pupil = voice is None or voice.role == PUPIL
    if category is SafetyCategory.ACUUT_GEVAAR:
        return (f"Ben je nu in gevaar? Bel meteen {h['noodnummer'].phone}." if pupil
                else f"Is er nu gevaar? Bel meteen {h['noodnummer'].phone}.")
    if category is SafetyCategory.CRISIS:
        z = h["zelfmoordpreventie"]
        if pupil:
            return f"Denk je erover om jezelf iets aan te doen? Praat dan met {z.name}, {WHAT_113}. {_call_113(z)}."
        return f"Zijn er gedachten aan zelfdoding? {z.name} is {WHAT_113_ANYONE}. {_call_113(z)}."
    if category is SafetyCategory.ONVEILIG_THUIS:
        return f"Is het thuis niet veilig? {_line(h['veilig_thuis'])}."
    if pupil:
        return (f"Wat er gebeurd is, mag je ook melden bij de politie: {h['politie'].phone}. "
                "Ben je jonger dan 16? Ga dan samen met een volwassene die je vertrouwt.")
    return (f"Wat er gebeurd is, mag ook gemeld worden bij de politie: {h['politie'].phone}. "
            "Wie jonger is dan 16, gaat samen met een volwassene.")


# Who is writing, asked after the help when it is not known: each button gives the same danger's
# help again, now for that writer (the payload names the danger and the writer).
WRITER_CHOICES = (("Over mij", PUPIL), ("Over een vriend of klasgenoot", WITNESS),
                  ("Over mijn kind", PARENT), ("Over een leerling (ik werk op school)", STAFF))
WRITER_ENTITY = "schoolrol"


def writer_payload(category: SafetyCategory, role: str) -> str:
    return f'/{category.value}{{"{WRITER_ENTITY}":"{role}"}}'


def writer_question(category: SafetyCategory) -> Tuple[str, List[Tuple[str, str]]]:
    """After the help, when the writer is not known: about whom, with a button for each writer."""
    return ("Gaat dit over jou of over iemand anders?",
            [(title, writer_payload(category, role)) for title, role in WRITER_CHOICES])


def careful_question(config: SchoolConfig, voice: Optional[Voice] = None) -> Tuple[str, List[Tuple[str, str]]]:
    """For "ik wil/kan niet meer": ask whether the writer wants to stop the chat or is not doing well
    (or someone they worry about), and name where to talk at once. Returns (text, buttons)."""
    h = config.helplines
    z, kt = h["zelfmoordpreventie"], h["kindertelefoon"]
    voice = voice or Voice(PUPIL)
    buttons = [("Ik wil stoppen met de chat", "/stoppen"), ("Het gaat niet goed met me", "/crisis")]
    if voice.is_parent:
        p = voice.say
        text = (p("Ik wil je goed begrijpen. Wil je stoppen met deze chat? Of gaat het niet goed, met jou of met je kind?\n",
                  "Ik wil u goed begrijpen. Wilt u stoppen met deze chat? Of gaat het niet goed, met u of met uw kind?\n")
                + f"{z.name} is {WHAT_113_ANYONE}: {_call_113(z).lower()}. "
                + p(f"Je kind kan ook praten met {kt.name}: {kt.phone}.", f"Uw kind kan ook praten met {kt.name}: {kt.phone}."))
        return text, [("Ik wil stoppen met de chat", "/stoppen"), ("Het gaat niet goed", "/crisis")]
    if voice.is_staff:
        text = ("Ik wil je goed begrijpen. Wil je stoppen met deze chat? Of gaat het niet goed, met jou of met een leerling?\n"
                f"{z.name} is {WHAT_113_ANYONE}: {_call_113(z).lower()}. Een leerling kan ook praten met "
                f"{kt.name}: {kt.phone}.")
        return text, [("Ik wil stoppen met de chat", "/stoppen"), ("Het gaat niet goed", "/crisis")]
    if voice.role == WITNESS:
        text = ("Wil je stoppen met deze chat? Of gaat het niet goed, met jou of een ander?\n"
                f"Praat dan met {z.name}: {_call_113(z).lower()}. Ook als je je zorgen maakt. "
                f"Of met {kt.name}: {kt.phone}.")
        return text, [("Ik wil stoppen met de chat", "/stoppen"), ("Het gaat niet goed", "/crisis")]
    text = (
        "Ik wil je goed begrijpen. Wil je stoppen met deze chat? Of gaat het niet goed met je?\n"
        f"Praat dan meteen met {z.name}: {_call_113(z).lower()}. Of met {kt.name}: {kt.phone}."
    )
    return text, buttons


# For "Hulp nu", which any writer may press: what each line is for, in words for anyone.
_HULP_NU_FOR = {
    "noodnummer": "bij direct gevaar",
    "kindertelefoon": "om met iemand te praten",
    "zelfmoordpreventie": "voor wie niet meer wil leven, of zich zorgen maakt om een ander",
    "veilig_thuis": "als het thuis niet veilig is",
    "politie": "om aangifte te doen",
    "helpwanted": "bij foto's of filmpjes online, en bij afpersing",
}
_HULP_NU_NOTES = ("kindertelefoon", "zelfmoordpreventie", "veilig_thuis")  # the others say it in their purpose
_HULP_NU_GROUPS = (("noodnummer", "kindertelefoon"), ("zelfmoordpreventie",), ("veilig_thuis", "politie"),
                   ("helpwanted",))


def _hulp_nu_line(line: Helpline) -> str:
    how = [f"bel {_phones_of(line)}"] if line.phone else []
    if line.url:
        how.append(f"kijk op {line.site}")
    purpose = _HULP_NU_FOR.get(line.key)
    note = f" ({line.note})" if line.note and line.key in _HULP_NU_NOTES else ""
    return f"- {line.name}" + (f", {purpose}" if purpose else "") + ": " + " of ".join(how) + note


def _phones_of(line: Helpline) -> str:
    return line.phone + (f" of {line.phone_alt}" if line.phone_alt else "") if line.phone else ""


def hulp_nu_messages(config: SchoolConfig) -> List[str]:
    """Every helpline for the "Hulp nu" button, a few to a message, worded for any writer; the
    school's aanspreekpunt last."""
    h = config.helplines
    messages = []
    for keys in _HULP_NU_GROUPS:
        lines = [_hulp_nu_line(h[k]) for k in keys if k in h]
        if lines:
            messages.append("\n".join(lines))
    messages[0] = "Hier is meteen hulp:\n" + messages[0]
    ap = config.aanspreekpunt
    messages[-1] += f"\nOp school: {ap.name}, het aanspreekpunt pesten ({ap.where})."
    return messages


def hulp_nu(config: SchoolConfig) -> str:
    """All helplines as one text (the school page's "Hulp nu", shown also when the chat is away)."""
    return "\n".join(hulp_nu_messages(config))


def meldcode_steps(config: SchoolConfig) -> List[str]:
    """For staff with a worry about abuse at home: the meldcode's five steps (mandatory since 2013),
    with the school's aandachtsfunctionaris when the school file names one."""
    vt = config.helplines["veilig_thuis"]
    return [
        "Een zorg over geweld of mishandeling thuis valt onder de meldcode huiselijk geweld en kindermishandeling. "
        "Die is sinds 1 juli 2013 verplicht voor scholen.",
        "De vijf stappen:\n"
        "1. Breng de signalen in kaart.\n"
        f"2. Overleg met een collega: {_aandachtsfunctionaris(config)}, die de meldcode kent. "
        f"Vraag zo nodig advies aan Veilig Thuis ({vt.phone}); dat kan anoniem.",
        "3. Praat met de leerling en/of de ouders.\n"
        "4. Weeg het risico met het afwegingskader.\n"
        "5. Beslis: hulp organiseren en/of melden bij Veilig Thuis. Bij acute of structurele onveiligheid meld je.",
        f"Is er acuut gevaar? Bel {config.helplines['noodnummer'].phone}.",
    ]
