"""Home rules for indirect wordings: neighbours who hear a child, care a child must give, punishments, forced
marriage told as a plan, neglect by a parent who stays away or drinks.

Kept apart from ``home`` (abuse named outright) so both modules stay small.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import A, G, L, T, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import FAMILY, I, ME, OBJECT

SIBLINGS = T("zusje", "zusjes", "broertje", "broertjes", "baby", "zus", "broer", "broers")
# "hoor" stays "hoor" (it is also the filler "ja hoor"), so its forms are matched as written.
HEAR = (T("horen"), L("hoor", "hoort", "hoorde", "hoorden"))
CHILD_CRY = T("gillen", "huilen", "schreeuwen", "krijsen", "janken")
OFTEN = T("avond", "avonds", "nacht", "nachts", "vaak", "steeds", "elke", "iedere", "tekeergaan", "tekeer", "klappen")
HIDING_PLACE = T("schuur", "kelder", "hok", "kast", "zolder")
# Told to keep it from school: "mijn vader zegt dat ik het niet aan de juf mag vertellen".
KEEP_QUIET = seq(T("niet", "niks", "niets"), G(3), T("mogen", "moeten"), G(1), T("vertellen", "zeggen", "doorvertellen"))


def home_indirect_rules() -> List[Rule]:
    """The indirect ``thuis.*`` rules and the cues they add."""
    return [
        # Neighbours who hear a child night after night: "ik hoor bijna elke avond een kind gillen".
        rule("thuis.buren", [p for hear in HEAR for p in (
                                 seq(hear, G(6), T("kind", "kinderen", "jongetje", "meisje"), G(2), CHILD_CRY),
                                 seq(hear, G(4), T("geschreeuw", "gegil", "gehuil", "huilende")))],
             requires=("flag.buren", "flag.vaak")),
        rule("flag.buren", [[T("buren", "buurvrouw", "buurman", "hiernaast", "bovenburen", "onderburen", "buurjongen",
                               "buurmeisje")]], negatable=False),
        rule("flag.vaak", [[T("elke", "iedere", "vaak", "steeds", "altijd", "regelmatig")]], negatable=False),
        # A child put in a shed or a cellar: "zijn moeder zet hem in de schuur als hij huilt".
        rule("thuis.weggezet", [seq(FAMILY, G(3), OBJECT, T("in"), T("de", "het", "een"), HIDING_PLACE,
                                    T("zetten", "stoppen", "opsluiten", "sluiten"))], negatable=False),
        # Sleeping on the floor as a punishment: "we moeten van mijn vader op de grond slapen als straf".
        rule("thuis.grond_slapen", [*near(T("straf", "straffen"), seq(T("op"), T("de"), T("grond", "vloer"), T("slapen")), 8),
                                    seq(T("laten"), ME, G(3), T("op"), T("de"), T("grond", "vloer"), T("slapen"))],
             requires=("flag.family",), negatable=False),
        # Forced to touch: "mijn broer dwingt me om hem aan te raken".
        rule("thuis.dwingen_aanraken", [seq(T("dwingen", "moeten"), G(4), T("aan"), T("te"), T("raken", "zitten"))],
             requires=("flag.family",), negatable=False),
        # Marriage arranged by the family: "mijn ouders hebben gezegd dat ik deze zomer ga trouwen met mijn neef".
        rule("thuis.huwelijk", [
            seq(FAMILY, G(3), T("zeggen", "beslissen", "besluiten", "bepalen"), T("dat"), I, G(8), T("trouwen")),
            seq(T("familie"), G(3), T("willen", "zeggen", "beslissen"), T("dat"), I, G(10), T("trouwen")),
            seq(T("trouwen"), G(3), T("man", "jongen", "vrouw"), T("die"), I, T("niet"), T("kennen")),
            *near(FAMILY, seq(T("dreigen"), G(2), T("terug"), T("te"), T("sturen")), 16),
            *near(T("buitenland"), seq(T("achter"), T("te"), T("laten")), 6),
            *near(FAMILY, seq(T("mogen"), T("niet"), T("meer"), T("naar"), T("school")), 16),
        ], negatable=False),
        # Telling what happens at home, feared: "als ik vertel wat er thuis gebeurt word ik uit huis geplaatst".
        rule("thuis.zwijgplicht", [seq(T("als"), I, G(2), T("vertellen", "zeggen"), T("wat"), T("er"), T("thuis"),
                                       T("gebeuren"))], negatable=False),
        # A parent gone for days or not coming home: "mama is weg met haar vriend, soms dagen", "al een week niet thuisgekomen".
        rule("thuis.ouder_weg", [
            seq(FAMILY, T("zijn"), T("weg"), G(4), T("dagen", "weken", "nachten")),
            *near(seq(T("dag", "dagen", "week", "weken", "nacht", "nachten"), G(2), T("niet"), T("thuiskomen")), FAMILY, 10),
            seq(T("dagen", "weken"), G(2), T("dezelfde", "zelfde"), T("luier", "kleren", "kleding")),
        ], negatable=False),
        # Afraid of a parent's mood: "als ik thuiskom heb ik altijd buikpijn want ik weet niet of pap weer boos is",
        # "thuis wordt papa weer boos en dan doet het pijn".
        rule("thuis.bang_boos", [
            *near(T("buikpijn", "misselijk", "bang", "zenuwachtig", "trillen"), seq(FAMILY, G(2), T("weer"), T("boos", "dronken",
                                                                                                       "kwaad")), 12),
            *near(seq(FAMILY, G(2), T("boos", "kwaad")), seq(T("doen"), T("het"), T("pijn")), 8),
        ]),
        rule("thuis.liever_weg", [p for w in (seq(T("liever"), G(3), T("slapen", "zijn", "blijven")),
                                              seq(T("slapen", "zijn", "blijven"), T("liever")))
                                  for p in near(w, seq(T("thuis"), G(5), T("vechten", "schreeuwen", "slaan", "ruzie")), 10)]),
        # Food only on a condition: "ik krijg thuis alleen eten als ik de hele dag heb gepoetst".
        rule("thuis.eten_voorwaarde", [seq(T("krijgen", "mogen"), G(2), T("alleen", "pas"), T("eten"), T("als"), I, G(6),
                                           T("genoeg", "poetsen", "gepoetst", "schoonmaken", "werken", "afvallen")),
                                       seq(T("krijgen"), G(2), T("alleen"), T("eten"), T("als"), I)], negatable=False),
        # Medicines withheld: "mijn moeder haalt mijn astmapuffer al weken niet op".
        rule("thuis.medisch", [seq(T("medicijn", "medicijnen", "puffer", "astmapuffer", "insuline"), G(3),
                                   T("weken", "dagen", "maanden"), T("niet", "nooit"))], requires=("flag.family",), negatable=False),
        # Kept quiet while washed: "ze moet stil zijn als papa haar wast".
        rule("thuis.stil_zijn", [seq(T("stil"), T("moeten", "zijn"), G(1), T("als"), FAMILY, G(2),
                                     T("wassen", "douchen", "aankleden", "uitkleden"))], negatable=False),
        # Threat with the family inside: "hij steekt het huis in brand met ons erin".
        rule("thuis.met_ons_erin", [seq(T("met"), T("ons", "mij", "me", "hen"), T("erin"))], requires=("flag.family",)),
        # Signs of neglect (``flag.zorg.*``, two make ``thuis.verwaarlozing_signalen``): a parent drunk every day, a
        # child who cares for siblings or a parent, no heating or power, told to keep it quiet.
        rule("flag.zorg.drank", [seq(FAMILY, G(1), T("drinken", "dronken", "zat"), G(1), T("elke", "altijd", "iedere", "steeds")),
                                 seq(FAMILY, G(2), T("altijd", "elke", "steeds", "vaak"), G(1), T("dronken", "zat", "high"))],
             negatable=False),
        rule("flag.zorg.zorgen", [seq(T("moeten"), G(2), T("voor"), G(1), SIBLINGS, T("zorgen")),
                                  seq(T("voor"), G(1), SIBLINGS, G(3), T("moeten"), T("zorgen")),
                                  seq(T("moeten"), G(3), SIBLINGS, T("eten"), T("geven")),
                                  seq(T("moeten"), G(2), T("naar"), T("bed"), T("brengen")),
                                  seq(T("moeten"), G(3), T("op"), G(1), SIBLINGS, T("passen"))], negatable=False),
        rule("flag.zorg.alleen_thuis", [seq(T("vaak", "altijd", "steeds", "elke"), G(2), T("alleen"), T("thuis"))],
             negatable=False),
        rule("flag.zorg.school", [seq(T("kunnen", "mogen"), A(1), T("niet"), T("naar"), T("school"))], negatable=False),
        rule("flag.zorg.voorzieningen", [seq(T("geen"), T("verwarming", "stroom", "gas", "licht"))], negatable=False),
        rule("flag.zorg.zwijgen", [*near(FAMILY, KEEP_QUIET, 8)], negatable=False),
    ]
