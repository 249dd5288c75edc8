"""From text to terms: the counting unit of every table, decided once per token type.

A unit is prepared once (``prepare``: NFKC and control marks only where the text needs them,
then casefold); ``split_tokens`` tokenises many prepared texts at once with numpy into an Arrow
string array. The other normalisation steps, clitic stripping, language and stoplist decisions
are made once per word type through caches (``term_of``, ``term_lang``, ``stem``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache

import numpy as np
import pyarrow as pa

from helpers import text as tx

#: Normalisation steps that can change where tokens begin and end: applied to whole texts.
TEXT_STEPS = ("nfkc", "controls")
#: The remaining steps act inside a token, so they run once per token type.
TYPE_STEPS = tuple(s for s in tx.DEFAULT_STEPS if s not in TEXT_STEPS)
_CONTROLS = re.compile(f"[{tx.BIDI_CONTROLS}{tx.ZERO_WIDTH}]")
TOKEN = tx.TOKEN_PATTERN


@lru_cache(maxsize=1)
def _token_chars() -> np.ndarray:
    """One boolean per code point: True for the characters ``TOKEN_PATTERN`` matches (letters, marks,
    digits)."""
    codes = np.arange(0x110000, dtype=np.uint32)
    every = codes[(codes < 0xD800) | (codes > 0xDFFF)].tobytes().decode("utf-32-le")  # all but surrogates
    table = np.zeros(0x110000, dtype=bool)
    table[np.frombuffer("".join(TOKEN.findall(every)).encode("utf-32-le"), dtype=np.uint32)] = True
    return table


@lru_cache(maxsize=1)
def _ascii_tables() -> tuple[bytes, bytes]:
    """For ASCII bytes: a ``bytes.translate`` table giving 1 for token characters, 0 otherwise; the
    non-token bytes."""
    is_token = _token_chars()[:128]
    return bytes(is_token.tolist()) + bytes(128), bytes(np.flatnonzero(~is_token).tolist())


def _runs(flags: np.ndarray) -> np.ndarray:
    """Where the runs of True in a boolean array start and end: [start₀, end₀, start₁, end₁, ...] (ends
    exclusive)."""
    return np.flatnonzero(np.diff(flags, prepend=False, append=False))


def split_tokens(texts: Sequence[str]) -> tuple[pa.Array, np.ndarray]:
    """The tokens of many texts as one Arrow string array, and the index of the text each token comes from.

    Equal to ``[t for s in texts for t in text.TOKEN_PATTERN.findall(s)]`` (tested on every
    code point), computed without a Python step per token: the texts are joined by newlines
    (never part of a token), a table marks the token characters among the code points, and
    the UTF-8 bytes of the runs of token characters become the string array.
    """
    joined = "\n".join([*texts, ""])  # the final newline: every run ends before the end
    if joined.isascii():  # bytes are code points: two byte translations do the work
        raw = joined.encode("ascii")
        flag_table, non_token = _ascii_tables()
        edges = _runs(np.frombuffer(raw.translate(flag_table), dtype=bool))
        lengths = edges[1::2] - edges[0::2]
        token_bytes = raw.translate(None, non_token)
    else:
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        flags = _token_chars()[codes]
        edges = _runs(flags)
        width = np.ones(len(codes), dtype=np.uint8)  # UTF-8 bytes per code point
        for limit in (0x80, 0x800, 0x10000):
            width += codes >= limit
        # bytes of each run: sums over [start, end) and [end, next start) alternate; keep the first kind
        lengths = np.add.reduceat(width, edges, dtype=np.int64)[0::2] if len(edges) else edges
        data = np.frombuffer(joined.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        token_bytes = data[np.repeat(flags, width)]
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    tokens = pa.LargeStringArray.from_buffers(len(lengths), pa.py_buffer(offsets), pa.py_buffer(token_bytes))
    text_ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
    per_text = np.diff(np.searchsorted(edges[0::2], text_ends), prepend=0)
    return tokens, np.repeat(np.arange(len(texts)), per_text)


def prepare(text: str) -> str:
    """Apply the text-level normalisation steps (NFKC, control marks) where needed, then casefold.

    Casefolding spares the listed acronyms written in capitals (``text.casefold``): "US" stays "US", its own
    term.
    """
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text) or _CONTROLS.search(text):
            text = tx.normalize(text, TEXT_STEPS)
    return tx.casefold(text)


def _fold(token: str) -> str:
    """``prepare`` for one token of a unit that needs no text-level normalisation (a whole token, so a set
    lookup will do)."""
    if token.isascii():
        return token if token in tx.acronyms() else token.casefold()
    return tx.casefold(token)


#: ``TYPE_STEPS`` as one translation table: each step maps or deletes single characters, and
#: no step's output is another step's input (checked for every BMP character in the tests).
_TYPE_TABLE = {
    ord(c): tx.normalize(c, TYPE_STEPS)
    for c in tx.HARAKAT + tx.TATWEEL + tx.ALEF_FORMS + tx.ALEF_MAQSURA + "\u2018\u2019\u02bc"
}


#: ``TYPE_STEPS`` without the letter folds (alef forms, ى): the clitic rules must see the hamza,
#: so ``text.arabic_term`` folds the letters after them.
_UNFOLDED_TABLE = {
    ord(c): tx.normalize(c, [s for s in TYPE_STEPS if s not in tx.LETTER_FOLDS])
    for c in tx.HARAKAT + tx.TATWEEL + "\u2018\u2019\u02bc"
}


class _TermCache(dict):
    """Prepared token type -> term (remaining normalisation steps, Arabic clitics, then the letter folds)."""

    def __missing__(self, token: str) -> str:
        term = token
        if not token.isascii():  # the type-level steps only change non-ASCII characters
            term = tx.arabic_term(token.translate(_UNFOLDED_TABLE))  # other scripts: unchanged by it
        self[token] = term
        return term


_TERMS = _TermCache()


def term_of(token: str) -> str:
    """The counting term of one token: normalised, casefolded, Arabic clitics stripped ('' if nothing is
    left)."""
    return _TERMS[prepare(token)]


@cache
def term_lang(term: str) -> str:
    """'ar' for a term with Arabic letters, 'en' for one with Latin letters, 'und' otherwise (numbers)."""
    if term.isascii():  # an ASCII term is made of a-z and 0-9 (or a protected acronym, A-Z)
        return "und" if term.isdigit() else "en"
    return tx.script_lang(term)


def is_stop(term: str) -> bool:
    """True if the term is on the (normalised) stoplist of its script."""
    return term in tx.stopwords("ar" if tx.has_arabic(term) else "en")


@cache
def stem(term: str) -> str:
    """Light stem of a term: tashaphyne for Arabic (a known word loses suffixes only), Porter for English."""
    lang = term_lang(term)
    if term in tx.acronyms():
        return term  # US, UN: Porter would lower-case them into the pronoun
    if lang == "ar":
        stemmer = _arabic_stemmer()
        stemmer.light_stem(term)
        found = tx.normalize(stemmer.get_stem()) or term
        if term in tx.known_arabic_words() and not term.startswith(found):
            return term  # names such as ويتكوف: their first letters are not prefixes
        return found
    if lang == "en":
        return _porter().stem(term)
    return term


@lru_cache(maxsize=1)
def _arabic_stemmer():
    from tashaphyne.stemming import ArabicLightStemmer

    return ArabicLightStemmer()


@lru_cache(maxsize=1)
def _porter():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()
