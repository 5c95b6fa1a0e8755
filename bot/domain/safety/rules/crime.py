"""Crime rules: threats, assault, robbery, extortion, sexual images and contact, grooming, hate."""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import REPORTING, clause_ends
from bot.domain.safety.patterns import A, G, L, R, T, each, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import (
    ADULT, ADULT_AGE, BODY, DRUGS, BODY_INTIMATE, BODY_SEXUAL, CHILD, CLOTHES, COERCE, FAMILY, FOR_MONEY, HIT, I, IMAGE, INJURY,
    LETHAL, ME, MONEY, NIGHT_AGAINST_WILL, OLDER, POSS, SAY, SEX, SEX_ACT, SEX_ACT_STRICT, SUBJECT_OTHER, THREAT_HARM,
    VIOLENCE, WEAPON,
)

DRUG = T("pil", "pilletje", "pilletjes", "drugs", "xtc", "ghb", "mdma", "wodka", "alcohol", "shotjes", "coke", "snuiven",
         "joint", "jointje", "blowen")
DRINK = T("drankje", "drinken", "glas", "cola", "drank", "fles", "flesje", "beker")
# Gift cards asked for by extortioners: "ik moet steam kaarten kopen anders...".
GIFT_CARD = seq(T("steam", "itunes", "google", "psn", "playstation", "xbox", "fortnite"), T("kaart", "kaarten", "card", "cards",
                                                                                        "tegoed"))
# Meeting an adult met online: "hij wil afspreken", "vraagt of ik bij hem langs wil komen", "stiekem naar hem toe".
MEET = (T("afspreken", "ontmoeten", "overhalen", "langskomen", "ophalen"), seq(T("langs"), G(2), T("komen")),
        seq(T("naar"), T("hem", "haar"), T("toe"), T("komen")), seq(T("stiekem"), G(3), T("komen", "gaan", "afspreken")))
# Clothes a hand goes into or under: "in je broek grijpen", "onder haar shirt gezeten".
GARMENT = T("broek", "rok", "shirt", "shirtje", "bh", "onderbroek", "trui", "jurk")
GIFT = T("geld", "cadeau", "cadeaus", "cadeautje", "cadeautjes", "spullen", "drank", "drugs", "kleren", "sieraden")


