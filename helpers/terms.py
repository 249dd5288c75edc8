"""Word lists, n-grams, collocations, keyness, concordance (KWIC) and dispersion, in Arabic and English.

Every count uses the project's counting unit (``helpers.text``): normalise, tokenise,
strip Arabic clitics, then (in the tables, not while counting) drop stopwords. Counting
streams one document at a time into a ``TermCounts``; two ``TermCounts`` merge by
addition (``merge``), with ``TermCounts(by)`` as the identity, so any split of the
corpus gives the same totals.

Speed: a unit is prepared once (NFKC and control marks only where the text needs them,
then casefold). Units are buffered into chunks of about ``CHUNK_CHARS`` characters; a
chunk is tokenised with numpy (``split_tokens``: a table of token characters over the code
points, no Python step per token) into an Arrow string array, which Arrow dictionary-
encodes; only the distinct types of the chunk are looked up in the vocabulary (type ->
integer id). The ids are then counted with numpy: counts per group and type, distinct
(section, term) and (document, term) pairs for the range. The other normalisation steps,
clitic stripping, language and stoplist decisions are made once per word type through
caches (``term_of``, ``term_lang``, ``stem``).
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

import numpy as np
import pandas as pd
import pyarrow as pa
import regex

from helpers import text as tx

# --------------------------------------------------------------------------
# From text to terms (cached per token type)
# --------------------------------------------------------------------------
#: Normalisation steps that can change where tokens begin and end: applied to whole texts.
TEXT_STEPS = ("nfkc", "controls")
#: The remaining steps act inside a token, so they run once per token type.
TYPE_STEPS = tuple(s for s in tx.DEFAULT_STEPS if s not in TEXT_STEPS)
_CONTROLS = re.compile(f"[{tx.BIDI_CONTROLS}{tx.ZERO_WIDTH}]")
TOKEN = tx.TOKEN_PATTERN


@lru_cache(maxsize=1)
def _token_chars() -> np.ndarray:
    """One boolean per code point: True for the characters ``TOKEN_PATTERN`` matches (letters, marks, digits)."""
    codes = np.arange(0x110000, dtype=np.uint32)
    every = codes[(codes < 0xD800) | (codes > 0xDFFF)].tobytes().decode("utf-32-le")  # all but surrogates
    table = np.zeros(0x110000, dtype=bool)
    table[np.frombuffer("".join(TOKEN.findall(every)).encode("utf-32-le"), dtype=np.uint32)] = True
    return table


@lru_cache(maxsize=1)
def _ascii_tables() -> tuple[bytes, bytes]:
    """For ASCII bytes: a ``bytes.translate`` table giving 1 for token characters, 0 otherwise; the non-token bytes."""
    is_token = _token_chars()[:128]
    return bytes(is_token.tolist()) + bytes(128), bytes(np.flatnonzero(~is_token).tolist())


def _runs(flags: np.ndarray) -> np.ndarray:
    """Where the runs of True in a boolean array start and end: [start₀, end₀, start₁, end₁, ...] (ends exclusive)."""
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

    Casefolding spares the listed acronyms written in capitals (``text.casefold``): "US" stays "US", its own term.
    """
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text) or _CONTROLS.search(text):
            text = tx.normalize(text, TEXT_STEPS)
    return tx.casefold(text)


def _fold(token: str) -> str:
    """``prepare`` for one token of a unit that needs no text-level normalisation (a whole token, so a set lookup will do)."""
    if token.isascii():
        return token if token in tx.acronyms() else token.casefold()
    return tx.casefold(token)


#: ``TYPE_STEPS`` as one translation table: each step maps or deletes single characters, and
#: no step's output is another step's input (checked for every BMP character in the tests).
_TYPE_TABLE = {ord(c): tx.normalize(c, TYPE_STEPS)
               for c in tx.HARAKAT + tx.TATWEEL + tx.ALEF_FORMS + tx.ALEF_MAQSURA + "\u2018\u2019\u02bc"}


#: ``TYPE_STEPS`` without the letter folds (alef forms, ى): the clitic rules must see the hamza,
#: so ``text.arabic_term`` folds the letters after them.
_UNFOLDED_TABLE = {ord(c): tx.normalize(c, [s for s in TYPE_STEPS if s not in tx.LETTER_FOLDS])
                   for c in tx.HARAKAT + tx.TATWEEL + "\u2018\u2019\u02bc"}


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
    """The counting term of one token: normalised, casefolded, Arabic clitics stripped ('' if nothing is left)."""
    return _TERMS[prepare(token)]


@lru_cache(maxsize=None)
def term_lang(term: str) -> str:
    """'ar' for a term with Arabic letters, 'en' for one with Latin letters, 'und' otherwise (numbers)."""
    if term.isascii():  # an ASCII term is made of a-z and 0-9 (or a protected acronym, A-Z)
        return "und" if term.isdigit() else "en"
    return tx.script_lang(term)


def is_stop(term: str) -> bool:
    """True if the term is on the (normalised) stoplist of its script."""
    return term in tx.stopwords("ar" if tx.has_arabic(term) else "en")


@lru_cache(maxsize=None)
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


