"""People the gazetteer does not list, found by how English news names a person.

Coverage quotes many people no gazetteer lists (a congressman, an ambassador, an analyst). A name
is taken for a person's when the text says so: a person's title before it ("Rep. Michael McCaul",
"Chairman McCaul", "spokesman Igor Konashenkov"), or, for a name of two words or more, a speech
verb right after or right before it ("Michael Kofman said", "said Michael Kofman"), "according to"
before it, or an apposition after it ("Michael Kofman, a senior fellow at ..."). Once named so, the
surname alone names the person in the rest of the document ("McCaul told reporters").

Such a person's actor id is the surname as written ("McCaul"; "Jill Biden" when the surname alone
is a listed actor's id), capitalised where every gazetteer id is lower-case, so that the two never
meet; the person is its own group and has its name as written for both names. ``coded_id`` gives the
id a hand coder writes for it (lower case, ``devset/CODING.md``). Arabic texts get none: a name
transliterated into Arabic has no capital to tell it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Container, Mapping
from types import MappingProxyType

import regex

from helpers.lexicon import Match, Token

#: Words for a person's office or rank right before a name, that may stand before the surname alone
#: ("Chairman McCaul", "Ms Nakamitsu"); matching keys, so lower case, an abbreviation without its full stop.
NAME_TITLES = frozenset(
    """
    mr mrs ms dr rep reps sen sens senator senators congressman congresswoman ambassador amb admiral adm
    general gen lieutenant lt colonel col major maj captain capt sergeant sgt marshal commander professor
    prof chairman chairwoman chair secretary undersecretary minister president premier chancellor governor
    gov mayor commissioner judge justice speaker patriarch metropolitan bishop
    """.split()
)
#: Words for a person's trade or role right before a full name ("analyst Michael Kofman", "spokesman Igor
#: Konashenkov"). Not a journalist's: a correspondent who reports takes no position of their own.
ROLE_TITLES = frozenset(
    """
    representative lawmaker legislator mp envoy diplomat official spokesperson spokesman spokeswoman adviser
    advisor aide counselor counsellor director deputy leader chief head analyst expert researcher economist
    historian activist founder ceo prosecutor ombudsman
    """.split()
)
#: Title words that are adjectives when written in lower case ("a major Ukrainian city", "general staff").
ADJECTIVE_TITLES = frozenset("general gen major maj".split())
#: Verbs of speech whose subject or inverted speaker a name of two words or more is ("X said", "said X").
SPEECH_VERBS = frozenset(
    """
    said says told tells added adds wrote writes tweeted posted noted notes stressed explained argued argues
    stated replied warned urged insisted announced declared claimed believes thinks
    """.split()
)
#: Capitalised words that are no part of a person's name: institutions, places' kinds, months, days, and
#: the words that open a sentence.
NOT_NAME_WORDS = frozenset(
    """
    ministry office department council committee commission party forces force army navy command agency
    institute university center centre group service services times post journal news press network
    foundation bank fund company corporation union parliament assembly congress senate house court staff
    guard media tv radio channel station plant region oblast city state states republic federation kingdom
    embassy mission administration government cabinet bureau board review affairs relations intelligence
    security defense defence foreign national international global world european western eastern northern
    southern north south east west central sea river ocean bay lake gulf strait island peninsula mountains
    canal bridge dam square street avenue airport port license program programme act bill treaty
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday
    the a an in on at but and or if as after before when while for with from by of to this that these those
    it its he she they we i his her their our there here however meanwhile also yet so then
    """.split()
)
#: Words after a name of two words or more that end a person's name (a suffix).
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
#: A word written like a name: a capital, then small letters (a capital inside: "McCaul", "DeSantis").
_NAME_WORD = regex.compile(r"\p{Lu}\p{Ll}*\p{Lu}?\p{Ll}+")  # "José", "Schüepp"
#: A capital that opens a word.
_CAPITAL = regex.compile(r"(?<![\w'’-])\p{Lu}")


def may_hold_a_name(text: str, found: list[Match], named: Collection[str] = ()) -> bool:
    """Quick test before ``unlisted_people``: False when no word outside ``found`` opens with a capital but
    the text's first (which names no one alone unless it is a surname the document has named)."""
    first = len(text) - len(text.lstrip())
    for c in _CAPITAL.finditer(text):
        at = c.start()
        if (at > first or named) and not any(m.start <= at < m.end for m in found):
            return True
    return False


