"""Rule-based safety net: does a pupil's message signal danger, and of which kind?

``assess(text)`` runs the project's spaCy pipeline (``bot.nlp.pipeline.analyse``) and a spaCy
``Matcher`` over a *canonical lemma* per token, stored in ``token.norm_``: the lookup lemma,
corrected by a table of irregular forms the lookup lacks (``wil`` -> ``willen``), with accents
stripped, separable-prefix participles folded (``opengesneden`` -> ``opensnijden``), and pupils'
spelling repaired first (``k`` -> ``ik``, ``nie`` -> ``niet``, ``mn`` -> ``mijn``, a dropped final
``-n`` and one-letter typos in the words the rules look for: ``leve``, ``zelfmord``).

Rules are named ``<category>.<idea>``; each is a set of token patterns (lemmas, synonyms, both
word orders, bounded gaps). Exceptions (``uitz.*``) cancel rules for idioms and harmless
contexts ("ik ga dood van het lachen", "mijn batterij is dood", "ik snij de taart met een mes",
"ze volgen me op insta"); most rules are also cancelled by a negation right next to their key
word ("hij heeft geen mes"). Rules whose meaning carries a negation ("ik wil niet meer leven")
ignore that check, and self-harm and suicide rules never let a negation switch them off (only
the bare death wish does: "ik wil niet dood").

Acute-threat rules also check tense: an attack that is over is a crime (``strafbaar_feit``),
one still to come today or going on now is acute.

The result names the rules that fired, never the text, so it may be logged.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from bot.report import SafetyCategory

# --------------------------------------------------------------------------------------------
# Public contract
# --------------------------------------------------------------------------------------------

PRIORITY: Tuple[SafetyCategory, ...] = (
    SafetyCategory.ACUUT_GEVAAR,
    SafetyCategory.CRISIS,
    SafetyCategory.ONVEILIG_THUIS,
    SafetyCategory.STRAFBAAR_FEIT,
)
"""Which category wins when several match, and why.

1. ``acuut_gevaar``: someone may be hurt within minutes (a weapon, being hit or waited for
   now); only 112 and a safe adult *now* help, and that advice also protects a pupil in crisis.
2. ``crisis``: a life is at risk from self-harm or suicide; 113 comes before any talk of home
   or crimes ("mijn vader slaat me en ik wil dood" must reach 113).
3. ``onveilig_thuis``: abuse at home is usually a crime too, but the police advice for crimes
   ("go with a parent") is wrong when a parent is the danger; Veilig Thuis is the right route.
4. ``strafbaar_feit``: threats, extortion, image abuse and assault by others.

One exception (``_rank``): acute danger found only by rules that describe a threat or a state
(a weapon, being locked up, a threat "to come") and not by a word that places it *now* yields to
home or to a crime. "Mijn vader dreigt met een mes als hij boos wordt" is a home situation (Veilig
Thuis); "vorige week hebben ze me met een mes beroofd" or "hij maakt me af als ik het vertel" is
a crime. The acute help then still comes along (``also``: "Ben je nu in gevaar? Bel 112").
"""

NOT_NOW_ACUTE: FrozenSet[str] = frozenset({
    "acuut.wapen", "acuut.wapen_stomp", "acuut.vastgehouden", "acuut.dreiging_straks",
    "acuut.opgewacht", "acuut.achtervolgd", "acuut.gevolgd",
})
"""Acute rules that say what threatens, not that it happens now (see ``_rank``)."""

WEAK_HOME_SIGNS: FrozenSet[str] = frozenset({
    "thuis.durf_niet_thuis", "thuis.bang_thuis", "thuis.liever_niet_thuis", "thuis.naar_huis_dan",
    "thuis.opgesloten", "thuis.wapen",
})
"""Home rules that may be about someone else's home or bullies on the way home ("ik zit opgesloten
bij iemand thuis", "hij heeft het geweer van zn vader"): not enough to put home before acute danger."""

CONDITIONAL_THREAT: FrozenSet[str] = frozenset({"strafbaar.dreiging_als", "strafbaar.dreiging_voorwaarde"})
"""A threat tied to a condition ("als je het vertelt", "anders"): a crime, not yet acute."""


@dataclass(frozen=True)
class SafetySignal:
    """What the safety net found in one message.

    ``category``: the most urgent kind of danger (see ``PRIORITY``), or None.
    ``ambiguous``: "ik wil/kan niet meer"-like and no category: ask carefully whether the pupil
    wants to stop the chat or is not doing well; never stop silently.
    ``matched``: the names of the rules that fired (never any of the text).
    ``also``: other categories found in the same message ("ze hebben mijn telefoon afgepakt en ze
    hadden een mes" is acute danger *and* a crime); the help names their help too, briefly.
    ``harmless``: the exceptions that recognised a harmless use ("mijn telefoon is dood", "ze steken
    de draak met me"); the classifier alone must not raise an alarm on such a message either.
    """

    category: Optional[SafetyCategory] = None
    ambiguous: bool = False
    matched: Tuple[str, ...] = ()
    also: Tuple[SafetyCategory, ...] = ()
    harmless: Tuple[str, ...] = ()

    @property
    def categories(self) -> Tuple[SafetyCategory, ...]:
        """Every category whose help the answer gives, the most urgent first."""
        return ((self.category,) if self.category else ()) + self.also

    @property
    def alarm(self) -> bool:
        """True when the message needs help or a careful question instead of the normal flow."""
        return self.category is not None or self.ambiguous


def assess(text: str) -> SafetySignal:
    """Assess one message. Never raises on odd input; empty text gives an empty signal."""
    if not text or not text.strip():
        return SafetySignal()
    from bot.nlp.pipeline import analyse

    engine = _engine()
    doc = analyse(normalise(text))
    for token in doc:
        token.norm_ = canonical(token.lower_, token.lemma_)
    return engine.run(doc)


def combine(signals: Sequence[SafetySignal]) -> SafetySignal:
    """One signal for the pieces of a message too long to read whole: the most urgent category
    (``PRIORITY``) first, the others as ``also``; the careful question only if nothing else."""
    found = [c for s in signals for c in s.categories]
    ordered = [c for c in PRIORITY if c in found]
    matched = tuple(dict.fromkeys(name for s in signals for name in s.matched))
    harmless = tuple(dict.fromkeys(name for s in signals for name in s.harmless))
    if not ordered:
        return SafetySignal(ambiguous=any(s.ambiguous for s in signals), matched=matched, harmless=harmless)
    return SafetySignal(category=ordered[0], matched=matched, also=tuple(ordered[1:]), harmless=harmless)


# --------------------------------------------------------------------------------------------
# Text and token normalisation
# --------------------------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})

# Pupils' spellings, as whole words, to standard Dutch (applied before tokenising).
_SPELLING: Dict[str, str] = {
    "k": "ik", "kwil": "ik wil", "kben": "ik ben", "kheb": "ik heb", "kan'k": "kan ik",
    "mn": "mijn", "m'n": "mijn", "mijne": "mijn", "zn": "zijn", "z'n": "zijn",
    "nie": "niet", "ni": "niet", "nit": "niet", "nt": "niet", "kn": "kan",
    "ie": "hij", "em": "hem", "ff": "even", "wnt": "want", "omda": "omdat", "wrm": "waarom",
    "nx": "niks", "niemd": "niemand", "gwn": "gewoon", "egt": "echt", "mss": "misschien",
    "s nachts": "'s nachts", "snachts": "'s nachts", "savonds": "'s avonds",
    "s avonds": "'s avonds", "smiddags": "'s middags", "s middags": "'s middags",
    "zelf moord": "zelfmoord", "self harm": "selfharm", "zelf harm": "selfharm",
}
_SPELLING_RE = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(k) for k in sorted(_SPELLING, key=len, reverse=True)) + r")(?![\w'])"
)
_REPEATS = re.compile(r"([a-z])\1{2,}")


def normalise(text: str) -> str:
    """Lower-case, plain apostrophes, long letter runs shortened, pupils' spellings repaired."""
    text = text.lower().translate(_APOSTROPHES)
    text = _REPEATS.sub(r"\1\1", text)
    return _SPELLING_RE.sub(lambda m: _SPELLING[m.group(1)], text)


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


# Forms the lookup table lacks or maps oddly; value is the canonical lemma.
_FORMS: Dict[str, Tuple[str, ...]] = {
    "willen": ("wil", "wilt", "wou", "wouden", "wilde", "wilden", "gewild", "wille"),
    "kunnen": ("kan", "kun", "kunt", "kon", "konden", "gekund"),
    "hebben": ("heb", "hebt", "heeft", "had", "hadden", "gehad", "hep"),
    "zijn": ("ben", "bent", "is", "was", "waren", "geweest"),
    "gaan": ("ga", "gaat", "ging", "gingen", "gegaan"),
    "geven": ("geef", "geeft", "gaf", "gaven", "gegeven"),
    "weten": ("weet", "wist", "wisten", "geweten"),
    "mogen": ("mag", "mocht", "mochten"),
    "overhalen": ("overgehaald",),
    "trouwen": ("trouw", "trouwt", "trouwde", "getrouwd"),
    "komen": ("kom", "komt", "kwam", "kwamen", "gekomen"),
    "staan": ("sta", "staat", "stond", "stonden", "gestaan"),
    "zitten": ("zit", "zat", "zaten", "gezeten"),
    "liggen": ("lig", "ligt", "lag", "lagen", "gelegen"),
    "krijgen": ("krijg", "krijgt", "kreeg", "kregen", "gekregen"),
    "doen": ("doe", "doet", "deed", "deden", "gedaan"),
    "zeggen": ("zeg", "zegt", "zei", "zeiden", "gezegd"),
    "slaan": ("sla", "slaat", "sloeg", "sloegen", "geslagen"),
    "steken": ("steek", "steekt", "stak", "staken", "gestoken"),
    "wachten": ("wacht", "wachtte", "wachtten", "gewacht"),
    "houden": ("hou", "houd", "houdt", "hield", "hielden", "gehouden"),
    "trekken": ("trek", "trekt", "trok", "trokken", "getrokken"),
    "maken": ("maak", "maakt", "maakte", "maakten", "gemaakt"),
    "schrijven": ("schrijf", "schrijft", "schreef", "schreven", "geschreven"),
    "wonen": ("woon", "woont", "woonde", "woonden", "gewoond"),
    "appen": ("appt", "appte", "appten", "geappt"),
    "hoeven": ("hoef", "hoeft", "hoefde", "hoefden", "gehoeven"),
    "worden": ("word", "wordt", "werd", "werden", "geworden"),
    "knijpen": ("knijp", "knijpt", "kneep", "knepen", "geknepen"),
    "moeten": ("moet", "moest", "moesten", "gemoeten"),
    "zullen": ("zal", "zult", "zou", "zouden"),
    "pakken": ("pak", "pakt", "pakte", "pakten", "gepakt"),
    "springen": ("spring", "springt", "sprong", "sprongen", "gesprongen"),
    "snijden": ("snij", "snijd", "snijdt", "sneed", "sneden", "gesneden", "snijen"),
    "krassen": ("kras", "krast", "kraste", "krasten", "krasde", "krasden", "gekrast"),
    "grijpen": ("grijp", "grijpt", "greep", "grepen", "gegrepen"),
    "hangen": ("hang", "hangt", "hing", "hingen", "gehangen"),
    "krabben": ("krab", "krabt", "krabde", "gekrabd"),
    "branden": ("brand", "brandt", "brandde", "gebrand"),
    "ophangen": ("opgehangen",),
    "sterven": ("sterf", "sterft", "stierf", "gestorven"),
    "leven": ("leef", "leeft", "leefde", "geleefd"),
    "wensen": ("wens", "wenst", "wenste", "gewenst"),
    "verdwijnen": ("verdwijn", "verdwijnt", "verdween", "verdwenen"),
    "opsluiten": ("opgesloten",),
    "opwachten": ("opgewacht",),
    "neersteken": ("neergestoken",),
    "neerschieten": ("neergeschoten",),
    "dreigen": ("dreig", "dreigt", "dreigde", "dreigden", "gedreigd"),
    "vermoorden": ("vermoord", "vermoordt", "vermoordde"),
    "durven": ("durf", "durft", "durfde", "durfden", "gedurfd", "dorst"),
    "blijven": ("blijf", "blijft", "bleef", "bleven", "gebleven"),
    "volgen": ("volg", "volgt", "volgde", "volgden", "gevolgd"),
    "trappen": ("trapt", "trapte", "trapten", "getrapt"),
    "schoppen": ("schopt", "schopte", "schopten", "geschopt"),
    "sparen": ("spaar", "spaart", "spaarde", "spaarden", "gespaard"),
    "opsparen": ("opgespaard",),
    "verdienen": ("verdien", "verdient", "verdiende", "verdiend"),
    "missen": ("mis", "mist", "miste", "misten", "gemist"),
    "merken": ("merk", "merkt", "merkte", "gemerkt"),
    "hacken": ("hack", "hackt", "hackte", "gehackt", "gehacked"),
    "zien": ("zie", "ziet", "zag", "zagen", "gezien"),
    "bloeden": ("bloedt", "bloedde", "gebloed"),
    "douchen": ("douch", "doucht", "douchte", "gedoucht"),
    "kijken": ("kijk", "kijkt", "keek", "keken", "gekeken"),
    "raken": ("raak", "raakt", "raakte", "raakten", "geraakt"),
    "aanraken": ("aangeraakt",),
    "dwingen": ("dwing", "dwingt", "dwong", "dwongen", "gedwongen"),
    "sluiten": ("sluit", "sloot", "sloten", "gesloten"),
    "gooien": ("gooi", "gooit", "gooide", "gooiden", "gegooid"),
    "leggen": ("leg", "legt", "legde", "gelegd"),
}
_OVERRIDE: Dict[str, str] = {form: lemma for lemma, forms in _FORMS.items() for form in forms}
_OVERRIDE.update({lemma: lemma for lemma in _FORMS})
_OVERRIDE.update({
    "mezelf": "mezelf", "mijzelf": "mezelf", "meself": "mezelf", "mzelf": "mezelf",
    "naaktfoto's": "naaktfoto", "foto's": "foto", "fotos": "foto", "pics": "pic",
    "ouders": "ouders", "pillen": "pil", "messen": "mes", "mesje": "mes", "dingen": "ding",
    # Real words one letter away from a danger word: never "repair" them as typos.
    "gemeld": "melden", "breuken": "breuk", "schaam": "schamen", "geachte": "geacht",
    "woorden": "woord", "vrienden": "vriend", "schoot": "schieten",
})
# Pronouns stay themselves (the lookup table maps "mij" to "mijn").
_OVERRIDE.update({p: p for p in ("ik", "me", "mij", "je", "jij", "jou", "hij", "hem", "zij", "ze", "haar",
                                 "wij", "we", "ons", "jullie", "hun", "hen", "mijn", "zijn", "het")})

