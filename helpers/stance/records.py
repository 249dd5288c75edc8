"""Stance records per document and per corpus: statements (source -> target), portrayal and quotes.

A *stance statement* is an actor's own position: the actor is the source of the sentence and
the record names the target, the cue and the words that scored it. *Portrayal* is the tone of
sentences that mention an actor without it speaking. An actor that is only mentioned gets no
stance: no evidence, no stance.

A document's sentences are read in order here (who speaks carries from sentence to sentence);
the rows each sentence adds come from ``rows``. ``stance_records`` makes each table once.
"""

from __future__ import annotations

import re
from dataclasses import replace
from operator import itemgetter

import numpy as np
import pandas as pd

from helpers.actors import Gazetteer, load_gazetteer, past_tense
from helpers.corpus import kind_of_id
from helpers.stance.attribution import (
    _QUOTE_CLOSE,
    COMPLEMENTISERS,
    Attribution,
    SentenceParse,
    _quote_open_after,
    sentence_attributions,
)
from helpers.stance.cues import StanceCues, load_stance_cues
from helpers.stance.rows import (
    PORTRAYAL_COLUMNS,
    QUOTE_COLUMNS,
    STATEMENT_COLUMNS,
    _portrayal,
    _quotes,
    _Reader,
    _records,
    _Sentence,
)
from helpers.stance.speakers import (
    BYLINE_UNITS,
    SPEECH_TITLE,
    SPEECH_TITLE_END,
    _continues_speech,
    _speaker_named,
    joint_speakers,
    speaker_id,
    speech_lead_speaker,
)

# --------------------------------------------------------------------------
# Stance records per document
# --------------------------------------------------------------------------
#: Positions in a statement row of the columns that order and deduplicate a document's statements.
_SEGMENT, _SOURCE, _TARGET, _CONFIDENCE = (
    STATEMENT_COLUMNS.index(c) for c in ("segment_id", "source", "target", "confidence")
)
_COLUMNS = (STATEMENT_COLUMNS, PORTRAYAL_COLUMNS, QUOTE_COLUMNS)


