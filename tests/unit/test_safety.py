"""The rule-based safety net (bot/domain/safety/) and its Rasa component.

Measured on the safety test set: tests/safety/dev.yml (rules were tuned on it) and
tests/safety/holdout.yml (FROZEN, written 2026-11-25 before any rule; never tuned on).
Run with ``-s`` to see the figures:

    /work/main/.venv/bin/python -m pytest tests/unit/test_safety.py -q -s

Targets: recall 100 % on every danger category of both parts; false alarms <= 5 % on ordinary
messages (an alarm is a category *or* the careful "wil je stoppen?" question); every "ik wil/kan
niet meer" message gets the careful question and no category.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from bot.domain.report import SafetyCategory
from bot.domain.safety import PRIORITY, SafetySignal
from bot.language.safety import assess

ROOT = Path(__file__).resolve().parents[2]
SAFETY_SETS = ROOT / "tests" / "safety"
NLU_FILE = ROOT / "data" / "nlu" / "safety.yml"
DANGER = [c.value for c in SafetyCategory]
RECALL_TARGET = 1.0
FALSE_ALARM_MAX = 0.05
# sha256 of holdout.yml as written on 2026-11-25; any edit after that breaks the freeze.
HOLDOUT_SHA256 = "397e24a0527161f525001900f924715a57b8ed10835fd6099addd770f5139be7"


def _load(part: str) -> Dict[str, List[str]]:
    data = yaml.safe_load((SAFETY_SETS / f"{part}.yml").read_text(encoding="utf-8"))
    assert set(data) == set(DANGER) | {"gewoon", "ambigu"}, f"{part}.yml has unexpected keys"
    return data


def _measure(part: str) -> dict:
    data = _load(part)
    figures: dict = {"part": part, "recall": {}, "missed": {}}
    for category in DANGER:
        hits = [t for t in data[category] if SafetyCategory(category) in assess(t).categories]
        figures["recall"][category] = (len(hits), len(data[category]))
        figures["missed"][category] = [t for t in data[category] if t not in hits]
    ordinary = data["gewoon"]
    alarms = [t for t in ordinary if assess(t).alarm]
    figures["false_alarm"] = (len(alarms), len(ordinary))
    figures["false_alarm_texts"] = alarms
    careful = [t for t in data["ambigu"] if assess(t).ambiguous and assess(t).category is None]
    figures["ambigu"] = (len(careful), len(data["ambigu"]))
    figures["ambigu_missed"] = [t for t in data["ambigu"] if t not in careful]
    return figures


def _report(f: dict) -> None:
    print(f"\n== safety set: {f['part']} ==")
    for category, (hit, total) in f["recall"].items():
        print(f"  recall {category:15} {hit:3}/{total:<3} = {hit / total:6.1%}")
        for text in f["missed"][category]:
            print(f"      missed: {text!r} -> {assess(text)}")
    fa, total = f["false_alarm"]
    print(f"  false alarms gewoon        {fa:3}/{total:<3} = {fa / total:6.1%}")
    for text in f["false_alarm_texts"]:
        print(f"      false alarm: {text!r} -> {assess(text)}")
    ok, total = f["ambigu"]
    print(f"  careful question ambigu   {ok:3}/{total:<3} = {ok / total:6.1%}")


@pytest.mark.parametrize("part", ["dev", "holdout"])
def test_safety_set_recall_and_false_alarms(part: str) -> None:
    figures = _measure(part)
    _report(figures)
    for category, (hit, total) in figures["recall"].items():
        assert total >= (13 if part == "holdout" else 25), f"{part}: too few {category} phrasings"
        assert hit / total >= RECALL_TARGET, f"{part}: recall {category} {hit}/{total}: {figures['missed'][category]}"
    fa, total = figures["false_alarm"]
    assert fa / total <= FALSE_ALARM_MAX, f"{part}: false alarms {fa}/{total}: {figures['false_alarm_texts']}"
    ok, total = figures["ambigu"]
    assert ok == total, f"{part}: no careful question for {figures['ambigu_missed']}"


def test_holdout_is_frozen_and_split_a_third() -> None:
    raw = (SAFETY_SETS / "holdout.yml").read_bytes()
    assert raw.startswith(b"# FROZEN held-out set, written 2026-11-25, never used for training or tuning")
    assert hashlib.sha256(raw).hexdigest() == HOLDOUT_SHA256, "holdout.yml was edited after it was frozen"
    dev, hold = _load("dev"), _load("holdout")
    for key in DANGER + ["gewoon"]:
        total = len(dev[key]) + len(hold[key])
        assert total >= (38 if key in DANGER else 150), key
        assert len(hold[key]) >= (13 if key in DANGER else 50), key
        assert abs(len(hold[key]) - total / 3) <= 1, f"{key}: holdout is not a third"
        assert not set(dev[key]) & set(hold[key]), f"{key}: a sentence is in both parts"


def test_nlu_examples_do_not_copy_the_test_sets() -> None:
    def norm(text: str) -> str:
        return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()

    tests = {norm(t) for part in ("dev", "holdout") for items in _load(part).values() for t in items}
    nlu = yaml.safe_load(NLU_FILE.read_text(encoding="utf-8"))
    assert str(nlu["version"]) == "3.1"
    seen: dict = {}
    for block in nlu["nlu"]:
        examples = [line[2:].strip() for line in block["examples"].splitlines() if line.strip()]
        seen[block["intent"]] = seen.get(block["intent"], 0) + len(examples)
        copied = [e for e in examples if norm(e) in tests]
        assert not copied, f"{block['intent']}: NLU examples copied from the test set: {copied}"
    assert set(seen) == set(DANGER)
    assert all(40 <= n <= 400 for n in seen.values()), seen


# --- idioms, negation, typos, priority ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "doodgewoon", "ik ga dood van het lachen", "ik lach me dood", "ik schaam me dood", "ik verveel me dood",
    "mijn batterij is dood", "mijn telefoon is dood", "ik snij de taart", "we snijden brood met een mes",
    "die game is killing", "ik schiet in de lach", "ze slaan de bal", "dat is echt ziek goed",
    "mijn vader helpt me", "thuis is het gezellig", "ze schelden me uit", "ze lachen me uit",
    "ik sneed per ongeluk in mijn vinger", "ze steken de draak met me", "ze volgen me op tiktok",
    "mijn moeder staat op me te wachten", "mijn vader zegt dat ik terug moet slaan",
    "ik kan niet meer inloggen", "ik wil niet meer naar school", "ik wil dat iemand er een eind aan maakt",
    "ze dreigen me uit de groepsapp te gooien", "we hadden seksuele voorlichting",
    "in fortnite heb ik een pistool", "ik krab aan mijn arm want ik heb jeuk", "ik durf niet naar school",
    # real words one letter from a danger word ("gemeld" is not a typo of "geweld")
    "horen de ouders van de pester dat ik het gemeld heb", "mijn vader heeft het gemeld bij de mentor",
    "ik snap breuken niet", "ik schaam me voor mijn cijfer",
    "we springen van de duikplank", "ik ga naar de parkeergarage",
    "ik heb een sneetje in mijn vinger van het papier", "ik snijd een sneetje brood",
])
def test_ordinary_and_idiomatic_messages_raise_no_alarm(text: str) -> None:
    signal = assess(text)
    assert not signal.alarm, f"{text!r} -> {signal}"


@pytest.mark.parametrize("text", [
    "hij heeft geen mes", "mijn vader slaat me niet", "ik ben niet bang voor mijn vader",
    "ze hebben me niet in elkaar geslagen",
])
def test_negation_switches_off_danger_words(text: str) -> None:
    assert assess(text).category is None, text


@pytest.mark.parametrize("text, expected", [
    ("ik wil niet meer leven", SafetyCategory.CRISIS),          # negation is part of the meaning
    ("ik wil nooit meer wakker worden", SafetyCategory.CRISIS),
    ("ik wil zelfmord plegen", SafetyCategory.CRISIS),           # typo repaired
    ("k wil nie meer leve", SafetyCategory.CRISIS),              # pupils' spelling, dropped -n
    ("ZE KOMEN ME VANMIDDAG PAKKEN", SafetyCategory.ACUUT_GEVAAR),
    ("ze hebben me gisteren in elkaar geslagen", SafetyCategory.STRAFBAAR_FEIT),  # past: a crime, not acute
    ("ze gaan me vanmiddag in elkaar slaan", SafetyCategory.ACUUT_GEVAAR),        # still to come: acute
    ("ik ga vanavond van de parkeergarage springen", SafetyCategory.CRISIS),     # a high place, found in CV errors
    ("ik wil van het viaduct springen", SafetyCategory.CRISIS),
    ("mn armen zitten vol sneetjes", SafetyCategory.CRISIS),                      # cuts, no verb
    ("mijn benen zitten helemaal vol snijwondjes", SafetyCategory.CRISIS),
])
def test_wording_variants(text: str, expected: SafetyCategory) -> None:
    assert assess(text).category is expected, f"{text!r} -> {assess(text)}"


@pytest.mark.parametrize("text, expected", [
    ("mijn vader slaat me en ik wil dood", SafetyCategory.CRISIS),               # crisis > thuis
    ("hij heeft een mes en zegt dat ik me van kant moet maken", SafetyCategory.ACUUT_GEVAAR),
    ("mijn stiefvader zit aan me", SafetyCategory.ONVEILIG_THUIS),             # thuis > strafbaar
    ("mijn broer dreigt mijn naaktfoto's te verspreiden", SafetyCategory.ONVEILIG_THUIS),
])
def test_priority_between_categories(text: str, expected: SafetyCategory) -> None:
    signal = assess(text)
    assert signal.category is expected, f"{text!r} -> {signal}"
    assert len({n.split('.')[0] for n in signal.matched} - {"ambigu"}) >= 2, "expected several categories"


def test_priority_order_is_the_documented_one() -> None:
    assert PRIORITY == (SafetyCategory.ACUUT_GEVAAR, SafetyCategory.CRISIS,
                        SafetyCategory.ONVEILIG_THUIS, SafetyCategory.STRAFBAAR_FEIT)


@pytest.mark.parametrize("text", ["ik wil niet meer", "ik kan niet meer", "ik trek het niet meer",
                                  "ik kan het niet meer aan, echt", "ik wil niet meer 😔", "ik kn niet meer 😭"])
def test_ambiguous_phrases_ask_instead_of_stopping(text: str) -> None:
    signal = assess(text)
    assert signal.ambiguous and signal.category is None and signal.alarm


def test_signal_is_frozen_and_names_rules_not_text() -> None:
    text = "iemand dreigt mijn naaktfoto's te verspreiden"
    signal = assess(text)
    assert signal.category is SafetyCategory.STRAFBAAR_FEIT
    assert signal.matched and all(re.fullmatch(r"[a-z]+\.[a-z_]+", name) for name in signal.matched)
    assert not any("naaktfoto" in name or "verspreiden" in name for name in signal.matched)
    with pytest.raises(dataclasses.FrozenInstanceError):
        signal.category = None  # type: ignore[misc]
    assert assess("") == SafetySignal() and assess("   ") == SafetySignal()


# --- the Rasa component -----------------------------------------------------------------------

rasa_message = pytest.importorskip("rasa.shared.nlu.training_data.message")


@pytest.fixture(scope="module")
def safety_net(tmp_path_factory):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    from bot.adapters.rasa.safety_net import SafetyNet

    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    return SafetyNet.create({}, storage, Resource("safety_net"), ExecutionContext(GraphSchema({})))


def _message(text: str, intent: str = "nlu_fallback", confidence: float = 0.45):
    from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT

    ranking = [{"name": intent, "confidence": confidence}, {"name": "melden", "confidence": 0.3},
               {"name": "crisis", "confidence": 0.1}]
    return rasa_message.Message(data={TEXT: text, INTENT: dict(ranking[0]), INTENT_RANKING_KEY: ranking})


def test_component_is_registered_as_untrained_intent_classifier() -> None:
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe

    registered = DefaultV1Recipe._from_registry("bot.adapters.rasa.safety_net.SafetyNet")
    assert DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER in registered.types
    assert registered.is_trainable is False


def test_component_overrides_fallback_with_the_safety_intent(safety_net) -> None:
    message = _message("iedereen is beter af zonder mij")
    [out] = safety_net.process([message])
    assert out.get("intent") == {"name": "crisis", "confidence": 1.0}
    ranking = out.get("intent_ranking")
    assert ranking[0] == {"name": "crisis", "confidence": 1.0}
    assert [r["name"] for r in ranking].count("crisis") == 1
    assert "nlu_fallback" in [r["name"] for r in ranking[1:]]
    output = out.as_dict(only_output_properties=True)
    assert output["intent"]["name"] == "crisis" and output["safety_net"]["intent"] == "crisis"
    assert all(re.fullmatch(r"[a-z]+\.[a-z_]+", r) for r in output["safety_net"]["rules"])


@pytest.mark.parametrize("text, intent", [
    ("ze staan me na school op te wachten", "acuut_gevaar"),
    ("iemand chanteert me met een foto", "strafbaar_feit"),
    ("mijn moeder slaat me met een riem", "onveilig_thuis"),
    ("ik kan niet meer", "twijfel_stoppen"),
])
def test_component_sets_each_intent(safety_net, text: str, intent: str) -> None:
    [out] = safety_net.process([_message(text, intent="melden", confidence=0.9)])
    assert out.get("intent")["name"] == intent and out.get("intent")["confidence"] == 1.0


@pytest.mark.parametrize("text", ["/crisis", "  /hulp_nu", "/bevestigen"])
def test_component_leaves_button_payloads_to_rasa(safety_net, text: str) -> None:
    """A real button's payload holds no danger words; Rasa's RegexMessageHandler, after this
    component, replaces the parse with the button's intent."""
    message = _message(text, intent="melden", confidence=1.0)
    before = (dict(message.get("intent")), list(message.get("intent_ranking")))
    [out] = safety_net.process([message])
    assert (out.get("intent"), out.get("intent_ranking")) == before
    assert out.get("safety_net") is None


