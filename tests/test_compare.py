"""helpers.compare: top N plus other, time bins, counts per document, bootstrap intervals by hand."""

import itertools
import json
import math
import zlib
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from helpers import compare


# --------------------------------------------------------------------------
# Bootstrap: against an exact enumeration and a hand computation
# --------------------------------------------------------------------------
def _counts(docs: dict[str, tuple[int, int]], group: str = "X", item: str = "f") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"doc_id": d, "outlet": group, "item": item, "numerator": k, "denominator": n}
            for d, (k, n) in docs.items()
        ]
    )


def _exact_quantile(docs: list[tuple[int, int]], q: float) -> Fraction:
    """q-quantile of the exact bootstrap distribution: every ordered resample equally likely."""
    ratios = sorted(
        Fraction(sum(docs[i][0] for i in idx), sum(docs[i][1] for i in idx))
        for idx in itertools.product(range(len(docs)), repeat=len(docs))
    )
    cdf = np.arange(1, len(ratios) + 1) / len(ratios)
    steps = cdf[np.r_[np.diff([float(r) for r in ratios]) != 0, True]]
    assert min(abs(steps - q)) > 0.02, "q sits on a step of the exact distribution: choose another"
    return ratios[int(np.searchsorted(cdf, q))]


def test_bootstrap_interval_matches_the_exact_enumeration():
    # three articles of different lengths: 0 of 1, 1 of 1, 3 of 4 sentences with the frame (27 resamples)
    docs = {"a": (0, 1), "b": (1, 1), "c": (3, 4)}
    out = compare.bootstrap_ratios(
        _counts(docs), by=["outlet"], n_boot=20000, seed=3, level=0.8, decimals=None
    )
    row = out.iloc[0]
    # summed numerators / summed denominators, not a mean of shares
    assert row["value"] == pytest.approx(4 / 6)
    assert row["documents"] == 3 and row["numerator"] == 4 and row["denominator"] == 6
    assert row["ci_low"] == pytest.approx(float(_exact_quantile(list(docs.values()), 0.1)))
    assert row["ci_high"] == pytest.approx(float(_exact_quantile(list(docs.values()), 0.9)))


def test_bootstrap_interval_matches_a_hand_computation_with_the_same_seed():
    docs = {"d1": (1, 2), "d2": (0, 3), "d3": (2, 2)}
    seed, n_boot, level = 11, 7, 0.5
    out = compare.bootstrap_ratios(
        _counts(docs), by=["outlet"], n_boot=n_boot, seed=seed, level=level, decimals=None
    )
    # by hand, as the module docstring says: the group's generator, k draws per replicate, ratio of sums
    rng = np.random.default_rng([seed, zlib.crc32(b"X")])
    rows = list(docs.values())
    ratios = []
    for _ in range(n_boot):
        drawn = [rows[i] for i in rng.integers(0, len(rows), size=len(rows))]
        ratios.append(sum(k for k, _ in drawn) / sum(n for _, n in drawn))
    ratios.sort()

    def percentile(q):  # linear interpolation between the order statistics
        pos = q * (n_boot - 1)
        lo = math.floor(pos)
        return ratios[lo] + (pos - lo) * (ratios[min(lo + 1, n_boot - 1)] - ratios[lo])

    assert out.loc[0, "ci_low"] == pytest.approx(percentile(0.25))
    assert out.loc[0, "ci_high"] == pytest.approx(percentile(0.75))
    assert len(set(ratios)) > 1  # the example is not degenerate


def test_bootstrap_resamples_documents_not_sentences():
    # one article with every sentence framed, one with none: resampling sentences would give a narrow interval
    docs = {"a": (50, 50), "b": (0, 50)}
    row = compare.bootstrap_ratios(_counts(docs), by=["outlet"], n_boot=4000, seed=0, level=0.9).iloc[0]
    assert row["value"] == 0.5
    assert row["ci_low"] == 0.0 and row["ci_high"] == 1.0  # both articles drawn twice happens 1 time in 4


def test_a_groups_interval_does_not_depend_on_the_other_groups():
    x = _counts({"a": (1, 3), "b": (2, 2), "c": (0, 4)}, group="X")
    y = _counts({"d": (5, 5), "e": (0, 1)}, group="Y")
    alone = compare.bootstrap_ratios(x, by=["outlet"], n_boot=300, seed=5)
    together = compare.bootstrap_ratios(pd.concat([y, x]), by=["outlet"], n_boot=300, seed=5)
    pd.testing.assert_frame_equal(
        alone.reset_index(drop=True), together[together["outlet"] == "X"].reset_index(drop=True)
    )
    again = compare.bootstrap_ratios(pd.concat([y, x]), by=["outlet"], n_boot=300, seed=5)
    pd.testing.assert_frame_equal(together, again)  # seeded: the same numbers every run
    other_seed = compare.bootstrap_ratios(x, by=["outlet"], n_boot=300, seed=6)
    assert not other_seed[["ci_low", "ci_high"]].equals(alone[["ci_low", "ci_high"]])


