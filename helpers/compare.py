"""Corpus-level comparisons: crowded groups pooled as "other", dates binned, shares and means with intervals.

The notebooks compare outlets, languages and periods with these functions. Every one is
pure (DataFrames in, DataFrames out) and works the same on one article or 100,000.

**Bootstrap.** ``bootstrap_ratios`` estimates a ratio of sums per group (a share: sentences
with a frame / sentences; a mean: summed polarity / statements) and a percentile interval by
resampling the group's *documents* with replacement (a cluster bootstrap: the sentences of
one article are not independent draws). Group ``g`` uses its own generator,
``numpy.random.default_rng([seed, zlib.crc32(key(g))])``, where ``key(g)`` is the group's
values as text joined by U+001F; replicate ``b = 1 .. B`` draws ``rng.integers(0, k, size=k)``
(``k`` documents, sorted by ``unit``), so a group's interval does not depend on which
other groups are present, and every item of a group shares the same resamples. The interval
is ``numpy.nanquantile`` (linear interpolation) of the ``B`` replicate ratios at
``(1 - level) / 2`` and ``(1 + level) / 2``; a replicate whose denominator is 0 is left out.
"""

from __future__ import annotations

import json
import math
import warnings
import zlib
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

OTHER = "other"
UNKNOWN = "(unknown)"
#: Bin widths ``time_bins`` chooses from, finest first, with their pandas period codes.
FREQUENCIES = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
N_BOOT = 1000
RATIO_COLUMNS = ["item", "documents", "numerator", "denominator", "value", "ci_low", "ci_high"]


