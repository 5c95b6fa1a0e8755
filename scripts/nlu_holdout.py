"""Benchmark: the trained NLU on the held-out sets, without servers.

Loads a model (default: the newest models/klankbord-*.tar.gz) and parses
- tests/nlu_holdout/core.yml and separate_authors.yml: intent accuracy per intent (texts never used
  for training), for the final intent and for DIET alone (``diet_intent``, before ``IntentVote``);
- tests/safety/{dev,holdout}.yml and tests/safety/extern/*.yml (independent sets by separate
  authors): which messages the NLU (DIET + SafetyNet) gives a category's help (as the intent, or as
  a second help), i.e. recall per category; false alarms (a danger intent or the careful question)
  on ordinary messages; and how many danger intents came from the classifiers alone (no rule fired).
A script that prints figures, not a test: the end-to-end safety test goes through the servers.
Usage: .venv/bin/python scripts/nlu_holdout.py [MODEL]
       .venv/bin/python scripts/nlu_holdout.py --parse "tekst" ["tekst" ...]   (intent per text)
"""
from __future__ import annotations

import asyncio
import logging
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DANGER = ["crisis", "acuut_gevaar", "strafbaar_feit", "onveilig_thuis"]


def _holdout_intents(name: str) -> dict[str, list[str]]:
    data = yaml.safe_load((ROOT / "tests" / "nlu_holdout" / name).read_text(encoding="utf-8"))
    return {block["intent"]: [line.strip()[2:] for line in block["examples"].splitlines() if line.strip()]
            for block in data["nlu"]}


async def _parse_all(agent, texts: list[str]) -> dict[str, dict]:
    return {t: await agent.parse_message(t) for t in texts}


def _quiet() -> None:
    """Rasa's debug logs print every parsed text; keep them (and the texts) out of the output."""
    import structlog

    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))


def main() -> int:
    _quiet()
    from rasa.core.agent import Agent

    args = sys.argv[1:]
    to_parse = args[args.index("--parse") + 1:] if "--parse" in args else []
    args = args[:args.index("--parse")] if "--parse" in args else args
    models = sorted((ROOT / "models").glob("klankbord-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    model = Path(args[0]) if args else (models[-1] if models else None)
    if model is None or not model.is_file():
        print("no model: run `make model` first", file=sys.stderr)
        return 1
    agent = Agent.load(str(model))
    if to_parse:
        for text, result in asyncio.run(_parse_all(agent, to_parse)).items():
            ranking = ", ".join(f"{r['name']} {r['confidence']:.2f}" for r in result["intent_ranking"][:3])
            print(f"{result['intent']['name']:24} {text!r}  [{ranking}]")
        return 0
    held = {name: _holdout_intents(name) for name in ("core.yml", "separate_authors.yml")}
    safety = {part: yaml.safe_load((ROOT / "tests" / "safety" / f"{part}.yml").read_text(encoding="utf-8"))
              for part in ("dev", "holdout")}
    for path in sorted((ROOT / "tests" / "safety" / "extern").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["gewoon"] = data.pop("ordinary", [])
        safety[f"extern/{path.stem}"] = data
    texts = [t for core in held.values() for ts in core.values() for t in ts]
    texts += [t for d in safety.values() for key in DANGER + ["gewoon"] for t in d.get(key, [])]
    parsed = asyncio.run(_parse_all(agent, texts))

    def intent(t: str) -> str:
        return parsed[t]["intent"]["name"]

    print(f"model: {model.name}")
    for file, core in held.items():
        _report_intents(file, core, parsed)

    for part, data in safety.items():
        print(f"\nsafety {part} (NLU only)")
        classifier_only = 0
        for cat in DANGER:  # recognised: the answer gives this category's help (first, or as a second help)
            hits = [t for t in data[cat] if cat in [intent(t)] + ((parsed[t].get("safety_net") or {}).get("also") or [])]
            classifier_only += sum(1 for t in hits if "rules" not in (parsed[t].get("safety_net") or {}))
            print(f"  {cat:16} recall {len(hits)}/{len(data[cat])}")
        alarms = defaultdict(list)
        for t in data["gewoon"]:
            if intent(t) in DANGER + ["twijfel_stoppen"]:
                alarms[intent(t)].append(round(parsed[t]["intent"]["confidence"], 3))
        n = sum(len(v) for v in alarms.values())
        print(f"  false alarms {n}/{len(data['gewoon'])} {dict(alarms)}; danger hits from the classifiers alone: {classifier_only}")
    return 0


def _report_intents(file: str, core: dict[str, list[str]], parsed: dict[str, dict]) -> None:
    """Accuracy per intent and macro-F1 over these intents: the final intent (a fallback counts as
    wrong), the best intent other than the fallback, and DIET's own guess (before ``IntentVote``)."""
    from sklearn.metrics import f1_score

    gold = [name for name, examples in core.items() for _ in examples]
    texts = [t for examples in core.values() for t in examples]
    final = [parsed[t]["intent"]["name"].split("/")[0] for t in texts]
    ranked = [next((r["name"] for r in parsed[t]["intent_ranking"] if r["name"] != "nlu_fallback"), "nlu_fallback")
              .split("/")[0] for t in texts]  # as `rasa test nlu` counts: a fallback is undone
    diet = [(parsed[t].get("diet_intent") or parsed[t]["intent"])["name"].split("/")[0] for t in texts]
    print(f"\nheld-out intents (tests/nlu_holdout/{file})")
    for name, examples in core.items():
        got = [f for g, f in zip(gold, final) if g == name]
        wrong = Counter(f for f in got if f != name)
        print(f"  {name:26} {got.count(name):3}/{len(got):3}  {dict(wrong) if wrong else ''}")
    for label, predicted in (("final", final), ("no fallback", ranked), ("DIET alone", diet)):
        right = sum(g == p for g, p in zip(gold, predicted))
        macro = f1_score(gold, predicted, labels=list(core), average="macro", zero_division=0)
        print(f"  {label:10} accuracy {right}/{len(gold)} = {right / len(gold):.1%}, macro-F1 over these intents {macro:.3f}")


if __name__ == "__main__":
    sys.exit(main())
