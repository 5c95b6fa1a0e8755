"""The Dutch spaCy pipeline: lemma patterns match inflections; normalised values; the saved model."""
from __future__ import annotations

import importlib.util
import json

import pytest
import spacy

from bot.language import pipeline
from bot.language.entities import derived, entities_in


@pytest.mark.parametrize(
    "text, label, value",
    [
        ("ze schelden me elke dag uit in de kleedkamer", "soort", "schelden"),
        ("ik werd uitgescholden", "soort", "schelden"),
        ("hij scheldt me steeds uit", "soort", "schelden"),
        ("ze sluiten me buiten", "soort", "buitensluiten"),
        ("ze lachten me uit", "soort", "uitlachen"),
        ("ik word geslagen", "soort", "fysiek"),
        ("ze pakken mijn spullen af", "soort", "spullen"),
        ("ze schelden me elke dag uit in de kleedkamer", "plek", "kleedkamer"),
        ("in de kleedkamers bij gym", "plek", "kleedkamer"),
        ("achter de containers op het plein", "plek", "schoolplein"),
        ("ze schelden me elke dag uit in de kleedkamer", "frequentie", "elke_dag"),
        ("in de grote pauze", "moment", "pauze"),
        ("'s avonds op snapchat", "moment", "avond_online"),
        ("op insta", "platform", "instagram"),
        ("in de groepsapp", "platform", "whatsapp"),
        ("mijn mentor weet het", "schoolrol", "mentor"),
    ],
)
def test_vocabulary_matches_inflections(text, label, value):
    assert value in entities_in(text)[label]


def test_an_app_means_online_bullying():
    found = entities_in("ze doen gemeen op tiktok")
    assert "online" in found["soort"] and "online" in found["plek"]
    assert derived([("platform", "tiktok")]) == [("soort", "online"), ("plek", "online")]


def test_ordinary_words_are_not_entities():
    found = entities_in("ik heb morgen een toets en ik vind wiskunde moeilijk")
    assert not any(found.values())


def test_saved_pipeline_is_blank_based_offline_and_named_by_content(tmp_path):
    path = pipeline.ensure_pipeline(prefer_model=False, config_file=None)
    assert path.name == f"klankbord_nl-{pipeline.content_hash(False)}"
    meta = json.loads((path / "meta.json").read_text())
    assert meta["lang"] == "nl"
    nlp = spacy.load(path)
    assert nlp.pipe_names == ["lemmatizer", "entity_ruler"]
    assert nlp("uitgescholden")[0].lemma_ == "uitschelden"


def test_config_points_at_the_built_pipeline(tmp_path):
    config = tmp_path / "config.yml"
    config.write_text('pipeline:\n  - name: SpacyNLP\n    model: "var/spacy/klankbord_nl-unbuilt"\n')
    path = pipeline.ensure_pipeline(prefer_model=False, config_file=config)
    assert path.name in config.read_text()
    assert pipeline.point_rasa_config(path, config) is False  # unchanged: no rewrite, no retrain


@pytest.mark.skipif(importlib.util.find_spec("nl_core_news_sm") is None,
                    reason="nl_core_news_sm is not installed (not on PyPI; see README)")
def test_pipeline_from_nl_core_news_sm():
    nlp = pipeline.build(prefer_model=True)
    assert "entity_ruler" in nlp.pipe_names and "tagger" in nlp.pipe_names or "morphologizer" in nlp.pipe_names
    doc = nlp("ze schelden me elke dag uit in de kleedkamer")
    assert {e.ent_id_ for e in doc.ents} >= {"schelden", "kleedkamer"}
