"""The Rasa-side speed-ups give what Rasa's own code gives: the memory store's pickled conversations
(bot/adapters/rasa/tracker_store.py), the event class table (event_types.py), the staff-answer
selector's gate (gated_selector.py) and the kept connections to the action server (action_client.py)."""
from __future__ import annotations

import asyncio

import pytest
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted, ActiveLoop, BotUttered, Event, SessionStarted, SlotSet, UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.utils.common import all_subclasses

from bot.adapters.rasa import event_types
from bot.adapters.rasa.gated_selector import GatedResponseSelector, may_become
from bot.adapters.rasa.tracker_store import ExpiringInMemoryTrackerStore
from tests.support.servers import ROOT


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def _conversation(domain: Domain, sender: str = "leerling") -> DialogueStateTracker:
    text_slot = next(s.name for s in domain.slots if s.type_name == "text")
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    for turn in range(6):
        events += [
            UserUttered(f"ze schelden me uit ({turn})", {"name": "pesten_melden", "confidence": 0.9},
                        [{"entity": "plek", "value": "kantine", "start": 0, "end": 2}],
                        parse_data={"intent": {"name": "pesten_melden", "confidence": 0.9},
                                    "intent_ranking": [{"name": "pesten_melden", "confidence": 0.9}],
                                    "text": f"ze schelden me uit ({turn})"}),
            ActionExecuted("report_form"), ActiveLoop("report_form"), SlotSet(text_slot, f"antwoord {turn}"),
            BotUttered("Waar gebeurt het?"), ActionExecuted("action_listen"),
        ]
    return DialogueStateTracker.from_events(sender, events, domain.slots)


def test_a_stored_conversation_comes_back_as_rasa_s_own_store_gives_it(domain) -> None:
    tracker = _conversation(domain)

    async def both():
        found = []
        for store in (InMemoryTrackerStore(domain), ExpiringInMemoryTrackerStore(domain)):
            await store.save(tracker)
            found.append(await store.retrieve(tracker.sender_id))
        return found

    rasa_own, ours = asyncio.run(both())
    assert ours is not tracker  # a new object: the processor may change it freely
    assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in rasa_own.events]
    assert ours.past_states(domain) == rasa_own.past_states(domain) == tracker.past_states(domain)
    # As saved (Rasa's replay of this made-up conversation even names the first message the latest).
    assert ours.current_state() == tracker.current_state()
    assert ours.latest_message.text == "ze schelden me uit (5)"


def test_a_conversation_saved_under_another_domain_is_rebuilt_with_this_one(domain) -> None:
    tracker = _conversation(domain)
    other = Domain.from_dict({**domain.as_dict(), "slots": {**domain.as_dict()["slots"], "extra_slot": {
        "type": "any", "mappings": [{"type": "custom"}]}}})
    old = ExpiringInMemoryTrackerStore(other)
    asyncio.run(old.save(DialogueStateTracker.from_events("leerling", list(tracker.events), other.slots)))
    new = ExpiringInMemoryTrackerStore(domain)
    new.store.update(old.store)
    back = asyncio.run(new.retrieve("leerling"))
    assert "extra_slot" not in back.slots and back.current_state() == tracker.current_state()


def test_every_event_name_gives_the_class_rasa_gives() -> None:
    event_types.install()
    original = event_types._original
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert len(names) > 20
    for name in names:
        assert Event.resolve_by_type(name) is original(name)
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no such event", SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("no such event")


def _message(*ranked: str) -> Message:
    ranking = [{"name": name, "confidence": 0.5 / (k + 1)} for k, name in enumerate(ranked)]
    return Message(data={"text": "x", "intent": dict(ranking[0]) if ranking else None, "intent_ranking": ranking})


