"""Exceptions: idioms and harmless contexts that cancel rules ("dood van het lachen", the kitchen knife)."""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import A, G, L, R, T, each, near, seq
from bot.domain.safety.rules.base import Exception_, exception
from bot.domain.safety.words import FAMILY, HIT, I, JOKE, LAUGH_EMOJI, LETHAL, ME, PETS, PILLS, PLATFORM, SELF_HARM_VERB, SEX, WEAPON


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
# Words of killing or strangling used as hyperbole about a grade, a borrowed jumper, a controller.
HYPERBOLE = T("vermoorden", "doodmaken", "neersteken", "neerschieten", "afmaken", "doodschieten", "doodsteken",
              "kapotmaken", "aftuigen", "slopen", "ombrengen", "afbranden", "affikken", "wurgen")
# A thing, not a person or a body part: "slaat mijn *controller* kapot".
NOT_PERSON = R(r"^(?!(broer|broertje|zus|zusje|vriend|vriendin|vriendje|moeder|vader|mama|papa|ma|pa|kind|baby|hoofd|gezicht"
               r"|neus|arm|armen|been|benen|hand|handen|rug|lip|tand|tanden|kaak|oog|ogen)$)[a-z-]+$")
# Games in which a chase is the game: "in gta word je achtervolgd".
GAME_TITLE = T("gta", "fortnite", "minecraft", "roblox", "game", "games", "spel", "level", "cod", "warzone")

THROWN_THINGS = T("laptop", "telefoon", "mobiel", "boek", "boeken", "tas", "schrift", "pc", "computer", "controller",
                  "spullen", "ipad", "gsm", "rekenmachine", "schoolspullen", "huiswerk", "toetsenbord", "muis", "console")
