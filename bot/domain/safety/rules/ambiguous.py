"""Ambiguous rules: "ik wil/kan niet meer" and the like, which ask carefully instead of stopping.

They count only when the words end the thought (``checks.clause_ends``, ``checks.message_ends``):
"ik kan niet meer lachen" is not one.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import clause_ends, message_ends
from bot.domain.safety.patterns import A, G, L, T, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import I, ME

SAD = T("leeg", "rot", "kut", "klote", "slecht", "waardeloos", "eenzaam", "alleen", "verdrietig", "wanhopig",
        "hopeloos", "kapot", "somber", "depressief", "verloren", "ellendig", "ongelukkig", "niks", "niets")

# Words that may follow "ik ben er klaar mee", "ik ben op" and still leave the thought whole:
# the thought repeated or widened ("ik ben op. helemaal op.", "ik ben er klaar mee. met alles").
REPEATED = frozenset({"helemaal", "totaal", "compleet", "op", "klaar", "mee", "met", "alles", "iedereen", "ik",
                      "zijn", "er", "zo", "doen", "steken"})


QUOTES = frozenset({"'", '"', "‘", "’", "“", "”"})
"""A quote's end also ends the thought: "hij zegt vaak 'ik ben er klaar mee' en sluit zich op"."""


def _whole_thought(doc, start: int, end: int) -> bool:
    return message_ends(doc, end, REPEATED) or (end < len(doc) and doc[end].text in QUOTES)


