"""Ambiguous rules: "ik wil/kan niet meer" and the like, which ask carefully instead of stopping.

They count only when the words end the thought (``checks.clause_ends``, ``checks.message_ends``):
"ik kan niet meer lachen" is not one.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import clause_ends, message_ends
from bot.domain.safety.patterns import A, T, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import I


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
            seq(T("houden"), A(1), T("het", "dit", "dat", "alles"), A(2), T("niet"), A(1), T("meer", op="?"), T("vol")),
            seq(T("niet"), A(1), T("meer", op="?"), T("volhouden")),
        ], negatable=False),
        rule("ambigu.niet_zitten", [
            seq(T("zien"), A(1), T("het"), A(2), T("niet"), A(1), T("meer"), A(1), T("zitten")),
        ], negatable=False),
        rule("ambigu.springen", [seq(I, A(2), T("willen", "ga", "gaan"), A(2), T("springen"))],
             negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        rule("ambigu.opgeven", [
            seq(I, T("zijn"), T("er"), T("helemaal", op="?"), T("klaar"), T("mee")),
            seq(I, T("geven"), T("het"), T("op")),
            seq(I, T("zijn"), T("op")),
            seq(I, T("willen"), A(1), T("weg")),
            seq(T("het", "alles"), T("hoeven"), A(2), T("niet"), T("meer")),
            seq(T("worden"), A(2), T("toch"), A(1), T("nooit"), T("beter")),
        ], negatable=False, check=lambda doc, s, e: message_ends(doc, e)),
        rule("ambigu.geen_zin", [seq(T("het", "alles"), T("hebben"), A(2), T("geen"), T("zin"), A(1), T("meer"))],
             negatable=False, check=lambda doc, s, e: clause_ends(doc, e)),
        rule("ambigu.zonder_ik", [seq(T("kunnen", "willen"), A(1), T("niet"), A(1), T("meer"))],
             negatable=False, check=lambda doc, s, e: s == 0 and message_ends(doc, e)),
        rule("ambigu.stoppen_alles", [
            seq(T("willen"), A(2), T("stoppen", "ophouden"), T("met"), T("alles")),
            seq(T("willen"), A(2), T("met"), T("alles"), T("stoppen", "ophouden")),
            seq(T("willen"), A(1), T("dat"), T("alles"), T("stoppen", "ophouden")),
        ], negatable=False),
    ]
