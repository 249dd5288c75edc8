"""The frame codebook: a YAML file -> validated frames, cues and negators, compiled for matching.

``load_codebook`` reads a file through ``helpers.resource_loader`` (errors that name the file
and entry, cached on the file contents); ``parse_codebook`` validates what YAML gave and
compiles every cue with ``compile_cue`` into the token keys of ``helpers.lexicon``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers.lexicon import NEGATION_FILE, Negation, accusative_form, token_keys
from helpers.paths import RESOURCES
from helpers.resource_loader import ResourceError, cached_on_content, read_yaml
from helpers.text import UNFOLDED_STEPS, arabic_term, has_arabic, normalize, tokenize

CODEBOOK_FILE = RESOURCES / "frames.yaml"
TOP_KEYS = ("version", "primary_families", "families", "frames")
FRAME_KEYS = ("id", "family", "label", "definition", "source", "items")
ITEM_KEYS = ("id", "question", "cues")
LANGS = ("en", "ar")
#: Tokens whose candidate cues ``Codebook.cues_at`` remembers; a full memo is emptied.
CUES_AT_MEMO = 200_000


class CodebookError(ResourceError):
    """A malformed codebook: the message names the file, the entry and what to fix."""


@dataclass(frozen=True)
class Codebook:
    """A validated codebook: frames and cues as tables, negators as token patterns."""

    version: str
    source: str
    frames: pd.DataFrame  # frame, family, label_en, label_ar, definition, source, n_items (codebook order)
    cues: pd.DataFrame  # frame, item, role ('frame'|'tone'), valence, lang, cue, pattern
    negators: tuple[tuple[tuple[str, bool], ...], ...]
    window: int
    primary_families: tuple[str, ...]
    known: frozenset[str]  # Arabic cue and negator words, passed to strip_clitics
    tone_frame: str | None  # the first frame of the 'tone' block; None without one
    matchers: tuple[tuple, ...]  # (frame, item, role, cue, valence, pattern) per cue, in codebook order
    by_first_token: dict[str, tuple[int, ...]]  # exact first token -> indices into matchers
    by_first_prefix: tuple[tuple[str, int], ...]  # (prefix, index) for cues whose first token ends in *
    #: phrases that start with a negator and do not negate (negation.yaml's not_negation: "لا يزال", still)
    not_negation: tuple[tuple[str, ...], ...] = ()

    @cached_property
    def negation(self) -> Negation:
        """The negators and window as ``helpers.lexicon.negator_before`` applies them."""
        return _as_negation(self.negators, self.window, self.not_negation)

    def cues_at(self, token: str) -> tuple[int, ...]:
        """Indices into ``matchers`` of the cues whose first token fits ``token`` (exactly or as a prefix);
        remembered per token."""
        memo = self._cues_at
        found = memo.get(token)
        if found is None:
            if len(memo) > CUES_AT_MEMO:
                memo.clear()
            found = memo[token] = self.by_first_token.get(token, ()) + tuple(
                k for prefix, k in self.by_first_prefix if token.startswith(prefix)
            )
        return found

    def candidates(self, tokens: list[str]) -> list[tuple[int, int]]:
        """(index into ``matchers``, position) of every cue whose first token fits a token of ``tokens``
        (``cues_at``), sorted: in codebook order, then by position."""
        memo, found = self._cues_at, []
        for i, token in enumerate(tokens):
            ks = memo.get(token)
            for k in ks if ks is not None else self.cues_at(token):
                found.append((k, i))
        found.sort()
        return found

    @cached_property
    def _cues_at(self) -> dict[str, tuple[int, ...]]:
        return {}

    @property
    def frame_ids(self) -> list[str]:
        """Frame ids in codebook order."""
        return list(self.frames["frame"])


# --------------------------------------------------------------------------
# Loading and validating the codebook
# --------------------------------------------------------------------------
def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate a YAML codebook (default: helpers/resources/frames.yaml); an edited file is read
    again."""
    path = Path(path) if path else CODEBOOK_FILE
    return _load_codebook(path.resolve(), NEGATION_FILE)


@cached_on_content()
def _load_codebook(path: Path, negation_file: Path) -> Codebook:
    """The codebook at ``path``; ``negation_file`` (its negators when it names none) is part of the cache
    key."""
    return parse_codebook(read_yaml(path, what="codebook", error=CodebookError), path.name)


