"""The engine: compile the rules into one ``TokenMatcher``, apply them to a message, rank.

``TokenMatcher`` (``matching``) gives spaCy's ``Matcher`` results, starting a pattern only where
its first word occurs, so even a pattern with a long gap costs little.

``Engine.assess(text, analyse)`` runs a spaCy pipeline (``analyse``, given by the caller: the
project's own is wired in ``bot.language.safety``) over the normalised text, gives every token its canonical lemma in ``token.norm_`` (typos repaired towards
the words of these rules, ``Engine.keywords``) and matches. Exceptions then cancel rules for
idioms and harmless contexts; most rules are also cancelled by a negation right next to their key
word ("hij heeft geen mes"); rules whose meaning carries a negation ("ik wil niet meer leven")
ignore that check, and self-harm and suicide rules never let a negation switch them off (only the
bare death wish does: "ik wil niet dood"). Acute-threat rules also check tense (``checks``).

An engine holds no state between messages; ``bot.language.safety`` builds one per process.
The result names the rules that fired, never the text, so it may be logged.
"""
from __future__ import annotations

from collections import Counter
from types import MappingProxyType
from typing import Callable, Dict, List, Mapping, Sequence, Set, Tuple

from spacy.tokens import Doc

from bot.domain.safety.matching import TokenMatcher
from bot.domain.safety.normalisation import Keywords, canonical_lemma, normalise
from bot.domain.safety.patterns import BOUNDARY, terms
from bot.domain.safety.rules import HARMLESS_USES, REGEX_KEYWORDS, Exception_, Rule, all_exceptions, all_rules
from bot.domain.safety.signal import CONDITIONAL_THREAT, NOT_NOW_ACUTE, PRIORITY, WEAK_HOME_SIGNS, SafetySignal
from bot.domain.safety.words import NEG
from bot.domain.report import SafetyCategory

_CATEGORY: Mapping[str, SafetyCategory] = MappingProxyType({
    "crisis": SafetyCategory.CRISIS,
    "acuut": SafetyCategory.ACUUT_GEVAAR,
    "strafbaar": SafetyCategory.STRAFBAAR_FEIT,
    "thuis": SafetyCategory.ONVEILIG_THUIS,
})


CUE_SIGNALS: Mapping[str, str] = MappingProxyType({
    "flag.afscheid.": "crisis.afscheid",  # farewell cues
    "flag.zorg.": "thuis.verwaarlozing_signalen",  # signs of neglect
    "flag.eten.": "crisis.eetstoornis",  # starving or purging oneself, and what it does to the body
})
"""Cue flags, two different of which in one message make the signal named."""
DISTRESS = "flag.nood."
"""Flags of sadness or fear: ``SafetySignal.distress``."""


