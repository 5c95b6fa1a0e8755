"""The school-domain vocabulary: entity labels, their canonical values and how pupils say them.

One table feeds both the spaCy entity ruler (``bot.language.pipeline``) and the normaliser that
turns a recognised span back into its canonical value (``bot.language.entities``).

A term is either a phrase (matched on its lemmas *and* on its lower-case words, so
inflections match) or a raw spaCy token pattern (a list of dicts) for separable verbs,
compounds and common misspellings.
"""
from __future__ import annotations

from typing import Dict, List, Union

Term = Union[str, List[dict]]

# Entity labels (also the entity names in domain.yml).
KIND = "soort"  # kind of bullying
PLACE = "plek"  # where it happens
PLATFORM = "platform"  # app or platform (online bullying)
MOMENT = "moment"  # when it happens
FREQUENCY = "frequentie"  # how often
SCHOOL_ROLE = "schoolrol"  # roles in and around school

# One optional small word in the gap of a separable verb ("ze schelden me uit"). Deliberately
# not any word: a wider gap would swallow "elke dag" or "in de pauze" into the verb's span.
ANY = {"LOWER": {"IN": [
    "me", "mij", "je", "jou", "hem", "haar", "ons", "hen", "hun", "ze", "zij", "er", "ook",
    "weer", "gewoon", "echt", "expres", "steeds", "nog", "allemaal", "mn", "m'n", "mijn", "zijn",
]}, "OP": "?"}


def rx(pattern: str) -> dict:
    """A single token whose lower-case text matches ``pattern``."""
    return {"LOWER": {"REGEX": pattern}}