def parse_codebook(data: object, source: str = "codebook") -> Codebook:
    """Validate a codebook already parsed from YAML and compile its cues; raise CodebookError naming the
    entry."""
    if not isinstance(data, dict):
        raise CodebookError(f"{source}: the codebook must be a mapping with keys {', '.join(TOP_KEYS)}")
    _require(data, TOP_KEYS, source, "the codebook")
    families = data["families"]
    if not isinstance(families, dict) or not families:
        raise CodebookError(f"{source}: 'families' must map family ids to a label and a source")
    frames, cue_specs = _parse_frames(data["frames"], set(families), source)
    ids = [f["frame"] for f in frames]
    for fam in _as_list(data["primary_families"], source, "primary_families"):
        if fam not in families:
            raise CodebookError(
                f"{source}: primary_families: unknown family {fam!r} (families are: {', '.join(families)})"
            )
    cue_specs += _parse_tone(data.get("tone") or {}, ids, source)
    negation = data.get("negation") or _project_negation()
    if not isinstance(negation, dict):
        raise CodebookError(f"{source}: 'negation' must be a mapping with 'window', 'en' and 'ar'")
    _require(negation, ("window",) + LANGS, source, "negation")
    window = negation["window"]
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise CodebookError(
            f"{source}: negation: 'window' must be a whole number of tokens >= 1, got {window!r}"
        )
    negator_words = [w for lang in LANGS for w in _cue_list(negation[lang], source, f"negation.{lang}")]
    not_negation = _cue_list(negation.get("not_negation", []), source, "negation.not_negation")
    known = _known_words([c["cue"] for c in cue_specs] + negator_words + not_negation)
    for spec in cue_specs:
        spec["pattern"] = compile_cue(spec["cue"], known)
        if not spec["pattern"]:
            raise CodebookError(f"{source}: {spec['where']}: cue {spec['cue']!r} has no word in it")
    cues = pd.DataFrame(cue_specs).drop(columns="where")
    matchers = tuple(
        (c["frame"], c["item"], c["role"], c["cue"], c["valence"], pattern)
        for c in cue_specs
        for pattern in _with_accusative(c["pattern"])
    )
    by_first_token: dict[str, list[int]] = {}
    by_first_prefix = []
    for k, (*_, pattern) in enumerate(matchers):
        first, is_prefix = pattern[0]
        if is_prefix:
            by_first_prefix.append((first, k))
        else:
            by_first_token.setdefault(first, []).append(k)
    return Codebook(
        version=str(data["version"]),
        source=source,
        frames=pd.DataFrame(frames),
        cues=cues[["frame", "item", "role", "valence", "lang", "cue", "pattern"]],
        negators=tuple(compile_cue(w, known) for w in negator_words),
        window=window,
        primary_families=tuple(data["primary_families"]),
        known=known,
        tone_frame=next(iter(data.get("tone") or {}), None),
        matchers=matchers,
        by_first_token={t: tuple(ks) for t, ks in by_first_token.items()},
        by_first_prefix=tuple(by_first_prefix),
        not_negation=tuple(tuple(t for t, _ in compile_cue(w, known)) for w in not_negation),
    )


def _parse_frames(entries: object, families: set[str], source: str) -> tuple[list[dict], list[dict]]:
    if not isinstance(entries, list) or not entries:
        raise CodebookError(f"{source}: 'frames' must be a non-empty list of frames")
    frames, cues, seen = [], [], set()
    for n, frame in enumerate(entries, start=1):
        name = f"frame #{n}" + (
            f" ({frame.get('id')!r})" if isinstance(frame, dict) and frame.get("id") else ""
        )
        if not isinstance(frame, dict):
            raise CodebookError(f"{source}: {name}: must be a mapping with keys {', '.join(FRAME_KEYS)}")
        _require(frame, FRAME_KEYS, source, name)
        fid = frame["id"]
        if fid in seen:
            raise CodebookError(f"{source}: {name}: duplicate frame id {fid!r}")
        seen.add(fid)
        if frame["family"] not in families:
            raise CodebookError(
                f"{source}: {name}: unknown family {frame['family']!r} "
                f"(families are: {', '.join(sorted(families))})"
            )
        label = frame["label"]
        if not isinstance(label, dict) or not all(label.get(lang) for lang in LANGS):
            raise CodebookError(f"{source}: {name}: 'label' needs both 'en' and 'ar'")
        items = frame["items"]
        if not isinstance(items, list) or not items:
            raise CodebookError(f"{source}: {name}: 'items' must be a non-empty list of indicator items")
        langs_with_cues = set()
        for m, item in enumerate(items, start=1):
            where = f"{name}, item #{m}" + (
                f" ({item.get('id')!r})" if isinstance(item, dict) and item.get("id") else ""
            )
            if not isinstance(item, dict):
                raise CodebookError(f"{source}: {where}: must be a mapping with keys {', '.join(ITEM_KEYS)}")
            _require(item, ITEM_KEYS, source, where)
            if not isinstance(item["cues"], dict):
                raise CodebookError(f"{source}: {where}: 'cues' must map 'en' and 'ar' to lists of cues")
            found = 0
            for lang in LANGS:
                for cue in _cue_list(item["cues"].get(lang) or [], source, f"{where}, cues.{lang}"):
                    cues.append(
                        {
                            "frame": fid,
                            "item": item["id"],
                            "role": "frame",
                            "valence": 0,
                            "lang": lang,
                            "cue": cue,
                            "where": where,
                        }
                    )
                    langs_with_cues.add(lang)
                    found += 1
            if not found:
                raise CodebookError(
                    f"{source}: {where}: empty cue list; give at least one cue under 'en' or 'ar'"
                )
        missing = [lang for lang in LANGS if lang not in langs_with_cues]
        if missing:
            raise CodebookError(
                f"{source}: {name}: no cues in {', '.join(missing)}; "
                "every frame needs cues in both English and Arabic"
            )
        frames.append(
            {
                "frame": fid,
                "family": frame["family"],
                "label_en": label["en"],
                "label_ar": label["ar"],
                "definition": frame["definition"],
                "source": frame["source"],
                "n_items": len(items),
            }
        )
    return frames, cues