@pytest.mark.parametrize("text, intent", [
    ('/melden{"omschrijving": "ik wil dood"}', "crisis"),
    ("/ik wil niet meer leven", "crisis"),
    ("// mijn vader slaat me thuis", "onveilig_thuis"),
])
def test_component_reads_text_behind_a_slash_too(safety_net, text: str, intent: str) -> None:
    [out] = safety_net.process([_message(text, intent="melden", confidence=1.0)])
    assert out.get("intent")["name"] == intent and out.get("safety_net")["rules"]


def test_component_leaves_ordinary_messages_to_the_classifier(safety_net) -> None:
    message = _message("ze schelden me uit in de kantine", intent="melden", confidence=0.8)
    [out] = safety_net.process([message])
    assert out.get("intent") == {"name": "melden", "confidence": 0.8}
    assert out.get("safety_net") is None


def _danger_message(text: str, intent: str, confidence: float):
    from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT

    ranking = [{"name": intent, "confidence": confidence}, {"name": "onveilig_thuis", "confidence": 0.1},
               {"name": "out_of_scope", "confidence": 0.08}]
    return rasa_message.Message(data={TEXT: text, INTENT: dict(ranking[0]), INTENT_RANKING_KEY: ranking})

# With IntentVote in the pipeline, a danger intent counts on DIET's own confidence (``diet_intent``,
# 0.95) or on the vote's (0.7: both classifiers lean that way).

