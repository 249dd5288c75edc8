"""Who takes which position toward whom: attribution, source -> target stance records, portrayal, aggregates.

Two things are kept apart. A *stance statement* is an actor's own position: the actor is
the source of the sentence (subject of a reporting verb, speaker of a quote, by-agent of
"perceived by", owner of "demands", a pronoun carried from the paragraph, the name before a
headline colon) and the record names the target, the cue and the words that scored it.
*Portrayal* is the tone of sentences that mention an actor without it speaking. An actor
that is only mentioned gets no stance: no evidence, no stance.

Polarity (English) is VADER's compound score, with VADER's lexicon from the pinned
vaderSentiment package loaded through NLTK without any download, extended by the domain
cues of helpers/resources/stance_cues.yaml. Arabic is never scored with VADER: its cue list
is summed with negation and normalised like VADER's compound.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.actors import Gazetteer, find_mentions, load_gazetteer
from helpers.corpus import kind_of_id
from helpers.lexicon import Match, PhraseMatcher, Token, compile_phrase, known_forms, load_negation, negator_before
from helpers.paths import RESOURCES
from helpers.reliability import prf
from helpers.resource_loader import ResourceError, file_version, read_yaml, string_list
from helpers.text import has_arabic, normalize

CUES_FILE = RESOURCES / "stance_cues.yaml"
ARABIC_VALENCE_FILE = RESOURCES / "arabic_valence.yaml"
#: VADER's neutral band: |compound| below this is polarity 0 (Hutto & Gilbert 2014).
NEUTRAL_THRESHOLD = 0.05
#: VADER's compound normalisation constant, reused for Arabic cue sums.
VADER_ALPHA = 15
ATTRIBUTION_CLASSES = ("speech", "attitude", "action", "participle", "noun", "according", "relay")
CONFIDENCE_KEYS = ("verb", "quote", "by_agent", "participle", "noun", "colon", "pronoun", "according", "inverted",
                   "carried", "speaker")
#: Tokens after an Arabic verb within which its subject is looked for (past a title: "قال وزير الخارجية الروسي سيرغي لافروف").
ARABIC_SUBJECT_WINDOW = 8
#: Tokens after "according to" / "وفق" / "عن" within which the source is looked for.
SOURCE_AFTER_WINDOW = 6
#: Words that open a complement clause, a speech or a prepositional object: a verb's subject is not looked for past them.
COMPLEMENTISERS = frozenset({"ان", "بان", "لان", "انه", "انها", "بانه", "بانها", "على", "عن", "الى", "that", "if",
                             "whether"})
#: First-person words: a sentence that speaks in the first person continues the paragraph's last speaker
#: ("us" is left out: "US" casefolds to it).
FIRST_SINGULAR = frozenset({"i", "my", "me", "انا", "اعتقد", "انني"})
FIRST_PLURAL = frozenset({"we", "our", "ours", "نحن", "نعتقد", "اننا", "لدينا"})
FIRST_PERSON = FIRST_SINGULAR | FIRST_PLURAL
_CLAUSE_BREAK = re.compile(r"[:;«“\"(]")
#: English nouns of a described speaker: "the spokesman said" carries the paragraph's last source.
_DESCRIPTION_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "minister", "president", "official",
                                "officials", "envoy", "leader", "aide", "adviser", "advisor", "secretary", "diplomat",
                                "ministry", "office", "statement", "ambassador"})
#: Double quotes are dropped before VADER: NLTK's VADER strips at most one punctuation mark
#: from a word, so 'peace.”' or '"peace."' would not be found in the lexicon.
_DROP_QUOTES = str.maketrans("", "", "“”«»\"")
QUOTE_PATTERN = re.compile(r"“([^”]+)”|«([^»]+)»|\"([^\"]+)\"")
STATEMENT_COLUMNS = ["doc_id", "segment_id", "parent", "section", "lang", "source", "source_ar", "source_group",
                     "target", "target_ar", "target_kind", "polarity", "score", "cue", "method", "confidence",
                     "polarity_cues", "quote", "evidence", "rule"]
#: The target of a position whose clause names no actor or issue.
NO_TARGET = ("other", "other", "أخرى")
PORTRAYAL_COLUMNS = ["doc_id", "segment_id", "parent", "section", "lang", "actor", "actor_en", "actor_ar",
                     "polarity", "score", "polarity_cues", "evidence"]
QUOTE_COLUMNS = ["doc_id", "segment_id", "quote", "speaker", "cue", "confidence"]
#: A title that names the speaker of the whole text: "Remarks by Ambassador Linda Thomas-Greenfield at ...".
SPEECH_TITLE = re.compile(r"\b(?:remarks|address|speech|statement|keynote|lecture)\s+(?:by|of)\s+(.+)", re.IGNORECASE)
#: Units at the top of a text where a byline ("Ambassador Linda Thomas-Greenfield" on a line of its own) is looked for.
BYLINE_UNITS = 4
#: At most this many words (a title: "President of Russia") before the name in a byline or a speaker label.
SPEAKER_LEAD = 4


# --------------------------------------------------------------------------
# VADER through NLTK, offline
# --------------------------------------------------------------------------
def vader_lexicon_path() -> Path:
    """Path of vader_lexicon.txt inside the pinned vaderSentiment package (MIT licence)."""
    import vaderSentiment

    path = Path(vaderSentiment.__file__).resolve().parent / "vader_lexicon.txt"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: the vaderSentiment package is incomplete; reinstall it "
                                "from requirements.txt (make venv).")
    return path


@lru_cache(maxsize=1)
def vader_analyzer():
    """NLTK's SentimentIntensityAnalyzer with the pinned vaderSentiment lexicon; never downloads.

    NLTK refuses absolute lexicon paths, so the folder that holds the vaderSentiment
    package is put on ``nltk.data.path`` only while the analyzer reads
    ``vaderSentiment/vader_lexicon.txt`` from it, then taken off again: no file is copied
    or written and NLTK's search path is left as it was.
    """
    import nltk
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    package_parent = str(vader_lexicon_path().parent.parent)
    nltk.data.path.insert(0, package_parent)
    try:
        return SentimentIntensityAnalyzer(lexicon_file=f"{vader_lexicon_path().parent.name}/vader_lexicon.txt")
    finally:
        nltk.data.path.remove(package_parent)


@lru_cache(maxsize=8)
def domain_analyzer(cues_path: str, version: int | None = None):
    """A VADER analyzer whose lexicon is VADER's plus the domain valences of the cue file."""
    analyzer = copy.copy(vader_analyzer())
    analyzer.lexicon = {**vader_analyzer().lexicon, **load_stance_cues(cues_path).valence}
    return analyzer