# Separable or compound prefixes: "opengesneden" -> "open" + snijden.
_PREFIXES = ("open", "door", "neer", "kapot", "dood", "in", "af", "op", "mee", "weg", "uit", "aan")


@lru_cache(maxsize=1)
def _lookup():
    from spacy.lookups import load_lookups

    table = load_lookups("nl", ["lemma_lookup"]).get_table("lemma_lookup")
    return table, frozenset(table.values())


def _known(word: str) -> bool:
    table, lemmas = _lookup()
    return word in _OVERRIDE or word in table or word in lemmas


def _lemma(word: str, spacy_lemma: str = "") -> str:
    if word in _OVERRIDE:
        return _OVERRIDE[word]
    table, _ = _lookup()
    found = table.get(word)
    if found:
        return str(found)
    if spacy_lemma and spacy_lemma != word:
        return spacy_lemma
    for prefix in _PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 4 and rest.startswith("ge"):
            base = _OVERRIDE.get(rest) or table.get(rest)
            if base:
                return prefix + str(base)
    return word


def _within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance <= 1, or one swap of neighbours."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def canonical(lower: str, spacy_lemma: str = "") -> str:
    """The canonical lemma the rules match on (see the module docstring)."""
    word = _strip_accents(lower)
    lemma = _strip_accents(_lemma(word, _strip_accents(spacy_lemma.lower())))
    if _known(word) or not word.isalpha():
        return lemma
    keys = _engine_keywords()
    if word in keys:  # a word the rules look for is never "repaired" into another one
        return lemma
    if word + "n" in keys:  # dropped final -n: "leve", "sterve"
        return _lemma(word + "n")
    if len(word) >= 6:
        for key in _sorted_keywords():  # a fixed order: the same repair in every process
            if len(key) >= 6 and key[0] == word[0] and _within_one_edit(word, key):
                return _lemma(key)
    return lemma


# --------------------------------------------------------------------------------------------
# Pattern helpers
# --------------------------------------------------------------------------------------------

_KEYWORDS: Set[str] = {
    # stems the regex rules look for, so that one-letter typos of them are repaired too
    "zelfmoord", "zelfdoding", "suicide", "zelfbeschadiging", "naaktfoto", "naaktfotos", "dickpic",
    "afscheidsbrief", "mishandeld", "bedreigd", "dreigement", "dreigberichten", "pistool", "vuurwapen",
    "boksbeugel", "stanleymes", "verkracht", "gechanteerd", "afgeperst", "paracetamol",
}
_BOUNDARY = [".", "!", "?", ";"]


def T(*words: str, op: Optional[str] = None) -> dict:
    """One token whose canonical lemma is one of ``words`` (given in any form)."""
    values: Set[str] = set()
    for w in words:
        w = _strip_accents(w)
        values.add(w)
        values.add(_lemma(w))
        if w.isalpha():
            _KEYWORDS.add(w)
    token: dict = {"NORM": {"IN": sorted(values)}}
    if op:
        token["OP"] = op
    return token


def L(*words: str) -> dict:
    """One token whose lower-case text is exactly one of ``words`` (tense matters)."""
    return {"LOWER": {"IN": list(words)}}


def R(regex: str) -> dict:
    """One token whose canonical lemma matches ``regex`` (compounds, families of words)."""
    return {"NORM": {"REGEX": regex}}


def G(n: int) -> List[dict]:
    """Up to ``n`` arbitrary tokens within one sentence."""
    return [{"NORM": {"NOT_IN": _BOUNDARY}, "OP": "?"}] * n


_NOT_SELF = ["dat", "iemand", "ze", "zij", "hij", "jullie", "juf", "meester", "mentor", "school", "de"]


def GN(n: int) -> List[dict]:
    """Up to ``n`` tokens that do not hand the action to someone else ("ik wil *dat iemand* ...")."""
    return [{"NORM": {"NOT_IN": _BOUNDARY + _NOT_SELF}, "OP": "?"}] * n


_ADVERBS = [
    "gewoon", "echt", "liefst", "liefste", "het", "graag", "soms", "zo", "even", "ook", "nu",
    "wel", "vaak", "maar", "eigenlijk", "nog", "alleen", "heel", "altijd", "zelf", "serieus",
    "dan", "wollah", "bijna", "weer", "zeker", "allemaal", "steeds", "telkens", "continu", "elke", "dag",
]


def A(n: int) -> List[dict]:
    """Up to ``n`` adverb-like filler words ("ik wil *gewoon echt* verdwijnen")."""
    return [{"NORM": {"IN": _ADVERBS}, "OP": "?"}] * n


Part = object  # a token dict or a list of token dicts


def seq(*parts: Part) -> List[dict]:
    out: List[dict] = []
    for part in parts:
        if isinstance(part, list):
            out.extend(part)
        else:
            out.append(part)  # type: ignore[arg-type]
    return out


def near(a: Part, b: Part, n: int) -> List[List[dict]]:
    """``a`` and ``b`` in either order with at most ``n`` tokens between them."""
    return [seq(a, G(n), b), seq(b, G(n), a)]


def each(parts: Sequence[Part], build: Callable[[Part], List[List[dict]]]) -> List[List[dict]]:
    out: List[List[dict]] = []
    for part in parts:
        out.extend(build(part))
    return out


# --------------------------------------------------------------------------------------------
# Word groups
# --------------------------------------------------------------------------------------------

NEG = {"niet", "nooit", "geen"}
ME = T("me", "mij", "ons")
REFL = T("mezelf", "me", "mij")
I = T("ik")
FAMILY = R(r"^(stief|pleeg|half)?(vader|moeder|pa|ma|papa|mama|pap|mam|pappa|mamma|paps|mams|ouder|ouders"
           r"|broer|broertje|broers|zus|zusje|zussen|zuster|opa|oma|oom|tante)$|^(ex-?)?partner$|^ex(man|vrouw)$")
PLATFORM = T("insta", "instagram", "tiktok", "snapchat", "snap", "youtube", "twitter", "twitch",
             "discord", "whatsapp", "account", "volger", "volgers", "story", "kanaal")
HOME = T("thuis", "thuiskomen")
IMMINENT_WORDS = T("nu", "vandaag", "vanmiddag", "vanavond", "vannacht", "straks", "zometeen",
                   "meteen", "dadelijk", "morgen", "direct", "help")
WEAPON = R(r"^(mes|[a-z]*(stanley|zak|vlinder|keuken|steek|jacht|breek|hak|kap|vecht)mes(sen|je)?|pistool|pistolen"
           r"|[a-z]*wapen|wapens|geweer|geweren|revolver|taser|boksbeugels?|knuppels?|honkbalknuppel"
           r"|ploertendoder|pepperspray|machete|zwaard|bijl|gun|glock|nepwapen|alarmpistool|vuurwerkbom)$")
BLUNT = T("stok", "stokken", "knuppel", "ketting", "staaf", "hamer", "steen", "stenen", "fles", "flessen")
HARM_ACUTE = T("slaan", "schoppen", "trappen", "stompen", "meppen", "rammen", "steken", "neersteken",
               "neerschieten", "schieten", "wurgen", "pakken", "grijpen", "afmaken", "slopen", "aanvallen",
               "vermoorden", "doodmaken", "kapotmaken", "aftuigen", "afrossen", "grazen", "elkaar",
               "beroven", "ontvoeren", "trekken", "sleuren", "slepen", "mishandelen", "opwachten")
LETHAL = T("vermoorden", "doodmaken", "neersteken", "neerschieten", "afmaken", "doodschieten",
           "doodsteken", "kapotmaken", "aftuigen", "slopen", "ombrengen", "afbranden", "affikken")
HIT = T("slaan", "schoppen", "stompen", "trappen", "meppen", "wurgen", "rammen", "beuken", "bijten")
VIOLENCE = T("slaan", "schoppen", "trappen", "stompen", "duwen", "gooien", "steken", "wurgen",
             "meppen", "klap", "schop", "mishandelen", "rammen", "beuken")
INJURY = [T("bloedneus", "gebroken", "breuk", "ziekenhuis", "hersenschudding", "gewond", "hechting",
            "hechtingen", "kneuzing", "ehbo", "gekneusd", "bloed", "bloeden", "spoedeisende", "wond", "wonden",
            "striem", "striemen", "brandwond", "brandwonden"),
          [T("blauw", "blauwe"), T("oog", "ogen", "plek", "plekken")], [T("eerste"), T("hulp")],
          [T("dik", "dikke"), T("lip")]]
SUBJECT_OTHER = T("ze", "zij", "hij", "iemand", "jongen", "jongens", "meisje", "meisjes", "meiden",
                  "klasgenoot", "klasgenoten", "leerling", "leerlingen", "groep", "man", "mannen")
SEX = R(r"^(naakt|nude|dickpic|dick|seks|sex|porno|deepfake|geil|nsfw|pikfoto|pijp|aftrek)")
IMAGE = R(r"^(foto|film|video|plaatje|pic|selfie|camera|webcam|beeld|snap|opname|opgenomen|gefilmd|opnemen)")
BODY_INTIMATE = T("piemel", "penis", "lul", "borst", "borsten", "tieten", "kont", "billen", "ondergoed", "lijf", "kleedkamer",
                  "onderbroek", "bh", "string", "bloot", "blote", "douche", "douchen", "omkleden",
                  "uitkleden", "kruis", "vagina", "kut", "wc", "toilet")
BODY_SEXUAL = T("borst", "borsten", "tieten", "kont", "billen", "kruis", "piemel", "penis", "lul", "vagina",
                "onderbroek", "ondergoed", "bh", "rok")
