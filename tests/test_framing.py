"""Frame coding: cue matching in both scripts, negation, evidence, codebook errors, aggregates,
reliability."""

import copy
import math
import os

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import framing, lexicon, reliability
from helpers.text import token_spans

# A small codebook written for the tests, so the matching rules are tested apart from the shipped cues.
MINI = {
    "version": "test",
    "negation": {"window": 3, "en": ["no", "not", "yet to"], "ar": ["لم", "لا", "لن", "ليس", "غير"]},
    "primary_families": ["issue"],
    "families": {
        "issue": {"label": "issue", "source": "test"},
        "entman": {"label": "entman", "source": "test"},
    },
    "frames": [
        {
            "id": "diplomacy",
            "family": "issue",
            "label": {"en": "Diplomacy", "ar": "الدبلوماسية"},
            "definition": "talks",
            "source": "test",
            "items": [
                {
                    "id": "talks",
                    "question": "talks?",
                    "cues": {"en": ["talks", "negotiat*"], "ar": ["محادثات", "مفاوضات"]},
                },
                {"id": "plans", "question": "plans?", "cues": {"en": ["peace plan"], "ar": ["خطة سلام"]}},
            ],
        },
        {
            "id": "escalation",
            "family": "issue",
            "label": {"en": "Escalation", "ar": "التصعيد"},
            "definition": "escalation",
            "source": "test",
            "items": [
                {
                    "id": "esc",
                    "question": "escalation?",
                    "cues": {"en": ["escalat*", "wider war"], "ar": ["تصعيد"]},
                }
            ],
        },
        {
            "id": "problem",
            "family": "entman",
            "label": {"en": "Problem", "ar": "المشكلة"},
            "definition": "problem",
            "source": "test",
            "items": [{"id": "p", "question": "problem?", "cues": {"en": ["crisis"], "ar": ["أزمة"]}}],
        },
    ],
    "tone": {
        "diplomacy": {
            "positive": {"en": ["breakthrough", "productive"], "ar": ["يقترب"]},
            "negative": {"en": ["setback*"], "ar": ["شائك"]},
        }
    },
}


@pytest.fixture(scope="module")
def mini():
    return framing.parse_codebook(copy.deepcopy(MINI), "mini.yaml")


@pytest.fixture(scope="module")
def shipped():
    return framing.load_codebook()


def coded_frames(text, codebook):
    """Frames coded (not negated) in one text."""
    return {
        h["frame"] for h in framing.find_cues(text, codebook) if h["role"] == "frame" and not h["negated"]
    }


def tone(text, codebook):
    return sum(h["valence"] for h in framing.find_cues(text, codebook) if h["role"] == "tone")


# --------------------------------------------------------------------------
# cue matching
# --------------------------------------------------------------------------
def test_english_single_word_prefix_and_case(mini):
    assert coded_frames("Talks resumed.", mini) == {"diplomacy"}
    assert coded_frames("The NEGOTIATIONS go on", mini) == {"diplomacy"}  # negotiat* + casefold
    assert coded_frames("They de-escalated.", mini) == {"escalation"}  # hyphen splits tokens
    assert coded_frames("Stalks of wheat", mini) == set()  # whole tokens only: 'talks' is not inside 'stalks'


def test_multiword_cues_need_consecutive_tokens(mini):
    assert coded_frames("a new peace plan", mini) == {"diplomacy"}
    assert coded_frames("a plan for peace", mini) == set()
    assert coded_frames("fear of a wider war", mini) == {"escalation"}
    assert coded_frames("a wider, longer war", mini) == set()


def test_arabic_clitics_and_article_are_stripped_on_both_sides(mini):
    assert coded_frames("وتصعيد في الخطاب", mini) == {"escalation"}  # و + cue word
    assert coded_frames("المحادثات الأمريكية", mini) == {"diplomacy"}  # article
    assert coded_frames("والمفاوضات مستمرة", mini) == {"diplomacy"}  # و + article
    assert coded_frames("بالخطة السلام", mini) == {"diplomacy"}  # clitics on both words of a multi-word cue
    assert coded_frames("خطة عمل للسلام", mini) == set()  # words not consecutive
    assert coded_frames("عن خطة السلام", mini) == {"diplomacy"}  # multi-word cue, article on the 2nd word


def test_arabic_normalisation_on_both_sides(mini):
    assert coded_frames("حل الازمة", mini) == {"problem"}  # cue written أزمة, text without hamza
    assert coded_frames("حل الأَزْمَة", mini) == {"problem"}  # harakat
    assert coded_frames("تصعـــيد", mini) == {"escalation"}  # tatweel
    assert coded_frames("\ufe97\ufebc\ufecc\ufef4\ufeaa", mini) == {"escalation"}  # presentation forms (NFKC)


def test_negation_english(mini):
    assert tone("a breakthrough", mini) == 1
    assert tone("no breakthrough agreement", mini) == -1  # negated positive tone cue flips
    assert tone("no deal, no surprise, no real breakthrough", mini) == -1
    assert tone("no news this week about a breakthrough", mini) == 1  # negator outside the 3-token window
    assert tone("efforts have yet to bring breakthrough", mini) == -1  # two-word negator
    assert coded_frames("There were no talks.", mini) == set()  # a negated frame cue codes nothing
    hit = [h for h in framing.find_cues("There were not talks", mini) if h["cue"] == "talks"][0]
    assert hit["negated"] and hit["negator"] == "not"


@pytest.mark.parametrize("negator", ["لم", "لا", "لن", "ليس", "غير"])
def test_negation_arabic(mini, negator):
    assert tone(f"محادثات {negator} يقترب", mini) == -1
    assert coded_frames(f"{negator} محادثات", mini) == set()


