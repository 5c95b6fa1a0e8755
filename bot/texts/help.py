"""Help-first texts for unsafe situations and the "Hulp nu" list.

Every number comes from the school configuration's dated helplines, never from here.
"""
from __future__ import annotations

from typing import List, Tuple

from bot.domain.school import Helpline, SchoolConfig
from bot.domain.report import SafetyCategory


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


def _call_113(z: Helpline) -> str:
    return f"Bel {z.phone}" + (f" of {z.phone_alt}" if z.phone_alt else "") + ", gratis, dag en nacht"


def safety_help(category: SafetyCategory, config: SchoolConfig) -> List[str]:
    """Messages to send at once, in order: care, the right help, then what happens next."""
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


NAMES_112 = frozenset({SafetyCategory.ACUUT_GEVAAR, SafetyCategory.CRISIS, SafetyCategory.ONVEILIG_THUIS})
"""Categories whose own help already says "Ben je nu in gevaar? Bel 112" (and the meldcode steps)."""


def also_helps(category: SafetyCategory, others: List[SafetyCategory], config: SchoolConfig) -> List[str]:
    """One line for each other kind of danger in the message, none that repeats the main help."""
    return [also_help(other, config) for other in others
            if other is not category and not (other is SafetyCategory.ACUUT_GEVAAR and category in NAMES_112)]


def also_help(category: SafetyCategory, config: SchoolConfig) -> str:
    """One line of help for a second kind of danger in the same message."""
    h = config.helplines
    if category is SafetyCategory.ACUUT_GEVAAR:
        return f"Ben je nu in gevaar? Bel meteen {h['noodnummer'].phone}."
    if category is SafetyCategory.CRISIS:
        z = h["zelfmoordpreventie"]
        return f"Denk je erover om jezelf iets aan te doen? Praat dan met {z.name}, {WHAT_113}. {_call_113(z)}."
    if category is SafetyCategory.ONVEILIG_THUIS:
        return f"Is het thuis niet veilig? {_line(h['veilig_thuis'])}."
    return (f"Wat er gebeurd is, mag je ook melden bij de politie: {h['politie'].phone}. "
            "Ben je jonger dan 16? Ga dan samen met een volwassene die je vertrouwt.")


def careful_question(config: SchoolConfig) -> Tuple[str, List[Tuple[str, str]]]:
    """For "ik wil/kan niet meer": ask whether the pupil wants to stop the chat or is not doing well,
    and name where to talk at once, in case it is the second. Returns (text, buttons)."""
    h = config.helplines
    z, kt = h["zelfmoordpreventie"], h["kindertelefoon"]
    text = (
        "Ik wil je goed begrijpen. Wil je stoppen met deze chat? Of gaat het niet goed met je?\n"
        f"Praat dan meteen met {z.name}: {_call_113(z).lower()}. Of met {kt.name}: {kt.phone}."
    )
    return text, [("Ik wil stoppen met de chat", "/stoppen"), ("Het gaat niet goed met me", "/crisis")]


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
    """For staff with a worry about abuse at home: the meldcode's five steps (mandatory since 2013)."""
    vt = config.helplines["veilig_thuis"]
    return [
        "Een zorg over geweld of mishandeling thuis valt onder de meldcode huiselijk geweld en kindermishandeling. "
        "Die is sinds 1 juli 2013 verplicht voor scholen.",
        "De vijf stappen:\n"
        "1. Breng de signalen in kaart.\n"
        "2. Overleg met een collega: de aandachtsfunctionaris van school (die kent de meldcode). "
        f"Vraag zo nodig advies aan Veilig Thuis ({vt.phone}); dat kan anoniem.\n"
        "3. Praat met de leerling en/of de ouders.\n"
        "4. Weeg het risico met het afwegingskader.\n"
        "5. Beslis: hulp organiseren en/of melden bij Veilig Thuis. Bij acute of structurele onveiligheid meld je.",
        f"Is er acuut gevaar? Bel {config.helplines['noodnummer'].phone}.",
    ]
