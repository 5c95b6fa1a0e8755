"""The word groups the rules share: who, what, which harm, which place.

Each is one pattern token (``T``/``R``) or a tuple of alternatives (a token or a run of tokens,
``INJURY``, ``MONEY``, ...). They are read-only: the rules combine them, nothing changes them.
"""
from __future__ import annotations

from itertools import product

from bot.domain.safety.patterns import G, R, T, Token, near, seq


def exact(*words: str) -> Token:
    """One token whose canonical lemma is exactly one of ``words``, for a closed family of words written as a regex
    before: a set lookup for the matcher instead of a regex at every token, and, like ``R``, no typo-repair keywords."""
    return Token.of({"NORM": {"IN": sorted(set(words))}})


def forms(prefixes, stems) -> tuple:
    """Every prefix (``""`` for none) before every stem: "stief" + "vader"."""
    return tuple(a + b for a, b in product(prefixes, stems))


PARENT_STEMS = ("vader", "moeder", "pa", "ma", "papa", "mama", "pap", "mam", "pappa", "mamma", "paps", "mams", "ouder",
                "ouders")

NEG = frozenset({"niet", "nooit", "geen"})
ME = T("me", "mij", "ons")
REFL = T("mezelf", "me", "mij")
I = T("ik")
FAMILY = exact(*forms(("", "stief", "pleeg", "half"), PARENT_STEMS + (
    "broer", "broertje", "broers", "zus", "zusje", "zussen", "zuster", "opa", "oma", "oom", "tante")),
    "partner", "expartner", "ex-partner", "exman", "ex-man", "exvrouw", "ex-vrouw")
"""Family, any step-, foster- or half- form (was the regex ``^(stief|pleeg|half)?(vader|...)$|^(ex-?)?partner$|...``)."""
PARENT = exact(*forms(("", "stief", "pleeg"), PARENT_STEMS))
"""A parent, step- or foster-parent."""
PLATFORM = T("insta", "instagram", "tiktok", "snapchat", "snap", "youtube", "twitter", "twitch",
             "discord", "whatsapp", "account", "volger", "volgers", "story", "kanaal")
HOME = T("thuis", "thuiskomen")
IMMINENT_WORDS = T("nu", "vandaag", "vanmiddag", "vanavond", "vannacht", "straks", "zometeen",
                   "meteen", "dadelijk", "morgen", "direct", "help")
JUST_NOW = T("net", "zojuist", "daarnet")
"""It has just happened: "ze hebben hem net in de sloot geduwd"."""
HOUR = R(r"^([01]?[0-9]|2[0-3])([.:][0-5][0-9])?$")
"""A clock time: "om 4 uur", "om 15.30"."""
IN_MINUTES = seq(T("over"), G(1), T("min", "minuut", "minuten", "kwartier", "uur", "uurtje"))
"""Soon, counted: "over 10 minuten", "over een uur"."""
WEAPON = R(r"^(mes|[a-z]*(stanley|zak|vlinder|keuken|steek|jacht|breek|hak|kap|vecht)mes(sen|je)?|pistool|pistolen"
           r"|[a-z]*wapen|wapens|(?!speelgoed|water|nerf|paintball)[a-z]*geweer(en)?|revolver|taser|boksbeugels?"
           r"|knuppels?|honkbalknuppel"
           r"|ploertendoder|pepperspray|machete|zwaard|bijl|gun|glock|nepwapen|alarmpistool|vuurwerkbom|\U0001F52A+)$")
OBJECT = T("me", "mij", "hem", "haar", "ons")
"""The one it is done to, as a pronoun: "ze slaan hem", "mijn vader zet me eruit"."""
STICK = T("stok", "stokken", "knuppel", "knuppels", "ketting", "kettingen", "honkbalknuppel")
LEG = T("been", "benen", "bovenbeen", "bovenbenen", "dij", "dijen")
BLUNT = T("stok", "stokken", "knuppel", "ketting", "staaf", "hamer", "steen", "stenen", "fles", "flessen")
HARM_ACUTE = T("slaan", "schoppen", "trappen", "stompen", "meppen", "rammen", "steken", "neersteken",
               "neerschieten", "schieten", "wurgen", "pakken", "doodslaan", "grijpen", "afmaken", "slopen", "aanvallen",
               "vermoorden", "doodmaken", "kapotmaken", "aftuigen", "afrossen", "grazen", "elkaar",
               "beroven", "ontvoeren", "trekken", "sleuren", "slepen", "mishandelen", "opwachten")
LETHAL = T("vermoorden", "doodmaken", "neersteken", "neerschieten", "afmaken", "doodschieten", "doodslaan",
           "doodsteken", "kapotmaken", "aftuigen", "slopen", "ombrengen", "afbranden", "affikken")
