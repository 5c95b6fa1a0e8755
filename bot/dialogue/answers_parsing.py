"""Reading the pupil's free-text answers inside the report form.

Plain functions: each takes the message text (and sometimes the NLU intent) and returns a
canonical value or None when the answer is not understood (the form then asks again).
"""
from __future__ import annotations

import re
from typing import List, Optional

from bot.dialogue import writer
from bot.domain.report import Confidentiality, ReporterRole

_WORD = re.compile(r"[a-zà-ÿ0-9']+")

MAX_TEXT = 2000  # characters kept of one free-text answer


def words(text: str) -> List[str]:
    return _WORD.findall(text.lower())


def clean_text(text: Optional[str]) -> Optional[str]:
    """Plain text as typed, trimmed and capped; None when nothing meaningful is left."""
    if text is None:
        return None
    text = " ".join(text.split())
    if not text or text.startswith("/"):
        return None
    return text[:MAX_TEXT]


_PARENT = re.compile(
    r"\b(mijn|ons|onze)\s+(zoon|dochter|kind|kinderen|zoontje|dochtertje|stiefzoon|stiefdochter|pleegkind)\b"
    r"|\b(ik ben|als)\s+(de\s+)?(ouder|moeder|vader|verzorger|mama|papa)\b|(?<!mijn )\bouder\b|\bverzorger\b"
)
_STAFF = re.compile(
    r"\b(ik ben|als)\s+(de\s+|een\s+)?(leerkracht|leraar|lerares|docent|docente|mentor|juf|meester|"
    r"conci[eë]rge|overblijfkracht|medewerker|gymdocent|onderwijsassistent|ib'?er|surveillant)\b"
    r"|\bmedewerker\b|\bik werk (op|bij) (school|de school)\b|\bmijn (leerling|leerlingen)\b|\bcollega\b"
)
_WITNESS = re.compile(
    r"\b(ik zie|ik zag|ik heb gezien|zag ik|ik merk)\b|\bgetuige\b|\biemand anders\b"
    r"|\b(mijn|een)\s+(vriend|vriendin|klasgenoot|klasgenote|broer|zus|jongen|meisje|kind)\b.*\b(wordt|werd)\b"
    r"|\b(hij|zij|ze)\s+(wordt|werd)\s+(gepest|uitgescholden|geslagen)"
)


def role_from_story(text: str) -> Optional[ReporterRole]:
    """Who is telling, when the message makes it clear (``bot.dialogue.writer``); None when it does not."""
    role = writer.role_of(text)
    return ReporterRole(role) if role else None


def _role_in_answer(lowered: str) -> Optional[ReporterRole]:
    """Who the writer is, in an answer to "wie ben jij?": the role buttons' words and looser cues."""
    if _PARENT.search(lowered):
        return ReporterRole.OUDER
    if _STAFF.search(lowered):
        return ReporterRole.MEDEWERKER
    if _WITNESS.search(lowered):
        return ReporterRole.GETUIGE
    return None


_ROLE_STATEMENT = re.compile(
    r"^(ik (word|wordt) (zelf |zelf ook |ook )?gepest|ik zie het( bij iemand anders| bij een ander)?"
    r"|ik ben (zelf )?(de |een )?(ouder|verzorger|moeder|vader|leerling|leraar|lerares|docent|mentor|juf|meester"
    r"|medewerker|conci[eë]rge|getuige)( of verzorger)?( van \w+)?|ik werk (op|bij) (de )?school( als \w+)?)"
    r"[\s,.!]*"
)


def story_beyond_role(text: str) -> bool:
    """Does an answer to "wie ben jij?" also tell what happens ("ik word gepest, ze schelden me uit
    in de gang")? The role buttons ("ik zie het bij iemand anders") alone do not."""
    rest = _ROLE_STATEMENT.sub("", text.strip().lower(), count=1)
    return len(words(rest)) >= 4


def parse_role(text: str) -> Optional[ReporterRole]:
    """The answer to "who are you?" (button texts or own words)."""
    lowered = text.lower().strip()
    for role in ReporterRole:
        if lowered == role.value:
            return role
    found = role_from_story(lowered)
    if found:
        return found
    if writer.recognise(lowered).denied:  # "ik ben geen leerling": not understood yet, ask again
        return None
    found = _role_in_answer(lowered)
    if found:
        return found
    if re.search(r"\b(leerling|ik zelf|mezelf|mij|ikzelf|ik word|ik)\b", lowered):
        return ReporterRole.LEERLING
    return None


_CONF = [
    (Confidentiality.ANONIEM, re.compile(r"\banon[iy]e?m|\bzonder (mijn )?naam|\bgeen naam|\bniemand mag weten")),
    (Confidentiality.VERTROUWELIJK, re.compile(r"\bvertrouwel|\balleen (de |het )?aanspreekpunt|\bgeheim|\bprive|\bpriv[eé]")),
    (Confidentiality.MAG_GEDEELD, re.compile(r"\bmag gedeeld|\bdelen\b|\bgedeeld\b|\bmag (het )?(doorvertellen|vertellen|weten)|\bmentor\b|\bouders\b")),
]