def test_negation_arabic_with_clitic_on_the_negator(mini):
    assert tone("محادثات ولم يقترب الحل", mini) == -1
    assert tone("محادثات يقترب فيها الحل", mini) == 1


def test_still_is_no_negation_in_the_shipped_codebook(shipped):
    # negation.yaml's not_negation: "لا يزال" (still) does not negate the cue after it
    assert coded_frames("التي لا يزال الخلاف قائما بشأنها", shipped) == {"conflict"}
    assert coded_frames("التي لا خلاف بشأنها", shipped) == set()


@pytest.mark.parametrize(
    "text, frame",
    [
        ("تعهد الاتحاد بتمويل جديد لكييف", "economic"),  # 1.4.0: the Arabic of money and trade
        ("وصادرات الحبوب عبر البحر الأسود", "economic"),
        ("استنكر الوزير ما جرى", "conflict"),  # reproach by denunciation
        ("لقي حتفه ثلاثة أشخاص وأصيب آخرون", "humanitarian_cost"),
        ("إن ذلك يخالف القانون الدولي", "morality"),
    ],
)
def test_codebook_1_4_arabic_cues(text, frame, shipped):
    assert frame in coded_frames(text, shipped)


@pytest.mark.parametrize(
    "text, frame",
    [
        ("Each day the shelling kills civilians and destroys homes.", "humanitarian_cost"),  # 1.5.0
        ("ويقتل القصف المدنيين وسط معاناة متزايدة", "humanitarian_cost"),
        ("The invaders are guilty of keeping the war going.", "responsibility"),
        ("Only Beijing could compel Moscow to stop.", "responsibility"),
        ("وصل السفير في زيارة إلى العاصمة", "diplomacy"),
        ("وقال إن العلاقات بين البلدين تتطور", "diplomacy"),
        ("وصلت الجهود إلى طريق مسدود", "conflict"),
        ("وتتهم موسكو الغرب بتعطيل الحوار", "responsibility"),
    ],
)
def test_codebook_1_5_cues(text, frame, shipped):
    assert frame in coded_frames(text, shipped)


def test_a_negator_does_not_reach_past_a_comma(shipped):
    """The clause rule stance scoring applies: "no" negates "talks" only in the same clause."""
    negated = {h["cue"]: h["negated"] for h in framing.find_cues("No, talks went on.", shipped)}
    assert negated["talks"] is False
    assert {h["cue"]: h["negated"] for h in framing.find_cues("No talks went on.", shipped)}["talks"] is True
    assert "diplomacy" in coded_frames("لا، المفاوضات مستمرة", shipped)
    assert "diplomacy" not in coded_frames("لا مفاوضات مستمرة", shipped)


def test_codebook_1_7_readout_phrases_of_diplomacy(shipped):
    assert "diplomacy" in coded_frames(
        "The leaders continued the exchange of views on the situation.", shipped
    )
    assert "diplomacy" in coded_frames("They agreed to stay in contact.", shipped)
    assert "diplomacy" in coded_frames("The parties discussed the grain corridor.", shipped)


@pytest.mark.parametrize(
    "text, frame",
    [
        ("It was Putin's brutal and unprovoked war.", "conflict"),  # 1.8.0: reproach by condemning words
        ("وجاء الهجوم الوحشي على المدينة", "conflict"),
        ("A war of Russia's own making.", "responsibility"),
        ("We call on Russia to withdraw its forces.", "responsibility"),
        ("The stakes of this fight extend far beyond Ukraine.", "escalation_threat"),
        ("Civilians were caught in the shelling.", "humanitarian_cost"),
        ("وسقط مدنيون في القصف", "humanitarian_cost"),
        ("The deportations amount to a war crime.", "morality"),
        ("They violate international humanitarian law.", "morality"),
        ("واتهم المحققون القوات بارتكاب جرائم حرب", "morality"),
    ],
)
def test_codebook_1_8_cues(text, frame, shipped):
    assert frame in coded_frames(text, shipped)


def test_codebook_1_17_must_and_need_to_are_urgent_action_in_english_only(shipped):
    assert "responsibility" in coded_frames("Russia must withdraw its troops now.", shipped)
    assert "responsibility" in coded_frames("Europe will need to do its part.", shipped)
    # the Arabic يجب stays out (1.1.0: too common to signal urgency)
    assert "responsibility" not in coded_frames("يجب أن تنسحب القوات", shipped)


def test_codebook_1_9_unprovoked_children_and_breaking_news(shipped):
    assert coded_frames("Russia launched an unprovoked attack.", shipped) >= {"escalation_threat"}
    assert "conflict" not in coded_frames("Russia launched an unprovoked attack.", shipped)
    assert "escalation_threat" in coded_frames("هجوم روسي دون استفزاز", shipped)
    frames = coded_frames("Thousands of children were deported.", shipped)
    assert "humanitarian_cost" in frames and "human_interest" not in frames
    # "عاجل" alone is breaking news, not urgency; urgently is
    assert "responsibility" not in coded_frames("أفادت القناة في خبر عاجل بوصول الوفد", shipped)
    assert "responsibility" in coded_frames("يجب التحرك بشكل عاجل لوقف القصف", shipped)