# --------------------------------------------------------------------------
# The cue file
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class StanceCues:
    """Attribution cues, confidences, English valences, the Arabic valence lexicon and issue targets."""

    path: Path
    version: object
    confidence: dict[str, float]
    pronouns: dict[str, str]            # pronoun -> 'person' | 'any'
    valence: dict[str, float]           # English domain valences (VADER scale)
    arabic_valence: dict[str, float]    # Arabic lexicon entry -> valence (arabic_valence.yaml)
    issues: pd.DataFrame                # id, en, ar
    cue_matcher: PhraseMatcher
    issue_matcher: PhraseMatcher
    arabic_matcher: PhraseMatcher       # the Arabic valence entries (label = the entry as written)


def load_stance_cues(path: str | Path | None = None, arabic_path: str | Path | None = None) -> StanceCues:
    """Read and check the stance cue file and the Arabic valence lexicon (defaults: helpers/resources/)."""
    path = Path(path) if path is not None else CUES_FILE
    arabic = Path(arabic_path) if arabic_path is not None else ARABIC_VALENCE_FILE
    return _load_stance_cues(str(path), file_version(path), str(arabic), file_version(arabic))


@lru_cache(maxsize=8)
def _load_stance_cues(path_str: str, version: int | None, arabic_str: str, arabic_version: int | None) -> StanceCues:
    path = Path(path_str)
    data = read_yaml(path, required=("version", "attribution", "confidence", "pronouns", "valence", "targets"))
    attribution = data["attribution"]
    if not isinstance(attribution, dict) or set(attribution) - set(ATTRIBUTION_CLASSES):
        raise ResourceError(f"{path}: 'attribution' must map the classes {', '.join(ATTRIBUTION_CLASSES)} to word lists.")
    confidence = data["confidence"]
    missing = [k for k in CONFIDENCE_KEYS if not isinstance(confidence, dict) or k not in confidence]
    if missing:
        raise ResourceError(f"{path}: 'confidence' lacks {', '.join(missing)} (numbers between 0 and 1).")
    for key, value in confidence.items():
        if not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ResourceError(f"{path}: confidence {key!r} must be a number between 0 and 1; got {value!r}.")
    valence = _valences(path, data["valence"], "valence", "en")
    arabic_data = read_yaml(arabic_str, required=("version", "cues"))
    arabic_valence = _valences(Path(arabic_str), arabic_data["cues"], "cues", "ar")
    issue_rows, issue_matcher = _issues(path, data["targets"])
    words = {cls: string_list(ws, f"{path}: attribution.{cls}") for cls, ws in attribution.items()}
    cue_known = known_forms([*(w for ws in words.values() for w in ws), *arabic_valence])
    cue_phrases = [compile_phrase(cls, cls, form, cue_known) for cls, ws in words.items() for word in ws
                   for form in _with_conjunction(word)]
    pronouns = {}
    for kind in ("person", "any"):
        for word in string_list(data["pronouns"].get(kind) if isinstance(data["pronouns"], dict) else None,
                                f"{path}: pronouns.{kind}", "en"):
            pronouns[word.casefold()] = kind
    arabic_matcher = PhraseMatcher([compile_phrase(w, "valence", w, cue_known) for w in arabic_valence], cue_known)
    return StanceCues(path, data["version"], {k: float(v) for k, v in confidence.items()}, pronouns,
                      {normalize(k).casefold(): v for k, v in valence.items()}, arabic_valence,
                      pd.DataFrame(issue_rows).set_index("id", drop=False),
                      PhraseMatcher(cue_phrases, cue_known), issue_matcher, arabic_matcher)


def _with_conjunction(word: str) -> list[str]:
    """An Arabic cue also written with و or ف attached (وقال، فأكد); an English cue as it is."""
    if not has_arabic(word) or " " in word:
        return [word]
    return [word, "و" + word, "ف" + word]


