"""Attribution: who takes a position in a sentence, at which cue, over which clause.

A sentence is parsed once (``parse_sentence``: tokens, actor and issue mentions, cues, all on
the same token indices); ``sentence_attributions`` then finds the source of every cue: the
subject of a reporting verb, the by-agent of "perceived by", the owner of "demands", a pronoun
carried from the paragraph, the name before a headline colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from helpers.actors import Gazetteer, find_mentions
from helpers.lexicon import Match, Token
from helpers.stance.cues import StanceCues
from helpers.stance.lookups import ActorTable
from helpers.text import has_arabic, normalize, token_spans

#: Tokens after an Arabic verb within which its subject is looked for (past a title: "قال وزير الخارجية الروسي
#: سيرغي لافروف").
ARABIC_SUBJECT_WINDOW = 8
#: Where the owner of an Arabic noun of a position starts: right after it, or past one word of a title
#: ("دعوة نظيره الروسي فلاديمير بوتين").
ARABIC_OWNER_WINDOW = 2
#: Words of a title allowed between "إن" / "أن" and the named subject of the verb after it ("إن الرئيس الروسي
#: فلاديمير بوتين وافق").
TITLE_WORDS = 3
#: At most this many words of a person's title before the name: "مسؤولة السياسة الخارجية في الاتحاد
#: الأوروبي" (``_after_preposition``).
TITLE_BEFORE_NAME = 6
#: An English verb after "and" shares the sentence's subject when the sentence's first actor starts
#: within this many tokens ("U.S. President Joe Biden ... and imposed").
CLAUSE_SUBJECT_AT = 4
#: Tokens after "according to" / "وفق" / "عن" within which the source is looked for.
SOURCE_AFTER_WINDOW = 6
#: Words that open a complement clause, a speech or a prepositional object: a verb's subject is not looked for
#: past them.
COMPLEMENTISERS = frozenset(
    {"ان", "بان", "لان", "انه", "انها", "بانه", "بانها", "على", "عن", "الى", "that", "if", "whether"}
)
#: Arabic particles between a subject and its verb: negation, future, "قد" ("إن روسيا لن تقبل").
VERB_PARTICLES = frozenset({"لم", "لن", "لا", "قد", "لقد", "سوف", "ما"})
#: First-person words: a sentence that speaks in the first person continues the paragraph's last speaker
#: ("us" is left out: "US" casefolds to it).
FIRST_SINGULAR = frozenset({"i", "my", "me", "انا", "اعتقد", "انني"})
FIRST_PLURAL = frozenset({"we", "our", "ours", "نحن", "نعتقد", "اننا", "لدينا"})
FIRST_PERSON = FIRST_SINGULAR | FIRST_PLURAL
#: Nouns of news media: "according to Russian media", "وفقا لوكالة الأنباء الروسية" name a channel, not who
#: holds the position; the nationality adjective beside them is no source (the verb's subject is looked for).
MEDIA_NOUNS = frozenset(
    "media newspaper agency outlet outlets broadcaster television tv radio channel magazine wire daily "
    "وكالة انباء صحيفة جريدة مجلة قناة اذاعة تلفزيون تلفزيوني اعلام اعلامية شبكة".split()
)
#: Tokens after the source of "according to" within which a media noun makes it a channel
#: ("Russia's state news agency": the possessive's s is a token).
MEDIA_WINDOW = 4
_CLAUSE_BREAK = re.compile(r"[:;«“\"(]")
_QUOTE_CLOSE = re.compile(r"[»”\"]")
_QUOTE_MARK = re.compile('[“«”»"]')
#: English nouns of a described speaker: "the spokesman said" carries the paragraph's last source.
_DESCRIPTION_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson minister president official officials envoy leader aide adviser "
    "advisor secretary diplomat ministry office statement ambassador investigators prosecutors monitors "
    "inspectors negotiators diplomats authorities".split()
)
#: Nouns that describe an actor by its kind, not by a title: "the company said" is the one institution named
#: nearby (DJI), "the government said" the one state. (Not "the embassy": named after where it is.)
KIND_NOUNS = {
    "company": "institution",
    "firm": "institution",
    "agency": "institution",
    "organization": "institution",
    "organisation": "institution",
    "government": "state",
}


@dataclass
class Attribution:
    """One source (or several, coordinated) taking a position at a cue, with the clause it governs."""

    sources: list[str]
    cue: str
    cue_class: str
    method: str
    confidence: float
    cue_first: int  # token index of the cue
    scope_first: int  # first token of the clause the cue governs
    scope_last: int  # one past its last token
    target_before: bool = False  # passive "X, perceived by Y": the target precedes the cue
    rule: str = ""  # which attribution pattern fired (the `rule` column of the statements)
    object_at: int = (
        -1
    )  # where a direct object of the cue would start ("accused Ukraine", "اتهم بوتين أوروبا")
    whole: bool = False  # "according to X": the position is the rest of the sentence, before or after
    needs_target: bool = (
        False  # no record unless the clause names a target (a relay, a speech's plain sentence)
    )
    relays: bool = False  # its clause holds another's position ("X said that Y wants ...")
    score_last: int = -1  # one past the last token scored for polarity (-1: scope_last); a relay's reaches
    # over the clause it relays
    takes_up: int = -1  # the noun of another's position that is the verb's object ("reiterated Trump's call")


@dataclass
class SentenceParse:
    """The words, actor mentions, issue mentions and cues of one sentence; ``usable``: the actor mentions
    that can be a source or a target (not absorbed by an issue, see ``_absorbed``)."""

    text: str
    tokens: list[Token]
    actors: list[Match]
    issues: list[Match]
    cues: list[Match]
    usable: list[Match]

    @cached_property
    def names_blanked(self) -> str:
        """The text with its actor mentions blanked out (same length), for scoring: a name is no judgement,
        though VADER's lexicon holds some of its words ("United States", "Great Britain")."""
        text = self.text
        for m in self.actors:
            text = blanked(text, m.start, m.end)
        return text

    @cached_property
    def media_at(self) -> tuple[int, ...]:
        """The token indices of news media nouns ("agency", "صحيفة"; ``MEDIA_NOUNS``). The keys have their
        clitics off ("بصحيفة", "لقناة"), except ل before و, which the clitic rule keeps ("لوكالة")."""
        return tuple(
            i
            for i, t in enumerate(self.tokens)
            if t.key in MEDIA_NOUNS or (t.key.startswith("لو") and t.key[1:] in MEDIA_NOUNS)
        )

    @cached_property
    def plural_subject(self) -> list[str]:
        """The actors that open the sentence as its coordinated subject, when there are several ("Secretary
        Blinken and Foreign Minister Kuleba discussed ..."), else []."""
        if not self.usable or self.usable[0].first > CLAUSE_SUBJECT_AT:
            return []
        run = _coordinated(self, 0, 1, self.usable)
        return [m.label for m in run] if len(run) > 1 else []


_BLANK = re.compile(r"\S")


def blanked(text: str, start: int, end: int) -> str:
    """``text`` with the characters from ``start`` to ``end`` but spaces made "_" (same length)."""
    return text[:start] + _BLANK.sub("_", text[start:end]) + text[end:]


#: English words after which an issue word is a verb: "they plan to ...", "we deal with", "will draft". (Not
#: "to": as often a preposition, "open to diplomacy".)
VERB_BEFORE = frozenset("i we you they will would can could shall should must may might".split())


def parse_sentence(
    text: str,
    gazetteer: Gazetteer,
    cues: StanceCues,
    date: str = "",
    named: frozenset[str] = frozenset(),
    titles: tuple = (),
) -> SentenceParse:
    """Find the actors, issues and attribution cues of one sentence (same token indices for all); ``date``:
    the text's, for the holder of an office named by its title; ``named``: the people with a surname whom
    the document has named before; ``titles``: those by which its government site names its officials
    (``actors.find_mentions``).

    The text is split into words once; each matcher keys those words with its own ``known`` set
    (``PhraseMatcher.keyed``), as it would key the text itself.
    """
    spans = token_spans(text)
    words = gazetteer.matcher.keyed(text, spans)
    tokens = words.tokens()
    actors = find_mentions(text, gazetteer, tokens, words, date=date, named=named, titles=titles)
    inside = {i for m in actors for i in range(m.first, m.last)}  # "States" in "United States" is no cue
    issues = [
        m
        for m in cues.issue_matcher.find(text, keyed=cues.issue_matcher.keyed(text, spans))
        if not (m.last == m.first + 1 and m.first and words.forms[m.first - 1][1] in VERB_BEFORE)
    ]
    found = cues.cue_matcher.find(text, keyed=cues.cue_matcher.keyed(text, spans))
    usable = [m for m in actors if not _absorbed(m, issues, text)]
    cues_outside = [c for c in found if c.first not in inside]
    return SentenceParse(text, tokens, actors, issues, cues_outside, usable)


#: What joins two coordinated actors: "Kyiv and Washington", "Kyiv and its European allies", "موسكو وبكين".
COORDINATORS = frozenset({"and", ", and", "&", "و", "and its", ", and its", "and their"})


