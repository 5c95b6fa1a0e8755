"""Answers for pupils, parents and staff: configuration-driven, sourced, register-correct.

Fast: no Rasa servers, no training. The NLU files are read as YAML.
"""
from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest
import yaml

from bot.settings import Settings
from bot.texts import answers
from bot.texts.answers import AANPAK_SUBS, AUDIENCES, Answer
from bot.domain.school import DEFAULT_CONFIG, PROJECT_ROOT, SchoolConfig, load_config, load_schools

SOURCES_MD = PROJECT_ROOT / "docs" / "sources.md"
NLU_DIR = PROJECT_ROOT / "data" / "nlu"
AANPAK_YML = NLU_DIR / "aanpak.yml"
INFORMATIE_YML = NLU_DIR / "informatie.yml"
KNOWLEDGE_DIR = Path(os.environ.get("KLANKBORD_KNOWLEDGE_DIR", PROJECT_ROOT.parent / "shared" / "knowledge"))

# The public intent contract; "/intent" payloads must name one.
CONTRACT_INTENTS = {
    "groeten", "afscheid", "bedanken", "bevestigen", "ontkennen", "stoppen", "wat_kun_je", "bot_challenge",
    "out_of_scope", "pesten_melden", "vraag_aanspreekpunt", "vraag_klachtenprocedure", "vraag_aanpak",
    "vraag_vertrouwelijkheid", "uitleg_pesten", "status_melding", "crisis", "acuut_gevaar", "hulp_nu",
}

# A changed school: every value the answers show differs from the example configuration.
CHANGES = {
    "name": "Basisschool De Regenboog",
    "aanspreekpunt": {"name": "Meneer K. Pietersen", "role": "leerkracht groep 7 en aanspreekpunt pesten",
                      "email": "k.pietersen@regenboog.example", "where": "het lokaal van groep 7",
                      "when": "elke ochtend voor schooltijd"},
    "deputy": {"name": "Juf M. Visser", "role": "intern begeleider", "email": "ib@regenboog.example",
               "where": "de ib-kamer", "when": "dinsdag en donderdag"},
    "vertrouwenspersoon": {"name": "Juf L. Bos", "role": "vertrouwenspersoon en leerkracht groep 4",
                           "email": "vertrouwen@regenboog.example", "where": "lokaal 4", "when": "na schooltijd"},
    "coordinator": {"name": "Meneer P. Hendriks", "role": "adjunct-directeur", "email": "directie@regenboog.example",
                    "where": "de directiekamer", "when": "op afspraak via de administratie"},
    "klachtenregeling_url": "https://www.regenboog.example/schoolgids/klachten",
    "klachtencommissie": {"name": "Geschillencommissie Bijzonder Onderwijs (GCBO)", "url": "https://www.gcbo.example"},
    "sanctions_url": "https://www.regenboog.example/veiligheidsplan",
}
# Test-only numbers (clearly not real services), to see that numbers are read, not written in code.
CHANGED_PHONES = {"vertrouwensinspecteur": "0900-000 0 001", "kinderombudsman": "0800-000 00 02",
                  "helpwanted": "020-000 00 03", "politie": "0900-0004"}


