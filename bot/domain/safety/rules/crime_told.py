"""Crime rules for wordings of the sets 14 and 15 round: "we weten je te vinden", a hand under a shirt or a skirt, a hand on
a leg that goes higher, money handed over under pressure, paid and asked for more, drugs
offered or kept in a locker, an account someone logs into, beaten up in slang ("gerampt"), a dead animal in a locker,
"mn gezicht is de volgende", undressed by others, dirty films shown.

Kept apart from the other crime modules so they stay small.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import clause_ends
from bot.domain.safety.patterns import A, G, L, R, T, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import DRUGS, FAMILY, IMAGE, LEG, MONEY, POSS

FOUND = T("me", "mij", "je", "jou", "hem", "haar", "jullie", "ons")
GARMENT = T("shirt", "shirtje", "rok", "rokje", "broek", "bh", "onderbroek", "trui", "jurk", "topje", "t-shirt", "hemd")
HIGHER = T("hoger", "steeds", "elke", "iedere", "aanzitten", "eng", "vies", "gillen", "ongemakkelijk")
LEG_OR_SEAT = T(*LEG.words, "knie", "billen", "kont")
PRESSURE = (seq(T("onder"), T("druk")), T("gedwongen", "dwingen", "afpersen", "afgeperst", "bedreigen", "bedreigd"),
            seq(T("elke", "iedere"), T("week", "dag")))
PARCEL = T("zakjes", "zakje", "pakketje", "pakketjes", "pakje", "pakjes", "tasje", "spul")
KEEP = T("bewaren", "verstoppen", "rondbrengen", "wegbrengen", "brengen", "meenemen")
# Slang threats: "dan ben je de sjaak", "anders ben je de klos".
THREAT_SLANG = T("sjaak", "klos", "pineut", "anders")
BEATEN_SLANG = L("gerampt", "gerampd", "geramt", "geramd", "gerammd")
DEAD = T("dood", "dode")
ANIMAL = T("muis", "rat", "vogel", "kat", "duif", "vis", "kip", "konijn", "eend")
PLANTED = T("kluis", "kluisje", "brievenbus", "tas", "rugzak", "jas", "bed", "fietstas")
DIRTY = T("vieze", "vies", "seks", "porno", "sex", "bloot")
FILMS = T("filmpjes", "filmpje", "films", "film", "video", "videos", "plaatjes", "fotos", "foto")

_FAMILY = frozenset(FAMILY["NORM"]["IN"])


def _not_to_family(doc, start: int, end: int) -> bool:
    """Not money handed to one's own family: "... zakgeld af te geven aan mijn moeder"."""
    return not any(t.norm_ in _FAMILY for t in doc[end:end + 4])


def _not_by_family(doc, start: int, end: int) -> bool:
    """Not a parent undressing a small child: no family word just before."""
    return not any(t.norm_ in _FAMILY for t in doc[max(0, start - 6):start])


