"""Crime rules for wordings of the sets 12 and 13 round: pictures spread or forced, grooming told by an adult,
stalking that repeats, robbery while held, an account taken over, sexual touching named by a body part.

Kept apart from ``crime`` and ``crime_indirect`` so the modules stay small.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import A, G, L, R, T, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import BODY, BODY_SEXUAL, I, IMAGE, ME, MONEY, exact

RONDGAAN = T("rondgaan", "rond", "doorsturen", "doorgestuurd", "rondsturen", "rondgestuurd", "verspreiden")
"""Going round: sent on from one to the next."""
SPREAD = T(*RONDGAAN.words, "delen", "posten", "online", "zetten")
"""Going round, or put where anyone sees it."""
PRIVATE = T("bloot", "naakt", "halfnaakt", "prive", "ondergoed", "bedoeld")
ACCOUNT = T("account", "snap", "insta", "instagram", "snapchat", "tiktok", "whatsapp", "discord", "profiel")
TAKEN = L("afgepakt", "gestolen", "afgenomen", "afgepikt", "gejat", "ingepikt")
OTHERS = T("jongens", "meiden", "gasten", "mannen", "groep", "jongen", "gast", "man")
GIFTS = T("cadeaukaart", "cadeaukaarten", "cadeautjes", "cadeautje", "robux", "vbucks", "skins", "geld", "giftcard",
          "giftcards", "drugs")
ADULT_MAN = (seq(T("volwassen", "oudere", "ouwe"), T("man", "vent", "jongen")), seq(T("man", "vent"), T("van"),
                                                                                      exact(*(str(n) for n in range(20, 100)))))


def crime_reported_rules() -> List[Rule]:
    """The ``strafbaar.*`` rules of this round."""
    return [
        # Pictures spread that were private: "er gaat een filmpje rond ... waar ze bijna bloot op staat",
        # "er gaat een foto van mij rond die echt niet voor iedereen bedoeld was".
        rule("strafbaar.beeld_rond", [
            *near(seq(IMAGE, G(6), RONDGAAN), PRIVATE, 12),
            *near(seq(RONDGAAN, G(4), IMAGE), PRIVATE, 12),
        ], negatable=False),
        # An ex who sends one's pictures on: "mijn ex heeft mijn foto's doorgestuurd", "nu hij het uit heeft gemaakt
        # stuurt hij hem door naar iedereen".
        rule("strafbaar.ex_beeld", [
            *near(T("ex", "ex-vriend", "exvriend", "ex-vriendin", "exvriendin"), seq(IMAGE, G(5), SPREAD), 12),
            *near(T("ex", "ex-vriend", "exvriend", "ex-vriendin", "exvriendin"), seq(SPREAD, G(4), IMAGE), 12),
            *near(seq(T("uit"), G(2), T("maken")), seq(T("sturen"), T("hij", "ze", "zij"), T("hem", "het", "ze", "die"), T("door")), 8),
            *near(IMAGE, seq(T("sturen"), T("hij", "ze", "zij"), T("hem", "het", "ze", "die"), T("door"), T("naar"),
                             T("iedereen", "de", "heel", "hele")), 12),
        ]),
        # Pictures forced, or a threat to spread them: "ze hebben me gedwongen een foto te sturen, anders ...",
        # "als ik niet naakt op cam kom gaan ze dat filmpje posten", "als ik het vertel gaan ze de video online zetten",
        # "als ik hem geen nieuwe foto's stuur laat hij de oude aan mijn ouders zien", "foto's sturen ..., anders".
        rule("strafbaar.beeld_dwang", [
            *near(seq(T("dwingen", "gedwongen"), G(4), IMAGE), T("anders", "sturen"), 10),
            *near(seq(T("als"), I, G(6), T("niet", "geen")), seq(IMAGE, G(5), SPREAD), 14),
            *near(seq(T("als"), I, G(6), T("niet", "geen")), seq(T("naakt", "bloot"), G(2), T("cam", "camera", "webcam")), 10),
            *near(seq(T("als"), I, G(6), T("vertellen", "zeggen", "melden")), seq(IMAGE, G(5), SPREAD), 14),
            *near(seq(T("als"), I, G(4), T("geen", "niet"), G(3), IMAGE), seq(T("laten"), G(6), T("zien")), 12),
            *near(seq(T("als"), I, G(4), T("geen", "niet"), G(3), IMAGE), L("laat", "laten"), 12),
            *near(seq(T("willen"), T("dat"), I, IMAGE, T("sturen")), T("anders"), 12),
            *near(seq(IMAGE, G(2), T("sturen")), seq(T("anders"), G(2), T("vertellen", "zeggen", "verspreiden", "posten")), 10),
            *near(seq(IMAGE, G(2), L("stuur", "stuurt", "sturen")), seq(T("anders"), G(2), L("vertelt", "vertellen", "zegt",
                                                                                            "verspreidt", "post")), 10),
        ]),
        # A picture of one's body, made or faked, and money asked: "een foto van mn lichaam ... ze willen 50 euro".
        rule("strafbaar.beeld_geld", [seq(IMAGE, G(3), T("lichaam", "lijf"))], requires=("flag.geld_eis",), negatable=False),
        rule("flag.geld_eis", [seq(T("willen", "eisen", "moeten", "betalen"), G(3), MONEY[0])], negatable=False),
        # One's address under a fake account: "een nepaccount met mijn naam ... met mijn adres erbij".
        rule("strafbaar.nep_adres", [seq(T("mijn", "haar", "zijn"), T("adres", "huisadres"), T("erbij", "erop", "eronder"))],
             requires=("flag.nepaccount",)),
        rule("flag.nepaccount", [[T("nepaccount", "nepprofiel", "fakeaccount", "nepaccounts")],
                                 seq(T("fake", "nep", "neppe"), T("account", "accounts", "profiel", "insta", "tiktok"))], negatable=False),
        # Cam and clothes: "hij wil dat ik mn camera aanzet en mn shirt uitdoe".
        rule("strafbaar.cam_uitkleden", [*near(T("camera", "cam", "webcam"), seq(T("shirt", "broek", "kleren", "trui", "bh", "top"),
                                                                                 G(1), T("uitdoen", "uittrekken", "uit")), 10)]),
        # Pretending to be a child: "iemand doet zich voor als een meisje van 15 maar ... volwassen man".
        rule("strafbaar.nep_leeftijd", [*near(seq(T("doen"), T("zich"), T("voor"), T("als")), T("volwassen", "man", "ouder",
                                                                                                "oudere"), 16)]),
        # An adult who gives gifts and asks for pictures, or asks a child home: "een volwassen man die hem cadeaukaarten
        # gaf en nu foto's van hem vraagt", "een man van 25 ... onder druk gezet om naar zn huis te komen ... drugs".
        rule("strafbaar.grooming_volwassen", [
            *near(GIFTS, seq(IMAGE, G(3), T("vragen", "willen", "eisen")), 16),
            *[p for a in ADULT_MAN for p in near(a, seq(IMAGE, G(3), T("vragen", "willen", "eisen")), 16)],
            *[p for a in ADULT_MAN for p in near(a, seq(T("naar"), T("zijn", "zn"), T("huis")), 16)],
            *[p for a in ADULT_MAN for p in near(a, T("drugs", "alcohol", "drank"), 20)],
            *[p for a in ADULT_MAN for p in near(a, seq(T("onder"), T("druk")), 16)],
        ]),
        # An adult's invitation home, with grooming cues: "wordt overgehaald om bij hem thuis te komen ... speciaal".
        rule("strafbaar.grooming_thuis", [seq(T("bij"), T("hem", "haar"), T("thuis"), T("te", op="?"), T("komen")),
                                         [T("overhalen", "overgehaald")]],
             requires=("flag.volwassene", "flag.grooming_context2")),
        rule("flag.grooming_context2", [[T("speciaal", "hartjes", "hartje", "mooi", "knap", "lief", "geheim", "niemand")],
                                        seq(T("na"), T("school", "werktijd", "de"), G(1), T("afspreken"))], negatable=False),
        # An adult who keeps touching and calls one pretty: "een leraar ... steeds aan te raken en ... mooi".
        rule("strafbaar.volwassene_aanraken", [seq(T("aan"), T("te"), T("raken")), [T("aanraken", "aanzitten", "betasten")],
                                               seq(T("raken"), T("me", "mij", "haar", "hem"), G(2), T("aan"))],
             requires=("flag.volwassene", "flag.grooming_context2")),
        # Grabbed by a sexual body part, or one's hand pulled there: "heeft haar vastgepakt bij haar borsten",
        # "trok een oudere jongen mijn hand naar zijn broek".
        rule("strafbaar.seksueel_pakken", [
            seq(T("vastpakken", "beetpakken", "grijpen", "aanraken", "betasten", "knijpen", "pakken"), G(2), T("bij", "aan", "in", "op"),
                T("haar", "mijn", "zijn", "me"), BODY_SEXUAL),
            seq(T("trekken", "duwen", "leggen"), G(4), T("mijn", "haar"), T("hand"), T("naar", "op", "in", "tegen"),
                T("zijn", "haar"), T("broek", "kruis", "piemel", "lul", "borst", "borsten", "onderbroek")),
        ]),
        # Drugged at a party: "iets te drinken kreeg en daarna niks meer weet", "wakker in een kamer zonder haar broek".
        rule("strafbaar.gedrogeerd_feest", [
            *near(seq(T("iets"), T("te"), T("drinken")), seq(T("niks", "niets"), T("meer"), T("weten")), 10),
            seq(T("wakker"), G(6), T("zonder"), G(1), T("broek", "kleren", "kleding", "onderbroek")),
        ], negatable=False),
        # Stalking that repeats: "wordt steeds gevolgd", "elke dag bij mn bushalte staat en me volgt", "blijft me volgen",
        # "maakt steeds nieuwe accounts als ik hem blok", "appt me heel de tijd en staat bij mn school".
        rule("strafbaar.stalking_herhaald", [
            seq(T("steeds", "elke", "iedere", "altijd", "telkens", "vaak"), G(3), T("volgen", "gevolgd")),
            *near(seq(T("elke", "iedere"), T("dag", "avond", "ochtend")), seq(T("volgen"), G(1), ME), 14),
            *near(seq(T("elke", "iedere"), T("dag", "avond", "ochtend")), seq(ME, G(2), T("volgen")), 14),
            seq(T("blijven"), ME, G(1), T("volgen", "achtervolgen", "opwachten")),
            seq(T("elke", "iedere"), T("dag"), G(2), T("bij"), T("ons", "mijn", "haar"), T("huis", "school", "deur")),
            *near(seq(T("nieuw", "nieuwe"), T("account", "accounts")), R(r"^(blok|blokk|geblok)"), 10),
            *near(seq(T("appen", "volgen"), ME), seq(T("staan"), G(1), T("bij"), T("mijn", "mn", "ons", "haar"),
                                                     T("school", "huis", "deur", "werk", "bijbaan")), 12),
            *near(seq(T("volgen", "gevolgd")), seq(IMAGE, G(2), T("van"), T("haar", "hem", "mij", "me"), T("maken")), 14),
        ]),
        # An account someone else is in: "iemand zit in mijn account", "het insta van mijn vriendin gehackt",
        # "heeft mn account overgenomen en post nu ... op mijn naam".
        rule("strafbaar.account_ander", [
            seq(T("zitten"), T("in"), T("mijn", "haar", "zijn"), ACCOUNT),
            seq(T("de", "het", "mijn", "haar", "zijn"), ACCOUNT, G(4), R(r"^(ge)?hack")),
            seq(T("mijn", "haar", "zijn", "mn"), ACCOUNT, L("overgenomen", "gekaapt", "gehackt")),
        ]),
        # Robbed by a group, or while held: "drie jongens mijn telefoon en jas afgepakt", "hielden twee jongens me vast
        # en pakten ze mijn portemonnee", "moest zijn telefoon en jas afgeven terwijl een jongen een mes liet zien".
        rule("strafbaar.beroofd", [
            seq(OTHERS, G(6), T("mijn", "zijn", "haar"), G(4), TAKEN),
            *near(seq(T("houden"), G(3), ME, T("vast")), seq(T("pakken", "afpakken", "stelen", "jatten"), G(3), T("mijn", "zijn", "haar")), 10),
            *near(seq(T("moeten"), G(4), T("afgeven", "inleveren")), T("mes", "wapen", "pistool", "dreigen"), 12),
        ]),
        # Money brought every week for others: "ik moet elke week geld meenemen voor een paar jongens".
        rule("strafbaar.geld_meenemen", [seq(T("moeten"), G(3), MONEY[0], G(2), T("meenemen", "geven", "betalen", "afgeven"),
                                             T("voor", "aan"), G(3), T("jongens", "meiden", "gasten", "hem", "haar", "ze"))]),
        # Hurt while held, or burnt by others: "die jongens hebben hem vastgehouden en met een aansteker zijn arm verbrand",
        # "in zn nek geslagen ... hersenschudding", "heeft me neergeslagen ... tand gebroken".
        rule("strafbaar.mishandeld", [
            *near(L("vastgehouden", "vastgepakt", "hielden"), T("verbranden", "branden", "slaan", "schoppen", "stompen",
                                                              "trappen", "aansteker"), 12),
            *near(seq(T("met"), T("een"), T("aansteker", "sigaret")), seq(T("zijn", "haar"), BODY, G(2), T("verbranden", "branden")), 4),
            seq(T("hebben"), G(1), T("me", "mij", "hem", "haar"), L("neergeslagen")),
            seq(L("sloeg", "sloegen"), T("me", "mij", "hem", "haar"), T("neer")),
        ], unless=("thuis.",)),
        # Hit again and again: "hij wordt elke pauze geslagen"; not a toddler or a kindergarten child (``flag.klein_kind``):
        # between small children that is for the teacher, not the police.
        rule("strafbaar.steeds_geslagen", [
            seq(L("wordt", "worden"), T("elke", "iedere", "steeds", "vaak", "altijd"), G(12), L("geslagen", "geschopt", "getrapt", "gestompt")),
        ], unless=("thuis.", "flag.klein_kind")),
        rule("flag.klein_kind", [[T("kleuter", "kleuters", "peuter", "peuters", "kinderdagverblijf", "kdv", "peuterspeelzaal",
                                    "kleuterklas", "creche", "kinderopvang", "dreumes")],
                                 seq(T("groep"), T("1", "2", "1/2", "1-2", "een", "twee", "één"), T("/", op="?"), T("2", op="?"))],
             negatable=False),
        # A threat to kill with one's home in it: "dat ze me dood gaan maken en ... een foto van ons huis".
        rule("strafbaar.doodsbedreiging", [seq(T("ze", "zij", "hij"), G(2), ME, T("dood"), G(1), T("maken"))])
    ]