# --------------------------------------------------------------------------
# Crowded groups
# --------------------------------------------------------------------------
def top_n_plus_other(
    values: pd.Series,
    n: int = 8,
    *,
    weights: pd.Series | None = None,
    other: str = OTHER,
    missing: str = UNKNOWN,
) -> pd.Series:
    """Each value, or ``other`` when it is not among the ``n`` largest (by rows, or by summed ``weights``).

    Empty and missing values become ``missing`` (ranked like any value). Ties are broken by
    name. When at most ``n + 1`` distinct values exist, nothing is pooled (an "other" of one
    value would hide a name for nothing). ``n`` < 1 raises ValueError.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n!r}")
    named = (
        values.astype(object)
        .where(values.notna() & values.astype(str).str.strip().ne(""), missing)
        .astype(str)
    )
    sizes = (pd.Series(1, index=named.index) if weights is None else weights).groupby(named).sum()
    ranked = sizes.sort_index().sort_values(ascending=False, kind="stable")
    if len(ranked) <= n + 1:
        return named
    return named.where(named.isin(ranked.index[:n]), other)


def group_order(groups: pd.Series, other: str = OTHER) -> list[str]:
    """The distinct values of ``groups``, most frequent first (ties by name), with ``other`` last."""
    counts = groups.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    return [g for g in counts.index if g != other] + ([other] if other in counts.index else [])


# --------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------
def parse_dates(dates: pd.Series) -> pd.Series:
    """``YYYY-MM-DD`` strings as datetimes; empty or unreadable values become NaT."""
    return pd.to_datetime(dates.astype(object).where(dates.notna(), None), format="%Y-%m-%d", errors="coerce")


def choose_frequency(dates: pd.Series, max_bins: int = 60) -> str:
    """The finest of day, week, month, quarter, year cutting the span of ``dates`` in <= ``max_bins`` bins."""
    parsed = parse_dates(dates).dropna()
    if parsed.empty:
        return "day"
    for name, code in FREQUENCIES.items():
        first, last = parsed.min().to_period(code), parsed.max().to_period(code)
        if (last - first).n + 1 <= max_bins:
            return name
    return "year"


def time_bins(dates: pd.Series, freq: str = "auto", max_bins: int = 60) -> tuple[pd.Series, str]:
    """Each date's bin (first day of its day, Monday-week, month, quarter or year; NaT if undated), the width.

    ``freq="auto"`` picks the width with ``choose_frequency``; otherwise one of ``FREQUENCIES``.
    """
    if freq == "auto":
        freq = choose_frequency(dates, max_bins)
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown bin width {freq!r}: use 'auto' or one of {', '.join(FREQUENCIES)}")
    parsed = parse_dates(dates)
    bins = pd.Series(pd.NaT, index=dates.index, dtype="datetime64[ns]")
    known = parsed.notna()
    if known.any():
        bins[known] = parsed[known].dt.to_period(FREQUENCIES[freq]).dt.start_time
    return bins, freq


def all_bins(bins: pd.Series, freq: str) -> pd.DatetimeIndex:
    """Every bin from the first to the last of ``bins`` (empty periods included), for a gap-free time axis."""
    known = bins.dropna()
    if known.empty:
        return pd.DatetimeIndex([])
    code = FREQUENCIES[freq]
    return pd.period_range(known.min().to_period(code), known.max().to_period(code), freq=code).start_time


def bin_labels(bins, freq: str) -> list[str]:
    """Labels of bin starts: ``2025-11-24`` (day; week: its Monday), ``2025-11``, ``2025Q4``, ``2025``."""
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown bin width {freq!r}: use one of {', '.join(FREQUENCIES)}")
    stamps = pd.DatetimeIndex(bins)
    if freq in ("day", "week"):
        return list(stamps.strftime("%Y-%m-%d"))
    return [str(p) for p in stamps.to_period(FREQUENCIES[freq])]


# --------------------------------------------------------------------------
# Counts per document, ready for the bootstrap
# --------------------------------------------------------------------------
def presence_counts(
    units: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    item: str,
    items: Sequence | None = None,
    by: Sequence[str] = (),
    unit: str = "doc_id",
    key: str = "segment_id",
) -> pd.DataFrame:
    """Per document, group and item: units counted (``denominator``), units holding the item (``numerator``).

    ``units`` has one row per counted unit (a sentence, a statement) with ``key``, ``unit`` and the
    ``by`` columns; ``hits`` has ``key`` and ``item`` (a unit counts once per item). Every item of
    ``items`` (default: those in ``hits``) gets a row for every (document, group), zeros included.
    """
    by = list(by)
    n = units.groupby([unit, *by], dropna=False).size().rename("denominator").reset_index()
    items = list(dict.fromkeys(hits[item])) if items is None else list(items)
    found = hits[[key, item]].drop_duplicates().merge(units[[key, unit, *by]], on=key)
    k = found.groupby([unit, *by, item], dropna=False).size().rename("numerator")
    grid = n.merge(pd.DataFrame({item: items}), how="cross")
    out = grid.merge(k.reset_index(), on=[unit, *by, item], how="left").fillna({"numerator": 0})
    out["numerator"] = out["numerator"].astype(int)
    return out[[unit, *by, item, "numerator", "denominator"]]


def value_sums(
    records: pd.DataFrame, *, item: str, value: str, by: Sequence[str] = (), unit: str = "doc_id"
) -> pd.DataFrame:
    """Per document, group and item: the sum of ``value`` (``numerator``) and the records (``denominator``).

    Every document of a group gets a row for every item seen in the group (0 / 0 where the
    document has none), so the bootstrap resamples all the group's documents.
    """
    by = list(by)
    sums = records.groupby([unit, *by, item], dropna=False)[value].agg(["sum", "size"]).reset_index()
    sums = sums.rename(columns={"sum": "numerator", "size": "denominator"})
    docs = records[[unit, *by]].drop_duplicates()
    grid = (
        docs.merge(records[[*by, item]].drop_duplicates(), on=by, how="inner")
        if by
        else docs.merge(records[[item]].drop_duplicates(), how="cross")
    )
    out = grid.merge(sums, on=[unit, *by, item], how="left").fillna({"numerator": 0.0, "denominator": 0})
    out["denominator"] = out["denominator"].astype(int)
    return out[[unit, *by, item, "numerator", "denominator"]]


# --------------------------------------------------------------------------
# Bootstrap
# --------------------------------------------------------------------------
def group_seed(seed: int, group: Sequence) -> list[int]:
    """The seed sequence of one group's generator: ``[seed, crc32 of its values joined by U+001F]``."""
    return [int(seed), zlib.crc32("\x1f".join(str(v) for v in group).encode("utf-8"))]


