"""Exceptions of the sets 16 and 17 round: exaggeration about school or a broken console, "ik kan hem wel wurgen",
beating someone at a game, a game's age rating, a story told about someone else, scenes in a film, holds in judo or
tug-of-war, being chased in a game of tag or by one's mother on a bike, a joke taken back, a stay at grandma's,
first-aid lessons, a cut finger in the kitchen, "klaar mee" with a laugh."""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import G, L, T, each, near, seq
from bot.domain.safety.rules.base import Exception_, exception
from bot.domain.safety.rules.exceptions import PLAY
from bot.domain.safety.words import FAMILY, HIT, I, JOKE, LETHAL, exact

SCHOOL_TRIVIA = T("saai", "saaie", "toets", "les", "proefwerk", "wiskunde", "huiswerk", "film", "rapport", "cijfer",
                  "frans", "engels", "duits", "overhoring", "presentatie", "spreekbeurt")
GRADE = exact("1", "2", "3", "4", "5", "1,5", "2,5", "3,5", "4,5")
DEVICE = T("playstation", "telefoon", "mobiel", "xbox", "wifi", "laptop", "ps5", "controller", "ipad")
BROKEN = T("kapot", "kwijt", "leeg", "stuk")
FICTION = T("boek", "film", "serie", "verhaal", "verslag", "boekverslag", "werkstuk", "spreekbeurt", "toneelstuk", "gedicht")
THIRD = T("jongen", "meisje", "kind", "man", "vrouw", "personage", "tiener", "hoofdpersoon")
SCREEN = T("film", "serie", "aflevering", "boek", "toneelstuk", "game", "verhaal", "documentaire")
WISH_HARM = (LETHAL, HIT, T("schieten", "killen"))
OTHER_OR_SELF = T("hem", "haar", "ze", "jou", "je", "mezelf", "mijzelf", "hen", "die")