#: "and" followed by a capitalised English title of the next actor ("Secretary Blinken and Foreign Minister
#: Kuleba"): the title is dropped, the two are coordinated.
_TITLE_AFTER_AND = re.compile(r"^(,? ?and)(?: [A-Z][a-z]+\.?)+$")
#: A bracket after a name: "(R-Idaho)".
BRACKETS = re.compile(r"\([^()]*\)")
#: "the" before the next actor's name, which its mention does not hold ("Russia and the United States").
_THE_AFTER = re.compile(r"\bthe$")


#: "and its / their allies (partners)" before the actor that names them, in Arabic ("كييف وحلفاؤها
#: الغربيون"): coordinated with the actor before, as "Kyiv and its Western allies" are.
_ALLIES_AR = re.compile(r"^و(?:حلفا[ؤئء]|شركا[ؤئء])(?:ها|ه|هم)$")


def _coordinated(parse: SentenceParse, idx: int, step: int, usable: list[Match]) -> list[Match]:
    """The actor mention usable[idx] plus those joined to it by 'and' (or و; past a capitalised title,
    "Blinken and Foreign Minister Kuleba") in direction ``step``, and Arabic nationality adjectives side by
    side ("بيان صيني فرنسي", a Chinese-French statement)."""
    run = [usable[idx]]
    j = idx + step
    while 0 <= j < len(usable):
        a, b = (usable[j], run[-1]) if step < 0 else (run[-1], usable[j])
        # past a bracket after the first name, "Graham (R-South Carolina) and Blumenthal"
        gap = _TITLE_AFTER_AND.sub(r"\1", BRACKETS.sub("", parse.text[a.end : b.start]).strip()).casefold()
        gap = _THE_AFTER.sub("", gap).strip()  # "Russia and the United States"
        adjectives = a.form == b.form == "adjective" and gap == ""
        allies = bool(_ALLIES_AR.match(gap))  # "كييف وحلفاؤها الغربيون"
        # two names a comma joins at the sentence's start: a headline's "Graham, Blumenthal Oppose ..."; or,
        # going back from the last, the commas of a list whose last two an "and" joins ("Ukraine, Russia, the
        # European Union and the United States have agreed")
        comma = gap == "," and "adjective" not in (a.form, b.form)
        listed = comma and (a.first == 0 or (step < 0 and len(run) > 1))
        if (
            gap not in COORDINATORS
            and not (gap == "" and parse.text[b.start] == "و")
            and not (adjectives or allies or listed)
        ):
            break
        if (
            (a.form == "adjective") != (b.form == "adjective")
            and has_arabic(parse.text[b.start])
            and not allies
        ):
            break  # "الإنذارات الأوروبية وكييف": the adjective qualifies a noun, it is no subject beside Kyiv
        run.append(usable[j])
        j += step
    return sorted(run, key=lambda m: m.first)


def _subject_before(parse: SentenceParse, k: int, usable: list[Match], pronouns: dict[str, str]):
    """Nearest actor mention (with its coordinated run) or pronoun ending before token k."""
    before = [i for i, m in enumerate(usable) if m.last <= k]
    pron = [i for i in range(k) if parse.tokens[i].key in pronouns]
    actor_i = before[-1] if before else None
    pron_i = pron[-1] if pron else None
    if pron_i is not None and (actor_i is None or pron_i >= usable[actor_i].last):
        return "pronoun", parse.tokens[pron_i].key, pron_i
    if actor_i is not None:
        return "actor", _coordinated(parse, actor_i, -1, usable), None
    return None, None, None


def _actor_after(
    parse: SentenceParse, start: int, usable: list[Match], window: int, stop_at_clause: bool = True
):
    """Index in ``usable`` of the first actor starting within ``window`` tokens from ``start``, before a
    clause opens."""
    for i, m in enumerate(usable):
        if m.first < start:
            continue
        if m.first >= start + window:
            return None
        between = parse.tokens[start : m.first]
        if stop_at_clause and (
            any(t.key in COMPLEMENTISERS for t in between)
            or _CLAUSE_BREAK.search(parse.text[parse.tokens[start - 1].end if start else 0 : m.start])
        ):
            return None
        return i
    return None


def sentence_attributions(
    parse: SentenceParse,
    context: dict,
    gazetteer: Gazetteer | ActorTable,
    cues: StanceCues,
    heading: bool = False,
) -> list[Attribution]:
    """The attributions of one sentence; ``context`` carries the paragraph's last sources and named actors.

    ``gazetteer``: the gazetteer, or its ``ActorTable`` when many sentences are read.
    """
    actors = ActorTable.of(gazetteer)
    conf = cues.confidence
    usable = parse.usable
    out: list[Attribution] = []
    colon = _colon_source(parse, heading, conf["colon"])
    if colon:
        out.append(colon)
    end = len(parse.tokens)  # provisional: each clause is closed at the next attribution below
    for cue in parse.cues:
        k, cls, word = cue.first, cue.label, parse.text[cue.start : cue.end]
        att = None
        if any(a.cue_first < k < a.object_at for a in out):
            continue  # a cue word inside the source's own words ("المتحدثة باسم ...")
        if parse.tokens[k].key == "called" and k + 1 < len(parse.tokens) and parse.tokens[k + 1].key == "by":
            continue  # "a meeting called by Russia": who convened it (the speech is "called for by")
        if out and out[-1].cue_first == k - 1 and cls in VERB_CLASSES and out[-1].cue_class in VERB_CLASSES:
            continue  # "rejected calls for ...", "dismissed claims that ...": the verb's object, a noun
        possessor = _possessive_before(parse, k) if cls in VERB_CLASSES else None
        if (cls == "noun" or possessor) and k + 1 < len(parse.tokens) and parse.tokens[k + 1].key == "with":
            continue  # "Secretary Blinken’s Call with ...", "Trump's calls with Putin": a meeting
        if cls == "noun" and has_arabic(word):
            # the owner right after an Arabic noun with no article, its construct ("دعوة كييف للحوار", "دعوة
            # نظيره الروسي فلاديمير بوتين"; not "الدعوة الروسية")
            definite = _definite(parse.tokens[k])
            at = None if definite else _actor_after(parse, cue.last, usable, ARABIC_OWNER_WINDOW)
            if at is not None:
                at = _named_in_title(parse, cue.last, at, usable, actors)
                owner = usable[at]
                att = replace(
                    _at_cue([owner.label], word, cls, "noun", conf, owner.last - 1, end, "noun owner"),
                    cue_first=k,
                )
        elif cls == "noun":
            owner = [m for m in parse.actors if m.last == k or (m.form == "possessive" and m.last == k - 1)]
            if owner and not _is_object(parse, owner[-1].first):
                # "Trump's call for a ceasefire" favours the ceasefire (toward_object)
                att = _at_cue([owner[-1].label], word, cls, "noun", conf, k, end, "noun owner")
        elif cls in ("according", "relay"):
            att = _source_after(parse, cue, usable, conf["according"]) or _described_after(
                parse, cue, context, actors, conf["carried"]
            )
        elif cls == "agent":
            att = _agent_after(parse, cue, usable, end, conf["by_agent"])
        elif k + 1 < len(parse.tokens) and parse.tokens[k + 1].key == "by":
            after = [i for i, m in enumerate(usable) if m.first >= k + 2]
            if after and usable[after[0]].first <= k + 3:
                run = _coordinated(parse, after[0], 1, usable)
                att = Attribution(
                    [m.label for m in run],
                    word,
                    cls,
                    "by_agent",
                    conf["by_agent"],
                    k,
                    run[-1].last,
                    end,
                    target_before=True,
                    rule="passive by-agent",
                )
        elif possessor:
            # "President Trump’s call for talks", "Russia's claims": a noun its owner holds
            att = _at_cue(
                [_institution_of(parse, possessor, actors)], word, "noun", "noun", conf, k, end, "noun owner"
            )
        elif cls == "participle":
            # "Grossi was quoted as saying", "Vereshchuk responded, saying": that name; else the last source
            named = _participle_subject(parse, k, usable)
            # else the sentence's first actor, when it stands before the participle (not one inside the quote
            # it opens: 'وأكد قائلا: "... حوار مع روسيا"') or the participle opens the sentence
            first = [m.label for m in usable[:1] if m.last <= k or k == 0]
            prev = [named.label] if named else out[-1].sources if out else first
            if prev:  # its object: "..., رافضا الخطة", "..., accusing Kyiv of ..."
                att = _at_cue(prev, word, cls, "participle", conf, k, end, "participle")
                if named and _quoted_before(parse, named.start):
                    # '"I hope ...," Grossi was quoted as saying in a statement': the quote is the position
                    att = replace(att, scope_first=0, scope_last=k, whole=True, object_at=-1)
        elif cls == "purpose":
            # "Blinken spoke with Kuleba to reinforce ...": what a meeting is for is its subject's position
            subject = _meeting_subject(parse, k, usable)
            if subject:
                att = _at_cue(
                    [m.label for m in subject], word, cls, "verb", conf, k, end, "purpose of a meeting"
                )
        elif parse.tokens[k].key in READOUT_VERBS and not context.get("readout"):
            # "discussed": a position only in a readout of a call, which reports what the sides said
            att = None
        else:
            att = _verb_attribution(parse, cue, end, usable, context, actors, cues)
        by_means = [t.key for t in parse.tokens[k + 1 : k + 3]]
        if att is None and len(by_means) == 2 and by_means[0] == "by" and by_means[1].endswith("ing"):
            # "helped by providing ...": "by" + a gerund is the means, not a passive's agent
            att = _verb_attribution(parse, cue, end, usable, context, actors, cues)
        if att:
            out.append(att)
    out.sort(key=lambda a: a.cue_first)
    for att, following in zip(out, out[1:], strict=False):
        if not att.whole:
            att.scope_last = max(att.scope_first, following.cue_first)
            # "X confirmed that Y rejected ...": X relays Y's position; X holds one only if its own clause
            # or the relayed one names a target
            att.relays = following.cue_class in ("speech", "attitude", "action") and (
                any(t.key in COMPLEMENTISERS for t in parse.tokens[att.cue_first : following.cue_first])
                or _bare_complement(parse, att, following)
            )
            att.needs_target = att.relays and following.cue_class == "speech"
    for att, following in reversed(list(zip(out, out[1:], strict=False))):
        if att.relays and not att.whole:  # "X said that Y rejected ...": X asserts what Y holds
            att.score_last = max(following.scope_last, following.score_last)
        elif _owned_object(att, following):
            att.scope_last, att.takes_up = following.scope_last, following.cue_first
    return out


