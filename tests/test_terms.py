"""Correctness of helpers.terms against hand-made texts and hand-computed statistics.

Speed and memory are measured by benchmarks/terms.py, not here.
"""

import math
import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import terms
from helpers import text as tx


def units_table(rows) -> pd.DataFrame:
    """A units table like Corpus.units() from (doc_id, section, kind, text) tuples."""
    df = pd.DataFrame(rows, columns=["doc_id", "section", "kind", "text"])
    df["segment_id"] = [f"{d}:u{i:02d}" for i, d in enumerate(df["doc_id"])]
    df["start"] = 0
    df["lang"] = df["text"].map(tx.script_lang)
    return df


# A hand-made two-document text. Hand count (stopwords: the, and, of, in are on the English list):
#   doc a, section 1: "Peace talks and the war."          -> peace 1, talks 1, war 1 (+ and, the)
#   doc a, section 2: "The war of rhetoric, the war."     -> war 2, rhetoric 1 (+ the x2, of)
#   doc b, section 1: "Peace! Peace in talks."            -> peace 2, talks 1 (+ in)
#   doc b, section 1: "أوكرانيا واوكرانيا اوكرانيا وويتكوف"  -> اوكرانيا 3, ويتكوف 1
# English tokens: 5 + 6 + 4 = 15; Arabic tokens: 4.
HAND = [
    ("a", 1, "paragraph", "Peace talks and the war."),
    ("a", 2, "paragraph", "The war of rhetoric, the war."),
    ("b", 1, "paragraph", "Peace! Peace in talks."),
    ("b", 1, "heading", "أوكرانيا واوكرانيا اوكرانيا وويتكوف"),
]


def test_word_list_matches_a_hand_count():
    words = terms.word_list(units_table(HAND)).set_index("term")
    expected = {"war": 3, "peace": 3, "talks": 2, "rhetoric": 1, "اوكرانيا": 3, "ويتكوف": 1}
    assert words["count"].to_dict() == expected
    # range: war is in doc a only (2 sections); peace and talks in both documents (2 sections each)
    assert words.loc["war", ["docs", "sections"]].tolist() == [1, 2]
    assert words.loc["peace", ["docs", "sections"]].tolist() == [2, 2]
    assert words.loc["rhetoric", ["docs", "sections"]].tolist() == [1, 1]
    # rates per 10,000 tokens of the language, stopwords in the denominator: 3 / 15 and 3 / 4
    assert words.loc["war", "per_10k"] == pytest.approx(3 / 15 * 10_000)
    assert words.loc["اوكرانيا", "per_10k"] == pytest.approx(3 / 4 * 10_000)
    assert words.loc["war", "tokens"] == 15 and words.loc["ويتكوف", "tokens"] == 4
    # ties share the best rank; stopwords are gone
    assert words.loc[["war", "peace", "talks", "rhetoric"], "rank"].tolist() == [1, 1, 3, 4]
    assert not {"the", "and", "of", "in"} & set(words.index)


def test_word_list_against_an_independent_count():
    """The streaming counter agrees with counting text.term_list() of each unit with a plain Counter."""
    units = units_table(HAND)
    independent = Counter(t for body in units["text"] for t in tx.term_list(body))
    words = terms.word_list(units, stems=False)
    assert dict(zip(words["term"], words["count"], strict=True)) == dict(independent)


def test_grouping_by_columns_and_the_lang_column():
    units = units_table(HAND)
    by_doc = terms.word_list(units, by=["doc_id"]).set_index(["doc_id", "term"])["count"]
    assert by_doc["a", "war"] == 3 and by_doc["b", "peace"] == 2 and ("b", "war") not in by_doc.index
    by_lang = terms.word_list(units, by=["lang"])
    assert "segment_lang" in by_lang.columns and set(by_lang["segment_lang"]) == {"ar", "en"}


@pytest.mark.parametrize(
    "raw, term",
    [
        ("وويتكوف", "ويتكوف"),  # the conjunction before a known name
        ("أوكرانيا", "اوكرانيا"),
        ("إوكرانيا", "اوكرانيا"),
        ("اوكرانيا", "اوكرانيا"),  # alef forms fold
        ("أُوكْرَانِيَا", "اوكرانيا"),  # harakat
        ("أوكرانيـــا", "اوكرانيا"),  # tatweel
        ("والسلام", "سلام"),
        ("بالسلام", "سلام"),
        ("للسلام", "سلام"),  # article and its combinations
        ("وزير", "وزير"),  # a word that starts with waw stays whole
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("Ukraine", "ukraine"),
        ("ﻷوكرانيا", "اوكرانيا"),  # casefold; NFKC unfolds the lam-alef ligature, then ل goes
    ],
)
def test_arabic_clitics_and_normalisation(raw, term):
    assert terms.term_of(raw) == term