def _replicates(num: np.ndarray, den: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Replicate ratios (n_boot x items): documents drawn with replacement, sums of the drawn rows divided."""
    k = num.shape[0]
    out = np.empty((n_boot, num.shape[1]))
    chunk = max(1, min(n_boot, 2_000_000 // max(k, 1)))  # weight matrices of at most ~16 MB
    for start in range(0, n_boot, chunk):
        rows = min(chunk, n_boot - start)
        draws = np.stack([rng.integers(0, k, size=k) for _ in range(rows)])
        weights = np.bincount((np.arange(rows)[:, None] * k + draws).ravel(), minlength=rows * k).reshape(
            rows, k
        )
        with np.errstate(invalid="ignore", divide="ignore"):
            out[start : start + rows] = (weights @ num) / (weights @ den)
    return out


def bootstrap_ratios(
    counts: pd.DataFrame,
    *,
    by: Sequence[str] = (),
    item: str = "item",
    unit: str = "doc_id",
    n_boot: int = N_BOOT,
    seed: int = 0,
    level: float = 0.95,
    decimals: int | None = 4,
) -> pd.DataFrame:
    """Per group and item: summed numerator / summed denominator, with a percentile bootstrap interval.

    ``counts`` has one row per (document, group, item) with ``numerator`` and ``denominator``
    (``presence_counts``, ``value_sums``). Returns the ``by`` columns, ``item``, ``documents``
    (in the group), the sums, ``value`` and ``ci_low``/``ci_high`` (NaN where the denominator
    sums to 0); the resampling is described in the module docstring. ``n_boot`` = 0 gives no
    interval.
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level!r}")
    by = list(by)
    columns = [*by, item, *RATIO_COLUMNS[1:]]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    q = [(1 - level) / 2, (1 + level) / 2]
    parts = []
    for group, g in counts.groupby(by, sort=True, dropna=False) if by else [((), counts)]:
        group = group if isinstance(group, tuple) else (group,)
        num = g.pivot_table(
            index=unit, columns=item, values="numerator", aggfunc="sum", fill_value=0, sort=True
        )
        den = g.pivot_table(
            index=unit, columns=item, values="denominator", aggfunc="sum", fill_value=0, sort=True
        )
        den = den.reindex(index=num.index, columns=num.columns, fill_value=0)
        total_num, total_den = pd.to_numeric(num.sum()).to_numpy(), pd.to_numeric(den.sum()).to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            value = np.where(
                total_den > 0, total_num.astype(float) / np.where(total_den > 0, total_den, 1), np.nan
            )
        low = high = np.full(len(num.columns), np.nan)
        if n_boot > 0:
            rng = np.random.default_rng(group_seed(seed, group))
            reps = _replicates(num.to_numpy(float), den.to_numpy(float), n_boot, rng)
            if np.isfinite(reps).any():
                with warnings.catch_warnings():  # an item absent from every replicate has no interval
                    warnings.filterwarnings("ignore", message="All-NaN slice")
                    low, high = np.nanquantile(reps, q, axis=0)
        frame = pd.DataFrame(
            {
                item: num.columns,
                "documents": len(num),
                "numerator": total_num,
                "denominator": total_den,
                "value": value,
                "ci_low": low,
                "ci_high": high,
            }
        )
        parts.append(frame.assign(**dict(zip(by, group, strict=True))))
    out = pd.concat(parts, ignore_index=True)[columns]
    return (
        out.round({"value": decimals, "ci_low": decimals, "ci_high": decimals})
        if decimals is not None
        else out
    )


# --------------------------------------------------------------------------
# Choosing what to compare
# --------------------------------------------------------------------------
def key_document(documents: pd.DataFrame, wanted: str | None) -> tuple[str, str]:
    """The document of the single-article views (``wanted`` if present, else the first) and a note."""
    ids = documents["doc_id"].tolist()
    if not ids:
        raise ValueError("the corpus has no documents")
    if wanted in ids:
        return wanted, f"single-article views: {wanted}"
    if wanted is None:
        return ids[0], f"single-article views: {ids[0]} (the first document; KEY_DOC is None)"
    return ids[
        0
    ], f"KEY_DOC {wanted!r} is not in this corpus; single-article views: {ids[0]} (the first document)"