#: Whom a verb of telling speaks to, when it is no actor: "told reporters Russia would ...".
AUDIENCE_NOUNS = frozenset("reporters journalists press lawmakers parliament students audience".split())
TELLING_VERBS = frozenset("told tells tell telling".split())


def _at_cue(
    sources, word: str, cls: str, method: str, conf: dict, k: int, end: int, rule: str
) -> Attribution:
    """An attribution whose clause starts right after the cue at token k, its object there too."""
    return Attribution(
        list(sources), word, cls, method, conf[method], k, k + 1, end, rule=rule, object_at=k + 1
    )


def _bare_complement(parse: SentenceParse, att: Attribution, following: Attribution) -> bool:
    """True for an English speech verb whose complement clause, "that" left out, opens with the subject of the
    next attribution: "Peskov said Zelenskyy rejected the plan", "Trump said the Kremlin wants peace", also
    past the one told: "Peskov told reporters Russia would not accept the plan"."""
    if att.cue_class != "speech" or following.method != "verb" or has_arabic(att.cue):
        return False
    keys = [t.key for t in parse.tokens]

    def past_the(i: int) -> int:
        return i + 1 if i < len(keys) and keys[i] == "the" else i

    start = past_the(att.scope_first)  # the word after the verb (an alias may hold the "the": "the West")
    if att.cue.casefold() in TELLING_VERBS:
        told = [m.last for m in parse.usable if m.first == start]
        if told:
            start = past_the(told[0])
        elif start < len(keys) and keys[start] in AUDIENCE_NOUNS:
            start = past_the(start + 1)
    return any(
        m.first in (start, start - 1) and m.form != "possessive" and m.label in following.sources
        for m in parse.usable
        if m.first >= att.scope_first
    )


#: A noun owned by an actor at most this many words after a verb is the verb's object.
OWNED_OBJECT_WITHIN = 4


def _owned_object(att: Attribution, following: Attribution) -> bool:
    """True when ``following`` is a noun whose owner is ``att``'s object ("Rubio reiterated President Trump’s
    call for talks"): ``att``'s source takes up the position too, over the noun's clause."""
    return (
        not att.whole
        and following.method == "noun"
        and following.cue_first - att.cue_first <= OWNED_OBJECT_WITHIN
    )


#: Prepositions: an actor right after one (past "the") is its object, not a verb's subject ("aggression
#: against Ukraine and demanded ...", "الحرب في أوكرانيا، في وقت وصلت ...").
PREPOSITIONS = frozenset(
    "against of in on for with to from by about over into toward towards between among at across under upon "
    "within without behind beyond near".split()
) | frozenset("في من الى على عن مع بين ضد حول نحو لدى عند منذ بشان تجاه حيال خلال ضمن عبر داخل".split())
#: Arabic prepositions written joined to the next word: ب، ل (after و or ف): "لأوكرانيا", "بالولايات". (Not
#: ك, "like": rare before a name, and the first letter of many: كالاس، كييف، كندا.)
_JOINED_PREPOSITION = re.compile("^[وف]?[بل]")
#: Nouns of an actor's people: "officials in Kyiv" and "مصادر في البيت الأبيض" speak for the actor.
PEOPLE = frozenset(
    "officials sources diplomats leaders authorities lawmakers politicians commanders".split()
) | frozenset("مسؤولون مسؤولين مصادر دبلوماسيون دبلوماسيين قادة سلطات اوساط".split())
#: English nouns of someone who speaks for another: "a spokesperson for X", "an aide to X" (the Arabic
#: "المتحدث باسم X" is its own rule).
SPEAKING_FOR = frozenset("spokesperson spokesman spokeswoman aide adviser advisor".split())
#: English nouns of those who hold a post of an actor named after "of": "the foreign ministers of France and
#: Germany rejected ...", "the head of the EU's diplomacy said": the actor speaks through them.
POST_OF = (
    _DESCRIPTION_NOUNS
    | PEOPLE
    | frozenset(
        "ministers leaders head heads chief chiefs representative representatives members government "
        "delegation presidents ambassadors envoys".split()
    )
)
#: Relative pronouns: an actor they follow is the subject of their clause, wherever it stands.
RELATIVES = frozenset({"which", "who", "التي", "الذي", "الذين", "اللذان", "اللتان"})


def _can_be_subject(parse: SentenceParse, subject: Match, k: int) -> bool:
    """False when the actor mention before the verb at token ``k`` cannot be its subject: it is a
    preposition's object (unless a relative pronoun follows it), or a complementiser stands between it
    and the verb ("Russia said that ... rejected": the verb has a subject of its own clause)."""
    if subject.last < k and parse.tokens[subject.last].key in RELATIVES:  # "... لموسكو، التي تعتبر"
        return True
    return (
        not _after_preposition(parse, subject)
        and not _second_of_between(parse, subject)
        and not any(t.key in COMPLEMENTISERS for t in parse.tokens[subject.last : k])
    )


#: How far back "between" may stand from the "and" of "between A and B".
BETWEEN_REACH = 8


def _second_of_between(parse: SentenceParse, mention: Match) -> bool:
    """True for B in "between A and B" ("a conversation between the President of the Russian Federation and
    the President of the United States has just concluded"): a preposition's object, not a subject."""
    i = mention.first
    while (
        i > mention.first - TITLE_WORDS
        and i
        and (parse.tokens[i - 1].key == "the" or parse.tokens[i - 1].exact[:1].isupper())
    ):  # past a title not matched with the name ("and President Biden")
        i -= 1
    if i == 0 or parse.tokens[i - 1].key != "and":
        return False
    return any(t.key == "between" for t in parse.tokens[max(0, i - 1 - BETWEEN_REACH) : i - 1])


def _after_preposition(parse: SentenceParse, mention: Match, title: frozenset[str] = frozenset()) -> bool:
    """True when an actor mention is a preposition's object: "against Ukraine", "in the UK", "في أوكرانيا",
    "لأوكرانيا"; also past the words of its title (``title``: their keys) written before the name ("من
    الرئيس بوتين"; but in "مسؤولة السياسة الخارجية في الاتحاد الأوروبي كايا كالاس" the "في" is the
    title's; nor the "for" / "of" inside an English title: "Minister for Foreign Affairs Dmytro Kuleba")."""
    i = mention.first
    reach = max(0, mention.first - TITLE_BEFORE_NAME)
    while i > reach and (
        parse.tokens[i - 1].key in title
        or _title_word_en(parse, i - 1)
        or (
            parse.tokens[i - 1].key in ("for", "of")
            and mention.first > i > 1
            and (_title_word_en(parse, i - 2) or (i == 2 and _capitalised(parse.tokens[0])))
        )
    ):
        i -= 1
    if i > 0 and parse.tokens[i - 1].key == "the":
        i -= 1
    if i > 0 and parse.tokens[i - 1].key in PREPOSITIONS:
        # "officials in Kyiv", "مسؤولون في الكرملين": the actor's own people, the subject
        before = parse.tokens[i - 2].key if i > 1 else ""
        return not (
            (parse.tokens[i - 1].key in ("in", "from", "في", "من") and before in PEOPLE)
            # "a spokesperson for Zelenskyy said", "an aide to Putin said": who they speak for
            or (parse.tokens[i - 1].key in ("for", "to") and before in SPEAKING_FOR)
            or (parse.tokens[i - 1].key == "of" and before in POST_OF)
        )
    first = parse.tokens[mention.first]
    if has_arabic(first.exact) and first.exact != first.key:
        return bool(_JOINED_PREPOSITION.match(_proclitic(first)))
    return False


#: Lower-case English words of a title written before a name ("Kremlin spokesman Dmitry Peskov").
TITLE_NOUNS_EN = frozenset(
    "spokesman spokeswoman spokesperson press secretary deputy minister adviser advisor chief "
    "of the for".split()
)


