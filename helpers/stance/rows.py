"""The rows one sentence adds to the stance tables: statements (source -> target), portrayal and quotes.

Each row is a tuple in the order of its table's columns. ``_Reader`` holds what one call reads
sentences with: the gazetteer and cues, their tables as dicts (``lookups.ActorTable``), and
``parse_sentence`` and ``score_text`` remembering their last texts.
"""

from __future__ import annotations

import re
from collections import namedtuple
from dataclasses import replace
from functools import lru_cache, partial

from helpers.actors import Gazetteer
from helpers.lexicon import Match, Negation, clause_starts, load_negation, negator_start
from helpers.stance.attribution import (
    AGENT_ISSUES,
    COMPLEMENTISERS,
    MEDIA_WINDOW,
    Attribution,
    SentenceParse,
    _coordinated,
    blanked,
    is_media,
    owns,
    parse_sentence,
    setting_before_complement,
)
from helpers.stance.cues import NO_TARGET, StanceCues
from helpers.stance.lookups import ActorTable
from helpers.stance.scoring import polarity_of, span_scorer
from helpers.text import has_arabic

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
#: The sentence columns a record reads, in a plain tuple per sentence (values as ``itertuples`` gives them).
_Sentence = namedtuple("_Sentence", ["doc_id", "segment_id", "parent", "section", "lang", "text"])

#: Sentence texts whose parse one call remembers (a text met again, as in a repeated paragraph, is
#: parsed once).
PARSE_MEMO = 4096


class _Reader:
    """What one call reads sentences with: the gazetteer and cues, their tables as dicts, and
    ``parse_sentence`` and ``score_text`` remembering their last texts (both depend on the text alone)."""

    def __init__(self, gazetteer: Gazetteer, cues: StanceCues):
        self.cues, self.actors = cues, ActorTable.of(gazetteer)
        issues = cues.issues  # issue id -> (English, Arabic), as cues.issues.loc[id, ["en", "ar"]]
        self.issue_label = dict(
            zip(
                issues.index.tolist(),
                zip(issues["en"].tolist(), issues["ar"].tolist(), strict=True),
                strict=True,
            )
        )
        self.parse = lru_cache(maxsize=PARSE_MEMO)(partial(parse_sentence, gazetteer=gazetteer, cues=cues))
        self.surnames, self.site_titles = gazetteer.surnames, gazetteer.site_titles
        self.site_government = gazetteer.site_government
        self.negation = load_negation()
        self.score = span_scorer(cues)