@pytest.mark.parametrize(
    "text, frame",
    [
        ("The brave people of Ukraine fight on, unbowed.", "human_interest"),  # 1.10.0: emotional wording
        ("They responded with magnificent defiance.", "human_interest"),
        ("The appalling tragedies felt every day.", "human_interest"),  # traged*: tragedies too
        ("A six-year-old boy was among those killed.", "human_interest"),  # a human example
        ("أشاد بشجاعة الجنود", "human_interest"),
        ("He urged Germany to speed up deliveries.", "responsibility"),  # urgent action
        ("وحث المستشار الحلفاء على الإسراع", "responsibility"),
        ("Investigators found a wide range of war crimes.", "responsibility"),  # a party responsible
        ("Crimes perpetrated by the regime.", "responsibility"),
        ("اتهم القوات بارتكاب جرائم حرب", "responsibility"),
        ("Zelenskyy described his visit to Canada.", "diplomacy"),  # as زيارة
        ("The Prime Minister spoke to President Zelenskyy.", "diplomacy"),  # as "spoke with"
        ("We will continue to consult closely with our allies.", "diplomacy"),  # as مشاورات
        ("Both sides agreed to keep the details private.", "diplomacy"),  # agreeing, as اتفق
        ("وقد وافق على ذلك", "diplomacy"),
        ("والإدارة الأمريكية تتفق مع أنقرة على ضرورة إنهائه", "diplomacy"),
    ],
)
def test_codebook_1_10_cues(text, frame, shipped):
    assert frame in coded_frames(text, shipped)


@pytest.mark.parametrize(
    "text, frame",
    [
        ("Ukrainians are putting up stiff resistance.", "conflict"),  # 1.11.0: disagreement
        ("Russia blocked it with its veto power.", "conflict"),
        ("استخدمت روسيا حق النقض ضد القرار", "conflict"),
        ("The decision caused an uproar.", "conflict"),
        ("Russia must cease this intolerable behaviour.", "conflict"),  # reproach
        ("Putin's vicious onslaught against Ukraine had begun.", "escalation_threat"),  # aggression
        ("Russia's Brutal Assault Against Ukraine", "escalation_threat"),
        ("They denied their hostile intent.", "escalation_threat"),
        ("It is costing many lives with unknown consequences.", "escalation_threat"),  # stakes
        ("He could shake the foundations of security in Europe.", "escalation_threat"),
        ("ناقش الوزراء تداعيات القرار", "escalation_threat"),
        ("Russian missiles hit Ukrainian cities overnight.", "humanitarian_cost"),  # where strikes fall
        ("رغم الهجمات التي تشنها روسيا على المدن الأوكرانية", "humanitarian_cost"),
        ("The General Assembly will resume its emergency special session.", "diplomacy"),
        ("I will be in touch with our partners around the world.", "diplomacy"),
        ("Blinken bluntly told his Russian counterpart that ...", "diplomacy"),
        ("وأكد لنظيره الروسي أن ...", "diplomacy"),
    ],
)
def test_codebook_1_11_cues(text, frame, shipped):
    assert frame in coded_frames(text, shipped)


def test_codebook_1_12_denying_is_disagreement_as_denied_is(shipped):
    assert "conflict" in coded_frames("The Foreign Ministry is denying the talks took place.", shipped)


@pytest.mark.parametrize(
    "text, frame",
    [
        (
            "After weeks of fighting, Ukraine appears to have surrendered the steel complex.",
            "conflict",
        ),  # 1.13.0
        ("Putin miscalculated badly.", "conflict"),  # losing
        ("They have hidden away from the dialogue that they pretended to seek.", "conflict"),  # reproach
        ("Nationalist battalions regularly sabotage rescue operations.", "conflict"),
        ("The students were held hostage by radicals.", "conflict"),
        ("أوروبا فشلت في كل شيء", "conflict"),
        ("مجادلا بأن أوكرانيا هي المسؤولة", "conflict"),  # disagreement
        ("Yellen is calling on allies to boost their support.", "responsibility"),  # 1.14.0
        ("Radicals continue to create obstacles to the evacuation.", "responsibility"),
        ("The measures are retribution for atrocities.", "responsibility"),
        ("Ukraine is a candidate for membership of the European Union.", "alliances_nato"),
        ("Russia must declare a ceasefire now.", "diplomacy"),  # 1.15.0
        ("وأعلن الجانبان هدنة لمدة ثلاثين ساعة", "diplomacy"),
        ("وقف إطلاق النار يجب أن يكون شاملا", "diplomacy"),
        ("The Security Council met on Ukraine.", "diplomacy"),
    ],
)
def test_codebook_1_13_to_1_15_cues(text, frame, shipped):
    assert frame in coded_frames(text, shipped)


def test_codebook_1_14_obstacles_to_peace_in_an_arabic_heading_are_no_responsibility(shipped):
    # عقبات was tried with obstacle* and left out: the seed's heading is coded without responsibility
    assert "responsibility" not in coded_frames("المطالب الروسية وعقبات السلام المستدام", shipped)


def test_codebook_1_11_setbacks_of_talks_are_no_conflict(shipped):
    # "setback*" was tried in 1.11.0 and left out: the seed's setbacks are those of talks, not a side losing
    assert "conflict" not in coded_frames("It shows the potential for setbacks in the talks.", shipped)


def test_codebook_1_10_a_bare_meeting_stays_no_diplomacy(shipped):
    # tried in 1.10.0 and left out: "the meeting" as a setting made the seed's one new false positive
    assert "diplomacy" not in coded_frames("Prior to the meeting, Putin issued a stark warning.", shipped)


def test_codebook_1_8_what_is_no_longer_coded(shipped):
    # civilians are the war's human cost, not a human face; "the region" alone claims no territory
    assert "human_interest" not in coded_frames("Civilians were caught in the shelling.", shipped)
    assert "territory_sovereignty" not in coded_frames("The region girds for confrontation.", shipped)
    assert "territory_sovereignty" in coded_frames("The Donbas region girds for confrontation.", shipped)
    # "invasion" names the war, like "war": no military action of its own; invading is
    assert "military_security" not in coded_frames("It was launched following Russia's invasion.", shipped)
    assert "military_security" in coded_frames("Russia invaded Ukraine in February.", shipped)
    # humanitarian aid is aid, not the war's human cost; a humanitarian crisis is
    assert "humanitarian_cost" not in coded_frames("They provide humanitarian support to Ukraine.", shipped)
    assert "humanitarian_cost" in coded_frames("Mariupol faces a humanitarian catastrophe.", shipped)
    assert "humanitarian_cost" not in coded_frames("وصلت المساعدات الإنسانية إلى المدينة", shipped)
    # "in the face of Russia" is no disagreement; mediation is diplomacy, not a party's responsibility
    assert "conflict" not in coded_frames("زيادة الدعم لأوكرانيا في مواجهة روسيا", shipped)
    assert "responsibility" not in coded_frames("المحادثات بوساطة الولايات المتحدة", shipped)
    assert "diplomacy" in coded_frames("المحادثات بوساطة الولايات المتحدة", shipped)


