"""Stance: attribution (verb, quote, pronoun, by-agent, headline colon), polarity and negation, aggregates,
validation, offline VADER."""

import math

import nltk
import numpy as np
import pandas as pd
import pytest

from helpers import stance


def sentences(*paragraphs, doc="d", heading=None):
    """A sentences table like Corpus.sentences(): one paragraph per tuple of sentence strings."""
    rows, position = [], 0
    if heading:
        rows.append(
            {
                "doc_id": doc,
                "segment_id": f"{doc}:t.s01",
                "parent": f"{doc}:t",
                "section": 0,
                "lang": "ar",
                "position": position,
                "text": heading,
            }
        )
        position += 1
    for p, sents in enumerate(paragraphs, start=1):
        for s, text in enumerate(sents, start=1):
            rows.append(
                {
                    "doc_id": doc,
                    "segment_id": f"{doc}:p{p:02d}.s{s:02d}",
                    "parent": f"{doc}:p{p:02d}",
                    "section": 1,
                    "lang": "en",
                    "position": position,
                    "text": text,
                }
            )
            position += 1
    return pd.DataFrame(rows)


def statements_of(*paragraphs, **kw):
    return stance.stance_records(sentences(*paragraphs, **kw))[0]


def triples(st):
    return [(r.source, r.target, r.polarity) for r in st.itertuples()]


# --------------------------------------------------------------------------
# VADER offline
# --------------------------------------------------------------------------
def test_vader_lexicon_loads_offline_and_matches_vadersentiment(monkeypatch):
    def no_download(*args, **kwargs):
        raise AssertionError("nltk.download must never be called")

    monkeypatch.setattr(nltk, "download", no_download)
    path_before = list(nltk.data.path)
    stance.vader_analyzer.cache_clear()
    analyzer = stance.vader_analyzer()
    assert nltk.data.path == path_before  # the search path is left as it was
    assert len(analyzer.lexicon) > 7000 and analyzer.lexicon["useful"] == 1.9
    # VADER's compound for one lexicon word: v / sqrt(v^2 + 15); 'useful' is 1.9 in the lexicon file
    assert analyzer.polarity_scores("The talks were useful.")["compound"] == round(
        1.9 / math.sqrt(1.9**2 + 15), 4
    )
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sentence = "He dismissed the proposals as completely unacceptable, but the talks were good."
    assert analyzer.polarity_scores(sentence) == SentimentIntensityAnalyzer().polarity_scores(sentence)


def _vader_texts(n=300, seed=11):
    """Texts for the VADER equivalence test: fixed edge cases plus seeded random ones built from lexicon
    words, boosters, negators, "but", capitals, emoticons, quotes and runs of punctuation."""
    import random
    import string

    fixed = [
        "",
        " ",
        "a",
        "I",
        "!",
        "!!",
        "?!?",
        "...",
        ":)",
        ":-(",
        "''",
        '""',
        "a b",
        "talks but meetings!!",  # no lexicon word: "but" and "!" change nothing
        "GOOD",
        "good bad",
        "GOOD bad",
        "GOOD BAD",
        "kind of good",
        "good kind of",
        "good but bad",
        "bad BUT good",
        "'good'",
        '"good"',
        "good.",
        ".good",
        "!good!",
        "..good",
        "good...",
        "-good-",
        "(good)",
        "good,",
        "good!!!!",
        "good??",
        "good?!?",
        "not good",
        "isn't good",
        "at least good",
        "very least good",
        "least good",
        "never so good",
        "never this good",
        "so good",
        "the bomb",
        "cut the mustard",
        "kiss of death",
        "yeah right!",
        "sort of bad",
        "good good good",
        "Good GOOD good!",
        "it's 'great' ... isn't it?",
        "ñandú GOOD",
        "ÉTÉ bad",
        "قال بوتين good",
        "peace. War! talks? :( <3 ^_^ ;)",
        "U.S. good",
        "'s good s'",
        "--good--",
        "!?!?bad",
        "bad!?!?",
        "\tgood\nbad\u00a0nice\u2003fine",
        "not good and then good",
        "good is not good",
        "very good, good",
        "a kind of kind of good",
    ]
    words = [
        "good",
        "bad",
        "peace",
        "war",
        "great",
        "terrible",
        "kind",
        "of",
        "but",
        "BUT",
        "very",
        "VERY",
        "not",
        "never",
        "so",
        "this",
        "least",
        "at",
        "no",
        "don't",
        "the",
        "bomb",
        "yeah",
        "right",
        "cut",
        "mustard",
        "hand",
        "mouth",
        "sort",
        "extremely",
        "barely",
        "Russia",
        "talks",
        "constructive",
        "provocation",
        "قال",
        "ÉTÉ",
        "ß",
        "x",
        "I",
    ]
    marks = [
        "",
        "",
        "",
        ".",
        "!",
        "?",
        ",",
        ";",
        ":",
        "-",
        "'",
        '"',
        "!!",
        "???",
        "?!?",
        "!?!?",
        "...",
        "(",
        ")",
        "“",
        "”",
        "#",
        "*",
        "--",
        "'s",
    ]
    emoticons = [":)", ":-(", ":D", ";)", "<3", "^_^", "xD", "&", "!", "?"]
    rng = random.Random(seed)
    texts = list(fixed)
    while len(texts) < n:
        tokens = []
        for _ in range(rng.randint(0, 12)):
            if rng.random() < 0.1:
                tokens.append(rng.choice(emoticons))
                continue
            word = rng.choice(words)
            word = word.upper() if rng.random() < 0.15 else word
            if rng.random() < 0.05 and len(word) > 2:
                word = word[0] + rng.choice(string.punctuation) + word[1:]
            tokens.append(rng.choice(marks) + word + rng.choice(marks))
        texts.append(rng.choice([" ", " ", "  ", "\n"]).join(tokens) + rng.choice(["", "", "!", "??", "."]))
    return texts


