"""The one matching layer: keys shared with counting, prefixes, every-match mode, one negation rule."""

from helpers import lexicon, text


def phrases(*written, label="x"):
    return [lexicon.compile_phrase(label, "cue", w) for w in written]


def test_keys_are_the_counting_terms():
    # the same normalise -> clitic steps as text.term_list: a cue, an alias and a counted term agree
    for word in ["وبالمفاوضات", "المفاوضات", "Negotiations", "الأوكرانية"]:
        key = lexicon.token_key(word)
        assert key == text.term_list(word, drop_stopwords=False)[0]


def test_prefix_phrase_matches_any_ending_and_multiword_prefix():
    m = lexicon.PhraseMatcher(phrases("negotiat*", "peace agree*"))
    found = [(x.alias, x.first, x.last) for x in m.find("Negotiations on a peace agreement resumed")]
    assert found == [("negotiat*", 0, 1), ("peace agree*", 3, 5)]
    assert [x.alias for x in m.find("the negotiator")] == ["negotiat*"]
    assert m.find("they renegotiate") == [] and m.find("peace agenda") == []  # a prefix is the word's start


def test_find_all_keeps_overlaps_find_keeps_the_longest():
    m = lexicon.PhraseMatcher(phrases("peace", "peace plan"))
    assert [x.alias for x in m.find("the peace plan")] == ["peace plan"]
    assert sorted(x.alias for x in m.find_all("the peace plan")) == ["peace", "peace plan"]


def test_acronym_alias_matches_only_in_capitals():
    m = lexicon.PhraseMatcher(phrases("US"))
    assert len(m.find("the US said")) == 1 and m.find("let us see") == []


def test_one_negation_rule_both_languages():
    neg = lexicon.load_negation()
    keys = lambda s: [t.key for t in lexicon.tokenize_for_matching(s)]  # noqa: E731
    assert lexicon.negator_before(keys("there is no breakthrough"), 3, neg) == "no"
    assert lexicon.negator_before(keys("efforts have yet to bring progress"), 5, neg) == "yet to"
    assert lexicon.negator_before(keys("ولم يقترب الحل"), 1, neg) == "لم"  # و attached to the negator
    assert lexicon.negator_before(keys("غير مقبول"), 1, neg) == "غير"
    # outside the window
    assert lexicon.negator_before(keys("no news this week about progress"), 5, neg) == ""
