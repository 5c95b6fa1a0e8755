"""Who is writing: a pupil about themselves, a pupil about someone else, a parent or carer, or a
staff member, as far as a message says so.

Only clear cues decide; when the cues are missing or point two ways the answer is ``None`` and
the writer is asked (a wrong guess is worse than a question). A writer who says who they are
("ik ben conciërge", "ik ben geen leerling") corrects what was known.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import FrozenSet, Optional

from bot.domain.report import ReporterRole

PUPIL, WITNESS, PARENT, STAFF = (role.value for role in (
    ReporterRole.LEERLING, ReporterRole.GETUIGE, ReporterRole.OUDER, ReporterRole.MEDEWERKER))
WRITERS = (PUPIL, WITNESS, PARENT, STAFF)
UNCHANGED = object()
"""``updated_role``'s answer when the message changes nothing about the writer."""

_STAFF_WORDS = (
    r"leerkracht|leraar|lerares|docent|docente|mentor|conci[eë]rge|overblijfkracht|overblijfmoeder|"
    r"overblijfouder|tso[- ]?medewerker|medewerker|gymdocent|gymleraar|gymjuf|gymmeester|vakdocent|"
    r"onderwijsassistent|klassenassistent|ib'?er|intern begeleider|zorgco[oö]rdinator|teamleider|"
    r"directeur|directrice|adjunct[- ]directeur|schoolleider|locatieleider|conrector|rector|afdelingsleider|"
    r"stagiair|stagiaire|invaller|invalkracht|surveillant|pleinwacht|aandachtsfunctionaris|"
    r"vertrouwenspersoon|remedial teacher|orthopedagoog|schoolmaatschappelijk werker|"
    r"bibliothecaris|administratief medewerker|juf|meester|leidster|pedagogisch medewerker"
)
_PARENT_WORDS = r"ouder|moeder|vader|verzorger|mama|papa|mam|pap|pleegouder|pleegmoeder|pleegvader|stiefmoeder|stiefvader|oma|opa|voogd"
_PUPIL_WORDS = r"leerling|scholier|kind|meisje|jongen|brugklasser|puber|tiener"

_NOT = r"(?:geen|niet\s+(?:de|een|het)?)\s*"
_I_AM = (r"(?:\b(?:ik\s+ben|ben\s+ik|ik\s+werk\s+als|ik\s+werk\s+hier\s+als)\s+(?:zelf\s+)?(?:de\s+|een\s+|het\s+)?"
         r"|(?:^|[,.!?]\s*|\bik\s+)als\s+)")

_SAYS_STAFF = re.compile(_I_AM + rf"(?:{_STAFF_WORDS})\b")
_SAYS_PARENT = re.compile(r"(?:\bik\s+ben\s+(?:zijn|haar|hun)\s+|" + _I_AM + ")" + rf"(?:{_PARENT_WORDS})(?:s)?\b(?!\s+(?:leerling|kind|dan)\b)")
_SAYS_PUPIL = re.compile(
    r"\bik\s+ben\s+(?:zelf\s+)?(?:een\s+|de\s+)?(?:leerling|scholier|brugklasser)\b"
    r"|\bik\s+zit\s+(?:in|op)\s+(?:groep|klas|de\s+brugklas|het\s+vmbo|de\s+havo|het\s+vwo|de\s+\w+e\b|\d)"
    r"|\bik\s+ben\s+(?:[89]|1[0-8]|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien)"
    r"(?:\s+jaar)?\b(?!\s+(?:jaar\s+)?(?:leerkracht|docent|leraar|juf|meester|mentor|conci))"
)
_DENIES_PUPIL = re.compile(r"\bik\s+ben\s+" + _NOT + r"(?:leerling|kind|scholier)\b|\bik\s+ben\s+(?:een\s+)?volwassene?\b")
_DENIES_PARENT = re.compile(r"\bik\s+ben\s+" + _NOT + rf"(?:{_PARENT_WORDS})\b")
_DENIES_STAFF = re.compile(r"\bik\s+ben\s+" + _NOT + rf"(?:{_STAFF_WORDS})\b|\bik\s+werk\s+niet\s+(?:op|bij)\b")
_NOT_ABOUT_ME = re.compile(
    r"\b(?:het\s+)?gaat\s+(?:niet\s+over\s+(?:mij|mezelf)|over\s+iemand\s+anders|over\s+een\s+ander)\b"
    r"|\bniet\s+over\s+mezelf\b")