def context_exceptions() -> List[Exception_]:
    """The ``uitz.*`` exceptions of this round."""
    return [
        # Dying of a boring lesson, laughing: "die les was zo saai ik wou uit het raam springen lol".
        exception("uitz.school_grap", [[SCHOOL_TRIVIA]], blocks=("crisis.methode", "crisis.doodswens", "ambigu.springen"),
                  scope="doc", requires=("flag.grap",)),
        # A bad grade or a broken console as the end of life: "ik heb een 3 voor frans, mn leven is voorbij".
        exception("uitz.cijfer_drama", [seq(T("een"), GRADE, T("voor")), *near(DEVICE, BROKEN, 3)],
                  blocks=("crisis.leven_voorbij", "crisis.nog_leven"), scope="doc"),
        # A game's age rating: "is die game 16+ of 18+?".
        exception("uitz.game_leeftijd", [seq(exact("12", "16", "18"), L("+")), [T("pegi")]],
                  blocks=("strafbaar.dreiging", "acuut.dreiging"), scope="doc", requires=("flag.gamen",)),
        # "ik kan hem wel wurgen", "kan ik mezelf wel voor mijn kop slaan": anger or regret, not a plan.
        exception("uitz.kan_wel", [*[seq(T("kunnen"), OTHER_OR_SELF, T("wel"), G(4), harm) for harm in WISH_HARM],
                                   *[seq(T("kunnen"), I, OTHER_OR_SELF, T("wel"), G(4), harm) for harm in WISH_HARM]],
                  blocks=("thuis.familie_geweld", "strafbaar.dreiging", "acuut.dreiging", "crisis.zelf_slaan", "strafbaar.geweld")),
        # Beating someone at a game: "mn broer slaat me altijd met fifa".
        exception("uitz.winnen_spel", [*each(PLAY, lambda game: [seq(T("slaan", "verslaan", "inmaken"), G(3), T("met", "bij", "in"),
                                                                     game)])],
                  blocks=("thuis.", "strafbaar.mishandel", "strafbaar.geweld")),
        # A story about someone else: "een boek waarin een meisje gepest wordt en zelfmoord pleegt".
        exception("uitz.verhaal_derde", [seq(FICTION, G(3), T("over", "waarin"), T("een"), THIRD, G(10))],
                  blocks=("crisis.zelfdoding", "crisis.zelfbeschadiging", "strafbaar.iets_aandoen")),
        # A scene in a film: "in de film werd iemand ontvoerd en opgesloten", "bij de serie die ik kijk pleegt iemand een overval".
        exception("uitz.in_fictie", [seq(T("in", "bij"), T("de", "het", "een", "die", "deze"), SCREEN)],
                  blocks=("acuut.vast", "strafbaar.beroving", "acuut.achtervolgd", "acuut.achter_aan"), scope="doc"),
        # Holds in sport and play: "bij judo moesten we elkaar op de grond houden", tug-of-war at scouting.
        exception("uitz.sport_vasthouden", [[T("judo", "touwtrekken", "worstelen", "stoeien", "scouting", "rugby", "ehbo")]],
                  blocks=("acuut.vastgehouden",), scope="doc"),
        # Chased in a game of tag: "we speelden tikkertje en ze zaten achter me aan".
        exception("uitz.spel_achterna", [[T("tikkertje", "krijgertje", "verstoppertje", "spelletje", "tikspel", "tikken")]],
                  blocks=("acuut.achtervolgd", "acuut.achter_aan", "acuut.zitten_achter"), scope="doc"),
        # Chasing someone for a reason: "ze zitten achter me aan om mijn huiswerk te lenen".
        exception("uitz.achter_aan_om", [seq(T("achter"), T("me", "mij", "hem", "haar"), T("aan"), T("om"), G(5),
                                             T("lenen", "vragen", "krijgen", "spelen", "kletsen", "zeggen", "geven", "kopieren"))],
                  blocks=("acuut.achtervolgd", "acuut.achter_aan", "acuut.zitten_achter")),
        # A parent going along: "mijn moeder rijdt achter me aan op de fiets naar school".
        exception("uitz.ouder_achter", [seq(T("mijn", "onze"), FAMILY, G(2), T("rijden", "fietsen", "lopen"), T("achter"),
                                            T("me", "mij", "ons"), T("aan"))],
                  blocks=("acuut.achtervolgd", "acuut.achter_aan")),
        # Taken back at once: "mijn moeder doet mij in de kamer op slot? nee grapje".
        exception("uitz.nee_grapje", [seq(T("nee", "neee"), T("grapje", "hoor", "joke"))], blocks=("acuut.vast", "thuis.op_slot"),
                  scope="doc", requires=("flag.grap",)),
        # Staying with a grandparent while the parents are away: "mijn ouders zijn op vakantie en ik ben bij oma".
        exception("uitz.bij_oma", [seq(L("past", "passen", "pasten"), T("op"), T("ons", "mij", "me")),
                                   seq(T("bij"), T("oma", "opa", "tante", "oom", "buren",
                                                                                       "opa's", "grootouders"))],
                  blocks=("thuis.verwaarlozing", "thuis.ouder_weg", "thuis.dagen_weg"), scope="doc"),
        # A first-aid lesson: "bij de ehbo cursus leerden we wat je doet bij een overdosis".
        exception("uitz.ehbo_les", [[T("ehbo", "cursus", "voorlichting", "reanimatie")]], blocks=("crisis.methode",), scope="doc"),
        # A cut finger while cooking: "ik sneed in mn vinger bij het uien snijden bij kookles".
        exception("uitz.kookles", [[T("kookles", "uien", "ui", "vinger", "duim", "koken")]], blocks=("acuut.bloedt_erg",),
                  scope="doc"),
        # "klaar mee" with a laugh: "die grap was zo slecht, ik ben er klaar mee 😂".
        exception("uitz.klaar_grap", [[joke] for joke in JOKE], blocks=("ambigu.opgeven",), scope="doc"),
    ]
