"""Crime rules for wordings told plainly (sets 16 and 17 round): grabbed between the legs, an adult who touches a leg
or wants the camera on while nobody may know, a man asking a child to ride along, a child fetching parcels from a car,
someone logging into one's account, nude photos shown "als ik niet ... geld geef".

Kept apart from the other crime modules so they stay small.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import A, G, L, T, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import I, LEG, MONEY, PLATFORM, POSS

GRAB = T("pakken", "grijpen", "zitten", "aanraken", "voelen", "betasten", "knijpen")
GRAB_FIRST = (L("greep", "grepen", "pakte", "pakten", "grijpt", "pakt", "betast", "knijpt", "zat", "zit"))
INTIMATE = T("borst", "borsten", "tieten", "kont", "billen", "kruis", "piemel")
LESSON = frozenset({"les", "lessen", "klas", "teams", "zoom", "meet", "vergadering", "huiswerk", "thuisonderwijs"})
STRANGE_MAN = T("man", "vent", "meneer", "bus", "busje", "auto")


def crime_scene_rules() -> List[Rule]:
    """The ``strafbaar.*`` rules of this round."""
    return [
        # Grabbed between the legs: "heeft me bij de kluisjes tussen mn benen gepakt".
        rule("strafbaar.tussen_benen", [seq(T("tussen"), POSS, T("benen", "dijen"), G(4), GRAB),
                                        seq(GRAB_FIRST, G(4), T("tussen"), POSS, T("benen", "dijen"))], negatable=False),
        # An adult sitting at one's leg, or anyone at one's breasts: "dat hij dan aan mijn been zit".
        rule("strafbaar.zit_aan_been", [seq(T("zitten"), A(2), T("aan"), POSS, LEG), seq(T("aan"), POSS, LEG, L("zit", "zitten"))],
             requires=("flag.volwassene",), negatable=False),
        rule("strafbaar.zit_aan_lijf", [seq(T("zitten"), T("aan"), POSS, INTIMATE), seq(T("aan"), POSS, INTIMATE, L("zit", "zitten"))],
             negatable=False),
        # An adult online wanting the camera on, or secrecy about "ons": "nu wil hij dat ik mn cam aanzet".
        rule("strafbaar.cam_aan", [seq(T("cam", "camera", "webcam"), G(1), T("aanzetten", "aan")),
                                   seq(T("niemand"), G(3), T("over"), T("ons"), G(2), T("vertellen", "zeggen"))],
             requires=("flag.volwassene",), negatable=False,
             check=lambda doc, s, e: not any(t.norm_ in LESSON for t in doc)
             and (doc[s].norm_ == "niemand" or any(t.norm_ == "ik" for t in doc[max(0, s - 3):s]))),
        # A man asking a child to ride along: "een man in n witte bus die vraagt of ik mee wil rijden".
        rule("strafbaar.mee_rijden", [seq(T("vragen"), G(4), T("of"), I, G(2), T("mee"), G(1), T("rijden", "instappen", "gaan", "komen"))],
             requires=("flag.vreemde_man",), unless=("flag.family",), negatable=False),
        rule("flag.vreemde_man", [[STRANGE_MAN]], negatable=False),
        # A child fetching parcels from a car: "een jongen ... die 's avonds pakketjes ophaalt bij een auto".
        rule("strafbaar.pakketjes_auto", [seq(T("pakketje", "pakketjes", "pakjes", "tasjes", "zakjes"), G(3),
                                              T("ophalen", "halen", "afleveren", "brengen", "wegbrengen"), G(2), T("bij", "uit", "naar"),
                                              G(1), T("auto", "busje", "scooter"))], negatable=False),
        # Someone logging into one's account: "mijn ex-vriendje logt steeds in op mijn insta".
        rule("strafbaar.inloggen_account", [seq(L("logt", "logde", "loggen", "logden"), G(2), T("in"), T("op", "in"), POSS, PLATFORM),
                                            seq(T("bericht", "berichten", "dingen"), T("namens"), T("mij", "me")),
                                            seq(T("bericht", "berichten", "dingen"), T("in"), T("mijn"), T("naam"))],
             unless=("flag.ik_log",), negatable=False),
        rule("flag.ik_log", [[L("log", "logde")]], negatable=False, check=lambda doc, s, e: s > 0 and doc[s - 1].norm_ == "ik"),
        # Nude photos to be shown unless one pays: "ze laten het aan iedereen zien als ik niet ... geld geef".
        rule("strafbaar.laten_zien_geld", [seq(T("laten"), T("zien"), T("als"), I, G(8), money) for money in MONEY],
             negatable=False),
    ]