# --------------------------------------------------------------------------
# Counting: per document, merged by addition
# --------------------------------------------------------------------------
@dataclass
class TermCounts:
    """Counts per group: tokens by type, and the documents and sections each term occurs in.

    ``by`` names the grouping columns; a group is the tuple of their values. ``tokens``
    counts prepared token types (stopwords included); ``docs`` and ``sections`` count, per
    term, the documents and (document, section) pairs of the group that contain it.
    """

    by: tuple[str, ...] = ()
    tokens: dict[tuple, Counter] = field(default_factory=dict)
    docs: dict[tuple, Counter] = field(default_factory=dict)
    sections: dict[tuple, Counter] = field(default_factory=dict)

    def merge(self, other: "TermCounts") -> "TermCounts":
        """A new TermCounts holding the sum of both (associative; ``TermCounts(by)`` is the identity)."""
        if tuple(self.by) != tuple(other.by):
            raise ValueError(f"cannot merge counts grouped by {self.by} with counts grouped by {other.by}")
        out = TermCounts(tuple(self.by))
        for name in ("tokens", "docs", "sections"):
            merged = getattr(out, name)
            for part in (getattr(self, name), getattr(other, name)):
                for group, counter in part.items():
                    merged.setdefault(group, Counter()).update(counter)
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TermCounts):
            return NotImplemented
        strip = lambda d: {g: +c for g, c in d.items() if +c}  # noqa: E731  (drop empty counters)
        return (tuple(self.by) == tuple(other.by) and all(
            strip(getattr(self, n)) == strip(getattr(other, n)) for n in ("tokens", "docs", "sections")))


#: Characters of text buffered before they are tokenised and counted (at a document boundary).
CHUNK_CHARS = 4_000_000
#: Sorted (group, item) pairs held per table before they are reduced (bounds memory on sparse counts).
PAIRS_HELD = 2_000_000
_SHIFT = 1 << 32  # composite keys: high half = group / cell, low half = type / term id