def _valences(path: Path, entries: object, where: str, script: str) -> dict[str, float]:
    if not isinstance(entries, dict) or not entries:
        raise ResourceError(f"{path}: '{where}' must map words to {{value: number, why: reason}}.")
    out = {}
    for word, entry in entries.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), (int, float)) or not entry.get("why"):
            raise ResourceError(f"{path}: {where} entry {word!r} needs a numeric 'value' (-4..4) and a 'why'.")
        if not -4 <= entry["value"] <= 4:
            raise ResourceError(f"{path}: {where} entry {word!r}: value {entry['value']} is outside VADER's -4..4 scale.")
        if (script == "ar") != has_arabic(str(word)):
            raise ResourceError(f"{path}: {where} entry {word!r} is in the wrong script for this list.")
        out[str(word)] = float(entry["value"])
    return out


def _issues(path: Path, targets: object):
    if not isinstance(targets, list) or not targets:
        raise ResourceError(f"{path}: 'targets' must be a list of issue entries (- id: talks ...).")
    rows, aliases = [], []
    for i, entry in enumerate(targets, start=1):
        where = f"{path}: targets entry {i}"
        if not isinstance(entry, dict) or not {"id", "en", "ar", "aliases_en"} <= set(entry):
            raise ResourceError(f"{where}: needs keys id, en, ar, aliases_en (and aliases_ar).")
        rows.append({"id": entry["id"], "en": entry["en"], "ar": entry["ar"], "broader": entry.get("broader", entry["id"])})
        for key, script in (("aliases_en", "en"), ("aliases_ar", "ar")):
            aliases += [(entry["id"], a) for a in string_list(entry.get(key), f"{where} ({entry['id']}), {key}", script)]
    known = known_forms(a for _, a in aliases)
    rows.append({"id": NO_TARGET[0], "en": NO_TARGET[1], "ar": NO_TARGET[2], "broader": NO_TARGET[0]})
    unknown = {r["broader"] for r in rows} - {r["id"] for r in rows}
    if unknown:
        raise ResourceError(f"{path}: 'broader' names {sorted(unknown)}, which are not target ids.")
    return rows, PhraseMatcher([compile_phrase(label, "issue", a, known) for label, a in aliases], known)


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------
def polarity_of(score: float) -> int:
    """-1, 0 or +1 from a score with VADER's neutral band of +-0.05."""
    return 0 if abs(score) < NEUTRAL_THRESHOLD else (1 if score > 0 else -1)


def score_text(text: str, cues: StanceCues | None = None) -> tuple[float, str]:
    """(score in [-1, 1], the lexicon words that moved it) for English (VADER + domain cues) or Arabic (cues)."""
    cues = cues or load_stance_cues()
    if has_arabic(text):
        return _score_arabic(text, cues)
    analyzer = domain_analyzer(str(cues.path), file_version(Path(cues.path)))
    text = normalize(text).translate(_DROP_QUOTES)
    score = analyzer.polarity_scores(text)["compound"]
    words = [w.strip(".,;:!?\"'()").casefold() for w in text.split()]
    found = [f"{w}({analyzer.lexicon[w]:+.1f}{'*' if w in cues.valence else ''})"
             for w in dict.fromkeys(words) if w in analyzer.lexicon]
    return round(score, 4), "; ".join(found)


def _score_arabic(text: str, cues: StanceCues) -> tuple[float, str]:
    """Sum of the Arabic lexicon's valences (negated ones flipped), normalised like VADER's compound."""
    tokens = cues.arabic_matcher.tokens(text)
    keys = [t.key for t in tokens]
    negation = load_negation()
    total, found = 0.0, []
    for m in cues.arabic_matcher.find(text, tokens):
        value = cues.arabic_valence[m.label]
        negated = bool(negator_before(keys, m.first, negation))
        total += -value if negated else value
        found.append(f"{'not ' if negated else ''}{m.label}({value:+.1f})")
    score = total / math.sqrt(total * total + VADER_ALPHA) if total else 0.0
    return round(score, 4), "; ".join(found)


# --------------------------------------------------------------------------
# Attribution
# --------------------------------------------------------------------------
@dataclass
class Attribution:
    """One source (or several, coordinated) taking a position at a cue, with the clause it governs."""

    sources: list[str]
    cue: str
    cue_class: str
    method: str
    confidence: float
    cue_first: int         # token index of the cue
    scope_first: int       # first token of the clause the cue governs
    scope_last: int        # one past its last token
    target_before: bool = False   # passive "X, perceived by Y": the target precedes the cue
    rule: str = ""         # which attribution pattern fired (the `rule` column of the statements)
    object_at: int = -1    # where a direct object of the cue would start ("accused Ukraine", "اتهم بوتين أوروبا")
    whole: bool = False    # "according to X": the position is the rest of the sentence, before or after
    needs_target: bool = False  # no record unless the clause names a target (a relay, a speech's plain sentence)


@dataclass
class SentenceParse:
    """The words, actor mentions, issue mentions and cues of one sentence."""

    text: str
    tokens: list[Token]
    actors: list[Match]
    issues: list[Match]
    cues: list[Match]


def parse_sentence(text: str, gazetteer: Gazetteer, cues: StanceCues) -> SentenceParse:
    """Find the actors, issues and attribution cues of one sentence (same token indices for all)."""
    tokens = gazetteer.matcher.tokens(text)
    actors = find_mentions(text, gazetteer, tokens)
    inside = {i for m in actors for i in range(m.first, m.last)}  # "States" in "United States" is no cue
    return SentenceParse(text, tokens, actors, cues.issue_matcher.find(text),
                         [c for c in cues.cue_matcher.find(text) if c.first not in inside])