def _capitalised(token) -> bool:
    """True for an English word written with a capital (a word of a title or a name)."""
    return token.exact[:1].isupper() and token.exact.isascii()


def _person_after_title(parse: SentenceParse, idx: int, usable: list[Match], actors: ActorTable) -> int:
    """The person whose English title holds the actor at ``idx`` ("said Pentagon Press Secretary John F.
    Kirby", "said Kremlin spokesman Dmitry Peskov": Kirby, Peskov): the next actor, when it is a person and
    only title words (capitalised, or ``TITLE_NOUNS_EN``) stand between the two; else ``idx``."""
    if idx + 1 >= len(usable) or actors.kind[usable[idx].label] == "person":
        return idx
    nxt = usable[idx + 1]
    words = parse.tokens[usable[idx].last : nxt.first]
    between = parse.text[usable[idx].end : nxt.start]
    if (
        actors.kind[nxt.label] == "person"
        and len(words) <= TITLE_BEFORE_NAME
        and "," not in between
        and all(_capitalised(t) or t.key in TITLE_NOUNS_EN for t in words)
    ):
        return idx + 1
    return idx


#: Capitalised English words that are no title: days and months ("on Monday Zelenskyy said").
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


def _title_word_en(parse: SentenceParse, i: int) -> bool:
    """True when English token ``i`` may be a word of a title written right before a name ("with Ukrainian
    Defense Minister Oleksii Reznikov"): capitalised, not the sentence's first word nor a day or month, and
    joined to the next word by a space only."""
    token = parse.tokens[i]
    return (
        i > 0
        and _capitalised(token)
        and token.key not in _DATE_WORDS
        and not parse.text[token.end : parse.tokens[i + 1].start].strip()
    )


#: Prepositions that open where, when or with whom something was said ("at a news conference", "خلال مؤتمر").
SETTING_WORDS = frozenset("at in during on after before with while في خلال اثناء عقب بعد مع لدى امام".split())


def setting_before_complement(parse: SentenceParse, att: Attribution) -> int:
    """The complementiser of a verb's clause that opens with a prepositional phrase of where, when or with
    whom it was said ("said at a meeting with Fidan that ...", "قال في مؤتمر صحفي مع نظيره التركي إن ..."):
    its token index, whose clause holds what was said; -1 for any other clause."""
    first = att.scope_first
    # not "للاتحاد الأوروبي": the one told
    if att.whole or first >= att.scope_last or parse.tokens[first].key not in SETTING_WORDS:
        return -1
    return next((i for i in range(first, att.scope_last) if parse.tokens[i].key in COMPLEMENTISERS), -1)


def _proclitic(token) -> str:
    """What the matcher took off the front of a word to key it: "ل" of "لترامب", "وب" of "وبالولايات"."""
    return token.exact[: max(0, token.exact.find(token.key))]


def _is_object(parse: SentenceParse, i: int) -> bool:
    """True when the words at token i follow a verb form (a cue, or an English -ing / -ed word) as its object:
    "meeting Russia's demands" only mentions a position; "the core Russian demands include ..." holds one."""
    if i == 0:
        return False
    before = parse.tokens[i - 1]
    return any(c.last == i for c in parse.cues) or before.key.endswith(("ing", "ed"))


def _source_after(
    parse: SentenceParse, cue: Match, usable: list[Match], confidence: float
) -> Attribution | None:
    """ "according to X" / "وفق X" / "نقلت ... عن X": the actor after the cue (after عن for a relay verb)."""
    start = cue.last
    if cue.label == "relay":
        an = next(
            (
                i
                for i in range(cue.last, min(len(parse.tokens), cue.last + SOURCE_AFTER_WINDOW))
                if parse.tokens[i].key in ("عن", "from")
            ),
            None,
        )
        if an is None:
            return None
        start = an + 1
    idx = _actor_after(parse, start, usable, SOURCE_AFTER_WINDOW, stop_at_clause=False)
    if idx is None:
        return None
    if cue.label == "according" and re.search(r"[,،]", parse.text[cue.end : usable[idx].start]):
        return None  # "according to officials, and Russian troops have ...": the source is past a comma
    if cue.label == "according" and is_media(parse, start, usable[idx].last + MEDIA_WINDOW):
        return None  # "according to Russia's state media": the channel; the verb's subject holds the position
    run = _coordinated(parse, idx, 1, usable)
    return Attribution(
        [m.label for m in run],
        parse.text[cue.start : cue.end],
        "speech",
        "according",
        confidence,
        cue.first,
        0,
        len(parse.tokens),
        rule=f"{cue.label} + source",
        object_at=run[-1].last,
        whole=True,
    )


def _described_after(
    parse: SentenceParse, cue: Match, context: dict, actors: ActorTable, confidence: float
) -> Attribution | None:
    """ "according to the minister" / "وبحسب الوزير": the one actor named before in the paragraph (or the
    one before) whose title holds the noun (``_office_holder``); None for any other words."""
    at = cue.last + (1 if cue.last < len(parse.tokens) and parse.tokens[cue.last].key == "the" else 0)
    if cue.label != "according" or at >= len(parse.tokens):
        return None
    office = parse.tokens[at].key
    if office not in _DESCRIPTION_NOUNS and office not in KIND_NOUNS and office not in _ARABIC_OFFICES:
        return None
    holder = _office_holder(office, context, actors)
    if holder is None:
        return None
    return Attribution(
        [holder],
        parse.text[cue.start : cue.end],
        "speech",
        "carried",
        confidence,
        cue.first,
        0,
        len(parse.tokens),
        rule="according + described speaker",
        object_at=at + 1,
        whole=True,
    )


def is_media(parse: SentenceParse, start: int, end: int) -> bool:
    """True when a news media noun stands among tokens start..end (``SentenceParse.media_at``)."""
    return any(start <= i < end for i in parse.media_at)


#: Words allowed between a position noun and its "from" / "من" ("انتقادات خصوصا من", "strong criticism
#: from"), and between "من" and the holder ("من جانب أوكرانيا", "من قادة أوروبا").
AGENT_GAP = 2


def _agent_after(parse: SentenceParse, cue: Match, usable: list[Match], end: int, confidence: float):
    """ "criticism from Kyiv" / "انتقادات من جانب أوكرانيا": the actor after from / من holds the position,
    about what comes before the noun (the passive's subject: "the plan met with criticism from ...")."""
    tokens = parse.tokens
    at = next(
        (
            i
            for i in range(cue.last, min(len(tokens), cue.last + AGENT_GAP + 1))
            if tokens[i].key in ("من", "from")
        ),
        None,
    )
    if at is None:
        return None
    idx = _actor_after(parse, at + 1, usable, AGENT_GAP + 1)
    if idx is None:
        return None
    run = _coordinated(parse, idx, 1, usable)
    for m in usable[idx + len(run) :]:  # "أوكرانيا وحلفائها الأوروبيين", "Kyiv and its European allies"
        gap = parse.text[run[-1].end : m.start].strip()
        if not re.fullmatch(r"(?:and|و)\s*\S*\s*\S*", gap, re.IGNORECASE) or m.first - run[-1].last > 3:
            break
        run.append(m)
    return Attribution(
        [m.label for m in run],
        parse.text[cue.start : cue.end],
        cue.label,
        "by_agent",
        confidence,
        cue.first,
        run[-1].last,
        end,
        target_before=True,
        rule="noun + from-agent",
    )


#: Cue classes of verbs (a participle, noun or "according to" is none).
VERB_CLASSES = frozenset({"speech", "attitude", "action"})
#: Words that join a second verb to its sentence's subject ("... and imposed", "... but also warned").
VERB_CONJUNCTIONS = frozenset({"and", "but"})


def _opens_sentence(parse: SentenceParse, mention: Match) -> bool:
    """True when an actor mention starts within ``CLAUSE_SUBJECT_AT`` tokens of the sentence's start, or
    only its title stands before it ("Secretary of Defense Lloyd J. Austin III spoke ... and assured")."""
    return mention.first <= CLAUSE_SUBJECT_AT or (
        mention.first <= TITLE_BEFORE_NAME
        and all(_capitalised(t) or t.key in ("of", "the") for t in parse.tokens[: mention.first])
    )


def _after_conjunction(parse: SentenceParse, k: int) -> bool:
    """True when token k follows "and" / "but", directly or past "also" or "then"."""
    keys = [t.key for t in parse.tokens[max(0, k - 2) : k]]
    if keys and keys[-1] in ("also", "then"):
        keys = keys[:-1]
    return bool(keys) and keys[-1] in VERB_CONJUNCTIONS


