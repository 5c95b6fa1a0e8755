"""Crisis rules: suicide, a death wish, self-harm, a method, a farewell (113 first).

None is switched off by a negation next to it, except the bare death wish ("ik wil niet dood").
The farewell cues are flags: two different ones in one message make ``crisis.afscheid`` (see the engine).
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import clause_ends, message_ends
from bot.domain.safety.patterns import A, G, GN, L, R, T, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import (
    DEATH, I, JUMP_PLACE, ME, OWNERS, PERMANENT, PETS, PILLS, POSS, REFL, SELF_HARM_BODY, SELF_HARM_VERB,
    SELF_HARM_VERB_BODY,
)

# Wounds and cuts as nouns, and what hides them.
CUTS = T("sneetje", "sneetjes", "sneden", "snijwond", "snijwonden", "snijwondjes", "krassen", "wondjes", "krasjes")
HIDE = T("verbergen", "verstoppen", "bedekken", "camoufleren", "wegwerken")
# Things kept ready for it: "een touw in mijn kast, voor als het niet meer gaat".
MEANS = T("touw", "strop", "mesje", "scheermesje")
# "Voor als het echt niet meer gaat": kept for the moment one cannot go on.
IN_CASE = seq(T("voor"), T("als"), G(3), T("niet"), T("meer"), T("gaan", "kunnen", "lukken"))
# Not eating (any more), as a way to waste away.
NOT_EATING = seq(T("niet", "niks", "niets"), T("meer"), T("eten"))
# What may follow "ik ben er niet meer" and still end the thought ("..., dus die toets maakt niet uit").
THEN = frozenset({"die", "deze", "dan", "en", "dus"})
# Words that make a last day or not being there any more a move, a holiday or a job (not a school's words:
# a mentor who reports "ze zou er liever niet meer zijn" names the school too).
LEAVING = (T("stage", "werk", "bijbaan", "baan", "vakantie", "zomervakantie", "verhuizen", "verhuizing", "verhuis",
             "overstappen", "emigreren", "schoolwisseling"),
           # "een andere school" ("andere" as a regex: as a keyword it would stop the repair of "anders")
           seq(R(r"^(ander|nieuw)"), T("school", "klas", "club", "team", "stad", "land")))
# "Mijn laatste dag *op* school", "*hier*", "*als* mentor": a last day somewhere, not a last day alive.
LAST_DAY_AT = frozenset({"op", "bij", "van", "hier", "als", "in", "met", "voor", "thuis", "daar"})
# A day or a moment set for it: "ik heb een plan voor zaterdag".
DAY = T("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "weekend", "morgen", "vanavond",
        "vannacht", "straks")
DAY_OR_THEN = T(*DAY.words, "dan", "volgende", "volgend")
# Eating (almost) nothing, for days: "ik eet al 5 dagen bijna niks", "ze weigert al een week te eten".
EAT_NOTHING = (seq(T("eten"), G(4), T("niks", "niets", "nauwelijks", "niet")), seq(T("niks", "niets"), T("meer"), T("eten")),
               seq(T("weigeren"), G(4), T("eten")), seq(T("stoppen", "ophouden"), T("met"), T("eten")))
DURATION = T("dagen", "dag", "week", "weken", "maand", "maanden")
# What starving or purging does, or is meant to do: "flauwgevallen", "als ik kleiner word", "ik ben nog te dik".
WASTING = (T("flauwvallen", "flauwgevallen", "duizelig", "kleiner", "onzichtbaar", "vetzak", "varken", "dikzak", "oplossen"),
           seq(T("te"), T("dik", "vet")), seq(T("hart"), G(2), T("bonken", "raar", "overslaan")))
PURGE = T("kotsen", "uitkotsen", "overgeven", "braken", "spugen")
# Means bought or gathered, a cue of a farewell: "ze heeft pillen gekocht".
MEANS_GOT = (PILLS, T("touw", "strop", "scheermesje", "mesjes"))


def crisis_rules() -> List[Rule]:
    """The ``crisis.*`` rules and the farewell cues (``flag.afscheid.*``)."""
    return [
        rule("crisis.zelfdoding", [
            [R(r"^(zelfmoord|zelfmo?o?r[dt]|zlfmo?o?rd|suicid|suicide|zelfdoding|unalive|selfharm|zelfbeschadig|automutil"
               r"|zelfverwond)")],
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
            # "ik wil bij opa in de hemel zijn", "'bij oma in de hemel wil zijn'"
            seq(T("willen", "wou", "wens", "wensen", "liever", "mogen"), G(5), T("hemel")),
            seq(T("hemel"), G(2), T("willen", "wou")),
            # one's own funeral ("hoe hij zijn eigen begrafenis voor zich ziet"), being run over on purpose
            seq(T("eigen", "mijn"), T("begrafenis", "uitvaart")),
            *near(T("hopen", "hoop", "wensen"), seq(T("me", "mij", "hem", "haar"), G(1), R(r"^(aan|over|dood)(ge)?rij")), 6),
            # agreeing with those who wish one dead: "ze zeggen dat ik dood moet, misschien hebben ze gelijk"
            *near(seq(I, G(3), DEATH), seq(T("hebben"), G(3), T("gelijk")), 12),
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
            seq(T("mezelf", "zichzelf"), G(3), T("wurgen", "verstikken", "stikken")),  # "mezelf te wurgen met een kabel"
            *near(SELF_HARM_VERB_BODY, seq(T("mijn", op="?"), SELF_HARM_BODY), 4),
            *near(SELF_HARM_BODY, T("sneetje", "sneetjes", "sneden", "snijwond", "snijwonden", "snijwondjes", "krasjes"), 4),
            *near(seq(T("krabben", "branden", "bijten"), G(4), SELF_HARM_BODY), T("bloed", "bloeden", "open", "kapot"), 4),
            seq(T("touw"), G(6), T("ophangen", "hangen")),
            # hiding it: "hoe snij je zodat niemand het ziet", "de sneetjes verbergen voor gym"
            seq(SELF_HARM_VERB_BODY, G(6), T("zodat", "zonder"), G(2), T("niemand", "iemand"), G(2),
                T("zien", "merken", "opvallen")),
            *near(CUTS, HIDE, 6),
            # a friend about a friend: "dat ze zich wil ophangen", "hij gaat zich iets aandoen"
            seq(T("zich", "zichzelf"), A(2), T("willen", "wou", "gaan", "zullen"), A(2),
                R(r"(ophangen|opknopen|verdrinken|doodmaken|vermoorden)$")),
            seq(T("zich", "zichzelf"), T("op"), T("te"), T("hangen", "knopen")),
            seq(T("zich", "zichzelf"), G(2), T("iets", "wat"), T("aandoen")),
            *near(T("branden"), T("aansteker", "sigaret", "lucifer", "strijkijzer"), 6),
        ], negatable=False),
        # Means kept for the moment one cannot go on: "een touw in mijn kast, voor als het echt niet meer gaat".
        rule("crisis.klaarleggen", [*near(T("touw", "strop"), IN_CASE, 10), *near(PILLS, IN_CASE, 10)], negatable=False,
             check=lambda doc, s, e: clause_ends(doc, e)),
        # Starving oneself: "ik eet expres niks meer", "hoe lang duurt het voordat je doodgaat als je niet meer eet".
        rule("crisis.uithongeren", [
            seq(T("eten"), T("expres", "bewust"), G(2), T("niks", "niets", "niet", "nauwelijks")),
            seq(T("expres", "bewust"), G(2), T("niks", "niets", "niet", "nauwelijks"), G(1), T("meer", op="?"), T("eten")),
            *near(NOT_EATING, DEATH, 6),
            *near(seq(T("stoppen", "ophouden"), T("met"), T("eten")), DEATH, 8),
        ], negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        rule("crisis.methode", [
            seq(T("springen", "gooien", "liggen"), G(3), T("van", "voor", "onder", "uit", "op"), G(2), JUMP_PLACE),
            seq(T("van", "voor", "onder", "uit", "op", "bij"), G(2), JUMP_PLACE, G(8), T("springen", "gooien", "liggen")),
            seq(T("onder", "voor"), G(1), T("auto", "bus", "vrachtwagen", "trein", "metro", "tram"), G(3),
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
            *near(T("spoor", "rails", "brug", "flat", "dak", "trein", "zee", "rivier", "kanaal"),
                  seq(T("zijn"), T("het"), T("klaar", "voorbij", "afgelopen")), 8),
            [T("overdosis")],
            *near(MEANS, T("verstoppen", "verstopt"), 6),
            *near(PILLS, T("tellen", "dodelijk", "dodelijke", "fataal"), 6),
            # on a roof or a bridge, looking down
            *near(seq(T("op", "bij"), G(2), JUMP_PLACE), seq(T("kijken", "staren"), T("naar"), T("beneden")), 8),
            seq(T("gaan", "willen", "wou"), A(2), PILLS, T("nemen", "slikken", "innemen")),
        ], negatable=False),
        # "ze gaat vannacht pillen nemen" (not "ik moet mijn pillen nemen": medication)
        rule("crisis.pillen_plan", [seq(PILLS, A(2), T("gaan", "willen", "wou"), A(1), T("nemen", "slikken", "innemen"))],
             negatable=False, check=lambda doc, s, e: s == 0 or doc[s - 1].norm_ not in OWNERS),
        rule("crisis.verdwijnen", [
            seq(I, A(2), T("willen", "wou", "wens"), A(3), T("verdwijnen")),
            seq(T("willen", "wou"), I, A(3), T("verdwijnen")),
            seq(I, A(2), T("willen", "wou"), A(2), T("er"), T("niet"), T("meer"), T("zijn")),
            seq(I, A(2), T("willen", "wou"), A(2), T("weg", "verdwijnen", "slapen"), G(2), T("voor"), T("altijd")),
            seq(T("tot"), I, A(2), T("verdwijnen", "doodgaan", "sterven")),  # "niet eten tot ik verdwijn"
        ], negatable=False),
        # Not being there any more, told as a plan: "morgen ben ik er niet meer", "dat ze er liever niet meer zou zijn"
        rule("crisis.er_niet_meer", [
            seq(T("zijn"), I, T("er"), G(4), T("niet", "nooit"), T("meer")),
            seq(I, T("zijn"), T("er"), G(4), T("niet", "nooit"), T("meer")),
            seq(T("er"), T("liever"), T("niet"), T("meer"), G(1), T("zijn")),
        ], negatable=False, unless=("flag.vertrek",), check=lambda doc, s, e: clause_ends(doc, e, THEN)),
        # A last day of one's own, not at a school or a job: "vandaag is zijn laatste dag, ik ben zo bang"
        rule("crisis.laatste_dag", [seq(T("mijn", "zijn", "haar"), T("laatste"), T("dag"))], negatable=False,
             unless=("flag.vertrek",), check=lambda doc, s, e: e >= len(doc) or doc[e].norm_ not in LAST_DAY_AT),
        rule("flag.vertrek", [[LEAVING[0]], LEAVING[1]], negatable=False),
        # Wasting away on purpose: "ze wil oplossen tot er niks meer van haar over is", "als ik kleiner word zien ze me
        # niet meer en dat is prima".
        rule("crisis.wegkwijnen", [
            seq(T("oplossen", "verdwijnen", "krimpen"), T("tot"), G(3), T("niks", "niets"), T("meer"), G(3), T("over")),
            *[p for e in EAT_NOTHING for p in near(e, seq(T("niet", "nooit"), T("meer"), G(4), T("prima", "goed", "fijn",
                                                                                            "beter")), 20)],
        ], negatable=False),
        # A bare "ik snij weer", "ik kras nog steeds": cutting as something one does.
        rule("crisis.snijden", [seq(I, T("snijden", "krassen", "kerven"), A(3))], negatable=False,
             check=lambda doc, s, e: clause_ends(doc, e)),
        # Cut or scratched into one's skin: "heeft op zijn arm 'niemand wil mij' gekrast", "mijn pols opengehaald".
        rule("crisis.in_huid", [
            seq(T("op", "in"), POSS, SELF_HARM_BODY, G(7), T("krassen", "kerven", "snijden")),
            # "opengehaald", "openkrast", "opengekrabd"; Flemish "uw pols"
            *near(R(r"^open(ge)?(ha+l|snij|sned|kras|krab|kerf)"), seq(T(*POSS.words, "uw"), SELF_HARM_BODY), 3),
        ], negatable=False),
        # Whether a way to die hurts or is quick: "doet verdrinken veel pijn?"
        rule("crisis.methode_vraag", [
            seq(T("doen", "zijn"), R(r"^(verdrinken|ophangen|verstikken|doodbloeden|overdosis|doodgaan|sterven|springen)$"),
                G(2), T("pijn", "snel", "lang")),
        ], negatable=False),
        # Not sure to live till tomorrow: "als ik morgen nog leef kom ik naar school".
        rule("crisis.nog_leven", [seq(T("als"), I, G(2), DAY_OR_THEN, G(1),
                                      T("nog"), T("leven", "bestaan"))], negatable=False),
        # "Dit is de laatste keer dat je me ziet".
        rule("crisis.laatste_keer", [seq(T("laatste"), T("keer"), T("dat"), G(2), T("me", "mij", "hem", "haar"),
                                         L("ziet", "zien", "spreekt", "spreken", "hoort", "horen"))], negatable=False,
             check=lambda doc, s, e: clause_ends(doc, e)),
        # Looked up how, beside "I can't go on": "ik trek dit niet meer, ik heb al opgezocht hoe het moet"
        rule("crisis.opgezocht", [*near(seq(T("niet"), A(1), T("meer")),
                                        seq(T("opzoeken", "googelen", "googlen", "uitzoeken", "gegoogeld", "opgezocht"), G(2),
                                            T("hoe"), T("het", "je"), G(1), T("moeten", "doen", "kunnen")), 16)],
             negatable=False),
        # Rest at last, with a coffin or a grave: "een tekening van zichzelf in een doodskist met 'eindelijk rust'"
        rule("crisis.eindelijk_rust", [*near(T("doodskist", "kist", "graf", "begrafenis", "dood"),
                                             seq(T("eindelijk"), T("rust")), 12),
                                       *near(T("doodskist", "kist", "graf"), seq(T("beter"), T("voor"), T("iedereen")), 12),
                                       seq(T("zichzelf", "mezelf"), T("in"), T("een", "de", "mijn"), T("kist", "doodskist", "graf"))],
             negatable=False),
        # Means kept ready: "een touw in mijn kast", "ik heb al een touw gekocht".
        rule("crisis.touw_klaar", [seq(T("touw", "strop"), G(1), T("in"), POSS, T("kast", "la", "kamer", "tas", "rugzak")),
                                   seq(T("al"), T("een"), T("touw", "strop"), T("kopen", "gekocht"))], negatable=False,
             check=lambda doc, s, e: e >= len(doc) or doc[e].norm_ not in ("voor", "om", "zodat")),  # no purpose given
        # All one's things given away; a letter for when one is gone; a farewell letter.
        rule("crisis.spullen_weg", [seq(T("al"), G(3), T("spullen"), G(1), T("weggeven", "weggegeven")),
                                    seq(T("spullen"), T("al"), T("weggeven", "weggegeven")),
                                    seq(T("brief", "briefje"), G(4), T("voor"), T("als"), I, T("weg", "dood", "er"), G(2),
                                        T("zijn")),
                                    *near(T("brief", "briefje", "video", "filmpje"), seq(T("afscheid"), T("nemen")), 6)],
             negatable=False, unless=("flag.vertrek",)),
        # Done with life itself: "ik ben er klaar mee, met alles, met leven ook".
        rule("crisis.klaar_leven", [seq(T("klaar"), G(6), T("met"), T("het", op="?"), T("leven"))], negatable=False),
        # Hurting oneself against a wall; marks one makes oneself; a knife "voor mezelf"; "mezelf iets aan ga doen".
        rule("crisis.zelf_pijn", [
            seq(T("bonken", "slaan", "beuken", "stoten"), T("met"), POSS, T("hoofd"), T("tegen")),
            *near(T("krassen", "brandplekjes", "brandplekken", "sneetjes", "wondjes", "littekens"),
                  seq(T("zelf"), T("aanbrengen", "toebrengen")), 6),
            *near(T("mes", "mesje", "scheermesje", "schaar"), seq(T("voor"), T("mezelf")), 12),
            seq(T("mezelf", "zichzelf"), T("iets", "wat"), T("aan"), G(2), T("doen")),
            *near(seq(T("hoeveel"), G(1), PILLS, G(2), T("te"), T("veel")), T("mezelf", "dodelijk"), 8),
        ], negatable=False),
        # Stopped eating to vanish: "ik ben gestopt met eten zodat ik langzaam verdwijn".
        rule("crisis.eten_verdwijnen", [q for e in EAT_NOTHING for q in near(e, T("verdwijnen"), 12)], negatable=False),
        # Thinking through how one would do it: "ik bedenk elke avond hoe ik het zou doen"
        # knowing how, with a place or a means: "ik weet hoe ik het ga doen, morgen ga ik van de brug"
        rule("crisis.hoe_weten", [*near(seq(T("weten"), T("hoe"), I, T("het"), T("zullen", "gaan"), T("doen")),
                                        T("brug", "spoor", "trein", "flat", "dak", "touw", "pillen", "pil", "rails"), 12)],
             negatable=False),
        rule("crisis.hoe_doen", [seq(T("bedenken", "denken", "nadenken", "fantaseren"), G(4), T("hoe"), I, T("het"),
                                     T("zullen", "gaan"), T("doen"))], negatable=False,
             check=lambda doc, s, e: e >= len(doc) or doc[e].is_punct),
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
            # the others better off, as a conditional: "dat wij het zonder hem makkelijker zouden hebben"
            seq(T("zonder"), T("mij", "me", "hem", "haar"), G(2), T("beter", "blijer", "gelukkiger", "fijner", "makkelijker"),
                T("af", op="?"), T("zullen")),
            seq(T("zonder"), T("mij", "me", "hem", "haar"), T("zullen"), G(3),
                T("beter", "blijer", "gelukkiger", "fijner", "makkelijker")),
        ], negatable=False),
        rule("crisis.alles_voorgoed", [
            *near(seq(T("alles", "leven"), G(1), T("stoppen", "ophouden", "voorbij", "over")), PERMANENT, 4),
            seq(T("alles", "leven"), G(1), PERMANENT, G(1), T("stoppen", "ophouden", "voorbij", "over")),
            *near(seq(T("stoppen", "ophouden"), T("met"), T("alles", "leven")), PERMANENT, 4),
            *near(seq(T("niet"), T("meer")), seq(T("voor"), T("altijd")), 2),
        ], negatable=False),
        rule("crisis.afscheidsbrief", [[R(r"^afscheids(brief|bericht|video|filmpje|post|tekst)")]], negatable=False),
        # Farewell cues: two different ones in one message make "crisis.afscheid" (see _Engine.run).
        rule("flag.afscheid.laatste", [seq(T("laatste"), T("bericht", "berichtje", "appje", "keer"))], negatable=False),
        rule("flag.afscheid.klaar", [seq(T("zijn"), T("het"), T("klaar", "voorbij", "afgelopen", "over", "zover")),
                                     seq(T("het"), T("zijn"), A(1), T("klaar", "voorbij", "afgelopen", "zover"))],
             negatable=False),
        rule("flag.afscheid.ik_klaar", [seq(I, T("zijn"), A(2), T("klaar"))], negatable=False,
             check=lambda doc, s, e: message_ends(doc, e)),
        rule("flag.afscheid.sorry", [seq(T("sorry"), T("voor"), T("alles"))], negatable=False),
        rule("flag.afscheid.vaarwel", [[T("vaarwel")], seq(T("dag", "doei", "doeg", "bye", "houdoe"), T("iedereen", "allemaal")),
                                       seq(T("tot"), T("nooit"))],
             negatable=False),
        rule("flag.afscheid.bedankt", [seq(T("bedankt", "dank", "bedanken"), T("voor"), T("alles")),
                                       seq(T("bedankt", "dank"), T("voor"), T("het"), T("proberen")),
                                       seq(T("bedankt", "dank"), T("dat"), T("jullie", "je"), T("het"), T("proberen"))],
             negatable=False),
        rule("flag.afscheid.nemen", [seq(T("afscheid"), T("nemen"))], negatable=False),
        rule("flag.afscheid.stil", [seq(T("reageren", "opnemen"), G(2), T("niet"), T("meer")),
                                    seq(T("reageren", "antwoorden"), T("hij", "ze", "zij", op="?"), A(1), T("niet", "nooit")),
                                    seq(T("nemen"), G(2), T("niet", "nooit"), T("meer", op="?"), T("op")),
                                    seq(T("telefoon", "mobiel"), T("staan"), A(1), T("uit"))], negatable=False),
        rule("flag.afscheid.weg", [seq(T("als"), I, T("weg"), T("zijn")), seq(T("als"), I, T("er"), T("niet"), T("meer"), T("zijn"))],
             negatable=False),
        rule("flag.afscheid.spullen", [seq(T("spullen"), G(4), T("weggeven")),
                                       seq(T("geven"), T("al"), POSS, T("spullen"), T("weg")),
                                       *near(R(r"^lievelings"), T("hebben", "krijgen", "geven", "weggeven", "houden"), 8)],
             negatable=False),
        rule("flag.afscheid.niet_nodig", [seq(T("niet", "nooit"), T("meer"), T("nodig"))], negatable=False),
        rule("flag.afscheid.zorgen", [seq(T("voor"), T("mijn"), PETS, G(2), T("zorgen")),
                                      seq(T("zorgen"), T("voor"), T("mijn"), PETS)], negatable=False),
        rule("flag.afscheid.missen", [seq(I, G(2), T("jullie", "ze", "iedereen"), G(1), T("missen"))], negatable=False),
        rule("flag.afscheid.waarom", [seq(T("niet"), T("te", op="?"), T("weten"), T("waarom"))], negatable=False),
        rule("flag.afscheid.was_leuk", [seq(T("was"), T("leuk"), T("zolang")),
                                        seq(T("leuk", "fijn", "mooi", "gezellig"), G(2), T("jullie", "je", "jou", "iedereen"),
                                            G(2), T("kennen", "gekend"))], negatable=False),
        rule("flag.afscheid.spijt", [seq(T("het"), T("spijt"), T("me"))], negatable=False),
        rule("flag.afscheid.altijd", [seq(T("voor"), T("altijd"))], negatable=False),
        rule("flag.afscheid.liefde", [seq(I, T("houden"), T("van"), T("jullie", "iedereen")),
                                      # a message to pass on: "zeg tegen mijn zusje dat ik van haar hou"
                                      seq(T("zeggen"), G(1), T("tegen"), G(3), T("dat"), I, G(1), T("van"), G(1),
                                          T("haar", "hem", "ze", "jullie"), T("houden"))], negatable=False),
        # a plan for a day when nobody is there: "een plan voor zaterdag als mijn ouders weg zijn"
        rule("flag.afscheid.plan", [seq(T("plan"), T("voor"), DAY, G(2), T("als"), G(4), T("weg", "slapen", "alleen"))],
             negatable=False),
        # accounts wiped, things given away: "ze heeft al haar accounts gewist", "hij gaf me zijn hoodie"
        rule("flag.afscheid.accounts", [*near(T("account", "accounts", "insta", "snap", "tiktok", "story", "profiel"),
                                              T("wissen", "gewist", "verwijderen", "deleten", "opheffen"), 4)], negatable=False),
        rule("flag.afscheid.geven", [seq(T("geven"), T("me", "mij"), T("zijn", "haar"), G(1),
                                         T("hoodie", "trui", "jas", "ketting", "oortjes", "spullen", "knuffel", "horloge"))],
             negatable=False),
        rule("flag.afscheid.middel", [p for m in MEANS_GOT for p in near(m, T("kopen", "gekocht", "halen", "bestellen", "besteld"), 4)],
             negatable=False),
        # a story with the rails or a bridge, beside another farewell cue: "'tot nooit meer' met een foto van het spoor"
        rule("flag.afscheid.plek", [seq(T("foto", "filmpje", "video", "pic"), G(3), T("spoor", "rails", "brug", "perron",
                                                                                    "viaduct", "dak"))], negatable=False),
        rule("flag.afscheid.niet_waard", [seq(T("zijn"), T("het"), A(2), T("niet"), T("waard"))], negatable=False,
             check=lambda doc, s, e: message_ends(doc, e)),
        # Starving or purging oneself (``flag.eten.*``): two different cues make ``crisis.eetstoornis`` (engine).
        rule("flag.eten.lang", [*[q for e in EAT_NOTHING for q in near(e, DURATION, 6)],
                                seq(T("eten"), G(3), DURATION, G(3), T("niks", "niets", "nauwelijks", "weinig"))],
             negatable=False),
        rule("flag.eten.lichaam", [[WASTING[0]], WASTING[1], WASTING[2]], negatable=False),
        rule("flag.eten.braken", [seq(PURGE, G(4), T("eten")), seq(T("eten"), G(4), PURGE),
                                  seq(T("gooien"), T("alles"), T("eruit"))], negatable=False),
        rule("flag.eten.bloed", [[T("bloed", "bloeden")]], negatable=False),
        rule("flag.eten.expres", [q for e in EAT_NOTHING for q in near(e, T("expres", "bewust", "opzettelijk"), 4)],
             negatable=False),
        rule("flag.afscheid.zwart", [seq(T("zwart", "zwarte"), T("plaatjes", "plaatje", "foto", "fotos", "story", "post", "posts"))],
             negatable=False),
        rule("flag.afscheid.stoppen", [seq(T("stoppen", "ophouden"), T("met"), T("alles"))], negatable=False,
             check=lambda doc, s, e: e >= len(doc) or doc[e].is_punct or not doc[e].text.isalnum()),
        rule("flag.afscheid.terug", [seq(T("zien"), ME, G(1), T("niet", "nooit"), T("meer", op="?"), T("terug")),
                                     seq(I, T("komen"), G(1), T("niet", "nooit"), T("meer", op="?"), T("terug"))],
             negatable=False),
    ]
