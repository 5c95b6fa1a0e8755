"""Crisis rules for signs and short plans (sets 14 and 15 round): means taken or at hand ("pillen van mn moeder gepakt",
"ik heb het touw al"), blades taken out of a pencil sharpener, many pills swallowed, cutting that goes on or goes deeper,
a head beaten against a wall, wasting away "tot er niks meer van me over is", farewell cues told by a friend or a coach.

Kept apart from ``crisis`` and ``crisis_indirect`` so the modules stay small. None is switched off by a negation.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import clause_ends
from bot.domain.safety.patterns import A, G, L, T, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.rules.crisis_indirect import WHEN
from bot.domain.safety.words import FAMILY, I, PILLS, POSS

# Taken or gathered from someone else: "pillen van mn moeder gepakt" (not "gehaald": from the chemist's).
TAKEN_PAST = L("gepakt", "gejat", "gestolen", "gepikt", "weggenomen", "verzameld", "gespaard", "achtergehouden")
BLADE = T("mesje", "mesjes", "scheermesje", "scheermesjes")
SHARPENER = T("puntenslijper", "slijper", "slijpertje", "puntenslijpertje")
# What a blade taken out is for: hidden, blood, arms, cuts.
BLADE_CUE = T("verstoppen", "verstopt", "bloed", "bloeden", "arm", "armen", "pols", "polsen", "been", "benen", "krassen",
              "krasjes", "sneetjes", "tissues", "etui", "halen", "slopen", "breken")
# A sharp thing used on oneself "tot het bloedt".
SHARP = T("passer", "mesje", "mesjes", "scheermesje", "naald", "schaar", "schaartje", "scherf", "glas", "paperclip")
UNTIL_BLOOD = seq(T("tot"), T("het"), A(1), T("bloeden"))
# "ik snij al 2 jaar": a long time.
LONG = T("jaar", "jaren", "maanden", "maand", "weken")
# Repeated or at night: hurting oneself as a habit, not an accident.
HABIT = frozenset({"expres", "nachts", "elke", "iedere", "steeds", "vaak", "altijd", "soms", "weer", "avond"})
# An occasion for a letter to the family: a birthday, Mother's Day, thanks.
OCCASION = T("verjaardag", "jarig", "moederdag", "vaderdag", "kerst", "sinterklaas", "sint", "bedanken", "bedankt",
             "bedankbrief", "sollicitatie", "sollicitatiebrief", "kamp", "vakantie", "excuus", "excuses", "huwelijk", "jubileum")


def _many_before(doc, start: int, end: int) -> bool:
    """A number of five or more just before the pills: "ik heb net 20 ibuprofen genomen"."""
    return any(t.text.isdigit() and int(t.text) >= 5 for t in doc[max(0, start - 3):start])


def _habit(doc, start: int, end: int) -> bool:
    """"met haar hoofd tegen de muur slaat" as a habit: "tot", or "'s nachts", "elke avond", "expres" before it."""
    return any(t.norm_ == "tot" for t in doc[end:end + 5]) or any(t.norm_ in HABIT for t in doc[max(0, start - 6):end])


def crisis_signs_rules() -> List[Rule]:
    """The ``crisis.*`` rules and farewell cues of this round."""
    return [
        # Pills taken from someone else or gathered: "heb al pillen van mn moeder gepakt".
        rule("crisis.pillen_gepakt", [
            seq(PILLS, T("van"), G(1), FAMILY, G(3), TAKEN_PAST),
            seq(T("al"), T("wat", "een", "paar", "veel", "genoeg", "de", op="?"), PILLS, G(4), TAKEN_PAST),
        ], negatable=False),
        # Many pills swallowed: "ik heb net 20 ibuprofen genomen".
        rule("crisis.veel_pillen", [seq(PILLS, G(1), L("genomen", "geslikt", "ingenomen", "opgegeten", "gegeten", "geslikt"))],
             negatable=False, check=_many_before),
        # Blades taken out of a pencil sharpener (a parent finds one, a pupil hides them): "de mesjes uit mn puntenslijper
        # gehaald en in mn etui verstopt", "een mesje uit een puntenslijper en tissues met bloed erop". Named
        # ``crisis.zelf_pijn_*`` so that ``acuut.wapen`` yields to it (its ``unless``).
        rule("crisis.zelf_pijn_slijper", [*near(seq(BLADE, T("uit"), G(2), SHARPENER), BLADE_CUE, 12)], negatable=False),
        # A sharp thing "tot het bloedt": "als ge uw pols openkrast met een passer tot het bloedt".
        rule("crisis.tot_bloed", [*near(seq(T("met"), T("een", "mijn", "de", "haar", "zijn"), SHARP), UNTIL_BLOOD, 6)],
             negatable=False),
        # Cutting that goes on or deeper: "ik snij nu al 2 jaar", "t wordt steeds dieper".
        rule("crisis.snijden_lang", [
            seq(I, T("snijden", "krassen", "kerven"), G(3), LONG),
            *near(seq(I, T("snijden", "krassen", "kerven")), T("dieper"), 10),
        ], negatable=False, check=lambda doc, s, e: clause_ends(doc, e) or doc[e - 1].norm_ in ("diep", "dieper")),
        # A head beaten against a wall as a habit: "dat ze 's nachts met haar hoofd tegen de muur slaat tot het pijn doet".
        rule("crisis.hoofd_muur", [seq(T("met"), POSS, T("hoofd"), T("tegen"), G(3), T("slaan", "bonken", "beuken", "stoten")),
                                   seq(T("slaan", "bonken", "beuken", "stoten"), G(3), T("met"), POSS, T("hoofd"), T("tegen"))],
             negatable=False, check=_habit),
        # Searched how it goes fastest, beside hopelessness: "kzie het nut nie meer. heb op google gezocht hoe het het snelst
        # gaat".
        rule("crisis.hoe_snelst", [seq(T("hoe"), T("het", "je"), G(1), T("snelst", "snelste", "pijnloos", "pijnloost",
                                                                        "makkelijkst", "makkelijkste"), G(2),
                                       T("gaan", "doen", "kunnen"))],
             negatable=False, requires=("flag.nut_weg",)),
        rule("flag.nut_weg", [seq(T("het"), T("nut"), A(1), T("niet"), T("meer")),
                              seq(T("geen"), T("nut"), T("meer"))], negatable=False),
        # Wasting away until nothing is left of oneself: "ik stop pas als er niks meer van me over is".
        rule("crisis.niks_over", [seq(T("tot", "als"), G(3), T("niks", "niets"), T("meer"), T("van"),
                                      T("me", "mij", "mezelf", "haar", "hem"), T("over"))], negatable=False),
        # Means already there, as the whole thought: "ik heb het touw al", "ik heb al een touw".
        rule("crisis.touw_al", [seq(I, T("hebben"), T("het", "een", "de"), T("touw", "strop"), T("al")),
                                seq(I, T("hebben"), T("al"), T("een", "het", "de"), T("touw", "strop"))],
             negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        # A letter already written for the family (not for a birthday): "kheb al een brief geschreven voor mn ouders".
        rule("crisis.brief_klaar", [seq(T("al"), T("een", "de", op="?"), T("brief", "briefje", "brieven", "briefjes"),
                                        L("geschreven"), T("voor"), G(1), FAMILY)],
             negatable=False, unless=("flag.brief_gelegenheid",)),
        rule("flag.brief_gelegenheid", [[OCCASION]], negatable=False),
        # Farewell cues (``flag.afscheid.*``, two make ``crisis.afscheid``).
        # "vanavond is het over", "morgen is het klaar"
        rule("flag.afscheid.tijd", [seq(WHEN, T("zijn"), T("het"), T("over", "voorbij", "klaar", "afgelopen"))], negatable=False),
        # "tis klaar." as a thought
        rule("flag.afscheid.tis", [seq(T("tis"), A(1), T("klaar", "over", "voorbij", "afgelopen", "genoeg"))], negatable=False,
             check=lambda doc, s, e: clause_ends(doc, e)),
        # going to the rails or a bridge: "ik ga vanavond naar het spoor bij de overweg"
        rule("flag.afscheid.naar_plek", [seq(T("gaan", "lopen", "fietsen", "fiets", "rijden", "wandelen"), G(3), T("naar"), T("het", "de"),
                                             T("spoor", "rails", "overweg", "brug", "viaduct", "dak", "snelweg"))],
             negatable=False),
        # someone else not there any more: "dat hij er volgende week toch niet meer is"
        rule("flag.afscheid.er_niet_meer", [seq(T("hij", "ze", "zij"), T("er"), G(3), T("niet", "nooit"), T("meer"), T("zijn"))],
             negatable=False),
        # "sorry dat ik zo lastig was voor iedereen"
        rule("flag.afscheid.sorry_last", [seq(T("sorry"), T("dat"), I, G(2), T("lastig", "vervelend", "moeilijk", "last",
                                                                              "zeurderig"), L("was", "ben", "geweest"))],
             negatable=False),
        # Starving cues (``flag.eten.*``): "ben al 6 kilo kwijt", "ik drink alleen nog water".
        rule("flag.eten.kilo", [seq(T("kilo", "kg", "kilos"), G(2), T("kwijt", "afgevallen", "eraf"))], negatable=False),
        rule("flag.eten.alleen_water", [seq(T("drinken", "eten"), T("alleen"), T("nog"), T("water", "thee"))], negatable=False),
    ]