def test_dropping_stopwords_equals_is_stop_term_by_term():
    """word_list drops stopwords with one set lookup per column; it must agree with is_stop on every term."""
    every_stopword = " ".join(sorted(tx.stopwords("ar") | tx.stopwords("en")))
    units = units_table([("d", 0, "paragraph", every_stopword + " war peace سلام اوكرانيا والسلام 2025")])
    kept = terms.word_list(units, stems=False)
    everything = terms.word_list(units, drop_stopwords=False, stems=False)
    assert set(kept["term"]) == {t for t in everything["term"] if not terms.is_stop(t)}
    assert {"war", "peace", "سلام", "اوكرانيا"} <= set(kept["term"]) and len(everything) > len(kept) + 1000


def test_spelling_variants_count_together():
    units = units_table(
        [
            ("d", 0, "title", "أوكرانيا اوكرانيا إوكرانيا وأوكرانيا"),
            ("d", 0, "paragraph", "بوتين وويتكوف ويتكوف"),
        ]
    )
    words = terms.word_list(units).set_index("term")
    assert words.loc["اوكرانيا", "count"] == 4
    assert words.loc["اوكرانيا", "forms"] == "أوكرانيا|إوكرانيا|اوكرانيا|وأوكرانيا"
    assert words.loc["ويتكوف", "count"] == 2


def test_arabic_stem_is_shown_beside_the_term():
    words = terms.word_list(units_table([("d", 0, "title", "المفاوضات والمفاوضات وويتكوف")])).set_index(
        "term"
    )
    assert words.loc["مفاوضات", "stem"] == "مفاوض"
    assert words.loc["ويتكوف", "stem"] == "ويتكوف"  # known names are never stemmed


def test_split_tokens_equals_the_text_pattern_on_every_code_point():
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    texts = [every[i : i + 50_000] for i in range(0, len(every), 50_000)]
    tokens, unit = terms.split_tokens(texts)
    expected = [(i, t) for i, body in enumerate(texts) for t in tx.TOKEN_PATTERN.findall(body)]
    assert list(zip(unit.tolist(), tokens.to_pylist(), strict=True)) == expected
    ascii_tokens, ascii_unit = terms.split_tokens(["", "ab, c1", "--", "x"])  # the ASCII-only path
    assert ascii_tokens.to_pylist() == ["ab", "c1", "x"] and ascii_unit.tolist() == [1, 1, 3]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.characters(codec="utf-8") | st.sampled_from("ab أوُ\u200b\U0001d400\ud800\n"),
            max_size=30,
        ),
        max_size=5,
    )
)
def test_split_tokens_equals_the_text_pattern_on_random_texts(texts):
    tokens, unit = terms.split_tokens(texts)
    expected = [(i, t) for i, body in enumerate(texts) for t in tx.TOKEN_PATTERN.findall(body)]
    assert list(zip(unit.tolist(), tokens.to_pylist(), strict=True)) == expected


def test_type_table_equals_the_type_level_normalisation_steps():
    bad = [
        c
        for c in map(chr, range(0x10000))
        if c.translate(terms._TYPE_TABLE) != tx.normalize(c, terms.TYPE_STEPS)
    ]
    assert bad == []


# --------------------------------------------------------------------------
# Per-document counts + associative merge
# --------------------------------------------------------------------------
WORDS = [
    "peace",
    "war",
    "the",
    "talks",
    "Ukraine",
    "أوكرانيا",
    "اوكرانيا",
    "وويتكوف",
    "السلام",
    "سلام",
    "وزير",
    "12",
    "أُوكرانيا",
    "ka\u0301",
    "x\u200by",
]
unit = st.tuples(
    st.integers(0, 2),
    st.sampled_from(["title", "heading", "paragraph"]),
    st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join),
)
documents = st.lists(st.lists(unit, min_size=1, max_size=4), min_size=1, max_size=6)


def records(docs, first=0):
    return [
        {"doc_id": f"d{first + i}", "section": s, "kind": k, "text": t}
        for i, doc in enumerate(docs)
        for s, k, t in doc
    ]


@settings(max_examples=60, deadline=None)
@given(documents, st.data())
def test_merging_counts_over_any_split_equals_counting_the_whole(docs, data):
    cut = data.draw(st.integers(0, len(docs)))
    left = terms.count_records(records(docs[:cut]), by=["kind"])
    right = terms.count_records(records(docs[cut:], first=cut), by=["kind"])
    whole = terms.count_records(records(docs), by=["kind"])
    assert left.merge(right) == whole
    per_doc = [terms.count_document(records([d], first=i), by=["kind"]) for i, d in enumerate(docs)]
    merged = terms.TermCounts(("kind",))  # the identity
    for part in per_doc:
        merged = merged.merge(part)
    assert merged == whole
    assert whole.merge(terms.TermCounts(("kind",))) == whole


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab أاإوكرنيسلمُـ\u064b\u200b\u200f.,'’ﻷ1", max_size=40))
def test_streamed_counts_equal_the_text_pipeline(body):
    counts = terms.count_records([{"doc_id": "d", "section": 0, "text": body}])
    totals = Counter()
    for token, n in counts.tokens.get((), Counter()).items():
        if terms.term_of(token):
            totals[terms.term_of(token)] += n
    assert totals == Counter(tx.term_list(body, drop_stopwords=False))