HIT = T("slaan", "schoppen", "stompen", "trappen", "meppen", "wurgen", "rammen", "beuken", "bijten")
VIOLENCE = T("slaan", "schoppen", "trappen", "stompen", "duwen", "gooien", "steken", "wurgen",
             "meppen", "klap", "schop", "mishandelen", "rammen", "beuken")
INJURY = (T("bloedneus", "gebroken", "breuk", "ziekenhuis", "hersenschudding", "gewond", "hechting",
            "hechtingen", "kneuzing", "ehbo", "gekneusd", "bloed", "bloeden", "spoedeisende", "wond", "wonden",
            "striem", "striemen", "brandwond", "brandwonden"),
          (T("blauw", "blauwe"), T("oog", "ogen", "plek", "plekken")), (T("eerste"), T("hulp")),
          (T("dik", "dikke"), T("lip")))
SUBJECT_OTHER = T("ze", "zij", "hij", "iemand", "jongen", "jongens", "meisje", "meisjes", "meiden",
                  "klasgenoot", "klasgenoten", "leerling", "leerlingen", "groep", "man", "mannen")
SEX = R(r"^(nep|fake)?-?(naakt|nude|dickpic|dick|seks|sex|porno|deepfake|geil|nsfw|pikfoto|pijp|aftrek)")
# "snap" only as Snapchat or a snap ("snappen", to understand, is no image).
IMAGE = R(r"^(foto|film|video|plaatje|pic|selfie|camera|webcam|beeld|snap(chat.*|s|je|jes)?$|opname|opgenomen|gefilmd|opnemen)")
BODY_INTIMATE = T("piemel", "penis", "lul", "borst", "borsten", "tieten", "kont", "billen", "ondergoed", "lijf", "kleedkamer",
                  "onderbroek", "bh", "string", "bloot", "blote", "douche", "douchen", "omkleden",
                  "uitkleden", "kruis", "vagina", "kut", "wc", "toilet", "bikini", "zwempak")
BODY_SEXUAL = T("borst", "borsten", "tieten", "kont", "billen", "kruis", "piemel", "penis", "lul", "vagina",
                "onderbroek", "ondergoed", "bh", "rok")
SEX_ACT = T("zoenen", "kussen", "seks", "aanraken", "uitkleden", "pijpen", "aftrekken", "betasten",
            "naaktfoto", "nudes", "voelen", "likken")
MONEY = (T("geld", "euro", "€", "zakgeld", "betalen", "pinnen", "tikkie", "bitcoin", "cadeaukaart",
           "giftcard", "robux", "vbucks", "paysafe", "centen", "pinpas", "bankpas", "pincode"),)
COERCE = (T("anders", "afpakken", "eisen", "dreigen", "verspreiden", "chanteren"), R(r"hack"))
THREAT_HARM = T("slaan", "schoppen", "steken", "neersteken", "vermoorden", "doodmaken", "pakken", "verspreiden",
                "posten", "plaatsen", "online", "internet", "doorsturen", "rondsturen", "delen", "aandoen", "pijn",
                "dood", "kapot", "kapotmaken", "afmaken", "naaktfoto", "nudes", "foto", "filmpje", "video", "adres",
                "mes", "wapen", "geweld", "verkrachten", "neerschieten", "schieten", "slopen", "aftuigen", "trappen")
SAY = T("zeggen", "roepen", "appen", "schrijven", "sturen", "beloven", "zweren", "dreigen", "tegen",
        "bericht", "berichten", "berichtje", "berichtjes", "appje", "appjes", "dm", "dms", "briefje", "mail")
SELF_HARM_VERB = R(r"(snijden|snijen|krassen|krabben|branden|verwonden|beschadigen|ophangen|verdrinken|bijten)$")
# Without "mezelf": itching and scratching are everyday, cutting and scratching *into* skin are not.
SELF_HARM_VERB_BODY = R(r"(snijden|snijen|krassen|verwonden|beschadigen|bewerken)$")
SELF_HARM_BODY = T("arm", "armen", "pols", "polsen", "been", "benen", "dij", "dijen", "bovenbeen",
                   "bovenbenen", "huid", "buik", "onderarm", "onderarmen", "enkel", "heup", "bovenarm", "bovenarmen",
                   "onderbeen", "onderbenen", "kuit", "kuiten")
