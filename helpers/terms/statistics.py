"""Statistics of term counts: pure functions of counts and sizes, never of text.

As NLTK keeps its measures (``metrics/association.py``) apart from its finders, the finders of
``helpers.terms`` count and these functions score: log-likelihood G² and its p, keyness (with
Log Ratio and %DIFF), logDice, PMI and t-score (NLTK's association measures), and Gries' DP.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


# --------------------------------------------------------------------------
# Association of two words (n-grams, collocations)
# --------------------------------------------------------------------------
def association(marginals: tuple, expected: float) -> dict[str, float]:
    """NLTK's G² (signed: negative when the observed count is below ``expected``), PMI and t-score.

    ``marginals`` as NLTK's ``score_ngram`` passes them to a measure: (n_ii, (n_ix, n_xi), n_xx)
    for a bigram, (n_iii, (n_iix, n_ixi, n_xii), (n_ixx, n_xix, n_xxi), n_xxx) for a trigram.
    Rounded to 4 decimals.
    """
    from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures

    measures = BigramAssocMeasures if len(marginals) == 3 else TrigramAssocMeasures
    return {
        "g2": round(math.copysign(measures.likelihood_ratio(*marginals), marginals[0] - expected), 4),
        "pmi": round(measures.pmi(*marginals), 4),
        "t_score": round(measures.student_t(*marginals), 4),
    }


def log_dice(joint: float, f1: float, f2: float) -> float:
    """logDice (Rychlý 2008): 14 + log2(2·joint / (f1 + f2)); 14 at most, independent of corpus size."""
    return 14 + math.log2(2 * joint / (f1 + f2)) if joint > 0 else float("-inf")


# --------------------------------------------------------------------------
# Keyness
# --------------------------------------------------------------------------
#: Frequency put in place of a zero count for Log Ratio and %DIFF (as AntConc does for %DIFF), divided
#: by the LARGER of the two corpus sizes (see ``keyness``) so it never outweighs a real count.
ZERO_CORRECTION = 0.5
#: Values of a keyness table's ``key`` column: G² above, below or exactly at 0 (the same rate on both sides).
KEY_LABELS = ("positive", "negative", "neither")
#: Columns of a keyness table (``compare`` adds 'label' and 'lang').
KEYNESS_COLUMNS = [
    "term",
    "label",
    "count_target",
    "count_reference",
    "per_10k_target",
    "per_10k_reference",
    "g2",
    "p",
    "log_ratio",
    "pct_diff",
    "key",
]


def log_likelihood(a, b, n1, n2):
    """Signed 4-term log-likelihood G² of counts a (target, size n1) and b (reference, size n2); arrays
    welcome."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n = n1 + n2
    cells = [
        (a, n1 * (a + b) / n),
        (b, n2 * (a + b) / n),
        (n1 - a, n1 * (n - a - b) / n),
        (n2 - b, n2 * (n - a - b) / n),
    ]
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * sum(np.where(o > 0, o * np.log(o / e), 0.0) for o, e in cells)
    return np.sign(a / n1 - b / n2) * g2


def p_value(g2) -> np.ndarray:
    """p of |G²| under chi-squared with 1 degree of freedom: erfc(sqrt(|G²|/2))."""
    return np.vectorize(math.erfc, otypes=[float])(np.sqrt(np.abs(np.asarray(g2, dtype=float)) / 2))


