"""Acute-danger rules for scenes going on now, told by a pupil or a witness (sets 16 and 17 round): someone kicked on the
ground, a fight with blood, someone held while she cries, sitting on top of someone, a car following a child, a group
waiting where one does not dare to go, a visit announced in minutes with one's location, pushed towards the water,
trying to climb over the toilet door, boxed in by scooters, a man at the gate calling one's name, "gaat X steken" with
scissors, not allowed to leave someone's house.

Kept apart from the other acute modules so they stay small.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import not_over
from bot.domain.safety.patterns import G, L, T, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import FAMILY, IMMINENT_WORDS, IN_MINUTES, ME, OBJECT, STICK, WATER

KICK_NOW = L("schoppen", "schopt", "slaan", "slaat", "trappen", "trapt", "stompen", "stompt", "meppen")
FIGHT = L("vechten", "vecht", "gevochten", "knokken", "knokt", "geknokt", "vechtpartij")
BLOOD_NOW = (L("bloedt", "bloeden"), seq(L("is", "ligt", "zit", "overal"), G(2), L("bloed")))
MOVE_BEHIND = L("rijdt", "rijden", "fietst", "fietsen", "loopt", "lopen", "rent", "rennen")
STICKS = T(*STICK.words, "hockeystick", "sticks")
ARMED = T("schroevendraaier", "mes", "knuppel", "hamer", "boksbeugel", "stok", "ketting", "schaar", "honkbalknuppel", "vuurwerkbom")
# Friends and family who come round: not a threat.
FRIENDS = frozenset({"vriend", "vriendin", "vrienden", "vriendinnen", "buurvrouw", "buurman"}) | frozenset(FAMILY.spec["NORM"]["IN"])
CHASER_WORDS = frozenset({"auto", "man", "mannen", "jongens", "gasten", "groep", "scooter", "ze", "hij", "iemand", "busje", "vent"})
VICTIM = T("me", "mij", "hem", "haar", "ons", "broertje", "zusje", "broer", "zus", "vriend", "vriendin", "jongen", "meisje")
DISTRESS = T("huilen", "gillen", "schreeuwen", "help", "hulp", "bang", "doodsbang", "krijsen")


def acute_witness_rules() -> List[Rule]:
    """The ``acuut.*`` rules of this round."""
    return [
        # Kicking someone who lies on the ground: "drie jongens schoppen een brugklasser die op de grond ligt".
        rule("acuut.schoppen_grond", [seq(KICK_NOW, G(4), T("die", "dat"), T("op"), T("de"), T("grond", "vloer"), L("ligt", "liggen"))],
             unless=("flag.fictie",), negatable=False),
        # Beaten up, seen now: "ik zie nu vanuit de klas dat ze een jongen in elkaar trappen".
        rule("acuut.in_elkaar_nu", [seq(T("elkaar"), L("trappen", "slaan", "schoppen", "trapt", "slaat", "schopt"))],
             requires=("flag.imminent",), unless=("flag.past", "flag.fictie"),
             check=lambda doc, s, e: s > 0 and doc[s - 1].norm_ == "in"),
        # A fight with blood: "er wordt gevochten op de gang ... er is bloed", "nu vechten op het plein, iemand bloedt".
        rule("acuut.vechten_bloed", [seq(FIGHT, G(8), blood) for blood in BLOOD_NOW], unless=("flag.fictie",), negatable=False),
        # Held while she cries: "een groep scholieren houdt achterin een meisje vast en ze huilt".
        rule("acuut.vastgehouden_nood", [seq(L("houdt", "houden"), G(4), T("vast"), G(6), DISTRESS)], negatable=False),
        # Sitting on top of someone now: "ze zitten nu boven op haar".
        rule("acuut.boven_op", [seq(L("zitten", "zit"), G(3), T("boven", "bovenop"), T("op", op="?"), OBJECT),
                               seq(L("zitten", "zit"), G(3), T("boven", "bovenop"), T("op", op="?"), T("mijn", "een", "die"), VICTIM)],
             requires=("flag.imminent",)),
        # A car or a group behind a child: "een auto met oudere jongens rijdt al een kwartier achter hem aan".
        rule("acuut.achter_aan", [seq(MOVE_BEHIND, G(6), T("achter"), OBJECT, T("aan"))], negatable=False,
             check=lambda doc, s, e: any(t.norm_ in CHASER_WORDS for t in doc[max(0, s - 5):e])),
        # "ze zitten achter me aan" as the whole message or with a cue of fear.
        rule("acuut.zitten_achter", [seq(T("ze", "zij", "hij", "jongens", "gasten"), L("zitten", "zit"), T("achter"), OBJECT, T("aan"))],
             unless=("flag.family",), check=lambda doc, s, e: e >= len(doc) - 1 or doc[e].is_punct),
        # Waiting for one where one does not dare to go: "ze wachten bij de bushalte met zn vijven, ik durf de bus nie uit".
        rule("acuut.wachten_durf_niet", [seq(T("durven"), G(3), T("niet"))],
             requires=("flag.iemand_staat_klaar",), negatable=False,
             check=lambda doc, s, e: not any(t.norm_ in ("film", "serie", "spreekbeurt", "toets") for t in doc)),
        # Fear in a short message: "bang. ze staan buiten."
        rule("acuut.wachten_bang_kort", [[T("bang", "doodsbang")]], requires=("flag.iemand_staat_klaar",), negatable=False,
             check=lambda doc, s, e: len(doc) <= 10),
        # A visit announced in minutes, with a location: "ze hebben mn locatie en zeggen dat ze over 10 min bij mn huis zijn".
        rule("acuut.komen_minuten", [seq(IN_MINUTES, G(4), T("bij", "naar", "voor", "aan"), G(1), T("huis", "deur", "school", "adres"))],
             requires=("flag.weet_waar_ik",), negatable=False,
             check=lambda doc, s, e: not any(t.norm_ in FRIENDS for t in doc)),
        rule("flag.weet_waar_ik", [[T("locatie", "adres", "dreigen", "bang")], seq(T("weten"), T("waar"), T("ik"), T("wonen", "zijn"))],
             negatable=False),
        # Pushed towards the water by someone who cannot swim: "ze duwen me naar het water bij de brug ik kan nie zwemmen".
        rule("acuut.duwen_water", [seq(L("duwen", "duwt", "gooien", "gooit", "trekken", "trekt", "sleuren"), G(1), VICTIM, G(3),
                                       T("naar", "in"), G(2), WATER)], negatable=False),
        # Trying to get in where one hides: "ik zit op de wc en ze proberen over de deur te klimmen".
        rule("acuut.deur_over", [seq(T("proberen"), G(4), T("deur"), G(3), T("klimmen", "openbreken", "intrappen", "forceren", "inbreken")),
                                 seq(T("proberen"), G(4), T("deur"), G(3), T("open"), T("te"), T("breken", "trappen"))],
             requires=("flag.ik_binnen",), negatable=False),
        rule("flag.ik_binnen", [seq(L("zit"), G(3), T("wc", "toilet", "kast", "badkamer", "hok", "kamer", "kleedkamer")),
                                seq(L("zit"), T("erin", "binnen"))], negatable=False,
             check=lambda doc, s, e: s > 0 and doc[s - 1].norm_ == "ik"),
        # Boxed in: "ze hebben me klemgereden met scooters bij het park, nu".
        rule("acuut.klemgereden", [[L("klemgereden", "klemrijden", "ingesloten", "omsingeld", "klemgezet")]],
             requires=("flag.imminent",)),
        # A man at the gate who calls one's name: "staat er al een uur een man bij ons schoolhek ... hij riep net mijn naam".
        rule("acuut.naam_geroepen", [seq(T("roepen"), G(1), T("mijn"), T("naam")), seq(T("mijn"), T("naam"), G(2), T("roepen")),
                                     seq(T("roepen"), T("de"), T("naam"), T("van"), G(4), T("speler", "spelers", "leerling",
                                                                                        "leerlingen", "zoon", "dochter"))],
             requires=("flag.staat_bij_ons",), negatable=False),
        rule("flag.staat_bij_ons", [seq(T("man", "vent", "mannen", "jongens", "gasten"), G(3), T("bij", "voor", "aan", "op"), G(1),
                                        T("hek", "schoolhek", "poort", "ingang", "uitgang", "school", "huis", "deur", "parkeerplaats")),
                                    seq(T("op", "bij"), T("de", "het"), T("parkeerplaats", "plein", "hek", "poort"), T("met"), STICKS)], negatable=False),
        # Someone followed, told by a parent: "ze belde net dat een man haar volgt vanaf school".
        rule("acuut.gevolgd_kind", [seq(T("man", "vent", "auto", "jongens", "iemand", "mannen"), G(2), L("volgt", "volgen", "achtervolgt"),
                                        T("haar", "hem", "me", "mij", "ons")),
                                    seq(T("man", "vent", "mannen"), T("haar", "hem", "me", "mij", "ons"), L("volgt", "volgen", "achtervolgt"))],
             unless=("flag.online",)),
        # Chased now, told by a witness: "op dit moment wordt een jongen ... achternagezeten door drie oudere jongens".
        rule("acuut.achternagezeten", [[L("achternagezeten", "opgejaagd", "achterna", "achternazitten")]],
             requires=("flag.imminent",), unless=("flag.fictie",), check=not_over),
        # "ze gaan die jongen uit 1c echt kapot maken", with a time.
        rule("acuut.kapot_maken", [seq(T("gaan", "komen"), T("die", "dat", "een", "hem", "haar"), G(4), T("kapot"), T("maken"))],
             requires=("flag.knok_of_nu",), unless=("flag.gamen", "flag.fictie"), check=not_over),
        rule("flag.knok_of_nu", [[IMMINENT_WORDS], seq(T("zo"), T("knokken", "vechten"))], negatable=False),
        # Someone coming with a weapon to teach one a lesson: "zijn neef komt met een schroevendraaier om mij een lesje te leren".
        rule("acuut.komt_met_wapen", [seq(T("komen"), T("met"), T("een"), ARMED, G(2), T("om"), ME)], requires=("flag.imminent",)),
        # Shut in a bin with the lid held down: "in de grote container ... duwen en de klep dichthouden".
        rule("acuut.klep_dicht", [seq(T("klep", "deksel"), L("dichthouden", "dichtgehouden", "dichthoudt", "dichtduwen")),
                                  seq(L("houden", "houdt"), T("de"), T("klep", "deksel"), T("dicht"))], negatable=False),
        # "X gaat Y steken" with something sharp: "juf jayden heeft een schaar en hij zegt dat hij noor gaat steeken".
        rule("acuut.gaat_steken", [seq(L("gaat", "gaan", "komt"), T("steken", "neersteken"))], requires=("flag.steekding",),
             check=lambda doc, s, e: not_over(doc, s, e) and any(t.norm_ in ("hij", "ze", "zij") for t in doc[max(0, s - 3):s])),
        rule("flag.steekding", [[T("schaar", "passer", "mes", "scherf", "schroevendraaier", "zakmes", "stiletto")]], negatable=False),
        # Not allowed to leave, asking to be fetched: "stuurde net 'ik mag niet weg, haal me op'".
        rule("acuut.mag_niet_weg", [seq(T("mogen"), T("niet"), T("weg", "weggaan", "vertrekken")),
                                    seq(T("laten"), G(2), T("niet"), T("gaan", "weggaan"))],
             requires=("flag.haal_op",), negatable=False),
        rule("flag.haal_op", [seq(T("halen", "haal"), ME, T("op")), seq(T("kom"), ME, T("halen")), seq(T("tot"), T("ik"), T("geld"))],
             negatable=False),
    ]
