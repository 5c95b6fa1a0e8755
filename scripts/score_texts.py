"""Every text Klankbord can send in the chat, rendered and scored per audience.

Renders the domain.yml responses and every text of bot/texts (through the same dialogue functions
the actions call) for every writer (not known yet, pupil, pupil about someone else, parent, staff),
for every school file in schools/ with both ``parent_register`` values, and scores each bubble per
audience (pupil, parent, staff): words and Flesch-Douma (bot/texts/readability.py). A text for a
writer not known yet is a pupil's (anyone may be a child); a text its sender words the same for
everyone counts for every audience. The notification mail and the desk's pages are not chat.

    .venv/bin/python scripts/score_texts.py            # figures per audience and what is over
    .venv/bin/python scripts/score_texts.py --all      # every bubble with its figures

Exit 1 when a limit is broken (tests/unit/test_text_limits.py runs the same check).
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.dialogue import asking, help_first  # noqa: E402
from bot.dialogue import report_form as form  # noqa: E402
from bot.dialogue.turn import Message  # noqa: E402
from bot.domain.chat_limits import Verdict  # noqa: E402
from bot.domain.desk import NazorgAnswer, PupilMessage  # noqa: E402
from bot.domain.report import (  # noqa: E402
    Confidentiality, Report, ReporterRole, SafetyCategory, Status, Urgency,
)
from bot.domain.school import DEFAULT_SCHOOLS, SchoolConfig, load_schools  # noqa: E402
from bot.texts import answers, chat_guard, followup, help as help_texts, questions  # noqa: E402
from bot.texts.readability import AUDIENCES, LIMITS, Scored, score, violations  # noqa: E402
from bot.texts.voice import Voice  # noqa: E402

Bubble = Tuple[str, Voice, str]  # (name, who it is sent to, text)

ROLES: Tuple[Optional[str], ...] = (None, "leerling", "getuige", "ouder", "medewerker")
ANSWER_AUDIENCES = ("leerling", "ouder", "medewerker")
SAMPLE_STORY = "ze schelden me uit in de kleedkamer"
SAMPLE_SLOTS = {
    "description": SAMPLE_STORY, "kinds": ["schelden"], "places": ["kleedkamer"], "moment": "pauze",
    "frequency": "elke_dag", "since_when": "sinds de zomer", "people_involved": "twee jongens uit 2b",
    "about_adult": "nee", "already_told": "nog niemand", "desired_outcome": "dat het stopt",
    "confidentiality": "vertrouwelijk", "contact": "Sam, 1b",
}


def schools(folder: Path = DEFAULT_SCHOOLS) -> List[SchoolConfig]:
    """Every school file, each with both ways of addressing parents."""
    out = []
    for config in load_schools(folder):
        for register in ("u", "je"):
            out.append(dataclasses.replace(config, parent_register=register))
    return out


def _voices(config: SchoolConfig) -> List[Voice]:
    return [Voice.of(role, config) for role in ROLES]


def _to_everyone(config: SchoolConfig, name: str, text: str) -> Iterator[Bubble]:
    """A text its sender words the same for every writer: each writer may read it."""
    for voice in _voices(config):
        yield name, voice, text


# domain.yml responses an action sends in the middle of a report, when the writer is known.
IN_REPORT_RESPONSES = ("utter_bot_challenge",)


def _domain_responses(config: SchoolConfig) -> Iterator[Bubble]:
    """domain.yml's responses: outside a report (the writer not known: a report's end forgets the
    role), and those an action sends inside a report to every writer."""
    data = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variants in (data.get("responses") or {}).items():
        for i, variant in enumerate(variants):
            if not variant.get("text"):
                continue
            if name in IN_REPORT_RESPONSES:
                yield from _to_everyone(config, f"domain.yml/{name}[{i}]", variant["text"])
            else:
                yield f"domain.yml/{name}[{i}]", Voice(), variant["text"]


def _answer_bubbles(name: str, voice: Voice, answer: answers.Answer) -> Iterator[Bubble]:
    for i, part in enumerate(answer.bubbles):
        yield f"{name}[{i}]", voice, part


def staff_responses() -> Dict[str, str]:
    """The staff guidance of data/nlu/aanpak.yml (the ResponseSelector's texts), by sub-intent."""
    data = yaml.safe_load((ROOT / "data" / "nlu" / "aanpak.yml").read_text(encoding="utf-8"))
    return {key.split("/", 1)[1]: variants[0]["text"] for key, variants in data["responses"].items()}


def _answers(config: SchoolConfig) -> Iterator[Bubble]:
    for who in ANSWER_AUDIENCES:
        voice = Voice.of(who, config)
        yield from _answer_bubbles(f"answers.who_to_turn_to/{who}", voice, answers.who_to_turn_to(config, who))
        yield from _answer_bubbles(f"answers.complaint_route/{who}", voice, answers.complaint_route(config, who))
        yield from _answer_bubbles(f"answers.confidentiality_explained/{who}", voice,
                                   answers.confidentiality_explained(config, who))
    pupil, staff = Voice.of("leerling", config), Voice.of("medewerker", config)
    yield from _answer_bubbles("answers.what_is_bullying", pupil, answers.what_is_bullying(config))
    yield from _answer_bubbles("answers.what_to_do_pupil", pupil, answers.what_to_do_pupil(config))
    for who in ("leerling", "getuige"):
        yield from _answer_bubbles("answers.what_to_do_pupil", Voice.of(who, config), answers.what_to_do_pupil(config))
    parent = Voice.of("ouder", config)
    yield from _answer_bubbles("answers.what_to_do_parent", parent, answers.what_to_do_parent(config, "ouder"))
    yield from _answer_bubbles("answers.who_asks", Voice(), answers.who_asks(lambda who: who))
    for sub, text in staff_responses().items():
        yield from _answer_bubbles(f"answers.staff_guidance/{sub}", staff,
                                   answers.staff_guidance(config, f"vraag_aanpak/{sub}", text))
    yield from _answer_bubbles("answers.staff_guidance/none", staff, answers.staff_guidance(config, None, None))


def _help(config: SchoolConfig) -> Iterator[Bubble]:
    """The help when danger is heard, as the dialogue sends it to each writer."""
    for category in SafetyCategory:
        for voice in _voices(config):
            for active in (True, False):
                outcome = help_first.safety_help_turn(
                    Message("x", category.value, {"also": [c.value for c in SafetyCategory]}),
                    {"reporter_role": voice.role}, config, active)
                for i, (text, _) in enumerate(outcome.replies):
                    yield f"help.{category.value}/{'form' if active else 'chat'}[{i}]", voice, text
    for voice in _voices(config):
        replies = help_first.careful_question_replies(Message("ik kan niet meer"), config, {"reporter_role": voice.role})
        for i, (text, _) in enumerate(replies):
            yield f"help.careful_question[{i}]", voice, text
    for i, text in enumerate(help_texts.hulp_nu_messages(config)):
        yield from _to_everyone(config, f"help.hulp_nu[{i}]", text)


def _report_form(config: SchoolConfig) -> Iterator[Bubble]:
    for voice in _voices(config):
        role = voice.role
        slots = {"reporter_role": role}
        for first in ("ik wil iets melden", SAMPLE_STORY):
            outcome = asking.start(Message(first, "pesten_melden"), slots, config)
            for i, (text, _) in enumerate(outcome.replies):
                yield f"report.start/{len(first.split())}w[{i}]", voice, text
        for paused in (True, False):
            for i, (text, _) in enumerate(asking.resume({**slots, "report_paused": paused}, config).replies):
                yield f"report.resume/{'paused' if paused else 'new'}[{i}]", voice, text
        for slot in asking.ASKED_SLOTS:
            for adult in ("ja", "nee"):
                for share in ("vertrouwelijk", "mag_gedeeld"):
                    full = {**SAMPLE_SLOTS, **slots, "about_adult": adult, "confidentiality": share,
                            "share_with": ["mentor"] if share == "mag_gedeeld" else None}
                    for i, (text, _) in enumerate(asking.ask(slot, full, config)):
                        yield f"report.ask/{slot}/{adult}/{share}[{i}]", voice, text
        if role is not None:
            for report in _reports(config, ReporterRole(role)):
                for secret in ("wolk-tijger-47", None):
                    for i, text in enumerate(form.after_submit(config, report, secret)):
                        yield (f"report.after_submit/{report.confidentiality.value}/"
                               f"{'urgent' if report.is_urgent else 'normal'}/{'adult' if report.about_adult else '-'}/"
                               f"{'contact' if report.contact else 'no-contact'}/{'secret' if secret else '-'}[{i}]",
                               voice, text)
    for voice in _voices(config):
        for adult in ("ja", "nee"):
            yield (f"report.submit_failed/{adult}", voice,
                   form.submit_failed(config, {"reporter_role": voice.role, "about_adult": adult}))
    for name, (text, _) in questions.MESSAGES.items():
        yield from _to_everyone(config, f"questions.MESSAGES/{name}", text)
    yield from _to_everyone(config, "questions.ask_again", questions.ask_again())


def _reports(config: SchoolConfig, role: ReporterRole) -> Iterator[Report]:
    for choice in Confidentiality:
        for urgent in (False, True):
            for adult in (False, True):
                for contact in ((None,) if choice is Confidentiality.ANONIEM else ("Sam, 1b", None)):
                    for created in (datetime(2026, 12, 17, 10, 0, tzinfo=timezone.utc),  # holidays ahead
                                    datetime(2027, 9, 6, 10, 0, tzinfo=timezone.utc)):  # past the list
                        yield Report(
                            reference="K7QH-RM4C-XWN9", school_id=config.school_id, reporter_role=role,
                            description=SAMPLE_STORY, confidentiality=choice, about_adult=adult, contact=contact,
                            urgency=Urgency.HOOG if urgent else Urgency.NORMAAL,
                            urgency_reason=SafetyCategory.CRISIS if urgent else None,
                            share_with=["mentor"] if choice is Confidentiality.MAG_GEDEELD else [],
                            created_at=created,
                        )


def _followup(config: SchoolConfig) -> Iterator[Bubble]:
    """The follow-up with code and secret: a new conversation, the writer not known."""
    f = followup
    plain = {
        "start": f.start(), "ask_code": f.ask_code()[0], "code_not_readable": f.code_not_readable(),
        "code_lost": f.code_lost(config), "ask_secret": f.ask_secret()[0], "denied": f.denied(config),
        "try_later": f.try_later(config), "ask_nazorg": f.ask_nazorg()[0], "not_understood": f.not_understood(),
        "ask_addition": f.ask_addition(config)[0], "addition_saved": f.addition_saved(config),
        "addition_failed": f.addition_failed(config), "goodbye": f.goodbye(), "stopped": f.stopped(),
        "failed": f.failed(config),
    }
    for status in Status:
        plain[f"status/{status.value}"] = f.status_text(config, status)
    for answer in NazorgAnswer:
        plain[f"nazorg_thanks/{answer.value}"] = f.nazorg_thanks(config, answer)
    plain["messages/none"] = f.messages_text(config, [])[0]
    message = PupilMessage("Kun je morgen in de pauze even langskomen?", "ap",
                           datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc))
    plain["messages/one"] = f.messages_text(config, [message])[0]
    for name, text in plain.items():
        yield f"followup.{name}", Voice(), text