def crime_told_rules() -> List[Rule]:
    """The ``strafbaar.*`` rules of this round."""
    return [
        # "dan weten ze me te vinden", "we weten je te vinden".
        rule("strafbaar.te_vinden", [seq(T("weten"), T("ze", "we", "wij", "hij", "zij"), FOUND, T("te"), T("vinden")),
                                     seq(T("ze", "we", "wij", "hij", "zij"), T("weten"), FOUND, T("te"), T("vinden"))]),
        # A hand under a shirt or a skirt: "hij zat onder haar shirt terwijl ze nee zei", "ging met zn handen onder haar rok".
        rule("strafbaar.onder_kleding", [
            seq(T("hij", "jongen", "man", "ze", "zij"), G(2), T("zitten", "gaan", "grijpen", "voelen"), G(4), T("onder"), POSS,
                GARMENT),
            seq(T("hand", "handen", "vingers"), G(2), T("onder", "in"), POSS, GARMENT),
        ], negatable=False),
        # An adult's hand on one's leg, going higher or again: "als die man nog 1 keer in de bus zn hand op mn been legt en
        # hoger gaat".
        rule("strafbaar.hand_been", [*near(seq(T("hand", "handen"), T("op"), POSS, LEG_OR_SEAT), HIGHER, 12)],
             requires=("flag.volwassene",), negatable=False),
        # Money handed over under pressure: "onder druk wordt gezet om elke week zijn zakgeld af te staan".
        rule("strafbaar.geld_afstaan", [seq(MONEY[0], G(2), T("af"), T("te"), T("staan", "geven", "dragen")),
                                        seq(MONEY[0], G(2), T("afstaan", "afdragen"))],
             requires=("flag.druk",), check=_not_to_family),
        rule("flag.druk", [*[p if isinstance(p, list) else [p] for p in PRESSURE]], negatable=False),
        # Paid, and asked for more or threatened with chats: "kheb 100 euro moeten betalen aan een gast die zegt dat hij mijn
        # chats ... doorstuurt naar mn ouders, nu wil hij meer".
        rule("strafbaar.betaald_meer", [
            seq(T("nu"), T("willen"), T("hij", "ze", "zij"), A(1), T("meer")),
            seq(T("willen", "vragen", "eisen"), T("hij", "ze", "zij"), A(2), T("meer"), T("geld", op="?")),
            *near(T("chats", "chat", "gesprekken", "berichten", "dms", "appjes", "appgesprekken"),
                  T("doorsturen", "rondsturen", "laten", "sturen", "verspreiden", "posten"), 6),
        ], requires=("flag.betaald", "flag.afpers_context")),
        rule("flag.afpers_context", [[T("chats", "chat", "foto", "fotos", "filmpje", "video", "nudes", "anders", "dreigen",
                                        "doorsturen", "verspreiden", "geheim")]], negatable=False),
        rule("flag.betaald", [seq(MONEY[0], G(3), T("betalen", "overmaken", "geven", "betaald", "overgemaakt"))], negatable=False),
        # Drugs offered by an adult, or work for him: "krijgt steeds drugs aangeboden door een man ... voor hem moet werken".
        rule("strafbaar.drugs_aanbod", [*near(DRUGS, L("aangeboden", "aanbieden", "aanbiedt", "biedt", "bood", "boden"), 5),
                                        seq(T("voor"), T("hem", "hen", "hun", "ze"), G(1), T("moeten", "gaan"),
                                            T("werken", "dealen", "lopen", "rondbrengen"))],
             requires=("flag.volwassene",)),
        # Parcels to keep, with a threat: "als je nie ff die zakjes in je kluisje bewaart dan ben je de sjaak".
        rule("strafbaar.koerier", [*near(seq(PARCEL, G(4), KEEP), THREAT_SLANG, 10)]),
        # Someone logs into one's account: "iemand logt steeds in op mijn smartschool"; hate sent in one's name.
        rule("strafbaar.account_inlog", [
            seq(T("iemand", "hij", "ze", "zij", "jongen", "meisje"), L("logt", "logde", "logden", "inlogt", "inlogde"), G(2),
                T("in", op="?"), T("op", "in"), T("mijn", "haar", "zijn")),
            seq(T("namens"), T("mij", "me", "haar", "hem"), G(2), T("haatberichten", "scheldberichten", "dreigberichten", "nare",
                                                                  "vieze", "racistische", "haat")),
        ]),
        # Beaten up, in slang: "ze hebben me gisteren gerampt achter de moskee".
        rule("strafbaar.gerampt", [seq(T("ze", "zij", "hij", "jongens", "gasten", "man", "hebben"), G(3), T("me", "mij", "hem",
                                                                                                      "haar", "ons"),
                                       G(4), BEATEN_SLANG),
                                   seq(L("ben", "werd", "word", "is", "wordt"), G(3), BEATEN_SLANG)]),
        # A dead animal left in one's locker or bag, with bullying: "vanmorgen zat er een dode muis in mn kluisje".
        rule("strafbaar.dood_dier", [seq(DEAD, ANIMAL, G(4), T("in", "op"), G(2), PLANTED)],
                 requires=("flag.pest_context",), negatable=False),
        # "mn gezicht is de volgende", "jij bent de volgende" (as a thought).
        rule("strafbaar.volgende", [seq(T("gezicht", "hoofd", "kop", "smoel", "bek"), T("zijn", op="?"), T("de"), T("volgende")),
                                    seq(T("jij", "je"), T("de"), T("volgende"), T("zijn"))],
             check=lambda doc, s, e: clause_ends(doc, e)),
        # Undressed by others, touched: "oudere kinderen hem op het schoolplein hebben uitgekleed", "aan zijn plassertje heeft
        # gezeten".
        rule("strafbaar.uitgekleed", [
            seq(T("hem", "haar", "me", "mij"), G(5), T("hebben"), L("uitgekleed")),
            seq(T("hebben"), G(1), T("hem", "haar", "me", "mij"), G(4), L("uitgekleed")),
            seq(T("aan"), POSS, T("plassertje", "plasser", "piemeltje", "piemel", "kruis", "borsten", "billen", "kont", "plasje"),
                G(1), L("gezeten", "zitten", "zit", "zat", "zaten")),
        ], check=_not_by_family, negatable=False),
        # A threat to set one's house on fire: "ik steek je huis in de fik als je niet betaalt".
        rule("strafbaar.brand_dreiging", [seq(T("steken", "zetten"), T("je", "jouw", "jullie", "ons", "zijn", "haar", "mijn"),
                                              T("huis", "auto", "fiets", "kamer", "scooter", "winkel", op="?"), T("in"),
                                              T("de", op="?"), T("brand", "fik", "hens"))]),
        # Pictures asked, "or else" chats or pictures shown: "nu wil hij foto's en zegt hij dat hij anders al onze chats aan
        # school laat zien".
        rule("strafbaar.beeld_anders", [
            *near(seq(T("willen", "vragen", "eisen"), T("hij", "ze", "zij", op="?"), IMAGE),
                  seq(T("anders"), G(6), L("laat", "laten", "liet"), T("zien")), 12),
            *near(seq(T("willen", "vragen", "eisen"), T("hij", "ze", "zij", op="?"), IMAGE),
                  seq(T("anders"), G(6), T("doorsturen", "posten", "verspreiden", "rondsturen")), 12),
        ]),
        # Dirty films shown to a child: "hem laat kijken naar 'vieze filmpjes'".
        rule("strafbaar.vieze_filmpjes", [seq(T("laten"), G(4), T("kijken", "zien"), G(3), DIRTY, FILMS),
                                          seq(DIRTY, FILMS, G(4), T("laten"), T("kijken", "zien"))]),
        # Stalking with new numbers after being blocked: "stuurt me al maanden berichten van nieuwe nummers ... al 20x geblokkeerd".
        rule("strafbaar.stalking_nummers", [seq(T("nieuw", "nieuwe"), T("nummer", "nummers", "account", "accounts", "profiel",
                                                                      "profielen"))],
             requires=("flag.geblokkeerd",)),
        rule("flag.geblokkeerd", [[R(r"^(blok|blokk|geblok)")]], negatable=False),
    ]