def test_codebook_1_6_diplomacy_itself(shipped):
    assert "diplomacy" in coded_frames("Putin said he is always open to diplomacy.", shipped)
    assert "diplomacy" in coded_frames("Secretary Rubio spoke with Foreign Minister Lavrov.", shipped)
    assert "diplomacy" not in coded_frames("The meeting of the Council opened at noon.", shipped)


def brute_force_cues(text, codebook):
    """Reference matcher: every cue tried at every token (what find_cues did before its first-token index)."""
    tokens = framing.prepare_tokens(text, codebook.known)
    clause_from = lexicon.clause_starts(text, token_spans(text))
    found = []
    for row in codebook.cues.itertuples(index=False):
        for i in range(len(tokens)):
            if framing._matches_at(tokens, i, row.pattern):
                negator = framing.negator_before(
                    tokens, i, codebook.negators, codebook.window, codebook.not_negation, clause_from[i]
                )
                found.append(
                    (
                        row.frame,
                        row.item,
                        row.role,
                        row.cue,
                        i,
                        negator,
                        -row.valence if negator else row.valence,
                    )
                )
    return found


def as_tuples(hits):
    return [
        (h["frame"], h["item"], h["role"], h["cue"], h["token"], h["negator"], h["valence"]) for h in hits
    ]


@settings(max_examples=80, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "talks",
                "negotiations",
                "negotiate",
                "no",
                "peace",
                "plan",
                "wider",
                "war",
                "escalated",
                "crisis",
                "setbacks",
                "breakthrough",
                "خطة",
                "السلام",
                "لم",
                "يقترب",
                "وتصعيد",
                "المفاوضات",
                "أزمة",
                "شائك",
                "x",
                ",",
                "،",
            ]
        ),
        max_size=14,
    )
)
def test_indexed_matching_equals_trying_every_cue_everywhere(words, mini, shipped):
    text = " ".join(words)
    for book in (mini, shipped):
        assert as_tuples(framing.find_cues(text, book)) == brute_force_cues(text, book)


def test_indexed_matching_equals_brute_force_on_the_seed(seed_corpus, shipped):
    for text in seed_corpus.sentences()["text"]:
        assert as_tuples(framing.find_cues(text, shipped)) == brute_force_cues(text, shipped)


def test_seed_title_diplomacy_is_negative(shipped):
    title = "عقب مباحثات بوتين وويتكوف.. موسكو: حل أزمة أوكرانيا لم يقترب"
    hits = framing.find_cues(title, shipped)
    assert {"diplomacy", "problem_definition"} <= {h["frame"] for h in hits if h["role"] == "frame"}
    tone_hits = [h for h in hits if h["role"] == "tone"]
    assert [(h["cue"], h["negator"], h["valence"]) for h in tone_hits] == [("يقترب", "لم", -1)]


# --------------------------------------------------------------------------
# evidence
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_coding(seed_corpus, shipped):
    units, sentences = seed_corpus.units(), seed_corpus.sentences()
    hits = framing.match_cues(sentences, shipped)
    coded = framing.code_segments(hits, pd.concat([units, sentences]), shipped)
    return units, sentences, hits, coded


def test_every_code_has_cue_and_evidence_from_its_own_segment(seed_coding, shipped):
    units, sentences, hits, coded = seed_coding
    assert len(coded) > 0
    assert (coded["cue"] != "").all() and (coded["evidence"] != "").all()
    parent = sentences.set_index("segment_id")["parent"]
    text = sentences.set_index("segment_id")["text"]
    for row in coded.itertuples():
        ids = row.evidence_ids.split("; ")
        assert all(i == row.segment_id or parent[i] == row.segment_id for i in ids)
        assert row.evidence == " | ".join(text[i] for i in ids)
        cue_hits = hits[
            hits["sentence_id"].isin(ids)
            & (hits["frame"] == row.frame)
            & hits["counted"]
            & (hits["role"] == "frame")
        ]
        assert set(row.cue.split("; ")) == set(cue_hits["cue"])


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "talks",
                "no",
                "not",
                "crisis",
                "wider",
                "war",
                "peace",
                "plan",
                "the",
                "تصعيد",
                "لم",
                "يقترب",
                "والمحادثات",
                "breakthrough",
                "setbacks",
                ",",
                ".",
            ]
        ),
        max_size=12,
    )
)
def test_no_evidence_no_code_on_random_sentences(words, mini):
    sentence = " ".join(words)
    seg = pd.DataFrame(
        [
            {
                "doc_id": "d",
                "segment_id": "d:p01.s01",
                "parent": "d:p01",
                "kind": "sentence",
                "lang": "en",
                "section": 0,
                "section_heading": "",
                "start": 0,
                "text": sentence,
            }
        ]
    )
    unit = seg.assign(segment_id="d:p01", parent="", kind="paragraph")
    hits = framing.match_cues(seg, mini)
    coded = framing.code_segments(hits, pd.concat([unit, seg]), mini)
    expected = coded_frames(sentence, mini)
    for sid in ("d:p01", "d:p01.s01"):
        assert set(coded.loc[coded["segment_id"] == sid, "frame"]) == expected
    assert (coded["evidence"] == sentence).all() and (coded["cue"] != "").all()
    assert coded["primary"].sum() == (2 if expected - {"problem"} else 0)  # entman frames are never primary


