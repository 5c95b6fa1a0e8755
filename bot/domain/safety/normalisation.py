"""Pupils' text to the canonical lemmas the rules match on.

Two steps: ``normalise`` repairs pupils' spelling before
tokenising (``k`` -> ``ik``, ``nie`` -> ``niet``, ``mn`` -> ``mijn``); ``canonical_lemma`` gives
each token the lookup lemma, corrected by a table of irregular forms the lookup lacks (``wil`` ->
``willen``), with accents stripped, separable-prefix participles folded (``opengesneden`` ->
``opensnijden``), and a dropped final ``-n`` or a one-letter typo in a word the rules look for
repaired (``leve``, ``zelfmord``). Which words the rules look for is passed in (``Keywords``, built
by the engine from its rules), so this module knows nothing of the rules.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import FrozenSet, Iterable, Mapping, Tuple

_APOSTROPHES: Mapping[int, str] = MappingProxyType(str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"}))

# Pupils' spellings, as whole words, to standard Dutch (applied before tokenising).
_SPELLING: Mapping[str, str] = MappingProxyType({
    "k": "ik", "kwil": "ik wil", "kben": "ik ben", "kheb": "ik heb", "kan'k": "kan ik",
    "kweet": "ik weet", "kzit": "ik zit", "kga": "ik ga", "kmoet": "ik moet", "kvoel": "ik voel", "kdenk": "ik denk",
    "mn": "mijn", "m'n": "mijn", "mijne": "mijn", "zn": "zijn", "z'n": "zijn",
    "nie": "niet", "ni": "niet", "nit": "niet", "nt": "niet", "kn": "kan",
    "ie": "hij", "em": "hem", "ff": "even", "wnt": "want", "omda": "omdat", "wrm": "waarom",
    "nx": "niks", "niemd": "niemand", "gwn": "gewoon", "egt": "echt", "mss": "misschien",
    "s nachts": "'s nachts", "snachts": "'s nachts", "savonds": "'s avonds",
    "s avonds": "'s avonds", "smiddags": "'s middags", "s middags": "'s middags",
    "zelf moord": "zelfmoord", "self harm": "selfharm", "zelf harm": "selfharm",
    # more "k" contractions, Flemish "da"/"et", a vowel left out of a parent
    "kdurf": "ik durf", "kkan": "ik kan", "kwou": "ik wou", "khad": "ik had", "kword": "ik word", "kzag": "ik zag",
    "da": "dat", "et": "het", "vadr": "vader", "moedr": "moeder", "wort": "wordt",
})
_SPELLING_RE = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(k) for k in sorted(_SPELLING, key=len, reverse=True)) + r")(?![\w'])"
)
_REPEATS = re.compile(r"([a-z])\1{2,}")


def normalise(text: str) -> str:
    """Lower-case, plain apostrophes, long letter runs shortened, pupils' spellings repaired."""
    text = text.lower().translate(_APOSTROPHES)
    text = _REPEATS.sub(r"\1\1", text)
    return _SPELLING_RE.sub(lambda m: _SPELLING[m.group(1)], text)