def _records(sent: _Sentence, parse: SentenceParse, atts: list[Attribution], reader: _Reader) -> list[tuple]:
    """One record per (source, target); the target is found in the cue's clause by ``_target``."""
    if not atts:
        return []
    actors, cues = reader.actors, reader.cues
    later_sources = [{a for other in atts[n + 1 :] for a in other.sources} for n in range(len(atts))]
    usable = parse.usable
    keys = [t.key for t in parse.tokens]
    rows = []
    for n, att in enumerate(atts):
        # a position reported inside another's complement clause ("X said that Y wants ..."): its target is
        # not looked for before that clause (X is not Y's target)
        after_reporter = atts[n - 1].cue_first if n else att.cue_first
        opens = [i for i in range(after_reporter, att.cue_first) if parse.tokens[i].key in COMPLEMENTISERS]
        clause_from = opens[-1] + 1 if opens else 0
        # nor the reporter itself, "that" left out or not ("Peskov said Europe rejects peace": not Peskov)
        reporters = set(atts[n - 1].sources) if n and atts[n - 1].cue_first < att.cue_first else set()
        for source in att.sources:
            excluded = {source} | later_sources[n] | set(att.sources) | reporters
            hit = _target(parse, att, source, usable, excluded, actors, clause_from)
            if hit is None and att.score_last > att.scope_last:
                # a relay whose own clause names nothing ("X said that Y did not reject the plan"): the issue
                # the relayed clause is about (its actors are Y's targets, not X's)
                relayed = replace(
                    att, scope_first=att.scope_last, scope_last=att.score_last, object_at=-1, whole=True
                )
                hit = _target(parse, relayed, source, [], excluded, actors)
                relayed_actors = (
                    [m for m in usable if att.scope_first <= m.first < att.score_last] if hit is None else []
                )
                if relayed_actors and {m.label for m in relayed_actors} <= later_sources[n]:
                    # nor an issue, nor any actor but its subject: the one whose position is relayed, unless
                    # of the source's own side ("Kallas said Russia did not want peace" is about Russia;
                    # Peskov adding that Russia welcomes ... speaks for Russia)
                    hit = next((m for m in relayed_actors if _other_side(actors, source, m.label)), None)
            if hit is None and att.needs_target and not _judges_untargeted(att, parse, reader):
                continue
            if hit is None:
                kind, target, first = "none", NO_TARGET[0], att.cue_first
            else:
                kind, target, first = ("issue" if hit in parse.issues else "actor"), hit.label, hit.first
            # from the cue (and the negator before it: "would not accept"), or the target or scope before it
            negator = _negated_from(parse, keys, att.cue_first, reader.negation)
            lo = min(negator, first)
            lo = min(lo, att.scope_first) if att.whole else lo
            hi = max(att.scope_last, att.score_last, att.cue_first + 1)
            end = parse.tokens[hi].start if hi < len(parse.tokens) else len(parse.text)
            begin = parse.tokens[lo].start if parse.tokens else 0
            span = parse.text[begin:end].strip()
            score, words = reader.score(_resisted(parse, hit, actors, source)[begin:end].strip())
            polarity = polarity_of(score)
            sign = _toward_object(parse, att, hit, cues)
            if att.cue_class == "agent" and hit is not None:  # "criticism from Kyiv" judges what it is of
                sign = cues.toward_object.get(parse.tokens[att.cue_first].key, (0, ""))[0]
            if negator < att.cue_first:  # "has not refused a ceasefire", "never welcomed the plan"
                sign = -sign
            if sign:  # "accused the West of ...": negative toward the West, whatever else the clause holds
                verb = f"{att.cue} toward its object ({sign:+d})"
                polarity, words = sign, f"{verb}; {words}" if words else verb
            targets = [(kind, target, polarity, words)]
            if kind == "issue" and polarity > 0:
                # "calls for more sanctions against Russia": a position toward Russia as well (not toward the
                # source's own side: "Zelenskyy discussed F-16s to Ukraine")
                sign = PARTY_SIGN.get(hit.label, 0)  # the issues without one have no parties
                targets += [
                    ("actor", p.label, sign, f"{parse.text[hit.start : p.end]} ({sign:+d})")
                    for p in _parties_of(parse, hit, usable, excluded)
                    if _other_side(actors, source, p.label)
                ]
            source_en, source_ar = actors.label[source]
            for kind, target, polarity, words in targets:
                t_en, t_ar = actors.label[target] if kind == "actor" else reader.issue_label[target]
                rows.append(
                    (
                        sent.doc_id,
                        sent.segment_id,
                        sent.parent,
                        sent.section,
                        sent.lang,
                        source_en,
                        source_ar,
                        actors.group[source],
                        t_en,
                        t_ar,
                        kind,
                        polarity,
                        score,
                        att.cue,
                        att.method,
                        att.confidence,
                        words,
                        "; ".join(_quote_texts(span)),
                        sent.text,
                        att.rule,
                    )
                )
    return rows


#: A speech's sentence that names no target still states the speaker's position when its score is at least
#: this far from 0 (on VADER's scale; 0.05 is the neutral band's edge): "He failed miserably.", "It was
#: nonsense then, and it is nonsense now." Its target is ``NO_TARGET``.
UNTARGETED_SCORE = 0.5
#: Words of courtesy that score as praise but take no position ("Thanks, Chris, and good afternoon,
#: everyone", "It's great to see everyone", "I thank my dear friend from Ohio").
COURTESY_WORDS = frozenset(
    "thank thanks good great dear friend friends welcome pleased pleasure glad happy".split()
)


def _judges_untargeted(att: Attribution, parse: SentenceParse, reader: _Reader) -> bool:
    """True for a sentence of a speech (``_speaker_attribution``) whose words from the attribution on are
    clearly polar (``UNTARGETED_SCORE``), by more than courtesy words (English VADER; an Arabic sentence's
    score comes from the stance cues)."""
    if att.method != "speaker" or not parse.tokens:
        return False
    score, words = reader.score(parse.text[parse.tokens[att.scope_first].start :])
    scored = {w.split("(")[0] for w in words.split("; ") if w}
    return abs(score) >= UNTARGETED_SCORE and not scored <= COURTESY_WORDS


def _other_side(actors: ActorTable, source: str, actor: str) -> bool:
    """True when ``actor`` is neither the source's group nor one of that group."""
    own = actors.group[source]
    return own not in (actor, actors.group[actor])