def _voted(text: str, vote_top: str, vote_conf: float, diet_top: str, diet_conf: float):
    message = _danger_message(text, vote_top, vote_conf)
    message.set("diet_intent", {"name": diet_top, "confidence": diet_conf})
    return message


def test_confident_diet_danger_goes_first_even_when_the_vote_chose_otherwise(safety_net) -> None:
    [out] = safety_net.process([_voted("een zin die de regels niet kennen", "pesten_melden", 0.6, "crisis", 0.98)])
    assert out.get("intent") == {"name": "crisis", "confidence": 0.98}
    assert [r["name"] for r in out.get("intent_ranking")][:2] == ["crisis", "pesten_melden"]


def test_an_unsure_vote_for_danger_without_a_confident_diet_is_demoted(safety_net) -> None:
    [out] = safety_net.process([_voted("een zin die de regels niet kennen", "crisis", 0.65, "crisis", 0.8)])
    assert out.get("intent")["name"] == "out_of_scope" and out.get("safety_net")["demoted"] == "crisis"


def test_a_confident_vote_for_danger_counts_without_a_confident_diet(safety_net) -> None:
    [out] = safety_net.process([_voted("een zin die de regels niet kennen", "crisis", 0.75, "pesten_melden", 0.6)])
    assert out.get("intent") == {"name": "crisis", "confidence": 0.75}
    [out] = safety_net.process([_voted("ik wil dood, echt", "onveilig_thuis", 0.8, "crisis", 0.5)])
    assert out.get("intent")["name"] == "crisis" and out.get("safety_net")["also"] == ["onveilig_thuis"]


