"""Home rules: abuse, neglect, coercion and fear at home (Veilig Thuis, not the police route)."""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import A, G, R, T, Token, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import (
    BODY, BODY_SEXUAL, FAMILY, FOR_MONEY, HIT, HOME, I, IMAGE, INJURY, LETHAL, MARKS, ME, NIGHT_AGAINST_WILL, SEX, WEAPON,
)

# "mag het aan niemand vertellen", "mag niet zeggen", "moet zeggen dat": a child told to keep quiet.
TOLD_TO_HIDE = (seq(T("mogen", "moeten"), G(3), T("niemand", "niet", "niks", "niets"), G(1), T("vertellen", "zeggen")),
                seq(T("niemand", "niet", "niks", "niets"), G(2), T("mogen"), G(1), T("vertellen", "zeggen")))
IMPLEMENT = T("strijkijzer", "riem", "sigaret", "sigaretten", "kabel", "snoer", "pollepel", "slipper", "stok", "zweep")
# Put out of the house: "ze smijt hem buiten", "het huis uit gezet", "buitengezet in de kou".
PUT_OUT = T("zetten", "gooien", "smijten", "schoppen")
# Not allowed home, sleeping elsewhere: "hij slaapt in het trappenhuis omdat hij niet naar huis mag".
NOT_ALLOWED_HOME = (seq(T("niet"), T("naar"), T("huis"), T("mogen")), seq(T("mogen"), G(2), T("niet"), G(1), T("naar"), T("huis")))
SLEEP_OUT = T("slapen", "nacht", "vannacht", "trappenhuis", "park", "straat", "portiek")
# A child who sees others for a child ("bij een leerling", "bij hem"): marks seen again and again.
SEEN_ON = T("leerling", "kind", "zoon", "dochter", "vriend", "vriendin", "hem", "haar", "klasgenoot", "jongen", "meisje")
DRUNK = T("dronken", "bezopen", "zat", "stoned", "high", "drinken")
# Meals a parent withholds: "geeft me expres geen avondeten".
MEAL = T("avondeten", "ontbijt", "lunch", "middageten", "maaltijd", "avondmaal", "eten")
# Where a child put out of the house ends up: "slaapt al 3 nachten in het park omdat zijn moeder hem eruit heeft gegooid".
NOWHERE = T("slapen", "nacht", "nachten", "park", "straat", "bank", "nergens", "portiek", "trappenhuis", "kou", "geld")
# What hurts after a beating: "de vorige keer kon ik een week niet zitten".
AFTER_BEATING = seq(T("kunnen"), I, G(3), T("niet"), A(1), T("zitten", "lopen"))
# A child told to keep a cover story: "hij moet zeggen dat het van skaten was".
COVER_STORY = seq(T("moeten", "mogen"), G(1), T("zeggen", "vertellen"), G(2), T("dat"), T("het"), G(1), T("van"))
HURT = T("gebroken", "breken", "plek", "plekken", "blauw", "wond", "gips", "kneuzing", "brandwond", "hechtingen")