#: Issues with a party they fall on or go to, and the sign a position for the issue (+1) gives toward that
#: party: sanctions on or against it (-1), aid to or for it (+1).
PARTY_SIGN = {"sanctions": -1, "aid": 1}
#: Words that may stand before the party of ``PARTY_WORDS`` ("sanctions against members of Russia's
#: security council", "aid to the people of Ukraine"), and a day between the issue and its party word.
PARTY_GAP = 3
DAY_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday".split())
_PARTY_BREAK = re.compile(r"[,،;:()]")
PARTY_WORDS = {
    "sanctions": frozenset("on against targeting".split()) | frozenset("على ضد".split()),
    "aid": frozenset("to for".split()) | frozenset("ل الى".split()),
}


def _parties_of(parse: SentenceParse, issue: Match, usable: list[Match], excluded: set[str]) -> list[Match]:
    """The actors an issue of ``PARTY_SIGN`` falls on or goes to, named after it: "sanctions against Russia",
    "sanctions on Russian oil", "aid to Ukraine", "عقوبات على روسيا", past a day ("new sanctions Wednesday on
    Russia and Belarus": both) and a few words before the actor ("sanctions against members of Russia's
    security council"); else []."""
    words, tokens = PARTY_WORDS.get(issue.label), parse.tokens
    at = issue.last + (issue.last < len(tokens) and tokens[issue.last].key in DAY_WORDS)
    if not words or at >= len(tokens) or tokens[at].key not in words:
        return []
    for i, m in enumerate(usable):
        near = at < m.first <= at + 1 + PARTY_GAP
        if near and not _PARTY_BREAK.search(parse.text, tokens[at].end, m.start):
            return [p for p in _coordinated(parse, i, 1, usable) if p.label not in excluded]
    return []


#: Words before an act of war that make it what a party resists ("fighting against an unprovoked invasion",
#: "in the face of Russia's aggression", "في مواجهة الحرب الروسية"), and how many words before the act the
#: word may stand (up to seven words between: "in the face of Russia’s unprovoked and illegal invasion").
RESISTING = frozenset({"against", "face", "مواجهة", "ضد"})
RESISTING_GAP = 8
#: Verbs of fighting after the target that are its resistance when a resisting word, a "defend" or an act of
#: war follows within ``RESISTING_GAP`` words ("Ukraine has been fighting valiantly against the invaders",
#: "help Ukraine fight to defend itself"): blanked, as the act it resists is.
FIGHTING = frozenset("fight fights fighting fought battle battles battling".split())


def _resisted(parse: SentenceParse, hit: Match | None, actors: ActorTable, source: str) -> str:
    """The text to score, its names and the acts of war that a party resists blanked out: "Ukraine has been
    fighting with grit against an unprovoked invasion" judges Ukraine, not the invasion. Not when the target
    is the war itself or inside that phrase ("in the face of Moscow's aggression" about Moscow).

    Toward an actor, an act of war another actor owns is blanked too ("Ukraine's forces have fought Putin's
    aggression", "refused to be cowed by Russian attacks": toward Ukraine), unless its owner is of the
    target's side ("Moscow's allies' strikes") or the source's (what the source's own side does)."""
    text = parse.names_blanked
    if hit is not None and hit.label in AGENT_ISSUES:
        return text
    target = hit.label if hit is not None and hit in parse.actors else None
    for m in parse.issues:
        if m.label not in AGENT_ISSUES:
            continue
        before = range(max(0, m.first - RESISTING_GAP), m.first)
        at = next((i for i in reversed(before) if parse.tokens[i].key in RESISTING), None)
        if at is None and target is not None:
            at = next(
                (
                    min(a.first, m.first)  # the owner after the act in Arabic ("الهجوم الروسي")
                    for a in parse.actors
                    if owns(a, m, parse.text)
                    and _other_side(actors, target, a.label)
                    and _other_side(actors, source, a.label)
                ),
                None,
            )
        if at is None or (hit is not None and at <= hit.first < m.last):
            continue
        text = blanked(text, parse.tokens[at].start, _noun_phrase_end(parse, m))
    if target is None:
        return text
    fights = [i for i, t in enumerate(parse.tokens[hit.last :], hit.last) if t.key in FIGHTING]
    wars = (
        {i for m in parse.issues if m.label in AGENT_ISSUES for i in range(m.first, m.last)}
        if fights
        else set()
    )
    for i in fights:
        after = range(i + 1, i + 1 + RESISTING_GAP)
        resisting = any(
            a.key in RESISTING or a.key.startswith("defend") for a in parse.tokens[i + 1 : after.stop]
        )
        if resisting or not wars.isdisjoint(after):
            text = blanked(text, parse.tokens[i].start, parse.tokens[i].end)
    return text


