"""Acute-danger rules for indirect wordings (sets 12 and 13 round): threats to someone else for tonight, a group at
the door, a child taken in a car, held or shut in, a fight going on now, a direct threat with a time.

Kept apart from ``acute`` so both modules stay small.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import not_over, real_harm
from bot.domain.safety.patterns import A, G, L, R, T, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import HARM_ACUTE, HIT, HOUR, I, IMMINENT_WORDS, IN_MINUTES, JUST_NOW, LETHAL, ME

# Someone other than the writer: "ze willen hem vanavond pakken", "om hem in elkaar te slaan".
VICTIM = T("me", "mij", "ons", "hem", "haar")
# A person a group has hold of: "mijn vriendje van 10", "mijn beste vriend".
PERSON_OBJ = T("me", "mij", "hem", "haar", "vriend", "vriendje", "vriendin", "broertje", "zusje", "zoon", "dochter",
               "jongen", "meisje", "kind", "leerling", "klasgenoot")
# Present-tense hitting, as written (a past "sloegen" is a crime, not acute).
HIT_PRESENT = L("slaat", "slaan", "schopt", "schoppen", "trapt", "trappen", "stompt", "stompen", "mept", "meppen",
                "beukt", "beuken", "rammen", "ramt")
CAR = T("auto", "busje", "bus", "bestelbus", "wagen", "bestelwagen", "scooter")
PLACE_SHUT = T("berging", "kast", "wc", "kelder", "kelderbox", "lokaal", "kleedkamer", "hok", "schuur", "schuurtje", "toilet",
               "lift", "bezemkast", "zolder", "container", "fietsenkelder", "kliko", "huis")
# A car ride one did not choose: fear, help, not knowing where one is, bullies.
TAKEN_CUE = (T("help", "bang", "pesten", "ontvoeren", "doodsbang"), seq(T("weten"), T("niet"), T("waar")))


def acute_indirect_rules() -> List[Rule]:
    """The indirect ``acuut.*`` rules."""
    return [
        # A threat to someone else for now: "jongens die hem vanavond willen 'pakken'", "om hem in elkaar te slaan".
        rule("acuut.dreiging_ander", [
            seq(T("hem", "haar"), G(3), T("willen", "gaan", "komen"), G(1), HARM_ACUTE),
            seq(T("staan", "zitten", "wachten", "rijden", "lopen"), G(8), T("om"), VICTIM, T("in", op="?"),
                T("elkaar", op="?"), T("te"), HARM_ACUTE),
            seq(HARM_ACUTE, T("ze", "zij", "hij", "jullie"), ME),  # "sws pakken ze me na school"
        ], requires=("flag.imminent",), check=lambda doc, s, e: not_over(doc, s, e) and real_harm(doc, s, e)),
        # A direct threat with a time: "'morgen bij de fietsenstalling steek ik je neer'", "vanavond maak ik je af".
        rule("acuut.dreiging_direct", [
            seq(T("steken", "neersteken", "vermoorden", "afmaken", "schieten", "neerschieten", "doodmaken"),
                T("ik", "we", "wij"), T("je", "jou", "jullie"), T("neer", "dood", "af", op="?")),
            seq(T("maken"), T("ik", "we", "wij"), T("je", "jou", "jullie"), T("af", "dood")),
            seq(T("ze", "zij", "hij"), G(2), ME, T("dood"), G(1), T("maken")),
        ], requires=("flag.imminent",), check=not_over),
        # Coming to the house now: "ze zijn over een uur bij me thuis om me af te maken", "naar ons huis komen om haar af
        # te maken", "dat hij vanavond naar mn huis komt en dat ik dan wel zie wat er gebeurt".
        rule("acuut.komen_huis", [
            *near(seq(T("bij"), T("me", "mij", "ons", "je"), T("thuis")), seq(T("om"), VICTIM, T("af"), T("te"), T("maken")), 8),
            *near(seq(T("naar", "bij"), G(2), T("huis", "thuis", "deur"), T("komen")),
                  seq(T("om"), VICTIM, T("af"), T("te"), T("maken")), 8),
            *near(seq(T("naar", "bij"), G(2), T("huis", "thuis"), T("komen")), seq(T("zien"), T("wat"), T("er"), T("gebeuren")), 10),
            *near(seq(T("komen"), G(2), T("naar", "bij"), G(2), T("huis", "thuis")), seq(T("zien"), T("wat"), T("er"), T("gebeuren")),
                  10),
            # address in their hands, and a time to come: "ze hebben mijn adres in de groep gegooid ... 'om 10 uur zijn we er'"
            *near(seq(T("hebben"), T("mijn", "ons", "haar", "zijn"), T("adres", "locatie", "huisadres")),
                  T("komen", "langskomen"), 14),
            # "komen mn moeders deur intrappen"
            [T("intrappen", "inrammen", "inbeuken", "inslaan")],
        ], requires=("flag.imminent_or_net",), check=not_over),
        # ``flag.imminent``'s time words and "just now" (all-of requirements need a flag of their own).
        rule("flag.imminent_or_net", [[T(*IMMINENT_WORDS.words, *JUST_NOW.words)],
                                      seq(T("in"), T("de"), T("straat")),
                                      IN_MINUTES,
                                      seq(T("om"), HOUR, T("uur"))],
             negatable=False),
        # A group at a school entrance with something hidden: "bij de hoofdingang staat een groep jongens ...
        # eentje heeft iets in zijn broekband".
        rule("acuut.verborgen_wapen_groep", [
            *near(seq(T("ingang", "hoofdingang", "hek", "poort", "uitgang", "schoolplein", "fietsenstalling"), G(1),
                      T("staan"), G(2), T("groep", "jongens", "mannen", "gasten")),
                  seq(T("iets"), G(1), T("in"), T("zijn", "hun", "haar"), T("broekband", "riem", "jas", "zak", "broek",
                                                                          "jaszak", "binnenzak", "mouw", "tas")), 16),
        ]),
        # Taken in a car against one's will: "ze hebben me meegenomen in hun auto" + not knowing where, help, fear.
        rule("acuut.meegenomen_auto", [
            *[p for cue in TAKEN_CUE for p in near(seq(L("meegenomen", "meegesleurd", "meegetrokken"), T("in"), G(2), CAR),
                                                  cue, 14)],
            *[p for cue in TAKEN_CUE for p in near(seq(T("in"), G(2), CAR, L("meegenomen", "meegesleurd", "getrokken")),
                                                  cue, 14)],
        ], negatable=False),
        # Held or shut in: "zijn beste vriend vast in de kelderbox", "zit al een uur vast in een schuur", "ze laten hem er
        # niet uit", "een man haar vasthoudt", "opgesloten op school, help", "in de container gestopt en zitten op de klep".
        rule("acuut.vast_binnen", [
            seq(T("houden", "hebben"), G(1), T("mijn", "zijn", "haar", "ons"), G(2), PERSON_OBJ, G(2), T("vast")),
            seq(T("zitten"), G(3), T("vast"), T("in", "op"), G(2), PLACE_SHUT),
            seq(L("laat", "laten", "liet", "lieten"), T("hem", "haar", "me", "mij", "ons"), T("er"), T("niet"), T("uit")),
            seq(T("man", "iemand", "vent", "jongen", "jongens"), G(2), T("haar", "hem", "me", "mij"), L("vasthoudt", "vasthouden")),
            *near(L("opgesloten", "opgeslote", "ingesloten", "opgeslotten"), T("help"), 6),
            seq(L("opgesloten", "opgeslote", "opgeslotten"), T("in"), G(2), PLACE_SHUT),
            seq(PERSON_OBJ, G(4), T("in"), T("de", "een"), T("container", "kliko", "kofferbak", "kast"), G(4),
                T("stoppen", "duwen", "gooien", "gestopt", "geduwd", "gegooid")),
            *near(seq(T("deur"), G(5), R(r"^dicht")), seq(I, T("krijgen"), G(2), T("niet"), T("meer", op="?"), T("open")), 10),
            *near(T("man", "vent", "meneer"), seq(L("laat", "laten", "liet"), T("me", "mij"), T("er"), T("niet"), T("langs", "door", "uit")),
                  14),
        ], negatable=False),
        # Fighting going on now: "ze zijn nu met zn vijven een jongen aan het schoppen", "nu ... op elkaar in slaan",
        # "vechtpartij op het plein nu", "er gebeurt nu iets heel ergs", "een grote jongen die nu in de gang een kleuter slaat".
        rule("acuut.geweld_nu_ander", [
            *near(T("nu"), seq(T("aan"), T("het"), HIT), 10),
            *near(T("nu"), seq(T("op"), T("elkaar"), T("in"), T("slaan", "rammen", "beuken", "schoppen")), 12),
            seq(T("vechtpartij", "gevecht", "steekpartij", "knokpartij", "matpartij"), G(3), T("nu")),
            seq(T("nu"), G(1), T("vechtpartij", "gevecht", "steekpartij", "knokpartij", "matpartij")),
            seq(T("gebeuren"), T("nu"), G(1), T("iets"), A(2), R(r"^(erg|ernstig|gevaarlijk|heftig)")),
            seq(T("nu"), G(4), T("een", "die", "de"), T("kleuter", "kind", "jongen", "meisje", "leerling"), HIT_PRESENT),
            # present-tense kicks to the head with a call for someone: "ze trappen een jongen tegen zijn hoofd"
            seq(HIT_PRESENT, T("een", "die", "de"), G(4), T("tegen", "op", "in"), T("zijn", "haar"), T("hoofd")),
        ], negatable=False),
        # Cornered at a door they kick: "ze staan voor de deur en ze schoppen er tegen aan" (with fear or help).
        rule("acuut.deur_belaagd", [*near(seq(T("deur"), G(4), T("bonken", "beuken", "rammen", "trappen", "schoppen")),
                                          T("help", "bang", "doodsbang"), 14)], negatable=False),
        # Not coming home in one piece: "dat ik dan niet meer heelhuids thuiskom" (the negation is the threat).
        rule("acuut.niet_heelhuids", [seq(T("niet"), T("meer"), T("heel", "heelhuids"), G(1), T("thuiskomen", "thuis"))],
             negatable=False, requires=("flag.imminent",)),
        # Standing under one's window: "hij staat onder mijn raam".
        rule("acuut.onder_raam", [seq(T("hij", "ze", "zij", "man", "iemand", "vent", "jongen", "jongens"), T("staan"),
                                      T("onder", "voor", "bij"), T("mijn", "ons"), T("raam", "slaapkamerraam"))]),
        # Riding or walking behind me, now: "een scooter rijdt de hele tijd langzaam achter me".
        rule("acuut.achter_me", [seq(T("rijden", "lopen", "fietsen"), G(5), T("achter"), ME)],
             requires=("flag.imminent",), negatable=False),
        # A group waiting again where one must pass: "na het laatste uur staan ze weer bij de bushalte".
        rule("acuut.weer_wachten", [seq(T("staan", "wachten"), T("ze", "zij", "die"), T("weer"), G(3), T("bij", "voor", "buiten"))],
             requires=("flag.imminent",)),
        # A list of names to "get": "een lijst namen van kinderen die hij 'morgen gaat pakken'".
        rule("acuut.lijst", [seq(T("lijst"), G(8), T("die"), G(5), T("pakken", "aanpakken", "neerschieten", "afmaken",
                                                                      "vermoorden", "steken")),
                             *near(T("vuurwerkbom", "bom", "molotov"), T("lijst", "namen"), 14)]),
        # "hij heeft zich verstopt in de schuur en durft niet naar huis", with someone coming for him.
        rule("acuut.verstopt_halen", [*near(seq(T("zich"), G(1), T("verstoppen")), seq(T("komen", "gaan"), G(1), T("halen", "pakken")),
                                            14)], negatable=False),
        # Taken along under a threat: "ze zeggen dat ik nu mee moet naar het bos anders".
        rule("acuut.mee_anders", [seq(I, A(2), T("mee"), T("moeten"), G(6), T("anders"))], negatable=False),
        # A threat for tonight against someone else: "als ik vanavond niet bij het voetbalveld ben ze mijn zusje te grazen nemen".
        rule("acuut.dreiging_als_ander", [seq(T("als"), I, G(8), T("niet"), G(12), T("grazen", "afmaken", "vermoorden",
                                                                                    "kapotmaken", "aftuigen", "slopen"))],
             negatable=False, requires=("flag.imminent",)),
    ]