def ambiguous_rules() -> List[Rule]:
    """The ``ambigu.*`` rules."""
    return [
        rule("ambigu.niet_meer", [
            seq(I, A(2), T("willen", "kunnen"), A(2), T("het", "dit", "dat", op="?"), A(1), T("niet"), A(1), T("meer")),
        ], negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        rule("ambigu.niet_meer_aan", [
            seq(T("kunnen"), A(2), T("het", "dit", "dat", "alles"), A(2), T("niet"), A(1), T("meer", op="?"), A(1), T("aan")),
        ], negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        rule("ambigu.trekken", [
            seq(T("trekken"), A(1), T("het", "dit", "dat", "alles", "t"), A(2), T("niet"), T("meer", op="?")),
        ], negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        rule("ambigu.volhouden", [
            seq(T("houden"), A(1), T("het", "dit", "dat", "alles"), A(2), T("niet"), T("lang", op="?"), A(1),
                T("meer", op="?"), T("lang", op="?"), T("vol")),
            seq(T("niet"), T("lang", op="?"), A(1), T("meer", op="?"), T("volhouden")),
            seq(T("hoe"), T("lang"), I, T("dit", "het"), A(2), T("volhouden")),  # "idk meer hoe lang ik dit nog volhoud"
            seq(T("hoe"), T("lang"), I, T("dit", "het"), A(2), T("vol"), T("houden")),
        ], negatable=False),
        rule("ambigu.niet_zitten", [
            seq(T("zien"), A(1), T("het"), A(2), T("niet"), A(1), T("meer"), A(1), T("zitten")),
            seq(T("het"), A(2), T("niet"), A(1), T("meer"), A(1), T("zien"), T("zitten")),  # "dat ze het niet meer ziet zitten"
        ], negatable=False),
        rule("ambigu.springen", [seq(I, A(2), T("willen", "ga", "gaan"), A(2), T("springen"))],
             negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        rule("ambigu.opgeven", [
            seq(I, T("zijn"), T("er"), A(2), T("helemaal", "totaal", op="?"), T("klaar"), T("mee")),
            seq(I, T("zijn"), A(2), T("klaar"), T("met"), T("alles", "iedereen")),
            seq(I, T("geven"), T("het"), T("op")),
            seq(I, T("zijn"), A(2), T("op")),
            seq(I, T("willen"), A(1), T("weg")),
            seq(I, T("willen"), A(2), T("weg"), T("van"), T("alles", "iedereen")),
            seq(T("willen"), I, A(2), T("weg"), T("van"), T("alles", "iedereen")),
            seq(T("het", "alles"), T("hoeven"), T("voor", op="?"), T("mij", "me", op="?"), A(2), T("niet"), T("meer")),
            seq(T("worden"), A(2), T("toch"), A(1), T("nooit"), T("beter")),
            seq(T("het", "alles", "dit"), T("worden"), A(2), T("nooit"), T("beter")),  # "alles is kut en het wordt nooit beter"
            seq(I, T("zijn"), T("het"), A(2), T("zat")),  # "ik ben het zat. echt alles."
            seq(T("maken"), A(2), T("niet", "niks", "niets"), T("meer", op="?"), T("uit"), T("wat"), I, T("doen")),  # "maakt toch niet uit wat ik doe"
            seq(T("willen"), I, A(2), T("weg"), T("van"), T("hier")),
            seq(T("het", "alles", "dit"), T("zijn"), A(3), T("zinloos", "hopeloos")),  # "het is toch zinloos"
            seq(T("er"), A(2), T("niet"), A(1), T("meer"), T("tegen"), T("kunnen")),  # "wat als ik er niet meer tegen kan"
            seq(I, T("weten"), T("het"), A(2), T("niet"), A(1), T("meer")),  # "ik weet het niet meer."
            seq(T("wat"), T("maken"), T("het"), A(2), T("uit")),  # "wat maakt het nog uit"
            seq(T("waarom"), G(3), A(2), T("nog"), A(1), T("moeite")),  # "waarom doe ik eigenlijk nog moeite"
        ], negatable=False, check=_whole_thought),
        rule("ambigu.geen_zin", [
            seq(T("het", "alles"), T("hebben"), A(3), T("geen"), T("zin"), A(1), T("meer", op="?")),
            seq(T("wat"), T("hebben"), T("het", "alles"), A(3), T("voor"), T("zin")),
        ], negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        rule("ambigu.niemand_uit", [  # "het maakt toch niemand iets uit wat er met mij gebeurt"
            seq(T("maken"), A(2), T("niemand"), T("iets", "wat", "het", op="?"), T("uit"), G(4), ME),
            seq(T("niemand"), T("maken"), T("het", op="?"), A(2), T("uit"), G(4), ME),
        ], negatable=False),
        rule("ambigu.zonder_ik", [seq(T("kunnen", "willen"), A(1), T("niet"), A(1), T("meer"))],
             negatable=False, check=lambda doc, s, e: s == 0 and message_ends(doc, e)),
        # Words of sadness or fear (``flag.nood.*``): no alarm, only ``SafetySignal.distress``.
        rule("flag.nood.gevoel", [
            seq(I, T("voelen"), A(2), T("me", "mij", op="?"), A(2), SAD),
            seq(I, T("zijn"), A(2), T("zo", "heel", "echt", "super", op="?"), T("verdrietig", "eenzaam", "wanhopig",
                                                                             "somber", "depressief", "ongelukkig")),
        ], negatable=False),
        rule("flag.nood.alles", [seq(T("alles", "leven"), T("zijn"), A(2), T("kut", "klote", "zwaar", "shit", "zwart",
                                                                            "hopeloos", "zinloos", "teveel"))],
             negatable=False),
        rule("flag.nood.niemand", [seq(T("niemand"), A(2), T("snappen", "begrijpen", "helpen", "luisteren", "zien"),
                                       A(1), ME)], negatable=False),
        rule("flag.nood.huilen", [seq(I, G(3), T("huilen", "janken")), seq(T("huilen", "janken"), I)], negatable=False),
        rule("flag.nood.bang", [seq(I, T("zijn"), A(2), T("bang", "doodsbang", "angstig"))], negatable=False,
             check=lambda doc, s, e: clause_ends(doc, e) and not (e < len(doc) and doc[e].norm_ in ("dat", "als"))),
        rule("flag.nood.haat", [seq(I, T("haten", "haat"), T("mezelf", "mijn"), T("leven", op="?"))], negatable=False),
        rule("flag.nood.niet_goed", [seq(T("gaan"), A(2), T("niet", "helemaal"), A(1), T("goed"), T("met"), ME)],
             negatable=False),
        rule("ambigu.stoppen_alles", [
            seq(T("willen"), A(2), T("stoppen", "ophouden"), T("met"), T("alles")),
            seq(T("willen"), A(2), T("met"), T("alles"), T("stoppen", "ophouden")),
            seq(T("willen"), A(1), T("dat"), T("alles"), A(2), T("stoppen", "ophouden")),
        ], negatable=False),
        rule("ambigu.moe_van_alles", [seq(I, T("zijn"), A(2), T("moe"), T("van"), T("alles"))],
             negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        # Wanting to be far away or nowhere, to stop thinking: "soms wil ik heel ver weg zijn van alles en iedereen",
        # "ik wil even nergens meer zijn", "nergens meer over nadenken".
        rule("ambigu.nergens_zijn", [
            seq(T("willen"), I, A(3), T("ver", op="?"), T("weg"), T("zijn"), T("van"), T("alles", "iedereen")),
            seq(I, T("willen"), A(3), T("ver", op="?"), T("weg"), T("zijn"), T("van"), T("alles", "iedereen")),
            seq(I, T("willen"), A(3), T("nergens"), T("meer", op="?"), T("zijn")),
            seq(T("nergens"), T("meer"), T("over"), T("nadenken")),
        ], negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        # Slowly vanishing, worth nothing, pretending to be fine, wondering why one is here.
        rule("ambigu.gevoel", [
            seq(T("gevoel"), T("dat"), I, A(2), T("langzaam", op="?"), T("verdwijnen")),
            seq(T("ik", "hij", "zij", "ze"), T("zijn"), T("echt", "gewoon", "helemaal", op="?"), T("niks", "niets"), T("waard")),
            seq(T("ik", "hij", "zij", "ze"), L("'", '"', "‘", "“"), T("niks", "niets"), T("waard")),  # "dat hij 'niks waard' is"
            seq(T("doen", "spelen"), T("alsof"), T("het"), A(2), T("goed"), T("gaan")),
            seq(T("waarom"), I, T("nog", "eigenlijk", "uberhaupt"), T("hier", "er"), T("zijn")),
            seq(T("waarom"), I, T("hier", "er"), T("nog", "eigenlijk", "uberhaupt"), T("zijn")),
        ], negatable=False),
        # Careful-question wordings of the sets 14 and 15 round, as the whole thought: "het maakt toch niks meer uit",
        # "kzie het nut nie meer", "alles is gwn te veel", "ik ben het zo moe allemaal", "waarom ben ik er eigenlijk",
        # "ik wil gwn weg hier", "kheb het gevoel dat niemand me ziet", "niemand snapt het toch. laat maar".
        rule("ambigu.heel_kort", [
            seq(T("het"), T("maken"), A(2), T("niks", "niets", "niet"), T("meer"), T("uit")),
            seq(T("het"), T("nut"), A(1), T("niet"), T("meer")),
            seq(T("alles"), T("zijn"), A(2), T("te"), T("veel")),
            seq(T("alles"), T("zijn"), A(2), T("teveel")),
            seq(I, T("zijn"), T("het"), A(2), T("moe")),
            seq(T("waarom"), T("zijn"), I, T("er", "hier"), A(2)),
            seq(I, T("willen"), A(2), T("weg"), T("hier")),
        ], negatable=False, check=lambda doc, s, e: message_ends(doc, e)),
        # Hints of the sets 16 and 17 round, as the whole thought: "ik wil hier gewoon weg", "kweet nie meer wat ik moet doen",
        # "thuis is het ook nie echt leuk", "thuis is het een beetje raar de laatste tijd", "ik weet nie of ik vanavond naar huis ga".
        rule("ambigu.hint_kort", [
            seq(T("willen"), A(2), T("hier"), A(2), T("weg")),
            seq(T("weten"), T("niet"), T("meer"), T("wat"), I, T("moeten"), T("doen")),
            seq(T("thuis"), T("zijn"), T("het"), A(2), T("niet"), A(2), T("leuk", "fijn", "goed", "gezellig")),
            seq(T("thuis"), T("zijn"), T("het"), G(2), T("raar", "vreemd", "moeilijk", "eng"), G(4)),
            seq(T("weten"), T("niet"), T("of"), I, G(2), T("naar"), T("huis"), T("gaan")),
        ], negatable=False, check=lambda doc, s, e: message_ends(doc, e) and (doc[s].norm_ == "thuis" or (s > 0 and doc[s - 1].norm_ == "ik"))),
        # Nobody will ever understand; asking something nobody may know about.
        rule("ambigu.niemand_ooit", [seq(T("niemand"), G(1), T("gaan"), T("het"), T("ooit"), T("snappen", "begrijpen"))],
             negatable=False),
        rule("ambigu.geheim_vraag", [seq(T("kunnen", "mogen"), I, T("iets"), T("vragen", "vertellen"), G(5), T("niemand"), G(1),
                                         T("weten")),
                                     seq(T("kunnen", "mogen"), I, T("iets"), T("vragen", "vertellen"), T("zonder"), T("dat"), T("iemand"),
                                         T("het"), T("weten"))], negatable=False),
        # Not waking up "until the holidays" is a joke about being tired to most, but not to all: the
        # crisis rule gives way to it (``uitz.slapen_tot``), the careful question does not.
        rule("ambigu.wakker_tot", [seq(T("niet"), T("wakker"), T("worden"), T("tot"))], negatable=False),
        rule("ambigu.niemand_ziet", [seq(T("gevoel"), T("dat"), T("niemand"), ME, A(1), T("zien", "snappen", "begrijpen"))],
             negatable=False),
        rule("ambigu.laat_maar", [seq(L("laat"), T("maar"))], requires=("flag.niemand_snapt",), negatable=False,
             check=lambda doc, s, e: message_ends(doc, e)),
        rule("flag.niemand_snapt", [seq(T("niemand"), A(1), T("snappen", "begrijpen", "boeien"), T("het"))], negatable=False),
        rule("ambigu.niks_meer", [seq(I, A(2), T("kunnen"), A(2), T("niks", "niets"), A(1), T("meer"))],
             negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        rule("ambigu.nergens_zin", [seq(T("geen"), T("zin"), A(1), T("meer", op="?"), G(4), T("in"), A(1), T("niks", "niets")),
                                    seq(T("nergens"), G(1), T("zin"), T("meer"))], negatable=False),
    ]
