"""Flags: facts about a message that other rules require (now, the past, family, online, waiting outside).

``flag.*`` rules never name a category; they let rules like ``acuut.dreiging_nu`` fire only when
something places the threat now (``Rule.requires``).
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import G, L, R, T, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import FAMILY, HOUR, IMMINENT_WORDS, IN_MINUTES, JOKE, PLATFORM


def flag_rules() -> List[Rule]:
    """The flags, in the order the engine adds them."""
    return [
        rule("flag.imminent", [
            [IMMINENT_WORDS],
            seq(T("na"), G(2), T("school", "les", "schooltijd", "gym", "training", "pauze", "uur", "voetbal")),
            seq(T("om"), T("half", "kwart"), G(1), R(r"^([01]?[0-9]|2[0-3])$")),  # "om half 4"
            seq(T("op"), T("dit"), T("moment")),
            seq(T("zo"), T("meteen")),
            IN_MINUTES,
            seq(T("om"), HOUR, T("uur", op="?")),  # "om 4 uur", "om 15.30"
        ], negatable=False),
        rule("flag.past", [[T("gisteren", "eergisteren", "gisteravond", "gistermiddag", "gisternacht", "vorig",
                              "vorige", "afgelopen", "toen")],
                           [L("had", "hadden", "hield", "hielden", "was", "waren", "werd", "werden")]], negatable=False),
        rule("flag.family", [[FAMILY]], negatable=False),
        rule("flag.iemand_staat_klaar", [
            seq(T("ze", "er", "zij", "hij", "jongens", "groep", "iemand", "mannen", "gasten"), G(1),
                T("staan", "wachten", "zitten", "lopen"), G(6), T("buiten", "hek", "deur", "uitgang", "ingang", "achteringang",
                                                                 "poort", "daar", "bij", "fietsenstalling", "schoolplein",
                                                                 "steeg", "kanten")),
            seq(T("buiten", "daar"), T("staan", "wachten", "zitten"), G(4), T("te", op="?"), T("wachten")),
            [T("opwachten")],
        ], negatable=False),
        rule("flag.online", [[PLATFORM], [T("online", "internet", "chat", "app", "gamen", "game")]], negatable=False),
        rule("flag.grap", [[joke] for joke in JOKE], negatable=False),
        rule("flag.gamen", [[T("gamer", "gamers", "gaming", "gamen", "game", "games", "fortnite", "duty", "cod", "valorant",
                               "warzone", "minecraft", "roblox", "gta", "apex", "fifa", "xbox", "playstation", "ps5")]],
             negatable=False),
    ]