def test_bootstrap_edge_cases():
    one = compare.bootstrap_ratios(_counts({"a": (2, 5)}), by=["outlet"], n_boot=50)
    assert one.loc[0, ["value", "ci_low", "ci_high"]].tolist() == [0.4, 0.4, 0.4]  # one article: no spread
    empty = compare.bootstrap_ratios(_counts({"a": (0, 0), "b": (0, 0)}), by=["outlet"], n_boot=50)
    assert empty[["value", "ci_low", "ci_high"]].isna().all(axis=None)  # nothing to divide by
    no_boot = compare.bootstrap_ratios(_counts({"a": (1, 2), "b": (0, 2)}), by=["outlet"], n_boot=0)
    assert no_boot.loc[0, "value"] == 0.25 and np.isnan(no_boot.loc[0, "ci_low"])
    assert compare.bootstrap_ratios(_counts({"a": (1, 2)}).iloc[:0], by=["outlet"]).empty
    whole = compare.bootstrap_ratios(_counts({"a": (1, 2), "b": (1, 2)}), n_boot=20)  # no grouping column
    assert whole.loc[0, "value"] == 0.5 and "outlet" not in whole
    with pytest.raises(ValueError, match="level"):
        compare.bootstrap_ratios(_counts({"a": (1, 2)}), level=95)


# --------------------------------------------------------------------------
# Counts per document
# --------------------------------------------------------------------------
def test_presence_counts_keep_zeros_and_count_a_unit_once():
    units = pd.DataFrame(
        {
            "segment_id": ["s1", "s2", "s3", "s4"],
            "doc_id": ["d1", "d1", "d2", "d2"],
            "outlet": ["A", "A", "B", "B"],
        }
    )
    # s1 has two war cues
    hits = pd.DataFrame({"segment_id": ["s1", "s1", "s3"], "frame": ["war", "war", "talks"]})
    out = compare.presence_counts(units, hits, item="frame", items=["talks", "war", "aid"], by=["outlet"])
    got = {(r.doc_id, r.frame): (r.numerator, r.denominator) for r in out.itertuples()}
    assert got == {
        ("d1", "talks"): (0, 2),
        ("d1", "war"): (1, 2),
        ("d1", "aid"): (0, 2),
        ("d2", "talks"): (1, 2),
        ("d2", "war"): (0, 2),
        ("d2", "aid"): (0, 2),
    }


def test_value_sums_give_means_over_every_document_of_the_group():
    records = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2", "d3"],
            "outlet": ["A", "A", "A", "B"],
            "source": ["Putin", "Zelenskyy", "Putin", "Putin"],
            "polarity": [1, -1, -1, 1],
        }
    )
    sums = compare.value_sums(records, item="source", value="polarity", by=["outlet"])
    assert len(sums) == 5  # d2 gets a 0/0 row for Zelenskyy: it is resampled with outlet A
    means = compare.bootstrap_ratios(sums, by=["outlet"], item="source", n_boot=0).set_index(
        ["outlet", "source"]
    )
    assert means.loc[("A", "Putin"), "value"] == 0.0 and means.loc[("A", "Zelenskyy"), "value"] == -1.0
    assert means.loc[("B", "Putin"), "documents"] == 1


# --------------------------------------------------------------------------
# Crowded groups and time
# --------------------------------------------------------------------------
def test_top_n_plus_other():
    values = pd.Series(["a"] * 4 + ["c"] * 3 + ["b"] * 3 + ["d", "", None])
    # tie: by name
    assert (
        compare.top_n_plus_other(values, 2).tolist() == ["a"] * 4 + ["other"] * 3 + ["b"] * 3 + ["other"] * 3
    )
    assert compare.top_n_plus_other(values, 3).tolist()[-3:] == ["other"] * 3
    # empty and missing: one group
    assert compare.top_n_plus_other(values, 4).tolist()[-3:] == ["d", "(unknown)", "(unknown)"]
    # n + 1 groups: nothing pooled
    assert set(compare.top_n_plus_other(pd.Series(list("abc")), 2)) == {"a", "b", "c"}
    weighted = compare.top_n_plus_other(pd.Series(list("abcd")), 1, weights=pd.Series([1, 9, 1, 1]))
    assert weighted.tolist() == ["other", "b", "other", "other"]
    assert compare.group_order(pd.Series(["other", "x", "y", "y", "other", "other"])) == ["y", "x", "other"]
    with pytest.raises(ValueError):
        compare.top_n_plus_other(values, 0)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2025-11-01"], "day"),
        (["2025-11-01", "2025-12-30"], "day"),  # 60 days
        (["2025-11-01", "2025-12-31"], "week"),  # 61 days
        (["2022-01-01", "2026-01-06"], "month"),  # 49 months
        (["2010-01-01", "2025-01-01"], "year"),  # 61 quarters
        (["", None, "not a date"], "day"),
    ],
)
def test_choose_frequency(dates, expected):
    assert compare.choose_frequency(pd.Series(dates), max_bins=60) == expected