def test_vader_scores_are_nltks_own():
    """``vader_scores`` finds VADER's words without NLTK's punctuation table: same dicts as
    NLTK's ``polarity_scores``, same words as its ``SentiText``, for VADER's lexicon, the domain one and
    one that scores booster words."""
    import copy

    from nltk.sentiment.vader import SentiText

    plain = stance.vader_analyzer()
    remove = plain.constants.REGEX_REMOVE_PUNCTUATION
    assert {chr(c) for c in range(0x3000) if not remove.sub("", chr(c))} == set(stance.VADER_PUNCTUATION)
    boosted = copy.copy(plain)  # a lexicon that scores a booster word ("very" is none in VADER's)
    boosted.lexicon = {**plain.lexicon, "very": 1.5, "barely": -1.0}
    texts = _vader_texts()
    for analyzer in (plain, stance.domain_analyzer(), boosted):
        constants = analyzer.constants
        for text in texts:
            nltk_words = SentiText(text, constants.PUNC_LIST, remove).words_and_emoticons
            assert stance.vader_words(text, constants.PUNC_LIST) == nltk_words, text
            assert stance.vader_scores(analyzer, text) == analyzer.polarity_scores(text), text


def test_domain_cues_extend_vader_and_are_listed_as_evidence():
    score, words = stance.score_text("The talks were constructive.")
    assert score > 0.05 and "constructive(+1.8*)" in words  # not in VADER's own lexicon
    assert stance.vader_analyzer().polarity_scores("The talks were constructive.")["compound"] == 0


def test_an_invasion_scores_alike_in_both_scripts():
    # the Arabic lexicon's war words have English valences of the same value (stance cues version 6)
    en = stance.score_text("Russia launched its full-scale invasion of Ukraine.")
    ar = stance.score_text("شنت روسيا غزوا شاملا لأوكرانيا.")
    assert stance.polarity_of(en[0]) == stance.polarity_of(ar[0]) == -1
    assert "invasion(-2.5*)" in en[1]


def test_negation_flips_polarity_in_english_and_arabic():
    assert stance.polarity_of(stance.score_text("The talks were constructive.")[0]) == 1
    assert stance.polarity_of(stance.score_text("The talks were not constructive.")[0]) == -1
    assert stance.polarity_of(stance.score_text("حل الأزمة يقترب")[0]) in (0, -1)  # crisis -1.5, closer +1.0
    plain, negated = stance.score_text("الحل يقترب")[0], stance.score_text("الحل لم يقترب")[0]
    assert plain == pytest.approx(1.0 / math.sqrt(1 + 15), abs=1e-4) and negated == -plain


def test_arabic_text_is_never_scored_by_vader():
    score, words = stance.score_text("رفض بوتين المقترحات")
    assert score < 0 and words == "رفض(-2.0)"


# --------------------------------------------------------------------------
# Attribution
# --------------------------------------------------------------------------
def test_reporting_verb_makes_the_subject_the_source():
    st = statements_of(("Putin dismissed the European proposals as completely unacceptable.",))
    assert triples(st) == [("Putin", "European proposals", -1)]
    row = st.iloc[0]
    assert (row.cue, row.method, row.confidence) == ("dismissed", "verb", 0.9)
    assert row.evidence == "Putin dismissed the European proposals as completely unacceptable."
    assert "unacceptable(-2.0)" in row.polarity_cues