def _verb_attribution(parse, cue, end, usable, context, actors: ActorTable, cues) -> Attribution | None:
    """Source of a reporting, attitude or action verb: its subject (after it in Arabic first), or a carried
    source."""
    k, conf, word = cue.first, cues.confidence, parse.text[cue.start : cue.end]
    if _hypothetical(parse, k):
        return None

    def found(sources, method: str, rule: str, scope_first: int = cue.last, cue_text: str = word, obj=True):
        return Attribution(
            list(sources),
            cue_text,
            cue.label,
            method,
            conf[method],
            k,
            scope_first,
            end,
            rule=rule,
            object_at=scope_first if obj else -1,
        )

    arabic = has_arabic(word)
    if arabic:
        # a nominal clause, subject then verb: "إن الولايات المتحدة تدين ..." (after a complementiser, or
        # opening the sentence)
        if kana := _kana_subject(parse, k, usable):  # "وكان الرئيس الروسي قد أعلن ..."
            return found([m.label for m in kana], "verb", "subject-verb (ar)")
        particle = k > 0 and parse.tokens[k - 1].key in VERB_PARTICLES  # "أن روسيا لم تهدد الناتو"
        before = [i for i, m in enumerate(usable) if m.last == k or (particle and m.last == k - 1)]
        after_quote = bool(
            before
            and _QUOTE_CLOSE.search(parse.text[usable[before[-1]].end : cue.start])
            and _quote_open_after(parse.text[: usable[before[-1]].end], False)  # closing one: not 'روسيا "لم'
        )
        if after_quote:
            before = []  # the end of a quote the verb reports: "«... أوكرانيا»، قال ماكرون"
        if before and _DATELINE_END.search(parse.text[usable[before[-1]].end : cue.start]):
            before = []  # a dateline, "الرياض: أكد ولي العهد ...", "روما- قالت ...": the place is no subject
        if before and not _conjoined(parse.tokens[k]):  # (not "غادر أوكرانيا، وقال": see _conjoined)
            first = usable[before[-1]].first
            lead = [t.key for t in parse.tokens[max(0, first - 1 - TITLE_WORDS) : first]]  # past a title
            if first == 0 or any(w in COMPLEMENTISERS for w in lead):
                run = _coordinated(parse, before[-1], -1, usable)
                return found([m.label for m in run], "verb", "subject-verb (ar)")
        # verb-subject order, past a title; not after a particle that carries the subject as a pronoun
        # ("لكنه أشاد بترامب", "قال إنه يعتبر القيادة الأوكرانية ...": the actor after the verb is its object)
        verb_at = k - 1 if k > 1 and parse.tokens[k - 1].key in KANA else k  # past كان: "أنه كان يفضل"
        carrier = parse.tokens[verb_at - 1].key if verb_at > 0 else ""
        carried = carrier in cues.pronouns or carrier in SUBJECT_CARRIERS_AR
        idx = None if carried else _actor_after(parse, cue.last, usable, ARABIC_SUBJECT_WINDOW)
        if idx is not None:
            idx = _named_in_title(parse, cue.last, idx, usable, actors)
        # not "وصلت المساعدات لأوكرانيا", "طلبت من الرئيس بوتين"
        if idx is not None and not _after_preposition(
            parse, usable[idx], actors.title_words.get(usable[idx].label, frozenset())
        ):
            run = _coordinated(parse, idx, 1, usable)
            att = found([m.label for m in run], "verb", "verb-subject (ar)", run[-1].last)
            # a quote before the verb is the position, read whole
            return replace(att, scope_first=0, whole=True, object_at=-1) if after_quote else att
        if _conjoined(parse.tokens[k]) and usable and usable[0].first <= CLAUSE_SUBJECT_AT < k:
            # "وذكر زيلينسكي أنه ...، وقال"، "أما أوكرانيا فلم تختر الحرب، ووافقت": the sentence's subject, as
            # in the English "... and imposed"
            first = _named_in_title(parse, 0, 0, usable, actors)
            return found([m.label for m in _coordinated(parse, first, 1, usable)], "verb", "coordinated verb")
    elif meeting := _meeting_subject(parse, k, usable):
        # "Biden called Zelenskyy to congratulate him": the caller congratulates, not the one called
        return found([m.label for m in meeting], "verb", "purpose of a meeting")
    elif (
        _after_conjunction(parse, k)
        and usable
        and _opens_sentence(parse, usable[0])
        and CLAUSE_SUBJECT_AT < k
    ):
        # "Biden cut off the Russian government ... and imposed sanctions", "Zelenskyy thanked Trump but
        # warned ...": the sentence's subject
        return found([m.label for m in _coordinated(parse, 0, 1, usable)], "verb", "coordinated verb")
    # "Witkoff, who met Putin, described ..."; "Lavrov, speaking in Moscow, rejected ..."
    aside = _subject_before_aside(parse, k, usable)
    if not arabic and aside is None and _inverted(parse, cue, cues):
        # "..., said Peskov" / "“...”, said the Kremlin spokesman Dmitry Peskov"; not "Zelenskyy, in his
        # address, said Russia ..."
        idx = _actor_after(parse, cue.last, usable, 7)
        if idx is not None:
            idx = _person_after_title(parse, idx, usable, actors)
            run = _coordinated(parse, idx, 1, usable)
            att = found(
                [m.label for m in run],
                "inverted",
                "verb-subject (en, after a quote)",
                run[-1].last,
                obj=False,
            )
            # the position is what comes before the verb, not the speaker's apposition after its name
            # ('“...,” said Andriy Yermak, Zelensky's chief of staff')
            return replace(att, scope_first=0, scope_last=k, whole=True)
    if aside is not None:
        subject = _coordinated(parse, aside, -1, usable)
        return found([m.label for m in subject], "verb", "subject, aside, verb")
    speaker = context.get("speaker")
    pronouns = {**cues.pronouns, **dict.fromkeys(FIRST_PERSON, "first")} if speaker else cues.pronouns
    kind, subject, pron_i = _subject_before(parse, k, usable, pronouns)
    if kind == "pronoun" and subject in FIRST_PERSON:  # "we welcome ..." in a speech: its speaker
        return found(
            speaking_for(speaker, subject, actors),
            "speaker",
            "speaker (first person)",
            cue_text=f"{subject} {word}",
        )
    # a name inside a quote that closes before the verb is not its subject ('"Putin does not want peace," the
    # minister wrote'): the speaker comes after the quote
    if kind == "actor" and not arabic and _QUOTE_CLOSE.search(parse.text[subject[-1].end : cue.start]):
        kind = ""
    if kind == "actor" and not arabic and _unlisted_subject(parse, k, subject[-1]):
        kind = ""  # "..., Reuters reported", "..., Agence France-Presse reported": no actor speaks
    if kind == "actor" and not arabic and _described_subject(parse, k, subject[-1]):
        kind = ""  # "Russians are shelling Kharkiv, the official said": the one described speaks (below)
    if (
        kind == "actor"
        and not arabic
        and subject[0].first
        and parse.tokens[subject[0].first - 1].key in HELP_VERBS
    ):
        kind = ""  # "to help Ukraine defend itself": the one helped is the object of the helping, no speaker
    if kind == "actor" and arabic and _conjoined(parse.tokens[k]):
        kind = ""  # "غادر أوكرانيا، وقال": a verb joined by و / ف is not the noun's before it
    if kind == "actor" and not arabic and not _can_be_subject(parse, subject[0], k):
        # "Russia's ambassador in Washington said": the place is where the envoy is posted
        posted = _posted_from(parse, subject[0], usable)
        subject = [posted] if posted else subject
    if kind == "actor" and _can_be_subject(parse, subject[0], k):
        att = found([_institution_of(parse, m, actors) for m in subject], "verb", "subject-verb")
        # '"We are ready for a ceasefire," Zelenskyy told reporters': the quote before is the position
        if _quoted_before(parse, subject[0].start):
            att = replace(att, scope_first=0, whole=True, object_at=-1)
        return att
    if kind == "pronoun" and _quote_open_after(
        parse.text[: parse.tokens[pron_i].start], bool(context.get("open_quote"))
    ):
        kind = ""  # a pronoun inside a quote is the one the speaker talks about ('"They want to join NATO"')
    if kind == "pronoun":
        sources = _resolve_pronoun(subject, pron_i, parse, usable, context, actors, cues)
        if sources:
            pronoun = parse.text[parse.tokens[pron_i].start : parse.tokens[pron_i].end]
            return found(sources, "pronoun", "pronoun", cue_text=f"{pronoun} {word}")
    # "The minister said ...", "The Secretary again underscored ...", "وقال الوزير إن ...": the one actor
    # named nearby whose title holds the noun
    noun_at = k - 2 if k > 1 and parse.tokens[k - 1].key in VERB_ADVERBS else k - 1
    described = noun_at >= 0 and (
        parse.tokens[noun_at].key in _DESCRIPTION_NOUNS or parse.tokens[noun_at].key in KIND_NOUNS
    )
    office = parse.tokens[noun_at].key if described else _office_after(parse, k) if arabic else ""
    holder = _office_holder(office, context, actors) if cue.label == "speech" and office else None
    if holder:
        att = found([holder], "carried", "described speaker")
        # '"...," the minister wrote': the quote before is the position
        return (
            replace(att, scope_first=0, whole=True, object_at=-1) if _quoted_before(parse, cue.start) else att
        )
    # the three words before the verb: "it was noted", "the leaders agreed"
    words_before = tuple(t.key for t in parse.tokens[max(0, k - 3) : k])
    if context.get("readout") and words_before[-2:] in THE_LEADERS:
        # "The leaders agreed ..." in a readout of a call: the people its title and first paragraph name (two,
        # or a few on a conference call: "Telephone conversation with Olaf Scholz and Emmanuel Macron")
        callers = context.get("callers", [])
        if 2 <= len(callers) <= MOST_CALLERS:
            return found(callers, "carried", "the callers (readout)")
    # "It was emphasised that ..." in a readout: the paragraph's (or the last paragraph's) speaker goes on
    impersonal = not arabic and (words_before[-2:] in IMPERSONAL or words_before == ("it", "has", "been"))
    carried = context.get("sources") or ((k == 0 or impersonal) and context.get("previous"))
    if carried and cue.label == "speech" and (arabic or described or impersonal):
        return found(carried, "carried", "carried from the paragraph")
    return None


