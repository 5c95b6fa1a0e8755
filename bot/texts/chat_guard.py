"""What the chat says when it cannot read or take a message now (``bot.domain.chat_limits``).

Short and kind: nothing the pupil did is wrong, and what they typed is not lost (the widget
keeps it in the input box). Where waiting could matter, the emergency number comes along,
taken from the school configuration.
"""
from __future__ import annotations

from typing import List, Optional

from bot.domain.school import SchoolConfig
from bot.domain.chat_limits import Verdict

TOO_LONG = "Je bericht is te lang om in één keer te lezen. Wil je het in stukjes sturen?"
TOO_LONG_AFTER_HELP = "Je bericht was te lang om alles te lezen. Wil je de rest in stukjes sturen?"
UNREADABLE = "Dat bericht kon ik niet lezen. Wil je het nog een keer typen?"

NOT_ANSWERED = ("Sorry, er ging bij ons iets mis. Wat je schreef is bewaard. "
                "Stuur je laatste bericht over een paar tellen nog een keer.")

UNKNOWN_SCHOOL = ("Deze chat weet niet bij welke school hij hoort, dus ik kan je bericht niet doorgeven. "
                  "Open de chat via de website van je eigen school.")

_REFUSED = {
    Verdict.CONVERSATION_TOO_FAST: "Je stuurt veel berichten vlak na elkaar. Wacht een paar tellen en stuur je bericht dan nog een keer.",
    Verdict.CLIENT_TOO_FAST: "Het is nu heel druk. Wacht even en stuur je bericht dan nog een keer.",
    Verdict.TOO_MANY_NEW_CONVERSATIONS: "Het is nu heel druk. Wacht even en stuur je bericht dan nog een keer.",
    Verdict.FULL: "Het is nu heel druk. Probeer het over een paar minuten nog een keer.",
    Verdict.CONVERSATION_TOO_LONG: "Dit gesprek is heel lang geworden. Sluit dit tabblad en open de chat opnieuw als je nog iets wilt vertellen.",
}


def refused(verdict: Verdict, config: Optional[SchoolConfig]) -> List[str]:
    """Why a message was not taken now, and where help is meanwhile."""
    return [_REFUSED[verdict]] + emergency_line(config)


def not_answered(config: Optional[SchoolConfig]) -> List[str]:
    """A message was taken but no answer came (a server behind the chat stopped): say to send it again."""
    return [NOT_ANSWERED] + emergency_line(config)


def emergency_line(config: Optional[SchoolConfig]) -> List[str]:
    """The emergency number, when the school file has one."""
    if config is not None and "noodnummer" in config.helplines:
        return [f"Ben je in gevaar? Bel dan meteen {config.helplines['noodnummer'].phone}."]
    return []


def unknown_school(config: Optional[SchoolConfig]) -> List[str]:
    """The chat names no school this instance serves: nothing is taken; where help is meanwhile."""
    lines = [UNKNOWN_SCHOOL] + emergency_line(config)
    if config is not None and "kindertelefoon" in config.helplines:
        line = config.helplines["kindertelefoon"]
        lines.append(f"Wil je met iemand praten? Bel {line.name} op {line.phone} ({line.note}).")
    return lines
