"""Builds Klankbord's own Dutch spaCy pipeline at set-up.

Base: ``nl_core_news_sm`` when it is installed, otherwise ``spacy.blank("nl")``. On top:
the lookup lemmatizer (Dutch tables from ``spacy-lookups-data``) and an entity ruler with the
school-domain vocabulary (``bot.domain.vocabulary``), written as lemma patterns so inflections match.

The pipeline is saved under a directory whose name carries a hash of its content
(``var/spacy/klankbord_nl-<hash>``); ``config.yml`` is written to point at it. Rasa's
``SpacyNLP`` fingerprints only the model name, so a changed vocabulary gives a new path and so
a retrain, and an unchanged one gives the same path and no retrain.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Iterable, List, Optional

import spacy
from spacy.language import Language

from bot.domain import vocabulary
from bot.domain.school import PROJECT_ROOT

BASE_MODEL = "nl_core_news_sm"
PIPELINE_ROOT = PROJECT_ROOT / "var" / "spacy"
PIPELINE_PREFIX = "klankbord_nl"
RASA_CONFIG = PROJECT_ROOT / "config.yml"
BUILDER_VERSION = "2"  # bump when the build steps below change
# A word and its full stop that spaCy's Dutch tokenizer keeps together as an abbreviation ("me.",
# "al.", "pas.", "bijv."). In pupils' text such a dot ends a sentence ("hij zit aan me. help"), so
# the word must stand alone for the classifiers and the safety rules alike.
_WORD_AND_STOP = re.compile(r"[a-z]{2,}\.")


def base_model_available() -> bool:
    try:
        import importlib.util

        return importlib.util.find_spec(BASE_MODEL) is not None
    except (ImportError, ValueError):
        return False


def _base(prefer_model: bool) -> Language:
    if prefer_model and base_model_available():
        nlp = spacy.load(BASE_MODEL, exclude=["ner"])
        # The model's own lemmatizer needs POS tags it has; keep it when present.
        if "lemmatizer" not in nlp.pipe_names:
            nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
        return nlp
    nlp = spacy.blank("nl")
    # Rule mode would want POS tags that a blank pipeline has not: use the lookup tables.
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def _phrase_patterns(nlp: Language, phrase: str) -> List[List[dict]]:
    """A phrase as two token patterns: one on lemmas, one on the lower-case words."""
    doc = nlp(phrase)
    lemma = [{"LEMMA": t.lemma_.lower() or t.lower_} for t in doc]
    lower = [{"LOWER": t.lower_} for t in doc]
    return [lemma] if lemma == lower else [lemma, lower]


def ruler_patterns(nlp: Language) -> List[dict]:
    """Entity-ruler patterns for the whole vocabulary; ``id`` carries the canonical value."""
    patterns: List[dict] = []
    for label, values in vocabulary.VOCABULARY.items():
        for value, terms in values.items():
            for term in terms:
                token_patterns = _phrase_patterns(nlp, term) if isinstance(term, str) else [term]
                for tokens in token_patterns:
                    patterns.append({"label": label, "pattern": tokens, "id": value})
    return patterns


def _split_word_stops(nlp: Language) -> None:
    """Drop the tokenizer's exceptions that glue a lower-case word to its full stop
    (``_WORD_AND_STOP``); exceptions with inner dots ("o.a.", "d.w.z.") stay."""
    nlp.tokenizer.rules = {key: value for key, value in nlp.tokenizer.rules.items()
                           if not _WORD_AND_STOP.fullmatch(key)}


def build(prefer_model: bool = True) -> Language:
    """The pipeline in memory: base, lookup lemmatizer, entity ruler.

    Text is lower-cased before it reaches the pipeline (Rasa's ``SpacyNLP`` with
    ``case_sensitive: false`` does so; ``analyse`` below too), so patterns are lower-case.
    """
    nlp = _base(prefer_model)
    _split_word_stops(nlp)
    ruler = nlp.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": None, "overwrite_ents": True, "validate": True}
    )
    ruler.add_patterns(ruler_patterns(nlp))
    return nlp


def content_hash(prefer_model: bool = True) -> str:
    """A short hash of everything that shapes the built pipeline."""
    source = Path(vocabulary.__file__).read_bytes() + Path(__file__).read_bytes()
    base = BASE_MODEL if prefer_model and base_model_available() else "blank"
    payload = source + BUILDER_VERSION.encode() + base.encode() + spacy.__version__.encode()
    return hashlib.sha256(payload).hexdigest()[:12]


def pipeline_path(prefer_model: bool = True) -> Path:
    return PIPELINE_ROOT / f"{PIPELINE_PREFIX}-{content_hash(prefer_model)}"


def point_rasa_config(path: Path, config_file: Path = RASA_CONFIG) -> bool:
    """Set ``SpacyNLP``'s ``model`` in config.yml to ``path`` (relative); True if it changed."""
    text = config_file.read_text(encoding="utf-8")
    relative = path.relative_to(PROJECT_ROOT).as_posix()
    new = re.sub(r'(model:\s*)"?[^"\n]*klankbord_nl[^"\n]*"?', rf'\g<1>"{relative}"', text)
    if new != text:
        config_file.write_text(new, encoding="utf-8")
    return new != text


def ensure_pipeline(prefer_model: bool = True, config_file: Optional[Path] = RASA_CONFIG) -> Path:
    """Build and save the pipeline unless an identical one is on disk; point config.yml at it."""
    path = pipeline_path(prefer_model)
    if not (path / "meta.json").is_file():
        nlp = build(prefer_model)
        nlp.meta["name"] = PIPELINE_PREFIX
        nlp.meta["description"] = "Klankbord Dutch pipeline (lookup lemmas + school vocabulary)"
        path.parent.mkdir(parents=True, exist_ok=True)
        nlp.to_disk(path)
    if config_file is not None:
        point_rasa_config(path, config_file)
    return path


_loaded: dict = {}


def load_nlp(prefer_model: bool = True) -> Language:
    """The saved pipeline (built first if needed), cached per process."""
    key = prefer_model
    if key not in _loaded:
        _loaded[key] = spacy.load(ensure_pipeline(prefer_model, config_file=None))
    return _loaded[key]


def analyse(text: str, prefer_model: bool = True):
    """Run the saved pipeline on ``text`` the way Rasa does (lower-cased)."""
    return load_nlp(prefer_model)(text.lower())


def main(argv: Optional[Iterable[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Build Klankbord's Dutch spaCy pipeline.")
    parser.add_argument("--blank", action="store_true", help="ignore nl_core_news_sm even if installed")
    args = parser.parse_args(list(argv) if argv is not None else None)
    path = ensure_pipeline(prefer_model=not args.blank)
    base = BASE_MODEL if not args.blank and base_model_available() else 'spacy.blank("nl")'
    print(json.dumps({"pipeline": str(path.relative_to(PROJECT_ROOT)), "base": base}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