@pytest.mark.parametrize("ranked, becomes", [
    (("vraag_aanpak", "pesten_melden"), "vraag_aanpak"),
    (("pesten_melden", "vraag_aanpak"), "pesten_melden"),
    # SafetyNet may demote a danger intent or the careful question: the next one counts.
    (("crisis", "twijfel_stoppen", "vraag_aanpak"), "vraag_aanpak"),
    (("onveilig_thuis", "groeten"), "groeten"),
    (("crisis",), None),  # nothing else to become: unknown, so the selector runs
    ((), None),
])
def test_the_gate_looks_past_what_the_safety_net_may_take_away(ranked, becomes) -> None:
    assert may_become(_message(*ranked)) == becomes


def test_only_messages_that_may_be_a_staff_question_are_selected_for(monkeypatch) -> None:
    selected = []
    monkeypatch.setattr(ResponseSelector, "process", lambda self, messages: selected.extend(messages) or messages)

    class Untrained(GatedResponseSelector):
        def __init__(self) -> None:  # no trained model: only the gate is under test here
            self.retrieval_intent = "vraag_aanpak"
            self.all_retrieval_intents = ["vraag_aanpak"]

    staff, pupil, unsure = _message("vraag_aanpak"), _message("pesten_melden"), _message("crisis")
    Untrained().process([staff, pupil, unsure])
    assert selected == [staff, unsure]
    assert pupil.get("response_selector") == {"all_retrieval_intents": ["vraag_aanpak"]}


def test_the_smallest_graph_for_a_run_is_the_one_rasa_works_out() -> None:
    from rasa.engine.graph import GraphSchema, SchemaNode

    from bot.adapters.rasa import graph_schema
    from bot.adapters.rasa.safety_net import SafetyNet

    def node(**needs: str) -> SchemaNode:
        return SchemaNode(needs=needs, uses=SafetyNet, constructor_name="create", fn="process", config={},
                          is_target=False)

    nodes = {"provide": node(), "tokens": node(messages="__message__", model="provide"),
             "intent": node(messages="tokens", model="provide"), "policy": node(tracker="__tracker__"),
             "unused": node(messages="tokens"), "end": node(intent="intent", policy="policy")}
    graph_schema.install()
    schema = GraphSchema(dict(nodes))
    for targets in (["end"], ["intent"], ["policy", "tokens"], None):
        first = schema.minimal_graph_schema(targets)
        assert first == graph_schema._original(GraphSchema(dict(nodes)), targets)
        assert schema.minimal_graph_schema(targets) is first  # remembered
    assert set(schema.minimal_graph_schema(["intent"]).nodes) == {"provide", "tokens", "intent"}
    schema.nodes = {**nodes, "extra": node(messages="end")}  # other nodes: worked out anew
    assert "extra" in schema.minimal_graph_schema(["extra"]).nodes


