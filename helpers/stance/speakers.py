"""The speaker of a text: a declared speaker, a title "Remarks by X", a byline, transcript labels "X: ...".

A speech, address or statement is the speaker's throughout: its sentences that no other rule
attributes are the speaker's positions, and a quote opened earlier (or a sentence in the first
person) continues the last source.
"""

from __future__ import annotations

import re

from helpers.actors import Gazetteer, find_mentions
from helpers.lexicon import Match
from helpers.stance.attribution import BRACKETS, FIRST_PERSON, SentenceParse
from helpers.stance.lookups import ActorTable
from helpers.text import has_arabic

#: A title that names the speaker of the whole text: "Remarks by Ambassador Linda Thomas-Greenfield at ...",
#: "Joint Statement Delivered by Ambassador ...", "Remarks as delivered by ...".
SPEECH_TITLE = re.compile(
    r"\b(?:remarks|address|speech|statement|keynote|lecture)\s+(?:(?:as\s+)?(?:delivered|given|made)\s+)?"
    r"(?:by|of|from)\s+(.+)",
    re.IGNORECASE,
)
#: A byline line opening the text: "As delivered by Deputy Secretary of State Wendy R. Sherman".
DELIVERED_BY = re.compile(r"(?:as\s+)?(?:delivered|given)\s+by\s+(.+)", re.IGNORECASE)
#: A title whose last part names the text itself as a speech or statement, its speaker by office or not at
#: all ("OSCE meeting on ...: UK Foreign Secretary's statement", "...: UK statement at the UN Security
#: Council"). Such a text is a speech whose speaker the opening names ("Foreign Secretary Liz Truss condemned
#: ..."): ``speech_lead_speaker``.
SPEECH_TITLE_END = re.compile(
    r"(?:^|[:–—|]\s*)[^:–—|]{0,60}?\b(?:statement|remarks|speech|address)\b(?:\s+(?:at|to|on|before|in)\b[^:–—|]*)?$",
    re.IGNORECASE,
)
#: A person's name right before the speech a title ending as ``SPEECH_TITLE_END`` names: "Ambassador David
#: Pressman’s Introductory Remarks at ...", "Chairman McCaul Opening Statement at Today’s Committee Markup".
OWNED_SPEECH = re.compile(r"^(?:['’]s)?\s+(?:[A-Z][\w-]*\s+){0,2}(?i:remarks|statement|speech|address)\b")
#: An opening that says the text is its subject's statement ("Secretary of the Treasury Janet L. Yellen
#: released the following statement ...", "Chairman McCaul issued the following statement: ..."); its words
#: after a colon are the statement's first.
STATEMENT_LEAD = re.compile(
    r"\b(?:issued|released|made|gave|delivered|shared)\s+the\s+following\s+(?:[a-z]+\s+)?"
    r"(?:statement|remarks|comments)\b"
    r"[^:]*(:)?",
    re.IGNORECASE,
)
#: A sentence that says the next units are a person's statement: "Read Senator Wicker’s opening
#: statement as prepared below.", "Sen. Brown’s remarks, as prepared for delivery, follow:".
OWNED_LEAD = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,3}(?:statement|remarks|testimony|speech|address)\b[^.:]{0,60}\b(?:below|follows?)\b",
    re.IGNORECASE,
)
#: At most this many words between the subject and the verb of ``STATEMENT_LEAD`` ("Yellen today released"),
#: a bracket and an apposition after the name not counted (``_subject_before``).
STATEMENT_SUBJECT_GAP = 4
#: At most this many words of a title between two names of a list ("and Rep. Chris Smith").
TITLE_IN_LIST = 2
#: An apposition right after a name: ", ranking member of the Senate Foreign Relations Committee,".
APPOSITION = re.compile(r"^\s*,[^,]{1,120},")
#: Units at the top of a text where a byline ("Ambassador Linda Thomas-Greenfield" on a line of its own) is
#: looked for.
BYLINE_UNITS = 4
#: At most this many words (a title: "President of Russia") before the name in a byline or a speaker label.
SPEAKER_LEAD = 4
#: At most this many words of an office before the name in a transcript label ("Director of the Foreign
#: Intelligence Service Sergei Naryshkin: ...").
LABEL_LEAD = 8
#: A generational suffix after a name ("Lloyd J. Austin III", "CQ Brown, Jr."): still the name.
NAME_SUFFIX = re.compile(r"^,?\s*(?:jr|sr|ii|iii|iv)\.?\s*$", re.I)
#: Transcript labels of speakers who are no actor: a journalist's question ("Q:" in US government
#: transcripts), a moderator, staff, the audience.
OTHER_SPEAKERS = frozenset(
    "q question journalist reporter moderator interviewer participant audience remark voice staff operator "
    "host".split()
) | frozenset("سؤال صحفي صحفية مراسل مراسلة مذيع مذيعة محاور مداخلة".split())
#: Lower-case words inside a title before a name ("Aide to the President Yury Ushakov", "Minister for Foreign
#: Affairs").
TITLE_LINKS = frozenset("of the to for and".split())