def crime_rules() -> List[Rule]:
    """The ``strafbaar.*`` rules."""
    return [
        rule("strafbaar.bedreigd", [[R(r"^(bedreig|dreigbericht|dreigement|doodsbedreig|dreigmail|dreigapp)")]]),
        rule("strafbaar.dreigen", [*near(T("dreigen"), THREAT_HARM, 8),
                                   *near(T("dreigen"), seq(T("in"), G(1), T("brand", "fik", "elkaar")), 8),
                                   # separable: "hij dreigt de foto door te sturen", "rond te sturen"
                                   *near(T("dreigen"), seq(T("door", "rond"), T("te"), T("sturen", "appen")), 8)]),
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
        ], check=lambda doc, s, e: clause_ends(doc, e, REPORTING)),
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
        # Stabbed with a tool: "met een schroevendraaier in mijn arm gestoken" (not at the doctor's).
        rule("strafbaar.gestoken", [seq(T("met"), G(3), T("in"), T("mijn", "zijn", "haar", "je"), part,
                                        T("steken", "snijden", "prikken")) for part in (BODY, T("zij", "zijkant"))]),
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
            *near(IMAGE, seq(T("zonder"), T("kleren", "kleding", "kleertjes")), 8),
            # "dat filmpje waar ik niks aan heb" shown around
            *near(seq(IMAGE, G(4), T("niks", "niets"), T("aan")), T("iedereen", "rondsturen", "delen", "doorsturen",
                                                                     "verspreiden", "laten"), 10),
        ]),
        rule("strafbaar.seksueel_contact", [
            *near(T("zitten", "aanraken", "raken", "betasten", "knijpen", "grijpen", "pakken", "voelen", "likken"),
                  BODY_SEXUAL, 4),
            seq(T("zitten"), A(2), T("aan"), ME),
            seq(T("aan"), T("me", "mij", "haar", "hem"), T("zitten")),
            seq(T("in"), POSS, GARMENT, G(2), T("grijpen", "pakken", "voelen")),
            seq(T("onder"), POSS, GARMENT, G(2), T("grijpen", "zitten", "pakken", "voelen", "gaan")),
            seq(T("raken"), ME, G(3), T("aan")),
            [T("aanraken")],
            [T("verkrachten", "verkrachting", "aanranden", "aanranding", "misbruiken", "misbruik", "seksueel",
               "betasten", "ongewenst")],
            *near(T("dwingen"), SEX_ACT, 6),
            # an adult and a child: "een leraar die een leerling zoent", "de meester zoende me"
            *[p for a in ADULT for p in (seq(a, G(4), CHILD, G(2), SEX_ACT_STRICT), seq(a, G(2), SEX_ACT_STRICT, G(2), CHILD))],
        ]),
        rule("strafbaar.grooming", [*each(MEET, lambda m: near(T("volwassene", "man", "vent", "oudere"), m, 25)),
                                    *each(MEET, lambda m: near(seq(T("veel", "stuk", "heel", "wel"), T("ouder")), m, 25)),
                                    *each(MEET, lambda m: near(ADULT_AGE, m, 15)),
                                    seq(T("zeggen"), G(3), R(r"^1[0-7]$"), G(2), T("maar")),  # "zegt dat hij 15 is, maar..."
                                    # an adult who asks for pictures: "een volwassene die hem vraagt foto's te sturen"
                                    *near(T("volwassene", "man", "vent", "oudere"), seq(T("vragen"), G(8), IMAGE, G(2), T("sturen")), 20)],
             requires=("flag.online",)),
        # Someone in a child's bed or room at night against the child's no.
        rule("strafbaar.ongewenst_nacht", NIGHT_AGAINST_WILL, negatable=False),
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
            # an adult asks for pictures without clothes, or to keep a meeting from the parents
            *[p for a in ADULT for p in near(a, seq(IMAGE, G(4), T("zonder", "in"), CLOTHES), 20)],
            *[p for a in (*ADULT, ADULT_AGE) for p in near(a, seq(T("zonder"), G(4), FAMILY, G(3),
                                                                   T("zeggen", "vertellen", "weten")), 25)],
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
            *near(DRUGS, T("verkopen", "dealen", "bewaren", "smokkelen", "rondbrengen", "verstoppen"), 6),
            *[p for c in COERCE for p in near(GIFT_CARD, c, 8)],
            seq(L("anders"), G(4), IMAGE, G(3), T("online", "posten", "verspreiden", "delen", "doorsturen", "rondsturen",
                                                  "internet", "sturen")),
            # paying off others, week after week: "hij moet al weken geld afgeven aan oudere jongens"
            seq(T("moeten"), G(4), MONEY[0], G(1), T("afgeven", "inleveren", "afstaan", "afdragen"), T("aan"), G(2),
                T("jongens", "groep", "hem", "hun", "meiden", "ze", "oudere")),
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
                                    seq(T("vriendje", "vriend"), G(2), T("van"), ADULT_AGE),  # "een 'vriend' van 19"
                                    # an older boy or man who gives girls money and presents, takes them to parties
                                    *near(seq(OLDER, T("jongen", "jongens", "man", "mannen", "vent", "gast", "gasten")),
                                          seq(T("geven", "kopen", "betalen", "trakteren"), G(4), GIFT), 12),
                                    *near(seq(OLDER, T("jongen", "jongens", "man", "mannen", "vent", "gast", "gasten")),
                                          seq(T("mee"), G(2), T("feest", "feestje", "feestjes", "party", "hotel")), 12),
                                    seq(T("als"), I, G(3), T("van"), T("hem"), T("houden")),
                                    *near(seq(OLDER, T("jongen", "jongens", "man", "mannen", "vent", "gast", "gasten")),
                                          seq(GIFT, G(1), T("geven", "kopen")), 12),
                                    *near(seq(OLDER, T("jongen", "jongens", "man", "mannen", "vent", "gast", "gasten")),
                                          seq(T("moeten"), G(2), T("iets", "dingen", "wat"), T("terugdoen")), 12),
                                    FOR_MONEY]),
        rule("strafbaar.ontbloot", [
            seq(T("broek", "onderbroek", "rok", "shirt", "bh"), G(1), T("naar"), T("beneden"), T("trekken", "doen", "rukken")),
            seq(T("trekken", "rukken"), G(3), T("broek", "onderbroek", "rok"), G(1), T("naar"), T("beneden")),
        ]),
        rule("strafbaar.aangifte", [[T("aangifte")]], negatable=False),
        # Drugged: forced to take a pill or drugs, something put into a drink.
        rule("strafbaar.drogeren", [
            *near(T("dwingen"), DRUG, 6),
            seq(T("doen", "stoppen", "gooien"), G(2), T("iets", "wat", "pil", "pilletje", "poeder"), G(1), T("in"),
                T("mijn", "haar", "zijn", "ons"), DRINK),
            seq(T("iets", "wat", "pil", "pilletje", "poeder"), G(1), T("in"), T("mijn", "haar", "zijn", "ons"), DRINK, G(1),
                T("doen", "stoppen", "gooien")),
            *near(T("drankje", "pil", "pilletje"), seq(T("weten", "herinneren"), G(2), T("niks", "niets"), T("meer")), 15),
        ], negatable=False),
    ]