@pytest.mark.parametrize("chunk, dense", [(1, 1 << 22), (1, 0), (2, 4), (400_000, 0)])
def test_chunk_size_and_table_layout_do_not_change_counts(monkeypatch, chunk, dense):
    docs = [
        [(1, "paragraph", "peace war peace")],
        [(2, "heading", "أوكرانيا السلام"), (2, "paragraph", "war")],
        [(1, "paragraph", "war talks"), (3, "title", "اوكرانيا")],
    ]
    whole = terms.count_records(records(docs), by=["kind"])
    assert whole.tokens[("paragraph",)] == Counter({"peace": 2, "war": 3, "talks": 1})
    assert whole.docs[("paragraph",)]["war"] == 3 and whole.sections[("heading",)]["اوكرانيا"] == 1
    monkeypatch.setattr(terms.counting, "CHUNK_CHARS", chunk)
    # DENSE_CELLS 0: sorted pairs from the start; 4: switch midway. PAIRS_HELD 1: reduce after every chunk
    monkeypatch.setattr(terms.counting, "DENSE_CELLS", dense)
    monkeypatch.setattr(terms.counting, "PAIRS_HELD", 1 if chunk == 1 else 2_000_000)
    assert terms.count_records(records(docs), by=["kind"]) == whole


def test_records_of_a_document_must_be_contiguous():
    recs = records([[(0, "title", "a")], [(0, "title", "b")]]) + [
        {"doc_id": "d0", "section": 1, "kind": "x", "text": "c"}
    ]
    with pytest.raises(ValueError, match="not contiguous"):
        terms.count_records(recs)


# --------------------------------------------------------------------------
# Keyness
# --------------------------------------------------------------------------
def test_log_likelihood_by_hand():
    # a = 10 in a target of 1000 tokens, b = 5 in a reference of 2000; N = 3000.
    # Expected: E11 = 1000 * 15 / 3000 = 5, E12 = 2000 * 15 / 3000 = 10,
    #           E21 = 1000 * 2985 / 3000 = 995, E22 = 2000 * 2985 / 3000 = 1990.
    # Observed: 10, 5, 990, 1995.
    # G2 = 2 * (10 ln(10/5) + 5 ln(5/10) + 990 ln(990/995) + 1995 ln(1995/1990))
    #    = 2 * (6.931472 - 3.465736 - 4.987416 + 5.006276) = 2 * 3.484596 = 6.969192
    assert float(terms.log_likelihood(10, 5, 1000, 2000)) == pytest.approx(6.969192, abs=1e-6)
    assert float(terms.log_likelihood(5, 10, 2000, 1000)) == pytest.approx(-6.969192, abs=1e-6)  # signed
    # p = erfc(sqrt(6.969192 / 2)) = erfc(1.866713) = 0.008292
    assert float(terms.p_value(6.969192)) == pytest.approx(0.008292, abs=1e-6)


def test_keyness_table_by_hand():
    table = terms.keyness(pd.Series({"war": 10, "peace": 0}), pd.Series({"war": 5, "peace": 4}), 1000, 2000)
    war = table.set_index("term").loc["war"]
    assert war["g2"] == pytest.approx(6.9692, abs=1e-4) and war["key"] == "positive"
    # Log Ratio = log2((10/1000) / (5/2000)) = log2(4) = 2; %DIFF = (0.01 - 0.0025) / 0.0025 * 100 = 300
    assert war["log_ratio"] == pytest.approx(2.0) and war["pct_diff"] == pytest.approx(300.0)
    assert war[["count_target", "count_reference"]].tolist() == [10, 5]
    peace = table.set_index("term").loc["peace"]
    # zero corrected to 0.5 over the larger size: log2((0.5/2000) / (4/2000)) = log2(0.125) = -3;
    # %DIFF = (0.00025 - 0.002) / 0.002 * 100 = -87.5
    assert peace["log_ratio"] == pytest.approx(-3.0) and peace["pct_diff"] == pytest.approx(-87.5)
    assert peace["key"] == "negative" and peace["g2"] < 0
    assert table["term"].tolist() == ["war", "peace"]  # positive first, negative last


