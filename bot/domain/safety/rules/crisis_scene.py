"""Crisis rules for scenes and signs told plainly (sets 16 and 17 round): standing at the rails, a bridge or a roof not
knowing what one does there, a dose searched ("opgezocht hoeveel pillen je nodig hebt"), a photo of pills with a goodbye,
self-harm told of someone else ("ze snijdt zich", burns "die ze zichzelf toebrengt"), a blade or scissors *in* a limb,
a head banged "tot het bloedt", a farewell to the reader ("weet dan dat het niet jullie schuld is").

Kept apart from the other crisis modules so they stay small. None is switched off by a negation.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import A, G, L, T, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import I, PILLS, POSS, SELF_HARM_BODY, SELF_HARM_VERB_BODY

# Where one stands to end it (not the station or a fishing spot: those need the cue below too).
EDGE_PLACE = T("spoor", "rails", "brug", "dak", "flat", "viaduct", "kanaal", "spoorbrug", "perron", "balkon", "reling")
STAND = L("sta", "staat", "stond", "stonden", "staan")
DOSE_PILLS = (PILLS, T("slaappillen", "slaappil", "ibuprofen", "pillen", "oxazepam", "antidepressiva"))
GOODBYE = T("doei", "doeg", "vaarwel", "bye", "sorry")
# Standing there for something else: waiting for a friend, fishing, a photo.
WAITING_FOR = frozenset({"wachten", "vissen", "foto", "fotos", "uitzicht", "vriendin", "vriend", "afspreken", "afgesproken"})
# Cut by accident in a finger: not self-harm.
SMALL_CUT = frozenset({"vinger", "duim", "papier", "blaadje", "teen"})


def crisis_scene_rules() -> List[Rule]:
    """The ``crisis.*`` rules of this round."""
    return [
        # At the rails or on a bridge, not knowing what one does there or whether one goes home next time:
        # "ngl ik sta nu bij het spoor en ik weet nie wat ik hier doe", "stond ik op de brug ... de volgende keer".
        rule("crisis.op_rand_twijfel", [seq(STAND, G(4), T("op", "bij", "aan", "onder"), T("de", "het", "een"), EDGE_PLACE)],
             requires=("flag.rand_twijfel",), negatable=False,
             check=lambda doc, s, e: "ik" in (doc[s - 1].norm_ if s > 0 else "", doc[s + 1].norm_)
             and not any(t.norm_ in WAITING_FOR for t in doc)),
        rule("flag.rand_twijfel", [seq(T("weten"), T("niet"), T("wat", "of", "waarom"), I, G(4), T("doen", "hier", "springen", "gaan")),
                                   seq(T("volgende"), T("keer")), seq(T("bijna"), T("springen", "gesprongen")),
                                   seq(T("weten"), T("niet"), T("wat"), I, T("moeten"), T("doen"))],
             negatable=False),
        # A lethal dose searched: "heb gisteren opgezocht hoeveel pillen je nodig hebt".
        rule("crisis.dosis_dodelijk", [seq(T("hoeveel"), dose, G(4), T("dodelijk", "dood", "sterven", "doodgaan"))
                                       for dose in DOSE_PILLS], negatable=False),
        rule("crisis.dosis_gezocht", [seq(T("hoeveel"), dose, G(4), T("nodig")) for dose in DOSE_PILLS],
             requires=("flag.opgezocht",), negatable=False),
        rule("flag.opgezocht", [[T("opzoeken", "opgezocht", "gezocht", "googlen", "gegoogeld", "google", "internet")]],
             negatable=False),
        # A photo of pills with a goodbye: "een foto van een hand vol pillen met 'doei'".
        rule("crisis.foto_pillen", [seq(T("foto", "pic", "filmpje", "video", "snap", "plaatje"), G(6), dose, G(2), T("met", "en"),
                                        G(2), GOODBYE) for dose in DOSE_PILLS], negatable=False),
        # Self-harm told of someone else, reflexive: "mijn vriendin snijdt zich al weken in haar arm".
        rule("crisis.zich_snijden", [seq(T("snijden", "krassen", "branden"), T("zich", "zichzelf"),
                                         T("al", "in", "op", "met", "soms", "vaak", "weer", "elke", "steeds", "expres", "kapot"))],
             negatable=False, check=lambda doc, s, e: not any(t.norm_ in SMALL_CUT for t in doc[s:e + 4])),
        # Burns or cuts someone inflicts on herself: "brandwonden op haar bovenbenen die ze zichzelf met een aansteker toebrengt".
        rule("crisis.wonden_zichzelf", [seq(T("brandwond", "brandwonden", "snijwond", "snijwonden", "wonden", "sneden", "krassen"),
                                            G(6), T("zichzelf", "mezelf", "zelf"), G(4), T("toebrengen", "geven", "maken", "doen"))],
             negatable=False),
        # A blade or scissors in a limb: "ik kras soms met een schaar in mijn been".
        rule("crisis.ding_in_lijf", [seq(SELF_HARM_VERB_BODY, A(2), T("met"), G(2), T("schaar", "mesje", "passer", "scherf",
                                                                                  "scheermesje", "naald", "glas"),
                                         T("in", "op"), POSS, SELF_HARM_BODY)], negatable=False),
        # A head banged until it bleeds: "ik bonk mn hoofd tegen de muur tot het bloedt".
        rule("crisis.hoofd_bloed", [seq(L("bonk", "bonken", "bonkt", "sla", "slaat", "ram", "ramt", "beuk", "beukt"), POSS,
                                        T("hoofd", "kop"), T("tegen"), G(3), T("tot"), G(2), T("bloeden", "pijn", "duizelig"))],
             negatable=False),
        # The others better off, asked in general: "dat het voor iedereen beter is als je er niet meer bent?".
        rule("crisis.beter_als_weg", [seq(T("beter"), G(3), T("als"), T("je", "ik", "jij"), T("er"), T("niet"), T("meer"), T("zijn"))],
             negatable=False),
        # A farewell to the reader: "als ik morgen niet op school ben, weet dan dat het niet jullie schuld is".
        rule("crisis.niet_jullie_schuld", [seq(L("weet", "weten"), T("dan"), T("dat"), G(3), T("jullie", "jouw", "je"),
                                               T("schuld")),
                                           seq(T("jullie"), T("schuld"))],
             requires=("flag.als_weg",), negatable=False,
             check=lambda doc, s, e: doc[s].norm_ != "jullie" or (s > 0 and doc[s - 1].norm_ == "niet")),
        rule("flag.als_weg", [seq(T("als"), I, G(3), T("niet"), G(4), T("zijn")), seq(T("als"), T("jullie"), T("dit"), T("lezen")),
                              seq(T("als"), I, T("er"), T("niet"), T("meer"))], negatable=False),
    ]
