"""Normalise, tokenise and sentence-split Arabic and English text, offline.

Pipeline for every token count in the project: ``normalize`` -> ``tokenize`` ->
(Arabic) ``strip_clitics`` -> stoplist. Stoplists go through the same ``normalize``
as the text, so a spelling variant can never slip past them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd
import regex

from helpers.paths import RESOURCES

# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------
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

#: name -> (what it does, function). Applied in this order by ``normalize``.
NORMALISATIONS: dict[str, tuple[str, object]] = {
    "nfkc": ("fold compatibility and presentation forms (NFKC)", lambda s: unicodedata.normalize("NFKC", s)),
    "controls": ("remove bidi control marks and zero-width characters", lambda s: s.translate(_DELETE_CONTROLS)),
    "harakat": ("remove Arabic diacritics (harakat, Quranic marks, dagger alef)", lambda s: s.translate(_DELETE_HARAKAT)),
    "tatweel": ("remove tatweel (kashida) U+0640", lambda s: s.translate(_DELETE_TATWEEL)),
    "alef": ("unify alef forms آ أ إ ٱ -> ا", lambda s: s.translate(_ALEF)),
    "alef_maqsura": ("alef maqsura ى -> ي", lambda s: s.translate(_MAQSURA)),
    "apostrophes": ("curly apostrophes -> '", lambda s: s.translate(_QUOTES)),
}
DEFAULT_STEPS: tuple[str, ...] = tuple(NORMALISATIONS)


def normalize(text: str, steps: Iterable[str] = DEFAULT_STEPS) -> str:
    """Return ``text`` with the named normalisation steps applied (default: all, in order)."""
    for name in steps:
        text = NORMALISATIONS[name][1](text)
    return text


def normalization_report(texts: Iterable[str], steps: Iterable[str] = DEFAULT_STEPS) -> pd.DataFrame:
    """Table of the normalisation steps that ran and how many texts and characters each changed."""
    steps = tuple(steps)
    rows = {name: {"step": name, "description": NORMALISATIONS[name][0], "texts_changed": 0, "chars_removed_or_changed": 0}
            for name in steps}
    for text in texts:
        for name in steps:
            after = NORMALISATIONS[name][1](text)
            if after != text:
                rows[name]["texts_changed"] += 1
                rows[name]["chars_removed_or_changed"] += _changed_chars(text, after)
            text = after
    return pd.DataFrame(list(rows.values()), columns=["step", "description", "texts_changed", "chars_removed_or_changed"])


def _changed_chars(before: str, after: str) -> int:
    if len(before) != len(after):
        return abs(len(before) - len(after))
    return sum(a != b for a, b in zip(before, after))


# --------------------------------------------------------------------------
# Script and language
# --------------------------------------------------------------------------
_ARABIC_LETTER = regex.compile(r"\p{Script=Arabic}")
_LATIN_LETTER = regex.compile(r"\p{Script=Latin}")


def has_arabic(text: str) -> bool:
    """True if ``text`` contains at least one Arabic-script character."""
    return bool(_ARABIC_LETTER.search(text))


def script_lang(text: str) -> str:
    """Language code by script: 'ar' if Arabic letters are at least as many as Latin ones, else 'en'; 'und' if neither."""
    ar = len(_ARABIC_LETTER.findall(text))
    la = len(_LATIN_LETTER.findall(text))
    if ar == la == 0:
        return "und"
    return "ar" if ar >= la else "en"


# --------------------------------------------------------------------------
# Tokenising
# --------------------------------------------------------------------------
#: A token is a run of letters, combining marks and digits. Unlike stdlib ``\w`` this
#: keeps a word whole across harakat (category Mn), so ``ستُستأنف`` stays one token.
TOKEN_PATTERN = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def tokenize(text: str, lower: bool = True) -> list[str]:
    """Split already-normalised text into word tokens (letters, marks, digits); casefold if ``lower``."""
    if lower:
        text = text.casefold()
    return TOKEN_PATTERN.findall(text)


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) for each token of ``text`` as it stands (no normalisation, no casefolding)."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_PATTERN.finditer(text)]


# --------------------------------------------------------------------------
# Arabic clitics
# --------------------------------------------------------------------------
#: Proclitic sequences that contain the article: stripped whenever at least two letters remain.
ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
#: Single-letter proclitics: stripped only when what remains is a known word.
LETTER_PROCLITICS = ("و", "ف", "ب", "ك", "ل")


@lru_cache(maxsize=1)
def known_arabic_words() -> frozenset[str]:
    """Normalised Arabic words that are whole words (names, common news words, stopwords): never stripped."""
    words = _read_wordlist(RESOURCES / "arabic_known_words.txt")
    return frozenset(words | stopwords("ar"))


def strip_clitics(token: str, known: frozenset[str] | set[str] = frozenset()) -> str:
    """Remove Arabic proclitics (و ف ب ل ك and the article ال) from a normalised token.

    A token that is itself a known word stays whole (``ويتكوف``). Article prefixes
    (``ال``, ``وال``, ``بال``, ``لل``, ...) are removed when two or more letters remain.
    A single-letter proclitic is removed only when what remains is a known word or
    itself starts with the article, so ``وويتكوف`` -> ``ويتكوف`` but ``وزير`` stays.
    ``known`` adds to the shipped list (for example the corpus's own vocabulary).
    """
    lexicon = known_arabic_words()
    if not token or token in lexicon or not has_arabic(token[0]):
        return token
    rest = token[1:]
    if token[0] in LETTER_PROCLITICS and len(token) > 2 and (rest in lexicon or rest in known):
        return rest  # checked first, so والله -> الله (not له)
    for prefix in ARTICLE_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            return token[len(prefix):]
    if token[0] in LETTER_PROCLITICS and len(token) > 2:
        stripped = strip_clitics(rest, known)
        if stripped != rest:  # e.g. وبالسلام -> بالسلام -> سلام
            return stripped
    return token


# --------------------------------------------------------------------------
# Stoplists
# --------------------------------------------------------------------------
def _read_wordlist(path) -> set[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(normalize(line).casefold())
    return words


@lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """Stoplist for 'ar' or 'en': stopwords-iso (pinned package) plus the project's additions, normalised like the text."""
    import stopwordsiso

    if lang not in ("ar", "en"):
        raise ValueError(f"no stoplist for language {lang!r}; available: 'ar', 'en'")
    words = {normalize(w).casefold() for w in stopwordsiso.stopwords(lang)}
    words |= _read_wordlist(RESOURCES / f"stopwords_extra_{lang}.txt")
    return frozenset(words)


def is_stopword(token: str, lang: str) -> bool:
    """True if a normalised token (or, in Arabic, its clitic-stripped form) is on the stoplist."""
    stop = stopwords(lang)
    return token in stop or (lang == "ar" and strip_clitics(token) in stop)


def terms(text: str, drop_stopwords: bool = True, clitics: bool = True) -> list[str]:
    """Normalise, tokenise, strip Arabic clitics and drop stopwords: the project's terms of one text.

    ``helpers.terms`` counts the same terms when it streams a corpus (with per-type caches).

    Each token is checked against the stoplist of its own script (Arabic or English),
    so a mixed-language segment needs no language flag.
    """
    out = []
    for tok in tokenize(normalize(text)):
        if drop_stopwords and is_stopword(tok, "ar" if has_arabic(tok) else "en"):
            continue
        if clitics and has_arabic(tok):
            tok = strip_clitics(tok)
        out.append(tok)
    return out


# --------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------
#: Abbreviations whose final period does not end a sentence (matched case-insensitively).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt st jr sr inc ltd co corp vs etc e.g i.e u.s u.k u.n a.m p.m no fig jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_OPENING_QUOTES = "“«"
_CLOSING_QUOTES = "”»"
_END = ".!?؟…"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of ``text``; no downloaded model needed.

    A sentence ends at . ! ? ؟ or … (plus any closing quotes or brackets) followed by
    whitespace, unless the period belongs to a known abbreviation, is part of a run of
    dots (the Arabic headline separator ``..``) or sits inside an open “…” or «…» quote.
    """
    spans, start, depth, i, n = [], 0, 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _OPENING_QUOTES:
            depth += 1
        elif ch in _CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif ch in _END and depth > 0 and _quote_closes_sentence(text, i + 1, depth):
            depth = 0  # “Done.” Then ... : the quote ends the sentence
            continue
        elif ch in _END and depth == 0:
            j = i
            while j + 1 < n and text[j + 1] in _END:
                j += 1
            dots = text[i:j + 1]
            k = j + 1
            while k < n and text[k] in "\"')]" + _CLOSING_QUOTES:
                k += 1
            boundary = (k == n or text[k].isspace()) and not (dots == ".." or _is_abbreviation(text, i, dots))
            if boundary:
                end = k
                if text[start:end].strip():
                    spans.append(_trim(text, start, end))
                start = end
            i = k
            continue
        i += 1
    if text[start:].strip():
        spans.append(_trim(text, start, n))
    return spans


def _quote_closes_sentence(text: str, pos: int, depth: int) -> bool:
    """True if closing quotes at ``pos`` close every open quote and a new sentence follows."""
    k = pos
    while k < len(text) and text[k] in _CLOSING_QUOTES:
        k += 1
    rest = text[k:].lstrip()
    return k - pos >= depth and (k == len(text) or text[k].isspace()) and not rest[:1].islower()


def _is_abbreviation(text: str, i: int, dots: str) -> bool:
    if dots != ".":
        return False
    m = re.search(r"([\w.]+)$", text[:i])
    word = m.group(1) if m else ""
    initial = len(word) == 1 and word.isupper()  # "J. Smith"
    return initial or word.casefold() in ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see ``split_sentences``)."""
    return [text[s:e] for s, e in split_sentences(text)]