def test_zero_correction_never_flips_the_sign_by_hand():
    # Target of 100 tokens, reference of 1000. "absent": 0 vs 1. Corrected over each side's own size
    # it would be 0.5/100 = 0.005 > 1/1000 (Log Ratio +2.32); over the larger size it is 0.5/1000:
    #   Log Ratio = log2(0.0005 / 0.001) = -1, %DIFF = (0.0005 - 0.001) / 0.001 * 100 = -50.
    # "only": 3 vs 0: log2((3/100) / (0.5/1000)) = log2(60) = 5.906891,
    # %DIFF = (0.03 - 0.0005) / 0.0005 * 100 = 5900.
    table = terms.keyness(pd.Series({"absent": 0, "only": 3}), pd.Series({"absent": 1, "only": 0}), 100, 1000)
    table = table.set_index("term")
    assert table.loc["absent", ["log_ratio", "pct_diff"]].tolist() == [
        pytest.approx(-1.0),
        pytest.approx(-50.0),
    ]
    assert table.loc["absent", "g2"] < 0 and table.loc["absent", "key"] == "negative"
    assert table.loc["only", "log_ratio"] == pytest.approx(5.906891, abs=1e-4)
    assert table.loc["only", "pct_diff"] == pytest.approx(5900.0) and table.loc["only", "g2"] > 0


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=30),
    st.integers(0, 5000),
    st.integers(0, 5000),
)
def test_log_ratio_and_pct_diff_have_the_sign_of_g2(pairs, extra1, extra2):
    """On random tables (either side larger, zeros on either side) the three measures agree in sign."""
    a = pd.Series({f"t{i}": x for i, (x, _) in enumerate(pairs)})
    b = pd.Series({f"t{i}": y for i, (_, y) in enumerate(pairs)})
    n1, n2 = int(a.sum()) + extra1 + 1, int(b.sum()) + extra2 + 1
    table = terms.keyness(a, b, n1, n2)
    keyed = table[table["g2"] != 0]
    signs = [np.sign(keyed[c]).tolist() for c in ("g2", "log_ratio", "pct_diff")]
    assert signs[0] == signs[1] == signs[2]
    assert (keyed["key"] == np.where(keyed["g2"] > 0, "positive", "negative")).all()


def test_compare_refuses_to_compare_across_languages():
    units = units_table(HAND)
    with pytest.raises(ValueError, match="no 'ar' tokens"):
        terms.compare(units, units["kind"] == "heading", units["kind"] == "paragraph", lang="ar")
    table = terms.compare(units, units["doc_id"] == "a", lang="en").set_index("term")
    assert table.loc["war", ["count_target", "count_reference"]].tolist() == [3, 0]
    assert table.loc["peace", "key"] == "negative"


def test_keyness_over_150k_types_is_vectorised():
    n = 150_000
    a = pd.Series(range(n), index=[f"t{i}" for i in range(n)])
    table = terms.keyness(a, a.iloc[::-1].set_axis(a.index), int(a.sum()), int(a.sum()))
    assert len(table) == n and table["g2"].iloc[0] > 0 > table["g2"].iloc[-1]


# --------------------------------------------------------------------------
# N-grams and collocations
# --------------------------------------------------------------------------
def sentence_tokens(sentences):
    rows = [("d", f"d:s{i}", 0, body) for i, body in enumerate(sentences)]
    return terms.tokens(pd.DataFrame(rows, columns=["doc_id", "segment_id", "start", "text"]))


def test_ngrams_never_cross_a_sentence_boundary():
    toks = sentence_tokens(["peace talks", "talks resume", "peace talks", "talks resume"])
    grams = terms.ngrams(toks, 2, min_freq=1).set_index("ngram")["count"].to_dict()
    assert grams == {"peace talks": 2, "talks resume": 2}  # no "talks talks"
    assert terms.ngrams(toks, 3, min_freq=1).empty


def test_collocates_by_hand():
    # node "peace" twice; window 1: sentence 1 gives talks (right),
    # sentence 2 gives war (left) and talks (right).
    toks = sentence_tokens(["peace talks", "war peace talks", "talks war"])
    table = terms.collocates(toks, "Peace", window=1, min_freq=1, drop_stopwords=False).set_index("collocate")
    talks = table.loc["talks"]
    assert (talks["count"], talks["left"], talks["right"], talks["freq_collocate"]) == (2, 0, 2, 3)
    # W = 3 window slots, f(talks) = 3, N = 7 tokens: E = 3 * 3 / 7; PMI = log2(2 / E)
    assert talks["expected"] == pytest.approx(9 / 7, abs=1e-4)
    assert talks["pmi"] == pytest.approx(math.log2(2 / (9 / 7)), abs=1e-4)
    assert talks["t_score"] == pytest.approx((2 - 9 / 7) / math.sqrt(2), abs=1e-4)
    # logDice = 14 + log2(2 * 2 / (f(peace) 2 + f(talks) 3))
    assert talks["log_dice"] == pytest.approx(14 + math.log2(4 / 5), abs=1e-4)


