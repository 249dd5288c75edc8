"""Normalisation, tokenising, clitics, stoplists and sentence splitting against hand-made examples."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import text

# --------------------------------------------------------------------------
# normalisation
# --------------------------------------------------------------------------


def test_normalize_arabic_steps():
    assert text.normalize("الوزيرُ") == "الوزير"  # harakat
    assert text.normalize("الحكومـــة") == "الحكومة"  # tatweel
    assert text.normalize("أوكرانيا") == text.normalize("اوكرانيا") == "اوكرانيا"  # alef forms
    assert text.normalize("إلى") == "الي"  # alef + alef maqsura
    assert text.normalize("آفاق") == "افاق"
    assert text.normalize("\u200fبوتين\u200e") == "بوتين"  # bidi marks
    assert text.normalize("ويت\u200cكوف") == "ويتكوف"  # zero-width non-joiner
    assert text.normalize("\ufe8f\ufe98\ufeee\ufe97") == "بتوت"  # presentation forms folded (NFKC)
    assert text.normalize("Ukraine’s") == "Ukraine's"


def test_normalize_steps_can_be_chosen():
    assert text.normalize("أوكرانيا", steps=["harakat"]) == "أوكرانيا"
    assert text.normalize("أوكرانيا", steps=["alef"]) == "اوكرانيا"


def test_normalization_report_counts_changes():
    report = text.normalization_report(["الوزيرُ", "أوكرانيا", "plain"]).set_index("step")
    assert (
        report.loc["harakat", "texts_changed"] == 1 and report.loc["harakat", "chars_removed_or_changed"] == 1
    )
    assert report.loc["alef", "texts_changed"] == 1
    assert report.loc["tatweel", "texts_changed"] == 0
    assert list(report.index) == list(text.NORMALISATIONS)


def test_no_step_changes_ascii_text():
    # ``normalize`` returns ASCII text unread: that holds only while every step leaves ASCII as it is
    ascii_text = "".join(map(chr, range(128))) * 2
    for name, (_, step) in text.NORMALISATIONS.items():
        assert step(ascii_text) == ascii_text, name


# every character some step removes or folds, with letters, spaces and the words on which the alef maqsura
# rule turns (على, whose ى a following letter such as U+02BC makes foldable)
_STEP_CHARACTERS = (
    text.normalise.BIDI_CONTROLS
    + text.normalise.ZERO_WIDTH
    + text.normalise.HARAKAT
    + text.TATWEEL
    + text.normalise.ALEF_FORMS
    + "\u0649\u2019\u2018\u02bc\ufefb\ufe91 علوفa'"
)


@given(st.lists(st.sampled_from([*_STEP_CHARACTERS, "على", "وعلى"]), max_size=30).map("".join))
def test_normalize_is_its_steps_one_after_another(s):
    # ``normalize`` runs each run of character-for-character steps as one translation table
    plans = (text.DEFAULT_STEPS, text.UNFOLDED_STEPS, ("alef", "apostrophes"), ("tatweel", "nfkc", "alef"))
    for steps in plans:
        by_steps = s
        for name in steps:
            by_steps = text.NORMALISATIONS[name][1](by_steps)
        assert text.normalize(s, steps) == (s if s.isascii() else by_steps), steps


@given(st.text())
def test_normalize_is_idempotent(s):
    once = text.normalize(s)
    assert text.normalize(once) == once


# --------------------------------------------------------------------------
# tokenising
# --------------------------------------------------------------------------


def test_tokenize_keeps_words_whole_across_harakat():
    # stdlib \w splits at harakat (category Mn); ours must not
    s = "الوزيرُ إنَّ ستُستأنف"
    assert len(re.findall(r"\w+", s)) > 3
    assert text.tokenize(s) == ["الوزيرُ", "إنَّ", "ستُستأنف"]


def test_tokenize_english():
    assert text.tokenize("The US-Russia talks: 28-point plan, Ukraine's") == [
        "the",
        "us",
        "russia",
        "talks",
        "28",
        "point",
        "plan",
        "ukraine",
        "s",
    ]


def test_token_spans_point_into_text():
    s = "Putin met وويتكوف."
    assert [(s[a:b], tok) for a, b, tok in text.token_spans(s)] == [
        ("Putin", "Putin"),
        ("met", "met"),
        ("وويتكوف", "وويتكوف"),
    ]


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_tokenizer_never_fails_and_tokens_are_substrings(s):
    norm = text.normalize(s)
    for tok in text.tokenize(norm, lower=False):
        assert tok and tok in norm
        assert not any(ch.isspace() for ch in tok)


# --------------------------------------------------------------------------
# clitics and stoplists
# --------------------------------------------------------------------------


def test_clitics():
    strip = lambda w: text.strip_clitics(text.normalize(w))  # noqa: E731
    assert strip("وويتكوف") == "ويتكوف"
    assert strip("ويتكوف") == "ويتكوف"  # a name that starts with و stays whole
    assert strip("وزير") == "وزير"  # و is part of the word
    assert strip("المحادثات") == "محادثات"
    assert strip("والسلام") == "سلام"
    assert strip("للحل") == "حل"
    assert strip("بالسلام") == "سلام"
    assert strip("وبوتين") == "بوتين"
    assert strip("لأوكرانيا") == "اوكرانيا"
    assert strip("الله") == strip("والله") == "الله"  # ال is part of the word
    assert strip("Witkoff") == "Witkoff"  # Latin untouched


def test_clitics_use_extra_known_words():
    # ف is taken for the word's own first letter unless what follows is a known word
    assert text.strip_clitics("فعقوبات") == "فعقوبات"
    assert text.strip_clitics("فعقوبات", known={"عقوبات"}) == "عقوبات"


def test_stoplists_are_normalised_like_the_text():
    ar = text.stopwords("ar")
    assert all(text.normalize(w).casefold() == w for w in ar)
    assert "الي" in ar and "في" in ar  # إلى is stored as normalised الي
    assert text.is_stopword(text.normalize("إلى"), "ar")
    assert text.is_stopword(text.normalize("وفي"), "ar")
    assert text.is_stopword("the", "en") and not text.is_stopword("ukraine", "en")


def test_terms_pipeline():
    assert text.term_list("عقب مباحثات بوتين وويتكوف.. موسكو: حل أزمة أوكرانيا لم يقترب") == [
        "عقب",
        "مباحثات",
        "بوتين",
        "ويتكوف",
        "موسكو",
        "حل",
        "ازمة",
        "اوكرانيا",
        "يقترب",
    ]
    assert text.term_list("He dismissed European proposals concerning Ukraine’s future") == [
        "dismissed",
        "european",
        "proposals",
        "ukraine",
        "future",
    ]
    # both spellings of Ukraine count as one term
    assert text.term_list("أوكرانيا") == text.term_list("اوكرانيا") == text.term_list("وأوكرانيا")


def test_script_lang():
    assert text.script_lang("عقب مباحثات بوتين") == "ar"
    assert text.script_lang("The Kremlin") == "en"
    assert text.script_lang("Putin / بوتين بوتين") == "ar"
    assert text.script_lang("2025 - 2026") == "und"


# --------------------------------------------------------------------------
# sentences
# --------------------------------------------------------------------------


def test_sentences_rules():
    assert text.sentences("One. Two! Three? Four") == ["One.", "Two!", "Three?", "Four"]
    assert text.sentences("He met Dr. Smith in the U.S. yesterday. Then left.") == [
        "He met Dr. Smith in the U.S. yesterday.",
        "Then left.",
    ]
    assert text.sentences("عقب مباحثات بوتين وويتكوف.. موسكو: حل أزمة") == [
        "عقب مباحثات بوتين وويتكوف.. موسكو: حل أزمة"
    ]
    assert text.sentences("هل اقترب الحل؟ لا. ليس بعد") == ["هل اقترب الحل؟", "لا.", "ليس بعد"]
    assert text.sentences("He said, “It is hard. It is a mess,” and left. Next.") == [
        "He said, “It is hard. It is a mess,” and left.",
        "Next.",
    ]
    assert text.sentences("She said: “Done.” Then he spoke.") == ["She said: “Done.”", "Then he spoke."]
    assert text.sentences("Signed by J. Smith today. Fine.") == ["Signed by J. Smith today.", "Fine."]
    assert text.sentences("WASHINGTON, D.C. – Today the chairman spoke. He left.") == [
        "WASHINGTON, D.C. – Today the chairman spoke.",
        "He left.",
    ]


def test_a_quote_that_goes_on_past_its_paragraph_is_split_into_its_sentences():
    # a quote of several paragraphs: each opens with “ and only the last closes it
    assert text.sentences("“The attack is clear. The war persists. Gaps are obvious.") == [
        "“The attack is clear.",
        "The war persists.",
        "Gaps are obvious.",
    ]
    assert text.sentences("«الهجوم واضح. الحرب مستمرة.") == ["«الهجوم واضح.", "الحرب مستمرة."]
    # one the paragraph closes stays one sentence with what frames it
    assert text.sentences("“It is hard. It is a mess,” he said. Next.") == [
        "“It is hard. It is a mess,” he said.",
        "Next.",
    ]
    # an unclosed quote after a closed one: only the closed one holds its sentences together
    assert text.sentences("He said “A mess. Truly,” then: “We go on. We win.") == [
        "He said “A mess. Truly,” then: “We go on.",
        "We win.",
    ]


def test_a_lawmakers_title_ends_no_sentence():
    said = "Sen. Ben Cardin and Rep. Chris Smith issued a statement. Gov. Ann Lee and Amb. Tom Ray agreed."
    assert text.sentences(said) == [
        "Sen. Ben Cardin and Rep. Chris Smith issued a statement.",
        "Gov. Ann Lee and Amb. Tom Ray agreed.",
    ]


@given(st.text())
def test_sentence_spans_are_ordered_and_inside_the_text(s):
    spans = text.split_sentences(s)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(s)
        assert s[a:b].strip() == s[a:b]
        last = b
    # no non-space text is lost between sentences
    covered = "".join(s[a:b] for a, b in spans)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", s)