_CHILD_OF_MINE = re.compile(
    r"\b(?:mijn|m'n|mn|ons|onze)\s+(?:zoon|dochter|kind|kinderen|zoontje|dochtertje|kindje|stiefzoon|"
    r"stiefdochter|pleegkind|pleegzoon|pleegdochter|kleinzoon|kleindochter|kleinkind|puber|tiener|"
    r"jongste|oudste|middelste)\b"
    r"|\b(?:onze|ons)\s+(?:jongen|meid)\b")
_PUPILS_OF_MINE = re.compile(
    r"\b(?:mijn|m'n|onze)\s+(?:leerling|leerlingen|mentorleerling|mentorleerlingen|mentorklas|mentorgroep|"
    r"lesgroep|collega|collega's|gymles|les|lessen|pleindienst|pauzedienst|surveillance)\b"
    r"|\b(?:een|twee|drie|de)\s+leerling(?:en)?\s+(?:van\s+mij|uit\s+mijn|in\s+mijn|van\s+ons|bij\s+ons)\b"
    r"|\bik\s+geef\s+(?:les|gym|\w+les)\b|\btijdens\s+(?:mijn|de)\s+(?:les|pleindienst|pauzedienst|surveillance)\b"
    r"|\bik\s+(?:had|heb)\s+(?:plein|pauze)?(?:dienst|surveillance|toezicht)\b|\bals\s+collega\b"
    r"|\bik\s+werk\s+(?:op|bij|in)\s+(?:deze|de|een|onze|jullie)?\s*(?:school|gymzaal|kantine)\b"
    r"|\b(?:op|in)\s+mijn\s+werk\b|\bde\s+ouders\s+van\s+(?:een|de|die|deze)\s+leerling\b")

_FRIEND = (r"vriend|vriendin|vriendinnetje|vriendje|beste\s+vriend|beste\s+vriendin|klasgenoot|klasgenote|"
           r"klasgenoten|teamgenoot|teamgenote|broer|broertje|zus|zusje|buurjongen|buurmeisje|neefje|nichtje")
_OTHER_PUPIL = re.compile(
    rf"\b(?:mijn|m'n|mn|een|onze)\s+(?:{_FRIEND})\b"
    r"|\b(?:iemand|een\s+jongen|een\s+meisje|een\s+kind|een\s+leerling|een\s+klasgenoot|een\s+klasgenote|"
    r"die\s+jongen|dat\s+meisje|een\s+nieuwe\s+jongen|een\s+nieuw\s+meisje)\s+(?:uit|in|bij|van)\s+"
    r"(?:mijn|m'n|onze|ons|de)\s+(?:klas|groep|team|jaar|brugklas)\b"
    r"|\bbij\s+ons\s+in\s+de\s+(?:klas|groep)\b.*\b(?:iemand|jongen|meisje|kind)\b"
)
_OTHER_HARMED = re.compile(
    r"\b(?:hij|zij|ze|iemand|die|hem|haar)\b.*\b(?:wordt|werd|worden|is|zijn)\s+(?:\w+\s+){0,3}"
    r"(?:gepest|uitgescholden|geslagen|geschopt|geduwd|bedreigd|buitengesloten|uitgelachen|afgeperst|gefilmd)"
    r"|\b(?:pesten|pest|slaan|slaat|schoppen|duwen|bedreigen|bedreigt|plagen|sloegen|pestten)\s+(?:hem|haar)\b"
    r"|\b(?:hem|haar)\s+(?:pesten|slaan|schoppen|uitschelden|bedreigen|buitensluiten|uitlachen)\b"
    r"|\b(?:zichzelf|ze\s+zichzelf|hij\s+zichzelf)\b|\bwil\s+(?:ze|hij)\s+(?:dood|niet\s+meer)\b"
    r"|\b(?:zij|ze|hij)\s+(?:wil|zegt\s+dat\s+(?:ze|hij))\b.*\b(?:dood|niet\s+meer\s+leven|zelfmoord)\b"
    r"|\bzorgen\s+(?:om|over)\s+(?:mijn|m'n|een|die|iemand)\b|\bvoor\s+(?:een\s+)?(?:vriend|vriendin)\b"
)
_SELF_HARMED = re.compile(
    r"\b(?:ik\s+(?:word|wordt|werd)|word\s+ik|werd\s+ik|wordt\s+ik)\b"
    r"|\b(?:pesten|pest|pestten|pesen|schelden|scholden|slaan|slaat|sloeg|sloegen|schoppen|schopt|duwen|duwt|"
    r"bedreigen|bedreigt|negeren|negeert|uitlachen|lachen|filmen|volgen|achtervolgen|chanteren|afpersen|"
    r"sturen|noemen|noemt|trekken|spugen|haten|intimideren|buitensluiten|uitschelden|treiteren|jennen|"
    r"zitten|zit|dwingen|dwingt)\s+(?:me|mij)\b"
    r"|\b(?:me|mij)\s+(?:uit|buiten|steeds|elke|iedere|altijd|de\s+hele)\b"
    r"|\b(?:tegen|met|naar|om|over|achter)\s+mij\b(?!\s+en\b)|\bmezelf\b|\bmijzelf\b"
    r"|\bik\s+(?:wil|ga)\s+(?:\w+\s+){0,2}(?:dood|niet\s+meer\s+leven|er\s+een\s+eind\s+aan|zelfmoord)"
    r"|\bzonder\s+mij\b"
    r"|\bik\s+(?:snij|snijd|kras|beschadig)\b|\bniemand\s+(?:wil|speelt)\s+met\s+me\b"
    r"|\bik\s+(?:durf|wil)\s+niet\s+(?:meer\s+)?(?:naar\s+(?:school|huis)|thuis)\b|\bik\s+heb\s+geen\s+vrienden\b"
    r"|\b(?:mijn|m'n|mn)\s+(?:vader|moeder|stiefvader|stiefmoeder|ouders|papa|mama)\s+(?:slaat|slaan|schopt|"
    r"doet|doen|drinkt|scheldt|dreigt|sluit)\b|\bthuis\s+(?:slaan|slaat)\s+(?:ze|hij|zij)\s+(?:me|mij)\b"
)
_SELF_WEAK = re.compile(
    r"\b(?:me|mij)\b(?!\s+(?:zorgen|af|afvragen))|\b(?:mijn|m'n|mn)\s+(?:telefoon|mobiel|spullen|tas|jas|fiets|"
    r"schoenen|haar|gezicht|lichaam|arm|armen|foto|foto's|account|insta|snap|kluisje|pauze)\b")
