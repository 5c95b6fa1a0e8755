"""Crime rules for indirect and slang wordings: exploitation by older boys, stalking, account takeover, threats
tied to seeing someone, robbery with a weapon shown, and grooming without a platform named.

Kept apart from ``crime`` (which names the offences outright) so both modules stay small.
"""
from __future__ import annotations

from typing import List

from bot.domain.safety.patterns import A, G, R, T, near, seq
from bot.domain.safety.rules.base import Rule, rule
from bot.domain.safety.words import ADULT, ADULT_AGE, DRUGS, FAMILY, I, IMAGE, ME, MONEY, OLDER, SAY, WEAPON

# Running errands for criminals: "hij moet lopen voor oudere gasten", "pakketjes afgeven", "drugs vervoeren".
RUN = T("lopen", "vervoeren", "rondbrengen", "wegbrengen", "bezorgen", "afgeven", "dealen", "smokkelen", "brengen")
GROUP = seq(T("oudere", "paar"), T("jongens", "gasten", "mannen"))
# What a robber demands: "geef je airpods en je telefoon".
VALUABLES = T("telefoon", "geld", "airpods", "fiets", "jas", "schoenen", "tas", "portemonnee", "horloge", "ketting", "alles",
              "gsm", "mobiel", "scooter")
# Threat verbs a threat tied to being seen names: "hij gaat me neersteken als hij me ziet".
HARM = T("neersteken", "steken", "slaan", "pakken", "vermoorden", "afmaken", "aftuigen", "neerschieten", "doodmaken",
         "kloppen", "slopen")
ACCOUNT = T("account", "snap", "insta", "instagram", "snapchat", "tiktok", "whatsapp", "discord")
KEEP_FROM = seq(FAMILY, G(2), T("niet", "niks", "nooit"), G(2), T("hoeven", "mogen"), G(2), T("weten"))