def largest_pair(
    units: pd.DataFrame, by: str = "outlet", lang: str | None = None
) -> tuple[str | None, list[str]]:
    """The language with the most articles (``lang`` if given) and its two ``by`` groups richest in articles.

    ``units`` has ``doc_id``, ``lang`` (of the unit) and ``by``; an article counts for every
    language it has units in. Ties go by name; groups with an empty name are never chosen.
    Returns (language, [largest, second]), the list shorter when fewer named groups exist.
    """
    known = units[units["lang"].isin(["ar", "en"])]
    if lang is None:
        sizes = (
            known.groupby("lang")["doc_id"].nunique().sort_index().sort_values(ascending=False, kind="stable")
        )
        lang = sizes.index[0] if len(sizes) else None
    named = known[(known["lang"] == lang) & known[by].notna() & known[by].astype(str).str.strip().ne("")]
    ranked = named.groupby(named[by].astype(str))["doc_id"].nunique().sort_index()
    return lang, ranked.sort_values(ascending=False, kind="stable").index[:2].tolist()


def selection(units: pd.DataFrame, spec, by: str = "outlet") -> pd.Series:
    """Boolean mask of the units a keyness side selects.

    ``spec`` is a name of a ``by`` group, a list of names, or a mapping ``{column: value}``
    where the value is a name, a list of names, or for ``date`` a ``(first, last)`` pair (tuple or
    two-item list) of ``YYYY-MM-DD`` strings, inclusive, either end None for open. Several columns
    are combined with "and".
    """
    if isinstance(spec, Mapping):
        mask = pd.Series(True, index=units.index)
        for column, value in spec.items():
            if column not in units.columns:
                raise ValueError(
                    f"no column {column!r} to select on; columns: {', '.join(map(str, units.columns))}"
                )
            mask &= _select_column(units[column], value, column)
        return mask
    return _select_column(units[by], spec, by)


def _select_column(values: pd.Series, value, column: str) -> pd.Series:
    if (
        column == "date" and isinstance(value, (tuple, list)) and len(value) == 2
    ):  # a range (papermill passes lists)
        first, last = (None if v is None else pd.Timestamp(v) for v in value)
        dates = parse_dates(values)
        mask = dates.notna()
        if first is not None:
            mask &= dates >= first
        if last is not None:
            mask &= dates <= last
        return mask
    names = [value] if isinstance(value, str) else list(value)
    return values.astype(str).isin([str(v) for v in names])


def describe_selection(spec, by: str = "outlet") -> str:
    """A short readable name for a keyness side (``selection`` spec)."""
    if isinstance(spec, Mapping):
        return "; ".join(
            f"{c} {v[0] or '…'} to {v[1] or '…'}"
            if c == "date" and isinstance(v, (tuple, list))
            else f"{c} {v if isinstance(v, str) else ' + '.join(map(str, v))}"
            for c, v in spec.items()
        )
    return spec if isinstance(spec, str) else " + ".join(map(str, spec))


# --------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------
def _plain(value):
    """A JSON-ready copy of ``value``: numpy scalars as Python numbers, NaN as None, tuples as lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, pd.Series, np.ndarray, pd.Index)):
        return [_plain(v) for v in (value.tolist() if hasattr(value, "tolist") else value)]
    if isinstance(value, (np.integer, np.bool_)):
        return value.item()
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if value is pd.NaT or value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value


def findings_json(findings: Mapping) -> str:
    """The findings as deterministic JSON text (sorted keys, numpy numbers as Python numbers, NaN as null)."""
    return json.dumps(_plain(findings), ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"


def findings_name(notebook: str) -> str:
    """Findings file: ``<stem>_findings.json`` (``02-framing``: ``02-framing_findings.json``)."""
    return f"{notebook.removesuffix('.ipynb')}_findings.json"


__all__ = [
    "top_n_plus_other",
    "group_order",
    "parse_dates",
    "choose_frequency",
    "time_bins",
    "all_bins",
    "bin_labels",
    "presence_counts",
    "value_sums",
    "group_seed",
    "bootstrap_ratios",
    "key_document",
    "largest_pair",
    "selection",
    "describe_selection",
    "findings_json",
    "findings_name",
    "OTHER",
    "UNKNOWN",
    "FREQUENCIES",
    "N_BOOT",
]
