"""Acute-danger rules for short and told-as-a-scene wordings (sets 14 and 15 round): "ze staan voor de deur" as the whole
message, a group with sticks at the gate, hiding while they search, shut in with the door closed on one, a threat to do it
again after class, a fight going on, someone on the ground who does not get up, pushed on a platform, a locked car.

Kept apart from ``acute`` and ``acute_indirect`` so the modules stay small.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import message_ends, not_over
from bot.domain.safety.patterns import A, G, L, T, near, seq
from bot.domain.safety.rules.acute_indirect import PLACE_SHUT
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import I, ME, STICK

THEY = T("ze", "zij", "hij", "jongens", "gasten", "mannen", "groep")
WHERE_WAITING = T("deur", "poort", "hek", "uitgang", "ingang", "hoek", "huis", "school", "fietsenstalling", "fietsenhok",
                  "voordeur", "achterdeur", "bushalte")
STICKS = T(*STICK.words, "honkbalknuppels")
DOOR_SHUT = (T("dichtdoen", "dichtgedaan", "dichtgooien", "dichtgegooid", "dichtmaken", "dichtgemaakt", "afsluiten",
               "afgesloten", "barricaderen", "gebarricadeerd", "dichthouden"),
             seq(T("op"), T("slot")))
LETHAL_ON = T("afmaken", "vermoorden", "neersteken", "doodmaken", "aftuigen", "neerschieten", "doodslaan", "steken", "slopen")
TARGET = T("jong", "jongen", "meisje", "kind", "gozer", "gast", "knul", "brugger", "brugpieper")
EDGE = T("perron", "spoor", "rails", "reling", "rand", "snelweg")


def acute_scene_rules() -> List[Rule]:
    """The ``acuut.*`` rules of this round."""
    return [
        # Waiting at the door or the gate, as the whole message: "ze staan voor de deur", "ze wachten bij de poort".
        rule("acuut.staan_kort", [seq(THEY, A(1), T("staan", "wachten", "zitten"), A(2), T("voor", "bij", "buiten", "om", "aan"),
                                      T("de", "het", "mijn", "ons"), WHERE_WAITING)],
             check=lambda doc, s, e: message_ends(doc, e)),
        # Standing or waiting with sticks (present tense): "kan nie naar huis ze staan om de hoek met stokken",
        # "een groep jongeren ... met stokken bij het hek staan".
        rule("acuut.staan_stokken", [
            seq(L("staan", "staat", "wachten", "wacht"), G(6), T("met"), G(1), STICKS),
            seq(T("met"), G(1), STICKS, G(4), L("staan", "staat", "wachten", "wacht")),
        ], check=lambda doc, s, e: s == 0 or doc[s - 1].norm_ not in ("we", "wij")),
        # Hiding while they search (across sentences): "ik zit verstopt in de kast van het lokaal. ze zoeken me."
        rule("acuut.verstopt_gezocht", [seq(T("zitten"), A(1), L("verstopt"), T("in", "achter", "onder", "op"))],
             requires=("flag.gezocht",), negatable=False),
        rule("flag.gezocht", [seq(T("zoeken"), ME), seq(T("ze", "zij", "hij"), T("zoeken"), T("naar", op="?"), ME),
                              seq(I, T("horen"), T("ze", "hem"), G(2), T("gang", "deur", "buiten", "zoeken", "roepen"))],
             negatable=False),
        # Shut in: the door closed on one in a shed or a changing room, with a lock, the dark or "they come back":
        # "ze hebben de deur dichtgedaan en gezegd dat ze terugkomen met de rest".
        rule("acuut.deur_dicht_binnen", [*[seq(THEY, G(2), T("deur", "deuren"), G(4), shut) for shut in DOOR_SHUT]],
             requires=("flag.binnen_plek", "flag.vast_cue")),
        rule("flag.binnen_plek", [seq(I, T("zitten", "zijn"), G(4), T("in", "op"), T("de", "het", "een"), PLACE_SHUT)],
             negatable=False),
        rule("flag.vast_cue", [[T("terugkomen", "fietsslot", "slot", "donker", "help", "bang", "doodsbang")],
                               seq(T("komen"), G(2), T("terug")), seq(T("niet"), G(1), T("open", "eruit", "uit"))],
             negatable=False),
        # Threatened to do it again soon, after something serious: "ze hebben mn hoofd onder water gehouden ... en zeggen dat ze
        # het na de les weer gaan doen".
        rule("acuut.weer_doen", [seq(T("zeggen", "dreigen", "roepen", "appen"), G(4), T("het"), G(3), T("weer", "nog"), G(2),
                                     T("gaan", "komen", "zullen"), T("doen"))],
             requires=("flag.imminent", "flag.ernstig")),
        rule("flag.ernstig", [seq(T("onder"), T("water")), seq(T("in"), T("elkaar")),
                              [L("gewurgd", "geslagen", "geschopt", "getrapt", "gestoken", "opgesloten", "vastgebonden",
                                 "gestikt", "verdronken")]], negatable=False),
        # A fight going on (passive): "er wordt nu gevochten op het schoolplein".
        rule("acuut.gevochten_nu", [seq(L("wordt", "worden"), G(3), L("gevochten", "geknokt", "gestoken", "geschoten"))],
             requires=("flag.imminent",), unless=("flag.fictie",)),
        rule("flag.fictie", [[T("film", "serie", "aflevering", "game", "boek", "toneelstuk", "musical", "filmpje")]],
             negatable=False),
        # Someone on the ground who does not get up: "er ligt iemand op de grond die niet meer opstaat".
        rule("acuut.ligt_niet_op", [seq(T("liggen"), G(3), T("op"), T("de", "het"), T("grond", "vloer", "schoolplein", "straat"),
                                        G(3), T("niet"), T("meer", op="?"), T("opstaan", "bewegen", "reageren", "ademen"))],
             negatable=False),
        # Someone named by who they are, "going to" kill him after school: "dat hij na school 'dat jong uit 1c gaat afmaken'".
        rule("acuut.jongen_afmaken", [seq(TARGET, G(4), T("gaan", "komen"), LETHAL_ON),
                                      seq(T("gaan", "komen"), T("dat", "die", "het", "een"), TARGET, G(3), LETHAL_ON)],
             requires=("flag.imminent",), check=not_over),
        # Pushed at the edge of a platform or a road: "ze staan achter me op het perron en blijven duwen, de trein komt zo".
        rule("acuut.duwen_rand", [*near(seq(T("blijven"), T("duwen", "trekken")), EDGE, 10),
                                  *near(L("duwen", "duwt", "trekken", "trekt"), EDGE, 6)]),
        # In a car with someone, the doors locked: "in de auto gestapt ... hij de deuren op slot heeft gedaan".
        rule("acuut.auto_slot", [*near(seq(T("in"), G(2), T("auto", "busje", "bus", "bestelbus", "wagen")),
                                       seq(T("deur", "deuren"), G(2), T("op"), T("slot")), 24)],
             unless=("flag.family",)),
    ]