def test_score_primary_and_valence_by_hand(mini):
    sents = pd.DataFrame(
        [
            {
                "doc_id": "d",
                "segment_id": "d:p01.s01",
                "parent": "d:p01",
                "kind": "sentence",
                "lang": "en",
                "section": 1,
                "section_heading": "h",
                "start": 0,
                "text": "Talks on a peace plan were productive.",
            },
            {
                "doc_id": "d",
                "segment_id": "d:p01.s02",
                "parent": "d:p01",
                "kind": "sentence",
                "lang": "en",
                "section": 1,
                "section_heading": "h",
                "start": 40,
                "text": "A setback, a crisis and escalation followed; no breakthrough.",
            },
        ]
    )
    unit = pd.DataFrame(
        [{**sents.iloc[0].to_dict(), "segment_id": "d:p01", "parent": "", "kind": "paragraph"}]
    )
    coded = framing.code_segments(framing.match_cues(sents, mini), pd.concat([unit, sents]), mini).set_index(
        ["segment_id", "frame"]
    )
    assert coded.loc[("d:p01.s01", "diplomacy"), "score"] == 1.0  # both items (talks, plans)
    assert coded.loc[("d:p01.s01", "diplomacy"), "tone"] == 1  # productive
    assert ("d:p01.s02", "diplomacy") not in coded.index  # tone cues alone do not code a frame
    assert coded.loc[("d:p01", "diplomacy"), "tone"] == 1  # tone only counts where the frame is present
    assert coded.loc[
        ("d:p01", "diplomacy"), "primary"
    ]  # score 1.0 beats escalation 1.0 on cue count (2 vs 1)
    assert not coded.loc[("d:p01", "escalation"), "primary"]
    assert not coded.loc[("d:p01", "problem"), "primary"]  # entman family is not eligible
    assert coded.loc[("d:p01.s02", "escalation"), "primary"]


# --------------------------------------------------------------------------
# codebook validation
# --------------------------------------------------------------------------
def broken(change):
    data = copy.deepcopy(MINI)
    change(data)
    return data


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda d: d["frames"][1].pop("definition"),
            r"mini\.yaml: frame #2 \('escalation'\): missing key\(s\) 'definition'",
        ),
        (
            lambda d: d["frames"][0]["items"][1]["cues"].update(en=[], ar=[]),
            r"mini\.yaml: frame #1 \('diplomacy'\), item #2 \('plans'\): empty cue list",
        ),
        (
            lambda d: d["frames"][2]["items"][0]["cues"].update(ar=[]),
            r"frame #3 \('problem'\): no cues in ar",
        ),
        (
            lambda d: d["tone"].update(diplomcy=d["tone"]["diplomacy"]),
            r"mini\.yaml: tone: unknown frame 'diplomcy' referenced",
        ),
        (
            lambda d: d["frames"][0].update(family="generic"),
            r"frame #1 \('diplomacy'\): unknown family 'generic'",
        ),
        (lambda d: d["frames"][1].update(id="diplomacy"), r"frame #2 \('diplomacy'\): duplicate frame id"),
        (lambda d: d["frames"][0]["items"][0].pop("cues"), r"item #1 \('talks'\): missing key\(s\) 'cues'"),
        (lambda d: d["negation"].update(en=[False]), r"negation\.en: cue False .*quote yes/no"),
        (lambda d: d.pop("frames"), r"mini\.yaml: the codebook: missing key\(s\) 'frames'"),
        (lambda d: d["primary_families"].append("generic"), r"primary_families: unknown family 'generic'"),
    ],
)
def test_codebook_errors_name_the_file_and_the_entry(change, message):
    with pytest.raises(framing.CodebookError, match=message):
        framing.parse_codebook(broken(change), "mini.yaml")


def test_codebook_yaml_syntax_error_gives_the_line(tmp_path):
    text = yaml.safe_dump(MINI, allow_unicode=True, sort_keys=False).splitlines()
    text.insert(5, "\tbroken: a tab cannot indent YAML")  # line 6
    path = tmp_path / "frames_bad.yaml"
    path.write_text("\n".join(text), encoding="utf-8")
    with pytest.raises(
        framing.CodebookError, match=r"frames_bad\.yaml: YAML syntax error at line \d+"
    ) as err:
        framing.load_codebook(path)
    line = int(str(err.value).split("at line ")[1].split(",")[0])
    assert line in (6, 7)


def test_codebook_from_yaml_file_and_missing_file(tmp_path):
    path = tmp_path / "frames_ok.yaml"
    path.write_text(yaml.safe_dump(MINI, allow_unicode=True), encoding="utf-8")
    book = framing.load_codebook(path)
    assert book.frame_ids == ["diplomacy", "escalation", "problem"]
    with pytest.raises(framing.CodebookError, match="codebook file not found"):
        framing.load_codebook(tmp_path / "nope.yaml")


def test_edited_codebook_file_is_read_again(tmp_path):
    path = tmp_path / "frames_edit.yaml"
    path.write_text(yaml.safe_dump(MINI, allow_unicode=True), encoding="utf-8")
    assert framing.load_codebook(path).frame_ids == ["diplomacy", "escalation", "problem"]
    assert framing.load_codebook(path) is framing.load_codebook(path)  # unchanged file: cached
    edited = copy.deepcopy(MINI)
    edited["frames"][2]["id"] = "problem_definition"
    path.write_text(yaml.safe_dump(edited, allow_unicode=True), encoding="utf-8")
    stat = path.stat()
    # a later save, even on a coarse clock
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert framing.load_codebook(path).frame_ids == ["diplomacy", "escalation", "problem_definition"]