#: English verbs whose object does what the next verb says ("help Ukraine defend itself", "enable Kyiv to
#: strike"): that object is no subject of a position.
HELP_VERBS = frozenset(
    "help helps helped helping enable enables enabled enabling allow allows allowed allowing".split()
)


#: English verbs of a meeting or a call: what it is held for ("to reaffirm ...", "to congratulate ...") is its
#: subject's position.
MEETING_VERBS = frozenset(
    "spoke speaks met meets called calls hosted hosts convened convenes held holds telephoned phoned visited"
    " visits travelled traveled".split()
)
#: How many words may stand between a meeting verb and the "to" of its purpose ("spoke today with Ukrainian
#: Foreign Minister Dmytro Kuleba to ...").
MEETING_REACH = 12


#: Arabic complementisers carrying the subject of the verb after them as a pronoun ("قال إنه يعتبر ...": he
#: considers), keyed as the text is: the verb's subject is not the actor after it, and they name no one new.
PRONOUN_COMPLEMENTISERS = frozenset("انه بانه لانه انها بانها لانها انهم بانهم لانهم".split())
#: Arabic independent pronouns, the subject of the verb right after them ("قال بوتين وهو يقف إلى جانب ...": he
#: stands; the one named after the verb is its object). Keyed as the text is, past و / ف.
SUBJECT_PRONOUNS_AR = frozenset("هو هي هم هما نحن انا".split())
#: Either: the word before an Arabic verb that carries its subject.
SUBJECT_CARRIERS_AR = PRONOUN_COMPLEMENTISERS | SUBJECT_PRONOUNS_AR
#: The Arabic "كان" of a past perfect, "وكان X قد أعلن ...": X, between it and "قد", is the verb's subject.
KANA = frozenset({"كان", "كانت", "كانوا"})
#: How many words may stand between "كان" and "قد" (a title and a name, "وكان وزير الخارجية الروسي سيرغي
#: لافروف قد ...").
KANA_REACH = 10


def _kana_subject(parse: SentenceParse, k: int, usable: list[Match]) -> list[Match]:
    """The subject (with its coordinated run) of an Arabic verb at token ``k`` after "قد" when it stands
    between "كان" and "قد"; empty otherwise."""
    if k == 0 or parse.tokens[k - 1].key != "قد":
        return []
    kana = [i for i in range(max(0, k - 2 - KANA_REACH), k - 1) if parse.tokens[i].key in KANA]
    inside = [j for j, m in enumerate(usable) if kana and kana[-1] < m.first and m.last <= k - 1]
    return _coordinated(parse, inside[0], 1, usable) if inside else []


def _meeting_subject(parse: SentenceParse, k: int, usable: list[Match]) -> list[Match]:
    """The subject (with its coordinated run) of the meeting verb whose purpose the English verb at token k
    gives ("Secretary Blinken spoke with Foreign Minister Kuleba to reaffirm ..."), or [] when k does not
    follow "to", no meeting verb stands within ``MEETING_REACH`` words before it, or no actor before that
    verb can be its subject. Not "called on Russia to ...": an appeal, whose addressee is to act."""
    if k < 2 or parse.tokens[k - 1].key != "to":
        return []
    for j in range(k - 2, max(-1, k - 2 - MEETING_REACH), -1):
        key = parse.tokens[j].key
        if key in COMPLEMENTISERS:
            return []
        if key in MEETING_VERBS:
            if parse.tokens[j + 1].key in ("on", "upon", "for") or _CLAUSE_BREAK.search(
                parse.text[parse.tokens[j].end : parse.tokens[k - 1].start]
            ):
                return []
            before = [i for i, m in enumerate(usable) if m.last <= j]
            if not before or not _can_be_subject(parse, usable[before[-1]], j):
                return []
            return _coordinated(parse, before[-1], -1, usable)
    return []


#: Speech verbs that report positions only in a readout of a call ("The leaders discussed Putin's despicable
#: blockade of Odesa"); in a news report, "Trump and Putin discussed Ukraine" states none.
READOUT_VERBS = frozenset({"discussed"})
#: At most this many people on one call whose readout says "the leaders".
MOST_CALLERS = 4
#: The words before a verb whose subject is the callers of a readout: "The leaders agreed", "the two leaders
#: reaffirmed", "Both presidents stressed".
THE_LEADERS = frozenset(
    (a, b) for a in ("the", "two", "both") for b in ("leaders", "presidents", "ministers", "sides")
)


#: The two words before an English speech verb used impersonally: "it was noted", "it is stressed" (and
#: "it has been emphasised").
IMPERSONAL = frozenset({("it", "was"), ("it", "is")})


#: English adverbs between a subject and its verb ("The Secretary again underscored").
VERB_ADVERBS = frozenset("also again later then further repeatedly previously earlier separately".split())
#: Arabic nouns of an office, after a verb with no named subject ("وقال الوزير", "وأضاف المتحدث").
_ARABIC_OFFICES = frozenset("وزير وزيرة رئيس رئيسة متحدث متحدثة مبعوث مستشار سفير مندوب امين".split())


def _office_after(parse: SentenceParse, k: int) -> str:
    """The office noun right after an Arabic verb at token k, or ''."""
    nxt = parse.tokens[k + 1].key if k + 1 < len(parse.tokens) else ""
    return nxt if nxt in _ARABIC_OFFICES else ""


def _office_holder(office: str, context: dict, actors: ActorTable) -> str | None:
    """The one actor named in this paragraph (else in the one before) one of whose titles holds ``office``:
    a title of the gazetteer ("minister": "Russian Foreign Minister" names Lavrov) or one written before the
    actor's name earlier in the document (``context["titles"]``: "Secretary of State Antony J. Blinken");
    None when none is, or several are ("Lavrov met Sybiha. The minister said": either)."""
    written = context.get("titles", {})

    def holds(a: str) -> bool:
        if office in KIND_NOUNS:
            return actors.kind[a] == KIND_NOUNS[office]
        return office in actors.title_words.get(a, ()) or office in written.get(a, ())

    for named in (context.get("named", []), context.get("previous_named", [])):
        holders = {a for a in named if holds(a)}
        if holders:
            return holders.pop() if len(holders) == 1 else None
    # else the document's last source that holds it ("..., a senior defense official said" opening a report
    # that goes on "..., the official said")
    return next((a for a in reversed(context.get("spoken", [])) if holds(a)), None)


def _word_before_verb(parse: SentenceParse, k: int, mention: Match) -> int:
    """The token right before the verb at token k, past "also", "again" ... (not before the mention's end)."""
    at = k - 1
    while at > mention.last and parse.tokens[at].key in VERB_ADVERBS:
        at -= 1
    return at


def _described_subject(parse: SentenceParse, k: int, mention: Match) -> bool:
    """True when "the" and a noun of a described speaker ("the official", "the ministry") stand right before
    the English verb at token k, after the actor mention before it."""
    at = _word_before_verb(parse, k, mention)
    noun = parse.tokens[at].key
    return (
        at > mention.last
        and (noun in _DESCRIPTION_NOUNS or noun in KIND_NOUNS)
        and parse.tokens[at - 1].key == "the"
    )


def _unlisted_subject(parse: SentenceParse, k: int, mention: Match) -> bool:
    """True when a capitalised name no actor holds stands right before the English verb at token k, after the
    actor mention before it: "the U.S.-led alliance, Reuters reported" is a news agency's report, not the
    United States'. Not a day or month ("Zelenskyy on Tuesday said")."""
    tokens, at = parse.tokens, _word_before_verb(parse, k, mention)
    if at < mention.last or not _capitalised(tokens[at]) or tokens[at].key in _DATE_WORDS | {"i"}:
        return False
    start = at
    while start > mention.last and (_capitalised(tokens[start - 1]) or tokens[start - 1].key in _NAME_LINKS):
        start -= 1  # the name's first word ("Agence France-Presse", "the UK's Ministry of Defense")
    # a lower-case word between the actor and the name: not one name ("the Ukrainian General Staff", "Lloyd J.
    # Austin III") nor a headline in capitals ("US, Allies Impose ...")
    return any(not _capitalised(t) and t.exact[:1].isalpha() for t in tokens[mention.last : start])


#: Lower-case words inside a name ("Ministry of Defense", "the United Kingdom's Ministry").
_NAME_LINKS = frozenset({"of", "s", "for", "and"})


