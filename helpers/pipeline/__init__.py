"""The pipeline: every analysis stage run on batches of documents, results merged and cached.

``analyse(source)`` returns the corpus tables the notebooks use, by name (``TABLES`` names them
per stage): ``documents``, ``units`` and ``sentences`` (segments), ``cue_hits`` and
``frame_codes`` (framing), ``mentions`` (actors), ``statements``, ``portrayal`` and ``quotes``
(stance), ``words`` (the word list of ``helpers.terms``). ``source`` is a corpus folder (None: the
project's corpus/; its articles are read and segmented batch by batch, where the batch runs) or a
loaded ``Corpus``.

The documents are cut into batches (``helpers.pipeline.batches``); each stage is a function of a
batch's segments and the resources it reads (``helpers.pipeline.stages``), and the batches'
results are combined by an associative merge: record tables are concatenated in document order
(then stably sorted by doc_id where the corpus-wide function sorts so), term counts are added.

The same in parts: ``run`` gives a ``Partial`` for any subset of the documents, ``merge``
combines two partials, ``tables`` turns one into the corpus tables; any split of the documents
gives the same tables. ``engine`` says where the batches run (``helpers.pipeline.engines``: in
this process, or on Dask). With ``cache`` (default) each (stage, batch) result is kept in
``build/cache/`` (``helpers.pipeline.cache``), keyed on the documents' contents and the content
hashes of the resources the stage reads: a rerun with nothing changed computes nothing, and an
edited codebook recomputes framing only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.corpus import Corpus, CorpusError, read_metadata
from helpers.pipeline.batches import BATCH_DOCS, Batch, BatchResult, analyse_batch, cut, prepare_worker
from helpers.pipeline.cache import CACHE_DIR, NoCache, ResultCache
from helpers.pipeline.engines import ENGINES, check_engine, session
from helpers.pipeline.stages import STAGES, TABLES, Resources
from helpers.terms import TermCounts, word_list

#: Tables that the corpus-wide functions sort by doc_id (``code_segments``, ``stance_records``).
SORTED_BY_DOC = ("frame_codes", "statements", "portrayal", "quotes")
#: Tables whose corpus-wide function concatenates every document's table, empty ones included
#: (``stance_records``: a column then keeps the object dtype of an empty part). The others build
#: one table from all rows, which an empty batch does not change.
WITH_EMPTY_PARTS = ("statements", "portrayal", "quotes")

__all__ = [
    "BATCH_DOCS",
    "CACHE_DIR",
    "ENGINES",
    "STAGES",
    "TABLES",
    "NoCache",
    "Partial",
    "Resources",
    "ResultCache",
    "analyse",
    "merge",
    "run",
    "tables",
]


@dataclass
class Partial:
    """Results of some documents: one ``BatchResult`` per batch (tables, term counts, counters)."""

    stages: tuple[str, ...]
    batches: list[BatchResult] = field(default_factory=list)

    @property
    def doc_ids(self) -> list[str]:
        return [d for b in self.batches for d in b.doc_ids]

    def run_order(self) -> list[str]:
        """The doc_ids in corpus order, for the results of one ``run`` (its batches, by index)."""
        return [d for b in sorted(self.batches, key=lambda b: b.index) for d in b.doc_ids]

    def total(self, name: str) -> Counter:
        """Summed per-stage counter of the batches: ``computed``, ``read``, ``corrupt`` or ``seconds``."""
        out = Counter()
        for b in self.batches:
            out.update(getattr(b, name))
        return out


def merge(a: Partial, b: Partial) -> Partial:
    """The results of the documents of both (which must not overlap): associative and commutative."""
    if a.stages != b.stages:
        raise ValueError(f"cannot merge results of stages {a.stages} with results of stages {b.stages}")
    both = set(a.doc_ids) & set(b.doc_ids)
    if both:
        raise ValueError(f"documents {sorted(both)[:5]} are in both parts; each belongs to one part")
    return Partial(a.stages, a.batches + b.batches)


def _check_stages(stages: Iterable[str]) -> tuple[str, ...]:
    stages = tuple(stages)
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s) {unknown}; choose from {list(STAGES)}")
    return tuple(s for s in STAGES if s in stages)


def _cache_folder(cache: bool | str | Path | NoCache | None) -> str | None:
    if isinstance(cache, ResultCache):
        return str(cache.folder)
    if cache is True:
        return str(CACHE_DIR)
    if cache in (False, None) or isinstance(cache, NoCache):
        return None
    return str(cache)


def _batches(source: Corpus | str | Path | None, skip_duplicates: bool) -> tuple[list[str], Iterator[Batch]]:
    """The doc_ids in corpus order, and the batches (made lazily; a folder's are read where they run)."""
    if isinstance(source, Corpus):
        docs, segments = source.documents.reset_index(drop=True), source.segments
        ids = list(docs["doc_id"])
        rows = segments.groupby("doc_id", sort=False).indices
        empty = np.array([], dtype=int)

        def from_corpus():
            for i, (a, b) in enumerate(cut(ids)):
                picked = np.sort(np.concatenate([rows.get(d, empty) for d in ids[a:b]]))
                yield Batch(
                    i, documents=docs.iloc[a:b], segments=segments.iloc[picked].reset_index(drop=True)
                )

        return ids, from_corpus()
    root = Path(source) if source is not None else paths.CORPUS
    if not root.is_dir():
        raise CorpusError(
            f"corpus folder not found: {root}. Pass a folder with metadata.csv, or a loaded Corpus."
        )
    meta = [r for r in read_metadata(root) if not (skip_duplicates and r["duplicate_of"])]
    ids = [r["doc_id"] for r in meta]
    return ids, (Batch(i, root=str(root.resolve()), rows=meta[a:b]) for i, (a, b) in enumerate(cut(ids)))


def run(
    source: Corpus | str | Path | None,
    stages: Iterable[str] = STAGES,
    cache: bool | str | Path | NoCache | None = True,
    progress: bool = False,
    resources: Resources | None = None,
    engine: str = "embedded",
    workers: int | None = None,
    skip_duplicates: bool = True,
) -> Partial:
    """Run the stages on every document of ``source`` (a corpus folder, or a loaded ``Corpus``: any
    subset of a corpus), reading and filling the cache.

    ``cache``: True (``build/cache/``), a folder, a ``ResultCache`` / ``NoCache`` (whose counters then
    add what was computed and what was read, in documents per stage), or False (compute everything,
    store nothing). ``engine``: ``"embedded"`` (default), ``"dask"`` or a scheduler address; ``workers``:
    the LocalCluster's worker processes for ``"dask"`` (default one per core). ``skip_duplicates``: as
    ``load_corpus`` (folder input only).
    """
    stages, engine = _check_stages(stages), check_engine(engine)
    resources = resources or Resources()
    versions = {s: resources.versions(s) for s in STAGES if s in stages or s == "segments"}
    task = partial(
        analyse_batch,
        stages=stages,
        versions=versions,
        resources=resources,
        cache_folder=_cache_folder(cache),
    )
    out = Partial(stages)
    from tqdm.auto import tqdm

    # a Dask cluster starts, and its workers load the resources, while the corpus metadata is read here
    with session(engine, workers, prepare=partial(prepare_worker, stages, versions, resources)) as execute:
        ids, batches = _batches(source, skip_duplicates)
        with tqdm(total=len(ids), unit="doc", desc="analysing", disable=not progress) as bar:
            for result in execute(task, batches):
                out.batches.append(result)
                bar.update(len(result.doc_ids))
    if isinstance(cache, NoCache):
        for name in ("computed", "read", "corrupt"):
            getattr(cache, name).update(out.total(name))
    return out


def tables(results: Partial, order: Corpus | Iterable[str]) -> dict[str, pd.DataFrame]:
    """The corpus tables of merged results, in the document order of ``order`` (a ``Corpus`` or doc_ids),
    which the results must cover."""
    ids = list(order.documents["doc_id"]) if isinstance(order, Corpus) else list(order)
    position = {d: i for i, d in enumerate(ids)}
    done = set(results.doc_ids)
    missing = [d for d in ids if d not in done]
    batches = sorted(
        (b for b in results.batches if b.doc_ids[0] in position), key=lambda b: position[b.doc_ids[0]]
    )
    # one run's batches are consecutive runs of documents: concatenated, they are in corpus order already
    in_order = [d for b in batches for d in b.doc_ids] == ids
    out: dict[str, pd.DataFrame] = {}
    for stage in results.stages:
        if missing:
            raise ValueError(f"no {stage} results for documents {missing[:5]}; run them and merge")
        if stage == "terms":
            out["words"] = word_list(TermCounts().merge(*(b.counts for b in batches)))
            continue
        for name in TABLES[stage]:
            out[name] = _concat([b.tables[name] for b in batches], name, None if in_order else position)
    return out


def _concat(parts: list[pd.DataFrame], name: str, position: dict[str, int] | None) -> pd.DataFrame:
    """Concatenate batch tables (empty ones left out unless the table keeps them, so the dtypes are those
    of the corpus-wide function), put in document order (``position``: doc_id -> place; None: they are in
    order), then stably sorted by doc_id if the function sorts."""
    filled = parts if name in WITH_EMPTY_PARTS else [p for p in parts if len(p)]
    if not filled:
        return parts[0] if parts else pd.DataFrame()
    table = pd.concat(filled, ignore_index=True) if len(filled) > 1 else filled[0].reset_index(drop=True)
    if "doc_id" not in table or table.empty:
        return table
    if position is not None:  # batches of several runs, interleaved: put the rows in corpus order
        where = table["doc_id"].map(position).to_numpy()
        if (np.diff(where) < 0).any():
            table = table.iloc[np.argsort(where, kind="stable")].reset_index(drop=True)
    if name in SORTED_BY_DOC and not table["doc_id"].is_monotonic_increasing:
        table = table.sort_values("doc_id", kind="stable").reset_index(drop=True)
    return table


def analyse(
    source: Corpus | str | Path | None,
    stages: Iterable[str] = STAGES,
    cache: bool | str | Path | NoCache | None = True,
    progress: bool = False,
    resources: Resources | None = None,
    engine: str = "embedded",
    workers: int | None = None,
    skip_duplicates: bool = True,
) -> dict[str, pd.DataFrame]:
    """The corpus tables of the chosen stages (``TABLES``), computed batch by batch (parameters: ``run``)."""
    results = run(source, stages, cache, progress, resources, engine, workers, skip_duplicates)
    return tables(results, results.run_order())