SEX_ACT = T("zoenen", "kussen", "seks", "aanraken", "uitkleden", "pijpen", "aftrekken", "betasten",
            "naaktfoto", "nudes", "voelen", "likken")
MONEY = [T("geld", "euro", "€", "zakgeld", "betalen", "pinnen", "tikkie", "bitcoin", "cadeaukaart",
           "giftcard", "robux", "vbucks", "paysafe", "centen", "pinpas", "bankpas", "pincode")]
COERCE = [T("anders", "afpakken", "eisen", "dreigen", "verspreiden", "chanteren"), R(r"hack")]
THREAT_HARM = T("slaan", "schoppen", "steken", "neersteken", "vermoorden", "doodmaken", "pakken", "verspreiden",
                "posten", "plaatsen", "online", "internet", "doorsturen", "rondsturen", "delen", "aandoen", "pijn",
                "dood", "kapot", "kapotmaken", "afmaken", "naaktfoto", "nudes", "foto", "filmpje", "video", "adres",
                "mes", "wapen", "geweld", "verkrachten", "neerschieten", "schieten", "slopen", "aftuigen", "trappen")
SAY = T("zeggen", "roepen", "appen", "schrijven", "sturen", "beloven", "zweren", "dreigen", "tegen",
        "bericht", "berichten", "berichtje", "berichtjes", "appje", "appjes", "dm", "dms", "briefje", "mail")
SELF_HARM_VERB = R(r"(snijden|snijen|krassen|krabben|branden|verwonden|beschadigen|ophangen|verdrinken|bijten)$")
# Without "mezelf": itching and scratching are everyday, cutting and scratching *into* skin are not.
SELF_HARM_VERB_BODY = R(r"(snijden|snijen|krassen|verwonden|beschadigen|bewerken)$")
SELF_HARM_BODY = T("arm", "armen", "pols", "polsen", "been", "benen", "dij", "dijen", "bovenbeen",
                   "bovenbenen", "huid", "buik", "onderarm", "onderarmen", "enkel", "heup")
JOKE = [T("haha", "hahaha", "lol", "grapje", "xd", "jk"), R(r"[\U0001F602\U0001F923\U0001F480]")]
ADULT = [T("man", "meester", "leraar", "docent", "trainer", "coach", "volwassene", "oom", "bijles", "vent", "juf"),
         R(r"(leraar|docent|trainer|coach|meester)$")]
ADULT_AGE = R(r"^(1[89]|[2-9][0-9])$")
POSS = T("mijn", "zijn", "haar", "hun", "je", "jouw")
PERMANENT = T("voorgoed", "definitief", "eeuwig", "permanent", "altijd")
DEATH = T("dood", "sterven", "doodgaan", "overlijden")
PILLS = R(r"^(pil|pillen|medicijn|medicijnen|paracetamol|tablet|tabletten|slaappil|slaappillen|oxazepam|ibuprofen|xanax)$")
JUMP_PLACE = T("brug", "flat", "dak", "trein", "metro", "gebouw", "raam", "balkon", "vrachtwagen", "snelweg", "spoor",
               "parkeergarage", "viaduct", "flatgebouw", "hoogbouw")
# Words after "ik wil/kan niet meer" that still end the thought ("ik kan niet meer, echt").
_FILLERS = {"echt", "hoor", "man", "joh", "gewoon", "ofzo", "meer", "zo", "nu", "eigenlijk", "serieus",
            "bro", "wollah", "help", "pff", "pfff", "he", "hè", "jongens", "zeg", "nou", "dus"}
_CLAUSE_START = {"want", "maar", "en", "omdat", "ik", "het", "alles", "niemand", "iedereen", "sorry",
                 "ze", "hij", "zij", "dit", "dat", "wat", "hoe", "waarom", "mijn", "als"}
_REPORTING = {"zeggen", "schrijven", "appen", "roepen", "sturen"}


def _clause_ends(doc, end: int, also: FrozenSet[str] = frozenset()) -> bool:
    """True when nothing but fillers follow ``end`` before the sentence or a new clause ends it."""
    i = end
    while i < len(doc) and doc[i].norm_ in _FILLERS:
        i += 1
    if i >= len(doc) or doc[i].is_punct or doc[i].norm_ in _CLAUSE_START or doc[i].norm_ in also:
        return True
    return not any(ch.isalnum() for ch in doc[i].text)  # an emoji or symbol: "ik wil niet meer 😔"


def _message_ends(doc, end: int) -> bool:
    """Only fillers, punctuation or emoji follow: the words are the whole thought ("ik geef het op.")."""
    rest = [t for t in doc[end:] if t.norm_ not in _FILLERS]
    return all(t.is_punct or not any(ch.isalnum() for ch in t.text) for t in rest)


_PAST_IRREGULAR = {"sloeg", "sloegen", "stak", "staken", "greep", "grepen", "trok", "trokken", "schoot", "schoten",
                   "viel", "vielen", "kwam", "kwamen"}
_PASSIVE_NOW = {"word", "wordt", "worden"}


def _is_past(token) -> bool:
    """A past tense or participle ("geslagen", "schopten", "sloeg"), not an infinitive or present."""
    lower, norm = token.lower_, token.norm_
    if lower in _PAST_IRREGULAR:
        return True
    if lower == norm:
        return False
    return lower.startswith("ge") or lower.endswith(("te", "de", "ten", "den")) or "ge" in lower[2:5]


