"""Reliability of a coding against another: precision, recall, F1, percent agreement and Krippendorff's alpha.

Shared by framing (frame codes against the hand coding), stance (records against the hand
coding) and the development set. The reference coding is called ``hand``, the coding measured
``auto``.
"""

from __future__ import annotations

import numpy as np


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """(precision, recall, F1) from true positives, false positives and false negatives; NaN where undefined.

    precision = tp / (tp + fp), NaN when nothing was found (tp + fp = 0); recall = tp / (tp + fn),
    NaN when there was nothing to find (tp + fn = 0); F1 = 2tp / (2tp + fp + fn), the harmonic mean
    of the two, NaN when either is NaN and 0.0 when both are 0 (found some, none right).
    """
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp and tp + fn else float("nan")
    return precision, recall, f1


def set_prf(auto: set, hand: set) -> tuple[int, float, float, float]:
    """(items in both, precision, recall, F1) of the set ``auto`` against the reference set ``hand``
    (``prf``)."""
    tp = len(auto & hand)
    return (tp, *prf(tp, len(auto) - tp, len(hand) - tp))


def nominal_alpha(reliability_data) -> float:
    """Krippendorff's alpha, nominal level (coders x units, NaN = missing); NaN when there is no variation
    at all."""
    import krippendorff

    data = np.asarray(reliability_data, dtype=float)
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except ValueError:  # a single value in the whole table: alpha is undefined
        return float("nan")


def binary_agreement(hand: np.ndarray, auto: np.ndarray) -> dict:
    """Two 0/1 codings of the same units compared: counts, prevalence, % agreement, alpha, tp/fp/fn, P/R/F1.

    Values rounded to 3 decimals; precision, recall and F1 follow ``prf`` (NaN where undefined).
    """
    h, a = np.asarray(hand), np.asarray(auto)
    tp, fp, fn = (
        int(((h == 1) & (a == 1)).sum()),
        int(((h == 0) & (a == 1)).sum()),
        int(((h == 1) & (a == 0)).sum()),
    )
    precision, recall, f1 = prf(tp, fp, fn)
    return {
        "units": len(h),
        "hand_yes": int(h.sum()),
        "auto_yes": int(a.sum()),
        "prevalence_hand": round(h.mean(), 3),
        "prevalence_auto": round(a.mean(), 3),
        "agreement": round(float((h == a).mean()), 3),
        "alpha": round(nominal_alpha([h, a]), 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }
