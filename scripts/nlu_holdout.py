"""Benchmark (`make nlu-bench`): the trained NLU on every held-out and independent set, without servers.

Loads a model (default: the newest models/klankbord-*.tar.gz) and parses
- every intent set tests/nlu_holdout/*.yml (Rasa NLU format; texts never used for training; a file
  in another format, such as the writers' notes, is named and skipped): accuracy, macro-F1 over the
  set's intents and recall per intent, for the final intent, for the best intent other than the
  fallback (as `rasa test nlu` counts) and for DIET alone (``diet_intent``, before ``IntentVote``);
  labels ``vraag_aanpak/<answer>`` count as ``vraag_aanpak`` there, and make the set a staff set:
  the staff guidance (ResponseSelector) macro-F1 over its answers;
- every safety set, tests/safety/{dev,holdout}.yml and tests/safety/extern/*.yml (independent sets
  by separate authors): danger recall (any danger help given), recall per category (that
  category's help given, as the intent or as a second help: ``helps_given``), false alarms (a
  danger help or the careful question on an ordinary message), the careful question on the
  ambiguous ones, and how many danger hits came from the classifiers alone (no rule fired);
- the training time recorded beside the model by scripts/train.py.
A script that prints figures, not a test: the end-to-end safety test goes through the servers.
Usage: .venv/bin/python scripts/nlu_holdout.py [MODEL] [--json FILE]
       .venv/bin/python scripts/nlu_holdout.py --parse "tekst" ["tekst" ...]   (intent per text)
"""
from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.train import training_record_of  # noqa: E402

DANGER = ["crisis", "acuut_gevaar", "strafbaar_feit", "onveilig_thuis"]
CAREFUL_QUESTION_INTENT = "twijfel_stoppen"
FALLBACK = "nlu_fallback"
STAFF_INTENT = "vraag_aanpak"
INTENT_SETS = ROOT / "tests" / "nlu_holdout"
SAFETY = ROOT / "tests" / "safety"
# The safety sets name their parts in Dutch (dev, holdout) or English (extern/).
SAFETY_PARTS = {"gewoon": "ordinary", "ordinary": "ordinary", "ambigu": "ambiguous", "ambiguous": "ambiguous"}

Labelled = List[Tuple[str, str]]  # (label, text)


def helps_given(parse: dict) -> List[str]:
    """The danger categories whose help the answer gives: the intent, and a second help the safety
    net adds (``also``). The one definition of "recognised" for the safety sets here."""
    named = [parse["intent"]["name"]] + ((parse.get("safety_net") or {}).get("also") or [])
    return [c for c in DANGER if c in named]


def is_false_alarm(parse: dict) -> bool:
    """An ordinary message that gets a danger help or the careful question."""
    return bool(helps_given(parse)) or parse["intent"]["name"] == CAREFUL_QUESTION_INTENT


def intent_set(path: Path) -> Optional[Labelled]:
    """(label, text) for each example of a Rasa NLU file; None for a file in another format."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    blocks = data.get("nlu") if isinstance(data, dict) else None
    if not isinstance(blocks, list) or not all(isinstance(b, dict) and "intent" in b for b in blocks):
        return None
    return [(block["intent"], line.strip()[2:].strip()) for block in blocks
            for line in block["examples"].splitlines() if line.strip().startswith("- ")]


def safety_set(path: Path) -> Dict[str, List[str]]:
    """A safety set's messages per danger category, ``ordinary`` and ``ambiguous``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {SAFETY_PARTS.get(key, key): value for key, value in data.items() if isinstance(value, list)}


def safety_sets() -> List[Path]:
    return [SAFETY / "dev.yml", SAFETY / "holdout.yml"] + sorted((SAFETY / "extern").glob("*.yml"))


async def _parse_all(agent, texts: List[str]) -> Dict[str, dict]:
    return {t: await agent.parse_message(t) for t in dict.fromkeys(texts)}


def quiet_rasa_logs() -> None:
    """Rasa's debug logs print every parsed text; keep them (and the texts) out of the output."""
    import structlog

    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))


