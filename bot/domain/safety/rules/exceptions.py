"""Exceptions: idioms and harmless contexts that cancel rules ("dood van het lachen", the kitchen knife)."""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import G, L, R, T, each, near, seq
from bot.domain.safety.rules.base import Exception_, exception
from bot.domain.safety.words import FAMILY, HIT, I, JOKE, LETHAL, ME, PETS, PILLS, PLATFORM, SELF_HARM_VERB, SEX


# Exceptions that recognise a harmless use of a danger word (an idiom, a game, the kitchen, sport,
# a joke); they also keep the classifier alone from raising an alarm (see ``SafetySignal.harmless``).
HARMLESS_USES = frozenset({
    "uitz.idioom_dood", "uitz.keuken_knutsel", "uitz.sport_materiaal", "uitz.overdrijving", "uitz.hyperbool_straf",
    "uitz.lachen_adem", "uitz.museum", "uitz.grap", "uitz.moe", "uitz.zacht_of_dier", "uitz.huisdier",
    "uitz.beeldspraak", "uitz.jeuk", "uitz.sport", "uitz.terugslaan", "uitz.idioom_steken", "uitz.buitensluiten",
    "uitz.spel_grap", "uitz.game_achtervolging", "uitz.nadoen", "uitz.zelf_pester",
})

# Games and play where "ik maak je kapot" or "je bent dood" is part of the game.
PLAY = (T("tafeltennis", "pingpong", "paintball", "lasergame", "lasergamen", "uno", "monopoly", "tikkertje", "tikken",
          "verstoppertje", "trefbal", "spel", "spelletje", "potje", "bordspel", "kaartspel", "schaken", "dammen",
          "fifa", "voetbal", "stoeien", "gamen", "game", "fortnite", "minecraft", "roblox", "waterballon", "waterballonnen",
          "waterpistool", "sneeuwbal", "sneeuwballen"),
        R(r"(tikkertje|spel|spelletje)$"))
# Games in which a chase is the game: "in gta word je achtervolgd".
GAME_TITLE = T("gta", "fortnite", "minecraft", "roblox", "game", "games", "spel", "level", "cod", "warzone")


