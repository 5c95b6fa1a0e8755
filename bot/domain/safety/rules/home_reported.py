"""Home rules for wordings of the sets 12 and 13 round: food withheld, a parent drunk and what follows, a night
visit by a male relative, "dingen" a relative does, a forced marriage abroad, parents who fight, put out on the street.

Kept apart from ``home`` and ``home_indirect`` so the modules stay small.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import message_ends
from bot.domain.safety.patterns import A, G, L, T, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import FAMILY, I, IMAGE, MARKS, ME, PARENT, exact, forms

# A male relative or a parent's partner: who comes into a child's bed at night.
MALE_RELATIVE = exact(*forms(("", "stief", "half"), ("vader", "pa", "papa", "pap", "pappa", "paps", "broer", "opa", "oom", "neef")))
DRUNK = T("dronken", "gedronken", "bezopen", "drankprobleem", "stoned", "high")
# What follows a parent's drinking: fear, things broken, a child who must keep watch or not be there.
AFTER_DRINK = (T("oppassen", "bang", "breken", "kapot", "slaan", "huilen", "schreeuwen", "vechten", "grond"),
               seq(T("willen"), I, T("er"), T("niet"), T("zijn")))
NIGHT = (T("nacht", "nachts", "vannacht", "avond", "avonds"),)
EAT = T("eten", "avondeten", "ontbijt", "lunch", "gegeten", "brood")

# What makes a night visit wrong: fear, touching, silence, cuddling "op een manier die ik niet fijn vind".
NIGHT_CUE = T("eng", "bang", "aanraken", "zeggen", "vertellen", "vervelend", "raar", "stil", "knuffelen", "zoenen")
NIGHT_CUE_TOUCH = T(*NIGHT_CUE.words, "raken")


def home_reported_rules() -> List[Rule]:
    """The ``thuis.*`` rules and cues of this round."""
    return [
        # Food withheld as a punishment or not there: "haar moeder pakt haar eten af als straf", "thuis krijgt hij niks",
        # "krijg thuis alleen droog brood", "er is niks in huis", "mn ma zegt dat ik het niet verdien".
        rule("thuis.eten_onthouden", [
            *near(EAT, seq(T("als"), T("straf")), 6),
            seq(T("eten"), T("afpakken")),
            seq(T("thuis"), G(2), T("krijgen"), T("hij", "ze", "zij", "ik", op="?"), T("niks", "niets")),
            seq(T("alleen"), T("droog", "droge"), T("brood")),
            seq(T("hele", "halve"), T("dag", "dagen"), T("niks", "niets"), G(1), T("krijgen")),
            *near(seq(T("niks", "niets", "niet", "geen"), G(2), EAT), seq(T("niks", "niets", "geen"), G(2), T("in"), T("huis")), 12),
            *near(seq(T("niet", "niks", "geen"), G(2), EAT), seq(FAMILY, G(3), T("niet"), T("verdienen")), 10),
            *near(seq(T("niet", "niks"), G(2), EAT), seq(T("verslaafd"), G(4)), 16),
        ], requires=("flag.family_or_home_eat",), negatable=False),
        rule("flag.family_or_home_eat", [[FAMILY], [T("thuis", "huis")]], negatable=False),
        # A parent drunk and what follows: "elke keer als mn pa dronken is breekt er iets", "als hij gedronken heeft moet
        # ik oppassen", "mama is weer dronken en ligt op de grond", "als de vriend van mijn moeder weer dronken thuiskomt".
        rule("thuis.drank_angst", [
            *[p for a in AFTER_DRINK for p in near(seq(PARENT, G(6), DRUNK), a, 14)],
            *[p for a in AFTER_DRINK for p in near(seq(T("hij", "ze", "zij"), G(2), DRUNK), a, 10)],
        ], requires=("flag.family",), negatable=False),
        # A male relative who comes to a child's bed or room at night, with fear or silence: "mijn oom komt 's nachts in mijn
        # bed liggen en dat vind ik eng", "mn oom komt 's nachts in mijn kamer en ik weet niet hoe ik het moet zeggen",
        # "mijn stiefbroer kwam weer bij me in bed liggen en raakte hij me aan".
        rule("thuis.nacht_bezoek", [
            *near(seq(MALE_RELATIVE, G(4), T("komen", "kruipen", "sluipen"), G(4), T("in", "op", "bij"), G(2),
                      T("bed", "kamer", "slaapkamer")),
                  NIGHT_CUE, 14),
            *near(seq(T("komen", "kruipen"), G(1), MALE_RELATIVE, G(4), T("in", "op", "bij"), G(2), T("bed", "kamer")),
                  NIGHT_CUE_TOUCH, 14),
        ], negatable=False),
        # "Dingen" a relative does: "haar broer 'dingen met haar doet' als hun ouders weg zijn", "thuis doet pa soms dingen
        # die niet mogen".
        rule("thuis.dingen_doen", [
            *near(FAMILY, seq(T("dingen"), T("met"), T("me", "mij", "haar", "hem"), T("doen")), 10),
            seq(PARENT, G(3), T("dingen"), T("die"), T("niet"), T("mogen")),
            seq(T("doen"), PARENT, G(2), T("dingen"), T("die"), T("niet"), T("mogen")),
        ], negatable=False),
        # A forced marriage abroad or against one's will: "moet trouwen tegen mijn wil", "naar Pakistan stuurt om met een
        # neef te trouwen", "ik ga naar Marokko en kom niet meer terug, ik moet daar trouwen".
        rule("thuis.huwelijk_dwang", [
            *near(seq(T("moeten"), G(3), T("trouwen")), seq(T("tegen"), G(1), T("wil")), 6),
            seq(T("sturen", "sturen"), G(6), T("om"), G(4), T("trouwen")),
            seq(T("moeten"), I, T("daar"), T("trouwen")),
            seq(I, T("moeten"), T("daar"), T("trouwen")),
            seq(T("daar"), T("moeten"), I, A(1), T("trouwen")),
            *near(seq(T("niet", "nooit"), T("meer"), T("terugkomen", "terug")), T("trouwen"), 14),
            *near(seq(T("niet", "nooit"), T("meer"), L("terugkom", "terugkomt")), T("trouwen"), 14),
            seq(T("moeten"), I, G(1), T("trouwen"), T("met"), T("iemand"), T("die"), I, T("niet"), T("kennen")),
        ], negatable=False),
        # Parents who fight, again and again: "mijn ouders vechten elke nacht", "mijn ouders vechten weer", "gooide mn vader
        # een stoel naar mn moeder", "thuis wordt veel geschreeuwd en soms gaat er iets kapot".
        rule("thuis.ouders_vechten", [
            seq(T("ouders"), A(1), T("vechten", "knokken"), A(1), T("weer", "elke", "iedere", "altijd", "steeds", "vaak")),
            seq(T("ouders"), T("weer", "altijd", "steeds", "vaak", "elke"), G(1), T("vechten", "knokken")),
            seq(T("ouders"), G(4), T("vechten", "knokken"), T("elke", "iedere", "altijd", "steeds"), T("avond", "nacht", "dag")),
            seq(PARENT, G(4), T("gooien", "smijten"), G(3), T("naar"), T("mijn", "mn", "zijn", "haar"), PARENT),
            seq(T("gooien", "smijten"), G(1), PARENT, G(3), T("naar"), T("mijn", "mn", "zijn", "haar"), PARENT),
            *near(T("geschreeuwd", "geschreeuw", "schreeuwen", "ruzie"), seq(T("gaan"), T("er"), A(1), T("iets"), T("kapot")), 12),
        ], negatable=False),
        rule("thuis.ouders_vechten_kort", [seq(T("ouders"), T("vechten"), A(1))], negatable=False,
             check=lambda doc, s, e: message_ends(doc, e)),
        # Put out on the street or told to clear off: "dat ik op straat sta", "de sloten veranderd ... moet oprotten",
        # "ze hebben me eruit gegooid ... nergens om heen te gaan", "heeft me buitengesloten na ruzie".
        rule("thuis.straat", [
            seq(I, G(1), T("op"), T("straat"), T("staan", "zetten", "gooien", "komen")),
            seq(T("op"), T("straat"), T("zetten", "gooien", "schoppen")),
            [T("oprotten", "opdonderen", "opzouten", "opsodemieteren", "opflikkeren")],
            seq(T("slot", "sloten"), G(1), T("veranderen", "vervangen")),
            *near(seq(T("eruit"), G(1), T("gooien", "zetten", "schoppen")), seq(T("nergens"), G(3), T("heen")), 16),
            seq(PARENT, G(3), ME, G(1), L("buitengesloten", "buitengezet")),
        ], requires=("flag.family",), negatable=False),
        # Put out with nowhere to go: "ze hebben me eruit gegooid ... heb nergens om heen te gaan".
        rule("thuis.nergens_heen", [*near(seq(T("eruit"), G(1), T("gooien", "zetten", "schoppen")), seq(T("nergens"), G(3), T("heen")),
                                          20)], negatable=False),
        # Shut in the cellar as a punishment: "sluit mijn moeder me weer op in de kelder".
        rule("thuis.opgesloten_ouder", [seq(T("sluiten"), G(1), FAMILY, ME, G(2), T("op")),
                                        seq(FAMILY, G(1), T("sluiten"), ME, G(2), T("op"))], negatable=False),
        # Sleeping outside as a punishment: "ik moest buiten slapen in de tuin omdat ik te laat thuis was".
        rule("thuis.buiten_slapen", [*near(seq(T("moeten"), G(2), T("buiten", "tuin", "schuur", "garage", "balkon"), T("slapen")),
                                           T("omdat", "straf", "laat"), 10)], negatable=False),
        # A parent's threat to kill, meant literally: "als ik vertel wat thuis gebeurt dan maakt mn vader me af".
        rule("thuis.zwijgplicht_thuis", [seq(T("als"), I, G(2), T("vertellen", "zeggen"), T("wat"), T("er", op="?"), T("thuis"),
                                             T("gebeuren")),
                                         seq(T("maken"), G(1), PARENT, ME, T("af"))], negatable=False),
        # Hit when crying, as a home rule: "als we huilen krijgen we een klap", "krijg ik klappen als mn pa hoort ...".
        rule("thuis.klap_als", [seq(T("als"), T("ik", "we", "wij"), G(6), T("krijgen"), T("ik", "we", "wij"), G(2),
                                    T("klappen", "slaag", "klap")),
                                seq(T("krijgen"), T("ik", "we", "wij"), G(1), T("klappen", "slaag", "klap"), G(1), T("als"))],
             requires=("flag.family_or_home",)),
        # Dragged by the hair by a relative: "sleepte mijn vader me aan mijn haren door de gang".
        rule("thuis.haren", [seq(T("slepen", "sleuren", "trekken"), G(3), ME, T("aan"), T("mijn", "haar"), T("haren", "haar"))],
             requires=("flag.family",)),
        # A relative who films a child in the shower: "haar stiefvader maakt foto's van haar als ze onder de douche staat".
        rule("thuis.familie_beeld", [*near(seq(FAMILY, G(2), IMAGE, G(1), T("van"), T("haar", "me", "mij", "hem")),
                                           T("douche", "douchen", "bad", "omkleden", "bloot", "naakt", "slapen"), 10)]),
        # Marks not from school: "ik heb blauwe plekken maar die komen niet van school".
        rule("thuis.sporen_niet_school", [*[seq(m if not isinstance(m, tuple) else m, G(4), T("niet"), T("van"),
                                                T("school", "sport", "voetbal", "gym", "vallen")) for m in MARKS[:1]],
                                         seq(MARKS[1][0], MARKS[1][1], G(4), T("niet"), T("van"), T("school", "sport", "voetbal",
                                                                                                   "gym", "vallen"))],
             negatable=False),
        # Going home is not good: "ik ga liever niet naar huis vandaag, het is daar niet fijn".
        rule("thuis.daar_niet_fijn", [*near(seq(T("niet"), T("naar"), T("huis")), seq(T("daar", "thuis"), G(2), T("niet"),
                                                                                         T("fijn", "veilig", "leuk", "prettig", "goed")),
                                            10)], negatable=False),
        # Cues of neglect (``flag.zorg.*``, two make ``thuis.verwaarlozing_signalen``).
        rule("flag.zorg.drankprobleem", [[T("drankprobleem", "verslaafd", "verslaving", "alcoholist")]], negatable=False),
        rule("flag.zorg.schrokken", [seq(T("eten"), T("hij", "ze", "zij", op="?"), T("alsof"), G(5), T("niks", "niets"))],
             negatable=False),
        rule("flag.zorg.blijven", [seq(T("mogen"), G(2), T("blijven")), seq(T("bij"), T("ons"), T("mogen"), T("blijven"))],
             negatable=False),
        rule("flag.zorg.ouder_bed", [seq(PARENT, G(2), T("liggen"), G(4), T("in"), T("bed")),
                                     seq(PARENT, G(3), T("staan"), T("niet"), T("op"))], negatable=False),
        rule("flag.zorg.alles_doen", [seq(I, T("moeten"), T("alles"), T("doen")), seq(T("al"), T("het"), T("geld"), G(2),
                                                                                       T("drugs", "drank", "gokken"))],
             negatable=False),
        rule("flag.zorg.rare_mannen", [seq(T("rare", "vreemde"), T("mannen"), G(3), T("slapen", "thuis", "huis"))], negatable=False),
    ]