def _coordinated(parse: SentenceParse, idx: int, step: int, usable: list[Match]) -> list[Match]:
    """The actor mention usable[idx] plus those joined to it by 'and' (or و) in direction ``step``."""
    run = [usable[idx]]
    j = idx + step
    while 0 <= j < len(usable):
        a, b = (usable[j], run[-1]) if step < 0 else (run[-1], usable[j])
        gap = parse.text[a.end:b.start].strip().casefold()
        if gap not in ("and", ", and", "&", "و") and not (gap == "" and parse.text[b.start] == "و"):
            break
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


def _actor_after(parse: SentenceParse, start: int, usable: list[Match], window: int, stop_at_clause: bool = True):
    """Index in ``usable`` of the first actor starting within ``window`` tokens from ``start``, before a clause opens."""
    for i, m in enumerate(usable):
        if m.first < start:
            continue
        if m.first >= start + window:
            return None
        between = parse.tokens[start:m.first]
        if stop_at_clause and (any(t.key in COMPLEMENTISERS for t in between) or
                               _CLAUSE_BREAK.search(parse.text[parse.tokens[start - 1].end if start else 0:m.start])):
            return None
        return i
    return None


def sentence_attributions(parse: SentenceParse, context: dict, gazetteer: Gazetteer, cues: StanceCues,
                          heading: bool = False) -> list[Attribution]:
    """The attributions of one sentence; ``context`` carries the paragraph's last sources and named actors."""
    conf = cues.confidence
    usable = [m for m in parse.actors if not _absorbed(m, parse.issues)]
    out: list[Attribution] = []
    colon = _colon_source(parse, heading, conf["colon"])
    if colon:
        out.append(colon)
    end = len(parse.tokens)  # provisional: each clause is closed at the next attribution below
    for cue in parse.cues:
        k, cls, word = cue.first, cue.label, parse.text[cue.start:cue.end]
        att = None
        if any(a.cue_first < k < a.object_at for a in out):
            continue  # a cue word inside the source's own words ("المتحدثة باسم ...")
        if cls == "noun":
            owner = [m for m in parse.actors if m.last == k or (m.form == "possessive" and m.last == k - 1)]
            if owner and not _is_object(parse, owner[-1].first):
                att = Attribution([owner[-1].label], word, cls, "noun", conf["noun"], k, k + 1, end, rule="noun owner")
        elif cls in ("according", "relay"):
            att = _source_after(parse, cue, usable, conf["according"])
        elif k + 1 < len(parse.tokens) and parse.tokens[k + 1].key == "by":
            after = [i for i, m in enumerate(usable) if m.first >= k + 2]
            if after and usable[after[0]].first <= k + 3:
                run = _coordinated(parse, after[0], 1, usable)
                att = Attribution([m.label for m in run], word, cls, "by_agent", conf["by_agent"], k, run[-1].last, end,
                                  target_before=True, rule="passive by-agent")
        elif cls == "participle":
            prev = out[-1].sources if out else [m.label for m in usable[:1]]
            if prev:
                att = Attribution(list(prev), word, cls, "participle", conf["participle"], k, k + 1, end,
                                  rule="participle")
        else:
            att = _verb_attribution(parse, cue, end, usable, context, gazetteer, cues)
        if att:
            out.append(att)
    out.sort(key=lambda a: a.cue_first)
    for att, following in zip(out, out[1:]):
        if not att.whole:
            att.scope_last = max(att.scope_first, following.cue_first)
            # "X confirmed that Y rejected ...": X relays Y's position; X holds one only if its own clause names a target
            att.needs_target = following.cue_class == "speech" and any(
                t.key in COMPLEMENTISERS for t in parse.tokens[att.cue_first:following.cue_first])
    return out


def _is_object(parse: SentenceParse, i: int) -> bool:
    """True when the words at token i follow a verb form (a cue, or an English -ing / -ed word) as its object:
    "meeting Russia's demands" only mentions a position; "the core Russian demands include ..." holds one."""
    if i == 0:
        return False
    before = parse.tokens[i - 1]
    return any(c.last == i for c in parse.cues) or before.key.endswith(("ing", "ed"))


def _source_after(parse: SentenceParse, cue: Match, usable: list[Match], confidence: float) -> Attribution | None:
    """"according to X" / "وفق X" / "نقلت ... عن X": the actor after the cue (after عن for a relay verb)."""
    start = cue.last
    if cue.label == "relay":
        an = next((i for i in range(cue.last, min(len(parse.tokens), cue.last + SOURCE_AFTER_WINDOW))
                   if parse.tokens[i].key in ("عن", "from")), None)
        if an is None:
            return None
        start = an + 1
    idx = _actor_after(parse, start, usable, SOURCE_AFTER_WINDOW, stop_at_clause=False)
    if idx is None:
        return None
    run = _coordinated(parse, idx, 1, usable)
    return Attribution([m.label for m in run], parse.text[cue.start:cue.end], "speech", "according", confidence,
                       cue.first, 0, len(parse.tokens), rule=f"{cue.label} + source", object_at=run[-1].last,
                       whole=True)