def exception_rules() -> List[Exception_]:
    """The ``uitz.*`` exceptions."""
    return [
        exception("uitz.idioom_dood", [
            seq(T("dood"), T("van"), G(2), T("lachen", "schaamte", "verveling", "honger", "dorst", "hitte",
                                             "warmte", "kou", "zenuwen", "spanning", "nieuwsgierigheid")),
            seq(T("lachen", "schamen", "vervelen", "ergeren", "schrikken", "werken", "zoeken", "lachen"),
                G(1), T("me", "mij", "ons", "zich", op="?"), G(1), T("dood")),
            seq(T("dood"), T("moe")),
            [T("doodgewoon", "doodnormaal", "doodstil", "doodmoe", "doodeng", "doodsaai", "doodleuk", "doodop",
               "doodzonde", "doodziek", "doodsbang")],
            seq(T("batterij", "accu", "telefoon", "mobiel", "laptop", "tablet", "ipad", "oplader", "controller",
                  "wifi", "internet", "plant", "spel", "personage", "karakter", "poppetje"), G(3), T("dood")),
        ], blocks=("crisis.",)),
        exception("uitz.ongeluk", [
            seq(T("per"), T("ongeluk")), [T("perongeluk")], seq(T("niet"), T("expres", "express")),
            seq(SELF_HARM_VERB, G(2), T("aan"), G(2), T("papier", "blad", "blaadje", "glas", "scherf", "spijker",
                                                           "hek", "schaar", "blik")),
        ], blocks=("crisis.zelfbeschadiging", "strafbaar.letsel", "strafbaar.geweld", "strafbaar.gestoken"), scope="doc"),
        exception("uitz.keuken_knutsel", [[T(
            "taart", "brood", "boterham", "appel", "groente", "fruit", "vlees", "kaas", "pizza", "koken", "bakken",
            "bestek", "vork", "lepel", "snijplank", "techniek", "knutselen", "hout", "karton", "handvaardigheid",
            "schillen", "smeren", "aardappel", "komkommer", "tomaat", "worst", "scouting", "cadeau", "kado",
            "verjaardag", "vissen", "kamperen", "keuken", "kok", "afwas", "afdrogen", "knoflook", "ui", "uien",
            "appels", "traktatie", "klassentraktatie", "groenten",
            "kamp", "marshmallow", "marshmallows", "puntig", "kookles", "vinger", "kerstboom", "boom", "bomen",
            "omhakken", "brandhout")], seq(T("om"), T("mee"), T("te"), T("snijden"))],
            blocks=("acuut.wapen", "thuis.wapen"), scope="doc"),
        exception("uitz.buitensluiten", [seq(T("sluiten"), ME, G(2), T("buiten")), [R(r"^buiten(ge)?sl[ou]")]],
                  blocks=("acuut.vastgehouden",)),
        exception("uitz.huisdier", [seq(T("hamster", "kat", "hond", "konijn", "vis", "visje", "cavia", "vogel", "poes",
                                          "parkiet", "goudvis", "muis"), G(3), T("dood"))], blocks=("crisis.",)),
        exception("uitz.sport_materiaal", [
            seq(T("knuppel", "knuppels", "bat", "stick"), G(8), T("bal", "honkbal", "slagbal", "softbal")),
            seq(T("bal", "honkbal", "slagbal", "softbal"), G(8), T("knuppel", "knuppels", "bat")),
        ], blocks=("acuut.wapen",), scope="doc"),
        exception("uitz.overdrijving", [
            [T("cijfer", "onvoldoende", "toets", "proefwerk", "rapport", "tentamen", "overhoring", "lol", "haha",
               "hahaha", "xd", "grapje")],
            [R(r"[\U0001F480\U0001F602\U0001F923]")],
        ], blocks=("crisis.leven_voorbij",), scope="doc"),
        exception("uitz.hyperbool_straf", [
            *near(LETHAL, T("cijfer", "onvoldoende", "toets", "rapport", "proefwerk", "huiswerk", "kamer", "laat",
                            "vergeten", "kwijt", "opruimen", "opeten", "oppeuzelen", "friet", "patat", "snoep",
                            "chips", "koekje", "pizza", "tosti", "drinken", "lenen", "trui", "kleren", "make-up"), 10),
        ], blocks=("thuis.familie_geweld", "strafbaar.dreiging_gezegd", "strafbaar.dreiging_voorwaarde",
                   "acuut.dreiging_straks"), scope="doc"),
        exception("uitz.lachen_adem", [seq(T("van"), T("het"), T("lachen"))], blocks=("acuut.adem",), scope="doc"),
        exception("uitz.fictie", [[T("game", "games", "gamen", "fortnite", "minecraft", "roblox", "gta", "film",
                                     "serie", "boek", "toneelstuk", "toneel", "verhaal", "netflix", "museum",
                                     "geschiedenis", "oorlog", "spel", "duty", "shooter", "airsoft", "paintball",
                                     "nerf", "playstation", "xbox", "ps5", "lego", "playmobil", "speelgoed",
                                     "among", "impostor", "imposter", "level", "potje", "leger", "militair", "soldaat",
                                     "defensie", "jager", "jacht", "schietvereniging", "cod",
                                     "valorant", "warzone", "apex", "brawl", "brawlstars", "clash")]],
                  blocks=("acuut.wapen", "thuis.wapen", "acuut.schieten"), scope="doc"),
        exception("uitz.museum", [[R(r"(museum|oorlog)")]], blocks=("acuut.wapen",), scope="doc"),
        exception("uitz.game", [[T("game", "games", "gamen", "fortnite", "minecraft", "roblox", "gta", "cod", "among",
                                   "impostor", "imposter", "level", "potje", "valorant", "warzone", "shooter",
                                   "playstation", "xbox", "ps5", "spel")]],
                  blocks=("acuut.aanslag", "strafbaar.dreiging_voorwaarde", "acuut.vastgehouden"), scope="doc"),
        exception("uitz.grap", [*each(JOKE, lambda j: near(LETHAL, j, 15))],
                  blocks=("strafbaar.dreiging", "thuis.familie_geweld", "acuut.dreiging"), scope="doc"),
        exception("uitz.moe", [*near(T("kunnen"), T("gym", "rennen", "lachen", "parcours", "moordparcours", "training",
                                                     "voetbal", "sport", "conditie", "hardlopen", "zwemmen"), 10)],
                  blocks=("ambigu.",), scope="doc"),
        exception("uitz.sociale_media", [[PLATFORM], [T("online", "ontvolgen", "unfollow")]],
                  blocks=("acuut.gevolgd",), scope="doc"),
        exception("uitz.zacht_of_dier", [
            seq(HIT, G(3), T("met"), G(1), T("kussen", "kussentje", "sneeuwbal", "sneeuwballen", "waterpistool", "knuffel")),
            seq(HIT, G(2), T("mug", "vlieg", "wesp", "spin", "mugje"), G(1), T("dood", op="?")),
            *near(LETHAL, T("spin", "spinnen", "mug", "muggen", "vlieg", "vliegen", "wesp", "mier", "mieren"), 6),
            seq(T("voor"), T("de"), T("grap")), [T("stoeien", "kussengevecht")],
        ], blocks=("thuis.familie_geweld", "strafbaar.geweld", "acuut.geweld_nu")),
        exception("uitz.beeldspraak", [
            seq(T("voelen"), G(2), T("opsluiten")),
            seq(T("opsluiten"), G(3), T("gedachte", "gedachten", "hoofd", "lichaam", "wereld")),
            seq(T("verdwijnen"), T("onder", "in"), G(2), T("grond", "deken", "dekbed", "bed", "kast")),
            seq(T("zakken"), G(2), T("grond")),
        ], blocks=("acuut.vastgehouden", "crisis.verdwijnen")),
        exception("uitz.jeuk", [[T("jeuk", "muggenbult", "muggenbulten", "eczeem", "muggenbeet", "jeukt")]],
                  blocks=("crisis.zelfbeschadiging",), scope="doc"),
        exception("uitz.sport", [
            seq(T("slaan", "schieten", "schoppen", "trappen", "gooien", "stompen", "raken"), G(3),
                T("bal", "balletje", "puck", "shuttle", "doel", "goal", "penalty", "pion")),
            seq(T("bal", "balletje", "puck", "shuttle"), G(3), T("slaan", "schieten", "schoppen", "trappen")),
        ], blocks=("acuut.", "strafbaar.", "thuis.")),
        exception("uitz.terugslaan", [seq(T("terug"), G(2), T("slaan", "schoppen", "trappen", "meppen")),
                                       seq(T("slaan", "schoppen", "trappen", "meppen"), G(2), T("terug"))],
                  blocks=("acuut.", "strafbaar.", "thuis.")),
        exception("uitz.idioom_steken", [
            seq(T("draak"), G(2), T("steken")), seq(T("steken"), G(2), T("draak")), seq(T("lek"), G(1), T("steken")),
            seq(T("in"), G(1), T("lach"), G(1), T("schieten")), seq(T("schieten"), G(1), T("in"), G(1), T("lach")),
            seq(T("slaan"), G(2), T("alarm")), seq(T("slaan"), G(2), T("over")),
            seq(T("slaan"), G(2), T("handen"), T("ineen")),
            seq(T("slaan", "gooien", "trappen", "schoppen"), G(3), T("deur", "boek", "laptop", "kast"), G(1), T("dicht")),
        ], blocks=("acuut.", "strafbaar.", "thuis.")),
        exception("uitz.geen_nu", [
            seq(T("nu"), T("al", "alweer")), seq(T("tot"), T("nu"), T("toe")),
            seq(T("en"), T("nu"), T("zijn", "hebben", "moeten", "zitten", "liggen", "kunnen")),
            seq(T("nu"), T("en"), T("dan")),
        ], blocks=("flag.imminent", "acuut.geweld_nu")),
        exception("uitz.vertrouwd_wacht", [
            seq(FAMILY, G(5), T("wachten")),
            seq(T("vriend", "vriendin", "juf", "meester", "mentor", "bus", "taxi", "trein"), G(3), T("wachten")),
            seq(T("wachten"), T("op"), G(1), T("bus", "trein", "vriend", "vriendin", "moeder", "vader", "beurt")),
        ], blocks=("acuut.opgewacht",)),
        exception("uitz.dreigen_mild", [
            seq(R(r"dreig"), G(4), T("uit"), G(2), T("groep", "groepsapp", "app", "team", "club", "klas", "vriendengroep")),
            seq(R(r"dreig"), G(2), T("regenen", "onweren", "mislukken")),
        ], blocks=("strafbaar.dreigen",)),
        # A threat that is part of a game, said laughing: "ik maak je kapot bij tafeltennis lol".
        exception("uitz.spel_grap", [[game] for game in PLAY],
                  blocks=("strafbaar.dreiging", "strafbaar.geweld", "strafbaar.mishandeling", "acuut.dreiging",
                          "thuis.familie_geweld"), scope="doc", requires=("flag.grap",)),
        exception("uitz.game_achtervolging", [*near(GAME_TITLE, T("achtervolgen", "achtervolging"), 6)],
                  blocks=("acuut.achtervolgd",)),
        # "de zin" as a sentence in a lesson, not as a wish: "de zin 'ik ga dood als jij niet belt'".
        exception("uitz.zin_als_tekst", [seq(T("de", "deze", "die", "een", "volgende", "welke", "hele"), T("zin"))],
                  blocks=("crisis.doodswens",)),
        exception("uitz.nadoen", [[T("nadoen", "naspelen", "imiteren", "parodie", "parodieren")]], blocks=(), scope="doc"),
        # A pupil who bullies and wants to stop: no danger, a question for the ordinary help.
        exception("uitz.zelf_pester", [seq(I, T("zijn"), G(2), T("pester")), seq(T("zijn"), I, G(2), T("pester")),
                                        seq(I, G(3), T("pester"), T("zijn")),
                                        seq(T("hoe"), G(1), T("stoppen"), G(1), T("met"), T("pesten"))],
                  blocks=(), scope="doc"),
        # A book or a talk about suicide: "we lezen een boek waarin een meisje zelfmoord pleegt".
        exception("uitz.boek_over", [seq(T("boek", "film", "serie", "verhaal", "verslag", "werkstuk", "spreekbeurt",
                                           "toneelstuk", "gedicht"), G(4), T("waarin", "over"), G(4), R(r"^(zelfmoord|zelfdoding)"))],
                  blocks=("crisis.zelfdoding",)),
        # A fight or "you're dead" in a sport or a game: "om 4 uur heb ik een gevecht bij judo".
        exception("uitz.spel_gevecht", [[GAME_TITLE], [T(
            "judo", "karate", "boksen", "kickboksen", "taekwondo", "mma", "worstelen", "boksles", "kickboksles", "judoles",
            "toernooi", "sparren", "kussengevecht", "sneeuwballengevecht", "watergevecht", "trefbal", "tikkertje",
            "paintball", "lasergame", "lasergamen", "verstoppertje", "spelletje", "potje")]],
                  blocks=("acuut.gevecht_gepland", "acuut.dreiging_gemeld"), scope="doc"),
        # A needle or a sting, not a stabbing: "de dokter heeft me met een naald in mijn arm geprikt".
        exception("uitz.medisch", [[T("dokter", "arts", "huisarts", "ggd", "vaccinatie", "vaccin", "prik", "bloedprikken",
                                      "tandarts", "wesp", "mug", "zuster", "verpleegster", "verpleegkundige")]],
                  blocks=("strafbaar.gestoken", "acuut.net_gebeurd"), scope="doc"),
        # Bruises from a sport or an illness, not marks seen again and again at home.
        exception("uitz.sport_plekken", [[T("voetbal", "hockey", "judo", "paardrijden", "training", "wedstrijd", "turnen",
                                            "trampoline", "skaten", "rugby", "ballet", "karate", "paintball", "trefbal",
                                            "bloedarmoede", "ziekte", "leukemie")]],
                  blocks=("thuis.sporen_herhaald",), scope="doc"),
        # Pills that kill a pet: "hoeveel ibuprofen is dodelijk voor een hond".
        exception("uitz.dier_medicijn", [*near(PILLS, seq(T("voor"), T("een", "mijn", "de", "onze", "ons"), PETS), 8)],
                  blocks=("crisis.methode",)),
        # Not eating for a blood test, an operation or a fast.
        exception("uitz.vasten", [[T("bloedtest", "bloedonderzoek", "operatie", "ramadan", "vasten", "nuchter")]],
                  blocks=("crisis.uithongeren",), scope="doc"),
        # A game of being locked in: "we zaten vorige keer 1 uur opgesloten in de escape room".
        exception("uitz.escaperoom", [[T("escaperoom", "escape", "escapegame", "exitgame")]], blocks=("acuut.vastgehouden",),
                  scope="doc"),
        # "volgens mij" is no following; "mag niet naar binnen" at school is no child shut out at home;
        # "is het pesten als ze je slaan" asks what bullying is.
        exception("uitz.volgens", [[L("volgens")]], blocks=("acuut.gevolgd",)),
        exception("uitz.binnen_school", [*near(T("kleedkamer", "kleedkamers", "lokaal", "klaslokaal", "gymzaal", "toilet",
                                                 "toiletten", "wc", "docent", "leraar", "school"), T("binnen"), 10)],
                  blocks=("thuis.buitengesloten",)),
        exception("uitz.wat_is_pesten", [seq(T("pesten"), T("of"), G(2), T("als")), seq(T("pesten"), T("als"))],
                  blocks=("strafbaar.dreiging_voorwaarde",)),
        exception("uitz.voorlichting", [
            seq(T("seksueel", "seks", "sex", "seksualiteit"), G(1), T("voorlichting", "opvoeding", "les", "lessen",
                                                                     "onderwijs", "vorming")),
            seq(T("voorlichting", "les", "lessen", "spreekbeurt", "werkstuk"), G(2), T("over"), G(1), SEX),
        ], blocks=("strafbaar.seksueel", "thuis.familie_geweld")),
    ]