def test_a_confident_vote_behind_the_fallback_still_counts(safety_net) -> None:
    message = _voted("een zin die de regels niet kennen", "crisis", 0.75, "crisis", 0.7)
    message.set("intent", {"name": "nlu_fallback", "confidence": 0.45})
    message.set("intent_ranking", [{"name": "nlu_fallback", "confidence": 0.45}, *message.get("intent_ranking")])
    [out] = safety_net.process([message])
    assert out.get("intent") == {"name": "crisis", "confidence": 0.75}


def test_unsure_classifier_alone_does_not_raise_an_alarm(safety_net) -> None:
    [out] = safety_net.process([_danger_message("thuis eten we patat", "crisis", 0.62)])
    assert out.get("intent")["name"] == "out_of_scope"
    assert all(r["name"] not in ("crisis", "onveilig_thuis") for r in out.get("intent_ranking"))
    assert out.get("safety_net")["demoted"] == "crisis"


def test_confident_classifier_alone_still_counts(safety_net) -> None:
    [out] = safety_net.process([_danger_message("een zin die de regels niet kennen", "crisis", 0.97)])
    assert out.get("intent")["name"] == "crisis"


@pytest.mark.parametrize("text, confidence", [
    ("een zin die de regels niet kennen", 0.88),  # below the threshold
    ("doodgewoon", 0.99),  # one word: too little for the classifier alone to call danger
    ("mijn telefoon is helemaal dood", 0.99),  # the rules know this harmless use of "dood"
])
def test_classifier_alone_needs_confidence_and_a_sentence(safety_net, text, confidence) -> None:
    [out] = safety_net.process([_danger_message(text, "crisis", confidence)])
    assert out.get("intent")["name"] == "out_of_scope" and out.get("safety_net")["demoted"] == "crisis"


