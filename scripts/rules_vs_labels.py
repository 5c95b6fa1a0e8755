"""Benchmark: where the safety rules and the training labels disagree.

The safety net's rules overrule both classifiers, so every training message on which they name
another intent than its label is an error in cross-validation, whatever DIET learns. This prints
those messages by (label, rules) pair, with the rules that fired: each is either a rule to mend or
a label to review. A script that prints figures, not a test; about a minute.
Usage: .venv/bin/python scripts/rules_vs_labels.py [NLU_PATH]   (default data/nlu)
"""
from __future__ import annotations

import logging
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    logging.disable(logging.WARNING)
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.adapters.rasa.safety_net import intent_for
    from bot.language.safety import assess

    nlu = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "data" / "nlu")
    examples = load_data(nlu).intent_examples
    disagree: dict[tuple[str, str], list[str]] = defaultdict(list)
    for example in examples:
        label = example.get("intent").split("/")[0]
        signal = assess(example.get("text"))
        said = intent_for(signal)
        if said is not None and said != label:
            disagree[(label, said)].append(f"{example.get('text')}   <- {', '.join(signal.matched)}")
    for (label, said), lines in sorted(disagree.items(), key=lambda kv: -len(kv[1])):
        print(f"\nlabel {label}, rules {said}: {len(lines)}")
        for line in lines:
            print("   ", line)
    total = sum(len(v) for v in disagree.values())
    print(f"\nrules and labels disagree on {total} of {len(examples)} training messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