LAUGH_EMOJI = R(r"[\U0001F602\U0001F923\U0001F480]")
"""Laughing or skull emoji (one regex, shared, so the matcher tests it once per token)."""
JOKE = (T("haha", "hahaha", "lol", "grapje", "xd", "jk"), LAUGH_EMOJI)
ADULT = (T("man", "meester", "meneer", "leraar", "docent", "trainer", "coach", "volwassene", "oom", "bijles", "vent", "juf",
           "stagiair", "stagiaire", "begeleider", "leider", "concierge", "conciërge", "chauffeur", "buschauffeur"),
         R(r"(leraar|docent|trainer|coach|meester)$"))
ADULT_AGE = exact(*(str(n) for n in range(18, 100)))
POSS = T("mijn", "zijn", "haar", "hun", "je", "jouw")
PERMANENT = T("voorgoed", "definitief", "eeuwig", "permanent", "altijd")
DEATH = T("dood", "sterven", "doodgaan", "overlijden")
PILLS = exact("pil", "pillen", "pilletje", "pilletjes", "medicijn", "medicijnen", "paracetamol", "tablet", "tabletten",
              "slaappil", "slaappillen", "oxazepam", "ibuprofen", "xanax")
JUMP_PLACE = T("brug", "flat", "dak", "trein", "metro", "gebouw", "raam", "balkon", "vrachtwagen", "snelweg", "spoor",
               "parkeergarage", "viaduct", "flatgebouw", "hoogbouw")
OWNERS = POSS.words | {"de", "die", "deze", "onze"}
"""Owners and articles before a thing: "ik moet *mijn* pillen nemen" is medication, "ze gaat pillen nemen" is not."""
OTHER = T("hem", "haar")
"""Someone else as the object, where ``ME`` names the writer: "ze staan *hem* op te wachten"."""
WATER = T("sloot", "vijver", "kanaal", "haven", "water", "rivier", "gracht", "plas", "zee", "meertje")
"""Water a child can be pushed into."""
CHILD = T("me", "mij", "leerling", "leerlingen", "kind", "kinderen", "meisje", "meisjes", "jongen", "jongens",
          "zoon", "dochter", "klasgenoot", "vriendin", "vriend")
SEX_ACT_STRICT = T("zoenen", "tongzoenen", "betasten", "aanraken", "likken", "uitkleden", "seks", "befoelen")
"""Sexual acts, without "kussen" (also a pillow) or "voelen"."""
CLOTHES = T("kleren", "kleding", "kleertjes", "shirt", "shirtje", "broek", "bh", "onderbroek", "ondergoed", "t-shirt")
OLDER = T("oudere", "volwassen")
PERSON = T("ze", "zij", "hij", "iemand", "meisje", "jongen", "leerling", "kind", "klasgenoot", "vriend", "vriendin")
MARKS = (T("striemen", "striem", "brandplek", "brandplekken", "brandplekje", "brandplekjes", "litteken", "littekens", "brandwond", "brandwonden",
           "kneuzing", "kneuzingen"), (T("blauw", "blauwe"), T("plek", "plekken", "oog", "ogen")))
"""Marks on a body that an adult sees or a child must hide."""
BODY = T("rug", "been", "benen", "arm", "armen", "billen", "kont", "nek", "gezicht", "lijf", "lichaam", "hand",
         "handen", "schouder", "schouders", "buik", "dij", "dijen", "bovenbeen", "bovenbenen", "hals", "wang")
PETS = T("kat", "poes", "hond", "konijn", "hamster", "cavia", "vissen", "paard", "vogel", "huisdier", "huisdieren")
"""Pets: a pupil asks others to look after them (a farewell cue); pills that kill a pet are no plan."""
FIREWORK = T("vuurwerk", "rotje", "rotjes", "cobra", "strijker", "strijkers", "vuurpijl", "knaller", "knallers")
NIGHT_VISIT = seq(T("komen", "kruipen", "sluipen"), G(8), T("in", "op"), T("mijn", "haar", "zijn", "ons"),
                  T("bed", "kamer", "slaapkamer", "tent"))
"""Someone who comes into a child's bed or room ("hij komt 's nachts op mijn kamer")."""
UNWANTED = (seq(I, T("willen"), T("dat", "het", op="?"), T("niet")), seq(T("zeggen"), T("nee", "stop")))
"""The child's no: "ik wil dat niet", "ik zei nee"."""
NIGHT_AGAINST_WILL = tuple(p for no in UNWANTED for p in near(NIGHT_VISIT, no, 10))
"""Someone in a child's bed or room against the child's no (a crime; at home, with family, a home matter)."""
FOR_MONEY = seq(T("mee"), G(3), T("gaan", "moeten", "komen"), G(2), T("voor"), T("geld"))
"""A child sent along with someone "for money"."""
DRUGS = T("drugs", "wiet", "coke", "cocaine", "xtc", "hasj")
"""Drugs by name (dealing, keeping, offering)."""