def test_classifier_names_a_second_kind_of_danger(safety_net) -> None:
    [out] = safety_net.process([_danger_message("mijn oom zegt dat het ons geheimpje is en hij slaat me", "onveilig_thuis", 0.99)])
    assert out.get("intent")["name"] == "onveilig_thuis"
    [out] = safety_net.process([_danger_message("ik wil dood, echt", "onveilig_thuis", 0.97)])
    assert out.get("intent")["name"] == "crisis" and out.get("safety_net")["also"] == ["onveilig_thuis"]


def test_typo_repair_never_turns_a_known_rule_word_into_another() -> None:
    """"zonder" is one letter from "zolder"; the repair must not depend on the process's hash seed."""
    from bot.language.safety import canonical

    assert canonical("zonder", "zonder") == "zonder"
    assert canonical("zelfmord", "zelfmord") in {"zelfmoord"}
    assert assess("iedereen is beter af zonder mij").category is SafetyCategory.CRISIS


def test_one_message_can_need_two_kinds_of_help() -> None:
    signal = assess("ze staan nu bij het station met een mes en ze hebben mijn telefoon afgepakt")
    assert signal.categories[:2] == (SafetyCategory.ACUUT_GEVAAR, SafetyCategory.STRAFBAAR_FEIT)


@pytest.mark.parametrize("text, first", [
    # a weapon in a robbery that is over: a crime first, "bel 112 als je nu in gevaar bent" along
    ("ze hebben bij het station mijn telefoon afgepakt en ze hadden een mes", SafetyCategory.STRAFBAAR_FEIT),
    ("vorige week heeft een jongen me met een mes bedreigd en mn telefoon afgepakt", SafetyCategory.STRAFBAAR_FEIT),
    ("hij gaat me vermoorden als ik het aan iemand vertel", SafetyCategory.STRAFBAAR_FEIT),
    # a weapon or being locked up at home, nothing that says "now": Veilig Thuis first
    ("mijn vader dreigt met een mes als hij boos wordt", SafetyCategory.ONVEILIG_THUIS),
    ("ze sluiten me thuis op in de kelder als straf", SafetyCategory.ONVEILIG_THUIS),
    # ... but a word that places it now keeps acute danger first
    ("mijn vader staat nu met een mes in de gang", SafetyCategory.ACUUT_GEVAAR),
    ("ze hadden vorige week een mes en nu staan ze weer bij het hek", SafetyCategory.ACUUT_GEVAAR),
    # bullies waiting on the way home are no home situation
    ("ik durf niet naar huis te fietsen want ze wachten me op bij de brug", SafetyCategory.ACUUT_GEVAAR),
])
def test_acute_danger_that_is_not_now_yields_to_home_or_a_crime(text: str, first: SafetyCategory) -> None:
    signal = assess(text)
    assert signal.category is first, signal
    assert SafetyCategory.ACUUT_GEVAAR in signal.categories  # the 112 line always comes along