def _noun_phrase_end(parse: SentenceParse, m: Match) -> int:
    """Where an issue's noun phrase ends: in Arabic past the definite adjectives that follow the noun ("الحرب
    الروسية الوحشية"), in English at the noun."""
    tokens, j = parse.tokens, m.last
    while (
        j < min(len(tokens), m.last + RESISTING_GAP)
        and tokens[j].exact.startswith("ال")
        and not parse.text[tokens[j - 1].end : tokens[j].start].strip()
    ):
        j += 1
    return tokens[j - 1].end


def _negated_from(parse: SentenceParse, keys: list[str], cue_first: int, negation: Negation) -> int:
    """Where the negator that negates the cue starts ("would not accept", "لن تقبل": the rule of
    ``lexicon.negator_before``, in the cue's clause), else ``cue_first``; the negator is scored with the
    verb."""
    if negator_start(keys, cue_first, negation) < 0:  # the clause is found only for the rare negator
        return cue_first
    spans = [(t.start, t.end) for t in parse.tokens[: cue_first + 1]]
    at = negator_start(keys, cue_first, negation, clause_starts(parse.text, spans)[cue_first])
    return at if at >= 0 else cue_first


#: Words allowed between a verb (or an Arabic verb's subject) and its direct object: "the", a day
#: ("اتهم لافروف الأحد الدول الغربية"), "also", and the adjectives of a noun phrase ("imposed new severe and
#: immediate economic sanctions": harsh words about the sanctions its imposer favours). Five from the English
#: tune part (stop 33: sign precision 0.776 -> 0.784, no statement lost; two was the earlier limit).
OBJECT_GAP = 5


def _toward_object(parse: SentenceParse, att: Attribution, hit: Match | None, cues: StanceCues) -> int:
    """The sign a verb of ``toward_object`` (stance_cues.yaml) gives its direct object when the target
    is that object ("welcomed the plan"), or the object of its preposition ("called for a ceasefire",
    "دعا إلى الحوار"); else 0. Nothing when a reversing word stands between ("rejected ending the war")."""
    if att.object_at < 0 or att.cue_first >= len(parse.tokens):
        return 0
    if hit is None:
        # an object no target names ("Washington welcomed the prisoner exchange"): the verb's sign
        sign, preposition = cues.toward_object.get(parse.tokens[att.cue_first].key, (0, ""))
        after = parse.tokens[att.object_at : att.object_at + 1]
        return sign if after and not preposition and after[0].key not in COMPLEMENTISERS else 0
    verb, start = att.cue_first, att.object_at
    noun = att.takes_up  # "Rubio reiterated Trump's call for talks": the verb takes up the owner's position
    if 0 <= noun < hit.first and parse.tokens[noun].key in cues.toward_object:
        verb, start = noun, noun + 1
    sign, preposition = cues.toward_object.get(parse.tokens[verb].key, (0, ""))
    if not sign:
        # a verb of this kind right after the cue ("considering imposing sanctions", "plans to reject")
        chained = start + 1 if start < len(parse.tokens) and parse.tokens[start].key == "to" else start
        if chained < hit.first and parse.tokens[chained].key in cues.toward_object:
            verb, start = chained, chained + 1
            sign, preposition = cues.toward_object[parse.tokens[verb].key]
    between = parse.tokens[start : hit.first]
    if preposition and not (start and parse.tokens[start - 1].key == preposition):  # the cue ends with it
        # the object of "for" / "إلى" ("stands with" holds its own), which is not the verb's gap
        if not between or between[0].key != preposition:
            return 0
        between = between[1:]
    if not sign or len(between) > OBJECT_GAP:
        return 0
    if any(t.key in COMPLEMENTISERS or t.key in cues.reversing for t in between):
        return 0
    return sign


#: Words between a possessive and the name it describes ("Zelenskyy's chief of staff Andriy Yermak").
DESCRIPTION_GAP = 5
_DESCRIPTION_BREAK = re.compile(r"[,،:;«»“”\"()]")


