"""The linear second opinion (bot/language/linear_intents.py) and its Rasa component IntentVote."""
from __future__ import annotations

import numpy as np
import pytest

from bot.language.linear_intents import LinearIntentModel, blend

EXAMPLES = {
    "groeten": ["hoi", "hallo", "hey", "goedemorgen", "hoi hoi", "hallootjes", "hee daar", "goeiedag"],
    "pesten_melden": ["ze schelden me uit", "ze lachen me uit in de klas", "niemand wil met me spelen",
                      "ze pesten mij op snap", "ze duwen me in de gang", "ik word gepest",
                      "ze schelden mijn vriendje uit", "ze sluiten me buiten"],
    "out_of_scope": ["wat is 5 keer 7", "hoe laat is het", "wat eten we vandaag", "ik heb een nieuwe fiets",
                     "wie wint het wk", "welke dag is het", "ik hou van pizza", "hoe heet jouw hond"],
}


def _data():
    texts = [t for exs in EXAMPLES.values() for t in exs]
    intents = [i for i, exs in EXAMPLES.items() for _ in exs]
    return texts, intents


@pytest.fixture(scope="module")
def model() -> LinearIntentModel:
    return LinearIntentModel.train(*_data())


def test_probabilities_are_a_distribution_and_find_the_intent(model) -> None:
    [hello, bullied] = model.probabilities(["hallo daar", "ze schelden me de hele tijd uit"])
    for probs in (hello, bullied):
        assert set(probs) == set(EXAMPLES) and abs(sum(probs.values()) - 1) < 1e-9
    assert max(hello, key=hello.get) == "groeten"
    assert max(bullied, key=bullied.get) == "pesten_melden"


def test_saved_model_gives_the_same_probabilities_and_holds_no_pickle(model, tmp_path) -> None:
    model.save(tmp_path)
    again = LinearIntentModel.load(tmp_path)
    texts = ["hoi", "ze lachen me uit", "🍕", ""]
    for before, after in zip(model.probabilities(texts), again.probabilities(texts)):
        assert before == pytest.approx(after)
    with np.load(tmp_path / "linear_intents.npz", allow_pickle=False) as arrays:  # plain arrays only
        assert arrays["coef"].shape == (3, len(model.chars.vocabulary_) + len(model.words.vocabulary_))


def test_training_needs_two_intents() -> None:
    with pytest.raises(ValueError, match="two intents"):
        LinearIntentModel.train(["hoi", "hallo"], ["groeten", "groeten"])


def test_blend_weighs_and_counts_missing_intents_as_zero() -> None:
    mixed = dict(blend({"a": 1.0}, {"a": 0.2, "b": 0.8}, first_weight=0.5))
    assert mixed == pytest.approx({"a": 0.6, "b": 0.4})
    assert blend({"a": 0.9, "b": 0.1}, {"a": 0.0, "b": 1.0}, first_weight=0.7)[0][0] == "a"
    assert blend({"a": 0.9, "b": 0.1}, {"a": 0.0, "b": 1.0}, first_weight=0.3)[0][0] == "b"


# --- the Rasa component ---------------------------------------------------------------------

rasa_message = pytest.importorskip("rasa.shared.nlu.training_data.message")


def _storage_and_context(tmp_path):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    return LocalModelStorage(tmp_path), Resource("intent_vote"), ExecutionContext(GraphSchema({}))


def _trained_vote(tmp_path, **config):
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from bot.adapters.rasa.intent_vote import IntentVote

    storage, resource, context = _storage_and_context(tmp_path)
    vote = IntentVote.create(config, storage, resource, context)
    texts, intents = _data()
    vote.train(TrainingData([rasa_message.Message(data={"text": t, "intent": i}) for t, i in zip(texts, intents)]))
    return vote, storage, resource, context


def _diet_said(text: str, ranking):
    return rasa_message.Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking})


def test_vote_averages_diet_with_the_linear_model_and_keeps_diets_guess(tmp_path) -> None:
    vote, *_ = _trained_vote(tmp_path)
    diet = [{"name": "out_of_scope", "confidence": 0.55}, {"name": "pesten_melden", "confidence": 0.45}]
    [out] = vote.process([_diet_said("ze schelden me uit in de pauze", diet)])
    assert out.get("intent")["name"] == "pesten_melden"  # DIET alone would have said out_of_scope
    ranking = out.get("intent_ranking")
    assert [r["confidence"] for r in ranking] == sorted((r["confidence"] for r in ranking), reverse=True)
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)
    assert out.get("diet_intent") == {"name": "out_of_scope", "confidence": 0.55}
    assert out.as_dict(only_output_properties=True)["diet_intent"]["name"] == "out_of_scope"


def test_vote_weight_one_is_diet_alone(tmp_path) -> None:
    vote, *_ = _trained_vote(tmp_path, diet_weight=1.0)
    diet = [{"name": "out_of_scope", "confidence": 0.55}, {"name": "pesten_melden", "confidence": 0.45}]
    [out] = vote.process([_diet_said("ze schelden me uit in de pauze", diet)])
    assert out.get("intent") == {"name": "out_of_scope", "confidence": pytest.approx(0.55)}


def test_vote_survives_save_and_load(tmp_path) -> None:
    from bot.adapters.rasa.intent_vote import IntentVote

    vote, storage, resource, context = _trained_vote(tmp_path)
    loaded = IntentVote.load({}, storage, resource, context)
    diet = [{"name": "groeten", "confidence": 0.5}, {"name": "out_of_scope", "confidence": 0.5}]
    [a] = vote.process([_diet_said("hallo", diet)])
    [b] = loaded.process([_diet_said("hallo", diet)])
    assert a.get("intent_ranking") == b.get("intent_ranking")


def test_missing_model_files_are_an_error_not_a_silent_no_op(tmp_path) -> None:
    from bot.adapters.rasa.intent_vote import IntentVote

    storage, resource, context = _storage_and_context(tmp_path)
    with pytest.raises(Exception):
        IntentVote.load({}, storage, resource, context)


def test_a_wrong_weight_names_the_field_and_the_file(tmp_path) -> None:
    from bot.adapters.rasa.intent_vote import IntentVote

    storage, resource, context = _storage_and_context(tmp_path)
    with pytest.raises(ValueError, match=r"diet_weight.*config\.yml"):
        IntentVote.create({"diet_weight": 1.5}, storage, resource, context)