def _conjoined(token: Token) -> bool:
    """True for an Arabic word written with the conjunction و or ف before it ("وقال", "فأكد"): such a verb
    opens a clause of its own, whose subject is not the noun that ends the clause before it ("بأنه غادر
    أوكرانيا، وقال" is not Ukraine's)."""
    word = normalize(token.exact)
    return word != token.key and word[:1] in "وف" and word[1:].startswith(token.key[:2])


def _definite(token: Token) -> bool:
    """True for an Arabic word with the article, past its clitics ("الدعوة", "بالدعوة", "للدعوة")."""
    word = normalize(token.exact)
    before = word[: len(word) - len(token.key)] if word.endswith(token.key) else word
    return before.endswith(("ال", "لل"))


def _named_in_title(
    parse: SentenceParse, start: int, idx: int, usable: list[Match], actors: ActorTable
) -> int:
    """The person named after a title that holds another actor: "قال المتحدث باسم الخارجية الأمريكية،
    صامويل وربيرغ" and "قال المتحدث باسم الرئاسة الروسية "الكرملين" دميتري بيسكوف" (or "(الكرملين)") are the
    person's words.

    From usable[idx] (the first actor after the verb at ``start``), steps to the next actor while the
    current one is not a person (or is one whose post the next holds: "مستشار بوتين، يوري أوشاكوف") and sits
    in a title: a nationality adjective, or an actor after title words ("المتحدث باسم") or followed by a comma
    or a quote mark. Only spaces, commas, quote marks and brackets may separate the two actors. Returns the
    person's index, or ``idx`` when no person is reached ("اتهمت روسيا أوكرانيا": the object after a subject
    stays the object).
    """
    i = idx
    in_title = lambda m: actors.kind[m.label] != "person" or _owns_a_title(parse, m)  # noqa: E731
    while i + 1 < len(usable) and in_title(usable[i]):
        here, following = usable[i], usable[i + 1]
        gap = parse.text[here.end : following.start]
        if gap.strip(" ،,\"“”«»'()") or following.first >= start + ARABIC_SUBJECT_WINDOW:
            return idx
        if not (here.form == "adjective" or here.first > start or gap.strip()):
            return idx
        i += 1
    return i if actors.kind[usable[i].label] == "person" else idx


#: Arabic nouns of a post a person's name completes ("مستشار بوتين، يوري أوشاكوف", Putin's adviser; "صهر ترامب
#: جاريد كوشنر", "رئيس مكتب زيلينسكي أندريه يرماك"): the person named next holds the post.
ARABIC_POST_NOUNS = frozenset(
    "مستشار مستشارة مساعد مساعدة مبعوث مبعوثة ممثل ممثلة نائب نائبة متحدث متحدثة ناطق ناطقة صهر مكتب "
    "ديوان".split()
)


def _owns_a_title(parse: SentenceParse, m: Match) -> bool:
    """True for a person named as the one whose post another holds ("مستشار بوتين", Putin's adviser)."""
    return m.first > 0 and parse.tokens[m.first - 1].key in ARABIC_POST_NOUNS


#: English nouns of a state's envoys, named with the place they are posted to ("the Russian embassy in
#: Washington", "Ukraine's ambassador to the UN").
POSTED_NOUNS = frozenset("embassy ambassador envoy mission delegation representative consulate".split())


def _posted_from(parse: SentenceParse, place: Match, usable: list[Match]) -> Match | None:
    """The actor that sends an envoy posted to ``place`` ("Russia's ambassador in Washington", "the Russian
    embassy in the US"): the mention at most two words before a noun of ``POSTED_NOUNS`` that stands right
    before the preposition (and "the") of ``place``; else None."""
    at = place.first - (2 if place.first > 1 and parse.tokens[place.first - 1].key == "the" else 1)
    if at < 1 or parse.tokens[at - 1].key not in POSTED_NOUNS:
        return None
    sender = [m for m in usable if 0 <= at - 1 - m.last <= 1 and m.last <= at - 1]
    return sender[-1] if sender else None


#: Nouns of an institution a person heads, after the person's possessive ("Lavrov's ministry said",
#: "Zelenskyy's office said"): the institution speaks for the person's state.
INSTITUTION_NOUNS = frozenset("ministry office government administration department cabinet".split())


def _institution_of(parse: SentenceParse, mention: Match, actors: ActorTable) -> str:
    """The actor that speaks through ``mention``: a person's state when the mention is the person's
    possessive before a noun of ``INSTITUTION_NOUNS`` and the person's group is a state ("Lavrov's ministry"
    is Russia's; "Johnson's government" stays Johnson's, his group being Europe); else the mention's actor."""
    label = mention.label
    if mention.form != "possessive" or actors.kind[label] != "person":
        return label  # most subjects: no words to read
    keys = [t.key for t in parse.tokens[mention.last : mention.last + 2]]
    noun = keys[1:2] if keys[:1] == ["s"] else keys[:1]  # past the "s" of "'s"
    state = actors.group[label]
    return state if noun and noun[0] in INSTITUTION_NOUNS and actors.kind.get(state) == "state" else label


#: Words opening a condition or an open question: a verb in its clause states no position ("If China truly
#: wanted this war to stop, it could ...", "Asked whether Moscow would accept ...").
CONDITIONALS = frozenset({"if", "unless", "whether", "لو", "اذا"})


def _hypothetical(parse: SentenceParse, k: int) -> bool:
    """True when the verb at token k is in a question, or in a condition: a conditional word earlier in its
    clause (since the last comma, semicolon or colon)."""
    if parse.text.rstrip(' "”»)').endswith(("?", "؟")):  # "Will Europe accept the plan?"
        return True
    start = parse.tokens[k].start
    clause_from = max(parse.text.rfind(p, 0, start) for p in ",;:،")
    return any(t.key in CONDITIONALS for t in parse.tokens[:k] if t.start > clause_from)


#: Words between a participle and the name before it that make that name its subject ("IAEA chief Rafael
#: Grossi was quoted as saying", "Vereshchuk responded, saying").
PARTICIPLE_BRIDGE = frozenset("was is were are quoted cited as also then later responded replied".split())


def _participle_subject(parse: SentenceParse, k: int, usable: list[Match]) -> Match | None:
    """The actor named right before the participle at token k, past only ``PARTICIPLE_BRIDGE`` words."""
    before = [m for m in usable if m.last <= k]
    if not before:
        return None
    m, between = before[-1], parse.tokens[before[-1].last : k]
    if _after_with(parse, m.first) and all(_adverb(t.key) for t in between):
        return m  # "..., with President Joe Biden often vowing to ...", "with the Kremlin denying ..."
    # a name right before the participle is the last clause's object ("بالتعاون مع أوروبا، مضيفا")
    return m if between and all(t.key in PARTICIPLE_BRIDGE for t in between) else None


def _after_with(parse: SentenceParse, first: int) -> bool:
    """True when "with" stands before token ``first``, past "the" and capitalised title words at most."""
    i = first - 1
    while (
        i >= 0
        and first - i <= TITLE_WORDS
        and (parse.tokens[i].key == "the" or parse.text[parse.tokens[i].start].isupper())
    ):
        i -= 1
    return i >= 0 and parse.tokens[i].key == "with"


def _adverb(key: str) -> bool:
    """An English adverb between a subject and its participle ("often", "publicly")."""
    return key in VERB_ADVERBS or key in ("often", "still", "now") or (len(key) > 4 and key.endswith("ly"))


#: English words between an aside's closing comma and its verb ("Germany, which has Europe's biggest economy,
#: has said ...").
ASIDE_AUXILIARIES = frozenset("has have had is are was were will would also again already".split())


def _subject_before_aside(parse: SentenceParse, k: int, usable: list[Match]) -> int | None:
    """Index in ``usable`` of the subject of a verb at token k that follows an aside closed by a comma: the
    actor right before a relative pronoun that opens it ("ترامب، الذي التقى بوتين، قال"; "ترامب الذي
    انتهت قمته ...، قال"; "Witkoff, who met Putin, said") or, in English, right before the aside's opening
    comma ("Lavrov, speaking in Moscow, rejected"). Arabic commas also join clauses:
    Arabic needs the pronoun."""
    while k > 0 and parse.tokens[k - 1].key in ASIDE_AUXILIARIES:  # "Germany, which ..., has said"
        k -= 1
    if k == 0:
        return None
    before = parse.text[: parse.tokens[k].start].rstrip()
    if not before or before[-1] not in ",،":
        return None
    opening = max(before.rfind(",", 0, len(before) - 1), before.rfind("،", 0, len(before) - 1))
    for i, m in enumerate(usable):
        if m.last < k and parse.tokens[m.last].key in RELATIVES and parse.tokens[m.last].start > opening:
            return None if _after_preposition(parse, m) else i
    if has_arabic(before) or not before.endswith(","):
        return None
    ends = [i for i, m in enumerate(usable) if m.end <= opening and not parse.text[m.end : opening].strip()]
    # not a preposition's object: "the ex-mayor of Oral in Kazakhstan, Samigullo Urazov, confirmed"
    return ends[-1] if ends and not _after_preposition(parse, usable[ends[-1]]) else None