def test_direct_quote_gets_its_speaker():
    text = "Ushakov characterized the talks as “useful and very constructive.”"
    st, _, quotes = stance.stance_records(sentences((text,)))
    assert triples(st) == [("Ushakov", "talks", 1)]
    assert list(quotes["speaker"]) == ["Ushakov"] and list(quotes["quote"]) == [
        "useful and very constructive."
    ]
    assert st.iloc[0]["quote"] == "useful and very constructive."


def test_quote_without_a_speech_verb_keeps_no_speaker():
    _, _, quotes = stance.stance_records(sentences(("The plan is a “revised framework for peace.”",)))
    assert list(quotes["speaker"]) == [""]


def test_pronoun_is_carried_from_the_paragraph_with_lower_confidence():
    st = statements_of(
        ("Putin warned Europe of a rapid defeat.", "He also dismissed the European proposals.")
    )
    assert triples(st) == [("Putin", "Europe", -1), ("Putin", "European proposals", -1)]
    assert list(st["method"]) == ["verb", "pronoun"]
    assert st["confidence"].iloc[1] < st["confidence"].iloc[0]


def test_pronoun_opening_a_paragraph_takes_the_previous_paragraphs_speaker():
    # in news a paragraph opening "He also ..." continues the last speaker (on the devset's tune
    # part this found three more statements and no wrong one); a person named in the new paragraph
    # comes first
    st = statements_of(
        ("Putin warned Europe of a rapid defeat.",), ("He also dismissed the European proposals.",)
    )
    assert triples(st) == [("Putin", "Europe", -1), ("Putin", "European proposals", -1)]
    st = statements_of(
        ("Putin warned Europe of a rapid defeat.",), ("Asked about Lavrov, he dismissed the proposals.",)
    )
    assert [s for s, _, _ in triples(st)] == ["Putin", "Lavrov"]


def test_they_takes_all_coordinated_sources():
    st = statements_of(
        (
            "Ukraine and European powers believe Moscow is pursuing conquest.",
            "They warn that Russian aggression would spread.",
        )
    )
    assert triples(st) == [("Ukraine", "Russia", -1), ("Europe", "Russia", -1)] * 2
    assert list(st["method"]) == ["verb", "verb", "pronoun", "pronoun"]


def test_passive_by_agent_is_the_source_and_the_subject_the_target():
    st = statements_of(
        ("This proposal, perceived by European officials as conceding too much, raised concern.",)
    )
    assert triples(st) == [("Europe", "peace plan", -1)]  # "this proposal" names no owner: a peace plan
    assert st.iloc[0]["method"] == "by_agent"


def test_reported_speaker_is_not_a_target_of_the_reporter():
    st = statements_of(("The Kremlin confirmed that Putin outlined signals for Trump.",))
    assert [(s, t) for s, t, _ in triples(st)] == [("Putin", "Trump")]


def test_headline_colon_names_the_source():
    st = statements_of(heading="عقب مباحثات بوتين وويتكوف.. موسكو: المقترحات الأوروبية تصعيد")
    assert triples(st) == [("Russia", "European proposals", -1)]
    assert st.iloc[0]["method"] == "colon"


@pytest.mark.parametrize(
    "heading, source",
    [
        ("Blinken to Lavrov: US to Maintain Ukraine Support", "Blinken"),  # the first speaks to the second
        ("بوتين لترامب: روسيا ترفض الخطة الأمريكية", "Putin"),  # ل written on the addressee's name
        ("بوتين للافروف: لا مفاوضات دون ضمانات", "Putin"),  # ... whose own name starts with ل
        ("From Kyiv to Moscow: the war goes on", None),  # a lead that is not "X to Y"
        ("لافروف ولوكاشينكو: الحرب مستمرة", None),  # two actors side by side, neither addressed
    ],
)
def test_headline_colon_after_one_actor_speaking_to_another(heading, source):
    st = statements_of(heading=heading)
    colon = st[st["method"] == "colon"]
    assert list(colon["source"]) == ([source] if source else [])
    assert "Lavrov" not in set(colon["target"]) and "Trump" not in set(colon["target"])


def test_an_actor_only_mentioned_gets_no_stance_but_a_portrayal():
    st, portrayal, _ = stance.stance_records(
        sentences(("The talks with Witkoff and Kushner were a disaster.",))
    )
    assert st.empty
    assert set(portrayal["actor"]) == {"witkoff", "kushner"} and set(portrayal["polarity"]) == {-1}


def test_speaker_is_kept_out_of_its_own_portrayal():
    _, portrayal, _ = stance.stance_records(sentences(("Putin warned Europe of a rapid defeat.",)))
    assert list(portrayal["actor"]) == ["europe"]


