"""Acute-danger rules: a weapon, being hit, waited for, followed or held now (112 first).

Several check tense (``checks.not_over``): an attack that is over is a crime, not acute.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import not_over, real_harm
from bot.domain.safety.patterns import A, G, L, R, T, each, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import (
    BLUNT, BODY, FAMILY, FIREWORK, HARM_ACUTE, I, JUST_NOW, LETHAL, ME, OTHER, PERSON, SAY, WATER, WEAPON,
)

STRANGER = T("man", "mannen", "vreemde", "onbekende", "meneer", "vent", "vrouw", "mevrouw")
FAMILY_SENT = FAMILY  # "een meneer die zegt dat mama hem stuurt"
HIT_NOW = T("slaan", "schoppen", "trappen", "stompen", "steken", "neersteken", "wurgen", "mishandelen", "aftuigen",
            "afrossen", "beuken", "rammen")
# A fight set for a time: "om 4 uur is er een fight", "ze hebben een vechtpartij gepland".
FIGHT = T("fight", "fights", "gevecht", "vechtpartij", "knokpartij", "matpartij", "steekpartij", "vechten", "1v1")
PLANNED = T("plannen", "afspreken", "afspraak", "aankondigen", "organiseren", "regelen")
# A dare with danger in it: "ze dwingen me over het spoor te lopen", "ik moet van de groep wodka leegdrinken".
DARE = (T("dwingen", "uitdagen", "uitdaging", "challenge", "dare", "ontgroening"),
        seq(L("daagt", "dagen", "daagde", "daagden"), G(2), T("uit")),  # "ze dagen me uit om ..."
        seq(T("moeten"), G(3), T("van"), T("de", "hun", "die", "ze"), G(1), T("groep", "jongens", "meiden")),
        seq(T("als"), T("test", "proef")))
RISKY = T("spoor", "rails", "trein", "snelweg", "brug", "dak", "kanaal", "haven", "sloot", "vijver", "wodka", "drank",
          "alcohol", "shotjes", "ijskoud", "flat", "balkon")
# Cornered: "ze bonken op de deur", "ze schreeuwen dat ik naar buiten moet komen", with fear.
SHOUT = T("roepen", "schreeuwen", "gillen", "brullen")
COME_OUT = (seq(SHOUT, G(5), T("eruit", "buiten"), G(1), T("moeten"), T("komen")),
            seq(SHOUT, G(4), T("moeten"), G(2), T("eruit", "buiten"), T("komen")),
            seq(T("bonken", "beuken", "rammen", "trappen", "schoppen"), G(3), T("deur")))
FEAR = (T("bang", "durven", "help", "doodsbang", "eng", "alleen"), R(r"[\U0001F630\U0001F628\U0001F631\U0001F62D]"),
        seq(T("zijn"), T("er"), T("niet")))  # "mama is er niet"
# Pushed or thrown into water: "ze hebben een meisje in de vijver geduwd".
PUSH = T("gooien", "duwen", "smijten", "dumpen", "trekken")
INTO_WATER = (seq(T("me", "mij", "hem", "meisje", "jongen", "iemand", "leerling", "kind", "klasgenoot"), G(4), T("in"), G(2),
                  WATER, G(2), PUSH),
              seq(I, L("ben", "word", "werd"), G(3), T("in"), G(2), WATER, G(2), PUSH),
              seq(PUSH, G(2), T("me", "mij", "hem"), G(2), T("in"), G(2), WATER))
# Others who "go get" someone: "ze gaan mijn neefje na school pakken".
TARGET = T("me", "mij", "ons", "hem", "neefje", "neef", "broertje", "broer", "zusje", "zus", "vriend", "vriendin", "nichtje",
           "jongen", "meisje", "vriendje", "vriendinnetje")
LURE = T("snoep", "snoepje", "snoepjes", "puppy", "puppies", "hondje", "poesje", "cadeautje", "lift")
# A car or van one is in: "hij laat me niet uitstappen", "ze appt dat ze er niet uit mag".
CAR = T("auto", "busje", "bus", "wagen", "bestelbus", "rijden", "kofferbak")
LET = (T("laten"), L("laat", "liet", "lieten"))  # "laat" is also "late": its lemma is not "laten"
NOT_LET_GO = (*[seq(T("me", "mij", "haar", "hem"), A(1), T("niet"), let, T("uitstappen", "gaan", "eruit", "weg", "los"))
                for let in LET],
              *[seq(let, T("me", "mij", "haar", "hem"), A(1), T("niet"), T("gaan", "uitstappen", "los", "eruit", "weg"))
                for let in LET],
              seq(T("er"), T("niet"), T("uit"), T("mogen", "kunnen")),
              seq(T("deur", "deuren"), G(2), T("op"), T("slot")),
              # "andere" as a regex: as a keyword it would stop the typo repair of "anders"
              seq(T("rijden"), G(2), R(r"^(ander|verkeerd)"), T("kant", "richting"), T("op")))
# A threat to come and harm: "vanavond kom ik naar je huis en dan steek ik je neer", "komt om me af te maken".
COME_TO = (seq(T("komen"), G(4), T("naar", "bij"), G(2), T("huis", "thuis", "school", "deur")),
           seq(T("naar", "bij"), G(2), T("huis", "thuis", "school", "deur"), T("komen")))
HARM_YOU = (seq(T("steken", "slaan", "schieten", "afmaken", "vermoorden", "neersteken", "doodmaken"),
                T("ik", "we", "hij", "ze", op="?"), T("je", "jou", "me", "mij", "hem", "haar")),
            seq(T("om"), T("me", "mij", "je", "hem", "haar"), T("af"), T("te"), T("maken")),
            seq(T("om"), T("me", "mij", "je", "hem", "haar"), T("te"), LETHAL))


def acute_rules() -> List[Rule]:
    """The ``acuut.*`` rules."""
    return [
        rule("acuut.wapen", [[WEAPON]], unless=("crisis.zelfbeschadiging", "crisis.methode", "crisis.zelf_pijn")),
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
            seq(T("staan"), G(8), T("die"), T("me", "mij", "ons", "hem", "haar"), G(2), HARM_ACUTE),
            seq(T("ze", "zij", "hij", "jongens", "iemand", "groep"), T("komen"), ME, G(2), T("halen", "pakken")),
            seq(T("er", "ze", "zij", "hij", "iemand", "groep", "jongens", "mannen", "gasten", "buiten"), G(1), T("staan"), G(8),
                T("te"), T("wachten")),
            seq(T("staan"), G(4), T("te"), T("wachten"), T("op"), T("me", "mij", "hem", "haar")),
            seq(T("staan"), G(4), T("te"), T("wachten"), T("tot"), T("ik", "hij", "zij", "ze"), G(2),
                T("gaan", "lopen", "fietsen", "komen", "buiten", "alleen", "weg")),  # "... tot ik ga lopen"
            # waiting outside with a group: "mijn ex wacht buiten de school met zijn vrienden"
            seq(T("wachten", "staan"), T("buiten"), G(4), T("met"), G(2), T("vrienden", "vriendjes", "maten", "jongens",
                                                                            "groep", "gasten")),
            # "die man zegt dat hij bij de halte op me wacht"; surrounded: "hij wordt omsingeld door een groep"
            seq(T("hij", "ze", "man", "jongen", "jongens", "gast", "gasten", "vent"), G(6), T("op"), ME, T("wachten")),
            [T("omsingelen", "omsingeld", "omsingelden")],
        ]),
        rule("acuut.achtervolgd", [[T("achtervolgen", "achtervolging", "opjagen")],
                                   seq(T("achter"), ME, T("aan")),
                                   seq(T("jagen"), ME, G(4), T("op", "achterna")),
                                   seq(ME, G(1), T("achterna")),
                                   seq(T("ze", "zij", "hij", "jongens", "iemand", "er", "man", "mannen", "groep", "meiden",
                                         "meisje", "jongen"), G(3), T("achter"), OTHER, T("aan"))]),
        rule("acuut.dreiging_straks", [
            seq(T("gaan", "komen"), ME, G(4), T("pakken", "slaan", "afmaken", "aftuigen", "neersteken", "vermoorden",
                                                 "steken", "slopen")),
            seq(ME, G(3), T("gaan", "komen"), T("pakken", "afmaken", "aftuigen", "slopen", "neersteken", "vermoorden",
                                                 "doodmaken", "steken")),
            seq(I, G(2), T("niet"), T("meer"), T("heel", op="?"), G(2), T("thuiskomen")),
            seq(T("ze", "zij", "hij", "jongens", "groep", "meiden"), T("gaan", "komen"), G(1), TARGET, G(5),
                T("pakken", "slaan", "afmaken", "aftuigen", "neersteken", "vermoorden", "steken", "slopen")),
            seq(T("gaan", "komen"), T("ze", "zij", "hij", "jongens"), TARGET, G(3),
                T("pakken", "slaan", "afmaken", "aftuigen", "neersteken", "vermoorden", "steken", "slopen", "doodslaan")),
        ], check=lambda doc, s, e: not_over(doc, s, e)),
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
            seq(ME, G(2), T("in"), G(2), T("auto", "busje", "bus", "bestelbus", "wagen"), T("te"), T("trekken", "sleuren", "duwen",
                                                                                               "gooien")),
            *near(seq(T("in"), G(2), T("auto", "busje", "bus"), T("stappen", "gestapt")), T("help", "bang"), 12),
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
            # "een klasgenoot schrijft dat hij morgen tijdens de pauze gaat schieten"
            *near(seq(T("gaan", "komen", "willen"), T("schieten", "neerschieten")), T("school", "pauze", "klas", "kantine",
                                                                                    "aula", "iedereen", "les"), 10),
        ]),
        rule("acuut.gevolgd", [seq(T("volgen"), G(3), ME), seq(ME, G(3), T("volgen")),
                               seq(T("worden"), G(7), T("volgen")),
                               seq(T("volgen"), T("door"), G(1), T("man", "mannen", "vent", "vreemde", "onbekende", "auto",
                                                                  "busje", "jongens", "groep"))]),
        rule("acuut.vastgehouden", patterns=[
            seq(T("houden", "hebben"), ME, G(2), T("vast")),
            seq(T("zitten", "zijn", "worden"), G(7), T("opsluiten")),
            seq(T("houden", "hebben"), G(1), TARGET, G(2), T("vast")),  # "ze houden mijn vriendje vast"
            seq(T("hem", "haar", "vriendin", "vriend", "meisje", "jongen", "klasgenoot", "broertje", "zusje", "iemand", "leerling"),
                G(6), T("opsluiten")),
            seq(T("zitten"), T("vast"), T("op"), G(3), T("dak", "fietsenhok", "boom", "hek", "klimrek", "container", "schuur")),
            *near(T("ladder", "trap"), T("weghalen", "wegnemen", "weggooien"), 4),
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
            # "wordt tegen de grond gehouden", "ze drukken hem op de grond"
            seq(T("tegen", "op"), T("de"), T("grond"), G(2), T("houden", "drukken", "vasthouden", "vastdrukken")),
        ]),
        rule("acuut.dreiging_nu", [seq(ME, G(4), HARM_ACUTE), seq(HARM_ACUTE, ME)], requires=("flag.imminent",),
             check=lambda doc, s, e: not_over(doc, s, e) and real_harm(doc, s, e)),
        rule("acuut.geweld_nu", [
            *near(T("nu"), HARM_ACUTE, 4),
            seq(ME, G(2), T("aan"), T("het"), HARM_ACUTE),
            seq(T("blijven"), G(4), HARM_ACUTE),
            *near(seq(T("op"), T("dit"), T("moment")), HARM_ACUTE, 4),
            *near(T("nu"), seq(T("gooien", "smijten"), G(3), T("steen", "stenen", "stoel", "fles", "flessen",
                                                              "vuurwerk", "stok", "stokken")), 5),
            seq(T("gooien", "smijten"), G(3), T("steen", "stenen", "fles", "flessen", "vuurwerk"), G(2), T("naar"), ME),
        ], check=lambda doc, s, e: not_over(doc, s, e) and real_harm(doc, s, e)),
        rule("acuut.gevecht_gepland", [*near(FIGHT, PLANNED, 10),
                                       *near(FIGHT, T("filmen"), 10),
                                       seq(L("is", "zijn"), L("er"), G(3), FIGHT),
                                       seq(T("moeten"), G(6), T("vechten")),
                                       seq(PLANNED, G(10), T("te"), HIT_NOW),  # "afgesproken om ... een jongen te slaan"
                                       seq(PLANNED, G(12), T("in"), T("elkaar"), G(2), T("gaan", "worden", "zullen"))],
             requires=("flag.imminent",), unless=("flag.past",), check=not_over),
        rule("acuut.gevaarlijke_opdracht", [*each(DARE, lambda d: near(d, RISKY, 12))]),
        rule("acuut.belaagd", [p for c in COME_OUT for f in FEAR for p in near(c, f, 12)], negatable=False),
        rule("acuut.water", INTO_WATER, requires=("flag.imminent",)),
        rule("acuut.water_net", INTO_WATER, requires=("flag.zojuist",)),
        rule("flag.zojuist", [[JUST_NOW]], negatable=False),
        # A threat for today, reported: "vandaag na school ben je dood", "ze zeiden dat ik na de training word afgemaakt".
        rule("acuut.dreiging_gemeld", [seq(T("zijn"), T("je", "jij"), A(1), T("dood")),
                                       seq(T("je", "jij"), T("zijn"), A(1), T("dood")),
                                       seq(SAY, G(12), L("word", "wordt", "worden"), G(1), LETHAL),
                                       seq(SAY, G(12), L("word", "wordt", "worden"), T("in"), T("elkaar")),
                                       seq(SAY, G(12), ME, G(2), T("iets", "wat"), T("aandoen"))],
             requires=("flag.imminent",), check=not_over),
        # Something hidden in their coats, with a group waiting: "ze hebben iets in hun jas".
        rule("acuut.verborgen_wapen", [seq(T("iets"), G(1), T("in"), T("hun", "zijn", "haar"),
                                           T("jas", "jassen", "zak", "zakken", "broekzak", "mouw", "tas"))],
             requires=("flag.iemand_staat_klaar",)),
        rule("acuut.gevecht", [seq(L("er"), L("is", "zijn"), G(3), T("gevecht", "vechtpartij", "steekpartij",
                                                                      "schietpartij", "knokpartij", "matpartij"))]),
        rule("acuut.net_gebeurd", [*near(JUST_NOW, T("steken", "neersteken", "neerschieten", "wurgen"), 8),
                                   seq(I, L("lig", "ligt"), T("op"), G(1), T("grond")),
                                   [T("bewusteloos")]]),
        rule("acuut.bloedt_erg", [seq(T("bloeden", "bloed"), G(1), T("heel", "erg", "veel", "hard", "enorm"))],
             unless=("crisis.",)),
        rule("acuut.durf_niet_weg", [
            seq(T("durven"), G(2), T("niet"), G(2), T("naar"), T("buiten")),
            seq(T("durven", "kunnen"), G(2), T("niet"), G(1), T("weg")),
        ], negatable=False, requires=("flag.iemand_staat_klaar",)),
        rule("acuut.lokken", [*near(T("instappen", "instap"), T("auto", "busje", "man", "vreemde", "onbekende"), 8),
                              *near(T("man", "vreemde", "onbekende"), T("aanspreken", "lokken"), 8),
                              # "een man vraagt of kinderen mee willen naar zijn auto", "deelt snoep uit ... meekomen"
                              *near(STRANGER, seq(T("mee"), G(3), T("naar"), G(2), T("auto", "busje", "huis", "bestelbus")), 12),
                              *near(STRANGER, T("meekomen", "meegaan", "meelopen", "meerijden", "instappen"), 12),
                              *near(STRANGER, seq(T("mee"), T("te"), T("komen", "gaan", "lopen", "rijden")), 12),
                              *near(LURE, seq(T("mee"), G(3), T("willen", "komen", "gaan", "lopen")), 12),
                              *near(seq(T("in"), T("te"), T("stappen")), T("auto", "busje", "bus", "man", "vreemde", "onbekende"), 10)]),
        # A stranger who says a parent sent him, or whom the child does not know: "die zegt dat mama hem stuurt om mij
        # op te halen maar ik ken hem niet".
        rule("acuut.vreemde", [*near(seq(T("sturen"), G(4), T("halen", "ophalen")), seq(I, T("kennen"), T("hem", "haar", "die"),
                                                                                       T("niet")), 14),
                               *near(STRANGER, seq(FAMILY_SENT, G(2), T("sturen")), 10)], negatable=False),
        rule("acuut.vast_in_auto", [p for n in NOT_LET_GO for p in near(n, CAR, 15)], negatable=False),
        rule("acuut.dreiging_komen", [p for c in COME_TO for h in HARM_YOU for p in near(c, h, 12)],
             requires=("flag.imminent",),
             check=not_over),
        # Taken along under a threat: "ze zeggen dat ik mee moet naar het bos anders gebeurt er wat"
        rule("acuut.mee_moeten", [*near(seq(I, T("mee"), T("moeten")), seq(T("anders"), G(3), T("gebeuren", "pakken", "slaan",
                                                                                          "pijn", "spijt", "dood", "klappen")), 12),
                                  seq(T("slepen", "sleuren"), G(3), T("de", "het"), T("bosjes", "bos", "struiken", "steeg",
                                                                                    "auto", "busje"), T("in"))]),
        # Arson or burning threatened for now: "'vannacht brandt het' met een foto van ons huis"
        rule("acuut.brand", [*near(T("huis", "school", "deur", "auto"), seq(T("branden", "afbranden", "affikken"),
                                                                         T("het", "jullie", "je", "ons")), 14),
                             *near(seq(ME, G(4), T("gooien", "stoppen", "duwen")), T("aansteken", "afsteken", "fikken"), 8)],
             requires=("flag.imminent",)),
        # A weapon held to the body now: "hij houdt een schaar tegen mijn nek".
        rule("acuut.wapen_tegen", [seq(L("houdt", "houden", "drukt", "drukken", "zet", "zetten"), G(3),
                                       T("mes", "mesje", "schaar", "glas", "scherf", "schroevendraaier", "pistool"), T("tegen"),
                                       T("mijn", "zijn", "haar", "je"), T("nek", "keel", "hals", "buik", "gezicht", "hoofd"))]),
        rule("acuut.wapen_tegen_net", [seq(L("hield", "hielden", "drukte", "drukten", "zette"), G(3),
                                           T("mes", "mesje", "schaar", "glas", "scherf", "schroevendraaier", "pistool"), T("tegen"),
                                           T("mijn", "zijn", "haar", "je"), T("nek", "keel", "hals", "buik", "gezicht", "hoofd"))],
             requires=("flag.zojuist",)),
        # Coming this way now; to come and get someone, who knows where one lives.
        rule("acuut.komen_eraan", [seq(T("komen"), A(2), T("mijn", "onze", "deze"), T("kant"), T("op"))],
             requires=("flag.imminent",)),
        rule("acuut.komt_halen", [seq(T("komen"), ME, G(2), T("opzoeken", "halen", "pakken")),
                                  seq(T("komen"), G(2), T("ik", "we", "ze", "hij"), T("je", "jou", "me", "mij"), T("halen",
                                                                                                   "opzoeken", "pakken"))],
             requires=("flag.imminent", "flag.weet_waar"), check=not_over),
        rule("flag.weet_waar", [seq(T("weten"), T("waar"), G(2), T("wonen", "huis", "school"))], negatable=False),
        # Head held under water; tied up and left; held in behind a door.
        rule("acuut.onder_water", [seq(T("duwen", "houden", "drukken"), G(3), T("hoofd", "me", "mij", "hem", "haar"), T("onder"),
                                       T("water"))]),
        rule("acuut.achtergelaten", [*near(seq(T("me", "mij", "hem", "haar", "iemand", "kind", "meisje", "jongen"), G(4),
                                               T("vastbinden")), T("weggaan", "weggegaan", "weglopen", "weggelopen", "los"), 10)],
             negatable=False),
        rule("acuut.deur_dicht", [*near(seq(T("houden"), T("de"), T("deur"), G(4), T("dicht")),
                                        seq(I, T("komen", "kunnen"), T("er"), A(1), T("niet"), T("uit")), 12)], negatable=False),
        # Cornered: "klemgezet in de fietsenkelder", "ze staan aan allebei de kanten van de steeg".
        rule("acuut.klem", [[L("klemgezet", "ingesloten")],  # as written: "een kind zien klemzetten" is a question
                            seq(T("staan"), G(2), T("allebei", "beide", "alle"), T("de", op="?"), T("kanten"))]),
        # An aggressive adult at the school's door: "er staat een man bij de ingang die schreeuwt ... agressief".
        rule("acuut.indringer", [*near(seq(T("man", "vent", "vader", "iemand", "vrouw"), G(3), T("ingang", "hek", "poort", "deur",
                                                                                            "school")),
                                       T("agressief", "dreigen", "tekeergaan", "tekeer"), 14)]),
        # Hiding and searched for: "ik hoor ze roepen dat ze me gaan vinden, ik zit in de kast".
        rule("acuut.gezocht", [*near(seq(T("gaan", "komen"), T("vinden", "zoeken")),
                                     seq(I, T("zitten"), T("in"), G(4), T("kast", "wc", "toilet", "lokaal", "kelder", "hok")), 12),
                               *near(seq(T("zich"), G(1), T("verstoppen")), T("achter", "zoeken", "bang", "help"), 12)],
             negatable=False),
        # "kom alleen", with a time: a set-up.
        rule("acuut.kom_alleen", [seq(L("kom"), T("alleen"))], requires=("flag.imminent",),
             check=lambda doc, s, e: e >= len(doc) or doc[e].norm_ not in ("maar", "naar", "als", "op", "met", "thuis")),
        rule("acuut.dreiging_buiten", [[T("dreigen", "bedreigen")]], requires=("flag.iemand_staat_klaar",)),
        rule("acuut.gestalkt", [*near(T("man", "vent", "meneer"), seq(T("achter"), ME), 10),
                                seq(T("uitstappen"), G(3), I, T("uitstappen"))]),
        rule("acuut.vastgebonden", [[T("vastbinden")]], requires=("flag.imminent",)),
        # Someone else attacked while the writer watches: "ik zie nu dat een leerling wordt geschopt".
        rule("acuut.geweld_gezien", [seq(L("wordt", "worden"), G(4), HIT_NOW), seq(HIT_NOW, G(1), L("wordt", "worden")),
                                     seq(I, L("word"), G(3), HIT_NOW),
                                     # "5 meiden die haar willen slaan", "in een hoek gedreven"
                                     seq(T("die"), T("haar", "hem", "me", "mij", "ons"), T("willen", "gaan"), HIT_NOW),
                                     seq(T("in"), T("een", "de"), T("hoek"), T("drijven", "duwen", "dringen"))],
             requires=("flag.imminent",), check=not_over),
        # Fireworks put on or thrown at a body: "vuurwerk in mijn capuchon gestopt en aangestoken".
        rule("acuut.vuurwerk", [*near(FIREWORK, seq(T("mijn", "me", "mij", "zijn", "haar"), G(1), BODY), 6),
                                *near(FIREWORK, seq(T("mijn", "zijn", "haar"), T("capuchon", "jas", "kraag", "trui",
                                                                              "hoodie", "tas", "broek", "haar")), 6),
                                seq(T("gooien", "schieten", "richten"), G(2), FIREWORK, G(3), T("naar", "op"), ME)]),
        # Someone shooting or stabbing now: "volgens mij schiet iemand", "er steekt iemand".
        rule("acuut.schieten", [seq(T("schieten", "neersteken", "neerschieten"), T("iemand")),
                                seq(T("steken"), T("iemand"), T("neer", "met")),
                                seq(T("iemand"), A(1), T("schieten", "neerschieten", "neersteken"))], check=not_over),
        # Someone lies still after an accident or an attack: call 112.
        rule("acuut.levenloos", [seq(PERSON, G(2), T("bewegen", "ademen"), A(1), T("niet", "nauwelijks"), T("meer", op="?")),
                                 seq(T("liggen"), G(8), T("en"), G(1), T("reageren", "bewegen"), T("bijna", "nauwelijks", op="?"),
                                     T("niet")),
                                 # "ligt op de grond en bloedt uit zijn hoofd"
                                 seq(T("liggen"), T("op"), T("de"), T("grond"), G(2), T("bloeden", "bloed"), T("uit")),
                                 seq(PERSON, G(2), T("ademen"), A(1), T("raar", "vreemd", "moeilijk", "zwaar"))],
             negatable=False),
        rule("acuut.dreiging_termijn", [
            seq(T("als"), I, G(8), T("niet"), G(12), T("aandoen", "pijn", "vermoorden", "slaan", "pakken")),
            seq(T("als"), I, G(8), T("zijn"), T("ik"), T("dood")),
        ], negatable=False, requires=("flag.imminent",)),
    ]