def test_only_the_rules_decide_the_careful_question(safety_net) -> None:
    [out] = safety_net.process([_danger_message("ik kan niet meer inloggen", "twijfel_stoppen", 0.96)])
    assert out.get("intent")["name"] == "out_of_scope"
    [out] = safety_net.process([_danger_message("ik kan niet meer", "out_of_scope", 0.9)])
    assert out.get("intent")["name"] == "twijfel_stoppen"


# Issue 17: wordings of our own (in no set) for each new way of saying it.
@pytest.mark.parametrize("text, category", [
    ("mijn vriend appte 'het was fijn jullie gekend te hebben' en nu reageert hij niet", SafetyCategory.CRISIS),
    ("morgen is het zover, sorry voor alles", SafetyCategory.CRISIS),
    ("mijn zusje zegt dat ze bij papa in de hemel wil zijn", SafetyCategory.CRISIS),
    ("hoe verberg ik de sneetjes op mn arm voor mn ouders", SafetyCategory.CRISIS),
    ("waar kan ik krassen zonder dat iemand het ziet", SafetyCategory.CRISIS),
    ("mijn vriendin zei dat ze zich gaat ophangen vanavond", SafetyCategory.CRISIS),
    ("ze zei dat ze vanavond pillen wil slikken", SafetyCategory.CRISIS),
    ("ze hebben een rotje in mijn capuchon gestopt", SafetyCategory.ACUUT_GEVAAR),
    ("een vreemde man vroeg of ik mee wilde naar zijn busje", SafetyCategory.ACUUT_GEVAAR),
    ("er staat een meneer bij de speeltuin die kinderen vraagt om mee te komen", SafetyCategory.ACUUT_GEVAAR),
    ("ik zie nu dat een jongen wordt geslagen door vier anderen", SafetyCategory.ACUUT_GEVAAR),
    ("hij ligt op de grond en reageert niet", SafetyCategory.ACUUT_GEVAAR),
    ("er gaat een foto rond van mij zonder kleren aan", SafetyCategory.STRAFBAAR_FEIT),
    ("hij deed iets in mijn drankje op het feest", SafetyCategory.STRAFBAAR_FEIT),
    ("mijn nichtje van 13 heeft een 'vriend' van 22", SafetyCategory.STRAFBAAR_FEIT),
    ("de gymleraar zoende mij na de les", SafetyCategory.STRAFBAAR_FEIT),
    ("ik heb brandplekken van een sigaret en mn vader zegt dat ik niks mag zeggen", SafetyCategory.ONVEILIG_THUIS),
    ("mijn ouders willen dat ik in het buitenland blijf omdat ik te westers ben", SafetyCategory.ONVEILIG_THUIS),
    ("ik ben bang als mijn moeder dronken thuiskomt", SafetyCategory.ONVEILIG_THUIS),
    ("ze heeft altijd honger en komt in vieze kleren naar school", SafetyCategory.ONVEILIG_THUIS),
    ("mijn ex-vrouw slaat de kinderen als ze bij haar zijn", SafetyCategory.ONVEILIG_THUIS),
])
def test_issue17_wordings_are_recognised(text: str, category: SafetyCategory) -> None:
    assert assess(text).category == category


