"""Polarity of a text span: VADER plus the domain cues for English, the Arabic valence lexicon for Arabic.

English is VADER's compound score, with VADER's lexicon extended by the domain cues of
helpers/resources/stance_cues.yaml (``StanceCues.analyzer``). Arabic is never scored with
VADER: its cue list is summed with negation and normalised like VADER's compound.
"""

from __future__ import annotations

import math
from pathlib import Path

from helpers.lexicon import load_negation, negator_before
from helpers.stance.cues import StanceCues, load_stance_cues
from helpers.text import has_arabic, normalize

#: VADER's neutral band: |compound| below this is polarity 0 (Hutto & Gilbert 2014).
NEUTRAL_THRESHOLD = 0.05
#: VADER's compound normalisation constant, reused for Arabic cue sums.
VADER_ALPHA = 15
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
        return _score_arabic(text, cues)
    analyzer = cues.analyzer
    text = normalize(text).translate(_DROP_QUOTES)
    score = analyzer.polarity_scores(text)["compound"]
    words = [w.strip(".,;:!?\"'()").casefold() for w in text.split()]
    found = [
        f"{w}({analyzer.lexicon[w]:+.1f}{'*' if w in cues.valence else ''})"
        for w in dict.fromkeys(words)
        if w in analyzer.lexicon
    ]
    return round(score, 4), "; ".join(found)


def _score_arabic(text: str, cues: StanceCues) -> tuple[float, str]:
    """Sum of the Arabic lexicon's valences (negated ones flipped), normalised like VADER's compound."""
    tokens = cues.arabic_matcher.tokens(text)
    keys = [t.key for t in tokens]
    negation = load_negation()
    total, found = 0.0, []
    for m in cues.arabic_matcher.find(text, tokens):
        value = cues.arabic_valence[m.label]
        negated = bool(negator_before(keys, m.first, negation))
        total += -value if negated else value
        found.append(f"{'not ' if negated else ''}{m.label}({value:+.1f})")
    score = total / math.sqrt(total * total + VADER_ALPHA) if total else 0.0
    return round(score, 4), "; ".join(found)