def _write_config(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "school.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _change_all(data: dict) -> None:
    data.update({k: (dict(v) if isinstance(v, dict) else v) for k, v in CHANGES.items()})
    data["parent_register"] = "je"
    for key, phone in CHANGED_PHONES.items():
        data["helplines"][key]["phone"] = phone
    data["helplines"]["kinderombudsman"]["verified"] = True  # this school checked the number


@pytest.fixture
def example() -> SchoolConfig:
    return load_config(DEFAULT_CONFIG)


@pytest.fixture
def changed(tmp_path: Path) -> SchoolConfig:
    return load_config(_write_config(tmp_path, _change_all))


def _responses() -> Dict[str, str]:
    data = yaml.safe_load(AANPAK_YML.read_text(encoding="utf-8"))
    out = {}
    for key, variants in (data.get("responses") or {}).items():
        assert key.startswith("utter_vraag_aanpak/"), key
        out[key.split("/", 1)[1]] = variants[0]["text"]
    return out


def _all_answers(config: SchoolConfig) -> Iterator[Tuple[str, Answer]]:
    for audience in AUDIENCES:
        yield f"who_to_turn_to/{audience}", answers.who_to_turn_to(config, audience)
        yield f"complaint_route/{audience}", answers.complaint_route(config, audience)
        yield f"confidentiality_explained/{audience}", answers.confidentiality_explained(config, audience)
    yield "what_is_bullying", answers.what_is_bullying(config)
    yield "what_to_do_pupil", answers.what_to_do_pupil(config)
    yield "what_to_do_parent", answers.what_to_do_parent(config)
    for sub, text in _responses().items():
        yield f"staff_guidance/{sub}", answers.staff_guidance(config, f"vraag_aanpak/{sub}", text)
    yield "staff_guidance/none", answers.staff_guidance(config, None, None)


def _visible(answer: Answer) -> str:
    return "\n".join([answer.text] + [title for title, _ in answer.buttons])


# --- configuration drives the answers --------------------------------------------------------

def _people_values(config: SchoolConfig, roles: bool = True) -> List[str]:
    values = []
    for person in (config.aanspreekpunt, config.vertrouwenspersoon, config.coordinator, config.deputy):
        values += [person.name, person.email, person.where, person.when] + ([person.role] if roles else [])
    return values


def test_who_to_turn_to_names_everyone_with_where_and_when(example, changed):
    """Adults also read each person's role as the school file words it; pupils what each does, in
    their words."""
    for config, other in ((example, changed), (changed, example)):
        for audience in AUDIENCES:
            text = answers.who_to_turn_to(config, audience).text
            for value in _people_values(config, roles=audience != "leerling"):
                assert value in text, (audience, value)
            for value in (other.aanspreekpunt.name, other.vertrouwenspersoon.name, other.coordinator.name):
                assert value not in text, (audience, value)


def test_complaint_route_uses_the_schools_regulation_and_commission(example, changed):
    for config, other in ((example, changed), (changed, example)):
        for audience in AUDIENCES:
            text = answers.complaint_route(config, audience).text
            for value in (config.klachtencommissie.name, config.klachtencommissie.url, config.klachtenregeling_url,
                          config.aanspreekpunt.name, config.helplines["vertrouwensinspecteur"].phone,
                          config.helplines["kinderombudsman"].url):
                assert value in text, (audience, value)
            ombudsman = config.helplines["kinderombudsman"]
            assert (ombudsman.phone in text) == ombudsman.verified, (audience, "an unchecked number is never shown")
            for value in (other.klachtencommissie.name, other.klachtencommissie.url, other.klachtenregeling_url,
                          other.helplines["vertrouwensinspecteur"].phone):
                assert value not in text, (audience, value)
            # the steps, in order
            positions = [text.find(word) for word in ("mentor", config.aanspreekpunt.name, "directie",
                                                      "bestuur", config.klachtencommissie.name)]
            assert -1 not in positions and positions == sorted(positions), (audience, positions)


def test_complaint_route_offers_to_report():
    config = load_config(DEFAULT_CONFIG)
    parent = answers.complaint_route(config, "ouder")
    assert (answers.REPORT_PARENT in [payload for _, payload in parent.buttons])
    assert "melden" in parent.text.splitlines()[-1]


def test_pupil_answers_name_the_aanspreekpunt(example, changed):
    for config in (example, changed):
        assert config.aanspreekpunt.name in answers.what_is_bullying(config).text
        for audience in AUDIENCES:
            assert config.aanspreekpunt.name in answers.confidentiality_explained(config, audience).text


def test_staff_guidance_adds_the_schools_protocol_and_people(example, changed):
    responses = _responses()
    for config, other in ((example, changed), (changed, example)):
        for sub in AANPAK_SUBS:
            answer = answers.staff_guidance(config, f"vraag_aanpak/{sub}", responses[sub])
            assert " ".join(answer.text.split()).startswith(" ".join(responses[sub].split()))
            if sub in answers.PROTOCOL_SUBS:
                assert config.sanctions_url in answer.text and other.sanctions_url not in answer.text, sub
            assert config.aanspreekpunt.name in answer.text or config.coordinator.name in answer.text, sub
        online = answers.staff_guidance(config, "vraag_aanpak/online_pesten", responses["online_pesten"]).text
        assert config.helplines["helpwanted"].phone in online and config.helplines["politie"].phone in online


def test_staff_guidance_without_protocol_link_points_to_the_coordinator(tmp_path):
    config = load_config(_write_config(tmp_path, lambda d: d.pop("sanctions_url")))
    text = answers.staff_guidance(config, "vraag_aanpak/sancties", _responses()["sancties"]).text
    assert "https://" not in text and config.coordinator.email in text


def test_staff_guidance_accepts_the_selector_key_forms(example):
    text = _responses()["sancties"]
    for key in ("vraag_aanpak/sancties", "utter_vraag_aanpak/sancties", "sancties"):
        assert " ".join(answers.staff_guidance(example, key, text).text.split()).startswith(" ".join(text.split()))
    fallback = answers.staff_guidance(example, "vraag_aanpak/bestaat_niet", None)
    assert example.coordinator.name in fallback.text


def test_a_changed_config_file_changes_answers_after_restart(tmp_path, monkeypatch):
    """What the action server does at start: the school file KLANKBORD_SCHOOL_CONFIG names."""
    monkeypatch.setenv("KLANKBORD_SCHOOL_CONFIG", str(_write_config(tmp_path, lambda d: None)))
    before = answers.complaint_route(load_schools(Settings.from_env().schools).default, "ouder").text
    _write_config(tmp_path, _change_all)
    after = answers.complaint_route(load_schools(Settings.from_env().schools).default, "ouder").text
    assert CHANGES["klachtencommissie"]["name"] not in before
    assert CHANGES["klachtencommissie"]["name"] in after and CHANGES["klachtenregeling_url"] in after


def test_one_person_with_two_roles_is_listed_once(tmp_path):
    def same(d):
        d["coordinator"] = dict(d["aanspreekpunt"])

    config = load_config(_write_config(tmp_path, same))
    for audience in AUDIENCES:
        text = answers.who_to_turn_to(config, audience).text
        assert text.count(config.aanspreekpunt.email) == 1, audience
        assert "het aanspreekpunt pesten én de anti-pest coördinator" in text
    assert "beide taken" in answers.who_to_turn_to(config, "ouder").text


def test_optional_helplines_may_be_missing(tmp_path):
    def drop(d):
        del d["helplines"]["vertrouwensinspecteur"], d["helplines"]["kinderombudsman"]

    config = load_config(_write_config(tmp_path, drop))
    for audience in AUDIENCES:
        text = answers.complaint_route(config, audience).text
        assert "vertrouwensinspecteur" in text and "Kinderombudsman" in text
        assert _phone_numbers(text) == [], audience


def test_unknown_audience_is_refused(example):
    with pytest.raises(ValueError):
        answers.who_to_turn_to(example, "directeur")


# --- register ---------------------------------------------------------------------------------

_U_ADDRESS = re.compile(r"\b(u|uw)\b", re.IGNORECASE)


def _without_links(text: str) -> str:
    return re.sub(r"https?://\S+|\S+@\S+", " ", text)


def test_pupil_texts_never_say_u(example, changed):
    for config in (example, changed):
        pupil = [answers.what_is_bullying(config)] + [
            f(config, "leerling") for f in (answers.who_to_turn_to, answers.complaint_route,
                                            answers.confidentiality_explained)]
        for answer in pupil:
            found = _U_ADDRESS.findall(_without_links(_visible(answer)))
            assert not found, (found, answer.text)


def test_parents_get_the_configured_register(example, changed):
    assert example.parent_register == "u" and changed.parent_register == "je"
    for f in (answers.who_to_turn_to, answers.complaint_route, answers.confidentiality_explained):
        assert _U_ADDRESS.search(_without_links(f(example, "ouder").text)), f.__name__
        assert not _U_ADDRESS.search(_without_links(_visible(f(changed, "ouder")))), f.__name__


def test_staff_texts_say_je(example):
    for name, answer in _all_answers(example):
        if "medewerker" in name or name.startswith("staff_guidance"):
            assert not _U_ADDRESS.search(_without_links(_visible(answer))), name


# --- numbers only from the configuration ------------------------------------------------------

_NUMBER = re.compile(r"(?<![\d:.])\d(?:[\d \-]*\d)?(?![\d:])")


def _phone_numbers(text: str) -> List[str]:
    """Digit groups of three or more digits (phone-like); times like 8:30 and rooms like 1.12 excluded."""
    found = (m.group(0) for m in _NUMBER.finditer(_without_links(text)))
    return [n for n in found if sum(ch.isdigit() for ch in n) >= 3]


def _config_phones(config: SchoolConfig) -> Set[str]:
    phones = set()
    for line in config.helplines.values():
        for phone in (line.phone, line.phone_alt):
            if phone:
                phones.add(re.sub(r"\D", "", phone))
    return phones


def test_the_number_finder_finds_numbers():
    assert _phone_numbers("bel 0900-111 3 111, werkdagen van 8:00 tot 17:00, kamer 1.12") == ["0900-111 3 111"]
    assert _phone_numbers("bel 113 of 0800-0113.") == ["113", "0800-0113"]


def test_every_phone_number_comes_from_the_config_helplines(example, changed):
    for config in (example, changed):
        allowed = _config_phones(config)
        for name, answer in _all_answers(config):
            for number in _phone_numbers(answer.text):
                assert re.sub(r"\D", "", number) in allowed, (name, number)


def test_retrieval_responses_carry_no_numbers_links_or_names(example):
    for sub, text in _responses().items():
        assert _phone_numbers(text) == [], sub
        assert "http" not in text and "@" not in text, sub
        for value in _people_values(example):
            assert value not in text, (sub, value)


# --- NLU data ---------------------------------------------------------------------------------

def _nlu(path: Path) -> Dict[str, List[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: Dict[str, List[str]] = {}
    for block in data.get("nlu") or []:
        if "intent" in block:
            examples = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
            out.setdefault(block["intent"], []).extend(examples)
    return out


def test_every_retrieval_sub_has_examples_and_a_response():
    intents = _nlu(AANPAK_YML)
    subs = {name.split("/", 1)[1] for name in intents if name.startswith("vraag_aanpak/")}
    assert set(intents) == {f"vraag_aanpak/{s}" for s in subs}
    assert subs == set(AANPAK_SUBS)
    assert set(_responses()) == set(AANPAK_SUBS)
    counts = {sub: len(intents[f"vraag_aanpak/{sub}"]) for sub in AANPAK_SUBS}
    for sub, count in counts.items():
        assert 15 <= count <= 60, sub
    # Balanced: the selector learns no answer as the default because it saw it most.
    assert max(counts.values()) <= 1.5 * min(counts.values()), counts


def test_protocol_responses_refer_to_the_protocol():
    for sub, text in _responses().items():
        assert ("pestprotocol van school" in text.lower()) == (sub in answers.PROTOCOL_SUBS), sub


def test_incident_response_matches_the_register_button(example):
    text = _responses()["incident_registreren"]
    titles = [t for t, _ in answers.staff_guidance(example, "vraag_aanpak/incident_registreren", text).buttons]
    assert any(f"'{title}'" in text for title in titles)
    assert "medewerker" in text


def test_information_intents_have_enough_examples():
    intents = _nlu(INFORMATIE_YML)
    assert set(intents) == {"vraag_aanspreekpunt", "vraag_klachtenprocedure", "uitleg_pesten"}
    for name, examples in intents.items():
        assert 80 <= len(examples) <= 220, (name, len(examples))


def test_no_example_is_trained_for_two_intents():
    owner: Dict[str, str] = {}
    for path in sorted(NLU_DIR.glob("*.yml")):
        for intent, examples in _nlu(path).items():
            for example in examples:
                key = example.lower()
                assert owner.setdefault(key, intent) == intent, (example, owner[key], intent)


def test_no_test_sentence_is_trained_on():
    """The held-out intents (both files), the frozen safety holdout and the dev set's danger messages stay out of
    the training data (the dev set's ordinary answers such as "ja" or "stop" may be trained)."""
    trained = {ex.lower() for path in NLU_DIR.glob("*.yml") for exs in _nlu(path).values() for ex in exs}
    tests_dir = NLU_DIR.parents[1] / "tests"
    held = {ex.lower() for name in ("core.yml", "separate_authors.yml")
            for exs in _nlu(tests_dir / "nlu_holdout" / name).values() for ex in exs}
    for name, parts in (("holdout.yml", None), ("dev.yml", {"crisis", "acuut_gevaar", "strafbaar_feit", "onveilig_thuis"})):
        data = yaml.safe_load((tests_dir / "safety" / name).read_text(encoding="utf-8"))
        held |= {t.strip().lower() for part, texts in data.items() if isinstance(texts, list)
                 and (parts is None or part in parts) for t in texts}
    for path in sorted((tests_dir / "safety" / "extern").glob("*.yml")):  # benchmark inputs only
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        held |= {t.strip().lower() for texts in data.values() if isinstance(texts, list) for t in texts}
    assert len(held) > 700
    assert sorted(held & trained) == []


def test_button_payloads_lead_somewhere(example):
    trained = {ex.lower(): intent for path in NLU_DIR.glob("*.yml") for intent, exs in _nlu(path).items() for ex in exs}
    for name, answer in _all_answers(example):
        assert answer.buttons, name
        for title, payload in answer.buttons:
            if payload.startswith("/"):
                assert payload[1:] in CONTRACT_INTENTS, (name, payload)
            else:
                assert payload.lower() in trained, (name, payload)
                assert trained[payload.lower()] == "pesten_melden", (name, payload)


# --- sources ----------------------------------------------------------------------------------

def _sources_doc() -> Tuple[Dict[str, str], Dict[str, str]]:
    """(defined keys -> body, answer sections -> body) from docs/sources.md."""
    defined: Dict[str, str] = {}
    sections: Dict[str, str] = {}
    parts = re.split(r"^### (.+)$", SOURCES_MD.read_text(encoding="utf-8"), flags=re.M)
    for heading, body in zip(parts[1::2], parts[2::2]):
        body = body.split("\n## ", 1)[0]
        key = re.fullmatch(r"`([^`]+)`", heading.strip())
        (defined if key else sections)[key.group(1) if key else heading.strip()] = body
    return defined, sections


_KEY = re.compile(r"`((?:apc|feiten|principes|config)\.[\w.\-]+)`")


def test_every_source_key_is_defined_and_listed_for_its_answer(example):
    defined, sections = _sources_doc()
    for name, answer in _all_answers(example):
        assert answer.sources, name
        function = name.split("/", 1)[0]
        listed = set(_KEY.findall(sections[function]))
        if function == "staff_guidance" and not name.endswith("/none"):
            listed |= set(_KEY.findall(sections[f"utter_vraag_aanpak/{name.split('/', 1)[1]}"]))
        for key in answer.sources:
            assert key in defined, (name, key)
            assert key in listed, (name, key)


def test_every_retrieval_response_has_its_sources():
    defined, sections = _sources_doc()
    for sub in AANPAK_SUBS:
        listed = set(_KEY.findall(sections[f"utter_vraag_aanpak/{sub}"]))
        assert listed and listed <= set(defined), sub
        assert set(answers.AANPAK_SOURCES[sub]) <= listed, sub
    for body in sections.values():
        for key in _KEY.findall(body):
            assert key in defined, key


def test_config_source_keys_name_real_fields(example):
    defined, _ = _sources_doc()
    fields = {f.name for f in dataclasses.fields(SchoolConfig)}
    for key in defined:
        if key.startswith("config."):
            parts = key.split(".")
            assert parts[1] in fields, key
            if parts[1] == "helplines":
                assert parts[2] in example.helplines, key


def _normal(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


@pytest.mark.skipif(not KNOWLEDGE_DIR.is_dir(), reason=f"knowledge folder not found at {KNOWLEDGE_DIR}")
def test_quoted_passages_are_verbatim_in_the_knowledge_folder():
    defined, _ = _sources_doc()
    checked = 0
    for key, body in defined.items():
        if key.startswith("config."):
            continue
        file = re.search(r"^File: `([^`]+)`", body, re.M)
        assert file, key
        source = _normal((KNOWLEDGE_DIR / file.group(1)).read_text(encoding="utf-8"))
        quotes = [line[2:] for line in body.splitlines() if line.startswith("> ")]
        assert quotes, key
        for quote in quotes:
            assert _normal(quote) in source, (key, quote)
            checked += 1
    assert checked > 50


# --- through the action: each writer gets their own complaint route ----------------------------

@pytest.mark.parametrize("role, opening", [
    (None, "Vind je dat de school niet genoeg doet tegen het pesten?"),
    ("leerling", "Vind je dat de school niet genoeg doet tegen het pesten?"),
    ("getuige", "Vind je dat de school niet genoeg doet tegen het pesten?"),
    ("ouder", "Vindt u dat de school het pesten niet goed aanpakt?"),
    ("medewerker", "Zo kunnen ouders en leerlingen klagen"),
])
def test_the_complaint_route_fits_the_writer(app, dispatcher, tracker_factory, role, opening):
    import asyncio

    from actions.info import ActionKlachtenprocedure

    tracker = tracker_factory("waar kan ik klagen", intent="vraag_klachtenprocedure", slots={"reporter_role": role})
    asyncio.run(ActionKlachtenprocedure().run(dispatcher, tracker, {}))
    bubbles = [m["text"] for m in dispatcher.messages]
    assert bubbles[0].startswith(opening), bubbles[0]
    assert len(bubbles) > 1 and dispatcher.messages[-1]["buttons"] and not dispatcher.messages[0].get("buttons")
    if role != "ouder":
        assert not _U_ADDRESS.search(_without_links(" ".join(bubbles))), role
