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


def safety_help(category: SafetyCategory, config: SchoolConfig) -> List[str]:
    """Messages to send at once, in order: care, the right help, then what happens next."""
    h = config.helplines
    if category is SafetyCategory.ACUUT_GEVAAR:
        return [
            "Wat je vertelt, klinkt gevaarlijk. Jouw veiligheid gaat nu voor alles.",
            f"Ben je nu in gevaar? Bel dan meteen {h['noodnummer'].phone}. "
            "Ga naar een volwassene in de buurt, zoals een juf, meester of conciërge, en zeg dat je hulp nodig hebt.",
            f"Wil je met iemand praten? {_line(h['kindertelefoon'])}.",
        ]
    if category is SafetyCategory.CRISIS:
        z = h["zelfmoordpreventie"]
        return [
            "Goed dat je dit vertelt. Het klinkt alsof het heel zwaar is. Je staat er niet alleen voor, en het is niet jouw schuld.",
            f"Praat er vandaag over met iemand. Bel {z.phone} of {z.phone_alt} (gratis, dag en nacht), "
            f"of chat op {z.site}. {_line(h['kindertelefoon'])}.",
            "Vertel het vandaag ook aan een volwassene die je vertrouwt, thuis of op school. "
            f"Ben je nu in gevaar? Bel {h['noodnummer'].phone}.",
        ]
    if category is SafetyCategory.ONVEILIG_THUIS:
        return [
            "Wat goed dat je dit vertelt. Niemand mag jou pijn doen, ook thuis niet. Het is niet jouw schuld.",
            f"{_line(h['veilig_thuis'])}. Ze helpen kinderen en ouders als het thuis niet veilig is. "
            f"Je kunt ook praten met {_line(h['kindertelefoon'])}.",
            f"Ben je nu in gevaar? Bel {h['noodnummer'].phone}. "
            f"Op school kun je ook naar {config.vertrouwenspersoon.name} gaan, de vertrouwenspersoon.",
        ]
    police, helpwanted = h["politie"], h["helpwanted"]
    return [
        "Wat er gebeurt, is niet oké, en het is niet jouw schuld. Goed dat je het vertelt.",
        f"Dit mag je melden bij de politie: {police.phone}. Ben je jonger dan 16? "
        "Ga dan samen met een ouder of een volwassene die je vertrouwt.",
        f"Gaat het om foto's of filmpjes van jou online, of word je afgeperst? {_line(helpwanted)}. "
        "Stuur niets en betaal niets. Bewaar de berichten wel.",
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
        return (f"Denk je erover om jezelf iets aan te doen? Bel {z.phone} of {z.phone_alt} "
                "(gratis, dag en nacht).")
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
        f"Gaat het niet goed? Je kunt meteen praten met 113: bel {z.phone} of {z.phone_alt} (gratis, dag en nacht). "
        f"{kt.name} kun je ook bellen: {kt.phone}."
    )
    return text, [("Ik wil stoppen met de chat", "/stoppen"), ("Het gaat niet goed met me", "/crisis")]


def hulp_nu(config: SchoolConfig) -> str:
    """All helplines, for the "Hulp nu" button."""
    h = config.helplines
    keys = ["kindertelefoon", "zelfmoordpreventie", "noodnummer", "veilig_thuis", "politie", "helpwanted"]
    lines = [f"- {_line(h[k])}" for k in keys if k in h]
    return (
        "Hier kun je meteen terecht:\n" + "\n".join(lines)
        + f"\nOp school: {config.aanspreekpunt.name}, {config.aanspreekpunt.role} ({config.aanspreekpunt.where})."
    )


def meldcode_steps(config: SchoolConfig) -> List[str]:
    """For staff with a worry about abuse at home: the meldcode's five steps (mandatory since 2013)."""
    vt = config.helplines["veilig_thuis"]
    return [
        "Een zorg over geweld of mishandeling thuis valt onder de meldcode huiselijk geweld en kindermishandeling. "
        "Die is voor scholen verplicht.",
        "De vijf stappen: 1. breng de signalen in kaart en leg ze vast. 2. overleg met een collega (de aandachtsfunctionaris) "
        f"en vraag advies aan Veilig Thuis ({vt.phone}). 3. praat met de leerling en de ouders, als dat veilig is. "
        "4. weeg het geweld of de mishandeling. 5. beslis: zelf hulp organiseren en/of melden bij Veilig Thuis.",
        f"Is er acuut gevaar? Bel {config.helplines['noodnummer'].phone}. "
        f"Betrek ook {config.vertrouwenspersoon.name} ({config.vertrouwenspersoon.role}).",
    ]