# --------------------------------------------------------------------------
# Concordance
# --------------------------------------------------------------------------
def test_concordance_finds_every_spelling_in_both_scripts():
    units = units_table(
        [
            ("d", 0, "title", "عقب مباحثات بوتين وويتكوف.. موسكو: حل أزمة أوكرانيا لم يقترب"),
            ("d", 1, "paragraph", "Talks on Ukraine. UKRAINE's allies; Ukrainian views."),
        ]
    )
    ar = terms.concordance(units, "ويتكوف", window=2)
    assert ar[["left", "node", "right"]].values.tolist() == [["مباحثات بوتين ", "وويتكوف", ".. موسكو: حل"]]
    en = terms.concordance(units, "ukraine", window=1, sort="left")
    assert en["node"].tolist() == ["Ukraine", "UKRAINE"]  # sorted on the L1 terms: "on" < "ukraine"
    assert set(en["lang"]) == {"en"}
    assert terms.concordance(units, "اوكرانيا")["node"].tolist() == ["أوكرانيا"]


def test_concordance_sorts_on_left_and_right_context():
    units = units_table([("d", 0, "paragraph", "b war z. a war y. c war x.")])
    assert terms.concordance(units, "war", window=1, sort="right")["right"].str.strip().tolist() == [
        "x",
        "y",
        "z",
    ]
    assert terms.concordance(units, "war", window=1, sort="left")["left"].str.strip().tolist() == [
        "a",
        "b",
        "c",
    ]
    assert terms.concordance(units, "war", window=1, sort="position")["left"].str.strip().tolist() == [
        "b",
        "a",
        "c",
    ]


def test_concordance_html_puts_arabic_rows_right_to_left():
    units = units_table(
        [("d", 0, "title", "حل أزمة أوكرانيا لم يقترب"), ("d", 1, "paragraph", "Peace in Ukraine <now>")]
    )
    page = terms.concordance_html(terms.concordance(units, ["أوكرانيا", "ukraine"], sort="position"))
    rows = re.findall(r"<tr dir=\"(\w+)\">(.*?)</tr>", page)
    assert [d for d, _ in rows] == ["rtl", "ltr"]
    assert "<mark>أوكرانيا</mark>" in rows[0][1] and "&lt;now" in rows[1][1]
    # table columns run left to right: the Arabic row's following context comes first, its preceding one last
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for _, row in rows]
    assert cells[0][:3] == [" لم يقترب", "<mark>أوكرانيا</mark>", "حل أزمة "]
    assert cells[1][:3] == ["Peace in ", "<mark>Ukraine</mark>", " &lt;now"]


# --------------------------------------------------------------------------
# Dispersion
# --------------------------------------------------------------------------
def test_gries_dp_by_hand():
    # three parts of 10, 10 and 20 tokens: s = 0.25, 0.25, 0.5; the term occurs 2, 0, 0 times: v = 1, 0, 0.
    # DP = 0.5 * (|1 - 0.25| + |0 - 0.25| + |0 - 0.5|) = 0.5 * 1.5 = 0.75; DPnorm = 0.75 / (1 - 0.25) = 1.0
    # "filler" occurs 8, 10, 20 times: v = 8/38, 10/38, 20/38.
    # DP = 0.5 * (|8/38 - 0.25| + |10/38 - 0.25| + |20/38 - 0.5|)
    #    = 0.5 * (0.039474 + 0.013158 + 0.026316) = 0.039474
    units = units_table(
        [
            ("d", 1, "paragraph", "zebu zebu " + "filler " * 8),
            ("d", 2, "paragraph", "filler " * 10),
            ("d", 3, "paragraph", "filler " * 20),
        ]
    )
    dp = terms.dispersion(units).set_index("term")
    assert dp.loc["zebu", ["count", "parts", "n_parts"]].tolist() == [2, 1, 3]
    assert dp.loc["zebu", "dp"] == pytest.approx(0.75) and dp.loc["zebu", "dp_norm"] == pytest.approx(1.0)
    assert dp.loc["filler", "dp"] == pytest.approx(0.039474, abs=1e-4)


def test_dispersion_over_a_part_named_like_a_word_list_column(seed_corpus):
    # 'lang' clashes with the word list's own 'lang' column (it becomes 'segment_lang');
    # over one part per language every term is spread exactly like the text: DP = 0
    by_lang = terms.dispersion(seed_corpus.units(), part="lang")
    assert len(by_lang) and (by_lang["dp"] == 0).all() and (by_lang["n_parts"] == 1).all()


# --------------------------------------------------------------------------
# Issue 12: acronyms and the stoplists' keep lists (item 1)
# --------------------------------------------------------------------------
ACRONYMS = "The US told us the UN and the UK would act. Let us see: WHO data, EU and NATO; Nato, the Us."