def test_seed_corpus_statements_carry_their_evidence(seed_corpus):
    sents = seed_corpus.sentences()
    st, portrayal, quotes = stance.stance_records(sents)
    assert len(st) >= 15
    text = sents.set_index("segment_id")["text"]
    assert (st["evidence"] == st["segment_id"].map(text)).all()
    assert set(st["polarity"]) <= {-1, 0, 1} and st["confidence"].between(0, 1).all()
    assert (st["cue"] != "").all()
    assert not st.duplicated(["segment_id", "source", "target"]).any()


# --------------------------------------------------------------------------
# Aggregates and validation
# --------------------------------------------------------------------------
def test_stance_by_actor_against_hand_computed_values():
    mentions = pd.DataFrame({"actor": ["putin"] * 4 + ["ukraine"] * 2})
    statements = pd.DataFrame(
        {
            "source": ["Putin", "Putin", "Putin", "Ukraine"],
            "target": ["Europe", "talks", "Ukraine", "Russia"],
            "target_kind": ["actor", "issue", "actor", "actor"],
            "polarity": [-1, 1, 1, -1],
        }
    )
    portrayal = pd.DataFrame({"actor": ["putin", "putin", "ukraine"], "score": [0.2, -0.4, 0.5]})
    table = stance.stance_by_actor(mentions, statements, portrayal).set_index("actor")
    putin, ukraine, nato = table.loc["putin"], table.loc["ukraine"], table.loc["nato"]
    assert (putin.mentions, putin.statements, putin.portrayal_sentences) == (4, 3, 2)
    assert putin.mean_polarity == pytest.approx(round(1 / 3, 3))
    assert putin.portrayal_tone == pytest.approx(-0.1)
    assert (ukraine.targeted, ukraine.mean_polarity_received) == (1, 1.0)
    assert table.loc["europe"].mean_polarity_received == -1.0
    assert (nato.mentions, nato.statements) == (0, 0) and pd.isna(nato.mean_polarity)


def test_stance_matrix_means_and_counts_line_up():
    st = pd.DataFrame(
        {
            "source": ["Ukraine", "Ukraine", "Europe"],
            "target": ["Russia", "Russia", "Russia"],
            "polarity": [-1, 1, -1],
        }
    )
    mean, size = stance.stance_matrix(st), stance.stance_matrix(st, aggfunc="size")
    assert list(mean.index) == list(size.index) == ["Ukraine", "Europe"]
    assert mean.loc["Ukraine", "Russia"] == 0 and size.loc["Ukraine", "Russia"] == 2
    assert mean.loc["Europe", "Russia"] == -1 and size.loc["Europe", "Russia"] == 1


def test_validation_precision_recall_against_hand_made_example():
    hand = pd.DataFrame(
        {
            "doc_id": "d",
            "segment_id": ["s1", "s2", "s3"],
            "source": ["Putin", "Ukraine", "Europe"],
            "target": ["Europe", "Russia", "Russia"],
            "polarity": [-1, -1, -1],
            "sentence": ["a", "b", "c"],
        }
    )
    auto = pd.DataFrame(
        {
            "doc_id": "d",
            "segment_id": ["s1", "s2", "s4"],
            "source": ["Putin", "Ukraine", "Trump"],
            "target": ["Europe", "US peace plan", "Russia"],
            "polarity": [-1, 1, 1],
            "evidence": ["a", "b", "d"],
        }
    )
    metrics, misses = stance.validate_stance(auto, hand)
    m = metrics.set_index("measure")
    src = m.loc["source attribution (sentence, source)"]
    assert (src.agree, src.precision, src.recall) == (2, round(2 / 3, 3), round(2 / 3, 3))
    rec = m.loc["stance record (sentence, source, target)"]
    assert (rec.agree, rec.precision, rec.recall) == (1, round(1 / 3, 3), round(1 / 3, 3))
    sign = m.loc["sign agreement on records both found"]
    assert (sign.hand, sign.auto, sign.agree, sign.agreement) == (1, 1, 1, 1.0)  # s1: found by both
    assert np.isnan(sign.precision) and np.isnan(sign.recall) and np.isnan(sign.f1)  # an agreement, no P/R
    # the set measures have P/R/F1 and no agreement
    assert (
        m.loc[
            ["source attribution (sentence, source)", "stance record (sentence, source, target)"], "agreement"
        ]
        .isna()
        .all()
    )
    assert list(metrics.columns) == stance.VALIDATION_COLUMNS
    assert sorted(misses["problem"]) == ["extra (automation only)"] * 2 + ["missed (in hand coding only)"] * 2


