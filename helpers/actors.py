"""Bilingual actor gazetteer (helpers/resources/actors.yaml) -> actor mentions in both scripts.

Aliases and text go through the same pipeline as every count in the project
(``text.normalize`` -> ``text.token_spans`` -> ``text.strip_clitics`` for Arabic), so
``وويتكوف`` matches the alias ``ويتكوف`` and ``Yushakov`` matches Ushakov through an alias,
with the text left as it is. Each mention keeps the words it was found in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from helpers.paths import RESOURCES
from helpers.text import has_arabic, normalize, strip_clitics, token_spans

GAZETTEER_FILE = RESOURCES / "actors.yaml"
ACTOR_KEYS = {"id", "en", "ar", "group", "kind", "note", "aliases_en", "aliases_ar", "adjectives_en",
              "adjectives_ar", "exclude_en", "exclude_ar"}
REQUIRED_ACTOR_KEYS = ("id", "en", "ar", "group", "aliases_en", "aliases_ar")
#: Words after an English nationality adjective within which a head noun must follow.
ADJECTIVE_WINDOW = 3
MENTION_COLUMNS = ["doc_id", "segment_id", "parent", "section", "lang", "actor", "actor_en", "actor_ar",
                   "group", "form", "alias", "mention", "start", "end"]


class ResourceError(ValueError):
    """A problem in a YAML resource; the message names the file, the entry and the fix."""


GazetteerError = ResourceError


# --------------------------------------------------------------------------
# Reading YAML resources
# --------------------------------------------------------------------------
def read_yaml(path: str | Path, required: tuple[str, ...] = ()) -> dict:
    """Parse a YAML resource file into a mapping, with errors that name the file, line and missing keys."""
    path = Path(path)
    if not path.is_file():
        raise ResourceError(f"{path}: file not found. Pass the path of an existing YAML file.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ResourceError(f"{path}: not UTF-8. Save the file as UTF-8.") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise ResourceError(f"{path}: not valid YAML{where}: {getattr(err, 'problem', err)}. "
                            "Check the indentation and quoting there.") from None
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: the top level must be a mapping with keys {', '.join(required)}.")
    missing = [k for k in required if k not in data]
    if missing:
        raise ResourceError(f"{path}: missing top-level key(s) {', '.join(missing)}.")
    return data


def string_list(value: object, where: str, script: str | None = None, allow_empty: bool = True) -> list[str]:
    """Check that ``value`` is a list of non-empty strings (in Arabic script if ``script == 'ar'``)."""
    if value is None and allow_empty:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ResourceError(f"{where}: must be a list of non-empty strings, e.g. [Putin, Vladimir Putin]; got {value!r}.")
    if not value and not allow_empty:
        raise ResourceError(f"{where}: must list at least one name.")
    if script == "ar":
        bad = [v for v in value if not has_arabic(v)]
        if bad:
            raise ResourceError(f"{where}: {bad} are not in Arabic script; put them under the *_en key.")
    if script == "en":
        bad = [v for v in value if has_arabic(v)]
        if bad:
            raise ResourceError(f"{where}: {bad} are in Arabic script; put them under the *_ar key.")
    return [v.strip() for v in value]


# --------------------------------------------------------------------------
# Phrase matching (shared with helpers.stance for issue targets and cue words)
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Token:
    """One word of a text: character span, its form as written (normalised) and its matching key."""

    start: int
    end: int
    exact: str
    key: str


@dataclass(frozen=True)
class Phrase:
    """A pattern to look for: a label, how it refers (form) and its token keys."""

    label: str
    form: str
    written: str
    keys: tuple[str, ...]
    case_sensitive: bool


@dataclass(frozen=True)
class Match:
    """A phrase found in a text: token range [first, last) and character span [start, end)."""

    label: str
    form: str
    alias: str
    first: int
    last: int
    start: int
    end: int


def known_forms(phrases) -> frozenset[str]:
    """The clitic-free forms of the Arabic words in ``phrases``, to pass as ``known`` to strip_clitics.

    With them, a proclitic in front of a listed word is removed (وويتكوف -> ويتكوف) while
    the article rule still applies first to words written with ال (والولايات -> ولايات).
    """
    return frozenset(strip_clitics(normalize(w)) for p in phrases for w in str(p).split() if has_arabic(w))


def token_key(token: str, known: frozenset[str] = frozenset()) -> str:
    """Matching key of one raw token: normalised; Arabic clitics stripped, English casefolded."""
    token = normalize(token)
    return strip_clitics(token, known) if has_arabic(token) else token.casefold()


def tokenize_for_matching(text: str, known: frozenset[str] = frozenset()) -> list[Token]:
    """The words of ``text`` with their spans in ``text`` and their matching keys."""
    return [Token(s, e, normalize(t), token_key(t, known)) for s, e, t in token_spans(text)]


def is_acronym(phrase: str) -> bool:
    """True for an alias written in capitals (US, NATO): matched case-sensitively."""
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and not has_arabic(phrase) and all(c.isupper() for c in letters)


def make_phrase(label: str, form: str, written: str, known: frozenset[str] = frozenset()) -> Phrase:
    """A Phrase whose keys come from the same pipeline as the text."""
    exact = is_acronym(written)
    tokens = tokenize_for_matching(written, known)
    keys = tuple(t.exact if exact else t.key for t in tokens)
    return Phrase(label, form, written, keys, exact)


class PhraseMatcher:
    """Finds phrases in a text, longest first, without overlaps, through the shared text pipeline."""

    def __init__(self, phrases: list[Phrase], known: frozenset[str] = frozenset(),
                 head_nouns: frozenset[str] = frozenset(), excludes: dict[str, list[tuple[str, ...]]] | None = None):
        self.known = known
        self.head_nouns = head_nouns
        self.excludes = excludes or {}
        self.by_first: dict[str, list[Phrase]] = {}
        for p in sorted(phrases, key=lambda p: (-len(p.keys), p.written)):
            if p.keys:
                self.by_first.setdefault(p.keys[0], []).append(p)

    def tokens(self, text: str) -> list[Token]:
        """The words of ``text`` keyed for this matcher."""
        return tokenize_for_matching(text, self.known)

    def find(self, text: str, tokens: list[Token] | None = None) -> list[Match]:
        """All matches in ``text`` (pass ``tokens`` to reuse a tokenisation), left to right."""
        tokens = tokens if tokens is not None else self.tokens(text)
        blocked = self._blocked(tokens)
        out, i = [], 0
        while i < len(tokens):
            hit = self._match_at(tokens, i, blocked)
            if hit is None:
                i += 1
                continue
            phrase, n = hit
            form = phrase.form
            if form == "name" and text[tokens[i + n - 1].end:tokens[i + n - 1].end + 2] in ("'s", "\u2019s"):
                form = "possessive"
            out.append(Match(phrase.label, form, phrase.written, i, i + n, tokens[i].start, tokens[i + n - 1].end))
            i += n
        return out

    def _candidates(self, tokens: list[Token], i: int) -> list[Phrase]:
        found = self.by_first.get(tokens[i].key, [])
        if tokens[i].exact != tokens[i].key:
            found = found + self.by_first.get(tokens[i].exact, [])
        return found

    def _match_at(self, tokens: list[Token], i: int, blocked: dict[int, set[str]]):
        for phrase in sorted(self._candidates(tokens, i), key=lambda p: -len(p.keys)):
            n = len(phrase.keys)
            window = tokens[i:i + n]
            if len(window) < n or phrase.label in blocked.get(i, set()):
                continue
            got = tuple(t.exact if phrase.case_sensitive else t.key for t in window)
            if got != phrase.keys:
                continue
            if phrase.form == "adjective" and not has_arabic(phrase.written):
                following = {t.key for t in tokens[i + n:i + n + ADJECTIVE_WINDOW]}
                if not following & self.head_nouns:
                    continue
            return phrase, n
        return None

    def _blocked(self, tokens: list[Token]) -> dict[int, set[str]]:
        blocked: dict[int, set[str]] = {}
        keys = [t.key for t in tokens]
        for label, phrases in self.excludes.items():
            for ph in phrases:
                for i in range(len(keys) - len(ph) + 1):
                    if tuple(keys[i:i + len(ph)]) == ph:
                        for j in range(i, i + len(ph)):
                            blocked.setdefault(j, set()).add(label)
        return blocked


# --------------------------------------------------------------------------
# The gazetteer
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Gazetteer:
    """The loaded actor gazetteer: a table of actors and groups, and a matcher for their names."""

    path: Path
    version: object
    actors: pd.DataFrame
    groups: pd.DataFrame
    matcher: PhraseMatcher

    def label(self, actor: str) -> tuple[str, str]:
        """(English, Arabic) display names of an actor id."""
        row = self.actors.loc[actor]
        return row["en"], row["ar"]


def file_version(path: Path) -> int | None:
    """The file's modification time in ns (None if absent): part of a cache key, so an edited YAML is re-read."""
    return path.stat().st_mtime_ns if path.is_file() else None


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read and check the actor gazetteer YAML (default: helpers/resources/actors.yaml)."""
    path = Path(path) if path is not None else GAZETTEER_FILE
    return _load_gazetteer(str(path), file_version(path))


@lru_cache(maxsize=8)
def _load_gazetteer(path_str: str, version: int | None) -> Gazetteer:
    path = Path(path_str)
    data = read_yaml(path, required=("version", "groups", "actors"))
    groups = _check_groups(path, data["groups"])
    if not isinstance(data["actors"], list) or not data["actors"]:
        raise ResourceError(f"{path}: 'actors' must be a non-empty list of actor entries (- id: ...).")
    head_nouns = frozenset(w.casefold() for w in string_list(data.get("head_nouns"), f"{path}: head_nouns"))
    entries = [_check_actor(path, i, entry, groups) for i, entry in enumerate(data["actors"], start=1)]
    ids = [e["id"] for e in entries]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ResourceError(f"{path}: actor id(s) {dup} appear more than once. Give every actor its own id.")
    known = known_forms(alias for e in entries for key in ("aliases_ar", "adjectives_ar") for alias in e.get(key, []))
    phrases, excludes, owner = [], {}, {}
    for e in entries:
        for key, form in (("aliases_en", "name"), ("aliases_ar", "name"),
                          ("adjectives_en", "adjective"), ("adjectives_ar", "adjective")):
            for alias in e.get(key, []):
                phrase = make_phrase(e["id"], form, alias, known)
                if not phrase.keys:
                    raise ResourceError(f"{path}: actor {e['id']!r}, {key}: {alias!r} has no letters to match.")
                other = owner.setdefault(phrase.keys, e["id"])
                if other != e["id"]:
                    raise ResourceError(f"{path}: actor {e['id']!r}, {key}: {alias!r} is also an alias of "
                                        f"{other!r}. An alias must name one actor; remove one of them.")
                phrases.append(phrase)
        excludes[e["id"]] = [make_phrase(e["id"], "x", x, known).keys
                             for key in ("exclude_en", "exclude_ar") for x in e.get(key, [])]
    actors = pd.DataFrame([{"actor": e["id"], "en": e["en"], "ar": e["ar"], "group": e["group"],
                            "kind": e.get("kind", "")} for e in entries]).set_index("actor", drop=False)
    return Gazetteer(path, data["version"], actors, groups,
                     PhraseMatcher(phrases, known, head_nouns, excludes))


def _check_groups(path: Path, groups: object) -> pd.DataFrame:
    if not isinstance(groups, dict) or not groups:
        raise ResourceError(f"{path}: 'groups' must map group ids to names, e.g. russia: {{en: Russia, ar: روسيا}}.")
    rows = []
    for gid, names in groups.items():
        if not isinstance(names, dict) or not {"en", "ar"} <= set(names):
            raise ResourceError(f"{path}: group {gid!r} needs both an 'en' and an 'ar' name.")
        rows.append({"group": gid, "en": names["en"], "ar": names["ar"]})
    return pd.DataFrame(rows).set_index("group", drop=False)


def _check_actor(path: Path, i: int, entry: object, groups: pd.DataFrame) -> dict:
    where = f"{path}: actors entry {i}"
    if not isinstance(entry, dict):
        raise ResourceError(f"{where}: must be a mapping with keys {', '.join(REQUIRED_ACTOR_KEYS)}.")
    if "id" in entry:
        where += f" (id {entry['id']!r})"
    unknown = sorted(set(entry) - ACTOR_KEYS)
    if unknown:
        raise ResourceError(f"{where}: unknown key(s) {unknown}. Allowed: {', '.join(sorted(ACTOR_KEYS))}.")
    missing = [k for k in REQUIRED_ACTOR_KEYS if k not in entry]
    if missing:
        raise ResourceError(f"{where}: missing key(s) {', '.join(missing)}.")
    if not isinstance(entry["id"], str) or not entry["id"].replace("_", "").isalnum() or not entry["id"].islower():
        raise ResourceError(f"{where}: the id must be lower-case letters, digits and '_' (e.g. united_states).")
    if entry["group"] not in groups.index:
        raise ResourceError(f"{where}: group {entry['group']!r} is not defined under 'groups' "
                            f"({', '.join(groups.index)}). Add it there or fix the spelling.")
    if not has_arabic(str(entry["ar"])):
        raise ResourceError(f"{where}: 'ar' must be the Arabic name of the actor; got {entry['ar']!r}.")
    out = dict(entry)
    for key in ACTOR_KEYS - {"id", "en", "ar", "group", "kind", "note"}:
        script = "ar" if key.endswith("_ar") else "en"
        out[key] = string_list(entry.get(key), f"{where}, {key}", script,
                               allow_empty=key not in ("aliases_en", "aliases_ar"))
    return out


# --------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------
def find_mentions(text: str, gazetteer: Gazetteer | None = None) -> list[Match]:
    """Actor mentions in one text, left to right (label = actor id)."""
    return (gazetteer or load_gazetteer()).matcher.find(text)


def actor_mentions(segments: pd.DataFrame, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """One row per actor mention in the given segments, with the words matched and article offsets.

    Pass sentence segments (``Corpus.sentences()``) to count each character once.
    """
    gaz = gazetteer or load_gazetteer()
    rows = []
    for seg in segments.itertuples(index=False):
        for m in gaz.matcher.find(seg.text):
            actor = gaz.actors.loc[m.label]
            rows.append({"doc_id": seg.doc_id, "segment_id": seg.segment_id, "parent": seg.parent,
                         "section": seg.section, "lang": seg.lang, "actor": m.label, "actor_en": actor["en"],
                         "actor_ar": actor["ar"], "group": actor["group"], "form": m.form, "alias": m.alias,
                         "mention": seg.text[m.start:m.end], "start": seg.start + m.start, "end": seg.start + m.end})
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def mention_counts(mentions: pd.DataFrame, by: tuple[str, ...] = ("actor", "section", "lang")) -> pd.DataFrame:
    """Number of mentions per combination of the ``by`` columns (tidy, sorted)."""
    by = list(by)
    return (mentions.groupby(by, sort=True).size().rename("mentions").reset_index()
            if len(mentions) else pd.DataFrame(columns=[*by, "mentions"]))
