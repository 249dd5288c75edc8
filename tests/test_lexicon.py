"""The one matching layer: keys shared with counting, prefixes, every-match mode, one negation rule."""

from helpers import lexicon, stance, text


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
    # where the negator starts: the same rule
    assert lexicon.negator_start(keys("efforts have yet to bring progress"), 5, neg) == 2
    assert lexicon.negator_start(keys("لا يزال يرفض الخطة"), 2, neg) == -1  # "لا يزال", still: no negator
    assert lexicon.negator_start(keys("no news this week about progress"), 5, neg) == -1


def test_a_negator_does_not_reach_into_the_next_clause():
    text = "طرق ملتوية وغير مشروعة، تنتهك القوانين"
    words = lexicon.PhraseMatcher(phrases("تنتهك")).keyed(text)
    starts = lexicon.clause_starts(text, words.spans)
    assert starts == [0, 0, 0, 0, 4, 4]  # the comma opens a clause at "تنتهك"
    keys = words.keys
    assert lexicon.negator_before(keys, 4) == "غير"  # without the clause: the window reaches غير
    assert lexicon.negator_before(keys, 4, clause_from=starts[4]) == ""
    assert lexicon.negator_before(keys, 3, clause_from=starts[3]) == "غير"  # غير مشروعة
    # "in ways that are crooked and illegitimate, violating the laws": negative, not flipped
    assert stance.score_text(text)[0] < 0


def test_an_arabic_cue_also_matches_its_indefinite_accusative():
    k = lexicon.token_key
    assert lexicon.accusative_form((k("هجوم"),)) == (k("هجوما"),)
    assert lexicon.accusative_form((k("دعم"), k("عسكري"))) == (k("دعما"), k("عسكريا"))
    # no alif after ة; a one-word nisba would become a country ("روسي" + ا = "روسيا"); English untouched
    assert lexicon.accusative_form((k("مبادرة"),)) is None
    assert lexicon.accusative_form((k("روسي"),)) is None
    assert lexicon.accusative_form(("attack",)) is None
    m = lexicon.PhraseMatcher(lexicon.with_accusative(phrases("هجوم", "دعم عسكري")))
    found = m.find("شنت روسيا هجوما واسعا وقدمت أمريكا دعما عسكريا")
    assert [x.alias for x in found] == ["هجوم", "دعم عسكري"]
    assert m.find("هجومي") == []


def test_an_arabic_present_tense_verb_also_matches_its_other_persons():
    k = lexicon.token_key
    assert lexicon.verb_person_forms((k("يدعم"),)) == [
        ("يدعمان",),
        ("تدعمان",),
        ("يدعمون",),
        ("ندعم",),
        ("يدعموا",),
    ]
    assert lexicon.verb_person_forms((k("تدعم"),)) == [("تدعمان",), ("تدعموا",)]
    assert lexicon.verb_person_forms((k("أيد"),)) == [(k("أيدوا"),)]  # past tense: "they endorsed"
    # a weak verb's suffixes are irregular; a phrase, an -ات plural and English are left alone
    for keys in [(k("يدعو"),), (k("يدعم"), k("بقوة")), (k("تهديدات"),), ("supports",)]:
        assert lexicon.verb_person_forms(keys) == []
    m = lexicon.PhraseMatcher(lexicon.with_verb_persons(phrases("يدعم")))
    found = m.find("إن البلدين يدعمان الهدنة ونحن ندعم الحوار")
    assert [x.alias for x in found] == ["يدعم"] * 2
    achieves = lexicon.PhraseMatcher(lexicon.with_verb_persons(phrases("يحقق")))
    assert achieves.find("تحقق من المعلومات") == []  # no ت + stem: "verify", not "she achieves"
    assert stance.score_text("جميع الشركاء أيدوا الاتفاق")[0] > 0
    # "the two countries support all efforts": scored like the singular
    assert (
        stance.score_text("البلدان يدعمان جهود السلام")[0]
        == stance.score_text("البلد يدعم جهود السلام")[0]
        > 0
    )


def test_an_arabic_entry_also_matches_its_attached_pronouns():
    k = lexicon.token_key
    assert lexicon.suffixed_forms((k("استعداد"),))[:2] == [("استعداده",), ("استعدادها",)]
    assert ("رغبتها",) in lexicon.suffixed_forms((k("رغبة"),))  # ة is written ت before a pronoun
    assert (k("أراضيها"),) in lexicon.suffixed_forms((k("أراضي"),))  # its territories
    # a hamza at the end (its seat changes: "إنشائه"), a phrase, English: none
    for keys in [(k("إنشاء"),), (k("خطة"), k("السلام")), ("plan",)]:
        assert lexicon.suffixed_forms(keys) == []
    m = lexicon.PhraseMatcher(lexicon.with_suffixes(phrases("خطة")))
    assert [x.alias for x in m.find("رفض الكرملين خطته وخطتها")] == ["خطة", "خطة"]
    # valences: "its readiness", "its concern", "supports it"
    assert stance.score_text("أبدت أوكرانيا استعدادها")[0] > 0
    assert stance.score_text("أعربت الصين عن قلقها")[0] < 0
    assert stance.score_text("الدول التي يدعمونها")[0] > 0


def test_accusative_forms_reach_frames_and_arabic_valence():
    from helpers import framing, stance

    cb = framing.load_codebook()
    nominative = {h["frame"] for h in framing.find_cues("شنت روسيا هجوم واسع على كييف", cb)}
    accusative = {h["frame"] for h in framing.find_cues("شنت روسيا هجوما واسعا على كييف", cb)}
    assert nominative and accusative == nominative
    assert stance.score_text("شنت روسيا هجوما واسعا")[0] == stance.score_text("شنت روسيا هجوم واسع")[0] < 0