def test_the_rasa_server_runs_without_jax_and_with_two_malloc_arenas() -> None:
    """``klankbord-rasa`` (bot/entrypoints/rasa_server.py): TensorFlow and Rasa's classifiers import
    with JAX refused (TensorFlow's TFLite helper does without it), and glibc takes the arena limit
    (bot/adapters/rasa/memory.py)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from bot.entrypoints.rasa_server import REFUSED, RefuseImport, limit_arenas\n"
        "from bot.adapters.rasa.memory import give_back\n"
        "assert limit_arenas()\n"
        "sys.meta_path.insert(0, RefuseImport(REFUSED))\n"
        "import rasa.nlu.classifiers.diet_classifier, rasa.core.policies.ted_policy\n"
        "assert sys.modules['tensorflow.lite.python.util']._xla_computation is None\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in REFUSED]\n"
        "assert give_back() in (True, False)\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.stdout.strip().endswith("ok"), done.stderr[-2000:]


def test_the_safety_net_takes_over_only_the_pipeline_make_built() -> None:
    """``bot.language.safety.use_pipeline``: SpacyNLP's copy is used when it is the built pipeline's
    files, and a pipeline from anywhere else is refused."""
    from bot.language import safety
    from bot.language.pipeline import load_nlp, pipeline_path

    assert not safety.use_pipeline(object(), "/nowhere/klankbord_nl-other")
    nlp = load_nlp()
    assert safety.use_pipeline(nlp, str(pipeline_path()))
    assert safety._pipeline() is nlp
    assert not safety.use_pipeline(object(), str(pipeline_path()))  # the first one stays


def test_the_pipeline_s_lemmatizer_reads_the_rules_lemma_table() -> None:
    """``bot.language.safety.share_lemmas``: the pipeline's lemmatizer gives up its own copy of the
    lemma table for the rules' one, which holds the same; the lemmas stay the same; a second call,
    or a table that differs, shares nothing."""
    from spacy.lookups import Table

    from bot.domain.safety.normalisation import lemma_table
    from bot.language import safety
    from bot.language.pipeline import build

    nlp = build()
    text = "ze sloegen me en hebben mijn spullen gestolen, ik werd uitgescholden"
    before = [t.lemma_ for t in nlp(text)]
    assert safety.share_lemmas(nlp) and not safety.share_lemmas(nlp)
    assert nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup") is lemma_table()
    assert [t.lemma_ for t in nlp(text)] == before
    other = build()
    other.get_pipe("lemmatizer").lookups.set_table("lemma_lookup", Table.from_dict({"sloegen": "slaan"}))
    assert not safety.share_lemmas(other)


def test_calls_to_an_endpoint_share_one_kept_connection_and_send_the_same_json(monkeypatch) -> None:
    """Rasa's ``EndpointConfig.request`` against a real server on loopback: with ``action_client``
    the calls of one event loop come over one connection, with the endpoint's headers, and the
    server reads the body Rasa's own session would have sent."""
    import json

    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    from bot.adapters.rasa import action_client

    seen = []

    async def webhook(request: web.Request) -> web.Response:
        seen.append((request.transport.get_extra_info("peername")[1], request.headers.get("X-Secret"),
                     await request.json()))
        return web.json_response({"events": [], "responses": []})

    async def calls(kept: bool) -> None:
        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={"X-Secret": "s"})
        if kept:
            monkeypatch.setattr(EndpointConfig, "session", action_client._kept_session)
        body = {"tracker": {"events": [{"event": "user", "text": "ik word gepest \u00e9 / \"x\"", "c": 0.1}]},
                "n": [1, 2.5, None, True]}
        for _ in range(3):
            assert await endpoint.request(json=body, method="post") == {"events": [], "responses": []}
        await action_client.SESSIONS.close()
        await runner.cleanup()

    asyncio.run(calls(kept=False))
    asyncio.run(calls(kept=True))
    plain, kept = seen[:3], seen[3:]
    assert len({port for port, _, _ in plain}) == 3 and len({port for port, _, _ in kept}) == 1
    assert [(secret, body) for _, secret, body in kept] == [(secret, body) for _, secret, body in plain]
    assert json.dumps(kept[0][2], sort_keys=True) == json.dumps(plain[0][2], sort_keys=True)


def _sparse_messages(rng, count: int, features: int, form: str) -> list:
    """Messages as Rasa keeps them: one sparse matrix (tokens x features) each, some of them empty."""
    import scipy.sparse

    matrices = []
    for _ in range(count):
        tokens = int(rng.integers(1, 9))
        dense = (rng.random((tokens, features)) < 0.1) * rng.integers(1, 4, (tokens, features))
        if rng.random() < 0.1:
            dense[:] = 0  # a message without any of these features
        matrices.append(scipy.sparse.coo_matrix(dense) if form == "coo" else scipy.sparse.csr_matrix(dense))
    return matrices