def _names_medium(parse: SentenceParse, m: Match) -> bool:
    """True for the nationality of a news medium: "Russia's state news agency", "وكالة الأنباء الروسية" name a
    channel, which is no target."""
    if m.form not in ("adjective", "possessive") or not parse.media_at:
        return False
    if m.form == "adjective" and has_arabic(m.alias):
        return is_media(parse, max(0, m.first - 2), m.first)
    return is_media(parse, m.last, m.last + MEDIA_WINDOW)


def _describes(parse: SentenceParse, m: Match, source: str, usable: list[Match]) -> bool:
    """True when ``m`` is a possessive in the source's own description ("Zelenskyy's chief of staff Andriy
    Yermak said ...": Zelenskyy is not what Yermak speaks about), also set off by commas around the name
    ("The EU's foreign policy chief, Kaja Kallas, said ...")."""

    def apposition(s: Match) -> bool:
        between = parse.text[m.end : s.start].rstrip()
        return (
            between.endswith(",")
            and not _DESCRIPTION_BREAK.search(between[:-1])
            and parse.text[s.end : s.end + 1] == ","
        )

    return m.form == "possessive" and any(
        s.label == source
        and 0 <= s.first - m.last <= DESCRIPTION_GAP
        and (not _DESCRIPTION_BREAK.search(parse.text[m.end : s.start]) or apposition(s))
        for s in usable
    )


#: English verbs followed by a clause, not an object: the actor after them is that clause's subject ("Putin
#: said Russia is open to negotiations" is about the negotiations, not Russia).
CLAUSE_VERBS = frozenset(
    """said says say stated states added adds noted notes stressed stresses insisted insists argued argues
    claimed claims explained explains believes believed believe thinks thought think hopes hoped hope
    expects expected expect suggested suggests declared declares asserted asserts reiterated reiterates
    emphasized emphasised emphasizes emphasises indicated indicates wrote writes replied responded remarked
    fears feared fear predicted conceded admitted admits maintained maintains recalled revealed concluded
    stating saying adding noting stressing insisting arguing claiming explaining""".split()
)


#: The rule of a subject set off from its verb by an aside ("Lavrov, speaking in Moscow, rejected ...").
ASIDE_RULE = "subject, aside, verb"


def _target(
    parse: SentenceParse,
    att: Attribution,
    source: str,
    usable: list[Match],
    excluded: set[str],
    actors: ActorTable,
    before_from: int = 0,
) -> Match | None:
    """What the position is about, from the clause the cue governs.

    In order: the passive's subject ("X, perceived by Y"); an actor right after the cue (or after an
    Arabic verb's subject) as its object ("accused Ukraine", "اتهم بوتين أوروبا"); the first issue
    or actor in the clause, reading order, where an actor of the source's own group comes last
    ("Putin insisted that Russia would take Donbas" is about territory, not Russia). A clause that
    names none (a quote before "..., X said") is looked for before the cue instead, from token
    ``before_from`` on.
    """
    candidates = [
        m
        for m in usable
        if m.label not in excluded
        and not _describes(parse, m, source, usable)
        and not _names_medium(parse, m)
    ]
    if att.target_before:
        before = [m for m in candidates + parse.issues if m.last <= att.cue_first]
        return max(before, key=lambda m: m.first) if before else None
    group_of = actors.group
    own = group_of[source]
    said = setting_before_complement(parse, att)
    spans = [(att.scope_first, att.scope_last)]
    if said >= 0:
        # what was said before where it was said ("said at a meeting with Fidan that Ukraine needs ..."); of
        # a relay, only what was said ("... that Russia wanted a ceasefire": the relayed clause's issue)
        spans = [(said + 1, att.scope_last)] + ([] if att.relays else [(att.scope_first, said)])
    if not att.whole:
        # before the cue; past its own subject when another cue comes before that ("زيلينسكي يتهم موسكو ...
        # وروبيو يتحدث عن": not Moscow), not in "..., Austin said"
        subject = [m for m in parse.actors if m.label in att.sources and m.last <= att.cue_first]
        if subject and any(c.first < subject[-1].first for c in parse.cues):
            before_from = max(before_from, subject[-1].last)
        if att.rule == ASIDE_RULE:  # "Witkoff, who met Putin in Moscow, told ...": the aside is no position
            before_from = att.cue_first
        spans.append((before_from, att.cue_first))
    addressed = _addressees(parse, att, candidates)
    for lo, hi in spans:
        # nor, of a relay, the one told: what is relayed comes first ("informed Modi that Russia declared a
        # ceasefire" is about the ceasefire; ``_records`` looks for it)
        acts = [m for m in candidates if lo <= m.first < hi and not (att.relays and m in addressed)]
        # an act of war with its agent named ("الهجوم الروسي"): the agent is the target
        issues = [
            m
            for m in parse.issues
            if lo <= m.first < hi
            and not (m.label in AGENT_ISSUES and any(owns(a, m, parse.text) for a in acts))
        ]
        if att.object_at >= 0 and att.cue.casefold() not in CLAUSE_VERBS and not addressed:
            skip = 1 if att.object_at < len(parse.tokens) and parse.tokens[att.object_at].key == "the" else 0
            # not the source's own side as the owner of the object ("underscored the United States’ support")
            direct = [
                m
                for m in acts
                if m.first == att.object_at + skip
                and m.form != "adjective"
                and not (m.form == "possessive" and group_of[m.label] == own)
            ]
            if direct:
                # "criticised EU sanctions": the name modifies the issue after it, which is the object (not
                # an act of war, whose agent is the target: "condemned Russian strikes")
                head = [i for i in issues if i.first == direct[0].last and i.label not in AGENT_ISSUES]
                return head[0] if head else direct[0]
        # the one told is what the position is about only when nothing else is ("told Lavrov that ...")
        ranked = sorted(
            [*issues, *acts],
            key=lambda m: (any(m is a for a in addressed), m in acts and group_of[m.label] == own, m.first),
        )
        if ranked:
            return ranked[0]
    return None


