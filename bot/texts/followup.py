"""What the assistant says when a pupil comes back with code and secret (``status_melding``).

Warm, short, B1, *je*. Every failure gets the same :func:`denied` text, so the chat never tells
whether a code exists. Names and places come from the school configuration.
"""
from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from bot.domain.school import SchoolConfig
from bot.domain.desk import NazorgAnswer, PupilMessage
from bot.domain.calendar import LOCAL_TZ
from bot.domain.report import Status

Buttons = List[Tuple[str, str]]


def _ap(config: SchoolConfig) -> str:
    return config.aanspreekpunt.name


def _where(config: SchoolConfig) -> str:
    ap = config.aanspreekpunt
    return f"{ap.name}: {ap.where}, {ap.when}"


def start() -> str:
    return "Fijn dat je terugkomt. Met je code en je geheime woord kan ik laten zien hoe het met je melding gaat."


def ask_code() -> Tuple[str, Buttons]:
    return "Wat is je code? Die ziet er zo uit: K7QH-RM4C-XWN9.", [("Ik ben mijn code kwijt", "ik ben mijn code kwijt")]


def code_not_readable() -> str:
    return ("Ik zie daar geen code in. Een code heeft 12 letters en cijfers, zoals K7QH-RM4C-XWN9. "
            "Probeer het nog een keer.")


def code_lost(config: SchoolConfig) -> str:
    return (f"Dat geeft niet. Je mag altijd een nieuwe melding doen. Of ga zelf naar {_where(config)}. "
            "Dan weet die wel wie je bent.")


def ask_secret() -> Tuple[str, Buttons]:
    return ("En wat is je geheime woord? Je kreeg het samen met je code. "
            "Het ziet er ongeveer zo uit: wolk-tijger-47."), []


def denied(config: SchoolConfig) -> str:
    """The one answer for every failure but a limit: unknown code, wrong secret, malformed."""
    ap = config.aanspreekpunt
    return ("Met deze code en dit geheime woord kan ik nu niets laten zien. "
            "Kijk of ze goed zijn en probeer het later nog eens. "
            f"Lukt het niet? Ga dan naar {ap.name}: {ap.where}.")


def try_later(config: SchoolConfig) -> str:
    """After many tries from here or for this code: wait, without saying whether it was right."""
    return ("Er is hier vaak geprobeerd om een melding te openen. Wacht even en probeer het dan nog eens. "
            f"Of ga naar {_where(config)}.")


def status_text(config: SchoolConfig, status: Status) -> str:
    name = _ap(config)
    if status is Status.NIEUW:
        return f"Je melding is goed aangekomen. Hij ligt klaar voor {name}, het aanspreekpunt pesten."
    if status is Status.IN_BEHANDELING:
        return f"{name} is met je melding bezig."
    return (f"{name} heeft je melding afgesloten. Gaat het pesten toch door, of begint het weer? "
            "Vertel het dan opnieuw. Dat mag altijd.")


def messages_text(config: SchoolConfig, messages: Sequence[PupilMessage]) -> List[str]:
    if not messages:
        return ["Er is nog geen bericht voor je."]
    texts = []
    for message in messages:
        day = message.created_at.astimezone(LOCAL_TZ).strftime("%d-%m")
        texts.append(f"Bericht van {_ap(config)} ({day}):\n{message.text}")
    return texts


def ask_nazorg() -> Tuple[str, Buttons]:
    return ("Ik wil je ook iets vragen. Is het pesten gestopt?",
            [("Ja", "ja"), ("Nee", "nee"), ("Een beetje", "een beetje")])


def not_understood() -> str:
    """An answer to the nazorg question that names none of its choices (the question comes again)."""
    return "Ik begreep je antwoord niet helemaal."


def nazorg_thanks(config: SchoolConfig, answer: NazorgAnswer) -> str:
    if answer is NazorgAnswer.GESTOPT:
        return "Wat fijn om te horen. Dank je dat je het laat weten."
    if answer is NazorgAnswer.NIET_GESTOPT:
        return f"Wat naar dat het nog niet gestopt is. Het is niet jouw schuld. Goed dat je het zegt: {_ap(config)} hoort het."
    return f"Dank je dat je het laat weten. {_ap(config)} hoort het."


def ask_addition(config: SchoolConfig) -> Tuple[str, Buttons]:
    return (f"Wil je nog iets vertellen aan {_ap(config)}? Typ het hier. Wil je niets toevoegen? Kies dan 'Nee, niets'.",
            [("Nee, niets", "nee, niets")])


def addition_saved(config: SchoolConfig) -> str:
    return f"Dank je. Ik heb het bij je melding gezet. {_ap(config)} leest het."


def addition_failed(config: SchoolConfig) -> str:
    return f"Sorry, dat is niet gelukt. Probeer het later nog eens, of ga naar {_where(config)}."


def goodbye() -> str:
    return "Oké. Je kunt altijd terugkomen met je code en je geheime woord. Gaat het niet goed? Klik dan op 'Hulp nu'."


def stopped() -> str:
    return "Oké, we stoppen. Je kunt altijd terugkomen met je code en je geheime woord. Gaat het niet goed? Klik dan op 'Hulp nu'."


def failed(config: SchoolConfig) -> str:
    return f"Sorry, er ging iets mis. Probeer het later nog eens, of ga naar {_where(config)}."


# ---------------------------------------------------------------- reading answers

_NO = re.compile(r"^(nee|neen|nope|nah|nee hoor|nee dank je|nee bedankt|niets|niks|nee,? niets|nee,? niks|"
                 r"hoeft niet|is goed zo|nee,? dat was het|dat was het|geen)[.! ]*$")
_LOST = re.compile(r"\b(kwijt|vergeten|weet (ik )?(mijn |mn |m'n )?(code )?niet( meer)?|geen code|heb (hem|het) niet)\b")


def declines(text: Optional[str]) -> bool:
    """'nee', 'niets', 'nee, niets' ...: no addition."""
    return bool(text) and bool(_NO.match(text.strip().lower()))


def lost_code(text: Optional[str]) -> bool:
    return bool(text) and bool(_LOST.search(text.lower()))


_CHOICES = {"ja", "nee", "een beetje", "beetje", "ja het is gestopt", "nee het is niet gestopt", "nee nog niet",
            "ja hoor", "nee hoor", "jep", "nope", "soms nog", "een klein beetje"}


def is_nazorg_choice(text: Optional[str]) -> bool:
    """Only a short nazorg answer (a button or its words), nothing else."""
    return bool(text) and " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split()) in _CHOICES


def parse_nazorg(text: Optional[str]) -> Optional[NazorgAnswer]:
    """'ja' / 'nee' / 'een beetje' as a pupil types it."""
    if not text:
        return None
    t = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    if re.search(r"\b(beetje|beetje wel|soms nog|minder|half|deels|gaat wel|een klein beetje)\b", t):
        return NazorgAnswer.EEN_BEETJE
    if re.search(r"\b(niet gestopt|nog steeds|nog niet|gaat door|gaat nog door|erger|nee|neen|nope|niet)\b", t):
        return NazorgAnswer.NIET_GESTOPT
    if re.search(r"\b(ja|jaa+|jep|yes|ja hoor|gestopt|is gestopt|het is over|over|klaar|opgehouden)\b", t):
        return NazorgAnswer.GESTOPT
    return None