def speaker_id(name: str, gazetteer: Gazetteer, doc_id: str = "") -> str:
    """The actor id of a declared speaker (metadata ``speaker``): an id of the gazetteer, or one of its
    names."""
    name = str(name).strip()
    if name in gazetteer.actors.index:
        return name
    found = find_mentions(name, gazetteer)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(name):
        return found[0].label
    raise ValueError(
        f"speaker {name!r} of document {doc_id!r} is not an actor of {gazetteer.path}: give an actor "
        "id or name from the gazetteer (metadata column 'speaker'), or add the actor there."
    )


def _speaker_named(
    parse: SentenceParse, actors: ActorTable, kind: str, unit: int, first_sentence: bool
) -> tuple[str, int | None]:
    """(actor, None) for a title or byline naming the text's speaker (a person; in a title "Statement by ..."
    any actor: "Statement by the Spokesperson" on eeas.europa.eu is the EU's), or an opening "X released the
    following statement" (``STATEMENT_LEAD``), or a sentence that says the statement follows ("X’s remarks as
    prepared follow:", ``OWNED_LEAD``); (actor, token) for a transcript label "X: ..." or such an
    opening with a colon (their words start at that token), ("", token) for a label of no actor
    ("Question: ..."); ("", None) otherwise."""
    opening = unit <= BYLINE_UNITS and first_sentence
    if kind == "title" or (kind == "heading" and unit == 1):
        title = SPEECH_TITLE.search(parse.text)
    else:  # a line opening the text with "Statement by Fergus Eckersley, Minister Counsellor, ..."
        start = len(parse.text) - len(parse.text.lstrip())
        title = (
            (SPEECH_TITLE.match(parse.text, start) or DELIVERED_BY.match(parse.text, start))
            if opening
            else None
        )
    if title:
        name = _person_at(
            parse,
            actors,
            lambda m: (
                m.start >= title.start(1) and parse.text[title.start(1) : m.start].count(" ") <= SPEAKER_LEAD
            ),
        )
        if name:
            return name.label, None
        by = next((m for m in parse.actors if m.start >= title.start(1)), None) if kind == "title" else None
        if by and parse.text[title.start(1) : by.start].count(" ") <= SPEAKER_LEAD:
            return by.label, None  # "Statement by the Spokesperson on ..." on eeas.europa.eu: the EU's
    elif kind == "title" and SPEECH_TITLE_END.search(parse.text):
        name = _person_at(
            parse, actors, lambda m: _lead_ok(parse, m) and bool(OWNED_SPEECH.match(parse.text[m.end :]))
        )
        if name:
            return name.label, None
    if opening:
        name = _person_at(
            parse, actors, lambda m: _name_ends(parse.text[m.end :].strip(" .,")) and _lead_ok(parse, m)
        )
        if name:
            return name.label, None
        lead = STATEMENT_LEAD.search(parse.text)
        subject = _subject_before(parse, actors, lead.start()) if lead else None
        if subject:
            colon = lead.start(1) if lead.group(1) else -1
            words = (
                next((i for i, t in enumerate(parse.tokens) if t.start > colon), None) if colon > 0 else None
            )
            return subject.label, words
    owned = OWNED_LEAD.search(parse.text) if first_sentence else None
    name = _person_at(parse, actors, lambda m: m.end == owned.start()) if owned else None
    if name:
        return name.label, None
    colon = parse.text.find(":")
    if first_sentence and colon > 0:
        after = next((i for i, t in enumerate(parse.tokens) if t.start > colon), len(parse.tokens))
        name = _person_at(
            parse, actors, lambda m: _name_ends(parse.text[m.end : colon]) and _lead_ok(parse, m, LABEL_LEAD)
        )
        if name:
            return name.label, after
        if parse.tokens and parse.tokens[0].key in OTHER_SPEAKERS and after <= SPEAKER_LEAD:
            return "", after  # "Question: ...": no actor speaks until the next label
    return "", None


def _name_ends(rest: str) -> bool:
    """True when nothing but a generational suffix follows a name ("AUSTIN III: ..."; "... Austin")."""
    return not rest.strip() or bool(NAME_SUFFIX.match(rest))


#: An opening of a text titled as a statement that says who gave it ("Ambassador Barbara Woodward gave a
#: statement at the United Nations Security Council"): ``speech_lead_speaker``.
GAVE_STATEMENT = re.compile(
    r"\b(?:gave|made|delivered)\s+(?:a|the|this|her|his)\s+(?:statement|speech|remarks|address)\b", re.I
)