#: English verbs whose first object is the one spoken to: "told his Russian counterpart, Sergey Lavrov, that
#: ..." is about what follows, not about Lavrov.
ADDRESSEE_VERBS = frozenset("told tells tell telling assured assures informed informs briefed".split())
#: Words after a verb of telling within which its "that" is looked for.
ADDRESSEE_SPAN = 8


def _addressees(parse: SentenceParse, att: Attribution, candidates: list[Match]) -> list[Match]:
    """The actors a verb of ``ADDRESSEE_VERBS`` speaks to: those after it before its "that" (within a few
    words), else the one right after it ("the" or a possessive between)."""
    k = att.object_at
    if k < 0 or att.cue.casefold() not in ADDRESSEE_VERBS:
        return []
    keys = [t.key for t in parse.tokens[k : k + ADDRESSEE_SPAN]]
    end = k + next((i for i, key in enumerate(keys) if key in COMPLEMENTISERS), 2)
    return [m for m in candidates if k <= m.first < end]


def _quote_text(match: re.Match) -> str:
    """The words inside the quote marks of a ``QUOTE_PATTERN`` match."""
    return next(g for g in match.groups() if g is not None)


def _quote_texts(text: str) -> list[str]:
    return [_quote_text(m) for m in QUOTE_PATTERN.finditer(text)]


def _quotes(
    sent: _Sentence, parse: SentenceParse, atts: list[Attribution], actors: ActorTable
) -> list[tuple]:
    """Direct quotes with their speaker: the source of the speech cue whose clause holds the quote."""
    rows = []
    for m in QUOTE_PATTERN.finditer(sent.text):
        first = next((i for i, t in enumerate(parse.tokens) if t.start >= m.start()), len(parse.tokens))
        owner = [
            a for a in atts if a.cue_class in ("speech", "participle") and a.cue_first < first < a.scope_last
        ]
        att = owner[-1] if owner else None
        rows.append(
            (
                sent.doc_id,
                sent.segment_id,
                _quote_text(m),
                " & ".join(actors.label[a][0] for a in att.sources) if att else "",
                att.cue if att else "",
                att.confidence if att else 0.0,
            )
        )
    return rows


def _portrayal(sent: _Sentence, parse: SentenceParse, speakers: set[str], reader: _Reader) -> list[tuple]:
    """Tone of the sentence for every actor it mentions that is not a source in it."""
    portrayed = [a for a in dict.fromkeys(m.label for m in parse.actors) if a not in speakers]
    if not portrayed:
        return []
    score, words = reader.score(parse.names_blanked)
    polarity = polarity_of(score)
    return [
        (
            sent.doc_id,
            sent.segment_id,
            sent.parent,
            sent.section,
            sent.lang,
            a,
            *reader.actors.label[a],
            polarity,
            score,
            words,
            sent.text,
        )
        for a in portrayed
    ]