def _distinct(keys: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct keys with their number of occurrences (or the sum of ``weights``)."""
    if weights is None:
        keys = np.sort(keys)
    else:
        order = np.argsort(keys, kind="stable")
        keys, weights = keys[order], weights[order]
    if not len(keys):
        return keys, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    totals = np.diff(np.append(starts, len(keys))) if weights is None else np.add.reduceat(weights, starts)
    return keys[starts], totals


class _Vocabulary(dict):
    """Prepared token type -> integer id; ``term_of[id]`` is the id of the first type with the same term."""

    def __init__(self):
        super().__init__()
        self.types: list[str] = []
        self.terms: list[str] = []  # the term of each type
        self.term_of = array("q")
        self.first: dict[str, int] = {}

    def __missing__(self, token: str) -> int:
        i = self[token] = len(self.types)
        self.types.append(token)
        term = token if token.isascii() else _TERMS[token]  # ASCII types are their own term
        self.terms.append(term)
        self.term_of.append(self.first.setdefault(term, i))
        return i


#: Counts go to dense (groups x types) tables while these hold at most this many cells, then to sorted pairs.
DENSE_CELLS = 1 << 22


class _Stream:
    """Counts documents one at a time: units are buffered, then tokenised and counted per chunk (numpy, Arrow)."""

    def __init__(self, by: Sequence[str]):
        self.by = tuple(by)
        self.vocab = _Vocabulary()
        self.groups: dict[tuple, int] = {}
        self.dense: dict[str, np.ndarray] | None = {}  # None once the counts have moved to sorted pairs
        self.parts: dict[str, list] = {"tokens": [], "sections": [], "docs": []}
        self._new_chunk()

    def _new_chunk(self) -> None:
        # prepared texts of the buffered units and their cells, pure-ASCII texts apart (they tokenise faster)
        self.texts: dict[bool, list[str]] = {True: [], False: []}
        self.unit_cell: dict[bool, list[int]] = {True: [], False: []}  # a cell is one (document, group, section)
        self.chars = 0
        self.cell_group: list[int] = []
        self.cell_doc: list[int] = []  # a doc cell is one (document, group)
        self.doc_group: list[int] = []

    def add_document(self, records: Iterable[Mapping]) -> None:
        sections: dict[tuple, int] = {}
        docs: dict[int, int] = {}
        by = self.by
        for rec in records:
            group = tuple([rec[c] for c in by])
            g = self.groups.setdefault(group, len(self.groups))
            key = (g, rec.get("section", 0))
            cell = sections.get(key)
            if cell is None:
                if g not in docs:
                    docs[g] = len(self.doc_group)
                    self.doc_group.append(g)
                cell = sections[key] = len(self.cell_group)
                self.cell_group.append(g)
                self.cell_doc.append(docs[g])
            text = rec["text"]
            plain = text.isascii()
            self.texts[plain].append(prepare(text))
            self.unit_cell[plain].append(cell)
            self.chars += len(text)
        if self.chars >= CHUNK_CHARS:
            self.flush()

    def _token_ids(self) -> tuple[np.ndarray, np.ndarray]:
        """Type ids of the buffered tokens and the cell of each (one vocabulary lookup per type of the chunk)."""
        split = {plain: split_tokens(texts) for plain, texts in self.texts.items()}
        found = pa.chunked_array([part for part, _ in split.values()], pa.large_string())
        encoded = found.dictionary_encode().combine_chunks()  # one hash table for the whole chunk
        chunk_types = encoded.dictionary.to_pylist()
        ids = np.fromiter(map(self.vocab.__getitem__, chunk_types), dtype=np.int64, count=len(chunk_types))
        cells = [np.asarray(self.unit_cell[plain], dtype=np.int64)[unit] for plain, (_, unit) in split.items()]
        return ids[encoded.indices.to_numpy()], np.concatenate(cells)

    def flush(self) -> None:
        """Count the buffered units: (group, type) counts; distinct (cell, term) and (doc cell, term) pairs."""
        if self.chars:
            ids, cells = self._token_ids()
            cell_group = np.asarray(self.cell_group, dtype=np.int64)
            self._count("tokens", cell_group[cells], ids)
            term_ids = np.frombuffer(self.vocab.term_of, dtype=np.int64)[ids]
            pairs, _ = _distinct(cells * _SHIFT + term_ids)
            cell, term = pairs // _SHIFT, pairs % _SHIFT
            self._count("sections", cell_group[cell], term)
            doc_pairs, _ = _distinct(np.asarray(self.cell_doc, dtype=np.int64)[cell] * _SHIFT + term)
            self._count("docs", np.asarray(self.doc_group, dtype=np.int64)[doc_pairs // _SHIFT], doc_pairs % _SHIFT)
        self._new_chunk()

    def _count(self, name: str, groups: np.ndarray, items: np.ndarray) -> None:
        """Add one occurrence for each (group, item) pair."""
        if self.dense is not None:
            rows, cols = len(self.groups), len(self.vocab.types)
            if rows * cols <= DENSE_CELLS:
                table = self.dense.get(name, np.zeros((0, 0), dtype=np.int64))
                if table.shape[0] < rows or table.shape[1] < cols:  # grow (columns by doubling)
                    grown = np.zeros((rows, max(cols, 2 * table.shape[1])), dtype=np.int64)
                    grown[:table.shape[0], :table.shape[1]] = table
                    table = self.dense[name] = grown
                np.add.at(table.reshape(-1), groups * table.shape[1] + items, 1)
                return
            self._to_pairs()
        keys, counts = _distinct(groups * _SHIFT + items)
        parts = self.parts[name]
        parts.append((keys, counts))
        if sum(len(k) for k, _ in parts) > PAIRS_HELD:  # keep memory bounded
            parts[:] = [self._reduce(name)]

    def _to_pairs(self) -> None:
        """Move the dense tables to sorted (group, item) pairs."""
        for name, table in (self.dense or {}).items():
            g, v = np.nonzero(table)
            self.parts[name] = [(g.astype(np.int64) * _SHIFT + v, table[g, v])]
        self.dense = None

    def _reduce(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        parts = self.parts[name]
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        if len(parts) == 1:
            return parts[0]
        return _distinct(np.concatenate([k for k, _ in parts]), np.concatenate([c for _, c in parts]))

    def result(self) -> TermCounts:
        """The counts so far as a TermCounts (strings instead of ids)."""
        self.flush()
        self._to_pairs()
        groups = list(self.groups)
        out = TermCounts(self.by)
        for name in ("tokens", "sections", "docs"):
            keys, counts = self._reduce(name)
            group_of, item = keys // _SHIFT, (keys % _SHIFT).tolist()
            names = list(map((self.vocab.types if name == "tokens" else self.vocab.terms).__getitem__, item))
            counts = counts.tolist()
            bounds = np.flatnonzero(np.diff(group_of)) + 1
            for lo, hi in zip(np.concatenate(([0], bounds)).tolist(), np.append(bounds, len(keys)).tolist()):
                if hi > lo:
                    counter = getattr(out, name)[groups[int(group_of[lo])]] = Counter()
                    dict.update(counter, zip(names[lo:hi], counts[lo:hi]))
        return out


def count_document(records: Iterable[Mapping], by: Sequence[str] = ()) -> TermCounts:
    """Counts of one document's units (mappings with 'text', 'section' and the ``by`` columns)."""
    stream = _Stream(by)
    stream.add_document(records)
    return stream.result()


def count_records(records: Iterable[Mapping], by: Sequence[str] = (), progress: bool = False,
                  total: int | None = None) -> TermCounts:
    """Stream unit records (each with 'doc_id', 'section', 'text' and the ``by`` columns) into one TermCounts.

    The records of a document must come together. Documents are counted one at a time
    into a running total; the result equals the ``merge`` of ``count_document`` over them.
    """
    stream = _Stream(by)
    seen: set = set()
    docs = groupby(records, key=itemgetter("doc_id"))
    if progress:
        from tqdm.auto import tqdm

        docs = tqdm(docs, total=total, unit="doc", desc="counting")
    for doc_id, doc_records in docs:
        if doc_id in seen:
            raise ValueError(f"the units of document {doc_id!r} are not contiguous; sort the records by doc_id")
        seen.add(doc_id)
        stream.add_document(doc_records)
    return stream.result()


def count_units(units: pd.DataFrame, by: Sequence[str] = (), progress: bool = False) -> TermCounts:
    """TermCounts of a units table (``Corpus.units()``, optionally with document columns merged in)."""
    missing = [c for c in ("doc_id", "text", *by) if c not in units.columns]
    if missing:
        raise KeyError(f"units table has no column(s) {missing}; available: {list(units.columns)}")
    cols = list(dict.fromkeys(["doc_id", *(["section"] if "section" in units.columns else []), "text", *by]))
    ordered = units.sort_values("doc_id", kind="stable")[cols]
    return count_records(ordered.to_dict("records"), by, progress=progress, total=ordered["doc_id"].nunique())


# --------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------
#: Columns of a word list after the group columns.
WORD_LIST_COLUMNS = ["lang", "term", "label", "stem", "forms", "count", "per_10k", "docs", "sections", "tokens", "rank"]


def _group_columns(by: Sequence[str]) -> list[str]:
    """Output names of the group columns: one that clashes with a word-list column gets a 'segment_' prefix."""
    return [f"segment_{c}" if c in WORD_LIST_COLUMNS else c for c in by]


def _surface(token: str, term: str) -> str:
    """How a prepared token type spells its term: the type without the clitics that were stripped (وأوكرانيا -> أوكرانيا).

    Clitic stripping removes letters from the front of the normalised type, so the spelling is the
    type's tail that normalises to the term (hamza, harakat and tatweel kept). The term itself
    if the type does not end in it.
    """
    normalised = token.translate(_TYPE_TABLE)
    cut = len(normalised) - len(term)  # letters of the clitics
    if cut < 0 or not normalised.endswith(term):
        return term
    i = 0
    while cut or (i < len(token) and not token[i].translate(_TYPE_TABLE)):  # the clitics, then their harakat
        cut -= bool(token[i].translate(_TYPE_TABLE))
        i += 1
    return token[i:]


def _label(spellings: dict[str, int]) -> str:
    """The most frequent spelling (ties: the first in code point order)."""
    return min(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _term_table(counts: TermCounts) -> pd.DataFrame:
    """Every term of every group, stopwords included: lang, term, label, forms, count, range and the denominator."""
    frames = []
    for group, counter in counts.tokens.items():
        totals: Counter = Counter()
        forms: dict[str, list[str]] = {}  # the surface types folded into each term
        spellings: dict[str, dict[str, int]] = {}  # non-ASCII terms: spelling (type less its clitics) -> count
        for token, n in counter.items():
            term = _TERMS[token]
            if term:
                totals[term] += n
                forms.setdefault(term, []).append(token)
                if not token.isascii():  # an ASCII type is its own term and its own spelling
                    spelled = spellings.setdefault(term, {})
                    surface = _surface(token, term)
                    spelled[surface] = spelled.get(surface, 0) + n
        docs, sections = counts.docs.get(group, Counter()), counts.sections.get(group, Counter())
        frame = pd.DataFrame({"lang": list(map(term_lang, totals)), "term": list(totals),
                              "label": [_label(spellings[t]) if t in spellings else t for t in totals],
                              "forms": ["|".join(sorted(f)) for f in forms.values()],
                              "count": list(totals.values()), "docs": list(map(docs.__getitem__, totals)),
                              "sections": list(map(sections.__getitem__, totals))})
        frame["tokens"] = frame.groupby("lang")["count"].transform("sum")
        frames.append(frame.assign(**dict(zip(_group_columns(counts.by), group))))
    columns = [*_group_columns(counts.by), "lang", "term", "label", "forms", "count", "docs", "sections", "tokens"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def _sizes(table: pd.DataFrame) -> pd.DataFrame:
    """Tokens per group and language of a ``_term_table``."""
    keys = list(table.columns[:table.columns.get_loc("term")])  # the group columns, then lang
    return table[[*keys, "tokens"]].drop_duplicates(keys).sort_values(keys, kind="stable", ignore_index=True)


def _word_list(table: pd.DataFrame, drop_stopwords: bool, stems: bool, min_count: int) -> pd.DataFrame:
    """The word list of a ``_term_table``: stopwords and rare terms dropped, rates, stems, ranks."""
    by = list(table.columns[:table.columns.get_loc("lang")])
    keep = table["count"] >= min_count
    if drop_stopwords:  # is_stop for every term at once: no stoplist entry mixes scripts, so one set serves
        keep &= ~table["term"].isin(tx.stopwords("ar") | tx.stopwords("en"))
    df = table[keep].sort_values([*by, "lang", "count", "term"], ascending=[True] * len(by) + [True, False, True],
                                 kind="stable", ignore_index=True)
    df["per_10k"] = (df["count"] / df["tokens"] * 10_000).round(4)
    df["stem"] = df["term"].map(stem) if stems else ""
    df["rank"] = df.groupby([*by, "lang"], sort=False)["count"].rank(method="min", ascending=False).astype(int)
    return df[[*by, *WORD_LIST_COLUMNS]]


def group_sizes(counts: TermCounts) -> pd.DataFrame:
    """Tokens per group and language (stopwords included): the denominators of every rate."""
    return _sizes(_term_table(counts))


def word_list(data: TermCounts | pd.DataFrame, by: Sequence[str] = (), drop_stopwords: bool = True,
              stems: bool = True, min_count: int = 1) -> pd.DataFrame:
    """Word list per group and language: count, rate per 10,000 tokens, range, rank, stem and surface forms.

    ``data`` is a TermCounts or a units table (counted here, grouped by any of its
    columns ``by``). Columns: the group columns (a 'lang' group column becomes
    'segment_lang'), lang (of the term, by script), term (what is counted), label (the
    term's most frequent spelling in the group, clitics removed but hamza and harakat kept:
    أوكرانيا for the term اوكرانيا; for charts and tables), stem (light stem, empty unless
    ``stems``), forms (the casefolded surface types counted as the term, '|'-separated),
    count, per_10k (per 10,000 tokens of that language in the group, stopwords included
    in the denominator), docs and sections (range: documents and sections of the group
    that contain the term), tokens (the denominator), rank (1 = most frequent; ties share
    the best rank).
    """
    counts = count_units(data, by) if isinstance(data, pd.DataFrame) else data
    return _word_list(_term_table(counts), drop_stopwords, stems, min_count)


# --------------------------------------------------------------------------
# Tokens with positions (n-grams, collocations, dispersion plots)
# --------------------------------------------------------------------------
def tokens(segments: pd.DataFrame) -> pd.DataFrame:
    """One row per token of each segment: ids, article offsets, the verbatim token, its term, language, stopword flag.

    Pass ``Corpus.sentences()`` for sentence-bounded work (n-grams, collocations) or
    ``Corpus.units()`` for whole units. ``start``/``end`` are character offsets in the article.
    """
    rows = []
    for doc_id, seg_id, start, body in segments[["doc_id", "segment_id", "start", "text"]].itertuples(index=False):
        for i, m in enumerate(TOKEN.finditer(body)):
            term = term_of(m.group())
            if term:
                rows.append((doc_id, seg_id, i, start + m.start(), start + m.end(), m.group(), term))
    df = pd.DataFrame(rows, columns=["doc_id", "segment_id", "index", "start", "end", "token", "term"])
    df["lang"] = df["term"].map(term_lang)
    df["stopword"] = df["term"].map(is_stop).astype(bool)
    return df


def _sequences(toks: pd.DataFrame) -> list[list[str]]:
    return [list(g) for _, g in toks.groupby("segment_id", sort=False)["term"]]


def ngrams(toks: pd.DataFrame, n: int = 2, min_freq: int = 2, drop_stopwords: bool = True) -> pd.DataFrame:
    """Contiguous n-grams (n = 2 or 3) of a token table, never across segments (pass sentence tokens).

    Columns: ngram (terms joined by a space), lang ('mixed' if the scripts differ), count,
    per_10k, and NLTK's association scores against independence: g2 (log-likelihood,
    signed: negative when the n-gram is rarer than expected), pmi, t_score; log_dice for
    bigrams. ``drop_stopwords`` drops n-grams that begin or end with a stopword. Sorted by
    count, then g2. The total N of rates and scores is the token count of the n-gram's
    language (of the whole table for a mixed one), as in ``collocates`` and ``word_list``,
    so adding Arabic text leaves the scores of English n-grams unchanged.
    """
    from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures

    if n not in (2, 3):
        raise ValueError(f"n must be 2 or 3, not {n}")
    finder_cls, measures = ((BigramCollocationFinder, BigramAssocMeasures) if n == 2
                            else (TrigramCollocationFinder, TrigramAssocMeasures))
    finder = finder_cls.from_documents(_sequences(toks))
    finder.apply_freq_filter(min_freq)
    if drop_stopwords:
        finder.apply_ngram_filter(lambda *words: is_stop(words[0]) or is_stop(words[-1]))
    totals = toks["lang"].value_counts()
    rows = []
    for gram, count in finder.ngram_fd.items():
        langs = {term_lang(w) for w in gram}
        lang = langs.pop() if len(langs) == 1 else "mixed"
        total = int(totals[lang]) if lang != "mixed" else len(toks)
        marginals = _ngram_marginals(finder, gram, total)
        expected = total * math.prod(finder.word_fd[w] / total for w in gram)
        row = {"ngram": " ".join(gram), "lang": lang, "count": count,
               "per_10k": round(count / total * 10_000, 4),
               "g2": round(math.copysign(measures.likelihood_ratio(*marginals), count - expected), 4),
               "pmi": round(measures.pmi(*marginals), 4),
               "t_score": round(measures.student_t(*marginals), 4)}
        if n == 2:
            row["log_dice"] = round(log_dice(count, finder.word_fd[gram[0]], finder.word_fd[gram[1]]), 4)
        rows.append(row)
    cols = ["ngram", "lang", "count", "per_10k", "g2", "pmi", "t_score"] + (["log_dice"] if n == 2 else [])
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["count", "g2", "ngram"], ascending=[False, False, True], kind="stable").reset_index(drop=True)


def _ngram_marginals(finder, gram: tuple[str, ...], total: int) -> tuple:
    """The marginals NLTK's ``score_ngram`` passes to a measure, with ``total`` in place of the finder's token count."""
    if len(gram) == 2:
        return finder.ngram_fd[gram], (finder.word_fd[gram[0]], finder.word_fd[gram[1]]), total
    w1, w2, w3 = gram
    return (finder.ngram_fd[gram], (finder.bigram_fd[(w1, w2)], finder.wildcard_fd[(w1, w3)], finder.bigram_fd[(w2, w3)]),
            (finder.word_fd[w1], finder.word_fd[w2], finder.word_fd[w3]), total)


def log_dice(joint: float, f1: float, f2: float) -> float:
    """logDice (Rychlý 2008): 14 + log2(2·joint / (f1 + f2)); 14 at most, independent of corpus size."""
    return 14 + math.log2(2 * joint / (f1 + f2)) if joint > 0 else float("-inf")


def collocates(toks: pd.DataFrame, node: str, window: int | tuple[int, int] = 5, min_freq: int = 2,
               drop_stopwords: bool = True) -> pd.DataFrame:
    """Collocates of ``node`` within ``window`` tokens left and right, inside each segment (pass sentence tokens).

    Where the windows of two node occurrences overlap, a position is counted once (as
    AntConc does): the windows of a sentence form one set of positions, the union of each
    occurrence's window without the occurrence itself; a position that follows some node
    occurrence within ``right`` tokens counts as right, any other as left. Only tokens of
    the node's language fill slots and are counted, so O(c) ≤ f(c) and W ≤ N always hold.

    Contingency table per collocate c: O = positions of c in the windows; W = positions in
    the windows; f(c) = frequency of c; N = tokens of the node's language. Then E = W·f(c)/N
    and NLTK's bigram measures on (O, (W, f(c)), N): g2 (log-likelihood, signed: negative
    if O < E), pmi = log2(O/E), t_score = (O−E)/√O; plus log_dice = 14 + log2(2·O /
    (f(node) + f(c))). Only collocates with O ≥ ``min_freq``.
    """
    from nltk.metrics import BigramAssocMeasures as M

    left, right = (window, window) if isinstance(window, int) else window
    target = term_of(node)
    if not target:
        raise ValueError(f"node {node!r} has no letters or digits to match")
    lang = term_lang(target)
    on_left, on_right, slots = Counter(), Counter(), 0
    for seq in _sequences(toks):
        nodes = [i for i, term in enumerate(seq) if term == target]
        if not nodes:
            continue
        after = {p for i in nodes for p in range(i + 1, min(len(seq), i + 1 + right))}
        before = {p for i in nodes for p in range(max(0, i - left), i)} - after
        for side, positions in ((on_right, after), (on_left, before)):
            found = [seq[p] for p in positions if term_lang(seq[p]) == lang]
            slots += len(found)
            side.update(found)
    observed = on_left + on_right
    freq = toks["term"].value_counts()
    n_total = int((toks["lang"] == lang).sum())
    f_node = int(freq.get(target, 0))
    rows = []
    for coll, o in observed.items():
        if o < min_freq or coll == target or (drop_stopwords and is_stop(coll)):
            continue
        f_c = int(freq[coll])
        marg = (o, (slots, f_c), n_total)
        expected = slots * f_c / n_total
        rows.append({"node": target, "collocate": coll, "lang": term_lang(coll), "count": o,
                     "left": on_left[coll], "right": on_right[coll], "freq_collocate": f_c,
                     "expected": round(expected, 4),
                     "g2": round(math.copysign(M.likelihood_ratio(*marg), o - expected), 4),
                     "pmi": round(M.pmi(*marg), 4), "log_dice": round(log_dice(o, f_node, f_c), 4),
                     "t_score": round(M.student_t(*marg), 4)})
    cols = ["node", "collocate", "lang", "count", "left", "right", "freq_collocate", "expected", "g2", "pmi",
            "log_dice", "t_score"]
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["g2", "collocate"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------
# Keyness
# --------------------------------------------------------------------------
#: Frequency put in place of a zero count for Log Ratio and %DIFF (as AntConc does for %DIFF), divided
#: by the LARGER of the two corpus sizes (see ``keyness``) so it never outweighs a real count.
ZERO_CORRECTION = 0.5
#: Values of a keyness table's ``key`` column: G² above, below or exactly at 0 (the same rate on both sides).
KEY_LABELS = ("positive", "negative", "neither")
#: Columns of a keyness table (``compare`` adds 'label' and 'lang').
KEYNESS_COLUMNS = ["term", "label", "count_target", "count_reference", "per_10k_target", "per_10k_reference", "g2",
                   "p", "log_ratio", "pct_diff", "key"]


def log_likelihood(a, b, n1, n2):
    """Signed 4-term log-likelihood G² of counts a (target, size n1) and b (reference, size n2); arrays welcome."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n = n1 + n2
    cells = [(a, n1 * (a + b) / n), (b, n2 * (a + b) / n),
             (n1 - a, n1 * (n - a - b) / n), (n2 - b, n2 * (n - a - b) / n)]
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * sum(np.where(o > 0, o * np.log(o / e), 0.0) for o, e in cells)
    return np.sign(a / n1 - b / n2) * g2


def p_value(g2) -> np.ndarray:
    """p of |G²| under chi-squared with 1 degree of freedom: erfc(sqrt(|G²|/2))."""
    return np.vectorize(math.erfc, otypes=[float])(np.sqrt(np.abs(np.asarray(g2, dtype=float)) / 2))


def keyness(target: pd.Series, reference: pd.Series, target_size: int, reference_size: int) -> pd.DataFrame:
    """Keyness of every term between two sets of counts (Series: term -> count) of sizes ``*_size`` tokens.

    Columns: term, label (the term: counts carry no spellings; ``compare`` puts in the most
    frequent one), count_target, count_reference, per_10k_target, per_10k_reference,
    g2 (signed 4-term log-likelihood: positive = more frequent in the target), p (chi²,
    1 df), log_ratio (log2 of the ratio of relative frequencies, Hardie 2014) and
    pct_diff (%DIFF, Gabrielatos & Marchi 2012), and key ('positive', 'negative', or
    'neither' when G² is exactly 0: the same rate on both sides). Sorted from the most
    positive to the most negative keyword. Counts must be whole numbers from 0 to their
    side's size, adding up to no more than it; anything else raises ValueError.

    Zero correction: a zero count is replaced by ``ZERO_CORRECTION`` (0.5) divided by the
    larger of the two sizes, whichever side it is on. Divided by the empty side's own size
    (the usual rule), it can outweigh a real count when that side is the smaller corpus and
    give a term absent from the target a positive Log Ratio; 0.5/max(n₁, n₂) < 1/n₂ ≤ b/n₂,
    so Log Ratio and %DIFF always have the sign of G² (values are unchanged when no count is
    zero or the zero is on the larger side).
    """
    if target_size <= 0 or reference_size <= 0:
        raise ValueError(f"both sides need tokens (target {target_size}, reference {reference_size}); "
                         "compare groups that share a language")
    _check_counts(target, target_size, "target")
    _check_counts(reference, reference_size, "reference")
    both = pd.concat([target.rename("a"), reference.rename("b")], axis=1).fillna(0)
    both = both[(both["a"] > 0) | (both["b"] > 0)]
    a, b = both["a"].to_numpy(float), both["b"].to_numpy(float)
    g2 = log_likelihood(a, b, target_size, reference_size)
    floor = ZERO_CORRECTION / max(target_size, reference_size)  # a corrected zero stays below any real count
    ra = np.where(a > 0, a / target_size, floor)
    rb = np.where(b > 0, b / reference_size, floor)
    out = pd.DataFrame({
        "term": both.index.astype(str), "label": both.index.astype(str),
        "count_target": a.astype(int), "count_reference": b.astype(int),
        "per_10k_target": np.round(a / target_size * 10_000, 4), "per_10k_reference": np.round(b / reference_size * 10_000, 4),
        "g2": np.round(g2, 4), "p": p_value(g2), "log_ratio": np.round(np.log2(ra / rb), 4),
        "pct_diff": np.round((ra - rb) / rb * 100, 2),
        "key": np.select([g2 > 0, g2 < 0], KEY_LABELS[:2], KEY_LABELS[2])})
    return out[KEYNESS_COLUMNS].sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _check_counts(counts: pd.Series, size: int, side: str) -> None:
    """Raise ValueError unless the counts are whole numbers from 0 to ``size`` that add up to at most ``size``."""
    values = counts.to_numpy(dtype=float)
    problems = {"is negative": values < 0, "is not a whole number": values != np.floor(values),
                f"is above the {side}'s size of {size} tokens": values > size}
    for problem, bad in problems.items():
        if bad.any():
            examples = ", ".join(f"{t!r}: {v:g}" for t, v in list(zip(counts.index[bad], values[bad]))[:3])
            raise ValueError(f"impossible {side} count ({examples}): a count {problem}")
    if values.sum() > size:
        raise ValueError(f"the {side} counts add up to {values.sum():g} tokens, more than the {side}'s size of "
                         f"{size}; pass the size of the whole {side} (all its tokens, stopwords included)")


def compare(units: pd.DataFrame, target: pd.Series, reference: pd.Series | None = None, lang: str = "en",
            drop_stopwords: bool = True) -> pd.DataFrame:
    """Keyness of ``lang`` terms in the units selected by the boolean mask ``target`` against ``reference`` (default: the rest).

    Both sides are counted with ``word_list``; sizes are the tokens of ``lang`` on each side
    (stopwords included). Comparing across languages (Arabic headings vs English body)
    is refused: each side must hold tokens of ``lang``. The label is the term's most
    frequent spelling over both sides (see ``word_list``).
    """
    reference = ~target if reference is None else reference
    if (target & reference).any():
        raise ValueError("the target and reference selections overlap; keyness needs two separate groups")
    sides, counted = [], []
    for name, mask in (("target", target), ("reference", reference)):
        counted.append(count_units(units[mask.to_numpy()]))
        table = _term_table(counted[-1])
        sizes = _sizes(table).set_index("lang")["tokens"]
        size = int(sizes.get(lang, 0))
        if size == 0:
            found = {k: int(v) for k, v in sizes.items()}
            raise ValueError(f"the {name} selection has no {lang!r} tokens (it has {found}); keyness only "
                             "compares groups within one language, e.g. a section vs the rest, headings vs body")
        wl = _word_list(table, drop_stopwords, stems=False, min_count=1)
        sides.append((wl[wl["lang"] == lang].set_index("term")["count"], size))
    (a, n1), (b, n2) = sides
    both = _term_table(counted[0].merge(counted[1]))
    labels = both[both["lang"] == lang].set_index("term")["label"]
    out = keyness(a, b, n1, n2)
    return out.assign(label=out["term"].map(labels).fillna(out["term"]), lang=lang)


# --------------------------------------------------------------------------
# Concordance (KWIC)
# --------------------------------------------------------------------------
_VARIANTS = {"\u0627": "\u0627\u0622\u0623\u0625\u0671", "\u064a": "\u064a\u0649"}
_INSIDE = f"[{tx.HARAKAT}{tx.TATWEEL}]*"
_RUN_END = regex.compile(r"[\p{L}\p{M}\p{N}]+\Z")


def _search_patterns(terms: Iterable[str]) -> tuple[re.Pattern, regex.Pattern]:
    """Loose patterns that find every raw spelling of the terms (alef/yaa variants, harakat, tatweel, any case).

    The first (stdlib, simple case folding) is for ASCII text, the second (full case folding) for the rest.
    """
    alts = []
    for term in sorted(set(terms), key=len, reverse=True):
        parts = [f"[{_VARIANTS[c]}]" if c in _VARIANTS else re.escape(c) for c in term]
        alts.append(_INSIDE.join(parts) if tx.has_arabic(term) else "".join(parts))
    return re.compile("|".join(alts), re.IGNORECASE), regex.compile("|".join(alts), regex.IGNORECASE | regex.FULLCASE)


def _context(body: str, start: int, end: int, window: int, clean: bool) -> tuple[str, str, tuple, tuple]:
    """Verbatim left and right context of ``window`` tokens, and their terms (nearest first).

    ``clean``: the unit needs no text-level normalisation, so a token's term is ``_TERMS[_fold(token)]``.
    """
    span = 12 * window
    while True:  # widen the slice until it holds ``window`` whole tokens or reaches the edge
        lo = max(0, start - span)
        left = list(TOKEN.finditer(body, lo, start))
        if lo == 0 or len(left) > window:
            break
        span *= 4
    left = left[-window:]
    span = 12 * window
    while True:
        hi = min(len(body), end + span)
        right = list(TOKEN.finditer(body, end, hi))
        if hi == len(body) or len(right) > window:
            break
        span *= 4
    right = right[:window]
    fold = _fold if clean else prepare
    return (body[left[0].start():start] if left else "", body[end:right[-1].end()] if right else "",
            tuple(_TERMS[fold(m.group())] for m in reversed(left)), tuple(_TERMS[fold(m.group())] for m in right))


def concordance(units: pd.DataFrame, query: str | Iterable[str], window: int = 5, sort: str = "right") -> pd.DataFrame:
    """KWIC lines for every token whose term equals the query term(s), in both scripts.

    The query is normalised like the text (``term_of``), so 'اوكرانيا' finds 'أوكرانيا' and
    'ويتكوف' finds 'وويتكوف'. Contexts are ``window`` tokens each side, verbatim, within the
    unit. ``sort``: 'right' (by R1, R2, ...), 'left' (by L1, L2, ...) or 'position'.
    Columns: doc_id, segment_id, lang, term (the query term matched), start, end (article
    offsets of the node), left, node (verbatim), right.
    """
    if sort not in ("right", "left", "position"):
        raise ValueError(f"sort must be 'right', 'left' or 'position', not {sort!r}")
    queries = [query] if isinstance(query, str) else list(query)
    targets = {term_of(q) for q in queries} - {""}
    if not targets:
        raise ValueError(f"query {query!r} has no letters or digits to match")
    ascii_pattern, pattern = _search_patterns(targets | {tx.normalize(q).casefold() for q in queries})
    in_ascii = any(t.isascii() for t in targets)  # else units in plain ASCII cannot hold a match
    rows = []
    columns = [units[c].tolist() for c in ("doc_id", "segment_id", "start", "text")]
    for doc_id, seg_id, seg_start, body in zip(*columns):
        clean = True
        if body.isascii():
            if not in_ascii:
                continue
            matches = ascii_pattern.finditer(body)
        elif not unicodedata.is_normalized("NFKC", body) or _CONTROLS.search(body):
            matches, clean = TOKEN.finditer(body), False  # rare: check every token of the unit
        else:
            matches = pattern.finditer(body)
        last_end = -1
        for m in matches:
            first = m.start()  # the match may sit inside a token (after clitics): find where the token starts
            if first and TOKEN.match(body, first - 1, first):
                run = _RUN_END.search(body, max(0, first - 100), first)
                first = run.start() if run else first
            tok = TOKEN.match(body, first)
            if tok is None or tok.start() < last_end:
                continue
            last_end = tok.end()
            term = _TERMS[_fold(tok.group())] if clean else term_of(tok.group())
            if term not in targets:
                continue
            left, right, lkey, rkey = _context(body, tok.start(), tok.end(), window, clean)
            rows.append((doc_id, seg_id, term_lang(term), term, seg_start + tok.start(), seg_start + tok.end(),
                         left, tok.group(), right, lkey, rkey))
    if sort == "right":
        rows.sort(key=lambda r: (r[-1], r[-2], r[0], r[4]))
    elif sort == "left":
        rows.sort(key=lambda r: (r[-2], r[-1], r[0], r[4]))
    columns = ["doc_id", "segment_id", "lang", "term", "start", "end", "left", "node", "right"]
    return pd.DataFrame([r[:-2] for r in rows], columns=columns)


def concordance_html(kwic: pd.DataFrame, max_rows: int = 50) -> str:
    """An HTML table of KWIC lines: node highlighted, Arabic rows right to left (dir="rtl").

    A table's columns run left to right whatever the row's direction, so an Arabic row
    puts its following context in the left cell and its preceding context in the right
    one: read from the right, it runs preceding context, node, following context.
    """
    style = ("<style>.kwic td{padding:2px 6px;white-space:nowrap}.kwic .a{text-align:right}"
             ".kwic .n{text-align:center}.kwic .b{text-align:left}.kwic mark{font-weight:bold}</style>")
    rows = []
    for r in kwic.head(max_rows).itertuples(index=False):
        rtl = r.lang == "ar"
        before, after = (r.right, r.left) if rtl else (r.left, r.right)
        direction = "rtl" if rtl else "ltr"
        rows.append(f'<tr dir="{direction}"><td class="a" dir="{direction}">{html.escape(before)}</td>'
                    f'<td class="n"><mark>{html.escape(r.node)}</mark></td>'
                    f'<td class="b" dir="{direction}">{html.escape(after)}</td>'
                    f'<td dir="ltr"><small>{html.escape(r.segment_id)}</small></td></tr>')
    more = f"<p>{len(kwic) - max_rows} more lines not shown.</p>" if len(kwic) > max_rows else ""
    return f'{style}<table class="kwic">{"".join(rows)}</table>{more}'


# --------------------------------------------------------------------------
# Dispersion
# --------------------------------------------------------------------------
def dispersion(units: pd.DataFrame, part: str = "segment_id", drop_stopwords: bool = True) -> pd.DataFrame:
    """Gries' DP (and DP normalised) of each term over the parts named by column ``part``.

    DP = ½ Σ_i |v_i − s_i| (Gries 2008), v_i = share of the term's occurrences in part i,
    s_i = share of the language's tokens in part i (parts without tokens of that
    language are left out). 0 = spread exactly like the text, near 1 = all in one small
    part. dp_norm = DP / (1 − min_i s_i) (Lijffijt & Gries 2012). Columns: lang, term,
    count, parts (parts containing the term), n_parts, dp, dp_norm.
    """
    table = _term_table(count_units(units, (part,)))
    col = _group_columns((part,))[0]  # e.g. part 'lang' is the column 'segment_lang'
    sizes = _sizes(table)
    sizes["s"] = sizes["tokens"] / sizes.groupby("lang")["tokens"].transform("sum")
    wl = _word_list(table, drop_stopwords, stems=False, min_count=1)[[col, "lang", "term", "count"]]
    wl = wl.merge(sizes[[col, "lang", "s"]], on=[col, "lang"])
    wl["v"] = wl["count"] / wl.groupby(["lang", "term"])["count"].transform("sum")
    wl["gap"] = (wl["v"] - wl["s"]).abs()
    out = wl.groupby(["lang", "term"]).agg(count=("count", "sum"), parts=("v", "size"), gap=("gap", "sum"),
                                            s_in=("s", "sum")).reset_index()
    per_lang = sizes.groupby("lang").agg(n_parts=("s", "size"), s_min=("s", "min"))
    out = out.join(per_lang, on="lang")
    out["dp"] = ((out["gap"] + (1 - out["s_in"])) / 2).round(4)
    out["dp_norm"] = (out["dp"] / (1 - out["s_min"])).round(4)
    out = out.sort_values(["lang", "count", "term"], ascending=[True, False, True], kind="stable")
    return out[["lang", "term", "count", "parts", "n_parts", "dp", "dp_norm"]].reset_index(drop=True)