def test_hand_coding_must_match_the_corpus_sentences(seed_corpus):
    sents = seed_corpus.sentences()
    row = sents.iloc[3]
    good = pd.DataFrame(
        [
            {
                "doc_id": row.doc_id,
                "segment_id": row.segment_id,
                "sentence": row.text,
                "source": "Kremlin",
                "target": "talks",
                "polarity": 1,
            }
        ]
    )
    assert stance.check_hand_coding(good, sents).equals(good)
    as_read = good.astype(str)  # corpus.load_annotation reads every value as a string
    assert stance.check_hand_coding(as_read, sents)["polarity"].tolist() == [1]
    with pytest.raises(ValueError, match="differs from the corpus"):
        stance.check_hand_coding(good.assign(sentence="edited"), sents)
    with pytest.raises(ValueError, match="polarity must be -1, 0 or 1"):
        stance.check_hand_coding(good.assign(polarity=2), sents)
    with pytest.raises(ValueError, match="polarity must be -1, 0 or 1"):
        stance.check_hand_coding(good.assign(polarity="positive"), sents)


@pytest.mark.parametrize(
    "entry, edited, message",
    [
        (
            "surrender: {value: -2.0, why: capitulation framing; VADER lacks it}",
            "surrender: {value: -2.0}",
            r"valence entry 'surrender' needs a numeric 'value'",
        ),
        (
            "call for, calls for,",
            "call out for, calls for,",
            r"'call out for' must be a verb, or a verb and the",
        ),
    ],
)
def test_a_bad_cue_file_gets_an_error_naming_the_entry(tmp_path, entry, edited, message):
    path = tmp_path / "cues.yaml"
    path.write_text(stance.CUES_FILE.read_text(encoding="utf-8").replace(entry, edited), encoding="utf-8")
    with pytest.raises(stance.ResourceError, match=message) as err:
        stance.load_stance_cues(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(
    "text",
    [
        "Putin occupied Crimea.",
        "Russia's actions are an affront to international law.",
        "They created puppet regimes.",
        "Russia is now a pariah.",
        "They continue the barbarity.",
        "It was a despicable blockade.",  # version 9
        "It was a heinous act of barbarism.",
    ],
)
def test_stance_cues_version_8_war_valences(text):
    assert stance.score_text(text)[0] < 0  # VADER alone: 0 (none of these words is in its lexicon)


@pytest.mark.parametrize(
    "english, arabic",
    [
        ("They are sabotaging the talks.", "إنهم يمارسون التخريب"),
        ("He called him a dictator.", "ووصفه بالدكتاتور"),
        ("It is nuclear blackmail.", "إنه ابتزاز نووي"),
        ("The talks were fruitful.", "كانت المحادثات مثمرة"),
        ("It is a destabilizing move.", "إنها خطوة لزعزعة الاستقرار"),
        ("The proposals are unconstructive.", "المقترحات غير بناءة"),
        ("The West is prolonging the conflict.", "الغرب يسعى لإطالة أمد الصراع"),
        ("The plan is unworkable.", "الخطة غير قابلة للتطبيق"),
        ("It is an unrealistic plan.", "إنها خطة غير واقعية"),
    ],
)
def test_english_and_arabic_words_of_one_meaning_score_alike(english, arabic):
    assert np.sign(stance.score_text(english)[0]) == np.sign(stance.score_text(arabic)[0]) != 0


def test_words_inside_curly_quotes_are_still_scored():
    assert stance.score_text("They followed with a “revised framework for peace.”")[0] == pytest.approx(
        stance.score_text("They followed with a revised framework for peace.")[0]
    )
    assert stance.score_text("a “revised framework for peace.”")[0] > 0.05


def test_domain_analyzer_is_built_once_per_cue_object():
    cues = stance.load_stance_cues()
    assert cues.analyzer is cues.analyzer is stance.domain_analyzer(cues) is stance.domain_analyzer()
    assert cues.valence.items() <= cues.analyzer.lexicon.items()  # VADER's lexicon plus the domain cues


def test_an_edited_cue_file_is_read_again(tmp_path):
    import os

    path = tmp_path / "cues.yaml"
    path.write_text(stance.CUES_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    first = stance.load_stance_cues(path)
    assert stance.load_stance_cues(path) is first  # unchanged file: cached
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("surrender: {value: -2.0,", "surrender: {value: -3.0,"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later save, on any clock
    edited = stance.load_stance_cues(path)
    assert edited is not first
    assert edited.valence["surrender"] == edited.analyzer.lexicon["surrender"] == -3.0