def test_time_bins_start_weeks_on_monday_and_fill_gaps():
    bins, freq = compare.time_bins(pd.Series(["2025-11-26", "", "2025-12-07", "2025-11-24"]), freq="week")
    assert freq == "week"
    assert bins.dt.strftime("%Y-%m-%d").tolist()[::2] == ["2025-11-24", "2025-12-01"] and pd.isna(bins[1])
    assert bins[3] == bins[0]  # Monday and Wednesday of the same week
    assert [d.strftime("%m-%d") for d in compare.all_bins(bins, freq)] == ["11-24", "12-01"]
    months, _ = compare.time_bins(pd.Series(["2025-01-15", "2025-04-02"]), freq="month")
    assert len(compare.all_bins(months, "month")) == 4  # February and March are there, empty
    assert compare.bin_labels(compare.all_bins(months, "month"), "month") == [
        "2025-01",
        "2025-02",
        "2025-03",
        "2025-04",
    ]
    quarters, _ = compare.time_bins(pd.Series(["2025-01-15", "2025-11-02"]), freq="quarter")
    assert compare.bin_labels(compare.all_bins(quarters, "quarter"), "quarter") == [
        "2025Q1",
        "2025Q2",
        "2025Q3",
        "2025Q4",
    ]
    assert compare.bin_labels(bins.dropna(), "week") == ["2025-11-24", "2025-12-01", "2025-11-24"]
    with pytest.raises(ValueError, match="unknown bin width"):
        compare.time_bins(pd.Series(["2025-01-01"]), freq="fortnight")


# --------------------------------------------------------------------------
# Choosing what to compare, findings
# --------------------------------------------------------------------------
def test_selection_and_largest_pair():
    units = pd.DataFrame(
        {
            "lang": ["ar", "ar", "ar", "en", "ar", "ar"],
            "outlet": ["A", "A", "B", "C", "", "B"],
            "date": ["2025-01-01", "2025-02-01", "2025-03-01", "", "2025-01-05", ""],
            "doc_id": ["a1", "a2", "b1", "c1", "x1", "b2"],
        }
    )
    # articles per outlet; the unnamed outlet is never chosen
    assert compare.largest_pair(units) == ("ar", ["A", "B"])
    # a second English outlet
    many_units = pd.concat([units, units[units["lang"] == "en"].assign(outlet="D")] * 1)
    # English: many units, few articles
    long_en = pd.concat([many_units] + [many_units[many_units["lang"] == "en"]] * 9)
    # the language with the most articles, not units
    assert compare.largest_pair(long_en) == ("ar", ["A", "B"])
    assert compare.largest_pair(long_en, lang="en") == ("en", ["C", "D"])
    assert compare.largest_pair(units, lang="en") == ("en", ["C"])
    assert compare.selection(units, "A").tolist() == [True, True, False, False, False, False]
    assert compare.selection(units, ["A", "C"]).sum() == 3
    in_jan = compare.selection(units, {"date": ("2025-01-01", "2025-01-31")})
    assert in_jan.tolist() == [True, False, False, False, True, False]  # undated units are in no date range
    assert compare.selection(units, {"date": (None, "2025-02-01"), "outlet": "A"}).sum() == 2
    # papermill passes a pair as a list
    assert compare.selection(units, {"date": ["2025-01-02", None]}).sum() == 3
    assert compare.describe_selection({"date": ("2025-01-01", None)}) == "date 2025-01-01 to …"
    with pytest.raises(ValueError, match="no column"):
        compare.selection(units, {"section": 1})


def test_key_document_falls_back_to_the_first_document():
    docs = pd.DataFrame({"doc_id": ["x1", "x2"]})
    assert compare.key_document(docs, "x2") == ("x2", "single-article views: x2")
    doc, note = compare.key_document(docs, "000_621ee5358e06a89f")
    assert doc == "x1" and "not in this corpus" in note


def test_findings_json_is_deterministic_and_plain():
    text = compare.findings_json({"b": np.int64(3), "a": [np.float64(0.5), float("nan")], "c": (1, "ا")})
    assert text == json.dumps({"a": [0.5, None], "b": 3, "c": [1, "ا"]}, ensure_ascii=False, indent=1) + "\n"
    assert (
        compare.findings_name("02-framing.ipynb")
        == compare.findings_name("02-framing")
        == "02-framing_findings.json"
    )