def test_acronyms_survive_casefolding_and_the_stoplist_in_both_paths():
    units = units_table([("d", 0, "paragraph", ACRONYMS)])
    words = terms.word_list(units, stems=False).set_index("term")["count"]
    # written in capitals, a listed acronym is its own term; in any other case it is the word ("us", "Us")
    assert words[["US", "UN", "UK", "WHO"]].tolist() == [1, 1, 1, 1]
    # not listed: "nato" is no word, so NATO and Nato count together
    assert words["nato"] == 2 and words["eu"] == 1
    # the pronoun and the function words are still stopwords
    assert not {"us", "the", "who"} & set(words.index)
    assert dict(words) == Counter(tx.term_list(ACRONYMS))  # the streaming engine and text.term_list agree
    assert [terms.term_of(t) for t in ("US", "Us", "us", "USA", "WHO")] == ["US", "us", "us", "usa", "WHO"]
    toks = sentence_tokens([ACRONYMS])
    assert toks.loc[toks["token"] == "US", ["term", "stopword"]].values.tolist() == [["US", False]]
    assert terms.concordance(units, "US")["node"].tolist() == ["US"]  # not "us", twice
    assert terms.concordance(units, "us", sort="position")["node"].tolist() == ["us", "us", "Us"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "US",
                "us",
                "Us",
                "UN",
                "un",
                "UK",
                "WHO",
                "who",
                "USA",
                "NATO",
                "Nato",
                "war",
                "أوكرانيا",
                "ووقف",
                "-",
                ".",
                "'s",
                "US-led",
                "XUS",
                "\u0301",
                "U\u064eS",
                "\u0640UN",
                "ＵＳ",
            ]
        ),
        max_size=12,
    )
)
def test_acronyms_count_alike_in_both_paths(words):
    body = " ".join(words)
    counts = terms.count_records([{"doc_id": "d", "section": 0, "text": body}])
    totals = Counter()
    for token, n in counts.tokens.get((), Counter()).items():
        totals[terms.term_of(token)] += n
    assert +totals == Counter(tx.term_list(body, drop_stopwords=False))
    kept = terms.word_list(units_table([("d", 0, "paragraph", body)]), stems=False) if body.strip() else None
    if kept is not None:
        assert dict(zip(kept["term"], kept["count"], strict=True)) == dict(Counter(tx.term_list(body)))


def test_news_words_are_kept_off_the_stoplists():
    for word in ("وقف", "لقاء", "زيارة", "ضد"):
        assert not tx.is_stopword(tx.normalize(word), "ar"), word
    for word in ("against", "fire", "states", "members", "world", "billion"):
        assert not tx.is_stopword(word, "en"), word
    assert (
        tx.is_stopword("the", "en")
        and tx.is_stopword("us", "en")
        and tx.is_stopword(tx.normalize("على"), "ar")
    )
    # a kept word still loses its clitics as before (it stays a known whole word)
    assert [terms.term_of(w) for w in ("ووقف", "وزيارة", "للقاء")] == ["وقف", "زيارة", "لقاء"]
    units = units_table(
        [
            ("d", 0, "title", "دعوات إلى وقف إطلاق النار بعد لقاء وزيارة"),
            ("d", 1, "paragraph", "A cease-fire against the war, member states said."),
        ]
    )
    words = set(terms.word_list(units, stems=False)["term"])
    assert {"وقف", "لقاء", "زيارة", "fire", "against", "member", "states"} <= words


def test_every_kept_word_was_on_a_stoplist_and_says_why():
    import stopwordsiso

    for lang in ("ar", "en"):
        path = tx.RESOURCES / f"stopwords_keep_{lang}.txt"
        original = {tx.normalize(w).casefold() for w in stopwordsiso.stopwords(lang)}
        original |= tx._read_wordlist(tx.RESOURCES / f"stopwords_extra_{lang}.txt")
        entries = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        assert entries, path
        for line in entries:
            word, _, reason = line.partition("#")
            assert len(reason.strip()) > 10, f"{path.name}: {word.strip()} needs a reason"
            assert tx.normalize(word.strip()).casefold() in original, (
                f"{path.name}: {word.strip()} is on no stoplist"
            )
            assert not tx.is_stopword(tx.normalize(word.strip()).casefold(), lang)


# --------------------------------------------------------------------------
# Issue 12: collocates over overlapping windows (item 3)
# --------------------------------------------------------------------------
def test_collocates_count_each_position_once_when_node_windows_overlap():
    # "Ukraine war Ukraine.": "war" sits in both windows but occurs once
    table = terms.collocates(
        sentence_tokens(["Ukraine war Ukraine."]), "Ukraine", window=5, min_freq=1, drop_stopwords=False
    ).set_index("collocate")
    assert table.loc["war", ["count", "freq_collocate"]].tolist() == [1, 1]
    # "peace talks peace talks resume", window 1: windows {1} and {1, 3};
    # their union {1, 3} holds talks twice.
    # W = 2 slots, f(talks) = 2, N = 5: E = 2 * 2 / 5 = 0.8; table [2, 0; 0, 3], E = [0.8, 1.2; 1.2, 1.8]
    # G2 = 2 * (2 ln(2 / 0.8) + 3 ln(3 / 1.8)) = 6.7301; position 1 follows a node, so it counts as right
    table = terms.collocates(
        sentence_tokens(["peace talks peace talks resume"]),
        "peace",
        window=1,
        min_freq=1,
        drop_stopwords=False,
    )
    talks = table.set_index("collocate").loc["talks"]
    assert talks[["count", "left", "right", "freq_collocate"]].tolist() == [2, 0, 2, 2]
    assert talks["expected"] == pytest.approx(0.8)
    assert talks["g2"] == pytest.approx(2 * (2 * math.log(2 / 0.8) + 3 * math.log(3 / 1.8)), abs=1e-4)
    assert (table["count"] <= table["freq_collocate"]).all()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["ukraine", "war", "peace", "talks", "12", "سلام"]), max_size=10),
        min_size=1,
        max_size=4,
    ),
    st.integers(1, 4),
)
def test_collocate_counts_never_exceed_frequencies(sentences, window):
    toks = sentence_tokens([" ".join(s) for s in sentences])
    if not (toks["term"] == "ukraine").any():
        return
    table = terms.collocates(toks, "ukraine", window=window, min_freq=1, drop_stopwords=False)
    assert (table["count"] <= table["freq_collocate"]).all()
    assert (table["left"] + table["right"] == table["count"]).all()


