"""Home rules for wordings of the sets 14 and 15 round: "slaat mijn vader me" (inverted), home worse than school, sleeping
elsewhere from a drunk parent, things thrown when drunk, put out by a parent, not allowed to tell what a parent does,
bruises that come from a parent or after a visit, a marriage to a cousin, food withheld as a condition, a relative who
wants to shower with a child, dirty films shown by a relative, a child left alone for days.

Kept apart from the other home modules so they stay small.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import A, G, L, T, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import HIT, I, MARKS, OBJECT, PARENT, POSS

OBJ = T(*OBJECT.words, "je")
DRUNK = T("dronken", "zat", "bezopen", "lam", "stomdronken", "high")
ELSEWHERE = T("vrienden", "vriend", "vriendin", "oma", "opa", "buren", "tante", "buurvrouw", "buurman", "vriendje",
              "vriendinnetje")
THROWN_AT_HEAD = T("asbak", "fles", "bord", "stoel", "schoen", "riem", "glas", "beker", "afstandsbediening", "pan")
MEAL = T("eten", "avondeten", "ontbijt", "lunch", "avondmaal", "brood", "warm")


def home_told_rules() -> List[Rule]:
    """The ``thuis.*`` rules and neglect cues of this round."""
    return [
        # Inverted: "als ik er iets van zeg slaat mijn vader me".
        rule("thuis.slaan_inversie", [seq(HIT, POSS, PARENT, OBJ)]),
        # Home worse than school: "thuis is erger dan op school", "tis thuis erger dan op school eerlijk".
        rule("thuis.erger_dan_school", [seq(T("thuis"), G(3), T("erger", "slechter", "zwaarder", "enger"), T("dan"), G(2),
                                            T("school"))]),
        # Sleeping elsewhere from someone drunk at home: "als ik thuis kom en hij is weer dronken dan slaap ik bij vrienden".
        rule("thuis.dronken_elders", [*near(seq(T("weer", "altijd", "steeds", "elke", "vaak", "iedere"), G(1), DRUNK),
                                            seq(T("slapen"), I, G(2), T("bij"), G(1), ELSEWHERE), 8)],
             requires=("flag.family_or_home",), negatable=False),
        # Shouting, hitting, throwing when drunk: "als hij dronken is scheldt hij en gooit hij dingen naar me";
        # "kreeg ik een asbak tegen mn hoofd".
        rule("thuis.dronken_geweld", [
            seq(T("als"), T("hij", "ze", "zij"), A(1), DRUNK, T("zijn"), G(4), T("slaan", "schelden", "gooien", "schreeuwen",
                                                                             "schoppen", "slopen", "smijten")),
            seq(T("krijgen"), I, G(1), THROWN_AT_HEAD, T("tegen"), POSS, T("hoofd")),
            seq(I, T("krijgen"), G(1), THROWN_AT_HEAD, T("tegen"), POSS, T("hoofd")),
        ], requires=("flag.family",), negatable=False),
        # Put out by a parent: "mn pa heeft me er gisteren uit gegooid", "je ouders zetten je s nachts buiten".
        rule("thuis.eruit_gegooid", [
            seq(PARENT, G(3), OBJ, T("er"), G(2), T("uit"), L("gegooid", "gezet", "geschopt", "getrapt", "gesmeten")),
            seq(PARENT, G(3), OBJ, T("eruit"), G(2), L("gegooid", "gezet", "geschopt", "getrapt", "gesmeten")),
            seq(PARENT, G(1), T("zetten"), OBJ, G(3), T("buiten")),
        ], negatable=False),
        # Not allowed to tell what a parent does: "hij zegt dat hij 'niet mag zeggen wat papa doet'".
        rule("thuis.zwijgen_ouder", [
            seq(T("niet"), T("mogen"), G(1), T("zeggen", "vertellen"), G(1), T("wat"), G(1), PARENT, G(2), T("doen")),
            seq(T("niet"), T("mogen"), G(1), T("zeggen", "vertellen"), T("wat"), T("er"), T("thuis"), T("gebeuren")),
            seq(T("mogen"), T("niet"), T("zeggen", "vertellen"), T("wat"), G(1), PARENT, G(2), T("doen")),
        ], negatable=False),
        # Bruises that come from a parent, or after a visit: "die komen van mn stiefmoeder, niet van hockey",
        # "na elk bezoek heeft hij blauwe plekken op zijn armen".
        rule("thuis.sporen_van_ouder", [seq(T("plek", "plekken", "plekjes", "wonden", "striemen"), G(2), T("komen"), T("van"), POSS,
                                            PARENT),
                                        *[p for m in MARKS for p in near(m, seq(T("komen"), T("van"), POSS, PARENT), 8)],
                                        *[p for m in MARKS for p in near(m, seq(T("na"), G(2), T("bezoek", "omgang",
                                                                                                "omgangsweekend")), 8)]],
             requires=("flag.family",), negatable=False),
        # A marriage to a cousin or an unknown man, with the family: "naar Pakistan ga om met mijn neef te trouwen".
        rule("thuis.trouwen_neef", [seq(T("om"), T("met"), G(1), T("neef", "oom", "nicht", "man", "iemand"), T("te"), T("trouwen"))],
             requires=("flag.family",), negatable=False),
        # Food withheld as a condition: "ik krijg geen avondeten als ik nie alles heb schoongemaakt".
        rule("thuis.eten_straf", [seq(I, T("krijgen"), T("geen", "niks", "niets"), MEAL, G(1), T("als")),
                                  seq(T("krijgen"), I, T("geen", "niks", "niets"), MEAL)], negatable=False),
        # A relative who wants to shower or bathe with a child: "mn stiefvader wil dat ik met hem douche".
        rule("thuis.samen_douchen", [seq(T("willen"), T("dat"), I, G(2), T("met"), T("hem", "haar"), G(1),
                                         T("douchen", "douche", "bad", "baden", "badderen"))],
             requires=("flag.family",), negatable=False),
        # Dirty films, or "dingen ... die hij niet mag vertellen", by a relative: "zijn oom ... hem laat kijken naar 'vieze
        # filmpjes' en dan dingen met hem doet die hij niet mag vertellen".
        rule("thuis.familie_geheim_dingen", [seq(T("dingen"), T("met"), T("me", "mij", "hem", "haar"), T("doen"), G(2), T("die"),
                                                 G(2), T("niet"), T("mogen"))],
             requires=("flag.family",), negatable=False),
        rule("thuis.familie_vieze_filmpjes", [[T("vies", "vieze", "seks", "porno")]],
             requires=("flag.family", "strafbaar.vieze_filmpjes"), negatable=False),
        # Food refused as not deserved, by a parent: "heb al 2 dagen nie gegeten mn ma zegt dat ik t nie verdien".
        rule("thuis.eten_niet_verdiend", [seq(PARENT, T("zeggen"), T("dat"), I, T("het", op="?"), T("niet"), T("verdienen"))],
             requires=("flag.gegeten",), negatable=False),
        rule("flag.gegeten", [[T("eten", "gegeten", "avondeten", "ontbijt", "lunch")]], negatable=False),
        # Neglect cues (``flag.zorg.*``): left alone for days, no food left.
        rule("flag.zorg.alleen_dagen", [seq(L("laat", "laten", "liet", "lieten"), G(8), T("alleen"), G(3),
                                            T("dag", "dagen", "nacht", "nachten", "weekend"))], negatable=False),
        rule("flag.zorg.geen_eten", [seq(T("geen", "niks", "niets"), T("eten"), T("meer")),
                                     seq(T("er"), T("zijn"), T("geen"), T("eten"))], negatable=False),
    ]
