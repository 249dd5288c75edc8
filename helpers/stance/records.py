"""Stance records per document: statements (source -> target), portrayal and quotes.

A *stance statement* is an actor's own position: the actor is the source of the sentence and
the record names the target, the cue and the words that scored it. *Portrayal* is the tone of
sentences that mention an actor without it speaking. An actor that is only mentioned gets no
stance: no evidence, no stance.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.actors import Gazetteer, load_gazetteer
from helpers.corpus import kind_of_id
from helpers.lexicon import Match
from helpers.stance.attribution import (
    COMPLEMENTISERS,
    FIRST_PERSON,
    FIRST_SINGULAR,
    Attribution,
    SentenceParse,
    _absorbed,
    parse_sentence,
    sentence_attributions,
    speaking_for,
)
from helpers.stance.cues import NO_TARGET, StanceCues, load_stance_cues
from helpers.stance.scoring import polarity_of, score_text
from helpers.stance.speakers import _continues_speech, _quote_open_after, _speaker_named, speaker_id

QUOTE_PATTERN = re.compile(r"“([^”]+)”|«([^»]+)»|\"([^\"]+)\"")
STATEMENT_COLUMNS = [
    "doc_id",
    "segment_id",
    "parent",
    "section",
    "lang",
    "source",
    "source_ar",
    "source_group",
    "target",
    "target_ar",
    "target_kind",
    "polarity",
    "score",
    "cue",
    "method",
    "confidence",
    "polarity_cues",
    "quote",
    "evidence",
    "rule",
]
PORTRAYAL_COLUMNS = [
    "doc_id",
    "segment_id",
    "parent",
    "section",
    "lang",
    "actor",
    "actor_en",
    "actor_ar",
    "polarity",
    "score",
    "polarity_cues",
    "evidence",
]
QUOTE_COLUMNS = ["doc_id", "segment_id", "quote", "speaker", "cue", "confidence"]


# --------------------------------------------------------------------------
# Stance records per document
# --------------------------------------------------------------------------
def document_stance(
    sentences: pd.DataFrame,
    gazetteer: Gazetteer | None = None,
    cues: StanceCues | None = None,
    speaker: str = "",
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(statements, portrayal, quotes) for the sentences of ONE document, in reading order.

    ``speaker`` (an actor id) declares the text a speech, address or statement by that actor:
    its sentences that no other rule attributes are the speaker's positions. Without it the
    speaker is read from the text: a title "Remarks by X ...", a byline line "Ambassador X"
    among the first units, and transcript labels "President of Russia Vladimir Putin: ..."
    (each label holds until the next).
    """
    gaz, cues = gazetteer or load_gazetteer(), cues or load_stance_cues()
    statements, portrayal, quotes = [], [], []
    context: dict = {}
    parent, units, speaker_rule = None, 0, "document speaker"
    for sent in sentences.sort_values("position").itertuples(index=False):
        opens_unit = sent.parent != parent
        if opens_unit:
            previous = context.get("sources") or context.get("previous", [])
            parent, units = sent.parent, units + 1
            context = {"sources": [], "named": [], "open_quote": False, "previous": previous}
        parse = parse_sentence(sent.text, gaz, cues)
        kind = kind_of_id(sent.parent)
        heading = kind in ("title", "heading")
        found, label_end = _speaker_named(parse, gaz, kind, units, opens_unit)
        if found and label_end is None:
            speaker = found  # a title or a byline: names the speaker, takes no position itself
            context["named"] += [m.label for m in parse.actors]
            continue
        if found:
            speaker, speaker_rule = found, "speaker label"
        context["speaker"] = speaker
        atts = sentence_attributions(parse, context, gaz, cues, heading)
        in_speech = speaker and not heading and not context["open_quote"]  # the speaker's own first person
        if (
            not atts
            and context["sources"]
            and not in_speech
            and _continues_speech(parse, context["open_quote"])
        ):
            atts = [
                Attribution(
                    list(context["sources"]),
                    "",
                    "speech",
                    "carried",
                    cues.confidence["carried"],
                    0,
                    0,
                    len(parse.tokens),
                    rule="quote continuation",
                    whole=True,
                )
            ]
        if not atts and in_speech:
            first = label_end or 0
            person = [t.key for t in parse.tokens if t.key in FIRST_PERSON]
            voice = FIRST_SINGULAR.isdisjoint(person) and person[0] if person else ""
            atts = [
                Attribution(
                    speaking_for(speaker, voice, gaz),
                    "",
                    "speech",
                    "speaker",
                    cues.confidence["speaker"],
                    first,
                    first,
                    len(parse.tokens),
                    rule=speaker_rule,
                    object_at=first,
                    whole=True,
                    needs_target=True,
                )
            ]
        context["open_quote"] = _quote_open_after(sent.text, context["open_quote"])
        speakers = {a for att in atts for a in att.sources}
        statements += _records(sent, parse, atts, gaz, cues)
        quotes += _quotes(sent, parse, atts, gaz)
        portrayal += _portrayal(sent, parse, speakers, gaz, cues)
        if atts:
            context["sources"] = atts[-1].sources
        context["named"] += [m.label for m in parse.actors]
    st = pd.DataFrame(statements, columns=STATEMENT_COLUMNS)
    st = st.sort_values(["confidence"], ascending=False, kind="stable").drop_duplicates(
        ["segment_id", "source", "target"]
    )
    order = {sid: i for i, sid in enumerate(sentences.sort_values("position")["segment_id"])}
    st = st.sort_values(["segment_id"], key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return st, pd.DataFrame(portrayal, columns=PORTRAYAL_COLUMNS), pd.DataFrame(quotes, columns=QUOTE_COLUMNS)


def _records(
    sent, parse: SentenceParse, atts: list[Attribution], gaz: Gazetteer, cues: StanceCues
) -> list[dict]:
    """One record per (source, target); the target is found in the cue's clause by ``_target``."""
    later_sources = [{a for other in atts[n + 1 :] for a in other.sources} for n in range(len(atts))]
    usable = [m for m in parse.actors if not _absorbed(m, parse.issues)]
    rows = []
    for n, att in enumerate(atts):
        for source in att.sources:
            excluded = {source} | later_sources[n] | set(att.sources)
            hit = _target(parse, att, source, usable, excluded, gaz)
            if hit is None and att.needs_target:
                continue
            if hit is None:
                kind, target, first = "none", NO_TARGET[0], att.cue_first
            else:
                kind, target, first = ("issue" if hit in parse.issues else "actor"), hit.label, hit.first
            lo = min(att.cue_first, first, att.scope_first if att.whole else att.cue_first)
            hi = max(att.scope_last, att.cue_first + 1)
            end = parse.tokens[hi].start if hi < len(parse.tokens) else len(parse.text)
            span = parse.text[parse.tokens[lo].start : end].strip() if parse.tokens else parse.text
            score, words = score_text(span, cues)
            polarity = polarity_of(score)
            sign = _toward_object(parse, att, hit, cues)
            if sign:  # "accused the West of ...": negative toward the West, whatever else the clause holds
                verb = f"{att.cue} toward its object ({sign:+d})"
                polarity, words = sign, f"{verb}; {words}" if words else verb
            t_en, t_ar = (
                gaz.label(target) if kind == "actor" else tuple(cues.issues.loc[target, ["en", "ar"]])
            )
            rows.append(
                {
                    "doc_id": sent.doc_id,
                    "segment_id": sent.segment_id,
                    "parent": sent.parent,
                    "section": sent.section,
                    "lang": sent.lang,
                    "source": gaz.label(source)[0],
                    "source_ar": gaz.label(source)[1],
                    "source_group": gaz.actors.loc[source, "group"],
                    "target": t_en,
                    "target_ar": t_ar,
                    "target_kind": kind,
                    "polarity": polarity,
                    "score": score,
                    "cue": att.cue,
                    "method": att.method,
                    "confidence": att.confidence,
                    "polarity_cues": words,
                    "quote": "; ".join(_quote_texts(span)),
                    "evidence": sent.text,
                    "rule": att.rule,
                }
            )
    return rows


#: Words allowed between a verb (or an Arabic verb's subject) and its direct object: "the", a day
#: ("اتهم لافروف الأحد الدول الغربية"), "also".
OBJECT_GAP = 2


def _toward_object(parse: SentenceParse, att: Attribution, hit: Match | None, cues: StanceCues) -> int:
    """The sign a verb of ``toward_object`` (stance_cues.yaml) gives its direct object when the target
    is that object; else 0."""
    if hit is None or att.object_at < 0 or att.cue_first >= len(parse.tokens):
        return 0
    between = parse.tokens[att.object_at : hit.first]
    if not 0 <= len(between) <= OBJECT_GAP or any(t.key in COMPLEMENTISERS for t in between):
        return 0
    return cues.toward_object.get(parse.tokens[att.cue_first].key, 0)


def _target(
    parse: SentenceParse,
    att: Attribution,
    source: str,
    usable: list[Match],
    excluded: set[str],
    gaz: Gazetteer,
) -> Match | None:
    """What the position is about, from the clause the cue governs.

    In order: the passive's subject ("X, perceived by Y"); an actor right after the cue (or after an
    Arabic verb's subject) as its object ("accused Ukraine", "اتهم بوتين أوروبا"); the first issue
    or actor in the clause, reading order, where an actor of the source's own group comes last
    ("Putin insisted that Russia would take Donbas" is about territory, not Russia). A clause that
    names none (a quote before "..., X said") is looked for before the cue instead.
    """
    actors = [m for m in usable if m.label not in excluded]
    if att.target_before:
        before = [m for m in actors + parse.issues if m.last <= att.cue_first]
        return max(before, key=lambda m: m.first) if before else None
    group_of = gaz.actors["group"]
    own = group_of[source]
    spans = [(att.scope_first, att.scope_last)]
    if not att.whole:
        spans.append((0, att.cue_first))
    for lo, hi in spans:
        acts = [m for m in actors if lo <= m.first < hi]
        issues = [m for m in parse.issues if lo <= m.first < hi]
        if att.object_at >= 0:
            skip = 1 if att.object_at < len(parse.tokens) and parse.tokens[att.object_at].key == "the" else 0
            direct = [m for m in acts if m.first == att.object_at + skip and m.form != "adjective"]
            if direct:
                return direct[0]
        ranked = sorted([*issues, *acts], key=lambda m: (m in acts and group_of[m.label] == own, m.first))
        if ranked:
            return ranked[0]
    return None


def _quote_texts(text: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None) for m in QUOTE_PATTERN.finditer(text)]