def speaking_for(speaker: str, word: str, gazetteer: Gazetteer | ActorTable) -> list[str]:
    """Who a speaker's first person is: "we", "our" of a state's official is the state (its group), "I" the
    speaker."""
    actors = ActorTable.of(gazetteer)
    group = actors.group[speaker]
    if word in FIRST_PLURAL and group in actors.kind and actors.kind[group] == "state":
        return [group]
    return [speaker]


def _possessive_before(parse: SentenceParse, k: int) -> Match | None:
    """The possessive actor mention right before token k ("Trump’s" in "Trump’s call"), if any."""
    return next((m for m in parse.actors if m.form == "possessive" and m.last in (k, k - 1)), None)


def _quoted_before(parse: SentenceParse, at: int) -> bool:
    """True when the sentence opens with a quote that closes before character ``at`` (a subject's or a verb's
    start): the quote is the position ('"We are ready," Zelenskyy told reporters in Kyiv' is about
    readiness, not Kyiv)."""
    return parse.text.lstrip()[:1] in ('"', "“", "«") and bool(
        _QUOTE_CLOSE.search(parse.text[:at].lstrip()[1:])
    )


#: What ends a dateline between a place and the verb: a colon, or a dash after the place ("روما- قالت").
_DATELINE_END = re.compile(r":|^\s*[-–—]")


def _inverted(parse: SentenceParse, cue: Match, cues: StanceCues) -> bool:
    """True when an English speech verb follows a quote or a comma ("...,” said X"), unless the comma closes
    an apposition naming the subject ("Poland's foreign minister, Radoslaw Sikorski, said ..."), or the verb
    after a comma judges its object (``StanceCues.toward_object``: "Wicker Takes to Senate Floor, Slams
    Murderous Dictator Putin": Putin is slammed, not the speaker)."""
    before = parse.text[: cue.start].rstrip()
    if cue.label != "speech" or before[-1:] not in (",", "”", '"', "'"):
        return False
    if before[-1] == "," and parse.tokens[cue.first].key in cues.toward_object:
        return False
    opening = before[:-1].rfind(",")
    named = parse.text[opening + 1 : len(before) - 1].strip()
    return not (before[-1] == "," and any(parse.text[m.start : m.end] == named for m in parse.actors))


def _quote_open_after(text: str, open_quote: bool) -> bool:
    """Whether a quote is still open after ``text``, given whether one was open before it."""
    depth = int(open_quote)
    for ch in _QUOTE_MARK.findall(text):
        if ch in "“«":
            depth += 1
        elif ch in "”»":
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 0 if depth else 1
    return depth > 0


def _resolve_pronoun(pronoun, pron_i, parse, usable, context, actors: ActorTable, cues) -> list[str]:
    """He/She -> a person; They -> any actor(s): first actor earlier in the sentence (a group or a
    coordinated run, not a lone person: "pressure on Putin, and they condemned ..."), else (They) the
    actors that opened the sentence before as its coordinated subject, else the paragraph's last source or
    named actor, else the previous paragraph's last source."""
    person, plural = cues.pronouns[pronoun] == "person", cues.pronouns[pronoun] == "plural"
    # not a name inside a quote that closes before the pronoun ('"Putin is not serious," he said'), nor a
    # person that quote names ('"we see no signs that President Putin is preparing for peace," he said'
    # after a paragraph about Putin: the document's last other speaker)
    closed = not _quote_open_after(parse.text[: parse.tokens[pron_i].start], False)
    in_quote = [
        closed and m.last <= pron_i and _quote_open_after(parse.text[: m.start], False) for m in usable
    ]
    quoted = {m.label for m, q in zip(usable, in_quote, strict=True) if q} if person else set()
    # nor, in a speech, its speaker, who says "I" ("And he ignored the opportunity ..." is someone else)
    quoted.add(context.get("speaker", ""))
    ok = (lambda a: actors.kind[a] == "person" and a not in quoted) if person else (lambda a: True)
    earlier = [i for i, m in enumerate(usable) if m.last <= pron_i and ok(m.label) and not in_quote[i]]
    for i in earlier:
        run = [m.label for m in _coordinated(parse, i, 1, usable) if ok(m.label)]
        if not plural or len(run) > 1 or actors.kind[run[0]] != "person":
            return run
    before = context.get("previous_sentence")
    if not person and before is not None and before.plural_subject:  # "Blinken and Kuleba discussed ... They"
        return list(before.plural_subject)
    if not person and context.get("readout") and len(context.get("callers", [])) == 2:
        return list(context["callers"])  # "They agreed ..." in a readout of a call: its two callers
    last_sources = [a for a in context.get("sources", []) if ok(a)]
    if last_sources:
        return last_sources
    named = [a for a in context.get("named", []) if ok(a)]
    if named:
        return named[-1:]
    previous = [a for a in context.get("previous", []) if ok(a)]  # "…, he said." opening a paragraph
    if previous or not quoted:
        return previous
    return [a for a in context.get("spoken", []) if ok(a)][-1:]


#: First words after a headline colon that make the part before it a topic, not a speaker: questions and
#: news-page labels ("Ukraine: What We Know", "Russia: live updates", "أوكرانيا: ماذا نعرف").
TOPIC_OPENERS = frozenset(
    "what how why who when where which live latest timeline explainer "
    "ما ماذا كيف لماذا من متى اين اهم".split()
)


def _colon_source(parse: SentenceParse, heading: bool, confidence: float) -> Attribution | None:
    """Headline attribution 'موسكو: ...': an actor named alone right before a colon, or speaking to another
    ("Blinken to Lavrov: ...", "بوتين لترامب: ...": the first speaks)."""
    if not heading or ":" not in parse.text:
        return None
    colon = parse.text.index(":")
    after = next((t.key for t in parse.tokens if t.start > colon), "")
    if after in TOPIC_OPENERS:
        return None  # "Ukraine: What We Know", "أوكرانيا: ماذا نعرف": a topic, no one speaks
    lead = re.split(r"\.\.+|[.|—–-]", parse.text[:colon])[-1].strip()
    named = [m for m in parse.actors if m.end <= colon and parse.text[m.start : m.end] == lead]
    if not named:
        named = _speaking_to(parse, lead, colon)
    first = next((i for i, t in enumerate(parse.tokens) if t.start > colon), len(parse.tokens))
    if named:  # the words after the colon are the speaker's
        source, cue_first, scope = named[-1], first, (first, len(parse.tokens))
    else:  # "...: UK statement at ...": the words before it are
        source = _statement_label(parse, first)
        if source is None:
            return None
        cue_first, scope = source.first, (0, first)
    label = source.label
    return Attribution([label], ":", "speech", "colon", confidence, cue_first, *scope, rule="headline colon")


#: Words after an actor that make a title's part after its colon the label of a statement ("Russia must end
#: its war: UK statement at the UN Security Council", as government sites title them): that actor speaks the
#: part before.
STATEMENT_NOUNS = frozenset("statement remarks speech address".split())


def _statement_label(parse: SentenceParse, first: int) -> Match | None:
    """The actor whose statement the part of a title after its colon labels ("...: UK statement at the OSCE"):
    the mention that opens that part, followed by a noun of ``STATEMENT_NOUNS``; else None."""
    opening = [m for m in parse.actors if m.first == first]
    after = parse.tokens[opening[0].last].key if opening and opening[0].last < len(parse.tokens) else ""
    return opening[0] if after in STATEMENT_NOUNS else None


def _speaking_to(parse: SentenceParse, lead: str, colon: int) -> list[Match]:
    """The speaker of a headline lead "X to Y" ("Blinken to Lavrov") or "X لY" ("بوتين لترامب", ل written on
    Y's name): [X], else []."""
    before = [m for m in parse.actors if m.end <= colon]
    if len(before) < 2:
        return []
    x, y = before[-2:]
    between = parse.text[x.end : y.start]
    joined = between == " " and _proclitic(parse.tokens[y.first]) == "ل"  # "لترامب", "للافروف"
    addressed = between.strip().casefold() == "to" or joined
    return [x] if addressed and parse.text[x.start : y.end] == lead else []


#: Issues whose owner is their agent, a target in its own right: "Russian airstrikes" and "الهجوم الروسي" are
#: about Russia, while "the American plan" is about the plan.
AGENT_ISSUES = frozenset({"war"})


def _absorbed(actor: Match, issues: list[Match], text: str) -> bool:
    """An actor inside an issue phrase, or its adjective/possessive owner (not an act of war's): before the
    issue in English ("Ukraine's NATO membership"), after it in Arabic, where a nisba adjective follows its
    noun ("الخطة الأمريكية"; "الحكومة البريطانية الهجوم" leaves the government the verb's subject)."""
    inside = any(issue.first <= actor.first and actor.last <= issue.last for issue in issues)
    return inside or any(issue.label not in AGENT_ISSUES and owns(actor, issue, text) for issue in issues)


def owns(actor: Match, issue: Match, text: str) -> bool:
    """True when ``actor`` is the adjective or possessive owner of ``issue`` in ``text``: right before it in
    English ("Ukraine's NATO membership", "Russian strikes"), right after it in Arabic ("الهجوم الروسي")."""
    arabic = has_arabic(text[actor.start : actor.end])
    gap = actor.first - issue.last if arabic else issue.first - actor.last
    return actor.form in ("adjective", "possessive") and gap in (0, 1)