def _newest_model() -> Optional[Path]:
    models = sorted((ROOT / "models").glob("klankbord-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def main() -> int:
    args = sys.argv[1:]
    to_parse = args[args.index("--parse") + 1:] if "--parse" in args else []
    args = args[:args.index("--parse")] if "--parse" in args else args
    json_out = None
    if "--json" in args:
        json_out = Path(args[args.index("--json") + 1])
        del args[args.index("--json"):args.index("--json") + 2]
    model = Path(args[0]) if args else _newest_model()
    if model is None or not model.is_file():
        print("no model: run `make model` first", file=sys.stderr)
        return 1
    quiet_rasa_logs()
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    if to_parse:
        for text, result in asyncio.run(_parse_all(agent, to_parse)).items():
            ranking = ", ".join(f"{r['name']} {r['confidence']:.2f}" for r in result["intent_ranking"][:3])
            print(f"{result['intent']['name']:24} {text!r}  [{ranking}]")
        return 0

    held, skipped = {}, []
    for path in sorted(INTENT_SETS.glob("*.yml")):
        examples = intent_set(path)
        if examples is None:
            skipped.append(path)
        else:
            held[path] = examples
    safety = {path: safety_set(path) for path in safety_sets()}
    texts = [t for examples in held.values() for _, t in examples]
    texts += [t for data in safety.values() for part in data.values() for t in part]
    parsed = asyncio.run(_parse_all(agent, texts))

    figures: dict = {"model": model.name, "training": _training(model)}
    print(f"model: {model}")
    for path in skipped:
        print(f"\nskipped {path.relative_to(ROOT)}: not an intent set (no Rasa `nlu:` intent blocks)")
    figures["intent_sets"] = {str(p.relative_to(ROOT)): _report_intents(p, ex, parsed) for p, ex in held.items()}
    if not any(f.get("staff_guidance") for f in figures["intent_sets"].values()):
        print(f"\nstaff guidance (ResponseSelector): no held-out staff set (no `{STAFF_INTENT}/<answer>` labels in"
              f" tests/nlu_holdout/); its only figure is cross-validation (make cv)")
    figures["safety_sets"] = {str(p.relative_to(ROOT)): _report_safety(p, d, parsed) for p, d in safety.items()}
    _print_summary(figures)
    if json_out:
        json_out.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def _training(model: Path) -> Optional[dict]:
    record = training_record_of(model)
    return json.loads(record.read_text(encoding="utf-8")) if record.is_file() else None


def _report_intents(path: Path, examples: Labelled, parsed: Dict[str, dict]) -> dict:
    """Recall per intent and accuracy and macro-F1 over the set's intents: the final intent (a fallback
    counts as wrong), the best intent other than the fallback, and DIET's own guess (before
    ``IntentVote``); for ``vraag_aanpak/<answer>`` labels also the ResponseSelector's answer."""
    from sklearn.metrics import f1_score

    texts = [t for _, t in examples]
    gold = [label.split("/")[0] for label, _ in examples]
    intents = list(dict.fromkeys(gold))
    final = [parsed[t]["intent"]["name"].split("/")[0] for t in texts]
    ranked = [next((r["name"] for r in parsed[t]["intent_ranking"] if r["name"] != FALLBACK), FALLBACK)
              .split("/")[0] for t in texts]
    diet = [(parsed[t].get("diet_intent") or parsed[t]["intent"])["name"].split("/")[0] for t in texts]
    print(f"\nintent set {path.relative_to(ROOT)} ({len(texts)} messages, {len(intents)} intents)")
    recall = {}
    for name in intents:
        got = [f for g, f in zip(gold, final) if g == name]
        wrong = Counter(f for f in got if f != name)
        recall[name] = got.count(name) / len(got)
        print(f"  {name:26} recall {recall[name]:.3f} {got.count(name):3}/{len(got):3}  "
              f"{dict(wrong.most_common()) if wrong else ''}")
    out: dict = {"messages": len(texts), "recall": recall,
                 "wrong": [[g, f, t] for g, f, t in zip(gold, final, texts) if g != f]}
    for label, predicted in (("final", final), ("no fallback", ranked), ("DIET alone", diet)):
        right = sum(g == p for g, p in zip(gold, predicted))
        macro = f1_score(gold, predicted, labels=intents, average="macro", zero_division=0)
        out[label] = {"accuracy": right / len(gold), "macro_f1": macro}
        print(f"  {label:11} accuracy {right}/{len(gold)} = {right / len(gold):.1%}, macro-F1 {macro:.3f}")
    staff = [(label, t) for label, t in examples if label.startswith(STAFF_INTENT + "/")]
    if staff:
        answers = [label for label, _ in staff]
        chosen = [((parsed[t].get("response_selector") or {}).get(STAFF_INTENT) or {})
                  .get("response", {}).get("intent_response_key") or "" for _, t in staff]
        macro = f1_score(answers, chosen, labels=sorted(set(answers)), average="macro", zero_division=0)
        right = sum(a == c for a, c in zip(answers, chosen))
        out["staff_guidance"] = {"messages": len(staff), "accuracy": right / len(staff), "macro_f1": macro}
        print(f"  staff guidance (ResponseSelector over {len(set(answers))} answers): {right}/{len(staff)} right,"
              f" macro-F1 {macro:.3f}")
    return out


def _report_safety(path: Path, data: Dict[str, List[str]], parsed: Dict[str, dict]) -> dict:
    print(f"\nsafety set {path.relative_to(ROOT)} (NLU only)")
    out: dict = {"categories": {}, "missed": [], "alarms": []}
    found = total = classifier_only = 0
    for category in [c for c in DANGER if c in data]:
        messages = data[category]
        hits = [t for t in messages if category in helps_given(parsed[t])]
        found += sum(1 for t in messages if helps_given(parsed[t]))
        total += len(messages)
        classifier_only += sum(1 for t in hits if "rules" not in (parsed[t].get("safety_net") or {}))
        out["categories"][category] = [len(hits), len(messages)]
        out["missed"] += [[category, parsed[t]["intent"]["name"], t] for t in messages if t not in hits]
        print(f"  {category:16} category recall {len(hits)}/{len(messages)}")
    out["danger_recall"] = [found, total]
    print(f"  danger recall (any danger help given) {found}/{total} = {found / max(total, 1):.1%}")
    ordinary = data.get("ordinary", [])
    alarms = defaultdict(list)
    for t in ordinary:
        if is_false_alarm(parsed[t]):
            alarms[parsed[t]["intent"]["name"]].append(round(parsed[t]["intent"]["confidence"], 3))
            out["alarms"].append([parsed[t]["intent"]["name"], t])
    n = sum(len(v) for v in alarms.values())
    out["false_alarms"] = [n, len(ordinary)]
    print(f"  false alarms {n}/{len(ordinary)} = {n / max(len(ordinary), 1):.1%} {dict(alarms)}")
    ambiguous = data.get("ambiguous", [])
    if ambiguous:
        careful = sum(parsed[t]["intent"]["name"] == CAREFUL_QUESTION_INTENT for t in ambiguous)
        out["careful_question"] = [careful, len(ambiguous)]
        print(f"  ambiguous -> the careful question {careful}/{len(ambiguous)}")
    out["classifier_only"] = classifier_only
    print(f"  danger hits from the classifiers alone: {classifier_only}")
    return out


def _print_summary(figures: dict) -> None:
    print("\nsummary")
    for name, f in figures["intent_sets"].items():
        staff = f" · staff guidance macro-F1 {f['staff_guidance']['macro_f1']:.3f}" if "staff_guidance" in f else ""
        print(f"  {name:44} accuracy {f['final']['accuracy']:.1%}, macro-F1 {f['final']['macro_f1']:.3f}"
              f" (no fallback {f['no fallback']['macro_f1']:.3f}){staff}")
    for name, f in figures["safety_sets"].items():
        cats = " ".join(f"{c[:6]} {h}/{n}" for c, (h, n) in f["categories"].items())
        (found, total), (alarms, ordinary) = f["danger_recall"], f["false_alarms"]
        print(f"  {name:44} danger {found}/{total}, {cats}, false alarms {alarms}/{ordinary}")
    training = figures["training"]
    if training is None:
        print("  training time: not recorded (train with scripts/train.py, which writes it beside the model)")
    else:
        parts = ", ".join(f"{k} {v:.0f} s" for k, v in sorted(training["components"].items(), key=lambda kv: -kv[1])
                          if v >= 5)
        load = " ".join(f"{x:.2f}" for x in training["load_average_before"])
        cpu = f", {training['cpu_seconds'] / 60:.1f} CPU min" if "cpu_seconds" in training else ""
        cached = training.get("restored_from_cache")
        print(f"  training time: {training['seconds'] / 60:.1f} min{cpu} on {training['cpus']} cores (load average"
              f" before: {load}; {training['finished']}); {parts}"
              + (f"; NOT a full training: {', '.join(cached)} restored from Rasa's cache" if cached else ""))


if __name__ == "__main__":
    sys.exit(main())
