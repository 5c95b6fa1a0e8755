"""Acute-danger rules: a weapon, being hit, waited for, followed or held now (112 first).

Several check tense (``checks.not_over``): an attack that is over is a crime, not acute.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import not_over
from bot.domain.safety.patterns import A, G, L, T, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import BLUNT, BODY, FIREWORK, HARM_ACUTE, I, LETHAL, ME, PERSON, WEAPON

STRANGER = T("man", "mannen", "vreemde", "onbekende", "meneer", "vent", "vrouw", "mevrouw")
HIT_NOW = T("slaan", "schoppen", "trappen", "stompen", "steken", "neersteken", "wurgen", "mishandelen", "aftuigen",
            "afrossen", "beuken", "rammen")
LURE = T("snoep", "snoepje", "snoepjes", "puppy", "puppies", "hondje", "poesje", "cadeautje", "lift")


def acute_rules() -> List[Rule]:
    """The ``acuut.*`` rules."""
    return [
        rule("acuut.wapen", [[WEAPON]], unless=("crisis.zelfbeschadiging",)),
        rule("acuut.wapen_stomp", [*near(BLUNT, T("wachten", "dreigen", "bedreigen", "zwaaien", "opwachten",
                                                  "achter"), 6)]),
        rule("acuut.opgewacht", [
            [T("opwachten")],
            seq(T("staan", "zitten", "wachten"), G(2), ME, G(1), T("op"), T("te"), T("wachten")),
            seq(T("op"), ME, T("te"), T("wachten")),
            seq(T("wachten"), G(1), ME, G(4), T("op")),
            seq(T("staan", "wachten", "zitten"), G(6), T("om"), ME, T("te"), HARM_ACUTE),
            seq(ME, G(4), T("komen", "gaan"), T("halen", "pakken")),
            seq(T("staan"), G(4), T("bij", "voor"), T("mijn", "ons"), T("huis", "deur")),
            *near(seq(T("staan"), G(1), T("voor"), T("de"), T("deur")), seq(I, T("zijn"), T("alleen")), 12),
            [T("bivakmuts", "bivakmutsen")],
            seq(T("staan"), G(2), T("voor"), T("mijn", "ons"), T("huis", "deur")),
            seq(T("staan"), G(5), T("om"), ME, T("heen")),
            seq(T("wachten"), G(3), T("op"), ME),
            seq(T("staan"), G(6), T("die"), ME, G(2), HARM_ACUTE),
            seq(T("ze", "zij", "hij", "jongens", "iemand", "groep"), T("komen"), ME, G(2), T("halen", "pakken")),
            seq(T("er", "ze", "zij", "hij", "iemand", "groep", "jongens", "mannen"), G(1), T("staan"), G(6),
                T("te"), T("wachten")),
        ]),
        rule("acuut.achtervolgd", [[T("achtervolgen", "achtervolging", "opjagen")],
                                   seq(T("achter"), ME, T("aan")),
                                   seq(T("jagen"), ME, G(4), T("op", "achterna")),
                                   seq(ME, G(1), T("achterna"))]),
        rule("acuut.dreiging_straks", [
            seq(T("gaan", "komen"), ME, G(4), T("pakken", "slaan", "afmaken", "aftuigen", "neersteken", "vermoorden",
                                                 "steken", "slopen")),
            seq(ME, G(3), T("gaan", "komen"), T("pakken", "afmaken", "aftuigen", "slopen", "neersteken", "vermoorden",
                                                 "doodmaken", "steken")),
            seq(I, G(2), T("niet"), T("meer"), T("heel", op="?"), G(2), T("thuiskomen")),
        ], check=lambda doc, s, e: not_over(doc, s, e)),
        rule("acuut.verstopt", [
            *near(seq(ME, T("verstoppen")), T("zoeken", "achter", "bang", "help", "rennen", "wegrennen", "volgen"), 10),
            *near(seq(T("verstoppen"), ME), T("zoeken", "achter", "bang", "help", "rennen", "wegrennen", "volgen"), 10),
            *near(seq(T("zitten"), G(1), T("verstoppen", "verstopt")), T("zoeken", "achter", "bang", "help", "rennen",
                                                                          "wegrennen", "durven", "volgen"), 10),
        ], negatable=False),
        rule("acuut.meegenomen", [
            seq(ME, G(3), T("in"), G(1), L("auto", "busje", "bestelbus", "wagen", "bestelwagen"),
                L("getrokken", "gesleurd", "geduwd", "gegooid", "meegenomen")),
            seq(T("trekken", "sleuren", "duwen"), ME, G(2), T("in"), G(1), L("auto", "busje", "bestelbus", "wagen")),
            *near(T("man", "mannen", "meneer", "vreemde", "onbekende", "volwassene"),
                  seq(I, T("mee"), G(1), T("moeten", "komen", "gaan")), 12),
        ]),
        rule("acuut.adem", [seq(T("krijgen"), G(2), T("geen", "nauwelijks", "bijna"), G(1), T("lucht", "adem")),
                            seq(T("zitten", "liggen"), G(1), T("bovenop"), ME)], negatable=False),
        rule("acuut.hulpvraag", [seq(T("kunnen"), T("iemand"), G(1), T("komen")),
                                 seq(T("trappen", "beuken", "rammen", "bonken"), G(3), T("deur"), G(2), T("in"))]),
        rule("acuut.aanslag", [
            *near(T("opblazen", "aanslag", "bomaanslag", "schietpartij", "shooten"), T("school", "klas", "iedereen", "kantine",
                                                                           "gebouw", "aula"), 8),
            seq(T("iedereen"), G(3), T("neerschieten", "doodschieten", "neersteken")),
            *near(T("lijst", "namen"), LETHAL, 10),
            seq(T("docent", "docenten", "leraar", "leraren", "leerlingen", "klas"), G(4), LETHAL),
            *near(T("cobra", "vuurwerkbom", "bom", "molotov"), T("aula", "klas", "kantine", "school", "iedereen",
                                                                  "gooien"), 8),
        ]),
        rule("acuut.gevolgd", [seq(T("volgen"), G(1), ME), seq(ME, G(3), T("volgen")),
                               seq(T("worden"), G(4), T("volgen"))]),
        rule("acuut.vastgehouden", patterns=[
            seq(T("houden", "hebben"), ME, G(2), T("vast")),
            seq(T("zitten", "zijn", "worden"), G(2), T("opsluiten")),
            seq(ME, G(8), T("opsluiten")),
            seq(T("auto", "busje"), T("in"), L("getrokken", "gesleurd", "geduwd")),
            seq(T("in"), G(1), T("auto", "busje", "bestelbus"), L("getrokken", "gesleurd", "geduwd", "gegooid")),
            seq(ME, G(2), T("mee"), T("te", op="?"), T("trekken", "sleuren", "nemen")),
            *near(ME, seq(T("op"), T("slot")), 10),
            seq(T("zitten"), T("vast"), T("in"), G(2), T("berging", "kast", "wc", "kelder", "lokaal", "kleedkamer",
                                                          "hok", "schuur", "toilet", "lift", "bezemkast", "zolder")),
            seq(T("worden"), G(8), T("vasthouden")),
            [T("kofferbak")],
            seq(T("trekken", "sleuren", "slepen"), ME, T("mee")),
            seq(T("door"), G(4), L("meegenomen", "meegesleurd", "ontvoerd")),
            seq(T("sluiten"), ME, G(4), T("op")),
            # "wordt tegen de grond gehouden", "ze drukken hem op de grond"
            seq(T("tegen", "op"), T("de"), T("grond"), G(2), T("houden", "drukken", "vasthouden", "vastdrukken")),
        ]),
        rule("acuut.dreiging_nu", [seq(ME, G(4), HARM_ACUTE), seq(HARM_ACUTE, ME)], requires=("flag.imminent",),
             check=not_over),
        rule("acuut.geweld_nu", [
            *near(T("nu"), HARM_ACUTE, 4),
            seq(ME, G(2), T("aan"), T("het"), HARM_ACUTE),
            seq(T("blijven"), G(1), HARM_ACUTE),
            *near(seq(T("op"), T("dit"), T("moment")), HARM_ACUTE, 4),
            *near(T("nu"), seq(T("gooien", "smijten"), G(3), T("steen", "stenen", "stoel", "fles", "flessen",
                                                              "vuurwerk", "stok", "stokken")), 5),
            seq(T("gooien", "smijten"), G(3), T("steen", "stenen", "fles", "flessen", "vuurwerk"), G(2), T("naar"), ME),
        ], check=lambda doc, s, e: not_over(doc, s, e)),
        rule("acuut.gevecht", [seq(L("er"), L("is", "zijn"), G(3), T("gevecht", "vechtpartij", "steekpartij",
                                                                      "schietpartij", "knokpartij", "matpartij"))]),
        rule("acuut.net_gebeurd", [*near(T("net", "zojuist", "daarnet"), T("steken", "neersteken", "neerschieten"), 4),
                                   seq(I, L("lig", "ligt"), T("op"), G(1), T("grond")),
                                   [T("bewusteloos")]]),
        rule("acuut.bloedt_erg", [seq(T("bloeden", "bloed"), G(1), T("heel", "erg", "veel", "hard", "enorm"))],
             unless=("crisis.",)),
        rule("acuut.durf_niet_weg", [
            seq(T("durven"), G(2), T("niet"), G(2), T("naar"), T("buiten")),
            seq(T("durven", "kunnen"), G(2), T("niet"), G(1), T("weg")),
        ], negatable=False, requires=("flag.iemand_staat_klaar",)),
        rule("acuut.lokken", [*near(T("instappen", "instap"), T("auto", "busje", "man", "vreemde", "onbekende"), 8),
                              *near(T("man", "vreemde", "onbekende"), T("aanspreken", "lokken"), 8),
                              # "een man vraagt of kinderen mee willen naar zijn auto", "deelt snoep uit ... meekomen"
                              *near(STRANGER, seq(T("mee"), G(3), T("naar"), G(2), T("auto", "busje", "huis", "bestelbus")), 12),
                              *near(STRANGER, T("meekomen", "meegaan", "meelopen", "meerijden", "instappen"), 12),
                              *near(STRANGER, seq(T("mee"), T("te"), T("komen", "gaan", "lopen", "rijden")), 12),
                              *near(LURE, seq(T("mee"), G(3), T("willen", "komen", "gaan", "lopen")), 12)]),
        rule("acuut.dreiging_buiten", [[T("dreigen", "bedreigen")]], requires=("flag.iemand_staat_klaar",)),
        rule("acuut.gestalkt", [*near(T("man", "vent", "meneer"), seq(T("achter"), ME), 10),
                                seq(T("uitstappen"), G(3), I, T("uitstappen"))]),
        rule("acuut.vastgebonden", [[T("vastbinden")]], requires=("flag.imminent",)),
        # Someone else attacked while the writer watches: "ik zie nu dat een leerling wordt geschopt".
        rule("acuut.geweld_gezien", [seq(L("wordt", "worden"), G(4), HIT_NOW), seq(HIT_NOW, G(1), L("wordt", "worden")),
                                     seq(I, L("word"), G(3), HIT_NOW)],
             requires=("flag.imminent",), check=not_over),
        # Fireworks put on or thrown at a body: "vuurwerk in mijn capuchon gestopt en aangestoken".
        rule("acuut.vuurwerk", [*near(FIREWORK, seq(T("mijn", "me", "mij", "zijn", "haar"), G(1), BODY), 6),
                                *near(FIREWORK, seq(T("mijn", "zijn", "haar"), T("capuchon", "jas", "kraag", "trui",
                                                                              "hoodie", "tas", "broek", "haar")), 6),
                                seq(T("gooien", "schieten", "richten"), G(2), FIREWORK, G(3), T("naar", "op"), ME)]),
        # Someone shooting or stabbing now: "volgens mij schiet iemand", "er steekt iemand".
        rule("acuut.schieten", [seq(T("schieten", "neersteken", "neerschieten"), T("iemand")),
                                seq(T("steken"), T("iemand"), T("neer", "met")),
                                seq(T("iemand"), A(1), T("schieten", "neerschieten", "neersteken"))], check=not_over),
        # Someone lies still after an accident or an attack: call 112.
        rule("acuut.levenloos", [seq(PERSON, G(2), T("bewegen", "ademen"), A(1), T("niet", "nauwelijks"), T("meer", op="?")),
                                 seq(T("liggen"), G(4), T("en"), G(1), T("reageren", "bewegen"), T("niet"))],
             negatable=False),
        rule("acuut.dreiging_termijn", [
            seq(T("als"), I, G(8), T("niet"), G(10), T("aandoen", "pijn", "vermoorden", "slaan", "pakken")),
            seq(T("als"), I, G(8), T("zijn"), T("ik"), T("dood")),
        ], negatable=False, requires=("flag.imminent",)),
    ]