def _not_over(doc, start: int, end: int) -> bool:
    """The harm in the match is still to come or going on (a past attack is a crime, not acute).

    Only the harm verbs count: in "morgen gaan ze me pakken, zeiden ze" the past "zeiden" is the
    reporting, not the attack.
    """
    if any(t.lower_ in _PASSIVE_NOW for t in doc):
        return True
    harm = set(HARM_ACUTE["NORM"]["IN"])
    return not any(_is_past(t) for t in doc[start:min(end + 1, len(doc))] if t.norm_ in harm)


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A named set of token patterns.

    ``requires``: flags (``flag.*`` rules) that must also be present in the message.
    ``unless``: rule-name prefixes whose presence cancels this rule.
    ``negatable``: cancelled by niet/nooit/geen next to the end of the match.
    ``check``: extra test on (doc, start, end).
    """

    name: str
    patterns: Tuple[Tuple[dict, ...], ...]
    requires: Tuple[str, ...] = ()
    unless: Tuple[str, ...] = ()
    negatable: bool = True
    check: Optional[Callable] = None


@dataclass(frozen=True)
class Exception_:
    """Cancels rules (by name prefix) where it matches: ``scope`` 'span' (overlap) or 'doc'."""

    name: str
    patterns: Tuple[Tuple[dict, ...], ...]
    blocks: Tuple[str, ...]
    scope: str = "span"


def rule(name: str, patterns: Iterable[List[dict]], **kw) -> Rule:
    return Rule(name, tuple(tuple(p) for p in patterns), **kw)


def exception(name: str, patterns: Iterable[List[dict]], blocks: Tuple[str, ...], scope: str = "span") -> Exception_:
    return Exception_(name, tuple(tuple(p) for p in patterns), blocks, scope)


def _flags() -> List[Rule]:
    return [
        rule("flag.imminent", [
            [IMMINENT_WORDS],
            seq(T("na"), G(1), T("school", "les", "schooltijd", "gym", "training", "pauze", "uur", "voetbal")),
            seq(T("op"), T("dit"), T("moment")),
            seq(T("zo"), T("meteen")),
            seq(T("over"), G(1), T("min", "minuut", "minuten", "kwartier", "uur", "uurtje")),
        ], negatable=False),
        rule("flag.past", [[T("gisteren", "eergisteren", "gisteravond", "gistermiddag", "gisternacht", "vorig",
                              "vorige", "afgelopen", "toen")],
                           [L("had", "hadden", "hield", "hielden", "was", "waren", "werd", "werden")]], negatable=False),
        rule("flag.family", [[FAMILY]], negatable=False),
        rule("flag.iemand_staat_klaar", [
            seq(T("ze", "er", "zij", "hij", "jongens", "groep", "iemand", "mannen"), G(1),
                T("staan", "wachten", "zitten", "lopen"), G(3), T("buiten", "hek", "deur", "uitgang", "poort", "daar", "bij")),
            [T("opwachten")],
        ], negatable=False),
        rule("flag.online", [[PLATFORM], [T("online", "internet", "chat", "app", "gamen", "game")]], negatable=False),
    ]


def _crisis() -> List[Rule]:
    return [
        rule("crisis.zelfdoding", [
            [R(r"^(zelfmoord|zelfmo?o?r[dt]|suicid|suicide|zelfdoding|unalive|selfharm|zelfbeschadig|automutil|zelfverwond)")],
        ], negatable=False),
        rule("crisis.doodswens", [
            *near(T("willen", "wensen", "liever", "beter", "hopen", "zin"), DEATH, 3),
            seq(T("mezelf"), G(2), T("dood", "doodmaken", "vermoorden", "ombrengen", "afmaken", "doden")),
            seq(T("was", "ware"), I, G(1), T("maar"), G(1), T("dood")),
            seq(T("wou", "wens", "wenste", "willen"), T("dat"), I, G(3), T("verdwijnen", "dood")),
            seq(T("manier"), G(3), DEATH),
            seq(T("denken"), G(3), T("aan", "over"), T("doodgaan", "sterven", "zelfmoord")),
            seq(T("hoeveel"), G(1), PILLS, G(4), DEATH),
            seq(T("fijn", "prima", "best", "heerlijk", "liefst"), G(6), T("als"), I, G(3), T("dood", "doodgaan")),
        ]),
        rule("crisis.niet_leven", [
            seq(T("willen", "wensen", "zin", "kunnen", "hoeven"), G(3), T("niet", "nooit", "geen"), G(3),
                T("leven", "bestaan", "ademen")),
            seq(T("geen"), G(1), T("zin"), G(4), T("leven", "bestaan")),
            seq(T("leven"), G(3), T("zinloos", "waardeloos", "geen")),
            seq(T("leven"), G(2), T("zat")),
            seq(T("leven"), G(2), T("niks", "niets"), T("waard")),
            seq(T("stoppen", "klaar", "ophouden", "kappen", "kapt"), T("met"), G(1), T("leven")),
            seq(T("leven"), G(2), T("niet"), G(1), T("meer"), G(1), T("zitten")),
            seq(T("verdienen"), G(3), T("niet"), G(3), T("leven", "bestaan")),
            seq(T("verdienen"), G(3), DEATH),
            seq(T("nooit", "niet"), G(1), T("meer", op="?"), T("wakker"), G(1), T("worden")),
            seq(T("nooit"), G(1), T("geboren")),
            seq(I, G(1), T("er"), G(2), T("niet"), T("meer"), T("zijn")),
            seq(T("waarom"), T("zullen", "moeten", "zou"), I, T("nog", op="?"),
                T("leven", "blijven", "doorgaan", "bestaan")),
            seq(T("niet", "nooit"), G(2), T("willen", "hoeven"), G(1), T("leven", "bestaan")),
            seq(T("willen"), A(2), T("er"), A(1), T("niet"), T("meer"), T("zijn")),
            seq(T("er"), T("niet"), T("meer"), T("willen"), T("zijn")),
            seq(T("plan"), G(6), T("weten"), G(2), T("wanneer", "hoe")),
            seq(T("al"), T("weten"), T("hoe")),
            seq(T("als"), I, G(3), T("niet"), G(4), T("weten"), G(2), T("wel", op="?"), T("waarom")),
            seq(T("zeggen"), G(1), T("tegen"), G(3), T("dat"), G(2), T("niet"), G(1), T("schuld")),
            seq(T("dat"), T("het"), G(3), T("niet"), T("meer"), T("hoeven")),
            seq(T("zien"), G(2), T("geen"), T("uitweg")),
            seq(T("geen"), T("reden"), G(2), T("om"), T("te"), T("blijven", "leven", "bestaan")),
            seq(T("dan"), T("springen"), I),
            seq(I, T("staan"), T("bij", "op"), T("het", "de"), T("spoor", "rails")),
            seq(T("hoogte"), G(2), T("genoeg")),
            seq(T("voelen"), I, A(1), T("tenminste"), A(1), T("iets")),
            seq(T("waarom"), G(3), T("leven"), G(2), T("nog")),
            seq(T("waarom"), G(3), T("nog"), G(1), T("leven")),
            seq(T("wat", "welke"), G(3), T("zin"), G(3), T("om"), T("te", op="?"), T("leven")),
        ], negatable=False),
        rule("crisis.leven_voorbij", [seq(T("leven"), G(3), T("voorbij", "klaar"))], negatable=False),
        rule("crisis.einde_maken", [
            seq(I, GN(4), T("er"), G(2), T("eind", "einde"), T("aan"), T("te", op="?"), T("maken")),
            seq(T("maken"), I, T("er"), G(2), T("eind", "einde"), T("aan")),
            seq(I, A(2), T("maken", "gaan"), A(2), T("er"), G(4), T("eind", "einde"), T("aan")),
            seq(T("eind", "einde"), T("aan"), POSS, T("leven")),
            seq(T("er"), G(2), T("eind", "einde"), T("aan"), G(1), T("willen", "gaan"), T("maken")),
            seq(T("leven"), G(1), T("beeindigen", "nemen", "stoppen")),
            seq(T("beeindigen"), G(2), T("leven")),
            seq(T("van"), T("kant"), G(1), T("maken")),
            seq(REFL, G(1), T("van"), T("het"), T("leven"), T("beroven")),
        ], negatable=False),
        rule("crisis.zelfbeschadiging", [
            seq(I, G(3), T("mezelf", "me", "mij"), G(4), SELF_HARM_VERB),
            seq(T("zichzelf"), G(4), SELF_HARM_VERB),
            seq(SELF_HARM_VERB, G(1), T("zichzelf")),
            seq(T("doen"), G(2), T("mezelf", "zichzelf"), G(1), T("aan")),
            seq(T("zichzelf"), G(2), T("pijn")),
            seq(T("verdienen"), G(3), T("pijn")),
            seq(T("zichzelf", "mezelf"), G(2), T("aandoen")),
            *near(T("mesje", "scheermesje", "mes", "schaar", "schaartje"), seq(T("te"), T("veel")), 10),
            *near(T("mesje", "scheermesje"), seq(T("voor"), T("als")), 8),
            seq(T("mesje", "scheermesje"), G(1), T("weer")),
            *near(seq(T("eten"), G(3), T("niks", "niets", "niet")), T("verdienen", "expres", "straf", "straffen"), 10),
            seq(I, G(1), T("bonken", "slaan", "beuken", "stoten"), G(1), T("mijn"), T("hoofd")),
            seq(I, G(1), SELF_HARM_VERB, G(1), T("mezelf", "me", "mij")),
            seq(I, G(2), T("mezelf", "me", "mij"), G(2), T("pijn")),
            seq(I, G(3), T("mezelf"), G(2), T("slaan", "stompen", "schoppen", "uithongeren")),
            seq(I, G(1), T("slaan", "stompen", "schoppen", "uithongeren"), T("mezelf")),
            seq(T("doen"), T("mezelf"), G(1), T("pijn")),
            seq(I, G(3), T("mezelf", "me", "mij"), G(1), T("iets", "wat"), G(1), T("aandoen")),
            seq(T("me", "mij", "mezelf"), T("op"), T("te"), T("hangen")),
            *near(SELF_HARM_VERB_BODY, seq(T("mijn", op="?"), SELF_HARM_BODY), 4),
            *near(SELF_HARM_BODY, T("sneetje", "sneetjes", "sneden", "snijwond", "snijwonden", "snijwondjes"), 4),
            *near(seq(T("krabben", "branden", "bijten"), G(4), SELF_HARM_BODY), T("bloed", "bloeden", "open", "kapot"), 4),
            seq(T("touw"), G(6), T("ophangen", "hangen")),
            *near(T("branden"), T("aansteker", "sigaret", "lucifer", "strijkijzer"), 6),
        ], negatable=False),
        rule("crisis.methode", [
            seq(T("springen", "gooien", "liggen"), G(3), T("van", "voor", "onder", "uit", "op"), G(2), JUMP_PLACE),
            seq(T("van", "voor", "onder", "uit", "op", "bij"), G(2), JUMP_PLACE, G(8), T("springen", "gooien", "liggen")),
            seq(T("onder", "voor"), G(1), T("auto", "bus", "vrachtwagen", "trein", "metro", "tram"), G(1),
                T("lopen", "springen", "liggen", "gooien", "fietsen")),
            *near(T("sparen", "opsparen", "verzamelen", "hamsteren"), PILLS, 4),
            *near(PILLS, T("alle", "hele", "strip", "doos", "doosje", "pot", "potje", "handvol", "overdosis", "hoop",
                           "heleboel", "berg", "zak", "zakje"), 3),
            *near(T("spoor", "rails", "perron", "brug", "flat", "dak"), T("twijfelen", "springen"), 10),
            *near(T("spoor", "rails", "perron", "brug", "trein"), seq(T("stap"), G(2), T("voren", "vooruit")), 10),
            [T("strop")],
            seq(T("touw"), G(1), T("liggen"), T("al", "klaar")),
            seq(T("hoe"), T("hoog", "diep"), G(4), JUMP_PLACE),
            *near(T("uitzoeken", "opzoeken", "googelen", "googlen"), JUMP_PLACE, 8),
            *near(T("spoor", "rails", "brug", "flat", "dak", "trein"),
                  seq(T("zijn"), T("het"), T("klaar", "voorbij", "afgelopen")), 8),
            [T("overdosis")],
        ], negatable=False),
        rule("crisis.verdwijnen", [
            seq(I, A(2), T("willen", "wou", "wens"), A(3), T("verdwijnen")),
            seq(T("willen", "wou"), I, A(3), T("verdwijnen")),
            seq(I, A(2), T("willen", "wou"), A(2), T("er"), T("niet"), T("meer"), T("zijn")),
            seq(I, A(2), T("willen", "wou"), A(2), T("weg", "verdwijnen", "slapen"), G(2), T("voor"), T("altijd")),
        ], negatable=False),
        rule("crisis.last", [
            seq(T("beter", "blij", "blijer", "gelukkiger", "fijner", "makkelijker"), G(3), T("zonder"), G(1), T("mij", "me", "mezelf")),
            seq(T("zijn"), G(2), T("tot"), T("last")),
            seq(I, T("zijn", "voelen"), A(3), T("me", op="?"), A(2), T("een", "tot", "zo'n", "zon"), T("last")),
            seq(T("niemand"), G(3), ME, G(1), T("missen")),
            seq(T("niemand"), G(3), T("merken", "missen", "opvallen", "boeien"), G(5), T("als"), I,
                G(2), T("weg", "dood", "verdwenen")),
            seq(T("als"), I, G(2), T("weg", "dood", "verdwenen"), G(5), T("niemand")),
            *near(T("blij", "beter", "rust", "opgelucht", "fijner", "makkelijker", "niemand", "iedereen"),
                  seq(T("als"), I, G(2), T("dood", "weg", "verdwenen"), T("zijn")), 8),
            *near(T("blij", "beter", "rust", "opgelucht", "fijner", "makkelijker", "niemand", "iedereen"),
                  seq(T("als"), I, T("er"), T("niet"), T("meer", op="?"), T("zijn")), 8),
        ], negatable=False),
        rule("crisis.alles_voorgoed", [
            *near(seq(T("alles", "leven"), G(1), T("stoppen", "ophouden", "voorbij", "over")), PERMANENT, 4),
            seq(T("alles", "leven"), G(1), PERMANENT, G(1), T("stoppen", "ophouden", "voorbij", "over")),
            *near(seq(T("stoppen", "ophouden"), T("met"), T("alles", "leven")), PERMANENT, 4),
            *near(seq(T("niet"), T("meer")), seq(T("voor"), T("altijd")), 2),
        ], negatable=False),
        rule("crisis.afscheidsbrief", [[R(r"^afscheids(brief|bericht)")]], negatable=False),
        # Farewell cues: two different ones in one message make "crisis.afscheid" (see _Engine.run).
        rule("flag.afscheid.laatste", [seq(T("laatste"), T("bericht", "berichtje", "appje", "keer"))], negatable=False),
        rule("flag.afscheid.klaar", [seq(T("zijn"), T("het"), T("klaar", "voorbij", "afgelopen", "over")),
                                     seq(T("het"), T("zijn"), T("klaar", "voorbij", "afgelopen"))], negatable=False),
        rule("flag.afscheid.sorry", [seq(T("sorry"), T("voor"), T("alles"))], negatable=False),
        rule("flag.afscheid.vaarwel", [[T("vaarwel")], seq(T("dag", "doei", "doeg", "bye", "houdoe"), T("iedereen", "allemaal"))],
             negatable=False),
        rule("flag.afscheid.bedankt", [seq(T("bedankt", "dank", "bedanken"), T("voor"), T("alles")),
                                       seq(T("bedankt", "dank"), T("voor"), T("het"), T("proberen"))], negatable=False),
        rule("flag.afscheid.nemen", [seq(T("afscheid"), T("nemen"))], negatable=False),
        rule("flag.afscheid.stil", [seq(T("reageren", "opnemen"), G(2), T("niet"), T("meer")),
                                    seq(T("nemen"), G(2), T("niet"), T("op"))], negatable=False),
        rule("flag.afscheid.weg", [seq(T("als"), I, T("weg"), T("zijn")), seq(T("als"), I, T("er"), T("niet"), T("meer"), T("zijn"))],
             negatable=False),
        rule("flag.afscheid.spullen", [seq(T("spullen"), G(4), T("weggeven"))], negatable=False),
        rule("flag.afscheid.waarom", [seq(T("niet"), T("te", op="?"), T("weten"), T("waarom"))], negatable=False),
        rule("flag.afscheid.was_leuk", [seq(T("was"), T("leuk"), T("zolang"))], negatable=False),
        rule("flag.afscheid.spijt", [seq(T("het"), T("spijt"), T("me"))], negatable=False),
        rule("flag.afscheid.altijd", [seq(T("voor"), T("altijd"))], negatable=False),
        rule("flag.afscheid.liefde", [seq(I, T("houden"), T("van"), T("jullie", "iedereen"))], negatable=False),
        rule("flag.afscheid.terug", [seq(T("zien"), ME, G(1), T("niet", "nooit"), T("meer", op="?"), T("terug")),
                                     seq(I, T("komen"), G(1), T("niet", "nooit"), T("meer", op="?"), T("terug"))],
             negatable=False),
    ]


def _acute() -> List[Rule]:
    return [
        rule("acuut.wapen", [[WEAPON]], unless=("crisis.zelfbeschadiging",)),
        rule("acuut.wapen_stomp", [*near(BLUNT, T("wachten", "dreigen", "bedreigen", "zwaaien", "opwachten",
                                                  "achter"), 6)]),
        rule("acuut.opgewacht", [
            [T("opwachten")],
            seq(T("staan", "zitten", "wachten"), G(2), ME, G(1), T("op"), T("te"), T("wachten")),
            seq(T("op"), ME, T("te"), T("wachten")),
            seq(T("wachten"), G(1), ME, G(4), T("op")),
            seq(T("staan", "wachten", "zitten"), G(6), T("om"), ME, T("te"), HARM_ACUTE),
            seq(ME, G(4), T("komen", "gaan"), T("halen", "pakken")),
            seq(T("staan"), G(4), T("bij", "voor"), T("mijn", "ons"), T("huis", "deur")),
            *near(seq(T("staan"), G(1), T("voor"), T("de"), T("deur")), seq(I, T("zijn"), T("alleen")), 12),
            [T("bivakmuts", "bivakmutsen")],
            seq(T("staan"), G(2), T("voor"), T("mijn", "ons"), T("huis", "deur")),
            seq(T("staan"), G(5), T("om"), ME, T("heen")),
            seq(T("wachten"), G(3), T("op"), ME),
            seq(T("staan"), G(6), T("die"), ME, G(2), HARM_ACUTE),
            seq(T("ze", "zij", "hij", "jongens", "iemand", "groep"), T("komen"), ME, G(2), T("halen", "pakken")),
            seq(T("er", "ze", "zij", "hij", "iemand", "groep", "jongens", "mannen"), G(1), T("staan"), G(6),
                T("te"), T("wachten")),
        ]),
        rule("acuut.achtervolgd", [[T("achtervolgen", "achtervolging", "opjagen")],
                                   seq(T("achter"), ME, T("aan")),
                                   seq(T("jagen"), ME, G(4), T("op", "achterna")),
                                   seq(ME, G(1), T("achterna"))]),
        rule("acuut.dreiging_straks", [
            seq(T("gaan", "komen"), ME, G(4), T("pakken", "slaan", "afmaken", "aftuigen", "neersteken", "vermoorden",
                                                 "steken", "slopen")),
            seq(ME, G(3), T("gaan", "komen"), T("pakken", "afmaken", "aftuigen", "slopen", "neersteken", "vermoorden",
                                                 "doodmaken", "steken")),
            seq(I, G(2), T("niet"), T("meer"), T("heel", op="?"), G(2), T("thuiskomen")),
        ], check=lambda doc, s, e: _not_over(doc, s, e)),
        rule("acuut.verstopt", [
            *near(seq(ME, T("verstoppen")), T("zoeken", "achter", "bang", "help", "rennen", "wegrennen", "volgen"), 10),
            *near(seq(T("verstoppen"), ME), T("zoeken", "achter", "bang", "help", "rennen", "wegrennen", "volgen"), 10),
            *near(seq(T("zitten"), G(1), T("verstoppen", "verstopt")), T("zoeken", "achter", "bang", "help", "rennen",
                                                                          "wegrennen", "durven", "volgen"), 10),
        ], negatable=False),
        rule("acuut.meegenomen", [
            seq(ME, G(3), T("in"), G(1), L("auto", "busje", "bestelbus", "wagen", "bestelwagen"),
                L("getrokken", "gesleurd", "geduwd", "gegooid", "meegenomen")),
            seq(T("trekken", "sleuren", "duwen"), ME, G(2), T("in"), G(1), L("auto", "busje", "bestelbus", "wagen")),
            *near(T("man", "mannen", "meneer", "vreemde", "onbekende", "volwassene"),
                  seq(I, T("mee"), G(1), T("moeten", "komen", "gaan")), 12),
        ]),
        rule("acuut.adem", [seq(T("krijgen"), G(2), T("geen", "nauwelijks", "bijna"), G(1), T("lucht", "adem")),
                            seq(T("zitten", "liggen"), G(1), T("bovenop"), ME)], negatable=False),
        rule("acuut.hulpvraag", [seq(T("kunnen"), T("iemand"), G(1), T("komen")),
                                 seq(T("trappen", "beuken", "rammen", "bonken"), G(3), T("deur"), G(2), T("in"))]),
        rule("acuut.aanslag", [
            *near(T("opblazen", "aanslag", "bomaanslag", "schietpartij", "shooten"), T("school", "klas", "iedereen", "kantine",
                                                                           "gebouw", "aula"), 8),
            seq(T("iedereen"), G(3), T("neerschieten", "doodschieten", "neersteken")),
            *near(T("lijst", "namen"), LETHAL, 10),
            seq(T("docent", "docenten", "leraar", "leraren", "leerlingen", "klas"), G(4), LETHAL),
            *near(T("cobra", "vuurwerkbom", "bom", "molotov"), T("aula", "klas", "kantine", "school", "iedereen",
                                                                  "gooien"), 8),
        ]),
        rule("acuut.gevolgd", [seq(T("volgen"), G(1), ME), seq(ME, G(3), T("volgen")),
                               seq(T("worden"), G(4), T("volgen"))]),
        rule("acuut.vastgehouden", patterns=[
            seq(T("houden", "hebben"), ME, G(2), T("vast")),
            seq(T("zitten", "zijn", "worden"), G(2), T("opsluiten")),
            seq(ME, G(8), T("opsluiten")),
            seq(T("auto", "busje"), T("in"), L("getrokken", "gesleurd", "geduwd")),
            seq(T("in"), G(1), T("auto", "busje", "bestelbus"), L("getrokken", "gesleurd", "geduwd", "gegooid")),
            seq(ME, G(2), T("mee"), T("te", op="?"), T("trekken", "sleuren", "nemen")),
            *near(ME, seq(T("op"), T("slot")), 10),
            seq(T("zitten"), T("vast"), T("in"), G(2), T("berging", "kast", "wc", "kelder", "lokaal", "kleedkamer",
                                                          "hok", "schuur", "toilet", "lift", "bezemkast", "zolder")),
            seq(T("worden"), G(8), T("vasthouden")),
            [T("kofferbak")],
            seq(T("trekken", "sleuren", "slepen"), ME, T("mee")),
            seq(T("door"), G(4), L("meegenomen", "meegesleurd", "ontvoerd")),
            seq(T("sluiten"), ME, G(4), T("op")),
        ]),
        rule("acuut.dreiging_nu", [seq(ME, G(4), HARM_ACUTE), seq(HARM_ACUTE, ME)], requires=("flag.imminent",),
             check=_not_over),
        rule("acuut.geweld_nu", [
            *near(T("nu"), HARM_ACUTE, 4),
            seq(ME, G(2), T("aan"), T("het"), HARM_ACUTE),
            seq(T("blijven"), G(1), HARM_ACUTE),
            *near(seq(T("op"), T("dit"), T("moment")), HARM_ACUTE, 4),
            *near(T("nu"), seq(T("gooien", "smijten"), G(3), T("steen", "stenen", "stoel", "fles", "flessen",
                                                              "vuurwerk", "stok", "stokken")), 5),
            seq(T("gooien", "smijten"), G(3), T("steen", "stenen", "fles", "flessen", "vuurwerk"), G(2), T("naar"), ME),
        ], check=lambda doc, s, e: _not_over(doc, s, e)),
        rule("acuut.gevecht", [seq(L("er"), L("is", "zijn"), G(3), T("gevecht", "vechtpartij", "steekpartij",
                                                                      "schietpartij", "knokpartij", "matpartij"))]),
        rule("acuut.net_gebeurd", [*near(T("net", "zojuist", "daarnet"), T("steken", "neersteken", "neerschieten"), 4),
                                   seq(I, L("lig", "ligt"), T("op"), G(1), T("grond")),
                                   [T("bewusteloos")]]),
        rule("acuut.bloedt_erg", [seq(T("bloeden", "bloed"), G(1), T("heel", "erg", "veel", "hard", "enorm"))],
             unless=("crisis.",)),
        rule("acuut.durf_niet_weg", [
            seq(T("durven"), G(2), T("niet"), G(2), T("naar"), T("buiten")),
            seq(T("durven", "kunnen"), G(2), T("niet"), G(1), T("weg")),
        ], negatable=False, requires=("flag.iemand_staat_klaar",)),
        rule("acuut.lokken", [*near(T("instappen", "instap"), T("auto", "busje", "man", "vreemde", "onbekende"), 8),
                              *near(T("man", "vreemde", "onbekende"), T("aanspreken", "lokken"), 8)]),
        rule("acuut.dreiging_buiten", [[T("dreigen", "bedreigen")]], requires=("flag.iemand_staat_klaar",)),
        rule("acuut.gestalkt", [*near(T("man", "vent", "meneer"), seq(T("achter"), ME), 10),
                                seq(T("uitstappen"), G(3), I, T("uitstappen"))]),
        rule("acuut.vastgebonden", [[T("vastbinden")]], requires=("flag.imminent",)),
        rule("acuut.dreiging_termijn", [
            seq(T("als"), I, G(8), T("niet"), G(10), T("aandoen", "pijn", "vermoorden", "slaan", "pakken")),
            seq(T("als"), I, G(8), T("zijn"), T("ik"), T("dood")),
        ], negatable=False, requires=("flag.imminent",)),
    ]


def _crime() -> List[Rule]:
    return [
        rule("strafbaar.bedreigd", [[R(r"^(bedreig|dreigbericht|dreigement|doodsbedreig|dreigmail|dreigapp)")]]),
        rule("strafbaar.dreigen", [*near(T("dreigen"), THREAT_HARM, 8),
                                   *near(T("dreigen"), seq(T("in"), G(1), T("brand", "fik", "elkaar")), 8)]),
        rule("strafbaar.dreiging_gezegd", [
            seq(SAY, G(8), ME, G(4), LETHAL),
            seq(SAY, G(8), ME, G(4), T("kapot"), T("maken")),
            seq(SAY, G(8), ME, G(4), T("in"), T("elkaar"), T("slaan", "trappen", "schoppen")),
            seq(SAY, G(8), LETHAL),
            seq(SAY, G(8), T("in"), G(1), T("brand", "fik"), G(1), T("steken", "zetten")),
            seq(SAY, G(6), I, G(2), T("dood"), T("zijn", "gaan")),
            seq(T("dood"), T("aan"), R(r"^[a-z]")),

            seq(T("steken", "schieten", "slaan", "maken"), T("je", "jou"), T("neer", "dood", "af", "kapot")),
            seq(LETHAL, T("je", "jou")),
            seq(T("we", "wij"), T("steken", "pakken", "slaan", "krijgen"), T("je", "jou")),
        ]),
        rule("strafbaar.dreiging_als", [
            seq(T("als"), I, G(8), T("niet"), G(6), T("aandoen", "pijn", "vermoorden", "afmaken")),
            seq(IMAGE, G(8), T("als", "anders"), G(6), MONEY),
            seq(SAY, G(8), T("afbranden", "affikken", "opblazen")),
            seq(T("als", "dan"), G(8), T("zijn"), T("ik", "je", "jij"), T("dood")),
            seq(T("aandoen", "pijn", "vermoorden", "afmaken"), G(2), T("als"), I, G(3),
                T("stoppen", "praten", "vertellen", "weigeren", "nee")),
            seq(MONEY, G(3), T("als"), I, G(4), T("cam", "webcam", "camera", "foto", "fotos", "nudes")),
            seq(T("aandoen", "pijn", "slaan", "vermoorden", "afmaken", "pakken"), G(6), T("als"), I, G(3), T("niet"),
                G(2), T("betalen", "geven", "sturen", "doen")),
        ], negatable=False),
        rule("strafbaar.dreigformule", [
            seq(T("jij", "je"), T("zijn"), T("de"), T("volgende")),
            seq(SAY, G(6), T("ik", "jij", "je"), T("zijn"), T("de"), T("volgende")),
            seq(SAY, G(6), T("ik", "jij", "je"), T("de"), T("volgende"), T("zijn")),
            seq(T("jij", "je"), T("zijn"), T("er"), T("geweest")),
            seq(SAY, G(6), I, T("er"), T("geweest"), T("zijn")),
            seq(T("jij", "je", "ik"), T("gaan"), T("eraan")),
            seq(T("weten"), T("waar"), T("jij", "je"), T("wonen")),
            seq(SAY, G(6), T("weten"), T("waar"), I, T("wonen")),
            seq(T("wacht"), T("maar"), T("tot"), G(4), T("school", "buiten", "alleen")),
        ], check=lambda doc, s, e: _clause_ends(doc, e, frozenset(_REPORTING))),
        rule("strafbaar.dreiging_voorwaarde", [
            seq(T("anders", "als"), G(6), T("klappen", "slaag", "klap", "pijn", "vermoorden", "slaan")),
            seq(T("anders", "als"), G(6), T("in"), T("elkaar")),
        ]),
        rule("strafbaar.mishandeling", [
            seq(T("in"), T("elkaar", "mekaar"), G(1), T("slaan", "schoppen", "trappen", "rammen", "meppen", "beuken")),
            [T("mishandelen", "mishandeling", "aftuigen", "afrossen", "vastbinden")],
            seq(ME, G(2), T("in"), G(1), T("gezicht", "buik", "kruis"), G(1), T("slaan", "stompen", "schoppen", "trappen")),
            seq(T("hoofd"), G(3), T("tegen"), G(2), T("muur", "grond", "kast", "deur", "tafel", "pot", "wc", "wastafel"), G(1),
                T("slaan", "duwen", "rammen", "beuken", "gooien", "bonken")),
        ]),
        rule("strafbaar.letsel", [*each(INJURY, lambda inj: near(VIOLENCE, inj, 10))]),
        rule("strafbaar.geweld", [
            seq(SUBJECT_OTHER, G(5), ME, G(3), HIT),
            seq(SUBJECT_OTHER, G(1), HIT, G(1), ME),
            seq(HIT, SUBJECT_OTHER, ME),
            seq(I, T("worden"), G(2), HIT),
        ]),
        rule("strafbaar.beroving", [[T("beroven", "overvallen", "overval", "beroving")],
                                    *near(WEAPON, T("afpakken", "stelen", "jatten", "beroven"), 10),
                                    *near(T("afpakken", "stelen", "jatten", "roven"), VIOLENCE, 10),
                                    *near(T("afpakken", "stelen", "jatten", "roven"), seq(ME, G(3), T("grond")), 10),
                                    seq(T("met"), T("geweld"))]),
        rule("strafbaar.seksueel_beeld", [
            [SEX],
            *near(BODY_INTIMATE, IMAGE, 8),
        ]),
        rule("strafbaar.seksueel_contact", [
            *near(T("zitten", "aanraken", "raken", "betasten", "knijpen", "grijpen", "pakken", "voelen", "likken"),
                  BODY_SEXUAL, 4),
            seq(T("zitten"), A(2), T("aan"), ME),
            seq(T("raken"), ME, G(3), T("aan")),
            [T("aanraken")],
            [T("verkrachten", "verkrachting", "aanranden", "aanranding", "misbruiken", "misbruik", "seksueel",
               "betasten", "ongewenst")],
            *near(T("dwingen"), SEX_ACT, 6),
        ]),
        rule("strafbaar.grooming", [*near(T("volwassene", "man", "vent", "oudere"),
                                          T("afspreken", "ontmoeten", "overhalen"), 25),
                                    *near(ADULT_AGE, T("afspreken", "ontmoeten", "overhalen"), 15)],
             requires=("flag.online",)),
        rule("strafbaar.grooming_signaal", [
            seq(T("vragen"), G(3), T("of"), I, T("alleen"), G(2), T("zijn", "thuis")),
            seq(T("volwassen"), G(2), T("voor"), G(1), T("leeftijd")),
            *each(ADULT, lambda a: near(a, T("geheim", "geheimpje"), 20)),
            *each(ADULT, lambda a: near(a, seq(T("niet"), G(1), T("aan"), G(2), T("mogen"), T("zeggen", "vertellen")), 20)),
            *each(ADULT, lambda a: near(a, seq(T("mogen"), T("niks", "niets"), T("vertellen", "zeggen")), 20)),
            *near(T("ongepast", "ongepaste"), IMAGE, 3),
            *near(T("man", "meester", "leraar", "docent", "trainer", "coach", "volwassene", "oom", "bijles", "vent"),
                  seq(T("niemand"), G(1), T("mogen"), T("zeggen", "vertellen")), 20),
            *near(T("geld", "bieden", "betalen", "robux", "cadeau", "cadeautje"), seq(IMAGE, G(5), T("sturen")), 10),
        ]),
        rule("strafbaar.afpersing", [
            [T("afpersen", "afpersing", "chanteren", "chantage", "sextortion", "losgeld")],
            seq(T("persen"), ME, G(3), T("af")),
            *[p for m in MONEY for p in near(m, T("slaan", "klappen", "slaag", "schoppen", "pijn", "elkaar", "trappen"), 10)],
            *[p for m in MONEY for c in COERCE for p in near(m, c, 8)],
            seq(T("betalen"), G(3), T("om"), G(3), T("terug")),
            *near(IMAGE, seq(T("anders"), G(6), T("online", "posten", "verspreiden", "delen", "doorsturen",
                                                   "rondsturen", "zetten", "internet", "insta", "snap", "sturen")), 15),
            *near(T("dwingen"), T("drugs", "wiet", "dealen", "verkopen", "code", "pincode", "stelen", "geld",
                                  "brengen", "zakje", "zakjes", "pakketje", "pakketjes"), 8),
            *near(T("drugs", "wiet"), T("verkopen", "dealen", "bewaren", "smokkelen", "rondbrengen", "verstoppen"), 6),
            *near(T("pakketje", "pakketjes", "zakjes", "zakje"), T("wegbrengen", "brengen", "rondbrengen", "bezorgen"), 4),
            *near(R(r"hack"), MONEY[0], 16),
        ]),
        rule("strafbaar.doxxing", [*near(T("adres", "huisadres"), T("online", "internet", "posten", "zetten", "delen",
                                                                  "verspreiden", "insta", "tiktok", "snapchat"), 5)]),
        rule("strafbaar.haat", [[R(r"^(hakenkruis|swastika)")],
                                seq(T("hoofddoek"), G(8), T("trekken", "afrukken", "aftrekken")),
                                seq(T("land"), T("uit"), T("moeten")),
                                seq(T("terug"), T("naar"), G(1), T("eigen"), T("land"))], negatable=False),
        rule("strafbaar.brandstichting", [seq(T("in"), G(1), T("brand", "fik"), T("steken"))]),
        rule("strafbaar.loverboy", [seq(T("vriendje", "vriend"), G(1), T("zijn"), ADULT_AGE),
                                    seq(T("vriendje", "vriend"), T("van"), ADULT_AGE),
                                    seq(T("als"), I, G(3), T("van"), T("hem"), T("houden"))]),
        rule("strafbaar.ontbloot", [
            seq(T("broek", "onderbroek", "rok", "shirt", "bh"), G(1), T("naar"), T("beneden"), T("trekken", "doen", "rukken")),
            seq(T("trekken", "rukken"), G(3), T("broek", "onderbroek", "rok"), G(1), T("naar"), T("beneden")),
        ]),
        rule("strafbaar.aangifte", [[T("aangifte")]], negatable=False),
    ]


def _home() -> List[Rule]:
    abuse_single = T("slaan", "schoppen", "trappen", "stompen", "knijpen", "wurgen", "mishandelen", "misbruiken",
                     "verkrachten", "aanranden", "duwen", "meppen", "opsluiten", "vastbinden", "dreigen",
                     "bedreigen", "klap", "klappen", "slaag", "riem", "gewelddadig", "agressief", "geweld",
                     "martelen", "vuist", "mishandeling", "misbruik")
    abuse_multi: List[List[dict]] = [
        [abuse_single],
        [SEX],
        seq(T("zitten"), A(2), T("aan"), ME),
        seq(T("raken"), ME, G(3), T("aan")),
        seq(T("doen"), G(1), T("raar", "rare", "vies", "vieze", "eng", "enge", "seksueel", "seksuele"), T("ding", "dingen")),
        seq(T("pijn"), T("doen")),
        seq(T("doen"), ME, T("pijn")),
        seq(T("gooien"), G(3), T("naar"), ME),
        seq(T("naar"), ME, T("gooien")),
        seq(T("zitten"), T("hij", "ze", "zij"), T("aan"), ME),
        seq(IMAGE, G(4), T("bad", "douche", "bloot", "naakt", "ondergoed", "badkamer", "bikini")),
        seq(T("onder"), G(1), T("rok", "broek", "shirt", "kleren", "onderbroek")),
        seq(T("gooien"), T("met"), G(2), T("spullen", "dingen", "borden", "stoelen", "flessen")),
        [T("aanraken", "betasten")],
        seq(T("gooien"), G(4), T("naar"), T("mijn"), T("hoofd")),
        seq(T("trekken"), ME, G(3), T("haar", "haren")),
        seq(ME, G(3), LETHAL),
        seq(LETHAL, G(1), ME),
        seq(T("sluiten"), ME, G(3), T("op")),
        seq(T("kijken"), G(3), T("douchen", "douche")),
        seq(T("douchen", "douche"), G(4), T("binnen", "binnenkomen")),
        seq(T("aan"), G(1), BODY_SEXUAL, G(1), T("zitten")),
    ]
    home_violence = T("slaan", "schoppen", "mishandelen", "klappen", "slaag", "klap", "geweld", "gewelddadig",
                      "vuist", "donder", "misbruiken", "misbruik", "trappen", "wurgen")
    return [
        rule("thuis.familie_geweld", [
            *[seq(FAMILY, G(16), m) for m in abuse_multi],
            seq(FAMILY, G(16), T("ze", "hij", "zij"), G(2), HIT, G(1), ME),
            seq(FAMILY, G(3), T("zeggen", "dreigen"), G(14), T("aandoen")),
        ]),
        rule("thuis.wapen", [*near(FAMILY, WEAPON, 8), *near(HOME, WEAPON, 8)]),
        rule("thuis.familie_geheim", [*near(FAMILY, T("geheim", "geheimpje"), 12)], negatable=False),
        rule("thuis.politie", [*near(FAMILY, seq(T("politie"), G(2), T("komen")), 12)]),
        rule("thuis.eer", [seq(T("eer"), T("van"), T("de", "onze", "mijn"), T("familie"))], negatable=False),
        rule("thuis.partnergeweld", [seq(FAMILY, G(2), T("gooien", "slaan", "schoppen", "duwen"), G(3), T("naar", "tegen"),
                                         G(1), FAMILY)]),
        rule("thuis.dronken_rijden", [*near(T("drinken", "dronken", "drank"), T("rijden", "autorijden"), 8)],
             requires=("flag.family",)),
        rule("thuis.emotioneel", [*near(FAMILY, seq(T("nooit"), G(1), T("geboren")), 16),
                                  *near(FAMILY, seq(T("spijt"), G(4), T("geboren")), 12),
                                  seq(FAMILY, G(4), T("zeggen"), G(4), T("dat"), I, G(3), T("mislukking", "waardeloos"))],
             negatable=False),
        rule("thuis.verzwijgen", [seq(T("moeten", "mogen"), G(1), T("zeggen"), G(4), T("dat"), G(6),
                                      T("zelf", "gevallen", "voetbal", "ongeluk", "trap"))], negatable=False),
        rule("thuis.buitengesloten", [seq(T("mogen"), G(2), T("niet"), G(1), T("naar"), T("binnen")),
                                      seq(T("niet"), T("naar"), T("binnen"), T("mogen")),
                                      seq(ME, G(2), T("deur"), T("uit"), T("zetten", "gooien")),
                                      seq(T("huis"), T("uit"), T("zetten", "gooien"))], negatable=False),
        rule("thuis.drugs", [*near(T("drugs", "naalden", "naald", "coke", "heroine"), HOME, 8)]),
        rule("thuis.hulpgeroep", [*near(seq(T("om"), T("hulp"), T("roepen", "schreeuwen", "gillen")),
                                        T("kind", "buurjongen", "buurmeisje", "nacht", "huis"), 10)]),
        rule("thuis.lijfstraf", [
            seq(T("klappen", "klap", "slaan", "slaag"), G(3), T("met"), T("de", "een"), T("riem", "slipper", "pantoffel")),
            seq(T("als"), I, G(6), T("krijgen"), I, G(2), T("klappen", "slaag", "klap")),
        ]),
        rule("thuis.liever_niet_thuis", [
            seq(T("liever"), G(5), T("dan"), G(1), T("thuis", "huis")),
            *near(seq(T("willen", "durven", "kunnen"), G(1), T("niet"), G(2), T("naar"), T("huis")), FAMILY, 12),
            *near(FAMILY, seq(T("verstoppen")), 12),
        ], negatable=False),
        rule("thuis.dwang", [[R(r"^(uithuwelijk|eerwraak)")],
                             seq(FAMILY, G(3), T("willen"), T("dat"), I, G(10), T("trouwen")),
                             seq(T("sturen"), G(3), T("om"), T("te"), T("trouwen")),
                             *near(T("buitenland"), T("trouwen"), 8),
                             *near(T("paspoort"), T("afpakken", "innemen"), 4),
                             seq(T("dwingen"), G(3), T("trouwen", "huwelijk"))], negatable=False),
        rule("thuis.huiselijk_geweld", [*near(T("geschreeuw", "schreeuwen", "ruzie", "gegil"),
                                              T("klappen", "slaan", "gooien", "klap", "slaag"), 6)]),
        rule("thuis.straf_slapen", [seq(T("laten"), ME, G(3), T("schuur", "kelder", "hok", "buiten", "gang", "balkon"),
                                        G(2), T("slapen"))], negatable=False),
        rule("thuis.opgesloten", [*near(T("opsluiten"), HOME, 12),
                                  *near(seq(T("willen", "durven"), G(1), T("niet"), G(2), T("naar"), T("huis")),
                                        T("slapen", "logeren", "vannacht"), 12),
                                  seq(T("ergens"), T("anders"), T("slapen"))], negatable=False),
        rule("thuis.opgesloten_straf", [
            *near(T("opsluiten"), seq(T("als"), T("straf")), 10),
            *near(seq(T("sluiten"), ME, G(4), T("op")), seq(T("als"), T("straf")), 10),
        ], negatable=False),
        rule("thuis.familie_ongewenst", [
            seq(FAMILY, G(8), T("ding", "dingen"), G(1), T("die"), I, T("niet"), T("willen")),
            seq(FAMILY, G(8), T("aan"), G(2), T("zitten", "komen"), G(6), I, T("niet"), T("willen")),
        ], negatable=False),
        rule("thuis.familie_doet_pijn", [
            seq(abuse_single, G(3), T("door", "van"), G(1), FAMILY),
            *[seq(inj, G(5), T("van", "door"), G(1), FAMILY) for inj in INJURY],
        ]),
        rule("thuis.geweld_thuis", [
            *near(HOME, home_violence, 10),
            seq(T("bij"), T("ons"), G(6), home_violence),
        ]),
        rule("thuis.naar_huis_dan", [seq(T("naar"), T("huis"), G(4), T("dan"), G(2), home_violence)], negatable=False),
        rule("thuis.durf_niet_thuis", [
            seq(T("durven"), G(2), T("niet"), G(2), T("naar"), T("huis")),
            seq(T("durven"), G(2), T("niet"), G(2), T("thuis")),
        ], negatable=False),
        rule("thuis.bang_thuis", [
            seq(T("bang", "doodsbang"), G(4), T("thuis", "huis")),
            seq(T("thuis", "huis"), G(4), T("eng", "bang", "gevaarlijk")),
            seq(T("bang", "doodsbang"), G(1), T("voor"), G(1), FAMILY),
            seq(T("bang", "doodsbang"), G(1), T("voor"), G(1), T("vriend", "vriendin"), T("van"), G(1), FAMILY),
            seq(FAMILY, G(2), T("eng", "gevaarlijk")),
        ]),
        rule("thuis.niet_veilig", [
            seq(T("thuis", "huis"), G(4), T("niet", "nooit"), G(1), T("veilig")),
            seq(T("niet"), G(1), T("veilig"), G(2), T("thuis")),
            *near(T("onveilig"), T("thuis"), 3),
        ], negatable=False),
        rule("thuis.verwaarlozing", [
            *near(seq(T("geen", "zonder", "nooit", "niks", "niets", "niet"), G(3), T("eten")), HOME, 8),
            *near(seq(T("mogen"), T("niet"), T("eten")), FAMILY, 8),
            seq(T("krijgen"), G(2), T("nooit", "geen"), G(1), T("ontbijt", "lunch", "eten")),
            *near(seq(T("zonder"), G(3), T("ontbijt", "eten", "lunch", "jas")), T("weken", "vaak", "regelmatig", "steeds"), 6),
            seq(FAMILY, G(3), T("dagen", "weken", "nachten", "dag", "week"), T("weg")),
            seq(FAMILY, G(2), T("zijn"), G(1), T("nooit"), T("thuis", "er")),
            seq(FAMILY, G(2), T("zijn"), T("er"), T("nooit")),
            *near(seq(T("zonder"), T("ontbijt", "eten", "lunch")), T("vaak", "regelmatig", "steeds", "altijd"), 4),
            *near(T("onverklaarbaar", "onverklaarbare"), T("plek", "plekken", "wond", "wonden", "verwonding"), 3),
            *near(seq(T("geen", "zonder"), G(3), T("eten")), FAMILY, 8),
            seq(T("krijgen"), G(2), T("geen"), G(1), T("eten")),
            seq(T("dagen", "nachten", "weken", "weekend", "weekenden", "dagenlang"), G(1), T("alleen"), G(1), T("thuis")),
            *near(seq(T("niet", "nauwelijks", "bijna"), T("genoeg", "geen"), G(2), T("eten")), HOME, 8),
            *near(seq(T("niet", "nauwelijks", "bijna"), T("genoeg", "geen"), G(2), T("eten")), FAMILY, 8),
        ], negatable=False),
        rule("thuis.privacy_lichaam", [
            *near(T("douchen", "douche", "badkamer", "omkleden", "bad"),
                  T("binnenkomen", "binnen", "kijken", "gluren", "filmen", "loeren", "komen"), 6),
        ], requires=("flag.family",)),
        rule("thuis.straf", [seq(T("schuur", "kelder", "hok", "buiten", "gang", "balkon"), G(3), T("slapen"))],
             requires=("flag.family",)),
    ]


def _ambiguous() -> List[Rule]:
    return [
        rule("ambigu.niet_meer", [
            seq(I, A(2), T("willen", "kunnen"), A(2), T("het", "dit", "dat", op="?"), A(1), T("niet"), A(1), T("meer")),
        ], negatable=False, check=lambda doc, s, e: _clause_ends(doc, e)),
        rule("ambigu.niet_meer_aan", [
            seq(T("kunnen"), A(2), T("het", "dit", "dat", "alles"), A(2), T("niet"), A(1), T("meer", op="?"), A(1), T("aan")),
        ], negatable=False, check=lambda doc, s, e: _clause_ends(doc, e)),
        rule("ambigu.trekken", [
            seq(T("trekken"), A(1), T("het", "dit", "dat", "alles", "t"), A(2), T("niet"), T("meer", op="?")),
        ], negatable=False, check=lambda doc, s, e: _clause_ends(doc, e)),
        rule("ambigu.volhouden", [
            seq(T("houden"), A(1), T("het", "dit", "dat", "alles"), A(2), T("niet"), A(1), T("meer", op="?"), T("vol")),
            seq(T("niet"), A(1), T("meer", op="?"), T("volhouden")),
        ], negatable=False),
        rule("ambigu.niet_zitten", [
            seq(T("zien"), A(1), T("het"), A(2), T("niet"), A(1), T("meer"), A(1), T("zitten")),
        ], negatable=False),
        rule("ambigu.springen", [seq(I, A(2), T("willen", "ga", "gaan"), A(2), T("springen"))],
             negatable=False, check=lambda doc, s, e: _clause_ends(doc, e)),
        rule("ambigu.opgeven", [
            seq(I, T("zijn"), T("er"), T("helemaal", op="?"), T("klaar"), T("mee")),
            seq(I, T("geven"), T("het"), T("op")),
            seq(I, T("zijn"), T("op")),
            seq(I, T("willen"), A(1), T("weg")),
            seq(T("het", "alles"), T("hoeven"), A(2), T("niet"), T("meer")),
            seq(T("worden"), A(2), T("toch"), A(1), T("nooit"), T("beter")),
        ], negatable=False, check=lambda doc, s, e: _message_ends(doc, e)),
        rule("ambigu.geen_zin", [seq(T("het", "alles"), T("hebben"), A(2), T("geen"), T("zin"), A(1), T("meer"))],
             negatable=False, check=lambda doc, s, e: _clause_ends(doc, e)),
        rule("ambigu.zonder_ik", [seq(T("kunnen", "willen"), A(1), T("niet"), A(1), T("meer"))],
             negatable=False, check=lambda doc, s, e: s == 0 and _message_ends(doc, e)),
        rule("ambigu.stoppen_alles", [
            seq(T("willen"), A(2), T("stoppen", "ophouden"), T("met"), T("alles")),
            seq(T("willen"), A(2), T("met"), T("alles"), T("stoppen", "ophouden")),
            seq(T("willen"), A(1), T("dat"), T("alles"), T("stoppen", "ophouden")),
        ], negatable=False),
    ]


# Exceptions that recognise a harmless use of a danger word (an idiom, a game, the kitchen, sport,
# a joke); they also keep the classifier alone from raising an alarm (see ``SafetySignal.harmless``).
HARMLESS_USES = frozenset({
    "uitz.idioom_dood", "uitz.keuken_knutsel", "uitz.sport_materiaal", "uitz.overdrijving", "uitz.hyperbool_straf",
    "uitz.lachen_adem", "uitz.museum", "uitz.grap", "uitz.moe", "uitz.zacht_of_dier", "uitz.huisdier",
    "uitz.beeldspraak", "uitz.jeuk", "uitz.sport", "uitz.terugslaan", "uitz.idioom_steken", "uitz.buitensluiten",
})


def _exceptions() -> List[Exception_]:
    return [
        exception("uitz.idioom_dood", [
            seq(T("dood"), T("van"), G(2), T("lachen", "schaamte", "verveling", "honger", "dorst", "hitte",
                                             "warmte", "kou", "zenuwen", "spanning", "nieuwsgierigheid")),
            seq(T("lachen", "schamen", "vervelen", "ergeren", "schrikken", "werken", "zoeken", "lachen"),
                G(1), T("me", "mij", "ons", "zich", op="?"), G(1), T("dood")),
            seq(T("dood"), T("moe")),
            [T("doodgewoon", "doodnormaal", "doodstil", "doodmoe", "doodeng", "doodsaai", "doodleuk", "doodop",
               "doodzonde", "doodziek", "doodsbang")],
            seq(T("batterij", "accu", "telefoon", "mobiel", "laptop", "tablet", "ipad", "oplader", "controller",
                  "wifi", "internet", "plant", "spel", "personage", "karakter", "poppetje"), G(3), T("dood")),
        ], blocks=("crisis.",)),
        exception("uitz.ongeluk", [
            seq(T("per"), T("ongeluk")), [T("perongeluk")], seq(T("niet"), T("expres", "express")),
            seq(SELF_HARM_VERB, G(2), T("aan"), G(2), T("papier", "blad", "blaadje", "glas", "scherf", "spijker",
                                                           "hek", "schaar", "blik")),
        ], blocks=("crisis.zelfbeschadiging", "strafbaar.letsel", "strafbaar.geweld"), scope="doc"),
        exception("uitz.keuken_knutsel", [[T(
            "taart", "brood", "boterham", "appel", "groente", "fruit", "vlees", "kaas", "pizza", "koken", "bakken",
            "bestek", "vork", "lepel", "snijplank", "techniek", "knutselen", "hout", "karton", "handvaardigheid",
            "schillen", "smeren", "aardappel", "komkommer", "tomaat", "worst", "scouting", "cadeau", "kado",
            "verjaardag", "vissen", "kamperen", "keuken", "kok", "afwas", "afdrogen", "knoflook", "ui", "uien",
            "appels", "traktatie", "klassentraktatie", "groenten",
            "kamp", "marshmallow", "marshmallows", "puntig", "kookles", "vinger", "kerstboom", "boom", "bomen",
            "omhakken", "brandhout")], seq(T("om"), T("mee"), T("te"), T("snijden"))],
            blocks=("acuut.wapen", "thuis.wapen"), scope="doc"),
        exception("uitz.buitensluiten", [seq(T("sluiten"), ME, G(2), T("buiten")), [R(r"^buiten(ge)?sl[ou]")]],
                  blocks=("acuut.vastgehouden",)),
        exception("uitz.huisdier", [seq(T("hamster", "kat", "hond", "konijn", "vis", "visje", "cavia", "vogel", "poes",
                                          "parkiet", "goudvis", "muis"), G(3), T("dood"))], blocks=("crisis.",)),
        exception("uitz.sport_materiaal", [
            seq(T("knuppel", "knuppels", "bat", "stick"), G(8), T("bal", "honkbal", "slagbal", "softbal")),
            seq(T("bal", "honkbal", "slagbal", "softbal"), G(8), T("knuppel", "knuppels", "bat")),
        ], blocks=("acuut.wapen",), scope="doc"),
        exception("uitz.overdrijving", [
            [T("cijfer", "onvoldoende", "toets", "proefwerk", "rapport", "tentamen", "overhoring", "lol", "haha",
               "hahaha", "xd", "grapje")],
            [R(r"[\U0001F480\U0001F602\U0001F923]")],
        ], blocks=("crisis.leven_voorbij",), scope="doc"),
        exception("uitz.hyperbool_straf", [
            *near(LETHAL, T("cijfer", "onvoldoende", "toets", "rapport", "proefwerk", "huiswerk", "kamer", "laat",
                            "vergeten", "kwijt", "opruimen"), 10),
        ], blocks=("thuis.familie_geweld", "strafbaar.dreiging_gezegd", "strafbaar.dreiging_voorwaarde"), scope="doc"),
        exception("uitz.lachen_adem", [seq(T("van"), T("het"), T("lachen"))], blocks=("acuut.adem",), scope="doc"),
        exception("uitz.fictie", [[T("game", "games", "gamen", "fortnite", "minecraft", "roblox", "gta", "film",
                                     "serie", "boek", "toneelstuk", "toneel", "verhaal", "netflix", "museum",
                                     "geschiedenis", "oorlog", "spel", "duty", "shooter", "airsoft", "paintball",
                                     "nerf", "playstation", "xbox", "ps5", "lego", "playmobil", "speelgoed",
                                     "among", "impostor", "imposter", "level", "potje", "leger", "militair", "soldaat",
                                     "defensie", "jager", "jacht", "schietvereniging", "cod",
                                     "valorant", "warzone", "apex", "brawl", "brawlstars", "clash")]],
                  blocks=("acuut.wapen", "thuis.wapen"), scope="doc"),
        exception("uitz.museum", [[R(r"(museum|oorlog)")]], blocks=("acuut.wapen",), scope="doc"),
        exception("uitz.game", [[T("game", "games", "gamen", "fortnite", "minecraft", "roblox", "gta", "cod", "among",
                                   "impostor", "imposter", "level", "potje", "valorant", "warzone", "shooter",
                                   "playstation", "xbox", "ps5", "spel")]],
                  blocks=("acuut.aanslag", "strafbaar.dreiging_voorwaarde"), scope="doc"),
        exception("uitz.grap", [*each(JOKE, lambda j: near(LETHAL, j, 15))],
                  blocks=("strafbaar.dreiging", "thuis.familie_geweld", "acuut.dreiging"), scope="doc"),
        exception("uitz.moe", [*near(T("kunnen"), T("gym", "rennen", "lachen", "parcours", "moordparcours", "training",
                                                     "voetbal", "sport", "conditie", "hardlopen", "zwemmen"), 10)],
                  blocks=("ambigu.",), scope="doc"),
        exception("uitz.sociale_media", [[PLATFORM], [T("online", "ontvolgen", "unfollow")]],
                  blocks=("acuut.gevolgd",), scope="doc"),
        exception("uitz.zacht_of_dier", [
            seq(HIT, G(3), T("met"), G(1), T("kussen", "kussentje", "sneeuwbal", "sneeuwballen", "waterpistool", "knuffel")),
            seq(HIT, G(2), T("mug", "vlieg", "wesp", "spin", "mugje"), G(1), T("dood", op="?")),
            *near(LETHAL, T("spin", "spinnen", "mug", "muggen", "vlieg", "vliegen", "wesp", "mier", "mieren"), 6),
            seq(T("voor"), T("de"), T("grap")), [T("stoeien", "kussengevecht")],
        ], blocks=("thuis.familie_geweld", "strafbaar.geweld", "acuut.geweld_nu")),
        exception("uitz.beeldspraak", [
            seq(T("voelen"), G(2), T("opsluiten")),
            seq(T("opsluiten"), G(3), T("gedachte", "gedachten", "hoofd", "lichaam", "wereld")),
            seq(T("verdwijnen"), T("onder", "in"), G(2), T("grond", "deken", "dekbed", "bed", "kast")),
            seq(T("zakken"), G(2), T("grond")),
        ], blocks=("acuut.vastgehouden", "crisis.verdwijnen")),
        exception("uitz.jeuk", [[T("jeuk", "muggenbult", "muggenbulten", "eczeem", "muggenbeet", "jeukt")]],
                  blocks=("crisis.zelfbeschadiging",), scope="doc"),
        exception("uitz.sport", [
            seq(T("slaan", "schieten", "schoppen", "trappen", "gooien", "stompen", "raken"), G(3),
                T("bal", "balletje", "puck", "shuttle", "doel", "goal", "penalty", "pion")),
            seq(T("bal", "balletje", "puck", "shuttle"), G(3), T("slaan", "schieten", "schoppen", "trappen")),
        ], blocks=("acuut.", "strafbaar.", "thuis.")),
        exception("uitz.terugslaan", [seq(T("terug"), G(2), T("slaan", "schoppen", "trappen", "meppen")),
                                       seq(T("slaan", "schoppen", "trappen", "meppen"), G(2), T("terug"))],
                  blocks=("acuut.", "strafbaar.", "thuis.")),
        exception("uitz.idioom_steken", [
            seq(T("draak"), G(2), T("steken")), seq(T("steken"), G(2), T("draak")), seq(T("lek"), G(1), T("steken")),
            seq(T("in"), G(1), T("lach"), G(1), T("schieten")), seq(T("schieten"), G(1), T("in"), G(1), T("lach")),
            seq(T("slaan"), G(2), T("alarm")), seq(T("slaan"), G(2), T("over")),
            seq(T("slaan", "gooien", "trappen", "schoppen"), G(3), T("deur", "boek", "laptop", "kast"), G(1), T("dicht")),
        ], blocks=("acuut.", "strafbaar.", "thuis.")),
        exception("uitz.geen_nu", [
            seq(T("nu"), T("al", "alweer")), seq(T("tot"), T("nu"), T("toe")),
            seq(T("en"), T("nu"), T("zijn", "hebben", "moeten", "zitten", "liggen", "kunnen")),
            seq(T("nu"), T("en"), T("dan")),
        ], blocks=("flag.imminent", "acuut.geweld_nu")),
        exception("uitz.vertrouwd_wacht", [
            seq(FAMILY, G(5), T("wachten")),
            seq(T("vriend", "vriendin", "juf", "meester", "mentor", "bus", "taxi", "trein"), G(3), T("wachten")),
            seq(T("wachten"), T("op"), G(1), T("bus", "trein", "vriend", "vriendin", "moeder", "vader", "beurt")),
        ], blocks=("acuut.opgewacht",)),
        exception("uitz.dreigen_mild", [
            seq(R(r"dreig"), G(4), T("uit"), G(2), T("groep", "groepsapp", "app", "team", "club", "klas", "vriendengroep")),
            seq(R(r"dreig"), G(2), T("regenen", "onweren", "mislukken")),
        ], blocks=("strafbaar.dreigen",)),
        exception("uitz.voorlichting", [
            seq(T("seksueel", "seks", "sex", "seksualiteit"), G(1), T("voorlichting", "opvoeding", "les", "lessen",
                                                                     "onderwijs", "vorming")),
            seq(T("voorlichting", "les", "lessen", "spreekbeurt", "werkstuk"), G(2), T("over"), G(1), SEX),
        ], blocks=("strafbaar.seksueel", "thuis.familie_geweld")),
    ]


# --------------------------------------------------------------------------------------------
# Engine
# --------------------------------------------------------------------------------------------

_CATEGORY = {
    "crisis": SafetyCategory.CRISIS,
    "acuut": SafetyCategory.ACUUT_GEVAAR,
    "strafbaar": SafetyCategory.STRAFBAAR_FEIT,
    "thuis": SafetyCategory.ONVEILIG_THUIS,
}


class _Engine:
    """The compiled rules: one Matcher for rules and exceptions, then the filtering steps."""

    def __init__(self) -> None:
        from spacy.matcher import Matcher

        from bot.nlp.pipeline import load_nlp

        self.rules: Dict[str, Rule] = {}
        self.exceptions: Dict[str, Exception_] = {}
        for r in _flags() + _crisis() + _acute() + _crime() + _home() + _ambiguous():
            self.rules[r.name] = r
        for x in _exceptions():
            self.exceptions[x.name] = x
        self.matcher = Matcher(load_nlp().vocab, validate=True)
        for name, item in {**self.rules, **self.exceptions}.items():
            self.matcher.add(name, [list(p) for p in item.patterns])
        self.keywords: FrozenSet[str] = frozenset(_KEYWORDS)

    @staticmethod
    def _negated(doc, start: int, end: int) -> bool:
        """A negation just before the match, or near its end ("hij heeft geen mes", "slaat me niet")."""
        window = set(range(max(0, start - 1), start)) | set(range(max(0, end - 4), min(len(doc), end + 2)))
        for i in sorted(window):
            if doc[i].norm_ in NEG:
                following = doc[i + 1].norm_ if i + 1 < len(doc) else ""
                if following not in {"alleen", "zomaar", "normaal"}:
                    return True
        return False

    def run(self, doc) -> SafetySignal:
        """Match, drop what exceptions, negation, checks, flags and ``unless`` rule out, rank."""
        found: Dict[str, List[Tuple[int, int]]] = {}
        for match_id, start, end in self.matcher(doc):
            found.setdefault(doc.vocab.strings[match_id], []).append((start, end))

        doc_blocks: List[str] = []
        span_blocks: List[Tuple[int, int, Tuple[str, ...]]] = []
        for name, spans in found.items():
            x = self.exceptions.get(name)
            if x is None:
                continue
            if x.scope == "doc":
                doc_blocks.extend(x.blocks)
            else:
                span_blocks.extend((s, e, x.blocks) for s, e in spans)

        def blocked(name: str, start: int, end: int) -> bool:
            if any(name.startswith(p) for p in doc_blocks):
                return True
            return any(any(name.startswith(p) for p in blocks) and s < end and start < e
                       for s, e, blocks in span_blocks)

        def valid(name: str, start: int, end: int) -> bool:
            r = self.rules[name]
            if blocked(name, start, end):
                return False
            if r.negatable and self._negated(doc, start, end):
                return False
            return r.check is None or bool(r.check(doc, start, end))

        live = {name for name, spans in found.items()
                if name in self.rules and any(valid(name, s, e) for s, e in spans)}
        kept: Set[str] = set()
        for name in live:
            r = self.rules[name]
            if any(req not in live for req in r.requires):
                continue
            if any(other.startswith(p) for p in r.unless for other in live if other != name):
                continue
            kept.add(name)

        if len({n for n in kept if n.startswith("flag.afscheid.")}) >= 2:
            kept.add("crisis.afscheid")
        signals = sorted(n for n in kept if not n.startswith("flag."))
        present = {_CATEGORY[n.split(".", 1)[0]] for n in signals if n.split(".", 1)[0] in _CATEGORY}
        ranked = _rank(present, kept)
        category = ranked[0] if ranked else None
        ambiguous = category is None and any(n.startswith("ambigu.") for n in signals)
        harmless = tuple(sorted(n for n in found if n in HARMLESS_USES))
        return SafetySignal(category=category, ambiguous=ambiguous, matched=tuple(signals), also=tuple(ranked[1:]),
                            harmless=harmless)


def _rank(present: Set[SafetyCategory], kept: Set[str]) -> List[SafetyCategory]:
    """The categories in ``PRIORITY`` order, except that acute danger nothing places *now*
    (no ``flag.imminent``, only ``NOT_NOW_ACUTE`` rules) comes after home, and after a crime
    that is over (``flag.past``) or a conditional threat."""
    ranked = [c for c in PRIORITY if c in present]
    acute = {n for n in kept if n.startswith("acuut.")}
    if not acute or "flag.imminent" in kept or not acute <= NOT_NOW_ACUTE:
        return ranked
    home = any(n.startswith("thuis.") and n not in WEAK_HOME_SIGNS for n in kept)
    crime = SafetyCategory.STRAFBAAR_FEIT in present and ("flag.past" in kept or kept & CONDITIONAL_THREAT)
    if not (home or crime):
        return ranked
    after = SafetyCategory.ONVEILIG_THUIS if home else SafetyCategory.STRAFBAAR_FEIT
    ranked.remove(SafetyCategory.ACUUT_GEVAAR)
    ranked.insert(ranked.index(after) + 1, SafetyCategory.ACUUT_GEVAAR)
    return ranked


@lru_cache(maxsize=1)
def _engine() -> _Engine:
    return _Engine()


@lru_cache(maxsize=1)
def _sorted_keywords() -> Tuple[str, ...]:
    return tuple(sorted(_engine_keywords()))


def _engine_keywords() -> FrozenSet[str]:
    """Words the rules look for (for typo repair)."""
    return _engine().keywords