VOCABULARY: Dict[str, Dict[str, List[Term]]] = {
    KIND: {
        "schelden": [
            "uitschelden", "schelden", "scheldwoord", "scheldnaam", "naam roepen",
            "rare namen", "lelijke namen", "uitmaken voor",
            [rx(r"^(uit)?(ge)?sch[eo]ld")],
            [rx(r"^(scheld|schold)(en|t|)$"), ANY, ANY, ANY, {"LOWER": "uit"}],
            [rx(r"^maak|maakt|maken|maakten|maakte$"), ANY, ANY, {"LOWER": "uit"}, {"LOWER": "voor"}],
        ],
        "uitlachen": [
            "uitlachen", "belachelijk maken", "voor schut zetten", "lachen om", "na-apen",
            "naäpen", "nadoen", "grappen over", "vernederen", "vernederd",
            [rx(r"^(uit)?(ge)?lach")],
            [rx(r"^lach(en|t|ten)?$"), ANY, ANY, {"LOWER": "uit"}],
        ],
        "buitensluiten": [
            "buitensluiten", "negeren", "niet mee mogen doen", "niet meedoen", "alleen laten",
            "niemand wil met mij", "geen vrienden", "uit de groep", "uit de groepsapp gezet",
            "doen alsof ik lucht ben",
            [rx(r"^buiten(ge)?sl[ou]")],
            [rx(r"^(sluit|sluiten|sloten)$"), ANY, ANY, ANY, {"LOWER": "buiten"}],
            [rx(r"^(ge)?negeer")],
            [{"LOWER": {"IN": ["mag", "mocht", "mogen"]}}, {"LOWER": "niet"}, ANY, {"LOWER": {"IN": ["meedoen", "meespelen", "mee"]}}],
        ],
        "fysiek": [
            "slaan", "schoppen", "duwen", "trappen", "stompen", "knijpen", "vechten",
            "pijn doen", "tegen de grond", "haren trekken", "spugen", "laten struikelen",
            "beuken", "meppen", "klappen",
            [rx(r"^(ge)?(sla|slaa|sloeg|slaat|schop|trap|duw|stomp|knijp|mep|spuug|spuugd|spuw|bespuug|beuk)")],
            [rx(r"^(ge)?(slagen|geslagen|geschopt|geduwd|getrapt|gestompt|geknepen|bespuugd|gespuugd)$")],
        ],
        "spullen": [
            "spullen afpakken", "afpakken", "stelen", "kapotmaken", "verstoppen", "jas verstoppen",
            "tas", "pakken mijn", "kapot maken",
            [rx(r"^(af)?(ge)?pak(t|ken|te|ten)$"), ANY, ANY, {"LOWER": "af"}],
            [rx(r"^(af)?gepakt$|^afpak")],
            [rx(r"^(ge)?(stol|steel|steelt|stelen|gestolen|verstop|verstopt|kapotgemaakt)")],
            [rx(r"^spullen$")],
        ],
        "roddelen": [
            "roddelen", "roddel", "leugens vertellen", "praten achter mijn rug", "achter mijn rug",
            "geruchten", "verhalen verspreiden",
            [rx(r"^(ge)?roddel")],
            [rx(r"^(leugen|gerucht)")],
        ],
        "bedreigen": [
            "bedreigen", "dreigen", "bedreiging", "afpersen", "chanteren", "bang maken",
            [rx(r"^(be)?(ge)?dreig")],
            [rx(r"^(af)?(ge)?pers|^chant")],
        ],
        "online": [
            "online", "cyberpesten", "internet", "appen", "berichtjes", "berichten", "dm",
            "dms", "chat", "reacties", "comments", "social media",
            [rx(r"^cyber|^online$|^ge-?app")],
        ],
        "beelden": [
            "foto", "filmpje", "video", "screenshot", "naaktfoto", "nudes", "plaatjes",
            "foto's delen", "filmen", "opnemen",
            [rx(r"^(naakt)?(foto|filmp|video|screensh|nude|plaatj|meme)")],
            [rx(r"^(ge)?film(d|de|den|t)?$")],
        ],
        "nepaccount": [
            "nepaccount", "nep account", "fake account", "nepprofiel", "account hacken",
            "gehackt", "doen alsof ze mij zijn",
            [rx(r"^(nep|fake)(account|profiel|acc)")],
            [rx(r"^(ge)?hack")],
        ],
        "discriminatie": [
            "discriminatie", "discrimineren", "racisme", "om mijn huidskleur", "om mijn geloof",
            "homo", "om mijn afkomst", "omdat ik anders ben", "om mijn uiterlijk",
            [rx(r"^discrimin|^racis|^homo|^flikker|^mietje|^lesbo")],
        ],
        "seksueel": [
            "aanraken", "aan mijn lichaam", "billen", "borsten", "seksueel", "ongewenst",
            [rx(r"^(aan)?(ge)?raak|^betast|^(ge)?knuffel|^seks|^grabbel")],
        ],
    },
    PLACE: {
        "klas": ["klas", "klaslokaal", "lokaal", [rx(r"^(klas|lokaal|lokalen|klaslokaal)")]],
        "gang": ["gang", "trap", "hal", "gangen", [rx(r"^(gang|gangen|trappenhuis|trap|hal)$")]],
        "kleedkamer": ["kleedkamer", "omkleden", "douche", [rx(r"kleedkamer|^douche|^omkle")]],
        "gymzaal": ["gymzaal", "gym", "sporthal", [rx(r"^gym|^sporthal|^sportveld|^lo$")]],
        "schoolplein": ["schoolplein", "plein", "speelplaats", "buiten spelen", "achter het muurtje",
                         "achter de containers", [rx(r"plein$|^speelplaats|^speelpl|^muurtje|^container")]],
        "wc": ["wc", "toilet", "wc's", [rx(r"^(wc|wcs|toilet|toiletten|wc's)$")]],
        "kantine": ["kantine", "aula", "overblijf", "overblijven", "lunch", [rx(r"^(kantine|aula|overblij|lunchruimte)")]],
        "kapstokken": ["kapstok", "kluisjes", "kluis", [rx(r"^(kapstok|kluis)")]],
        "fietsenstalling": ["fietsenstalling", "fietsenhok", "stalling", [rx(r"^fiets(en)?(stalling|hok)")]],
        "onderweg": ["onderweg", "op weg naar school", "op weg naar huis", "in de bus", "bushalte",
                      "op de fiets", "naar huis lopen", [rx(r"^(onderweg|bushalte|bus|tram|metro|trein)$")]],
        "online": ["op internet", "op mijn telefoon", "op social media", "op socials"],
        "buiten_school": ["buiten school", "in de wijk", "bij mij in de straat", "sportclub", "voetbal",
                           "op straat", [rx(r"^(sportclub|voetbalclub|straat|wijk|buurt)$")]],
    },
    PLATFORM: {
        "whatsapp": ["whatsapp", "wa", "app", "groepsapp", [rx(r"^whats?app|^w?app(je|jes|groep)$|^groepsapp")]],
        "snapchat": ["snapchat", "snap", "snappen", [rx(r"^snap")]],
        "instagram": ["instagram", "insta", "ig", [rx(r"^insta")]],
        "tiktok": ["tiktok", "tik tok", [rx(r"^tik-?tok")]],
        "discord": ["discord", [rx(r"^discord")]],
        "roblox": ["roblox", [rx(r"^roblox")]],
        "fortnite": ["fortnite", [rx(r"^fortnite")]],
        "minecraft": ["minecraft", [rx(r"^minecraft")]],
        "youtube": ["youtube", [rx(r"^youtube")]],
        "telegram": ["telegram", [rx(r"^telegram")]],
        "game": ["gamen", "game", "online spel", [rx(r"^gam(e|en|es|ing)$")]],
    },
    MOMENT: {
        "pauze": ["pauze", "in de pauze", "speelkwartier", "tussenuur", "kleine pauze", "grote pauze",
                   [rx(r"pauze|^speelkwartier|^tussenuur")]],
        "tijdens_les": ["tijdens de les", "in de les", "onder de les", "als de juf weg is", "als de meester weg is",
                         [{"LOWER": {"IN": ["tijdens", "onder", "in"]}}, {"LOWER": "de", "OP": "?"}, {"LOWER": {"REGEX": r"^les(sen)?$"}}]],
        "gym": ["tijdens gym", "bij gym", "na gym", "gymles", [{"LOWER": {"IN": ["tijdens", "bij", "na", "voor"]}}, rx(r"^gym")]],
        "voor_school": ["voor school", "voor schooltijd", "'s ochtends", "smorgens", "s ochtends", "voor de bel",
                         [{"LOWER": "voor"}, rx(r"^school(tijd)?$")]],
        "na_school": ["na school", "na schooltijd", "uit school", "als school uit is", "naar huis",
                       [{"LOWER": "na"}, rx(r"^school(tijd)?$")]],
        "avond_online": ["'s avonds", "s avonds", "savonds", "in de avond", "'s nachts", "snachts", "avond",
                          [rx(r"^('?s)?avonds$|^('?s)?nachts$")]],
        "weekend": ["weekend", "in het weekend", "zaterdag", "zondag", [rx(r"^(weekend|zaterdag|zondag)")]],
    },
    FREQUENCY: {
        "elke_dag": ["elke dag", "iedere dag", "dagelijks", "de hele tijd", "steeds", "altijd", "constant",
                      "elke pauze", "elke ochtend", "elke les", "ieder uur", "non stop", "nonstop",
                      [{"LOWER": {"IN": ["elke", "iedere", "elk", "ieder", "alle"]}}, rx(r"^(dag|dagen|pauze|pauzes|les|lessen|ochtend|uur)$")],
                      [rx(r"^(dagelijks|altijd|steeds|constant|continu|nonstop|elkedag|iederedag)$")]],
        "paar_keer_per_week": ["een paar keer per week", "paar keer per week", "vaak", "heel vaak",
                                "meerdere keren per week", "om de dag", "bijna elke dag", "2 keer per week",
                                "3 keer per week", "twee keer per week", "drie keer per week",
                                [{"LOWER": {"IN": ["paar", "2", "3", "4", "twee", "drie", "vier", "meerdere", "een"]}}, rx(r"^keer$|^x$"), {"LOWER": {"IN": ["per", "in", "de"]}}, rx(r"^week$")]],
        "elke_week": ["elke week", "iedere week", "wekelijks", "een keer per week", "1 keer per week",
                       [{"LOWER": {"IN": ["elke", "iedere", "elk", "ieder"]}}, rx(r"^week$")]],
        "soms": ["soms", "af en toe", "een paar keer", "paar keer", "nu en dan", "ab en toe", "zo nu en dan",
                  [rx(r"^soms$")]],
        "een_keer": ["een keer", "1 keer", "één keer", "eenmalig", "vandaag voor het eerst",
                      [rx(r"^(eenmalig|eenkeer|1x)$")]],
    },
    SCHOOL_ROLE: {
        "mentor": ["mentor", "mentrix", [rx(r"^mentor")]],
        "leerkracht": ["leraar", "lerares", "juf", "meester", "docent", "docente", "leerkracht",
                        [rx(r"^(juf|meester|docent|leraar|lerares|leerkracht)")]],
        "gymdocent": ["gymleraar", "gymdocent", "gymjuf", "gymmeester", [rx(r"^gym(leraar|docent|juf|meester)")]],
        "aanspreekpunt": ["aanspreekpunt", "aanspreekpunt pesten", "anti-pest coördinator", "pestcoördinator",
                           [rx(r"^aanspreekpunt|coordinator|coördinator")]],
        "vertrouwenspersoon": ["vertrouwenspersoon", [rx(r"^vertrouwens(persoon|docent|juf)")]],
        "directie": ["directeur", "directrice", "rector", "conrector", "directie", "teamleider",
                      [rx(r"^(directeur|directrice|directie|rector|conrector|teamleider|afdelingsleider)")]],
        "intern_begeleider": ["intern begeleider", "ib'er", "ib", "zorgcoördinator", [rx(r"^(ib'?er|zorgco)")]],
        "conciërge": ["conciërge", "concierge", "conci", [rx(r"^conci")]],
        "overblijfkracht": ["overblijfjuf", "overblijfkracht", "tso", "pleinwacht", "surveillant",
                             [rx(r"^(overblijf|pleinwacht|surveil|tso$)")]],
        "ouders": ["ouders", "mijn moeder", "mijn vader", "mama", "papa", "mams", "paps",
                    [rx(r"^(ouders|moeder|vader|mama|papa|mam|pap|mams|paps|stiefvader|stiefmoeder)$")]],
    },
}