"""Things one throws out of a window in anger (not oneself)."""


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
            "omhakken", "brandhout", "vis", "schoonmaken", "kooklokaal", "aanrecht", "houtsnijden", "natuurdag", "survival",
            "bushcraft", "snoeien", "ontleden", "practicum", "biologie", "bio")], seq(T("om"), T("mee"), T("te"), T("snijden"))],
            blocks=("acuut.wapen", "thuis.wapen", "crisis.snijden", "crisis.zelf_pijn", "strafbaar.beroving_wapen"), scope="doc"),
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
            [LAUGH_EMOJI],
        ], blocks=("crisis.leven_voorbij", "crisis.nog_leven"), scope="doc"),
        exception("uitz.hyperbool_straf", [
            *near(HYPERBOLE, T("cijfer", "onvoldoende", "toets", "rapport", "proefwerk", "huiswerk", "kamer", "laat",
                               "vergeten", "kwijt", "opruimen", "opeten", "oppeuzelen", "friet", "patat", "snoep",
                               "chips", "koekje", "pizza", "tosti", "drinken", "lenen", "trui", "kleren", "make-up",
                               "woordjes", "overhoring", "controller", "oplader", "haarborstel",
                               "spullen"), 10),
        ], blocks=("thuis.familie_geweld", "strafbaar.dreiging_gezegd", "strafbaar.dreiging_voorwaarde",
                   "strafbaar.dreiging_als", "strafbaar.geweld", "acuut.dreiging_straks", "acuut.aanslag", "acuut.dreiging_nu",
                   "thuis.erachter"), scope="doc"),
        # Dying of something trivial, laughing: "ik spring uit het raam als ik nog één som moet maken haha",
        # "ze wil dood omdat haar telefoon in de wc viel 😂". Needs a laugh (``flag.grap``).
        exception("uitz.hyperbool_crisis", [
            seq(T("nog"), T("een", "één", "1"), G(1), T("keer", "som", "liedje", "les", "minuut", "toets")), [T("1x")],
            [T("liedje", "nummer", "telefoon", "mobiel", "wifi", "oplader", "huiswerk", "som", "sommen", "woordjes", "make-up")],
        ], blocks=("crisis.methode", "crisis.doodswens", "ambigu.springen"), scope="doc", requires=("flag.grap",)),
        # "dit huiswerk is echt zelfmoord": a task called suicide.
        exception("uitz.zelfmoord_taak", [
            seq(T("dit", "dat", "deze", "die", "huiswerk", "toets", "proefwerk", "rooster", "week", "planning", "opdracht",
                  "training"), G(2), T("zijn"), A(3), T("een", op="?"), R(r"^zelfmoord")),
        ], blocks=("crisis.zelfdoding",)),
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
        # A prop or a drawing, not a weapon: "een nep ding van plastic voor theater", "een piraat met een mes".
        exception("uitz.rekwisiet", [[T("plastic", "plastiek", "speelgoed", "theater", "rekwisiet", "decor", "kostuum",
                                        "carnaval", "halloween", "verkleedfeest", "tekening", "tekenen", "piraat", "piraten",
                                        "musical", "toneelstuk", "voorstelling", "toneelles")]],
                  blocks=("acuut.wapen", "thuis.wapen", "acuut.schieten"), scope="doc"),
        # Pretending, practising first aid: "ik mocht doen alsof ik bewusteloos was".
        exception("uitz.doen_alsof", [seq(T("doen"), T("alsof")), [T("oefening", "reanimatieles", "ehbo-les")]],
                  blocks=("acuut.net_gebeurd", "acuut.levenloos"), scope="doc"),
        # A likeness: "het voelt alsof zijn tanden gesloopt worden".
        exception("uitz.alsof", [seq(T("voelen", "lijken"), T("alsof"))], blocks=("strafbaar.dreiging", "acuut.dreiging"),
                  scope="doc"),
        exception("uitz.game", [[T("game", "games", "gamen", "fortnite", "minecraft", "roblox", "gta", "cod", "among",
                                   "impostor", "imposter", "level", "potje", "valorant", "warzone", "shooter",
                                   "playstation", "xbox", "ps5", "spel", "weerwolven", "weerwolf", "moordspel", "cluedo")]],
                  blocks=("acuut.aanslag", "strafbaar.dreiging_voorwaarde", "acuut.vastgehouden"), scope="doc"),
        exception("uitz.grap", [*each(JOKE, lambda j: near(LETHAL, j, 15)),
                                *each(JOKE, lambda j: near(T("dood", "wurgen"), j, 3))],
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
            seq(T("met"), G(1), T("kussen", "kussentje", "knuffel", "sneeuwbal"), G(2), HIT),
        ], blocks=("thuis.familie_geweld", "strafbaar.geweld", "acuut.geweld_nu")),
        # Things broken, not people: "mijn zusje slaat altijd mijn controller kapot".
        exception("uitz.ding_kapot", [seq(T("slaan", "trappen", "schoppen", "gooien", "smijten"), A(2),
                                          T("mijn", "zijn", "de", "het", "een", "je", "hun"), NOT_PERSON, T("kapot", "stuk"))],
                  blocks=("thuis.familie_geweld", "strafbaar.geweld")),
        # Long ago, at school: "mijn opa vertelde dat ze vroeger op school met een liniaal sloegen".
        exception("uitz.vroeger_school", [seq(T("vroeger"), G(3), T("op", "in", "bij"), T("school", "de", "het"),
                                              G(1), T("school", "klas", "oorlog", "kostschool", "internaat", op="?"))],
                  blocks=("thuis.familie_geweld",), scope="doc"),
        exception("uitz.beeldspraak", [
            seq(T("voelen"), G(2), T("opsluiten")),
            seq(T("opsluiten"), G(3), T("gedachte", "gedachten", "hoofd", "lichaam", "wereld")),
            seq(T("verdwijnen"), T("onder", "in"), G(2), T("grond", "deken", "dekbed", "bed", "kast")),
            seq(T("zakken"), G(2), T("grond")),
        ], blocks=("acuut.vastgehouden", "crisis.verdwijnen")),
        exception("uitz.jeuk", [[T("jeuk", "muggenbult", "muggenbulten", "eczeem", "muggenbeet", "jeukt")]],
                  blocks=("crisis.zelfbeschadiging",), scope="doc"),
        exception("uitz.sport", [
            seq(T("slaan", "schieten", "schoppen", "trappen", "gooien", "stompen", "raken"), G(5),
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
                                           "toneelstuk", "gedicht"), G(4), T("waarin", "over"), G(4), R(r"^(zelfmoord|zelfdoding)")),
                                       seq(T("in"), T("het", "de", "dat", "die", "een"), T("boek", "film", "serie", "verhaal",
                                                                                    "toneelstuk"), G(6), R(r"^zelfmoord")),
                                       seq(T("personage", "hoofdpersoon", "hoofdpersonage"), G(3), R(r"^zelfmoord"))],
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
                  blocks=("strafbaar.gestoken", "acuut.net_gebeurd", "acuut.bloedt_erg"), scope="doc"),
        # Bruises from a sport or an illness, not marks seen again and again at home.
        exception("uitz.sport_plekken", [[T("voetbal", "hockey", "judo", "paardrijden", "training", "wedstrijd", "turnen",
                                            "trampoline", "skaten", "rugby", "ballet", "karate", "paintball", "trefbal",
                                            "bloedarmoede", "ziekte", "leukemie", "val", "fietsongeluk")]],
                  blocks=("thuis.sporen_herhaald", "thuis.sporen_bang"), scope="doc"),
        # Sleeping away on a camp or a sleepover: "ik weet niet waar ik moet slapen op kamp".
        exception("uitz.logeren", [[T("kamp", "schoolkamp", "logeren", "logeerpartij", "sleepover", "festival", "camping",
                                      "hotel", "werkweek", "kamperen")]],
                  blocks=("thuis.dakloos", "thuis.straf_buiten", "thuis.straf_thuis", "thuis.straf", "thuis.grond_slapen",
                          "crisis.spullen_weg"),
                  scope="doc"),
        # Children heard playing, not crying for help.
        exception("uitz.spelen", [[T("spelen", "spelletje", "feest", "feestje", "verjaardag", "voetballen")]],
                  blocks=("thuis.buren",), scope="doc"),
        # A surprise kept from the parents: "dat hij me een cadeau geeft voor hun verjaardag".
        exception("uitz.verrassing", [[T("verrassing", "verjaardag", "surprise", "sinterklaas", "kerst", "moederdag",
                                         "vaderdag", "jubileum")]],
                  blocks=("strafbaar.grooming_geheim", "thuis.zwijgplicht"), scope="doc"),
        # Things cleared out, not given away as a farewell: "mijn oude spullen naar de kringloop".
        exception("uitz.opruimen", [[T("kringloop", "marktplaats", "rommelmarkt", "vinted", "opruimen", "uitgegroeid")]],
                  blocks=("crisis.spullen_weg", "flag.afscheid.spullen"), scope="doc"),
        # A phone off because it is empty: "mijn telefoon staat uit want de batterij is leeg".
        exception("uitz.batterij", [[T("batterij", "accu", "opladen", "oplader")]], blocks=("flag.afscheid.stil",), scope="doc"),
        # A parent away for work, someone minding the children.
        exception("uitz.oppas", [[T("oppas", "oppassen", "zakenreis", "nachtdienst")], seq(T("werk"), G(3), T("oma", "opa", "tante")),
                                 seq(T("voor"), T("zijn", "haar", "het", op="?"), T("werk")),
                                 seq(T("passen"), T("op"), T("ons", "mij", "me"))],
                  blocks=("thuis.verwaarlozing", "thuis.ouder_weg"), scope="doc"),
        # A pet that lies still; hide and seek; a choice one hesitates over.
        exception("uitz.dier_ligt", [*near(PETS, T("liggen", "bewegen", "ademen"), 4)], blocks=("acuut.levenloos",)),
        exception("uitz.verstoppertje", [[T("verstoppertje", "tikkertje", "spelletje")]], blocks=("acuut.verstopt", "acuut.gezocht"),
                  scope="doc"),
        exception("uitz.twijfel_keuze", [seq(T("twijfelen"), T("welke", "wie", "wat", "waar", "tussen", "hoe", "wanneer")),
                                         seq(T("twijfelen"), T("of"), G(4), T("of"))], blocks=("crisis.methode",)),
        # A brother or sister as the victim of others, not the one who hurts: "mijn broertje wordt bedreigd door jongens",
        # "jongens slaan mijn zusje".
        exception("uitz.familie_slachtoffer", [
            seq(FAMILY, G(3), L("wordt", "worden", "werd", "werden"), G(6), T("door"), G(2),
                T("jongens", "meiden", "iemand", "groep", "leerlingen", "klasgenoten", "jongen", "meisje", "man", "mannen")),
            seq(T("jongens", "meiden", "groep", "leerlingen", "klasgenoten"), G(1), T("mijn", "zijn", "haar"), FAMILY),
        ], blocks=("thuis.familie_geweld",)),
        # A relative who comes to pick one up: "mijn oom komt me vanavond halen".
        exception("uitz.familie_haalt", [seq(T("mijn", "ons", "onze"), FAMILY, G(2), T("komen"))], blocks=("acuut.komt_halen",)),
        # Pills that kill a pet: "hoeveel ibuprofen is dodelijk voor een hond".
        exception("uitz.dier_medicijn", [*near(PILLS, seq(T("voor"), T("een", "mijn", "de", "onze", "ons"), PETS), 8)],
                  blocks=("crisis.methode",)),
        # Not eating for a blood test, an operation or a fast.
        exception("uitz.vasten", [[T("bloedtest", "bloedonderzoek", "operatie", "ramadan", "vasten", "nuchter")]],
                  blocks=("crisis.uithongeren", "flag.eten."), scope="doc"),
        # Not eating while ill: "ik eet al 3 dagen bijna niks door de griep en ben duizelig".
        exception("uitz.ziek", [[T("griep", "buikgriep", "koorts", "corona", "virus", "ziekte", "maagklachten", "keelontsteking",
                                   "keelpijn", "buikpijn", "verkouden", "kiespijn", "beugel", "tandarts", "ziek", "ziekenhuis")]],
                  blocks=("flag.eten.", "flag.zorg.ouder_bed"), scope="doc"),
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
        # Sets 12 and 13 round.
        # A costume: "voor halloween ga ik als vermoorde bruid".
        exception("uitz.verkleed", [seq(T("als"), G(1), L("vermoorde", "dode", "zombie", "moordenaar", "lijk", "spook",
                                                           "vampier", "heks"))], blocks=("strafbaar.", "acuut.")),
        # Music about weapons: "die bars over messen zijn zo ziek geschreven".
        exception("uitz.muziek", [*near(T("track", "nummer", "song", "liedje", "rap", "drill", "bars", "clip", "songtekst",
                                          "lyrics", "album", "rapper"), seq(T("over"), G(1), WEAPON), 8)],
                  blocks=("acuut.wapen",)),
        # A dream: "ik had een nachtmerrie dat ik werd achtervolgd door een clown".
        exception("uitz.droom", [*near(T("nachtmerrie", "droom", "gedroomd", "dromen"),
                                       T("achtervolgen", "achtervolgd", "dood", "vermoorden", "neersteken", "ontvoeren"), 8)],
                  blocks=("acuut.", "strafbaar.")),
        # Not meant: "ze zegt dat ze me het huis uit schopt haha, ze meent het niet", "doet alsof hij me gaat slaan ...
        # maar hij doet het nooit".
        exception("uitz.niet_gemeend", [seq(T("menen"), T("het"), A(1), T("niet")),
                                        seq(L("meent", "meende", "meen"), T("het"), A(1), T("niet")),
                                        seq(T("doen"), T("het"), A(1), T("nooit")),
                                        seq(T("doen"), T("alsof"), G(3), T("gaan"), HIT)],
                  blocks=("strafbaar.geweld", "strafbaar.dreiging", "thuis.buitengesloten", "thuis.buitengezet",
                          "thuis.eruit", "thuis.straat", "acuut.dreiging"), scope="doc"),
        # A gamer who shouts "ik maak je af" at his friends.
        exception("uitz.game_roepen", [seq(T("roepen", "schreeuwen", "zeggen"), G(4), I, T("maken"), T("je", "jou", "jullie"),
                                           T("af", "kapot"))],
                  blocks=("strafbaar.dreiging", "acuut.dreiging"), requires=("flag.gamen",)),
        # Dying in a film or a book: "die nieuwe marvel film, iedereen gaat dood aan het eind".
        exception("uitz.fictie_dood", [*near(T("film", "serie", "boek", "aflevering", "seizoen", "personage", "marvel", "anime",
                                               "manga"), T("dood", "doodgaan", "sterven", "vermoorden"), 10)],
                  blocks=("strafbaar.dreiging", "acuut.dreiging")),
        # A camp or a sleepover: sleeping outside is no punishment.
        exception("uitz.kamp_slapen", [[T("kamp", "schoolkamp", "camping", "tent", "logeren", "kamperen", "scouting")]],
                  blocks=("thuis.buiten_slapen",), scope="doc"),
        # House arrest is not being locked up: "dan zit ik dus opgesloten tot de zomer" (a grounding).
        exception("uitz.huisarrest", [*near(T("huisarrest"), L("opgesloten", "opsluiten", "binnen"), 12)],
                  blocks=("acuut.", "thuis.")),
        # A pet stuck or shut in: "mijn hamster ... zit opgesloten achter de kast en ik krijg hem er niet uit".
        exception("uitz.dier_vast", [*near(PETS, L("opgesloten", "vast", "klem", "vastzit", "vastgelopen"), 8)],
                  blocks=("acuut.",)),
        # A thing thrown out of a window in anger: "dan gooi ik mn laptop uit het raam".
        exception("uitz.ding_gooien", [seq(T("gooien", "smijten", "mikken"), G(1), T("mijn", "de", "die", "het", "zijn", "haar", "je"),
                                           THROWN_THINGS, G(2), T("uit", "van", "door", "over", "op"))],
                  blocks=("crisis.methode",)),
        # Sleeping till the holidays: "soms wil ik heel lang slapen en niet wakker worden tot de vakantie".
        exception("uitz.slapen_tot", [seq(T("wakker"), T("worden"), T("tot"), G(2), T("vakantie", "weekend", "zomer",
                                                                                    "zomervakantie", "kerst", "kerstvakantie",
                                                                                    "middag", "vrijdag", "zaterdag", "zondag"))],
                  blocks=("crisis.niet_leven",)),
        exception("uitz.voorlichting", [
            seq(T("seksueel", "seks", "sex", "seksualiteit"), G(1), T("voorlichting", "opvoeding", "les", "lessen",
                                                                     "onderwijs", "vorming")),
            seq(T("voorlichting", "les", "lessen", "spreekbeurt", "werkstuk"), G(2), T("over"), G(1), SEX),
        ], blocks=("strafbaar.seksueel", "thuis.familie_geweld")),
    ]