def test_tone_frame_comes_from_the_codebook(mini, shipped):
    assert mini.tone_frame == "diplomacy" and shipped.tone_frame == "diplomacy"
    no_tone = copy.deepcopy(MINI)
    no_tone.pop("tone")
    assert framing.parse_codebook(no_tone, "mini.yaml").tone_frame is None


def test_shipped_codebook_is_complete(shipped):
    families = shipped.frames.groupby("family")["frame"].apply(set)
    assert families["generic"] == {"conflict", "responsibility", "human_interest", "economic", "morality"}
    assert families["entman"] == {
        "problem_definition",
        "causal_attribution",
        "moral_evaluation",
        "treatment_recommendation",
    }
    assert {
        "diplomacy",
        "military_security",
        "territory_sovereignty",
        "escalation_threat",
        "humanitarian_cost",
        "alliances_nato",
        "identity_language",
    } <= families["issue"]
    langs = shipped.cues[shipped.cues["role"] == "frame"].groupby("frame")["lang"].apply(set)
    assert all(v == {"en", "ar"} for v in langs)


# --------------------------------------------------------------------------
# aggregates, co-occurrence, headline vs body
# --------------------------------------------------------------------------
def toy_coded():
    # 4 units in two sections; scores chosen by hand
    rows = [
        ("u1", "diplomacy", 1.0),
        ("u1", "escalation", 1.0),
        ("u2", "diplomacy", 0.5),
        ("u3", "escalation", 1.0),
        ("u3", "problem", 1.0),
    ]
    return pd.DataFrame(
        [{"segment_id": s, "frame": f, "score": sc, "n_cues": 1, "tone": 0} for s, f, sc in rows]
    )


TOY_UNITS = pd.DataFrame(
    {"segment_id": ["u1", "u2", "u3", "u4"], "section": [1, 1, 2, 2], "lang": ["ar", "en", "en", "en"]}
)


def test_aggregate_against_hand_computed_values(mini):
    agg = framing.aggregate(toy_coded(), TOY_UNITS, ["section"], mini).set_index(["section", "frame"])
    # section 1: u1, u2 -> diplomacy in both (scores 1.0 + 0.5), escalation in u1
    assert agg.loc[(1, "diplomacy"), ["units", "units_with_frame", "share", "mean_score"]].tolist() == [
        2,
        2,
        1.0,
        0.75,
    ]
    assert agg.loc[(1, "escalation"), ["units_with_frame", "share", "mean_score"]].tolist() == [1, 0.5, 0.5]
    # section 2: u3, u4 -> escalation and problem in u3 only, no diplomacy
    assert agg.loc[(2, "escalation"), ["units_with_frame", "share", "mean_score"]].tolist() == [1, 0.5, 0.5]
    assert agg.loc[(2, "diplomacy"), ["units_with_frame", "share"]].tolist() == [0, 0.0]
    assert len(agg) == 2 * 3  # every group x every frame, zeros included
    by_lang = framing.aggregate(toy_coded(), TOY_UNITS, ["lang"], mini).set_index(["lang", "frame"])
    assert by_lang.loc[("en", "escalation"), "share"] == round(1 / 3, 4)


def test_aggregate_counts_merge_by_addition(mini):
    whole = framing.aggregate(toy_coded(), TOY_UNITS, ["lang"], mini).set_index(["lang", "frame"])
    parts = [
        framing.aggregate(toy_coded(), TOY_UNITS[TOY_UNITS["section"] == s], ["lang"], mini) for s in (1, 2)
    ]
    summed = pd.concat(parts).groupby(["lang", "frame"])[["units", "units_with_frame", "cues"]].sum()
    pd.testing.assert_frame_equal(
        summed.sort_index(), whole[["units", "units_with_frame", "cues"]].sort_index()
    )


def test_cooccurrence_by_hand(mini):
    co = framing.cooccurrence(toy_coded(), mini)
    assert co.loc["diplomacy", "diplomacy"] == 2 and co.loc["escalation", "escalation"] == 2
    assert co.loc["diplomacy", "escalation"] == co.loc["escalation", "diplomacy"] == 1
    assert co.loc["escalation", "problem"] == 1 and co.loc["diplomacy", "problem"] == 0


def test_congruence_jaccard_and_cosine_by_hand(mini):
    coded = pd.DataFrame(
        [
            {"segment_id": "h", "frame": "diplomacy", "score": 1.0, "tone": -1},
            {"segment_id": "h", "frame": "problem", "score": 1.0, "tone": 0},
            {"segment_id": "p1", "frame": "diplomacy", "score": 0.5, "tone": 2},
            {"segment_id": "p2", "frame": "escalation", "score": 1.0, "tone": 0},
        ]
    ).assign(cue="c", tone_cues="", evidence_ids=lambda d: d["segment_id"])
    pairs = pd.DataFrame(
        [
            {
                "doc_id": "d",
                "comparison": "heading vs section",
                "section": 1,
                "headline_id": "h",
                "headline": "عنوان",
                "body_ids": ("p1", "p2"),
            }
        ]
    )
    row = framing.congruence(coded, pairs, mini).iloc[0]
    assert row["jaccard"] == round(1 / 3, 4)  # {dip, prob} vs {dip, esc}
    # h = (1, 0, 1); body mean = (0.25, 0.5, 0) -> cos = 0.25 / (sqrt(2) * sqrt(0.3125))
    assert row["cosine"] == round(0.25 / (math.sqrt(2) * math.sqrt(0.3125)), 4)
    assert (
        row["headline_diplomacy_valence"] == -1
        and row["body_diplomacy_valence"] == 1
        and not row["valence_agrees"]
    )
    div = framing.divergences(coded, pairs, mini)
    assert set(zip(div["frame"], div["divergence"], strict=True)) == {
        ("diplomacy", "valence differs"),
        ("escalation", "body only"),
        ("problem", "headline only"),
    }


