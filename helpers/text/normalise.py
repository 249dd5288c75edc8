"""Normalisation: the steps of ``normalize`` (NFKC, controls, harakat, tatweel, letter folds, apostrophes)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import pandas as pd
import regex

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
HARAKAT = "".join(
    chr(c) for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)]
)
TATWEEL = "\u0640"
ALEF_FORMS = "\u0622\u0623\u0625\u0671"  # آ أ إ ٱ
ALEF_MAQSURA = "\u0649"  # ى

_DELETE_CONTROLS = str.maketrans("", "", BIDI_CONTROLS + ZERO_WIDTH)
_DELETE_HARAKAT = str.maketrans("", "", HARAKAT)
_DELETE_TATWEEL = str.maketrans("", "", TATWEEL)
_ALEF = str.maketrans({c: "\u0627" for c in ALEF_FORMS})
_MAQSURA = str.maketrans({ALEF_MAQSURA: "\u064a"})
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})

#: The steps that map character for character (``str.translate`` tables): ``normalize`` runs each run of
#: them in a row as one translation.
_TABLES = {
    "controls": _DELETE_CONTROLS,
    "harakat": _DELETE_HARAKAT,
    "tatweel": _DELETE_TATWEEL,
    "alef": _ALEF,
    "apostrophes": _QUOTES,
}


def _translation(table: dict) -> Callable[[str], str]:
    return lambda s: s.translate(table)


#: name -> (what it does, function). Applied in this order by ``normalize``.
NORMALISATIONS: dict[str, tuple[str, object]] = {
    "nfkc": ("fold compatibility and presentation forms (NFKC)", lambda s: unicodedata.normalize("NFKC", s)),
    "controls": ("remove bidi control marks and zero-width characters", _translation(_TABLES["controls"])),
    "harakat": (
        "remove Arabic diacritics (harakat, Quranic marks, dagger alef)",
        _translation(_TABLES["harakat"]),
    ),
    "tatweel": ("remove tatweel (kashida) U+0640", _translation(_TABLES["tatweel"])),
    "alef": ("unify alef forms آ أ إ ٱ -> ا", _translation(_TABLES["alef"])),
    "alef_maqsura": (
        "alef maqsura ى -> ي (not in the preposition على, kept apart from the name علي)",
        lambda s: _fold_maqsura(s),
    ),
    "apostrophes": ("curly apostrophes -> '", _translation(_TABLES["apostrophes"])),
}
DEFAULT_STEPS: tuple[str, ...] = tuple(NORMALISATIONS)
#: The letter folds (alef forms, alef maqsura). ``strip_clitics`` needs to see the letters before
#: they are folded (أل is no article), so the term pipelines normalise with ``UNFOLDED_STEPS``
#: and let ``strip_clitics`` (or ``fold_letters``) fold afterwards.
LETTER_FOLDS: tuple[str, ...] = ("alef", "alef_maqsura")
UNFOLDED_STEPS: tuple[str, ...] = tuple(s for s in DEFAULT_STEPS if s not in LETTER_FOLDS)
#: Words that keep their ى: the preposition على (alone or after و/ف). Folded, it would be the
#: name علي; kept, the stoplist holds على and علي stays a name.
MAQSURA_KEPT = frozenset({"\u0639\u0644\u0649", "\u0648\u0639\u0644\u0649", "\u0641\u0639\u0644\u0649"})
_MAQSURA_KEPT_WORD = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])([\u0648\u0641]?\u0639\u0644\u0649)(?![\p{L}\p{M}\p{N}])"
)
_FOLD = str.maketrans({**{c: "\u0627" for c in ALEF_FORMS}, ALEF_MAQSURA: "\u064a"})


def _fold_maqsura(text: str) -> str:
    """ى -> ي, except in the words of ``MAQSURA_KEPT`` (على)."""
    if ALEF_MAQSURA not in text:
        return text
    parts = _MAQSURA_KEPT_WORD.split(text)  # odd items: the kept words
    return "".join(p if i % 2 else p.translate(_MAQSURA) for i, p in enumerate(parts))


def fold_letters(token: str) -> str:
    """The letter folds of ``normalize`` for one token: alef forms -> ا, ى -> ي (على keeps its ى)."""
    return token if token in MAQSURA_KEPT else token.translate(_FOLD)


def normalize(text: str, steps: Iterable[str] = DEFAULT_STEPS) -> str:
    """Return ``text`` with the named normalisation steps applied (default: all, in order).

    ASCII text is returned as it is: no step changes an ASCII character."""
    if text.isascii():
        return text
    for step in _plan(steps if isinstance(steps, tuple) else tuple(steps)):
        text = step(text)
    return text


@lru_cache(maxsize=16)
def _plan(steps: tuple[str, ...]) -> tuple[Callable[[str], str], ...]:
    """The functions that apply ``steps`` in order: each run of character-for-character steps (``_TABLES``)
    composed into one translation table (the same text as the steps one after another, in one pass)."""
    plan: list = []
    table: dict[int, str | int | None] | None = None
    for name in (*steps, None):  # None: the end, where the last table goes in
        if name in _TABLES:
            table = _TABLES[name] if table is None else _composed(table, _TABLES[name])
            continue
        if table is not None:
            plan.append(_translation(table))
            table = None
        if name is not None:
            plan.append(NORMALISATIONS[name][1])
    return tuple(plan)


def _composed(first: dict, then: dict) -> dict[int, str]:
    """One ``str.translate`` table for ``first`` and then ``then``."""
    return {c: chr(c).translate(first).translate(then) for c in first.keys() | then.keys()}


def normalization_report(texts: Iterable[str], steps: Iterable[str] = DEFAULT_STEPS) -> pd.DataFrame:
    """Table of the normalisation steps that ran and how many texts and characters each changed."""
    steps = tuple(steps)
    rows = {
        name: {
            "step": name,
            "description": NORMALISATIONS[name][0],
            "texts_changed": 0,
            "chars_removed_or_changed": 0,
        }
        for name in steps
    }
    for text in texts:
        for name in steps:
            after = NORMALISATIONS[name][1](text)
            if after != text:
                rows[name]["texts_changed"] += 1
                rows[name]["chars_removed_or_changed"] += _changed_chars(text, after)
            text = after
    return pd.DataFrame(
        list(rows.values()), columns=["step", "description", "texts_changed", "chars_removed_or_changed"]
    )


def _changed_chars(before: str, after: str) -> int:
    if len(before) != len(after):
        return abs(len(before) - len(after))
    return sum(a != b for a, b in zip(before, after, strict=False))
