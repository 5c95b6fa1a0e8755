"""How well Klankbord knows who is writing, from a first message alone.

Runs ``bot.dialogue.writer`` over the frozen set of opening messages by separate authors
(tests/nlu_holdout/writers_2026-12-06.yml; never used to tune) and prints, for all and per
label: right (the writer recognised), asked (not clear, so the chat asks; for an unclear message
that is the right outcome), wrong (a writer guessed wrong without asking, also any writer named
for an unclear message), and "recognised or asked" (right + asked).

    .venv/bin/python scripts/writer_recognition.py            # the figures
    .venv/bin/python scripts/writer_recognition.py --wrong    # also every wrong guess

Exit 1 when fewer than 90 % are recognised or asked.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.dialogue.writer import role_of  # noqa: E402

SET = ROOT / "tests" / "nlu_holdout" / "writers_2026-12-06.yml"
LABELS: Dict[str, Optional[str]] = {
    "leerling_zelf": "leerling", "leerling_over_ander": "getuige", "ouder": "ouder",
    "medewerker": "medewerker", "onduidelijk": None,
}
REQUIRED = 0.90


def outcomes(path: Path = SET) -> List[Tuple[str, str, str, Optional[str]]]:
    """(label, text, outcome, found) per message; outcome is right, asked or wrong."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for label, texts in data.items():
        expected = LABELS[label]
        for text in texts:
            found = role_of(text)
            if found is None:
                outcome = "asked"  # also for an unclear message: asking is what it needs
            else:
                outcome = "right" if found == expected else "wrong"
            out.append((label, text, outcome, found))
    return out


def _line(name: str, rows: List[Tuple[str, str, str, Optional[str]]]) -> str:
    c = Counter(outcome for _, _, outcome, _ in rows)
    n = len(rows)
    return (f"{name:20} {n:4}  right {c['right'] / n:6.1%}  asked {c['asked'] / n:6.1%}  wrong {c['wrong'] / n:6.1%}"
            f"  recognised or asked {(c['right'] + c['asked']) / n:6.1%}")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wrong", action="store_true", help="print every wrong guess")
    args = parser.parse_args(argv)
    rows = outcomes()
    print(_line("all", rows))
    for label in LABELS:
        mine = [r for r in rows if r[0] == label]
        if mine:
            print(_line(label, mine))
    if args.wrong:
        for label, text, outcome, found in rows:
            if outcome == "wrong":
                print(f"  {label} -> {found}: {text}")
    share = sum(1 for r in rows if r[2] != "wrong") / len(rows)
    return 0 if share >= REQUIRED else 1


if __name__ == "__main__":
    sys.exit(main())