def coded_id(actor: str) -> str:
    """The id a hand coder gives an actor: a listed actor's id as it is; a person this module found, by
    the coding guide's style (lower case, ASCII, words joined by "_": "Lvova-Belova" -> "lvova_belova",
    "O'Brien" -> "obrien")."""
    if actor == actor.casefold():
        return actor
    ascii_name = unicodedata.normalize("NFKD", actor).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", re.sub("['’]", "", ascii_name.casefold())).strip("_")


def _words_of_names(text: str, words: list[Token], taken: Container[int]) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words no other mention holds, each a list of name words (first, last token
    index, a hyphenated or apostrophed name one word), split where a space does not join them."""
    runs, run, last = [], [], -2  # last: the index of the run's last word
    for i, w in enumerate(words):
        if (
            not ("A" <= w.exact[:1] <= "Z")
            or i in taken
            or not (_NAME_WORD.fullmatch(w.exact) or _initial(text, w))
        ):
            continue
        gap = text[words[i - 1].end : w.start] if last == i - 1 else None
        if gap in ("-", "'", "’"):
            run[-1] = (run[-1][0], i)
        elif gap == " " or (gap == ". " and _initial(text, words[i - 1])):
            run.append((i, i))
        else:
            if run:
                runs.append(run)
            run = [(i, i)]
        last = i
    if run:
        runs.append(run)
    return runs


def _initial(text: str, w: Token) -> bool:
    """A middle initial: one capital followed by a full stop ("J.")."""
    return len(w.exact) == 1 and w.exact.isupper() and text[w.end : w.end + 1] == "."


def unlisted_people(
    text: str,
    words: list[Token],
    found: list[Match],
    listed: Collection[str],
    named: Collection[str] = (),
    listed_words: Collection[str] = (),
    listed_names: Mapping[str, str] = MappingProxyType({}),
) -> list[Match]:
    """Mentions of people the gazetteer does not list (label: the surname as written), in an English
    ``text`` of ``words`` where ``found`` are the gazetteer's mentions; ``listed``: the gazetteer's ids;
    ``named``: the unlisted people the document has named before (their surname alone names them);
    ``listed_words``: keys of single words that name a listed actor or are its adjective ("Chinese"), no
    part of an unlisted name; ``listed_names``: a listed person's name in two words or more, casefolded ->
    their id, for the name written with a middle initial ("Wendy R. Sherman" is the listed "Wendy Sherman").

    Not a name: words a mention holds, or right before a listed person's mention ("Joseph R." of "Joseph
    R. Biden", "Sergey" of "Sergey Shoigu") or right after the title of a listed person ("Ukrainian President
    Volodymyr Zelenskiyy": a spelling the gazetteer lacks, of the president's name)."""
    taken = {i: m for m in found for i in range(m.first, m.last)}
    key = lambda part: words[part[0]].key  # noqa: E731  (a name word's first token's key)
    out = []
    for run in _words_of_names(text, words, taken):
        before = run[0][0] - 1
        if before in taken and taken[before].form == "title":
            continue
        title = _title(words[before]) if before >= 0 else ""
        cut = max((n for n, part in enumerate(run) if _title(words[part[0]])), default=-1)
        if cut >= 0:  # "Committee Chairman Bob Menendez": the name after the title
            title, run = _title(words[run[cut][0]]), run[cut + 1 :]
        # a surname the document has named, before capitalised words no part of it (a headline's Title Case,
        # "Graham, Blumenthal Oppose Russia Annexation")
        spelled = [text[words[a].start : words[b].end] for a, b in run[:-1]]
        run = next((run[: n + 1] for n, w in enumerate(spelled) if w in named), run)
        while run and key(run[-1]) in NAME_SUFFIXES:
            run = run[:-1]
        while run and key(run[0]) in NOT_NAME_WORDS and not title:
            run = run[1:]
        if not run:
            continue
        first, last = run[0][0], run[-1][1]
        full = [part for part in run if not _initial(text, words[part[0]])]
        known = listed_names.get(" ".join(text[words[a].start : words[b].end] for a, b in full).casefold())
        if known and len(full) < len(run):  # "Wendy R. Sherman": a listed person's name, with an initial
            span = (words[first].start, words[last].end)
            out.append(Match(known, "name", text[span[0] : span[1]], first, last + 1, *span))
            continue
        # a listed actor's word is no part of the name, but a listed person's one-word name may be its surname
        # after a first name ("Andy Harris", not Kamala Harris: ``actors.find_mentions``)
        listed_part = [key(part) in listed_words for part in run]
        if len(full) > 1:
            listed_part[-1] = False
        if any(key(part) in NOT_NAME_WORDS for part in run) or any(listed_part):
            continue
        if (
            _initial(text, words[last])
            or last + 1 in taken
            and text[words[last].end : words[last + 1].start] == " "
        ):
            continue  # the first names of a listed person
        surname = text[words[run[-1][0]].start : words[last].end]
        if len(full) == 1 and title not in NAME_TITLES and surname not in named:
            continue
        if not (title or surname in named or _spoken(text, words, first, last)):
            continue
        if len(full) == 1 and not title:
            first = run[-1][0]  # the surname alone
        label = text[words[first].start : words[last].end] if coded_id(surname) in listed else surname
        out.append(
            Match(
                label,
                "name",
                text[words[first].start : words[last].end],
                first,
                last + 1,
                words[first].start,
                words[last].end,
            )
        )
    return out


def _title(word: Token) -> str:
    """The key of a person's title word ("Chairman", "spokesman"), or "": a rank written in lower case is an
    adjective ("a major city")."""
    if word.key in ADJECTIVE_TITLES and not word.exact[:1].isupper():
        return ""
    return word.key if word.key in NAME_TITLES or word.key in ROLE_TITLES else ""


#: A US lawmaker's party and state, or state and district, in brackets after the name: "(R-Idaho)", "(D-NH)",
#: "(OH-10)".
PARTY_BRACKET = re.compile(r" \((?:[RDI]-[A-Z][\w .]*|[A-Z]{2}-\d{1,2})\)")


def _spoken(text: str, words: list[Token], first: int, last: int) -> bool:
    """True when the name from word ``first`` to ``last`` speaks: a speech verb right after it (or after
    its apposition's closing comma) or right before it, "according to" before it, ", a" / ", an" /
    ", who" or a comma and a role written in lower case within three words after it (an apposition: ",
    president of the European Commission", ", Greek deputy foreign minister"), a lawmaker's party bracket
    after it (``PARTY_BRACKET``), or "I'm" / "I am" (a speaker introducing themself) or "delivered by" before
    it."""
    if PARTY_BRACKET.match(text, words[last].end):
        return True
    after = words[last + 1] if last + 1 < len(words) else None
    gap = text[words[last].end : after.start] if after else ""
    if after is not None and gap in (" ", ", ") and after.key in SPEECH_VERBS:  # ", Iryna Venediktova, said"
        return True
    if after is not None and gap.strip() == "," and after.key in ("a", "an", "who"):
        return True
    if (
        gap.strip() == ","
        and any(  # ", president of the European Commission,", ", Greek deputy foreign minister"
            w.exact.islower() and (w.key in NAME_TITLES or w.key in ROLE_TITLES)
            for w in words[last + 1 : last + 4]
        )
    ):
        return True
    before = [w.key for w in words[max(0, first - 2) : first]]
    # "I'm Gordon Sondland, ...", "I am ...": the speaker introduces themself; "As delivered by ..."
    return bool(before) and (
        before[-1] in SPEECH_VERBS
        or before in (["according", "to"], ["i", "m"], ["i", "am"], ["delivered", "by"])
    )
