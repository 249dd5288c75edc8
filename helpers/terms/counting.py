"""The counting engine: units -> ``TermCounts`` per group, one document at a time, merged by addition.

Counting streams one document at a time into a ``TermCounts``; two ``TermCounts`` merge by
addition (``merge``), with ``TermCounts(by)`` as the identity, so any split of the corpus gives
the same totals.

Speed: units are buffered into chunks of about ``CHUNK_CHARS`` characters; a chunk is
tokenised with numpy (``split_tokens``) into an Arrow string array, which Arrow dictionary-
encodes; only the distinct types of the chunk are looked up in the vocabulary (type -> integer
id). The ids are then counted with numpy: counts per group and type, distinct (section, term)
and (document, term) pairs for the range.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

import numpy as np
import pandas as pd
import pyarrow as pa

from helpers.terms.tokenising import _TERMS, prepare, split_tokens


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

    def merge(self, *others: TermCounts) -> TermCounts:
        """A new TermCounts holding the sum of this and ``others`` (associative; ``TermCounts(by)`` is
        the identity). Summing many parts in one call copies each count once."""
        for other in others:
            if tuple(self.by) != tuple(other.by):
                raise ValueError(
                    f"cannot merge counts grouped by {self.by} with counts grouped by {other.by}"
                )
        out = TermCounts(tuple(self.by))
        for name in ("tokens", "docs", "sections"):
            merged = getattr(out, name)
            for part in (self, *others):
                for group, counter in getattr(part, name).items():
                    merged.setdefault(group, Counter()).update(counter)
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TermCounts):
            return NotImplemented
        strip = lambda d: {g: +c for g, c in d.items() if +c}  # noqa: E731  (drop empty counters)
        return tuple(self.by) == tuple(other.by) and all(
            strip(getattr(self, n)) == strip(getattr(other, n)) for n in ("tokens", "docs", "sections")
        )


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
    """Counts documents one at a time: units are buffered, then tokenised and counted per chunk (numpy,
    Arrow)."""

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
        self.unit_cell: dict[bool, list[int]] = {
            True: [],
            False: [],
        }  # a cell is one (document, group, section)
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
        """Type ids of the buffered tokens and the cell of each (one vocabulary lookup per type of the
        chunk)."""
        split = {plain: split_tokens(texts) for plain, texts in self.texts.items()}
        found = pa.chunked_array([part for part, _ in split.values()], pa.large_string())
        encoded = found.dictionary_encode().combine_chunks()  # one hash table for the whole chunk
        chunk_types = encoded.dictionary.to_pylist()
        ids = np.fromiter(map(self.vocab.__getitem__, chunk_types), dtype=np.int64, count=len(chunk_types))
        cells = [
            np.asarray(self.unit_cell[plain], dtype=np.int64)[unit] for plain, (_, unit) in split.items()
        ]
        return ids[encoded.indices.to_numpy()], np.concatenate(cells)

    def flush(self) -> None:
        """Count the buffered units: (group, type) counts; distinct (cell, term) and (doc cell, term)
        pairs."""
        if self.chars:
            ids, cells = self._token_ids()
            cell_group = np.asarray(self.cell_group, dtype=np.int64)
            self._count("tokens", cell_group[cells], ids)
            term_ids = np.frombuffer(self.vocab.term_of, dtype=np.int64)[ids]
            pairs, _ = _distinct(cells * _SHIFT + term_ids)
            cell, term = pairs // _SHIFT, pairs % _SHIFT
            self._count("sections", cell_group[cell], term)
            doc_pairs, _ = _distinct(np.asarray(self.cell_doc, dtype=np.int64)[cell] * _SHIFT + term)
            self._count(
                "docs", np.asarray(self.doc_group, dtype=np.int64)[doc_pairs // _SHIFT], doc_pairs % _SHIFT
            )
        self._new_chunk()

    def _count(self, name: str, groups: np.ndarray, items: np.ndarray) -> None:
        """Add one occurrence for each (group, item) pair."""
        if self.dense is not None:
            rows, cols = len(self.groups), len(self.vocab.types)
            if rows * cols <= DENSE_CELLS:
                table = self.dense.get(name, np.zeros((0, 0), dtype=np.int64))
                if table.shape[0] < rows or table.shape[1] < cols:  # grow (columns by doubling)
                    grown = np.zeros((rows, max(cols, 2 * table.shape[1])), dtype=np.int64)
                    grown[: table.shape[0], : table.shape[1]] = table
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
            for lo, hi in zip(
                np.concatenate(([0], bounds)).tolist(), np.append(bounds, len(keys)).tolist(), strict=False
            ):
                if hi > lo:
                    counter = getattr(out, name)[groups[int(group_of[lo])]] = Counter()
                    dict.update(counter, zip(names[lo:hi], counts[lo:hi], strict=False))
        return out


def count_document(records: Iterable[Mapping], by: Sequence[str] = ()) -> TermCounts:
    """Counts of one document's units (mappings with 'text', 'section' and the ``by`` columns)."""
    stream = _Stream(by)
    stream.add_document(records)
    return stream.result()


def count_records(
    records: Iterable[Mapping], by: Sequence[str] = (), progress: bool = False, total: int | None = None
) -> TermCounts:
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
            raise ValueError(
                f"the units of document {doc_id!r} are not contiguous; sort the records by doc_id"
            )
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