def document_stance(
    sentences: pd.DataFrame,
    gazetteer: Gazetteer | None = None,
    cues: StanceCues | None = None,
    speaker: str = "",
    date: str = "",
    url: str = "",
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(statements, portrayal, quotes) for the sentences of ONE document, in reading order.

    ``speaker`` (an actor id) declares the text a speech, address or statement by that actor:
    its sentences that no other rule attributes are the speaker's positions. Without it the
    speaker is read from the text: a title "Remarks by X ...", a byline line "Ambassador X"
    among the first units, and transcript labels "President of Russia Vladimir Putin: ..."
    (each label holds until the next). ``date`` (YYYY-MM-DD, the metadata's) says who an office's title
    names ("the US president": ``actors.find_mentions``); ``url`` (the metadata's) whether a government site
    names its officials by their titles alone ("The Prime Minister" on gov.uk: ``Gazetteer.site_titles``),
    and whose statement the site publishes under a title that names no one ("Ambassador's Statement" on an
    embassy's site, with no speaker named in its opening either: ``Gazetteer.site_government``).
    """
    reader = _Reader(gazetteer or load_gazetteer(), cues or load_stance_cues())
    tables = _document(reader, _sentence_rows(sentences.sort_values("position")), speaker, date, url)
    return tuple(pd.DataFrame(rows, columns=columns) for rows, columns in zip(tables, _COLUMNS, strict=True))


def _sentence_rows(sentences: pd.DataFrame) -> list[_Sentence]:
    """The sentences as plain tuples, in the order of the table."""
    return list(map(_Sentence._make, zip(*(sentences[c].tolist() for c in _Sentence._fields), strict=True)))


#: Words before an actor's mention (since the previous mention) kept as the title written for it
#: ("Secretary of State Antony J." before "Blinken"), with the two words after it ("U.N. investigators", "U.S.
#: defense official"): a described speaker later ("The Secretary said", "the investigators said") is found
#: through them.
TITLE_SPAN = 5


def _document(
    reader: _Reader, sentences: list[_Sentence], speaker: str, date: str = "", url: str = ""
) -> tuple[list, list, list]:
    """Rows of (statements, portrayal, quotes) of one document's sentences, given in reading order.

    Statements are ordered as the table shows them: by sentence, the most confident first, one per
    (sentence, source, target).
    """
    cues, actors = reader.cues, reader.actors
    statements, portrayal, quotes = [], [], []
    context: dict = {}
    titles: dict[str, set[str]] = {}  # the words written before each actor's mentions in this document
    surnamed: set[str] = set()  # the people with a surname (``Gazetteer.surnames``) among them
    known = 0  # how many actors ``titles`` held when ``surnamed`` was last updated
    callers: list[str] = []  # the people the title and first paragraph name (a readout's callers)
    spoken: list[str] = []  # every source so far, in reading order
    parent, units, speaker_rule, readout, lead_names_speaker = None, 0, "document speaker", False, False
    joint: list[str] = []  # the people who give the speaker's statement with them
    headline_label = False  # a title "X: ..." (X's transcript or X quoted in a news headline)
    officials = reader.site_titles(url)  # "The Prime Minister" on gov.uk names the UK's
    publisher = reader.site_government(url)  # an embassy's site speaks for the United States
    # the people with a surname the opening names in full: the title and headings before may name them by
    # surname alone ("Graham, Blumenthal Oppose Russia Annexation" over "U.S. Senators Lindsey Graham ... and
    # Richard Blumenthal ... introduced ...")
    ahead = _named_in_opening(reader, sentences, date, officials)
    for sent in sentences:
        opens_unit = sent.parent != parent
        if opens_unit:
            previous = context.get("sources") or context.get("previous", [])
            previous_named = context.get("named", [])
            parent, units = sent.parent, units + 1
            context = {
                "sources": [],
                "named": [],
                "open_quote": False,
                "unspoken": [],  # the sentences of an open quote that no rule gave a speaker
                "previous": previous,
                "previous_named": previous_named,
                "titles": titles,
                "callers": callers,
                "spoken": spoken,
            }
        if len(titles) != known:  # a new actor named: a person with a surname, or one the gazetteer lacks?
            surnamed = {a for a in titles if a in reader.surnames or a not in actors.kind}
            known = len(titles)
        kind = kind_of_id(sent.parent)
        heading = kind in ("title", "heading")
        if heading and units <= BYLINE_UNITS:  # not those the heading itself names in full
            known_names = surnamed | {a for a, at in ahead.items() if at != sent.parent}
        else:
            known_names = surnamed
        named = _surnames_in(sent.text, known_names, reader.surnames) if known_names else frozenset()
        parse = reader.parse(sent.text, date=date, named=named, titles=officials)
        if kind == "title":
            readout = bool(READOUT_TITLE.search(sent.text))
            lead_names_speaker = not speaker and bool(SPEECH_TITLE_END.search(sent.text.strip()))
        found, label_end = _speaker_named(parse, actors, kind, units, opens_unit)
        if found or label_end is not None:  # a new speaker, and who speaks with them
            joint = joint_speakers(parse, actors, found) if found else []  # "X and Y made the following ..."
        if found and label_end is None:
            speaker = found  # a title or a byline: names the speaker
        title_words = _speech_title_words(parse, speaker, reader) if kind == "title" and speaker else None
        if title_words:
            statements += _records(sent, parse, [title_words], reader)
        if found and label_end is None:
            _name(context, parse)
            continue
        if label_end is not None:  # a transcript label: its actor speaks, or no one ("Question: ...")
            speaker, speaker_rule = found, "speaker label"
            headline_label = kind == "title"
            if not found:
                context["previous"] = []
        context["speaker"], context["readout"] = speaker, readout
        if units <= 2:
            callers += [
                m.label for m in parse.actors if actors.kind[m.label] == "person" and m.label not in callers
            ]
        atts = sentence_attributions(parse, context, actors, cues, heading)
        if headline_label and not heading:
            # a headline "Peskov: ..." over a news lead that reports someone ("قال ... بيسكوف إن ...") quotes
            # Peskov; over a text with no such lead, it labels Peskov's transcript
            if any(a.method in ("verb", "inverted") for a in atts):
                speaker, context["speaker"], joint = "", "", []
            headline_label = False
        lead = lead_names_speaker and not speaker and not heading and units <= BYLINE_UNITS
        lead_speaker = speech_lead_speaker(atts, actors, parse) if lead else ""
        if lead and not lead_speaker and publisher:
            # "Ambassador's Statement" on an embassy's site, its opening naming no speaker: the government's,
            # from this sentence on
            speaker, speaker_rule = publisher, "publisher's statement"
        # the speaker's own words (a salutation, "Dear Ukrainians!", takes no position)
        in_speech = speaker and not heading and not context["open_quote"] and not _salutation(parse)
        continues = not atts and context["sources"] and not in_speech
        quote = continues and _continues_speech(parse, context["open_quote"])
        if quote or (continues and readout and not heading and not _opens_with_person(parse, actors)):
            # a quote going on; or, in a readout of a call, the paragraph's reported speech going on (not a
            # sentence about the callers: "Secretary Blinken and Foreign Minister Kuleba discussed ...")
            rule = "quote continuation" if quote else "readout continuation"
            atts = [_carried(context["sources"], parse, cues, rule, needs_target=not quote)]
        if in_speech and _only_others_act(atts, speaker, actors):
            # the speaker's own words; and in a speech, what a third party does or says ("Putin sends his
            # army to destroy our cities") is told as the speaker's judgement of it
            atts = [
                *atts,
                _speaker_attribution(parse, [speaker, *joint], speaker_rule, label_end or 0, reader),
            ]
        if lead_speaker:
            # a speech titled by its office: the opening that reports it names who speaks from here on
            speaker, joint = lead_speaker, []
        was_open = context["open_quote"]
        context["open_quote"] = _quote_open_after(sent.text, was_open)
        if not atts and context["open_quote"] and not heading:
            context["unspoken"].append((sent, parse))  # a quote whose speaker may come after it closes
        elif context["unspoken"]:
            if was_open and not context["open_quote"]:
                statements += _quote_before_speaker(context["unspoken"], parse, atts, reader)
            context["unspoken"] = []
        speakers = {a for att in atts for a in att.sources}
        statements += _records(sent, parse, atts, reader)
        quotes += _quotes(sent, parse, atts, actors)
        portrayal += _portrayal(sent, parse, speakers, reader)
        if atts:
            context["sources"] = _reporter(atts, parse).sources
            spoken += context["sources"]
        _name(context, parse)
    return _in_table_order(statements, sentences), portrayal, quotes


def _quote_before_speaker(
    unspoken: list[tuple[_Sentence, SentenceParse]],
    parse: SentenceParse,
    atts: list[Attribution],
    reader: _Reader,
) -> list[tuple]:
    """Records for the sentences of a quote whose speaker is named after it closes, in a later sentence of
    the paragraph ('"With Sweden and Finland, we don't have the problems ... . They want to join NATO, go
    ahead," Putin told Russian state television.'): the speaker of that sentence's speech cue after the
    closing mark."""
    close = _QUOTE_CLOSE.search(parse.text)
    spoken = [
        a
        for a in atts
        if a.cue_class == "speech"
        and a.cue_first < len(parse.tokens)
        and parse.tokens[a.cue_first].start > close.start()
    ]
    if not spoken:
        return []
    rows = []
    for sent, quoted in unspoken:
        carried = _carried(spoken[0].sources, quoted, reader.cues, "quote before its speaker")
        rows += _records(sent, quoted, [carried], reader)
    return rows


def _carried(
    sources: list[str], parse: SentenceParse, cues: StanceCues, rule: str, needs_target: bool = False
) -> Attribution:
    """The speech of ``sources`` carried over the whole of a sentence with no cue of its own."""
    return Attribution(
        list(sources),
        "",
        "speech",
        "carried",
        cues.confidence["carried"],
        0,
        0,
        len(parse.tokens),
        rule=rule,
        whole=True,
        needs_target=needs_target,
    )


def _named_in_opening(
    reader: _Reader, sentences: list[_Sentence], date: str, officials: tuple
) -> dict[str, str]:
    """The people with a surname (``Gazetteer.surnames``, or unlisted) named in the units after a document's
    title, up to ``BYLINE_UNITS``, and the unit that first names each (empty for a text with no title). Their
    parse is the one the sentence gets later when it names no one named before (``_Reader.parse`` remembers
    it)."""
    if not sentences or kind_of_id(sentences[0].parent) != "title":
        return {}
    title, units, found = sentences[0].parent, [], {}
    for sent in sentences:
        if sent.parent == title:
            continue
        if not units or sent.parent != units[-1]:
            if len(units) == BYLINE_UNITS - 1:
                break  # past the opening
            units.append(sent.parent)
        parse = reader.parse(sent.text, date=date, named=frozenset(), titles=officials)
        for m in parse.actors:
            if m.label in reader.surnames or m.label not in reader.actors.kind:
                found.setdefault(m.label, sent.parent)
    return found


def _surnames_in(text: str, surnamed: set[str], surnames: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """The people with a surname the document has named so far whose surname ``text`` may hold (an unlisted
    person's id is its surname: ``helpers.unlisted``): empty for most sentences, so that their parse is
    shared (``_Reader.parse`` remembers it)."""
    return frozenset(a for a in surnamed if any(w in text for w in surnames.get(a, (a,))))


def _name(context: dict, parse) -> None:
    """Remember, for the sentences after it, the actors a sentence names, the words written before each of
    them ("Secretary of State Antony J. Blinken": "The Secretary" later is Blinken) and the sentence itself
    (its plural subject is a "They" in the next: ``SentenceParse.plural_subject``)."""
    context["named"] += [m.label for m in parse.actors]
    context["previous_sentence"] = parse
    previous_end = 0
    for m in parse.actors:  # the words since the previous mention (at most TITLE_SPAN) and the two after it
        start = max(previous_end, m.first - TITLE_SPAN)
        # the words not past a verb: "The Prime Minister spoke to President Zelenskyy" gives him no "Prime
        # Minister", nor "Turning to Ukraine, the Prime Minister said Putin ..." Putin
        for i in range(m.first - 1, start - 1, -1):
            if past_tense(parse.tokens[i].key):
                start = i + 1
                break
        before = parse.tokens[start : m.first]
        # its own words ("a senior defense official", the United States) and the two after it, not past a
        # comma ("U.N. investigators", "U.S. defense official"; not "... near Kyiv, the official said")
        after = parse.tokens[m.first : m.last]
        for t in parse.tokens[m.last : m.last + 2]:
            if _CLAUSE_MARK.search(parse.text[after[-1].end : t.start]):
                break
            after.append(t)
        context["titles"].setdefault(m.label, set()).update(t.key for t in before + after)
        previous_end = m.last


_OPENS_WORDS = re.compile('[:«“"]')
#: Punctuation that ends a name's description ("near Kyiv, the official said").
_CLAUSE_MARK = re.compile('[,;:«»“”"()]')


def _reporter(atts: list[Attribution], parse) -> Attribution:
    """The attribution that goes on speaking in the next sentence: the last one that no earlier cue reports
    ("وأضاف أن روسيا ترحب ...": the one who added, not Russia; 'وقال زيلينسكي: "روسيا لا تريد ...': Zelenskyy;
    "Russia rejects it, Peskov said": Peskov)."""
    tokens = parse.tokens

    def reported(a: Attribution) -> bool:  # through "that" / "أن", or a colon or quote opening its words
        return any(
            b.cue_first < a.cue_first
            and (
                any(t.key in COMPLEMENTISERS for t in tokens[b.cue_first : a.cue_first])
                or bool(_OPENS_WORDS.search(parse.text[tokens[b.cue_first].end : tokens[a.cue_first].start]))
            )
            for b in atts
        )

    outer = [a for a in atts if not reported(a)]
    return (outer or atts)[-1]


#: The title of a readout of a call, whose paragraphs report what each side said, sentence after sentence
#: ("Telephone conversation with President of France Emmanuel Macron", "Secretary Rubio's Call with ...").
READOUT_TITLE = re.compile(
    r"\b(?:readout|telephone conversation|phone (?:call|conversation)|call with)\b", re.I
)


def _opens_with_person(parse, actors) -> bool:
    """True when the sentence opens with a person's name (after "The" at most)."""
    first = parse.actors[0] if parse.actors else None
    return first is not None and first.first <= 1 and actors.kind[first.label] == "person"


#: Words that open a speech's salutation ("Dear Ukrainians!", "Distinguished leaders, ...", "أيها السادة،").
SALUTATION_WORDS = frozenset(
    "dear distinguished excellencies excellency ladies fellow colleagues friends اعزائي ايها ايتها سيداتي "
    "سيدات".split()
)


#: A list of the people a speech addresses, ending with its audience ("Ambassador Kalmar, former Foreign
#: Minister Jeszenszky, fellow members of the diplomatic corps, ... and esteemed guests.").
ADDRESS_LIST = re.compile(
    r"^[^.!?]*,[^.!?]*,[^.!?]*\b(?:guests|colleagues|friends|gentlemen|excellencies)[.!:]?$"
)


def _salutation(parse) -> bool:
    """True for a sentence that addresses the audience: it opens with a salutation word and ends with "!"
    or a comma, or it lists those addressed (``ADDRESS_LIST``)."""
    text = parse.text.strip()
    return bool(parse.tokens) and (
        (parse.tokens[0].key in SALUTATION_WORDS and text[-1:] in ("!", ",", "،", ":"))
        or bool(ADDRESS_LIST.match(text))
    )


def _only_others_act(atts: list[Attribution], speaker: str, actors) -> bool:
    """True when a speech's sentence has no attribution, or only attributions to actors that are neither the
    speaker nor the speaker's group: what they do, and what they say ("Russia also announced ...,
    further aggravating ..."), is told as the speaker's judgement of it."""
    own = {speaker, actors.group[speaker]}
    return all(own.isdisjoint(a.sources) for a in atts)


def _speaker_attribution(parse, speakers: list[str], rule: str, first: int, reader: _Reader) -> Attribution:
    """The speakers' position over the whole sentence (from ``first``, past a speaker label), the speakers'
    own in the first person plural too ("we will defend our state": the coders name the person who speaks,
    the most specific actor); a target must be named."""
    return Attribution(
        speakers,
        "",
        "speech",
        "speaker",
        reader.cues.confidence["speaker"],
        first,
        first,
        len(parse.tokens),
        rule=rule,
        object_at=first,
        whole=True,
        needs_target=True,
    )


#: Words that open where a speech was given, not what it says ("Remarks by Ambassador X at the UN").
VENUE_WORDS = frozenset({"at", "to", "before", "in", "during"})


def _speech_title_words(parse, speaker: str, reader: _Reader) -> Attribution | None:
    """The speaker's words in the title of their speech or statement: after the name in "Statement from
    President Joe Biden Ahead of ... Russia's Brutal Assault", before the words naming the text in "Putin Is
    Afraid of the Summit – Address by the President"; None for a title that only names the text ("Remarks at
    a UN Security Council Briefing on Ukraine", "Remarks by X at the UN": their words say where, not what)."""
    text, tokens = parse.text, parse.tokens
    named = SPEECH_TITLE.search(text)
    after = [m.last for m in parse.actors if m.label == speaker and named and m.start >= named.start(1)]
    if after and after[0] < len(tokens):
        first, last = after[0], len(tokens)
    else:
        end = named or SPEECH_TITLE_END.search(text.rstrip())
        first, last = 0, next((i for i, t in enumerate(tokens) if end and t.start >= end.start()), 0)
    if first >= last or tokens[first].key in VENUE_WORDS:
        return None
    att = _speaker_attribution(parse, [speaker], "speech title", first, reader)
    return replace(att, scope_first=first, scope_last=last)


def _in_table_order(statements: list[tuple], sentences: list[_Sentence]) -> list[tuple]:
    """Statement rows by sentence, the most confident first (ties as found), one per (sentence, source,
    target)."""
    seen, kept = set(), []
    for row in sorted(statements, key=itemgetter(_CONFIDENCE), reverse=True):  # stable, like kind="stable"
        key = (row[_SEGMENT], row[_SOURCE], row[_TARGET])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    order = {s.segment_id: i for i, s in enumerate(sentences)}
    return sorted(kept, key=lambda row: order[row[_SEGMENT]])


def stance_records(
    sentences: pd.DataFrame,
    gazetteer: Gazetteer | None = None,
    cues: StanceCues | None = None,
    speakers: dict[str, str] | None = None,
    dates: dict[str, str] | None = None,
    urls: dict[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(statements, portrayal, quotes) for every document: per-document results concatenated.

    ``speakers`` maps a doc_id to the actor id whose speech the whole text is, ``dates`` to its date,
    ``urls`` to its url (see ``document_stance``).
    The tables are those of ``pd.concat`` over the ``document_stance`` tables of the documents, doc_ids
    sorted, each table made once: a document without rows still turns every column to object dtype.
    """
    gazetteer = gazetteer or load_gazetteer()
    speakers = {doc: speaker_id(name, gazetteer, doc) for doc, name in (speakers or {}).items() if name}
    dates, urls = dates or {}, urls or {}
    documents = _documents(sentences)
    if not documents:
        return tuple(pd.DataFrame(columns=columns) for columns in _COLUMNS)
    reader = _Reader(gazetteer, cues or load_stance_cues())
    tables, some_empty = ([], [], []), [False, False, False]
    for doc, sents in documents:
        meta = speakers.get(doc, ""), dates.get(doc, ""), urls.get(doc, "")
        for i, rows in enumerate(_document(reader, sents, *meta)):
            tables[i].extend(rows)
            some_empty[i] = some_empty[i] or not rows
    return tuple(
        _table(rows, columns, empty)
        for rows, columns, empty in zip(tables, _COLUMNS, some_empty, strict=True)
    )


def _documents(sentences: pd.DataFrame) -> list[tuple[str, list[_Sentence]]]:
    """(doc_id, its sentences in reading order) per document, as ``groupby("doc_id", sort=True)`` and then
    ``sort_values("position")`` give them (the same sort, so ties in position fall the same way)."""
    rows = _sentence_rows(sentences)
    position = sentences["position"]
    plain = isinstance(position.dtype, np.dtype) and position.dtype.kind in "iu"  # no NaN: a bare argsort
    values = position.to_numpy()
    out = []
    for doc, idx in sentences.groupby("doc_id", sort=True).indices.items():
        if plain:
            order = idx[np.argsort(values[idx], kind="quicksort")]
        else:
            order = idx[sentences.iloc[idx].reset_index(drop=True).sort_values("position").index.to_numpy()]
        out.append((doc, [rows[i] for i in order]))
    return out


def _table(rows: list[tuple], columns: list[str], with_empty: bool) -> pd.DataFrame:
    """The rows as a table; ``with_empty`` concatenated with an empty table, as an empty document's is."""
    table = pd.DataFrame(rows, columns=columns)
    if with_empty:
        table = pd.concat([table, pd.DataFrame(columns=columns)], ignore_index=True)
    return table