def _verb_attribution(parse, cue, end, usable, context, gazetteer, cues) -> Attribution | None:
    """Source of a reporting, attitude or action verb: its subject (after it in Arabic first), or a carried source."""
    k, conf, word = cue.first, cues.confidence, parse.text[cue.start:cue.end]
    arabic = has_arabic(word)
    if arabic:  # verb-subject order first, past a title
        idx = _actor_after(parse, cue.last, usable, ARABIC_SUBJECT_WINDOW)
        if idx is not None:
            run = _coordinated(parse, idx, 1, usable)
            return Attribution([m.label for m in run], word, cue.label, "verb", conf["verb"], k, run[-1].last, end,
                               rule="verb-subject (ar)", object_at=run[-1].last)
    elif _inverted(parse, cue):  # "..., said Peskov" / "“...”, said the Kremlin spokesman Dmitry Peskov"
        idx = _actor_after(parse, cue.last, usable, 5)
        if idx is not None:
            run = _coordinated(parse, idx, 1, usable)
            return Attribution([m.label for m in run], word, cue.label, "inverted", conf["inverted"], k, run[-1].last,
                               end, rule="verb-subject (en, after a quote)")
    speaker = context.get("speaker")
    pronouns = {**cues.pronouns, **dict.fromkeys(FIRST_PERSON, "first")} if speaker else cues.pronouns
    kind, found, pron_i = _subject_before(parse, k, usable, pronouns)
    if kind == "pronoun" and found in FIRST_PERSON:  # "we welcome ..." in a speech: its speaker
        return Attribution(speaking_for(speaker, found, gazetteer), f"{found} {word}", cue.label, "speaker",
                           conf["speaker"], k, cue.last, end, rule="speaker (first person)", object_at=cue.last)
    if kind == "actor":
        return Attribution([m.label for m in found], word, cue.label, "verb", conf["verb"], k, cue.last, end,
                           rule="subject-verb", object_at=cue.last)
    if kind == "pronoun":
        sources = _resolve_pronoun(found, pron_i, parse, usable, context, gazetteer, cues)
        if sources:
            return Attribution(sources, f"{parse.text[parse.tokens[pron_i].start:parse.tokens[pron_i].end]} {word}",
                               cue.label, "pronoun", conf["pronoun"], k, cue.last, end, rule="pronoun",
                               object_at=cue.last)
    described = k > 0 and parse.tokens[k - 1].key in _DESCRIPTION_NOUNS
    carried = context.get("sources") or (k == 0 and context.get("previous"))  # "وأضاف" opening a paragraph
    if carried and cue.label == "speech" and (arabic or described):
        return Attribution(list(carried), word, cue.label, "carried", conf["carried"], k, cue.last, end,
                           rule="carried from the paragraph", object_at=cue.last)
    return None


def speaking_for(speaker: str, word: str, gazetteer: Gazetteer) -> list[str]:
    """Who a speaker's first person is: "we", "our" of a state's official is the state (its group), "I" the speaker."""
    group = gazetteer.actors.loc[speaker, "group"]
    if word in FIRST_PLURAL and group in gazetteer.actors.index and gazetteer.actors.loc[group, "kind"] == "state":
        return [group]
    return [speaker]


def _inverted(parse: SentenceParse, cue: Match) -> bool:
    """True when an English speech verb follows a quote or a comma ("...,” said X")."""
    before = parse.text[:cue.start].rstrip()
    return cue.label == "speech" and before[-1:] in (",", "”", '"', "'")


def _resolve_pronoun(pronoun, pron_i, parse, usable, context, gazetteer, cues) -> list[str]:
    """He/She -> a person; They -> any actor(s): first actor earlier in the sentence, else the paragraph's last."""
    person = cues.pronouns[pronoun] == "person"
    ok = (lambda a: gazetteer.actors.loc[a, "kind"] == "person") if person else (lambda a: True)
    earlier = [i for i, m in enumerate(usable) if m.last <= pron_i and ok(m.label)]
    if earlier:
        return [m.label for m in _coordinated(parse, earlier[0], 1, usable) if ok(m.label)]
    last_sources = [a for a in context.get("sources", []) if ok(a)]
    if last_sources:
        return last_sources
    named = [a for a in context.get("named", []) if ok(a)]
    return named[-1:]


def _colon_source(parse: SentenceParse, heading: bool, confidence: float) -> Attribution | None:
    """Headline attribution 'موسكو: ...': an actor named alone right before a colon."""
    if not heading or ":" not in parse.text:
        return None
    colon = parse.text.index(":")
    lead = re.split(r"\.\.+|[.|—–-]", parse.text[:colon])[-1].strip()
    named = [m for m in parse.actors if m.end <= colon and parse.text[m.start:m.end] == lead]
    if not named:
        return None
    first = next((i for i, t in enumerate(parse.tokens) if t.start > colon), len(parse.tokens))
    return Attribution([named[-1].label], ":", "speech", "colon", confidence, first, first, len(parse.tokens),
                       rule="headline colon")


def _absorbed(actor: Match, issues: list[Match]) -> bool:
    """An actor inside an issue phrase, or its adjective/possessive owner ('Ukraine's NATO membership')."""
    for issue in issues:
        if issue.first <= actor.first and actor.last <= issue.last:
            return True
        if actor.form in ("adjective", "possessive") and issue.first - actor.last in (0, 1):
            return True
    return False


