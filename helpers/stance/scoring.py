"""Polarity of a text span: VADER plus the domain cues for English, the Arabic valence lexicon for Arabic.

English is VADER's compound score, with VADER's lexicon extended by the domain cues of
helpers/resources/stance_cues.yaml (``StanceCues.analyzer``). Arabic is never scored with
VADER: its cue list is summed with negation and normalised like VADER's compound.
VADER's scores are NLTK's, computed through ``vader.vader_scores`` (the same dict, found faster).
``span_scorer`` is ``score_text`` for the many spans of one corpus: each distinct text is scored once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from helpers.lexicon import Negation, clause_starts, load_negation, negator_before
from helpers.stance.cues import StanceCues, load_stance_cues
from helpers.stance.vader import vader_scores
from helpers.text import has_arabic, normalize

#: VADER's neutral band: |compound| below this is polarity 0 (Hutto & Gilbert 2014).
NEUTRAL_THRESHOLD = 0.05
#: VADER's compound normalisation constant, reused for Arabic cue sums.
VADER_ALPHA = 15
#: Arabic "but" (لكن، ولكن، لكنه، لكنها ...: keys after the clitic و): as VADER does with "but", the valences
#: before it count half and those after it one and a half (Hutto & Gilbert 2014, rule 4).
ARABIC_BUT = frozenset({"لكن", "لكنه", "لكنها", "لكنهم", "لكنهما", "لكننا"})
#: Double quotes are dropped before VADER: NLTK's VADER strips at most one punctuation mark
#: from a word, so 'peace.”' or '"peace."' would not be found in the lexicon.
_DROP_QUOTES = str.maketrans("", "", '“”«»"')


def domain_analyzer(cues: StanceCues | str | Path | None = None):
    """A VADER analyzer whose lexicon is VADER's plus the domain valences of the cue file
    (``StanceCues.analyzer``).

    ``cues``: a loaded ``StanceCues``, or the path of a cue file (default:
    helpers/resources/stance_cues.yaml).
    """
    if not isinstance(cues, StanceCues):
        cues = load_stance_cues(cues)
    return cues.analyzer


def polarity_of(score: float) -> int:
    """-1, 0 or +1 from a score with VADER's neutral band of +-0.05."""
    return 0 if abs(score) < NEUTRAL_THRESHOLD else (1 if score > 0 else -1)


def score_text(text: str, cues: StanceCues | None = None) -> tuple[float, str]:
    """(score in [-1, 1], the lexicon words that moved it) for English (VADER + domain cues) or Arabic
    (cues)."""
    cues = cues or load_stance_cues()
    if has_arabic(text):
        return _score_arabic(text, cues, load_negation())
    return _score_english(text, cues)


def span_scorer(cues: StanceCues, maxsize: int = 16_384) -> Callable[[str], tuple[float, str]]:
    """``score_text`` with ``cues`` for the many spans of one pass over a corpus: the negators are read
    once and each text is scored once (the last ``maxsize`` texts are remembered)."""
    negation = load_negation()

    @lru_cache(maxsize=maxsize)
    def score(text: str) -> tuple[float, str]:
        return _score_arabic(text, cues, negation) if has_arabic(text) else _score_english(text, cues)

    return score


def _score_english(text: str, cues: StanceCues) -> tuple[float, str]:
    """VADER's compound with the domain cues, and the lexicon words of the text."""
    analyzer = cues.analyzer
    text = normalize(text).translate(_DROP_QUOTES)
    score = vader_scores(analyzer, text)["compound"]  # analyzer.polarity_scores(text), found faster
    words = [w.strip(".,;:!?\"'()").casefold() for w in text.split()]
    found = [
        f"{w}({analyzer.lexicon[w]:+.1f}{'*' if w in cues.valence else ''})"
        for w in dict.fromkeys(words)
        if w in analyzer.lexicon
    ]
    return round(score, 4), "; ".join(found)


def _score_arabic(text: str, cues: StanceCues, negation: Negation) -> tuple[float, str]:
    """Sum of the Arabic lexicon's valences (negated ones flipped), normalised like VADER's compound."""
    words = cues.arabic_matcher.keyed(text)
    matches = cues.arabic_matcher.find(text, keyed=words)
    if not matches:
        return 0.0, ""
    keys = words.keys  # the keys of its words, for the negators
    clause_from = clause_starts(text, words.spans)
    but = next((i for i, k in enumerate(keys) if k in ARABIC_BUT), None)
    total, found = 0.0, []
    for m in matches:
        value = cues.arabic_valence[m.label]
        # VADER's "but" rule: what follows weighs more
        weight = 1.0 if but is None or m.first == but else 0.5 if m.first < but else 1.5
        negated = bool(negator_before(keys, m.first, negation, clause_from[m.first]))
        total += (-value if negated else value) * weight
        found.append(f"{'not ' if negated else ''}{m.label}({value:+.1f})")
    score = total / math.sqrt(total * total + VADER_ALPHA) if total else 0.0
    return round(score, 4), "; ".join(found)