_TELLING = re.compile(r"\b(?:vertelde|vertelt|zei|zegt|appte|appt|stuurde|liet)\s+(?:me|mij)\b")
_CHILDS_WORDS = re.compile(
    r"\b(?:de|mijn|onze)\s+(?:juf|meester|mentor|gymleraar|gymjuf|gymmeester)\b|\bmijn\s+(?:ouders|mama|papa|moeder|vader)\b"
    r"|\bin\s+de\s+(?:pauze|klas)\b.*\b(?:ik|me|mij)\b")
_CLASS_OF_MINE = re.compile(r"\b(?:mijn|m'n)\s+(?:klas|groep|klassen|groepen)\b")
_TEACHING = re.compile(r"\b(?:aanpak\w*|pak\s+ik|aan\s+te\s+pakken|ingrijpen|grijp\s+ik|sancti\w*|registre\w*|"
                       r"protocol|in\s+gesprek|groepsgesprek|klassengesprek|lesgeven|ouders\s+betrekken)\b")
_ADULT_TALK = re.compile(r"\b(?:leerling|leerlingen)\b|\bde\s+ouders\s+van\b")


@dataclass(frozen=True)
class Recognition:
    """What a message says about its writer: the writer when clear (``role``), whether the writer
    said so in words ("ik ben …": ``stated``), and the roles the writer said they are not."""

    role: Optional[str]
    stated: bool = False
    denied: FrozenSet[str] = frozenset()


_BUT = re.compile(rf"[\s,]+maar\s+(?=(?:de\s+|een\s+)?(?:{_STAFF_WORDS}|{_PARENT_WORDS}|leerling)\b)")


def _strip_denials(text: str) -> str:
    for pattern in (_DENIES_PUPIL, _DENIES_PARENT, _DENIES_STAFF):
        text = pattern.sub(" ", text)
    return text