@pytest.mark.parametrize("form", ["coo", "csr"])
def test_training_batches_are_the_arrays_rasa_makes(form) -> None:
    """``fast_batches.values_of`` gives what ``RasaDataGenerator._scipy_matrix_to_values`` gives: the
    same indices, values and shape, in the same order, with the same types (2-D: NLU messages;
    4-D: TED's dialogues, with the fake turns Rasa leaves out)."""
    import numpy as np
    from rasa.utils.tensorflow.model_data import FeatureArray

    from bot.adapters.rasa import fast_batches

    rng = np.random.default_rng(20261207)

    def same(made: list, rasa: list) -> None:
        assert [(a.dtype, a.shape) for a in made] == [(b.dtype, b.shape) for b in rasa]
        assert all(np.array_equal(a, b) for a, b in zip(made, rasa))

    for count in (1, 7, 64):
        messages = FeatureArray(np.array(_sparse_messages(rng, count, 30, form) + [None])[:-1], 3)
        same(fast_batches.values_of(messages), fast_batches._original(messages))

    import scipy.sparse
    fake = scipy.sparse.coo_matrix((0, 30))
    dialogues = [_sparse_messages(rng, int(rng.integers(1, 5)), 30, form) + [fake] for _ in range(9)]
    array = FeatureArray(np.array([np.array(d + [None], dtype=object)[:-1] for d in dialogues] + [None],
                                  dtype=object)[:-1], 4)
    same(fast_batches.values_of(array), fast_batches._original_4d(array))
    only_fake = FeatureArray(np.array([np.array([fake, None], dtype=object)[:-1]] + [None], dtype=object)[:-1], 4)
    same(fast_batches.values_of(only_fake), fast_batches._original_4d(only_fake))