# --------------------------------------------------------------------------
# Issue 12: n-gram statistics per language (item 4)
# --------------------------------------------------------------------------
def test_ngram_statistics_use_the_languages_own_token_total():
    english = ["peace talks resume", "peace talks stall", "talks resume today"]
    arabic = ["محادثات السلام تستأنف", "محادثات السلام تتعثر اليوم"]
    columns = ["count", "per_10k", "g2", "pmi", "t_score"]
    for n in (2, 3):
        alone = terms.ngrams(sentence_tokens(english), n, min_freq=1).set_index("ngram")
        mixed = terms.ngrams(sentence_tokens(english + arabic), n, min_freq=1)
        mixed = mixed[mixed["lang"] == "en"].set_index("ngram")
        pd.testing.assert_frame_equal(alone[columns], mixed.loc[alone.index, columns])
    # one language alone: NLTK's own finders give the same scores
    from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures

    sequences = [s.split() for s in english]
    for finder, measures, n in (
        (BigramCollocationFinder.from_documents(sequences), BigramAssocMeasures, 2),
        (TrigramCollocationFinder.from_documents(sequences), TrigramAssocMeasures, 3),
    ):
        ours = terms.ngrams(sentence_tokens(english + arabic), n, min_freq=1, drop_stopwords=False).set_index(
            "ngram"
        )
        for gram in finder.ngram_fd:
            assert ours.loc[" ".join(gram), "pmi"] == pytest.approx(
                finder.score_ngram(measures.pmi, *gram), abs=1e-4
            )
            assert abs(ours.loc[" ".join(gram), "g2"]) == pytest.approx(
                finder.score_ngram(measures.likelihood_ratio, *gram), abs=1e-4
            )
    # by hand: "peace talks" 2 times, f(peace) = 2, f(talks) = 3, N = 9 English tokens:
    # PMI = log2(2 * 9 / (2 * 3))
    mixed = terms.ngrams(sentence_tokens(english + arabic), 2, min_freq=1).set_index("ngram")
    assert mixed.loc["peace talks", "pmi"] == pytest.approx(math.log2(3), abs=1e-4)
    # N = 7 Arabic
    assert mixed.loc["محادثات سلام", "pmi"] == pytest.approx(math.log2(2 * 7 / (2 * 2)), abs=1e-4)


# --------------------------------------------------------------------------
# Issue 12: keyness refuses impossible counts; G2 = 0 is neither (item 5)
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "a, b, n1, n2, message",
    [
        ({"war": 11}, {"war": 1}, 10, 100, "war.*11.*target.*10"),  # a count above its side's size
        ({"war": 1}, {"war": -1}, 10, 100, "negative"),
        # together more than the side's size
        (
            {"war": 6, "peace": 6},
            {"war": 1},
            10,
            100,
            "add up to 12.*10",
        ),
        ({"war": 1.5}, {"war": 1}, 10, 100, "whole"),
    ],
)
def test_keyness_refuses_impossible_counts(a, b, n1, n2, message):
    with pytest.raises(ValueError, match=message):
        terms.keyness(pd.Series(a), pd.Series(b), n1, n2)


def test_keyness_labels_a_g2_of_zero_neither():
    # 1 in 10 and 10 in 100: the same rate, G2 exactly 0
    table = terms.keyness(pd.Series({"war": 1, "peace": 3}), pd.Series({"war": 10, "peace": 2}), 10, 100)
    war = table.set_index("term").loc["war"]
    assert war["g2"] == 0 and war["log_ratio"] == 0 and war["key"] == "neither"
    assert table.set_index("term").loc["peace", "key"] == "positive"
    assert set(terms.KEY_LABELS) == {"positive", "negative", "neither"}