def recognise(text: Optional[str]) -> Recognition:
    """The writer of ``text`` as far as it says; ``role`` None when it does not say clearly."""
    lowered = " ".join((text or "").lower().replace("’", "'").split())
    denied = set()
    if _DENIES_PUPIL.search(lowered):
        denied |= {PUPIL, WITNESS}
    if _DENIES_PARENT.search(lowered):
        denied.add(PARENT)
    if _DENIES_STAFF.search(lowered):
        denied.add(STAFF)
    if _NOT_ABOUT_ME.search(lowered):
        denied.add(PUPIL)
    said = _strip_denials(lowered)
    if denied:  # "ik ben geen leerling maar leerkracht"
        said = _BUT.sub(" ik ben ", said)
    stated = {role for role, pattern in ((STAFF, _SAYS_STAFF), (PARENT, _SAYS_PARENT), (PUPIL, _SAYS_PUPIL))
              if pattern.search(said)}
    if len(stated) == 1:
        role = stated.pop()
        if role == PUPIL and _about_another(said):
            role = WITNESS
        return Recognition(role, True, frozenset(denied))
    if stated:  # "ik ben moeder en leerkracht": ask
        return Recognition(None, True, frozenset(denied))
    return Recognition(_inferred(said, denied), False, frozenset(denied))


def _about_another(text: str) -> bool:
    return bool((_OTHER_PUPIL.search(text) or _OTHER_HARMED.search(text)) and not _SELF_HARMED.search(text))


def _inferred(text: str, denied: set) -> Optional[str]:
    """The writer from what the message tells, without a statement of who they are."""
    parent = bool(_CHILD_OF_MINE.search(text))
    staff = bool(_PUPILS_OF_MINE.search(text) or (_CLASS_OF_MINE.search(text) and _TEACHING.search(text)))
    if parent and staff:
        return None
    if parent:
        return PARENT if PARENT not in denied else None
    if staff:
        return STAFF if STAFF not in denied else None
    if PUPIL in denied and WITNESS in denied:
        return None
    if _ADULT_TALK.search(text) and not _CHILDS_WORDS.search(text):
        return None  # "een leerling": an adult speaking, parent or staff is not said
    other = bool(_OTHER_PUPIL.search(text) or _OTHER_HARMED.search(text))
    self_harmed = bool(_SELF_HARMED.search(text))
    if self_harmed and PUPIL not in denied:
        return PUPIL
    if other and (_OTHER_PUPIL.search(text) or _CHILDS_WORDS.search(text)):
        return WITNESS
    if PUPIL in denied and other:
        return None
    if (_CHILDS_WORDS.search(text) or _SELF_WEAK.search(_TELLING.sub(" ", text))) and not other:
        return PUPIL if PUPIL not in denied else None
    return None


def role_of(text: Optional[str]) -> Optional[str]:
    """The writer of ``text`` (leerling, getuige, ouder, medewerker), or None when not clear."""
    return recognise(text).role


def updated_role(text: Optional[str], current: Optional[str]) -> object:
    """The writer to keep after this message: what the writer states about themselves replaces
    what was known ("ik ben geen leerling, ik ben zijn moeder"); a denial of the known writer without
    a new one makes it unknown (None); a writer read from the story fills only an unknown one.
    ``UNCHANGED`` when the message changes nothing."""
    found = recognise(text)
    if current in found.denied:
        if found.role is not None and found.role not in found.denied:
            return found.role
        if current == PUPIL and PUPIL in found.denied and WITNESS not in found.denied:
            return WITNESS  # a pupil: "het gaat niet over mij"
        return None
    if found.role is None or found.role == current:
        return UNCHANGED
    if found.stated or current is None:
        return found.role
    return UNCHANGED


# Questions about handling bullying (vraag_aanpak/<sub>) that only an adult at school asks: how to
# talk with the pupils involved, register, sanction, supervise, involve parents.
STAFF_TOPICS = frozenset({"leerling_vertelt", "gesprek_gepeste", "gesprek_pester", "gesprek_groep",
                          "incident_registreren", "ouders_betrekken", "sancties", "toezicht_hotspots"})
_AT_WORK = re.compile(r"\b(?:leerling|leerlingen|surveill\w*|toezicht|pleinwacht|pleindienst|pauzedienst|"
                      r"collega|collega's|lesgeven)\b")


def asker_of_guidance(text: Optional[str], topic: Optional[str]) -> Optional[str]:
    """Who asks a question about handling bullying, when no writer is known: the message's writer
    when it says; staff for a question only staff ask, or one that speaks of pupils and supervision
    the way staff do, and no child speaks; else None (ask, never guess: staff guidance is not for a child)."""
    role = role_of(text)
    if role is not None:
        return role
    lowered = (text or "").lower()
    if _CHILDS_WORDS.search(lowered) or _SELF_HARMED.search(lowered) or _OTHER_PUPIL.search(lowered):
        return None
    if topic in STAFF_TOPICS or _AT_WORK.search(lowered):
        return STAFF
    return None