def parse_confidentiality(text: str) -> Optional[Confidentiality]:
    lowered = text.lower()
    for value in Confidentiality:
        if lowered.strip() == value.value:
            return value
    for value, pattern in _CONF:
        if pattern.search(lowered):
            return value
    return None


_QUESTION_START = re.compile(
    r"^(wat|wie|hoe|waarom|wanneer|waar|welke|is|zijn|kan|kun|kunnen|mag|mogen|weet|weten|wordt|worden|"
    r"krijgt|krijgen|horen|hoort|zien|ziet|vertel|vertellen|betekent|blijft|gaat|moet|ben|bent|heb|hebt|"
    r"praat|spreek|lees|leest)\b(?! gedeeld)"
)


def looks_like_question(text: str) -> bool:
    """A question mark, or a sentence that starts the way Dutch questions start ("ben jij een mens")."""
    lowered = text.strip().lower()
    return "?" in lowered or bool(_QUESTION_START.match(lowered))


def bare_confidentiality_choice(text: str) -> Optional[Confidentiality]:
    """A short answer that only names a choice ("vertrouwelijk graag", "doe maar anoniem"), or None.

    Used when the classifier took such an answer for a question about confidentiality: a real
    question ("is het echt anoniem?", "wie ziet mijn naam") is never read as a choice.
    """
    lowered = text.strip().lower()
    if not lowered or len(lowered.split()) > 5 or looks_like_question(lowered):
        return None
    return parse_confidentiality(lowered)


def parse_share_with(text: str) -> Optional[List[str]]:
    """With whom the aanspreekpunt may share: mentor and/or ouders; [] for nobody yet."""
    lowered = text.lower()
    if re.search(r"\b(allebei|beide|beiden|allemaal)\b", lowered):
        return ["mentor", "ouders"]
    found = []
    if re.search(r"\bmentor|\bjuf\b|\bmeester\b|\bleraar|\bdocent", lowered):
        found.append("mentor")
    if re.search(r"\bouder|\bmoeder|\bvader|\bmama|\bpapa|\bthuis", lowered):
        found.append("ouders")
    if found:
        return found
    if re.search(r"\b(niemand|nog niet|niet)\b", lowered):
        return []
    return None


YES = {"ja", "jaa", "jaaa", "jep", "jup", "yes", "ok", "oke", "oké", "okee", "klopt", "goed", "prima",
       "zeker", "yep", "ja hoor", "graag", "verstuur", "versturen", "is goed", "top", "ja graag", "yes please"}
NO = {"nee", "neej", "nope", "nah", "no", "niet", "liever niet", "nee hoor", "nee dank je", "neen"}


def is_yes(text: str, intent: Optional[str] = None) -> bool:
    lowered = " ".join(words(text))
    return intent == "bevestigen" or lowered in YES or lowered.startswith(("ja ", "klopt", "verstuur"))


def is_no(text: str, intent: Optional[str] = None) -> bool:
    lowered = " ".join(words(text))
    return intent == "ontkennen" or lowered in NO or lowered.startswith("nee")


_SITUATION = re.compile(r"^(als|wanneer|zodra|terwijl|tijdens|onderweg|op weg|elke keer|iedere keer)\b")


def tells_a_situation(text: str) -> bool:
    """An answer to "wanneer?" in the pupil's own words: a situation, not a choice ("als we met de
    bus gaan", "tijdens het fietsen naar huis"). It may name a place too; it still answers when."""
    return bool(_SITUATION.match(text.strip().lower()))


DECLINE = re.compile(r"\b(zeg ik liever niet|liever niet|wil ik niet zeggen|weet ik niet|geen idee|weet niet|idk|niemand|nee|niks|niets)\b")


def declined(text: str) -> bool:
    """The pupil prefers not to say, or does not know (a valid answer to optional questions)."""
    return bool(DECLINE.search(text.lower()))


# Adults at school a pupil names: an answer naming one means "yes, an adult at school".
_ADULT_AT_SCHOOL = re.compile(
    r"\b(juf|juffrouw|meester|meneer|mevrouw|leraar|lerares|leerkracht|docent|docente|mentor|coach|"
    r"trainer|conci[eë]rge|directeur|directrice|conrector|rector|teamleider|onderwijsassistent|"
    r"begeleider|overblijf\w*|gym(leraar|docent|juf|meester)|[a-z]*(leraar|docent))\b")


def names_adult_at_school(text: str) -> bool:
    """Does the answer name an adult at school ("de gymleraar", "meester Piet")?"""
    return bool(_ADULT_AT_SCHOOL.search(" ".join(words(text))))