def test_tone_frame_default_and_hand_valence_column(mini):
    # the same codebook with escalation as its tone frame: congruence, divergences and hand_codes follow it
    data = copy.deepcopy(MINI)
    data["tone"] = {"escalation": {"negative": {"en": ["wider war"], "ar": ["حرب"]}}}
    book = framing.parse_codebook(data, "esc.yaml")
    coded = pd.DataFrame(
        [
            {"segment_id": "h", "frame": "escalation", "score": 1.0, "tone": -1},
            {"segment_id": "h", "frame": "diplomacy", "score": 1.0, "tone": 1},
            {"segment_id": "p1", "frame": "escalation", "score": 1.0, "tone": 0},
        ]
    ).assign(cue="c", tone_cues="", evidence_ids=lambda d: d["segment_id"])
    pairs = pd.DataFrame(
        [
            {
                "doc_id": "d",
                "comparison": "heading vs section",
                "section": 1,
                "headline_id": "h",
                "headline": "عنوان",
                "body_ids": ("p1",),
            }
        ]
    )
    row = framing.congruence(coded, pairs, book).iloc[0]
    assert row["headline_escalation_valence"] == -1 and row["body_escalation_valence"] == 0
    div = framing.divergences(coded, pairs, book)
    assert set(zip(div["frame"], div["divergence"], strict=True)) == {
        ("escalation", "valence differs"),
        ("diplomacy", "headline only"),
    }
    raw = pd.DataFrame(
        {
            "doc_id": ["d"],
            "segment_id": ["h"],
            "coder": ["hc1"],
            "frames": ["escalation"],
            "esc_valence": ["-"],
        }
    )
    hand = framing.hand_codes(raw, book, valence_column="esc_valence").set_index("frame")["hand_valence"]
    assert hand["escalation"] == -1 and hand[["diplomacy", "problem"]].isna().all()
    with pytest.raises(ValueError, match="missing column.*diplomacy_valence"):
        framing.hand_codes(raw, book)
    with pytest.raises(ValueError, match="tone frame 'diplomcy' is not a frame of esc.yaml"):
        framing.congruence(coded, pairs, book, "diplomcy")


def test_title_vs_lead_only_when_the_lead_is_not_the_whole_body():
    def unit(doc, sid, kind, section):
        return {
            "doc_id": doc,
            "segment_id": f"{doc}:{sid}",
            "kind": kind,
            "lang": "ar",
            "section": section,
            "text": sid,
        }

    units = pd.DataFrame(
        [
            unit("a", "t", "title", 0),
            unit("a", "p01", "paragraph", 0),
            unit("a", "p02", "paragraph", 0),
            unit("b", "t", "title", 0),
            unit("b", "p01", "paragraph", 0),
            unit("b", "h02", "heading", 1),
            unit("b", "p02", "paragraph", 1),
        ]
    )
    pairs = framing.headline_body_pairs(units)
    assert list(pairs.loc[pairs["doc_id"] == "a", "comparison"]) == [
        "title vs body"
    ]  # no headings: lead = body
    b = pairs[pairs["doc_id"] == "b"].set_index("comparison")["body_ids"]
    assert b.to_dict() == {
        "title vs body": ("b:p01", "b:p02"),
        "title vs lead": ("b:p01",),
        "heading vs section": ("b:p02",),
    }


def test_seed_title_and_lead_diverge_in_valence(seed_coding, shipped):
    units, _, _, coded = seed_coding
    pairs = framing.headline_body_pairs(units)
    assert set(pairs["comparison"]) == {"title vs body", "title vs lead", "heading vs section"}
    assert len(pairs[pairs["comparison"] == "heading vs section"]) == 5
    lead = framing.congruence(coded, pairs, shipped).set_index("comparison").loc["title vs lead"]
    assert (
        lead["headline_diplomacy_valence"] == -1
        and lead["body_diplomacy_valence"] > lead["headline_diplomacy_valence"]
    )


# --------------------------------------------------------------------------
# reliability
# --------------------------------------------------------------------------
def test_alpha_textbook_binary_two_coders():
    # Krippendorff (2011) "Computing Krippendorff's alpha-reliability", example A: two observers, binary data
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert round(framing.nominal_alpha([a, b]), 3) == 0.095


def test_alpha_textbook_four_coders_missing_values():
    # Krippendorff (2011), example C: four observers, nominal values, missing data; alpha = 0.743
    nan = np.nan
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
    assert round(framing.nominal_alpha(data), 3) == 0.743


def test_alpha_matches_an_independent_computation():
    # two coders, no missing values: alpha = 1 - (n - 1) * D_o / sum_{c != k} n_c n_k (coincidence matrix)
    a = [1, 1, 0, 0, 1, 0, 1, 1, 0, 1]
    b = [1, 0, 0, 0, 1, 1, 1, 1, 0, 1]
    values = a + b
    n = len(values)
    disagreeing_pairs = 2 * sum(x != y for x, y in zip(a, b, strict=True))  # o_01 + o_10
    n1 = sum(values)
    expected = 1 - (n - 1) * disagreeing_pairs / (2 * n1 * (n - n1))
    assert framing.nominal_alpha([a, b]) == pytest.approx(expected)
    assert math.isnan(framing.nominal_alpha([[0, 0, 0], [0, 0, 0]]))  # no variation: undefined