# Readable Dutch names for canonical values, for summaries and buttons.
LABELS: Dict[str, str] = {
    "schelden": "uitschelden", "uitlachen": "uitlachen of belachelijk maken",
    "buitensluiten": "buitensluiten of negeren", "fysiek": "slaan, schoppen of duwen",
    "spullen": "spullen afpakken of kapotmaken", "roddelen": "roddelen of leugens",
    "bedreigen": "bedreigen", "online": "online pesten", "beelden": "foto's of filmpjes",
    "nepaccount": "nepaccount of hacken", "discriminatie": "pesten om wie je bent",
    "seksueel": "ongewenst aanraken of seksuele opmerkingen", "anders": "iets anders",
    "klas": "in de klas", "gang": "in de gang", "kleedkamer": "in de kleedkamer",
    "gymzaal": "bij gym of in de gymzaal", "schoolplein": "op het schoolplein", "wc": "bij de wc",
    "kantine": "in de kantine of aula", "kapstokken": "bij de kapstokken of kluisjes",
    "fietsenstalling": "bij de fietsenstalling", "onderweg": "onderweg naar school of naar huis",
    "buiten_school": "buiten school",
    "pauze": "in de pauze", "tijdens_les": "tijdens de les", "gym": "tijdens gym",
    "voor_school": "voor school", "na_school": "na school", "avond_online": "'s avonds of 's nachts",
    "weekend": "in het weekend",
    "elke_dag": "elke dag", "paar_keer_per_week": "een paar keer per week", "elke_week": "elke week",
    "soms": "soms", "een_keer": "één keer",
}

# Canonical values that also say "this happens online".
ONLINE_PLATFORMS = frozenset(VOCABULARY[PLATFORM])


def canonical_values(label: str) -> List[str]:
    """All canonical values for an entity label."""
    return list(VOCABULARY[label])


# Where a value means something else as a place than as a kind.
PLACE_LABELS: Dict[str, str] = {"online": "online"}


def label_of(value: str, label: str = KIND) -> str:
    """Readable Dutch for a canonical value (the value itself when it has no label)."""
    if label == PLACE and value in PLACE_LABELS:
        return PLACE_LABELS[value]
    return LABELS.get(value, value.replace("_", " "))
