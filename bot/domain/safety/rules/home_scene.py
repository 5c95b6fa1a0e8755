"""Home rules for wordings told plainly (sets 16 and 17 round): a mother's partner who hits or comes at night, a parent
threatening to kill the other, a child locked in a room or a cellar, parents gone for days, a parent who "stampt",
a marriage to a stranger, silence bought with a threat ("dan stuurt hij mij weg"), a hand print on a cheek, a parent
drinking all day, hiding in a cupboard while both are drunk.

Kept apart from the other home modules so they stay small.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import G, L, T, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import HIT, I, LETHAL, ME, PARENT

PARTNER = seq(T("vriend", "man", "partner"), T("van"), T("mijn", "onze", "ons"), PARENT)
HER_PARTNER = seq(T("haar", "zijn"), T("nieuwe", op="?"), T("vriend", "partner"))
MARKED = T("wang", "wangen", "gezicht", "arm", "armen", "been", "rug", "nek", "keel", "bil", "billen", "hals", "oor")
SHUT_PLACE = T("kelder", "schuur", "zolder", "kast", "berging", "kamer", "hok", "badkamer", "wc")
LOOKED_AFTER = frozenset({"oma", "opa", "oppas", "tante", "oom", "buren", "logeren"})
DRINKS_WORDS = frozenset(("koffie", "thee", "water", "cola", "limonade", "fris", "melk", "sap", "energiedrank", "energydrink"))


def home_scene_rules() -> List[Rule]:
    """The ``thuis.*`` rules of this round."""
    return [
        # A mother's partner who hits: "haar vriend slaat ons allebei", "de vriend van mijn moeder slaat ons".
        rule("thuis.partner_slaat", [seq(PARTNER, G(3), HIT), seq(HER_PARTNER, G(2), HIT, G(1), T("ons", "me", "mij", "mama", "haar"))],
             requires=("flag.family",)),
        # A mother's partner at night in one's room: "de vriend van mn moeder komt soms 's nachts mn kamer in".
        rule("thuis.partner_nacht", [seq(PARTNER, G(6), T("nacht", "nachts"), G(3), T("kamer", "bed"))], negatable=False),
        rule("thuis.dingen_niet_wil", [seq(T("doen", "laten"), T("dingen"), T("die"), I, T("niet"), T("willen"))],
             requires=("flag.family",), negatable=False),
        # A parent threatening to kill the other: "mijn vader schreeuwde dat hij mama zou vermoorden".
        rule("thuis.familie_geweld_moord", [seq(PARENT, G(3), T("dat"), T("hij", "ze", "zij"), G(2), PARENT, G(2), LETHAL)],
             negatable=False),
        # Locked in a room or the cellar: "dan doet mijn vader mij in de kelder op slot", "ik mag mn kamer niet uit ... alleen water".
        rule("thuis.op_slot", [seq(PARENT, G(3), ME, T("in"), T("de", "het", "mijn"), SHUT_PLACE, T("op"), T("slot")),
                               seq(PARENT, G(2), T("opsluiten"), ME, G(2), T("in"), T("de", "het", "mijn"), SHUT_PLACE)],
             unless=("flag.grap",), negatable=False),
        rule("thuis.kamer_alleen_water", [seq(T("kamer"), T("niet"), T("uit"))], requires=("flag.alleen_water",), negatable=False),
        rule("flag.alleen_water", [seq(T("alleen"), G(1), T("water", "brood")), seq(T("deur"), G(2), T("op"), T("slot"))],
             negatable=False),
        # Parents gone for days, with no food or no idea where: "ze zijn al 3 dagen weg ... bijna niks meer in de koelkast".
        rule("thuis.dagen_weg", [seq(T("zijn"), T("al"), G(1), T("dag", "dagen", "nachten"), G(2), T("weg", "thuis"))],
             requires=("flag.weg_nood",), negatable=False,
             check=lambda doc, s, e: not any(t.norm_ in LOOKED_AFTER for t in doc)),
        rule("flag.weg_nood", [[T("koelkast", "honger")], seq(T("niks", "niets", "geen"), T("eten")),
                               seq(T("weten"), T("niet"), T("waar"))], negatable=False),
        # "mn pa heeft me weer gestampt".
        rule("thuis.gestampt", [seq(PARENT, G(4), L("gestampt", "stampt", "stampte"))], negatable=False),
        # A marriage to a stranger: "kmoet volgend jaar trouwen met iemand die ik nooit heb gezien".
        rule("thuis.trouwen_onbekend", [seq(T("moeten"), G(4), T("trouwen"), T("met"), G(5), T("niet", "nooit"), G(2), seen)
                                        for seen in (T("zien", "gezien", "kennen", "ontmoeten", "ontmoet"), L("ken", "kent"))],
             negatable=False),
        # Silence bought with a threat: "als ik het aan de juf vertel dat hij mij dan wegstuurt", "dat ik mama nooit meer zie".
        rule("thuis.zwijgen_dreiging", [[T("wegsturen", "tehuis", "pleeggezin", "weggestuurd")],
                                        seq(T("nooit"), T("meer"), T("zien"))],
             requires=("flag.family", "flag.als_vertel"), negatable=False),
        rule("flag.als_vertel", [seq(T("als"), I, G(6), T("vertellen", "zeggen", "verteld"))], negatable=False),
        # A hand print on a child: "zie ik soms de afdruk van een hand op zijn wang".
        rule("thuis.hand_afdruk", [seq(T("afdruk", "afdrukken"), G(3), T("hand", "vingers"), G(1), T("op"), G(1), MARKED),
                                   seq(T("handafdruk", "handafdrukken"), G(1), T("op"), G(1), MARKED)],
             requires=("flag.family",), negatable=False),
        # A parent drinking all day: "mn moeder drinkt de hele dag".
        rule("thuis.drinkt_hele_dag", [seq(PARENT, T("drinken"), T("de"), T("hele"), T("dag"))], negatable=False,
             check=lambda doc, s, e: not any(t.norm_ in DRINKS_WORDS for t in doc[e:e + 3])),
        # Hiding while both are drunk: "ze zijn allebei dronken en ik zit met mn broertje in de kast".
        rule("thuis.dronken_verstopt", [seq(L("zit", "zitten", "zat"), G(4), T("in"), T("de", "het", "mijn"), SHUT_PLACE),
                                        [T("verstoppen", "verstopt", "opsluiten", "opgesloten")]],
             requires=("flag.beiden_dronken",), negatable=False),
        rule("flag.beiden_dronken", [seq(T("allebei", "beiden", "ouders"), G(2), T("dronken", "bezopen")), seq(T("allebei", "beiden", "ouders"), G(2), L("zat")),
                                     seq(T("dronken", "bezopen"), G(2), T("allebei"))], negatable=False),
    ]