def strip_accents(word: str) -> str:
    """``é`` -> ``e``: pupils type accents or leave them out, the rules ignore them."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


# Forms the lookup table lacks or maps oddly; value is the canonical lemma.
_FORMS: Mapping[str, Tuple[str, ...]] = MappingProxyType({
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
    "eten": ("eet", "at"),
    "zetten": ("zet", "gezet"),
    "bedenken": ("bedenk", "bedacht", "bedachten"),
    "afspreken": ("afgesproken",),
    "twijfelen": ("twijfel", "twijfelt", "twijfelde", "getwijfeld"),
    "verstoppen": ("verstop", "verstopt", "verstopte", "verstopten"),
    "slepen": ("sleep", "sleept", "sleepte", "sleepten", "gesleept"),
    "kloppen": ("klop", "klopt", "klopte", "geklopt"),
    "omsingelen": ("omsingel", "omsingelt", "omsingeld", "omsingelde", "omsingelden"),
    "beetpakken": ("beetgepakt",),
    "aanzetten": ("aanzet", "aangezet"),
    "uitkleden": ("uitkleed", "uitkleedt", "uitgekleed"),
    "vastbinden": ("vastgebonden", "vastbind", "vastbindt"),
    "thuiskomen": ("thuisgekomen", "thuiskom", "thuiskomt"),
    "stoppen": ("stop", "stopt", "stopte", "stopten", "gestopt"),
    "slapen": ("slaap", "slaapt", "sliep", "sliepen", "geslapen"),
    "besluiten": ("besluit", "besloot", "besloten"),
    "verwijderen": ("verwijder", "verwijdert", "verwijderde", "verwijderden", "verwijderd"),
    "kotsen": ("kots", "kotst", "kotste", "kotsten", "gekotst"),
})
_OVERRIDE: Mapping[str, str] = MappingProxyType({
    **{form: lemma for lemma, forms in _FORMS.items() for form in forms},
    **{lemma: lemma for lemma in _FORMS},
    "mezelf": "mezelf", "mijzelf": "mezelf", "meself": "mezelf", "mzelf": "mezelf",
    "naaktfoto's": "naaktfoto", "foto's": "foto", "fotos": "foto", "pics": "pic",
    "ouders": "ouders", "pillen": "pil", "messen": "mes", "mesje": "mes", "dingen": "ding",
    # Real words one letter away from a danger word: never "repair" them as typos.
    "gemeld": "melden", "breuken": "breuk", "schaam": "schamen", "geachte": "geacht",
    "woorden": "woord", "vrienden": "vriend", "schoot": "schieten",
    "ma": "ma",  # a mother, not "man" (the lookup table's lemma)
    # Pronouns stay themselves (the lookup table maps "mij" to "mijn").
    **{p: p for p in ("ik", "me", "mij", "je", "jij", "jou", "hij", "hem", "zij", "ze", "haar",
                      "wij", "we", "ons", "jullie", "hun", "hen", "mijn", "zijn", "het")},
})

# Separable or compound prefixes: "opengesneden" -> "open" + snijden.
_PREFIXES = ("open", "door", "neer", "kapot", "dood", "in", "af", "op", "mee", "weg", "uit", "aan")


@lru_cache(maxsize=1)
def _lookup():
    """spaCy's Dutch lemma lookup table and its lemmas, read once (a read-only cache)."""
    from spacy.lookups import load_lookups

    table = load_lookups("nl", ["lemma_lookup"]).get_table("lemma_lookup")
    return table, frozenset(table.values())


def lemma_table():
    """spaCy's Dutch lemma lookup table as the rules read it (to be shared, not copied)."""
    return _lookup()[0]


def known(word: str) -> bool:
    """A word the lemma tables know: never "repaired" as a typo."""
    table, lemmas = _lookup()
    return word in _OVERRIDE or word in table or word in lemmas


def lemma(word: str, spacy_lemma: str = "") -> str:
    """The lemma of one lower-case word: our table, spaCy's lookup, spaCy's lemma, a folded prefix."""
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


def within_one_edit(a: str, b: str) -> bool:
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


@dataclass(frozen=True)
class Keywords:
    """The words the rules look for: typos of these are repaired, and they are never "repaired".

    ``ordered`` is the same words sorted, so that the first close keyword, and so the repair, is
    the same in every process (a set's order depends on the hash seed).
    """

    words: FrozenSet[str]
    ordered: Tuple[str, ...]

    @classmethod
    def of(cls, words: Iterable[str]) -> "Keywords":
        found = frozenset(words)
        return cls(found, tuple(sorted(found)))


def canonical_lemma(lower: str, spacy_lemma: str, keywords: Keywords) -> str:
    """The canonical lemma the rules match on, typos of ``keywords`` repaired (see the docstring)."""
    word = strip_accents(lower)
    found = strip_accents(lemma(word, strip_accents(spacy_lemma.lower())))
    if known(word) or not word.isalpha():
        return found
    if word in keywords.words:  # a word the rules look for is never "repaired" into another one
        return found
    if word + "n" in keywords.words:  # dropped final -n: "leve", "sterve"
        return lemma(word + "n")
    if word.startswith("ge") and word.endswith("e") and known(word + "n"):  # a participle without -n: "geslage"
        return lemma(word + "n")
    if word.startswith("ge") and word.endswith("t") and known(word[:-1] + "d"):  # -t for -d: "gezegt", "gespaart"
        return lemma(word[:-1] + "d")
    if len(word) >= 6:
        for key in keywords.ordered:  # a fixed order: the same repair in every process
            if len(key) >= 6 and key[0] == word[0] and within_one_edit(word, key):
                return lemma(key)
    return found
