"""The lexicons and cue lists of stance: VADER's pinned lexicon, stance_cues.yaml and arabic_valence.yaml.

VADER's lexicon comes from the pinned vaderSentiment package, loaded through NLTK without any
download. The cue file and the Arabic valence lexicon are read through
``helpers.resource_loader`` (errors that name the file and entry, cached on the file contents);
a ``StanceCues`` object carries VADER extended by its domain valences (``StanceCues.analyzer``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from helpers.lexicon import (
    PhraseMatcher,
    compile_phrase,
    known_forms,
    token_key,
    with_accusative,
    with_suffixes,
    with_verb_persons,
)
from helpers.paths import RESOURCES
from helpers.resource_loader import ResourceError, cached_on_content, read_yaml, string_list
from helpers.text import has_arabic, normalize

CUES_FILE = RESOURCES / "stance_cues.yaml"
ARABIC_VALENCE_FILE = RESOURCES / "arabic_valence.yaml"
ATTRIBUTION_CLASSES = tuple("speech attitude action purpose participle noun agent according relay".split())
CONFIDENCE_KEYS = (
    "verb",
    "quote",
    "by_agent",
    "participle",
    "noun",
    "colon",
    "pronoun",
    "according",
    "inverted",
    "carried",
    "speaker",
)
#: The target of a position whose clause names no actor or issue.
NO_TARGET = ("other", "other", "أخرى")


# --------------------------------------------------------------------------
# VADER through NLTK, offline
# --------------------------------------------------------------------------
def vader_lexicon_path() -> Path:
    """Path of vader_lexicon.txt inside the pinned vaderSentiment package (MIT licence)."""
    import vaderSentiment

    path = Path(vaderSentiment.__file__).resolve().parent / "vader_lexicon.txt"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: the vaderSentiment package is incomplete; reinstall it "
            "from requirements.txt (make venv)."
        )
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
        return SentimentIntensityAnalyzer(
            lexicon_file=f"{vader_lexicon_path().parent.name}/vader_lexicon.txt"
        )
    finally:
        nltk.data.path.remove(package_parent)


# --------------------------------------------------------------------------
# The cue file
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class StanceCues:
    """Attribution cues, confidences, English valences, the Arabic valence lexicon and issue targets."""

    path: Path
    version: object
    confidence: dict[str, float]
    pronouns: dict[str, str]  # pronoun -> 'person' | 'any' | 'plural'
    valence: dict[str, float]  # English domain valences (VADER scale)
    arabic_valence: dict[str, float]  # Arabic lexicon entry -> valence (arabic_valence.yaml)
    issues: pd.DataFrame  # id, en, ar
    cue_matcher: PhraseMatcher
    issue_matcher: PhraseMatcher
    arabic_matcher: PhraseMatcher  # the Arabic valence entries (label = the entry as written)
    #: verb key -> (sign toward its object, the preposition the object follows: "" or "for" in "called for")
    toward_object: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: keys of the words that, between a verb and its object, turn it around ("rejected ending the war")
    reversing: frozenset[str] = frozenset()

    @cached_property
    def analyzer(self):
        """A VADER analyzer whose lexicon is VADER's plus the domain valences of this cue file (built
        once)."""
        analyzer = copy.copy(vader_analyzer())
        analyzer.lexicon = {**vader_analyzer().lexicon, **self.valence}
        return analyzer


def load_stance_cues(path: str | Path | None = None, arabic_path: str | Path | None = None) -> StanceCues:
    """Read and check the stance cue file and the Arabic valence lexicon (defaults: helpers/resources/)."""
    return _load_stance_cues(
        Path(path) if path is not None else CUES_FILE,
        Path(arabic_path) if arabic_path is not None else ARABIC_VALENCE_FILE,
    )


@cached_on_content()
def _load_stance_cues(path: Path, arabic_path: Path) -> StanceCues:
    data = read_yaml(
        path, required=("version", "attribution", "confidence", "pronouns", "valence", "targets")
    )
    attribution = data["attribution"]
    if not isinstance(attribution, dict) or set(attribution) - set(ATTRIBUTION_CLASSES):
        raise ResourceError(
            f"{path}: 'attribution' must map the classes {', '.join(ATTRIBUTION_CLASSES)} to word lists."
        )
    confidence = data["confidence"]
    missing = [k for k in CONFIDENCE_KEYS if not isinstance(confidence, dict) or k not in confidence]
    if missing:
        raise ResourceError(f"{path}: 'confidence' lacks {', '.join(missing)} (numbers between 0 and 1).")
    for key, value in confidence.items():
        if not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ResourceError(
                f"{path}: confidence {key!r} must be a number between 0 and 1; got {value!r}."
            )
    valence = _valences(path, data["valence"], "valence", "en")
    arabic_data = read_yaml(arabic_path, required=("version", "cues"))
    arabic_valence = _valences(arabic_path, arabic_data["cues"], "cues", "ar")
    issue_rows, issue_matcher = _issues(path, data["targets"])
    words = {cls: string_list(ws, f"{path}: attribution.{cls}") for cls, ws in attribution.items()}
    cue_known = known_forms([*(w for ws in words.values() for w in ws), *arabic_valence])
    cue_phrases = [
        compile_phrase(cls, cls, form, cue_known)
        for cls, ws in words.items()
        for word in ws
        for form in _with_conjunction(word)
    ]
    # an Arabic verb with its object attached ("أيده زيلينسكي", Zelenskyy backed it; "رفضه"، "أبلغه"): a third
    # person's (on a verb, -نا is "we", its subject)
    verbs = [p for p in cue_phrases if p.label in ("speech", "attitude", "action")]
    bare = {p.keys for p in verbs}
    cue_phrases += [
        p for p in with_suffixes(verbs) if p.keys not in bare and not p.keys[-1].endswith(("نا", "كم"))
    ]
    pronouns = {}
    for kind in ("person", "any", "plural"):
        for word in string_list(
            data["pronouns"].get(kind) if isinstance(data["pronouns"], dict) else None,
            f"{path}: pronouns.{kind}",
        ):
            pronouns[token_key(word).casefold()] = kind
    arabic_matcher = PhraseMatcher(
        with_verb_persons(
            with_accusative([compile_phrase(w, "valence", w, cue_known) for w in arabic_valence])
        ),
        cue_known,
    )
    toward = data.get("toward_object") or {}
    if not isinstance(toward, dict) or set(toward) - {"positive", "negative", "reversing"}:
        raise ResourceError(
            f"{path}: 'toward_object' must map positive, negative and reversing to lists of words."
        )
    toward_object = {}
    for key, sign in (("positive", 1), ("negative", -1)):
        for entry in string_list(toward.get(key), f"{path}: toward_object.{key}"):
            words = entry.split()
            if len(words) > 2:
                raise ResourceError(
                    f"{path}: toward_object.{key}: {entry!r} must be a verb, or a verb and the preposition"
                    " its object follows ('called for')."
                )
            toward_object[token_key(words[0], cue_known)] = (sign, token_key(words[1]) if words[1:] else "")
    reversing = frozenset(
        token_key(w, cue_known)
        for w in string_list(toward.get("reversing"), f"{path}: toward_object.reversing")
    )
    return StanceCues(
        path,
        data["version"],
        {k: float(v) for k, v in confidence.items()},
        pronouns,
        {normalize(k).casefold(): v for k, v in valence.items()},
        arabic_valence,
        pd.DataFrame(issue_rows).set_index("id", drop=False),
        PhraseMatcher(cue_phrases, cue_known),
        issue_matcher,
        arabic_matcher,
        toward_object,
        reversing,
    )


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
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("value"), (int, float))
            or not entry.get("why")
        ):
            raise ResourceError(
                f"{path}: {where} entry {word!r} needs a numeric 'value' (-4..4) and a 'why'."
            )
        if not -4 <= entry["value"] <= 4:
            raise ResourceError(
                f"{path}: {where} entry {word!r}: value {entry['value']} is outside VADER's -4..4 scale."
            )
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
        rows.append(
            {
                "id": entry["id"],
                "en": entry["en"],
                "ar": entry["ar"],
                "broader": entry.get("broader", entry["id"]),
            }
        )
        for key, script in (("aliases_en", "en"), ("aliases_ar", "ar")):
            aliases += [
                (entry["id"], a)
                for a in string_list(entry.get(key), f"{where} ({entry['id']}), {key}", script)
            ]
    known = known_forms(a for _, a in aliases)
    rows.append({"id": NO_TARGET[0], "en": NO_TARGET[1], "ar": NO_TARGET[2], "broader": NO_TARGET[0]})
    unknown = {r["broader"] for r in rows} - {r["id"] for r in rows}
    if unknown:
        raise ResourceError(f"{path}: 'broader' names {sorted(unknown)}, which are not target ids.")
    return rows, PhraseMatcher(
        with_suffixes(with_accusative([compile_phrase(label, "issue", a, known) for label, a in aliases])),
        known,
    )