# --------------------------------------------------------------------------
# Stance records per document
# --------------------------------------------------------------------------
def document_stance(sentences: pd.DataFrame, gazetteer: Gazetteer | None = None,
                    cues: StanceCues | None = None, speaker: str = "") -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
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
        if not atts and context["sources"] and not in_speech and _continues_speech(parse, context["open_quote"]):
            atts = [Attribution(list(context["sources"]), "", "speech", "carried", cues.confidence["carried"], 0, 0,
                                len(parse.tokens), rule="quote continuation", whole=True)]
        if not atts and in_speech:
            first = label_end or 0
            person = [t.key for t in parse.tokens if t.key in FIRST_PERSON]
            voice = FIRST_SINGULAR.isdisjoint(person) and person[0] if person else ""
            atts = [Attribution(speaking_for(speaker, voice, gaz), "", "speech", "speaker", cues.confidence["speaker"], first, first,
                                len(parse.tokens), rule=speaker_rule, object_at=first, whole=True, needs_target=True)]
        context["open_quote"] = _quote_open_after(sent.text, context["open_quote"])
        speakers = {a for att in atts for a in att.sources}
        statements += _records(sent, parse, atts, gaz, cues)
        quotes += _quotes(sent, parse, atts, gaz)
        portrayal += _portrayal(sent, parse, speakers, gaz, cues)
        if atts:
            context["sources"] = atts[-1].sources
        context["named"] += [m.label for m in parse.actors]
    st = pd.DataFrame(statements, columns=STATEMENT_COLUMNS)
    st = (st.sort_values(["confidence"], ascending=False, kind="stable")
            .drop_duplicates(["segment_id", "source", "target"]))
    order = {sid: i for i, sid in enumerate(sentences.sort_values("position")["segment_id"])}
    st = st.sort_values(["segment_id"], key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return st, pd.DataFrame(portrayal, columns=PORTRAYAL_COLUMNS), pd.DataFrame(quotes, columns=QUOTE_COLUMNS)


def _speaker_named(parse: SentenceParse, gaz: Gazetteer, kind: str, unit: int,
                   first_sentence: bool) -> tuple[str, int | None]:
    """(actor, None) for a title or byline naming the text's speaker; (actor, token) for a transcript label
    "X: ..." (its words start at that token); ("", None) otherwise."""
    if kind == "title" or (kind == "heading" and unit == 1):
        title = SPEECH_TITLE.search(parse.text)
        if title:
            name = _person_at(parse, gaz, lambda m: m.start >= title.start(1)
                              and parse.text[title.start(1):m.start].count(" ") <= SPEAKER_LEAD)
            if name:
                return name.label, None
    if unit <= BYLINE_UNITS and first_sentence:
        name = _person_at(parse, gaz, lambda m: not parse.text[m.end:].strip(" .,") and _lead_ok(parse, m))
        if name:
            return name.label, None
    colon = parse.text.find(":")
    if first_sentence and colon > 0:
        name = _person_at(parse, gaz, lambda m: not parse.text[m.end:colon].strip() and _lead_ok(parse, m))
        if name:
            return name.label, next((i for i, t in enumerate(parse.tokens) if t.start > colon), len(parse.tokens))
    return "", None


def _person_at(parse: SentenceParse, gaz: Gazetteer, where) -> Match | None:
    """The first person mention of the sentence that satisfies ``where``."""
    return next((m for m in parse.actors if gaz.actors.loc[m.label, "kind"] == "person" and where(m)), None)


def _lead_ok(parse: SentenceParse, m: Match) -> bool:
    """True when only a title stands before the name: at most SPEAKER_LEAD words, no cue, capitalised in English."""
    lead = parse.tokens[:m.first]
    return (len(lead) <= SPEAKER_LEAD and not any(c.first < m.first for c in parse.cues)
            and all(has_arabic(t.exact) or t.exact[:1].isupper() or t.key in ("of", "the") for t in lead))


def _continues_speech(parse: SentenceParse, open_quote: bool) -> bool:
    """True for a sentence inside a quote opened earlier, ending a quote it did not open, or in the first person."""
    text = parse.text.rstrip()
    closes_unopened = text[-1:] in "”»\"" or text[-2:-1] in "”»\""
    opened = any(q in text for q in "“«") or text.count('"') >= 2
    return open_quote or (closes_unopened and not opened) or any(t.key in FIRST_PERSON for t in parse.tokens)


def _quote_open_after(text: str, open_quote: bool) -> bool:
    """Whether a quote is still open after ``text``, given whether one was open before it."""
    depth = int(open_quote)
    for ch in text:
        if ch in "“«":
            depth += 1
        elif ch in "”»":
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 0 if depth else 1
    return depth > 0


def _records(sent, parse: SentenceParse, atts: list[Attribution], gaz: Gazetteer, cues: StanceCues) -> list[dict]:
    """One record per (source, target); the target is found in the cue's clause by ``_target``."""
    later_sources = [{a for other in atts[n + 1:] for a in other.sources} for n in range(len(atts))]
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
            span = parse.text[parse.tokens[lo].start:end].strip() if parse.tokens else parse.text
            score, words = score_text(span, cues)
            t_en, t_ar = gaz.label(target) if kind == "actor" else tuple(cues.issues.loc[target, ["en", "ar"]])
            rows.append({"doc_id": sent.doc_id, "segment_id": sent.segment_id, "parent": sent.parent,
                         "section": sent.section, "lang": sent.lang, "source": gaz.label(source)[0],
                         "source_ar": gaz.label(source)[1], "source_group": gaz.actors.loc[source, "group"],
                         "target": t_en, "target_ar": t_ar, "target_kind": kind, "polarity": polarity_of(score),
                         "score": score, "cue": att.cue, "method": att.method, "confidence": att.confidence,
                         "polarity_cues": words, "quote": "; ".join(_quote_texts(span)), "evidence": sent.text,
                         "rule": att.rule})
    return rows


def _target(parse: SentenceParse, att: Attribution, source: str, usable: list[Match], excluded: set[str],
            gaz: Gazetteer) -> Match | None:
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
        owner = [a for a in atts if a.cue_class in ("speech", "participle") and a.cue_first < first < a.scope_last]
        att = owner[-1] if owner else None
        rows.append({"doc_id": sent.doc_id, "segment_id": sent.segment_id,
                     "quote": next(g for g in m.groups() if g is not None),
                     "speaker": " & ".join(gaz.label(a)[0] for a in att.sources) if att else "",
                     "cue": att.cue if att else "", "confidence": att.confidence if att else 0.0})
    return rows


def _portrayal(sent, parse: SentenceParse, speakers: set[str], gaz: Gazetteer, cues: StanceCues) -> list[dict]:
    """Tone of the sentence for every actor it mentions that is not a source in it."""
    portrayed = [a for a in dict.fromkeys(m.label for m in parse.actors) if a not in speakers]
    if not portrayed:
        return []
    score, words = score_text(sent.text, cues)
    return [{"doc_id": sent.doc_id, "segment_id": sent.segment_id, "parent": sent.parent, "section": sent.section,
             "lang": sent.lang, "actor": a, "actor_en": gaz.label(a)[0], "actor_ar": gaz.label(a)[1],
             "polarity": polarity_of(score), "score": score, "polarity_cues": words, "evidence": sent.text}
            for a in portrayed]


def speaker_id(name: str, gazetteer: Gazetteer, doc_id: str = "") -> str:
    """The actor id of a declared speaker (metadata ``speaker``): an id of the gazetteer, or one of its names."""
    name = str(name).strip()
    if name in gazetteer.actors.index:
        return name
    found = find_mentions(name, gazetteer)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(name):
        return found[0].label
    raise ValueError(f"speaker {name!r} of document {doc_id!r} is not an actor of {gazetteer.path}: give an actor "
                     "id or name from the gazetteer (metadata column 'speaker'), or add the actor there.")


def stance_records(sentences: pd.DataFrame, gazetteer: Gazetteer | None = None, cues: StanceCues | None = None,
                   speakers: dict[str, str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(statements, portrayal, quotes) for every document: per-document results concatenated.

    ``speakers`` maps a doc_id to the actor id whose speech the whole text is (see ``document_stance``).
    """
    gazetteer = gazetteer or load_gazetteer()
    speakers = {doc: speaker_id(name, gazetteer, doc) for doc, name in (speakers or {}).items() if name}
    parts = [document_stance(group, gazetteer, cues, speakers.get(doc, ""))
             for doc, group in sentences.groupby("doc_id", sort=True)]
    if not parts:
        return (pd.DataFrame(columns=STATEMENT_COLUMNS), pd.DataFrame(columns=PORTRAYAL_COLUMNS),
                pd.DataFrame(columns=QUOTE_COLUMNS))
    return tuple(pd.concat([p[i] for p in parts], ignore_index=True) for i in range(3))


# --------------------------------------------------------------------------
# Aggregates
# --------------------------------------------------------------------------
def stance_by_actor(mentions: pd.DataFrame, statements: pd.DataFrame, portrayal: pd.DataFrame,
                    gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Per actor: mentions, own statements and their mean polarity, times targeted, portrayal tone."""
    gaz = gazetteer or load_gazetteer()
    actors = gaz.actors[["actor", "en", "ar", "group"]].reset_index(drop=True)
    own = statements.groupby("source")["polarity"]
    received = statements[statements["target_kind"] == "actor"].groupby("target")["polarity"]
    tone = portrayal.groupby("actor")["score"]
    out = actors.assign(
        mentions=actors["actor"].map(mentions.groupby("actor").size()).fillna(0).astype(int),
        statements=actors["en"].map(own.size()).fillna(0).astype(int),
        mean_polarity=actors["en"].map(own.mean()),
        targeted=actors["en"].map(received.size()).fillna(0).astype(int),
        mean_polarity_received=actors["en"].map(received.mean()),
        portrayal_sentences=actors["actor"].map(tone.size()).fillna(0).astype(int),
        portrayal_tone=actors["actor"].map(tone.mean()),
    )
    return out.round({"mean_polarity": 3, "mean_polarity_received": 3, "portrayal_tone": 3})


def stance_matrix(statements: pd.DataFrame, aggfunc: str = "mean", value: str = "polarity") -> pd.DataFrame:
    """Source x target table of ``aggfunc`` ('mean', 'size', ...) of ``value``; NaN where no statement.

    Rows and columns are ordered by how many statements they hold (ties by name), so the
    mean and the count tables of the same statements line up cell for cell.
    """
    if statements.empty:
        return pd.DataFrame()
    rows = statements["source"].value_counts().sort_index().sort_values(ascending=False, kind="stable").index
    cols = statements["target"].value_counts().sort_index().sort_values(ascending=False, kind="stable").index
    table = statements.pivot_table(index="source", columns="target", values=value, aggfunc=aggfunc)
    return table.reindex(index=rows, columns=cols)


# --------------------------------------------------------------------------
# Validation against the hand coding
# --------------------------------------------------------------------------
HAND_COLUMNS = ["doc_id", "segment_id", "sentence", "source", "target", "polarity"]


def check_hand_coding(hand: pd.DataFrame, sentences: pd.DataFrame, name: str = "hand coding") -> pd.DataFrame:
    """Check a hand-coded stance table: columns, polarity values, and that each sentence is the corpus's."""
    missing = [c for c in HAND_COLUMNS if c not in hand.columns]
    if missing:
        raise ValueError(f"{name}: missing column(s) {', '.join(missing)}; expected {', '.join(HAND_COLUMNS)}.")
    hand = hand.assign(polarity=pd.to_numeric(hand["polarity"], errors="coerce"))
    bad = hand[~hand["polarity"].isin([-1, 0, 1])]
    if len(bad):
        raise ValueError(f"{name}: polarity must be -1, 0 or 1; rows {list(bad.index + 2)} are not.")
    hand["polarity"] = hand["polarity"].astype(int)
    text = sentences.set_index("segment_id")["text"]
    unknown = sorted(set(hand["segment_id"]) - set(text.index))
    if unknown:
        raise ValueError(f"{name}: segment ids {unknown} are not sentences of the loaded corpus "
                         "(did the segmentation change?). Re-key the rows without changing their judgements.")
    drift = hand[hand["sentence"] != hand["segment_id"].map(text)]
    if len(drift):
        raise ValueError(f"{name}: the sentence text of {list(drift['segment_id'])} differs from the corpus; "
                         "the segmentation changed. Re-key the rows without changing their judgements.")
    return hand


def _prf(auto: set, hand: set, measure: str) -> dict:
    tp = len(auto & hand)
    p, r, f = prf(tp, len(auto) - tp, len(hand) - tp)
    return {"measure": measure, "hand": len(hand), "auto": len(auto), "agree": tp,
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def validate_stance(statements: pd.DataFrame, hand: pd.DataFrame,
                    cues: StanceCues | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(precision/recall table, list of misses) of the automatic stance against the hand coding.

    Only documents present in the hand coding are compared. Source attribution is compared
    as (sentence, source) pairs, stance records as (sentence, source, target) and polarity
    sign as (sentence, source, target, sign); a sign is also compared on the records both found.
    Targets are compared at the level of ``broader`` issues (stance_cues.yaml): "US peace plan"
    and "peace plan" are the same target.
    """
    issues = (cues or load_stance_cues()).issues
    broader = dict(zip(issues["en"], issues["broader"].map(issues["en"])))
    auto = statements[statements["doc_id"].isin(set(hand["doc_id"]))]
    auto = auto.assign(target=auto["target"].replace(broader))
    hand = hand.assign(target=hand["target"].replace(broader))
    a_src = set(zip(auto["segment_id"], auto["source"]))
    h_src = set(zip(hand["segment_id"], hand["source"]))
    a_rec = {(s, src, t): p for s, src, t, p in zip(auto["segment_id"], auto["source"], auto["target"], auto["polarity"])}
    h_rec = {(s, src, t): p for s, src, t, p in zip(hand["segment_id"], hand["source"], hand["target"], hand["polarity"])}
    both = set(a_rec) & set(h_rec)
    same_sign = sum(a_rec[k] == h_rec[k] for k in both)
    metrics = pd.DataFrame([
        _prf(a_src, h_src, "source attribution (sentence, source)"),
        _prf(set(a_rec), set(h_rec), "stance record (sentence, source, target)"),
        _prf({(*k, v) for k, v in a_rec.items()}, {(*k, v) for k, v in h_rec.items()},
             "polarity sign (sentence, source, target, sign)"),
        {"measure": "sign agreement on records both found", "hand": len(both), "auto": len(both), "agree": same_sign,
         "precision": round(same_sign / len(both), 3) if both else float("nan"),
         "recall": round(same_sign / len(both), 3) if both else float("nan"), "f1": float("nan")},
    ])
    sentence = {**dict(zip(auto["segment_id"], auto["evidence"])), **dict(zip(hand["segment_id"], hand["sentence"]))}
    rows = [{"problem": "missed (in hand coding only)", "segment_id": k[0], "source": k[1], "target": k[2],
             "hand_polarity": h_rec[k], "auto_polarity": None} for k in sorted(set(h_rec) - set(a_rec))]
    rows += [{"problem": "extra (automation only)", "segment_id": k[0], "source": k[1], "target": k[2],
              "hand_polarity": None, "auto_polarity": a_rec[k]} for k in sorted(set(a_rec) - set(h_rec))]
    rows += [{"problem": "sign differs", "segment_id": k[0], "source": k[1], "target": k[2],
              "hand_polarity": h_rec[k], "auto_polarity": a_rec[k]} for k in sorted(both) if a_rec[k] != h_rec[k]]
    misses = pd.DataFrame(rows, columns=["problem", "segment_id", "source", "target", "hand_polarity", "auto_polarity"])
    misses["sentence"] = misses["segment_id"].map(sentence)
    return metrics, misses