# --------------------------------------------------------------------------
# Issue 12: the README names the statistic computed (item 6)
# --------------------------------------------------------------------------
def test_readme_names_dunnings_four_cell_g2_and_where_the_two_cell_form_differs():
    readme = (tx.RESOURCES.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: term-frequency -->")[1].split("<!-- /section: term-frequency -->")[
        0
    ]
    assert "Dunning (1993)" in section and "Rayson & Garside (2000)" in section
    # the example the README gives: a term with 50 of the target's 50 tokens, 10 in a reference of 1,000
    a, b, n1, n2 = 50, 10, 50, 1000
    e1, e2 = n1 * (a + b) / (n1 + n2), n2 * (a + b) / (n1 + n2)
    two_cell = 2 * (a * math.log(a / e1) + b * math.log(b / e2))
    four_cell = float(terms.log_likelihood(a, b, n1, n2))
    assert (f"{four_cell:.2f}", f"{two_cell:.2f}") == ("347.97", "251.36")
    assert "347.97" in section and "251.36" in section and "50 of 50" in section


# --------------------------------------------------------------------------
# Issue 12: labels by the most frequent surface form (item 7)
# --------------------------------------------------------------------------
def test_terms_are_labelled_by_their_most_frequent_surface_form():
    units = units_table(
        [
            ("d", 0, "title", "أوكرانيا وأوكرانيا اوكرانيا لأوكرانيا الأمريكية الامريكية والأمريكية"),
            ("d", 1, "paragraph", "US and Ukraine; ukraine."),
        ]
    )
    words = terms.word_list(units).set_index("term")
    assert words.loc["اوكرانيا", ["label", "count"]].tolist() == ["أوكرانيا", 4]  # 3 of 4 spell it with hamza
    assert words.loc["امريكية", "label"] == "أمريكية"  # the surface spelling without its clitics
    # the folded forms alongside
    assert words.loc["اوكرانيا", "forms"] == "أوكرانيا|اوكرانيا|لأوكرانيا|وأوكرانيا"
    assert words.loc["US", "label"] == "US" and words.loc["ukraine", "label"] == "ukraine"
    assert list(words.columns[:3]) == ["lang", "label", "stem"]
    by_section = terms.word_list(units, by=["section"])
    assert by_section.loc[by_section["term"] == "اوكرانيا", "label"].tolist() == ["أوكرانيا"]
    # the clitic's harakat go with it; the word's own harakat stay
    assert (
        terms._surface("وَأُوكرانيا", "اوكرانيا") == "أُوكرانيا" and terms._surface("بالسلام", "سلام") == "سلام"
    )


def test_keyness_tables_carry_the_label_too():
    units = units_table(
        [("a", 0, "title", "أوكرانيا وأوكرانيا السلام"), ("b", 0, "title", "اوكرانيا سلام حرب")]
    )
    table = terms.compare(units, units["doc_id"] == "a", lang="ar").set_index("term")
    assert table.loc["اوكرانيا", "label"] == "أوكرانيا" and table.loc["حرب", "label"] == "حرب"


# --------------------------------------------------------------------------
# Issue 12: published worked examples as reference values (item 8)
# --------------------------------------------------------------------------
def test_lancaster_calculator_example():
    # UCREL log-likelihood calculator (Rayson), worked example of the Lancaster corpus linguistics course:
    # a word 52 times in corpus 1 (50,000 tokens) and 57 times in corpus 2 (75,000 tokens): "+ 2.65".
    # The calculator sums two cells (2.6517); the four-cell G2 computed here gives 2.6541: both 2.65.
    g2 = float(terms.log_likelihood(52, 57, 50_000, 75_000))
    assert round(g2, 2) == 2.65 and g2 == pytest.approx(2.654064, abs=1e-6)
    assert float(terms.log_likelihood(57, 52, 75_000, 50_000)) == pytest.approx(-2.654064, abs=1e-6)


@pytest.mark.parametrize(
    "a, b, published", [(348, 99, 147), (15, 14, 0), (9, 32, -14), (21, 25, 0), (392, 170, 90)]
)
def test_rayson_keep_example(a, b, published):
    # Rayson, Corpora mailing list, 18 January 2002: forms of KEEP in a learner corpus and a native-speaker
    # corpus, both taken as 1,000,000 words; LL rounded to whole numbers: keep 147, keeps 0, keeping 14
    # (underused), kept 0, lemma KEEP 90.
    assert round(float(terms.log_likelihood(a, b, 1_000_000, 1_000_000))) == published


def test_gries_2008_dp_example():
    # Gries (2008), the worked example: a corpus of 50 words in five parts of 9, 10, 10, 10 and 11 words:
    # DP of a = 0.18, b = 0.02, i = 0.82, q = 0.8, x = 0.78.
    parts = [
        "b a m n i b e u p",
        "b a s a t b e w q n",
        "b c a g a b e s t a",
        "b a g h a b e a a t",
        "b a h a a b e a x a t",
    ]
    units = units_table([("d", i, "paragraph", text) for i, text in enumerate(parts)])
    dp = terms.dispersion(units, drop_stopwords=False).set_index("term")["dp"]
    assert dp[["a", "b", "i", "q", "x"]].tolist() == pytest.approx([0.18, 0.02, 0.82, 0.80, 0.78], abs=1e-4)