def test_klankbord_rasa_makes_batches_in_one_pass_only_for_training() -> None:
    """``klankbord-rasa train`` and ``test`` install the batches of ``fast_batches`` and ``length_batches``
    and skip the cache's fingerprints (``cacheless_training``); a server (the action server among them)
    does not, so it imports no TensorFlow for them."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from bot.entrypoints import rasa_server\n"
        "import rasa.__main__\n"
        "rasa.__main__.main = lambda: print(sorted(m for m in sys.modules if m.startswith('bot.adapters.rasa.')\n"
        "                                          and m.endswith(('_batches', '_training'))))\n"
        "sys.argv = ['klankbord-rasa', sys.argv[1]]\n"
        "rasa_server.main()\n"
    )
    for command, installed in (("train", True), ("test", True), ("run", False)):
        done = subprocess.run([sys.executable, "-c", code, command], cwd=ROOT, capture_output=True, text=True,
                              timeout=300)
        expected = ("['bot.adapters.rasa.cacheless_training', 'bot.adapters.rasa.fast_batches', "
                    "'bot.adapters.rasa.length_batches']") if installed else "[]"
        assert done.stdout.strip() == expected, done.stderr[-2000:]


def test_similar_length_batches_keep_every_example_once_and_pad_less() -> None:
    """``length_batches.similar_length_order``: a permutation of the examples (each once); every full
    batch from one window, with the same intents as in Rasa's order; the short batch last; less
    padding than Rasa's shuffled order on lengths like ours; the same order again from the same seed."""
    import numpy as np

    from bot.adapters.rasa.length_batches import similar_length_order

    rng = np.random.default_rng(20261207)
    lengths = np.minimum(rng.geometric(0.12, 1000), 50)
    labels = rng.integers(0, 6, 1000)
    batch = 64

    def padded(order: np.ndarray) -> int:
        return sum(int(lengths[order[i:i + batch]].max()) * len(order[i:i + batch])
                   for i in range(0, len(order), batch))

    np.random.seed(7)
    order = similar_length_order(lengths, labels, batch, window=4)
    assert sorted(order.tolist()) == list(range(1000))
    before = sorted(sorted(labels[i:i + batch].tolist()) for i in range(0, 1000, batch))
    after = sorted(sorted(labels[order[i:i + batch]].tolist()) for i in range(0, 1000, batch))
    assert after == before  # each batch keeps its intents
    for start in range(0, 1000, batch):
        window = start // (batch * 4)
        assert all(i // (batch * 4) == window for i in order[start:start + batch])
    assert len(order[960:]) == 40 and order[960:].min() >= 768  # the short batch last, from the last window
    assert padded(order) < 0.85 * padded(np.arange(1000))
    np.random.seed(7)
    assert np.array_equal(similar_length_order(lengths, labels, batch, window=4), order)


def test_only_diet_itself_trains_on_similar_length_batches() -> None:
    """``length_batches.install`` changes the batches while ``DIETClassifier`` trains, not while a
    subclass (the response selector) or TED does, and not outside training."""
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.nlu.selectors.response_selector import ResponseSelector

    from bot.adapters.rasa import length_batches

    seen = []

    def record(self, training_data):
        seen.append(getattr(length_batches._training, "diet", False))

    original = length_batches._original_train
    try:
        length_batches._original_train = record
        length_batches._train(DIETClassifier.__new__(DIETClassifier), None)
        length_batches._train(ResponseSelector.__new__(ResponseSelector), None)
    finally:
        length_batches._original_train = original
    assert seen == [True, False]
    assert getattr(length_batches._training, "diet", False) is False


def test_the_split_entity_ruler_finds_the_matches_spacy_s_ruler_finds() -> None:
    """``vocabulary_matcher.speed_up``: the school-vocabulary ruler split into phrase matchers, one-word
    regexes and a smaller ``Matcher`` finds the same (key, start, end) matches as spaCy's own ruler, over
    a share of the corpus and long messages; splitting twice does nothing."""
    from bot.adapters.rasa import vocabulary_matcher
    from bot.language.pipeline import build
    from tests.support.corpus import corpus

    spacy_s, split = build(), build()
    assert vocabulary_matcher.speed_up(split) and not vocabulary_matcher.speed_up(split)
    matcher = split.get_pipe("entity_ruler").matcher
    assert min(map(len, matcher.phrases)) > 40 and len(matcher.regexes) > 30 and len(matcher.tokens) < 20  # keys
    every = sorted(corpus())
    texts = [t.lower() for t in every[::7]] + [" ".join(every[k::400])[:2000].lower() for k in range(5)]
    found = 0
    for text in texts:
        a, b = spacy_s(text), split(text)
        expected = set(spacy_s.get_pipe("entity_ruler").match(a))
        assert set(split.get_pipe("entity_ruler").match(b)) == expected, text
        found += len(expected)
    assert found > 1000


def test_the_training_hook_fingerprints_only_for_a_cache_that_keeps_something(monkeypatch, tmp_path) -> None:
    """``cacheless_training``: with Rasa's cache switched off (``RASA_MAX_CACHE_SIZE=0``) the training
    hook neither fingerprints a node's inputs nor its output; with a cache it does, as Rasa's."""
    from rasa.engine.caching import LocalTrainingCache
    from rasa.engine.graph import ExecutionContext, GraphSchema, SchemaNode
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.training import fingerprinting
    from rasa.engine.training.hooks import TrainingHook
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

    from bot.adapters.rasa import cacheless_training

    fingerprinted = []
    monkeypatch.setattr(fingerprinting, "calculate_fingerprint_key",
                        lambda **kwargs: fingerprinted.append("inputs") or "key")
    monkeypatch.setattr("rasa.shared.utils.io.deep_container_fingerprint",
                        lambda output: fingerprinted.append("output") or "output")
    schema = GraphSchema({"tokenize": SchemaNode(needs={}, uses=WhitespaceTokenizer, fn="process",
                                                 constructor_name="create", config={})})
    context = ExecutionContext(graph_schema=schema)
    monkeypatch.setattr(TrainingHook, "on_before_node", cacheless_training.on_before_node)
    monkeypatch.setattr(TrainingHook, "on_after_node", cacheless_training.on_after_node)
    monkeypatch.setenv("RASA_CACHE_DIRECTORY", str(tmp_path / "cache"))
    for size, expected in (("0", []), ("10", ["inputs", "output"])):
        monkeypatch.setenv("RASA_MAX_CACHE_SIZE", size)
        fingerprinted.clear()
        hook = TrainingHook(LocalTrainingCache(), LocalModelStorage(tmp_path / f"storage{size}"), schema)
        data = hook.on_before_node("tokenize", context, {}, {})
        hook.on_after_node("tokenize", context, {}, "not cacheable", data)
        assert fingerprinted == expected