def home_rules() -> List[Rule]:
    """The ``thuis.*`` rules."""
    abuse_single = T("slaan", "schoppen", "trappen", "stompen", "knijpen", "wurgen", "mishandelen", "misbruiken",
                     "verkrachten", "aanranden", "duwen", "meppen", "opsluiten", "vastbinden", "dreigen",
                     "bedreigen", "klap", "klappen", "slaag", "riem", "gewelddadig", "agressief", "geweld",
                     "martelen", "vuist", "mishandeling", "misbruik")
    abuse_multi: List[List[Token]] = [
        [abuse_single],
        [SEX],
        seq(T("zitten"), A(2), T("aan"), ME),
        seq(T("raken"), ME, G(3), T("aan")),
        seq(T("doen"), G(1), T("raar", "rare", "vies", "vieze", "eng", "enge", "seksueel", "seksuele"), T("ding", "dingen")),
        seq(T("pijn"), T("doen")),
        seq(T("doen"), ME, T("pijn")),
        seq(T("gooien"), G(3), T("naar"), ME),
        seq(T("naar"), ME, T("gooien")),
        seq(T("zitten"), T("hij", "ze", "zij"), T("aan"), ME),
        seq(IMAGE, G(4), T("bad", "douche", "bloot", "naakt", "ondergoed", "badkamer", "bikini")),
        seq(IMAGE, G(4), T("zonder"), T("kleren", "kleding", "kleertjes")),
        seq(T("onder"), G(1), T("rok", "broek", "shirt", "kleren", "onderbroek")),
        seq(T("gooien"), T("met"), G(2), T("spullen", "dingen", "borden", "stoelen", "flessen")),
        [T("aanraken", "betasten")],
        seq(T("gooien"), G(4), T("naar"), T("mijn"), T("hoofd")),
        seq(T("trekken"), ME, G(3), T("haar", "haren")),
        seq(ME, G(3), LETHAL),
        seq(LETHAL, G(1), ME),
        seq(T("sluiten"), ME, G(3), T("op")),
        seq(T("kijken"), G(3), T("douchen", "douche")),
        seq(T("douchen", "douche"), G(4), T("binnen", "binnenkomen")),
        seq(T("aan"), G(1), BODY_SEXUAL, G(1), T("zitten")),
        seq(T("aan"), T("me", "mij", "haar", "hem"), T("zitten")),
        seq(T("gooien", "smijten", "slaan", "schoppen"), G(6), T("en"), T("me", "mij"), T("erbij", "ook")),  # "... en mij erbij"
        # dragged by the hair, thrown against a wall: "sleept hem aan zijn haren door het huis", "tegen de muur gesmeten"
        seq(T("aan"), T("mijn", "zijn", "haar"), T("haar", "haren", "oor", "oren", "arm", "nek"), G(4),
            T("slepen", "sleuren", "trekken")),
        seq(T("tegen"), T("de", "een"), T("muur", "grond", "kast", "deur", "vloer", "radiator"), G(1),
            T("gooien", "smijten", "duwen", "slaan", "rammen", "beuken")),
    ]
    home_violence = T("slaan", "schoppen", "mishandelen", "klappen", "slaag", "klap", "geweld", "gewelddadig",
                      "vuist", "donder", "misbruiken", "misbruik", "trappen", "wurgen")
    return [
        rule("thuis.familie_geweld", [
            *[seq(FAMILY, G(16), m) for m in abuse_multi],
            seq(FAMILY, G(16), T("ze", "hij", "zij"), G(2), HIT, G(1), ME),
            seq(FAMILY, G(3), T("zeggen", "dreigen"), G(14), T("aandoen")),
            seq(FAMILY, T("doen"), A(1), T("pijn")),  # "mijn papa doet pijn als mama er niet is"
            seq(LETHAL, T("mijn", "zijn", "haar"), FAMILY, ME),  # "vermoordt mijn vader me"
        ]),
        # What a beating left: "de vorige keer kon ik een week niet zitten"; a cover story for an injury.
        rule("thuis.lijfstraf_gevolg", [*near(FAMILY, AFTER_BEATING, 20)], negatable=False),
        rule("thuis.verzwijgen_letsel", [*near(COVER_STORY, HURT, 14)], requires=("flag.family",), negatable=False),
        # Put out of the house, with nowhere to sleep: "haar moeder heeft haar eruit gezet", "nooit meer terug moet komen".
        rule("thuis.eruit_gezet", [
            *near(seq(T("me", "mij", "hem", "haar", "ons"), T("eruit"), G(2), T("zetten", "gooien", "smijten", "schoppen",
                                                                                 "trappen")), NOWHERE, 16),
            *near(FAMILY, seq(T("nooit"), T("meer"), G(1), T("terug"), G(1), T("mogen", "moeten", "hoeven")), 14),
        ], requires=("flag.family",), negatable=False),
        rule("thuis.dakloos", [seq(T("weten"), T("niet"), T("waar"), I, G(1), T("moeten", "kunnen"), T("slapen"))],
             negatable=False),
        # Shut out in the dark: "mijn stiefvader heeft de deur op slot gedaan en het is al donker".
        rule("thuis.buiten_op_slot", [
            *near(seq(FAMILY, G(3), T("deur"), G(1), T("op"), T("slot")), T("buitengesloten", "buiten"), 12),
            *near(T("buitengesloten"), T("donker", "kou", "koud", "nacht", "avond"), 12),
        ], requires=("flag.family",), negatable=False),
        # Afraid of what a parent does when he finds out: "als mijn vader erachter komt dan is het voorbij met mij".
        rule("thuis.erachter", [p for c in (T("slaan", "slaag", "klappen", "pijn", "vermoorden", "afmaken"),
                                             seq(T("voorbij"), T("met", "voor"), T("mij", "me", "ons")))
                                for p in near(seq(T("als"), G(6), FAMILY, G(2), T("erachter"), T("komen", op="?")), c, 8)]),
        # Marks a parent made, hidden, or a child afraid: "de blauwe plekken die mijn moeder heeft gemaakt",
        # "ze komt thuis met blauwe plekken ... is bang dat hij boos wordt".
        rule("thuis.sporen_ouder", [*[seq(m, G(1), T("die", "dat"), G(1), FAMILY, G(2), T("maken", "geven", "doen")) for m in MARKS]]),
        rule("thuis.sporen_bang", [
            *[p for m in MARKS for p in near(m, T("bang", "doodsbang"), 25)],
            *[p for m in MARKS for p in near(m, seq(T("niet"), T("meer"), T("terug"), T("willen")), 25)],
            *[p for m in MARKS for p in near(m, seq(T("lang", "lange"), T("mouw", "mouwen")), 10)],
        ], requires=("flag.family",), negatable=False),
        # Touched when nobody is home: "haar neef raakt haar aan als er niemand thuis is".
        rule("thuis.misbruik_thuis", [*near(T("aanraken", "betasten", "misbruiken", "aanranden"),
                                            seq(T("niemand"), T("thuis")), 8),
                                      *near(seq(T("zitten"), A(2), T("aan"), ME), seq(T("niemand"), T("thuis")), 8)],
             negatable=False),
        # A parent's new partner: "mijn nieuwe vrouw slaat hem als ik niet thuis ben".
        rule("thuis.partner_kind", [seq(T("mijn"), G(1), T("vrouw", "man", "vriend", "vriendin"), G(2),
                                        T("slaan", "schoppen", "mishandelen", "trappen"), T("hem", "haar", "ons"))]),
        # Punished outside or with cold water: "me 's nachts buiten in de tuin te zetten", "koud water over me heen".
        rule("thuis.straf_buiten", [*near(T("straffen", "gestraft", "straf"), seq(T("nachts", "nacht"), G(3), T("buiten")), 10),
                                    *near(T("straffen", "gestraft", "straf"), seq(T("koud"), T("water")), 10)]),
        rule("thuis.straf_thuis", [*near(HOME, seq(T("schuur", "kelder", "hok", "gang", "balkon", "zolder", "tuin"), G(3),
                                                   T("slapen")), 8)], negatable=False),
        rule("thuis.wapen", [*near(FAMILY, WEAPON, 8), *near(HOME, WEAPON, 8)]),
        rule("thuis.familie_geheim", [*near(FAMILY, T("geheim", "geheimpje"), 12)], negatable=False),
        rule("thuis.politie", [*near(FAMILY, seq(T("politie"), G(2), T("komen")), 12)]),
        rule("thuis.eer", [seq(T("eer"), T("van"), T("de", "onze", "mijn"), T("familie")),
                           # "dan ben ik dood voor de familie", "ik maak de familie te schande"
                           seq(T("dood"), G(1), T("voor"), T("de", "onze", "mijn"), T("familie")),
                           *near(T("familie"), seq(T("te"), T("schande")), 4)], negatable=False),
        rule("thuis.partnergeweld", [seq(FAMILY, G(2), T("gooien", "slaan", "schoppen", "duwen"), G(3), T("naar", "tegen"),
                                         G(1), FAMILY),
                                     seq(FAMILY, G(2), FAMILY, G(4), T("slaan", "schoppen", "smijten", "trappen", "wurgen")),
                                     seq(FAMILY, G(2), FAMILY, T("tegen", "door", "van"), G(3),
                                         T("gooien", "duwen", "smijten")),  # "papa heeft mama tegen de muur gegooid"
                                     seq(FAMILY, G(2), FAMILY, T("op"), T("de"), T("grond", "vloer"), G(1),
                                         T("gooien", "duwen", "smijten")),
                                     # parents who fight, with blood: "mijn ouders vechten, mama had bloed op haar lip"
                                     *near(seq(FAMILY, G(2), T("vechten")), T("bloed", "bloeden", "lip", "gewond", "ziekenhuis"),
                                           14)]),
        rule("thuis.dronken_rijden", [*near(T("drinken", "dronken", "drank"), T("rijden", "autorijden"), 8)],
             requires=("flag.family",)),
        rule("thuis.emotioneel", [*near(FAMILY, seq(T("nooit"), G(1), T("geboren")), 16),
                                  *near(FAMILY, seq(T("spijt"), G(4), T("geboren")), 12),
                                  seq(FAMILY, G(4), T("zeggen"), G(4), T("dat"), I, G(3), T("mislukking", "waardeloos"))],
             negatable=False),
        rule("thuis.verzwijgen", [seq(T("moeten", "mogen"), G(1), T("zeggen"), G(4), T("dat"), G(6),
                                      T("zelf", "gevallen", "voetbal", "ongeluk", "trap"))], negatable=False),
        rule("thuis.buitengesloten", [seq(T("mogen"), G(2), T("niet"), G(1), T("naar"), T("binnen")),
                                      seq(T("niet"), T("naar"), T("binnen"), T("mogen")),
                                      seq(ME, G(2), T("deur"), T("uit"), T("zetten", "gooien")),
                                      seq(T("huis"), T("uit"), G(2), PUT_OUT),
                                      seq(T("thuis"), G(1), T("eruit"), G(1), T("gooien", "smijten", "schoppen")),
                                      seq(T("huis"), R(r"^uit(ge)?(gooi|zet|schop|smijt|trap)")),  # "het huis uitgegooid"
                                      *near(R(r"^buiten(ge)?zet"), T("kou", "koud", "nacht", "winter", "avond", "avonds"), 6),
                                      *near(seq(T("buiten"), T("zetten", "gezet")), T("kou", "koud", "nacht", "slapen"), 8),
                                      *[p for n in NOT_ALLOWED_HOME for p in near(n, SLEEP_OUT, 12)]], negatable=False),
        # not "zet me eruit" (dropped off from a car)
        rule("thuis.buitengezet", [seq(T("gooien", "smijten", "schoppen"), T("me", "mij", "hem", "haar", "ons"), A(3),
                                       T("buiten", "eruit"))],
             requires=("flag.family",)),
        rule("thuis.drugs", [*near(T("drugs", "naalden", "naald", "coke", "heroine"), HOME, 8)]),
        rule("thuis.hulpgeroep", [*near(seq(T("om"), T("hulp"), T("roepen", "schreeuwen", "gillen")),
                                        T("kind", "buurjongen", "buurmeisje", "nacht", "huis"), 10)]),
        # A belt or a slipper is a home's punishment, with or without a parent named ("als ik een slecht
        # cijfer heb krijg ik klappen met de riem"); a gang's "als ik weiger krijg ik klappen" is a crime.
        rule("thuis.lijfstraf", [
            seq(T("klappen", "klap", "slaan", "slaag"), G(3), T("met"), T("de", "een"), T("riem", "slipper", "pantoffel")),
        ]),
        rule("thuis.lijfstraf_als", [
            seq(T("als"), I, G(6), T("krijgen"), I, G(2), T("klappen", "slaag", "klap")),
        ], requires=("flag.family_or_home",)),
        rule("flag.family_or_home", [[FAMILY], [HOME]], negatable=False),
        rule("thuis.liever_niet_thuis", [
            seq(T("liever"), G(5), T("dan"), G(1), T("thuis", "huis")),
            *near(seq(T("willen", "durven", "kunnen"), G(1), T("niet"), G(2), T("naar"), T("huis")), FAMILY, 12),
            *near(FAMILY, seq(T("verstoppen")), 12),
        ], negatable=False),
        rule("thuis.dwang", [[R(r"^(uithuwelijk|eerwraak)")],
                             seq(FAMILY, G(3), T("willen"), T("dat"), I, G(10), T("trouwen")),
                             seq(T("sturen"), G(3), T("om"), T("te"), T("trouwen")),
                             *near(T("buitenland"), T("trouwen"), 8),
                             *near(T("paspoort"), T("afpakken", "innemen"), 4),
                             seq(T("dwingen"), G(3), T("trouwen", "huwelijk")),
                             # "trouwen met de man die ze voor mij hebben gekozen"
                             *near(T("trouwen"), seq(T("voor"), ME, G(2), T("kiezen", "uitkiezen", "gekozen", "uitgekozen")), 12),
                             # sent abroad for being "too Western", not to come back
                             *near(FAMILY, seq(T("te"), T("westers", "vrij", "nederlands")), 12),
                             *near(T("buitenland", "thuisland", "vakantieland"),
                                   seq(T("niet", "nooit"), T("meer"), G(2), R(r"^terug")), 12),
                             *near(T("buitenland"), T("achterlaten"), 6)], negatable=False),
        rule("thuis.huiselijk_geweld", [*near(T("geschreeuw", "schreeuwen", "ruzie", "gegil", "gillen", "krijsen"),
                                              T("klappen", "slaan", "gooien", "klap", "slaag"), 6)]),
        rule("thuis.straf_slapen", [seq(T("laten"), ME, G(3), T("schuur", "kelder", "hok", "buiten", "gang", "balkon"),
                                        G(2), T("slapen"))], negatable=False),
        rule("thuis.opgesloten", [*near(T("opsluiten"), HOME, 12),
                                  *near(seq(T("willen", "durven"), G(1), T("niet"), G(2), T("naar"), T("huis")),
                                        T("slapen", "logeren", "vannacht"), 12),
                                  seq(T("ergens"), T("anders"), T("slapen"))], negatable=False),
        rule("thuis.opgesloten_straf", [
            *near(T("opsluiten"), seq(T("als"), T("straf")), 10),
            # locked in one's own room: "ik word thuis in mijn kamer opgesloten", "ze sluit me op in mijn kamer"
            *near(T("opsluiten"), seq(T("in"), T("mijn", "zijn", "haar"), T("kamer", "slaapkamer")), 3),
            seq(T("sluiten"), ME, G(6), T("op"), T("in"), T("mijn", "zijn", "haar"), T("kamer", "slaapkamer")),
            *near(seq(T("sluiten"), ME, G(4), T("op")), seq(T("als"), T("straf")), 10),
        ], negatable=False),
        rule("thuis.familie_ongewenst", [
            seq(FAMILY, G(8), T("ding", "dingen"), G(4), T("die"), I, T("niet"), T("willen")),
            seq(FAMILY, G(8), T("aan"), G(2), T("zitten", "komen"), G(6), I, T("niet"), T("willen")),
        ], negatable=False),
        rule("thuis.familie_doet_pijn", [
            seq(abuse_single, G(3), T("door", "van"), G(1), FAMILY),
            *[seq(inj, G(5), T("van", "door"), G(1), FAMILY) for inj in INJURY],
        ]),
        rule("thuis.geweld_thuis", [
            *near(HOME, home_violence, 10),
            seq(T("bij"), T("ons"), G(6), home_violence),
        ]),
        rule("thuis.naar_huis_dan", [seq(T("naar"), T("huis"), G(4), T("dan"), G(2), home_violence)], negatable=False),
        rule("thuis.durf_niet_thuis", [
            seq(T("durven"), G(2), T("niet"), G(2), T("naar"), T("huis")),
            seq(T("durven"), G(2), T("niet"), G(2), T("thuis")),
        ], negatable=False),
        rule("thuis.bang_thuis", [
            seq(T("bang", "doodsbang"), G(4), T("thuis", "huis")),
            seq(T("thuis", "huis"), G(4), T("eng", "bang", "gevaarlijk")),
            seq(T("bang", "doodsbang"), G(1), T("voor"), G(1), FAMILY),
            seq(T("bang", "doodsbang"), G(1), T("voor"), G(1), T("vriend", "vriendin"), T("van"), G(1), FAMILY),
            seq(FAMILY, G(2), T("eng", "gevaarlijk")),
            # a drunk parent coming home: "bang voor als mijn vader dronken thuiskomt"
            seq(T("bang", "doodsbang"), G(6), FAMILY, G(4), DRUNK),
            seq(FAMILY, G(4), DRUNK, G(8), T("bang", "eng", "schreeuwen", "agressief")),
            *near(FAMILY, seq(T("van"), T("angst")), 10),  # "als ik de auto van mijn vader hoor, word ik misselijk van angst"
        ]),
        rule("thuis.niet_veilig", [
            seq(T("thuis", "huis"), G(4), T("niet", "nooit"), G(1), T("veilig")),
            seq(T("niet"), G(1), T("veilig"), G(2), T("thuis")),
            *near(T("onveilig"), T("thuis"), 3),
        ], negatable=False),
        rule("thuis.verwaarlozing", [
            *near(seq(T("geen", "zonder", "nooit", "niks", "niets", "niet"), G(3), T("eten")), HOME, 8),
            *near(seq(T("mogen"), T("niet"), T("eten")), FAMILY, 8),
            seq(T("krijgen"), G(2), T("nooit", "geen"), G(1), T("ontbijt", "lunch", "eten")),
            *near(seq(T("zonder"), G(3), T("ontbijt", "eten", "lunch", "jas")), T("weken", "vaak", "regelmatig", "steeds"), 6),
            seq(FAMILY, G(3), T("dagen", "weken", "nachten", "dag", "week"), T("weg")),
            seq(FAMILY, G(2), T("zijn"), G(1), T("nooit"), T("thuis", "er")),
            seq(FAMILY, G(2), T("zijn"), T("er"), T("nooit")),
            *near(seq(T("zonder"), T("ontbijt", "eten", "lunch")), T("vaak", "regelmatig", "steeds", "altijd"), 4),
            *near(T("onverklaarbaar", "onverklaarbare"), T("plek", "plekken", "wond", "wonden", "verwonding"), 3),
            *near(seq(T("geen", "zonder"), G(3), T("eten")), FAMILY, 8),
            *near(seq(T("geen", "zonder", "nooit"), G(2), MEAL), FAMILY, 10),
            # alone at home, no food, no one knows when a parent comes back
            *near(seq(T("alleen"), T("thuis")), seq(T("niks", "niets", "geen"), T("te", op="?"), T("eten")), 20),
            *near(seq(T("alleen"), T("thuis")), seq(T("weten"), T("niet"), T("wanneer"), G(2), T("terugkomen", "thuiskomen",
                                                                                              "komen")), 20),
            seq(T("krijgen"), G(2), T("geen"), G(1), T("eten")),
            seq(T("dagen", "nachten", "weken", "weekend", "weekenden", "dagenlang"), G(1), T("alleen"), G(1), T("thuis")),
            *near(seq(T("niet", "nauwelijks", "bijna"), T("genoeg", "geen"), G(2), T("eten")), HOME, 8),
            *near(seq(T("niet", "nauwelijks", "bijna"), T("genoeg", "geen"), G(2), T("eten")), FAMILY, 8),
            *near(seq(T("nooit", "niks", "niets"), G(3), T("eten")), FAMILY, 8),
            seq(T("eten", "eet", "at"), G(2), T("uit"), T("de", "het"), T("prullenbak", "vuilnisbak", "afvalbak", "container", "vuilnis")),
        ], negatable=False),
        # Signs of neglect (``flag.zorg.*``): two different ones make ``thuis.verwaarlozing_signalen`` (engine).
        rule("flag.zorg.honger", [
            seq(T("altijd", "vaak", "steeds", "elke"), G(1), T("honger")),
            seq(T("dagen"), G(2), T("niks", "niets", "geen"), G(2), T("eten", "hebben")),
            seq(T("restjes", "rest", "resten"), G(6), T("meenemen", "mee")),
            seq(T("geen", "nooit"), G(1), T("lunch", "ontbijt", "eten", "brood", "lunchtrommel"), G(2), T("bij", "mee")),
            seq(T("pakken", "halen", "eten"), G(2), T("uit"), T("de", "het"), T("prullenbak", "vuilnisbak", "afvalbak")),
            *near(T("eten", "brood", "lunch", "restjes", "rest"), seq(T("voor"), T("thuis")), 6),
        ], negatable=False),
        rule("flag.zorg.kleding", [
            seq(T("kapot", "kapotte", "vies", "vieze", "gescheurd", "gescheurde"), T("schoen", "schoenen", "kleren", "kleding", "jas")),
            seq(T("dezelfde", "zelfde"), T("kleren", "kleding")),
            seq(T("geen"), T("jas"), G(4), T("winter", "kou", "koud", "vriezen")),
        ], negatable=False),
        rule("flag.zorg.bed", [seq(T("geen"), T("bed"), T("meer", op="?")), seq(T("slapen"), T("op"), T("de"), T("grond", "vloer"))],
             negatable=False),
        rule("flag.zorg.onverschillig", [seq(FAMILY, G(1), T("boeien", "interesseren", "schelen"), T("het"), T("niet", "niks", "niets"))],
             negatable=False),
        rule("flag.zorg.hygiene", [[T("luizen", "hoofdluis")], seq(T("nooit", "geen"), G(1), T("warm"), T("water")),
                                   seq(T("douche"), G(3), T("niet", "nooit"), T("werken")),
                                   seq(T("kleren", "kleding"), G(2), T("niet", "nooit"), T("wassen"))], negatable=False),
        rule("flag.zorg.alleen", [
            seq(T("alleen"), T("laten"), T("met"), G(2), T("zusje", "broertje", "baby", "zus", "broer")),
            seq(T("alleen"), G(2), T("voor"), G(2), T("zusje", "broertje", "baby"), T("zorgen")),
            seq(T("zelf"), T("voor"), G(1), T("zusje", "zusjes", "broertje", "broertjes", "baby"), T("zorgen")),
        ], negatable=False),
        rule("flag.zorg.thuis_niks", [*near(T("thuis"), seq(T("zijn"), T("niks", "niets")), 4),
                                      seq(T("thuis"), G(1), T("niks", "niets"), T("zijn"))], negatable=False),
        # Marks a child must hide or an adult sees: welts, an iron's scar, bruises one may not explain.
        rule("thuis.sporen", [
            seq(T("striemen", "striem"), G(3), T("op", "over"), G(2), BODY),
        ]),
        rule("thuis.sporen_verzwegen", [
            *[p for m in MARKS for hide in TOLD_TO_HIDE for p in near(m, hide, 14)],
            *[p for m in MARKS for p in near(m, IMPLEMENT, 10)],
            *[p for m in MARKS for p in near(m, seq(T("gewoon", op="?"), T("streng")), 14)],
        ], requires=("flag.family",), negatable=False),
        # Marks explained away: "ik zeg op school dat het van voetbal is, maar dat is niet zo".
        rule("thuis.sporen_uitvlucht", [
            *[p for m in MARKS for p in near(m, seq(T("zeggen"), G(8), T("maar"), G(3), T("niet"), T("zo", "waar")), 14)],
            *[p for m in MARKS for p in near(m, seq(T("van"), T("thuis")), 6)],  # "blauwe plekken op mijn rug van thuis"
        ], negatable=False),
        # Marks an adult sees on a child again and again: "steeds nieuwe blauwe plekken bij een leerling".
        rule("thuis.sporen_herhaald", [
            *[p for m in MARKS for p in near(seq(T("steeds", "vaak", "telkens", "regelmatig", "weer"), G(2), m), SEEN_ON, 6)],
        ]),
        # A child sent along with someone for money, with the family's consent.
        rule("thuis.uitbuiting", [FOR_MONEY], requires=("flag.family",)),
        rule("thuis.ongewenst_nacht", NIGHT_AGAINST_WILL, requires=("flag.family",), negatable=False),
        rule("thuis.privacy_lichaam", [
            *near(T("douchen", "douche", "badkamer", "omkleden", "bad"),
                  T("binnenkomen", "binnen", "kijken", "gluren", "filmen", "loeren", "komen"), 6),
        ], requires=("flag.family",)),
        rule("thuis.straf", [seq(T("schuur", "kelder", "hok", "buiten", "gang", "balkon"), G(3), T("slapen"))],
             requires=("flag.family",)),
    ]
