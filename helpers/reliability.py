"""Reliability of a coding against another: precision, recall, F1 and Krippendorff's alpha."""

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


def nominal_alpha(reliability_data) -> float:
    """Krippendorff's alpha, nominal level (coders x units, NaN = missing); NaN when there is no variation at all."""
    import krippendorff

    data = np.asarray(reliability_data, dtype=float)
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except ValueError:  # a single value in the whole table: alpha is undefined
        return float("nan")