def _chat_guard(config: SchoolConfig) -> Iterator[Bubble]:
    """The chat channel's own answers: before any dialogue, the writer not known."""
    g = chat_guard
    for name in ("TOO_LONG", "TOO_LONG_AFTER_HELP", "UNREADABLE"):
        yield f"chat_guard.{name}", Voice(), getattr(g, name)
    for verdict in Verdict:
        if verdict is Verdict.ADMIT:
            continue
        for i, text in enumerate(g.refused(verdict, config)):
            yield f"chat_guard.refused/{verdict.value}[{i}]", Voice(), text
    for i, text in enumerate(g.not_answered(config)):
        yield f"chat_guard.not_answered[{i}]", Voice(), text
    for i, text in enumerate(g.unknown_school(config)):
        yield f"chat_guard.unknown_school[{i}]", Voice(), text


PARTS = (_domain_responses, _answers, _help, _report_form, _followup, _chat_guard)


def rendered(configs: Optional[List[SchoolConfig]] = None) -> List[Bubble]:
    """Every bubble for every writer at every school (both registers), once per (writer, text);
    named ``<school>/<register>:<where>/<role>``."""
    seen = set()
    out: List[Bubble] = []
    for config in configs or schools():
        tag = f"{config.school_id}/{config.parent_register}"
        for part in PARTS:
            for name, voice, text in part(config):
                key = (voice, text.strip())
                if key not in seen:
                    seen.add(key)
                    out.append((f"{tag}:{name}/{voice.role or '-'}", voice, text.strip()))
    return out


def scored(configs: Optional[List[SchoolConfig]] = None) -> List[Scored]:
    """Each distinct text once per audience (pupil, parent, staff), scored."""
    seen = set()
    out: List[Scored] = []
    for name, voice, text in rendered(configs):
        if (voice.audience, text) not in seen:
            seen.add((voice.audience, text))
            out.append(score(name, voice.audience, text))
    return out


def summary(results: List[Scored]) -> List[str]:
    lines = [f"{'audience':9} {'bubbles':>7} {'mean FD':>8} {'min FD':>7} {'mean words':>10} {'max words':>9}  limits"]
    for audience in AUDIENCES:
        mine = [s for s in results if s.audience == audience]
        if not mine:
            continue
        limits = LIMITS[audience]
        rule = f"<= {limits.max_words} words" + (
            f", mean FD >= {limits.min_mean_ease:.0f}, none < {limits.min_ease:.0f}" if limits.min_mean_ease else "")
        lines.append(
            f"{audience:9} {len(mine):7} {sum(s.ease for s in mine) / len(mine):8.1f} {min(s.ease for s in mine):7.1f} "
            f"{sum(s.words for s in mine) / len(mine):10.1f} {max(s.words for s in mine):9}  {rule}")
    for audience in AUDIENCES:
        mine = [s for s in results if s.audience == audience]
        if mine:
            longest = max(mine, key=lambda s: s.words)
            hardest = min(mine, key=lambda s: s.ease)
            lines.append(f"longest {audience}: {longest.words} words, {longest.name}")
            lines.append(f"hardest {audience}: FD {hardest.ease:.0f}, {hardest.name}")
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="print every bubble with its figures")
    args = parser.parse_args(argv)
    results = scored()
    if args.all:
        for s in sorted(results, key=lambda s: (s.audience, -s.words)):
            print(f"{s.audience:7} {s.words:4}w FD {s.ease:6.1f}  {s.name}")
        print()
    print("\n".join(summary(results)))
    over = violations(results)
    print(f"\nover the limits: {len(over)}")
    for line in over:
        print(f"  {line}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