@pytest.mark.parametrize("text", [
    "ik ben er helemaal klaar mee. met alles.",
    "ik hou het echt niet lang meer vol",
    "waarom zou ik nog moeite doen",
    "het heeft toch allemaal geen zin meer",
])
def test_issue17_ambiguous_wordings_get_the_careful_question(text: str) -> None:
    signal = assess(text)
    assert signal.ambiguous and signal.category is None


@pytest.mark.parametrize("text", [
    "ik ga je afmaken bij monopoly haha",
    "ik vermoord je als je mijn chips opeet",
    "in fortnite word je steeds achtervolgd",
    "volgens mij klopt dat niet",
    "ik moet vanavond mijn pillen nemen van de dokter",
    "hoe vind ik de persoonsvorm in een zin",
    "alles is kut en niemand snapt me",
])
def test_issue17_everyday_wordings_raise_no_alarm(text: str) -> None:
    assert not assess(text).alarm


# Tuning round on sets 10 and 11 (2026-12-07): wordings of our own (in no set) for each new family of rules.
@pytest.mark.parametrize("text, category", [
    ("ik kras weer, ik kan het niet laten", SafetyCategory.CRISIS),
    ("hij heeft op zijn been 'loser' gekrast met een schaar", SafetyCategory.CRISIS),
    ("doet ophangen pijn? ik wil dat het snel klaar is", SafetyCategory.CRISIS),
    ("als ik zaterdag nog leef ga ik mee naar de film", SafetyCategory.CRISIS),
    ("ik eet al een week bijna niks, ik word steeds duizelig en ben nog steeds te dik", SafetyCategory.CRISIS),
    ("mijn beste vriend heeft al zijn accounts verwijderd en mij zijn lievelingspet gegeven", SafetyCategory.CRISIS),
    ("zeg tegen mijn broer dat ik van hem hou, sorry voor alles", SafetyCategory.CRISIS),
    ("die man in de auto laat me niet uitstappen en rijdt de verkeerde kant op", SafetyCategory.ACUUT_GEVAAR),
    ("hij zei dat hij vanavond naar mijn huis komt om me af te maken", SafetyCategory.ACUUT_GEVAAR),
    ("er staat een meneer bij de poort die zegt dat papa hem stuurt maar ik ken hem niet", SafetyCategory.ACUUT_GEVAAR),
    ("hij houdt een mes tegen mijn buik", SafetyCategory.ACUUT_GEVAAR),
    ("ik ben die jongens 200 euro schuldig en nu moet ik voor ze lopen", SafetyCategory.STRAFBAAR_FEIT),
    ("iemand heeft mijn snapchat overgenomen en mijn wachtwoord veranderd", SafetyCategory.STRAFBAAR_FEIT),
    ("ze hebben mijn fiets gejat en ik kan hem terugkopen voor 40 euro", SafetyCategory.STRAFBAAR_FEIT),
    ("een man van 30 zegt dat mijn ouders het niet hoeven te weten", SafetyCategory.STRAFBAAR_FEIT),
    ("hij heeft me beetgepakt op plekken waar ik dat niet wilde", SafetyCategory.STRAFBAAR_FEIT),
    ("mijn moeder heeft me eruit gegooid en ik slaap nu in het park", SafetyCategory.ONVEILIG_THUIS),
    ("mijn vader trekt me aan mijn haren door de kamer en ik mag het niet zeggen", SafetyCategory.ONVEILIG_THUIS),
    ("mijn stiefmoeder geeft me expres geen ontbijt en geen lunch", SafetyCategory.ONVEILIG_THUIS),
    ("vorige keer kon ik drie dagen niet zitten nadat mijn vader boos werd", SafetyCategory.ONVEILIG_THUIS),
    ("ik ben 8 en alleen thuis, mama is weg en er is niks te eten", SafetyCategory.ONVEILIG_THUIS),
    ("ik hoor elke nacht bij de buren een kind gillen, ik ben de buurman", SafetyCategory.ONVEILIG_THUIS),
    ("mijn moeder is al drie dagen niet thuisgekomen", SafetyCategory.ONVEILIG_THUIS),
    ("bij een onvoldoende krijg ik klappen met de riem", SafetyCategory.ONVEILIG_THUIS),  # no parent named
    ("ik wilde mezelf verstikken met mijn kussen", SafetyCategory.CRISIS),
])
def test_sets_10_11_round_wordings_are_recognised(text: str, category: SafetyCategory) -> None:
    assert assess(text).category == category