def keyness(target: pd.Series, reference: pd.Series, target_size: int, reference_size: int) -> pd.DataFrame:
    """Keyness of every term between two sets of counts (Series: term -> count) of sizes ``*_size`` tokens.

    Columns: term, label (the term: counts carry no spellings; ``compare`` puts in the most
    frequent one), count_target, count_reference, per_10k_target, per_10k_reference,
    g2 (signed 4-term log-likelihood: positive = more frequent in the target), p (chi²,
    1 df), log_ratio (log2 of the ratio of relative frequencies, Hardie 2014) and
    pct_diff (%DIFF, Gabrielatos & Marchi 2012), and key ('positive', 'negative', or
    'neither' when G² is exactly 0: the same rate on both sides). Sorted from the most
    positive to the most negative keyword. Counts must be whole numbers from 0 to their
    side's size, adding up to no more than it; anything else raises ValueError.

    Zero correction: a zero count is replaced by ``ZERO_CORRECTION`` (0.5) divided by the
    larger of the two sizes, whichever side it is on. Divided by the empty side's own size
    (the usual rule), it can outweigh a real count when that side is the smaller corpus and
    give a term absent from the target a positive Log Ratio; 0.5/max(n₁, n₂) < 1/n₂ ≤ b/n₂,
    so Log Ratio and %DIFF always have the sign of G² (values are unchanged when no count is
    zero or the zero is on the larger side).
    """
    if target_size <= 0 or reference_size <= 0:
        raise ValueError(
            f"both sides need tokens (target {target_size}, reference {reference_size}); "
            "compare groups that share a language"
        )
    _check_counts(target, target_size, "target")
    _check_counts(reference, reference_size, "reference")
    both = pd.concat([target.rename("a"), reference.rename("b")], axis=1).fillna(0)
    both = both[(both["a"] > 0) | (both["b"] > 0)]
    a, b = both["a"].to_numpy(float), both["b"].to_numpy(float)
    g2 = log_likelihood(a, b, target_size, reference_size)
    floor = ZERO_CORRECTION / max(target_size, reference_size)  # a corrected zero stays below any real count
    ra = np.where(a > 0, a / target_size, floor)
    rb = np.where(b > 0, b / reference_size, floor)
    out = pd.DataFrame(
        {
            "term": both.index.astype(str),
            "label": both.index.astype(str),
            "count_target": a.astype(int),
            "count_reference": b.astype(int),
            "per_10k_target": np.round(a / target_size * 10_000, 4),
            "per_10k_reference": np.round(b / reference_size * 10_000, 4),
            "g2": np.round(g2, 4),
            "p": p_value(g2),
            "log_ratio": np.round(np.log2(ra / rb), 4),
            "pct_diff": np.round((ra - rb) / rb * 100, 2),
            "key": np.select([g2 > 0, g2 < 0], KEY_LABELS[:2], KEY_LABELS[2]),
        }
    )
    return (
        out[KEYNESS_COLUMNS]
        .sort_values(["g2", "term"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )


def _check_counts(counts: pd.Series, size: int, side: str) -> None:
    """Raise ValueError unless the counts are whole numbers from 0 to ``size`` that add up to at most
    ``size``."""
    values = counts.to_numpy(dtype=float)
    problems = {
        "is negative": values < 0,
        "is not a whole number": values != np.floor(values),
        f"is above the {side}'s size of {size} tokens": values > size,
    }
    for problem, bad in problems.items():
        if bad.any():
            examples = ", ".join(
                f"{t!r}: {v:g}" for t, v in list(zip(counts.index[bad], values[bad], strict=False))[:3]
            )
            raise ValueError(f"impossible {side} count ({examples}): a count {problem}")
    if values.sum() > size:
        raise ValueError(
            f"the {side} counts add up to {values.sum():g} tokens, more than the {side}'s size of "
            f"{size}; pass the size of the whole {side} (all its tokens, stopwords included)"
        )


# --------------------------------------------------------------------------
# Dispersion
# --------------------------------------------------------------------------
def gries_dp(gaps, share_elsewhere):
    """Gries' DP = ½ (Σ |v_i − s_i| over the parts that hold the term + Σ s_i over those that do not).

    ``gaps``: the first sum; ``share_elsewhere``: the second (1 − the share of the parts holding the
    term). Scalars, arrays or Series.
    """
    return (gaps + share_elsewhere) / 2


def normalised_dp(dp, smallest_share):
    """DP normalised (Lijffijt & Gries 2012): DP / (1 − the smallest part's share)."""
    return dp / (1 - smallest_share)