def _quotes(sent, parse: SentenceParse, atts: list[Attribution], gaz: Gazetteer) -> list[dict]:
    """Direct quotes with their speaker: the source of the speech cue whose clause holds the quote."""
    rows = []
    for m in QUOTE_PATTERN.finditer(sent.text):
        first = next((i for i, t in enumerate(parse.tokens) if t.start >= m.start()), len(parse.tokens))
        owner = [
            a for a in atts if a.cue_class in ("speech", "participle") and a.cue_first < first < a.scope_last
        ]
        att = owner[-1] if owner else None
        rows.append(
            {
                "doc_id": sent.doc_id,
                "segment_id": sent.segment_id,
                "quote": next(g for g in m.groups() if g is not None),
                "speaker": " & ".join(gaz.label(a)[0] for a in att.sources) if att else "",
                "cue": att.cue if att else "",
                "confidence": att.confidence if att else 0.0,
            }
        )
    return rows


def _portrayal(
    sent, parse: SentenceParse, speakers: set[str], gaz: Gazetteer, cues: StanceCues
) -> list[dict]:
    """Tone of the sentence for every actor it mentions that is not a source in it."""
    portrayed = [a for a in dict.fromkeys(m.label for m in parse.actors) if a not in speakers]
    if not portrayed:
        return []
    score, words = score_text(sent.text, cues)
    return [
        {
            "doc_id": sent.doc_id,
            "segment_id": sent.segment_id,
            "parent": sent.parent,
            "section": sent.section,
            "lang": sent.lang,
            "actor": a,
            "actor_en": gaz.label(a)[0],
            "actor_ar": gaz.label(a)[1],
            "polarity": polarity_of(score),
            "score": score,
            "polarity_cues": words,
            "evidence": sent.text,
        }
        for a in portrayed
    ]


def stance_records(
    sentences: pd.DataFrame,
    gazetteer: Gazetteer | None = None,
    cues: StanceCues | None = None,
    speakers: dict[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(statements, portrayal, quotes) for every document: per-document results concatenated.

    ``speakers`` maps a doc_id to the actor id whose speech the whole text is (see ``document_stance``).
    """
    gazetteer = gazetteer or load_gazetteer()
    speakers = {doc: speaker_id(name, gazetteer, doc) for doc, name in (speakers or {}).items() if name}
    parts = [
        document_stance(group, gazetteer, cues, speakers.get(doc, ""))
        for doc, group in sentences.groupby("doc_id", sort=True)
    ]
    if not parts:
        return (
            pd.DataFrame(columns=STATEMENT_COLUMNS),
            pd.DataFrame(columns=PORTRAYAL_COLUMNS),
            pd.DataFrame(columns=QUOTE_COLUMNS),
        )
    return tuple(pd.concat([p[i] for p in parts], ignore_index=True) for i in range(3))