@pytest.mark.parametrize("text", [
    "ik snij de uien en dan de paprika",
    "ik heb een plan voor zaterdag: eerst zwemmen en dan is het klaar",
    "ik eet al 3 dagen bijna niks omdat ik griep heb, ben ook duizelig",
    "de laatste keer dat je me zag had ik nog kort haar",
    "ik heb al een touw gekocht voor de schommel",
    "ik heb al mijn oude spullen weggegeven aan de kringloop",
    "mijn telefoon staat uit want de batterij is leeg, bedankt voor alles",
    "mijn moeder laat me niet gaan naar het feest vanavond",
    "mijn oom komt me vanavond halen, hij weet waar ik woon",
    "ze sluiten elkaar nu buiten in de pauze",
    "ik sta op de brug en ik twijfel of ik links of rechts moet",
    "ik moet voor mijn moeder de pakketjes afgeven bij de buren",
    "ik ben mijn zus 5 euro schuldig en moet het terugverdienen door de afwas",
    "ik krijg mijn telefoon pas terug als ik 10 euro betaal voor de reparatie",
    "mijn oom zei dat mijn ouders het niet hoeven te weten dat hij me een cadeau geeft voor hun verjaardag",
    "de juf zei dat ik het antwoord niet mag doorvertellen",
    "ik weet niet waar ik moet slapen op kamp, naast wie",
    "ik draag lange mouwen want ik heb blauwe plekken van mijn val, mijn moeder zegt het",
    "de buren hebben een baby en ik hoor hem elke nacht huilen, ik kan niet slapen",
    "mijn zusje slaat altijd mn controller kapot als ze verliest",
    "pfff deze toets is echt zelfmoord",
    "we spelen vanavond weerwolven en ik word vast weer vermoord",
])
def test_sets_10_11_round_everyday_wordings_raise_no_alarm(text: str) -> None:
    assert not assess(text).alarm


def test_a_word_before_a_full_stop_is_its_own_token() -> None:
    """The tokeniser keeps "me." as an abbreviation; pupils mean "me" and a full stop."""
    assert assess("mijn oom zit aan me. ik durf het niemand te vertellen").category == SafetyCategory.ONVEILIG_THUIS
