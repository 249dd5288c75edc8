"""Batches of documents: the unit of work, of caching and of distribution of ``helpers.pipeline``.

The documents, in corpus order, are cut into consecutive batches (``cut``). A batch ends after a
document whose id hashes to 0 modulo ``BATCH_DOCS`` (or after 4 x ``BATCH_DOCS`` documents), so the
cut depends on the documents, not on their number: adding or removing an article changes its own
batch only, and every other batch keeps its cache entries.

``analyse_batch`` runs the chosen stages on one batch, wherever it runs (in this process, or on a
Dask worker): it reads and segments the batch's article files (folder input) or takes its segments
(a loaded ``Corpus``), then calls each stage's corpus-wide function on the batch. Those functions
work document by document, so a batch's tables are the concatenation of its documents' tables,
and any cut of the corpus gives the same corpus tables (tests/test_pipeline.py checks it).
"""

from __future__ import annotations

import gc
import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from helpers.corpus import Corpus, load_documents
from helpers.pipeline.cache import NoCache, ResultCache, document_hash, entry_key
from helpers.pipeline.stages import STAGE_FUNCTIONS, Resources

#: Expected documents per batch (a batch holds at most 4 x as many).
BATCH_DOCS = 64


def cut(doc_ids: list[str], size: int = BATCH_DOCS) -> list[tuple[int, int]]:
    """(start, stop) of the consecutive batches of ``doc_ids`` (see the module docstring)."""
    spans, start = [], 0
    for i, doc_id in enumerate(doc_ids):
        ends = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8], 16) % size == 0
        if ends or i + 1 - start >= 4 * size:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(doc_ids):
        spans.append((start, len(doc_ids)))
    return spans


@dataclass
class Batch:
    """One batch's input: metadata rows of articles in the folder ``root`` (read where the batch runs),
    or the ``documents`` and ``segments`` rows of a loaded corpus."""

    index: int
    root: str | None = None
    rows: list[dict] | None = None
    documents: pd.DataFrame | None = None
    segments: pd.DataFrame | None = None

    @property
    def doc_ids(self) -> list[str]:
        return [r["doc_id"] for r in self.rows] if self.rows is not None else list(self.documents["doc_id"])


@dataclass
class BatchResult:
    """One batch's tables (name -> table), term counts, and per stage: documents computed, read from
    the cache, found damaged in it, and CPU seconds spent computing."""

    index: int
    doc_ids: list[str]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    counts: object = None
    computed: Counter = field(default_factory=Counter)
    read: Counter = field(default_factory=Counter)
    corrupt: Counter = field(default_factory=Counter)
    seconds: Counter = field(default_factory=Counter)


#: Loaded resources per process, keyed on the resources and their versions (a worker loads them once).
_LOADED: dict[str, dict] = {}


def _loaded(resources: Resources, versions: dict) -> dict:
    key = json.dumps([repr(resources), versions], sort_keys=True)
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = resources.load()
    return _LOADED[key]


def prepare_worker(stages: tuple[str, ...], versions: dict, resources: Resources) -> None:
    """Load the resources ``analyse_batch`` reads for ``stages``, once per process (a Dask worker's first
    task then finds them loaded)."""
    record_stages = [s for s in stages if s != "segments"]
    if record_stages:
        _loaded(resources, {s: versions[s] for s in record_stages})


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused, then as it was.

    A stage makes hundreds of thousands of small objects per batch (words, matches, rows). The
    collections that their number alone sets off look through all those still alive and free almost
    nothing (they form no reference cycles): about a tenth of the framing stage's time. Paused around a
    stage's call, they are freed by reference counting when the call returns, before the collector runs
    again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def analyse_batch(
    batch: Batch, stages: tuple[str, ...], versions: dict, resources: Resources, cache_folder: str | None
) -> BatchResult:
    """Run ``stages`` on one batch, reading and filling the cache in ``cache_folder`` (None: no cache).

    ``versions`` (``Resources.versions`` per stage, computed once by the caller) key the cache entries.
    """
    store = ResultCache(cache_folder) if cache_folder else NoCache()
    out = BatchResult(batch.index, batch.doc_ids)
    n = len(out.doc_ids)

    def timed(stage, compute):
        def run():
            start = time.process_time()
            with collector_paused():
                value = compute()
            out.seconds[stage] += time.process_time() - start
            return value

        return run

    if batch.rows is not None:  # folder input: read and segment the articles here
        root = Path(batch.root)
        hashes = [hashlib.sha256((root / r["file"]).read_bytes()).hexdigest() for r in batch.rows]
        key = entry_key("segments", [batch.rows, hashes], versions["segments"])
        corpus = store.get("segments", key, timed("segments", lambda: load_documents(root, batch.rows)), n)
    else:
        corpus = Corpus(batch.documents, batch.segments)
        groups = corpus.segments.groupby("doc_id", sort=False)
        hashes = [document_hash(groups.get_group(d)) if d in groups.groups else "" for d in out.doc_ids]
    units, sentences = corpus.units(), corpus.sentences()
    if "segments" in stages:
        out.tables.update(documents=corpus.documents, units=units, sentences=sentences)
    record_stages = [s for s in stages if s != "segments"]
    if record_stages:
        docs = corpus.documents
        meta = {c: dict(zip(docs["doc_id"], docs[c], strict=True)) for c in ("speaker", "date", "url")}
        loaded = _loaded(resources, {s: versions[s] for s in record_stages})
    for stage in record_stages:
        # the metadata a stage reads besides the text: its date and url say who an office's title names
        extra = meta if stage == "stance" else [meta["date"], meta["url"]] if stage == "actors" else None
        key = entry_key(stage, [out.doc_ids, hashes], versions[stage], extra)
        compute = partial(STAGE_FUNCTIONS[stage], units, sentences, loaded, meta)
        result = store.get(stage, key, timed(stage, compute), n)
        if stage == "terms":
            out.counts = result
        else:
            out.tables.update(result)
    out.computed, out.read, out.corrupt = store.computed, store.read, store.corrupt
    return out
