"""Crisis rules for indirect wordings (sets 12 and 13 round): a plan told as a time ("vannacht ga ik het doen"),
a death that ends the bullying, self-harm told without "ik", means kept ready, a farewell told by someone else.

Kept apart from ``crisis`` so both modules stay small. None is switched off by a negation next to it.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.checks import clause_ends, message_ends
from bot.domain.safety.patterns import A, G, L, R, T, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import DEATH, FAMILY, I, JUMP_PLACE, PILLS, POSS, SELF_HARM_BODY

# A time set for it: "vannacht", "morgen", "vanavond".
WHEN = T("vannacht", "vanavond", "morgen", "straks", "vandaag", "zometeen", "zaterdag", "zondag", "maandag", "weekend")
# The bullying that would end: "dan hoeven ze me nooit meer te pesten".
BULLYING = T("pesten", "uitlachen", "lachen", "uitschelden", "schelden", "treiteren", "buitensluiten", "haten", "slaan",
             "zorgen", "last")
# Done to oneself again or in secret: "heb weer gesneden", "niemand weet het".
CUT_PAST = L("gesneden", "gekrast", "gekerfd", "gesneeden", "gesnijd")
# Words that end "heb weer gesneden" as a thought, or a time that follows it.
AFTER_CUT = frozenset({"vanavond", "vannacht", "vandaag", "gisteren", "gister", "weer", "net", "ook", "sws", "alweer"})
# Means kept ready: pills, a rope, razors.
MEANS = (PILLS, T("touw", "strop", "mesjes", "scheermesjes", "scheermesje"))
# Looked up or searched: "zoekgeschiedenis", "opgezocht", "gegoogeld".
SEARCHED = (T("opzoeken", "zoeken", "googelen", "googlen", "zoekgeschiedenis", "uitzoeken"),
            L("opgezocht", "gegoogeld", "gegoogled", "uitgezocht", "gezocht"))


def _cut_ends(doc, s, e) -> bool:
    """'heb weer gesneden' as the thought, or followed by a time: no object ("uien") after it."""
    return clause_ends(doc, e) or (e < len(doc) and doc[e].norm_ in AFTER_CUT)


def crisis_indirect_rules() -> List[Rule]:
    """The indirect ``crisis.*`` rules and farewell cues."""
    return [
        # Dying or "it being over" as the end of the bullying: "als ik dood ben hoeven ze me niet meer te pesten",
        # "volgende week is het voorbij, dan hoeven ze me nooit meer te pesten".
        rule("crisis.dood_einde_pesten", [
            *near(T("dood", "doodgaan", "sterven", "verdwijnen"),
                  seq(T("hoeven", "kunnen"), G(3), T("niet", "nooit"), T("meer"), G(3), BULLYING), 10),
            *near(seq(T("zijn"), T("het"), T("voorbij", "afgelopen", "klaar")),
                  seq(T("hoeven", "kunnen"), G(3), T("nooit"), T("meer"), G(3), BULLYING), 10),
            # "is het erg als ik gewoon verdwijn? dan heeft niemand meer last van me"
            *near(seq(T("als"), I, A(2), T("verdwijnen", "weggaan", "doodgaan", "sterven")),
                  seq(T("niemand"), G(1), T("meer"), T("last")), 10),
        ], negatable=False),
        # Vanishing for good: "mag je ook gewoon verdwijnen en nooit meer terug komen".
        rule("crisis.verdwijnen_voorgoed", [
            seq(T("verdwijnen"), G(3), T("nooit"), T("meer"), T("terug", "terugkomen")),
            # someone else wants to vanish: "hij zegt dat hij wil verdwijnen", "ze zegt dat ze wil verdwijnen"
            seq(T("dat"), T("hij", "ze", "zij"), A(2), T("willen", "wou", "wil"), A(2), T("verdwijnen")),
            # "ga morgen niet naar school en daarna ook nooit meer. ik heb het geregeld"
            *near(seq(T("daarna"), A(2), T("nooit"), T("meer")), seq(I, T("hebben"), T("het"), T("regelen", "geregeld")), 8),
        ], negatable=False),
        # A plan set for a time, as the whole thought: "vannacht ga ik het doen", "ik spring vannacht",
        # "ik denk dat ik het vannacht ga doen als iedereen slaapt".
        rule("crisis.het_doen", [
            seq(WHEN, T("gaan"), I, T("het"), A(1), T("doen")),
            seq(I, T("gaan"), T("het"), A(1), WHEN, T("doen")),
            seq(I, T("het"), A(1), WHEN, T("gaan"), T("doen")),
            seq(I, T("springen"), A(1), WHEN),
        ], negatable=False, check=lambda doc, s, e: message_ends(doc, e) or (
            e < len(doc) and doc[e].norm_ == "als" and any(t.norm_ in ("slapen", "weg", "alleen") for t in doc[e:e + 5]))),
        # After bullying, as a condition or a consequence: "als ze morgen weer om me lachen dan doe ik het echt",
        # "iedereen op school haat me dus ik maak t morgen af".
        rule("crisis.het_doen_pesten", [
            seq(T("dan"), T("doen"), I, T("het"), A(2)),
            seq(I, T("maken"), T("het", "t"), A(1), WHEN, T("af")),
        ], negatable=False, requires=("flag.pest_context",), check=lambda doc, s, e: clause_ends(doc, e)),
        rule("flag.pest_context", [[T("pesten", "uitlachen", "haten", "uitschelden", "treiteren")], [L("haat", "haten")],
                                   seq(T("lachen"), T("om"), T("me", "mij")), seq(T("om"), T("me", "mij"), T("lachen"))],
             negatable=False),
        # Not alive tomorrow, told of someone: "ze stuurde net dat ze morgen niet meer leeft".
        rule("crisis.morgen_niet_leven", [seq(WHEN, G(1), T("niet", "nooit"), T("meer"), T("leven", "bestaan"))], negatable=False),
        # Vanishing, and nobody bothered any more (across a question mark): "als ik gewoon verdwijn? dan heeft niemand meer
        # last van me".
        rule("crisis.last_weg", [seq(T("niemand"), T("meer"), T("last"), T("van"), T("me", "mij"))], negatable=False,
             requires=("flag.ik_weg",)),
        rule("flag.ik_weg", [seq(T("als"), I, A(2), T("verdwijnen", "weggaan", "doodgaan", "sterven", "dood"))], negatable=False),
        # Food left as deserved: "eten laat ik al een week staan, ik verdien het toch niet".
        rule("crisis.eten_verdienen", [*near(seq(T("eten"), L("laat", "laten", "liet"), G(4), T("staan")), T("verdienen"), 10)],
             negatable=False),
        # "dit is mijn afscheid", as the whole message.
        rule("crisis.mijn_afscheid", [seq(T("dit"), T("zijn"), T("mijn"), T("afscheid"))], negatable=False,
             check=lambda doc, s, e: message_ends(doc, e)),
        # Self-harm told without "ik" or in a euphemism: "heb mezelf weer gesneden", "heb weer gesneden vanavond",
        # "snijden helpt tenminste even", "weer dingen met mijn arm gedaan".
        rule("crisis.zelf_snijden", [
            seq(T("mezelf", "zichzelf"), A(3), CUT_PAST),
            seq(T("hebben"), A(2), CUT_PAST),
        ], negatable=False, check=_cut_ends),
        rule("crisis.snijden_helpt", [
            seq(T("snijden", "krassen", "kerven"), A(2), T("helpen")),
            seq(T("weer"), G(1), T("dingen", "iets"), T("met"), POSS, SELF_HARM_BODY, G(1), T("doen")),
        ], negatable=False),
        # Hurting oneself on purpose: "ik heb mezelf gisteren expres in mijn gezicht gestompt",
        # "hij slaat zichzelf elke avond tot hij blauwe plekken heeft", "mijn hoofd tegen de muur geslagen tot het bloedde".
        rule("crisis.zelf_slaan", [
            seq(T("mezelf", "zichzelf"), G(6), T("slaan", "stompen", "schoppen", "krabben", "bijten")),
            seq(T("slaan", "stompen", "schoppen"), T("zichzelf", "mezelf")),
            seq(I, G(8), T("mijn"), T("hoofd"), T("tegen"), G(3), T("slaan", "bonken", "beuken", "stoten"), T("tot")),
            *near(seq(T("mijn"), SELF_HARM_BODY, G(1), T("verbranden", "branden")), T("aansteker", "sigaret", "lucifer"), 6),
        ], negatable=False),
        # Means kept ready or enough of them: "de pillen liggen klaar", "ik heb pillen liggen en tis genoeg",
        # "pilletjes in mijn la gestopt voor als het weer erg is", "heb alles al klaarliggen".
        rule("crisis.middel_klaar", [
            *[seq(m, G(2), T("liggen", "leggen"), A(1), T("klaar")) for m in MEANS],
            *[seq(m, G(1), T("klaarliggen", "klaargelegd", "klaarleggen")) for m in MEANS],
            *[p for m in MEANS for p in near(seq(m, G(1), T("liggen", "hebben", "verzamelen", "sparen")),
                                             seq(T("zijn", "tis"), T("genoeg")), 6)],
            *[p for m in MEANS for p in near(m, seq(T("voor"), T("als"), T("het"), A(2), T("erg", "slecht", "zwaar", "teveel")), 12)],
            *near(seq(T("stoppen", "kappen"), I, T("ermee")), seq(T("alles"), G(1), T("klaarliggen", "klaargelegd", "klaar")), 10),
            # pills all at once: "dat ze vanavond al haar pillen tegelijk gaat nemen"
            *near(PILLS, T("tegelijk", "tegelijkertijd"), 4),
        ], negatable=False),
        # How long it takes to die of not eating; a painless death searched: "zoekt op als 'pijnloos doodgaan'".
        rule("crisis.dood_opzoeken", [
            *near(seq(T("hoe"), T("lang", "snel")), seq(T("niks", "niets", "niet"), T("meer"), T("eten", "drinken")), 8),
            *[p for s in SEARCHED for p in near(s, seq(T("pijnloos", "snelste", "makkelijkste"), G(2), DEATH), 10)],
            *[p for s in SEARCHED for p in near(s, seq(T("hoogste", "hoge"), G(1), JUMP_PLACE), 8)],
        ], negatable=False),
        # Tired of living, sleeping and never getting up: "ik ben zo moe van leven", "slapen en niet meer opstaan".
        rule("crisis.moe_leven", [
            seq(T("moe"), T("van"), T("het", op="?"), T("leven")),
            seq(T("slapen"), G(2), T("niet", "nooit"), T("meer"), T("opstaan", "wakker")),
            seq(T("staan"), I, A(2), T("op", "bij"), T("het", "de"), T("spoor", "rails")),
            *near(seq(T("op", "bij"), G(2), JUMP_PLACE), seq(T("naar"), T("beneden"), T("te", op="?"), T("kijken", "staren")), 10),
            seq(T("willen"), G(2), T("niet"), T("meer"), L("leefen", "leefe", "leve", "lefen")),
        ], negatable=False),
        # A plan with a date, told by an adult: "dat ze een plan heeft om er een eind aan te maken".
        rule("crisis.plan_einde", [seq(T("ze", "hij", "zij", "ik"), G(3), T("plan"), G(4), T("er"), G(2), T("eind", "einde"),
                                       T("aan"))], negatable=False),
        # All one's things given away; a note in which someone says goodbye: "al mijn spullen aan mijn zusje gegeven",
        # "een briefje waarin ze afscheid van ons neemt".
        rule("crisis.spullen_gegeven", [seq(T("al"), T("mijn", "zijn", "haar"), T("spullen"), G(4), L("gegeven", "weggegeven")),
                                        *near(T("brief", "briefje", "video", "filmpje", "bericht", "berichtje"),
                                              seq(T("afscheid"), G(3), T("nemen")), 6)],
             negatable=False, unless=("flag.vertrek",)),
        # Farewell cues (``flag.afscheid.*``, two make ``crisis.afscheid``).
        rule("flag.afscheid.post", [seq(T("laatste"), T("post", "story", "foto", "video", "filmpje", "tiktok", "snap"))],
             negatable=False),
        rule("flag.afscheid.groet", [seq(T("tot"), T("ziens"), T("iedereen", "allemaal")),
                                     seq(T("salut", "ciao", "adios", "adieu", "bye", "later"), T("iedereen", "allemaal")),
                                     ], negatable=False),
        rule("flag.afscheid.bedankt_niks", [seq(T("bedankt", "dank"), T("voor"), T("niks", "niets"))], negatable=False),
        rule("flag.afscheid.waar_doen", [seq(T("weten"), T("waar"), T("hij", "ze", "zij", "ik"), T("het"), G(2), T("doen"))],
             negatable=False),
        rule("flag.afscheid.zorgen_weg", [seq(T("hoeven"), G(3), T("geen"), T("zorgen"), T("meer"), G(3),
                                              T("om", "over"), T("mij", "me"))], negatable=False),
        rule("flag.afscheid.zoeken", [seq(T("me", "mij"), T("niet", "nooit"), T("meer"), T("zoeken")),
                                      seq(T("niet", "nooit"), T("meer"), T("naar"), T("me", "mij"), T("zoeken"))],
             negatable=False),
        rule("flag.afscheid.plek_nu", [seq(T("zitten", "staan"), G(2), T("op", "bij"), T("de", "het"), JUMP_PLACE)],
             negatable=False),
        rule("flag.afscheid.gegeven", [seq(T("zijn", "haar", "mijn"), G(6), T("aan"), G(3), L("gegeven", "weggegeven")),
                                       seq(T("zijn", "haar", "mijn"), G(5), L("weggegeven"))], negatable=False),
        rule("flag.afscheid.missen_niet", [seq(T("niet"), T("moeten", "hoeven", "zullen"), T("missen")),
                                           seq(T("niemand"), G(2), T("hem", "haar", "me", "mij"), G(2), T("missen"))],
             negatable=False),
        rule("flag.afscheid.brieven", [seq(T("brief", "brieven", "briefje", "briefjes"), G(3), T("geschreven", "schrijven"),
                                           G(1), T("voor"), G(1), FAMILY)], negatable=False),
        rule("flag.afscheid.la", [seq(T("liggen"), T("in", "onder"), T("mijn", "mn", "haar", "zijn"), T("la", "kussen", "kast",
                                                                                                   "bureau"))],
             negatable=False),
        rule("flag.afscheid.nooit_zien", [seq(T("nooit"), T("meer"), G(1), T("zien"))], negatable=False),
        rule("flag.afscheid.touw", [seq(T("touw", "strop"), G(3), T("op", "in"), T("haar", "zijn", "mijn"), T("kamer"))],
             negatable=False),
        rule("flag.afscheid.kastje", [seq(T("medicijnkastje", "medicijnkast"))], negatable=False),
        rule("flag.afscheid.moe", [seq(T("moe"), T("van"), T("het", op="?"), T("leven"))], negatable=False),
    ]
