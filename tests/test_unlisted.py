"""People the gazetteer does not list (helpers/unlisted.py): hand-made sentences, written for these tests."""

import pandas as pd
import pytest

from helpers import actors, devset, stance
from helpers.unlisted import coded_id


def labels(text, named=frozenset()):
    return [(m.label, m.alias) for m in actors.find_mentions(text, named=named)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a title before the name: the surname alone will do
        ("Chairman McCaul wants more aid.", [("McCaul", "McCaul")]),
        (
            "House Foreign Affairs Committee Chairman Michael McCaul backed the bill.",
            [("McCaul", "Michael McCaul")],
        ),
        ("Rep. Jason Crow visited Kyiv.", [("Crow", "Jason Crow"), ("ukraine", "Kyiv")]),
        # two words or more that speak: a speech verb after or before, "according to", an apposition
        ("Michael Kofman said the front was holding.", [("Kofman", "Michael Kofman")]),
        ('"It is a stalemate," said Dara Massicot.', [("Massicot", "Dara Massicot")]),
        ("According to Anna Petrova, the shelling went on.", [("Petrova", "Anna Petrova")]),
        ("I’m Gordon Sondland, and I am here for a reason.", [("Sondland", "Gordon Sondland")]),
        ("I am Anna Petrova.", [("Petrova", "Anna Petrova")]),
        ("As delivered by Kelly Stone", [("Stone", "Kelly Stone")]),
        # a role in lower case right after the comma; a name with letters beyond ASCII
        (
            "José Manuel Barroso, president of the Commission, spoke.",
            [("Barroso", "José Manuel Barroso")],
        ),
        (
            "Dimitris Kourkoulas, Greek deputy minister, spoke.",
            [("Kourkoulas", "Dimitris Kourkoulas"), ("greece", "Greek")],
        ),
        ("Olga Stefanyk, a teacher in Kharkiv, fled in March.", [("Stefanyk", "Olga Stefanyk")]),
        # a hyphenated surname and a middle initial
        ("Maria Novak-Smith told the court she was afraid.", [("Novak-Smith", "Maria Novak-Smith")]),
        ("John Q. Public said nothing had changed.", [("Public", "John Q. Public")]),
        # a lawmaker's party bracket after the name; a plural title before two names
        ("Jane Roe (D-Connecticut) introduced a bill.", [("Roe", "Jane Roe")]),
        ("Congressman Mike Doe (OH-10) led the charge.", [("Doe", "Mike Doe")]),
        (
            "Senators Jane Roe and Mark Doe (R-Idaho) wrote to Kyiv.",
            [("Roe", "Jane Roe"), ("Doe", "Mark Doe"), ("ukraine", "Kyiv")],
        ),
        # the title's nationality adjective is part of the person's mention, not Ukraine's
        (
            "Ukrainian lawmaker Oleksiy Goncharenko said Russia lies.",
            [("Goncharenko", "Oleksiy Goncharenko"), ("russia", "Russia")],
        ),
    ],
)
def test_an_unlisted_person_named_as_a_person_is_a_mention(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Foreign Ministry said on Monday that talks had failed.",  # an institution
        "Officials said the talks had failed.",  # one capitalised word, no title
        "Nobody expected the New Year truce to hold.",  # no sign of a person
        "The Armed Services Committee (SASC) met on Monday.",  # a bracket that is no party and state
        "NATO and the EU said the summit would go ahead.",  # acronyms are listed actors, or none
        "Fighting near Kherson Oblast continued.",
    ],
)
def test_capitalised_words_that_are_no_person_are_no_mention(text):
    assert [label for label, _ in labels(text) if label != label.casefold()] == []


def test_a_named_surname_before_title_case_words_is_the_name_alone():
    # a headline's capitals after a surname the document names are no part of the name
    title = "Blumenthal Opposes Russian Annexation"
    assert labels(title, named=frozenset({"Blumenthal"})) == [("Blumenthal", "Blumenthal")]
    assert labels(title) == []  # not named: the capitals name no one