class Engine:
    """The compiled rules: one matcher for rules and exceptions, then the filtering steps.

    ``keywords``: the words the rules look for (every ``T`` token's words and ``REGEX_KEYWORDS``),
    collected here from the rules this engine compiles, for the typo repair (``canonical_lemma``).
    """

    def __init__(self, rules: Sequence[Rule], exceptions: Sequence[Exception_]) -> None:
        twice = sorted(name for name, n in Counter(item.name for item in (*rules, *exceptions)).items() if n > 1)
        if twice:  # one would silently replace the other
            raise ValueError(f"safety rules with the same name: {', '.join(twice)}")
        self.rules: Dict[str, Rule] = {r.name: r for r in rules}
        self.exceptions: Dict[str, Exception_] = {x.name: x for x in exceptions}
        self.matcher = TokenMatcher()
        for name, item in {**self.rules, **self.exceptions}.items():
            self.matcher.add(name, [[token.spacy() for token in pattern] for pattern in item.patterns])
        self.keywords = Keywords.of(REGEX_KEYWORDS.union(
            *(terms(p) for item in (*rules, *exceptions) for p in item.patterns)))

    @classmethod
    def compiled(cls) -> "Engine":
        """An engine with every rule and exception of ``rules`` (building them takes a while)."""
        return cls(all_rules(), all_exceptions())

    def assess(self, text: str, analyse: Callable[[str], Doc]) -> SafetySignal:
        """Assess one message. Never raises on odd input; empty text gives an empty signal."""
        if not text or not text.strip():
            return SafetySignal()
        doc = analyse(normalise(text))
        for token in doc:
            token.norm_ = self.canonical(token.lower_, token.lemma_)
        return self.run(doc)

    def canonical(self, lower: str, spacy_lemma: str = "") -> str:
        """The canonical lemma the rules match on, typos repaired towards this engine's keywords."""
        return canonical_lemma(lower, spacy_lemma, self.keywords)

    @staticmethod
    def _negated(doc, start: int, end: int) -> bool:
        """A negation just before the match, or near its end ("hij heeft geen mes", "slaat me niet"),
        never past the end of the sentence ("papa doet mij pijn. niet vertellen")."""
        after = end
        while after < min(len(doc), end + 2) and doc[after].norm_ not in BOUNDARY:
            after += 1
        window = set(range(max(0, start - 1), start)) | set(range(max(0, end - 4), after))
        for i in sorted(window):
            if doc[i].norm_ in NEG:
                following = doc[i + 1].norm_ if i + 1 < len(doc) else ""
                if following not in {"alleen", "zomaar", "normaal"}:
                    return True
        return False

    def run(self, doc) -> SafetySignal:
        """Match, drop what exceptions, negation, checks, flags and ``unless`` rule out, rank."""
        found: Dict[str, List[Tuple[int, int]]] = {}
        for key, start, end in self.matcher([token.norm_ for token in doc], [token.lower_ for token in doc]):
            found.setdefault(key, []).append((start, end))

        def holds(x: Exception_) -> bool:
            """An exception counts only with the flags it requires (a game *and* a laugh)."""
            return all(req in found for req in x.requires)

        doc_blocks: List[str] = []
        span_blocks: List[Tuple[int, int, Tuple[str, ...]]] = []
        for name, spans in found.items():
            x = self.exceptions.get(name)
            if x is None or not holds(x):
                continue
            if x.scope == "doc":
                doc_blocks.extend(x.blocks)
            else:
                span_blocks.extend((s, e, x.blocks) for s, e in spans)

        def blocked(name: str, start: int, end: int) -> bool:
            if any(name.startswith(p) for p in doc_blocks):
                return True
            return any(any(name.startswith(p) for p in blocks) and s < end and start < e
                       for s, e, blocks in span_blocks)

        def valid(name: str, start: int, end: int) -> bool:
            r = self.rules[name]
            if blocked(name, start, end):
                return False
            if r.negatable and self._negated(doc, start, end):
                return False
            return r.check is None or bool(r.check(doc, start, end))

        live = {name for name, spans in found.items()
                if name in self.rules and any(valid(name, s, e) for s, e in spans)}
        kept: Set[str] = set()
        for name in live:
            r = self.rules[name]
            if any(req not in live for req in r.requires):
                continue
            if any(other.startswith(p) for p in r.unless for other in live if other != name):
                continue
            kept.add(name)

        # Cues: two different ones of a kind in one message are a signal (farewell: a crisis).
        for cue, signal in CUE_SIGNALS.items():
            if len({n for n in kept if n.startswith(cue)}) >= 2:
                kept.add(signal)
        signals = sorted(n for n in kept if not n.startswith("flag."))
        present = {_CATEGORY[n.split(".", 1)[0]] for n in signals if n.split(".", 1)[0] in _CATEGORY}
        ranked = rank(present, kept)
        category = ranked[0] if ranked else None
        ambiguous = category is None and any(n.startswith("ambigu.") for n in signals)
        harmless = tuple(sorted(n for n in found if n in HARMLESS_USES and holds(self.exceptions[n])))
        distress = any(n.startswith(DISTRESS) for n in kept)
        return SafetySignal(category=category, ambiguous=ambiguous, matched=tuple(signals), also=tuple(ranked[1:]),
                            harmless=harmless, distress=distress)


def rank(present: Set[SafetyCategory], kept: Set[str]) -> List[SafetyCategory]:
    """The categories in ``PRIORITY`` order, except that acute danger nothing places *now*
    (no ``flag.imminent``, only ``NOT_NOW_ACUTE`` rules) comes after home, and after a crime
    that is over (``flag.past``) or a conditional threat."""
    ranked = [c for c in PRIORITY if c in present]
    acute = {n for n in kept if n.startswith("acuut.")}
    if not acute or "flag.imminent" in kept or not acute <= NOT_NOW_ACUTE:
        return ranked
    home = any(n.startswith("thuis.") and n not in WEAK_HOME_SIGNS for n in kept)
    crime = SafetyCategory.STRAFBAAR_FEIT in present and ("flag.past" in kept or kept & CONDITIONAL_THREAT)
    if not (home or crime):
        return ranked
    after = SafetyCategory.ONVEILIG_THUIS if home else SafetyCategory.STRAFBAAR_FEIT
    ranked.remove(SafetyCategory.ACUUT_GEVAAR)
    ranked.insert(ranked.index(after) + 1, SafetyCategory.ACUUT_GEVAAR)
    return ranked