def test_agreement_table_by_hand(mini):
    compared = pd.DataFrame(
        {
            "segment_id": list("abcdef") * 2,
            "frame": ["diplomacy"] * 6 + ["problem"] * 6,
            "hand": [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            "auto": [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        }
    )
    table = framing.agreement(compared, mini).set_index("frame")
    d = table.loc["diplomacy"]
    assert (d["tp"], d["fp"], d["fn"]) == (2, 1, 1)
    assert d["precision"] == d["recall"] == d["f1"] == round(2 / 3, 3)
    assert d["agreement"] == round(4 / 6, 3) and d["prevalence_hand"] == 0.5
    assert d["alpha"] == round(framing.nominal_alpha([[1, 1, 1, 0, 0, 0], [1, 1, 0, 1, 0, 0]]), 3)
    assert table.loc["problem", "agreement"] == 1.0 and np.isnan(table.loc["problem", "alpha"])
    # not in the hand coding
    assert table.loc["(all frames pooled)", "units"] == 12 and "escalation" not in table.index


@pytest.mark.parametrize(
    "counts, expected",
    [
        ((2, 1, 1), (2 / 3, 2 / 3, 2 / 3)),
        ((3, 0, 1), (1.0, 0.75, 6 / 7)),  # F1 = 2 * 1 * 0.75 / 1.75
        ((0, 2, 2), (0.0, 0.0, 0.0)),  # found some, none right: 0, not undefined
        ((0, 3, 0), (0.0, np.nan, np.nan)),  # nothing to find: recall and F1 undefined
        ((0, 0, 4), (np.nan, 0.0, np.nan)),  # nothing found: precision and F1 undefined
        ((0, 0, 0), (np.nan, np.nan, np.nan)),
    ],
)
def test_prf_by_hand(counts, expected):
    assert reliability.prf(*counts) == pytest.approx(expected, nan_ok=True)
    assert framing.prf is reliability.prf  # the name notebook 02 and the README use


def test_set_prf_is_prf_of_two_sets():
    assert reliability.set_prf({1, 2, 3}, {3, 4}) == pytest.approx((1, 1 / 3, 0.5, 0.4))  # tp 1, fp 2, fn 1
    assert reliability.set_prf({1}, {2}) == (0, 0.0, 0.0, 0.0)  # tp 0: P = R = F1 = 0, as in agreement
    assert math.isnan(reliability.set_prf({1}, set())[3])


def test_stance_validation_uses_the_same_prf():
    from helpers.stance import validation

    row = validation._measure_row({1, 2, 3}, {3, 4}, "m")  # tp 1, fp 2, fn 1
    assert (row["agree"], row["precision"], row["recall"], row["f1"]) == (1, round(1 / 3, 3), 0.5, 0.4)
    row = validation._measure_row({1}, {2}, "m")  # tp 0: precision = recall = F1 = 0, as in framing.agreement
    assert (row["precision"], row["recall"], row["f1"]) == (0.0, 0.0, 0.0)
    assert math.isnan(validation._measure_row({1}, set(), "m")["f1"])


def test_frame_and_stance_hand_columns_have_distinct_names():
    from helpers import stance

    assert framing.HAND_COLUMNS is framing.FRAME_HAND_COLUMNS  # notebook 02's name
    assert stance.HAND_COLUMNS is stance.STANCE_HAND_COLUMNS  # notebook 03's name
    assert "diplomacy_valence" in framing.FRAME_HAND_COLUMNS and "polarity" in stance.STANCE_HAND_COLUMNS


def test_reliability_without_hand_coding_gives_empty_tables(seed_coding, shipped):
    units, sentences, hits, coded = seed_coding
    hand = framing.hand_codes(pd.DataFrame(columns=framing.FRAME_HAND_COLUMNS), shipped)
    ids = framing.hand_unit_ids(sentences, None)
    compared = framing.compare_codes(hand, coded, ids)
    table = framing.agreement(compared, shipped)
    assert table.empty and list(table.columns) == framing.AGREEMENT_COLUMNS
    assert framing.disagreements(compared, sentences, hits, ids).empty


def test_hand_codes_and_segment_map(mini):
    raw = pd.DataFrame(
        {
            "doc_id": ["d", "d"],
            "segment_id": ["d:p01.s01", "d:p01.s02"],
            "coder": ["hc1", "hc1"],
            "frames": ["diplomacy;problem", ""],
            "diplomacy_valence": ["-", ""],
        }
    )
    hand = framing.hand_codes(raw, mini)
    assert len(hand) == 2 * 3 and hand["hand"].sum() == 2
    assert hand.set_index(["segment_id", "frame"]).loc[("d:p01.s01", "diplomacy"), "hand_valence"] == -1
    with pytest.raises(ValueError, match=r"line 2 \(d:p01.s01\): unknown frame\(s\) diplomcy"):
        framing.hand_codes(raw.assign(frames=["diplomcy", ""]), mini)
    # the splitter later cut d:p01.s01 in two (s01 + s02) and the old s02 became s03
    sentences = pd.DataFrame({"segment_id": ["d:p01.s01", "d:p01.s02", "d:p01.s03"]})
    id_map = pd.DataFrame(
        {"segment_id": ["d:p01.s02", "d:p01.s03"], "hand_segment_id": ["d:p01.s01", "d:p01.s02"]}
    )
    ids = framing.hand_unit_ids(sentences, id_map)
    coded = pd.DataFrame(
        {
            "segment_id": ["d:p01.s01", "d:p01.s02", "d:p01.s03"],
            "frame": ["diplomacy", "escalation", "problem"],
            "cue": ["talks", "escalat*", "crisis"],
            "tone": [0, 0, 0],
        }
    )
    compared = framing.compare_codes(hand, coded, ids).set_index(["segment_id", "frame"])
    assert compared.loc[("d:p01.s01", "escalation"), "auto"] == 1  # union of the two halves
    assert compared.loc[("d:p01.s02", "problem"), "auto"] == 1
    assert compared.loc[("d:p01.s01", "problem"), "auto"] == 0
    with pytest.raises(ValueError, match="not in the corpus: d:p01.s02"):
        framing.compare_codes(hand, coded, framing.hand_unit_ids(sentences.iloc[:1]))