def test_the_surname_alone_names_the_person_once_the_document_named_them():
    assert labels("McCaul told reporters the plan was weak.") == []  # not named yet: could be anyone
    assert labels("McCaul told reporters the plan was weak.", named=frozenset({"McCaul"})) == [
        ("McCaul", "McCaul")
    ]
    sentences = pd.DataFrame(
        {
            "doc_id": ["d", "d", "e"],
            "segment_id": ["d:p01.s01", "d:p02.s01", "e:p01.s01"],
            "parent": ["d:p01", "d:p02", "e:p01"],
            "section": [0, 0, 0],
            "lang": ["en"] * 3,
            "text": [
                "Rep. Michael McCaul said the aid must go on.",
                "McCaul added that Congress would vote.",
                "McCaul added that Congress would vote.",  # another document: never named there
            ],
            "start": [0, 0, 0],
        }
    )
    found = actors.actor_mentions(sentences)
    unlisted = found[found["actor"] == "McCaul"]
    assert unlisted["segment_id"].tolist() == ["d:p01.s01", "d:p02.s01"]
    # its names are as written, and it is its own group
    assert unlisted[["actor_en", "actor_ar", "group"]].drop_duplicates().values.tolist() == [
        ["McCaul", "McCaul", "McCaul"]
    ]


def test_a_surname_that_is_a_listed_id_keeps_the_whole_name():
    # "Jill Biden" is not the listed Biden: her surname alone would be the listed id, so the label is the name
    gaz = actors.load_gazetteer()
    assert "biden" in gaz.kinds
    more = actors.find_mentions("Jill Stanton Biden said the children needed help.")
    assert [m.label for m in more] == ["Jill Stanton Biden"]  # a first name not the listed Biden's
    from helpers.unlisted import unlisted_people

    words = gaz.matcher.tokens("Jill Biden said the children needed help.")
    people = unlisted_people("Jill Biden said the children needed help.", words, [], gaz.kinds)
    assert [m.label for m in people] == ["Jill Biden"]


@pytest.mark.parametrize(
    "written, coded",
    [
        ("McCaul", "mccaul"),
        ("Lvova-Belova", "lvova_belova"),
        ("O'Brien", "obrien"),
        ("Jill Biden", "jill_biden"),
        ("Žukauskas", "zukauskas"),
        ("putin", "putin"),
    ],
)
def test_coded_id_is_the_coding_guides_style(written, coded):
    assert coded_id(written) == coded


def test_an_unlisted_person_is_a_stance_source_with_its_own_group():
    rows = pd.DataFrame(
        {
            "doc_id": ["d", "d"],
            "segment_id": ["d:p01.s01", "d:p02.s01"],
            "parent": ["d:p01", "d:p02"],
            "section": [0, 0],
            "lang": ["en", "en"],
            "position": [1, 2],
            "text": [
                "Senator Jeanne Shaheen said Russia's attacks on Kyiv were a war crime.",
                "Shaheen also praised Ukraine's defenders.",
            ],
        }
    )
    st = stance.stance_records(rows)[0]
    got = set(zip(st["source"], st["source_group"], st["target"], st["polarity"], strict=True))
    assert ("Shaheen", "Shaheen", "Russia", -1) in got
    assert ("Shaheen", "Shaheen", "Ukraine", 1) in got


def test_devset_compares_an_unlisted_source_by_the_coders_id():
    ids = devset._CodedIds({"Vladimir Putin": "putin"})
    assert pd.Series(["Vladimir Putin", "Lvova-Belova", None]).map(ids).tolist()[:2] == [
        "putin",
        "lvova_belova",
    ]


def test_the_quick_test_skips_only_texts_with_no_capital_but_the_first():
    from helpers.unlisted import may_hold_a_name

    putin = actors.find_mentions("Then Putin spoke.")
    assert not may_hold_a_name("The talks went on.", [])
    assert not may_hold_a_name("Then Putin spoke.", putin)  # the only other capital is a listed mention's
    assert may_hold_a_name("Then Kofman spoke.", [])
    assert may_hold_a_name("McCaul spoke.", [], named={"McCaul"})  # a named surname may open the text