def _parse_tone(tone: object, frame_ids: list[str], source: str) -> list[dict]:
    if not isinstance(tone, dict):
        raise CodebookError(f"{source}: 'tone' must map frame ids to positive/negative cue lists")
    cues = []
    for fid, poles in tone.items():
        if fid not in frame_ids:
            raise CodebookError(
                f"{source}: tone: unknown frame {fid!r} referenced (frames are: {', '.join(frame_ids)})"
            )
        if not isinstance(poles, dict) or not set(poles) <= {"positive", "negative"} or not poles:
            raise CodebookError(f"{source}: tone.{fid}: give 'positive' and/or 'negative' cue lists")
        for pole, by_lang in poles.items():
            where = f"tone.{fid}.{pole}"
            if not isinstance(by_lang, dict):
                raise CodebookError(f"{source}: {where}: must map 'en' and 'ar' to lists of cues")
            for lang in LANGS:
                for cue in _cue_list(by_lang.get(lang) or [], source, f"{where}.{lang}"):
                    cues.append(
                        {
                            "frame": fid,
                            "item": f"tone_{pole}",
                            "role": "tone",
                            "valence": 1 if pole == "positive" else -1,
                            "lang": lang,
                            "cue": cue,
                            "where": where,
                        }
                    )
    return cues


def _require(entry: dict, keys: tuple[str, ...], source: str, where: str) -> None:
    missing = [k for k in keys if k not in entry or entry[k] is None or entry[k] == ""]
    if missing:
        raise CodebookError(f"{source}: {where}: missing key(s) {', '.join(repr(k) for k in missing)}")


def _as_list(value: object, source: str, where: str) -> list:
    if not isinstance(value, list) or not value:
        raise CodebookError(f"{source}: {where}: must be a non-empty list")
    return value


def _cue_list(value: object, source: str, where: str) -> list[str]:
    if not isinstance(value, list):
        raise CodebookError(f"{source}: {where}: must be a list of cues, got {type(value).__name__}")
    for cue in value:
        if not isinstance(cue, str) or not cue.strip():
            hint = " (quote yes/no/on/off: YAML reads them as true/false)" if isinstance(cue, bool) else ""
            raise CodebookError(f"{source}: {where}: cue {cue!r} is not a non-empty string{hint}")
    return value


def _known_words(cues: list[str]) -> frozenset[str]:
    words = set()
    for cue in cues:
        for tok in tokenize(normalize(cue.replace("*", " "), UNFOLDED_STEPS)):
            if has_arabic(tok):
                words.add(arabic_term(tok))
    return frozenset(words)


# --------------------------------------------------------------------------
# Cues as token patterns
# --------------------------------------------------------------------------
def _project_negation() -> dict:
    """The project's negators (helpers/resources/negation.yaml), used when a codebook names none."""
    return read_yaml(NEGATION_FILE, required=("window",) + LANGS)


def prepare_tokens(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """Tokens as cues and text are compared: the matching keys of helpers.lexicon (normalised, casefolded,
    clitics stripped)."""
    return token_keys(text, known)


def compile_cue(cue: str, known: frozenset[str] = frozenset()) -> tuple[tuple[str, bool], ...]:
    """A cue as a token pattern: ((token, is_prefix), ...); a trailing * makes the last token a prefix."""
    pattern = []
    for piece in cue.split():
        toks = prepare_tokens(piece.rstrip("*"), known)
        pattern += [(t, False) for t in toks]
        if toks and piece.endswith("*"):
            pattern[-1] = (toks[-1], True)
    return tuple(pattern)


def _with_accusative(pattern: tuple[tuple[str, bool], ...]) -> list[tuple[tuple[str, bool], ...]]:
    """A cue's pattern and, for an Arabic cue, the pattern of its indefinite accusative
    (``lexicon.accusative_form``: "هجوم" also matches "هجوما")."""
    keys, prefixes = zip(*pattern, strict=True)
    form = accusative_form(keys, prefixes)
    return [pattern, tuple(zip(form, prefixes, strict=True))] if form else [pattern]


def _as_negation(negators, window: int, not_negation: tuple[tuple[str, ...], ...] = ()) -> Negation:
    by_lang: dict[str, list[tuple[str, ...]]] = {"en": [], "ar": []}
    for neg in negators:
        keys = tuple(t for t, _ in neg)
        by_lang["ar" if has_arabic(keys[0]) else "en"].append(keys)
    return Negation(window, {lang: tuple(keys) for lang, keys in by_lang.items()}, not_negation)