def crime_indirect_rules() -> List[Rule]:
    """The indirect ``strafbaar.*`` rules."""
    return [
        rule("strafbaar.uitbuiting", [
            *near(DRUGS, RUN, 4),
            *near(seq(T("moeten"), G(2), T("lopen", "vervoeren", "dealen", "rondbrengen", "wegbrengen")), GROUP, 10),
            seq(T("moeten"), T("lopen"), G(1), T("voor"), G(3), T("jongens", "gasten", "mannen", "ze", "hen", "hun", "hem")),
            seq(T("moeten"), G(1), T("voor"), T("ze", "hem", "hun"), T("lopen")),
            *near(T("uitkijk"), T("pakketje", "pakketjes", "drugs", "wiet", "moeten", "staan"), 8),
            [T("loverboy", "loverboys", "pooier", "tippelen")],
            *near(seq(T("dure", "duur"), T("spullen", "cadeaus", "kleren", "tassen")), seq(T("werken"), T("voor"), T("hem")), 15),
        ]),
        # A debt to work off, with a large sum or drugs: "500 euro schuldig en ik moet het terugverdienen".
        rule("strafbaar.schuld", [*near(T("schuld", "schuldig"), seq(T("moeten"), G(2), T("lopen", "terugverdienen", "dealen",
                                                                                     "afbetalen")), 16)],
             requires=("flag.schuld_context",)),
        rule("flag.schuld_context", [[R(r"^([5-9][0-9]|[1-9][0-9]{2,})$")],
                                     [T("wiet", "drugs", "coke", "gasten", "jongens", "tasje", "pakketje", "pakketjes", "doekoe")]],
             negatable=False),
        # Followed for weeks: "er loopt al weken iemand achter me aan", "wordt al weken gevolgd door een man".
        rule("strafbaar.stalking", [
            [T("stalken", "stalker", "gestalkt", "stalkt")],
            *near(T("weken", "maanden"), seq(T("achter"), ME, T("aan")), 6),
            seq(T("worden"), G(2), T("weken", "maanden"), G(2), T("volgen")),
            seq(T("volgen"), ME, G(2), T("weken", "maanden")),
        ]),
        # Someone took over an account: "iemand heeft mijn snap overgenomen en mijn wachtwoord veranderd".
        rule("strafbaar.hack", [
            seq(T("iemand", "hij", "ze", "zij"), G(3), T("mijn", "zijn", "haar"), ACCOUNT, G(1),
                T("overnemen", "overgenomen", "hacken", "gehackt", "kapen", "gekaapt")),
            seq(T("iemand", "hij", "ze", "zij", "jongen", "meisje", "jongens"), G(5), T("wachtwoord"),
                T("veranderen", "veranderd", "wijzigen", "gewijzigd", "hacken", "gehackt")),
        ]),
        # Private pictures sent around, or more asked to make it stop.
        rule("strafbaar.prive_beeld", [
            *near(R(r"^prive-?(foto|video|film|pic|filmpje)"), T("sturen", "doorsturen", "rondsturen", "delen", "verspreiden",
                                                               "posten"), 8),
            seq(T("willen", "eisen"), G(3), T("dat"), I, G(3), T("meer"), T("sturen"), G(3), T("stoppen")),
            # "100 euro betalen of hij zet hem in de groep"
            seq(T("betalen", "geven", "sturen"), T("of"), G(3), T("zetten", "sturen", "posten", "delen", "verspreiden")),
        ]),
        # A threat tied to being seen: "hij gaat me neersteken als hij me ziet"; a call to violence: "wie pakt hem".
        rule("strafbaar.dreiging_zien", [
            seq(HARM, G(4), T("als"), T("hij", "ze", "zij", "we", "ik"), T("me", "mij", "je", "jou", "hem", "haar"),
                T("zien", "tegenkomen")),
            seq(T("wie"), T("pakken", "slaan", "steken"), T("hem", "haar", "hen", "die")),
            seq(SAY, G(8), ME, G(2), T("gaan", "komen"), T("kloppen", "afkloppen")),
            seq(SAY, G(6), T("weten"), T("waar"), G(2), T("huis", "wonen", "school")),
            seq(T("anders"), T("gebeuren"), T("er"), T("iets", "wat")),
            seq(T("anders"), G(3), T("zoeken"), G(2), T("op")),
            # the doxxed address with a call to come: "mijn adres en een foto van ons huis op tiktok gezet"
            seq(T("mijn", "ons", "haar", "zijn"), T("adres", "huisadres"), G(8), T("zetten", "posten", "delen", "online")),
        ]),
        # A threat tied to obedience: "dat hij mijn zusje gaat ontvoeren als ik niet doe wat hij zegt".
        rule("strafbaar.dreiging_tenzij", [*near(T("dreigen", "ontvoeren", "aandoen", "verkrachten", "vermoorden", "afmaken",
                                                   "pijn", "slaan"), seq(T("als"), I, T("niet"), T("doen"), T("wat")), 8),
                                            # "als je je niet uitkleedt voor de camera laat ik de foto's aan je vader zien"
                                            *near(seq(T("als"), G(3), T("niet"), G(1), T("uitkleden", "sturen")),
                                                  seq(IMAGE, G(3), T("aan"), G(2), T("zien", "sturen", "laten")), 10)],
             negatable=False),
        # "en als hij stopt gaan ze zijn familie iets aandoen, zeggen ze" (not "zichzelf iets aandoen")
        rule("strafbaar.iets_aandoen", [*near(SAY, seq(T("iets", "wat"), T("aandoen")), 16)],
             check=lambda doc, s, e: not any(t.norm_ in ("zich", "zichzelf", "mezelf", "jezelf") for t in doc[s:e])),
        # Robbery with a weapon shown: "zeiden geef je airpods ... trok een mes half uit zijn jas".
        rule("strafbaar.beroving_wapen", [[WEAPON]], requires=("flag.eis_spullen",)),
        rule("flag.eis_spullen", [seq(T("geven"), T("je", "jouw", "me", "mij", "hier"), G(2), VALUABLES)], negatable=False),
        # A weapon held to the body: "hielden een schaar tegen mijn nek".
        rule("strafbaar.wapen_tegen", [seq(T("mes", "mesje", "schaar", "glas", "scherf", "schroevendraaier", "pistool"), T("tegen"),
                                           T("mijn", "zijn", "haar", "je"), T("nek", "keel", "hals", "buik", "gezicht", "hoofd",
                                                                              "rug", "zij", "wang"))]),
        # Thrown against something: "haar ex heeft haar in de gang tegen de kluisjes gegooid".
        rule("strafbaar.tegen_gegooid", [
            seq(T("me", "mij", "hem", "haar", "ons"), T("in", op="?"), T("de", "het", op="?"), G(1), T("tegen"), T("de", "een"),
                G(1), T("muur", "kluisjes", "kluis", "grond", "deur", "kast", "auto", "hek", "tafel"), G(2),
                T("gooien", "duwen", "smijten", "beuken", "rammen")),
        ]),
        # An age claim that does not hold, with no platform named: "zegt dat hij 16 is, maar hij is duidelijk volwassen",
        # "een 'jongen van 15' ... een man van 40".
        rule("strafbaar.grooming_leeftijd", [
            *near(seq(T("zeggen"), G(3), R(r"^1[0-7]$"), G(2), T("maar")), T("volwassen", "volwassene", "ouder", "man"), 15),
            *near(seq(T("jongen", "meisje"), T("van"), R(r"^1[0-7]$")), seq(T("man", "vent"), T("van"), ADULT_AGE), 20),
        ]),
        # An adult who tells a child the parents need not know.
        # (the adult as a flag: a long gap between the two would make the matcher slow)
        rule("strafbaar.grooming_geheim", [KEEP_FROM], requires=("flag.volwassene",), negatable=False),
        rule("flag.volwassene", [[a] for a in ADULT], negatable=False),
        # "een leraar stuurt privé berichtjes dat ik mooi ben ... ik mag het niet doorvertellen"
        rule("strafbaar.grooming_stil", [seq(T("niet", "niks", "niets"), G(1), T("mogen"), T("doorvertellen", "vertellen"))],
             requires=("flag.volwassene", "flag.grooming_context"), negatable=False),
        rule("flag.grooming_context", [[T("mooi", "knap", "sexy", "prive", "geheimpje", "cadeautje", "cadeautjes")],
                                       seq(T("langs"), G(2), T("komen")), seq(T("alleen"), G(2), T("langskomen", "afspreken"))],
             negatable=False),
        # Touched against one's will: "beetgepakt op plekken waar ik dat niet wou".
        rule("strafbaar.ongewenst_aanraken", [
            *near(T("beetpakken", "beetgepakt", "pakken", "aanraken", "aanzitten", "zitten", "voelen", "betasten", "grijpen"),
                  seq(T("plek", "plekken"), T("waar"), G(4), T("niet")), 6),
            seq(T("zitten"), T("hij", "ze", "zij"), A(1), T("aan"), ME),
        ], negatable=False),
        # A camera on in the bath; drugged.
        rule("strafbaar.cam_bad", [*near(seq(T("camera", "cam", "webcam"), G(1), T("aanzetten", "aan")),
                                         T("bad", "douche", "douchen", "uitkleden", "omkleden", "ondergoed"), 8)]),
        rule("strafbaar.gedrogeerd", [[R(r"^(ge)?drogeer")], seq(T("wakker"), G(3), T("zonder"), T("broek", "kleren", "kleding",
                                                                                           "onderbroek"))],
             negatable=False),
        # Ransom for one's own things: "ik krijg hem pas terug als ik 50 euro betaal"; "pakken mijn geld af".
        rule("strafbaar.losgeld", [seq(T("terugkrijgen", "terug"), G(4), T("als"), I, G(3), MONEY[0]),
                                   seq(T("terug"), G(2), T("kopen", "krijgen"), G(2), MONEY[0]),
                                   seq(T("terugkopen"), G(2), MONEY[0]),
                                   # "dat ik hem terugkrijg voor 50 euro", "ik krijg ze terug als ik 30 euro geef"
                                   seq(T("terugkrijgen"), G(3), T("voor"), G(2), MONEY[0]),
                                   seq(T("krijgen"), G(2), T("terug"), G(1), T("voor", "als"), G(3), MONEY[0])],
             requires=("flag.afgepakt",)),
        rule("flag.afgepakt", [[T("afpakken", "afgepakt", "jatten", "gejat", "stelen", "gestolen", "pikken", "gepikt")]],
             negatable=False),
        rule("strafbaar.geld_afpakken", [seq(T("pakken"), G(6), MONEY[0], T("af"))]),
        # Older boys and a child sent to "work" for them.
        rule("strafbaar.oudere_werken", [*near(OLDER, seq(T("werken"), T("voor"), T("hem", "hen", "hun")), 12),
                                         # "een man van 25 die haar meeneemt naar feestjes ... moet ze met mannen mee"
                                         *near(seq(T("man", "vent", "jongen"), T("van"), ADULT_AGE),
                                               T("feestje", "feestjes", "feest", "drank", "hotel"), 12),
                                         seq(T("moeten"), G(2), T("met"), T("mannen", "jongens"), T("mee"))]),
        # Snatched from the body: "ze hebben mijn ketting van mijn nek getrokken".
        rule("strafbaar.weggerukt", [seq(T("van"), T("mijn", "zijn", "haar"), T("nek", "hals", "pols", "oren", "arm"),
                                         T("trekken", "rukken", "getrokken", "gerukt"))]),
        # Made drunk, things done against her will: "dronken gevoerd", "dingen met haar gedaan die ze niet wilde".
        rule("strafbaar.tegen_wil", [seq(T("dronken"), T("voeren", "gevoerd")),
                                     seq(T("ding", "dingen"), T("met"), T("haar", "me", "mij", "hem"), G(2), T("die"),
                                         T("ze", "ik", "hij"), T("niet"), T("willen"))],
             negatable=False),
        # Pictures asked for and paid in game money; a video of a girl sold on.
        rule("strafbaar.beeld_handel", [
            *near(seq(T("vragen"), G(2), T("om"), IMAGE), T("robux", "vbucks", "v-bucks", "geld", "cadeaukaart", "cadeaukaarten",
                                                              "skins", "cadeautje", "cadeautjes"), 12),
            *near(seq(T("video", "filmpje", "foto", "fotos", "pics"), T("van"), T("zichzelf", "haar", "hem", "mij", "me")),
                  T("verkopen", "doorverkopen"), 12),
        ]),
    ]