def speech_lead_speaker(atts, actors: ActorTable, parse: SentenceParse) -> str:
    """The speaker of a speech titled by its office only (``SPEECH_TITLE_END``): the one person an opening
    sentence attributes to ("Foreign Secretary Liz Truss condemned ..."), or who it says gave the statement
    (``GAVE_STATEMENT``), or ""."""
    for att in atts:
        if len(att.sources) == 1 and actors.kind[att.sources[0]] == "person":
            return att.sources[0]
    gave = GAVE_STATEMENT.search(parse.text)
    subject = _subject_before(parse, actors, gave.start()) if gave else None
    return subject.label if subject else ""


def _person_at(parse: SentenceParse, actors: ActorTable, where) -> Match | None:
    """The first person mention of the sentence that satisfies ``where``."""
    return next((m for m in parse.actors if actors.kind[m.label] == "person" and where(m)), None)


def _subject_before(parse: SentenceParse, actors: ActorTable, verb: int) -> Match | None:
    """The person who is the subject of the verb at character ``verb`` ("Yellen released ...", "Chairman
    McCaul (R-Texas) issued ...", "Senator Jim Risch (R-Idaho), ranking member of the Senate Foreign
    Relations Committee, today released ..."): the first person mention ending at most
    ``STATEMENT_SUBJECT_GAP`` words before it, not counting a bracket or an apposition right after the
    name."""

    def gap(m: Match) -> int:
        words = APPOSITION.sub("", BRACKETS.sub("", parse.text[m.end : verb]), count=1)
        return len(words.split())

    subject = _person_at(parse, actors, lambda m: m.end <= verb and gap(m) <= STATEMENT_SUBJECT_GAP)
    if subject is None:
        return None
    # the first of a list of names ("Senator Ben Cardin (MD), Chairman of ..., and Rep. Chris Smith (NJ-04),
    # ... issued"): the others give the statement with them (``joint_speakers``)
    people = [m for m in parse.actors if actors.kind[m.label] == "person" and m.end <= subject.start]
    for m in reversed(people):
        if not _listed(parse.text[m.end : subject.start]):
            break
        subject = m
    return subject


def _listed(gap: str) -> bool:
    """True when only what joins two names of a list stands between them: "and", commas, a bracket, an
    apposition and a capitalised title ("(MD), Chairman of the Commission, and Rep.")."""
    words = APPOSITION.sub("", BRACKETS.sub("", gap), count=1).replace(",", " ").split()
    words = [w for w in words if w != "and"]
    return len(words) <= TITLE_IN_LIST and all(w[:1].isupper() for w in words)


def joint_speakers(parse: SentenceParse, actors: ActorTable, speaker: str) -> list[str]:
    """The people who give a statement with ``speaker`` in an opening ``STATEMENT_LEAD``: "Senators Lindsey
    Graham (R-South Carolina) and Richard Blumenthal (D-Connecticut) today made the following statement":
    the persons after the speaker's mention and before the verb, joined by "and" or commas only."""
    lead = STATEMENT_LEAD.search(parse.text)
    mention = next((m for m in parse.actors if m.label == speaker), None)
    if not lead or mention is None or mention.end > lead.start():
        return []
    out, end = [], mention.end
    for m in parse.actors:
        if m.start < end or m.end > lead.start() or actors.kind[m.label] != "person":
            continue
        if not _listed(parse.text[end : m.start]):
            break
        out.append(m.label)
        end = m.end
    return out


def _lead_ok(parse: SentenceParse, m: Match, most: int = SPEAKER_LEAD) -> bool:
    """True when only a title stands before the name: at most ``most`` words, no cue, capitalised in
    English."""
    lead = parse.tokens[: m.first]
    return (
        len(lead) <= most
        and not any(c.first < m.first for c in parse.cues)
        and all(has_arabic(t.exact) or t.exact[:1].isupper() or t.key in TITLE_LINKS for t in lead)
    )


def _continues_speech(parse: SentenceParse, open_quote: bool) -> bool:
    """True for a sentence inside a quote opened earlier, ending a quote it did not open, opening a quote
    with no speaker of its own ('“Russia is facing setbacks,” Austin said. “And Russia is ...'), or in the
    first person."""
    text = parse.text.strip()
    closes_unopened = text[-1:] in '”»"' or text[-2:-1] in '”»"'
    opened = any(q in text for q in "“«") or text.count('"') >= 2
    opens = text[:1] in '“«"'
    return (
        open_quote
        or (closes_unopened and not opened)
        or opens
        or any(t.key in FIRST_PERSON for t in parse.tokens)
    )
